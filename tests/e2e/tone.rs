//! The tone and topics enrichers end to end on the seed: the military's words about Imran
//! Khan read against him while the article reads only mildly negative, and both articles
//! are about politics.

use crate::support::*;

fn entity_tone(record: &serde_json::Value, name: &str) -> f64 {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("an entity {name}"))["tone"]["score"]
        .as_f64()
        .unwrap_or_else(|| panic!("a tone toward {name}"))
}

#[test]
fn the_seed_reads_against_khan_and_is_about_politics() {
    let Some(records) = seed_records(&["entities", "times", "quotes", "events", "tone", "topics"])
    else {
        return;
    };
    assert_eq!(records.len(), 2);

    let khan = &records[1];
    let article = khan["tone"]["score"].as_f64().unwrap();
    assert!(
        (-0.6..0.0).contains(&article),
        "the article reads mildly negative: {article}"
    );
    let toward_khan = entity_tone(khan, "Imran Khan");
    assert!(
        toward_khan < -0.5 && toward_khan < article,
        "the words about Khan read against him: {toward_khan} (article {article})"
    );
    let tone = &khan["tone"];
    let shares = tone["positive"].as_f64().unwrap() + tone["negative"].as_f64().unwrap();
    assert!((shares - tone["polarity"].as_f64().unwrap()).abs() < 1e-3);
    assert!(tone["words"].as_u64().unwrap() > 300);

    for record in &records {
        let topics = record["topics"].as_array().unwrap();
        assert_eq!(topics[0]["code"], "medtop:11000000", "{topics:?}");
        assert_eq!(topics[0]["label"], "politics");
        let scores: Vec<f64> = topics
            .iter()
            .map(|t| t["score"].as_f64().unwrap())
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "best first: {scores:?}"
        );
        assert_eq!(record["provenance"]["topics"], "topics@0.1.0");
        assert_eq!(record["provenance"]["entities"], "entities@0.1.0");
    }
}
