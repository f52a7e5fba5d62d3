//! Where things are.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The repository root (xtask lives in crates/xtask).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// ../shared/corpus beside the repository.
pub fn corpus_root() -> PathBuf {
    repo_root().join("../shared/corpus")
}

/// The files of `dir` (not below it) whose names end in `.extension`, sorted.
pub fn files_in(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    Ok(files)
}

/// Writes a generated file, or with `check` compares it with the committed one instead:
/// true when it was written, false when it was checked and is the same; an error names
/// the `command` that regenerates it.
pub fn write_or_check(
    path: &Path,
    text: impl AsRef<[u8]>,
    check: bool,
    command: &str,
) -> Result<bool> {
    let text = text.as_ref();
    if check {
        let committed =
            std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        if committed != text {
            anyhow::bail!(
                "{} is not what `{command}` makes: regenerate it",
                path.display()
            );
        }
        println!("{} regenerates byte for byte", path.display());
        return Ok(false);
    }
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
    Ok(true)
}
