//! pipeline.toml -> a validated [`Plan`].
//!
//! Every problem is collected, located (file:line:column, or the `--set` that
//! caused it) and reported at once, with a "did you mean" where a near name exists.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dateline_core::{Factory, Kind, PluginInfo};

use crate::registry::{PluginOrigin, Registry};
use crate::toml_tree::{self, Entry, Item, Origin, Table, Value};

/// What to do when a record fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Write it to the dead-letter file and go on.
    DeadLetter,
    /// Stop the run; keep no output.
    Abort,
}

/// The `[run]` table.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// Worker threads for parsing and enriching (0: all cores).
    pub threads: usize,
    /// What relative times are resolved against when an article gives no time (RFC 3339).
    pub reference_time: Option<String>,
    /// Failure policy.
    pub on_error: OnError,
    /// Where dead letters go.
    pub dead_letter: PathBuf,
    /// Records per parallel batch.
    pub batch_size: usize,
    /// Directory of the incremental-run cache, when enabled.
    pub cache: Option<PathBuf>,
}

/// One configured plugin in the pipeline.
#[derive(Clone)]
pub struct Stage {
    /// `source`, `enrich` or `sink`, and its index among those tables: "sink #2".
    pub label: String,
    /// The plugin's metadata.
    pub info: PluginInfo,
    /// Builds it.
    pub factory: Arc<dyn Factory>,
    /// Its own keys, as JSON.
    pub config: serde_json::Value,
}

/// A `[[source]]`: a parser and the inputs it reads.
#[derive(Clone)]
pub struct SourceStage {
    /// The parser.
    pub stage: Stage,
    /// Glob patterns, relative to the pipeline's directory.
    pub paths: Vec<String>,
}

/// A validated pipeline, ready to run.
#[derive(Clone)]
pub struct Plan {
    /// The pipeline file.
    pub file: PathBuf,
    /// The directory relative paths are resolved against.
    pub base_dir: PathBuf,
    /// `[run]`.
    pub run: RunSettings,
    /// `[[source]]` tables in order.
    pub sources: Vec<SourceStage>,
    /// `[[enrich]]` tables in order.
    pub enrichers: Vec<Stage>,
    /// `[[sink]]` tables in order.
    pub sinks: Vec<Stage>,
    /// Problems that do not stop a run.
    pub warnings: Vec<String>,
    /// Every plugin this pipeline can use: the built-ins and its `[[plugin]]`s.
    pub registry: Registry,
    /// Run only this shard's slice of the inputs (`--shard K/N`); `None` runs them all.
    pub shard: Option<crate::shard::Shard>,
}

/// One located configuration problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// `file:line:column`, or `--set KEY`.
    pub location: String,
    /// What is wrong, and how to fix it where we can tell.
    pub message: String,
    /// The offending source line with a caret under the column.
    pub snippet: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let Some(snippet) = &self.snippet {
            write!(f, "\n{snippet}")?;
        }
        Ok(())
    }
}

/// Every problem found in a pipeline.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {error}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "\n{n} error{} in the pipeline",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// A `--set KEY=VALUE` override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Dotted path: `run.threads`, `sink.0.path`.
    pub key: String,
    /// The value, parsed as TOML when it is valid TOML, else taken as a string.
    pub value: String,
}

impl std::str::FromStr for Override {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (key, value) = s.split_once('=').ok_or_else(|| {
            format!("`{s}` is not KEY=VALUE (for example sink.0.path=out/a.jsonl)")
        })?;
        Ok(Override {
            key: key.trim().to_string(),
            value: value.trim().to_string(),
        })
    }
}

/// Reads and validates a pipeline file.
pub fn load(
    path: &Path,
    overrides: &[Override],
    registry: &Registry,
) -> Result<Plan, ConfigErrors> {
    let source = std::fs::read_to_string(path).map_err(|e| {
        ConfigErrors(vec![ConfigError {
            location: path.display().to_string(),
            message: format!("cannot read the pipeline: {e}"),
            snippet: None,
        }])
    })?;
    parse_plan(path, &source, overrides, registry)
}

/// Validates pipeline text read from `path`.
pub fn parse_plan(
    path: &Path,
    source: &str,
    overrides: &[Override],
    registry: &Registry,
) -> Result<Plan, ConfigErrors> {
    let locator = Locator { file: path, source };
    let mut root = toml_tree::parse(source).map_err(|errors| {
        ConfigErrors(
            errors
                .into_iter()
                .map(|e| locator.error(e.span.map(Origin::File).as_ref(), e.message))
                .collect(),
        )
    })?;
    let mut checker = Checker {
        locator,
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for o in overrides {
        if let Err(message) = apply_override(&mut root, o) {
            checker.errors.push(ConfigError {
                location: format!("--set {}", o.key),
                message,
                snippet: None,
            });
        }
    }
    let base_dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let plan = checker.plan(&root, registry, path, base_dir);
    if checker.errors.is_empty() {
        let mut plan = plan.expect("a plan when there are no errors");
        plan.warnings = checker.warnings;
        Ok(plan)
    } else {
        Err(ConfigErrors(checker.errors))
    }
}

struct Locator<'a> {
    file: &'a Path,
    source: &'a str,
}

impl Locator<'_> {
    fn error(&self, origin: Option<&Origin>, message: impl Into<String>) -> ConfigError {
        let message = message.into();
        match origin {
            Some(Origin::CommandLine(key)) => ConfigError {
                location: format!("--set {key}"),
                message,
                snippet: None,
            },
            Some(Origin::File(span)) => {
                let start = span.start.min(self.source.len());
                let line_start = self.source[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_no = self.source[..start].matches('\n').count() + 1;
                let column = self.source[line_start..start].chars().count() + 1;
                let line_text = self.source[line_start..].lines().next().unwrap_or("");
                let gutter = line_no.to_string().len();
                let width = self.source[start..span.end.min(self.source.len())]
                    .lines()
                    .next()
                    .map_or(1, |s| s.chars().count().max(1));
                let snippet = format!(
                    "{:gutter$} |\n{line_no} | {line_text}\n{:gutter$} | {}{}",
                    "",
                    "",
                    " ".repeat(column - 1),
                    "^".repeat(width)
                );
                ConfigError {
                    location: format!("{}:{line_no}:{column}", self.file.display()),
                    message,
                    snippet: Some(snippet),
                }
            }
            None => ConfigError {
                location: self.file.display().to_string(),
                message,
                snippet: None,
            },
        }
    }
}

struct Checker<'a> {
    locator: Locator<'a>,
    errors: Vec<ConfigError>,
    warnings: Vec<String>,
}

const TOP_KEYS: &[&str] = &["run", "source", "enrich", "sink", "plugin"];
/// The key that named a source's plugin before every stage used `use`.
const OLD_SOURCE_KEY: &str = "parse";
const PLUGIN_KEYS: &[&str] = &[
    "path",
    "sha256",
    "command",
    "workers",
    "timeout_ms",
    "max_restarts",
    "max_answer_bytes",
];
const RUN_KEYS: &[&str] = &[
    "threads",
    "reference_time",
    "on_error",
    "cache",
    "dead_letter",
    "batch_size",
];

impl Checker<'_> {
    fn error(&mut self, origin: &Origin, message: impl Into<String>) {
        let error = self.locator.error(Some(origin), message);
        self.errors.push(error);
    }

    /// A located problem that does not stop the run.
    fn warn(&mut self, origin: &Origin, message: impl Into<String>) {
        let located = self.locator.error(Some(origin), message);
        self.warnings
            .push(format!("{}: {}", located.location, located.message));
    }

    fn plan(
        &mut self,
        root: &Table,
        registry: &Registry,
        file: &Path,
        base_dir: PathBuf,
    ) -> Option<Plan> {
        for entry in &root.entries {
            if !TOP_KEYS.contains(&entry.key.as_str()) {
                let hint = did_you_mean(&entry.key, TOP_KEYS.iter().copied());
                self.error(
                    &entry.key_origin,
                    format!("unknown table `{}`{hint}", entry.key),
                );
            }
        }
        let run = self.run_settings(root.get("run"));
        let mut registry = registry.clone();
        self.external_plugins(root.get("plugin"), &mut registry, &base_dir);
        let registry = &registry;
        let sources = self.stage_tables(root, "source", Kind::Parse, registry);
        let enrichers = self.stage_tables(root, "enrich", Kind::Enrich, registry);
        let sinks = self.stage_tables(root, "sink", Kind::Sink, registry);
        if root.get("source").is_none() {
            self.errors
                .push(self.locator.error(None, "no [[source]]: nothing to read"));
        }
        if root.get("sink").is_none() {
            self.errors.push(
                self.locator
                    .error(None, "no [[sink]]: records would be written nowhere"),
            );
        }

        let sources: Vec<SourceStage> = sources
            .into_iter()
            .map(|(stage, table)| {
                let paths = self.paths(table);
                SourceStage { stage, paths }
            })
            .collect();
        self.check_requirements(&sources, &enrichers, &sinks);
        let run = run?;
        Some(Plan {
            file: file.to_path_buf(),
            base_dir,
            run,
            sources,
            enrichers: enrichers.into_iter().map(|(s, _)| s).collect(),
            sinks: sinks.into_iter().map(|(s, _)| s).collect(),
            warnings: Vec::new(),
            registry: registry.clone(),
            shard: None,
        })
    }

    /// Loads every `[[plugin]]` (a library by `path`, or a program by `command`) into the registry.
    fn external_plugins(
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
            let mut ok = true;
            for entry in &table.entries {
                if !PLUGIN_KEYS.contains(&entry.key.as_str()) {
                    let hint = did_you_mean(&entry.key, PLUGIN_KEYS.iter().copied());
                    self.error(
                        &entry.key_origin,
                        format!("unknown key `{}` in [[plugin]]{hint}", entry.key),
                    );
                    ok = false;
                }
            }
            let string = |key: &str| match table.get(key).map(|e| &e.item.value) {
                Some(Value::String(s)) => Some(s.clone()),
                _ => None,
            };
            let number = |key: &str, default: i64| match table.get(key).map(|e| &e.item.value) {
                Some(Value::Integer(n)) if *n >= 0 => Ok(*n),
                None => Ok(default),
                Some(_) => Err(format!("`{key}` must be a whole number")),
            };
            let loaded = match (table.get("path"), table.get("command")) {
                (Some(path_entry), None) => {
                    let Some(path) = string("path") else {
                        self.error(
                            &path_entry.item.origin,
                            "`path` must be the library's file path",
                        );
                        continue;
                    };
                    let full = if Path::new(&path).is_absolute() {
                        PathBuf::from(&path)
                    } else {
                        base_dir.join(&path)
                    };
                    dateline_plugin::library::LibraryPlugin::load(
                        &full,
                        string("sha256").as_deref(),
                    )
                    .map(|lib| {
                        let origin = PluginOrigin::Library(lib.path().to_path_buf());
                        (Arc::new(lib) as Arc<dyn Factory>, origin)
                    })
                    .map_err(|e| (path_entry.item.origin.clone(), e))
                }
                (None, Some(command_entry)) => {
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
                        continue;
                    };
                    let numbers = (
                        number("workers", 2),
                        number("timeout_ms", 30_000),
                        number("max_restarts", 3),
                        number(
                            "max_answer_bytes",
                            dateline_plugin::process::DEFAULT_MAX_ANSWER_BYTES as i64,
                        ),
                    );
                    let (workers, timeout_ms, max_restarts, max_answer_bytes) = match numbers {
                        (Ok(w), Ok(t), Ok(m), Ok(b)) => (w, t, m, b),
                        (Err(e), _, _, _)
                        | (_, Err(e), _, _)
                        | (_, _, Err(e), _)
                        | (_, _, _, Err(e)) => {
                            self.error(&item.origin, format!("{label}: {e}"));
                            continue;
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
                    dateline_plugin::process::ProcessPlugin::start(options)
                        .map(|p| {
                            (
                                Arc::new(p) as Arc<dyn Factory>,
                                PluginOrigin::Command(command),
                            )
                        })
                        .map_err(|e| (command_entry.item.origin.clone(), e))
                }
                (Some(_), Some(_)) => {
                    self.error(&item.origin, format!("{label} has both `path` and `command`: a plugin is a library or a program"));
                    continue;
                }
                (None, None) => {
                    self.error(
                        &item.origin,
                        format!("{label} needs `path` (a library) or `command` (a program)"),
                    );
                    continue;
                }
            };
            if !ok {
                continue;
            }
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

    fn run_settings(&mut self, run: Option<&Entry>) -> Option<RunSettings> {
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

    /// Checks every `[[name]]` table: its plugin exists, is of the right kind, and its keys
    /// and values fit the plugin's configuration.
    fn stage_tables<'t>(
        &mut self,
        root: &'t Table,
        name: &str,
        kind: Kind,
        registry: &Registry,
    ) -> Vec<(Stage, &'t Table)> {
        let Some(entry) = root.get(name) else {
            return Vec::new();
        };
        let Value::Array(items) = &entry.item.value else {
            self.error(
                &entry.item.origin,
                format!("`{name}` must be an array of tables: [[{name}]]"),
            );
            return Vec::new();
        };
        let mut stages = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let label = format!("{name} #{}", index + 1);
            let Value::Table(table) = &item.value else {
                self.error(&item.origin, format!("{label} must be a table"));
                continue;
            };
            // Every stage names its plugin with `use`; sources were once named with
            // `parse`, which still works and says so.
            let plugin_key = match (table.get("use"), table.get(OLD_SOURCE_KEY)) {
                (Some(_), Some(old)) if kind == Kind::Parse => {
                    self.error(
                        &old.key_origin,
                        format!("{label} has both `use` and `{OLD_SOURCE_KEY}`: keep `use`"),
                    );
                    continue;
                }
                (None, Some(old)) if kind == Kind::Parse => {
                    let origin = old.key_origin.clone();
                    self.warn(
                        &origin,
                        format!("`{OLD_SOURCE_KEY} = ...` is the old spelling: write `use = ...` (every stage names its plugin with `use`)"),
                    );
                    OLD_SOURCE_KEY
                }
                _ => "use",
            };
            let Some(plugin_entry) = table.get(plugin_key) else {
                self.error(
                    &item.origin,
                    format!("{label} has no `{plugin_key}` key: which plugin should run here?"),
                );
                continue;
            };
            let Value::String(plugin_name) = &plugin_entry.item.value else {
                self.error(
                    &plugin_entry.item.origin,
                    format!("`{plugin_key}` must be a plugin name (a string)"),
                );
                continue;
            };
            let Some(factory) = registry.get(kind, plugin_name) else {
                let other_kind = registry.kinds_of(plugin_name);
                let hint = if let Some(other) = other_kind.first() {
                    format!(" (`{plugin_name}` is a {other} plugin)")
                } else {
                    did_you_mean(plugin_name, registry.names(kind))
                };
                self.error(
                    &plugin_entry.item.origin,
                    format!("no {kind} plugin named `{plugin_name}`{hint}"),
                );
                continue;
            };
            let info = factory.info();
            let keys = factory.config_keys();
            let mut config = serde_json::Map::new();
            let mut key_errors = false;
            for entry in &table.entries {
                if entry.key == plugin_key || (kind == Kind::Parse && entry.key == "paths") {
                    continue;
                }
                if !keys.contains_key(&entry.key) {
                    let mut known: Vec<&str> = keys.keys().map(String::as_str).collect();
                    known.push(plugin_key);
                    if kind == Kind::Parse {
                        known.push("paths");
                    }
                    let hint = did_you_mean(&entry.key, known.iter().copied());
                    let hint = if hint.is_empty() {
                        format!(" (it takes: {})", known.join(", "))
                    } else {
                        hint
                    };
                    self.error(
                        &entry.key_origin,
                        format!(
                            "unknown key `{}` for {kind} plugin `{plugin_name}`{hint}",
                            entry.key
                        ),
                    );
                    key_errors = true;
                    continue;
                }
                config.insert(entry.key.clone(), entry.item.value.to_json());
            }
            let config = serde_json::Value::Object(config);
            if !key_errors && let Err(e) = factory.validate(&config) {
                let origin = mentioned_key(&e.message, table)
                    .unwrap_or(&plugin_entry.item.origin)
                    .clone();
                self.error(&origin, format!("{label} (`{plugin_name}`): {}", e.message));
                continue;
            }
            if key_errors {
                continue;
            }
            stages.push((
                Stage {
                    label,
                    info,
                    factory,
                    config,
                },
                table,
            ));
        }
        stages
    }

    fn paths(&mut self, table: &Table) -> Vec<String> {
        let Some(entry) = table.get("paths") else {
            let origin = table.get("parse").map(|e| e.key_origin.clone());
            if let Some(origin) = origin {
                self.error(
                    &origin,
                    "this [[source]] has no `paths`: which files should it read?",
                );
            }
            return Vec::new();
        };
        let values: Vec<&Item> = match &entry.item.value {
            Value::Array(items) => items.iter().collect(),
            Value::String(_) => vec![&entry.item],
            other => {
                self.error(
                    &entry.item.origin,
                    format!(
                        "`paths` must be an array of glob patterns, not a {}",
                        other.type_name()
                    ),
                );
                return Vec::new();
            }
        };
        let mut paths = Vec::new();
        for item in values {
            match &item.value {
                Value::String(s) => match glob::Pattern::new(s) {
                    Ok(_) => paths.push(s.clone()),
                    Err(e) => self.error(
                        &item.origin,
                        format!("`{s}` is not a valid glob pattern: {e}"),
                    ),
                },
                other => self.error(
                    &item.origin,
                    format!("a path must be a string, not a {}", other.type_name()),
                ),
            }
        }
        if paths.is_empty() && matches!(&entry.item.value, Value::Array(a) if a.is_empty()) {
            self.error(
                &entry.item.origin,
                "`paths` is empty: which files should this source read?",
            );
        }
        paths
    }

    /// An enricher or sink whose `requires` no earlier stage provides is an error.
    fn check_requirements(
        &mut self,
        sources: &[SourceStage],
        enrichers: &[(Stage, &Table)],
        sinks: &[(Stage, &Table)],
    ) {
        if sources.is_empty() {
            return;
        }
        // What every source provides: a field is only sure to be there when all of them fill it.
        let mut provided: BTreeSet<String> =
            sources[0].stage.info.provides.iter().cloned().collect();
        for source in &sources[1..] {
            let theirs: BTreeSet<String> = source.stage.info.provides.iter().cloned().collect();
            provided = provided.intersection(&theirs).cloned().collect();
        }
        for (stage, table) in enrichers.iter().chain(sinks) {
            let missing: Vec<&String> = stage
                .info
                .requires
                .iter()
                .filter(|r| !provided.contains(*r))
                .collect();
            if !missing.is_empty() {
                let origin = table
                    .get("use")
                    .or_else(|| table.get(OLD_SOURCE_KEY))
                    .map(|e| e.item.origin.clone());
                let list = missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = format!(
                    "{} (`{}`) requires {list}, which no earlier stage provides (every source provides only: {})",
                    stage.label,
                    stage.info.name,
                    provided.iter().cloned().collect::<Vec<_>>().join(", ")
                );
                match origin {
                    Some(origin) => self.error(&origin, message),
                    None => self.errors.push(self.locator.error(None, message)),
                }
            }
            provided.extend(stage.info.provides.iter().cloned());
        }
    }
}

/// The origin of a key that a serde error message names (serde writes "`key`").
fn mentioned_key<'t>(message: &str, table: &'t Table) -> Option<&'t Origin> {
    table
        .entries
        .iter()
        .find(|e| message.contains(&format!("`{}`", e.key)))
        .map(|e| &e.item.origin)
}

/// ", did you mean `x`?" for the closest candidate, or "".
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("; did you mean `{c}`?"))
        .unwrap_or_default()
}

/// Applies `--set a.b.c=value` to the tree.
fn apply_override(root: &mut Table, o: &Override) -> Result<(), String> {
    let segments: Vec<&str> = o.key.split('.').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(format!("`{}` is not a dotted key like sink.0.path", o.key));
    }
    let item = toml_tree::parse_cli_value(&o.value, &o.key);
    set_in_table(root, &segments, item, &o.key)
}

fn set_in_table(
    table: &mut Table,
    segments: &[&str],
    item: Item,
    full: &str,
) -> Result<(), String> {
    let (head, rest) = segments.split_first().expect("non-empty key");
    if rest.is_empty() {
        match table.get_mut(head) {
            Some(entry) => entry.item = item,
            None => table.entries.push(Entry {
                key: head.to_string(),
                key_origin: Origin::CommandLine(full.to_string()),
                item,
            }),
        }
        return Ok(());
    }
    if table.get(head).is_none() {
        if rest[0].parse::<usize>().is_ok() {
            return Err(format!(
                "there is no [[{head}]] table to set `{}` in",
                rest[1..].join(".")
            ));
        }
        table.entries.push(Entry {
            key: head.to_string(),
            key_origin: Origin::CommandLine(full.to_string()),
            item: Item {
                value: Value::Table(Table::default()),
                origin: Origin::CommandLine(full.to_string()),
            },
        });
    }
    let entry = table.get_mut(head).expect("present");
    match &mut entry.item.value {
        Value::Table(inner) => set_in_table(inner, rest, item, full),
        Value::Array(items) => {
            let index: usize = rest[0].parse().map_err(|_| {
                format!("`{head}` is a list of tables: write {head}.N.key, N counting from 0")
            })?;
            let count = items.len();
            let target = items
                .get_mut(index)
                .ok_or_else(|| format!("there are {count} [[{head}]] table(s); index {index} is out of range (they count from 0)"))?;
            if rest.len() < 2 {
                return Err(format!(
                    "`{full}` names a whole table; name a key inside it, like {head}.{index}.path"
                ));
            }
            match &mut target.value {
                Value::Table(inner) => set_in_table(inner, &rest[1..], item, full),
                _ => Err(format!("{head}.{index} is not a table")),
            }
        }
        other => Err(format!("`{head}` is a {}, not a table", other.type_name())),
    }
}
