//! The entity tagger, scored conlleval style (exact span and type): on CoNLL-2003 valid
//! (PER, ORG, LOC, MISC) and on MEANTIME's airbus and apple topics (named PER, ORG and
//! LOC mentions; our MISC is not scored there). The held-out CoNLL-2003 test split and
//! the other MEANTIME topics are never read. MEANTIME is scored twice: the tagger's
//! labels, and (`meantime-airbus-apple-output`) the mentions a run's records give, each
//! typed by its entity once the enricher has grouped a document's mentions.
//!
//! ECB+ topics 1-35 are read the same way for the named participants of their events
//! (`ecbplus-participants`, and `-output` as a run's records give them): news of many
//! outlets, scored as MEANTIME is (see `ecbplus`).
//!
//! Both are also scored for how a run's records group the names found into entities
//! (`grouping_bcubed_f1`): B-cubed against the entities each corpus says its mentions
//! refer to.
//!
//! Any other file in CoNLL columns (`.txt`, `.conll`) or folder of MEANTIME CAT XML can
//! be given with `--path`.

mod ecbplus;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dateline_entities::recognize::{Recognizer, SentenceTagger};

use super::{Gate, metric};
use dateline_entities::features::Word;
use dateline_entities::recognize::spans;

use crate::gum::{GumDocument, GumName, read_gum};
use crate::ner::{Counts, Document, read_conll, score};

/// A MEANTIME document: its sentences, the named PER, ORG and LOC mentions (sentence,
/// first word, end word, type) and every annotated mention span of any kind.
#[derive(Clone)]
pub struct Meantime {
    sentences: Vec<Vec<String>>,
    gold: Vec<(usize, usize, usize, String)>,
    /// The entity each of `gold` refers to, where the corpus says (its id in the
    /// document): which mentions name one thing.
    gold_entity: Vec<Option<String>>,
    annotated: Vec<(usize, usize, usize)>,
    /// Named place mentions linked to DBpedia: (sentence, first word, end word, resource).
    linked_places: Vec<(usize, usize, usize, String)>,
    /// Whether a named mention's span takes in the whole name and what modifies it, as
    /// MEANTIME's do (a found name must lie inside it), or may hold part of it, as ECB+'s
    /// ("Navy" of "the Indian Navy"; a found name must overlap it).
    whole_spans: bool,
}

impl Meantime {
    /// Whether the found name `f` (sentence, first word, end word) is the gold mention `g`.
    fn holds(&self, g: &(usize, usize, usize, String), f: &(usize, usize, usize, &str)) -> bool {
        g.0 == f.0
            && if self.whole_spans {
                g.1 <= f.1 && f.2 <= g.2
            } else {
                g.1 < f.2 && f.1 < g.2
            }
    }
}

/// Reads MEANTIME CAT XML.
pub fn read_meantime(path: &Path) -> Result<Meantime> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let xml =
        roxmltree::Document::parse(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut position: HashMap<String, (usize, usize)> = HashMap::new();
    let mut current = None;
    let mut entity_type: HashMap<String, String> = HashMap::new();
    let mut entity_link: HashMap<String, String> = HashMap::new();
    let mut mentions: Vec<(String, bool, Vec<String>)> = Vec::new(); // (m_id, named, t_ids)
    let mut refers: HashMap<String, String> = HashMap::new(); // mention -> entity
    for node in xml.descendants() {
        match node.tag_name().name() {
            "token" => {
                let sentence = node.attribute("sentence").unwrap_or_default();
                if current != Some(sentence) {
                    sentences.push(Vec::new());
                    current = Some(sentence);
                }
                let s = sentences.len() - 1;
                position.insert(
                    node.attribute("t_id").unwrap_or_default().into(),
                    (s, sentences[s].len()),
                );
                sentences[s].push(node.text().unwrap_or_default().into());
            }
            "ENTITY_MENTION" => {
                let anchors = node
                    .children()
                    .filter_map(|c| c.attribute("t_id"))
                    .map(String::from)
                    .collect();
                let named = node.attribute("syntactic_type") == Some("NAM");
                mentions.push((
                    node.attribute("m_id").unwrap_or_default().into(),
                    named,
                    anchors,
                ));
            }
            "ENTITY" => {
                if let (Some(id), Some(kind)) = (node.attribute("m_id"), node.attribute("ent_type"))
                {
                    entity_type.insert(id.into(), kind.into());
                    if let Some(link) = node.attribute("external_ref").filter(|l| !l.is_empty()) {
                        entity_link.insert(id.into(), link.into());
                    }
                }
            }
            "REFERS_TO" => {
                let target = node
                    .children()
                    .find(|c| c.tag_name().name() == "target")
                    .and_then(|c| c.attribute("m_id"));
                if let Some(target) = target {
                    for source in node.children().filter(|c| c.tag_name().name() == "source") {
                        if let Some(id) = source.attribute("m_id") {
                            refers.insert(id.into(), target.into());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let mut gold = Vec::new();
    let mut gold_entity = Vec::new();
    let mut annotated = Vec::new();
    let mut linked_places = Vec::new();
    for (id, named, anchors) in &mentions {
        let (Some(first), Some(last)) = (
            anchors.first().and_then(|t| position.get(t)),
            anchors.last().and_then(|t| position.get(t)),
        ) else {
            continue;
        };
        if first.0 != last.0 {
            continue;
        }
        annotated.push((first.0, first.1, last.1 + 1));
        let kind = refers.get(id).and_then(|e| entity_type.get(e));
        if let Some(kind) = kind.filter(|k| *named && matches!(k.as_str(), "PER" | "ORG" | "LOC")) {
            gold.push((first.0, first.1, last.1 + 1, kind.clone()));
            gold_entity.push(refers.get(id).cloned());
            if let Some(link) = refers
                .get(id)
                .and_then(|e| entity_link.get(e))
                .filter(|_| kind == "LOC")
            {
                linked_places.push((first.0, first.1, last.1 + 1, link.clone()));
            }
        }
    }
    Ok(Meantime {
        sentences,
        gold,
        gold_entity,
        annotated,
        linked_places,
        whole_spans: true,
    })
}

/// A MEANTIME document as a run's record of it: what the `entities` enricher wrote, and
/// each word's code-point range in the record's body, by sentence.
struct Annotated {
    record: dateline_core::Document,
    offsets: Vec<Vec<(usize, usize)>>,
}

/// Runs the shipped `entities` enricher over each document, its words joined by spaces,
/// a sentence a line, as the body: once, for every score that reads a run's records.
fn annotate_all(docs: &[Meantime]) -> Result<Vec<Annotated>> {
    let enricher =
        dateline_entities::EntitiesEnricher::shipped().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(docs
        .iter()
        .enumerate()
        .map(|(n, doc)| {
            let mut body = String::new();
            let mut chars = 0;
            let mut offsets: Vec<Vec<(usize, usize)>> = Vec::new();
            for sentence in &doc.sentences {
                let mut line = Vec::new();
                for word in sentence {
                    let len = word.chars().count();
                    body.push_str(word);
                    line.push((chars, chars + len));
                    body.push(' ');
                    chars += len + 1;
                }
                body.push('\n');
                chars += 1;
                offsets.push(line);
            }
            let source = dateline_core::Source::new("meantime", n as u32, "text");
            let mut record = dateline_core::Document::new(source);
            record.body = body;
            enricher.annotate(&mut record);
            Annotated { record, offsets }
        })
        .collect())
}

/// The named people, organizations and places of MEANTIME documents as the `entities`
/// enricher writes them into records (`annotated`, one per document): each mention typed
/// by its entity, after the enricher has grouped a document's mentions, voted on their
/// type and joined acronyms and titles. This is what a run outputs; [`score_meantime`]
/// scores the tagger alone.
fn score_meantime_output(docs: &[Meantime], annotated: &[Annotated]) -> (Counts, usize) {
    score_meantime_found(docs, |n, _, words| {
        *words += annotated[n].offsets.iter().map(Vec::len).sum::<usize>();
        let mut found: Vec<_> = record_mentions(&annotated[n])
            .into_iter()
            .filter(|m| m.3 != "MISC")
            .map(|(s, first, end, kind, _)| (s, first, end, kind))
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    })
}

/// The body's mentions of a record's entities by the words they span: (sentence, first
/// word, end word, the entity's type as CoNLL names it, the entity's index). A mention
/// across two sentences is left out.
fn record_mentions(
    Annotated { record, offsets }: &Annotated,
) -> Vec<(usize, usize, usize, &'static str, usize)> {
    use dateline_core::EntityType;
    // The word holding a code point, as (sentence, word).
    let word_at = |at: usize| {
        offsets.iter().enumerate().find_map(|(s, line)| {
            line.iter()
                .position(|&(a, b)| a <= at && at < b)
                .map(|w| (s, w))
        })
    };
    let mut found = Vec::new();
    for (e, entity) in record.entities.iter().enumerate() {
        let kind = match entity.kind {
            EntityType::Person => "PER",
            EntityType::Organization => "ORG",
            EntityType::Place => "LOC",
            _ => "MISC",
        };
        for m in entity.mentions.iter().filter(|m| m.field.is_none()) {
            if let (Some(first), Some(last)) = (word_at(m.start), word_at(m.end.max(1) - 1))
                && first.0 == last.0
            {
                found.push((first.0, first.1, last.1 + 1, kind, e));
            }
        }
    }
    found
}

/// How well a run's records group a document's names into entities: of the gold named
/// mentions a record's mention holds (as [`score_meantime_output`] matches them, the
/// record's mention of the gold type first), B-cubed precision and recall of the
/// records' entities against the corpus's, over mentions. Which names are found is the
/// other scores' business; this one asks only whether those found are grouped right
/// ("Heller" with "Robert Heller", "Biogen Inc" with "BIOGEN", "Boeing" apart from
/// "William Boeing").
fn score_grouping(docs: &[Meantime], annotated: &[Annotated]) -> Grouping {
    let show = std::env::var_os("DATELINE_EVAL_ERRORS").is_some();
    let mut grouping = Grouping::default();
    for (doc, annotated) in docs.iter().zip(annotated) {
        let found = record_mentions(annotated);
        // (gold entity, found entity, the mention's words)
        let mut pairs: Vec<(&str, usize, String)> = Vec::new();
        for (g, gold_entity) in doc.gold.iter().zip(&doc.gold_entity) {
            let Some(gold_entity) = gold_entity else {
                continue;
            };
            let holding = found
                .iter()
                .filter(|f| doc.holds(g, &(f.0, f.1, f.2, f.3)))
                .max_by_key(|f| (f.3 == g.3, f.2 - f.1, std::cmp::Reverse(f.1)));
            if let Some(f) = holding {
                let words = doc.sentences[f.0][f.1..f.2].join(" ");
                pairs.push((gold_entity.as_str(), f.4, words));
            }
        }
        let entities: Vec<(&str, usize)> = pairs.iter().map(|p| (p.0, p.1)).collect();
        let (precision, recall) = bcubed_sums(&entities);
        grouping.precision += precision;
        grouping.recall += recall;
        grouping.mentions += pairs.len();
        for (gold, ours, words) in pairs.iter().filter(|_| show) {
            let same_gold = |p: &&(&str, usize, String)| p.0 == *gold;
            let same_ours = |p: &&(&str, usize, String)| p.1 == *ours;
            let both = pairs
                .iter()
                .filter(|p| same_gold(p) && same_ours(p))
                .count();
            let in_ours = pairs.iter().filter(same_ours).count();
            let in_gold = pairs.iter().filter(same_gold).count();
            if both < in_ours.max(in_gold) {
                let named = |keep: &dyn Fn(&&(&str, usize, String)) -> bool| {
                    let mut names: Vec<&str> =
                        pairs.iter().filter(keep).map(|p| p.2.as_str()).collect();
                    names.dedup();
                    names.join(" | ")
                };
                println!(
                    "grouping: [{words}] is with [{}], the corpus says [{}]",
                    named(&same_ours),
                    named(&same_gold)
                );
            }
        }
    }
    grouping
}

/// The sums over mentions of B-cubed precision and recall, each mention given as (its
/// gold entity, the entity it was put in): a mention's precision is the share of its
/// entity's mentions that are of its gold entity, its recall the share of its gold
/// entity's mentions that are in its entity.
fn bcubed_sums<G: PartialEq, O: PartialEq>(mentions: &[(G, O)]) -> (f64, f64) {
    let mut sums = (0.0, 0.0);
    for (gold, ours) in mentions {
        let both = mentions
            .iter()
            .filter(|m| m.0 == *gold && m.1 == *ours)
            .count() as f64;
        let in_ours = mentions.iter().filter(|m| m.1 == *ours).count() as f64;
        let in_gold = mentions.iter().filter(|m| m.0 == *gold).count() as f64;
        sums.0 += both / in_ours;
        sums.1 += both / in_gold;
    }
    sums
}

/// B-cubed sums over mentions (see [`score_grouping`]).
#[derive(Default)]
struct Grouping {
    mentions: usize,
    precision: f64,
    recall: f64,
}

/// Prints one JSON line for how a set's names are grouped, and its B-cubed F1 as a
/// gated metric.
fn report_grouping(dataset: &str, grouping: &Grouping, gate: Gate) -> bool {
    let n = grouping.mentions.max(1) as f64;
    let (p, r) = (grouping.precision / n, grouping.recall / n);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "{}",
        serde_json::json!({
            "eval": "ner",
            "dataset": dataset,
            "grouping": {
                "mentions": grouping.mentions,
                "bcubed_precision": (p * 10_000.0).round() / 10_000.0,
                "bcubed_recall": (r * 10_000.0).round() / 10_000.0,
            },
        })
    );
    metric("ner", dataset, "grouping_bcubed_f1", f1, gate)
}

fn read_meantime_dir(dir: &Path) -> Result<Vec<Meantime>> {
    crate::paths::files_in(dir, "xml")?
        .iter()
        .map(|f| read_meantime(f))
        .collect()
}

/// The PER, ORG and LOC entities the tagger finds in a document's sentences (sentence,
/// first word, end word, type), counting the words it reads into `words`. MISC is scored
/// on CoNLL only: neither MEANTIME nor GUM annotates it as CoNLL does.
fn tagged_names<'a, T: SentenceTagger>(
    recognizer: &Recognizer<T>,
    sentences: impl Iterator<Item = &'a [String]>,
    words: &mut usize,
) -> Vec<(usize, usize, usize, &'static str)> {
    let sentences: Vec<Vec<Word>> = sentences
        .map(|s| recognizer.words(s.iter().map(String::as_str)))
        .collect();
    let labels = recognizer.tag_document(&sentences);
    let mut found = Vec::new();
    for (s, labels) in labels.iter().enumerate() {
        *words += labels.len();
        found.extend(
            spans(labels)
                .into_iter()
                .filter(|f| f.2 != "MISC")
                .map(|(a, b, k)| (s, a, b, k)),
        );
    }
    found
}

/// Prints one JSON line for a set scored on named PER, ORG and LOC mentions (MEANTIME,
/// GUM), and its overall F1 as a gated metric.
fn report_names(dataset: &str, (counts, words): (Counts, usize), gate: Gate) -> bool {
    print_line(dataset, &counts, &["PER", "ORG", "LOC"], words, None);
    metric("ner", dataset, "f1", counts.prf(None).2, gate)
}

/// Scores MEANTIME's partial annotation; returns the counts and the words tagged. A named
/// mention's span there takes in its modifiers and appositions ("JSA Research defence
/// analyst Paul Nesbit", "the United States Air Force", "Senator John McCain (R-AZ"), so a
/// found entity of the right type matches a mention when it lies inside it. Only
/// MEANTIME's chosen entities are annotated: a found entity that overlaps no annotated
/// mention at all is not judged, nor is one nested inside a longer mention of something
/// else (MEANTIME annotates the longest mention only).
pub fn score_meantime<T: SentenceTagger>(
    recognizer: &Recognizer<T>,
    docs: &[Meantime],
) -> (Counts, usize) {
    score_meantime_found(docs, |_, doc, words| {
        tagged_names(recognizer, doc.sentences.iter().map(Vec::as_slice), words)
    })
}

/// Scores MEANTIME as [`score_meantime`] does, the names of each document (by number)
/// found by `find` (sentence, first word, end word, type), which also counts the words
/// it read.
fn score_meantime_found(
    docs: &[Meantime],
    mut find: impl FnMut(usize, &Meantime, &mut usize) -> Vec<(usize, usize, usize, &'static str)>,
) -> (Counts, usize) {
    let mut counts = Counts::default();
    let mut words = 0;
    // DATELINE_EVAL_ERRORS=1: every wrong and missed entity.
    let show = std::env::var_os("DATELINE_EVAL_ERRORS").is_some();
    for (n, doc) in docs.iter().enumerate() {
        let found = find(n, doc, &mut words);
        for g in &doc.gold {
            counts.by_type.entry(g.3.clone()).or_default().2 += 1;
        }
        let overlaps = |f: &(usize, usize, usize, &str), s: usize, a: usize, b: usize| {
            f.0 == s && f.1 < b && a < f.2
        };
        for f in &found {
            if !doc.annotated.iter().any(|&(s, a, b)| overlaps(f, s, a, b)) {
                continue;
            }
            // A name nested in a longer mention of something else ("Apple" in "Apple's
            // iPhone 4") is not annotated on its own: not judged either way.
            let nested = doc
                .annotated
                .iter()
                .any(|&(s, a, b)| s == f.0 && a <= f.1 && f.2 <= b && (b - a) > (f.2 - f.1))
                && !doc.gold.iter().any(|g| doc.holds(g, f));
            if nested {
                continue;
            }
            let entry = counts.by_type.entry(f.3.to_string()).or_default();
            entry.1 += 1;
            if doc.gold.iter().any(|g| g.3 == f.3 && doc.holds(g, f)) {
                entry.0 += 1;
            } else if show {
                // What the gold says of these words, if anything: another type, a
                // longer or shorter span.
                let gold_there = doc
                    .gold
                    .iter()
                    .find(|g| g.0 == f.0 && g.1 < f.2 && f.1 < g.2)
                    .map_or("nothing".to_string(), |g| {
                        format!("{} [{}]", g.3, doc.sentences[g.0][g.1..g.2].join(" "))
                    });
                eprintln!(
                    "wrong {} [{}] (gold {gold_there}) in: {}",
                    f.3,
                    doc.sentences[f.0][f.1..f.2].join(" "),
                    doc.sentences[f.0].join(" ")
                );
            }
        }
        for g in doc
            .gold
            .iter()
            .filter(|g| !found.iter().any(|f| g.3 == f.3 && doc.holds(g, f)))
        {
            if show {
                eprintln!(
                    "missed {} [{}] in: {}",
                    g.3,
                    doc.sentences[g.0][g.1..g.2].join(" "),
                    doc.sentences[g.0].join(" ")
                );
            }
        }
    }
    (counts, words)
}

/// Geocoding on MEANTIME: for each named place mention linked to DBpedia that the
/// `entities` enricher finds as a place, whether the GeoNames place it chose agrees with
/// the DBpedia resource: the same name (the resource title without its disambiguation),
/// a US state for "(state)", a place in the US for ", California". Only resources whose
/// name is in the gazetteer at all are judged (there is no right GeoNames place for
/// "Moscone Center" in it); how many are is reported as coverage.
fn report_geocoding(
    dataset: &str,
    docs: &[Meantime],
    annotated: &[Annotated],
    gate: Gate,
) -> Result<bool> {
    use dateline_core::EntityType;
    use dateline_entities::gazetteer::{Gazetteer, PlaceKind, key_of};

    let gazetteer = Gazetteer::shipped();
    let show = std::env::var_os("DATELINE_EVAL_ERRORS").is_some();
    let (mut judged, mut right, mut found_places, mut linked) = (0, 0, 0, 0);
    for (doc, Annotated { record, offsets }) in docs.iter().zip(annotated) {
        for (s, a, b, link) in &doc.linked_places {
            linked += 1;
            let (start, end) = (offsets[*s][*a].0, offsets[*s][*b - 1].1);
            let Some(entity) = record.entities.iter().find(|e| {
                e.kind == EntityType::Place
                    && e.mentions
                        .iter()
                        .any(|m| m.field.is_none() && m.start >= start && m.end <= end)
            }) else {
                continue;
            };
            found_places += 1;
            let title = link
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .replace('_', " ");
            let (base, qualifier) = match title.split_once(" (").or_else(|| title.split_once(", "))
            {
                Some((base, q)) => (base.to_string(), Some(q.trim_end_matches(')').to_string())),
                None => (title.clone(), None),
            };
            if gazetteer.lookup(&base).is_empty() {
                continue;
            }
            judged += 1;
            let chosen = entity.geo.as_ref().and_then(|g| {
                gazetteer
                    .places()
                    .find(|p| Some(p.geonames_id) == g.geonames_id)
            });
            let agrees = chosen.is_some_and(|place| {
                let named = key_of(place.name) == key_of(&base)
                    || gazetteer
                        .lookup(&base)
                        .iter()
                        .any(|&c| gazetteer.place(c as usize).geonames_id == place.geonames_id);
                let qualified = match qualifier.as_deref() {
                    None => true,
                    Some("state") | Some("U.S. state") => place.kind == PlaceKind::Region,
                    Some(q) => gazetteer
                        .lookup(q)
                        .iter()
                        .any(|&c| gazetteer.place(c as usize).country == place.country),
                };
                named && qualified
            });
            if agrees {
                right += 1;
            } else if show {
                eprintln!(
                    "geocoding: {title} -> {} {:?}",
                    entity.name,
                    chosen.map(|p| (p.name, p.country, p.kind))
                );
            }
        }
    }
    let accuracy = if judged == 0 {
        0.0
    } else {
        right as f64 / judged as f64
    };
    println!(
        "{}",
        serde_json::json!({"eval": "ner", "dataset": dataset, "geocoding": {
            "linked_place_mentions": linked, "found_as_places": found_places,
            "in_gazetteer": judged, "right_place": right,
            "accuracy": (accuracy * 10000.0).round() / 10000.0}})
    );
    Ok(metric("ner", dataset, "geocoding_accuracy", accuracy, gate))
}

/// Scores GUM's named mentions (see [`crate::gum`]). GUM annotates every mention, so
/// every entity found is judged: it is right when a named mention of its type holds it
/// and it covers that mention's head ("Obama" in "President Obama", whose title GUM's
/// span keeps). A named mention is found when such an entity is. Returns the counts and
/// the words tagged.
pub fn score_gum<T: SentenceTagger>(
    recognizer: &Recognizer<T>,
    docs: &[GumDocument],
) -> (Counts, usize) {
    let mut counts = Counts::default();
    let mut words = 0;
    let show = std::env::var_os("DATELINE_EVAL_ERRORS").is_some();
    for doc in docs {
        let found = tagged_names(
            recognizer,
            doc.sentences.iter().map(|s| s.tokens.as_slice()),
            &mut words,
        );
        let holds = |g: &GumName, f: &(usize, usize, usize, &str)| {
            g.sentence == f.0
                && g.kind == f.3
                && g.start <= f.1
                && f.2 <= g.end
                && (f.1..f.2).contains(&g.head)
        };
        let text = |s: usize, a: usize, b: usize| doc.sentences[s].tokens[a..b].join(" ");
        for f in &found {
            let right = doc.names.iter().any(|g| holds(g, f));
            // Inside proper nouns GUM leaves unannotated, and touching no name: not judged.
            let unsure = !right
                && doc
                    .unsure
                    .iter()
                    .any(|&(s, a, b)| s == f.0 && f.1 < b && a < f.2)
                && !doc
                    .names
                    .iter()
                    .any(|g| g.sentence == f.0 && f.1 < g.end && g.start < f.2);
            if unsure {
                continue;
            }
            let entry = counts.by_type.entry(f.3.to_string()).or_default();
            entry.1 += 1;
            entry.0 += usize::from(right);
            if !right && show {
                eprintln!(
                    "wrong {} [{}] in: {}",
                    f.3,
                    text(f.0, f.1, f.2),
                    doc.sentences[f.0].tokens.join(" ")
                );
            }
        }
        for g in &doc.names {
            counts.by_type.entry(g.kind.to_string()).or_default().2 += 1;
            if show && !found.iter().any(|f| holds(g, f)) {
                eprintln!(
                    "missed {} [{}] in: {}",
                    g.kind,
                    text(g.sentence, g.start, g.end),
                    doc.sentences[g.sentence].tokens.join(" ")
                );
            }
        }
    }
    (counts, words)
}

fn print_line(dataset: &str, counts: &Counts, types: &[&str], words: usize, seconds: Option<f64>) {
    let mut line = serde_json::json!({"eval": "ner", "dataset": dataset, "words": words});
    if let Some(seconds) = seconds {
        line["words_per_second"] = (words as f64 / seconds).round().into();
    }
    let round = |x: f64| (x * 10000.0).round() / 10000.0;
    for kind in types {
        let (p, r, f) = counts.prf(Some(kind));
        line[kind] = serde_json::json!({"precision": round(p), "recall": round(r), "f1": round(f)});
    }
    let (p, r, f) = counts.prf(None);
    line["overall"] =
        serde_json::json!({"precision": round(p), "recall": round(r), "f1": round(f)});
    println!("{line}");
}

/// Prints one JSON line for a data set, and its overall F1 as a gated metric.
fn report(
    recognizer: &Recognizer,
    dataset: &str,
    docs: &[Document],
    types: &[&str],
    gate: Gate,
) -> bool {
    let (counts, words, seconds) = score(recognizer, docs);
    print_line(dataset, &counts, types, words, Some(seconds));
    metric("ner", dataset, "f1", counts.prf(None).2, gate)
}

/// MEANTIME's airbus and apple topics, the NER dev set of Wikinews-style news.
pub fn read_meantime_dev(corpus: &Path) -> Result<Vec<Meantime>> {
    let root = corpus.join("meantime-en/intra-doc_annotation");
    let mut docs = Vec::new();
    for topic in ["corpus_airbus", "corpus_apple"] {
        docs.extend(read_meantime_dir(&root.join(topic))?);
    }
    Ok(docs)
}

/// GUM's dev file, the NER dev set of other genres.
pub fn gum_dev(corpus: &Path) -> PathBuf {
    corpus.join("ud-english/en_gum-ud-dev.conllu")
}

/// Scores the shipped model.
pub fn run(corpus: &Path, extra: &[PathBuf]) -> Result<bool> {
    let recognizer = Recognizer::shipped()?;
    let mut passed = true;
    let valid = corpus.join("conll2003-en/valid.txt");
    if super::present(&valid)? {
        let docs = read_conll(&valid)?;
        passed &= report(
            recognizer,
            "conll2003-valid",
            &docs,
            &["PER", "ORG", "LOC", "MISC"],
            Gate::AtLeast(0.931),
        );
        // Headlines in title case ("Rolling Blackouts in California Have Power Experts
        // Stumped"), as many outlets write them: every fourth sentence rewritten so.
        let (as_written, titled, words) = crate::ner::score_title_cased(recognizer, &docs);
        let dataset = "conll2003-valid-title-case";
        let types = ["PER", "ORG", "LOC", "MISC"];
        print_line(
            &format!("{dataset} (as written)"),
            &as_written,
            &types,
            words,
            None,
        );
        print_line(dataset, &titled, &types, words, None);
        passed &= metric(
            "ner",
            dataset,
            "f1",
            titled.prf(None).2,
            Gate::AtLeast(0.819),
        );
    }
    if super::present(&corpus.join("meantime-en/intra-doc_annotation"))? {
        let docs = read_meantime_dev(corpus)?;
        passed &= report_names(
            "meantime-airbus-apple",
            score_meantime(recognizer, &docs),
            Gate::AtLeast(0.906),
        );
        // The same documents as a run's records name them (see `score_meantime_output`),
        // and the places those records link.
        let annotated = annotate_all(&docs)?;
        passed &= report_names(
            "meantime-airbus-apple-output",
            score_meantime_output(&docs, &annotated),
            Gate::AtLeast(0.907),
        );
        passed &= report_grouping(
            "meantime-airbus-apple-output",
            &score_grouping(&docs, &annotated),
            Gate::AtLeast(0.970),
        );
        passed &= report_geocoding(
            "meantime-airbus-apple",
            &docs,
            &annotated,
            Gate::AtLeast(0.96),
        )?;
        // The same documents with every fourth sentence in title case, scored whole.
        let titled: Vec<Meantime> = docs
            .iter()
            .map(|doc| Meantime {
                sentences: doc
                    .sentences
                    .iter()
                    .enumerate()
                    .map(|(i, s)| crate::ner::as_in_title_case_eval(i, s))
                    .collect(),
                ..doc.clone()
            })
            .collect();
        passed &= report_names(
            "meantime-airbus-apple-title-case",
            score_meantime(recognizer, &titled),
            Gate::AtLeast(0.886),
        );
    }
    // ECB+ topics 1-35: news of many outlets, scored as MEANTIME is (see `ecbplus`).
    let ecb = corpus.join("ecbplus");
    if super::present(&ecb)? {
        let docs = ecbplus::read_dir(&ecb)?;
        passed &= report_names(
            "ecbplus-participants",
            score_meantime(recognizer, &docs),
            Gate::AtLeast(0.899),
        );
        let annotated = annotate_all(&docs)?;
        passed &= report_names(
            "ecbplus-participants-output",
            score_meantime_output(&docs, &annotated),
            Gate::AtLeast(0.905),
        );
        passed &= report_grouping(
            "ecbplus-participants-output",
            &score_grouping(&docs, &annotated),
            Gate::AtLeast(0.966),
        );
    }
    let gum = gum_dev(corpus);
    if super::present(&gum)? {
        passed &= report_names(
            "gum-dev",
            score_gum(recognizer, &read_gum(&gum)?),
            Gate::AtLeast(0.650),
        );
    }
    for path in extra {
        let name = path.display().to_string();
        let name_ends = |suffix: &str| name.ends_with(suffix);
        if path.is_dir() {
            report_names(
                &name,
                score_meantime(recognizer, &read_meantime_dir(path)?),
                Gate::None,
            );
        } else if name_ends(".conllu") || name_ends(".conllu.gz") {
            // A treebank with GUM's entity annotations (GUM train, a held-aside set).
            report_names(&name, score_gum(recognizer, &read_gum(path)?), Gate::None);
        } else {
            report(
                recognizer,
                &name,
                &read_conll(path)?,
                &["PER", "ORG", "LOC", "MISC"],
                Gate::None,
            );
        }
    }
    Ok(passed)
}

#[cfg(test)]
mod tests {
    use super::bcubed_sums;

    #[test]
    fn bcubed_counts_a_split_and_a_merge_against_each_mention() {
        // Gold entity a has two mentions, split over our 1 and 2; our 2 also holds b's.
        let (precision, recall) = bcubed_sums(&[("a", 1), ("a", 2), ("b", 2)]);
        assert_eq!((precision, recall), (2.0, 2.0));
        // Grouped as the corpus groups them: every mention scores 1 both ways.
        assert_eq!(bcubed_sums(&[("a", 1), ("a", 1), ("b", 2)]), (3.0, 3.0));
    }
}
