//! What the clustering keeps of a record: a few dozen weighted terms, the article's own
//! date and a MinHash of its wording, a few hundred bytes however long the article is.

use crate::terms::term_of_hash;
pub use crate::terms::{TermKind, mix, term};
use dateline_core::{Document, EntityType};
use dateline_mapped::fnv1a;

/// How many terms a signature keeps. Names, dates and event types go first, then the
/// words that occur most often; on ECB+ 48 terms cluster as well as all of them.
pub const MAX_TERMS: usize = 48;

/// How many MinHash values a signature keeps for near-duplicate detection.
pub const MINHASH: usize = 16;

/// Words of four consecutive tokens make the shingles the MinHash is taken over.
const SHINGLE: usize = 4;

/// The compact form of one record that story clustering works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The article's own date (published, else updated) in days since 1970-01-01.
    pub day: Option<i32>,
    /// Term hashes (kind in the low two bits), sorted, each once.
    pub terms: Box<[u32]>,
    /// How often each term occurs (saturating), parallel to `terms`.
    pub counts: Box<[u8]>,
    /// The one-permutation MinHash of the text's shingles of four words, [`MINHASH`] bins
    /// (all `u32::MAX` for a text shorter than one shingle).
    pub minhash: [u32; MINHASH],
}

impl Signature {
    /// The signature of a record.
    ///
    /// ```
    /// use dateline_core::{Document, Source};
    /// use dateline_stories::Signature;
    ///
    /// let mut doc = Document::new(Source::new("a.txt", 0, "text"));
    /// doc.published = Some("2025-01-20T09:00:00Z".into());
    /// doc.body = "The earthquake struck the coast. The earthquake killed ten.".into();
    /// let signature = Signature::of(&doc);
    /// assert_eq!(signature.day, Some(20108));
    /// assert!(!signature.terms.is_empty());
    /// ```
    pub fn of(doc: &Document) -> Signature {
        let mut found = TermCounts::default();
        for entity in &doc.entities {
            let mentions = entity.mentions.len().max(1);
            let kind = match entity.kind {
                EntityType::Person => "p",
                EntityType::Organization => "o",
                EntityType::Place => "l",
                EntityType::Other => "x",
            };
            let key = format!("{kind}:{}", entity.name.to_lowercase());
            found.add(term(&key, TermKind::Name), mentions);
            // The other names it goes by, which another story may use alone ("Saints" of
            // "New Orleans Saints"), as strongly as its name: measured against each
            // alias counted once, and as often as the text writes it.
            for alias in &entity.aliases {
                let key = format!("{kind}:{}", alias.to_lowercase());
                found.add(term(&key, TermKind::Name), mentions);
            }
        }
        for time in &doc.times {
            // Only what the text states outright: a relative date resolved against a run's
            // reference time says nothing about the story.
            let Some(year) = time
                .value
                .get(..4)
                .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
            else {
                continue;
            };
            if !time.text.contains(year) {
                continue;
            }
            found.add(term(&format!("y:{year}"), TermKind::Date), 1);
            if let Some(month) = time.value.get(..7).filter(|m| m.as_bytes()[4] == b'-') {
                found.add(term(&format!("m:{month}"), TermKind::Date), 1);
            }
        }
        for event in &doc.events {
            if event.kind != "other" {
                found.add(term(&format!("v:{}", event.kind), TermKind::Event), 1);
            }
        }
        let mut shingles = Shingles::default();
        let texts = doc
            .headline
            .iter()
            .map(String::as_str)
            .chain(doc.summary.iter().map(String::as_str))
            .chain(std::iter::once(doc.body.as_str()));
        let mut lower = String::new();
        for text in texts {
            for_each_word(text, &mut lower, |word| {
                let hash = fnv1a(word.as_bytes());
                shingles.push(hash);
                if is_content_word(word) {
                    found.add(term_of_hash(hash, TermKind::Word), 1);
                }
            });
        }
        shingles.densify();
        let (terms, counts) = found.strongest(MAX_TERMS);
        Signature {
            day: doc
                .published
                .as_deref()
                .or(doc.updated.as_deref())
                .and_then(day_of),
            terms,
            counts,
            minhash: shingles.minhash,
        }
    }

    /// The estimated Jaccard similarity of two texts' shingle sets.
    pub fn resemblance(&self, other: &Signature) -> f32 {
        resemblance(&self.minhash, &other.minhash)
    }
}

/// The signatures of many records, flat: a handful of allocations for a million records,
/// and each part can be let go as soon as clustering is done with it.
#[derive(Debug, Clone)]
pub struct Signatures {
    pub(crate) days: Vec<Option<i32>>,
    pub(crate) offsets: Vec<u32>,
    pub(crate) terms: Vec<u32>,
    pub(crate) counts: Vec<u8>,
    pub(crate) minhash: Vec<[u32; MINHASH]>,
}

impl Default for Signatures {
    fn default() -> Self {
        Signatures {
            days: Vec::new(),
            offsets: vec![0],
            terms: Vec::new(),
            counts: Vec::new(),
            minhash: Vec::new(),
        }
    }
}

impl Signatures {
    /// Appends one record's signature.
    pub fn push(&mut self, signature: Signature) {
        self.days.push(signature.day);
        self.terms.extend_from_slice(&signature.terms);
        self.counts.extend_from_slice(&signature.counts);
        self.offsets.push(self.terms.len() as u32);
        self.minhash.push(signature.minhash);
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }

    /// Record `i`'s own date, in days since 1970-01-01.
    pub fn day(&self, i: usize) -> Option<i32> {
        self.days[i]
    }

    /// Record `i`'s terms and their counts.
    pub fn terms(&self, i: usize) -> (&[u32], &[u8]) {
        let range = self.offsets[i] as usize..self.offsets[i + 1] as usize;
        (&self.terms[range.clone()], &self.counts[range])
    }

    /// Bytes held, per record.
    pub fn bytes_per_record(&self) -> usize {
        let bytes = self.days.len() * std::mem::size_of::<Option<i32>>()
            + self.offsets.len() * 4
            + self.terms.len() * 4
            + self.counts.len()
            + self.minhash.len() * std::mem::size_of::<[u32; MINHASH]>();
        bytes / self.len().max(1)
    }
}

/// The estimated Jaccard similarity of two texts' shingle sets from their MinHashes.
pub fn resemblance(a: &[u32; MINHASH], b: &[u32; MINHASH]) -> f32 {
    if a[0] == u32::MAX || b[0] == u32::MAX {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f32 / MINHASH as f32
}

/// Terms in order of first appearance, with their counts.
#[derive(Default)]
struct TermCounts {
    index: rustc_hash::FxHashMap<u32, usize>,
    found: Vec<(u32, usize)>,
}

impl TermCounts {
    fn add(&mut self, term: u32, count: usize) {
        let slot = *self.index.entry(term).or_insert_with(|| {
            self.found.push((term, 0));
            self.found.len() - 1
        });
        self.found[slot].1 += count;
    }

    /// The `limit` strongest terms, sorted by hash: names, dates and events before words,
    /// then the more frequent, then the earlier.
    fn strongest(mut self, limit: usize) -> (Box<[u32]>, Box<[u8]>) {
        let order: Vec<usize> = {
            let mut order: Vec<usize> = (0..self.found.len()).collect();
            order.sort_by_key(|&i| {
                let (term, count) = self.found[i];
                (
                    TermKind::of(term) == TermKind::Word,
                    std::cmp::Reverse(count),
                    i,
                )
            });
            order.truncate(limit);
            order
        };
        let mut kept: Vec<(u32, usize)> = order.into_iter().map(|i| self.found[i]).collect();
        kept.sort_unstable();
        self.found.clear();
        let terms = kept.iter().map(|&(term, _)| term).collect();
        let counts = kept
            .iter()
            .map(|&(_, count)| count.min(255) as u8)
            .collect();
        (terms, counts)
    }
}

/// The running MinHash of a text's word shingles.
struct Shingles {
    window: [u64; SHINGLE],
    seen: usize,
    minhash: [u32; MINHASH],
}

impl Default for Shingles {
    fn default() -> Self {
        Shingles {
            window: [0; SHINGLE],
            seen: 0,
            minhash: [u32::MAX; MINHASH],
        }
    }
}

impl Shingles {
    /// Adds the next word (its hash). One-permutation hashing: each shingle's hash goes to
    /// one of the [`MINHASH`] bins by its top bits and competes for that bin's minimum, one
    /// hash per shingle instead of one per bin.
    fn push(&mut self, word: u64) {
        self.window[self.seen % SHINGLE] = word;
        self.seen += 1;
        if self.seen < SHINGLE {
            return;
        }
        let mut shingle = 0u64;
        for k in 0..SHINGLE {
            shingle = mix(shingle ^ self.window[(self.seen + k) % SHINGLE]);
        }
        let bin = (shingle >> 60) as usize % MINHASH;
        let value = (shingle as u32).min(u32::MAX - 1);
        self.minhash[bin] = self.minhash[bin].min(value);
    }

    /// Fills each empty bin from the next filled one (circularly), marked by the distance, so
    /// that two texts compare bin for bin (rotation densification).
    fn densify(&mut self) {
        if self.minhash.iter().all(|&v| v == u32::MAX) {
            return;
        }
        let filled = self.minhash;
        for bin in 0..MINHASH {
            if filled[bin] != u32::MAX {
                continue;
            }
            let mut step = 1;
            while filled[(bin + step) % MINHASH] == u32::MAX {
                step += 1;
            }
            let from = filled[(bin + step) % MINHASH];
            self.minhash[bin] = (mix(from as u64 ^ SEEDS[step]) as u32).min(u32::MAX - 1);
        }
    }
}

/// Seeds of the MinHash functions (fixed: signatures must compare across runs).
const SEEDS: [u64; MINHASH] = {
    let mut seeds = [0u64; MINHASH];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut k = 0;
    while k < MINHASH {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[k] = state;
        k += 1;
    }
    seeds
};

/// Calls `each` with every alphanumeric word of `text`, lowercased into `buffer` ("U.S."
/// gives "u" and "s"; apostrophes end a word, so "Khan's" gives "khan" and "s"). One
/// buffer for all words: a signature is made for every record, on the sink's one thread.
///
/// ```
/// let mut words = Vec::new();
/// dateline_stories::signature::for_each_word("Khan's U.S. visit", &mut String::new(), |w| {
///     words.push(w.to_string())
/// });
/// assert_eq!(words, ["khan", "s", "u", "s", "visit"]);
/// ```
pub fn for_each_word(text: &str, buffer: &mut String, mut each: impl FnMut(&str)) {
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        buffer.clear();
        if word.is_ascii() {
            buffer.push_str(word);
            buffer.make_ascii_lowercase();
        } else {
            buffer.extend(word.chars().flat_map(char::to_lowercase));
        }
        each(buffer);
    }
}

/// Days since 1970-01-01 of an RFC 3339 time or ISO date.
///
/// ```
/// use dateline_stories::signature::day_of;
/// assert_eq!(day_of("1970-01-02"), Some(1));
/// assert_eq!(day_of("2025-01-20T09:00:00+05:00"), Some(20108));
/// assert_eq!(day_of("soon"), None);
/// ```
pub fn day_of(text: &str) -> Option<i32> {
    let date = text.get(..10)?;
    let field = |range: std::ops::Range<usize>| -> Option<i32> {
        let part = date.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (field(0..4)?, field(5..7)?, field(8..10)?);
    if date.as_bytes()[4] != b'-'
        || date.as_bytes()[7] != b'-'
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    // Days from civil: shift the year to start in March so the leap day comes last.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month = (m + 9) % 12;
    let day_of_year = (153 * month + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The date of a day number, as `YYYY-MM-DD`.
///
/// ```
/// use dateline_stories::signature::{date_of_day, day_of};
/// assert_eq!(date_of_day(day_of("2024-02-29").unwrap()), "2024-02-29");
/// assert_eq!(date_of_day(0), "1970-01-01");
/// ```
pub fn date_of_day(day: i32) -> String {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = year_of_era + era * 400 + i32::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// True for a lowercased word that becomes a [`TermKind::Word`] term: three letters or
/// more, not a stop word, not a number.
pub fn is_content_word(word: &str) -> bool {
    word.len() >= 3 && !is_stop_word(word) && !word.bytes().all(|b| b.is_ascii_digit())
}

/// Function words and the words every news story uses; they say nothing about which story.
fn is_stop_word(word: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOP_WORDS.iter().copied().collect());
    SET.contains(word)
}

const STOP_WORDS: &[&str] = &[
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "among",
    "and",
    "another",
    "any",
    "are",
    "around",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "can",
    "cannot",
    "could",
    "did",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "into",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "less",
    "like",
    "made",
    "make",
    "many",
    "may",
    "might",
    "more",
    "most",
    "much",
    "must",
    "near",
    "neither",
    "never",
    "new",
    "next",
    "nor",
    "not",
    "now",
    "off",
    "often",
    "once",
    "one",
    "only",
    "other",
    "others",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "three",
    "through",
    "told",
    "too",
    "two",
    "under",
    "until",
    "upon",
    "very",
    "was",
    "way",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
];

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::Source;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn days_round_trip_through_dates() {
        for day in [-700_000, -1, 0, 59, 60, 11_016, 20_108, 2_000_000] {
            assert_eq!(day_of(&date_of_day(day)), Some(day), "day {day}");
        }
        assert_eq!(day_of("2025-13-01"), None);
    }

    #[test]
    fn copies_resemble_each_other_and_other_stories_do_not() {
        let doc = |body: &str| {
            let mut doc = Document::new(Source::new("a.txt", 0, "text"));
            doc.body = body.into();
            Signature::of(&doc)
        };
        let wire = "A magnitude 6.1 earthquake struck off the coast of northern Chile on Sunday, \
                    the geological survey said, shaking buildings in the port city and cutting power \
                    to thousands of homes for several hours before crews restored it.";
        let rewrite = format!("{wire} Officials reported no deaths.");
        let other = "The central bank raised its main interest rate by a quarter point on Thursday, \
                     citing stubborn inflation in services and a labour market that has stayed tight \
                     through the winter despite slower growth in manufacturing.";
        assert!(doc(wire).resemblance(&doc(&rewrite)) >= 0.6);
        assert!(doc(wire).resemblance(&doc(other)) <= 0.2);
    }

    #[test]
    fn a_signature_keeps_at_most_its_budget_of_terms() {
        let mut doc = Document::new(Source::new("a.txt", 0, "text"));
        doc.body = (0..500).map(|i| format!("word{i} ")).collect();
        let signature = Signature::of(&doc);
        assert_eq!(signature.terms.len(), MAX_TERMS);
        assert!(signature.terms.windows(2).all(|w| w[0] < w[1]));
    }
}
