//! # dateline-jsonl
//!
//! JSON lines both ways: the `jsonl` sink writes every record as one line of JSON, in
//! input order; the `jsonl` source reads dumps from other tools, one article per line,
//! through a configurable field map.

#![warn(missing_docs)]

mod sink;
mod source;

pub use sink::{JsonlConfig, JsonlSink};
pub use source::{FieldMap, JsonlParser, JsonlSourceConfig};

/// The plugins' name in pipelines (a source and a sink).
pub const NAME: &str = "jsonl";
