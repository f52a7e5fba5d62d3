//! Properties the runner's own checks rest on: a cache entry reads back as written, and an
//! output compared with itself is clean.

use dateline_runner::cache::{Cache, Entry, Lookup};
use dateline_runner::golden;
use proptest::prelude::*;

fn entries() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec(
        prop_oneof![
            "\\PC*".prop_map(|text| Entry::Written(serde_json::json!({"body": text}).to_string())),
            "\\PC*[\r\n]?\\PC*".prop_map(Entry::Skipped),
        ],
        0..8,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// What a cache hit serves is what the run stored: records and skips, in order.
    #[test]
    fn a_cache_entry_reads_back_as_written(entries in entries(), key in any::<[u8; 32]>()) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("cache")).unwrap();
        let mut writer = cache.writer(&key).unwrap();
        for entry in &entries {
            match entry {
                Entry::Written(json) => writer.written(json).unwrap(),
                Entry::Skipped(reason) => writer.skipped(reason).unwrap(),
            }
        }
        writer.commit().unwrap();
        // Skip reasons are kept on one line, as runs report them.
        let expected: Vec<Entry> = entries
            .into_iter()
            .map(|entry| match entry {
                Entry::Skipped(reason) => Entry::Skipped(dateline_runner::cache::one_line(&reason)),
                written => written,
            })
            .collect();
        match cache.get(&key) {
            Lookup::Hit(read) => prop_assert_eq!(read, expected),
            Lookup::Miss => prop_assert!(false, "a committed entry is found"),
            Lookup::Corrupt(why) => prop_assert!(false, "a committed entry is whole: {}", why),
        }
    }

    /// An output compared with a copy of itself has no difference to report.
    #[test]
    fn an_output_against_itself_is_clean(lines in proptest::collection::vec("\\PC{0,20}", 0..10)) {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("out.jsonl");
        let text: String = lines
            .iter()
            .enumerate()
            .map(|(i, body)| serde_json::json!({"id": format!("r#{i}"), "body": body}).to_string() + "\n")
            .collect();
        std::fs::write(&output, text).unwrap();
        let golden_dir = dir.path().join("golden");
        golden::bless(std::slice::from_ref(&output), &golden_dir).unwrap();
        let report = golden::compare(std::slice::from_ref(&output), &golden_dir, &|_| None).unwrap();
        prop_assert!(report.is_clean());
    }
}
