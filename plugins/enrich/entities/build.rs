//! Turns the committed data files (gzip, small in the repository) into images that the
//! crate compiles in and views in place (`dateline-mapped`): the decompressing and
//! parsing happen here, once per build, instead of at every start of every run.

#[allow(dead_code)]
#[path = "src/places.rs"]
mod places;
#[allow(dead_code)]
#[path = "src/weights.rs"]
mod weights;

use std::io::Read;
use std::path::Path;

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let source = "data/places.tsv.gz";
    println!("cargo:rerun-if-changed={source}");
    let tsv = gunzip(source);
    write(
        &Path::new(&out).join("places.image"),
        &places::Places::parse(&tsv).to_image(),
    );
    let source = "model/ner.bin.gz";
    println!("cargo:rerun-if-changed={source}");
    let model = weights::Parts::parse(gunzip_bytes(source).as_slice())
        .unwrap_or_else(|e| panic!("{source}: {e} (regenerate: cargo xtask train-ner)"));
    write(&Path::new(&out).join("ner.image"), &model.to_image());
}

fn gunzip(source: &str) -> String {
    String::from_utf8(gunzip_bytes(source))
        .unwrap_or_else(|e| panic!("{source}: {e} (regenerate: cargo xtask gazetteer)"))
}

fn gunzip_bytes(source: &str) -> Vec<u8> {
    let compressed = std::fs::read(source).unwrap_or_else(|e| panic!("{source}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&compressed[..])
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("{source}: {e}"));
    bytes
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
