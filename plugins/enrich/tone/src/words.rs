//! Reading a text into words and the valence each has in its context.

use crate::lexicon::{Lexicon, Shifter, shifter};

/// How the context changes a polar word's valence. The defaults are what `cargo xtask eval
/// tone` measured best on the tuning data (see the crate's docs).
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// A negated word's valence is multiplied by minus this.
    pub negation: f32,
    /// How many words after a negator it reaches (within its clause).
    pub negation_reach: u8,
    /// Words before a contrast ("but") in their sentence are multiplied by this...
    pub before_contrast: f32,
    /// ...and words after it by this.
    pub after_contrast: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            negation: 0.6,
            negation_reach: 3,
            before_contrast: 0.6,
            after_contrast: 1.3,
        }
    }
}

/// A word of a text: code point range, the sentence it is in, and its valence in context
/// (0 when it is not polar).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word {
    /// Start, in code points.
    pub start: usize,
    /// End, exclusive, in code points.
    pub end: usize,
    /// Index of its sentence in the text.
    pub sentence: u32,
    /// Valence after negation, intensifiers and contrast; 0 when not polar.
    pub valence: f32,
}

/// The words of `text` (letters, digits and inner apostrophes), each with its valence in
/// context. Shifters ("not", "very", "but") are words too, with valence 0.
///
/// ```
/// use dateline_tone::lexicon::Lexicon;
/// use dateline_tone::words::{Weights, read};
///
/// let lexicon = Lexicon::shipped();
/// let plain = read("The plan is good.", lexicon, &Weights::default());
/// let negated = read("The plan is not good.", lexicon, &Weights::default());
/// assert!(plain.iter().map(|w| w.valence).sum::<f32>() > 0.0);
/// assert!(negated.iter().map(|w| w.valence).sum::<f32>() < 0.0);
/// ```
pub fn read(text: &str, lexicon: &Lexicon, weights: &Weights) -> Vec<Word> {
    let mut words = Vec::new();
    let mut lower = String::new();
    let mut sentence = 0u32;
    let mut sentence_start = 0usize; // index in `words`
    let mut contrast: Option<usize> = None;
    let mut negation_left = 0u8;
    let mut scale = 1.0f32;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let end_sentence = |words: &mut Vec<Word>, from: usize, contrast: Option<usize>| {
        if let Some(c) = contrast {
            for (k, w) in words[from..].iter_mut().enumerate() {
                w.valence *= if from + k < c {
                    weights.before_contrast
                } else {
                    weights.after_contrast
                };
            }
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() {
            let start = i;
            lower.clear();
            while i < chars.len() {
                let c = chars[i];
                if c.is_alphanumeric() {
                    if c.is_ascii() {
                        lower.push(c.to_ascii_lowercase());
                    } else {
                        lower.extend(c.to_lowercase());
                    }
                    i += 1;
                } else if matches!(c, '\'' | '’')
                    && chars.get(i + 1).is_some_and(|n| n.is_alphabetic())
                {
                    lower.push('\'');
                    i += 1;
                } else {
                    break;
                }
            }
            let mut valence = 0.0;
            match shifter(&lower) {
                Some(Shifter::Negator) => negation_left = weights.negation_reach + 1,
                Some(Shifter::Scale(s)) => scale = s,
                Some(Shifter::Contrast) => {
                    if contrast.is_none() && words.len() > sentence_start {
                        contrast = Some(words.len());
                    }
                }
                None => {
                    if let Some(v) = lexicon.valence(&lower) {
                        valence = v * scale;
                        if negation_left > 0 {
                            valence *= -weights.negation;
                        }
                    }
                    scale = 1.0;
                }
            }
            negation_left = negation_left.saturating_sub(1);
            words.push(Word {
                start,
                end: i,
                sentence,
                valence,
            });
            continue;
        }
        match c {
            '.' | '!' | '?' | '\n' => {
                // A full stop inside a number or an abbreviation's letters does not end it.
                let next = chars.get(i + 1);
                let ends = c != '.' || next.is_none_or(|n| n.is_whitespace() || *n == '"');
                if ends && words.len() > sentence_start {
                    end_sentence(&mut words, sentence_start, contrast);
                    sentence += 1;
                    sentence_start = words.len();
                    contrast = None;
                    negation_left = 0;
                    scale = 1.0;
                }
            }
            ',' | ';' | ':' | '(' | ')' | '—' | '–' => {
                negation_left = 0;
                scale = 1.0;
            }
            _ => {}
        }
        i += 1;
    }
    end_sentence(&mut words, sentence_start, contrast);
    words
}
