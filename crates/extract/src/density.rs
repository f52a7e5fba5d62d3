//! Dateline's own main-text extractor, kept as a measured alternative and a fallback
//! for the extraction core: page furniture is dropped by element and by class or id,
//! each paragraph scores its container by its length and commas, link-heavy containers
//! lose, and the best container's blocks (with siblings nearly as good) are the text.

use std::collections::HashMap;
use std::sync::LazyLock;

use dom_query::{Document, NodeId, NodeRef};
use regex::Regex;

/// Class or id words of page furniture.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)comment|share|social|related|promo|advert|\bads?\b|sponsor|footer|\bnav|menu|sidebar|cookie|newsletter|subscri|breadcrumb|masthead|banner|popup|modal|byline|tags|toolbar|widget|recommend|outbrain|taboola|disqus|signup|login|print|caption")
        .expect("valid regex")
});

/// Class or id words of the article itself, which outweigh furniture words.
static CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|story|post-body|entry-content|main-content|body-text|content-body|article-body|text")
        .expect("valid regex")
});

fn text_of(node: &NodeRef) -> String {
    node.text().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn link_text_len(node: &NodeRef) -> usize {
    node.find(&["a"])
        .iter()
        .map(|a| a.text().split_whitespace().map(str::len).sum::<usize>())
        .sum()
}

/// The main text of a page, a paragraph per item.
pub fn main_text(html: &str) -> Vec<String> {
    let doc = Document::from(html);
    doc.select("script, style, noscript, iframe, svg, nav, header, footer, aside, form, button, select, figcaption, template")
        .remove();
    // A wrapper that holds most of the page is no furniture whatever its name (older
    // layouts wrap the whole page in `<div id="mastergridBanner">`).
    let page_text = doc
        .select("body")
        .nodes()
        .first()
        .map_or(0, |body| body.text().len());
    let furniture: Vec<NodeRef> = doc
        .select("[class], [id]")
        .nodes()
        .iter()
        .filter(|n| !n.has_name("body") && !n.has_name("html") && !n.has_name("article"))
        .filter(|n| {
            let words = format!(
                "{} {}",
                n.class().map(|c| c.to_string()).unwrap_or_default(),
                n.id_attr().map(|c| c.to_string()).unwrap_or_default()
            );
            FURNITURE.is_match(&words)
                && !CONTENT.is_match(&words)
                && n.text().len() * 2 < page_text
        })
        .copied()
        .collect();
    for node in furniture {
        node.remove_from_parent();
    }
    // Paragraphs vote for their container and, half as much, for its parent.
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let mut order: Vec<NodeId> = Vec::new();
    for p in doc.select("p, pre, blockquote, td").nodes() {
        let text = text_of(p);
        let length = text.chars().count();
        if length < 25 {
            continue;
        }
        let score = 1.0 + text.matches(',').count() as f64 + (length as f64 / 100.0).min(3.0);
        for (share, ancestor) in [
            (1.0, p.parent()),
            (0.5, p.parent().and_then(|q| q.parent())),
        ] {
            if let Some(a) = ancestor {
                let entry = scores.entry(a.id).or_insert_with(|| {
                    order.push(a.id);
                    0.0
                });
                *entry += score * share;
            }
        }
    }
    let all: Vec<NodeRef> = doc.select("*").nodes().to_vec();
    let by_id: HashMap<NodeId, NodeRef> = all.iter().map(|n| (n.id, *n)).collect();
    let adjusted = |id: &NodeId| -> f64 {
        let node = &by_id[id];
        let total = text_of(node).len().max(1);
        scores[id] * (1.0 - link_text_len(node) as f64 / total as f64)
    };
    let Some(best) = order
        .iter()
        .filter(|id| by_id.contains_key(id))
        .max_by(|a, b| adjusted(a).total_cmp(&adjusted(b)))
        .copied()
    else {
        return Vec::new();
    };
    let best_score = adjusted(&best);
    let best_node = by_id[&best];
    // The container and its siblings that score nearly as well.
    let mut containers = vec![best_node];
    if let Some(parent) = best_node.parent() {
        containers = parent
            .element_children()
            .into_iter()
            .filter(|c| {
                c.id == best || (scores.contains_key(&c.id) && adjusted(&c.id) >= best_score * 0.3)
            })
            .collect();
    }
    let mut out = Vec::new();
    for container in containers {
        let mut blocks: Vec<NodeRef> = container
            .descendants()
            .into_iter()
            .filter(|n| {
                ["p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre"]
                    .iter()
                    .any(|t| n.has_name(t))
            })
            .collect();
        if blocks.is_empty() {
            blocks.push(container);
        }
        for block in blocks {
            // A block inside another block is read with it.
            if block
                .ancestors(Some(4))
                .iter()
                .any(|a| ["p", "li", "blockquote"].iter().any(|t| a.has_name(t)))
            {
                continue;
            }
            let text = text_of(&block);
            let length = text.len();
            if length == 0 {
                continue;
            }
            let links = link_text_len(&block);
            if links * 2 > length || (block.has_name("li") && length < 40) {
                continue;
            }
            out.push(text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapper_named_like_furniture_is_kept() {
        let paragraph = "The constitutional court in Rome rejected on Tuesday a request, \
                         which the chamber had made, to move the case elsewhere.";
        let html = format!(
            "<html><body><div id=\"mastergridBanner\"><div class=\"login\">Hello! Edit your \
             profile</div><div class=\"textBox\"><h1>Trial goes on</h1><p>{paragraph}</p>\
             <p>{paragraph}</p><p>{paragraph}</p></div><div class=\"banner\">Advertise \
             with us today and reach many readers</div></div></body></html>"
        );
        let text = main_text(&html);
        assert!(text.iter().any(|p| p == paragraph), "{text:?}");
        assert!(!text.iter().any(|p| p.contains("Advertise")), "{text:?}");
    }
}
