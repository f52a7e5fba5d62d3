//! `cargo xtask train-topics`: trains the classifier of the `topics` enricher and writes
//! `plugins/enrich/topics/model/topics.tsv`.
//!
//! Where the labels come from:
//!
//! - BBC News (bbc-news): its five folders, mapped onto the IPTC top level: business ->
//!   economy, business and finance; entertainment -> arts, culture, entertainment and
//!   media; politics -> politics; sport -> sport; tech -> science and technology.
//! - Reuters-21578: every story with a TOPICS label is economy, business and finance (its
//!   135 topics are all markets, commodities and economic indicators); at most
//!   [`REUTERS_CAP`] of them, so that they do not outweigh the other subjects.
//! - The subjects no labelled set has (conflict, crime, disaster, health, environment,
//!   weather, religion, education, labour, society) and world politics come from
//!   unlabelled news: CoNLL-2003 train stories (Reuters, 1996), the Groningen Meaning Bank
//!   (Voice of America, in runs of [`GMB_RUN`] sentences) and Reuters-21578 stories
//!   without a topic. A story gets a subject when the seed words of that subject (below,
//!   chosen for Dateline) occur at least [`SEED_HITS`] times in it and at least twice as
//!   often as those of any other subject; the classifier then learns the rest of their
//!   vocabulary from those stories.
//!
//! One story in five (by a hash of its id) is held aside. Two model families are trained
//! on the rest and scored on it, and timed: multinomial naive Bayes over word counts, and
//! multinomial logistic regression (SGD, fixed shuffle seed) over unit-length log counts.
//! `--family` picks what is written (the default is the one chosen on those numbers, see
//! the README); `--check` compares with the committed file instead of writing it.

use std::path::Path;
use std::time::Instant;

use anyhow::{Result, bail};
use dateline_topics::{Features, Model, SUBJECTS, for_each_word};
use rustc_hash::FxHashMap;

use crate::paths;

/// The most Reuters-21578 stories with a topic that are used.
const REUTERS_CAP: usize = 1500;
/// Sentences of the Groningen Meaning Bank read as one story.
const GMB_RUN: usize = 8;
/// The least seed-word occurrences that label a story.
const SEED_HITS: usize = 4;
/// How many opening words of a story make its short copy.
const HEAD_WORDS: usize = 40;
/// The most words in the vocabulary (by the number of stories they occur in).
const VOCABULARY: usize = 8_000;

/// Seed words per subject (IPTC code), for labelling unlabelled news.
const SEEDS: &[(&str, &[&str])] = &[
    (
        "medtop:16000000",
        &[
            "war",
            "troops",
            "soldiers",
            "military",
            "army",
            "militants",
            "rebels",
            "rebel",
            "insurgents",
            "fighting",
            "airstrike",
            "airstrikes",
            "ceasefire",
            "shelling",
            "bombing",
            "missile",
            "missiles",
            "invasion",
            "peacekeepers",
            "guerrillas",
            "guerrilla",
            "offensive",
            "battle",
            "artillery",
            "militia",
            "truce",
            "forces",
            "taliban",
            "insurgency",
            "clashes",
            "combat",
            "wounded",
        ],
    ),
    (
        "medtop:02000000",
        &[
            "police",
            "arrested",
            "court",
            "judge",
            "trial",
            "sentenced",
            "prison",
            "murder",
            "charged",
            "prosecutors",
            "prosecutor",
            "convicted",
            "jury",
            "lawsuit",
            "suspect",
            "robbery",
            "fraud",
            "detectives",
            "guilty",
            "verdict",
            "jail",
            "crime",
            "criminal",
            "smuggling",
            "trafficking",
            "investigators",
        ],
    ),
    (
        "medtop:03000000",
        &[
            "earthquake",
            "quake",
            "flood",
            "floods",
            "flooding",
            "hurricane",
            "tsunami",
            "crash",
            "crashed",
            "blaze",
            "rescuers",
            "rescue",
            "evacuated",
            "derailed",
            "explosion",
            "accident",
            "magnitude",
            "survivors",
            "firefighters",
            "landslide",
            "cyclone",
            "disaster",
            "wreckage",
            "victims",
        ],
    ),
    (
        "medtop:07000000",
        &[
            "health",
            "hospital",
            "patients",
            "disease",
            "virus",
            "vaccine",
            "doctors",
            "medical",
            "cancer",
            "outbreak",
            "infection",
            "infected",
            "flu",
            "hiv",
            "aids",
            "epidemic",
            "malaria",
            "bird",
            "cases",
        ],
    ),
    (
        "medtop:06000000",
        &[
            "climate",
            "emissions",
            "pollution",
            "environmental",
            "carbon",
            "species",
            "wildlife",
            "forests",
            "conservation",
            "greenhouse",
            "warming",
            "environment",
        ],
    ),
    (
        "medtop:17000000",
        &[
            "weather",
            "rain",
            "snow",
            "temperatures",
            "forecast",
            "meteorological",
            "heatwave",
            "rains",
            "winds",
            "rainfall",
        ],
    ),
    (
        "medtop:12000000",
        &[
            "church",
            "pope",
            "religious",
            "muslim",
            "muslims",
            "christian",
            "christians",
            "islam",
            "islamic",
            "bishop",
            "mosque",
            "catholic",
            "vatican",
            "jewish",
            "faith",
            "clergy",
        ],
    ),
    (
        "medtop:05000000",
        &[
            "school",
            "schools",
            "students",
            "teachers",
            "university",
            "education",
            "pupils",
            "exams",
            "universities",
            "college",
            "classroom",
        ],
    ),
    (
        "medtop:09000000",
        &[
            "workers",
            "unions",
            "union",
            "strike",
            "wages",
            "employees",
            "labour",
            "labor",
            "unemployment",
            "employment",
            "strikers",
            "pension",
        ],
    ),
    (
        "medtop:14000000",
        &[
            "poverty",
            "immigration",
            "immigrants",
            "migrants",
            "refugees",
            "welfare",
            "asylum",
            "homeless",
            "discrimination",
            "rights",
            "women",
            "children",
        ],
    ),
    (
        "medtop:11000000",
        &[
            "president",
            "minister",
            "election",
            "elections",
            "parliament",
            "government",
            "opposition",
            "vote",
            "voters",
            "diplomats",
            "diplomatic",
            "talks",
            "party",
            "prime",
            "cabinet",
            "sanctions",
            "summit",
            "ministry",
            "campaign",
        ],
    ),
    (
        "medtop:15000000",
        &[
            "match",
            "cup",
            "league",
            "goals",
            "championship",
            "tournament",
            "coach",
            "players",
            "scored",
            "striker",
            "innings",
            "wickets",
            "seeded",
            "semifinal",
            "final",
            "olympic",
        ],
    ),
];

/// Options of `cargo xtask train-topics`.
#[derive(clap::Args, Debug)]
pub struct TrainOptions {
    /// Corpus root (default ../shared/corpus).
    #[arg(long)]
    corpus: Option<std::path::PathBuf>,
    /// Which model family to write: `linear` or `bayes`.
    #[arg(long, default_value = "linear")]
    family: String,
    /// Fail unless the committed model is exactly what would be written.
    #[arg(long)]
    check: bool,
}

/// A training story: where it comes from, its text, and its subject (index into
/// [`SUBJECTS`]).
pub(crate) struct Story {
    pub source: &'static str,
    pub id: String,
    pub text: String,
    pub subject: usize,
}

fn subject(code: &str) -> usize {
    SUBJECTS
        .iter()
        .position(|(c, _)| *c == code)
        .expect("a known subject code")
}

pub(crate) fn held_aside(id: &str) -> bool {
    // FNV-1a: stable across runs and machines.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(5)
}

/// The subject the seed words give a story, if they are clear.
fn seeded(text: &str) -> Option<usize> {
    let mut hits = vec![0usize; SEEDS.len()];
    for_each_word(text, |w| {
        for (k, (_, words)) in SEEDS.iter().enumerate() {
            if words.contains(&w) {
                hits[k] += 1;
            }
        }
    });
    let mut order: Vec<usize> = (0..SEEDS.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(hits[k]));
    let (best, second) = (hits[order[0]], hits[order[1]]);
    (best >= SEED_HITS && best >= 2 * second).then(|| subject(SEEDS[order[0]].0))
}

/// Stories without a label: (id, text).
type Unlabelled = Vec<(String, String)>;

fn reuters_stories(corpus: &Path) -> Result<(Vec<Story>, Unlabelled)> {
    let mut labelled = Vec::new();
    let mut unlabelled = Vec::new();
    for story in crate::reuters::stories(corpus)? {
        let id = format!("reuters/{}", story.id);
        if story.has_topic {
            labelled.push(Story {
                source: "reuters",
                id,
                text: story.text,
                subject: subject("medtop:04000000"),
            });
        } else {
            unlabelled.push((id, story.text));
        }
    }
    labelled.truncate(REUTERS_CAP);
    Ok((labelled, unlabelled))
}

pub(crate) fn read_stories(corpus: &Path) -> Result<Vec<Story>> {
    let mut stories = Vec::new();
    for (folder, code) in [
        ("business", "medtop:04000000"),
        ("entertainment", "medtop:01000000"),
        ("politics", "medtop:11000000"),
        ("sport", "medtop:15000000"),
        ("tech", "medtop:13000000"),
    ] {
        let dir = corpus.join("bbc-news/bbc").join(folder);
        for path in crate::bench::list_files(&dir, "txt")? {
            let bytes = std::fs::read(&path)?;
            stories.push(Story {
                source: "bbc",
                id: format!(
                    "bbc/{folder}/{}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ),
                text: String::from_utf8_lossy(&bytes).into_owned(),
                subject: subject(code),
            });
        }
    }
    let (reuters, mut unlabelled) = reuters_stories(corpus)?;
    stories.extend(reuters);
    for (n, doc) in crate::ner::read_conll(&corpus.join("conll2003-en/train.txt"))?
        .into_iter()
        .enumerate()
    {
        let text: Vec<String> = doc.iter().map(|s| s.tokens.join(" ")).collect();
        unlabelled.push((format!("conll/{n}"), text.join("\n")));
    }
    let gmb = crate::ner::read_gmb(&corpus.join("gmb-ner/ner_dataset.csv.zip"))?;
    for (n, run) in gmb
        .iter()
        .flat_map(|doc| doc.iter())
        .collect::<Vec<_>>()
        .chunks(GMB_RUN)
        .enumerate()
    {
        let text: Vec<String> = run.iter().map(|s| s.tokens.join(" ")).collect();
        unlabelled.push((format!("gmb/{n}"), text.join("\n")));
    }
    for (id, text) in unlabelled {
        if let Some(subject) = seeded(&text) {
            stories.push(Story {
                source: "seeded",
                id,
                text,
                subject,
            });
        }
    }
    Ok(stories)
}

/// The classes with training stories, as indexes into [`SUBJECTS`], in code order.
fn classes_of(stories: &[Story]) -> Vec<usize> {
    let mut classes: Vec<usize> = stories.iter().map(|s| s.subject).collect();
    classes.sort_unstable();
    classes.dedup();
    classes
}

fn vocabulary(stories: &[&Story]) -> Vec<String> {
    let mut df: FxHashMap<String, usize> = FxHashMap::default();
    for s in stories {
        let mut seen: Vec<String> = Vec::new();
        for_each_word(&s.text, |w| seen.push(w.to_string()));
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let mut words: Vec<(String, usize)> = df.into_iter().filter(|(_, n)| *n >= 3).collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    words.truncate(VOCABULARY);
    words.sort();
    words.into_iter().map(|(w, _)| w).collect()
}

fn bayes(stories: &[&Story], classes: &[usize], vocabulary: Vec<String>) -> Model {
    let c = classes.len();
    let empty = Model::new(
        classes.to_vec(),
        Features::Counts,
        1.0,
        vec![0.0; c],
        vocabulary.clone(),
        vec![0.0; vocabulary.len() * c],
    );
    let mut counts = vec![1.0f64; vocabulary.len() * c]; // Laplace
    let mut docs = vec![0f64; c];
    for s in stories {
        let k = classes
            .iter()
            .position(|&x| x == s.subject)
            .expect("a class");
        docs[k] += 1.0;
        for (i, x) in empty.input(&[&s.text]) {
            counts[i as usize * c + k] += x as f64;
        }
    }
    let mut totals = vec![0f64; c];
    for (j, n) in counts.iter().enumerate() {
        totals[j % c] += n;
    }
    let weights: Vec<f32> = counts
        .iter()
        .enumerate()
        .map(|(j, n)| (n / totals[j % c]).ln() as f32)
        .collect();
    let all: f64 = docs.iter().sum();
    let bias = docs.iter().map(|d| (d / all).ln() as f32).collect();
    // Word counts make naive Bayes far too sure; a temperature spreads its scores.
    Model::new(
        classes.to_vec(),
        Features::Counts,
        8.0,
        bias,
        vocabulary,
        weights,
    )
}

fn linear(stories: &[&Story], classes: &[usize], vocabulary: Vec<String>) -> Model {
    let c = classes.len();
    let v = vocabulary.len();
    let shell = Model::new(
        classes.to_vec(),
        Features::LogCountsUnit,
        1.0,
        vec![0.0; c],
        vocabulary.clone(),
        vec![0.0; v * c],
    );
    let inputs: Vec<(Vec<(u32, f32)>, usize)> = stories
        .iter()
        .map(|s| {
            let k = classes
                .iter()
                .position(|&x| x == s.subject)
                .expect("a class");
            (shell.input(&[&s.text]), k)
        })
        .collect();
    // Classes weighted against their size, so that a large source does not drown a small
    // subject.
    let mut sizes = vec![0usize; c];
    inputs.iter().for_each(|(_, k)| sizes[*k] += 1);
    let class_weight: Vec<f32> = sizes
        .iter()
        .map(|&n| (inputs.len() as f32 / (c as f32 * n.max(1) as f32)).sqrt())
        .collect();
    let sgd = crate::learn::Sgd {
        epochs: 12,
        rate: 0.5,
        lambda: 1e-5,
        average_last: 0,
    };
    let (bias, weights) = crate::learn::softmax_regression(&inputs, c, v, &class_weight, &sgd);
    Model::new(
        classes.to_vec(),
        Features::LogCountsUnit,
        1.0,
        bias,
        vocabulary,
        weights,
    )
}

/// Accuracy of the top class on held-aside stories, by source.
fn score(model: &Model, stories: &[&Story]) -> Vec<(&'static str, f64, usize)> {
    let mut by: Vec<(&'static str, usize, usize)> = Vec::new();
    for s in stories {
        let input = model.input(&[&s.text]);
        let p = model.probabilities(&input);
        let best = (0..p.len())
            .max_by(|&a, &b| p[a].total_cmp(&p[b]).then(b.cmp(&a)))
            .expect("classes");
        let right = model.classes[best] == s.subject;
        match by.iter_mut().find(|b| b.0 == s.source) {
            Some(b) => {
                b.1 += usize::from(right);
                b.2 += 1;
            }
            None => by.push((s.source, usize::from(right), 1)),
        }
    }
    by.into_iter()
        .map(|(s, r, n)| (s, r as f64 / n as f64, n))
        .collect()
}

/// Trains, compares and writes (or checks) the model.
pub fn train(options: TrainOptions) -> Result<()> {
    let corpus = options.corpus.unwrap_or_else(paths::corpus_root);
    let stories = read_stories(&corpus)?;
    let (aside, train): (Vec<&Story>, Vec<&Story>) =
        stories.iter().partition(|s| held_aside(&s.id));
    let classes = classes_of(&stories);
    let mut per_subject = vec![0usize; SUBJECTS.len()];
    stories.iter().for_each(|s| per_subject[s.subject] += 1);
    eprintln!(
        "{} stories ({} held aside); by subject: {}",
        stories.len(),
        aside.len(),
        classes
            .iter()
            .map(|&k| format!("{} {}", SUBJECTS[k].1, per_subject[k]))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let words = vocabulary(&train);
    // Each story also as its opening (its first HEAD_WORDS words): a news-wire item or a
    // headline with a standfirst is that short, and a model that saw only whole stories
    // reads a short text worse.
    let heads: Vec<Story> = train
        .iter()
        .map(|s| Story {
            source: s.source,
            id: format!("{}#head", s.id),
            text: s
                .text
                .split_whitespace()
                .take(HEAD_WORDS)
                .collect::<Vec<_>>()
                .join(" "),
            subject: s.subject,
        })
        .collect();
    let train: Vec<&Story> = train.iter().copied().chain(heads.iter()).collect();
    let mut chosen = None;
    for family in ["bayes", "linear"] {
        let started = Instant::now();
        let model = match family {
            "bayes" => bayes(&train, &classes, words.clone()),
            _ => linear(&train, &classes, words.clone()),
        };
        let trained = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let figures = score(&model, &aside);
        let per_story = started.elapsed().as_secs_f64() / aside.len().max(1) as f64;
        println!(
            "{}",
            serde_json::json!({
                "family": family,
                "held_aside_accuracy": figures.iter().map(|(s, a, n)| serde_json::json!({"source": s, "accuracy": (a * 10000.0).round() / 10000.0, "stories": n})).collect::<Vec<_>>(),
                "train_seconds": (trained * 100.0).round() / 100.0,
                "classify_microseconds_per_story": (per_story * 1e7).round() / 10.0,
            })
        );
        if family == options.family {
            chosen = Some(model);
        }
    }
    if chosen.is_none() {
        bail!("no model family named {}: bayes or linear", options.family);
    }
    // The shipped model is the one just scored: the held-aside stories stay unseen, so
    // that `cargo xtask eval topics` can score it on them.
    let model = chosen.expect("checked above");
    let text = model.to_text(&[
        "The topic classifier of the Dateline `topics` enricher. Generated by `cargo xtask train-topics`".into(),
        format!("from BBC News (bbc-news), Reuters-21578 and seed-labelled CoNLL-2003 train, GMB and Reuters-21578 stories; family {}.", options.family),
    ]);
    let path = paths::repo_root().join("plugins/enrich/topics/model/topics.tsv");
    if !paths::write_or_check(&path, &text, options.check, "cargo xtask train-topics")? {
        return Ok(());
    }
    println!(
        "wrote {} ({} words, {} classes)",
        path.display(),
        model.words(),
        model.classes.len()
    );
    Ok(())
}
