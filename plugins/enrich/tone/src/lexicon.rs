//! The shipped word valences (`data/lexicon.tsv`, built by `cargo xtask lexicon`) and the
//! small closed classes of words that change them: negators, intensifiers, softeners.

use std::sync::OnceLock;

use dateline_mapped::strings::StrTable;
use dateline_mapped::{Image, ImageError, Store};

#[path = "lexicon_image.rs"]
mod image;

/// Word valences on VADER's scale, -4 (very negative) to 4 (very positive).
pub struct Lexicon {
    words: StrTable,
    valences: Store<f32>,
}

static SHIPPED: OnceLock<Lexicon> = OnceLock::new();

/// `data/lexicon.tsv` as the build script wrote it (`lexicon_image.rs`).
static IMAGE: &[u8] = dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/lexicon.image"));

impl Lexicon {
    /// The lexicon compiled into Dateline, viewed in place the first time it is asked for
    /// and shared by every thread.
    pub fn shipped() -> &'static Lexicon {
        SHIPPED.get_or_init(|| {
            Lexicon::from_image(dateline_mapped::place(IMAGE))
                .unwrap_or_else(|e| panic!("the compiled-in tone lexicon: {e}"))
        })
    }

    /// Reads `word<TAB>valence` lines; `#` lines are comments.
    pub fn parse(text: &str) -> Lexicon {
        let (words, valences) = image::build(text);
        Lexicon {
            words,
            valences: Store::Owned(valences),
        }
    }

    /// Views a lexicon image (see `lexicon_image.rs`).
    fn from_image(bytes: &'static [u8]) -> Result<Lexicon, ImageError> {
        let mut r = Image::open(bytes, image::MAGIC)?.reader();
        let words = StrTable::read(&mut r)?;
        let n = r.u64()? as usize;
        Ok(Lexicon {
            words,
            valences: Store::Mapped(r.slice(n)?),
        })
    }

    /// The valence of a lowercase word, if it is polar.
    pub fn valence(&self, word: &str) -> Option<f32> {
        let row = self.words.get(word)?.start as usize;
        self.valences.get(row).copied()
    }

    /// How many words it rates.
    pub fn len(&self) -> usize {
        self.valences.len()
    }

    /// Whether it rates no word.
    pub fn is_empty(&self) -> bool {
        self.valences.is_empty()
    }
}

/// What a lowercase word does to the polar words after it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shifter {
    /// Turns them around ("not", "never", "didn't").
    Negator,
    /// Scales the next word ("very" 1.3, "slightly" 0.6).
    Scale(f32),
    /// Opens a contrast: what follows weighs more than what came before ("but").
    Contrast,
}

/// The shifter a lowercase word is, if any.
pub fn shifter(word: &str) -> Option<Shifter> {
    Some(match word {
        "not" | "no" | "never" | "none" | "nobody" | "nothing" | "neither" | "nor" | "without"
        | "cannot" | "cant" | "dont" | "doesnt" | "didnt" | "isnt" | "wasnt" | "arent"
        | "werent" | "wont" | "wouldnt" | "couldnt" | "shouldnt" | "hasnt" | "havent" | "hadnt"
        | "nowhere" | "lack" | "lacks" | "lacked" | "hardly" | "scarcely" => Shifter::Negator,
        w if w.ends_with("n't") => Shifter::Negator,
        "very" | "extremely" | "highly" | "deeply" | "really" | "so" | "too" | "most"
        | "totally" | "utterly" | "absolutely" | "incredibly" | "hugely" | "seriously"
        | "severely" | "greatly" | "particularly" | "especially" | "exceptionally"
        | "remarkably" | "completely" | "entirely" | "truly" | "enormously" | "massively"
        | "tremendously" | "strongly" | "sharply" | "dramatically" | "increasingly" => {
            Shifter::Scale(1.3)
        }
        "slightly" | "somewhat" | "barely" | "marginally" | "partly" | "fairly" | "rather"
        | "mildly" | "moderately" | "relatively" | "almost" => Shifter::Scale(0.6),
        "but" | "however" | "yet" | "although" | "though" => Shifter::Contrast,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = include_str!("../data/lexicon.tsv");

    #[test]
    fn the_compiled_image_is_the_committed_text() {
        // Written from today's text, byte for byte: a stale or corrupt image fails here.
        assert_eq!(IMAGE, image::write(TEXT).as_slice());
        Image::open(IMAGE, image::MAGIC).unwrap().verify().unwrap();
        let shipped = Lexicon::shipped();
        let entries: Vec<(&str, f32)> = image::entries(TEXT).collect();
        assert!(entries.len() > 7000, "{} entries", entries.len());
        for (word, valence) in entries {
            assert_eq!(shipped.valence(word), Some(valence), "{word}");
        }
        assert_eq!(shipped.valence("no such word"), None);
    }

    #[test]
    fn a_parsed_lexicon_reads_like_the_text() {
        let lexicon = Lexicon::parse("# a comment\nbad\t-2.5\ngood\t1.9\nnumberless\nbad\t-3\n");
        assert_eq!(lexicon.len(), 2);
        assert_eq!(lexicon.valence("good"), Some(1.9));
        assert_eq!(
            lexicon.valence("bad"),
            Some(-3.0),
            "the last of a repeated word"
        );
        assert_eq!(lexicon.valence("numberless"), None);
        assert_eq!(lexicon.valence("# a comment"), None);
    }
}
