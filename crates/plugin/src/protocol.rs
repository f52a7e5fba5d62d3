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
///
/// On the wire it is one object whose `op` names the request, beside that request's
/// fields: `{"op": "enrich", "records": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", try_from = "FlatRequest")]
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
        records: Vec<Document>,
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
        records: Vec<Document>,
    },
    /// Flush and close (sinks); the last request.
    Finish,
}

/// Every request's fields in one struct: reading a request through it takes one pass,
/// where serde's internally tagged enums first copy the whole message into a buffer.
///
/// Fields it does not know are passed over: within one ABI version a newer Dateline may
/// add optional request fields (PLUGINS.md), and a plugin built before them still serves.
#[derive(Deserialize)]
struct FlatRequest {
    op: String,
    #[serde(default)]
    id: Option<u64>,
    #[serde(default)]
    config: Option<Value>,
    #[serde(default)]
    host: Option<HostInfo>,
    #[serde(default)]
    records: Option<Vec<Document>>,
    #[serde(default)]
    uri: Option<String>,
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    parts: Option<Vec<WirePart>>,
}

impl TryFrom<FlatRequest> for Request {
    type Error = String;

    fn try_from(flat: FlatRequest) -> Result<Request, String> {
        let _ = flat.id;
        let missing = |field: &str| format!("`{}` needs `{field}`", flat.op);
        Ok(match flat.op.as_str() {
            "validate" => Request::Validate {
                config: flat.config.unwrap_or_default(),
            },
            "configure" => Request::Configure {
                config: flat.config.unwrap_or_default(),
                host: flat.host.ok_or_else(|| missing("host"))?,
            },
            "enrich" => Request::Enrich {
                records: flat.records.ok_or_else(|| missing("records"))?,
            },
            "split" => Request::Split {
                uri: flat.uri.ok_or_else(|| missing("uri"))?,
                data: flat.data.ok_or_else(|| missing("data"))?,
            },
            "parse" => Request::Parse {
                uri: flat.uri.ok_or_else(|| missing("uri"))?,
                parts: flat.parts.ok_or_else(|| missing("parts"))?,
            },
            "write" => Request::Write {
                records: flat.records.ok_or_else(|| missing("records"))?,
            },
            "finish" => Request::Finish,
            other => return Err(format!("unknown op `{other}`")),
        })
    }
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
    /// A record (enrich: at least the fields the plugin provides; parse: the new record).
    Record(Box<Document>),
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

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::Source;

    #[test]
    fn adopt_takes_only_what_the_plugin_provides() {
        let mut doc = Document::new(Source::new("a.txt", 0, "text"));
        doc.headline = Some("Kept".into());
        let returned: Document = serde_json::from_value(serde_json::json!({
            "id": "forged#9", "source": {"uri": "x", "part": 9, "format": "y"},
            "headline": "Overwritten?", "tone": {"score": 0.5, "positive": 0.5, "negative": 0.0},
            "extra": {"mine": 1}
        }))
        .unwrap();
        doc.adopt(returned, &["tone".into(), "extra".into()]);
        assert_eq!(doc.id, "a.txt#0");
        assert_eq!(doc.headline.as_deref(), Some("Kept"));
        assert_eq!(doc.tone.as_ref().unwrap().score, 0.5);
        assert_eq!(doc.extra["mine"], 1);
    }

    /// A request field added by a newer Dateline is passed over by an older plugin.
    #[test]
    fn a_request_field_the_plugin_does_not_know_is_passed_over() {
        let request: Request =
            serde_json::from_str(r#"{"op":"enrich","records":[],"batch_hint":3}"#).unwrap();
        assert_eq!(request, Request::Enrich { records: vec![] });
        let packed =
            rmp_serde::to_vec_named(&serde_json::json!({"op": "finish", "deadline_ms": 5}))
                .unwrap();
        assert_eq!(
            crate::wire::decode::<Request>(&packed).unwrap(),
            Request::Finish
        );
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
            items: vec![Item::Skip("empty".into()), Item::Error("bad".into())],
            ..Response::default()
        };
        assert_eq!(
            serde_json::to_string(&response).unwrap(),
            r#"{"id":3,"items":[{"skip":"empty"},{"error":"bad"}]}"#
        );
    }
}
