//! The topic classifier: how a text becomes words, the linear model over them, its text
//! file (what `cargo xtask train-topics` writes and the repository holds) and its image
//! (what `build.rs` makes of the file and the crate views in place). Also compiled into
//! the build script.

use dateline_mapped::strings::{Span, StrTable};
use dateline_mapped::{Image, ImageError, ImageWriter, Store};
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
const MAGIC: [u8; 8] = *b"DLTOPC01";

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

/// A linear classifier over words: per subject a bias and a weight per word; the scores
/// are a softmax at a temperature.
pub struct Model {
    /// Index into [`SUBJECTS`] of each of the model's classes.
    pub classes: Vec<usize>,
    /// How a text becomes the input.
    pub features: Features,
    /// Softmax temperature.
    pub temperature: f32,
    /// Bias per class.
    pub bias: Vec<f32>,
    /// Word to its row of weights (the row number in the span's `start`).
    words: StrTable,
    /// The words in row order, for writing the text file (empty in an image).
    vocabulary: Vec<String>,
    /// Weights, row-major: `weights[word * classes + class]`.
    weights: Store<f32>,
}

fn table(vocabulary: &[String]) -> StrTable {
    let mut table = StrTable::builder();
    for (i, word) in vocabulary.iter().enumerate() {
        table.insert(
            word,
            Span {
                start: i as u32,
                len: 0,
            },
        );
    }
    table.finish()
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
        assert_eq!(bias.len(), classes.len());
        assert_eq!(weights.len(), vocabulary.len() * classes.len());
        Model {
            classes,
            features,
            temperature,
            bias,
            words: table(&vocabulary),
            vocabulary,
            weights: Store::Owned(weights),
        }
    }

    /// Reads the model file: `#` comments, then `@classes`, `@features`, `@temperature`
    /// and `@bias` lines (a word never starts with `@`), then one `word<TAB>weights` line per word (in hundredths).
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut classes = Vec::new();
        let mut features = Features::LogCountsUnit;
        let mut temperature = 1.0;
        let mut bias = Vec::new();
        let mut vocabulary: Vec<String> = Vec::new();
        let mut weights = Vec::new();
        let numbers = |s: &str, line: usize| -> Result<Vec<f32>, String> {
            s.split(' ')
                .map(|x| x.parse::<f32>().map_err(|e| format!("line {line}: {e}")))
                .collect()
        };
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'))
        {
            let (key, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 1))?;
            match key {
                "@classes" => {
                    for code in value.split(' ') {
                        let i = SUBJECTS
                            .iter()
                            .position(|(c, _)| *c == code)
                            .ok_or_else(|| format!("line {}: unknown subject {code}", n + 1))?;
                        classes.push(i);
                    }
                }
                "@features" => {
                    features = match value {
                        "counts" => Features::Counts,
                        "log-counts-unit" => Features::LogCountsUnit,
                        other => return Err(format!("line {}: unknown features {other}", n + 1)),
                    }
                }
                "@temperature" => temperature = numbers(value, n + 1)?[0],
                "@bias" => bias = numbers(value, n + 1)?,
                word => {
                    // Word weights are whole hundredths, to keep the file small.
                    let row: Vec<f32> = numbers(value, n + 1)?.iter().map(|w| w / 100.0).collect();
                    if row.len() != classes.len() {
                        return Err(format!(
                            "line {}: {} weights for {} classes",
                            n + 1,
                            row.len(),
                            classes.len()
                        ));
                    }
                    vocabulary.push(word.to_string());
                    weights.extend(row);
                }
            }
        }
        if classes.is_empty() || bias.len() != classes.len() {
            return Err("no classes, or a bias per class missing".into());
        }
        Ok(Model::new(
            classes,
            features,
            temperature,
            bias,
            vocabulary,
            weights,
        ))
    }

    /// The model as an image (see `dateline-mapped`): what `build.rs` compiles in.
    pub fn to_image(&self) -> Vec<u8> {
        let mut w = ImageWriter::new(MAGIC);
        w.u64(self.classes.len() as u64);
        let classes: Vec<u32> = self.classes.iter().map(|&c| c as u32).collect();
        w.slice(&classes);
        w.u32(match self.features {
            Features::Counts => 0,
            Features::LogCountsUnit => 1,
        });
        w.u32(self.temperature.to_bits());
        w.slice(&self.bias);
        self.words.write(&mut w);
        w.u64(self.weights.len() as u64);
        w.slice(&self.weights);
        w.finish()
    }

    /// Views a model image made by [`Model::to_image`].
    pub fn from_image(image: &'static [u8]) -> Result<Model, ImageError> {
        let image = Image::open(image, MAGIC)?;
        let mut r = image.reader();
        let n = r.u64()? as usize;
        let classes: Vec<usize> = r.slice::<u32>(n)?.iter().map(|&c| c as usize).collect();
        if classes.iter().any(|&c| c >= SUBJECTS.len()) {
            return Err(ImageError::Corrupt("a class outside the subjects"));
        }
        let features = match r.u32()? {
            0 => Features::Counts,
            _ => Features::LogCountsUnit,
        };
        let temperature = f32::from_bits(r.u32()?);
        let bias = r.slice::<f32>(n)?.to_vec();
        let words = StrTable::read(&mut r)?;
        let n_weights = r.u64()? as usize;
        let weights = Store::Mapped(r.slice::<f32>(n_weights)?);
        Ok(Model {
            classes,
            features,
            temperature,
            bias,
            words,
            vocabulary: Vec::new(),
            weights,
        })
    }

    /// The model's input for a text: (word index, value) pairs, by word index.
    pub fn input(&self, texts: &[&str]) -> Vec<(u32, f32)> {
        let mut counts: FxHashMap<u32, f32> = FxHashMap::default();
        for text in texts {
            for_each_word(text, |w| {
                if let Some(span) = self.words.get(w) {
                    *counts.entry(span.start).or_default() += 1.0;
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
        let c = self.classes.len();
        let mut scores = self.bias.clone();
        for &(i, x) in input {
            let row = &self.weights[i as usize * c..(i as usize + 1) * c];
            for (s, w) in scores.iter_mut().zip(row) {
                *s += x * w;
            }
        }
        scores
    }

    /// The probability of each class for an input (softmax at the model's temperature).
    pub fn probabilities(&self, input: &[(u32, f32)]) -> Vec<f32> {
        let scores = self.scores(input);
        let top = scores.iter().cloned().fold(f32::MIN, f32::max);
        let exp: Vec<f32> = scores
            .iter()
            .map(|s| ((s - top) / self.temperature).exp())
            .collect();
        let total: f32 = exp.iter().sum();
        exp.iter().map(|e| e / total).collect()
    }

    /// The model's vocabulary size.
    pub fn words(&self) -> usize {
        self.weights.len() / self.classes.len().max(1)
    }

    /// Writes the model file (the inverse of [`Model::parse`]), with `header` lines as
    /// comments first.
    pub fn to_text(&self, header: &[String]) -> String {
        let mut out = String::new();
        for line in header {
            out.push_str(&format!("# {line}\n"));
        }
        let classes: Vec<&str> = self.classes.iter().map(|&i| SUBJECTS[i].0).collect();
        out.push_str(&format!("@classes\t{}\n", classes.join(" ")));
        out.push_str(match self.features {
            Features::Counts => "@features\tcounts\n",
            Features::LogCountsUnit => "@features\tlog-counts-unit\n",
        });
        out.push_str(&format!("@temperature\t{}\n", self.temperature));
        out.push_str(&format!("@bias\t{}\n", join(&self.bias)));
        let c = self.classes.len();
        for (i, word) in self.vocabulary.iter().enumerate() {
            let row = &self.weights[i * c..(i + 1) * c];
            let hundredths: Vec<String> = row
                .iter()
                .map(|w| ((w * 100.0).round() as i32).to_string())
                .collect();
            out.push_str(&format!("{word}\t{}\n", hundredths.join(" ")));
        }
        out
    }
}

fn join(values: &[f32]) -> String {
    values
        .iter()
        .map(|v| {
            let s = format!("{v:.3}");
            if s == "-0.000" {
                "0.000".to_string()
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
