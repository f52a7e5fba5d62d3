//! # dateline-stories-sink
//!
//! The `stories` sink: one JSON line per story, each record of the run in exactly one
//! (a story of one article is a story).
//!
//! ```json
//! {"story":"s1","records":["news/a.txt#0","wire/b.html#0"],"headline":"...",
//!  "first_seen":"2025-01-20","last_seen":"2025-01-21","entities":["Asim Munir"],
//!  "places":["Rawalpindi"],"events":["consult"]}
//! ```
//!
//! Records stream past to the other sinks as usual; this one keeps a compact signature of
//! each (see `dateline-stories`) and clusters at the end of the run. The output depends only
//! on the records and their order, so it is the same bytes at any thread count.

#![warn(missing_docs)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use dateline_core::{Host, Kind, Plugin, PluginError, PluginInfo, Sink, SinkRecord};
use dateline_stories::{Settings, Stories};
use serde::Deserialize;

/// The plugin's name in pipelines.
pub const NAME: &str = "stories";

/// Configuration of the `stories` sink.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoriesConfig {
    /// Output file, relative to the pipeline file's directory.
    pub path: String,
    /// Articles whose own dates are this many days apart or fewer are not kept apart by
    /// time; beyond it their similarity decays (default 7).
    #[serde(default)]
    pub window_days: Option<u32>,
    /// Mean cosine similarity above which two articles of one topic tell the same story
    /// (default 0.07, tuned on ECB+; higher gives more, smaller stories).
    #[serde(default)]
    pub story_threshold: Option<f32>,
}

/// The `stories` sink.
pub struct StoriesSink {
    stories: Option<Stories>,
    out: BufWriter<File>,
    path: PathBuf,
}

impl Plugin for StoriesSink {
    type Config = StoriesConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Sink,
            description: "the run's records grouped into stories, one JSON line per story".into(),
            requires: vec![],
            provides: vec![],
        }
    }

    fn new(config: StoriesConfig, host: &dyn Host) -> Result<Self, PluginError> {
        let mut settings = Settings::default();
        if let Some(days) = config.window_days {
            settings.window_days = days;
        }
        if let Some(threshold) = config.story_threshold {
            if !(0.0..1.0).contains(&threshold) {
                return Err(PluginError::new(format!(
                    "story_threshold must be in [0, 1), not {threshold}"
                )));
            }
            settings.story_threshold = threshold;
        }
        let path = host.resolve(&config.path);
        let file = host.create_output(&path)?;
        Ok(StoriesSink {
            stories: Some(Stories::new(settings)),
            out: BufWriter::with_capacity(1 << 20, file),
            path,
        })
    }
}

impl Sink for StoriesSink {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        if let Some(stories) = &mut self.stories {
            stories.add(record.doc());
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), PluginError> {
        let failed = |e: std::io::Error| {
            PluginError::new(format!("cannot write {}: {e}", self.path.display()))
        };
        let book = self.stories.take().unwrap_or_default().finish();
        for story in &book.stories {
            let line = serde_json::to_string(story).expect("a story serializes");
            self.out.write_all(line.as_bytes()).map_err(failed)?;
            self.out.write_all(b"\n").map_err(failed)?;
        }
        self.out.flush().map_err(failed)?;
        self.out.get_ref().sync_all().map_err(failed)
    }
}
