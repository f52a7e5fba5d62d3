//! What a narrow text is, and a pattern's classes cut down to it. Read by the build
//! script too, which compiles the listed patterns' narrow automata: this file stands on
//! its own.

/// The blocks of a narrow text, and all a narrowed class keeps of its class.
pub const NARROW: &[(char, char)] = &[
    // Basic Latin, Latin-1, Latin Extended-A and -B.
    ('\u{0}', '\u{24F}'),
    // Combining diacritical marks (text in decomposed form).
    ('\u{300}', '\u{36F}'),
    // Latin Extended Additional (Vietnamese).
    ('\u{1E00}', '\u{1EFF}'),
    // General Punctuation: curly quotes, dashes, the ellipsis, thin and zero-width spaces.
    ('\u{2000}', '\u{206F}'),
    // Currency signs.
    ('\u{20A0}', '\u{20CF}'),
    // The byte-order mark.
    ('\u{FEFF}', '\u{FEFF}'),
];

/// `pattern` with every Unicode class (`\p{L}`, `\P{Lu}`, `\d`, `\w`) intersected with
/// [`NARROW`]. A class set operation is resolved when the pattern is parsed, so what is
/// compiled is a handful of ranges. Bracketed classes and `\s` are cheap as written and
/// kept.
pub fn narrowed(pattern: &str) -> String {
    let blocks: String = NARROW
        .iter()
        .map(|&(low, high)| format!("\\x{{{:X}}}-\\x{{{:X}}}", low as u32, high as u32))
        .collect();
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let class = if escape.starts_with("\\p{") || escape.starts_with("\\P{") {
            escape.find('}').map(|end| end + 1)
        } else if escape.starts_with("\\d") || escape.starts_with("\\w") {
            Some(2)
        } else {
            None
        };
        let len = match class {
            Some(len) => {
                out.push_str(&format!("[{}&&[{blocks}]]", &escape[..len]));
                len
            }
            // Any other escape, with the character it escapes (`\\` and `\{` among them),
            // is kept as written.
            None => {
                let len = 1 + escape[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&escape[..len]);
                len
            }
        };
        rest = &escape[len..];
    }
    out.push_str(rest);
    out
}
