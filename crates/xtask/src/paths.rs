//! Where things are.

use std::path::PathBuf;

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
