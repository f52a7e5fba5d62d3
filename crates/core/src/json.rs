//! Compact JSON, byte for byte what `serde_json::to_string` writes, with strings scanned
//! eight bytes at a time.
//!
//! A record is mostly its body, and `serde_json` looks up every byte of a string in a table
//! to find what needs escaping: on a text-only run that scan was a fifth of the workers'
//! time. Here a string is read a word at a time and only a word that holds a quotation
//! mark, a backslash or a control character is looked at byte by byte. Numbers are
//! written by the same `itoa` and `zmij` that `serde_json` uses, and every other choice
//! (`null` for a non-finite float, map keys quoted, enums as `serde_json` writes them) is
//! the same, so output written either way is identical (the tests hold the two against
//! each other on every kind of value).
//!
//! ```
//! use std::collections::BTreeMap;
//! let mut value = BTreeMap::new();
//! value.insert("headline", "Rates held \"for now\"\n");
//! assert_eq!(
//!     dateline_core::json::to_string(&value).unwrap(),
//!     serde_json::to_string(&value).unwrap()
//! );
//! ```

use serde::ser::{self, Serialize};

/// Why a value could not be written as JSON (a map key that is not a string or a number,
/// or an error a `Serialize` implementation raised).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// `value` as compact JSON.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> Result<String, Error> {
    to_string_with_capacity(value, 128)
}

/// `value` as compact JSON, written into a buffer that starts with room for `capacity`
/// bytes (a good guess saves the copies of a growing buffer).
pub fn to_string_with_capacity<T: ?Sized + Serialize>(
    value: &T,
    capacity: usize,
) -> Result<String, Error> {
    let mut out = Vec::with_capacity(capacity);
    value.serialize(&mut Writer { out: &mut out })?;
    // SAFETY: every byte written is ASCII (punctuation, digits, escapes) or a run of a
    // `str` cut only before or after an ASCII byte, so the buffer is UTF-8. (Checking it
    // again would read every byte of the record once more.)
    Ok(unsafe { String::from_utf8_unchecked(out) })
}

/// What needs escaping: 0 nothing, b'u' a `\u00XX` escape, otherwise the letter after the
/// backslash.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Non-zero if any of the eight bytes of `word` needs escaping: below 0x20, `"` or `\\`.
#[inline(always)]
fn escape_mask(word: u64) -> u64 {
    // A byte below n (n <= 0x80) leaves its high bit set in (x - n) & !x; a byte equal to
    // c is a zero byte of x ^ c. Both tests are exact for "any byte of the word".
    let below_space = word.wrapping_sub(ONES * 0x20);
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    (below_space | quote.wrapping_sub(ONES) & !quote | backslash.wrapping_sub(ONES) & !backslash)
        & !word
        & HIGHS
}

/// Writes `text` as a JSON string, quotation marks included.
fn write_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0; // bytes[..copied] are written
    let mut at = 0;
    loop {
        // Find the next byte that needs escaping, a word at a time; the lowest set bit of
        // a word's mask is exactly its first such byte.
        let found = loop {
            match bytes.get(at..at + 8) {
                Some(word) => {
                    let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
                    let mask = escape_mask(word);
                    if mask != 0 {
                        break Some(at + (mask.trailing_zeros() / 8) as usize);
                    }
                    at += 8;
                }
                None => {
                    break bytes[at..]
                        .iter()
                        .position(|&byte| ESCAPE[byte as usize] != 0)
                        .map(|i| at + i);
                }
            }
        };
        let Some(special) = found else { break };
        out.extend_from_slice(&bytes[copied..special]);
        let byte = bytes[special];
        match ESCAPE[byte as usize] {
            b'u' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[(byte >> 4) as usize],
                    HEX[(byte & 0xf) as usize],
                ]);
            }
            escape => out.extend_from_slice(&[b'\\', escape]),
        }
        copied = special + 1;
        at = special + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

fn write_integer<I: itoa::Integer>(out: &mut Vec<u8>, value: I) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

/// A finite float as `serde_json` writes it; the caller handles the others.
fn write_finite<F: zmij::Float>(out: &mut Vec<u8>, value: F) {
    out.extend_from_slice(zmij::Buffer::new().format_finite(value).as_bytes());
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

/// A sequence, map or struct being written; `variant` also closes the object that names
/// an enum variant.
#[doc(hidden)]
pub struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
    variant: bool,
}

impl<'w, 'a> Compound<'w, 'a> {
    fn open(writer: &'w mut Writer<'a>, bracket: u8, variant: bool) -> Self {
        writer.out.push(bracket);
        Compound {
            writer,
            first: true,
            variant,
        }
    }

    fn separate(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    fn close(self, bracket: u8) {
        self.writer.out.push(bracket);
        if self.variant {
            self.writer.out.push(b'}');
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.separate();
        value.serialize(&mut *self.writer)
    }

    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.separate();
        write_str(self.writer.out, key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
}

impl Writer<'_> {
    /// `{"variant":` of an enum variant with content.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
    }
}

macro_rules! integers {
    ($($method:ident: $type:ty),*) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            write_integer(self.out, value);
            Ok(())
        })*
    };
}

macro_rules! floats {
    ($($method:ident: $type:ty),*) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            if value.is_finite() {
                write_finite(self.out, value);
            } else {
                self.out.extend_from_slice(b"null");
            }
            Ok(())
        })*
    };
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128);

    floats!(serialize_f32: f32, serialize_f64: f64);

    fn serialize_char(self, value: char) -> Result<(), Error> {
        write_str(self.out, value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        write_str(self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), Error> {
        let mut seq = Compound::open(self, b'[', false);
        for byte in value {
            seq.element(byte)?;
        }
        seq.close(b']');
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        write_str(self.out, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open(self, b'[', false))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open(self, b'[', false))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open(self, b'[', false))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.open_variant(variant);
        Ok(Compound::open(self, b'[', true))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open(self, b'{', false))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'w, 'a>, Error> {
        Ok(Compound::open(self, b'{', false))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.open_variant(variant);
        Ok(Compound::open(self, b'{', true))
    }
}

/// The sequence-like roles of [`Compound`]: elements between brackets.
macro_rules! sequence {
    ($($role:ident :: $method:ident),*) => {
        $(impl ser::$role for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close(b']');
                Ok(())
            }
        })*
    };
}

sequence!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.separate();
        key.serialize(KeyWriter {
            writer: &mut *self.writer,
        })?;
        self.writer.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close(b'}');
        Ok(())
    }
}

/// The struct roles of [`Compound`]: named fields between braces.
macro_rules! structure {
    ($($role:ident),*) => {
        $(impl ser::$role for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close(b'}');
                Ok(())
            }
        })*
    };
}

structure!(SerializeStruct, SerializeStructVariant);

/// A map key: JSON keys are strings, so numbers, booleans and characters are quoted; any
/// other key is an error, as in `serde_json`.
struct KeyWriter<'w, 'a> {
    writer: &'w mut Writer<'a>,
}

impl KeyWriter<'_, '_> {
    /// A number or a boolean as the value writer writes it, between quotation marks.
    fn quoted(self, write: impl FnOnce(&mut Writer<'_>) -> Result<(), Error>) -> Result<(), Error> {
        self.writer.out.push(b'"');
        write(&mut *self.writer)?;
        self.writer.out.push(b'"');
        Ok(())
    }
}

/// A float key must be finite: "null" is no key.
fn finite_key(finite: bool) -> Result<(), Error> {
    if finite {
        Ok(())
    } else {
        Err(Error("float key must be finite (got NaN or +/-inf)".into()))
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".into())
}

macro_rules! quoted {
    ($($method:ident: $type:ty),*) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            self.quoted(|writer| writer.$method(value))
        })*
    };
}

impl ser::Serializer for KeyWriter<'_, '_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.writer.serialize_str(value)
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.writer.serialize_char(value)
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.writer.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    quoted!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);

    fn serialize_f32(self, value: f32) -> Result<(), Error> {
        finite_key(value.is_finite())?;
        self.quoted(|writer| writer.serialize_f32(value))
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        finite_key(value.is_finite())?;
        self.quoted(|writer| writer.serialize_f64(value))
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn same<T: Serialize>(value: &T) {
        assert_eq!(
            to_string(value).unwrap(),
            serde_json::to_string(value).unwrap()
        );
    }

    #[test]
    fn every_byte_that_needs_escaping_at_every_place_in_a_word() {
        let specials: Vec<char> = (0u8..0x20)
            .map(char::from)
            .chain(['"', '\\', '\u{7f}', 'é', '€', '𝄞', '/'])
            .collect();
        for special in &specials {
            for before in 0..18 {
                for after in [0, 1, 7, 8, 9] {
                    let text = format!("{}{special}{}", "a".repeat(before), "b".repeat(after));
                    same(&text);
                }
            }
        }
    }

    #[test]
    fn the_word_test_finds_exactly_the_bytes_that_need_escaping() {
        for byte in 0..=255u8 {
            for place in 0..8 {
                let mut word = [b'x'; 8];
                word[place] = byte;
                assert_eq!(
                    escape_mask(u64::from_le_bytes(word)) != 0,
                    ESCAPE[byte as usize] != 0,
                    "byte {byte:#x} at {place}"
                );
            }
        }
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, f64),
        Struct {
            name: String,
            list: Vec<Option<bool>>,
        },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Wrapper(String);

    #[derive(Serialize)]
    struct Pair(u8, char);

    #[derive(Serialize)]
    struct Everything {
        shapes: Vec<Shape>,
        floats: Vec<f64>,
        small: Vec<f32>,
        wide: (i128, u128, i8, u16),
        by_number: BTreeMap<i64, Unit>,
        by_flag: BTreeMap<bool, Wrapper>,
        by_char: BTreeMap<char, Pair>,
        by_unit: BTreeMap<Kind, ()>,
        bytes: serde_bytes_like::Bytes,
        empty: Vec<u8>,
        nothing: Option<u8>,
        value: serde_json::Value,
    }

    #[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
    enum Kind {
        First,
        Second,
    }

    mod serde_bytes_like {
        /// Bytes written through `serialize_bytes`.
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }

    #[test]
    fn every_kind_of_value_as_serde_json_writes_it() {
        let value = Everything {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-3, 0.1),
                Shape::Struct {
                    name: "x\"y".into(),
                    list: vec![Some(true), None, Some(false)],
                },
            ],
            floats: vec![
                0.0,
                -0.0,
                1.0,
                1e300,
                -2.5e-308,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                123456789.125,
            ],
            small: vec![0.1, f32::MAX, f32::NAN],
            wide: (i128::MIN, u128::MAX, -128, 65535),
            by_number: [(-5, Unit), (12, Unit)].into_iter().collect(),
            by_flag: [(true, Wrapper("t".into())), (false, Wrapper("\n".into()))]
                .into_iter()
                .collect(),
            by_char: [('"', Pair(1, '\\'))].into_iter().collect(),
            by_unit: [(Kind::First, ()), (Kind::Second, ())]
                .into_iter()
                .collect(),
            bytes: serde_bytes_like::Bytes(vec![0, 255, 10]),
            empty: vec![],
            nothing: None,
            value: serde_json::json!({"a": [1, -2, 3.5, null, "s\u{1}"], "b": {}}),
        };
        same(&value);
    }

    #[test]
    fn keys_that_are_no_strings_fail_as_in_serde_json() {
        let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into_iter().collect();
        assert!(serde_json::to_string(&by_list).is_err());
        assert_eq!(
            to_string(&by_list).unwrap_err().to_string(),
            "key must be a string"
        );
        // Floats as keys: quoted when finite, an error otherwise, in both writers.
        struct FloatKeyed(f64);
        impl Serialize for FloatKeyed {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry(&self.0, &1u8)?;
                map.end()
            }
        }
        for key in [0.5, -2.0, 1e300] {
            same(&FloatKeyed(key));
        }
        for key in [f64::NAN, f64::INFINITY] {
            assert!(serde_json::to_string(&FloatKeyed(key)).is_err());
            assert!(to_string(&FloatKeyed(key)).is_err());
        }
    }

    proptest! {
        #[test]
        fn any_text_is_written_as_serde_json_writes_it(text in any::<String>()) {
            prop_assert_eq!(to_string(&text).unwrap(), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn text_of_escapes_and_ascii_is_written_as_serde_json_writes_it(
            text in "[a-z\"\\\\\\x00-\\x1f\\x7f ]{0,40}"
        ) {
            prop_assert_eq!(to_string(&text).unwrap(), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn any_float_is_written_as_serde_json_writes_it(value in any::<f64>(), small in any::<f32>()) {
            prop_assert_eq!(to_string(&(value, small)).unwrap(), serde_json::to_string(&(value, small)).unwrap());
        }
    }
}
