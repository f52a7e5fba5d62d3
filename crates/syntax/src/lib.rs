//! Dateline's syntax: news tokenization, part-of-speech tags and dependency trees.
//!
//! The tagger and the parser are averaged perceptrons trained by `cargo xtask train-parser`
//! on Universal Dependencies English (EWT); their model files ship in `model/`, and the
//! build turns them into images that a run views in place (no start-up parsing).
//!
//! ```
//! use dateline_syntax::Syntax;
//! let syntax = Syntax::shipped().expect("the shipped models load");
//! let words = ["Bagheri", "met", "the", "army", "chief", "."];
//! let analysis = syntax.analyze(&words);
//! assert_eq!(syntax.tag_name(analysis.tags[1]), "VBD");
//! assert_eq!(analysis.heads[0], Some(1)); // "Bagheri" depends on "met"
//! assert_eq!(syntax.label_name(analysis.labels[0]), "nsubj");
//! ```

#![warn(missing_docs)]

pub mod clusters;
pub mod conllu;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod tokenize;

use dateline_core::error::ShippedModelError;
use std::sync::OnceLock;

pub use parser::{Parser, Tree};
pub use perceptron::ModelError;
pub use tagger::Tagger;

/// The shipped clusters as an image (made by build.rs from `data/clusters.tsv.gz`).
static CLUSTERS: &[u8] =
    dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/clusters.image"));

impl clusters::WordClusters {
    /// The clusters shipped with Dateline, viewed in place in the binary.
    pub fn shipped() -> &'static clusters::WordClusters {
        static SHIPPED: OnceLock<clusters::WordClusters> = OnceLock::new();
        // The image is made by this crate's build from a file it checks; failing to open
        // it is a broken build, not bad input.
        SHIPPED.get_or_init(|| {
            clusters::WordClusters::from_image(dateline_mapped::place(CLUSTERS))
                .expect("the clusters image built with Dateline")
        })
    }
}

/// The shipped models as images (made by build.rs from `model/*.bin.gz`).
static TAGGER: &[u8] = dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/tagger.image"));
static PARSER: &[u8] = dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/parser.image"));

/// A sentence's analysis: a tag, a head and a relation for every word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Tag numbers (see [`Syntax::tag_name`]).
    pub tags: Vec<u8>,
    /// Head of each word (0-based), `None` for the sentence's root.
    pub heads: Vec<Option<usize>>,
    /// Relation numbers (see [`Syntax::label_name`]).
    pub labels: Vec<u8>,
}

/// The tagger and the parser together.
#[derive(Debug, Clone)]
pub struct Syntax {
    tagger: Tagger,
    parser: Parser,
}

impl Syntax {
    /// A tagger and a parser (the parser trained on this tagger's tag numbers).
    pub fn new(tagger: Tagger, parser: Parser) -> Syntax {
        Syntax { tagger, parser }
    }

    /// The shipped models, viewed in place in the binary (nothing is read or parsed: the
    /// pages a run touches are brought in by the operating system).
    pub fn shipped() -> Result<&'static Syntax, ShippedModelError> {
        static SHIPPED: OnceLock<Result<Syntax, ShippedModelError>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                let unreadable = |what, file| {
                    move |e: perceptron::ModelError| ShippedModelError {
                        what,
                        file,
                        cause: e.to_string(),
                        regenerate: "cargo xtask train-parser",
                    }
                };
                let tagger =
                    perceptron::Model::from_image(tagger::MAGIC, dateline_mapped::place(TAGGER))
                        .map_err(unreadable("tagger", "crates/syntax/model/tagger.bin.gz"))?;
                let parser =
                    perceptron::Model::from_image(parser::MAGIC, dateline_mapped::place(PARSER))
                        .map_err(unreadable("parser", "crates/syntax/model/parser.bin.gz"))?;
                Ok(Syntax::new(Tagger::new(tagger), Parser::new(parser)))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Tags and parses one sentence.
    pub fn analyze(&self, words: &[&str]) -> Analysis {
        self.analyze_as(words, false)
    }

    /// Tags and parses a headline, which has a verb of its own (see
    /// [`Tagger::tag_headline`]).
    pub fn analyze_headline(&self, words: &[&str]) -> Analysis {
        self.analyze_as(words, true)
    }

    fn analyze_as(&self, words: &[&str], headline: bool) -> Analysis {
        let prepared: Vec<tagger::Prepared> =
            words.iter().map(|w| tagger::Prepared::new(w)).collect();
        let tags = if headline {
            self.tagger.tag_headline(&prepared, words)
        } else {
            self.tagger.tag_prepared(&prepared)
        };
        let tree = self.parser.parse_prepared(&prepared, &tags);
        Analysis {
            tags,
            heads: tree.heads,
            labels: tree.labels,
        }
    }

    /// Tags one sentence only.
    pub fn tag(&self, words: &[&str]) -> Vec<u8> {
        self.tagger.tag(words)
    }

    /// The name of a tag number ("NNP", "VBD").
    pub fn tag_name(&self, tag: u8) -> &str {
        self.tagger.tag_name(tag)
    }

    /// The name of a relation number ("nsubj", "obl:agent").
    pub fn label_name(&self, label: u8) -> &str {
        &self.parser.labels()[label as usize]
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The parser.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_mapped::{AlignedBuf, Image};

    /// Each image compiled in is whole (its hash) and is exactly what the build makes of
    /// the committed file: a stale or damaged image would fail here, not in a run.
    #[test]
    fn the_shipped_images_are_whole_and_made_from_the_committed_files() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for (image, magic, file) in [
            (TAGGER, tagger::MAGIC, "model/tagger.bin.gz"),
            (PARSER, parser::MAGIC, "model/parser.bin.gz"),
        ] {
            Image::open(image, *magic).unwrap().verify().unwrap();
            let committed = std::fs::read(dir.join(file)).unwrap();
            let model = perceptron::Model::read(magic, &committed).unwrap();
            assert!(model.to_image(magic) == image, "{file}: the image differs");
            let viewed = perceptron::Model::from_image(magic, image).unwrap();
            assert_eq!(viewed.classes, model.classes);
            assert_eq!(
                (viewed.len(), viewed.weights()),
                (model.len(), model.weights())
            );
        }
        Image::open(CLUSTERS, clusters::MAGIC)
            .unwrap()
            .verify()
            .unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(
                &std::fs::read(dir.join("data/clusters.tsv.gz")).unwrap()[..],
            ),
            &mut text,
        )
        .unwrap();
        assert!(clusters::WordClusters::parse(&text).to_image() == CLUSTERS);
    }

    #[test]
    fn an_image_of_another_model_is_refused() {
        let err = perceptron::Model::from_image(parser::MAGIC, TAGGER).unwrap_err();
        assert!(err.to_string().contains("DLPOS"), "{err}");
        let copy = AlignedBuf::from(TAGGER);
        assert!(Image::open(copy.as_bytes(), *tagger::MAGIC).is_ok());
    }

    /// A headline whose best tags leave it no verb gets the one nearest to being it; one
    /// that has a predicate, or only nouns far from being verbs, keeps its tags.
    #[test]
    fn a_headline_gets_its_verb() {
        let syntax = Syntax::shipped().unwrap();
        let tags = |line: &str, headline: bool| -> Vec<String> {
            let words: Vec<&str> = line.split_whitespace().collect();
            let prepared: Vec<tagger::Prepared> =
                words.iter().map(|w| tagger::Prepared::new(w)).collect();
            let tags = if headline {
                syntax.tagger().tag_headline(&prepared, &words)
            } else {
                syntax.tagger().tag_prepared(&prepared)
            };
            tags.iter()
                .map(|&t| syntax.tag_name(t).to_string())
                .collect()
        };
        let line = "Industrial output falls in Japan";
        assert_eq!(
            tags(line, false)[2],
            "NNS",
            "the premise: read as running text"
        );
        assert_eq!(tags(line, true)[2], "VBZ");
        assert_eq!(tags("Strong demand triggers oil rally", true)[2], "VBZ");
        for kept in [
            "Ferry service to Orkney restored after storm damage",
            "Takeover offer for Sunderland FC",
            "Rail strike called off after last-minute pay deal",
        ] {
            assert_eq!(tags(kept, true), tags(kept, false), "{kept}");
        }
    }

    /// Only an auxiliary's forms take an auxiliary's or a copula's label, whatever the
    /// scores: "returns" is no "has".
    #[test]
    fn only_auxiliaries_take_auxiliary_labels() {
        let syntax = Syntax::shipped().unwrap();
        for line in [
            "Museum returns stolen manuscripts to Ethiopia",
            "The minister has said that the talks will resume and were going well",
            "Officials gets paid while the plant stays closed",
        ] {
            let words: Vec<&str> = line.split_whitespace().collect();
            let analysis = syntax.analyze(&words);
            let mut auxiliaries = 0;
            for (word, &label) in words.iter().zip(&analysis.labels) {
                if matches!(syntax.label_name(label), "aux" | "aux:pass" | "cop") {
                    assert!(
                        parser::AUXILIARY_FORMS.contains(&word.to_lowercase().as_str()),
                        "{word} labeled {} in {line}",
                        syntax.label_name(label)
                    );
                    auxiliaries += 1;
                }
            }
            // The auxiliaries themselves keep their labels ("has said", "will resume").
            if line.starts_with("The minister") {
                assert!(auxiliaries >= 2, "{line}: {auxiliaries}");
            }
        }
    }

    #[test]
    fn viewed_models_tag_and_parse_as_the_read_ones() {
        let read = |magic, file: &[u8]| perceptron::Model::read(magic, file).unwrap();
        let from_files = Syntax::new(
            Tagger::new(read(
                tagger::MAGIC,
                include_bytes!("../model/tagger.bin.gz"),
            )),
            Parser::new(read(
                parser::MAGIC,
                include_bytes!("../model/parser.bin.gz"),
            )),
        );
        let words = [
            "Pakistan",
            "'s",
            "army",
            "chief",
            "met",
            "Iran",
            "'s",
            "foreign",
            "minister",
            "in",
            "Islamabad",
            "on",
            "Monday",
            ",",
            "officials",
            "said",
            ".",
        ];
        let viewed = Syntax::shipped().unwrap().analyze(&words);
        assert_eq!(viewed, from_files.analyze(&words));
        assert_eq!(Syntax::shipped().unwrap().tag_name(viewed.tags[4]), "VBD");
    }
}
