//! The events enricher end to end: the seed's meetings, warning and accusations, each with
//! its participants resolved to entities, its place, its time and its sentence.

use crate::support::*;

fn by_id<'a>(record: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
}

/// The entity name an argument resolves to, or "" when unresolved.
fn party(record: &serde_json::Value, argument: &serde_json::Value) -> String {
    argument["entity"]
        .as_str()
        .and_then(|id| by_id(record, id))
        .map_or(String::new(), |e| e["name"].as_str().unwrap().to_string())
}

/// Events with this type and trigger: (source entity, target entity, place entity, time value, evidence).
fn events(
    record: &serde_json::Value,
    kind: &str,
    trigger: &str,
) -> Vec<(String, String, String, String, String)> {
    let body: Vec<char> = record["body"].as_str().unwrap().chars().collect();
    record["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == kind && e["trigger"]["text"] == trigger && e["field"].is_null())
        .map(|e| {
            let [s, t] =
                [&e["evidence"][0], &e["evidence"][1]].map(|v| v.as_u64().unwrap() as usize);
            (
                party(record, &e["source"]),
                party(record, &e["target"]),
                party(record, &e["place"]),
                e["time"]["value"].as_str().unwrap_or("").to_string(),
                body[s..t].iter().collect(),
            )
        })
        .collect()
}

#[test]
fn the_seed_meetings_warning_and_accusations_are_events() {
    let Some(records) = seed_records(&["entities", "times", "quotes", "events"]) else {
        return;
    };

    // "Separately, Major General Bagheri met Pakistan's army chief at the General
    // Headquarters in Rawalpindi": the army chief is Asim Munir, through his role.
    let met = events(&records[0], "consult", "met");
    assert!(
        met.iter()
            .any(|(s, t, p, time, evidence)| s == "Mohammad Bagheri"
                && t == "Asim Munir"
                && p == "Rawalpindi"
                && time == "2025-01-20"
                && evidence.starts_with("Separately, Major General Bagheri met")),
        "{met:#?}"
    );

    // "the general held separate meetings with Pakistan's President Asif Ali Zardari, Defense
    // Minister Khawaja Asif and Army Chief Asim Munir": three frames, one per conjunct.
    let meetings = events(&records[0], "consult", "meetings");
    for person in ["Asif Ali Zardari", "Khawaja Asif"] {
        assert!(
            meetings
                .iter()
                .any(|(s, t, _, time, _)| s == "Mohammad Bagheri"
                    && t == person
                    && time == "2025-01-20"),
            "{person}: {meetings:#?}"
        );
    }
    assert_eq!(meetings.len(), 3, "{meetings:#?}");

    // The lead's talks happened where the story is filed.
    let talks = events(&records[0], "consult", "talks");
    assert!(
        talks
            .iter()
            .any(|(s, _, p, _, _)| s == "Mohammad Bagheri" && p == "Islamabad"),
        "{talks:#?}"
    );

    // "The military spokesperson warned Khan and his party against criticizing the military."
    let warned = events(&records[1], "threaten", "warned");
    assert!(
        warned
            .iter()
            .any(|(s, t, _, _, _)| s == "Ahmed Sharif Chaudhry" && t == "Imran Khan"),
        "{warned:#?}"
    );

    // "He blames the military and the incumbent government for keeping him in solitary
    // confinement": Khan accuses.
    let blames = events(&records[1], "accuse", "blames");
    assert!(
        blames
            .iter()
            .any(|(s, _, _, _, evidence)| s == "Imran Khan"
                && evidence.contains("solitary confinement")),
        "{blames:#?}"
    );

    // Every event's spans slice the body to their text.
    for record in &records {
        let body: Vec<char> = record["body"].as_str().unwrap().chars().collect();
        for event in record["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["field"].is_null())
        {
            for part in ["trigger", "source", "target", "place", "time"] {
                let span = &event[part];
                if span.is_null() {
                    continue;
                }
                let [s, e] = [&span["start"], &span["end"]].map(|v| v.as_u64().unwrap() as usize);
                let text: String = body[s..e].iter().collect();
                assert_eq!(text, span["text"].as_str().unwrap(), "{part} of {event}");
            }
        }
    }
}
