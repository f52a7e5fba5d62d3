//! Strings laid out for an image: [`Text`], strings end to end, each found again by its
//! [`Span`]; and [`StrTable`], a hash table from strings to a pair of numbers (or to a
//! string): open addressing over fixed-size slots, the keys in one [`Text`]; and
//! [`BoundTable`], strings to an upper bound of a small number, keeping no keys.

use crate::{ImageError, ImageReader, ImageWriter, Plain, Store};

/// A stretch of a table's text, or any two numbers a value holds.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// Where it starts.
    pub start: u32,
    /// How long it is.
    pub len: u32,
}

// SAFETY: `repr(C)`, two `u32`s, no padding; any bits are a valid value.
unsafe impl Plain for Span {}

/// A slot, 16 bytes: the low half of the key's hash (the high half chose the slot), the
/// key's place in the text, the value. Lengths are 16 bits (an empty slot has a key
/// length of `u16::MAX`): a table a run reads all over is resident whole, so its slots are
/// kept small (24 bytes with 32-bit lengths and the whole hash).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct Slot {
    tag: u32,
    key_start: u32,
    value_start: u32,
    key_len: u16,
    value_len: u16,
}

// SAFETY: `repr(C)`, 4 + 4 + 4 + 2 + 2 bytes at alignment 4, no padding; any bits are a
// valid value.
unsafe impl Plain for Slot {}

impl Slot {
    fn key(&self) -> Span {
        Span {
            start: self.key_start,
            len: u32::from(self.key_len),
        }
    }

    fn value(&self) -> Span {
        Span {
            start: self.value_start,
            len: u32::from(self.value_len),
        }
    }

    fn is_empty(&self) -> bool {
        self.key_len == u16::MAX
    }
}

/// Strings end to end, each found again by the [`Span`] [`TextBuilder::put`] gave it.
#[derive(Debug, Clone, Default)]
pub struct Text(Store<u8>);

/// Lays strings end to end for a [`Text`].
#[derive(Debug, Default)]
pub struct TextBuilder(Vec<u8>);

impl TextBuilder {
    /// Adds `s`; the span finds it again.
    pub fn put(&mut self, s: &str) -> Span {
        let span = Span {
            start: u32::try_from(self.0.len()).expect("a text under 4 GB"),
            len: u32::try_from(s.len()).expect("a string under 4 GB"),
        };
        self.0.extend_from_slice(s.as_bytes());
        span
    }

    /// The text.
    pub fn finish(self) -> Text {
        Text(Store::Owned(self.0))
    }
}

impl Text {
    /// The bytes of `span` (none where the span runs past the text).
    pub fn bytes(&self, span: Span) -> &[u8] {
        let start = span.start as usize;
        self.0
            .get(start..start.saturating_add(span.len as usize))
            .unwrap_or(&[])
    }

    /// The string of `span` (empty where the bytes are not one).
    pub fn str(&self, span: Span) -> &str {
        std::str::from_utf8(self.bytes(span)).unwrap_or("")
    }

    /// Writes the text into an image.
    pub fn write(&self, w: &mut ImageWriter) {
        w.u64(self.0.len() as u64);
        w.slice(&self.0);
    }

    /// Views a text written by [`Text::write`].
    pub fn read(r: &mut ImageReader<'static>) -> Result<Text, ImageError> {
        let len = r.u64()? as usize;
        Ok(Text(Store::Mapped(r.slice(len)?)))
    }
}

const EMPTY: Slot = Slot {
    tag: 0,
    key_start: 0,
    value_start: 0,
    key_len: u16::MAX,
    value_len: 0,
};

/// The longest key or value length a slot holds.
pub const MAX_LEN: u32 = u16::MAX as u32 - 1;

/// Strings to values, built in memory or viewed in an image.
///
/// ```
/// use dateline_mapped::strings::{Span, StrTable};
/// let mut table = StrTable::builder();
/// table.insert("paris", Span { start: 3, len: 1 });
/// table.insert_text("news", "0110");
/// let table = table.finish();
/// assert_eq!(table.get("paris"), Some(Span { start: 3, len: 1 }));
/// assert_eq!(table.get_text("news"), Some("0110"));
/// assert_eq!(table.get("london"), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct StrTable {
    slots: Store<Slot>,
    text: Text,
}

/// Collects a [`StrTable`]'s entries in the order given (the same entries in the same
/// order give the same table).
#[derive(Debug, Default)]
pub struct StrTableBuilder {
    entries: Vec<(u64, Span, Span)>,
    text: TextBuilder,
    /// String values already in the text: a value given again shares it (33,899 words
    /// have 3,190 cluster paths).
    values: std::collections::HashMap<String, Span>,
}

impl StrTableBuilder {
    /// Adds `key` with `value`; keys must be distinct, and neither a key's length nor
    /// `value.len` may pass [`MAX_LEN`] (a table is built from shipped data, so a longer
    /// one is a mistake in that data: this panics).
    pub fn insert(&mut self, key: &str, value: Span) {
        assert!(
            key.len() <= MAX_LEN as usize && value.len <= MAX_LEN,
            "a string table's key or value is longer than {MAX_LEN}: {key:?}"
        );
        let span = self.text.put(key);
        self.entries
            .push((crate::fnv1a(key.as_bytes()), span, value));
    }

    /// Adds `key` with a string value (read back by [`StrTable::get_text`]).
    pub fn insert_text(&mut self, key: &str, value: &str) {
        let value = match self.values.get(value) {
            Some(&span) => span,
            None => {
                let span = self.text.put(value);
                self.values.insert(value.to_string(), span);
                span
            }
        };
        self.insert(key, value);
    }

    /// The table.
    pub fn finish(self) -> StrTable {
        // Two thirds full: the table is small (a run touches it all over, so all of it
        // is resident), and probes short enough (a key absent from a table two thirds
        // full reads five slots on average, one of half full two and a half; each read
        // compares a 32-bit tag before any text). Any size will do: the slot is found by
        // scaling, not masking.
        let n = self.entries.len();
        let size = (n * 3 / 2 + 1).max(16);
        let mut slots = vec![EMPTY; size];
        for (hash, key, value) in self.entries {
            let mut i = home(hash, size);
            while !slots[i].is_empty() {
                i = crate::next_slot(i, size);
            }
            slots[i] = Slot {
                tag: hash as u32,
                key_start: key.start,
                value_start: value.start,
                key_len: key.len as u16,
                value_len: value.len as u16,
            };
        }
        StrTable {
            slots: Store::Owned(slots),
            text: self.text.finish(),
        }
    }
}

/// A key's first slot of `size`: the high half of its hash spread (the slot keeps the
/// low half of the hash as it is).
#[inline]
fn home(hash: u64, size: usize) -> usize {
    crate::home_slot((crate::spread(hash) >> 32) as u32, size)
}

impl StrTable {
    /// A builder.
    pub fn builder() -> StrTableBuilder {
        StrTableBuilder::default()
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<Span> {
        let size = self.slots.len();
        if size == 0 {
            return None;
        }
        let h = crate::fnv1a(key.as_bytes());
        let tag = h as u32;
        let mut i = home(h, size);
        // At most every slot once, whatever the table holds.
        for _ in 0..size {
            let slot = &self.slots[i];
            if slot.is_empty() {
                return None;
            }
            if slot.tag == tag && self.text.bytes(slot.key()) == key.as_bytes() {
                return Some(slot.value());
            }
            i = crate::next_slot(i, size);
        }
        None
    }

    /// The string value of `key` (see [`StrTableBuilder::insert_text`]).
    pub fn get_text(&self, key: &str) -> Option<&str> {
        self.get(key)
            .and_then(|span| std::str::from_utf8(self.text.bytes(span)).ok())
    }

    /// Writes the table into an image.
    pub fn write(&self, w: &mut ImageWriter) {
        w.u64(self.slots.len() as u64);
        w.slice(&self.slots);
        self.text.write(w);
    }

    /// Views a table written by [`StrTable::write`].
    pub fn read(r: &mut ImageReader<'static>) -> Result<StrTable, ImageError> {
        let n_slots = r.u64()? as usize;
        Ok(StrTable {
            slots: Store::Mapped(r.slice(n_slots)?),
            text: Text::read(r)?,
        })
    }
}

/// Strings to small numbers, keeping no key: a slot is 4 bytes, 24 bits of the key's hash
/// (its fingerprint) and the value. For a table consulted for most words a run reads,
/// whose answer only says how much more work to do (the gazetteer's "the longest name
/// starting with this word"): a run touches such a table all over, so it is resident
/// whole, and a quarter of a [`StrTable`]'s size (no key text, slots of 4 bytes, not 16)
/// is a quarter of its memory.
///
/// The answer is an upper bound. A key given reads at least its value: two keys of one
/// fingerprint on one probe share a slot, which keeps the larger value. A key not given
/// reads 0, but for one that shares a fingerprint with a given key on its probe (about
/// once in ten million lookups), which reads that key's value.
///
/// ```
/// use dateline_mapped::strings::BoundTable;
/// let mut table = BoundTable::builder();
/// table.insert("new", 3);
/// table.insert("new", 2);
/// let table = table.finish();
/// assert_eq!(table.get("new"), 3);
/// assert_eq!(table.get("london"), 0);
/// ```
#[derive(Debug, Clone, Default)]
pub struct BoundTable {
    slots: Store<u32>,
}

/// Collects a [`BoundTable`]'s entries (the same entries in the same order give the same
/// table).
#[derive(Debug, Default)]
pub struct BoundTableBuilder {
    entries: Vec<(u64, u8)>,
}

/// Bits of a [`BoundTable`] slot that hold the value (its low bits); the fingerprint
/// has the rest.
const VALUE_BITS: u32 = 8;
const VALUE_MASK: u32 = (1 << VALUE_BITS) - 1;

impl BoundTableBuilder {
    /// Adds `key` with `value`; a key given again keeps the larger value.
    pub fn insert(&mut self, key: &str, value: u8) {
        self.entries.push((crate::fnv1a(key.as_bytes()), value));
    }

    /// The table.
    pub fn finish(self) -> BoundTable {
        // Two thirds full: with 16 slots to a cache line, a probe rarely leaves its line.
        let size = (self.entries.len() * 3 / 2 + 1).max(16);
        let mut slots = vec![0u32; size];
        for (hash, value) in self.entries {
            let fingerprint = BoundTable::fingerprint(hash);
            let mut i = home(hash, size);
            loop {
                let slot = slots[i];
                if slot == 0 {
                    slots[i] = fingerprint | u32::from(value);
                    break;
                }
                if slot & !VALUE_MASK == fingerprint {
                    slots[i] = fingerprint | (slot & VALUE_MASK).max(u32::from(value));
                    break;
                }
                i = crate::next_slot(i, size);
            }
        }
        BoundTable {
            slots: Store::Owned(slots),
        }
    }
}

impl BoundTable {
    /// A builder.
    pub fn builder() -> BoundTableBuilder {
        BoundTableBuilder::default()
    }

    /// A slot's fingerprint bits for a key's hash: its low bits as they are (the home
    /// slot reads the hash spread), never all zero (an empty slot is 0).
    #[inline]
    fn fingerprint(hash: u64) -> u32 {
        ((hash as u32) >> VALUE_BITS).max(1) << VALUE_BITS
    }

    /// At least the value `key` was given, 0 for a key not given (see the type's docs).
    #[inline]
    pub fn get(&self, key: &str) -> u8 {
        let size = self.slots.len();
        if size == 0 {
            return 0;
        }
        let hash = crate::fnv1a(key.as_bytes());
        let fingerprint = Self::fingerprint(hash);
        let mut i = home(hash, size);
        // At most every slot once, whatever the table holds.
        for _ in 0..size {
            let slot = self.slots[i];
            if slot == 0 {
                return 0;
            }
            if slot & !VALUE_MASK == fingerprint {
                return (slot & VALUE_MASK) as u8;
            }
            i = crate::next_slot(i, size);
        }
        0
    }

    /// Writes the table into an image.
    pub fn write(&self, w: &mut ImageWriter) {
        w.u64(self.slots.len() as u64);
        w.slice(&self.slots);
    }

    /// Views a table written by [`BoundTable::write`].
    pub fn read(r: &mut ImageReader<'static>) -> Result<BoundTable, ImageError> {
        let n_slots = r.u64()? as usize;
        Ok(BoundTable {
            slots: Store::Mapped(r.slice(n_slots)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words that differ only in their last letters still start their probes far apart:
    /// every three-letter word in a table two thirds full is found within a few slots of
    /// its home on average (the raw FNV-1a hash gave hundreds), and so are absent words.
    #[test]
    fn probes_stay_short_for_words_alike() {
        let letters = b'a'..=b'z';
        let words: Vec<String> = letters
            .clone()
            .flat_map(|a| letters.clone().map(move |b| (a, b)))
            .flat_map(|(a, b)| {
                letters
                    .clone()
                    .map(move |c| String::from_utf8(vec![a, b, c]).unwrap())
            })
            .collect();
        let mut builder = StrTable::builder();
        for word in &words {
            builder.insert(word, Span::default());
        }
        let table = builder.finish();
        let size = table.slots.len();
        let probes = |key: &str| {
            let mut i = home(crate::fnv1a(key.as_bytes()), size);
            let mut n = 1;
            while !table.slots[i].is_empty()
                && table.text.bytes(table.slots[i].key()) != key.as_bytes()
            {
                i = crate::next_slot(i, size);
                n += 1;
            }
            n
        };
        let present = words.iter().map(|w| probes(w)).sum::<usize>() as f64 / words.len() as f64;
        let absent = words
            .iter()
            .map(|w| probes(&format!("{w}s")))
            .sum::<usize>() as f64
            / words.len() as f64;
        assert!(present < 3.0, "{present} slots a lookup of a word present");
        assert!(absent < 8.0, "{absent} slots a lookup of a word absent");
    }

    /// Every key is found with its value, through an image too, whatever the table's
    /// size (sizes are not powers of two); absent keys are not.
    #[test]
    fn every_key_is_found_and_no_other() {
        for n in [0usize, 1, 7, 100, 1000, 5000] {
            let mut builder = StrTable::builder();
            for i in 0..n {
                builder.insert(
                    &format!("key {i}"),
                    Span {
                        start: i as u32,
                        len: (i % 7) as u32,
                    },
                );
            }
            let table = builder.finish();
            let mut w = ImageWriter::new(*b"TESTSTR\0");
            table.write(&mut w);
            let bytes = crate::AlignedBuf::from(&w.finish()[..]);
            let bytes: &'static [u8] = Box::leak(Box::new(bytes)).as_bytes();
            let image = crate::Image::open(bytes, *b"TESTSTR\0").unwrap();
            let viewed = StrTable::read(&mut image.reader()).unwrap();
            for t in [&table, &viewed] {
                for i in 0..n {
                    let want = Span {
                        start: i as u32,
                        len: (i % 7) as u32,
                    };
                    assert_eq!(t.get(&format!("key {i}")), Some(want));
                }
                assert_eq!(t.get(&format!("key {n}")), None);
                assert_eq!(t.get(""), None);
            }
        }
    }

    /// Every key reads its value, through an image too; keys not given read 0 but for
    /// the rare one that shares a fingerprint on its probe.
    #[test]
    fn a_bound_table_gives_each_key_its_value() {
        for n in [0usize, 1, 7, 1000, 20_000] {
            let mut builder = BoundTable::builder();
            for i in 0..n {
                builder.insert(&format!("key {i}"), (i % 9) as u8);
            }
            let table = builder.finish();
            let mut w = ImageWriter::new(*b"TESTBND\0");
            table.write(&mut w);
            let bytes = crate::AlignedBuf::from(&w.finish()[..]);
            let bytes: &'static [u8] = Box::leak(Box::new(bytes)).as_bytes();
            let image = crate::Image::open(bytes, *b"TESTBND\0").unwrap();
            let viewed = BoundTable::read(&mut image.reader()).unwrap();
            for t in [&table, &viewed] {
                for i in 0..n {
                    assert!(t.get(&format!("key {i}")) >= (i % 9) as u8);
                }
                let exact = (0..n)
                    .filter(|i| t.get(&format!("key {i}")) == (i % 9) as u8)
                    .count();
                assert!(exact + n / 10_000 >= n, "{exact} of {n} exact");
                let absent = (n..n + 20_000)
                    .filter(|i| t.get(&format!("key {i}")) != 0)
                    .count();
                assert!(absent <= 2, "{absent} keys not given read as given");
            }
        }
    }

    /// Two keys of one fingerprint on one probe share a slot with the larger value, so
    /// that neither reads less than it was given.
    #[test]
    fn keys_sharing_a_fingerprint_share_the_larger_value() {
        let fingerprint = 0xabcd_ef00_u64;
        let mut builder = BoundTable::builder();
        builder.entries = vec![(fingerprint, 2), (fingerprint, 5), (fingerprint, 3)];
        let table = builder.finish();
        let used: Vec<u32> = table.slots.iter().copied().filter(|&s| s != 0).collect();
        assert_eq!(used, vec![0xabcd_ef05]);
    }

    /// A string value given again is kept once in the text, and read back for each key.
    #[test]
    fn string_values_given_again_share_their_text() {
        let mut builder = StrTable::builder();
        builder.insert_text("paris", "0110");
        builder.insert_text("london", "0110");
        builder.insert_text("rome", "0111");
        let table = builder.finish();
        assert_eq!(table.get("paris"), table.get("london"));
        assert_eq!(table.get_text("london"), Some("0110"));
        assert_eq!(table.get_text("rome"), Some("0111"));
        let keys = "paris".len() + "london".len() + "rome".len();
        assert_eq!(table.text.0.len(), keys + 2 * "0110".len());
    }

    #[test]
    #[should_panic(expected = "longer than")]
    fn a_key_too_long_for_a_slot_is_refused() {
        let mut builder = StrTable::builder();
        builder.insert(&"x".repeat(MAX_LEN as usize + 1), Span::default());
    }
}
