//! `cargo xtask train-ner --family neural`: the feed-forward network of
//! [`dateline_entities::neural`], trained on the perceptron's data and scored after
//! every pass on the same three sets (CoNLL-2003 valid, MEANTIME airbus+apple, GUM
//! dev), with its tagging speed, so that the two families are compared on the numbers.

use std::time::Instant;

use anyhow::Result;
use dateline_entities::model::Domain;
use dateline_entities::neural::{Ensemble, Learning, Sizes, Trainer, sentence_features};
use dateline_entities::recognize::Recognizer;

use crate::ner::{DevSets, Document, ORDER_SEED, each_sentence, gold_labels, reshuffle, round4};
use dateline_syntax::perceptron::XorShift;

/// The network's settings, from the command line.
#[derive(clap::Args, Debug, Clone)]
pub struct NetworkOptions {
    /// Width of a word's vector (neural family).
    #[arg(long, default_value_t = 48)]
    dim: usize,
    /// Hidden units (neural family).
    #[arg(long, default_value_t = 128)]
    hidden: usize,
    /// Step size of the first pass (neural family).
    #[arg(long, default_value_t = 0.02)]
    rate: f32,
    /// Decay of the step size from pass to pass (neural family).
    #[arg(long, default_value_t = 0.3)]
    decay: f32,
    /// Share of hidden units silenced in training (neural family).
    #[arg(long, default_value_t = 0.25)]
    dropout: f32,
    /// Share of words whose forms are hidden in training (neural family).
    #[arg(long, default_value_t = 0.15)]
    word_dropout: f32,
    /// Seed of the network's first weights and of its dropout (neural family).
    #[arg(long, default_value_t = 0x2545_f491_4f6c_dd1d)]
    seed: u64,
    /// After the last pass, also score the shipped perceptron and the network together.
    #[arg(long)]
    ensemble: bool,
}

/// One training sentence as the network reads it.
struct Example {
    features: Vec<Vec<u32>>,
    gold: Vec<u8>,
}

fn examples(recognizer: &Recognizer, docs: &[Document], domain: Option<Domain>) -> Vec<Example> {
    let mut out = Vec::new();
    each_sentence(recognizer, docs, |words, sentence, memory| {
        out.push(Example {
            features: sentence_features(&words, memory, domain),
            gold: gold_labels(sentence),
        });
    });
    out
}

/// Trains the network for `epochs` passes over `training` (each set with its domain) and
/// prints every pass's scores; writes no model.
pub fn train(
    options: &NetworkOptions,
    epochs: usize,
    reader: &Recognizer,
    training: &[(&[Document], Option<Domain>)],
    tag_as: Option<Domain>,
    dev: &DevSets,
) -> Result<()> {
    let started = Instant::now();
    let train: Vec<Example> = training
        .iter()
        .flat_map(|(docs, domain)| examples(reader, docs, *domain))
        .collect();
    eprintln!(
        "{} training sentences ({} words), features in {:.1} s",
        train.len(),
        train.iter().map(|e| e.gold.len()).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    let sizes = Sizes {
        dim: options.dim,
        hidden: options.hidden,
        ..Sizes::default()
    };
    let learning = Learning {
        rate: options.rate,
        decay: options.decay,
        dropout: options.dropout,
        word_dropout: options.word_dropout,
    };
    let mut trainer = Trainer::new(sizes, learning, tag_as, options.seed);
    let mut random = XorShift::new(ORDER_SEED);
    let mut order: Vec<usize> = (0..train.len()).collect();
    for epoch in 1..=epochs {
        reshuffle(&mut order, &mut random);
        trainer.next_pass();
        let started = Instant::now();
        let loss: f32 = order
            .iter()
            .map(|&i| trainer.learn(&train[i].features, &train[i].gold))
            .sum();
        let trained = started.elapsed().as_secs_f64();
        let scores = dev.score(&Recognizer::new(trainer.network()));
        eprintln!("neural epoch {epoch}: loss {loss:.0} in {trained:.1} s; {scores}");
        if options.ensemble && epoch == epochs {
            let perceptron = Recognizer::shipped()?.model();
            // Weight 0 is the perceptron alone, timed by the same scorer.
            for weight in [0.0f32, 1.0, 2.0, 4.0] {
                let ensemble = Recognizer::new(Ensemble {
                    perceptron,
                    network: trainer.network(),
                    weight,
                });
                eprintln!(
                    "shipped perceptron + {weight} x network: {}",
                    dev.score(&ensemble)
                );
            }
        }
        println!(
            "{}",
            serde_json::json!({"family": "neural", "epoch": epoch, "dim": sizes.dim, "hidden": sizes.hidden,
                "conll_valid_f1": round4(scores.conll.2), "meantime_f1": round4(scores.meantime),
                "gum_dev_f1": round4(scores.gum), "words_per_second": scores.words_per_second.round()})
        );
    }
    Ok(())
}
