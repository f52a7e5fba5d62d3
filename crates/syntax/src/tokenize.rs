//! Sentences and tokens the way news writes them.
//!
//! Tokens follow the conventions of newswire treebanks (and of the CoNLL-2003 data the
//! tagger learns from): punctuation and the possessive "'s" stand alone, abbreviations
//! keep their periods ("Maj.", "U.S.", "Nov."), hyphenated names stay whole
//! ("Tehreek-e-Insaf"), numbers keep their separators ("1,200.50"), and a dash that joins
//! two words without spaces stands alone ("Globe—he", "plants--the"). Curly quotes and
//! apostrophes are read as their straight forms.
//!
//! ```
//! use dateline_syntax::tokenize::{sentences, tokens};
//! let text = "Maj. Gen. Bagheri met U.S. officials. He left on Nov. 3.";
//! let words: Vec<&str> = tokens(text).iter().map(|t| &text[t.start..t.end]).collect();
//! assert_eq!(&words[..5], ["Maj.", "Gen.", "Bagheri", "met", "U.S."]);
//! assert_eq!(sentences(text, &tokens(text)).len(), 2);
//! ```

/// A token: byte offsets into the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte.
    pub start: usize,
    /// End byte, exclusive.
    pub end: usize,
}

/// Abbreviations that precede a name and so never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "cdr", "brig", "gov", "sen", "rep", "pres", "rev", "hon", "amb", "supt", "insp",
    "det", "atty", "messrs", "st", "mt", "no", "nos", "vs", "v",
];

pub use dateline_core::text::is_abbreviation;

fn is_never_final(word: &str) -> bool {
    word.strip_suffix('.').is_some_and(|stem| {
        (stem.chars().count() == 1 && stem.chars().all(char::is_uppercase))
            || NEVER_FINAL.contains(&stem.to_ascii_lowercase().as_str())
    })
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«' | '‹' | '„' | '¿' | '¡'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›' | ',' | ';' | ':' | '!' | '?' | '…'
    )
}

/// Splits `text` into tokens.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut pos = 0;
    for chunk in text.split(|c: char| c.is_whitespace()) {
        let start = pos;
        pos += chunk.len() + 1;
        // The separator may be a multi-byte space: step to the next char boundary.
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
        if !chunk.is_empty() {
            split_dashes(text, start, start + chunk.len(), &mut out);
        }
    }
    out
}

/// Splits a whitespace-free chunk at the dashes that join two words without spaces, as
/// US news sets its em dashes ("Globe—he", "Rubio—and") and older wires their double
/// hyphens ("plants--the"), and tokenizes each side: the dash is a token of its own.
/// An em dash at a word's either end stands alone too ("Rubio—"). An en dash or a
/// double hyphen is split only between letters: between numbers it is a range or a
/// score ("1990–95", "31–24"), kept whole as a hyphen's would be.
fn split_dashes(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let chunk = &text[start..end];
    // Most chunks hold neither a hyphen nor the first byte of a dash's UTF-8 form.
    if !chunk.bytes().any(|b| b == b'-' || b == 0xE2) {
        split_chunk(text, start, end, out);
        return;
    }
    let mut from = start;
    let mut chars = chunk.char_indices();
    let mut before: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        let dash_len = match c {
            '—' | '–' => c.len_utf8(),
            '-' if chunk[at + 1..].starts_with('-') && !chunk[at + 2..].starts_with('-') => 2,
            _ => {
                before = Some(c);
                continue;
            }
        };
        let after = chunk[at + dash_len..].chars().next();
        let letters =
            before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic);
        let joins = match c {
            '—' => before.is_some() || after.is_some(),
            _ => letters,
        };
        if joins {
            let dash = start + at;
            split_chunk(text, from, dash, out);
            out.push(Token {
                start: dash,
                end: dash + dash_len,
            });
            from = dash + dash_len;
        }
        if dash_len == 2 {
            chars.next();
        }
        before = Some('-');
    }
    if from < end {
        split_chunk(text, from, end, out);
    }
}

/// Splits one whitespace-free chunk into tokens.
fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    // Opening quotes and brackets.
    while start < end {
        let c = text[start..end].chars().next().expect("non-empty");
        if is_opening(c) && start + c.len_utf8() < end {
            out.push(Token {
                start,
                end: start + c.len_utf8(),
            });
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Closing punctuation, kept aside to push after the word.
    let mut tail = Vec::new();
    loop {
        let word = &text[start..end];
        let Some(c) = word.chars().next_back() else {
            break;
        };
        if word.len() > c.len_utf8()
            && (is_closing(c) || (c == '.' && !is_abbreviation(word) && !word.ends_with("..")))
        {
            tail.push(Token {
                start: end - c.len_utf8(),
                end,
            });
            end -= c.len_utf8();
        } else if word.len() > 3 && word.ends_with("...") {
            tail.push(Token {
                start: end - 3,
                end,
            });
            end -= 3;
        } else {
            break;
        }
    }
    if start < end {
        let word = &text[start..end];
        // Possessives and contractions: "Pakistan's" -> "Pakistan" "'s", "don't" -> "do" "n't".
        let lower_tail = |n: usize| word.len() > n && word.is_char_boundary(word.len() - n);
        let split = ["'s", "’s", "'S", "’S"]
            .iter()
            .find(|s| lower_tail(s.len()) && word.ends_with(*s))
            .map(|s| s.len())
            .or_else(|| {
                ["n't", "n’t"]
                    .iter()
                    .find(|s| lower_tail(s.len()) && word.ends_with(*s))
                    .map(|s| s.len())
            })
            .or_else(|| {
                [
                    "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m",
                ]
                .iter()
                .find(|s| lower_tail(s.len()) && word.ends_with(*s))
                .map(|s| s.len())
            });
        match split {
            Some(n) => {
                out.push(Token {
                    start,
                    end: end - n,
                });
                out.push(Token {
                    start: end - n,
                    end,
                });
            }
            None => out.push(Token { start, end }),
        }
    }
    out.extend(tail.into_iter().rev());
}

/// Groups `tokens` (of `text`) into sentences: ranges of token indices.
///
/// A sentence ends at ".", "!" or "?" (with any closing quotes after it) when the next
/// word starts a sentence, at a line break, and at the end of the text. An abbreviation
/// that precedes names ("Gen.", "Mr.", "J.") never ends one; others ("U.S.", "Inc.")
/// end one when a capitalized word that is not a name-like continuation follows a
/// line's end.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut begin = 0;
    for i in 0..tokens.len() {
        let word = &text[tokens[i].start..tokens[i].end];
        let next = tokens.get(i + 1);
        let Some(next) = next else { break };
        let gap = &text[tokens[i].end..next.start];
        if gap.contains('\n') {
            out.push(begin..i + 1);
            begin = i + 1;
            continue;
        }
        let next_word = &text[next.start..next.end];
        let terminal = matches!(word, "." | "!" | "?" | "..." | "…");
        let closes = matches!(word, "\"" | "”" | "'" | "’" | ")")
            && i > begin
            && matches!(
                &text[tokens[i - 1].start..tokens[i - 1].end],
                "." | "!" | "?"
            );
        if (terminal || closes) && !gap.is_empty() {
            // A closing quote right after the period belongs to this sentence.
            if terminal
                && matches!(next_word, "\"" | "”" | "’" | "'" | ")")
                && next.start == tokens[i].end
            {
                continue;
            }
            let starts = next_word
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening(c));
            if starts {
                out.push(begin..i + 1);
                begin = i + 1;
            }
        } else if word.len() > 1
            && word.ends_with('.')
            && !is_never_final(word)
            && !gap.is_empty()
            && is_sentence_opener(next_word)
        {
            out.push(begin..i + 1);
            begin = i + 1;
        }
    }
    if begin < tokens.len() {
        out.push(begin..tokens.len());
    }
    out
}

/// Words that, capitalized after an abbreviation such as "U.S.", begin a new sentence.
fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "In"
            | "On"
            | "At"
            | "But"
            | "And"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "There"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "If"
            | "As"
            | "For"
            | "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn news_abbreviations_keep_their_periods() {
        assert_eq!(
            words("Lt. Gen. Ahmed Sharif Chaudhry, the U.S. envoy, left in Nov. for talks."),
            [
                "Lt.", "Gen.", "Ahmed", "Sharif", "Chaudhry", ",", "the", "U.S.", "envoy", ",",
                "left", "in", "Nov.", "for", "talks", "."
            ]
        );
    }

    #[test]
    fn quotes_possessives_and_hyphens() {
        assert_eq!(
            words("“We’re ready,” said Pakistan’s Tehreek-e-Insaf (PTI)."),
            [
                "“",
                "We",
                "’re",
                "ready",
                ",",
                "”",
                "said",
                "Pakistan",
                "’s",
                "Tehreek-e-Insaf",
                "(",
                "PTI",
                ")",
                "."
            ]
        );
        assert_eq!(
            words("It cost $1,200.50..."),
            ["It", "cost", "$1,200.50", "..."]
        );
    }

    #[test]
    fn dashes_that_join_words_stand_alone() {
        assert_eq!(
            words("the Boston Globe—he said—and the plants--the Pontiac--are"),
            [
                "the", "Boston", "Globe", "—", "he", "said", "—", "and", "the", "plants", "--",
                "the", "Pontiac", "--", "are"
            ]
        );
        assert_eq!(
            words("Exclusive–Maria Espinoza"),
            ["Exclusive", "–", "Maria", "Espinoza"]
        );
        // Ranges, scores, hyphenated words and a dash set off by spaces stay as they were.
        assert_eq!(
            words("won 31–24 in 1990–95, a well-known --- rule -- said Rubio—"),
            [
                "won",
                "31–24",
                "in",
                "1990–95",
                ",",
                "a",
                "well-known",
                "---",
                "rule",
                "--",
                "said",
                "Rubio",
                "—"
            ]
        );
        assert_eq!(
            words("(Globe—he) —and"),
            ["(", "Globe", "—", "he", ")", "—", "and"]
        );
    }

    #[test]
    fn sentences_end_where_a_reader_would() {
        let text = "Maj. Gen. Bagheri arrived. \"We are ready.\" He met Mr. Khan in the U.S. on Monday.\nThe end";
        let toks = tokens(text);
        let got: Vec<String> = sentences(text, &toks)
            .into_iter()
            .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect();
        assert_eq!(
            got,
            [
                "Maj. Gen. Bagheri arrived.",
                "\"We are ready.\"",
                "He met Mr. Khan in the U.S. on Monday.",
                "The end"
            ]
        );
    }
}
