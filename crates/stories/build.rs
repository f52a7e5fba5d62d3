//! Turns the committed background table (gzip text, small in the repository) into the
//! image the crate compiles in and views in place (`dateline-mapped`): decompressing,
//! parsing and hashing its words happen here, once per build, instead of at every start.

#[allow(dead_code)]
#[path = "src/background.rs"]
mod background;
#[allow(dead_code)]
#[path = "src/terms.rs"]
mod terms;

use std::io::Read;
use std::path::Path;

fn main() {
    let source = "data/background.tsv.gz";
    println!("cargo:rerun-if-changed={source}");
    let compressed = std::fs::read(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{source}: {e} (regenerate: cargo xtask background)"));
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let image = Path::new(&out).join("background.image");
    std::fs::write(&image, background::Background::parse(&text).to_image())
        .unwrap_or_else(|e| panic!("{}: {e}", image.display()));
}
