//! Strings laid out for an image: [`Text`], strings end to end, each found again by its
//! [`Span`]; and [`StrTable`], a hash table from strings to a pair of numbers (or to a
//! string): open addressing over fixed-size slots, the keys in one [`Text`].

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

/// A slot: the key's hash and place in the text (an empty slot has `key.len` of
/// `u32::MAX`), and the value.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct Slot {
    hash: u64,
    key: Span,
    value: Span,
}

// SAFETY: `repr(C)`, 8 + 8 + 8 bytes, no padding; any bits are a valid value.
unsafe impl Plain for Slot {}

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
    hash: 0,
    key: Span {
        start: 0,
        len: u32::MAX,
    },
    value: Span { start: 0, len: 0 },
};

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
}

impl StrTableBuilder {
    /// Adds `key` with `value`; keys must be distinct.
    pub fn insert(&mut self, key: &str, value: Span) {
        let span = self.text.put(key);
        self.entries.push((hash(key.as_bytes()), span, value));
    }

    /// Adds `key` with a string value (read back by [`StrTable::get_text`]).
    pub fn insert_text(&mut self, key: &str, value: &str) {
        let value = self.text.put(value);
        self.insert(key, value);
    }

    /// The table.
    pub fn finish(self) -> StrTable {
        // At most two thirds full: probes stay short, and the table (which a run touches
        // all over) stays small.
        let n = self.entries.len();
        let size = (n + n / 2 + 1).next_power_of_two().max(16);
        let mut slots = vec![EMPTY; size];
        for (hash, key, value) in self.entries {
            let mut i = hash as usize & (size - 1);
            while slots[i].key.len != u32::MAX {
                i = (i + 1) & (size - 1);
            }
            slots[i] = Slot { hash, key, value };
        }
        StrTable {
            slots: Store::Owned(slots),
            text: self.text.finish(),
        }
    }
}

/// FNV-1a over a key, never 0.
fn hash(key: &[u8]) -> u64 {
    crate::fnv1a(key).max(1)
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
        let h = hash(key.as_bytes());
        let mut i = h as usize & (size - 1);
        // At most every slot once, whatever the table holds.
        for _ in 0..size {
            let slot = &self.slots[i];
            if slot.key.len == u32::MAX {
                return None;
            }
            if slot.hash == h && self.text.bytes(slot.key) == key.as_bytes() {
                return Some(slot.value);
            }
            i = (i + 1) & (size - 1);
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
        if !n_slots.is_power_of_two() {
            return Err(ImageError::Corrupt(
                "a hash table's size is not a power of two",
            ));
        }
        Ok(StrTable {
            slots: Store::Mapped(r.slice(n_slots)?),
            text: Text::read(r)?,
        })
    }
}
