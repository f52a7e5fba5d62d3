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
//! Each compilation is itself built in two tiers: the forward automaton alone first (what
//! a short run needs), everything `regex::Regex` builds once the pattern has searched
//! enough text to earn it (see `Tiers`). Matches come back as this crate's [`Captures`]
//! and [`Match`], which read like `regex`'s.
//!
//! The program's own patterns are not compiled at start at all: the build compiles every
//! pattern its catalog lists into an image of narrow automata, and a pattern found there
//! by its text is rebuilt from its states, a tenth of what compiling costs ([`automaton`];
//! `cargo xtask patterns` writes the catalog). Any other pattern compiles from its text.
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

pub mod automaton;
mod narrow;
mod quick;

use std::ops::{Index, Range};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::meta;
use regex_automata::nfa::thompson::NFA;
use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::syntax;

pub use narrow::{NARROW, narrowed};
use quick::Quick;

/// The image of the catalog's narrow automata, which the build compiles in
/// ([`automaton`]).
static IMAGE: &[u8] = dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/patterns.image"));

/// The catalog's image, viewed in place; `None` only if the build wrote no valid image,
/// which the tests rule out (every pattern is then compiled from its text).
fn catalog() -> Option<&'static automaton::Catalog<'static>> {
    static CATALOG: OnceLock<Option<automaton::Catalog<'static>>> = OnceLock::new();
    CATALOG
        .get_or_init(|| automaton::Catalog::open(IMAGE).ok())
        .as_ref()
}

/// How many narrow quick compilations were rebuilt from the catalog's image and how many
/// compiled from their text, since the process started.
static FROM_IMAGE: AtomicUsize = AtomicUsize::new(0);
static FROM_TEXT: AtomicUsize = AtomicUsize::new(0);

/// Where a process's narrow automata came from so far: for the tests and benchmarks that
/// hold the catalog complete (a pattern it misses is compiled at every start).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builds {
    /// Rebuilt from the catalog's image.
    pub from_image: usize,
    /// Compiled from the pattern's text: the catalog does not list it.
    pub from_text: usize,
}

/// The narrow automata built so far, by where they came from.
pub fn builds() -> Builds {
    Builds {
        from_image: FROM_IMAGE.load(Ordering::Relaxed),
        from_text: FROM_TEXT.load(Ordering::Relaxed),
    }
}

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
        // Mostly ASCII with a few other characters (a pound sign, a curly quotation mark):
        // skip the ASCII runs and look up only the others.
        let mut rest = text;
        let narrow = loop {
            let Some(other) = first_non_ascii(rest.as_bytes()) else {
                break true;
            };
            rest = &rest[other..];
            let c = rest.chars().next().expect("a character starts here");
            if !NARROW.iter().any(|&(low, high)| low <= c && c <= high) {
                break false;
            }
            rest = &rest[c.len_utf8()..];
        };
        if narrow { Self::Narrow } else { Self::Wide }
    }
}

/// Where the first byte of `bytes` outside ASCII is, read a word at a time.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    for (i, word) in words.by_ref().enumerate() {
        let high =
            u64::from_le_bytes(word.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080;
        if high != 0 {
            return Some(i * 8 + (high.trailing_zeros() / 8) as usize);
        }
    }
    let tail = bytes.len() - words.remainder().len();
    words
        .remainder()
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| tail + i)
}

/// Where a pattern's text comes from: a function (for a `static`) or a string.
enum Source {
    Function(fn() -> String),
    Text(String),
}

/// A regular expression compiled on first use, narrowly or widely as the text requires
/// (see the crate's docs). A gated pattern has needles one of which every match contains:
/// a text without any is answered without compiling anything.
pub struct Pattern {
    needles: [Option<&'static str>; 2],
    source: Source,
    narrow: Tiers,
    wide: Tiers,
}

/// How many bytes of text a compilation searches with its quick engines before the full
/// ones are built. Renting before buying: the quick engines search about as many bytes
/// as a full build costs in about this much text, so a run never pays much more than
/// twice the better of the two choices. A one-article run stays on the quick engines;
/// a long run, or one long text, pays for the full build once.
const QUICK_BYTES: usize = 32 * 1024;

/// One compilation of a pattern (narrow or wide), built in two tiers.
///
/// Most of what a regular expression costs to build goes to engines that make long
/// searches fast: the reverse automaton of the lazy DFA, the literal prefilters, the
/// one-pass DFA. A short run searches little text and never earns them back. The quick
/// tier is the forward automaton alone, searched by the bounded backtracker or the Pike
/// VM (`quick`); its narrow automaton comes from the catalog's image where the catalog
/// lists the pattern ([`automaton`]). After [`QUICK_BYTES`] of text, the full tier is
/// built as `regex::Regex` builds it. Every engine of the crate reports the same
/// leftmost-first match and the same captures, so which tier served a search never shows
/// in what it found.
struct Tiers {
    quick: OnceLock<Quick>,
    full: OnceLock<meta::Regex>,
    searched: AtomicUsize,
}

impl Tiers {
    const fn new() -> Self {
        Self {
            quick: OnceLock::new(),
            full: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }

    /// The engine for a search of `text_len` bytes: the quick one, built by `automaton()`,
    /// until the full one, compiled from `text()`, has earned its build.
    fn engine(
        &self,
        text_len: usize,
        automaton: impl FnOnce() -> NFA,
        text: impl FnOnce() -> String,
    ) -> Engine<'_> {
        if let Some(full) = self.full.get() {
            return Engine::Full(full);
        }
        let searched = self.searched.fetch_add(text_len, Ordering::Relaxed);
        if searched.saturating_add(text_len) <= QUICK_BYTES {
            return Engine::Quick(self.quick.get_or_init(|| Quick::new(automaton())));
        }
        Engine::Full(self.full.get_or_init(|| build(&text())))
    }

    /// Whether any tier has been built.
    #[cfg(test)]
    fn is_built(&self) -> bool {
        self.quick.get().is_some() || self.full.get().is_some()
    }
}

/// The engines that serve one search.
#[derive(Clone, Copy)]
enum Engine<'a> {
    Quick(&'a Quick),
    Full(&'a meta::Regex),
}

impl<'a> Engine<'a> {
    fn captures(self, text: &str) -> Option<Slots> {
        let slots = match self {
            Engine::Quick(quick) => {
                let mut slots = quick.create_captures();
                quick.captures(text, &mut slots);
                slots
            }
            Engine::Full(full) => {
                let mut slots = full.create_captures();
                full.captures(text, &mut slots);
                slots
            }
        };
        slots.is_match().then_some(slots)
    }

    fn captures_iter<'t>(self, text: &'t str) -> impl Iterator<Item = Slots> + use<'a, 't> {
        match self {
            Engine::Quick(quick) => Either::Quick(quick.captures_iter(text)),
            Engine::Full(full) => Either::Full(full.captures_iter(text)),
        }
    }

    fn find(self, text: &str) -> Option<regex_automata::Match> {
        match self {
            Engine::Quick(quick) => quick.find(text),
            Engine::Full(full) => full.find(text),
        }
    }

    fn find_iter<'t>(
        self,
        text: &'t str,
    ) -> impl Iterator<Item = regex_automata::Match> + use<'a, 't> {
        match self {
            Engine::Quick(quick) => Either::Quick(quick.find_iter(text)),
            Engine::Full(full) => Either::Full(full.find_iter(text)),
        }
    }

    fn is_match(self, text: &str) -> bool {
        match self {
            Engine::Quick(quick) => quick.is_match(text),
            Engine::Full(full) => full.is_match(text),
        }
    }
}

/// The iterator of whichever engine served a search.
enum Either<Q, F> {
    Quick(Q),
    Full(F),
}

impl<T, Q: Iterator<Item = T>, F: Iterator<Item = T>> Iterator for Either<Q, F> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        match self {
            Either::Quick(quick) => quick.next(),
            Either::Full(full) => full.next(),
        }
    }
}

/// Compiles `text` with every engine `regex::Regex` builds.
///
/// # Panics
/// When the pattern is invalid: patterns are the program's own text, which its tests
/// compile.
fn build(text: &str) -> meta::Regex {
    meta::Regex::builder()
        .syntax(syntax::Config::new())
        .build(text)
        .unwrap_or_else(|e| panic!("invalid pattern {text:?}: {e}"))
}

impl Pattern {
    /// A pattern whose text `source` returns, for a `static`.
    pub const fn new(source: fn() -> String) -> Self {
        Self {
            needles: [None, None],
            source: Source::Function(source),
            narrow: Tiers::new(),
            wide: Tiers::new(),
        }
    }

    /// A pattern that can only match text containing `needle` (a pattern for the rare
    /// "according to" costs nothing in an article without it).
    pub const fn gated(needle: &'static str, source: fn() -> String) -> Self {
        Self {
            needles: [Some(needle), None],
            source: Source::Function(source),
            narrow: Tiers::new(),
            wide: Tiers::new(),
        }
    }

    /// A pattern that can only match text containing `first` or `second` ("and" or "but"
    /// before a second verb).
    pub const fn gated_either(
        first: &'static str,
        second: &'static str,
        source: fn() -> String,
    ) -> Self {
        Self {
            needles: [Some(first), Some(second)],
            source: Source::Function(source),
            narrow: Tiers::new(),
            wide: Tiers::new(),
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
            needles: [None, None],
            source: Source::Text(text),
            narrow: Tiers::new(),
            wide: Tiers::new(),
        }
    }

    /// The pattern as written.
    pub fn as_str(&self) -> std::borrow::Cow<'_, str> {
        match &self.source {
            Source::Function(f) => f().into(),
            Source::Text(text) => text.as_str().into(),
        }
    }

    /// Whether the catalog of compiled automata lists this pattern, so that its narrow
    /// automaton is rebuilt from the image rather than compiled ([`automaton`]). The
    /// crates that write patterns test it of each, so that a pattern changed without
    /// `cargo xtask patterns` fails their tests.
    pub fn is_cataloged(&self) -> bool {
        catalog().is_some_and(|catalog| catalog.find(&self.as_str()).is_some())
    }

    /// The captures of the leftmost match in `text`, as `regex::Regex::captures` gives them.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_in(self.scope(text)?, text)
    }

    /// [`Pattern::captures`] for a text whose [`Scope`] the caller took (a caller matching
    /// many patterns against one text asks [`Scope::of`] once).
    pub fn captures_in<'t>(&self, scope: Scope, text: &'t str) -> Option<Captures<'t>> {
        let slots = self.engine(scope, text).captures(text)?;
        Some(Captures { text, slots })
    }

    /// The captures of every successive non-overlapping match in `text`, as
    /// `regex::Regex::captures_iter` gives them.
    pub fn captures_iter_in<'p, 't>(
        &'p self,
        scope: Scope,
        text: &'t str,
    ) -> impl Iterator<Item = Captures<'t>> + use<'p, 't> {
        let engine = self.engine(scope, text);
        engine
            .captures_iter(text)
            .map(move |slots| Captures { text, slots })
    }

    /// The leftmost match in `text`, as `regex::Regex::find` gives it.
    pub fn find<'t>(&self, text: &'t str) -> Option<Match<'t>> {
        let found = self.engine(self.scope(text)?, text).find(text)?;
        Some(Match {
            text,
            range: found.range(),
        })
    }

    /// Every successive non-overlapping match in `text`, as `regex::Regex::find_iter`
    /// gives them.
    pub fn find_iter_in<'p, 't>(
        &'p self,
        scope: Scope,
        text: &'t str,
    ) -> impl Iterator<Item = Match<'t>> + use<'p, 't> {
        self.engine(scope, text)
            .find_iter(text)
            .map(move |found| Match {
                text,
                range: found.range(),
            })
    }

    /// Whether the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.scope(text)
            .is_some_and(|scope| self.engine(scope, text).is_match(text))
    }

    /// The scope of `text`, or `None` when the pattern is gated and `text` holds none of
    /// its needles.
    fn scope(&self, text: &str) -> Option<Scope> {
        let gated = self.needles.iter().any(Option::is_some);
        let found = self
            .needles
            .iter()
            .flatten()
            .any(|needle| text.contains(needle));
        if gated && !found {
            return None;
        }
        Some(Scope::of(text))
    }

    /// The engine that serves a search of `text` of `scope`, compiled now if it was not
    /// yet.
    ///
    /// # Panics
    /// When the pattern is invalid: patterns are the program's own text, which its tests
    /// compile.
    fn engine(&self, scope: Scope, text: &str) -> Engine<'_> {
        match scope {
            Scope::Narrow => self.narrow.engine(
                text.len(),
                || self.automaton(Scope::Narrow),
                || narrowed(&self.as_str()),
            ),
            Scope::Wide => self.wide.engine(
                text.len(),
                || self.automaton(Scope::Wide),
                || self.as_str().into_owned(),
            ),
        }
    }

    /// The forward automaton of the pattern's compilation for `scope`: a narrow one from
    /// the catalog's image where the catalog lists the pattern, else compiled from the
    /// text.
    ///
    /// # Panics
    /// When the pattern is invalid.
    fn automaton(&self, scope: Scope) -> NFA {
        let text = self.as_str();
        if scope == Scope::Wide {
            return automaton::compile(&text).unwrap_or_else(|e| panic!("{e}"));
        }
        let imaged = catalog().and_then(|catalog| catalog.find(&text));
        if let Some(nfa) = imaged.and_then(|encoded| automaton::decode(encoded).ok()) {
            FROM_IMAGE.fetch_add(1, Ordering::Relaxed);
            return nfa;
        }
        FROM_TEXT.fetch_add(1, Ordering::Relaxed);
        automaton::compile(&narrowed(&text)).unwrap_or_else(|e| panic!("{e}"))
    }
}

/// The groups of one match, as `regex::Captures` holds them: by number (0 is the whole
/// match) and by name.
pub struct Captures<'t> {
    text: &'t str,
    slots: Slots,
}

impl<'t> Captures<'t> {
    /// Group `index`, if it took part in the match.
    pub fn get(&self, index: usize) -> Option<Match<'t>> {
        let span = self.slots.get_group(index)?;
        Some(Match {
            text: self.text,
            range: span.range(),
        })
    }

    /// The group called `name`, if the pattern has it and it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'t>> {
        let span = self.slots.get_group_by_name(name)?;
        Some(Match {
            text: self.text,
            range: span.range(),
        })
    }
}

impl Index<usize> for Captures<'_> {
    type Output = str;

    /// The text of group `index`.
    ///
    /// # Panics
    /// When the group did not take part in the match.
    fn index(&self, index: usize) -> &str {
        let found = self
            .get(index)
            .unwrap_or_else(|| panic!("no group {index} in the match"));
        &self.text[found.range]
    }
}

impl Index<&str> for Captures<'_> {
    type Output = str;

    /// The text of the group called `name`.
    ///
    /// # Panics
    /// When the pattern has no such group or it did not take part in the match.
    fn index(&self, name: &str) -> &str {
        let found = self
            .name(name)
            .unwrap_or_else(|| panic!("no group {name:?} in the match"));
        &self.text[found.range]
    }
}

/// Where a pattern or a group matched in a text, as `regex::Match` tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match<'t> {
    text: &'t str,
    range: Range<usize>,
}

impl<'t> Match<'t> {
    /// The byte offset where the match starts.
    pub fn start(&self) -> usize {
        self.range.start
    }

    /// The byte offset just past the match.
    pub fn end(&self) -> usize {
        self.range.end
    }

    /// The match's byte range.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.range.clone()]
    }

    /// Whether the match is empty.
    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The match's length in bytes.
    pub fn len(&self) -> usize {
        self.range.len()
    }
}

/// Matches `patterns` against `count` texts made of `words` (a generator seeded with
/// `seed` picks up to 18 of them, joined by a space or not) with each way a pattern is
/// compiled: narrowed with the quick engines (from the catalog's image where it lists the
/// pattern), narrowed with the full ones, and as written with the full ones. Returns how
/// many matches agreed, or the first text on which two of them found different matches or
/// captures. For the tests of the crates that write patterns: the classes are proved alike
/// here; that checks the patterns as written.
///
/// # Errors
/// The pattern and the text on which two compilations differ.
pub fn compare_compilations(
    patterns: &[&Pattern],
    words: &[&str],
    count: usize,
    seed: u64,
) -> Result<usize, String> {
    let builds: Vec<(Quick, [meta::Regex; 2])> = patterns
        .iter()
        .map(|pattern| {
            (
                Quick::new(pattern.automaton(Scope::Narrow)),
                [
                    build(&narrowed(&pattern.as_str())),
                    build(&pattern.as_str()),
                ],
            )
        })
        .collect();
    let mut agreed = 0;
    for text in generated_texts(words, count, seed) {
        if Scope::of(&text) != Scope::Narrow {
            return Err(format!("{text:?} is not narrow text"));
        }
        for (pattern, engines) in patterns.iter().zip(&builds) {
            let spans = |engine: Engine| {
                engine
                    .captures_iter(text.as_str())
                    .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            let quick = spans(Engine::Quick(&engines.0));
            for (engine, name) in engines.1.iter().zip(["narrow, full", "as written"]) {
                if quick != spans(Engine::Full(engine)) {
                    return Err(format!("{} differs ({name}) on {text:?}", pattern.as_str()));
                }
            }
            agreed += quick.len();
        }
    }
    Ok(agreed)
}

/// How many `static NAME: Pattern` items `source` declares at the start of a line: for
/// the tests that hold a crate's list of its patterns (what the catalog lists) complete.
pub fn declared_statics(source: &str) -> usize {
    source
        .lines()
        .filter(|line| line.starts_with("static ") && line.contains(": Pattern ="))
        .count()
}

/// Checks that the catalog lists each of `listed`, and, where a crate's list of its
/// patterns is written by hand, that it holds as many as the crate declares (`declared`:
/// see [`declared_statics`]; `None` where the list is drawn from the patterns
/// themselves, as the times grammar's rows are). For the tests of the crates that write
/// patterns.
///
/// # Errors
/// What is missing, and the command that mends it.
pub fn check_cataloged(listed: &[&Pattern], declared: Option<usize>) -> Result<(), String> {
    if let Some(declared) = declared.filter(|&declared| declared != listed.len()) {
        return Err(format!(
            "{declared} patterns declared, {} in the crate's list of them",
            listed.len()
        ));
    }
    match listed.iter().find(|pattern| !pattern.is_cataloged()) {
        Some(pattern) => {
            let text = pattern.as_str();
            let start: String = text.chars().take(80).collect();
            let cut = if start.len() < text.len() { "..." } else { "" };
            Err(format!(
                "the catalog does not list the pattern {start:?}{cut}: run `cargo xtask patterns`"
            ))
        }
        None => Ok(()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn the_image_holds_what_compiling_the_catalog_gives() {
        let image = dateline_mapped::Image::open(IMAGE, automaton::MAGIC).unwrap();
        image.verify().unwrap();
        let catalog = catalog().expect("the build writes a valid image");
        let listed = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(automaton::CATALOG),
        )
        .unwrap();
        let listed = automaton::read_catalog(&listed).unwrap();
        assert!(listed.len() > 50, "{} patterns listed", listed.len());
        assert_eq!(catalog.len(), listed.len());
        for text in listed {
            let encoded = catalog
                .find(text)
                .unwrap_or_else(|| panic!("{text:?} not found"));
            let rebuilt = automaton::decode(encoded).unwrap();
            let compiled = automaton::compile(&narrowed(text)).unwrap();
            assert!(rebuilt.states() == compiled.states(), "{text:?}");
            assert_eq!(rebuilt.start_anchored(), compiled.start_anchored());
            assert_eq!(rebuilt.start_unanchored(), compiled.start_unanchored());
            assert_eq!(rebuilt.is_utf8(), compiled.is_utf8());
            assert_eq!(
                format!("{:?}", rebuilt.byte_classes()),
                format!("{:?}", compiled.byte_classes())
            );
            assert_eq!(rebuilt.look_set_any(), compiled.look_set_any());
            let names = |nfa: &NFA| {
                let info = nfa.group_info();
                let names: Vec<Option<String>> = info
                    .pattern_names(regex_automata::PatternID::ZERO)
                    .map(|name| name.map(String::from))
                    .collect();
                (names, info.slot_len())
            };
            assert_eq!(names(&rebuilt), names(&compiled), "{text:?}");
        }
        assert!(catalog.find("not a listed pattern").is_none());
    }

    #[test]
    fn an_automaton_survives_its_encoding() {
        // Every kind of state: ranges, sparse classes, looks, unions of two and more,
        // named and unnamed groups, a repeated group.
        for text in [
            r"(?P<first>\p{Lu}\p{Ll}+)\s+(said|told|wrote)(?:\s+(\w+))?\b",
            r"^(?i:by)\s+(?P<names>.{1,40})$",
            r"([a-z]){2,3}|x*?y+",
            r"",
        ] {
            let compiled = automaton::compile(&narrowed(text)).unwrap();
            let encoded = automaton::encode(&compiled).unwrap();
            let rebuilt = automaton::decode(&encoded).unwrap();
            assert!(rebuilt.states() == compiled.states(), "{text:?}");
            assert_eq!(format!("{rebuilt:?}"), format!("{compiled:?}"));
            let cut = automaton::decode(&encoded[..encoded.len() - 1]);
            assert!(cut.is_err(), "{text:?}");
        }
    }

    #[test]
    fn a_catalog_reads_back_what_it_wrote() {
        let patterns = ["a\nb", "line\none", "", "é == 3"];
        let text = automaton::write_catalog(patterns);
        assert_eq!(automaton::read_catalog(&text).unwrap(), patterns);
        assert!(automaton::read_catalog("== 10\nshort\n").is_err());
        assert!(automaton::read_catalog("x\n").is_err());
    }

    #[test]
    fn a_cataloged_pattern_is_rebuilt_and_others_compiled() {
        let listed = Pattern::lazy(
            automaton::read_catalog(include_str!("../data/patterns.txt")).unwrap()[0].into(),
        );
        assert!(listed.is_cataloged());
        let before = builds();
        let _ = listed.is_match("Lagos (Reuters)");
        assert!(builds().from_image > before.from_image);
        let unlisted = Pattern::lazy(r"(\d+) km".into());
        assert!(!unlisted.is_cataloged());
        let before = builds();
        assert_eq!(&unlisted.captures("12 km").unwrap()[1], "12");
        assert!(builds().from_text > before.from_text);
    }

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
    fn a_wide_character_is_found_wherever_it_stands() {
        // The scan reads eight bytes at a time: put the character at every place in and
        // across the words, after Latin characters that are not ASCII either.
        for before in 0..20 {
            for after in [0, 1, 8, 9] {
                let latin = format!("{}é{}", "a".repeat(before), "b".repeat(after));
                assert_eq!(Scope::of(&latin), Scope::Narrow, "{latin}");
                let wide = format!(
                    "{}é{}Ж{}",
                    "a".repeat(before),
                    "c".repeat(before % 9),
                    "b".repeat(after)
                );
                assert_eq!(Scope::of(&wide), Scope::Wide, "{wide}");
            }
        }
    }

    #[test]
    fn a_gated_pattern_compiles_nothing_for_text_without_its_needle() {
        let pattern = Pattern::gated("ccording", || r"according to (\p{Lu}\p{Ll}+)".into());
        assert!(pattern.captures("said Smith").is_none());
        assert!(!pattern.narrow.is_built() && !pattern.wide.is_built());
        let caps = pattern.captures("according to Smith").unwrap();
        assert_eq!(&caps[1], "Smith");
        assert!(pattern.narrow.is_built() && !pattern.wide.is_built());
        let caps = pattern.captures("according to Ödön, и").unwrap();
        assert_eq!(&caps[1], "Ödön");
        assert!(pattern.wide.is_built());
    }

    #[test]
    fn a_pattern_gated_on_either_needle_compiles_for_text_with_one() {
        let pattern = Pattern::gated_either("and", "but", || r"(and|but) (\w+)".into());
        assert!(pattern.captures("so said Smith").is_none());
        assert!(!pattern.narrow.is_built());
        assert_eq!(&pattern.captures("but said").unwrap()[2], "said");
        assert_eq!(&pattern.captures("and added").unwrap()[2], "added");
    }

    #[test]
    fn quick_engines_serve_short_runs_and_the_full_ones_long_runs_and_long_texts() {
        let pattern = Pattern::lazy(r"(\p{Lu}\p{Ll}+) said".into());
        let text = "Then Pérez said no.";
        assert_eq!(&pattern.captures(text).unwrap()[1], "Pérez");
        assert!(pattern.narrow.quick.get().is_some() && pattern.narrow.full.get().is_none());
        for _ in 0..QUICK_BYTES / text.len() {
            assert_eq!(&pattern.captures(text).unwrap()[1], "Pérez");
        }
        assert!(pattern.narrow.full.get().is_some(), "built after much text");
        assert_eq!(pattern.find(text).unwrap().as_str(), "Pérez said");

        let long = format!("{} Then Ruiz said so.", "word ".repeat(QUICK_BYTES / 5));
        let fresh = Pattern::lazy(r"(\p{Lu}\p{Ll}+) said".into());
        assert_eq!(&fresh.captures(&long).unwrap()[1], "Ruiz");
        assert!(fresh.narrow.quick.get().is_none() && fresh.narrow.full.get().is_some());
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
        assert!(!pattern.narrow.is_built() && !pattern.wide.is_built());
        assert_eq!(&pattern.captures("12 km").unwrap()[1], "12");
        assert_eq!(&pattern.captures("١٢ km").unwrap()[1], "١٢");
        let broken = Pattern::lazy(r"\p{Lu}(".into());
        let compile = std::panic::catch_unwind(|| broken.is_match("x"));
        assert!(compile.is_err(), "an invalid pattern fails at first use");
    }
}
