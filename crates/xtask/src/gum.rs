//! GUM's entity annotation read as named entities, for `eval ner` (GUM dev) and
//! `train-ner --with-gum` (GUM train).
//!
//! GUM marks every mention in its MISC column (`Entity=(12-person-...` opens mention 12,
//! `12)` closes it) with one of ten types; it does not say which mentions are names.
//! Here a mention is a name when its syntactic head (the one word of the span whose head
//! lies outside it) is a proper noun; its span is the mention without the words at
//! either edge that are not proper nouns ("the University of Portsmouth" gives
//! "University of Portsmouth"), and only the outermost name counts ("England" inside "the
//! Bank of England" is not a place of its own). Types map to CoNLL's: person PER,
//! organization ORG, place LOC, event, object, abstract and substance MISC; a plural
//! person name ("Americans") is MISC, as CoNLL-2003 writes nationalities. GUM's other
//! types (time, animal, plant) are not names in CoNLL's sense.

use std::path::Path;

use anyhow::{Context, Result};
use dateline_syntax::conllu::Word;

use crate::ner::Sentence;

/// A named PER, ORG or LOC mention: sentence, first word, end word, its head word, type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GumName {
    /// Sentence index in the document.
    pub sentence: usize,
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The mention's syntactic head, inside `start..end`.
    pub head: usize,
    /// PER, ORG or LOC.
    pub kind: &'static str,
}

/// A GUM document: its sentences with IOB2 labels in CoNLL's types (MISC included, for
/// training) and its named PER, ORG and LOC mentions with their heads (for scoring).
#[derive(Debug, Default)]
pub struct GumDocument {
    /// Tokens and labels.
    pub sentences: Vec<Sentence>,
    /// The names that are scored.
    pub names: Vec<GumName>,
    /// Proper nouns inside no name: in a mention headed by a common noun ("Palawan" in
    /// "the province of Palawan") or in none ("My name is Katie"): sentence, first word,
    /// end word. Whether they are names, and of what, GUM does not say.
    pub unsure: Vec<(usize, usize, usize)>,
}

/// Reads a GUM CoNLL-U file (gzip when the name ends in `.gz`) with the treebank reader.
pub fn read_gum(path: &Path) -> Result<Vec<GumDocument>> {
    let mut documents: Vec<GumDocument> = Vec::new();
    for (n, sentence) in crate::syntax::read_treebank(path)?.iter().enumerate() {
        if sentence.newdoc.is_some() || documents.is_empty() {
            documents.push(GumDocument::default());
        }
        // A mention left open at a sentence's end is not a name inside one sentence.
        let mut open: Vec<(String, usize, String)> = Vec::new();
        let mut mentions: Vec<(usize, usize, String)> = Vec::new();
        for (index, word) in sentence.words.iter().enumerate() {
            let Some(entity) = word
                .misc
                .split('|')
                .find_map(|field| field.strip_prefix("Entity="))
            else {
                continue;
            };
            read_entity(entity, index, &mut open, &mut mentions).with_context(|| {
                format!(
                    "{}: sentence {} ({}), word {}",
                    path.display(),
                    n + 1,
                    sentence.id,
                    index + 1
                )
            })?;
        }
        let document = documents.last_mut().expect("a document was pushed");
        add_sentence(document, &sentence.words, &mentions);
    }
    Ok(documents)
}

/// Reads one word's `Entity=` value: openings `(id-type-...` (closed on the same word
/// when followed by `)`) and closings `id)`.
fn read_entity(
    value: &str,
    index: usize,
    open: &mut Vec<(String, usize, String)>,
    mentions: &mut Vec<(usize, usize, String)>,
) -> Result<()> {
    let mut rest = value;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('(') {
            let end = after.find(['(', ')']).unwrap_or(after.len());
            let attributes = &after[..end];
            let mut parts = attributes.split('-');
            let id = parts.next().unwrap_or_default().to_string();
            let kind = parts
                .next()
                .context("a mention without a type")?
                .to_string();
            rest = &after[end..];
            if let Some(after) = rest.strip_prefix(')') {
                mentions.push((index, index + 1, kind));
                rest = after;
            } else {
                open.push((id, index, kind));
            }
        } else {
            let end = rest.find(')').context("a closing without ')'")?;
            let id = &rest[..end];
            let at = open
                .iter()
                .rposition(|(open_id, _, _)| open_id == id)
                .with_context(|| format!("mention {id} closed but not open"))?;
            let (_, start, kind) = open.remove(at);
            mentions.push((start, index + 1, kind));
            rest = &rest[end + 1..];
        }
    }
    Ok(())
}

fn conll_type(gum: &str) -> Option<&'static str> {
    match gum {
        "person" => Some("PER"),
        "organization" => Some("ORG"),
        "place" => Some("LOC"),
        "event" | "object" | "abstract" | "substance" => Some("MISC"),
        _ => None,
    }
}

fn add_sentence(document: &mut GumDocument, words: &[Word], mentions: &[(usize, usize, String)]) {
    let proper = |w: &Word| w.upos == "PROPN";
    // Named mentions: (start, end, head, type), trimmed to their proper nouns.
    let mut names: Vec<(usize, usize, usize, &'static str)> = Vec::new();
    for (start, end, kind) in mentions {
        let Some(mut kind) = conll_type(kind) else {
            continue;
        };
        let Some(head) = (*start..*end).find(|&i| {
            // CoNLL-U heads count from 1; 0 is the root, outside every span.
            let head = words[i].head;
            head == 0 || head - 1 < *start || head > *end
        }) else {
            continue;
        };
        if !proper(&words[head]) {
            continue;
        }
        let first = (*start..=head).find(|&i| proper(&words[i])).unwrap_or(head);
        let last = (head..*end)
            .rev()
            .find(|&i| proper(&words[i]))
            .unwrap_or(head);
        // A title and a name in apposition ("the King of Athens, Theseus") is two
        // mentions' worth of words, not one name: the names inside it stand.
        if words[first..=last]
            .iter()
            .any(|w| w.upos == "PUNCT" && w.form != "." && w.form != "&" && w.form != "-")
        {
            continue;
        }
        if kind == "PER" && words[head].xpos == "NNPS" {
            kind = "MISC";
        }
        names.push((first, last + 1, head, kind));
    }
    // A person's name holds no other name: "Emperor of the United States" is a title
    // and a place, as CoNLL-2003 marks it ("the Bank of England" is one organization).
    let holds_another = |outer: &(usize, usize, usize, &str)| {
        names
            .iter()
            .any(|n| n != outer && outer.0 <= n.0 && n.1 <= outer.1 && n.3 != "PER")
    };
    let titles: Vec<_> = names
        .iter()
        .copied()
        .filter(|n| n.3 == "PER" && holds_another(n))
        .collect();
    names.retain(|n| !titles.contains(n));
    // Outermost first: longer spans before the names inside them.
    names.sort_by_key(|&(start, end, _, _)| (start, std::cmp::Reverse(end)));
    let mut labels = vec!["O".to_string(); words.len()];
    let mut kept: Vec<(usize, usize, usize, &'static str)> = Vec::new();
    for name in names {
        if kept.iter().any(|k| k.0 < name.1 && name.0 < k.1) {
            continue;
        }
        kept.push(name);
    }
    for &(start, end, _, kind) in &kept {
        labels[start] = format!("B-{kind}");
        for label in &mut labels[start + 1..end] {
            *label = format!("I-{kind}");
        }
    }
    // Nationalities and other proper adjectives ("Spanish art") are MISC in CoNLL-2003;
    // GUM has no mention for them. A capitalized adjective after the first word is one.
    for (i, word) in words.iter().enumerate().skip(1) {
        if labels[i] == "O"
            && word.upos == "ADJ"
            && word.form.chars().next().is_some_and(char::is_uppercase)
        {
            labels[i] = "B-MISC".to_string();
        }
    }
    let sentence = document.sentences.len();
    // Proper nouns outside every name: GUM does not say what they are.
    let in_name = |i: usize| kept.iter().any(|k| k.0 <= i && i < k.1);
    let mut i = 0;
    while i < words.len() {
        if proper(&words[i]) && !in_name(i) {
            let start = i;
            while i < words.len() && proper(&words[i]) && !in_name(i) {
                i += 1;
            }
            document.unsure.push((sentence, start, i));
        } else {
            i += 1;
        }
    }
    document
        .names
        .extend(
            kept.iter()
                .filter(|k| k.3 != "MISC")
                .map(|&(start, end, head, kind)| GumName {
                    sentence,
                    start,
                    end,
                    head,
                    kind,
                }),
        );
    document.sentences.push(Sentence {
        tokens: words.iter().map(|w| w.form.clone()).collect(),
        labels,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(conllu: &str) -> Vec<GumDocument> {
        // A file of its own for each call: tests run in parallel threads of one process,
        // and a shared file would be read while another test writes it.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("gum-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("t{call}.conllu"));
        std::fs::write(&path, conllu).unwrap();
        read_gum(&path).unwrap()
    }

    fn row(i: usize, form: &str, upos: &str, xpos: &str, head: usize, entity: &str) -> String {
        let misc = if entity.is_empty() {
            "_".to_string()
        } else {
            format!("Entity={entity}")
        };
        format!("{i}\t{form}\t_\t{upos}\t{xpos}\t_\t{head}\t_\t_\t{misc}\n")
    }

    #[test]
    fn names_are_trimmed_to_proper_nouns_and_outermost() {
        let mut text = String::from("# newdoc id = a\n");
        // "He visited the Bank of England ."
        text += &row(1, "He", "PRON", "PRP", 2, "(1-person-giv-x-cf-1-ana)");
        text += &row(2, "visited", "VERB", "VBD", 0, "");
        text += &row(3, "the", "DET", "DT", 4, "(2-organization-new-x-cf-1-sgl");
        text += &row(4, "Bank", "PROPN", "NNP", 2, "");
        text += &row(5, "of", "ADP", "IN", 6, "");
        text += &row(
            6,
            "England",
            "PROPN",
            "NNP",
            4,
            "(3-place-new-x-cf-1-sgl)2)",
        );
        text += &row(7, ".", "PUNCT", ".", 2, "");
        text += "\n";
        let docs = parse(&text);
        assert_eq!(docs.len(), 1);
        let labels = &docs[0].sentences[0].labels;
        assert_eq!(labels, &["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]);
        assert_eq!(
            docs[0].names,
            vec![GumName {
                sentence: 0,
                start: 3,
                end: 6,
                head: 3,
                kind: "ORG"
            }]
        );
    }

    #[test]
    fn a_mention_headed_by_a_common_noun_is_no_name() {
        let mut text = String::from("# newdoc id = a\n");
        // "Obama 's administration" (an organization headed by "administration").
        text += &row(
            1,
            "Obama",
            "PROPN",
            "NNP",
            3,
            "(1-organization-new-x-cf-1-sgl(2-person-new-x-cf-1-sgl)",
        );
        text += &row(2, "'s", "PART", "POS", 1, "");
        text += &row(3, "administration", "NOUN", "NN", 0, "1)");
        text += &row(
            4,
            "Americans",
            "PROPN",
            "NNPS",
            3,
            "(3-person-new-x-cf-1-sgl)",
        );
        text += &row(5, "Spanish", "ADJ", "JJ", 3, "");
        text += "\n";
        let docs = parse(&text);
        let labels = &docs[0].sentences[0].labels;
        assert_eq!(labels, &["B-PER", "O", "O", "B-MISC", "B-MISC"]);
        assert_eq!(docs[0].names.len(), 1);
        assert_eq!(docs[0].names[0].kind, "PER");
    }

    #[test]
    fn a_closing_never_opened_names_its_place() {
        let dir = std::env::temp_dir().join(format!("gum-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.conllu");
        std::fs::write(&path, row(1, "X", "PROPN", "NNP", 0, "7)")).unwrap();
        let error = format!("{:#}", read_gum(&path).unwrap_err());
        assert!(
            error.contains("bad.conllu: sentence 1 (), word 1"),
            "{error}"
        );
        assert!(error.contains("mention 7 closed but not open"), "{error}");
    }
}
