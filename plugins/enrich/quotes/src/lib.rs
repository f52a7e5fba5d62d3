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

use std::collections::HashMap;
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
        if doc.reads_as_english() {
            attribute(doc);
        } else {
            quotations_only(doc);
            doc.warn(
                NAME,
                "speakers not read: the text is not English, the only language the quotation \
                 finder knows; quotations in marks are given without their speakers",
            );
        }
        Ok(())
    }
}

/// The quotations in marks of a record in another language than English, without
/// speakers or cues: the finder reads who speaks, and reported speech, from English
/// words ("el presidente ... continuó diciendo:" gave the speaker "el").
pub fn quotations_only(doc: &mut Document) {
    let found = find::find(&doc.body)
        .into_iter()
        .filter(|f| f.kind == find::Kind::Direct)
        .map(|f| find::Found {
            speaker: None,
            cue: None,
            continues: false,
            ..f
        })
        .collect();
    doc.quotes = quotes_in(doc, None, &doc.body, found);
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
    // Only "he" and "she" ask a person's gender.
    let asks_gender = found.iter().any(|f| {
        f.speaker
            .as_ref()
            .is_some_and(|r| PERSON_PRONOUNS.contains(&text[r.clone()].to_lowercase().as_str()))
    });
    let genders = if asks_gender {
        genders(doc, &mentions, &text_chars)
    } else {
        HashMap::new()
    };
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
                        genders: &genders,
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
    /// What the text says of people's gender, by entity id.
    genders: &'a HashMap<&'b str, Gender>,
}

/// A person's grammatical gender, as the text shows it: what "he" or "she" may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// Titles and roles that say a person's gender.
const MALE_WORDS: &[&str] = &[
    "mr",
    "mr.",
    "sir",
    "lord",
    "king",
    "prince",
    "duke",
    "emperor",
    "spokesman",
    "chairman",
    "congressman",
    "businessman",
    "councilman",
    "assemblyman",
    "alderman",
    "father",
    "husband",
    "son",
    "brother",
    "uncle",
    "nephew",
    "grandfather",
    "actor",
    "boy",
    "monsieur",
    "señor",
];
const FEMALE_WORDS: &[&str] = &[
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "miss",
    "madam",
    "madame",
    "dame",
    "lady",
    "queen",
    "princess",
    "duchess",
    "empress",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "businesswoman",
    "councilwoman",
    "assemblywoman",
    "mother",
    "wife",
    "daughter",
    "sister",
    "aunt",
    "niece",
    "grandmother",
    "actress",
    "girl",
    "señora",
];

fn gender_of_word(word: &str) -> Option<Gender> {
    let word = word.to_lowercase();
    if MALE_WORDS.contains(&word.as_str()) {
        Some(Gender::Male)
    } else if FEMALE_WORDS.contains(&word.as_str()) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// What `text` says of each person's gender: an honorific or a gendered word right before
/// a mention ("Mr. Corker", "spokeswoman Haley Morris"), one in the entity's title or
/// roles, or the pronoun right after its cue ("Smith said she ..."). A person the text
/// shows both ways is left unknown.
fn genders<'b>(
    doc: &'b Document,
    mentions: &[FieldMention<'b>],
    chars: &[char],
) -> HashMap<&'b str, Gender> {
    let mut seen: HashMap<&'b str, (bool, bool)> = HashMap::new();
    let mut note = |id: &'b str, gender: Option<Gender>| {
        let entry = seen.entry(id).or_default();
        match gender {
            Some(Gender::Male) => entry.0 = true,
            Some(Gender::Female) => entry.1 = true,
            None => {}
        }
    };
    for entity in doc.entities.iter().filter(|e| e.kind == EntityType::Person) {
        for words in entity.title.iter().chain(&entity.roles) {
            for word in words.split_whitespace() {
                note(&entity.id, gender_of_word(word));
            }
        }
    }
    let word_at = |from: usize, forward: bool| -> String {
        let mut at = from;
        if forward {
            while at < chars.len() && chars[at].is_whitespace() {
                at += 1;
            }
            chars[at..]
                .iter()
                .take_while(|c| c.is_alphanumeric() || **c == '.')
                .collect()
        } else {
            while at > 0 && chars[at - 1].is_whitespace() {
                at -= 1;
            }
            let mut word: Vec<char> = chars[..at]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric() || **c == '.')
                .copied()
                .collect();
            word.reverse();
            word.into_iter().collect()
        }
    };
    for m in mentions.iter().filter(|m| m.kind == EntityType::Person) {
        if m.end > chars.len() {
            continue;
        }
        note(m.id, gender_of_word(&word_at(m.start, false)));
        // "X said (that) she", "X told reporters he".
        let mut at = m.end;
        let mut next = || {
            let word = word_at(at, true);
            let skipped = chars[at..].iter().take_while(|c| c.is_whitespace()).count();
            at += skipped + word.chars().count();
            word
        };
        let cue = next();
        if matches!(cue.as_str(), "said" | "says" | "added" | "told" | "tells") {
            let mut word = next();
            if matches!(cue.as_str(), "told" | "tells") {
                // Past its object: "told reporters he".
                word = next();
            }
            if word == "that" {
                word = next();
            }
            match word.as_str() {
                "he" => note(m.id, Some(Gender::Male)),
                "she" => note(m.id, Some(Gender::Female)),
                _ => {}
            }
        }
    }
    seen.into_iter()
        .filter_map(|(id, shown)| match shown {
            (true, false) => Some((id, Gender::Male)),
            (false, true) => Some((id, Gender::Female)),
            _ => None,
        })
        .collect()
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
    if text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.contains(char::is_lowercase)
    {
        // A transcript's label in capitals ("PENCE", "MR. TRUMP"): the person of the
        // story whose name ends in its last word, or whose short name it is.
        let last = lower
            .split_whitespace()
            .last()?
            .trim_matches(|c: char| !c.is_alphanumeric());
        let named = |name: &str| {
            let name = name.to_lowercase();
            name == last || name.split_whitespace().last() == Some(last)
        };
        if let Some(person) = doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .find(|e| named(&e.name) || e.aliases.iter().any(|a| named(a)))
        {
            return Some(person.id.clone());
        }
    }
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
    let described = person_description(&lower);
    if PERSON_PRONOUNS.contains(&lower.as_str()) || described.is_some() {
        // News keeps "he" for the running speaker: the speaker of a quotation in this
        // paragraph, else a person named in this paragraph, else a speaker of the last
        // few paragraphs, else the latest person named; "he" is never a person the text
        // shows to be a woman, nor "she" a man. A description of a person ("the
        // 30-year-old", "the Waterford man") is read as "he" or "she" is.
        let wanted = match lower.as_str() {
            "he" | "him" => Some(Gender::Male),
            "she" | "her" => Some(Gender::Female),
            _ => described.flatten(),
        };
        let agrees = |id: &str| {
            wanted.is_none_or(|wanted| context.genders.get(id).is_none_or(|g| *g == wanted))
        };
        let here = (context.paragraph_of)(span.start);
        let latest = mentions
            .iter()
            .rev()
            .filter(|m| m.end <= span.start && m.kind == EntityType::Person && agrees(m.id))
            .find(|m| {
                !context
                    .quoted
                    .iter()
                    .any(|q| q.start <= m.start && m.end <= q.end)
            });
        let previous = context.previous.as_ref().filter(|(id, _)| {
            agrees(id)
                && doc
                    .entities
                    .iter()
                    .any(|e| &e.id == id && e.kind == EntityType::Person)
        });
        if let Some((id, _)) = previous.filter(|(_, p)| *p == here) {
            return Some(id.clone());
        }
        if let Some(id) = subject_before(doc, context, span.start).filter(|id| agrees(id)) {
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
    if describes_an_organization(&lower) {
        // "The company said": the organization the story is about, the one named most
        // often before it (the latest of those), not whichever was named last.
        // The dateline's place ("PHOENIX (AP) —") is no organization the story is about,
        // whatever the tagger made of it.
        let dateline_end = doc
            .dateline
            .as_ref()
            .map_or(0, |d| doc.body[..d.end_in(&doc.body)].chars().count());
        let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            if m.kind == EntityType::Organization
                && m.start >= dateline_end
                && m.end <= span.start
                && !context
                    .quoted
                    .iter()
                    .any(|q| q.start <= m.start && m.end <= q.end)
            {
                let entry = counts.entry(m.id).or_default();
                entry.0 += 1;
                entry.1 = i;
            }
        }
        // Named once, an organization is as likely a passer-by of the story (a court, a
        // newspaper) as its subject: nobody is guessed, unless the headline names it too
        // (it names what the story is about).
        let in_headline = |id: &str| {
            doc.entities.iter().any(|e| {
                e.id == id
                    && e.mentions
                        .iter()
                        .any(|m| m.field.as_deref() == Some("headline"))
            })
        };
        return counts
            .into_iter()
            .max_by_key(|&(id, (n, last))| (n, in_headline(id), last))
            .filter(|&(id, (n, _))| n >= 2 || in_headline(id))
            .map(|(id, _)| id.to_string());
    }
    // "the military spokesperson", "the minister": the latest person whose title or
    // roles hold the phrase's last word.
    let head = lower
        .split_whitespace()
        .last()?
        .trim_matches(|c: char| !c.is_alphanumeric());
    person_holding(doc, mentions, head, span.start)
}

/// Head words of a description that names a person by age, origin or calling rather
/// than by office ("the 30-year-old", "the Waterford man", "the Old Trafford boss").
const PERSON_HEADS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "star",
    "player",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "boss",
    "actor",
    "actress",
    "singer",
    "rapper",
    "veteran",
    "champion",
    "youngster",
    "teenager",
    "briton",
    "american",
    "australian",
    "scot",
    "frenchman",
    "irishman",
    "welshman",
    "englishman",
    "spaniard",
    "swiss",
    "dane",
    "swede",
    "russian",
    "german",
    "italian",
    "argentine",
    "brazilian",
    "canadian",
    "kenyan",
    "ethiopian",
    "chinese",
    "japanese",
    "film-maker",
    "director",
    "comedian",
    "musician",
    "frontman",
    "winner",
];

/// Whether a speaker phrase describes a person without naming one ("the 30-year-old",
/// "the British actor"), and the gender its head word gives, if any: `None` when it
/// does not describe a person.
fn person_description(lower: &str) -> Option<Option<Gender>> {
    let rest = lower.strip_prefix("the ")?;
    let head = rest.split_whitespace().last()?;
    let aged = head.ends_with("-year-old") && head.starts_with(|c: char| c.is_ascii_digit());
    let gender = match head {
        "man" | "boy" | "frenchman" | "irishman" | "welshman" | "englishman" | "frontman" => {
            Some(Gender::Male)
        }
        "woman" | "girl" => Some(Gender::Female),
        _ => gender_of_word(head),
    };
    (aged || PERSON_HEADS.contains(&head)).then_some(gender)
}

/// Head words of a description that names an organization by its kind ("the Swedish
/// firm", "the company"); not a regulator or a watchdog, which a story about a company
/// names beside it.
const ORGANIZATION_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "carrier",
    "airline",
    "giant",
    "maker",
    "retailer",
    "insurer",
    "lender",
    "broadcaster",
    "manufacturer",
    "chain",
    "operator",
    "club",
    "bank",
    "conglomerate",
    "publisher",
    "supermarket",
    "producer",
];

/// Whether a speaker phrase describes an organization without naming one ("the company",
/// "the Swedish firm"): resolved to the organization named most often before it.
fn describes_an_organization(lower: &str) -> bool {
    lower.strip_prefix("the ").is_some_and(|rest| {
        rest.split_whitespace()
            .last()
            .is_some_and(|head| ORGANIZATION_HEADS.contains(&head))
            && rest.split_whitespace().count() <= 3
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_testkit::Builder;

    /// In another language the quotations in marks are kept and no speaker is read:
    /// the finder's cues and speaker phrases are English.
    #[test]
    fn another_language_keeps_its_quotations_without_speakers() {
        let mut doc = Document::new(dateline_core::Source::new("a.html", 0, "html"));
        doc.body = "El presidente de la Asamblea continuó diciendo: \u{201c}No está dentro de mis \
                    planes inmediatos pedir asilo, no sé cómo se hace\u{201d}. Los periodistas \
                    dijeron que se están limitando los derechos de la población salvadoreña."
            .into();
        QuotesEnricher.enrich(&mut doc).unwrap();
        assert_eq!(doc.quotes.len(), 1, "{:?}", doc.quotes);
        assert!(doc.quotes[0].text.starts_with("No está dentro"));
        assert!(doc.quotes[0].speaker_text.is_none() && doc.quotes[0].cue.is_none());
        assert!(doc.warnings.iter().any(|w| w.plugin == NAME));
    }

    /// A transcript's labels in capitals are the people of the story they name.
    #[test]
    fn a_transcript_label_is_the_person_it_names() {
        let mut doc = Builder::new(
            "a.txt",
            "Interview",
            &[
                "Mike Pence spoke to Chris Wallace on Sunday. Partial transcript as follows:",
                "\"WALLACE: Will she be there tomorrow night?",
                "\"PENCE: She will not be attending the debate.\"",
            ],
        )
        .entity(EntityType::Person, "Mike Pence", &["Mike Pence"])
        .entity(EntityType::Person, "Chris Wallace", &["Chris Wallace"])
        .build();
        attribute(&mut doc);
        assert_eq!(
            speakers(&doc),
            [
                ("WALLACE", Some("Chris Wallace")),
                ("PENCE", Some("Mike Pence"))
            ]
        );
    }

    #[test]
    fn a_person_described_by_age_or_calling_is_read_as_he_or_she() {
        let mut doc = Builder::new(
            "a.txt",
            "Films",
            &[
                "Hollywood star Liam Neeson held a dinner in New York.",
                "“It is a great theatre,” the Ballymena-born actor said.",
                "Paula Radcliffe ran on Sunday. “I am on the right track,” said the 30-year-old.",
                "“We will see,” said the company.",
            ],
        )
        .entity(EntityType::Person, "Liam Neeson", &["Liam Neeson"])
        .entity(EntityType::Person, "Paula Radcliffe", &["Paula Radcliffe"])
        .build();
        attribute(&mut doc);
        assert_eq!(
            speakers(&doc),
            [
                ("the Ballymena-born actor", Some("Liam Neeson")),
                // The person named in its paragraph, not the earlier speaker.
                ("the 30-year-old", Some("Paula Radcliffe")),
                // No person is described: nobody is guessed.
                ("the company", None),
            ]
        );
        assert_eq!(
            person_description("the waterford man"),
            Some(Some(Gender::Male))
        );
        assert_eq!(person_description("the report"), None);
    }

    #[test]
    fn the_company_is_the_organization_the_story_names_most() {
        let mut doc = Builder::new(
            "a.txt",
            "Results",
            &[
                "Macrovision said its RipGuard would thwart copying.",
                "Macrovision sells to studios, and the SEC has asked about it.",
                "“It works,” the company said.",
                "The Appeal Court ruled on Wednesday.",
                "“We will fight on,” the group said.",
            ],
        )
        .entity(
            EntityType::Organization,
            "Macrovision",
            &["Macrovision", "Macrovision#1"],
        )
        .entity(EntityType::Organization, "SEC", &["SEC"])
        .entity(EntityType::Organization, "Appeal Court", &["Appeal Court"])
        .build();
        attribute(&mut doc);
        assert_eq!(
            speakers(&doc),
            [
                ("Macrovision", Some("Macrovision")),
                // Not the SEC, named last.
                ("the company", Some("Macrovision")),
                ("the group", Some("Macrovision")),
            ]
        );
        assert!(!describes_an_organization("the watchdog"));
    }

    #[test]
    fn the_company_named_once_is_the_one_the_headline_names() {
        let build = || {
            Builder::new(
                "a.txt",
                "Lumen to build plant",
                &[
                    "Lumen will build a plant near the SEC offices.",
                    "“It works,” the company said.",
                ],
            )
            .entity(EntityType::Organization, "Lumen", &["Lumen"])
            .entity(EntityType::Organization, "SEC", &["SEC"])
            .build()
        };
        // Named once in the body: a passer-by as likely as the story's subject.
        let mut doc = build();
        attribute(&mut doc);
        assert_eq!(speakers(&doc), [("the company", None)]);
        // Named in the headline too: what the story is about.
        let mut doc = build();
        let lumen = doc.entities.iter_mut().find(|e| e.name == "Lumen").unwrap();
        lumen.mentions.push(dateline_core::Mention {
            start: 0,
            end: 5,
            text: "Lumen".into(),
            field: Some("headline".into()),
        });
        attribute(&mut doc);
        assert_eq!(speakers(&doc), [("the company", Some("Lumen"))]);
    }

    fn speakers(doc: &Document) -> Vec<(&str, Option<&str>)> {
        doc.quotes
            .iter()
            .map(|q| {
                (
                    q.speaker_text.as_deref().unwrap_or(""),
                    q.speaker
                        .as_deref()
                        .and_then(|id| doc.entity(id))
                        .map(|e| e.name.as_str()),
                )
            })
            .collect()
    }

    #[test]
    fn he_and_she_go_to_a_person_of_their_gender() {
        let mut doc = Builder::new(
            "a.txt",
            "Talks",
            &[
                "Ms. Haley Morris spoke first, and Mr. Corker was there too.",
                "“We will see,” she said.",
                "“So will we,” he said.",
                "The spokeswoman, Ann Lee, and the chairman, Bob Hill, left.",
                "“Not today,” she said.",
            ],
        )
        .entity(EntityType::Person, "Haley Morris", &["Haley Morris"])
        .entity(EntityType::Person, "Corker", &["Corker"])
        .entity(EntityType::Person, "Ann Lee", &["Ann Lee"])
        .titled("", &["spokeswoman"])
        .entity(EntityType::Person, "Bob Hill", &["Bob Hill"])
        .titled("", &["chairman"])
        .build();
        attribute(&mut doc);
        assert_eq!(
            speakers(&doc),
            [
                // The latest person named is Corker, whom "Mr." shows to be a man.
                ("she", Some("Haley Morris")),
                ("he", Some("Corker")),
                // A role says it as well as an honorific.
                ("she", Some("Ann Lee")),
            ]
        );
    }

    #[test]
    fn he_is_not_the_running_speaker_when_she_is_a_woman() {
        let mut doc = Builder::new(
            "a.txt",
            "Talks",
            &[
                "Jane Doe said she would stay. “Nobody should doubt that,” she said.",
                "A spokesman for the ministry said the talks would resume. “There is no deadline,” he added.",
            ],
        )
        .entity(EntityType::Person, "Jane Doe", &["Jane Doe"])
        .build();
        attribute(&mut doc);
        let he = doc
            .quotes
            .iter()
            .find(|q| q.text == "There is no deadline")
            .unwrap();
        assert_eq!(he.speaker, None, "{:?}", speakers(&doc));
        let she = doc
            .quotes
            .iter()
            .find(|q| q.text == "Nobody should doubt that")
            .unwrap();
        assert_eq!(she.speaker.as_deref(), Some("e1"));
    }
}
