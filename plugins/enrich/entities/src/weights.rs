//! The entity tagger's weights in the layout an image keeps them in (see
//! `dateline-mapped`): one open-addressing table from a feature key to its row of weights,
//! held inline so that a lookup touches one cache line, and the file format those rows are
//! written in. The build (`build.rs`) reads `model/ner.bin.gz` into this table once and
//! compiles the image in; a run views it.
//!
//! This file needs only `std` and `dateline-mapped`: the build script compiles it too.

use dateline_mapped::{Image, ImageError, ImageWriter, Plain, Store, next_slot};

/// Weights per row: one per label.
pub const WIDTH: usize = 9;

/// The model file's magic (format and content version); the image's too.
pub const MAGIC: [u8; 8] = *b"DLNER\x00\x02\x00";

/// A feature's weights as the model file holds them: 16-bit steps of the row's own
/// scale. Kept so in memory too: a row is 22 bytes instead of 36, and the table's cache
/// misses, the tagger's main cost, fall with its size.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// The scale: a weight is `q * step`.
    pub step: f32,
    /// The weights in steps.
    pub q: [i16; WIDTH],
}

impl Row {
    /// The nearest row to `weights`, or `None` for a row of zeros.
    pub fn quantize(weights: &[f32; WIDTH]) -> Option<Row> {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        if max == 0.0 {
            return None;
        }
        let step = max / 32000.0;
        let mut q = [0i16; WIDTH];
        for (q, w) in q.iter_mut().zip(weights) {
            *q = (w / step).round() as i16;
        }
        Some(Row { step, q })
    }

    /// The weights.
    pub fn weights(&self) -> [f32; WIDTH] {
        self.q.map(|q| f32::from(q) * self.step)
    }
}

/// A slot: a key and its row, or a free slot, whose step is 0 (a stored row's is not: a
/// row of zeros is not stored). 26 bytes at alignment 2: without a field of its own to
/// mark a free slot, and unpadded (28 bytes before), the shipped model's 223,000 slots
/// take 0.45 MB less.
#[repr(C, packed(2))]
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    step: f32,
    q: [i16; WIDTH],
}

impl Slot {
    fn is_free(&self) -> bool {
        self.step == 0.0
    }
}

// SAFETY: `repr(C, packed(2))`, 4 + 4 + 18 bytes at alignment 2, no padding; any bits
// are a valid value.
unsafe impl Plain for Slot {}

/// Feature key -> row.
#[derive(Debug, Clone, Default)]
pub struct FeatureTable {
    slots: Store<Slot>,
    len: usize,
}

impl FeatureTable {
    /// A table of these rows (keys distinct).
    pub fn from_rows(rows: Vec<(u32, Row)>) -> FeatureTable {
        // Two thirds full: nine lookups in ten find their row, and a row is read where
        // its probe ends, so the rows are kept inline and probes short. (Half full took
        // 11.2 MB instead of 8.4, every page of it resident after one article, for the
        // same speed; a power of two at most half full, 14.7 MB.)
        let size = (rows.len() * 3 / 2 + 1).max(16);
        let mut slots = vec![Slot::default(); size];
        let mut len = 0;
        for (key, row) in rows.into_iter().filter(|(_, row)| row.step != 0.0) {
            let mut i = home(key, size);
            while !slots[i].is_free() && { slots[i].key } != key {
                i = next_slot(i, size);
            }
            if slots[i].is_free() {
                len += 1;
            }
            slots[i] = Slot {
                key,
                step: row.step,
                q: row.q,
            };
        }
        FeatureTable {
            slots: Store::Owned(slots),
            len,
        }
    }

    /// The row of `key`.
    #[inline]
    pub fn get(&self, key: u32) -> Option<Row> {
        let size = self.slots.len();
        if size == 0 {
            return None;
        }
        let mut i = home(key, size);
        // At most every slot once, whatever the table holds.
        for _ in 0..size {
            let slot = self.slots[i];
            if slot.is_free() {
                return None;
            }
            if { slot.key } == key {
                return Some(Row {
                    step: slot.step,
                    q: slot.q,
                });
            }
            i = next_slot(i, size);
        }
        None
    }

    /// Every key and row, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, Row)> + '_ {
        self.slots.iter().filter(|s| !s.is_free()).map(|s| {
            (
                s.key,
                Row {
                    step: s.step,
                    q: s.q,
                },
            )
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// A key's first slot of `size`: keys are hashes already; a multiply spreads their bits
/// to the top, and the top 32 bits are scaled to the size.
#[inline]
fn home(key: u32, size: usize) -> usize {
    let spread = u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
    dateline_mapped::home_slot(spread as u32, size)
}

/// Everything a model file holds.
#[derive(Debug, Clone)]
pub struct Parts {
    /// 0 greedy, 1 Viterbi.
    pub decoder: u8,
    /// 0 for none, else the domain whose copies the model tags with.
    pub domain: u8,
    /// What the model says of itself.
    pub about: String,
    /// `(WIDTH + 1) * WIDTH` transition weights.
    pub transitions: Vec<f32>,
    /// The rows.
    pub table: FeatureTable,
}

impl Parts {
    /// Reads the (decompressed) model file format.
    pub fn parse(bytes: &[u8]) -> Result<Parts, String> {
        let mut at = 0;
        let mut take = |n: usize| -> Result<&[u8], String> {
            let slice = bytes
                .get(at..at + n)
                .ok_or_else(|| "model file is truncated".to_string())?;
            at += n;
            Ok(slice)
        };
        if take(8)? != MAGIC {
            return Err("not a Dateline tagger model (or another version of the format)".into());
        }
        let u32_of = |b: &[u8]| u32::from_le_bytes(b.try_into().expect("4 bytes"));
        let decoder = take(1)?[0];
        if decoder > 1 {
            return Err("unknown decoder".into());
        }
        let domain = take(1)?[0];
        let about_len = u32_of(take(4)?) as usize;
        let about =
            String::from_utf8(take(about_len)?.to_vec()).map_err(|_| "bad header".to_string())?;
        let mut transitions = Vec::with_capacity((WIDTH + 1) * WIDTH);
        for _ in 0..(WIDTH + 1) * WIDTH {
            transitions.push(f32::from_le_bytes(take(4)?.try_into().expect("4 bytes")));
        }
        let n = u32_of(take(4)?) as usize;
        let mut rows = Vec::with_capacity(n);
        for _ in 0..n {
            let key = u32_of(take(4)?);
            let step = f32::from_le_bytes(take(4)?.try_into().expect("4 bytes"));
            let mut q = [0i16; WIDTH];
            for v in &mut q {
                *v = i16::from_le_bytes(take(2)?.try_into().expect("2 bytes"));
            }
            rows.push((key, Row { step, q }));
        }
        Ok(Parts {
            decoder,
            domain,
            about,
            transitions,
            table: FeatureTable::from_rows(rows),
        })
    }

    /// The parts as an image (the same parts give the same bytes).
    pub fn to_image(&self) -> Vec<u8> {
        let mut w = ImageWriter::new(MAGIC);
        w.bytes(&[self.decoder, self.domain]);
        w.str(&self.about);
        w.u64(self.transitions.len() as u64);
        w.slice(&self.transitions);
        w.u64(self.table.len as u64);
        w.u64(self.table.slots.len() as u64);
        w.slice(&self.table.slots);
        w.finish()
    }

    /// Views the parts in an image made by [`Parts::to_image`]: the header is copied,
    /// the table used where it lies.
    pub fn from_image(image: &'static [u8]) -> Result<Parts, ImageError> {
        let image = Image::open(image, MAGIC)?;
        let mut r = image.reader();
        let [decoder, domain] = r.bytes(2)?.try_into().expect("2 bytes");
        let about = r.str()?.to_string();
        let n_transitions = r.u64()? as usize;
        if n_transitions != (WIDTH + 1) * WIDTH {
            return Err(ImageError::Corrupt("transitions for another label set"));
        }
        let transitions = r.slice::<f32>(n_transitions)?.to_vec();
        let len = r.u64()? as usize;
        let n_slots = r.u64()? as usize;
        Ok(Parts {
            decoder,
            domain,
            about,
            transitions,
            table: FeatureTable {
                slots: Store::Mapped(r.slice(n_slots)?),
                len,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: u32) -> Row {
        let mut q = [0i16; WIDTH];
        q[i as usize % WIDTH] = i as i16 + 1;
        Row { step: 0.5, q }
    }

    /// Every key is found with its row, in a table and in its image; a key not stored
    /// is not.
    #[test]
    fn every_key_is_found_and_no_other() {
        for n in [1u32, 5, 100, 3000] {
            let mut rows: Vec<(u32, Row)> = (0..n).map(|k| (k, row(k))).collect();
            rows.push((u32::MAX, row(7)));
            let parts = Parts {
                decoder: 1,
                domain: 0,
                about: String::new(),
                transitions: vec![0.0; (WIDTH + 1) * WIDTH],
                table: FeatureTable::from_rows(rows),
            };
            let bytes = dateline_mapped::AlignedBuf::from(&parts.to_image()[..]);
            let bytes: &'static [u8] = Box::leak(Box::new(bytes)).as_bytes();
            let viewed = Parts::from_image(bytes).unwrap();
            for table in [&parts.table, &viewed.table] {
                assert_eq!(table.len(), n as usize + 1);
                assert_eq!(table.iter().count(), n as usize + 1);
                for k in 0..n {
                    assert_eq!(table.get(k).unwrap().q, row(k).q, "key {k}");
                }
                assert_eq!(table.get(u32::MAX).unwrap().q, row(7).q);
                assert!(table.get(n).is_none());
                assert!(table.get(n + 1000).is_none());
            }
        }
    }
}
