//! `cargo xtask patterns`: the catalog of the program's patterns, whose narrow automata
//! the build of `dateline-patterns` compiles into the binary (crates/patterns/src/automaton.rs).

use anyhow::Result;
use dateline_patterns::Pattern;
use dateline_patterns::automaton::{CATALOG, write_catalog};

/// Every pattern the program compiles, in a fixed order: the text source's, the stamps',
/// the times grammar's, the quotation finder's.
fn program_patterns() -> Vec<&'static Pattern> {
    let mut all: Vec<&'static Pattern> = Vec::new();
    all.extend(dateline_text::layout::patterns());
    all.extend(dateline_stamps::patterns());
    all.extend(dateline_times::grammar::patterns());
    all.extend(dateline_quotes::find::patterns());
    all
}

/// Writes the catalog (`check`: compares it with the committed one instead).
pub fn run(check: bool) -> Result<()> {
    let patterns = program_patterns();
    let texts: Vec<String> = patterns.iter().map(|p| p.as_str().into_owned()).collect();
    let mut seen = std::collections::HashSet::new();
    let unique: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .filter(|text| seen.insert(*text))
        .collect();
    let path = crate::paths::repo_root()
        .join("crates/patterns")
        .join(CATALOG);
    let catalog = write_catalog(unique.iter().copied());
    if crate::paths::write_or_check(&path, &catalog, check, "cargo xtask patterns")? {
        println!(
            "{}: {} patterns ({} bytes)",
            path.display(),
            unique.len(),
            catalog.len()
        );
    }
    Ok(())
}
