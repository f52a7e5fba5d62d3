//! `cargo xtask bench` (or `bench summary`): the performance figures Dateline is judged by,
//! in one table, each the median of several whole-process runs of the release binary:
//!
//! - start-up: the default pipeline on one article, one core (CPU time and peak memory);
//! - the NLP path: the default pipeline's enrichers (entities, times, quotes, events, tone,
//!   topics) over
//!   the first 400 BBC articles and over all 2,225, one core, start-up included, in words
//!   per CPU second;
//! - text -> JSONL over the 2,225 BBC files against the copy limit (the same bytes read
//!   and written back unparsed), on one core and on two.
//!
//! docs/performance.md says what each figure means, its target, and how to reproduce it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::bench::{self, list_files, middle, run_pinned};
use crate::paths::{corpus_root, repo_root};

/// The NLP path over some articles: words per CPU second, start-up included.
struct NlpPath {
    articles: usize,
    words: usize,
    cpu_s: f64,
    wall_s: f64,
    peak_mb: f64,
}

impl NlpPath {
    fn words_per_cpu_s(&self) -> f64 {
        self.words as f64 / self.cpu_s
    }
}

pub fn run() -> Result<()> {
    let binary = bench::build_release()?;
    let startup = bench::measure_startup(&binary)?;
    let bbc = corpus_root().join("bbc-news/bbc");
    if !bbc.exists() {
        println!(
            "start-up {:.1} ms CPU, {:.1} MB",
            startup.cpu_ms, startup.peak_mb
        );
        anyhow::bail!(
            "{} is absent: the NLP and text figures need the BBC corpus",
            bbc.display()
        );
    }
    let files = list_files(&bbc, "txt")?;
    let nlp_400 = nlp_path(&binary, &files[..400.min(files.len())], 3)?;
    let nlp_all = nlp_path(&binary, &files, 3)?;
    let work = repo_root().join("target/bench");
    std::fs::create_dir_all(&work)?;
    let text = bench::bench_corpus(
        "bbc-news",
        &format!("{}/*/*.txt", bbc.display()),
        &files,
        &binary,
        &work,
        5,
    )?;

    // spaCy's small English model, named entities alone, on the same 400 articles and
    // machine (the figure the performance work was set against; its model cannot be
    // fetched on machines without access to GitHub, so it is not re-measured here).
    const SPACY_SM_NER_WORDS_PER_CPU_S: f64 = 7_300.0;
    println!();
    println!("Dateline performance (release build, medians; docs/performance.md)");
    println!("{:<46} {:>14}  {:<22}", "figure", "measured", "target");
    let mut rows: Vec<(String, String, String)> = vec![
        (
            "start-up, one article: CPU".into(),
            format!("{:.0} ms", startup.cpu_ms),
            "< 30 ms".into(),
        ),
        (
            "start-up, one article: wall".into(),
            format!("{:.0} ms", startup.wall_ms),
            String::new(),
        ),
        (
            "start-up, one article: peak memory".into(),
            format!("{:.0} MB", startup.peak_mb),
            "< 40 MB".into(),
        ),
    ];
    for nlp in [&nlp_400, &nlp_all] {
        let per_cpu_s = nlp.words_per_cpu_s();
        let n = nlp.articles;
        rows.extend([
            (
                format!("NLP path, {n} BBC articles: words/CPU s"),
                format!("{per_cpu_s:.0}"),
                format!(">= {:.0} (50x spaCy)", 50.0 * SPACY_SM_NER_WORDS_PER_CPU_S),
            ),
            (
                format!("NLP path, {n} BBC articles: x spaCy sm NER"),
                format!("{:.1}x", per_cpu_s / SPACY_SM_NER_WORDS_PER_CPU_S),
                ">= 50x".into(),
            ),
            (
                format!("NLP path, {n} BBC articles: peak memory"),
                format!("{:.0} MB", nlp.peak_mb),
                String::new(),
            ),
        ]);
    }
    rows.extend([
        (
            "text -> JSONL, BBC, 1 core".into(),
            format!("{:.0} MB/s", text.one_core_mb_s),
            String::new(),
        ),
        (
            "text -> JSONL, BBC, 2 cores".into(),
            format!("{:.0} MB/s", text.two_cores_mb_s),
            String::new(),
        ),
        (
            "copy limit, BBC".into(),
            format!("{:.0} MB/s", text.copy_mb_s),
            String::new(),
        ),
        (
            "text -> JSONL, 2 cores / copy limit".into(),
            format!("{:.2}", text.two_cores_mb_s / text.copy_mb_s),
            ">= 0.75".into(),
        ),
        (
            "text -> JSONL, 2 cores / 1 core".into(),
            format!("{:.2}x", text.two_cores_mb_s / text.one_core_mb_s),
            ">= 1.9x".into(),
        ),
    ]);
    for (name, value, target) in &rows {
        println!("{name:<46} {value:>14}  {target:<22}");
    }
    println!(
        "{}",
        serde_json::json!({
            "bench": "summary",
            "startup_cpu_ms": startup.cpu_ms, "startup_wall_ms": startup.wall_ms,
            "startup_peak_mb": startup.peak_mb,
            "nlp_400_words_per_cpu_s": nlp_400.words_per_cpu_s(),
            "nlp_400_wall_s": nlp_400.wall_s,
            "nlp_all_words_per_cpu_s": nlp_all.words_per_cpu_s(),
            "nlp_all_wall_s": nlp_all.wall_s,
            "text_mb_s_1t": text.one_core_mb_s, "text_mb_s_2t": text.two_cores_mb_s,
            "copy_mb_s": text.copy_mb_s,
        })
    );
    Ok(())
}

/// The default pipeline's enrichers over `files`, one core, JSONL out: the median CPU
/// time of `runs` whole-process runs (start-up included) against the articles' words
/// (whitespace-separated, as word counts are usually given).
fn nlp_path(binary: &Path, files: &[PathBuf], runs: usize) -> Result<NlpPath> {
    let work = tempfile::tempdir()?;
    let inputs = work.path().join("in");
    std::fs::create_dir_all(&inputs)?;
    let mut words = 0;
    for (i, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).with_context(|| file.display().to_string())?;
        words += String::from_utf8_lossy(&bytes).split_whitespace().count();
        std::fs::write(inputs.join(format!("{i:05}.txt")), bytes)?;
    }
    let pipeline = work.path().join("pipeline.toml");
    std::fs::write(
        &pipeline,
        "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\ndead_letter = \"out/dead.jsonl\"\n\
         [[source]]\nuse = \"text\"\npaths = [\"in/*.txt\"]\n\
         [[enrich]]\nuse = \"entities\"\n[[enrich]]\nuse = \"times\"\n\
         [[enrich]]\nuse = \"quotes\"\n[[enrich]]\nuse = \"events\"\n\
         [[enrich]]\nuse = \"tone\"\n[[enrich]]\nuse = \"topics\"\n\
         [[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n",
    )?;
    let mut measured = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let usage = run_pinned(binary, &pipeline, work.path())?;
        measured.push((
            usage.cpu.as_secs_f64(),
            started.elapsed().as_secs_f64(),
            usage.peak_rss_mb,
        ));
    }
    Ok(NlpPath {
        articles: files.len(),
        words,
        cpu_s: middle(measured.iter().map(|m| m.0).collect()),
        wall_s: middle(measured.iter().map(|m| m.1).collect()),
        peak_mb: middle(measured.iter().map(|m| m.2).collect()),
    })
}
