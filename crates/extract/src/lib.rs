//! # dateline-extract
//!
//! Reading a news article out of a saved page: the character set is settled first
//! ([`charset`]), pages nested past [`nesting::MAX_DEPTH`] are flattened, the main text and
//! the page's metadata (title, authors, date, description, language, site name, tags) come
//! from `rs-trafilatura`, chosen as the extraction core on its score on the trafilatura
//! evaluation set (`cargo xtask eval html`), with the page's own statements about itself
//! ([`metadata`]) trusted first, a density extractor ([`density`]) as the fallback where
//! the core finds next to nothing or under a quarter of what the fallback finds, and the
//! core's paragraphs at either end kept only when another extractor (dom_smoothie or the
//! density one) or their prose vouches for them.
//!
//! The `html`, `warc` and `jsonl` sources all extract through [`extract`].

#![warn(missing_docs)]

pub mod charset;
pub mod density;
pub mod layout;
pub mod metadata;
pub mod nesting;

use dateline_core::text::strip_controls_owned;
use dateline_core::{Document, PluginError};

/// The name extraction goes by in records: the key of its extras and the plugin its
/// warnings name, whichever source extracted the page (the `html` source's name).
pub const NAME: &str = "html";

/// What a page gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Headline.
    pub title: Option<String>,
    /// Main text paragraphs.
    pub paragraphs: Vec<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication time, ISO 8601, as precise as the page says.
    pub published: Option<String>,
    /// Last modification time, ISO 8601.
    pub modified: Option<String>,
    /// Description or standfirst.
    pub description: Option<String>,
    /// ISO 639-1 language.
    pub language: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Site name, categories, tags: what the schema has no field for.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Photo captions, kept out of the body.
    pub captions: Vec<String>,
    /// Charset repairs.
    pub warning: Option<String>,
}

impl Extracted {
    /// Fills a record with what was extracted.
    pub fn fill(self, doc: &mut Document, plugin: &str) {
        let clean = strip_controls_owned;
        let clean_all = |texts: Vec<String>| texts.into_iter().map(clean).collect::<Vec<_>>();
        doc.headline = self.title.map(clean);
        doc.set_body(clean_all(self.paragraphs));
        doc.authors = clean_all(self.authors);
        doc.caption = clean_all(self.captions);
        doc.published = self.published;
        doc.updated = self.modified;
        doc.summary = self.description.into_iter().map(clean).collect();
        doc.language = self.language;
        if doc.url.is_none() {
            doc.url = self.url;
        }
        if !self.extra.is_empty() {
            doc.extra
                .insert(plugin.to_string(), serde_json::Value::Object(self.extra));
        }
        if let Some(warning) = self.warning {
            doc.warn(plugin, warning);
        }
    }
}

/// The extraction core's text alone (rs-trafilatura on the decoded page), one line per
/// paragraph, without Dateline's caption filter or fallback: what `cargo xtask eval
/// html-cores` weighs against the other cores.
pub fn core_text(bytes: &[u8], url: Option<&str>) -> String {
    let decoded = charset::decode(bytes, None);
    let (text, _) = nesting::flatten(&decoded.text, nesting::MAX_DEPTH);
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    rs_trafilatura::extract_with_options(&text, &options)
        .map(|r| r.content_text)
        .unwrap_or_default()
}

/// The core's paragraphs without those at either end that no other extractor keeps:
/// page furniture (share bars, tag lists, "related stories", comments) gathers before and
/// after the article, and what lies between is the article's. Another extractor is
/// dom_smoothie (a port of readability.js) or Dateline's density extractor; when their
/// agreement would leave less than half the text, the core's paragraphs stand.
/// `own` is the density extractor's text when it was read already.
fn confirmed_edges(
    paragraphs: Vec<String>,
    html: &str,
    url: Option<&str>,
    own: Option<Vec<String>>,
    options: Options,
) -> Vec<String> {
    let readability = dom_smoothie::Readability::new(html, url, None)
        .ok()
        .and_then(|mut r| r.parse().ok())
        .map_or(String::new(), |a| a.text_content.to_string());
    let own = own.unwrap_or_else(|| density::main_text(html));
    let others = format!("{readability}\n{}", own.join("\n"));
    let held = held_in(&paragraphs, &others);
    if options.take_agreed_text && takes_agreed_text(&paragraphs, &held, &own, &readability) {
        // The core read something else than the article both others agree on (on pages
        // of the 2000s and 2010s, a comments section, lists of links, share bars):
        // theirs is the article.
        return own;
    }
    keep_confirmed_edges(paragraphs, &held, options.drop_unconfirmed_lines)
}

/// Which of `paragraphs` `text` holds (its spacing aside).
fn held_in(paragraphs: &[String], text: &str) -> Vec<bool> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    paragraphs
        .iter()
        .map(|p| text.contains(p.as_str()))
        .collect()
}

/// How many bytes of `paragraphs` are held (`held`, as [`held_in`] gives it), and how
/// many there are.
fn bytes_held(paragraphs: &[String], held: &[bool]) -> (usize, usize) {
    let total = paragraphs.iter().map(String::len).sum();
    let kept = paragraphs
        .iter()
        .zip(held)
        .filter(|(_, held)| **held)
        .map(|(p, _)| p.len())
        .sum();
    (kept, total)
}

/// Whether the density extractor's text (`own`) replaces the core's `paragraphs`: under a
/// third of the core's text is confirmed by the other extractors (`held`, as [`held_in`]
/// gives it; a third, not a half: the core often keeps more of an article than they do,
/// measured on trafilatura-eval), and readability agrees with it.
fn takes_agreed_text(
    paragraphs: &[String],
    held: &[bool],
    own: &[String],
    readability: &str,
) -> bool {
    let (kept, total) = bytes_held(paragraphs, held);
    kept * 3 < total && agrees(own, readability)
}

/// Whether the density extractor's text is an article readability reads too: at least
/// [`AGREED_BYTES`], 95% of it in paragraphs readability's text holds, half of it in
/// sentences.
fn agrees(own: &[String], readability: &str) -> bool {
    let (held, total) = bytes_held(own, &held_in(own, readability));
    // An article is mostly sentences: a table both read (a list of members and their
    // addresses) is no article, however much of it they share.
    let sentences: usize = own
        .iter()
        .filter(|p| ends_like_a_sentence(p))
        .map(String::len)
        .sum();
    total >= AGREED_BYTES && held * 20 >= total * 19 && sentences * 2 >= total
}

/// Whether a paragraph ends as a sentence does (or a quotation, or a lead-in to a list).
fn ends_like_a_sentence(paragraph: &str) -> bool {
    paragraph
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', ':'])
}

/// The least text two extractors must agree on to be taken over the core's.
const AGREED_BYTES: usize = 500;

/// The rule of [`confirmed_edges`], given which paragraphs the other extractors hold
/// (`held`, as [`held_in`] gives it); with `drop_unconfirmed_lines`, short lines between
/// the edges that no other extractor keeps and that are no sentence go too.
fn keep_confirmed_edges(
    paragraphs: Vec<String>,
    held: &[bool],
    drop_unconfirmed_lines: bool,
) -> Vec<String> {
    let (Some(first), Some(last)) = (held.iter().position(|h| *h), held.iter().rposition(|h| *h))
    else {
        return paragraphs;
    };
    // Prose next to the confirmed paragraphs is the article's too (a standfirst or a
    // closing line readers often leave out): a sentence of a dozen words or more.
    let prose = |p: &String| p.split_whitespace().count() >= 12 && ends_like_a_sentence(p);
    let mut first = first;
    while first > 0 && prose(&paragraphs[first - 1]) {
        first -= 1;
    }
    let mut last = last;
    while last + 1 < paragraphs.len() && prose(&paragraphs[last + 1]) {
        last += 1;
    }
    let total: usize = paragraphs.iter().map(String::len).sum();
    let kept: usize = paragraphs[first..=last].iter().map(String::len).sum();
    if kept * 2 < total {
        return paragraphs;
    }
    paragraphs[first..=last]
        .iter()
        .zip(&held[first..=last])
        .filter(|(p, held)| {
            !drop_unconfirmed_lines
                || **held
                || p.split_whitespace().count() >= UNCONFIRMED_LINE_WORDS
                || ends_like_a_sentence(p)
        })
        .map(|(p, _)| p.clone())
        .collect()
}

/// Lines inside the article this short (in words), no sentence and kept by neither other
/// extractor, are no part of it: user names and dates of a forum, "Print", "Remove Ads",
/// a company listed in a sidebar. Chosen on trafilatura-eval among 4 to 12 (precision
/// rises and recall falls with it; F1 is highest from 4 to 8).
const UNCONFIRMED_LINE_WORDS: usize = 6;

/// What extraction does besides the core: each addition can be turned off to measure
/// it (`cargo xtask eval html-cores`).
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Drop the paragraphs at either end of the core's text that neither dom_smoothie
    /// nor the density extractor keeps (see `confirmed_edges`).
    pub confirm_edges: bool,
    /// Drop the short lines that are no sentence above the first paragraph and below
    /// the last (see `is_furniture`).
    pub drop_furniture: bool,
    /// Drop the lines that point to another article, wherever they stand ("Read more:
    /// ...", "Lea también: ...", "Weitere Artikel"; see `is_read_also`).
    pub drop_read_also: bool,
    /// Drop a comments section under the article (from its heading on; see
    /// `drop_comments`) and advertisement labels between paragraphs ("Advertisement",
    /// "Story continues below"; see `is_ad_label`).
    pub drop_comments_and_ads: bool,
    /// Read a page laid out in tables with `<div>`s for its layout tables
    /// ([`layout::modernize`]).
    pub modernize_layout: bool,
    /// With `confirm_edges`: where under a third of the core's text is confirmed and the
    /// density extractor's text is one readability reads too, take that text instead
    /// (the core read a comments section or lists of links; see `confirmed_edges`).
    pub take_agreed_text: bool,
    /// With `confirm_edges`: drop the short lines between the edges that are no sentence
    /// and that neither other extractor keeps (see `UNCONFIRMED_LINE_WORDS`).
    pub drop_unconfirmed_lines: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            confirm_edges: true,
            drop_furniture: true,
            drop_read_also: true,
            drop_comments_and_ads: true,
            modernize_layout: true,
            take_agreed_text: true,
            drop_unconfirmed_lines: true,
        }
    }
}

/// Extracts a page: `http_content_type` is the HTTP `Content-Type` when known, `url` the
/// page's address when known (it helps resolve relative links and the site).
pub fn extract(
    bytes: &[u8],
    http_content_type: Option<&str>,
    url: Option<&str>,
) -> Result<Extracted, PluginError> {
    extract_with(bytes, http_content_type, url, Options::default())
}

/// [`extract`] with some of its additions turned off.
pub fn extract_with(
    bytes: &[u8],
    http_content_type: Option<&str>,
    url: Option<&str>,
    options: Options,
) -> Result<Extracted, PluginError> {
    let charset_declared = http_content_type.and_then(charset::header_charset);
    let mut decoded = charset::decode(bytes, charset_declared.as_deref());
    let (flat, depth) = nesting::flatten(&decoded.text, nesting::MAX_DEPTH);
    if let std::borrow::Cow::Owned(flat) = flat {
        let note = format!(
            "the page nests elements {depth} deep; the tags past {} were dropped, their text kept",
            nesting::MAX_DEPTH
        );
        decoded.warning = Some(match decoded.warning.take() {
            Some(earlier) => format!("{earlier}; {note}"),
            None => note,
        });
        decoded.text = flat;
    }
    let declared = metadata::read(&decoded.text, url);
    if options.modernize_layout
        && let Some(modern) = layout::modernize(&decoded.text)
    {
        decoded.text = modern;
    }
    let core_options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let result = rs_trafilatura::extract_with_options(&decoded.text, &core_options)
        .map_err(|e| PluginError::new(format!("no article found in the page: {e}")))?;
    let meta = result.metadata;
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    // Captions go to `caption`, never into the body.
    let mut paragraphs: Vec<String> = result
        .content_text
        .split('\n')
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty() && !declared.captions.contains(line))
        .collect();
    // Where the core finds (next to) nothing, or a small part of what Dateline's own
    // extractor finds (a page wrapped in an element named like furniture, which the core
    // drops whole), the own extractor's text is the article's (measured by `cargo xtask
    // eval html-cores`).
    let core_len: usize = paragraphs.iter().map(String::len).sum();
    let own: Option<Vec<String>> = (core_len < 1000).then(|| {
        density::main_text(&decoded.text)
            .into_iter()
            .filter(|line| !declared.captions.contains(line))
            .collect()
    });
    let own_len = own
        .as_ref()
        .map_or(0, |own| own.iter().map(String::len).sum());
    if core_len < 200 || own_len > 4 * core_len {
        if let Some(own) = own.filter(|_| own_len > core_len) {
            paragraphs = own;
        }
    } else if options.confirm_edges {
        paragraphs = confirmed_edges(paragraphs, &decoded.text, url, own, options);
    }
    if options.drop_comments_and_ads {
        drop_comments(&mut paragraphs);
        drop_ad_labels(&mut paragraphs);
    }
    if options.drop_read_also {
        drop_read_also(&mut paragraphs);
    }
    if options.drop_furniture {
        drop_furniture_around(&mut paragraphs);
    }
    let core_authors: Vec<String> = clean(meta.author)
        .map(|a| {
            a.split(';')
                .map(|name| name.trim().to_string())
                .filter(|name| !name.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // The extraction core's byline first, unless the page names more people, the core's
    // among them ("Kevin Sack" of four in the page's microdata).
    let authors = if metadata::names_more(&declared.authors, &core_authors) {
        declared.authors
    } else {
        core_authors
    };
    // A page that names no writer in its markup may in a byline line of its text.
    let authors = if authors.is_empty() {
        declared.bylined
    } else {
        authors
    };
    let mut authors: Vec<String> = authors
        .iter()
        .flat_map(|a| dateline_stamps::author_names(a))
        .collect();
    let mut seen = std::collections::HashSet::new();
    authors.retain(|a| seen.insert(a.clone()));
    let guessed = meta.date.map(|date| {
        let iso = date.to_rfc3339_opts(chrono_seconds(), true);
        // Pages that give only a day come back at midnight: keep the day.
        match iso.strip_suffix("T00:00:00Z") {
            Some(day) => day.to_string(),
            None => iso,
        }
    });
    // The page's own statements first, then the extraction core's guess, then <time> and
    // the URL, then a stamp line in the page's text or an element named for a date.
    let published = declared
        .published
        .or(guessed)
        .or(declared.time_element)
        .or(declared.stamped);

    let mut extra = serde_json::Map::new();
    if let Some(section) = declared.section {
        extra.insert("section".into(), section.into());
    }
    let site = clean(meta.sitename);
    if let Some(site) = &site {
        extra.insert("sitename".into(), site.clone().into());
    }
    if !meta.categories.is_empty() {
        extra.insert("categories".into(), meta.categories.into());
    }
    let mut tags = declared.tags;
    for tag in meta.tags {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if !tags.is_empty() {
        extra.insert("tags".into(), tags.into());
    }
    Ok(Extracted {
        // Measured on trafilatura-eval and goose3: the core's title matches the page's
        // headline more often than JSON-LD/OpenGraph headlines do; for dates the page's
        // own statements win.
        title: title_of(
            clean(meta.title),
            declared.headline,
            site,
            declared.canonical.as_deref().or(url),
        ),
        paragraphs,
        authors,
        published,
        modified: declared.modified,
        description: declared.description.or(clean(meta.description)),
        language: clean(meta.language)
            .map(|l| l.chars().take(2).collect::<String>().to_ascii_lowercase()),
        url: declared
            .canonical
            .or(clean(meta.url))
            .or_else(|| url.map(str::to_string)),
        extra,
        captions: declared.captions,
        warning: decoded.warning,
    })
}

/// Whether a line is what pages set around an article's text rather than a paragraph
/// of it: a kicker ("Analyse"), a place or a date stamp ("Madrid", "27 OCT 2012 - 12:14
/// CET"), breadcrumbs ("News > Business"), a credit ("Illustration by Mike Nudelman"), a
/// button ("What's this?", "Share this:"). Such a line is short and no sentence; or it
/// is a bar of links or a list of tags.
fn is_furniture(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let sentence = line
        .trim_end_matches(['"', '”', '’', '\'', '»', ')'])
        .ends_with(['.', '!', '。', '！']);
    words <= 6 && line.chars().count() <= 50 && !sentence || is_link_bar(line) || is_tag_list(line)
}

/// Whether a line is a list of the page's tags or topics ("Bobby Dwyer, Boomer & Carton,
/// Kelly Malloy", "Politics, Economy, Middle East"): three items or more set apart by
/// commas, each of four words or fewer, every word capitalized (or "&"), and no sentence.
fn is_tag_list(line: &str) -> bool {
    let items: Vec<&str> = line.trim().split(", ").collect();
    items.len() >= 3
        && items.iter().all(|item| {
            let words: Vec<&str> = item.split_whitespace().collect();
            (1..=4).contains(&words.len())
                && words
                    .iter()
                    .all(|w| *w == "&" || w.chars().next().is_some_and(char::is_uppercase))
                && !item.ends_with(['.', '!', '?', ':'])
        })
}

/// Whether a line is a bar of links set apart by bars ("Post a comment | Email this
/// story | Print this story"): three items or more, none over four words.
fn is_link_bar(line: &str) -> bool {
    let items: Vec<&str> = line.split(" | ").collect();
    items.len() >= 3
        && items
            .iter()
            .all(|item| (1..=4).contains(&item.split_whitespace().count()))
}

/// Labels pages set between an article's paragraphs where an advertisement or a
/// player goes, lower-cased ("Advertisement", "Story continues below").
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advertising",
    "sponsored",
    "story continues below",
    "article continues below",
    "story continues below advertisement",
    "continue reading below",
    "continue reading the main story",
    "scroll to continue with content",
    "anzeige",
    "werbung",
    "publicité",
    "publicidad",
    "pubblicità",
    "reklama",
];

/// Whether a line is one of the [`AD_LABELS`], alone.
fn is_ad_label(line: &str) -> bool {
    let lower = line.trim().trim_end_matches([':', '.']).to_lowercase();
    AD_LABELS.contains(&lower.as_str())
}

/// Drops the [`AD_LABELS`] lines, unless nothing else would remain.
fn drop_ad_labels(paragraphs: &mut Vec<String>) {
    let keep: Vec<bool> = paragraphs.iter().map(|p| !is_ad_label(p)).collect();
    if keep.contains(&true) {
        let mut keep = keep.into_iter();
        paragraphs.retain(|_| keep.next().unwrap_or(true));
    }
}

/// Headings of a comments section under an article ("Reader comments", "12 Comments",
/// "Leave a comment"), lower-cased, without counts.
const COMMENT_HEADINGS: &[&str] = &[
    "comments",
    "comment",
    "reader comments",
    "readers' comments",
    "reader's comments",
    "readers comments",
    "user comments",
    "your comments",
    "post a comment",
    "leave a comment",
    "add a comment",
    "add your comment",
    "comment on this story",
    "comment on this article",
    "discuss this story",
    "discuss this article",
    "have your say",
    "responses",
    "replies",
    "comments displayed",
    "report comment",
    "join the discussion",
    "join the conversation",
    "post your comment",
    "add your comments",
    "view comments",
    "view all comments",
    "show comments",
    "commentaires",
    "commentaire",
    "réactions",
    "réagir à cet article",
    "réagissez",
    "kommentare",
    "leserkommentare",
    "comentarios",
    "commenti",
    "komentarze",
    "reacties",
];

/// Whether a line heads a comments section: one of [`COMMENT_HEADINGS`], with or without
/// a count ("Comments (12)", "3 comments") and a colon.
fn is_comment_heading(line: &str) -> bool {
    let lower = line.to_lowercase();
    let bare = lower
        .trim_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "():[]".contains(c));
    COMMENT_HEADINGS.contains(&bare)
}

/// Whether a line is a dated copyright notice ("© 2011 CNBC.com", "Copyright 2008 The
/// Associated Press. All rights reserved."): what closes a page's story, not a part of
/// it.
fn is_dated_copyright(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let notice =
        lower.starts_with('©') || lower.starts_with("copyright") || lower.starts_with("(c) ");
    notice
        && lower.split_whitespace().count() <= 40
        && lower
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
}

/// Drops what follows the article's end, past its first half, to the end of the text: a
/// comments section (from the line that heads it) or what a dated copyright line closes
/// (teasers of other stories, the comment form). Readers' comments are set in the
/// article's container on pages of the 2000s, where no class name tells them apart.
fn drop_comments(paragraphs: &mut Vec<String>) {
    let half = paragraphs.len() / 2;
    if let Some(at) = paragraphs
        .iter()
        .enumerate()
        .skip(half.max(1))
        .find(|(_, p)| is_comment_heading(p) || is_dated_copyright(p))
        .map(|(i, _)| i)
    {
        paragraphs.truncate(at);
    }
}

/// Labels that head a link to another article, in the languages news pages are written
/// in: a line that is one of them, or one of them, a colon and a title.
const READ_ALSO: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read",
    "see also",
    "related",
    "related stories",
    "related articles",
    "related news",
    "related content",
    "more on this story",
    "recommended",
    "you may also like",
    "you might also like",
    "lea también",
    "lea más",
    "lea",
    "lee también",
    "lee más",
    "vea también",
    "vea",
    "mira",
    "mire",
    "le puede interesar",
    "te puede interesar",
    "también te puede interesar",
    "lesen sie auch",
    "auch lesen",
    "weitere artikel",
    "weitere artikel zum thema",
    "weitere themen",
    "auch interessant",
    "das könnte sie auch interessieren",
    "zurück zur liste",
    "lire aussi",
    "à lire aussi",
    "voir aussi",
    "leia também",
    "leia mais",
    "leggi anche",
    "veja também",
    "zobacz także",
    "zobacz też",
    "dans la même rubrique",
    "sur le même sujet",
    "schon gelesen?",
    "empfohlene beiträge",
    "empfohlene artikel",
    "neueste artikel",
    "previous article",
    "next article",
    "most popular",
    "most read",
    "most viewed",
    "most commented",
    "most emailed",
    "most shared",
    "top stories",
    "latest news",
    "latest stories",
    "popular stories",
    "trending now",
    "editor's picks",
    "around the web",
    "from around the web",
    "sponsored stories",
    "promoted stories",
    "you may have missed",
    "d'autres ont aimé",
    "les plus lus",
    "meistgelesen",
    "lo más leído",
    "más leídas",
    "i più letti",
];

/// Openings of a label that names where more stories are ("More in Gadgets", "Also on
/// AOL Tech", "More from Bing and MSN Lifestyle"), lower-cased.
const MORE_STORIES: &[&str] = &[
    "more from ",
    "more in ",
    "more on ",
    "also on ",
    "more stories",
    "more news",
];

/// The page's title: the extraction core's, unless it is only the site's name (the
/// page's banner), or the page's own headline (OpenGraph, JSON-LD) is that title with
/// more of it after ": " or a dash, or before them, and the rest is not the site's name: the core cuts a title at such marks, taking the part it
/// keeps for the headline and the rest for the site ("Saftiger Zitronenkuchen vom Blech:
/// einfach köstlich!"). A title that still holds a character reference was escaped twice
/// ("d&#039;actions") and is read once more.
fn title_of(
    core: Option<String>,
    declared: Option<String>,
    site: Option<String>,
    url: Option<&str>,
) -> Option<String> {
    let Some(core) = core else {
        return declared;
    };
    let core = metadata::unescape(&core);
    let Some(declared) = declared else {
        return Some(core);
    };
    // The site by its name or its address ("La Stampa" of lastampa.it), letters only.
    let letters = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let host = url
        .and_then(|u| u.split("://").nth(1))
        .and_then(|u| u.split(['/', ':', '?', '#']).next())
        .map(|host| {
            let host = host.strip_prefix("www.").unwrap_or(host);
            letters(host.rsplit_once('.').map_or(host, |(name, _)| name))
        });
    let sites: Vec<String> = [site.as_deref().map(letters), host]
        .into_iter()
        .flatten()
        .filter(|site| !site.is_empty())
        .collect();
    // A core title that is only the site's name took the page's banner for its
    // headline: the page's declared headline names the article.
    let is_site = |text: &str| sites.iter().any(|site| *site == letters(text));
    if is_site(&core) && !is_site(&declared) {
        return Some(declared);
    }
    let rest = declared
        .strip_prefix(core.as_str())
        .or_else(|| declared.strip_suffix(core.as_str()));
    let Some(rest) = rest.filter(|r| !r.is_empty()) else {
        return Some(core);
    };
    let rest_words =
        rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '—' | '|'));
    let separated = [": ", " – ", " - ", " — "]
        .iter()
        .any(|sep| rest.starts_with(sep) || rest.ends_with(sep));
    let rest_letters = letters(rest_words);
    let names_site = !rest_letters.is_empty()
        && sites
            .iter()
            .any(|site| site.contains(&rest_letters) || rest_letters.contains(site.as_str()));
    if separated && !names_site && !rest.contains('|') {
        Some(declared)
    } else {
        Some(core)
    }
}

/// Labels of a link to a picture gallery, a video or a recording, when a title follows
/// ("PHOTOS: Earthquake Shakes the Northeastern U.S."), lower-cased.
const MEDIA_LABELS: &[&str] = &[
    "photos",
    "photo",
    "pictures",
    "gallery",
    "photo gallery",
    "slideshow",
    "video",
    "videos",
    "watch",
    "listen",
    "audio",
];

/// Whether a line points to another article rather than belonging to this one: a label
/// of [`READ_ALSO`] alone ("Weitere Artikel", "Related stories:"), or a label, a colon
/// and a headline ("Read more: Looted colonial art", "Lea también: ...").
fn is_read_also(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let bare = lower.trim_end_matches([':', '!', '…', '.', ' ']);
    if READ_ALSO.contains(&bare) {
        return true;
    }
    if MORE_STORIES.iter().any(|opening| bare.starts_with(opening))
        && bare.split_whitespace().count() <= 8
        && is_listed_headline(line)
    {
        return true;
    }
    let Some((label, rest)) = lower.split_once(':') else {
        return false;
    };
    let label = label.trim();
    (READ_ALSO.contains(&label) || MEDIA_LABELS.contains(&label))
        && !rest.trim().is_empty()
        && rest.split_whitespace().count() <= 25
}

/// Drops the lines that point to other articles ([`is_read_also`]), and the headlines
/// listed under a label that stands alone ("Weitere Artikel" and the titles below it:
/// short lines that are no sentence); leaves the text as it is when nothing else would
/// remain.
fn drop_read_also(paragraphs: &mut Vec<String>) {
    let mut keep = vec![true; paragraphs.len()];
    let mut i = 0;
    while i < paragraphs.len() {
        if is_read_also(&paragraphs[i]) {
            keep[i] = false;
            let alone = !paragraphs[i].contains(':') || paragraphs[i].trim_end().ends_with(':');
            i += 1;
            while alone && i < paragraphs.len() && is_listed_headline(&paragraphs[i]) {
                keep[i] = false;
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    if keep.iter().any(|k| *k) {
        let mut k = keep.into_iter();
        paragraphs.retain(|_| k.next().unwrap_or(true));
    }
}

/// A headline in a list of links: a dozen words or fewer, and no sentence.
fn is_listed_headline(line: &str) -> bool {
    let sentence = line
        .trim_end_matches(['"', '”', '’', '\'', '»', ')'])
        .ends_with(['.', '!', '?', '。', '！']);
    line.split_whitespace().count() <= 12 && !sentence
}

/// What sites set under an article, sentence or not: a copyright or reprint notice, an
/// invitation to subscribe, to follow the site or to get its app or newsletter.
const SITE_NOTICES: &[&str] = &[
    "all rights reserved",
    "may not be published, broadcast",
    "written permission",
    "subscribe now",
    "please subscribe",
    "already a subscriber",
    "sign up for our",
    "our newsletter",
    "download the app",
    "download our app",
    "follow us on",
    "e-mail to a friend",
    "email to a friend",
    "email this article",
    "print this article",
    "for ios and android",
    "on ios and android",
    "is not responsible for the opinions",
    "do not necessarily reflect the views",
    "hazte miembro",
    "suscríbete",
    "abonnieren sie",
    "abonnez-vous",
];

/// Social networks and messaging channels a site invites its readers to.
const CHANNELS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "telegram",
    "whatsapp",
    "youtube",
    "tiktok",
    "linkedin",
];

/// The words of an invitation to follow or join a site somewhere, in the languages of
/// the pages read here.
const INVITATIONS: &[&str] = &[
    "follow ",
    "join us",
    "join our",
    "our channel",
    "síguenos",
    "únete",
    "nuestro canal",
    "folgen sie",
    "suivez-nous",
    "siga-nos",
    "seguici",
];

/// What sites set under an article that invites its readers to write in, sign in or
/// comment, or asks them to turn off an ad blocker, lower-cased.
const READER_NOTICES: &[&str] = &[
    "email us at",
    "e-mail us at",
    "sign in to ",
    "log in to ",
    "create an account",
    "to post a comment",
    "your comment has been posted",
    "thank you for joining our discussion",
    "comments are closed",
    "be the first to comment",
    "adblocker",
    "ad blocker",
    "ad-blocker",
];

/// Whether a line is one of the [`SITE_NOTICES`], a copyright line ("© 2020 ..."), or
/// an invitation to follow the site on a network or channel ("Follow The Gleaner on
/// Twitter", "¡Mira lo que tiene nuestro canal de YouTube!"): a line that names a network
/// without inviting ("The video was shared on Facebook.") is the article's.
fn is_site_notice(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.starts_with('©')
        || lower.starts_with("copyright ")
        || SITE_NOTICES.iter().any(|notice| lower.contains(notice))
        || READER_NOTICES.iter().any(|notice| lower.contains(notice))
        || (CHANNELS.iter().any(|channel| lower.contains(channel))
            && INVITATIONS.iter().any(|invite| lower.contains(invite)))
}

/// Drops the lines above the article's first paragraph and below its last that are
/// [`is_furniture`] ("Related stories", "Share this:", "Read more"); leaves the text as it
/// is when nothing but such lines would remain.
fn drop_furniture_around(paragraphs: &mut Vec<String>) {
    let furniture = paragraphs.iter().take_while(|p| is_furniture(p)).count();
    if furniture > 0 && furniture < paragraphs.len() {
        paragraphs.drain(..furniture);
    }
    // From the end: furniture and notices, and lists of ranked headlines (a site's most
    // read stories, "1 ...", "2 ..."), one after another.
    let mut end = paragraphs.len();
    loop {
        let before = end;
        while end > 0
            && (is_furniture(&paragraphs[end - 1]) || is_site_notice(&paragraphs[end - 1]))
        {
            end -= 1;
        }
        end -= ranked_list_before(&paragraphs[..end]);
        if end == before {
            break;
        }
    }
    if end > 0 && end < paragraphs.len() {
        paragraphs.truncate(end);
    }
}

/// The number of lines at the end of `lines` that list headlines by rank ("1 유시민
/// ...", "2 ...", ...): three or more, each opening with the number after the one
/// before it and a space (a numbered list in an article writes "1." or "1)"), none a
/// bare address (a list of sources is the article's).
fn ranked_list_before(lines: &[String]) -> usize {
    let rank = |line: &str| -> Option<u32> {
        let (number, rest) = line.split_once(' ')?;
        let rest = rest.trim();
        let link = rest.starts_with("http") || rest.starts_with("www.");
        (!rest.is_empty() && !link && number.len() <= 2)
            .then(|| number.parse().ok())
            .flatten()
    };
    let mut run = 0;
    let mut above: Option<u32> = None;
    for line in lines.iter().rev() {
        match rank(line) {
            Some(r) if r >= 1 && above.is_none_or(|a| r + 1 == a) => above = Some(r),
            _ => break,
        }
        run += 1;
    }
    if run >= 3 { run } else { 0 }
}

fn chrono_seconds() -> chrono::SecondsFormat {
    chrono::SecondsFormat::Secs
}

/// The fields [`Extracted::fill`] sets: what a source that extracts pages provides.
pub fn provides() -> Vec<String> {
    [
        "headline",
        "body",
        "paragraphs",
        "authors",
        "published",
        "updated",
        "caption",
        "summary",
        "language",
        "url",
    ]
    .map(String::from)
    .to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_declared_headline_restores_what_the_core_cut_from_a_title_but_the_site() {
        let title = |core: &str, declared: &str, site: Option<&str>, url: Option<&str>| {
            title_of(
                Some(core.into()),
                Some(declared.into()),
                site.map(str::to_string),
                url,
            )
            .unwrap()
        };
        // The rest after a colon or a dash is the title's own.
        assert_eq!(
            title(
                "Welpen kaufen",
                "Welpen kaufen – Tipps zu jeder Hunderasse",
                None,
                None
            ),
            "Welpen kaufen – Tipps zu jeder Hunderasse"
        );
        assert_eq!(
            title("das Ende", "Grüner Wasserstoff – das Ende", None, None),
            "Grüner Wasserstoff – das Ende"
        );
        // The site's name, by name or by address, stays cut.
        assert_eq!(
            title(
                "Rain at last",
                "Rain at last - Daily Planet",
                Some("Daily Planet"),
                None
            ),
            "Rain at last"
        );
        assert_eq!(
            title(
                "Rain at last",
                "Rain at last - La Stampa",
                None,
                Some("https://www.lastampa.it/a/b")
            ),
            "Rain at last"
        );
        // A core title that is the site's name is the page's banner.
        assert_eq!(
            title("Daily Planet", "Rain at last", Some("Daily Planet"), None),
            "Rain at last"
        );
        assert_eq!(
            title(
                "LaStampa",
                "Rain at last",
                None,
                Some("https://www.lastampa.it/a")
            ),
            "Rain at last"
        );
        // Anything else: the core's title, read once more if it was escaped twice.
        assert_eq!(title("Rain", "Storms ahead", None, None), "Rain");
        assert_eq!(
            title("Rain | News", "Rain | News | Site", None, None),
            "Rain | News"
        );
        assert_eq!(
            title_of(Some("d&#039;actions".into()), None, None, None).unwrap(),
            "d'actions"
        );
    }

    #[test]
    fn a_page_laid_out_in_a_table_gives_its_article_alone() {
        // Written as news sites wrote pages in the 2000s: the page is a table, its
        // paragraphs are parted by <br> pairs, comments follow the story in its cell.
        let page = include_str!("../tests/pages/table-layout-2008.html");
        let found = extract(page.as_bytes(), None, None).unwrap();
        assert_eq!(found.paragraphs.len(), 5, "{:#?}", found.paragraphs);
        assert!(found.paragraphs[0].starts_with("SPRINGFIELD - Mayor Jane Doe"));
        assert_eq!(
            found.paragraphs[4],
            "The council will vote on the budget on March 18."
        );
        assert_eq!(found.published.as_deref(), Some("2008-03-04"));
        assert_eq!(found.authors, ["John Smith"]);
        // Each addition can be measured alone: without it the navigation comes back.
        let plain = extract_with(
            page.as_bytes(),
            None,
            None,
            Options {
                modernize_layout: false,
                ..Options::default()
            },
        )
        .unwrap();
        assert!(plain.paragraphs.join(" ").contains("Most Read"));
    }

    /// [`takes_agreed_text`] for the core's `paragraphs`, the other extractors' text
    /// `others` and readability's alone.
    fn agreed(paragraphs: &[String], own: &[String], readability: &str, others: &str) -> bool {
        takes_agreed_text(paragraphs, &held_in(paragraphs, others), own, readability)
    }

    #[test]
    fn text_two_other_extractors_agree_on_replaces_a_core_text_they_do_not_confirm() {
        let article: Vec<String> = (0..6)
            .map(|i| format!("Paragraph {i} of the minister's plan to sell stakes in state companies, as he told the paper on Friday."))
            .collect();
        let readability = article.join(" ");
        let comments: Vec<String> = (0..8)
            .map(|i| format!("reader{i} Good idea but late. 21/04/2013 02:20 Reply Report"))
            .collect();
        let others = format!("{readability}\n{}", article.join("\n"));
        // The core read the comments: the article both others read is taken.
        assert!(agreed(&comments, &article, &readability, &others));
        // Not when readability reads something else, nor when the core's text is
        // confirmed, nor when what they agree on is a few lines.
        assert!(!agreed(&comments, &article, "Other text.", &others));
        let mut core = article.clone();
        core.extend(comments.iter().take(3).cloned());
        assert!(!agreed(&core, &article, &readability, &others));
        assert!(!agreed(&comments, &article[..1], &readability, &others));
        // Nor when what they agree on is a table, not sentences.
        let table: Vec<String> = (0..40)
            .map(|i| format!("Constituency {i} Member Name member{i}@parliament.uk"))
            .collect();
        let readability = table.join(" ");
        let others = format!("{readability}\n{}", table.join("\n"));
        assert!(!agreed(&comments, &table, &readability, &others));
    }

    #[test]
    fn a_page_of_the_2000s_in_divs_gives_its_article_alone() {
        // The story's container also holds an advertisement label, a wire copyright, a
        // bar of links, related stories and readers' comments.
        let page = include_str!("../tests/pages/div-layout-2008.html");
        let found = extract(page.as_bytes(), None, None).unwrap();
        assert_eq!(found.paragraphs.len(), 5, "{:#?}", found.paragraphs);
        assert!(found.paragraphs[0].starts_with("RIVERSIDE, Calif. (AP)"));
        assert!(found.paragraphs[4].starts_with("Forecasters said"));
        assert_eq!(found.authors, ["MARY JOHNSON"]);
        assert_eq!(found.published.as_deref(), Some("2008-02-12"));
    }

    #[test]
    fn an_advertisement_label_goes() {
        assert!(is_ad_label("ADVERTISEMENT") && is_ad_label("Story continues below"));
        assert!(!is_ad_label(
            "Advertisement revenue fell 4% in the quarter."
        ));
    }

    #[test]
    fn a_comments_section_and_a_bar_of_links_end_the_article() {
        let mut text = lines(&[
            "The council approved the new budget on Tuesday after a long debate.",
            "The mayor said work on the library would begin in the spring.",
            "Residents will be able to comment at a hearing next month.",
            "Reader comments (2)",
            "Another tax increase? Enough is enough.",
            "Finally a library for the west side!",
        ]);
        drop_comments(&mut text);
        assert_eq!(text.len(), 3);
        // A heading in the article's first half is no comments section.
        let mut short = lines(&[
            "Comments",
            "The council approved the new budget on Tuesday.",
        ]);
        drop_comments(&mut short);
        assert_eq!(short.len(), 2);
        assert!(is_link_bar(
            "Post a comment | Email this story | Print this story"
        ));
        assert!(!is_link_bar(
            "Council approves budget | Mayor says the library will open next spring"
        ));
    }

    #[test]
    fn a_dated_copyright_line_closes_the_article() {
        let mut page = lines(&[
            "The council approved the new budget on Tuesday after a long debate.",
            "The mayor said work on the library would begin in the spring.",
            "Copyright law was not part of the debate, the clerk said.",
            "© 2011 Example News",
            "Not every mayor is a lawyer, but some schools produce more mayors than others.",
            "Thank you for joining our discussion. Your comment has been posted.",
        ]);
        drop_comments(&mut page);
        assert_eq!(page.len(), 3, "{page:#?}");
        assert!(is_dated_copyright(
            "Copyright 2008 The Associated Press. All rights reserved."
        ));
        // A notice without a year, or a sentence about copyright, is no end.
        assert!(!is_dated_copyright("© Reuters"));
        assert!(!is_dated_copyright(
            "The copyright expired in 1998, the publisher said."
        ));
    }

    #[test]
    fn ranked_headlines_under_the_article_go_and_a_list_of_sources_stays() {
        let mut page = lines(&[
            "The council approved the new budget on Tuesday after a long debate.",
            "The mayor said work on the library would begin in the spring.",
            "Most read",
            "1 Council approves budget",
            "2 Storm closes schools",
            "3 New bridge opens",
            "Sport",
            "1 City win the derby",
            "2 Coach signs new contract",
            "3 Fans queue for tickets",
        ]);
        drop_furniture_around(&mut page);
        assert_eq!(page.len(), 2, "{page:#?}");
        let sources = lines(&[
            "The vaccine was approved in 2006, the ministry said.",
            "Sources:",
            "1 https://www.example.org/articles/vaccination-in-japan-a-researcher-s-view/",
            "2 https://www.example.org/content/article/japan-relaunches-its-vaccination-drive",
            "3 https://www.example.org/pmc/articles/PMC8666311/supplementary-tables",
        ]);
        let mut kept = sources.clone();
        drop_furniture_around(&mut kept);
        assert_eq!(kept, sources);
        // Numbers that do not count up are no ranking.
        let recipe = lines(&[
            "Mix the flour and the butter.",
            "2 cups of flour",
            "1 egg",
            "3 spoons of sugar",
        ]);
        assert_eq!(ranked_list_before(&recipe), 0);
    }

    #[test]
    fn labels_of_more_stories_and_of_galleries_point_elsewhere() {
        assert!(is_read_also("More in Gadgets") && is_read_also("Also on AOL Tech"));
        assert!(is_read_also(
            "PHOTOS: Earthquake Shakes the Northeastern U.S."
        ));
        assert!(is_read_also("Video: Buck: Raise retirement age"));
        assert!(is_read_also("Most popular"));
        // A sentence that opens like a label, or a label alone that names a medium, is
        // the article's.
        assert!(!is_read_also(
            "More from the minister's speech is expected tomorrow."
        ));
        assert!(!is_read_also("Video"));
        assert!(!is_read_also(
            "More on that: the council will publish its figures in a report to every household in the city before the vote next spring, the clerk said"
        ));
    }

    #[test]
    fn what_asks_readers_to_sign_in_write_or_unblock_goes_under_the_article() {
        let mut page = lines(&[
            "The council approved the new budget on Tuesday after a long debate.",
            "Questions? Comments? Email us at news@example.com",
            "In order to post a comment on this page, you must sign in to Example.com",
            "Sie haben einen Adblocker aktiviert.",
        ]);
        drop_furniture_around(&mut page);
        assert_eq!(page.len(), 1, "{page:#?}");
        // Only what stands under the article goes.
        let inside = lines(&[
            "Voters will have to sign in to the new portal to find their polling place.",
            "The council approved the new budget on Tuesday after a long debate.",
        ]);
        let mut kept = inside.clone();
        drop_furniture_around(&mut kept);
        assert_eq!(kept, inside);
    }

    #[test]
    fn furniture_at_either_end_goes_and_the_article_between_stays() {
        let core = lines(&[
            "Share this story! Facebook Email Twitter",
            "The council approved the new budget on Tuesday after a long debate.",
            "A table of figures nobody else kept",
            "Spending on schools rises by four percent, the largest increase in a decade.",
            "Related stories",
            "Council elections set for May",
        ]);
        let others = "The council approved the new budget on Tuesday after a long debate. \
                      Spending on schools rises by four percent, the largest increase in a decade.";
        assert_eq!(
            keep_confirmed_edges(core.clone(), &held_in(&core, others), true),
            core[1..4].to_vec()
        );
        // Inside, a short line no one else keeps and that is no sentence goes ("Print",
        // a forum's user name); a longer line or a sentence stays.
        let mut inside = core.clone();
        inside.insert(2, "Print".to_string());
        inside.insert(3, "Yes.".to_string());
        assert_eq!(
            keep_confirmed_edges(inside.clone(), &held_in(&inside, others), true),
            [&inside[1..2], &inside[3..6]].concat()
        );
        assert_eq!(
            keep_confirmed_edges(inside.clone(), &held_in(&inside, others), false),
            inside[1..6].to_vec()
        );
    }

    #[test]
    fn prose_next_to_the_article_is_kept_and_a_thin_agreement_changes_nothing() {
        let core = lines(&[
            "Menu",
            "A standfirst that only this extractor found, written as one long sentence of prose.",
            "The council approved the new budget on Tuesday after a long debate.",
            "Comments (12)",
        ]);
        let others = "The council approved the new budget on Tuesday after a long debate.";
        assert_eq!(
            keep_confirmed_edges(core.clone(), &held_in(&core, others), true),
            core[1..3].to_vec()
        );
        // When what the others confirm is less than half the text, nothing is dropped.
        let long = lines(&[
            "Short confirmed line.",
            &"An unconfirmed paragraph that runs on without end".repeat(3),
        ]);
        assert_eq!(
            keep_confirmed_edges(long.clone(), &held_in(&long, "Short confirmed line."), true),
            long
        );
    }

    #[test]
    fn lines_that_point_to_other_articles_go_wherever_they_stand() {
        let mut page = lines(&[
            "The council approved the new budget on Tuesday after a long debate.",
            "Read more: Looted colonial art",
            "Spending on schools rises by four percent, the largest increase in a decade.",
            "Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo",
            "The mayor said the vote showed the city could still agree on hard choices.",
            "Weitere Artikel",
            "Neue Brücke eröffnet",
            "Stadtrat wählt neuen Vorsitz",
            "What the council decided next will be read as a test of the coalition.",
        ]);
        drop_read_also(&mut page);
        assert_eq!(
            page,
            lines(&[
                "The council approved the new budget on Tuesday after a long debate.",
                "Spending on schools rises by four percent, the largest increase in a decade.",
                "The mayor said the vote showed the city could still agree on hard choices.",
                "What the council decided next will be read as a test of the coalition.",
            ])
        );
        assert!(is_read_also("Previous article") && is_read_also("Schon gelesen?"));
        assert!(is_read_also("Veja Também: Governo anuncia novo pacote"));
        // A paragraph that only starts like a label is the article's.
        assert!(!is_read_also("Weitere US-Zellprojekte im Aufbau"));
        assert!(!is_read_also(
            "Previous articles in the series covered the budget."
        ));
        assert!(!is_read_also(
            "Related: the council said the figures for the last ten years show a steady rise in spending on roads, schools and parks across every district of the city"
        ));
        // A page of nothing else stays as it is.
        let mut only = lines(&["Read more: Looted colonial art"]);
        drop_read_also(&mut only);
        assert_eq!(only.len(), 1);
    }

    #[test]
    fn a_list_of_tags_is_furniture_and_a_list_in_a_sentence_is_not() {
        assert!(is_tag_list("Bobby Dwyer, Boomer & Carton, Kelly Malloy"));
        assert!(is_tag_list("Politics, Economy, Middle East, Iran"));
        assert!(!is_tag_list(
            "Paris, Berlin, Rome and Madrid signed the accord."
        ));
        assert!(!is_tag_list("Smith, Jones, and the council disagreed"));
        assert!(!is_tag_list("Paris, Berlin"));
    }

    #[test]
    fn a_network_named_without_an_invitation_is_the_articles() {
        assert!(!is_site_notice(
            "The video was shared on Facebook and YouTube before it was taken down."
        ));
        assert!(!is_site_notice(
            "Police said they would follow every lead in the case."
        ));
        assert!(is_site_notice("Síguenos en Facebook y Twitter"));
    }

    #[test]
    fn notices_of_the_site_under_the_article_go() {
        let mut page = lines(&[
            "The council approved the new budget on Tuesday after a long debate.",
            "The copyright office said the ruling would stand.",
            "© 2008 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
            "Subscribe now to our eNATION edition for the full story.",
            "For the latest stories download the Example News apps for iOS and Android.",
            "Follow The Example Star on Twitter and Instagram @ExampleStar.",
            "Example News is not responsible for the opinions presented by contributors.",
            "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.",
        ]);
        drop_furniture_around(&mut page);
        assert_eq!(
            page,
            lines(&[
                "The council approved the new budget on Tuesday after a long debate.",
                "The copyright office said the ruling would stand.",
            ])
        );
    }

    #[test]
    fn short_lines_that_are_no_sentence_around_the_article_go() {
        let mut page = lines(&[
            "Madrid",
            "27 OCT 2012 - 12:14 CET",
            "News > Business > Companies",
            "Illustration by Mike Nudelman",
            "What's this?",
            "The cuts have lengthened waiting lists for operations across the region.",
            "Short line inside",
            "The ministry said more money would come next year.",
            "Related stories",
            "Share this:",
        ]);
        drop_furniture_around(&mut page);
        assert_eq!(
            page[0],
            "The cuts have lengthened waiting lists for operations across the region."
        );
        // What lies between the first paragraph and the last stays, short or not.
        assert_eq!(page.len(), 3);
        assert_eq!(
            page[2],
            "The ministry said more money would come next year."
        );
        // A short first paragraph that is a sentence stays; so does a page of nothing
        // but short lines.
        for text in [
            lines(&[
                "It is over.",
                "The war ended on Monday after four years of fighting.",
            ]),
            lines(&["Menu", "Home"]),
        ] {
            let mut kept = text.clone();
            drop_furniture_around(&mut kept);
            assert_eq!(kept, text);
        }
        // A long paragraph with no spaces (Chinese) is no short line.
        assert!(!is_furniture(
            &"香港行政长官在各方压力下就其大宅的违章建筑问题到立法会接受质询".repeat(2)
        ));
    }
}
