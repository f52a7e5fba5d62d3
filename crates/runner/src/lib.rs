//! # dateline-runner
//!
//! Turns a pipeline.toml into a validated [`Plan`] ([`config::load`]) and runs it
//! ([`run`]): sources are read and framed on one thread, parsing and enriching run
//! in parallel on a rayon pool, and every sink writes on its own thread, all in
//! input order, in memory bounded by the batch size.
//!
//! The runner knows plugins only through the [`Registry`] it is handed; the
//! `dateline` binary fills it with the built-in plugins.

#![warn(missing_docs)]

pub mod cache;
pub mod config;
pub mod engine;
pub mod golden;
mod guard;
pub mod host;
pub mod inputs;
pub mod registry;
pub mod shard;
pub mod summary;
pub mod toml_tree;

pub use config::{ConfigError, ConfigErrors, OnError, Override, Plan, load};
pub use engine::{DeadLetter, Observer, RunError, Silent, merge_shards, run};
pub use registry::{PluginOrigin, Registry};
pub use summary::{CacheReport, Progress, StageReport, Summary};
