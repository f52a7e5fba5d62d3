//! How many news articles use each word, from a reference corpus shipped with Dateline
//! (data/background.tsv.gz, written by `cargo xtask background` from Reuters-21578 and BBC
//! News): what tells a run of a dozen articles that "statement" is common and "Valparaiso"
//! is not.

use std::io::Read;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::signature::{TermKind, term};

/// Article counts of words in the reference corpus.
#[derive(Debug, Default)]
pub struct Background {
    articles: u32,
    documents: FxHashMap<u32, u32>,
}

impl Background {
    /// The shipped counts, read once per process.
    ///
    /// ```
    /// use dateline_stories::background::Background;
    /// use dateline_stories::signature::{TermKind, term};
    ///
    /// let background = Background::shipped();
    /// let (articles, common) = background.documents(term("government", TermKind::Word));
    /// let (_, rare) = background.documents(term("valparaiso", TermKind::Word));
    /// assert!(articles > 20_000 && common > 1_000 && rare < 10);
    /// ```
    pub fn shipped() -> &'static Background {
        static SHIPPED: OnceLock<Background> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&include_bytes!("../data/background.tsv.gz")[..])
                .read_to_string(&mut text)
                .expect("the shipped background table is valid gzip text");
            Background::parse(&text)
        })
    }

    /// Reads the table's text form (see the module's documentation); malformed lines are
    /// skipped.
    pub fn parse(text: &str) -> Background {
        let mut background = Background::default();
        for line in text.lines() {
            let Some((word, count)) = line.split_once('\t') else {
                continue;
            };
            let Ok(count) = count.parse::<u32>() else {
                continue;
            };
            if word == "#documents" {
                background.articles = count;
            } else {
                background
                    .documents
                    .insert(term(word, TermKind::Word), count);
            }
        }
        background
    }

    /// The number of reference articles, and how many of them use the word `term`.
    pub fn documents(&self, term: u32) -> (u32, u32) {
        (
            self.articles,
            self.documents.get(&term).copied().unwrap_or(0),
        )
    }
}
