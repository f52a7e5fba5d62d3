//! `[[plugin]]` tables: third-party plugins loaded into the registry, a library by `path`
//! (optionally pinned by `sha256`) or a program by `command`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dateline_core::Factory;

use super::{Checker, did_you_mean};
use crate::registry::{PluginOrigin, Registry};
use crate::toml_tree::{Entry, Item, Origin, Table, Value};

const PLUGIN_KEYS: &[&str] = &[
    "path",
    "sha256",
    "command",
    "workers",
    "timeout_ms",
    "max_restarts",
    "max_answer_bytes",
];

/// A loaded plugin and where it came from, or the located reason it did not load.
type Loaded = Result<(Arc<dyn Factory>, PluginOrigin), (Origin, String)>;

fn string(table: &Table, key: &str) -> Option<String> {
    match table.get(key).map(|e| &e.item.value) {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

fn number(table: &Table, key: &str, default: i64) -> Result<i64, String> {
    match table.get(key).map(|e| &e.item.value) {
        Some(Value::Integer(n)) if *n >= 0 => Ok(*n),
        None => Ok(default),
        Some(_) => Err(format!("`{key}` must be a whole number")),
    }
}

impl Checker<'_> {
    /// Loads every `[[plugin]]` (a library by `path`, or a program by `command`) into the registry.
    pub(super) fn external_plugins(
        &mut self,
        plugins: Option<&Entry>,
        registry: &mut Registry,
        base_dir: &Path,
    ) {
        let Some(entry) = plugins else { return };
        let Value::Array(items) = &entry.item.value else {
            self.error(
                &entry.item.origin,
                "`plugin` must be an array of tables: [[plugin]]",
            );
            return;
        };
        for (index, item) in items.iter().enumerate() {
            let label = format!("plugin #{}", index + 1);
            let Value::Table(table) = &item.value else {
                self.error(&item.origin, format!("{label} must be a table"));
                continue;
            };
            let known_keys = self.known_keys(table);
            let loaded = match (table.get("path"), table.get("command")) {
                (Some(path), None) => self.library(table, path, base_dir),
                (None, Some(command)) => self.program(table, command, item, &label, base_dir),
                (Some(_), Some(_)) => {
                    self.error(&item.origin, format!("{label} has both `path` and `command`: a plugin is a library or a program"));
                    None
                }
                (None, None) => {
                    self.error(
                        &item.origin,
                        format!("{label} needs `path` (a library) or `command` (a program)"),
                    );
                    None
                }
            };
            let Some(loaded) = loaded.filter(|_| known_keys) else {
                continue;
            };
            match loaded {
                Ok((factory, origin)) => {
                    if let Err(e) = registry.add(factory, origin) {
                        self.error(&item.origin, format!("{label}: {e}"));
                    }
                }
                Err((origin, e)) => self.error(&origin, e),
            }
        }
    }

    /// Whether every key of a `[[plugin]]` is one it takes (each unknown one is an error).
    fn known_keys(&mut self, table: &Table) -> bool {
        let mut known = true;
        for entry in &table.entries {
            if !PLUGIN_KEYS.contains(&entry.key.as_str()) {
                let hint = did_you_mean(&entry.key, PLUGIN_KEYS.iter().copied());
                self.error(
                    &entry.key_origin,
                    format!("unknown key `{}` in [[plugin]]{hint}", entry.key),
                );
                known = false;
            }
        }
        known
    }

    /// A plugin library: `path` (relative to the pipeline), checked against `sha256`.
    fn library(&mut self, table: &Table, path_entry: &Entry, base_dir: &Path) -> Option<Loaded> {
        let Some(path) = string(table, "path") else {
            self.error(
                &path_entry.item.origin,
                "`path` must be the library's file path",
            );
            return None;
        };
        let full = if Path::new(&path).is_absolute() {
            PathBuf::from(&path)
        } else {
            base_dir.join(&path)
        };
        let loaded = dateline_plugin::library::LibraryPlugin::load(
            &full,
            string(table, "sha256").as_deref(),
        )
        .map(|lib| {
            let origin = PluginOrigin::Library(lib.path().to_path_buf());
            (Arc::new(lib) as Arc<dyn Factory>, origin)
        })
        .map_err(|e| {
            (
                path_entry.item.origin.clone(),
                dateline_core::error::chain(&e),
            )
        });
        Some(loaded)
    }

    /// A plugin program: `command`, started with its worker, timeout and size limits.
    fn program(
        &mut self,
        table: &Table,
        command_entry: &Entry,
        item: &Item,
        label: &str,
        base_dir: &Path,
    ) -> Option<Loaded> {
        let command: Option<Vec<String>> = match &command_entry.item.value {
            Value::Array(parts) => parts
                .iter()
                .map(|p| match &p.value {
                    Value::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            Value::String(s) => Some(vec![s.clone()]),
            _ => None,
        };
        let Some(command) = command.filter(|c| !c.is_empty()) else {
            self.error(
                &command_entry.item.origin,
                "`command` must be the program and its arguments, as strings",
            );
            return None;
        };
        let numbers = (
            number(table, "workers", 2),
            number(table, "timeout_ms", 30_000),
            number(table, "max_restarts", 3),
            number(
                table,
                "max_answer_bytes",
                dateline_plugin::process::DEFAULT_MAX_ANSWER_BYTES as i64,
            ),
        );
        let (workers, timeout_ms, max_restarts, max_answer_bytes) = match numbers {
            (Ok(w), Ok(t), Ok(m), Ok(b)) => (w, t, m, b),
            (Err(e), _, _, _) | (_, Err(e), _, _) | (_, _, Err(e), _) | (_, _, _, Err(e)) => {
                self.error(&item.origin, format!("{label}: {e}"));
                return None;
            }
        };
        let options = dateline_plugin::process::ProcessOptions {
            command: command.clone(),
            cwd: base_dir.to_path_buf(),
            workers: workers.max(1) as usize,
            timeout: std::time::Duration::from_millis(timeout_ms.max(1) as u64),
            max_restarts: max_restarts as u32,
            max_answer_bytes: max_answer_bytes.max(1) as usize,
        };
        let loaded = dateline_plugin::process::ProcessPlugin::start(options)
            .map(|p| {
                (
                    Arc::new(p) as Arc<dyn Factory>,
                    PluginOrigin::Command(command),
                )
            })
            .map_err(|e| {
                (
                    command_entry.item.origin.clone(),
                    dateline_core::error::chain(&e),
                )
            });
        Some(loaded)
    }
}
