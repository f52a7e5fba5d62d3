//! Helpers for code point offsets, the unit of every offset in a record.

/// Converts byte offsets of one string into code point offsets.
///
/// Building it is linear in the text; each lookup is a binary search over the
/// non-ASCII characters only, so an enricher can convert thousands of regex
/// matches cheaply, and pure ASCII text costs nothing.
///
/// ```
/// use dateline_core::text::CharIndex;
///
/// let text = "Iran’s top general";
/// let index = CharIndex::new(text);
/// let byte = text.find("top").unwrap();
/// assert_eq!(byte, 9);
/// assert_eq!(index.char_offset(byte), 7);
/// assert_eq!(index.char_offset(text.len()), text.chars().count());
/// ```
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// For each non-ASCII char: its byte offset, the chars before it, its UTF-8 width.
    multibyte: Vec<(usize, usize, usize)>,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let multibyte = text
            .char_indices()
            .enumerate()
            .filter(|(_, (_, c))| !c.is_ascii())
            .map(|(chars_before, (byte, c))| (byte, chars_before, c.len_utf8()))
            .collect();
        CharIndex { multibyte }
    }

    /// The code point offset of `byte`, which must lie on a char boundary.
    pub fn char_offset(&self, byte: usize) -> usize {
        match self.multibyte.partition_point(|&(b, _, _)| b < byte) {
            0 => byte,
            i => {
                // Everything after the last multibyte char before `byte` is ASCII.
                let (b, chars_before, width) = self.multibyte[i - 1];
                chars_before + 1 + (byte - b - width)
            }
        }
    }

    /// The byte offset of code point offset `char` (the text's length past its end).
    ///
    /// ```
    /// use dateline_core::text::CharIndex;
    ///
    /// let text = "Iran’s top general";
    /// let index = CharIndex::new(text);
    /// assert_eq!(index.byte_offset(7), 9);
    /// assert_eq!(index.byte_offset(4), 4);
    /// ```
    pub fn byte_offset(&self, char: usize) -> usize {
        match self
            .multibyte
            .partition_point(|&(_, before, _)| before < char)
        {
            0 => char,
            i => {
                // Everything after the last multibyte char before `char` is ASCII.
                let (b, chars_before, width) = self.multibyte[i - 1];
                b + width + (char - chars_before - 1)
            }
        }
    }

    /// The code points `start..end` of `text` (the text this index was built from), as
    /// [`char_slice`] gives them, without walking the text from its start.
    ///
    /// ```
    /// use dateline_core::text::CharIndex;
    ///
    /// let text = "Iran’s top general";
    /// assert_eq!(CharIndex::new(text).slice(text, 7, 10), "top");
    /// ```
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let from = self.byte_offset(start).min(text.len());
        let to = if end <= start {
            from
        } else {
            self.byte_offset(end).min(text.len())
        };
        &text[from..to]
    }
}

/// Titles, ranks and place-name prefixes that stand before a name with their period,
/// lowercase without it ("Gov. Mike Huckabee", "Mt. Cook").
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "fr", "st", "mt", "ft", "gen", "lt", "col", "maj", "capt",
    "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "gov", "sen", "rep", "pres", "rev",
    "hon", "amb", "supt", "insp", "det", "atty", "messrs",
];

/// The other abbreviations that keep their period, lowercase without it: suffixes of
/// names, months, corporate suffixes, states and Latin shorthand. Unlike a title, one
/// of these may end a sentence ("... of Acme Inc. The company said").
const ABBREVIATIONS: &[&str] = &[
    "sr", "jr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "corp",
    "ltd", "co", "bros", "plc", "llc", "no", "nos", "vs", "v", "etc", "approx", "est", "dept",
    "univ", "assn", "ave", "blvd", "rd", "mass", "calif", "conn", "fla", "ill", "penn", "wash",
    "ariz", "colo", "tenn", "okla", "mich", "minn", "wis", "ore", "nev", "ky", "md", "va", "ga",
    "ala", "la", "miss", "mo", "neb", "kan", "del", "pa", "ind", "ark", "vt", "wyo", "mont", "ida",
    "tex",
];

/// Common English words that other languages written in Latin letters rarely use ("was",
/// "will", "in", "an", "also", "so" and "a" are German, Dutch, French or Spanish words too).
const ENGLISH_MARKERS: [&str; 44] = [
    "the", "of", "and", "to", "that", "for", "with", "is", "are", "were", "be", "been", "this",
    "have", "has", "had", "from", "by", "it", "its", "at", "as", "or", "not", "but", "which",
    "they", "their", "he", "she", "his", "her", "would", "said", "who", "more", "about", "than",
    "into", "after", "there", "can", "when", "what",
];

/// Fewest words a text needs for [`reads_as_english`] to tell.
const WORDS_TO_TELL: usize = 20;

/// Whether a text reads as English: at least one in sixteen of its first 500 words is
/// one of the commonest English words. News in English has a third of them (the 2,225 BBC
/// articles: at least one in eight); German, Spanish or French pages a few in a hundred.
/// `None` when the text has too few words to tell (fewer than 20).
///
/// ```
/// use dateline_core::text::reads_as_english;
///
/// let english = "The minister said on Monday that the talks with the union had failed and \
///     that the strike would go ahead, which the company has called unlawful.";
/// let german = "Der Minister sagte am Montag, die Gespräche mit der Gewerkschaft seien \
///     gescheitert und der Streik werde stattfinden, den das Unternehmen für rechtswidrig hält.";
/// assert_eq!(reads_as_english(english), Some(true));
/// assert_eq!(reads_as_english(german), Some(false));
/// assert_eq!(reads_as_english("Berlin, Montag"), None);
/// ```
pub fn reads_as_english(text: &str) -> Option<bool> {
    let (mut words, mut markers) = (0usize, 0usize);
    for word in text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take(500)
    {
        words += 1;
        // The markers are ASCII of five letters at most: lower-cased on the stack.
        if word.len() <= 5 && word.is_ascii() {
            let mut lower = [0u8; 5];
            lower[..word.len()].copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            let lower = &lower[..word.len()];
            markers += usize::from(ENGLISH_MARKERS.iter().any(|m| m.as_bytes() == lower));
        }
    }
    (words >= WORDS_TO_TELL).then_some(markers * 16 >= words)
}

/// Whether `word` (with its trailing period) is an abbreviation that keeps the period:
/// the period ends no sentence.
///
/// ```
/// use dateline_core::text::is_abbreviation;
///
/// assert!(is_abbreviation("a.m.") && is_abbreviation("Mr.") && is_abbreviation("J."));
/// assert!(!is_abbreviation("Friday."));
/// ```
pub fn is_abbreviation(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    if stem.is_empty() {
        return false;
    }
    // Initials and dotted shorthand: "J.", "U.S.", "a.m.", "e.g.".
    let mut chars = stem.chars();
    if stem.chars().count() == 1 && stem.chars().all(char::is_alphabetic) {
        return true;
    }
    if stem.contains('.')
        && stem.split('.').all(|part| {
            let mut c = part.chars();
            matches!((c.next(), c.next()), (Some(a), None) if a.is_alphabetic())
        })
    {
        return true;
    }
    let first = chars.next();
    first.is_some_and(char::is_alphabetic)
        && stem.len() <= 6
        && (ABBREVIATIONS.contains(&stem.to_ascii_lowercase().as_str()) || in_titles(stem))
}

/// Whether `word` (with its trailing period) is a title or an initial that a name
/// follows: its period ends no sentence, whatever comes after ("Mrs. Clinton's", "Gov.
/// Mike Huckabee", "J. Smith"). A name's suffix, a month or a company's is not
/// ("Acme Inc." may end one).
///
/// ```
/// use dateline_core::text::is_title_abbreviation;
///
/// assert!(is_title_abbreviation("Gov.") && is_title_abbreviation("J."));
/// assert!(!is_title_abbreviation("Inc.") && !is_title_abbreviation("Ryan."));
/// ```
pub fn is_title_abbreviation(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else {
        return false;
    };
    let mut chars = stem.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    initial || (stem.len() <= 6 && in_titles(stem))
}

fn in_titles(stem: &str) -> bool {
    TITLES.contains(&stem.to_ascii_lowercase().as_str())
}

/// The days of the week, lowercase, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a word names a day of the week, in full or as news abbreviates it, in any case
/// and with or without a full stop ("Monday", "tues.", "THU").
///
/// ```
/// use dateline_core::text::is_weekday;
/// assert!(is_weekday("Tues.") && is_weekday("SUNDAY"));
/// assert!(!is_weekday("Sunny"));
/// ```
pub fn is_weekday(word: &str) -> bool {
    const SHORT: [&str; 10] = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ];
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    SHORT.contains(&lower.as_str()) || WEEKDAYS.contains(&lower.as_str())
}

/// Minutes east of UTC of a time zone's abbreviation in capitals, as news writes one
/// after a clock time ("EST", "GMT", "AEDT"); `None` for others and for ambiguous ones.
///
/// ```
/// use dateline_core::text::zone_abbreviation_minutes;
/// assert_eq!(zone_abbreviation_minutes("EST"), Some(-300));
/// assert_eq!(zone_abbreviation_minutes("Estonia"), None);
/// ```
pub fn zone_abbreviation_minutes(abbreviation: &str) -> Option<i32> {
    Some(match abbreviation {
        "Z" | "UTC" | "GMT" => 0,
        "BST" | "CET" | "WAT" => 60,
        "CEST" | "EET" | "SAST" | "CAT" => 120,
        "EEST" | "MSK" | "AST" | "EAT" => 180,
        "GST" => 240,
        "PKT" => 300,
        "IST" => 330,
        "NPT" => 345,
        "BDT" => 360,
        "WIB" | "ICT" => 420,
        "SGT" | "HKT" | "AWST" | "PHT" => 480,
        "JST" | "KST" => 540,
        "AEST" => 600,
        "AEDT" => 660,
        "NZST" => 720,
        "NZDT" => 780,
        "EST" => -300,
        "EDT" | "ET" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        _ => return None,
    })
}

/// The months, lowercase, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether a word is a month's or a weekday's whole name as running text writes it,
/// capitalized: "March", "Friday"; not "march", "MAY" or "Fri".
///
/// ```
/// use dateline_core::text::is_calendar_name;
/// assert!(is_calendar_name("March") && is_calendar_name("Friday"));
/// assert!(!is_calendar_name("march") && !is_calendar_name("Mar") && !is_calendar_name("MAY"));
/// ```
pub fn is_calendar_name(word: &str) -> bool {
    // Capitalized, and its other letters as the lower-case name writes them.
    word.starts_with(|c: char| c.is_ascii_uppercase())
        && MONTHS
            .iter()
            .chain(WEEKDAYS.iter())
            .any(|name| word.eq_ignore_ascii_case(name) && word[1..] == name[1..])
}

/// The month number (1-12) of an English month name or abbreviation ("Nov.", "Sept").
///
/// ```
/// use dateline_core::text::month_number;
///
/// assert_eq!(month_number("Nov."), Some(11));
/// assert_eq!(month_number("september"), Some(9));
/// assert_eq!(month_number("Ma"), None);
/// ```
pub fn month_number(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() >= 3 && m.starts_with(&lower))
                || (lower == "sept" && *m == "september")
        })
        .map(|i| i as i8 + 1)
}

/// The code points `start..end` of `text`, clamped to its length: how a consumer slices a
/// record's field with the offsets of a mention, a quote or an event.
///
/// ```
/// use dateline_core::text::char_slice;
///
/// assert_eq!(char_slice("Iran’s top general", 7, 10), "top");
/// assert_eq!(char_slice("short", 3, 99), "rt");
/// ```
pub fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let byte = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
    let from = byte(start);
    let to = if end <= start { from } else { byte(end) };
    &text[from..to]
}

/// `text` without control characters other than line feeds and tabs: what every source
/// leaves in a record's text fields, whatever the page held (a NUL in a meta description
/// would otherwise reach the database and every CSV reader).
///
/// ```
/// use dateline_core::text::strip_controls;
///
/// assert_eq!(strip_controls("So\0 far\u{7}\n\tok\u{9b}"), "So far\n\tok");
/// ```
pub fn strip_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if has_control_chars(text.as_bytes(), false) {
        std::borrow::Cow::Owned(without_controls(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// [`strip_controls`] for a string the caller owns: given back as it is when it holds no
/// control character (the common case costs one scan and no copy).
///
/// ```
/// use dateline_core::text::strip_controls_owned;
///
/// assert_eq!(strip_controls_owned("So\0 far".to_string()), "So far");
/// ```
pub fn strip_controls_owned(text: String) -> String {
    if has_control_chars(text.as_bytes(), false) {
        without_controls(&text)
    } else {
        text
    }
}

fn without_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect()
}

/// Whether UTF-8 `bytes` hold a control character other than a line feed, a tab and,
/// when `keep_form_feeds`, a form feed: a C0 byte or DEL, or a C1 character
/// (U+0080-U+009F: 0xC2 then 0x80-0x9F). One vectorized scan; no decoding.
///
/// ```
/// use dateline_core::text::has_control_chars;
///
/// assert!(!has_control_chars("line\n\ttab".as_bytes(), false));
/// assert!(has_control_chars("bell\u{7}".as_bytes(), false));
/// assert!(has_control_chars("c1\u{9b}".as_bytes(), false));
/// assert!(has_control_chars("page\u{c}".as_bytes(), false));
/// assert!(!has_control_chars("page\u{c}".as_bytes(), true));
/// ```
pub fn has_control_chars(bytes: &[u8], keep_form_feeds: bool) -> bool {
    // A form feed kept is read as a line feed.
    let form_feed = if keep_form_feeds { 0x0c } else { b'\n' };
    // Branch-free within each chunk, so the loop vectorizes.
    let c0_or_del = bytes.chunks(4096).any(|chunk| {
        chunk.iter().fold(false, |bad, &b| {
            bad | ((b < 0x20) & (b != b'\n') & (b != b'\t') & (b != form_feed)) | (b == 0x7f)
        })
    });
    c0_or_del
        || memchr::memchr_iter(0xC2, bytes).any(|i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
}

/// Windows-1252's characters for the bytes 0x80-0x9F, where it differs from Latin-1;
/// the five bytes it leaves undefined read as the C1 controls of their number, as the
/// WHATWG decoder reads them.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The character Windows-1252 reads a byte as (an undefined one as the C1 control of
/// its number).
///
/// ```
/// use dateline_core::text::windows_1252_char;
///
/// assert_eq!(windows_1252_char(0x92), '’');
/// assert_eq!(windows_1252_char(0xE9), 'é');
/// assert_eq!(windows_1252_char(0x81), '\u{81}');
/// ```
pub fn windows_1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The byte Windows-1252 (or, for U+0080-U+009F, Latin-1) reads as `c`, if it reads one
/// as `c` and it is a UTF-8 continuation byte (0x80-0xBF).
fn continuation_byte(c: char) -> Option<u8> {
    match c {
        '\u{80}'..='\u{BF}' => u8::try_from(u32::from(c)).ok(),
        _ => WINDOWS_1252_HIGH
            .iter()
            .position(|&h| h == c)
            .and_then(|i| u8::try_from(0x80 + i).ok()),
    }
}

/// Repairs text whose UTF-8 was once read as Windows-1252 or Latin-1 and written out
/// again as UTF-8: "JuliÃ¡n" for "Julián", "donâ€™t" for "don’t". Each character that
/// can lead a UTF-8 sequence (Â to ô), followed by the characters those bytes read as
/// that make one whole UTF-8 character of it, becomes that character. Returns the text
/// and the number of characters repaired, or `None` when there is nothing to repair
/// (one scan for the lead characters' first byte, 0xC3, and nothing copied).
///
/// ```
/// use dateline_core::text::repair_mojibake;
///
/// let (text, repaired) = repair_mojibake("JuliÃ¡n Castro donâ€™t").unwrap();
/// assert_eq!(text, "Julián Castro don’t");
/// assert_eq!(repaired, 2);
/// assert_eq!(repair_mojibake("Julián, pâte, São Paulo"), None);
/// ```
pub fn repair_mojibake(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    // The lead characters U+00C2-U+00F4 are 0xC3 then 0x82-0xB4 in UTF-8.
    let first = memchr::memchr_iter(0xC3, bytes).find(|&i| {
        matches!(bytes.get(i + 1), Some(0x82..=0xB4)) && repaired_at(text, i).is_some()
    })?;
    let mut out = String::with_capacity(text.len());
    let mut repaired = 0;
    let mut copied = 0;
    let mut at = first;
    while at < text.len() {
        match repaired_at(text, at) {
            Some((c, len)) => {
                out.push_str(&text[copied..at]);
                out.push(c);
                repaired += 1;
                at += len;
                copied = at;
            }
            None => {
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out.push_str(&text[copied..]);
    Some((out, repaired))
}

/// What a record's warning says of `count` characters [`repair_mojibake`] repaired: one
/// wording for every source.
pub fn mojibake_warning(count: usize) -> String {
    format!(
        "repaired {count} character(s) of UTF-8 that had been read as Windows-1252 and written again"
    )
}

/// The character the mis-decoded sequence at byte `at` of `text` stands for, and the
/// sequence's length in bytes.
fn repaired_at(text: &str, at: usize) -> Option<(char, usize)> {
    let mut chars = text[at..].chars();
    let lead = chars.next()?;
    let lead_byte = u8::try_from(u32::from(lead)).ok()?;
    let len = match lead_byte {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let mut buf = [lead_byte, 0, 0, 0];
    let mut taken = lead.len_utf8();
    for slot in buf.iter_mut().take(len).skip(1) {
        let c = chars.next()?;
        *slot = continuation_byte(c)?;
        taken += c.len_utf8();
    }
    let decoded = std::str::from_utf8(&buf[..len]).ok()?.chars().next()?;
    // A C1 control is no character text means.
    (!('\u{80}'..='\u{9F}').contains(&decoded)).then_some((decoded, taken))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_read_as_windows_1252_or_latin_1_is_made_whole_again() {
        // Each character written as UTF-8, read back as Windows-1252 and as Latin-1, and
        // written again: repaired to itself, once per character.
        for original in [
            "Julián",
            "don’t",
            "São Paulo – “ok”",
            "Zürich 😀",
            "£5 €6 ÷",
        ] {
            let cp1252: String = original.bytes().map(windows_1252_char).collect();
            let latin1: String = original.bytes().map(|b| b as char).collect();
            let non_ascii = original.chars().filter(|c| !c.is_ascii()).count();
            for garbled in [cp1252, latin1] {
                assert_eq!(
                    repair_mojibake(&garbled),
                    Some((original.to_string(), non_ascii)),
                    "{garbled}"
                );
            }
        }
        // Text that was never garbled is left alone, whatever its accents.
        for clean in [
            "Julián, pâte, São Paulo, Ångström, Â bientôt",
            "ÃO",
            "Ã ",
            "Ã",
        ] {
            assert_eq!(repair_mojibake(clean), None, "{clean}");
        }
    }

    #[test]
    fn slices_as_char_slice_does_for_every_range() {
        for text in [
            "a’b “quoted” ünïcode 😀 end",
            "plain ascii",
            "’",
            "",
            "😀😀x",
        ] {
            let index = CharIndex::new(text);
            let n = text.chars().count();
            for start in 0..=n + 2 {
                if start <= n {
                    let byte = text
                        .char_indices()
                        .nth(start)
                        .map_or(text.len(), |(b, _)| b);
                    assert_eq!(index.byte_offset(start), byte, "{text:?} {start}");
                }
                for end in 0..=n + 2 {
                    assert_eq!(
                        index.slice(text, start, end),
                        char_slice(text, start, end),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn matches_a_naive_count_at_every_boundary() {
        let text = "a’b “quoted” ünïcode 😀 end";
        let index = CharIndex::new(text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(
                index.char_offset(byte),
                text[..byte].chars().count(),
                "byte {byte}"
            );
        }
    }
}
