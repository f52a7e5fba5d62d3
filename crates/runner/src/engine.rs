//! Executing a [`Plan`]: read -> parse and enrich in parallel -> sinks, in input order.
//!
//! ```text
//!  reader thread          processing (rayon pool)        collector (caller's thread)     one thread per sink
//!  inputs, sorted   -->   batch.into_par_iter()    -->   counts, dead letters,    -->    Sink::write in order
//!  Parse::split           parse, enrich, to JSON         progress                        Sink::finish
//!            bounded(2)                         bounded(2)                    bounded(4)
//! ```
//!
//! Batches keep their order through every stage (`collect` on an indexed parallel
//! iterator preserves it), so records reach sinks in input order at any thread
//! count. Every channel is bounded, so memory depends on the batch size, never on
//! the size of the corpus.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, bounded};
use dateline_core::{
    Document, Enrich, Host, Instance, Parse, ParseContext, Parsed, PluginInfo, RawPart, Sink,
    SinkRecord,
};
use rayon::prelude::*;
use serde::Serialize;

use crate::cache::{self, Cache, Key, Lookup};
use crate::config::{OnError, Plan};
use crate::guard;
use crate::host::RunHost;
use crate::inputs::{self, InputFile};
use crate::summary::{Progress, StageReport, Summary};

/// Stops a batch growing past this many input bytes, whatever `batch_size` says.
const BATCH_BYTES: usize = 8 << 20;
/// How much of a failed input a dead letter keeps.
const DEAD_LETTER_TEXT: usize = 64 << 10;

/// Hears about a run as it goes (the CLI draws a progress bar from this).
pub trait Observer: Send + Sync {
    /// A problem that does not stop the run.
    fn warning(&self, _message: &str) {}
    /// Called after each batch reaches the sinks.
    fn progress(&self, _progress: &Progress) {}
}

/// An observer that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// Why a run produced nothing trustworthy (exit code 1).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A plugin could not be built.
    #[error("cannot start {stage} (`{plugin}`): {message}")]
    Build {
        /// The stage label.
        stage: String,
        /// The plugin.
        plugin: String,
        /// Why.
        message: String,
    },
    /// `on_error = "abort"` and a record failed.
    #[error("aborted on the first failure (on_error = \"abort\"): {0}; no output was written")]
    Aborted(String),
    /// An output could not be completed.
    #[error("output failed: {0}; no output was written")]
    Output(String),
    /// Something else fatal.
    #[error("{0}")]
    Other(String),
}

/// A record that did not make it, with everything needed to find and replay it.
#[derive(Debug, Clone, Serialize)]
pub struct DeadLetter {
    /// The input's uri.
    pub input: String,
    /// Which part of the input, when framing got that far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
    /// Byte offset in the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// Line in the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// `read`, `split`, `parse`, `enrich` or `sink`.
    pub stage: &'static str,
    /// The plugin (`name@version`).
    pub plugin: String,
    /// What went wrong.
    pub message: String,
    /// The input part's text (lossy UTF-8), up to 64 KiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// True when `text` was cut.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

impl DeadLetter {
    fn with_part(mut self, part: &RawPart) -> Self {
        self.part = Some(part.index);
        self.offset = self.offset.or(Some(part.offset));
        self.line = self.line.or(part.line);
        let cut = part.bytes.len().min(DEAD_LETTER_TEXT);
        self.text = Some(String::from_utf8_lossy(&part.bytes[..cut]).into_owned());
        self.truncated = cut < part.bytes.len();
        self
    }

    /// One line for a terminal.
    pub fn describe(&self) -> String {
        let mut at = self.input.clone();
        if let Some(part) = self.part {
            at.push_str(&format!(" part {part}"));
        }
        if let Some(line) = self.line {
            at.push_str(&format!(" line {line}"));
        }
        if let Some(offset) = self.offset {
            at.push_str(&format!(" byte {offset}"));
        }
        format!("{at}: {} (`{}`): {}", self.stage, self.plugin, self.message)
    }
}

enum Job {
    Part {
        source: usize,
        uri: Arc<str>,
        part: RawPart,
        /// Where to store the record when the run has a cache.
        cache_key: Option<Key>,
    },
    /// A record the cache already holds; the part is kept in case the entry does not parse.
    Cached {
        source: usize,
        uri: Arc<str>,
        part: RawPart,
        json: String,
    },
    Failed(Box<DeadLetter>),
    Skipped(String),
}

enum Outcome {
    Written {
        doc: Box<Document>,
        json: String,
        cache_key: Option<Key>,
        from_cache: bool,
    },
    Dead(Box<DeadLetter>),
    Skipped(String),
}

#[derive(Default)]
struct StageStats {
    records: AtomicU64,
    errors: AtomicU64,
    nanos: AtomicU64,
}

impl StageStats {
    fn add(&self, took: Duration, failed: bool) {
        self.records.fetch_add(1, Ordering::Relaxed);
        self.nanos
            .fetch_add(took.as_nanos() as u64, Ordering::Relaxed);
        if failed {
            self.errors.fetch_add(1, Ordering::Relaxed);
        }
    }
}

struct Built {
    parsers: Vec<(PluginInfo, Box<dyn Parse>)>,
    enrichers: Vec<(PluginInfo, Box<dyn Enrich>)>,
    sinks: Vec<(PluginInfo, Box<dyn Sink>)>,
}

fn build(plan: &Plan, host: &RunHost) -> Result<Built, RunError> {
    let build_one = |stage: &crate::config::Stage| {
        guard::call(|| stage.factory.build(stage.config.clone(), host))
            .map_err(|m| m.to_string())
            .and_then(|r| r.map_err(|e| e.to_string()))
            .map_err(|message| RunError::Build {
                stage: stage.label.clone(),
                plugin: stage.info.name.clone(),
                message,
            })
    };
    let mut built = Built {
        parsers: Vec::new(),
        enrichers: Vec::new(),
        sinks: Vec::new(),
    };
    for source in &plan.sources {
        match build_one(&source.stage)? {
            Instance::Parse(p) => built.parsers.push((source.stage.info.clone(), p)),
            _ => {
                return Err(RunError::Other(format!(
                    "{} is not a parser",
                    source.stage.label
                )));
            }
        }
    }
    for stage in &plan.enrichers {
        match build_one(stage)? {
            Instance::Enrich(e) => built.enrichers.push((stage.info.clone(), e)),
            _ => {
                return Err(RunError::Other(format!(
                    "{} is not an enricher",
                    stage.label
                )));
            }
        }
    }
    for stage in &plan.sinks {
        match build_one(stage)? {
            Instance::Sink(s) => built.sinks.push((stage.info.clone(), s)),
            _ => return Err(RunError::Other(format!("{} is not a sink", stage.label))),
        }
    }
    Ok(built)
}

/// Runs a validated plan to the end.
///
/// Returns the summary when the outputs were written (some records may have been
/// dead-lettered: see [`Summary::dead_lettered`]), or a [`RunError`] when nothing
/// trustworthy was written; then every output keeps what it had before the run.
pub fn run(plan: &Plan, observer: &dyn Observer) -> Result<Summary, RunError> {
    let started = Instant::now();
    let host = RunHost::new(plan.base_dir.clone(), plan.run.reference_time.clone());
    let mut warnings = plan.warnings.clone();
    for w in &warnings {
        observer.warning(w);
    }

    let mut files = Vec::new();
    for (index, source) in plan.sources.iter().enumerate() {
        let (found, missing) = inputs::expand(index, &source.paths, &plan.base_dir);
        for w in missing {
            observer.warning(&w);
            warnings.push(w);
        }
        files.extend(found);
    }

    let Built {
        parsers,
        enrichers,
        sinks,
    } = build(plan, &host)?;
    let cache = plan.run.cache.as_ref().and_then(|dir| {
        match Cache::open(&host.resolve(&dir.to_string_lossy())) {
            Ok(cache) => Some(cache),
            Err(warning) => {
                observer.warning(&warning);
                warnings.push(warning);
                None
            }
        }
    });
    let fingerprints: Vec<[u8; 32]> = plan
        .sources
        .iter()
        .map(|source| {
            let enrichers: Vec<serde_json::Value> = plan
                .enrichers
                .iter()
                .map(|e| serde_json::json!({"plugin": e.info.tag(), "config": e.config}))
                .collect();
            cache::fingerprint(&[
                serde_json::json!({"dateline": env!("CARGO_PKG_VERSION"), "schema": dateline_core::SCHEMA_VERSION}),
                serde_json::json!({"parser": source.stage.info.tag(), "config": source.stage.config}),
                serde_json::json!({"enrichers": enrichers, "reference_time": plan.run.reference_time}),
            ])
        })
        .collect();
    let cache_stats = CacheStats::default();
    let dead_letter_path = host.resolve(&plan.run.dead_letter.to_string_lossy());
    let dead_letter_temp = host
        .stage_output(&dead_letter_path)
        .map_err(|e| RunError::Other(e.to_string()))?;
    let mut dead_out = BufWriter::new(File::create(&dead_letter_temp).map_err(|e| {
        RunError::Other(format!("cannot create {}: {e}", dead_letter_temp.display()))
    })?);

    let threads = if plan.run.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        plan.run.threads
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("dateline-worker-{i}"))
        .build()
        .map_err(|e| RunError::Other(format!("cannot start {threads} worker threads: {e}")))?;

    let parse_stats: Vec<StageStats> = parsers.iter().map(|_| StageStats::default()).collect();
    let enrich_stats: Vec<StageStats> = enrichers.iter().map(|_| StageStats::default()).collect();
    let sink_stats: Vec<StageStats> = sinks.iter().map(|_| StageStats::default()).collect();
    let abort = AtomicBool::new(false);
    let bytes_read = AtomicU64::new(0);
    let inputs_done = AtomicUsize::new(0);
    let inputs_total = files.len();
    let reference_time = plan.run.reference_time.as_deref();
    let abort_on_error = plan.run.on_error == OnError::Abort;

    let mut totals = Totals::default();
    let mut fatal: Option<RunError> = None;

    let sink_results = std::thread::scope(|scope| {
        let (job_tx, job_rx) = bounded::<Vec<Job>>(2);
        let (out_tx, out_rx) = bounded::<Vec<Outcome>>(2);

        let reader = Reader {
            files: &files,
            parsers: &parsers,
            stats: &parse_stats,
            abort: &abort,
            bytes_read: &bytes_read,
            inputs_done: &inputs_done,
            batch_size: plan.run.batch_size,
            cache: cache.as_ref().map(|c| (c, &fingerprints[..], &cache_stats)),
            observer,
        };
        spawn(scope, "dateline-read", move || reader.run(job_tx));

        let processor = Processor {
            parsers: &parsers,
            enrichers: &enrichers,
            parse_stats: &parse_stats,
            enrich_stats: &enrich_stats,
            reference_time,
        };
        let pool = &pool;
        let abort_flag = &abort;
        spawn(scope, "dateline-batch", move || {
            for batch in job_rx {
                if abort_flag.load(Ordering::Relaxed) {
                    break;
                }
                let outcomes: Vec<Outcome> = pool.install(|| {
                    batch
                        .into_par_iter()
                        .map(|job| processor.process(job))
                        .collect()
                });
                if out_tx.send(outcomes).is_err() {
                    break;
                }
            }
        });

        let mut sink_txs: Vec<Sender<Arc<Vec<Outcome>>>> = Vec::new();
        let mut sink_handles = Vec::new();
        for ((info, sink), stats) in sinks.into_iter().zip(&sink_stats) {
            let (tx, rx) = bounded::<Arc<Vec<Outcome>>>(4);
            sink_txs.push(tx);
            let name = format!("dateline-sink-{}", sink_handles.len() + 1);
            sink_handles.push(spawn(scope, &name, move || {
                sink_loop(info, sink, rx, stats)
            }));
        }

        for outcomes in out_rx.iter() {
            if let Some(cache) = &cache {
                let fresh = outcomes.iter().filter_map(|o| match o {
                    Outcome::Written {
                        json,
                        cache_key: Some(key),
                        ..
                    } => Some((key, json.as_str())),
                    _ => None,
                });
                if let Err(e) = cache.put_all(fresh) {
                    fatal.get_or_insert(RunError::Output(format!(
                        "cannot write the cache {}: {e}",
                        cache.path().display()
                    )));
                }
            }
            let outcomes = Arc::new(outcomes);
            for tx in &sink_txs {
                // A sink thread only stops reading early when it has failed; its result says why.
                let _ = tx.send(outcomes.clone());
            }
            for outcome in outcomes.iter() {
                totals.read += 1;
                match outcome {
                    Outcome::Written { from_cache, .. } => {
                        totals.written += 1;
                        if *from_cache {
                            totals.cache_hits += 1;
                        } else if cache.is_some() {
                            totals.cache_misses += 1;
                        }
                    }
                    Outcome::Skipped(reason) => {
                        totals.skipped += 1;
                        *totals.skip_reasons.entry(reason.clone()).or_default() += 1;
                    }
                    Outcome::Dead(letter) => {
                        totals.dead += 1;
                        if let Err(e) = write_dead_letter(&mut dead_out, letter) {
                            fatal.get_or_insert(RunError::Output(format!(
                                "cannot write {}: {e}",
                                dead_letter_path.display()
                            )));
                        }
                        if abort_on_error {
                            fatal.get_or_insert(RunError::Aborted(letter.describe()));
                        } else if totals.dead <= 20 {
                            observer.warning(&letter.describe());
                        }
                    }
                }
            }
            observer.progress(&Progress {
                inputs_total,
                inputs_done: inputs_done.load(Ordering::Relaxed),
                read: totals.read,
                written: totals.written,
                dead_lettered: totals.dead,
                skipped: totals.skipped,
                bytes_read: bytes_read.load(Ordering::Relaxed),
                elapsed: started.elapsed(),
            });
            if fatal.is_some() {
                abort.store(true, Ordering::Relaxed);
                break;
            }
        }
        drop(out_rx);
        drop(sink_txs);
        sink_handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("sink thread panicked".to_string()))
            })
            .collect::<Vec<_>>()
    });

    if let Some(error) = fatal {
        host.rollback();
        return Err(error);
    }
    // Records a sink refused are dead letters too (after the rest, in sink order).
    let mut refused: BTreeSet<String> = BTreeSet::new();
    for result in sink_results {
        let failures = result.map_err(|e| {
            host.rollback();
            RunError::Output(e)
        })?;
        for letter in failures {
            if refused.insert(format!("{}#{}", letter.input, letter.part.unwrap_or(0))) {
                totals.written -= 1;
                totals.dead += 1;
            }
            observer.warning(&letter.describe());
            write_dead_letter(&mut dead_out, &letter).map_err(|e| {
                RunError::Output(format!("cannot write {}: {e}", dead_letter_path.display()))
            })?;
        }
    }
    dead_out.flush().map_err(|e| {
        RunError::Output(format!("cannot write {}: {e}", dead_letter_path.display()))
    })?;
    drop(dead_out);
    let outputs = host.commit().map_err(RunError::Output)?;

    let elapsed = started.elapsed();
    let mut stages = Vec::new();
    let report = |label: &str, info: &PluginInfo, stats: &StageStats| StageReport {
        stage: label.to_string(),
        plugin: info.tag(),
        records: stats.records.load(Ordering::Relaxed),
        errors: stats.errors.load(Ordering::Relaxed),
        seconds: stats.nanos.load(Ordering::Relaxed) as f64 / 1e9,
        share: 0.0,
    };
    for ((source, (info, _)), stats) in plan.sources.iter().zip(&parsers).zip(&parse_stats) {
        stages.push(report(&source.stage.label, info, stats));
    }
    for ((stage, (info, _)), stats) in plan.enrichers.iter().zip(&enrichers).zip(&enrich_stats) {
        stages.push(report(&stage.label, info, stats));
    }
    for (stage, stats) in plan.sinks.iter().zip(&sink_stats) {
        stages.push(report(&stage.label, &stage.info, stats));
    }
    let total_seconds: f64 = stages.iter().map(|s| s.seconds).sum();
    for stage in &mut stages {
        stage.share = if total_seconds > 0.0 {
            stage.seconds / total_seconds
        } else {
            0.0
        };
    }

    Ok(Summary {
        inputs: inputs_total,
        threads,
        read: totals.read,
        written: totals.written,
        dead_lettered: totals.dead,
        skipped: totals.skipped,
        skip_reasons: totals.skip_reasons,
        bytes_read: bytes_read.load(Ordering::Relaxed),
        elapsed,
        stages,
        outputs,
        dead_letter: dead_letter_path,
        cache: cache.map(|c| crate::summary::CacheReport {
            path: c.path().to_path_buf(),
            hits: totals.cache_hits,
            misses: totals.cache_misses,
            corrupt: cache_stats.corrupt.load(Ordering::Relaxed),
        }),
        warnings,
    })
}

/// A named scoped thread (names show in profilers and panics).
fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    name: &str,
    f: impl FnOnce() -> T + Send + 'scope,
) -> std::thread::ScopedJoinHandle<'scope, T> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn_scoped(scope, f)
        .expect("the OS starts a thread")
}

#[derive(Default)]
struct CacheStats {
    corrupt: AtomicU64,
}

#[derive(Default)]
struct Totals {
    cache_hits: u64,
    cache_misses: u64,
    read: u64,
    written: u64,
    dead: u64,
    skipped: u64,
    skip_reasons: BTreeMap<String, u64>,
}

fn write_dead_letter(out: &mut impl Write, letter: &DeadLetter) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, letter)?;
    out.write_all(b"\n")
}

struct Reader<'a> {
    files: &'a [InputFile],
    parsers: &'a [(PluginInfo, Box<dyn Parse>)],
    stats: &'a [StageStats],
    abort: &'a AtomicBool,
    bytes_read: &'a AtomicU64,
    inputs_done: &'a AtomicUsize,
    batch_size: usize,
    cache: Option<(&'a Cache, &'a [[u8; 32]], &'a CacheStats)>,
    observer: &'a dyn Observer,
}

impl Reader<'_> {
    fn run(&self, tx: Sender<Vec<Job>>) {
        let mut batch = Batch {
            jobs: Vec::with_capacity(self.batch_size),
            bytes: 0,
            size: self.batch_size,
            tx: &tx,
        };
        for file in self.files {
            if self.abort.load(Ordering::Relaxed) || !self.read_one(file, &mut batch) {
                return;
            }
            self.inputs_done.fetch_add(1, Ordering::Relaxed);
        }
        batch.flush();
    }

    /// Frames one input into jobs; false when the run is over (the channel closed).
    fn read_one(&self, file: &InputFile, batch: &mut Batch<'_>) -> bool {
        let (info, parser) = &self.parsers[file.source];
        let stats = &self.stats[file.source];
        let uri: Arc<str> = Arc::from(file.uri.as_str());
        let letter = |stage: &'static str, message: String| DeadLetter {
            input: file.uri.clone(),
            part: None,
            offset: None,
            line: None,
            stage,
            plugin: info.tag(),
            message,
            text: None,
            truncated: false,
        };
        let reader = match inputs::open(&file.path) {
            Ok(reader) => reader,
            Err(e) => {
                let message = format!("cannot read {}: {e}", file.path.display());
                return batch.push(Job::Failed(Box::new(letter("read", message))), 0);
            }
        };
        if let Ok(meta) = std::fs::metadata(&file.path) {
            self.bytes_read.fetch_add(meta.len(), Ordering::Relaxed);
        }

        let mut open = true;
        let mut parts = 0usize;
        let framed = guard::call(|| {
            let mut iter = parser.split(&uri, reader);
            loop {
                let started = Instant::now();
                let next = iter.next();
                let Some(item) = next else { break };
                stats
                    .nanos
                    .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
                parts += 1;
                let job = match item {
                    Ok(part) => {
                        let bytes = part.bytes.len();
                        (self.job_for(file.source, &uri, part), bytes)
                    }
                    Err(e) => {
                        let mut dead = letter("split", e.message.clone());
                        dead.offset = e.offset;
                        dead.line = e.line;
                        (Job::Failed(Box::new(dead)), 0)
                    }
                };
                if !batch.push(job.0, job.1) {
                    open = false;
                    break;
                }
                if self.abort.load(Ordering::Relaxed) {
                    break;
                }
            }
        });
        if let Err(panic) = framed {
            let message = format!("{panic}; the rest of this input was not read");
            return batch.push(Job::Failed(Box::new(letter("split", message))), 0);
        }
        if open && parts == 0 {
            return batch.push(
                Job::Skipped("empty input (no article found)".to_string()),
                0,
            );
        }
        open
    }
}

impl Reader<'_> {
    /// A part becomes a cached record when the cache holds a trusted one, else work to do.
    fn job_for(&self, source: usize, uri: &Arc<str>, part: RawPart) -> Job {
        let Some((cache, fingerprints, stats)) = self.cache else {
            return Job::Part {
                source,
                uri: uri.clone(),
                part,
                cache_key: None,
            };
        };
        let key = Cache::key(&fingerprints[source], uri, &part);
        match cache.get(&key, &format!("{uri}#{}", part.index)) {
            Lookup::Hit(json) => {
                return Job::Cached {
                    source,
                    uri: uri.clone(),
                    part,
                    json,
                };
            }
            Lookup::Miss => {}
            Lookup::Corrupt(why) => {
                if stats.corrupt.fetch_add(1, Ordering::Relaxed) < 20 {
                    self.observer.warning(&format!(
                        "cache entry for {uri} part {} ignored and recomputed: {why}",
                        part.index
                    ));
                }
            }
        }
        Job::Part {
            source,
            uri: uri.clone(),
            part,
            cache_key: Some(key),
        }
    }
}

struct Batch<'a> {
    jobs: Vec<Job>,
    bytes: usize,
    size: usize,
    tx: &'a Sender<Vec<Job>>,
}

impl Batch<'_> {
    /// Adds a job, sending the batch when full; false when the receiver is gone.
    fn push(&mut self, job: Job, bytes: usize) -> bool {
        self.jobs.push(job);
        self.bytes += bytes;
        if self.jobs.len() >= self.size || self.bytes >= BATCH_BYTES {
            return self.flush();
        }
        true
    }

    fn flush(&mut self) -> bool {
        if self.jobs.is_empty() {
            return true;
        }
        self.bytes = 0;
        let jobs = std::mem::replace(&mut self.jobs, Vec::with_capacity(self.size));
        self.tx.send(jobs).is_ok()
    }
}

struct Processor<'a> {
    parsers: &'a [(PluginInfo, Box<dyn Parse>)],
    enrichers: &'a [(PluginInfo, Box<dyn Enrich>)],
    parse_stats: &'a [StageStats],
    enrich_stats: &'a [StageStats],
    reference_time: Option<&'a str>,
}

impl Processor<'_> {
    fn process(&self, job: Job) -> Outcome {
        let (source, uri, part, cache_key) = match job {
            Job::Part {
                source,
                uri,
                part,
                cache_key,
            } => (source, uri, part, cache_key),
            Job::Cached {
                source,
                uri,
                part,
                json,
            } => match serde_json::from_str::<Document>(&json) {
                Ok(doc) => {
                    return Outcome::Written {
                        doc: Box::new(doc),
                        json,
                        cache_key: None,
                        from_cache: true,
                    };
                }
                // Checked when read, so this is a record of another schema: recompute it.
                Err(_) => (source, uri, part, None),
            },
            Job::Failed(letter) => return Outcome::Dead(letter),
            Job::Skipped(reason) => return Outcome::Skipped(reason),
        };
        let (info, parser) = &self.parsers[source];
        let dead = |stage: &'static str,
                    plugin: &PluginInfo,
                    message: String,
                    offset: Option<u64>,
                    line: Option<u64>| {
            Outcome::Dead(Box::new(
                DeadLetter {
                    input: uri.to_string(),
                    part: None,
                    offset,
                    line,
                    stage,
                    plugin: plugin.tag(),
                    message,
                    text: None,
                    truncated: false,
                }
                .with_part(&part),
            ))
        };

        let ctx = ParseContext {
            uri: &uri,
            reference_time: self.reference_time,
        };
        let started = Instant::now();
        let parsed = guard::call(|| parser.parse(&part, &ctx));
        let failed = !matches!(parsed, Ok(Ok(_)));
        self.parse_stats[source].add(started.elapsed(), failed);
        let mut doc = match parsed {
            Ok(Ok(Parsed::Document(doc))) => doc,
            Ok(Ok(Parsed::Skip(reason))) => return Outcome::Skipped(reason),
            Ok(Err(e)) => return dead("parse", info, e.message, e.offset, e.line),
            Err(panic) => return dead("parse", info, panic, None, None),
        };
        let tag = info.tag();
        for field in doc.filled_fields() {
            doc.provenance.insert(field.to_string(), tag.clone());
        }

        for ((info, enricher), stats) in self.enrichers.iter().zip(self.enrich_stats) {
            let started = Instant::now();
            let result = guard::call(|| enricher.enrich(&mut doc));
            stats.add(started.elapsed(), !matches!(result, Ok(Ok(()))));
            match result {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return dead("enrich", info, e.message, e.offset, e.line),
                Err(panic) => return dead("enrich", info, panic, None, None),
            }
            let filled = doc.filled_fields();
            let tag = info.tag();
            for field in info
                .provides
                .iter()
                .filter(|f| filled.contains(&f.as_str()))
            {
                doc.provenance.insert(field.clone(), tag.clone());
            }
        }

        match serde_json::to_string(&doc) {
            Ok(json) => Outcome::Written {
                doc,
                json,
                cache_key,
                from_cache: false,
            },
            Err(e) => dead(
                "enrich",
                info,
                format!("record cannot be serialized: {e}"),
                None,
                None,
            ),
        }
    }
}

fn sink_loop(
    info: PluginInfo,
    mut sink: Box<dyn Sink>,
    rx: Receiver<Arc<Vec<Outcome>>>,
    stats: &StageStats,
) -> Result<Vec<DeadLetter>, String> {
    let mut refused = Vec::new();
    for batch in rx {
        for outcome in batch.iter() {
            let Outcome::Written { doc, json, .. } = outcome else {
                continue;
            };
            let started = Instant::now();
            let result = guard::call(|| sink.write(&SinkRecord { doc, json }));
            let message = match result {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e.to_string()),
                Err(panic) => Some(panic),
            };
            stats.add(started.elapsed(), message.is_some());
            if let Some(message) = message {
                refused.push(DeadLetter {
                    input: doc.source.uri.clone(),
                    part: Some(doc.source.part),
                    offset: None,
                    line: None,
                    stage: "sink",
                    plugin: info.tag(),
                    message,
                    text: None,
                    truncated: false,
                });
            }
        }
    }
    match guard::call(|| sink.finish()) {
        Ok(Ok(())) => Ok(refused),
        Ok(Err(e)) => Err(format!("`{}`: {e}", info.name)),
        Err(panic) => Err(format!("`{}`: {panic}", info.name)),
    }
}
