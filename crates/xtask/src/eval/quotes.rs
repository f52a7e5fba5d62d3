//! The `quotes` enricher on PolNeAR (train and dev; the test split is held out and never
//! read): direct-quotation detection F1, and speaker attribution precision, recall and
//! F1 (a speaker is right when its span overlaps the gold source of the matching gold
//! quotation); reported (indirect and mixed) speech scored the same way, apart. A gold
//! attribution is direct when its content opens with a quotation mark, as the corpus'
//! authors count them: a double or single one, straight or curly (the New York Times
//! articles mark quotations with two apostrophes). Where several annotators did one
//! article, the first annotation file (by name) is the gold.
//!
//! Any folder in the same layout (`text/*.txt`, `attributions/*.ann`) can be given with
//! `--path`.
//!
//! An article's first line is read as the text source reads it, a headline, and searched
//! for quotations as the enricher searches a headline (single marks are quotation marks
//! there); the rest is the body.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dateline_core::text::CharIndex;
use dateline_quotes::find::{Found, Kind, find, find_in_heading};

use super::{Gate, metric, prf};

/// A gold attribution: content and source spans in code points.
struct Gold {
    content: Range<usize>,
    source: Option<Range<usize>>,
    direct: bool,
}

fn span(field: &str) -> Option<Range<usize>> {
    // "start end" or discontinuous "s1 e1;s2 e2": the whole extent.
    let mut lo = usize::MAX;
    let mut hi = 0;
    for part in field.split(';') {
        let mut it = part.split_whitespace();
        let (s, e) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?);
        lo = lo.min(s);
        hi = hi.max(e);
    }
    (lo < hi).then_some(lo..hi)
}

fn read_ann(text: &[char], ann: &str) -> Vec<Gold> {
    let mut spans: BTreeMap<&str, (String, Range<usize>)> = BTreeMap::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(kind)) = (fields.next(), fields.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((role, offsets)) = kind.split_once(' ') else {
            continue;
        };
        if let Some(range) = span(offsets) {
            spans.insert(id, (role.to_string(), range));
        }
    }
    let mut gold = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let Some(args) = line.split('\t').nth(1) else {
            continue;
        };
        let mut content = None;
        let mut source = None;
        for arg in args.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let range = spans.get(id).map(|s| s.1.clone());
            match role {
                "Content" => content = range,
                "Source" => source = range,
                _ => {}
            }
        }
        let Some(content) = content else { continue };
        let first = text[content.start.min(text.len())..content.end.min(text.len())]
            .iter()
            .find(|c| !c.is_whitespace());
        gold.push(Gold {
            direct: matches!(first, Some('“' | '"' | '‘' | '\'')),
            content,
            source,
        });
    }
    gold
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[derive(Default)]
struct Score {
    found: usize,
    gold: usize,
    /// Found pieces matching a gold quotation, and those with the right speaker.
    matched: usize,
    speaker_right: usize,
    /// Gold quotations found, and found with the right speaker.
    gold_matched: usize,
    gold_speaker_right: usize,
}

impl Score {
    fn add(
        &mut self,
        found: &[(Range<usize>, Option<Range<usize>>)],
        gold: &[&Gold],
        text: &[char],
        what: &str,
    ) {
        // DATELINE_EVAL_ERRORS=1: every quotation found in no gold one, and every wrong speaker.
        let show = std::env::var_os("DATELINE_EVAL_ERRORS").is_some();
        let slice = |r: &Range<usize>| {
            text[r.start.min(text.len())..r.end.min(text.len())]
                .iter()
                .collect::<String>()
        };
        self.found += found.len();
        self.gold += gold.len();
        // A quotation may be cut differently ("A," he said, "B." is one gold attribution
        // and two found pieces): a found piece matches the gold quotation it shares half
        // of the shorter span with; a gold quotation is found when any piece matches it.
        let mut gold_found = vec![false; gold.len()];
        let mut gold_speaker = vec![false; gold.len()];
        for (content, speaker) in found {
            let best = gold
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    overlap(content, &g.content) * 2 >= (content.len()).min(g.content.len()).max(1)
                })
                .max_by_key(|(_, g)| overlap(content, &g.content));
            if let Some((i, g)) = best {
                gold_found[i] = true;
                self.matched += 1;
                let right = match (speaker, &g.source) {
                    (Some(s), Some(t)) => overlap(s, t) > 0,
                    _ => false,
                };
                self.speaker_right += usize::from(right);
                gold_speaker[i] |= right;
                if show && !right {
                    let around =
                        content.start.saturating_sub(80)..(content.end + 80).min(text.len());
                    eprintln!(
                        "speaker: {:?} for gold {:?} | {}",
                        speaker.as_ref().map(slice),
                        g.source.as_ref().map(slice),
                        slice(&around).replace('\n', " ")
                    );
                }
            } else if show {
                let around = content.start.saturating_sub(60)..(content.end + 60).min(text.len());
                eprintln!(
                    "unmatched: {:?} | {}",
                    speaker.as_ref().map(slice),
                    slice(&around).replace('\n', " ")
                );
            }
        }
        if show {
            for (g, _) in gold.iter().zip(&gold_found).filter(|(_, found)| !**found) {
                let around =
                    g.content.start.saturating_sub(60)..(g.content.end + 60).min(text.len());
                eprintln!(
                    "missed {what}: {:?} | {}",
                    g.source.as_ref().map(slice),
                    slice(&around).replace('\n', " ")
                );
            }
        }
        self.gold_matched += gold_found.iter().filter(|f| **f).count();
        self.gold_speaker_right += gold_speaker.iter().filter(|f| **f).count();
    }
}

/// Scores one folder (`text/`, `attributions/`); returns (direct, reported) scores.
fn score_folder(dir: &Path) -> Result<(Score, Score, usize)> {
    let mut anns: BTreeMap<String, PathBuf> = BTreeMap::new();
    let attributions = dir.join("attributions");
    for entry in std::fs::read_dir(&attributions)
        .with_context(|| format!("reading {}", attributions.display()))?
    {
        let path = entry?.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        // `<article>_<annotator>.ann`: keep the first annotator's file by name.
        let Some((article, _)) = stem.rsplit_once('_') else {
            continue;
        };
        let slot = anns
            .entry(article.to_string())
            .or_insert_with(|| path.clone());
        if path < *slot {
            *slot = path;
        }
    }
    let (mut direct, mut reported) = (Score::default(), Score::default());
    let mut articles = 0;
    for (article, ann_path) in &anns {
        let text_path = dir.join("text").join(format!("{article}.txt"));
        let Ok(text) = std::fs::read_to_string(&text_path) else {
            continue;
        };
        articles += 1;
        let chars: Vec<char> = text.chars().collect();
        let gold = read_ann(&chars, &std::fs::read_to_string(ann_path)?);
        let index = CharIndex::new(&text);
        let to_chars = |r: &Range<usize>| index.char_offset(r.start)..index.char_offset(r.end);
        let found = found_as_read(&text);
        let mut found_direct = Vec::new();
        let mut found_reported = Vec::new();
        let mut running: Option<Range<usize>> = None;
        for f in &found {
            let speaker = match f.continues {
                true => running.clone(),
                false => f.speaker.as_ref().map(to_chars),
            };
            if f.kind == Kind::Direct {
                running = speaker.clone();
                found_direct.push((to_chars(&f.content), speaker));
            } else {
                found_reported.push((to_chars(&f.content), speaker));
            }
        }
        let gold_direct: Vec<&Gold> = gold.iter().filter(|g| g.direct).collect();
        let gold_reported: Vec<&Gold> = gold.iter().filter(|g| !g.direct).collect();
        direct.add(&found_direct, &gold_direct, &chars, "direct");
        reported.add(&found_reported, &gold_reported, &chars, "reported");
    }
    Ok((direct, reported, articles))
}

/// The quotations of an article as a run finds them: its first line, when it could be a
/// headline (a line of 300 characters or fewer, as the text source reads a plain-text
/// article), is searched as a heading (`find_in_heading`, as the enricher searches a
/// record's headline), and the rest as the body. Byte ranges of `text`.
fn found_as_read(text: &str) -> Vec<Found> {
    let start = text.len() - text.trim_start().len();
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let headline = text[start..line_end].trim_end();
    if headline.is_empty() || headline.chars().count() > 300 {
        return find(text);
    }
    let body_start = line_end + (text[line_end..].len() - text[line_end..].trim_start().len());
    let mut found: Vec<Found> = find(&text[body_start..])
        .into_iter()
        .map(|f| shifted(f, body_start))
        .collect();
    found.extend(
        find_in_heading(headline)
            .into_iter()
            .map(|f| shifted(f, start)),
    );
    found
}

/// A quotation found in a part of a text that starts `by` bytes in, with its ranges in the
/// whole text.
fn shifted(mut found: Found, by: usize) -> Found {
    let shift = |r: &mut Range<usize>| *r = r.start + by..r.end + by;
    shift(&mut found.content);
    found.speaker.as_mut().map(shift);
    found.cue.as_mut().map(shift);
    found
}

fn report(
    dataset: &str,
    direct: &Score,
    reported: &Score,
    articles: usize,
    gates: (Gate, Gate, Gate),
) -> bool {
    let round = |x: f64| (x * 10000.0).round() / 10000.0;
    let line = |s: &Score| {
        let (dp, dr, df) = prf(s.matched, s.found, s.gold_matched, s.gold);
        let (sp, sr, sf) = prf(s.speaker_right, s.found, s.gold_speaker_right, s.gold);
        serde_json::json!({"found": s.found, "gold": s.gold,
            "detection": {"precision": round(dp), "recall": round(dr), "f1": round(df)},
            "speaker": {"precision": round(sp), "recall": round(sr), "f1": round(sf)}})
    };
    println!(
        "{}",
        serde_json::json!({"eval": "quotes", "dataset": dataset, "articles": articles,
            "direct": line(direct), "reported": line(reported)})
    );
    let mut passed = metric(
        "quotes",
        dataset,
        "direct_detection_f1",
        prf(
            direct.matched,
            direct.found,
            direct.gold_matched,
            direct.gold,
        )
        .2,
        gates.0,
    );
    passed &= metric(
        "quotes",
        dataset,
        "direct_speaker_f1",
        prf(
            direct.speaker_right,
            direct.found,
            direct.gold_speaker_right,
            direct.gold,
        )
        .2,
        gates.1,
    );
    passed &= metric(
        "quotes",
        dataset,
        "reported_speaker_f1",
        prf(
            reported.speaker_right,
            reported.found,
            reported.gold_speaker_right,
            reported.gold,
        )
        .2,
        gates.2,
    );
    passed
}

/// Scores PolNeAR train and dev, and any folder given by path.
pub fn run(corpus: &Path, extra: &[PathBuf]) -> Result<bool> {
    let mut passed = true;
    // Each gate about a point below what is reached (direct detection, direct speaker,
    // reported speaker).
    for (split, gates) in [
        ("train", (0.928, 0.893, 0.335)),
        ("dev", (0.92, 0.882, 0.39)),
    ] {
        let dir = corpus.join("polnear").join(split);
        if !super::present(&dir)? {
            continue;
        }
        let (direct, reported, articles) = score_folder(&dir)?;
        passed &= report(
            &format!("polnear-{split}"),
            &direct,
            &reported,
            articles,
            (
                Gate::AtLeast(gates.0),
                Gate::AtLeast(gates.1),
                Gate::AtLeast(gates.2),
            ),
        );
    }
    for path in extra {
        let (direct, reported, articles) = score_folder(path)?;
        report(
            &path.display().to_string(),
            &direct,
            &reported,
            articles,
            (Gate::None, Gate::None, Gate::None),
        );
    }
    Ok(passed)
}
