//! The shipped word valences (`data/lexicon.tsv`, built by `cargo xtask lexicon`) and the
//! small closed classes of words that change them: negators, intensifiers, softeners.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Word valences on VADER's scale, -4 (very negative) to 4 (very positive).
pub struct Lexicon {
    valences: FxHashMap<&'static str, f32>,
}

static SHIPPED: OnceLock<Lexicon> = OnceLock::new();

impl Lexicon {
    /// The lexicon compiled into Dateline, read on first use and shared by every thread.
    pub fn shipped() -> &'static Lexicon {
        SHIPPED.get_or_init(|| Lexicon::parse(include_str!("../data/lexicon.tsv")))
    }

    /// Reads `word<TAB>valence` lines; `#` lines are comments.
    pub fn parse(text: &'static str) -> Lexicon {
        let mut valences = FxHashMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            if let Some((word, valence)) = line.split_once('\t')
                && let Ok(valence) = valence.parse::<f32>()
            {
                valences.insert(word, valence);
            }
        }
        Lexicon { valences }
    }

    /// The valence of a lowercase word, if it is polar.
    pub fn valence(&self, word: &str) -> Option<f32> {
        self.valences.get(word).copied()
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
