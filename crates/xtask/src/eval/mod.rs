//! Quality evaluations. Each prints one JSON line per metric and returns whether its
//! quality gates held.

mod events;
mod html;
mod html_cores;
pub(crate) mod ner;
mod quotes;
pub(crate) mod shards;
pub(crate) mod stories;
mod text;
mod times;
pub(crate) mod tone;
mod topics;
mod warc;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context, Result, bail};

/// Data sets found absent in this process (by hand; under CI an absent one is an error).
static SKIPPED: AtomicUsize = AtomicUsize::new(0);

/// The article files of ECB+ under `dir`: every `.xml` of its topic folders, sorted by
/// path (the names and times evaluations read them).
pub fn ecbplus_articles(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for topic in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let topic = topic?.path();
        if topic.is_dir() {
            files.extend(crate::paths::files_in(&topic, "xml")?);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a data set an evaluation needs is there. Absent, it is an error under CI (where
/// `CI` is set: a gate that cannot run must not pass) and a counted, loud skip by hand.
pub fn present(path: &Path) -> Result<bool> {
    if path.exists() {
        return Ok(true);
    }
    if std::env::var_os("CI").is_some() {
        bail!(
            "{} is absent; under CI every evaluation's data must be there",
            path.display()
        );
    }
    let n = SKIPPED.fetch_add(1, Ordering::Relaxed) + 1;
    eprintln!(
        "SKIPPED ({n}): {} is absent; its figures and gates are not checked",
        path.display()
    );
    Ok(false)
}

/// An evaluation: its name and the function that runs it on the corpus root and on any
/// further data sets given by path.
type Evaluation = (&'static str, fn(&Path, &[PathBuf]) -> Result<bool>);

/// The evaluations `cargo xtask eval` runs: each has gates.
const EVALUATIONS: &[Evaluation] = &[
    ("text", |corpus, _| text::run(corpus)),
    ("html", html::run),
    ("warc", |corpus, _| warc::run(corpus)),
    ("times", times::run),
    ("ner", ner::run),
    ("quotes", quotes::run),
    ("events", events::run),
    ("tone", |corpus, _| tone::run(corpus)),
    ("topics", |corpus, _| topics::run(corpus)),
    ("stories", |corpus, _| stories::run(corpus)),
    ("shards", |corpus, _| shards::run(corpus)),
];

/// Measurements without gates, run only when named (`cargo xtask eval html-cores`): they
/// inform a choice and take minutes, so the run of every gate leaves them out.
const MEASUREMENTS: &[Evaluation] = &[("html-cores", |corpus, _| html_cores::run(corpus))];

/// Runs one evaluation, or all of them.
pub fn run(name: Option<&str>, corpus: &Path, extra: &[PathBuf]) -> Result<()> {
    if extra.is_empty() && !present(corpus)? {
        return Ok(());
    }
    let selected: Vec<&Evaluation> = match name {
        None => EVALUATIONS.iter().collect(),
        Some(name) => match EVALUATIONS
            .iter()
            .chain(MEASUREMENTS)
            .find(|(n, _)| *n == name)
        {
            Some(e) => vec![e],
            None => bail!(
                "no evaluation named {name}; there are: {}",
                EVALUATIONS
                    .iter()
                    .chain(MEASUREMENTS)
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    };
    let mut failed = Vec::new();
    for (name, evaluate) in selected {
        if !evaluate(corpus, extra)? {
            failed.push(*name);
        }
    }
    let skipped = SKIPPED.load(Ordering::Relaxed);
    if skipped > 0 {
        eprintln!("SKIPPED: {skipped} data set(s) absent; their gates were not checked");
    }
    if !failed.is_empty() {
        bail!("quality gates failed: {}", failed.join(", "));
    }
    Ok(())
}

/// Precision, recall and F1: precision over what was found, recall over the gold (the
/// two "right" counts differ where one found item may cover several gold ones or back).
pub fn prf(found_right: usize, found: usize, gold_right: usize, gold: usize) -> (f64, f64, f64) {
    let p = found_right as f64 / found.max(1) as f64;
    let r = gold_right as f64 / gold.max(1) as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// A quality gate: the least (or most) a metric may be.
#[derive(Debug, Clone, Copy)]
pub enum Gate {
    /// No gate: the figure is reported only.
    None,
    /// The metric must be at least this.
    AtLeast(f64),
    /// The metric must be at most this.
    AtMost(f64),
}

/// Prints a metric line and checks it against its gate.
pub fn metric(eval: &str, dataset: &str, metric: &str, value: f64, gate: Gate) -> bool {
    let (passed, gate_json) = match gate {
        Gate::None => (true, None),
        Gate::AtLeast(g) => (value >= g, Some(serde_json::json!({"at_least": g}))),
        Gate::AtMost(g) => (value <= g, Some(serde_json::json!({"at_most": g}))),
    };
    let mut line = serde_json::json!({
        "eval": eval,
        "dataset": dataset,
        "metric": metric,
        "value": (value * 10000.0).round() / 10000.0,
    });
    if let Some(gate) = gate_json {
        line["gate"] = gate;
        line["passed"] = passed.into();
    }
    println!("{line}");
    passed
}
