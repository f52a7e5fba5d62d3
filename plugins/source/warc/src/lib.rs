//! # dateline-warc
//!
//! The `warc` source: WARC/1.0 and WARC/1.1 archives, plain, gzip per record (the
//! Common Crawl and CC-NEWS layout) or gzip as a whole. Framing streams one record at a
//! time, so an archive of any size runs in bounded memory while its records are parsed
//! in parallel. `response` records with HTML payloads become records through the `html`
//! extractor: `WARC-Target-URI` becomes `url`, `WARC-Date` and `WARC-Record-ID` go to
//! `extra.warc`. Other records (warcinfo, request, metadata, non-HTML) are skipped with
//! the reason.
//!
//! A corrupt gzip member or a malformed or truncated record is an error for that record
//! only, located by its byte offset in the file; framing resumes at the next gzip member
//! (or the next `WARC/` header line) and every intact record is still read.

#![warn(missing_docs)]

mod framing;
mod http;

use std::collections::BTreeMap;
use std::io::BufRead;

use dateline_core::{
    Document, Host, Kind, Parse, ParseContext, Parsed, Parts, Plugin, PluginError, PluginInfo,
    RawPart, Source,
};
use serde::Deserialize;

/// The plugin's name in pipelines.
pub const NAME: &str = "warc";

/// Configuration of the `warc` source.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct WarcConfig {
    /// A record whose block is larger is skipped as an error (default 64 MiB).
    pub max_record_bytes: u64,
}

impl Default for WarcConfig {
    fn default() -> Self {
        WarcConfig {
            max_record_bytes: 64 << 20,
        }
    }
}

/// The `warc` source.
pub struct WarcParser {
    config: WarcConfig,
}

impl Plugin for WarcParser {
    type Config = WarcConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Parse,
            description: "WARC archives: HTML responses into records".into(),
            requires: vec![],
            provides: dateline_extract::provides(),
        }
    }

    fn new(config: WarcConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Ok(WarcParser { config })
    }
}

impl Parse for WarcParser {
    fn split<'a>(&'a self, _uri: &'a str, input: Box<dyn BufRead + Send + 'a>) -> Parts<'a> {
        Box::new(framing::Records::new(input, self.config.max_record_bytes))
    }

    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError> {
        let header = |name: &str| part.meta.get(name).map(String::as_str);
        let kind = header("warc-type").unwrap_or("");
        if !kind.eq_ignore_ascii_case("response") {
            return Ok(Parsed::Skip(format!("WARC {kind} record")));
        }
        let located = |e: String| PluginError::new(e).at(part.offset, None);
        let response = http::Response::parse(&part.bytes).map_err(located)?;
        let content_type = response.header("content-type").unwrap_or("");
        let payload_type = header("warc-identified-payload-type").unwrap_or("");
        let html = |t: &str| t.contains("html");
        if !(html(content_type) || (content_type.is_empty() && html(payload_type))) {
            return Ok(Parsed::Skip(format!(
                "not an HTML response ({})",
                if content_type.is_empty() {
                    "no content type"
                } else {
                    content_type
                }
            )));
        }
        if response.status >= 300 {
            return Ok(Parsed::Skip(format!("HTTP status {}", response.status)));
        }
        let body = response.body().map_err(located)?;
        let url = header("warc-target-uri");
        let extracted = dateline_extract::extract(&body, Some(content_type), url)
            .map_err(|e| located(e.message))?;
        if extracted.paragraphs.is_empty() && extracted.title.is_none() {
            return Ok(Parsed::Skip("no article text in the page".into()));
        }
        let mut doc = Document::new(Source::new(ctx.uri, part.index, NAME));
        doc.url = url.map(str::to_string);
        extracted.fill(&mut doc, dateline_extract::NAME);
        let mut warc = serde_json::Map::new();
        for (key, name) in [("date", "warc-date"), ("record_id", "warc-record-id")] {
            if let Some(value) = header(name) {
                warc.insert(key.into(), value.into());
            }
        }
        warc.insert("offset".into(), part.offset.into());
        doc.extra
            .insert(NAME.into(), serde_json::Value::Object(warc));
        Ok(Parsed::Document(Box::new(doc)))
    }

    fn raw_input(&self) -> bool {
        true
    }
}

/// WARC header names are case-insensitive: they are kept lowercased.
pub(crate) fn header_map(lines: &[String]) -> BTreeMap<String, String> {
    lines
        .iter()
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect()
}
