//! Frames read from the shipped parser on sentences of each shape the enricher handles.

use dateline_core::EventMode;
use dateline_events::frames::{Frame, Sentence, referent};
use dateline_events::{Analysis, sentence_frames};
use dateline_syntax::Syntax;

/// (trigger, type, source word, target word, mode, negated) of every frame.
fn frames(text: &str) -> Vec<(String, &'static str, String, String, EventMode, bool)> {
    let syntax = Syntax::shipped().expect("the shipped models load");
    let tokens = dateline_syntax::tokenize::tokens(text);
    let words: Vec<String> = tokens
        .iter()
        .map(|t| text[t.start..t.end].to_string())
        .collect();
    let (sentence, found) = sentence_frames(syntax, words, Analysis::Parse);
    found.iter().map(|f| describe(&sentence, f)).collect()
}

fn describe(
    s: &Sentence<'_>,
    f: &Frame,
) -> (String, &'static str, String, String, EventMode, bool) {
    let word = |w: Option<usize>| w.map_or(String::new(), |w| s.forms[referent(s, w)].clone());
    (
        s.forms[f.trigger].clone(),
        f.kind,
        word(f.source),
        word(f.target),
        f.mode,
        f.negated,
    )
}

fn has(
    found: &[(String, &'static str, String, String, EventMode, bool)],
    trigger: &str,
    kind: &str,
    source: &str,
    target: &str,
) -> bool {
    found
        .iter()
        .any(|f| f.0 == trigger && f.1 == kind && f.2 == source && f.3 == target)
}

#[test]
fn a_passive_takes_its_agent_as_source() {
    let found = frames("The embassy was attacked by militants on Sunday.");
    assert!(
        has(&found, "attacked", "assault", "militants", "embassy"),
        "{found:?}"
    );
}

#[test]
fn coordinated_subjects_make_one_frame_each_and_control_passes_them_on() {
    let found = frames("Kenya and Tanzania agreed to set up a joint commission.");
    assert!(has(&found, "agreed", "agree", "Kenya", ""), "{found:?}");
    assert!(has(&found, "agreed", "agree", "Tanzania", ""), "{found:?}");
    // "agreed to set up": Kenya sets up, and that is planned.
    let set = found
        .iter()
        .find(|f| f.0 == "set" && f.2 == "Kenya")
        .expect("a frame for set up");
    assert_eq!(set.3, "commission");
    assert_eq!(set.4, EventMode::Planned);
}

#[test]
fn negation_mode_and_reported_speech_come_from_the_clause() {
    let attend = frames("The minister did not attend the summit.");
    assert!(attend.iter().any(|f| f.0 == "attend" && f.5), "{attend:?}");
    let visit = frames("The president will visit Japan next week.");
    assert!(
        visit
            .iter()
            .any(|f| f.0 == "visit" && f.1 == "consult" && f.4 == EventMode::Planned),
        "{visit:?}"
    );
    let attacked = frames("Officials said rebels attacked the convoy.");
    assert!(
        attacked
            .iter()
            .any(|f| f.0 == "attacked" && f.2 == "rebels" && f.4 == EventMode::Reported),
        "{attacked:?}"
    );
}

#[test]
fn a_relative_pronoun_refers_to_its_antecedent() {
    let found = frames("Police arrested the man who threatened the mayor.");
    assert!(
        has(&found, "arrested", "coerce", "Police", "man"),
        "{found:?}"
    );
    assert!(
        has(&found, "threatened", "threaten", "man", "mayor"),
        "{found:?}"
    );
}

#[test]
fn a_light_verb_carries_an_event_noun() {
    let found = frames("The ambassador held talks with the minister on Monday.");
    assert!(
        has(&found, "talks", "consult", "ambassador", "minister"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.0 == "held"),
        "the light verb makes no frame: {found:?}"
    );
}
