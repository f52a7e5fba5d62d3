//! Helpers for the end-to-end tests: running the binary, finding the corpus,
//! reading and schema-validating records.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// What a run of the binary printed and returned.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs `dateline ARGS` in `cwd`.
pub fn dateline(cwd: &Path, args: &[&str]) -> Output {
    dateline_with_env(cwd, args, &[])
}

/// Tests of this binary that found their data absent (a counted skip by hand).
static SKIPPED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A folder of ../shared/corpus, or `None` with a loud, counted message when the corpus is
/// absent. Under CI (`CI` set) an absent corpus fails the test: a check that cannot run must
/// not pass.
pub fn corpus(name: &str) -> Option<PathBuf> {
    let path = repo_root().join("../shared/corpus").join(name);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is absent: under CI the tests that need the shared corpus are required",
        path.display()
    );
    let n = SKIPPED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    eprintln!(
        "SKIPPED ({n} in this test binary): {} is absent; this test needs the shared corpus",
        path.display()
    );
    None
}

/// Writes a pipeline reading `glob` with the text parser into out/articles.jsonl.
pub fn write_pipeline(dir: &Path, glob: &str, extra: &str) -> PathBuf {
    let path = dir.join("pipeline.toml");
    std::fs::write(
        &path,
        format!(
            "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\n\n[[source]]\nuse = \"text\"\npaths = [\"{glob}\"]\n{extra}\n[[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n"
        ),
    )
    .unwrap();
    path
}

/// Runs the seed through the text source, the `enrichers` named (in order) and the JSONL
/// sink, and returns its records, checked against the schema. `None` when the shared
/// corpus is absent (a counted skip by hand, a failure under CI: see [`corpus`]).
pub fn seed_records(enrichers: &[&str]) -> Option<Vec<serde_json::Value>> {
    let seed = corpus("seed")?;
    let dir = tempfile::tempdir().unwrap();
    let stages: String = enrichers
        .iter()
        .map(|e| format!("[[enrich]]\nuse = \"{e}\"\n"))
        .collect();
    let pipeline = write_pipeline(dir.path(), &format!("{}/*.txt", seed.display()), &stages);
    let result = dateline(dir.path(), &["run", pipeline.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    Some(read_records(&dir.path().join("out/articles.jsonl")))
}

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let text = std::fs::read_to_string(repo_root().join("schema/record.schema.json")).unwrap();
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        jsonschema::validator_for(&schema).expect("the published schema compiles")
    })
}

/// Reads a JSONL output, validating every record against schema/record.schema.json.
pub fn read_records(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let errors: Vec<String> = validator()
                .iter_errors(&record)
                .map(|e| e.to_string())
                .collect();
            assert!(
                errors.is_empty(),
                "{} does not fit the schema: {errors:?}",
                record["id"]
            );
            record
        })
        .collect()
}

/// `--set` overrides that put every output of the default pipeline under `dir`.
pub fn sample_outputs(dir: &Path) -> Vec<String> {
    vec![
        format!("sink.0.path={}", dir.join("articles.jsonl").display()),
        format!("sink.1.path={}", dir.join("articles.sqlite").display()),
        format!("sink.2.dir={}", dir.join("csv").display()),
        format!("sink.3.path={}", dir.join("report.html").display()),
        format!("sink.4.path={}", dir.join("stories.jsonl").display()),
        format!(
            "run.dead_letter={}",
            dir.join("dead-letter.jsonl").display()
        ),
    ]
}

/// Runs the default pipeline with its outputs in `dir`, plus `extra` arguments.
pub fn run_samples(dir: &Path, extra: &[&str]) -> Output {
    let sets = sample_outputs(dir);
    let mut args = vec!["run"];
    for set in &sets {
        args.push("--set");
        args.push(set);
    }
    args.extend_from_slice(extra);
    dateline(&repo_root(), &args)
}

/// Runs `dateline ARGS` in `cwd` with extra environment variables.
pub fn dateline_with_env(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .output()
        .expect("the dateline binary runs");
    Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Whether a tool a test needs is installed. When it is not: under CI (`CI` set, where
/// .ci/run installs it) the test fails; by hand it prints a loud, counted skip.
pub fn required_tool(what: &str, present: bool, install: &str) -> bool {
    if present {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{what} is absent: under CI this test is required ({install})"
    );
    let n = SKIPPED.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    eprintln!("SKIPPED ({n} in this test binary): {what} is absent; install it with {install}");
    false
}

/// Whether `program` runs (`program ARGS` exits 0).
pub fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Every file under `dir`, at any depth.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).into_iter().flatten() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// An output in the form two runs are compared in: a SQLite database as its canonical dump
/// (it records when it was written), anything else as its bytes.
pub fn comparable(path: &Path) -> Vec<u8> {
    match dateline_cli::canonical_form(path) {
        Some(dump) => dump
            .unwrap_or_else(|e| panic!("{} is not a whole database: {e}", path.display()))
            .into_bytes(),
        None => std::fs::read(path).unwrap(),
    }
}
