//! # dateline-stories
//!
//! Which records tell the same real-world story. A corpus of a million articles holds far
//! fewer stories: a wire story and its forty rewrites are one story, two earthquakes in the
//! same week are two. [`Stories`] collects a compact [`Signature`] of each record as records
//! stream past (a few hundred bytes, not the record) and clusters them when asked
//! ([`Stories::finish`]); the `stories`, `sqlite` and `report` sinks share it.
//!
//! How clustering works is in [`mod@cluster`]: names, stated dates, event types and content
//! words weighted by TF-IDF; copies found by MinHash; blocking by strong terms sorted by
//! date; average linkage over the corpus, then again inside each topic with the topic's own
//! weights; similarity decaying with the time between the articles' own dates.
//!
//! ```
//! use dateline_core::{Document, Source};
//! use dateline_stories::Stories;
//!
//! let mut stories = Stories::default();
//! for (i, body) in ["A quake hit Chile.", "A quake hit Chile.", "Rates rose."].iter().enumerate() {
//!     let mut doc = Document::new(Source::new("news.jsonl", i as u32, "jsonl"));
//!     doc.body = body.to_string();
//!     stories.add(&doc);
//! }
//! let book = stories.finish();
//! assert_eq!(book.story_of.len(), 3);
//! assert!(book.stories.iter().all(|s| !s.records.is_empty()));
//! ```

#![warn(missing_docs)]

pub mod background;
pub mod cluster;
pub mod signature;
pub mod terms;

use dateline_core::{Document, EntityType};
use rustc_hash::FxHashMap;
use serde::Serialize;

pub use cluster::{Clustering, Settings, cluster};

use background::Background;

/// The background table's image, made by the build script from data/background.tsv.gz.
static BACKGROUND: &[u8] =
    dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/background.image"));

impl Background {
    /// The shipped counts: an image compiled into the binary and viewed in place (see
    /// [`mod@background`]), opened once per process.
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
        static SHIPPED: std::sync::OnceLock<Background> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| {
            Background::from_image(dateline_mapped::place(BACKGROUND))
                .expect("the background image this build made")
        })
    }
}

pub use signature::{Signature, Signatures};

/// How many names, places and event types a story lists.
const LISTED: usize = 5;

/// One story: the records that tell it and what they share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story {
    /// Its id, `s1`, `s2`, ... in the order of each story's first record.
    pub story: String,
    /// Its records' ids, in input order.
    pub records: Vec<String>,
    /// The headline of its earliest record (by publication, then input order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// The earliest publication date of its records (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The latest publication date of its records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// The people and organizations most of its records name, most often named first.
    pub entities: Vec<String>,
    /// The places most of its records name.
    pub places: Vec<String>,
    /// The event types (PLOVER) its records report most.
    pub events: Vec<String>,
}

/// The stories of a run and the story of each record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Storybook {
    /// The stories, in the order of their first record.
    pub stories: Vec<Story>,
    /// For each record, in the order added, the index of its story in `stories`.
    pub story_of: Vec<u32>,
    /// What clustering found and what it cost.
    pub clustering: Clustering,
}

/// What stories' summaries need of each record, flat: ids and headlines in one string,
/// names (interned) in one list.
#[derive(Debug, Default)]
struct Cards {
    text: String,
    /// Per record: where its id ends and where its headline ends in `text` (it starts
    /// where the id ends); equal when it has none.
    text_ends: Vec<(usize, usize)>,
    names: Vec<u32>,
    /// Per record: where its people and organizations, places and event types end in
    /// `names`.
    name_ends: Vec<[u32; 3]>,
}

/// Which of a record's name lists.
#[derive(Debug, Clone, Copy)]
enum List {
    People = 0,
    Places = 1,
    Events = 2,
}

impl Cards {
    fn push(&mut self, id: &str, headline: Option<&str>, lists: [&[u32]; 3]) {
        self.text.push_str(id);
        let id_end = self.text.len();
        self.text.push_str(headline.unwrap_or(""));
        self.text_ends.push((id_end, self.text.len()));
        let mut ends = [0u32; 3];
        for (end, list) in ends.iter_mut().zip(lists) {
            self.names.extend_from_slice(list);
            *end = self.names.len() as u32;
        }
        self.name_ends.push(ends);
    }

    fn start(&self, r: usize) -> usize {
        if r == 0 { 0 } else { self.text_ends[r - 1].1 }
    }

    fn id(&self, r: usize) -> &str {
        &self.text[self.start(r)..self.text_ends[r].0]
    }

    fn headline(&self, r: usize) -> Option<&str> {
        let (id_end, end) = self.text_ends[r];
        (end > id_end).then(|| &self.text[id_end..end])
    }

    fn list(&self, r: usize, list: List) -> &[u32] {
        let k = list as usize;
        let start = match (k, r) {
            (0, 0) => 0,
            (0, _) => self.name_ends[r - 1][2],
            _ => self.name_ends[r][k - 1],
        };
        &self.names[start as usize..self.name_ends[r][k] as usize]
    }

    fn bytes(&self) -> usize {
        self.text.len()
            + self.text_ends.len() * 16
            + self.names.len() * 4
            + self.name_ends.len() * 12
    }
}

/// Collects records' signatures as they stream past and clusters them into stories.
#[derive(Debug, Default)]
pub struct Stories {
    settings: Settings,
    signatures: Signatures,
    cards: Cards,
    interned: FxHashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Stories {
    /// A collector that clusters with `settings`.
    pub fn new(settings: Settings) -> Self {
        Stories {
            settings,
            ..Stories::default()
        }
    }

    /// Keeps what clustering and the story summaries need of `doc`.
    pub fn add(&mut self, doc: &Document) {
        let signature = Signature::of(doc);
        let ranked = |kinds: &[EntityType], limit: usize| -> Vec<String> {
            let mut found: Vec<(usize, usize, &str)> = doc
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| kinds.contains(&e.kind))
                .map(|(i, e)| (e.mentions.len(), i, e.name.as_str()))
                .collect();
            found.sort_by_key(|&(mentions, i, _)| (std::cmp::Reverse(mentions), i));
            found
                .into_iter()
                .take(limit)
                .map(|(_, _, name)| name.to_string())
                .collect()
        };
        let names = ranked(&[EntityType::Person, EntityType::Organization], 2 * LISTED);
        let places = ranked(&[EntityType::Place], 2 * LISTED);
        let mut events: Vec<&str> = Vec::new();
        for event in &doc.events {
            if event.kind != "other" && !events.contains(&event.kind.as_str()) {
                events.push(&event.kind);
            }
        }
        let names: Vec<u32> = names.iter().map(|n| self.intern(n)).collect();
        let places: Vec<u32> = places.iter().map(|n| self.intern(n)).collect();
        let events: Vec<u32> = events.iter().map(|n| self.intern(n)).collect();
        self.signatures.push(signature);
        self.cards
            .push(&doc.id, doc.headline.as_deref(), [&names, &places, &events]);
    }

    /// How many records were added.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    /// True when no record was added.
    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// Bytes held per record on average (signature and summary card, heap included; the
    /// interned names are shared and counted once).
    pub fn bytes_per_record(&self) -> usize {
        if self.is_empty() {
            return 0;
        }
        let signatures = self.signatures.bytes_per_record() * self.len();
        let cards = self.cards.bytes();
        let strings: usize = self.strings.iter().map(|s| 2 * s.len() + 40).sum();
        (signatures + cards + strings) / self.len()
    }

    fn intern(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.interned.get(text) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(text.into());
        self.interned.insert(text.into(), id);
        id
    }

    /// Clusters the records added into stories.
    pub fn finish(mut self) -> Storybook {
        let signatures = std::mem::take(&mut self.signatures);
        let days = signatures.days.clone();
        let clustering = cluster(signatures, &self.settings);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); clustering.stories];
        for (record, &story) in clustering.labels.iter().enumerate() {
            members[story as usize].push(record);
        }
        let stories = members
            .iter()
            .enumerate()
            .map(|(k, members)| self.summarize(k, members, &days))
            .collect();
        Storybook {
            stories,
            story_of: clustering.labels.clone(),
            clustering,
        }
    }

    fn summarize(&self, k: usize, members: &[usize], day: &[Option<i32>]) -> Story {
        let days: Vec<i32> = members.iter().filter_map(|&r| day[r]).collect();
        let lead = members
            .iter()
            .filter(|&&r| self.cards.headline(r).is_some())
            .min_by_key(|&&r| (day[r].unwrap_or(i32::MAX), r));
        let top = |list: List| -> Vec<String> {
            let mut counts: FxHashMap<u32, (usize, usize)> = FxHashMap::default();
            let mut order = 0;
            for &r in members {
                for &name in self.cards.list(r, list) {
                    let entry = counts.entry(name).or_insert((0, order));
                    entry.0 += 1;
                    order += 1;
                }
            }
            let mut ranked: Vec<(u32, (usize, usize))> = counts.into_iter().collect();
            ranked.sort_by_key(|&(_, (count, first))| (std::cmp::Reverse(count), first));
            ranked
                .into_iter()
                .take(LISTED)
                .map(|(name, _)| self.strings[name as usize].to_string())
                .collect()
        };
        Story {
            story: format!("s{}", k + 1),
            records: members
                .iter()
                .map(|&r| self.cards.id(r).to_string())
                .collect(),
            headline: lead.and_then(|&r| self.cards.headline(r).map(str::to_string)),
            first_seen: days.iter().min().map(|&d| signature::date_of_day(d)),
            last_seen: days.iter().max().map(|&d| signature::date_of_day(d)),
            entities: top(List::People),
            places: top(List::Places),
            events: top(List::Events),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The image compiled in is whole and is exactly what the build makes of the
    /// committed table, and it answers every word as the text does.
    #[test]
    fn the_background_image_is_whole_and_made_from_the_committed_table() {
        dateline_mapped::Image::open(BACKGROUND, background::MAGIC)
            .unwrap()
            .verify()
            .unwrap();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/background.tsv.gz");
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(&std::fs::read(path).unwrap()[..]),
            &mut text,
        )
        .unwrap();
        let parsed = Background::parse(&text);
        assert!(parsed.to_image() == BACKGROUND, "the image differs");
        let shipped = Background::shipped();
        for word in text
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(w, _)| w)
        {
            let term = signature::term(word, signature::TermKind::Word);
            assert_eq!(shipped.documents(term), parsed.documents(term), "{word}");
        }
    }
}
