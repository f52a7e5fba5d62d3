//! The three plugin roles and how a plugin is described, configured and built.
//!
//! A plugin is a type that implements [`Plugin`] (its metadata, its typed
//! configuration and its constructor) and one of [`Parse`], [`Enrich`] or
//! [`Sink`]. The runner never sees the concrete type: it holds a [`Factory`]
//! (see [`parser`], [`enricher`], [`sink`]) that builds an [`Instance`] from the
//! JSON form of the plugin's configuration table.

use std::collections::BTreeMap;
use std::fmt;
use std::io::BufRead;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::PluginError;
use crate::record::Document;

/// What a plugin does in a pipeline: its role, named in messages as pipeline.toml names
/// it (`source`, `enrich`, `sink`). On the plugin protocol a source's kind is `parse`,
/// the name its trait ([`Parse`]) has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A source: turns input bytes into records (`[[source]]`).
    Parse,
    /// An enrich plugin: adds fields to records (`[[enrich]]`).
    Enrich,
    /// A sink: writes records somewhere (`[[sink]]`).
    Sink,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Parse => "source",
            Kind::Enrich => "enrich",
            Kind::Sink => "sink",
        })
    }
}

/// A plugin's self-description, shown by `dateline plugins` and used to validate pipelines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginInfo {
    /// The name pipelines refer to it by.
    pub name: String,
    /// Its version (semver).
    pub version: String,
    /// Its role.
    pub kind: Kind,
    /// One line on what it does.
    pub description: String,
    /// Record fields it needs an earlier stage to have filled.
    pub requires: Vec<String>,
    /// Record fields it fills.
    pub provides: Vec<String>,
}

impl PluginInfo {
    /// `name@version`, as written into a record's `provenance`.
    pub fn tag(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }
}

/// What the runner offers a plugin while it is being built.
pub trait Host: Send + Sync {
    /// The time relative expressions are resolved against when an article gives none
    /// (RFC 3339, from `[run] reference_time`).
    fn reference_time(&self) -> Option<&str>;
    /// A path from the configuration, resolved against the pipeline file's directory.
    fn resolve(&self, path: &str) -> PathBuf;
    /// Reserves an output file: returns the temporary path to write to. The runner renames it
    /// to `path` when the whole run succeeds and removes it otherwise, so no reader ever sees
    /// a half-written output.
    fn stage_output(&self, path: &Path) -> Result<PathBuf, PluginError>;

    /// Reserves `path` ([`Host::stage_output`]) and creates the temporary file: what a sink
    /// writes its output into.
    fn create_output(&self, path: &Path) -> Result<std::fs::File, PluginError> {
        let staged = self.stage_output(path)?;
        std::fs::File::create(&staged)
            .map_err(|e| PluginError::new(format!("cannot create {}: {e}", staged.display())))
    }
}

/// Where an output is written until the run succeeds: `<dir>/.<file name><suffix>`,
/// beside the final file so that the closing rename never crosses file systems. Dateline
/// and plugins behind a boundary both follow this, so Dateline can rename what they wrote.
///
/// ```
/// use std::path::Path;
/// use dateline_core::plugin::staged_path;
///
/// let staged = staged_path(Path::new("out/a.jsonl"), ".tmp-7").unwrap();
/// assert_eq!(staged, Path::new("out/.a.jsonl.tmp-7"));
/// ```
pub fn staged_path(path: &Path, suffix: &str) -> Option<PathBuf> {
    let name = path.file_name()?;
    Some(path.with_file_name(format!(".{}{suffix}", name.to_string_lossy())))
}

/// The staging suffix of this process's outputs (see [`staged_path`]): the host's name and
/// the process id, so that processes on different machines writing to one shared
/// filesystem (the shards of a cluster run, an engine's task retries) never share one.
pub fn staging_suffix() -> String {
    format!(".tmp-{}-{}", host_name(), std::process::id())
}

/// This machine's name, reduced to characters safe in a file name.
fn host_name() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default();
    let safe: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    if safe.is_empty() { "host".into() } else { safe }
}

/// A plugin: metadata, typed configuration and constructor.
///
/// ```
/// use dateline_core::{Document, Enrich, Host, Kind, Plugin, PluginError, PluginInfo};
///
/// /// Counts the words of the body into `extra`.
/// struct WordCount;
///
/// #[derive(Default, serde::Deserialize, schemars::JsonSchema)]
/// #[serde(deny_unknown_fields)]
/// struct Config {}
///
/// impl Plugin for WordCount {
///     type Config = Config;
///     fn info() -> PluginInfo {
///         PluginInfo {
///             name: "word-count".into(),
///             version: "1.0.0".into(),
///             kind: Kind::Enrich,
///             description: "words in the body".into(),
///             requires: vec!["body".into()],
///             provides: vec!["extra".into()],
///         }
///     }
///     fn new(_config: Config, _host: &dyn Host) -> Result<Self, PluginError> {
///         Ok(WordCount)
///     }
/// }
///
/// impl Enrich for WordCount {
///     fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
///         let words = doc.body.split_whitespace().count();
///         doc.extra.insert("word-count".into(), words.into());
///         Ok(())
///     }
/// }
/// ```
pub trait Plugin: Sized {
    /// The `[[source]]`, `[[enrich]]` or `[[sink]]` table's own keys, deserialized.
    /// Use `#[serde(deny_unknown_fields)]` and defaults for every optional key.
    type Config: DeserializeOwned + JsonSchema;
    /// Name, version, kind, requires, provides.
    fn info() -> PluginInfo;
    /// Builds the plugin once per run.
    fn new(config: Self::Config, host: &dyn Host) -> Result<Self, PluginError>;
}

/// One framed piece of an input: usually one article, before parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawPart {
    /// Which part of the input this is (0-based); becomes `source.part`.
    pub index: u32,
    /// Byte offset of the part in the input.
    pub offset: u64,
    /// Line number (1-based) where the part starts, when the input is line-oriented.
    pub line: Option<u64>,
    /// The part's bytes.
    pub bytes: Vec<u8>,
    /// Framing metadata for `parse` (a WARC record's headers, say).
    pub meta: BTreeMap<String, String>,
}

/// The stream of parts [`Parse::split`] finds in one input.
pub type Parts<'a> = Box<dyn Iterator<Item = Result<RawPart, PluginError>> + Send + 'a>;

/// What parsing one part gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// An article.
    Document(Box<Document>),
    /// Not an article (a WARC request record, an empty part): counted as skipped with this reason.
    Skip(String),
}

/// Context for [`Parse::parse`].
#[derive(Debug, Clone, Copy)]
pub struct ParseContext<'a> {
    /// The input's uri, as it goes into `source.uri`.
    pub uri: &'a str,
    /// The run's reference time (RFC 3339), when configured.
    pub reference_time: Option<&'a str>,
}

/// A source: frames an input into parts, then turns each part into a record.
///
/// Framing is sequential and should be cheap; parsing runs in parallel, so the
/// costly work belongs in [`Parse::parse`]. This is what makes one huge input
/// (a WARC, a JSONL dump) as parallel as many small files.
pub trait Parse: Send + Sync {
    /// Frames `input` into parts, streaming. An `Err` item is a part that could not be
    /// framed (it is dead-lettered); the iterator may go on after it.
    fn split<'a>(&'a self, uri: &'a str, input: Box<dyn BufRead + Send + 'a>) -> Parts<'a>;
    /// Parses one part.
    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError>;

    /// True when [`Parse::split`] wants the input's bytes exactly as stored. By default the
    /// runner decompresses gzip inputs first; a format that frames its own compression
    /// (WARC's gzip member per record) reads the raw bytes to recover from a corrupt member.
    fn raw_input(&self) -> bool {
        false
    }
}

/// A transform: adds to a record in place.
pub trait Enrich: Send + Sync {
    /// Enriches one record. An error fails this record only.
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError>;

    /// Enriches several records, one result per record. The default calls
    /// [`Enrich::enrich`] on each; a plugin behind a library or process boundary
    /// overrides it to cross the boundary once per batch.
    fn enrich_batch(&self, docs: &mut [Document]) -> Vec<Result<(), PluginError>> {
        docs.iter_mut().map(|doc| self.enrich(doc)).collect()
    }

    /// How many records [`Enrich::enrich_batch`] should get at a time (1: one by one).
    fn batch_size(&self) -> usize {
        1
    }
}

/// A record as it reaches a sink: its canonical JSON line (serialized once, in
/// parallel, and shared by every sink) and the document it encodes.
///
/// A record taken from the incremental cache arrives as JSON only; [`SinkRecord::doc`]
/// parses it on first use, once for all sinks, so sinks that write the JSON as it is
/// never pay for parsing.
///
/// ```
/// use std::sync::OnceLock;
/// use dateline_core::{Document, SinkRecord, Source};
///
/// let json = serde_json::to_string(&Document::new(Source::new("a.txt", 0, "text"))).unwrap();
/// let doc = OnceLock::new();
/// let record = SinkRecord::new(&json, &doc);
/// assert_eq!(record.doc().id, "a.txt#0");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct SinkRecord<'a> {
    json: &'a str,
    doc: &'a OnceLock<Document>,
}

impl<'a> SinkRecord<'a> {
    /// A record from its JSON line and a cell holding (or to hold) its document.
    pub fn new(json: &'a str, doc: &'a OnceLock<Document>) -> Self {
        SinkRecord { json, doc }
    }

    /// The canonical JSON line, without a newline.
    pub fn json(&self) -> &'a str {
        self.json
    }

    /// The document.
    ///
    /// # Panics
    /// When the JSON line is not a record of this schema, which the runner rules out: it
    /// only passes lines it serialized itself or checked out of its cache.
    pub fn doc(&self) -> &'a Document {
        self.doc.get_or_init(|| {
            serde_json::from_str(self.json).expect("the runner passes only records of this schema")
        })
    }
}

/// An output. Records arrive in input order, one call at a time.
pub trait Sink: Send {
    /// Writes one record. An error fails this record for this sink only.
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError>;
    /// Flushes and closes. An error here fails the run: the output is not trustworthy.
    fn finish(&mut self) -> Result<(), PluginError>;
}

/// A built plugin, ready to run.
pub enum Instance {
    /// A source.
    Parse(Box<dyn Parse>),
    /// A transform.
    Enrich(Box<dyn Enrich>),
    /// An output.
    Sink(Box<dyn Sink>),
}

/// Builds plugin instances from configuration; what the runner's registry holds.
pub trait Factory: Send + Sync {
    /// The plugin's metadata.
    fn info(&self) -> PluginInfo;
    /// The configuration keys the plugin accepts, with the JSON Schema of each.
    fn config_keys(&self) -> BTreeMap<String, serde_json::Value>;
    /// Checks a configuration without building anything (for `dateline check`).
    fn validate(&self, config: &serde_json::Value) -> Result<(), PluginError>;
    /// Builds an instance from the stage table's plugin keys (as a JSON object).
    fn build(&self, config: serde_json::Value, host: &dyn Host) -> Result<Instance, PluginError>;
}

struct Typed<T, F> {
    wrap: F,
    _plugin: PhantomData<fn() -> T>,
}

impl<T, F> Factory for Typed<T, F>
where
    T: Plugin,
    F: Fn(T) -> Instance + Send + Sync,
{
    fn info(&self) -> PluginInfo {
        T::info()
    }

    fn config_keys(&self) -> BTreeMap<String, serde_json::Value> {
        let schema = serde_json::to_value(schemars::schema_for!(T::Config)).unwrap_or_default();
        schema
            .get("properties")
            .and_then(|p| p.as_object())
            .map(|props| props.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }

    fn validate(&self, config: &serde_json::Value) -> Result<(), PluginError> {
        T::Config::deserialize(config)
            .map(drop)
            .map_err(|e| PluginError::new(format!("invalid configuration: {e}")))
    }

    fn build(&self, config: serde_json::Value, host: &dyn Host) -> Result<Instance, PluginError> {
        let config: T::Config = serde_json::from_value(config)
            .map_err(|e| PluginError::new(format!("invalid configuration: {e}")))?;
        Ok((self.wrap)(T::new(config, host)?))
    }
}

/// A [`Factory`] for a parser type.
pub fn parser<T: Plugin + Parse + 'static>() -> Box<dyn Factory> {
    Box::new(Typed::<T, _> {
        wrap: |p: T| Instance::Parse(Box::new(p)),
        _plugin: PhantomData,
    })
}

/// A [`Factory`] for an enricher type.
pub fn enricher<T: Plugin + Enrich + 'static>() -> Box<dyn Factory> {
    Box::new(Typed::<T, _> {
        wrap: |p: T| Instance::Enrich(Box::new(p)),
        _plugin: PhantomData,
    })
}

/// A [`Factory`] for a sink type.
pub fn sink<T: Plugin + Sink + 'static>() -> Box<dyn Factory> {
    Box::new(Typed::<T, _> {
        wrap: |p: T| Instance::Sink(Box::new(p)),
        _plugin: PhantomData,
    })
}

/// A configuration with no keys, for plugins that need none.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoConfig {}
