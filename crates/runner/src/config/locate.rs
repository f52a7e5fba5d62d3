//! Where a configuration error is: file, line and column with a snippet of the line, or
//! the `--set` override that made it.

use std::path::Path;

use super::ConfigError;
use crate::toml_tree::Origin;

pub(super) struct Locator<'a> {
    pub(super) file: &'a Path,
    pub(super) source: &'a str,
}

impl Locator<'_> {
    pub(super) fn error(&self, origin: Option<&Origin>, message: impl Into<String>) -> ConfigError {
        let message = message.into();
        match origin {
            Some(Origin::CommandLine(key)) => ConfigError {
                location: format!("--set {key}"),
                message,
                snippet: None,
            },
            Some(Origin::File(span)) => {
                let start = span.start.min(self.source.len());
                let line_start = self.source[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_no = self.source[..start].matches('\n').count() + 1;
                let column = self.source[line_start..start].chars().count() + 1;
                let line_text = self.source[line_start..].lines().next().unwrap_or("");
                let gutter = line_no.to_string().len();
                let width = self.source[start..span.end.min(self.source.len())]
                    .lines()
                    .next()
                    .map_or(1, |s| s.chars().count().max(1));
                let snippet = format!(
                    "{:gutter$} |\n{line_no} | {line_text}\n{:gutter$} | {}{}",
                    "",
                    "",
                    " ".repeat(column - 1),
                    "^".repeat(width)
                );
                ConfigError {
                    location: format!("{}:{line_no}:{column}", self.file.display()),
                    message,
                    snippet: Some(snippet),
                }
            }
            None => ConfigError {
                location: self.file.display().to_string(),
                message,
                snippet: None,
            },
        }
    }
}
