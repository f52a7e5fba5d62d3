//! The part-of-speech tagger: Penn Treebank tags, chosen greedily left to right by an
//! averaged perceptron that reads the word, its affixes and shape, its neighbours and the
//! two tags it chose before.

use crate::clusters::WordClusters;
use crate::perceptron::{ClassScores, Feature, Key, Model, Trainer, best, mix};

/// Magic and version of the tagger's model file.
pub const MAGIC: &[u8; 8] = b"DLPOS\x00\x01\x00";

/// A word prepared once for every feature that reads it: hashes of its lowercased form
/// (digits folded to '0': "1,200" -> "0,000"), affixes and shape ("Xx", "d,d", runs
/// collapsed).
#[derive(Debug, Clone, Copy)]
pub struct Prepared {
    /// The lowercased form.
    pub lower: u64,
    /// The form as written.
    pub form: u64,
    suffix2: u64,
    suffix3: u64,
    suffix4: u64,
    prefix1: u64,
    shape: u64,
    hyphen: bool,
    /// Prefixes of the word's cluster path (4, 6, 10 bits and whole), 0 when unknown.
    pub clusters: [u64; 4],
}

fn hash(s: &str) -> u64 {
    Key::new(0).text(s).finish()
}

impl Prepared {
    /// Prepares a word.
    pub fn new(form: &str) -> Prepared {
        let lower: String = form
            .chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    '0'
                } else {
                    c.to_lowercase().next().unwrap_or(c)
                }
            })
            .collect();
        let mut shape = String::new();
        for c in form.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if !shape.ends_with(s) {
                shape.push(s);
            }
        }
        let plain = form.to_lowercase();
        let mut clusters = [0u64; 4];
        if let Some(path) = WordClusters::shipped().cluster(&plain) {
            for (slot, bits) in clusters.iter_mut().zip([4, 6, 10, usize::MAX]) {
                *slot = hash(&path[..bits.min(path.len())]) | 1;
            }
        }
        Prepared {
            clusters,
            lower: hash(&lower),
            form: hash(form),
            suffix2: hash(suffix(&lower, 2)),
            suffix3: hash(suffix(&lower, 3)),
            suffix4: hash(suffix(&lower, 4)),
            prefix1: hash(prefix(&lower, 1)),
            shape: hash(&shape),
            hyphen: lower.contains('-'),
        }
    }
}

fn suffix(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn prefix(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

const START: u64 = 1;
const END: u64 = 2;

/// The features of word `i` given the tags chosen for the two words before it (tag
/// number + 3, or [`START`]).
fn features(words: &[Prepared], i: usize, prev: u64, prev2: u64, out: &mut Vec<Feature>) {
    out.clear();
    let w = &words[i];
    let at = |j: isize| -> Option<&Prepared> { if j < 0 { None } else { words.get(j as usize) } };
    let i_ = i as isize;
    let lower = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |p| p.lower);
    let suffix3 = |j: isize| at(j).map_or(if j < 0 { START } else { END }, |p| p.suffix3);
    out.push(mix(0, 0, 0, 0));
    out.push(mix(1, w.lower, 0, 0));
    out.push(mix(2, w.suffix3, 0, 0));
    out.push(mix(3, w.suffix2, 0, 0));
    out.push(mix(4, w.prefix1, 0, 0));
    out.push(mix(5, w.shape, 0, 0));
    out.push(mix(6, prev, 0, 0));
    out.push(mix(7, prev, prev2, 0));
    out.push(mix(8, prev, w.lower, 0));
    out.push(mix(9, lower(i_ - 1), 0, 0));
    out.push(mix(10, lower(i_ - 2), 0, 0));
    out.push(mix(11, lower(i_ + 1), 0, 0));
    out.push(mix(12, lower(i_ + 2), 0, 0));
    out.push(mix(13, suffix3(i_ - 1), 0, 0));
    out.push(mix(14, suffix3(i_ + 1), 0, 0));
    out.push(mix(15, w.lower, lower(i_ + 1), 0));
    out.push(mix(16, lower(i_ - 1), w.lower, 0));
    out.push(mix(17, w.suffix4, 0, 0));
    // Capitalization means little at the start of a sentence; say where the word stands.
    out.push(mix(18, w.shape, u64::from(i == 0), 0));
    out.push(mix(19, w.form, 0, 0));
    out.push(mix(21, prev, w.suffix3, 0));
    if w.hyphen {
        out.push(mix(20, w.suffix3, prev, 0));
    }
    // Clusters from unlabelled news: what kind of word this is, even unseen in training.
    let cluster =
        |j: isize, k: usize| at(j).map_or(if j < 0 { START } else { END }, |p| p.clusters[k]);
    out.push(mix(22, w.clusters[0], 0, 0));
    out.push(mix(23, w.clusters[1], 0, 0));
    out.push(mix(24, w.clusters[2], 0, 0));
    out.push(mix(25, w.clusters[3], 0, 0));
    out.push(mix(26, cluster(i_ - 1, 1), 0, 0));
    out.push(mix(27, cluster(i_ + 1, 1), 0, 0));
    out.push(mix(28, prev, w.clusters[1], 0));
}

/// What the features read of the tags already chosen before word `i`: the previous two,
/// as tag number + 3, or [`START`].
fn history(tags: &[u8], i: usize) -> (u64, u64) {
    let at = |back: usize| {
        i.checked_sub(back)
            .map_or(START, |j| u64::from(tags[j]) + 3)
    };
    (at(1), at(2))
}

/// How far below its best tag a word's finite verb tag may score for a headline without a
/// predicate to take it (see [`Tagger::tag_headline`]). On the 2,225 BBC headlines, four
/// in five of the words that take it within this margin are the headline's verb
/// ("Industrial output falls in Japan"); past it, fewer than two in three.
const HEADLINE_VERB_MARGIN: f32 = 15.0;

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
}

impl Tagger {
    /// A tagger from its model.
    pub fn new(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags a sentence: one tag number per word (see [`Tagger::tag_name`]).
    pub fn tag(&self, forms: &[&str]) -> Vec<u8> {
        let words: Vec<Prepared> = forms.iter().map(|f| Prepared::new(f)).collect();
        self.tag_prepared(&words)
    }

    /// Tags a sentence of prepared words.
    pub fn tag_prepared(&self, words: &[Prepared]) -> Vec<u8> {
        self.tag_on(words, Vec::with_capacity(words.len()))
    }

    /// Tags the words after those `tags` holds already, each by the best score.
    fn tag_on(&self, words: &[Prepared], mut tags: Vec<u8>) -> Vec<u8> {
        let mut feats = Vec::with_capacity(24);
        let classes = self.model.classes.len();
        let mut scores: ClassScores = [0.0; 256];
        for i in tags.len()..words.len() {
            let (prev, prev2) = history(&tags, i);
            features(words, i, prev, prev2, &mut feats);
            scores[..classes].fill(0.0);
            self.model.score(&feats, &mut scores);
            tags.push(best(&scores[..classes], |_| true).unwrap_or(0) as u8);
        }
        tags
    }

    /// Tags a headline, which has a verb of its own: where the best tags give it no
    /// predicate ("Museum returns stolen manuscripts" read as a noun phrase, "returns" a
    /// plural noun), a noun after its would-be subject whose finite verb tag scores near
    /// enough its best one takes that tag (a plural noun first, then the nearest), and
    /// the words after it are tagged again from there.
    /// `forms` are the words as written, as many as `words`.
    pub fn tag_headline(&self, words: &[Prepared], forms: &[&str]) -> Vec<u8> {
        let tags = self.tag_prepared(words);
        let finite: Vec<u8> = ["VBZ", "VBP", "VBD"]
            .iter()
            .filter_map(|t| self.tag_number(t))
            .collect();
        if finite.is_empty() || self.has_predicate(&tags) {
            return tags;
        }
        // The ambiguity headlines leave: a noun that is also a verb ("triggers", "surge")
        // right after the noun, name or opening gerund that would be its subject
        // ("Flooding forces ..."), before any preposition (after one, a noun is its
        // object: "in Broadway play").
        let first_preposition = tags
            .iter()
            .position(|&t| matches!(self.tag_name(t), "IN" | "TO"))
            .unwrap_or(tags.len());
        let candidate = |i: usize| {
            let subject = self.tag_name(tags[i - 1]);
            matches!(self.tag_name(tags[i]), "NN" | "NNS")
                && (subject.starts_with("NN") || (i == 1 && subject == "VBG"))
                && forms
                    .get(i)
                    .is_some_and(|f| f.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        };
        // The scores each candidate had as tagged (the same history as above).
        let mut feats = Vec::with_capacity(24);
        let mut scores: ClassScores = [0.0; 256];
        let mut nearest: Option<((bool, f32), usize, u8)> = None;
        for i in (1..first_preposition).filter(|&i| candidate(i)) {
            let (prev, prev2) = history(&tags, i);
            features(words, i, prev, prev2, &mut feats);
            scores[..self.model.classes.len()].fill(0.0);
            self.model.score(&feats, &mut scores);
            let best = scores[tags[i] as usize];
            let Some(&verb) = finite
                .iter()
                .max_by(|a, b| scores[**a as usize].total_cmp(&scores[**b as usize]))
            else {
                continue;
            };
            let margin = best - scores[verb as usize];
            if margin > HEADLINE_VERB_MARGIN {
                continue;
            }
            // A plural noun that is a verb's third person ("Games maker fights for
            // survival") before a singular noun that is a verb's base form.
            let rank = (self.tag_name(tags[i]) != "NNS", margin);
            if nearest.is_none_or(|(r, _, _)| rank < r) {
                nearest = Some((rank, i, verb));
            }
        }
        let Some((_, at, verb)) = nearest else {
            return tags;
        };
        let mut tags = tags;
        tags.truncate(at);
        tags.push(verb);
        self.tag_on(words, tags)
    }

    /// Whether tags give a sentence a predicate: a finite verb, a modal, a bare verb
    /// ("to build"), a participle after a noun ("consumers spending again") or a past
    /// participle that no noun follows ("restored after", "given tough draw", not
    /// "stolen manuscripts").
    fn has_predicate(&self, tags: &[u8]) -> bool {
        tags.iter()
            .enumerate()
            .any(|(i, &t)| match self.tag_name(t) {
                "VBZ" | "VBP" | "VBD" | "MD" | "VB" => true,
                "VBG" => i > 0 && self.tag_name(tags[i - 1]).starts_with("NN"),
                "VBN" => !tags
                    .get(i + 1)
                    .is_some_and(|&n| self.tag_name(n).starts_with("NN")),
                _ => false,
            })
    }

    /// The name of tag number `tag`.
    pub fn tag_name(&self, tag: u8) -> &str {
        &self.model.classes[tag as usize]
    }

    /// The number of a tag name, if the model has it.
    pub fn tag_number(&self, name: &str) -> Option<u8> {
        self.model
            .classes
            .iter()
            .position(|c| c == name)
            .map(|i| i as u8)
    }
}

/// Trains a tagger on sentences of (form, tag) for `epochs` passes, shuffled with `seed`.
pub fn train(sentences: &[(Vec<&str>, Vec<&str>)], epochs: usize, seed: u64) -> Tagger {
    let mut names: Vec<String> = sentences
        .iter()
        .flat_map(|(_, tags)| tags.iter().map(|t| t.to_string()))
        .collect();
    names.sort();
    names.dedup();
    let mut trainer = Trainer::new(names.clone());
    // Words and gold tag numbers, prepared once for every pass.
    let prepared: Vec<(Vec<Prepared>, Vec<usize>)> = sentences
        .iter()
        .map(|(forms, gold)| {
            let words = forms.iter().map(|f| Prepared::new(f)).collect();
            let truth = gold
                .iter()
                .map(|t| {
                    names
                        .binary_search_by(|n| n.as_str().cmp(t))
                        .expect("a known tag")
                })
                .collect();
            (words, truth)
        })
        .collect();
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; names.len()];
    for epoch in 0..epochs {
        crate::perceptron::shuffle(&mut order, seed.wrapping_add(epoch as u64));
        for &s in &order {
            let (words, truth) = &prepared[s];
            let mut chosen: Vec<u8> = Vec::with_capacity(words.len());
            for (i, &truth) in truth.iter().enumerate() {
                let (prev, prev2) = history(&chosen, i);
                features(words, i, prev, prev2, &mut feats);
                scores.iter_mut().for_each(|x| *x = 0.0);
                trainer.tick();
                trainer.score(&feats, &mut scores);
                let guess = best(&scores, |_| true).unwrap_or(0);
                trainer.update(&feats, truth, guess);
                chosen.push(guess as u8);
            }
        }
    }
    Tagger::new(trainer.average())
}
