//! The tagger: a linear model over hashed features, trained as an averaged perceptron,
//! decoding a sentence either greedily left to right (reading the labels it has chosen)
//! or as a first-order chain with Viterbi search.
//!
//! Labels are IOB2 over PER, ORG, LOC and MISC; an "I-" label may only follow a "B-" or
//! "I-" of its own type, in both decoders.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

use crate::features::{DocumentMemory, Word, history, is_shouting, observe};
use crate::weights::{FeatureTable, MAGIC, Parts, Row, WIDTH};

/// The labels, in the order of the model's weight rows.
pub const LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub(crate) const L: usize = LABELS.len();
const _: () = assert!(L == WIDTH, "a weight row holds one weight per label");
/// The "label" before the first word.
const START: usize = L;

/// How a sentence's labels are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoder {
    /// Left to right, each word reading the labels of the two before it.
    Greedy,
    /// The best-scoring label sequence under a first-order chain.
    Viterbi,
}

impl Decoder {
    /// The decoder's name.
    pub fn name(self) -> &'static str {
        match self {
            Decoder::Greedy => "greedy",
            Decoder::Viterbi => "viterbi",
        }
    }
}

/// Feature augmentation for training on several corpora whose conventions differ: every
/// feature also exists in a copy private to its corpus, so that the shared copies learn
/// what the corpora agree on and the private copies their differences. A model trained
/// this way tags with the shared copies and those of [`Domain::NEWSWIRE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Domain(pub u8);

impl Domain {
    /// The corpus whose conventions tagging follows (CoNLL-2003's).
    pub const NEWSWIRE: Domain = Domain(1);
    /// A second corpus with its own conventions (GMB's).
    pub const OTHER: Domain = Domain(2);
    /// A third: names read from a corpus of many genres (GUM's mentions).
    pub const GENRES: Domain = Domain(3);
    /// Every domain a model may have been trained with.
    pub const ALL: [Domain; 3] = [Domain::NEWSWIRE, Domain::OTHER, Domain::GENRES];

    fn key(self, key: u32) -> u32 {
        key.rotate_left(11) ^ u32::from(self.0).wrapping_mul(0x9e37_79b9)
    }

    fn copy(self, features: &mut Vec<u32>) {
        for i in 0..features.len() {
            features.push(self.key(features[i]));
        }
    }
}

/// Whether label `next` may follow label `prev` (or the start).
fn allowed(prev: usize, next: usize) -> bool {
    // I-X (even index > 0) needs B-X (next - 1) or I-X (next) before it.
    next == 0 || next % 2 == 1 || prev == next || prev + 1 == next
}

/// Keys are already well-mixed hashes: spread them over 64 bits and stop.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, key: u32) {
        self.0 = u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type Rows = HashMap<u32, u32, BuildHasherDefault<KeyHasher>>;

/// A trained tagger.
pub struct Model {
    decoder: Decoder,
    domain: Option<Domain>,
    table: FeatureTable,
    transitions: Vec<f32>,
    /// What the model says of itself: training data, settings, scores.
    pub about: String,
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    features: Vec<u32>,
    scores: Vec<[f32; L]>,
    back: Vec<[u8; L]>,
}

impl Model {
    /// The decoder the model was trained for.
    pub fn decoder(&self) -> Decoder {
        self.decoder
    }

    /// Number of feature rows.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// Whether the model has no features at all.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    fn add_scores(&self, features: &[u32], scores: &mut [f32; L]) {
        for key in features {
            if let Some(row) = self.table.get(*key) {
                for (s, q) in scores.iter_mut().zip(&row.q) {
                    *s += f32::from(*q) * row.step;
                }
            }
        }
    }

    /// Labels (indices into [`LABELS`]) for the words of a sentence.
    pub fn tag(
        &self,
        sentence: &[Word],
        memory: &DocumentMemory,
        scratch: &mut Scratch,
    ) -> Vec<u8> {
        match self.decoder {
            Decoder::Greedy => {
                let shouting = is_shouting(sentence);
                let mut labels = Vec::with_capacity(sentence.len());
                for i in 0..sentence.len() {
                    scratch.features.clear();
                    observe(sentence, i, memory, shouting, &mut scratch.features);
                    if let Some(domain) = self.domain {
                        domain.copy(&mut scratch.features);
                    }
                    let prev = labels.last().copied().unwrap_or(START as u8);
                    let prev2 = if i >= 2 { labels[i - 2] } else { START as u8 };
                    history(prev, prev2, &sentence[i], &mut scratch.features);
                    let mut scores = [0.0; L];
                    self.add_scores(&scratch.features, &mut scores);
                    labels.push(best_allowed(prev as usize, &scores) as u8);
                }
                labels
            }
            Decoder::Viterbi => {
                self.fill_emissions(sentence, memory, &mut scratch.features, &mut scratch.scores);
                viterbi(&scratch.scores, &self.transitions, &mut scratch.back)
            }
        }
    }

    /// The score of every label for every word of a sentence, before transitions (what
    /// the Viterbi decoder adds up), and the transition scores (from each label and the
    /// start, to each label).
    pub fn emissions(
        &self,
        sentence: &[Word],
        memory: &DocumentMemory,
        scratch: &mut Scratch,
    ) -> (Vec<[f32; L]>, &[f32]) {
        let mut out = Vec::with_capacity(sentence.len());
        self.fill_emissions(sentence, memory, &mut scratch.features, &mut out);
        (out, &self.transitions)
    }

    /// Every word's label scores into `out`, `features` a buffer.
    fn fill_emissions(
        &self,
        sentence: &[Word],
        memory: &DocumentMemory,
        features: &mut Vec<u32>,
        out: &mut Vec<[f32; L]>,
    ) {
        let shouting = is_shouting(sentence);
        out.clear();
        for i in 0..sentence.len() {
            features.clear();
            observe(sentence, i, memory, shouting, features);
            if let Some(domain) = self.domain {
                domain.copy(features);
            }
            let mut scores = [0.0; L];
            self.add_scores(features, &mut scores);
            out.push(scores);
        }
    }

    /// The same tagger without domain copies: each feature's weights become the sum of
    /// its shared copy and its copy for the model's domain, and other domains' copies
    /// are dropped. Tagging gives the same labels at half the lookups.
    pub fn folded(self) -> Model {
        let Some(domain) = self.domain else {
            return self;
        };
        let mut rows = Vec::new();
        // A key reached as another key's domain copy is not a feature of its own.
        let copies: std::collections::HashSet<u32> = Domain::ALL
            .iter()
            .flat_map(|d| self.table.iter().map(move |(k, _)| d.key(k)))
            .collect();
        for (key, row) in self.table.iter() {
            if copies.contains(&key) {
                continue;
            }
            let mut sum = row.weights();
            if let Some(copy) = self.table.get(domain.key(key)) {
                for (s, w) in sum.iter_mut().zip(copy.weights()) {
                    *s += w;
                }
            }
            if let Some(row) = Row::quantize(&sum) {
                rows.push((key, row));
            }
        }
        Model {
            decoder: self.decoder,
            domain: None,
            table: FeatureTable::from_rows(rows),
            transitions: self.transitions,
            about: self.about,
        }
    }

    /// The same tagger without the feature rows whose weights are all under `min` in size:
    /// such a feature moves a label's score by less than `min` wherever it fires (see
    /// `cargo xtask train-ner --prune`).
    pub fn pruned(self, min: f32) -> Model {
        let rows = self
            .table
            .iter()
            .filter(|(_, row)| row.weights().iter().any(|w| w.abs() >= min))
            .collect();
        Model {
            table: FeatureTable::from_rows(rows),
            ..self
        }
    }

    /// Reads a model written by [`Model::write`] (gzip-compressed).
    pub fn read(compressed: &[u8]) -> std::io::Result<Model> {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(compressed).read_to_end(&mut bytes)?;
        let parts = Parts::parse(&bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        Ok(Model::from_parts(parts))
    }

    /// Views a model in an image made by the build from a model file (see
    /// [`crate::weights`]).
    pub fn from_image(image: &'static [u8]) -> Result<Model, dateline_mapped::ImageError> {
        Parts::from_image(image).map(Model::from_parts)
    }

    fn from_parts(parts: Parts) -> Model {
        Model {
            decoder: match parts.decoder {
                0 => Decoder::Greedy,
                _ => Decoder::Viterbi,
            },
            domain: (parts.domain != 0).then_some(Domain(parts.domain)),
            table: parts.table,
            transitions: parts.transitions,
            about: parts.about,
        }
    }

    /// Writes the model: each row's weights as 16-bit steps of that row's own scale;
    /// rows of zeros dropped. Rows are sorted by key, so the same model gives the same
    /// bytes.
    pub fn write(&self, out: impl Write) -> std::io::Result<()> {
        let mut quantized: Vec<(u32, f32, [i16; L])> = self
            .table
            .iter()
            .map(|(key, row)| (key, row.step, row.q))
            .collect();
        quantized.sort_unstable_by_key(|row| row.0);
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::best());
        gz.write_all(&MAGIC)?;
        gz.write_all(&[match self.decoder {
            Decoder::Greedy => 0,
            Decoder::Viterbi => 1,
        }])?;
        gz.write_all(&[self.domain.map_or(0, |d| d.0)])?;
        gz.write_all(&(self.about.len() as u32).to_le_bytes())?;
        gz.write_all(self.about.as_bytes())?;
        for t in &self.transitions {
            gz.write_all(&t.to_le_bytes())?;
        }
        gz.write_all(&(quantized.len() as u32).to_le_bytes())?;
        for (key, step, q) in quantized {
            gz.write_all(&key.to_le_bytes())?;
            gz.write_all(&step.to_le_bytes())?;
            for v in q {
                gz.write_all(&v.to_le_bytes())?;
            }
        }
        gz.finish()?;
        Ok(())
    }
}

fn best_allowed(prev: usize, scores: &[f32; L]) -> usize {
    (0..L)
        .filter(|&l| allowed(prev, l))
        .fold(0, |best, l| if scores[l] > scores[best] { l } else { best })
}

pub(crate) fn viterbi(
    scores: &[[f32; L]],
    transitions: &[f32],
    back: &mut Vec<[u8; L]>,
) -> Vec<u8> {
    if scores.is_empty() {
        return Vec::new();
    }
    back.clear();
    back.resize(scores.len(), [0; L]);
    let mut best = [f32::NEG_INFINITY; L];
    for l in 0..L {
        if allowed(START, l) {
            best[l] = scores[0][l] + transitions[START * L + l];
        }
    }
    for i in 1..scores.len() {
        let mut next = [f32::NEG_INFINITY; L];
        for l in 0..L {
            for p in 0..L {
                if best[p] == f32::NEG_INFINITY || !allowed(p, l) {
                    continue;
                }
                let s = best[p] + transitions[p * L + l];
                if s > next[l] {
                    next[l] = s;
                    back[i][l] = p as u8;
                }
            }
            next[l] += scores[i][l];
        }
        best = next;
    }
    let mut last = (0..L).fold(0, |b, l| if best[l] > best[b] { l } else { b });
    let mut labels = vec![0u8; scores.len()];
    for i in (0..scores.len()).rev() {
        labels[i] = last as u8;
        last = back[i][last] as usize;
    }
    labels
}

/// A sentence to learn from: its words, their gold labels and the features that do
/// not depend on labels, computed once.
pub struct Example {
    words: Vec<Word>,
    gold: Vec<u8>,
    observed: Vec<Vec<u32>>,
}

impl Example {
    /// Prepares a sentence with its gold labels.
    pub fn new(
        words: Vec<Word>,
        gold: Vec<u8>,
        memory: &DocumentMemory,
        domain: Option<Domain>,
    ) -> Example {
        let shouting = is_shouting(&words);
        let observed = (0..words.len())
            .map(|i| {
                let mut f = Vec::new();
                observe(&words, i, memory, shouting, &mut f);
                if let Some(domain) = domain {
                    domain.copy(&mut f);
                }
                f
            })
            .collect();
        Example {
            words,
            gold,
            observed,
        }
    }
}

impl Example {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the sentence is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Averaged-perceptron training.
pub struct Trainer {
    decoder: Decoder,
    domain: Option<Domain>,
    rows: Rows,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    transitions: Vec<f32>,
    transition_totals: Vec<f64>,
    transition_stamps: Vec<u32>,
    clock: u32,
}

impl Trainer {
    /// A trainer for `decoder`; with a `domain`, examples carry domain copies of their
    /// features and the model tags as that domain.
    pub fn new(decoder: Decoder, domain: Option<Domain>) -> Trainer {
        Trainer {
            decoder,
            domain,
            rows: Rows::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            transitions: vec![0.0; (L + 1) * L],
            transition_totals: vec![0.0; (L + 1) * L],
            transition_stamps: vec![0; (L + 1) * L],
            clock: 1,
        }
    }

    fn row(&mut self, key: u32) -> usize {
        let next = self.rows.len() as u32;
        let row = *self.rows.entry(key).or_insert(next) as usize;
        if row as u32 == next {
            self.weights.extend([0.0; L]);
            self.totals.extend([0.0; L]);
            self.stamps.extend([0; L]);
        }
        row
    }

    fn bump(
        weights: &mut [f32],
        totals: &mut [f64],
        stamps: &mut [u32],
        at: usize,
        clock: u32,
        delta: f32,
    ) {
        totals[at] += f64::from(clock - stamps[at]) * f64::from(weights[at]);
        stamps[at] = clock;
        weights[at] += delta;
    }

    fn update(&mut self, features: &[u32], label: usize, delta: f32) {
        for &key in features {
            let at = self.row(key) * L + label;
            Self::bump(
                &mut self.weights,
                &mut self.totals,
                &mut self.stamps,
                at,
                self.clock,
                delta,
            );
        }
    }

    fn update_transition(&mut self, prev: usize, next: usize, delta: f32) {
        let at = prev * L + next;
        Self::bump(
            &mut self.transitions,
            &mut self.transition_totals,
            &mut self.transition_stamps,
            at,
            self.clock,
            delta,
        );
    }

    fn scores(&self, features: &[u32]) -> [f32; L] {
        let mut scores = [0.0; L];
        for key in features {
            if let Some(&row) = self.rows.get(key) {
                for (s, w) in scores
                    .iter_mut()
                    .zip(&self.weights[row as usize * L..][..L])
                {
                    *s += w;
                }
            }
        }
        scores
    }

    /// Learns from one sentence; returns the number of words it got wrong.
    pub fn learn(&mut self, example: &Example) -> usize {
        let mut wrong = 0;
        match self.decoder {
            Decoder::Greedy => {
                let mut labels: Vec<u8> = Vec::with_capacity(example.words.len());
                let mut features = Vec::new();
                for i in 0..example.words.len() {
                    features.clear();
                    features.extend_from_slice(&example.observed[i]);
                    let prev = labels.last().copied().unwrap_or(START as u8);
                    let prev2 = if i >= 2 { labels[i - 2] } else { START as u8 };
                    history(prev, prev2, &example.words[i], &mut features);
                    let guess = best_allowed(prev as usize, &self.scores(&features));
                    let gold = example.gold[i] as usize;
                    if guess != gold {
                        wrong += 1;
                        self.update(&features, gold, 1.0);
                        self.update(&features, guess, -1.0);
                    }
                    labels.push(guess as u8);
                }
            }
            Decoder::Viterbi => {
                let scores: Vec<[f32; L]> =
                    example.observed.iter().map(|f| self.scores(f)).collect();
                let guess = viterbi(&scores, &self.transitions, &mut Vec::new());
                if guess != example.gold {
                    for i in 0..guess.len() {
                        let (g, p) = (example.gold[i] as usize, guess[i] as usize);
                        let (gp, pp) = if i == 0 {
                            (START, START)
                        } else {
                            (example.gold[i - 1] as usize, guess[i - 1] as usize)
                        };
                        if g != p {
                            wrong += 1;
                            self.update(&example.observed[i], g, 1.0);
                            self.update(&example.observed[i], p, -1.0);
                        }
                        if (gp, g) != (pp, p) {
                            self.update_transition(gp, g, 1.0);
                            self.update_transition(pp, p, -1.0);
                        }
                    }
                }
            }
        }
        self.clock += 1;
        wrong
    }

    /// The averaged model, as it stands now (training may go on afterwards).
    pub fn model(&self, about: String) -> Model {
        let weights = self.average(&self.weights, &self.totals, &self.stamps);
        let rows = self
            .rows
            .iter()
            .filter_map(|(key, row)| {
                let row: [f32; L] = weights[*row as usize * L..][..L].try_into().expect("a row");
                Some((*key, Row::quantize(&row)?))
            })
            .collect();
        Model {
            decoder: self.decoder,
            domain: self.domain,
            table: FeatureTable::from_rows(rows),
            transitions: self.average(
                &self.transitions,
                &self.transition_totals,
                &self.transition_stamps,
            ),
            about,
        }
    }

    /// Weights averaged over every step of training so far.
    fn average(&self, weights: &[f32], totals: &[f64], stamps: &[u32]) -> Vec<f32> {
        weights
            .iter()
            .zip(totals)
            .zip(stamps)
            .map(|((w, t), s)| {
                ((t + f64::from(self.clock - s) * f64::from(*w)) / f64::from(self.clock)) as f32
            })
            .collect()
    }

    /// The mean of several trainers' averaged models: trained on the same examples in
    /// different orders, each model's weights depend on its order, and their mean less
    /// so (a feature one trainer never met counts as zero in it).
    ///
    /// # Panics
    /// When `trainers` is empty, or they differ in decoder or domain.
    pub fn mean_model(trainers: &[&Trainer], about: String) -> Model {
        let first = trainers.first().expect("a trainer");
        assert!(
            trainers
                .iter()
                .all(|t| t.decoder == first.decoder && t.domain == first.domain),
            "one decoder and domain"
        );
        let n = trainers.len() as f32;
        let mut sums: HashMap<u32, [f32; L]> = HashMap::new();
        let mut transitions = vec![0.0; (L + 1) * L];
        for trainer in trainers {
            let weights = trainer.average(&trainer.weights, &trainer.totals, &trainer.stamps);
            for (key, row) in &trainer.rows {
                let sum = sums.entry(*key).or_insert([0.0; L]);
                for (s, w) in sum.iter_mut().zip(&weights[*row as usize * L..][..L]) {
                    *s += w;
                }
            }
            let averaged = trainer.average(
                &trainer.transitions,
                &trainer.transition_totals,
                &trainer.transition_stamps,
            );
            for (s, w) in transitions.iter_mut().zip(averaged) {
                *s += w;
            }
        }
        // Rows in key order: the model's bytes do not depend on the hash map's order.
        let mut keys: Vec<u32> = sums.keys().copied().collect();
        keys.sort_unstable();
        let rows = keys
            .into_iter()
            .filter_map(|key| {
                let row = sums[&key].map(|w| w / n);
                Some((key, Row::quantize(&row)?))
            })
            .collect();
        Model {
            decoder: first.decoder,
            domain: first.domain,
            table: FeatureTable::from_rows(rows),
            transitions: transitions.into_iter().map(|w| w / n).collect(),
            about,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two sentences to learn from: a person and a place.
    fn examples() -> Vec<Example> {
        let sentence = |text: &str, gold: &[&str]| {
            let words: Vec<Word> = text.split(' ').map(Word::new).collect();
            let memory = DocumentMemory::new([words.as_slice()]);
            let gold = gold
                .iter()
                .map(|l| LABELS.iter().position(|x| x == l).unwrap() as u8)
                .collect();
            Example::new(words, gold, &memory, None)
        };
        vec![
            sentence("Maria Okafor spoke .", &["B-PER", "I-PER", "O", "O"]),
            sentence("Rain fell on Kano .", &["O", "O", "O", "B-LOC", "O"]),
        ]
    }

    fn scores(model: &Model, text: &str) -> Vec<[f32; L]> {
        let words: Vec<Word> = text.split(' ').map(Word::new).collect();
        let memory = DocumentMemory::new([words.as_slice()]);
        model.emissions(&words, &memory, &mut Scratch::default()).0
    }

    #[test]
    fn pruning_drops_only_the_rows_whose_weights_are_all_small() {
        let mut trainer = Trainer::new(Decoder::Viterbi, None);
        for _ in 0..3 {
            for e in &examples() {
                trainer.learn(e);
            }
        }
        let model = trainer.model(String::new());
        let largest = |row: &Row| row.weights().iter().fold(0f32, |m, w| m.max(w.abs()));
        let mut sizes: Vec<f32> = model.table.iter().map(|(_, row)| largest(&row)).collect();
        sizes.sort_by(f32::total_cmp);
        // A threshold between the smallest and largest rows: some go, some stay.
        let min = sizes[sizes.len() / 2];
        assert!(sizes[0] < min, "the rows differ in size: {sizes:?}");
        let kept: Vec<(u32, [f32; L])> = model
            .table
            .iter()
            .filter(|(_, row)| largest(row) >= min)
            .map(|(key, row)| (key, row.weights()))
            .collect();
        let pruned = model.pruned(min);
        assert_eq!(pruned.len(), kept.len());
        assert!(pruned.len() < sizes.len());
        for (key, weights) in kept {
            let row = pruned.table.get(key).expect("a large row stays");
            assert_eq!(row.weights(), weights, "a kept row keeps its weights");
        }
    }

    #[test]
    fn the_mean_of_trainers_is_the_mean_of_their_weights() {
        let examples = examples();
        let (mut forward, mut backward) = (
            Trainer::new(Decoder::Viterbi, None),
            Trainer::new(Decoder::Viterbi, None),
        );
        for _ in 0..3 {
            for e in &examples {
                forward.learn(e);
            }
            for e in examples.iter().rev() {
                backward.learn(e);
            }
        }
        let text = "Maria Okafor went to Kano .";
        let one = scores(&forward.model(String::new()), text);
        let other = scores(&backward.model(String::new()), text);
        // The mean of one trainer is its own model.
        let alone = scores(&Trainer::mean_model(&[&forward], String::new()), text);
        // 16-bit weights: equal within a step of their scale.
        let close = |a: f32, b: f32| (a - b).abs() <= 1e-3 * a.abs().max(b.abs()).max(1.0);
        for (a, b) in one.iter().flatten().zip(alone.iter().flatten()) {
            assert!(close(*a, *b), "{a} against {b}");
        }
        let both = scores(
            &Trainer::mean_model(&[&forward, &backward], String::new()),
            text,
        );
        for ((a, b), m) in one
            .iter()
            .flatten()
            .zip(other.iter().flatten())
            .zip(both.iter().flatten())
        {
            assert!(close((a + b) / 2.0, *m), "mean of {a} and {b} is not {m}");
        }
        assert_ne!(one, other, "two orders learn differently");
    }
}
