//! `cargo xtask teams`: the sports teams the entity recognizer knows by name, counted
//! over CoNLL-2003 train's sports reports (its labels; never valid or test), written to
//! plugins/enrich/entities/data/teams.txt.
//!
//! A report of sport names its clubs by a word that is often a given name or a town
//! ("Chelsea", "Southampton"), and the tagger, which reads a sentence at a time, may
//! take a club that "brought on striker Didier Drogba" for a person. A name is listed
//! when CoNLL-2003 train's sports reports (those whose headline opens with a sport:
//! "SOCCER - ...") label it an organization at least [`MIN_AS_TEAM`] times and in at
//! least [`MIN_TEAM_SHARE`] of their uses of it, and a person in at most
//! [`MAX_PERSON_SHARE`] ("Jordan", a team of motor racing and a player of basketball,
//! is not listed; "Chelsea", a person in the news of the day and a club in its sports
//! reports, is). The recognizer reads the list in sports reports only, and not for a
//! name the document gives a person in full. The list inherits CoNLL-2003's research-use
//! terms, as the tagger trained on it does.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use crate::ner::{Document, gold_spans, read_conll};
use crate::paths;

/// Fewest uses as an organization in sports reports.
const MIN_AS_TEAM: u32 = 2;
/// Least share of a name's uses in sports reports that are an organization's: a town
/// that is a venue as often as a club ("at Milwaukee") is left out.
const MIN_TEAM_SHARE: f64 = 0.8;
/// Largest share of a name's uses in sports reports that are a person's.
const MAX_PERSON_SHARE: f64 = 0.1;

/// The first words of a CoNLL-2003 headline that name a sport ("SOCCER - JAPAN GET
/// LUCKY WIN", "ICE HOCKEY - NHL RESULTS").
const SPORTS: [&str; 30] = [
    "SOCCER",
    "CRICKET",
    "TENNIS",
    "GOLF",
    "RUGBY",
    "BASEBALL",
    "BASKETBALL",
    "ICE",
    "NFL",
    "NBA",
    "NHL",
    "ATHLETICS",
    "CYCLING",
    "MOTOR",
    "MOTORCYCLING",
    "HORSE",
    "BOXING",
    "SQUASH",
    "BADMINTON",
    "SKIING",
    "SWIMMING",
    "ROWING",
    "SAILING",
    "YACHTING",
    "OLYMPICS",
    "HOCKEY",
    "AMERICAN",
    "SPORTS",
    "FOOTBALL",
    "VOLLEYBALL",
];

/// Whether a document reports sport: its headline opens with one.
fn is_sports_report(document: &Document) -> bool {
    document
        .first()
        .and_then(|s| s.tokens.first())
        .is_some_and(|w| SPORTS.contains(&w.as_str()))
}

/// Per name (its words, lower case, joined by spaces): uses by type in sports reports,
/// types indexed PER, ORG, LOC, MISC.
type Counts = BTreeMap<String, [u32; 4]>;

fn count(documents: &[Document]) -> Counts {
    let mut counts = Counts::new();
    for document in documents {
        if !is_sports_report(document) {
            continue;
        }
        for sentence in document {
            for (start, end, kind) in gold_spans(&sentence.labels) {
                let Some(k) = ["PER", "ORG", "LOC", "MISC"]
                    .iter()
                    .position(|t| *t == kind)
                else {
                    continue;
                };
                let name = sentence.tokens[start..end]
                    .iter()
                    .map(|t| t.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                counts.entry(name).or_default()[k] += 1;
            }
        }
    }
    counts
}

/// The names the counts make teams, sorted.
fn teams(counts: &Counts) -> Vec<&str> {
    counts
        .iter()
        .filter(|(_, uses)| {
            let all = f64::from(uses.iter().sum::<u32>());
            uses[1] >= MIN_AS_TEAM
                && f64::from(uses[1]) >= MIN_TEAM_SHARE * all
                && f64::from(uses[0]) <= MAX_PERSON_SHARE * all
        })
        .map(|(name, _)| name.as_str())
        .collect()
}

/// Counts CoNLL-2003 train and writes the list (`check`: compares it with the committed
/// one).
pub fn run(corpus: &Path, check: bool) -> Result<()> {
    let documents = read_conll(&corpus.join("conll2003-en/train.txt"))?;
    let counts = count(&documents);
    let listed = teams(&counts);
    let mut text = format!(
        "# Sports teams: names CoNLL-2003 train's sports reports label an organization (at least {MIN_AS_TEAM} times, in {:.0}% of their uses or more) and seldom a person.\n\
         # Made by `cargo xtask teams` from CoNLL-2003 train (Reuters RCV1 text, research use); do not edit.\n",
        MIN_TEAM_SHARE * 100.0
    );
    for name in &listed {
        text.push_str(name);
        text.push('\n');
    }
    let path = paths::repo_root().join("plugins/enrich/entities/data/teams.txt");
    if paths::write_or_check(&path, &text, check, "cargo xtask teams")? {
        println!("{} teams -> {}", listed.len(), path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Sentence;

    fn sentence(words: &[(&str, &str)]) -> Sentence {
        Sentence {
            tokens: words.iter().map(|(w, _)| w.to_string()).collect(),
            labels: words.iter().map(|(_, l)| l.to_string()).collect(),
        }
    }

    #[test]
    fn a_club_of_sports_reports_is_a_team_and_a_venue_or_a_player_is_not() {
        let report = vec![
            sentence(&[("SOCCER", "O"), ("-", "O"), ("RESULTS", "O")]),
            sentence(&[("Chelsea", "B-ORG"), ("beat", "O"), ("Milwaukee", "B-LOC")]),
            sentence(&[
                ("Chelsea", "B-ORG"),
                ("won", "O"),
                ("at", "O"),
                ("Milwaukee", "B-LOC"),
            ]),
            sentence(&[("Milwaukee", "B-ORG"), ("lost", "O")]),
            sentence(&[("Jordan", "B-ORG"), ("and", "O"), ("Jordan", "B-ORG")]),
            sentence(&[("Jordan", "B-PER"), ("scored", "O")]),
        ];
        // Outside sports reports a name may be anyone's.
        let news = vec![
            sentence(&[("POLITICS", "O"), ("-", "O"), ("VISIT", "O")]),
            sentence(&[("Chelsea", "B-PER"), ("said", "O")]),
            sentence(&[("Chelsea", "B-PER"), ("said", "O")]),
        ];
        let counts = count(&[report, news]);
        assert_eq!(teams(&counts), ["chelsea"]);
    }
}
