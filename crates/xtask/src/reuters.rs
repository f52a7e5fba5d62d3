//! Reading Reuters-21578 (`reut2-000.sgm` ... `reut2-021.sgm`): the stories that have a
//! body, in file order.

use std::path::Path;

use anyhow::{Context, Result};

/// One Reuters-21578 story with a body.
pub struct Story {
    /// Its `NEWID`.
    pub id: String,
    /// Title and body, a newline between (the title empty when there is none).
    pub text: String,
    /// Whether it carries a TOPICS label.
    pub has_topic: bool,
}

/// Every story with a body, in file order.
pub fn stories(corpus: &Path) -> Result<Vec<Story>> {
    let dir = corpus.join("reuters21578");
    let mut out = Vec::new();
    for i in 0..22 {
        let path = dir.join(format!("reut2-{i:03}.sgm"));
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        // Latin-1 bytes, read as the code points they are.
        let text: String = bytes.iter().map(|&b| b as char).collect();
        for story in text.split("</REUTERS>") {
            let part = |tag: &str| -> Option<String> {
                let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
                let start = story.find(&open)? + open.len();
                let end = story[start..].find(&close)? + start;
                Some(crate::markup::unescape(&story[start..end]))
            };
            let Some(body) = part("BODY") else { continue };
            let id = story
                .split("NEWID=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or_default()
                .to_string();
            out.push(Story {
                id,
                text: format!("{}\n{body}", part("TITLE").unwrap_or_default()),
                has_topic: part("TOPICS").is_some_and(|t| t.contains("<D>")),
            });
        }
    }
    Ok(out)
}
