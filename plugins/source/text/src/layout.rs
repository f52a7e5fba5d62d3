//! The shape of a copied news page: where articles start, and which lines are
//! headline, caption, stamp, byline, summary bullet, furniture or body.

use dateline_patterns::Pattern;
use regex::Regex;

use dateline_stamps::{Stamp, byline_names, parse_date_line, parse_stamp};

/// How far below a headline a web copy repeats it (the page header sits between).
const HEADER_WINDOW: usize = 16;

/// Lines that belong to the page, not the article: share prompts, social links, ads, teasers.
/// Every pattern the text source compiles: the catalog of compiled automata lists them
/// (`cargo xtask patterns`), so that none is compiled from its text at start.
pub fn patterns() -> [&'static Pattern; 5] {
    [
        &CAPTION_CREDIT,
        &DATELINE,
        &FURNITURE,
        &BULLET,
        &CAPTION_PREFIX,
    ]
}

static FURNITURE: Pattern = Pattern::new(|| {
    let kinds = [
        r"short\s+url|follow|follow\s+us(?:\s+on\s+.{1,30})?|unfollow|share|shares|share\s+this(?:\s+(?:article|story|page|post))?|share\s+(?:on|via)\s+.{1,30}|tweet|email|e-mail|print|copy\s+link|link\s+copied|save|bookmark",
        r"advertisement|advert|sponsored(?:\s+content)?|ad|scroll\s+to\s+continue(?:\s+with\s+content)?|continue\s+reading|read\s+more|read\s+next|read\s+also|also\s+read|see\s+also|more\s+on\s+this\s+story|related|related\s+(?:articles|stories|news|coverage|topics|content)|most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|top\s+stories|editor'?s\s+picks?",
        r"comments?|\d+\s+comments?|show\s+comments|view\s+comments|leave\s+a\s+comment|join\s+the\s+conversation|subscribe(?:\s+now)?|sign\s+up|sign\s+in|log\s+in|register|newsletter|get\s+the\s+newsletter|listen(?:\s+to\s+(?:this\s+)?article)?|\d+\s+min(?:ute)?s?\s+read|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|menu|search|home",
        r"whatsapp|facebook|twitter|x|linkedin|telegram|reddit|pinterest|instagram|youtube|threads|bluesky|messenger|sms",
        r"click\s+here\b.*|image\s+source\s*[,:].*|getty\s+images|\(?photo\s+credit\s*:.*|reporting\s+by\b.*|editing\s+by\b.*|additional\s+reporting\s+by\b.*|copyright\s+©?.*all\s+rights\s+reserved\.?|©\s*\d{4}.*",
    ];
    format!("(?i)^(?:{})$", kinds.join("|"))
});

static BULLET: Pattern = Pattern::new(|| r"^[•●▪◦‣∙·*–-]\s+(?P<item>\S.*)$".into());

static CAPTION_PREFIX: Pattern = Pattern::new(|| {
    r"(?i)^(?:image\s+caption|media\s+caption|caption|photo|picture|file\s+photo)\s*[,:]\s*(?P<text>\S.*)$".into()
});

/// A sentence that ends with a photo credit in brackets: "... on January 20, 2025. (ISPR)".
static CAPTION_CREDIT: Pattern = Pattern::new(|| {
    r"[.!?”\x22]\s*\((?:(?i:photo|file|courtesy|image|pic)[^)]{0,40}|\p{Lu}[\p{L}.&/ -]{1,30}(?:\s*(?:Photo|photo|/)[^)]{0,30})?)\)$".into()
});

static DATELINE: Pattern = Pattern::new(|| {
    r"^(?P<raw>(?P<place>\p{Lu}[\p{Lu}'’.-]*\p{Lu}\.?(?:[ -]\p{Lu}[\p{Lu}'’.-]*\p{Lu}\.?){0,3})(?:,\s*\p{Lu}[\p{L}.]*(?:\s+[\p{L}\d.]+){0,3})?(?:\s*\((?P<agency>[^)]{2,30})\))?\s*(?::|—|–|\s-|\s--))\s+\S".into()
});

/// All-caps openings that are labels, not places.
const NOT_PLACES: &[&str] = &[
    "BREAKING",
    "UPDATE",
    "UPDATED",
    "WATCH",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "EDITORIAL",
    "NOTE",
    "LIVE",
    "VIDEO",
    "PHOTOS",
    "FILE",
    "CORRECTION",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "FACT CHECK",
    "READ",
    "WARNING",
    "ALERT",
    "FLASH",
    "URGENT",
    "COMMENT",
    "REVIEW",
    "INTERVIEW",
    "Q&A",
    "FAQ",
];

/// True for a line of page furniture.
pub fn is_furniture(line: &str) -> bool {
    !line.is_empty() && line.len() <= 200 && FURNITURE.is_match(line)
}

/// The text of a summary bullet ("• Pakistan, Iran have...").
pub fn bullet_item(line: &str) -> Option<&str> {
    BULLET
        .captures(line)
        .map(|c| c.name("item").expect("group").as_str())
}

/// The caption text of a line that is a photo caption in the body.
pub fn caption_text(line: &str) -> Option<&str> {
    if let Some(caps) = CAPTION_PREFIX.captures(line) {
        return Some(caps.name("text").expect("group").as_str());
    }
    (line.len() <= 600 && line.ends_with(')') && CAPTION_CREDIT.is_match(line)).then_some(line)
}

/// The dateline opening a paragraph: `(place, raw)`, e.g. `("ISLAMABAD", "ISLAMABAD:")`.
pub fn dateline(paragraph: &str) -> Option<(String, String)> {
    let caps = DATELINE.captures(paragraph)?;
    let place = caps["place"].trim_end_matches('.');
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 || NOT_PLACES.contains(&place) {
        return None;
    }
    Some((place.to_string(), caps["raw"].trim().to_string()))
}

/// Where a web copy's header ends: for a headline at `i` that the page repeats at `j`
/// with a stamp or furniture between (the signature of a copied news page), `Some(j)`.
///
/// `lines` must be trimmed.
pub fn repeated_headline(lines: &[&str], i: usize) -> Option<usize> {
    let headline = lines[i];
    // Cheap tests first: this runs for every line of every input.
    if headline.len() < 10 || headline.len() > 1600 {
        return None;
    }
    let last = (i + HEADER_WINDOW).min(lines.len().saturating_sub(1));
    let repeat = (i + 2..=last).find(|&j| lines[j] == headline)?;
    let length = headline.chars().count();
    if !(10..=400).contains(&length) || is_furniture(headline) || parse_stamp(headline).is_some() {
        return None;
    }
    lines[i + 1..repeat]
        .iter()
        .any(|line| is_furniture(line) || parse_stamp(line).is_some())
        .then_some(repeat)
}

/// The line ranges `[start, end)` of the articles in a file's lines.
///
/// An article starts at every copied page header (see [`repeated_headline`]) and
/// after every line matching `separator`; the separator line itself belongs to no
/// article. Ranges with nothing but blank lines and page furniture ("Skip to main
/// content", "Menu") are left out.
pub fn split_articles(lines: &[&str], separator: Option<&Regex>) -> Vec<(usize, usize)> {
    let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of previous, start of next)
    let mut i = 0;
    while i < lines.len() {
        if separator.is_some_and(|re| re.is_match(lines[i])) {
            cuts.push((i, i + 1));
            i += 1;
        } else if let Some(j) = repeated_headline(&trimmed, i) {
            cuts.push((i, i));
            i = j + 1;
        } else {
            i += 1;
        }
    }
    cuts.push((lines.len(), lines.len()));
    let mut ranges = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        if trimmed[start..end]
            .iter()
            .any(|l| !l.is_empty() && !is_furniture(l))
        {
            ranges.push((start, end));
        }
        start = next;
    }
    ranges
}

/// One article's lines, sorted into the record's fields.
#[derive(Debug, Default, Clone)]
pub struct Article {
    /// The headline.
    pub headline: Option<String>,
    /// Summary bullets.
    pub summary: Vec<String>,
    /// Photo captions.
    pub captions: Vec<String>,
    /// Bylined authors.
    pub authors: Vec<String>,
    /// Time stamps found in the page.
    pub stamps: Vec<Stamp>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
}

/// Sorts an article's lines into fields.
pub fn read_article(lines: &[&str]) -> Article {
    let lines: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
    let lines = &lines[..];
    let mut article = Article::default();
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return article;
    };
    let body_start;
    if let Some(repeat) = repeated_headline(lines, first) {
        article.headline = Some(lines[first].trim().to_string());
        for line in &lines[first + 1..repeat] {
            let line = line.trim();
            if line.is_empty()
                || is_furniture(line)
                || article.take_stamp_or_byline(line)
                || article.take_date_line(line)
            {
                continue;
            }
            article
                .captions
                .push(caption_text(line).unwrap_or(line).to_string());
        }
        body_start = repeat + 1;
    } else {
        // A date set over the headline ("September 15, 2008" then the headline).
        let mut first = first;
        while article.take_date_line(lines[first]) {
            match lines[first + 1..].iter().position(|l| !l.is_empty()) {
                Some(next) => first += 1 + next,
                None => return article,
            }
        }
        let headline = lines[first].chars().count() <= 300 && !is_furniture(lines[first]);
        if headline {
            article.headline = Some(lines[first].to_string());
        }
        body_start = first + usize::from(headline);
    }

    let mut in_preamble = true;
    let mut block: Vec<&str> = Vec::new();
    for line in &lines[body_start..] {
        let line = line.trim();
        if line.is_empty() {
            article.push_block(&mut block);
            continue;
        }
        if is_furniture(line)
            || article.headline.as_deref() == Some(line)
            || article.take_stamp_or_byline(line)
        {
            continue;
        }
        if in_preamble {
            // A date under the headline, before the text begins, is when it was published.
            if article.take_date_line(line) {
                continue;
            }
            if let Some(item) = bullet_item(line) {
                article.summary.push(item.trim().to_string());
                continue;
            }
            in_preamble = false;
        }
        if let Some(caption) = caption_text(line) {
            article.push_block(&mut block);
            article.captions.push(caption.to_string());
            continue;
        }
        block.push(line);
    }
    article.push_block(&mut block);
    article
}

impl Article {
    fn take_stamp_or_byline(&mut self, line: &str) -> bool {
        if let Some(stamp) = parse_stamp(line) {
            self.stamps.push(stamp);
            return true;
        }
        if let Some(names) = byline_names(line) {
            for name in names {
                if !self.authors.contains(&name) {
                    self.authors.push(name);
                }
            }
            return true;
        }
        false
    }

    /// Takes a line that is a date and nothing else as the day the article was published
    /// (see [`parse_date_line`]).
    fn take_date_line(&mut self, line: &str) -> bool {
        let Some(stamp) = parse_date_line(line) else {
            return false;
        };
        self.stamps.push(stamp);
        true
    }

    /// Turns a block of consecutive lines into paragraphs: joined when the block is
    /// hard-wrapped prose, one paragraph per line otherwise.
    fn push_block(&mut self, block: &mut Vec<&str>) {
        if block.is_empty() {
            return;
        }
        if is_hard_wrapped(block) {
            self.paragraphs.push(block.join(" "));
        } else {
            self.paragraphs.extend(block.iter().map(|l| l.to_string()));
        }
        block.clear();
    }
}

/// A block wrapped at a fixed width: every line but the last of similar, modest length.
fn is_hard_wrapped(block: &[&str]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let lengths: Vec<usize> = block.iter().map(|l| l.chars().count()).collect();
    let max = *lengths.iter().max().expect("non-empty");
    let body = &lengths[..lengths.len() - 1];
    let wrapped = body.iter().filter(|&&n| (30..=100).contains(&n)).count();
    max <= 100 && wrapped * 3 >= body.len() * 2 && block.iter().all(|l| bullet_item(l).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The layout's patterns find alike narrowly and widely on Latin text (the classes are
    /// proved alike in `dateline_patterns`; this checks the patterns as written).
    #[test]
    fn every_pattern_is_listed_and_cataloged() {
        let declared = dateline_patterns::declared_statics(include_str!("layout.rs"));
        dateline_patterns::check_cataloged(&patterns(), Some(declared))
            .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn narrow_and_wide_layout_patterns_find_alike() {
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
            "–",
            "-",
            "--",
            "Reuters",
            "KISUMU",
            "DAR",
            "ES",
            "SALAAM",
            "RIO",
            "DE",
            "JANEIRO",
            "(AP)",
            ":",
            "Kenya",
            "2025",
            ".",
            "”",
            "\"",
            "(ISPR)",
            "(Photo",
            "Getty)",
            "(Courtesy",
            "AFP/File)",
            "on",
            "said",
            "the",
            "ÉCOLE",
            "Ñ",
            "•",
            "Share",
            "©",
            "caption:",
            "Image",
        ];
        let agreed = dateline_patterns::compare_compilations(&patterns(), &words, 10_000, 5)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(agreed > 200, "only {agreed} matches compared");
    }

    #[test]
    fn a_date_line_over_the_text_is_when_it_was_published() {
        let published = |article: &Article| {
            article
                .stamps
                .iter()
                .map(|s| match &s.when {
                    dateline_stamps::When::Absolute(v) => v.clone(),
                    dateline_stamps::When::Ago(_) => String::new(),
                })
                .collect::<Vec<_>>()
        };
        let under = read_article(&[
            "Stocks plunge as bank fails",
            "",
            "Monday, September 15, 2008",
            "",
            "Shares fell on Monday.",
            "",
            "September 16, 2008",
        ]);
        assert_eq!(
            under.headline.as_deref(),
            Some("Stocks plunge as bank fails")
        );
        assert_eq!(published(&under), ["2008-09-15"]);
        // A date after the text has begun is the text's own.
        assert_eq!(
            under.paragraphs,
            ["Shares fell on Monday.", "September 16, 2008"]
        );

        let over = read_article(&["15 September 2008", "Stocks plunge", "Shares fell."]);
        assert_eq!(over.headline.as_deref(), Some("Stocks plunge"));
        assert_eq!(published(&over), ["2008-09-15"]);
        assert_eq!(over.paragraphs, ["Shares fell."]);

        let alone = read_article(&["15 September 2008"]);
        assert_eq!(alone.headline, None);
        assert_eq!(published(&alone), ["2008-09-15"]);
    }

    #[test]
    fn furniture_is_recognized_and_prose_is_not() {
        for line in [
            "Short Url",
            "Follow",
            "Share this article",
            "ADVERTISEMENT",
            "Read more",
            "3 min read",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Follow the money, he said.",
            "Share prices fell 3% on Monday.",
            "Related parties met.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn datelines_in_agency_styles() {
        assert_eq!(
            dateline("ISLAMABAD: Maj. Gen. Bagheri met..."),
            Some(("ISLAMABAD".into(), "ISLAMABAD:".into()))
        );
        assert_eq!(
            dateline("NEW DELHI, Jan 5 (Reuters) - India said"),
            Some(("NEW DELHI".into(), "NEW DELHI, Jan 5 (Reuters) -".into()))
        );
        assert_eq!(
            dateline("LONDON — The pound fell"),
            Some(("LONDON".into(), "LONDON —".into()))
        );
        assert_eq!(dateline("BREAKING: Markets fall"), None);
        assert_eq!(dateline("US officials said: nothing"), None);
        assert_eq!(dateline("The PID said"), None);
    }

    #[test]
    fn hard_wrapped_blocks_join_and_long_lines_do_not() {
        let wrapped = [
            "The central bank raised its key rate by a quarter point on",
            "Tuesday, its third increase this year, citing stubborn",
            "inflation.",
        ];
        assert!(is_hard_wrapped(&wrapped));
        let long = "A long paragraph line that runs on and on well past any terminal width, as copied web text does when each paragraph is one line.";
        assert!(!is_hard_wrapped(&[long, long]));
    }
}
