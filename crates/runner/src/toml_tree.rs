//! pipeline.toml as a tree that remembers where every key and value came from,
//! so that errors found long after parsing still point at a line and column.

use std::fmt;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// Where a piece of configuration came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A byte range of the pipeline file.
    File(Range<usize>),
    /// A `--set KEY=VALUE` on the command line.
    CommandLine(String),
}

/// A value with its origin.
#[derive(Debug, Clone)]
pub struct Item {
    /// The value.
    pub value: Value,
    /// Where it was written.
    pub origin: Origin,
}

/// A TOML value.
#[derive(Debug, Clone)]
pub enum Value {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// A date-time, kept as written.
    Datetime(String),
    /// An array.
    Array(Vec<Item>),
    /// A table, in file order.
    Table(Table),
}

/// A table's entries in file order: key, where the key was written, value.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The entries.
    pub entries: Vec<Entry>,
}

/// One `key = value` of a table.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Where the key was written.
    pub key_origin: Origin,
    /// The value.
    pub item: Item,
}

impl Table {
    /// The entry for `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The entry for `key`, mutably.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|e| e.key == key)
    }
}

impl Value {
    /// The TOML type name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(_) => "integer",
            Value::Float(_) => "float",
            Value::Boolean(_) => "boolean",
            Value::Datetime(_) => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }

    /// The JSON form handed to plugins (date-times become strings).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::String(s) | Value::Datetime(s) => serde_json::Value::String(s.clone()),
            Value::Integer(i) => (*i).into(),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, Into::into)
            }
            Value::Boolean(b) => (*b).into(),
            Value::Array(items) => items.iter().map(|i| i.value.to_json()).collect(),
            Value::Table(table) => serde_json::Value::Object(
                table
                    .entries
                    .iter()
                    .map(|e| (e.key.clone(), e.item.value.to_json()))
                    .collect(),
            ),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_json())
    }
}

/// A syntax error with its byte range.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// What the TOML parser said.
    pub message: String,
    /// Where.
    pub span: Option<Range<usize>>,
}

/// Parses TOML source into a [`Table`] with origins.
pub fn parse(source: &str) -> Result<Table, Vec<SyntaxError>> {
    let (root, errors) = DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|e| SyntaxError {
                message: e.message().trim().to_string(),
                span: e.span(),
            })
            .collect());
    }
    Ok(convert_table(root.get_ref()))
}

/// Parses the value of a `--set KEY=VALUE`: TOML when it parses as a value, else a plain string.
pub fn parse_cli_value(text: &str, origin: &str) -> Item {
    let value = match DeValue::parse(text) {
        Ok(value) => convert_value(value.get_ref(), &|_| {
            Origin::CommandLine(origin.to_string())
        }),
        Err(_) => Value::String(text.to_string()),
    };
    Item {
        value,
        origin: Origin::CommandLine(origin.to_string()),
    }
}

fn convert_table(table: &DeTable<'_>) -> Table {
    let file = |span: Range<usize>| Origin::File(span);
    Table {
        entries: table
            .iter()
            .map(|(key, value)| Entry {
                key: key.get_ref().to_string(),
                key_origin: Origin::File(key.span()),
                item: Item {
                    value: convert_value(value.get_ref(), &file),
                    origin: Origin::File(value.span()),
                },
            })
            .collect(),
    }
}

fn convert_value(value: &DeValue<'_>, origin: &dyn Fn(Range<usize>) -> Origin) -> Value {
    match value {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => Value::Integer(
            i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).unwrap_or(i64::MAX),
        ),
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| Item {
                    value: convert_value(item.get_ref(), origin),
                    origin: origin(item.span()),
                })
                .collect(),
        ),
        DeValue::Table(table) => Value::Table(Table {
            entries: table
                .iter()
                .map(|(key, value)| Entry {
                    key: key.get_ref().to_string(),
                    key_origin: origin(key.span()),
                    item: Item {
                        value: convert_value(value.get_ref(), origin),
                        origin: origin(value.span()),
                    },
                })
                .collect(),
        }),
    }
}
