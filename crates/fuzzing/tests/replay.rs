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
