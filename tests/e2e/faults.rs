//! Faults in the middle of a run, on the real binary: a run killed at random points leaves
//! every output as it was or as a finished run writes it, never torn, and the cache usable.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::support::*;

/// Every visible output file under `dir` by relative path (staged files are hidden), raw.
fn raw_outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    visible_files(dir)
        .into_iter()
        .map(|path| (relative(dir, &path), std::fs::read(&path).unwrap()))
        .collect()
}

/// [`raw_outputs`] in their comparable form.
fn comparable_outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    visible_files(dir)
        .into_iter()
        .map(|path| (relative(dir, &path), comparable(&path)))
        .collect()
}

fn visible_files(dir: &Path) -> Vec<std::path::PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|path| !path.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect()
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir).unwrap().display().to_string()
}

/// A corpus of four copies of the sample articles with the default pipeline; `grow` adds
/// one more article, so that a run after it writes different bytes into every output.
fn corpus(dir: &Path) {
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for copy in 0..4 {
        for entry in std::fs::read_dir(repo_root().join("examples/articles")).unwrap() {
            let path = entry.unwrap().path();
            let name = format!("{copy}-{}", path.file_name().unwrap().to_string_lossy());
            std::fs::copy(&path, inputs.join(name)).unwrap();
        }
    }
    let pipeline = std::fs::read_to_string(repo_root().join("pipeline.toml")).unwrap();
    let pipeline = pipeline.replace("[\"examples/articles/*.txt\"]", "[\"in/*.txt\"]");
    assert!(pipeline.contains("[\"in/*.txt\"]"));
    std::fs::write(dir.join("pipeline.toml"), pipeline).unwrap();
}

fn grow(dir: &Path) {
    std::fs::write(
        dir.join("in/9-extra.txt"),
        "Harbour reopens after the storm\n\nThe harbour of Port Elwin reopened on Tuesday, \
         the port authority said, three days after the storm closed it.\n",
    )
    .unwrap();
}

#[test]
fn twenty_kills_never_leave_a_torn_output_and_the_cache_stays_usable() {
    // The outputs of a finished run over the grown corpus, made apart.
    let finished = tempfile::tempdir().unwrap();
    corpus(finished.path());
    grow(finished.path());
    let run = dateline(finished.path(), &["run", "pipeline.toml", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = comparable_outputs(&finished.path().join("out"));

    // The directory under test: finished over the corpus as it was, then killed while it runs
    // over the grown corpus.
    let work = tempfile::tempdir().unwrap();
    corpus(work.path());
    let out = work.path().join("out");
    let cache = work.path().join("cache").display().to_string();
    let run = dateline(
        work.path(),
        &["run", "pipeline.toml", "-q", "--cache", &cache],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // How long a run served by the cache takes: the killed runs are such runs.
    let started = Instant::now();
    let run = dateline(
        work.path(),
        &["run", "pipeline.toml", "-q", "--cache", &cache],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run_time = started.elapsed();
    let before_raw = raw_outputs(&out);
    let before = comparable_outputs(&out);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for name in [
        "articles.jsonl",
        "articles.sqlite",
        "report.html",
        "csv/articles.csv",
    ] {
        assert!(
            after[name] != before[name],
            "{name}: the grown corpus must change it"
        );
    }
    grow(work.path());

    let mut finished_runs = 0;
    for kill in 0..20u32 {
        // Spread over the run, start-up and commit included, in a fixed order.
        let at = run_time.mul_f64(f64::from((kill * 37) % 20) / 19.0 * 2.5);
        let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
            .args(["run", "pipeline.toml", "-q", "--cache", &cache])
            .current_dir(work.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(at);
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            finished_runs += 1;
        }
        let now = comparable_outputs(&out);
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            before.keys().collect::<Vec<_>>(),
            "kill {kill} after {at:?}: no output vanishes and no staged file looks like one"
        );
        for (name, bytes) in &now {
            assert!(
                *bytes == before[name] || *bytes == after[name],
                "kill {kill} after {at:?}: {name} is neither the previous output nor a finished \
                 run's: torn"
            );
        }
        let new = now
            .iter()
            .filter(|(n, b)| **b == after[*n] && after[*n] != before[*n]);
        eprintln!(
            "kill {kill} after {at:?}: {} of {} outputs new",
            new.count(),
            now.len()
        );
        // Back to the previous outputs, so that the next kill can tell old from new again.
        for (name, bytes) in &before_raw {
            std::fs::write(out.join(name), bytes).unwrap();
        }
    }
    assert!(finished_runs < 20, "the kills must interrupt runs");

    // The cache the killed runs wrote into serves a run that gives a finished run's outputs.
    let run = dateline(work.path(), &["run", "pipeline.toml", "--cache", &cache]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cache:"), "{}", run.stderr);
    assert!(
        comparable_outputs(&out) == after,
        "after the kills a run over the cache writes what a finished run writes"
    );
}

/// A tmpfs of `size` mounted at `at` for the life of the guard (needs root).
struct SmallDisk {
    at: std::path::PathBuf,
}

impl SmallDisk {
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| SmallDisk {
            at: at.to_path_buf(),
        })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

#[test]
fn a_full_disk_fails_the_run_clearly_and_keeps_the_previous_outputs() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let inputs = dir.path().join("in");
    // Start from one article, whose outputs (about 200 KB) fit on the small disk.
    let mut names: Vec<_> = std::fs::read_dir(&inputs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let aside = dir.path().join("aside");
    std::fs::create_dir(&aside).unwrap();
    for path in &names[1..] {
        std::fs::rename(path, aside.join(path.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    let Some(_disk) = SmallDisk::mount(&out, "600k") else {
        required_tool(
            "a tmpfs mount (run as root)",
            false,
            "running the tests as root",
        );
        return;
    };
    let first = dateline(dir.path(), &["run", "pipeline.toml", "-q"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = comparable_outputs(&out);

    // All 36 inputs: their outputs (and the staged copy of the database) do not fit.
    for entry in std::fs::read_dir(&aside).unwrap() {
        let path = entry.unwrap().path();
        std::fs::rename(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    let full = dateline(dir.path(), &["run", "pipeline.toml"]);
    assert_eq!(full.code, 1, "a full disk is fatal: {}", full.stderr);
    assert!(
        full.stderr.contains("No space left on device") || full.stderr.contains("full"),
        "the error says why: {}",
        full.stderr
    );
    assert!(
        full.stderr.contains("out/"),
        "the error names the output: {}",
        full.stderr
    );
    assert!(
        comparable_outputs(&out) == before,
        "the previous outputs are intact"
    );
}

/// An input that grows while it is read, and one that is removed after it was listed: each
/// is named in a dead letter, the rest is written, the counts add up, and the grown input is
/// not cached as if it were whole.
#[test]
fn inputs_that_change_or_vanish_while_a_run_reads_them_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    // Far more lines than the reader buffers (256 KB) and the bounded channels hold, so the
    // reader is still inside a.jsonl when the plugin's first request arrives.
    let mut lines = String::new();
    for i in 0..6000 {
        lines.push_str(&format!(
            "{{\"title\": \"Line {i}\", \"text\": \"The council met on Monday to discuss item {i} of the agenda.\"}}\n"
        ));
    }
    std::fs::write(inputs.join("a.jsonl"), &lines).unwrap();
    std::fs::write(
        inputs.join("b.jsonl"),
        "{\"title\": \"Gone\", \"text\": \"Never read.\"}\n",
    )
    .unwrap();
    std::fs::write(
        inputs.join("c.jsonl"),
        "{\"title\": \"Kept\", \"text\": \"Read as usual.\"}\n",
    )
    .unwrap();
    let script = repo_root().join("tests/plugins/misbehaving.py");
    let pipeline = dir.path().join("pipeline.toml");
    std::fs::write(
        &pipeline,
        format!(
            "[run]\nbatch_size = 1\n\n[[plugin]]\ncommand = [\"python3\", {:?}, \"tamper\", \"in/a.jsonl\", \"in/b.jsonl\"]\nworkers = 1\n\n\
             [[source]]\nuse = \"jsonl\"\npaths = [\"in/*.jsonl\"]\n\n[[enrich]]\nuse = \"misbehaving-tamper\"\n\n\
             [[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n",
            script.display().to_string()
        ),
    )
    .unwrap();
    let cache = dir.path().join("cache");
    let args = [
        "run",
        pipeline.to_str().unwrap(),
        "--cache",
        cache.to_str().unwrap(),
    ];
    let result = dateline(dir.path(), &args);
    assert_eq!(result.code, 3, "{}", result.stderr);
    // The 6001 lines of a.jsonl (the reader was still inside it when the line was appended),
    // its changed-input letter, b's unreadable-input letter, c's record.
    assert!(
        result
            .stderr
            .contains("written 6002  dead-lettered 2  skipped 0  = read 6004  (all accounted for)"),
        "{}",
        result.stderr
    );
    let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
    let letter = |uri: &str| {
        letters
            .lines()
            .find(|l| l.contains(&format!("\"input\":\"{uri}\"")))
            .unwrap_or_else(|| panic!("no dead letter for {uri}: {letters}"))
            .to_string()
    };
    assert!(
        letter("in/a.jsonl").contains("changed while it was read")
            && letter("in/a.jsonl").contains("run again once it is complete"),
        "{letters}"
    );
    assert!(letter("in/b.jsonl").contains("cannot read"), "{letters}");

    // Only c.jsonl was cached: a.jsonl's records were keyed by the bytes it had before it
    // grew, and must never be served for them.
    let entries = files_under(&cache)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "entry"))
        .count();
    assert_eq!(entries, 1, "only the input read whole is cached");

    // Run again, untouched now: every input is read whole.
    std::fs::write(
        inputs.join("b.jsonl"),
        "{\"title\": \"Back\", \"text\": \"Here again.\"}\n",
    )
    .unwrap();
    let plain = std::fs::read_to_string(&pipeline)
        .unwrap()
        .replace("\"tamper\", \"in/a.jsonl\", \"in/b.jsonl\"", "\"offsets\"")
        .replace("misbehaving-tamper", "misbehaving-offsets");
    std::fs::write(&pipeline, plain).unwrap();
    let again = dateline(dir.path(), &args);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("written 6003  dead-lettered 0  skipped 0  = read 6003  (all accounted for)"),
        "{}",
        again.stderr
    );
}
