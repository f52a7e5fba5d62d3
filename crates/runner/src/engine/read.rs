//! The reader thread: inputs in sorted order, served from the cache or framed into parts.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use crossbeam_channel::{Sender, bounded};
use dateline_core::{Parse, PluginInfo};

use super::{BATCH_BYTES, DeadLetter, Job, Observer, Shared, StageStats, WARNINGS_SHOWN, Work};
use crate::cache::{Cache, Entry, Key, Lookup};
use crate::guard;
use crate::inputs::{self, InputFile};

/// Inputs opened ahead of the framing at most (see `inputs::fetch`: a small file read
/// whole, a larger one left open to stream).
const FETCH_AHEAD: usize = 32;

pub(super) struct Reader<'a> {
    pub files: &'a [InputFile],
    pub parsers: &'a [(PluginInfo, Box<dyn Parse>)],
    pub stats: &'a [StageStats],
    pub shared: &'a Shared,
    pub batch_size: usize,
    pub cache: Option<(&'a Cache, &'a [[u8; 32]])>,
    pub observer: &'a dyn Observer,
}

impl Reader<'_> {
    pub fn run(&self, tx: Sender<Vec<Job>>) {
        let mut batch = Batch {
            jobs: Vec::with_capacity(self.batch_size),
            bytes: 0,
            size: self.batch_size,
            tx: &tx,
            framed: &self.shared.framed,
        };
        std::thread::scope(|scope| {
            // Inputs are opened (and small ones read) by a thread of their own, ahead of
            // the framing here: the system calls of one input overlap the framing of the
            // one before. (Inputs a cache serves are read to be hashed there instead.)
            let ahead = self.cache.is_none().then(|| {
                let (ahead_tx, ahead_rx) = bounded::<inputs::Fetched>(FETCH_AHEAD);
                let (files, abort) = (self.files, &self.shared.abort);
                let fetcher = move || {
                    let mut opener = inputs::Opener::default();
                    for file in files {
                        let fetched = inputs::fetch(&mut opener, &file.path);
                        if abort.load(Ordering::Relaxed) || ahead_tx.send(fetched).is_err() {
                            return;
                        }
                    }
                };
                std::thread::Builder::new()
                    .name("dateline-fetch".to_string())
                    .spawn_scoped(scope, fetcher)
                    .expect("the OS starts a thread");
                ahead_rx
            });
            let mut opener = inputs::Opener::default();
            for (index, file) in self.files.iter().enumerate() {
                // In input order, one message an input.
                let fetched = ahead.as_ref().and_then(|rx| rx.recv().ok());
                if self.shared.abort.load(Ordering::Relaxed)
                    || !self.read_one(index, file, &mut opener, fetched, &mut batch)
                {
                    // Dropping the receiver stops the fetcher before the scope waits on it.
                    return;
                }
                self.shared.inputs_done.fetch_add(1, Ordering::Relaxed);
            }
            batch.flush();
        });
    }

    /// The cache key of an input, and its cached outcomes when they can be trusted.
    fn cached_entry(&self, file: &InputFile) -> (Option<Key>, Option<Vec<Entry>>) {
        let Some((cache, fingerprints)) = self.cache else {
            return (None, None);
        };
        let key = match Cache::key(&fingerprints[file.source], &file.uri, &file.path) {
            Ok(key) => key,
            // Unreadable input: the normal path reports it.
            Err(_) => return (None, None),
        };
        match cache.get(&key) {
            Lookup::Hit(entries) => (Some(key), Some(entries)),
            Lookup::Miss => (Some(key), None),
            Lookup::Corrupt(why) => {
                if self.shared.cache_corrupt.fetch_add(1, Ordering::Relaxed) < WARNINGS_SHOWN {
                    self.observer.warning(&format!(
                        "cache entry for {} ignored and recomputed: {why}",
                        file.uri
                    ));
                }
                (Some(key), None)
            }
        }
    }

    /// Turns one input into jobs; false when the run is over (the channel closed).
    fn read_one(
        &self,
        input: usize,
        file: &InputFile,
        opener: &mut inputs::Opener,
        fetched: Option<inputs::Fetched>,
        batch: &mut Batch<'_>,
    ) -> bool {
        let (info, parser) = &self.parsers[file.source];
        // The size the listing found: no second stat of every input.
        let size = file.size;
        let (cache_key, cached) = self.cached_entry(file);
        if let Some(entries) = cached {
            self.shared.bytes_read.fetch_add(size, Ordering::Relaxed);
            return replay(input, entries, batch);
        }

        let job = |work: Work| Job {
            input,
            cache_key,
            work,
        };
        let fail = |stage: &'static str, message: String| {
            job(Work::Failed(Box::new(DeadLetter::new(
                &file.uri, stage, info, message,
            ))))
        };
        let raw = parser.raw_input();
        let opened = match fetched {
            Some(fetched) => {
                fetched.and_then(|(content, watch)| Ok((inputs::reader_of(content, raw)?, watch)))
            }
            None => inputs::open_watched(opener, &file.path, raw),
        };
        let (reader, watch) = match opened {
            Ok(opened) => opened,
            Err(e) => {
                let message = format!("cannot read {}: {e}", file.path.display());
                return batch.push(fail("read", message), 0);
            }
        };
        self.shared.bytes_read.fetch_add(size, Ordering::Relaxed);

        let (open, parts) = match guard::call(|| self.frame(file, reader, &job, batch)) {
            Ok(framed) => framed,
            Err(panic) => {
                let message = format!("{panic}; the rest of this input was not read");
                return batch.push(fail("split", message), 0);
            }
        };
        // Records already on their way may hold a torn last article: the input fails too,
        // so the run ends in dead letters (exit 3) and the input is not cached.
        if open && let Some(why) = watch.changed() {
            let message = format!(
                "{} {why}: records from it may be incomplete; run again once it is complete",
                file.path.display()
            );
            if !batch.push(fail("read", message), 0) {
                return false;
            }
        }
        if open && parts == 0 {
            return batch.push(
                job(Work::Skipped("empty input (no article found)".to_string())),
                0,
            );
        }
        open
    }

    /// Splits an open input into parts, a job each (a part the parser cannot frame is a
    /// dead letter where it stands). Returns whether the run goes on, and how many parts
    /// there were.
    fn frame(
        &self,
        file: &InputFile,
        reader: Box<dyn std::io::BufRead + Send>,
        job: &dyn Fn(Work) -> Job,
        batch: &mut Batch<'_>,
    ) -> (bool, usize) {
        let (info, parser) = &self.parsers[file.source];
        let stats = &self.stats[file.source];
        let uri: Arc<str> = Arc::from(file.uri.as_str());
        let mut parts = 0usize;
        let mut iter = parser.split(&uri, reader);
        loop {
            let started = Instant::now();
            let next = iter.next();
            stats
                .nanos
                .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
            let Some(item) = next else { break };
            parts += 1;
            let (work, bytes) = match item {
                Ok(part) => {
                    let bytes = part.bytes.len();
                    let work = Work::Part {
                        source: file.source,
                        uri: uri.clone(),
                        part,
                    };
                    (work, bytes)
                }
                Err(e) => {
                    let mut letter = DeadLetter::new(&file.uri, "split", info, e.message.clone());
                    letter.offset = e.offset;
                    letter.line = e.line;
                    (Work::Failed(Box::new(letter)), 0)
                }
            };
            if !batch.push(job(work), bytes) {
                return (false, parts);
            }
            if self.shared.abort.load(Ordering::Relaxed) {
                break;
            }
        }
        (true, parts)
    }
}

/// Serves an input's cached outcomes as jobs; false when the run is over.
fn replay(input: usize, entries: Vec<Entry>, batch: &mut Batch<'_>) -> bool {
    for entry in entries {
        let work = match entry {
            Entry::Written(json) => Work::Cached(json),
            Entry::Skipped(reason) => Work::Skipped(reason),
        };
        let job = Job {
            input,
            cache_key: None,
            work,
        };
        if !batch.push(job, 0) {
            return false;
        }
    }
    true
}

struct Batch<'a> {
    jobs: Vec<Job>,
    bytes: usize,
    size: usize,
    tx: &'a Sender<Vec<Job>>,
    /// Every job counted where it is made, apart from the collector's count of outcomes,
    /// so that a job lost between the two shows as a difference.
    framed: &'a AtomicU64,
}

impl Batch<'_> {
    /// Adds a job, sending the batch when full; false when the receiver is gone.
    fn push(&mut self, job: Job, bytes: usize) -> bool {
        self.framed.fetch_add(1, Ordering::Relaxed);
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
