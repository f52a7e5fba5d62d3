//! Days written day first, as most of Europe and Latin America write them: "27.01.2022",
//! "24. April 2020", "3 de mayo de 2022", "12 janvier 2021".

use dateline_patterns::Pattern;

/// This module's patterns (see [`crate::patterns`]).
pub(crate) fn patterns() -> [&'static Pattern; 2] {
    [&DOTTED, &NAMED]
}

/// A day written with dots: "27.01.2022", "1. 12. 2021".
static DOTTED: Pattern = Pattern::new(|| {
    r"(?:^|[^\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d{2})(?:[^\d.]|$)".into()
});

/// A day, a month's name and a year: "24. April 2020", "3 de mayo de 2022", "1er
/// janvier 2021".
static NAMED: Pattern = Pattern::new(|| {
    r"(?:^|[^\d])(?P<d>\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?(?P<mon>\p{L}+)\.?\s+(?:de\s+)?(?P<y>(?:19|20)\d{2})(?:\D|$)".into()
});

/// Month names of the languages news pages are most often written in besides English,
/// lower-cased, by month (English is read by [`dateline_core::text::month_number`]).
const MONTHS: [&[&str]; 12] = [
    &[
        "januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "januari", "stycznia",
    ],
    &[
        "februar",
        "février",
        "fevrier",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
        "lutego",
    ],
    &["märz", "maerz", "mars", "marzo", "março", "maart", "marca"],
    &["april", "avril", "abril", "aprile", "kwietnia"],
    &["mai", "mayo", "maggio", "maio", "mei", "maja"],
    &["juni", "juin", "junio", "giugno", "junho", "czerwca"],
    &["juli", "juillet", "julio", "luglio", "julho", "lipca"],
    &["august", "août", "aout", "agosto", "augustus", "sierpnia"],
    &[
        "september",
        "septembre",
        "septiembre",
        "settembre",
        "setembro",
        "września",
    ],
    &[
        "oktober",
        "octobre",
        "octubre",
        "ottobre",
        "outubro",
        "października",
    ],
    &["november", "novembre", "noviembre", "novembro", "listopada"],
    &[
        "dezember",
        "décembre",
        "decembre",
        "diciembre",
        "dicembre",
        "dezembro",
        "december",
        "grudnia",
    ],
];

/// The first day written day first in `text`, as an ISO date.
///
/// ```
/// use dateline_stamps::parse_day_first;
///
/// assert_eq!(parse_day_first("Stand: 27.01.2022").as_deref(), Some("2022-01-27"));
/// assert_eq!(parse_day_first("24. April 2020 | Nachrichten").as_deref(), Some("2020-04-24"));
/// assert_eq!(parse_day_first("3 de mayo de 2022").as_deref(), Some("2022-05-03"));
/// assert_eq!(parse_day_first("31.02.2022"), None);
/// assert_eq!(parse_day_first("Version 1.2.2022.3"), None);
/// ```
pub fn parse_day_first(text: &str) -> Option<String> {
    let (d, m, y): (i8, i8, i16) = if let Some(c) = DOTTED.captures(text) {
        (
            c["d"].parse().ok()?,
            c["m"].parse().ok()?,
            c["y"].parse().ok()?,
        )
    } else {
        let c = NAMED.captures(text)?;
        let name = c["mon"].to_lowercase();
        let month = MONTHS
            .iter()
            .position(|names| names.contains(&name.as_str()))
            .map(|i| i as i8 + 1)
            .or_else(|| dateline_core::text::month_number(&name))?;
        (c["d"].parse().ok()?, month, c["y"].parse().ok()?)
    };
    // The calendar says whether the day exists ("31.02.2022" does not).
    jiff::civil::Date::new(y, m, d)
        .ok()
        .map(|date| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_written_day_first() {
        assert_eq!(
            parse_day_first("1er janvier 2021").as_deref(),
            Some("2021-01-01")
        );
        assert_eq!(
            parse_day_first("am 25.08.2015 22:30").as_deref(),
            Some("2015-08-25")
        );
        assert_eq!(parse_day_first("29.02.2024").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_day_first("29.02.2023"), None);
        assert_eq!(parse_day_first("12 Stunden 2021"), None);
    }
}
