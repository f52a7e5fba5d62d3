//! `cargo xtask eval stories`: story clustering on ECB+ topics 1-35.
//!
//! Each topic of ECB+ holds articles about two real-world events of one kind (two
//! celebrities checking into rehab; two earthquakes); the gold story of an article is its
//! topic and its half (`ecb` or `ecbplus`). Every article goes through one run, as a
//! JSONL dump (the page-URL line of `ecbplus` articles dropped, the title as the headline),
//! with entities and times before the `stories` sink. Reported: B-cubed and pairwise
//! precision, recall and F1 over all topics and over the odd and even topics apart (how
//! much a figure moves with the topics), and one-level clustering (corpus weights only,
//! its threshold tuned here) as the baseline the two levels must beat.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use dateline_core::Document;
use dateline_runner::Silent;
use dateline_stories::{Settings, Stories};

use super::{Gate, metric, prf};

/// One article of the gold: its story (`"12"` or `"12+"`) and topic.
struct Article {
    story: String,
    topic: u32,
}

pub fn run(corpus: &Path) -> Result<bool> {
    let dir = corpus.join("ecbplus");
    if !super::present(&dir)? {
        return Ok(true);
    }
    let scratch =
        std::env::temp_dir().join(format!("dateline-eval-stories-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let articles = write_dump(&dir, &scratch.join("ecbplus.jsonl"))?;
    let pipeline = scratch.join("eval-stories.toml");
    std::fs::write(
        &pipeline,
        "[run]\ndead_letter = \"dead.jsonl\"\n\
         [[source]]\nuse = \"jsonl\"\npaths = [\"ecbplus.jsonl\"]\n\
         [[enrich]]\nuse = \"entities\"\n[[enrich]]\nuse = \"times\"\n\
         [[sink]]\nuse = \"jsonl\"\npath = \"records.jsonl\"\n\
         [[sink]]\nuse = \"stories\"\npath = \"stories.jsonl\"\n",
    )?;
    let plan = dateline_runner::load(&pipeline, &[], &dateline_cli::builtin_registry())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    dateline_runner::run(&plan, &Silent)?;

    // The sink's stories, as record index -> story.
    let mut found = vec![usize::MAX; articles.len()];
    let text = std::fs::read_to_string(scratch.join("stories.jsonl"))?;
    for (k, line) in text.lines().enumerate() {
        let story: serde_json::Value = serde_json::from_str(line)?;
        for id in story["records"].as_array().context("records")? {
            let id = id.as_str().context("a record id")?;
            let line: usize = id.rsplit('#').next().context("#part")?.parse()?;
            found[line] = k;
        }
    }
    anyhow::ensure!(
        found.iter().all(|&s| s != usize::MAX),
        "a record is in no story"
    );
    let gold: Vec<&str> = articles.iter().map(|a| a.story.as_str()).collect();
    let mut passed = true;
    let set = "ecbplus-1-35";
    let all = Scores::of(&found, &gold);
    passed &= metric(
        "stories",
        set,
        "bcubed_f1",
        all.bcubed.2,
        Gate::AtLeast(0.945),
    );
    metric("stories", set, "bcubed_precision", all.bcubed.0, Gate::None);
    metric("stories", set, "bcubed_recall", all.bcubed.1, Gate::None);
    passed &= metric(
        "stories",
        set,
        "pairwise_f1",
        all.pairwise.2,
        Gate::AtLeast(0.92),
    );
    metric(
        "stories",
        set,
        "pairwise_precision",
        all.pairwise.0,
        Gate::None,
    );
    metric(
        "stories",
        set,
        "pairwise_recall",
        all.pairwise.1,
        Gate::None,
    );
    metric("stories", set, "stories", all.stories as f64, Gate::None);
    metric(
        "stories",
        set,
        "gold_stories",
        all.gold_stories as f64,
        Gate::None,
    );
    for (half, parity) in [("ecbplus-odd-topics", 1), ("ecbplus-even-topics", 0)] {
        let keep: Vec<usize> = (0..articles.len())
            .filter(|&i| articles[i].topic % 2 == parity)
            .collect();
        let part = Scores::of(
            &keep.iter().map(|&i| found[i]).collect::<Vec<_>>(),
            &keep.iter().map(|&i| gold[i]).collect::<Vec<_>>(),
        );
        metric("stories", half, "bcubed_f1", part.bcubed.2, Gate::None);
    }

    let records: Vec<Document> = std::fs::read_to_string(scratch.join("records.jsonl"))?
        .lines()
        .map(|l| serde_json::from_str(l).context("a record"))
        .collect::<Result<_>>()?;
    // The held-out measure runs about ten topics at a time: fewer articles, weaker corpus
    // statistics. Each third of the topics is clustered in a run of its own.
    let topics: Vec<u32> = {
        let mut t: Vec<u32> = articles.iter().map(|a| a.topic).collect();
        t.sort_unstable();
        t.dedup();
        t
    };
    let mut thirds = Vec::new();
    for part in topics.chunks(topics.len().div_ceil(3)) {
        let keep: Vec<usize> = (0..articles.len())
            .filter(|&i| part.contains(&articles[i].topic))
            .collect();
        let docs: Vec<Document> = keep.iter().map(|&i| records[i].clone()).collect();
        let labels = cluster(&docs, Settings::default());
        let part_gold: Vec<&str> = keep.iter().map(|&i| gold[i]).collect();
        let scores = Scores::of(&labels, &part_gold);
        thirds.push(scores.bcubed.2);
        metric(
            "stories",
            &format!("ecbplus-topics-{}-{}-alone", part[0], part[part.len() - 1]),
            "bcubed_f1",
            scores.bcubed.2,
            Gate::None,
        );
    }
    passed &= metric(
        "stories",
        "ecbplus-thirds-alone",
        "mean_bcubed_f1",
        thirds.iter().sum::<f64>() / thirds.len() as f64,
        Gate::AtLeast(0.932),
    );

    // The baseline: one level, corpus weights, threshold tuned on these topics.
    let one_level = Settings {
        topic_threshold: 0.20,
        story_threshold: 0.0,
        ..Settings::default()
    };
    let baseline = Scores::of(&cluster(&records, one_level), &gold);
    metric(
        "stories",
        set,
        "one_level_bcubed_f1",
        baseline.bcubed.2,
        Gate::None,
    );
    // The sink and the library agree: the sink adds nothing of its own.
    let again = Scores::of(&cluster(&records, Settings::default()), &gold);
    passed &= metric(
        "stories",
        set,
        "library_matches_sink",
        f64::from(u8::from(again.bcubed == all.bcubed)),
        Gate::AtLeast(1.0),
    );
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(passed)
}

fn cluster(records: &[Document], settings: Settings) -> Vec<usize> {
    let mut stories = Stories::new(settings);
    for doc in records {
        stories.add(doc);
    }
    let book = stories.finish();
    book.story_of.iter().map(|&s| s as usize).collect()
}

/// Writes every article as a JSONL line (`title`, `text`) and returns the gold in line order.
fn write_dump(dir: &Path, out: &Path) -> Result<Vec<Article>> {
    let mut files: Vec<(u32, String, std::path::PathBuf)> = Vec::new();
    for topic in std::fs::read_dir(dir)? {
        let topic = topic?.path();
        let Some(number) = topic
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        for file in std::fs::read_dir(&topic)? {
            let path = file?.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if name.ends_with(".xml") {
                files.push((number, name, path));
            }
        }
    }
    files.sort();
    let mut lines = String::new();
    let mut articles = Vec::new();
    for (topic, name, path) in files {
        let source = std::fs::read_to_string(&path)?;
        let xml = roxmltree::Document::parse(&source)
            .with_context(|| format!("parsing {}", path.display()))?;
        let mut sentences: Vec<(u32, Vec<&str>)> = Vec::new();
        for token in xml.descendants().filter(|n| n.has_tag_name("token")) {
            let sentence: u32 = token.attribute("sentence").unwrap_or("0").parse()?;
            match sentences.last_mut() {
                Some((s, words)) if *s == sentence => words.push(token.text().unwrap_or("")),
                _ => sentences.push((sentence, vec![token.text().unwrap_or("")])),
            }
        }
        let plus = name.ends_with("ecbplus.xml");
        // An ecbplus article opens with its page's URL.
        let sentences = if plus {
            &sentences[1..]
        } else {
            &sentences[..]
        };
        let Some(((_, title), rest)) = sentences.split_first() else {
            continue;
        };
        let text: Vec<String> = rest.iter().map(|(_, words)| detokenize(words)).collect();
        let line = serde_json::json!({"title": detokenize(title), "text": text.join("\n\n")});
        lines.push_str(&line.to_string());
        lines.push('\n');
        articles.push(Article {
            story: format!("{topic}{}", if plus { "+" } else { "" }),
            topic,
        });
    }
    std::fs::write(out, lines)?;
    Ok(articles)
}

/// Joins corpus tokens as a page would print them ("Reid 's rep ," -> "Reid's rep,").
fn detokenize(words: &[&str]) -> String {
    detokenize_spans(words, false).0
}

/// [`detokenize`], with each token's byte span in the text; `glue_compounds` also
/// joins what the corpus split inside a word or a number ("26 - year - old",
/// "4 : 59", "a. m.").
pub(crate) fn detokenize_spans(
    words: &[&str],
    glue_compounds: bool,
) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(words.len());
    let mut quote_open = false;
    let mut glue_next = false;
    for &word in words {
        let word = match word {
            "``" | "''" => "\"",
            w => w,
        };
        let attaches = matches!(word, "," | "." | ";" | ":" | "!" | "?" | "%" | ")" | "]")
            || matches!(word, "'s" | "n't" | "'re" | "'ve" | "'ll" | "'d" | "'m")
            || (word == "\"" && quote_open);
        let compound = glue_compounds
            && (word == "-"
                || text.ends_with('-')
                || (text.ends_with(':') && word.starts_with(|c: char| c.is_ascii_digit()))
                || (matches!(word, "m." | "m")
                    && (text.ends_with(" a.") || text.ends_with(" p."))));
        if !text.is_empty() && !attaches && !glue_next && !compound {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(word);
        spans.push((start, text.len()));
        glue_next = matches!(word, "(" | "[" | "$") || (word == "\"" && !quote_open);
        if word == "\"" {
            quote_open = !quote_open;
        }
    }
    (text, spans)
}

/// B-cubed and pairwise precision, recall and F1 of a clustering against the gold.
pub(crate) struct Scores {
    pub bcubed: (f64, f64, f64),
    pairwise: (f64, f64, f64),
    stories: usize,
    gold_stories: usize,
}

impl Scores {
    pub fn of<G: std::hash::Hash + Eq + Copy>(found: &[usize], gold: &[G]) -> Scores {
        let n = found.len();
        let mut joint: HashMap<(usize, G), usize> = HashMap::new();
        let mut by_found: HashMap<usize, usize> = HashMap::new();
        let mut by_gold: HashMap<G, usize> = HashMap::new();
        for (&f, &g) in found.iter().zip(gold) {
            *joint.entry((f, g)).or_default() += 1;
            *by_found.entry(f).or_default() += 1;
            *by_gold.entry(g).or_default() += 1;
        }
        let (mut p, mut r) = (0.0, 0.0);
        for (&f, &g) in found.iter().zip(gold) {
            let both = joint[&(f, g)] as f64;
            p += both / by_found[&f] as f64;
            r += both / by_gold[&g] as f64;
        }
        let (p, r) = (p / n.max(1) as f64, r / n.max(1) as f64);
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let pairs = |sizes: &mut dyn Iterator<Item = usize>| -> usize {
            sizes.map(|s| s * s.saturating_sub(1) / 2).sum()
        };
        let right = pairs(&mut joint.values().copied());
        let pairwise = prf(
            right,
            pairs(&mut by_found.values().copied()),
            right,
            pairs(&mut by_gold.values().copied()),
        );
        Scores {
            bcubed: (p, r, f1),
            pairwise,
            stories: by_found.len(),
            gold_stories: by_gold.len(),
        }
    }
}
