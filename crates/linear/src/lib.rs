//! # dateline-linear
//!
//! A linear classifier over named features, as Dateline's trained enrichers ship it: a
//! bias per class and a row of weights per feature. It lives in two forms:
//!
//! - a **text file**, what a `cargo xtask train-*` command writes and the repository holds:
//!   `#` comments, an `@classes` line, any `@key` option lines the model's owner reads
//!   (`@features`, `@temperature`, ...), an `@bias` line, then one `feature<TAB>weights`
//!   line per feature, weights in whole hundredths so that the file stays small and diffs
//!   read;
//! - an **image** (see `dateline-mapped`), what a crate's `build.rs` makes of that file and
//!   the crate views in place: no parsing or hashing at start-up.
//!
//! ```
//! use dateline_linear::Linear;
//!
//! let text = "@classes\tbad good\n@bias\t0.000 0.500\nawful\t200 -200\n";
//! let model = Linear::parse(text).unwrap();
//! let input = [(model.row("awful").unwrap(), 1.0)];
//! let scores = model.scores(&input);
//! assert!(scores[0] > scores[1]);
//! assert_eq!(model.to_text(&[]), text);
//! ```

#![warn(missing_docs)]

use dateline_mapped::strings::{Span, Text, TextBuilder};
use dateline_mapped::{Image, ImageError, ImageWriter, Store, fnv1a, home_slot, next_slot, spread};

/// A linear classifier: per class a bias, per feature a row of weights.
pub struct Linear {
    /// The classes' names, in score order.
    pub classes: Vec<String>,
    /// The `@key value` lines other than classes and bias, in file order.
    pub options: Vec<(String, String)>,
    /// Bias per class.
    pub bias: Vec<f32>,
    /// Feature to its row of weights.
    rows: Rows,
    /// The features in row order, for writing the text file.
    vocabulary: Vec<String>,
    /// Weights, row-major: `weights[row * classes + class]`.
    weights: Store<f32>,
}

/// Feature -> row: each row's feature as its 64-bit FNV-1a hash, and an index of slots
/// two thirds full that hold a row's number plus one (0: free), found from the hash.
/// The names themselves are not kept (a model keeps them in its text file): an absent
/// feature is taken for a present one only if their 64-bit hashes agree, about once in
/// 10^19 lookups, and two features of a model never share one (the build refuses it).
/// Against a table of the names, the tone model's image is half the size, every page of
/// which one article reads.
struct Rows {
    keys: Store<u64>,
    slots: Store<u32>,
}

impl Rows {
    /// The table of `vocabulary`, row `i` for its feature `i`.
    ///
    /// # Panics
    /// When two features hash alike (their model must name one otherwise).
    fn new(vocabulary: &[String]) -> Rows {
        let keys: Vec<u64> = vocabulary.iter().map(|f| fnv1a(f.as_bytes())).collect();
        let size = (keys.len() * 3 / 2).max(4);
        let mut slots = vec![0u32; size];
        for (row, &key) in keys.iter().enumerate() {
            let mut i = home_slot((spread(key) >> 32) as u32, size);
            while slots[i] != 0 {
                let other = slots[i] as usize - 1;
                assert!(
                    keys[other] != key,
                    "features {:?} and {:?} hash alike",
                    vocabulary[other],
                    vocabulary[row]
                );
                i = next_slot(i, size);
            }
            slots[i] = row as u32 + 1;
        }
        Rows {
            keys: Store::Owned(keys),
            slots: Store::Owned(slots),
        }
    }

    fn get(&self, feature: &str) -> Option<u32> {
        let key = fnv1a(feature.as_bytes());
        let size = self.slots.len();
        let mut i = home_slot((spread(key) >> 32) as u32, size);
        for _ in 0..size {
            let row = *self.slots.get(i)?;
            if row == 0 {
                return None;
            }
            if self.keys.get(row as usize - 1) == Some(&key) {
                return Some(row - 1);
            }
            i = next_slot(i, size);
        }
        None
    }

    fn write(&self, w: &mut ImageWriter) {
        w.u64(self.keys.len() as u64);
        w.slice(&self.keys);
        w.u64(self.slots.len() as u64);
        w.slice(&self.slots);
    }

    fn read(r: &mut dateline_mapped::ImageReader<'static>) -> Result<Rows, ImageError> {
        let n_keys = r.u64()? as usize;
        let keys = Store::Mapped(r.slice::<u64>(n_keys)?);
        let n_slots = r.u64()? as usize;
        if n_slots <= n_keys {
            return Err(ImageError::Corrupt("a feature table without a free slot"));
        }
        let slots = Store::Mapped(r.slice::<u32>(n_slots)?);
        Ok(Rows { keys, slots })
    }
}

impl Linear {
    /// Builds a model from its parts (the trainer's side).
    ///
    /// # Panics
    ///
    /// When `bias` does not have one value per class or `weights` one row per feature.
    pub fn new(
        classes: Vec<String>,
        options: Vec<(String, String)>,
        bias: Vec<f32>,
        vocabulary: Vec<String>,
        weights: Vec<f32>,
    ) -> Linear {
        assert_eq!(bias.len(), classes.len());
        assert_eq!(weights.len(), vocabulary.len() * classes.len());
        Linear {
            classes,
            options,
            bias,
            rows: Rows::new(&vocabulary),
            vocabulary,
            weights: Store::Owned(weights),
        }
    }

    /// Reads the text file (see the crate's docs); the error names the line.
    pub fn parse(text: &str) -> Result<Linear, String> {
        let mut classes: Vec<String> = Vec::new();
        let mut options = Vec::new();
        let mut bias = Vec::new();
        let mut vocabulary: Vec<String> = Vec::new();
        let mut weights = Vec::new();
        let numbers = |s: &str, line: usize| -> Result<Vec<f32>, String> {
            s.split(' ')
                .map(|x| x.parse::<f32>().map_err(|e| format!("line {line}: {e}")))
                .collect()
        };
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'))
        {
            let (key, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: no tab", n + 1))?;
            match key {
                "@classes" => classes = value.split(' ').map(str::to_string).collect(),
                "@bias" => bias = numbers(value, n + 1)?,
                option if option.starts_with('@') => {
                    options.push((option[1..].to_string(), value.to_string()))
                }
                feature => {
                    let row: Vec<f32> = numbers(value, n + 1)?.iter().map(|w| w / 100.0).collect();
                    if row.len() != classes.len() {
                        return Err(format!(
                            "line {}: {} weights for {} classes",
                            n + 1,
                            row.len(),
                            classes.len()
                        ));
                    }
                    vocabulary.push(feature.to_string());
                    weights.extend(row);
                }
            }
        }
        if classes.is_empty() || bias.len() != classes.len() {
            return Err("no classes, or a bias per class missing".into());
        }
        Ok(Linear::new(classes, options, bias, vocabulary, weights))
    }

    /// Writes the text file (the inverse of [`Linear::parse`]), with `header` lines as
    /// comments first. Weights are rounded to hundredths.
    pub fn to_text(&self, header: &[String]) -> String {
        let mut out = String::new();
        for line in header {
            out.push_str(&format!("# {line}\n"));
        }
        out.push_str(&format!("@classes\t{}\n", self.classes.join(" ")));
        for (key, value) in &self.options {
            out.push_str(&format!("@{key}\t{value}\n"));
        }
        out.push_str(&format!("@bias\t{}\n", join(&self.bias)));
        let c = self.classes.len();
        for (i, feature) in self.vocabulary.iter().enumerate() {
            let row = &self.weights[i * c..(i + 1) * c];
            let hundredths: Vec<String> = row
                .iter()
                .map(|w| ((w * 100.0).round() as i32).to_string())
                .collect();
            out.push_str(&format!("{feature}\t{}\n", hundredths.join(" ")));
        }
        out
    }

    /// The model as an image under `magic` (which model, which version of it).
    pub fn to_image(&self, magic: [u8; 8]) -> Vec<u8> {
        let mut w = ImageWriter::new(magic);
        let mut names = TextBuilder::default();
        let spans: Vec<Span> = self
            .classes
            .iter()
            .chain(self.options.iter().flat_map(|(k, v)| [k, v]))
            .map(|s| names.put(s))
            .collect();
        w.u64(self.classes.len() as u64);
        w.u64(self.options.len() as u64);
        let flat: Vec<u32> = spans.iter().flat_map(|s| [s.start, s.len]).collect();
        w.slice(&flat);
        names.finish().write(&mut w);
        w.slice(&self.bias);
        self.rows.write(&mut w);
        w.u64(self.weights.len() as u64);
        w.slice(&self.weights);
        w.finish()
    }

    /// Views an image made by [`Linear::to_image`] under the same `magic`.
    pub fn from_image(image: &'static [u8], magic: [u8; 8]) -> Result<Linear, ImageError> {
        let image = Image::open(image, magic)?;
        let mut r = image.reader();
        let n_classes = r.u64()? as usize;
        let n_options = r.u64()? as usize;
        let flat = r.slice::<u32>(2 * (n_classes + 2 * n_options))?;
        let names = Text::read(&mut r)?;
        let mut strings = flat.chunks(2).map(|s| {
            names
                .str(Span {
                    start: s[0],
                    len: s[1],
                })
                .to_string()
        });
        let classes: Vec<String> = strings.by_ref().take(n_classes).collect();
        let mut options = Vec::new();
        for _ in 0..n_options {
            let (Some(k), Some(v)) = (strings.next(), strings.next()) else {
                return Err(ImageError::Corrupt("an option without its value"));
            };
            options.push((k, v));
        }
        let bias = r.slice::<f32>(n_classes)?.to_vec();
        let rows = Rows::read(&mut r)?;
        let n_weights = r.u64()? as usize;
        if n_classes == 0 || !n_weights.is_multiple_of(n_classes) {
            return Err(ImageError::Corrupt("weights not a whole number of rows"));
        }
        let weights = Store::Mapped(r.slice::<f32>(n_weights)?);
        if rows.keys.len() * n_classes != n_weights {
            return Err(ImageError::Corrupt("not one row of weights per feature"));
        }
        Ok(Linear {
            classes,
            options,
            bias,
            rows,
            vocabulary: Vec::new(),
            weights,
        })
    }

    /// The value of an `@key` option line.
    pub fn option(&self, key: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The row of a feature, if the model knows it.
    pub fn row(&self, feature: &str) -> Option<u32> {
        self.rows.get(feature)
    }

    /// The weights of a row, one per class.
    pub fn weights(&self, row: u32) -> &[f32] {
        let c = self.classes.len();
        &self.weights[row as usize * c..(row as usize + 1) * c]
    }

    /// The raw score of each class for an input of (row, value) pairs.
    pub fn scores(&self, input: &[(u32, f32)]) -> Vec<f32> {
        let mut scores = self.bias.clone();
        for &(row, x) in input {
            for (s, w) in scores.iter_mut().zip(self.weights(row)) {
                *s += x * w;
            }
        }
        scores
    }

    /// How many features have a row.
    pub fn features(&self) -> usize {
        self.weights.len() / self.classes.len().max(1)
    }
}

/// Turns scores into probabilities: a softmax at `temperature`.
pub fn softmax(scores: &[f32], temperature: f32) -> Vec<f32> {
    let top = scores.iter().cloned().fold(f32::MIN, f32::max);
    let exp: Vec<f32> = scores
        .iter()
        .map(|s| ((s - top) / temperature).exp())
        .collect();
    let total: f32 = exp.iter().sum();
    exp.iter().map(|e| e / total).collect()
}

/// Three decimals, and never "-0.000": the same bytes on every machine.
fn join(values: &[f32]) -> String {
    values
        .iter()
        .map(|v| {
            let s = format!("{v:.3}");
            if s == "-0.000" {
                "0.000".to_string()
            } else {
                s
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# a comment\n@classes\tneg neu pos\n@features\tcontext\n@bias\t-0.100 0.200 0.000\nL0:slammed\t-150 20 30\nR0:praised\t-40 -10 120\n";

    #[test]
    fn the_text_file_reads_back_to_the_same_bytes() {
        let model = Linear::parse(TEXT).unwrap();
        assert_eq!(model.classes, ["neg", "neu", "pos"]);
        assert_eq!(model.option("features"), Some("context"));
        assert_eq!(model.features(), 2);
        assert_eq!(model.to_text(&["a comment".into()]), TEXT);
    }

    #[test]
    fn an_image_scores_as_the_text_does() {
        let model = Linear::parse(TEXT).unwrap();
        let image = model.to_image(*b"LINTEST1");
        let aligned: &'static dateline_mapped::AlignedBuf =
            Box::leak(Box::new(dateline_mapped::AlignedBuf::from(&image[..])));
        let viewed = Linear::from_image(aligned.as_bytes(), *b"LINTEST1").unwrap();
        assert_eq!(viewed.classes, model.classes);
        assert_eq!(viewed.options, model.options);
        let row = viewed.row("L0:slammed").unwrap();
        assert_eq!(viewed.scores(&[(row, 2.0)]), model.scores(&[(row, 2.0)]));
        assert_eq!(viewed.row("unknown"), None);
        assert!(Linear::from_image(aligned.as_bytes(), *b"OTHER001").is_err());
    }

    /// Every feature of a larger model finds its own row, in the model and in its
    /// image, and features it lacks find none.
    #[test]
    fn each_feature_finds_its_row_and_an_absent_one_none() {
        let vocabulary: Vec<String> = (0..5000).map(|i| format!("W:word{i}")).collect();
        let weights: Vec<f32> = (0..vocabulary.len() * 2).map(|i| i as f32).collect();
        let model = Linear::new(
            vec!["a".into(), "b".into()],
            Vec::new(),
            vec![0.0, 0.0],
            vocabulary.clone(),
            weights,
        );
        let image = model.to_image(*b"LINTEST1");
        let aligned: &'static dateline_mapped::AlignedBuf =
            Box::leak(Box::new(dateline_mapped::AlignedBuf::from(&image[..])));
        let viewed = Linear::from_image(aligned.as_bytes(), *b"LINTEST1").unwrap();
        for (i, feature) in vocabulary.iter().enumerate() {
            assert_eq!(model.row(feature), Some(i as u32));
            assert_eq!(viewed.row(feature), Some(i as u32));
        }
        for i in 5000..10_000 {
            assert_eq!(viewed.row(&format!("W:word{i}")), None);
        }
    }

    #[test]
    fn a_bad_line_is_named() {
        let e = Linear::parse("@classes\ta b\n@bias\t0 0\nword\t1 2 3\n")
            .err()
            .unwrap();
        assert!(e.contains("line 3"), "{e}");
        assert!(Linear::parse("word\t1\n").is_err());
        let probabilities = softmax(&[1.0, 1.0], 1.0);
        assert_eq!(probabilities, [0.5, 0.5]);
    }
}
