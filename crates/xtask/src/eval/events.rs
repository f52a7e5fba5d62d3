//! `cargo xtask eval events`: the syntax and the events enricher.
//!
//! - UD English dev (EWT, GUM): tagging accuracy, UAS and LAS of the shipped models.
//! - Universal PropBank English dev: Arg0/Arg1 of each gold predicate, judged on argument
//!   heads (source = Arg0, target = Arg1).
//! - MEANTIME airbus + apple: who/whom tuples. The gold is every HAS_PARTICIPANT link with
//!   role Arg0 or Arg1 from an event mention to an entity mention in the annotated opening
//!   of each article. A found tuple (trigger, role, argument span) is judged when its
//!   trigger is an annotated event mention; it is right when the role is the same and its
//!   argument overlaps the gold mention and lies within it, give or take two words (a span
//!   that swallows a clause does not match). Found and gold are matched many-to-many: a
//!   found tuple is right when it matches some gold one, a gold one found when some found
//!   one matches it.
//!
//! Both ways of reading frames are scored, the parse and the tag chunks, with their speed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use dateline_core::{Document, Enrich, Source};
use dateline_events::{Analysis, extract, sentence_frames};
use dateline_syntax::Syntax;

use super::{Gate, metric, present, prf};
use crate::syntax::{read_treebank, score};

/// Runs every part.
pub fn run(corpus: &Path, extra: &[PathBuf]) -> Result<bool> {
    let syntax = Syntax::shipped()?;
    let mut passed = true;
    let ud = corpus.join("ud-english");
    for (name, file, gates) in [
        ("ud-ewt-dev", "en_ewt-ud-dev.conllu", (0.92, 0.82, 0.78)),
        ("ud-gum-dev", "en_gum-ud-dev.conllu", (0.93, 0.785, 0.745)),
    ] {
        let path = ud.join(file);
        if !present(&path)? {
            continue;
        }
        let s = score(syntax, &read_treebank(&path)?);
        passed &= metric(
            "events",
            name,
            "tag_accuracy",
            s.tag_accuracy(),
            Gate::AtLeast(gates.0),
        );
        passed &= metric("events", name, "uas", s.uas(), Gate::AtLeast(gates.1));
        passed &= metric("events", name, "las", s.las(), Gate::AtLeast(gates.2));
        metric(
            "events",
            name,
            "words_per_second",
            s.words_per_second(),
            Gate::None,
        );
    }
    let up = corpus.join("up-english/en_ewt-up-dev.conllu");
    if present(&up)? {
        let sentences = read_treebank(&up)?;
        for (analysis, gate) in [
            (Analysis::Parse, Gate::AtLeast(0.64)),
            (Analysis::Chunks, Gate::None),
        ] {
            passed &= propbank(syntax, &sentences, analysis, gate);
        }
    }
    let meantime = corpus.join("meantime-en/intra-doc_annotation");
    if present(&meantime)? {
        let mut docs = Vec::new();
        for topic in ["corpus_airbus", "corpus_apple"] {
            for path in crate::paths::files_in(&meantime.join(topic), "xml")? {
                docs.push(read_meantime(&path)?);
            }
        }
        for (analysis, gate) in [
            (Analysis::Parse, Gate::AtLeast(0.515)),
            (Analysis::Chunks, Gate::None),
        ] {
            passed &= meantime_tuples("meantime-airbus-apple", &docs, analysis, gate)?;
        }
    }
    for path in extra.iter().filter(|p| p.is_dir()) {
        let mut docs = Vec::new();
        for file in crate::paths::files_in(path, "xml")? {
            docs.push(read_meantime(&file)?);
        }
        meantime_tuples(
            &path.display().to_string(),
            &docs,
            Analysis::Parse,
            Gate::None,
        )?;
    }
    Ok(passed)
}

fn analysis_name(analysis: Analysis) -> &'static str {
    match analysis {
        Analysis::Parse => "parse",
        Analysis::Chunks => "chunks",
    }
}

/// Arg0/Arg1 heads of Universal PropBank's predicates against the frames' sources and
/// targets: over verbal predicates (what frames are made for; gated), and over every
/// predicate (copulas, adjectives and all nouns too). One parse of each sentence serves
/// both.
fn propbank(
    syntax: &Syntax,
    sentences: &[dateline_syntax::conllu::Sentence],
    analysis: Analysis,
    gate: Gate,
) -> bool {
    // (found, right, gold) over verbal predicates, then over all.
    let mut counts = [[0usize; 3]; 2];
    let mut words = 0usize;
    let mut seconds = 0.0;
    for sentence in sentences {
        let predicates: Vec<usize> = (0..sentence.words.len())
            .filter(|&i| sentence.words[i].extra.first().is_some_and(|r| r != "_"))
            .collect();
        let mut gold = HashSet::new();
        for (k, &p) in predicates.iter().enumerate() {
            for (i, w) in sentence.words.iter().enumerate() {
                match w.extra.get(k + 1).map(String::as_str) {
                    Some("ARG0") => gold.insert((p, 0u8, i)),
                    Some("ARG1") => gold.insert((p, 1u8, i)),
                    _ => false,
                };
            }
        }
        let forms: Vec<String> = sentence.words.iter().map(|w| w.form.clone()).collect();
        words += forms.len();
        let started = Instant::now();
        let (parsed, frames) = sentence_frames(syntax, forms, analysis);
        seconds += started.elapsed().as_secs_f64();
        // PropBank puts the role on a relative pronoun's antecedent.
        let referent = |w: usize| dateline_events::frames::referent(&parsed, w);
        let mut found = HashSet::new();
        for f in frames.iter().filter(|f| predicates.contains(&f.trigger)) {
            if let Some(s) = f.source {
                found.insert((f.trigger, 0u8, referent(s)));
            }
            if let Some(t) = f.target {
                found.insert((f.trigger, 1u8, referent(t)));
            }
        }
        let verbal = |t: &&(usize, u8, usize)| sentence.words[t.0].upos == "VERB";
        for (c, only_verbs) in counts.iter_mut().zip([true, false]) {
            let keep = |t: &&(usize, u8, usize)| !only_verbs || verbal(t);
            c[0] += found.iter().filter(keep).count();
            c[1] += found.intersection(&gold).filter(keep).count();
            c[2] += gold.iter().filter(keep).count();
        }
    }
    let dataset = format!("up-ewt-dev/{}", analysis_name(analysis));
    let [verbs, all] = counts.map(|[found, right, gold]| prf(right, found, right, gold));
    metric(
        "events",
        &dataset,
        "arg_f1_all_predicates",
        all.2,
        Gate::None,
    );
    metric("events", &dataset, "arg_precision", verbs.0, Gate::None);
    metric("events", &dataset, "arg_recall", verbs.1, Gate::None);
    metric(
        "events",
        &dataset,
        "words_per_second",
        words as f64 / f64::max(seconds, 1e-9),
        Gate::None,
    );
    metric("events", &dataset, "arg_f1", verbs.2, gate)
}

/// A MEANTIME article prepared for the events enricher and its gold tuples.
struct Meantime {
    doc: Document,
    /// Each token: (field, start, end) in code points, in token order.
    tokens: Vec<(Option<String>, usize, usize)>,
    /// Token indexes of every annotated event mention.
    events: Vec<Vec<usize>>,
    /// (event mention index, role 0/1, first token, last token of the entity mention).
    gold: Vec<(usize, u8, usize, usize)>,
}

fn read_meantime(path: &Path) -> Result<Meantime> {
    let source =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let xml = roxmltree::Document::parse(&source)
        .with_context(|| format!("parsing {}", path.display()))?;
    let mut token_index: HashMap<&str, usize> = HashMap::new();
    let mut words: Vec<(u32, &str)> = Vec::new();
    for t in xml.descendants().filter(|n| n.has_tag_name("token")) {
        let sentence = t
            .attribute("sentence")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        token_index.insert(t.attribute("t_id").unwrap_or_default(), words.len());
        words.push((sentence, t.text().unwrap_or_default()));
    }
    let anchors = |n: roxmltree::Node| -> Vec<usize> {
        n.children()
            .filter_map(|c| c.attribute("t_id"))
            .filter_map(|t| token_index.get(t).copied())
            .collect()
    };
    let mut event_ids: HashMap<&str, usize> = HashMap::new();
    let mut events = Vec::new();
    let mut entities: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut dct = None;
    for n in xml.descendants() {
        match n.tag_name().name() {
            "EVENT_MENTION" => {
                event_ids.insert(n.attribute("m_id").unwrap_or_default(), events.len());
                events.push(anchors(n));
            }
            "ENTITY_MENTION" => {
                entities.insert(n.attribute("m_id").unwrap_or_default(), anchors(n));
            }
            "TIMEX3" if n.attribute("functionInDocument") == Some("CREATION_TIME") => {
                dct = n.attribute("value").map(str::to_string);
            }
            _ => {}
        }
    }
    let last_annotated = events
        .iter()
        .flatten()
        .map(|&t| words[t].0)
        .max()
        .unwrap_or(0);
    let mut gold = Vec::new();
    for link in xml
        .descendants()
        .filter(|n| n.has_tag_name("HAS_PARTICIPANT"))
    {
        let role = match link.attribute("sem_role") {
            Some("Arg0") => 0u8,
            Some("Arg1") => 1u8,
            _ => continue,
        };
        let end = |name: &str| {
            link.children()
                .find(|c| c.has_tag_name(name))
                .and_then(|c| c.attribute("m_id"))
        };
        let (Some(event), Some(mention)) = (
            end("source").and_then(|m| event_ids.get(m)),
            end("target").and_then(|m| entities.get(m)),
        ) else {
            continue;
        };
        if let (Some(&first), Some(&last)) = (mention.first(), mention.last()) {
            gold.push((*event, role, first, last));
        }
    }
    // The text as a page prints it: the title as headline, then one paragraph per sentence.
    let mut headline = String::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut tokens = Vec::new();
    let mut current = u32::MAX;
    let mut body_chars = 0usize;
    for &(sentence, word) in &words {
        if sentence > last_annotated {
            break;
        }
        let in_headline = sentence == 0;
        if !in_headline && sentence != current {
            if !paragraphs.is_empty() {
                body_chars += 2;
            }
            paragraphs.push(String::new());
        }
        current = sentence;
        let text = if in_headline {
            &mut headline
        } else {
            paragraphs.last_mut().expect("a paragraph")
        };
        let attached = matches!(
            word,
            "," | "." | ";" | ":" | "?" | "!" | ")" | "%" | "'s" | "n't" | "'"
        ) || text.ends_with(['(', '$']);
        if !text.is_empty() && !attached {
            text.push(' ');
            if !in_headline {
                body_chars += 1;
            }
        }
        let start = if in_headline {
            text.chars().count()
        } else {
            body_chars
        };
        text.push_str(word);
        let len = word.chars().count();
        if !in_headline {
            body_chars += len;
        }
        let field = in_headline.then(|| "headline".to_string());
        tokens.push((field, start, start + len));
    }
    let mut doc = Document::new(Source::new(path.display().to_string(), 0, "meantime"));
    doc.headline = Some(headline);
    doc.set_body(paragraphs);
    doc.published = dct;
    Ok(Meantime {
        doc,
        tokens,
        events,
        gold,
    })
}

fn meantime_tuples(
    dataset: &str,
    docs: &[Meantime],
    analysis: Analysis,
    gate: Gate,
) -> Result<bool> {
    let entities =
        dateline_entities::EntitiesEnricher::shipped().map_err(|e| anyhow::anyhow!("{e}"))?;
    let show = std::env::var_os("DATELINE_EVAL_ERRORS").is_some();
    let (mut found, mut found_right, mut gold_total, mut gold_right) = (0, 0, 0, 0);
    let mut by_role = [[0usize; 4]; 2];
    let mut seconds = 0.0;
    let mut words = 0usize;
    for m in docs {
        let mut doc = m.doc.clone();
        entities.annotate(&mut doc);
        let times = dateline_times::TimesEnricher::with_reference(None);
        times.enrich(&mut doc).map_err(|e| anyhow::anyhow!("{e}"))?;
        let started = Instant::now();
        extract(&mut doc, analysis).map_err(|e| anyhow::anyhow!("{e}"))?;
        seconds += started.elapsed().as_secs_f64();
        words += m.tokens.len();
        let token_at = |field: &Option<String>, at: usize| {
            m.tokens
                .iter()
                .position(|(f, s, e)| f == field && *s <= at && at < *e)
        };
        let event_of_token: HashMap<usize, usize> = m
            .events
            .iter()
            .enumerate()
            .flat_map(|(i, toks)| toks.iter().map(move |&t| (t, i)))
            .collect();
        let mut matched = vec![false; m.gold.len()];
        for event in &doc.events {
            let Some(trigger) = token_at(&event.field, event.trigger.start) else {
                continue;
            };
            let Some(&gold_event) = event_of_token.get(&trigger) else {
                continue;
            };
            for (role, arg) in [(0u8, &event.source), (1u8, &event.target)] {
                let Some(arg) = arg else { continue };
                let (Some(first), Some(last)) = (
                    token_at(&event.field, arg.start),
                    token_at(&event.field, arg.end.saturating_sub(1)),
                ) else {
                    continue;
                };
                found += 1;
                by_role[role as usize][0] += 1;
                let mut right = false;
                for (g, &(ge, gr, gf, gl)) in m.gold.iter().enumerate() {
                    if ge == gold_event
                        && gr == role
                        && first <= gl
                        && gf <= last
                        && first + 2 >= gf
                        && last <= gl + 2
                    {
                        right = true;
                        matched[g] = true;
                    }
                }
                if right {
                    found_right += 1;
                    by_role[role as usize][1] += 1;
                } else if show {
                    eprintln!(
                        "wrong\t{}\t{}\t{}\t{}",
                        event.trigger.text,
                        ["source", "target"][role as usize],
                        arg.text,
                        doc.id
                    );
                }
            }
        }
        for (g, &(ge, role, gf, gl)) in m.gold.iter().enumerate() {
            gold_total += 1;
            by_role[role as usize][2] += 1;
            if matched[g] {
                gold_right += 1;
                by_role[role as usize][3] += 1;
            } else if show {
                let word = |t: usize| {
                    let (field, s, e) = &m.tokens[t];
                    let text = doc
                        .field_text(field.as_deref().unwrap_or("body"))
                        .unwrap_or("");
                    dateline_core::text::char_slice(text, *s, *e)
                };
                let text: Vec<&str> = (gf..=gl).map(word).collect();
                let trigger = m.events[ge].first().map_or("", |&t| word(t));
                eprintln!(
                    "missed\t{trigger}\t{}\t{}",
                    ["source", "target"][role as usize],
                    text.join(" ")
                );
            }
        }
    }
    let dataset = format!("{dataset}/{}", analysis_name(analysis));
    let (p, r, f) = prf(found_right, found, gold_right, gold_total);
    metric("events", &dataset, "tuple_precision", p, Gate::None);
    metric("events", &dataset, "tuple_recall", r, Gate::None);
    for (role, name) in [(0, "source"), (1, "target")] {
        let [fd, fr, gd, gr] = by_role[role];
        let (_, _, f) = prf(fr, fd, gr, gd);
        metric("events", &dataset, &format!("{name}_f1"), f, Gate::None);
    }
    metric(
        "events",
        &dataset,
        "words_per_second",
        words as f64 / f64::max(seconds, 1e-9),
        Gate::None,
    );
    Ok(metric("events", &dataset, "tuple_f1", f, gate))
}
