//! Third-party plugins, loaded for real: libraries built here, Python programs, a
//! plugin crate made by `dateline new-plugin`, and plugins that misbehave.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::support::*;

/// Where the test plugins are built: a target directory of their own, so that building
/// them does not wait on the `cargo test` that runs us.
fn plugin_target() -> PathBuf {
    repo_root().join("target/plugin-tests")
}

/// Builds the example and test plugin libraries (once per test run).
fn plugin_libraries() -> &'static PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet"])
            .args([
                "-p",
                "dateline-example-reading-time",
                "-p",
                "dateline-test-panicky",
                "-p",
                "dateline-test-wrong-abi",
                "-p",
                "dateline-test-hostile-bytes",
            ])
            .env("CARGO_TARGET_DIR", plugin_target())
            .current_dir(repo_root())
            .status()
            .expect("cargo runs");
        assert!(status.success(), "the test plugins build");
        plugin_target().join("debug")
    })
}

fn library(name: &str) -> PathBuf {
    plugin_libraries().join(format!("lib{name}.so"))
}

/// Input files with the given bodies, one article each, in `dir/in`.
fn articles(dir: &Path, bodies: &[&str]) {
    let inputs = dir.join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    for (i, body) in bodies.iter().enumerate() {
        std::fs::write(
            inputs.join(format!("{i:02}.txt")),
            format!("Headline number {i}\n\n{body}\n"),
        )
        .unwrap();
    }
}

fn pipeline(dir: &Path, plugins: &str, enrich: &str) -> PathBuf {
    let path = dir.join("pipeline.toml");
    std::fs::write(
        &path,
        format!(
            "[run]\nbatch_size = 1\n\n{plugins}\n[[source]]\nuse = \"text\"\npaths = [\"in/*.txt\"]\n\n{enrich}\n[[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n"
        ),
    )
    .unwrap();
    path
}

fn toml_path(path: &Path) -> String {
    format!("{:?}", path.display().to_string())
}

/// Runs `tests/plugins/misbehaving.py MODE` as the one enricher over articles with `bodies`
/// (`options`: more keys of its `[[plugin]]` table); returns the directory and the run.
fn run_misbehaving(
    mode: &str,
    options: &str,
    bodies: &[&str],
    flags: &[&str],
) -> (tempfile::TempDir, Output) {
    let script = repo_root().join("tests/plugins/misbehaving.py");
    let dir = tempfile::tempdir().unwrap();
    articles(dir.path(), bodies);
    let plugin = format!(
        "[[plugin]]\ncommand = [\"python3\", {}, \"{mode}\"]\nworkers = 1\n{options}",
        toml_path(&script)
    );
    let path = pipeline(
        dir.path(),
        &plugin,
        &format!("[[enrich]]\nuse = \"misbehaving-{mode}\"\n"),
    );
    let mut args = vec!["run", path.to_str().unwrap()];
    args.extend_from_slice(flags);
    let result = dateline(dir.path(), &args);
    (dir, result)
}

#[test]
fn a_library_plugin_gives_the_same_bytes_as_the_same_plugin_linked_in() {
    let dir = tempfile::tempdir().unwrap();
    let samples = repo_root().join("examples/articles/*.txt");
    let write = |name: &str, plugin: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!(
                "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\n{plugin}\n[[source]]\nuse = \"text\"\npaths = [{:?}]\n[[enrich]]\nuse = \"reading-time\"\nwords_per_minute = 200\n[[sink]]\nuse = \"jsonl\"\npath = \"{name}.jsonl\"\n",
                samples.display().to_string()
            ),
        )
        .unwrap();
        path
    };
    // Linked in: the same type registered as a built-in.
    let registry = dateline_cli::builtin_registry().with(dateline_core::enricher::<
        dateline_example_reading_time::ReadingTime,
    >());
    let plan = dateline_runner::load(&write("static", ""), &[], &registry).unwrap();
    let summary = dateline_runner::run(&plan, &dateline_runner::Silent).unwrap();
    assert_eq!(summary.dead_lettered, 0);

    // Loaded from the library by path.
    let loaded = format!(
        "[[plugin]]\npath = {}\n",
        toml_path(&library("dateline_example_reading_time"))
    );
    let result = dateline(
        dir.path(),
        &["run", write("dynamic", &loaded).to_str().unwrap()],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);

    let linked = std::fs::read(dir.path().join("static.jsonl")).unwrap();
    let dynamic = std::fs::read(dir.path().join("dynamic.jsonl")).unwrap();
    assert!(String::from_utf8_lossy(&dynamic).contains("\"reading-time\":{\"minutes\":"));
    assert!(linked == dynamic, "static and dynamic outputs differ");
    read_records(&dir.path().join("dynamic.jsonl"));
}

#[test]
fn plugins_lists_every_origin() {
    let dir = tempfile::tempdir().unwrap();
    let plugins = format!(
        "[[plugin]]\npath = {}\n[[plugin]]\ncommand = [\"python3\", {}]\n",
        toml_path(&library("dateline_example_reading_time")),
        toml_path(&repo_root().join("examples/quote-len/quote_len.py"))
    );
    let path = pipeline(dir.path(), &plugins, "");
    let result = dateline(dir.path(), &["plugins", path.to_str().unwrap(), "--json"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let origins: Vec<String> = result
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|p| {
            format!(
                "{} {}",
                p["name"].as_str().unwrap(),
                p["origin"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        origins.contains(&"text built-in".to_string()),
        "{origins:?}"
    );
    assert!(
        origins
            .iter()
            .any(|o| o.starts_with("reading-time library /") && o.ends_with(".so")),
        "{origins:?}"
    );
    assert!(
        origins
            .iter()
            .any(|o| o.starts_with("quote-len command python3 ")),
        "{origins:?}"
    );
}

#[test]
fn a_python_enricher_runs_as_a_separate_program() {
    let dir = tempfile::tempdir().unwrap();
    articles(
        dir.path(),
        &[
            "He said “this is a quoted passage” and left.",
            "No quotes here at all.",
        ],
    );
    let plugins = format!(
        "[[plugin]]\ncommand = [\"python3\", {}]\n",
        toml_path(&repo_root().join("examples/quote-len/quote_len.py"))
    );
    let path = pipeline(
        dir.path(),
        &plugins,
        "[[enrich]]\nuse = \"quote-len\"\nmin_words = 2\n",
    );
    let result = dateline(dir.path(), &["run", path.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    assert_eq!(
        records[0]["extra"]["quote-len"],
        serde_json::json!({"quotes": 1, "words": 5})
    );
    assert_eq!(
        records[1]["extra"]["quote-len"],
        serde_json::json!({"quotes": 0, "words": 0})
    );

    // Its configuration is checked by the program itself.
    let bad = pipeline(
        dir.path(),
        &plugins,
        "[[enrich]]\nuse = \"quote-len\"\nmin_words = 0\n",
    );
    let result = dateline(dir.path(), &["check", bad.to_str().unwrap()]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("min_words must be a whole number of at least 1"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_panicking_library_fails_only_its_records() {
    let dir = tempfile::tempdir().unwrap();
    articles(
        dir.path(),
        &[
            "All is well.",
            "Then PANIC struck.",
            "A clean FAIL.",
            "Calm again.",
        ],
    );
    let plugins = format!(
        "[[plugin]]\npath = {}\n",
        toml_path(&library("dateline_test_panicky"))
    );
    let path = pipeline(dir.path(), &plugins, "[[enrich]]\nuse = \"panicky\"\n");
    let result = dateline(dir.path(), &["run", path.to_str().unwrap()]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("written 2  dead-lettered 2  skipped 0  = read 4  (all accounted for)"),
        "{}",
        result.stderr
    );
    let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
    assert!(
        letters.contains("panicked: the body says PANIC"),
        "{letters}"
    );
    assert!(letters.contains("the body says FAIL"), "{letters}");
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    assert!(records.iter().all(|r| r["extra"]["panicky"] == "calm"));
}

#[test]
fn a_library_answering_with_invalid_utf8_offsets_or_noise_fails_only_those_records() {
    let dir = tempfile::tempdir().unwrap();
    articles(
        dir.path(),
        &[
            "All is well.",
            "Its answer is BADUTF8 here.",
            "A quote from OUTSIDE the text.",
            "Pure NOISE comes back.",
            "Calm again.",
        ],
    );
    let plugins = format!(
        "[[plugin]]\npath = {}\n",
        toml_path(&library("dateline_test_hostile_bytes"))
    );
    let path = pipeline(
        dir.path(),
        &plugins,
        "[[enrich]]\nuse = \"hostile-bytes\"\n",
    );
    let result = dateline(dir.path(), &["run", path.to_str().unwrap()]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("written 2  dead-lettered 3  skipped 0  = read 5  (all accounted for)"),
        "{}",
        result.stderr
    );
    let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
    let letter = |input: &str| {
        letters
            .lines()
            .find(|l| l.contains(input))
            .unwrap_or_else(|| panic!("no dead letter for {input}: {letters}"))
            .to_string()
    };
    for input in ["in/01.txt", "in/02.txt", "in/03.txt"] {
        assert!(letter(input).contains("hostile-bytes@0.1.0"), "{letters}");
    }
    assert!(
        letter("in/01.txt").contains("not a valid plugin message"),
        "{letters}"
    );
    assert!(letter("in/01.txt").contains("utf-8"), "{letters}");
    assert!(
        letter("in/02.txt").contains("returned an offset outside the text: quote [0, "),
        "{letters}"
    );
    assert!(
        letter("in/03.txt").contains("not a valid plugin message"),
        "{letters}"
    );
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r["extra"]["hostile"] == "fine"));
}

#[test]
fn libraries_that_are_not_plugins_of_this_abi_are_refused_at_check_time() {
    let dir = tempfile::tempdir().unwrap();
    let check = |plugins: String| {
        let path = pipeline(dir.path(), &plugins, "");
        dateline(dir.path(), &["check", path.to_str().unwrap()])
    };

    let wrong = check(format!(
        "[[plugin]]\npath = {}\n",
        toml_path(&library("dateline_test_wrong_abi"))
    ));
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
    assert!(
        wrong.stderr.contains(
            "was built for Dateline plugin ABI version 2, but this Dateline speaks ABI version 1"
        ),
        "{}",
        wrong.stderr
    );
    assert!(
        wrong.stderr.contains("pipeline.toml:5:8"),
        "located at the path: {}",
        wrong.stderr
    );

    let fake = dir.path().join("libfake.so");
    std::fs::write(&fake, "not a library").unwrap();
    let not_elf = check(format!("[[plugin]]\npath = {}\n", toml_path(&fake)));
    assert_eq!(not_elf.code, 2);
    assert!(
        not_elf.stderr.contains("cannot load") && not_elf.stderr.contains("libfake.so"),
        "{}",
        not_elf.stderr
    );

    // A real shared library without the Dateline entry point.
    let source = dir.path().join("plain.c");
    std::fs::write(&source, "int plain_function(void) { return 42; }\n").unwrap();
    let plain = dir.path().join("libplain.so");
    match Command::new("cc")
        .arg("-shared")
        .arg("-fPIC")
        .arg("-o")
        .arg(&plain)
        .arg(&source)
        .status()
    {
        Ok(status) if status.success() => {
            let result = check(format!("[[plugin]]\npath = {}\n", toml_path(&plain)));
            assert_eq!(result.code, 2);
            assert!(
                result
                    .stderr
                    .contains("is not a Dateline plugin: it exports no `dateline_plugin_entry`"),
                "{}",
                result.stderr
            );
        }
        _ => eprintln!("SKIPPED: no C compiler (cc) to build a library without the entry point"),
    }

    let reading = library("dateline_example_reading_time");
    let twice = check(format!(
        "[[plugin]]\npath = {0}\n[[plugin]]\npath = {0}\n",
        toml_path(&reading)
    ));
    assert_eq!(twice.code, 2);
    assert!(
        twice
            .stderr
            .contains("an enrich plugin named `reading-time` is already registered"),
        "{}",
        twice.stderr
    );

    let pinned_wrong = check(format!(
        "[[plugin]]\npath = {}\nsha256 = \"{}\"\n",
        toml_path(&reading),
        "0".repeat(64)
    ));
    assert_eq!(pinned_wrong.code, 2);
    assert!(
        pinned_wrong.stderr.contains("but the pipeline pins 0000"),
        "{}",
        pinned_wrong.stderr
    );
    let digest = dateline_plugin::library::sha256_hex(&reading).unwrap();
    let pinned = check(format!(
        "[[plugin]]\npath = {}\nsha256 = \"{digest}\"\n",
        toml_path(&reading)
    ));
    assert_eq!(pinned.code, 0, "{}", pinned.stderr);

    let open_dir = dir.path().join("open");
    std::fs::create_dir(&open_dir).unwrap();
    let copy = open_dir.join("libreading.so");
    std::fs::copy(&reading, &copy).unwrap();
    std::fs::set_permissions(
        &open_dir,
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .unwrap();
    let writable = check(format!("[[plugin]]\npath = {}\n", toml_path(&copy)));
    assert_eq!(writable.code, 2);
    assert!(
        writable.stderr.contains("is writable by anyone"),
        "{}",
        writable.stderr
    );
}

#[test]
fn a_program_that_crashes_hangs_or_garbles_fails_only_the_records_in_flight() {
    let script = repo_root().join("tests/plugins/misbehaving.py");
    for (mode, trigger, message) in [
        (
            "garbage",
            "GARBAGE",
            "sent an answer that is not a response (expected ident at line 1 column 2) and was \
             killed while handling this batch; restarted (1 of 3 restarts)",
        ),
        (
            "wrongid",
            "WRONGID",
            "was awaited and was killed while handling this batch; restarted (1 of 3 restarts)",
        ),
        (
            "crash",
            "CRASH",
            "exited (exit status: 3) while handling this batch; restarted (1 of 3 restarts)",
        ),
        (
            "hang",
            "HANG",
            "gave no answer within 1s and was killed while handling this batch; restarted (1 of 3 restarts)",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let trigger_body = format!("Then {trigger} happened.");
        articles(dir.path(), &["First.", &trigger_body, "Third.", "Fourth."]);
        let plugins = format!(
            "[[plugin]]\ncommand = [\"python3\", {}, \"{mode}\"]\nworkers = 1\ntimeout_ms = 1000\n",
            toml_path(&script)
        );
        let path = pipeline(
            dir.path(),
            &plugins,
            &format!("[[enrich]]\nuse = \"misbehaving-{mode}\"\n"),
        );
        let result = dateline(dir.path(), &["run", path.to_str().unwrap()]);
        assert_eq!(result.code, 3, "{mode}: {}", result.stderr);
        assert!(
            result
                .stderr
                .contains("written 3  dead-lettered 1  skipped 0  = read 4  (all accounted for)"),
            "{mode}: {}",
            result.stderr
        );
        let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
        assert_eq!(letters.lines().count(), 1);
        assert!(
            letters.contains("in/01.txt") && letters.contains(message),
            "{mode}: {letters}"
        );
        assert!(
            result.stderr.contains(&format!(
                "[misbehaving-{mode} #1] misbehaving plugin started in {mode} mode"
            )),
            "stderr passes through, labelled: {}",
            result.stderr
        );
        let records = read_records(&dir.path().join("out/articles.jsonl"));
        assert!(records.iter().all(|r| r["extra"]["seen"] == true));
    }
}

#[test]
fn a_program_that_floods_stderr_says_no_hello_or_points_past_the_text_costs_no_hang() {
    let options = "timeout_ms = 1000\n";
    // 20 MB on stderr while it works: drained as it comes, every record written.
    let bodies = ["First.", "Then FLOOD happened.", "Third."];
    let (dir, result) = run_misbehaving("flood", options, &bodies, &["-q"]);
    assert_eq!(
        result.code,
        0,
        "{}",
        &result.stderr[..result.stderr.len().min(2000)]
    );
    assert_eq!(
        read_records(&dir.path().join("out/articles.jsonl")).len(),
        3
    );

    // No handshake: the pipeline is refused at start, naming the program, within its timeout.
    let started = std::time::Instant::now();
    let (_dir, result) = run_misbehaving("silent", options, &["First."], &[]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("misbehaving.py silent` said nothing within 1s"),
        "{}",
        result.stderr
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));

    // Offsets past the end of the text: that record fails, at that plugin, with the offset.
    let bodies = ["First.", "Then OFFSETS happened."];
    let (dir, result) = run_misbehaving("offsets", options, &bodies, &[]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
    assert_eq!(letters.lines().count(), 1, "{letters}");
    assert!(
        letters.contains("in/01.txt")
            && letters.contains("misbehaving-offsets@0.1.0")
            && letters.contains(
                "returned an offset outside the text: quote [0, 1000000) is outside `body`"
            ),
        "{letters}"
    );
}

#[test]
fn a_program_writing_bytes_that_are_not_text_or_an_endless_answer_fails_only_that_record() {
    let options = "timeout_ms = 5000\nmax_answer_bytes = 1048576\n";
    // 20 MB of stderr that is not UTF-8, on one line: drained all the same (a program blocked
    // on a full stderr pipe would time out), then an answer that is not UTF-8.
    let bodies = [
        "First.",
        "Then BINARY noise.",
        "Then NOTUTF8 came.",
        "Fourth.",
    ];
    let (dir, result) = run_misbehaving("bytes", options, &bodies, &[]);
    let shown = &result.stderr[..result.stderr.len().min(3000)];
    assert_eq!(result.code, 3, "{shown}");
    assert!(result.stderr.contains(" [line cut]\n"), "{shown}");
    assert!(
        result
            .stderr
            .contains("[misbehaving-bytes #1] stderr goes on after the noise\n"),
        "{shown}"
    );
    let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
    assert_eq!(letters.lines().count(), 1, "{letters}");
    assert!(
        letters.contains("in/02.txt") && letters.contains("a line that is not UTF-8"),
        "{letters}"
    );
    assert_eq!(
        read_records(&dir.path().join("out/articles.jsonl")).len(),
        3
    );

    // A 50 MB answer past max_answer_bytes: that record fails, the worker is replaced, and
    // the host never holds more than the cap.
    let bodies = ["First.", "Then ENDLESS talk.", "Third."];
    let (dir, result) = run_misbehaving("endless", options, &bodies, &[]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
    assert_eq!(letters.lines().count(), 1, "{letters}");
    assert!(
        letters.contains("in/01.txt")
            && letters.contains("a line longer than max_answer_bytes (1048576 bytes)"),
        "{letters}"
    );
    assert_eq!(
        read_records(&dir.path().join("out/articles.jsonl")).len(),
        2
    );
}

#[test]
fn a_crate_made_by_new_plugin_builds_outside_the_workspace_and_loads_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let crate_dir = dir.path().join("word-counter");
    let result = dateline(
        dir.path(),
        &[
            "new-plugin",
            "word-counter",
            "--kind",
            "enrich",
            "--dir",
            crate_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    // Same dependency versions as Dateline itself: faster, and no surprise upgrades.
    std::fs::copy(repo_root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).unwrap();
    let build = Command::new(env!("CARGO"))
        .args(["build", "--quiet"])
        .env("CARGO_TARGET_DIR", plugin_target())
        .current_dir(&crate_dir)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let test = Command::new(env!("CARGO"))
        .args(["test", "--quiet"])
        .env("CARGO_TARGET_DIR", plugin_target())
        .current_dir(&crate_dir)
        .output()
        .unwrap();
    assert!(
        test.status.success(),
        "its own test passes: {}",
        String::from_utf8_lossy(&test.stderr)
    );

    articles(dir.path(), &["Five words are right here."]);
    let plugins = format!(
        "[[plugin]]\npath = {}\n",
        toml_path(&plugin_target().join("debug/libword_counter.so"))
    );
    let path = pipeline(dir.path(), &plugins, "[[enrich]]\nuse = \"word-counter\"\n");
    let result = dateline(dir.path(), &["run", path.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    assert_eq!(records[0]["extra"]["word-counter"]["words"], 5);
}
