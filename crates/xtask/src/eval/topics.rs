//! The `topics` enricher with its shipped model, on what its training held aside (one
//! story in five by a hash of its id, see `cargo xtask train-topics`) and on news it never
//! saw:
//!
//! - `bbc-held-aside`: accuracy of the top topic over the five BBC folders, and over four
//!   classes as a news-wire set scores it (world, sport, business, science and technology:
//!   the politics folder is world news, which counts as right for politics, conflict,
//!   disaster, crime or society; entertainment is left out);
//! - `bbc-held-aside-first-40-words`: the same four classes from each story's first 40
//!   words, as short as a news-wire item;
//! - `reuters-held-aside`: stories with a Reuters topic read as economy;
//! - `seeded-held-aside`: stories labelled by seed words, read as their seed subject;
//! - `polnear`: US political news (PolNeAR train and dev texts, never trained on): the
//!   share whose top topic is a world-news subject.

use std::path::Path;

use anyhow::Result;
use dateline_core::{Document, Source};
use dateline_topics::{Model, SUBJECTS, classify};

use super::{Gate, metric, present};
use crate::topics::{held_aside, read_stories};

/// The world-news subjects: politics; crime, law and justice; disaster; society; conflict.
const WORLD: &[&str] = &[
    "medtop:11000000",
    "medtop:02000000",
    "medtop:03000000",
    "medtop:14000000",
    "medtop:16000000",
];

fn top(text: &str) -> String {
    let mut doc = Document::new(Source::new("story", 0, "text"));
    doc.body = text.to_string();
    classify(&mut doc, Model::shipped());
    doc.topics
        .first()
        .map(|t| t.code.clone())
        .unwrap_or_default()
}

/// The four-class reading of a subject code: world, sport, business, science.
fn four(code: &str) -> &'static str {
    match code {
        "medtop:15000000" => "sport",
        "medtop:04000000" => "business",
        "medtop:13000000" => "science",
        c if WORLD.contains(&c) => "world",
        _ => "other",
    }
}

/// Runs the evaluation; false when a gate failed.
pub fn run(corpus: &Path) -> Result<bool> {
    for dir in [
        "bbc-news/bbc",
        "reuters21578",
        "conll2003-en",
        "gmb-ner",
        "polnear",
    ] {
        if !present(&corpus.join(dir))? {
            return Ok(true);
        }
    }
    let stories = read_stories(corpus)?;
    let mut ok = true;
    let (mut right, mut total, mut right4, mut total4) = (0, 0, 0, 0);
    let (mut short_right4, mut short4) = (0, 0);
    let (mut reuters_right, mut reuters) = (0, 0);
    let (mut seeded_right, mut seeded) = (0, 0);
    for s in stories.iter().filter(|s| held_aside(&s.id)) {
        let found = top(&s.text);
        let gold = SUBJECTS[s.subject].0;
        let right_here = usize::from(found == gold);
        match s.source {
            "bbc" => {
                right += right_here;
                total += 1;
                if gold != "medtop:01000000" {
                    right4 += usize::from(four(&found) == four(gold));
                    total4 += 1;
                    // A news-wire item is a title and a sentence or two: the story's first
                    // 40 words.
                    let short: Vec<&str> = s.text.split_whitespace().take(40).collect();
                    short_right4 += usize::from(four(&top(&short.join(" "))) == four(gold));
                    short4 += 1;
                }
            }
            "reuters" => {
                reuters_right += right_here;
                reuters += 1;
            }
            _ => {
                seeded_right += right_here;
                seeded += 1;
            }
        }
    }
    let share = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    let mut files = crate::bench::list_files(&corpus.join("polnear/train/text"), "txt")?;
    files.extend(crate::bench::list_files(
        &corpus.join("polnear/dev/text"),
        "txt",
    )?);
    let mut world = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path)?).into_owned();
        world += usize::from(WORLD.contains(&top(&text).as_str()));
    }
    // Each gate about a point below the figure reached.
    let figures = [
        ("bbc-held-aside", "accuracy", share(right, total), 0.93),
        (
            "bbc-held-aside",
            "four_class_accuracy",
            share(right4, total4),
            0.93,
        ),
        (
            "bbc-held-aside-first-40-words",
            "four_class_accuracy",
            share(short_right4, short4),
            0.905,
        ),
        (
            "reuters-held-aside",
            "accuracy",
            share(reuters_right, reuters),
            0.945,
        ),
        (
            "seeded-held-aside",
            "accuracy",
            share(seeded_right, seeded),
            0.905,
        ),
        ("polnear", "world_share", share(world, files.len()), 0.85),
    ];
    for (dataset, name, value, gate) in figures {
        ok &= metric("topics", dataset, name, value, Gate::AtLeast(gate));
    }
    Ok(ok)
}
