//! `cargo xtask eval shards`: the BBC News corpus in three shards, merged, against one run.
//!
//! The default pipeline's stages (entities, times, quotes, events) and every built-in sink
//! run once over the 2,225 articles; then three shard runs write shard directories and one
//! merge runs the sinks over them. Every output file must be the same bytes (a SQLite
//! database compared as its canonical dump, since it records when it was written), the
//! merged counts one run's, and a merge missing a shard must be refused with nothing
//! written. Then the same three shards with their records in place (`part-K.jsonl`, each
//! shard its own path) concatenated by `merge --into` must be one run's JSONL, byte for byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};
use dateline_runner::shard::{self, Shard};
use dateline_runner::{Plan, RunError, Silent};

use super::{Gate, metric};

const SHARDS: usize = 3;

pub fn run(corpus: &Path) -> Result<bool> {
    let bbc = corpus.join("bbc-news/bbc");
    if !super::present(&bbc)? {
        return Ok(true);
    }
    let scratch = tempfile::tempdir()?;
    let pipeline = scratch.path().join("pipeline.toml");
    std::fs::write(&pipeline, bbc_pipeline(&bbc, ALL_SINKS))?;
    let load = |outputs: &str| -> Result<Plan> {
        let overrides = outputs_in(outputs);
        dateline_runner::load(&pipeline, &overrides, &dateline_cli::builtin_registry())
            .map_err(|e| anyhow!("{e}"))
    };

    let one = dateline_runner::run(&load("one")?, &Silent)?;
    let shards_dir = scratch.path().join("shards");
    for index in 0..SHARDS {
        let shard = Shard::new(index, SHARDS)?;
        shard::run_into_dir(&load("unused")?, shard, &shards_dir, &Silent)?;
    }

    // One shard aside: the merge must refuse and leave no output.
    let aside = scratch.path().join("aside");
    std::fs::rename(shards_dir.join("shard-1-of-3"), &aside)?;
    let refused = match dateline_runner::merge_shards(&load("refused")?, &shards_dir, &Silent) {
        Err(RunError::Refused(why)) => why.contains("missing: 1/3"),
        _ => false,
    };
    let refused_clean = refused && files(&scratch.path().join("refused"))?.is_empty();
    std::fs::rename(&aside, shards_dir.join("shard-1-of-3"))?;

    let merged = dateline_runner::merge_shards(&load("merged")?, &shards_dir, &Silent)?;
    let (one_files, merged_files) = (
        files(&scratch.path().join("one"))?,
        files(&scratch.path().join("merged"))?,
    );
    let same = one_files
        .iter()
        .filter(|(name, bytes)| merged_files.get(*name) == Some(bytes))
        .count();
    for (name, _) in one_files
        .iter()
        .filter(|(n, b)| merged_files.get(*n) != Some(b))
    {
        eprintln!("shards: {name} differs between one run and the merged shards");
    }
    let identical = same as f64 / one_files.len().max(merged_files.len()).max(1) as f64;
    let counts_equal = (one.read, one.written, one.dead_lettered, one.skipped)
        == (
            merged.read,
            merged.written,
            merged.dead_lettered,
            merged.skipped,
        )
        && one.read > 2000;

    // The same shards with their outputs in place, one JSONL file each, concatenated.
    let records_only = scratch.path().join("records.toml");
    std::fs::write(
        &records_only,
        bbc_pipeline(
            &bbc,
            "[[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n",
        ),
    )?;
    let mut parts = Vec::new();
    for index in 0..SHARDS {
        let part = scratch.path().join(format!("parts/part-{index}.jsonl"));
        let overrides = [
            ("sink.0.path", part.display().to_string()),
            ("run.dead_letter", format!("parts/dead-{index}.jsonl")),
        ]
        .map(|(key, value)| dateline_runner::Override {
            key: key.into(),
            value: format!("\"{value}\""),
        });
        let mut plan =
            dateline_runner::load(&records_only, &overrides, &dateline_cli::builtin_registry())
                .map_err(|e| anyhow!("{e}"))?;
        plan.shard = Some(Shard::new(index, SHARDS)?);
        let summary = dateline_runner::run(&plan, &Silent)?;
        shard::write_output_manifests(&plan, &summary).map_err(|e| anyhow!(e))?;
        parts.push(part);
    }
    let all = scratch.path().join("all.jsonl");
    let partial_refused = shard::concatenate(&all, &parts[..2]).is_err() && !all.exists();
    shard::concatenate(&all, &parts)?;
    let in_place_identical =
        std::fs::read(&all)? == std::fs::read(scratch.path().join("one/articles.jsonl"))?;

    let set = "bbc-news-3-shards";
    let mut passed = true;
    passed &= metric(
        "shards",
        set,
        "files_identical",
        identical,
        Gate::AtLeast(1.0),
    );
    metric("shards", set, "files", one_files.len() as f64, Gate::None);
    passed &= metric(
        "shards",
        set,
        "counts_equal",
        f64::from(u8::from(counts_equal)),
        Gate::AtLeast(1.0),
    );
    passed &= metric(
        "shards",
        set,
        "missing_shard_refused",
        f64::from(u8::from(refused_clean)),
        Gate::AtLeast(1.0),
    );
    passed &= metric(
        "shards",
        set,
        "in_place_concatenation_identical",
        f64::from(u8::from(in_place_identical)),
        Gate::AtLeast(1.0),
    );
    passed &= metric(
        "shards",
        set,
        "in_place_missing_part_refused",
        f64::from(u8::from(partial_refused)),
        Gate::AtLeast(1.0),
    );
    Ok(passed)
}

/// Every built-in sink, writing under `out/`.
pub(crate) const ALL_SINKS: &str = "[[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n\
    [[sink]]\nuse = \"sqlite\"\npath = \"out/articles.sqlite\"\n\
    [[sink]]\nuse = \"csv\"\ndir = \"out/csv\"\n\
    [[sink]]\nuse = \"report\"\npath = \"out/report.html\"\n\
    [[sink]]\nuse = \"stories\"\npath = \"out/stories.jsonl\"\n";

/// The default pipeline's stages over the BBC articles, with `sinks`.
pub(crate) fn bbc_pipeline(bbc: &Path, sinks: &str) -> String {
    format!(
        "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\ndead_letter = \"out/dead-letter.jsonl\"\n\
         [[source]]\nuse = \"text\"\npaths = [\"{}/*/*.txt\"]\n\
         [[enrich]]\nuse = \"entities\"\n[[enrich]]\nuse = \"times\"\n\
         [[enrich]]\nuse = \"quotes\"\n[[enrich]]\nuse = \"events\"\n{sinks}",
        bbc.display()
    )
}

/// Overrides putting every output under `dir` (relative to the pipeline).
fn outputs_in(dir: &str) -> Vec<dateline_runner::Override> {
    [
        ("sink.0.path", "articles.jsonl"),
        ("sink.1.path", "articles.sqlite"),
        ("sink.2.dir", "csv"),
        ("sink.3.path", "report.html"),
        ("sink.4.path", "stories.jsonl"),
        ("run.dead_letter", "dead-letter.jsonl"),
    ]
    .into_iter()
    .map(|(key, name)| dateline_runner::Override {
        key: key.into(),
        value: format!("\"{dir}/{name}\""),
    })
    .collect()
}

/// Every file under `dir` by relative path; a SQLite database as its canonical dump.
fn files(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut found = BTreeMap::new();
    if !dir.exists() {
        return Ok(found);
    }
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.strip_prefix(dir)?.display().to_string();
            let bytes = match dateline_cli::canonical_form(&path) {
                Some(dump) => dump.map_err(|e| anyhow!(e))?.into_bytes(),
                None => std::fs::read(&path)?,
            };
            found.insert(name, bytes);
        }
    }
    Ok(found)
}
