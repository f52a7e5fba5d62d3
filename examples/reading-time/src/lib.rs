//! An example third-party Dateline plugin: how long an article takes to read.
//!
//! Adds `extra."reading-time"` = `{"words": N, "minutes": M}` to every record. Build it
//! with `cargo build --release -p dateline-example-reading-time` and load it with
//!
//! ```toml
//! [[plugin]]
//! path = "target/release/libdateline_example_reading_time.so"
//!
//! [[enrich]]
//! use = "reading-time"
//! words_per_minute = 230
//! ```

use dateline_plugin::{Document, Enrich, Host, Kind, Plugin, PluginError, PluginInfo};
use serde::Deserialize;

/// The plugin.
pub struct ReadingTime {
    words_per_minute: u32,
}

/// Its configuration.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Reading speed (default 230 words per minute).
    pub words_per_minute: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            words_per_minute: 230,
        }
    }
}

impl Plugin for ReadingTime {
    type Config = Config;

    fn info() -> PluginInfo {
        PluginInfo {
            name: "reading-time".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "reading time and word counts into extra".into(),
            requires: vec!["body".into(), "headline".into()],
            provides: vec!["extra".into()],
        }
    }

    fn new(config: Config, _host: &dyn Host) -> Result<Self, PluginError> {
        if config.words_per_minute == 0 {
            return Err(PluginError::new("words_per_minute must be above 0"));
        }
        Ok(ReadingTime {
            words_per_minute: config.words_per_minute,
        })
    }
}

impl Enrich for ReadingTime {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        let words = doc.body.split_whitespace().count()
            + doc
                .headline
                .as_deref()
                .map_or(0, |h| h.split_whitespace().count());
        let minutes = (words as f64 / self.words_per_minute as f64).ceil() as u64;
        doc.extra.insert(
            "reading-time".into(),
            serde_json::json!({"words": words, "minutes": minutes.max(1)}),
        );
        Ok(())
    }
}

dateline_plugin::export_plugin!(ReadingTime);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_and_rounds_minutes_up() {
        let plugin = ReadingTime {
            words_per_minute: 2,
        };
        let mut doc = Document::new(dateline_plugin::Source::new("a.txt", 0, "text"));
        doc.headline = Some("Two words".into());
        doc.set_body(vec!["one two three".into()]);
        plugin.enrich(&mut doc).unwrap();
        assert_eq!(
            doc.extra["reading-time"],
            serde_json::json!({"words": 5, "minutes": 3})
        );
    }
}
