//! `cargo xtask background`: how many news articles use each word, counted over the
//! unlabelled news in ../shared/corpus (Reuters-21578 and BBC News; never an evaluation
//! split), written to crates/stories/data/background.tsv.gz.
//!
//! Story clustering weighs a word by how rare it is. In a run of a dozen articles the run
//! alone cannot tell "statement" from "Valparaiso"; these counts can. A line is `word<TAB>
//! documents`, sorted by word, after a first line `#documents<TAB>N`; words of fewer than
//! three articles are left out. The same input gives the same bytes.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Result, bail};
use dateline_stories::signature::{for_each_word, is_content_word};

use crate::paths;

/// Articles of the unlabelled news sources: Reuters-21578 (title and body of each story)
/// and BBC News (one file each).
fn articles(corpus: &Path) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    texts.extend(crate::reuters::stories(corpus)?.into_iter().map(|s| s.text));
    for path in crate::bench::list_files(&corpus.join("bbc-news/bbc"), "txt")? {
        let mut bytes = Vec::new();
        std::fs::File::open(&path)?.read_to_end(&mut bytes)?;
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    Ok(texts)
}

pub fn run(corpus: &Path) -> Result<()> {
    if !corpus.join("reuters21578").exists() || !corpus.join("bbc-news/bbc").exists() {
        bail!("{} lacks reuters21578 or bbc-news", corpus.display());
    }
    let texts = articles(corpus)?;
    let mut documents: HashMap<String, u32> = HashMap::new();
    for text in &texts {
        let mut seen: Vec<String> = Vec::new();
        for_each_word(text, &mut String::new(), |w| {
            if is_content_word(w) {
                seen.push(w.to_string());
            }
        });
        seen.sort_unstable();
        seen.dedup();
        for word in seen {
            *documents.entry(word).or_insert(0) += 1;
        }
    }
    let mut rows: Vec<(String, u32)> = documents.into_iter().filter(|&(_, n)| n >= 3).collect();
    rows.sort_unstable();
    let mut table = format!("#documents\t{}\n", texts.len());
    for (word, n) in &rows {
        table.push_str(&format!("{word}\t{n}\n"));
    }
    let path = paths::repo_root().join("crates/stories/data/background.tsv.gz");
    let file = std::fs::File::create(&path)?;
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(file, flate2::Compression::best());
    gz.write_all(table.as_bytes())?;
    gz.finish()?;
    println!(
        "wrote {} ({} words from {} articles)",
        path.display(),
        rows.len(),
        texts.len()
    );
    Ok(())
}
