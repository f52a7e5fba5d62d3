//! The `times` enricher on TimeML (TempEval-3 TBAQ-cleaned: TimeBank and AQUAINT):
//! detection F1 strict and relaxed, and value F1, scored as TempEval-3 Task A scores
//! them, with each document's creation time as the anchor. The TempEval-3 platinum test
//! set is held out and never read here.

use std::path::Path;
use std::sync::LazyLock;

use anyhow::Result;
use regex::Regex;

use super::{Gate, metric};

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(/?)([A-Za-z0-9]+)([^>]*)>").expect("valid regex"));
static ATTR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(\w+)="([^"]*)""#).expect("valid regex"));

/// A gold or found time expression in a document's plain text (byte offsets).
#[derive(Debug, Clone)]
struct Timex {
    start: usize,
    end: usize,
    kind: String,
    value: String,
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The DCT value, the plain text and the gold TIMEX3s of a TimeML document.
fn read_tml(source: &str) -> Option<(String, String, Vec<Timex>)> {
    let dct_start = source.find("<DCT>")?;
    let dct = &source[dct_start..source[dct_start..].find("</DCT>")? + dct_start];
    let dct_value = ATTR
        .captures_iter(dct)
        .find(|c| &c[1] == "value")
        .map(|c| c[2].to_string())?;
    let text_start = source.find("<TEXT>")? + "<TEXT>".len();
    let text_end = source.find("</TEXT>")?;
    let inner = &source[text_start..text_end];
    let mut plain = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut last = 0;
    for caps in TAG.captures_iter(inner) {
        let whole = caps.get(0)?;
        plain.push_str(&unescape(&inner[last..whole.start()]));
        last = whole.end();
        if &caps[2] != "TIMEX3" {
            continue;
        }
        if &caps[1] == "/" {
            if let Some((start, kind, value)) = open.take() {
                gold.push(Timex {
                    start,
                    end: plain.len(),
                    kind,
                    value,
                });
            }
        } else {
            let attrs: Vec<(String, String)> = ATTR
                .captures_iter(&caps[3])
                .map(|c| (c[1].to_string(), c[2].to_string()))
                .collect();
            let get = |name: &str| {
                attrs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            open = Some((plain.len(), get("type"), get("value")));
        }
    }
    plain.push_str(&unescape(&inner[last..]));
    Some((dct_value, plain, gold))
}

#[derive(Default)]
struct Score {
    gold: usize,
    system: usize,
    strict: usize,
    relaxed: usize,
    value: usize,
    kind: usize,
}

fn score(gold: &[Timex], found: &[Timex], total: &mut Score, text: &str, show: bool) {
    if show {
        // DATELINE_EVAL_ERRORS=1: every miss, false alarm and wrong value, for grammar work.
        for g in gold
            .iter()
            .filter(|g| !found.iter().any(|f| f.start < g.end && g.start < f.end))
        {
            eprintln!("missed\t{}\t{}", &text[g.start..g.end], g.value);
        }
        for f in found {
            match gold.iter().find(|g| f.start < g.end && g.start < f.end) {
                None => eprintln!("extra\t{}\t{}", &text[f.start..f.end], f.value),
                Some(g) if g.value != f.value => {
                    eprintln!(
                        "value\t{}\t{}\t(gold {}: {})",
                        &text[f.start..f.end],
                        f.value,
                        &text[g.start..g.end],
                        g.value
                    )
                }
                _ => {}
            }
        }
    }
    total.gold += gold.len();
    total.system += found.len();
    for f in found {
        if gold.iter().any(|g| g.start == f.start && g.end == f.end) {
            total.strict += 1;
        }
        if let Some(g) = gold.iter().find(|g| f.start < g.end && g.start < f.end) {
            total.relaxed += 1;
            total.value += usize::from(g.value == f.value);
            total.kind += usize::from(g.kind == f.kind);
        }
    }
}

fn f1(hits: usize, system: usize, gold: usize) -> f64 {
    let p = hits as f64 / system.max(1) as f64;
    let r = hits as f64 / gold.max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

pub fn run(corpus: &Path) -> Result<bool> {
    let root = corpus.join("tempeval3/TBAQ-cleaned");
    if !root.exists() {
        return Ok(true);
    }
    let mut passed = true;
    let show = std::env::var_os("DATELINE_EVAL_ERRORS").is_some();
    for set in ["TimeBank", "AQUAINT"] {
        let mut total = Score::default();
        let mut files: Vec<_> = std::fs::read_dir(root.join(set))?
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        {
            let Some((dct, text, gold)) = read_tml(&std::fs::read_to_string(path)?) else {
                continue;
            };
            let Some(anchor) = dateline_times::date_of(&dct) else {
                continue;
            };
            let found: Vec<Timex> = dateline_times::find(&text, anchor)
                .into_iter()
                .map(|(start, end, n)| Timex {
                    start,
                    end,
                    kind: format!("{:?}", n.kind).to_uppercase(),
                    value: n.value,
                })
                .collect();
            score(&gold, &found, &mut total, &text, show);
        }
        let dataset = format!("tempeval3-tbaq-{}", set.to_lowercase());
        metric(
            "times",
            &dataset,
            "strict_f1",
            f1(total.strict, total.system, total.gold),
            Gate::None,
        );
        passed &= metric(
            "times",
            &dataset,
            "relaxed_f1",
            f1(total.relaxed, total.system, total.gold),
            Gate::AtLeast(0.85),
        );
        passed &= metric(
            "times",
            &dataset,
            "value_f1",
            f1(total.value, total.system, total.gold),
            Gate::AtLeast(0.65),
        );
        metric(
            "times",
            &dataset,
            "type_accuracy",
            total.kind as f64 / total.relaxed.max(1) as f64,
            Gate::None,
        );
        metric(
            "times",
            &dataset,
            "gold_expressions",
            total.gold as f64,
            Gate::None,
        );
    }
    Ok(passed)
}
