//! `cargo xtask train-tone`: trains the model of the tone toward a person of the `tone`
//! enricher and writes `plugins/enrich/tone/model/target.tsv`.
//!
//! The examples are NewsMTSC train's targets (US political news sentences, each with a
//! person and the tone toward it: negative, neutral or positive; MIT license). Each
//! sentence first goes through the enrichers before `tone` in the default pipeline, and
//! each target is read by `dateline_tone::span_features`, what the enricher reads of a
//! mention there. A feature is kept when at least [`MIN_COUNT`] examples have it.
//!
//! The sentences of one article in five (by a hash of the article's part of the id) are
//! held aside: a model trained on the rest is scored on them (macro-F1 of the likeliest
//! class, each target read where the annotators marked it); then the shipped model is
//! trained on all of train. NewsMTSC dev is never trained on: `cargo xtask eval tone`
//! scores the shipped model there, each target read through the entity found there.
//! `--check` compares with the committed file instead of writing it.

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use dateline_linear::Linear;
use dateline_tone::target::CLASSES;
use rayon::prelude::*;

use crate::eval::tone::{class_of, read_newsmtsc};
use crate::learn::{Sgd, macro_f1, softmax_regression};
use crate::paths;
use crate::topics::held_aside;

/// A feature seen in fewer examples than this is left out.
const MIN_COUNT: usize = 2;

/// The descent: chosen on the held-aside fifth.
const SGD: Sgd = Sgd {
    epochs: 10,
    rate: 0.02,
    lambda: 1e-3,
    // Held-aside macro-F1 with the mean of the last 0 / 3 / 5 / 10 passes: 0.6362 /
    // 0.6356 / 0.6384 / 0.6378; NewsMTSC dev moved by a point either way between them.
    average_last: 5,
};

/// Options of `cargo xtask train-tone`.
#[derive(clap::Args, Debug)]
pub struct TrainOptions {
    /// Corpus root (default ../shared/corpus).
    #[arg(long)]
    corpus: Option<std::path::PathBuf>,
    /// Fail unless the committed model is exactly what would be written.
    #[arg(long)]
    check: bool,
}

/// One target: its features, its class, and whether its article is held aside.
struct Example {
    features: Vec<(String, f32)>,
    class: usize,
    aside: bool,
}

/// The article a NewsMTSC id belongs to: its first three `_` parts (source, article,
/// paragraph or -1).
fn article(id: &str) -> String {
    id.split('_').take(3).collect::<Vec<_>>().join("_")
}

fn fit(examples: &[&Example], sgd: &Sgd) -> Linear {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in examples {
        for (f, _) in &e.features {
            *counts.entry(f).or_default() += 1;
        }
    }
    let vocabulary: Vec<String> = counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_COUNT)
        .map(|(f, _)| f.to_string())
        .collect();
    let rows: BTreeMap<&str, u32> = vocabulary
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i as u32))
        .collect();
    let inputs: Vec<(Vec<(u32, f32)>, usize)> = examples
        .iter()
        .map(|e| {
            let input = e
                .features
                .iter()
                .filter_map(|(f, x)| rows.get(f.as_str()).map(|&r| (r, *x)))
                .collect();
            (input, e.class)
        })
        .collect();
    let c = CLASSES.len();
    let mut sizes = vec![0usize; c];
    inputs.iter().for_each(|(_, k)| sizes[*k] += 1);
    // Balanced: each class weighs as much as the others in all.
    let class_weight: Vec<f32> = sizes
        .iter()
        .map(|&n| inputs.len() as f32 / (c as f32 * n.max(1) as f32))
        .collect();
    let (bias, weights) = softmax_regression(&inputs, c, vocabulary.len(), &class_weight, sgd);
    let trained = Linear::new(
        CLASSES.iter().map(|s| s.to_string()).collect(),
        Vec::new(),
        bias,
        vocabulary,
        weights,
    );
    // What ships is the text file, weights in hundredths: score that, not the floats.
    Linear::parse(&trained.to_text(&[])).expect("a model reads back")
}

fn predict(model: &Linear, e: &Example) -> usize {
    let input: Vec<(u32, f32)> = e
        .features
        .iter()
        .filter_map(|(f, x)| model.row(f).map(|r| (r, *x)))
        .collect();
    let p = dateline_linear::softmax(&model.scores(&input), 1.0);
    // Read as `eval tone` reads an entity's score.
    class_of(dateline_tone::target::score([p[0], p[1], p[2]]) as f64)
}

/// Trains, scores on the held-aside fifth and writes (or checks) the model.
pub fn train(options: TrainOptions) -> Result<()> {
    let corpus = options.corpus.unwrap_or_else(paths::corpus_root);
    let sentences = read_newsmtsc(&corpus.join("newsmtsc/train.jsonl"))?;
    let examples: Vec<Example> = sentences
        .par_iter()
        .flat_map_iter(|t| {
            let aside = held_aside(&article(&t.id));
            t.targets.iter().filter_map(move |&(from, to, class)| {
                let mut features = Vec::new();
                dateline_tone::span_features(&t.doc, (from, to), |f, x| {
                    features.push((f.to_string(), x))
                });
                (!features.is_empty()).then_some(Example {
                    features,
                    class,
                    aside,
                })
            })
        })
        .collect();
    let (aside, rest): (Vec<&Example>, Vec<&Example>) = examples.iter().partition(|e| e.aside);
    // For choosing the descent: DATELINE_TONE_SGD="epochs,rate,lambda".
    let sgd = match std::env::var("DATELINE_TONE_SGD") {
        Ok(v) => match v.split(',').map(str::parse::<f32>).collect::<Vec<_>>()[..] {
            [Ok(epochs), Ok(rate), Ok(lambda)] => Sgd {
                epochs: epochs as usize,
                rate,
                lambda,
                average_last: 0,
            },
            [Ok(epochs), Ok(rate), Ok(lambda), Ok(average_last)] => Sgd {
                epochs: epochs as usize,
                rate,
                lambda,
                average_last: average_last as usize,
            },
            _ => bail!("DATELINE_TONE_SGD is \"{v}\", not \"epochs,rate,lambda[,average_last]\""),
        },
        Err(_) => SGD,
    };
    let model = fit(&rest, &sgd);
    let pairs: Vec<(usize, usize)> = aside
        .iter()
        .map(|e| (e.class, predict(&model, e)))
        .collect();
    println!(
        "{}",
        serde_json::json!({
            "examples": rest.len(),
            "held_aside": aside.len(),
            "features": model.features(),
            "held_aside_macro_f1": (macro_f1(&pairs, 3) * 10000.0).round() / 10000.0,
        })
    );
    // What ships learns from every article: a fifth more examples was worth 0.01-0.03
    // macro-F1 on dev (and dev, never trained on, is where `eval tone` scores it).
    let all: Vec<&Example> = examples.iter().collect();
    let model = fit(&all, &sgd);
    let text = model.to_text(&[
        "The tone toward a person of the Dateline `tone` enricher. Generated by `cargo xtask train-tone`".into(),
        format!(
            "from NewsMTSC train (MIT license): {} targets; features seen in {MIN_COUNT}+ of them.",
            all.len()
        ),
    ]);
    let path = paths::repo_root().join("plugins/enrich/tone/model/target.tsv");
    if !paths::write_or_check(&path, &text, options.check, "cargo xtask train-tone")? {
        return Ok(());
    }
    println!("wrote {} ({} features)", path.display(), model.features());
    Ok(())
}
