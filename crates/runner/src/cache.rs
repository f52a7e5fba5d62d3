//! The incremental-run cache: a record is reused when its input part, the plugins that
//! made it (name and version) and their configuration are all unchanged.
//!
//! Entries live in one SQLite file (`DIR/cache.sqlite`), keyed by a BLAKE3 hash of
//! the pipeline fingerprint and the part's uri, position, bytes and framing metadata.
//! Each entry carries a checksum of the record; an entry that fails it, does not
//! parse or names another record is ignored with a warning and recomputed, never
//! trusted. A file that is not a Dateline cache is left alone and the run goes on
//! without one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use dateline_core::RawPart;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

const FORMAT: &str = "dateline-cache/1";

/// A cache key.
pub type Key = [u8; 32];

/// An open cache.
pub struct Cache {
    path: PathBuf,
    reader: Mutex<Connection>,
    writer: Mutex<Connection>,
}

/// What a lookup found.
pub enum Lookup {
    /// A trusted record (its canonical JSON line).
    Hit(String),
    /// Nothing usable.
    Miss,
    /// An entry that failed its checks, with why; treated as a miss.
    Corrupt(String),
}

impl Cache {
    /// Opens (or creates) the cache in `dir`. `Err` carries the warning to print when the
    /// file there is not a usable Dateline cache; the run then goes on without caching.
    pub fn open(dir: &Path) -> Result<Cache, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create cache directory {}: {e}", dir.display()))?;
        let path = dir.join("cache.sqlite");
        let refuse = |e: &dyn std::fmt::Display| format!("ignoring cache {}: {e}", path.display());
        let writer = Connection::open(&path).map_err(|e| refuse(&e))?;
        writer
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 CREATE TABLE IF NOT EXISTS records (
                     key BLOB PRIMARY KEY,
                     checksum BLOB NOT NULL,
                     record TEXT NOT NULL
                 ) WITHOUT ROWID;",
            )
            .map_err(|e| refuse(&format!("not a Dateline cache ({e})")))?;
        let format: Option<String> = writer
            .query_row("SELECT value FROM meta WHERE key = 'format'", [], |row| {
                row.get(0)
            })
            .optional()
            .map_err(|e| refuse(&e))?;
        match format.as_deref() {
            Some(FORMAT) => {}
            None => {
                let records: i64 = writer
                    .query_row("SELECT count(*) FROM records", [], |row| row.get(0))
                    .map_err(|e| refuse(&e))?;
                if records > 0 {
                    return Err(refuse(&"it has records but no format marker"));
                }
                writer
                    .execute(
                        "INSERT INTO meta (key, value) VALUES ('format', ?1)",
                        [FORMAT],
                    )
                    .map_err(|e| refuse(&e))?;
            }
            Some(other) => {
                return Err(refuse(&format!(
                    "it is in format {other:?}, this Dateline writes {FORMAT:?}"
                )));
            }
        }
        let reader = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| refuse(&e))?;
        Ok(Cache {
            path,
            reader: Mutex::new(reader),
            writer: Mutex::new(writer),
        })
    }

    /// Where the cache is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The key of one input part under a pipeline fingerprint.
    pub fn key(fingerprint: &[u8; 32], uri: &str, part: &RawPart) -> Key {
        let mut hasher = blake3::Hasher::new();
        hasher.update(fingerprint);
        for field in [uri.as_bytes(), &part.bytes] {
            hasher.update(&(field.len() as u64).to_le_bytes());
            hasher.update(field);
        }
        hasher.update(&part.index.to_le_bytes());
        hasher.update(&part.offset.to_le_bytes());
        hasher.update(&part.line.unwrap_or(0).to_le_bytes());
        for (key, value) in &part.meta {
            hasher.update(&(key.len() as u64).to_le_bytes());
            hasher.update(key.as_bytes());
            hasher.update(&(value.len() as u64).to_le_bytes());
            hasher.update(value.as_bytes());
        }
        *hasher.finalize().as_bytes()
    }

    /// Looks a key up; `expected_id` is the id the record must have.
    pub fn get(&self, key: &Key, expected_id: &str) -> Lookup {
        let reader = self.reader.lock().expect("not poisoned");
        let row: Result<Option<(Vec<u8>, String)>, _> = reader
            .prepare_cached("SELECT checksum, record FROM records WHERE key = ?1")
            .and_then(|mut stmt| {
                stmt.query_row([&key[..]], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            });
        match row {
            Ok(None) => Lookup::Miss,
            Err(e) => Lookup::Corrupt(format!("unreadable entry: {e}")),
            Ok(Some((checksum, record))) => {
                if checksum != blake3::hash(record.as_bytes()).as_bytes()[..16] {
                    return Lookup::Corrupt("checksum mismatch".into());
                }
                let id = serde_json::from_str::<serde_json::Value>(&record)
                    .ok()
                    .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_string));
                match id {
                    Some(id) if id == expected_id => Lookup::Hit(record),
                    Some(id) => Lookup::Corrupt(format!("entry holds record {id}")),
                    None => Lookup::Corrupt("entry is not a record".into()),
                }
            }
        }
    }

    /// Stores records, in one transaction.
    pub fn put_all<'a>(
        &self,
        entries: impl IntoIterator<Item = (&'a Key, &'a str)>,
    ) -> Result<(), String> {
        let mut writer = self.writer.lock().expect("not poisoned");
        let tx = writer.transaction().map_err(|e| e.to_string())?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO records (key, checksum, record) VALUES (?1, ?2, ?3)",
                )
                .map_err(|e| e.to_string())?;
            for (key, record) in entries {
                let hash = blake3::hash(record.as_bytes());
                stmt.execute(params![&key[..], &hash.as_bytes()[..16], record])
                    .map_err(|e| e.to_string())?;
            }
        }
        tx.commit().map_err(|e| e.to_string())
    }
}

/// The fingerprint of what makes a source's records: Dateline's record schema, the
/// parser and every enricher (name, version, configuration) and the reference time.
pub fn fingerprint(parts: &[serde_json::Value]) -> [u8; 32] {
    let canonical = serde_json::to_string(parts).expect("JSON serializes");
    *blake3::hash(canonical.as_bytes()).as_bytes()
}
