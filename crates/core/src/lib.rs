//! # dateline-core
//!
//! The shared vocabulary of Dateline: the record model of schema v1
//! ([`Document`] and its parts), the three plugin roles ([`Parse`], [`Enrich`],
//! [`Sink`]), plugin metadata ([`PluginInfo`]) with typed configuration
//! ([`Plugin::Config`]), and the error a plugin returns ([`PluginError`]).
//!
//! This crate does no I/O and knows nothing of files, threads or plugin names:
//! the runner supplies all of that through [`Host`].

#![warn(missing_docs)]

pub mod error;
pub mod json;
pub mod plugin;
pub mod record;
pub mod text;

pub use error::PluginError;
pub use plugin::{
    Enrich, Factory, Host, Instance, Kind, NoConfig, Parse, ParseContext, Parsed, Parts, Plugin,
    PluginInfo, RawPart, Sink, SinkRecord, enricher, parser, sink,
};
pub use record::{
    Argument, Dateline, Document, Entity, EntityTone, EntityType, Event, EventMode, EventTime,
    FieldMention, Geo, Mention, OffsetError, Quote, QuoteKind, SCHEMA_VERSION, Source, Span,
    TimeExpression, TimeType, Tone, Topic, Warning, json_schema,
};
