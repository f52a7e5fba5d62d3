//! A page's own statements about itself: JSON-LD (schema.org NewsArticle and
//! relatives), OpenGraph and article meta tags, `<time datetime>` and the URL. These
//! are read before the extraction core's guesses, in this order of trust: JSON-LD,
//! then meta tags, then the core, then `<time>` elements, then the URL, then a stamp line
//! ("Published: ...") or an element whose class names a date.

use std::sync::LazyLock;

use dom_query::Document;
use regex::Regex;
use serde_json::Value;

/// What the page declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declared {
    /// Headline.
    pub headline: Option<String>,
    /// Publication time, as written (ISO 8601).
    pub published: Option<String>,
    /// Last modification time, as written (ISO 8601).
    pub modified: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Section.
    pub section: Option<String>,
    /// Tags and keywords.
    pub tags: Vec<String>,
    /// Description.
    pub description: Option<String>,
    /// Canonical URL.
    pub canonical: Option<String>,
    /// The first `<time datetime>`.
    pub time_element: Option<String>,
    /// Photo captions (`<figcaption>`).
    pub captions: Vec<String>,
    /// The publication time a line of the page's text gives ("Published: Tuesday, March
    /// 4, 2008"), for pages that declare none.
    pub stamped: Option<String>,
    /// The writers a byline line of the page's text names ("By John Smith, Staff
    /// Writer"), for pages that declare none.
    pub bylined: Vec<String>,
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[^\d]|$)")
        .expect("valid regex")
});

/// A date a URL writes otherwise: day first with dashes ("/23-01-2022-dorothea-wierer"),
/// or its eight digits alone in a name ("/20030331_Rede2.html"), neither inside a longer
/// number.
static URL_DATE_OTHERWISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-](?:(?P<d>0?[1-9]|[12]\d|3[01])-(?P<m>0?[1-9]|1[0-2])-(?P<y>(?:19|20)\d{2})|(?P<y2>(?:19|20)\d{2})(?P<m2>0[1-9]|1[0-2])(?P<d2>0[1-9]|[12]\d|3[01]))(?:[/_.-]|$)")
        .expect("valid regex")
});

/// The date a URL gives, as `YYYY-MM-DD` (a month or day may be written without its
/// zero: "/2017/7/12/").
fn url_date(url: &str) -> Option<String> {
    if let Some(c) = URL_DATE.captures(url) {
        return Some(format!("{}-{:0>2}-{:0>2}", &c[1], &c[2], &c[3]));
    }
    let c = URL_DATE_OTHERWISE.captures(url)?;
    let part = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|m| m.as_str());
    Some(format!(
        "{}-{:0>2}-{:0>2}",
        part("y", "y2")?,
        part("m", "m2")?,
        part("d", "d2")?
    ))
}

/// Types whose JSON-LD object describes the article itself.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "ScholarlyArticle",
    "TechArticle",
    "Report",
];

/// Decodes the character references of text taken from JSON-LD, in one pass: publishers
/// often escape its strings as HTML, and `&amp;lt;` must stay `&lt;`, not become `<`.
pub(crate) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| {
                let name = &rest[1..1 + end];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some('\u{a0}'),
                    _ => {
                        let number = name.strip_prefix('#')?;
                        let code = match number.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                            None => number.parse().ok()?,
                        };
                        char::from_u32(code).filter(|c| *c != '\0')
                    }
                }?;
                Some((c, end + 2))
            });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = &rest[used..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// A plausible ISO 8601 date or date-time (what JSON-LD and meta tags should hold).
fn iso(text: &str) -> Option<String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let date_like = bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[8..10].iter().all(u8::is_ascii_digit);
    date_like.then(|| text.split_whitespace().collect::<Vec<_>>().join("T"))
}

fn names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => s
            .split([',', ';'])
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
        Value::Array(items) => items.iter().flat_map(names).collect(),
        Value::Object(map) => map.get("name").map(names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// A date in JSON: an ISO 8601 string, or a Unix time in seconds or (past the year 5138
/// in seconds) milliseconds, as some sites write `datePublished`.
fn json_date(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Number(n) => {
            let n = n.as_i64()?;
            let seconds = if n > 100_000_000_000 { n / 1000 } else { n };
            let time = chrono::DateTime::from_timestamp(seconds, 0)?;
            Some(time.format("%Y-%m-%dT%H:%M:%S+00:00").to_string())
        }
        other => text(Some(other)).and_then(|d| iso(&d)),
    }
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(unescape(s)),
        Value::Array(items) => items.iter().find_map(|v| text(Some(v))),
        _ => None,
    }
}

/// The article objects of a JSON-LD value (also inside `@graph` and arrays).
fn articles(value: &Value, out: &mut Vec<serde_json::Map<String, Value>>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| articles(v, out)),
        Value::Object(map) => {
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(types)) => types
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if is_article {
                out.push(map.clone());
            }
            if let Some(graph) = map.get("@graph") {
                articles(graph, out);
            }
        }
        _ => {}
    }
}

/// Reads what a page declares about itself.
pub fn read(html: &str, url: Option<&str>) -> Declared {
    let page = Document::from(html);
    let mut declared = Declared::default();
    read_json_ld(&page, &mut declared);
    let meta = MetaTags::of(&page);
    meta.fill(&mut declared);
    declared.canonical =
        canonical(&page).or_else(|| meta.first(&["og:url"]).filter(|u| u.starts_with("http")));
    declared.time_element = page
        .select("time[datetime]")
        .nodes()
        .first()
        .and_then(|time| iso(&time.attr("datetime")?))
        .or_else(|| {
            // An element a page marks as the publication date, holding it as ISO 8601:
            // `<div class="pubdate">2014-11-23T16:00:00+04:00</div>`.
            page.select(".pubdate, .published, .publish-date, .date-published")
                .nodes()
                .iter()
                .find_map(|node| iso(&node.text()))
        });
    declared.captions = captions(&page);
    let bylined = microdata_authors(&page);
    // A page's meta tag often names only the first of several writers.
    if names_more(&bylined, &declared.authors) {
        declared.authors = bylined;
    }
    if declared.published.is_none()
        && let Some(url) = url.or(declared.canonical.as_deref())
        && let Some(day) = url_date(url)
    {
        declared.time_element.get_or_insert(day);
    }
    let undated = declared.published.is_none() && declared.time_element.is_none();
    if undated || declared.authors.is_empty() {
        let pieces = text_pieces(&page);
        if undated {
            declared.stamped = stamp_in(&pieces).or_else(|| dated_element(&page));
        }
        if declared.authors.is_empty() {
            declared.bylined = byline_in(&pieces);
        }
    }
    declared
}

/// The writers of the first byline line among the page's text pieces, as the text
/// source reads bylines ([`dateline_stamps::byline_names`]), but only one that opens
/// with a capital "By": a page's footer credits in lower case ("Theme by Themegraphy",
/// "Icon by The Noun Project").
fn byline_in(pieces: &[String]) -> Vec<String> {
    pieces
        .iter()
        .filter(|piece| piece.starts_with("By "))
        .find_map(|piece| dateline_stamps::byline_names(piece))
        .unwrap_or_default()
}

/// How many of a page's text pieces are read for a stamp or a byline: the article's
/// head is near the top of the page.
const HEAD_PIECES: usize = 2000;

/// The page's text as the markup cuts it (a text node each, white space collapsed),
/// without scripts and styles: a line a page sets apart ("Published: ...", "By ...")
/// is a piece of its own.
fn text_pieces(page: &Document) -> Vec<String> {
    page.select("script, style, noscript, template").remove();
    let Some(body) = page.select("body").nodes().first().copied() else {
        return Vec::new();
    };
    body.descendants_it()
        .filter(|n| n.is_text())
        .map(|n| n.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .take(HEAD_PIECES)
        .collect()
}

/// The publication time of the first stamp line among the page's text pieces
/// ("Published: March 4, 2008", "Posted 4 March 2008 10:31"), as the text source reads
/// stamps; a label set apart from its time (`<b>Published:</b> March 4, 2008`) is read
/// with the piece after it. Relative stamps ("2 hours ago") are left: a saved page's
/// moment is unknown.
fn stamp_in(pieces: &[String]) -> Option<String> {
    let absolute = |line: &str| match dateline_stamps::parse_stamp(line) {
        Some(stamp) if stamp.kind == dateline_stamps::StampKind::Published => match stamp.when {
            dateline_stamps::When::Absolute(iso) => Some(iso),
            _ => None,
        },
        _ => None,
    };
    pieces.iter().enumerate().find_map(|(i, piece)| {
        absolute(piece).or_else(|| {
            let next = pieces.get(i + 1)?;
            (piece.len() <= 20).then(|| absolute(&format!("{piece} {next}")))?
        })
    })
}

/// The day of the first element whose class or id names a date ("date", "datum",
/// "publish", "posted") and whose short text holds one: `<span class="date">27.01.2022</span>`,
/// `<p class="date-author">Janic Cathomen, 01.12.2021</p>`. Pages that state their date
/// nowhere else set it so, as a label would be set over it.
fn dated_element(page: &Document) -> Option<String> {
    let selector = "[class*=date], [class*=Date], [id*=date], [class*=datum], [class*=Datum], \
                    [class*=publish], [class*=posted]";
    page.select(selector).nodes().iter().find_map(|node| {
        // A machine-readable time in an attribute first (`<abbr class="published"
        // title="2017-07-23T17:06:45+0000">23. Juli 2017</abbr>`), then the text.
        let attribute = ["datetime", "content", "title"]
            .iter()
            .filter_map(|name| node.attr(name))
            .find_map(|value| {
                let value = value.trim();
                value
                    .starts_with(|c: char| c.is_ascii_digit())
                    .then(|| dateline_stamps::parse_absolute(value))
                    .flatten()
            });
        if let Some(iso) = attribute {
            return Some(iso.chars().take(10).collect());
        }
        let text = node.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() || text.len() > 80 {
            return None;
        }
        dateline_stamps::parse_absolute(&text).map(|iso| iso.chars().take(10).collect())
    })
}

/// Whether the byline `fuller` names more people than `named`, all of those among them
/// (in any case): the fuller one is the byline to keep.
pub fn names_more(fuller: &[String], named: &[String]) -> bool {
    fuller.len() > named.len()
        && named
            .iter()
            .all(|n| fuller.iter().any(|f| f.to_lowercase() == n.to_lowercase()))
}

/// The names of the people a page's microdata calls its authors (`itemprop="author"`
/// holding `itemprop="name"`), in page order, each once; names set in capitals are given
/// the case of names.
fn microdata_authors(page: &Document) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for node in page
        .select(r#"[itemprop~="author"] [itemprop="name"]"#)
        .nodes()
    {
        let name = node.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.len() > 60 {
            continue;
        }
        let name = if name.chars().any(char::is_lowercase) {
            name
        } else {
            name.split(' ')
                .map(|word| {
                    let mut chars = word.chars();
                    chars.next().map_or(String::new(), |first| {
                        first
                            .to_uppercase()
                            .chain(chars.flat_map(char::to_lowercase))
                            .collect()
                    })
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    }
    out
}

/// The first schema.org article object of the page's JSON-LD blocks.
fn read_json_ld(page: &Document, declared: &mut Declared) {
    let mut found = Vec::new();
    for script in page.select("script[type]").nodes() {
        let kind = script.attr("type").unwrap_or_default();
        if !kind
            .trim()
            .to_ascii_lowercase()
            .starts_with("application/ld+json")
        {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) {
            articles(&value, &mut found);
        }
    }
    let Some(article) = found.first() else {
        return;
    };
    declared.headline = text(article.get("headline")).or_else(|| text(article.get("name")));
    declared.published = json_date(article.get("datePublished"));
    declared.modified = json_date(article.get("dateModified"));
    declared.authors = article.get("author").map(names).unwrap_or_default();
    declared.section = text(article.get("articleSection"));
    declared.description = text(article.get("description"));
    if let Some(keywords) = article.get("keywords") {
        declared.tags = names(keywords);
    }
}

/// The page's `<meta>` statements, as (lowercased key, content) in page order.
struct MetaTags(Vec<(String, String)>);

impl MetaTags {
    fn of(page: &Document) -> MetaTags {
        let values = page
            .select("meta[content]")
            .nodes()
            .iter()
            .filter_map(|meta| {
                let key = ["property", "name", "itemprop"]
                    .iter()
                    .find_map(|k| meta.attr(k))?;
                let content = meta.attr("content")?.trim().to_string();
                (!content.is_empty()).then(|| (key.trim().to_ascii_lowercase(), content))
            })
            .collect();
        MetaTags(values)
    }

    /// The content of the first of `keys` the page states.
    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.0
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    }

    /// Fills what JSON-LD left open.
    fn fill(&self, declared: &mut Declared) {
        if declared.headline.is_none() {
            declared.headline = self.first(&["og:title", "twitter:title"]);
        }
        if declared.published.is_none() {
            declared.published = self
                .first(&[
                    "article:published_time",
                    "og:published_time",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "date",
                    "dc.date.issued",
                    "dc.date",
                    "dcterms.issued",
                    "dcterms.date",
                    "sailthru.date",
                    "parsely-pub-date",
                    "originalpublicationdate",
                    "rnews:datepublished",
                    "publication_date",
                    "citation_publication_date",
                ])
                .and_then(|d| iso(&d))
                .or_else(|| {
                    // Parse.ly's page object: `<meta name="parsely-page" content='{"pub_date": ...}'>`.
                    let page = self.first(&["parsely-page"])?;
                    json_date(serde_json::from_str::<Value>(&page).ok()?.get("pub_date"))
                });
        }
        if declared.modified.is_none() {
            declared.modified = self
                .first(&[
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "last-modified",
                ])
                .and_then(|d| iso(&d));
        }
        if declared.authors.is_empty()
            && let Some(author) = self.first(&[
                "author",
                "article:author",
                "dc.creator",
                "sailthru.author",
                "parsely-author",
            ])
            && !author.starts_with("http")
        {
            declared.authors = names(&Value::String(author));
        }
        if declared.section.is_none() {
            declared.section = self.first(&["article:section", "section"]);
        }
        if declared.tags.is_empty() {
            declared.tags = self
                .0
                .iter()
                .filter(|(k, _)| k == "article:tag" || k == "news_keywords" || k == "keywords")
                .flat_map(|(_, v)| names(&Value::String(v.clone())))
                .collect();
            declared.tags.dedup();
        }
        if declared.description.is_none() {
            declared.description =
                self.first(&["og:description", "description", "twitter:description"]);
        }
    }
}

/// `<link rel="canonical">`, when it is a web URL.
fn canonical(page: &Document) -> Option<String> {
    page.select("link[rel][href]")
        .nodes()
        .iter()
        .find(|link| {
            link.attr("rel")
                .is_some_and(|rel| rel.trim().eq_ignore_ascii_case("canonical"))
        })
        .and_then(|link| link.attr("href"))
        .map(|href| href.trim().to_string())
        .filter(|href| href.starts_with("http"))
}

/// Each distinct `<figcaption>`'s words (words of separate elements stay apart).
fn captions(page: &Document) -> Vec<String> {
    let mut captions: Vec<String> = Vec::new();
    for caption in page.select("figcaption").nodes() {
        let words: Vec<String> = caption
            .descendants_it()
            .filter(|n| n.is_text())
            .map(|n| n.text().to_string())
            .collect();
        let text = words
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() && !captions.contains(&text) {
            captions.push(text);
        }
    }
    captions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_wins_and_meta_fills_in() {
        let html = r#"<head>
            <meta property="og:title" content="OG title">
            <meta property="article:modified_time" content="2025-01-21T08:00:00+05:00">
            <meta name="author" content="Meta Author">
            <link rel="canonical" href="https://news.example/a">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
              {"@type":"NewsArticle","headline":"LD headline","datePublished":"2025-01-20T10:00:00+05:00",
               "author":[{"@type":"Person","name":"Asif Shahzad"},{"@type":"Person","name":"Saad Sayeed"}],
               "articleSection":"World"}]}</script></head>"#;
        let declared = read(html, None);
        assert_eq!(declared.headline.as_deref(), Some("LD headline"));
        assert_eq!(
            declared.published.as_deref(),
            Some("2025-01-20T10:00:00+05:00")
        );
        assert_eq!(
            declared.modified.as_deref(),
            Some("2025-01-21T08:00:00+05:00")
        );
        assert_eq!(declared.authors, ["Asif Shahzad", "Saad Sayeed"]);
        assert_eq!(declared.section.as_deref(), Some("World"));
        assert_eq!(
            declared.canonical.as_deref(),
            Some("https://news.example/a")
        );
    }

    #[test]
    fn publication_dates_in_the_ways_older_and_smaller_sites_state_them() {
        let published = |head: &str| {
            read(
                &format!("<html><head>{head}</head><body><p>x</p></body></html>"),
                None,
            )
            .published
        };
        assert_eq!(
            published(
                r#"<meta name="OriginalPublicationDate" content="2014-06-30T16:54:02+00:00">"#
            )
            .as_deref(),
            Some("2014-06-30T16:54:02+00:00")
        );
        assert_eq!(
            published(
                r#"<meta property="rnews:datePublished" content="2010-02-22T11:53:04+00:00">"#
            )
            .as_deref(),
            Some("2010-02-22T11:53:04+00:00")
        );
        assert_eq!(
            published(r#"<meta name="parsely-page" content='{"title": "t", "pub_date": "2014-11-23T16:00:00+04:00"}'>"#)
                .as_deref(),
            Some("2014-11-23T16:00:00+04:00")
        );
        // Unix time in JSON-LD, in seconds or in milliseconds.
        for stamp in ["1676551869", "1676551869000"] {
            let ld = format!(
                r#"<script type="application/ld+json">{{"@type":"NewsArticle","datePublished":{stamp}}}</script>"#
            );
            assert_eq!(published(&ld).as_deref(), Some("2023-02-16T12:51:09+00:00"));
        }
        // An element marked as the date, when the page has no <time>.
        let declared = read(
            r#"<p>x</p><div class="pubdate"> 2014-11-23T16:00:00+04:00 </div>"#,
            None,
        );
        assert_eq!(
            declared.time_element.as_deref(),
            Some("2014-11-23T16:00:00+04:00")
        );
    }

    #[test]
    fn a_byline_of_several_people_in_microdata_names_them_all() {
        let person = |name: &str| {
            format!(
                r#"<span itemprop="author creator" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{name}</span></span>"#
            )
        };
        let html = format!(
            r#"<html><head><meta name="author" content="Kevin Sack"></head><body>By {} and {}, {}<p>x</p></body></html>"#,
            person("KEVIN SACK"),
            person("ADAM NOSSITER"),
            person("Sheri Fink")
        );
        assert_eq!(
            read(&html, None).authors,
            ["Kevin Sack", "Adam Nossiter", "Sheri Fink"]
        );
        // The page's statement stands when the byline does not name its author.
        let html = format!(
            r#"<html><head><meta name="author" content="Jane Doe"></head><body>{}{}</body></html>"#,
            person("A B"),
            person("C D")
        );
        assert_eq!(read(&html, None).authors, ["Jane Doe"]);
    }

    #[test]
    fn a_byline_line_names_the_writers_when_the_markup_does_not() {
        let pieces = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
        assert_eq!(
            byline_in(&pieces(&["Home", "By John Smith, Staff Writer", "Text."])),
            ["John Smith"]
        );
        assert_eq!(
            byline_in(&pieces(&["By Ann Lee and Tom O'Neill"])),
            ["Ann Lee", "Tom O'Neill"]
        );
        // A sentence that opens with "By" is no byline, nor a footer's credit.
        assert!(byline_in(&pieces(&["By Monday the river had risen two feet."])).is_empty());
        assert!(byline_in(&pieces(&["by Themegraphy"])).is_empty());
    }

    #[test]
    fn an_element_named_for_a_date_gives_the_day_when_nothing_else_does() {
        let day = |html: &str| read(html, None).stamped;
        assert_eq!(
            day(r#"<h1>T</h1><span class="date">27.01.2022</span><p>text</p>"#).as_deref(),
            Some("2022-01-27")
        );
        assert_eq!(
            day(r#"<p class="date-author">Janic Cathomen, 1.12.2021</p>"#).as_deref(),
            Some("2021-12-01")
        );
        assert_eq!(
            day(r#"<div class="post-date">March 4, 2008</div>"#).as_deref(),
            Some("2008-03-04")
        );
        assert_eq!(
            day(r#"<abbr class="published" title="2017-07-23T17:06:45+0000">23. Juli 2017</abbr>"#)
                .as_deref(),
            Some("2017-07-23")
        );
        assert_eq!(
            day(r#"<p class="datum">24. April 2020 | Nachrichten</p>"#).as_deref(),
            Some("2020-04-24")
        );
        // No such day, a number that is no day, or no element named for a date.
        assert_eq!(day(r#"<span class="date">31.02.2022</span>"#), None);
        assert_eq!(day(r#"<span class="date">Version 1.2.2022.3</span>"#), None);
        assert_eq!(day(r#"<span class="price">27.01.2022</span>"#), None);
    }

    #[test]
    fn the_url_gives_a_date_when_nothing_else_does() {
        let declared = read(
            "<p>text</p>",
            Some("https://news.example/2024/11/05/story.html"),
        );
        assert_eq!(declared.time_element.as_deref(), Some("2024-11-05"));
        let declared = read("<p>text</p>", Some("https://blog.example/home/2017/7/2/a"));
        assert_eq!(declared.time_element.as_deref(), Some("2017-07-02"));
        assert_eq!(
            read("<p>x</p>", Some("https://news.example/2024/13/05/a")).time_element,
            None
        );
        // Day first with dashes, or eight digits alone; not a longer number.
        assert_eq!(
            url_date("https://x.example/de/newsroom/23-01-2022-wierer-jubelt/17-378.html")
                .as_deref(),
            Some("2022-01-23")
        );
        assert_eq!(
            url_date("https://x.example/Reden/2003/03/20030331_Rede2.html").as_deref(),
            Some("2003-03-31")
        );
        assert_eq!(url_date("https://x.example/item/2020033112/a.html"), None);
        assert_eq!(url_date("https://x.example/item/120200331/a.html"), None);
    }

    #[test]
    fn character_references_are_decoded_once() {
        assert_eq!(unescape("Rock &amp; Roll"), "Rock & Roll");
        assert_eq!(unescape("&amp;lt;b&amp;gt;"), "&lt;b&gt;");
        assert_eq!(
            unescape("O&#39;Brien &#x2014; &quot;x&quot;"),
            "O'Brien \u{2014} \"x\""
        );
        assert_eq!(
            unescape("AT&T &unknown; & 5 &#0;"),
            "AT&T &unknown; & 5 &#0;"
        );
    }

    #[test]
    fn meta_values_are_read_from_the_dom_with_their_references_decoded_once() {
        let html = r#"<html><head>
            <meta property="og:title" content="Fish &amp;amp; chips &amp;lt;3">
            <meta name=author content='Jane Doe'>
            <link rel="Canonical" href=" https://news.example/b ">
            </head><body><figure><figcaption>Harbour<br>at dawn.<span>(AP)</span></figcaption></figure>
            <time datetime="2025-01-19">Sunday</time></body></html>"#;
        let declared = read(html, None);
        assert_eq!(declared.headline.as_deref(), Some("Fish &amp; chips &lt;3"));
        assert_eq!(declared.authors, ["Jane Doe"]);
        assert_eq!(
            declared.canonical.as_deref(),
            Some("https://news.example/b")
        );
        assert_eq!(declared.captions, ["Harbour at dawn. (AP)"]);
        assert_eq!(declared.time_element.as_deref(), Some("2025-01-19"));
    }
}
