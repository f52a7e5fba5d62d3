//! Compiled automata as data: the catalog of the program's patterns (a text file in the
//! repository), the image the build makes of their narrow automata, and the way back from
//! the image to an automaton the engines run.
//!
//! Compiling a pattern is parsing it, translating its classes and building its automaton:
//! milliseconds for a long one, paid again at every start. Rebuilding the same automaton
//! from its states is a tenth of that. So the build compiles every pattern the catalog
//! lists (narrowed, as a narrow text is matched) and writes each automaton's states into
//! an image compiled into the binary; at first use a pattern finds its own text there and
//! rebuilds its automaton from the states. A pattern the catalog does not list (a catalog
//! out of date, a plugin's own) is compiled from its text: the catalog decides
//! how fast a pattern starts, never what it matches.
//!
//! Read by the build script too (`build.rs`): this file stands on its own but for
//! `narrow.rs`.

use regex_automata::nfa::thompson::{self, Builder, NFA, State, Transition};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{PatternID, StateID};
use std::sync::Arc;

/// The image's magic: its data kind and the version of the state encoding below.
pub const MAGIC: [u8; 8] = *b"DLPATNF1";

/// The catalog's file, relative to this crate.
pub const CATALOG: &str = "data/patterns.txt";

/// The catalog's text for `patterns`: each pattern as a line `== <length in bytes>`, then
/// the pattern itself and a newline. A length rather than an escape, so that the
/// patterns read in a diff as they are written.
pub fn write_catalog<'a>(patterns: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from(
        "# The program's patterns, whose narrow automata the build compiles into the binary.\n\
         # Written by `cargo xtask patterns`; see crates/patterns/src/automaton.rs.\n",
    );
    for pattern in patterns {
        out.push_str(&format!("== {}\n{pattern}\n", pattern.len()));
    }
    out
}

/// The patterns of a catalog's text (see [`write_catalog`]).
///
/// # Errors
/// Where the text is not a catalog.
pub fn read_catalog(text: &str) -> Result<Vec<&str>, String> {
    let mut patterns = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        if line.starts_with('#') {
            rest = after;
            continue;
        }
        let len: usize = line
            .strip_prefix("== ")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("expected `== <length>`, found {line:?}"))?;
        let pattern = after
            .get(..len)
            .ok_or_else(|| format!("a pattern of {len} bytes runs past the end"))?;
        rest = after[len..]
            .strip_prefix('\n')
            .ok_or_else(|| format!("no newline after the pattern {pattern:?}"))?;
        patterns.push(pattern);
    }
    Ok(patterns)
}

/// The automaton a pattern's text compiles to: what the engines would build from it.
///
/// # Errors
/// When the text is not a valid pattern.
pub fn compile(text: &str) -> Result<NFA, String> {
    thompson::Compiler::new()
        .syntax(regex_automata::util::syntax::Config::new())
        .build(text)
        .map_err(|e| format!("invalid pattern {text:?}: {e}"))
}

const BYTE_RANGE: u8 = 0;
const SPARSE: u8 = 1;
const LOOK: u8 = 2;
const UNION: u8 = 3;
const BINARY_UNION: u8 = 4;
const CAPTURE_START: u8 = 5;
const CAPTURE_END: u8 = 6;
const FAIL: u8 = 7;
const MATCH: u8 = 8;

/// Appends `n` as a LEB128 varint: seven bits a byte, low bits first.
fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Appends where a transition from state `from` leads, as the signed distance to it:
/// most lead to a state written nearby, so the distance takes one byte.
fn put_target(out: &mut Vec<u8>, from: usize, to: StateID) {
    let delta = to.as_usize() as i64 - from as i64;
    put(out, ((delta << 1) ^ (delta >> 63)) as u64);
}

/// `nfa` as bytes: its flags and starts, its groups' names, then its states in order,
/// each a kind byte and its fields (transitions as distances from the state, in
/// varints), so that [`decode`] gives back the same states under the same identifiers.
///
/// # Errors
/// For an automaton of more than one pattern, a reverse one, or one whose look-around
/// is not the default: nothing this crate compiles.
pub fn encode(nfa: &NFA) -> Result<Vec<u8>, String> {
    if nfa.pattern_len() != 1
        || nfa.is_reverse()
        || nfa.look_matcher().get_line_terminator() != b'\n'
    {
        return Err("only forward automata of one pattern are encoded".into());
    }
    let mut out = vec![u8::from(nfa.is_utf8())];
    put(&mut out, nfa.start_anchored().as_u64());
    put(&mut out, nfa.start_unanchored().as_u64());
    let start = nfa.start_pattern(PatternID::ZERO).expect("one pattern");
    put(&mut out, start.as_u64());
    let names: Vec<Option<&str>> = nfa.group_info().pattern_names(PatternID::ZERO).collect();
    put(&mut out, names.len() as u64);
    for name in names {
        // Zero for a group without a name, else the name's length plus one.
        put(&mut out, name.map_or(0, |name| name.len() as u64 + 1));
        out.extend_from_slice(name.unwrap_or_default().as_bytes());
    }
    put(&mut out, nfa.states().len() as u64);
    for (sid, state) in nfa.states().iter().enumerate() {
        match state {
            State::ByteRange { trans } => {
                out.extend([BYTE_RANGE, trans.start, trans.end]);
                put_target(&mut out, sid, trans.next);
            }
            State::Sparse(sparse) => {
                out.push(SPARSE);
                put(&mut out, sparse.transitions.len() as u64);
                for t in sparse.transitions.iter() {
                    out.extend([t.start, t.end]);
                    put_target(&mut out, sid, t.next);
                }
            }
            State::Dense(_) => return Err("dense states are not encoded".into()),
            State::Look { look, next } => {
                out.push(LOOK);
                put(&mut out, u64::from(look.as_repr()));
                put_target(&mut out, sid, *next);
            }
            State::Union { alternates } => {
                out.push(UNION);
                put(&mut out, alternates.len() as u64);
                for &alternate in alternates.iter() {
                    put_target(&mut out, sid, alternate);
                }
            }
            State::BinaryUnion { alt1, alt2 } => {
                out.push(BINARY_UNION);
                put_target(&mut out, sid, *alt1);
                put_target(&mut out, sid, *alt2);
            }
            State::Capture {
                next,
                group_index,
                slot,
                ..
            } => {
                // A group's start fills the even slot, its end the odd one.
                out.push(if slot.as_usize() % 2 == 0 {
                    CAPTURE_START
                } else {
                    CAPTURE_END
                });
                put(&mut out, u64::from(group_index.as_u32()));
                put_target(&mut out, sid, *next);
            }
            State::Fail => out.push(FAIL),
            State::Match { .. } => out.push(MATCH),
        }
    }
    Ok(out)
}

/// Reads what [`encode`] wrote, in order.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let byte = *self
            .bytes
            .get(self.at)
            .ok_or("the automaton's bytes end early")?;
        self.at += 1;
        Ok(byte)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Ok(n);
            }
        }
        Err("a number of more than 64 bits".into())
    }

    fn len(&mut self) -> Result<usize, String> {
        usize::try_from(self.varint()?).map_err(|_| "a length out of range".into())
    }

    fn state(&mut self) -> Result<StateID, String> {
        let n = self.varint()?;
        StateID::new(n as usize).map_err(|_| format!("a state identifier out of range: {n}"))
    }

    fn target(&mut self, from: usize) -> Result<StateID, String> {
        let zigzag = self.varint()?;
        let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
        let to = usize::try_from(from as i64 + delta)
            .map_err(|_| "a transition before the first state")?;
        StateID::new(to).map_err(|_| format!("a state identifier out of range: {to}"))
    }
}

/// The automaton [`encode`] wrote as `bytes`, state for state.
///
/// # Errors
/// When the bytes are not an encoded automaton.
pub fn decode(bytes: &[u8]) -> Result<NFA, String> {
    let mut r = Reader { bytes, at: 0 };
    let built = |result: Result<StateID, thompson::BuildError>| result.map_err(|e| e.to_string());
    let mut builder = Builder::new();
    builder.set_utf8(r.byte()? == 1);
    let start_anchored = r.state()?;
    let start_unanchored = r.state()?;
    let start_pattern = r.state()?;
    let mut names: Vec<Option<Arc<str>>> = Vec::new();
    for _ in 0..r.len()? {
        let name = match r.len()? {
            0 => None,
            len => {
                let end = r.at + len - 1;
                let name = bytes
                    .get(r.at..end)
                    .ok_or("a group's name runs past the end")?;
                r.at = end;
                let name = std::str::from_utf8(name).map_err(|_| "a group's name is not UTF-8")?;
                Some(Arc::from(name))
            }
        };
        names.push(name);
    }
    builder.start_pattern().map_err(|e| e.to_string())?;
    for sid in 0..r.len()? {
        match r.byte()? {
            BYTE_RANGE => {
                let (start, end) = (r.byte()?, r.byte()?);
                let next = r.target(sid)?;
                built(builder.add_range(Transition { start, end, next }))?;
            }
            SPARSE => {
                let n = r.len()?;
                let mut transitions = Vec::with_capacity(n.min(256));
                for _ in 0..n {
                    let (start, end) = (r.byte()?, r.byte()?);
                    let next = r.target(sid)?;
                    transitions.push(Transition { start, end, next });
                }
                built(builder.add_sparse(transitions))?;
            }
            LOOK => {
                let repr = u32::try_from(r.varint()?).map_err(|_| "an unknown look-around")?;
                let look = Look::from_repr(repr).ok_or("an unknown look-around")?;
                built(builder.add_look(r.target(sid)?, look))?;
            }
            UNION => {
                let n = r.len()?;
                let mut alternates = Vec::with_capacity(n.min(1024));
                for _ in 0..n {
                    alternates.push(r.target(sid)?);
                }
                built(builder.add_union(alternates))?;
            }
            BINARY_UNION => {
                let alternates = vec![r.target(sid)?, r.target(sid)?];
                built(builder.add_union(alternates))?;
            }
            CAPTURE_START => {
                let group = r.len()?;
                let name = names
                    .get(group)
                    .ok_or("a group the automaton does not name")?
                    .clone();
                built(builder.add_capture_start(r.target(sid)?, group as u32, name))?;
            }
            CAPTURE_END => {
                let group = u32::try_from(r.varint()?).map_err(|_| "a group out of range")?;
                built(builder.add_capture_end(r.target(sid)?, group))?;
            }
            FAIL => {
                built(builder.add_fail())?;
            }
            MATCH => {
                built(builder.add_match())?;
            }
            kind => return Err(format!("an unknown state kind {kind}")),
        }
    }
    builder
        .finish_pattern(start_pattern)
        .map_err(|e| e.to_string())?;
    builder
        .build(start_anchored, start_unanchored)
        .map_err(|e| e.to_string())
}

/// The image of `patterns`' narrow automata: how many, their texts' hashes in order (the
/// index [`Catalog::find`] searches), where each one's text and automaton are, then the
/// texts and the automata.
///
/// # Errors
/// When a pattern does not compile.
pub fn write_image(patterns: &[&str]) -> Result<Vec<u8>, String> {
    let mut entries: Vec<(u64, &str, Vec<u8>)> = Vec::with_capacity(patterns.len());
    for &text in patterns {
        let encoded = encode(&compile(&crate::narrow::narrowed(text))?)?;
        entries.push((dateline_mapped::fnv1a(text.as_bytes()), text, encoded));
    }
    entries.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    entries.dedup_by(|a, b| a.1 == b.1);
    let (mut texts, mut automata) = (Vec::new(), Vec::new());
    let mut index = Vec::with_capacity(entries.len() * 4);
    for (_, text, encoded) in &entries {
        index.extend([texts.len(), text.len(), automata.len(), encoded.len()].map(|n| n as u32));
        texts.extend_from_slice(text.as_bytes());
        automata.extend_from_slice(encoded);
    }
    let hashes: Vec<u64> = entries.iter().map(|e| e.0).collect();
    let mut w = dateline_mapped::ImageWriter::new(MAGIC);
    w.u64(entries.len() as u64);
    w.slice(&hashes);
    w.slice(&index);
    w.u64(texts.len() as u64);
    w.slice(&texts);
    w.u64(automata.len() as u64);
    w.slice(&automata);
    Ok(w.finish())
}

/// A view of the image [`write_image`] wrote.
pub struct Catalog<'a> {
    hashes: &'a [u64],
    index: &'a [u32],
    texts: &'a [u8],
    automata: &'a [u8],
}

impl<'a> Catalog<'a> {
    /// Views `bytes` (16-byte aligned), checking their header.
    ///
    /// # Errors
    /// When the bytes are not such an image.
    pub fn open(bytes: &'a [u8]) -> Result<Self, dateline_mapped::ImageError> {
        let image = dateline_mapped::Image::open(bytes, MAGIC)?;
        let mut r = image.reader();
        let n = r.u64()? as usize;
        let hashes = r.slice::<u64>(n)?;
        let index = r.slice::<u32>(n * 4)?;
        let text_len = r.u64()? as usize;
        let texts = r.slice::<u8>(text_len)?;
        let automata_len = r.u64()? as usize;
        let automata = r.slice::<u8>(automata_len)?;
        Ok(Self {
            hashes,
            index,
            texts,
            automata,
        })
    }

    /// How many patterns the image holds.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the image holds none.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The encoded narrow automaton ([`encode`]) of the pattern written `text`, if the
    /// image holds it.
    pub fn find(&self, text: &str) -> Option<&'a [u8]> {
        let hash = dateline_mapped::fnv1a(text.as_bytes());
        let first = self.hashes.partition_point(|&h| h < hash);
        (first..self.hashes.len())
            .take_while(|&i| self.hashes[i] == hash)
            .find_map(|i| {
                let entry = &self.index[i * 4..i * 4 + 4];
                let [text_at, text_len, at, len] = [0, 1, 2, 3].map(|k| entry[k] as usize);
                let listed = self.texts.get(text_at..text_at + text_len)?;
                (listed == text.as_bytes()).then(|| self.automata.get(at..at + len))?
            })
    }
}
