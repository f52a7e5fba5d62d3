//! # dateline-times
//!
//! The `times` enricher: time expressions in the body, each with its TimeML type and a
//! normalized TIMEX3 value (2025-01-20, 2024-W03, 2025-01-19TNI, P2D, PRESENT_REF,
//! 2024-11, ...), resolved against the article's own time (updated, else published,
//! else the day of its wire dateline) and otherwise the run's reference time. The tense
//! of the sentence decides between the last and the next "Friday" or "November".
//!
//! The expressions are a grammar in [`grammar`]: a table of patterns and rules.

#![warn(missing_docs)]

pub mod grammar;

use dateline_core::text::{CharIndex, is_calendar_name, is_weekday, month_number};
use dateline_core::{
    Document, Enrich, Host, Kind, NoConfig, Plugin, PluginError, PluginInfo, TimeExpression,
    TimeType,
};
use dateline_patterns::Scope;
use jiff::civil::Date;

use crate::grammar::{GRAMMAR, Normalized, Rule, Tense, folds_to_ascii, normalize};

/// The plugin's name in pipelines.
pub const NAME: &str = "times";

/// The `times` enricher.
pub struct TimesEnricher {
    reference: Option<Date>,
}

impl Plugin for TimesEnricher {
    type Config = NoConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "time expressions with TIMEX3 values".into(),
            requires: vec!["body".into()],
            provides: vec!["times".into()],
        }
    }

    fn new(_config: NoConfig, host: &dyn Host) -> Result<Self, PluginError> {
        Ok(TimesEnricher {
            reference: host.reference_time().and_then(date_of),
        })
    }
}

impl TimesEnricher {
    /// An enricher whose fallback anchor is `reference` (a run's `reference_time`).
    pub fn with_reference(reference: Option<Date>) -> Self {
        TimesEnricher { reference }
    }
}

/// The calendar date an ISO 8601 date or date-time starts with.
pub fn date_of(text: &str) -> Option<Date> {
    text.get(..10)?.parse().ok()
}

/// Whether the word the full stop at byte `stop` of `text` ends is an abbreviation, whose
/// stop ends no clause: "4 a.m. Thursday", "U.S. officials", "Mr. Bush", "Jan. 5".
fn abbreviated(text: &str, stop: usize) -> bool {
    // After the space, which may be a no-break space of two bytes ("—\u{a0}U.S.").
    let start = text[..stop]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(i, c)| i + c.len_utf8());
    dateline_core::text::is_abbreviation(&text[start..=stop])
}

/// Verbs that put something off until a later time, as a clause writes them.
const DEFERRALS: &[&str] = &[
    " postpone",
    " delay",
    " defer",
    " adjourn",
    " extend",
    " suspend",
    " put off ",
    " gave ",
    " given ",
];

/// Verbs of saying in the past tense, which a day right after them dates
/// ([`said_on_the_day`]).
const SAID_IN_THE_PAST: &[&str] = &[
    "said",
    "told",
    "announced",
    "confirmed",
    "added",
    "warned",
    "stated",
    "insisted",
    "revealed",
    "disclosed",
    "reported",
    "wrote",
    "argued",
    "claimed",
    "admitted",
    "denied",
    "explained",
    "indicated",
    "suggested",
    "signalled",
    "signaled",
    "acknowledged",
    "predicted",
    "promised",
    "pledged",
    "vowed",
];

/// Whether the expression names what is awaited: right after "ahead of", "the" and an
/// owner at most between ("ahead of Tuesday's debate", "ahead of the May 3 primary",
/// "ahead of the state's June 7 primary"). Not where it is only near "ahead of" ("in
/// London on Thursday ahead of the meeting", "ahead of its flotation in August").
fn awaited(before: &str) -> bool {
    let mut words = before.split_whitespace().rev();
    let mut word = words.next();
    if word.is_some_and(|w| w.ends_with("'s") || w.ends_with("’s")) {
        word = words.next();
    }
    if word.is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        word = words.next();
    }
    word.is_some_and(|w| w.eq_ignore_ascii_case("of"))
        && words
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("ahead"))
}

/// Whether the text before an expression ends on a verb of saying in the past, with at
/// most "on" between ("said on Sunday he could not confirm", "said Monday it would cut
/// 500 jobs"; a month's row holds its "in": "announced in November they would"): the day
/// is the day it was said, whatever what was said goes on to tell. A passive is no such
/// report ("will be announced on Friday").
fn said_on_the_day(before: &str) -> bool {
    if before.ends_with(|c: char| !c.is_whitespace()) {
        return false;
    }
    let mut words = before.split_whitespace().rev();
    let mut verb = words.next();
    if verb.is_some_and(|w| w.eq_ignore_ascii_case("on")) {
        verb = words.next();
    }
    verb.is_some_and(|verb| SAID_IN_THE_PAST.contains(&verb))
        && !words
            .next()
            .is_some_and(|w| matches!(w, "be" | "been" | "being" | "is" | "are" | "was" | "were"))
}

/// Whether the text before an expression ends on a verb in the past, with at most "on"
/// or "in" between: "who arrived Thursday with inspectors for a tour likely to last a
/// week", "resigned in May": what was done then was done on the last such day, whatever
/// the rest of its sentence looks forward to. Not a participle after a form of "be"
/// ("will be launched in May", "to be officially opened on"), nor a plan ("expected in
/// May").
fn done_on_the_day(before: &str) -> bool {
    if before.ends_with(|c: char| !c.is_whitespace()) {
        return false;
    }
    let mut words = before.split_whitespace().rev();
    let mut verb = words.next();
    if verb.is_some_and(|w| w == "on" || w == "in") {
        verb = words.next();
    }
    verb.is_some_and(is_past_in_ed)
        && !words.find(|w| !w.ends_with("ly")).is_some_and(|w| {
        matches!(
            w,
            "be" | "been" | "being" | "is" | "are" | "was" | "were" | "has" | "have" | "had"
        )
    })
        // A clause of time takes the time of the clause it belongs to: "likely to buy
        // as soon as trading opened Monday" is the next Monday.
        && !words.take(3).any(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "as" | "once" | "when" | "until" | "till" | "before" | "after" | "if"
            )
        })
}

/// Words of a clause that looks forward (spaces around them): a future or conditional
/// verb, a plan, a date something is due, payable or effective from.
const FUTURE_CUES: &[&str] = &[
    " will ",
    " would ",
    " shall ",
    "'ll ",
    " next ",
    " going to ",
    " scheduled ",
    " plans to ",
    " plan to ",
    " planned to ",
    " planning ",
    " set to ",
    " slated ",
    " is to ",
    " are to ",
    " expected ",
    " forecast ",
    " due ",
    " as soon as ",
    " as early as ",
    " payable ",
    " effective ",
    // A deadline: "the government has until Friday to respond".
    " has until ",
    " have until ",
    " likely to ",
];

/// Whether the sentence around `at` looks forward (a future or conditional verb, a plan,
/// a date something is due, payable or effective from).
fn tense(text: &str, at: usize) -> Tense {
    // What has held since a time began before now, whatever the clause says of what is
    // to come: "expected to cut rates for the sixth time since September".
    let since = |word: &str| word.eq_ignore_ascii_case("since");
    if text[at..].split_whitespace().next().is_some_and(since)
        || last_word(&text[..at]).is_some_and(since)
    {
        return Tense::Past;
    }
    if said_on_the_day(&text[..at]) {
        return Tense::Past;
    }
    if awaited(&text[..at]) {
        return Tense::Future;
    }
    // The clause around the expression: another clause's "will" says nothing of it.
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '!' | '?' | '\n' | ',' | ';') || (c == '.' && !abbreviated(text, i))
        })
        .map_or(0, |(i, _)| i + 1);
    // A verb in the past right before the expression tells it, unless the clause looked
    // forward before it ("will be part of plans unveiled on Monday").
    if done_on_the_day(&text[..at]) {
        let before = format!(" {} ", text[start..at].to_ascii_lowercase());
        if !FUTURE_CUES.iter().any(|cue| before.contains(cue)) {
            return Tense::Past;
        }
    }
    let clause_end = |from: usize| {
        text[from..]
            .find(['.', '!', '?', '\n', ',', ';'])
            .map_or(text.len(), |i| from + i)
    };
    let mut end = clause_end(at);
    // An opening phrase that is only the expression ("On Tuesday, the league will ...")
    // takes the tense of the clause it opens.
    if text[end..].starts_with(',') && opening_phrase(&text[start..at]) {
        end = clause_end(end + 1);
    }
    // What follows "that" is what was said, in its own tense: "said on Tuesday that it
    // would retaliate" happened on the last Tuesday.
    // So is what a participle after it reports: "issued a statement Friday saying the
    // entry will consolidate" was issued on the last Friday.
    // Where the first of `words` stands after the expression, before `end`.
    let first_of =
        |words: &[&str], end: usize| words.iter().filter_map(|w| text[at..end].find(w)).min();
    // So is what follows a verb of saying in the past without "that": "Officials on
    // Monday said the plant will close", "On Wednesday, a spokeswoman said it was likely
    // to include Wales".
    let said = first_word_of(&text[at..end], SAID_IN_THE_PAST).map(|i| i - 1);
    if let Some(cut) = first_of(&[" that ", " saying "], end)
        .into_iter()
        .chain(said)
        .min()
    {
        end = at + cut;
    }
    // A clause told in the past ends before the clause coordinated with it: "was
    // announced on Sunday and will run for a year" was announced on the last Sunday.
    if told_in_the_past(&text[start..at])
        && let Some(and) = first_of(&[" and ", " but "], end)
    {
        end = at + and;
    }
    let sentence = format!(" {} ", text[start..end].to_ascii_lowercase());
    // "next to" places something; it says nothing of when.
    let holds = |cue: &str| {
        sentence.contains(cue)
            && (cue != " next "
                || sentence.matches(" next ").count() > sentence.matches(" next to ").count())
    };
    // A deferral runs until a day to come, whatever the tense that tells it: "postponed
    // until Tuesday morning", "has given the relatives until 9 a.m. Tuesday" (the
    // expression right after "until"; "delayed on Tuesday until ..." is another day).
    let deferred = DEFERRALS.iter().any(|verb| sentence.contains(verb)) && {
        // The clause up to the expression, lower-cased as `sentence` is (after its space).
        let before = sentence[..1 + at - start].trim_end();
        // What stands between "until" and the day: nothing, or the clock time of it
        // ("until 9 a.m. Tuesday").
        [" until", " till"]
            .iter()
            .filter_map(|w| before.rfind(w).map(|i| &before[i + w.len()..]))
            .filter(|rest| rest.is_empty() || rest.starts_with(' '))
            .map(str::trim_start)
            .min_by_key(|rest| rest.len())
            .is_some_and(|rest| {
                rest.is_empty()
                    || (rest.len() <= 13 && rest.starts_with(|c: char| c.is_ascii_digit()))
            })
    };
    if deferred {
        return Tense::Future;
    }
    // A comparison with a time gone by: "more likely to win than he was in December",
    // "higher than it did in March".
    let before = &sentence[..1 + at - start];
    if let Some(than) = before.rfind(" than ")
        && [" was ", " were ", " had ", " did "]
            .iter()
            .any(|verb| before[than..].contains(verb))
    {
        return Tense::Past;
    }
    // A plan told in the past perfect was made for a day now gone ("it had been due to
    // expire Friday evening", "had been scheduled to expire at midnight Friday").
    let past_perfect = sentence.contains(" had been ")
        && ![" will ", "'ll ", " would ", " shall ", " next "]
            .iter()
            .any(|cue| holds(cue));
    if !past_perfect && FUTURE_CUES.iter().any(|cue| holds(cue)) {
        Tense::Future
    } else {
        Tense::Past
    }
}

/// Where the first of `words` stands in `text` as a whole word between spaces. One pass
/// over the text's words: it runs for every candidate expression.
fn first_word_of(text: &str, words: &[&str]) -> Option<usize> {
    let mut at = 0;
    let mut pieces = text.split(' ').peekable();
    while let Some(piece) = pieces.next() {
        // Between two spaces: not the text's first piece nor its last.
        if at > 0 && pieces.peek().is_some() && words.contains(&piece) {
            return Some(at);
        }
        at += piece.len() + 1;
    }
    None
}

/// Whether the words of a clause before its time expression hold a verb in the past:
/// "was", "were", "had", "did", one of [`SAID_IN_THE_PAST`] ("told", "wrote") or a
/// lower-case word in -ed ("resigned"), but not one of [`FUTURE_CUES`] ("expected",
/// "scheduled").
fn told_in_the_past(before: &str) -> bool {
    before.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        matches!(word, "was" | "were" | "had" | "did")
            || SAID_IN_THE_PAST.contains(&word)
            || is_past_in_ed(word)
    })
}

/// Whether `word` is a lower-case verb in the past in "-ed" ("resigned", "approved"),
/// not one that opens a plan ([`FUTURE_CUES`]: "expected", "scheduled").
fn is_past_in_ed(word: &str) -> bool {
    word.len() >= 5
        && word.ends_with("ed")
        && word.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(word, "proceed" | "succeed" | "indeed")
        && !FUTURE_CUES
            .iter()
            .any(|cue| cue.split_whitespace().next() == Some(word))
}

/// Whether the words of a clause before its time expression open it as a phrase of their
/// own ("On", "Also on", "Late", ""): the clause after the comma that ends it is the
/// one whose tense counts.
fn opening_phrase(before: &str) -> bool {
    before.split_whitespace().all(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "on" | "also" | "by" | "late" | "early" | "and" | "but" | "then"
        )
    })
}

/// The quarter an earnings report is about, for the expressions that point at it: "a
/// year ago", "a year earlier", "the year-earlier quarter", "the year-ago period", "the
/// prior-year quarter" compare with the same quarter a year before ("1988-Q3", not the
/// year); "last year" is the year, as reports mostly mean it ("Last year, the company
/// had charges of..."); "the
/// latest period", "the most recent quarter" are the quarter itself. The quarter is the
/// one last named in or shortly before the sentence ("third quarter"), or else the last
/// one completed before the anchor; without a quarter in sight, nothing is changed.
fn report_quarter(text: &str, at: usize, expression: &str, anchor: Date) -> Option<String> {
    let lower = expression
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    let core = lower.strip_prefix("the ").unwrap_or(&lower);
    let core = core
        .strip_prefix("comparable ")
        .or_else(|| core.strip_prefix("same "))
        .unwrap_or(core);
    let core = core
        .strip_suffix(" quarter")
        .or_else(|| core.strip_suffix(" period"))
        .unwrap_or(core);
    let core = ["first", "second", "third", "fourth"]
        .iter()
        .find_map(|q| core.strip_suffix(&format!(" {q}")))
        .unwrap_or(core);
    let years_back = match core {
        "a year ago" | "a year earlier" | "year-earlier" | "year-ago" | "year earlier"
        | "year ago" | "prior-year" | "prior year" => 1,
        "latest" | "most recent" => 0,
        _ => return None,
    };
    // The sentence and what came shortly before it: the quarter is often named in the
    // report's opening and compared a sentence or two later.
    let mut start = at.saturating_sub(600);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let end = text[at..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| at + i);
    let context = text[start..end].to_ascii_lowercase();
    if !context.contains("quarter") {
        return None;
    }
    let named = [("first", 1), ("second", 2), ("third", 3), ("fourth", 4)]
        .iter()
        .filter_map(|(word, q)| {
            let spaced = context.rfind(&format!("{word} quarter"));
            let hyphened = context.rfind(&format!("{word}-quarter"));
            spaced.max(hyphened).map(|at| (at, *q))
        })
        .max()
        .map(|(_, q)| q);
    let current = (anchor.month() as i64 - 1) / 3 + 1;
    let (year, quarter) = match named {
        Some(q) if q < current => (anchor.year() as i64, q),
        // A comparison with the current quarter named is a fiscal year's report ("its
        // fourth quarter ended Sept. 30 ... a year earlier"): this year's, as the quarter
        // itself is read.
        Some(q) if q == current && years_back == 1 => (anchor.year() as i64, q),
        // The latest quarter has ended: one named that has not is another's.
        Some(_) if years_back == 0 && current == 1 => (anchor.year() as i64 - 1, 4),
        Some(_) if years_back == 0 => (anchor.year() as i64, current - 1),
        Some(q) => (anchor.year() as i64 - 1, q),
        None if current == 1 => (anchor.year() as i64 - 1, 4),
        None => (anchor.year() as i64, current - 1),
    };
    Some(format!("{:04}-Q{quarter}", year - years_back))
}

/// Whether `span` holds a blank line (a line break, blanks, another line break).
fn crosses_a_paragraph(span: &str) -> bool {
    // The lines between the first and the last line break.
    match (span.find('\n'), span.rfind('\n')) {
        (Some(first), Some(last)) if first < last => span[first + 1..last]
            .split('\n')
            .any(|line| line.trim().is_empty()),
        _ => false,
    }
}

/// Finds and normalizes the time expressions of `text` against `anchor`.
///
/// Each row runs only on a text that holds one of its words (its needles). A pass of all
/// rows at once (a `RegexSet`) said which rows matched at all until the rows had needles;
/// with them, that pass cost more than it saved: without it, 2,225 BBC articles through
/// the times enricher take 0.81x the CPU (15 alternating pairs) and 0.80x the
/// instructions, and the peak is 3 MB lower, for the same expressions found.
pub fn find(text: &str, anchor: Date) -> Vec<(usize, usize, Normalized)> {
    let mut found: Vec<(usize, usize, usize, Normalized)> = Vec::new();
    let scope = Scope::of(text);
    let lower = text.to_ascii_lowercase();
    let every_row = folds_to_ascii(text);
    // Consecutive rows of one word list (the seven month rows) ask the text once.
    let mut asked: Option<(&[&str], bool)> = None;
    for (order, row) in GRAMMAR.iter().enumerate() {
        let holds = match asked {
            Some((needles, holds)) if std::ptr::eq(needles, row.needles) => holds,
            _ => row.needles.iter().any(|needle| lower.contains(needle)),
        };
        asked = Some((row.needles, holds));
        if !(every_row || row.needles.is_empty() || holds) {
            continue;
        }
        for caps in row.pattern.captures_iter_in(scope, text) {
            let whole = caps.get(0).expect("a match");
            if crosses_a_paragraph(whole.as_str()) {
                // "25 February" ending one paragraph and "2000 GMT" opening the next are
                // two things; the rows' spaces match line breaks too, so that a date a
                // line wraps stays whole, but a blank line ends the sentence.
                continue;
            }
            if row.rule == Rule::BareYear {
                // Part of a number, an amount or a range of numbers: not a year.
                let before = text[..whole.start()].chars().next_back();
                let after = text[whole.end()..].chars().next();
                if matches!(before, Some('$' | '£' | '€' | ',' | '.' | '-' | '/' | '#'))
                    || matches!(after, Some(',' | '%' | '-' | '/') if text[whole.end() + 1..].starts_with(|c: char| c.is_ascii_digit()))
                    || matches!(after, Some('%'))
                {
                    continue;
                }
            }
            // Only a name that opens the match: "In September Spears married" is the month.
            let bare = caps
                .name("month")
                .is_none_or(|m| m.start() == whole.start());
            if matches!(row.rule, Rule::Month | Rule::Holiday)
                && bare
                && whole.as_str().starts_with(char::is_uppercase)
                && text[whole.end()..].starts_with(' ')
                && text[whole.end() + 1..].starts_with(char::is_uppercase)
            {
                // "June Carter", "Christmas Island": a month or a holiday before a
                // capitalized word is a name.
                continue;
            }
            if row.rule == Rule::MonthDay
                && whole.as_str().starts_with("May ")
                && text[..whole.start()]
                    .trim_end()
                    .ends_with(['.', '!', '?', '"', '\u{201c}'])
            {
                // A sentence's first "May" followed by a number is as often the verb
                // ("May 5 of them go?"); elsewhere a capitalized "May" is the month.
                continue;
            }
            if row.rule == Rule::Month && may_reads_as_a_name(whole.as_str(), &text[whole.end()..])
            {
                continue;
            }
            if names_a_title(whole.as_str(), &text[..whole.start()], &text[whole.end()..]) {
                continue;
            }
            if row.rule == Rule::Deictic
                && names_a_programme(whole.as_str(), &text[..whole.start()], &text[whole.end()..])
            {
                continue;
            }
            if row.rule == Rule::Weekday
                && names_a_paper_of_the_day(
                    whole.as_str(),
                    &text[..whole.start()],
                    &text[whole.end()..],
                )
            {
                continue;
            }
            if row.rule == Rule::Set
                && caps.name("adverb").is_some()
                && names_a_newspaper(whole.as_str(), &text[..whole.start()], &text[whole.end()..])
            {
                continue;
            }
            if row.rule == Rule::Quarter
                && caps.name("qn").is_some()
                && ["y", "y2", "yy"].iter().all(|g| caps.name(g).is_none())
            {
                // A quarter in figures without its year ("in Q2", "the Q3 results") only
                // after a word that introduces a time: "Audi Q3" is a car.
                let before = text[..whole.start()]
                    .split_whitespace()
                    .next_back()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if !matches!(
                    before.as_str(),
                    "in" | "for"
                        | "during"
                        | "of"
                        | "the"
                        | "a"
                        | "its"
                        | "their"
                        | "our"
                        | "since"
                        | "until"
                        | "by"
                        | "from"
                        | "than"
                        | "and"
                        | "or"
                        | "over"
                        | "through"
                        | "versus"
                        | "vs."
                        | "last"
                        | "this"
                        | "next"
                ) {
                    continue;
                }
            }
            if row.rule == Rule::Reference
                && text[whole.end()..].starts_with('-')
                && whole.as_str().eq_ignore_ascii_case("now")
            {
                // "the now-cancelled deal": an adjective of the noun, not a time.
                continue;
            }
            if row.rule == Rule::Reference
                && whole.as_str().to_ascii_lowercase().ends_with("past")
                && starts_with_count(&text[whole.end()..])
            {
                // "the past eight trading sessions": a length counted in a unit the
                // grammar does not read, not "lately".
                continue;
            }
            if row.rule == Rule::Holiday {
                // "the Christmas season", "Easter week": a period around the day, not the day.
                if matches!(
                    next_word(&text[whole.end()..])
                        .to_ascii_lowercase()
                        .as_str(),
                    "season"
                        | "period"
                        | "holiday"
                        | "holidays"
                        | "sales"
                        | "shopping"
                        | "week"
                        | "weekend"
                        | "break"
                ) {
                    continue;
                }
            }
            if row.rule == Rule::Duration {
                // "in the weeks before the shooting" names a period the annotated corpora
                // date by the event, not a length: only the bare "weeks before" is one.
                if caps.name("tail").is_some()
                    && last_word(&text[..whole.start()]).is_some_and(|w| {
                        matches!(
                            w.to_ascii_lowercase().as_str(),
                            "the" | "first" | "final" | "last" | "early"
                        )
                    })
                {
                    continue;
                }
                let after = text[whole.end()..].trim_start().to_ascii_lowercase();
                if after.starts_with("ago")
                    || after.starts_with("earlier")
                    || after.starts_with("old")
                    || text[whole.end()..].starts_with("-old")
                {
                    continue;
                }
                // "A second-half goal", "three second-half goals", "a second-rate
                // record": the ordinal of a compound, not a second's length.
                if whole.as_str().to_ascii_lowercase().ends_with("second")
                    && hyphen_compound_follows(&text[whole.end()..])
                {
                    continue;
                }
                // "A second group", "a second A380": an ordinal before its noun, not a
                // second's length ("for a second", "a second later").
                if whole.as_str().eq_ignore_ascii_case("a second")
                    && text[whole.end()..].starts_with(' ')
                {
                    let next_word = after
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .unwrap_or_default();
                    if !next_word.is_empty()
                        && !matches!(
                            next_word,
                            "later" | "after" | "before" | "or" | "and" | "to" | "of" | "in"
                        )
                    {
                        continue;
                    }
                }
            }
            if row.rule == Rule::RelativePeriod
                && hyphen_compound_follows(&text[whole.end()..])
                && !matches!(
                    next_word(&text[whole.end() + 1..])
                        .to_ascii_lowercase()
                        .as_str(),
                    "end" | "long" | "plus"
                )
            {
                // "the quarter-finals", "the season-opener": the unit is the first part
                // of a compound noun, and the article is that noun's.
                continue;
            }
            let Some(mut normalized) =
                normalize(row.rule, &caps, anchor, tense(text, whole.start()))
            else {
                continue;
            };
            // Only comparisons ("a year ago") and relative periods ("the latest quarter")
            // can point at a report's quarter: other rows are not read again.
            if matches!(row.rule, Rule::Ago | Rule::RelativePeriod)
                && let Some(value) = report_quarter(text, whole.start(), whole.as_str(), anchor)
            {
                normalized.value = value;
            }
            if row.rule == Rule::RelativePeriod
                && whole.as_str().to_ascii_lowercase().ends_with("the year")
                && ["ended", "ending", "to"].iter().any(|w| {
                    text[whole.end()..]
                        .trim_start()
                        .starts_with(&format!("{w} "))
                })
            {
                // "the year ended June 30", "the year to March": a year's length, its end named.
                normalized.kind = TimeType::Duration;
                normalized.value = "P1Y".into();
            }
            let mut start = whole.start() + normalized.trim_start;
            if row.rule == Rule::Duration
                && whole.as_str().starts_with("last ")
                && last_word(&text[..whole.start()]).is_some_and(|w| {
                    matches!(
                        w,
                        "to" | "will"
                            | "would"
                            | "could"
                            | "can"
                            | "may"
                            | "might"
                            | "should"
                            | "must"
                            | "not"
                            | "did"
                            | "does"
                            | "do"
                    )
                })
            {
                // "a tour likely to last a week": the verb, then the length.
                start += "last ".len();
            }
            // A row's `tail` is what places the expression, not part of it ("hours after").
            let end = match caps.name("tail") {
                Some(tail) => tail.start(),
                None => whole.start() + whole.as_str().trim_end().len(),
            };
            if start < end {
                found.push((start, end, order, normalized));
            }
        }
    }
    // Longest first, then the earlier grammar row; keep what does not overlap a kept one.
    found.sort_by(|a, b| {
        (b.1 - b.0)
            .cmp(&(a.1 - a.0))
            .then(a.2.cmp(&b.2))
            .then(a.0.cmp(&b.0))
    });
    let mut kept: Vec<Found> = Vec::new();
    for (start, end, order, normalized) in found {
        if kept.iter().all(|f| end <= f.start || start >= f.end) {
            kept.push(Found {
                start,
                end,
                rule: GRAMMAR[order].rule,
                normalized,
            });
        }
    }
    kept.sort_by_key(|f| f.start);
    join_compounds(text, &mut kept);
    months_before_their_noun(text, anchor, &mut kept);
    coordinate_months(text, &mut kept);
    resolve_anaphors(text, &mut kept);
    kept.into_iter()
        .map(|f| (f.start, f.end, f.normalized))
        .collect()
}

/// An expression kept by [`find`], with the rule that read it.
struct Found {
    start: usize,
    end: usize,
    rule: Rule,
    normalized: Normalized,
}

/// March, May and August before the noun they date, after a determiner or a possessive:
/// "the March survey", "a May election", "Florida's March primary". The grammar's rows
/// read those three only after a word that leads to a time (alone they are as often a
/// verb or a name), and a row for this would run on every text that holds "may"; a
/// search for the three capitalized words costs next to nothing. Not before a
/// preposition or a verb ("the March on Washington", "the March of Dimes").
fn months_before_their_noun(text: &str, anchor: Date, kept: &mut Vec<Found>) {
    const DETERMINERS: [&str; 8] = ["the", "a", "an", "his", "her", "its", "their", "our"];
    for name in ["March", "May", "August"] {
        for (start, _) in text.match_indices(name) {
            let end = start + name.len();
            let after = &text[end..];
            let before = &text[..start];
            if !after.starts_with(' ')
                || !after[1..].starts_with(|c: char| c.is_ascii_lowercase())
                || !before.ends_with(' ')
            {
                continue;
            }
            let before = before.trim_end();
            let determined = before.ends_with("'s")
                || before.ends_with("’s")
                || last_word(before).is_some_and(|w| {
                    // "The March unemployment rate" opens a sentence.
                    DETERMINERS.iter().any(|d| d.eq_ignore_ascii_case(w))
                        && before[..before.len() - w.len()]
                            .chars()
                            .next_back()
                            .is_none_or(char::is_whitespace)
                });
            if !determined
                || matches!(
                    next_word(after),
                    "on" | "of"
                        | "for"
                        | "to"
                        | "against"
                        | "in"
                        | "at"
                        | "with"
                        | "from"
                        | "by"
                        | "and"
                        | "or"
                        | "is"
                        | "was"
                        | "will"
                )
                || kept.iter().any(|f| f.start < end && start < f.end)
            {
                continue;
            }
            let Some(month) = month_number(name) else {
                continue;
            };
            let year = grammar::year_of_month(anchor, month, tense(text, start));
            let at = kept.partition_point(|f| f.start < start);
            kept.insert(
                at,
                Found {
                    start,
                    end,
                    rule: Rule::Month,
                    normalized: grammar::Normalized {
                        kind: TimeType::Date,
                        value: format!("{year:04}-{month:02}"),
                        trim_start: 0,
                    },
                },
            );
        }
    }
}

/// Months named in a row with one that was found: "rises in June, August and
/// September", "through February and March", "between August and November 2001". Each
/// month after it is one too (May, March and August, which alone are as often a verb
/// or a name, among them), later than the one before it; a month before one whose year
/// is written takes that year ("between March and October 2004": March 2004).
fn coordinate_months(text: &str, kept: &mut Vec<Found>) {
    // A month's value of `kept[i]`, with the month number, if it is a month alone.
    fn month_of(found: &Found) -> Option<(i16, i8)> {
        if !matches!(found.rule, Rule::Month | Rule::MonthYear) {
            return None;
        }
        let value = &found.normalized.value;
        (value.len() == 7 && value.as_bytes()[4] == b'-')
            .then(|| Some((value[..4].parse().ok()?, value[5..].parse().ok()?)))
            .flatten()
    }
    // The written year of a month: its text ends in four digits.
    let written_year = |found: &Found| {
        let t = text[found.start..found.end].trim_end();
        t.len() > 4 && t.as_bytes()[t.len() - 4..].iter().all(u8::is_ascii_digit)
    };
    // Back: a month takes the year written on the month coordinated after it.
    for i in (0..kept.len().saturating_sub(1)).rev() {
        let (Some((_, m)), Some((y, n))) = (month_of(&kept[i]), month_of(&kept[i + 1])) else {
            continue;
        };
        if written_year(&kept[i + 1])
            && !written_year(&kept[i])
            && is_coordinator(&text[kept[i].end..kept[i + 1].start])
        {
            let y = y - i16::from(m > n);
            kept[i].normalized.value = format!("{y:04}-{m:02}");
        }
    }
    // Forward: the months named after one that was found.
    let mut i = 0;
    while i < kept.len() {
        let Some((y, m)) = month_of(&kept[i]) else {
            i += 1;
            continue;
        };
        let after = &text[kept[i].end..];
        let Some(skip) = coordinator(after) else {
            i += 1;
            continue;
        };
        let rest = &after[skip..];
        let name = next_word(rest);
        let start = kept[i].end + skip;
        let end = start + name.len();
        let free = kept.get(i + 1).is_none_or(|next| next.start >= end);
        // A month's whole name (abbreviations stay out: "and Jan" is a name as often),
        // not "June 5" or "March 2004" (a date of its own, found or not by its row) nor
        // "April Mellody" (a name).
        let Some(n) = month_number(name).filter(|_| {
            free && is_calendar_name(name)
                && !text[end..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
                && !next_word(&text[end..]).starts_with(char::is_uppercase)
        }) else {
            i += 1;
            continue;
        };
        let y = y + i16::from(n < m);
        kept.insert(
            i + 1,
            Found {
                start,
                end,
                rule: Rule::Month,
                normalized: grammar::Normalized {
                    kind: TimeType::Date,
                    value: format!("{y:04}-{n:02}"),
                    trim_start: 0,
                },
            },
        );
        i += 1;
    }
}

/// The length of what joins two months in a row at the start of `between` (", ", " and
/// ", " or ", " to ", "-", "-to-", ", and "), if that is all it holds up to the next word.
fn coordinator(between: &str) -> Option<usize> {
    MONTH_JOINTS
        .iter()
        .find(|joint| between.starts_with(*joint))
        .map(|joint| joint.len())
        .filter(|&len| between[len..].starts_with(char::is_alphabetic))
}

/// Whether `between` is all one of [`MONTH_JOINTS`].
fn is_coordinator(between: &str) -> bool {
    MONTH_JOINTS.contains(&between)
}

/// What joins two months in a row.
const MONTH_JOINTS: [&str; 11] = [
    ", and ", ", or ", ", ", " and ", " or ", " to ", "-to-", "-", " - ", " – ", "–",
];

/// Tells "that day", "the following year" from the last time named before them that is
/// fine enough ("that day" needs a day); without one they stay told from the anchor.
fn resolve_anaphors(text: &str, kept: &mut [Found]) {
    let mut reference = None;
    for found in kept.iter_mut() {
        if found.rule == Rule::Anaphor {
            let span = &text[found.start..found.end];
            if let Some((date, precision)) = reference
                && precision >= grammar::anaphor_needs(span)
                && let Some((kind, value)) = grammar::anaphor_value(span, date)
            {
                found.normalized.kind = kind;
                found.normalized.value = value;
            }
        }
        if let Some(named) = grammar::reference_of(&found.normalized.value) {
            reference = Some(named);
        }
    }
}

/// Whether a value is one calendar day ("2025-01-20"), with no time of day.
fn is_day(value: &str) -> bool {
    value.len() == 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-'
}

/// Joins what a writer gives as one point in time and the grammar reads as two: a
/// weekday and its date ("Tuesday, Dec. 15"), a clock time and its day ("10 p.m.
/// Wednesday", "5 p.m. EST Nov. 9", "noon Thursday"). The day is the date the writer
/// names, and a clock time takes it.
fn join_compounds(text: &str, kept: &mut Vec<Found>) {
    let mut joined: Vec<Found> = Vec::with_capacity(kept.len());
    for next in kept.drain(..) {
        if let Some(last) = joined.last_mut() {
            let gap = &text[last.end..next.start];
            let weekday_and_date = last.rule == Rule::Weekday
                && is_day(&last.normalized.value)
                && matches!(next.rule, Rule::MonthDay | Rule::MonthDayYear)
                && is_weekday_gap(gap);
            let time_and_day = last.rule == Rule::ClockTime
                && is_day(&next.normalized.value)
                && matches!(
                    next.rule,
                    Rule::Weekday | Rule::MonthDay | Rule::MonthDayYear | Rule::Deictic
                )
                && is_zone_gap(gap);
            if weekday_and_date {
                last.end = next.end;
                last.rule = next.rule;
                last.normalized.value = next.normalized.value;
                continue;
            }
            if time_and_day {
                let clock = &last.normalized.value[10..];
                last.normalized.value = format!("{}{clock}", next.normalized.value);
                last.end = next.end;
                // Its day is settled: no other day of the sentence is looked for.
                last.rule = next.rule;
                continue;
            }
        }
        joined.push(next);
    }
    *kept = joined;
    // A clock time or a part of a day left alone is on the day its sentence names, if
    // it names one.
    for i in 0..kept.len() {
        if !matches!(kept[i].rule, Rule::ClockTime | Rule::PartOfDay) {
            continue;
        }
        let before = (0..i).rev().find(|&j| is_day(&kept[j].normalized.value));
        let after = (i + 1..kept.len()).find(|&j| is_day(&kept[j].normalized.value));
        let same_sentence = |j: usize| {
            let (from, to) = if j < i {
                (kept[j].end, kept[i].start)
            } else {
                (kept[i].end, kept[j].start)
            };
            !ends_sentence(&text[from..to])
        };
        let day = [before, after]
            .into_iter()
            .flatten()
            .filter(|&j| same_sentence(j))
            .min_by_key(|&j| {
                if j < i {
                    kept[i].start - kept[j].end
                } else {
                    kept[j].start - kept[i].end
                }
            });
        if let Some(j) = day {
            let date = kept[j].normalized.value.clone();
            let clock = kept[i].normalized.value[10..].to_string();
            kept[i].normalized.value = format!("{date}{clock}");
        }
    }
}

/// Whether a "daily" or "weekly" is a newspaper, not how often: in or before its name
/// ("the Daily Telegraph", "the Communist Party daily Granma", "the weekly Der Spiegel")
/// or as the subject of what a paper does ("the daily said", "the business daily
/// reported").
fn names_a_newspaper(found: &str, before: &str, after: &str) -> bool {
    if !found.eq_ignore_ascii_case("daily") && !found.eq_ignore_ascii_case("weekly") {
        return false;
    }
    let next = next_word(after);
    // A day or a month after it is when ("open daily Monday to Friday").
    let calendar = is_weekday(next) || month_number(next).is_some();
    let named = next.starts_with(char::is_uppercase) && !calendar;
    // Capitalized after a name, the end of one: "Aftenposten Daily", "Entertainment Weekly".
    let ends_a_name = found.starts_with(char::is_uppercase)
        && last_word(before).is_some_and(|w| w.starts_with(char::is_uppercase))
        && !before.trim_end().ends_with(['.', '!', '?', ':']);
    let papers_verb = matches!(
        next,
        "said"
            | "says"
            | "reported"
            | "reports"
            | "wrote"
            | "writes"
            | "quoted"
            | "quotes"
            | "cited"
            | "published"
            | "added"
    ) || after.trim_start().starts_with(['.', ';']);
    let determined = last_word(before).is_some_and(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "the"
                | "a"
                | "its"
                | "business"
                | "financial"
                | "national"
                | "local"
                | "party"
                | "official"
                | "independent"
                | "popular"
                | "leading"
                | "influential"
        )
    });
    named || ends_a_name || (determined && papers_verb)
}

/// Whether an expression that opens with a capital inside a sentence is part of a title
/// ("Wham's Last Christmas", "Suddenly Last Summer", "ITV1's This Morning", "Splinter
/// Cell - Pandora Tomorrow"): inside a sentence, "last", "this", "next", "tomorrow" are
/// written in lower case. Not in a line whose words are mostly capitalized (a heading in
/// title case: "Plans For Next Year").
fn names_a_title(found: &str, before: &str, after: &str) -> bool {
    let first = found.split_whitespace().next().unwrap_or_default();
    if !matches!(
        first,
        "Last"
            | "This"
            | "Next"
            | "Tonight"
            | "Tomorrow"
            | "Yesterday"
            | "Today"
            | "Earlier"
            | "Later"
    ) {
        return false;
    }
    let opens_a_sentence = before.trim_end().chars().next_back().is_none_or(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | '"'
                | '“'
                | '”'
                | ':'
                | ';'
                | '('
                | ')'
                | '\n'
                | '\''
                | '‘'
                | '’'
                | '`'
                | '-'
                | '–'
                | '—'
        )
    });
    // An opening adverbial is set off by a comma ("Yesterday, at this year's
    // conference") or owns what follows ("Last week's escapee"): a sentence that opens
    // where a heading ran into it without a stop.
    let opening_adverbial = after.starts_with([',', '\'', '’']);
    let line = before.rsplit('\n').next().unwrap_or_default();
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitalized = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    let title_case = words.len() >= 3 && capitalized * 10 >= words.len() * 7;
    !opens_a_sentence && !opening_adverbial && !title_case
}

/// Whether a capitalized "Today" inside a sentence names a programme or a paper: "the
/// BBC Today programme", "Radio 4's Today programme", "USA Today", "NBC's Today show".
fn names_a_programme(found: &str, before: &str, after: &str) -> bool {
    // "USA TODAY" is how the paper writes its name.
    if found != "Today" && found != "TODAY" {
        return false;
    }
    let owner = before.trim_end().ends_with("'s") || before.trim_end().ends_with("’s");
    owner
        || matches!(
            next_word(after),
            "programme" | "program" | "show" | "newspaper"
        )
        || last_word(before).is_some_and(|w| matches!(w, "the" | "USA" | "BBC" | "NBC"))
}

/// Words that end a newspaper's name ("The Sunday Times", "The Sunday Telegraph").
const PAPER_WORDS: [&str; 18] = [
    "Times",
    "Telegraph",
    "Express",
    "Mirror",
    "Mail",
    "Herald",
    "Post",
    "Tribune",
    "Independent",
    "Star",
    "Sport",
    "Record",
    "Journal",
    "Observer",
    "Gazette",
    "Chronicle",
    "Sun",
    "People",
];

/// Sunday papers whose names end in "on Sunday" ("The Mail on Sunday"): where another
/// paper is followed by "on Sunday" the day is when it reported ("The Times on Monday
/// said").
const ON_SUNDAY_PAPERS: [&str; 4] = ["Mail on", "Independent on", "Scotland on", "Wales on"];

/// Whether a weekday is part of a paper's name: before the word that ends one ("the
/// Sunday Times", "the Sunday Telegraph"), or the Sunday of a Sunday paper's ("The
/// Independent on Sunday").
fn names_a_paper_of_the_day(found: &str, before: &str, after: &str) -> bool {
    let before = before.trim_end();
    PAPER_WORDS.contains(&next_word(after))
        || (found == "Sunday" && ON_SUNDAY_PAPERS.iter().any(|p| before.ends_with(p)))
}

/// Whether a month match ending in "May" names someone: "since May took office", "until
/// May steps down". The month is followed by punctuation, a number, or a word that
/// goes on with a time ("until May of next year", "since May when"); a name by its verb.
fn may_reads_as_a_name(found: &str, after: &str) -> bool {
    // "in May" is the month whatever follows ("disclosed in May that ...").
    if !found.ends_with("May") || found.to_ascii_lowercase().starts_with("in ") {
        return false;
    }
    let next = next_word(after);
    next.starts_with(char::is_lowercase)
        && !matches!(
            next,
            "of" | "and"
                | "or"
                | "to"
                | "when"
                | "the"
                | "this"
                | "last"
                | "next"
                | "in"
                | "at"
                | "as"
                | "after"
                | "before"
                | "but"
                | "for"
                | "with"
                | "until"
                | "through"
                | "because"
                | "that"
        )
}

/// Whether `after` opens with a hyphen and a letter: the word before it is the first
/// part of a compound ("second-half", "quarter-final").
fn hyphen_compound_follows(after: &str) -> bool {
    after
        .strip_prefix('-')
        .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
}

/// The first word of `after` (letters only), after optional spaces; empty if it opens
/// with anything else.
fn next_word(after: &str) -> &str {
    let after = after.trim_start();
    let end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    &after[..end]
}

/// Whether `after` opens, after optional spaces, with a count of more than one: digits
/// ("12"), a number in words ([`grammar::number`]: "eight") or a vague one ("several",
/// "few", "couple"); not "one", nor "many", which open a clause as often ("In the past
/// one could", "In the past many viruses were").
fn starts_with_count(after: &str) -> bool {
    let word = next_word(after).to_ascii_lowercase();
    after.trim_start().starts_with(|c: char| c.is_ascii_digit())
        || grammar::number(&word).is_some_and(|n| n > 1)
        || matches!(
            word.as_str(),
            "hundred" | "several" | "few" | "couple" | "dozen"
        )
}

/// The last word of `before` (letters only), if it ends in one after optional spaces.
fn last_word(before: &str) -> Option<&str> {
    before
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .filter(|word| !word.is_empty())
}

/// Whether text between two expressions ends a sentence: a line break, or a full stop,
/// question or exclamation mark before a space and a capital. The text between holds no
/// clock time's "a.m.": that is part of the expression before it.
fn ends_sentence(between: &str) -> bool {
    between.contains('\n')
        || between.as_bytes().windows(3).any(|w| {
            matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ' && w[2].is_ascii_uppercase()
        })
}

/// What may stand between a weekday and its date: a comma, "the".
fn is_weekday_gap(gap: &str) -> bool {
    let gap = gap.trim_start_matches(',').trim();
    gap.is_empty() || gap.eq_ignore_ascii_case("the")
}

/// What may stand between a clock time and its day: a zone ("EST", "local time"),
/// a comma.
fn is_zone_gap(gap: &str) -> bool {
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => gap.chars().all(|c| c.is_whitespace() || c == ','),
        [zone] => (2..=4).contains(&zone.len()) && zone.chars().all(|c| c.is_ascii_uppercase()),
        [local, time] => local.eq_ignore_ascii_case("local") && time.eq_ignore_ascii_case("time"),
        _ => false,
    }
}

/// The expressions of `text` that need no anchor ("May 3, 2013", "2008", "the 1990s"):
/// those that resolve to the same value against two anchors two centuries apart.
pub fn find_absolute(text: &str) -> Vec<(usize, usize, Normalized)> {
    let early = find(text, jiff::civil::date(1900, 6, 15));
    let late = find(text, jiff::civil::date(2100, 6, 15));
    early
        .into_iter()
        .filter(|found| late.contains(found))
        .collect()
}

/// The day a wire dateline gives its story ("GENEVA, Jan 23 (AP) -"), read against the
/// run's reference time for its year: the article's own day, a better anchor than the
/// run's when the record states no time ("said on Thursday" is that week's Thursday).
///
/// ```
/// use dateline_core::{Dateline, Document, Source};
/// use dateline_times::{date_of, dateline_day};
///
/// let mut doc = Document::new(Source::new("a.txt", 0, "text"));
/// doc.dateline = Some(Dateline {
///     place: "GENEVA".into(),
///     raw: "GENEVA, Jan 23 (AP) -".into(),
///     entity: None,
/// });
/// let reference = date_of("2025-01-21").unwrap();
/// assert_eq!(dateline_day(&doc, reference), date_of("2025-01-23"));
/// ```
pub fn dateline_day(doc: &Document, reference: Date) -> Option<Date> {
    let raw = &doc.dateline.as_ref()?.raw;
    find(raw, reference)
        .into_iter()
        .filter(|(_, _, n)| n.kind == TimeType::Date)
        .find_map(|(_, _, n)| date_of(&n.value))
}

impl Enrich for TimesEnricher {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        let anchor = doc
            .updated
            .as_deref()
            .or(doc.published.as_deref())
            .and_then(date_of)
            .or_else(|| dateline_day(doc, self.reference?))
            .or(self.reference);
        let found = match anchor {
            Some(anchor) => find(&doc.body, anchor),
            None => {
                doc.warn(
                    NAME,
                    "no article time and no reference_time: relative time expressions left out",
                );
                find_absolute(&doc.body)
            }
        };
        let index = CharIndex::new(&doc.body);
        doc.times = found
            .into_iter()
            .map(|(start, end, normalized)| TimeExpression {
                start: index.char_offset(start),
                end: index.char_offset(end),
                text: doc.body[start..end].to_string(),
                field: None,
                kind: normalized.kind,
                value: normalized.value,
            })
            .collect();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, anchor: &str) -> Vec<(String, String)> {
        find(text, anchor.parse().unwrap())
            .into_iter()
            .map(|(s, e, n)| (text[s..e].to_string(), n.value))
            .collect()
    }

    /// A day right after a verb of saying dates the saying, whatever is said after it
    /// without "that"; a passive announcement is still to come.
    #[test]
    fn a_day_after_said_is_the_day_it_was_said() {
        // 2009-03-14 is a Saturday.
        assert_eq!(
            values("The firm said Monday it would cut 500 jobs.", "2009-03-14"),
            [("Monday".to_string(), "2009-03-09".to_string())]
        );
        assert_eq!(
            values(
                "A spokesman said on Sunday he could not confirm when the bill would pass.",
                "2009-03-14"
            ),
            [("Sunday".to_string(), "2009-03-08".to_string())]
        );
        assert_eq!(
            values("The result will be announced on Monday.", "2009-03-14"),
            [("Monday".to_string(), "2009-03-16".to_string())]
        );
    }

    /// A blank line ends what a date can hold; a line that wraps does not.
    #[test]
    fn dates_stop_at_a_paragraph_but_not_at_a_wrapped_line() {
        for blank_line in ["\n\n", "\n \n"] {
            assert_eq!(
                values(
                    &format!("The talks ended on 25 February{blank_line}2000 GMT is when"),
                    "2009-03-14"
                ),
                [
                    ("25 February".to_string(), "2009-02-25".to_string()),
                    ("2000 GMT".to_string(), "2009-03-14T20:00Z".to_string())
                ],
                "{blank_line:?}"
            );
        }
        assert_eq!(
            values(
                "The talks ended on 25\nFebruary 2000 and resumed.",
                "2009-03-14"
            ),
            [("25\nFebruary 2000".to_string(), "2000-02-25".to_string())]
        );
    }

    /// Sets as TimeML writes them: a period for "every <unit>", a calendar pattern for a
    /// named day or month.
    #[test]
    fn sets_of_every_unit() {
        let found = values(
            "The board meets every quarter, the pumps are checked every hour, the market \
             opens each Monday and the fair returns every July.",
            "2009-03-14",
        );
        for (span, value) in [
            ("every quarter", "P1Q"),
            ("every hour", "PT1H"),
            ("each Monday", "XXXX-WXX-1"),
            ("every July", "XXXX-07"),
        ] {
            assert!(
                found.contains(&(span.to_string(), value.to_string())),
                "{span} = {value} in {found:?}"
            );
        }
    }

    /// A frequency is a set of its period ("twice a month" P1M, not the duration "a
    /// month"), and so is a period that repeats every so many units.
    #[test]
    fn sets_of_so_many_times_or_every_so_many_units() {
        let found = values(
            "Editors meet twice a month and call three times a day; trains run once an \
             hour, buses every 15 minutes, the index is updated every three months, the \
             committee sits every other week and elections come every few years.",
            "2009-03-14",
        );
        let expected = [
            ("twice a month", "P1M"),
            ("three times a day", "P1D"),
            ("once an hour", "PT1H"),
            ("every 15 minutes", "PT15M"),
            ("every three months", "P3M"),
            ("every other week", "P2W"),
            ("every few years", "PXY"),
        ];
        assert_eq!(
            found,
            expected
                .map(|(s, v)| (s.to_string(), v.to_string()))
                .to_vec()
        );
    }

    #[test]
    fn the_seed_expressions_resolve_as_a_reader_would() {
        let text = "On Monday, the general held talks. Tensions surged in January last year. \
                    He arrived in Pakistan on Sunday night. Raisi traveled on a three-day visit in April 2024. \
                    It was followed by a two-day visit to Islamabad by the foreign minister in Nov. to hold talks.";
        let found = values(text, "2025-01-20");
        let expect = [
            ("Monday", "2025-01-20"),
            ("January last year", "2024-01"),
            ("Sunday night", "2025-01-19TNI"),
            ("three-day", "P3D"),
            ("April 2024", "2024-04"),
            ("two-day", "P2D"),
            ("Nov.", "2024-11"),
        ];
        for (span, value) in expect {
            assert!(
                found.contains(&(span.to_string(), value.to_string())),
                "{span} = {value} in {found:?}"
            );
        }
    }

    #[test]
    fn years_said_in_words_are_years() {
        assert_eq!(
            values(
                "In nineteen ninety-six it failed; January nineteen ninety-seven came, then \
                 nineteen ten and the year two thousand. Two thousand people came.",
                "1998-02-01"
            ),
            [
                ("nineteen ninety-six".into(), "1996".into()),
                ("January nineteen ninety-seven".into(), "1997-01".into()),
                ("nineteen ten".into(), "1910".into()),
                ("the year two thousand".into(), "2000".into())
            ]
        );
    }

    #[test]
    fn a_season_is_the_year_it_is_played_in() {
        assert_eq!(
            values(
                "The Colts won two games last season and ten this season.",
                "2012-12-23"
            ),
            [
                ("last season".into(), "2011".into()),
                ("this season".into(), "2012".into())
            ]
        );
        assert_eq!(
            values("Bush will miss the rest of the season.", "2008-12-17"),
            [("the season".into(), "2008".into())]
        );
    }

    #[test]
    fn a_deadline_is_ahead() {
        // 2008-06-15 is a Sunday.
        assert_eq!(
            values("The government has until Friday to respond.", "2008-06-15"),
            [("Friday".into(), "2008-06-20".into())]
        );
        assert_eq!(
            values("The government had until Friday to respond.", "2008-06-15"),
            [("Friday".into(), "2008-06-13".into())]
        );
    }

    #[test]
    fn a_decade_with_or_without_its_article() {
        assert_eq!(
            values("Sales peaked in the 1980s and early 1990s.", "2008-06-15"),
            [
                ("the 1980s".into(), "198".into()),
                ("1990s".into(), "199".into())
            ]
        );
    }

    #[test]
    fn the_weekend_told_on_a_weekend_is_that_one() {
        // 2008-06-15 is a Sunday, 2008-06-16 a Monday (ISO week 25).
        assert_eq!(
            values("Fans gathered over the weekend.", "2008-06-15"),
            [("the weekend".into(), "2008-W24-WE".into())]
        );
        assert_eq!(
            values("Fans gathered over the weekend.", "2008-06-16"),
            [("the weekend".into(), "2008-W24-WE".into())]
        );
    }

    #[test]
    fn a_span_of_unstated_length_placed_by_what_it_precedes_or_follows() {
        assert_eq!(
            values(
                "He was found dead hours after his arrest; days later police searched for hours.",
                "2008-06-15"
            ),
            [
                ("hours".into(), "PTXH".into()),
                ("days".into(), "PXD".into()),
                ("hours".into(), "PTXH".into())
            ]
        );
        assert_eq!(
            values(
                "The firm, which months ago was failing, sold out in minutes.",
                "2008-06-15"
            ),
            [
                ("months ago".into(), "PXM".into()),
                ("minutes".into(), "PTXM".into())
            ]
        );
        // A period named by its event is dated by it, not measured: left alone.
        assert_eq!(
            values(
                "His car was seen in the weeks before the shooting.",
                "2008-06-15"
            ),
            []
        );
        // Not a unit: "after" alone places nothing.
        assert_eq!(values("The Hours after dark is a film.", "2008-06-15"), []);
    }

    #[test]
    fn a_years_end_said_as_a_noun_is_the_year_and_as_an_adjective_its_last_day() {
        assert_eq!(
            values(
                "Rules due by year's end follow the year-end results.",
                "1989-10-30"
            ),
            [
                ("year's end".into(), "1989".into()),
                ("the year-end".into(), "1989-12-31".into())
            ]
        );
    }

    #[test]
    fn a_months_abbreviation_may_stand_against_its_day() {
        assert_eq!(
            values("Voting began on Dec.14 in the capital.", "2008-10-30"),
            [("Dec.14".into(), "2008-12-14".into())]
        );
    }

    #[test]
    fn a_season_of_a_year_named_is_that_years() {
        assert_eq!(
            values(
                "The plant closed in the spring of 2009 and reopened in summer 2010.",
                "2012-06-01"
            ),
            [
                ("the spring of 2009".into(), "2009-SP".into()),
                ("summer 2010".into(), "2010-SU".into())
            ]
        );
        assert_eq!(
            values("It was wet last winter.", "2012-06-01"),
            [("last winter".into(), "2011-WI".into())]
        );
        assert_eq!(
            values("The unit was closed this past spring.", "1989-10-30"),
            [("this past spring".into(), "1989-SP".into())]
        );
    }

    /// Quarters, halves and fiscal years as reports abbreviate them.
    #[test]
    fn quarters_halves_and_fiscal_years_in_figures() {
        assert_eq!(
            values(
                "Revenue rose in Q2, and 3Q08 and Q4 2007 were weak; FY07 and the 2006 fiscal \
                 year were better, as was fiscal year 2005. H1 2009 looks worse.",
                "2008-10-15"
            ),
            [
                ("Q2".into(), "2008-Q2".into()),
                ("3Q08".into(), "2008-Q3".into()),
                ("Q4 2007".into(), "2007-Q4".into()),
                ("FY07".into(), "2007".into()),
                ("the 2006 fiscal year".into(), "2006".into()),
                ("fiscal year 2005".into(), "2005".into()),
                ("H1 2009".into(), "2009-H1".into()),
            ]
        );
        // A car, a virus, a visa, a match's quarter: no time.
        assert_eq!(
            values(
                "The Audi Q3 sold well. H1N1 spread and H1 visas were cut. He scored in the 2Q.",
                "2008-10-15"
            ),
            []
        );
    }

    #[test]
    fn quarters_and_halves_take_the_year_they_name() {
        assert_eq!(
            values(
                "Deliveries rose in the fourth quarter of 2023.",
                "2025-01-20"
            ),
            [("the fourth quarter of 2023".into(), "2023-Q4".into())]
        );
        assert_eq!(
            values("Sales fell in the second half of 2024.", "2025-01-20"),
            [("the second half of 2024".into(), "2024-H2".into())]
        );
        // The year may be a fiscal one, as the report names it.
        assert_eq!(
            values(
                "The second quarter of fiscal 2008 was strong.",
                "2025-01-20"
            ),
            [("The second quarter of fiscal 2008".into(), "2008-Q2".into())]
        );
        assert_eq!(
            values(
                "Sales fell in the first half of the financial year 2004.",
                "2025-01-20"
            ),
            [(
                "the first half of the financial year 2004".into(),
                "2004-H1".into()
            )]
        );
        assert_eq!(
            values(
                "Sales will rise in the first half of next year.",
                "2025-01-20"
            ),
            [("the first half of next year".into(), "2026-H1".into())]
        );
        // A year named after the quarter ("of last year") is the quarter's, not a second
        // time; a fiscal quarter is read as the calendar's, as TimeBank writes it.
        assert_eq!(
            values(
                "GM lost money in the fourth quarter of last year and the fiscal first quarter.",
                "2025-05-20"
            ),
            [
                ("the fourth quarter of last year".into(), "2024-Q4".into()),
                ("the fiscal first quarter".into(), "2025-Q1".into())
            ]
        );
        assert_eq!(
            values("Sales rose in the latter half of 2024.", "2025-01-20"),
            [("the latter half of 2024".into(), "2024-H2".into())]
        );
        // A half without its year is as often a match's, and is not a date.
        assert_eq!(values("He scored in the second half.", "2025-01-20"), []);
        assert_eq!(
            values("The plant opens in mid-2026.", "2025-01-20"),
            [("mid-2026".into(), "2026".into())]
        );
    }

    /// A no-break space before an abbreviation is a space of two bytes: the word after
    /// it is read, not half of it ("WASHINGTON —\u{a0}U.S. candidates on Wednesday").
    #[test]
    fn an_abbreviation_after_a_no_break_space() {
        assert_eq!(
            values(
                "WASHINGTON \u{2014}\u{a0}U.S. candidates met on Wednesday.",
                "2015-12-03"
            ),
            [("Wednesday".into(), "2015-12-02".into())]
        );
    }

    #[test]
    fn an_abbreviation_ends_no_clause_that_tells_the_tense() {
        assert_eq!(
            values("He will leave at 4 a.m. Thursday.", "2000-04-05"),
            [("4 a.m. Thursday".into(), "2000-04-06T04:00".into())]
        );
        assert_eq!(
            values("Mr. Schwarz will succeed Mr. Davison Feb. 1.", "1989-11-02"),
            [("Feb. 1".into(), "1990-02-01".into())]
        );
        let stop = |text: &str| abbreviated(text, text.len() - 1);
        assert!(stop("at 4 a.m.") && stop("the U.S.") && stop("(Gen."));
        assert!(!stop("left on Friday.") && !stop("it rose 5%."));
    }

    #[test]
    fn since_points_back_whatever_the_clause_expects() {
        // The sixth cut since September is counted from the last September; "since May"
        // in March is last May, though Past alone keeps a month within three of the
        // anchor in its year.
        for (text, time, value) in [
            (
                "The bank is expected to cut rates for the sixth time since September.",
                "September",
                "2007-09",
            ),
            ("Output has risen since May.", "May", "2007-05"),
            (
                "Traders will watch what has happened since Monday.",
                "Monday",
                "2008-03-10",
            ),
        ] {
            assert_eq!(
                values(text, "2008-03-14"),
                [(time.to_string(), value.to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn a_paper_or_a_programme_is_no_time() {
        for text in [
            "Another report in the Sunday Telegraph claims he will go.",
            "He told The Mail on Sunday he would stay.",
            "The Independent on Sunday reported the figures.",
            "He told the BBC Today programme it was not fair.",
            "He told Radio 4's Today programme it was not fair.",
            "But Entertainment Weekly's critic maintained it was good.",
            "The Communist Party daily Granma compared him with a revolutionary icon.",
            "The business daily reported the sale on its front page.",
            "The figures, the weekly said, were never published.",
            "He told the Daily Telegraph he would stay.",
            "The singles chart includes the Elvis song Are You Lonesome Tonight at 20.",
            "Her favourite song is still Wham's Last Christmas by far.",
            "During an interview on ITV1's This Morning she said it.",
            "Source: USA TODAY/Suffolk University poll.",
        ] {
            assert_eq!(values(text, "2000-01-07"), [], "{text}");
        }
        for (how_often, time) in [
            ("The office is open daily Monday to Friday.", "daily"),
            ("He produces a daily, 40 minute podcast.", "daily"),
            ("Ford's ninth drop in monthly US sales.", "monthly"),
            ("Flights will run daily from March.", "daily"),
            ("The Times on Monday said the deal was off.", "Monday"),
            ("Last year, the Tomorrow fund grew.", "Last year"),
            ("New Plans For The Airport Next Year", "Next Year"),
            (
                "Yesterday, at this year's conference, he spoke.",
                "Yesterday",
            ),
        ] {
            let found = values(how_often, "2000-01-07");
            assert!(
                found.iter().any(|(t, _)| t == time),
                "{how_often}: {found:?}"
            );
        }
    }

    #[test]
    fn may_after_a_lead_is_the_month_unless_a_verb_follows() {
        assert_eq!(
            values("Investors must wait until May to vote.", "2005-02-01"),
            [("May".into(), "2005-05".into())]
        );
        assert_eq!(
            values("Investors must wait until May's meeting.", "2005-02-01"),
            [("May".into(), "2005-05".into())]
        );
        assert_eq!(
            values("Nothing has changed since May took office.", "2017-02-01"),
            []
        );
        assert_eq!(
            values("They were told by May on Friday.", "2017-02-01").len(),
            1
        );
    }

    #[test]
    fn tense_picks_the_last_or_the_next_day() {
        // A verb in the past right before the day tells it, whatever the rest of the
        // sentence looks forward to; a participle after "be", or in a clause of time, does not.
        for (text, anchor, time, value) in [
            (
                "The inspector, who arrived Thursday for a tour likely to end soon, spoke.",
                "2025-01-20",
                "Thursday",
                "2025-01-16",
            ),
            (
                "Cuts will be part of plans unveiled on Monday.",
                "2025-01-22",
                "Monday",
                "2025-01-27",
            ),
            (
                "The tower is due to be officially opened on Friday.",
                "2025-01-20",
                "Friday",
                "2025-01-24",
            ),
            (
                "Buyers were likely to act as soon as trading opened Monday.",
                "2025-01-24",
                "Monday",
                "2025-01-27",
            ),
            (
                "The stakes were high ahead of Tuesday's debate.",
                "2025-01-20",
                "Tuesday",
                "2025-01-21",
            ),
            (
                "He was in London on Thursday ahead of the meeting.",
                "2025-01-20",
                "Thursday",
                "2025-01-16",
            ),
            (
                "Officials on Monday said the plant will close.",
                "2025-01-22",
                "Monday",
                "2025-01-20",
            ),
            (
                "On Monday, a spokeswoman said it was likely to include Wales.",
                "2025-01-22",
                "Monday",
                "2025-01-20",
            ),
            (
                "He is more likely to win than he was in December.",
                "2025-01-20",
                "December",
                "2024-12",
            ),
            (
                "Voters are less likely to back him in November.",
                "2025-01-20",
                "November",
                "2025-11",
            ),
        ] {
            assert_eq!(
                values(text, anchor),
                [(time.into(), value.into())],
                "{text}"
            );
        }
        assert_eq!(
            values("The vote took place on Friday.", "2025-01-20"),
            [("Friday".into(), "2025-01-17".into())]
        );
        assert_eq!(
            values("The vote will take place on Friday.", "2025-01-20"),
            [("Friday".into(), "2025-01-24".into())]
        );
        // What a participle reports has its own tense; "next to" says nothing of when.
        assert_eq!(
            values(
                "They issued a statement Friday saying the deal will hold.",
                "2025-01-20"
            ),
            [("Friday".into(), "2025-01-17".into())]
        );
        assert_eq!(
            values(
                "Bombs went off next to the embassy on Friday.",
                "2025-01-20"
            ),
            [("Friday".into(), "2025-01-17".into())]
        );
        // A clause told in the past ends before the clause coordinated with it; a
        // future clause does not ("The vote is on Thursday and results will follow").
        assert_eq!(
            values(
                "The plan was announced on Sunday and will run for a month.",
                "2025-01-22"
            ),
            [
                ("Sunday".into(), "2025-01-19".into()),
                ("a month".into(), "P1M".into())
            ]
        );
        assert_eq!(
            values(
                "The vote is on Thursday and results will follow.",
                "2025-01-22"
            ),
            [("Thursday".into(), "2025-01-23".into())]
        );
        // A deferral runs until a day to come; "until" of another day says nothing.
        assert_eq!(
            values(
                "The judge postponed the hearing until Tuesday morning.",
                "2025-01-22"
            ),
            [("Tuesday morning".into(), "2025-01-28TMO".into())]
        );
        assert_eq!(
            values(
                "The agency has given the family until 9 a.m. Tuesday to sign.",
                "2025-01-22"
            ),
            [("9 a.m. Tuesday".into(), "2025-01-28T09:00".into())]
        );
        assert_eq!(
            values(
                "The talks were delayed on Tuesday until further notice.",
                "2025-01-22"
            ),
            [("Tuesday".into(), "2025-01-21".into())]
        );
        assert_eq!(
            values("They stayed until Tuesday.", "2025-01-22"),
            [("Tuesday".into(), "2025-01-21".into())]
        );
        assert_eq!(
            values("Profit rose in the third quarter.", "2025-01-20"),
            [("the third quarter".into(), "2024-Q3".into())]
        );
        assert_eq!(
            values(
                "Sales fell last week, the company said three years ago.",
                "2025-01-20"
            )[0]
            .1,
            "2025-W03"
        );
    }

    #[test]
    fn a_second_before_its_noun_is_an_ordinal() {
        assert!(values("A second group of directors sold shares.", "2025-01-20").is_empty());
        assert_eq!(
            values("It paused for a second and went on.", "2025-01-20"),
            [("a second".into(), "PT1S".into())]
        );
    }

    #[test]
    fn months_named_in_a_row_are_each_a_month() {
        assert_eq!(
            values("Rates rose in June, August and September.", "2005-01-07"),
            [
                ("June".into(), "2004-06".into()),
                ("August".into(), "2004-08".into()),
                ("September".into(), "2004-09".into())
            ]
        );
        assert_eq!(
            values(
                "The site was online between August and November 2001.",
                "2005-01-07"
            ),
            [
                ("August".into(), "2001-08".into()),
                ("November 2001".into(), "2001-11".into())
            ]
        );
        assert_eq!(
            values("Talks ran from November to March 2004.", "2005-01-07"),
            [
                ("November".into(), "2003-11".into()),
                ("March 2004".into(), "2004-03".into())
            ]
        );
        // A name after the list, or a month of its own date, is left to its row.
        assert_eq!(
            values("He sang in June and April Mellody spoke.", "2005-01-07"),
            [("June".into(), "2004-06".into())]
        );
    }

    #[test]
    fn a_month_before_a_name_after_its_preposition_is_the_month() {
        assert_eq!(
            values("In September Spears married Kevin Federline.", "2005-01-07"),
            [("September".into(), "2004-09".into())]
        );
        assert_eq!(
            values("He wrote it with June Carter Cash.", "2005-01-07"),
            []
        );
    }

    #[test]
    fn march_may_and_august_before_the_noun_they_date() {
        for (text, month) in [
            ("It is forecast to drop in the March survey.", "March"),
            ("If a May election is called, he will run.", "May"),
            (
                "He stands before Florida's March presidential primary.",
                "March",
            ),
            ("The March unemployment rate was low.", "March"),
        ] {
            let found = values(text, "2005-01-07");
            assert!(found.iter().any(|(t, _)| t == month), "{text}: {found:?}");
        }
        for text in [
            "He was at the March on Washington in spirit.",
            "She works for the March of Dimes.",
            "He said you may go.",
        ] {
            assert_eq!(values(text, "2005-01-07"), [], "{text}");
        }
    }

    #[test]
    fn a_quarter_named_by_its_months_is_the_quarter() {
        // Told in June: a quarter not yet over, said in the past, is last year's.
        for (text, expected) in [
            (
                "Sales rose in the October-December quarter.",
                ("the October-December quarter", "2004-Q4"),
            ),
            (
                "Output grew in the July-September period.",
                ("the July-September period", "2004-Q3"),
            ),
            (
                "GNP rose 0.8 pct in Jan/Mar 2005.",
                ("Jan/Mar 2005", "2005-Q1"),
            ),
            (
                "Growth was 0.5 pct in the January-March first quarter.",
                ("the January-March first quarter", "2005-Q1"),
            ),
        ] {
            let found = values(text, "2005-06-07");
            assert_eq!(found, [(expected.0.into(), expected.1.into())], "{text}");
        }
        // Months that make no quarter stay two dates.
        let found = values("Prices fell between February/April.", "2005-06-07");
        assert!(found.iter().all(|(_, v)| !v.contains('Q')), "{found:?}");
    }

    #[test]
    fn end_of_a_month_or_a_year_as_reports_write_it() {
        assert_eq!(
            values(
                "Stocks at end-March were high, above end-1985 levels.",
                "1987-04-07"
            ),
            [
                ("end-March".into(), "1987-03".into()),
                ("end-1985".into(), "1985".into())
            ]
        );
    }

    #[test]
    fn the_following_quarter_is_told_from_the_quarter_before() {
        assert_eq!(
            values(
                "Spending rose in the Oct/Dec quarter. It will slow in the following quarter.",
                "1987-02-07"
            ),
            [
                ("the Oct/Dec quarter".into(), "1986-Q4".into()),
                ("the following quarter".into(), "1987-Q1".into())
            ]
        );
    }

    #[test]
    fn mid_may_and_the_quarters_before_this_one() {
        assert_eq!(
            values(
                "The auctions begin in Mid-May, the bank said.",
                "2005-02-07"
            ),
            [("Mid-May".into(), "2005-05".into())]
        );
        assert_eq!(
            values("Profit fell from the preceding quarter.", "2005-02-07"),
            [("the preceding quarter".into(), "2004-Q4".into())]
        );
        assert_eq!(
            values(
                "First quarter profit fell 61 pct from the prior-year quarter.",
                "2005-05-07"
            ),
            [
                ("First quarter".into(), "2005-Q1".into()),
                ("the prior-year quarter".into(), "2004-Q1".into())
            ]
        );
    }

    #[test]
    fn a_unit_opening_a_compound_noun_is_no_time() {
        for text in [
            "A second-half goal from Andy Scott won it.",
            "The Reds scored three second-half goals.",
            "He fielded a second-string side.",
            "Looking ahead to the quarter-final, he was calm.",
            "They reached the quarter-finals again.",
        ] {
            assert_eq!(values(text, "2005-01-07"), [], "{text}");
        }
        assert_eq!(
            values("It paused for a second - then went on.", "2005-01-07"),
            [("a second".into(), "PT1S".into())]
        );
        assert_eq!(
            values("Profit fell in the quarter.", "2005-01-07"),
            [("the quarter".into(), "2004-Q4".into())]
        );
    }

    #[test]
    fn counted_quarters_are_durations_and_a_quarter_is_a_fraction() {
        assert_eq!(
            values(
                "It lost money for three consecutive quarters and for several quarters before.",
                "2025-01-20"
            ),
            [
                ("three consecutive quarters".into(), "P3Q".into()),
                ("several quarters".into(), "PXQ".into()),
            ]
        );
        assert_eq!(
            values(
                "A quarter of the vote and three quarters of all phones went to them; support came from several quarters.",
                "2025-01-20"
            ),
            []
        );
    }

    #[test]
    fn a_span_that_qualifies_a_noun_is_a_duration() {
        assert_eq!(
            values(
                "It ended a decades-long dispute, a years-long fight and a weeklong strike.",
                "2025-01-20"
            ),
            [
                ("decades-long".into(), "PXY".into()),
                ("years-long".into(), "PXY".into()),
                ("weeklong".into(), "P1W".into()),
            ]
        );
    }

    #[test]
    fn an_opening_phrase_takes_the_tense_of_its_clause() {
        // 2025-01-20 is a Monday.
        assert_eq!(
            values("On Tuesday, the league will file its brief.", "2025-01-20"),
            [("Tuesday".into(), "2025-01-21".into())]
        );
        assert_eq!(
            values("On Tuesday, the league filed its brief.", "2025-01-20"),
            [("Tuesday".into(), "2025-01-14".into())]
        );
        assert_eq!(
            values("His father could come as early as Friday.", "2025-01-20"),
            [("Friday".into(), "2025-01-24".into())]
        );
        // A dividend payable or a change effective on a date is still to come.
        assert_eq!(
            values("The dividend is payable Jan. 2 to holders.", "1989-11-02"),
            [("Jan. 2".into(), "1990-01-02".into())]
        );
    }

    #[test]
    fn a_possessive_is_no_part_of_the_time() {
        assert_eq!(
            values(
                "They looked for ways around Wednesday's ruling and last month’s vote.",
                "2000-01-07"
            ),
            [
                ("Wednesday".into(), "2000-01-05".into()),
                ("last month".into(), "1999-12".into())
            ]
        );
    }

    #[test]
    fn a_possessive_written_into_the_name_stays() {
        let found = values(
            "Prices rose in the 1990's and fell on New Year's Day.",
            "2000-01-07",
        );
        let spans: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(spans, ["the 1990's", "New Year's Day"]);
    }

    #[test]
    fn the_article_before_year_ago_is_the_nouns() {
        let found = values(
            "The year-ago results included a charge; the year-earlier quarter did not.",
            "1989-10-25",
        );
        let spans: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(spans, ["year-ago", "the year-earlier quarter"]);
    }

    #[test]
    fn spans_of_the_past_and_recurring_days() {
        assert_eq!(
            values("Sales fell over the past three months.", "2025-01-20"),
            [("the past three months".into(), "P3M".into())]
        );
        assert_eq!(
            values(
                "The market opens on Tuesdays and has grown recently.",
                "2025-01-20"
            ),
            [
                ("Tuesdays".into(), "XXXX-WXX-2".into()),
                ("recently".into(), "PAST_REF".into())
            ]
        );
    }

    /// "Early" and "late" belong to the day or year they place, as TimeML marks them
    /// ("early Tuesday", "late 2004"); a preposition does not ("in 2004").
    #[test]
    fn early_and_late_stand_in_the_expression() {
        assert_eq!(
            values(
                "The bomb went off early Tuesday after a slowdown in late 2004.",
                "2025-01-22"
            ),
            [
                ("early Tuesday".into(), "2025-01-21".into()),
                ("late 2004".into(), "2004".into())
            ]
        );
        assert_eq!(
            values("Sales fell in 2004.", "2025-01-22"),
            [("2004".into(), "2004".into())]
        );
    }

    /// "The past" before a count of something the grammar does not read is no "lately";
    /// before a clause it still is.
    #[test]
    fn the_past_before_a_count_is_no_reference() {
        assert_eq!(
            values("It gained 1% in the past three sessions.", "2025-01-20"),
            Vec::<(String, String)>::new()
        );
        assert_eq!(
            values("It gained 1% in the past sixty sessions.", "2025-01-20"),
            Vec::<(String, String)>::new()
        );
        for clause in ["many viruses spread", "one could sell"] {
            assert_eq!(
                values(&format!("In the past {clause} by mail."), "2025-01-20"),
                [("the past".into(), "PAST_REF".into())],
                "{clause}"
            );
        }
    }

    #[test]
    fn how_near_a_count_ago_is_stands_in_the_expression() {
        assert_eq!(
            values("The firm was founded almost two years ago.", "1998-03-01"),
            [("almost two years ago".into(), "1996".into())]
        );
        assert_eq!(
            values("It closed more than a decade ago.", "1998-03-01"),
            [("more than a decade ago".into(), "PAST_REF".into())]
        );
    }

    #[test]
    fn the_near_future_and_the_short_term_lie_ahead() {
        assert_eq!(
            values(
                "It will sell the unit in the near future, but in the short term it waits.",
                "2025-01-20"
            ),
            [
                ("the near future".into(), "FUTURE_REF".into()),
                ("the short term".into(), "FUTURE_REF".into())
            ]
        );
        // A term that names no time ("short term rates", "over the long run") is left.
        assert!(
            values(
                "The bank raised short term rates over the long run.",
                "2025-01-20"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_year_ago_in_an_earnings_report_is_a_quarter() {
        let text = "Third-quarter net income rose 12%. Revenue was $4 billion, up from $3.5 billion a year earlier.";
        assert!(values(text, "1989-10-25").contains(&("a year earlier".into(), "1988-Q3".into())));
        assert_eq!(
            values("Prices rose a year ago.", "1989-10-25"),
            [("a year ago".into(), "1988".into())]
        );
    }

    #[test]
    fn an_earnings_report_names_its_quarter_and_the_one_it_compares_with() {
        let text = "Net income in the third quarter rose 12% from the year-earlier quarter. \
                    Sales in the latest period were flat, and the company expects a loss for \
                    the full year and a stronger balance sheet at year-end.";
        let found = values(text, "1989-11-02");
        for expected in [
            ("the third quarter", "1989-Q3"),
            ("the year-earlier quarter", "1988-Q3"),
            ("the latest period", "1989-Q3"),
            ("the full year", "1989"),
            ("year-end", "1989-12-31"),
        ] {
            assert!(
                found.contains(&(expected.0.into(), expected.1.into())),
                "{expected:?} in {found:?}"
            );
        }
        // A quarter that has not ended is not the latest one.
        let found = values(
            "The fourth quarter looks weak; the latest quarter was strong.",
            "1989-11-02",
        );
        assert!(
            found.contains(&("the latest quarter".into(), "1989-Q3".into())),
            "{found:?}"
        );
        // A fiscal year's quarter that ended before its calendar one is compared as read.
        let found = values(
            "Its fourth quarter ended Sept. 30 earned $90 million, up from $85 million a year earlier.",
            "1989-11-02",
        );
        assert!(
            found.contains(&("a year earlier".into(), "1988-Q4".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_plan_told_in_the_past_perfect_was_for_a_day_gone() {
        assert_eq!(
            values(
                "The offer had been due to expire Friday evening.",
                "1989-10-30"
            ),
            [("Friday evening".into(), "1989-10-27TEV".into())]
        );
        assert_eq!(
            values("The offer is due to expire Friday evening.", "1989-10-30"),
            [("Friday evening".into(), "1989-11-03TEV".into())]
        );
    }

    #[test]
    fn spans_of_unstated_length() {
        let found = values(
            "The talks went on for weeks, and prices are the lowest in years after several months of cuts.",
            "2025-01-20",
        );
        assert_eq!(
            found,
            [
                ("weeks".into(), "PXW".into()),
                ("years".into(), "PXY".into()),
                ("several months".into(), "PXM".into())
            ]
        );
    }

    #[test]
    fn last_month_by_name_is_a_year_back_when_it_just_ended() {
        let found = values(
            "Two helicopters crashed last February; talks began last May.",
            "1998-03-01",
        );
        assert_eq!(
            found,
            [
                ("last February".into(), "1997-02".into()),
                ("last May".into(), "1997-05".into())
            ]
        );
        assert_eq!(
            values("It rose last April.", "1989-10-27"),
            [("last April".into(), "1989-04".into())]
        );
    }

    #[test]
    fn the_past_decade_is_a_span_and_the_last_one_a_date() {
        assert_eq!(
            values("Sales grew over the past decade.", "1999-03-12"),
            [("the past decade".into(), "P10Y".into())]
        );
        assert_eq!(
            values("Sales grew in the last decade.", "1999-03-12"),
            [("the last decade".into(), "198".into())]
        );
    }

    #[test]
    fn a_date_written_with_slashes_is_read_month_first() {
        assert_eq!(
            values(
                "The plane was rolled out on 7/8/07 in Everett.",
                "2007-07-09"
            ),
            [("7/8/07".into(), "2007-07-08".into())]
        );
        assert_eq!(
            values("Filed 28/11/2005; amended 11/28/2005.", "2006-01-01"),
            [
                ("28/11/2005".into(), "2005-11-28".into()),
                ("11/28/2005".into(), "2005-11-28".into())
            ]
        );
        // A fraction or a score is no date.
        assert!(values("It rose 1/2 point; they won 3/1.", "2006-01-01").is_empty());
    }

    #[test]
    fn a_number_of_two_words() {
        assert_eq!(
            values("Stocks fell in the last twenty-four hours.", "1998-01-08"),
            [("the last twenty-four hours".into(), "PT24H".into())]
        );
    }

    #[test]
    fn a_day_written_before_its_month() {
        assert_eq!(
            values(
                "The plane made its maiden flight on 11 December.",
                "2009-12-20"
            ),
            [("11 December".into(), "2009-12-11".into())]
        );
        assert_eq!(
            values(
                "Talks resume in mid-November and end by February.",
                "1989-11-02"
            )
            .into_iter()
            .map(|(_, v)| v)
            .collect::<Vec<_>>(),
            ["1989-11", "1990-02"]
        );
    }

    #[test]
    fn may_is_the_month_but_where_a_sentence_asks() {
        assert_eq!(
            values(
                "He will be sentenced May 7. May 5 of them go?",
                "2013-04-20"
            ),
            [("May 7".into(), "2013-05-07".into())]
        );
    }

    #[test]
    fn a_month_alone_but_not_a_name() {
        assert_eq!(
            values("Police reopened the October slaying.", "1998-11-20"),
            [("October".into(), "1998-10".into())]
        );
        assert!(values("June Carter sang.", "1998-11-20").is_empty());
    }

    #[test]
    fn a_weekday_and_its_date_or_a_clock_and_its_day_are_one_expression() {
        assert_eq!(
            values(
                "The paper said on Monday, Oct. 26, that it would.",
                "1998-10-28"
            ),
            [("Monday, Oct. 26".into(), "1998-10-26".into())]
        );
        assert_eq!(
            values("The ransom talks broke off at noon Thursday.", "1998-02-13"),
            [("noon Thursday".into(), "1998-02-12T12:00".into())]
        );
        assert_eq!(
            values(
                "On Monday, the offer expires at 5 p.m. EST Nov. 9.",
                "1989-11-02"
            ),
            [
                ("Monday".into(), "1989-10-30".into()),
                ("5 p.m. EST Nov. 9".into(), "1989-11-09T17:00".into())
            ]
        );
        // A clock time alone is on the day its sentence names; universal time says so.
        assert_eq!(
            values(
                "It flew on Tuesday at 18:00 UTC. It landed at 9 p.m.",
                "2009-12-16"
            ),
            [
                ("Tuesday".into(), "2009-12-15".into()),
                ("18:00 UTC".into(), "2009-12-15T18:00Z".into()),
                ("9 p.m.".into(), "2009-12-16T21:00".into())
            ]
        );
        assert!(values("a still from High Noon", "2009-12-16").is_empty());
        assert_eq!(
            values("Shares fell in the  morning.", "2009-12-16"),
            [("the  morning".into(), "2009-12-16TMO".into())]
        );
        // A clock's own "a.m." ends no sentence.
        assert_eq!(
            values(
                "The blast came at 9 a.m. Police arrived on Friday.",
                "2009-12-16"
            )[0]
            .1,
            "2009-12-11T09:00"
        );
        assert_eq!(
            values("He will leave at four in the morning.", "2000-04-05"),
            [("four in the morning".into(), "2000-04-05T04:00".into())]
        );
    }

    #[test]
    fn that_day_is_told_from_the_last_time_named() {
        let text = "On May 22, 1995, he was made a general. Earlier that day he had resigned, \
                    and the following year he moved to Vienna.";
        assert_eq!(
            values(text, "1998-04-02"),
            [
                ("May 22, 1995".into(), "1995-05-22".into()),
                ("Earlier that day".into(), "1995-05-22".into()),
                ("the following year".into(), "1996".into())
            ]
        );
        // A year is not fine enough for a day.
        assert_eq!(
            values("In 1995 he resigned. That day he left.", "1998-04-02")[1].1,
            "1998-04-02"
        );
        // With nothing named before, from the anchor.
        assert_eq!(
            values("The next morning he left.", "1998-04-02"),
            [("The next morning".into(), "1998-04-03TMO".into())]
        );
    }

    #[test]
    fn holidays_fall_on_their_day() {
        assert_eq!(
            values("He was found on Thanksgiving Day.", "1999-12-10"),
            [("Thanksgiving Day".into(), "1999-11-25".into())]
        );
        assert_eq!(
            values("The shop opened last Easter.", "2025-06-01"),
            [("last Easter".into(), "2025-04-20".into())]
        );
        assert_eq!(
            values("Good Friday services were held.", "2000-04-30"),
            [("Good Friday".into(), "2000-04-21".into())]
        );
        // A place or a season named after a holiday is not its day.
        assert!(
            values(
                "Christmas Island lies south; Christmas sales rose.",
                "2000-01-05"
            )
            .is_empty()
        );
    }

    #[test]
    fn spans_told_as_a_writer_counts_them() {
        let found = values(
            "It is almost two and a half years late after the past few weeks, and \
             eight trading days of losses in the 1988 second quarter and next year's first quarter, \
             as planned by the end of the year. They lived there for 2 1/2 years, stayed \
             5½ hours and left a minute and a half later. Prices fell for three straight \
             weeks and rose for four consecutive months after two full days of talks.",
            "1989-11-02",
        );
        for expected in [
            ("almost two and a half years", "P2.5Y"),
            ("the past few weeks", "PXW"),
            ("eight trading days", "P8D"),
            ("the 1988 second quarter", "1988-Q2"),
            ("next year's first quarter", "1990-Q1"),
            ("the end of the year", "1989"),
            ("2 1/2 years", "P2.5Y"),
            ("5½ hours", "PT5.5H"),
            ("a minute and a half", "PT1.5M"),
            ("three straight weeks", "P3W"),
            ("four consecutive months", "P4M"),
            ("two full days", "P2D"),
        ] {
            assert!(
                found.contains(&(expected.0.into(), expected.1.into())),
                "{expected:?} in {found:?}"
            );
        }
        // One sentence each: every expression it holds, with its value.
        let cases: [(&str, &[(&str, &str)]); 4] = [
            (
                "It lost money in the past two quarters.",
                &[("the past two quarters", "P2Q")],
            ),
            // A decimal number of units is one duration, not its digits after the point.
            (
                "She ran 9.87 seconds; the repair took 2.5 hours and the slump 1.5 decades.",
                &[
                    ("9.87 seconds", "PT9.87S"),
                    ("2.5 hours", "PT2.5H"),
                    ("1.5 decades", "P15Y"),
                ],
            ),
            // Thousands set off by commas are one count; a date before the era is only
            // past.
            (
                "It offers 10,000 hours of shows, a craft of 6,000 years ago.",
                &[
                    ("10,000 hours", "PT10000H"),
                    ("6,000 years ago", "PAST_REF"),
                ],
            ),
            // A year's number before "year" names it; before "years" it counts them.
            (
                "Sales rose for the 2005 year after 3000 years of trade.",
                &[("2005", "2005"), ("3000 years", "P3000Y")],
            ),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(t, v)| (t.to_string(), v.to_string()))
                .collect();
            assert_eq!(values(text, "1989-11-02"), expected, "{text}");
        }
    }

    #[test]
    fn now_before_a_hyphen_is_an_adjective() {
        assert!(values("the now-cancelled deal", "2010-06-15").is_empty());
        assert_eq!(values("It is now over.", "2010-06-15")[0].1, "PRESENT_REF");
    }

    #[test]
    fn last_before_a_length_may_be_the_verb() {
        assert_eq!(
            values("The tour is likely to last a week.", "2025-01-20"),
            [("a week".into(), "P1W".into())]
        );
        assert_eq!(
            values("Prices rose over the last three weeks.", "2025-01-20"),
            [("the last three weeks".into(), "P3W".into())]
        );
    }

    #[test]
    fn ages_are_not_durations() {
        assert!(values("A 44-year-old man and a 3 year old child.", "2025-01-20").is_empty());
    }

    #[test]
    fn without_an_anchor_only_absolute_expressions_are_kept() {
        let text =
            "The storm hit on May 3, 2013, and again on Tuesday, as in the 1990s and last year.";
        let found: Vec<(&str, String)> = find_absolute(text)
            .into_iter()
            .map(|(s, e, n)| (&text[s..e], n.value))
            .collect();
        assert_eq!(
            found,
            [
                ("May 3, 2013", "2013-05-03".to_string()),
                ("the 1990s", "199".to_string())
            ]
        );
    }
}
