//! The incremental-run cache: an input's records are reused when its bytes, the
//! plugins that made them (name and version), their configuration and the reference
//! time are all unchanged.
//!
//! One entry per input file, in `DIR/<2 hex>/<key hex>.entry`, keyed by a BLAKE3 hash
//! of the pipeline fingerprint, the input's uri and its bytes. An entry holds the
//! input's outcomes in order, one per line (`W <record json>` or `S <skip reason>`),
//! and ends with a trailer line `#end <checksum> <count>`. It is written under a
//! temporary name and renamed when complete, so a reader never sees half of one. An
//! entry that fails its checksum, its count or its parse is ignored with a warning
//! and recomputed, never trusted. Inputs with a dead-lettered record are not cached:
//! they are retried on every run.
//!
//! A hit skips framing, parsing, enriching and serializing; the records go straight
//! to the sinks, and are only parsed back into documents if a sink asks for one.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use dateline_core::error::PathError;

const FORMAT_LINE: &str = "dateline-cache-entry/1";

/// A cache key.
pub type Key = [u8; 32];

/// An open cache directory.
pub struct Cache {
    dir: PathBuf,
}

/// A skip reason on one line, as runs report it and the cache keeps it (line breaks of any
/// kind become spaces), so that a reason served by the cache is the reason a run gives.
pub fn one_line(reason: &str) -> String {
    reason.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

/// Why a directory cannot serve as a cache, or an entry cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The directory is not empty and has no Dateline marker: it is someone else's.
    #[error(
        "ignoring cache {}: it is not empty and has no Dateline CACHEDIR.TAG, so it is not a Dateline cache",
        .0.display()
    )]
    Foreign(PathBuf),
    /// The directory or its marker cannot be made.
    #[error("ignoring cache {}", .path.display())]
    Unusable {
        /// The cache directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// An entry cannot be created, written or moved into place.
    #[error(transparent)]
    Entry(#[from] PathError),
}

/// One cached outcome of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A record, as its canonical JSON line.
    Written(String),
    /// A skipped part, with the reason.
    Skipped(String),
}

/// What a lookup found.
pub enum Lookup {
    /// The input's outcomes, trusted.
    Hit(Vec<Entry>),
    /// No entry.
    Miss,
    /// An entry that failed its checks, with why; treated as a miss.
    Corrupt(String),
}

impl Cache {
    /// Opens (or creates) the cache in `dir`. `Err` is the warning to print when `dir`
    /// cannot serve as a cache; the run then goes on without one.
    pub fn open(dir: &Path) -> Result<Cache, CacheError> {
        let marker = dir.join("CACHEDIR.TAG");
        // Shards on several machines may open one new cache at once: the marker another is
        // writing (or its staged copy) does not make the directory someone else's.
        let foreign = |name: &std::ffi::OsStr| !name.to_string_lossy().contains("CACHEDIR.TAG");
        if dir.exists()
            && !marker.exists()
            && std::fs::read_dir(dir).map_or(true, |mut d| {
                d.any(|e| e.map_or(true, |e| foreign(&e.file_name())))
            })
        {
            return Err(CacheError::Foreign(dir.to_path_buf()));
        }
        let unusable = |source| CacheError::Unusable {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(unusable)?;
        if !marker.exists() {
            let staged = dir.join(format!(
                ".CACHEDIR.TAG{}",
                dateline_core::plugin::staging_suffix()
            ));
            std::fs::write(
                &staged,
                "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is a Dateline record cache; it can be deleted at any time.\n",
            )
            .and_then(|()| std::fs::rename(&staged, &marker))
            .map_err(unusable)?;
        }
        Ok(Cache {
            dir: dir.to_path_buf(),
        })
    }

    /// Where the cache is.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The key of one input: the fingerprint, its uri and its bytes (read once, streaming).
    pub fn key(fingerprint: &[u8; 32], uri: &str, input: &Path) -> std::io::Result<Key> {
        let mut hasher = blake3::Hasher::new();
        hasher.update(fingerprint);
        hasher.update(&(uri.len() as u64).to_le_bytes());
        hasher.update(uri.as_bytes());
        let mut file = File::open(input)?;
        let mut buffer = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buffer)?;
            if n == 0 {
                break;
            }
            hasher.update(&buffer[..n]);
        }
        Ok(*hasher.finalize().as_bytes())
    }

    fn entry_path(&self, key: &Key) -> PathBuf {
        let hex = to_hex(key);
        self.dir.join(&hex[..2]).join(format!("{hex}.entry"))
    }

    /// Reads the entry of an input.
    pub fn get(&self, key: &Key) -> Lookup {
        let path = self.entry_path(key);
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Lookup::Miss,
            Err(e) => return Lookup::Corrupt(format!("cannot read {}: {e}", path.display())),
        };
        match read_entry(BufReader::new(file)) {
            Ok(entries) => Lookup::Hit(entries),
            Err(why) => Lookup::Corrupt(format!("{why} ({})", path.display())),
        }
    }

    /// Starts writing the entry of an input.
    pub fn writer(&self, key: &Key) -> Result<EntryWriter, CacheError> {
        let path = self.entry_path(key);
        let parent = path.parent().expect("entries live in a shard directory");
        std::fs::create_dir_all(parent).map_err(PathError::on("create", parent))?;
        // Unique per host and process: shards on several machines share one cache directory,
        // and two writers of one key each rename a whole entry into place (the same bytes).
        let temp = path.with_extension(format!("entry{}", dateline_core::plugin::staging_suffix()));
        let file = File::create(&temp).map_err(PathError::on("create", &temp))?;
        let mut writer = EntryWriter {
            out: BufWriter::new(file),
            hasher: blake3::Hasher::new(),
            count: 0,
            temp,
            path,
        };
        writer.line(FORMAT_LINE)?;
        Ok(writer)
    }
}

/// An entry being written; [`EntryWriter::commit`] makes it visible, dropping it discards it.
pub struct EntryWriter {
    out: BufWriter<File>,
    hasher: blake3::Hasher,
    count: u64,
    temp: PathBuf,
    path: PathBuf,
}

impl EntryWriter {
    fn failed(&self, action: &'static str) -> impl FnOnce(std::io::Error) -> PathError + use<> {
        PathError::on(action, &self.temp)
    }

    fn line(&mut self, line: &str) -> Result<(), CacheError> {
        self.hasher.update(line.as_bytes());
        self.hasher.update(b"\n");
        let failed = self.failed("write");
        self.out
            .write_all(line.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"))
            .map_err(|e| failed(e).into())
    }

    /// Appends a written record (its JSON line).
    pub fn written(&mut self, json: &str) -> Result<(), CacheError> {
        self.count += 1;
        self.hasher.update(b"W ");
        let failed = self.failed("write");
        self.out.write_all(b"W ").map_err(failed)?;
        self.line(json)
    }

    /// Appends a skipped part.
    pub fn skipped(&mut self, reason: &str) -> Result<(), CacheError> {
        self.count += 1;
        self.line(&format!("S {}", one_line(reason)))
    }

    /// Seals the entry with its checksum and moves it into place.
    pub fn commit(mut self) -> Result<(), CacheError> {
        let trailer = format!("#end {} {}\n", self.hasher.finalize().to_hex(), self.count);
        let failed = self.failed("write");
        self.out
            .write_all(trailer.as_bytes())
            .and_then(|()| self.out.flush())
            .map_err(failed)?;
        let failed = self.failed("move into place");
        Ok(std::fs::rename(&self.temp, &self.path).map_err(failed)?)
    }
}

impl Drop for EntryWriter {
    fn drop(&mut self) {
        // After a commit the temporary name no longer exists; otherwise discard the partial entry.
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// Reads an entry's bytes: its outcomes, or why it cannot be trusted (not an entry, a
/// malformed line, a checksum or count that does not match, no trailer).
pub fn read_entry(reader: impl BufRead) -> Result<Vec<Entry>, String> {
    let mut hasher = blake3::Hasher::new();
    let mut entries = Vec::new();
    let mut lines = reader.lines();
    match lines.next() {
        Some(Ok(line)) if line == FORMAT_LINE => {
            hasher.update(line.as_bytes());
            hasher.update(b"\n");
        }
        _ => return Err("not a Dateline cache entry".into()),
    }
    for line in lines {
        let line = line.map_err(|e| format!("unreadable: {e}"))?;
        if let Some(trailer) = line.strip_prefix("#end ") {
            let (checksum, count) = trailer.split_once(' ').ok_or("malformed trailer")?;
            if checksum != hasher.finalize().to_hex().as_str() {
                return Err("checksum mismatch".into());
            }
            if count.parse::<usize>().ok() != Some(entries.len()) {
                return Err("record count mismatch".into());
            }
            return Ok(entries);
        }
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
        entries.push(match line.split_at_checked(2) {
            Some(("W ", json)) => Entry::Written(json.to_string()),
            Some(("S ", reason)) => Entry::Skipped(reason.to_string()),
            _ => return Err("malformed line".into()),
        });
    }
    Err("truncated (no trailer)".into())
}

/// The fingerprint of what makes a source's records: Dateline's record schema, the
/// parser and every enricher (name, version, configuration) and the reference time.
pub fn fingerprint(parts: &[serde_json::Value]) -> [u8; 32] {
    let canonical = serde_json::to_string(parts).expect("JSON serializes");
    *blake3::hash(canonical.as_bytes()).as_bytes()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_round_trips_and_tampering_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(&dir.path().join("c")).unwrap();
        let key = [7u8; 32];
        assert!(matches!(cache.get(&key), Lookup::Miss));
        let entries = vec![
            Entry::Written("{\"id\":\"a#0\"}".into()),
            Entry::Skipped("empty".into()),
        ];
        let mut writer = cache.writer(&key).unwrap();
        writer.written("{\"id\":\"a#0\"}").unwrap();
        writer.skipped("empty").unwrap();
        writer.commit().unwrap();
        let Lookup::Hit(found) = cache.get(&key) else {
            panic!("a hit")
        };
        assert_eq!(found, entries);

        let path = cache.entry_path(&key);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("a#0", "b#0");
        std::fs::write(&path, text).unwrap();
        assert!(
            matches!(cache.get(&key), Lookup::Corrupt(why) if why.starts_with("checksum mismatch"))
        );
    }

    #[test]
    fn an_unfinished_entry_is_never_visible() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let key = [1u8; 32];
        let mut writer = cache.writer(&key).unwrap();
        writer.written("{}").unwrap();
        drop(writer);
        assert!(matches!(cache.get(&key), Lookup::Miss));
    }

    #[test]
    fn a_directory_of_other_files_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(Cache::open(dir.path()).is_err());
    }
}
