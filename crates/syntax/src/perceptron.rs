//! A multiclass averaged perceptron over hashed features, stored sparsely: each feature
//! keeps weights only for the classes it was ever updated towards or away from. A
//! parser's feature sees a few of its hundred classes, so this is both small and fast:
//! scoring costs the number of stored weights, not features times classes.

use std::io::{Read, Write};

use dateline_mapped::{Image, ImageError, ImageWriter, Plain, Store};
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
    index: Index,
    entries: Store<Weight>,
}

/// One stored weight: its class and value (8 bytes, so a row of weights shares cache
/// lines).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
struct Weight {
    class: u8,
    pad: [u8; 3],
    weight: f32,
}

// SAFETY: `repr(C)`, its padding spelled out as a field; any bits are a valid value.
unsafe impl Plain for Weight {}

impl Weight {
    fn new(class: u8, weight: f32) -> Weight {
        Weight {
            class,
            pad: [0; 3],
            weight,
        }
    }
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

impl Model {
    /// Adds the weights of `features` to `scores` (one slot per class).
    ///
    /// The tables are larger than the processor's caches, so each lookup is a wait on
    /// memory. The lookups are made in three passes (ask for every slot, read the slots and
    /// ask for their weights, add the weights) so that the waits overlap instead of
    /// following one another: measured 2x on a parse.
    #[inline]
    pub fn score(&self, features: &[Feature], scores: &mut [f32]) {
        for &f in features {
            self.index.prefetch(f);
        }
        let mut found = [(0u32, 0u32); 96];
        let mut n = 0;
        for &f in features {
            if let Some((start, len)) = self.index.get(f) {
                prefetch(self.entries.as_ptr().wrapping_add(start as usize));
                if n < found.len() {
                    found[n] = (start, len);
                    n += 1;
                } else {
                    self.add(start, len, scores);
                }
            }
        }
        for &(start, len) in &found[..n] {
            self.add(start, len, scores);
        }
    }

    #[inline]
    fn add(&self, start: u32, len: u32, scores: &mut [f32]) {
        for w in &self.entries[start as usize..(start + len) as usize] {
            scores[w.class as usize] += w.weight;
        }
    }

    /// The model without weights smaller than `threshold` in magnitude (and without the
    /// features left with none): smaller, and faster where lookups miss the cache.
    pub fn pruned(&self, threshold: f32) -> Model {
        let mut keys: Vec<Feature> = self.index.keys().collect();
        keys.sort_unstable();
        let rows = keys.into_iter().map(|key| {
            let (start, len) = self.index.get(key).expect("a key of the index");
            let row = self.entries[start as usize..(start + len) as usize]
                .iter()
                .filter(|w| w.weight.abs() >= threshold)
                .map(|w| (w.class, w.weight))
                .collect();
            (key, row)
        });
        Model::from_rows(self.classes.clone(), rows)
    }

    /// A model from rows of (feature, weights by class) in the order given; features
    /// without weights are left out.
    fn from_rows(
        classes: Vec<String>,
        rows: impl Iterator<Item = (Feature, Vec<(u8, f32)>)>,
    ) -> Model {
        let mut index = Index::default();
        let mut entries = Vec::new();
        for (key, row) in rows.filter(|(_, row)| !row.is_empty()) {
            index.insert(key, (entries.len() as u32, row.len() as u32));
            entries.extend(
                row.into_iter()
                    .map(|(class, weight)| Weight::new(class, weight)),
            );
        }
        Model {
            classes,
            index,
            entries: Store::Owned(entries),
        }
    }

    /// Number of weights.
    pub fn weights(&self) -> usize {
        self.entries.len()
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Writes the model, gzipped, after `magic`; the same model gives the same bytes.
    pub fn write(&self, magic: &[u8; 8], out: impl Write) -> std::io::Result<()> {
        let mut gz = flate2::write::GzEncoder::new(out, flate2::Compression::new(9));
        gz.write_all(magic)?;
        gz.write_all(&(self.classes.len() as u32).to_le_bytes())?;
        for class in &self.classes {
            gz.write_all(&(class.len() as u32).to_le_bytes())?;
            gz.write_all(class.as_bytes())?;
        }
        let mut keys: Vec<Feature> = self.index.keys().collect();
        keys.sort_unstable();
        gz.write_all(&(keys.len() as u32).to_le_bytes())?;
        for key in keys {
            let (start, len) = self.index.get(key).expect("a key of the index");
            gz.write_all(&key.to_le_bytes())?;
            gz.write_all(&[len as u8])?;
            for w in &self.entries[start as usize..(start + len) as usize] {
                gz.write_all(&[w.class])?;
                gz.write_all(&w.weight.to_le_bytes())?;
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
        let mut index = Index::with_capacity(n);
        let mut entries = Vec::with_capacity(n * 4);
        for _ in 0..n {
            let key = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
            let len = r.take(1)?[0] as u32;
            let start = entries.len() as u32;
            for _ in 0..len {
                let class = r.take(1)?[0];
                if class as usize >= n_classes {
                    return Err(ModelError::Corrupt("a weight names a class out of range"));
                }
                let weight = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
                entries.push(Weight::new(class, weight));
            }
            index.insert(key, (start, len));
        }
        Ok(Model {
            classes,
            index,
            entries: Store::Owned(entries),
        })
    }

    /// The model as an image (see `dateline-mapped`) of data kind `magic`: what the build
    /// compiles into the binary for [`Model::from_image`]. The same model gives the same
    /// bytes.
    pub fn to_image(&self, magic: &[u8; 8]) -> Vec<u8> {
        let mut w = ImageWriter::new(*magic);
        w.u32(self.classes.len() as u32);
        for class in &self.classes {
            w.str(class);
        }
        w.u64(self.index.len as u64);
        w.u64(self.index.slots.len() as u64);
        w.u64(self.entries.len() as u64);
        w.slice(&self.index.slots);
        w.slice(&self.entries);
        w.finish()
    }

    /// Views a model in an image made by [`Model::to_image`]: the header and the class
    /// names are read, the tables are used where they lie.
    pub fn from_image(magic: &[u8; 8], image: &'static [u8]) -> Result<Model, ModelError> {
        let image = Image::open(image, *magic)?;
        let mut r = image.reader();
        let n_classes = r.u32()? as usize;
        if n_classes > 255 {
            return Err(ModelError::Corrupt("more than 255 classes"));
        }
        let classes = (0..n_classes)
            .map(|_| r.str().map(str::to_string))
            .collect::<Result<Vec<_>, _>>()?;
        let len = r.u64()? as usize;
        let n_slots = r.u64()? as usize;
        let n_entries = r.u64()? as usize;
        if !n_slots.is_power_of_two() && n_slots != 0 {
            return Err(ModelError::Corrupt("the index is not a power of two"));
        }
        let slots = r.slice::<IndexSlot>(n_slots)?;
        let entries = r.slice::<Weight>(n_entries)?;
        // A weight's class and a slot's row are checked where they are used (indexing),
        // so a damaged table gives a panic at worst, never a wrong read: checking every
        // one here would read every page at start-up.
        Ok(Model {
            classes,
            index: Index {
                slots: Store::Mapped(slots),
                len,
            },
            entries: Store::Mapped(entries),
        })
    }
}

/// Feature -> (first weight, number of weights): open addressing with linear probing over
/// a flat array. Keys are already well mixed, so the slot is the key's low bits; lookups of
/// different features touch independent memory, which the processor overlaps (a parse is
/// about a hundred lookups per word, and their cache misses are its cost).
#[derive(Debug, Clone, Default)]
struct Index {
    /// Key 0 marks an empty slot (a real key 0 is stored as 1).
    slots: Store<IndexSlot>,
    len: usize,
}

/// A feature's place in the index: its key and its row of weights.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
struct IndexSlot {
    key: u64,
    start: u32,
    len: u32,
}

// SAFETY: `repr(C)`, no padding (8 + 4 + 4 bytes); any bits are a valid value.
unsafe impl Plain for IndexSlot {}

impl Index {
    fn with_capacity(n: usize) -> Index {
        Index {
            slots: Store::Owned(vec![
                IndexSlot::default();
                (n * 2).next_power_of_two().max(16)
            ]),
            len: 0,
        }
    }

    /// Asks the memory system for the slot where `key` starts its probe.
    #[inline]
    fn prefetch(&self, key: Feature) {
        if !self.slots.is_empty() {
            let i = Self::stored(key) as usize & (self.slots.len() - 1);
            prefetch(self.slots.as_ptr().wrapping_add(i));
        }
    }

    #[inline]
    fn stored(key: Feature) -> u64 {
        key.max(1)
    }

    #[inline]
    fn get(&self, key: Feature) -> Option<(u32, u32)> {
        if self.slots.is_empty() {
            return None;
        }
        let key = Self::stored(key);
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.key == key {
                return Some((slot.start, slot.len));
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, key: Feature, value: (u32, u32)) {
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::replace(self, Index::with_capacity((self.len + 1) * 2));
            for slot in old.slots.iter().filter(|s| s.key != 0) {
                self.insert(slot.key, (slot.start, slot.len));
            }
        }
        let key = Self::stored(key);
        let slots = self.slots.to_mut();
        let mask = slots.len() - 1;
        let mut i = key as usize & mask;
        while slots[i].key != 0 && slots[i].key != key {
            i = (i + 1) & mask;
        }
        if slots[i].key == 0 {
            self.len += 1;
        }
        slots[i] = IndexSlot {
            key,
            start: value.0,
            len: value.1,
        };
    }

    fn keys(&self) -> impl Iterator<Item = Feature> + '_ {
        self.slots.iter().filter(|s| s.key != 0).map(|s| s.key)
    }

    fn len(&self) -> usize {
        self.len
    }

    fn is_empty(&self) -> bool {
        self.len == 0
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
struct Slot {
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
    weights: FxHashMap<Feature, Vec<Slot>>,
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
                        slots.push(Slot {
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
        let mut scores = [0.0; 2];
        model.score(&[fb], &mut scores);
        assert_eq!(best(&scores, |_| true), Some(1));
        let mut bytes = Vec::new();
        model.write(b"DLTEST01", &mut bytes).unwrap();
        let back = Model::read(b"DLTEST01", &bytes).unwrap();
        let mut again = [0.0; 2];
        back.score(&[fb], &mut again);
        assert_eq!(scores, again);
        assert!(matches!(
            Model::read(b"DLOTHER1", &bytes),
            Err(ModelError::Magic { .. })
        ));
    }
}
