//! # dateline-events
//!
//! The `events` enricher: what happened, as frames with evidence. Every predicate with a
//! participant (a verb, or an event noun such as "talks") becomes an event with its
//! PLOVER type, who acts (`source`), whom it is done to (`target`), where (a place entity)
//! and when (a time expression of the clause, else the sentence, else the paragraph),
//! whether it is negated, and its mode (asserted, reported, planned, hypothetical).
//! Participants are resolved to the record's entities: by name, by role ("Pakistan's army
//! chief" is the entity with that role), and pronouns to the latest person.
//!
//! The syntax under it is `dateline-syntax`'s tagger and dependency parser.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_events::{Analysis, extract};
//!
//! let mut doc = Document::new(Source::new("example.txt", 0, "text"));
//! doc.set_body(vec!["The minister met the ambassador.".into()]);
//! extract(&mut doc, Analysis::Parse).unwrap();
//! let event = &doc.events[0];
//! assert_eq!(event.kind, "consult");
//! assert_eq!(event.trigger.text, "met");
//! assert_eq!(event.source.as_ref().unwrap().text, "The minister");
//! assert_eq!(event.target.as_ref().unwrap().text, "the ambassador");
//! ```

#![warn(missing_docs)]

pub mod frames;
pub mod lemma;
pub mod lexicon;

use dateline_core::text::CharIndex;
use dateline_core::{
    Argument, Document, Enrich, EntityType, Event, EventMode, EventTime, FieldMention, Host, Kind,
    Plugin, PluginError, PluginInfo, Span, TimeType,
};
use dateline_syntax::Syntax;
use dateline_syntax::tokenize::{Token, sentences, tokens};
use serde::Deserialize;

use crate::frames::{Frame, Sentence};

/// The plugin's name in pipelines.
pub const NAME: &str = "events";

/// How frames are read from a sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Analysis {
    /// From the dependency parse (the default: measured better).
    #[default]
    Parse,
    /// From part-of-speech tags and noun chunks only.
    Chunks,
}

/// Configuration of the `events` enricher.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventsConfig {
    /// `parse` (default) or `chunks`.
    #[serde(default)]
    pub analysis: Analysis,
}

/// The `events` enricher.
pub struct EventsEnricher {
    analysis: Analysis,
}

impl Plugin for EventsEnricher {
    type Config = EventsConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "events: who did what to whom, where and when (PLOVER types)".into(),
            requires: vec!["body".into(), "entities".into(), "times".into()],
            provides: vec!["events".into()],
        }
    }

    fn new(config: EventsConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Syntax::shipped().map_err(|e| PluginError::new(e.to_string()))?;
        Ok(EventsEnricher {
            analysis: config.analysis,
        })
    }
}

impl Enrich for EventsEnricher {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        // The parser and the predicate lexicon know English only.
        if !doc.reads_as_english() {
            doc.warn(
                NAME,
                "not read: the text is not English, the only language the parser knows",
            );
            return Ok(());
        }
        extract(doc, self.analysis)
    }
}

/// What a field's frames are resolved against.
struct Field<'a> {
    name: Option<String>,
    text: &'a str,
    index: CharIndex,
    /// The words the parser reads (a name is one word), byte spans.
    tokens: Vec<Token>,
    /// Their forms as the parser reads them.
    forms: Vec<String>,
    /// Sentences, as ranges of words.
    sentences: Vec<std::ops::Range<usize>>,
    mentions: Vec<FieldMention<'a>>,
    /// Date and time expressions.
    times: Vec<TimeRef<'a>>,
    /// Every time expression, durations and sets too: none is a participant.
    all_times: Vec<(usize, usize)>,
    /// Code point ranges of quoted or reported content.
    quoted: Vec<(usize, usize)>,
    /// The body's first paragraph, where the dateline stands (none for other fields).
    lead: Option<[usize; 2]>,
}

impl Field<'_> {
    fn chars(&self, first: usize, last: usize) -> (usize, usize) {
        (
            self.index.char_offset(self.tokens[first].start),
            self.index.char_offset(self.tokens[last].end),
        )
    }

    fn slice(&self, first: usize, last: usize) -> &str {
        &self.text[self.tokens[first].start..self.tokens[last].end]
    }
}

/// Finds the events of a record and resolves their participants, places and times
/// against its entities and time expressions.
pub fn extract(doc: &mut Document, analysis: Analysis) -> Result<(), PluginError> {
    let syntax = Syntax::shipped().map_err(|e| PluginError::new(e.to_string()))?;
    let mut events = Vec::new();
    let headline = doc.headline.clone();
    let fields: Vec<(Option<String>, &str)> = headline
        .as_deref()
        .map(|h| (Some("headline".to_string()), h))
        .into_iter()
        .chain(std::iter::once((None, doc.body.as_str())))
        .collect();
    let roles = roles(doc);
    for (name, text) in fields {
        let field = prepare(doc, name, text);
        read_field(doc, syntax, &field, &roles, analysis, &mut events);
    }
    for (i, event) in events.iter_mut().enumerate() {
        event.id = format!("v{}", i + 1);
    }
    doc.events = events;
    Ok(())
}

fn prepare<'a>(doc: &'a Document, name: Option<String>, text: &'a str) -> Field<'a> {
    let mentions = doc.mentions_in(name.as_deref());
    let times = doc
        .times
        .iter()
        .filter(|t| t.field == name && matches!(t.kind, TimeType::Date | TimeType::Time))
        .map(|t| (t.start, t.end, t.text.as_str(), t.value.as_str()))
        .collect();
    // Quotations (direct, mixed or reported) of this field.
    let quoted = doc
        .quotes
        .iter()
        .filter(|q| q.field == name)
        .map(|q| (q.start, q.end))
        .collect();
    let lead = if name.is_none() {
        doc.paragraphs.first().copied()
    } else {
        None
    };
    let all_times = doc
        .times
        .iter()
        .filter(|t| t.field == name)
        .map(|t| (t.start, t.end))
        .collect();
    let index = CharIndex::new(text);
    let raw = tokens(text);
    let raw_sentences = sentences(text, &raw);
    let (units, forms, sentences) = units(doc, text, &index, &raw, &raw_sentences, &mentions);
    Field {
        name,
        text,
        index,
        tokens: units,
        forms,
        sentences,
        mentions,
        times,
        all_times,
        quoted,
        lead,
    }
}

/// The words the parser reads: each name the entities enricher found (with the title
/// before it: "Major General Bagheri") becomes one word, its last, so that the parser
/// sees "Bagheri met the army chief" rather than a run of capitalized words it may split.
/// Returns the words' spans, their forms and the sentences as ranges of words.
fn units(
    doc: &Document,
    text: &str,
    index: &CharIndex,
    raw: &[Token],
    raw_sentences: &[std::ops::Range<usize>],
    mentions: &[FieldMention<'_>],
) -> (Vec<Token>, Vec<String>, Vec<std::ops::Range<usize>>) {
    let chars = |t: &Token| (index.char_offset(t.start), index.char_offset(t.end));
    let mut units = Vec::with_capacity(raw.len());
    let mut forms = Vec::with_capacity(raw.len());
    let mut sentences = Vec::with_capacity(raw_sentences.len());
    for range in raw_sentences {
        let first_unit = units.len();
        let mut i = range.start;
        while i < range.end {
            let (start, _) = chars(&raw[i]);
            let mention = mention_at(mentions, start);
            let mut end = i + 1;
            if let Some(m) = mention {
                while end < range.end && chars(&raw[end]).1 <= m.end {
                    end += 1;
                }
                // A nationality before a person, or before the title that names one
                // ("Indonesian President Prabowo Subianto"), is part of the person's
                // word: an adjective before a name the parser may read as heading a
                // phrase of its own.
                if m.kind == EntityType::Other && end < range.end {
                    let person = title_before(doc, text, raw, end, range.end, mentions, &chars)
                        .or_else(|| {
                            mention_at(mentions, chars(&raw[end]).0)
                                .filter(|p| p.kind == EntityType::Person)
                                .map(|p| (p, end))
                        });
                    if let Some((p, from)) = person {
                        end = from;
                        while end < range.end && chars(&raw[end]).1 <= p.end {
                            end += 1;
                        }
                    }
                }
            } else if let Some((m, title_end)) =
                title_before(doc, text, raw, i, range.end, mentions, &chars)
            {
                // A title that names the person right after it joins the name.
                end = title_end;
                while end < range.end && chars(&raw[end]).1 <= m.end {
                    end += 1;
                }
            }
            let last = &raw[end - 1];
            units.push(Token {
                start: raw[i].start,
                end: last.end,
            });
            forms.push(normalized(&text[last.start..last.end]));
            i = end;
        }
        sentences.push(first_unit..units.len());
    }
    (units, forms, sentences)
}

/// Whether the words from `i` spell the title of the person mentioned right after them:
/// that mention and the index of its first word.
fn title_before<'m>(
    doc: &Document,
    text: &str,
    raw: &[Token],
    i: usize,
    end: usize,
    mentions: &'m [FieldMention<'_>],
    chars: &dyn Fn(&Token) -> (usize, usize),
) -> Option<(&'m FieldMention<'m>, usize)> {
    // Titles are a few capitalized words: "Maj. Gen.", "Defense Minister", "Army Chief".
    for width in 1..=4 {
        let next = i + width;
        if next >= end {
            return None;
        }
        let word = &text[raw[next - 1].start..raw[next - 1].end];
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        let at = chars(&raw[next]).0;
        let Some(m) = mention_at(mentions, at).filter(|m| m.kind == EntityType::Person) else {
            continue;
        };
        let written = text[raw[i].start..raw[next - 1].end].to_lowercase();
        let titled = doc
            .entities
            .iter()
            .find(|e| e.id == m.id)?
            .title
            .as_deref()?;
        return (expand_title(&written) == expand_title(titled)).then_some((m, next));
    }
    None
}

/// The word as the tagger learned it: curly quotes and apostrophes in their straight forms.
fn normalized(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            _ => c,
        })
        .collect()
}

/// Analyzes one sentence of words and reads its frames.
pub fn sentence_frames<'s>(
    syntax: &'s Syntax,
    words: Vec<String>,
    analysis: Analysis,
) -> (Sentence<'s>, Vec<Frame>) {
    frames_of(syntax, words, analysis, false)
}

/// [`sentence_frames`] for a sentence that is a headline, whose verb the tagger is
/// helped to find (headlines drop the words that tell a verb from a noun: "Museum returns
/// stolen manuscripts").
fn frames_of(
    syntax: &Syntax,
    words: Vec<String>,
    analysis: Analysis,
    headline: bool,
) -> (Sentence<'_>, Vec<Frame>) {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let sentence = match analysis {
        Analysis::Parse => {
            let a = if headline {
                syntax.analyze_headline(&refs)
            } else {
                syntax.analyze(&refs)
            };
            Sentence::new(
                words,
                a.tags.iter().map(|&t| syntax.tag_name(t)).collect(),
                a.heads,
                a.labels.iter().map(|&l| syntax.label_name(l)).collect(),
            )
        }
        Analysis::Chunks => {
            let tags = syntax.tag(&refs);
            let n = tags.len();
            Sentence::new(
                words,
                tags.iter().map(|&t| syntax.tag_name(t)).collect(),
                vec![None; n],
                vec![""; n],
            )
        }
    };
    let found = match analysis {
        Analysis::Parse => frames::from_tree(&sentence),
        Analysis::Chunks => frames::from_chunks(&sentence),
    };
    (sentence, found)
}

fn read_field(
    doc: &Document,
    syntax: &'static Syntax,
    field: &Field<'_>,
    roles: &[PersonRoles<'_>],
    analysis: Analysis,
    events: &mut Vec<Event>,
) {
    // The story's running time: the last date of a main clause, carried forward as a
    // reader carries "On Monday" to the sentences after it.
    let mut running: Option<TimeRef> = None;
    let mut context = Context {
        offset: 0,
        evidence: (0, 0),
        main_time: None,
        actor: None,
        roles,
    };
    let dateline_end = dateline_end(doc, field);
    let headline = field.name.as_deref() == Some("headline");
    for range in field.sentences.iter().cloned() {
        // The dateline ("ISLAMABAD:") opens the first sentence but is not part of it.
        let skip = field.tokens[range.clone()]
            .iter()
            .take_while(|t| t.end <= dateline_end)
            .count();
        let range = range.start + skip..range.end;
        if range.is_empty() || range.len() > 150 {
            continue;
        }
        let words: Vec<String> = field.forms[range.clone()].to_vec();
        let (sentence, found) = frames_of(syntax, words, analysis, headline);
        let offset = range.start;
        let evidence = field.chars(offset, range.end - 1);
        let main: Vec<(usize, usize)> = frames::main_clause(&sentence)
            .into_iter()
            .map(|(first, last)| field.chars(offset + first, offset + last))
            .collect();
        let main_time = field
            .times
            .iter()
            .find(|t| main.iter().any(|r| t.0 >= r.0 && t.1 <= r.1))
            .copied();
        context.offset = offset;
        context.evidence = evidence;
        context.main_time = main_time.or(running);
        if main_time.is_some() {
            running = main_time;
        }
        let sentence_events = events.len();
        for frame in found {
            if let Some(event) = resolve(doc, &sentence, field, &context, &frame) {
                // The latest person who acted is whom a later "he" most likely means.
                if let Some(id) = event.source.as_ref().and_then(|s| s.entity.as_deref())
                    && doc.entity(id).is_some_and(|e| e.kind == EntityType::Person)
                {
                    context.actor = Some(id.to_string());
                }
                // The same frame twice (through two routes to one argument) is one event.
                if !events[sentence_events..].iter().any(|e: &Event| {
                    e.field == event.field
                        && e.trigger == event.trigger
                        && e.source == event.source
                        && e.target == event.target
                }) {
                    events.push(event);
                }
            }
        }
    }
}

/// A date or time expression: (start, end, text, value).
type TimeRef<'a> = (usize, usize, &'a str, &'a str);

/// Where a sentence stands: its first word in the field, its code point range, and the time
/// of its main clause (or the story's running time).
struct Context<'a> {
    offset: usize,
    evidence: (usize, usize),
    main_time: Option<TimeRef<'a>>,
    /// The entity id of the latest person who acted.
    actor: Option<String>,
    /// Every person's roles and titles, for descriptions that name them.
    roles: &'a [PersonRoles<'a>],
}

/// A person's id, and its roles and titles lowercase with abbreviations written out.
type PersonRoles<'a> = (&'a str, Vec<String>);

/// The roles and titles of every person of the record, read once per record.
fn roles(doc: &Document) -> Vec<PersonRoles<'_>> {
    doc.entities
        .iter()
        .filter(|e| e.kind == EntityType::Person)
        .map(|e| {
            let names = e
                .roles
                .iter()
                .map(|r| r.to_lowercase())
                .chain(e.title.iter().map(|t| expand_title(t)))
                .collect();
            (e.id.as_str(), names)
        })
        .collect()
}

/// The byte offset in the field where the dateline ends (0 when it has none there).
fn dateline_end(doc: &Document, field: &Field<'_>) -> usize {
    match (&doc.dateline, &field.name) {
        (Some(d), None) => d.end_in(field.text),
        _ => 0,
    }
}

/// Turns a frame into an event of the record.
fn resolve(
    doc: &Document,
    sentence: &Sentence<'_>,
    field: &Field<'_>,
    context: &Context<'_>,
    frame: &Frame,
) -> Option<Event> {
    let (offset, evidence) = (context.offset, context.evidence);
    let (t_start, t_end) = field.chars(offset + frame.trigger, offset + frame.trigger);
    let chunked = sentence.labels.iter().all(|l| l.is_empty());
    let span_of = |head: usize| match chunked {
        true => frames::chunk_span(sentence, head),
        false => frames::span(sentence, head),
    };
    let argument = |head: usize| -> Option<Argument> {
        let (first, last) = span_of(head);
        let (start, end) = field.chars(offset + first, offset + last);
        // A bare demonstrative ("This imperils the deal") names no participant.
        if first == last
            && matches!(
                sentence.forms[head].to_lowercase().as_str(),
                "this" | "that" | "these" | "those" | "what" | "which"
            )
            && frames::referent(sentence, head) == head
        {
            return None;
        }
        // A time expression is when, not who: "rose several years" has no target.
        if field.all_times.iter().any(|&(s, e)| s <= start && end <= e) {
            return None;
        }
        // The entity of what the argument refers to: a relative pronoun names its antecedent.
        let referent = frames::referent(sentence, head);
        let (r_first, r_last) = if referent == head {
            (first, last)
        } else {
            span_of(referent)
        };
        let r_span = field.chars(offset + r_first, offset + r_last);
        let r_head = field.chars(offset + referent, offset + referent);
        Some(Argument {
            start,
            end,
            text: field.slice(offset + first, offset + last).to_string(),
            entity: entity_of(field, context, r_span, r_head, &sentence.forms[referent]),
        })
    };
    let source = frame.source.and_then(argument);
    let target = frame.target.and_then(argument);
    if source.is_none() && target.is_none() {
        return None;
    }
    let place = frame.places.iter().find_map(|&p| {
        let (first, last) = span_of(p);
        let (start, end) = field.chars(offset + first, offset + last);
        field
            .mentions
            .iter()
            .rfind(|m| m.kind == EntityType::Place && m.start >= start && m.end <= end)
            .map(|m| field.mention_argument(m))
    });
    // A lead paragraph's event without a place of its own happened where the story is
    // filed: its dateline.
    let place = place.or_else(|| {
        let lead = field.lead?;
        if evidence.0 >= lead[1] {
            return None;
        }
        let id = doc.dateline.as_ref()?.entity.as_deref()?;
        field
            .mentions
            .iter()
            .find(|m| m.id == id && m.end <= lead[1])
            .map(|m| field.mention_argument(m))
    });
    let clause: Vec<(usize, usize)> = frame
        .clause
        .iter()
        .map(|&(first, last)| field.chars(offset + first, offset + last))
        .collect();
    let time = time_of(field, (t_start, t_end), &clause, context.main_time);
    let mut mode = frame.mode;
    if mode == EventMode::Asserted
        && field
            .quoted
            .iter()
            .any(|&(s, e)| s <= t_start && t_end <= e)
    {
        mode = EventMode::Reported;
    }
    Some(Event {
        id: String::new(),
        kind: frame.kind.to_string(),
        trigger: Span {
            start: t_start,
            end: t_end,
            text: field
                .slice(offset + frame.trigger, offset + frame.trigger)
                .to_string(),
        },
        source,
        target,
        place,
        time,
        negated: frame.negated,
        mode,
        evidence: [evidence.0, evidence.1],
        field: field.name.clone(),
    })
}

impl Field<'_> {
    /// A mention as an event's argument.
    fn mention_argument(&self, m: &FieldMention<'_>) -> Argument {
        Argument {
            start: m.start,
            end: m.end,
            text: self.index.slice(self.text, m.start, m.end).to_string(),
            entity: Some(m.id.to_string()),
        }
    }
}

/// The mention that starts at code point `start` among sorted mentions.
fn mention_at<'m, 'a>(
    mentions: &'m [FieldMention<'a>],
    start: usize,
) -> Option<&'m FieldMention<'a>> {
    let i = mentions.partition_point(|m| m.start < start);
    mentions.get(i).filter(|m| m.start == start)
}

const PERSONAL: &[&str] = &["he", "him", "she", "her", "his", "hers"];

/// The entity an argument refers to: a mention at its head, a pronoun's person (named
/// earlier in the sentence, else the latest actor, else the latest named), or the person
/// whose role or title it names ("the army chief").
fn entity_of(
    field: &Field<'_>,
    context: &Context<'_>,
    span: (usize, usize),
    head: (usize, usize),
    head_word: &str,
) -> Option<String> {
    let sentence_start = context.evidence.0;
    // The last mention in the head word: a word may hold a nationality and a title
    // before the name it stands for.
    if let Some(m) = field
        .mentions
        .iter()
        .rfind(|m| m.start < head.1 && head.0 < m.end)
    {
        return Some(m.id.to_string());
    }
    let lower = head_word.to_lowercase();
    if PERSONAL.contains(&lower.as_str()) {
        // A person named earlier in the same sentence; else the latest person who acted
        // (the story's subject, rather than whoever was named last); else the latest named.
        let in_sentence = field.mentions.iter().rfind(|m| {
            m.kind == EntityType::Person && m.start >= sentence_start && m.end <= head.0
        });
        if let Some(m) = in_sentence {
            return Some(m.id.to_string());
        }
        if let Some(actor) = &context.actor {
            return Some(actor.clone());
        }
        return field
            .mentions
            .iter()
            .rfind(|m| m.kind == EntityType::Person && m.end <= head.0)
            .map(|m| m.id.to_string());
    }
    // A description ("the general", "Pakistan's army chief") names the person whose title
    // or role it is: the latest such person mentioned before it, else any.
    let text = field.index.slice(field.text, span.0, span.1).to_lowercase();
    let description = text
        .strip_prefix("the ")
        .or_else(|| text.strip_prefix("a "))
        .unwrap_or(&text)
        .trim()
        .to_string();
    if description.is_empty() || !description.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    let holders: Vec<&str> = context
        .roles
        .iter()
        .filter(|(_, roles)| roles.iter().any(|role| names_role(&description, role)))
        .map(|(id, _)| *id)
        .collect();
    let latest = field
        .mentions
        .iter()
        .rfind(|m| m.end <= span.0 && holders.contains(&m.id))
        .map(|m| m.id.to_string());
    latest.or_else(|| holders.first().map(|id| id.to_string()))
}

/// A title with its abbreviations written out, lowercase ("Maj. Gen." -> "major general").
fn expand_title(title: &str) -> String {
    title
        .split_whitespace()
        .map(|w| match w.trim_end_matches('.').to_lowercase().as_str() {
            "gen" => "general".to_string(),
            "lt" => "lieutenant".to_string(),
            "maj" => "major".to_string(),
            "col" => "colonel".to_string(),
            "capt" | "cpt" => "captain".to_string(),
            "adm" => "admiral".to_string(),
            "sgt" => "sergeant".to_string(),
            "sen" => "senator".to_string(),
            "rep" => "representative".to_string(),
            "gov" => "governor".to_string(),
            "pres" => "president".to_string(),
            "prof" => "professor".to_string(),
            "dr" => "doctor".to_string(),
            "amb" => "ambassador".to_string(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a description ("general", "army chief", "pakistan's army chief") names a role
/// or title ("major general", "army chief"): the same words, or one ending the other by
/// whole words.
fn names_role(description: &str, role: &str) -> bool {
    let ends_with_words = |long: &str, short: &str| {
        long == short
            || (long.ends_with(short)
                && long[..long.len() - short.len()].ends_with([' ', '\'', '\u{2019}']))
    };
    // The office a title names after "of" is no description of its holder: "the
    // parliament" is not the President of the European Parliament.
    let office = role
        .find(" of ")
        .map_or("", |at| &role[at + " of ".len()..]);
    let ends_role = ends_with_words(role, description) && description.len() > office.len();
    !role.is_empty() && (ends_with_words(description, role) || ends_role)
}

/// The time of an event: a date or time expression of its clause (nearest the trigger),
/// else its sentence's main clause's, else the story's running time.
fn time_of(
    field: &Field<'_>,
    trigger: (usize, usize),
    clause: &[(usize, usize)],
    main: Option<TimeRef<'_>>,
) -> Option<EventTime> {
    let own = field
        .times
        .iter()
        .filter(|t| clause.iter().any(|r| t.0 >= r.0 && t.1 <= r.1))
        .min_by_key(|t| t.0.abs_diff(trigger.0))
        .copied();
    own.or(main).map(|(start, end, text, value)| EventTime {
        start,
        end,
        text: text.to_string(),
        value: (!value.is_empty()).then(|| value.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::names_role;

    #[test]
    fn a_description_names_a_title_but_not_the_office_it_holds() {
        assert!(names_role("general", "major general"));
        assert!(names_role("pakistan's army chief", "army chief"));
        assert!(names_role("governor", "governor"));
        assert!(names_role(
            "president of the european parliament",
            "president of the european parliament"
        ));
        assert!(!names_role(
            "parliament",
            "president of the european parliament"
        ));
        assert!(!names_role(
            "european parliament",
            "president of the european parliament"
        ));
        assert!(!names_role("bank", "chief executive of the bank"));
        assert!(!names_role("state", "secretary of state"));
        assert!(!names_role("minister", ""));
    }
}
