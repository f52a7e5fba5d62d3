//! The `tone` enricher: article tone on SemEval-2007 Affective Text trial headlines
//! (Pearson correlation of `tone.score` with the annotators' valence; each headline is an
//! article of one line, so only `headline` holds text), and tone toward a person on
//! NewsMTSC dev_rw and dev_mt (macro-F1 over negative, neutral and positive; the target is the
//! entity with a mention overlapping the gold target, and an entity within 0.1 of zero, or
//! none found, counts as neutral). The test splits of both are held out and never read.
//!
//! The records go through `entities`, `times`, `quotes` and `events` first, as in the default
//! pipeline. NewsMTSC train is what the learned model of the tone toward a person learns
//! from: `cargo xtask train-tone` reports its held-aside figure. `DATELINE_TONE_TUNE=1`
//! prints the headline figure over a grid of the article settings instead.

use std::path::Path;

use anyhow::{Context, Result, anyhow};
use dateline_core::{Document, Enrich, Source};
use dateline_tone::{Settings, tone_of};
use rayon::prelude::*;

use super::{Gate, metric, present};

/// A NewsMTSC sentence: its id, the record, and each target's code point span and
/// polarity (0 negative, 1 neutral, 2 positive).
pub(crate) struct Targeted {
    pub id: String,
    pub doc: Document,
    pub targets: Vec<(usize, usize, usize)>,
}

fn annotate(doc: &mut Document) -> Result<()> {
    let entities = dateline_entities::EntitiesEnricher::shipped().map_err(|e| anyhow!("{e}"))?;
    entities.annotate(doc);
    dateline_times::TimesEnricher::with_reference(None)
        .enrich(doc)
        .map_err(|e| anyhow!("{e}"))?;
    dateline_quotes::attribute(doc);
    dateline_events::extract(doc, dateline_events::Analysis::default())
        .map_err(|e| anyhow!("{e}"))?;
    Ok(())
}

fn read_semeval(dir: &Path) -> Result<Vec<(Document, f64)>> {
    let xml = std::fs::read_to_string(dir.join("affectivetext_trial.xml"))
        .with_context(|| format!("reading {}", dir.display()))?;
    let gold = std::fs::read_to_string(dir.join("affectivetext_trial.valence.gold"))?;
    let valence: std::collections::HashMap<&str, f64> = gold
        .lines()
        .filter_map(|l| {
            let (id, v) = l.split_once(' ')?;
            Some((id, v.trim().parse().ok()?))
        })
        .collect();
    let document = roxmltree::Document::parse(&xml).context("affectivetext_trial.xml")?;
    let mut out = Vec::new();
    for node in document
        .descendants()
        .filter(|n| n.has_tag_name("instance"))
    {
        let id = node.attribute("id").unwrap_or_default();
        let Some(&v) = valence.get(id) else { continue };
        let mut doc = Document::new(Source::new(format!("semeval-trial/{id}"), 0, "text"));
        doc.headline = Some(node.text().unwrap_or_default().trim().to_string());
        out.push((doc, v));
    }
    out.par_iter_mut().try_for_each(|(doc, _)| annotate(doc))?;
    Ok(out)
}

/// Reads a NewsMTSC file and puts each sentence through the enrichers that run before
/// `tone` in the default pipeline.
pub(crate) fn read_newsmtsc(path: &Path) -> Result<Vec<Targeted>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let sentence = v["sentence_normalized"].as_str().unwrap_or_default();
        // Offsets are Python string indexes: code points.
        let mut doc = Document::new(Source::new(format!("newsmtsc/{n}"), 0, "text"));
        doc.body = sentence.to_string();
        let targets = v["targets"]
            .as_array()
            .map(|ts| {
                ts.iter()
                    .filter_map(|t| {
                        let class = match t["polarity"].as_f64()? as i64 {
                            2 => 0,
                            4 => 1,
                            6 => 2,
                            _ => return None,
                        };
                        Some((
                            t["from"].as_u64()? as usize,
                            t["to"].as_u64()? as usize,
                            class,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let id = v["primary_gid"].as_str().unwrap_or_default().to_string();
        out.push(Targeted { id, doc, targets });
    }
    out.par_iter_mut().try_for_each(|t| annotate(&mut t.doc))?;
    Ok(out)
}

fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        0.0
    } else {
        sxy / (sxx * syy).sqrt()
    }
}

fn headline_pearson(headlines: &[(Document, f64)], settings: &Settings) -> f64 {
    let pairs: Vec<(f64, f64)> = headlines
        .iter()
        .map(|(doc, valence)| {
            let mut doc = doc.clone();
            tone_of(&mut doc, settings);
            (doc.tone.map(|t| t.score).unwrap_or(0.0), *valence)
        })
        .collect();
    pearson(&pairs)
}

/// How a tone score reads as a class, as the measure reads it: negative (0) at
/// -0.1 or below, positive (2) at 0.1 or above, neutral (1) between.
pub(crate) fn class_of(score: f64) -> usize {
    if score <= -0.1 {
        0
    } else if score >= 0.1 {
        2
    } else {
        1
    }
}

/// Macro-F1 over the three classes, and the share of targets found as an entity.
fn target_f1(sentences: &[Targeted], settings: &Settings) -> (f64, f64) {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut found = 0usize;
    for t in sentences {
        let mut doc = t.doc.clone();
        tone_of(&mut doc, settings);
        for &(from, to, gold) in &t.targets {
            let entity = doc.entities.iter().find(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.field.is_none() && m.start < to && from < m.end)
            });
            found += usize::from(entity.is_some());
            let score = entity
                .and_then(|e| e.tone.as_ref())
                .map_or(0.0, |t| t.score);
            let predicted = class_of(score);
            pairs.push((gold, predicted));
            if gold != predicted
                && entity.is_some()
                && std::env::var_os("DATELINE_EVAL_ERRORS").is_some()
            {
                let text: String = doc.body.chars().skip(from).take(to - from).collect();
                eprintln!("gold {gold} found {score:+.2} [{text}] {}", doc.body);
            }
        }
    }
    if std::env::var_os("DATELINE_EVAL_ERRORS").is_some() {
        let mut confusion = [[0usize; 3]; 3];
        pairs.iter().for_each(|&(g, p)| confusion[g][p] += 1);
        eprintln!("confusion (gold rows negative, neutral, positive): {confusion:?}");
    }
    (
        crate::learn::macro_f1(&pairs, 3),
        found as f64 / pairs.len().max(1) as f64,
    )
}

/// Runs the evaluation; false when a gate failed.
pub fn run(corpus: &Path) -> Result<bool> {
    let semeval = corpus.join("semeval2007-affective-trial");
    let newsmtsc = corpus.join("newsmtsc");
    if !present(&semeval)? || !present(&newsmtsc)? {
        return Ok(true);
    }
    let headlines = read_semeval(&semeval)?;
    // Train is what the shipped model learned from: its held-aside figure is
    // `cargo xtask train-tone`'s to report; here only dev, never trained on.
    let sets: Vec<(&str, Vec<Targeted>)> = [("dev_rw", "dev_rw.jsonl"), ("dev_mt", "dev_mt.jsonl")]
        .into_iter()
        .map(|(name, file)| Ok((name, read_newsmtsc(&newsmtsc.join(file))?)))
        .collect::<Result<_>>()?;
    if std::env::var_os("DATELINE_TONE_TUNE").is_some() {
        tune(&headlines);
        return Ok(true);
    }
    let settings = Settings::default();
    let mut ok = metric(
        "tone",
        "semeval2007-trial",
        "valence_pearson",
        headline_pearson(&headlines, &settings),
        Gate::AtLeast(0.715),
    );
    // Each gate below the figure reached by about the spread a retrain shows when the
    // enrichers under the model change (dev_rw moved 0.631-0.641 between retrains that
    // all held the held-aside fifth at 0.638-0.643).
    for ((name, sentences), gate) in sets.iter().zip([0.625, 0.572]) {
        let (f1, found) = target_f1(sentences, &settings);
        ok &= metric(
            "tone",
            &format!("newsmtsc-{name}"),
            "target_macro_f1",
            f1,
            Gate::AtLeast(gate),
        );
        metric(
            "tone",
            &format!("newsmtsc-{name}"),
            "targets_found",
            found,
            Gate::None,
        );
    }
    Ok(ok)
}

/// The article settings over a grid. The entity settings shape the lexicon rules' score,
/// one of the features the learned model reads: they are tuned by training again
/// (`cargo xtask train-tone`), not here.
fn tune(headlines: &[(Document, f64)]) {
    let base = Settings::default();
    for exponent in [0.5f32, 0.75, 1.0] {
        for spread in [0.25f32, 0.5, 1.0, 2.0] {
            let mut s = base;
            s.exponent = exponent;
            s.spread = spread;
            println!(
                "exponent {exponent} spread {spread}: pearson {:.4}",
                headline_pearson(headlines, &s)
            );
        }
    }
}
