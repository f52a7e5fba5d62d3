//! The subcommands, each returning the process exit code.

use std::path::{Path, PathBuf};

use anyhow::Context;
use dateline_runner::Override;
use dateline_runner::shard::{self, Shard};

use crate::{builtin_registry, exit, progress::ProgressReporter};

/// Options of `dateline run` beyond the pipeline and its overrides.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Worker threads, over `[run] threads` (0: all cores).
    pub threads: Option<usize>,
    /// The cache directory, over `[run] cache` (absolute: the command line's paths are the
    /// current directory's, not the pipeline's).
    pub cache: Option<PathBuf>,
    /// Write the summary as JSON here.
    pub metrics: Option<PathBuf>,
    /// Compare outputs with the golden copies in this directory.
    pub golden: Option<PathBuf>,
    /// Accept the outputs as the new golden copies.
    pub bless: bool,
    /// Print only errors.
    pub quiet: bool,
    /// Run only this shard of the inputs.
    pub shard: Option<Shard>,
    /// With a shard: write it as a shard directory under this one instead of running sinks.
    pub shards_dir: Option<PathBuf>,
}

/// `dateline run`.
pub fn run(pipeline: &Path, overrides: &[Override], options: &RunOptions) -> i32 {
    let quiet = options.quiet;
    let registry = builtin_registry();
    let mut plan = match dateline_runner::load(pipeline, overrides, &registry) {
        Ok(plan) => plan,
        Err(errors) => {
            eprintln!("{errors}");
            return exit::CONFIG;
        }
    };
    plan.shard = options.shard;
    if let Some(threads) = options.threads {
        plan.run.threads = threads;
    }
    if let Some(cache) = &options.cache {
        plan.run.cache = Some(cache.clone());
    }
    let reporter = ProgressReporter::new(quiet);
    let result = match (options.shard, &options.shards_dir) {
        (Some(shard), Some(dir)) => {
            shard::run_into_dir(&plan, shard, dir, &reporter).map(|(summary, at)| {
                if !quiet {
                    eprintln!("shard {shard} written to {}", at.display());
                }
                summary
            })
        }
        _ => dateline_runner::run(&plan, &reporter),
    };
    reporter.finish();
    match result {
        Ok(summary) => {
            if !quiet {
                eprint!("{}", summary.render());
            }
            if options.shard.is_some() && options.shards_dir.is_none() {
                match shard::write_output_manifests(&plan, &summary) {
                    Ok(written) if !quiet => {
                        for path in written {
                            eprintln!("  wrote {}", path.display());
                        }
                    }
                    Ok(_) => {}
                    Err(e) => {
                        eprintln!(
                            "error: the shard's outputs are written but not its manifests: {e}"
                        );
                        return exit::FATAL;
                    }
                }
            }
            if let Some(path) = &options.metrics
                && let Err(e) = write_metrics(path, &summary.to_json())
            {
                eprintln!("error: {e:#}");
                return exit::FATAL;
            }
            let code = if summary.dead_lettered > 0 {
                exit::DEAD_LETTERS
            } else {
                exit::OK
            };
            match &options.golden {
                None => code,
                Some(dir) => golden(&summary.outputs, dir, options.bless, quiet).unwrap_or(code),
            }
        }
        Err(error) => {
            // Every run error means nothing trustworthy was written.
            eprintln!("error: {error}");
            exit::FATAL
        }
    }
}

/// `dateline merge [PIPELINE] --shards-dir DIR`.
pub fn merge_shards(
    pipeline: &Path,
    overrides: &[Override],
    dir: &Path,
    options: &RunOptions,
) -> i32 {
    let quiet = options.quiet;
    let plan = match dateline_runner::load(pipeline, overrides, &builtin_registry()) {
        Ok(plan) => plan,
        Err(errors) => {
            eprintln!("{errors}");
            return exit::CONFIG;
        }
    };
    let reporter = ProgressReporter::new(quiet);
    let result = dateline_runner::merge_shards(&plan, dir, &reporter);
    reporter.finish();
    match result {
        Ok(summary) => {
            if !quiet {
                eprint!("{}", summary.render());
            }
            if let Some(path) = &options.metrics
                && let Err(e) = write_metrics(path, &summary.to_json())
            {
                eprintln!("error: {e:#}");
                return exit::FATAL;
            }
            if summary.dead_lettered > 0 {
                exit::DEAD_LETTERS
            } else {
                exit::OK
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            exit::FATAL
        }
    }
}

/// `dateline merge --into OUT PART...`.
pub fn merge_into(out: &Path, parts: &[PathBuf], quiet: bool) -> i32 {
    match shard::concatenate(out, parts) {
        Ok(done) => {
            if !quiet {
                eprintln!(
                    "merged {} shard(s) of {}: {} lines, {} bytes into {}",
                    done.parts,
                    done.holds,
                    done.lines,
                    done.bytes,
                    out.display()
                );
                eprintln!(
                    "  the shards' counts: written {}  dead-lettered {}  skipped {}  = read {}",
                    done.counts.written,
                    done.counts.dead_lettered,
                    done.counts.skipped,
                    done.counts.read
                );
            }
            exit::OK
        }
        Err(e) => {
            eprintln!(
                "error: merge refused, nothing was written:\n{}",
                dateline_core::error::chain(&e)
            );
            exit::FATAL
        }
    }
}

/// Compares (or blesses) the outputs; `Some(exit code)` when that decides the exit code.
fn golden(outputs: &[PathBuf], dir: &Path, bless: bool, quiet: bool) -> Option<i32> {
    if bless {
        return match dateline_runner::golden::bless(outputs, dir) {
            Ok(count) => {
                if !quiet {
                    eprintln!("golden: accepted {count} output(s) into {}", dir.display());
                }
                None
            }
            Err(e) => {
                eprintln!("error: {}", dateline_core::error::chain(&e));
                Some(exit::FATAL)
            }
        };
    }
    match dateline_runner::golden::compare(outputs, dir, &crate::canonical_form) {
        Ok(report) => {
            // The diff is the point of a golden run: it is printed even with --quiet.
            if !report.is_clean() || !quiet {
                eprint!("{}", report.render(dir));
            }
            (!report.is_clean()).then_some(exit::GOLDEN_MISMATCH)
        }
        Err(e) => {
            eprintln!("error: {}", dateline_core::error::chain(&e));
            Some(exit::FATAL)
        }
    }
}

fn write_metrics(path: &Path, metrics: &serde_json::Value) -> anyhow::Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let text = serde_json::to_string_pretty(metrics)?;
    std::fs::write(path, text + "\n")
        .with_context(|| format!("cannot write metrics to {}", path.display()))
}

/// `dateline check`.
pub fn check(pipeline: &Path, overrides: &[Override]) -> i32 {
    let registry = builtin_registry();
    match dateline_runner::load(pipeline, overrides, &registry) {
        Ok(plan) => {
            for warning in &plan.warnings {
                eprintln!("warning: {warning}");
            }
            let (found, missing) = dateline_runner::inputs::list(&plan);
            for w in missing {
                eprintln!("warning: {w}");
            }
            let files = found.len();
            let stages: Vec<String> = plan
                .sources
                .iter()
                .map(|s| &s.stage)
                .chain(&plan.enrichers)
                .chain(&plan.sinks)
                .map(|s| s.info.name.clone())
                .collect();
            println!(
                "{}: ok ({} stages: {}; {files} input file(s))",
                pipeline.display(),
                stages.len(),
                stages.join(" -> ")
            );
            exit::OK
        }
        Err(errors) => {
            eprintln!("{errors}");
            exit::CONFIG
        }
    }
}

/// `dateline plugins`.
pub fn plugins(pipeline: Option<&Path>, json: bool) -> i32 {
    let default = Path::new("pipeline.toml");
    let pipeline = pipeline.or_else(|| default.exists().then_some(default));
    let registry = match pipeline {
        None => builtin_registry(),
        Some(path) => match dateline_runner::load(path, &[], &builtin_registry()) {
            Ok(plan) => plan.registry,
            Err(errors) => {
                eprintln!("{errors}");
                return exit::CONFIG;
            }
        },
    };
    let all = registry.plugins();
    if json {
        for (info, origin) in all {
            let mut value = serde_json::to_value(&info).expect("plugin info serializes");
            value["origin"] = origin.to_string().into();
            println!("{value}");
        }
        return exit::OK;
    }
    println!(
        "{:<14} {:<8} {:<7} {:<30} {:<30} origin",
        "name", "version", "kind", "requires", "provides"
    );
    for (info, origin) in all {
        let list = |v: &[String]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join(",")
            }
        };
        println!(
            "{:<14} {:<8} {:<7} {:<30} {:<30} {origin}",
            info.name,
            info.version,
            info.kind.to_string(),
            list(&info.requires),
            list(&info.provides)
        );
    }
    exit::OK
}

/// The kinds `dateline new-plugin` scaffolds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewKind {
    /// A source.
    Parse,
    /// A transform.
    Enrich,
    /// An output.
    Sink,
}

/// `dateline new-plugin`.
pub fn new_plugin(
    name: &str,
    kind: NewKind,
    dir: Option<&Path>,
    plugin_crate: Option<&Path>,
) -> i32 {
    match crate::scaffold::write(name, kind, dir, plugin_crate) {
        Ok(dir) => {
            println!("created {}", dir.display());
            println!(
                "build it:   cd {} && cargo build --release && cargo test",
                dir.display()
            );
            println!(
                "load it:    [[plugin]] path = \"{}\"",
                crate::scaffold::library_path(&dir, name).display()
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            exit::FATAL
        }
    }
}
