//! `dateline merge PIPELINE --shards-dir DIR`: every shard's records, in shard order, through
//! the pipeline's sinks with one writer each, so that the outputs are what one run writes.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use dateline_core::Host;

use super::{Done, Observer, Outcome, RunError, SinkThreads, StageStats, build_sinks, settle};
use crate::config::Plan;
use crate::host::RunHost;
use crate::shard::{self, FileEntry, Manifest, ShardCounts};
use crate::summary::{Progress, Summary};

/// Records per batch handed to the sinks.
const MERGE_BATCH: usize = 512;

/// A shard found in the shards' directory.
struct Part {
    dir: PathBuf,
    manifest: Manifest,
}

/// Merges the shards in `dir` (each `shard-K-of-N/`, written by `run --shard K/N
/// --shards-dir DIR`) through `plan`'s sinks and into its dead-letter file.
///
/// Refuses, before writing anything, a set of shards that is incomplete, has a shard twice,
/// or mixes Dateline versions, pipelines (what decides the records: sources, enrichers,
/// reference time) or input lists. A shard file whose bytes no longer match its manifest
/// fails the merge as it is read; then too every output keeps what it had.
pub fn merge_shards(plan: &Plan, dir: &Path, observer: &dyn Observer) -> Result<Summary, RunError> {
    let started = Instant::now();
    let parts = find_parts(dir, &shard::pipeline_fingerprint(plan), observer)?;
    let host = RunHost::new(plan.base_dir.clone(), plan.run.reference_time.clone());
    let sinks = build_sinks(plan, &host)?;
    let dead_letter_path = host.resolve(&plan.run.dead_letter.to_string_lossy());
    let dead_letter_temp = host
        .stage_output(&dead_letter_path)
        .map_err(|e| RunError::Other(e.to_string()))?;

    let fail = |error: RunError| {
        host.rollback();
        Err(error)
    };
    let mut counts = ShardCounts::default();
    for part in &parts {
        counts.add(&part.manifest.counts);
    }
    if let Err(e) = copy_dead_letters(&parts, &dead_letter_temp) {
        return fail(e);
    }

    let sink_stats: Vec<StageStats> = sinks.iter().map(|_| StageStats::default()).collect();
    let (fed, sink_results) = std::thread::scope(|scope| {
        let sink_threads = SinkThreads::start(scope, sinks, &sink_stats);
        let fed = feed_records(&parts, &sink_threads, &counts, started, observer);
        (fed, sink_threads.finish())
    });
    if let Err(e) = fed {
        return fail(e);
    }
    // Records a sink refused are dead letters too, after the rest, as in one run.
    let late_letters = match super::refusals(
        sink_results,
        &mut counts.written,
        &mut counts.dead_lettered,
        observer,
    ) {
        Ok(letters) => letters,
        Err(e) => return fail(e),
    };
    let outputs = match settle(&host, &dead_letter_temp, &dead_letter_path, &late_letters) {
        Ok(outputs) => outputs,
        Err(e) => return fail(e),
    };
    let mut stages: Vec<_> = plan
        .sinks
        .iter()
        .zip(&sink_stats)
        .map(|(stage, stats)| stats.report(&stage.label, &stage.info))
        .collect();
    let total: f64 = stages.iter().map(|s| s.seconds).sum();
    for stage in &mut stages {
        stage.share = if total > 0.0 {
            stage.seconds / total
        } else {
            0.0
        };
    }
    Ok(Summary {
        inputs: parts[0].manifest.scope.total_inputs,
        threads: 1,
        read: counts.read,
        written: counts.written,
        dead_lettered: counts.dead_lettered,
        skipped: counts.skipped,
        skip_reasons: counts.skip_reasons,
        skipped_inputs: counts.skipped_inputs,
        bytes_read: counts.bytes_read,
        elapsed: started.elapsed(),
        stages,
        outputs,
        dead_letter: dead_letter_path,
        cache: None,
        warnings: Vec::new(),
        shard: None,
    })
}

/// The shard directories in `dir`, checked as one whole set, in shard order.
/// `pipeline` is the merging plan's fingerprint: shards of another pipeline are refused.
fn find_parts(dir: &Path, pipeline: &str, observer: &dyn Observer) -> Result<Vec<Part>, RunError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| RunError::Refused(format!("cannot read {}: {e}", dir.display())))?;
    let mut dirs = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|e| RunError::Refused(format!("cannot read {}: {e}", dir.display())))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".shard-") {
            observer.warning(&format!(
                "{} is an unfinished or replaced shard attempt; it is not merged",
                entry.path().display()
            ));
        } else if name.starts_with("shard-") && entry.path().is_dir() {
            dirs.push(entry.path());
        }
    }
    dirs.sort();
    if dirs.is_empty() {
        return Err(RunError::Refused(format!(
            "{} holds no shard (shard-K-of-N directories, written by `dateline run --shard K/N \
             --shards-dir {}`)",
            dir.display(),
            dir.display()
        )));
    }
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for dir in &dirs {
        match Manifest::read(&dir.join(shard::MANIFEST)) {
            Ok(manifest) => found.push((dir.display().to_string(), manifest)),
            Err(e) => problems.push(dateline_core::error::chain(&e)),
        }
    }
    let order = if problems.is_empty() {
        shard::check_set(&found, Some(pipeline)).map_err(|e| RunError::Refused(e.to_string()))?
    } else {
        return Err(RunError::Refused(problems.join("\n")));
    };
    let mut found: Vec<Option<(String, Manifest)>> = found.into_iter().map(Some).collect();
    Ok(order
        .into_iter()
        .map(|i| {
            let (at, manifest) = found[i].take().expect("each shard once");
            Part {
                dir: PathBuf::from(at),
                manifest,
            }
        })
        .collect())
}

/// The manifest's entry for `holds`, or why the shard cannot be merged.
fn entry<'a>(part: &'a Part, holds: &str) -> Result<&'a FileEntry, RunError> {
    part.manifest.file(holds).ok_or_else(|| {
        RunError::Refused(format!(
            "{}: the manifest lists no {holds} file",
            part.dir.display()
        ))
    })
}

fn copy_dead_letters(parts: &[Part], temp: &Path) -> Result<(), RunError> {
    let file = File::create(temp)
        .map_err(|e| RunError::Output(format!("cannot create {}: {e}", temp.display())))?;
    let mut out = BufWriter::new(file);
    for part in parts {
        let entry = entry(part, "dead-letters")?;
        let copied = shard::copy_checked(&part.dir.join(&entry.name), entry, &mut |chunk| {
            out.write_all(chunk)
        })
        .map_err(|e| RunError::Refused(dateline_core::error::chain(&e)))?;
        if copied.lines != part.manifest.counts.dead_lettered {
            return Err(RunError::Refused(format!(
                "{}: {} dead letters, but the shard counted {}",
                part.dir.display(),
                copied.lines,
                part.manifest.counts.dead_lettered
            )));
        }
    }
    out.flush()
        .map_err(|e| RunError::Output(format!("cannot write {}: {e}", temp.display())))
}

/// Reads every shard's records in order into the sinks, checking each file against its
/// manifest as it goes.
fn feed_records(
    parts: &[Part],
    sinks: &SinkThreads<'_>,
    counts: &ShardCounts,
    started: Instant,
    observer: &dyn Observer,
) -> Result<(), RunError> {
    let mut progress = Progress {
        inputs_total: parts.len(),
        read: counts.read,
        ..Progress::default()
    };
    let send = |batch: Vec<Done>| sinks.send(&Arc::new(batch));
    for part in parts {
        let entry = entry(part, "records")?;
        let path = part.dir.join(&entry.name);
        let file = File::open(&path)
            .map_err(|e| RunError::Refused(format!("cannot read {}: {e}", path.display())))?;
        let mut reader = BufReader::with_capacity(1 << 20, file);
        let mut tally = shard::Tally::default();
        let mut lines = 0u64;
        let mut line = Vec::new();
        let mut batch = Vec::with_capacity(MERGE_BATCH);
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| RunError::Refused(format!("cannot read {}: {e}", path.display())))?;
            if n == 0 {
                break;
            }
            tally.add(&line);
            lines += 1;
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let json = String::from_utf8(text.to_vec()).map_err(|_| {
                RunError::Refused(format!("{} line {lines} is not UTF-8", path.display()))
            })?;
            batch.push(Done {
                input: 0,
                cache_key: None,
                outcome: Outcome::Written {
                    doc: Box::new(OnceLock::new()),
                    json,
                    from_cache: true,
                },
            });
            if batch.len() == MERGE_BATCH {
                send(std::mem::replace(
                    &mut batch,
                    Vec::with_capacity(MERGE_BATCH),
                ));
            }
        }
        tally
            .check(&path, entry)
            .map_err(|e| RunError::Refused(dateline_core::error::chain(&e)))?;
        if lines != part.manifest.counts.written {
            return Err(RunError::Refused(format!(
                "{}: {lines} records, but the shard counted {} written",
                path.display(),
                part.manifest.counts.written
            )));
        }
        if !batch.is_empty() {
            send(batch);
        }
        progress.inputs_done += 1;
        progress.written += lines;
        progress.elapsed = started.elapsed();
        observer.progress(&progress);
    }
    Ok(())
}
