//! Tone toward a person or an organization, learned: a linear model (`dateline-linear`)
//! over what one sentence says around one mention, trained by `cargo xtask train-tone`
//! on NewsMTSC (sentences from US political news, each with the tone toward a person in
//! it: negative, neutral or positive).
//!
//! What the model reads of a mention ([`for_each_feature`]): the words on each side of it
//! (by place, by side, in pairs), every word of its sentence, the first letters of those
//! words (a rough stem), other names as their type (`<person>`: a name says nothing of the
//! tone, and the model must not learn who is liked), the marks next to it, the lexicon's
//! valences near it, what the lexicon rules make of the entity, the events it is the
//! source or the target of, whether it is quoted or speaks, how many people share its
//! sentence and where in it the mention stands. Both the enricher and the trainer call
//! the same function, so what is learned is what is read.

use std::sync::OnceLock;

use dateline_core::EntityType;
use dateline_linear::Linear;

use crate::words::Word;

/// The image's magic: which data, which version of its layout.
pub const MAGIC: [u8; 8] = *b"DLTONE01";

/// The model's classes, in score order.
pub const CLASSES: [&str; 3] = ["negative", "neutral", "positive"];

/// How many words on each side of a mention are read by their place.
const WINDOW: usize = 4;

/// How many letters of a word near a mention stand for its stem.
const STEM: usize = 5;

/// How much each word of the sentence counts as a word of the bag.
const BAG_WEIGHT: f32 = 0.5;

pub(crate) static MODEL: &[u8] =
    dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/target.image"));

/// The shipped model, viewed in place the first time it is asked for.
pub fn shipped() -> &'static Linear {
    static SHIPPED: OnceLock<Linear> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        Linear::from_image(dateline_mapped::place(MODEL), MAGIC)
            .unwrap_or_else(|e| panic!("the compiled-in tone target model: {e}"))
    })
}

/// An event the mentioned entity is in, from its side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRole<'a> {
    /// True when the entity is the event's target, false when its source.
    pub target: bool,
    /// The event's kind (PLOVER, lowercase).
    pub kind: &'a str,
    /// Whether the event is negated ("did not attack").
    pub negated: bool,
}

/// One mention in its sentence: what [`for_each_feature`] reads.
pub struct Mention<'a> {
    /// The field's text as code points (offsets in the record are code points).
    pub chars: &'a [char],
    /// The field's words (see [`crate::words::read`]).
    pub words: &'a [Word],
    /// Each of them in lowercase (see [`lowercase_words`]).
    pub lower: &'a [String],
    /// The mention's code point range in the field.
    pub span: (usize, usize),
    /// The other names in the field: code point range and type.
    pub others: &'a [(usize, usize, EntityType)],
    /// The lexicon rules' score for the entity, in [-1, 1] (0 without one).
    pub rule: f32,
    /// The events of its sentence that the entity is in.
    pub events: &'a [EventRole<'a>],
    /// Whether the mention is inside a quotation in marks (direct or mixed).
    pub quoted: bool,
    /// Whether the entity speaks a quotation in marks (direct or mixed) in its sentence.
    pub speaks: bool,
    /// How many people are named in the sentence.
    pub people: usize,
}

fn placeholder(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "<person>",
        EntityType::Organization => "<organization>",
        EntityType::Place => "<place>",
        _ => "<other>",
    }
}

/// The words of a field in lowercase, a typographic apostrophe as a plain one: what
/// [`Mention::lower`] holds. Made once per field, read for every mention in it.
pub fn lowercase_words(chars: &[char], words: &[Word]) -> Vec<String> {
    words
        .iter()
        .map(|word| {
            let mut s = String::with_capacity(word.end - word.start);
            for &c in &chars[word.start..word.end] {
                if c.is_ascii() {
                    s.push(c.to_ascii_lowercase());
                } else if c == '’' {
                    s.push('\'');
                } else {
                    s.extend(c.to_lowercase());
                }
            }
            s
        })
        .collect()
}

/// Small whole numbers as text, for feature names.
const DIGITS: [&str; 8] = ["0", "1", "2", "3", "4", "5", "6", "7"];

/// A sum as a small whole number (-3 to 3) written out, for features that are present
/// or not: no text is made for it on the hot path.
fn bin(x: f32) -> &'static str {
    const BINS: [&str; 7] = ["-3", "-2", "-1", "0", "1", "2", "3"];
    BINS[((x.round() as i32).clamp(-3, 3) + 3) as usize]
}

/// Calls `f` with each feature of a mention and its value. Nothing is called when the
/// mention covers no word.
pub fn for_each_feature(m: &Mention, mut f: impl FnMut(&str, f32)) {
    let (start, end) = m.span;
    let words = m.words;
    let first = words.partition_point(|w| w.end <= start);
    let last = first + words[first..].partition_point(|w| w.start < end);
    if first == last {
        return;
    }
    let sentence = words[first].sentence;
    let lo = words[..first].partition_point(|w| w.sentence < sentence);
    let hi = last + words[last..].partition_point(|w| w.sentence == sentence);
    // Words as the model reads them: names other than this one become their type, a run
    // of one type one placeholder.
    let read = |range: std::ops::Range<usize>| -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for i in range {
            let w = &words[i];
            let token = match m.others.iter().find(|o| o.0 <= w.start && w.end <= o.1) {
                Some(o) => placeholder(o.2),
                None => m.lower[i].as_str(),
            };
            if token.starts_with('<') && out.last() == Some(&token) {
                continue;
            }
            out.push(token);
        }
        out
    };
    let left = read(lo..first);
    let right = read(last..hi);
    let mut key = String::new();
    let mut emit = |parts: &[&str], value: f32| {
        key.clear();
        parts.iter().for_each(|p| key.push_str(p));
        f(&key, value);
    };
    let left_window = &left[left.len().saturating_sub(WINDOW)..];
    let right_window = &right[..right.len().min(WINDOW)];
    for (i, w) in left_window.iter().rev().enumerate() {
        emit(&["L", DIGITS[i], ":", w], 1.0);
        emit(&["L:", w], 1.0);
    }
    for (i, w) in right_window.iter().enumerate() {
        emit(&["R", DIGITS[i], ":", w], 1.0);
        emit(&["R:", w], 1.0);
    }
    // Word stems, roughly: the first letters of each word near it, so that
    // "criticized" reads like the "criticism" that was labelled.
    for (side, window) in [("LP:", left_window), ("RP:", right_window)] {
        for w in window {
            if w.len() > STEM && !w.starts_with('<') && w.is_char_boundary(STEM) {
                emit(&[side, &w[..STEM]], 1.0);
            }
        }
    }
    for pair in left_window.windows(2) {
        emit(&["LB:", pair[0], "_", pair[1]], 1.0);
    }
    for pair in right_window.windows(2) {
        emit(&["RB:", pair[0], "_", pair[1]], 1.0);
    }
    let mut bag: Vec<&str> = left.iter().chain(&right).copied().collect();
    bag.sort_unstable();
    bag.dedup();
    for w in bag {
        emit(&["S:", w], BAG_WEIGHT);
        if w.len() > STEM && !w.starts_with('<') && w.is_char_boundary(STEM) {
            emit(&["SP:", &w[..STEM]], BAG_WEIGHT);
        }
    }
    // The lexicon near it: each polar word weighed by nearness, by side.
    let (mut before, mut after, mut positive, mut negative) = (0f32, 0f32, 0f32, 0f32);
    for (i, w) in words.iter().enumerate().take(hi).skip(lo) {
        if w.valence == 0.0 || (first..last).contains(&i) {
            continue;
        }
        let distance = if i < first { first - i } else { i + 1 - last } as f32;
        let near = w.valence / (1.0 + (distance - 1.0) / 4.0);
        if i < first {
            before += near;
        } else {
            after += near;
        }
        if w.valence > 0.0 {
            positive += w.valence;
        } else {
            negative -= w.valence;
        }
    }
    emit(&["lex<:", bin(before)], 1.0);
    emit(&["lex>:", bin(after)], 1.0);
    emit(&["lex:", bin(before + after)], 1.0);
    emit(&["lex"], before + after);
    emit(&["lex+"], positive / 4.0);
    emit(&["lex-"], negative / 4.0);
    emit(&["rule"], m.rule);
    // The rules' score is within [-1, 1]: in halves, -2 to 2.
    emit(&["rule:", bin(m.rule * 2.0)], 1.0);
    for e in m.events {
        let role = if e.target { "ev:target:" } else { "ev:source:" };
        emit(&[role, e.kind, if e.negated { ":not" } else { "" }], 1.0);
    }
    if m.quoted {
        emit(&["quoted"], 1.0);
    }
    if m.speaks {
        emit(&["speaks"], 1.0);
    }
    // The marks next to it: a comma before an apposition, a quotation mark, a colon.
    let before_mark = m.chars[..start.min(m.chars.len())]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace())
        .filter(|c| !c.is_alphanumeric());
    let after_mark = m.chars[end.min(m.chars.len())..]
        .iter()
        .find(|c| !c.is_whitespace())
        .filter(|c| !c.is_alphanumeric());
    let mut mark = [0u8; 4];
    if let Some(c) = before_mark {
        emit(&["P<:", c.encode_utf8(&mut mark)], 1.0);
    }
    if let Some(c) = after_mark {
        emit(&["P>:", c.encode_utf8(&mut mark)], 1.0);
    }
    emit(&["people:", DIGITS[m.people.min(4)]], 1.0);
    let place = match first - lo {
        0 => "first",
        1..=3 => "early",
        _ => "later",
    };
    emit(&["place:", place], 1.0);
    emit(&["bias"], 1.0);
}

/// The probabilities of [`CLASSES`] for a mention under `model`.
pub fn probabilities(model: &Linear, m: &Mention) -> Option<[f32; 3]> {
    let mut input: Vec<(u32, f32)> = Vec::new();
    let mut any = false;
    for_each_feature(m, |feature, value| {
        any = true;
        if let Some(row) = model.row(feature) {
            input.push((row, value));
        }
    });
    if !any {
        return None;
    }
    let p = dateline_linear::softmax(&model.scores(&input), 1.0);
    Some([p[0], p[1], p[2]])
}

/// The entity's score in [-1, 1] from its classes' probabilities, such that an entity
/// reads as neutral (within 0.1 of zero) exactly when neutral is the likeliest class:
/// then it is `0.099 * (positive - negative)`; otherwise `±(0.1 + 0.9 * lead)`, the lead
/// being how far the likeliest class is ahead of the next.
///
/// ```
/// use dateline_tone::target::score;
///
/// assert!(score([0.1, 0.8, 0.1]).abs() < 0.1);
/// assert!(score([0.7, 0.2, 0.1]) < -0.5);
/// assert!(score([0.3, 0.3, 0.4]) >= 0.1);
/// ```
pub fn score(p: [f32; 3]) -> f32 {
    let [negative, neutral, positive] = p;
    if neutral >= negative && neutral >= positive {
        0.099 * (positive - negative)
    } else if positive > negative {
        0.1 + 0.9 * (positive - neutral.max(negative))
    } else {
        -(0.1 + 0.9 * (negative - neutral.max(positive)))
    }
}
