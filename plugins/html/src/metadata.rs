//! A page's own statements about itself: JSON-LD (schema.org NewsArticle and
//! relatives), OpenGraph and article meta tags, `<time datetime>` and the URL. These
//! are read before the extraction core's guesses, in this order of trust: JSON-LD,
//! then meta tags, then the core, then `<time>` elements, then the URL.

use std::sync::LazyLock;

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
}

static JSON_LD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<script[^>]*type\s*=\s*["']?application/ld\+json["']?[^>]*>(.*?)</script>"#)
        .expect("valid regex")
});
static META: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<meta\s[^>]*>").expect("valid regex"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<link\s[^>]*>").expect("valid regex"));
static ATTRIBUTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)([a-z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#).expect("valid regex")
});
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<time[^>]*\sdatetime\s*=\s*["']([^"']+)["']"#).expect("valid regex")
});
static FIGCAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<figcaption[^>]*>(.*?)</figcaption>").expect("valid regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<[^>]*>").expect("valid regex"));
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)")
        .expect("valid regex")
});

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

fn attributes(tag: &str) -> Vec<(String, String)> {
    ATTRIBUTE
        .captures_iter(tag)
        .map(|c| {
            let value = c
                .get(2)
                .or(c.get(3))
                .or(c.get(4))
                .map_or("", |m| m.as_str());
            (c[1].to_ascii_lowercase(), unescape(value))
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .trim()
        .to_string()
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
    let mut declared = Declared::default();
    let mut found = Vec::new();
    for block in JSON_LD.captures_iter(html) {
        if let Ok(value) = serde_json::from_str::<Value>(block[1].trim()) {
            articles(&value, &mut found);
        }
    }
    if let Some(article) = found.first() {
        declared.headline = text(article.get("headline")).or_else(|| text(article.get("name")));
        declared.published = text(article.get("datePublished")).and_then(|d| iso(&d));
        declared.modified = text(article.get("dateModified")).and_then(|d| iso(&d));
        declared.authors = article.get("author").map(names).unwrap_or_default();
        declared.section = text(article.get("articleSection"));
        declared.description = text(article.get("description"));
        if let Some(keywords) = article.get("keywords") {
            declared.tags = names(keywords);
        }
    }

    let mut meta_values: Vec<(String, String)> = Vec::new();
    for tag in META.find_iter(html) {
        let attrs = attributes(tag.as_str());
        let key = attrs
            .iter()
            .find(|(k, _)| k == "property" || k == "name" || k == "itemprop")
            .map(|(_, v)| v.to_ascii_lowercase());
        let content = attrs
            .iter()
            .find(|(k, _)| k == "content")
            .map(|(_, v)| v.clone());
        if let (Some(key), Some(content)) = (key, content)
            && !content.is_empty()
        {
            meta_values.push((key, content));
        }
    }
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|key| {
            meta_values
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    };
    if declared.headline.is_none() {
        declared.headline = meta(&["og:title", "twitter:title"]);
    }
    if declared.published.is_none() {
        declared.published = meta(&[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date.issued",
            "dc.date",
            "sailthru.date",
        ])
        .and_then(|d| iso(&d));
    }
    if declared.modified.is_none() {
        declared.modified = meta(&[
            "article:modified_time",
            "og:updated_time",
            "datemodified",
            "last-modified",
        ])
        .and_then(|d| iso(&d));
    }
    if declared.authors.is_empty()
        && let Some(author) = meta(&[
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
        declared.section = meta(&["article:section", "section"]);
    }
    if declared.tags.is_empty() {
        declared.tags = meta_values
            .iter()
            .filter(|(k, _)| k == "article:tag" || k == "news_keywords" || k == "keywords")
            .flat_map(|(_, v)| names(&Value::String(v.clone())))
            .collect();
        declared.tags.dedup();
    }
    if declared.description.is_none() {
        declared.description = meta(&["og:description", "description", "twitter:description"]);
    }
    declared.canonical = LINK
        .find_iter(html)
        .map(|tag| attributes(tag.as_str()))
        .find(|attrs| {
            attrs
                .iter()
                .any(|(k, v)| k == "rel" && v.eq_ignore_ascii_case("canonical"))
        })
        .and_then(|attrs| attrs.into_iter().find(|(k, _)| k == "href").map(|(_, v)| v))
        .filter(|href| href.starts_with("http"))
        .or_else(|| meta(&["og:url"]).filter(|u| u.starts_with("http")));
    declared.time_element = TIME.captures(html).and_then(|c| iso(&c[1]));
    for caption in FIGCAPTION.captures_iter(html) {
        let text = unescape(&TAG.replace_all(&caption[1], " "))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() && !declared.captions.contains(&text) {
            declared.captions.push(text);
        }
    }
    if declared.published.is_none()
        && let Some(url) = url.or(declared.canonical.as_deref())
        && let Some(c) = URL_DATE.captures(url)
    {
        declared
            .time_element
            .get_or_insert(format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    }
    declared
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
    fn the_url_gives_a_date_when_nothing_else_does() {
        let declared = read(
            "<p>text</p>",
            Some("https://news.example/2024/11/05/story.html"),
        );
        assert_eq!(declared.time_element.as_deref(), Some("2024-11-05"));
        assert_eq!(
            read("<p>x</p>", Some("https://news.example/2024/13/05/a")).time_element,
            None
        );
    }
}
