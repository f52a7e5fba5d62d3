//! # dateline-tables
//!
//! The relational view of Dateline records, defined once: the tables, their columns
//! and keys, and how a [`Document`] flattens into rows. The `sqlite` and `csv` sinks
//! both write these tables, so a query written against one works on the other.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_tables::{TABLES, rows};
//!
//! let mut doc = Document::new(Source::new("a.txt", 0, "text"));
//! doc.headline = Some("Rain".into());
//! let rows = rows(&doc);
//! assert_eq!(TABLES[0].name, "articles");
//! assert_eq!(rows.articles.len(), 1);
//! ```

#![warn(missing_docs)]

use dateline_core::text::CharIndex;
use dateline_core::{Document, EntityType, QuoteKind, TimeType};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    Text,
    /// A whole number.
    Integer,
    /// A real number.
    Real,
    /// JSON text.
    Json,
}

/// A column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: &'static str,
    /// Its type.
    pub kind: ColumnType,
    /// What it holds.
    pub doc: &'static str,
}

/// A table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// Its name.
    pub name: &'static str,
    /// What a row is.
    pub doc: &'static str,
    /// Its columns, in order.
    pub columns: &'static [Column],
    /// The columns of its primary key.
    pub key: &'static [&'static str],
}

const fn col(name: &'static str, kind: ColumnType, doc: &'static str) -> Column {
    Column { name, kind, doc }
}

use ColumnType::{Integer, Json, Real, Text};

/// Every table, parents before children.
pub const TABLES: &[Table] = &[
    Table {
        name: "articles",
        doc: "one row per record",
        columns: &[
            col("id", Text, "record id: source uri # part"),
            col("source_uri", Text, "the input"),
            col("source_part", Integer, "which article of the input"),
            col("format", Text, "the parser"),
            col("url", Text, "canonical URL"),
            col("headline", Text, "headline"),
            col("summary", Json, "summary bullets, a JSON array"),
            col("dateline_place", Text, "dateline place as written"),
            col("dateline_raw", Text, "dateline as written"),
            col("published", Text, "ISO 8601"),
            col("updated", Text, "ISO 8601"),
            col("authors", Json, "a JSON array"),
            col("caption", Json, "photo captions, a JSON array"),
            col("language", Text, "ISO 639-1"),
            col("body", Text, "the text"),
            col("tone_score", Real, "tone, -1 to 1"),
            col("tone_positive", Real, "share of positive words"),
            col("tone_negative", Real, "share of negative words"),
            col("tone_polarity", Real, "share of positive or negative words"),
            col("tone_words", Integer, "words the tone counted"),
            col("record", Json, "the whole record, as written to JSONL"),
        ],
        key: &["id"],
    },
    Table {
        name: "entities",
        doc: "one row per entity of an article",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("entity_id", Text, "id within the article"),
            col("type", Text, "person, organization, place or other"),
            col("name", Text, "fullest name"),
            col("title", Text, "title or rank"),
            col("acronym", Text, "acronym"),
            col("roles", Json, "a JSON array"),
            col("aliases", Json, "a JSON array"),
            col("lat", Real, "latitude"),
            col("lon", Real, "longitude"),
            col("country", Text, "ISO 3166-1 alpha-2"),
            col("geonames_id", Integer, "GeoNames id"),
            col("mention_count", Integer, "number of mentions"),
            col(
                "tone_score",
                Real,
                "tone of what the article says about it, -1 to 1",
            ),
        ],
        key: &["article_id", "entity_id"],
    },
    Table {
        name: "mentions",
        doc: "one row per mention of an entity",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("entity_id", Text, "entities.entity_id"),
            col("mention_index", Integer, "order within the entity"),
            col("start", Integer, "code point offset"),
            col("end", Integer, "code point offset, exclusive"),
            col("text", Text, "the span"),
            col("field", Text, "body unless another field"),
        ],
        key: &["article_id", "entity_id", "mention_index"],
    },
    Table {
        name: "times",
        doc: "one row per time expression",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("time_index", Integer, "order within the article"),
            col("start", Integer, "code point offset"),
            col("end", Integer, "code point offset, exclusive"),
            col("text", Text, "the span"),
            col("field", Text, "body unless another field"),
            col("type", Text, "date, time, duration or set"),
            col("value", Text, "TIMEX3 value"),
        ],
        key: &["article_id", "time_index"],
    },
    Table {
        name: "quotes",
        doc: "one row per quotation",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("quote_index", Integer, "order within the article"),
            col("start", Integer, "code point offset"),
            col("end", Integer, "code point offset, exclusive"),
            col("text", Text, "the quoted content"),
            col("field", Text, "body unless another field"),
            col("speaker", Text, "entities.entity_id of the speaker"),
            col("speaker_text", Text, "the speaker as written"),
            col("cue", Text, "the cue verb"),
            col("kind", Text, "direct, indirect or mixed"),
        ],
        key: &["article_id", "quote_index"],
    },
    Table {
        name: "events",
        doc: "one row per event: what happened, who to whom, where and when, and the sentence that says so",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("event_index", Integer, "order within the article"),
            col(
                "event_id",
                Text,
                "the event's id in the record (v1, v2, ...)",
            ),
            col(
                "type",
                Text,
                "PLOVER type (consult, threaten, ...) or other",
            ),
            col("trigger", Text, "the word that says what happened"),
            col("trigger_start", Integer, "code point offset"),
            col("trigger_end", Integer, "code point offset, exclusive"),
            col(
                "field",
                Text,
                "the field the offsets point into, when not body",
            ),
            col("source", Text, "entities.entity_id of who acts"),
            col("source_text", Text, "who acts, as written"),
            col("target", Text, "entities.entity_id of whom it is done to"),
            col(
                "target_text",
                Text,
                "whom or what it is done to, as written",
            ),
            col("place", Text, "entities.entity_id of the place"),
            col("place_text", Text, "the place as written"),
            col("time_text", Text, "the time expression"),
            col("time", Text, "TIMEX3 value of the time"),
            col("negated", Integer, "1 when the text says it did not happen"),
            col("mode", Text, "asserted, reported, planned or hypothetical"),
            col(
                "evidence_start",
                Integer,
                "code point offset of the sentence",
            ),
            col("evidence_end", Integer, "code point offset, exclusive"),
            col("evidence", Text, "the sentence that says so"),
        ],
        key: &["article_id", "event_index"],
    },
    Table {
        name: "event_actors",
        doc: "one row per resolved participant of an event: source, target or place",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("event_index", Integer, "events.event_index"),
            col("role", Text, "source, target or place"),
            col("entity_id", Text, "entities.entity_id"),
            col("text", Text, "the participant as written"),
        ],
        key: &["article_id", "event_index", "role"],
    },
    Table {
        name: "extra",
        doc: "one row per plugin's extra data of an article",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("plugin", Text, "the plugin"),
            col("value", Json, "its data"),
        ],
        key: &["article_id", "plugin"],
    },
    Table {
        name: "topics",
        doc: "one row per IPTC Media Topics subject of an article, best first",
        columns: &[
            col("article_id", Text, "articles.id"),
            col("rank", Integer, "0 for the best"),
            col("code", Text, "medtop:NN000000"),
            col("label", Text, "the subject's English label"),
            col("score", Real, "0 to 1"),
        ],
        key: &["article_id", "rank"],
    },
];

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value.
    Null,
    /// Text (also JSON text).
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A real number.
    Real(f64),
}

impl Value {
    /// The cell as CSV text (empty for null).
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(s) => s.clone(),
            Value::Integer(i) => i.to_string(),
            Value::Real(f) => f.to_string(),
        }
    }
}

/// One row: its cells in column order.
pub type Row = Vec<Value>;

/// The rows of one record, per table (in [`TABLES`] order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    /// `articles`.
    pub articles: Vec<Row>,
    /// `entities`.
    pub entities: Vec<Row>,
    /// `mentions`.
    pub mentions: Vec<Row>,
    /// `times`.
    pub times: Vec<Row>,
    /// `quotes`.
    pub quotes: Vec<Row>,
    /// `events`.
    pub events: Vec<Row>,
    /// `event_actors`.
    pub event_actors: Vec<Row>,
    /// `extra`.
    pub extra: Vec<Row>,
    /// `topics`.
    pub topics: Vec<Row>,
}

impl Rows {
    /// The rows of each table, in [`TABLES`] order.
    pub fn by_table(&self) -> [(&'static Table, &[Row]); 9] {
        [
            (&TABLES[0], &self.articles),
            (&TABLES[1], &self.entities),
            (&TABLES[2], &self.mentions),
            (&TABLES[3], &self.times),
            (&TABLES[4], &self.quotes),
            (&TABLES[5], &self.events),
            (&TABLES[6], &self.event_actors),
            (&TABLES[7], &self.extra),
            (&TABLES[8], &self.topics),
        ]
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn opt(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::Null, text)
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    Value::Text(serde_json::to_string(value).expect("record parts serialize"))
}

fn list(items: &[String]) -> Value {
    if items.is_empty() {
        Value::Null
    } else {
        json(&items)
    }
}

fn int(n: usize) -> Value {
    Value::Integer(n as i64)
}

/// The lowercase name of an entity type, as in the record.
pub fn entity_type(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Place => "place",
        EntityType::Other => "other",
    }
}

fn time_type(kind: TimeType) -> &'static str {
    match kind {
        TimeType::Date => "date",
        TimeType::Time => "time",
        TimeType::Duration => "duration",
        TimeType::Set => "set",
    }
}

fn quote_kind(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Mixed => "mixed",
    }
}

/// Flattens a record into rows. `record_json` is stored in `articles.record`; pass the
/// record's canonical JSON line (it is recomputed when `None`).
pub fn rows_with_json(doc: &Document, record_json: Option<&str>) -> Rows {
    let id = &doc.id;
    let mut rows = Rows::default();
    let record = match record_json {
        Some(json) => text(json),
        None => json(doc),
    };
    let tone =
        |column: fn(&dateline_core::Tone) -> Value| doc.tone.as_ref().map_or(Value::Null, column);
    rows.articles.push(vec![
        text(id),
        text(&doc.source.uri),
        Value::Integer(doc.source.part as i64),
        text(&doc.source.format),
        opt(&doc.url),
        opt(&doc.headline),
        list(&doc.summary),
        doc.dateline
            .as_ref()
            .map_or(Value::Null, |d| text(&d.place)),
        doc.dateline.as_ref().map_or(Value::Null, |d| text(&d.raw)),
        opt(&doc.published),
        opt(&doc.updated),
        list(&doc.authors),
        list(&doc.caption),
        opt(&doc.language),
        if doc.body.is_empty() {
            Value::Null
        } else {
            text(&doc.body)
        },
        tone(|t| Value::Real(t.score)),
        tone(|t| Value::Real(t.positive)),
        tone(|t| Value::Real(t.negative)),
        tone(|t| Value::Real(t.polarity)),
        tone(|t| Value::Integer(t.words as i64)),
        record,
    ]);
    for entity in &doc.entities {
        let geo = entity.geo.as_ref();
        rows.entities.push(vec![
            text(id),
            text(&entity.id),
            text(entity_type(entity.kind)),
            text(&entity.name),
            opt(&entity.title),
            opt(&entity.acronym),
            list(&entity.roles),
            list(&entity.aliases),
            geo.map_or(Value::Null, |g| Value::Real(g.lat)),
            geo.map_or(Value::Null, |g| Value::Real(g.lon)),
            geo.and_then(|g| g.country.as_deref())
                .map_or(Value::Null, text),
            geo.and_then(|g| g.geonames_id)
                .map_or(Value::Null, |n| Value::Integer(n as i64)),
            int(entity.mentions.len()),
            entity
                .tone
                .as_ref()
                .map_or(Value::Null, |t| Value::Real(t.score)),
        ]);
        for (index, mention) in entity.mentions.iter().enumerate() {
            rows.mentions.push(vec![
                text(id),
                text(&entity.id),
                int(index),
                int(mention.start),
                int(mention.end),
                text(&mention.text),
                text(mention.field.as_deref().unwrap_or("body")),
            ]);
        }
    }
    for (index, time) in doc.times.iter().enumerate() {
        rows.times.push(vec![
            text(id),
            int(index),
            int(time.start),
            int(time.end),
            text(&time.text),
            text(time.field.as_deref().unwrap_or("body")),
            text(time_type(time.kind)),
            text(&time.value),
        ]);
    }
    for (index, quote) in doc.quotes.iter().enumerate() {
        rows.quotes.push(vec![
            text(id),
            int(index),
            int(quote.start),
            int(quote.end),
            text(&quote.text),
            text(quote.field.as_deref().unwrap_or("body")),
            opt(&quote.speaker),
            opt(&quote.speaker_text),
            opt(&quote.cue),
            text(quote_kind(quote.kind)),
        ]);
    }
    // Each field's code point index, built once for all its events' evidence.
    let mut indexes: Vec<(Option<&str>, CharIndex)> = Vec::new();
    for (index, event) in doc.events.iter().enumerate() {
        let field_text = doc
            .field_text(event.field.as_deref().unwrap_or("body"))
            .unwrap_or("");
        let chars = match indexes
            .iter()
            .position(|(f, _)| *f == event.field.as_deref())
        {
            Some(i) => &indexes[i].1,
            None => {
                indexes.push((event.field.as_deref(), CharIndex::new(field_text)));
                &indexes[indexes.len() - 1].1
            }
        };
        let argument = |a: &Option<dateline_core::Argument>| {
            (
                a.as_ref().map_or(Value::Null, |a| opt(&a.entity)),
                a.as_ref().map_or(Value::Null, |a| text(&a.text)),
            )
        };
        let (source, source_text) = argument(&event.source);
        let (target, target_text) = argument(&event.target);
        let (place, place_text) = argument(&event.place);
        rows.events.push(vec![
            text(id),
            int(index),
            text(&event.id),
            text(&event.kind),
            text(&event.trigger.text),
            int(event.trigger.start),
            int(event.trigger.end),
            opt(&event.field),
            source,
            source_text,
            target,
            target_text,
            place,
            place_text,
            event.time.as_ref().map_or(Value::Null, |t| text(&t.text)),
            event.time.as_ref().map_or(Value::Null, |t| opt(&t.value)),
            Value::Integer(i64::from(event.negated)),
            text(event.mode.as_str()),
            int(event.evidence[0]),
            int(event.evidence[1]),
            text(chars.slice(field_text, event.evidence[0], event.evidence[1])),
        ]);
        for (role, arg) in [
            ("source", &event.source),
            ("target", &event.target),
            ("place", &event.place),
        ] {
            if let Some(arg) = arg
                && let Some(entity) = &arg.entity
            {
                rows.event_actors.push(vec![
                    text(id),
                    int(index),
                    text(role),
                    text(entity),
                    text(&arg.text),
                ]);
            }
        }
    }
    for (plugin, value) in &doc.extra {
        rows.extra.push(vec![text(id), text(plugin), json(value)]);
    }
    for (rank, topic) in doc.topics.iter().enumerate() {
        rows.topics.push(vec![
            text(id),
            int(rank),
            text(&topic.code),
            text(&topic.label),
            Value::Real(topic.score),
        ]);
    }
    rows
}

/// Flattens a record into rows.
pub fn rows(doc: &Document) -> Rows {
    rows_with_json(doc, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_one_cell_per_column() {
        let json = r#"{"schema":2,"id":"a#0","source":{"uri":"a","part":0,"format":"text"},
            "headline":"H","body":"Asif met Munir.",
            "entities":[{"id":"e1","type":"person","name":"Asif","mentions":[{"start":0,"end":4,"text":"Asif"}],"tone":{"score":0.1}}],
            "times":[{"start":0,"end":1,"text":"x","type":"date","value":"2025"}],
            "quotes":[{"start":0,"end":1,"text":"x","kind":"direct","speaker":"e1"}],
            "events":[{"id":"v1","type":"consult","trigger":{"start":5,"end":8,"text":"met"},
                "source":{"start":0,"end":4,"text":"Asif","entity":"e1"},
                "negated":false,"mode":"asserted","evidence":[0,15]}],
            "extra":{"p":{"k":1}},
            "tone":{"score":-0.2,"positive":0.1,"negative":0.2,"polarity":0.3,"words":3},
            "topics":[{"code":"medtop:11000000","label":"politics","score":0.8}]}"#;
        let doc: Document = serde_json::from_str(json).unwrap();
        let rows = rows(&doc);
        for (table, rows) in rows.by_table() {
            assert_eq!(rows.len(), 1, "{}", table.name);
            assert!(
                rows.iter().all(|r| r.len() == table.columns.len()),
                "{}",
                table.name
            );
        }
    }
}
