//! Links the `dateline` binary with packed relative relocations where the toolchain and
//! the C library take them, and with the functions a run executes laid out together
//! where the linker takes an order for them.
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
//!
//! `code-order.txt` (written by `cargo xtask code-order`) lists the functions a run of
//! the default pipeline executes. A short run's resident code is whole 64 KB windows
//! around every page it executes, and those 3 MB of functions lay scattered over 11 MB
//! of code: laid out first and side by side, a one-article run's peak is 4 MB lower
//! (docs/performance.md, Start-up). lld takes the list (`--symbol-ordering-file`); GNU
//! ld does not, so the build first links an empty program with the flag through the
//! same compiler and linker, and passes it only when that links.

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
    order_functions(&out, &target);
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

/// Passes `code-order.txt` to the linker when it takes a symbol order.
fn order_functions(out: &Path, target: &str) {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let list = Path::new(&manifest).join("code-order.txt");
    println!("cargo:rerun-if-changed={}", list.display());
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    if !list.exists() {
        return;
    }
    let flags = [
        format!("-Wl,--symbol-ordering-file={}", list.display()),
        // Names of another build of the code are expected: the list is a profile.
        "-Wl,--no-warn-symbol-ordering".to_string(),
    ];
    if links_with(out, target, &flags) {
        for flag in flags {
            println!("cargo:rustc-link-arg-bins={flag}");
        }
    } else {
        println!(
            "cargo:warning=the linker does not take a symbol order (lld does): the binary's functions are laid out in the default order (a larger start-up footprint, nothing else)"
        );
    }
}

/// Whether an empty Rust program links with `flags` through the compiler and linker
/// this build uses.
fn links_with(out: &Path, target: &str, flags: &[String]) -> bool {
    let source = out.join("order-probe.rs");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let mut command = Command::new(rustc);
    command
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "bin",
            "--target",
            target,
        ])
        .arg("-o")
        .arg(out.join("order-probe"))
        .arg(&source);
    // The flags the crate itself is built with (a linker chosen there, say).
    if let Ok(encoded) = std::env::var("CARGO_ENCODED_RUSTFLAGS") {
        command.args(encoded.split('\x1f').filter(|flag| !flag.is_empty()));
    }
    if let Ok(linker) = std::env::var("RUSTC_LINKER") {
        command.arg("-C").arg(format!("linker={linker}"));
    }
    for flag in flags {
        command.arg("-C").arg(format!("link-arg={flag}"));
    }
    command.output().is_ok_and(|o| o.status.success())
}
