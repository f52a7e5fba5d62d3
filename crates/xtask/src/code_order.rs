//! `cargo xtask code-order`: the functions a run executes, for the linker to lay out
//! first and together.
//!
//! A short run's resident code is not the code it executes: a read fault on the binary
//! maps the 64 KB around the page that faulted, and the 3 MB of functions a one-article
//! run calls lay scattered over the 11 MB of `.text` among functions it never calls, so
//! nearly 8 MB of code became resident. `crates/cli/code-order.txt` lists the functions
//! a run of the default pipeline over the example articles executes (found with
//! valgrind's callgrind, which counts every instruction a process runs); `crates/cli/build.rs`
//! hands it to the linker (`--symbol-ordering-file`), which puts those functions first in
//! `.text`, side by side. The list is a profile: a function it names that a build no
//! longer has is skipped, one it lacks is laid out after the listed ones; neither changes
//! what the binary does, only where its code lies (docs/performance.md, Start-up).
//!
//! - `cargo xtask code-order` rebuilds the release binary, runs it under callgrind and
//!   writes the list (valgrind must be installed).
//! - `cargo xtask code-order --check` fails when fewer than [`CURRENT_SHARE`] of the
//!   listed functions are in the release binary (code or dependencies moved on and the
//!   list should be written again), or when those it has are not laid out together (the
//!   linker was not given the list: a toolchain without lld, a failed probe in
//!   crates/cli/build.rs).

use anyhow::{Context, Result, bail, ensure};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use crate::bench::{build_release, default_pipeline_beside};
use crate::paths::repo_root;

/// Where the list lives, from the repository's root.
const LIST: &str = "crates/cli/code-order.txt";

/// The share of listed functions the binary must still have for `--check` to pass.
const CURRENT_SHARE: f64 = 0.8;

/// How much larger than their own size the stretch of code the listed functions span
/// may be for `--check` to pass: laid out together they span about their size (3.3 MB
/// for 3.0 MB of functions), in the default order nearly all of `.text` (11 MB).
const MOST_SPREAD: f64 = 1.5;

/// Writes the list, or with `check` measures how current it is.
pub fn run(check: bool) -> Result<()> {
    let binary = build_release()?;
    let list_path = repo_root().join(LIST);
    if check {
        let listed = read_list(&list_path)?;
        let present = function_symbols(&binary)?;
        let found: Vec<&Function> = listed.iter().filter_map(|n| present.get(n)).collect();
        let share = found.len() as f64 / listed.len().max(1) as f64;
        println!(
            "{LIST}: {} of {} listed functions are in {} ({:.1}%; at least {:.0}% wanted)",
            found.len(),
            listed.len(),
            binary.display(),
            share * 100.0,
            CURRENT_SHARE * 100.0
        );
        ensure!(
            !listed.is_empty() && share >= CURRENT_SHARE,
            "{LIST} is out of date: write it again with `cargo xtask code-order`"
        );
        let size: u64 = found.iter().map(|f| f.size).sum();
        let start = found.iter().map(|f| f.address).min().unwrap_or(0);
        let end = found.iter().map(|f| f.address + f.size).max().unwrap_or(0);
        let spread = (end - start) as f64 / size.max(1) as f64;
        println!(
            "they span {:.1} MB of code for {:.1} MB of their own ({spread:.2}x; at most {MOST_SPREAD}x wanted)",
            (end - start) as f64 / 1e6,
            size as f64 / 1e6
        );
        ensure!(
            spread <= MOST_SPREAD,
            "the listed functions are not laid out together: the linker did not take {LIST} (see crates/cli/build.rs)"
        );
        return Ok(());
    }
    let executed = executed_functions(&binary)?;
    let present = function_symbols(&binary)?;
    // Only names the binary defines: callgrind also names pieces of functions it split
    // off (`'2` for a recursion level, which is stripped) and the loader's entry.
    let listed: BTreeSet<&String> = executed
        .iter()
        .filter(|n| present.contains_key(*n))
        .collect();
    let mut text = String::from(
        "# The functions a run of the default pipeline over examples/articles executes, laid\n\
         # out first and side by side in the binary's code (crates/cli/build.rs; the linker's\n\
         # --symbol-ordering-file). Written by `cargo xtask code-order`; a profile, not a\n\
         # contract: names a build lacks are skipped.\n",
    );
    for name in &listed {
        text.push_str(name);
        text.push('\n');
    }
    std::fs::write(&list_path, text).with_context(|| format!("writing {}", list_path.display()))?;
    println!(
        "wrote {} ({} functions of {} in the binary)",
        list_path.display(),
        listed.len(),
        present.len()
    );
    Ok(())
}

/// The names in a list file, comments and blank lines left out.
fn read_list(path: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect())
}

/// The functions of `binary` that a run of the default pipeline over the example
/// articles executes, by their symbol names (mangled), as callgrind counts them.
fn executed_functions(binary: &Path) -> Result<BTreeSet<String>> {
    let work = default_pipeline_beside(None)?;
    let profile = work.path().join("callgrind.out");
    let status = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--demangle=no",
            "--compress-strings=no",
            "--quiet",
        ])
        .arg(format!("--callgrind-out-file={}", profile.display()))
        .arg(binary)
        .args(["run", "--quiet", "--threads", "1", "pipeline.toml"])
        .current_dir(work.path())
        .status()
        .context("running valgrind (install it: apt-get install valgrind)")?;
    if !status.success() {
        bail!("the run under callgrind failed ({status})");
    }
    let text = std::fs::read_to_string(&profile)?;
    Ok(functions_of_object(&text, binary))
}

/// The functions a callgrind profile (written with `--compress-strings=no`) counts
/// instructions of in the object `binary`.
fn functions_of_object(profile: &str, binary: &Path) -> BTreeSet<String> {
    let binary = binary
        .canonicalize()
        .unwrap_or_else(|_| binary.to_path_buf());
    let mut in_binary = false;
    let mut names = BTreeSet::new();
    for line in profile.lines() {
        if let Some(object) = line.strip_prefix("ob=") {
            let object = Path::new(object.trim());
            in_binary = object == binary
                || object
                    .canonicalize()
                    .is_ok_and(|object| object == binary.as_path());
        } else if let Some(name) = line.strip_prefix("fn=")
            && in_binary
        {
            // `name'2`: the second level of a recursion, the same function.
            let name = name.trim();
            let name = match name.rsplit_once('\'') {
                Some((base, level)) if level.bytes().all(|b| b.is_ascii_digit()) => base,
                _ => name,
            };
            names.insert(name.to_string());
        }
    }
    names
}

/// Where a function lies in a binary.
#[derive(Debug, Clone, Copy)]
struct Function {
    address: u64,
    size: u64,
}

/// The functions an ELF64 little-endian binary's symbol table defines, by name.
fn function_symbols(binary: &Path) -> Result<BTreeMap<String, Function>> {
    let bytes = std::fs::read(binary).with_context(|| format!("reading {}", binary.display()))?;
    let field = |at: usize, len: usize| -> Result<u64> {
        let slice = bytes
            .get(at..at + len)
            .context("the ELF file ends inside a header")?;
        let mut value = 0u64;
        for (i, b) in slice.iter().enumerate() {
            value |= u64::from(*b) << (8 * i);
        }
        Ok(value)
    };
    ensure!(
        bytes.starts_with(b"\x7fELF") && bytes.get(4) == Some(&2) && bytes.get(5) == Some(&1),
        "{} is not a 64-bit little-endian ELF file",
        binary.display()
    );
    let section_headers = field(0x28, 8)? as usize;
    let header_size = field(0x3a, 2)? as usize;
    let sections = field(0x3c, 2)? as usize;
    let section = |i: usize| -> Result<(u32, usize, usize, usize)> {
        let at = section_headers + i * header_size;
        Ok((
            field(at + 4, 4)? as u32,      // type
            field(at + 0x18, 8)? as usize, // offset
            field(at + 0x20, 8)? as usize, // size
            field(at + 0x28, 4)? as usize, // link
        ))
    };
    const SYMTAB: u32 = 2;
    const FUNC: u8 = 2;
    let mut functions = BTreeMap::new();
    for i in 0..sections {
        let (kind, offset, size, link) = section(i)?;
        if kind != SYMTAB {
            continue;
        }
        let (_, strings_at, strings_size, _) = section(link)?;
        let strings = bytes
            .get(strings_at..strings_at + strings_size)
            .context("the string table lies outside the file")?;
        for symbol in (offset..offset + size).step_by(24) {
            let name_at = field(symbol, 4)? as usize;
            let info = field(symbol + 4, 1)? as u8;
            let section_index = field(symbol + 6, 2)?;
            if info & 0xf != FUNC || section_index == 0 {
                continue;
            }
            let name = strings
                .get(name_at..)
                .and_then(|s| s.split(|b| *b == 0).next())
                .context("a symbol name lies outside the string table")?;
            let function = Function {
                address: field(symbol + 8, 8)?,
                size: field(symbol + 16, 8)?,
            };
            functions.insert(String::from_utf8_lossy(name).into_owned(), function);
        }
    }
    ensure!(
        !functions.is_empty(),
        "{} has no symbol table (stripped?)",
        binary.display()
    );
    Ok(functions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_gives_the_functions_of_its_binary_alone_without_recursion_levels() {
        let profile = "version: 1\ncmd: x\n\
            ob=/usr/lib/libc.so.6\nfn=memcpy\n1 10\n\
            ob=/bin/dateline-test-binary\nfn=_ZN4main17h1E\n1 3\nfn=_ZN4walk17h2E'2\n2 4\n\
            cob=/usr/lib/libc.so.6\ncfn=memcpy\ncalls=1 0\n\
            ob=/usr/lib/libc.so.6\nfn=strlen\n3 1\n";
        let names = functions_of_object(profile, Path::new("/bin/dateline-test-binary"));
        assert_eq!(
            names.into_iter().collect::<Vec<_>>(),
            ["_ZN4main17h1E", "_ZN4walk17h2E"]
        );
    }

    #[test]
    fn the_running_test_binary_lists_its_own_functions() {
        let me = std::env::current_exe().unwrap();
        let functions = function_symbols(&me).unwrap();
        let (_, own) = functions
            .iter()
            .find(|(n, _)| n.contains("function_symbols"))
            .expect("this function among them");
        assert!(own.address > 0 && own.size > 0, "{own:?}");
        assert!(functions.len() > 100);
    }
}
