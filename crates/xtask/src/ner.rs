//! Entity-recognition data and `cargo xtask train-ner`.
//!
//! Readers for the annotated corpora (CoNLL-2003 columns, the GMB CSV, MEANTIME CAT
//! XML), and the training loop that writes plugins/enrich/entities/model/ner.bin.gz. Only
//! CoNLL-2003 train and valid and GMB are read for training and model choice; the
//! CoNLL-2003 test split is held out and never read.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use dateline_entities::features::{DocumentMemory, Word};
use dateline_entities::model::{Decoder, Domain, Example, LABELS, Model, Trainer};
use dateline_entities::recognize::{Recognizer, SentenceTagger, iob_spans, spans};
use dateline_syntax::perceptron::XorShift;

use crate::eval::ner::{Meantime, gum_dev, read_meantime_dev, score_gum, score_meantime};
use crate::gum::{GumDocument, read_gum};
use crate::paths;

/// A labelled sentence: tokens and IOB2 labels (CoNLL types PER, ORG, LOC, MISC).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// Tokens.
    pub tokens: Vec<String>,
    /// IOB2 labels.
    pub labels: Vec<String>,
}

/// A document: its sentences.
pub type Document = Vec<Sentence>;

/// Reads a CoNLL-2003 column file (`token POS chunk NER`, or `token NER`).
pub fn read_conll(path: &Path) -> Result<Vec<Document>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut docs: Vec<Document> = vec![Vec::new()];
    let mut sentence = Sentence::default();
    for (number, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            if !sentence.tokens.is_empty() {
                docs.last_mut()
                    .expect("one document")
                    .push(std::mem::take(&mut sentence));
            }
            continue;
        }
        if fields[0] == "-DOCSTART-" {
            if !docs.last().expect("one document").is_empty() {
                docs.push(Vec::new());
            }
            continue;
        }
        if fields.len() < 2 {
            bail!(
                "{}:{}: expected `token ... label`",
                path.display(),
                number + 1
            );
        }
        let mut label = fields[fields.len() - 1].to_string();
        // IOB1 files start a span with I-: make it IOB2.
        if let Some(kind) = label.strip_prefix("I-") {
            let prev = sentence.labels.last().map(String::as_str).unwrap_or("O");
            if !prev.ends_with(kind) {
                label = format!("B-{kind}");
            }
        }
        sentence.tokens.push(fields[0].to_string());
        sentence.labels.push(label);
    }
    if !sentence.tokens.is_empty() {
        docs.last_mut().expect("one document").push(sentence);
    }
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// The text of the GMB CSV: the one file of its zip, Latin-1.
pub fn gmb_text(path: &Path) -> Result<String> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut archive =
        zip::ZipArchive::new(file).with_context(|| format!("reading {}", path.display()))?;
    let mut bytes = Vec::new();
    archive.by_index(0)?.read_to_end(&mut bytes)?;
    Ok(bytes.iter().map(|&b| b as char).collect())
}

/// Reads the GMB CSV (zipped, Latin-1), mapping its types to CoNLL's: per -> PER,
/// org -> ORG, geo -> LOC, gpe -> LOC for nouns and MISC for adjectives ("Iranian"),
/// art/eve/nat -> MISC, tim -> O. The file has no document breaks; runs of 20
/// sentences stand in for documents.
pub fn read_gmb(path: &Path) -> Result<Vec<Document>> {
    let text = gmb_text(path)?;
    let mut sentences = Vec::new();
    let mut sentence = Sentence::default();
    for line in text.lines().skip(1) {
        // `Sentence #,Word,POS,Tag`; the word itself may hold a comma, so split from both ends.
        let Some((head, rest)) = line.split_once(',') else {
            continue;
        };
        let mut back = rest.rsplitn(3, ',');
        let (Some(tag), Some(pos), Some(word)) = (back.next(), back.next(), back.next()) else {
            continue;
        };
        if !head.is_empty() && !sentence.tokens.is_empty() {
            sentences.push(std::mem::take(&mut sentence));
        }
        let word = word.trim_matches('"');
        let label = match tag.split_once('-') {
            None => "O".to_string(),
            Some((iob, kind)) => {
                let mapped = match kind {
                    "per" => "PER",
                    "org" => "ORG",
                    "geo" => "LOC",
                    "gpe" if pos.starts_with("JJ") || pos == "NNPS" => "MISC",
                    "gpe" => "LOC",
                    "art" | "eve" | "nat" => "MISC",
                    _ => "",
                };
                if mapped.is_empty() {
                    "O".to_string()
                } else {
                    format!("{iob}-{mapped}")
                }
            }
        };
        sentence.tokens.push(word.to_string());
        sentence.labels.push(label);
    }
    if !sentence.tokens.is_empty() {
        sentences.push(sentence);
    }
    Ok(sentences.chunks(20).map(<[Sentence]>::to_vec).collect())
}

/// Entity-level counts, conlleval style: a found entity is right when its span and type
/// both match a gold one.
#[derive(Debug, Default, Clone)]
pub struct Counts {
    /// Per type: (correct, found, gold).
    pub by_type: std::collections::BTreeMap<String, (usize, usize, usize)>,
}

impl Counts {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[(usize, usize, &str)], found: &[(usize, usize, &str)]) {
        for g in gold {
            self.by_type.entry(g.2.to_string()).or_default().2 += 1;
        }
        for f in found {
            let entry = self.by_type.entry(f.2.to_string()).or_default();
            entry.1 += 1;
            if gold.contains(f) {
                entry.0 += 1;
            }
        }
    }

    /// Precision, recall and F1 of one type, or of all when `kind` is None.
    pub fn prf(&self, kind: Option<&str>) -> (f64, f64, f64) {
        let (c, f, g) = self
            .by_type
            .iter()
            .filter(|(k, _)| kind.is_none_or(|kind| kind == k.as_str()))
            .fold((0, 0, 0), |a, (_, v)| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
        crate::eval::prf(c, f, c, g)
    }
}

/// Gold spans of a sentence's IOB2 labels.
pub fn gold_spans(labels: &[String]) -> Vec<(usize, usize, &str)> {
    iob_spans(labels.iter().map(String::as_str))
}

/// Whether DATELINE_EVAL_ERRORS asks for every wrong and missed entity.
fn show_errors() -> bool {
    static SHOW: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SHOW.get_or_init(|| std::env::var_os("DATELINE_EVAL_ERRORS").is_some())
}

/// Prints a sentence's found entities that are not in the gold (with what the gold says
/// of those words) and its gold entities not found, as MEANTIME's scorer does.
fn print_errors(tokens: &[String], gold: &[(usize, usize, &str)], found: &[(usize, usize, &str)]) {
    let words = |a: usize, b: usize| tokens[a..b].join(" ");
    for f in found.iter().filter(|f| !gold.contains(f)) {
        let there = gold
            .iter()
            .find(|g| g.0 < f.1 && f.0 < g.1)
            .map_or("nothing".to_string(), |g| {
                format!("{} [{}]", g.2, words(g.0, g.1))
            });
        eprintln!(
            "wrong {} [{}] (gold {there}) in: {}",
            f.2,
            words(f.0, f.1),
            tokens.join(" ")
        );
    }
    for g in gold.iter().filter(|g| !found.contains(g)) {
        eprintln!(
            "missed {} [{}] in: {}",
            g.2,
            words(g.0, g.1),
            tokens.join(" ")
        );
    }
}

/// Tags documents and scores them; also returns the words tagged and the seconds spent
/// tagging (not reading).
pub fn score<T: SentenceTagger>(
    recognizer: &Recognizer<T>,
    docs: &[Document],
) -> (Counts, usize, f64) {
    let mut counts = Counts::default();
    let mut words = 0;
    let mut seconds = 0.0;
    for doc in docs {
        let sentences: Vec<Vec<Word>> = doc
            .iter()
            .map(|s| recognizer.words(s.tokens.iter().map(String::as_str)))
            .collect();
        let started = Instant::now();
        let labels = recognizer.tag_document(&sentences);
        seconds += started.elapsed().as_secs_f64();
        for (sentence, labels) in doc.iter().zip(&labels) {
            words += labels.len();
            let (gold, found) = (gold_spans(&sentence.labels), spans(labels));
            if show_errors() {
                print_errors(&sentence.tokens, &gold, &found);
            }
            counts.add(&gold, &found);
        }
    }
    (counts, words, seconds)
}

/// Short function words a headline in title case leaves in lower case (AP and Chicago
/// style): articles, conjunctions and prepositions of three letters or fewer.
const TITLE_CASE_MINOR: [&str; 17] = [
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
    "on", "to",
];

/// A sentence written as many outlets write headlines ("Rolling Blackouts in California
/// Have Power Experts Stumped"): every word capitalized but the short function words
/// after the first.
pub fn title_case(tokens: &[String]) -> Vec<String> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, token)| {
            let mut chars = token.chars();
            match chars.next() {
                Some(c)
                    if c.is_lowercase()
                        && (i == 0 || !TITLE_CASE_MINOR.contains(&token.as_str())) =>
                {
                    c.to_uppercase().chain(chars).collect()
                }
                _ => token.clone(),
            }
        })
        .collect()
}

/// Whether the eval writes sentence `index` of a document in title case: every fourth,
/// of five words or more, so that the rest of the document still says how its words
/// are written.
fn title_cased_in_eval(index: usize, tokens: &[String]) -> bool {
    index % 4 == 2 && tokens.len() >= 5
}

/// Sentence `index` of a document as the title-case eval gives it: in [`title_case`] when
/// [`title_cased_in_eval`], else as written.
pub fn as_in_title_case_eval(index: usize, tokens: &[String]) -> Vec<String> {
    match title_cased_in_eval(index, tokens) {
        true => title_case(tokens),
        false => tokens.to_vec(),
    }
}

/// Scores `docs` with every sentence [`title_cased_in_eval`] written in [`title_case`]:
/// the counts over those sentences as written and as title-cased, in that order, and
/// the number of their words.
pub fn score_title_cased<T: SentenceTagger>(
    recognizer: &Recognizer<T>,
    docs: &[Document],
) -> (Counts, Counts, usize) {
    let mut as_written = Counts::default();
    let mut titled = Counts::default();
    let mut words = 0;
    for doc in docs {
        let chosen: Vec<bool> = doc
            .iter()
            .enumerate()
            .map(|(i, s)| title_cased_in_eval(i, &s.tokens))
            .collect();
        for (counts, transform) in [(&mut as_written, false), (&mut titled, true)] {
            let sentences: Vec<Vec<Word>> = doc
                .iter()
                .enumerate()
                .map(|(i, s)| match transform {
                    true => recognizer.words(
                        as_in_title_case_eval(i, &s.tokens)
                            .iter()
                            .map(String::as_str),
                    ),
                    false => recognizer.words(s.tokens.iter().map(String::as_str)),
                })
                .collect();
            let labels = recognizer.tag_document(&sentences);
            for ((sentence, labels), _) in doc.iter().zip(&labels).zip(&chosen).filter(|x| *x.1) {
                let (gold, found) = (gold_spans(&sentence.labels), spans(labels));
                if transform {
                    words += sentence.tokens.len();
                    if show_errors() {
                        print_errors(&title_case(&sentence.tokens), &gold, &found);
                    }
                }
                counts.add(&gold, &found);
            }
        }
    }
    (as_written, titled, words)
}

/// The sets every training pass is read on: CoNLL valid alone overstates how a tagger
/// does on other news, so MEANTIME airbus+apple and GUM dev are read too.
pub struct DevSets {
    conll: Vec<Document>,
    meantime: Vec<Meantime>,
    gum: Vec<GumDocument>,
}

/// A tagger's figures on the [`DevSets`].
pub struct DevScores {
    /// CoNLL valid precision, recall and F1.
    pub conll: (f64, f64, f64),
    /// MEANTIME airbus+apple F1.
    pub meantime: f64,
    /// GUM dev F1.
    pub gum: f64,
    /// Words tagged a second on CoNLL valid.
    pub words_per_second: f64,
}

impl DevSets {
    /// Scores a tagger on every set.
    pub fn score<T: SentenceTagger>(&self, recognizer: &Recognizer<T>) -> DevScores {
        let (counts, words, seconds) = score(recognizer, &self.conll);
        DevScores {
            conll: counts.prf(None),
            meantime: score_meantime(recognizer, &self.meantime).0.prf(None).2,
            gum: score_gum(recognizer, &self.gum).0.prf(None).2,
            words_per_second: words as f64 / seconds,
        }
    }
}

impl std::fmt::Display for DevScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (p, r, f1) = self.conll;
        write!(
            f,
            "dev P {p:.4} R {r:.4} F1 {f1:.4}; MEANTIME F1 {:.4}; GUM dev F1 {:.4}; {:.0} words/s",
            self.meantime, self.gum, self.words_per_second
        )
    }
}

/// A figure to four decimals, as the training commands print them.
pub fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// The training order of a pass: the previous one shuffled again. Every run and every
/// model family sees the same sequence of orders, so training is deterministic.
pub fn reshuffle(order: &mut [usize], random: &mut XorShift) {
    for i in (1..order.len()).rev() {
        order.swap(i, (random.next_u64() % (i as u64 + 1)) as usize);
    }
}

/// The seed of the training order.
pub const ORDER_SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// Options of `cargo xtask train-ner`.
#[derive(clap::Args)]
pub struct TrainOptions {
    /// Decoder of the model to write: greedy or viterbi.
    #[arg(long, default_value = "viterbi")]
    decoder: String,
    /// Train and score both decoders, and write the one named by --decoder.
    #[arg(long)]
    compare: bool,
    /// Passes over the training data (the best pass on dev is kept).
    #[arg(long, default_value_t = 10)]
    epochs: usize,
    /// Perceptrons trained side by side on the data in different orders; the model is
    /// the mean of their weights (1: one perceptron, as shipped).
    #[arg(long, default_value_t = 1)]
    orders: usize,
    /// Leave the GMB corpus out of training.
    #[arg(long)]
    conll_only: bool,
    /// Also train on GUM train's names (CC BY-NC-SA 4.0: a model trained with them
    /// inherits the non-commercial term).
    #[arg(long)]
    with_gum: bool,
    /// Model family: `perceptron` (the shipped one) or `neural` (a feed-forward network
    /// over word windows, trained and scored for comparison; it writes no model).
    #[arg(long, default_value = "perceptron")]
    family: String,
    #[command(flatten)]
    network: crate::ner_network::NetworkOptions,
    /// Drop the feature rows whose largest weight is smaller than this in size (after
    /// the domain copies are folded): a quarter of the rows are under 1.0 and change
    /// nothing measurable on the dev sets, and a smaller table is fewer pages for every
    /// run to read (0: keep every row).
    #[arg(long, default_value_t = 1.0)]
    prune: f32,
    /// Prune the shipped model at `--prune` instead of training, and score it on the dev
    /// sets (to weigh a threshold in seconds; writes nothing).
    #[arg(long)]
    prune_shipped: bool,
    /// Corpus root (default ../shared/corpus).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Where to write the model (default plugins/enrich/entities/model/ner.bin.gz).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Compare the model with the file at --out (the committed one) instead of writing it:
    /// fails unless training makes it byte for byte.
    #[arg(long)]
    check: bool,
}

fn label_index(label: &str) -> u8 {
    LABELS.iter().position(|l| *l == label).unwrap_or(0) as u8
}

/// Reads every sentence of `docs` as the tagger does: its words, the sentence, and what
/// the rest of its document says of its words.
pub fn each_sentence(
    recognizer: &Recognizer,
    docs: &[Document],
    mut f: impl FnMut(Vec<Word>, &Sentence, &DocumentMemory),
) {
    for doc in docs {
        let sentences: Vec<Vec<Word>> = doc
            .iter()
            .map(|s| recognizer.words(s.tokens.iter().map(String::as_str)))
            .collect();
        let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
        for (words, sentence) in sentences.into_iter().zip(doc) {
            f(words, sentence, &memory);
        }
    }
}

/// The gold labels of a sentence, as indices into [`LABELS`].
pub fn gold_labels(sentence: &Sentence) -> Vec<u8> {
    sentence.labels.iter().map(|l| label_index(l)).collect()
}

fn examples(recognizer: &Recognizer, docs: &[Document], domain: Option<Domain>) -> Vec<Example> {
    let mut out = Vec::new();
    each_sentence(recognizer, docs, |words, sentence, memory| {
        out.push(Example::new(words, gold_labels(sentence), memory, domain));
    });
    out
}

/// Trains, keeps the best pass on CoNLL valid, and writes the model.
pub fn train(options: TrainOptions) -> Result<()> {
    let corpus = options.corpus.clone().unwrap_or_else(paths::corpus_root);
    let conll = corpus.join("conll2003-en");
    let train_docs = read_conll(&conll.join("train.txt"))?;
    let dev_docs = read_conll(&conll.join("valid.txt"))?;
    let gmb = if options.conll_only {
        Vec::new()
    } else {
        read_gmb(&corpus.join("gmb-ner/ner_dataset.csv.zip"))?
    };
    // With GMB, features get per-corpus copies (see `Domain`): its conventions differ.
    let domains =
        (!gmb.is_empty() || options.with_gum).then_some((Domain::NEWSWIRE, Domain::OTHER));
    let decoders: Vec<Decoder> = if options.compare {
        vec![Decoder::Greedy, Decoder::Viterbi]
    } else {
        vec![parse_decoder(&options.decoder)?]
    };
    let chosen = parse_decoder(&options.decoder)?;
    // The gazetteer features need a recognizer; any model will do for reading words.
    let reader = Recognizer::new(Trainer::new(Decoder::Greedy, None).model(String::new()));
    let gum: Vec<Document> = if options.with_gum {
        read_gum(&corpus.join("ud-english/en_gum-ud-train.conllu.gz"))?
            .into_iter()
            .map(|d| d.sentences)
            .collect()
    } else {
        Vec::new()
    };
    let dev = DevSets {
        conll: dev_docs,
        meantime: read_meantime_dev(&corpus)?,
        gum: read_gum(&gum_dev(&corpus))?,
    };
    let default_out = || paths::repo_root().join("plugins/enrich/entities/model/ner.bin.gz");
    if options.prune_shipped {
        let path = options.out.clone().unwrap_or_else(default_out);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let shipped = Model::read(&bytes).with_context(|| path.display().to_string())?;
        let before = shipped.len();
        let model = shipped.pruned(options.prune);
        let rows = model.len();
        let scores = dev.score(&Recognizer::new(model));
        println!(
            "{}",
            serde_json::json!({
                "prune": options.prune,
                "rows_before": before,
                "rows": rows,
                "dev_f1": round4(scores.conll.2),
                "meantime_f1": round4(scores.meantime),
                "gum_dev_f1": round4(scores.gum),
            })
        );
        return Ok(());
    }
    let training: [(&[Document], Option<Domain>); 3] = [
        (&train_docs, domains.map(|d| d.0)),
        (&gmb, domains.map(|d| d.1)),
        (&gum, domains.map(|_| Domain::GENRES)),
    ];
    match options.family.as_str() {
        "perceptron" => {}
        "neural" => {
            let tag_as = domains.map(|d| d.0);
            return crate::ner_network::train(
                &options.network,
                options.epochs,
                &reader,
                &training,
                tag_as,
                &dev,
            );
        }
        other => bail!("no model family {other}: perceptron or neural"),
    }
    let started = Instant::now();
    let train: Vec<Example> = training
        .iter()
        .flat_map(|(docs, domain)| examples(&reader, docs, *domain))
        .collect();
    eprintln!(
        "{} training sentences ({} words), features in {:.1} s",
        train.len(),
        train.iter().map(|e| e.len()).sum::<usize>(),
        started.elapsed().as_secs_f64()
    );
    let trained_on = match (options.conll_only, options.with_gum) {
        (true, false) => "CoNLL-2003 train",
        (true, true) => {
            "CoNLL-2003 train + GUM train names (CC BY-NC-SA 4.0; per-corpus feature copies)"
        }
        (false, false) => {
            "CoNLL-2003 train + GMB (types mapped to CoNLL's; per-corpus feature copies)"
        }
        (false, true) => {
            "CoNLL-2003 train + GMB + GUM train names (CC BY-NC-SA 4.0; types mapped to CoNLL's; per-corpus feature copies)"
        }
    };
    let mut written = None;
    for decoder in decoders {
        let orders = options.orders.max(1);
        let mut trainers: Vec<Trainer> = (0..orders)
            .map(|_| Trainer::new(decoder, domains.map(|d| d.0)))
            .collect();
        let mut best: Option<(f64, usize, Model)> = None;
        // Every decoder sees the same sequence of shuffles: the comparison is fair. The
        // first perceptron's order is the one a single perceptron trains in.
        let mut randoms: Vec<XorShift> = (0..orders as u64)
            .map(|k| XorShift::new(ORDER_SEED ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
            .collect();
        let mut order_of: Vec<Vec<usize>> = vec![(0..train.len()).collect(); orders];
        for epoch in 1..=options.epochs {
            let started = Instant::now();
            let mut wrong = 0;
            for ((trainer, order), random) in
                trainers.iter_mut().zip(&mut order_of).zip(&mut randoms)
            {
                reshuffle(order, random);
                wrong += order
                    .iter()
                    .map(|&i| trainer.learn(&train[i]))
                    .sum::<usize>();
            }
            let trained = started.elapsed().as_secs_f64();
            let model = match trainers.as_slice() {
                [trainer] => trainer.model(String::new()),
                several => Trainer::mean_model(&several.iter().collect::<Vec<_>>(), String::new()),
            };
            let recognizer = Recognizer::new(model);
            let scores = dev.score(&recognizer);
            let f1 = scores.conll.2;
            eprintln!(
                "{} epoch {epoch}: {wrong} training errors in {trained:.1} s; {scores}",
                decoder.name(),
            );
            if best.as_ref().is_none_or(|b| f1 > b.0) {
                let tagger = if orders == 1 {
                    "averaged perceptron".to_string()
                } else {
                    format!("mean of {orders} averaged perceptrons trained in different orders")
                };
                let about = serde_json::json!({
                    "tagger": tagger,
                    "decoder": decoder.name(),
                    "trained_on": trained_on,
                    "epochs": epoch,
                    "dev": "CoNLL-2003 valid",
                    "dev_f1": round4(f1),
                    "pruned_below": options.prune,
                    "made_by": "cargo xtask train-ner",
                })
                .to_string();
                let mut model = recognizer.into_model();
                model.about = about;
                best = Some((f1, epoch, model));
            }
        }
        let (f1, epoch, model) = best.context("no training pass ran")?;
        println!(
            "{}",
            serde_json::json!({"decoder": decoder.name(), "best_epoch": epoch, "dev_f1": round4(f1), "features": model.len()})
        );
        if decoder == chosen {
            written = Some(model);
        }
    }
    let model = written
        .context("the chosen decoder was not trained")?
        .folded()
        .pruned(options.prune);
    let out = options.out.unwrap_or_else(default_out);
    let mut bytes = Vec::new();
    model.write(&mut bytes)?;
    if !paths::write_or_check(&out, &bytes, options.check, "cargo xtask train-ner")? {
        return Ok(());
    }
    let written = Model::read(&bytes)?;
    let (counts, _, _) = score(&Recognizer::new(written), &dev.conll);
    println!(
        "wrote {} ({} bytes); dev F1 as written (16-bit weights): {:.4}",
        out.display(),
        bytes.len(),
        counts.prf(None).2
    );
    Ok(())
}

fn parse_decoder(name: &str) -> Result<Decoder> {
    match name {
        "greedy" => Ok(Decoder::Greedy),
        "viterbi" => Ok(Decoder::Viterbi),
        other => bail!("no decoder {other}: greedy or viterbi"),
    }
}
