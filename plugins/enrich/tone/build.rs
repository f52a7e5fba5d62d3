//! Turns the committed tone-toward-a-target model and the word valences (text, diffable
//! in the repository) into the images the crate compiles in and views in place
//! (`dateline-mapped`): parsing their numbers and hashing their words happen here, once
//! per build, not at every start.

use std::path::Path;

#[path = "src/lexicon_image.rs"]
mod lexicon_image;

fn main() {
    let source = "model/target.tsv";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let model = dateline_linear::Linear::parse(&text)
        .unwrap_or_else(|e| panic!("{source}: {e} (regenerate: cargo xtask train-tone)"));
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let image = Path::new(&out).join("target.image");
    // The magic is the one `src/target.rs` opens the image with.
    std::fs::write(&image, model.to_image(*b"DLTONE01"))
        .unwrap_or_else(|e| panic!("{}: {e}", image.display()));

    let lexicon = "data/lexicon.tsv";
    println!("cargo:rerun-if-changed={lexicon}");
    println!("cargo:rerun-if-changed=src/lexicon_image.rs");
    let text = std::fs::read_to_string(lexicon).unwrap_or_else(|e| panic!("{lexicon}: {e}"));
    let image = Path::new(&out).join("lexicon.image");
    std::fs::write(&image, lexicon_image::write(&text))
        .unwrap_or_else(|e| panic!("{}: {e}", image.display()));
}
