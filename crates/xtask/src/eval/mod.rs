//! Quality evaluations. Each prints one JSON line per metric and returns whether its
//! quality gates held.

mod text;

use std::path::Path;

use anyhow::{Result, bail};

/// An evaluation: its name and the function that runs it.
type Evaluation = (&'static str, fn(&Path) -> Result<bool>);

const EVALUATIONS: &[Evaluation] = &[("text", text::run)];

/// Runs one evaluation, or all of them.
pub fn run(name: Option<&str>, corpus: &Path) -> Result<()> {
    if !corpus.exists() {
        eprintln!(
            "SKIPPED: no corpus at {}; nothing to evaluate",
            corpus.display()
        );
        return Ok(());
    }
    let selected: Vec<&Evaluation> = match name {
        None => EVALUATIONS.iter().collect(),
        Some(name) => match EVALUATIONS.iter().find(|(n, _)| *n == name) {
            Some(e) => vec![e],
            None => bail!(
                "no evaluation named {name}; there are: {}",
                EVALUATIONS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
    };
    let mut failed = Vec::new();
    for (name, evaluate) in selected {
        if !evaluate(corpus)? {
            failed.push(*name);
        }
    }
    if !failed.is_empty() {
        bail!("quality gates failed: {}", failed.join(", "));
    }
    Ok(())
}

/// Prints a metric line and checks it against a minimum.
pub fn metric(eval: &str, dataset: &str, metric: &str, value: f64, gate: Option<f64>) -> bool {
    let passed = gate.is_none_or(|g| value >= g);
    let mut line = serde_json::json!({
        "eval": eval,
        "dataset": dataset,
        "metric": metric,
        "value": (value * 10000.0).round() / 10000.0,
    });
    if let Some(gate) = gate {
        line["gate"] = gate.into();
        line["passed"] = passed.into();
    }
    println!("{line}");
    passed
}
