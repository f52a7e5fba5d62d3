//! `dateline new-plugin`: a plugin crate that builds, tests and loads as it is.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::commands::NewKind;

/// Where the built library of a scaffolded crate lands.
pub fn library_path(dir: &Path, name: &str) -> PathBuf {
    dir.join("target/release")
        .join(format!("lib{}.so", crate_name(name)))
}

fn crate_name(name: &str) -> String {
    name.replace('-', "_")
}

fn type_name(name: &str) -> String {
    name.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Writes the crate; returns its directory.
pub fn write(
    name: &str,
    kind: NewKind,
    dir: Option<&Path>,
    plugin_crate: Option<&Path>,
) -> Result<PathBuf> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && name.starts_with(|c: char| c.is_ascii_lowercase());
    if !valid {
        bail!(
            "`{name}` is not a plugin name: use lowercase letters, digits and hyphens, starting with a letter"
        );
    }
    let dir = dir.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
    if dir.exists()
        && std::fs::read_dir(&dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        bail!("{} already exists and is not empty", dir.display());
    }
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../plugin");
    let dependency = match plugin_crate {
        Some(path) => format!(
            "{{ path = {:?} }}",
            path.canonicalize()
                .unwrap_or(path.to_path_buf())
                .display()
                .to_string()
        ),
        None if bundled.join("Cargo.toml").exists() => {
            format!(
                "{{ path = {:?} }}",
                bundled.canonicalize()?.display().to_string()
            )
        }
        None => format!("\"{}\"", env!("CARGO_PKG_VERSION")),
    };
    std::fs::create_dir_all(dir.join("src"))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let type_name = type_name(name);
    let (source, description) = match kind {
        NewKind::Enrich => (ENRICH, "adds the body's word count to extra"),
        NewKind::Parse => (PARSE, "reads files of one headline per line"),
        NewKind::Sink => (SINK, "writes each record's id and headline as a line"),
    };
    let fill = |text: &str| {
        text.replace("{{name}}", name)
            .replace("{{Type}}", &type_name)
            .replace("{{description}}", description)
            .replace("{{dependency}}", &dependency)
            .replace("{{crate}}", &crate_name(name))
    };
    std::fs::write(dir.join("Cargo.toml"), fill(CARGO_TOML))?;
    std::fs::write(dir.join("src/lib.rs"), fill(source))?;
    std::fs::write(dir.join("README.md"), fill(README))?;
    std::fs::write(dir.join(".gitignore"), "/target\n")?;
    Ok(dir)
}

const CARGO_TOML: &str = r#"[package]
name = "{{name}}"
description = "A Dateline plugin: {{description}}."
version = "0.1.0"
edition = "2024"

# Its own workspace: the plugin builds on its own, wherever it lives.
[workspace]

[lib]
# cdylib: what Dateline loads; rlib: so tests can use the plugin directly.
crate-type = ["cdylib", "rlib"]

[dependencies]
dateline-plugin = {{dependency}}
schemars = "1"
serde = { version = "1", features = ["derive"] }
serde_json = "1"
"#;

const README: &str = r#"# {{name}}

A Dateline plugin: {{description}}.

```sh
cargo build --release   # the library: target/release/lib{{crate}}.so
cargo test              # its own tests
```

Use it from a pipeline:

```toml
[[plugin]]
path = "path/to/{{name}}/target/release/lib{{crate}}.so"
```

and name it in a stage (`use = "{{name}}"`). See
Dateline's PLUGINS.md for the traits, configuration, the ABI promise and testing.
"#;

const ENRICH: &str = r#"//! {{name}}: a Dateline enricher that {{description}}.

use dateline_plugin::{Document, Enrich, Host, Kind, Plugin, PluginError, PluginInfo};
use serde::Deserialize;

/// The plugin.
pub struct {{Type}} {
    key: String,
}

/// The keys of its `[[enrich]]` table.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The `extra` key to write under.
    pub key: String,
}

impl Default for Config {
    fn default() -> Self {
        Config { key: "{{name}}".into() }
    }
}

impl Plugin for {{Type}} {
    type Config = Config;

    fn info() -> PluginInfo {
        PluginInfo {
            name: "{{name}}".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Enrich,
            description: "{{description}}".into(),
            // Dateline sends the plugin only these fields (plus id and source) ...
            requires: vec!["body".into()],
            // ... and takes back only these.
            provides: vec!["extra".into()],
        }
    }

    fn new(config: Config, _host: &dyn Host) -> Result<Self, PluginError> {
        Ok({{Type}} { key: config.key })
    }
}

impl Enrich for {{Type}} {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        let words = doc.body.split_whitespace().count();
        doc.extra.insert(self.key.clone(), serde_json::json!({ "words": words }));
        Ok(())
    }
}

dateline_plugin::export_plugin!({{Type}});

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_plugin::Source;

    #[test]
    fn counts_the_words_of_the_body() {
        let plugin = {{Type}} { key: "count".into() };
        let mut doc = Document::new(Source::new("a.txt", 0, "text"));
        doc.set_body(vec!["three short words".into()]);
        plugin.enrich(&mut doc).unwrap();
        assert_eq!(doc.extra["count"]["words"], 3);
    }
}
"#;

const PARSE: &str = r#"//! {{name}}: a Dateline source that {{description}}.

use std::io::BufRead;

use dateline_plugin::{
    Document, Host, Kind, NoConfig, Parse, ParseContext, Parsed, Parts, Plugin, PluginError, PluginInfo, RawPart,
    Source,
};

/// The plugin.
pub struct {{Type}};

impl Plugin for {{Type}} {
    type Config = NoConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: "{{name}}".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Parse,
            description: "{{description}}".into(),
            requires: vec![],
            provides: vec!["headline".into()],
        }
    }

    fn new(_config: NoConfig, _host: &dyn Host) -> Result<Self, PluginError> {
        Ok({{Type}})
    }
}

impl Parse for {{Type}} {
    // Framing: one part per non-empty line.
    fn split<'a>(&'a self, _uri: &'a str, input: Box<dyn BufRead + Send + 'a>) -> Parts<'a> {
        let mut offset = 0u64;
        let mut index = 0u32;
        Box::new(input.lines().enumerate().filter_map(move |(n, line)| {
            let line = match line {
                Ok(line) => line,
                Err(e) => return Some(Err(PluginError::from(e))),
            };
            let start = offset;
            offset += line.len() as u64 + 1;
            if line.trim().is_empty() {
                return None;
            }
            index += 1;
            Some(Ok(RawPart {
                index: index - 1,
                offset: start,
                line: Some(n as u64 + 1),
                bytes: line.into_bytes(),
                meta: Default::default(),
            }))
        }))
    }

    // Parsing: the line is the headline.
    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError> {
        let text = String::from_utf8_lossy(&part.bytes).trim().to_string();
        let mut doc = Document::new(Source::new(ctx.uri, part.index, "{{name}}"));
        doc.headline = Some(text);
        Ok(Parsed::Document(Box::new(doc)))
    }
}

dateline_plugin::export_plugin!({{Type}});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_record_per_line() {
        let input: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new("First\n\nSecond\n"));
        let parts: Vec<RawPart> = {{Type}}.split("a.txt", input).map(|p| p.unwrap()).collect();
        assert_eq!(parts.len(), 2);
        let ctx = ParseContext { uri: "a.txt", reference_time: None };
        let Parsed::Document(doc) = {{Type}}.parse(&parts[1], &ctx).unwrap() else { panic!("a record") };
        assert_eq!(doc.headline.as_deref(), Some("Second"));
        assert_eq!(doc.id, "a.txt#1");
    }
}
"#;

const SINK: &str = r#"//! {{name}}: a Dateline output that {{description}}.

use std::fs::File;
use std::io::{BufWriter, Write};

use dateline_plugin::{Host, Kind, Plugin, PluginError, PluginInfo, Sink, SinkRecord};
use serde::Deserialize;

/// The plugin.
pub struct {{Type}} {
    out: BufWriter<File>,
}

/// The keys of its `[[sink]]` table.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The output file, relative to the pipeline's directory.
    pub path: String,
}

impl Plugin for {{Type}} {
    type Config = Config;

    fn info() -> PluginInfo {
        PluginInfo {
            name: "{{name}}".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Sink,
            description: "{{description}}".into(),
            requires: vec![],
            provides: vec![],
        }
    }

    fn new(config: Config, host: &dyn Host) -> Result<Self, PluginError> {
        // A staged file: Dateline renames it to the path when the whole run succeeds.
        let file = host.create_output(&host.resolve(&config.path))?;
        Ok({{Type}} { out: BufWriter::new(file) })
    }
}

impl Sink for {{Type}} {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        let doc = record.doc();
        writeln!(self.out, "{}\t{}", doc.id, doc.headline.as_deref().unwrap_or(""))?;
        Ok(())
    }

    fn finish(&mut self) -> Result<(), PluginError> {
        self.out.flush()?;
        Ok(())
    }
}

dateline_plugin::export_plugin!({{Type}});

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_plugin::{Document, Source};
    use std::sync::OnceLock;

    #[test]
    fn writes_id_and_headline() {
        let path = std::env::temp_dir().join(format!("{{crate}}-{}.tsv", std::process::id()));
        let mut sink = {{Type}} { out: BufWriter::new(File::create(&path).unwrap()) };
        let mut doc = Document::new(Source::new("a.txt", 0, "text"));
        doc.headline = Some("Hello".into());
        let json = serde_json::to_string(&doc).unwrap();
        sink.write(&SinkRecord::new(&json, &OnceLock::new())).unwrap();
        sink.finish().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a.txt#0\tHello\n");
        let _ = std::fs::remove_file(path);
    }
}
"#;
