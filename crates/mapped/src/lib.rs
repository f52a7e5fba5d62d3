//! # dateline-mapped
//!
//! Shipped models and data as *images*: byte layouts that are the tables a program
//! uses, so that reading one is checking a header and pointing into it. An image is
//! made at build time (a crate's `build.rs` turns its committed, compressed model file
//! into an image), compiled into the binary with [`include_image!`], and viewed in place:
//! nothing is decompressed, parsed or copied at start-up, the operating system brings in
//! the pages a run touches, and every thread shares them read-only.
//!
//! An image starts with a header of [`HEADER_LEN`] bytes: the data's own magic (which
//! model, which version of its content), this layout's version ([`LAYOUT`]), the length
//! of what follows and its FNV-1a hash. [`Image::open`] checks the magic, the layout version and the
//! length, which is all that viewing needs; [`Image::verify`] also checks the hash
//! (the tests do; a run does not, since that would read every page).
//!
//! ```
//! use dateline_mapped::{Image, ImageWriter};
//!
//! let mut w = ImageWriter::new(*b"EXAMPLE1");
//! w.u64(3);
//! w.slice(&[10u32, 20, 30]);
//! let bytes = w.finish();
//!
//! // Images are read from 16-byte aligned memory (what `include_image!` gives).
//! let aligned = dateline_mapped::AlignedBuf::from(&bytes[..]);
//! let image = Image::open(aligned.as_bytes(), *b"EXAMPLE1").unwrap();
//! image.verify().unwrap();
//! let mut r = image.reader();
//! let n = r.u64().unwrap() as usize;
//! assert_eq!(r.slice::<u32>(n).unwrap(), &[10, 20, 30]);
//! ```

#![warn(missing_docs)]

pub mod strings;

#[cfg(target_endian = "big")]
compile_error!("Dateline's images are little-endian; a big-endian target needs a copying reader");

/// Bytes at 16-byte alignment: the wrapper [`include_image!`] puts around
/// `include_bytes!`, so that the tables inside can be viewed as `u64`s and `f32`s.
#[repr(C, align(16))]
pub struct Aligned<B: ?Sized>(pub B);

/// Includes a file as a `&'static [u8]` starting at a 16-byte boundary.
///
/// ```text
/// static TAGGER: &[u8] = dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/tagger.image"));
/// ```
#[macro_export]
macro_rules! include_image {
    ($path:expr) => {{
        static ALIGNED: &$crate::Aligned<[u8]> = &$crate::Aligned(*include_bytes!($path));
        &ALIGNED.0
    }};
}

/// Where images live while a run uses them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Viewed where they lie in the binary: nothing is copied, a run pays only for the
    /// pages it touches. Best for short runs (one article, a small shard).
    InPlace,
    /// Copied once into memory backed by huge pages where the system offers them: a
    /// copy costs milliseconds, and the tables' random lookups then miss the address
    /// translation cache far less (the parser bench runs 7% faster). Best for long runs.
    Resident,
}

static PLACEMENT: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Chooses where images opened from now on live (see [`Placement`]); the default is
/// [`Placement::InPlace`]. A runner sets it before the first plugin opens its models.
pub fn set_placement(placement: Placement) {
    PLACEMENT.store(placement as u8, std::sync::atomic::Ordering::Relaxed);
}

/// The current placement.
pub fn placement() -> Placement {
    match PLACEMENT.load(std::sync::atomic::Ordering::Relaxed) {
        0 => Placement::InPlace,
        _ => Placement::Resident,
    }
}

/// The bytes of an image compiled into the binary, where [`placement`] says: as they are,
/// or a copy in huge-page memory that lives as long as the process.
pub fn place(image: &'static [u8]) -> &'static [u8] {
    match placement() {
        Placement::InPlace => image,
        Placement::Resident => resident_copy(image).unwrap_or(image),
    }
}

/// A copy of `bytes` in an anonymous mapping advised to use huge pages, never freed (the
/// shipped models live as long as the process). `None` where the mapping fails: the
/// caller keeps the original.
#[cfg(target_os = "linux")]
fn resident_copy(bytes: &'static [u8]) -> Option<&'static [u8]> {
    const HUGE: usize = 2 << 20;
    let len = bytes.len().next_multiple_of(HUGE);
    if len == 0 {
        return Some(bytes);
    }
    // SAFETY: a fresh private anonymous mapping (no file, no fixed address); the result is
    // checked before use. Over-allocating one huge page lets the copy start on a huge-page
    // boundary, which is what the kernel backs with a huge page.
    unsafe {
        let base = libc::mmap(
            std::ptr::null_mut(),
            len + HUGE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if base == libc::MAP_FAILED {
            return None;
        }
        let start = (base as usize).next_multiple_of(HUGE) as *mut u8;
        // Advice only: without huge pages the copy still works, at 4 KB pages.
        libc::madvise(start.cast(), len, libc::MADV_HUGEPAGE);
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), start, bytes.len());
        // The tables are read-only from here on.
        libc::mprotect(start.cast(), len, libc::PROT_READ);
        Some(std::slice::from_raw_parts(start, bytes.len()))
    }
}

/// Elsewhere the images stay in place (no huge-page advice to give).
#[cfg(not(target_os = "linux"))]
fn resident_copy(bytes: &'static [u8]) -> Option<&'static [u8]> {
    Some(bytes)
}

/// An owned, 16-byte aligned copy of some bytes: for images read from a file or made in
/// a test rather than compiled in.
pub struct AlignedBuf {
    blocks: Vec<Aligned<[u8; 16]>>,
    len: usize,
}

impl From<&[u8]> for AlignedBuf {
    fn from(bytes: &[u8]) -> AlignedBuf {
        let mut blocks: Vec<Aligned<[u8; 16]>> = Vec::with_capacity(bytes.len().div_ceil(16));
        for chunk in bytes.chunks(16) {
            let mut block = [0u8; 16];
            block[..chunk.len()].copy_from_slice(chunk);
            blocks.push(Aligned(block));
        }
        AlignedBuf {
            blocks,
            len: bytes.len(),
        }
    }
}

impl AlignedBuf {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        // SAFETY: `Aligned<[u8; 16]>` is 16 plain bytes with no padding, the blocks are
        // contiguous in the vector, and `len` is at most 16 times their number.
        unsafe { std::slice::from_raw_parts(self.blocks.as_ptr().cast::<u8>(), self.len) }
    }
}

/// A table that is either owned (built or read at run time, as in training) or viewed in
/// an image compiled into the binary: either way a slice to its users.
#[derive(Debug, Clone)]
pub enum Store<T: 'static> {
    /// Built here.
    Owned(Vec<T>),
    /// Viewed in an image.
    Mapped(&'static [T]),
}

impl<T> Default for Store<T> {
    fn default() -> Store<T> {
        Store::Owned(Vec::new())
    }
}

impl<T> std::ops::Deref for Store<T> {
    type Target = [T];

    #[inline(always)]
    fn deref(&self) -> &[T] {
        match self {
            Store::Owned(v) => v,
            Store::Mapped(s) => s,
        }
    }
}

impl<T: Clone> Store<T> {
    /// The table as a vector to change: a mapped table is copied first.
    pub fn to_mut(&mut self) -> &mut Vec<T> {
        if let Store::Mapped(s) = self {
            *self = Store::Owned(s.to_vec());
        }
        match self {
            Store::Owned(v) => v,
            Store::Mapped(_) => unreachable!("made owned above"),
        }
    }
}

/// Types whose every bit pattern is a valid value and that have no padding: the only
/// types an image's tables may be viewed as.
///
/// # Safety
///
/// Implement only for `#[repr(C)]` (or primitive) types without padding bytes, without
/// pointers or references, and for which every bit pattern is valid.
pub unsafe trait Plain: Copy + 'static {}

// SAFETY: primitive numbers: no padding, every bit pattern valid.
unsafe impl Plain for u8 {}
// SAFETY: as above.
unsafe impl Plain for u16 {}
// SAFETY: as above.
unsafe impl Plain for i16 {}
// SAFETY: as above.
unsafe impl Plain for u32 {}
// SAFETY: as above.
unsafe impl Plain for u64 {}
// SAFETY: as above.
unsafe impl Plain for f32 {}
// SAFETY: as above.
unsafe impl Plain for f64 {}

/// The layout version of this crate's header and tables ([`strings`]); an image of
/// another version is refused.
pub const LAYOUT: u32 = 2;

/// The header's size (magic 8 bytes, layout 4, reserved 4, content length 8, content
/// hash 8); content starts here, 16-byte aligned.
pub const HEADER_LEN: usize = 32;

/// What is wrong with an image.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// Another kind of data, or another version of it.
    #[error("not the expected data (magic {found:?}, expected {expected:?}): rebuild Dateline")]
    Magic {
        /// What was expected.
        expected: String,
        /// What was found.
        found: String,
    },
    /// Written by another version of the layout.
    #[error("image layout {found}, this build reads layout {LAYOUT}: rebuild Dateline")]
    Layout {
        /// The layout found.
        found: u32,
    },
    /// Shorter than its header says, or a table runs past its end.
    #[error("image truncated: {0}")]
    Truncated(&'static str),
    /// The content's hash differs from the header's.
    #[error("image content does not match its hash (header {expected:016x}, content {found:016x})")]
    Hash {
        /// The hash in the header.
        expected: u64,
        /// The hash of the content.
        found: u64,
    },
    /// Not at the alignment its tables need.
    #[error("image is not 16-byte aligned (use include_image! or AlignedBuf)")]
    Misaligned,
    /// A value inside is inconsistent.
    #[error("corrupt image: {0}")]
    Corrupt(&'static str),
}

/// The slot of a table of `size` slots (any size, not only a power of two) where a probe
/// for `hash`, 32 well-mixed bits, starts: the hash scaled to the size, a multiply and a
/// shift where a power of two would be a mask. Open-addressing tables in images are
/// sized by how full they should be, not rounded up to a power of two.
///
/// ```
/// use dateline_mapped::{home_slot, next_slot};
/// assert_eq!(home_slot(0, 10), 0);
/// assert_eq!(home_slot(u32::MAX, 10), 9);
/// assert_eq!(next_slot(9, 10), 0);
/// ```
#[inline]
pub fn home_slot(hash: u32, size: usize) -> usize {
    ((u64::from(hash) * size as u64) >> 32) as usize
}

/// `hash` with every bit of it moved into every bit of the result (two rounds of xor-shift
/// and multiply, as MurmurHash3 ends), for the 32 well-mixed bits [`home_slot`] wants.
/// [`fnv1a`] alone is not that: its last multiply moves a string's last byte only into a
/// narrow band of the high half (and of the low half), so words that differ in their
/// last letter ("run", "rum", "rug") had neighbouring homes, and a table's probes ran
/// through the clusters they made: a lookup of the word clusters read 74 slots on
/// average on news (an absent word 309), 2.3 (and 5.6) with the hash spread.
///
/// ```
/// use dateline_mapped::{fnv1a, spread};
/// let (run, rum) = (spread(fnv1a(b"run")) >> 32, spread(fnv1a(b"rum")) >> 32);
/// assert!(run.abs_diff(rum) > 1 << 20);
/// ```
#[inline]
pub fn spread(hash: u64) -> u64 {
    let mut h = hash;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The slot after `i` in a table of `size` slots, wrapping to the first.
#[inline]
pub fn next_slot(i: usize, size: usize) -> usize {
    if i + 1 == size { 0 } else { i + 1 }
}

/// FNV-1a over `bytes` (64 bits): written out so that images do not depend on a hashing
/// crate's version.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A checked image: its content and the hash its header gives for it.
#[derive(Debug, Clone, Copy)]
pub struct Image<'a> {
    hash: u64,
    content: &'a [u8],
}

impl<'a> Image<'a> {
    /// Checks the header of `bytes` against `magic` and this layout, and the length.
    pub fn open(bytes: &'a [u8], magic: [u8; 8]) -> Result<Image<'a>, ImageError> {
        if bytes.as_ptr().align_offset(16) != 0 {
            return Err(ImageError::Misaligned);
        }
        let head = bytes
            .get(..HEADER_LEN)
            .ok_or(ImageError::Truncated("no header"))?;
        let found: [u8; 8] = head[..8].try_into().expect("8 bytes");
        if found != magic {
            return Err(ImageError::Magic {
                expected: String::from_utf8_lossy(&magic).into_owned(),
                found: String::from_utf8_lossy(&found).into_owned(),
            });
        }
        let layout = u32::from_le_bytes(head[8..12].try_into().expect("4 bytes"));
        if layout != LAYOUT {
            return Err(ImageError::Layout { found: layout });
        }
        let len = u64::from_le_bytes(head[16..24].try_into().expect("8 bytes"));
        let hash = u64::from_le_bytes(head[24..32].try_into().expect("8 bytes"));
        let content = usize::try_from(len)
            .ok()
            .and_then(|len| bytes.get(HEADER_LEN..HEADER_LEN.checked_add(len)?))
            .ok_or(ImageError::Truncated(
                "content shorter than the header says",
            ))?;
        Ok(Image { hash, content })
    }

    /// Checks the content against the header's hash (reads every byte).
    pub fn verify(&self) -> Result<(), ImageError> {
        let found = fnv1a(self.content);
        if found == self.hash {
            Ok(())
        } else {
            Err(ImageError::Hash {
                expected: self.hash,
                found,
            })
        }
    }

    /// A reader at the start of the content.
    pub fn reader(&self) -> ImageReader<'a> {
        ImageReader {
            bytes: self.content,
            at: 0,
        }
    }
}

/// Reads an image's content in the order [`ImageWriter`] wrote it.
#[derive(Debug, Clone)]
pub struct ImageReader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> ImageReader<'a> {
    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], ImageError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ImageError::Truncated("a table runs past the end"))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    /// A little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32, ImageError> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().expect("4")))
    }

    /// A little-endian `u64`.
    pub fn u64(&mut self) -> Result<u64, ImageError> {
        Ok(u64::from_le_bytes(self.bytes(8)?.try_into().expect("8")))
    }

    /// A string written by [`ImageWriter::str`].
    pub fn str(&mut self) -> Result<&'a str, ImageError> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.bytes(len)?).map_err(|_| ImageError::Corrupt("text not UTF-8"))
    }

    /// `n` values of `T`, viewed in place (the writer aligned them to 16 bytes).
    pub fn slice<T: Plain>(&mut self, n: usize) -> Result<&'a [T], ImageError> {
        self.align();
        let size = n
            .checked_mul(std::mem::size_of::<T>())
            .ok_or(ImageError::Corrupt("table size overflows"))?;
        let bytes = self.bytes(size)?;
        if bytes.as_ptr().align_offset(std::mem::align_of::<T>()) != 0 {
            return Err(ImageError::Misaligned);
        }
        // SAFETY: `bytes` is `n * size_of::<T>()` bytes long and aligned for `T` (both
        // checked above); `T: Plain` has no padding and every bit pattern is a valid `T`;
        // the result borrows `bytes` for `'a`.
        Ok(unsafe { std::slice::from_raw_parts(bytes.as_ptr().cast::<T>(), n) })
    }

    fn align(&mut self) {
        self.at = self.at.next_multiple_of(16);
    }
}

/// Writes an image: a header, then values and tables in the order a reader reads them.
#[derive(Debug)]
pub struct ImageWriter {
    magic: [u8; 8],
    content: Vec<u8>,
}

impl ImageWriter {
    /// An image of the data kind `magic`.
    pub fn new(magic: [u8; 8]) -> ImageWriter {
        ImageWriter {
            magic,
            content: Vec::new(),
        }
    }

    /// Writes a little-endian `u32`.
    pub fn u32(&mut self, v: u32) {
        self.content.extend_from_slice(&v.to_le_bytes());
    }

    /// Writes a little-endian `u64`.
    pub fn u64(&mut self, v: u64) {
        self.content.extend_from_slice(&v.to_le_bytes());
    }

    /// Writes a string (its length, then its bytes).
    pub fn str(&mut self, s: &str) {
        self.u32(u32::try_from(s.len()).expect("a string under 4 GB"));
        self.content.extend_from_slice(s.as_bytes());
    }

    /// Writes raw bytes (read back with [`ImageReader::bytes`]).
    pub fn bytes(&mut self, b: &[u8]) {
        self.content.extend_from_slice(b);
    }

    /// Writes a table at a 16-byte boundary.
    pub fn slice<T: Plain>(&mut self, values: &[T]) {
        self.align();
        // SAFETY: `T: Plain` has no padding, so its values are `size_of_val` initialized
        // bytes; the slice outlives this borrow.
        let bytes = unsafe {
            std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), std::mem::size_of_val(values))
        };
        self.content.extend_from_slice(bytes);
    }

    fn align(&mut self) {
        let at = self.content.len().next_multiple_of(16);
        self.content.resize(at, 0);
    }

    /// The image's bytes: header, then content.
    pub fn finish(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + self.content.len());
        out.extend_from_slice(&self.magic);
        out.extend_from_slice(&LAYOUT.to_le_bytes());
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&(self.content.len() as u64).to_le_bytes());
        out.extend_from_slice(&fnv1a(&self.content).to_le_bytes());
        out.extend_from_slice(&self.content);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Vec<u8> {
        let mut w = ImageWriter::new(*b"TESTDATA");
        w.str("classes");
        w.slice(&[1u64, 2, 3]);
        w.u32(7);
        w.slice(&[0.5f32, -1.0]);
        w.finish()
    }

    #[test]
    fn what_is_written_reads_back_in_place() {
        let buf = AlignedBuf::from(&example()[..]);
        let image = Image::open(buf.as_bytes(), *b"TESTDATA").unwrap();
        image.verify().unwrap();
        let mut r = image.reader();
        assert_eq!(r.str().unwrap(), "classes");
        assert_eq!(r.slice::<u64>(3).unwrap(), &[1, 2, 3]);
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.slice::<f32>(2).unwrap(), &[0.5, -1.0]);
        assert!(r.u32().is_err(), "nothing is left");
    }

    #[test]
    fn other_data_other_layouts_short_and_changed_images_are_refused() {
        let bytes = example();
        let open = |b: &[u8]| {
            let buf = AlignedBuf::from(b);
            Image::open(buf.as_bytes(), *b"TESTDATA").and_then(|i| i.verify())
        };
        assert!(matches!(
            Image::open(AlignedBuf::from(&bytes[..]).as_bytes(), *b"OTHERDAT"),
            Err(ImageError::Magic { .. })
        ));
        let mut layout = bytes.clone();
        layout[8] = 9;
        assert!(matches!(
            open(&layout),
            Err(ImageError::Layout { found: 9 })
        ));
        assert!(matches!(
            open(&bytes[..bytes.len() - 1]),
            Err(ImageError::Truncated(_))
        ));
        let mut changed = bytes.clone();
        *changed.last_mut().unwrap() ^= 1;
        assert!(matches!(open(&changed), Err(ImageError::Hash { .. })));
        assert!(open(&bytes).is_ok());
    }

    #[test]
    fn placed_images_are_the_same_bytes_in_place_or_resident() {
        let bytes: &'static [u8] = Box::leak(example().into_boxed_slice());
        assert_eq!(place(bytes).as_ptr(), bytes.as_ptr(), "in place by default");
        set_placement(Placement::Resident);
        let copy = place(bytes);
        set_placement(Placement::InPlace);
        assert_eq!(copy, bytes);
        #[cfg(target_os = "linux")]
        {
            assert_ne!(copy.as_ptr(), bytes.as_ptr(), "copied");
            assert_eq!(
                copy.as_ptr() as usize % (2 << 20),
                0,
                "at a huge-page boundary"
            );
        }
        Image::open(copy, *b"TESTDATA").unwrap().verify().unwrap();
    }

    #[test]
    fn a_table_past_the_end_or_misaligned_is_refused() {
        let buf = AlignedBuf::from(&example()[..]);
        let image = Image::open(buf.as_bytes(), *b"TESTDATA").unwrap();
        let mut r = image.reader();
        r.str().unwrap();
        assert!(r.clone().slice::<u64>(1 << 40).is_err());
        assert!(r.slice::<u64>(usize::MAX / 4).is_err());
        let mut shifted = vec![0u8; 1];
        shifted.extend(example());
        let buf = AlignedBuf::from(&shifted[..]);
        assert_eq!(
            Image::open(&buf.as_bytes()[1..], *b"TESTDATA").unwrap_err(),
            ImageError::Misaligned
        );
    }
}
