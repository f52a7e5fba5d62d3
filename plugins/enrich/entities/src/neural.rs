//! A second family of entity tagger: a small feed-forward network over a window of five
//! words, trained by back-propagation on cross-entropy.
//!
//! Each word is a dense vector, the sum of learned embeddings of its hashed features
//! (its form, affixes, shape, gazetteer classes, word clusters, what the rest of the
//! document says of it). The vectors of the word and two on each side feed one hidden
//! layer of rectified units and a softmax over the labels; a sentence's labels are the
//! best sequence of those log-probabilities that the IOB2 rule allows.
//!
//! Where the perceptron of [`crate::model`] weighs each feature and each conjunction of
//! features on its own, the network learns how features combine and shares what it learns
//! between words with similar vectors. `cargo xtask train-ner --family neural` trains it
//! and scores it on the same sets as the perceptron.

use crate::features::{
    DocumentMemory, FeatureHash, Lexicon, Word, after_quote, is_shouting, prefix, shape, suffix,
};
use crate::model::{Domain, L, viterbi};
use crate::recognize::SentenceTagger;
use dateline_syntax::perceptron::XorShift;

/// Words on each side of the word being tagged.
const CONTEXT: usize = 2;
/// Words a window holds.
const WINDOW: usize = 2 * CONTEXT + 1;
/// How many of a word's features are its lexical identity (form and lowercase form); they
/// come first and are the ones dropped in training.
const LEXICAL: usize = 2;

/// Sizes of a network.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    /// Width of a word's vector.
    pub dim: usize,
    /// Hidden units.
    pub hidden: usize,
    /// Embedding rows, as a power of two: features are hashed into them.
    pub buckets_log2: u32,
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            dim: 48,
            hidden: 128,
            buckets_log2: 19,
        }
    }
}

/// How a network learns.
#[derive(Debug, Clone, Copy)]
pub struct Learning {
    /// Step size of the first pass; pass `k` (from 0) uses `rate / (1 + decay * k)`.
    pub rate: f32,
    /// Decay of the step size per pass.
    pub decay: f32,
    /// Share of hidden units silenced at each training word.
    pub dropout: f32,
    /// Share of words whose form and lowercase form are hidden in training, so that the
    /// network learns to read names it has not seen from their shape and context.
    pub word_dropout: f32,
}

impl Default for Learning {
    fn default() -> Learning {
        Learning {
            rate: 0.02,
            decay: 0.3,
            dropout: 0.25,
            word_dropout: 0.15,
        }
    }
}

/// The hashed features of every word of a sentence (in the order the network reads
/// them: the lexical ones first).
pub fn sentence_features(
    sentence: &[Word],
    memory: &DocumentMemory,
    domain: Option<Domain>,
) -> Vec<Vec<u32>> {
    let shouting = is_shouting(sentence);
    (0..sentence.len())
        .map(|i| {
            let mut out = Vec::with_capacity(20);
            word_features(sentence, i, memory, shouting, domain, &mut out);
            out
        })
        .collect()
}

fn word_features(
    sentence: &[Word],
    i: usize,
    memory: &DocumentMemory,
    shouting: bool,
    domain: Option<Domain>,
    out: &mut Vec<u32>,
) {
    let word = &sentence[i];
    let (form, lower) = (word.form.as_str(), word.lower.as_str());
    let mut push = |f: FeatureHash| out.push(f.key());
    push(FeatureHash::new(100).bytes(lower.as_bytes()));
    push(FeatureHash::new(101).bytes(form.as_bytes()));
    for n in 1..=4 {
        push(
            FeatureHash::new(102)
                .number(n)
                .bytes(suffix(lower, n as usize).as_bytes()),
        );
    }
    for n in 1..=3 {
        push(
            FeatureHash::new(103)
                .number(n)
                .bytes(prefix(lower, n as usize).as_bytes()),
        );
    }
    let mut scratch = Vec::with_capacity(16);
    shape(form, &mut scratch);
    push(FeatureHash::new(104).bytes(&scratch));
    let first_upper = form.chars().next().is_some_and(char::is_uppercase);
    let position = match i {
        0 => 0u64,
        _ if after_quote(sentence, i) => 1,
        _ => 2,
    };
    push(
        FeatureHash::new(105)
            .number(position * 2 + u64::from(first_upper))
            .number(u64::from(shouting)),
    );
    push(FeatureHash::new(106).number(u64::from(word.lexicon & Lexicon::FEATURES)));
    push(
        FeatureHash::new(107)
            .number(u64::from(memory.flags(lower)))
            .number(u64::from(first_upper))
            .number(u64::from(position == 0 || shouting)),
    );
    if let Some((head, tail)) = lower.split_once('-') {
        push(FeatureHash::new(108).bytes(head.as_bytes()));
        push(FeatureHash::new(109).bytes(tail.rsplit('-').next().unwrap_or(tail).as_bytes()));
    }
    if let Some(path) = word.cluster {
        for depth in [4usize, 8, 12, 16] {
            push(
                FeatureHash::new(110)
                    .number(depth as u64)
                    .bytes(&path.as_bytes()[..depth.min(path.len())]),
            );
        }
    }
    if let Some(domain) = domain {
        push(FeatureHash::new(111).number(u64::from(domain.0)));
    }
}

/// The feature of the padding before a sentence (side 0) or after it (side 1).
fn padding(side: u64) -> u32 {
    FeatureHash::new(120).number(side).key()
}

/// Uniform in [0, 1).
fn unit(random: &mut XorShift) -> f32 {
    (random.next_u64() >> 40) as f32 / (1u64 << 24) as f32
}

/// Uniform in [-bound, bound).
fn symmetric(random: &mut XorShift, bound: f32) -> f32 {
    (unit(random) * 2.0 - 1.0) * bound
}

/// A trained (or training) network.
pub struct Network {
    sizes: Sizes,
    mask: u32,
    /// The domain whose conventions tagging follows.
    domain: Option<Domain>,
    embeddings: Vec<f32>,
    /// Hidden x (WINDOW * dim), row by row.
    w1: Vec<f32>,
    b1: Vec<f32>,
    /// L x hidden.
    w2: Vec<f32>,
    b2: Vec<f32>,
}

/// Buffers a network reuses from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    vectors: Vec<f32>,
    hidden: Vec<f32>,
    scores: Vec<[f32; L]>,
    back: Vec<[u8; L]>,
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (a8, b8) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = a8
        .remainder()
        .iter()
        .zip(b8.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in a8.zip(b8) {
        for k in 0..8 {
            lanes[k] += x[k] * y[k];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// `y += a * x`.
fn axpy(y: &mut [f32], a: f32, x: &[f32]) {
    for (y, x) in y.iter_mut().zip(x) {
        *y += a * x;
    }
}

impl Network {
    /// A network of `sizes` with small random weights, tagging as `domain`.
    pub fn new(sizes: Sizes, domain: Option<Domain>, seed: u64) -> Network {
        let mut random = XorShift::new(seed);
        let input = WINDOW * sizes.dim;
        let buckets = 1usize << sizes.buckets_log2;
        let mut fill =
            |n: usize, bound: f32| (0..n).map(|_| symmetric(&mut random, bound)).collect();
        Network {
            sizes,
            mask: (buckets - 1) as u32,
            domain,
            embeddings: fill(buckets * sizes.dim, 0.05),
            w1: fill(
                sizes.hidden * input,
                (6.0 / (input + sizes.hidden) as f32).sqrt(),
            ),
            b1: vec![0.0; sizes.hidden],
            w2: fill(L * sizes.hidden, (6.0 / (sizes.hidden + L) as f32).sqrt()),
            b2: vec![0.0; L],
        }
    }

    fn row(&self, feature: u32) -> usize {
        (feature & self.mask) as usize * self.sizes.dim
    }

    /// Word vectors of a sentence with its padding: `CONTEXT` rows before and after.
    /// `keep(i)` says whether word `i` keeps its lexical features.
    fn vectors(&self, features: &[Vec<u32>], keep: impl Fn(usize) -> bool, out: &mut Vec<f32>) {
        let dim = self.sizes.dim;
        out.clear();
        out.resize((features.len() + 2 * CONTEXT) * dim, 0.0);
        let (before, after) = (padding(0), padding(1));
        for (r, slot) in out.chunks_exact_mut(dim).enumerate() {
            let add = |slot: &mut [f32], f: u32| {
                let row = self.row(f);
                for (s, e) in slot.iter_mut().zip(&self.embeddings[row..row + dim]) {
                    *s += e;
                }
            };
            match r.checked_sub(CONTEXT) {
                None => add(slot, before),
                Some(i) if i >= features.len() => add(slot, after),
                Some(i) => {
                    let skip = if keep(i) { 0 } else { LEXICAL };
                    for &f in &features[i][skip..] {
                        add(slot, f);
                    }
                }
            }
        }
    }

    /// Hidden activations for the window starting at row `i` of `vectors`.
    fn hide(&self, vectors: &[f32], i: usize, hidden: &mut Vec<f32>) {
        let input = WINDOW * self.sizes.dim;
        let x = &vectors[i * self.sizes.dim..][..input];
        hidden.clear();
        hidden.extend(
            self.w1
                .chunks_exact(input)
                .zip(&self.b1)
                .map(|(w, b)| (dot(w, x) + b).max(0.0)),
        );
    }

    fn output(&self, hidden: &[f32]) -> [f32; L] {
        let mut out = [0.0; L];
        for (l, o) in out.iter_mut().enumerate() {
            *o = dot(
                &self.w2[l * self.sizes.hidden..][..self.sizes.hidden],
                hidden,
            ) + self.b2[l];
        }
        out
    }

    /// Every word's label log-probabilities into `scratch.scores`.
    fn log_probabilities(&self, sentence: &[Word], memory: &DocumentMemory, scratch: &mut Scratch) {
        let features = sentence_features(sentence, memory, self.domain);
        self.vectors(&features, |_| true, &mut scratch.vectors);
        scratch.scores.clear();
        for i in 0..features.len() {
            self.hide(&scratch.vectors, i, &mut scratch.hidden);
            scratch
                .scores
                .push(log_softmax(self.output(&scratch.hidden)));
        }
    }
}

fn log_softmax(out: [f32; L]) -> [f32; L] {
    let max = out.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let sum: f32 = out.iter().map(|o| (o - max).exp()).sum();
    let log = max + sum.ln();
    out.map(|o| o - log)
}

impl SentenceTagger for Network {
    type Scratch = Scratch;

    fn tag(&self, sentence: &[Word], memory: &DocumentMemory, scratch: &mut Scratch) -> Vec<u8> {
        self.log_probabilities(sentence, memory, scratch);
        // No learned transitions: the scores are log-probabilities, the IOB2 rule the
        // only constraint between neighbours.
        viterbi(&scratch.scores, &[0.0; (L + 1) * L], &mut scratch.back)
    }
}

/// The perceptron and a network tagging together: each word's label scores are the
/// perceptron's plus `weight` times the network's log-probabilities, decoded with the
/// perceptron's transitions.
pub struct Ensemble<'a> {
    /// The perceptron.
    pub perceptron: &'a crate::model::Model,
    /// The network.
    pub network: &'a Network,
    /// How much the network counts (none at 0: the perceptron alone).
    pub weight: f32,
}

impl SentenceTagger for Ensemble<'_> {
    type Scratch = (crate::model::Scratch, Scratch);

    fn tag(
        &self,
        sentence: &[Word],
        memory: &DocumentMemory,
        (perceptron, network): &mut Self::Scratch,
    ) -> Vec<u8> {
        let (mut scores, transitions) = self.perceptron.emissions(sentence, memory, perceptron);
        if self.weight == 0.0 {
            return viterbi(&scores, transitions, &mut network.back);
        }
        self.network.log_probabilities(sentence, memory, network);
        for (scores, logp) in scores.iter_mut().zip(&network.scores) {
            for (s, p) in scores.iter_mut().zip(logp) {
                *s += self.weight * p;
            }
        }
        viterbi(&scores, transitions, &mut network.back)
    }
}

/// Trains a [`Network`] word by word with stochastic gradient descent.
pub struct Trainer {
    network: Network,
    learning: Learning,
    random: XorShift,
    scratch: Scratch,
    gradients: Vec<f32>,
    pass: usize,
}

impl Trainer {
    /// A trainer of a new network.
    pub fn new(sizes: Sizes, learning: Learning, domain: Option<Domain>, seed: u64) -> Trainer {
        Trainer {
            network: Network::new(sizes, domain, seed),
            learning,
            random: XorShift::new(seed.rotate_left(17)),
            scratch: Scratch::default(),
            gradients: Vec::new(),
            pass: 0,
        }
    }

    /// Starts the next pass (the step size decays from pass to pass).
    pub fn next_pass(&mut self) {
        self.pass += 1;
    }

    /// The network as it stands.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Learns from one sentence (its features and gold labels, indices into
    /// [`crate::model::LABELS`]); returns its summed cross-entropy.
    pub fn learn(&mut self, features: &[Vec<u32>], gold: &[u8]) -> f32 {
        let rate =
            self.learning.rate / (1.0 + self.learning.decay * self.pass.saturating_sub(1) as f32);
        let Sizes { dim, hidden, .. } = self.network.sizes;
        let input = WINDOW * dim;
        let keep: Vec<bool> = (0..features.len())
            .map(|_| unit(&mut self.random) >= self.learning.word_dropout)
            .collect();
        let mut vectors = std::mem::take(&mut self.scratch.vectors);
        self.network.vectors(features, |i| keep[i], &mut vectors);
        self.gradients.clear();
        self.gradients.resize(vectors.len(), 0.0);
        let keep_unit = 1.0 - self.learning.dropout;
        let mut loss = 0.0;
        let mut h = Vec::with_capacity(hidden);
        let mut gh = vec![0.0f32; hidden];
        for (i, &label) in gold.iter().enumerate() {
            self.network.hide(&vectors, i, &mut h);
            for activation in h.iter_mut() {
                if unit(&mut self.random) >= keep_unit {
                    *activation = 0.0;
                } else {
                    *activation /= keep_unit;
                }
            }
            let probabilities = log_softmax(self.network.output(&h)).map(f32::exp);
            loss -= probabilities[label as usize].max(1e-30).ln();
            let mut go = probabilities;
            go[label as usize] -= 1.0;
            // Back through the output layer.
            gh.iter_mut().for_each(|g| *g = 0.0);
            for (l, &g) in go.iter().enumerate() {
                let row = &mut self.network.w2[l * hidden..][..hidden];
                axpy(&mut gh, g, row);
                axpy(row, -rate * g, &h);
                self.network.b2[l] -= rate * g;
            }
            // A silenced or inactive unit passes nothing back.
            for (g, &a) in gh.iter_mut().zip(&h) {
                if a <= 0.0 {
                    *g = 0.0;
                }
            }
            let x = &vectors[i * dim..][..input];
            let gx = &mut self.gradients[i * dim..][..input];
            for (j, &g) in gh.iter().enumerate() {
                if g == 0.0 {
                    continue;
                }
                let row = &mut self.network.w1[j * input..][..input];
                axpy(gx, g, row);
                axpy(row, -rate * g, x);
                self.network.b1[j] -= rate * g;
            }
        }
        // The words' embeddings learn from every window that read them.
        let (before, after) = (padding(0), padding(1));
        for (r, g) in self.gradients.chunks_exact(dim).enumerate() {
            let mut update = |f: u32| {
                let row = self.network.row(f);
                axpy(&mut self.network.embeddings[row..row + dim], -rate, g);
            };
            match r.checked_sub(CONTEXT) {
                None => update(before),
                Some(i) if i >= features.len() => update(after),
                Some(i) => {
                    let skip = if keep[i] { 0 } else { LEXICAL };
                    for &f in &features[i][skip..] {
                        update(f);
                    }
                }
            }
        }
        self.scratch.vectors = vectors;
        loss
    }

    /// The trained network.
    pub fn into_network(self) -> Network {
        self.network
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LABELS;

    fn label(l: &str) -> u8 {
        LABELS.iter().position(|x| *x == l).unwrap() as u8
    }

    /// The network learns a toy language where a capitalized word after "Mr." is a person
    /// and one after "in" a place, and reads a name it never saw by its context.
    #[test]
    fn learns_names_from_context() {
        let words = |text: &str| text.split(' ').map(Word::new).collect::<Vec<_>>();
        let memory = DocumentMemory::default();
        let (o, p, loc) = (label("O"), label("B-PER"), label("B-LOC"));
        let data = [
            (
                "we met Mr. Smith in Paris today",
                vec![o, o, o, p, o, loc, o],
            ),
            ("they saw Mr. Jones in Rome", vec![o, o, o, p, o, loc]),
            ("Mr. Brown lives in Oslo now", vec![o, p, o, o, loc, o]),
            ("she called Mr. Green from Lima", vec![o, o, o, p, o, loc]),
        ];
        let sizes = Sizes {
            dim: 16,
            hidden: 32,
            buckets_log2: 12,
        };
        let learning = Learning {
            dropout: 0.0,
            word_dropout: 0.3,
            ..Learning::default()
        };
        let mut trainer = Trainer::new(sizes, learning, None, 7);
        let examples: Vec<_> = data
            .iter()
            .map(|(text, gold)| (sentence_features(&words(text), &memory, None), gold))
            .collect();
        let first: f32 = examples.iter().map(|(f, g)| trainer.learn(f, g)).sum();
        let mut last = first;
        for _ in 0..60 {
            trainer.next_pass();
            last = examples.iter().map(|(f, g)| trainer.learn(f, g)).sum();
        }
        assert!(last < first / 10.0, "loss {first} -> {last}");
        let network = trainer.into_network();
        let unseen = words("we met Mr. White in Kyiv");
        let labels = network.tag(&unseen, &memory, &mut Scratch::default());
        assert_eq!(labels, [o, o, o, p, o, loc]);
    }
}
