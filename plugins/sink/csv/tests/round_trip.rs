//! CSV files read back with the csv crate give the same tables, cell for cell.

use std::sync::OnceLock;

use dateline_core::{Plugin, Sink, SinkRecord};
use dateline_csv::{CsvConfig, CsvSink};
use dateline_tables::TABLES;

#[test]
fn every_table_round_trips_through_the_csv_crate() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dateline_testkit::enriched_records();
    let config = CsvConfig {
        dir: "tables".into(),
        include_record: true,
    };
    let mut sink = CsvSink::new(
        config,
        &dateline_testkit::DirectHost(dir.path().to_path_buf()),
    )
    .unwrap();
    for doc in &docs {
        let json = serde_json::to_string(doc).unwrap();
        sink.write(&SinkRecord::new(&json, &OnceLock::from(doc.clone())))
            .unwrap();
    }
    sink.finish().unwrap();
    drop(sink);

    let expected: Vec<dateline_tables::Rows> = docs
        .iter()
        .map(|d| dateline_tables::rows_with_json(d, Some(&serde_json::to_string(d).unwrap())))
        .collect();
    for (index, table) in TABLES.iter().enumerate() {
        let path = dir
            .path()
            .join("tables")
            .join(format!("{}.csv", table.name));
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let columns: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        assert_eq!(header, columns, "{}", table.name);
        let read: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        let want: Vec<Vec<String>> = expected
            .iter()
            .flat_map(|rows| rows.by_table()[index].1.to_vec())
            .map(|row| row.iter().map(|cell| cell.to_text()).collect())
            .collect();
        assert_eq!(read, want, "{}", table.name);
    }
    // Quotes, commas and blank lines inside cells survive.
    let articles = std::fs::read_to_string(dir.path().join("tables/articles.csv")).unwrap();
    assert!(articles.contains("\"\"quotes\"\" & ampersands"));
}
