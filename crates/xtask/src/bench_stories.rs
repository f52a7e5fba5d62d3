//! `cargo xtask bench stories`: story clustering as the corpus grows.
//!
//! Synthetic records (10k, 100k, 1M) stand in for a year of news: stories of Zipf-distributed
//! sizes, each about one of a few hundred topics, with its own names, places and wording,
//! its articles published within a few days of each other over a year; bodies of about 150
//! words mix background vocabulary, topic words and the story's own. Each size runs in its
//! own process so that its peak memory is its own. Reported per size: signature time
//! (records through [`Stories::add`]), clustering time, bytes kept per record, peak RSS, and
//! B-cubed F1 against the generated stories (a sanity check, not a quality figure).

use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use dateline_core::{Document, Entity, EntityType, Mention, Source};
use dateline_stories::signature::mix;
use dateline_stories::{Settings, Stories};

/// The sizes measured, smallest first.
const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

pub fn run(only: Option<usize>) -> Result<()> {
    let sizes: Vec<usize> = only.map_or(SIZES.to_vec(), |n| vec![n]);
    println!(
        "{:>10} {:>12} {:>12} {:>12} {:>10} {:>12} {:>9}",
        "records", "signatures s", "cluster s", "records/s", "bytes/rec", "peak RSS MB", "B3 F1"
    );
    for n in sizes {
        let child = Command::new(std::env::current_exe()?)
            .args(["bench", "stories-one", "--records", &n.to_string()])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .context("starting the measuring process")?;
        let pid = child.id() as libc::pid_t;
        let output = child.stdout.context("its output")?;
        let crate::bench::Usage {
            code, peak_rss_mb, ..
        } = crate::bench::wait_with_usage(pid)?;
        if code != 0 {
            bail!("the {n}-record run exited with {code}");
        }
        let line = std::io::read_to_string(output)?;
        let m: serde_json::Value = serde_json::from_str(line.trim()).context("its figures")?;
        let (sign, cluster) = (
            m["signature_s"].as_f64().unwrap_or(0.0),
            m["cluster_s"].as_f64().unwrap_or(0.0),
        );
        println!(
            "{n:>10} {sign:>12.2} {cluster:>12.2} {:>12.0} {:>10} {peak_rss_mb:>12.0} {:>9.3}",
            n as f64 / (sign + cluster),
            m["bytes_per_record"],
            m["bcubed_f1"].as_f64().unwrap_or(0.0),
        );
    }
    Ok(())
}

/// One size, in this process: prints its figures as a JSON line.
pub fn run_one(records: usize) -> Result<()> {
    let mut corpus = Corpus::new(records);
    let mut stories = Stories::new(Settings::default());
    let mut truth = Vec::with_capacity(records);
    // Only the time in `add` counts: making up the articles is not Dateline's work.
    let mut adding = std::time::Duration::ZERO;
    for i in 0..records {
        let (doc, story) = corpus.article(i);
        let started = Instant::now();
        stories.add(&doc);
        adding += started.elapsed();
        truth.push(story);
    }
    let signature_s = adding.as_secs_f64();
    let bytes_per_record = stories.bytes_per_record();
    let started = Instant::now();
    let book = stories.finish();
    let cluster_s = started.elapsed().as_secs_f64();
    let found: Vec<usize> = book.story_of.iter().map(|&s| s as usize).collect();
    println!(
        "{}",
        serde_json::json!({
            "records": records,
            "signature_s": signature_s,
            "cluster_s": cluster_s,
            "bytes_per_record": bytes_per_record,
            "stories": book.stories.len(),
            "true_stories": corpus.stories,
            "compared": book.clustering.compared,
            "edges": book.clustering.edges,
            "topics": book.clustering.topics,
            "largest_topic": book.clustering.largest_topic,
            "graph_s": book.clustering.time[0].as_secs_f64(),
            "topics_s": book.clustering.time[1].as_secs_f64(),
            "split_s": book.clustering.time[2].as_secs_f64(),
            "bcubed_f1": crate::eval::stories::Scores::of(&found, &truth).bcubed.2,
        })
    );
    Ok(())
}

/// A deterministic generator of news-like records.
struct Corpus {
    rng: u64,
    /// Story of each article, decided up front: (story, day).
    plan: Vec<(u32, i32)>,
    stories: usize,
    topics: Vec<Vec<String>>,
    background: Vec<String>,
}

const TOPICS: usize = 300;
const BACKGROUND: usize = 20_000;

impl Corpus {
    fn new(records: usize) -> Corpus {
        let mut corpus = Corpus {
            rng: 0x2545_f491_4f6c_dd1d,
            plan: Vec::with_capacity(records),
            stories: 0,
            topics: Vec::new(),
            background: common_words(BACKGROUND),
        };
        corpus.topics = (0..TOPICS)
            .map(|t| (0..30).map(|k| word((t * 1000 + k) as u64, 2)).collect())
            .collect();
        // Story sizes: Zipf-like, most stories one or two articles, a few hundreds.
        while corpus.plan.len() < records {
            let story = corpus.stories as u32;
            let size = ((1.0 / (1.0 - corpus.uniform() * 0.995)).powf(1.2) as usize).max(1);
            let day = (corpus.next() % 365) as i32;
            for _ in 0..size.min(records - corpus.plan.len()) {
                let spread = (corpus.next() % 4) as i32;
                corpus.plan.push((story, day + spread));
            }
            corpus.stories += 1;
        }
        // Articles of one story arrive interleaved with others, as in a crawl.
        for i in (1..corpus.plan.len()).rev() {
            let j = (corpus.next() % (i as u64 + 1)) as usize;
            corpus.plan.swap(i, j);
        }
        corpus
    }

    fn next(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Zipf-ish pick from `0..n`.
    fn zipf(&mut self, n: usize) -> usize {
        let u = self.uniform();
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }

    /// Article `i`: its document and its story.
    fn article(&mut self, i: usize) -> (Document, u32) {
        let (story, day) = self.plan[i];
        let s = story as u64;
        let topic = (mix(s) % TOPICS as u64) as usize;
        let own: Vec<String> = (0..8).map(|k| word(s * 16 + k, 3)).collect();
        let names: Vec<String> = (0..4).map(|k| name(s * 8 + k)).collect();
        let mut body = String::with_capacity(1200);
        let mut mentions: Vec<Vec<Mention>> = vec![Vec::new(); names.len()];
        for position in 0..150 {
            let roll = self.next() % 100;
            if !body.is_empty() {
                body.push(if position % 25 == 0 { '.' } else { ' ' });
                if position % 25 == 0 {
                    body.push(' ');
                }
            }
            let w: &str = match roll {
                0..=54 => {
                    let k = self.zipf(BACKGROUND);
                    &self.background[k]
                }
                55..=79 => {
                    let k = self.zipf(30);
                    &self.topics[topic][k]
                }
                80..=94 => &own[(self.next() % own.len() as u64) as usize],
                _ => {
                    let k = (self.next() % names.len() as u64) as usize;
                    let start = body.chars().count();
                    mentions[k].push(Mention {
                        start,
                        end: start + names[k].chars().count(),
                        text: names[k].clone(),
                        field: None,
                    });
                    &names[k]
                }
            };
            body.push_str(w);
        }
        let mut doc = Document::new(Source::new(format!("synthetic/{i:07}.txt"), 0, "text"));
        doc.headline = Some(format!("{} {} {}", own[0], self.topics[topic][0], own[1]));
        doc.published = Some(format!(
            "{}T12:00:00Z",
            dateline_stories::signature::date_of_day(20_000 + day)
        ));
        doc.body = body;
        doc.entities = names
            .into_iter()
            .zip(mentions)
            .enumerate()
            .filter(|(_, (_, m))| !m.is_empty())
            .map(|(k, (name, mentions))| Entity {
                id: format!("e{}", k + 1),
                kind: if k == 0 {
                    EntityType::Place
                } else {
                    EntityType::Person
                },
                name,
                aliases: Vec::new(),
                title: None,
                roles: Vec::new(),
                acronym: None,
                geo: None,
                mentions,
                tone: None,
            })
            .collect();
        (doc, story)
    }
}

/// The `n` words most news articles use, most used first, from the reference counts
/// story clustering ships (crates/stories/data/background.tsv.gz): background text that
/// is as common as real text is.
fn common_words(n: usize) -> Vec<String> {
    use std::io::Read;
    let path = crate::paths::repo_root().join("crates/stories/data/background.tsv.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("the shipped table"))
        .read_to_string(&mut text)
        .expect("gzip text");
    let mut rows: Vec<(u32, &str)> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(w, c)| Some((c.parse().ok()?, w)))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    rows.into_iter()
        .take(n)
        .map(|(_, w)| w.to_string())
        .collect()
}

/// A pronounceable made-up word, distinct per (id, family).
fn word(id: u64, family: u64) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "ta", "vo", "shi", "dar", "ne", "pul", "ex", "bri", "so", "gan",
        "ti", "mur",
    ];
    let mut h = mix(id.wrapping_mul(31).wrapping_add(family));
    let mut w = String::new();
    for _ in 0..3 + (h % 2) as usize {
        w.push_str(SYLLABLES[(h % 16) as usize]);
        h /= 16;
    }
    w
}

/// A made-up two-word name.
fn name(id: u64) -> String {
    let mut first = word(id, 7);
    let mut last = word(id, 8);
    first[..1].make_ascii_uppercase();
    last[..1].make_ascii_uppercase();
    format!("{first} {last}")
}
