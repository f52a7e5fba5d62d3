//! The SQLite sink against real queries, reruns and foreign databases.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dateline_core::{Document, Host, Plugin, PluginError, Sink, SinkRecord};
use dateline_sqlite::{SqliteConfig, SqliteSink, canonical_dump};
use rusqlite::Connection;

/// Stages outputs like Dateline does and renames them on `commit`.
struct TestHost {
    dir: PathBuf,
    staged: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl TestHost {
    fn new(dir: &Path) -> Self {
        TestHost {
            dir: dir.to_path_buf(),
            staged: Default::default(),
        }
    }
    fn commit(&self) {
        for (temp, path) in self.staged.lock().unwrap().drain(..) {
            std::fs::rename(temp, path).unwrap();
        }
    }
}

impl Host for TestHost {
    fn reference_time(&self) -> Option<&str> {
        None
    }
    fn resolve(&self, path: &str) -> PathBuf {
        self.dir.join(path)
    }
    fn stage_output(&self, path: &Path) -> Result<PathBuf, PluginError> {
        let temp = path.with_extension("tmp-test");
        self.staged
            .lock()
            .unwrap()
            .push((temp.clone(), path.to_path_buf()));
        Ok(temp)
    }
}

fn write(dir: &Path, docs: &[Document]) -> Result<PathBuf, PluginError> {
    let host = TestHost::new(dir);
    let config = SqliteConfig {
        path: "out.sqlite".into(),
        batch: 2,
        stories: true,
    };
    let mut sink = SqliteSink::new(config, &host)?;
    for doc in docs {
        let json = serde_json::to_string(doc).unwrap();
        sink.write(&SinkRecord::new(&json, &OnceLock::from(doc.clone())))?;
    }
    sink.finish()?;
    drop(sink);
    host.commit();
    Ok(dir.join("out.sqlite"))
}

fn query(db: &Path, sql: &str) -> Vec<Vec<String>> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let columns = stmt.column_count();
    stmt.query_map([], |row| {
        Ok((0..columns)
            .map(|i| match row.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Null => "NULL".to_string(),
                rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                rusqlite::types::ValueRef::Real(f) => f.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                rusqlite::types::ValueRef::Blob(_) => "blob".into(),
            })
            .collect())
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn counts(db: &Path) -> Vec<Vec<String>> {
    query(
        db,
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions), \
         (SELECT count(*) FROM times), (SELECT count(*) FROM quotes), (SELECT count(*) FROM events), \
         (SELECT count(*) FROM event_actors), (SELECT count(*) FROM extra)",
    )
}

#[test]
fn the_documented_queries_answer_and_a_rerun_changes_no_counts() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dateline_testkit::enriched_records();
    let db = write(dir.path(), &docs).unwrap();

    // Everyone quoted about the border.
    let quoted = query(
        &db,
        "SELECT e.name, q.speaker_text FROM quotes q JOIN entities e ON e.article_id = q.article_id AND e.entity_id = q.speaker \
         WHERE q.text LIKE '%border%' ORDER BY e.name",
    );
    assert_eq!(
        quoted,
        vec![
            vec!["Anwar Ibrahim".to_string(), "he".to_string()],
            vec![
                "Inter-Services Public Relations".to_string(),
                "the Inter-Services Public Relations (ISPR)".to_string()
            ],
        ]
    );

    // Who is mentioned with whom.
    let pairs = query(
        &db,
        "SELECT a.name, b.name, count(DISTINCT a.article_id) FROM entities a JOIN entities b \
         ON a.article_id = b.article_id AND a.name < b.name \
         WHERE a.type IN ('person', 'organization') AND b.type IN ('person', 'organization') \
         GROUP BY a.name, b.name ORDER BY 3 DESC, 1, 2",
    );
    assert!(pairs.contains(&vec![
        "Anwar Ibrahim".into(),
        "Prabowo Subianto".into(),
        "1".into()
    ]));
    assert!(pairs.contains(&vec![
        "Asim Munir".into(),
        "Mohammad Bagheri".into(),
        "1".into()
    ]));
    assert!(
        !pairs
            .iter()
            .any(|p| p[0] == "Anwar Ibrahim" && p[1] == "Asim Munir"),
        "never in one article"
    );

    // Articles per place per month.
    let per_month = query(
        &db,
        "SELECT dateline_place, substr(published, 1, 7), count(*) FROM articles WHERE dateline_place IS NOT NULL \
         GROUP BY 1, 2 ORDER BY 2, 1",
    );
    assert_eq!(
        per_month,
        vec![
            vec!["ISLAMABAD".to_string(), "2025-01".into(), "1".into()],
            vec!["JAKARTA".into(), "2025-01".into(), "1".into()]
        ]
    );

    // Foreign keys hold, and the whole record is there for anything else.
    assert_eq!(
        query(&db, "PRAGMA foreign_key_check"),
        Vec::<Vec<String>>::new()
    );
    let record = query(
        &db,
        "SELECT record FROM articles WHERE id = 'fixtures/summit.txt#0'",
    );
    let parsed: Document = serde_json::from_str(&record[0][0]).unwrap();
    assert_eq!(parsed, docs[0]);

    let before = counts(&db);
    let dump = canonical_dump(&db).unwrap();
    write(dir.path(), &docs).unwrap();
    assert_eq!(counts(&db), before, "a rerun updates in place");
    assert_eq!(
        query(&db, "SELECT count(*) FROM runs"),
        vec![vec!["2".to_string()]]
    );
    assert_eq!(
        canonical_dump(&db).unwrap(),
        dump,
        "and the canonical dump ignores run bookkeeping"
    );

    // A changed record replaces its rows.
    let mut changed = docs.clone();
    changed[0].entities.truncate(1);
    write(dir.path(), &changed).unwrap();
    assert_eq!(
        query(
            &db,
            "SELECT count(*) FROM entities WHERE article_id = 'fixtures/summit.txt#0'"
        ),
        vec![vec!["1".to_string()]]
    );
}

#[test]
fn a_version_1_database_is_migrated_and_its_other_tables_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("out.sqlite");
    // The version-1 shape: the placeholder event tables and an article written then.
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
         INSERT INTO meta VALUES ('schema_version', '1');
         CREATE TABLE events (article_id TEXT, event_index INTEGER, type TEXT, place TEXT, time TEXT,
             evidence_start INTEGER, evidence_end INTEGER, PRIMARY KEY (article_id, event_index));
         CREATE TABLE event_actors (article_id TEXT, event_index INTEGER, entity_id TEXT,
             PRIMARY KEY (article_id, event_index, entity_id));
         CREATE INDEX event_actors_entity ON event_actors (article_id, entity_id);",
    )
    .unwrap();
    drop(conn);
    write(dir.path(), &dateline_testkit::enriched_records()).unwrap();
    assert_eq!(
        query(&db, "SELECT value FROM meta WHERE key = 'schema_version'"),
        vec![vec![dateline_sqlite::SCHEMA_VERSION.to_string()]]
    );
    assert_eq!(
        query(
            &db,
            "SELECT type, trigger, source_text, mode FROM events WHERE article_id = 'fixtures/border.txt#0'"
        ),
        vec![vec![
            "consult".to_string(),
            "talks".to_string(),
            "Maj. Gen. Mohammad Bagheri".to_string(),
            "asserted".to_string()
        ]]
    );
}

#[test]
fn databases_of_another_schema_or_origin_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = write(dir.path(), &dateline_testkit::enriched_records()).unwrap();
    let conn = Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
        [],
    )
    .unwrap();
    drop(conn);
    let error = write(dir.path(), &[]).expect_err("refused");
    assert!(
        error
            .message
            .contains("schema version 99, written by a newer Dateline"),
        "{error}"
    );

    let other = tempfile::tempdir().unwrap();
    let conn = Connection::open(other.path().join("out.sqlite")).unwrap();
    conn.execute("CREATE TABLE notes (text TEXT)", []).unwrap();
    drop(conn);
    let error = write(other.path(), &[]).expect_err("refused");
    assert!(
        error.message.contains("is not a Dateline database"),
        "{error}"
    );
}

#[test]
fn every_article_gets_its_story_and_a_version_2_database_gains_them() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dateline_testkit::enriched_records();
    let db = write(dir.path(), &docs).unwrap();
    let stories = query(&db, "SELECT story, articles FROM stories ORDER BY story");
    assert!(!stories.is_empty());
    let counted: usize = stories.iter().map(|r| r[1].parse::<usize>().unwrap()).sum();
    assert_eq!(counted, docs.len(), "each article in exactly one story");
    assert_eq!(
        query(
            &db,
            "SELECT count(*) FROM articles a LEFT JOIN stories s ON a.story = s.story WHERE s.story IS NULL"
        ),
        vec![vec!["0".to_string()]],
        "every article's story is in the stories table"
    );

    // The version-2 shape: no stories table, no articles.story.
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP INDEX articles_story; ALTER TABLE articles DROP COLUMN story; DROP TABLE stories;
         UPDATE meta SET value = '2' WHERE key = 'schema_version';",
    )
    .unwrap();
    drop(conn);
    write(dir.path(), &docs).unwrap();
    assert_eq!(
        query(&db, "SELECT value FROM meta WHERE key = 'schema_version'"),
        vec![vec![dateline_sqlite::SCHEMA_VERSION.to_string()]]
    );
    assert_eq!(
        query(&db, "SELECT count(*) FROM articles WHERE story IS NULL"),
        vec![vec!["0".to_string()]]
    );
}

/// A version-3 database (no tone columns but the score, no topics) gains them, and the
/// articles rewritten fill them.
#[test]
fn a_version_3_database_gains_the_tone_columns_and_the_topics_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = dateline_testkit::enriched_records();
    let db = write(dir.path(), &docs).unwrap();
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP INDEX topics_code; DROP TABLE topics;
         ALTER TABLE articles DROP COLUMN tone_positive; ALTER TABLE articles DROP COLUMN tone_negative;
         ALTER TABLE articles DROP COLUMN tone_polarity; ALTER TABLE articles DROP COLUMN tone_words;
         ALTER TABLE entities DROP COLUMN tone_score;
         UPDATE meta SET value = '3' WHERE key = 'schema_version';",
    )
    .unwrap();
    drop(conn);
    docs[0].tone = Some(dateline_core::Tone {
        score: -0.25,
        positive: 0.01,
        negative: 0.05,
        polarity: 0.06,
        words: 120,
    });
    docs[0].entities[0].tone = Some(dateline_core::EntityTone { score: -0.5 });
    docs[0].topics = vec![dateline_core::Topic {
        code: "medtop:11000000".into(),
        label: "politics".into(),
        score: 0.8,
    }];
    write(dir.path(), &docs).unwrap();
    assert_eq!(
        query(&db, "SELECT value FROM meta WHERE key = 'schema_version'"),
        vec![vec![dateline_sqlite::SCHEMA_VERSION.to_string()]]
    );
    assert_eq!(
        query(
            &db,
            "SELECT tone_score, tone_negative, tone_words FROM articles WHERE tone_words IS NOT NULL"
        ),
        vec![vec![
            "-0.25".to_string(),
            "0.05".to_string(),
            "120".to_string()
        ]]
    );
    assert_eq!(
        query(
            &db,
            "SELECT e.name FROM entities e JOIN topics t ON t.article_id = e.article_id \
                    WHERE t.code = 'medtop:11000000' AND e.tone_score < -0.3"
        ),
        vec![vec![docs[0].entities[0].name.clone()]]
    );
}

/// Record content is only ever a bound value: text made to break out of a quoted SQL
/// string, a comment or a statement is stored as text, and nothing else changes.
#[test]
fn hostile_text_is_stored_as_text_not_run_as_sql() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = [
        "x'); DROP TABLE articles; --",
        "\"; DELETE FROM entities; /*",
        "Robert'); ATTACH DATABASE '/tmp/dateline-pwned.db' AS p; --",
        "?1 ?2 :name @v $x",
    ];
    let docs: Vec<Document> = hostile
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let mut doc = Document::new(dateline_core::Source::new(
                format!("in/{text}.txt"),
                i as u32,
                "text",
            ));
            doc.id = format!("{text}#{i}");
            doc.headline = Some(text.to_string());
            doc.body = format!("{text}\n{text}");
            doc.authors = vec![text.to_string()];
            doc.extra.insert(text.to_string(), (*text).into());
            doc
        })
        .collect();
    let db = write(dir.path(), &docs).unwrap();
    let stored = query(&db, "SELECT id, headline, body FROM articles");
    assert_eq!(stored.len(), hostile.len());
    for (i, text) in hostile.iter().enumerate() {
        let row = stored
            .iter()
            .find(|row| row[0] == format!("{text}#{i}"))
            .unwrap_or_else(|| panic!("{text} stored under its id: {stored:?}"));
        assert_eq!(row[1], *text);
        assert_eq!(row[2], format!("{text}\n{text}"));
    }
    assert!(!Path::new("/tmp/dateline-pwned.db").exists());
    let tables = query(
        &db,
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    assert!(tables.iter().any(|t| t[0] == "articles"));
    assert_eq!(
        query(&db, "SELECT count(*) FROM extra")[0][0],
        hostile.len().to_string()
    );
}

#[test]
fn a_rerun_keeps_what_another_program_committed_to_a_write_ahead_log() {
    // An analyst's own table, committed in WAL mode and not yet checkpointed into the
    // database file: the staged copy is a snapshot through SQLite, not the file's bytes.
    let dir = tempfile::tempdir().unwrap();
    let docs = dateline_testkit::enriched_records();
    let db = write(dir.path(), &docs).unwrap();
    let analyst = Connection::open(&db).unwrap();
    analyst
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; \
             CREATE TABLE notes (article_id TEXT, note TEXT); \
             INSERT INTO notes VALUES ('a', 'check the border figures');",
        )
        .unwrap();
    assert!(
        db.with_extension("sqlite-wal").exists(),
        "the note is in the log"
    );

    let before = counts(&db);
    write(dir.path(), &docs).unwrap();
    drop(analyst);
    assert_eq!(
        query(&db, "SELECT note FROM notes"),
        vec![vec!["check the border figures".to_string()]]
    );
    assert_eq!(counts(&db), before);
}

#[test]
fn a_version_4_database_gains_the_field_of_its_quotations() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dateline_testkit::enriched_records();
    let db = write(dir.path(), &docs).unwrap();
    let conn = Connection::open(&db).unwrap();
    conn.execute_batch(
        "ALTER TABLE quotes DROP COLUMN field;
         UPDATE meta SET value = '4' WHERE key = 'schema_version';",
    )
    .unwrap();
    drop(conn);
    let quoted = docs.iter().position(|d| !d.quotes.is_empty()).unwrap();
    let mut rewritten = docs[quoted].clone();
    let headline = "‘A quotation’, says a headline";
    rewritten.headline = Some(headline.into());
    rewritten.quotes.push(dateline_core::Quote {
        start: 1,
        end: 12,
        text: "A quotation".into(),
        field: Some("headline".into()),
        speaker: None,
        speaker_text: Some("a headline".into()),
        cue: Some("says".into()),
        kind: dateline_core::QuoteKind::Direct,
    });
    // Only one article is written again: the others keep the rows of the old version.
    write(dir.path(), &[rewritten]).unwrap();
    assert_eq!(
        query(&db, "SELECT value FROM meta WHERE key = 'schema_version'"),
        vec![vec![dateline_sqlite::SCHEMA_VERSION.to_string()]]
    );
    assert_eq!(
        query(&db, "SELECT text FROM quotes WHERE field = 'headline'"),
        vec![vec!["A quotation".to_string()]]
    );
    let total = docs.iter().map(|d| d.quotes.len()).sum::<usize>();
    assert_eq!(
        query(&db, "SELECT count(*) FROM quotes WHERE field = 'body'"),
        vec![vec![total.to_string()]],
        "every quotation of the older version is the body's"
    );
}
