//! Properties of records that the cache, the shard merge and the golden files rely on.

use dateline_core::text::strip_controls;
use dateline_core::{Document, Geo, Source};
use proptest::prelude::*;

fn document(headline: String, paragraphs: Vec<String>, lat: f64, lon: f64) -> Document {
    let mut doc = Document::new(Source::new("in/a.txt", 0, "text"));
    doc.headline = Some(headline);
    doc.set_body(paragraphs);
    doc.extra.insert(
        "geo".into(),
        serde_json::to_value(Geo {
            lat,
            lon,
            country: None,
            geonames_id: None,
        })
        .unwrap(),
    );
    doc
}

proptest! {
    /// A record read back from its JSON line writes the same line: what the cache replays
    /// and what a merge of shards feeds the sinks is what a run made.
    #[test]
    fn a_record_survives_its_json_line(
        headline in "\\PC*",
        paragraphs in proptest::collection::vec("\\PC{0,40}", 0..6),
        lat in -90.0f64..90.0,
        lon in proptest::num::f64::ANY,
    ) {
        let lon = if lon.is_finite() { lon } else { 0.0 };
        let doc = document(headline, paragraphs, lat, lon);
        let line = serde_json::to_string(&doc).unwrap();
        let back: Document = serde_json::from_str(&line).unwrap();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), line);
    }

    /// Paragraph offsets are code point ranges inside the body, in order, each slicing out
    /// exactly its paragraph.
    #[test]
    fn paragraph_offsets_slice_the_body(paragraphs in proptest::collection::vec("\\PC{0,30}", 0..8)) {
        let doc = document(String::new(), paragraphs.clone(), 0.0, 0.0);
        let chars: Vec<char> = doc.body.chars().collect();
        prop_assert_eq!(doc.paragraphs.len(), paragraphs.len());
        for (range, paragraph) in doc.paragraphs.iter().zip(&paragraphs) {
            prop_assert!(range[0] <= range[1] && range[1] <= chars.len());
            let sliced: String = chars[range[0]..range[1]].iter().collect();
            prop_assert_eq!(&sliced, paragraph);
        }
    }

    /// Stripping control characters leaves none but line feeds and tabs, keeps everything
    /// else in order, and is idempotent.
    #[test]
    fn strip_controls_keeps_the_rest(text in any::<String>()) {
        let stripped = strip_controls(&text);
        prop_assert!(!stripped.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
        let kept: String = text.chars().filter(|&c| !c.is_control() || c == '\n' || c == '\t').collect();
        prop_assert_eq!(stripped.as_ref(), kept.as_str());
        let again = strip_controls(&stripped).into_owned();
        prop_assert_eq!(again.as_str(), stripped.as_ref());
    }
}
