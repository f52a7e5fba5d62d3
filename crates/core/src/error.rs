//! The error a plugin returns for one record or one input.

use std::fmt;

/// A failure inside a plugin, optionally located in its input.
///
/// ```
/// use dateline_core::PluginError;
///
/// let err = PluginError::new("unterminated record").at(1024, Some(37));
/// assert_eq!(err.to_string(), "unterminated record (byte 1024, line 37)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PluginError {
    /// What went wrong.
    pub message: String,
    /// Byte offset in the input, where known.
    pub offset: Option<u64>,
    /// Line (1-based) in the input, where known.
    pub line: Option<u64>,
}

impl PluginError {
    /// An error with a message and no position.
    pub fn new(message: impl Into<String>) -> Self {
        PluginError {
            message: message.into(),
            offset: None,
            line: None,
        }
    }

    /// Locates the error at a byte offset (and line) of the input.
    pub fn at(mut self, offset: u64, line: Option<u64>) -> Self {
        self.offset = Some(offset);
        self.line = line;
        self
    }
}

impl fmt::Display for PluginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        match (self.offset, self.line) {
            (Some(offset), Some(line)) => write!(f, " (byte {offset}, line {line})"),
            (Some(offset), None) => write!(f, " (byte {offset})"),
            (None, Some(line)) => write!(f, " (line {line})"),
            (None, None) => Ok(()),
        }
    }
}

impl From<std::io::Error> for PluginError {
    fn from(err: std::io::Error) -> Self {
        PluginError::new(err.to_string())
    }
}

/// An error and every cause under it on one line, `: `-separated: how Dateline shows a
/// typed error whose `Display` names only its own part.
///
/// ```
/// use dateline_core::error::chain;
///
/// #[derive(Debug, thiserror::Error)]
/// #[error("cannot write out/a.jsonl")]
/// struct WriteError(#[source] std::io::Error);
///
/// let error = WriteError(std::io::Error::other("disk full"));
/// assert_eq!(chain(&error), "cannot write out/a.jsonl: disk full");
/// ```
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        cause = inner.source();
    }
    message
}

/// A model or data file shipped inside Dateline that cannot be read: the binary was built
/// from a damaged or stale file, which the named command regenerates.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the shipped {what} ({file}) is unreadable: {cause}; regenerate it with `{regenerate}`")]
pub struct ShippedModelError {
    /// What it is: "tagger", "parser", "entity tagger model".
    pub what: &'static str,
    /// Its file in the repository.
    pub file: &'static str,
    /// What reading it said.
    pub cause: String,
    /// The command that makes it.
    pub regenerate: &'static str,
}

/// A file system operation that failed on a path: "cannot write out/a.jsonl", with the
/// `io::Error` as its cause.
///
/// ```
/// use dateline_core::error::{PathError, chain};
///
/// let path = std::path::Path::new("out/a.jsonl");
/// let failed = PathError::on("write", path)(std::io::Error::other("disk full"));
/// assert_eq!(chain(&failed), "cannot write out/a.jsonl: disk full");
/// ```
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}", .path.display())]
pub struct PathError {
    /// What was being done: "read", "create", "write", "remove", "move into place".
    pub action: &'static str,
    /// The path.
    pub path: std::path::PathBuf,
    /// Why.
    #[source]
    pub source: std::io::Error,
}

impl PathError {
    /// The `map_err` for an operation on `path`.
    pub fn on(
        action: &'static str,
        path: &std::path::Path,
    ) -> impl FnOnce(std::io::Error) -> PathError + use<> {
        let path = path.to_path_buf();
        move |source| PathError {
            action,
            path,
            source,
        }
    }
}
