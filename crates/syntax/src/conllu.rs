//! Reading CoNLL-U treebanks (Universal Dependencies): sentences of syntactic words with
//! their tags, heads and relations. Multiword-token lines ("3-4 don't") and empty nodes
//! ("8.1") are passed over: the basic tree is over syntactic words.
//!
//! ```
//! let text = "# text = It works.\n1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
//!             2\tworks\twork\tVERB\tVBZ\t_\t0\troot\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
//! let sentences = dateline_syntax::conllu::parse(text);
//! assert_eq!(sentences[0].words[1].form, "works");
//! assert_eq!(sentences[0].words[1].head, 0);
//! ```

/// One syntactic word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as written.
    pub form: String,
    /// Its lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Penn Treebank tag (what the tagger learns).
    pub xpos: String,
    /// Index of its head (1-based; 0 is the root).
    pub head: usize,
    /// Relation to the head, with its subtype ("nsubj:pass").
    pub deprel: String,
    /// The MISC column (GUM's `Entity=` mentions, `SpaceAfter=No`).
    pub misc: String,
    /// Columns after the tenth (Universal PropBank's roleset and argument columns).
    pub extra: Vec<String>,
}

/// A sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// `# sent_id`, when given.
    pub id: String,
    /// `# newdoc id`, on the first sentence of a document that declares one.
    pub newdoc: Option<String>,
    /// Its words, in order (word `i` has index `i + 1` in heads).
    pub words: Vec<Word>,
}

/// Parses CoNLL-U text.
pub fn parse(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.id.clear();
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("sent_id") {
                current.id = id.trim_start_matches([' ', '=']).trim().to_string();
            } else if let Some(id) = comment.strip_prefix("newdoc") {
                current.newdoc = Some(id.trim_start_matches([' ', '=']).trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 8 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head: cols[6].parse().unwrap_or(0),
            deprel: cols[7].to_string(),
            misc: cols.get(9).map_or_else(String::new, |c| c.to_string()),
            extra: cols.iter().skip(10).map(|c| c.to_string()).collect(),
        });
    }
    if !current.words.is_empty() {
        out.push(current);
    }
    out
}
