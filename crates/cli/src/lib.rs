//! The `dateline` command line, as a library so that tools (xtask, tests) can use
//! the same built-in registry and commands as the binary.

#![warn(missing_docs)]

pub mod commands;
pub mod progress;
pub mod scaffold;

use dateline_runner::Registry;

/// Every plugin compiled into Dateline. A new built-in plugin is one line here.
pub fn builtin_registry() -> Registry {
    Registry::new()
        .with(dateline_core::parser::<dateline_text::TextParser>())
        .with(dateline_core::parser::<dateline_jsonl::JsonlParser>())
        .with(dateline_core::parser::<dateline_html::HtmlParser>())
        .with(dateline_core::parser::<dateline_warc::WarcParser>())
        .with(dateline_core::enricher::<dateline_entities::EntitiesEnricher>())
        .with(dateline_core::enricher::<dateline_times::TimesEnricher>())
        .with(dateline_core::enricher::<dateline_quotes::QuotesEnricher>())
        .with(dateline_core::enricher::<dateline_events::EventsEnricher>())
        .with(dateline_core::enricher::<dateline_tone::ToneEnricher>())
        .with(dateline_core::enricher::<dateline_topics::TopicsEnricher>())
        .with(dateline_core::sink::<dateline_jsonl_sink::JsonlSink>())
        .with(dateline_core::sink::<dateline_sqlite::SqliteSink>())
        .with(dateline_core::sink::<dateline_csv::CsvSink>())
        .with(dateline_core::sink::<dateline_report::ReportSink>())
        .with(dateline_core::sink::<dateline_stories_sink::StoriesSink>())
}

/// The comparable text form of a binary output, for golden checks; `None` for outputs
/// that are compared as they are.
pub fn canonical_form(path: &std::path::Path) -> Option<Result<String, String>> {
    dateline_sqlite::is_sqlite(path)
        .then(|| dateline_sqlite::canonical_dump(path).map_err(|e| dateline_core::error::chain(&e)))
}

/// Exit codes of `dateline`, as documented in the README.
pub mod exit {
    /// Every record made it.
    pub const OK: i32 = 0;
    /// A fatal error: nothing trustworthy was written.
    pub const FATAL: i32 = 1;
    /// The configuration is wrong.
    pub const CONFIG: i32 = 2;
    /// The run finished but some records went to the dead-letter output.
    pub const DEAD_LETTERS: i32 = 3;
    /// The output differs from the golden files.
    pub const GOLDEN_MISMATCH: i32 = 4;
}
