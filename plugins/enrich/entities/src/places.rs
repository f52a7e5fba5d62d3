//! The place tables of the gazetteer, in the layout an image keeps them in (see
//! `dateline-mapped`): fixed-size place rows, the text of their names, a string table of
//! every name and alias to its places, and a table of every first word of a name to the
//! most words a name starting with it has. The build (`build.rs`) parses
//! `data/places.tsv.gz` into these tables once and compiles the image in; a run views it.
//!
//! This file needs only `std` and `dateline-mapped`: the build script compiles it too.

use dateline_mapped::strings::{BoundTable, Span, StrTable, Text, TextBuilder};
use dateline_mapped::{Image, ImageError, ImageWriter, Plain, Store};

/// The image's data kind and content version.
pub const MAGIC: [u8; 8] = *b"DLPLACE3";

/// The kind of a gazetteer place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlaceKind {
    /// A continent.
    Continent,
    /// A country.
    Country,
    /// A nation within a country that news names as one (England, Scotland, Wales,
    /// Northern Ireland): a first-level division with a country's standing.
    Nation,
    /// A first-level division (a US state).
    Region,
    /// A city or town of 15,000 people or more.
    City,
}

impl PlaceKind {
    fn code(self) -> u8 {
        self as u8
    }

    fn from_code(code: u8) -> PlaceKind {
        match code {
            0 => PlaceKind::Continent,
            1 => PlaceKind::Country,
            2 => PlaceKind::Nation,
            3 => PlaceKind::Region,
            _ => PlaceKind::City,
        }
    }
}

/// A place in the gazetteer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place<'a> {
    /// GeoNames id.
    pub geonames_id: u64,
    /// Kind of place.
    pub kind: PlaceKind,
    /// Its GeoNames name.
    pub name: &'a str,
    /// ISO 3166-1 alpha-2 country code (empty for continents).
    pub country: &'a str,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population.
    pub population: u64,
}

#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
struct PlaceRow {
    geonames_id: u64,
    lat: f64,
    lon: f64,
    population: u64,
    name: Span,
    country: Span,
    kind: u8,
    pad: [u8; 7],
}

// SAFETY: `repr(C)`, 4 x 8 + 2 x 8 + 1 + 7 bytes with the padding spelled out; any bits
// are a valid value (a kind code past the last reads as a city).
unsafe impl Plain for PlaceRow {}

/// The places and their names.
#[derive(Debug, Clone, Default)]
pub struct Places {
    rows: Store<PlaceRow>,
    /// The places' names and countries.
    text: Text,
    /// Name key -> the places (a stretch of `ids`).
    names: StrTable,
    ids: Store<u32>,
    /// First word of a name key -> the most words a name starting with it has (at
    /// least: see [`BoundTable`]). Names for linking only are not in it. Looked up for
    /// every capitalized word a run reads, so it keeps no keys: a word that is no name's
    /// first reads as one about once in ten million, and costs lookups in `names`.
    first_words: BoundTable,
    /// Name keys that are for linking only (a set: the values are empty): names added
    /// after the entity tagger learned its features from this gazetteer, which mark no
    /// word for it (see [`Places::for_tagger`]).
    linking_only: StrTable,
    /// First word of a linking-only name key -> the most words such a name has (at
    /// least).
    linking_first_words: BoundTable,
}

impl Places {
    /// Reads the TSV form: `id kind name country lat lon population aliases(|)
    /// linking(|)`; lines starting with `#` are comments. The last column, which may be
    /// left out, lists names (the place's own or more aliases) that link a place but mark
    /// no word for the tagger.
    pub fn parse(tsv: &str) -> Places {
        let mut rows = Vec::new();
        let mut text = TextBuilder::default();
        // Names and first words in the order first met, so the same file gives the same
        // tables.
        let mut names: Vec<(String, Vec<u32>)> = Vec::new();
        let mut name_at: std::collections::HashMap<String, usize> = Default::default();
        let mut first_words: Vec<(String, u32)> = Vec::new();
        let mut first_at: std::collections::HashMap<String, usize> = Default::default();
        let mut tagged: std::collections::HashSet<String> = Default::default();
        let mut linking: Vec<String> = Vec::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 8 {
                continue;
            }
            let kind = match f[1] {
                "continent" => PlaceKind::Continent,
                "country" => PlaceKind::Country,
                "nation" => PlaceKind::Nation,
                "region" => PlaceKind::Region,
                _ => PlaceKind::City,
            };
            let index = rows.len() as u32;
            rows.push(PlaceRow {
                geonames_id: f[0].parse().unwrap_or(0),
                lat: f[4].parse().unwrap_or(0.0),
                lon: f[5].parse().unwrap_or(0.0),
                population: f[6].parse().unwrap_or(0),
                name: text.put(f[2]),
                country: text.put(f[3]),
                kind: kind.code(),
                pad: [0; 7],
            });
            let linking_names: Vec<&str> = f.get(8).map_or(Vec::new(), |l| {
                l.split('|').filter(|a| !a.is_empty()).collect()
            });
            let names_of_place = std::iter::once(f[2])
                .chain(f[7].split('|').filter(|a| !a.is_empty()))
                .chain(linking_names.iter().copied());
            for name in names_of_place {
                let key = key_of(name);
                if linking_names.contains(&name) {
                    if !linking.contains(&key) {
                        linking.push(key.clone());
                    }
                } else {
                    let first = key.split(' ').next().unwrap_or_default();
                    let words = key.split(' ').count() as u32;
                    match first_at.get(first) {
                        Some(&at) => first_words[at].1 = first_words[at].1.max(words),
                        None => {
                            first_at.insert(first.to_string(), first_words.len());
                            first_words.push((first.to_string(), words));
                        }
                    }
                    tagged.insert(key.clone());
                }
                let at = *name_at.entry(key.clone()).or_insert_with(|| {
                    names.push((key, Vec::new()));
                    names.len() - 1
                });
                if !names[at].1.contains(&index) {
                    names[at].1.push(index);
                }
            }
        }
        let mut ids = Vec::new();
        let mut name_table = StrTable::builder();
        for (key, places) in &names {
            let value = Span {
                start: ids.len() as u32,
                len: places.len() as u32,
            };
            ids.extend_from_slice(places);
            name_table.insert(key, value);
        }
        // A key that also names a place for the tagger stays the tagger's.
        let mut linking_table = StrTable::builder();
        let mut linking_first: Vec<(String, u32)> = Vec::new();
        for key in linking.iter().filter(|k| !tagged.contains(*k)) {
            let words = key.split(' ').count() as u32;
            linking_table.insert(key, Span::default());
            let first = key.split(' ').next().unwrap_or_default();
            match linking_first.iter_mut().find(|(w, _)| w == first) {
                Some(entry) => entry.1 = entry.1.max(words),
                None => linking_first.push((first.to_string(), words)),
            }
        }
        Places {
            rows: Store::Owned(rows),
            text: text.finish(),
            names: name_table.finish(),
            ids: Store::Owned(ids),
            first_words: longest_table(&first_words),
            linking_only: linking_table.finish(),
            linking_first_words: longest_table(&linking_first),
        }
    }

    /// The tables as an image (the same tables give the same bytes).
    pub fn to_image(&self) -> Vec<u8> {
        let mut w = ImageWriter::new(MAGIC);
        w.u64(self.rows.len() as u64);
        w.slice(&self.rows);
        self.text.write(&mut w);
        w.u64(self.ids.len() as u64);
        w.slice(&self.ids);
        self.names.write(&mut w);
        self.first_words.write(&mut w);
        self.linking_only.write(&mut w);
        self.linking_first_words.write(&mut w);
        w.finish()
    }

    /// Views the tables in an image made by [`Places::to_image`].
    pub fn from_image(image: &'static [u8]) -> Result<Places, ImageError> {
        let image = Image::open(image, MAGIC)?;
        let mut r = image.reader();
        let n_rows = r.u64()? as usize;
        let rows = Store::Mapped(r.slice(n_rows)?);
        let text = Text::read(&mut r)?;
        let n_ids = r.u64()? as usize;
        Ok(Places {
            rows,
            text,
            ids: Store::Mapped(r.slice(n_ids)?),
            names: StrTable::read(&mut r)?,
            first_words: BoundTable::read(&mut r)?,
            linking_only: StrTable::read(&mut r)?,
            linking_first_words: BoundTable::read(&mut r)?,
        })
    }

    /// The number of places.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Place number `i` (as [`Places::lookup_key`] gives them).
    ///
    /// # Panics
    ///
    /// If `i` is not below [`Places::len`].
    pub fn place(&self, i: usize) -> Place<'_> {
        let row = &self.rows[i];
        Place {
            geonames_id: row.geonames_id,
            kind: PlaceKind::from_code(row.kind),
            name: self.text.str(row.name),
            country: self.text.str(row.country),
            lat: row.lat,
            lon: row.lon,
            population: row.population,
        }
    }

    /// Every place, in order.
    pub fn iter(&self) -> impl Iterator<Item = Place<'_>> {
        (0..self.len()).map(|i| self.place(i))
    }

    /// The places a name key (see [`key_of`]) may mean.
    pub fn lookup_key(&self, key: &str) -> &[u32] {
        match self.names.get(key) {
            Some(span) => self
                .ids
                .get(span.start as usize..(span.start as usize).saturating_add(span.len as usize))
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// The most words a name for the tagger starting with the (lowercase) word `first`
    /// has, 0 if none: an upper bound, exact but about once in ten million words (the
    /// names found in [`Places::lookup_key`] are what count).
    pub fn longest_from(&self, first: &str) -> usize {
        usize::from(self.first_words.get(first))
    }

    /// Whether a name key that [`Places::lookup_key`] finds marks words for the tagger:
    /// false for the names for linking only.
    pub fn for_tagger(&self, key: &str) -> bool {
        self.linking_only.get(key).is_none()
    }

    /// The most words a name for linking only starting with the (lowercase) word `first`
    /// has, 0 if none (an upper bound, like [`Places::longest_from`]).
    pub fn longest_linking_from(&self, first: &str) -> usize {
        usize::from(self.linking_first_words.get(first))
    }
}

/// A table of first words to the most words a name starting with each has.
///
/// # Panics
/// For a name of more than 255 words: a mistake in the gazetteer's data.
fn longest_table(first_words: &[(String, u32)]) -> BoundTable {
    let mut table = BoundTable::builder();
    for (word, longest) in first_words {
        let longest = u8::try_from(*longest).expect("a place name of under 256 words");
        table.insert(word, longest);
    }
    table.finish()
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

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# comment\n\
        2635167\tcountry\tUnited Kingdom\tGB\t52.5\t-1.4\t66000000\tBritain|UK\n\
        2750405\tcountry\tThe Netherlands\tNL\t52.1\t5.2\t17000000\tHolland\tNetherlands\n\
        2634895\tnation\tWales\tGB\t51.9\t-3.4\t0\t\tWales\n\
        2641364\tnation\tNorthern Ireland\tGB\t54.7\t-6.2\t0\t\tNorthern Ireland\n";

    /// A name for linking only finds its place but marks no word: the tagger's tables
    /// are what they were without it.
    #[test]
    fn names_for_linking_only_find_places_but_stay_out_of_the_taggers_tables() {
        let places = Places::parse(TSV);
        let wales = places.lookup_key("wales");
        assert_eq!(wales.len(), 1);
        assert_eq!(places.place(wales[0] as usize).kind, PlaceKind::Nation);
        assert!(!places.for_tagger("wales"));
        assert_eq!(places.longest_from("wales"), 0);
        assert_eq!(places.longest_linking_from("northern"), 2);
        // An alias for linking only beside the tagger's own names of the same place.
        assert_eq!(
            places.lookup_key("netherlands"),
            places.lookup_key("holland")
        );
        assert!(!places.for_tagger("netherlands"));
        assert!(places.for_tagger("holland") && places.for_tagger("the netherlands"));
        assert_eq!(places.longest_from("the"), 2);
        // The image keeps the distinction.
        let bytes = places.to_image();
        let aligned: &'static dateline_mapped::AlignedBuf =
            Box::leak(Box::new(dateline_mapped::AlignedBuf::from(&bytes[..])));
        let viewed = Places::from_image(aligned.as_bytes()).unwrap();
        assert!(!viewed.for_tagger("northern ireland"));
        assert!(viewed.for_tagger("uk"));
        assert_eq!(viewed.lookup_key("netherlands").len(), 1);
    }

    /// A key that names one place for the tagger keeps marking words, whatever another
    /// place lists it for linking.
    #[test]
    fn a_name_the_tagger_knows_stays_the_taggers() {
        let places = Places::parse(
            "1\tcity\tWales\tUS\t0\t0\t20000\t\n2634895\tnation\tWales\tGB\t0\t0\t0\t\tWales\n",
        );
        assert!(places.for_tagger("wales"));
        assert_eq!(places.lookup_key("wales").len(), 2);
    }
}
