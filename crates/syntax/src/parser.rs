//! The dependency parser: the arc-hybrid transition system, one labelled transition at a
//! time chosen greedily by an averaged perceptron (the classic fast parser design: linear
//! in the sentence, a few dozen feature lookups per decision).
//!
//! A configuration is a stack (the root at the bottom), a buffer and the arcs made so far.
//! SHIFT moves the buffer's first word onto the stack; LEFT(l) makes the buffer's first
//! word the head of the stack's top and pops it; RIGHT(l) makes the second word on the stack
//! the head of the top and pops it. The root takes its one dependent last.

use crate::perceptron::{ClassScores, Feature, Model, Trainer, XorShift, best, mix};
use crate::tagger::Prepared;

/// Magic and version of the parser's model file.
pub const MAGIC: &[u8; 8] = b"DLDEP\x00\x01\x00";

const NONE: usize = usize::MAX;
const SHIFT: usize = 0;

/// A parse: for each word its head (0-based word index, `None` for the root's dependent)
/// and its relation number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    /// Head of each word.
    pub heads: Vec<Option<usize>>,
    /// Relation of each word to its head (a number into the parser's labels).
    pub labels: Vec<u8>,
}

/// The parser's view of a word: what its features read.
struct Node {
    word: u64,
    tag: u64,
    cluster: u64,
}

struct State {
    /// Word numbers are 1-based; 0 is the root.
    stack: Vec<usize>,
    next: usize,
    n: usize,
    heads: Vec<usize>,
    labels: Vec<u8>,
    leftmost: Vec<usize>,
    rightmost: Vec<usize>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            stack: vec![0],
            next: 1,
            n,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            leftmost: vec![NONE; n + 1],
            rightmost: vec![NONE; n + 1],
            left_count: vec![0; n + 1],
            right_count: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    fn s(&self, i: usize) -> usize {
        if self.stack.len() > i {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NONE
        }
    }

    fn b(&self, i: usize) -> usize {
        if self.next + i <= self.n {
            self.next + i
        } else {
            NONE
        }
    }

    fn can_shift(&self) -> bool {
        self.next <= self.n
    }

    fn can_left(&self) -> bool {
        self.stack.len() >= 2 && self.next <= self.n
    }

    fn can_right(&self) -> bool {
        // The root takes its dependent only when nothing is left to read: one root a sentence.
        self.stack.len() >= 2 && (self.s(1) != 0 || self.next > self.n)
    }

    fn attach(&mut self, head: usize, dep: usize, label: u8) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        if dep < head {
            if self.leftmost[head] == NONE || dep < self.leftmost[head] {
                self.leftmost[head] = dep;
            }
            self.left_count[head] = self.left_count[head].saturating_add(1);
        } else {
            if self.rightmost[head] == NONE || dep > self.rightmost[head] {
                self.rightmost[head] = dep;
            }
            self.right_count[head] = self.right_count[head].saturating_add(1);
        }
    }

    fn apply(&mut self, class: usize, labels: usize) {
        if class == SHIFT {
            self.stack.push(self.next);
            self.next += 1;
        } else if class <= labels {
            let dep = self.stack.pop().expect("a word on the stack");
            self.attach(self.next, dep, (class - 1) as u8);
        } else {
            let dep = self.stack.pop().expect("a word on the stack");
            let head = *self.stack.last().expect("a head below");
            self.attach(head, dep, (class - 1 - labels) as u8);
        }
    }

    fn allowed(&self, class: usize, labels: usize) -> bool {
        if class == SHIFT {
            self.can_shift()
        } else if class <= labels {
            self.can_left()
        } else {
            self.can_right()
        }
    }
}

fn bucket(distance: usize) -> u64 {
    match distance {
        0..=4 => distance as u64,
        5..=7 => 5,
        _ => 6,
    }
}

/// The features of a configuration.
fn features(state: &State, nodes: &[Node], out: &mut Vec<Feature>) {
    out.clear();
    // Index 0 is the root; NONE is an empty position.
    let word = |i: usize| if i == NONE { 1 } else { nodes[i].word };
    let tag = |i: usize| if i == NONE { 1 } else { nodes[i].tag };
    let cluster = |i: usize| if i == NONE { 1 } else { nodes[i].cluster };
    let label = |i: usize| {
        if i == NONE || state.heads[i] == NONE {
            999
        } else {
            u64::from(state.labels[i])
        }
    };
    let child = |i: usize, side: &Vec<usize>| if i == NONE { NONE } else { side[i] };
    let (s0, s1, s2) = (state.s(0), state.s(1), state.s(2));
    let (b0, b1, b2) = (state.b(0), state.b(1), state.b(2));
    let s0l = child(s0, &state.leftmost);
    let s0r = child(s0, &state.rightmost);
    let s1l = child(s1, &state.leftmost);
    let s1r = child(s1, &state.rightmost);
    let b0l = child(b0, &state.leftmost);
    let k = mix;
    out.push(k(0, 0, 0, 0));
    // Single words.
    out.push(k(1, word(s0), tag(s0), 0));
    out.push(k(2, word(s0), 0, 0));
    out.push(k(3, tag(s0), 0, 0));
    out.push(k(4, word(b0), tag(b0), 0));
    out.push(k(5, word(b0), 0, 0));
    out.push(k(6, tag(b0), 0, 0));
    out.push(k(7, word(b1), tag(b1), 0));
    out.push(k(8, tag(b1), 0, 0));
    out.push(k(9, word(s1), tag(s1), 0));
    out.push(k(10, tag(s1), 0, 0));
    out.push(k(11, tag(b2), 0, 0));
    out.push(k(12, tag(s2), 0, 0));
    // Pairs.
    out.push(k(13, word(s0), tag(s0), word(b0) ^ tag(b0).rotate_left(32)));
    out.push(k(14, word(s0), tag(s0), word(b0)));
    out.push(k(15, word(s0), word(b0), tag(b0)));
    out.push(k(16, word(s0), tag(s0), tag(b0)));
    out.push(k(17, tag(s0), word(b0), tag(b0)));
    out.push(k(18, word(s0), word(b0), 0));
    out.push(k(19, tag(s0), tag(b0), 0));
    out.push(k(20, tag(b0), tag(b1), 0));
    out.push(k(21, word(s0), tag(s0), tag(s1)));
    out.push(k(22, tag(s0), word(s1), tag(s1)));
    out.push(k(23, word(s0), word(s1), 0));
    // Three tags.
    out.push(k(24, tag(b0), tag(b1), tag(b2)));
    out.push(k(25, tag(s0), tag(b0), tag(b1)));
    out.push(k(26, tag(s1), tag(s0), tag(b0)));
    out.push(k(27, tag(s1), tag(s0), 0));
    out.push(k(28, tag(s2), tag(s1), tag(s0)));
    // Children so far.
    out.push(k(29, tag(s0), tag(s0l), tag(b0)));
    out.push(k(30, tag(s0), tag(s0r), tag(b0)));
    out.push(k(31, tag(s0), tag(b0), tag(b0l)));
    out.push(k(32, tag(s1), tag(s1r), tag(s0)));
    out.push(k(33, tag(s1), tag(s1l), tag(s0)));
    out.push(k(34, tag(s0), label(s0l), label(s0r)));
    out.push(k(35, word(s0), label(s0l), label(s0r)));
    out.push(k(36, tag(b0), label(b0l), 0));
    out.push(k(37, word(s0l), tag(s0), 0));
    out.push(k(38, word(s0r), tag(s0), 0));
    out.push(k(39, tag(s1), label(s1r), tag(s0)));
    // Distance and valency.
    let distance = if s0 != NONE && s0 != 0 && b0 != NONE {
        bucket(b0 - s0)
    } else {
        99
    };
    out.push(k(40, word(s0), distance, 0));
    out.push(k(41, tag(s0), tag(b0), distance));
    out.push(k(42, word(b0), distance, 0));
    let valency = |i: usize| {
        if i == NONE {
            (9, 9)
        } else {
            (
                u64::from(state.left_count[i].min(4)),
                u64::from(state.right_count[i].min(4)),
            )
        }
    };
    let (s0_left, s0_right) = valency(s0);
    out.push(k(43, tag(s0), s0_left, s0_right));
    out.push(k(44, word(s0), s0_left, s0_right));
    out.push(k(45, tag(b0), valency(b0).0, 0));
    let s1_distance = if s1 != NONE && s1 != 0 && s0 != NONE {
        bucket(s0 - s1)
    } else {
        99
    };
    out.push(k(46, tag(s1), tag(s0), s1_distance));
    // Punctuation and conjunctions between s0 and b0 steer attachment decisions.
    out.push(k(
        47,
        tag(s0),
        tag(b0),
        u64::from(b0 != NONE && b0 == s0 + 1),
    ));
    // Word clusters: attachment preferences of word classes, beyond the words seen.
    out.push(k(48, cluster(s0), cluster(b0), 0));
    out.push(k(49, cluster(s0), tag(b0), 0));
    out.push(k(50, tag(s0), cluster(b0), 0));
    out.push(k(51, cluster(s1), cluster(s0), 0));
}

fn nodes(words: &[Prepared], tags: &[u64]) -> Vec<Node> {
    let mut out = Vec::with_capacity(words.len() + 1);
    out.push(Node {
        word: 2,
        tag: 2,
        cluster: 2,
    });
    for (w, &t) in words.iter().zip(tags) {
        out.push(Node {
            word: w.lower,
            tag: t + 10,
            cluster: w.clusters[1],
        });
    }
    out
}

/// The forms an auxiliary or a copula takes (UD's `aux`, `aux:pass` and `cop` are closed
/// classes: every form that has them in EWT's training set, but for misspellings), in
/// lower case, straight and curly apostrophes both.
pub(crate) const AUXILIARY_FORMS: &[&str] = &[
    "be", "am", "is", "are", "was", "were", "been", "being", "'s", "’s", "s", "'m", "’m", "m",
    "'re", "’re", "re", "r", "ar", "art", "have", "has", "had", "having", "'ve", "’ve", "ve", "v",
    "'d", "’d", "d", "do", "does", "did", "will", "'ll", "’ll", "ll", "wo", "would", "shall",
    "should", "can", "ca", "could", "may", "might", "must", "ai", "get", "gets", "got", "getting",
    "gotten",
];

/// The words the parser reads ([`Node::word`]) of [`AUXILIARY_FORMS`].
fn auxiliary_words() -> &'static [u64] {
    static WORDS: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<u64> = AUXILIARY_FORMS
            .iter()
            .map(|form| Prepared::new(form).lower)
            .collect();
        words.sort_unstable();
        words
    })
}

/// A trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    model: Model,
    labels: Vec<String>,
    /// Whether each label is an auxiliary's or a copula's, which only the words of
    /// [`AUXILIARY_FORMS`] take.
    auxiliary: Vec<bool>,
}

impl Parser {
    /// A parser from its model (classes: SHIFT, then LEFT and RIGHT for every label).
    pub fn new(model: Model) -> Parser {
        let labels = model
            .classes
            .iter()
            .filter_map(|c| c.strip_prefix("L:"))
            .map(str::to_string)
            .collect::<Vec<String>>();
        let auxiliary = labels
            .iter()
            .map(|l| matches!(l.as_str(), "aux" | "aux:pass" | "cop"))
            .collect();
        Parser {
            model,
            labels,
            auxiliary,
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The relation names, in label-number order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Parses a sentence given its words and their tag numbers.
    pub fn parse(&self, forms: &[&str], tags: &[u8]) -> Tree {
        let words: Vec<Prepared> = forms.iter().map(|f| Prepared::new(f)).collect();
        self.parse_prepared(&words, tags)
    }

    /// Parses a sentence of prepared words given their tag numbers.
    pub fn parse_prepared(&self, words: &[Prepared], tags: &[u8]) -> Tree {
        let tags: Vec<u64> = tags.iter().map(|&t| u64::from(t)).collect();
        let nodes = nodes(words, &tags);
        let labels = self.labels.len();
        let n = words.len();
        let mut state = State::new(n);
        let mut feats = Vec::with_capacity(48);
        let classes = self.model.classes.len();
        let mut scores: ClassScores = [0.0; 256];
        while !state.done() {
            // With the root alone on the stack, SHIFT is the one move allowed, whatever
            // the scores: the start of every sentence, and every time LEFT has emptied
            // the stack, one move in eighteen on news.
            if state.stack.len() < 2 {
                state.apply(SHIFT, labels);
                continue;
            }
            features(&state, &nodes, &mut feats);
            scores[..classes].fill(0.0);
            self.model.score(&feats, &mut scores);
            // An arc's dependent is the stack's top: a word that cannot be an auxiliary
            // does not take an auxiliary's label ("Museum returns stolen manuscripts":
            // "returns" is no "has").
            let top = state.s(0);
            let top_auxiliary =
                top == NONE || auxiliary_words().binary_search(&nodes[top].word).is_ok();
            let class = self
                .choose(&scores[..classes], &state, top_auxiliary)
                .expect("a move is allowed");
            state.apply(class, labels);
        }
        Tree {
            heads: (1..=n)
                .map(|i| {
                    (state.heads[i] != 0 && state.heads[i] != NONE).then(|| state.heads[i] - 1)
                })
                .collect(),
            labels: state.labels[1..].to_vec(),
        }
    }

    /// The best-scoring move `state` allows (the first of equal scores), where a word
    /// that cannot be an auxiliary (`top_auxiliary` false) takes no auxiliary's label.
    /// What `best` with those conditions gives, asked once per kind of move rather than
    /// once per class: the parser chooses among 99 moves, twice a word.
    fn choose(&self, scores: &[f32], state: &State, top_auxiliary: bool) -> Option<usize> {
        let labels = self.labels.len();
        let mut chosen: Option<(usize, f32)> = None;
        let mut consider = |class: usize| {
            let score = scores[class];
            if chosen.is_none_or(|(_, b)| score > b) {
                chosen = Some((class, score));
            }
        };
        if state.can_shift() {
            consider(SHIFT);
        }
        for (first, allowed) in [(1, state.can_left()), (1 + labels, state.can_right())] {
            if !allowed {
                continue;
            }
            for (label, &auxiliary) in self.auxiliary.iter().enumerate() {
                if top_auxiliary || !auxiliary {
                    consider(first + label);
                }
            }
        }
        chosen.map(|(class, _)| class)
    }
}

/// A training sentence: forms, tag numbers (as the tagger gives them), gold heads
/// (1-based, 0 the root) and gold relation names.
pub struct Example<'a> {
    /// The words.
    pub forms: Vec<&'a str>,
    /// Their tag numbers.
    pub tags: Vec<u8>,
    /// Their heads, 1-based, 0 for the root.
    pub heads: Vec<usize>,
    /// Their relations.
    pub deprels: Vec<&'a str>,
}

/// The canonical gold move of a configuration (the static oracle: attach as soon as a word
/// has all its dependents), or `None` where the tree is out of reach (non-projective).
fn oracle(state: &State, gold_heads: &[usize], gold_labels: &[u8], labels: usize) -> Option<usize> {
    let (s0, s1) = (state.s(0), state.s(1));
    if state.can_left() && s0 != 0 && gold_heads[s0] == state.next {
        return Some(1 + gold_labels[s0] as usize);
    }
    let complete = || (state.next..=state.n).all(|k| gold_heads[k] != s0);
    if state.can_right() && s0 != 0 && gold_heads[s0] == s1 && complete() {
        return Some(1 + labels + gold_labels[s0] as usize);
    }
    state.can_shift().then_some(SHIFT)
}

/// Trains a parser for `epochs` passes over `examples`, shuffled with `seed`; after the
/// first pass it follows its own choice with probability `explore` (in percent) and the
/// dynamic oracle tells it the best move from there. Returns the parser and the number of
/// sentences left out as non-projective.
pub fn train(
    examples: &[Example<'_>],
    label_names: &[String],
    epochs: usize,
    explore: u64,
    seed: u64,
) -> (Parser, usize) {
    let labels = label_names.len();
    let mut classes = vec!["SHIFT".to_string()];
    classes.extend(label_names.iter().map(|l| format!("L:{l}")));
    classes.extend(label_names.iter().map(|l| format!("R:{l}")));
    let mut trainer = Trainer::new(classes.clone());
    let label_of = |name: &str| -> u8 {
        label_names
            .iter()
            .position(|l| l == name)
            .or_else(|| {
                let base = name.split(':').next().unwrap_or(name);
                label_names.iter().position(|l| l == base)
            })
            .unwrap_or(0) as u8
    };
    // Gold label numbers, and which sentences the oracle can reach.
    let mut prepared = Vec::new();
    let mut skipped = 0;
    for ex in examples {
        let n = ex.forms.len();
        let mut gold_heads = vec![NONE; n + 1];
        let mut gold_labels = vec![0u8; n + 1];
        for i in 0..n {
            gold_heads[i + 1] = ex.heads[i];
            gold_labels[i + 1] = label_of(ex.deprels[i]);
        }
        if reachable(n, &gold_heads, &gold_labels, labels) {
            let words: Vec<Prepared> = ex.forms.iter().map(|f| Prepared::new(f)).collect();
            let tags: Vec<u64> = ex.tags.iter().map(|&t| u64::from(t)).collect();
            prepared.push((nodes(&words, &tags), gold_heads, gold_labels));
        } else {
            skipped += 1;
        }
    }
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; classes.len()];
    let mut coin = XorShift::new(seed);
    for epoch in 0..epochs {
        crate::perceptron::shuffle(&mut order, seed.wrapping_add(epoch as u64));
        for &s in &order {
            let (nodes, gold_heads, gold_labels) = &prepared[s];
            let n = nodes.len() - 1;
            let mut state = State::new(n);
            while !state.done() {
                features(&state, nodes, &mut feats);
                scores.iter_mut().for_each(|x| *x = 0.0);
                trainer.tick();
                trainer.score(&feats, &mut scores);
                // Without exploration the canonical gold move is the truth (measured better
                // than letting the model pick among equally good moves).
                let truth = if explore == 0 {
                    oracle(&state, gold_heads, gold_labels, labels)
                } else {
                    let costs = Costs::of(&state, gold_heads);
                    best(&scores, |c| {
                        state.allowed(c, labels)
                            && costs.of_class(c, labels, &state, gold_heads, gold_labels) == 0
                    })
                };
                let Some(truth) = truth else {
                    break;
                };
                let guess = best(&scores, |c| state.allowed(c, labels)).unwrap_or(truth);
                trainer.update(&feats, truth, guess);
                // After the first pass, follow the model's own choice most of the time, so
                // that it learns to recover from its mistakes (a dynamic oracle).
                let follow_guess = epoch > 0 && coin.next_u64() % 100 < explore;
                state.apply(if follow_guess { guess } else { truth }, labels);
            }
        }
    }
    (Parser::new(trainer.average()), skipped)
}

/// What each move would cost: how many gold arcs it would put out of reach (Goldberg and
/// Nivre's dynamic oracle for the arc-hybrid system).
struct Costs {
    shift: usize,
    left: usize,
    right: usize,
}

impl Costs {
    fn of(state: &State, gold: &[usize]) -> Costs {
        let (s0, s1, b0) = (state.s(0), state.s(1), state.b(0));
        let in_buffer = |k: usize| k != NONE && k >= state.next && k <= state.n;
        let dependents_in_buffer =
            |x: usize| (state.next..=state.n).filter(|&k| gold[k] == x).count();
        let mut costs = Costs {
            shift: 0,
            left: 0,
            right: 0,
        };
        if b0 != NONE {
            let head = gold[b0];
            let below = &state.stack[..state.stack.len() - 1];
            costs.shift = usize::from(below.contains(&head))
                + state
                    .stack
                    .iter()
                    .filter(|&&k| k != 0 && gold[k] == b0)
                    .count();
        }
        if s0 != NONE && s0 != 0 {
            let head = gold[s0];
            let deps = dependents_in_buffer(s0);
            costs.left = usize::from(head != b0 && (head == s1 || in_buffer(head))) + deps;
            costs.right = usize::from(in_buffer(head)) + deps;
        }
        costs
    }

    fn of_class(
        &self,
        class: usize,
        labels: usize,
        state: &State,
        gold: &[usize],
        gold_labels: &[u8],
    ) -> usize {
        let s0 = state.s(0);
        if class == SHIFT {
            self.shift
        } else if class <= labels {
            let wrong_label = gold[s0] == state.next && gold_labels[s0] as usize != class - 1;
            self.left + usize::from(wrong_label)
        } else {
            let wrong_label =
                gold[s0] == state.s(1) && gold_labels[s0] as usize != class - 1 - labels;
            self.right + usize::from(wrong_label)
        }
    }
}

/// Whether the oracle rebuilds the gold tree exactly.
fn reachable(n: usize, gold_heads: &[usize], gold_labels: &[u8], labels: usize) -> bool {
    let mut state = State::new(n);
    while !state.done() {
        let Some(truth) = oracle(&state, gold_heads, gold_labels, labels) else {
            return false;
        };
        state.apply(truth, labels);
    }
    state.heads[1..] == gold_heads[1..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following only zero-cost moves, in any order the scores prefer, rebuilds the gold tree.
    #[test]
    fn zero_cost_moves_rebuild_a_projective_tree() {
        // "The minister met the envoy in Paris ." with heads (1-based, 0 the root).
        let gold_heads = [NONE, 2, 3, 0, 5, 3, 7, 3, 3];
        let gold_labels = [0u8, 1, 2, 3, 1, 4, 5, 6, 7];
        let labels = 8;
        for seed in 1..50u64 {
            let mut state = State::new(8);
            let mut random = XorShift::new(seed);
            while !state.done() {
                let costs = Costs::of(&state, &gold_heads);
                let zero: Vec<usize> = (0..1 + 2 * labels)
                    .filter(|&c| {
                        state.allowed(c, labels)
                            && costs.of_class(c, labels, &state, &gold_heads, &gold_labels) == 0
                    })
                    .collect();
                assert!(!zero.is_empty(), "a zero-cost move exists");
                state.apply(
                    zero[(random.next_u64() % zero.len() as u64) as usize],
                    labels,
                );
            }
            assert_eq!(state.heads[1..], gold_heads[1..], "seed {seed}");
            assert_eq!(state.labels[1..], gold_labels[1..], "seed {seed}");
        }
    }

    /// The parser's choice of a move is `best` over the moves allowed, ties and all: in
    /// every kind of configuration (buffer left or not, the root's dependent to take or
    /// not, an auxiliary on top or not), over scores drawn from a few values.
    #[test]
    fn choose_is_best_over_the_allowed_moves() {
        let names = ["det", "aux", "nsubj", "cop", "obj"];
        let mut classes = vec!["SHIFT".to_string()];
        classes.extend(names.iter().map(|l| format!("L:{l}")));
        classes.extend(names.iter().map(|l| format!("R:{l}")));
        let parser = Parser::new(Trainer::new(classes.clone()).average());
        let labels = names.len();
        let mut random = XorShift::new(7);
        for round in 0..2000u32 {
            let mut state = State::new(4);
            // Shift 0 to 4 words, then reduce some, so that every kind of move is allowed
            // or refused somewhere.
            for _ in 0..random.next_u64() % 5 {
                state.apply(SHIFT, labels);
            }
            if state.stack.len() > 2 && random.next_u64().is_multiple_of(2) {
                state.apply(1 + labels, labels);
            }
            let scores: Vec<f32> = (0..classes.len())
                .map(|_| (random.next_u64() % 4) as f32 - 1.5)
                .collect();
            let top_auxiliary = round.is_multiple_of(3);
            let expected = best(&scores, |c| {
                state.allowed(c, labels)
                    && (c == SHIFT || top_auxiliary || !parser.auxiliary[(c - 1) % labels])
            });
            assert_eq!(
                parser.choose(&scores, &state, top_auxiliary),
                expected,
                "round {round}"
            );
        }
    }
}
