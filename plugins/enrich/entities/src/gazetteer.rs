//! Word lists the tagger and the linker read: places from GeoNames (generated into
//! `data/places.tsv.gz` by `cargo xtask gazetteer`; GeoNames, CC BY 4.0), and the
//! titles, ranks and organization words of English news.

use rustc_hash::FxHashMap as HashMap;
use std::io::Read;
use std::sync::OnceLock;

use crate::features::{Lexicon, Word};

/// The kind of a gazetteer place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A continent.
    Continent,
    /// A country.
    Country,
    /// A first-level division (a US state).
    Region,
    /// A city or town of 15,000 people or more.
    City,
}

/// A place in the gazetteer.
#[derive(Debug, Clone)]
pub struct Place {
    /// GeoNames id.
    pub geonames_id: u64,
    /// Kind of place.
    pub kind: PlaceKind,
    /// Its GeoNames name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code (empty for continents).
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population.
    pub population: u64,
}

/// The place gazetteer: every name and alias, lowercase, to the places it may mean.
pub struct Gazetteer {
    /// All places.
    pub places: Vec<Place>,
    names: HashMap<String, Vec<u32>>,
    /// For each first word of a name, the most words a name starting with it has.
    first_words: HashMap<String, usize>,
}

static PLACES: &[u8] = include_bytes!("../data/places.tsv.gz");

impl Gazetteer {
    /// The gazetteer shipped with Dateline, read once per process.
    pub fn shipped() -> &'static Gazetteer {
        static SHIPPED: OnceLock<Gazetteer> = OnceLock::new();
        SHIPPED.get_or_init(|| Gazetteer::parse(&gunzip(PLACES)))
    }

    /// Reads the TSV form: `id kind name country lat lon population aliases(|)`.
    pub fn parse(text: &str) -> Gazetteer {
        let mut places = Vec::new();
        let mut names: HashMap<String, Vec<u32>> = HashMap::default();
        let mut first_words: HashMap<String, usize> = HashMap::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            let kind = match f[1] {
                "continent" => PlaceKind::Continent,
                "country" => PlaceKind::Country,
                "region" => PlaceKind::Region,
                _ => PlaceKind::City,
            };
            let index = places.len() as u32;
            places.push(Place {
                geonames_id: f[0].parse().unwrap_or(0),
                kind,
                name: f[2].to_string(),
                country: f[3].to_string(),
                lat: f[4].parse().unwrap_or(0.0),
                lon: f[5].parse().unwrap_or(0.0),
                population: f[6].parse().unwrap_or(0),
            });
            for name in std::iter::once(f[2]).chain(f[7].split('|').filter(|a| !a.is_empty())) {
                let key = key_of(name);
                let first = key.split(' ').next().unwrap_or_default().to_string();
                let length = first_words.entry(first).or_default();
                *length = (*length).max(key.split(' ').count());
                let entry = names.entry(key).or_default();
                if !entry.contains(&index) {
                    entry.push(index);
                }
            }
        }
        Gazetteer {
            places,
            names,
            first_words,
        }
    }

    /// The places a name may mean.
    pub fn lookup(&self, name: &str) -> &[u32] {
        self.names.get(&key_of(name)).map_or(&[], Vec::as_slice)
    }

    /// Marks the lexicon classes of a sentence's words: place names (longest first),
    /// titles and organization words.
    pub fn mark(&self, words: &mut [Word]) {
        let mut i = 0;
        while i < words.len() {
            let capitalized = words[i].form.chars().next().is_some_and(char::is_uppercase);
            let mut matched = 0;
            let longest = match capitalized {
                true => self
                    .first_words
                    .get(words[i].lower.as_str())
                    .copied()
                    .unwrap_or(0),
                false => 0,
            };
            if longest > 0 {
                let mut key = String::new();
                for n in 1..=longest.min(words.len() - i) {
                    if n > 1 {
                        key.push(' ');
                    }
                    key.push_str(&words[i + n - 1].lower);
                    if let Some(found) = self.names.get(key.as_str()) {
                        // A lowercase common word spelled like a town ("Police") is no place.
                        let last = &words[i + n - 1].form;
                        if last
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                        {
                            matched = n;
                            let country = found
                                .iter()
                                .any(|&p| self.places[p as usize].kind <= PlaceKind::Country);
                            let flags = if country { Lexicon::COUNTRY } else { 0 };
                            words[i].lexicon |= Lexicon::PLACE_BEGIN | flags;
                            for w in &mut words[i + 1..i + n] {
                                w.lexicon |= Lexicon::PLACE_INSIDE | flags;
                            }
                        }
                    }
                }
            }
            for w in &mut words[i..i + matched.max(1)] {
                if is_title(&w.lower) {
                    w.lexicon |= Lexicon::TITLE;
                }
                if is_organization_word(&w.lower) {
                    w.lexicon |= Lexicon::ORG_WORD;
                }
            }
            i += matched.max(1);
        }
    }
}

pub use dateline_syntax::clusters::WordClusters;

/// The text of a data file shipped inside the crate (compressed at build time by the
/// xtask that generated it, so a failure here is a broken build, not bad input).
fn gunzip(bytes: &[u8]) -> String {
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a shipped data file is valid gzip");
    text
}

/// The lookup form of a name: lowercase, curly apostrophes straightened, single spaces.
pub fn key_of(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars() {
            match c {
                '’' => key.push('\''),
                c => key.extend(c.to_lowercase()),
            }
        }
    }
    key
}

/// Titles, ranks and honorifics that stand before a name, lowercase.
pub const TITLES: &[&str] = &[
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr.",
    "dr",
    "prof.",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "sheikh",
    "emir",
    "sultan",
    "pope",
    "ayatollah",
    "imam",
    "cardinal",
    "bishop",
    "archbishop",
    "rev.",
    "reverend",
    "rabbi",
    "judge",
    "justice",
    "ambassador",
    "envoy",
    "general",
    "gen.",
    "lt.",
    "lieutenant",
    "maj.",
    "major",
    "col.",
    "colonel",
    "capt.",
    "captain",
    "cmdr.",
    "commander",
    "adm.",
    "admiral",
    "brig.",
    "brigadier",
    "sgt.",
    "sergeant",
    "cpl.",
    "corporal",
    "pvt.",
    "private",
    "marshal",
    "field",
    "air",
    "chief",
    "inspector",
    "detective",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chairperson",
    "ceo",
    "director",
    "commissioner",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "manager",
    "leader",
    "speaker",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "attorney",
    "prosecutor",
    "mullah",
    "maulana",
    "mufti",
    "hon.",
    "st.",
    "saint",
    "gen",
    "lt",
    "maj",
    "col",
    "capt",
];

/// Whether a lowercase word is a title or rank, or part of one.
pub fn is_title(lower: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
        std::sync::LazyLock::new(|| TITLES.iter().copied().collect());
    SET.contains(lower)
}

/// Words that end or mark organization names, lowercase.
pub const ORGANIZATION_WORDS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "ag",
    "sa",
    "gmbh",
    "group",
    "company",
    "companies",
    "bank",
    "party",
    "ministry",
    "department",
    "agency",
    "council",
    "committee",
    "commission",
    "association",
    "union",
    "university",
    "institute",
    "foundation",
    "federation",
    "league",
    "club",
    "army",
    "navy",
    "forces",
    "court",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "police",
    "office",
    "authority",
    "board",
    "bureau",
    "service",
    "services",
    "airlines",
    "airways",
    "motors",
    "holdings",
    "international",
    "organization",
    "organisation",
    "fund",
    "network",
    "times",
    "post",
    "news",
    "press",
    "television",
    "radio",
    "channel",
    "journal",
    "herald",
    "tribune",
    "reuters",
    "exchange",
    "industries",
    "systems",
    "technologies",
    "partners",
    "capital",
    "securities",
    "insurance",
    "trust",
    "fc",
    "united",
    "city",
    "rovers",
    "institution",
    "movement",
    "front",
    "alliance",
    "coalition",
    "brigade",
    "brigades",
    "battalion",
    "directorate",
    "secretariat",
    "administration",
    "school",
    "college",
    "academy",
    "hospital",
    "church",
    "society",
    "centre",
    "center",
    "corps",
    "guard",
    "cabinet",
    "headquarters",
    "command",
    "staff",
];

/// Whether a lowercase word marks organization names.
pub fn is_organization_word(lower: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
        std::sync::LazyLock::new(|| ORGANIZATION_WORDS.iter().copied().collect());
    SET.contains(lower)
}
