//! Compiles the narrow automata of the patterns the catalog lists (`data/patterns.txt`,
//! written by `cargo xtask patterns`) into the image the crate views in place: the
//! parsing, translating and compiling of the program's patterns happen here, once per
//! build, not at every start (`src/automaton.rs`).

use std::path::Path;

#[path = "src/automaton.rs"]
#[allow(dead_code)]
mod automaton;
#[path = "src/narrow.rs"]
mod narrow;

fn main() {
    println!("cargo:rerun-if-changed={}", automaton::CATALOG);
    println!("cargo:rerun-if-changed=src/automaton.rs");
    println!("cargo:rerun-if-changed=src/narrow.rs");
    let text = std::fs::read_to_string(automaton::CATALOG)
        .unwrap_or_else(|e| panic!("{}: {e}", automaton::CATALOG));
    let stale = |e: String| -> ! {
        panic!(
            "{}: {e} (regenerate: cargo xtask patterns)",
            automaton::CATALOG
        )
    };
    let patterns = automaton::read_catalog(&text).unwrap_or_else(|e| stale(e));
    let image = automaton::write_image(&patterns).unwrap_or_else(|e| stale(e));
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = Path::new(&out).join("patterns.image");
    std::fs::write(&path, image).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
