//! HTML pieces: escaping, the article view with highlights, the page's style and script.

use std::fmt::Write as _;
use std::sync::LazyLock;

use base64::Engine as _;
use dateline_core::text::char_slice;
use dateline_core::{Document, EntityType};
use sha2::Digest;

/// Escapes text for an element's content.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted attribute value.
pub fn attr(text: &str) -> String {
    esc(text)
}

/// A link only for web URLs; anything else (`javascript:`, `data:`) stays text.
fn link(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!(
            "<a href=\"{}\" rel=\"noreferrer noopener\">{}</a>",
            attr(url.trim()),
            esc(url)
        )
    } else {
        esc(url)
    }
}

/// The report's style.
pub const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 1em;color:#222}\
header{border-bottom:1px solid #ccc}nav a{margin-right:1em}\
table{border-collapse:collapse;width:100%}#index td:first-child{white-space:nowrap}td,th{border-bottom:1px solid #eee;padding:2px 6px;text-align:left;vertical-align:top}\
.filters label{margin-right:.8em;white-space:nowrap}.note{background:#fff6d5;padding:.5em}\
article{border-top:2px solid #ddd;margin-top:1.5em}.meta{color:#666;font-size:13px}\
.body{white-space:pre-wrap;line-height:1.9}\
.ent{padding:1px 3px;border-radius:4px;text-decoration:none;color:inherit}\
.ent.person{background:#e1ecff}.ent.organization{background:#ffe6c9}.ent.place{background:#d9f5d9}.ent.other{background:#eee}\
.label{font-size:9px;font-weight:bold;margin-left:3px;color:#555;text-transform:uppercase;vertical-align:middle}\
.time{border-bottom:2px dotted #a64ca6}.quote{background:#f7f0fa;border-left:2px solid #a64ca6}\
.entity small{color:#888;font-weight:normal}.timeline time{font-family:monospace;margin-right:.5em}.trigger{border-bottom:2px solid #c60}\
svg text{font-size:11px}tr.story-head th{background:#f3f3f3;font-weight:normal;padding-top:.5em}\
.story h3 small{color:#888;font-weight:normal}.tone-negative{color:#b00020}.tone-positive{color:#1b7a2f}.tone-neutral{color:#666}section.entity.tone-negative h3{border-left:6px solid #d9534f;padding-left:6px}section.entity.tone-positive h3{border-left:6px solid #3c9d4e;padding-left:6px}section.entity.tone-neutral h3{border-left:6px solid #bbb;padding-left:6px}.topics{font-size:13px;color:#444}";

/// How a tone score reads: negative at -0.1 or below, positive at 0.1 or above.
pub fn tone_class(score: f64) -> &'static str {
    if score <= -0.1 {
        "negative"
    } else if score >= 0.1 {
        "positive"
    } else {
        "neutral"
    }
}

/// The report's one script: the index filters (a story's heading row shows while any of
/// its articles does). A link may preset them: `report.html#filter?topics=politics&tone=negative`
/// opens the index filtered.
pub const SCRIPT: &str = "(function(){var form=document.getElementById('filters');\
var rows=Array.prototype.slice.call(document.querySelectorAll('#index tbody tr[data-people]'));\
var heads=Array.prototype.slice.call(document.querySelectorAll('#index tbody tr.story-head'));\
var count=document.getElementById('count');\
function apply(){var f={};form.querySelectorAll('[data-filter]').forEach(function(el){f[el.getAttribute('data-filter')]=el.value;});\
var shown=0;rows.forEach(function(r){var ok=true;\
['people','organizations','places','topics'].forEach(function(k){if(f[k]&&r.getAttribute('data-'+k).indexOf('|'+f[k]+'|')<0){ok=false;}});\
if(f.source&&r.getAttribute('data-source')!==f.source){ok=false;}\
if(f.tone&&r.getAttribute('data-tone')!==f.tone){ok=false;}\
var d=r.getAttribute('data-date');if(f.from&&(!d||d<f.from)){ok=false;}if(f.to&&(!d||d>f.to)){ok=false;}\
r.hidden=!ok;if(ok){shown++;}});count.textContent=shown+' of '+rows.length+' articles';\
var open={};rows.forEach(function(r){if(!r.hidden){open[r.getAttribute('data-story')]=true;}});\
heads.forEach(function(h){h.hidden=!open[h.getAttribute('data-story')];});}\
var h=location.hash;if(h.indexOf('#filter?')===0){h.slice(8).split('&').forEach(function(p){\
var kv=p.split('=');try{var el=form.querySelector('[data-filter='+decodeURIComponent(kv[0])+']');\
if(el){el.value=decodeURIComponent(kv[1]||'');}}catch(e){}});}\
form.addEventListener('change',apply);apply();document.body.setAttribute('data-ready','1');})();";

/// The CSP source that allows exactly [`SCRIPT`].
pub fn script_hash() -> &'static str {
    static HASH: LazyLock<String> = LazyLock::new(|| {
        let digest = sha2::Sha256::digest(SCRIPT.as_bytes());
        format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    });
    &HASH
}

/// A highlighted span of the body.
struct Span {
    start: usize,
    end: usize,
    /// Quotes enclose the rest.
    outer: bool,
    open: String,
    label: String,
    close: &'static str,
}

fn entity_class(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Place => "place",
        EntityType::Other => "other",
    }
}

/// The body with entities, times and quotes marked; overlapping marks nest properly.
fn highlighted_body(doc: &Document, anchor: &dyn Fn(EntityType, &str) -> String) -> String {
    let chars: Vec<char> = doc.body.chars().collect();
    let mut spans = Vec::new();
    for quote in doc.quotes.iter().filter(|q| q.field.is_none()) {
        let speaker = quote
            .speaker
            .as_ref()
            .and_then(|id| doc.entities.iter().find(|e| &e.id == id))
            .map(|e| e.name.clone())
            .or_else(|| quote.speaker_text.clone())
            .unwrap_or_else(|| "unknown speaker".into());
        spans.push(Span {
            start: quote.start,
            end: quote.end,
            outer: true,
            open: format!(
                "<span class=\"quote\" title=\"{}\">",
                attr(&format!("quote: {speaker}"))
            ),
            label: String::new(),
            close: "</span>",
        });
    }
    for entity in &doc.entities {
        for mention in entity.mentions.iter().filter(|m| m.field.is_none()) {
            spans.push(Span {
                start: mention.start,
                end: mention.end,
                outer: false,
                open: format!(
                    "<a class=\"ent {}\" href=\"#{}\" title=\"{}\">",
                    entity_class(entity.kind),
                    attr(&anchor(entity.kind, &entity.name)),
                    attr(&entity.name)
                ),
                label: format!("<span class=\"label\">{}</span>", entity_class(entity.kind)),
                close: "</a>",
            });
        }
    }
    for event in doc.events.iter().filter(|e| e.field.is_none()) {
        spans.push(Span {
            start: event.trigger.start,
            end: event.trigger.end,
            outer: false,
            open: format!(
                "<span class=\"trigger\" title=\"{}\">",
                attr(&format!("event {}: {}", event.id, event.kind))
            ),
            label: format!("<span class=\"label\">{}</span>", esc(&event.kind)),
            close: "</span>",
        });
    }
    for time in doc.times.iter().filter(|t| t.field.is_none()) {
        spans.push(Span {
            start: time.start,
            end: time.end,
            outer: false,
            open: format!("<span class=\"time\" title=\"{}\">", attr(&time.value)),
            label: format!("<span class=\"label\">{}</span>", esc(&time.value)),
            close: "</span>",
        });
    }
    spans.retain(|s| s.start < s.end && s.end <= chars.len());
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(b.outer.cmp(&a.outer))
    });

    let mut bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    bounds.push(chars.len());
    bounds.sort_unstable();
    bounds.dedup();

    let mut out = String::with_capacity(doc.body.len() * 2);
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    let mut position = 0;
    for bound in bounds {
        out.push_str(&esc(&chars[position..bound].iter().collect::<String>()));
        position = bound;
        // Close what ends here; marks opened inside them are closed and reopened around.
        if stack.iter().any(|&i| spans[i].end == bound) {
            let mut reopen = Vec::new();
            while stack.iter().any(|&i| spans[i].end == bound) {
                let top = stack.pop().expect("non-empty");
                if spans[top].end == bound {
                    out.push_str(&spans[top].label);
                } else {
                    reopen.push(top);
                }
                out.push_str(spans[top].close);
            }
            for &i in reopen.iter().rev() {
                out.push_str(&spans[i].open);
                stack.push(i);
            }
        }
        while next < spans.len() && spans[next].start == bound {
            out.push_str(&spans[next].open);
            stack.push(next);
            next += 1;
        }
    }
    out
}

/// One article, in full.
pub fn article(
    doc: &Document,
    number: usize,
    anchor: &dyn Fn(EntityType, &str) -> String,
) -> String {
    let mut out = String::new();
    let headline = doc.headline.as_deref().unwrap_or(&doc.id);
    let _ = write!(
        out,
        "<article id=\"a-{number}\"><h3>{}</h3><p class=\"meta\">",
        esc(headline)
    );
    let mut meta = Vec::new();
    if let Some(published) = &doc.published {
        meta.push(format!("published {}", esc(published)));
    }
    if let Some(updated) = &doc.updated {
        meta.push(format!("updated {}", esc(updated)));
    }
    if let Some(dateline) = &doc.dateline {
        meta.push(format!("dateline {}", esc(&dateline.place)));
    }
    if !doc.authors.is_empty() {
        meta.push(format!("by {}", esc(&doc.authors.join(", "))));
    }
    meta.push(format!("source {}", esc(&doc.id)));
    if let Some(url) = &doc.url {
        meta.push(link(url));
    }
    out.push_str(&meta.join(" · "));
    out.push_str("</p>");
    if doc.tone.is_some() || !doc.topics.is_empty() {
        let mut parts = Vec::new();
        if let Some(tone) = &doc.tone {
            parts.push(format!(
                "tone <span class=\"tone-{0}\">{1:+.2} ({0})</span>, {2:.1}% positive and {3:.1}% negative of {4} words",
                tone_class(tone.score),
                tone.score,
                tone.positive * 100.0,
                tone.negative * 100.0,
                tone.words
            ));
        }
        if !doc.topics.is_empty() {
            let topics: Vec<String> = doc
                .topics
                .iter()
                .map(|t| format!("{} {:.2}", esc(&t.label), t.score))
                .collect();
            parts.push(format!("topics: {}", topics.join(", ")));
        }
        let _ = write!(out, "<p class=\"topics\">{}</p>", parts.join(" · "));
    }
    if !doc.summary.is_empty() {
        out.push_str("<ul class=\"summary\">");
        for item in &doc.summary {
            let _ = write!(out, "<li>{}</li>", esc(item));
        }
        out.push_str("</ul>");
    }
    let _ = write!(
        out,
        "<div class=\"body\">{}</div>",
        highlighted_body(doc, anchor)
    );
    if !doc.caption.is_empty() {
        out.push_str("<p class=\"meta\">Captions: ");
        out.push_str(
            &doc.caption
                .iter()
                .map(|c| esc(c))
                .collect::<Vec<_>>()
                .join(" · "),
        );
        out.push_str("</p>");
    }
    if !doc.quotes.is_empty() {
        out.push_str("<details><summary>Quotes</summary><ul>");
        for quote in &doc.quotes {
            let speaker = quote
                .speaker
                .as_deref()
                .and_then(|id| doc.entity(id))
                .map(|e| entity_link(e, anchor))
                .or_else(|| quote.speaker_text.as_deref().map(esc))
                .unwrap_or_else(|| "?".into());
            let place = match quote.field.as_deref() {
                Some("headline") => " <small>(headline)</small>",
                Some(_) => " <small>(summary)</small>",
                None => "",
            };
            let _ = write!(out, "<li>{speaker}: “{}”{place}</li>", esc(&quote.text));
        }
        out.push_str("</ul></details>");
    }
    if !doc.events.is_empty() {
        out.push_str(&events_list(doc, anchor));
    }
    out.push_str("</article>\n");
    out
}

/// A link to an entity's page, with its name.
fn entity_link(
    entity: &dateline_core::Entity,
    anchor: &dyn Fn(EntityType, &str) -> String,
) -> String {
    format!(
        "<a href=\"#{}\">{}</a>",
        attr(&anchor(entity.kind, &entity.name)),
        esc(&entity.name)
    )
}

/// The article's events: type, who to whom, where, when, and the sentence as evidence.
fn events_list(doc: &Document, anchor: &dyn Fn(EntityType, &str) -> String) -> String {
    let party = |a: &Option<dateline_core::Argument>| -> String {
        let Some(a) = a else { return "?".into() };
        a.entity
            .as_deref()
            .and_then(|id| doc.entity(id))
            .map_or_else(|| esc(&a.text), |e| entity_link(e, anchor))
    };
    let mut out = String::from("<details><summary>Events</summary><ul class=\"events\">");
    for event in &doc.events {
        let text = doc
            .field_text(event.field.as_deref().unwrap_or("body"))
            .unwrap_or("");
        let evidence = char_slice(text, event.evidence[0], event.evidence[1]);
        let _ = write!(
            out,
            "<li><b>{}</b>{} ({}): {} \u{2192} {}",
            esc(&event.kind),
            if event.negated { " <i>not</i>" } else { "" },
            esc(&event.trigger.text),
            party(&event.source),
            party(&event.target)
        );
        if event.place.is_some() {
            let _ = write!(out, " in {}", party(&event.place));
        }
        if let Some(time) = &event.time {
            let _ = write!(
                out,
                " <time>{}</time>",
                esc(time.value.as_deref().unwrap_or(&time.text))
            );
        }
        if event.mode != dateline_core::EventMode::Asserted {
            let _ = write!(out, " <i>{}</i>", event.mode.as_str());
        }
        let _ = write!(out, "<br><small>{}</small></li>", esc(evidence));
    }
    out.push_str("</ul></details>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert!(
            link("https://example.com/a?b=1&c=2")
                .starts_with("<a href=\"https://example.com/a?b=1&amp;c=2\"")
        );
    }
}
