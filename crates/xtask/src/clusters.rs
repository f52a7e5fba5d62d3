//! `cargo xtask clusters`: word clusters for the entity tagger, learned from unlabelled
//! news in ../shared/corpus (Reuters-21578, BBC News, PolNeAR train, and the words of
//! CoNLL-2003 train and GMB; never an evaluation split), written to
//! crates/syntax/data/clusters.tsv.gz.
//!
//! Words that appear in the same contexts get the same cluster, so the tagger learns
//! from "Ryanair" what it knows of "airline"-like names it has seen labelled. Each word
//! is described by its neighbours (positive pointwise mutual information with the words
//! one and two to its left and right, over the 1,000 most frequent words), projected to
//! 256 dimensions by a fixed random projection, and the words are split in two again and
//! again (across their principal direction, refined by spherical 2-means) into a binary
//! tree: a word's cluster is its path from the root, so prefixes of the path are coarser
//! clusters.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, Result};
use dateline_entities::features::Word;
use dateline_entities::tokenize::tokens;
use rayon::prelude::*;

use crate::ner::{read_conll, read_gmb};
use crate::paths;

const CONTEXTS: usize = 1000;
const DIMENSIONS: usize = 256;
const MIN_COUNT: u32 = 4;
const DEPTH: usize = 16;

fn lower(word: &str) -> String {
    Word::new(word).lower
}

/// The texts of every unlabelled news source: Reuters-21578's titles and bodies, BBC
/// News, PolNeAR train's articles (never an evaluation split).
pub fn unlabelled_texts(corpus: &Path) -> Result<Vec<String>> {
    let mut texts: Vec<String> = Vec::new();
    let reuters = corpus.join("reuters21578");
    for i in 0..22 {
        let path = reuters.join(format!("reut2-{i:03}.sgm"));
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let text: String = bytes.iter().map(|&b| b as char).collect();
        for tag in ["TITLE", "BODY"] {
            let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
            let mut rest = text.as_str();
            while let Some(s) = rest.find(&open) {
                let after = &rest[s + open.len()..];
                let Some(e) = after.find(&close) else { break };
                texts.push(crate::markup::unescape(&after[..e]));
                rest = &after[e..];
            }
        }
    }
    let mut files = Vec::new();
    for dir in [
        corpus.join("bbc-news/bbc"),
        corpus.join("polnear/train/text"),
    ] {
        let mut stack = vec![dir];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "txt") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    for path in files {
        let mut bytes = Vec::new();
        std::fs::File::open(&path)?.read_to_end(&mut bytes)?;
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(texts)
}

/// Sentences of lowercase words from every unlabelled source.
fn sentences(corpus: &Path) -> Result<Vec<Vec<String>>> {
    let texts = unlabelled_texts(corpus)?;
    let mut out: Vec<Vec<String>> = texts
        .par_iter()
        .flat_map_iter(|text| {
            text.split("\n\n")
                .map(|p| {
                    tokens(p)
                        .iter()
                        .map(|t| lower(&p[t.start..t.end]))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let conll = corpus.join("conll2003-en/train.txt");
    let gmb = corpus.join("gmb-ner/ner_dataset.csv.zip");
    for docs in [read_conll(&conll)?, read_gmb(&gmb)?] {
        for doc in docs {
            for s in doc {
                out.push(s.tokens.iter().map(|t| lower(t)).collect());
            }
        }
    }
    Ok(out)
}

/// A fixed pseudo-random ±1 for (context, dimension).
fn sign(context: usize, dimension: usize) -> f32 {
    let mut x = (context as u64) << 32 | dimension as u64;
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    if x & 1 == 0 { 1.0 } else { -1.0 }
}

fn normalize(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Splits `members` in two by spherical 2-means, again and again, writing paths.
fn bisect(vectors: &[Vec<f32>], members: Vec<usize>, path: String, paths: &mut [String]) {
    if path.len() >= DEPTH || members.len() < 16 {
        for m in members {
            paths[m] = path.clone();
        }
        return;
    }
    // First cut: across the principal direction of the members (power iteration on
    // their covariance), then 2-means from the two halves' centres.
    let n = members.len() as f32;
    let mut mean = vec![0f32; DIMENSIONS];
    for &m in &members {
        mean.iter_mut()
            .zip(&vectors[m])
            .for_each(|(a, b)| *a += b / n);
    }
    let mut direction: Vec<f32> = (0..DIMENSIONS)
        .map(|d| sign(d, 7) + 0.01 * d as f32)
        .collect();
    normalize(&mut direction);
    for _ in 0..20 {
        let next = members
            .par_iter()
            .fold(
                || vec![0f32; DIMENSIONS],
                |mut acc, &m| {
                    let centred: Vec<f32> =
                        vectors[m].iter().zip(&mean).map(|(x, u)| x - u).collect();
                    let along = dot(&centred, &direction);
                    acc.iter_mut()
                        .zip(&centred)
                        .for_each(|(a, c)| *a += along * c);
                    acc
                },
            )
            .reduce(
                || vec![0f32; DIMENSIONS],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        direction = next;
        normalize(&mut direction);
    }
    let mut side: Vec<bool> = members
        .iter()
        .map(|&m| dot(&vectors[m], &direction) > dot(&mean, &direction))
        .collect();
    let mut centres = [vec![0f32; DIMENSIONS], vec![0f32; DIMENSIONS]];
    for (&m, &s) in members.iter().zip(&side) {
        centres[usize::from(s)]
            .iter_mut()
            .zip(&vectors[m])
            .for_each(|(a, b)| *a += b);
    }
    centres.iter_mut().for_each(|c| normalize(c));
    for _ in 0..5 {
        side = members
            .par_iter()
            .map(|&m| dot(&vectors[m], &centres[1]) > dot(&vectors[m], &centres[0]))
            .collect();
        let mut sums = [vec![0f32; DIMENSIONS], vec![0f32; DIMENSIONS]];
        for (&m, &s) in members.iter().zip(&side) {
            sums[usize::from(s)]
                .iter_mut()
                .zip(&vectors[m])
                .for_each(|(a, b)| *a += b);
        }
        for (centre, mut sum) in centres.iter_mut().zip(sums) {
            normalize(&mut sum);
            *centre = sum;
        }
    }
    let left: Vec<usize> = members
        .iter()
        .zip(&side)
        .filter(|(_, s)| !**s)
        .map(|(m, _)| *m)
        .collect();
    let right: Vec<usize> = members
        .iter()
        .zip(&side)
        .filter(|(_, s)| **s)
        .map(|(m, _)| *m)
        .collect();
    if left.is_empty() || right.is_empty() {
        for m in members {
            paths[m] = path.clone();
        }
        return;
    }
    bisect(vectors, left, format!("{path}0"), paths);
    bisect(vectors, right, format!("{path}1"), paths);
}

/// Learns the clusters and writes them.
pub fn run(corpus: &Path) -> Result<()> {
    let started = std::time::Instant::now();
    let sentences = sentences(corpus).context("reading the unlabelled text")?;
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for s in &sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_count: Vec<(&str, u32)> = counts.iter().map(|(w, c)| (*w, *c)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let context_of: HashMap<&str, usize> = by_count
        .iter()
        .take(CONTEXTS)
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let vocabulary: Vec<&str> = by_count
        .iter()
        .filter(|(_, c)| *c >= MIN_COUNT)
        .map(|(w, _)| *w)
        .collect();
    let index: HashMap<&str, usize> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i))
        .collect();
    // Context slots: the words one and two to the left and right, each one of the
    // frequent words, another word, or the sentence's edge.
    let slots = 4 * (CONTEXTS + 2);
    let slot = |side: usize, word: Option<&String>| {
        let c = match word {
            None => CONTEXTS + 1,
            Some(w) => context_of.get(w.as_str()).copied().unwrap_or(CONTEXTS),
        };
        side * (CONTEXTS + 2) + c
    };
    let mut cooc: Vec<HashMap<u32, u32>> = vec![HashMap::new(); vocabulary.len()];
    let mut slot_totals = vec![0f64; slots];
    for s in &sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&v) = index.get(w.as_str()) else {
                continue;
            };
            let left = slot(0, i.checked_sub(1).map(|j| &s[j]));
            let right = slot(1, s.get(i + 1));
            let left2 = slot(2, i.checked_sub(2).map(|j| &s[j]));
            let right2 = slot(3, s.get(i + 2));
            for c in [left, right, left2, right2] {
                *cooc[v].entry(c as u32).or_default() += 1;
                slot_totals[c] += 1.0;
            }
        }
    }
    let total: f64 = slot_totals.iter().sum();
    let vectors: Vec<Vec<f32>> = cooc
        .par_iter()
        .map(|contexts| {
            // In context order, so that the float sums are the same on every run.
            let mut contexts: Vec<(u32, u32)> = contexts.iter().map(|(c, n)| (*c, *n)).collect();
            contexts.sort_unstable();
            let word_total: f64 = contexts.iter().map(|&(_, n)| f64::from(n)).sum();
            let mut v = vec![0f32; DIMENSIONS];
            for &(c, n) in &contexts {
                let pmi = ((f64::from(n) * total) / (word_total * slot_totals[c as usize])).ln();
                if pmi > 0.0 {
                    for (d, x) in v.iter_mut().enumerate() {
                        *x += pmi as f32 * sign(c as usize, d);
                    }
                }
            }
            normalize(&mut v);
            v
        })
        .collect();
    let mut paths = vec![String::new(); vocabulary.len()];
    bisect(
        &vectors,
        (0..vocabulary.len()).collect(),
        String::new(),
        &mut paths,
    );
    let mut lines: Vec<(&str, &String)> = vocabulary.iter().copied().zip(&paths).collect();
    lines.sort();
    let out = paths::repo_root().join("crates/syntax/data/clusters.tsv.gz");
    let file =
        std::fs::File::create(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut gz =
        flate2::write::GzEncoder::new(std::io::BufWriter::new(file), flate2::Compression::best());
    writeln!(
        gz,
        "# Word clusters learned by `cargo xtask clusters` from Reuters-21578, BBC News, PolNeAR train, CoNLL-2003 train and GMB text.\n# word\tpath"
    )?;
    for (word, path) in lines {
        writeln!(gz, "{word}\t{path}")?;
    }
    gz.finish()?;
    println!(
        "{} words of text, {} words clustered, in {:.1} s; wrote {} ({} bytes)",
        words,
        vocabulary.len(),
        started.elapsed().as_secs_f64(),
        out.display(),
        std::fs::metadata(&out)?.len()
    );
    Ok(())
}
