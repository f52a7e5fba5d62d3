//! `cargo xtask lowercase-words`: the words news usually writes in lower case inside a
//! sentence, for reading headlines in title case (`dateline_entities::truecase`), counted
//! over the unlabelled news the word clusters learn from (Reuters-21578, BBC News,
//! PolNeAR train) and the words of CoNLL-2003 train and GMB; written, sorted, to
//! plugins/enrich/entities/data/lowercase-words.txt.
//!
//! A word counts where case tells something of it: inside a sentence (not first, not
//! after a quotation mark or a parenthesis), in a sentence neither in capitals nor with
//! every word capitalized. It is listed when it is seen so at least [`MIN_LOWERCASE`] times and
//! capitalized in at most [`MAX_CAPITALIZED_SHARE`] of its counted uses: "have" and
//! "experts" are; "bush", "may" and "bill", capitalized as often as not in news, are not.
//! The share was chosen on CoNLL valid and MEANTIME airbus+apple with sentences written
//! in title case (`cargo xtask eval ner`): a larger one finds more in headlines and loses
//! names in lists of them ("Walter Little") in running text.

use std::path::Path;

use anyhow::{Context, Result};
use dateline_entities::features::Word;
use dateline_entities::tokenize::{sentences, tokens};
use dateline_entities::truecase::CaseCounts;
use rayon::prelude::*;

use crate::ner::{read_conll, read_gmb};
use crate::paths;

/// Fewest lowercase uses inside a sentence for a word to be listed.
const MIN_LOWERCASE: u32 = 3;
/// Largest share of a listed word's counted uses that may be capitalized.
const MAX_CAPITALIZED_SHARE: f64 = 0.15;
/// Largest share for the second list, of words written in lower case more often than
/// not ("central", "library"): what a capital at a sentence's start says nothing about
/// when the document has the word nowhere else.
const MOSTLY_CAPITALIZED_SHARE: f64 = 0.5;

/// Counts the corpus and writes the list (`check`: compares it with the committed one).
pub fn run(corpus: &Path, check: bool) -> Result<()> {
    let texts = crate::clusters::unlabelled_texts(corpus).context("reading the unlabelled text")?;
    let mut counts = texts
        .par_iter()
        .fold(CaseCounts::default, |mut counts, text| {
            for paragraph in text.split("\n\n") {
                let toks = tokens(paragraph);
                for range in sentences(paragraph, &toks) {
                    let words: Vec<Word> = toks[range]
                        .iter()
                        .map(|t| Word::new(&paragraph[t.start..t.end]))
                        .collect();
                    counts.add(&words);
                }
            }
            counts
        })
        .reduce(CaseCounts::default, |mut a, b| {
            a.merge(b);
            a
        });
    let conll = corpus.join("conll2003-en/train.txt");
    let gmb = corpus.join("gmb-ner/ner_dataset.csv.zip");
    for docs in [read_conll(&conll)?, read_gmb(&gmb)?] {
        for doc in docs {
            for sentence in doc {
                let words: Vec<Word> = sentence.tokens.iter().map(|t| Word::new(t)).collect();
                counts.add(&words);
            }
        }
    }
    let listed_with = |from: f64, to: f64| -> Vec<&str> {
        let mut listed: Vec<&str> = counts
            .iter()
            .filter(|&(word, (lower, upper))| {
                let share = f64::from(upper) / f64::from(lower + upper);
                lower >= MIN_LOWERCASE
                    && share <= to
                    && share > from
                    && word.chars().next().is_some_and(char::is_alphabetic)
            })
            .map(|(word, _)| word)
            .collect();
        listed.sort_unstable();
        listed
    };
    let header = |share: &str| {
        format!(
            "# Words news writes in lower case inside a sentence (at least {MIN_LOWERCASE} times, capitalized in {share} of uses).\n\
             # Made by `cargo xtask lowercase-words` from Reuters-21578, BBC News, PolNeAR train, CoNLL-2003 train and GMB; do not edit.\n"
        )
    };
    let lists = [
        (
            listed_with(f64::NEG_INFINITY, MAX_CAPITALIZED_SHARE),
            header(&format!("at most {:.0}%", MAX_CAPITALIZED_SHARE * 100.0)),
            "lowercase-words.txt",
        ),
        (
            listed_with(MAX_CAPITALIZED_SHARE, MOSTLY_CAPITALIZED_SHARE),
            header(&format!(
                "more than {:.0}% and at most {:.0}%",
                MAX_CAPITALIZED_SHARE * 100.0,
                MOSTLY_CAPITALIZED_SHARE * 100.0
            )),
            "mostly-lowercase-words.txt",
        ),
    ];
    for (listed, mut text, name) in lists {
        for word in &listed {
            text.push_str(word);
            text.push('\n');
        }
        let path = paths::repo_root()
            .join("plugins/enrich/entities/data")
            .join(name);
        if paths::write_or_check(&path, &text, check, "cargo xtask lowercase-words")? {
            println!("{} words -> {}", listed.len(), path.display());
        }
    }
    Ok(())
}
