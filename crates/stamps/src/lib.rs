//! # dateline-stamps
//!
//! The lines a news page sets over its article: time stamps ("Updated 20 January 2025",
//! "Published: Jan. 5, 2025 10:31 AM GMT", "Updated 7 sec ago") and bylines ("By Jane
//! Doe and John Roe | Reuters", [`byline_names`]).
//!
//! A stamp is a whole line that starts with a verb ("Updated", "Published",
//! "Posted", "Last updated", "First published", or a page's label in German, French,
//! Spanish, Italian or Portuguese: "Veröffentlicht am", "Publié le") and carries one
//! time (a day may be written day first: "27.01.2022", "24. April 2020"), either
//! absolute (kept as precise as written: a date, or a date-time with the offset
//! when the zone is known) or relative to the moment the page was copied.

#![warn(missing_docs)]

mod byline;
mod day_first;

pub use byline::{author_names, byline_names, without_desk};
pub use day_first::parse_day_first;

use dateline_core::text::{is_weekday, month_number};
use dateline_patterns::Pattern;
use jiff::{Span, Timestamp, ToSpan, civil, tz::TimeZone};

/// Which of the article's times a stamp sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampKind {
    /// "Published", "Posted", "First published".
    Published,
    /// "Updated", "Last updated", "Modified".
    Updated,
}

/// A stamp line, understood.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// Published or updated.
    pub kind: StampKind,
    /// The time as written after the verb.
    pub raw: String,
    /// The time itself.
    pub when: When,
}

/// The time a stamp gives.
#[derive(Debug, Clone)]
pub enum When {
    /// An ISO 8601 value, as precise as the source.
    Absolute(String),
    /// A time before the moment of copying ("7 sec ago"): resolved against a reference time.
    Ago(Span),
}

/// Every pattern this crate compiles: the catalog of compiled automata lists them
/// (`cargo xtask patterns`), so that none is compiled from its text at start.
pub fn patterns() -> Vec<&'static Pattern> {
    let mine = [
        &STAMP,
        &AGO,
        &TIME_OF_DAY,
        &DAY_MONTH_YEAR,
        &MONTH_DAY_YEAR,
        &ISO_DATE,
    ];
    mine.into_iter()
        .chain(byline::patterns())
        .chain(day_first::patterns())
        .collect()
}

static STAMP: Pattern = Pattern::new(|| {
    // English, and the labels of pages in German, French, Spanish, Italian and Portuguese
    // ("Veröffentlicht am", "Publié le", "Publicado el", "Pubblicato il").
    r"(?i)^(?:(?P<upd>last\s+updated|updated|modified|last\s+modified|aktualisiert|zuletzt\s+aktualisiert|stand|mis\s+à\s+jour|actualizado|aggiornato|atualizado)|(?P<pub>first\s+published|published|posted|date\s+published|veröffentlicht|erstellt|erschienen|publiziert|publié|publicado|pubblicato|datum))(?:\s+on|\s+at|\s+am|\s+le|\s+el|\s+il|\s+em)?\s*:?\s+(?P<rest>.+)$".into()
});

static AGO: Pattern = Pattern::new(|| {
    r"(?i)^(?:about\s+|an?\s+)?(?P<n>\d+|an?|one)?\s*(?P<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?)\s+ago\.?$".into()
});

static TIME_OF_DAY: Pattern = Pattern::new(|| {
    r"(?i)(?:^|[\s,|])(?:at\s+)?(?P<h>\d{1,2})[:.](?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>[A-Z]{2,5}|[+-]\d{2}:?\d{2}|Z)?(?:\s|$|\))".into()
});

static DAY_MONTH_YEAR: Pattern = Pattern::new(|| {
    r"(?i)\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>[a-z]{3,9})\.?,?\s+(?P<y>\d{4})\b".into()
});

static MONTH_DAY_YEAR: Pattern = Pattern::new(|| {
    r"(?i)\b(?P<mon>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b".into()
});

static ISO_DATE: Pattern = Pattern::new(|| {
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<zone>Z|[+-]\d{2}:?\d{2})?)?".into()
});

/// Parses a whole line as a stamp; `None` when the line is not one.
///
/// ```
/// use dateline_stamps::{parse_stamp, StampKind, When};
///
/// let stamp = parse_stamp("Updated 20 January 2025").unwrap();
/// assert_eq!(stamp.kind, StampKind::Updated);
/// assert!(matches!(stamp.when, When::Absolute(ref v) if v == "2025-01-20"));
/// assert!(matches!(parse_stamp("Updated 7 sec ago").unwrap().when, When::Ago(_)));
/// assert!(parse_stamp("Updated plans were shown to the board").is_none());
/// ```
pub fn parse_stamp(line: &str) -> Option<Stamp> {
    let line = line.trim();
    if line.len() > 80 {
        return None;
    }
    let caps = STAMP.captures(line)?;
    let kind = if caps.name("upd").is_some() {
        StampKind::Updated
    } else {
        StampKind::Published
    };
    let rest = caps["rest"].trim();
    let when = parse_when(rest)?;
    Some(Stamp {
        kind,
        raw: rest.to_string(),
        when,
    })
}

/// Parses a line that is a date and nothing else as the time the article was published:
/// "Monday, September 15, 2008", "15 September 2008 10:31 GMT", "Sept. 15, 2008 | 4:05
/// p.m. EDT", "2008-09-15". Many pages set the date under the headline without a verb;
/// a line that says anything besides the day, its weekday and its time of day is no
/// stamp, and neither is a month without its day (a section's heading).
///
/// ```
/// use dateline_stamps::{parse_date_line, StampKind, When};
///
/// let stamp = parse_date_line("Monday, September 15, 2008").unwrap();
/// assert_eq!(stamp.kind, StampKind::Published);
/// assert!(matches!(stamp.when, When::Absolute(ref v) if v == "2008-09-15"));
/// assert!(parse_date_line("September 2008").is_none());
/// assert!(parse_date_line("Talks resumed on September 15, 2008").is_none());
/// ```
pub fn parse_date_line(line: &str) -> Option<Stamp> {
    let line = line.trim();
    if line.len() > 64 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let only_date_words = line
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•'))
        .filter(|word| !word.is_empty())
        .all(is_date_line_word);
    if !only_date_words {
        return None;
    }
    let value = parse_absolute(line)?;
    // A day at least: "2008-09-15", with or without its time.
    if value.len() < 10 {
        return None;
    }
    Some(Stamp {
        kind: StampKind::Published,
        raw: line.to_string(),
        when: When::Absolute(value),
    })
}

/// Whether a word of a line can be part of a date written alone: a weekday, a month, a
/// number (with its ordinal ending), a time of day, "a.m."/"p.m.", "at", a time zone's
/// letters or offset, or an ISO 8601 date.
fn is_date_line_word(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| matches!(c, '.' | '(' | ')' | '-' | '–' | '—'));
    if bare.is_empty() {
        return true; // a dash or a dot between the parts
    }
    let lower = bare.to_ascii_lowercase();
    let digits_then = |rest: &str| matches!(rest, "" | "st" | "nd" | "rd" | "th");
    let number = bare
        .find(|c: char| !c.is_ascii_digit())
        .map_or(bare.len() <= 4, |at| {
            at > 0 && at <= 2 && digits_then(&lower[at..])
        });
    let clock = bare.split([':', '.']).count() >= 2
        && bare
            .split([':', '.'])
            .all(|part| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()));
    // A zone the stamps know ("GMT", "EDT", "+05:30"); not any capitals ("NEW YORK, Sept.
    // 15, 2008" is a dateline and a date).
    let zone = zone_offset_minutes(word.trim_matches(|c: char| matches!(c, '(' | ')'))).is_some();
    number
        || clock
        || is_weekday(bare)
        || zone
        || month_number(bare).is_some()
        || matches!(lower.as_str(), "a.m" | "p.m" | "am" | "pm" | "at")
        || ISO_DATE.is_match(bare)
}

/// Parses the time part of a stamp: relative ("7 sec ago", "yesterday") or absolute.
pub fn parse_when(text: &str) -> Option<When> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "just now" | "moments ago" | "a moment ago" | "now"
    ) {
        return Some(When::Ago(Span::new()));
    }
    if lower == "yesterday" {
        return Some(When::Ago(1.day()));
    }
    if let Some(caps) = AGO.captures(text) {
        let n: i64 = match caps.name("n").map(|m| m.as_str().to_ascii_lowercase()) {
            None => 1,
            Some(n) if n == "a" || n == "an" || n == "one" => 1,
            Some(n) => n.parse().ok()?,
        };
        let unit = caps["unit"].to_ascii_lowercase();
        // A count past what a span can hold ("Updated 999999999 hours ago") is no stamp:
        // the fallible constructors say so instead of panicking.
        let span = match unit.as_str() {
            "s" | "sec" | "secs" | "second" | "seconds" => Span::new().try_seconds(n),
            "m" | "min" | "mins" | "minute" | "minutes" => Span::new().try_minutes(n),
            "h" | "hr" | "hrs" | "hour" | "hours" => Span::new().try_hours(n),
            "d" | "day" | "days" => Span::new().try_days(n),
            "w" | "wk" | "wks" | "week" | "weeks" => Span::new().try_weeks(n),
            "mo" | "mos" | "month" | "months" => Span::new().try_months(n),
            _ => Span::new().try_years(n),
        };
        return span.ok().map(When::Ago);
    }
    parse_absolute(text).map(When::Absolute)
}

/// Parses an absolute date or date-time into ISO 8601, keeping the source's precision.
///
/// ```
/// use dateline_stamps::parse_absolute;
///
/// assert_eq!(parse_absolute("Monday, January 20, 2025").as_deref(), Some("2025-01-20"));
/// assert_eq!(
///     parse_absolute("20 Jan 2025 10:31 AM GMT").as_deref(),
///     Some("2025-01-20T10:31:00+00:00")
/// );
/// assert_eq!(parse_absolute("2025-01-20T05:00:00Z").as_deref(), Some("2025-01-20T05:00:00+00:00"));
/// assert_eq!(parse_absolute("31 February 2025"), None);
/// ```
pub fn parse_absolute(text: &str) -> Option<String> {
    if let Some(caps) = ISO_DATE.captures(text) {
        let date = civil::Date::new(
            caps["y"].parse().ok()?,
            caps["m"].parse().ok()?,
            caps["d"].parse().ok()?,
        )
        .ok()?;
        let Some(time) = caps.name("time") else {
            return Some(date.to_string());
        };
        let mut parts = time.as_str().split(':');
        let h: i8 = parts.next()?.parse().ok()?;
        let m: i8 = parts.next()?.parse().ok()?;
        let s: i8 = parts
            .next()
            .and_then(|s| s.split('.').next())
            .map_or(Some(0), |s| s.parse().ok())?;
        let zone = caps.name("zone").map(|z| z.as_str());
        return format_date_time(date, h, m, s, zone.and_then(zone_offset_minutes));
    }
    let Some((date, date_end)) = [&DAY_MONTH_YEAR, &MONTH_DAY_YEAR].iter().find_map(|re| {
        let caps = re.captures(text)?;
        let month = month_number(&caps["mon"])?;
        let date =
            civil::Date::new(caps["y"].parse().ok()?, month, caps["d"].parse().ok()?).ok()?;
        Some((date, caps.get(0)?.end()))
    }) else {
        // "27.01.2022", "24. April 2020": the day alone.
        return parse_day_first(text);
    };
    let rest = &text[date_end..];
    let Some(caps) = TIME_OF_DAY.captures(rest) else {
        return Some(date.to_string());
    };
    let mut h: i8 = caps["h"].parse().ok()?;
    let m: i8 = caps["m"].parse().ok()?;
    let s: i8 = caps
        .name("s")
        .map_or(Some(0), |s| s.as_str().parse().ok())?;
    if let Some(ampm) = caps.name("ampm") {
        let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
        if !(1..=12).contains(&h) {
            return Some(date.to_string());
        }
        h = match (pm, h) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    let offset = caps
        .name("zone")
        .and_then(|z| zone_offset_minutes(z.as_str()));
    format_date_time(date, h, m, s, offset).or_else(|| Some(date.to_string()))
}

fn format_date_time(
    date: civil::Date,
    h: i8,
    m: i8,
    s: i8,
    offset_minutes: Option<i32>,
) -> Option<String> {
    let time = civil::Time::new(h, m, s.min(59), 0).ok()?;
    let dt = date.to_datetime(time);
    Some(match offset_minutes {
        Some(minutes) => {
            let sign = if minutes < 0 { '-' } else { '+' };
            let abs = minutes.abs();
            format!(
                "{}{sign}{:02}:{:02}",
                dt.strftime("%Y-%m-%dT%H:%M:%S"),
                abs / 60,
                abs % 60
            )
        }
        None => dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
    })
}

/// Minutes east of UTC for a zone written in a news stamp; `None` for unknown or ambiguous ones.
fn zone_offset_minutes(zone: &str) -> Option<i32> {
    let zone = zone.trim();
    if let Some(sign) = zone.chars().next().filter(|c| *c == '+' || *c == '-') {
        let digits: String = zone[1..].chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() != 4 {
            return None;
        }
        let h: i32 = digits[..2].parse().ok()?;
        let m: i32 = digits[2..].parse().ok()?;
        let total = h * 60 + m;
        return Some(if sign == '-' { -total } else { total });
    }
    dateline_core::text::zone_abbreviation_minutes(&zone.to_ascii_uppercase())
}

/// Why a relative stamp could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum AgoError {
    /// The reference time is not an RFC 3339 time.
    #[error("reference time {reference:?} is not RFC 3339")]
    Reference {
        /// The reference time as given.
        reference: String,
        /// Why.
        #[source]
        source: jiff::Error,
    },
    /// The span reaches past the times the calendar can express.
    #[error("cannot subtract {span} from {reference}")]
    OutOfRange {
        /// The span.
        span: Span,
        /// The reference time.
        reference: Timestamp,
        /// Why.
        #[source]
        source: jiff::Error,
    },
}

/// Resolves a relative stamp against a reference time (RFC 3339).
///
/// Spans of days or more give a date; shorter ones a UTC date-time.
///
/// ```
/// use dateline_stamps::resolve_ago;
/// use jiff::ToSpan;
///
/// assert_eq!(resolve_ago(7.seconds(), "2025-01-21T12:00:00Z").unwrap(), "2025-01-21T11:59:53Z");
/// assert_eq!(resolve_ago(1.day(), "2025-01-21T12:00:00Z").unwrap(), "2025-01-20");
/// ```
pub fn resolve_ago(span: Span, reference: &str) -> Result<String, AgoError> {
    let parsed: Timestamp = reference.parse().map_err(|source| AgoError::Reference {
        reference: reference.to_string(),
        source,
    })?;
    let zoned = parsed.to_zoned_datetime(TimeZone::UTC);
    let then = zoned
        .checked_sub(span)
        .map_err(|source| AgoError::OutOfRange {
            span,
            reference: parsed,
            source,
        })?;
    let coarse = span.get_days() != 0
        || span.get_weeks() != 0
        || span.get_months() != 0
        || span.get_years() != 0;
    Ok(if coarse {
        then.date().to_string()
    } else {
        then.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_is_only_a_date_is_the_day_of_publication() {
        let value = |line: &str| match parse_date_line(line).map(|s| s.when) {
            Some(When::Absolute(value)) => Some(value),
            _ => None,
        };
        for (line, expected) in [
            ("Monday, September 15, 2008", "2008-09-15"),
            ("15 September 2008", "2008-09-15"),
            ("Sept. 15, 2008", "2008-09-15"),
            ("Mon 15 Sep 2008", "2008-09-15"),
            ("September 15th, 2008", "2008-09-15"),
            ("2008-09-15", "2008-09-15"),
            ("15 September 2008 10:31 GMT", "2008-09-15T10:31:00+00:00"),
            (
                "Sept. 15, 2008 | 4:05 p.m. EDT",
                "2008-09-15T16:05:00-04:00",
            ),
            ("Monday 15 September 2008 - 10.31", "2008-09-15T10:31:00"),
            ("(15 September 2008)", "2008-09-15"),
        ] {
            assert_eq!(value(line).as_deref(), Some(expected), "{line}");
        }
        for line in [
            "September 2008",
            "2008",
            "Talks resumed on September 15, 2008",
            "NEW YORK, September 15, 2008",
            "Updated plans, September 15, 2008",
            "The 15 September 2008 crash killed 12",
            "15 September",
        ] {
            assert_eq!(value(line), None, "{line}");
        }
    }

    #[test]
    fn stamps_in_other_languages_give_their_day() {
        let stamp = parse_stamp("Veröffentlicht am 24. April 2020").unwrap();
        assert_eq!(stamp.kind, StampKind::Published);
        assert!(matches!(stamp.when, When::Absolute(ref v) if v == "2020-04-24"));
        let stamp = parse_stamp("Mis à jour le 12 janvier 2021").unwrap();
        assert_eq!(stamp.kind, StampKind::Updated);
        assert!(matches!(stamp.when, When::Absolute(ref v) if v == "2021-01-12"));
        let stamp = parse_stamp("Erstellt am: 01.11.2023").unwrap();
        assert!(matches!(stamp.when, When::Absolute(ref v) if v == "2023-11-01"));
        // A sentence that opens with such a word is no stamp.
        assert!(parse_stamp("Stand up for the people of 2023").is_none());
    }

    #[test]
    fn every_pattern_is_listed_and_cataloged() {
        let declared = [
            include_str!("lib.rs"),
            include_str!("byline.rs"),
            include_str!("day_first.rs"),
        ]
        .map(dateline_patterns::declared_statics)
        .iter()
        .sum();
        dateline_patterns::check_cataloged(&patterns(), Some(declared))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn narrow_and_wide_patterns_capture_alike_on_latin_text() {
        let patterns = patterns();
        let words = [
            "Updated",
            "Published",
            "last",
            "first",
            "on",
            "at",
            ":",
            "about",
            "an",
            "7",
            "sec",
            "mins",
            "ago",
            "20",
            "January",
            "Jan.",
            "5,",
            "1st",
            "2025",
            "10:31",
            "9.05",
            "AM",
            "p.m.",
            "GMT",
            "+05:30",
            "2025-01-20T05:00:00Z",
            "2024-12-31",
            "Mónday",
            "—",
            "|",
            "(",
            ")",
        ];
        let agreed = dateline_patterns::compare_compilations(&patterns, &words, 2000, 5)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(agreed > 500, "{agreed} matches compared");
    }

    #[test]
    fn a_count_too_large_for_a_span_is_no_stamp() {
        for unit in [
            "seconds", "minutes", "hours", "days", "weeks", "months", "years",
        ] {
            assert_eq!(
                parse_when(&format!("999999920 {unit} ago")).map(|_| ()),
                if matches!(unit, "seconds" | "minutes") {
                    Some(())
                } else {
                    None
                },
                "{unit}"
            );
            assert!(
                parse_when(&format!("99999999999999999 {unit} ago")).is_none(),
                "{unit}"
            );
        }
        assert!(matches!(parse_when("7 hours ago"), Some(When::Ago(_))));
    }

    #[test]
    fn absolute_stamps_in_the_common_layouts() {
        let cases = [
            ("Updated 20 January 2025", StampKind::Updated, "2025-01-20"),
            (
                "Published: Jan. 5, 2025",
                StampKind::Published,
                "2025-01-05",
            ),
            (
                "Last updated on 3rd March 2024",
                StampKind::Updated,
                "2024-03-03",
            ),
            (
                "Posted Monday, 20 January 2025 14:05 PKT",
                StampKind::Published,
                "2025-01-20T14:05:00+05:00",
            ),
            (
                "Updated: January 20, 2025 at 2:05 p.m. EST",
                StampKind::Updated,
                "2025-01-20T14:05:00-05:00",
            ),
            ("Published 2025-01-20", StampKind::Published, "2025-01-20"),
            (
                "First published on 20 Jan 2025 10:31",
                StampKind::Published,
                "2025-01-20T10:31:00",
            ),
        ];
        for (line, kind, value) in cases {
            let stamp = parse_stamp(line).unwrap_or_else(|| panic!("{line} is a stamp"));
            assert_eq!(stamp.kind, kind, "{line}");
            assert!(
                matches!(stamp.when, When::Absolute(ref v) if v == value),
                "{line}: {:?}",
                stamp.when
            );
        }
    }

    #[test]
    fn relative_stamps_resolve_against_the_reference() {
        let reference = "2025-01-21T12:00:00Z";
        let cases = [
            ("Updated 7 sec ago", "2025-01-21T11:59:53Z"),
            ("Updated 5 mins ago", "2025-01-21T11:55:00Z"),
            ("Updated an hour ago", "2025-01-21T11:00:00Z"),
            ("Updated 2 days ago", "2025-01-19"),
            ("Updated yesterday", "2025-01-20"),
            ("Updated just now", "2025-01-21T12:00:00Z"),
        ];
        for (line, value) in cases {
            let Some(Stamp {
                when: When::Ago(span),
                ..
            }) = parse_stamp(line)
            else {
                panic!("{line} is a relative stamp");
            };
            assert_eq!(resolve_ago(span, reference).unwrap(), value, "{line}");
        }
    }

    #[test]
    fn sentences_are_not_stamps() {
        for line in [
            "Updated figures show a rise in exports to 20 January 2025 levels, the ministry said in a statement today.",
            "Published reports said nothing",
            "Updated",
            "Posted by the army",
        ] {
            assert!(parse_stamp(line).is_none(), "{line}");
        }
    }
}
