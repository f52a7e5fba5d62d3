//! What a run did: every record accounted for, and where the time went.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

/// A snapshot while the run goes on.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Input files found.
    pub inputs_total: usize,
    /// Input files framed so far.
    pub inputs_done: usize,
    /// Records that reached the end of processing.
    pub read: u64,
    /// Of those, written.
    pub written: u64,
    /// Of those, dead-lettered.
    pub dead_lettered: u64,
    /// Of those, skipped.
    pub skipped: u64,
    /// Input bytes opened so far.
    pub bytes_read: u64,
    /// Since the start.
    pub elapsed: Duration,
}

/// One stage's share of the work.
#[derive(Debug, Clone, Serialize)]
pub struct StageReport {
    /// "source #1", "enrich #2", "sink #1".
    pub stage: String,
    /// `name@version`.
    pub plugin: String,
    /// Records it handled.
    pub records: u64,
    /// Records it failed.
    pub errors: u64,
    /// Time spent inside it, summed over threads.
    pub seconds: f64,
    /// Its share of all plugin time.
    pub share: f64,
}

/// How many skipped inputs the printed summary names for each reason.
const SKIPS_NAMED: usize = 3;

/// The final account of a run.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Input files.
    pub inputs: usize,
    /// Worker threads used.
    pub threads: usize,
    /// Records read (one per article found, failed input or skipped input).
    pub read: u64,
    /// Records every sink wrote.
    pub written: u64,
    /// Records in the dead-letter file.
    pub dead_lettered: u64,
    /// Records skipped, for the reasons in `skip_reasons`.
    pub skipped: u64,
    /// Why records were skipped, with counts.
    pub skip_reasons: BTreeMap<String, u64>,
    /// For each reason, the inputs (uris) skipped for it, in input order: all of them in
    /// `--metrics`, the first few in the printed summary.
    pub skipped_inputs: BTreeMap<String, Vec<String>>,
    /// Input bytes (as stored, before decompression).
    pub bytes_read: u64,
    /// Wall time.
    #[serde(serialize_with = "seconds")]
    pub elapsed: Duration,
    /// Per-stage figures, in pipeline order.
    pub stages: Vec<StageReport>,
    /// Output files written.
    pub outputs: Vec<PathBuf>,
    /// The dead-letter file.
    pub dead_letter: PathBuf,
    /// The incremental-run cache, when the run had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache: Option<CacheReport>,
    /// Problems that did not stop the run.
    pub warnings: Vec<String>,
    /// For a shard run: which shard, and which slice of which input list it read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<crate::shard::ShardScope>,
}

/// How the cache served a run.
#[derive(Debug, Clone, Serialize)]
pub struct CacheReport {
    /// The cache file.
    pub path: PathBuf,
    /// Records taken from the cache.
    pub hits: u64,
    /// Records computed (and stored).
    pub misses: u64,
    /// Entries that failed their checks and were recomputed.
    pub corrupt: u64,
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

impl Summary {
    /// True when written + dead-lettered + skipped = read. `read` is counted where the
    /// reader makes records and the others where records end; a run whose counts differ
    /// fails instead of returning a summary, so this is true of every summary a run
    /// returns, and `--metrics` states it for the reader.
    pub fn balanced(&self) -> bool {
        self.written + self.dead_lettered + self.skipped == self.read
    }

    /// The summary as JSON, with the balance check, for `--metrics`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).expect("summary serializes");
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        value["balanced"] = self.balanced().into();
        value["records_per_second"] = (self.read as f64 / secs).into();
        value["megabytes_per_second"] = (self.bytes_read as f64 / 1e6 / secs).into();
        value
    }

    /// The human summary printed at the end of a run.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let secs = self.elapsed.as_secs_f64();
        let _ = writeln!(
            out,
            "{} records from {} input(s) in {:.2}s ({:.0} records/s, {:.1} MB/s, {} threads)",
            self.read,
            self.inputs,
            secs,
            self.read as f64 / secs.max(1e-9),
            self.bytes_read as f64 / 1e6 / secs.max(1e-9),
            self.threads
        );
        if let Some(scope) = &self.shard {
            let _ = writeln!(
                out,
                "  shard {}: inputs {}..{} of {}",
                scope.shard, scope.inputs.start, scope.inputs.end, scope.total_inputs
            );
        }
        let _ = writeln!(
            out,
            "  written {}  dead-lettered {}  skipped {}  = read {}  {}",
            self.written,
            self.dead_lettered,
            self.skipped,
            self.read,
            if self.balanced() {
                "(all accounted for)"
            } else {
                "(COUNTS DO NOT ADD UP)"
            }
        );
        for (reason, count) in &self.skip_reasons {
            let named = self
                .skipped_inputs
                .get(reason)
                .map_or(&[][..], Vec::as_slice);
            let mut shown: Vec<String> = named.iter().take(SKIPS_NAMED).cloned().collect();
            if named.len() > SKIPS_NAMED {
                shown.push(format!("and {} more", named.len() - SKIPS_NAMED));
            }
            if shown.is_empty() {
                let _ = writeln!(out, "  skipped {count}: {reason}");
            } else {
                let _ = writeln!(out, "  skipped {count}: {reason}: {}", shown.join(", "));
            }
        }
        if let Some(cache) = &self.cache {
            let _ = writeln!(
                out,
                "  cache: {} hits, {} misses, {} corrupt entries recomputed ({})",
                cache.hits,
                cache.misses,
                cache.corrupt,
                cache.path.display()
            );
        }
        if self.dead_lettered > 0 {
            let _ = writeln!(out, "  dead letters in {}", self.dead_letter.display());
        }
        let _ = writeln!(
            out,
            "  {:<12} {:<22} {:>9} {:>7} {:>9} {:>6}",
            "stage", "plugin", "records", "errors", "seconds", "share"
        );
        for s in &self.stages {
            let _ = writeln!(
                out,
                "  {:<12} {:<22} {:>9} {:>7} {:>9.3} {:>5.1}%",
                s.stage,
                s.plugin,
                s.records,
                s.errors,
                s.seconds,
                s.share * 100.0
            );
        }
        for path in &self.outputs {
            let _ = writeln!(out, "  wrote {}", path.display());
        }
        out
    }
}
