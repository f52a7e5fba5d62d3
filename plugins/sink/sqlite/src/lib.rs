//! # dateline-sqlite
//!
//! The `sqlite` sink: every record into a normalized SQLite database (the tables of
//! `dateline-tables`, with keys, foreign keys and indexes), in batched transactions.
//! Re-running over the same input updates articles in place by record id: a record's
//! old rows are deleted (cascading to its entities, mentions, times, quotes, events and
//! extra) and its new rows inserted, so nothing is ever duplicated.
//!
//! The database is written under a temporary name (a copy of the existing one, when
//! there is one) and renamed when the run succeeds, so a failed run leaves the old
//! database as it was. docs/sqlite.md documents the schema with example queries.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use dateline_core::{Host, Kind, Plugin, PluginError, PluginInfo, Sink, SinkRecord};
use dateline_stories::{Stories, Storybook};
use dateline_tables::{ColumnType, TABLES, Table, Value};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params_from_iter};
use serde::Deserialize;

/// The plugin's name in pipelines.
pub const NAME: &str = "sqlite";

/// The version of the database schema this plugin writes. Version 2 gave `events` and
/// `event_actors` the frame columns (trigger, source, target, mode, evidence text);
/// version 3 added the `stories` table and `articles.story`; version 4 the `topics` table,
/// the tone columns of `articles` (`tone_positive`, `tone_negative`, `tone_polarity`,
/// `tone_words`) and `entities.tone_score`; version 5 `quotes.field` (quotations of the
/// headline and the summary).
pub const SCHEMA_VERSION: i64 = 5;

/// What brings a database of an older version to this one, in order: (from version, SQL).
/// Version 1's event tables had the placeholder shape and were never filled, so they are
/// replaced; every other table is unchanged.
const MIGRATIONS: &[(i64, &str)] = &[(
    1,
    "DROP INDEX IF EXISTS event_actors_entity; DROP TABLE IF EXISTS event_actors; DROP TABLE IF EXISTS events;",
)];

/// Adds the columns a table of an older database lacks (rows are inserted by column name,
/// so where a column stands does not matter); new tables come with the schema.
fn add_missing_columns(conn: &Connection) -> Result<(), rusqlite::Error> {
    for table in TABLES {
        let present: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{}')",
                table.name
            ))?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        if present.is_empty() {
            continue;
        }
        for column in table.columns {
            if !present.iter().any(|p| p == column.name) {
                conn.execute_batch(&format!(
                    "ALTER TABLE {} ADD COLUMN \"{}\" {};",
                    table.name,
                    column.name,
                    sql_type(column.kind)
                ))?;
            }
        }
    }
    Ok(())
}

/// Version 3's one change to an existing table: `articles.story` (the `stories` table itself
/// comes with the schema).
fn add_story_column(conn: &Connection) -> Result<(), rusqlite::Error> {
    let has_articles: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'articles'",
        [],
        |row| row.get(0),
    )?;
    let has_story: bool = conn.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info('articles') WHERE name = 'story'",
        [],
        |row| row.get(0),
    )?;
    if has_articles && !has_story {
        conn.execute_batch("ALTER TABLE articles ADD COLUMN story TEXT;")?;
    }
    Ok(())
}

/// Configuration of the `sqlite` sink.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SqliteConfig {
    /// The database file, relative to the pipeline's directory.
    pub path: String,
    /// Records per transaction (default 1000).
    #[serde(default = "default_batch")]
    pub batch: usize,
    /// Group the run's articles into stories: the `stories` table and `articles.story`
    /// (default true). Costs a few hundred bytes per record until the run ends.
    #[serde(default = "default_stories")]
    pub stories: bool,
}

fn default_stories() -> bool {
    true
}

fn default_batch() -> usize {
    1000
}

/// The `sqlite` sink.
pub struct SqliteSink {
    conn: Connection,
    path: PathBuf,
    batch: usize,
    pending: usize,
    written: u64,
    run_id: i64,
    stories: Option<Stories>,
}

fn sql_type(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Text | ColumnType::Json => "TEXT",
        ColumnType::Integer => "INTEGER",
        ColumnType::Real => "REAL",
    }
}

/// The parent a child table's rows belong to: (its columns, parent table, parent columns).
fn foreign_key(table: &Table) -> Option<(&'static str, &'static str, &'static str)> {
    match table.name {
        "articles" => None,
        "mentions" => Some(("article_id, entity_id", "entities", "article_id, entity_id")),
        "event_actors" => Some((
            "article_id, event_index",
            "events",
            "article_id, event_index",
        )),
        _ => Some(("article_id", "articles", "id")),
    }
}

/// The schema, as SQL: tables from `dateline-tables`, plus `meta` and `runs`.
pub fn schema_sql() -> String {
    let mut sql = String::from(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n\
         CREATE TABLE IF NOT EXISTS runs (\n  run_id INTEGER PRIMARY KEY,\n  dateline_version TEXT NOT NULL,\n  started_at TEXT NOT NULL,\n  finished_at TEXT,\n  records INTEGER\n);\n",
    );
    for table in TABLES {
        sql.push_str(&format!("CREATE TABLE IF NOT EXISTS {} (\n", table.name));
        let mut lines: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("  \"{}\" {}", c.name, sql_type(c.kind)))
            .collect();
        if table.name == "articles" {
            lines.push("  run_id INTEGER REFERENCES runs(run_id)".into());
            lines.push("  story TEXT".into());
        }
        lines.push(format!("  PRIMARY KEY ({})", table.key.join(", ")));
        if let Some((columns, parent, parent_columns)) = foreign_key(table) {
            lines.push(format!(
                "  FOREIGN KEY ({columns}) REFERENCES {parent} ({parent_columns}) ON DELETE CASCADE"
            ));
        }
        sql.push_str(&lines.join(",\n"));
        sql.push_str("\n) WITHOUT ROWID;\n");
    }
    sql.push_str(
        "CREATE INDEX IF NOT EXISTS articles_published ON articles (published);\n\
         CREATE INDEX IF NOT EXISTS articles_place ON articles (dateline_place);\n\
         CREATE INDEX IF NOT EXISTS entities_name ON entities (type, name);\n\
         CREATE INDEX IF NOT EXISTS times_value ON times (value);\n\
         CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (article_id, speaker);\n\
         CREATE INDEX IF NOT EXISTS event_actors_entity ON event_actors (article_id, entity_id);\n\
         CREATE INDEX IF NOT EXISTS topics_code ON topics (code, score);\n\
         CREATE TABLE IF NOT EXISTS stories (\n  story TEXT PRIMARY KEY,\n  headline TEXT,\n  first_seen TEXT,\n  last_seen TEXT,\n  articles INTEGER NOT NULL,\n  entities TEXT NOT NULL,\n  places TEXT NOT NULL,\n  events TEXT NOT NULL\n) WITHOUT ROWID;\n\
         CREATE INDEX IF NOT EXISTS articles_story ON articles (story);\n",
    );
    sql
}

/// Checks that an existing file, open read-only in `conn`, is a Dateline database this
/// version can update; its schema version.
fn check_existing(conn: &Connection, path: &Path) -> Result<i64, PluginError> {
    let shown = path.display();
    let has_meta: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n > 0)
        .map_err(|e| PluginError::new(format!("{shown} is not a SQLite database: {e}")))?;
    let version: Option<String> = if has_meta {
        conn.query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| PluginError::new(format!("cannot read {shown}: {e}")))?
    } else {
        None
    };
    match version.as_deref().map(str::parse::<i64>) {
        Some(Ok(v)) if (1..=SCHEMA_VERSION).contains(&v) => Ok(v),
        Some(Ok(v)) if v > SCHEMA_VERSION => Err(PluginError::new(format!(
            "{shown} is a Dateline database of schema version {v}, written by a newer Dateline; this one writes version {SCHEMA_VERSION} and cannot migrate it down: write to another file or use a newer Dateline"
        ))),
        Some(_) => Err(PluginError::new(format!(
            "{shown} has an unknown Dateline schema version {:?}; refusing to change it",
            version.unwrap_or_default()
        ))),
        None => Err(PluginError::new(format!(
            "{shown} exists but is not a Dateline database (it has no schema version); refusing to change it"
        ))),
    }
}

fn now_utc() -> String {
    // Only for the `runs` table, which golden comparisons leave out.
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("@{secs}")
}

fn to_sql(value: &Value) -> rusqlite::types::Value {
    match value {
        Value::Null => rusqlite::types::Value::Null,
        Value::Text(s) => rusqlite::types::Value::Text(s.clone()),
        Value::Integer(i) => rusqlite::types::Value::Integer(*i),
        Value::Real(f) => rusqlite::types::Value::Real(*f),
    }
}

impl Plugin for SqliteSink {
    type Config = SqliteConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Sink,
            description: "a normalized SQLite database, updated in place by record id".into(),
            requires: vec![],
            provides: vec![],
        }
    }

    fn new(config: SqliteConfig, host: &dyn Host) -> Result<Self, PluginError> {
        let path = host.resolve(&config.path);
        let staged = host.stage_output(&path)?;
        let _ = std::fs::remove_file(&staged);
        let db_error = |e: rusqlite::Error| PluginError::new(format!("{}: {e}", path.display()));
        let mut existing = None;
        let mut conn = Connection::open(&staged).map_err(db_error)?;
        // The database is built in a staged file that replaces the target only when the
        // run succeeds, and is thrown away otherwise: a journal on disk and syncs would
        // protect a file no one keeps after a crash. The journal in memory still undoes a
        // record's savepoint; the file is written once, like every other sink's output.
        // Set before the copy of an existing database, which would otherwise write and
        // sync a journal file four times over.
        conn.execute_batch(
            "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;",
        )
        .map_err(db_error)?;
        if path.exists() {
            let source = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map_err(|e| PluginError::new(format!("cannot open {}: {e}", path.display())))?;
            existing = Some(check_existing(&source, &path)?);
            // Work on a copy: the original stays as it was until the run succeeds. The
            // backup copies pages under a read lock, a consistent snapshot like `VACUUM
            // INTO` without rebuilding every table and index (most of a short run's
            // time in this sink).
            let copied = Backup::new(&source, &mut conn)
                .and_then(|backup| backup.step(-1))
                .map_err(db_error)?;
            if copied != StepResult::Done {
                return Err(PluginError::new(format!(
                    "{}: another program holds the database ({copied:?}); try again when it is done",
                    path.display()
                )));
            }
        }
        if let Some(version) = existing {
            for (from, sql) in MIGRATIONS {
                if *from >= version {
                    conn.execute_batch(sql).map_err(db_error)?;
                }
            }
            if version < 3 {
                add_story_column(&conn).map_err(db_error)?;
            }
            if version < SCHEMA_VERSION {
                add_missing_columns(&conn).map_err(db_error)?;
            }
        }
        // One transaction from the schema to the first batch: each statement alone would
        // be a transaction of its own, and the schema is dozens of them.
        conn.execute_batch("BEGIN").map_err(db_error)?;
        conn.execute_batch(&schema_sql()).map_err(db_error)?;
        if existing.is_some_and(|version| version < 5) {
            // Every quotation an older version wrote is the body's.
            conn.execute_batch("UPDATE quotes SET field = 'body' WHERE field IS NULL;")
                .map_err(db_error)?;
        }
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)",
            [SCHEMA_VERSION.to_string()],
        )
        .map_err(db_error)?;
        conn.execute(
            "INSERT INTO runs (dateline_version, started_at) VALUES (?1, ?2)",
            [env!("CARGO_PKG_VERSION"), &now_utc()],
        )
        .map_err(db_error)?;
        let run_id = conn.last_insert_rowid();
        Ok(SqliteSink {
            conn,
            path,
            batch: config.batch.max(1),
            pending: 0,
            written: 0,
            run_id,
            stories: config.stories.then(Stories::default),
        })
    }
}

impl SqliteSink {
    fn error(&self, e: rusqlite::Error) -> PluginError {
        PluginError::new(format!("{}: {e}", self.path.display()))
    }

    fn insert(
        &self,
        table: &Table,
        row: &[Value],
        extra: Option<i64>,
    ) -> Result<(), rusqlite::Error> {
        let mut columns: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("\"{}\"", c.name))
            .collect();
        let mut values: Vec<rusqlite::types::Value> = row.iter().map(to_sql).collect();
        if let Some(run_id) = extra {
            columns.push("run_id".into());
            values.push(rusqlite::types::Value::Integer(run_id));
        }
        let marks = vec!["?"; columns.len()].join(", ");
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({marks})",
            table.name,
            columns.join(", ")
        );
        self.conn
            .prepare_cached(&sql)?
            .execute(params_from_iter(values))?;
        Ok(())
    }

    /// Replaces the stories with this run's: an article of an earlier run that this run did
    /// not see keeps no story.
    fn write_stories(&self, book: &Storybook) -> Result<(), rusqlite::Error> {
        self.conn.execute_batch(
            "DELETE FROM stories; UPDATE articles SET story = NULL WHERE story IS NOT NULL;",
        )?;
        let mut insert = self.conn.prepare(
            "INSERT INTO stories (story, headline, first_seen, last_seen, articles, entities, places, events) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut assign = self
            .conn
            .prepare("UPDATE articles SET story = ?1 WHERE id = ?2")?;
        let json = |list: &[String]| serde_json::to_string(list).expect("strings serialize");
        for story in &book.stories {
            insert.execute(rusqlite::params![
                story.story,
                story.headline,
                story.first_seen,
                story.last_seen,
                story.records.len() as i64,
                json(&story.entities),
                json(&story.places),
                json(&story.events),
            ])?;
            for id in &story.records {
                assign.execute([&story.story, id])?;
            }
        }
        Ok(())
    }

    fn write_rows(&self, record: &SinkRecord<'_>) -> Result<(), rusqlite::Error> {
        let doc = record.doc();
        // Cascades to every row of the record's previous version.
        self.conn
            .prepare_cached("DELETE FROM articles WHERE id = ?1")?
            .execute([&doc.id])?;
        let rows = dateline_tables::rows_with_json(doc, Some(record.json()));
        for (table, rows) in rows.by_table() {
            let run = (table.name == "articles").then_some(self.run_id);
            for row in rows {
                self.insert(table, row, run)?;
            }
        }
        Ok(())
    }
}

impl Sink for SqliteSink {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        self.conn
            .execute_batch("SAVEPOINT record")
            .map_err(|e| self.error(e))?;
        match self.write_rows(record) {
            Ok(()) => self
                .conn
                .execute_batch("RELEASE record")
                .map_err(|e| self.error(e))?,
            Err(e) => {
                let _ = self
                    .conn
                    .execute_batch("ROLLBACK TO record; RELEASE record");
                return Err(self.error(e));
            }
        }
        if let Some(stories) = &mut self.stories {
            stories.add(record.doc());
        }
        self.written += 1;
        self.pending += 1;
        if self.pending >= self.batch {
            self.conn
                .execute_batch("COMMIT; BEGIN")
                .map_err(|e| self.error(e))?;
            self.pending = 0;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), PluginError> {
        if let Some(stories) = self.stories.take() {
            let book = stories.finish();
            self.write_stories(&book).map_err(|e| self.error(e))?;
        }
        self.conn
            .execute(
                "UPDATE runs SET finished_at = ?1, records = ?2 WHERE run_id = ?3",
                rusqlite::params![now_utc(), self.written as i64, self.run_id],
            )
            .map_err(|e| self.error(e))?;
        self.conn.execute_batch("COMMIT").map_err(|e| self.error(e))
    }
}

/// A database that could not be dumped.
#[derive(Debug, thiserror::Error)]
#[error("cannot dump {}", .path.display())]
pub struct DumpError {
    /// The database.
    pub path: PathBuf,
    /// What SQLite said.
    #[source]
    pub source: rusqlite::Error,
}

/// A canonical text form of a Dateline database for golden comparisons: every table of
/// `dateline-tables`, rows sorted by key, one JSON array per line. The `runs` table and
/// `articles.run_id` (which count runs and tell time) are left out.
pub fn canonical_dump(path: &Path) -> Result<String, DumpError> {
    dump(path).map_err(|source| DumpError {
        path: path.to_path_buf(),
        source,
    })
}

fn dump(path: &Path) -> Result<String, rusqlite::Error> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut out = String::new();
    for table in TABLES {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("\"{}\"", c.name))
            .collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns.join(", "),
            table.name,
            table.key.join(", ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let cells: Vec<serde_json::Value> = (0..columns.len())
                .map(|i| match row.get_ref(i) {
                    Ok(rusqlite::types::ValueRef::Null) | Err(_) => serde_json::Value::Null,
                    Ok(rusqlite::types::ValueRef::Integer(n)) => n.into(),
                    Ok(rusqlite::types::ValueRef::Real(f)) => f.into(),
                    Ok(rusqlite::types::ValueRef::Text(t)) => {
                        String::from_utf8_lossy(t).into_owned().into()
                    }
                    Ok(rusqlite::types::ValueRef::Blob(b)) => format!("<{} bytes>", b.len()).into(),
                })
                .collect();
            out.push_str(table.name);
            out.push(' ');
            out.push_str(&serde_json::Value::Array(cells).to_string());
            out.push('\n');
        }
    }
    for (name, sql) in [
        (
            "stories",
            "SELECT story, headline, first_seen, last_seen, articles, entities, places, events \
             FROM stories ORDER BY CAST(substr(story, 2) AS INTEGER)",
        ),
        (
            "article_story",
            "SELECT id, story FROM articles ORDER BY id",
        ),
    ] {
        let mut stmt = conn.prepare(sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let cells: Vec<serde_json::Value> = (0..columns)
                .map(|i| match row.get_ref(i) {
                    Ok(rusqlite::types::ValueRef::Integer(n)) => n.into(),
                    Ok(rusqlite::types::ValueRef::Text(t)) => {
                        String::from_utf8_lossy(t).into_owned().into()
                    }
                    _ => serde_json::Value::Null,
                })
                .collect();
            out.push_str(name);
            out.push(' ');
            out.push_str(&serde_json::Value::Array(cells).to_string());
            out.push('\n');
        }
    }
    Ok(out)
}

/// True when a file starts with SQLite's header.
pub fn is_sqlite(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}
