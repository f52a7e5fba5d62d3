//! The extraction cores side by side on trafilatura-eval, scored as the `html`
//! evaluation scores the shipped one (snippets that must and must not appear):
//! rs-trafilatura (the core alone), dom_smoothie (a port of readability.js), Dateline's own
//! density extractor, the core with the own extractor as its fallback on pages where the
//! core finds next to nothing, the core's paragraphs that another extractor also keeps,
//! and the `html` source as it ships (the fallback, and the paragraphs at either end of
//! the core's text kept only when another extractor or their prose vouches for them, the
//! furniture, read-also and comments lines dropped, layout tables read as `<div>`s, and
//! the text the other two agree on where the core's is mostly unconfirmed, short lines
//! inside it that are no sentence and that neither other extractor keeps dropped). One
//! JSON line per core; no gate: this is the measurement the choice of core rests on.

use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::html::gunzip;

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fn_: usize,
    fp: usize,
    pages: usize,
    empty: usize,
    seconds: f64,
}

const CORES: [&str; 12] = [
    "rs-trafilatura",
    "dom_smoothie",
    "dateline-density",
    "rs-trafilatura+density-fallback",
    "rs-trafilatura-confirmed",
    "rs-trafilatura+density-fallback+confirmed-edges",
    "rs-trafilatura+density-fallback+confirmed-edges+no-furniture-around",
    "rs-trafilatura+density-fallback+confirmed-edges+no-furniture-around+no-read-also",
    "rs-trafilatura+density-fallback+confirmed-edges+no-furniture-around+no-read-also+no-comments-or-ads",
    "rs-trafilatura+density-fallback+confirmed-edges+no-furniture-around+no-read-also+no-comments-or-ads+layout-tables-as-divs",
    "rs-trafilatura+density-fallback+confirmed-edges+no-furniture-around+no-read-also+no-comments-or-ads+layout-tables-as-divs+agreed-text",
    "rs-trafilatura+density-fallback+confirmed-edges+no-furniture-around+no-read-also+no-comments-or-ads+layout-tables-as-divs+agreed-text+no-unconfirmed-lines (shipped)",
];

fn texts(bytes: &[u8], url: &str) -> [(String, f64); CORES.len()] {
    let timed = |f: &dyn Fn() -> String| {
        let started = std::time::Instant::now();
        let text = f();
        (text, started.elapsed().as_secs_f64())
    };
    let html = dateline_extract::charset::decode(bytes, None).text;
    // The core alone, as it comes.
    let core = timed(&|| dateline_extract::core_text(bytes, Some(url)));
    let smoothie = timed(&|| {
        dom_smoothie::Readability::new(html.as_str(), Some(url), None)
            .ok()
            .and_then(|mut r| r.parse().ok())
            .map_or(String::new(), |a| a.text_content.to_string())
    });
    let density = timed(&|| dateline_extract::density::main_text(&html).join("\n"));
    // The core with the own extractor as its fallback; that, with the paragraphs at either
    // end confirmed by another extractor; and what the `html` source ships: that, without
    // the short lines that are no sentence above the first paragraph and below the last.
    // Each addition turned on after those before it, in the order of `CORES`.
    let with = |additions: usize| {
        timed(&|| {
            dateline_extract::extract_with(
                bytes,
                None,
                Some(url),
                dateline_extract::Options {
                    confirm_edges: additions >= 1,
                    drop_furniture: additions >= 2,
                    drop_read_also: additions >= 3,
                    drop_comments_and_ads: additions >= 4,
                    modernize_layout: additions >= 5,
                    take_agreed_text: additions >= 6,
                    drop_unconfirmed_lines: additions >= 7,
                },
            )
            .map_or(String::new(), |e| e.paragraphs.join("\n"))
        })
    };
    let fallback = with(0);
    let edges = with(1);
    let no_furniture = with(2);
    let no_read_also = with(3);
    let no_comments = with(4);
    let layout = with(5);
    let agreed = with(6);
    let shipped = with(7);
    // The core's paragraphs that another extractor also keeps (when that leaves most of
    // the text): a vote against furniture the core alone lets in.
    let others = format!("{}\n{}", smoothie.0, density.0);
    let others = others.split_whitespace().collect::<Vec<_>>().join(" ");
    let kept: Vec<&str> = core
        .0
        .split('\n')
        .filter(|p| others.contains(&p.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    let kept_len: usize = kept.iter().map(|p| p.len()).sum();
    let confirmed = if kept_len * 2 >= core.0.len() {
        (kept.join("\n"), core.1 + smoothie.1 + density.1)
    } else {
        (core.0.clone(), core.1 + smoothie.1 + density.1)
    };
    [
        core,
        smoothie,
        density,
        fallback,
        confirmed,
        edges,
        no_furniture,
        no_read_also,
        no_comments,
        layout,
        agreed,
        shipped,
    ]
}

/// Scores every core.
pub fn run(corpus: &Path) -> Result<bool> {
    let root = corpus.join("trafilatura-eval");
    if !super::present(&root)? {
        return Ok(true);
    }
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("evaldata.json"))?)?;
    let pages: Vec<(&String, &serde_json::Value)> =
        data.as_object().context("an object")?.iter().collect();
    let per_page = pages
        .par_iter()
        .map(|(url, page)| -> Result<[Counts; CORES.len()]> {
            let file = page["file"].as_str().context("file")?;
            let bytes = gunzip(&root.join("html").join(format!("{file}.gz")))?;
            let outputs = texts(&bytes, url);
            let mut counts = [Counts::default(); CORES.len()];
            for (c, (text, seconds)) in counts.iter_mut().zip(outputs) {
                let checked = super::html::check_snippets(&text, page);
                let (tp, fn_, fp) = (checked.found, checked.missed.len(), checked.let_in.len());
                *c = Counts {
                    tp,
                    fn_,
                    fp,
                    pages: 1,
                    empty: usize::from(text.trim().is_empty()),
                    seconds,
                };
            }
            Ok(counts)
        })
        .collect::<Result<Vec<_>>>()?;
    for (i, name) in CORES.iter().enumerate() {
        let t = per_page.iter().fold(Counts::default(), |mut a, c| {
            let c = c[i];
            a.tp += c.tp;
            a.fn_ += c.fn_;
            a.fp += c.fp;
            a.pages += c.pages;
            a.empty += c.empty;
            a.seconds += c.seconds;
            a
        });
        let (precision, recall, f1) = super::prf(t.tp, t.tp + t.fp, t.tp, t.tp + t.fn_);
        let round = |x: f64| (x * 10000.0).round() / 10000.0;
        println!(
            "{}",
            serde_json::json!({"eval": "html-cores", "dataset": "trafilatura-eval", "core": name,
                "precision": round(precision), "recall": round(recall), "f1": round(f1),
                "pages": t.pages, "empty_pages": t.empty, "ms_per_page": round(t.seconds * 1000.0 / t.pages.max(1) as f64)})
        );
    }
    Ok(true)
}
