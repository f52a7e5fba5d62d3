//! A multiclass averaged perceptron over hashed features, stored sparsely: each feature
//! keeps weights only for the classes it was ever updated towards or away from. A
//! parser's feature sees a few of its hundred classes, so this is both small and fast:
//! scoring costs the number of stored weights, not features times classes.

use std::io::{Read, Write};

use dateline_mapped::{Image, ImageError, ImageWriter, Store};
use rustc_hash::FxHashMap;

/// A feature key: a template number and its values, hashed (see [`Key`]).
pub type Feature = u64;

/// Builds a feature key from a template number and byte strings or numbers.
///
/// The hash is FNV-1a with a final mix, written out here so that model files do not depend
/// on a hashing crate's version.
///
/// ```
/// use dateline_syntax::perceptron::Key;
/// let a = Key::new(1).text("met").number(3).finish();
/// assert_eq!(a, Key::new(1).text("met").number(3).finish());
/// assert_ne!(a, Key::new(2).text("met").number(3).finish());
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Key(u64);

impl Key {
    /// Starts a key for template `template`.
    pub fn new(template: u16) -> Key {
        Key(0xcbf2_9ce4_8422_2325 ^ u64::from(template).wrapping_mul(0x0100_0000_01b3))
    }

    /// Adds a string.
    pub fn text(self, s: &str) -> Key {
        self.bytes(s.as_bytes())
    }

    /// Adds bytes (and a separator, so that "ab"+"c" differs from "a"+"bc").
    pub fn bytes(mut self, bytes: &[u8]) -> Key {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(0x0100_0000_01b3);
        self
    }

    /// Adds a number.
    pub fn number(self, n: u64) -> Key {
        self.bytes(&n.to_le_bytes())
    }

    /// The finished key.
    pub fn finish(self) -> Feature {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// A feature key from a template number and three values, in a few multiplications (the
/// hot path: a parser computes about a hundred of these per word).
///
/// ```
/// use dateline_syntax::perceptron::mix;
/// assert_ne!(mix(1, 2, 3, 4), mix(1, 3, 2, 4));
/// ```
#[inline]
pub fn mix(template: u64, a: u64, b: u64, c: u64) -> Feature {
    let mut h = (template + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h ^ a).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 32;
    h = (h ^ b).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 29;
    h = (h ^ c).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 32)
}

/// A trained model: weights per feature and class.
///
/// Its tables are either built in memory (training, [`Model::read`]) or viewed in place
/// in an image compiled into the binary ([`Model::from_image`]), which costs nothing at
/// start-up.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The class names, in class-number order.
    pub classes: Vec<String>,
    table: Table,
}

/// Errors reading a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The bytes are not a model of this kind or version.
    #[error("not a Dateline {expected} model file of this version (magic {found:?})")]
    Magic {
        /// What was expected.
        expected: String,
        /// The first bytes found.
        found: Vec<u8>,
    },
    /// Reading or decompressing failed.
    #[error("cannot read the model: {0}")]
    Io(#[from] std::io::Error),
    /// The content is inconsistent.
    #[error("corrupt model: {0}")]
    Corrupt(&'static str),
    /// An image compiled into the binary is not what this build reads.
    #[error("model image: {0}")]
    Image(#[from] ImageError),
}

/// The layout of a model's image content (see [`Model::to_image`]).
const IMAGE_LAYOUT: u32 = 6;

/// Scores by class, with room for every class a model can have (class numbers are
/// bytes): a row's class then indexes it without a bounds check, in the loop that adds a
/// row's weights, the parser's and tagger's hottest (a quarter of the instructions of a
/// run through every enricher). Only the model's first classes are meaningful; a
/// damaged image's row that names a class past them writes where nobody reads.
pub type ClassScores = [f32; 256];

impl Model {
    /// Adds the weights of `features` to `scores` (the first [`Model::classes`] of them).
    ///
    /// The tables are larger than the processor's caches, so each lookup is a wait on
    /// memory. The lookups are made in three passes (ask for every slot; read the slots
    /// and ask for the rows their tags point to; check each row's key and add its
    /// weights) so that the waits overlap instead of following one another: measured 2x
    /// on a parse.
    #[inline]
    pub fn score(&self, features: &[Feature], scores: &mut ClassScores) {
        let table = &self.table;
        for &f in features {
            table.prefetch(f);
        }
        let mut found = [(0u64, 0u32); 96];
        let mut n = 0;
        for &f in features {
            if let Some(start) = table.candidate(f) {
                let row = table.rows.as_ptr().wrapping_add(start as usize);
                prefetch(row);
                // A row is unaligned: an average one (two weights) may run into the next
                // line, which is asked for too (the same line when it does not).
                prefetch(row.wrapping_add(ROW_HEADER + 2 * WEIGHT - 1));
                if n < found.len() {
                    found[n] = (f, start);
                    n += 1;
                } else {
                    table.add(f, start, scores);
                }
            }
        }
        for &(f, start) in &found[..n] {
            table.add(f, start, scores);
        }
    }

    /// The model without weights smaller than `threshold` in magnitude (and without the
    /// features left with none): smaller, and faster where lookups miss the cache.
    ///
    /// # Panics
    /// For a model viewed in an image (read its model file instead).
    pub fn pruned(&self, threshold: f32) -> Model {
        let rows = self.table.sorted_rows().map(|(key, row)| {
            let row = row
                .filter(|(_, w)| w.abs() >= threshold)
                .collect::<Vec<_>>();
            (key, row)
        });
        Model::from_rows(self.classes.clone(), rows)
    }

    /// A model from rows of (feature, weights by class); features without weights are
    /// left out. The rows with the most weights are laid out and indexed first, the rest
    /// in the order given: a feature seen in many configurations learned weights for many
    /// classes, so the rows a run reads most lie together and their probes end at home
    /// (see [`Table`]). The model file keeps its rows in key order whatever the layout.
    fn from_rows(
        classes: Vec<String>,
        rows: impl Iterator<Item = (Feature, Vec<(u8, f32)>)>,
    ) -> Model {
        let mut rows: Vec<_> = rows.filter(|(_, row)| !row.is_empty()).collect();
        rows.sort_by_key(|(_, row)| std::cmp::Reverse(row.len()));
        let mut table = TableBuilder::default();
        for (key, row) in &rows {
            table.push(*key, row);
        }
        Model {
            classes,
            table: table.finish(),
        }
    }

    /// Number of weights.
    pub fn weights(&self) -> usize {
        self.table
            .starts()
            .map(|start| self.table.row(start).count())
            .sum()
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.table.len
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.table.len == 0
    }

    /// Writes the model, gzipped, after `magic`; the same model gives the same bytes.
    ///
    /// # Panics
    /// For a model viewed in an image (read its model file instead).
    pub fn write(&self, magic: &[u8; 8], out: impl Write) -> std::io::Result<()> {
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::new(9));
        gz.write_all(magic)?;
        gz.write_all(&(self.classes.len() as u32).to_le_bytes())?;
        for class in &self.classes {
            gz.write_all(&(class.len() as u32).to_le_bytes())?;
            gz.write_all(class.as_bytes())?;
        }
        gz.write_all(&(self.table.len as u32).to_le_bytes())?;
        for (key, row) in self.table.sorted_rows() {
            let row: Vec<(u8, f32)> = row.collect();
            gz.write_all(&key.to_le_bytes())?;
            gz.write_all(&[row.len() as u8])?;
            for (class, weight) in row {
                gz.write_all(&[class])?;
                gz.write_all(&weight.to_le_bytes())?;
            }
        }
        gz.finish()?;
        Ok(())
    }

    /// Reads a model written by [`Model::write`] with the same `magic`.
    pub fn read(magic: &[u8; 8], compressed: &[u8]) -> Result<Model, ModelError> {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(compressed).read_to_end(&mut bytes)?;
        let mut r = Reader(&bytes);
        let found = r.take(8)?;
        if found != magic {
            return Err(ModelError::Magic {
                expected: String::from_utf8_lossy(&magic[..6]).into_owned(),
                found: found.to_vec(),
            });
        }
        let n_classes = r.u32()? as usize;
        let mut classes = Vec::with_capacity(n_classes);
        for _ in 0..n_classes {
            let len = r.u32()? as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError::Corrupt("a class name is not UTF-8"))?;
            classes.push(name.to_string());
        }
        let n = r.u32()? as usize;
        // A row takes 9 bytes at least: a damaged count reserves no more than the file holds.
        let mut rows = Vec::with_capacity(n.min(bytes.len() / 9));
        for _ in 0..n {
            let key = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
            let len = r.take(1)?[0];
            if len >= PAIR {
                return Err(ModelError::Corrupt("a row of more than 127 weights"));
            }
            let mut row = Vec::with_capacity(len as usize);
            for _ in 0..len {
                let class = r.take(1)?[0];
                if class as usize >= n_classes {
                    return Err(ModelError::Corrupt("a weight names a class out of range"));
                }
                let weight = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
                row.push((class, weight));
            }
            rows.push((key, row));
        }
        Ok(Model::from_rows(classes, rows.into_iter()))
    }

    /// The model as an image (see `dateline-mapped`) of data kind `magic`: what the build
    /// compiles into the binary for [`Model::from_image`]. The same model gives the same
    /// bytes.
    pub fn to_image(&self, magic: &[u8; 8]) -> Vec<u8> {
        let mut w = ImageWriter::new(*magic);
        w.u32(IMAGE_LAYOUT);
        w.u32(self.classes.len() as u32);
        for class in &self.classes {
            w.str(class);
        }
        w.u64(self.table.len as u64);
        w.u32(self.table.start_bits);
        w.u64(self.table.slots.len() as u64);
        w.u64(self.table.rows.len() as u64);
        w.slice(&self.table.slots);
        w.slice(&self.table.rows);
        w.finish()
    }

    /// Views a model in an image made by [`Model::to_image`]: the header and the class
    /// names are read, the tables are used where they lie.
    pub fn from_image(magic: &[u8; 8], image: &'static [u8]) -> Result<Model, ModelError> {
        let image = Image::open(image, *magic)?;
        let mut r = image.reader();
        if r.u32()? != IMAGE_LAYOUT {
            return Err(ModelError::Corrupt("a model image of another layout"));
        }
        let n_classes = r.u32()? as usize;
        if n_classes > 255 {
            return Err(ModelError::Corrupt("more than 255 classes"));
        }
        let classes = (0..n_classes)
            .map(|_| r.str().map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        let len = r.u64()? as usize;
        let start_bits = r.u32()?;
        if !(1..=32).contains(&start_bits) {
            return Err(ModelError::Corrupt(
                "the index's start field is out of range",
            ));
        }
        let n_slots = r.u64()? as usize;
        let n_bytes = r.u64()? as usize;
        if n_slots <= len {
            return Err(ModelError::Corrupt("the index has no free slot"));
        }
        // A row's place, class and length are checked where they are used (indexing), so
        // a damaged table gives a panic at worst, never a wrong read: checking every one
        // here would read every page at start-up.
        Ok(Model {
            classes,
            table: Table {
                slots: Store::Mapped(r.slice::<u32>(n_slots)?),
                rows: Store::Mapped(r.slice::<u8>(n_bytes)?),
                keys: Vec::new(),
                len,
                start_bits,
            },
        })
    }
}

/// Feature -> row of weights: open addressing with linear probing over 4-byte slots, and
/// the rows packed one after another in a byte array.
///
/// A key's 64 bits serve three parts, each from bits the others leave: its low bits
/// (as many as the index's size, a power of two, needs) pick the slot a probe starts
/// from; its top bits are the tag a slot keeps beside its row's start; the 32 bits above
/// bit 20 are the check a row keeps. A row is the check (4 bytes, little-endian), its
/// number of weights (1 byte), then 5 bytes per weight (its class, then the bits of its
/// value, little-endian), unaligned: a parser's row holds 2.2 weights on average, 16
/// bytes. A row of two weights, one the other's negation, is written as [`PAIR`] and
/// 6 bytes (a third of the parser's rows, 0.4 MB less of its table, 0.2 MB of the
/// tagger's). A slot is the byte where its row starts (its low `start_bits` bits, as few as
/// the rows need) under the tag (the rest); [`EMPTY`] marks a free slot. A lookup reads
/// slots from the key's home on until it meets an empty one or one with its tag, and
/// then compares the check in the row, which it reads anyway for the weights: a key
/// absent from the model reads a row only when a tag matches by chance (1 in 512 for the
/// parser), and takes another key's weights only when 41 bits match (tag and check:
/// about once in 10^12 lookups of absent keys, once in billions of words). The builder
/// proves that no key of the model is mistaken for another.
///
/// The index is a power of two at most two thirds full (the parser's 65%, the tagger's
/// 53%), and the rows a parse reads most are indexed first, so their probes end at home
/// (`Model::from_rows`). Measured on the parser (`cargo xtask bench parser`): with the
/// rows in the order of their keys, an index two thirds full rather than a third parsed
/// 7-13% slower; with the densest rows first, 1% slower (6 alternating pairs), for 2 MB
/// less of the parser's index and 1 MB of the tagger's, all of it resident after one
/// article. A table the program builds (training, reading a model file) also keeps each
/// row's whole key, which writing and pruning need; a table viewed in an image has only
/// the checks.
#[derive(Debug, Clone)]
struct Table {
    slots: Store<u32>,
    rows: Store<u8>,
    /// Each row's whole key and start: built tables only (empty in a viewed one).
    keys: Vec<(u64, u32)>,
    /// Number of rows.
    len: usize,
    /// Bits of a slot that hold the row's start; the tag has the others.
    start_bits: u32,
}

impl Default for Table {
    fn default() -> Table {
        TableBuilder::default().finish()
    }
}

/// A free slot. Never a row's: its start field is all ones, and a start is always less.
const EMPTY: u32 = u32::MAX;

/// Bytes of a row's check (the low half of its key).
const CHECK: usize = 4;
/// Bytes of a row's header: its check, its number of weights.
const ROW_HEADER: usize = CHECK + 1;
/// Bytes of one weight: its class, its value.
const WEIGHT: usize = 5;
/// The count byte of a row of two weights, one the other's negation (a feature updated
/// once, towards one class and away from another, as most of a parser's rare features
/// were): the two classes, then the first value alone, 6 bytes instead of 10.
const PAIR: u8 = 0x80;
/// Bytes of a pair's weights.
const PAIR_BYTES: usize = 6;

/// One weight of a row: its class, then its value's bytes (`WEIGHT` of them).
#[inline]
fn weight(bytes: &[u8]) -> (u8, f32) {
    (
        bytes[0],
        f32::from_le_bytes([bytes[1], bytes[2], bytes[3], bytes[4]]),
    )
}

/// The two weights of a pair's bytes (see [`PAIR`]): two classes, then the first value,
/// whose negation the second is.
#[inline]
fn pair(bytes: &[u8]) -> [(u8, f32); 2] {
    let value = f32::from_le_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]);
    [(bytes[0], value), (bytes[1], -value)]
}

/// Rows gathered, then indexed once their size (and so the width of a start) is known.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<u8>,
    /// Each key's row; a key given again takes its last row.
    starts: rustc_hash::FxHashMap<u64, u32>,
    /// Keys in the order first given.
    keys: Vec<u64>,
}

impl TableBuilder {
    /// Adds a row for `key`.
    fn push(&mut self, key: Feature, row: &[(u8, f32)]) {
        let key = Table::stored(key);
        let start = u32::try_from(self.rows.len()).expect("a model's rows fit in 4 GB");
        let len = u8::try_from(row.len()).expect("at most 255 classes, one weight each");
        self.rows
            .extend_from_slice(&Table::check(key).to_le_bytes());
        match *row {
            // Bit for bit: the pair reads back as the same two weights.
            [(first, value), (second, negated)] if negated.to_bits() == (-value).to_bits() => {
                self.rows.extend_from_slice(&[PAIR, first, second]);
                self.rows.extend_from_slice(&value.to_le_bytes());
            }
            _ => {
                assert!(len < PAIR, "at most 127 weights a row");
                self.rows.push(len);
                for &(class, weight) in row {
                    self.rows.push(class);
                    self.rows.extend_from_slice(&weight.to_le_bytes());
                }
            }
        }
        if self.starts.insert(key, start).is_none() {
            self.keys.push(key);
        }
    }

    /// The table: at most two thirds of its slots used.
    ///
    /// # Panics
    /// When two keys of the model share their tag and check where one's probe passes
    /// the other (a chance of about one in a million for a parser's model): the lookup
    /// could not tell them apart, and a model must be trained again with another seed.
    fn finish(self) -> Table {
        // Starts below 2^bits - 1, so that a start field is never all ones (EMPTY).
        let mut start_bits = 1;
        while start_bits < 32 && (self.rows.len() as u64) >= (1u64 << start_bits) - 1 {
            start_bits += 1;
        }
        assert!(
            (self.rows.len() as u64) < (1u64 << start_bits) - 1,
            "a model's rows fit in 4 GB"
        );
        // See [`Table`] for the measure of this size.
        let size = (self.keys.len() * 3 / 2).next_power_of_two().max(16);
        let mut slots = vec![EMPTY; size];
        for key in &self.keys {
            let start = self.starts[key];
            let mut i = Table::home(*key, size);
            while slots[i] != EMPTY {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (Table::tag(*key, start_bits) << start_bits) | start;
        }
        let keys: Vec<(u64, u32)> = self.keys.iter().map(|k| (*k, self.starts[k])).collect();
        let table = Table {
            slots: Store::Owned(slots),
            rows: Store::Owned(self.rows),
            keys,
            len: self.keys.len(),
            start_bits,
        };
        for &(key, start) in &table.keys {
            assert_eq!(
                table.find(key),
                Some(start),
                "features {key:016x} and another share the bits a lookup reads; train again with another seed"
            );
        }
        table
    }
}

impl Table {
    /// A key as stored: 0 is stored as 1, as the first versions of the format did.
    #[inline]
    fn stored(key: Feature) -> u64 {
        key.max(1)
    }

    /// The slot where a (stored) key's probe starts: its low bits (`size` is a power of
    /// two).
    #[inline]
    fn home(key: u64, size: usize) -> usize {
        key as usize & (size - 1)
    }

    /// The tag of a (stored) key: its top bits, as many as a slot has beside a start.
    #[inline]
    fn tag(key: u64, start_bits: u32) -> u32 {
        key.checked_shr(32 + start_bits).map_or(0, |t| t as u32)
    }

    /// The check a row keeps of its (stored) key: the 32 bits above the most a home
    /// slot reads (an index of 2^20 slots), below the tag's.
    #[inline]
    fn check(key: u64) -> u32 {
        (key >> 20) as u32
    }

    /// The start field of a slot.
    #[inline]
    fn start_of(&self, slot: u32) -> u32 {
        slot & (u32::MAX >> (32 - self.start_bits))
    }

    /// Asks the memory system for the slot where `key` starts its probe.
    #[inline]
    fn prefetch(&self, key: Feature) {
        if !self.slots.is_empty() {
            let i = Self::home(Self::stored(key), self.slots.len());
            prefetch(self.slots.as_ptr().wrapping_add(i));
        }
    }

    /// The start of the first row whose slot has `key`'s tag, if any (the row then says
    /// whether the check matches: see [`Table::add`]).
    #[inline]
    fn candidate(&self, key: Feature) -> Option<u32> {
        self.probe(key, false)
    }

    /// Where the row of `key` starts, if it has one.
    fn find(&self, key: Feature) -> Option<u32> {
        self.probe(key, true)
    }

    /// The slots from `key`'s home on: the first with its tag (and, when `whole`, whose
    /// row has its check).
    #[inline]
    fn probe(&self, key: Feature, whole: bool) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let key = Self::stored(key);
        let tag = Self::tag(key, self.start_bits);
        let size = self.slots.len();
        let mut i = Self::home(key, size);
        for _ in 0..size {
            let slot = self.slots[i];
            if slot == EMPTY {
                return None;
            }
            if slot.checked_shr(self.start_bits).unwrap_or(0) == tag {
                let start = self.start_of(slot);
                if !whole || self.check_at(start) == Self::check(key) {
                    return Some(start);
                }
            }
            i = (i + 1) & (size - 1);
        }
        None
    }

    /// The check of the row starting at `start`.
    #[inline]
    fn check_at(&self, start: u32) -> u32 {
        let at = start as usize;
        u32::from_le_bytes(
            self.rows[at..at + CHECK]
                .try_into()
                .expect("a check's bytes"),
        )
    }

    /// The weights of the row starting at `start`: `WEIGHT` bytes each, or a pair's
    /// `PAIR_BYTES` (see [`PAIR`]), and whether they are a pair.
    #[inline]
    fn weight_bytes(&self, start: u32) -> (&[u8], bool) {
        let at = start as usize + ROW_HEADER;
        match self.rows[at - 1] {
            PAIR => (&self.rows[at..at + PAIR_BYTES], true),
            len => (&self.rows[at..at + len as usize * WEIGHT], false),
        }
    }

    /// Adds the weights of `key`'s row to `scores`, given the row its slot pointed to;
    /// if that row is another key's (the same tag), the lookup is made in full.
    #[inline]
    fn add(&self, key: Feature, start: u32, scores: &mut ClassScores) {
        let start = if self.check_at(start) == Self::check(Self::stored(key)) {
            start
        } else {
            match self.find(key) {
                Some(start) => start,
                None => return,
            }
        };
        // The two forms read apart, not through `row`'s chained iterator: this is the
        // parser's hot path.
        match self.weight_bytes(start) {
            (bytes, true) => {
                let [(first, value), (second, negated)] = pair(bytes);
                scores[first as usize] += value;
                scores[second as usize] += negated;
            }
            (bytes, false) => {
                for (class, weight) in bytes.chunks_exact(WEIGHT).map(weight) {
                    scores[class as usize] += weight;
                }
            }
        }
    }

    /// The (class, weight) pairs of the row starting at `start`.
    fn row(&self, start: u32) -> impl Iterator<Item = (u8, f32)> + '_ {
        let (bytes, is_pair) = self.weight_bytes(start);
        let (single, pair) = match is_pair {
            true => (&[][..], Some(pair(bytes))),
            false => (bytes, None),
        };
        single
            .chunks_exact(WEIGHT)
            .map(weight)
            .chain(pair.into_iter().flatten())
    }

    /// Where each row starts, in slot order.
    fn starts(&self) -> impl Iterator<Item = u32> + '_ {
        self.slots
            .iter()
            .filter(|&&s| s != EMPTY)
            .map(|&s| self.start_of(s))
    }

    /// Every row, by key.
    ///
    /// # Panics
    /// For a table viewed in an image, which keeps only the checks of its keys.
    fn sorted_rows(&self) -> impl Iterator<Item = (Feature, impl Iterator<Item = (u8, f32)> + '_)> {
        assert!(
            self.keys.len() == self.len,
            "a model viewed in an image keeps only part of each key: read its model file to write or prune it"
        );
        let mut rows = self.keys.clone();
        rows.sort_unstable_by_key(|r| r.0);
        rows.into_iter().map(|(key, start)| (key, self.row(start)))
    }
}

/// A hint that `at` will be read soon; it never faults, whatever the address.
#[inline(always)]
fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint with no effect on memory safety: it neither reads
    // into the program nor faults on an invalid address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(at.cast::<i8>(), std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.0.len() < n {
            return Err(ModelError::Corrupt("the file ends early"));
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
}

/// One weight being learned, with what averaging needs.
#[derive(Debug, Clone, Copy)]
struct Learning {
    class: u8,
    weight: f32,
    /// Sum of the weight over the updates before `stamp`.
    total: f64,
    stamp: u64,
}

/// Learns a [`Model`] by the averaged perceptron.
#[derive(Debug, Default)]
pub struct Trainer {
    classes: Vec<String>,
    weights: FxHashMap<Feature, Vec<Learning>>,
    /// Examples seen.
    tick: u64,
}

impl Trainer {
    /// A trainer for these classes (at most 255).
    pub fn new(classes: Vec<String>) -> Trainer {
        assert!(classes.len() <= 255, "at most 255 classes");
        Trainer {
            classes,
            weights: FxHashMap::default(),
            tick: 0,
        }
    }

    /// Adds the current (not averaged) weights of `features` to `scores`.
    pub fn score(&self, features: &[Feature], scores: &mut [f32]) {
        for f in features {
            if let Some(slots) = self.weights.get(f) {
                for s in slots {
                    scores[s.class as usize] += s.weight;
                }
            }
        }
    }

    /// Counts one example; call once per decision, before any `update` for it.
    pub fn tick(&mut self) {
        self.tick += 1;
    }

    /// Moves the weights of `features` towards `truth` and away from `guess`.
    pub fn update(&mut self, features: &[Feature], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        let tick = self.tick;
        for &f in features {
            let slots = self.weights.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let slot = match slots.iter_mut().position(|s| s.class as usize == class) {
                    Some(i) => &mut slots[i],
                    None => {
                        slots.push(Learning {
                            class: class as u8,
                            weight: 0.0,
                            total: 0.0,
                            stamp: tick,
                        });
                        slots.last_mut().expect("just pushed")
                    }
                };
                slot.total += (tick - slot.stamp) as f64 * f64::from(slot.weight);
                slot.stamp = tick;
                slot.weight += delta;
            }
        }
    }

    /// The averaged model (weights that average to exactly zero are left out; see
    /// [`Model::pruned`] for a threshold).
    pub fn average(&self) -> Model {
        let tick = self.tick.max(1);
        let mut keys: Vec<&Feature> = self.weights.keys().collect();
        keys.sort_unstable();
        let rows = keys.into_iter().map(|key| {
            let mut row: Vec<(u8, f32)> = self.weights[key]
                .iter()
                .map(|s| {
                    let total = s.total + (tick - s.stamp) as f64 * f64::from(s.weight);
                    (s.class, (total / tick as f64) as f32)
                })
                .filter(|(_, w)| *w != 0.0)
                .collect();
            row.sort_by_key(|(c, _)| *c);
            (*key, row)
        });
        Model::from_rows(self.classes.clone(), rows)
    }
}

/// The best class by score among those `allowed` (ties to the lower class number).
pub fn best(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (class, &score) in scores.iter().enumerate() {
        if allowed(class) && best.is_none_or(|(_, b)| score > b) {
            best = Some((class, score));
        }
    }
    best.map(|(c, _)| c)
}

/// A small deterministic random sequence (xorshift), so that training is reproducible
/// byte for byte.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    /// A sequence from a seed.
    pub fn new(seed: u64) -> XorShift {
        XorShift(seed | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// A deterministic shuffle, so that training is reproducible byte for byte.
pub fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut random = XorShift::new(seed);
    for i in (1..items.len()).rev() {
        items.swap(i, (random.next_u64() % (i as u64 + 1)) as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let classes = vec!["a".to_string(), "b".to_string()];
        let mut trainer = Trainer::new(classes);
        let fa = Key::new(1).text("x").finish();
        let fb = Key::new(1).text("y").finish();
        for _ in 0..5 {
            for (f, truth) in [(fa, 0), (fb, 1)] {
                trainer.tick();
                let mut scores = [0.0; 2];
                trainer.score(&[f], &mut scores);
                let guess = best(&scores, |_| true).unwrap();
                trainer.update(&[f], truth, guess);
            }
        }
        let model = trainer.average();
        let mut scores = [0.0; 256];
        model.score(&[fb], &mut scores);
        assert_eq!(best(&scores[..2], |_| true), Some(1));
        let mut bytes = Vec::new();
        model.write(b"DLTEST01", &mut bytes).unwrap();
        let back = Model::read(b"DLTEST01", &bytes).unwrap();
        let mut again = [0.0; 256];
        back.score(&[fb], &mut again);
        assert_eq!(scores, again);
        assert!(matches!(
            Model::read(b"DLOTHER1", &bytes),
            Err(ModelError::Magic { .. })
        ));
    }

    fn scores_of(model: &Model, features: &[Feature]) -> Vec<f32> {
        let mut scores = [0.0; 256];
        model.score(features, &mut scores);
        scores[..model.classes.len()].to_vec()
    }

    /// A row of two weights, one the other's negation, takes 6 bytes instead of 10 and
    /// reads back as the same two weights, bit for bit, from a table, a file and an
    /// image; two weights that are not such a pair (another size, the same sign) are
    /// written whole.
    #[test]
    fn a_negated_pair_is_written_short_and_reads_back_whole() {
        let classes: Vec<String> = (0..4).map(|c| c.to_string()).collect();
        let rows: Vec<(Feature, Vec<(u8, f32)>)> = vec![
            (11, vec![(1, 1.75), (3, -1.75)]),
            (12, vec![(2, -0.3), (0, 0.3)]),
            (13, vec![(1, 1.75), (3, -1.5)]),
            (14, vec![(0, 2.0), (1, 2.0)]),
            (15, vec![(2, 4.0)]),
        ];
        let model = Model::from_rows(classes, rows.clone().into_iter());
        // Two rows of two weights (5 + 10 bytes), one of one (5 + 5), two pairs (5 + 6).
        assert_eq!(model.table.rows.len(), 2 * 15 + 10 + 2 * 11);
        let image = Box::leak(model.to_image(b"DLTEST01").into_boxed_slice());
        let aligned = Box::leak(Box::new(dateline_mapped::AlignedBuf::from(&image[..])));
        let viewed = Model::from_image(b"DLTEST01", aligned.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        model.write(b"DLTEST01", &mut bytes).unwrap();
        let back = Model::read(b"DLTEST01", &bytes).unwrap();
        let bits = |scores: Vec<f32>| scores.iter().map(|s| s.to_bits()).collect::<Vec<_>>();
        for (key, row) in &rows {
            let mut expected = vec![0.0f32; 4];
            for &(class, weight) in row {
                expected[class as usize] += weight;
            }
            for model in [&model, &viewed, &back] {
                assert_eq!(
                    bits(scores_of(model, &[*key])),
                    bits(expected.clone()),
                    "{key}"
                );
            }
        }
        let written: Vec<(Feature, Vec<(u8, f32)>)> = back
            .table
            .sorted_rows()
            .map(|(key, row)| (key, row.collect()))
            .collect();
        assert_eq!(written, rows);
        // A file whose row counts 128 weights or more is refused, not read as a pair.
        let mut file = b"DLTEST01".to_vec();
        file.extend(200u32.to_le_bytes());
        for class in 0..200u32 {
            let name = class.to_string();
            file.extend((name.len() as u32).to_le_bytes());
            file.extend(name.as_bytes());
        }
        file.extend(1u32.to_le_bytes());
        file.extend(7u64.to_le_bytes());
        file.push(128);
        for class in 0..128u8 {
            file.push(class);
            file.extend(1.0f32.to_le_bytes());
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&file).unwrap();
        assert!(matches!(
            Model::read(b"DLTEST01", &gz.finish().unwrap()),
            Err(ModelError::Corrupt(_))
        ));
    }

    /// Keys that share a home slot and a tag but not a check, or a home slot and a check
    /// but not a tag, are told apart, in a table, a file and an image.
    #[test]
    fn keys_sharing_a_tag_or_a_check_are_told_apart_through_files_and_images() {
        let classes: Vec<String> = (0..4).map(|c| c.to_string()).collect();
        let high = 0xdead_beef_u64 << 32;
        let mut rows: Vec<(Feature, Vec<(u8, f32)>)> = Vec::new();
        for i in 1..=200u64 {
            // One tag (the top bits), one home (the low bits), checks that differ.
            rows.push((high | (i << 20), vec![((i % 4) as u8, i as f32 + 1.0)]));
            // The same home and check as the row above, another tag.
            rows.push((
                high ^ (1 << 62) | (i << 20),
                vec![(((i + 1) % 4) as u8, -(i as f32))],
            ));
        }
        rows.push((high, vec![(1, 9.0), (2, 3.0)]));
        let model = Model::from_rows(classes.clone(), rows.clone().into_iter());
        assert_eq!(model.len(), 401);
        let image = Box::leak(model.to_image(b"DLTEST01").into_boxed_slice());
        let aligned = Box::leak(Box::new(dateline_mapped::AlignedBuf::from(&image[..])));
        let viewed = Model::from_image(b"DLTEST01", aligned.as_bytes()).unwrap();
        for (key, row) in &rows[..400] {
            let mut expected = vec![0.0; 4];
            for &(class, weight) in row {
                expected[class as usize] += weight;
            }
            assert_eq!(scores_of(&model, &[*key]), expected, "{key:x}");
            assert_eq!(scores_of(&viewed, &[*key]), expected, "{key:x} viewed");
        }
        assert_eq!(scores_of(&model, &[high]), vec![0.0, 9.0, 3.0, 0.0]);
        assert_eq!(
            scores_of(&viewed, &[high ^ 1 << 40]),
            vec![0.0; 4],
            "absent"
        );
        let mut bytes = Vec::new();
        model.write(b"DLTEST01", &mut bytes).unwrap();
        let back = Model::read(b"DLTEST01", &bytes).unwrap();
        for (key, _) in &rows {
            assert_eq!(scores_of(&back, &[*key]), scores_of(&model, &[*key]));
        }
        assert_eq!((back.len(), back.weights()), (401, 402));
        assert_eq!((model.len(), model.weights()), (401, 402));
    }

    /// Two keys whose bits differ only where a lookup does not read (here bit 10, above a
    /// small index's home bits and below the check's) cannot both be in a model: the
    /// builder refuses them rather than let one take the other's weights.
    #[test]
    #[should_panic(expected = "share the bits a lookup reads")]
    fn keys_a_lookup_cannot_tell_apart_are_refused() {
        let rows =
            [(1u64 << 32) | 7, (1u64 << 32) | 1 << 10 | 7].map(|key| (key, vec![(0u8, 1.0f32)]));
        Model::from_rows(vec!["a".into()], rows.into_iter());
    }

    /// A model viewed in an image keeps only checks, not whole keys: writing it is
    /// refused, not done wrong.
    #[test]
    #[should_panic(expected = "read its model file")]
    fn a_viewed_model_is_not_written() {
        let rows = (1..10u64).map(|k| (k.wrapping_mul(0x9e37_79b9_7f4a_7c15), vec![(0u8, 1.0f32)]));
        let model = Model::from_rows(vec!["a".into()], rows);
        let image = Box::leak(model.to_image(b"DLTEST01").into_boxed_slice());
        let aligned = Box::leak(Box::new(dateline_mapped::AlignedBuf::from(&image[..])));
        let viewed = Model::from_image(b"DLTEST01", aligned.as_bytes()).unwrap();
        let _ = viewed.write(b"DLTEST01", Vec::new());
    }
}
