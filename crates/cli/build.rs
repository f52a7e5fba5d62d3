//! Links the `dateline` binary with packed relative relocations where the toolchain and
//! the C library take them.
//!
//! The binary holds about 55,000 relative relocations (the compiled-in images' and
//! tables' pointers): as `.rela.dyn` entries, 24 bytes each, the loader reads 1.3 MB at
//! every start, and a one-article run's peak memory carries them. Packed (`DT_RELR`, a
//! bitmap of the places to relocate) they take a few kilobytes: measured on one article,
//! peak 56.3 -> 53.4 MB, CPU 1.01x (docs/performance.md, Start-up).
//!
//! Packing needs GNU ld 2.38 or lld 15 and glibc 2.36 at run time; a binary linked so
//! refuses to start on an older C library. So the build links and runs a small program
//! that has relative relocations with the flag, and passes the flag only when that
//! program builds and runs: an older toolchain, another C library or a cross build
//! (whose program cannot run here) link as before.

use std::path::Path;
use std::process::Command;

const FLAG: &str = "-Wl,-z,pack-relative-relocs";

/// A program with relative relocations (pointers in a position-independent executable's
/// data), so that the linker packs them and asks the C library for `DT_RELR`.
const PROBE: &str = "static int a, b;\n\
    int *pointers[] = { &a, &b, &a, &b };\n\
    int main(void) { return pointers[0] == &a && pointers[3] == &b ? 0 : 1; }\n";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let target = std::env::var("TARGET").unwrap_or_default();
    let host = std::env::var("HOST").unwrap_or_default();
    if target != host || !target.ends_with("linux-gnu") {
        return;
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    if links_and_runs(&out) {
        println!("cargo:rustc-link-arg-bins={FLAG}");
    } else {
        println!(
            "cargo:warning=the linker or C library here does not take packed relative relocations: the binary is linked without them (a larger start-up footprint, nothing else)"
        );
    }
}

/// Whether the probe program links with [`FLAG`] and then runs.
fn links_and_runs(out: &Path) -> bool {
    let source = out.join("relr-probe.c");
    let program = out.join("relr-probe");
    if std::fs::write(&source, PROBE).is_err() {
        return false;
    }
    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let linked = Command::new(compiler)
        .args(["-fPIE", "-pie", FLAG, "-o"])
        .arg(&program)
        .arg(&source)
        .output()
        .is_ok_and(|o| o.status.success());
    linked && Command::new(&program).status().is_ok_and(|s| s.success())
}
