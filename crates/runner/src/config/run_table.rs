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
            let key = entry.key.as_str();
            if !RUN_KEYS.contains(&key) {
                let hint = did_you_mean(key, RUN_KEYS.iter().copied());
                self.error(
                    &entry.key_origin,
                    format!("unknown key `{key}` in [run]{hint}"),
                );
            } else if let Err(message) = read_key(&mut settings, key, &entry.item.value) {
                self.error(&entry.item.origin, message);
            }
        }
        (self.errors.len() == before).then_some(settings)
    }
}

/// Reads one known `[run]` key into `settings`; `Err` says what the value should be.
fn read_key(settings: &mut RunSettings, key: &str, value: &Value) -> Result<(), String> {
    match key {
        "threads" => {
            settings.threads = whole_number(value, 0..=4096)
                .ok_or("`threads` must be a whole number from 0 (all cores) to 4096")?
        }
        "batch_size" => {
            settings.batch_size = whole_number(value, 1..=1_000_000)
                .ok_or("`batch_size` must be a whole number from 1 to 1000000")?
        }
        "reference_time" => settings.reference_time = Some(reference_time(value)?),
        "on_error" => settings.on_error = on_error(value)?,
        "cache" => settings.cache = Some(path(value).ok_or("`cache` must be a directory path")?),
        "dead_letter" => {
            settings.dead_letter = path(value).ok_or("`dead_letter` must be a file path")?
        }
        other => unreachable!("`{other}` is not in RUN_KEYS"),
    }
    Ok(())
}

fn whole_number(value: &Value, range: std::ops::RangeInclusive<i64>) -> Option<usize> {
    match value {
        Value::Integer(n) if range.contains(n) => Some(*n as usize),
        _ => None,
    }
}

fn path(value: &Value) -> Option<PathBuf> {
    match value {
        Value::String(s) if !s.is_empty() => Some(PathBuf::from(s)),
        _ => None,
    }
}

/// An RFC 3339 time with an offset, normalized.
fn reference_time(value: &Value) -> Result<String, String> {
    let text = match value {
        Value::String(s) | Value::Datetime(s) => s,
        other => {
            return Err(format!(
                "`reference_time` must be an RFC 3339 time, not a {}",
                other.type_name()
            ));
        }
    };
    text.parse::<jiff::Timestamp>()
        .map(|ts| ts.to_string())
        .map_err(|e| {
            format!("`reference_time` must be an RFC 3339 time with an offset, like \"2025-01-21T12:00:00Z\": {e}")
        })
}

fn on_error(value: &Value) -> Result<OnError, String> {
    match value {
        Value::String(s) if s == "dead-letter" => Ok(OnError::DeadLetter),
        Value::String(s) if s == "abort" => Ok(OnError::Abort),
        Value::String(s) => {
            let hint = did_you_mean(s, ["dead-letter", "abort"]);
            Err(format!(
                "`on_error` is \"dead-letter\" or \"abort\", not {s:?}{hint}"
            ))
        }
        other => Err(format!(
            "`on_error` must be a string, not a {}",
            other.type_name()
        )),
    }
}
