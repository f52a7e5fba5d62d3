//! CI regression runs: golden diffs, determinism under reordering, incremental runs.

use std::path::Path;

use crate::support::*;

#[test]
fn the_sample_pipeline_matches_its_golden_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let golden = repo_root().join("tests/golden");
    let result = run_samples(dir.path(), &["--golden", golden.to_str().unwrap()]);
    assert_eq!(
        result.code, 0,
        "the sample outputs changed; if that is intended, run `cargo run --release -- run --golden tests/golden --bless`\n{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("golden: all 14 output(s) match"),
        "{}",
        result.stderr
    );
    read_records(&dir.path().join("articles.jsonl"));
}

#[test]
fn a_configuration_change_names_the_changed_records_and_fields_and_bless_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let golden = dir.path().join("golden");
    copy_dir(&repo_root().join("tests/golden"), &golden);
    let golden_arg = golden.to_str().unwrap();
    let out = dir.path().join("out");

    // Another reference time changes the relative stamps, and nothing else.
    let changed = [
        "--golden",
        golden_arg,
        "--set",
        "run.reference_time=\"2025-02-01T00:00:00Z\"",
    ];
    let result = run_samples(&out, &changed);
    assert_eq!(result.code, 4, "{}", result.stderr);
    let report = &result.stderr;
    assert!(report.contains("articles.jsonl differs from"), "{report}");
    // Relative stamps, and the time expressions of articles that give no date of their own
    // (with the events they date), are resolved against the reference time: exactly those
    // records and fields change. A wire story whose dateline gives its day ("GENEVA, Jan 23
    // (AP)") keeps its times.
    assert!(
        report.contains("9 of 14 records changed, 0 missing, 0 extra"),
        "{report}"
    );
    assert!(report.contains("field `times`: 9 record(s)"), "{report}");
    assert!(report.contains("field `updated`: 2 record(s)"), "{report}");
    assert!(report.contains("examples/articles/02-two-web-copies.txt#0\n      - \"2025-01-21T10:00:00Z\"\n      + \"2025-01-31T22:00:00Z\""), "{report}");
    assert!(
        report.contains("examples/articles/06-web-copy-furniture.txt#0"),
        "{report}"
    );
    // Events carry the values of the times that date them.
    assert!(report.contains("field `events`: "), "{report}");
    assert_eq!(
        report.matches("field `").count(),
        3,
        "only `times`, `updated` and the events' times changed: {report}"
    );
    assert!(report.contains("accept it with --bless"), "{report}");

    let mut bless = changed.to_vec();
    bless.push("--bless");
    let result = run_samples(&out, &bless);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let result = run_samples(&out, &changed);
    assert_eq!(result.code, 0, "blessed outputs match: {}", result.stderr);
}

#[test]
fn missing_and_extra_records_are_reported_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let golden = dir.path().join("golden");
    copy_dir(&repo_root().join("tests/golden"), &golden);
    // Without separators the three briefs of 05 become one article.
    let set = "source.0.separator=\"\"";
    let result = run_samples(
        &dir.path().join("out"),
        &["--golden", golden.to_str().unwrap(), "--set", set],
    );
    assert_eq!(result.code, 4, "{}", result.stderr);
    assert!(
        result.stderr.contains("missing (in the golden file, not in this run): examples/articles/05-three-briefs.txt#1, examples/articles/05-three-briefs.txt#2"),
        "{}",
        result.stderr
    );
}

#[test]
fn shuffled_inputs_and_thread_counts_give_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let samples = repo_root().join("examples/articles");
    let mut names: Vec<String> = std::fs::read_dir(&samples)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let mut outputs = Vec::new();
    for (order, threads) in [("sorted", "1"), ("reversed", "2"), ("rotated", "8")] {
        let root = dir.path().join(order);
        let inputs = root.join("in");
        std::fs::create_dir_all(&inputs).unwrap();
        let mut arranged = names.clone();
        match order {
            "reversed" => arranged.reverse(),
            "rotated" => arranged.rotate_left(4),
            _ => {}
        }
        // Files created in another order land in another directory order.
        for name in &arranged {
            std::fs::copy(samples.join(name), inputs.join(name)).unwrap();
        }
        let pipeline = write_pipeline(&root, "in/*.txt", "");
        let result = dateline(
            &root,
            &["run", pipeline.to_str().unwrap(), "--threads", threads],
        );
        assert_eq!(result.code, 0, "{}", result.stderr);
        outputs.push(std::fs::read(root.join("out/articles.jsonl")).unwrap());
    }
    assert!(outputs.iter().all(|o| *o == outputs[0]));
}

#[test]
fn a_cached_rerun_recomputes_nothing_and_distrusts_bad_entries() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let cache_arg = cache.to_str().unwrap();
    let first = run_samples(&dir.path().join("a"), &["--cache", cache_arg]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("cache: 0 hits, 14 misses"),
        "{}",
        first.stderr
    );

    let second = run_samples(&dir.path().join("b"), &["--cache", cache_arg]);
    assert!(
        second.stderr.contains("cache: 14 hits, 0 misses"),
        "{}",
        second.stderr
    );
    let same_file = |x: &str, y: &str, name: &str| {
        std::fs::read(dir.path().join(x).join(name)).unwrap()
            == std::fs::read(dir.path().join(y).join(name)).unwrap()
    };
    let same = |x: &str, y: &str| same_file(x, y, "articles.jsonl");
    assert!(same("a", "b"), "cached records are the same bytes");
    assert!(
        same_file("a", "b", "stories.jsonl"),
        "stories are rebuilt from cached records, nothing re-enriched"
    );

    // A tampered entry fails its checksum: its input is recomputed, the entry never used.
    let mut tampered = 0;
    for shard in std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
    {
        for entry in std::fs::read_dir(shard.path()).unwrap().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            if text.contains("Lake Victoria") {
                std::fs::write(
                    entry.path(),
                    text.replace("Lake Victoria", "Lake Tanganyika"),
                )
                .unwrap();
                tampered += 1;
            }
        }
    }
    assert_eq!(tampered, 1, "one sample file mentions Lake Victoria");
    let third = run_samples(&dir.path().join("c"), &["--cache", cache_arg]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert!(
        third
            .stderr
            .contains("ignored and recomputed: checksum mismatch"),
        "{}",
        third.stderr
    );
    assert!(
        third.stderr.contains("cache: 13 hits, 1 misses, 1 corrupt"),
        "{}",
        third.stderr
    );
    assert!(same("a", "c"));

    // A changed configuration is another fingerprint: nothing is reused.
    let fourth = run_samples(
        &dir.path().join("d"),
        &[
            "--cache",
            cache_arg,
            "--set",
            "source.0.max_line_bytes=500000",
        ],
    );
    assert!(
        fourth.stderr.contains("cache: 0 hits, 14 misses"),
        "{}",
        fourth.stderr
    );
}

#[test]
fn a_directory_that_is_not_a_cache_is_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(cache.join("notes.txt"), "someone's file").unwrap();
    let result = run_samples(
        &dir.path().join("out"),
        &["--cache", cache.to_str().unwrap()],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result.stderr.contains("warning: ignoring cache"),
        "{}",
        result.stderr
    );
    let names: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["notes.txt"], "the directory is left alone");
}

/// Paths on the command line are the current directory's, paths in the pipeline the
/// pipeline's: `--cache c` with a pipeline in another directory makes `./c`.
#[test]
fn a_cache_named_on_the_command_line_is_relative_to_where_dateline_runs() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(project.join("in")).unwrap();
    std::fs::write(project.join("in/a.txt"), "A headline here\n\nA body.\n").unwrap();
    let pipeline = write_pipeline(&project, "in/*.txt", "");
    let result = dateline(
        dir.path(),
        &[
            "run",
            pipeline.to_str().unwrap(),
            "--cache",
            "here-cache",
            "--threads",
            "1",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(dir.path().join("here-cache/CACHEDIR.TAG").exists());
    assert!(!project.join("here-cache").exists());
    assert!(project.join("out/articles.jsonl").exists());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}
