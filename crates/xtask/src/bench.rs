//! Whole-run benchmarks: the release binary over real and synthetic corpora, with
//! wall time, throughput and peak memory (from the kernel's accounting of the child),
//! against the copy limit (the same files read and written back out unparsed).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::paths::{corpus_root, repo_root};

/// A corpus path the benchmark needs, or `None` after saying loudly that it is absent.
fn required(path: PathBuf, benchmark: &str) -> Option<PathBuf> {
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; the {benchmark} benchmark needs it",
            path.display()
        );
        None
    }
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
struct Measure {
    wall: Duration,
    peak_rss_mb: f64,
    records: u64,
    bytes: u64,
}

impl Measure {
    fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.wall.as_secs_f64()
    }
    fn records_per_s(&self) -> f64 {
        self.records as f64 / self.wall.as_secs_f64()
    }
}

pub fn run(name: Option<&str>, synthetic_mb: u64, quick: bool) -> Result<()> {
    match name.unwrap_or("text") {
        "text" => text(synthetic_mb, quick),
        "cache" => cache(synthetic_mb.min(200)),
        "plugins" => plugins(),
        "warc" => warc(),
        "startup" => startup(),
        name @ ("entities" | "times" | "quotes" | "parser" | "events" | "tone-topics") => {
            enricher(name)
        }
        other => bail!(
            "no benchmark named {other}; there are: text, cache, plugins, warc, startup, entities, times, quotes, parser, events, stories"
        ),
    }
}

fn text(synthetic_mb: u64, quick: bool) -> Result<()> {
    let Some(bbc) = required(corpus_root().join("bbc-news/bbc"), "text") else {
        return Ok(());
    };
    let work = repo_root().join("target/bench");
    std::fs::create_dir_all(&work)?;
    let binary = build_release()?;

    let bbc_files = list_files(&bbc, "txt")?;
    bench_corpus(
        "bbc-news",
        &format!("{}/*/*.txt", bbc.display()),
        &bbc_files,
        &binary,
        &work,
        5,
    )?;

    if !quick {
        let synthetic = work.join(format!("synthetic-{synthetic_mb}mb"));
        generate_synthetic(&bbc_files, &synthetic, synthetic_mb)?;
        let files = list_files(&synthetic, "txt")?;
        bench_corpus(
            &format!("synthetic-{synthetic_mb}mb"),
            &format!("{}/*.txt", synthetic.display()),
            &files,
            &binary,
            &work,
            1,
        )?;
    }
    Ok(())
}

/// The same enricher linked in, loaded as a library, and run as a separate program, in
/// this process (so every variant shares allocator and threads): after the text source
/// alone (200 MB of articles, where the boundary's cost per record shows most), and after
/// the default pipeline's enrichers (400 BBC articles: records as big as real runs send
/// across the boundary, with work per record as real runs do).
fn plugins() -> Result<()> {
    let Some(bbc) = required(corpus_root().join("bbc-news/bbc"), "plugins") else {
        return Ok(());
    };
    let status = Command::new(env!("CARGO"))
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "dateline-example-reading-time",
        ])
        .current_dir(repo_root())
        .status()?;
    if !status.success() {
        bail!("building the reading-time plugin failed");
    }
    let work = repo_root().join("target/bench");
    std::fs::create_dir_all(&work)?;
    let bbc_files = list_files(&bbc, "txt")?;
    // 200 MB of articles: long enough that start-up and noise do not decide the figures.
    let synthetic = work.join("synthetic-200mb");
    generate_synthetic(&bbc_files, &synthetic, 200)?;
    plugin_boundary(
        "text source only, synthetic-200mb",
        &format!("{}/*.txt", synthetic.display()),
        "",
        5,
    )?;
    // Made afresh each time: a copy left half made by an interrupted run would measure
    // fewer articles without a word.
    let articles = work.join("bbc-400");
    let _ = std::fs::remove_dir_all(&articles);
    std::fs::create_dir_all(&articles)?;
    for (i, file) in bbc_files.iter().take(400).enumerate() {
        std::fs::copy(file, articles.join(format!("{i:05}.txt")))?;
    }
    plugin_boundary(
        "after entities, times, quotes, events, 400 BBC articles",
        &format!("{}/*.txt", articles.display()),
        "[[enrich]]\nuse = \"entities\"\n[[enrich]]\nuse = \"times\"\n[[enrich]]\nuse = \"quotes\"\n[[enrich]]\nuse = \"events\"\n",
        3,
    )
}

/// One table of [`plugins`]: the reading-time enricher after `before`, over `glob`.
fn plugin_boundary(label: &str, glob: &str, before: &str, runs: usize) -> Result<()> {
    let release = repo_root().join("target/release");
    let work = repo_root().join("target/bench");
    let variants: [(&str, String, &str); 4] = [
        ("no enricher", String::new(), ""),
        (
            "linked in",
            String::new(),
            "[[enrich]]\nuse = \"reading-time\"\n",
        ),
        (
            "library",
            format!(
                "[[plugin]]\npath = {:?}\n",
                release
                    .join("libdateline_example_reading_time.so")
                    .display()
                    .to_string()
            ),
            "[[enrich]]\nuse = \"reading-time\"\n",
        ),
        (
            "separate program",
            format!(
                "[[plugin]]\ncommand = [{:?}]\nworkers = 2\n",
                release.join("reading-time-stdio").display().to_string()
            ),
            "[[enrich]]\nuse = \"reading-time\"\n",
        ),
    ];
    let mut seconds = Vec::new();
    let mut records = 0;
    for (name, plugin, enrich) in &variants {
        let pipeline = work.join("plugins-bench.toml");
        std::fs::write(
            &pipeline,
            format!(
                "[run]\nthreads = 2\nreference_time = \"2025-01-21T12:00:00Z\"\ndead_letter = \"plugins-dead.jsonl\"\n{plugin}[[source]]\nuse = \"text\"\npaths = [{glob:?}]\n{before}{enrich}[[sink]]\nuse = \"jsonl\"\npath = \"plugins-bench.jsonl\"\n"
            ),
        )?;
        let mut registry = dateline_cli::builtin_registry();
        if *name == "linked in" {
            registry = registry.with(dateline_core::enricher::<
                dateline_example_reading_time::ReadingTime,
            >());
        }
        let plan =
            dateline_runner::load(&pipeline, &[], &registry).map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut runs_s = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            let summary = dateline_runner::run(&plan, &dateline_runner::Silent)?;
            runs_s.push(started.elapsed().as_secs_f64());
            records = summary.written;
        }
        seconds.push((*name, middle(runs_s)));
    }
    println!("plugins: reading-time {label}, {records} records, 2 threads, median of {runs}");
    let base = seconds[1].1;
    for (name, s) in &seconds {
        let per_record_us = (s - base) / records as f64 * 1e6;
        println!(
            "  {name:<18} {s:>8.3} s  {:>+7.1}% vs linked in  {per_record_us:>+8.2} us/record",
            (s / base - 1.0) * 100.0
        );
    }
    println!(
        "{}",
        serde_json::json!({"bench": "plugins", "setup": label, "records": records,
            "seconds": seconds.iter().map(|(n, s)| (n.to_string(), *s)).collect::<std::collections::BTreeMap<_, _>>()})
    );
    Ok(())
}

/// A run with a fresh cache, then the same run again: what an unchanged corpus costs.
fn cache(synthetic_mb: u64) -> Result<()> {
    let Some(bbc) = required(corpus_root().join("bbc-news/bbc"), "cache") else {
        return Ok(());
    };
    let work = repo_root().join("target/bench");
    std::fs::create_dir_all(&work)?;
    let binary = build_release()?;
    let synthetic = work.join(format!("synthetic-{synthetic_mb}mb"));
    generate_synthetic(&list_files(&bbc, "txt")?, &synthetic, synthetic_mb)?;
    let label = format!("cache-{synthetic_mb}mb");
    let pipeline = work.join(format!("{label}.toml"));
    let cache_dir = work.join(format!("{label}-cache"));
    std::fs::write(
        &pipeline,
        format!(
            "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\ndead_letter = \"{label}-dead.jsonl\"\n[[source]]\nuse = \"text\"\npaths = [{:?}]\n[[sink]]\nuse = \"jsonl\"\npath = \"{label}.jsonl\"\n",
            format!("{}/*.txt", synthetic.display())
        ),
    )?;
    let uncached = run_binary(&binary, &pipeline, 2, &work, &[])?;
    let _ = std::fs::remove_dir_all(&cache_dir);
    let cache_arg = ["--cache".to_string(), cache_dir.display().to_string()];
    let first = run_binary(&binary, &pipeline, 2, &work, &cache_arg)?;
    let second = run_binary(&binary, &pipeline, 2, &work, &cache_arg)?;
    println!(
        "{label}: {} records, {:.1} MB, 2 cores",
        first.records,
        first.bytes as f64 / 1e6
    );
    for (name, m) in [
        ("no cache", uncached),
        ("first run, cold cache", first),
        ("second run, warm cache", second),
    ] {
        println!(
            "  {name:<24} {:>8.3} s {:>10.0} records/s {:>8.1} MB peak RSS",
            m.wall.as_secs_f64(),
            m.records_per_s(),
            m.peak_rss_mb
        );
    }
    let speedup = first.wall.as_secs_f64() / second.wall.as_secs_f64();
    println!("  second run / first run: {speedup:.1}x faster");
    println!(
        "{}",
        serde_json::json!({"bench": "cache", "corpus": label, "records": first.records,
            "seconds_uncached": uncached.wall.as_secs_f64(), "seconds_first": first.wall.as_secs_f64(),
            "seconds_second": second.wall.as_secs_f64(), "speedup": speedup})
    );
    Ok(())
}

/// The news-warc archive through the warc and html sources.
fn warc() -> Result<()> {
    let Some(archive) = required(corpus_root().join("news-warc/news-pages.warc.gz"), "warc") else {
        return Ok(());
    };
    let work = repo_root().join("target/bench");
    std::fs::create_dir_all(&work)?;
    let binary = build_release()?;
    let glob = archive.display().to_string();
    bench_corpus_with(
        "news-warc",
        "warc",
        &glob,
        std::slice::from_ref(&archive),
        &binary,
        &work,
        3,
    )
    .map(|_| ())
}

/// One enricher alone (`entities`, `times` or `quotes`), in process, over the BBC
/// articles held in memory: tokens and records per second on one core and on all
/// (rayon pools of 1 and N threads), the median of three passes each. Models load, and
/// what the enricher requires (entities, for quotes) is filled in, before the clock
/// starts.
fn enricher(name: &str) -> Result<()> {
    use dateline_core::{Document, Enrich, Source};
    use dateline_entities::EntitiesEnricher;
    use rayon::prelude::*;

    let Some(bbc) = required(corpus_root().join("bbc-news/bbc"), name) else {
        return Ok(());
    };
    let files = list_files(&bbc, "txt")?;
    let mut docs = Vec::with_capacity(files.len());
    for (i, path) in files.iter().enumerate() {
        let bytes = std::fs::read(path)?;
        let text = String::from_utf8_lossy(&bytes);
        let (headline, body) = text.split_once("\n\n").unwrap_or(("", &text));
        let mut doc = Document::new(Source::new(path.display().to_string(), i as u32, "text"));
        doc.headline = Some(headline.trim().to_string());
        doc.body = body.trim().to_string();
        docs.push(doc);
    }
    let tokens: usize = docs
        .iter()
        .map(|d| {
            dateline_entities::tokenize::tokens(&d.body).len()
                + dateline_entities::tokenize::tokens(d.headline.as_deref().unwrap_or("")).len()
        })
        .sum();
    // As a run over this many articles places its models (see the runner's
    // model_placement): in huge-page memory.
    dateline_mapped::set_placement(dateline_mapped::Placement::Resident);
    let entities = EntitiesEnricher::shipped().map_err(|e| anyhow::anyhow!("{e}"))?;
    // The BBC articles carry no dates: anchor them in their year.
    let times =
        dateline_times::TimesEnricher::with_reference(dateline_times::date_of("2005-06-01"));
    let syntax = dateline_syntax::Syntax::shipped()?;
    let enrich = |doc: &mut Document| match name {
        "entities" => entities.annotate(doc),
        "times" => {
            let _ = times.enrich(doc);
        }
        "parser" => {
            // Tokens, sentences, tags and trees: the syntax under the events enricher.
            let toks = dateline_syntax::tokenize::tokens(&doc.body);
            for range in dateline_syntax::tokenize::sentences(&doc.body, &toks) {
                let words: Vec<&str> = toks[range]
                    .iter()
                    .map(|t| &doc.body[t.start..t.end])
                    .collect();
                std::hint::black_box(syntax.analyze(&words));
            }
        }
        "events" => {
            let _ = dateline_events::extract(doc, dateline_events::Analysis::Parse);
        }
        "tone-topics" => {
            // Both enrichers together, as the default pipeline runs them.
            dateline_tone::tone_of(doc, &dateline_tone::Settings::default());
            dateline_topics::classify(doc, dateline_topics::Model::shipped());
        }
        _ => dateline_quotes::attribute(doc),
    };
    if matches!(name, "quotes" | "events" | "tone-topics") {
        docs.par_iter_mut().for_each(|d| {
            entities.annotate(d);
            let _ = times.enrich(d);
            dateline_quotes::attribute(d);
        });
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // One pass to warm the model's table and the allocator before any clock runs.
    docs.clone().iter_mut().for_each(enrich);
    let mut one_core = 0.0;
    for threads in [1, cores] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()?;
        let mut walls = Vec::new();
        for _ in 0..3 {
            let mut batch = docs.clone();
            let started = Instant::now();
            pool.install(|| batch.par_iter_mut().for_each(enrich));
            walls.push(started.elapsed().as_secs_f64());
            std::hint::black_box(&batch);
        }
        walls.sort_by(f64::total_cmp);
        let wall = walls[1];
        let per_second = tokens as f64 / wall;
        if threads == 1 {
            one_core = per_second;
        }
        println!(
            "{}",
            serde_json::json!({"bench": name, "corpus": "bbc-news", "threads": threads,
                "records": docs.len(), "tokens": tokens, "seconds": (wall * 1000.0).round() / 1000.0,
                "tokens_per_second": per_second.round(), "records_per_second": (docs.len() as f64 / wall).round(),
                "speedup": ((per_second / one_core) * 100.0).round() / 100.0})
        );
    }
    Ok(())
}

pub fn bench_corpus(
    label: &str,
    glob: &str,
    files: &[PathBuf],
    binary: &Path,
    work: &Path,
    runs: usize,
) -> Result<CorpusFigures> {
    bench_corpus_with(label, "text", glob, files, binary, work, runs)
}

/// A source over a corpus into JSONL: the copy limit, one core and two.
#[derive(Debug, Clone, Copy)]
pub struct CorpusFigures {
    pub copy_mb_s: f64,
    pub one_core_mb_s: f64,
    pub two_cores_mb_s: f64,
}

fn bench_corpus_with(
    label: &str,
    parser: &str,
    glob: &str,
    files: &[PathBuf],
    binary: &Path,
    work: &Path,
    runs: usize,
) -> Result<CorpusFigures> {
    let pipeline = work.join(format!("{label}.toml"));
    std::fs::write(
        &pipeline,
        format!(
            "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\ndead_letter = \"{label}-dead.jsonl\"\n[[source]]\nuse = \"{parser}\"\npaths = [{glob:?}]\n[[sink]]\nuse = \"jsonl\"\npath = \"{label}.jsonl\"\n"
        ),
    )?;
    let copy = median(runs, || {
        copy_limit(files, &work.join(format!("{label}-copy.out")))
    })?;
    let one = median(runs, || run_binary(binary, &pipeline, 1, work, &[]))?;
    let two = median(runs, || run_binary(binary, &pipeline, 2, work, &[]))?;
    let _ = std::fs::remove_file(work.join(format!("{label}-copy.out")));

    println!(
        "{label}: {} files, {:.1} MB, {} records (median of {runs})",
        files.len(),
        one.bytes as f64 / 1e6,
        one.records
    );
    println!(
        "  {:<22} {:>9} {:>12} {:>9} {:>12}",
        "", "wall s", "records/s", "MB/s", "peak RSS MB"
    );
    let one_core = format!("{parser}->jsonl, 1 core");
    let two_cores = format!("{parser}->jsonl, 2 cores");
    for (name, m) in [
        ("copy limit", copy),
        (one_core.as_str(), one),
        (two_cores.as_str(), two),
    ] {
        println!(
            "  {name:<22} {:>9.3} {:>12.0} {:>9.1} {:>12.1}",
            m.wall.as_secs_f64(),
            m.records_per_s(),
            m.mb_per_s(),
            m.peak_rss_mb
        );
    }
    let speedup = one.wall.as_secs_f64() / two.wall.as_secs_f64();
    let of_copy = two.mb_per_s() / copy.mb_per_s();
    println!(
        "  2 cores / 1 core: {speedup:.2}x; 2 cores / copy limit: {:.0}%",
        of_copy * 100.0
    );
    println!(
        "{}",
        serde_json::json!({
            "bench": parser, "corpus": label, "records": one.records, "bytes": one.bytes,
            "records_per_s_1t": one.records_per_s(), "records_per_s_2t": two.records_per_s(),
            "mb_per_s_1t": one.mb_per_s(), "mb_per_s_2t": two.mb_per_s(), "mb_per_s_copy": copy.mb_per_s(),
            "peak_rss_mb_1t": one.peak_rss_mb, "peak_rss_mb_2t": two.peak_rss_mb,
            "speedup_2t": speedup, "share_of_copy_limit": of_copy,
        })
    );
    Ok(CorpusFigures {
        copy_mb_s: copy.mb_per_s(),
        one_core_mb_s: one.mb_per_s(),
        two_cores_mb_s: two.mb_per_s(),
    })
}

/// Start-up figures: medians of 11 runs.
#[derive(Debug, Clone, Copy)]
pub struct Startup {
    pub wall_ms: f64,
    pub cpu_ms: f64,
    pub peak_mb: f64,
}

/// The default pipeline on one article, one core: what every shard and every small run
/// pays before its first record. Median wall and CPU time and peak memory of 11 runs.
fn startup() -> Result<()> {
    let binary = build_release()?;
    let figures = measure_startup(&binary)?;
    println!("startup: the default pipeline on one article, one core, median of 11 runs");
    println!(
        "{:<12} {:>10} {:>10} {:>10}",
        "", "wall ms", "cpu ms", "peak MB"
    );
    println!(
        "{:<12} {:>10.1} {:>10.1} {:>10.1}",
        "one article", figures.wall_ms, figures.cpu_ms, figures.peak_mb
    );
    startup_by_stage(&binary)
}

/// What each stage of the default pipeline adds to one article's start-up: the pipeline
/// cut to its source and first sink, then its enrichers added one by one, then its other
/// sinks. Medians of 11 runs each; a stage's cost is its row's figures less the row
/// before.
fn startup_by_stage(binary: &Path) -> Result<()> {
    let work = default_pipeline_beside(Some(1))?;
    let pipeline: toml::Table = std::fs::read_to_string(work.path().join("pipeline.toml"))?
        .parse()
        .context("reading the default pipeline.toml")?;
    let stages = |key: &str| -> Vec<toml::Value> {
        pipeline
            .get(key)
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (enrichers, sinks) = (stages("enrich"), stages("sink"));
    if sinks.is_empty() {
        bail!("the default pipeline has no sink");
    }
    // The pipeline with its first `e` enrichers and first `k` sinks, and the stage that
    // row adds.
    let cut = |e: usize, k: usize| {
        let mut table = pipeline.clone();
        table.insert("enrich".into(), enrichers[..e].to_vec().into());
        table.insert("sink".into(), sinks[..k].to_vec().into());
        table
    };
    let uses = |stage: &toml::Value| {
        stage
            .get("use")
            .and_then(toml::Value::as_str)
            .unwrap_or("?")
            .to_string()
    };
    let mut rows = vec![(format!("source + {}", uses(&sinks[0])), cut(0, 1))];
    rows.extend(
        (1..=enrichers.len()).map(|e| (format!("+ {}", uses(&enrichers[e - 1])), cut(e, 1))),
    );
    rows.extend((2..=sinks.len()).map(|k| {
        (
            format!("+ {}", uses(&sinks[k - 1])),
            cut(enrichers.len(), k),
        )
    }));
    println!("by stage, each row adding to the one before (median of 11 runs each):");
    println!("{:<22} {:>10} {:>10}", "", "cpu ms", "peak MB");
    let path = work.path().join("stages.toml");
    for (name, table) in rows {
        std::fs::write(&path, toml::to_string(&table)?)?;
        let mut runs = Vec::new();
        for _ in 0..11 {
            runs.push(run_pinned(binary, &path, work.path())?);
        }
        println!(
            "{name:<22} {:>10.1} {:>10.1}",
            middle(runs.iter().map(|r| r.cpu.as_secs_f64() * 1e3).collect()),
            middle(runs.iter().map(|r| r.peak_rss_mb).collect())
        );
    }
    Ok(())
}

/// See [`startup`].
pub fn measure_startup(binary: &Path) -> Result<Startup> {
    // The default pipeline as it is, beside a copy of one of its articles: the same
    // stages, relative paths and outputs, one input.
    let work = default_pipeline_beside(Some(1))?;
    let mut runs = Vec::new();
    for _ in 0..11 {
        let started = Instant::now();
        let usage = run_pinned(binary, &work.path().join("pipeline.toml"), work.path())?;
        runs.push((started.elapsed(), usage.cpu, usage.peak_rss_mb));
    }
    Ok(Startup {
        wall_ms: middle(runs.iter().map(|r| r.0.as_secs_f64() * 1e3).collect()),
        cpu_ms: middle(runs.iter().map(|r| r.1.as_secs_f64() * 1e3).collect()),
        peak_mb: middle(runs.iter().map(|r| r.2).collect()),
    })
}

/// A temporary directory holding the default pipeline.toml and the first `articles` of
/// its example articles (all of them with `None`), where the pipeline finds them.
pub fn default_pipeline_beside(articles: Option<usize>) -> Result<tempfile::TempDir> {
    let root = repo_root();
    let work = tempfile::tempdir()?;
    std::fs::copy(
        root.join("pipeline.toml"),
        work.path().join("pipeline.toml"),
    )?;
    let dir = work.path().join("examples/articles");
    std::fs::create_dir_all(&dir)?;
    let files = list_files(&root.join("examples/articles"), "txt")?;
    if files.is_empty() {
        bail!("no article in examples/articles");
    }
    for file in files.iter().take(articles.unwrap_or(usize::MAX)) {
        std::fs::copy(file, dir.join(file.file_name().context("a file name")?))?;
    }
    Ok(work)
}

/// The median of some figures.
pub fn middle(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Runs `dateline run --quiet --threads 1 PIPELINE` in `dir` on the first processor only
/// and returns what it used; a failed run is an error.
pub fn run_pinned(binary: &Path, pipeline: &Path, dir: &Path) -> Result<Usage> {
    let mut command = Command::new(binary);
    command
        .args(["run", "--quiet", "--threads", "1"])
        .arg(pipeline)
        .current_dir(dir);
    pin_to_cores(&mut command, 1);
    let child = command.spawn().context("starting dateline")?;
    let usage = wait_with_usage(child.id() as libc::pid_t)?;
    if usage.code != 0 {
        bail!(
            "dateline exited with {} on {}",
            usage.code,
            pipeline.display()
        );
    }
    Ok(usage)
}

fn median(runs: usize, mut measure: impl FnMut() -> Result<Measure>) -> Result<Measure> {
    let mut all = (0..runs).map(|_| measure()).collect::<Result<Vec<_>>>()?;
    all.sort_by_key(|m| m.wall);
    Ok(all[all.len() / 2])
}

/// Builds the release `dateline` binary and returns its path.
pub fn build_release() -> Result<PathBuf> {
    let status = Command::new(env!("CARGO"))
        .args(["build", "--release", "--quiet", "-p", "dateline"])
        .current_dir(repo_root())
        .status()?;
    if !status.success() {
        bail!("cargo build --release failed");
    }
    Ok(repo_root().join("target/release/dateline"))
}

/// Reads every file and writes it back out, unparsed, on one thread: the floor any parser stands on.
fn copy_limit(files: &[PathBuf], out: &Path) -> Result<Measure> {
    let started = Instant::now();
    let mut writer = BufWriter::with_capacity(1 << 20, File::create(out)?);
    let mut bytes = 0u64;
    for file in files {
        let data = std::fs::read(file)?;
        bytes += data.len() as u64;
        writer.write_all(&data)?;
    }
    writer.flush()?;
    writer.get_ref().sync_all()?;
    Ok(Measure {
        wall: started.elapsed(),
        peak_rss_mb: self_peak_rss_mb(),
        records: files.len() as u64,
        bytes,
    })
}

fn run_binary(
    binary: &Path,
    pipeline: &Path,
    threads: usize,
    work: &Path,
    extra: &[String],
) -> Result<Measure> {
    let metrics = work.join("metrics.json");
    let started = Instant::now();
    let mut command = Command::new(binary);
    command
        .args([
            "run",
            "--quiet",
            "--threads",
            &threads.to_string(),
            "--metrics",
        ])
        .arg(&metrics)
        .args(extra)
        .arg(pipeline);
    // The whole process (reader, workers, sinks) gets as many cores as worker threads, so
    // "2 threads / 1 thread" measures how the run scales with cores, not with oversubscription.
    pin_to_cores(&mut command, threads);
    let child = command.spawn().context("starting dateline")?;
    let usage = wait_with_usage(child.id() as libc::pid_t)?;
    let wall = started.elapsed();
    if usage.code != 0 {
        bail!("dateline exited with {}", usage.code);
    }
    let metrics: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&metrics)?)?;
    Ok(Measure {
        wall,
        peak_rss_mb: usage.peak_rss_mb,
        records: metrics["read"].as_u64().unwrap_or(0),
        bytes: metrics["bytes_read"].as_u64().unwrap_or(0),
    })
}

/// Runs the command's process on the first `cores` processors only.
fn pin_to_cores(command: &mut Command, cores: usize) {
    // SAFETY: the closure runs in the child between fork and exec and only calls
    // async-signal-safe functions (CPU_ZERO/CPU_SET are plain bit operations).
    unsafe {
        command.pre_exec(move || {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_ZERO(&mut set);
            for cpu in 0..cores {
                libc::CPU_SET(cpu, &mut set);
            }
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// What a finished child used.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    /// Its exit code (-1 if a signal ended it).
    pub code: i32,
    /// Peak resident memory in MB.
    pub peak_rss_mb: f64,
    /// User plus system CPU time.
    pub cpu: Duration,
}

/// Waits for a child and returns what it used.
pub fn wait_with_usage(pid: libc::pid_t) -> Result<Usage> {
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for the child we spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet reaped; the pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if reaped != pid {
        bail!("wait4 failed: {}", std::io::Error::last_os_error());
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Usage {
        code,
        peak_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        cpu: Duration::from_secs_f64(seconds(usage.ru_utime) + seconds(usage.ru_stime)),
    })
}

fn self_peak_rss_mb() -> f64 {
    // SAFETY: as above, for this process.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// The files under `dir` (recursively) whose name ends in `.extension`, sorted.
pub fn list_files(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Builds a corpus of about `mb` megabytes from the BBC articles: files of about 1 MB, each
/// holding several hundred articles separated by form feeds (so framing is exercised too).
fn generate_synthetic(sources: &[PathBuf], dir: &Path, mb: u64) -> Result<()> {
    let done = dir.join(".complete");
    if done.exists() {
        return Ok(());
    }
    eprintln!(
        "generating {mb} MB of synthetic articles in {} ...",
        dir.display()
    );
    std::fs::create_dir_all(dir)?;
    let articles: Vec<Vec<u8>> = sources
        .iter()
        .map(std::fs::read)
        .collect::<Result<_, _>>()?;
    let target = mb * 1_000_000;
    let (mut written, mut file_index) = (0u64, 0usize);
    let mut current = Vec::with_capacity(1 << 21);
    'outer: loop {
        for article in &articles {
            if !current.is_empty() {
                current.extend_from_slice(b"\n\x0c\n");
            }
            current.extend_from_slice(article);
            if current.len() >= 1_000_000 {
                std::fs::write(dir.join(format!("{file_index:05}.txt")), &current)?;
                written += current.len() as u64;
                file_index += 1;
                current.clear();
                if written >= target {
                    break 'outer;
                }
            }
        }
    }
    File::create(done)?;
    Ok(())
}
