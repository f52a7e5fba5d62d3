//! How many news articles use each word, from a reference corpus shipped with Dateline
//! (data/background.tsv.gz, written by `cargo xtask background` from Reuters-21578 and BBC
//! News): what tells a run of a dozen articles that "statement" is common and "Valparaiso"
//! is not.
//!
//! The build script turns the table into an image (`dateline-mapped`): an open-addressing
//! hash table of terms and counts that a run views in place, so start-up neither
//! decompresses nor parses it ([`Background::shipped`] is in `lib.rs`, beside the image it
//! includes).

use dateline_mapped::{Image, ImageError, ImageReader, ImageWriter, Store};

use crate::terms::{TermKind, term};

/// The image's magic: which table, which version of its layout (the probe of
/// `Background::slot` is part of it).
pub const MAGIC: [u8; 8] = *b"DLBKGD02";

/// Article counts of words in the reference corpus.
#[derive(Debug, Default)]
pub struct Background {
    articles: u32,
    /// Terms by slot; a slot is free where its count is 0 (an absent word counts 0).
    terms: Store<u32>,
    counts: Store<u32>,
}

impl Background {
    /// Reads the table's text form (see the module's documentation); malformed lines are
    /// skipped, and of two words with the same term the later count is kept.
    pub fn parse(text: &str) -> Background {
        let mut articles = 0;
        let mut entries = Vec::new();
        for line in text.lines() {
            let Some((word, count)) = line.split_once('\t') else {
                continue;
            };
            let Ok(count) = count.parse::<u32>() else {
                continue;
            };
            if word == "#documents" {
                articles = count;
            } else {
                entries.push((term(word, TermKind::Word), count));
            }
        }
        // At most half full, so that a probe ends within a few slots.
        let slots = (entries.len() * 2).next_power_of_two().max(2);
        let mut background = Background {
            articles,
            terms: Store::Owned(vec![0; slots]),
            counts: Store::Owned(vec![0; slots]),
        };
        for (term, count) in entries {
            let slot = background.slot(term);
            background.terms.to_mut()[slot] = term;
            background.counts.to_mut()[slot] = count;
        }
        background
    }

    /// The slot that holds `term`, or the free one where it would go.
    fn slot(&self, term: u32) -> usize {
        let mask = self.terms.len() - 1;
        // Terms are hashes already: their bits above the two kind bits are the start.
        let mut slot = (term >> 2) as usize & mask;
        while self.counts[slot] != 0 && self.terms[slot] != term {
            slot = (slot + 1) & mask;
        }
        slot
    }

    /// The number of reference articles, and how many of them use the word `term`.
    pub fn documents(&self, term: u32) -> (u32, u32) {
        if self.terms.is_empty() {
            return (self.articles, 0);
        }
        (self.articles, self.counts[self.slot(term)])
    }

    /// The table as an image ([`MAGIC`]).
    pub fn to_image(&self) -> Vec<u8> {
        let mut w = ImageWriter::new(MAGIC);
        w.u32(self.articles);
        w.u64(self.terms.len() as u64);
        w.slice(&self.terms);
        w.slice(&self.counts);
        w.finish()
    }

    /// Views a table in an image made by [`Background::to_image`].
    ///
    /// # Errors
    /// When the bytes are not such an image.
    pub fn from_image(bytes: &'static [u8]) -> Result<Background, ImageError> {
        let image = Image::open(bytes, MAGIC)?;
        let mut r: ImageReader<'static> = image.reader();
        let articles = r.u32()?;
        let slots = r.u64()? as usize;
        if !slots.is_power_of_two() {
            return Err(ImageError::Corrupt(
                "background slots are not a power of two",
            ));
        }
        Ok(Background {
            articles,
            terms: Store::Mapped(r.slice(slots)?),
            counts: Store::Mapped(r.slice(slots)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_back_from_text_and_image_alike() {
        let text = "#documents\t100\nstatement\t40\nvalparaiso\t2\nbroken line\nquake\tx\n";
        let parsed = Background::parse(text);
        let image = dateline_mapped::AlignedBuf::from(&parsed.to_image()[..]);
        let bytes: &'static [u8] = Box::leak(Box::new(image)).as_bytes();
        let mapped = Background::from_image(bytes).unwrap();
        for table in [&parsed, &mapped] {
            assert_eq!(
                table.documents(term("statement", TermKind::Word)),
                (100, 40)
            );
            assert_eq!(
                table.documents(term("valparaiso", TermKind::Word)),
                (100, 2)
            );
            assert_eq!(table.documents(term("quake", TermKind::Word)), (100, 0));
            assert_eq!(table.documents(term("chile", TermKind::Word)), (100, 0));
        }
    }

    #[test]
    fn an_empty_table_counts_nothing() {
        let empty = Background::default();
        assert_eq!(empty.documents(term("quake", TermKind::Word)), (0, 0));
        assert_eq!(Background::parse("").documents(7), (0, 0));
    }
}
