//! Record order is a property of the inputs alone: any thread count and any batch size
//! write the same bytes, over generated sets of inputs (several articles to a file, empty
//! and binary files among them), in process, through the built-in plugins.

use std::path::Path;

use proptest::prelude::*;

use crate::support::*;

/// One generated input file.
#[derive(Debug, Clone)]
enum Input {
    /// One of the sample articles (some hold several articles).
    Sample(usize),
    /// Short articles separated by form feeds.
    Briefs(Vec<String>),
    /// Nothing: skipped.
    Empty,
    /// Not text: a dead letter.
    Binary,
}

fn samples() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(repo_root().join("examples/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        4 => (0..samples().len()).prop_map(Input::Sample),
        2 => proptest::collection::vec("[A-Z][a-z]{2,8}( [a-z]{2,8}){3,12}\\.", 1..4)
            .prop_map(Input::Briefs),
        1 => Just(Input::Empty),
        1 => Just(Input::Binary),
    ]
}

fn write_inputs(dir: &Path, inputs: &[Input]) {
    let samples = samples();
    let folder = dir.join("in");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, input) in inputs.iter().enumerate() {
        let path = folder.join(format!("{i:03}.txt"));
        match input {
            Input::Sample(n) => {
                std::fs::copy(&samples[*n], &path).unwrap();
            }
            Input::Briefs(bodies) => {
                let text: Vec<String> = bodies
                    .iter()
                    .enumerate()
                    .map(|(k, body)| format!("Brief number {k} of file {i}\n\n{body}\n"))
                    .collect();
                std::fs::write(&path, text.join("\x0c\n")).unwrap();
            }
            Input::Empty => std::fs::write(&path, "").unwrap(),
            Input::Binary => std::fs::write(&path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap(),
        }
    }
}

/// Runs the samples' pipeline in `dir` and returns (records, dead letters).
fn run(dir: &Path, threads: usize, batch_size: usize) -> (String, String) {
    static REGISTRY: std::sync::OnceLock<dateline_runner::Registry> = std::sync::OnceLock::new();
    let registry = REGISTRY.get_or_init(dateline_cli::builtin_registry);
    let text = format!(
        "[run]\nthreads = {threads}\nbatch_size = {batch_size}\n\
         reference_time = \"2025-01-21T12:00:00Z\"\ndead_letter = \"out/dead.jsonl\"\n\n\
         [[source]]\nuse = \"text\"\npaths = [\"in/*.txt\"]\n\n\
         [[enrich]]\nuse = \"entities\"\n\n[[enrich]]\nuse = \"times\"\n\n\
         [[enrich]]\nuse = \"quotes\"\n\n[[enrich]]\nuse = \"events\"\n\n\
         [[sink]]\nuse = \"jsonl\"\npath = \"out/{threads}-{batch_size}.jsonl\"\n"
    );
    let path = dir.join("pipeline.toml");
    let plan = dateline_runner::config::parse_plan(&path, &text, &[], registry)
        .unwrap_or_else(|e| panic!("{e}"));
    dateline_runner::run(&plan, &dateline_runner::Silent).expect("the run completes");
    let read = |name: String| std::fs::read_to_string(dir.join("out").join(name)).unwrap();
    (
        read(format!("{threads}-{batch_size}.jsonl")),
        read("dead.jsonl".into()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn records_and_dead_letters_are_in_the_same_order_at_any_threads_and_batch_size(
        inputs in proptest::collection::vec(input(), 1..8),
        threads in 1usize..=4,
        batch_size in 1usize..=7,
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_inputs(dir.path(), &inputs);
        let reference = run(dir.path(), 1, 256);
        let other = run(dir.path(), threads, batch_size);
        prop_assert!(
            reference.0 == other.0,
            "records differ between 1 thread, batch 256 and {} threads, batch {}",
            threads,
            batch_size
        );
        prop_assert_eq!(&reference.1, &other.1);
        let articles = inputs
            .iter()
            .filter(|i| matches!(i, Input::Sample(_) | Input::Briefs(_)))
            .count();
        prop_assert!(reference.0.lines().count() >= articles);
        let expected_letters = inputs.iter().filter(|i| matches!(i, Input::Binary)).count();
        prop_assert_eq!(reference.1.lines().count(), expected_letters);
    }
}
