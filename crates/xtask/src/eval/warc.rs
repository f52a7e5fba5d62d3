//! The `warc` source on a real archive: every response record read, none lost; a
//! corrupted copy still yields every intact record and dead-letters the broken ones
//! with their offsets; pages whose declared charset lies come out readable.

use std::path::Path;

use anyhow::{Context, Result};
use dateline_runner::Silent;

use super::{Gate, metric};

struct Run {
    records: Vec<serde_json::Value>,
    dead: Vec<serde_json::Value>,
}

fn run_warc(archive: &Path, scratch: &Path) -> Result<Run> {
    let pipeline = scratch.join("eval-warc.toml");
    std::fs::write(
        &pipeline,
        format!(
            "[run]\ndead_letter = \"dead.jsonl\"\n[[source]]\nuse = \"warc\"\npaths = [{:?}]\n[[sink]]\nuse = \"jsonl\"\npath = \"records.jsonl\"\n",
            archive.display().to_string()
        ),
    )?;
    let plan = dateline_runner::load(&pipeline, &[], &dateline_cli::builtin_registry())
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    dateline_runner::run(&plan, &Silent)?;
    let lines = |name: &str| -> Result<Vec<serde_json::Value>> {
        std::fs::read_to_string(scratch.join(name))?
            .lines()
            .map(|l| serde_json::from_str(l).context("a JSON line"))
            .collect()
    };
    Ok(Run {
        records: lines("records.jsonl")?,
        dead: lines("dead.jsonl")?,
    })
}

pub fn run(corpus: &Path) -> Result<bool> {
    let dir = corpus.join("news-warc");
    if !super::present(&dir)? {
        return Ok(true);
    }
    let archive = dir.join("news-pages.warc.gz");
    let index: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("news-pages.index.json"))?)?;
    let scratch = std::env::temp_dir().join(format!("dateline-eval-warc-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let mut passed = true;

    let clean = run_warc(&archive, &scratch)?;
    let set = "news-warc";
    passed &= metric(
        "warc",
        set,
        "records_read_of_index",
        clean.records.len() as f64 / index.len() as f64,
        Gate::AtLeast(1.0),
    );
    passed &= metric(
        "warc",
        set,
        "dead_lettered",
        clean.dead.len() as f64,
        Gate::AtMost(0.0),
    );
    let mojibake = ["Ã©", "Ã¨", "Ã¶", "Ã¼", "Ã¤", "Ã¡", "Ã³", "â€™", "â€œ"];
    let garbled = clean
        .records
        .iter()
        .filter(|r| {
            let text = format!(
                "{} {}",
                r["headline"].as_str().unwrap_or(""),
                r["body"].as_str().unwrap_or("")
            );
            text.contains('\u{FFFD}') || mojibake.iter().any(|m| text.contains(m))
        })
        .count();
    passed &= metric(
        "warc",
        set,
        "records_with_mojibake",
        garbled as f64,
        Gate::AtMost(0.0),
    );

    // A corrupted copy: two members garbled in the middle, the file cut inside the last one.
    let mut bytes = std::fs::read(&archive)?;
    let offset = |i: usize| index[i]["offset"].as_u64().unwrap_or(0) as usize;
    let broken = [10usize, index.len() / 2];
    for &i in &broken {
        let middle = (offset(i) + offset(i + 1)) / 2;
        for byte in &mut bytes[middle..middle + 40] {
            *byte ^= 0x5a;
        }
    }
    let last = index.len() - 1;
    bytes.truncate(offset(last) + 200);
    let corrupt = scratch.join("corrupt.warc.gz");
    std::fs::write(&corrupt, bytes)?;
    let damaged = run_warc(&corrupt, &scratch)?;
    let expected_offsets: Vec<u64> = broken
        .iter()
        .chain([&last])
        .map(|&i| offset(i) as u64)
        .collect();
    let dead_offsets: Vec<u64> = damaged
        .dead
        .iter()
        .filter_map(|d| d["offset"].as_u64())
        .collect();
    passed &= metric(
        "warc",
        "news-warc-corrupted",
        "intact_records_read",
        damaged.records.len() as f64 / (index.len() - 3) as f64,
        Gate::AtLeast(1.0),
    );
    let located = expected_offsets
        .iter()
        .filter(|o| dead_offsets.contains(o))
        .count();
    passed &= metric(
        "warc",
        "news-warc-corrupted",
        "broken_records_located",
        located as f64 / 3.0,
        Gate::AtLeast(1.0),
    );
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(passed)
}
