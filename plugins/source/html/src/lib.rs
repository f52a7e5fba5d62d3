//! # dateline-html
//!
//! The `html` source: a saved news page into a record, through the page extraction of
//! `dateline-extract` (charset repair, main text, the page's own metadata).

#![warn(missing_docs)]

use std::io::{BufRead, Read};

use dateline_core::{
    Document, Host, Kind, Parse, ParseContext, Parsed, Parts, Plugin, PluginError, PluginInfo,
    RawPart, Source,
};
use dateline_extract::{extract, provides};
use serde::Deserialize;

/// The plugin's name in pipelines.
pub const NAME: &str = "html";

/// Configuration of the `html` source.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct HtmlConfig {
    /// Pages larger than this are refused (default 32 MiB).
    pub max_page_bytes: u64,
}

impl Default for HtmlConfig {
    fn default() -> Self {
        HtmlConfig {
            max_page_bytes: 32 << 20,
        }
    }
}

/// The `html` source: one record per page.
pub struct HtmlParser {
    config: HtmlConfig,
}

impl Plugin for HtmlParser {
    type Config = HtmlConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Parse,
            description: "saved news pages: main text and metadata".into(),
            requires: vec![],
            provides: provides(),
        }
    }

    fn new(config: HtmlConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Ok(HtmlParser { config })
    }
}

impl Parse for HtmlParser {
    fn split<'a>(&'a self, _uri: &'a str, input: Box<dyn BufRead + Send + 'a>) -> Parts<'a> {
        let limit = self.config.max_page_bytes;
        let mut bytes = Vec::new();
        let part = match input.take(limit + 1).read_to_end(&mut bytes) {
            Err(e) => Err(PluginError::from(e)),
            Ok(_) if bytes.len() as u64 > limit => Err(PluginError::new(format!(
                "page is larger than max_page_bytes ({limit})"
            ))),
            Ok(_) if bytes.is_empty() => return Box::new(std::iter::empty()),
            Ok(_) => Ok(RawPart {
                bytes,
                ..RawPart::default()
            }),
        };
        Box::new(std::iter::once(part))
    }

    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError> {
        let extracted = extract(&part.bytes, None, None)?;
        if extracted.paragraphs.is_empty() && extracted.title.is_none() {
            return Ok(Parsed::Skip("no article text in the page".into()));
        }
        let mut doc = Document::new(Source::new(ctx.uri, part.index, NAME));
        extracted.fill(&mut doc, NAME);
        Ok(Parsed::Document(Box::new(doc)))
    }
}
