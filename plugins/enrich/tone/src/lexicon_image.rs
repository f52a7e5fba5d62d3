//! The lexicon's image layout, shared by the build script (which writes it from
//! `data/lexicon.tsv`) and `lexicon.rs` (which views it): a table from each word to its
//! row, then the rows' valences.

use dateline_mapped::ImageWriter;
use dateline_mapped::strings::{Span, StrTable};

/// The image's magic: which data, which version of its layout.
pub const MAGIC: [u8; 8] = *b"DLLEXI01";

/// The `(word, valence)` entries of `word<TAB>valence` lines; `#` lines are comments, and
/// a line without a number is no entry.
pub fn entries(text: &str) -> impl Iterator<Item = (&str, f32)> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (word, valence) = line.split_once('\t')?;
            Some((word, valence.parse::<f32>().ok()?))
        })
}

/// The word table and the valences of `text`'s entries (a repeated word keeps its last
/// valence, as a map would).
pub fn build(text: &str) -> (StrTable, Vec<f32>) {
    let mut words = StrTable::builder();
    let mut rows: Vec<(&str, f32)> = Vec::new();
    let mut row_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (word, valence) in entries(text) {
        match row_of.get(word) {
            Some(&row) => rows[row].1 = valence,
            None => {
                row_of.insert(word, rows.len());
                rows.push((word, valence));
            }
        }
    }
    for (row, (word, _)) in rows.iter().enumerate() {
        words.insert(
            word,
            Span {
                start: row as u32,
                len: 0,
            },
        );
    }
    (words.finish(), rows.iter().map(|r| r.1).collect())
}

/// The image of `text`'s entries.
#[allow(
    dead_code,
    reason = "the build script writes images; the crate only reads them"
)]
pub fn write(text: &str) -> Vec<u8> {
    let (words, valences) = build(text);
    let mut w = ImageWriter::new(MAGIC);
    words.write(&mut w);
    w.u64(valences.len() as u64);
    w.slice(&valences);
    w.finish()
}
