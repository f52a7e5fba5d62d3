//! # dateline-entities
//!
//! The `entities` enricher: the people, organizations and places of an article, each
//! once, with every mention. People carry their titles and roles, organizations their
//! acronyms, places their coordinates and GeoNames ids; the dateline links to its place.
//!
//! - [`tokenize`]: sentences and tokens the way news writes them.
//! - [`features`] and [`model`]: the statistical tagger (an averaged perceptron over
//!   hashed features, Viterbi-decoded), trained by `cargo xtask train-ner`.
//! - [`neural`]: a second family of tagger (a feed-forward network over word windows),
//!   trained and scored beside the perceptron by `cargo xtask train-ner --family neural`.
//! - [`recognize`]: words in, typed spans out.
//! - [`truecase`]: headlines in title case read as running text.
//! - [`gazetteer`]: places from GeoNames (CC BY 4.0), titles and organization words.
//! - [`link`]: titles, roles, acronyms, mention grouping and geocoding.
//!
//! ```
//! use dateline_core::{Document, EntityType, Source};
//! use dateline_entities::EntitiesEnricher;
//!
//! let mut doc = Document::new(Source::new("example.txt", 0, "text"));
//! doc.body = "Maj. Gen. Mohammad Bagheri, chief of general staff of Iranian armed forces, \
//!             arrived in Rawalpindi. Bagheri met the army chief.".into();
//! EntitiesEnricher::shipped().unwrap().annotate(&mut doc);
//! let bagheri = doc.entities.iter().find(|e| e.name == "Mohammad Bagheri").unwrap();
//! assert_eq!(bagheri.kind, EntityType::Person);
//! assert_eq!(bagheri.title.as_deref(), Some("Maj. Gen."));
//! assert_eq!(bagheri.mentions.len(), 2);
//! let rawalpindi = doc.entities.iter().find(|e| e.name == "Rawalpindi").unwrap();
//! assert_eq!(rawalpindi.geo.as_ref().unwrap().geonames_id, Some(1166993));
//! ```

#![warn(missing_docs)]

pub mod features;
pub mod gazetteer;
pub mod link;
pub mod model;
pub mod neural;
pub mod places;
pub mod recognize;
pub mod truecase;
pub mod weights;
pub use dateline_syntax::tokenize;

use std::collections::{BTreeMap, BTreeSet};

use dateline_core::text::{CharIndex, is_weekday};
use dateline_core::{
    Document, Enrich, Entity, EntityType, Geo, Host, Kind, Mention, NoConfig, Plugin, PluginError,
    PluginInfo,
};

use crate::features::Word;
use crate::gazetteer::{Gazetteer, Place, PlaceKind, is_organization_word, is_title, key_of};
use crate::link::{
    Found, Group, acronym_after, appositive_after, foreign_acronym_after, group, is_title_word,
    parenthesized, read_title, role_before,
};
use crate::recognize::{Known, Recognizer, entity_type, spans};
use crate::tokenize::{Token, sentences, tokens};

/// The plugin's name in pipelines.
pub const NAME: &str = "entities";

/// The `entities` enricher.
pub struct EntitiesEnricher {
    recognizer: &'static Recognizer,
    gazetteer: &'static Gazetteer,
}

impl Plugin for EntitiesEnricher {
    type Config = NoConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "people with titles and roles, organizations with acronyms, places with GeoNames coordinates".into(),
            requires: vec!["body".into()],
            provides: vec!["entities".into()],
        }
    }

    fn new(_config: NoConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Self::shipped()
    }
}

/// Cuts the mentions of `sentence` that reach into `from..to` back to the words before
/// `from`, and drops those with none left.
fn trim_before(found: &mut Vec<Found>, sentence: &Sentence, from: usize, to: usize) {
    trim_before_but(found, sentence, from, to, |_| false);
}

/// [`trim_before`], but for the mentions inside `from..to` that `keep` says stay whole.
fn trim_before_but(
    found: &mut Vec<Found>,
    sentence: &Sentence,
    from: usize,
    to: usize,
    keep: impl Fn(&Found) -> bool,
) {
    found.retain_mut(|m| {
        if m.field != sentence.field || m.end <= from || m.start >= to {
            return true;
        }
        if m.start >= from && m.end <= to && keep(m) {
            return true;
        }
        let kept: Vec<&Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.start >= m.start && t.end <= from)
            .collect();
        let Some(last) = kept.last() else {
            return false;
        };
        m.end = last.end;
        m.words.truncate(kept.len());
        // An acronym read after the whole name no longer follows it.
        m.acronym = None;
        !m.words.is_empty()
    });
}

/// The capitalized words right before word `end` (and the joining words among them), up
/// to eight, that with `then` after them are the name the acronym in parentheses at the
/// start of `after` spells, the fewest that do: their first word, the whole name and the
/// acronym. `word(i)` is the sentence's word `i`.
fn spelled_before<'t>(
    word: &dyn Fn(usize) -> &'t str,
    end: usize,
    then: &[String],
    after: &str,
) -> Option<(usize, Vec<String>, String)> {
    for extra in 1..=end.min(8) {
        let start = end - extra;
        // "Belt and Road Initiative (BRI)": a joining word inside the name, which cannot
        // open it.
        if matches!(word(start), "and" | "of" | "for" | "&" | "the" | "in") {
            continue;
        }
        if !word(start).starts_with(char::is_uppercase) {
            return None;
        }
        let mut words: Vec<String> = (start..end).map(|i| word(i).to_string()).collect();
        words.extend(then.iter().cloned());
        if let Some(acronym) = acronym_after(&words, after) {
            return Some((start, words, acronym));
        }
    }
    None
}

/// The words of a name without a nickname in quotation marks between its first and last
/// words: `Roberto " Hands of Stone " Duran` -> `Roberto Duran`.
fn without_quoted_nickname(words: Vec<String>) -> Vec<String> {
    let is_mark = |w: &String| recognize::is_quotation_mark(w);
    let Some(open) = words.iter().position(is_mark) else {
        return words;
    };
    let Some(close) = words.iter().rposition(is_mark).filter(|&c| c > open + 1) else {
        return words;
    };
    if open == 0 || close + 1 == words.len() {
        return words;
    }
    words[..open]
        .iter()
        .chain(&words[close + 1..])
        .cloned()
        .collect()
}

/// "Imran Khan's Pakistan Tehreek-e-Insaf (PTI)", where the tagger ended no name before
/// the parenthesis (it read "Pakistan" as a place and left the rest): the capitalized
/// words before an acronym in parentheses (and the joining words among them) whose
/// initials it spells are one organization, defined with it, whatever the tagger made of
/// their parts. A name the tagger did end there was given its chance already (a place
/// "United States (US)" stays a place).
fn define_acronyms_after_untagged_names(
    fields: &[(Option<String>, &str)],
    all: &[Sentence],
    found: &mut Vec<Found>,
) {
    for sentence in all {
        let text = fields[sentence.field].1;
        let tokens = &sentence.tokens;
        let word = |i: usize| &text[tokens[i].start..tokens[i].end];
        for open in 1..tokens.len().saturating_sub(2) {
            if word(open) != "(" || word(open + 2) != ")" {
                continue;
            }
            let name_end = tokens[open - 1].end;
            if found
                .iter()
                .any(|m| m.field == sentence.field && m.end == name_end)
            {
                continue;
            }
            if let Some((start, words, acronym)) =
                spelled_before(&word, open, &[], &text[tokens[open].start..])
            {
                let from = tokens[start].start;
                trim_before(found, sentence, from, name_end);
                found.push(Found {
                    field: sentence.field,
                    start: from,
                    end: name_end,
                    kind: EntityType::Organization,
                    words,
                    title: None,
                    roles: Vec::new(),
                    acronym: Some(acronym),
                });
            }
        }
    }
}

/// "Minister of Works Juma Mkumbo" tagged as one organization: where a title word and "of"
/// (or "for": "Minister for Energy") precede an organization whose last words are a
/// person's name, they are that person, and the words before them finish the title
/// ("Minister of Works"). A person's name is
/// one the document names elsewhere, or else the last two or three words when the tagger,
/// reading them with the rest of the sentence but without the title, tags them a person.
/// Without the title the tagger's word is kept: a person tag elsewhere is too weak a sign
/// on its own ("The Hunger Games" against a stray person "Hunger Games" in a headline).
fn split_people_from_organizations(
    fields: &[(Option<String>, &str)],
    all: &[Sentence],
    found: &mut Vec<Found>,
    tags_a_person: impl Fn(&[&str], usize) -> bool,
) {
    let people: BTreeSet<Vec<String>> = found
        .iter()
        .filter(|m| m.kind == EntityType::Person && m.words.len() >= 2)
        .map(|m| m.words.clone())
        .collect();
    let mut split = Vec::new();
    for m in found.iter_mut() {
        if m.kind != EntityType::Organization || m.acronym.is_some() || m.words.len() < 3 {
            continue;
        }
        let Some(sentence) = all
            .iter()
            .find(|s| s.field == m.field && s.tokens.iter().any(|t| t.start == m.start))
        else {
            continue;
        };
        let text = fields[m.field].1;
        let tokens: Vec<&Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.start >= m.start && t.end <= m.end)
            .collect();
        if tokens.len() != m.words.len() {
            continue;
        }
        let before: Vec<&Token> = sentence
            .tokens
            .iter()
            .filter(|t| t.end <= m.start)
            .collect();
        let word = |t: &Token| &text[t.start..t.end];
        let [.., title, of] = before.as_slice() else {
            continue;
        };
        if !matches!(word(of), "of" | "for") || !is_title(&word(title).to_lowercase()) {
            continue;
        }
        let person_len = people
            .iter()
            .find(|p| p.len() < m.words.len() && m.words.ends_with(p))
            .map(Vec::len)
            .or_else(|| {
                let after: Vec<&str> = sentence
                    .tokens
                    .iter()
                    .filter(|t| t.start >= m.end)
                    .take(6)
                    .map(word)
                    .collect();
                (2..=3usize)
                    .rev()
                    .filter(|&n| n < m.words.len())
                    .find(|&n| {
                        let mut words: Vec<&str> =
                            tokens[tokens.len() - n..].iter().map(|t| word(t)).collect();
                        words.extend(&after);
                        tags_a_person(&words, n)
                    })
            });
        let Some(person_len) = person_len else {
            continue;
        };
        let lead = m.words.len() - person_len;
        let person = m.words[lead..].to_vec();
        split.push(Found {
            field: m.field,
            start: tokens[lead].start,
            end: m.end,
            kind: EntityType::Person,
            words: person,
            title: Some(text[title.start..tokens[lead - 1].end].to_string()),
            roles: Vec::new(),
            acronym: None,
        });
        m.words.clear();
    }
    found.retain(|m| !m.words.is_empty());
    found.extend(split);
    found.sort_by_key(|m| (m.field, m.start));
}

/// Whether a capitalized word names a member of a party before a person's name
/// ("Democrat Kim Myers", "Tory Liam Fox", "Republican Tom Cole"): the nouns news
/// writes so, followed by `rest` words of the name. "Tory" is a given name too ("Tory
/// Burch"): a party's only before a name of two words or more.
fn is_party_member(word: &str, rest: usize) -> bool {
    match word {
        "Democrat" | "Republican" | "Socialist" | "Communist" => true,
        "Tory" => rest >= 2,
        _ => false,
    }
}

/// Whether a word is a party's initial and a state, as US news writes them after a
/// lawmaker's name: "R-Texas", "D-Va.", "I-Vt", "R-N.H.".
fn is_party_and_state(word: &str) -> bool {
    let Some(state) = word
        .strip_prefix("R-")
        .or_else(|| word.strip_prefix("D-"))
        .or_else(|| word.strip_prefix("I-"))
    else {
        return false;
    };
    let letters = state.chars().filter(char::is_ascii_alphabetic).count();
    state.starts_with(|c: char| c.is_ascii_uppercase())
        && (2..=14).contains(&letters)
        && state
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '.' || c == ' ')
}

/// Whether a word reads as a clock time: "1000", "10:00", "10.30", "p.m.", "noon".
fn is_clock_time(word: &str) -> bool {
    let digits = word.chars().filter(char::is_ascii_digit).count();
    ((1..=4).contains(&digits)
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
        && (digits >= 3 || word.contains([':', '.'])))
        || matches!(
            word.to_ascii_lowercase().as_str(),
            "a.m." | "p.m." | "am" | "pm" | "noon" | "midnight"
        )
}

/// One sentence of one field, tokenized.
struct Sentence {
    field: usize,
    tokens: Vec<Token>,
}

impl EntitiesEnricher {
    /// The enricher with the shipped model and gazetteer (read once per process).
    pub fn shipped() -> Result<Self, PluginError> {
        Ok(EntitiesEnricher {
            recognizer: Recognizer::shipped().map_err(|e| PluginError::new(e.to_string()))?,
            gazetteer: Gazetteer::shipped(),
        })
    }

    /// Finds the entities of a record and links its dateline.
    pub fn annotate(&self, doc: &mut Document) {
        let mut fields: Vec<(Option<String>, &str)> = Vec::new();
        if let Some(headline) = &doc.headline {
            fields.push((Some("headline".into()), headline));
        }
        for (i, s) in doc.summary.iter().enumerate() {
            fields.push((Some(format!("summary.{i}")), s));
        }
        fields.push((None, &doc.body));
        for (i, c) in doc.caption.iter().enumerate() {
            fields.push((Some(format!("caption.{i}")), c));
        }
        let mut all: Vec<Sentence> = Vec::new();
        for (f, (_, text)) in fields.iter().enumerate() {
            let toks = tokens(text);
            for range in sentences(text, &toks) {
                all.push(Sentence {
                    field: f,
                    tokens: toks[range].to_vec(),
                });
            }
        }
        let words: Vec<Vec<Word>> = all
            .iter()
            .map(|s| {
                let text = fields[s.field].1;
                self.recognizer
                    .words(s.tokens.iter().map(|t| &text[t.start..t.end]))
            })
            .collect();
        let known: Vec<Known> = dateline_place(doc, &fields, &all).into_iter().collect();
        let labels = self.recognizer.tag_document_knowing(&words, &known);

        let mut found = Vec::new();
        for (s, sentence) in all.iter().enumerate() {
            let text = fields[sentence.field].1;
            let word = |i: usize| &text[sentence.tokens[i].start..sentence.tokens[i].end];
            for (mut a, b, kind) in spans(&labels[s]) {
                let mut kind = entity_type(kind);
                // Where it is based is no part of a name ("Dallas-based Sabine", "Los
                // Angeles-based Northrop Grumman").
                if let Some(based) = (a..b - 1).rfind(|&i| words[s][i].lower.ends_with("-based")) {
                    a = based + 1;
                }
                // A title the tagger took into the name ("Gen. Asim Munir"), and a party
                // whose member the person is ("Tory Liam Fox", "Democrat Kim Myers"), the
                // person's role.
                let mut party = None;
                while kind == EntityType::Person
                    && b - a > 1
                    && !is_organization_word(&words[s][a + 1].lower)
                {
                    if is_party_member(word(a), b - a - 1)
                        && words[s][a + 1].form.starts_with(char::is_uppercase)
                    {
                        party = Some(word(a).to_string());
                    } else if !is_title_word(&words[s][a].lower) {
                        break;
                    }
                    a += 1;
                }
                // The article that opens a sentence, taken into an institution's name
                // ("The Ministry of Defence said"); a paper's or a work's keeps it ("The
                // Times", "The History Boys").
                if kind == EntityType::Organization
                    && b - a >= 3
                    && word(a) == "The"
                    && words[s][a + 1..b]
                        .iter()
                        .any(|w| is_organization_word(&w.lower))
                {
                    a += 1;
                }
                let mut name: Vec<String> = (a..b).map(|i| word(i).to_string()).collect();
                if name.iter().all(|w| !w.chars().any(char::is_alphanumeric)) {
                    continue;
                }
                // A person's name is written without the nickname quoted inside it
                // (`Roberto "Hands of Stone" Duran` is Roberto Duran); the mention keeps it.
                if kind == EntityType::Person {
                    name = without_quoted_nickname(name);
                }
                // "Jan" in "GENEVA, Jan 23": a date, not a name.
                if let [only] = name.as_slice()
                    && (dateline_core::text::month_number(only).is_some() || is_weekday(only))
                {
                    continue;
                }
                let before: Vec<&str> = (0..a).map(word).collect();
                // "EST" in "at 1000 EST": a clock's zone, not Estonia. (One tagged as a
                // miscellaneous name stays one: CoNLL-2003 tags "GMT" so.)
                if let [only] = name.as_slice()
                    && kind != EntityType::Other
                    && dateline_core::text::zone_abbreviation_minutes(only).is_some()
                    && before.last().is_some_and(|w| is_clock_time(w))
                {
                    continue;
                }
                let after = &text[sentence.tokens[b - 1].end..];
                let mut mention = Found {
                    field: sentence.field,
                    start: sentence.tokens[a].start,
                    end: sentence.tokens[b - 1].end,
                    kind,
                    words: name,
                    title: None,
                    roles: Vec::new(),
                    acronym: None,
                };
                match kind {
                    EntityType::Person => {
                        mention.roles.extend(party);
                        let mut rest = before.as_slice();
                        // "Tanzania's Minister of Finance, Mwigulu Nchemba, said": a title
                        // set off by commas around the name is its title too.
                        // With the comma between a title set off and the name.
                        let set_off = || {
                            let [head @ .., ","] = rest else { return None };
                            after.trim_start().starts_with(',').then_some(())?;
                            read_title(head).map(|title| (title, 1))
                        };
                        if let Some((title, comma)) =
                            read_title(rest).map(|title| (title, 0)).or_else(set_off)
                        {
                            let n = title.words + comma;
                            mention.title = Some(title.text);
                            rest = &rest[..rest.len() - n];
                            // A title is no part of another name: "Army" in "Army Chief
                            // Asim Munir", "Field Marshal" in an organization the tagger
                            // ran on into the title. An office it names after "of the"
                            // ("Governor of the Central Bank") keeps what the tagger found,
                            // and one after "of" alone the places ("Mayor of London").
                            let start_of =
                                |words_before: usize| sentence.tokens[a - words_before].start;
                            let title_end = start_of(comma);
                            match title.office {
                                Some(office) => {
                                    let office_end = start_of(comma + office.after);
                                    let office_start =
                                        start_of(comma + office.after + office.words);
                                    trim_before(&mut found, sentence, start_of(n), office_start);
                                    if !office.after_the {
                                        trim_before_but(
                                            &mut found,
                                            sentence,
                                            office_start,
                                            office_end,
                                            |m| m.kind == EntityType::Place,
                                        );
                                    }
                                    if office.after > 0 {
                                        trim_before(&mut found, sentence, office_end, title_end);
                                    }
                                }
                                None => trim_before(&mut found, sentence, start_of(n), title_end),
                            }
                        }
                        // The party the tagger left out of the name ("Democrat Lawton
                        // Chiles"), when no other role precedes it.
                        if let Some(&party) = rest.last()
                            && mention.roles.is_empty()
                            && is_party_member(party, mention.words.len())
                        {
                            mention.roles.push(party.to_string());
                        }
                        // "The opposition leader, Mary Jones, was": a role set off by
                        // commas around the name is the name's as one right before it is.
                        let set_off_role = || {
                            let [head @ .., ","] = rest else { return None };
                            after.trim_start().starts_with(',').then_some(())?;
                            role_before(head)
                        };
                        if let Some(role) = role_before(rest).or_else(set_off_role) {
                            mention.roles.push(role);
                        }
                        // "(R-Texas)": the party and the state. (MEANTIME annotates the
                        // parenthesis a mention of the party, so what the tagger makes of
                        // it stays.)
                        if let Some(party) = parenthesized(after).filter(|p| is_party_and_state(p))
                        {
                            mention.roles.push(party.to_string());
                        }
                        if let Some(role) = appositive_after(after) {
                            mention.roles.push(role);
                        }
                    }
                    EntityType::Organization | EntityType::Other => {
                        mention.acronym = acronym_after(&mention.words, after);
                    }
                    _ => {}
                }
                // "Pakistan Tehreek-e-Insaf (PTI)", tagged as a place and a person: an
                // acronym that spells the name together with the capitalized words before
                // it (and the joining words between them) defines one organization over
                // all of them, whatever the tagger made of the parts ("the Society for the
                // Protection of Nature in Israel (SPNI)", whose last word is a place).
                if mention.acronym.is_none()
                    && let Some((start, words, acronym)) =
                        spelled_before(&word, a, &mention.words, after)
                {
                    let from = sentence.tokens[start].start;
                    trim_before(&mut found, sentence, from, mention.end);
                    mention.start = from;
                    mention.words = words;
                    mention.acronym = Some(acronym);
                    mention.title = None;
                    mention.roles.clear();
                }
                if mention.acronym.is_none() && kind == EntityType::Organization {
                    mention.acronym = foreign_acronym_after(&mention.words, after);
                }
                // A name defined with an acronym is an organization's.
                if mention.acronym.is_some() {
                    kind = EntityType::Organization;
                    mention.kind = kind;
                }
                found.push(mention);
            }
        }
        split_people_from_organizations(&fields, &all, &mut found, |words, n| {
            let tagged = self
                .recognizer
                .tag_document(&[self.recognizer.words(words.iter().copied())]);
            spans(&tagged[0]).contains(&(0, n, "PER"))
        });
        define_acronyms_after_untagged_names(&fields, &all, &mut found);
        self.add_bare_acronyms(&fields, &all, &mut found);
        found.sort_by_key(|m| (m.field, m.start));
        // A place as written: a country, a continent or a region by any of its names
        // ("US"), a city by its own ("Delta", not "BBC" or "The", which some town is
        // also called).
        let is_place = |name: &str| {
            self.gazetteer.lookup(name).iter().any(|&c| {
                let place = self.gazetteer.place(c as usize);
                place.kind != PlaceKind::City || place.name == name
            })
        };
        let groups = group(&found, &is_place);
        doc.entities = self.entities(&fields, &found, &groups);
        self.link_dateline(doc);
    }

    /// Acronyms defined in the text ("... (ISPR)") are mentions wherever they stand,
    /// tagged or not, and the organization's whatever the tagger made of them alone
    /// ("National League for Democracy (NLD)": "NLD", tagged a place, is no country
    /// code of the Netherlands there).
    fn add_bare_acronyms(
        &self,
        fields: &[(Option<String>, &str)],
        all: &[Sentence],
        found: &mut Vec<Found>,
    ) {
        let defined: BTreeSet<String> = found.iter().filter_map(|m| m.acronym.clone()).collect();
        if defined.is_empty() {
            return;
        }
        for m in found.iter_mut() {
            if let [word] = m.words.as_slice()
                && defined.contains(word)
                && m.acronym.is_none()
                && m.kind != EntityType::Organization
            {
                m.kind = EntityType::Organization;
                m.title = None;
                m.roles.clear();
            }
        }
        let mut extra = Vec::new();
        for sentence in all {
            let text = fields[sentence.field].1;
            for t in &sentence.tokens {
                let word = &text[t.start..t.end];
                if !defined.contains(word) {
                    continue;
                }
                let covered = found
                    .iter()
                    .any(|m| m.field == sentence.field && m.start < t.end && t.start < m.end);
                if !covered {
                    extra.push(Found {
                        field: sentence.field,
                        start: t.start,
                        end: t.end,
                        kind: EntityType::Organization,
                        words: vec![word.to_string()],
                        title: None,
                        roles: Vec::new(),
                        acronym: None,
                    });
                }
            }
        }
        found.extend(extra);
    }

    fn entities(
        &self,
        fields: &[(Option<String>, &str)],
        found: &[Found],
        groups: &[Group],
    ) -> Vec<Entity> {
        let indexes: Vec<CharIndex> = fields
            .iter()
            .map(|(_, text)| CharIndex::new(text))
            .collect();
        // The countries the article names steer ambiguous places.
        let countries: BTreeSet<String> = groups
            .iter()
            .filter(|g| g.kind == EntityType::Place)
            .filter_map(|g| {
                let candidates = self.gazetteer.lookup(&g.name);
                let country = candidates
                    .iter()
                    .map(|&c| self.gazetteer.place(c as usize))
                    .find(|p| matches!(p.kind, PlaceKind::Country | PlaceKind::Nation));
                match (country, candidates) {
                    (Some(p), _) => Some(p.country.to_string()),
                    (None, [one]) => Some(self.gazetteer.place(*one as usize).country.to_string()),
                    _ => None,
                }
            })
            .collect();
        let places: Vec<Option<Place<'_>>> = groups
            .iter()
            .map(|g| {
                (g.kind == EntityType::Place && !names_a_river(g, found, fields))
                    .then(|| {
                        let names: Vec<&str> = std::iter::once(g.name.as_str())
                            .chain(g.aliases.iter().map(String::as_str))
                            .collect();
                        link::geocode(self.gazetteer, &names, &countries)
                    })
                    .flatten()
                    .map(|p| self.gazetteer.place(p))
            })
            .collect();
        let places = without_strays(places, groups);
        let entities = groups
            .iter()
            .enumerate()
            .map(|(n, g)| {
                let place = places[n];
                let mut name = g.name.clone();
                let mut aliases: Vec<String> = g.aliases.iter().cloned().collect();
                // A place named only in capitals ("ISLAMABAD") takes its gazetteer name.
                if let Some(place) = place.filter(|_| !name.chars().any(char::is_lowercase)) {
                    aliases.insert(0, std::mem::replace(&mut name, place.name.to_string()));
                }
                let geo = place.map(|place| Geo {
                    lat: place.lat,
                    lon: place.lon,
                    country: (!place.country.is_empty()).then(|| place.country.to_string()),
                    geonames_id: Some(place.geonames_id),
                });
                Entity {
                    id: format!("e{}", n + 1),
                    kind: g.kind,
                    name,
                    aliases,
                    title: g.title.clone(),
                    roles: g.roles.clone(),
                    acronym: g.acronym.clone(),
                    geo,
                    mentions: g
                        .mentions
                        .iter()
                        .map(|&m| {
                            let m = &found[m];
                            let (field, text) = &fields[m.field];
                            Mention {
                                start: indexes[m.field].char_offset(m.start),
                                end: indexes[m.field].char_offset(m.end),
                                text: text[m.start..m.end].to_string(),
                                field: field.clone(),
                            }
                        })
                        .collect(),
                    tone: None,
                }
            })
            .collect();
        same_places_joined(entities, fields)
    }

    /// Links the dateline to its place: an entity of the same name, or else a place
    /// from the gazetteer added as an entity of its own.
    fn link_dateline(&self, doc: &mut Document) {
        let Some(dateline) = &doc.dateline else {
            return;
        };
        let key = key_of(&dateline.place);
        let existing = doc.entities.iter().find(|e| {
            e.kind == EntityType::Place
                && (key_of(&e.name) == key || e.aliases.iter().any(|a| key_of(a) == key))
        });
        let id = match existing {
            Some(e) => Some(e.id.clone()),
            None => {
                let countries = doc
                    .entities
                    .iter()
                    .filter_map(|e| e.geo.as_ref()?.country.clone())
                    .collect();
                link::geocode(self.gazetteer, &[dateline.place.as_str()], &countries).map(|p| {
                    let place = self.gazetteer.place(p);
                    let id = format!("e{}", doc.entities.len() + 1);
                    doc.entities.push(Entity {
                        id: id.clone(),
                        kind: EntityType::Place,
                        name: place.name.to_string(),
                        aliases: vec![dateline.place.clone()],
                        title: None,
                        roles: Vec::new(),
                        acronym: None,
                        geo: Some(Geo {
                            lat: place.lat,
                            lon: place.lon,
                            country: Some(place.country.to_string()),
                            geonames_id: Some(place.geonames_id),
                        }),
                        mentions: Vec::new(),
                        tone: None,
                    });
                    id
                })
            }
        };
        if let Some(dateline) = &mut doc.dateline {
            dateline.entity = id;
        }
    }
}

/// Whether every mention of a place is a river's name ("the Reno river", "the River
/// Thames"): the gazetteer knows towns, and the town of that name is another place.
fn names_a_river(group: &Group, found: &[Found], fields: &[(Option<String>, &str)]) -> bool {
    group.mentions.iter().all(|&m| {
        let m = &found[m];
        let text = fields[m.field].1;
        let after = text[m.end..].trim_start();
        let before = text[..m.start].trim_end();
        let word_after = after
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let word_before = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        word_after.eq_ignore_ascii_case("river") || word_before == "River"
    })
}

/// The words of a dateline's place at the body's start ("PHOENIX" of "PHOENIX (AP) —"),
/// a place whatever the tagger makes of a word in capitals before an agency's name.
fn dateline_place(
    doc: &Document,
    fields: &[(Option<String>, &str)],
    all: &[Sentence],
) -> Option<Known> {
    let dateline = doc.dateline.as_ref()?;
    let body = fields.iter().position(|(f, _)| f.is_none())?;
    let end = dateline.end_in(fields[body].1);
    if end == 0 || !dateline.raw.starts_with(dateline.place.as_str()) {
        return None;
    }
    let lead = end - dateline.raw.len();
    let place_end = lead + dateline.place.len();
    let sentence = all.iter().position(|s| s.field == body)?;
    let tokens = &all[sentence].tokens;
    let first = tokens.iter().position(|t| t.start == lead)?;
    let last = tokens.iter().position(|t| t.end == place_end)?;
    (first <= last).then(|| Known {
        sentence,
        words: first..last + 1,
        kind: EntityType::Place,
    })
}

/// Leaves out a town of under 100,000 people in a country none of the article's other
/// places is in, where they are in one ("West End" in a London story is no town in
/// British Columbia; Cornwall in a story of England no town in Ontario): a town that
/// small is named in a story of its own country. Its country or a place in it, named
/// anywhere in the article, keeps it.
fn without_strays<'p>(places: Vec<Option<Place<'p>>>, groups: &[Group]) -> Vec<Option<Place<'p>>> {
    let mut mentions: BTreeMap<&str, usize> = BTreeMap::new();
    for (place, group) in places.iter().zip(groups) {
        if let Some(place) = place {
            *mentions.entry(place.country).or_default() += group.mentions.len();
        }
    }
    places
        .iter()
        .zip(groups)
        .map(|(place, group)| {
            let place = (*place)?;
            let own = mentions.get(place.country).copied().unwrap_or(0);
            let elsewhere = mentions
                .iter()
                .any(|(country, &n)| !country.is_empty() && *country != place.country && n > 0);
            let stray = place.kind == PlaceKind::City
                && place.population < 100_000
                && own == group.mentions.len()
                && elsewhere;
            (!stray).then_some(place)
        })
        .collect()
}

/// Joins the places that are one GeoNames place under different names ("US", "U.S."
/// and "United States"; "UK" and "Britain") into the first named: its name, the others'
/// names as aliases, every mention in text order. Entities are numbered again.
fn same_places_joined(entities: Vec<Entity>, fields: &[(Option<String>, &str)]) -> Vec<Entity> {
    let mut joined: Vec<Entity> = Vec::with_capacity(entities.len());
    for entity in entities {
        // Only places are geocoded.
        let id = entity.geo.as_ref().and_then(|g| g.geonames_id);
        let same = id.and_then(|id| {
            joined
                .iter()
                .position(|e| e.geo.as_ref().and_then(|g| g.geonames_id) == Some(id))
        });
        match same {
            Some(at) => {
                let first = &mut joined[at];
                for name in std::iter::once(entity.name).chain(entity.aliases) {
                    if name != first.name && !first.aliases.contains(&name) {
                        first.aliases.push(name);
                    }
                }
                first.mentions.extend(entity.mentions);
                let order = |field: &Option<String>| fields.iter().position(|(f, _)| f == field);
                first.mentions.sort_by_key(|m| (order(&m.field), m.start));
            }
            _ => joined.push(entity),
        }
    }
    for (n, entity) in joined.iter_mut().enumerate() {
        entity.id = format!("e{}", n + 1);
    }
    joined
}

impl Enrich for EntitiesEnricher {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        // The tagger knows English: in another language every capitalized noun looks
        // like a name to it. Such a record is left alone, and says so.
        if !doc.reads_as_english() {
            doc.warn(NAME, NOT_ENGLISH);
            return Ok(());
        }
        self.annotate(doc);
        Ok(())
    }
}

/// The warning on a record the enricher leaves alone.
const NOT_ENGLISH: &str =
    "not read: the text is not English, the only language the entity tagger knows";

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::Source;

    /// The entity defined with `acronym`, or a failure that shows what was found.
    fn defined_as<'a>(found: &'a [Entity], acronym: &str) -> &'a Entity {
        found
            .iter()
            .find(|e| e.acronym.as_deref() == Some(acronym))
            .unwrap_or_else(|| panic!("nothing defined as {acronym}: {found:#?}"))
    }

    fn entities(body: &str) -> Vec<Entity> {
        let mut doc = Document::new(Source::new("test.txt", 0, "text"));
        doc.body = body.to_string();
        EntitiesEnricher::shipped().unwrap().annotate(&mut doc);
        doc.entities
    }

    /// The nations of the United Kingdom are places with coordinates, steer the towns
    /// an article names to Britain, and keep their standing as countries; the names the
    /// tagger learned without them ("Bank of England") are read as before.
    #[test]
    fn the_uk_nations_are_places_with_coordinates() {
        let found = entities(
            "Wales are unbeaten after victory over England in Cardiff. The Bank of \
             England kept rates on hold in Newcastle, Northern Ireland's ministers said.",
        );
        let named = |name: &str| found.iter().find(|e| e.name == name);
        for nation in ["Wales", "England", "Northern Ireland"] {
            let entity = named(nation).unwrap_or_else(|| panic!("{nation}: {found:#?}"));
            assert_eq!(entity.kind, EntityType::Place, "{nation}");
            let geo = entity.geo.as_ref().expect("coordinates");
            assert_eq!(geo.country.as_deref(), Some("GB"), "{nation}");
        }
        let newcastle = named("Newcastle").expect("Newcastle");
        assert_eq!(
            newcastle.geo.as_ref().unwrap().country.as_deref(),
            Some("GB")
        );
        let bank = named("Bank of England").expect("the bank whole");
        assert_eq!(bank.kind, EntityType::Organization);
    }

    /// A US state abbreviated after a city, as news writes it, is the state with its
    /// coordinates; "LA." ending a sentence is no Louisiana.
    #[test]
    fn an_abbreviated_state_is_the_state() {
        let found = entities(
            "The rally in Fresno, Calif., drew thousands. Another was held in Lexington, \
             Ky., on Monday, and the band then toured LA.",
        );
        let geonames = |name: &str| {
            let entity = found.iter().find(|e| e.name == name);
            entity
                .and_then(|e| e.geo.as_ref())
                .and_then(|g| g.geonames_id)
        };
        // California and Kentucky in GeoNames.
        assert_eq!(geonames("Calif."), Some(5332921), "{found:#?}");
        assert_eq!(geonames("Ky."), Some(6254925), "{found:#?}");
        assert!(
            found
                .iter()
                .all(|e| e.geo.as_ref().and_then(|g| g.geonames_id) != Some(4331987))
        );
    }

    /// A dateline's place in capitals before an agency's name is the place the story
    /// names again, not an organization; a town "outside" which something stands is a
    /// place.
    #[test]
    fn a_datelines_place_is_a_place() {
        let mut doc = Document::new(Source::new("test.txt", 0, "text"));
        doc.body = "PHOENIX (AP) — Lumen Semiconductor Inc. said on Friday it would spend \
                    $2 billion on a new chip packaging plant outside Phoenix."
            .into();
        doc.dateline = Some(dateline_core::Dateline {
            place: "PHOENIX".into(),
            raw: "PHOENIX (AP) —".into(),
            entity: None,
        });
        EntitiesEnricher::shipped().unwrap().annotate(&mut doc);
        let phoenix: Vec<&Entity> = doc
            .entities
            .iter()
            .filter(|e| e.name.eq_ignore_ascii_case("phoenix"))
            .collect();
        assert_eq!(phoenix.len(), 1, "{:#?}", doc.entities);
        assert_eq!(phoenix[0].kind, EntityType::Place);
        assert_eq!(phoenix[0].mentions.len(), 2);
        assert_eq!(
            doc.dateline.unwrap().entity.as_deref(),
            Some(phoenix[0].id.as_str())
        );
    }

    /// "The" that opens a sentence is no part of an institution's name.
    #[test]
    fn the_article_is_no_part_of_an_institutions_name() {
        let found = entities(
            "The Ministry of Defence said troops would stay. The Times reported it first.",
        );
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Ministry of Defence"), "{names:?}");
        assert!(names.contains(&"The Times"), "{names:?}");
    }

    /// A storm is an event, not the person it is named like.
    #[test]
    fn a_storm_is_no_person() {
        let found = entities(
            "The ferry service will resume on Tuesday, a week after Storm Eowyn damaged \
             the pier. Hurricane Ivan hit Grenada in 2004.",
        );
        for name in ["Storm Eowyn", "Ivan"] {
            let storm = found.iter().find(|e| e.name.ends_with(name)).expect(name);
            assert_eq!(storm.kind, EntityType::Other, "{storm:?}");
        }
    }

    /// An event named by its last word is other, not its city or a company; a studio
    /// named "Games" stays one.
    #[test]
    fn an_event_is_other_than_its_city() {
        let found = entities(
            "Kipruto won the Tokyo Marathon on Sunday. He will run at the Commonwealth \
             Games next year. Rockstar Games, the studio, makes Grand Theft Auto.",
        );
        let kind = |name: &str| found.iter().find(|e| e.name == name).map(|e| e.kind);
        assert_eq!(kind("Tokyo Marathon"), Some(EntityType::Other), "{found:?}");
        assert_eq!(
            kind("Commonwealth Games"),
            Some(EntityType::Other),
            "{found:?}"
        );
        assert_ne!(kind("Rockstar Games"), Some(EntityType::Other), "{found:?}");
    }

    /// A small town abroad that only its name links is no place of a story set elsewhere;
    /// a town of the story's country keeps its coordinates.
    #[test]
    fn a_small_town_abroad_is_no_place_of_a_story_set_elsewhere() {
        let found = entities(
            "The musical opens in London's West End next month. It toured Manchester and \
             Leeds last year before a run in Truro, England.",
        );
        let geo_of = |name: &str| {
            found
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.geo.as_ref().and_then(|g| g.country.clone()))
        };
        assert_eq!(geo_of("West End"), Some(None), "{found:#?}");
        assert_eq!(geo_of("Truro"), Some(Some("GB".to_string())));
        assert_eq!(geo_of("Manchester"), Some(Some("GB".to_string())));
    }

    /// A river is not the town of its name.
    #[test]
    fn a_river_is_not_the_town_of_its_name() {
        let found =
            entities("Heavy rain pushed the Reno river over its banks south of Bologna, Italy.");
        let reno = found.iter().find(|e| e.name == "Reno").expect("Reno");
        assert!(reno.geo.is_none(), "{reno:?}");
        let bologna = found.iter().find(|e| e.name == "Bologna").expect("Bologna");
        assert!(bologna.geo.is_some());
    }

    /// Names of one place ("UK", "Britain") are one entity, named as the article first
    /// names it, the others its aliases; the mentions in text order.
    #[test]
    fn names_of_one_place_are_one_entity() {
        let found = entities(
            "Britain and France signed the treaty in Paris. The UK said it would ratify \
             it; Britain's parliament votes next week.",
        );
        let britain: Vec<&Entity> = found
            .iter()
            .filter(|e| e.geo.as_ref().and_then(|g| g.country.as_deref()) == Some("GB"))
            .collect();
        assert_eq!(britain.len(), 1, "{britain:#?}");
        assert_eq!(britain[0].name, "Britain");
        assert!(
            britain[0].aliases.contains(&"UK".to_string()),
            "{:?}",
            britain[0].aliases
        );
        let starts: Vec<usize> = britain[0].mentions.iter().map(|m| m.start).collect();
        assert!(
            starts.len() >= 3 && starts.windows(2).all(|w| w[0] < w[1]),
            "{starts:?}"
        );
        let ids: Vec<&str> = found.iter().map(|e| e.id.as_str()).collect();
        let numbered: Vec<String> = (1..=found.len()).map(|n| format!("e{n}")).collect();
        assert_eq!(ids, numbered);
    }

    /// A page in another language is left alone with a warning, whatever it declares;
    /// an English one is read whatever it declares.
    #[test]
    fn only_english_is_read_whatever_the_page_declares() {
        let enrich = |body: &str, language: Option<&str>| {
            let mut doc = Document::new(Source::new("test.html", 0, "html"));
            doc.body = body.to_string();
            doc.language = language.map(str::to_string);
            EntitiesEnricher::shipped()
                .unwrap()
                .enrich(&mut doc)
                .unwrap();
            doc
        };
        let german = enrich(
            "Das Wendland ist eine schöne, aber sehr ländliche Region im Osten von \
             Niedersachsen. Die Kreisstadt Lüchow hat knapp zehntausend Einwohner, und der \
             Breitbandausbau kommt nur langsam voran.",
            Some("en"),
        );
        assert!(german.entities.is_empty(), "{:?}", german.entities);
        assert_eq!(german.warnings.len(), 1);
        assert!(german.warnings[0].message.contains("not English"));
        let english = enrich(
            "Chancellor Olaf Scholz said on Monday that the government in Berlin would not \
             change its plans for the budget, which the opposition has called unlawful.",
            Some("de"),
        );
        assert!(english.warnings.is_empty());
        assert!(english.entities.iter().any(|e| e.name == "Olaf Scholz"));
    }

    /// An apposition headed by a company's noun that a clause qualifies (", the Lebanese
    /// company founded by ...") makes the name an organization wherever it stands; the
    /// tagger had a place, an organization and a person.
    #[test]
    fn a_company_named_in_an_apposition_is_one_organization() {
        let found = entities(
            "Shares in Solidere, the Lebanese company founded by assassinated former prime \
             minister Rafik Hariri, fell 15% in renewed trading in Beirut.\n\n\
             Solidere, in which Mr Hariri was a major shareholder, was the major drag on the \
             index. \"Solidere should be above $10 but because of this disaster it is \
             falling,\" said one trader.",
        );
        let solidere: Vec<&Entity> = found.iter().filter(|e| e.name == "Solidere").collect();
        assert_eq!(solidere.len(), 1, "{solidere:?}");
        assert_eq!(solidere[0].kind, EntityType::Organization);
        assert_eq!(solidere[0].mentions.len(), 3);
    }

    /// A common word capitalized only because it opens a sentence or a quotation is no
    /// name.
    #[test]
    fn a_word_capitalized_only_to_open_a_sentence_is_no_name() {
        let found = entities(
            "Both navies will patrol against piracy in the Strait of Malacca.\n\n\
             \"Piracy does not respect borders, so our navies should not be divided by \
             them,\" the minister said.",
        );
        assert!(found.iter().all(|e| e.name != "Piracy"), "{found:?}");
        // Nor a word said before what is said, in a transcript of speech.
        let found =
            entities("Um, I think he's cool. Um, it was the last match. Um I did not go to Leeds.");
        assert!(found.iter().all(|e| e.name != "Um"), "{found:?}");
        // Nor the first word of a quotation that opens inside a sentence.
        let found = entities(
            "The mayor said in a statement: \"Tonight, the city stands with its firefighters.\" \
             A neighbour recalled the night, saying, 'Oh, we all ran outside.'",
        );
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert!(
            !names.contains(&"Tonight") && !names.contains(&"Oh"),
            "{names:?}"
        );
    }

    /// In a headline in title case a word running text writes in lower case is no name
    /// alone ("City" of "Leaves City"), but a name in a list stays one.
    #[test]
    fn a_common_word_alone_in_a_title_case_headline_is_no_name() {
        let annotated = |headline: &str, body: &str| {
            let mut doc = Document::new(Source::new("test.txt", 0, "text"));
            doc.headline = Some(headline.into());
            doc.body = body.into();
            EntitiesEnricher::shipped().unwrap().annotate(&mut doc);
            doc.entities.into_iter().map(|e| e.name).collect::<Vec<_>>()
        };
        let names = annotated(
            "Storm Leaves the City Without Power for a Third Day",
            "Thousands of homes in Leeds were without power on Monday after the storm.",
        );
        assert!(!names.iter().any(|n| n == "City"), "{names:?}");
        assert!(names.iter().any(|n| n == "Leeds"), "{names:?}");
    }

    /// A word news writes in lower case more often than not, capitalized only to open a
    /// headline the article does not repeat, is no name; a fixture's first side is one.
    #[test]
    fn a_headlines_first_word_is_no_name_where_news_writes_it_in_lower_case() {
        let mut doc = Document::new(Source::new("test.txt", 0, "text"));
        doc.headline = Some("Central bank holds rates as inflation eases".into());
        doc.body = "The Bank of England kept its main rate at 4.75% on Thursday.".into();
        EntitiesEnricher::shipped().unwrap().annotate(&mut doc);
        assert!(
            doc.entities.iter().all(|e| e.name != "Central"),
            "{:?}",
            doc.entities
        );
        let found = entities("Derby v Wigan\n\nSunderland v Crystal Palace");
        assert!(found.iter().any(|e| e.name == "Derby"), "{found:?}");
        // Capitalized elsewhere only inside a longer name: "Library" opens a headline as
        // any word would; a person's name is called by its last word alone.
        let mut doc = Document::new(Source::new("test.txt", 0, "text"));
        doc.headline = Some("Library lends out its millionth e-book".into());
        doc.body = "The New York Public Library said on Monday it had lent its millionth \
                    e-book. The singer Will Young, a patron, welcomed it.\n\n\
                    Young said libraries mattered."
            .into();
        EntitiesEnricher::shipped().unwrap().annotate(&mut doc);
        let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.contains(&"Library"), "{names:?}");
        let young = doc
            .entities
            .iter()
            .find(|e| e.name == "Will Young")
            .expect("Young");
        assert_eq!(young.mentions.len(), 2, "{young:?}");
    }

    /// Economists, analysts or researchers "at" a name work for it: an organization,
    /// however the tagger read it.
    #[test]
    fn staff_at_a_name_make_it_an_organization() {
        let found = entities(
            "The Bank of England kept its main rate at 4.75% on Thursday. Economists at \
             Barclays said they expected the first cut in May.",
        );
        let barclays = found
            .iter()
            .find(|e| e.name == "Barclays")
            .expect("Barclays");
        assert_eq!(barclays.kind, EntityType::Organization);
    }

    /// A person known by a name inside their full one ("Lula" in "Luiz Inácio Lula da
    /// Silva") is one person, wherever the short name stands.
    #[test]
    fn a_person_known_by_an_inner_name_is_one_person() {
        let found = entities(
            "Brazil's Lula names new central bank governor.\n\n\
             President Luiz Inácio Lula da Silva named Gabriel Galípolo on Tuesday. Lula \
             praised his record at the bank.",
        );
        let lula: Vec<&Entity> = found.iter().filter(|e| e.name.contains("Lula")).collect();
        assert_eq!(lula.len(), 1, "{lula:?}");
        assert_eq!(lula[0].name, "Luiz Inácio Lula da Silva");
        assert_eq!(lula[0].kind, EntityType::Person);
        assert_eq!(lula[0].mentions.len(), 3);
    }

    /// An acronym spells the capitalized words of its name over the joining words
    /// between them.
    #[test]
    fn an_acronym_spells_a_name_over_its_joining_words() {
        let found = entities(
            "Nepal signed a railway study deal under the Belt and Road Initiative (BRI) \
             during the visit. Critics say BRI loans burden small economies.",
        );
        let bri = defined_as(&found, "BRI");
        assert_eq!(bri.name, "Belt and Road Initiative");
        assert_eq!(bri.kind, EntityType::Organization);
        assert!(
            found
                .iter()
                .all(|e| e.name != "Belt" && e.name != "Road Initiative")
        );
    }

    /// An acronym in parentheses makes one organization of the words it spells, whatever
    /// the tagger made of them, and joins its later mentions to it.
    #[test]
    fn an_acronym_defines_one_organization_over_the_words_it_spells() {
        let found = entities(
            "Thousands of supporters of the Pakistan Tehreek-e-Insaf (PTI) marched in Lahore. \
             The African Development Bank (AfDB) lent $2 million. PTI leaders spoke.",
        );
        let named = |name: &str| found.iter().find(|e| e.name == name);
        let pti = named("Pakistan Tehreek-e-Insaf").expect("one organization");
        assert_eq!(pti.kind, EntityType::Organization);
        assert_eq!(pti.acronym.as_deref(), Some("PTI"));
        // The name, the acronym where it is defined, and the acronym alone later.
        assert_eq!(pti.mentions.len(), 3);
        assert!(named("Tehreek-e-Insaf").is_none() && named("PTI").is_none());
        let afdb = named("African Development Bank").expect("the bank");
        assert_eq!(afdb.acronym.as_deref(), Some("AfDB"));
        assert!(named("AfDB").is_none());
        // A name whose last word is a place, joined by "for the", "of" and "in".
        let found = entities(
            "The count was the largest on record, the Society for the Protection of Nature \
             in Israel (SPNI) said.",
        );
        let spni = defined_as(&found, "SPNI");
        assert_eq!(spni.name, "Society for the Protection of Nature in Israel");
        assert_eq!(spni.kind, EntityType::Organization);
        assert!(found.iter().all(|e| e.name != "Israel"), "{found:?}");
    }

    /// Where the tagger ends no name right before an acronym in parentheses, the
    /// capitalized words it spells still make one organization, and a later mention of
    /// the name without its opening place joins it, however the tagger typed it.
    #[test]
    fn an_acronym_defines_an_organization_the_tagger_left_in_pieces() {
        let found = entities(
            "Imran Khan's Pakistan Tehreek-e-Insaf (PTI) criticised the cost. The PTI said \
             Tehreek-e-Insaf would protest, and the Office of the Deputy Prime Minister \
             (ODPM) declined to comment.",
        );
        let pti = defined_as(&found, "PTI");
        assert_eq!(pti.name, "Pakistan Tehreek-e-Insaf");
        assert_eq!(pti.kind, EntityType::Organization);
        let texts: Vec<&str> = pti.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Pakistan Tehreek-e-Insaf", "PTI", "PTI", "Tehreek-e-Insaf"]
        );
        assert!(found.iter().all(|e| e.name != "Pakistan"), "{found:#?}");
        let odpm = defined_as(&found, "ODPM");
        assert_eq!(odpm.name, "Office of the Deputy Prime Minister");
        // A name the tagger did end before the parenthesis keeps its type.
        let found = entities("Trade between the United States (US) and Mexico grew.");
        assert!(
            found
                .iter()
                .any(|e| e.name == "United States" && e.kind == EntityType::Place),
            "{found:#?}"
        );
    }

    /// An acronym that leaves out the owner or the place opening the name, and one
    /// written as a word, define the organization and join its later mentions.
    #[test]
    fn an_acronym_of_the_last_words_or_written_as_a_word_joins_the_organization() {
        let found = entities(
            "The US Food and Drug Administration (FDA) approved the drug on Monday. The FDA \
             said trials would continue. The North Atlantic Treaty Organisation (Nato) met \
             in Brussels, and Nato ministers agreed.",
        );
        let fda = defined_as(&found, "FDA");
        assert_eq!(fda.name, "US Food and Drug Administration");
        assert_eq!(fda.mentions.len(), 3, "{:?}", fda.mentions);
        let nato = defined_as(&found, "Nato");
        assert_eq!(nato.name, "North Atlantic Treaty Organisation");
        assert_eq!(nato.mentions.len(), 3, "{:?}", nato.mentions);
        assert!(
            found.iter().all(|e| e.name != "FDA" && e.name != "Nato"),
            "{found:#?}"
        );
        // The acronym of the name in its own language, whose letters are not the
        // initials of the English one.
        let found = entities(
            "The West African Development Bank (BOAD) lent $40 million to Togo. BOAD \
             officials said the loan would build roads.",
        );
        let boad = defined_as(&found, "BOAD");
        assert_eq!(boad.name, "West African Development Bank");
        assert_eq!(boad.mentions.len(), 3, "{:?}", boad.mentions);
    }

    /// A person named with a middle initial and without it is one person, unless the
    /// name without it fits two people named with initials.
    #[test]
    fn a_middle_initial_names_the_same_person() {
        let found = entities(
            "Michael R. Bloomberg spoke in Denver on Tuesday. Michael Bloomberg, the former \
             mayor, said he would spend more.",
        );
        let people: Vec<&Entity> = found
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .collect();
        assert_eq!(people.len(), 1, "{people:?}");
        assert_eq!(people[0].mentions.len(), 2);
        let found =
            entities("George H. W. Bush and George W. Bush met in Texas. George Bush spoke first.");
        let george = found
            .iter()
            .filter(|e| e.name.starts_with("George"))
            .count();
        assert_eq!(george, 3, "{found:?}");
    }

    /// An acronym used before the long form that defines it is the same entity.
    #[test]
    fn an_acronym_used_before_its_definition_joins_it() {
        let found = entities(
            "Officials at WHO said cases rose. The World Health Organization (WHO) urged \
             vaccination, and the United Nations Children's Fund (UNICEF) agreed.",
        );
        let who = found
            .iter()
            .find(|e| e.name == "World Health Organization")
            .expect("the organization");
        assert_eq!(who.acronym.as_deref(), Some("WHO"));
        assert_eq!(who.mentions.len(), 3, "{:?}", who.mentions);
        assert!(found.iter().all(|e| e.name != "WHO"), "{found:?}");
        let unicef = found
            .iter()
            .find(|e| e.name == "United Nations Children's Fund")
            .expect("the fund, its name written as in the text");
        assert_eq!(unicef.acronym.as_deref(), Some("UNICEF"));
    }

    /// An acronym the text defines is the organization's wherever it stands, even where
    /// the tagger reads it alone as something else ("NLD" is also the Netherlands' code).
    #[test]
    fn a_defined_acronym_is_the_organization_whatever_the_tagger_read() {
        let found = entities(
            "Police detained members of Suu Kyi's National League for Democracy (NLD) \
             on Friday. Several leading members of the NLD have served prison terms.",
        );
        let nld = found
            .iter()
            .find(|e| e.name == "National League for Democracy")
            .expect("the party");
        assert_eq!(nld.acronym.as_deref(), Some("NLD"));
        assert_eq!(nld.mentions.len(), 3, "{:?}", nld.mentions);
        assert!(
            found.iter().all(|e| e.kind != EntityType::Place),
            "{found:?}"
        );
    }

    /// A nickname in marks inside a person's name is part of the mention, not of the
    /// name, and no entity of its own.
    #[test]
    fn a_nickname_in_marks_is_no_entity_and_no_part_of_the_name() {
        let found = entities(
            "Boxing legend Roberto \"Hands of Stone\" Duran climbs into the ring on \
             Saturday. Mob boss Vincent \"The Chin\" Gigante died in prison. Duran said \
             he was ready.",
        );
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Roberto Duran", "Vincent Gigante"], "{found:?}");
        assert_eq!(found[0].mentions.len(), 2);
        assert!(found.iter().all(|e| e.kind == EntityType::Person));
    }

    /// The title of the person named `person` among `found`.
    fn title_of<'a>(found: &'a [Entity], person: &str) -> Option<&'a str> {
        found
            .iter()
            .find(|e| e.name == person)
            .and_then(|e| e.title.as_deref())
    }

    #[test]
    fn an_office_a_title_names_keeps_its_names_and_places() {
        let found = entities(
            "Deputy Governor of the Central Bank Mark Lee and President of the European \
             Parliament Josep Borrell met in Brussels on Monday.",
        );
        for (person, title, office) in [
            (
                "Mark Lee",
                "Deputy Governor of the Central Bank",
                "Central Bank",
            ),
            (
                "Josep Borrell",
                "President of the European Parliament",
                "European Parliament",
            ),
        ] {
            assert_eq!(title_of(&found, person), Some(title), "{found:?}");
            assert!(
                found.iter().any(|e| e.name == office),
                "{office}: {found:?}"
            );
        }
        // After "of" alone, a place the title names stays a place.
        let found = entities(
            "Governor of California Gavin Newsom and Mayor of London Sadiq Khan spoke on \
             Monday.",
        );
        for (person, title, place) in [
            ("Gavin Newsom", "Governor of California", "California"),
            ("Sadiq Khan", "Mayor of London", "London"),
        ] {
            assert_eq!(title_of(&found, person), Some(title), "{found:?}");
            assert!(
                found
                    .iter()
                    .any(|e| e.name == place && e.kind == EntityType::Place),
                "{place}: {found:?}"
            );
        }
    }

    /// A parliament's or a government's office before a name is the person's title, and
    /// the chamber before it stays an organization of its own.
    #[test]
    fn an_office_of_a_chamber_or_a_cabinet_is_a_title() {
        let found = entities(
            "Senate Majority Leader Chuck Schumer met House Minority Whip Katherine Clark, \
             Shadow Chancellor Rachel Reeves and Interior Cabinet Secretary Kithure Kindiki.",
        );
        for (person, title) in [
            ("Chuck Schumer", "Majority Leader"),
            ("Katherine Clark", "Minority Whip"),
            ("Rachel Reeves", "Shadow Chancellor"),
            ("Kithure Kindiki", "Interior Cabinet Secretary"),
        ] {
            assert_eq!(title_of(&found, person), Some(title), "{found:?}");
        }
        assert!(found.iter().any(|e| e.name == "Senate"), "{found:?}");
        assert!(
            found.iter().all(|e| !e.name.contains("Majority")
                && !e.name.contains("Minority")
                && !e.name.contains("Cabinet")),
            "{found:?}"
        );
    }

    /// A member of a parliament's party stands apart from the title, as a club does.
    #[test]
    fn a_members_party_is_an_organization_and_the_title_its_members() {
        let found = entities(
            "Labour MP Diane Abbott and Conservative MP Jacob Rees-Mogg clashed, and MP Jess \
             Phillips wrote to the party.",
        );
        for (person, title) in [
            ("Diane Abbott", "MP"),
            ("Jacob Rees-Mogg", "MP"),
            ("Jess Phillips", "MP"),
        ] {
            assert_eq!(title_of(&found, person), Some(title), "{found:?}");
        }
        for party in ["Labour", "Conservative"] {
            assert!(
                found
                    .iter()
                    .any(|e| e.name == party && e.kind == EntityType::Organization),
                "{party}: {found:?}"
            );
        }
    }

    #[test]
    fn a_party_before_a_name_is_the_persons_role() {
        let found = entities(
            "Democrat Lawton Chiles of Florida and Tory Neil Hamilton spoke, as did Tory \
             Burch.",
        );
        for (person, party) in [("Lawton Chiles", "Democrat"), ("Neil Hamilton", "Tory")] {
            let entity = found.iter().find(|e| e.name == person);
            assert!(
                entity.is_some_and(|e| e.kind == EntityType::Person && e.roles == [party]),
                "{person}: {found:?}"
            );
        }
        // A given name, before a surname alone.
        assert!(!found.iter().any(|e| e.name == "Burch"), "{found:?}");
    }

    #[test]
    fn a_lawmakers_party_and_state_are_the_persons_role() {
        let found = entities(
            "Sen. Ted Cruz (R-Texas) and Rep. Gerry Connolly (D-Va.) spoke with Rep. Peter \
             Welch (D-VT).",
        );
        for (person, role) in [
            ("Ted Cruz", "R-Texas"),
            ("Gerry Connolly", "D-Va"),
            ("Peter Welch", "D-VT"),
        ] {
            let entity = found.iter().find(|e| e.name == person);
            assert!(
                entity.is_some_and(|e| e.roles.iter().any(|r| r.starts_with(role))),
                "{person}: {found:?}"
            );
        }
    }

    #[test]
    fn where_a_company_is_based_is_no_part_of_its_name() {
        let found = entities(
            "Andrew Shoup, chairman of Dallas-based Sabine, said prices would rise. Los \
             Angeles-based Northrop Grumman won.",
        );
        assert!(
            found.iter().any(|e| e.name == "Sabine")
                && found.iter().any(|e| e.name == "Northrop Grumman")
                && !found.iter().any(|e| e.name.contains("based")),
            "{found:?}"
        );
    }

    #[test]
    fn a_clocks_zone_is_no_place() {
        let found = entities("Talks resume on Friday at 1000 EST in Pontiac.");
        assert!(
            !found
                .iter()
                .any(|e| matches!(e.name.as_str(), "Estonia" | "EST")),
            "{found:?}"
        );
        assert!(found.iter().any(|e| e.name == "Pontiac"), "{found:?}");
    }

    /// A title is no part of an organization's name, whatever the tagger ran together.
    #[test]
    fn a_title_is_no_part_of_an_organization() {
        let found =
            entities("Army Chief Asim Munir met Chief of Defense Forces Field Marshal Asim Munir.");
        assert!(
            found
                .iter()
                .all(|e| e.name != "Army" && !e.name.contains("Marshal"))
        );
        let found = entities(
            "Tanzanian Minister of Works Juma Mkumbo described the deal as overdue. \
             Juma Mkumbo spoke later.",
        );
        let mkumbo = found
            .iter()
            .find(|e| e.name == "Juma Mkumbo")
            .expect("a person");
        assert_eq!(mkumbo.kind, EntityType::Person);
        assert_eq!(mkumbo.title.as_deref(), Some("Minister of Works"));
        assert!(found.iter().all(|e| !e.name.starts_with("Works")));
        // Named once: the tagger, reading the name without its title, says it is a person.
        let found =
            entities("Minister of Works Juma Mkumbo said on Monday the road would open in March.");
        let mkumbo = found
            .iter()
            .find(|e| e.name == "Juma Mkumbo")
            .unwrap_or_else(|| panic!("a person: {found:?}"));
        assert_eq!(mkumbo.kind, EntityType::Person);
        assert_eq!(mkumbo.title.as_deref(), Some("Minister of Works"));
        assert!(
            found.iter().all(|e| e.kind != EntityType::Organization),
            "{found:?}"
        );
        // An office after "for", and a title set off by commas around the name.
        let found = entities(
            "Tanzania's Minister of Finance, Mwigulu Nchemba, welcomed the deal. \
             The Minister for Foreign Affairs, Stergomena Tax, said it was good.",
        );
        let title = |name: &str| {
            found
                .iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("{name}: {found:?}"))
                .title
                .clone()
        };
        assert_eq!(
            title("Mwigulu Nchemba").as_deref(),
            Some("Minister of Finance")
        );
        assert_eq!(
            title("Stergomena Tax").as_deref(),
            Some("Minister for Foreign Affairs")
        );
        assert!(
            found.iter().all(|e| e.kind != EntityType::Organization),
            "{found:?}"
        );
        // Without the closing comma the name is no apposition of the title.
        let found = entities("In a letter to the Minister, John Smith said the road would open.");
        assert!(found.iter().all(|e| e.title.is_none()), "{found:?}");
        // A role set off by commas likewise; not without the closing comma.
        let found = entities(
            "The opposition leader, Mary Jones, was unconvinced. After the leader spoke, \
             John Smith left.",
        );
        let roles = |name: &str| {
            found
                .iter()
                .find(|e| e.name == name)
                .unwrap_or_else(|| panic!("{name}: {found:?}"))
                .roles
                .clone()
        };
        assert_eq!(roles("Mary Jones"), ["opposition leader"]);
        assert!(roles("John Smith").is_empty(), "{found:?}");
    }

    /// A role read before a name keeps its possessor, though the tokenizer splits "'s".
    #[test]
    fn a_possessive_role_keeps_its_possessor() {
        let found =
            entities("The Interior Ministry's spokesman Ali Khan said the talks went well.");
        let khan = found
            .iter()
            .find(|e| e.name == "Ali Khan")
            .expect("a person");
        assert_eq!(khan.roles, ["Interior Ministry's spokesman"]);
    }
}
