//! Turns the committed model files (gzip, small in the repository) into images that the
//! crate compiles in and views in place (`dateline-mapped`): the decompressing and
//! parsing happen here, once per build, instead of at every start of every run.

#[allow(dead_code)]
#[path = "src/clusters.rs"]
mod clusters;
#[allow(dead_code)]
#[path = "src/perceptron.rs"]
mod perceptron;

use std::io::Read;
use std::path::Path;

fn main() {
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let source = "data/clusters.tsv.gz";
    println!("cargo:rerun-if-changed={source}");
    let mut text = String::new();
    flate2::read::GzDecoder::new(&read(source)[..])
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{source}: {e} (regenerate: cargo xtask clusters)"));
    let image = Path::new(&out).join("clusters.image");
    std::fs::write(&image, clusters::WordClusters::parse(&text).to_image())
        .unwrap_or_else(|e| panic!("{}: {e}", image.display()));
    for name in ["tagger", "parser"] {
        let source = format!("model/{name}.bin.gz");
        println!("cargo:rerun-if-changed={source}");
        let compressed = read(&source);
        let magic = magic_of(&compressed, &source);
        let model = perceptron::Model::read(&magic, &compressed)
            .unwrap_or_else(|e| panic!("{source}: {e} (regenerate: cargo xtask train-parser)"));
        let image = Path::new(&out).join(format!("{name}.image"));
        std::fs::write(&image, model.to_image(&magic))
            .unwrap_or_else(|e| panic!("{}: {e}", image.display()));
    }
}

fn read(source: &str) -> Vec<u8> {
    std::fs::read(source).unwrap_or_else(|e| panic!("{source}: {e}"))
}

/// The model's own magic, its first eight bytes: the crate checks it against what it
/// expects when it opens the image.
fn magic_of(compressed: &[u8], source: &str) -> [u8; 8] {
    let mut magic = [0; 8];
    flate2::read::GzDecoder::new(compressed)
        .read_exact(&mut magic)
        .unwrap_or_else(|e| panic!("{source}: {e}"));
    magic
}
