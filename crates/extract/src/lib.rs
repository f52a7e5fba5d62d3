//! # dateline-extract
//!
//! Reading a news article out of a saved page: the character set is settled first
//! ([`charset`]), pages nested past [`nesting::MAX_DEPTH`] are flattened, the main text and
//! the page's metadata (title, authors, date, description, language, site name, tags) come
//! from `rs-trafilatura`, chosen as the extraction core on its score on the trafilatura
//! evaluation set (`cargo xtask eval html`), with the page's own statements about itself
//! ([`metadata`]) trusted first and a density extractor ([`density`]) as the fallback where
//! the core finds next to nothing.
//!
//! The `html`, `warc` and `jsonl` sources all extract through [`extract`].

#![warn(missing_docs)]

pub mod charset;
pub mod density;
pub mod metadata;
pub mod nesting;

use dateline_core::text::strip_controls;
use dateline_core::{Document, PluginError};

/// The name extraction goes by in records: the key of its extras and the plugin its
/// warnings name, whichever source extracted the page (the `html` source's name).
pub const NAME: &str = "html";

/// What a page gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Headline.
    pub title: Option<String>,
    /// Main text paragraphs.
    pub paragraphs: Vec<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication time, ISO 8601, as precise as the page says.
    pub published: Option<String>,
    /// Last modification time, ISO 8601.
    pub modified: Option<String>,
    /// Description or standfirst.
    pub description: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name, categories, tags: what the schema has no field for.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Photo captions, kept out of the body.
    pub captions: Vec<String>,
    /// Charset repairs.
    pub warning: Option<String>,
}

impl Extracted {
    /// Fills a record with what was extracted.
    pub fn fill(self, doc: &mut Document, plugin: &str) {
        let clean = |text: String| strip_controls(&text).into_owned();
        let clean_all = |texts: Vec<String>| texts.into_iter().map(clean).collect::<Vec<_>>();
        doc.headline = self.title.map(clean);
        doc.set_body(clean_all(self.paragraphs));
        doc.authors = clean_all(self.authors);
        doc.caption = clean_all(self.captions);
        doc.published = self.published;
        doc.updated = self.modified;
        doc.summary = self.description.into_iter().map(clean).collect();
        doc.language = self.language;
        if doc.url.is_none() {
            doc.url = self.url;
        }
        if !self.extra.is_empty() {
            doc.extra
                .insert(plugin.to_string(), serde_json::Value::Object(self.extra));
        }
        if let Some(warning) = self.warning {
            doc.warn(plugin, warning);
        }
    }
}

/// The extraction core's text alone (rs-trafilatura on the decoded page), one line per
/// paragraph, without Dateline's caption filter or fallback: what `cargo xtask eval
/// html-cores` weighs against the other cores.
pub fn core_text(bytes: &[u8], url: Option<&str>) -> String {
    let decoded = charset::decode(bytes, None);
    let (text, _) = nesting::flatten(&decoded.text, nesting::MAX_DEPTH);
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    rs_trafilatura::extract_with_options(&text, &options)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

/// Extracts a page: `http_content_type` is the HTTP `Content-Type` when known, `url` the
/// page's address when known (it helps resolve relative links and the site).
pub fn extract(
    bytes: &[u8],
    http_content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Extracted, PluginError> {
    let charset_declared = http_content_type.and_then(charset::header_charset);
    let mut decoded = charset::decode(bytes, charset_declared.as_deref());
    let (flat, depth) = nesting::flatten(&decoded.text, nesting::MAX_DEPTH);
    if let std::borrow::Cow::Owned(flat) = flat {
        let note = format!(
            "the page nests elements {depth} deep; the tags past {} were dropped, their text kept",
            nesting::MAX_DEPTH
        );
        decoded.warning = Some(match decoded.warning.take() {
            Some(earlier) => format!("{earlier}; {note}"),
            None => note,
        });
        decoded.text = flat;
    }
    let declared = metadata::read(&decoded.text, url);
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let result = rs_trafilatura::extract_with_options(&decoded.text, &options)
        .map_err(|e| PluginError::new(format!("no article found in the page: {e}")))?;
    let meta = result.metadata;
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    // Captions go to `caption`, never into the body.
    let mut paragraphs: Vec<String> = result
        .content_text
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty() && !declared.captions.contains(line))
        .collect();
    // Where the core finds (next to) nothing, Dateline's own extractor may find the
    // article (measured by `cargo xtask eval html-cores`).
    if paragraphs.iter().map(String::len).sum::<usize>() < 200 {
        let own: Vec<String> = density::main_text(&decoded.text)
            .into_iter()
            .filter(|line| !declared.captions.contains(line))
            .collect();
        if own.iter().map(String::len).sum::<usize>()
            > paragraphs.iter().map(String::len).sum::<usize>()
        {
            paragraphs = own;
        }
    }
    let core_authors: Vec<String> = clean(meta.author)
        .map(|a| {
            a.split(';')
                .map(|name| name.trim().to_string())
                .filter(|name| !name.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let authors = if core_authors.is_empty() {
        declared.authors
    } else {
        core_authors
    };
    let guessed = meta.date.map(|date| {
        let iso = date.to_rfc3339_opts(chrono_seconds(), true);
        // Pages that give only a day come back at midnight: keep the day.
        match iso.strip_suffix("T00:00:00Z") {
            Some(day) => day.to_string(),
            None => iso,
        }
    });
    // The page's own statements first, then the extraction core's guess, then <time> and the URL.
    let published = declared.published.or(guessed).or(declared.time_element);
    let mut extra = serde_json::Map::new();
    if let Some(section) = declared.section {
        extra.insert("section".into(), section.into());
    }
    if let Some(site) = clean(meta.sitename) {
        extra.insert("sitename".into(), site.into());
    }
    if !meta.categories.is_empty() {
        extra.insert("categories".into(), meta.categories.into());
    }
    let mut tags = declared.tags;
    for tag in meta.tags {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if !tags.is_empty() {
        extra.insert("tags".into(), tags.into());
    }
    Ok(Extracted {
        // Measured on trafilatura-eval and goose3: the core's title matches the page's
        // headline more often than JSON-LD/OpenGraph headlines do; for dates the page's
        // own statements win.
        title: clean(meta.title).or(declared.headline),
        paragraphs,
        authors,
        published,
        modified: declared.modified,
        description: declared.description.or(clean(meta.description)),
        language: clean(meta.language)
            .map(|l| l.chars().take(2).collect::<String>().to_ascii_lowercase()),
        url: declared
            .canonical
            .or(clean(meta.url))
            .or_else(|| url.map(str::to_string)),
        extra,
        captions: declared.captions,
        warning: decoded.warning,
    })
}

fn chrono_seconds() -> chrono::SecondsFormat {
    chrono::SecondsFormat::Secs
}

/// The fields [`Extracted::fill`] sets: what a source that extracts pages provides.
pub fn provides() -> Vec<String> {
    [
        "headline",
        "body",
        "paragraphs",
        "authors",
        "published",
        "updated",
        "caption",
        "summary",
        "language",
        "url",
    ]
    .map(String::from)
    .to_vec()
}
