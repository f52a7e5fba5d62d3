//! The parallel stage: parse, enrich and serialize each part of a batch.

use std::sync::OnceLock;
use std::time::Instant;

use dateline_core::{Enrich, Parse, ParseContext, Parsed, PluginInfo};
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

impl Processor<'_> {
    /// Processes a batch on the current rayon pool, keeping its order.
    pub fn process_batch(&self, batch: Vec<Job>) -> Vec<Done> {
        batch
            .into_par_iter()
            .map(|job| Done {
                input: job.input,
                cache_key: job.cache_key,
                outcome: self.process(job.work),
            })
            .collect()
    }

    fn process(&self, work: Work) -> Outcome {
        let (source, uri, part) = match work {
            Work::Part { source, uri, part } => (source, uri, part),
            Work::Cached(json) => {
                return Outcome::Written {
                    doc: Box::default(),
                    json,
                    from_cache: true,
                };
            }
            Work::Failed(letter) => return Outcome::Dead(letter),
            Work::Skipped(reason) => return Outcome::Skipped(reason),
        };
        let (info, parser) = &self.parsers[source];
        let dead = |stage: &'static str, plugin: &PluginInfo, e: dateline_core::PluginError| {
            let mut letter = DeadLetter::new(&uri, stage, plugin, e.message);
            letter.offset = e.offset;
            letter.line = e.line;
            Outcome::Dead(Box::new(letter.with_part(&part)))
        };
        let panicked = |message: String| dateline_core::PluginError::new(message);

        let ctx = ParseContext {
            uri: &uri,
            reference_time: self.reference_time,
        };
        let started = Instant::now();
        let parsed = guard::call(|| parser.parse(&part, &ctx));
        self.parse_stats[source].add(started.elapsed(), !matches!(parsed, Ok(Ok(_))));
        let mut doc = match parsed {
            Ok(Ok(Parsed::Document(doc))) => doc,
            Ok(Ok(Parsed::Skip(reason))) => return Outcome::Skipped(reason),
            Ok(Err(e)) => return dead("parse", info, e),
            Err(panic) => return dead("parse", info, panicked(panic)),
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
                Ok(Err(e)) => return dead("enrich", info, e),
                Err(panic) => return dead("enrich", info, panicked(panic)),
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
                doc: Box::new(OnceLock::from(*doc)),
                json,
                from_cache: false,
            },
            Err(e) => dead(
                "enrich",
                info,
                panicked(format!("record cannot be serialized: {e}")),
            ),
        }
    }
}
