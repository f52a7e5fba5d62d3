//! The messages between Dateline and a plugin, the same whether they cross a C ABI
//! as byte buffers or a pipe as JSON lines. PLUGINS.md specifies them for authors in
//! other languages.
//!
//! A plugin first describes itself ([`Hello`]); Dateline then sends requests
//! ([`Request`]) and the plugin answers each with one [`Response`]. Over a pipe every
//! request carries an `id` that its response repeats.

use std::collections::BTreeMap;

use base64::Engine as _;
use dateline_core::{Document, Kind, PluginError, PluginInfo, RawPart};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The protocol (and C ABI) version this build speaks.
pub const ABI_VERSION: u32 = 1;

/// A plugin's self-description: the first line a plugin program prints, and what a
/// library's `info` function returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    /// The protocol version the plugin was built for ([`ABI_VERSION`]).
    pub dateline_plugin: u32,
    /// Name pipelines use.
    pub name: String,
    /// Version (semver).
    pub version: String,
    /// `parse`, `enrich` or `sink`.
    pub kind: Kind,
    /// One line on what it does.
    #[serde(default)]
    pub description: String,
    /// Record fields it needs.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Record fields it fills.
    #[serde(default)]
    pub provides: Vec<String>,
    /// Configuration keys it accepts, each with a JSON Schema (may be empty objects).
    #[serde(default)]
    pub config_keys: BTreeMap<String, Value>,
}

impl Hello {
    /// The metadata as Dateline's [`PluginInfo`].
    pub fn info(&self) -> PluginInfo {
        PluginInfo {
            name: self.name.clone(),
            version: self.version.clone(),
            kind: self.kind,
            description: self.description.clone(),
            requires: self.requires.clone(),
            provides: self.provides.clone(),
        }
    }
}

/// What the plugin learns about the run when it is configured.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HostInfo {
    /// `[run] reference_time`, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_time: Option<String>,
    /// The directory relative paths are resolved against.
    pub base_dir: String,
    /// Outputs are written at `<dir>/.<file name><staging_suffix>` and renamed by Dateline
    /// when the run succeeds.
    pub staging_suffix: String,
}

/// A request from Dateline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Request {
    /// Check a configuration without building anything.
    Validate {
        /// The plugin's keys of its pipeline table.
        config: Value,
    },
    /// Build the plugin for a run (once, before any other request).
    Configure {
        /// The plugin's keys of its pipeline table.
        config: Value,
        /// The run.
        host: HostInfo,
    },
    /// Enrich records. Each holds `id`, `source` and the fields the plugin `requires`.
    Enrich {
        /// The records.
        records: Vec<Value>,
    },
    /// Frame one whole input into parts.
    Split {
        /// The input's uri.
        uri: String,
        /// Its bytes, base64.
        data: String,
    },
    /// Parse parts into records.
    Parse {
        /// The input's uri.
        uri: String,
        /// The parts.
        parts: Vec<WirePart>,
    },
    /// Write records, in order.
    Write {
        /// The records.
        records: Vec<Value>,
    },
    /// Flush and close (sinks); the last request.
    Finish,
}

/// A [`RawPart`] on the wire (bytes as base64).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WirePart {
    /// Which part of the input.
    pub index: u32,
    /// Byte offset in the input.
    pub offset: u64,
    /// Line where it starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The bytes, base64.
    pub data: String,
    /// Framing metadata.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<String, String>,
}

impl WirePart {
    /// Encodes a part.
    pub fn encode(part: &RawPart) -> WirePart {
        WirePart {
            index: part.index,
            offset: part.offset,
            line: part.line,
            data: encode_bytes(&part.bytes),
            meta: part.meta.clone(),
        }
    }

    /// Decodes a part.
    pub fn decode(self) -> Result<RawPart, PluginError> {
        Ok(RawPart {
            index: self.index,
            offset: self.offset,
            line: self.line,
            bytes: decode_bytes(&self.data)?,
            meta: self.meta,
        })
    }
}

/// One result of a batch request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    /// A record (enrich: the record with the plugin's fields; parse: the new record).
    Record(Value),
    /// A framed part (split).
    Part(WirePart),
    /// Not a record, for this reason (parse).
    Skip(String),
    /// Done (write).
    Ok(bool),
    /// This item failed.
    Error(String),
}

/// The answer to one request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The request's id (over a pipe).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// The whole request failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// One item per record or part of the request, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Outputs the plugin staged (final paths), in answer to `configure`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staged: Vec<String>,
}

impl Response {
    /// A failed request.
    pub fn failed(message: impl Into<String>) -> Response {
        Response {
            error: Some(message.into()),
            ..Response::default()
        }
    }
}

/// Bytes as base64, for [`WirePart`] and [`Request::Split`].
pub fn encode_bytes(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Base64 back to bytes.
pub fn decode_bytes(text: &str) -> Result<Vec<u8>, PluginError> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| PluginError::new(format!("bad base64 from the plugin protocol: {e}")))
}

/// The part of a record an enricher is sent: `id`, `source` and the fields it requires.
///
/// ```
/// use dateline_core::{Document, Source};
/// use dateline_plugin::protocol::project;
///
/// let mut doc = Document::new(Source::new("a.txt", 0, "text"));
/// doc.headline = Some("Headline".into());
/// doc.set_body(vec!["Body.".into()]);
/// let sent = project(&doc, &["body".to_string()]);
/// assert!(sent.get("body").is_some() && sent.get("headline").is_none());
/// ```
pub fn project(doc: &Document, requires: &[String]) -> Value {
    let full = serde_json::to_value(doc).expect("a record serializes");
    let Value::Object(full) = full else {
        unreachable!("a record is an object")
    };
    if requires.iter().any(|r| r == "*") {
        return Value::Object(full);
    }
    let keep =
        |key: &str| matches!(key, "schema" | "id" | "source") || requires.iter().any(|r| r == key);
    Value::Object(full.into_iter().filter(|(k, _)| keep(k)).collect())
}

/// Takes into `doc` what an enricher returned: the fields it `provides`, its `extra`
/// entries and any warnings it added. Nothing else of the returned record is trusted.
pub fn merge(doc: &mut Document, returned: Value, provides: &[String]) -> Result<(), PluginError> {
    let Value::Object(mut returned) = returned else {
        return Err(PluginError::new(
            "the plugin returned something that is not a record",
        ));
    };
    let mut full = match serde_json::to_value(&*doc) {
        Ok(Value::Object(map)) => map,
        _ => unreachable!("a record is an object"),
    };
    for field in provides {
        match field.as_str() {
            "extra" | "warnings" | "id" | "source" | "schema" | "provenance" => {}
            _ => match returned.remove(field) {
                Some(value) => {
                    full.insert(field.clone(), value);
                }
                None => {
                    full.remove(field);
                }
            },
        }
    }
    if let Some(Value::Object(extra)) = returned.remove("extra") {
        let mine = full
            .entry("extra")
            .or_insert_with(|| Value::Object(Default::default()));
        if let Value::Object(mine) = mine {
            mine.extend(extra);
        }
    }
    if let Some(Value::Array(warnings)) = returned.remove("warnings") {
        let sent = doc.warnings.len();
        let mine = full
            .entry("warnings")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(mine) = mine {
            mine.extend(warnings.into_iter().skip(sent));
        }
    }
    *doc = serde_json::from_value(Value::Object(full))
        .map_err(|e| PluginError::new(format!("the plugin returned an invalid record: {e}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::Source;

    #[test]
    fn merge_takes_only_what_the_plugin_provides() {
        let mut doc = Document::new(Source::new("a.txt", 0, "text"));
        doc.headline = Some("Kept".into());
        let returned = serde_json::json!({
            "id": "forged#9", "source": {"uri": "x", "part": 9, "format": "y"},
            "headline": "Overwritten?", "tone": {"score": 0.5, "positive": 0.5, "negative": 0.0},
            "extra": {"mine": 1}
        });
        merge(&mut doc, returned, &["tone".into(), "extra".into()]).unwrap();
        assert_eq!(doc.id, "a.txt#0");
        assert_eq!(doc.headline.as_deref(), Some("Kept"));
        assert_eq!(doc.tone.as_ref().unwrap().score, 0.5);
        assert_eq!(doc.extra["mine"], 1);
    }

    #[test]
    fn requests_and_responses_have_the_documented_shape() {
        let request = Request::Enrich { records: vec![] };
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            r#"{"op":"enrich","records":[]}"#
        );
        let response = Response {
            id: Some(3),
            items: vec![
                Item::Record(serde_json::json!({})),
                Item::Error("bad".into()),
            ],
            ..Response::default()
        };
        assert_eq!(
            serde_json::to_string(&response).unwrap(),
            r#"{"id":3,"items":[{"record":{}},{"error":"bad"}]}"#
        );
    }
}
