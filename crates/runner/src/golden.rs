//! Golden-file regression checks: compare a run's outputs with accepted copies and
//! say exactly which records and fields changed, old against new.
//!
//! JSON-lines outputs whose lines carry an `id` are compared record by record and
//! field by field; other JSON lines and text files by lines; binary outputs through a
//! canonical text form that the caller supplies (a SQLite database as a sorted dump).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dateline_core::error::PathError;
use serde_json::Value;

/// How many records (or lines) each group of a diff shows before "and N more".
const SHOWN: usize = 5;
/// How long a shown value may be.
const VALUE_CHARS: usize = 160;

/// Turns a binary output into comparable text; `None` when the file is not of its kind.
pub type Canonicalizer<'a> = &'a dyn Fn(&Path) -> Option<Result<String, String>>;

/// Why outputs could not be compared with (or accepted into) the golden directory.
#[derive(Debug, thiserror::Error)]
pub enum GoldenError {
    /// Two outputs would share one golden file.
    #[error(
        "two outputs are both named {name} ({} and {}): golden files are kept by file name",
        .first.display(),
        .second.display()
    )]
    SameName {
        /// The file name.
        name: String,
        /// One output.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },
    /// A file or directory could not be read, created, copied or removed.
    #[error(transparent)]
    Io(#[from] PathError),
    /// A binary output could not be put in its comparable form.
    #[error("{}: {message}", .path.display())]
    Canonical {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// The outcome of comparing every output with the golden directory.
#[derive(Debug, Default)]
pub struct GoldenReport {
    /// One entry per compared file, in output order, then stale golden files.
    pub files: Vec<FileReport>,
}

/// One output against its golden copy.
#[derive(Debug)]
pub struct FileReport {
    /// The file name in the golden directory.
    pub name: String,
    /// What differs.
    pub diff: FileDiff,
}

/// What differs in one file.
#[derive(Debug)]
pub enum FileDiff {
    /// Nothing.
    Same,
    /// The golden directory has no copy of this output.
    NoGolden,
    /// The golden directory has this file but the run wrote no such output.
    Stale,
    /// Records keyed by `id`.
    Records(RecordDiff),
    /// A line diff, already rendered and capped.
    Lines(String),
}

/// One field of one record, old against new (`None`: the field is absent).
pub type FieldChange = (String, Option<Value>, Option<Value>);

/// Record-level differences of a JSON-lines output.
#[derive(Debug, Default)]
pub struct RecordDiff {
    /// Records in both.
    pub compared: usize,
    /// Records whose fields differ.
    pub changed: usize,
    /// Changes grouped by field.
    pub by_field: BTreeMap<String, Vec<FieldChange>>,
    /// Ids in the golden file only.
    pub missing: Vec<String>,
    /// Ids in the new output only.
    pub extra: Vec<String>,
    /// True when the same records come in another order.
    pub reordered: bool,
}

impl GoldenReport {
    /// True when every output matches.
    pub fn is_clean(&self) -> bool {
        self.files.iter().all(|f| matches!(f.diff, FileDiff::Same))
    }

    /// The report as it is printed in a CI log.
    pub fn render(&self, golden_dir: &Path) -> String {
        let mut out = String::new();
        let differing = self
            .files
            .iter()
            .filter(|f| !matches!(f.diff, FileDiff::Same))
            .count();
        for file in &self.files {
            let golden = golden_dir.join(&file.name);
            match &file.diff {
                FileDiff::Same => {}
                FileDiff::NoGolden => {
                    let _ = writeln!(
                        out,
                        "golden: {} has no golden copy ({} is missing)",
                        file.name,
                        golden.display()
                    );
                }
                FileDiff::Stale => {
                    let _ = writeln!(
                        out,
                        "golden: {} is in the golden directory but this run wrote no such output",
                        golden.display()
                    );
                }
                FileDiff::Lines(diff) => {
                    let _ = writeln!(
                        out,
                        "golden: {} differs from {}:",
                        file.name,
                        golden.display()
                    );
                    out.push_str(diff);
                }
                FileDiff::Records(diff) => render_records(&mut out, &file.name, &golden, diff),
            }
        }
        if differing == 0 {
            let _ = writeln!(
                out,
                "golden: all {} output(s) match {}",
                self.files.len(),
                golden_dir.display()
            );
        } else {
            let _ = writeln!(
                out,
                "golden: {differing} of {} output(s) differ from {}; if the change is intended, accept it with --bless",
                self.files.len(),
                golden_dir.display()
            );
        }
        out
    }
}

fn render_records(out: &mut String, name: &str, golden: &Path, diff: &RecordDiff) {
    let _ = writeln!(
        out,
        "golden: {name} differs from {}: {} of {} records changed, {} missing, {} extra{}",
        golden.display(),
        diff.changed,
        diff.compared,
        diff.missing.len(),
        diff.extra.len(),
        if diff.reordered {
            ", order changed"
        } else {
            ""
        }
    );
    for (field, changes) in &diff.by_field {
        let _ = writeln!(out, "  field `{field}`: {} record(s)", changes.len());
        for (id, old, new) in changes.iter().take(SHOWN) {
            let _ = writeln!(out, "    {id}");
            describe_change(out, old.as_ref(), new.as_ref());
        }
        if changes.len() > SHOWN {
            let _ = writeln!(out, "    ... and {} more record(s)", changes.len() - SHOWN);
        }
    }
    for (label, ids) in [
        (
            "missing (in the golden file, not in this run)",
            &diff.missing,
        ),
        ("extra (in this run, not in the golden file)", &diff.extra),
    ] {
        if ids.is_empty() {
            continue;
        }
        let shown: Vec<&str> = ids.iter().take(SHOWN).map(String::as_str).collect();
        let more = if ids.len() > SHOWN {
            format!(" ... and {} more", ids.len() - SHOWN)
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {label}: {}{more}", shown.join(", "));
    }
}

/// Old and new values; for arrays, the elements removed and added.
fn describe_change(out: &mut String, old: Option<&Value>, new: Option<&Value>) {
    if let (Some(Value::Array(old)), Some(Value::Array(new))) = (old, new) {
        let removed: Vec<&Value> = old.iter().filter(|v| !new.contains(v)).collect();
        let added: Vec<&Value> = new.iter().filter(|v| !old.contains(v)).collect();
        let _ = writeln!(out, "      {} -> {} items", old.len(), new.len());
        for (sign, items) in [('-', removed), ('+', added)] {
            for item in items.iter().take(3) {
                let _ = writeln!(out, "      {sign} {}", short(item));
            }
            if items.len() > 3 {
                let _ = writeln!(out, "      {sign} ... and {} more", items.len() - 3);
            }
        }
        return;
    }
    let show = |v: Option<&Value>| v.map_or("(absent)".to_string(), short);
    let _ = writeln!(out, "      - {}", show(old));
    let _ = writeln!(out, "      + {}", show(new));
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= VALUE_CHARS {
        text
    } else {
        let cut: String = text.chars().take(VALUE_CHARS).collect();
        format!("{cut}... ({} chars)", text.chars().count())
    }
}

/// The name an output has in the golden directory: its file name.
fn golden_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    )
}

/// Compares each output with `golden_dir/<file name>`.
pub fn compare(
    outputs: &[PathBuf],
    golden_dir: &Path,
    canonical: Canonicalizer<'_>,
) -> Result<GoldenReport, GoldenError> {
    check_unique_names(outputs)?;
    let mut report = GoldenReport::default();
    let mut names = BTreeSet::new();
    for output in outputs {
        let name = golden_name(output);
        names.insert(name.clone());
        let golden = golden_dir.join(&name);
        let diff = if !golden.exists() {
            FileDiff::NoGolden
        } else {
            compare_file(output, &golden, canonical)?
        };
        report.files.push(FileReport { name, diff });
    }
    for stale in stale_files(golden_dir, &names)? {
        report.files.push(FileReport {
            name: stale,
            diff: FileDiff::Stale,
        });
    }
    Ok(report)
}

/// Copies the outputs into the golden directory and removes golden files no output has.
pub fn bless(outputs: &[PathBuf], golden_dir: &Path) -> Result<usize, GoldenError> {
    check_unique_names(outputs)?;
    std::fs::create_dir_all(golden_dir).map_err(PathError::on("create", golden_dir))?;
    let mut names = BTreeSet::new();
    for output in outputs {
        let name = golden_name(output);
        let target = golden_dir.join(&name);
        std::fs::copy(output, &target)
            .map_err(PathError::on("copy to the golden directory", output))?;
        names.insert(name);
    }
    for stale in stale_files(golden_dir, &names)? {
        let path = golden_dir.join(stale);
        std::fs::remove_file(&path).map_err(PathError::on("remove", &path))?;
    }
    Ok(names.len())
}

fn check_unique_names(outputs: &[PathBuf]) -> Result<(), GoldenError> {
    let mut seen = HashMap::new();
    for output in outputs {
        if let Some(other) = seen.insert(golden_name(output), output) {
            return Err(GoldenError::SameName {
                name: golden_name(output),
                first: other.clone(),
                second: output.clone(),
            });
        }
    }
    Ok(())
}

/// Golden files that no output has (hidden files and READMEs are the user's own).
fn stale_files(golden_dir: &Path, names: &BTreeSet<String>) -> Result<Vec<String>, GoldenError> {
    let Ok(entries) = std::fs::read_dir(golden_dir) else {
        return Ok(Vec::new());
    };
    let mut stale = Vec::new();
    for entry in entries {
        let entry = entry.map_err(PathError::on("read", golden_dir))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let own = name.starts_with('.') || name.to_ascii_lowercase().starts_with("readme");
        if entry.path().is_file() && !own && !names.contains(&name) {
            stale.push(name);
        }
    }
    stale.sort();
    Ok(stale)
}

fn compare_file(
    output: &Path,
    golden: &Path,
    canonical: Canonicalizer<'_>,
) -> Result<FileDiff, GoldenError> {
    let read = |path: &Path| std::fs::read(path).map_err(PathError::on("read", path));
    let (new, old) = (read(output)?, read(golden)?);
    if new == old {
        return Ok(FileDiff::Same);
    }
    if let Some(new_text) = canonical(output) {
        let old_text = canonical(golden).unwrap_or_else(|| Err("not of the same kind".into()));
        let canonical_error = |path: &Path| {
            let path = path.to_path_buf();
            move |message| GoldenError::Canonical { path, message }
        };
        let (new_text, old_text) = (
            new_text.map_err(canonical_error(output))?,
            old_text.map_err(canonical_error(golden))?,
        );
        return Ok(if new_text == old_text {
            FileDiff::Same
        } else {
            FileDiff::Lines(line_diff(&old_text, &new_text))
        });
    }
    let (Ok(new_text), Ok(old_text)) = (String::from_utf8(new), String::from_utf8(old)) else {
        return Ok(FileDiff::Lines("  binary files differ\n".into()));
    };
    match (keyed_records(&old_text), keyed_records(&new_text)) {
        (Some(old), Some(new)) => Ok(FileDiff::Records(diff_records(old, new))),
        _ => Ok(FileDiff::Lines(line_diff(&old_text, &new_text))),
    }
}

/// Every line a JSON object with a string `id`, in order; `None` when the file is not so.
fn keyed_records(text: &str) -> Option<Vec<(String, serde_json::Map<String, Value>)>> {
    text.lines()
        .map(|line| match serde_json::from_str::<Value>(line).ok()? {
            Value::Object(map) => Some((map.get("id")?.as_str()?.to_string(), map)),
            _ => None,
        })
        .collect()
}

fn diff_records(
    old: Vec<(String, serde_json::Map<String, Value>)>,
    new: Vec<(String, serde_json::Map<String, Value>)>,
) -> RecordDiff {
    let mut diff = RecordDiff::default();
    let old_ids: Vec<&String> = old.iter().map(|(id, _)| id).collect();
    let new_index: HashMap<&String, &serde_json::Map<String, Value>> =
        new.iter().map(|(id, r)| (id, r)).collect();
    let old_index: HashMap<&String, &serde_json::Map<String, Value>> =
        old.iter().map(|(id, r)| (id, r)).collect();
    for (id, old_record) in &old {
        let Some(new_record) = new_index.get(id) else {
            diff.missing.push(id.clone());
            continue;
        };
        diff.compared += 1;
        let mut changed = false;
        let fields: BTreeSet<&String> = old_record.keys().chain(new_record.keys()).collect();
        for field in fields {
            let (a, b) = (old_record.get(field), new_record.get(field));
            if a != b {
                changed = true;
                diff.by_field.entry(field.clone()).or_default().push((
                    id.clone(),
                    a.cloned(),
                    b.cloned(),
                ));
            }
        }
        diff.changed += usize::from(changed);
    }
    diff.extra = new
        .iter()
        .filter(|(id, _)| !old_index.contains_key(id))
        .map(|(id, _)| id.clone())
        .collect();
    let common_old: Vec<&String> = old_ids
        .into_iter()
        .filter(|id| new_index.contains_key(id))
        .collect();
    let common_new: Vec<&String> = new
        .iter()
        .map(|(id, _)| id)
        .filter(|id| old_index.contains_key(id))
        .collect();
    diff.reordered = common_old != common_new;
    diff
}

/// A unified line diff with 2 lines of context, capped at 60 lines.
fn line_diff(old: &str, new: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = String::new();
    let mut shown = 0usize;
    let mut hidden = 0usize;
    for group in diff.grouped_ops(2) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let sign = match change.tag() {
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                    similar::ChangeTag::Equal => ' ',
                };
                if shown < 60 {
                    let line = change.value().trim_end_matches('\n');
                    let line: String = line.chars().take(200).collect();
                    let _ = writeln!(out, "  {sign} {line}");
                    shown += 1;
                } else if sign != ' ' {
                    hidden += 1;
                }
            }
        }
        if shown < 60 {
            out.push_str("  ...\n");
        }
    }
    if hidden > 0 {
        let _ = writeln!(out, "  ... and {hidden} more changed line(s)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(lines: &[&str]) -> Vec<(String, serde_json::Map<String, Value>)> {
        keyed_records(&lines.join("\n")).unwrap()
    }

    #[test]
    fn a_changed_field_is_named_with_old_and_new() {
        let old = records(&[
            r#"{"id":"a#0","headline":"Old","body":"x"}"#,
            r#"{"id":"a#1","headline":"Same"}"#,
        ]);
        let new = records(&[
            r#"{"id":"a#0","headline":"New","body":"x"}"#,
            r#"{"id":"a#2","headline":"Added"}"#,
        ]);
        let diff = diff_records(old, new);
        assert_eq!(diff.compared, 1);
        assert_eq!(diff.changed, 1);
        assert_eq!(diff.by_field.keys().collect::<Vec<_>>(), ["headline"]);
        assert_eq!(diff.missing, ["a#1"]);
        assert_eq!(diff.extra, ["a#2"]);
        let mut out = String::new();
        render_records(&mut out, "x.jsonl", Path::new("g/x.jsonl"), &diff);
        assert!(
            out.contains(
                "field `headline`: 1 record(s)\n    a#0\n      - \"Old\"\n      + \"New\"\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("missing (in the golden file, not in this run): a#1"),
            "{out}"
        );
    }

    #[test]
    fn array_changes_list_removed_and_added_items() {
        let mut out = String::new();
        describe_change(
            &mut out,
            Some(&serde_json::json!([1, 2, 3])),
            Some(&serde_json::json!([1, 3, 4])),
        );
        assert_eq!(out, "      3 -> 3 items\n      - 2\n      + 4\n");
    }

    #[test]
    fn text_files_get_a_line_diff() {
        let diff = line_diff("a\nb\nc\n", "a\nB\nc\n");
        assert!(diff.contains("  - b\n  + B\n"), "{diff}");
    }
}
