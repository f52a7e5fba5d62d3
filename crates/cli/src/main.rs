use std::path::PathBuf;

use clap::{Parser, Subcommand};
use dateline_cli::commands;
use dateline_runner::Override;
use dateline_runner::shard::Shard;

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
    Run(RunArgs),
    /// Merge the outputs of shard runs into what one run writes.
    ///
    /// `dateline merge [PIPELINE] --shards-dir DIR` runs the pipeline's sinks once over the
    /// records of every DIR/shard-K-of-N/ (written by `run --shard K/N --shards-dir DIR`).
    /// `dateline merge --into OUT PART...` concatenates the JSONL records (or dead letters)
    /// that shard runs wrote in place. Either way an incomplete or mixed set of shards is
    /// refused and nothing is written.
    #[command(group(clap::ArgGroup::new("mode").required(true).args(["into", "shards_dir"])))]
    Merge {
        /// With --shards-dir: the pipeline (default ./pipeline.toml). With --into: the parts.
        #[arg(value_name = "PIPELINE | PART")]
        paths: Vec<PathBuf>,
        /// The merged file of the parts.
        #[arg(long, value_name = "OUT")]
        into: Option<PathBuf>,
        /// The directory the shards wrote into.
        #[arg(long, value_name = "DIR")]
        shards_dir: Option<PathBuf>,
        /// Override any key of the pipeline (its sinks' paths, say).
        #[arg(long = "set", value_name = "KEY=VALUE")]
        overrides: Vec<Override>,
        /// Also write the merged summary as JSON to this file.
        #[arg(long, value_name = "FILE")]
        metrics: Option<PathBuf>,
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

/// `dateline run`: the pipeline and how to run it.
#[derive(clap::Args)]
struct RunArgs {
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
    /// Reuse records whose input and plugins are unchanged, from (and into) the cache in DIR
    /// (relative to the current directory; `[run] cache` is relative to the pipeline's).
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// Run only shard K of N (from 0): a contiguous slice of the sorted input list.
    #[arg(long, value_name = "K/N", conflicts_with = "shard_from_env")]
    shard: Option<Shard>,
    /// Take K and N from the cluster engine's variables (DATELINE_SHARD, Slurm's
    /// SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, Kubernetes' JOB_COMPLETION_INDEX
    /// with DATELINE_SHARDS).
    #[arg(long)]
    shard_from_env: bool,
    /// With a shard: write its records, dead letters and manifest to DIR/shard-K-of-N/
    /// instead of running the sinks; `dateline merge --shards-dir DIR` runs them.
    #[arg(long, value_name = "DIR")]
    shards_dir: Option<PathBuf>,
    /// Print only errors.
    #[arg(long, short)]
    quiet: bool,
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Run(args) => run(args),
        Command::Merge {
            paths,
            into,
            shards_dir,
            overrides,
            metrics,
            quiet,
        } => match (into, shards_dir) {
            (Some(out), _) => commands::merge_into(&out, &paths, quiet),
            (None, Some(dir)) => {
                if paths.len() > 1 {
                    eprintln!("error: with --shards-dir give at most one pipeline");
                    std::process::exit(dateline_cli::exit::CONFIG);
                }
                let pipeline = paths
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| PathBuf::from("pipeline.toml"));
                let options = commands::RunOptions {
                    metrics,
                    quiet,
                    ..Default::default()
                };
                commands::merge_shards(&pipeline, &overrides, &dir, &options)
            }
            (None, None) => unreachable!("clap requires --into or --shards-dir"),
        },
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

/// `dateline run`: checks the shard and cache options, then runs.
fn run(args: RunArgs) -> i32 {
    let RunArgs {
        pipeline,
        threads,
        overrides,
        metrics,
        golden,
        bless,
        cache,
        shard,
        shard_from_env,
        shards_dir,
        quiet,
    } = args;
    let shard = if shard_from_env {
        match Shard::from_env(|name| std::env::var(name).ok()) {
            Ok(shard) => Some(shard),
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(dateline_cli::exit::CONFIG);
            }
        }
    } else {
        shard
    };
    if shards_dir.is_some() && shard.is_none() {
        eprintln!("error: --shards-dir needs --shard K/N or --shard-from-env");
        std::process::exit(dateline_cli::exit::CONFIG);
    }
    let cache = match cache.map(|dir| std::path::absolute(&dir)).transpose() {
        Ok(cache) => cache,
        Err(e) => {
            eprintln!("error: --cache: {e}");
            std::process::exit(dateline_cli::exit::CONFIG);
        }
    };
    let options = commands::RunOptions {
        threads,
        cache,
        metrics,
        golden,
        bless,
        quiet,
        shard,
        shards_dir,
    };
    commands::run(&pipeline, &overrides, &options)
}
