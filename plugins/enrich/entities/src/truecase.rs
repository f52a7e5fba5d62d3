//! Headlines in title case, read as running text.
//!
//! Many outlets write headlines and section heads with every word capitalized ("Rolling
//! Blackouts in California Have Power Experts Stumped"). The tagger reads a capital
//! inside a sentence as a sign of a name, so such a sentence is first written as the
//! article would write it in running text: a capitalized word goes to lower case when the
//! rest of the document writes it so more often than not, or, when the document does not
//! use it inside a sentence, when news usually does ([`usually_lowercase`]:
//! `data/lowercase-words.txt`, counted by `cargo xtask lowercase-words` over unlabelled
//! news).

use std::collections::HashMap;

use crate::features::{Word, after_quote, is_shouting};

/// The words news usually writes in lower case inside a sentence, sorted (made by
/// `cargo xtask lowercase-words`).
static LOWERCASE_WORDS: &str = include_str!("../data/lowercase-words.txt");

/// Whether news usually writes a word (its lowercase form given) in lower case inside a
/// sentence: "have", "experts", "with"; not "bush" or "may", which it capitalizes as often.
/// A binary search of the sorted list as it lies in the binary: nothing is built or read
/// whole at start.
pub fn usually_lowercase(lower: &str) -> bool {
    contains_line(LOWERCASE_WORDS, lower)
}

/// The words news writes in lower case more often than not, but capitalized in more
/// than the share [`usually_lowercase`] allows ("central", "library"), sorted.
static MOSTLY_LOWERCASE_WORDS: &str = include_str!("../data/mostly-lowercase-words.txt");

/// Whether news writes a word (its lowercase form given) in lower case inside a sentence
/// more often than not: every word [`usually_lowercase`] knows, and those it leaves out
/// for the names they also make ("central" of "Central Asia", "may"). Not "bush".
pub fn mostly_lowercase(lower: &str) -> bool {
    usually_lowercase(lower) || contains_line(MOSTLY_LOWERCASE_WORDS, lower)
}

/// Whether `sorted` (lines in byte order after a header of `#` lines) has the line `key`.
pub(crate) fn contains_line(sorted: &str, key: &str) -> bool {
    let bytes = sorted.as_bytes();
    // Past the header: the first line that is no comment.
    let mut lo = 0;
    while bytes[lo..].starts_with(b"#") {
        match bytes[lo..].iter().position(|&b| b == b'\n') {
            Some(end) => lo += end + 1,
            None => return false,
        }
    }
    let mut hi = bytes.len();
    // Invariant: `lo` and `hi` are line boundaries, and the key, if there, lies between.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = bytes[start..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |p| start + p);
        match sorted[start..end].cmp(key) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = (end + 1).min(hi),
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// Whether a word is capitalized as a name or a sentence's first word is: a capital, and
/// no other after it ("Power"; not "iPhone", "McCain", "NATO").
fn capitalized(form: &str) -> bool {
    let mut chars = form.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

/// Whether every word of a sentence that could be in lower case is capitalized: after
/// its first word, at least three words of four letters or more, and none of them in
/// lower case. A sentence in capitals is not (its words are no capitalized words). A
/// list of names is this too ("Sean Fitzpatrick, Walter Little, Justin Marshall").
pub fn all_capitalized(sentence: &[Word]) -> bool {
    let mut capitalized = 0;
    for word in sentence.iter().skip(1) {
        let mut letters = word.form.chars();
        match letters.next() {
            Some(c) if c.is_alphabetic() && word.form.chars().nth(3).is_some() => {
                if c.is_lowercase() {
                    return false;
                }
                if letters.any(char::is_lowercase) {
                    capitalized += 1;
                }
            }
            _ => {}
        }
    }
    capitalized >= 3
}

/// Whether a sentence is in title case: [`all_capitalized`], and more than a quarter of
/// its capitalized words after the first are words news usually writes in lower case (two
/// at least): "Rolling Blackouts in California Have Power Experts Stumped", not a list of
/// names with a "Little" or a "Rose" in it. (A half missed headlines full of names; the
/// share was chosen on CoNLL valid and MEANTIME with sentences written in title case.)
pub fn is_title_case(sentence: &[Word]) -> bool {
    if !all_capitalized(sentence) {
        return false;
    }
    let (mut words, mut common) = (0, 0);
    for word in sentence.iter().skip(1).filter(|w| capitalized(&w.form)) {
        words += 1;
        common += usize::from(usually_lowercase(&word.lower));
    }
    common >= 2 && common * 4 > words
}

/// How a text writes each word (by its lowercase form) inside its sentences: uses in
/// lower case and uses capitalized.
#[derive(Debug, Default)]
pub struct CaseCounts(HashMap<String, (u32, u32)>);

impl CaseCounts {
    /// Counts the words of a sentence where case tells something of them: inside it
    /// (not first, not after an opening mark), in a sentence neither in capitals nor
    /// [`all_capitalized`]. A word with a capital inside ("iPhone") is not counted.
    pub fn add(&mut self, sentence: &[Word]) {
        if is_shouting(sentence) || all_capitalized(sentence) {
            return;
        }
        for (i, word) in sentence.iter().enumerate().skip(1) {
            if after_quote(sentence, i) {
                continue;
            }
            if word.form.starts_with(char::is_lowercase) {
                self.0.entry(word.lower.clone()).or_default().0 += 1;
            } else if capitalized(&word.form) {
                self.0.entry(word.lower.clone()).or_default().1 += 1;
            }
        }
    }

    /// Uses of a word (lowercase form given) in lower case and capitalized.
    pub fn get(&self, lower: &str) -> (u32, u32) {
        self.0.get(lower).copied().unwrap_or_default()
    }

    /// Every word with its counts.
    pub fn iter(&self) -> impl Iterator<Item = (&str, (u32, u32))> {
        self.0.iter().map(|(w, &c)| (w.as_str(), c))
    }

    /// Adds another text's counts.
    pub fn merge(&mut self, other: CaseCounts) {
        for (word, (lower, upper)) in other.0 {
            let entry = self.0.entry(word).or_default();
            entry.0 += lower;
            entry.1 += upper;
        }
    }
}

/// Writes the capitalized words of a sentence in title case in lower case where running
/// text would: where the rest of the document (`plain`) writes the word in lower case
/// more often than capitalized, or, where it does not use the word inside a sentence at
/// all, where news usually does ([`usually_lowercase`]). The first word, a word after an
/// opening mark and a word with a capital inside ("iPhone", "McCain") stay. Returns
/// whether a word changed.
pub fn lower_title_words(sentence: &mut [Word], plain: &CaseCounts) -> bool {
    let mut changed = false;
    for i in 1..sentence.len() {
        let word = &sentence[i];
        if !capitalized(&word.form)
            || (after_quote(sentence, i) && !after_closing_quote(sentence, i))
        {
            continue;
        }
        let lower = match plain.get(&word.lower) {
            (0, 0) => usually_lowercase(&word.lower),
            (lower, upper) => lower > upper,
        };
        if lower {
            let mut chars = word.form.chars();
            let first = chars.next().map(char::to_lowercase);
            sentence[i].form = first.into_iter().flatten().chain(chars).collect();
            changed = true;
        }
    }
    changed
}

/// Whether word `i` follows a straight quotation mark that closes a quotation (an even
/// one of the sentence's): `" ... Today , " Said Henke` goes on as running text, where
/// "said" is written in lower case.
fn after_closing_quote(sentence: &[Word], i: usize) -> bool {
    i > 0
        && sentence[i - 1].form == "\""
        && sentence[..i - 1].iter().filter(|w| w.form == "\"").count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Word> {
        text.split(' ').map(Word::new).collect()
    }

    #[test]
    fn a_headline_in_title_case_is_told_from_a_sentence_of_names() {
        assert!(is_title_case(&words(
            "Rolling Blackouts in California Have Power Experts Stumped"
        )));
        assert!(!is_title_case(&words(
            "Rolling blackouts in California have power experts stumped"
        )));
        assert!(!is_title_case(&words(
            "ROLLING BLACKOUTS IN CALIFORNIA HAVE POWER EXPERTS"
        )));
        // Too few words to tell.
        assert!(!is_title_case(&words("Biden Wins Iowa")));
        // Every word capitalized, but names: "Little" is no sign of a headline.
        let names = words("Sean Fitzpatrick , Walter Little , Justin Marshall .");
        assert!(all_capitalized(&names) && !is_title_case(&names));
    }

    /// The list's words, without its header.
    fn listed() -> Vec<&'static str> {
        words_of(LOWERCASE_WORDS)
    }

    /// A word list's words, without its header.
    fn words_of(list: &'static str) -> Vec<&'static str> {
        list.lines().filter(|l| !l.starts_with('#')).collect()
    }

    #[test]
    fn the_binary_search_finds_every_listed_word_and_no_other() {
        assert!(listed().iter().all(|w| usually_lowercase(w)));
        for absent in ["", "#", "zzzzzz", "aaaa0", "london"] {
            assert!(!usually_lowercase(absent), "{absent}");
        }
        let small = "# header\nb\nd\nf\n";
        for (key, there) in [
            ("a", false),
            ("b", true),
            ("c", false),
            ("d", true),
            ("f", true),
            ("g", false),
        ] {
            assert_eq!(contains_line(small, key), there, "{key}");
        }
    }

    #[test]
    fn the_word_list_is_sorted_and_knows_common_words_from_names() {
        assert!(
            listed().windows(2).all(|w| w[0] < w[1]),
            "data/lowercase-words.txt is not sorted"
        );
        let mostly = words_of(MOSTLY_LOWERCASE_WORDS);
        assert!(
            mostly.windows(2).all(|w| w[0] < w[1]),
            "data/mostly-lowercase-words.txt is not sorted"
        );
        assert!(
            mostly
                .iter()
                .all(|w| mostly_lowercase(w) && !usually_lowercase(w))
        );
        for word in ["central", "library", "have"] {
            assert!(mostly_lowercase(word), "{word}");
        }
        for word in ["bush", "london", "microsoft"] {
            assert!(!mostly_lowercase(word), "{word}");
        }
        for word in ["have", "experts", "with", "during", "must"] {
            assert!(usually_lowercase(word), "{word}");
        }
        for name in ["london", "clinton", "monday", "reuters", "bush", "may"] {
            assert!(!usually_lowercase(name), "{name}");
        }
    }

    #[test]
    fn a_title_word_goes_to_lower_case_as_the_document_or_news_writes_it() {
        let body = words("Power experts said the blackouts left them stumped , Powers said .");
        let mut plain = CaseCounts::default();
        plain.add(&body);
        let mut headline = words("Rolling Blackouts in California Have Power Experts Stumped");
        assert!(lower_title_words(&mut headline, &plain));
        let forms: Vec<&str> = headline.iter().map(|w| w.form.as_str()).collect();
        // "Blackouts", "Experts", "Stumped" as the article writes them; "Have" as news
        // at large does, and "Power" too: the article only opens a sentence with it,
        // which says nothing of its case. "California" is written capitalized.
        assert_eq!(
            forms.join(" "),
            "Rolling blackouts in California have power experts stumped"
        );
        // After a closing quotation mark the sentence goes on as running text; after an
        // opening one a capital says nothing.
        let mut quoted = words("\" I Did It Well Today , \" Said Henke .");
        assert!(lower_title_words(&mut quoted, &CaseCounts::default()));
        let forms: Vec<&str> = quoted.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms.join(" "), "\" I did it well today , \" said Henke .");
    }
}
