//! `cargo xtask train-parser`: trains the part-of-speech tagger and the dependency parser
//! of `dateline-syntax` on Universal Dependencies English and writes their model files.
//! Also the readers and the scorer that `cargo xtask eval parser` uses.
//!
//! Training is deterministic (fixed shuffle seeds, sorted label sets, sorted model keys),
//! so the same treebanks give the same model bytes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use dateline_syntax::conllu::{self, Sentence};
use dateline_syntax::{Syntax, parser, perceptron, tagger};

use crate::paths::{corpus_root, repo_root};

/// Options of `cargo xtask train-parser`.
#[derive(clap::Args)]
pub struct TrainOptions {
    /// Corpus root (default ../shared/corpus).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Treebanks to train on: `ewt` (CC BY-SA) or `ewt+gum` (GUM is CC BY-NC-SA:
    /// the model then inherits the non-commercial restriction).
    #[arg(long, default_value = "ewt")]
    treebanks: String,
    /// Leave out the news sentences (GMB, Voice of America; silver tags) that the tagger
    /// also learns from.
    #[arg(long)]
    no_news_tags: bool,
    /// Passes over the data for the tagger.
    #[arg(long, default_value_t = 6)]
    tagger_epochs: usize,
    /// Passes over the data for the parser.
    #[arg(long, default_value_t = 12)]
    parser_epochs: usize,
    /// Folds for the parser's training tags (each fold tagged by a tagger trained on the
    /// others, so that the parser learns from tags as they will be); 1 trains on gold tags.
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Percent of moves in which the parser, after its first pass, follows its own choice
    /// rather than the gold one while training (0: a static oracle).
    #[arg(long, default_value_t = 0)]
    explore: u64,
    /// Drop weights smaller than this from both models: smaller files, faster lookups
    /// (1.0 measured: 35% faster for 0.4 UAS on EWT dev; the shipped models use it).
    #[arg(long, default_value_t = 1.0)]
    prune: f32,
    /// Prune the shipped models instead of training (to weigh a pruning threshold: the
    /// same as training with that `--prune`, in seconds).
    #[arg(long)]
    prune_shipped: bool,
    /// Score on the dev sets only; do not write the model files.
    #[arg(long)]
    dry_run: bool,
}

const SEED: u64 = 0x5eed_da7e;
/// A relation subtype is its own label when seen this often in training; rarer ones fall
/// back to their universal relation.
const MIN_SUBTYPE: usize = 20;

/// Reads a CoNLL-U file, gzipped or not.
pub fn read_treebank(path: &Path) -> Result<Vec<Sentence>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .with_context(|| format!("decompressing {}", path.display()))?;
        text
    } else {
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8", path.display()))?
    };
    Ok(conllu::parse(&text))
}

/// Reads the words and part-of-speech tags of the GMB CSV (zipped, Latin-1; tags from GMB's
/// tagger, in the Penn tag set with a few spellings of its own).
pub fn read_gmb_tags(path: &Path) -> Result<Vec<Vec<(String, String)>>> {
    let text = crate::ner::gmb_text(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut sentences: Vec<Vec<(String, String)>> = Vec::new();
    for row in reader.records() {
        let row = row.with_context(|| format!("reading {}", path.display()))?;
        let (Some(start), Some(word), Some(tag)) = (row.get(0), row.get(1), row.get(2)) else {
            continue;
        };
        if !start.is_empty() || sentences.is_empty() {
            sentences.push(Vec::new());
        }
        let tag = match tag {
            "LRB" => "-LRB-",
            "RRB" => "-RRB-",
            ";" => ":",
            other => other,
        };
        sentences
            .last_mut()
            .expect("a sentence")
            .push((word.to_string(), tag.to_string()));
    }
    Ok(sentences)
}

/// The universal relation of a label ("nsubj" of "nsubj:pass").
pub fn universal(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

/// Tagging and parsing accuracy on a treebank.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Tags right.
    pub tags: usize,
    /// Heads right.
    pub heads: usize,
    /// Heads and universal relations right.
    pub labelled: usize,
    /// Seconds spent tagging and parsing.
    pub seconds: f64,
}

impl Scores {
    /// Share of tags right.
    pub fn tag_accuracy(&self) -> f64 {
        self.tags as f64 / self.words.max(1) as f64
    }
    /// Unlabelled attachment score.
    pub fn uas(&self) -> f64 {
        self.heads as f64 / self.words.max(1) as f64
    }
    /// Labelled attachment score (universal relations, as the CoNLL 2018 shared task).
    pub fn las(&self) -> f64 {
        self.labelled as f64 / self.words.max(1) as f64
    }
    /// Words tagged and parsed per second.
    pub fn words_per_second(&self) -> f64 {
        self.words as f64 / self.seconds.max(1e-9)
    }
}

/// Tags and parses every sentence and scores it against the gold tree (every word counts,
/// punctuation too).
pub fn score(syntax: &Syntax, sentences: &[Sentence]) -> Scores {
    let mut scores = Scores::default();
    let started = Instant::now();
    let analyses: Vec<_> = sentences
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            syntax.analyze(&forms)
        })
        .collect();
    scores.seconds = started.elapsed().as_secs_f64();
    for (sentence, analysis) in sentences.iter().zip(&analyses) {
        for (i, word) in sentence.words.iter().enumerate() {
            scores.words += 1;
            if syntax.tag_name(analysis.tags[i]) == word.xpos {
                scores.tags += 1;
            }
            let head = analysis.heads[i].map_or(0, |h| h + 1);
            if head == word.head {
                scores.heads += 1;
                if universal(syntax.label_name(analysis.labels[i])) == universal(&word.deprel) {
                    scores.labelled += 1;
                }
            }
        }
    }
    scores
}

fn tagged(sentences: &[Sentence]) -> Vec<(Vec<&str>, Vec<&str>)> {
    sentences
        .iter()
        .map(|s| {
            (
                s.words.iter().map(|w| w.form.as_str()).collect(),
                s.words.iter().map(|w| w.xpos.as_str()).collect(),
            )
        })
        .collect()
}

/// The relation labels for training: universal relations, and the subtypes seen often.
fn label_set(sentences: &[Sentence]) -> Vec<String> {
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for w in sentences.iter().flat_map(|s| &s.words) {
        *counts.entry(w.deprel.as_str()).or_default() += 1;
    }
    let mut labels: Vec<String> = counts
        .iter()
        .filter(|(l, n)| !l.contains(':') || **n >= MIN_SUBTYPE)
        .map(|(l, _)| l.to_string())
        .collect();
    for l in counts.keys() {
        let base = universal(l).to_string();
        if !labels.contains(&base) {
            labels.push(base);
        }
    }
    labels.sort();
    labels
}

/// Trains the tagger and the parser and writes (or only scores) them.
pub fn train(options: TrainOptions) -> Result<()> {
    let corpus = options.corpus.clone().unwrap_or_else(corpus_root);
    let ud = corpus.join("ud-english");
    if options.prune_shipped {
        // The model files, not the images compiled in: pruning rewrites whole keys,
        // which an image does not keep.
        let read = |magic, name: &str| -> Result<perceptron::Model> {
            let path = repo_root().join("crates/syntax/model").join(name);
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            perceptron::Model::read(magic, &bytes).with_context(|| path.display().to_string())
        };
        return finish(
            tagger::Tagger::new(read(tagger::MAGIC, "tagger.bin.gz")?),
            parser::Parser::new(read(parser::MAGIC, "parser.bin.gz")?),
            &options,
            &ud,
        );
    }
    let mut train = read_treebank(&ud.join("en_ewt-ud-train.conllu.gz"))?;
    match options.treebanks.as_str() {
        "ewt" => {}
        "ewt+gum" => train.extend(read_treebank(&ud.join("en_gum-ud-train.conllu.gz"))?),
        other => bail!("--treebanks is ewt or ewt+gum, not {other}"),
    }
    let started = Instant::now();
    let pairs = tagged(&train);
    // News tagged by GMB's pipeline: the tagger sees newswire, which the treebanks lack
    // ("the general held talks": general is a noun there).
    let news = if options.no_news_tags {
        Vec::new()
    } else {
        read_gmb_tags(&corpus.join("gmb-ner/ner_dataset.csv.zip"))?
    };
    let news_pairs: Vec<(Vec<&str>, Vec<&str>)> = news
        .iter()
        .map(|s| {
            (
                s.iter().map(|(w, _)| w.as_str()).collect(),
                s.iter().map(|(_, t)| t.as_str()).collect(),
            )
        })
        .collect();
    let mut all_pairs = pairs.clone();
    all_pairs.extend(news_pairs.iter().cloned());
    let tagger = tagger::train(&all_pairs, options.tagger_epochs, SEED);
    eprintln!(
        "tagger: {} sentences, {} features, {:.1}s",
        train.len(),
        tagger.model().len(),
        started.elapsed().as_secs_f64()
    );

    // The parser learns from tags as the tagger gives them: each fold tagged by a tagger
    // that did not see it.
    let folds = options.folds.max(1);
    let mut tags: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
    if folds == 1 {
        for (tags, (_, gold)) in tags.iter_mut().zip(&pairs) {
            *tags = gold
                .iter()
                .map(|t| tagger.tag_number(t).expect("a trained tag"))
                .collect();
        }
    } else {
        for fold in 0..folds {
            let mut rest: Vec<(Vec<&str>, Vec<&str>)> = pairs
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != fold)
                .map(|(_, p)| p.clone())
                .collect();
            rest.extend(news_pairs.iter().cloned());
            let fold_tagger = tagger::train(&rest, options.tagger_epochs, SEED + fold as u64);
            for (i, (forms, _)) in pairs.iter().enumerate() {
                if i % folds == fold {
                    // Tag numbers of the fold's tagger, renamed to the final tagger's.
                    tags[i] = fold_tagger
                        .tag(forms)
                        .into_iter()
                        .map(|t| tagger.tag_number(fold_tagger.tag_name(t)).unwrap_or(0))
                        .collect();
                }
            }
        }
    }
    let labels = label_set(&train);
    let examples: Vec<parser::Example<'_>> = train
        .iter()
        .zip(tags)
        .map(|(s, tags)| parser::Example {
            forms: s.words.iter().map(|w| w.form.as_str()).collect(),
            tags,
            heads: s.words.iter().map(|w| w.head).collect(),
            deprels: s.words.iter().map(|w| w.deprel.as_str()).collect(),
        })
        .collect();
    let started = Instant::now();
    let (parser, skipped) = parser::train(
        &examples,
        &labels,
        options.parser_epochs,
        options.explore,
        SEED,
    );
    eprintln!(
        "parser: {} labels, {} features, {} non-projective sentences left out, {:.1}s",
        labels.len(),
        parser.model().len(),
        skipped,
        started.elapsed().as_secs_f64()
    );
    finish(tagger, parser, &options, &ud)
}

/// Prunes, scores on the dev sets and (unless a dry run) writes the models.
fn finish(
    tagger: tagger::Tagger,
    parser: parser::Parser,
    options: &TrainOptions,
    ud: &Path,
) -> Result<()> {
    let tagger = tagger::Tagger::new(tagger.model().pruned(options.prune));
    let parser = parser::Parser::new(parser.model().pruned(options.prune));
    eprintln!(
        "after pruning at {}: tagger {} features {} weights, parser {} features {} weights",
        options.prune,
        tagger.model().len(),
        tagger.model().weights(),
        parser.model().len(),
        parser.model().weights()
    );
    let syntax = Syntax::new(tagger, parser);
    for (name, file) in [
        ("ud-ewt-dev", "en_ewt-ud-dev.conllu"),
        ("ud-gum-dev", "en_gum-ud-dev.conllu"),
    ] {
        let dev = read_treebank(&ud.join(file))?;
        let s = score(&syntax, &dev);
        println!(
            "{}",
            serde_json::json!({"dataset": name, "treebanks": options.treebanks,
                "tag_accuracy": round(s.tag_accuracy()), "uas": round(s.uas()), "las": round(s.las()),
                "uas_gold_tags": round(uas_with_gold_tags(&syntax, &dev)),
                "words_per_second": s.words_per_second().round()})
        );
    }
    if options.dry_run {
        return Ok(());
    }
    let dir = repo_root().join("crates/syntax/model");
    for (file, model, magic) in [
        ("tagger.bin.gz", syntax.tagger().model(), tagger::MAGIC),
        ("parser.bin.gz", syntax.parser().model(), parser::MAGIC),
    ] {
        let path = dir.join(file);
        let mut bytes = Vec::new();
        model.write(magic, &mut bytes)?;
        std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}

/// UAS when the parser is given the gold tags: what tagging errors cost the parser.
fn uas_with_gold_tags(syntax: &Syntax, sentences: &[Sentence]) -> f64 {
    let (mut right, mut total) = (0usize, 0usize);
    for s in sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags: Vec<u8> = s
            .words
            .iter()
            .map(|w| syntax.tagger().tag_number(&w.xpos).unwrap_or(0))
            .collect();
        let tree = syntax.parser().parse(&forms, &tags);
        for (i, w) in s.words.iter().enumerate() {
            total += 1;
            right += usize::from(tree.heads[i].map_or(0, |h| h + 1) == w.head);
        }
    }
    right as f64 / total.max(1) as f64
}

fn round(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Prints a sentence as the shipped models read it: one word a line with its tag, head and
/// relation, then the event frames.
pub fn show(text: &str) -> Result<()> {
    let syntax = Syntax::shipped()?;
    let tokens = dateline_syntax::tokenize::tokens(text);
    let words: Vec<String> = tokens
        .iter()
        .map(|t| text[t.start..t.end].to_string())
        .collect();
    let (sentence, frames) =
        dateline_events::sentence_frames(syntax, words, dateline_events::Analysis::Parse);
    for i in 0..sentence.forms.len() {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            i + 1,
            sentence.forms[i],
            sentence.tags[i],
            sentence.heads[i].map_or(0, |h| h + 1),
            sentence.labels[i]
        );
    }
    let word = |w: Option<usize>| w.map_or("-".to_string(), |w| sentence.forms[w].clone());
    for f in &frames {
        println!(
            "frame {} ({}): source {} target {} {:?}{}",
            sentence.forms[f.trigger],
            f.kind,
            word(f.source),
            word(f.target),
            f.mode,
            if f.negated { " negated" } else { "" }
        );
    }
    Ok(())
}
