//! The `text` parser on real copies: the seed's expected fields and the BBC corpus
//! (headline = first line, every paragraph kept, nothing dead-lettered).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dateline_runner::{Override, Silent};

use super::{Gate, metric};

/// Runs the text pipeline over `glob` into a temporary JSONL file and returns the records and summary.
fn run_text(
    glob: &str,
    out_dir: &Path,
) -> Result<(Vec<serde_json::Value>, dateline_runner::Summary)> {
    let pipeline = out_dir.join("eval-text.toml");
    std::fs::write(
        &pipeline,
        format!(
            "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\n[[source]]\nuse = \"text\"\npaths = [{glob:?}]\n[[sink]]\nuse = \"jsonl\"\npath = \"articles.jsonl\"\n"
        ),
    )?;
    let plan = dateline_runner::load(
        &pipeline,
        &[] as &[Override],
        &dateline_cli::builtin_registry(),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let summary = dateline_runner::run(&plan, &Silent)?;
    let text = std::fs::read_to_string(out_dir.join("articles.jsonl"))?;
    let records = text
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<Vec<_>, _>>()?;
    Ok((records, summary))
}

pub fn run(corpus: &Path) -> Result<bool> {
    let scratch = std::env::temp_dir().join(format!("dateline-eval-text-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let mut passed = true;

    let seed = corpus.join("seed");
    if super::present(&seed)? {
        let (records, _) = run_text(&format!("{}/*.txt", seed.display()), &scratch)?;
        let checks = seed_checks(&records);
        let share = checks.iter().filter(|(_, ok)| *ok).count() as f64 / checks.len() as f64;
        for (name, ok) in &checks {
            if !ok {
                eprintln!("seed check failed: {name}");
            }
        }
        passed &= metric(
            "text",
            "seed",
            "field_checks_passed",
            share,
            Gate::AtLeast(1.0),
        );
    }

    let bbc = corpus.join("bbc-news/bbc");
    if super::present(&bbc)? {
        let (records, summary) = run_text(&format!("{}/*/*.txt", bbc.display()), &scratch)?;
        passed &= metric(
            "text",
            "bbc-news",
            "records",
            records.len() as f64,
            Gate::AtLeast(2225.0),
        );
        passed &= metric(
            "text",
            "bbc-news",
            "dead_lettered",
            summary.dead_lettered as f64,
            Gate::AtMost(0.0),
        );
        let warned = records
            .iter()
            .filter(|r| r.get("warnings").is_some())
            .count();
        metric(
            "text",
            "bbc-news",
            "records_with_warnings",
            warned as f64,
            Gate::None,
        );
        let mut headline_ok = 0usize;
        let (mut kept, mut total) = (0usize, 0usize);
        for record in &records {
            let path = PathBuf::from(record["source"]["uri"].as_str().context("uri")?);
            let bytes = std::fs::read(&path)?;
            let text = String::from_utf8_lossy(&bytes);
            let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
            if record["headline"].as_str() == lines.next() {
                headline_ok += 1;
            }
            let body = record["body"].as_str().unwrap_or("");
            for line in lines {
                total += 1;
                if line.is_ascii() && body.contains(line) {
                    kept += 1;
                } else if !line.is_ascii() {
                    // Repaired encodings change the bytes; count a line kept when its ASCII words are.
                    let words: Vec<&str> =
                        line.split_whitespace().filter(|w| w.is_ascii()).collect();
                    if words.iter().all(|w| body.contains(w)) {
                        kept += 1;
                    }
                }
            }
        }
        passed &= metric(
            "text",
            "bbc-news",
            "headline_accuracy",
            headline_ok as f64 / records.len().max(1) as f64,
            Gate::AtLeast(1.0),
        );
        passed &= metric(
            "text",
            "bbc-news",
            "paragraph_recall",
            kept as f64 / total.max(1) as f64,
            Gate::AtLeast(0.999),
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(passed)
}

/// The seed's fields as a reader of the page sees them.
fn seed_checks(records: &[serde_json::Value]) -> Vec<(&'static str, bool)> {
    let get = |i: usize, field: &str| records.get(i).map(|r| r[field].clone()).unwrap_or_default();
    let body = |i: usize| get(i, "body").as_str().unwrap_or("").to_string();
    let no_furniture = |i: usize| {
        let body = body(i);
        ["Short Url", "\nFollow", "Updated ", "•"]
            .iter()
            .all(|f| !body.contains(f))
    };
    vec![
        ("two records", records.len() == 2),
        (
            "first headline",
            get(0, "headline")
                .as_str()
                .is_some_and(|h| h.starts_with("Iran’s top general meets")),
        ),
        (
            "second headline",
            get(1, "headline")
                .as_str()
                .is_some_and(|h| h.starts_with("Pakistan military says")),
        ),
        (
            "two bullets each",
            (0..2).all(|i| get(i, "summary").as_array().is_some_and(|s| s.len() == 2)),
        ),
        (
            "dateline ISLAMABAD",
            (0..2).all(|i| get(i, "dateline")["place"] == "ISLAMABAD"),
        ),
        ("first updated", get(0, "updated") == "2025-01-20"),
        (
            "second updated resolved",
            get(1, "updated") == "2025-01-21T11:59:53Z",
        ),
        (
            "caption out of the body",
            get(0, "caption")[0]
                .as_str()
                .is_some_and(|c| c.ends_with("(ISPR)"))
                && !body(0).contains("(ISPR)\n"),
        ),
        ("no furniture", (0..2).all(no_furniture)),
    ]
}
