//! pipeline.toml -> a validated [`Plan`].
//!
//! Every problem is collected, located (file:line:column, or the `--set` that
//! caused it) and reported at once, with a "did you mean" where a near name exists.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dateline_core::{Factory, Kind, PluginInfo};

use crate::registry::Registry;

mod locate;
mod overrides;
mod plugins;
mod run_table;

use crate::toml_tree::{self, Item, Origin, Table, Value};
use locate::Locator;
use overrides::apply_override;

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

struct Checker<'a> {
    locator: Locator<'a>,
    errors: Vec<ConfigError>,
    warnings: Vec<String>,
}

const TOP_KEYS: &[&str] = &["run", "source", "enrich", "sink", "plugin"];
/// The key that named a source's plugin before every stage used `use`.
const OLD_SOURCE_KEY: &str = "parse";

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
            if let Some(stage) = self.stage(table, item, label, kind, registry) {
                stages.push((stage, table));
            }
        }
        stages
    }

    /// One stage table: its plugin, found in the registry, and its configuration, every key
    /// known to the plugin and the whole validated by it.
    fn stage(
        &mut self,
        table: &Table,
        item: &Item,
        label: String,
        kind: Kind,
        registry: &Registry,
    ) -> Option<Stage> {
        let plugin_key = self.plugin_key(table, kind, &label)?;
        let Some(plugin_entry) = table.get(plugin_key) else {
            self.error(
                &item.origin,
                format!("{label} has no `{plugin_key}` key: which plugin should run here?"),
            );
            return None;
        };
        let Value::String(plugin_name) = &plugin_entry.item.value else {
            self.error(
                &plugin_entry.item.origin,
                format!("`{plugin_key}` must be a plugin name (a string)"),
            );
            return None;
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
            return None;
        };
        let config = self.stage_config(table, plugin_key, kind, &*factory, plugin_name)?;
        if let Err(e) = factory.validate(&config) {
            let origin = mentioned_key(&e.message, table)
                .unwrap_or(&plugin_entry.item.origin)
                .clone();
            self.error(&origin, format!("{label} (`{plugin_name}`): {}", e.message));
            return None;
        }
        Some(Stage {
            label,
            info: factory.info(),
            factory,
            config,
        })
    }

    /// The key naming a stage's plugin: `use`, or for sources the old `parse`, which still
    /// works and says so.
    fn plugin_key(&mut self, table: &Table, kind: Kind, label: &str) -> Option<&'static str> {
        match (table.get("use"), table.get(OLD_SOURCE_KEY)) {
            (Some(_), Some(old)) if kind == Kind::Parse => {
                self.error(
                    &old.key_origin,
                    format!("{label} has both `use` and `{OLD_SOURCE_KEY}`: keep `use`"),
                );
                None
            }
            (None, Some(old)) if kind == Kind::Parse => {
                let origin = old.key_origin.clone();
                self.warn(
                    &origin,
                    format!("`{OLD_SOURCE_KEY} = ...` is the old spelling: write `use = ...` (every stage names its plugin with `use`)"),
                );
                Some(OLD_SOURCE_KEY)
            }
            _ => Some("use"),
        }
    }

    /// A stage's own keys as the plugin's JSON configuration; `None` (each unknown key an
    /// error, with what the plugin takes) when a key is not the plugin's.
    fn stage_config(
        &mut self,
        table: &Table,
        plugin_key: &str,
        kind: Kind,
        factory: &dyn Factory,
        plugin_name: &str,
    ) -> Option<serde_json::Value> {
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
        (!key_errors).then_some(serde_json::Value::Object(config))
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
