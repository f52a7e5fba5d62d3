//! Executing a [`Plan`]: read -> parse and enrich in parallel -> sinks, in input order.
//!
//! ```text
//!  reader thread          processing (rayon pool)        collector (caller's thread)     one thread per sink
//!  inputs, sorted   -->   batch.into_par_iter()    -->   counts, dead letters,    -->    Sink::write in order
//!  cache lookups          parse, enrich, to JSON         cache entries, progress         Sink::finish
//!  Parse::split
//!  (a fetch thread opens and reads small inputs ahead of it)
//!            bounded(2)                         bounded(2)                    bounded(4)
//! ```
//!
//! Batches keep their order through every stage (`collect` on an indexed parallel
//! iterator preserves it), so records reach sinks in input order at any thread
//! count. Every channel is bounded, so memory depends on the batch size, never on
//! the size of the corpus.

mod collect;
mod merge;
mod process;
mod read;

pub use merge::merge_shards;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, bounded};
use dateline_core::{
    Document, Enrich, Host, Instance, Parse, PluginInfo, RawPart, Sink, SinkRecord,
};
use serde::Serialize;

use crate::cache::{self, Cache, Key};
use crate::config::{OnError, Plan};
use crate::guard;
use crate::host::RunHost;
use crate::inputs;
use crate::shard::ShardScope;
use crate::summary::{CacheReport, StageReport, Summary};

/// Stops a batch growing past this many input bytes, whatever `batch_size` says.
const BATCH_BYTES: usize = 8 << 20;
/// The stack of each worker thread.
const WORKER_STACK: usize = 16 << 20;
/// How much of a failed input a dead letter keeps.
const DEAD_LETTER_TEXT: usize = 64 << 10;
/// Individual warnings of one kind printed before only the count is kept.
const WARNINGS_SHOWN: u64 = 20;

/// Hears about a run as it goes (the CLI draws a progress bar from this).
pub trait Observer: Send + Sync {
    /// A problem that does not stop the run.
    fn warning(&self, _message: &str) {}
    /// Called after each batch reaches the sinks.
    fn progress(&self, _progress: &crate::summary::Progress) {}
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
    /// A merge found the shards incomplete, mixed or changed.
    #[error("merge refused, nothing was written:\n{0}")]
    Refused(String),
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
    fn new(input: &str, stage: &'static str, plugin: &PluginInfo, message: String) -> Self {
        DeadLetter {
            input: input.to_string(),
            part: None,
            offset: None,
            line: None,
            stage,
            plugin: plugin.tag(),
            message,
            text: None,
            truncated: false,
        }
    }

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

/// Work for the pool: one part of one input (or what became of an input that gave none).
struct Job {
    /// Index of the input file.
    input: usize,
    /// The cache key of the input, when its outcomes should be stored.
    cache_key: Option<Key>,
    work: Work,
}

enum Work {
    Part {
        source: usize,
        uri: Arc<str>,
        part: RawPart,
    },
    /// A record served by the cache: its JSON line.
    Cached(String),
    Failed(Box<DeadLetter>),
    Skipped(String),
}

/// What became of one job.
struct Done {
    input: usize,
    cache_key: Option<Key>,
    outcome: Outcome,
}

enum Outcome {
    Written {
        /// Set for fresh records; parsed on demand for cached ones.
        doc: Box<OnceLock<Document>>,
        json: String,
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

    fn report(&self, stage: &str, info: &PluginInfo) -> StageReport {
        StageReport {
            stage: stage.to_string(),
            plugin: info.tag(),
            records: self.records.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
            seconds: self.nanos.load(Ordering::Relaxed) as f64 / 1e9,
            share: 0.0,
        }
    }
}

/// Counters shared by the threads of a run.
#[derive(Default)]
struct Shared {
    abort: AtomicBool,
    /// Records made by the reader (articles framed, inputs failed or skipped whole, cache
    /// entries replayed): the `read` of the summary, counted apart from their outcomes.
    framed: AtomicU64,
    bytes_read: AtomicU64,
    inputs_done: AtomicUsize,
    cache_corrupt: AtomicU64,
}

struct Built {
    parsers: Vec<(PluginInfo, Box<dyn Parse>)>,
    enrichers: Vec<(PluginInfo, Box<dyn Enrich>)>,
    sinks: Vec<BuiltSink>,
}

/// A built sink and whose it is.
type BuiltSink = (PluginInfo, Box<dyn Sink>);

/// Builds one stage's plugin, a panic or error naming the stage.
fn build_stage(stage: &crate::config::Stage, host: &RunHost) -> Result<Instance, RunError> {
    guard::call(|| stage.factory.build(stage.config.clone(), host))
        .map_err(|panic| panic.to_string())
        .and_then(|r| r.map_err(|e| e.to_string()))
        .map_err(|message| RunError::Build {
            stage: stage.label.clone(),
            plugin: stage.info.name.clone(),
            message,
        })
}

/// Builds the plan's sinks.
fn build_sinks(plan: &Plan, host: &RunHost) -> Result<Vec<BuiltSink>, RunError> {
    let mut sinks = Vec::new();
    for stage in &plan.sinks {
        match build_stage(stage, host)? {
            Instance::Sink(s) => sinks.push((stage.info.clone(), s)),
            _ => return Err(RunError::Other(format!("{} is not a sink", stage.label))),
        }
    }
    Ok(sinks)
}

fn build(plan: &Plan, host: &RunHost) -> Result<Built, RunError> {
    let build_one = |stage: &crate::config::Stage| build_stage(stage, host);
    let wrong = |label: &str, role: &str| RunError::Other(format!("{label} is not {role}"));
    let mut built = Built {
        parsers: Vec::new(),
        enrichers: Vec::new(),
        sinks: Vec::new(),
    };
    for source in &plan.sources {
        match build_one(&source.stage)? {
            Instance::Parse(p) => built.parsers.push((source.stage.info.clone(), p)),
            _ => return Err(wrong(&source.stage.label, "a source")),
        }
    }
    for stage in &plan.enrichers {
        match build_one(stage)? {
            Instance::Enrich(e) => built.enrichers.push((stage.info.clone(), e)),
            _ => return Err(wrong(&stage.label, "an enricher")),
        }
    }
    built.sinks = build_sinks(plan, host)?;
    Ok(built)
}

/// The fingerprint of each source: what, besides the input bytes, decides its records.
fn fingerprints(plan: &Plan) -> Vec<[u8; 32]> {
    let enrichers: Vec<serde_json::Value> = plan
        .enrichers
        .iter()
        .map(|e| serde_json::json!({"plugin": e.info.tag(), "config": e.config}))
        .collect();
    plan.sources
        .iter()
        .map(|source| {
            cache::fingerprint(&[
                serde_json::json!({"dateline": env!("CARGO_PKG_VERSION"), "schema": dateline_core::SCHEMA_VERSION}),
                serde_json::json!({"parser": source.stage.info.tag(), "config": source.stage.config}),
                serde_json::json!({"enrichers": enrichers, "reference_time": plan.run.reference_time}),
            ])
        })
        .collect()
}

/// Runs a validated plan to the end.
///
/// Returns the summary when the outputs were written (some records may have been
/// dead-lettered: see [`Summary::dead_lettered`]), or a [`RunError`] when nothing
/// trustworthy was written; then every output keeps what it had before the run.
pub fn run(plan: &Plan, observer: &dyn Observer) -> Result<Summary, RunError> {
    let mut prepared = prepare(plan, observer)?;
    let sinks = std::mem::take(&mut prepared.built.sinks);
    let stats = RunStats::for_plan(&prepared.built, sinks.len());
    let shared = Shared::default();
    let mut collector = collect::Collector::new(
        &prepared.dead_letter_temp,
        &prepared.dead_letter_path,
        prepared.cache.as_ref(),
        plan.run.on_error == OnError::Abort,
        &prepared.files,
        prepared.started,
        &shared,
        observer,
    )?;
    let sink_results = execute(
        plan,
        &prepared,
        sinks,
        &stats,
        &shared,
        &mut collector,
        observer,
    );
    let fail = |error: RunError| {
        prepared.host.rollback();
        Err(error)
    };
    let (totals, outputs) =
        match finish_outputs(&prepared, collector, sink_results, &shared, observer) {
            Ok(finished) => finished,
            Err(error) => return fail(error),
        };
    let Prepared {
        started,
        warnings,
        files,
        shard,
        built,
        cache,
        dead_letter_path,
        threads,
        ..
    } = prepared;
    Ok(Summary {
        inputs: files.len(),
        threads,
        read: shared.framed.load(Ordering::Relaxed),
        written: totals.written,
        dead_lettered: totals.dead,
        skipped: totals.skipped,
        skip_reasons: totals.skip_reasons,
        skipped_inputs: totals.skipped_inputs,
        bytes_read: shared.bytes_read.load(Ordering::Relaxed),
        elapsed: started.elapsed(),
        stages: stats.reports(plan, &built),
        outputs,
        dead_letter: dead_letter_path,
        cache: cache.map(|c| CacheReport {
            path: c.path().to_path_buf(),
            hits: totals.cache_hits,
            misses: totals.cache_misses,
            corrupt: shared.cache_corrupt.load(Ordering::Relaxed),
        }),
        warnings,
        shard,
    })
}

/// Everything a run needs before its first record.
struct Prepared {
    started: Instant,
    host: RunHost,
    /// The plan's warnings and those found while preparing, already shown.
    warnings: Vec<String>,
    /// The inputs this run reads (its shard's, when it is one).
    files: Vec<inputs::InputFile>,
    shard: Option<ShardScope>,
    built: Built,
    cache: Option<Cache>,
    /// Per source: what, besides an input's bytes, decides its records.
    fingerprints: Vec<[u8; 32]>,
    dead_letter_path: PathBuf,
    dead_letter_temp: PathBuf,
    threads: usize,
    pool: rayon::ThreadPool,
}

/// Where the shipped models live for a run of `files` inputs of `bytes` in all: a long run
/// copies them into huge-page memory, which makes their lookups faster (fewer
/// address-translation misses: the parser alone runs 7% faster, about 2% of a run through
/// every enricher) but costs the copy and some 65 MB more resident memory; a shorter run
/// views them in place in the binary and copies nothing. On 400 and on 2,225 BBC articles
/// (1 and 7 s of CPU) the two were within 1% of each other, so only runs well past that
/// copy: from about 25,000 articles.
fn model_placement(files: usize, bytes: u64) -> dateline_mapped::Placement {
    if files >= 25_000 || bytes >= 64 << 20 {
        dateline_mapped::Placement::Resident
    } else {
        dateline_mapped::Placement::InPlace
    }
}

/// Lists the inputs, builds the plugins, opens the cache, stages the dead letters and
/// starts the worker pool.
fn prepare(plan: &Plan, observer: &dyn Observer) -> Result<Prepared, RunError> {
    let started = Instant::now();
    let host = RunHost::new(plan.base_dir.clone(), plan.run.reference_time.clone());
    let mut warnings = plan.warnings.clone();
    for w in &warnings {
        observer.warning(w);
    }
    let mut warn = |message: String| {
        observer.warning(&message);
        warnings.push(message);
    };

    let (mut files, missing) = inputs::list(plan);
    missing.into_iter().for_each(&mut warn);
    let shard = plan.shard.map(|shard| {
        let scope = ShardScope::of(shard, &files);
        files = files.drain(scope.inputs.clone()).collect();
        scope
    });

    let input_bytes: u64 = files.iter().map(|f| f.size).sum();
    dateline_mapped::set_placement(model_placement(files.len(), input_bytes));
    let built = build(plan, &host)?;
    let cache = plan.run.cache.as_ref().and_then(|dir| {
        Cache::open(&host.resolve(&dir.to_string_lossy()))
            .map_err(|e| warn(dateline_core::error::chain(&e)))
            .ok()
    });
    let dead_letter_path = host.resolve(&plan.run.dead_letter.to_string_lossy());
    let dead_letter_temp = host
        .stage_output(&dead_letter_path)
        .map_err(|e| RunError::Other(e.to_string()))?;

    let threads = if plan.run.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        plan.run.threads
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("dateline-worker-{i}"))
        // Parsers walk trees recursively (HTML is flattened past 512 levels first); a stack
        // overflow aborts the whole process, so workers get room to spare. Only the pages
        // touched are ever committed.
        .stack_size(WORKER_STACK)
        .build()
        .map_err(|e| RunError::Other(format!("cannot start {threads} worker threads: {e}")))?;
    Ok(Prepared {
        started,
        host,
        warnings,
        files,
        shard,
        built,
        cache,
        fingerprints: fingerprints(plan),
        dead_letter_path,
        dead_letter_temp,
        threads,
        pool,
    })
}

/// The time and record counters of every stage of a run.
struct RunStats {
    parse: Vec<StageStats>,
    enrich: Vec<StageStats>,
    sink: Vec<StageStats>,
}

impl RunStats {
    fn for_plan(built: &Built, sinks: usize) -> RunStats {
        let new = |n: usize| (0..n).map(|_| StageStats::default()).collect();
        RunStats {
            parse: new(built.parsers.len()),
            enrich: new(built.enrichers.len()),
            sink: new(sinks),
        }
    }

    /// One report per stage in pipeline order, each with its share of the stages' time.
    fn reports(&self, plan: &Plan, built: &Built) -> Vec<StageReport> {
        let mut stages = Vec::new();
        for ((source, (info, _)), stats) in plan.sources.iter().zip(&built.parsers).zip(&self.parse)
        {
            stages.push(stats.report(&source.stage.label, info));
        }
        for ((stage, (info, _)), stats) in plan
            .enrichers
            .iter()
            .zip(&built.enrichers)
            .zip(&self.enrich)
        {
            stages.push(stats.report(&stage.label, info));
        }
        for (stage, stats) in plan.sinks.iter().zip(&self.sink) {
            stages.push(stats.report(&stage.label, &stage.info));
        }
        let total_seconds: f64 = stages.iter().map(|s| s.seconds).sum();
        for stage in &mut stages {
            stage.share = if total_seconds > 0.0 {
                stage.seconds / total_seconds
            } else {
                0.0
            };
        }
        stages
    }
}

/// The run itself: the reader thread frames inputs into batches, a batch thread has the
/// pool parse and enrich them, and every finished batch goes to each sink's thread and to
/// the collector, in input order. Returns what each sink said when it finished.
fn execute(
    plan: &Plan,
    prepared: &Prepared,
    sinks: Vec<BuiltSink>,
    stats: &RunStats,
    shared: &Shared,
    collector: &mut collect::Collector<'_>,
    observer: &dyn Observer,
) -> Vec<SinkResult> {
    let Built {
        parsers, enrichers, ..
    } = &prepared.built;
    std::thread::scope(|scope| {
        let (job_tx, job_rx) = bounded::<Vec<Job>>(2);
        let (done_tx, done_rx) = bounded::<Vec<Done>>(2);

        let reader = read::Reader {
            files: &prepared.files,
            parsers,
            stats: &stats.parse,
            shared,
            batch_size: plan.run.batch_size,
            cache: prepared
                .cache
                .as_ref()
                .map(|c| (c, &prepared.fingerprints[..])),
            observer,
        };
        spawn(scope, "dateline-read", move || reader.run(job_tx));

        let processor = process::Processor {
            parsers,
            enrichers,
            parse_stats: &stats.parse,
            enrich_stats: &stats.enrich,
            reference_time: plan.run.reference_time.as_deref(),
        };
        let pool = &prepared.pool;
        spawn(scope, "dateline-batch", move || {
            for batch in job_rx {
                if shared.abort.load(Ordering::Relaxed) {
                    break;
                }
                let done = pool.install(|| processor.process_batch(batch));
                if done_tx.send(done).is_err() {
                    break;
                }
            }
        });

        let sink_threads = SinkThreads::start(scope, sinks, &stats.sink);
        for batch in done_rx.iter() {
            let batch = Arc::new(batch);
            sink_threads.send(&batch);
            if !collector.take(&batch) {
                shared.abort.store(true, Ordering::Relaxed);
                break;
            }
        }
        drop(done_rx);
        sink_threads.finish()
    })
}

/// After the last record: the collector's totals, the records sinks refused, the balance
/// of the counts, then every staged output moved into place. An error leaves the caller to
/// roll the outputs back.
fn finish_outputs(
    prepared: &Prepared,
    collector: collect::Collector<'_>,
    sink_results: Vec<SinkResult>,
    shared: &Shared,
    observer: &dyn Observer,
) -> Result<(collect::Totals, Vec<PathBuf>), RunError> {
    let mut totals = collector.finish()?;
    let late_letters = refusals(
        sink_results,
        &mut totals.written,
        &mut totals.dead,
        observer,
    )?;
    let framed = shared.framed.load(Ordering::Relaxed);
    account(framed, totals.written, totals.dead, totals.skipped).map_err(RunError::Other)?;
    let outputs = settle(
        &prepared.host,
        &prepared.dead_letter_temp,
        &prepared.dead_letter_path,
        &late_letters,
    )?;
    Ok((totals, outputs))
}

/// Checks that every record the reader made ended somewhere. The two sides are counted
/// by different threads at different places (the reader as it frames, the collector and
/// the sinks as records end), so a record lost in between fails the run instead of
/// vanishing from the outputs.
fn account(framed: u64, written: u64, dead: u64, skipped: u64) -> Result<(), String> {
    let ended = written + dead + skipped;
    if ended == framed {
        Ok(())
    } else {
        Err(format!(
            "records unaccounted for: {framed} read, but {ended} ended (written {written}, \
             dead-lettered {dead}, skipped {skipped}); no output was written"
        ))
    }
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

/// Appends the dead letters found at the end (records sinks refused) and renames every
/// staged output into place.
fn settle(
    host: &RunHost,
    dead_letter_temp: &std::path::Path,
    dead_letter_path: &std::path::Path,
    late_letters: &[DeadLetter],
) -> Result<Vec<std::path::PathBuf>, RunError> {
    collect::append_dead_letters(dead_letter_temp, late_letters).map_err(|e| {
        RunError::Output(format!("cannot write {}: {e}", dead_letter_path.display()))
    })?;
    host.commit().map_err(RunError::Output)
}

/// What a sink thread ends with: the records it refused, or why it failed.
type SinkResult = Result<Vec<DeadLetter>, String>;

/// The sinks, each on a thread of its own, all fed the same batches in order.
struct SinkThreads<'scope> {
    senders: Vec<Sender<Arc<Vec<Done>>>>,
    handles: Vec<std::thread::ScopedJoinHandle<'scope, SinkResult>>,
}

impl<'scope> SinkThreads<'scope> {
    fn start(
        scope: &'scope std::thread::Scope<'scope, '_>,
        sinks: Vec<BuiltSink>,
        stats: &'scope [StageStats],
    ) -> Self {
        let mut threads = SinkThreads {
            senders: Vec::new(),
            handles: Vec::new(),
        };
        for ((info, sink), stats) in sinks.into_iter().zip(stats) {
            let (tx, rx) = bounded::<Arc<Vec<Done>>>(4);
            threads.senders.push(tx);
            let name = format!("dateline-sink-{}", threads.handles.len() + 1);
            let handle = spawn(scope, &name, move || sink_loop(info, sink, rx, stats));
            threads.handles.push(handle);
        }
        threads
    }

    fn send(&self, batch: &Arc<Vec<Done>>) {
        for tx in &self.senders {
            // A sink thread only stops reading early when it has failed; its result says why.
            let _ = tx.send(batch.clone());
        }
    }

    /// Ends the input and waits for every sink to finish.
    fn finish(self) -> Vec<SinkResult> {
        drop(self.senders);
        self.handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("sink thread panicked".to_string()))
            })
            .collect()
    }
}

/// The sinks' results folded into the run: a sink that failed fails it; records a sink
/// refused become dead letters (after the rest, in sink order), each record moved from
/// written to dead-lettered once however many sinks refused it.
fn refusals(
    results: Vec<SinkResult>,
    written: &mut u64,
    dead: &mut u64,
    observer: &dyn Observer,
) -> Result<Vec<DeadLetter>, RunError> {
    let mut refused: BTreeSet<String> = BTreeSet::new();
    let mut letters = Vec::new();
    for result in results {
        for letter in result.map_err(RunError::Output)? {
            if refused.insert(format!("{}#{}", letter.input, letter.part.unwrap_or(0))) {
                *written -= 1;
                *dead += 1;
            }
            observer.warning(&letter.describe());
            letters.push(letter);
        }
    }
    Ok(letters)
}

fn sink_loop(
    info: PluginInfo,
    mut sink: Box<dyn Sink>,
    rx: Receiver<Arc<Vec<Done>>>,
    stats: &StageStats,
) -> Result<Vec<DeadLetter>, String> {
    let mut refused = Vec::new();
    for batch in rx {
        for done in batch.iter() {
            let Outcome::Written { doc, json, .. } = &done.outcome else {
                continue;
            };
            let started = Instant::now();
            let result = guard::call(|| sink.write(&SinkRecord::new(json, doc)));
            let message = match result {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(e.to_string()),
                Err(panic) => Some(panic.to_string()),
            };
            stats.add(started.elapsed(), message.is_some());
            if let Some(message) = message {
                let record = SinkRecord::new(json, doc).doc();
                let mut letter = DeadLetter::new(&record.source.uri, "sink", &info, message);
                letter.part = Some(record.source.part);
                refused.push(letter);
            }
        }
    }
    match guard::call(|| sink.finish()) {
        Ok(Ok(())) => Ok(refused),
        Ok(Err(e)) => Err(format!("`{}`: {e}", info.name)),
        Err(panic) => Err(format!("`{}`: {panic}", info.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::account;

    #[test]
    fn a_lost_or_doubled_record_fails_the_account() {
        assert!(account(10, 7, 2, 1).is_ok());
        let lost = account(10, 7, 2, 0).unwrap_err();
        assert!(lost.contains("10 read, but 9 ended"), "{lost}");
        assert!(account(10, 8, 2, 1).is_err());
    }
}
