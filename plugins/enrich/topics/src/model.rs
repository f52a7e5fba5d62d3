//! The topic classifier: how a text becomes words, the linear model over them, its text
//! file (what `cargo xtask train-topics` writes and the repository holds) and its image
//! (what `build.rs` makes of the file and the crate views in place). Also compiled into
//! the build script.

use dateline_linear::{Linear, softmax};
use dateline_mapped::ImageError;
use rustc_hash::FxHashMap;

/// The IPTC Media Topics top level: code and English label.
pub const SUBJECTS: [(&str, &str); 17] = [
    ("medtop:01000000", "arts, culture, entertainment and media"),
    ("medtop:02000000", "crime, law and justice"),
    (
        "medtop:03000000",
        "disaster, accident and emergency incident",
    ),
    ("medtop:04000000", "economy, business and finance"),
    ("medtop:05000000", "education"),
    ("medtop:06000000", "environment"),
    ("medtop:07000000", "health"),
    ("medtop:08000000", "human interest"),
    ("medtop:09000000", "labour"),
    ("medtop:10000000", "lifestyle and leisure"),
    ("medtop:11000000", "politics"),
    ("medtop:12000000", "religion"),
    ("medtop:13000000", "science and technology"),
    ("medtop:14000000", "society"),
    ("medtop:15000000", "sport"),
    ("medtop:16000000", "conflict, war and peace"),
    ("medtop:17000000", "weather"),
];

/// The image's magic: which data, which version of its layout.
pub(crate) const MAGIC: [u8; 8] = *b"DLTOPC02";

/// Words too common to say what a text is about, in sorted order (searched by halving,
/// once per word of every text).
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "last", "may", "more",
    "most", "mr", "mrs", "ms", "new", "no", "not", "now", "of", "on", "one", "or", "other", "our",
    "out", "over", "said", "says", "she", "should", "so", "some", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "two", "up", "us", "was",
    "we", "were", "what", "when", "which", "who", "will", "with", "would", "year", "years", "you",
];

/// The words of a text as the classifier sees them: lowercase runs of letters, two or more
/// long, stopwords left out. `f` is called with each.
pub fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if word.len() >= 2 && STOPWORDS.binary_search(&word.as_str()).is_err() {
            f(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else if !(c == '\'' || c == '’') || word.is_empty() {
            flush(&mut word);
        }
    }
    flush(&mut word);
}

/// How a text becomes the classifier's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Features {
    /// How often each word occurs (a naive Bayes model's input).
    Counts,
    /// `1 + ln(count)` per word, the vector scaled to length 1 (a linear model's input).
    LogCountsUnit,
}

/// A linear classifier over words (see `dateline-linear`), its classes IPTC subjects; the
/// scores are a softmax at a temperature.
pub struct Model {
    /// Index into [`SUBJECTS`] of each of the model's classes.
    pub classes: Vec<usize>,
    /// How a text becomes the input.
    pub features: Features,
    /// Softmax temperature.
    pub temperature: f32,
    /// The weights, with the subjects' codes as class names.
    linear: Linear,
}

impl Model {
    /// Builds a model from its parts (the trainer's side).
    pub fn new(
        classes: Vec<usize>,
        features: Features,
        temperature: f32,
        bias: Vec<f32>,
        vocabulary: Vec<String>,
        weights: Vec<f32>,
    ) -> Model {
        let names = classes.iter().map(|&i| SUBJECTS[i].0.to_string()).collect();
        let options = vec![
            (
                "features".to_string(),
                match features {
                    Features::Counts => "counts",
                    Features::LogCountsUnit => "log-counts-unit",
                }
                .to_string(),
            ),
            ("temperature".to_string(), temperature.to_string()),
        ];
        Model {
            classes,
            features,
            temperature,
            linear: Linear::new(names, options, bias, vocabulary, weights),
        }
    }

    /// The model's own reading of a generic linear model: subjects, features, temperature.
    fn from_linear(linear: Linear) -> Result<Model, String> {
        let classes = linear
            .classes
            .iter()
            .map(|code| {
                SUBJECTS
                    .iter()
                    .position(|(c, _)| c == code)
                    .ok_or_else(|| format!("unknown subject {code}"))
            })
            .collect::<Result<Vec<usize>, String>>()?;
        let features = match linear.option("features").unwrap_or("log-counts-unit") {
            "counts" => Features::Counts,
            "log-counts-unit" => Features::LogCountsUnit,
            other => return Err(format!("unknown features {other}")),
        };
        let temperature = linear
            .option("temperature")
            .unwrap_or("1")
            .parse::<f32>()
            .map_err(|e| format!("temperature: {e}"))?;
        Ok(Model {
            classes,
            features,
            temperature,
            linear,
        })
    }

    /// Reads the model file: `#` comments, then `@classes` (IPTC codes), `@features`,
    /// `@temperature` and `@bias` lines, then one `word<TAB>weights` line per word (in
    /// hundredths); see `dateline-linear`.
    pub fn parse(text: &str) -> Result<Model, String> {
        Model::from_linear(Linear::parse(text)?)
    }

    /// The model as an image (see `dateline-mapped`): what `build.rs` compiles in.
    pub fn to_image(&self) -> Vec<u8> {
        self.linear.to_image(MAGIC)
    }

    /// Views a model image made by [`Model::to_image`].
    pub fn from_image(image: &'static [u8]) -> Result<Model, ImageError> {
        let linear = Linear::from_image(image, MAGIC)?;
        Model::from_linear(linear)
            .map_err(|_| ImageError::Corrupt("classes or options not a topic model's"))
    }

    /// The model's input for a text: (word index, value) pairs, by word index.
    pub fn input(&self, texts: &[&str]) -> Vec<(u32, f32)> {
        let mut counts: FxHashMap<u32, f32> = FxHashMap::default();
        for text in texts {
            for_each_word(text, |w| {
                if let Some(row) = self.linear.row(w) {
                    *counts.entry(row).or_default() += 1.0;
                }
            });
        }
        let mut input: Vec<(u32, f32)> = counts.into_iter().collect();
        input.sort_unstable_by_key(|&(i, _)| i);
        if self.features == Features::LogCountsUnit {
            for (_, x) in input.iter_mut() {
                *x = 1.0 + x.ln();
            }
            let norm = input.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                input.iter_mut().for_each(|(_, x)| *x /= norm);
            }
        }
        input
    }

    /// The raw score of each class for an input.
    pub fn scores(&self, input: &[(u32, f32)]) -> Vec<f32> {
        self.linear.scores(input)
    }

    /// The probability of each class for an input (softmax at the model's temperature).
    pub fn probabilities(&self, input: &[(u32, f32)]) -> Vec<f32> {
        softmax(&self.scores(input), self.temperature)
    }

    /// The model's vocabulary size.
    pub fn words(&self) -> usize {
        self.linear.features()
    }

    /// Writes the model file (the inverse of [`Model::parse`]), with `header` lines as
    /// comments first.
    pub fn to_text(&self, header: &[String]) -> String {
        self.linear.to_text(header)
    }
}
