//! # dateline-jsonl
//!
//! The `jsonl` source: one article per line of a JSON-lines dump, mapped to record
//! fields by a configurable field map (`text`, `title`, `url`, `date`, `authors`, ...).
//!
//! Framing is streaming (a line at a time), so a dump of any size runs in bounded
//! memory and its lines are parsed in parallel. A line that is not JSON, or not an
//! object, is an error for that line alone, located by line number and byte offset.

#![warn(missing_docs)]

use std::io::BufRead;

use dateline_core::{
    Document, Host, Kind, Parse, ParseContext, Parsed, Parts, Plugin, PluginError, PluginInfo,
    RawPart, Source,
};
use serde::Deserialize;
use serde_json::Value;

/// The plugin's name in pipelines.
pub const NAME: &str = "jsonl";

/// Which key of a line holds which record field. A key may be a dotted path
/// (`meta.title`) into nested objects.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct FieldMap {
    /// The article text; paragraphs are separated by blank lines (or single newlines).
    pub text: String,
    /// The page's HTML, used when a line has no text: its main text and metadata are
    /// extracted as the `html` source does.
    pub html: String,
    /// The headline.
    pub title: String,
    /// The canonical URL.
    pub url: String,
    /// The publication date (ISO 8601, or a date as news pages write it).
    pub date: String,
    /// Authors: a string or a list of strings.
    pub authors: String,
    /// The language (ISO 639-1).
    pub language: String,
    /// A summary or standfirst.
    pub summary: String,
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            text: "text".into(),
            html: "html".into(),
            title: "title".into(),
            url: "url".into(),
            date: "date".into(),
            authors: "authors".into(),
            language: "language".into(),
            summary: "description".into(),
        }
    }
}

/// Configuration of the `jsonl` source.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct JsonlSourceConfig {
    /// Which keys hold which fields.
    pub fields: FieldMap,
    /// A longer line is an error (default 64 MiB).
    pub max_line_bytes: u64,
}

impl Default for JsonlSourceConfig {
    fn default() -> Self {
        JsonlSourceConfig {
            fields: FieldMap::default(),
            max_line_bytes: 64 << 20,
        }
    }
}

/// The `jsonl` source.
pub struct JsonlParser {
    config: JsonlSourceConfig,
}

impl Plugin for JsonlParser {
    type Config = JsonlSourceConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Parse,
            description: "JSON-lines dumps from other tools, through a field map".into(),
            requires: vec![],
            provides: [
                "headline",
                "body",
                "paragraphs",
                "url",
                "published",
                "authors",
                "language",
                "summary",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    fn new(config: JsonlSourceConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Ok(JsonlParser { config })
    }
}

/// Follows a dotted path into nested objects.
fn lookup<'a>(object: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return None;
    }
    path.split('.')
        .try_fold(object, |value, key| value.get(key))
}

/// A field's text, trimmed, with UTF-8 that was once read as Windows-1252 made whole
/// again (counted in `repaired`) and control characters removed.
fn string(value: Option<&Value>, repaired: &mut usize) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(clean(s.trim(), repaired)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `text` repaired ([`dateline_core::text::repair_mojibake`], before the control
/// characters go: the Latin-1 reading holds C1 characters) and without controls.
fn clean(text: &str, repaired: &mut usize) -> String {
    match dateline_core::text::repair_mojibake(text) {
        Some((text, count)) => {
            *repaired += count;
            dateline_core::text::strip_controls(&text).into_owned()
        }
        None => dateline_core::text::strip_controls(text).into_owned(),
    }
}

fn strings(value: Option<&Value>, repaired: &mut usize) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| string(Some(v), repaired))
            .collect(),
        Some(Value::String(s)) => s
            .split([';', '|'])
            .flat_map(|part| part.split(" and "))
            .map(|name| clean(name.trim(), repaired))
            .filter(|name| !name.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

/// Paragraphs of a text field: blank-line separated, or one per line when it has none.
fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let split: Vec<&str> = if text.contains("\n\n") {
        text.split("\n\n").collect()
    } else {
        text.split('\n').collect()
    };
    split
        .into_iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Reads past the next newline without keeping what it reads (an over-long line may be
/// gigabytes: a 4 GB line once cost 4 GB of memory just to be skipped). Returns the bytes
/// passed over.
fn skip_line(input: &mut dyn BufRead) -> std::io::Result<u64> {
    let mut skipped = 0u64;
    loop {
        let buffer = input.fill_buf()?;
        if buffer.is_empty() {
            return Ok(skipped);
        }
        match buffer.iter().position(|&b| b == b'\n') {
            Some(at) => {
                input.consume(at + 1);
                return Ok(skipped + at as u64 + 1);
            }
            None => {
                let n = buffer.len();
                input.consume(n);
                skipped += n as u64;
            }
        }
    }
}

impl Parse for JsonlParser {
    fn split<'a>(&'a self, _uri: &'a str, mut input: Box<dyn BufRead + Send + 'a>) -> Parts<'a> {
        let limit = self.config.max_line_bytes;
        let mut offset = 0u64;
        let mut line_no = 0u64;
        let mut index = 0u32;
        Box::new(std::iter::from_fn(move || {
            loop {
                let mut line = Vec::new();
                let read = match std::io::Read::take(&mut input, limit + 1)
                    .read_until(b'\n', &mut line)
                {
                    Ok(0) => return None,
                    Ok(n) => n,
                    Err(e) => return Some(Err(PluginError::from(e).at(offset, Some(line_no + 1)))),
                };
                line_no += 1;
                let start = offset;
                offset += read as u64;
                if read as u64 > limit && !line.ends_with(b"\n") {
                    // Skip the rest of the over-long line, then report it.
                    offset += skip_line(&mut input).unwrap_or(0);
                    let message = format!("line {line_no} is longer than max_line_bytes ({limit})");
                    return Some(Err(PluginError::new(message).at(start, Some(line_no))));
                }
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    line.pop();
                }
                index += 1;
                return Some(Ok(RawPart {
                    index: index - 1,
                    offset: start,
                    line: Some(line_no),
                    bytes: line,
                    meta: Default::default(),
                }));
            }
        }))
    }

    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError> {
        let located = |message: String| PluginError::new(message).at(part.offset, part.line);
        let value: Value =
            serde_json::from_slice(&part.bytes).map_err(|e| located(format!("not JSON: {e}")))?;
        if !value.is_object() {
            return Err(located("not a JSON object".into()));
        }
        let fields = &self.config.fields;
        let mut doc = Document::new(Source::new(ctx.uri, part.index, NAME));
        let mut repaired = 0;
        let r = &mut repaired;
        doc.headline = string(lookup(&value, &fields.title), r);
        doc.url = string(lookup(&value, &fields.url), r);
        doc.language = string(lookup(&value, &fields.language), r);
        doc.authors = strings(lookup(&value, &fields.authors), r);
        doc.summary = string(lookup(&value, &fields.summary), r)
            .into_iter()
            .collect();
        if let Some(date) = string(lookup(&value, &fields.date), r) {
            match dateline_stamps::parse_absolute(&date) {
                Some(iso) => doc.published = Some(iso),
                None => doc.warn(
                    NAME,
                    format!("date {date:?} is not a date this parser reads; left out"),
                ),
            }
        }
        let text = string(lookup(&value, &fields.text), r).unwrap_or_default();
        doc.set_body(paragraphs(&text));
        if doc.body.is_empty()
            && let Some(html) = string(lookup(&value, &fields.html), r)
        {
            let extracted = dateline_extract::extract(
                html.as_bytes(),
                Some("text/html; charset=utf-8"),
                doc.url.as_deref(),
            )
            .map_err(|e| located(format!("the `{}` field: {}", fields.html, e.message)))?;
            // What the line itself says wins over what the page says.
            let (headline, url, published, authors) = (
                doc.headline.take(),
                doc.url.take(),
                doc.published.take(),
                std::mem::take(&mut doc.authors),
            );
            extracted.fill(&mut doc, NAME);
            doc.headline = headline.or(doc.headline.take());
            doc.url = url.or(doc.url.take());
            doc.published = published.or(doc.published.take());
            if !authors.is_empty() {
                doc.authors = authors;
            }
        }
        // Every field's repairs, the page's too, in one warning.
        if repaired > 0 {
            doc.warn(NAME, dateline_core::text::mojibake_warning(repaired));
        }
        if doc.body.is_empty() && doc.headline.is_none() {
            return Ok(Parsed::Skip(format!(
                "no text under `{}` and no title under `{}`",
                fields.text, fields.title
            )));
        }
        Ok(Parsed::Document(Box::new(doc)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record `parser` makes of one line holding `line`.
    pub(super) fn parse_line(parser: &JsonlParser, line: &serde_json::Value) -> Box<Document> {
        let part = RawPart {
            bytes: line.to_string().into_bytes(),
            line: Some(1),
            ..RawPart::default()
        };
        let ctx = ParseContext {
            uri: "d.jsonl",
            reference_time: None,
        };
        let Parsed::Document(doc) = parser.parse(&part, &ctx).unwrap() else {
            panic!("a record")
        };
        doc
    }

    fn parser() -> JsonlParser {
        JsonlParser {
            config: JsonlSourceConfig::default(),
        }
    }

    #[test]
    fn lines_become_parts_with_their_positions() {
        let input: Box<dyn BufRead + Send> =
            Box::new(std::io::Cursor::new("{\"a\":1}\n\n{\"b\":2}\r\nnot json\n"));
        let parts: Vec<RawPart> = parser()
            .split("x.jsonl", input)
            .map(Result::unwrap)
            .collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(
            (parts[1].line, parts[1].offset, parts[1].bytes.as_slice()),
            (Some(3), 9, &b"{\"b\":2}"[..])
        );
        let ctx = ParseContext {
            uri: "x.jsonl",
            reference_time: None,
        };
        let error = parser().parse(&parts[2], &ctx).unwrap_err();
        assert_eq!(error.line, Some(4));
    }

    #[test]
    fn an_over_long_line_is_reported_and_the_next_one_read() {
        let parser = JsonlParser {
            config: JsonlSourceConfig {
                max_line_bytes: 8,
                ..JsonlSourceConfig::default()
            },
        };
        // The long line spans several reads of the buffer (BufReader of 4 bytes).
        let long = "x".repeat(100);
        let text = format!("{long}\n{{\"a\":1}}\n");
        let input: Box<dyn BufRead + Send> = Box::new(std::io::BufReader::with_capacity(
            4,
            std::io::Cursor::new(text.into_bytes()),
        ));
        let parts: Vec<_> = parser.split("x.jsonl", input).collect();
        assert_eq!(parts.len(), 2);
        let error = parts[0].as_ref().unwrap_err();
        assert_eq!((error.offset, error.line), (Some(0), Some(1)));
        let next = parts[1].as_ref().unwrap();
        assert_eq!((next.offset, next.line), (101, Some(2)));
        assert_eq!(next.bytes, b"{\"a\":1}");
    }

    #[test]
    fn utf8_once_read_as_windows_1252_is_repaired_and_reported() {
        // The headline in the Windows-1252 reading, the body in the Latin-1 one (its C1
        // characters would otherwise go as control characters).
        let line = serde_json::json!({
            "title": "Juli\u{c3}\u{a1}n Castro visits",
            "text": "He don\u{e2}\u{80}\u{99}t wait.",
        });
        let doc = parse_line(&parser(), &line);
        assert_eq!(doc.headline.as_deref(), Some("Julián Castro visits"));
        assert_eq!(doc.body, "He don’t wait.");
        assert_eq!(doc.warnings.len(), 1);
        assert!(doc.warnings[0].message.contains("repaired 2 character(s)"));
        // A page given in the line is repaired and said so too.
        let line = serde_json::json!({
            "html": "<html><body><article><p>Juli\u{c3}\u{a1}n Castro visited the border town on Monday and spoke to the crowd that had waited for hours in the heat outside the hall.</p></article></body></html>",
        });
        let doc = parse_line(&parser(), &line);
        assert!(doc.body.contains("Julián Castro"), "{}", doc.body);
        assert!(
            doc.warnings
                .iter()
                .any(|w| w.message.contains("repaired 1 character(s)")),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn a_field_map_reads_nested_keys() {
        let config = JsonlSourceConfig {
            fields: FieldMap {
                title: "meta.headline".into(),
                text: "content".into(),
                ..FieldMap::default()
            },
            ..JsonlSourceConfig::default()
        };
        let part = RawPart {
            bytes: br#"{"meta":{"headline":"Rates held"},"content":"First.\n\nSecond.","date":"2025-01-20T10:00:00Z","authors":"Ann Lee and Bo Chen"}"#.to_vec(),
            line: Some(1),
            ..RawPart::default()
        };
        let ctx = ParseContext {
            uri: "d.jsonl",
            reference_time: None,
        };
        let Parsed::Document(doc) = (JsonlParser { config }).parse(&part, &ctx).unwrap() else {
            panic!("a record")
        };
        assert_eq!(doc.headline.as_deref(), Some("Rates held"));
        assert_eq!(doc.body, "First.\n\nSecond.");
        assert_eq!(doc.published.as_deref(), Some("2025-01-20T10:00:00+00:00"));
        assert_eq!(doc.authors, ["Ann Lee", "Bo Chen"]);
    }
}

#[cfg(test)]
mod html_tests {
    use super::*;

    #[test]
    fn an_html_field_is_extracted_when_there_is_no_text() {
        let page = (0..5)
            .map(|i| {
                format!(
                    "<p>Sentence {i} of a story long enough to be the main text of this page.</p>"
                )
            })
            .collect::<String>();
        let line = serde_json::json!({"title": "From the line", "html": format!("<html><body><article>{page}</article></body></html>")});
        let parser = JsonlParser {
            config: JsonlSourceConfig::default(),
        };
        let doc = super::tests::parse_line(&parser, &line);
        assert_eq!(doc.headline.as_deref(), Some("From the line"));
        assert!(doc.body.contains("Sentence 3 of a story"), "{}", doc.body);
    }
}
