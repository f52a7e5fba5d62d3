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
