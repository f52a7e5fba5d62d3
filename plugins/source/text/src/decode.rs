//! Bytes to clean text: binary detection, UTF-8 with repair (of invalid bytes, and of
//! UTF-8 once read as Windows-1252), control characters.

use std::fmt::Write as _;

/// How bytes that are not valid UTF-8 are decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InvalidUtf8 {
    /// Each stray byte is read as Windows-1252 (0xA3 becomes "£"): right for the
    /// common case of a Latin-1 character in an otherwise UTF-8 file.
    #[default]
    Cp1252,
    /// Each invalid sequence becomes U+FFFD.
    Replace,
}

/// The result of decoding an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with line ends normalized to `\n` and control characters removed.
    pub text: String,
    /// What was repaired, for the record's warnings.
    pub warnings: Vec<String>,
}

/// Why an input is not text at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotText {
    /// Byte offset of the evidence.
    pub offset: u64,
    /// What was found.
    pub reason: String,
}

/// Decodes `bytes` as article text.
///
/// A NUL byte, or a high share of control characters, in the first 8 KiB marks
/// the input as binary: an error, not a crash or a page of garbage.
///
/// ```
/// use dateline_text::decode::{decode, InvalidUtf8};
///
/// let decoded = decode(b"Price \xA3500\r\nNext", InvalidUtf8::Cp1252).unwrap();
/// assert_eq!(decoded.text, "Price £500\nNext");
/// assert_eq!(decoded.warnings.len(), 1);
/// assert!(decode(b"\x7fELF\x02\x01\x01\x00\x00", InvalidUtf8::Cp1252).is_err());
/// ```
pub fn decode(bytes: &[u8], invalid: InvalidUtf8) -> Result<Decoded, NotText> {
    decode_owned(bytes.to_vec(), invalid)
}

/// [`decode`] for bytes the caller no longer needs: clean UTF-8 becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>, invalid: InvalidUtf8) -> Result<Decoded, NotText> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    // The common case, clean UTF-8 with \n line ends, costs one scan for control bytes
    // (there being none, the input is no binary either), one validation pass and no copy.
    // A carriage return is a control character here: CRLF line ends take the slow path.
    if !bom && !dateline_core::text::has_control_chars(&bytes, true) {
        match String::from_utf8(bytes) {
            Ok(text) => {
                let mut warnings = Vec::new();
                let text = repaired(text, &mut warnings).into_owned();
                return Ok(Decoded { text, warnings });
            }
            Err(e) => return decode_slow(e.as_bytes(), invalid),
        }
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(nul) = head.iter().position(|&b| b == 0) {
        return Err(NotText {
            offset: nul as u64,
            reason: format!(
                "binary data (a NUL byte at byte {nul}); the text parser reads plain text"
            ),
        });
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if head.len() >= 64 && controls * 10 > head.len() {
        return Err(NotText {
            offset: 0,
            reason: format!(
                "binary data ({controls} control bytes in the first {} bytes); the text parser reads plain text",
                head.len()
            ),
        });
    }

    decode_slow(&bytes[if bom { 3 } else { 0 }..], invalid)
}

fn decode_slow(bytes: &[u8], invalid: InvalidUtf8) -> Result<Decoded, NotText> {
    let mut warnings = Vec::new();
    let raw = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => std::borrow::Cow::Owned(repair_utf8(bytes, invalid, &mut warnings)),
    };
    // Before control characters go: UTF-8 read as Latin-1 holds C1 characters.
    let raw = repaired(raw, &mut warnings);

    // Copy the clean runs between the characters that need attention, not char by char.
    let mut text = String::with_capacity(raw.len());
    let mut removed = 0usize;
    let mut clean_from = 0;
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '\r' && (!c.is_control() || matches!(c, '\n' | '\t' | '\u{0c}')) {
            continue;
        }
        text.push_str(&raw[clean_from..at]);
        clean_from = at + c.len_utf8();
        if c == '\r' {
            if chars.peek().map(|&(_, next)| next) != Some('\n') {
                text.push('\n');
            }
        } else {
            removed += 1;
        }
    }
    text.push_str(&raw[clean_from..]);
    if removed > 0 {
        warnings.push(format!("removed {removed} control character(s)"));
    }
    Ok(Decoded { text, warnings })
}

/// `text`, with UTF-8 that was once read as Windows-1252 and written again made whole
/// ("JuliÃ¡n" is "Julián"; see [`dateline_core::text::repair_mojibake`]), said in
/// `warnings`; untouched text is given back as it came.
fn repaired<'a>(
    text: impl Into<std::borrow::Cow<'a, str>>,
    warnings: &mut Vec<String>,
) -> std::borrow::Cow<'a, str> {
    let text = text.into();
    match dateline_core::text::repair_mojibake(&text) {
        Some((fixed, count)) => {
            warnings.push(dateline_core::text::mojibake_warning(count));
            std::borrow::Cow::Owned(fixed)
        }
        None => text,
    }
}

fn repair_utf8(mut bytes: &[u8], invalid: InvalidUtf8, warnings: &mut Vec<String>) -> String {
    let total = bytes.len();
    let mut out = String::with_capacity(total + 16);
    let mut repaired = 0usize;
    let mut first_at = None;
    while !bytes.is_empty() {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                out.push_str(valid);
                break;
            }
            Err(err) => {
                let good = err.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[..good]).expect("validated prefix"));
                let bad_len = err.error_len().unwrap_or(bytes.len() - good);
                first_at.get_or_insert(total - bytes.len() + good);
                repaired += bad_len;
                match invalid {
                    InvalidUtf8::Replace => out.push(char::REPLACEMENT_CHARACTER),
                    InvalidUtf8::Cp1252 => bytes[good..good + bad_len]
                        .iter()
                        .for_each(|&b| out.push(cp1252(b))),
                }
                bytes = &bytes[good + bad_len..];
            }
        }
    }
    let mut message = String::new();
    let how = match invalid {
        InvalidUtf8::Replace => "replaced with U+FFFD",
        InvalidUtf8::Cp1252 => "decoded as Windows-1252",
    };
    let _ = write!(
        message,
        "invalid UTF-8: {repaired} byte(s) {how}, the first at byte {}",
        first_at.unwrap_or(0)
    );
    warnings.push(message);
    out
}

/// The Windows-1252 character of one byte (undefined bytes map to U+FFFD).
fn cp1252(byte: u8) -> char {
    match dateline_core::text::windows_1252_char(byte) {
        '\u{80}'..='\u{9F}' => char::REPLACEMENT_CHARACTER,
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_mode_uses_the_replacement_character() {
        let decoded = decode(b"a\xFFb", InvalidUtf8::Replace).unwrap();
        assert_eq!(decoded.text, "a\u{FFFD}b");
        assert!(decoded.warnings[0].contains("byte 1"));
    }

    #[test]
    fn control_characters_are_removed_and_reported() {
        let decoded = decode(b"a\x07b\x1bc\n", InvalidUtf8::Cp1252).unwrap();
        assert_eq!(decoded.text, "abc\n");
        assert_eq!(decoded.warnings, vec!["removed 2 control character(s)"]);
    }

    #[test]
    fn utf8_once_read_as_windows_1252_is_repaired_and_reported() {
        // Clean UTF-8 holding the garbled form, and the same with a CRLF line end (the
        // slow path), and the Latin-1 reading with its C1 characters.
        for (bytes, text) in [
            ("Juli\u{c3}\u{a1}n Castro".as_bytes(), "Julián Castro"),
            ("Juli\u{c3}\u{a1}n\r\nCastro".as_bytes(), "Julián\nCastro"),
            ("don\u{e2}\u{80}\u{99}t".as_bytes(), "don’t"),
        ] {
            let decoded = decode(bytes, InvalidUtf8::Cp1252).unwrap();
            assert_eq!(decoded.text, text);
            assert_eq!(
                decoded.warnings,
                vec![dateline_core::text::mojibake_warning(1)],
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        let clean = decode("Julián, pâte".as_bytes(), InvalidUtf8::Cp1252).unwrap();
        assert!(clean.warnings.is_empty());
    }

    #[test]
    fn a_bom_is_dropped() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFHi", InvalidUtf8::Cp1252).unwrap().text,
            "Hi"
        );
    }
}
