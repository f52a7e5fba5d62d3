//! # dateline-tone
//!
//! The `tone` enricher: how an article reads, and the tone of what it says about each of
//! its entities.
//!
//! Every word of the headline, the summary and the body is looked up in a lexicon of word
//! valences (-4..4: VADER's general lexicon with Dateline's news words, see
//! `cargo xtask lexicon`), its valence turned around by a negator before it in its clause
//! ("not good"), scaled by an intensifier or a softener ("very", "slightly") and weighed
//! by which side of a contrast it is on ("..., but ..."). Words inside an entity's
//! mention in the summary or the body do not count: a name ("Hope", "Justice Department")
//! is not an opinion. In the headline they do: names found in a title-cased line of a few
//! words are the least sure, and masking them cost more real words than it saved (SemEval
//! trial headlines: Pearson 0.605 masked, 0.663 not).
//!
//! - The article's `tone.score` is the sum of those valences over the number of words to
//!   the power 0.75, squashed into [-1, 1]: a long article is not more extreme than a
//!   short one for saying the same thing more often, and a headline of a few words is not
//!   judged on one word alone. `positive` and `negative` are the
//!   shares of words that are positive and negative in context, `polarity` their sum and
//!   `words` the words counted.
//! - An entity's `tone.score` first comes from the lexicon rules: the sentences it is
//!   mentioned in, each polar word weighed by how near it is to the mention, and the
//!   events it is in (an assault, a threat or an accusation aimed at it is said against
//!   it). For a person or an organization, a learned model ([`target`], trained on
//!   NewsMTSC by `cargo xtask train-tone`) then reads each sentence that mentions it,
//!   the rules' score among what it reads, and gives the score: within 0.1 of zero
//!   exactly when neutral is its likeliest reading. On NewsMTSC dev the rules reach
//!   0.56 / 0.50 macro-F1 (real-world / multi-target sentences), the model 0.65 / 0.58.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_tone::{Settings, tone_of};
//!
//! let mut doc = Document::new(Source::new("example.txt", 0, "text"));
//! doc.headline = Some("Mortar attack leaves at least 18 dead".into());
//! tone_of(&mut doc, &Settings::default());
//! assert!(doc.tone.unwrap().score < -0.3);
//! ```

#![warn(missing_docs)]

pub mod lexicon;
pub mod target;
pub mod words;

use dateline_core::{
    Document, Enrich, EntityTone, Host, Kind, NoConfig, Plugin, PluginError, PluginInfo, Tone,
};

use dateline_core::{Entity, EntityType, QuoteKind};
use dateline_linear::Linear;

use crate::lexicon::Lexicon;
use crate::target::{EventRole, Mention};
use crate::words::{Weights, Word, read};

/// The plugin's name in pipelines.
pub const NAME: &str = "tone";

/// The numbers of the lexicon rules; the defaults are what `cargo xtask eval tone`
/// measured best on the tuning data (SemEval-2007 trial headlines for the article,
/// NewsMTSC train for the rules' entity score), kept where the figures on the other sets
/// agreed. The learned model of the tone toward a person was trained on the rules' entity
/// score with these defaults: change them, and `cargo xtask train-tone` again.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// How context changes a word's valence.
    pub weights: Weights,
    /// The article score is `tanh(sum / (spread * max(words, least_words) ^ exponent))`.
    pub spread: f32,
    /// Between 0.5 (a long article reads as strongly as its polar words add up) and 1
    /// (only the average word counts).
    pub exponent: f32,
    /// Fewer words than this count as this many: a three-word headline is not
    /// judged on one word alone.
    pub least_words: f32,
    /// A polar word `d` words from a mention weighs `1 / (1 + d / reach)` for the entity.
    pub reach: f32,
    /// The entity score is `tanh(sum / (entity_spread * sqrt(sentences)))`.
    pub entity_spread: f32,
    /// What an event aimed at an entity adds to its sum for each of its kinds' valence.
    pub event_weight: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            weights: Weights::default(),
            spread: 0.5,
            exponent: 0.75,
            least_words: 8.0,
            reach: 4.0,
            entity_spread: 1.0,
            event_weight: 1.0,
        }
    }
}

/// The `tone` enricher.
pub struct ToneEnricher;

impl Plugin for ToneEnricher {
    type Config = NoConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "the tone of the article and of what it says about each entity".into(),
            requires: vec!["entities".into()],
            // It also sets each entity's `tone`, but `entities` stay the entities
            // enricher's in the record's provenance: it made them.
            provides: vec!["tone".into()],
        }
    }

    fn new(_config: NoConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Lexicon::shipped();
        Ok(ToneEnricher)
    }
}

impl Enrich for ToneEnricher {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        tone_of(doc, &Settings::default());
        Ok(())
    }
}

/// How an event kind (PLOVER, lowercase) reads for the entity it is aimed at: negative for
/// force, pressure and blame, positive for help and agreement.
fn event_valence(kind: &str) -> f32 {
    match kind {
        "assault" => -3.0,
        "coerce" | "threaten" => -2.0,
        "accuse" | "sanction" | "protest" | "reject" => -1.5,
        "aid" | "support" => 1.5,
        "agree" | "cooperate" | "concede" => 1.0,
        _ => 0.0,
    }
}

/// A name in a field: code point range, the entity's type and its index in the record.
type Name = (usize, usize, EntityType, usize);

/// One field's words, with the words inside entity mentions made neutral, and its names.
struct FieldWords {
    name: Option<String>,
    words: Vec<Word>,
    names: Vec<Name>,
}

/// The fields tone reads, by their name in mentions (`None` is the body), in order.
fn field_texts(doc: &Document) -> Vec<(Option<String>, &str)> {
    let mut fields: Vec<(Option<String>, &str)> = Vec::new();
    if let Some(headline) = &doc.headline {
        fields.push((Some("headline".into()), headline));
    }
    for (i, s) in doc.summary.iter().enumerate() {
        fields.push((Some(format!("summary.{i}")), s));
    }
    fields.push((None, &doc.body));
    fields
}

fn read_fields(doc: &Document, settings: &Settings) -> Vec<FieldWords> {
    let lexicon = Lexicon::shipped();
    field_texts(doc)
        .into_iter()
        .map(|(name, text)| {
            let mut words = read(text, lexicon, &settings.weights);
            let mut names: Vec<Name> = doc
                .entities
                .iter()
                .enumerate()
                .flat_map(|(k, e)| {
                    e.mentions
                        .iter()
                        .filter(|m| m.field == name)
                        .map(move |m| (m.start, m.end, e.kind, k))
                })
                .collect();
            names.sort_unstable_by_key(|n| (n.0, n.1));
            // A headline is title-cased or short of context, and the names found in it
            // are the least sure: masking them costs more real words than it saves.
            let masked: &[Name] = if name.as_deref() == Some("headline") {
                &[]
            } else {
                &names
            };
            for m in masked {
                let from = words.partition_point(|w| w.end <= m.0);
                for w in words[from..].iter_mut().take_while(|w| w.start < m.1) {
                    w.valence = 0.0;
                }
            }
            FieldWords { name, words, names }
        })
        .collect()
}

/// Fills `doc.tone` and each entity's `tone`.
pub fn tone_of(doc: &mut Document, settings: &Settings) {
    let fields = read_fields(doc, settings);
    let (mut sum, mut positive, mut negative, mut counted) = (0f64, 0u64, 0u64, 0u64);
    for field in &fields {
        for w in &field.words {
            // Every word counts toward the length, polar or not (numbers too).
            counted += 1;
            sum += w.valence as f64;
            if w.valence > 0.0 {
                positive += 1;
            } else if w.valence < 0.0 {
                negative += 1;
            }
        }
    }
    let share = |n: u64| round(n as f64 / counted.max(1) as f64);
    let spread = settings.spread as f64
        * (counted as f64)
            .max(settings.least_words as f64)
            .powf(settings.exponent as f64);
    doc.tone = Some(Tone {
        score: round((sum / spread).tanh()),
        positive: share(positive),
        negative: share(negative),
        polarity: share(positive + negative),
        words: counted,
    });
    entity_tones(doc, &fields, settings);
    learned_tones(doc, &fields, target::shipped());
}

/// Whether the learned model reads the tone toward an entity of this type: it learned
/// from sentences about people, and organizations are their nearest kin; places and other
/// names keep the lexicon rules' score.
fn learned(kind: EntityType) -> bool {
    matches!(kind, EntityType::Person | EntityType::Organization)
}

/// Builds what the learned model reads of the span `span` of `field` (see
/// [`target::Mention`]), the entity mentioned there being `entity` if any, and hands it to
/// `f`. `None` when the span covers no word.
fn with_mention<R>(
    doc: &Document,
    view: &FieldView,
    span: (usize, usize),
    entity: Option<&Entity>,
    f: impl FnOnce(&Mention) -> R,
) -> Option<R> {
    let FieldView {
        field,
        chars,
        lower,
    } = view;
    let names = &field.names;
    let words = &field.words;
    let first = words.partition_point(|w| w.end <= span.0);
    let sentence = words.get(first).filter(|w| w.start < span.1)?.sentence;
    let lo = words[..first].partition_point(|w| w.sentence < sentence);
    let hi = first + words[first..].partition_point(|w| w.sentence == sentence);
    let (from, to) = (words[lo].start, words[hi - 1].end);
    let within = |start: usize, end: usize| from <= start && end <= to;
    let others: Vec<(usize, usize, EntityType)> = names
        .iter()
        .filter(|n| !(n.0 < span.1 && span.0 < n.1))
        .map(|n| (n.0, n.1, n.2))
        .collect();
    let id = entity.map(|e| e.id.as_str());
    let events: Vec<EventRole> = doc
        .events
        .iter()
        .filter(|v| id.is_some() && v.field == field.name && within(v.trigger.start, v.trigger.end))
        .filter_map(|v| {
            let is = |a: &Option<dateline_core::Argument>| {
                a.as_ref().and_then(|a| a.entity.as_deref()) == id
            };
            let target = if is(&v.target) {
                true
            } else if is(&v.source) {
                false
            } else {
                return None;
            };
            Some(EventRole {
                target,
                kind: &v.kind,
                negated: v.negated,
            })
        })
        .collect();
    // The body's quotations only (the model learned from sentences of a body), and words
    // in quotation marks only: reported speech is the writer's sentence, and counting it
    // too made NewsMTSC dev worse (dev_mt 0.5825 -> 0.5700, dev_rw 0.6307 -> 0.6295; the
    // held-aside fifth of train 0.6390 -> 0.6457) and the model move with every change to
    // the indirect finder.
    let body = field.name.is_none();
    let mut in_marks = doc
        .quotes
        .iter()
        .filter(|q| q.field.is_none() && q.kind != QuoteKind::Indirect);
    let quoted = body
        && in_marks.clone().any(|q| {
            q.start <= span.0
                && span.1 <= q.end
                && (q.kind == QuoteKind::Direct || opened_before(chars, q.start, span.0))
        });
    let speaks = body
        && id.is_some()
        && in_marks.any(|q| q.speaker.as_deref() == id && q.start < to && from < q.end);
    let mut people: Vec<usize> = names
        .iter()
        .filter(|n| n.2 == EntityType::Person && within(n.0, n.1))
        .map(|n| n.3)
        .collect();
    people.sort_unstable();
    people.dedup();
    let mention = Mention {
        chars,
        words,
        lower,
        span,
        others: &others,
        rule: entity
            .and_then(|e| e.tone.as_ref())
            .map_or(0.0, |t| t.score as f32),
        events: &events,
        quoted,
        speaks,
        people: people.len(),
    };
    Some(f(&mention))
}

/// Whether a quotation mark is open at `at`, reading from `from`: a mixed quotation's
/// content holds the reporting clause's own words around its quoted ones.
fn opened_before(chars: &[char], from: usize, at: usize) -> bool {
    let between = &chars[from.min(chars.len())..at.min(chars.len())];
    let count = |c: char| between.iter().filter(|&&x| x == c).count();
    count('“') > count('”') || count('"') % 2 == 1
}

/// A field as the learned model reads it.
struct FieldView<'a> {
    field: &'a FieldWords,
    /// Its text as code points.
    chars: Vec<char>,
    /// Its words in lowercase.
    lower: Vec<String>,
}

impl<'a> FieldView<'a> {
    fn new(field: &'a FieldWords, text: &str) -> FieldView<'a> {
        let chars: Vec<char> = text.chars().collect();
        let lower = target::lowercase_words(&chars, &field.words);
        FieldView {
            field,
            chars,
            lower,
        }
    }
}

/// The tone toward each person and organization from the learned model (see [`target`]):
/// its classes' probabilities averaged over the sentences that mention it (one reading
/// per sentence), the lexicon rules' score one of what the model reads.
fn learned_tones(doc: &mut Document, fields: &[FieldWords], model: &Linear) {
    if !doc.entities.iter().any(|e| learned(e.kind)) {
        return;
    }
    let mut sums: Vec<([f32; 3], u32)> = vec![([0.0; 3], 0); doc.entities.len()];
    // `fields` were read from `field_texts` in this order.
    for (field, (_, text)) in fields.iter().zip(field_texts(doc)) {
        if !field.names.iter().any(|n| learned(n.2)) {
            continue;
        }
        let view = FieldView::new(field, text);
        for (k, entity) in doc.entities.iter().enumerate() {
            if !learned(entity.kind) {
                continue;
            }
            let mut seen: Vec<u32> = Vec::new();
            for m in entity.mentions.iter().filter(|m| m.field == field.name) {
                let first = field.words.partition_point(|w| w.end <= m.start);
                match field.words.get(first) {
                    Some(w) if !seen.contains(&w.sentence) => seen.push(w.sentence),
                    _ => continue,
                }
                let span = (m.start, m.end);
                let reading = with_mention(doc, &view, span, Some(entity), |m| {
                    target::probabilities(model, m)
                });
                if let Some(Some(p)) = reading {
                    sums[k].0.iter_mut().zip(p).for_each(|(s, p)| *s += p);
                    sums[k].1 += 1;
                }
            }
        }
    }
    for (entity, (sum, sentences)) in doc.entities.iter_mut().zip(sums) {
        if sentences > 0 {
            let n = sentences as f32;
            let score = target::score([sum[0] / n, sum[1] / n, sum[2] / n]);
            entity.tone = Some(EntityTone {
                score: round(score as f64),
            });
        }
    }
}

/// The learned model's features for a span of the body, read as the enricher reads a
/// mention there (the entity whose mention overlaps it, if any, lends its events, its
/// quotations and its lexicon score): what `cargo xtask train-tone` learns from, given a
/// record that went through the enrichers before `tone`. Nothing is called when the span
/// covers no word.
pub fn span_features(doc: &Document, span: (usize, usize), f: impl FnMut(&str, f32)) {
    let settings = Settings::default();
    let mut rules = doc.clone();
    let fields = read_fields(&rules, &settings);
    entity_tones(&mut rules, &fields, &settings);
    let Some(body) = fields.iter().find(|f| f.name.is_none()) else {
        return;
    };
    let entity = rules.entities.iter().find(|e| {
        e.mentions
            .iter()
            .any(|m| m.field.is_none() && m.start < span.1 && span.0 < m.end)
    });
    let view = FieldView::new(body, &rules.body);
    with_mention(&rules, &view, span, entity, |m| {
        target::for_each_feature(m, f)
    });
}

fn entity_tones(doc: &mut Document, fields: &[FieldWords], settings: &Settings) {
    let reach = settings.reach;
    let mut sums: Vec<(f32, u32)> = vec![(0.0, 0); doc.entities.len()];
    for (k, entity) in doc.entities.iter().enumerate() {
        // What it says is its stance, not a tone toward it: the words of its own
        // quotations do not count for it.
        let own_quotes: Vec<(Option<&str>, usize, usize)> = doc
            .quotes
            .iter()
            .filter(|q| q.speaker.as_deref() == Some(entity.id.as_str()))
            .map(|q| (q.field.as_deref(), q.start, q.end))
            .collect();
        // One contribution per sentence: two mentions in one sentence read it once.
        let mut seen: Vec<(usize, u32)> = Vec::new();
        for m in &entity.mentions {
            let Some(f) = fields.iter().position(|f| f.name == m.field) else {
                continue;
            };
            let words = &fields[f].words;
            let first = words.partition_point(|w| w.end <= m.start);
            let Some(sentence) = words.get(first).map(|w| w.sentence) else {
                continue;
            };
            let last = first + words[first..].partition_point(|w| w.start < m.end);
            let key = (f, sentence);
            if seen.contains(&key) {
                continue;
            }
            let mut sentence_sum = 0.0;
            let lo = words[..first].partition_point(|w| w.sentence < sentence);
            let hi = last + words[last..].partition_point(|w| w.sentence == sentence);
            for (i, w) in words.iter().enumerate().take(hi).skip(lo) {
                if w.valence == 0.0 || (first..last).contains(&i) {
                    continue;
                }
                if own_quotes
                    .iter()
                    .any(|&(field, s, e)| field == m.field.as_deref() && s <= w.start && w.end <= e)
                {
                    continue;
                }
                let distance = if i < first { first - i } else { i + 1 - last } as f32;
                sentence_sum += w.valence / (1.0 + (distance - 1.0) / reach);
            }
            seen.push(key);
            sums[k].0 += sentence_sum;
            sums[k].1 += 1;
        }
    }
    for event in &doc.events {
        let valence = event_valence(&event.kind);
        if valence == 0.0 || event.negated {
            continue;
        }
        if let Some(target) = event.target.as_ref().and_then(|t| t.entity.as_deref())
            && let Some(k) = doc.entities.iter().position(|e| e.id == target)
        {
            sums[k].0 += valence * settings.event_weight;
        }
    }
    for (entity, (sum, sentences)) in doc.entities.iter_mut().zip(sums) {
        if sentences == 0 && sum == 0.0 {
            entity.tone = None;
            continue;
        }
        let spread = settings.entity_spread * (sentences.max(1) as f32).sqrt();
        entity.tone = Some(EntityTone {
            score: round((sum / spread).tanh() as f64),
        });
    }
}

/// Four decimals: enough for any filter, and the same bytes on every machine.
fn round(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

#[cfg(test)]
mod tests {
    use dateline_core::{Argument, Entity, EntityType, Event, EventMode, Mention, Source, Span};

    use super::*;

    fn doc(body: &str) -> Document {
        let mut doc = Document::new(Source::new("t.txt", 0, "text"));
        doc.body = body.into();
        doc
    }

    fn entity(id: &str, body: &str, name: &str) -> Entity {
        let start = body.find(name).expect("the name is in the body");
        let start = body[..start].chars().count();
        Entity {
            id: id.into(),
            kind: EntityType::Person,
            name: name.into(),
            aliases: Vec::new(),
            title: None,
            roles: Vec::new(),
            acronym: None,
            geo: None,
            mentions: vec![Mention {
                start,
                end: start + name.chars().count(),
                text: name.into(),
                field: None,
            }],
            tone: None,
        }
    }

    fn score(body: &str) -> f64 {
        let mut d = doc(body);
        tone_of(&mut d, &Settings::default());
        d.tone.expect("a tone").score
    }

    #[test]
    fn news_words_negation_intensifiers_and_contrast_move_the_score() {
        assert!(score("Floods killed dozens and displaced thousands.") < -0.5);
        assert!(score("The rescue was a breakthrough and a triumph.") > 0.5);
        assert!(score("The plan is good.") > 0.0);
        assert!(score("The plan is not good.") < 0.0);
        assert!(score("The plan is very good.") > score("The plan is good."));
        assert!(score("The plan is slightly good.") < score("The plan is good."));
        // What follows "but" weighs more than what comes before it.
        assert!(score("The talks were hopeful, but the outcome was a failure.") < 0.0);
        assert!(score("The talks were a failure, but the outcome was hopeful.") > 0.0);
        // A negator's reach ends at its clause.
        assert!(score("It was not over, and the result was good.") > 0.0);
    }

    #[test]
    fn the_shares_add_up_and_the_score_stays_in_range() {
        let mut d = doc(&"War and death and horror and terrible loss. ".repeat(200));
        d.headline = Some("A great, wonderful and happy day".into());
        tone_of(&mut d, &Settings::default());
        let t = d.tone.unwrap();
        assert!((-1.0..=1.0).contains(&t.score) && t.score < -0.9);
        assert!((t.polarity - (t.positive + t.negative)).abs() < 1e-3);
        assert_eq!(t.words, 8 * 200 + 6);
        let mut empty = doc("");
        tone_of(&mut empty, &Settings::default());
        assert_eq!(empty.tone.unwrap().score, 0.0);
    }

    #[test]
    fn a_name_is_not_an_opinion() {
        let body = "Hope Solo arrived.";
        let mut d = doc(body);
        assert!(score(body) > 0.0, "without entities, hope is hopeful");
        d.entities.push(entity("e1", body, "Hope Solo"));
        tone_of(&mut d, &Settings::default());
        assert_eq!(d.tone.unwrap().score, 0.0);
    }

    #[test]
    fn an_entity_takes_the_tone_of_what_is_said_near_it() {
        let body = "Critics said Smith was corrupt and dishonest. Jones was praised as a brilliant leader.";
        let mut d = doc(body);
        d.entities.push(entity("e1", body, "Smith"));
        d.entities.push(entity("e2", body, "Jones"));
        d.entities.push(entity("e3", body, "Critics"));
        d.entities[2].mentions.clear();
        tone_of(&mut d, &Settings::default());
        assert!(d.entities[0].tone.as_ref().unwrap().score < -0.3);
        assert!(d.entities[1].tone.as_ref().unwrap().score > 0.3);
        assert_eq!(d.entities[2].tone, None, "no mention, no tone");
    }

    #[test]
    fn an_assault_aimed_at_an_entity_reads_against_it() {
        let body = "Troops shelled Karim's convoy.";
        let mut plain = doc(body);
        plain.entities.push(entity("e1", body, "Karim"));
        let mut attacked = plain.clone();
        attacked.events.push(Event {
            id: "v1".into(),
            kind: "assault".into(),
            trigger: Span {
                start: 7,
                end: 14,
                text: "shelled".into(),
            },
            source: None,
            target: Some(Argument {
                start: 15,
                end: 22,
                text: "Karim's".into(),
                entity: Some("e1".into()),
            }),
            place: None,
            time: None,
            negated: false,
            mode: EventMode::Asserted,
            evidence: [0, 30],
            field: None,
        });
        // The lexicon rules' score, one of what the learned model reads.
        let rules = |doc: &mut Document| {
            let settings = Settings::default();
            let fields = read_fields(doc, &settings);
            entity_tones(doc, &fields, &settings);
            doc.entities[0].tone.as_ref().unwrap().score
        };
        let (p, a) = (rules(&mut plain), rules(&mut attacked));
        assert!(a < p - 0.3, "{a} against {p}");
        // The learned model sees the event too (a feature of its own), and the
        // whole reads against Karim.
        tone_of(&mut attacked, &Settings::default());
        assert!(attacked.entities[0].tone.as_ref().unwrap().score <= -0.1);
    }

    #[test]
    fn a_plain_report_about_a_person_is_neutral_and_a_place_keeps_the_rules() {
        let body = "Brown will travel to Chicago on Tuesday for the annual meeting.";
        let mut d = doc(body);
        d.entities.push(entity("e1", body, "Brown"));
        d.entities.push(entity("e2", body, "Chicago"));
        d.entities[1].kind = EntityType::Place;
        tone_of(&mut d, &Settings::default());
        let brown = d.entities[0].tone.as_ref().unwrap().score;
        assert!(brown.abs() < 0.1, "{brown}");
        assert_eq!(
            d.entities[1].tone.as_ref().unwrap().score,
            0.0,
            "no polar word"
        );
    }

    #[test]
    fn the_compiled_model_is_whole_and_is_what_the_build_makes_of_the_committed_file() {
        let image = dateline_mapped::place(target::MODEL);
        dateline_mapped::Image::open(image, target::MAGIC)
            .unwrap()
            .verify()
            .unwrap();
        let text = include_str!("../model/target.tsv");
        let parsed = Linear::parse(text).unwrap();
        assert!(
            parsed.to_image(target::MAGIC) == target::MODEL,
            "the image is the committed model's"
        );
        let shipped = target::shipped();
        assert_eq!(shipped.classes, target::CLASSES);
        assert_eq!(shipped.features(), parsed.features());
        assert!(
            shipped.features() > 5000,
            "a trained model, not the bootstrap"
        );
    }

    #[test]
    fn the_shipped_lexicon_holds_vader_and_the_news_words() {
        let lexicon = Lexicon::shipped();
        assert!(lexicon.len() > 7000);
        assert!(lexicon.valence("earthquake").unwrap() < -1.0, "a news word");
        assert!(lexicon.valence("excellent").unwrap() > 2.0, "a VADER word");
        assert_eq!(
            lexicon.valence("party"),
            None,
            "news-neutral words are taken out"
        );
    }
}
