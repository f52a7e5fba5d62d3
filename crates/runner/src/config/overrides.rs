//! `--set key=value`: overrides applied to the parsed tree before it is checked, so an
//! overridden value is checked (and located) like one written in the file.

use super::Override;
use crate::toml_tree::{self, Entry, Item, Origin, Table, Value};

/// Applies `--set a.b.c=value` to the tree.
pub(super) fn apply_override(root: &mut Table, o: &Override) -> Result<(), String> {
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
