//! # dateline-plugin
//!
//! The crate a plugin author depends on, and the host side that loads plugins.
//!
//! **Writing a plugin.** Implement [`Plugin`] and one of [`Parse`], [`Enrich`] or
//! [`Sink`] exactly as Dateline's own plugins do (this crate re-exports the record
//! model and the traits), then either
//! - build a `cdylib` with [`export_plugin!`]`(MyType)`, loaded by path with
//!   `[[plugin]] path = "..."`, or
//! - build a program whose `main` calls [`serve_stdio`], run with
//!   `[[plugin]] command = [...]`; any language can implement the same JSON-lines
//!   protocol ([`protocol`], specified in PLUGINS.md).
//!
//! **Loading plugins** (what Dateline does): [`library::LibraryPlugin`] and
//! [`process::ProcessPlugin`] check and describe a plugin and implement
//! [`Factory`], so the runner uses them like built-ins.
//!
//! The C ABI ([`abi`]) is a versioned `#[repr(C)]` table of `extern "C"` functions that
//! pass JSON messages as byte buffers; see PLUGINS.md for the compatibility promise.

#![warn(missing_docs)]

pub mod abi;
pub mod client;
#[doc(hidden)]
pub mod export;
pub mod library;
pub mod process;
pub mod protocol;
pub mod serve;
pub mod wire;

pub use dateline_core::*;
pub use protocol::ABI_VERSION;
pub use serve::serve_stdio;
