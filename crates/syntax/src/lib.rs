//! Dateline's syntax: news tokenization, part-of-speech tags and dependency trees.
//!
//! The tagger and the parser are averaged perceptrons trained by `cargo xtask train-parser`
//! on Universal Dependencies English (EWT); their model files ship in `model/` and are read
//! once per process.
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

static TAGGER: &[u8] = include_bytes!("../model/tagger.bin.gz");
static PARSER: &[u8] = include_bytes!("../model/parser.bin.gz");

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

    /// The shipped models, loaded once per process.
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
                let tagger = perceptron::Model::read(tagger::MAGIC, TAGGER)
                    .map_err(unreadable("tagger", "crates/syntax/model/tagger.bin.gz"))?;
                let parser = perceptron::Model::read(parser::MAGIC, PARSER)
                    .map_err(unreadable("parser", "crates/syntax/model/parser.bin.gz"))?;
                Ok(Syntax::new(Tagger::new(tagger), Parser::new(parser)))
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Tags and parses one sentence.
    pub fn analyze(&self, words: &[&str]) -> Analysis {
        let prepared: Vec<tagger::Prepared> =
            words.iter().map(|w| tagger::Prepared::new(w)).collect();
        let tags = self.tagger.tag_prepared(&prepared);
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
