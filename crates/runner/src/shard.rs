//! Sharded runs: one machine's share of the inputs, and the manifests that let
//! `dateline merge` put the shards back together into exactly what one run writes.
//!
//! A shard is a contiguous slice of the sorted input list ([`Shard::range`]), so the
//! shards' records, read in shard order, are the records of one run in input order. Each
//! shard leaves a [`Manifest`] (which Dateline, which pipeline, which slice of which input
//! list, its counts and its files' checksums); a merge refuses any set of shards that is
//! incomplete or mixed before it writes anything.
//!
//! Two layouts:
//! - **shard directory** (`run --shard K/N --shards-dir DIR`): the shard writes its records,
//!   dead letters and manifest into `DIR/shard-K-of-N/` (staged under a hidden name, renamed
//!   when complete) and runs none of the pipeline's sinks; `merge PIPELINE --shards-dir DIR`
//!   then runs every sink once over all the records.
//! - **outputs in place** (`run --shard K/N` alone): the pipeline's sinks write where the
//!   configuration says (each shard its own paths), and every JSONL record output and the
//!   dead-letter file get a `<file>.shard.json` manifest; `merge --into OUT PART...`
//!   concatenates such parts.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use dateline_core::Host;
use serde::{Deserialize, Serialize};

use crate::inputs::InputFile;
use crate::summary::Summary;
use crate::{Observer, Plan, RunError};
use dateline_core::error::PathError;

/// The format line of every manifest.
pub const MANIFEST_FORMAT: &str = "dateline-shard 1";
/// A shard directory's manifest.
pub const MANIFEST: &str = "manifest.json";
/// A shard directory's records, one JSON line each, in input order.
pub const RECORDS: &str = "records.jsonl";
/// A shard directory's dead letters.
pub const DEAD_LETTERS: &str = "dead-letter.jsonl";
/// What follows an output's name to name its manifest (outputs in place).
pub const MANIFEST_SUFFIX: &str = ".shard.json";

/// Shard `index` of `count` (from 0), written `K/N`.
///
/// ```
/// use dateline_runner::shard::Shard;
///
/// let shard: Shard = "1/3".parse().unwrap();
/// assert_eq!(shard.range(10), 3..6);
/// assert!("3/3".parse::<Shard>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// Which shard, from 0.
    pub index: usize,
    /// How many shards in all.
    pub count: usize,
}

impl Shard {
    /// The slice of a sorted list of `total` inputs this shard reads: contiguous, so that the
    /// shards in order read the inputs in order; sizes differ by at most one input.
    pub fn range(self, total: usize) -> Range<usize> {
        let cut = |k: usize| (total as u128 * k as u128 / self.count as u128) as usize;
        cut(self.index)..cut(self.index + 1)
    }

    /// The name of its directory under `--shards-dir`.
    pub fn dir_name(self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }

    /// The shard from a cluster engine's own variables, looked up with `var`:
    /// `DATELINE_SHARD` (`K/N`); Slurm's job arrays (`SLURM_ARRAY_TASK_ID` and
    /// `SLURM_ARRAY_TASK_COUNT`, counted from `SLURM_ARRAY_TASK_MIN`); a Kubernetes Indexed
    /// Job (`JOB_COMPLETION_INDEX`, with N from `DATELINE_SHARDS`).
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Shard, InvalidShard> {
        let number = |name: &str| -> Result<Option<usize>, InvalidShard> {
            match var(name) {
                None => Ok(None),
                Some(text) => text
                    .trim()
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{name}={text} is not a whole number").into()),
            }
        };
        if let Some(text) = var("DATELINE_SHARD") {
            return text
                .parse()
                .map_err(|e| format!("DATELINE_SHARD={text}: {e}").into());
        }
        if let Some(id) = number("SLURM_ARRAY_TASK_ID")? {
            let count = number("SLURM_ARRAY_TASK_COUNT")?.ok_or(
                "SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not (Slurm 17.11 or later sets it)",
            )?;
            let first = number("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0);
            let index = id.checked_sub(first).ok_or_else(|| {
                format!("SLURM_ARRAY_TASK_ID={id} is below SLURM_ARRAY_TASK_MIN={first}")
            })?;
            return Shard::new(index, count)
                .map_err(|e| format!("from Slurm's variables: {e}").into());
        }
        if let Some(index) = number("JOB_COMPLETION_INDEX")? {
            let count = number("DATELINE_SHARDS")?.ok_or(
                "JOB_COMPLETION_INDEX is set: give the number of shards in DATELINE_SHARDS (the Job's completions)",
            )?;
            return Shard::new(index, count)
                .map_err(|e| format!("from JOB_COMPLETION_INDEX and DATELINE_SHARDS: {e}").into());
        }
        Err(
            "--shard-from-env found none of DATELINE_SHARD, SLURM_ARRAY_TASK_ID (with \
             SLURM_ARRAY_TASK_COUNT), JOB_COMPLETION_INDEX (with DATELINE_SHARDS)"
                .into(),
        )
    }

    /// Shard `index` of `count`, when that is one.
    pub fn new(index: usize, count: usize) -> Result<Shard, InvalidShard> {
        if count == 0 {
            Err("the number of shards must be at least 1".into())
        } else if index >= count {
            Err(format!(
                "shard {index} of {count} does not exist: shards count from 0 to {}",
                count - 1
            )
            .into())
        } else {
            Ok(Shard { index, count })
        }
    }
}

/// Why a shard could not be taken from the command line or the environment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidShard(String);

impl From<String> for InvalidShard {
    fn from(message: String) -> Self {
        InvalidShard(message)
    }
}

impl From<&str> for InvalidShard {
    fn from(message: &str) -> Self {
        InvalidShard(message.to_string())
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = InvalidShard;

    fn from_str(text: &str) -> Result<Shard, InvalidShard> {
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("`{text}` is not K/N (for example 0/4)"))?;
        let parse = |part: &str| {
            part.trim()
                .parse::<usize>()
                .map_err(|_| format!("`{text}` is not K/N: `{part}` is not a whole number"))
        };
        Shard::new(parse(k)?, parse(n)?)
    }
}

/// Why a shard's manifest cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// There is none: the shard did not finish, or the directory is not a shard's.
    #[error(
        "{} is missing (the shard did not finish, or this is not a shard's output)",
        .0.display()
    )]
    Missing(PathBuf),
    /// It cannot be read.
    #[error(transparent)]
    Unreadable(#[from] PathError),
    /// It is not a manifest's JSON.
    #[error("{} is not a shard manifest", .path.display())]
    NotAManifest {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: serde_json::Error,
    },
    /// It was written by a Dateline of another manifest format.
    #[error("{} is a manifest of format `{format}`; this Dateline reads `{MANIFEST_FORMAT}`", .path.display())]
    OtherFormat {
        /// The manifest.
        path: PathBuf,
        /// Its format.
        format: String,
    },
}

/// Which part of the whole input list a shard run read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardScope {
    /// The shard.
    pub shard: Shard,
    /// Inputs in the whole list.
    pub total_inputs: usize,
    /// The slice of the list this shard read.
    pub inputs: Range<usize>,
    /// Digest of the whole list ([`inputs_digest`]): shards of one run listed the same files.
    pub inputs_digest: String,
}

impl ShardScope {
    /// The scope of `shard` over the whole sorted input list.
    pub fn of(shard: Shard, files: &[InputFile]) -> ShardScope {
        ShardScope {
            shard,
            total_inputs: files.len(),
            inputs: shard.range(files.len()),
            inputs_digest: inputs_digest(files),
        }
    }
}

/// A digest of an input list: each file's source, uri and size, in order. Shards that
/// listed different files (an input added or grown between their starts) differ here.
pub fn inputs_digest(files: &[InputFile]) -> String {
    let mut hasher = blake3::Hasher::new();
    for file in files {
        hasher.update(format!("{}\t{}\t{}\n", file.source, file.uri, file.size).as_bytes());
    }
    hasher.finalize().to_hex().to_string()
}

/// What decides a pipeline's records (not its outputs): Dateline's version and schema,
/// the sources with their parsers, settings and patterns, the enrichers with their
/// settings, and the reference time. Threads, batch size, cache and sinks may differ
/// between the shards and the merge.
pub fn pipeline_fingerprint(plan: &Plan) -> String {
    let sources: Vec<serde_json::Value> = plan
        .sources
        .iter()
        .map(|s| {
            serde_json::json!({
                "plugin": s.stage.info.tag(), "config": s.stage.config, "paths": s.paths,
            })
        })
        .collect();
    let enrichers: Vec<serde_json::Value> = plan
        .enrichers
        .iter()
        .map(|e| serde_json::json!({"plugin": e.info.tag(), "config": e.config}))
        .collect();
    let whole = serde_json::json!({
        "dateline": env!("CARGO_PKG_VERSION"),
        "schema": dateline_core::SCHEMA_VERSION,
        "sources": sources,
        "enrichers": enrichers,
        "reference_time": plan.run.reference_time,
    });
    blake3::hash(whole.to_string().as_bytes())
        .to_hex()
        .to_string()
}

/// A shard's counts, as its run's summary gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardCounts {
    /// Records read.
    pub read: u64,
    /// Records written.
    pub written: u64,
    /// Records dead-lettered.
    pub dead_lettered: u64,
    /// Records skipped.
    pub skipped: u64,
    /// Input bytes.
    pub bytes_read: u64,
    /// Why records were skipped, with counts.
    pub skip_reasons: BTreeMap<String, u64>,
    /// For each reason, the inputs skipped for it.
    pub skipped_inputs: BTreeMap<String, Vec<String>>,
}

impl ShardCounts {
    fn of(summary: &Summary) -> ShardCounts {
        ShardCounts {
            read: summary.read,
            written: summary.written,
            dead_lettered: summary.dead_lettered,
            skipped: summary.skipped,
            bytes_read: summary.bytes_read,
            skip_reasons: summary.skip_reasons.clone(),
            skipped_inputs: summary.skipped_inputs.clone(),
        }
    }

    /// Adds the next shard's counts (in shard order, so skipped inputs stay in input order).
    pub fn add(&mut self, other: &ShardCounts) {
        self.read += other.read;
        self.written += other.written;
        self.dead_lettered += other.dead_lettered;
        self.skipped += other.skipped;
        self.bytes_read += other.bytes_read;
        for (reason, count) in &other.skip_reasons {
            *self.skip_reasons.entry(reason.clone()).or_default() += count;
        }
        for (reason, inputs) in &other.skipped_inputs {
            self.skipped_inputs
                .entry(reason.clone())
                .or_default()
                .extend(inputs.iter().cloned());
        }
    }
}

/// One file a shard wrote, as its manifest vouches for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Its name (in the shard directory, or the output's own name).
    pub name: String,
    /// What it holds: `records` or `dead-letters`.
    pub holds: String,
    /// Its size.
    pub bytes: u64,
    /// Its lines.
    pub lines: u64,
    /// BLAKE3 of its bytes, hex.
    pub blake3: String,
}

impl FileEntry {
    /// Describes the file at `path`, reading it once.
    pub fn of(path: &Path, holds: &str) -> std::io::Result<FileEntry> {
        let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
        let mut tally = Tally::default();
        loop {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            tally.add(chunk);
            let n = chunk.len();
            reader.consume(n);
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(tally.entry(name, holds.to_string()))
    }
}

/// A file's size, lines and checksum, taken as its bytes go by: what a manifest records and
/// what a merge checks each part against as it reads it.
#[derive(Default)]
pub struct Tally {
    hasher: blake3::Hasher,
    bytes: u64,
    lines: u64,
}

impl Tally {
    /// Counts the next bytes of the file.
    pub fn add(&mut self, chunk: &[u8]) {
        self.hasher.update(chunk);
        self.bytes += chunk.len() as u64;
        self.lines += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
    }

    fn entry(&self, name: String, holds: String) -> FileEntry {
        FileEntry {
            name,
            holds,
            bytes: self.bytes,
            lines: self.lines,
            blake3: self.hasher.finalize().to_hex().to_string(),
        }
    }

    /// The file's entry, when it is `expected` (read whole, unchanged since its shard wrote it).
    pub fn check(&self, path: &Path, expected: &FileEntry) -> Result<FileEntry, MergeError> {
        let seen = self.entry(expected.name.clone(), expected.holds.clone());
        if &seen != expected {
            return Err(MergeError::Changed {
                path: path.to_path_buf(),
                bytes: seen.bytes,
                lines: seen.lines,
                expected_bytes: expected.bytes,
                expected_lines: expected.lines,
            });
        }
        Ok(seen)
    }
}

/// What a shard leaves beside its outputs so that a merge can check the set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: String,
    /// The Dateline that wrote it.
    pub dateline: String,
    /// [`pipeline_fingerprint`] of the shard's pipeline.
    pub pipeline: String,
    /// Which shard, and what of the input list it read.
    pub scope: ShardScope,
    /// The shard run's counts.
    pub counts: ShardCounts,
    /// The files it vouches for.
    pub files: Vec<FileEntry>,
}

impl Manifest {
    /// The manifest of a finished shard run.
    pub fn new(
        plan: &Plan,
        scope: &ShardScope,
        summary: &Summary,
        files: Vec<FileEntry>,
    ) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.into(),
            dateline: env!("CARGO_PKG_VERSION").into(),
            pipeline: pipeline_fingerprint(plan),
            scope: scope.clone(),
            counts: ShardCounts::of(summary),
            files,
        }
    }

    /// Reads a manifest.
    pub fn read(path: &Path) -> Result<Manifest, ManifestError> {
        let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => ManifestError::Missing(path.to_path_buf()),
            _ => PathError::on("read", path)(source).into(),
        })?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|source| ManifestError::NotAManifest {
                path: path.to_path_buf(),
                source,
            })?;
        if manifest.format != MANIFEST_FORMAT {
            return Err(ManifestError::OtherFormat {
                path: path.to_path_buf(),
                format: manifest.format,
            });
        }
        Ok(manifest)
    }

    /// The entry of the file holding `holds`.
    pub fn file(&self, holds: &str) -> Option<&FileEntry> {
        self.files.iter().find(|f| f.holds == holds)
    }

    fn write(&self, path: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).expect("a manifest serializes") + "\n";
        write_atomically(path, text.as_bytes())
    }
}

/// Writes `bytes` to `path` through a temporary name and a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = dateline_core::plugin::staged_path(path, &dateline_core::plugin::staging_suffix())
        .ok_or_else(|| {
        std::io::Error::other(format!("{} is not a file path", path.display()))
    })?;
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Checks that `parts` (each with where it was found) are every shard of one run: one
/// Dateline, one pipeline (`pipeline`, when given, is the merging pipeline's fingerprint),
/// one input list, each shard once. Returns the parts' indices in shard order, or every
/// problem found.
pub fn check_set(
    parts: &[(String, Manifest)],
    pipeline: Option<&str>,
) -> Result<Vec<usize>, Refusal> {
    let Some(first) = parts.first() else {
        return Err(Refusal {
            problems: vec!["no shards to merge".into()],
        });
    };
    let mut problems: Vec<String> = parts
        .iter()
        .flat_map(|part| mismatches(part, first, pipeline))
        .collect();
    let (order, placing) = shard_order(parts, first.1.scope.shard.count);
    problems.extend(placing);
    if problems.is_empty() {
        Ok(order)
    } else {
        Err(Refusal { problems })
    }
}

/// How a shard's manifest differs from the first one's (and from the merging pipeline):
/// another Dateline, pipeline, number of shards, input list or kind of files.
fn mismatches(
    (at, m): &(String, Manifest),
    (first_at, first): &(String, Manifest),
    pipeline: Option<&str>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let version = env!("CARGO_PKG_VERSION");
    if m.dateline != version {
        problems.push(format!(
            "{at} was written by Dateline {}, this is {version}",
            m.dateline
        ));
    }
    if let Some(expected) = pipeline
        && m.pipeline != expected
    {
        problems.push(format!(
            "{at} comes from another pipeline (sources, enrichers or reference time differ \
             from this one's)"
        ));
    } else if pipeline.is_none() && m.pipeline != first.pipeline {
        problems.push(format!("{at} and {first_at} come from different pipelines"));
    }
    if m.scope.shard.count != first.scope.shard.count {
        problems.push(format!(
            "{at} is shard {} but {first_at} is shard {}: one run has one number of shards",
            m.scope.shard, first.scope.shard
        ));
    }
    if m.scope.inputs_digest != first.scope.inputs_digest
        || m.scope.total_inputs != first.scope.total_inputs
    {
        problems.push(format!(
            "{at} listed other inputs than {first_at} ({} files against {}): the inputs \
             changed between the shards' runs",
            m.scope.total_inputs, first.scope.total_inputs
        ));
    }
    let holds: Vec<&str> = m.files.iter().map(|f| f.holds.as_str()).collect();
    let first_holds: Vec<&str> = first.files.iter().map(|f| f.holds.as_str()).collect();
    if holds != first_holds {
        problems.push(format!(
            "{at} holds {} but {first_at} holds {}",
            holds.join(" and "),
            first_holds.join(" and ")
        ));
    }
    problems
}

/// The parts' indices in shard order, and the shards given twice or missing.
fn shard_order(parts: &[(String, Manifest)], count: usize) -> (Vec<usize>, Vec<String>) {
    let mut problems = Vec::new();
    let mut order: Vec<Option<usize>> = vec![None; count];
    for (i, (at, m)) in parts.iter().enumerate() {
        let Some(slot) = order.get_mut(m.scope.shard.index) else {
            continue; // a count mismatch, reported with the manifests
        };
        match slot {
            Some(other) => problems.push(format!(
                "shard {} is given twice: {} and {at}",
                m.scope.shard, parts[*other].0
            )),
            None => *slot = Some(i),
        }
    }
    let missing: Vec<String> = order
        .iter()
        .enumerate()
        .filter(|(_, slot)| slot.is_none())
        .map(|(k, _)| format!("{k}/{count}"))
        .collect();
    if !missing.is_empty() {
        problems.push(format!(
            "{} of {count} shard(s) missing: {}",
            missing.len(),
            missing.join(", ")
        ));
    }
    (order.into_iter().flatten().collect(), problems)
}

/// Runs shard `shard` of `plan` into `DIR/shard-K-of-N/`: the records and dead letters of
/// its slice of the inputs and a manifest, staged under a hidden name and renamed into place
/// when complete, so that an engine's retry of a task never leaves half a shard or two. None
/// of the pipeline's sinks run: `dateline merge` runs them once over every shard's records.
pub fn run_into_dir(
    plan: &Plan,
    shard: Shard,
    dir: &Path,
    observer: &dyn Observer,
) -> Result<(Summary, PathBuf), RunError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| RunError::Other(format!("cannot create {}: {e}", dir.display())))?;
    let dir = dir
        .canonicalize()
        .map_err(|e| RunError::Other(format!("cannot open {}: {e}", dir.display())))?;
    let target = dir.join(shard.dir_name());
    let staging = dir.join(format!(
        ".{}{}",
        shard.dir_name(),
        dateline_core::plugin::staging_suffix()
    ));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir(&staging)
        .map_err(|e| RunError::Other(format!("cannot create {}: {e}", staging.display())))?;
    let outcome = run_staged(plan, shard, &staging, observer).and_then(|summary| {
        publish_dir(&staging, &target).map_err(|e| {
            RunError::Output(format!(
                "cannot move {} to {}: {e}",
                staging.display(),
                target.display()
            ))
        })?;
        Ok(summary)
    });
    if outcome.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    outcome.map(|summary| (summary, target))
}

fn run_staged(
    plan: &Plan,
    shard: Shard,
    staging: &Path,
    observer: &dyn Observer,
) -> Result<Summary, RunError> {
    let factory = plan
        .registry
        .get(dateline_core::Kind::Sink, "jsonl")
        .ok_or_else(|| RunError::Other("the jsonl sink is not registered".into()))?;
    let mut plan = plan.clone();
    plan.shard = Some(shard);
    plan.run.dead_letter = staging.join(DEAD_LETTERS);
    plan.sinks = vec![crate::config::Stage {
        label: "shard records".into(),
        info: factory.info(),
        factory,
        config: serde_json::json!({ "path": staging.join(RECORDS).to_string_lossy() }),
    }];
    let summary = crate::run(&plan, observer)?;
    let scope = summary
        .shard
        .clone()
        .ok_or_else(|| RunError::Other("a shard run reported no shard".into()))?;
    let describe = |name: &str, holds: &str| {
        FileEntry::of(&staging.join(name), holds)
            .map_err(|e| RunError::Output(format!("cannot read back {name}: {e}")))
    };
    let files = vec![
        describe(RECORDS, "records")?,
        describe(DEAD_LETTERS, "dead-letters")?,
    ];
    Manifest::new(&plan, &scope, &summary, files)
        .write(&staging.join(MANIFEST))
        .map_err(|e| RunError::Output(format!("cannot write the manifest: {e}")))?;
    Ok(summary)
}

/// Moves a finished staging directory to `target`, replacing an earlier attempt's.
fn publish_dir(staging: &Path, target: &Path) -> std::io::Result<()> {
    match std::fs::rename(staging, target) {
        Ok(()) => Ok(()),
        Err(_) if target.exists() => {
            // A retried task (or a speculative duplicate) finished before: its shard holds the
            // same bytes. Swap it out, then in, so a reader sees one whole shard or none.
            let old = target.with_file_name(format!(
                ".{}.old{}",
                target.file_name().unwrap_or_default().to_string_lossy(),
                dateline_core::plugin::staging_suffix()
            ));
            std::fs::rename(target, &old)?;
            std::fs::rename(staging, target)?;
            let _ = std::fs::remove_dir_all(&old);
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// After a shard run with its outputs in place: writes `<file>.shard.json` beside each
/// output of a `jsonl` sink and beside the dead-letter file, the parts that
/// `merge --into` concatenates. Returns the manifests written.
pub fn write_output_manifests(plan: &Plan, summary: &Summary) -> Result<Vec<PathBuf>, String> {
    let scope = summary
        .shard
        .as_ref()
        .ok_or("this run was not a shard run")?;
    let host = crate::host::RunHost::new(plan.base_dir.clone(), None);
    let mut parts: Vec<(PathBuf, &str)> = plan
        .sinks
        .iter()
        .filter(|s| s.info.name == "jsonl")
        .filter_map(|s| s.config.get("path").and_then(|p| p.as_str()))
        .map(|p| (host.resolve(p), "records"))
        .collect();
    parts.push((summary.dead_letter.clone(), "dead-letters"));
    let mut written = Vec::new();
    for (path, holds) in parts {
        let entry = FileEntry::of(&path, holds)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let manifest = Manifest::new(plan, scope, summary, vec![entry]);
        let at = manifest_path(&path);
        manifest
            .write(&at)
            .map_err(|e| format!("cannot write {}: {e}", at.display()))?;
        written.push(at);
    }
    Ok(written)
}

/// Where the manifest of an output in place lives.
pub fn manifest_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(MANIFEST_SUFFIX);
    PathBuf::from(name)
}

/// What `merge --into` did.
#[derive(Debug, Clone)]
pub struct Concatenated {
    /// Parts merged.
    pub parts: usize,
    /// Lines written.
    pub lines: u64,
    /// Bytes written.
    pub bytes: u64,
    /// What the lines are: `records` or `dead-letters`.
    pub holds: String,
    /// The shards' counts, summed.
    pub counts: ShardCounts,
}

/// Why a set of shard outputs is not one run's: every problem found, one a line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .problems.join("\n"))]
pub struct Refusal {
    /// Each problem: a shard missing or given twice, another Dateline, pipeline or input list.
    pub problems: Vec<String>,
}

/// Why shard outputs could not be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The parts are not every shard of one run, each once (every problem, one a line).
    #[error("{0}")]
    Refused(String),
    /// A part changed or was cut after its shard finished.
    #[error(
        "{} is not what its shard wrote ({bytes} bytes, {lines} lines now; the manifest says {expected_bytes} bytes, {expected_lines} lines, another checksum): it changed or was cut after the shard finished",
        .path.display()
    )]
    Changed {
        /// The part.
        path: PathBuf,
        /// Its size now.
        bytes: u64,
        /// Its lines now.
        lines: u64,
        /// The size its manifest gives.
        expected_bytes: u64,
        /// The lines its manifest gives.
        expected_lines: u64,
    },
    /// A part could not be read, or the merged file created, written or moved into place.
    #[error(transparent)]
    Io(#[from] PathError),
    /// The merged output could not be staged.
    #[error("cannot stage {}", .path.display())]
    Staging {
        /// The output.
        path: PathBuf,
        /// Why.
        #[source]
        source: dateline_core::PluginError,
    },
    /// Where the copied bytes go refused them.
    #[error("cannot write the merged output")]
    Write(#[source] std::io::Error),
}

/// `dateline merge --into OUT PART...`: checks that `parts` are every shard's output of
/// one kind (records of a `jsonl` sink, or dead letters) and concatenates them in shard
/// order into `out`, which then holds what one run would have written there. A part whose
/// bytes differ from its manifest's checksum fails the merge; on any refusal or failure
/// `out` is left as it was.
pub fn concatenate(out: &Path, parts: &[PathBuf]) -> Result<Concatenated, MergeError> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for part in parts {
        match Manifest::read(&manifest_path(part)) {
            Ok(m) => found.push((part.display().to_string(), m)),
            Err(e) => problems.push(dateline_core::error::chain(&e)),
        }
    }
    if !problems.is_empty() {
        return Err(MergeError::Refused(problems.join("\n")));
    }
    let order = check_set(&found, None).map_err(|e| MergeError::Refused(e.to_string()))?;
    let holds = found[0].1.files[0].holds.clone();
    let temp =
        dateline_plugin::serve::prepare_staged(out, &dateline_core::plugin::staging_suffix())
            .map_err(|source| MergeError::Staging {
                path: out.to_path_buf(),
                source,
            })?;
    let result = (|| {
        let file = File::create(&temp).map_err(PathError::on("create", &temp))?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        let mut total = Concatenated {
            parts: order.len(),
            lines: 0,
            bytes: 0,
            holds: holds.clone(),
            counts: ShardCounts::default(),
        };
        for i in order {
            let (_, manifest) = &found[i];
            let part = &parts[i];
            let entry = &manifest.files[0];
            let copied = copy_checked(part, entry, &mut |chunk| writer.write_all(chunk))?;
            total.lines += copied.lines;
            total.bytes += copied.bytes;
            total.counts.add(&manifest.counts);
        }
        let file = writer
            .into_inner()
            .map_err(|e| PathError::on("write", &temp)(e.into_error()))?;
        file.sync_all().map_err(PathError::on("write", &temp))?;
        std::fs::rename(&temp, out).map_err(PathError::on("move into place", out))?;
        Ok(total)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Streams `path` to `sink`, checking its size, lines and checksum against `entry`.
pub fn copy_checked(
    path: &Path,
    entry: &FileEntry,
    sink: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
) -> Result<FileEntry, MergeError> {
    let mut reader = File::open(path).map_err(PathError::on("read", path))?;
    let mut tally = Tally::default();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let n = reader
            .read(&mut buffer)
            .map_err(PathError::on("read", path))?;
        if n == 0 {
            break;
        }
        let chunk = &buffer[..n];
        tally.add(chunk);
        sink(chunk).map_err(MergeError::Write)?;
    }
    tally.check(path, entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_list_once_in_order() {
        for total in [0usize, 1, 2, 7, 100] {
            for count in 1..=9 {
                let mut next = 0;
                for index in 0..count {
                    let range = Shard::new(index, count).unwrap().range(total);
                    assert_eq!(range.start, next, "{total} in {count}");
                    assert!(range.len() <= total / count + 1);
                    next = range.end;
                }
                assert_eq!(next, total);
            }
        }
    }

    #[test]
    fn shard_specs_are_checked() {
        assert_eq!("2/5".parse::<Shard>(), Ok(Shard { index: 2, count: 5 }));
        for bad in ["5/5", "1/0", "a/3", "3", "-1/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn engines_variables_name_the_shard() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let slurm = env(&[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
        ]);
        assert_eq!(Shard::from_env(slurm), Ok(Shard { index: 2, count: 4 }));
        let k8s = env(&[("JOB_COMPLETION_INDEX", "0"), ("DATELINE_SHARDS", "8")]);
        assert_eq!(Shard::from_env(k8s), Ok(Shard { index: 0, count: 8 }));
        let k8s_without_count = env(&[("JOB_COMPLETION_INDEX", "0")]);
        assert!(
            Shard::from_env(k8s_without_count)
                .unwrap_err()
                .to_string()
                .contains("DATELINE_SHARDS")
        );
        let explicit = env(&[("DATELINE_SHARD", "1/2"), ("SLURM_ARRAY_TASK_ID", "0")]);
        assert_eq!(Shard::from_env(explicit), Ok(Shard { index: 1, count: 2 }));
        assert!(Shard::from_env(env(&[])).is_err());
        let too_far = env(&[
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert!(Shard::from_env(too_far).is_err());
    }

    fn manifest(index: usize, count: usize) -> (String, Manifest) {
        let shard = Shard::new(index, count).unwrap();
        (
            format!("part-{index}"),
            Manifest {
                format: MANIFEST_FORMAT.into(),
                dateline: env!("CARGO_PKG_VERSION").into(),
                pipeline: "p".into(),
                scope: ShardScope {
                    shard,
                    total_inputs: 10,
                    inputs: shard.range(10),
                    inputs_digest: "d".into(),
                },
                counts: ShardCounts::default(),
                files: vec![],
            },
        )
    }

    #[test]
    fn a_set_is_merged_only_when_whole_and_of_one_run() {
        let parts = vec![manifest(2, 3), manifest(0, 3), manifest(1, 3)];
        assert_eq!(check_set(&parts, None), Ok(vec![1, 2, 0]));
        assert_eq!(check_set(&parts, Some("p")), Ok(vec![1, 2, 0]));

        let missing = check_set(&parts[..2], None).unwrap_err().to_string();
        assert!(
            missing.contains("1 of 3 shard(s) missing: 1/3"),
            "{missing}"
        );

        let twice = vec![manifest(0, 2), manifest(0, 2), manifest(1, 2)];
        assert!(
            check_set(&twice, None)
                .unwrap_err()
                .to_string()
                .contains("given twice")
        );

        let mut other = parts.clone();
        other[1].1.pipeline = "q".into();
        assert!(
            check_set(&other, None)
                .unwrap_err()
                .to_string()
                .contains("different pipelines")
        );
        assert!(
            check_set(&parts, Some("q"))
                .unwrap_err()
                .to_string()
                .contains("another pipeline")
        );

        let mut grown = parts.clone();
        grown[2].1.scope.inputs_digest = "e".into();
        assert!(
            check_set(&grown, None)
                .unwrap_err()
                .to_string()
                .contains("inputs changed")
        );

        let mixed = vec![manifest(0, 2), manifest(1, 3)];
        assert!(
            check_set(&mixed, None)
                .unwrap_err()
                .to_string()
                .contains("one number of shards")
        );
    }
}
