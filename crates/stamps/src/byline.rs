//! Bylines as news pages print them: "By Jane Doe and John Roe | Reuters", "By John
//! Smith, Staff Writer", "MARY JOHNSON The Associated Press".

use dateline_patterns::Pattern;

/// This module's patterns (see [`crate::patterns`]).
pub(crate) fn patterns() -> [&'static Pattern; 1] {
    [&BYLINE]
}

static BYLINE: Pattern = Pattern::new(|| {
    r"^(?i:by)\s+(?P<names>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*(?:,|\band\b|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*)\s*(?:[|,–—-]\s*.{1,40})?$".into()
});

/// What follows a writer's name in a byline and is no part of it, lower-cased: the
/// agency or the desk ("MARY JOHNSON The Associated Press", "Ann Lee, Staff Writer").
const DESKS: &[&str] = &[
    "the associated press",
    "associated press",
    "associated press writer",
    "ap writer",
    "staff writer",
    "staff reporter",
    "reuters",
];

/// The author names of a byline line ("By Jane Doe and John Roe | Reuters"), without a
/// desk or an agency set after them as if it were one more name ("By John Smith, Staff
/// Writer" names John Smith).
///
/// ```
/// use dateline_stamps::byline_names;
///
/// assert_eq!(byline_names("By John Smith, Staff Writer").unwrap(), ["John Smith"]);
/// assert_eq!(byline_names("by the time they arrived, it was over"), None);
/// ```
pub fn byline_names(line: &str) -> Option<Vec<String>> {
    if line.len() > 120
        || !line
            .get(..3)
            .is_some_and(|by| by.eq_ignore_ascii_case("by "))
    {
        return None;
    }
    let caps = BYLINE.captures(line)?;
    let mut names = caps["names"]
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(without_desk)
        .filter(|name| !name.is_empty())
        .collect::<Vec<_>>();
    if names.len() > 1 {
        names.retain(|name| !is_desk(name));
    }
    (!names.is_empty()).then(|| names.into_iter().map(str::to_string).collect())
}

/// Whether a name is a desk or an agency alone ("Staff Writer", "Reuters").
fn is_desk(name: &str) -> bool {
    DESKS.iter().any(|desk| name.eq_ignore_ascii_case(desk))
}

/// A writer's name as a byline gives it, without a desk or an agency after it; a desk
/// alone stays (an agency's story is signed so). A name in capitals stays so:
/// "MCDONALD" cannot be told back into its case.
///
/// ```
/// use dateline_stamps::without_desk;
///
/// assert_eq!(without_desk("MARY JOHNSON The Associated Press"), "MARY JOHNSON");
/// assert_eq!(without_desk("Reuters"), "Reuters");
/// ```
pub fn without_desk(byline: &str) -> &str {
    let name = byline.trim();
    // The desks are ASCII: compared byte for byte, without case.
    DESKS
        .iter()
        .find_map(|desk| {
            let cut = name.len().checked_sub(desk.len())?;
            let head = name.get(..cut)?;
            (name[cut..].eq_ignore_ascii_case(desk) && head.ends_with([' ', ',']))
                .then(|| head.trim_end_matches([' ', ',', '-', '|']))
        })
        .filter(|head| !head.is_empty())
        .unwrap_or(name)
}

/// Words that open a byline before the names, in the languages news pages are written
/// in, lower-cased ("By", "von", "par", "door").
const BYLINE_WORDS: &[&str] = &[
    "by",
    "von",
    "vom",
    "par",
    "por",
    "door",
    "av",
    "af",
    "di",
    "posted by",
    "written by",
    "eingestellt von",
    "geschrieben von",
    "publié par",
    "escrito por",
    "scritto da",
];

/// What a page's markup gives as an author that names no one: a role, a placeholder, a
/// comment form's label, lower-cased.
const NOT_AUTHORS: &[&str] = &[
    "admin",
    "administrator",
    "publisher",
    "unknown",
    "author",
    "name",
];

/// The writers an author field of a page's markup names, cleaned as a byline is read:
/// spaces collapsed, quotes and a leading "By"/"von"/"par" dropped, a desk, a site after
/// a bar, a handle or an e-mail address after the name dropped, a quoted list of full
/// names split; nothing for a label, a placeholder, a web address or a comment's
/// signature ("Name *", "admin", "oe24.at", "Harm Otten sagt:").
///
/// ```
/// use dateline_stamps::author_names;
///
/// assert_eq!(author_names("von \n\t Dennis Kochinky"), ["Dennis Kochinky"]);
/// assert_eq!(author_names(", par Attac France"), ["Attac France"]);
/// assert_eq!(author_names("| Klaus Quibeldey-Cirkel"), ["Klaus Quibeldey-Cirkel"]);
/// assert_eq!(author_names("'Luana Patriolino, Raphael Felice'"), ["Luana Patriolino", "Raphael Felice"]);
/// assert!(author_names("Name  (erforderlich)").is_empty());
/// assert!(author_names("By").is_empty());
/// ```
pub fn author_names(raw: &str) -> Vec<String> {
    let spaced = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    // Quotes, and the separators a template leaves before a name (": Joe S.", "| Klaus
    // Quibeldey-Cirkel", ", par Attac France"); a colon after one marks a comment's
    // signature ("Harm Otten sagt:"), read below.
    let quote = |c: char| matches!(c, '\'' | '"' | '“' | '”' | '‘' | '’' | ' ');
    let mut name = spaced
        .trim_start_matches(|c: char| {
            quote(c) || matches!(c, ':' | '|' | ',' | '·' | '•' | '–' | '—')
        })
        .trim_end_matches(quote);
    let lower = name.to_lowercase();
    for word in BYLINE_WORDS {
        if lower == *word {
            return Vec::new();
        }
        if let Some(rest) = lower
            .strip_prefix(word)
            .and_then(|r| r.strip_prefix([' ', ':']))
        {
            name = name[name.len() - rest.len()..].trim_start_matches([' ', ':']);
            break;
        }
    }
    let lower = name.to_lowercase();
    let letters: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    let label = NOT_AUTHORS.iter().any(|word| {
        letters == *word
            || lower.strip_prefix(word).is_some_and(|rest| {
                // "Name *", "Name (required)": a form's field, whatever follows in marks.
                rest.starts_with([' ', '*', '('])
                    && (rest.contains('(')
                        || rest
                            .split_whitespace()
                            .all(|w| !w.starts_with(char::is_alphabetic)))
            })
    });
    if name.is_empty() || name.ends_with(':') || label || is_web_address(name) {
        return Vec::new();
    }
    // What a template sets after the name: the site or desk after a bar ("Michael Humpa |
    // CHIP Software-Redaktion"), a handle or an address ("Williams Perdomo @wperdomod",
    // "Lüder Hoppe info@buero-hoppe.de"), a stray comma.
    let name = name.split(" | ").next().unwrap_or(name);
    let name = match name.rsplit_once(' ') {
        Some((head, last)) if last.contains('@') && !head.trim().is_empty() => head,
        _ => name,
    };
    let name = name.trim_end_matches([',', ';', ' ']);
    // A list of full names in one field: each its own writer.
    let parts: Vec<&str> = name.split(", ").collect();
    let full = |part: &str| {
        let words: Vec<&str> = part.split(' ').collect();
        words.len() >= 2 && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    let names = if parts.len() > 1 && parts.iter().all(|p| full(p)) {
        parts
    } else {
        vec![name]
    };
    names
        .into_iter()
        .map(without_desk)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a name is a web address ("oe24.at", "domradio.de"): the site, not a writer.
fn is_web_address(name: &str) -> bool {
    let Some((host, tld)) = name.rsplit_once('.') else {
        return false;
    };
    !name.contains(' ')
        && !host.is_empty()
        && !host.ends_with('.')
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_fields_give_names() {
        assert_eq!(author_names("vom  Krimiblogger"), ["Krimiblogger"]);
        assert_eq!(
            author_names("By Glen Owen And Brendan Carlin For The Mail On Sunday"),
            ["Glen Owen And Brendan Carlin For The Mail On Sunday"]
        );
        assert_eq!(author_names("Jane Doe, Reuters"), ["Jane Doe"]);
        assert_eq!(author_names("Doe, Jane"), ["Doe, Jane"]);
        assert_eq!(author_names("Byron Smith"), ["Byron Smith"]);
        // What a template sets after the name, and a German "posted by".
        assert_eq!(author_names("Amelie Siekmann,"), ["Amelie Siekmann"]);
        assert_eq!(
            author_names("Williams Perdomo @wperdomod"),
            ["Williams Perdomo"]
        );
        assert_eq!(
            author_names("Lüder Hoppe info@buero-hoppe.de"),
            ["Lüder Hoppe"]
        );
        assert_eq!(
            author_names("Michael Humpa | CHIP Redaktion"),
            ["Michael Humpa"]
        );
        assert_eq!(author_names("Eingestellt von der Michel"), ["der Michel"]);
        // A site's address is no writer; initials are.
        assert!(author_names("oe24.at").is_empty());
        assert_eq!(author_names("J.R. Stone"), ["J.R. Stone"]);
        assert_eq!(author_names("A.K."), ["A.K."]);
        for label in [
            "Name  *",
            "admin",
            "Harm Otten   sagt:",
            "publisher",
            "Unknown",
        ] {
            assert!(author_names(label).is_empty(), "{label}");
        }
    }

    #[test]
    fn bylines_give_names() {
        assert_eq!(
            byline_names("By Jane Doe and John Roe | Reuters").unwrap(),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(byline_names("By Asif Shahzad").unwrap(), ["Asif Shahzad"]);
        assert_eq!(
            byline_names("By Ann Lee and Tom O'Neill").unwrap(),
            ["Ann Lee", "Tom O'Neill"]
        );
        assert_eq!(byline_names("by the time they arrived, it was over"), None);
        assert_eq!(
            byline_names("By Monday the river had risen two feet."),
            None
        );
    }

    /// The byline pattern finds alike narrowly and widely on Latin text (the classes are
    /// proved alike in `dateline_patterns`; this checks the pattern as written).
    #[test]
    fn narrow_and_wide_byline_patterns_find_alike() {
        let words = [
            "By",
            "by",
            "BY",
            "Jane",
            "Doe",
            "Müller",
            "O’Brien",
            "and",
            "&",
            ",",
            "|",
            "—",
            "-",
            "Reuters",
            "Staff",
            "Writer",
            "the",
            "said",
            "ÉCOLE",
            "Ñ",
        ];
        let agreed = dateline_patterns::compare_compilations(&[&BYLINE], &words, 10_000, 5)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(agreed > 200, "only {agreed} matches compared");
    }

    #[test]
    fn a_desk_or_an_agency_is_no_name() {
        assert_eq!(
            byline_names("By John Smith, Staff Writer").unwrap(),
            ["John Smith"]
        );
        assert_eq!(byline_names("By Reuters").unwrap(), ["Reuters"]);
        assert_eq!(without_desk("Ann Lee, Staff Writer"), "Ann Lee");
        assert_eq!(without_desk("Ayşe Çelİk"), "Ayşe Çelİk");
    }
}
