//! # dateline-quotes
//!
//! The `quotes` enricher: every quotation in the body, the headline and the summary with
//! its speaker (a heading's single marks read as quotation marks). Direct
//! quotations come from their marks (curly or straight, over several paragraphs,
//! nested), mixed ones are reported speech holding a quoted fragment, indirect ones are
//! reported speech with a cue ("said", "told reporters", "according to"). The speaker is
//! an entity of the record (so the `entities` enricher runs first): a name, an
//! organization ("the PID said"), a pronoun resolved to the right earlier person ("he
//! warned"), or, for a quotation with no cue, the running speaker.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_quotes::{QuotesEnricher, attribute};
//!
//! let mut doc = Document::new(Source::new("example.txt", 0, "text"));
//! doc.body = "“We are ready to talk,” he said.".into();
//! attribute(&mut doc);
//! assert_eq!(doc.quotes[0].text, "We are ready to talk");
//! assert_eq!(doc.quotes[0].speaker_text.as_deref(), Some("he"));
//! # let _ = QuotesEnricher;
//! ```

#![warn(missing_docs)]

pub mod find;

use std::ops::Range;

use dateline_core::text::CharIndex;
use dateline_core::{
    Document, Enrich, EntityType, FieldMention, Host, Kind, NoConfig, Plugin, PluginError,
    PluginInfo, Quote, QuoteKind,
};

/// The plugin's name in pipelines.
pub const NAME: &str = "quotes";

/// The `quotes` enricher.
pub struct QuotesEnricher;

impl Plugin for QuotesEnricher {
    type Config = NoConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "direct, mixed and reported quotations with their speakers".into(),
            requires: vec!["body".into(), "entities".into()],
            provides: vec!["quotes".into()],
        }
    }

    fn new(_config: NoConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Ok(QuotesEnricher)
    }
}

impl Enrich for QuotesEnricher {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        attribute(doc);
        Ok(())
    }
}

/// Finds the quotations of a record's body, headline and summary, and resolves their
/// speakers against its entities. The body's come first, in order, then the headline's
/// and each summary line's (their `field` says where their offsets point).
pub fn attribute(doc: &mut Document) {
    let mut quotes = quotes_in(doc, None, &doc.body, find::find(&doc.body));
    let headings = doc
        .headline
        .iter()
        .map(|h| ("headline".to_string(), h))
        .chain(
            doc.summary
                .iter()
                .enumerate()
                .map(|(i, line)| (format!("summary.{i}"), line)),
        );
    for (field, text) in headings {
        let found = find::find_in_heading(text);
        if !found.is_empty() {
            quotes.extend(quotes_in(doc, Some(&field), text, found));
        }
    }
    doc.quotes = quotes;
}

/// The quotations `found` in `text` (the body, or the field named), with their speakers
/// resolved against the entities mentioned there.
fn quotes_in(
    doc: &Document,
    field: Option<&str>,
    text: &str,
    found: Vec<find::Found>,
) -> Vec<Quote> {
    let index = CharIndex::new(text);
    let mentions = doc.mentions_in(field);
    let chars = |r: &Range<usize>| index.char_offset(r.start)..index.char_offset(r.end);
    // Quoted text is not where a pronoun finds its person.
    let quoted: Vec<Range<usize>> = found
        .iter()
        .filter(|f| f.kind == find::Kind::Direct)
        .map(|f| chars(&f.content))
        .collect();
    // Paragraph starts (code points), to tell a local mention from an old one.
    let mut paragraph_starts = vec![0];
    let mut offset = 0;
    for part in text.split("\n\n") {
        offset += part.chars().count() + 2;
        paragraph_starts.push(offset);
    }
    let paragraph_of = |at: usize| paragraph_starts.partition_point(|&p| p <= at) - 1;
    // The text's characters and sentence openings, read once for every pronoun.
    let text_chars: Vec<char> = text.chars().collect();
    let sentence_starts: Vec<usize> = (0..text_chars.len())
        .filter(|&i| {
            let c = &text_chars;
            !c[i].is_whitespace()
                && (i == 0
                    || c[i - 1] == '\n'
                    || (i >= 2
                        && c[i - 1] == ' '
                        && matches!(c[i - 2], '.' | '!' | '?' | '”' | '"')))
        })
        .collect();
    let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
    for f in &found {
        let speaker_chars = f.speaker.as_ref().map(chars);
        let speaker = match (&speaker_chars, f.continues) {
            (_, true) => quotes.last().and_then(|q| q.speaker.clone()),
            (Some(span), false) => {
                let context =
                    Context {
                        mentions: &mentions,
                        quoted: &quoted,
                        previous: quotes.iter().rev().find(|q| q.speaker.is_some()).map(|q| {
                            (q.speaker.clone().expect("a speaker"), paragraph_of(q.start))
                        }),
                        paragraph_of: &paragraph_of,
                        chars: &text_chars,
                        sentence_starts: &sentence_starts,
                    };
                resolve(
                    doc,
                    &context,
                    span,
                    &text[f.speaker.clone().expect("a speaker")],
                )
            }
            (None, false) => None,
        };
        let speaker_text = match f.continues {
            true => quotes.last().and_then(|q| q.speaker_text.clone()),
            false => f.speaker.as_ref().map(|r| text[r.clone()].to_string()),
        };
        let content = chars(&f.content);
        quotes.push(Quote {
            start: content.start,
            end: content.end,
            text: text[f.content.clone()].to_string(),
            field: field.map(str::to_string),
            speaker,
            speaker_text,
            cue: f.cue.as_ref().map(|r| text[r.clone()].to_string()),
            kind: match f.kind {
                find::Kind::Direct => QuoteKind::Direct,
                find::Kind::Indirect => QuoteKind::Indirect,
                find::Kind::Mixed => QuoteKind::Mixed,
            },
        });
    }
    quotes
}

pub(crate) const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "her", "i"];
pub(crate) const GROUP_PRONOUNS: &[&str] = &["they", "we", "it"];

/// What a speaker is resolved against.
struct Context<'a, 'b> {
    mentions: &'a [FieldMention<'b>],
    quoted: &'a [Range<usize>],
    /// The latest speaker so far, and the paragraph of its quotation.
    previous: Option<(String, usize)>,
    paragraph_of: &'a dyn Fn(usize) -> usize,
    /// The body as characters (offsets are code points).
    chars: &'a [char],
    /// Where the body's sentences open.
    sentence_starts: &'a [usize],
}

/// The entity a speaker phrase names (`span` in code points, `text` as written).
fn resolve(doc: &Document, context: &Context, span: &Range<usize>, text: &str) -> Option<String> {
    let mentions = context.mentions;
    // A mention inside the phrase: the person if there is one ("Spokeswoman Haley
    // Morris"), else the last organization ("the Press Information Department (PID)").
    // A nationality or a place ("Pakistani authorities") names nobody.
    let inside: Vec<&FieldMention> = mentions
        .iter()
        .filter(|m| m.start >= span.start && m.end <= span.end)
        .collect();
    if let Some(m) = inside
        .iter()
        .find(|m| m.kind == EntityType::Person)
        .or_else(|| {
            inside
                .iter()
                .rev()
                .find(|m| m.kind == EntityType::Organization)
        })
    {
        return Some(m.id.to_string());
    }
    let lower = text.to_lowercase();
    let earlier = |kinds: &[EntityType]| {
        mentions
            .iter()
            .rev()
            .filter(|m| m.end <= span.start && kinds.contains(&m.kind))
            .find(|m| {
                !context
                    .quoted
                    .iter()
                    .any(|q| q.start <= m.start && m.end <= q.end)
            })
    };
    if PERSON_PRONOUNS.contains(&lower.as_str()) {
        // News keeps "he" for the running speaker: the speaker of a quotation in this
        // paragraph, else a person named in this paragraph, else a speaker of the last
        // few paragraphs, else the latest person named.
        let here = (context.paragraph_of)(span.start);
        let latest = earlier(&[EntityType::Person]);
        let previous = context.previous.as_ref().filter(|(id, _)| {
            doc.entities
                .iter()
                .any(|e| &e.id == id && e.kind == EntityType::Person)
        });
        if let Some((id, _)) = previous.filter(|(_, p)| *p == here) {
            return Some(id.clone());
        }
        if let Some(id) = subject_before(doc, context, span.start) {
            return Some(id);
        }
        if let Some(m) = latest.filter(|m| (context.paragraph_of)(m.start) == here) {
            return Some(m.id.to_string());
        }
        if let Some((id, _)) = previous.filter(|(_, p)| here.saturating_sub(*p) <= 3) {
            return Some(id.clone());
        }
        return latest.map(|m| m.id.to_string());
    }
    if GROUP_PRONOUNS.contains(&lower.as_str()) {
        return earlier(&[EntityType::Organization]).map(|m| m.id.to_string());
    }
    // "the military spokesperson", "the minister": the latest person whose title or
    // roles hold the phrase's last word.
    let head = lower
        .split_whitespace()
        .last()?
        .trim_matches(|c: char| !c.is_alphanumeric());
    person_holding(doc, mentions, head, span.start)
}

/// The latest person named before `before` whose title or roles hold `word`.
fn person_holding(
    doc: &Document,
    mentions: &[FieldMention],
    word: &str,
    before: usize,
) -> Option<String> {
    if word.len() < 3 {
        return None;
    }
    let holds = |e: &dateline_core::Entity| {
        e.kind == EntityType::Person
            && (e.title.iter().chain(e.roles.iter())).any(|r| {
                r.to_lowercase()
                    .split_whitespace()
                    .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == word)
            })
    };
    mentions
        .iter()
        .rev()
        .filter(|m| m.end <= before)
        .find(|m| doc.entities.iter().any(|e| e.id == m.id && holds(e)))
        .map(|m| m.id.to_string())
}

/// The subject of the latest sentence of this paragraph before `at` that has a person
/// for subject: a person named at the sentence's start, or a role that names one ("The
/// military spokesperson warned ... He added ...").
fn subject_before(doc: &Document, context: &Context, at: usize) -> Option<String> {
    let here = (context.paragraph_of)(at);
    let chars = context.chars;
    let before = context.sentence_starts.partition_point(|&s| s < at);
    let starts = context.sentence_starts[..before]
        .iter()
        .rev()
        .take_while(|&&s| (context.paragraph_of)(s) == here);
    for &start in starts {
        if context
            .quoted
            .iter()
            .any(|q| q.start <= start && start < q.end)
        {
            continue;
        }
        let opening: String = chars[start..(start + 60).min(chars.len())].iter().collect();
        let named = context.mentions.iter().find(|m| {
            m.kind == EntityType::Person
                && m.start >= start
                && m.start < start + 40
                && m.start < at
                && chars[start..m.start]
                    .iter()
                    .collect::<String>()
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase))
        });
        if let Some(m) = named {
            return Some(m.id.to_string());
        }
        let words: Vec<String> = opening
            .split_whitespace()
            .take(4)
            .map(|w| {
                w.to_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string()
            })
            .collect();
        if words.first().is_some_and(|w| w == "the")
            && let Some(id) = words[1..]
                .iter()
                .find_map(|w| person_holding(doc, context.mentions, w, at))
        {
            return Some(id);
        }
    }
    None
}
