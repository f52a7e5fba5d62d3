//! The parallel stage: parse every part of a batch, run each enricher over the
//! batch, serialize. Each step is parallel over the batch and keeps its order.

use std::sync::OnceLock;
use std::time::Instant;

use dateline_core::{
    Document, Enrich, Parse, ParseContext, Parsed, PluginError, PluginInfo, RawPart,
};
use rayon::prelude::*;

use super::{DeadLetter, Done, Job, Outcome, StageStats, Work};
use crate::guard;

pub(super) struct Processor<'a> {
    pub parsers: &'a [(PluginInfo, Box<dyn Parse>)],
    pub enrichers: &'a [(PluginInfo, Box<dyn Enrich>)],
    pub parse_stats: &'a [StageStats],
    pub enrich_stats: &'a [StageStats],
    pub reference_time: Option<&'a str>,
}

/// A record on its way through the batch.
struct Slot {
    input: usize,
    cache_key: Option<crate::cache::Key>,
    state: State,
}

enum State {
    /// Parsed and being enriched; the part is kept for a dead letter.
    Live {
        /// Taken out while an enricher works on it.
        doc: Option<Box<Document>>,
        part: Box<RawPart>,
        parser: usize,
    },
    Finished(Outcome),
}

fn dead_letter(
    uri: &str,
    stage: &'static str,
    plugin: &PluginInfo,
    e: PluginError,
    part: &RawPart,
) -> Outcome {
    let mut letter = DeadLetter::new(uri, stage, plugin, e.message);
    letter.offset = e.offset;
    letter.line = e.line;
    Outcome::Dead(Box::new(letter.with_part(part)))
}

impl Processor<'_> {
    /// Processes a batch on the current rayon pool, keeping its order.
    pub fn process_batch(&self, batch: Vec<Job>) -> Vec<Done> {
        let mut slots: Vec<Slot> = batch.into_par_iter().map(|job| self.parse(job)).collect();
        for (index, (info, enricher)) in self.enrichers.iter().enumerate() {
            self.enrich(
                &mut slots,
                info,
                enricher.as_ref(),
                &self.enrich_stats[index],
            );
        }
        slots
            .into_par_iter()
            .map(|slot| Done {
                input: slot.input,
                cache_key: slot.cache_key,
                outcome: self.finish(slot.state),
            })
            .collect()
    }

    fn parse(&self, job: Job) -> Slot {
        let finished = |outcome| Slot {
            input: job.input,
            cache_key: job.cache_key,
            state: State::Finished(outcome),
        };
        let (source, uri, part) = match job.work {
            Work::Part { source, uri, part } => (source, uri, part),
            Work::Cached(json) => {
                return finished(Outcome::Written {
                    doc: Box::default(),
                    json,
                    from_cache: true,
                });
            }
            Work::Failed(letter) => return finished(Outcome::Dead(letter)),
            Work::Skipped(reason) => return finished(Outcome::Skipped(reason)),
        };
        let (info, parser) = &self.parsers[source];
        let ctx = ParseContext {
            uri: &uri,
            reference_time: self.reference_time,
        };
        let started = Instant::now();
        let parsed = guard::call(|| parser.parse(&part, &ctx));
        self.parse_stats[source].add(
            started.elapsed(),
            !matches!(parsed, Ok(Ok(Parsed::Document(_)))),
        );
        let mut doc = match parsed {
            Ok(Ok(Parsed::Document(doc))) => doc,
            Ok(Ok(Parsed::Skip(reason))) => {
                return finished(Outcome::Skipped(crate::cache::one_line(&reason)));
            }
            Ok(Err(e)) => return finished(dead_letter(&uri, "parse", info, e, &part)),
            Err(panic) => {
                return finished(dead_letter(
                    &uri,
                    "parse",
                    info,
                    PluginError::new(panic.to_string()),
                    &part,
                ));
            }
        };
        let tag = info.tag();
        for field in doc.filled_fields() {
            doc.provenance.insert(field.to_string(), tag.clone());
        }
        Slot {
            input: job.input,
            cache_key: job.cache_key,
            state: State::Live {
                doc: Some(doc),
                part: Box::new(part),
                parser: source,
            },
        }
    }

    /// Runs one enricher over the live records of a batch, in chunks of its batch size.
    fn enrich(
        &self,
        slots: &mut [Slot],
        info: &PluginInfo,
        enricher: &dyn Enrich,
        stats: &StageStats,
    ) {
        let size = enricher.batch_size().max(1);
        let mut live: Vec<&mut Slot> = slots
            .iter_mut()
            .filter(|s| matches!(s.state, State::Live { .. }))
            .collect();
        let tag = info.tag();
        live.par_chunks_mut(size).for_each(|chunk| {
            let mut docs: Vec<Document> = chunk
                .iter_mut()
                .map(|slot| match &mut slot.state {
                    State::Live { doc, .. } => *doc.take().expect("a live slot holds its record"),
                    State::Finished(_) => unreachable!("only live slots are chunked"),
                })
                .collect();
            let started = Instant::now();
            let results = match guard::call(|| enricher.enrich_batch(&mut docs)) {
                Ok(results) if results.len() == docs.len() => results,
                Ok(results) => {
                    let message = format!(
                        "returned {} results for {} records",
                        results.len(),
                        docs.len()
                    );
                    docs.iter()
                        .map(|_| Err(PluginError::new(message.clone())))
                        .collect()
                }
                Err(panic) => docs
                    .iter()
                    .map(|_| Err(PluginError::new(panic.to_string())))
                    .collect(),
            };
            let took = started.elapsed() / docs.len().max(1) as u32;
            for ((slot, mut doc), result) in chunk.iter_mut().zip(docs).zip(results) {
                stats.add(took, result.is_err());
                let State::Live {
                    doc: kept, part, ..
                } = &mut slot.state
                else {
                    unreachable!("only live slots are chunked")
                };
                // Offsets outside their text would be sliced by the sinks: the record fails
                // here, at the enricher that made them.
                let result = result.and_then(|()| {
                    doc.check_offsets().map_err(|why| {
                        PluginError::new(format!("returned an offset outside the text: {why}"))
                    })
                });
                match result {
                    Ok(()) => {
                        let filled = doc.filled_fields();
                        for field in info
                            .provides
                            .iter()
                            .filter(|f| filled.contains(&f.as_str()))
                        {
                            doc.provenance.insert(field.clone(), tag.clone());
                        }
                        *kept = Some(Box::new(doc));
                    }
                    Err(e) => {
                        let outcome = dead_letter(&doc.source.uri, "enrich", info, e, part);
                        slot.state = State::Finished(outcome);
                    }
                }
            }
        });
    }

    fn finish(&self, state: State) -> Outcome {
        match state {
            State::Finished(outcome) => outcome,
            State::Live { doc, part, parser } => {
                let doc = doc.expect("a live slot holds its record");
                // Room for the body and the fields around it: a text-only record fits,
                // an enriched one grows once or twice.
                match dateline_core::json::to_string_with_capacity(&doc, doc.body.len() + 512) {
                    Ok(json) => Outcome::Written {
                        doc: Box::new(OnceLock::from(*doc)),
                        json,
                        from_cache: false,
                    },
                    Err(e) => {
                        let message = PluginError::new(format!("record cannot be serialized: {e}"));
                        dead_letter(
                            &doc.source.uri,
                            "serialize",
                            &self.parsers[parser].0,
                            message,
                            &part,
                        )
                    }
                }
            }
        }
    }
}
