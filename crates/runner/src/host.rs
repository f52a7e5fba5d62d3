//! The runner's side of [`Host`]: path resolution and staged (atomic) outputs.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use dateline_core::{Host, PluginError};

/// Resolves paths against the pipeline's directory and keeps the list of staged outputs.
pub struct RunHost {
    base_dir: PathBuf,
    reference_time: Option<String>,
    staged: Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl RunHost {
    /// A host for a pipeline in `base_dir`.
    pub fn new(base_dir: PathBuf, reference_time: Option<String>) -> Self {
        RunHost {
            base_dir,
            reference_time,
            staged: Mutex::new(Vec::new()),
        }
    }

    /// Renames every staged output to its final name.
    pub fn commit(&self) -> Result<Vec<PathBuf>, String> {
        let staged = std::mem::take(&mut *self.staged.lock().expect("not poisoned"));
        let mut done = Vec::new();
        for (temp, target) in staged {
            std::fs::rename(&temp, &target).map_err(|e| {
                format!(
                    "cannot move {} to {}: {e}",
                    temp.display(),
                    target.display()
                )
            })?;
            done.push(target);
        }
        Ok(done)
    }

    /// Removes every staged output; the final names keep what they had before the run.
    pub fn rollback(&self) {
        let staged = std::mem::take(&mut *self.staged.lock().expect("not poisoned"));
        for (temp, _) in staged {
            let _ = std::fs::remove_file(&temp);
        }
    }
}

impl Drop for RunHost {
    fn drop(&mut self) {
        self.rollback();
    }
}

impl Host for RunHost {
    fn reference_time(&self) -> Option<&str> {
        self.reference_time.as_deref()
    }

    fn resolve(&self, path: &str) -> PathBuf {
        let path = Path::new(path);
        if path.is_absolute() || self.base_dir == Path::new(".") {
            path.to_path_buf()
        } else {
            self.base_dir.join(path)
        }
    }

    fn stage_output(&self, path: &Path) -> Result<PathBuf, PluginError> {
        let mut staged = self.staged.lock().expect("not poisoned");
        if staged.iter().any(|(_, target)| target == path) {
            return Err(PluginError::new(format!(
                "two outputs of this pipeline write to {}",
                path.display()
            )));
        }
        let temp =
            dateline_plugin::serve::prepare_staged(path, &dateline_core::plugin::staging_suffix())?;
        staged.push((temp.clone(), path.to_path_buf()));
        Ok(temp)
    }
}
