//! # dateline-text
//!
//! The `text` source: plain-text copies of news pages into records.
//!
//! It reads two layouts, and files that mix them:
//!
//! - **Web copies**, as a browser's "select all, copy" gives them: the headline, a page
//!   header (photo caption, "Short Url", "Updated 20 January 2025", "Follow"), the headline
//!   again, summary bullets, then the story. Several copies may be concatenated in one file;
//!   each repeated-headline header starts a new article.
//! - **Plain articles**: the first line is the headline, paragraphs follow (separated by
//!   blank lines, or one per line). Hard-wrapped paragraphs are joined.
//!
//! A line matching `separator` (by default a form feed or a line of `===`) also separates
//! articles. Page furniture (share prompts, "Follow", ads, teasers) is dropped; photo
//! captions go to `caption`; stamps to `published` / `updated` (relative ones resolved
//! against the run's reference time), and so does a line over the text that is only a date
//! ("Monday, September 15, 2008", to `published`); "By ..." lines to `authors`; an opening
//! "ISLAMABAD: " to `dateline`.

#![warn(missing_docs)]

pub mod decode;
pub mod layout;

use std::io::{BufRead, Read};

use dateline_core::text::strip_controls_owned;
use dateline_core::{
    Dateline, Document, Host, Kind, Parse, ParseContext, Parsed, Parts, Plugin, PluginError,
    PluginInfo, RawPart, Source,
};
use regex::Regex;
use serde::Deserialize;

use crate::decode::{InvalidUtf8, decode_owned};
use dateline_stamps::{StampKind, When, resolve_ago};

/// The plugin's name in pipelines.
pub const NAME: &str = "text";

const DEFAULT_SEPARATOR: &str = r"^\s*(?:\x0C|={3,})\s*$";

/// Configuration of the `text` source (the keys of its `[[source]]` table).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct TextConfig {
    /// Inputs larger than this many bytes are refused (default 64 MiB).
    pub max_input_bytes: u64,
    /// A line longer than this many bytes marks a part as not an article (default 1 MiB).
    pub max_line_bytes: u64,
    /// Regex of a whole line that separates articles (default: a form feed or `===`).
    /// An empty string turns separators off.
    pub separator: String,
    /// How bytes that are not UTF-8 are read: "cp1252" (default) or "replace".
    pub invalid_utf8: InvalidUtf8,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            max_input_bytes: 64 << 20,
            max_line_bytes: 1 << 20,
            separator: DEFAULT_SEPARATOR.to_string(),
            invalid_utf8: InvalidUtf8::default(),
        }
    }
}

/// The `text` source.
#[derive(Debug)]
pub struct TextParser {
    config: TextConfig,
    separator: Option<Regex>,
}

impl Plugin for TextParser {
    type Config = TextConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Parse,
            description:
                "plain-text copies of news pages (web copies and headline-and-paragraphs files)"
                    .into(),
            requires: vec![],
            provides: [
                "headline",
                "summary",
                "dateline",
                "published",
                "updated",
                "authors",
                "caption",
                "body",
                "paragraphs",
            ]
            .map(String::from)
            .to_vec(),
        }
    }

    fn new(config: TextConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        let separator =
            if config.separator.is_empty() {
                None
            } else {
                Some(Regex::new(&config.separator).map_err(|e| {
                    PluginError::new(format!("separator is not a valid regex: {e}"))
                })?)
            };
        Ok(TextParser { config, separator })
    }
}

const WARNING_KEY: &str = "warning";

impl Parse for TextParser {
    fn split<'a>(&'a self, _uri: &'a str, input: Box<dyn BufRead + Send + 'a>) -> Parts<'a> {
        match self.frame(input) {
            Ok(parts) => Box::new(parts.into_iter()),
            Err(err) => Box::new(std::iter::once(Err(err))),
        }
    }

    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError> {
        let text = std::str::from_utf8(&part.bytes)
            .map_err(|_| PluginError::new("part is not UTF-8 after framing"))?;
        let lines: Vec<&str> = text.split('\n').collect();
        let article = layout::read_article(&lines);
        if article.headline.is_none() && article.paragraphs.is_empty() {
            return Ok(Parsed::Skip("no article text (only page furniture)".into()));
        }

        let mut doc = Document::new(Source::new(ctx.uri, part.index, NAME));
        for (key, warning) in &part.meta {
            if key.starts_with(WARNING_KEY) {
                doc.warn(NAME, warning.clone());
            }
        }
        // A form feed separates pages in a copy; one inside a paragraph is no text.
        let clean = strip_controls_owned;
        let paragraphs: Vec<String> = article
            .paragraphs
            .into_iter()
            .map(clean)
            .filter(|p| !p.trim().is_empty())
            .collect();
        doc.dateline = paragraphs
            .first()
            .and_then(|p| layout::dateline(p))
            .map(|(place, raw)| Dateline {
                place,
                raw,
                entity: None,
            });
        doc.headline = article.headline.map(clean);
        doc.summary = article.summary.into_iter().map(clean).collect();
        doc.caption = article.captions.into_iter().map(clean).collect();
        doc.authors = article.authors.into_iter().map(clean).collect();
        doc.set_body(paragraphs);
        self.set_times(&mut doc, &article.stamps, ctx.reference_time);
        Ok(Parsed::Document(Box::new(doc)))
    }
}

impl TextParser {
    /// Reads, decodes and splits one input into parts.
    fn frame(
        &self,
        mut input: Box<dyn BufRead + Send + '_>,
    ) -> Result<Vec<Result<RawPart, PluginError>>, PluginError> {
        let limit = self.config.max_input_bytes;
        let mut bytes = Vec::new();
        input.by_ref().take(limit + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            return Err(PluginError::new(format!(
                "input is larger than max_input_bytes ({limit} bytes); raise it or split the file"
            )));
        }
        let decoded = decode_owned(bytes, self.config.invalid_utf8)
            .map_err(|not_text| PluginError::new(not_text.reason).at(not_text.offset, None))?;
        let text = decoded.text;
        let lines: Vec<&str> = text.split('\n').collect();
        let mut line_offsets = Vec::with_capacity(lines.len() + 1);
        let mut offset = 0u64;
        for line in &lines {
            line_offsets.push(offset);
            offset += line.len() as u64 + 1;
        }

        let ranges = layout::split_articles(&lines, self.separator.as_ref());
        let parts = ranges
            .into_iter()
            .enumerate()
            .map(|(index, (start, end))| {
                let offset = line_offsets[start];
                let line = start as u64 + 1;
                if let Some(long) =
                    (start..end).find(|&i| lines[i].len() as u64 > self.config.max_line_bytes)
                {
                    return Err(PluginError::new(format!(
                        "line {} is {} bytes long (max_line_bytes is {}): not article text",
                        long + 1,
                        lines[long].len(),
                        self.config.max_line_bytes
                    ))
                    .at(line_offsets[long], Some(long as u64 + 1)));
                }
                let meta = decoded
                    .warnings
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (format!("{WARNING_KEY}.{i}"), w.clone()))
                    .collect();
                Ok(RawPart {
                    index: index as u32,
                    offset,
                    line: Some(line),
                    bytes: lines[start..end].join("\n").into_bytes(),
                    meta,
                })
            })
            .collect();
        Ok(parts)
    }

    /// Fills `published` and `updated` from the page's stamps.
    fn set_times(
        &self,
        doc: &mut Document,
        stamps: &[dateline_stamps::Stamp],
        reference: Option<&str>,
    ) {
        for stamp in stamps {
            let value = match &stamp.when {
                When::Absolute(value) => value.clone(),
                When::Ago(span) => match reference {
                    Some(reference) => match resolve_ago(*span, reference) {
                        Ok(value) => value,
                        Err(error) => {
                            doc.warn(NAME, dateline_core::error::chain(&error));
                            continue;
                        }
                    },
                    None => {
                        doc.warn(
                            NAME,
                            format!(
                                "relative time {:?} left unresolved: no reference_time is configured",
                                stamp.raw
                            ),
                        );
                        continue;
                    }
                },
            };
            let slot = match stamp.kind {
                StampKind::Published => &mut doc.published,
                StampKind::Updated => &mut doc.updated,
            };
            slot.get_or_insert(value);
        }
        // A page that only says when it was updated was published no later than that.
        if doc.published.is_none()
            && let Some(updated) = stamps
                .iter()
                .find(|s| s.kind == StampKind::Updated && matches!(s.when, When::Absolute(_)))
            && let When::Absolute(value) = &updated.when
        {
            doc.published = Some(value.clone());
        }
    }
}
