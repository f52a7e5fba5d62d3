//! The collector: takes finished batches in input order, counts every record, writes
//! dead letters and cache entries, and reports progress.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Instant;

use super::{DeadLetter, Done, Observer, Outcome, RunError, Shared, WARNINGS_SHOWN};
use crate::cache::{Cache, CacheError, EntryWriter};
use crate::inputs::InputFile;
use crate::summary::Progress;
use dateline_core::error::chain;

/// The counts of a run.
#[derive(Default)]
pub(super) struct Totals {
    pub read: u64,
    pub written: u64,
    pub dead: u64,
    pub skipped: u64,
    pub skip_reasons: BTreeMap<String, u64>,
    /// For each reason, the inputs skipped for it (each once, in input order).
    pub skipped_inputs: BTreeMap<String, Vec<String>>,
    pub cache_hits: u64,
    pub cache_misses: u64,
}

/// The cache entry of the input whose outcomes are arriving.
struct OpenEntry {
    input: usize,
    /// `None` once the input cannot be cached (a dead letter, a write error).
    writer: Option<EntryWriter>,
}

pub(super) struct Collector<'a> {
    dead_out: BufWriter<File>,
    dead_letter_path: PathBuf,
    cache: Option<&'a Cache>,
    entry: Option<OpenEntry>,
    abort_on_error: bool,
    inputs: &'a [InputFile],
    started: Instant,
    shared: &'a Shared,
    observer: &'a dyn Observer,
    totals: Totals,
    fatal: Option<RunError>,
}

impl<'a> Collector<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        dead_letter_temp: &Path,
        dead_letter_path: &Path,
        cache: Option<&'a Cache>,
        abort_on_error: bool,
        inputs: &'a [InputFile],
        started: Instant,
        shared: &'a Shared,
        observer: &'a dyn Observer,
    ) -> Result<Self, RunError> {
        let file = File::create(dead_letter_temp).map_err(|e| {
            RunError::Other(format!("cannot create {}: {e}", dead_letter_temp.display()))
        })?;
        Ok(Collector {
            dead_out: BufWriter::new(file),
            dead_letter_path: dead_letter_path.to_path_buf(),
            cache,
            entry: None,
            abort_on_error,
            inputs,
            started,
            shared,
            observer,
            totals: Totals::default(),
            fatal: None,
        })
    }

    /// Takes one batch; false when the run must stop.
    pub fn take(&mut self, batch: &[Done]) -> bool {
        for done in batch {
            self.track_entry(done);
            let totals = &mut self.totals;
            totals.read += 1;
            match &done.outcome {
                Outcome::Written {
                    json, from_cache, ..
                } => {
                    totals.written += 1;
                    if *from_cache {
                        totals.cache_hits += 1;
                    } else if self.cache.is_some() {
                        totals.cache_misses += 1;
                    }
                    self.cache_write(|w| w.written(json));
                }
                Outcome::Skipped(reason) => {
                    totals.skipped += 1;
                    *totals.skip_reasons.entry(reason.clone()).or_default() += 1;
                    let uri = &self.inputs[done.input].uri;
                    let named = totals.skipped_inputs.entry(reason.clone()).or_default();
                    if named.last() != Some(uri) {
                        named.push(uri.clone());
                    }
                    self.cache_write(|w| w.skipped(reason));
                }
                Outcome::Dead(letter) => {
                    totals.dead += 1;
                    // An input with a failure is not cached: it is retried next time.
                    if let Some(entry) = &mut self.entry {
                        entry.writer = None;
                    }
                    if let Err(e) = write_dead_letter(&mut self.dead_out, letter) {
                        let message =
                            format!("cannot write {}: {e}", self.dead_letter_path.display());
                        self.fatal.get_or_insert(RunError::Output(message));
                    }
                    if self.abort_on_error {
                        self.fatal
                            .get_or_insert(RunError::Aborted(letter.describe()));
                    } else if self.totals.dead <= WARNINGS_SHOWN {
                        self.observer.warning(&letter.describe());
                    }
                }
            }
        }
        self.observer.progress(&Progress {
            inputs_total: self.inputs.len(),
            inputs_done: self.shared.inputs_done.load(Ordering::Relaxed),
            read: self.totals.read,
            written: self.totals.written,
            dead_lettered: self.totals.dead,
            skipped: self.totals.skipped,
            bytes_read: self.shared.bytes_read.load(Ordering::Relaxed),
            elapsed: self.started.elapsed(),
        });
        self.fatal.is_none()
    }

    /// Outcomes of one input arrive together: a new input closes the previous entry.
    fn track_entry(&mut self, done: &Done) {
        if self.entry.as_ref().is_some_and(|e| e.input == done.input) {
            return;
        }
        self.close_entry();
        let writer = match (self.cache, &done.cache_key) {
            (Some(cache), Some(key)) => match cache.writer(key) {
                Ok(writer) => Some(writer),
                Err(e) => {
                    self.observer.warning(&format!("cache: {}", chain(&e)));
                    None
                }
            },
            _ => None,
        };
        self.entry = Some(OpenEntry {
            input: done.input,
            writer,
        });
    }

    fn cache_write(&mut self, write: impl FnOnce(&mut EntryWriter) -> Result<(), CacheError>) {
        let Some(entry) = &mut self.entry else { return };
        let Some(writer) = &mut entry.writer else {
            return;
        };
        if let Err(e) = write(writer) {
            self.observer.warning(&format!("cache: {}", chain(&e)));
            entry.writer = None;
        }
    }

    fn close_entry(&mut self) {
        if let Some(OpenEntry {
            writer: Some(writer),
            ..
        }) = self.entry.take()
            && let Err(e) = writer.commit()
        {
            self.observer.warning(&format!("cache: {}", chain(&e)));
        }
    }

    /// Ends the run's collection: the counts, or the fatal error that stopped it.
    pub fn finish(mut self) -> Result<Totals, RunError> {
        if let Some(fatal) = self.fatal.take() {
            // A stopped run's last entry may be incomplete: drop it.
            self.entry = None;
            return Err(fatal);
        }
        self.close_entry();
        self.dead_out.flush().map_err(|e| {
            RunError::Output(format!(
                "cannot write {}: {e}",
                self.dead_letter_path.display()
            ))
        })?;
        Ok(std::mem::take(&mut self.totals))
    }
}

fn write_dead_letter(out: &mut impl Write, letter: &DeadLetter) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, letter)?;
    out.write_all(b"\n")
}

/// Appends dead letters found after collection (records a sink refused).
pub(super) fn append_dead_letters(path: &Path, letters: &[DeadLetter]) -> std::io::Result<()> {
    if letters.is_empty() {
        return Ok(());
    }
    let mut out = BufWriter::new(OpenOptions::new().append(true).open(path)?);
    for letter in letters {
        write_dead_letter(&mut out, letter)?;
    }
    out.flush()
}
