//! Pages nested deeper than any real article are flattened before they are parsed.
//!
//! The HTML libraries under the extraction walk the element tree recursively, so a page of
//! 100,000 nested `<div>`s overflowed a worker's stack and aborted the whole run. Real pages
//! nest a few dozen elements deep; past [`MAX_DEPTH`], the tags (never the text) of the
//! deeper elements are dropped, so the page still yields its words and costs one warning.
//!
//! Depth is counted with a single scan of the markup, as a browser would open and close
//! elements, minus its repairs: void elements (`<br>`, `<img>`) and self-closing tags open
//! nothing, elements whose end tag is optional (`<p>`, `<li>`, `<td>`...) are not counted
//! (a parser closes them by itself), and the contents of `<script>`, `<style>` and the other
//! raw-text elements and of comments are skipped whole.

use std::borrow::Cow;

/// The deepest element nesting kept as it is.
pub const MAX_DEPTH: usize = 512;

/// Elements that never have contents.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];
/// Elements whose end tag may be left out: a parser closes them when the next one starts.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "tbody", "thead", "tfoot", "rb",
    "rt", "rp", "rtc", "colgroup", "caption",
];
/// Elements whose contents are text up to their own end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The page with every element deeper than `max` reduced to its contents, and the depth the
/// page reached; the page itself (borrowed) when it stays within `max`.
///
/// ```
/// use dateline_extract::nesting::flatten;
///
/// let deep = format!("{}<p>text</p>{}", "<div>".repeat(5), "</div>".repeat(5));
/// let (flat, depth) = flatten(&deep, 2);
/// assert_eq!(depth, 5);
/// assert_eq!(flat, "<div><div><p>text</p></div></div>");
/// ```
pub fn flatten(html: &str, max: usize) -> (Cow<'_, str>, usize) {
    let deepest = scan(html, max, None);
    if deepest <= max {
        return (Cow::Borrowed(html), deepest);
    }
    let mut out = String::with_capacity(html.len());
    scan(html, max, Some(&mut out));
    (Cow::Owned(out), deepest)
}

/// One pass over the markup: returns the deepest nesting; with `out`, writes the page
/// without the tags of elements deeper than `max`.
fn scan(html: &str, max: usize, mut out: Option<&mut String>) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut dropped) = (0usize, 0usize, 0usize);
    let mut at = 0;
    let mut copied = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            at = find(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let Some(first) = bytes.get(name_start) else {
            break;
        };
        if !first.is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let end = tag_end(bytes, name_start);
        let name_end = bytes[name_start..end]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
            .map_or(end, |p| name_start + p);
        let name = html[name_start..name_end].to_ascii_lowercase();
        let after = (end + 1).min(bytes.len());
        let mut keep = true;
        if closing {
            if !VOID.contains(&name.as_str()) && !OPTIONAL_END.contains(&name.as_str()) {
                if dropped > 0 {
                    dropped -= 1;
                    keep = false;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            // Its text may hold anything that looks like a tag; skip to its end tag.
            // (It opens nothing that counts: its end tag is passed over with it.)
            let close = format!("</{name}");
            at = find_ignoring_case(bytes, after, close.as_bytes()).map_or(bytes.len(), |at| {
                (tag_end(bytes, at + 2) + 1).min(bytes.len())
            });
            continue;
        } else {
            let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
            let opens = !self_closing
                && !VOID.contains(&name.as_str())
                && !OPTIONAL_END.contains(&name.as_str());
            if opens {
                if depth >= max {
                    dropped += 1;
                    keep = false;
                    deepest = deepest.max(depth + dropped);
                } else {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
        }
        if !keep && let Some(out) = out.as_deref_mut() {
            out.push_str(&html[copied..start]);
            copied = after;
        }
        at = after;
    }
    if let Some(out) = out {
        out.push_str(&html[copied..]);
    }
    deepest
}

/// The index of the `>` that ends the tag whose name starts at `from` (quoted attribute
/// values may hold `>`), or the end of the page.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return i,
            None => {}
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

fn find_ignoring_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let haystack = bytes.get(from..)?;
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<html><head><title>A <b> title</title><script>if (a<b) { x = '<div>'; }</script>\
                    </head><body><ul><li>one<li>two</ul><p>Text<br>more<img src=\"a>b\"/>\
                    <!-- <div><div> --></p></body></html>";
        let (flat, depth) = flatten(page, 3);
        assert!(matches!(flat, Cow::Borrowed(_)));
        assert_eq!(depth, 3, "html, body, ul");
    }

    #[test]
    fn a_deep_page_keeps_its_text_and_loses_only_deep_tags() {
        let n = 100_000;
        let page = format!(
            "<body>{}<p>Deep text.</p>{}<p>After.</p></body>",
            "<div class='x'>".repeat(n),
            "</div>".repeat(n)
        );
        let (flat, depth) = flatten(&page, MAX_DEPTH);
        assert_eq!(depth, n + 1);
        assert_eq!(flat.matches("<div").count(), MAX_DEPTH - 1);
        assert_eq!(flat.matches("</div>").count(), MAX_DEPTH - 1);
        assert!(flat.contains("<p>Deep text.</p>") && flat.ends_with("<p>After.</p></body>"));
        let (_, again) = flatten(&flat, MAX_DEPTH);
        assert_eq!(again, MAX_DEPTH, "flattened once is flat");
    }

    /// The page with every tag taken out: what flattening must keep.
    fn text_of(html: &str) -> String {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        text
    }

    proptest::proptest! {
        #[test]
        fn flattening_bounds_the_depth_and_keeps_the_text(
            tokens in proptest::collection::vec(
                proptest::sample::select(vec![
                    "<div>", "</div>", "<span class=\"a\">", "</span>", "<p>", "</p>",
                    "<br>", "<img src=x/>", "words ", "<li>", "</li>", "<section>",
                ]),
                0..400,
            ),
            max in 1usize..6,
        ) {
            let page: String = tokens.concat();
            let (flat, _) = flatten(&page, max);
            let (_, depth) = flatten(&flat, max);
            proptest::prop_assert!(depth <= max, "depth {} after flattening to {}", depth, max);
            proptest::prop_assert_eq!(text_of(&flat), text_of(&page));
        }
    }

    #[test]
    fn unclosed_and_broken_markup_does_not_panic() {
        for page in [
            "<",
            "<div",
            "<div class=\"",
            "</",
            "<!--",
            "<script>",
            "<a<b<c",
            "é<é>",
        ] {
            let _ = flatten(page, 1);
        }
    }
}
