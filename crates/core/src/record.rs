//! The record: one news article and everything Dateline found in it (schema v4).
//!
//! Field names are the public contract. A field without a value is omitted from
//! the JSON, never filled with a placeholder, so every optional field is either an
//! `Option` or an empty collection skipped on serialization.
//!
//! Offsets (`start`, `end`) are Unicode code point offsets, end exclusive, into
//! `body` unless a mention names another `field` (`headline`, `summary.N`,
//! `caption.N`). [`crate::text::CharIndex`] converts byte offsets to them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema version written in every record's `schema` field.
/// Version 2 gave `events` their frame shape (trigger, source, target, place, time, mode);
/// version 3 added `topics`, each entity's `tone`, and the tone's `polarity` and `words`;
/// version 4 gave `quotes` a `field` (quotations of the headline and the summary).
/// A reader of an older version would reject or misread a newer record.
pub const SCHEMA_VERSION: u32 = 4;

fn is_empty_str(s: &str) -> bool {
    s.is_empty()
}

fn schema_version() -> u32 {
    SCHEMA_VERSION
}

/// One article.
///
/// ```
/// use dateline_core::{Document, Source};
///
/// let mut doc = Document::new(Source::new("news/today.txt", 0, "text"));
/// doc.headline = Some("Rain expected".into());
/// doc.set_body(vec!["First paragraph.".into(), "Second.".into()]);
/// assert_eq!(doc.id, "news/today.txt#0");
/// assert_eq!(doc.body, "First paragraph.\n\nSecond.");
/// assert_eq!(doc.paragraphs, vec![[0, 16], [18, 25]]);
/// let json = serde_json::to_string(&doc).unwrap();
/// assert!(!json.contains("\"authors\""), "empty fields are omitted");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Schema version of this record: the `SCHEMA_VERSION` of the Dateline that wrote it.
    #[serde(default = "schema_version")]
    pub schema: u32,
    /// Stable id: source uri and part index, `uri#part`; the same input gives the same id on every run.
    pub id: String,
    /// Where the record came from.
    pub source: Source,
    /// Canonical URL, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The headline, once, even when the page repeats it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Bullet points or standfirst.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary: Vec<String>,
    /// The dateline that opens the story ("ISLAMABAD: ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Dateline>,
    /// Publication time, ISO 8601, as precise as the source says (a date, or a date-time with offset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Last update time, ISO 8601; relative stamps ("Updated 7 sec ago") resolved against the reference time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Author names as bylined.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Photo captions, kept out of the body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<String>,
    /// ISO 639-1 language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Article text, paragraphs separated by a blank line (`"\n\n"`), boilerplate removed.
    #[serde(default, skip_serializing_if = "is_empty_str")]
    pub body: String,
    /// Code point ranges `[start, end)` of each paragraph in `body`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<[usize; 2]>,
    /// People, organizations, places and other named things, each once with all its mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    /// Time expressions with normalized values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<TimeExpression>,
    /// Quotations with their speakers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
    /// Events: who did what with whom, where and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Overall tone of the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
    /// What the article is about: IPTC Media Topics top-level subjects, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<Topic>,
    /// Problems met while building this record that did not stop it (an encoding repaired, a time left unresolved).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
    /// Plugin-specific data the schema has no field for, keyed by plugin name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Which plugin (`name@version`) wrote each top-level field.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provenance: BTreeMap<String, String>,
}

impl Document {
    /// An empty record for `source`, with its id derived from it.
    pub fn new(source: Source) -> Self {
        Document {
            schema: SCHEMA_VERSION,
            id: source.record_id(),
            source,
            url: None,
            headline: None,
            summary: Vec::new(),
            dateline: None,
            published: None,
            updated: None,
            authors: Vec::new(),
            caption: Vec::new(),
            language: None,
            body: String::new(),
            paragraphs: Vec::new(),
            entities: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            events: Vec::new(),
            tone: None,
            topics: Vec::new(),
            warnings: Vec::new(),
            extra: BTreeMap::new(),
            provenance: BTreeMap::new(),
        }
    }

    /// Sets `body` from paragraphs, joined by a blank line, and fills `paragraphs` with their offsets.
    pub fn set_body(&mut self, paragraphs: Vec<String>) {
        let joined = paragraphs.iter().map(String::len).sum::<usize>()
            + 2 * paragraphs.len().saturating_sub(1);
        let mut body = String::with_capacity(joined);
        let mut ranges = Vec::with_capacity(paragraphs.len());
        let mut offset = 0usize;
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if i > 0 {
                body.push_str("\n\n");
                offset += 2;
            }
            let len = paragraph.chars().count();
            body.push_str(paragraph);
            ranges.push([offset, offset + len]);
            offset += len;
        }
        self.body = body;
        self.paragraphs = ranges;
    }

    /// Checks that every offset in the record points inside the field it names (`body` when
    /// none): paragraphs, mentions, time expressions, quotations and every span of an event.
    /// Sinks and the report slice text by these offsets, so an enricher (a third-party one
    /// above all) that returns one outside its text fails its record instead.
    ///
    /// ```
    /// use dateline_core::{Document, Quote, QuoteKind, Source};
    ///
    /// let mut doc = Document::new(Source::new("a.txt", 0, "text"));
    /// doc.set_body(vec!["Short.".into()]);
    /// assert!(doc.check_offsets().is_ok());
    /// doc.quotes.push(Quote { start: 2, end: 60, text: "ort.".into(), field: None,
    ///     speaker: None, speaker_text: None, cue: None, kind: QuoteKind::Direct });
    /// let error = doc.check_offsets().unwrap_err();
    /// assert_eq!(error.to_string(), "quote [2, 60) is outside `body` (6 code points)");
    /// ```
    pub fn check_offsets(&self) -> Result<(), OffsetError> {
        let mut lengths: BTreeMap<String, usize> = BTreeMap::new();
        let mut check = |what: &str, field: Option<&str>, start: usize, end: usize| {
            let field = field.unwrap_or("body");
            let length = match lengths.get(field) {
                Some(&length) => length,
                None => {
                    let Some(text) = self.field_text(field) else {
                        return Err(OffsetError {
                            what: what.to_string(),
                            field: field.to_string(),
                            start,
                            end,
                            length: None,
                        });
                    };
                    let length = text.chars().count();
                    lengths.insert(field.to_string(), length);
                    length
                }
            };
            if start <= end && end <= length {
                Ok(())
            } else {
                Err(OffsetError {
                    what: what.to_string(),
                    field: field.to_string(),
                    start,
                    end,
                    length: Some(length),
                })
            }
        };
        for &[start, end] in &self.paragraphs {
            check("paragraph", None, start, end)?;
        }
        for entity in &self.entities {
            for m in &entity.mentions {
                check(
                    &format!("mention of {}", entity.id),
                    m.field.as_deref(),
                    m.start,
                    m.end,
                )?;
            }
        }
        for t in &self.times {
            check("time expression", t.field.as_deref(), t.start, t.end)?;
        }
        for q in &self.quotes {
            check("quote", q.field.as_deref(), q.start, q.end)?;
        }
        for e in &self.events {
            let field = e.field.as_deref();
            let what = |part: &str| format!("event {} {part}", e.id);
            check(&what("trigger"), field, e.trigger.start, e.trigger.end)?;
            check(&what("evidence"), field, e.evidence[0], e.evidence[1])?;
            for (part, argument) in [
                ("source", &e.source),
                ("target", &e.target),
                ("place", &e.place),
            ] {
                if let Some(a) = argument {
                    check(&what(part), field, a.start, a.end)?;
                }
            }
            if let Some(t) = &e.time {
                check(&what("time"), field, t.start, t.end)?;
            }
        }
        Ok(())
    }

    /// The text of a field that offsets can point into: `body`, `headline`, `summary.N`,
    /// `caption.N`.
    ///
    /// ```
    /// use dateline_core::{Document, Source};
    ///
    /// let mut doc = Document::new(Source::new("a.txt", 0, "text"));
    /// doc.summary = vec!["First point".into()];
    /// assert_eq!(doc.field_text("summary.0"), Some("First point"));
    /// assert_eq!(doc.field_text("caption.3"), None);
    /// ```
    pub fn field_text(&self, field: &str) -> Option<&str> {
        let indexed = |prefix: &str, items: &'_ [String]| -> Option<usize> {
            field
                .strip_prefix(prefix)
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|&n| n < items.len())
        };
        match field {
            "body" => Some(&self.body),
            "headline" => self.headline.as_deref(),
            _ => {
                if let Some(n) = indexed("summary.", &self.summary) {
                    Some(&self.summary[n])
                } else {
                    indexed("caption.", &self.caption).map(|n| self.caption[n].as_str())
                }
            }
        }
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Every mention of an entity in one field (`None`: the body), ordered by position,
    /// each with its entity's id and type: what enrichers that read a field against the
    /// record's entities start from.
    ///
    /// ```
    /// use dateline_core::{Document, Entity, EntityType, Mention, Source};
    ///
    /// let mut doc = Document::new(Source::new("a.txt", 0, "text"));
    /// doc.body = "Asif met Munir.".into();
    /// let mention = |start, end, text: &str| Mention { start, end, text: text.into(), field: None };
    /// for (id, name, m) in [("e1", "Munir", mention(9, 14, "Munir")), ("e2", "Asif", mention(0, 4, "Asif"))] {
    ///     doc.entities.push(Entity {
    ///         id: id.into(), kind: EntityType::Person, name: name.into(), aliases: vec![],
    ///         title: None, roles: vec![], acronym: None, geo: None, mentions: vec![m],
    ///         tone: None,
    ///     });
    /// }
    /// let ids: Vec<&str> = doc.mentions_in(None).iter().map(|m| m.id).collect();
    /// assert_eq!(ids, ["e2", "e1"]);
    /// ```
    pub fn mentions_in(&self, field: Option<&str>) -> Vec<FieldMention<'_>> {
        let mut mentions: Vec<FieldMention> = self
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(move |m| m.field.as_deref() == field)
                    .map(move |m| FieldMention {
                        start: m.start,
                        end: m.end,
                        id: e.id.as_str(),
                        kind: e.kind,
                    })
            })
            .collect();
        mentions.sort_by_key(|m| (m.start, m.end));
        mentions
    }

    /// Whether the record is in English as far as it tells: its body reads as English
    /// ([`crate::text::reads_as_english`]), whatever language the page declares (pages
    /// written in one language often declare another); a body too short to tell by is
    /// English unless the record declares another language. Enrichers whose models know
    /// English only read no other language: a German page gave a hundred "names" an
    /// article, every capitalized noun.
    pub fn reads_as_english(&self) -> bool {
        crate::text::reads_as_english(&self.body).unwrap_or_else(|| {
            self.language
                .as_deref()
                .is_none_or(|l| l.get(..2).is_some_and(|l| l.eq_ignore_ascii_case("en")))
        })
    }

    /// Adds a warning from `plugin`.
    pub fn warn(&mut self, plugin: &str, message: impl Into<String>) {
        self.warnings.push(Warning {
            plugin: plugin.to_string(),
            message: message.into(),
        });
    }

    /// A copy holding only `id`, `source` and the named top-level fields (all of them for
    /// `"*"`), without warnings: what a plugin behind a boundary is sent, or sends back.
    ///
    /// ```
    /// use dateline_core::{Document, Source};
    ///
    /// let mut doc = Document::new(Source::new("a.txt", 0, "text"));
    /// doc.headline = Some("Headline".into());
    /// doc.set_body(vec!["Body.".into()]);
    /// let sent = doc.project(&["body".to_string()]);
    /// assert_eq!(sent.body, "Body.");
    /// assert_eq!(sent.headline, None);
    /// ```
    pub fn project(&self, fields: &[String]) -> Document {
        if fields.iter().any(|f| f == "*") {
            let mut copy = self.clone();
            copy.warnings.clear();
            return copy;
        }
        let mut copy = Document::new(self.source.clone());
        copy.id = self.id.clone();
        for field in fields {
            copy.copy_field(field, self);
        }
        copy
    }

    /// Moves the named top-level fields of `from` into this record (unnamed fields stay as
    /// they are). `extra` entries are merged by key; `from`'s warnings are appended (a
    /// projection carries none, so they are the ones its plugin added).
    pub fn adopt(&mut self, mut from: Document, fields: &[String]) {
        for field in fields {
            self.take_field(field, &mut from);
        }
        self.warnings.append(&mut from.warnings);
    }
}

/// The top-level fields a plugin can be sent or send back, by name, for
/// [`Document::project`] and [`Document::adopt`].
macro_rules! named_fields {
    ($($name:literal => $field:ident),* $(,)?) => {
        impl Document {
            fn copy_field(&mut self, field: &str, from: &Document) {
                match field {
                    $($name => self.$field = from.$field.clone(),)*
                    "extra" => self.extra = from.extra.clone(),
                    _ => {}
                }
            }

            fn take_field(&mut self, field: &str, from: &mut Document) {
                match field {
                    $($name => self.$field = std::mem::take(&mut from.$field),)*
                    "extra" => self.extra.append(&mut from.extra),
                    _ => {}
                }
            }
        }
    };
}

named_fields! {
    "url" => url, "headline" => headline, "summary" => summary, "dateline" => dateline,
    "published" => published, "updated" => updated, "authors" => authors, "caption" => caption,
    "language" => language, "body" => body, "paragraphs" => paragraphs, "entities" => entities,
    "times" => times, "quotes" => quotes, "events" => events, "tone" => tone,
    "topics" => topics,
}

impl Document {
    /// The names of the top-level fields that hold a value, in schema order.
    ///
    /// The runner uses this to record provenance and to check what a stage provides.
    pub fn filled_fields(&self) -> Vec<&'static str> {
        let mut fields = Vec::new();
        let mut add = |name: &'static str, filled: bool| {
            if filled {
                fields.push(name)
            }
        };
        add("url", self.url.is_some());
        add("headline", self.headline.is_some());
        add("summary", !self.summary.is_empty());
        add("dateline", self.dateline.is_some());
        add("published", self.published.is_some());
        add("updated", self.updated.is_some());
        add("authors", !self.authors.is_empty());
        add("caption", !self.caption.is_empty());
        add("language", self.language.is_some());
        add("body", !self.body.is_empty());
        add("paragraphs", !self.paragraphs.is_empty());
        add("entities", !self.entities.is_empty());
        add("times", !self.times.is_empty());
        add("quotes", !self.quotes.is_empty());
        add("events", !self.events.is_empty());
        add("tone", self.tone.is_some());
        add("topics", !self.topics.is_empty());
        fields
    }
}

/// Where a record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File path (relative to the pipeline's directory when it lies below it) or WARC target URI.
    pub uri: String,
    /// Which article in the input (0-based).
    pub part: u32,
    /// The parser that read it ("text", "html", ...).
    pub format: String,
}

impl Source {
    /// A source description.
    pub fn new(uri: impl Into<String>, part: u32, format: impl Into<String>) -> Self {
        Source {
            uri: uri.into(),
            part,
            format: format.into(),
        }
    }

    /// The stable record id for this source: `uri#part`.
    pub fn record_id(&self) -> String {
        format!("{}#{}", self.uri, self.part)
    }
}

/// A dateline: the place (and sometimes agency) that opens a story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    /// The place as written, e.g. "ISLAMABAD".
    pub place: String,
    /// The dateline exactly as it stands in the text, e.g. "ISLAMABAD:".
    pub raw: String,
    /// Id of the place entity, once an enricher has recognized it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

impl Dateline {
    /// The byte offset in `text` where this dateline ends, when `text` opens with it
    /// (after any leading whitespace); 0 when it does not.
    ///
    /// ```
    /// use dateline_core::Dateline;
    /// let d = Dateline { place: "PHOENIX".into(), raw: "PHOENIX (AP) —".into(), entity: None };
    /// assert_eq!(d.end_in("PHOENIX (AP) — Lumen said"), 16);
    /// assert_eq!(d.end_in("Lumen said, in PHOENIX (AP) —"), 0);
    /// ```
    pub fn end_in(&self, text: &str) -> usize {
        let lead = text.trim_start();
        if !self.raw.is_empty() && lead.starts_with(self.raw.as_str()) {
            text.len() - lead.len() + self.raw.len()
        } else {
            0
        }
    }
}

/// The kind of a named entity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person.
    Person,
    /// A company, agency, party, team, ...
    Organization,
    /// A geographic or political place.
    Place,
    /// Any other named thing (events, products, nationalities, ...).
    Other,
}

/// A named entity, once per document, with all of its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Id, unique within the document (e.g. "e1").
    pub id: String,
    /// The kind of entity.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The fullest name found.
    pub name: String,
    /// Other names it goes by in the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Title or rank ("Maj. Gen.", "President").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Roles from appositives and predicates ("army chief").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Acronym of an organization ("ISPR").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Coordinates and gazetteer link of a place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<Geo>,
    /// Every mention of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<Mention>,
    /// The tone of what the article says about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<EntityTone>,
}

/// Where a place is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// GeoNames id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    /// Start, in code points.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// The field the offsets point into, when not `body` (`headline`, `summary.N`, `caption.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The TimeML kind of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TimeType {
    /// A calendar date or period ("January last year").
    Date,
    /// A time of day ("Sunday night").
    Time,
    /// A length of time ("two-day").
    Duration,
    /// A recurring time ("every Monday").
    Set,
}

/// A time expression with its normalized value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeExpression {
    /// Start, in code points.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// The field the offsets point into, when not `body`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// TimeML type.
    #[serde(rename = "type")]
    pub kind: TimeType,
    /// TIMEX3 value: 2025-01-20, 2025-01-19TNI, P2D, PRESENT_REF, XXXX-11, ...
    pub value: String,
}

/// How a quotation is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Quoted word for word.
    Direct,
    /// Reported speech.
    Indirect,
    /// Reported speech with a quoted fragment.
    Mixed,
}

/// A quotation and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Start of the quoted content, in code points.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// The quoted content.
    pub text: String,
    /// The field the offsets point into, when not `body` (`headline`, `summary.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Entity id of the speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The speaker as written ("he", "the PID").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    /// The cue ("said", "told reporters").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
}

/// Something that happened: a predicate with who acted, on whom, where and when, and the
/// sentence that says so. Offsets are code points into `body`, or into `field` when set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Id, unique within the document ("v1").
    pub id: String,
    /// PLOVER event type in lowercase ("consult", "threaten", ...), or "other".
    #[serde(rename = "type")]
    pub kind: String,
    /// The word that says what happened ("met", "talks").
    pub trigger: Span,
    /// Who acts (PropBank Arg0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Argument>,
    /// Whom or what it is done to (PropBank Arg1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Argument>,
    /// Where it happened, linked to a place entity when recognized.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Argument>,
    /// When it happened: the time expression that dates it, with its value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<EventTime>,
    /// True when the text says it did not happen ("did not attend").
    pub negated: bool,
    /// Whether the text asserts it, reports someone's claim, plans it or supposes it.
    pub mode: EventMode,
    /// Code point range of the sentence that is the evidence.
    pub evidence: [usize; 2],
    /// The field the offsets point into, when not `body` (`headline`, `summary.N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// A mention of an entity in one field, with the entity's id and type (see
/// [`Document::mentions_in`]). Offsets are code points into the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldMention<'a> {
    /// Start, in code points.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// The entity's id.
    pub id: &'a str,
    /// The entity's type.
    pub kind: EntityType,
}

/// A span of text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// Start, in code points.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// A participant or place of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Argument {
    /// Start, in code points.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// The text of the span ("Pakistan's army chief").
    pub text: String,
    /// Id of the entity it refers to, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// The time of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventTime {
    /// Start, in code points.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// The time expression ("On Monday").
    pub text: String,
    /// Its TIMEX3 value ("2025-01-20").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// How the text stands to an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventMode {
    /// The article states it.
    Asserted,
    /// Someone in the article says it ("X said Y attacked Z", or inside a quotation).
    Reported,
    /// It is to happen ("will visit", "plans to").
    Planned,
    /// It might happen ("could", "if").
    Hypothetical,
}

impl EventMode {
    /// The lowercase name, as in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            EventMode::Asserted => "asserted",
            EventMode::Reported => "reported",
            EventMode::Planned => "planned",
            EventMode::Hypothetical => "hypothetical",
        }
    }
}

/// Overall tone of an article, from the words of its headline, summary and body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tone {
    /// How positive (1) or negative (-1) the article reads, in [-1, 1].
    pub score: f64,
    /// Share of the words counted that are positive, in context (a negated negative word
    /// counts as positive).
    pub positive: f64,
    /// Share of the words counted that are negative, in context.
    pub negative: f64,
    /// Share of the words counted that are positive or negative.
    #[serde(default)]
    pub polarity: f64,
    /// How many words were counted.
    #[serde(default)]
    pub words: u64,
}

/// The tone of what an article says about one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EntityTone {
    /// From -1 (said against it, or bad things befall it) to 1, in [-1, 1].
    pub score: f64,
}

/// One subject an article is about, on the IPTC Media Topics top level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// The IPTC Media Topics code, `medtop:NN000000`.
    pub code: String,
    /// Its English label ("politics").
    pub label: String,
    /// How sure, in (0, 1]; an article's scores sum to at most 1.
    pub score: f64,
}

/// A problem that did not stop the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// The plugin that raised it.
    pub plugin: String,
    /// What happened.
    pub message: String,
}

/// The JSON Schema of a record, generated from these types.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Document);
    serde_json::to_value(&schema).expect("a schema is always serializable")
}

/// A span of a record that does not lie inside its field (see [`Document::check_offsets`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{what} [{start}, {end}) {}",
    match length {
        Some(length) => format!("is outside `{field}` ({length} code points)"),
        None => format!("points into `{field}`, which the record does not have"),
    }
)]
pub struct OffsetError {
    /// What the span is: "paragraph", "quote", "mention of e3", "event v1 trigger".
    pub what: String,
    /// The field it points into.
    pub field: String,
    /// Its start, in code points.
    pub start: usize,
    /// Its end, exclusive.
    pub end: usize,
    /// The field's length in code points; `None` when the record has no such field.
    pub length: Option<usize>,
}
