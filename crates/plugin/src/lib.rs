//! # dateline-plugin
//!
//! The crate a plugin author depends on. It re-exports the record model and the
//! [`Parse`], [`Enrich`] and [`Sink`] traits from `dateline-core`, so a plugin is
//! written against exactly the same API as Dateline's own plugins.

#![warn(missing_docs)]

pub use dateline_core::*;
