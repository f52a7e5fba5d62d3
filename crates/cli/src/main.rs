use std::path::PathBuf;

use clap::{Parser, Subcommand};
use dateline_cli::commands;
use dateline_runner::Override;

// mimalloc: the parse -> enrich -> serialize path allocates many short-lived strings on
// several threads, where glibc's allocator spent a tenth of the run (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Dateline: raw news into structured, evidence-linked records, in batch.
#[derive(Parser)]
#[command(name = "dateline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a pipeline.
    Run {
        /// The pipeline file.
        #[arg(default_value = "pipeline.toml")]
        pipeline: PathBuf,
        /// Worker threads (overrides [run] threads; 0 = all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Override any key of the pipeline, e.g. --set sink.0.path=out/a.jsonl
        #[arg(long = "set", value_name = "KEY=VALUE")]
        overrides: Vec<Override>,
        /// Also write the run's summary as JSON to this file.
        #[arg(long, value_name = "FILE")]
        metrics: Option<PathBuf>,
        /// Compare every output with the accepted copies in DIR; exit 4 on a difference.
        #[arg(long, value_name = "DIR")]
        golden: Option<PathBuf>,
        /// With --golden: accept this run's outputs as the new golden copies.
        #[arg(long, requires = "golden")]
        bless: bool,
        /// Reuse records whose input and plugins are unchanged, from (and into) the cache in DIR.
        #[arg(long, value_name = "DIR")]
        cache: Option<PathBuf>,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Validate a pipeline without running it.
    Check {
        /// The pipeline file.
        #[arg(default_value = "pipeline.toml")]
        pipeline: PathBuf,
        /// Override any key of the pipeline.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        overrides: Vec<Override>,
    },
    /// List every plugin: name, version, kind, requires, provides, origin (built-ins and the
    /// pipeline's [[plugin]]s).
    Plugins {
        /// The pipeline whose [[plugin]] tables to include (default ./pipeline.toml when present).
        pipeline: Option<PathBuf>,
        /// As JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// Write a new plugin crate that builds and loads as it is.
    NewPlugin {
        /// The plugin's name (also the crate's directory).
        name: String,
        /// What it does.
        #[arg(long, value_enum)]
        kind: commands::NewKind,
        /// Where to create it (default: ./NAME).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// The dateline-plugin crate to depend on (default: this Dateline's source, else crates.io).
        #[arg(long, value_name = "PATH")]
        plugin_crate: Option<PathBuf>,
    },
}

/// A TOML string literal, so that a path is never read as another TOML value.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Run {
            pipeline,
            threads,
            mut overrides,
            metrics,
            golden,
            bless,
            cache,
            quiet,
        } => {
            if let Some(threads) = threads {
                overrides.push(Override {
                    key: "run.threads".into(),
                    value: threads.to_string(),
                });
            }
            if let Some(cache) = cache {
                overrides.push(Override {
                    key: "run.cache".into(),
                    value: toml_string(&cache.to_string_lossy()),
                });
            }
            let options = commands::RunOptions {
                metrics,
                golden,
                bless,
                quiet,
            };
            commands::run(&pipeline, &overrides, &options)
        }
        Command::Check {
            pipeline,
            overrides,
        } => commands::check(&pipeline, &overrides),
        Command::Plugins { pipeline, json } => commands::plugins(pipeline.as_deref(), json),
        Command::NewPlugin {
            name,
            kind,
            dir,
            plugin_crate,
        } => commands::new_plugin(&name, kind, dir.as_deref(), plugin_crate.as_deref()),
    };
    std::process::exit(code);
}
