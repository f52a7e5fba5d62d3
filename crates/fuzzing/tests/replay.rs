//! Every committed seed and every crash ever found, through the fuzz targets' harness: a
//! fixed crash stays fixed, on every `cargo test`, without cargo-fuzz.

use std::path::PathBuf;

use dateline_fuzzing::Target;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

#[test]
fn every_seed_and_crash_replays_cleanly() {
    let mut replayed = 0;
    for target in Target::ALL {
        for folder in ["seeds", "regressions"] {
            let dir = fuzz_dir().join(folder).join(target.name());
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
            files.sort();
            for file in files {
                let bytes = std::fs::read(&file).unwrap();
                eprintln!("replaying {}", file.display());
                target.run(&bytes);
                replayed += 1;
            }
        }
    }
    assert!(
        replayed >= 10,
        "the committed seeds are there ({replayed} replayed)"
    );
}

#[test]
fn the_report_of_every_golden_article_passes_the_inertness_check() {
    let golden = fuzz_dir().join("../tests/golden/articles.jsonl");
    let text = std::fs::read_to_string(golden).unwrap();
    let mut checked = 0;
    for line in text.lines() {
        let doc: dateline_core::Document = serde_json::from_str(line).unwrap();
        dateline_fuzzing::check_inert(&dateline_report::article_html(&doc));
        checked += 1;
    }
    assert!(checked >= 12, "{checked} articles");
}

#[test]
#[should_panic(expected = "a tag the report does not make")]
fn live_markup_fails_the_inertness_check() {
    dateline_fuzzing::check_inert("<p class=\"meta\">x</p><img src=x onerror=alert(1)>");
}

#[test]
#[should_panic(expected = "an attribute the report does not make")]
fn an_event_handler_fails_the_inertness_check() {
    dateline_fuzzing::check_inert("<a href=\"#e\" onmouseover=\"alert(1)\">x</a>");
}

#[test]
#[should_panic(expected = "a link that is not to the web or the report")]
fn a_script_link_fails_the_inertness_check() {
    dateline_fuzzing::check_inert("<a href=\"javascript:alert(1)\">x</a>");
}

#[test]
#[should_panic(expected = "a link that is not to the web or the report")]
fn a_script_link_in_mixed_case_fails_the_inertness_check() {
    dateline_fuzzing::check_inert("<a href=\"JavaScript:alert(1)\">x</a>");
}

#[test]
fn a_web_link_in_mixed_case_passes_the_inertness_check() {
    dateline_fuzzing::check_inert("<a href=\"hTtPs://news.example/a\" rel=\"noreferrer\">x</a>");
}
