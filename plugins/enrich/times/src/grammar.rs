//! The grammar of time expressions: a table of patterns, each with the rule that turns
//! a match into a TIMEX3 value. To support a new expression, add a row.

use std::sync::LazyLock;

use dateline_core::TimeType;
use dateline_core::text::{WEEKDAYS, month_number};
use dateline_patterns::Captures;
use dateline_patterns::Pattern;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// What a rule does with its match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// 2025-01-20.
    IsoDate,
    /// January 20, 2025 / Jan. 20 2025.
    MonthDayYear,
    /// 20 January 2025.
    DayMonthYear,
    /// January 20 (year from the anchor and the tense).
    MonthDay,
    /// January 2025.
    MonthYear,
    /// January last year / last January / this January.
    MonthRelativeYear,
    /// in November (year from the anchor and the tense).
    Month,
    /// in 2024, since 1998.
    Year,
    /// 1998 on its own (1950-2049), unless it is part of a number or an amount.
    BareYear,
    /// the 1990s.
    Decade,
    /// Monday, on Friday, Sunday night.
    Weekday,
    /// today, yesterday, tomorrow, tonight.
    Deictic,
    /// last week, this month, next year, earlier this year.
    RelativePeriod,
    /// three days ago, two years ago.
    Ago,
    /// two-day, three years, 48 hours.
    Duration,
    /// every Monday, daily, weekly.
    Set,
    /// 10:30 a.m.
    ClockTime,
    /// the third quarter, the fourth quarter of 2023 (or of last year), the fiscal first
    /// quarter, Q3 2008, 3Q08.
    Quarter,
    /// FY2007, FY07, the 2008 fiscal year.
    FiscalYear,
    /// the first half of the year, the second half of 2024, the latter half of 1989, H1 2009.
    Half,
    /// recently, the past, the near future, in the short term.
    Reference,
    /// last fall, this summer.
    Season,
    /// year-end, the year end: the last day of the year.
    YearEnd,
    /// Christmas, Thanksgiving, Easter Sunday, last New Year's Eve.
    Holiday,
    /// the 20th century, the 11th-century temple.
    Century,
    /// in the morning, during the evening: on the day its sentence names.
    PartOfDay,
    /// that day, the following year, later that month: told from the last time the text
    /// named ([`anaphor_value`]), else from the anchor.
    Anaphor,
    /// A year said as broadcasts say it: nineteen ninety-six, January nineteen
    /// ninety-seven, the year two thousand.
    SpokenYear,
}

/// A grammar row.
pub struct Row {
    /// The pattern, compiled when a text first needs it.
    pub pattern: Pattern,
    /// What to do with a match.
    pub rule: Rule,
    /// Words every match holds one of, in lower case ([`needles`]); empty where the row
    /// has none worth looking for.
    pub needles: &'static [&'static str],
}

/// Words one of which every match of a rule's rows holds, lower-cased: a text holding
/// none of them (lower-cased the ASCII way) is not searched with those rows, and they are
/// not even compiled for it. Each list follows its patterns' words: a month name or its
/// abbreviation, a weekday, the unit or keyword each alternative requires ("weekend"
/// holds "week", "nowadays" "now", "currently" "current", "Mondays" "days"). A row whose
/// matches need no word (years, ISO dates, clock times: "am" is everywhere) has none.
/// The only non-ASCII characters that case-fold to ASCII letters are the long s and the
/// Kelvin sign; a text holding either is searched with every row
/// ([`folds_to_ascii`]).
pub fn needles(rule: Rule) -> &'static [&'static str] {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    match rule {
        Rule::MonthDayYear
        | Rule::DayMonthYear
        | Rule::MonthDay
        | Rule::MonthYear
        | Rule::MonthRelativeYear
        | Rule::Month => MONTHS,
        Rule::Decade => &["0s", "0's"],
        Rule::Weekday => &WEEKDAYS,
        Rule::Deictic => &[
            "today",
            "yesterday",
            "tomorrow",
            "tonight",
            "morning",
            "afternoon",
            "evening",
            "night",
        ],
        Rule::RelativePeriod => &[
            "week", "month", "year", "quarter", "decade", "century", "period", "season",
        ],
        Rule::YearEnd => &["year"],
        // The holidays' names are matched with single spaces, so whole names can be asked.
        Rule::Holiday => &[
            "christmas",
            "new year's",
            "thanksgiving",
            "easter",
            "good friday",
            "halloween",
            "valentine's",
            "independence day",
            "labor day",
            "memorial day",
            "boxing day",
        ],
        Rule::Century => &["century"],
        Rule::PartOfDay => &["morning", "afternoon", "evening"],
        Rule::Anaphor => &[
            "day",
            "morning",
            "afternoon",
            "evening",
            "night",
            "week",
            "month",
            "quarter",
            "year",
        ],
        Rule::Season => &["spring", "summer", "fall", "autumn", "winter"],
        Rule::Ago => &["ago", "earlier"],
        Rule::Duration => &[
            "second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade",
            "centur",
        ],
        Rule::Set => &[
            "every", "each", "daily", "weekly", "monthly", "annually", "yearly", "days", "once",
            "twice", "times",
        ],
        Rule::Quarter => &["quarter"],
        Rule::FiscalYear => &["fy", "fiscal", "financial"],
        Rule::Half => &["half"],
        Rule::Reference => &[
            "now", "current", "these", "recent", "past", "future", "present", "far", "coming",
            "ahead",
        ],
        Rule::SpokenYear => &["nineteen", "thousand"],
        Rule::IsoDate | Rule::Year | Rule::BareYear | Rule::ClockTime => &[],
    }
}

/// Whether `text` holds a character that a case-insensitive pattern matches to an ASCII
/// letter but ASCII lower-casing leaves alone (the long s, the Kelvin sign).
pub fn folds_to_ascii(text: &str) -> bool {
    text.contains(['\u{17F}', '\u{212A}'])
}

/// What a text must hold for a quarter in figures ("Q3", "3Q") to be looked for.
const QUARTER_NEEDLES: &[&str] = &["q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"];

/// The first months of the quarters, lower case: every quarter named by its months
/// ("the October-December quarter") holds one.
const QUARTER_MONTH_NEEDLES: &[&str] = &["jan", "apr", "jul", "oct"];

const MONTH: &str = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)";
/// Time zones named after a 24-hour clock time (universal time has its own group).
const ZONES: &str = r"(?:BST|CET|CEST|EET|EEST|WET|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT|MSK|SAST|EAT|WAT|HKT|SGT)";
const WEEKDAY: &str = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
/// The tens of a year said in words ("nineteen *ninety*-six").
const TENS: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
/// The ones of a number said in words.
const ONES: &str = "one|two|three|four|five|six|seven|eight|nine";
/// A number of two words ("twenty-four", "twenty four"), read by [`number`].
const TWO_WORDS: &str = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\\s](?:one|two|three|four|five|six|seven|eight|nine)";

/// A count in digits with its thousands set off by commas ("6,000"): read whole, before
/// `\d+` would read its last group alone.
const THOUSANDS: &str = r"\d{1,3}(?:,\d{3})+\b";

/// A count of units: digits or words ("twenty-four", "a few"), the group `n`.
fn count_pattern() -> String {
    format!(
        r"(?P<n>{TWO_WORDS}\b|{THOUSANDS}|\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a few|a couple of)"
    )
}
/// Words between a count and its unit that leave the length as the unit gives it ("eight
/// trading days", "three straight weeks", "two full days").
const UNIT_MODIFIER: &str =
    r"(?:(?:trading|business|working|straight|consecutive|successive|full|whole)\s+)?";

/// How near a count is, which TimeML marks inside the expression (with a mod): "almost
/// two years", "more than a decade ago". Each row that reads a count adds its own (a
/// length "at least" or "up to" so long; a time "about" or "some" so long ago).
const NEARNESS: &str = r"almost|nearly|more\s+than|less\s+than";

const UNIT: &str =
    r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies))";

/// A grammar row. Its word boundaries are ASCII ones: a Unicode `\b` makes the regex
/// engine's fast automaton give up on any text with a non-ASCII character (a curly quote,
/// a pound sign) and search with a backtracker instead, several times slower; the two
/// differ only where a time expression touches a non-ASCII letter or digit.
fn row(pattern: String, rule: Rule) -> Row {
    row_needing(pattern, rule, needles(rule))
}

/// A grammar row whose matches hold one of words rarer than its rule's ([`needles`]).
fn row_needing(pattern: String, rule: Rule, needles: &'static [&'static str]) -> Row {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    Row {
        pattern: Pattern::lazy(pattern),
        rule,
        needles,
    }
}

/// Every pattern the times grammar compiles, its rows': the catalog of compiled automata
/// lists them (`cargo xtask patterns`), so that none is compiled from its text at start.
pub fn patterns() -> Vec<&'static Pattern> {
    GRAMMAR.iter().map(|row| &row.pattern).collect()
}

/// The grammar, longest and most specific rows first (earlier rows win overlaps of equal length).
pub static GRAMMAR: LazyLock<Vec<Row>> = LazyLock::new(|| {
    let number = count_pattern();
    vec![
        row(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b".into(), Rule::IsoDate),
        row_needing(r"\b(?P<m>[0-3]?\d)(?P<slash>/)(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d{2}|\d{2})\b".into(), Rule::IsoDate, &["/"]),
        row(format!(r"\b{MONTH}\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)?,?\s+(?P<y>(?:1[89]|20)\d{{2}})\b"), Rule::MonthDayYear),
        row(format!(r"\b(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\s*,?\s+(?P<y>(?:1[89]|20)\d{{2}})\b"), Rule::DayMonthYear),
        row(format!(r"\b{MONTH}\s+(?P<y>(?:1[89]|20)\d{{2}})\b"), Rule::MonthYear),
        row(format!(r"\b{MONTH}\s+(?i:(?P<rel2>last|this|next)\s+year)\b"), Rule::MonthRelativeYear),
        row(format!(r"(?i:\b(?P<rel>last|this|next|past|coming)\s+){MONTH}\b"), Rule::MonthRelativeYear),
        // "Dec.14": a month's abbreviation and its day may lack the space between them
        // (after a full name or an abbreviation without its point, `\s*` finds no word
        // boundary to stop at, so only the point lets the day follow unspaced).
        row(format!(r"\b{MONTH}\s*(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)?\b"), Rule::MonthDay),
        // The day first, as British and Wikinews writers put it: "on 11 December".
        row(format!(r"\b(?:(?i:the)\s+)?(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}"), Rule::MonthDay),
        row(format!(r"\b(?i:(?:in|since|until|by|during|of|from|between|through|before|after|last|early|late|mid-?)\s+|(?:early|late|mid|end)-){MONTH}"), Rule::Month),
        // A month named alone ("the October slaying", "for October"); "May", "March" and
        // "August" alone are as often a verb, a walk or a name.
        row_needing(r"\b(?P<month>January|February|April|June|July|September|October|November|December)\b".into(), Rule::Month, &["january", "february", "april", "june", "july", "september", "october", "november", "december"]),
        row(r"\b(?i:(?:in|since|until|by|during|of|from|through|before|after|early|late|mid-?|fiscal(?:\s+year)?|financial\s+year|calendar|year)\s+|mid-|end-)(?P<y>(?:1[89]|20)\d{2})\b(?:-\d{2,4})?".into(), Rule::Year),
        // A fiscal year as reports abbreviate it: "FY2007", "FY 2007", "FY07"; and "the
        // 2008 fiscal year". TimeBank gives a fiscal year its calendar year's value.
        row_needing(r"\b(?:FY\s?(?P<y>(?:19|20)\d{2})|FY['’]?(?P<yy>\d{2})|(?i:the\s+)(?P<y2>(?:19|20)\d{2})\s+(?i:fiscal|financial)\s+year)\b".into(), Rule::FiscalYear, &["fy", "fiscal", "financial"]),
        row(r"\b(?P<y>(?:19[5-9]|20[0-4])\d)\b".into(), Rule::BareYear),
        // "Two thousand" alone is as often a count: only after "the year".
        row(format!(r"(?i)\b(?:(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:nineteen\s+(?P<tens>{TENS})(?:[-\s](?P<ones>{ONES}))?|nineteen\s+(?P<teen>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|the\s+year\s+two\s+thousand(?:\s+(?:and\s+)?(?P<ones2>{ONES}))?)\b"), Rule::SpokenYear),
        row(r"\b(?i:the\s+(?:(?:early|mid|late)(?:-|\s+))?)?(?P<y>(?:1[89]|20)\d)0'?s\b".into(), Rule::Decade),
        row(r"(?i)\b(?:the\s+)?(?P<c>1\d|2[01])(?:st|nd|rd|th)[-\s]century\b".into(), Rule::Century),
        row(r"(?i)\b(?:in|during|on|by)\s+(?P<the>the)\s+(?P<part>morning|afternoon|evening)\b".into(), Rule::PartOfDay),
        row(format!(r"\b(?i:(?:early|late)\s+)?(?i:(?P<which>last|this|next|coming|past)\s+)?{WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?\b"), Rule::Weekday),
        row(r"(?i)\b(?P<word>today|yesterday|tomorrow|tonight|overnight|this\s+(?:morning|afternoon|evening)|last\s+night)\b".into(), Rule::Deictic),
        row(r"(?i)\b(?:(?:earlier|later)\s+)?(?:that|the\s+(?:following|same|previous|preceding))\s+(?:day|morning|afternoon|evening|night|week|weekend|month|year)\b|\bthe\s+following\s+quarter\b|\bthe\s+next\s+(?:day|morning|afternoon|evening|night)\b".into(), Rule::Anaphor),
        row(r"(?i)\b(?:(?P<mod>earlier|later|late|early)\s+)?(?:the\s+)?(?P<which>last|this|next|past|coming|previous|preceding|current|latest|same)\s+(?P<unit>week|month|year|quarter|decade|century|weekend|season|(?:fiscal|financial)\s+year)\b".into(), Rule::RelativePeriod),
        row(r"(?i)\bthe\s+(?P<which>)(?P<unit>quarter|weekend|season|fiscal\s+year|full\s+year)\b".into(), Rule::RelativePeriod),
        // The anchor's period, said from inside it: "earlier in the day", "for the year".
        row_needing(r"(?i)\b(?:(?:earlier|later)\s+in\s+|(?:for|during)\s+)(?P<which>)the\s+(?P<unit>day|week|month|year)\b".into(), Rule::RelativePeriod, &["day", "week", "month", "year"]),
        // A part of a period is dated as the period: "the end of the year", "the start of next month".
        row(r"(?i)\b(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle)\s+of\s+(?:the\s+)?(?P<which>(?:this|next|last|current|coming)?)\s*(?P<unit>week|month|year|quarter|decade|century|fiscal\s+year)\b".into(), Rule::RelativePeriod),
        // An earnings report's period: "the latest period", "the most recent quarter".
        row(r"(?i)\bthe\s+(?P<which>latest|most\s+recent)\s+(?P<unit>period|quarter)\b".into(), Rule::RelativePeriod),
        // Its comparison: "the year-earlier quarter", "the comparable year-ago period", "year-ago".
        row(r"(?i)\b(?:the\s+)?(?:comparable\s+|same\s+)?(?P<n>)(?P<unit>year)[-\s](?:earlier|ago)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?\b".into(), Rule::Ago),
        // The same, as older reports write it: "the prior-year quarter".
        row_needing(r"(?i)\b(?:the\s+)?(?P<n>)prior[-\s](?P<unit>year)\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)\b".into(), Rule::Ago, &["prior"]),
        row(r"(?i)\b(?:the\s+)?year(?:[-\s]|'s\s+)end\b".into(), Rule::YearEnd),
        // Holidays with a fixed or reckoned date; not a name's first word ("Christmas Island").
        row(r"\b(?:(?i:(?P<which>last|this|next)\s+))?(?P<holiday>Christmas(?: (?:Day|Eve))?|New Year's (?:Day|Eve)|Thanksgiving(?: Day)?|Easter(?: Sunday)?|Good Friday|Halloween|Valentine's Day|Independence Day|Labor Day|Memorial Day|Boxing Day)\b".into(), Rule::Holiday),
        row(r"(?i)\b(?:(?P<which>last|this\s+past|this|next|early|late)\s+|the\s+)(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d{2})\b)?".into(), Rule::Season),
        row(r"(?i)\b(?P<season>spring|summer|autumn|winter)\s+(?:of\s+)?(?P<y>(?:19|20)\d{2})\b".into(), Rule::Season),
        row(format!(r"(?i)\b(?:(?:{NEARNESS}|about|roughly|around|approximately|some)\s+)?{number}\s+{UNIT}\s+(?:ago|earlier)\b"), Rule::Ago),
        row(format!(r"(?i)\b(?:(?:{NEARNESS}|at\s+least|up\s+to|no\s+more\s+than)\s+)?(?P<n>{TWO_WORDS}|{THOUSANDS}|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|\d+-and-a-half|a|an|half\s+an?|several|many|a\s+few|a\s+couple\s+of)(?:\s+more)?(?:(?P<half>\s+and\s+a\s+half|\s+1/2|½)\s+|[-\s]){UNIT_MODIFIER}(?P<unit>second|minute|hour|day|week|month|year|decade|century)s?(?:-long)?(?:\b(?P<unit_half>\s+and\s+a\s+half))?\b"), Rule::Duration),
        row(r"(?i)\b(?:(?:every|each)\s+(?P<every>day|week|month|quarter|year|hour|morning|night|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)|(?P<adverb>daily|weekly|monthly|annually|yearly)|(?P<plural>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s|(?:once|twice|(?:two|three|four|five|several|\d+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<per>day|week|month|quarter|year|hour)|every\s+(?P<every_n>other|few|two|three|four|five|six|ten|twelve|\d+)\s+(?P<units>minutes?|hours?|days?|weeks?|months?|years?))\b".into(), Rule::Set),
        row(format!(r"(?i)\b(?:the\s+)?(?:past|last|next|coming|previous|first|final)\s+(?:{number}|(?P<few>few|couple\s+of))\s+{UNIT_MODIFIER}(?:{UNIT}|(?P<quarters>quarters))\b"), Rule::Duration),
        // Quarters counted without "the past": "three consecutive quarters" P3Q, "several
        // quarters" PXQ. Not a fraction ("a quarter", "three quarters of all sold") nor
        // where something comes from ("from several quarters").
        row(format!(r"(?i)\b(?P<from>from\s+)?{number}\s+{UNIT_MODIFIER}(?P<counted>quarters)\b(?P<of>\s+of\b)?"), Rule::Duration),
        // A span of unstated length: "for weeks", "within days", "the lowest in years".
        row(r"(?i)\b(?:for|in|within|over)\s+(?P<n>)(?P<unit>minutes|hours|days|weeks|months|years|decades)\b".into(), Rule::Duration),
        // Placed by what it is before or after: "hours after his arrest", "days later",
        // "months ago" (the expression is the unit, and "ago" with it, as TimeML marks it).
        row(r"(?i)\b(?P<n>)(?P<unit>minutes|hours|days|weeks|months|years|decades)(?:(?P<tail>\s+(?:after|before|later|earlier))|\s+ago)\b".into(), Rule::Duration),
        row_needing(r"(?i)\bover\s+(?P<the>the)\s+(?P<n>)(?P<unit>days|weeks|months|years|decades)\b".into(), Rule::Duration, &["over"]),
        // A span of unstated length that qualifies a noun: "a decades-long dispute",
        // "years-long", "a weeklong strike".
        row(r"(?i)\b(?:(?P<n>)(?P<unit>hours|days|weeks|months|years|decades)-long|(?P<one>week|month|year)long)\b".into(), Rule::Duration),
        // "10:30 a.m.", and "6.30am" as British papers write it.
        row(r"(?i)\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)".into(), Rule::ClockTime),
        // A 24-hour clock says so by its zone or by an hour past noon: "18:00 UTC",
        // "06:00 BST", "1830 GMT" as agencies write it, "at 14:30". Only universal time
        // is marked as such.
        row(format!(r"\b(?P<h>[01]?\d|2[0-3]):?(?P<min>[0-5]\d)\s*(?:(?P<zone>UTC|GMT)|{ZONES})\b"), Rule::ClockTime),
        row_needing(r"\b(?i:at\s+)(?P<h>1[3-9]|2[0-3]):(?P<min>[0-5]\d)\b".into(), Rule::ClockTime, &[":"]),
        // An hour told by the part of its day: "four in the morning", "8 o'clock in the evening".
        row_needing(r"(?i)\b(?P<h>1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+in\s+the\s+(?P<daypart>morning|afternoon|evening|night)\b".into(), Rule::ClockTime, &["morning", "afternoon", "evening", "night"]),
        // Said with what places it ("at noon", "until midnight"): "High Noon" is a film.
        row_needing(r"(?i)\b(?:at|by|until|till|before|after|from|since|around|about|past|to)\s+(?P<word>noon|midday|midnight)\b".into(), Rule::ClockTime, &["noon", "midday", "midnight"]),
        row(r"(?i)\b(?:the\s+)?(?:(?P<y2>(?:19|20)\d{2})\s+|(?P<rel>this|last|next)\s+year'?s\s+)?(?:fiscal[-\s]+)?(?P<q>first|second|third|fourth|final)(?:-|\s+)quarter\b(?:\s+(?:of\s+)?(?:(?:the\s+)?(?:fiscal|financial)(?:\s+year)?\s+)?(?P<y>(?:19|20)\d{2})\b|\s+of\s+(?:(?P<rel_of>this|last|next)\s+year|the\s+year)\b)?".into(), Rule::Quarter),
        // A quarter as reports abbreviate it: "Q3 2008", "2008 Q3", "Q3'08", "3Q08" (with its
        // year), "in Q2" (without, only after a word that introduces a time: see
        // `find_rows`).
        row_needing(r"\b(?:(?P<y2>(?:19|20)\d{2})\s+)?Q(?P<qn>[1-4])(?:(?:\s+|\s*[-/]\s*)(?P<y>(?:19|20)\d{2})|\s?['’](?P<yy>\d{2}))?\b".into(), Rule::Quarter, QUARTER_NEEDLES),
        row_needing(r"\b(?P<qn>[1-4])Q(?:\s*(?P<y>(?:19|20)\d{2})|['’]?(?P<yy>\d{2}))\b".into(), Rule::Quarter, QUARTER_NEEDLES),
        // A quarter named by its first and last months: "the October-December quarter",
        // "the July-September period", "Jan/Mar 1987" (the months of no quarter are two dates).
        row_needing(r"(?i)\b(?:the\s+)?(?P<qm>jan(?:uary)?\.?\s*[-/–]\s*mar(?:ch)?|apr(?:il)?\.?\s*[-/–]\s*june?|july?\.?\s*[-/–]\s*sept?(?:ember)?|oct(?:ober)?\.?\s*[-/–]\s*dec(?:ember)?)\b(?:\s+(?P<y>(?:19|20)\d{2})\b)?(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)\b)?".into(), Rule::Quarter, QUARTER_MONTH_NEEDLES),
        // Only with its year: "the second half" alone is as often a match's.
        row(r"(?i)\b(?:the\s+)?(?P<h>first|second|last|latter)(?:-|\s+)half\s+of\s+(?:(?:(?:the\s+)?(?:fiscal|financial)(?:\s+year)?\s+)?(?P<y>(?:19|20)\d{2})\b|(?:the|this)\s+year\b|(?P<rel>last|next)\s+year\b)".into(), Rule::Half),
        // A half as reports abbreviate it, with its year ("H1 2009", "2009 H2", "1H09");
        // alone, "H1" is as often a visa or a virus.
        row_needing(r"\b(?:(?P<y2>(?:19|20)\d{2})\s+H(?P<hn>[12])|H(?P<hn2>[12])\s+(?P<y>(?:19|20)\d{2})|(?P<hn3>[12])H['’]?(?P<yy>\d{2}))\b".into(), Rule::Half, &["h1", "h2"]),
        row(r"(?i)\b(?P<ref>now|currently|nowadays|these\s+days|recent\s+(?:years|months|weeks|days)|recently|(?:the\s+)?coming\s+(?:days|weeks|months|years)|the\s+(?:days|weeks|months|years)\s+ahead|the\s+past|in\s+the\s+future|the\s+future|the\s+near\s+(?:future|term)|in\s+the\s+(?:short|medium|long)\s+term|at\s+present|so\s+far\s+this\s+year)\b".into(), Rule::Reference),
    ]
});

/// What a matched expression means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// TimeML type.
    pub kind: TimeType,
    /// TIMEX3 value.
    pub value: String,
    /// Leading words of the match that are not part of the expression ("in", "on").
    pub trim_start: usize,
}

/// Whether the sentence points forward or back in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// Past or present: the nearest earlier occurrence.
    Past,
    /// Future: the nearest later occurrence.
    Future,
}

/// The number a count is written as: digits ("12", "6,000") or words ("three",
/// "twenty-four", "a couple of").
pub fn number(word: &str) -> Option<i64> {
    let word = word.to_ascii_lowercase();
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    // "6,000": thousands set off by commas.
    if word.contains(',')
        && word.split(',').enumerate().all(|(i, group)| {
            group.bytes().all(|b| b.is_ascii_digit())
                && if i == 0 {
                    (1..=3).contains(&group.len())
                } else {
                    group.len() == 3
                }
        })
    {
        return word.replace(',', "").parse().ok();
    }
    // "twenty-four", "twenty four".
    if let Some((tens, ones)) = word.split_once(['-', ' '])
        && let (Some(t @ 20..=90), Some(o @ 1..=9)) = (number(tens), number(ones))
    {
        return Some(t + o);
    }
    Some(match word.as_str() {
        "a" | "an" | "one" => 1,
        "two" | "a couple of" | "couple of" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// A duration of `whole` units and a decimal `fraction` of one, its digits as written
/// ("" for none): "3 days" P3D, "1.5 hours" PT1.5H, "2 1/2 years" P2.5Y (the half read
/// as "5"; TimeBank also writes it in the next smaller unit, P2Y6M, MEANTIME as here).
/// Decades and centuries are counted in years ("1.5 decades" P15Y, "half a decade"
/// P5Y); `None` where that leaves a fraction of a year.
fn units(whole: i64, fraction: &str, letter: &str, clock: bool) -> Option<String> {
    let fraction = fraction.trim_end_matches('0');
    let years_in = match letter {
        "DE" => Some(10),
        "CE" => Some(100),
        _ => None,
    };
    if let Some(years) = years_in {
        let scale = 10_i64.checked_pow(u32::try_from(fraction.len()).ok()?)?;
        let part: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().ok()?
        };
        let total = whole
            .checked_mul(scale)?
            .checked_add(part)?
            .checked_mul(years)?;
        return (total % scale == 0).then(|| format!("P{}Y", total / scale));
    }
    let t = if clock { "T" } else { "" };
    Some(if fraction.is_empty() {
        format!("P{t}{whole}{letter}")
    } else {
        format!("P{t}{whole}.{fraction}{letter}")
    })
}

fn unit_letter(unit: &str) -> (&'static str, bool) {
    let unit = unit.to_ascii_lowercase();
    match unit.trim_end_matches('s') {
        "second" => ("S", true),
        "minute" => ("M", true),
        "hour" => ("H", true),
        "day" => ("D", false),
        "week" => ("W", false),
        "month" => ("M", false),
        "quarter" => ("Q", false),
        "decade" => ("DE", false),
        "century" | "centurie" => ("CE", false),
        _ => ("Y", false),
    }
}

fn weekday(name: &str) -> Weekday {
    match name.to_ascii_lowercase().as_str() {
        "monday" => Weekday::Monday,
        "tuesday" => Weekday::Tuesday,
        "wednesday" => Weekday::Wednesday,
        "thursday" => Weekday::Thursday,
        "friday" => Weekday::Friday,
        "saturday" => Weekday::Saturday,
        _ => Weekday::Sunday,
    }
}

fn part_of_day(part: &str) -> &'static str {
    match part.to_ascii_lowercase().as_str() {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

/// The TimeML value of the quarter a date falls in ("2005-Q2").
fn quarter_value(date: Date) -> String {
    format!("{:04}-Q{}", date.year(), (date.month() - 1) / 3 + 1)
}

fn week_value(date: Date) -> String {
    let week = date.iso_week_date();
    format!("{:04}-W{:02}", week.year(), week.week())
}

/// Leading prepositions kept out of the span ("in 2024" is tagged "2024").
fn leading_words(text: &str, keep: &[&str]) -> usize {
    let lower = text.to_ascii_lowercase();
    for word in [
        "in ", "on ", "since ", "until ", "by ", "during ", "of ", "from ", "through ", "before ",
        "after ",
    ] {
        if lower.starts_with(word) && !keep.contains(&word.trim()) {
            return word.len();
        }
    }
    0
}

/// Normalizes one match against the anchor date.
pub fn normalize(
    rule: Rule,
    caps: &Captures<'_>,
    anchor: Date,
    tense: Tense,
) -> Option<Normalized> {
    let m = Match {
        caps,
        whole: caps.get(0)?.as_str(),
        anchor,
        tense,
    };
    match rule {
        Rule::IsoDate => m.iso_date(),
        Rule::MonthDayYear | Rule::DayMonthYear => m.month_day_year(),
        Rule::MonthDay => m.month_day(),
        Rule::MonthYear => m.month_year(),
        Rule::MonthRelativeYear => m.month_relative_year(),
        Rule::Month => m.month(),
        Rule::Year => m.year(),
        Rule::BareYear => m.bare_year(),
        Rule::SpokenYear => m.spoken_year(),
        Rule::Decade => m.decade(),
        Rule::Weekday => m.weekday(),
        Rule::Deictic => m.deictic(),
        Rule::Season => m.season(),
        Rule::YearEnd => m.year_end(),
        Rule::Holiday => m.holiday(),
        Rule::Century => {
            let c: i16 = caps["c"].parse().ok()?;
            dated(TimeType::Date, format!("{:02}", c - 1))
        }
        Rule::PartOfDay => {
            let part = caps.name("part")?;
            Some(Normalized {
                kind: TimeType::Time,
                value: format!("{anchor}T{}", part_of_day(part.as_str())),
                // "in the morning" is tagged "the morning".
                trim_start: caps.name("the")?.start() - caps.get(0)?.start(),
            })
        }
        Rule::Anaphor => anaphor_value(m.whole, anchor).map(|(kind, value)| Normalized {
            kind,
            value,
            trim_start: 0,
        }),
        Rule::RelativePeriod => m.relative_period(),
        Rule::Ago => m.ago(),
        Rule::Duration => m.duration(),
        Rule::Set => m.set(),
        Rule::ClockTime => m.clock_time(),
        Rule::Quarter => m.quarter(),
        Rule::FiscalYear => m.fiscal_year(),
        Rule::Half => m.half(),
        Rule::Reference => m.reference(),
    }
}

/// How finely a value names its time: a year, a month, a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    /// "1995", "1995-Q2", "1995-W20".
    Year,
    /// "1995-05".
    Month,
    /// "1995-05-22", "1995-05-22T10:00".
    Day,
}

/// The time a date value names and how finely ("1995-05" is May 1995), for telling
/// "that day" or "the following year" from it; `None` for durations, sets and the like.
pub fn reference_of(value: &str) -> Option<(Date, Precision)> {
    let year: i16 = value.get(..4)?.parse().ok()?;
    // A quarter ("1987-Q3") is told from as its first month.
    if let Some(q) = value.get(4..).and_then(|v| v.strip_prefix("-Q")) {
        let q: i8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
        return Some((Date::new(year, 3 * q - 2, 1).ok()?, Precision::Month));
    }
    let month = value.get(5..7).and_then(|m| m.parse::<i8>().ok());
    let day = value.get(8..10).and_then(|d| d.parse::<i8>().ok());
    match (month, day) {
        (Some(m), Some(d)) if value.as_bytes()[4] == b'-' => {
            Some((Date::new(year, m, d).ok()?, Precision::Day))
        }
        (Some(m), _) if value.len() == 7 => Some((Date::new(year, m, 1).ok()?, Precision::Month)),
        _ => Some((Date::new(year, 1, 1).ok()?, Precision::Year)),
    }
}

/// The precision an anaphor needs of the time it is told from: "that day" a day, "that
/// month" a month, "that year" a year.
pub fn anaphor_needs(span: &str) -> Precision {
    match span
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
        .as_str()
    {
        "year" => Precision::Year,
        "month" | "quarter" => Precision::Month,
        _ => Precision::Day,
    }
}

/// The value of "that day", "the following year", "the next morning", "the previous
/// week" told from `reference`.
pub fn anaphor_value(span: &str, reference: Date) -> Option<(TimeType, String)> {
    let lower = span.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let unit = *words.last()?;
    let step: i64 = if words.contains(&"following") || words.contains(&"next") {
        1
    } else if words.contains(&"previous") || words.contains(&"preceding") {
        -1
    } else {
        0
    };
    let day = |days: i64| reference.checked_add(days.days()).ok();
    Some(match unit {
        "day" => (TimeType::Date, day(step)?.to_string()),
        "morning" | "afternoon" | "evening" | "night" => (
            TimeType::Time,
            format!("{}T{}", day(step)?, part_of_day(unit)),
        ),
        "week" => (TimeType::Date, week_value(day(7 * step)?)),
        "weekend" => (TimeType::Date, format!("{}-WE", week_value(day(7 * step)?))),
        "month" => {
            let d = reference.checked_add(step.months()).ok()?;
            (TimeType::Date, format!("{:04}-{:02}", d.year(), d.month()))
        }
        "quarter" => (
            TimeType::Date,
            quarter_value(reference.checked_add((3 * step).months()).ok()?),
        ),
        _ => (
            TimeType::Date,
            format!("{:04}", reference.year() as i64 + step),
        ),
    })
}

/// The date of a holiday in `year`; the movable ones as the United States keep them.
fn holiday_date(name: &str, year: i16) -> Option<Date> {
    let nth_weekday = |month: i8, weekday: Weekday, nth: i8| {
        Date::new(year, month, 1)
            .ok()?
            .nth_weekday_of_month(nth, weekday)
            .ok()
    };
    match name {
        "Christmas" | "Christmas Day" => Date::new(year, 12, 25).ok(),
        "Christmas Eve" => Date::new(year, 12, 24).ok(),
        "Boxing Day" => Date::new(year, 12, 26).ok(),
        "New Year's Day" => Date::new(year, 1, 1).ok(),
        "New Year's Eve" => Date::new(year, 12, 31).ok(),
        "Halloween" => Date::new(year, 10, 31).ok(),
        "Valentine's Day" => Date::new(year, 2, 14).ok(),
        "Independence Day" => Date::new(year, 7, 4).ok(),
        "Thanksgiving" | "Thanksgiving Day" => nth_weekday(11, Weekday::Thursday, 4),
        "Labor Day" => nth_weekday(9, Weekday::Monday, 1),
        "Memorial Day" => nth_weekday(5, Weekday::Monday, -1),
        "Easter" | "Easter Sunday" => easter_sunday(year),
        "Good Friday" => easter_sunday(year)?.checked_sub(2.days()).ok(),
        _ => None,
    }
}

/// Easter Sunday of the Gregorian calendar, by the computus (Gauss's reckoning as
/// published in its corrected form: golden number, century corrections, epact).
fn easter_sunday(year: i16) -> Option<Date> {
    let y = i32::from(year);
    let golden = y % 19;
    let century = y / 100;
    let skipped_leaps = century / 4;
    let moon_correction = (8 * century + 13) / 25;
    let epact = (19 * golden + century - skipped_leaps - moon_correction + 15) % 30;
    let weekday_offset = (32 + 2 * (century % 4) + 2 * ((y % 100) / 4) - epact - (y % 100 % 4)) % 7;
    let late = (golden + 11 * epact + 22 * weekday_offset) / 451;
    let days = epact + weekday_offset - 7 * late + 114;
    Date::new(year, (days / 31) as i8, (days % 31 + 1) as i8).ok()
}

/// A year written in two digits ("'08", "FY07"): this century's below 70, else the last's.
fn two_digit_year(yy: &str) -> Option<i16> {
    let yy: i16 = yy.parse().ok()?;
    Some(if yy < 70 { 2000 + yy } else { 1900 + yy })
}

/// A normalized date, time, duration or set that keeps its whole match as its span.
fn dated(kind: TimeType, value: String) -> Option<Normalized> {
    Some(Normalized {
        kind,
        value,
        trim_start: 0,
    })
}

/// One match being normalized: its captures, the anchor date and the tense around it.
/// The year of a month named without one: the anchor's, unless that is well on the wrong
/// side of the anchor for the tense (news rarely writes "December" for one two months
/// ahead).
pub fn year_of_month(anchor: Date, month: i8, tense: Tense) -> i16 {
    let year = anchor.year();
    match tense {
        Tense::Past if month > anchor.month() + 3 => year - 1,
        Tense::Future if month < anchor.month() - 3 => year + 1,
        _ => year,
    }
}

struct Match<'c, 'h> {
    caps: &'c Captures<'h>,
    whole: &'h str,
    anchor: Date,
    tense: Tense,
}

/// One method per rule, in the order of [`Rule`].
impl Match<'_, '_> {
    /// A month without a year is this year's unless that is well on the wrong side of the
    /// anchor for the tense (news rarely writes "December" for one two months ahead).
    fn year_of_month(&self, month: i8) -> i16 {
        year_of_month(self.anchor, month, self.tense)
    }

    fn iso_date(&self) -> Option<Normalized> {
        // Written with slashes, month first as American news writes it ("7/8/07",
        // "11/28/2005"), unless the first number cannot be a month ("28/11/2005").
        if self.caps.name("slash").is_some() {
            let (a, b): (i8, i8) = (self.caps["m"].parse().ok()?, self.caps["d"].parse().ok()?);
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            let y: i16 = match &self.caps["y"] {
                short if short.len() == 2 => {
                    let n: i16 = short.parse().ok()?;
                    // Two digits name the closest year: "07" 2007, "98" 1998.
                    if n <= 40 { 2000 + n } else { 1900 + n }
                }
                long => long.parse().ok()?,
            };
            Date::new(y, m, d).ok()?;
            return dated(TimeType::Date, format!("{y:04}-{m:02}-{d:02}"));
        }
        dated(
            TimeType::Date,
            format!(
                "{}-{}-{}",
                &self.caps["y"], &self.caps["m"], &self.caps["d"]
            ),
        )
    }

    fn month_day_year(&self) -> Option<Normalized> {
        let d: i8 = self.caps["d"].parse().ok()?;
        let m = month_number(&self.caps["month"])?;
        let y: i16 = self.caps["y"].parse().ok()?;
        Date::new(y, m, d).ok()?;
        dated(TimeType::Date, format!("{y:04}-{m:02}-{d:02}"))
    }

    fn month_day(&self) -> Option<Normalized> {
        let d: i8 = self.caps["d"].parse().ok()?;
        let m = month_number(&self.caps["month"])?;
        let y = self.year_of_month(m);
        Date::new(y, m, d).ok()?;
        dated(TimeType::Date, format!("{y:04}-{m:02}-{d:02}"))
    }

    fn month_year(&self) -> Option<Normalized> {
        let m = month_number(&self.caps["month"])?;
        dated(TimeType::Date, format!("{}-{m:02}", &self.caps["y"]))
    }

    fn month_relative_year(&self) -> Option<Normalized> {
        let m = month_number(&self.caps["month"])?;
        let rel = self
            .caps
            .name("rel")
            .or(self.caps.name("rel2"))?
            .as_str()
            .to_ascii_lowercase();
        let year = self.anchor.year();
        let y = match rel.as_str() {
            "last" | "past" => {
                // The month just gone is "last month"; "last February" said in March
                // is a year before it.
                if self.caps.name("rel2").is_some() {
                    year - 1
                } else if m + 1 < self.anchor.month() {
                    year
                } else {
                    year - 1
                }
            }
            "next" | "coming" => {
                if self.caps.name("rel2").is_some() || m <= self.anchor.month() {
                    year + 1
                } else {
                    year
                }
            }
            _ => year,
        };
        dated(TimeType::Date, format!("{y:04}-{m:02}"))
    }

    fn month(&self) -> Option<Normalized> {
        let month = self.caps.name("month")?.as_str();
        let trim = self.whole.find(month).unwrap_or(0);
        let lead = self.whole[..trim].trim().to_ascii_lowercase();
        let lead = lead.as_str();
        // A bare "May" is too often the verb or a name; after a word that leads to a
        // time, or one that says which part of it ("mid-May", "early May"), it is the
        // month (what follows is checked where the text is: see `may_reads_as_a_name`).
        if month == "May"
            && !matches!(
                lead,
                "in" | "since"
                    | "until"
                    | "till"
                    | "through"
                    | "during"
                    | "between"
                    | "early"
                    | "late"
                    | "mid"
                    | "mid-"
                    | "end-"
            )
        {
            return None;
        }
        let m = month_number(month)?;
        // "end-March", as financial reports write it, is one expression too.
        let keep = ["early", "late", "mid", "mid-", "end-", "last"]
            .iter()
            .any(|w| lead.starts_with(w));
        let y = if lead == "last" {
            self.anchor.year() - i16::from(m >= self.anchor.month())
        } else if lead == "since" {
            // The latest such month up to now: "since May" told in March is last May.
            self.anchor.year() - i16::from(m > self.anchor.month())
        } else if matches!(lead, "by" | "until" | "through") {
            // A deadline lies ahead: "repay the loan by February" told in November.
            Match {
                tense: Tense::Future,
                ..*self
            }
            .year_of_month(m)
        } else {
            self.year_of_month(m)
        };
        Some(Normalized {
            kind: TimeType::Date,
            value: format!("{y:04}-{m:02}"),
            trim_start: if keep { 0 } else { trim },
        })
    }

    fn year(&self) -> Option<Normalized> {
        let y = &self.caps["y"];
        let lower = self.whole.to_ascii_lowercase();
        // "mid-2011", "end-1985" and "early 1991" are one expression, as TimeML marks
        // them; "in 2011" is the year.
        let trim = if ["fiscal", "calendar", "mid", "early", "late", "end-"]
            .iter()
            .any(|w| lower.starts_with(w))
        {
            0
        } else {
            self.whole.find(y).unwrap_or(0)
        };
        Some(Normalized {
            kind: TimeType::Date,
            value: y.to_string(),
            trim_start: trim,
        })
    }

    fn bare_year(&self) -> Option<Normalized> {
        dated(TimeType::Date, self.caps["y"].to_string())
    }

    /// The year the match writes: in four digits (`y`, `y2`) or two (`yy`).
    fn written_year(&self) -> Option<i16> {
        match self.caps.name("y").or(self.caps.name("y2")) {
            Some(y) => y.as_str().parse().ok(),
            None => two_digit_year(self.caps.name("yy")?.as_str()),
        }
    }

    fn fiscal_year(&self) -> Option<Normalized> {
        let y = self.written_year()?;
        dated(TimeType::Date, format!("{y:04}"))
    }

    fn spoken_year(&self) -> Option<Normalized> {
        let word = |name: &str| {
            self.caps
                .name(name)
                .map(|m| m.as_str().to_ascii_lowercase())
        };
        let ones = |w: Option<String>| w.and_then(|w| number(&w)).unwrap_or(0);
        let year = match (word("tens"), word("teen")) {
            (Some(tens), _) => 1900 + number(&tens)? + ones(word("ones")),
            (None, Some(teen)) => 1900 + number(&teen)?,
            (None, None) => 2000 + ones(word("ones2")),
        };
        let value = match word("month") {
            Some(month) => format!("{year:04}-{:02}", month_number(&month)?),
            None => format!("{year:04}"),
        };
        dated(TimeType::Date, value)
    }

    fn decade(&self) -> Option<Normalized> {
        dated(TimeType::Date, self.caps["y"].to_string())
    }

    fn weekday(&self) -> Option<Normalized> {
        let target = weekday(&self.caps["weekday"]);
        let which = self
            .caps
            .name("which")
            .map(|w| w.as_str().to_ascii_lowercase());
        let forward = match which.as_deref() {
            Some("next" | "coming") => true,
            Some("last" | "past") => false,
            _ => self.tense == Tense::Future,
        };
        let mut day = self.anchor;
        let moves = matches!(which.as_deref(), Some("last" | "past" | "next" | "coming"));
        if self.anchor.weekday() != target || moves {
            for _ in 0..7 {
                day = if forward {
                    day.checked_add(1.day()).ok()?
                } else {
                    day.checked_sub(1.day()).ok()?
                };
                if day.weekday() == target {
                    break;
                }
            }
        }
        let mut value = day.to_string();
        let mut kind = TimeType::Date;
        if let Some(part) = self.caps.name("part") {
            value.push('T');
            value.push_str(part_of_day(part.as_str()));
            kind = TimeType::Time;
        }
        dated(kind, value)
    }

    fn deictic(&self) -> Option<Normalized> {
        let word = self.caps["word"].to_ascii_lowercase();
        let word: String = word.split_whitespace().collect::<Vec<_>>().join(" ");
        let (offset, part) = match word.as_str() {
            "today" => (0, None),
            "yesterday" => (-1, None),
            "tomorrow" => (1, None),
            "tonight" => (0, Some("NI")),
            "last night" | "overnight" => (-1, Some("NI")),
            "this morning" => (0, Some("MO")),
            "this afternoon" => (0, Some("AF")),
            _ => (0, Some("EV")),
        };
        let day = self.anchor.checked_add(offset.days()).ok()?;
        match part {
            Some(part) => dated(TimeType::Time, format!("{day}T{part}")),
            None => dated(TimeType::Date, day.to_string()),
        }
    }

    fn season(&self) -> Option<Normalized> {
        let season = match self.caps["season"].to_ascii_lowercase().as_str() {
            "spring" => "SP",
            "summer" => "SU",
            "winter" => "WI",
            _ => "FA",
        };
        let which = self
            .caps
            .name("which")
            .map(|w| w.as_str().to_ascii_lowercase())
            .unwrap_or_default();
        let year = match (self.caps.name("y"), which.as_str()) {
            // "the spring of 2009", "summer 2010".
            (Some(y), _) => y.as_str().parse().ok()?,
            (None, "last") => self.anchor.year() - 1,
            (None, "next") => self.anchor.year() + 1,
            (None, _) => self.anchor.year(),
        };
        dated(TimeType::Date, format!("{year:04}-{season}"))
    }

    fn relative_period(&self) -> Option<Normalized> {
        let which = self.caps["which"].to_ascii_lowercase();
        let unit = self.caps["unit"]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
        let unit = match unit.as_str() {
            // A sports season is named by the year it is played in, as nearly as a date
            // can say ("last season" in a December report: the year before).
            "fiscal year" | "financial year" | "full year" | "season" => "year".to_string(),
            // A report's "latest period" is a quarter (the one it names, when it does:
            // see the report's quarter in the enricher).
            "period" => "quarter".to_string(),
            _ => unit,
        };
        let which = which.split_whitespace().collect::<Vec<_>>().join(" ");
        // "the past decade" is the ten years up to now, as TimeML writes it (P10Y); "the
        // last decade" the one before this (a date).
        if which == "past" && matches!(unit.as_str(), "decade" | "century") {
            return Some(Normalized {
                kind: TimeType::Duration,
                value: if unit == "decade" { "P10Y" } else { "P100Y" }.into(),
                trim_start: 0,
            });
        }
        let step: i64 = match which.as_str() {
            "last" | "past" | "previous" | "preceding" => -1,
            "next" | "coming" => 1,
            // "the weekend" told on a Saturday or a Sunday: the one it is.
            "" if unit == "weekend"
                && matches!(self.anchor.weekday(), Weekday::Saturday | Weekday::Sunday) =>
            {
                0
            }
            // "the quarter", "the latest quarter", "the weekend" in a report: the last one completed.
            "" | "latest" | "most recent"
                if matches!(unit.as_str(), "quarter" | "weekend") && self.tense == Tense::Past =>
            {
                -1
            }
            _ => 0,
        };
        let value = match unit.as_str() {
            "day" => self.anchor.checked_add(step.days()).ok()?.to_string(),
            "week" => week_value(self.anchor.checked_add((step * 7).days()).ok()?),
            "weekend" => format!(
                "{}-WE",
                week_value(self.anchor.checked_add((step * 7).days()).ok()?)
            ),
            "month" => {
                let d = self.anchor.checked_add(step.months()).ok()?;
                format!("{:04}-{:02}", d.year(), d.month())
            }
            "quarter" => quarter_value(self.anchor.checked_add((3 * step).months()).ok()?),
            "decade" => format!("{}", (self.anchor.year() as i64 + 10 * step) / 10),
            "century" => format!("{}", (self.anchor.year() as i64 + 100 * step) / 100),
            _ => format!("{:04}", self.anchor.year() as i64 + step),
        };
        // "for the year" is tagged "the year".
        let lower = self.whole.to_ascii_lowercase();
        let trim_start = if lower.starts_with("for ") || lower.starts_with("during ") {
            lower.find("the")?
        } else {
            0
        };
        Some(Normalized {
            kind: TimeType::Date,
            value,
            trim_start,
        })
    }

    fn ago(&self) -> Option<Normalized> {
        // "The year-ago results": the article is the noun's, "year-ago" the time; with its
        // quarter or period ("the year-ago quarter") the phrase is the time.
        let lower = self.whole.to_ascii_lowercase();
        let trim_start = if lower.starts_with("the ")
            && (lower.ends_with("-ago") || lower.ends_with("-earlier"))
        {
            "the ".len()
        } else {
            0
        };
        let n = number(&self.caps["n"]).unwrap_or(1);
        let (letter, clock) = unit_letter(&self.caps["unit"]);
        let value = match (letter, clock) {
            ("D", false) => self.anchor.checked_sub(n.days()).ok()?.to_string(),
            ("W", false) => week_value(self.anchor.checked_sub((7 * n).days()).ok()?),
            ("M", false) => {
                let d = self.anchor.checked_sub(n.months()).ok()?;
                format!("{:04}-{:02}", d.year(), d.month())
            }
            // Before the first year of the era ("6,000 years ago"): only that it is past.
            ("Y", false) if i64::from(self.anchor.year()) - n < 1 => "PAST_REF".to_string(),
            ("Y", false) => format!("{:04}", i64::from(self.anchor.year()) - n),
            _ => "PAST_REF".to_string(),
        };
        Some(Normalized {
            kind: TimeType::Date,
            value,
            trim_start,
        })
    }

    fn duration(&self) -> Option<Normalized> {
        let n = self
            .caps
            .name("n")
            .or(self.caps.name("few"))
            .map(|n| n.as_str())
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_lowercase();
        if let Some(one) = self.caps.name("one") {
            // "weeklong", "yearlong": one of the unit.
            let (letter, _) = unit_letter(one.as_str());
            return Some(Normalized {
                kind: TimeType::Duration,
                value: format!("P1{letter}"),
                trim_start: 0,
            });
        }
        // Counted quarters that are a fraction ("three quarters of all sold") or a source
        // ("from several quarters"): no time.
        if self.caps.name("counted").is_some()
            && (self.caps.name("from").is_some() || self.caps.name("of").is_some())
        {
            return None;
        }
        let unit = self
            .caps
            .name("unit")
            .or(self.caps.name("quarters"))
            .or(self.caps.name("counted"))?;
        // "a years-long fight" is no year: one of a unit is never plural.
        let after_unit = unit.end() - self.caps.get(0)?.start();
        if matches!(n.as_str(), "a" | "an") && self.caps[0][after_unit..].starts_with('s') {
            return None;
        }
        // "for the 2005 year": a year's number before "year" (not "years") names the
        // year, not a count.
        if n.len() == 4
            && number(&n).is_some_and(|year| (1000..=2200).contains(&year))
            && unit.as_str().eq_ignore_ascii_case("year")
            && !self.caps[0][after_unit..].starts_with('s')
        {
            return None;
        }
        if self.caps.name("quarters").is_some() && number(&n).is_none() {
            // "the past several quarters" reads as "lately" (PAST_REF), as TimeBank has it:
            // the reference row finds it.
            return None;
        }
        let (letter, clock) = unit_letter(unit.as_str());
        let and_a_half = self.caps.name("half").is_some() || self.caps.name("unit_half").is_some();
        let value = if n.starts_with("half") {
            units(0, "5", letter, clock)?
        } else if let Some(base) = n.strip_suffix("-and-a-half") {
            units(number(base)?, "5", letter, clock)?
        } else if letter == "DE" && n.is_empty() && self.caps[0].ends_with("-long") {
            // Both annotated corpora write a decades-long span in years.
            "PXY".to_string()
        } else if matches!(n.as_str(), "several" | "many" | "a few" | "few" | "") {
            format!("P{}X{letter}", if clock { "T" } else { "" })
        } else if and_a_half {
            units(number(&n)?, "5", letter, clock)?
        } else if let Some((whole, fraction)) = n.split_once('.') {
            // "1.5 hours": ISO 8601 takes a decimal fraction in the last component.
            units(whole.parse().ok()?, fraction, letter, clock)?
        } else {
            units(number(&n)?, "", letter, clock)?
        };
        // "for weeks": the expression is the unit, not the preposition that asks for it.
        let trim_start = if n.is_empty() {
            self.caps.name("the").or(self.caps.name("unit"))?.start() - self.caps.get(0)?.start()
        } else {
            0
        };
        Some(Normalized {
            kind: TimeType::Duration,
            value,
            trim_start,
        })
    }

    fn set(&self) -> Option<Normalized> {
        // "every three months" P3M, "every other week" P2W, "every few years" PXY.
        if let Some(units) = self.caps.name("units") {
            let (letter, clock) = unit_letter(units.as_str());
            let n = self.caps.name("every_n")?.as_str().to_ascii_lowercase();
            let count = match n.as_str() {
                "other" => "2".to_string(),
                "few" => "X".to_string(),
                n => number(n)?.to_string(),
            };
            let time = if clock { "T" } else { "" };
            return dated(TimeType::Set, format!("P{time}{count}{letter}"));
        }
        // "twice a month": the period repeats (TimeML's frequency is not kept).
        let word = self
            .caps
            .name("every")
            .or(self.caps.name("adverb"))
            .or(self.caps.name("plural"))
            .or(self.caps.name("per"))?
            .as_str()
            .to_ascii_lowercase();
        let value = match word.as_str() {
            "day" | "morning" | "night" | "daily" => "P1D".to_string(),
            "week" | "weekly" => "P1W".to_string(),
            "month" | "monthly" => "P1M".to_string(),
            "quarter" => "P1Q".to_string(),
            "hour" => "PT1H".to_string(),
            "year" | "annually" | "yearly" => "P1Y".to_string(),
            name => match month_number(name) {
                Some(month) => format!("XXXX-{month:02}"),
                None => format!("XXXX-WXX-{}", weekday(name).to_monday_one_offset()),
            },
        };
        dated(TimeType::Set, value)
    }

    fn clock_time(&self) -> Option<Normalized> {
        if let Some(word) = self.caps.name("word") {
            // Midnight ends the day it is named with ("midnight Friday"), as ISO 8601's 24:00.
            let h = if word.as_str().eq_ignore_ascii_case("midnight") {
                24
            } else {
                12
            };
            return Some(Normalized {
                kind: TimeType::Time,
                value: format!("{}T{h:02}:00", self.anchor),
                trim_start: word.start() - self.caps.get(0)?.start(),
            });
        }
        let mut h = i8::try_from(number(&self.caps["h"])?).ok()?;
        let m: i8 = self
            .caps
            .name("min")
            .map_or(Some(0), |m| m.as_str().parse().ok())?;
        if let Some(part) = self.caps.name("daypart") {
            let part = part.as_str().to_ascii_lowercase();
            let pm = match part.as_str() {
                "morning" => false,
                "night" => (6..12).contains(&h),
                _ => h < 12,
            };
            if pm {
                h += 12;
            } else if h == 12 {
                h = 0;
            }
        } else if let Some(ampm) = self.caps.name("ampm") {
            let pm = ampm.as_str().to_ascii_lowercase().starts_with('p');
            if h > 12 {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
        }
        // Universal time is written with its zone; any other zone is left as local.
        let zone = if self.caps.name("zone").is_some() {
            "Z"
        } else {
            ""
        };
        let trim_start = self.caps.name("h")?.start() - self.caps.get(0)?.start();
        Some(Normalized {
            kind: TimeType::Time,
            value: format!("{}T{h:02}:{m:02}{zone}", self.anchor),
            trim_start,
        })
    }

    fn quarter(&self) -> Option<Normalized> {
        let q = match (self.caps.name("qn"), self.caps.name("qm")) {
            (Some(n), _) => n.as_str().parse().ok()?,
            (None, Some(months)) => match months.as_str().get(..3)?.to_ascii_lowercase().as_str() {
                "jan" => 1,
                "apr" => 2,
                "jul" => 3,
                _ => 4,
            },
            (None, None) => match self.caps["q"].to_ascii_lowercase().as_str() {
                "first" => 1,
                "second" => 2,
                "third" => 3,
                _ => 4,
            },
        };
        let current = (self.anchor.month() - 1) / 3 + 1;
        let y = if let Some(y) = self.written_year() {
            y
        } else if let Some(rel) = self.caps.name("rel").or(self.caps.name("rel_of")) {
            match rel.as_str().to_ascii_lowercase().as_str() {
                "last" => self.anchor.year() - 1,
                "next" => self.anchor.year() + 1,
                _ => self.anchor.year(),
            }
        } else if q > current && self.tense == Tense::Past {
            self.anchor.year() - 1
        } else {
            self.anchor.year()
        };
        dated(TimeType::Date, format!("{y:04}-Q{q}"))
    }

    fn half(&self) -> Option<Normalized> {
        // "H1 2009", "2009 H2", "1H09".
        if let Some(n) = ["hn", "hn2", "hn3"].iter().find_map(|g| self.caps.name(g)) {
            let y = self.written_year()?;
            return dated(TimeType::Date, format!("{y:04}-H{}", n.as_str()));
        }
        let h = if self.caps["h"].eq_ignore_ascii_case("first") {
            1
        } else {
            2
        };
        let y: i16 = match (self.caps.name("y"), self.caps.name("rel")) {
            (Some(y), _) => y.as_str().parse().ok()?,
            (None, Some(rel)) if rel.as_str().eq_ignore_ascii_case("last") => {
                self.anchor.year() - 1
            }
            (None, Some(_)) => self.anchor.year() + 1,
            // "the year": the anchor's, or the last one's for a half still to come told
            // in the past tense (as a quarter).
            (None, None) if h == 2 && self.anchor.month() <= 6 && self.tense == Tense::Past => {
                self.anchor.year() - 1
            }
            (None, None) => self.anchor.year(),
        };
        dated(TimeType::Date, format!("{y:04}-H{h}"))
    }

    fn holiday(&self) -> Option<Normalized> {
        let name: String = self.caps["holiday"]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let on = |year: i16| holiday_date(&name, year);
        let this_year = on(self.anchor.year())?;
        let which = self
            .caps
            .name("which")
            .map(|w| w.as_str().to_ascii_lowercase());
        let date = match which.as_deref() {
            Some("last") if this_year < self.anchor => this_year,
            Some("last") => on(self.anchor.year() - 1)?,
            Some("next") if this_year > self.anchor => this_year,
            Some("next") => on(self.anchor.year() + 1)?,
            Some(_) => this_year,
            // As a month without its year: this year's unless well on the wrong side.
            None => on(self.year_of_month(this_year.month()))?,
        };
        dated(TimeType::Date, date.to_string())
    }

    /// The year's last day: this year's (news of the past year-end names the year).
    fn year_end(&self) -> Option<Normalized> {
        // TimeBank dates the adjective ("year-end results") as the year's last day, and
        // the noun ("by year's end", "at year end") as the year whose end it is.
        if self.caps[0].contains('-') {
            dated(TimeType::Date, format!("{:04}-12-31", self.anchor.year()))
        } else {
            dated(TimeType::Date, format!("{:04}", self.anchor.year()))
        }
    }

    fn reference(&self) -> Option<Normalized> {
        let word = self.caps["ref"].to_ascii_lowercase();
        let value = match word
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str()
        {
            "the past" | "recently" => "PAST_REF",
            w if w.starts_with("recent ") => "PAST_REF",
            // "the near future", "in the short term": what lies ahead. (TimeBank leaves
            // "the foreseeable future" and "the long run" unmarked.)
            w if w.ends_with("future") || w.ends_with(" term") => "FUTURE_REF",
            w if w.contains("coming ") || w.ends_with(" ahead") => "FUTURE_REF",
            "so far this year" => {
                return dated(TimeType::Date, format!("{:04}", self.anchor.year()));
            }
            _ => "PRESENT_REF",
        };
        Some(Normalized {
            kind: TimeType::Date,
            value: value.to_string(),
            trim_start: leading_words(self.whole, &[]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row's narrow compilation finds what its full one finds on Latin text (the
    /// classes are proved alike in `dateline_patterns`; this checks the rows as written).
    #[test]
    fn every_row_is_cataloged() {
        // The rows are the grammar's; nothing else in the crate declares a pattern.
        let declared = dateline_patterns::declared_statics(include_str!("grammar.rs"))
            + dateline_patterns::declared_statics(include_str!("lib.rs"));
        assert_eq!(
            declared, 0,
            "a pattern outside the grammar: list it in `patterns()`"
        );
        dateline_patterns::check_cataloged(&patterns(), None).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn narrow_and_wide_rows_find_alike_on_latin_text() {
        let words = [
            "January",
            "Jan.",
            "Sept",
            "20",
            "2025",
            "1998",
            "3rd",
            "of",
            "last",
            "this",
            "next",
            "year",
            "week",
            "Monday",
            "on",
            "the",
            "ago",
            "two",
            "days",
            "a",
            "few",
            "months",
            "earlier",
            "since",
            "2024-01-20",
            "10:30",
            "a.m.",
            "’",
            "—",
            "“",
            "”",
            ",",
            ".",
            "\u{a0}",
            "café",
            "Ñ",
            "½",
            "quarter",
            "latest",
            "most",
            "recent",
            "period",
            "year-end",
            "end",
            "year-ago",
            "comparable",
            "fiscal",
            "full",
            "third",
            "for",
            "within",
            "several",
            "couple",
            "weeks",
            "fiscal",
            "decade",
            "1990s",
            "century",
            "noon",
            "midnight",
            "at",
            "18:00",
            "UTC",
            "Christmas",
            "Island",
            "Easter",
            "New",
            "Year's",
            "Day",
            "following",
            "that",
            "beginning",
            "few",
            "trading",
            "and",
            "half",
            "almost",
            "coming",
            "ahead",
            "over",
            "year's",
            "December",
            "mid-",
            "end-",
            "Oct/Dec",
            "July-September",
            "prior-year",
            "preceding",
            "late",
            "four",
            "o'clock",
            "night",
        ];
        let rows: Vec<&Pattern> = GRAMMAR.iter().map(|row| &row.pattern).collect();
        let found = dateline_patterns::compare_compilations(&rows, &words, 1500, 11)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(found > 500, "only {found} matches compared");
    }
}

#[cfg(test)]
mod needle_tests {
    use super::*;
    use dateline_patterns::Scope;
    use regex::Regex;

    /// The premise of skipping rows by lower-cased needles: no other character is matched
    /// to an ASCII letter by a case-insensitive pattern.
    #[test]
    fn only_the_long_s_and_the_kelvin_sign_fold_to_ascii_letters() {
        let ascii_letter = Regex::new(r"(?i)^[a-z]$").unwrap();
        let folding: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.is_alphabetic())
            .filter(|c| ascii_letter.is_match(&c.to_string()))
            .collect();
        assert_eq!(folding, ['\u{17F}', '\u{212A}']);
        assert!(folds_to_ascii("the ſecond week") && !folds_to_ascii("the second week"));
    }

    /// Every match of every row holds one of its rule's needles, whatever the case of the
    /// words.
    #[test]
    fn every_match_holds_a_needle_of_its_row() {
        let words = [
            "January",
            "JANUARY",
            "Jan.",
            "sept",
            "Sept",
            "May",
            "20",
            "2025",
            "1990s",
            "1990's",
            "the",
            "THE",
            "last",
            "This",
            "next",
            "past",
            "Coming",
            "year",
            "YEARS",
            "week",
            "Weekend",
            "month",
            "Quarter",
            "half",
            "of",
            "Monday",
            "MONDAYS",
            "Sunday",
            "night",
            "This",
            "morning",
            "Today",
            "YESTERDAY",
            "ago",
            "Earlier",
            "two",
            "a",
            "few",
            "days",
            "hour",
            "Decades",
            "century",
            "centuries",
            "Latest",
            "most",
            "RECENT",
            "Period",
            "Year-End",
            "end",
            "year-ago",
            "Comparable",
            "fiscal",
            "full",
            "third",
            "for",
            "within",
            "several",
            "couple",
            "weeks",
            "every",
            "Each",
            "daily",
            "WEEKLY",
            "Spring",
            "autumn",
            "fiscal",
            "now",
            "Nowadays",
            "currently",
            "these",
            "recent",
            "Recently",
            "future",
            "at",
            "present",
            "so",
            "far",
            "10",
            "a.m.",
            "PM",
            "-",
            "first",
            "second",
            "third",
            "fourth",
            "in",
            "since",
            "mid-",
            "noon",
            "Midnight",
            "Christmas",
            "EASTER",
            "Good",
            "Friday",
            "New",
            "Year's",
            "Eve",
            "Day",
            "Labor",
            "following",
            "That",
            "same",
            "previous",
            "beginning",
            "End",
            "trading",
            "and",
            "half",
            "nearly",
            "more",
            "than",
            "coming",
            "ahead",
            "over",
            "year's",
            "October",
            "Season",
            "Nineteen",
            "ninety-six",
            "thousand",
        ];
        // Phrases of real news longer than the generated texts reach by chance.
        let phrases = [
            "Earlier in the day, police said",
            "later in the week",
            "during the month",
            "for the year ended",
        ];
        let mut checked = 0;
        let generated = dateline_patterns::generated_texts(&words, 3000, 13);
        for text in generated.into_iter().chain(phrases.map(String::from)) {
            for row in GRAMMAR.iter().filter(|row| !row.needles.is_empty()) {
                for found in row.pattern.find_iter_in(Scope::Wide, &text) {
                    let lower = found.as_str().to_ascii_lowercase();
                    assert!(
                        row.needles.iter().any(|n| lower.contains(n)),
                        "{:?} matched {:?} without a needle",
                        row.rule,
                        found.as_str()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 2000, "only {checked} matches checked");
    }
}
