//! The tagger's view of a word: hashed features of its form, shape, affixes and
//! context, of the gazetteer and of the rest of the document.
//!
//! Features are never built as strings: each is a 64-bit hash of a template number and
//! the bytes it reads, so extracting them allocates nothing.

use rustc_hash::FxHashMap as HashMap;

/// A word of a sentence as the tagger reads it.
#[derive(Debug, Clone, Default)]
pub struct Word {
    /// The word as written, curly quotes and apostrophes straightened.
    pub form: String,
    /// Lowercase form, digits folded to '0'.
    pub lower: String,
    /// Gazetteer classes of the word (bit set of [`Lexicon`] flags, with position).
    pub lexicon: u16,
    /// The word's cluster path, when the word clusters know it.
    pub cluster: Option<&'static str>,
}

impl Word {
    /// Reads one token.
    pub fn new(text: &str) -> Word {
        let form: String = text
            .chars()
            .map(|c| match c {
                '’' | '‘' | '`' => '\'',
                '“' | '”' | '„' => '"',
                '–' | '—' => '-',
                c => c,
            })
            .collect();
        let lower = form
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
        Word {
            form,
            lower,
            lexicon: 0,
            cluster: None,
        }
    }
}

/// Gazetteer classes, as bits of [`Word::lexicon`].
pub struct Lexicon;

impl Lexicon {
    /// First word of a place name.
    pub const PLACE_BEGIN: u16 = 1;
    /// Later word of a place name.
    pub const PLACE_INSIDE: u16 = 2;
    /// A title, rank or honorific ("Gen.", "President").
    pub const TITLE: u16 = 4;
    /// A word that ends organization names ("Corp", "Ministry", "Party").
    pub const ORG_WORD: u16 = 8;
    /// A country name or a nationality.
    pub const COUNTRY: u16 = 16;
    /// A word of a nation's name that the tagger learned without ("Wales", see
    /// `Places::for_tagger`): no feature, but the rules that keep a country's name a
    /// place read it.
    pub const NATION: u16 = 32;
    /// The bits the tagger's features read.
    pub const FEATURES: u16 =
        Self::PLACE_BEGIN | Self::PLACE_INSIDE | Self::TITLE | Self::ORG_WORD | Self::COUNTRY;
}

/// What the rest of a document says about a word (by its lowercase form).
#[derive(Debug, Default)]
pub struct DocumentMemory {
    seen: HashMap<String, u8>,
    /// Per sentence, whether it is in capitals ([`is_shouting`]), read once.
    shouting: Vec<bool>,
}

const SEEN_CAPITALIZED_INSIDE: u8 = 1;
const SEEN_LOWERCASE: u8 = 2;

impl DocumentMemory {
    /// Learns from the sentences of a document.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [Word]>) -> DocumentMemory {
        let mut seen: HashMap<String, u8> = HashMap::default();
        let mut shouting_sentences = Vec::new();
        for sentence in sentences {
            let shouting = is_shouting(sentence);
            shouting_sentences.push(shouting);
            for (i, word) in sentence.iter().enumerate() {
                let first = word.form.chars().next();
                let flag = match first {
                    Some(c) if c.is_lowercase() => SEEN_LOWERCASE,
                    Some(c)
                        if c.is_uppercase() && i > 0 && !shouting && !after_quote(sentence, i) =>
                    {
                        SEEN_CAPITALIZED_INSIDE
                    }
                    _ => 0,
                };
                if flag != 0 {
                    *seen.entry(word.lower.clone()).or_default() |= flag;
                }
            }
        }
        DocumentMemory {
            seen,
            shouting: shouting_sentences,
        }
    }

    /// Whether the document's sentence `index` is in capitals.
    pub(crate) fn shouting(&self, index: usize) -> bool {
        self.shouting.get(index).copied().unwrap_or(false)
    }

    /// Whether the document writes the word (lower case given) in lower case somewhere.
    pub(crate) fn seen_lowercase(&self, lower: &str) -> bool {
        self.flags(lower) & SEEN_LOWERCASE != 0
    }

    /// Whether the document capitalizes the word (lower case given) inside a sentence.
    pub(crate) fn seen_capitalized_inside(&self, lower: &str) -> bool {
        self.flags(lower) & SEEN_CAPITALIZED_INSIDE != 0
    }

    /// Whether the document writes the word (lower case given) in lower case and never
    /// capitalized inside a sentence.
    pub fn only_lowercase(&self, lower: &str) -> bool {
        self.flags(lower) == SEEN_LOWERCASE
    }

    /// What the document says of the word (lower case given): bit flags.
    pub fn flags(&self, lower: &str) -> u8 {
        self.seen.get(lower).copied().unwrap_or(0)
    }
}

/// Whether word `i` follows an opening mark (a quotation mark, a parenthesis, a colon,
/// a dash): a capital there says nothing of a name.
pub fn after_quote(sentence: &[Word], i: usize) -> bool {
    i > 0 && matches!(sentence[i - 1].form.as_str(), "\"" | "'" | "(" | ":" | "-")
}

/// Whether a sentence is in capitals (a headline, a wire slug).
pub fn is_shouting(sentence: &[Word]) -> bool {
    // In capitals when nine letters in ten are: at most one in ten is not. The sentence
    // has no more letters than bytes, so once more than a tenth of its bytes are letters
    // that are not capitals, no later letter can make it so.
    let bytes: usize = sentence.iter().map(|w| w.form.len()).sum();
    let mut letters = 0;
    let mut not_upper = 0;
    for word in sentence {
        for c in word.form.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            if !c.is_uppercase() {
                not_upper += 1;
                if not_upper * 10 > bytes {
                    return false;
                }
            }
        }
    }
    letters >= 6 && not_upper * 10 <= letters
}

/// The shape of a word: "Xx" for "Bagheri", "X.X." for "U.S.", "d" for "2024", "x-Xx"
/// for "al-Assad": runs of one character class collapsed.
pub fn shape(word: &str, out: &mut Vec<u8>) {
    out.clear();
    for c in word.chars() {
        let class = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if out.last() != Some(&class) {
            out.push(class);
        }
    }
}

/// A feature's hash, built up from a template number and the bytes it reads.
#[derive(Clone, Copy)]
pub struct FeatureHash(u64);

impl FeatureHash {
    /// Starts a feature of `template`.
    pub fn new(template: u8) -> FeatureHash {
        FeatureHash(0xcbf2_9ce4_8422_2325 ^ u64::from(template).wrapping_mul(0x100_0000_01b3))
    }

    /// Adds bytes.
    pub fn bytes(mut self, bytes: &[u8]) -> FeatureHash {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x100_0000_01b3);
        self
    }

    /// Adds a small number.
    pub fn number(self, n: u64) -> FeatureHash {
        self.bytes(&n.to_le_bytes())
    }

    /// The final 32-bit key, well mixed.
    pub fn key(self) -> u32 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^= x >> 33;
        x as u32
    }
}

/// Suffix or prefix of up to `n` characters.
pub(crate) fn suffix(word: &str, n: usize) -> &str {
    match word.char_indices().rev().nth(n - 1) {
        Some((i, _)) => &word[i..],
        None => word,
    }
}

pub(crate) fn prefix(word: &str, n: usize) -> &str {
    match word.char_indices().nth(n) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

/// The label-independent features of word `i` of `sentence`, appended to `out` as keys.
pub fn observe(
    sentence: &[Word],
    i: usize,
    memory: &DocumentMemory,
    shouting: bool,
    out: &mut Vec<u32>,
) {
    let mut scratch = Vec::with_capacity(16);
    let word = &sentence[i];
    let at = |k: isize| -> Option<&Word> {
        let j = i as isize + k;
        (j >= 0).then(|| sentence.get(j as usize)).flatten()
    };
    let lower_at =
        |k: isize| at(k).map_or(if k < 0 { "<s>" } else { "</s>" }, |w| w.lower.as_str());
    let form = word.form.as_str();
    let lower = word.lower.as_str();
    let push = |out: &mut Vec<u32>, f: FeatureHash| out.push(f.key());

    push(out, FeatureHash::new(0));
    push(out, FeatureHash::new(1).bytes(lower.as_bytes()));
    push(out, FeatureHash::new(2).bytes(form.as_bytes()));
    for n in 1..=4 {
        push(
            out,
            FeatureHash::new(3)
                .number(n as u64)
                .bytes(suffix(lower, n).as_bytes()),
        );
    }
    for n in 1..=3 {
        push(
            out,
            FeatureHash::new(4)
                .number(n as u64)
                .bytes(prefix(lower, n).as_bytes()),
        );
    }
    shape(form, &mut scratch);
    let own_shape = scratch.clone();
    push(out, FeatureHash::new(5).bytes(&own_shape));
    let first_upper = form.chars().next().is_some_and(char::is_uppercase);
    let position = match i {
        0 => 0u8,
        _ if after_quote(sentence, i) => 1,
        _ => 2,
    };
    push(
        out,
        FeatureHash::new(6)
            .number(u64::from(position) * 2 + u64::from(first_upper))
            .number(u64::from(shouting)),
    );
    push(out, FeatureHash::new(7).bytes(lower_at(-1).as_bytes()));
    push(out, FeatureHash::new(8).bytes(lower_at(1).as_bytes()));
    push(out, FeatureHash::new(9).bytes(lower_at(-2).as_bytes()));
    push(out, FeatureHash::new(10).bytes(lower_at(2).as_bytes()));
    push(
        out,
        FeatureHash::new(11)
            .bytes(lower_at(-1).as_bytes())
            .bytes(lower.as_bytes()),
    );
    push(
        out,
        FeatureHash::new(12)
            .bytes(lower.as_bytes())
            .bytes(lower_at(1).as_bytes()),
    );
    let shape_at = |k: isize, scratch: &mut Vec<u8>| match at(k) {
        Some(w) => shape(&w.form, scratch),
        None => {
            scratch.clear();
            scratch.push(b'_');
        }
    };
    shape_at(-1, &mut scratch);
    push(out, FeatureHash::new(13).bytes(&scratch).bytes(&own_shape));
    shape_at(1, &mut scratch);
    push(out, FeatureHash::new(14).bytes(&own_shape).bytes(&scratch));
    // Suffix of the neighbours: "-ian", "-ese" before a noun, "Corp" after a name.
    push(
        out,
        FeatureHash::new(15).bytes(suffix(lower_at(-1), 3).as_bytes()),
    );
    push(
        out,
        FeatureHash::new(16).bytes(suffix(lower_at(1), 3).as_bytes()),
    );
    // Gazetteer classes of the word and its neighbours.
    let lexicon = |w: &Word| u64::from(w.lexicon & Lexicon::FEATURES);
    push(out, FeatureHash::new(17).number(lexicon(word)));
    push(out, FeatureHash::new(18).number(at(-1).map_or(0, lexicon)));
    push(out, FeatureHash::new(19).number(at(1).map_or(0, lexicon)));
    push(
        out,
        FeatureHash::new(20)
            .number(lexicon(word))
            .number(u64::from(first_upper)),
    );
    // What the rest of the document says: a capitalized first word that appears
    // capitalized mid-sentence elsewhere is likely a name.
    push(
        out,
        FeatureHash::new(21)
            .number(u64::from(memory.flags(lower)))
            .number(u64::from(first_upper))
            .number(u64::from(position == 0 || shouting)),
    );
    // Hyphenated words: their parts ("Tehreek-e-Insaf", "German-born").
    if let Some((head, tail)) = lower.split_once('-') {
        push(out, FeatureHash::new(22).bytes(head.as_bytes()));
        push(
            out,
            FeatureHash::new(23).bytes(tail.rsplit('-').next().unwrap_or(tail).as_bytes()),
        );
    }
    // Word clusters learned from unlabelled news, at several depths.
    // The word's own cluster at four depths, its neighbours' at one: most of the gain
    // at half the lookups.
    for (template, k, depths) in [
        (24u8, 0isize, &[4, 8, 12, 16][..]),
        (25, -1, &[8][..]),
        (26, 1, &[8][..]),
    ] {
        if let Some(path) = at(k).and_then(|w| w.cluster) {
            for &depth in depths {
                let d = depth.min(path.len());
                push(
                    out,
                    FeatureHash::new(template)
                        .number(depth as u64)
                        .bytes(&path.as_bytes()[..d]),
                );
            }
        }
    }
}

/// The features that read the labels already chosen for the two previous words.
pub fn history(prev: u8, prev2: u8, word: &Word, out: &mut Vec<u32>) {
    out.push(FeatureHash::new(40).number(u64::from(prev)).key());
    out.push(
        FeatureHash::new(41)
            .number(u64::from(prev))
            .number(u64::from(prev2))
            .key(),
    );
    out.push(
        FeatureHash::new(42)
            .number(u64::from(prev))
            .bytes(word.lower.as_bytes())
            .key(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The early exit gives the answer of counting every letter.
    #[test]
    fn a_sentence_in_capitals_is_told_as_counting_all_letters_tells_it() {
        let counted = |sentence: &[Word]| {
            let letters: Vec<char> = sentence
                .iter()
                .flat_map(|w| w.form.chars())
                .filter(|c| c.is_alphabetic())
                .collect();
            let upper = letters.iter().filter(|c| c.is_uppercase()).count();
            letters.len() >= 6 && upper * 10 >= letters.len() * 9
        };
        for text in [
            "SOCCER - BARATELLI TO COACH NICE .",
            "SOCCER - LENTINI MOVES TO ATALANTA , says AFP",
            "ROMANIA COMELF H1 PROFIT RISE BELOW TARGET .",
            "ÉTÉ À PARIS : LES PRIX MONTENT",
            "Rotor are well placed .",
            "UN says x",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ a",
            "ABCDEFGHIJKLMNOPQRSTU ab",
            "NO",
            "",
        ] {
            let sentence: Vec<Word> = text.split_whitespace().map(Word::new).collect();
            assert_eq!(is_shouting(&sentence), counted(&sentence), "{text}");
        }
    }
}
