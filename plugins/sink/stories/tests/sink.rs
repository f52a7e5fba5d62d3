//! The `stories` sink on a small corpus with the cases that matter: copies of one wire
//! story, two earthquakes in the same week, the same kind of event months apart, and an
//! unrelated story.

use std::sync::OnceLock;

use dateline_core::{Document, EntityType, Plugin, Sink, SinkRecord};
use dateline_stories_sink::{StoriesConfig, StoriesSink};
use dateline_testkit::{Builder, DirectHost};

const CHILE: &str = "A magnitude 7.1 earthquake struck off the coast of central Chile early on Sunday, \
    shaking buildings in Valparaiso and Santiago and cutting power to thousands of homes. \
    President Gabriel Boric said emergency teams were assessing damage along the coast.";
const CHILE_MORE: &str = "The navy lifted a tsunami warning for the Chilean coast after waves of less \
    than a metre reached Valparaiso. Boric said two people had died in collapsed houses.";
const CHILE_LATER: &str = "A magnitude 6.4 earthquake shook central Chile on Monday, damaging houses \
    in Valparaiso and Santiago and cutting power along the coast. President Gabriel Boric said rescue \
    teams were searching collapsed buildings for survivors.";
const JAPAN: &str = "A magnitude 6.8 earthquake struck off northeastern Japan on Tuesday, shaking \
    buildings in Sendai and halting bullet trains. Prime Minister Shigeru Ishiba said nuclear plants \
    in Miyagi reported no damage.";
const JAPAN_MORE: &str = "Railway operators resumed bullet train services from Sendai after checking \
    the tracks, and Ishiba told reporters that power had returned to most homes in Miyagi.";
const RATES: &str = "The central bank raised its main interest rate by a quarter point on Thursday, \
    citing stubborn inflation in services. Governor Andrew Bailey said borrowing costs would stay high \
    while wages grew quickly.";
const RATES_MORE: &str = "Mortgage lenders said they would pass on the rise in the interest rate at once. \
    Bailey told a news conference that inflation in services remained too strong.";

fn chile(uri: &str, published: &str, lead: &str, extra: &[&str]) -> Document {
    let mut paragraphs = vec![lead];
    paragraphs.extend_from_slice(extra);
    Builder::new(uri, "Strong earthquake shakes central Chile", &paragraphs)
        .dated(published, "Santiago")
        .entity(EntityType::Place, "Chile", &["Chile"])
        .entity(EntityType::Place, "Valparaiso", &["Valparaiso"])
        .entity(EntityType::Place, "Santiago", &["Santiago"])
        .entity(EntityType::Person, "Gabriel Boric", &["Gabriel Boric"])
        .build()
}

fn corpus() -> Vec<Document> {
    vec![
        chile("wire/chile.txt", "2025-03-02T08:00:00Z", CHILE, &[]),
        Builder::new(
            "news/rates.txt",
            "Central bank raises interest rate",
            &[RATES],
        )
        .dated("2025-03-06T12:00:00Z", "London")
        .entity(EntityType::Person, "Andrew Bailey", &["Andrew Bailey"])
        .build(),
        chile("copy/chile.txt", "2025-03-02T09:30:00Z", CHILE, &[]),
        Builder::new(
            "wire/japan.txt",
            "Earthquake shakes northeastern Japan",
            &[JAPAN],
        )
        .dated("2025-03-04T03:00:00Z", "Tokyo")
        .entity(EntityType::Place, "Japan", &["Japan"])
        .entity(EntityType::Place, "Sendai", &["Sendai"])
        .entity(EntityType::Place, "Miyagi", &["Miyagi"])
        .entity(EntityType::Person, "Shigeru Ishiba", &["Shigeru Ishiba"])
        .build(),
        chile(
            "update/chile.txt",
            "2025-03-03T07:00:00Z",
            CHILE,
            &[CHILE_MORE],
        ),
        Builder::new(
            "news/japan.txt",
            "Bullet trains run again after Japan quake",
            &[JAPAN_MORE, JAPAN],
        )
        .dated("2025-03-05T01:00:00Z", "Tokyo")
        .entity(EntityType::Place, "Japan", &["Japan"])
        .entity(EntityType::Place, "Sendai", &["Sendai"])
        .entity(EntityType::Place, "Miyagi", &["Miyagi"])
        .entity(EntityType::Person, "Shigeru Ishiba", &["Ishiba"])
        .build(),
        Builder::new(
            "news/lenders.txt",
            "Lenders pass on rate rise",
            &[RATES_MORE, RATES],
        )
        .dated("2025-03-07T09:00:00Z", "London")
        .entity(EntityType::Person, "Andrew Bailey", &["Bailey"])
        .build(),
        // The same place and people, much the same words, three months later: another
        // earthquake.
        chile("later/chile.txt", "2025-06-10T08:00:00Z", CHILE_LATER, &[]),
    ]
}

fn run(docs: &[Document]) -> Vec<serde_json::Value> {
    run_with(docs, None)
}

fn run_with(docs: &[Document], window_days: Option<u32>) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let config = StoriesConfig {
        path: "stories.jsonl".into(),
        window_days,
        story_threshold: None,
    };
    let mut sink = StoriesSink::new(config, &DirectHost(dir.path().to_path_buf())).unwrap();
    for doc in docs {
        let json = serde_json::to_string(doc).unwrap();
        sink.write(&SinkRecord::new(&json, &OnceLock::from(doc.clone())))
            .unwrap();
    }
    sink.finish().unwrap();
    drop(sink);
    std::fs::read_to_string(dir.path().join("stories.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn records(story: &serde_json::Value) -> Vec<&str> {
    story["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect()
}

#[test]
fn copies_and_rewrites_are_one_story_and_other_events_are_not() {
    let stories = run(&corpus());
    let groups: Vec<Vec<&str>> = stories.iter().map(records).collect();
    assert_eq!(
        groups,
        [
            vec!["wire/chile.txt#0", "copy/chile.txt#0", "update/chile.txt#0"],
            vec!["news/rates.txt#0", "news/lenders.txt#0"],
            vec!["wire/japan.txt#0", "news/japan.txt#0"],
            vec!["later/chile.txt#0"],
        ],
        "{stories:#?}"
    );
    let chile = &stories[0];
    assert_eq!(chile["story"], "s1");
    assert_eq!(chile["headline"], "Strong earthquake shakes central Chile");
    assert_eq!(chile["first_seen"], "2025-03-02");
    assert_eq!(chile["last_seen"], "2025-03-03");
    assert_eq!(chile["entities"], serde_json::json!(["Gabriel Boric"]));
    assert_eq!(chile["places"][0], "Chile");
}

#[test]
fn every_record_is_in_exactly_one_story_and_the_output_is_stable() {
    let docs = corpus();
    let stories = run(&docs);
    let mut seen: Vec<&str> = stories.iter().flat_map(records).collect();
    seen.sort_unstable();
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(seen, ids);
    assert_eq!(run(&docs), stories);
}

#[test]
fn a_run_without_records_writes_an_empty_file() {
    assert!(run(&[]).is_empty());
}

#[test]
fn time_is_what_keeps_the_later_earthquake_apart() {
    let stories = run_with(&corpus(), Some(365));
    assert!(
        stories
            .iter()
            .map(records)
            .any(|r| r.contains(&"wire/chile.txt#0") && r.contains(&"later/chile.txt#0")),
        "{stories:#?}"
    );
}
