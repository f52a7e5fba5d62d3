//! Frames from a sentence's analysis: every predicate (a main verb, or an event noun such
//! as "talks" or "attack") with who acts (source, PropBank Arg0), whom it is done to
//! (target, Arg1), the phrases that may say where, negation and mode.
//!
//! Two ways to find them, compared by `cargo xtask eval events`: [`from_tree`] reads the
//! dependency parse (subjects and objects, passives, control, coordination, relative
//! clauses, light verbs); [`from_chunks`] reads only the tags (the nearest noun chunk
//! left and right of a verb).

use dateline_core::EventMode;

use crate::lemma;
use crate::lexicon::{LIGHT_VERBS, PLANNING, SPEECH, noun_type, verb_type};

/// A tagged and parsed sentence.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    /// Word forms (quotes and apostrophes in their straight forms).
    pub forms: Vec<String>,
    /// Penn tags.
    pub tags: Vec<&'a str>,
    /// Heads (0-based), `None` for the root.
    pub heads: Vec<Option<usize>>,
    /// Relations to the heads.
    pub labels: Vec<&'a str>,
    /// Dependents of each word, in order.
    children: Vec<Vec<usize>>,
    /// Lemmas, read by many rules: made once.
    lemmas: Vec<String>,
}

impl<'a> Sentence<'a> {
    /// A sentence from its words, tags, heads and relations (empty relations and no heads
    /// where only tags are known).
    pub fn new(
        forms: Vec<String>,
        tags: Vec<&'a str>,
        heads: Vec<Option<usize>>,
        labels: Vec<&'a str>,
    ) -> Sentence<'a> {
        let mut children = vec![Vec::new(); forms.len()];
        for (i, head) in heads.iter().enumerate() {
            if let Some(h) = head {
                children[*h].push(i);
            }
        }
        let lemmas = forms
            .iter()
            .zip(&tags)
            .map(|(form, tag)| {
                if tag.starts_with("VB") {
                    lemma::verb(form, tag)
                } else {
                    lemma::noun(form, tag)
                }
            })
            .collect();
        Sentence {
            forms,
            tags,
            heads,
            labels,
            children,
            lemmas,
        }
    }

    fn len(&self) -> usize {
        self.forms.len()
    }

    fn children(&self, head: usize) -> impl Iterator<Item = usize> + '_ {
        self.children[head].iter().copied()
    }

    fn child(&self, head: usize, label: &str) -> Option<usize> {
        self.children(head).find(|&i| self.labels[i] == label)
    }

    fn lower(&self, i: usize) -> String {
        self.forms[i].to_lowercase()
    }

    fn is_word(&self, i: usize) -> bool {
        self.forms[i].chars().any(char::is_alphanumeric)
    }

    fn is_verb(&self, i: usize) -> bool {
        self.tags[i].starts_with("VB")
    }

    fn is_noun(&self, i: usize) -> bool {
        matches!(self.tags[i], "NN" | "NNS")
    }

    fn lemma(&self, i: usize) -> &str {
        &self.lemmas[i]
    }

    /// The preposition of a nominal ("with" in "with Munir").
    fn case(&self, i: usize) -> Option<String> {
        self.children(i)
            .find(|&c| self.labels[c] == "case")
            .map(|c| self.lower(c))
    }

    /// Conjuncts of `i`, itself first ("Kenya and Tanzania" -> Kenya, Tanzania).
    fn conjuncts(&self, i: usize) -> Vec<usize> {
        let mut out = vec![i];
        let mut k = 0;
        while k < out.len() {
            let at = out[k];
            out.extend(
                self.children(at)
                    .filter(|&c| self.labels[c] == "conj" && !self.is_verb(c)),
            );
            k += 1;
        }
        out
    }
}

/// A predicate with its participants, as word indexes of the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The trigger word.
    pub trigger: usize,
    /// PLOVER type, or "other".
    pub kind: &'static str,
    /// Head word of who acts.
    pub source: Option<usize>,
    /// Head word of whom it is done to.
    pub target: Option<usize>,
    /// Phrases that may say where (head words of "in ..."/"at ..." phrases), nearest first.
    pub places: Vec<usize>,
    /// The words of the clause (for times that date it), as runs of (first, last) word.
    pub clause: Vec<(usize, usize)>,
    /// The text says it did not happen.
    pub negated: bool,
    /// Asserted, reported, planned or hypothetical (from the clause alone).
    pub mode: EventMode,
}

/// Relations whose words are not part of a nominal argument's span.
const OUTSIDE_SPAN: &[&str] = &[
    "acl",
    "acl:relcl",
    "appos",
    "punct",
    "parataxis",
    "advcl",
    "ccomp",
    "conj",
    "cc",
    "dep",
    "discourse",
    "list",
    "dislocated",
    "vocative",
    "orphan",
    "reparandum",
    "mark",
    "csubj",
];

/// The word span (first, last) of the argument headed by `head`: its subtree without
/// clauses, appositions and conjuncts, cut to the contiguous run around the head.
pub fn span(s: &Sentence<'_>, head: usize) -> (usize, usize) {
    let inside = subtree(s, head, |parent, c| {
        // A locative phrase hanging on the argument is where, not who ("met the army
        // chief at the headquarters": the parse may attach it either way).
        let locative = s.labels[c] == "nmod"
            && s.case(c)
                .is_some_and(|p| matches!(p.as_str(), "at" | "in" | "near" | "during"));
        let own_case = s.labels[c] == "case" && parent == head;
        !(OUTSIDE_SPAN.contains(&s.labels[c]) || own_case || locative)
    });
    // The whole extent when only punctuation and appositions interrupt it ("His Pakistan
    // Tehreek-e-Insaf (PTI) party"); else the unbroken run around the head.
    let first = (0..=head).find(|&i| inside[i]).unwrap_or(head);
    let last = (head..s.len()).rev().find(|&i| inside[i]).unwrap_or(head);
    let interrupted = (first..=last)
        .any(|i| !inside[i] && !matches!(s.labels[i], "punct" | "appos" | "flat" | "compound"));
    if !interrupted {
        return (first, last);
    }
    let mut first = head;
    while first > 0 && inside[first - 1] {
        first -= 1;
    }
    let mut last = head;
    while last + 1 < s.len() && inside[last + 1] {
        last += 1;
    }
    (first, last)
}

/// The words under `root` (itself included), descending from a word to a dependent only
/// where `keep(word, dependent)` says so.
fn subtree(s: &Sentence<'_>, root: usize, keep: impl Fn(usize, usize) -> bool) -> Vec<bool> {
    let mut inside = vec![false; s.len()];
    let mut stack = vec![root];
    while let Some(i) = stack.pop() {
        inside[i] = true;
        stack.extend(s.children(i).filter(|&c| keep(i, c)));
    }
    inside
}

/// The words of the sentence's main clause (the whole sentence without a tree).
pub fn main_clause(s: &Sentence<'_>) -> Vec<(usize, usize)> {
    match (0..s.len()).find(|&i| s.heads[i].is_none() && !s.labels[i].is_empty()) {
        Some(root) => clause(s, root),
        None => vec![(0, s.len().saturating_sub(1))],
    }
}

/// The words of a clause headed by `verb`: its subtree without nested clauses, as runs of
/// words (first, last) since a nested clause may sit in the middle.
fn clause(s: &Sentence<'_>, verb: usize) -> Vec<(usize, usize)> {
    let inside = subtree(s, verb, |parent, c| {
        // Nested clauses anywhere below (a relative clause on the subject has its own
        // time); conjuncts and complements of the verb itself are clauses of their own.
        let nested = matches!(
            s.labels[c],
            "ccomp" | "advcl" | "acl:relcl" | "acl" | "parataxis" | "csubj"
        );
        let own = parent == verb && matches!(s.labels[c], "conj" | "xcomp");
        !nested && !own
    });
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for i in (0..s.len()).filter(|&i| inside[i]) {
        match runs.last_mut() {
            Some(run) if run.1 + 1 == i => run.1 = i,
            _ => runs.push((i, i)),
        }
    }
    runs
}

/// What a word refers to within the sentence: the antecedent of a relative pronoun ("who"
/// in "Bagheri, who met ..." is Bagheri), else the word itself. Frames keep the pronoun as
/// the argument (it is what the sentence says); its referent is whom it names.
pub fn referent(s: &Sentence<'_>, word: usize) -> usize {
    let relative = matches!(s.lower(word).as_str(), "who" | "which" | "that" | "whom");
    match s.heads[word] {
        Some(verb) if relative && s.labels[verb] == "acl:relcl" => s.heads[verb].unwrap_or(word),
        _ => word,
    }
}

/// The subject of `verb`: (source, target) from an active or passive subject, and where a
/// clause has none of its own, the controller ("agreed to set up"), the first conjunct's
/// subject ("arrived and met") or the noun a participle describes.
fn subject(s: &Sentence<'_>, verb: usize, depth: usize) -> (Option<usize>, Option<usize>) {
    if let Some(subj) = s.child(verb, "nsubj") {
        return (Some(subj), None);
    }
    if let Some(subj) = s.child(verb, "nsubj:pass") {
        let agent = s.child(verb, "obl:agent");
        return (agent, Some(subj));
    }
    if depth > 3 {
        return (None, None);
    }
    let Some(head) = s.heads[verb] else {
        return (None, None);
    };
    match s.labels[verb] {
        "xcomp" if s.is_verb(head) => {
            // Object control ("urged Iran to stop") before subject control ("agreed to meet").
            let controller = s
                .child(head, "obj")
                .or_else(|| subject(s, head, depth + 1).0);
            (controller, None)
        }
        "conj" if s.is_verb(head) => subject(s, head, depth + 1),
        "acl" => {
            let has_object = s.child(verb, "obj").is_some();
            if s.tags[verb] == "VBN" && !has_object {
                // "the team formed to look at": the noun is what the participle did to.
                (s.child(verb, "obl:agent"), Some(head))
            } else if s.tags[verb] == "VBG" || has_object {
                // "airlines looking for": the noun does it (as does a "participle" with an
                // object, most likely a misread past tense).
                (Some(head), None)
            } else {
                // "a contract to supply": the noun is neither who supplies nor what.
                (None, None)
            }
        }
        "advcl" if s.tags[verb] == "VBG" => subject(s, head, depth + 1),
        _ => (None, None),
    }
}

/// Prepositions that introduce the party acted upon when a verb has no object ("met with",
/// "protested against", "fired at", "talked to").
const TARGET_CASES: &[&str] = &[
    "with", "against", "at", "on", "to", "into", "upon", "toward", "towards",
];
/// Prepositions of place.
const PLACE_CASES: &[&str] = &[
    "in", "at", "near", "outside", "inside", "across", "from", "on", "to",
];

fn places(s: &Sentence<'_>, predicate: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = s
        .children(predicate)
        .filter(|&c| matches!(s.labels[c], "obl" | "nmod" | "obl:unmarked" | "advmod"))
        .collect();
    while let Some(i) = stack.pop() {
        if s.case(i).is_some_and(|c| PLACE_CASES.contains(&c.as_str())) || s.tags[i] == "NNP" {
            out.push(i);
        }
        stack.extend(
            s.children(i)
                .filter(|&c| matches!(s.labels[c], "nmod" | "compound" | "appos")),
        );
    }
    out.sort_by_key(|&i| i.abs_diff(predicate));
    out
}

fn negated(s: &Sentence<'_>, predicate: usize) -> bool {
    s.children(predicate).any(|c| {
        (s.labels[c] == "advmod" || s.labels[c] == "det")
            && matches!(s.lower(c).as_str(), "not" | "n't" | "never" | "no")
    })
}

/// The mode a clause gives its predicate: modal auxiliaries, planning verbs above it,
/// conditions, and verbs of saying above it.
fn mode(s: &Sentence<'_>, predicate: usize) -> EventMode {
    let mut at = predicate;
    for _ in 0..6 {
        for c in s.children(at) {
            let word = s.lower(c);
            if s.labels[c] == "aux" {
                match word.as_str() {
                    "will" | "shall" | "'ll" | "wo" => return EventMode::Planned,
                    "would" | "could" | "might" | "may" | "should" | "must" => {
                        return EventMode::Hypothetical;
                    }
                    _ => {}
                }
            }
            if s.labels[c] == "mark" && matches!(word.as_str(), "if" | "unless" | "whether") {
                return EventMode::Hypothetical;
            }
        }
        let Some(head) = s.heads[at] else { break };
        let link = s.labels[at];
        let head_lemma = s.lemma(head);
        if link == "xcomp" && PLANNING.contains(&head_lemma) {
            return EventMode::Planned;
        }
        if matches!(link, "ccomp" | "parataxis") && SPEECH.contains(&head_lemma) {
            return EventMode::Reported;
        }
        if !matches!(link, "xcomp" | "conj" | "ccomp" | "advcl") {
            break;
        }
        at = head;
    }
    EventMode::Asserted
}

fn particle(s: &Sentence<'_>, verb: usize) -> Option<String> {
    s.child(verb, "compound:prt")
        .map(|p| s.lower(p))
        .or_else(|| {
            // "called for", "fired at": the preposition of the first oblique.
            s.children(verb)
                .filter(|&c| s.labels[c] == "obl")
                .find_map(|c| s.case(c))
        })
}

/// Frames from the dependency parse.
pub fn from_tree(s: &Sentence<'_>) -> Vec<Frame> {
    let mut frames = Vec::new();
    let mut carried = vec![false; s.len()];
    // Event nouns first: a light verb whose object is one carries it and makes no frame.
    for n in 0..s.len() {
        if !s.is_noun(n) {
            continue;
        }
        let Some(kind) = noun_type(s.lemma(n)) else {
            continue;
        };
        // "Iran's attack", and "the Qatar Airways order": a name compounded with the noun.
        let mut source = s.child(n, "nmod:poss").or_else(|| {
            s.children(n)
                .filter(|&c| s.labels[c] == "compound" && s.tags[c].starts_with("NNP"))
                .last()
        });
        let mut target = None;
        let head = s.heads[n];
        let mut place_of = n;
        let mut clause_of = n;
        if let Some(v) = head
            && s.is_verb(v)
            && s.labels[n] == "obj"
            && LIGHT_VERBS.contains(&s.lemma(v))
        {
            carried[v] = true;
            source = source.or(subject(s, v, 0).0);
            place_of = v;
            clause_of = v;
        }
        for c in s.children(n).filter(|&c| s.labels[c] == "nmod") {
            let case = s.case(c).unwrap_or_default();
            if case == "by" && source.is_none() {
                // "a visit to Islamabad by the foreign minister".
                source = Some(c);
            } else if case == "between" && source.is_none() {
                source = Some(c);
                target = s.children(c).find(|&d| s.labels[d] == "conj");
            } else if target.is_none()
                && (TARGET_CASES.contains(&case.as_str()) || case == "of" || case == "between")
            {
                target = Some(c);
            }
        }
        // "held talks with Munir": the partner may hang on the noun or on the verb.
        if target.is_none() && place_of != n {
            target = s
                .children(place_of)
                .filter(|&c| s.labels[c] == "obl")
                .find(|&c| {
                    s.case(c).is_some_and(|p| {
                        matches!(p.as_str(), "with" | "between" | "against" | "to")
                    })
                });
        }
        let mut places_of = places(s, place_of);
        if place_of != n {
            places_of.extend(places(s, n));
        }
        let predicate = Frame {
            trigger: n,
            kind,
            source: None,
            target: None,
            places: places_of,
            clause: clause(s, clause_of),
            negated: negated(s, n) || (clause_of != n && negated(s, clause_of)),
            mode: mode(s, clause_of),
        };
        push_frames(s, &predicate, source, target, &mut frames);
    }
    for (v, &carried) in carried.iter().enumerate() {
        // Auxiliaries, and participles used as adjectives ("their shared border"), are
        // not predicates of their own.
        if !s.is_verb(v)
            || carried
            || matches!(
                s.labels[v],
                "aux" | "aux:pass" | "cop" | "amod" | "compound"
            )
        {
            continue;
        }
        let lemma = s.lemma(v);
        if matches!(lemma, "be" | "have" | "do" | "get") && s.child(v, "obj").is_none() {
            continue;
        }
        let (source, target) = subject(s, v, 0);
        // Punctuation is nobody (a quote mark the parse made a subject).
        let (mut source, mut target) = (
            source.filter(|&w| s.is_word(w)),
            target.filter(|&w| s.is_word(w)),
        );
        if target.is_none() {
            target = s.child(v, "obj").or_else(|| s.child(v, "iobj"));
        }
        // A clause is what was said or wanted, not a participant.
        target = target.filter(|&t| !s.is_verb(t));
        let particle = particle(s, v);
        let kind = verb_type(lemma, particle.as_deref()).unwrap_or("other");
        if target.is_none() && kind != "other" {
            target = s.children(v).filter(|&c| s.labels[c] == "obl").find(|&c| {
                s.case(c)
                    .is_some_and(|p| TARGET_CASES.contains(&p.as_str()))
            });
        }
        // "said the ministry": a verb of saying with no subject has its speaker after it.
        if source.is_none() && SPEECH.contains(&lemma) && target.is_some_and(|t| t > v) {
            source = target.take();
        }
        if source == target {
            source = None;
        }
        let mut places_of = places(s, v);
        if let Some(t) = target {
            places_of.extend(places(s, t).into_iter().filter(|&p| s.labels[p] == "nmod"));
        }
        let predicate = Frame {
            trigger: v,
            kind,
            source: None,
            target: None,
            places: places_of,
            clause: clause(s, v),
            negated: negated(s, v),
            mode: mode(s, v),
        };
        push_frames(s, &predicate, source, target, &mut frames);
    }
    frames.sort_by_key(|f| (f.trigger, f.source, f.target));
    frames
}

/// One frame of `predicate` per conjunct of the source and of the target ("met A, B and
/// C": three); none without a participant.
fn push_frames(
    s: &Sentence<'_>,
    predicate: &Frame,
    source: Option<usize>,
    target: Option<usize>,
    frames: &mut Vec<Frame>,
) {
    if source.is_none() && target.is_none() {
        return;
    }
    let sources = source.map_or(vec![None], |x| {
        s.conjuncts(x).into_iter().map(Some).collect()
    });
    let targets = target.map_or(vec![None], |x| {
        s.conjuncts(x).into_iter().map(Some).collect()
    });
    for &source in &sources {
        for &target in &targets {
            frames.push(Frame {
                source,
                target,
                ..predicate.clone()
            });
        }
    }
}

/// Tags of words that make up a noun chunk.
fn nominal(tag: &str) -> bool {
    matches!(
        tag,
        "DT" | "PDT"
            | "JJ"
            | "JJR"
            | "JJS"
            | "NN"
            | "NNS"
            | "NNP"
            | "NNPS"
            | "PRP"
            | "PRP$"
            | "POS"
            | "CD"
            | "HYPH"
    )
}

/// The noun chunk around `head`, from the tags alone: (first, last) word, as
/// [`from_chunks`] reads the sentence (the word alone outside any chunk).
pub fn chunk_span(s: &Sentence<'_>, head: usize) -> (usize, usize) {
    chunks(s)
        .into_iter()
        .find(|&(first, last, _)| first <= head && head <= last)
        .map_or((head, head), |(first, last, _)| (first, last))
}

/// Noun-chunk spans (first, last, head) from the tags alone.
fn chunks(s: &Sentence<'_>) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if nominal(s.tags[i]) && s.tags[i] != "POS" {
            let start = i;
            while i + 1 < s.len() && nominal(s.tags[i + 1]) {
                i += 1;
            }
            let head = (start..=i)
                .rev()
                .find(|&k| matches!(s.tags[k], "NN" | "NNS" | "NNP" | "NNPS" | "PRP" | "CD"))
                .unwrap_or(i);
            out.push((start, i, head));
        }
        i += 1;
    }
    out
}

/// Frames from the tags alone: the noun chunk before a verb is its subject, the one after
/// it (or after a preposition of a known predicate) its object; "be + VBN ... by X" swaps.
pub fn from_chunks(s: &Sentence<'_>) -> Vec<Frame> {
    let chunks = chunks(s);
    let chunk_ending = |end: usize| chunks.iter().find(|c| c.1 == end).map(|c| c.2);
    let chunk_starting = |start: usize| chunks.iter().find(|c| c.0 == start).map(|c| c.2);
    let mut frames = Vec::new();
    for v in 0..s.len() {
        if !s.is_verb(v) {
            continue;
        }
        // An auxiliary: a verb follows within two words.
        if (v + 1..(v + 3).min(s.len())).any(|k| s.is_verb(k)) {
            continue;
        }
        let lemma = s.lemma(v);
        if matches!(lemma, "be" | "have" | "do") {
            continue;
        }
        let mut left = v;
        let mut passive = false;
        while left > 0
            && matches!(
                s.tags[left - 1],
                "RB" | "MD" | "TO" | "VBD" | "VBZ" | "VBP" | "VB" | "VBN" | "VBG"
            )
        {
            left -= 1;
            if matches!(
                s.lower(left).as_str(),
                "was" | "were" | "is" | "are" | "been" | "be" | "being"
            ) {
                passive = s.tags[v] == "VBN";
            }
        }
        let subject = if left > 0 {
            chunk_ending(left - 1)
        } else {
            None
        };
        let mut right = v + 1;
        while right < s.len() && matches!(s.tags[right], "RP" | "RB") {
            right += 1;
        }
        let kind = verb_type(lemma, None).unwrap_or("other");
        let mut object = chunk_starting(right);
        let mut agent = None;
        if right < s.len() && s.tags[right] == "IN" {
            let prep = s.lower(right);
            if prep == "by" && passive {
                agent = chunk_starting(right + 1);
            } else if object.is_none() && kind != "other" && TARGET_CASES.contains(&prep.as_str()) {
                object = chunk_starting(right + 1);
            }
        }
        let (source, target) = if passive {
            (agent, subject)
        } else {
            (subject, object)
        };
        if source.is_none() && target.is_none() {
            continue;
        }
        let places: Vec<usize> = (v + 1..s.len())
            .filter(|&k| s.tags[k] == "IN" && PLACE_CASES.contains(&s.lower(k).as_str()))
            .filter_map(|k| chunk_starting(k + 1))
            .collect();
        let negated = (left..v).any(|k| matches!(s.lower(k).as_str(), "not" | "n't" | "never"));
        let mode = if (left..v).any(|k| matches!(s.lower(k).as_str(), "will" | "'ll" | "shall")) {
            EventMode::Planned
        } else if (left..v).any(|k| s.tags[k] == "MD") {
            EventMode::Hypothetical
        } else {
            EventMode::Asserted
        };
        frames.push(Frame {
            trigger: v,
            kind,
            source,
            target,
            places,
            clause: vec![(left.saturating_sub(4), (v + 8).min(s.len() - 1))],
            negated,
            mode,
        });
    }
    frames
}
