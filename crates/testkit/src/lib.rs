//! Fixtures for Dateline's tests: records as enrichers would leave them, with entities,
//! times, quotes and events placed by finding their text, so offsets are right by
//! construction. Used by the sink tests until the enrichers fill these fields themselves.

#![warn(missing_docs)]

use dateline_core::text::CharIndex;
use dateline_core::{
    Argument, Dateline, Document, Entity, EntityType, Event, EventMode, EventTime, Geo, Mention,
    Quote, QuoteKind, Source, Span, TimeExpression, TimeType,
};

/// Builds one annotated record.
pub struct Builder {
    doc: Document,
    index: CharIndex,
}

impl Builder {
    /// A record with a headline and paragraphs.
    pub fn new(uri: &str, headline: &str, paragraphs: &[&str]) -> Self {
        let mut doc = Document::new(Source::new(uri, 0, "text"));
        doc.headline = Some(headline.to_string());
        doc.set_body(paragraphs.iter().map(|p| p.to_string()).collect());
        let index = CharIndex::new(&doc.body);
        Builder { doc, index }
    }

    /// Code point range of the `nth` occurrence of `text` in the body.
    ///
    /// # Panics
    /// When the body has no such occurrence: a fixture error.
    pub fn find(&self, text: &str, nth: usize) -> [usize; 2] {
        let (byte, _) = self
            .doc
            .body
            .match_indices(text)
            .nth(nth)
            .unwrap_or_else(|| panic!("{text:?} #{nth} is not in the body"));
        [
            self.index.char_offset(byte),
            self.index.char_offset(byte + text.len()),
        ]
    }

    /// Sets published and dateline.
    pub fn dated(mut self, published: &str, place: &str) -> Self {
        self.doc.published = Some(published.to_string());
        self.doc.dateline = Some(Dateline {
            place: place.to_string(),
            raw: format!("{place}:"),
            entity: None,
        });
        self
    }

    /// Adds an entity with every listed mention (each the first occurrence of its text,
    /// or the `n`th with `text#n`).
    pub fn entity(mut self, kind: EntityType, name: &str, mentions: &[&str]) -> Self {
        let id = format!("e{}", self.doc.entities.len() + 1);
        let mentions = mentions
            .iter()
            .map(|m| {
                let (text, nth) = m
                    .split_once('#')
                    .map_or((*m, 0), |(t, n)| (t, n.parse().unwrap_or(0)));
                let [start, end] = self.find(text, nth);
                Mention {
                    start,
                    end,
                    text: text.to_string(),
                    field: None,
                }
            })
            .collect();
        self.doc.entities.push(Entity {
            id,
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            title: None,
            roles: Vec::new(),
            acronym: None,
            geo: None,
            mentions,
            tone: None,
        });
        self
    }

    /// Gives the last entity a title and roles.
    pub fn titled(mut self, title: &str, roles: &[&str]) -> Self {
        let entity = self.doc.entities.last_mut().expect("an entity first");
        entity.title = Some(title.to_string());
        entity.roles = roles.iter().map(|r| r.to_string()).collect();
        self
    }

    /// Gives the last entity coordinates.
    pub fn at(mut self, lat: f64, lon: f64, country: &str, geonames_id: u64) -> Self {
        let entity = self.doc.entities.last_mut().expect("an entity first");
        entity.geo = Some(Geo {
            lat,
            lon,
            country: Some(country.to_string()),
            geonames_id: Some(geonames_id),
        });
        self
    }

    /// Adds a time expression.
    pub fn time(mut self, text: &str, kind: TimeType, value: &str) -> Self {
        let [start, end] = self.find(text, 0);
        self.doc.times.push(TimeExpression {
            start,
            end,
            text: text.to_string(),
            field: None,
            kind,
            value: value.to_string(),
        });
        self
    }

    /// Adds a direct quote spoken by entity `speaker` (an id like "e1").
    pub fn quote(mut self, text: &str, speaker: &str, speaker_text: &str, cue: &str) -> Self {
        let [start, end] = self.find(text, 0);
        self.doc.quotes.push(Quote {
            start,
            end,
            text: text.to_string(),
            field: None,
            speaker: Some(speaker.to_string()),
            speaker_text: Some(speaker_text.to_string()),
            cue: Some(cue.to_string()),
            kind: QuoteKind::Direct,
        });
        self
    }

    /// Adds an event whose evidence is `sentence`: its trigger, its source, target and place
    /// (text within the sentence and entity id) and its time (text and value).
    pub fn event(
        mut self,
        kind: &str,
        sentence: &str,
        trigger: &str,
        participants: [Option<(&str, &str)>; 3],
        time: Option<(&str, &str)>,
    ) -> Self {
        let evidence = self.find(sentence, 0);
        // Spans are looked up inside the evidence sentence, in code points.
        let within = |text: &str| -> [usize; 2] {
            let offset = sentence
                .find(text)
                .unwrap_or_else(|| panic!("{text:?} is not in {sentence:?}"));
            let start = evidence[0] + sentence[..offset].chars().count();
            [start, start + text.chars().count()]
        };
        let argument = |p: Option<(&str, &str)>| {
            p.map(|(text, entity)| {
                let [start, end] = within(text);
                Argument {
                    start,
                    end,
                    text: text.to_string(),
                    entity: Some(entity.to_string()),
                }
            })
        };
        let [start, end] = within(trigger);
        let [source, target, place] = participants;
        self.doc.events.push(Event {
            id: format!("v{}", self.doc.events.len() + 1),
            kind: kind.to_string(),
            trigger: Span {
                start,
                end,
                text: trigger.to_string(),
            },
            source: argument(source),
            target: argument(target),
            place: argument(place),
            time: time.map(|(text, value)| {
                let [start, end] = within(text);
                EventTime {
                    start,
                    end,
                    text: text.to_string(),
                    value: Some(value.to_string()),
                }
            }),
            negated: false,
            mode: EventMode::Asserted,
            evidence,
            field: None,
        });
        self
    }

    /// The record.
    pub fn build(self) -> Document {
        self.doc
    }
}

/// Three annotated news records: a summit, a border story, and a hostile page whose
/// text is full of markup that must never run.
pub fn enriched_records() -> Vec<Document> {
    let summit = Builder::new(
        "fixtures/summit.txt",
        "Indonesian president meets Malaysian prime minister",
        &[
            "JAKARTA: Indonesian President Prabowo Subianto met Malaysian Prime Minister Anwar Ibrahim in Jakarta on Monday, and the two leaders agreed to speed up talks on their disputed maritime border.",
            "“We are neighbours and we are family, and families settle their disagreements at the table,” Prabowo said at a joint news conference.",
            "Anwar said Malaysia would propose joint patrols. “Piracy does not respect borders, so our navies should not be divided by them,” he said.",
        ],
    )
    .dated("2025-01-27", "JAKARTA")
    .entity(EntityType::Person, "Prabowo Subianto", &["Prabowo Subianto", "Prabowo#1"])
    .titled("President", &["Indonesian President"])
    .entity(EntityType::Person, "Anwar Ibrahim", &["Anwar Ibrahim", "Anwar#1"])
    .titled("Prime Minister", &["Malaysian Prime Minister"])
    .entity(EntityType::Place, "Jakarta", &["JAKARTA", "Jakarta"])
    .at(-6.21462, 106.84513, "ID", 1642911)
    .entity(EntityType::Place, "Malaysia", &["Malaysia#1"])
    .at(2.5, 112.5, "MY", 1733045)
    .time("Monday", TimeType::Date, "2025-01-27")
    .quote(
        "We are neighbours and we are family, and families settle their disagreements at the table,",
        "e1",
        "Prabowo",
        "said",
    )
    .quote("Piracy does not respect borders, so our navies should not be divided by them,", "e2", "he", "said")
    .event(
        "consult",
        "Prabowo Subianto met Malaysian Prime Minister Anwar Ibrahim in Jakarta on Monday",
        "met",
        [Some(("Prabowo Subianto", "e1")), Some(("Malaysian Prime Minister Anwar Ibrahim", "e2")), Some(("Jakarta", "e3"))],
        Some(("on Monday", "2025-01-27")),
    )
    .build();

    let border = Builder::new(
        "fixtures/border.txt",
        "Iran's top general meets Pakistani leaders on border management",
        &[
            "ISLAMABAD: Maj. Gen. Mohammad Bagheri held talks with Army Chief Asim Munir on Monday on joint border management.",
            "“Both sides showed satisfaction on progress in joint border management,” the Inter-Services Public Relations (ISPR) said.",
            "Bagheri also met President Asif Ali Zardari in Islamabad.",
        ],
    )
    .dated("2025-01-20", "ISLAMABAD")
    .entity(EntityType::Person, "Mohammad Bagheri", &["Mohammad Bagheri", "Bagheri#1"])
    .titled("Maj. Gen.", &["chief of general staff of Iranian armed forces"])
    .entity(EntityType::Person, "Asim Munir", &["Asim Munir"])
    .titled("Army Chief", &["Pakistan's army chief"])
    .entity(EntityType::Organization, "Inter-Services Public Relations", &["Inter-Services Public Relations"])
    .entity(EntityType::Person, "Asif Ali Zardari", &["Asif Ali Zardari"])
    .titled("President", &[])
    .entity(EntityType::Place, "Islamabad", &["ISLAMABAD", "Islamabad"])
    .at(33.72148, 73.04329, "PK", 1176615)
    .time("Monday", TimeType::Date, "2025-01-20")
    .quote("Both sides showed satisfaction on progress in joint border management,", "e3", "the Inter-Services Public Relations (ISPR)", "said")
    .event(
        "consult",
        "Maj. Gen. Mohammad Bagheri held talks with Army Chief Asim Munir on Monday",
        "talks",
        [Some(("Maj. Gen. Mohammad Bagheri", "e1")), Some(("Army Chief Asim Munir", "e2")), None],
        Some(("on Monday", "2025-01-20")),
    )
    .build();
    let mut border = border;
    border.entities[2].acronym = Some("ISPR".into());

    let hostile = Builder::new(
        "fixtures/hostile.txt",
        "<script>document.body.setAttribute('data-pwned','headline')</script> Hostile page",
        &[
            "Body with <img src=x onerror=\"document.body.setAttribute('data-pwned','img')\"> and <script>document.body.setAttribute('data-pwned','script')</script> markup.",
            "A link <a href=\"javascript:document.body.setAttribute('data-pwned','link')\">click</a> and \"quotes\" & ampersands.",
        ],
    )
    .entity(EntityType::Person, "<b onmouseover=alert(1)>Eve</b>", &["<script>"])
    .build();
    let mut hostile = hostile;
    hostile.url = Some("javascript:document.body.setAttribute('data-pwned','url')".into());
    hostile.caption = vec!["<img src=x onerror=alert(1)>".into()];

    vec![summit, border, hostile]
}

/// A [`dateline_core::Host`] for sink tests: paths resolve under a directory and outputs
/// are written in place (no staging), so tests read them right after `finish`.
pub struct DirectHost(pub std::path::PathBuf);

impl dateline_core::Host for DirectHost {
    fn reference_time(&self) -> Option<&str> {
        None
    }

    fn resolve(&self, path: &str) -> std::path::PathBuf {
        self.0.join(path)
    }

    fn stage_output(
        &self,
        path: &std::path::Path,
    ) -> Result<std::path::PathBuf, dateline_core::PluginError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(path.to_path_buf())
    }
}
