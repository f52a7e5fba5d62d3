//! The `[run]` table: threads, reference time, failure policy, dead letters, batch size
//! and cache.

use std::path::PathBuf;

use super::{Checker, OnError, RunSettings, did_you_mean};
use crate::toml_tree::{Entry, Value};

const RUN_KEYS: &[&str] = &[
    "threads",
    "reference_time",
    "on_error",
    "cache",
    "dead_letter",
    "batch_size",
];

impl Checker<'_> {
    pub(super) fn run_settings(&mut self, run: Option<&Entry>) -> Option<RunSettings> {
        let mut settings = RunSettings {
            threads: 0,
            reference_time: None,
            on_error: OnError::DeadLetter,
            dead_letter: PathBuf::from("out/dead-letter.jsonl"),
            batch_size: 256,
            cache: None,
        };
        let Some(run) = run else {
            return Some(settings);
        };
        let Value::Table(table) = &run.item.value else {
            self.error(&run.item.origin, "`run` must be a table: [run]");
            return None;
        };
        let before = self.errors.len();
        for entry in &table.entries {
            let item = &entry.item;
            match entry.key.as_str() {
                "threads" => match item.value {
                    Value::Integer(n) if (0..=4096).contains(&n) => settings.threads = n as usize,
                    _ => self.error(
                        &item.origin,
                        "`threads` must be a whole number from 0 (all cores) to 4096",
                    ),
                },
                "batch_size" => match item.value {
                    Value::Integer(n) if (1..=1_000_000).contains(&n) => {
                        settings.batch_size = n as usize
                    }
                    _ => self.error(
                        &item.origin,
                        "`batch_size` must be a whole number from 1 to 1000000",
                    ),
                },
                "reference_time" => {
                    let text = match &item.value {
                        Value::String(s) | Value::Datetime(s) => s.clone(),
                        other => {
                            self.error(
                                &item.origin,
                                format!(
                                    "`reference_time` must be an RFC 3339 time, not a {}",
                                    other.type_name()
                                ),
                            );
                            continue;
                        }
                    };
                    match text.parse::<jiff::Timestamp>() {
                        Ok(ts) => settings.reference_time = Some(ts.to_string()),
                        Err(e) => self.error(
                            &item.origin,
                            format!("`reference_time` must be an RFC 3339 time with an offset, like \"2025-01-21T12:00:00Z\": {e}"),
                        ),
                    }
                }
                "on_error" => match &item.value {
                    Value::String(s) if s == "dead-letter" => {
                        settings.on_error = OnError::DeadLetter
                    }
                    Value::String(s) if s == "abort" => settings.on_error = OnError::Abort,
                    Value::String(s) => {
                        let hint = did_you_mean(s, ["dead-letter", "abort"]);
                        self.error(
                            &item.origin,
                            format!("`on_error` is \"dead-letter\" or \"abort\", not {s:?}{hint}"),
                        );
                    }
                    other => self.error(
                        &item.origin,
                        format!("`on_error` must be a string, not a {}", other.type_name()),
                    ),
                },
                "cache" => match &item.value {
                    Value::String(s) if !s.is_empty() => settings.cache = Some(PathBuf::from(s)),
                    _ => self.error(&item.origin, "`cache` must be a directory path"),
                },
                "dead_letter" => match &item.value {
                    Value::String(s) if !s.is_empty() => settings.dead_letter = PathBuf::from(s),
                    _ => self.error(&item.origin, "`dead_letter` must be a file path"),
                },
                key => {
                    let hint = did_you_mean(key, RUN_KEYS.iter().copied());
                    self.error(
                        &entry.key_origin,
                        format!("unknown key `{key}` in [run]{hint}"),
                    );
                }
            }
        }
        (self.errors.len() == before).then_some(settings)
    }
}
