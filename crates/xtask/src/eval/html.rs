//! The `html` source on real pages: main-text extraction scored as trafilatura scores
//! its evaluation set (snippets that must and must not appear), and metadata (title,
//! date, authors) on that set and on the goose3 fixtures.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::{Gate, metric};

/// The bytes of a gzip file.
pub fn gunzip(path: &Path) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(path).with_context(|| path.display().to_string())?,
    )
    .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A page's snippets as a text fares against them: the must-appear ones missed and the
/// must-not-appear ones let in (whitespace folded on both sides; case counts).
#[derive(Debug, Default)]
pub struct Snippets {
    /// Must-appear snippets found.
    pub found: usize,
    /// Must-appear snippets missed.
    pub missed: Vec<String>,
    /// Must-not-appear snippets let in.
    pub let_in: Vec<String>,
    /// Must-not-appear snippets kept out.
    pub kept_out: usize,
}

/// How a text fares against a trafilatura-eval page's snippets: the one scorer of `eval
/// html` and `eval html-cores`.
pub fn check_snippets(text: &str, page: &serde_json::Value) -> Snippets {
    let fold = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = fold(text);
    let list = |key: &str| -> Vec<String> {
        page[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
            .map(fold)
            .collect()
    };
    let (found, missed): (Vec<String>, Vec<String>) = list("with")
        .into_iter()
        .partition(|s| text.contains(s.as_str()));
    let (let_in, kept_out): (Vec<String>, Vec<String>) = list("without")
        .into_iter()
        .partition(|s| text.contains(s.as_str()));
    Snippets {
        found: found.len(),
        missed,
        let_in,
        kept_out: kept_out.len(),
    }
}

/// Whether a page declares the markup sites were written in until about 2012, HTML 4.01
/// or XHTML 1.x: the closest this set comes to the news pages of 2008 (layout tables,
/// link lists and comments around the article).
fn older_markup(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    head.find("<!doctype").is_some_and(|at| {
        let doctype = &head[at..head[at..].find('>').map_or(head.len(), |end| at + end)];
        ["html 4.01", "xhtml 1.0", "xhtml 1.1"]
            .iter()
            .any(|version| doctype.contains(version))
    })
}

/// Main text (body with headline) and metadata of one page, as Dateline extracts them.
fn extract(bytes: &[u8], url: Option<&str>) -> (String, dateline_extract::Extracted) {
    match dateline_extract::extract(bytes, None, url) {
        Ok(extracted) => (extracted.paragraphs.join("\n"), extracted),
        Err(_) => (String::new(), dateline_extract::Extracted::default()),
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fn_: usize,
    fp: usize,
    tn: usize,
    /// The snippet counts (tp, fn, fp) of pages in older markup (see [`older_markup`]).
    older: (usize, usize, usize),
    older_pages: usize,
    title: (usize, usize),
    date: (usize, usize),
    author: (usize, usize),
}

/// Scores the shipped pipeline on trafilatura-eval and the goose3 fixtures, and on any
/// folder given by path in either layout (`evaldata.json` with `html/*.gz`, or goose3's
/// folders of JSON fixtures).
pub fn run(corpus: &Path, extra: &[PathBuf]) -> Result<bool> {
    let mut passed = true;
    let root = corpus.join("trafilatura-eval");
    if super::present(&root)? {
        // The floor guards against regressions; the goal is the best peers' 0.97 on news pages.
        // Title, date and author floors: what the page's own statements give now.
        passed &= trafilatura_layout(
            &root,
            "trafilatura-eval",
            // All pages; those in older markup (78 of 990).
            (Gate::AtLeast(0.914), Gate::AtLeast(0.918)),
            (
                Gate::AtLeast(0.712),
                Gate::AtLeast(0.73),
                Gate::AtLeast(0.598),
            ),
        )?;
    }
    let goose = corpus.join("goose3-fixtures");
    if super::present(&goose)? {
        // Where the article's text starts on older, cluttered pages (share bars, tag lists).
        // Dates: 9 of 12 pages; one more miss fails.
        passed &= goose_layout(
            &goose,
            "goose3-fixtures",
            Gate::AtLeast(0.75),
            Gate::AtLeast(0.74),
        )?;
    }
    for path in extra {
        let name = path.display().to_string();
        if path.join("evaldata.json").exists() {
            trafilatura_layout(
                path,
                &name,
                (Gate::None, Gate::None),
                (Gate::None, Gate::None, Gate::None),
            )?;
        } else {
            goose_layout(path, &name, Gate::None, Gate::None)?;
        }
    }
    Ok(passed)
}

/// A page set in trafilatura's evaluation layout.
fn trafilatura_layout(
    root: &Path,
    dataset: &str,
    (gate, older_gate): (Gate, Gate),
    meta_gates: (Gate, Gate, Gate),
) -> Result<bool> {
    let mut passed = true;
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("evaldata.json"))?)?;
    let pages: Vec<(&String, &serde_json::Value)> =
        data.as_object().context("an object")?.iter().collect();
    let started = std::time::Instant::now();
    let show = std::env::var_os("DATELINE_EVAL_MISSES").is_some();
    let counts = pages
        .par_iter()
        .map(|(url, page)| -> Result<Counts> {
            let file = page["file"].as_str().context("file")?;
            let bytes = gunzip(&root.join("html").join(format!("{file}.gz")))?;
            let (text, meta) = extract(&bytes, Some(url));
            let checked = check_snippets(&text, page);
            if show {
                // What the extraction got wrong, page by page.
                for (what, list) in [("missed", &checked.missed), ("let in", &checked.let_in)] {
                    for snippet in list {
                        eprintln!("{file}\t{url}\t{what}\t{snippet}");
                    }
                }
            }
            let mut c = Counts {
                tp: checked.found,
                fn_: checked.missed.len(),
                fp: checked.let_in.len(),
                tn: checked.kept_out,
                ..Counts::default()
            };
            if older_markup(&bytes) {
                c.older = (c.tp, c.fn_, c.fp);
                c.older_pages = 1;
            }
            let page_name = format!("{file}\t{url}");
            if let Some(title) = page["title"].as_str() {
                let right = meta.title.as_deref().map(normalize) == Some(normalize(title));
                tally(
                    &mut c.title,
                    right,
                    &page_name,
                    "title",
                    &title,
                    &meta.title,
                );
            }
            if let Some(date) = page["date"].as_str() {
                let right = date_right(meta.published.as_deref(), date, |found| {
                    found.starts_with(date)
                });
                tally(
                    &mut c.date,
                    right,
                    &page_name,
                    "date",
                    &date,
                    &meta.published,
                );
            }
            if let Some(author) = page["author"].as_str() {
                let right = normalize(&meta.authors.join("; ")) == normalize(author);
                tally(
                    &mut c.author,
                    right,
                    &page_name,
                    "author",
                    &author,
                    &meta.authors,
                );
            }
            Ok(c)
        })
        .collect::<Result<Vec<_>>>()?;
    let total = counts.iter().fold(Counts::default(), |mut a, c| {
        a.tp += c.tp;
        a.fn_ += c.fn_;
        a.fp += c.fp;
        a.tn += c.tn;
        a.older.0 += c.older.0;
        a.older.1 += c.older.1;
        a.older.2 += c.older.2;
        a.older_pages += c.older_pages;
        for (x, y) in [
            (&mut a.title, c.title),
            (&mut a.date, c.date),
            (&mut a.author, c.author),
        ] {
            x.0 += y.0;
            x.1 += y.1;
        }
        a
    });
    let (precision, recall, f1) = super::prf(
        total.tp,
        total.tp + total.fp,
        total.tp,
        total.tp + total.fn_,
    );
    let accuracy =
        (total.tp + total.tn) as f64 / (total.tp + total.tn + total.fp + total.fn_).max(1) as f64;
    let set = dataset;
    metric("html", set, "precision", precision, Gate::None);
    metric("html", set, "recall", recall, Gate::None);
    // The floor guards against regressions; the goal is the best peers' 0.97 on news pages.
    passed &= metric("html", set, "f1", f1, gate);
    metric("html", set, "accuracy", accuracy, Gate::None);
    // The pages in older markup alone, as the held-out news pages of 2008 are.
    let (tp, fn_, fp) = total.older;
    let older = format!("{set}-older-markup");
    let (older_p, older_r, older_f1) = super::prf(tp, tp + fp, tp, tp + fn_);
    metric(
        "html",
        &older,
        "pages",
        total.older_pages as f64,
        Gate::None,
    );
    metric("html", &older, "precision", older_p, Gate::None);
    metric("html", &older, "recall", older_r, Gate::None);
    passed &= metric("html", &older, "f1", older_f1, older_gate);
    // The page's metadata, gated where the shipped set is judged (`meta_gates`).
    passed &= metric(
        "html",
        set,
        "title_exact",
        total.title.0 as f64 / total.title.1.max(1) as f64,
        meta_gates.0,
    );
    passed &= metric(
        "html",
        set,
        "date_day",
        total.date.0 as f64 / total.date.1.max(1) as f64,
        meta_gates.1,
    );
    passed &= metric(
        "html",
        set,
        "author_exact",
        total.author.0 as f64 / total.author.1.max(1) as f64,
        meta_gates.2,
    );
    metric(
        "html",
        set,
        "pages_per_second",
        pages.len() as f64 / started.elapsed().as_secs_f64(),
        Gate::None,
    );
    Ok(passed)
}

/// Whether the date found on a page is the gold one (`same` compares them): an empty gold
/// date says the page gives none, so only finding none is right there (and `same` is not
/// asked: any date starts with "").
fn date_right(found: Option<&str>, gold: &str, same: impl Fn(&str) -> bool) -> bool {
    match found {
        Some(found) => !gold.is_empty() && same(found),
        None => gold.is_empty(),
    }
}

/// Counts one judged field of a page (right, of all) and, with `DATELINE_EVAL_MISSES`
/// set, prints what was wanted and found when it is wrong.
fn tally(
    count: &mut (usize, usize),
    right: bool,
    page: &dyn std::fmt::Display,
    field: &str,
    wanted: &dyn std::fmt::Debug,
    found: &dyn std::fmt::Debug,
) {
    count.1 += 1;
    count.0 += usize::from(right);
    if !right && std::env::var_os("DATELINE_EVAL_MISSES").is_some() {
        eprintln!("{page}\t{field}\twanted {wanted:?}\tfound {found:?}");
    }
}

/// A page set in goose3's fixture layout.
fn goose_layout(goose: &Path, dataset: &str, text_gate: Gate, date_gate: Gate) -> Result<bool> {
    let (mut title, mut date, mut authors, mut text) = ((0, 0), (0, 0), (0, 0), (0, 0));
    for folder in std::fs::read_dir(goose)?
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        for entry in std::fs::read_dir(folder.path())?.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let fixture: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path)?)?;
            let html = path.with_extension("html.gz");
            if !html.exists() {
                continue;
            }
            let (body, meta) = extract(&gunzip(&html)?, fixture["url"].as_str());
            let expected = &fixture["expected"];
            if let Some(t) = expected["title"].as_str().filter(|t| !t.is_empty()) {
                let right = meta.title.as_deref().map(normalize) == Some(normalize(t));
                tally(&mut title, right, &path.display(), "title", &t, &meta.title);
            }
            if let Some(d) = expected["publish_date"].as_str() {
                let right = date_right(meta.published.as_deref(), d, |found| {
                    found.get(..10) == d.get(..10)
                });
                tally(
                    &mut date,
                    right,
                    &path.display(),
                    "date",
                    &d,
                    &meta.published,
                );
            }
            if let Some(list) = expected["authors"].as_array() {
                let want: Vec<String> = list
                    .iter()
                    .filter_map(|a| a.as_str())
                    .map(normalize)
                    .collect();
                let got: Vec<String> = meta.authors.iter().map(|a| normalize(a)).collect();
                tally(
                    &mut authors,
                    want == got,
                    &path.display(),
                    "authors",
                    &want,
                    &got,
                );
            }
            if let Some(prefix) = expected["cleaned_text"].as_str().filter(|t| !t.is_empty()) {
                text.1 += 1;
                let prefix: String = normalize(prefix).chars().take(100).collect();
                let body = normalize(&body);
                let starts = body.starts_with(&prefix);
                text.0 += usize::from(starts);
                if !starts && std::env::var_os("DATELINE_EVAL_MISSES").is_some() {
                    let found: String = body.chars().take(100).collect();
                    eprintln!(
                        "{}\twanted\t{prefix}\n{}\tfound\t{found}",
                        path.display(),
                        path.display()
                    );
                }
            }
        }
    }
    let rate = |(hit, all): (usize, usize)| hit as f64 / all.max(1) as f64;
    metric("html", dataset, "title_exact", rate(title), Gate::None);
    let dates_passed = metric("html", dataset, "date_day", rate(date), date_gate);
    metric("html", dataset, "authors_exact", rate(authors), Gate::None);
    let text_passed = metric("html", dataset, "text_prefix", rate(text), text_gate);
    Ok(dates_passed && text_passed)
}

#[cfg(test)]
mod tests {
    use super::date_right;

    #[test]
    fn a_page_without_a_date_is_right_only_when_none_is_found() {
        let by_day = |gold: &'static str| move |found: &str| found.starts_with(gold);
        assert!(date_right(None, "", by_day("")));
        assert!(!date_right(Some("2020-01-10"), "", by_day("")));
        assert!(date_right(
            Some("2020-01-10T01:00"),
            "2020-01-10",
            by_day("2020-01-10")
        ));
        assert!(!date_right(None, "2020-01-10", by_day("2020-01-10")));
        assert!(!date_right(
            Some("2019-01-10"),
            "2020-01-10",
            by_day("2020-01-10")
        ));
    }
}
