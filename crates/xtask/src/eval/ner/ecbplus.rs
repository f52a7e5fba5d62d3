//! ECB+ (topics 1-35) read for names: news from many outlets of the 2000s and 2010s, a
//! style apart from Reuters 1996 and from Wikinews. ECB+ annotates the participants of
//! its chosen events only, as MEANTIME annotates its chosen entities, and in the same
//! CAT XML, so it is scored as MEANTIME is (see [`super::score_meantime`]): an entity
//! found over no annotated mention is not judged. A mention there may anchor part of a
//! name ("Navy" of "the Indian Navy"), so a found name of its type that overlaps it is it.
//!
//! ECB+ does not say which mentions are names. A participant mention (`HUMAN_PART_PER`,
//! `HUMAN_PART_ORG`, `HUMAN_PART_GPE`, `LOC_GEO`) counts as a named one when, past the
//! lower-case words that lead it ("the", "in"), every word is capitalized or joins such
//! words ("of", "de", "&", "-", "."), no word is a pronoun, and a single word that opens
//! its sentence is also written capitalized inside some sentence of the article (so
//! "Police said" is no name). In a headline in title case every capitalized word of a
//! named mention must be written so in the running text ("Teen Charged With Murder"
//! names no one). Its type: a person, an organization, a place (a country
//! acting, `HUMAN_PART_GPE`, is a place as CoNLL and MEANTIME type it). The first
//! sentence of an `ecbplus` article is its page address: left out. A named facility
//! (`LOC_FAC`) is a place to CoNLL and as often an organization, and ECB+ says neither:
//! what is found over one is not judged.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};

use super::Meantime;

/// Reads every article of ECB+ under `dir` (its topic folders).
pub fn read_dir(dir: &Path) -> Result<Vec<Meantime>> {
    crate::eval::ecbplus_articles(dir)?
        .iter()
        .map(|f| read(f))
        .collect()
}

/// Reads one ECB+ article.
pub fn read(path: &Path) -> Result<Meantime> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let xml =
        roxmltree::Document::parse(&text).with_context(|| format!("parsing {}", path.display()))?;
    let skip_first = path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with("ecbplus.xml"));
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut position: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut current = None;
    for token in xml.descendants().filter(|n| n.has_tag_name("token")) {
        let sentence = token.attribute("sentence").unwrap_or_default();
        if skip_first && sentence == "0" {
            continue;
        }
        if current != Some(sentence) {
            sentences.push(Vec::new());
            current = Some(sentence);
        }
        let s = sentences.len() - 1;
        if let Some(id) = token.attribute("t_id") {
            position.insert(id, (s, sentences[s].len()));
        }
        sentences[s].push(token.text().unwrap_or_default().to_string());
    }
    // Words written capitalized somewhere other than a sentence's start, in running
    // text (not a headline in title case).
    let titled: Vec<bool> = sentences.iter().map(|s| title_cased(s)).collect();
    let capitalized_inside: HashSet<&str> = sentences
        .iter()
        .zip(&titled)
        .filter(|(_, titled)| !**titled)
        .flat_map(|(s, _)| s.iter().skip(1))
        .filter(|w| starts_upper(w))
        .map(String::as_str)
        .collect();
    // Which entity a mention refers to: the instance its coreference relation points to.
    let mut refers: HashMap<&str, &str> = HashMap::new();
    for relation in xml
        .descendants()
        .filter(|n| n.has_tag_name("CROSS_DOC_COREF") || n.has_tag_name("INTRA_DOC_COREF"))
    {
        let ends = |tag: &'static str| {
            relation
                .children()
                .filter(move |c| c.has_tag_name(tag))
                .filter_map(|c| c.attribute("m_id"))
        };
        if let Some(target) = ends("target").next() {
            for source in ends("source") {
                refers.insert(source, target);
            }
        }
    }
    let mut gold = Vec::new();
    let mut gold_entity = Vec::new();
    let mut annotated = Vec::new();
    for mention in xml.descendants().filter(|n| n.is_element()) {
        let tag = mention.tag_name().name();
        // A facility ("Stade de Suisse", "Morningside Recovery") is a place to CoNLL and
        // an organization as often; ECB+ says neither: its mentions are not judged.
        let participant = tag.starts_with("HUMAN_PART")
            || tag.starts_with("NON_HUMAN_PART")
            || (tag.starts_with("LOC_") && tag != "LOC_FAC");
        if !participant {
            continue;
        }
        let anchors: Vec<(usize, usize)> = mention
            .children()
            .filter(|c| c.has_tag_name("token_anchor"))
            .filter_map(|c| position.get(c.attribute("t_id")?).copied())
            .collect();
        let (Some(&first), Some(&last)) = (anchors.first(), anchors.last()) else {
            continue;
        };
        if first.0 != last.0 || last.1 < first.1 {
            continue;
        }
        let (s, start, end) = (first.0, first.1, last.1 + 1);
        let kind = match tag {
            "HUMAN_PART_PER" => "PER",
            "HUMAN_PART_ORG" => "ORG",
            "HUMAN_PART_GPE" | "LOC_GEO" => "LOC",
            _ => {
                annotated.push((s, start, end));
                continue;
            }
        };
        match named_part(&sentences[s], start, end, &capitalized_inside) {
            Some((a, b))
                if !titled[s]
                    || sentences[s][a..b]
                        .iter()
                        .filter(|w| starts_upper(w))
                        .all(|w| capitalized_inside.contains(w.as_str())) =>
            {
                annotated.push((s, start, end));
                gold.push((s, a, b, kind.to_string()));
                let id = mention.attribute("m_id");
                gold_entity.push(id.and_then(|id| refers.get(id)).map(|e| e.to_string()));
            }
            // Capitalized in a title-case headline only: a name or a noun, unknown, so
            // what is found over it is not judged.
            Some(_) if titled[s] => {}
            _ => annotated.push((s, start, end)),
        }
    }
    Ok(Meantime {
        sentences,
        gold,
        gold_entity,
        annotated,
        linked_places: Vec::new(),
        whole_spans: false,
    })
}

/// The name a mention's words `start..end` of `sentence` make, past its lower-case lead
/// words and trailing punctuation, if every word is part of a name (see the module's
/// documentation).
fn named_part(
    sentence: &[String],
    start: usize,
    end: usize,
    capitalized_inside: &HashSet<&str>,
) -> Option<(usize, usize)> {
    let mut a = start;
    while a < end && !starts_upper(&sentence[a]) {
        if !sentence[a].chars().all(char::is_lowercase) {
            return None;
        }
        a += 1;
    }
    let mut b = end;
    while b > a && sentence[b - 1].chars().all(|c| c.is_ascii_punctuation()) {
        b -= 1;
    }
    if a == b {
        return None;
    }
    let words = &sentence[a..b];
    let joins = |w: &str| {
        matches!(
            w,
            "of" | "the"
                | "de"
                | "du"
                | "la"
                | "van"
                | "von"
                | "al"
                | "bin"
                | "&"
                | "-"
                | "."
                | ","
                | "'s"
        )
    };
    if !words.iter().all(|w| starts_upper(w) || joins(w)) || !starts_upper(&words[0]) {
        return None;
    }
    if words
        .iter()
        .any(|w| PRONOUNS.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    if words.len() == 1 && a == 0 && !capitalized_inside.contains(words[0].as_str()) {
        return None;
    }
    Some((a, b))
}

/// Whether a sentence is written in title case: four in five of its longer words capitalized
/// ("Obama Picks Alabama Doctor as Surgeon General"). A name there is told from a
/// capitalized noun only by the running text.
fn title_cased(sentence: &[String]) -> bool {
    let long: Vec<&String> = sentence
        .iter()
        .filter(|w| w.chars().count() > 3 && w.chars().all(char::is_alphabetic))
        .collect();
    long.len() >= 3 && long.iter().filter(|w| starts_upper(w)).count() * 5 >= long.len() * 4
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

const PRONOUNS: &[&str] = &[
    "i", "i'm", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
    "it", "its", "they", "them", "their", "who", "whom", "whose", "which", "that", "this", "these",
    "those", "there", "here", "where", "one", "someone", "everyone",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(String::from).collect()
    }

    #[test]
    fn a_name_is_the_capitalized_words_past_the_lead() {
        let inside = HashSet::new();
        let s = words("He was seen in the Porta Nuova district of Palermo .");
        // "in Palermo"-like: lead words dropped.
        assert_eq!(named_part(&s, 9, 11, &inside), Some((9, 10)));
        // A description with lower-case words is no name.
        assert_eq!(named_part(&s, 4, 10, &inside), None);
        // A pronoun is no name.
        assert_eq!(named_part(&s, 0, 1, &inside), None);
    }

    #[test]
    fn a_headline_in_title_case_is_told_apart() {
        assert!(title_cased(&words(
            "Obama Picks Alabama Doctor as Surgeon General"
        )));
        assert!(!title_cased(&words(
            "Obama picked an Alabama doctor on Monday ."
        )));
    }

    #[test]
    fn a_single_word_opening_its_sentence_must_be_capitalized_elsewhere() {
        let s = words("Police said Lohan left .");
        let none = HashSet::new();
        assert_eq!(named_part(&s, 0, 1, &none), None);
        let inside: HashSet<&str> = ["Police"].into_iter().collect();
        assert_eq!(named_part(&s, 0, 1, &inside), Some((0, 1)));
        assert_eq!(named_part(&s, 2, 3, &none), Some((2, 3)));
    }
}
