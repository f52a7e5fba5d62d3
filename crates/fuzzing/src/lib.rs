//! # dateline-fuzzing
//!
//! The harness of Dateline's fuzz targets (`fuzz/`, run with cargo-fuzz) and of the test
//! that replays every committed seed and crash through the same code on every
//! `cargo test`. Each [`Target`] takes arbitrary bytes as a whole input: a source frames and
//! parses them as a run would, and every record it makes must keep the record's invariants
//! (offsets inside their field, a serializable record); the pipeline target loads them as a
//! pipeline.toml. An error is a fine answer to bad bytes; a panic, a hang, an abort or an
//! invariant broken is a bug.

#![warn(missing_docs)]

use std::io::Cursor;
use std::path::Path;
use std::sync::OnceLock;

use dateline_core::{Document, Instance, Kind, Parse, ParseContext, Parsed};
use dateline_runner::host::RunHost;

/// What a fuzz target feeds its bytes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The `text` source.
    Text,
    /// The `html` source (charset detection, extraction).
    Html,
    /// The `warc` source (framing, gzip members, HTTP responses, extraction).
    Warc,
    /// The `jsonl` source (its field map, HTML in a field).
    Jsonl,
    /// pipeline.toml loading, with an override.
    Pipeline,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 5] = [
        Target::Text,
        Target::Html,
        Target::Warc,
        Target::Jsonl,
        Target::Pipeline,
    ];

    /// Its name: the fuzz target's and its corpus folder's.
    pub fn name(self) -> &'static str {
        match self {
            Target::Text => "text",
            Target::Html => "html",
            Target::Warc => "warc",
            Target::Jsonl => "jsonl",
            Target::Pipeline => "pipeline",
        }
    }

    /// Runs `bytes` through the target, panicking on a broken invariant.
    pub fn run(self, bytes: &[u8]) {
        match self {
            Target::Pipeline => load_pipeline(bytes),
            source => parse_input(source, bytes),
        }
    }
}

/// The parser of a source target, built once per process with the defaults of a pipeline
/// that names it (the jsonl source with every field of its map named as the field).
fn parser(target: Target) -> &'static dyn Parse {
    static PARSERS: OnceLock<Vec<Box<dyn Parse>>> = OnceLock::new();
    let parsers = PARSERS.get_or_init(|| {
        let registry = dateline_cli::builtin_registry();
        let host = RunHost::new(".".into(), Some("2025-01-21T12:00:00Z".into()));
        [Target::Text, Target::Html, Target::Warc, Target::Jsonl]
            .iter()
            .map(|t| {
                let config = match t {
                    Target::Jsonl => serde_json::json!({
                        "fields": {"html": "html", "title": "title", "text": "text",
                                   "url": "url", "date": "date"}
                    }),
                    _ => serde_json::json!({}),
                };
                let factory = registry
                    .get(Kind::Parse, t.name())
                    .expect("every source target is a built-in source");
                match factory.build(config, &host).expect("the parser builds") {
                    Instance::Parse(parser) => parser,
                    _ => unreachable!("a source builds a parser"),
                }
            })
            .collect()
    });
    let index = match target {
        Target::Text => 0,
        Target::Html => 1,
        Target::Warc => 2,
        Target::Jsonl => 3,
        Target::Pipeline => unreachable!("not a source"),
    };
    parsers[index].as_ref()
}

fn parse_input(target: Target, bytes: &[u8]) {
    let parser = parser(target);
    let uri = "fuzz/input";
    let context = ParseContext {
        uri,
        reference_time: Some("2025-01-21T12:00:00Z"),
    };
    let input = Box::new(Cursor::new(bytes.to_vec()));
    for part in parser.split(uri, input).take(100_000) {
        let Ok(part) = part else { continue };
        if let Ok(Parsed::Document(doc)) = parser.parse(&part, &context) {
            check_record(&doc);
        }
    }
}

/// The invariants of every record a source makes.
pub fn check_record(doc: &Document) {
    let body_chars = doc.body.chars().count();
    let mut last_end = 0;
    for &[start, end] in &doc.paragraphs {
        assert!(
            start <= end && end <= body_chars && start >= last_end,
            "paragraph [{start}, {end}) outside a body of {body_chars} code points or out of order"
        );
        last_end = end;
    }
    let texts = doc.headline.iter().chain(&doc.summary).chain(&doc.caption);
    for text in texts.chain(&doc.authors).chain(std::iter::once(&doc.body)) {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "a control character reached a text field: {text:?}"
        );
    }
    let line = serde_json::to_string(doc).expect("a record serializes");
    assert!(!line.contains('\n'), "a record's JSON line holds a newline");
    let back: Document = serde_json::from_str(&line).expect("a record's JSON reads back");
    assert_eq!(
        serde_json::to_string(&back).expect("serializes"),
        line,
        "a record survives its JSON round trip (the cache and the merge rely on it)"
    );
}

fn load_pipeline(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    static REGISTRY: OnceLock<dateline_runner::Registry> = OnceLock::new();
    let registry = REGISTRY.get_or_init(dateline_cli::builtin_registry);
    let overrides = [dateline_runner::Override {
        key: "run.threads".into(),
        value: "2".into(),
    }];
    if let Err(errors) =
        dateline_runner::config::parse_plan(Path::new("fuzz.toml"), text, &overrides, registry)
    {
        // Every error is located and printable.
        let _ = errors.to_string();
    }
}
