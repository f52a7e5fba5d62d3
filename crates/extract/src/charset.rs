//! Which character set a page is really in. The declared charset (HTTP header or
//! `<meta>`), a byte-order mark and the bytes themselves can disagree; the bytes win
//! when they are valid UTF-8 with non-ASCII text, because Latin-1 or Windows-1252 text
//! is almost never valid UTF-8 by chance, while pages that declare ISO-8859-1 and are
//! UTF-8 are common.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// A decoded page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static str,
    /// Set when the declaration was overruled or bytes had to be replaced.
    pub warning: Option<String>,
}

/// The charset a `<meta charset>` or `<meta http-equiv=Content-Type>` declares, looked for
/// in the first 4 KiB.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset")?;
    let rest = head[at + "charset".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

/// The charset in an HTTP `Content-Type` header value.
pub fn header_charset(content_type: &str) -> Option<String> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let value = lower[at + 8..].trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    let end = value.find([';', ' ', '"']).unwrap_or(value.len());
    (end > 0).then(|| value[..end].to_string())
}

/// Decodes a page's bytes.
///
/// ```
/// use dateline_extract::charset::decode;
///
/// // Declared Latin-1, but the bytes are UTF-8: the bytes win.
/// let page = "<meta charset=iso-8859-1><p>Café</p>".as_bytes();
/// let decoded = decode(page, None);
/// assert!(decoded.text.contains("Café"));
/// assert!(decoded.warning.is_some());
/// ```
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(&bytes[bom..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            warning: None,
        };
    }
    let declared_label = http_charset
        .map(str::to_string)
        .or_else(|| meta_charset(bytes));
    let declared = declared_label
        .as_deref()
        .and_then(|label| Encoding::for_label(label.as_bytes()));
    let non_ascii = bytes.iter().any(|b| !b.is_ascii());
    if let Ok(text) = std::str::from_utf8(bytes) {
        let warning = match declared {
            Some(enc) if enc != UTF_8 && non_ascii => Some(format!(
                "the page declares {} but its bytes are UTF-8; read as UTF-8",
                enc.name()
            )),
            _ => None,
        };
        return Decoded {
            text: text.to_string(),
            encoding: UTF_8.name(),
            warning,
        };
    }
    // Mostly UTF-8 with stray bytes (pages stitched from UTF-8 and Latin-1 parts):
    // keep the UTF-8 and read only the stray bytes as Windows-1252.
    let (valid, invalid) = utf8_census(bytes);
    if valid >= invalid && declared.is_none_or(|enc| enc == UTF_8 || valid > 0) {
        return Decoded {
            text: utf8_with_stray_bytes(bytes),
            encoding: UTF_8.name(),
            warning: Some(format!(
                "the page is UTF-8 with {invalid} stray byte(s); those were read as Windows-1252"
            )),
        };
    }
    let encoding = match declared {
        // Declared UTF-8 but not valid, or not declared: the bytes' statistics decide.
        Some(enc) if enc == UTF_8 => guess(bytes),
        Some(enc) => enc,
        None => guess(bytes),
    };
    let (text, _, replaced) = encoding.decode(bytes);
    let warning = match (declared, replaced) {
        (Some(enc), _) if enc == UTF_8 => Some(format!(
            "the page declares UTF-8 but is not; read as {}",
            encoding.name()
        )),
        (None, _) => Some(format!(
            "no charset declared and not UTF-8; read as {}",
            encoding.name()
        )),
        (_, true) => Some(format!(
            "bytes invalid in {} were replaced",
            encoding.name()
        )),
        _ => None,
    };
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        warning,
    }
}

/// The most likely legacy encoding of bytes that are not UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guessed = detector.guess(None, false);
    if guessed == UTF_8 {
        WINDOWS_1252
    } else {
        guessed
    }
}

/// Counts valid multi-byte UTF-8 characters and bytes that fit no UTF-8 sequence.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                return (
                    valid + text.chars().filter(|c| !c.is_ascii()).count(),
                    invalid,
                );
            }
            Err(e) => {
                let good = e.valid_up_to();
                valid += std::str::from_utf8(&bytes[..good])
                    .map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                let bad = e.error_len().unwrap_or(bytes.len() - good);
                invalid += bad;
                bytes = &bytes[good + bad..];
            }
        }
    }
}

/// UTF-8, with each byte outside a valid sequence read as Windows-1252.
fn utf8_with_stray_bytes(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&bytes[..good]).expect("validated"));
                let bad = e.error_len().unwrap_or(bytes.len() - good);
                let (stray, _, _) = WINDOWS_1252.decode(&bytes[good..good + bad]);
                out.push_str(&stray);
                bytes = &bytes[good + bad..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charsets_are_honoured_when_the_bytes_agree() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Caf\xe9</p>";
        let decoded = decode(page, None);
        assert!(decoded.text.contains("Café"));
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.warning, None);
        assert_eq!(
            header_charset("text/html; charset=\"utf-8\""),
            Some("utf-8".into())
        );
    }

    #[test]
    fn utf8_pages_with_a_stray_latin1_byte_keep_their_utf8() {
        let decoded = decode(
            "<meta charset=utf-8><p>Müller zahlt 5 \u{20ac}</p>"
                .as_bytes()
                .iter()
                .copied()
                .chain(*b"\xa3 more")
                .collect::<Vec<u8>>()
                .as_slice(),
            None,
        );
        assert!(
            decoded.text.contains("Müller zahlt 5 €") && decoded.text.contains("£ more"),
            "{}",
            decoded.text
        );
    }

    #[test]
    fn a_false_utf8_declaration_falls_back_to_windows_1252() {
        let decoded = decode(b"<meta charset=utf-8><p>\x93quoted\x94</p>", None);
        assert!(decoded.text.contains("“quoted”"));
        assert!(decoded.warning.unwrap().contains("declares UTF-8"));
    }
}
