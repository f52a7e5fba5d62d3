//! Turns the committed topic model (text, diffable in the repository) into the image the
//! crate compiles in and views in place (`dateline-mapped`): parsing its numbers and
//! hashing its words happen here, once per build, instead of at every start.

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

use std::path::Path;

fn main() {
    let source = "model/topics.tsv";
    println!("cargo:rerun-if-changed={source}");
    let text = std::fs::read_to_string(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let model = model::Model::parse(&text)
        .unwrap_or_else(|e| panic!("{source}: {e} (regenerate: cargo xtask train-topics)"));
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let image = Path::new(&out).join("topics.image");
    std::fs::write(&image, model.to_image()).unwrap_or_else(|e| panic!("{}: {e}", image.display()));
}
