//! The subcommands, each returning the process exit code.

use std::path::Path;

use anyhow::Context;
use dateline_runner::{Override, RunError};

use crate::{builtin_registry, exit, progress::ProgressReporter};

/// `dateline run`.
pub fn run(pipeline: &Path, overrides: &[Override], metrics: Option<&Path>, quiet: bool) -> i32 {
    let registry = builtin_registry();
    let plan = match dateline_runner::load(pipeline, overrides, &registry) {
        Ok(plan) => plan,
        Err(errors) => {
            eprintln!("{errors}");
            return exit::CONFIG;
        }
    };
    let reporter = ProgressReporter::new(quiet);
    let result = dateline_runner::run(&plan, &reporter);
    reporter.finish();
    match result {
        Ok(summary) => {
            if !quiet {
                eprint!("{}", summary.render());
            }
            if let Some(path) = metrics
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
            match error {
                RunError::Build { .. }
                | RunError::Aborted(_)
                | RunError::Output(_)
                | RunError::Other(_) => exit::FATAL,
            }
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
            let mut files = 0;
            for (index, source) in plan.sources.iter().enumerate() {
                let (found, missing) =
                    dateline_runner::inputs::expand(index, &source.paths, &plan.base_dir);
                files += found.len();
                for w in missing {
                    eprintln!("warning: {w}");
                }
            }
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
pub fn plugins(json: bool) -> i32 {
    let registry = builtin_registry();
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
        "{:<12} {:<8} {:<7} {:<30} {:<30} origin",
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
            "{:<12} {:<8} {:<7} {:<30} {:<30} {origin}",
            info.name,
            info.version,
            info.kind.to_string(),
            list(&info.requires),
            list(&info.provides)
        );
    }
    exit::OK
}
