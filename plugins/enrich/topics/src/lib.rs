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

pub mod model;

use std::sync::OnceLock;

use dateline_core::{
    Document, Enrich, Host, Kind, NoConfig, Plugin, PluginError, PluginInfo, Topic,
};

pub use crate::model::{Features, Model, SUBJECTS, for_each_word};

/// The shipped model as an image (made by build.rs from `model/topics.tsv`).
static MODEL: &[u8] = dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/topics.image"));

impl Model {
    /// The model compiled into Dateline, viewed in place and shared by every thread.
    pub fn shipped() -> &'static Model {
        static SHIPPED: OnceLock<Model> = OnceLock::new();
        // The image is made by this crate's build from the committed file; failing to
        // open it is a broken build, not bad input.
        SHIPPED.get_or_init(|| {
            Model::from_image(dateline_mapped::place(MODEL))
                .expect("the topics image built with Dateline")
        })
    }
}

/// The plugin's name in pipelines.
pub const NAME: &str = "topics";

/// The least score of a subject listed after the best one.
pub const MIN_SCORE: f64 = 0.15;

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
    fn the_compiled_image_is_whole_and_is_what_the_build_makes_of_the_committed_file() {
        dateline_mapped::Image::open(MODEL, model::MAGIC)
            .unwrap()
            .verify()
            .unwrap();
        let parsed = Model::parse(include_str!("../model/topics.tsv")).unwrap();
        assert!(
            parsed.to_image() == MODEL,
            "the image is the committed model's"
        );
        let shipped = Model::shipped();
        assert_eq!(shipped.words(), parsed.words());
        let text = ["Rebels shelled the capital as peace talks stalled"];
        assert_eq!(
            shipped.probabilities(&shipped.input(&text)),
            parsed.probabilities(&parsed.input(&text))
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
    fn the_stopwords_are_sorted_for_their_search() {
        assert!(model::STOPWORDS.windows(2).all(|w| w[0] < w[1]));
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
        let e = Model::parse("@classes\tmedtop:99000000\n@bias\t0\n")
            .err()
            .unwrap();
        assert!(e.contains("unknown subject"), "{e}");
    }
}
