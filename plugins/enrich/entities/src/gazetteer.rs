//! Word lists the tagger and the linker read: places from GeoNames (generated into
//! `data/places.tsv.gz` by `cargo xtask gazetteer`; GeoNames, CC BY 4.0), and the
//! titles, ranks and organization words of English news.

use std::sync::OnceLock;

use crate::features::{Lexicon, Word};
pub use crate::places::{Place, PlaceKind, Places, key_of};

/// The place gazetteer: every name and alias, lowercase, to the places it may mean.
pub struct Gazetteer {
    places: Places,
}

/// The shipped places as an image (made by build.rs from `data/places.tsv.gz`).
pub(crate) static PLACES: &[u8] =
    dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/places.image"));

impl Gazetteer {
    /// The gazetteer shipped with Dateline, viewed in place in the binary.
    pub fn shipped() -> &'static Gazetteer {
        static SHIPPED: OnceLock<Gazetteer> = OnceLock::new();
        SHIPPED.get_or_init(|| Gazetteer {
            // The image is made by this crate's build from a file it checks; failing to
            // open it is a broken build, not bad input.
            places: Places::from_image(dateline_mapped::place(PLACES))
                .expect("the places image built with Dateline"),
        })
    }

    /// Reads the TSV form: `id kind name country lat lon population aliases(|)`.
    pub fn parse(text: &str) -> Gazetteer {
        Gazetteer {
            places: Places::parse(text),
        }
    }

    /// Place number `i`, as [`Gazetteer::lookup`] gives them.
    pub fn place(&self, i: usize) -> Place<'_> {
        self.places.place(i)
    }

    /// Every place, in order.
    pub fn places(&self) -> impl Iterator<Item = Place<'_>> {
        self.places.iter()
    }

    /// The places a name may mean.
    pub fn lookup(&self, name: &str) -> &[u32] {
        self.places.lookup_key(&key_of(name))
    }

    /// Marks the lexicon classes of a sentence's words: place names (longest first),
    /// titles and organization words.
    pub fn mark(&self, words: &mut [Word]) {
        let mut i = 0;
        while i < words.len() {
            let capitalized = words[i].form.chars().next().is_some_and(char::is_uppercase);
            let mut matched = 0;
            let longest = match capitalized {
                true => self.places.longest_from(words[i].lower.as_str()),
                false => 0,
            };
            if longest > 0 {
                let mut key = String::new();
                for n in 1..=longest.min(words.len() - i) {
                    if n > 1 {
                        key.push(' ');
                    }
                    key.push_str(&words[i + n - 1].lower);
                    let found = self.places.lookup_key(key.as_str());
                    if !found.is_empty() && self.places.for_tagger(&key) {
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
                                .any(|&p| self.places.place(p as usize).kind <= PlaceKind::Nation);
                            let flags = if country { Lexicon::COUNTRY } else { 0 };
                            words[i].lexicon |= Lexicon::PLACE_BEGIN | flags;
                            for w in &mut words[i + 1..i + n] {
                                w.lexicon |= Lexicon::PLACE_INSIDE | flags;
                            }
                        }
                    }
                }
            }
            if matched == 0 && capitalized {
                self.mark_nation(words, i);
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

    /// Marks the words of a nation's name that starts at `i` ("Wales", "Northern
    /// Ireland") with [`Lexicon::NATION`]: names the tagger learned without, which the
    /// rules that keep countries' names places read all the same.
    fn mark_nation(&self, words: &mut [Word], i: usize) {
        let longest = self.places.longest_linking_from(words[i].lower.as_str());
        let mut key = String::new();
        for n in 1..=longest.min(words.len() - i) {
            if n > 1 {
                key.push(' ');
            }
            key.push_str(&words[i + n - 1].lower);
            let nation = self
                .places
                .lookup_key(&key)
                .iter()
                .any(|&p| self.places.place(p as usize).kind == PlaceKind::Nation);
            if nation && !self.places.for_tagger(&key) {
                for w in &mut words[i..i + n] {
                    w.lexicon |= Lexicon::NATION;
                }
            }
        }
    }
}

pub use dateline_syntax::clusters::WordClusters;

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
