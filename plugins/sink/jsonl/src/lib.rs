//! # dateline-jsonl-sink
//!
//! The `jsonl` sink: every record as one line of JSON, in input order. The line is
//! the record's canonical JSON, the same bytes on every run for the same input.

#![warn(missing_docs)]

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use dateline_core::{Host, Kind, Plugin, PluginError, PluginInfo, Sink, SinkRecord};
use serde::Deserialize;

/// The plugin's name in pipelines.
pub const NAME: &str = "jsonl";

/// Configuration of the `jsonl` sink.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonlConfig {
    /// Output file, relative to the pipeline file's directory.
    pub path: String,
}

/// The `jsonl` sink.
pub struct JsonlSink {
    out: BufWriter<File>,
    path: PathBuf,
}

impl Plugin for JsonlSink {
    type Config = JsonlConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Sink,
            description: "one JSON record per line".into(),
            requires: vec![],
            provides: vec![],
        }
    }

    fn new(config: JsonlConfig, host: &dyn Host) -> Result<Self, PluginError> {
        let path = host.resolve(&config.path);
        let file = host.create_output(&path)?;
        Ok(JsonlSink {
            out: BufWriter::with_capacity(1 << 20, file),
            path,
        })
    }
}

impl Sink for JsonlSink {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        self.out
            .write_all(record.json().as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(|e| PluginError::new(format!("cannot write {}: {e}", self.path.display())))
    }

    fn finish(&mut self) -> Result<(), PluginError> {
        self.out
            .flush()
            .and_then(|()| self.out.get_ref().sync_all())
            .map_err(|e| PluginError::new(format!("cannot write {}: {e}", self.path.display())))
    }
}
