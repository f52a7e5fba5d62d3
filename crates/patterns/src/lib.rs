//! Regular expressions compiled for the text they meet.
//!
//! Dateline's patterns are written with Unicode classes (`\p{L}`, `\p{Lu}`, `\d`, ...) so
//! that names and numbers in any script are read. Compiling those classes is most of what a
//! pattern costs to build: each is a UTF-8 automaton of hundreds of ranges, repeated as
//! often as the pattern repeats it (a speaker pattern of six such classes took over 10 ms).
//! Paid at every start, that is most of a one-article run. Nearly all news text is written
//! in Latin letters and typographic punctuation, so a [`Pattern`] is compiled twice, each
//! only when first needed:
//!
//! - narrow: every class cut down to the blocks of [`NARROW`] (Latin letters and the
//!   punctuation, spaces and currency signs news sets around them), tens of times cheaper
//!   to compile;
//! - wide: the pattern as written, for text outside them.
//!
//! A text is matched narrowly only when all of its characters are in [`NARROW`];
//! [`Scope::of`] tells which. On such a text a class cut down to [`NARROW`] accepts exactly
//! the characters the full class accepts, and nothing else in the two patterns differs, so
//! both give the same matches and the same captures: which one ran never shows in the
//! output. The tests check it class by class over every character of [`NARROW`], and
//! pattern by pattern where the patterns are written.
//!
//! ```
//! use dateline_patterns::{Pattern, Scope};
//!
//! static SPEAKER: Pattern = Pattern::new(|| r"said (\p{Lu}\p{Ll}+)".into());
//!
//! let caps = SPEAKER.captures("“Not now,” said Pérez.").unwrap();
//! assert_eq!(&caps[1], "Pérez");
//! // A text in another script is served by the pattern as written.
//! assert_eq!(Scope::of("said Путин"), Scope::Wide);
//! assert_eq!(&SPEAKER.captures("said Путин").unwrap()[1], "Путин");
//! ```

use std::sync::OnceLock;

use regex::{Captures, Regex};

/// The blocks of a narrow text, and all a narrowed class keeps of its class.
pub const NARROW: &[(char, char)] = &[
    // Basic Latin, Latin-1, Latin Extended-A and -B.
    ('\u{0}', '\u{24F}'),
    // Combining diacritical marks (text in decomposed form).
    ('\u{300}', '\u{36F}'),
    // Latin Extended Additional (Vietnamese).
    ('\u{1E00}', '\u{1EFF}'),
    // General Punctuation: curly quotes, dashes, the ellipsis, thin and zero-width spaces.
    ('\u{2000}', '\u{206F}'),
    // Currency signs.
    ('\u{20A0}', '\u{20CF}'),
    // The byte-order mark.
    ('\u{FEFF}', '\u{FEFF}'),
];

/// Which compilation of a pattern serves a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every character is in [`NARROW`]: the narrowed pattern matches the text exactly as
    /// the full one does.
    Narrow,
    /// The text holds a character outside [`NARROW`] (another script, a symbol, an emoji).
    Wide,
}

impl Scope {
    /// The scope of `text`. It holds for every slice of `text` too, so a caller matching
    /// many patterns against parts of one text asks once.
    pub fn of(text: &str) -> Self {
        let narrow = text.is_ascii()
            || text
                .chars()
                .all(|c| NARROW.iter().any(|&(low, high)| low <= c && c <= high));
        if narrow { Self::Narrow } else { Self::Wide }
    }
}

/// Where a pattern's text comes from: a function (for a `static`) or a string.
enum Source {
    Function(fn() -> String),
    Text(String),
}

/// A regular expression compiled on first use, narrowly or widely as the text requires
/// (see the crate's docs). A gated pattern has a `needle` every match contains: a text
/// without it is answered without compiling anything.
pub struct Pattern {
    needle: Option<&'static str>,
    source: Source,
    narrow: OnceLock<Regex>,
    wide: OnceLock<Regex>,
}

impl Pattern {
    /// A pattern whose text `source` returns, for a `static`.
    pub const fn new(source: fn() -> String) -> Self {
        Self {
            needle: None,
            source: Source::Function(source),
            narrow: OnceLock::new(),
            wide: OnceLock::new(),
        }
    }

    /// A pattern that can only match text containing `needle` (a pattern for the rare
    /// "according to" costs nothing in an article without it).
    pub const fn gated(needle: &'static str, source: fn() -> String) -> Self {
        Self {
            needle: Some(needle),
            source: Source::Function(source),
            narrow: OnceLock::new(),
            wide: OnceLock::new(),
        }
    }

    /// A pattern from its text, compiled on first use like a `static` one: for patterns
    /// built at run time from the program's own text, which its tests compile, so that a
    /// pattern a run never needs costs nothing.
    ///
    /// # Panics
    /// At first use, when `text` is not a valid regular expression.
    pub fn lazy(text: String) -> Self {
        Self {
            needle: None,
            source: Source::Text(text),
            narrow: OnceLock::new(),
            wide: OnceLock::new(),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match &self.source {
            Source::Function(f) => f().into(),
            Source::Text(text) => text.as_str().into(),
        }
    }

    /// The captures of the leftmost match in `text`, as [`Regex::captures`] gives them.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.for_text(text)?.captures(text)
    }

    /// The leftmost match in `text`, as [`Regex::find`] gives it.
    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.for_text(text)?.find(text)
    }

    /// Whether the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.for_text(text)
            .is_some_and(|regex| regex.is_match(text))
    }

    /// The compilation that serves `text`, or `None` when `text` lacks the needle.
    fn for_text(&self, text: &str) -> Option<&Regex> {
        if self.needle.is_some_and(|needle| !text.contains(needle)) {
            return None;
        }
        Some(self.regex(Scope::of(text)))
    }

    /// The compilation that serves texts of `scope`, compiled now if it was not yet.
    /// A caller matching many patterns against one text takes [`Scope::of`] once and
    /// passes it here.
    ///
    /// # Panics
    /// When the pattern is invalid: patterns are the program's own text, which its tests
    /// compile.
    pub fn regex(&self, scope: Scope) -> &Regex {
        let cell = match scope {
            Scope::Narrow => &self.narrow,
            Scope::Wide => &self.wide,
        };
        cell.get_or_init(|| {
            let text = match scope {
                Scope::Narrow => narrowed(&self.as_str()),
                Scope::Wide => self.as_str().into_owned(),
            };
            Regex::new(&text).unwrap_or_else(|e| panic!("invalid pattern {text:?}: {e}"))
        })
    }
}

/// Matches `patterns` narrowly and widely against `count` texts made of `words` (a
/// generator seeded with `seed` picks up to 18 of them, joined by a space or not) and
/// returns how many matches agreed, or the first text on which the two compilations of a
/// pattern found different matches or captures. For the tests of the crates that write
/// patterns: the classes are proved alike here; that checks the patterns as written.
///
/// # Errors
/// The pattern and the text on which the two compilations differ.
pub fn compare_compilations(
    patterns: &[&Pattern],
    words: &[&str],
    count: usize,
    seed: u64,
) -> Result<usize, String> {
    let mut agreed = 0;
    for text in generated_texts(words, count, seed) {
        if Scope::of(&text) != Scope::Narrow {
            return Err(format!("{text:?} is not narrow text"));
        }
        for pattern in patterns {
            let spans = |scope| {
                pattern
                    .regex(scope)
                    .captures_iter(&text)
                    .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            let narrow = spans(Scope::Narrow);
            if narrow != spans(Scope::Wide) {
                return Err(format!("{} differs on {text:?}", pattern.as_str()));
            }
            agreed += narrow.len();
        }
    }
    Ok(agreed)
}

/// `count` texts of up to 18 of `words`, picked by a generator seeded with `seed` and
/// joined by a space or not: the same texts for the same arguments on every machine. For
/// tests that hold patterns against what they must (or must not) match.
pub fn generated_texts(words: &[&str], count: usize, seed: u64) -> impl Iterator<Item = String> {
    let mut state = seed | 1;
    let mut next = move |bound: usize| {
        // xorshift64: a fixed sequence for a seed, with no dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    (0..count).map(move |_| {
        let mut text = String::new();
        for _ in 0..1 + next(18) {
            if !text.is_empty() && next(4) != 0 {
                text.push(' ');
            }
            text.push_str(words[next(words.len())]);
        }
        text
    })
}

/// `pattern` with every Unicode class (`\p{L}`, `\P{Lu}`, `\d`, `\w`) intersected with
/// [`NARROW`]. A class set operation is resolved when the pattern is parsed, so what is
/// compiled is a handful of ranges. Bracketed classes and `\s` are cheap as written and
/// kept.
pub fn narrowed(pattern: &str) -> String {
    let blocks: String = NARROW
        .iter()
        .map(|&(low, high)| format!("\\x{{{:X}}}-\\x{{{:X}}}", low as u32, high as u32))
        .collect();
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let class = if escape.starts_with("\\p{") || escape.starts_with("\\P{") {
            escape.find('}').map(|end| end + 1)
        } else if escape.starts_with("\\d") || escape.starts_with("\\w") {
            Some(2)
        } else {
            None
        };
        let len = match class {
            Some(len) => {
                out.push_str(&format!("[{}&&[{blocks}]]", &escape[..len]));
                len
            }
            // Any other escape, with the character it escapes (`\\` and `\{` among them),
            // is kept as written.
            None => {
                let len = 1 + escape[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&escape[..len]);
                len
            }
        };
        rest = &escape[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowed_classes_agree_with_full_ones_on_every_narrow_character() {
        let classes = [
            r"\p{L}",
            r"\p{Lu}",
            r"\p{Ll}",
            r"\p{M}",
            r"\p{N}",
            r"\p{P}",
            r"\p{Zs}",
            r"\P{L}",
            r"\d",
            r"\w",
            r"(?i)\p{Lu}",
            r"(?i)\p{Ll}",
        ];
        for class in classes {
            let pattern = format!("^{class}$");
            let full = Regex::new(&pattern).unwrap();
            let narrow = Regex::new(&narrowed(&pattern)).unwrap();
            for &(low, high) in NARROW {
                for c in low..=high {
                    let s = c.to_string();
                    assert_eq!(
                        full.is_match(&s),
                        narrow.is_match(&s),
                        "{class} on U+{:04X}",
                        c as u32
                    );
                }
            }
        }
    }

    #[test]
    fn narrowing_rewrites_unicode_classes_only() {
        let n = narrowed(r"\p{Lu}[\p{L}\-.]\d\s+\{x\}\P{P}\S");
        assert!(n.starts_with(r"[\p{Lu}&&[\x{0}-\x{24F}"), "{n}");
        assert!(n.contains(r"[[\p{L}&&["), "{n}");
        assert!(n.contains(r"[\d&&["), "{n}");
        assert!(n.contains(r"[\P{P}&&["), "{n}");
        assert!(n.contains(r"\s+\{x\}"), "{n}");
        assert!(n.ends_with(r"]]\S"), "{n}");
        assert_eq!(narrowed(r"a\\p{L}\\d"), r"a\\p{L}\\d");
        assert_eq!(narrowed("Pérez — “x”"), "Pérez — “x”");
    }

    #[test]
    fn the_narrow_compilation_serves_latin_text_only() {
        assert_eq!(
            Scope::of("“We’re ready,” said Pérez — at 5€."),
            Scope::Narrow
        );
        assert_eq!(Scope::of("Nguyễn Thị said"), Scope::Narrow);
        assert_eq!(Scope::of("said Владимир Путин"), Scope::Wide);
        assert_eq!(Scope::of("said 習近平"), Scope::Wide);
        assert_eq!(Scope::of("it is ⅓ done"), Scope::Wide);
    }

    #[test]
    fn a_gated_pattern_compiles_nothing_for_text_without_its_needle() {
        let pattern = Pattern::gated("ccording", || r"according to (\p{Lu}\p{Ll}+)".into());
        assert!(pattern.captures("said Smith").is_none());
        assert!(pattern.narrow.get().is_none() && pattern.wide.get().is_none());
        let caps = pattern.captures("according to Smith").unwrap();
        assert_eq!(&caps[1], "Smith");
        assert!(pattern.narrow.get().is_some() && pattern.wide.get().is_none());
        let caps = pattern.captures("according to Ödön, и").unwrap();
        assert_eq!(&caps[1], "Ödön");
        assert!(pattern.wide.get().is_some());
    }

    #[test]
    fn compilations_are_compared_on_narrow_text_only() {
        static NAME: Pattern = Pattern::new(|| r"(\p{Lu}\p{Ll}+) said".into());
        let agreed =
            compare_compilations(&[&NAME], &["Pérez", "said", "’s", "—", "x"], 200, 3).unwrap();
        assert!(agreed > 10, "{agreed}");
        let error = compare_compilations(&[&NAME], &["Путин", "said"], 10, 3).unwrap_err();
        assert!(error.contains("not narrow"), "{error}");
    }

    #[test]
    fn a_pattern_from_text_compiles_at_first_use() {
        let pattern = Pattern::lazy(r"(\d+) km".into());
        assert!(pattern.narrow.get().is_none() && pattern.wide.get().is_none());
        assert_eq!(&pattern.captures("12 km").unwrap()[1], "12");
        assert_eq!(&pattern.captures("١٢ km").unwrap()[1], "١٢");
        let broken = Pattern::lazy(r"\p{Lu}(".into());
        let compile = std::panic::catch_unwind(|| broken.is_match("x"));
        assert!(compile.is_err(), "an invalid pattern fails at first use");
    }
}
