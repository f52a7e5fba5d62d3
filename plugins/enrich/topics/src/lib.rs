//! # dateline-topics
//!
//! The `topics` enricher: what an article is about, as scores over the 17 top-level
//! subjects of IPTC Media Topics (politics; conflict, war and peace; economy, business and
//! finance; ...). A linear classifier over the words of the headline, the summary and the
//! body, trained by `cargo xtask train-topics` (which compares model families and says how
//! its training data is labelled) and compiled in from `model/topics.tsv`.
//!
//! The record's `topics` holds every subject scoring at least [`MIN_SCORE`], best first,
//! and always the best one.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_topics::{Model, classify};
//!
//! let mut doc = Document::new(Source::new("example.txt", 0, "text"));
//! doc.headline = Some("Striker scores twice as champions win the cup final".into());
//! doc.body = "The coach praised his players after the match in front of 60,000 fans.".into();
//! classify(&mut doc, Model::shipped());
//! assert_eq!(doc.topics[0].label, "sport");
//! ```

#![warn(missing_docs)]

use std::sync::OnceLock;

use dateline_core::{
    Document, Enrich, Host, Kind, NoConfig, Plugin, PluginError, PluginInfo, Topic,
};
use rustc_hash::FxHashMap;

/// The plugin's name in pipelines.
pub const NAME: &str = "topics";

/// The least score of a subject listed after the best one.
pub const MIN_SCORE: f64 = 0.15;

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

/// Words too common to say what a text is about.
const STOPWORDS: &[&str] = &[
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
        if word.len() >= 2 && !STOPWORDS.contains(&word.as_str()) {
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
    words: FxHashMap<String, u32>,
    /// Weights, row-major: `weights[word * classes + class]`.
    weights: Vec<f32>,
}

static SHIPPED: OnceLock<Model> = OnceLock::new();

impl Model {
    /// The model compiled into Dateline, read on first use and shared by every thread.
    pub fn shipped() -> &'static Model {
        SHIPPED.get_or_init(|| {
            Model::parse(include_str!("../model/topics.tsv"))
                .expect("the shipped topics model is checked by its tests")
        })
    }

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
        let words = vocabulary
            .into_iter()
            .enumerate()
            .map(|(i, w)| (w, i as u32))
            .collect();
        Model {
            classes,
            features,
            temperature,
            bias,
            words,
            weights,
        }
    }

    /// Reads the model file: `#` comments, then `@classes`, `@features`, `@temperature`
    /// and `@bias` lines (a word never starts with `@`), then one `word<TAB>weights` line per word (in hundredths).
    pub fn parse(text: &str) -> Result<Model, String> {
        let mut classes = Vec::new();
        let mut features = Features::LogCountsUnit;
        let mut temperature = 1.0;
        let mut bias = Vec::new();
        let mut words = FxHashMap::default();
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
                    words.insert(word.to_string(), words.len() as u32);
                    weights.extend(row);
                }
            }
        }
        if classes.is_empty() || bias.len() != classes.len() {
            return Err("no classes, or a bias per class missing".into());
        }
        Ok(Model {
            classes,
            features,
            temperature,
            bias,
            words,
            weights,
        })
    }

    /// The model's input for a text: (word index, value) pairs, by word index.
    pub fn input(&self, texts: &[&str]) -> Vec<(u32, f32)> {
        let mut counts: FxHashMap<u32, f32> = FxHashMap::default();
        for text in texts {
            for_each_word(text, |w| {
                if let Some(&i) = self.words.get(w) {
                    *counts.entry(i).or_default() += 1.0;
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
        self.words.len()
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
        let mut vocabulary: Vec<(&String, u32)> = self.words.iter().map(|(w, &i)| (w, i)).collect();
        vocabulary.sort_unstable_by_key(|&(_, i)| i);
        let c = self.classes.len();
        for (word, i) in vocabulary {
            let row = &self.weights[i as usize * c..(i as usize + 1) * c];
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

/// The `topics` enricher.
pub struct TopicsEnricher;

impl Plugin for TopicsEnricher {
    type Config = NoConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "what the article is about, on the IPTC Media Topics top level".into(),
            requires: vec![],
            provides: vec!["topics".into()],
        }
    }

    fn new(_config: NoConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Model::shipped();
        Ok(TopicsEnricher)
    }
}

impl Enrich for TopicsEnricher {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        classify(doc, Model::shipped());
        Ok(())
    }
}

/// Fills `doc.topics` from its headline, summary and body.
pub fn classify(doc: &mut Document, model: &Model) {
    let mut texts: Vec<&str> = Vec::with_capacity(doc.summary.len() + 2);
    texts.extend(doc.headline.as_deref());
    texts.extend(doc.summary.iter().map(String::as_str));
    texts.push(&doc.body);
    let input = model.input(&texts);
    if input.is_empty() {
        doc.topics.clear();
        return;
    }
    let probabilities = model.probabilities(&input);
    let mut ranked: Vec<(usize, f64)> = model
        .classes
        .iter()
        .zip(&probabilities)
        .map(|(&subject, &p)| (subject, (p as f64 * 10000.0).round() / 10000.0))
        .collect();
    // Best first; a tie goes to the lower code, so the order never depends on the model's.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    doc.topics = ranked
        .iter()
        .enumerate()
        .filter(|&(rank, &(_, score))| rank == 0 || score >= MIN_SCORE)
        .map(|(_, &(subject, score))| Topic {
            code: SUBJECTS[subject].0.to_string(),
            label: SUBJECTS[subject].1.to_string(),
            score,
        })
        .collect();
}

#[cfg(test)]
mod tests {
    use dateline_core::Source;

    use super::*;

    fn topics_of(headline: &str, body: &str) -> Vec<Topic> {
        let mut doc = Document::new(Source::new("t.txt", 0, "text"));
        doc.headline = Some(headline.into());
        doc.body = body.into();
        classify(&mut doc, Model::shipped());
        doc.topics
    }

    #[test]
    fn the_shipped_model_is_whole_and_reads_back_to_the_same_text() {
        let text = include_str!("../model/topics.tsv");
        let model = Model::parse(text).unwrap();
        assert!(model.words() >= 1000 && model.classes.len() >= 10);
        let header: Vec<String> = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l[2..].to_string())
            .collect();
        assert!(
            model.to_text(&header) == text,
            "parse and write are inverses"
        );
    }

    #[test]
    fn subjects_come_best_first_with_scores_that_sum_to_at_most_one() {
        let topics = topics_of(
            "Troops and rebels clash as ceasefire collapses",
            "Fighting resumed near the border on Monday as army units shelled rebel positions \
             and militia fighters fired rockets; the United Nations called for a new truce.",
        );
        assert_eq!(topics[0].code, "medtop:16000000", "{topics:?}");
        assert!(topics.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(topics.iter().map(|t| t.score).sum::<f64>() <= 1.0001);
        assert!(topics.iter().skip(1).all(|t| t.score >= MIN_SCORE));
        let market = topics_of(
            "Shares fall as profits slump",
            "The company's quarterly profit fell 20 percent and its shares dropped on the stock \
             exchange, analysts at the bank said, citing weak sales and higher costs.",
        );
        assert_eq!(market[0].label, "economy, business and finance");
    }

    #[test]
    fn a_text_without_known_words_has_no_topic() {
        assert!(topics_of("", "").is_empty());
        assert!(topics_of("Xyzzy", "Qwrtp zzkx.").is_empty());
    }

    #[test]
    fn a_malformed_model_is_refused_with_its_line() {
        let e = Model::parse("@classes\tmedtop:11000000\n@bias\t0\nword\t1 2\n")
            .err()
            .unwrap();
        assert!(e.contains("line 3"), "{e}");
        let e = Model::parse("@classes\tmedtop:99000000\n").err().unwrap();
        assert!(e.contains("unknown subject"), "{e}");
    }
}
