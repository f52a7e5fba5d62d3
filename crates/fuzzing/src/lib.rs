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
use dateline_plugin::protocol::{Hello, Item, Request, Response};
use dateline_plugin::wire;
use dateline_runner::cache::{self, Cache, Entry, Lookup};
use dateline_runner::golden;
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
    /// What a plugin program answers on its stdout (JSON lines): handshakes and responses,
    /// as the host decodes them, and requests, as a plugin built on dateline-plugin does.
    PluginLines,
    /// What a plugin library answers across the C ABI (MessagePack).
    PluginWire,
    /// The golden diff: two outputs (the bytes split at their first NUL) compared and
    /// rendered.
    Golden,
    /// The cache reader: the bytes as a whole entry file, and as the lines of an entry
    /// written by the cache itself, which must read back exactly.
    Cache,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 9] = [
        Target::Text,
        Target::Html,
        Target::Warc,
        Target::Jsonl,
        Target::Pipeline,
        Target::PluginLines,
        Target::PluginWire,
        Target::Golden,
        Target::Cache,
    ];

    /// Its name: the fuzz target's and its corpus folder's.
    pub fn name(self) -> &'static str {
        match self {
            Target::Text => "text",
            Target::Html => "html",
            Target::Warc => "warc",
            Target::Jsonl => "jsonl",
            Target::Pipeline => "pipeline",
            Target::PluginLines => "plugin_lines",
            Target::PluginWire => "plugin_wire",
            Target::Golden => "golden",
            Target::Cache => "cache",
        }
    }

    /// Runs `bytes` through the target, panicking on a broken invariant.
    pub fn run(self, bytes: &[u8]) {
        match self {
            Target::Pipeline => load_pipeline(bytes),
            Target::PluginLines => plugin_lines(bytes),
            Target::PluginWire => plugin_wire(bytes),
            Target::Golden => golden_diff(bytes),
            Target::Cache => cache_entry(bytes),
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
        _ => unreachable!("not a source"),
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
    check_inert(&dateline_report::article_html(doc));
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

/// A decoded response as the host uses it: records have their offsets checked, parts their
/// bytes decoded; none of it may panic.
fn use_response(response: Response) {
    for item in response.items {
        match item {
            Item::Record(doc) => {
                let _ = doc.check_offsets();
            }
            Item::Part(part) => {
                let _ = part.decode();
            }
            Item::Skip(_) | Item::Ok(_) | Item::Error(_) => {}
        }
    }
}

fn plugin_lines(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    for line in text.lines() {
        if let Ok(hello) = serde_json::from_str::<Hello>(line) {
            let _ = hello.info();
        }
        if let Ok(response) = serde_json::from_str::<Response>(line) {
            let again = serde_json::to_string(&response).expect("a response serializes");
            let back: Response = serde_json::from_str(&again).expect("and reads back");
            assert_eq!(back, response, "a response survives its JSON round trip");
            use_response(response);
        }
        let _ = serde_json::from_str::<Request>(line);
    }
}

fn plugin_wire(bytes: &[u8]) {
    let _ = wire::decode::<Hello>(bytes);
    let _ = wire::decode::<Request>(bytes);
    if let Ok(response) = wire::decode::<Response>(bytes) {
        let again = wire::encode(&response).expect("a response encodes");
        let back: Response = wire::decode(&again).expect("and decodes");
        assert_eq!(
            back, response,
            "a response survives its MessagePack round trip"
        );
        use_response(response);
    }
}

/// A scratch directory per process (fuzzing runs one input at a time per process).
fn scratch() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a scratch directory"))
        .path()
}

fn golden_diff(bytes: &[u8]) {
    let (old, new) = match bytes.iter().position(|&b| b == 0) {
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (bytes, &b""[..]),
    };
    let run = scratch().join("run");
    let golden = scratch().join("golden");
    for dir in [&run, &golden] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).expect("scratch directories");
    }
    let output = run.join("records.jsonl");
    std::fs::write(&output, new).expect("writes");
    std::fs::write(golden.join("records.jsonl"), old).expect("writes");
    let none = |_: &Path| None;
    let report = golden::compare(std::slice::from_ref(&output), &golden, &none)
        .expect("two readable files compare");
    let rendered = report.render(&golden);
    assert_eq!(
        report.is_clean(),
        old == new,
        "the diff is clean exactly when the bytes are equal: {rendered}"
    );
    std::fs::write(golden.join("records.jsonl"), new).expect("writes");
    let itself = golden::compare(std::slice::from_ref(&output), &golden, &none).expect("compares");
    assert!(itself.is_clean(), "a file against itself differs");
}

fn cache_entry(bytes: &[u8]) {
    // The bytes as an entry file someone else left: read or refused, never trusted wrongly.
    let _ = cache::read_entry(bytes);
    // The bytes as the outcomes of an input, written by the cache: they read back as written.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let entries: Vec<Entry> = text
        .split('\n')
        .map(|line| match line.strip_prefix('S') {
            Some(reason) => Entry::Skipped(cache::one_line(reason)),
            // A record's line is JSON, which holds no raw line break.
            None => Entry::Written(serde_json::to_string(line).expect("a string serializes")),
        })
        .collect();
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Cache::open(&scratch().join("cache")).expect("a cache"));
    let key = [7; 32];
    let mut writer = cache.writer(&key).expect("a writer");
    for entry in &entries {
        match entry {
            Entry::Written(json) => writer.written(json).expect("writes"),
            Entry::Skipped(reason) => writer.skipped(reason).expect("writes"),
        }
    }
    writer.commit().expect("commits");
    match cache.get(&key) {
        Lookup::Hit(found) => assert_eq!(found, entries, "a cache hit is what was written"),
        Lookup::Miss => panic!("an entry just committed is missing"),
        Lookup::Corrupt(why) => panic!("an entry the cache wrote reads as corrupt: {why}"),
    }
}

/// The tags and attributes the report's article view is made of; anything else in its HTML
/// came from an article and would be live markup.
const REPORT_TAGS: &[&str] = &[
    "a", "article", "b", "br", "details", "div", "h3", "i", "li", "p", "small", "span", "summary",
    "time", "ul",
];
const REPORT_ATTRIBUTES: &[&str] = &["class", "href", "id", "rel", "title"];

/// Panics unless `html` (one article as the report renders it) is inert: only the report's
/// own tags and attributes, and links only to web URLs or anchors in the report.
pub fn check_inert(html: &str) {
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag = &rest[at + 1..];
        let end = tag
            .find('>')
            .unwrap_or_else(|| panic!("an unclosed tag in the report: {tag:.80}"));
        let (inside, after) = (&tag[..end], &tag[end + 1..]);
        let inside = inside.strip_prefix('/').unwrap_or(inside);
        let name_end = inside
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inside.len());
        let name = &inside[..name_end];
        assert!(
            REPORT_TAGS.contains(&name),
            "a tag the report does not make: <{inside:.80}>"
        );
        let mut attributes = &inside[name_end..];
        while let Some(eq) = attributes.find("=\"") {
            let attribute = attributes[..eq].trim();
            let value_end = attributes[eq + 2..]
                .find('"')
                .unwrap_or_else(|| panic!("an unclosed attribute value: <{inside:.80}>"));
            let value = &attributes[eq + 2..eq + 2 + value_end];
            assert!(
                REPORT_ATTRIBUTES.contains(&attribute) || attribute.starts_with("data-"),
                "an attribute the report does not make: {attribute} in <{inside:.80}>"
            );
            if attribute == "href" {
                // Schemes are case-insensitive: `hTtPs:` is a web link.
                let scheme = value.to_ascii_lowercase();
                assert!(
                    value.starts_with('#')
                        || scheme.starts_with("https://")
                        || scheme.starts_with("http://"),
                    "a link that is not to the web or the report: {value:.80}"
                );
            }
            attributes = &attributes[eq + 2 + value_end + 1..];
        }
        assert!(
            attributes.trim().is_empty(),
            "markup the report does not make: <{inside:.80}>"
        );
        rest = after;
    }
}
