//! `cargo xtask`: Dateline's project chores, as Rust code in the workspace.
//!
//! - `cargo xtask schema`: regenerate schema/record.schema.json from the record types.
//! - `cargo xtask eval [NAME]`: quality figures on ../shared/corpus, one JSON line per metric;
//!   exits non-zero when a quality gate fails.
//! - `cargo xtask gazetteer`: regenerate the GeoNames place gazetteer of `entities`.
//! - `cargo xtask clusters`: learn the word clusters of the entity tagger.
//! - `cargo xtask lowercase-words`: list the words news writes in lower case.
//! - `cargo xtask teams`: list the sports teams CoNLL-2003 train's sports reports name.
//! - `cargo xtask train-ner`: train the entity tagger and write its model file.
//! - `cargo xtask train-parser`: train the part-of-speech tagger and dependency parser.
//! - `cargo xtask lexicon --vader FILE`: build the word valences of `tone`.
//! - `cargo xtask train-topics`: train the topic classifier of `topics`.
//! - `cargo xtask train-tone`: train the tone toward a person of `tone`.
//! - `cargo xtask parse "SENTENCE"`: show the tags, tree and event frames of a sentence.
//! - `cargo xtask bench [NAME]`: whole-run throughput and memory benchmarks.
//! - `cargo xtask code-order`: list the functions a run executes, for the linker's layout.

mod background;
mod bench;
mod bench_limits;
mod bench_shards;
mod bench_stories;
mod bench_summary;
mod clusters;
mod code_order;
mod eval;
mod gazetteer;
mod gum;
mod learn;
mod lexicon;
mod lowercase_words;
mod markup;
mod ner;
mod ner_network;
mod paths;
mod patterns;
mod reuters;
mod syntax;
mod teams;
mod tone;
mod topics;

use anyhow::Result;

// The allocator of the `dateline` binary, so that in-process benchmarks (`bench stories`)
// measure the memory a run would use.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate schema/record.schema.json.
    Schema,
    /// Evaluate quality against ../shared/corpus (all evaluations when no name is given).
    Eval {
        /// Which evaluation: text, html, html-cores, warc, times, ner, quotes, events, tone,
        /// topics, stories, shards.
        name: Option<String>,
        /// Corpus root (default ../shared/corpus).
        #[arg(long)]
        corpus: Option<std::path::PathBuf>,
        /// Further data sets to score, in the evaluation's formats (for ner: a CoNLL
        /// column file, a folder of MEANTIME XML, or a GUM-style `.conllu[.gz]`).
        #[arg(long = "path")]
        paths: Vec<std::path::PathBuf>,
    },
    /// Regenerate the place gazetteer of the `entities` plugin from GeoNames.
    Gazetteer {
        /// Corpus root (default ../shared/corpus).
        #[arg(long)]
        corpus: Option<std::path::PathBuf>,
    },
    /// Learn the word clusters of the `entities` tagger from unlabelled news.
    Clusters {
        /// Corpus root (default ../shared/corpus).
        #[arg(long)]
        corpus: Option<std::path::PathBuf>,
    },
    /// List the words news writes in lower case, for reading headlines in title case
    /// (`--check`: compare with the committed file instead of writing it).
    LowercaseWords {
        /// Corpus root (default ../shared/corpus).
        #[arg(long)]
        corpus: Option<std::path::PathBuf>,
        /// Compare only.
        #[arg(long)]
        check: bool,
    },
    /// List the sports teams CoNLL-2003 train's sports reports name, for the entity
    /// recognizer (`--check`: compare with the committed file instead of writing it).
    Teams {
        /// Corpus root (default ../shared/corpus).
        #[arg(long)]
        corpus: Option<std::path::PathBuf>,
        /// Compare only.
        #[arg(long)]
        check: bool,
    },
    /// Count the articles each word appears in, for story clustering's word weights.
    Background {
        /// Corpus root (default ../shared/corpus).
        #[arg(long)]
        corpus: Option<std::path::PathBuf>,
    },
    /// Build the word valences of the `tone` enricher from VADER's lexicon and the news
    /// words (`--check`: compare with the committed file instead of writing it).
    Lexicon {
        /// `vader_lexicon.txt` of vaderSentiment 3.3.2 (see crates/xtask/src/lexicon.rs).
        #[arg(long)]
        vader: std::path::PathBuf,
        /// Fail unless the committed file is exactly what would be written.
        #[arg(long)]
        check: bool,
    },
    /// Train the topic classifier of the `topics` enricher and write its model file.
    TrainTopics(topics::TrainOptions),
    /// Train the model of the tone toward a person of the `tone` enricher.
    TrainTone(tone::TrainOptions),
    /// Train the entity tagger of the `entities` plugin and write its model file.
    TrainNer(ner::TrainOptions),
    /// Train the part-of-speech tagger and the dependency parser of `dateline-syntax`.
    TrainParser(syntax::TrainOptions),
    /// Show how the shipped models read a sentence: tags, tree and event frames.
    Parse {
        /// The sentence.
        text: String,
    },
    /// List the functions a run of the default pipeline executes, which the linker lays
    /// out first and together (`--check`: fail when the list no longer fits the binary).
    CodeOrder {
        /// Measure how many listed functions the release binary still has, and fail under
        /// the share wanted.
        #[arg(long)]
        check: bool,
    },
    /// List the program's patterns in the catalog whose automata the build compiles in
    /// (`--check`: compare with the committed catalog instead of writing it).
    Patterns {
        /// Fail unless the committed catalog is exactly what would be written.
        #[arg(long)]
        check: bool,
    },
    /// Run benchmarks (the summary table when no name is given).
    Bench {
        /// Which benchmark: summary (the default: start-up, the NLP path and text -> JSONL in
        /// one table), text, startup, cache, plugins, warc, entities, times, quotes, parser,
        /// events, tone-topics, stories, shards, limits.
        name: Option<String>,
        /// Size of the synthetic corpus in MB (default 1024).
        #[arg(long, default_value_t = 1024)]
        synthetic_mb: u64,
        /// Skip the synthetic corpus (only the BBC corpus).
        #[arg(long)]
        quick: bool,
        /// For `stories`: one corpus size instead of 10k, 100k and 1M records.
        #[arg(long)]
        records: Option<usize>,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Schema => {
            let path = paths::repo_root().join("schema/record.schema.json");
            let text = serde_json::to_string_pretty(&dateline_core::json_schema())? + "\n";
            std::fs::create_dir_all(path.parent().expect("has a parent"))?;
            std::fs::write(&path, text)?;
            println!("wrote {}", path.display());
            Ok(())
        }
        Command::Eval {
            name,
            corpus,
            paths: extra,
        } => {
            let corpus = corpus.unwrap_or_else(paths::corpus_root);
            eval::run(name.as_deref(), &corpus, &extra)
        }
        Command::Gazetteer { corpus } => gazetteer::run(&corpus.unwrap_or_else(paths::corpus_root)),
        Command::LowercaseWords { corpus, check } => {
            lowercase_words::run(&corpus.unwrap_or_else(paths::corpus_root), check)
        }
        Command::Teams { corpus, check } => {
            teams::run(&corpus.unwrap_or_else(paths::corpus_root), check)
        }
        Command::Background { corpus } => {
            background::run(&corpus.unwrap_or_else(paths::corpus_root))
        }
        Command::Lexicon { vader, check } => lexicon::run(&vader, check),
        Command::TrainTopics(options) => topics::train(options),
        Command::TrainTone(options) => tone::train(options),
        Command::TrainNer(options) => ner::train(options),
        Command::TrainParser(options) => syntax::train(options),
        Command::Parse { text } => syntax::show(&text),
        Command::Clusters { corpus } => clusters::run(&corpus.unwrap_or_else(paths::corpus_root)),
        Command::CodeOrder { check } => code_order::run(check),
        Command::Patterns { check } => patterns::run(check),
        Command::Bench {
            name,
            synthetic_mb,
            quick,
            records,
        } => match name.as_deref() {
            Some("stories") => bench_stories::run(records),
            Some("shards") => bench_shards::run(),
            Some("limits") => bench_limits::run(),
            None | Some("summary") => bench_summary::run(),
            // The measured process of `bench stories`, one size.
            Some("stories-one") => bench_stories::run_one(records.unwrap_or(10_000)),
            name => bench::run(name, synthetic_mb, quick),
        },
    }
}
