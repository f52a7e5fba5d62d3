//! `cargo xtask bench shards`: what sharding costs, measured on the BBC News corpus with the
//! release `dateline` binary as separate processes, as a cluster runs it.
//!
//! Reported (median of three runs each, wall seconds on this machine):
//! - one run of the default pipeline's stages and sinks over the corpus;
//! - an empty shard (`--shard 0/N` with more shards than inputs): a process starting,
//!   listing the inputs and loading the models, the fixed cost every shard pays;
//! - three shard runs one after another (each with every core) and their merge through
//!   all five sinks, and through the JSONL sink alone;
//! - `merge --into` of three JSONL parts (checksummed concatenation);
//! - the merge costs per GB of records.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};

use crate::eval::shards::{ALL_SINKS, bbc_pipeline};

const RUNS: usize = 3;

pub fn run() -> Result<()> {
    let bbc = crate::paths::corpus_root().join("bbc-news/bbc");
    if !bbc.exists() {
        bail!(
            "{} is absent: this benchmark needs the BBC News corpus",
            bbc.display()
        );
    }
    let binary = crate::bench::build_release()?;
    let scratch = tempfile::tempdir()?;
    let dir = scratch.path();
    std::fs::write(dir.join("full.toml"), bbc_pipeline(&bbc, ALL_SINKS))?;
    std::fs::write(
        dir.join("records.toml"),
        bbc_pipeline(
            &bbc,
            "[[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n",
        ),
    )?;
    let dateline = |args: &[&str]| -> Result<()> {
        let out = Command::new(&binary)
            .args(args)
            .arg("-q")
            .current_dir(dir)
            .output()?;
        match out.status.code() {
            Some(0 | 3) => Ok(()),
            code => bail!(
                "dateline {} exited with {code:?}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    };
    let time = |what: &str, f: &dyn Fn() -> Result<()>| -> Result<f64> {
        let mut seconds = Vec::new();
        for _ in 0..RUNS {
            let started = Instant::now();
            f().with_context(|| what.to_string())?;
            seconds.push(started.elapsed().as_secs_f64());
        }
        seconds.sort_by(f64::total_cmp);
        let median = seconds[RUNS / 2];
        println!(
            "{}",
            serde_json::json!({"bench": "shards", "what": what, "median_s": round(median),
                "min_s": round(seconds[0]), "max_s": round(seconds[RUNS - 1])})
        );
        Ok(median)
    };

    let one = time("one run (all stages and sinks)", &|| {
        dateline(&["run", "full.toml"])
    })?;
    time(
        "empty shard (start, list 2,225 inputs, load models)",
        &|| {
            dateline(&[
                "run",
                "full.toml",
                "--shard",
                "0/100000",
                "--shards-dir",
                "empty",
            ])
        },
    )?;
    let shards = time("3 shards, one after another", &|| {
        for k in 0..3 {
            let spec = format!("{k}/3");
            dateline(&[
                "run",
                "full.toml",
                "--shard",
                &spec,
                "--shards-dir",
                "shards",
            ])?;
        }
        Ok(())
    })?;
    let records_bytes: u64 = (0..3)
        .map(|k| {
            std::fs::metadata(dir.join(format!("shards/shard-{k}-of-3/records.jsonl")))
                .map(|m| m.len())
        })
        .sum::<std::io::Result<u64>>()?;
    let gb = records_bytes as f64 / 1e9;
    let merge_all = time("merge through all five sinks", &|| {
        dateline(&["merge", "full.toml", "--shards-dir", "shards"])
    })?;
    let merge_jsonl = time("merge through the JSONL sink", &|| {
        dateline(&["merge", "records.toml", "--shards-dir", "shards"])
    })?;
    for k in 0..3 {
        let spec = format!("{k}/3");
        let path = format!("sink.0.path=\"parts/part-{k}.jsonl\"");
        let letters = format!("run.dead_letter=\"parts/dead-{k}.jsonl\"");
        dateline(&[
            "run",
            "records.toml",
            "--shard",
            &spec,
            "--set",
            &path,
            "--set",
            &letters,
        ])?;
    }
    let parts: Vec<PathBuf> = (0..3)
        .map(|k| PathBuf::from(format!("parts/part-{k}.jsonl")))
        .collect();
    let concatenate = time("merge --into (3 JSONL parts)", &|| {
        let mut args = vec!["merge", "--into", "parts/all.jsonl"];
        args.extend(parts.iter().map(|p| p.to_str().expect("a plain path")));
        dateline(&args)
    })?;
    println!(
        "{}",
        serde_json::json!({
            "bench": "shards",
            "records_gb": round(gb),
            "shards_vs_one_run": round(shards / one),
            "merge_all_sinks_s_per_gb": round(merge_all / gb),
            "merge_jsonl_s_per_gb": round(merge_jsonl / gb),
            "merge_into_s_per_gb": round(concatenate / gb),
        })
    );
    Ok(())
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
