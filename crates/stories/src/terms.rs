//! Terms: the words, names, dates and event types of a record as 32-bit hashes, the kind
//! in the low two bits. Also compiled into the crate's build script, which hashes the
//! shipped background table's words the way the crate will look them up.

use dateline_mapped::fnv1a;

/// What a term is; stored in the low two bits of its hash so that weights can differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermKind {
    /// A content word of the headline, summary or body.
    Word = 0,
    /// A recognized name (person, organization, place, other).
    Name = 1,
    /// A year or month the text states outright ("May 3, 2013" gives 2013 and 2013-05).
    Date = 2,
    /// An event type (PLOVER).
    Event = 3,
}

impl TermKind {
    /// The kind stored in a term's low bits.
    pub fn of(term: u32) -> TermKind {
        match term & 3 {
            0 => TermKind::Word,
            1 => TermKind::Name,
            2 => TermKind::Date,
            _ => TermKind::Event,
        }
    }
}

/// A 64-bit finalizer (the murmur3 one): spreads every input bit over the output.
pub fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// A term's hash with its kind in the low two bits.
pub fn term(text: &str, kind: TermKind) -> u32 {
    term_of_hash(fnv1a(text.as_bytes()), kind)
}

pub(crate) fn term_of_hash(hash: u64, kind: TermKind) -> u32 {
    ((mix(hash) >> 32) as u32 & !3) | kind as u32
}
