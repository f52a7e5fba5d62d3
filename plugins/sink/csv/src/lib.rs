//! # dateline-csv
//!
//! The `csv` sink: the tables of `dateline-tables` (articles, entities, mentions, times,
//! quotes, events, event_actors, extra) as one CSV file each, RFC 4180 quoting, a header
//! row, ready for a spreadsheet or pandas. JSON-valued columns hold JSON text.

#![warn(missing_docs)]

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use dateline_core::{Host, Kind, Plugin, PluginError, PluginInfo, Sink, SinkRecord};
use dateline_tables::TABLES;
use serde::Deserialize;

/// The plugin's name in pipelines.
pub const NAME: &str = "csv";

/// Configuration of the `csv` sink.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvConfig {
    /// Directory for the files (`articles.csv`, `entities.csv`, ...), relative to the pipeline.
    pub dir: String,
    /// Also write each record's whole JSON in `articles.csv` (default false: spreadsheets
    /// choke on it, and every field is in the other columns and tables).
    #[serde(default)]
    pub include_record: bool,
}

/// The `csv` sink.
pub struct CsvSink {
    writers: Vec<csv::Writer<BufWriter<File>>>,
    dir: PathBuf,
    include_record: bool,
}

impl Plugin for CsvSink {
    type Config = CsvConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Sink,
            description: "the relational tables as CSV files".into(),
            requires: vec![],
            provides: vec![],
        }
    }

    fn new(config: CsvConfig, host: &dyn Host) -> Result<Self, PluginError> {
        let dir = host.resolve(&config.dir);
        let mut writers = Vec::new();
        for table in TABLES {
            let path = dir.join(format!("{}.csv", table.name));
            let file = host.create_output(&path)?;
            let mut writer = csv::Writer::from_writer(BufWriter::with_capacity(256 << 10, file));
            let header = table
                .columns
                .iter()
                .map(|c| c.name)
                .filter(|name| config.include_record || *name != "record");
            writer
                .write_record(header)
                .map_err(|e| PluginError::new(format!("cannot write {}: {e}", path.display())))?;
            writers.push(writer);
        }
        Ok(CsvSink {
            writers,
            dir,
            include_record: config.include_record,
        })
    }
}

impl Sink for CsvSink {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        let rows = dateline_tables::rows_with_json(record.doc(), Some(record.json()));
        for ((table, rows), writer) in rows.by_table().into_iter().zip(&mut self.writers) {
            for row in rows {
                let cells = table
                    .columns
                    .iter()
                    .zip(row)
                    .filter(|(column, _)| self.include_record || column.name != "record")
                    .map(|(_, cell)| cell.to_text());
                writer.write_record(cells).map_err(|e| {
                    PluginError::new(format!("cannot write {}.csv: {e}", table.name))
                })?;
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), PluginError> {
        for writer in &mut self.writers {
            writer.flush().map_err(|e| {
                PluginError::new(format!("cannot write to {}: {e}", self.dir.display()))
            })?;
        }
        Ok(())
    }
}
