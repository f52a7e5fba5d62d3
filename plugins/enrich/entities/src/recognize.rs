//! Named-entity recognition: words in, typed spans out.

use std::collections::HashSet;
use std::sync::OnceLock;

use dateline_core::EntityType;

use crate::features::{DocumentMemory, Lexicon, Word};
use crate::gazetteer::{Gazetteer, WordClusters, is_title};
use crate::model::{LABELS, Model, Scratch};
use crate::truecase::{CaseCounts, is_title_case, lower_title_words, usually_lowercase};
use dateline_core::error::ShippedModelError;

/// The shipped model as an image (made by build.rs from `model/ner.bin.gz`).
static MODEL: &[u8] = dateline_mapped::include_image!(concat!(env!("OUT_DIR"), "/ner.image"));

/// What a recognizer asks of its tagger: labels for one sentence's words, read with
/// what the rest of the document says of them. The shipped tagger is the averaged
/// perceptron of [`Model`]; [`crate::neural::Network`] is another family.
pub trait SentenceTagger {
    /// Buffers the tagger reuses from sentence to sentence.
    type Scratch: Default;

    /// Labels (indices into [`LABELS`]) for the words of a sentence.
    fn tag(
        &self,
        sentence: &[Word],
        memory: &DocumentMemory,
        scratch: &mut Self::Scratch,
    ) -> Vec<u8>;
}

impl SentenceTagger for Model {
    type Scratch = Scratch;

    fn tag(&self, sentence: &[Word], memory: &DocumentMemory, scratch: &mut Scratch) -> Vec<u8> {
        Model::tag(self, sentence, memory, scratch)
    }
}

/// A borrowed tagger tags as its owner does (a model still training can be scored).
impl<T: SentenceTagger> SentenceTagger for &T {
    type Scratch = T::Scratch;

    fn tag(&self, sentence: &[Word], memory: &DocumentMemory, scratch: &mut T::Scratch) -> Vec<u8> {
        T::tag(self, sentence, memory, scratch)
    }
}

/// A tagger with its gazetteer.
pub struct Recognizer<T = Model> {
    model: T,
    gazetteer: &'static Gazetteer,
    clusters: &'static WordClusters,
}

impl Recognizer {
    /// The model shipped with Dateline, viewed in place in the binary.
    pub fn shipped() -> Result<&'static Recognizer, ShippedModelError> {
        static SHIPPED: OnceLock<Result<Recognizer, ShippedModelError>> = OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                Model::from_image(dateline_mapped::place(MODEL))
                    .map(Recognizer::new)
                    .map_err(|e| ShippedModelError {
                        what: "entity tagger model",
                        file: "plugins/enrich/entities/model/ner.bin.gz",
                        cause: e.to_string(),
                        regenerate: "cargo xtask train-ner",
                    })
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl<T: SentenceTagger> Recognizer<T> {
    /// A recognizer with another model.
    pub fn new(model: T) -> Recognizer<T> {
        Recognizer {
            model,
            gazetteer: Gazetteer::shipped(),
            clusters: WordClusters::shipped(),
        }
    }

    /// The model.
    pub fn model(&self) -> &T {
        &self.model
    }

    /// The word clusters the tagger reads.
    pub fn clusters(&self) -> &'static WordClusters {
        self.clusters
    }

    /// Gives the model back.
    pub fn into_model(self) -> T {
        self.model
    }

    /// The words of a tokenized sentence, with their gazetteer classes.
    pub fn words<'a>(&self, tokens: impl IntoIterator<Item = &'a str>) -> Vec<Word> {
        let mut words: Vec<Word> = tokens.into_iter().map(Word::new).collect();
        self.gazetteer.mark(&mut words);
        for word in &mut words {
            word.cluster = self.clusters.cluster(&word.lower);
        }
        words
    }

    /// Labels (indices into [`LABELS`]) for every sentence of a document.
    ///
    /// A name keeps one type through a document: when the same words are tagged as
    /// different types in different places, every occurrence takes the type more than
    /// half of them have (without one, each keeps its own), unless the document says
    /// outright that the name is an organization (see `harmonize`). Then a name tagged
    /// somewhere is tagged where the tagger left it alone ("said King" after "Billie
    /// Jean King"; see `propagate`), and the vote is taken again over every occurrence.
    ///
    /// A sentence in title case is read as the document writes its words (see
    /// [`crate::truecase`]).
    pub fn tag_document(&self, sentences: &[Vec<Word>]) -> Vec<Vec<u8>> {
        self.tag_document_knowing(sentences, &[])
    }

    /// [`Recognizer::tag_document`], with names whose type the record already says
    /// (the place of a dateline, "PHOENIX (AP) —"): they keep it, and the document's
    /// other mentions of them vote with it.
    pub fn tag_document_knowing(&self, sentences: &[Vec<Word>], known: &[Known]) -> Vec<Vec<u8>> {
        let truecased = self.truecase(sentences);
        let sentences = truecased.as_ref().map_or(sentences, |(t, _)| t.as_slice());
        let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
        let mut scratch = T::Scratch::default();
        let mut labels: Vec<Vec<u8>> = sentences
            .iter()
            .map(|s| self.model.tag(s, &memory, &mut scratch))
            .collect();
        let keep_known = |labels: &mut [Vec<u8>]| {
            for k in known {
                if let Some(words) = labels
                    .get_mut(k.sentence)
                    .and_then(|l| l.get_mut(k.words.clone()))
                {
                    relabel(words, type_index(k.kind));
                }
            }
        };
        for (sentence, labels) in sentences.iter().zip(&mut labels) {
            split_role_abbreviations(sentence, labels);
            drop_offices_read_as_people(sentence, labels);
            people_behind_honorifics(sentence, labels);
            join_nicknames(sentence, labels);
            join_names_over_particles(sentence, labels);
        }
        keep_known(&mut labels);
        split_opening_descriptors(sentences, &memory, &mut labels);
        let sports = is_sports_report(sentences);
        harmonize(sentences, &mut labels, sports);
        propagate(sentences, &memory, &mut labels);
        harmonize(sentences, &mut labels, sports);
        drop_capitalized_openers(sentences, &memory, &mut labels);
        split_coordinated_names(sentences, &mut labels);
        let surnames = people_named_alone(sentences, &labels);
        let plural_acronyms = plural_acronyms(sentences);
        for (sentence, labels) in sentences.iter().zip(&mut labels) {
            drop_nameless_words(sentence, labels, &plural_acronyms, sports);
            mark_market_indices(sentence, labels);
            mark_ships(sentence, labels);
            mark_airlines(sentence, labels);
            take_in_heads_of(sentence, labels);
            join_state_forms(sentence, labels);
            join_place_to_institution(sentence, labels);
            mark_places_by_kind(sentence, labels, &surnames);
            mark_abbreviated_states(sentence, labels, self.gazetteer);
            mark_laws(sentence, labels);
            join_partner_firms(sentence, labels);
            join_compass_to_adjective(sentence, labels);
            mark_bodies_read_as_places(sentence, labels);
            align_lists(sentence, labels);
        }
        join_company_stems(sentences, &mut labels);
        if let Some((_, title_case)) = &truecased {
            title_case.drop_common_words(sentences, &mut labels);
        }
        keep_known(&mut labels);
        labels
    }

    /// The sentences with those in title case written as running text would write their
    /// words (see [`crate::truecase`]), or `None` when that changes nothing.
    fn truecase(&self, sentences: &[Vec<Word>]) -> Option<(Vec<Vec<Word>>, TitleCase)> {
        let titled: Vec<bool> = sentences.iter().map(|s| is_title_case(s)).collect();
        if !titled.contains(&true) {
            return None;
        }
        let mut plain = CaseCounts::default();
        for (sentence, _) in sentences.iter().zip(&titled).filter(|(_, t)| !**t) {
            plain.add(sentence);
        }
        let mut truecased = sentences.to_vec();
        let mut changed = false;
        for (sentence, _) in truecased.iter_mut().zip(&titled).filter(|(_, t)| **t) {
            if lower_title_words(sentence, &plain) {
                // The gazetteer reads capitals too ("Police" the town against "police").
                for word in sentence.iter_mut() {
                    word.lexicon = 0;
                }
                self.gazetteer.mark(sentence);
                changed = true;
            }
        }
        changed.then_some((truecased, TitleCase { titled, plain }))
    }
}

/// Which sentences of a document were in title case, and how its other sentences write
/// their words.
struct TitleCase {
    titled: Vec<bool>,
    plain: CaseCounts,
}

impl TitleCase {
    /// Drops, in each sentence that was in title case, a one-word name that is a word
    /// running text writes in lower case: "World" of "the World Champion", "City",
    /// "Federation". Such a word is a name in a longer one ("World Bank"), not alone. The
    /// document's own running text decides where it uses the word; news at large
    /// ([`crate::truecase::mostly_lowercase`]) where it does not.
    fn drop_common_words(&self, sentences: &[Vec<Word>], labels: &mut [Vec<u8>]) {
        for ((sentence, labels), _) in sentences
            .iter()
            .zip(labels.iter_mut())
            .zip(&self.titled)
            .filter(|(_, titled)| **titled)
        {
            for (start, end, _) in spans(labels) {
                if end - start != 1 || start == 0 {
                    continue;
                }
                let word = &sentence[start];
                // A word of small letters after its capital: not "U.S.", "ERA", "Al-Aqsa".
                let plain_word = word.form.chars().skip(1).all(char::is_lowercase);
                // Not an item of a list ("Subs Not Used: Fish, Jeffers, Andersen").
                let listed = matches!(sentence[start - 1].form.as_str(), "," | ":")
                    || sentence.get(end).is_some_and(|w| w.form == ",");
                let common = || match self.plain.get(&word.lower) {
                    (0, 0) => crate::truecase::mostly_lowercase(&word.lower),
                    (lower, upper) => lower > upper,
                };
                if plain_word && !listed && common() {
                    labels[start] = 0;
                }
            }
        }
    }
}

/// A name whose type a record already says: its words in a sentence of the document,
/// and the type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The sentence, as an index of the document's.
    pub sentence: usize,
    /// The name's words in it.
    pub words: std::ops::Range<usize>,
    /// The type.
    pub kind: EntityType,
}

/// Words said before what is said ("Um, I think he's cool"), which open a sentence of
/// speech capitalized and are no name: news seldom writes them, so the words news writes
/// in lower case do not hold them.
const INTERJECTIONS: &[&str] = &[
    "um", "umm", "uh", "uhm", "er", "erm", "hmm", "mm", "mhm", "uh-huh", "yeah", "yep", "nope",
    "okay", "ok", "wow", "ah", "aw", "oops", "ouch",
];

/// The name that opens a sentence: on its first word, or the first after an opening
/// quotation mark, where a capital says nothing of a name.
fn opening_name(sentence: &[Word], labels: &[u8]) -> Option<(usize, usize, &'static str)> {
    let at = usize::from(sentence.first().is_some_and(|w| w.form == "\""));
    spans(labels).first().copied().filter(|&(a, _, _)| a == at)
}

/// The first words of the quotations that open inside a sentence and run on past their
/// first word: `said in a statement: "Tonight, ...`, `saying, 'Oh, yes, ...`. A quoted
/// word alone (`the film "Crash" won`) is not one: a title is capitalized as a name.
/// `inside` says whether the sentence opens inside a quotation (one of several
/// sentences), where its first double mark closes it; and a word its speaker's verb
/// follows (`," Sharp said`) is where a quotation closed, whatever the marks say.
fn inner_quotation_openings(sentence: &[Word], inside: bool) -> impl Iterator<Item = usize> + '_ {
    let mut open = inside;
    (1..sentence.len()).filter(move |&i| {
        let opens = match sentence[i - 1].form.as_str() {
            "\"" => {
                open = !open;
                i >= 2 && open
            }
            // A single mark only after punctuation, where no apostrophe stands.
            "'" => i >= 2 && matches!(sentence[i - 2].form.as_str(), "," | ":" | ";" | "(" | "\""),
            _ => false,
        };
        let mut rest = sentence[i + 1..]
            .iter()
            .take_while(|w| !matches!(w.form.as_str(), "\"" | "'"));
        opens
            && rest
                .find(|w| w.form.chars().any(char::is_alphanumeric))
                .is_some_and(|next| !SPEECH_VERBS.contains(&next.lower.as_str()))
    })
}

/// Verbs that follow a speaker after the quotation closes (`," Sharp said.`).
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "tells", "added", "adds", "asked", "asks", "wrote", "writes",
];

/// Whether each sentence opens inside a quotation: after an odd number of double marks
/// in the document's sentences before it.
fn opening_inside_quotation(sentences: &[Vec<Word>]) -> Vec<bool> {
    let mut open = false;
    sentences
        .iter()
        .map(|sentence| {
            let inside = open;
            open ^= sentence.iter().filter(|w| w.form == "\"").count() % 2 == 1;
            inside
        })
        .collect()
}

/// Drops a one-word name that opens its sentence (or a quotation), capitalized, where
/// the document writes the word in lower case and never capitalized inside a sentence,
/// or, where it does not use the word inside one, where news writes it so more often
/// than not: "\"Piracy does not respect borders\"" over "piracy", "Yes, it will", a
/// headline's "Central bank holds rates", `in a statement: "Tonight, ...`; and an
/// interjection ("Um, yeah.", `saying, 'Oh, yes'`). A capital there says nothing of a
/// name. Not in a sentence in capitals, nor an acronym.
fn drop_capitalized_openers(
    sentences: &[Vec<Word>],
    memory: &DocumentMemory,
    all_labels: &mut [Vec<u8>],
) {
    let mut dropped = Vec::new();
    let inside = opening_inside_quotation(sentences);
    for (s, (sentence, labels)) in sentences.iter().zip(all_labels.iter()).enumerate() {
        if memory.shouting(s) {
            continue;
        }
        // A name of one word opens at `at`, as `iob_spans` reads the labels.
        let one_word = |at: usize| {
            label_type(labels[at]).is_some()
                && !continues_name(labels, at)
                && (at + 1 == labels.len() || !continues_name(labels, at + 1))
        };
        let first = opening_name(sentence, labels)
            .filter(|&(at, end, _)| end == at + 1)
            .map(|(at, _, _)| at);
        for at in first
            .into_iter()
            .chain(inner_quotation_openings(sentence, inside[s]).filter(|&at| one_word(at)))
        {
            if capitalized_opener(sentences, all_labels, memory, sentence, at) {
                dropped.push((s, at));
            }
        }
    }
    for (s, at) in dropped {
        all_labels[s][at] = 0;
    }
}

/// Whether the one-word name at `at`, which opens its sentence or a quotation, is a word
/// capitalized there and not a name (see [`drop_capitalized_openers`]).
fn capitalized_opener(
    sentences: &[Vec<Word>],
    all_labels: &[Vec<u8>],
    memory: &DocumentMemory,
    sentence: &[Word],
    at: usize,
) -> bool {
    let word = &sentence[at];
    let mut chars = word.form.chars();
    let capitalized = chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase);
    // A row of a table or results ("Reading 2 Stoke 2", "Billings MT 4.62"), a
    // fixture ("Derby v Wigan"), or a word alone ("Mass."), names what it opens.
    let row = sentence.get(at + 1).is_none_or(|w| {
        w.form
            .starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
            || matches!(w.lower.as_str(), "v" | "v." | "vs" | "vs.")
    }) || sentence.len() < at + 3;
    let written_lowercase = !row
        && match memory.flags(&word.lower) {
            0 => crate::truecase::mostly_lowercase(&word.lower),
            // Capitalized inside a sentence only as a word of a longer name ("the New
            // York Public Library"), which says nothing of the word alone, unless the
            // name is a person's ("Clare Short") or opens with it ("Real Madrid"):
            // a name is called by those words alone.
            _ if !capitalized_alone_inside(sentences, &word.lower)
                && !names_alone_elsewhere(sentences, all_labels, &word.lower) =>
            {
                memory.seen_lowercase(&word.lower) || crate::truecase::mostly_lowercase(&word.lower)
            }
            _ => memory.only_lowercase(&word.lower),
        };
    capitalized && (written_lowercase || INTERJECTIONS.contains(&word.lower.as_str()))
}

/// Takes a word that opens its sentence off the name the tagger read it in, where news
/// writes the word in lower case and the document names the rest alone elsewhere:
/// "Rapper Eminem has denied ...", "Bookmakers Ladbrokes says ...", "Comic Pasquale
/// beat ..." beside "Eminem", "Ladbrokes", "Joe Pasquale". The capital is the
/// sentence's, and the word describes the name ("the rapper"). A word the document also
/// capitalizes inside a sentence stays ("Sun Interbrew" beside "Interbrew"), and so does
/// one news capitalizes in names as often ("General Motors", "Royal Mail").
fn split_opening_descriptors(
    sentences: &[Vec<Word>],
    memory: &DocumentMemory,
    all_labels: &mut [Vec<u8>],
) {
    let mut split = Vec::new();
    for (s, (sentence, labels)) in sentences.iter().zip(all_labels.iter()).enumerate() {
        if memory.shouting(s) {
            continue;
        }
        let Some((at, b, read_as)) =
            opening_name(sentence, labels).filter(|&(at, b, _)| b - at >= 2)
        else {
            continue;
        };
        let word = &sentence[at];
        let mut chars = word.form.chars();
        let capitalized =
            chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
        // "The" opens names of its own ("The Hague", "The Times").
        if !capitalized
            || word.lower == "the"
            || !usually_lowercase(&word.lower)
            || memory.seen_capitalized_inside(&word.lower)
        {
            continue;
        }
        let rest = &sentence[at + 1..b];
        // Where the document names the rest alone: as a name of the same words, or as
        // the end of a person's longer name with another word before it ("Jamie Foxx"
        // for "Actor Foxx"). A person's name is not split for the rest named alone as a
        // person: a word news writes in lower case may be a given name ("Miles
        // Shipside", later "Mr Shipside").
        let person = read_as == "PER";
        let mut counts = [0usize; 4];
        for (other, (words, other_labels)) in sentences.iter().zip(all_labels.iter()).enumerate() {
            for (c, d, kind) in spans(other_labels) {
                let fits = if d - c == rest.len() {
                    !(person && kind == "PER")
                } else {
                    kind == "PER" && d - c > rest.len()
                };
                if fits
                    && (other, d) != (s, b)
                    && words[d - rest.len()..d]
                        .iter()
                        .zip(rest)
                        .all(|(x, y)| x.lower == y.lower)
                    && (d - rest.len() == 0 || words[d - rest.len() - 1].lower != word.lower)
                {
                    counts[type_index(entity_type(kind))] += 1;
                }
            }
        }
        if let Some(kind) = plurality(&counts) {
            split.push((s, at, b, kind));
        } else if counts.iter().any(|&n| n > 0) {
            // Named alone as often as one type as another: the tagger's type stands.
            split.push((s, at, b, type_index(entity_type(read_as))));
        }
    }
    // The rest takes the type the document gives it alone most often: the tagger's
    // reading of the longer span says little of it ("Another Deutsche Boerse" read as a
    // person).
    for (s, at, b, kind) in split {
        all_labels[s][at] = 0;
        relabel(&mut all_labels[s][at + 1..b], kind);
    }
}

/// Stock market indices, lower case, and whether the name alone is the index: some
/// name something else alone ("S&P" the rating agency, "Nikkei" the newspaper) and are
/// an index only with a number after them ("S&P 500"); every name may take a number.
const MARKET_INDICES: &[(&str, bool)] = &[
    ("asx", false),
    ("bovespa", true),
    ("cac", true),
    ("dax", true),
    ("euro stoxx", false),
    ("ftse", true),
    ("hang seng", true),
    ("ibex", true),
    ("kospi", true),
    ("nifty", false),
    ("nikkei", false),
    ("s&p", false),
    ("sensex", true),
    ("stoxx", false),
    ("topix", true),
];

/// Prefixes a navy or a registry gives its ships' names ("USS Cole", "HMS Belfast", "INS
/// Sukanya", "MV Sewol"). "INS" alone is as often an agency, so only a prefix with a
/// name after it marks a ship.
const SHIP_PREFIXES: [&str; 8] = ["USS", "HMS", "INS", "HMAS", "HMCS", "HMNZS", "RMS", "MV"];

/// Takes an office whose name ends in "General" ("the post of Surgeon General",
/// "Solicitor General Elena Kagan") out of a person or a thing the tagger read in it,
/// with "General" in the name or right after it: the office's two words go, and the
/// words before them stay the name they were ("Dr. Sanjay Gupta" of "Dr. Sanjay Gupta
/// Surgeon General"). No one's name ends in "General", where surnames that are titles
/// elsewhere are common ("John Major", "Billie Jean King"). An organization keeps it
/// ("the Attorney General's office" may be one).
fn drop_offices_read_as_people(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, kind) in spans(labels) {
        if !matches!(kind, "PER" | "MISC") {
            continue;
        }
        let general = |i: usize| sentence.get(i).is_some_and(|w| w.form == "General");
        let office = if end - start >= 2 && general(end - 1) {
            end - 2
        } else if general(end) {
            end - 1
        } else {
            continue;
        };
        labels[office..end].fill(0);
        if office > start {
            relabel(&mut labels[start..office], type_index(entity_type(kind)));
        }
    }
}

/// Reads a name that opens with an honorific ([`HONORIFICS`], but "Dr") as the
/// person it is, the honorific and any title after it ("Mr Justice Forbes") outside the
/// name, as a person's honorific always is: the tagger at times takes the honorific in
/// ("Mr Molyneux" a person, whose name the document's vote then read as a company's) or
/// types the whole an organization or a place ("Lord Hutton's report"). The rest
/// must be capitalized words or name particles, none a word of organizations' names or
/// one news writes in lower case ("Lord Chancellor's Department", "Lord Of The Rings"
/// keep their type).
fn people_behind_honorifics(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, _) in spans(labels) {
        // "Dr" opens brands' names too (Dr Pepper, Dr Martens).
        if !is_honorific(&sentence[start]) || matches!(sentence[start].lower.as_str(), "dr" | "dr.")
        {
            continue;
        }
        let mut first = start + 1;
        while first < end
            && (sentence[first].form == "."
                || is_title(sentence[first].lower.trim_end_matches('.')))
        {
            first += 1;
        }
        let name = &sentence[first..end];
        let reads_as_name =
            // Particles inside the name, and "of" ("Lord Irvine of Lairg", "Sir Walter de
            // la Mare").
            |w: &Word| {
                capitalized_name_word(w)
                    || w.form == "of"
                    || JOINING_PARTICLES.contains(&w.form.as_str())
            };
        // Particles inside the name only: it opens and ends with a name's word.
        if name.first().is_some_and(capitalized_name_word)
            && name.last().is_some_and(capitalized_name_word)
            && name.iter().all(reads_as_name)
        {
            labels[start..first].fill(0);
            relabel(&mut labels[first..end], type_index(EntityType::Person));
        }
    }
}

/// Whether a word may be one of a person's name: capitalized, and neither a word of
/// organizations' names ("Department") nor one news writes in lower case ("Of", "Mall"
/// is not one).
fn capitalized_name_word(word: &Word) -> bool {
    word.form.starts_with(char::is_uppercase)
        && word.lexicon & Lexicon::ORG_WORD == 0
        && !usually_lowercase(&word.lower)
}

/// Positions news abbreviates between a club or a company and a person's name: "Angels
/// GM Tony Reagins", "Carolina Panthers QB Cam Newton", "Apple CFO Luca Maestri"; and
/// [`MEMBER_ABBREVIATIONS`] between a party and its member.
const ROLE_ABBREVIATIONS: [&str; 10] = [
    "GM", "QB", "RB", "WR", "LB", "CB", "CEO", "CFO", "COO", "CTO",
];

/// Members of a parliament, between a party and a person's name ("Labour MP Diane
/// Abbott", "Green MEP Caroline Lucas"), which also open a person's name as a title ("MP
/// Jess Phillips"; "GM Korea" is a company). Titles too (see `link.rs`).
pub(crate) const MEMBER_ABBREVIATIONS: [&str; 4] = ["MP", "MEP", "MSP", "MLA"];

/// Whether `word`, in any case, is one of [`MEMBER_ABBREVIATIONS`].
pub(crate) fn is_member(word: &str) -> bool {
    MEMBER_ABBREVIATIONS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(word))
}

/// Splits a name the tagger ran through an abbreviated position into the club or
/// company before it and the person after it ("Los Angeles Angels GM Tony Reagins" one
/// organization), or takes the position out of the name it ends when a person follows
/// ("Yankees GM" before "Brian Cashman"). The position opens no name ("GM Korea", "GM
/// said"), and a person needs two capitalized words after it within the name.
fn split_role_abbreviations(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, kind) in spans(labels) {
        if kind == "PER" {
            continue;
        }
        let kind = type_index(entity_type(kind));
        let capitalized =
            |words: &[Word]| words.iter().all(|w| w.form.starts_with(char::is_uppercase));
        if MEMBER_ABBREVIATIONS.contains(&sentence[start].form.as_str())
            && end - start >= 3
            && capitalized(&sentence[start + 1..end])
        {
            labels[start] = 0;
            relabel(&mut labels[start + 1..end], type_index(EntityType::Person));
            continue;
        }
        let Some(role) = (start + 1..end).find(|&i| {
            let form = sentence[i].form.as_str();
            ROLE_ABBREVIATIONS.contains(&form) || MEMBER_ABBREVIATIONS.contains(&form)
        }) else {
            continue;
        };
        let name = &sentence[role + 1..end];
        let named_inside = name.len() >= 2 && capitalized(name);
        let person_after =
            role + 1 == end && labels.get(end).map(|&l| LABELS[l as usize]) == Some("B-PER");
        if named_inside || person_after {
            relabel(&mut labels[start..role], kind);
            labels[role] = 0;
            if named_inside {
                relabel(&mut labels[role + 1..end], type_index(EntityType::Person));
            }
        }
    }
}

/// Relabels a ship's name as a thing (CoNLL's miscellaneous): a name of two words or
/// more that opens with a ship's prefix, whatever the tagger typed it.
fn mark_ships(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, _) in spans(labels) {
        let prefix = sentence[start].form.trim_end_matches('.');
        let named = sentence[start + 1..end]
            .first()
            .is_some_and(|w| w.form.starts_with(|c: char| c.is_uppercase()));
        if end - start >= 2 && named && SHIP_PREFIXES.contains(&prefix) {
            relabel(&mut labels[start..end], type_index(EntityType::Other));
        }
    }
}

/// Types an airline named "Air" and its country or city as an organization, whole ("Air
/// China", "Air New Zealand", "Air Malta"), where the tagger left "Air" out and read
/// the rest as the place: the place is what the airline is named for, not where the
/// sentence is.
fn mark_airlines(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, kind) in spans(labels) {
        if kind == "LOC" && start > 0 && labels[start - 1] == 0 && sentence[start - 1].form == "Air"
        {
            relabel(
                &mut labels[start - 1..end],
                type_index(EntityType::Organization),
            );
        }
    }
}

/// Types a stock market index as a thing, not an organization, and takes in its number
/// ("S&P 500", "CAC 40", "FTSE 100", "the DAX"), as CoNLL-2003 tags "FTSE 100" and news
/// means the index: the tagger reads "S&P" and "CAC" as the companies behind them.
fn mark_market_indices(sentence: &[Word], labels: &mut [u8]) {
    let is_number = |w: &Word| !w.form.is_empty() && w.form.bytes().all(|b| b.is_ascii_digit());
    for (start, end, _) in spans(labels) {
        // "S&P 500" may come tagged whole: its name is then the words before the number.
        let number_inside = end - start >= 2 && is_number(&sentence[end - 1]);
        let number_after = !number_inside && sentence.get(end).is_some_and(is_number);
        let name = &sentence[start..end - usize::from(number_inside)];
        let Some(&(_, alone)) = MARKET_INDICES
            .iter()
            .find(|(index, _)| index.split(' ').eq(name.iter().map(|w| w.lower.as_str())))
        else {
            continue;
        };
        if number_inside || number_after || alone {
            relabel(
                &mut labels[start..end + usize::from(number_after)],
                type_index(EntityType::Other),
            );
        }
    }
}

/// The last words of names of places built to stand in or pass through: an airport, a
/// stadium, a square, a bridge, a street, a station, a hall.
const PLACE_HEADS: &[&str] = &[
    "airport",
    "airfield",
    "stadium",
    "arena",
    "square",
    "bridge",
    "tunnel",
    "canal",
    "dam",
    "avenue",
    "boulevard",
    "street",
    "station",
    "tower",
    "hall",
    "theater",
    "theatre",
];

/// The last words of names of places given by nature: "Yangtze River", "Rocky
/// Mountains", "Llyn Peninsula".
const NATURE_HEADS: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "mountains",
    "valley",
    "island",
    "islands",
    "desert",
    "peninsula",
    "glacier",
    "canyon",
    "volcano",
];

/// The first words of names of places given by nature or held by an army: "Mount
/// Kilimanjaro", "Lake Victoria", "Cape Horn", "Fort Bragg", "Camp Lejeune".
const PLACE_OPENERS: &[&str] = &["mount", "mt.", "mt", "lake", "cape", "fort", "camp"];

/// Types a name that says what kind of place it is as a place: one that ends in a
/// place's head noun ("Heathrow Airport", "Wembley Stadium", "Tiananmen Square", "Rocky
/// Mountains") or opens with a natural feature's ("Mount Kilimanjaro", "Lake Victoria"),
/// where the tagger read its other words as a person's or "International" as an
/// organization's. Left as they are: a name of one word ("Arena" may be a company), a
/// thing named like a street or a place in nature (a show, a book: "Coronation Street",
/// "Small Island") or by its first word, names joined by "and", a
/// space station (a craft), a person whose last word the document names alone as a
/// person or is a surname as often as a structure ("Wayne Bridge"), and a name that ends
/// in an institution's word ("Mount Sinai Hospital").
fn mark_places_by_kind(sentence: &[Word], labels: &mut [u8], surnames: &HashSet<&str>) {
    for (start, end, kind) in spans(labels) {
        let last = &sentence[end - 1];
        let head = last.lower.as_str();
        let named_by_head = PLACE_HEADS.contains(&head) || NATURE_HEADS.contains(&head);
        let a_person = kind == "PER"
            && (surnames.contains(head) || matches!(head, "bridge" | "tower" | "hall"));
        // A thing is a place only by a built place's head: one named like a street or a
        // place in nature is a show, a book or a brand more often than the place
        // ("Coronation Street", "Small Island").
        let a_thing = kind == "MISC"
            && (!PLACE_HEADS.contains(&head) || matches!(head, "street" | "avenue" | "boulevard"));
        let named_by_opener = PLACE_OPENERS.contains(&sentence[start].lower.as_str())
            && sentence[start + 1..end]
                .iter()
                .all(|w| w.lexicon & Lexicon::ORG_WORD == 0);
        if end - start < 2
            || kind == "LOC"
            || a_person
            || a_thing
            || !last.form.starts_with(|c: char| c.is_uppercase())
            || !(named_by_head || named_by_opener)
            || (head == "station" && sentence[end - 2].lower == "space")
            || sentence[start..end].iter().any(|w| w.form == "and")
        {
            continue;
        }
        relabel(&mut labels[start..end], type_index(EntityType::Place));
    }
}

/// Types a state's abbreviation after a place and a comma as a place ("Tampa, Fla.",
/// "Phoenix, Ariz.", "Washington, D.C."), where the tagger read it as something else or
/// nothing: the gazetteer links such abbreviations to their states (see
/// `cargo xtask gazetteer`), but they mark no word for the tagger, which learned without
/// them.
fn mark_abbreviated_states(sentence: &[Word], labels: &mut [u8], gazetteer: &Gazetteer) {
    let place = type_index(EntityType::Place);
    for i in 2..sentence.len() {
        let word = &sentence[i];
        // Most words end in no period: asked first, on every word of every record.
        if !word.form.ends_with('.')
            || sentence[i - 1].form != ","
            || label_type(labels[i - 2]) != Some(place)
        {
            continue;
        }
        let alone = labels[i] == 0
            || !continues_name(labels, i)
                && labels
                    .get(i + 1)
                    .is_none_or(|&l| l == 0 || !continues_name(labels, i + 1));
        if !alone {
            continue;
        }
        let a_state = gazetteer
            .lookup(&word.form)
            .iter()
            .any(|&p| gazetteer.place(p as usize).kind == crate::places::PlaceKind::Region);
        if a_state {
            relabel(&mut labels[i..=i], place);
        }
    }
}

/// The last words of the names of bodies that sit, judge, govern or teach: a name that
/// ends in one names the body, not where it sits ("the High Court", "the United States
/// Congress", "Parliament"). Not the words places are named with too ("Soviet Union",
/// "West Bank", "Russian Federation", "Mexico City", "Oval Office"), nor a building a body
/// works in ("Moscow's Central Clinical Hospital" is a place to CoNLL).
const BODY_HEADS: [&str; 15] = [
    "congress",
    "senate",
    "parliament",
    "court",
    "ministry",
    "department",
    "police",
    "committee",
    "commission",
    "association",
    "university",
    "college",
    "agency",
    "bureau",
    "council",
];

/// Types a body the tagger read as a place as the organization it is: "the High Court",
/// "the United States Congress", "Parliament" alone.
fn mark_bodies_read_as_places(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, kind) in spans(labels) {
        let last = &sentence[end - 1];
        if kind == "LOC"
            && last.form.starts_with(char::is_uppercase)
            && BODY_HEADS.contains(&last.lower.as_str())
        {
            relabel(
                &mut labels[start..end],
                type_index(EntityType::Organization),
            );
        }
    }
}

/// The last words of the names of laws and of the texts states agree on: "the
/// Constitution", "the Endangered Species Act", "the Maastricht Treaty".
const LAW_HEADS: [&str; 8] = [
    "Constitution",
    "Act",
    "Charter",
    "Treaty",
    "Amendment",
    "Protocol",
    "Accord",
    "Accords",
];

/// Types a law or a treaty the tagger read as an organization as the thing it is ("our
/// Constitution", "the Maastricht Treaty"): a text, not a body that acts. Not where
/// more of a name follows ("the Treaty Organization" is one).
fn mark_laws(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, kind) in spans(labels) {
        if kind == "ORG" && LAW_HEADS.contains(&sentence[end - 1].form.as_str()) {
            relabel(&mut labels[start..end], type_index(EntityType::Other));
        }
    }
}

/// First words that name a place before "of": "the Gulf of Mexico", "the Isle of Man".
const PLACE_HEADS_BEFORE_OF: &[&str] = &[
    "gulf", "bay", "isle", "strait", "straits", "sea", "lake", "cape", "city", "province",
    "county", "district", "republic", "kingdom",
];

/// The words that name a state by its form, before "of" and the place it is the state
/// of: "the Federal Republic of Germany", "the Kingdom of Saudi Arabia". Not
/// "federation", as often a body's ("the Police Federation of England and Wales").
pub(crate) const STATE_FORMS: &[&str] = &[
    "republic",
    "kingdom",
    "emirate",
    "emirates",
    "commonwealth",
    "principality",
    "sultanate",
    "duchy",
];

/// Joins a state's formal name into one place where the tagger read its form and its
/// place apart: "the People's Republic of China" (a place, then a place), "the
/// Democratic Republic of Congo" (an adjective, then a place), "the Kingdom of Saudi
/// Arabia" (an organization, then a place), or the form and its place but not the words
/// before ("Democratic" before "Republic of Congo"). The form's word and every word
/// before it back to the article are capitalized; an owner's "'s" is taken in after a
/// word news writes in lower case ("People's"), not after a name or a day ("Sunday's
/// Republic of Ireland match"). A form in lower case ("the kingdom of Saudi Arabia"), a
/// name that runs on from before the form's words, or no place after "of" is left alone.
fn join_state_forms(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, kind) in spans(labels) {
        let is_form = |i: usize| {
            STATE_FORMS.contains(&sentence[i].lower.as_str())
                && sentence[i].form.starts_with(char::is_uppercase)
                && sentence.get(i + 1).is_some_and(|w| w.lower == "of")
        };
        let form_at = if kind != "LOC" {
            continue;
        } else if end - start > 2 && is_form(start) {
            // The tagger took "Republic of Congo" and left "Democratic" apart.
            start
        } else if start >= 2 && is_form(start - 2) {
            start - 2
        } else {
            continue;
        };
        let mut first = form_at;
        while first > 0 {
            let before = &sentence[first - 1];
            let capitalized = before.form.starts_with(char::is_uppercase) && before.lower != "the";
            let possessive = before.form == "'s"
                && first >= 2
                && sentence[first - 2].form.starts_with(char::is_uppercase)
                && crate::truecase::mostly_lowercase(&sentence[first - 2].lower);
            if !(capitalized || possessive) {
                break;
            }
            first -= 1;
        }
        // Not a name that runs on from before the form's words.
        if labels[first] != 0 && labels[first].is_multiple_of(2) {
            continue;
        }
        relabel(&mut labels[first..end], type_index(EntityType::Place));
    }
}

/// Gives a company named again without its legal form the organization its full name is,
/// where the tagger read it otherwise or split it: "Cambridge BioScience" (a place and a
/// company) after "Cambridge BioScience Corp", "Diamant Boart" (a person) after "Diamant
/// Boart SA". Only names of two words or more before the form: one word alone is as
/// often a person's or a place's ("Ford" of "Ford Motor Co").
fn join_company_stems(sentences: &[Vec<Word>], labels: &mut [Vec<u8>]) {
    let mut stems: HashSet<Vec<&str>> = HashSet::new();
    for (sentence, labels) in sentences.iter().zip(labels.iter()) {
        for (start, end, kind) in spans(labels) {
            // Most names end in no legal form: they are not copied.
            if kind != "ORG"
                || end - start < 3
                || !crate::link::is_legal_form(&sentence[end - 1].form)
            {
                continue;
            }
            let words: Vec<&str> = sentence[start..end]
                .iter()
                .map(|w| w.form.as_str())
                .collect();
            if let Some(stem) = crate::link::without_legal_form(&words)
                && stem.len() >= 2
            {
                stems.insert(stem.to_vec());
            }
        }
    }
    if stems.is_empty() {
        return;
    }
    for (sentence, labels) in sentences.iter().zip(labels.iter_mut()) {
        let names = spans(labels);
        for (k, &(start, end, kind)) in names.iter().enumerate() {
            // The name alone, or it and the one right after it.
            let mut candidates = vec![(end, kind != "ORG")];
            if let Some(&(next, next_end, _)) = names.get(k + 1)
                && next == end
            {
                candidates.push((next_end, true));
            }
            for (to, retype) in candidates {
                let words: Vec<&str> = sentence[start..to]
                    .iter()
                    .map(|w| w.form.as_str())
                    .collect();
                let free_after = sentence
                    .get(to)
                    .is_none_or(|w| !crate::link::is_legal_form(&w.form));
                if retype && free_after && stems.contains(&words) {
                    relabel(&mut labels[start..to], type_index(EntityType::Organization));
                }
            }
        }
    }
}

/// Words that end the names of public bodies and that the tagger's lexicon of
/// organization words ([`Lexicon::ORG_WORD`]) lacks, read only where a place opens the
/// name ("California Highway Patrol", "US Border Patrol", "Kent Constabulary"): the
/// lexicon is the one the tagger was trained with, so it grows by retraining, not here.
const INSTITUTION_HEADS: [&str; 3] = ["patrol", "constabulary", "gendarmerie"];

/// Joins a place to the institution's name the tagger began right after it, as one
/// organization: "California Highway Patrol" (a place, then a person), "Kenya Ports
/// Authority". The second name must end in an institution's word, so a place before a
/// person's title and name ("Texas Governor Rick Perry") stays apart.
fn join_place_to_institution(sentence: &[Word], labels: &mut [u8]) {
    let names = spans(labels);
    for pair in names.windows(2) {
        let [(start, place_end, kind), (next_start, end, _)] = pair else {
            continue;
        };
        let last = &sentence[end - 1];
        let institution = last.lexicon & Lexicon::ORG_WORD != 0
            || INSTITUTION_HEADS.contains(&last.lower.as_str());
        if *kind == "LOC" && place_end == next_start && institution {
            relabel(
                &mut labels[*start..*end],
                type_index(EntityType::Organization),
            );
        }
    }
}

/// Takes into a name the capitalized head and "of" (and "the") the tagger left before it
/// ("the Church of England", "Friends of the Earth", "the Daughters of the American
/// Revolution"): an institution's word ("Church", "Bank", "Council") anywhere, or, inside
/// a sentence where a capital says it is a name's, a plural news writes in lower case
/// ("Friends"). The whole is an organization, or a place after a place's word ("the Gulf
/// of Mexico"). A title is no head ("President of France"), nor a plural opening the
/// sentence ("Residents of Tampa fled").
fn take_in_heads_of(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, _) in spans(labels) {
        let of = match start.checked_sub(1).map(|i| sentence[i].form.as_str()) {
            Some("the") if start >= 2 && sentence[start - 2].form == "of" => start - 2,
            Some("of") => start - 1,
            _ => continue,
        };
        let Some(head_at) = of.checked_sub(1) else {
            continue;
        };
        let head = &sentence[head_at];
        let capitalized = head.form.starts_with(char::is_uppercase)
            && head.form.chars().skip(1).all(char::is_lowercase);
        let institution = head.lexicon & Lexicon::ORG_WORD != 0;
        let place = PLACE_HEADS_BEFORE_OF.contains(&head.lower.as_str());
        // Inside running text the word before it is written in lower case (not a
        // headline in title case, nor a quotation's first word).
        let running = head_at > 0 && sentence[head_at - 1].form.starts_with(char::is_lowercase);
        let plural = running
            && head.lower.len() > 3
            && head.lower.ends_with('s')
            && crate::truecase::mostly_lowercase(&head.lower);
        if !capitalized
            || !(running || head_at == 0)
            || labels[head_at] != 0
            || head.lexicon & Lexicon::TITLE != 0
            || !(institution || place || plural)
        {
            continue;
        }
        let kind = if place {
            EntityType::Place
        } else {
            EntityType::Organization
        };
        relabel(&mut labels[head_at..end], type_index(kind));
    }
}

/// Splits a name the tagger ran over an "and" ("Gazprom and Rosneft", "IMF and World
/// Bank") into the two names it joins, where the document names either alone elsewhere
/// (an acronym alone proves nothing: "CHIPS and Science Act"). One name with an "and" inside
/// ("Securities and Exchange Commission", "Department for Work and Pensions") has parts
/// that name nothing alone; an office's name that ends in two words joined after its
/// "of" ("Department of Trade and Industry") and a place the gazetteer knows whole
/// ("Trinidad and Tobago") stay whole.
fn split_coordinated_names(sentences: &[Vec<Word>], labels: &mut [Vec<u8>]) {
    let key = |words: &[Word]| {
        words
            .iter()
            .map(|w| w.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let joined = |words: &[Word]| words.iter().any(|w| w.form == "and");
    // Most documents have no such name: they pay for no table of names.
    let any_joined = sentences
        .iter()
        .zip(labels.iter())
        .any(|(sentence, labels)| {
            spans(labels)
                .iter()
                .any(|&(a, b, _)| joined(&sentence[a..b]))
        });
    if !any_joined {
        return;
    }
    let mut alone: HashSet<String> = HashSet::new();
    for (sentence, labels) in sentences.iter().zip(labels.iter()) {
        for (a, b, _) in spans(labels) {
            if !joined(&sentence[a..b]) {
                alone.insert(key(&sentence[a..b]));
            }
        }
    }
    for (sentence, labels) in sentences.iter().zip(labels.iter_mut()) {
        for (a, b, kind) in spans(labels) {
            let Some(and) = (a + 1..b.saturating_sub(1)).find(|&i| sentence[i].form == "and")
            else {
                continue;
            };
            let one_place = sentence[a].lexicon & Lexicon::PLACE_BEGIN != 0
                && sentence[a + 1..b]
                    .iter()
                    .all(|w| w.lexicon & Lexicon::PLACE_INSIDE != 0);
            let (left, right) = (&sentence[a..and], &sentence[and + 1..b]);
            let stands_alone = |part: &[Word]| alone.contains(&key(part));
            // "Department of Trade and Industry": the last two words an office's name
            // joins after its "of" or "for".
            let office =
                right.len() == 1 && left.iter().any(|w| matches!(w.form.as_str(), "of" | "for"));
            if one_place || office || !(stands_alone(left) || stands_alone(right)) {
                continue;
            }
            let kind = type_index(entity_type(kind));
            relabel(&mut labels[a..and], kind);
            labels[and] = 0;
            relabel(&mut labels[and + 1..b], kind);
        }
    }
}

/// The words (lower case) a document tags alone as a person: surnames, as it calls
/// people named in full before.
fn people_named_alone<'s>(sentences: &'s [Vec<Word>], labels: &[Vec<u8>]) -> HashSet<&'s str> {
    let mut alone = HashSet::new();
    for (sentence, labels) in sentences.iter().zip(labels) {
        for (a, b, kind) in spans(labels) {
            if b - a == 1 && kind == "PER" {
                alone.insert(sentence[a].lower.as_str());
            }
        }
    }
    alone
}

/// Days of the year written with a capital that are no one's name, and a time expression
/// of their own ("sales since Christmas", "Christmas has been tough"): the times enricher
/// reads them.
const HOLIDAYS: &[&str] = &[
    "christmas",
    "easter",
    "thanksgiving",
    "halloween",
    "hogmanay",
    "ramadan",
    "diwali",
    "hanukkah",
    "passover",
];

/// Drops a one-word name that names no one: a holiday ("Christmas"; a longer name keeps
/// it: "Christmas Island"), a part of a text read as a person before its number
/// ("Section 39A", one of [`NUMBERED_PARTS`]; not in a sports report, `sports`) or the
/// plural of an acronym, which is a common noun's ("PCs", "MPs", "DVDs", "SMSes"; a name
/// is one of its kind).
///
/// It drops too an acronym the document also writes in the plural (`plural`, as
/// [`plural_acronyms`] gives them): "a new MP3 player" where the article speaks of
/// "MP3s", "the MP" beside "MPs" (a thing of which there are several is a common noun's
/// acronym, not an organization's), and one of [`THING_ACRONYMS`] wherever it stands
/// alone.
fn drop_nameless_words(sentence: &[Word], labels: &mut [u8], plural: &HashSet<&str>, sports: bool) {
    for (start, end, kind) in spans(labels) {
        let word = &sentence[start];
        let form = word.form.as_str();
        // A part of a text before its number is no person ("Section 39A", "Article 50");
        // not in a sports report, where a player has his figures ("Law 2-0-23-0").
        let numbered = kind == "PER"
            && !sports
            && NUMBERED_PARTS.contains(&form)
            && sentence
                .get(end)
                .is_some_and(|w| w.form.starts_with(|c: char| c.is_ascii_digit()));
        if end - start == 1
            && (HOLIDAYS.contains(&word.lower.as_str())
                || numbered
                || is_plural_acronym(form)
                || plural.contains(form)
                || THING_ACRONYMS.contains(&form))
        {
            labels[start] = 0;
        }
    }
}

/// The points of the compass that open a people's or a region's adjective: "West German",
/// "South Korean", "West Indian", "Northern Irish".
const COMPASS_POINTS: [&str; 9] = [
    "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
];

/// Joins a point of the compass to the adjective after it that the tagger read without it
/// ("his West [German] counterpart", "West [Indian] all-rounder"): one adjective, as
/// "West Germany" is one place.
fn join_compass_to_adjective(sentence: &[Word], labels: &mut [u8]) {
    for (start, end, kind) in spans(labels) {
        if kind == "MISC"
            && end - start == 1
            && start > 0
            && labels[start - 1] == 0
            && COMPASS_POINTS.contains(&sentence[start - 1].form.as_str())
            && reads_as_nationality(&sentence[start])
        {
            relabel(&mut labels[start - 1..end], type_index(EntityType::Other));
        }
    }
}

/// Parts of a text, and rooms, named by their number ("Section 39A", "Article 50",
/// "Chapter 11", "Room 101").
const NUMBERED_PARTS: [&str; 10] = [
    "Section",
    "Article",
    "Chapter",
    "Clause",
    "Paragraph",
    "Schedule",
    "Amendment",
    "Proposition",
    "Rule",
    "Room",
];

/// Joins a firm named by its partners and a legal form into one organization, where the
/// tagger read the partners as names of their own or its founder as a person: "J. Henry
/// Schroder Wagg Ltd", "Touche Ross and Co", "Miller, Tabak, Hirsch and Co.", "Smith
/// Barney, Harris Upham and Co Inc", and a legal form after a comma: "Petroleos de
/// Venezuela, S.A.". The partners are the names right before the "and" (or "&") and
/// those before them joined by commas, two words each at most and no word of a firm's
/// name ("Partners", "Bank") among them; a form after a comma joins a name read as an
/// organization or a person (a place's abbreviation reads as one: "Adelaide, SA").
fn join_partner_firms(sentence: &[Word], labels: &mut [u8]) {
    // A founder's name right before the rest of the firm's: "J. Henry Schroder Wagg Ltd"
    // read as a person and a company.
    for pair in spans(labels).windows(2) {
        let [(start, between, first), (next, end, second)] = [pair[0], pair[1]];
        if first == "PER"
            && second == "ORG"
            && between == next
            && crate::link::is_legal_form(&sentence[end - 1].form)
        {
            relabel(
                &mut labels[start..end],
                type_index(EntityType::Organization),
            );
        }
    }
    let capital_form =
        |w: &Word| w.form.starts_with(char::is_uppercase) && crate::link::is_legal_form(&w.form);
    let run_start = |labels: &[u8], mut k: usize| {
        while k > 0 && labels[k - 1] != 0 {
            k -= 1;
        }
        k
    };
    let mut i = 2;
    while i < sentence.len() {
        let form_at = i;
        let joint = &sentence[i - 1];
        let partners = capital_form(&sentence[i])
            && matches!(joint.form.as_str(), "and" | "And" | "&")
            && labels[i - 2] != 0;
        let after_comma = !partners
            && sentence[i - 1].form == ","
            && capital_form(&sentence[i])
            && !matches!(
                sentence[i].lower.as_str(),
                "co" | "co." | "company" | "cos" | "cie"
            )
            && matches!(
                spans(&labels[..i - 1]).last(),
                Some(&(_, end, "ORG" | "PER")) if end == i - 1
            );
        if !partners && !after_comma {
            i += 1;
            continue;
        }
        let mut start = run_start(labels, i - 2);
        if partners {
            if i - 1 - start > 2 {
                i += 1;
                continue;
            }
            // A partner is a name, not a firm of its own ("Lazard, Evercore Partners,
            // Moelis & Company" lists three).
            let partner = |from: usize, to: usize| {
                to - from <= 2
                    && sentence[from..to]
                        .iter()
                        .all(|w| w.lexicon & Lexicon::ORG_WORD == 0 && !capital_form(w))
            };
            while start >= 2
                && sentence[start - 1].form == ","
                && labels[start - 2] != 0
                && partner(run_start(labels, start - 2), start - 1)
            {
                start = run_start(labels, start - 2);
            }
        }
        let mut end = form_at + 1;
        while end < sentence.len() && capital_form(&sentence[end]) {
            end += 1;
        }
        relabel(
            &mut labels[start..end],
            type_index(EntityType::Organization),
        );
        i = end;
    }
}

/// Lower-case particles that join the parts of a person's name ("Erik ten Hag", "Ursula
/// von der Leyen", "Mohammed bin Salman", "Luiz Inácio Lula da Silva").
const JOINING_PARTICLES: [&str; 20] = [
    "de", "da", "di", "du", "do", "dos", "das", "del", "della", "der", "den", "van", "von", "ten",
    "ter", "bin", "ibn", "al", "la", "le",
];

/// Joins two people's names that one or two joining particles separate into one name,
/// where the tagger left the particle out and read two people ("Erik" and "Hag" of "Erik
/// ten Hag": "ten" is also a number).
fn join_names_over_particles(sentence: &[Word], labels: &mut [u8]) {
    let inside = 2 + 2 * type_index(EntityType::Person) as u8;
    let people: Vec<(usize, usize)> = spans(labels)
        .into_iter()
        .filter(|(_, _, kind)| *kind == "PER")
        .map(|(start, end, _)| (start, end))
        .collect();
    // The particles and the next name go on the name before (a run of them, "Maria da
    // Graça de Souza", becomes one).
    for pair in people.windows(2) {
        let [(_, gap), (next, _)] = [pair[0], pair[1]];
        let particles = &sentence[gap..next];
        if (1..=2).contains(&particles.len())
            && particles
                .iter()
                .all(|w| JOINING_PARTICLES.contains(&w.form.as_str()))
        {
            labels[gap..=next].fill(inside);
        }
    }
}

/// Joins a nickname in quotation marks between a person's first name and surname into
/// one name: `Roberto "Hands of Stone" Duran`, `Vincent "The Chin" Gigante`, where the
/// tagger reads three names ("Duran" a town, "Gigante" a company). The first name is
/// tagged a person (one or two words); the nickname is one to four words, capitalized but
/// for joining words ("of", "the"); one or two capitalized words follow the closing mark.
fn join_nicknames(sentence: &[Word], labels: &mut [u8]) {
    let is_mark = |w: &Word| is_quotation_mark(&w.form);
    let capitalized =
        |w: &Word| w.form.starts_with(char::is_uppercase) && w.form.chars().any(char::is_lowercase);
    let joining = |w: &Word| matches!(w.lower.as_str(), "of" | "the" | "de" | "la" | "el");
    let mut joins = Vec::new();
    for (start, end, kind) in spans(labels) {
        if kind != "PER" || end - start > 2 || !sentence.get(end).is_some_and(is_mark) {
            continue;
        }
        let Some(close) = (end + 2..=end + 5)
            .take_while(|&i| i < sentence.len())
            .find(|&i| is_mark(&sentence[i]))
        else {
            continue;
        };
        let nickname = &sentence[end + 1..close];
        if !nickname.iter().all(|w| capitalized(w) || joining(w))
            || !nickname.first().is_some_and(capitalized)
        {
            continue;
        }
        let surname = sentence[close + 1..]
            .iter()
            .take(2)
            .take_while(|w| capitalized(w))
            .count();
        if surname > 0 {
            joins.push((start, close + 1 + surname));
        }
    }
    for (start, end) in joins {
        relabel(&mut labels[start..end], type_index(EntityType::Person));
    }
}

/// Whether a token is a double quotation mark, as news and tokenized corpora write it
/// (`"`, `“`, `”`, ``` `` ```, `''`).
pub(crate) fn is_quotation_mark(form: &str) -> bool {
    matches!(form, "\"" | "“" | "”" | "``" | "''")
}

/// The acronyms a document writes in the plural ("PCs", "MPs", "SMSes"), as their
/// singular.
fn plural_acronyms(sentences: &[Vec<Word>]) -> HashSet<&str> {
    sentences
        .iter()
        .flatten()
        .filter_map(|w| acronym_of_plural(&w.form))
        .collect()
}

/// Acronyms of things, never of an organization when they stand alone: a computer, a
/// disc, a measure of an economy, an office in a company ("Apple's CEO"). In a longer name
/// they stay ("PC World", "CD Projekt").
const THING_ACRONYMS: &[&str] = &[
    "ATM", "CD", "CEO", "CFO", "COO", "CTO", "DNA", "DVD", "DVR", "GDP", "GPRS", "GPS", "HD",
    "HDTV", "IPO", "IPTV", "LCD", "MMS", "MP3", "PC", "PDA", "PVR", "RFID", "SMS", "SUV", "USB",
    "VCR",
];

/// Whether a word is an acronym's plural: two capitals or digits or more, then "s" ("PCs",
/// "A380s"), or "es" after an "S" ("SMSes").
fn is_plural_acronym(word: &str) -> bool {
    acronym_of_plural(word).is_some()
}

/// The acronym a plural of one is of ("PCs" -> "PC", "SMSes" -> "SMS"); see
/// [`is_plural_acronym`].
fn acronym_of_plural(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    let stem = stem
        .strip_suffix("Se")
        .map_or(stem, |s| &word[..s.len() + 1]);
    (stem.len() >= 2
        && stem.starts_with(|c: char| c.is_ascii_uppercase())
        && stem
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
    .then_some(stem)
}

/// Whether the word (lower case given) is a word of a person's name in the document, or
/// the first of a longer name, which are what a name is called by alone.
fn names_alone_elsewhere(sentences: &[Vec<Word>], labels: &[Vec<u8>], lower: &str) -> bool {
    sentences.iter().zip(labels).any(|(sentence, labels)| {
        spans(labels).into_iter().any(|(a, b, kind)| {
            b - a >= 2
                && (sentence[a].lower == lower
                    || kind == "PER" && sentence[a..b].iter().any(|w| w.lower == lower))
        })
    })
}

/// Whether the document capitalizes the word (lower case given) inside a sentence with no
/// capitalized word beside it: a name of its own, not a word of a longer one.
fn capitalized_alone_inside(sentences: &[Vec<Word>], lower: &str) -> bool {
    let capitalized = |w: &Word| w.form.starts_with(char::is_uppercase);
    sentences.iter().any(|sentence| {
        (1..sentence.len()).any(|i| {
            sentence[i].lower == lower
                && capitalized(&sentence[i])
                && !crate::features::after_quote(sentence, i)
                && !capitalized(&sentence[i - 1])
                && sentence.get(i + 1).is_none_or(|w| !capitalized(w))
        })
    })
}

/// Prepositions of place: the name after one is where something is ("shot in Jordan",
/// "the index in Frankfurt").
const PLACE_PREPOSITIONS: [&str; 8] = ["in", "at", "of", "to", "from", "into", "across", "near"];

/// Whether the word before `start` is one of [`PLACE_PREPOSITIONS`].
fn after_place_preposition(sentence: &[Word], start: usize) -> bool {
    start
        .checked_sub(1)
        .is_some_and(|i| PLACE_PREPOSITIONS.contains(&sentence[i].lower.as_str()))
}

/// Whether the word before `start` is a preposition: the name after it is no subject
/// and no item of a list of its own ("At Minnesota, X and Y homered", "for Biogen").
fn after_preposition(sentence: &[Word], start: usize) -> bool {
    after_place_preposition(sentence, start)
        || start
            .checked_sub(1)
            .is_some_and(|i| matches!(sentence[i].lower.as_str(), "for" | "with" | "by" | "on"))
}

/// Whether two names of a sentence are neighbouring items of a list: only a comma, "and"
/// or ", and" between them.
fn joined_in_list(sentence: &[Word], a: &(usize, usize, &str), b: &(usize, usize, &str)) -> bool {
    match &sentence[a.1..b.0] {
        [sep] => matches!(sep.form.as_str(), "," | "and"),
        [comma, and] => comma.form == "," && and.lower == "and",
        _ => false,
    }
}

/// Gives a one-word name in a list of people the type of the people around it ("Wood,
/// Loren Roberts, Steve Stricker, Brian Claar": "Wood" was a place): the items of a list
/// separated by commas (and a last "and") are of one kind. Only where most items are
/// people, two of them named in full, and the name is a place or an organization.
fn align_lists(sentence: &[Word], labels: &mut [u8]) {
    let found = spans(labels);
    let joined =
        |a: &(usize, usize, &str), b: &(usize, usize, &str)| joined_in_list(sentence, a, b);
    let mut i = 0;
    while i < found.len() {
        let mut j = i + 1;
        while j < found.len() && joined(&found[j - 1], &found[j]) {
            j += 1;
        }
        let list = &found[i..j];
        // People named in full, most of the list: a list of places with a name or two
        // read as people's ("Tempe, Glendale, Chandler, Gilbert") is left alone.
        let full_names = list
            .iter()
            .filter(|e| e.2 == "PER" && e.1 - e.0 >= 2)
            .count();
        let people = list.iter().filter(|e| e.2 == "PER").count();
        if list.len() >= 3 && full_names >= 2 && people * 2 > list.len() {
            for &(start, end, kind) in list {
                // Not a place a preposition or a possessive makes one ("At Minnesota,
                // X and Y homered", "Japan's Hidemi Suzuki").
                let placed = after_preposition(sentence, start);
                let owns = sentence
                    .get(end)
                    .is_some_and(|w| matches!(w.form.as_str(), "'s" | "’s"));
                if end - start == 1 && matches!(kind, "LOC" | "ORG") && !placed && !owns {
                    relabel(&mut labels[start..end], 0);
                }
            }
        }
        i = j;
    }
}

/// Nouns that news puts right before a company's or an institution's name ("Irish
/// national airline Aer Lingus", "aircraft manufacturer, Airbus,", "search giant Google",
/// "mobile operator Sprint", "film distributor Toho"): no person's occupation among them
/// ("producer", "developer", "maker" and "miner" name people too: "documentary maker
/// Michael Cockerell", "miner Mario Sepulveda"; a maker of goods counts apart, see
/// [`after_maker_of_goods`]), nor "concern" ("Moody is a major concern").
const ORGANIZATION_NOUNS: [&str; 50] = [
    "airline",
    "band",
    "trio",
    "quartet",
    "orchestra",
    "regulator",
    "watchdog",
    "charity",
    "union",
    "think-tank",
    "thinktank",
    "carrier",
    "company",
    "firm",
    "manufacturer",
    "automaker",
    "carmaker",
    "planemaker",
    "airframer",
    "chipmaker",
    "retailer",
    "bank",
    "lender",
    "insurer",
    "broadcaster",
    "newspaper",
    "magazine",
    "network",
    "agency",
    "startup",
    "giant",
    "conglomerate",
    "group",
    "supplier",
    "exchange",
    "club",
    "team",
    "brand",
    "unit",
    "subsidiary",
    "division",
    "website",
    "chain",
    "drugmaker",
    "studio",
    "label",
    "operator",
    "refiner",
    "distributor",
    "outfit",
];

/// Words of ownership that only an organization is said with, right before its name
/// ("state-owned Rosneft", "family-run Fiat").
const OWNERSHIP_ADJECTIVES: [&str; 10] = [
    "state-owned",
    "state-run",
    "state-controlled",
    "government-owned",
    "privately-owned",
    "privately-held",
    "family-owned",
    "family-run",
    "publicly-listed",
    "publicly-traded",
];

/// Whether the words before the name at `start..end` end in one of
/// [`ORGANIZATION_NOUNS`], with or without a comma between ("manufacturer, Airbus,"), or
/// one of [`OWNERSHIP_ADJECTIVES`] comes right before it.
fn after_organization_noun(sentence: &[Word], start: usize, end: usize) -> bool {
    noun_before(sentence, start, end)
        .is_some_and(|noun| ORGANIZATION_NOUNS.contains(&noun.form.as_str()))
        || start
            .checked_sub(1)
            .is_some_and(|i| OWNERSHIP_ADJECTIVES.contains(&sentence[i].lower.as_str()))
}

/// Whether the name at `start..end` is followed by an apposition whose head is one of
/// [`ORGANIZATION_NOUNS`] ("Airbus, Europe's biggest aircraft manufacturer, has"): a
/// noun phrase (an article or a possessive opens it) of at most eight words that the
/// next comma or the sentence's end closes, with no preposition that would make the noun
/// another's ("Smith, captain of the team,") and no verb of a clause ("Kemp, who will
/// head the team,"); not a name in a list ("Pol Pot, Ta Mok, Son Sen's group").
fn before_organization_apposition(sentence: &[Word], start: usize, end: usize) -> bool {
    let in_list = start > 0 && sentence[start - 1].form == ",";
    if in_list || sentence.get(end).is_none_or(|w| w.form != ",") {
        return false;
    }
    let phrase = &sentence[end + 1..];
    let Some(close) = phrase
        .iter()
        .position(|w| matches!(w.form.as_str(), "," | "." | ";"))
        .or((phrase.len() <= 8).then_some(phrase.len()))
    else {
        return false;
    };
    let phrase = &phrase[..close];
    let noun_phrase = phrase
        .first()
        .is_some_and(|w| matches!(w.lower.as_str(), "the" | "a" | "an"))
        || phrase
            .iter()
            .any(|w| matches!(w.form.as_str(), "'s" | "’s"));
    (1..=8).contains(&close)
        && noun_phrase
        && !phrase.iter().any(|w| {
            matches!(
                w.lower.as_str(),
                "of" | "for"
                    | "at"
                    | "in"
                    | "with"
                    | "from"
                    | "on"
                    | "by"
                    | "and"
                    | "or"
                    | "who"
                    | "which"
                    | "that"
                    | "will"
                    | "has"
                    | "have"
                    | "had"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
            )
        })
        // The head is a common noun, not a name's last word ("the Glenview, Ill.-based
        // company's Networks Services Division").
        && phrase[close - 1].form.starts_with(|c: char| c.is_lowercase())
        && ORGANIZATION_NOUNS.contains(&phrase[close - 1].lower.as_str())
        || headed_by_organization_noun(phrase)
}

/// Whether an apposition's noun phrase is headed by a company's noun that a clause then
/// qualifies: ", the Lebanese company founded by ...", ", a Chicago firm that ...", ",
/// the airline based in ...". The head is among the first five words.
fn headed_by_organization_noun(phrase: &[Word]) -> bool {
    let opens_noun_phrase = phrase
        .first()
        .is_some_and(|w| matches!(w.lower.as_str(), "the" | "a" | "an"));
    let Some(head) = phrase
        .iter()
        .take(5)
        .position(|w| ORGANIZATION_NOUNS.contains(&w.lower.as_str()))
    else {
        return false;
    };
    // Not any participle: ", the national news agency reported" opens a clause.
    let qualified = phrase.get(head + 1).is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "that"
                | "which"
                | "whose"
                | "behind"
                | "founded"
                | "based"
                | "owned"
                | "controlled"
                | "run"
                | "listed"
                | "headquartered"
                | "known"
        )
    });
    opens_noun_phrase
        && qualified
        && phrase[1..head].iter().all(|w| {
            w.form.chars().all(char::is_alphabetic)
                && !matches!(w.lower.as_str(), "of" | "and" | "or")
        })
}

/// Words after a name that make it a company's ("the Airbus chief executive", "Airbus
/// parent EADS", "Airbus employees", "the main Airbus union"), where a nationality
/// ("French workers") is left alone.
const COMPANY_MEMBERS: [&str; 15] = [
    "parent",
    "employee",
    "employees",
    "workers",
    "workforce",
    "staff",
    "union",
    "chief",
    "ceo",
    "executives",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "shareholders",
    "subsidiary",
];

/// Whether the name at `start..end` modifies one of [`COMPANY_MEMBERS`] and is no
/// country's name or nationality.
fn before_company_member(sentence: &[Word], start: usize, end: usize) -> bool {
    modifies_one_of(sentence, start, end, &COMPANY_MEMBERS)
}

/// Whether the name at `start..end` is followed by one of `nouns` (lower case) and is no
/// country's name or nationality ("French workers" are a people's).
fn modifies_one_of(sentence: &[Word], start: usize, end: usize, nouns: &[&str]) -> bool {
    sentence
        .get(end)
        .is_some_and(|w| nouns.contains(&w.lower.as_str()))
        && !sentence[start..end]
            .iter()
            .any(|w| names_a_country(w) || reads_as_nationality(w))
}

/// Words after a name that make it an organization's and, unlike some of
/// [`COMPANY_MEMBERS`], never a person's ("Lionsgate officials", "Seacom employees"; but
/// "Clinton spokesman Mike McCurry"). CoNLL-2003 train and valid tag no name before one
/// of them a person.
const STAFF: [&str; 8] = [
    "officials",
    "employees",
    "employee",
    "workers",
    "workforce",
    "executives",
    "shareholders",
    "subsidiary",
];

/// Whether the name at `start..end` modifies one of [`STAFF`] and is no country's name or
/// nationality.
fn before_staff(sentence: &[Word], start: usize, end: usize) -> bool {
    modifies_one_of(sentence, start, end, &STAFF)
}

/// Whether the name ending at `end` is followed by ", which": people take "who". CoNLL-2003
/// train and valid tag 2 of 62 such names a person, but British news often attaches the
/// clause to what the person made ("a book by Robert Peston, which suggested"): a team's
/// sign among others ([`team_signs`]), not a sign of an organization alone.
fn before_which(sentence: &[Word], end: usize) -> bool {
    matches!(sentence.get(end..end + 2), Some([comma, which]) if comma.form == "," && which.lower == "which")
}

/// People who work at an organization, named before "at" and its name: "economists at
/// Barclays", "an analyst at Nomura", "commercial director at Rightmove". (Not
/// "officials at": they are at places too.)
const STAFF_AT: [&str; 23] = [
    "analysts",
    "analyst",
    "economists",
    "economist",
    "strategists",
    "strategist",
    "traders",
    "trader",
    "executives",
    "executive",
    "employees",
    "employee",
    "researchers",
    "researcher",
    "scientists",
    "engineers",
    "bankers",
    "banker",
    "lawyers",
    "dealers",
    "dealer",
    "director",
    "directors",
];

/// Whether the name at `start..end` follows one of [`STAFF_AT`] and "at" or "with", and
/// owns nothing itself ("a strategist at Moscow's Sovlink Securities", "an analyst with
/// Jupiter Research" works at the company).
fn after_staff_at(sentence: &[Word], start: usize, end: usize) -> bool {
    start >= 2
        && matches!(sentence[start - 1].lower.as_str(), "at" | "with")
        && STAFF_AT.contains(&sentence[start - 2].lower.as_str())
        && sentence
            .get(end)
            .is_none_or(|w| !matches!(w.form.as_str(), "'s" | "’s"))
}

/// Whether a word ends as nationalities do in English ("Iranian", "Chinese", "Turkish",
/// "Iraqi", "French", "Dutch", "Swiss", "Greek", "Thai"): the gazetteer knows countries,
/// not their peoples. A company named so ("Nissan") is left to the other votes.
fn reads_as_nationality(word: &Word) -> bool {
    let w = word.lower.as_str();
    word.form.starts_with(char::is_uppercase)
        && (["an", "ese", "ish", "i", "ch", "ss", "ek", "ai", "ic"]
            .iter()
            .any(|suffix| w.ends_with(suffix)))
}

/// Whether a plural (lower case) names a people: "americans", "israelis", "scots" (not
/// "athletics" or "celtics", whose singulars end as "Baltic" does).
pub(crate) fn names_a_people(lower: &str) -> bool {
    const PEOPLES: [&str; 16] = [
        "scots", "brits", "poles", "turks", "greeks", "danes", "swedes", "finns", "kurds", "arabs",
        "serbs", "croats", "czechs", "slovaks", "jews", "sikhs",
    ];
    lower.ends_with("ans") || lower.ends_with("is") || PEOPLES.contains(&lower)
}

/// The word right before the name at `start..end`, or before the comma before it when
/// the name is an apposition: one that the next comma or the sentence's end closes
/// ("manufacturer, Airbus, has"), not a new clause's subject ("club, Endt said").
fn noun_before(sentence: &[Word], start: usize, end: usize) -> Option<&Word> {
    let closed = || {
        sentence
            .get(end)
            .is_none_or(|w| matches!(w.form.as_str(), "," | "." | ";" | ")"))
    };
    match sentence[..start] {
        [.., ref noun, ref comma] if comma.form == "," && closed() => Some(noun),
        [.., ref noun] => Some(noun),
        [] => None,
    }
}

/// Nouns before a name that a place the gazetteer does not know is never called, though
/// a person or a company may be ("rival Fujitsu", "Danish brewer Carlsberg", "utility
/// Enel"): a name tagged a place after one is a company's. (A country can be a rival:
/// "to emulate rival Ghana".)
const NOT_PLACE_NOUNS: [&str; 14] = [
    "rival",
    "rivals",
    "brewer",
    "utility",
    "auditor",
    "auditors",
    "broker",
    "brokers",
    "operator",
    "maker",
    "producer",
    "distributor",
    "partner",
    "owner",
];

/// Whether the name at `start..end` follows one of [`NOT_PLACE_NOUNS`], or an
/// apposition after it ends in one ("Lockheed Martin, Boeing's rival during ...").
fn after_not_place_noun(sentence: &[Word], start: usize, end: usize) -> bool {
    if noun_before(sentence, start, end)
        .is_some_and(|noun| NOT_PLACE_NOUNS.contains(&noun.lower.as_str()))
    {
        return true;
    }
    if sentence.get(end).is_none_or(|w| w.form != ",") {
        return false;
    }
    let phrase = &sentence[end + 1..];
    phrase.iter().take(4).enumerate().any(|(k, noun)| {
        NOT_PLACE_NOUNS.contains(&noun.lower.as_str())
            && phrase.get(k + 1).is_none_or(|w| {
                !w.form.starts_with(char::is_alphanumeric) || w.form.starts_with(char::is_lowercase)
            })
            // An article, a possessive and a name that owns: "the", "its", "Boeing 's".
            && phrase[..k].iter().all(|w| {
                matches!(w.lower.as_str(), "the" | "a" | "an" | "its" | "their" | "'s" | "’s")
                    || w.form.starts_with(char::is_uppercase)
            })
    })
}

/// Nouns that only ever stand right before a person's name: kin ("his wife Manju Sam",
/// "their nine-month-old child Gloria"). Occupations are left out: "producer", "player"
/// and "coach" name companies, clubs and vehicles too.
const KIN_NOUNS: [&str; 24] = [
    "wife",
    "husband",
    "son",
    "daughter",
    "child",
    "mother",
    "father",
    "brother",
    "sister",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "girlfriend",
    "boyfriend",
    "fiancee",
    "fiancée",
    "widow",
    "stepson",
];

/// Whether the name at `start..end` follows a noun of [`KIN_NOUNS`] ("his wife Ann Lee",
/// "sister, Ann,") or "a man / woman / girl / boy named" ("this girl named Isabel").
fn after_kin_noun(sentence: &[Word], start: usize, end: usize) -> bool {
    if let [.., ref noun, ref named] = sentence[..start]
        && named.lower == "named"
        && matches!(
            noun.lower.as_str(),
            "man" | "woman" | "girl" | "boy" | "guy"
        )
    {
        return true;
    }
    noun_before(sentence, start, end).is_some_and(|noun| KIN_NOUNS.contains(&noun.lower.as_str()))
}

/// Whether a word (lower case) is one of sports reports; a document that holds four of
/// them (or one, and a score such as "4-2") reports sport, where a city or a county
/// that wins, loses or leads is its team (CoNLL types "Seattle" in "Texas's lead over
/// Seattle" an organization). A `matches!` of literals: every word of a document asks.
fn is_sports_word(lower: &str) -> bool {
    matches!(
        lower,
        "match"
            | "season"
            | "league"
            | "coach"
            | "striker"
            | "midfielder"
            | "goalkeeper"
            | "defender"
            | "inning"
            | "innings"
            | "homer"
            | "homers"
            | "homered"
            | "wicket"
            | "wickets"
            | "stumps"
            | "batsman"
            | "bowler"
            | "pitcher"
            | "touchdown"
            | "quarterback"
            | "halftime"
            | "half-time"
            | "playoff"
            | "playoffs"
            | "tournament"
            | "referee"
            | "penalty"
            | "squad"
            | "semi-final"
            | "quarter-final"
            | "goals"
            | "scored"
            | "victory"
            | "semifinal"
            | "semifinals"
            | "semi-finals"
            | "quarterfinal"
            | "quarterfinals"
            | "quarter-finals"
            | "rebounds"
            | "touchdowns"
            | "basketball"
            | "baseball"
            | "hockey"
            | "cricket"
            | "rugby"
            | "soccer"
    )
}

/// Whether the sentences report sport (see [`is_sports_word`]).
fn is_sports_report(sentences: &[Vec<Word>]) -> bool {
    let mut words = 0;
    let mut score = false;
    for sentence in sentences {
        for (i, word) in sentence.iter().enumerate() {
            words += usize::from(is_sports_word(&word.lower));
            // Not a range of ages or years ("18-35 age bracket", "10-15 years ago").
            let range = |after: usize| {
                sentence.get(i + after).is_some_and(|w| {
                    matches!(
                        w.lower.as_str(),
                        "years" | "year" | "age" | "per" | "percent" | "%"
                    )
                })
            };
            score |= word.form.as_bytes().first().is_some_and(u8::is_ascii_digit)
                && ((is_score(&word.form) && !range(1))
                    || (spaced_score(&sentence[i..]) && !range(3)));
            if words >= 4 || (score && words >= 1) {
                return true;
            }
        }
    }
    false
}

/// Whether the words begin with a score written as three ("65 - 53", as some text is
/// tokenized).
fn spaced_score(words: &[Word]) -> bool {
    matches!(words, [a, dash, b, ..]
        if dash.form == "-" && is_score_number(&a.form) && is_score_number(&b.form))
}

/// Whether a word is one side of a score: one to three digits.
fn is_score_number(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a word is a score ("4-2", "31-24"; not a year range such as "1995-96").
fn is_score(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(a, b)| is_score_number(a) && is_score_number(b))
}

/// Verbs whose subject in a sports report is a team ("Kent had reached 108 for three",
/// "Los Angeles won", "St Louis defeated Colorado").
const TEAM_VERBS: [&str; 23] = [
    "beat",
    "beats",
    "defeated",
    "won",
    "wins",
    "lost",
    "loses",
    "drew",
    "draws",
    "led",
    "leads",
    "trailed",
    "rallied",
    "edged",
    "routed",
    "blanked",
    "swept",
    "clinched",
    "dismissed",
    "reached",
    "scored",
    "outlasted",
    "improved",
];

/// Verbs of a club's roster whose subject in a sports report is a team ("New Orleans
/// signed Joique Bell", "Boston traded its closer").
const ROSTER_VERBS: [&str; 14] = [
    "signed",
    "signs",
    "re-signed",
    "traded",
    "trades",
    "acquired",
    "released",
    "waived",
    "drafted",
    "placed",
    "picked",
    "claimed",
    "sacked",
    "appointed",
];

/// Words before the side a team plays: "games against Detroit", "will play Indiana
/// State", "face Chicago", "hosts Boston".
const OPPONENT_BEFORE: [&str; 17] = [
    "against", "versus", "vs", "vs.", "play", "plays", "played", "playing", "face", "faces",
    "faced", "facing", "meet", "meets", "host", "hosts", "hosted",
];

/// Whether the place named at `start..end`, in a sports report, plays as a team: the
/// subject of a team's verb (after "had" too) or of a roster's, the object of "beat" or
/// "defeated" or of a win or a lead "over" it (not any "over": a header goes over a
/// goalkeeper), the side played ("against Carolina", "will play Indiana State", "the
/// semifinal between Evansville and Indiana State", either side of the pair), the side
/// a loss went to ("lost to Chicago") or led to a result ("leading Indianapolis to a
/// 20-13 victory"), or the owner of a player the tagger named, of a lead or of a record
/// ("Atlanta 's Tom Glavine", "Texas 's lead", "Indianapolis ’ record"). A country is a
/// national side, a place to CoNLL: not read here.
fn plays_as_team(sentence: &[Word], labels: &[u8], start: usize, end: usize) -> bool {
    if sentence[start..end].iter().any(names_a_country) {
        return false;
    }
    let next = |k: usize| sentence.get(end + k);
    let verb =
        usize::from(next(0).is_some_and(|w| matches!(w.lower.as_str(), "had" | "have" | "has")));
    let subject = next(verb).is_some_and(|w| {
        TEAM_VERBS.contains(&w.lower.as_str()) || ROSTER_VERBS.contains(&w.lower.as_str())
    });
    let before = |k: usize| start.checked_sub(k).map(|i| sentence[i].lower.as_str());
    let object = matches!(before(1), Some("beat" | "beats" | "defeated"))
        || (before(1) == Some("over")
            && matches!(
                before(2),
                Some("win" | "wins" | "victory" | "lead" | "triumph")
            ));
    let opponent = |at: usize| {
        let before = |k: usize| at.checked_sub(k).map(|i| sentence[i].lower.as_str());
        before(1).is_some_and(|w| OPPONENT_BEFORE.contains(&w))
            || (before(1) == Some("between")
                && before(2).is_some_and(|w| {
                    matches!(
                        w,
                        "game"
                            | "games"
                            | "match"
                            | "matches"
                            | "semifinal"
                            | "semi-final"
                            | "quarterfinal"
                            | "quarter-final"
                            | "final"
                            | "series"
                            | "matchup"
                            | "showdown"
                            | "clash"
                    )
                }))
    };
    // The second of a pair played ("against Detroit and Carolina"): the first name of
    // the pair, capitalized words back from the "and", is played.
    let second_of_pair = before(1) == Some("and") && {
        let mut first = start - 1;
        while first > 0
            && start - first <= 4
            && sentence[first - 1].form.starts_with(char::is_uppercase)
        {
            first -= 1;
        }
        first < start - 1 && opponent(first)
    };
    let played = opponent(start) || second_of_pair;
    // "lost to Chicago", "a 12-9 loss to Bath", "lost 12-9 to Bath".
    let score = usize::from(before(2).is_some_and(is_score));
    let lost_to = before(1) == Some("to")
        && matches!(
            before(2 + score),
            Some("lost" | "lose" | "loses" | "losing" | "loss" | "losses" | "defeat" | "fell")
        );
    let led_to = next(0).is_some_and(|w| w.lower == "to")
        && matches!(
            before(1),
            Some("leading" | "led" | "guided" | "guiding" | "helped" | "helping" | "lifted")
        );
    // Not any capitalized word after "'s": a city owns its stadium and its newspaper
    // ("Lusaka 's Independence stadium", "Melbourne 's Herald-Sun").
    let owner = owns_a_named_person(sentence, labels, end)
        || (next(0).is_some_and(|w| marks_owner(&w.form))
            && next(1).is_some_and(|w| {
                matches!(
                    w.lower.as_str(),
                    "lead"
                        | "coach"
                        | "manager"
                        | "captain"
                        | "victory"
                        | "win"
                        | "defeat"
                        | "record"
                        | "quarterback"
                        | "offense"
                        | "defense"
                        | "defence"
                        | "roster"
                )
            }));
    subject || object || played || lost_to || led_to || owner
}

/// The kinds of sign, each a bit, that a name in a sports report names a team
/// ([`team_signs`]).
mod team_sign {
    /// The subject of a team's verb: "Creighton defeated Drake", "The Jays led 33-26".
    pub const SUBJECT: u16 = 1;
    /// Beaten: "defeated Drake", "a 65-53 victory over Drake", "beat the host Jaguars".
    pub const BEATEN: u16 = 2;
    /// Followed by ", which": CoNLL-2003 train and valid tag 2 of 62 such names a
    /// person, each a clause that is not about the name.
    pub const WHICH: u16 = 4;
    /// A plural after "the": "the Colts", "the Bluejays" (not "the Williams sisters").
    pub const THE_PLURAL: u16 = 8;
    /// A season's record in brackets: "Creighton (25-7)".
    pub const RECORD: u16 = 16;
    /// Seeded or ranked: "top-seeded Creighton", "Top-ranked North Carolina".
    pub const SEEDED: u16 = 32;
    /// Owns a lead or a history: "Creighton 's lead", "in Creighton history".
    pub const LEAD: u16 = 64;
    /// The plural of a name made of a place and a plural that the tagger took for a
    /// person ("Colts" of "Indianapolis Colts").
    pub const NICKNAME: u16 = 128;
    /// Before one of its staff or its side ("Chelsea manager", "Chelsea striker Adrian
    /// Mutu", "the Chelsea side"): [`TEAM_STAFF`](super::TEAM_STAFF).
    pub const STAFF: u16 = 256;
    /// One side of a fixture ("Newcastle v Chelsea").
    pub const FIXTURE: u16 = 512;
    /// Before its fans or supporters ("Chelsea fans"), which a person has too ("Obama
    /// supporters").
    pub const FOLLOWERS: u16 = 1024;
    /// Paired with a name read as an organization ("between Arsenal and Chelsea",
    /// "Arsenal or Chelsea"), which a person is seldom in a sports report.
    pub const PAIRED: u16 = 2048;
    /// A team the sports reports the tagger learned from name ([`super::is_listed_team`]).
    pub const LISTED: u16 = 4096;
}

/// The sports teams of `data/teams.txt`, lower case and sorted (made by `cargo xtask
/// teams` from CoNLL-2003 train's sports reports).
static TEAMS: &str = include_str!("../data/teams.txt");

/// Whether a name (its words lower case, joined by spaces) is a team that sports
/// reports name ("chelsea", "aston villa"). A binary search of the sorted list as it
/// lies in the binary.
fn is_listed_team(lower: &str) -> bool {
    crate::truecase::contains_line(TEAMS, lower)
}

/// Nouns of a team's staff, players and side, written after the team's name ("Chelsea
/// manager", "Celtic striker"): a person's name is followed by none of them (as it may
/// be by "fans", "supporters" or "forward": "Obama supporters", "brought Drogba
/// forward"), so one such sign names a team. American sports' positions and units too
/// ("Colts quarterback Andrew Luck", "the Colts defense", "the Yankees bullpen").
const TEAM_STAFF: [&str; 34] = [
    "manager",
    "coach",
    "captain",
    "team",
    "boss",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "winger",
    "full-back",
    "left-back",
    "right-back",
    "centre-back",
    "centre-half",
    "side",
    "squad",
    "chairman",
    "academy",
    "quarterback",
    "linebacker",
    "cornerback",
    "receiver",
    "pitcher",
    "shortstop",
    "outfielder",
    "infielder",
    "offense",
    "defense",
    "offence",
    "defence",
    "bullpen",
    "roster",
];

/// A side's parts of the pitch and of its club, written after its name ("the Chelsea
/// area", "the Arsenal bench", "the Chelsea board"): a person's name is followed by
/// none of them (as it is by "goal": "a Drogba goal"), so one names a team as one of
/// its staff does ([`team_sign::STAFF`]).
const TEAM_PARTS: [&str; 11] = [
    "area",
    "box",
    "half",
    "net",
    "bench",
    "dugout",
    "goalmouth",
    "midfield",
    "rearguard",
    "board",
    "boardroom",
];

/// The signs ([`team_sign`]) that a place in a sports report plays as its team: not its
/// history ("in Texas history" is the state's too), nor ", which" ("at Old Trafford,
/// which ended a run").
const PLACE_TEAM_SIGNS: u16 =
    team_sign::SUBJECT | team_sign::BEATEN | team_sign::RECORD | team_sign::SEEDED;

/// The signs ([`team_sign`]) that the name at `start..end` of a sports report names a
/// team. A person is named with a verb of winning too ("Sampras beat Agassi"), so a
/// one-word name tagged a person is taken for a team only on two kinds of sign, or on
/// one of its staff after it ([`team_sign::STAFF`]), which no person has.
fn team_signs(sentence: &[Word], start: usize, end: usize) -> u16 {
    use team_sign::*;
    let word = &sentence[start];
    if sentence[start..end].iter().any(names_a_country) || reads_as_nationality(word) {
        return 0;
    }
    let next = |k: usize| sentence.get(end + k).map(|w| w.lower.as_str());
    let before = |k: usize| start.checked_sub(k).map(|i| sentence[i].lower.as_str());
    let mut signs = 0;
    let verb = usize::from(matches!(next(0), Some("had" | "have" | "has")));
    if next(verb).is_some_and(|w| TEAM_VERBS.contains(&w)) {
        signs |= SUBJECT;
    }
    // "beat the host Jaguars": the article (before a plural: "a win over the Soviet
    // Union" is a country's) and a host or a visitor may stand between.
    let mut k = 1;
    if before(k) == Some("the") && sentence[end - 1].form.ends_with('s') {
        k += 1;
    }
    if matches!(before(k), Some("host" | "visiting")) {
        k += 1;
    }
    if matches!(
        before(k),
        Some("beat" | "beats" | "defeated" | "defeats" | "tops" | "topped")
    ) || (before(k) == Some("over")
        && matches!(
            before(k + 1),
            Some("win" | "wins" | "victory" | "lead" | "triumph")
        ))
    {
        signs |= BEATEN;
    }
    if before_which(sentence, end) {
        signs |= WHICH;
    }
    // Not a people ("the Americans") nor an event ("the Olympics", "the Ashes"), nor in
    // a title ("Lord of the Rings"). A side's place in the game may stand between ("the
    // visiting Colts", "the defending champions").
    let form = word.form.as_str();
    let side = usize::from(matches!(
        before(1),
        Some("visiting" | "host" | "hosting" | "home" | "defending")
    ));
    let in_title = before(2 + side) == Some("of")
        && start
            .checked_sub(3 + side)
            .is_some_and(|i| sentence[i].form.starts_with(char::is_uppercase));
    if before(1 + side) == Some("the")
        && !in_title
        && end - start == 1
        && form.len() >= 4
        && form.chars().all(|c| c.is_ascii_alphabetic())
        && form.ends_with('s')
        && !form.ends_with("ss")
        && !names_a_people(&word.lower)
        && !EVENT_PLURALS.contains(&word.lower.as_str())
        && !next(0).is_some_and(|w| FAMILY_NOUNS.contains(&w))
    {
        signs |= THE_PLURAL;
    }
    // "(25-7)", or "( 25 - 7 )" as some text is tokenized.
    let rest = &sentence[end..];
    let record = matches!(rest, [open, _, _, _, close, ..]
            if open.form == "(" && close.form == ")" && spaced_score(&rest[1..]))
        || matches!(rest, [open, score, close, ..]
            if open.form == "(" && is_score(&score.form) && close.form == ")");
    if record {
        signs |= RECORD;
    }
    if before(1).is_some_and(|w| w.ends_with("seeded") || w.ends_with("ranked")) {
        signs |= SEEDED;
    }
    if (matches!(next(0), Some("'s" | "’s")) && next(1) == Some("lead"))
        || next(0) == Some("history")
    {
        signs |= LEAD;
    }
    match next(0) {
        Some(noun)
            if end - start == 1 && (TEAM_STAFF.contains(&noun) || TEAM_PARTS.contains(&noun)) =>
        {
            signs |= STAFF
        }
        Some("fans" | "supporters") if end - start == 1 => signs |= FOLLOWERS,
        _ => {}
    }
    // "Newcastle v Chelsea", "Chelsea vs. Arsenal": capitalized names on both sides.
    let capitalized = |i: Option<usize>| {
        i.and_then(|i| sentence.get(i))
            .is_some_and(|w| w.form.starts_with(char::is_uppercase))
    };
    let versus = |w: Option<&str>| matches!(w, Some("v" | "v." | "vs" | "vs."));
    if (versus(next(0)) && capitalized(Some(end + 1)))
        || (versus(before(1)) && capitalized(start.checked_sub(2)))
    {
        signs |= FIXTURE;
    }
    signs
}

/// Whether the name that starts at `start` is paired with a name read as an
/// organization, the two joined by "and" or "or" alone ("between Arsenal and Chelsea",
/// "Chelsea or Arsenal"); `found` are the sentence's names.
fn paired_with_organization(
    sentence: &[Word],
    found: &[(usize, usize, &str)],
    start: usize,
) -> bool {
    let Some(at) = found.iter().position(|f| f.0 == start) else {
        return false;
    };
    let joined = |a: &(usize, usize, &str), b: &(usize, usize, &str)| {
        a.1 < b.0 && matches!(&sentence[a.1..b.0], [w] if matches!(w.lower.as_str(), "and" | "or"))
    };
    (at > 0 && found[at - 1].2 == "ORG" && joined(&found[at - 1], &found[at]))
        || found
            .get(at + 1)
            .is_some_and(|next| next.2 == "ORG" && joined(&found[at], next))
}

/// Whether the name at `start..end` is followed by an age set off by commas, as news
/// gives a person's ("Alice McMeekin, 58, and Katie Jenkin, 20, were found"). Not a
/// number in brackets (a seeding, a minute: "Fiji (3)", "Gotting for Rees (39)"), nor
/// one of a list ("Windows 95, 98, ME"), nor after a country ("England, 24, ...").
fn before_age(sentence: &[Word], start: usize, end: usize) -> bool {
    let word = |k: usize| sentence.get(end + k).map(|w| w.form.as_str());
    let is_number = |w: Option<&str>| w.is_some_and(|w| w.parse::<u32>().is_ok());
    word(0) == Some(",")
        && word(1)
            .and_then(|w| w.parse::<u8>().ok())
            .is_some_and(|age| (1..=110).contains(&age))
        && matches!(word(2), Some("," | "." | ";"))
        && !is_number(word(3))
        && !is_number(Some(sentence[end - 1].form.as_str()))
        && !sentence[start..end].iter().any(names_a_country)
}

/// Honorifics and offices that only ever stand right before a person's name ("Mr.
/// LaRue", "President Nixon's committee", "Sen. Kaine"). Words that also open the names
/// of companies, leagues and characters ("General", "Major", "Captain", "Chief") are
/// left out, and so are offices that take "of" ("Secretary of State").
const HONORIFICS: [&str; 40] = [
    "mr",
    "mrs",
    "ms",
    "lord",
    "lady",
    "baron",
    "baroness",
    "dr",
    "prof",
    "professor",
    "president",
    "senator",
    "sen",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "judge",
    "sir",
    "dame",
    "pope",
    "ayatollah",
    "sheikh",
    "rabbi",
    "imam",
    "cardinal",
    "archbishop",
    "rev",
    "reverend",
    "gen",
    "lt",
    "maj",
    "col",
    "capt",
    "sgt",
    "cpl",
    "pvt",
    "adm",
];

/// Whether the name at `start` follows one of [`HONORIFICS`] ("Mr." or "Mr" then ".").
fn after_honorific(sentence: &[Word], start: usize) -> bool {
    let before = match sentence[..start] {
        [.., ref title, ref point] if point.form == "." => title,
        [.., ref title] => title,
        [] => return false,
    };
    is_honorific(before)
}

/// Whether a word is one of [`HONORIFICS`], capitalized ("Mr", "Mr.", "Lord"): "the
/// president Nixon named" is rarer than a sentence's "president".
fn is_honorific(word: &Word) -> bool {
    let lower = word.lower.strip_suffix('.').unwrap_or(&word.lower);
    word.form.starts_with(char::is_uppercase) && HONORIFICS.contains(&lower)
}

/// Verbs whose subject is someone who acts: a person or an organization, never a
/// nationality, an event or a product, the other things a miscellaneous name is. Forms
/// that are also plural nouns ("Turkish hopes", "Mexican states", "Chinese launches") are
/// left out.
const AGENT_VERBS: [&str; 31] = [
    "signed",
    "ordered",
    "acquired",
    "posted",
    "sued",
    "hired",
    "said",
    "says",
    "announced",
    "announces",
    "announce",
    "confirmed",
    "confirms",
    "confirm",
    "stated",
    "unveiled",
    "unveils",
    "unveil",
    "launched",
    "denied",
    "denies",
    "deny",
    "declined",
    "agreed",
    "agrees",
    "expects",
    "reported",
    "warned",
    "warns",
    "admitted",
    "admits",
];

/// Present forms of agents' verbs that are also plural nouns: verbs only right after a
/// name that opens its sentence ("Airbus offers funding", a headline's "Airbus launches").
const AGENT_VERBS_OR_NOUNS: [&str; 7] = [
    "offers", "launches", "plans", "hopes", "signs", "declines", "states",
];

/// Plurals that end companies' names ("Japan Airlines", "Tata Motors").
const COMPANY_PLURALS: [&str; 14] = [
    "airlines",
    "airways",
    "industries",
    "holdings",
    "systems",
    "communications",
    "motors",
    "foods",
    "networks",
    "partners",
    "securities",
    "services",
    "technologies",
    "resources",
];

/// Whether a name of two words or more ends in a plural that news writes in lower case
/// ("Republican Senators", "Young Democrats"): people, not a company (unless the plural
/// is one of [`COMPANY_PLURALS`]).
fn names_people(name: &[Word]) -> bool {
    name.len() >= 2
        && name.last().is_some_and(|w| {
            w.lower.len() > 3
                && w.lower.ends_with('s')
                && !COMPANY_PLURALS.contains(&w.lower.as_str())
                && crate::truecase::usually_lowercase(&w.lower)
        })
}

/// Words that stand between a subject and its verb without changing it ("Airbus has
/// also recently signed", "Airbus this week announced").
const BETWEEN_SUBJECT_AND_VERB: [&str; 11] = [
    "also",
    "recently",
    "already",
    "now",
    "still",
    "just",
    "this",
    "last",
    "week",
    "today",
    "yesterday",
];

/// Whether the words after `end` are a verb of [`AGENT_VERBS`], directly or after an
/// auxiliary ("Airbus announced", "Airbus has confirmed", "Airbus have announced"), or
/// one of [`AGENT_VERBS_OR_NOUNS`] after a name that starts at `start` = 0; adverbs of
/// [`BETWEEN_SUBJECT_AND_VERB`] may stand before the auxiliary or the verb, two at most.
fn before_agent_verb(sentence: &[Word], start: usize, end: usize) -> bool {
    if start == 0
        && sentence
            .get(end)
            .is_some_and(|w| AGENT_VERBS_OR_NOUNS.contains(&w.lower.as_str()))
    {
        return true;
    }
    let adverbs = |from: usize| {
        sentence[from.min(sentence.len())..]
            .iter()
            .take(2)
            .take_while(|w| BETWEEN_SUBJECT_AND_VERB.contains(&w.lower.as_str()))
            .count()
    };
    let mut at = end + adverbs(end);
    if sentence
        .get(at)
        .is_some_and(|w| matches!(w.lower.as_str(), "has" | "have" | "had" | "will"))
    {
        at += 1;
        at += adverbs(at);
    }
    sentence
        .get(at)
        .is_some_and(|w| AGENT_VERBS.contains(&w.lower.as_str()))
}

/// Participles that do not end in "-ed" or "-en", before "by" and the one who acts.
const IRREGULAR_PARTICIPLES: [&str; 14] = [
    "made", "built", "won", "bought", "sold", "run", "led", "held", "sent", "brought", "paid",
    "hit", "struck", "caught",
];

/// Whether the name at `start..end` is the agent of a passive verb ("made by Airbus",
/// "compensated by Airbus for"): someone who acts, as the subject of an agent's verb is.
/// A name that modifies a noun after it is not ("backed by Iraqi tanks").
fn after_passive_by(sentence: &[Word], start: usize, end: usize) -> bool {
    let agent = match sentence[..start] {
        [.., ref participle, ref by] if by.lower == "by" => {
            let p = participle.lower.as_str();
            (p.len() > 4 && (p.ends_with("ed") || p.ends_with("en")))
                || IRREGULAR_PARTICIPLES.contains(&p)
        }
        _ => false,
    };
    agent && ends_phrase_at(sentence, end)
}

/// Whether the noun phrase of a name ending at `end` ends there: the sentence ends, or a
/// mark or one of [`PHRASE_FOLLOWERS`] comes next, not an owner's mark ("Surrey's") nor
/// a word the name qualifies ("RAF livery").
fn ends_phrase_at(sentence: &[Word], end: usize) -> bool {
    sentence.get(end).is_none_or(|w| {
        !marks_owner(&w.form)
            && (!w.form.starts_with(char::is_alphanumeric)
                || PHRASE_FOLLOWERS.contains(&w.lower.as_str()))
    })
}

/// Whether a token marks its name an owner: "'s", or the apostrophe alone after a name
/// ending in "s" ("Indianapolis ’ record").
fn marks_owner(form: &str) -> bool {
    matches!(form, "'s" | "’s" | "'" | "’")
}

/// What only a company has ("China Eastern's board of directors", "Apple's shares").
const COMPANY_POSSESSIONS: [&str; 12] = [
    "board",
    "shareholders",
    "shares",
    "stock",
    "ceo",
    "chairman",
    "subsidiary",
    "subsidiaries",
    "headquarters",
    "employees",
    "workforce",
    "profits",
];

/// Whether the name at `start..end` is followed by "'s" and a thing only a company has.
fn before_company_possession(sentence: &[Word], end: usize) -> bool {
    matches!(sentence.get(end..end + 2), Some([s, noun])
        if matches!(s.form.as_str(), "'s" | "’s")
            && COMPANY_POSSESSIONS.contains(&noun.lower.as_str()))
}

/// What a company has and a person, whose shares and board a magnate may have too, does
/// not: its accounts, its parts, its chairman, its founder and its premises.
const COMPANY_ACCOUNTS: [&str; 29] = [
    "revenue",
    "division",
    "divisions",
    "unit",
    "units",
    "customers",
    "subscribers",
    "products",
    "operations",
    "revenues",
    "profits",
    "turnover",
    "shareholders",
    "subsidiary",
    "subsidiaries",
    "headquarters",
    "chairman",
    "management",
    "factory",
    "factories",
    "plants",
    "stores",
    "outlets",
    "shops",
    "branches",
    "brands",
    // A person has parents, not a founder ("Rolm's highly respected founder").
    "founder",
    "founders",
    "co-founder",
];

/// Whether the name at `start..end` is followed by "'s", at most two words that qualify,
/// and one of [`COMPANY_ACCOUNTS`] ("Nike's second-quarter revenues", "Diageo's annual
/// pre-tax profits"), or by "'s shares" and their price's move ("DaimlerChrysler's
/// shares fell").
fn before_company_accounts(sentence: &[Word], end: usize) -> bool {
    if sentence
        .get(end)
        .is_none_or(|w| !matches!(w.form.as_str(), "'s" | "’s"))
    {
        return false;
    }
    let after = &sentence[end + 1..];
    if matches!(after, [shares, moved, ..]
        if matches!(shares.lower.as_str(), "shares" | "stock")
            && price_move(Some(moved.lower.as_str())))
    {
        return true;
    }
    after.iter().take(3).enumerate().any(|(k, noun)| {
        COMPANY_ACCOUNTS.contains(&noun.lower.as_str())
            && after[..k].iter().all(|w| {
                w.form
                    .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
            })
    })
}

/// Makers whose products are works or who make no goods at all: "film maker Theo van
/// Gogh", "games maker Peter Molyneux", "policy makers".
const MAKERS_OF_NO_GOODS: [&str; 12] = [
    "film",
    "documentary",
    "programme",
    "movie",
    "games",
    "music",
    "record",
    "policy",
    "decision",
    "law",
    "peace",
    "trouble",
];

/// Whether a word is a common one: lower-case letters and hyphens ("telecoms",
/// "state-run").
fn is_common_word(word: &Word) -> bool {
    word.form.chars().all(|c| c.is_lowercase() || c == '-')
}

/// Whether the name at `start..end` follows a maker of goods: a lower-case noun and
/// "maker" or "makers" ("handset maker Nokia", "car maker Aston Martin", "chip makers
/// AMD and Intel"), a comma between or not ("the plane maker, Airbus,").
fn after_maker_of_goods(sentence: &[Word], start: usize, end: usize) -> bool {
    let closed = sentence
        .get(end)
        .is_none_or(|w| matches!(w.form.as_str(), "," | "." | ";" | ")"));
    let before = match sentence[..start] {
        [ref rest @ .., ref comma] if comma.form == "," && closed => rest,
        ref rest => rest,
    };
    matches!(before, [.., goods, maker]
        if matches!(maker.form.as_str(), "maker" | "makers")
            && is_common_word(goods)
            && !MAKERS_OF_NO_GOODS.contains(&goods.form.as_str()))
}

/// Words that may close the noun phrase of a predicate ("the first internet firm to
/// offer", "a company that", "the airline in").
const AFTER_PREDICATE_NOUN: [&str; 12] = [
    "to", "that", "which", "in", "with", "for", "of", "on", "and", "since", "behind", "based",
];

/// Whether the name at `start..end` is said to be one of [`ORGANIZATION_NOUNS`]: as the
/// subject of "is" or "was" with a noun phrase of at most five words headed by one ("Yahoo
/// was the first internet firm to offer", "BT is a telecoms company."), or after a phrase
/// that opens its sentence and is no more than that noun phrase ("As a telecoms company,
/// BT is"). The noun must end its phrase: "Smith was a bank manager" is a person's.
fn said_to_be_organization(sentence: &[Word], start: usize, end: usize) -> bool {
    // The words of a noun phrase that `phrase` opens with: an article, then common
    // words, the last one of the nouns, then the sentence's end, a punctuation mark or a
    // word of `AFTER_PREDICATE_NOUN`.
    let noun_phrase = |phrase: &[Word]| -> Option<usize> {
        let [article, rest @ ..] = phrase else {
            return None;
        };
        let words = rest
            .iter()
            .take_while(|w| is_common_word(w))
            .take(5)
            .count();
        let closed = rest.get(words).is_none_or(|next| {
            !next
                .form
                .starts_with(|c: char| c.is_alphanumeric() || c == '\'')
                || AFTER_PREDICATE_NOUN.contains(&next.lower.as_str())
        });
        (matches!(article.lower.as_str(), "a" | "an" | "the")
            && words > 0
            && ORGANIZATION_NOUNS.contains(&rest[words - 1].form.as_str())
            && closed)
            .then_some(1 + words)
    };
    let predicate = matches!(sentence.get(end), Some(verb) if matches!(verb.lower.as_str(), "is" | "was"))
        && noun_phrase(&sentence[end + 1..]).is_some();
    let fronted = start >= 3
        && sentence[start - 1].form == ","
        && sentence[0].lower == "as"
        && noun_phrase(&sentence[1..start - 1]) == Some(start - 2);
    predicate || fronted
}

/// Nouns for works (films, books, records, shows) that a title follows ("the film Vera
/// Drake", "their album Hot Fuss", "hit drama Desperate Housewives"); not the ones that
/// are verbs too ("play", "show", "hit", "star").
const WORK_NOUNS: [&str; 17] = [
    "film",
    "movie",
    "album",
    "novel",
    "sitcom",
    "musical",
    "documentary",
    "biopic",
    "opera",
    "drama",
    "comedy",
    "thriller",
    "series",
    "single",
    "song",
    "book",
    "soap",
];

/// Whether the name at `start` is the title of a work a noun before it names ("the film
/// Vera Drake", "his new album Musicology"): a work, not the person it may be named
/// after.
fn after_work_noun(sentence: &[Word], start: usize) -> bool {
    start
        .checked_sub(1)
        .is_some_and(|i| WORK_NOUNS.contains(&sentence[i].lower.as_str()))
}

/// Faiths and peoples named by an adjective or its plural, which CoNLL-2003 tags other
/// and the tagger, seeing them seldom, reads as a person, a place or an organization
/// ("Swansea's Muslim community", "a Muslim country"). Not "Christian", a first name
/// as often.
const FAITHS_AND_PEOPLES: [&str; 35] = [
    "Muslim",
    "Muslims",
    "Christians",
    "Jewish",
    "Jew",
    "Jews",
    "Hindu",
    "Hindus",
    "Sikh",
    "Sikhs",
    "Buddhist",
    "Buddhists",
    "Catholic",
    "Catholics",
    "Protestant",
    "Protestants",
    "Anglican",
    "Anglicans",
    "Evangelical",
    "Evangelicals",
    "Islamic",
    "Islamist",
    "Islamists",
    "Sunni",
    "Sunnis",
    "Shia",
    "Shias",
    "Shiite",
    "Shiites",
    "Arab",
    "Arabs",
    "Hispanic",
    "Hispanics",
    "Latino",
    "Latinos",
];

/// Whether a one-word name is one of [`FAITHS_AND_PEOPLES`].
fn names_a_faith_or_people(name: &[Word]) -> bool {
    matches!(name, [word] if FAITHS_AND_PEOPLES.contains(&word.form.as_str()))
}

/// Whether a name is a party's member or members ("Christian Democrat politicians", "an
/// Orlando Republican", "the Republican candidates", "Rockefeller Republicans"):
/// something, not someone, as CoNLL-2003 tags it other, where the tagger read a person
/// ("Christian" is a first name).
fn names_party_members(name: &[Word]) -> bool {
    let member = |w: &Word| {
        matches!(
            w.form.as_str(),
            "Democrat" | "Democrats" | "Republican" | "Republicans"
        )
    };
    match name {
        [rest @ .., last] => {
            member(last) && rest.iter().all(|w| w.form.starts_with(char::is_uppercase))
        }
        [] => false,
    }
}

/// Whether the one-word name at `start..end` is a thing one has: right after "a" or
/// "an" and the head of its phrase, which a preposition or a stop ends ("winning him an
/// Oscar in 1973", "nominated for a Grammy ."), not a name qualifying the noun after it
/// ("a London hospital", "a Labour MP", "a Richard and Judy award"). In lower case: "A
/// Craig" in a team's line-up is an initial.
fn a_thing_had(sentence: &[Word], start: usize, end: usize) -> bool {
    end - start == 1
        && start
            .checked_sub(1)
            .is_some_and(|i| matches!(sentence[i].form.as_str(), "a" | "an"))
        && sentence.get(end).is_none_or(|w| {
            matches!(
                w.lower.as_str(),
                "." | ","
                    | ";"
                    | ":"
                    | "in"
                    | "for"
                    | "at"
                    | "on"
                    | "from"
                    | "with"
                    | "by"
                    | "last"
                    | "this"
                    | "next"
            )
        })
}

/// Whether the name at `start..end` is a work someone plays in: after "role in", "roles
/// in", "starred in", "starring in" or "stars in" ("her role in Eternal Sunshine of the
/// Spotless Mind", "starred in Vera Drake"), and not the work's owner ("his role in
/// Bernardo Bertolucci's Last Tango in Paris").
fn after_a_role_in(sentence: &[Word], start: usize, end: usize) -> bool {
    matches!(sentence[..start], [.., ref verb, ref in_]
        if in_.lower == "in"
            && matches!(verb.lower.as_str(), "role" | "roles" | "starred" | "starring" | "stars"))
        && sentence.get(end).is_none_or(|w| !marks_owner(&w.form))
}

/// Whether the name at `start..end` is an event's by its last word ("Tokyo Marathon",
/// "Davis Cup", "Commonwealth Games", "Monaco Grand Prix", "Academy Awards"): no place or
/// organization of the same first words. Games are a place's or a kind's ("Athens
/// Games", "Olympic Games"), not a studio's ("Rockstar Games").
fn names_an_event(sentence: &[Word], start: usize, end: usize) -> bool {
    let games_of = |w: &Word| {
        w.lexicon & (Lexicon::PLACE_BEGIN | Lexicon::PLACE_INSIDE) != 0
            || matches!(
                w.form.as_str(),
                "Olympic"
                    | "Paralympic"
                    | "Commonwealth"
                    | "Asian"
                    | "African"
                    | "European"
                    | "Pan"
                    | "Winter"
                    | "Summer"
                    | "Youth"
                    | "Invictus"
                    | "Highland"
                    | "Mediterranean"
            )
    };
    end - start >= 2
        && (sentence[end - 1].form != "Games" || games_of(&sentence[end - 2]))
        && matches!(
            sentence[end - 1].form.as_str(),
            "Marathon"
                | "Olympics"
                | "Games"
                | "Cup"
                | "Prix"
                | "Open"
                | "Championship"
                | "Championships"
                | "Awards"
                | "Festival"
                | "Expo"
        )
}

/// Whether the name at `start..end` is a storm's ("Storm Eowyn", "Hurricane Katrina",
/// the name after "Typhoon"): an event, not the person or place it is named like.
fn names_a_storm(sentence: &[Word], start: usize, end: usize) -> bool {
    let storm = |w: &Word| {
        matches!(
            w.form.as_str(),
            "Storm" | "Hurricane" | "Typhoon" | "Cyclone" | "Tornado" | "Superstorm"
        )
    };
    (end - start >= 2 && storm(&sentence[start]))
        || start.checked_sub(1).is_some_and(|i| storm(&sentence[i]))
}

/// Words that make a way between two names, said just before "between" or "from": "the
/// service between Aberdeen and Kirkwall", "flights from Lagos to Abuja", "drove from
/// Kabul to Jalalabad".
const ROUTE_WORDS: [&str; 42] = [
    "service",
    "services",
    "road",
    "roads",
    "route",
    "routes",
    "flight",
    "flights",
    "train",
    "trains",
    "ferry",
    "ferries",
    "bus",
    "buses",
    "journey",
    "journeys",
    "highway",
    "motorway",
    "railway",
    "rail",
    "line",
    "link",
    "crossing",
    "crossings",
    "trip",
    "trips",
    "voyage",
    "pipeline",
    "corridor",
    "drove",
    "drive",
    "walked",
    "sailed",
    "flew",
    "fly",
    "flying",
    "travelled",
    "traveled",
    "travelling",
    "traveling",
    "connection",
    "connections",
];

/// Whether the name at `start..end` is an end of a way between two names (see
/// [`ROUTE_WORDS`]): "between X and Y" or "from X to Y" right after one of the words,
/// or a word or two after it ("trains running between X and Y"). Ends of a way are
/// places: a club or a company is named by its town's name ("Aberdeen", "Inverness"),
/// and an unknown small town is no one's name. A deal or a match between two names says
/// nothing of the kind.
fn on_a_route(sentence: &[Word], start: usize, end: usize) -> bool {
    let lower = |i: usize| sentence.get(i).map(|w| w.lower.as_str());
    let capitalized = |i: usize| {
        sentence
            .get(i)
            .is_some_and(|w| w.form.starts_with(char::is_uppercase))
    };
    let after_route_word = |opener: usize| {
        sentence[opener.saturating_sub(3)..opener]
            .iter()
            .any(|w| ROUTE_WORDS.contains(&w.lower.as_str()))
    };
    let Some(before) = start.checked_sub(1) else {
        return false;
    };
    match lower(before) {
        Some("between") => {
            lower(end) == Some("and") && capitalized(end + 1) && after_route_word(before)
        }
        Some("from") => {
            lower(end) == Some("to") && capitalized(end + 1) && after_route_word(before)
        }
        Some(joint @ ("and" | "to")) => {
            let opener = if joint == "and" { "between" } else { "from" };
            // The first end: up to four capitalized words before the joint.
            let mut first = before;
            while first > 0 && capitalized(first - 1) && before - first < 4 {
                first -= 1;
            }
            first < before
                && first >= 1
                && lower(first - 1) == Some(opener)
                && after_route_word(first - 1)
        }
        _ => false,
    }
}

/// Whether the name at `start` is a place a noun before it names as one ("the northern
/// city of Groningen", "the town of Chatelet", "the province of Aceh") or places by it
/// ("off the coast of Sicily", "the outskirts of Kabul", "north of Baghdad"): CoNLL-2003
/// train and valid tag every name after one of these and "of" a place.
fn after_place_noun(sentence: &[Word], start: usize) -> bool {
    matches!(start.checked_sub(2).map(|i| &sentence[i..start]), Some([noun, of])
    if of.lower == "of"
        && matches!(
            noun.lower.as_str(),
            "city" | "town" | "village" | "province" | "region" | "district" | "suburb"
                | "island" | "port" | "county" | "resort" | "coast" | "shores" | "capital"
                | "outskirts"
                | "suburbs" | "streets" | "islands" | "state" | "north" | "south" | "east"
                | "west" | "northeast" | "northwest" | "southeast" | "southwest"
        ))
}

/// Whether the name at `start..end`, a place the gazetteer knows, is followed by the
/// people or the services of a place, in lower case ("a 38-year-old Troy resident",
/// "Sarajevo residents", "Gatwick airport"); not a nationality ("Israeli police"), nor a
/// word of a longer name ("Thames Valley Police"). CoNLL-2003 train and valid tag the
/// names before these words places or nationalities, but 3 of 95 organizations.
fn before_place_people(sentence: &[Word], start: usize, end: usize) -> bool {
    opens_known_place(&sentence[start])
        && sentence.get(end).is_some_and(|w| {
            matches!(
                w.form.as_str(),
                "resident"
                    | "residents"
                    | "native"
                    | "natives"
                    | "villagers"
                    | "inhabitants"
                    | "airport"
                    | "police"
            )
        })
}

/// Whether the name at `start` is one of two places the gazetteer knows, a place and its
/// region set off by commas after a preposition of where ("born in Runcorn, Cheshire,",
/// "a judge in Fulton County, Ga., sentenced"). CoNLL-2003 train and valid tag 23
/// of 31 such pairs of names two places, and the others' second name is no place the
/// gazetteer knows ("in Tripoli, Tadeusz Awdankiewicz, told").
fn place_and_region(sentence: &[Word], names: &[(usize, usize, &str)], start: usize) -> bool {
    // The gazetteer knows the whole name ("Sam Brownbeck" opens with a place, no more).
    let known = |(start, end, _): &(usize, usize, &str)| {
        sentence[*start].lexicon & Lexicon::PLACE_BEGIN != 0
            && sentence[start + 1..*end]
                .iter()
                .all(|w| w.lexicon & Lexicon::PLACE_INSIDE != 0)
    };
    let closed = |end: usize| {
        sentence
            .get(end)
            .is_none_or(|w| matches!(w.form.as_str(), "," | "." | ";"))
    };
    let pair = |first: &(usize, usize, &str), second: &(usize, usize, &str)| {
        first.1 + 1 == second.0
            && sentence[first.1].form == ","
            && known(first)
            && known(second)
            && closed(second.1)
            && first.0.checked_sub(1).is_some_and(|i| {
                matches!(
                    sentence[i].lower.as_str(),
                    "in" | "at" | "near" | "from" | "outside"
                )
            })
    };
    names
        .windows(2)
        .any(|w| (w[0].0 == start || w[1].0 == start) && pair(&w[0], &w[1]))
}

/// Whether a word opens a place the gazetteer knows and reads as no nationality
/// ([`reads_as_nationality`]).
fn opens_known_place(word: &Word) -> bool {
    word.lexicon & Lexicon::PLACE_BEGIN != 0 && !reads_as_nationality(word)
}

/// Whether a name of two words or more ends as a newspaper's does ("The Hollywood
/// Reporter", "Daily Telegraph", "San Francisco Chronicle"): read of names tagged a
/// place, which CoNLL-2003 train and valid never end so (a person may: "Jim Courier").
fn names_a_newspaper(name: &[Word]) -> bool {
    name.len() >= 2
        && matches!(
            name[name.len() - 1].form.as_str(),
            "Reporter"
                | "Gazette"
                | "Chronicle"
                | "Telegraph"
                | "Examiner"
                | "Inquirer"
                | "Enquirer"
                | "Courier"
                | "Dispatch"
                | "Bulletin"
                | "Advertiser"
                | "Sentinel"
                | "Herald"
                | "Tribune"
                | "Journal"
                | "Times"
                | "Post"
        )
}

/// Whether the name at `start` is a place the gazetteer knows, after an adjective that
/// says where in it or around it ("suburban Detroit", "east Vancouver", "northern
/// Iraq"): CoNLL-2003 train and valid tag 134 names after one of these a place, 20 other
/// (nationalities: "southern Indian"), 2 an organization.
fn after_place_adjective(sentence: &[Word], start: usize) -> bool {
    opens_known_place(&sentence[start])
        && start.checked_sub(1).is_some_and(|i| {
            matches!(
                sentence[i].form.as_str(),
                "suburban"
                    | "downtown"
                    | "central"
                    | "rural"
                    | "coastal"
                    | "neighbouring"
                    | "neighboring"
                    | "east"
                    | "west"
                    | "north"
                    | "south"
                    | "eastern"
                    | "western"
                    | "northern"
                    | "southern"
                    | "northeastern"
                    | "northwestern"
                    | "southeastern"
                    | "southwestern"
            )
        })
}

/// Whether the name at `start..end` is a place the gazetteer knows, after a preposition
/// that says only where something lies ("a plant outside Phoenix", "protests throughout
/// Iran", "robberies in Cannes"): neither a company nor a person stands there. "In" not
/// after what one holds in a company or a club ("a stake in Leeds", "shares in Nokia")
/// nor before an owner's "'s" ("in Surrey's innings"); not "around" ("a musical based
/// around Abba's hits") or "inside" ("inside PCs").
fn located_by_preposition(sentence: &[Word], start: usize, end: usize) -> bool {
    let before = |k: usize| start.checked_sub(k).map(|i| sentence[i].lower.as_str());
    // The whole name is the place, not its first words ("in Tom Jones" is a film's), and
    // it ends its phrase ("in RAF livery" names the livery's owner); not an acronym.
    let whole_place = sentence[start + 1..end]
        .iter()
        .all(|w| w.lexicon & Lexicon::PLACE_INSIDE != 0)
        && sentence
            .get(end)
            .is_none_or(|w| w.lexicon & Lexicon::PLACE_INSIDE == 0);
    let acronym = !sentence[start].form.chars().any(char::is_lowercase);
    let located_in = before(1) == Some("in")
        && whole_place
        && ends_phrase_at(sentence, end)
        && !acronym
        && !before(2).is_some_and(|w| HELD_IN_COMPANIES.contains(&w));
    sentence[start].lexicon & Lexicon::PLACE_BEGIN != 0
        && (located_in || matches!(before(1), Some("outside" | "near" | "throughout")))
}

/// What one holds or puts in a company or a club: "a stake in Leeds", "shares in Nokia",
/// "invested in Reading".
const HELD_IN_COMPANIES: [&str; 16] = [
    "stake",
    "stakes",
    "share",
    "shares",
    "shareholding",
    "holding",
    "holdings",
    "interest",
    "interests",
    "invest",
    "invests",
    "invested",
    "investing",
    "investment",
    "investments",
    "position",
];

/// Whether the name at `start..end` moves as a listed share does ("Magna was up 1/8 to
/// 48-1/4", "Magna closed down 2"): a place's figures rise and fall by name ("Texas
/// rose" is its economy's), but only a share is "up" or "down" a price, not a rate
/// ("were down 2.3 percent"), and the name is the subject, not a place in it ("the index
/// in Frankfurt closed up 6.48").
fn moves_as_stock(sentence: &[Word], start: usize, end: usize) -> bool {
    let next = |k: usize| sentence.get(end + k).map(|w| w.lower.as_str());
    !after_preposition(sentence, start)
        && matches!(
            next(0),
            Some("was" | "were" | "closed" | "ended" | "finished" | "is")
        )
        && matches!(next(1), Some("up" | "down"))
        && next(2).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()) || w == "$")
        && !matches!(next(3), Some("percent" | "%" | "pct" | "points" | "per"))
}

/// Whether the name at `start..end` reads as a company or a team, never a person: it
/// modifies "stock" ("Jones stock closed"), it is "based in" a place
/// ("Comelf, based in Bistrita"), a relative clause calls it a thing ("Chrysler, which
/// is owned by"; a person is "who"), it says "it" of itself ("Comelf said it doubled
/// output"), or it takes a plural verb on its own ("Rotor are well
/// placed", "Deportivo were unable": one person is, a team are; not when it may be one
/// of several, or the object of a preposition: "a group headed by X were").
fn reads_as_company(sentence: &[Word], start: usize, end: usize) -> bool {
    let next = |k: usize| sentence.get(end + k).map(|w| w.lower.as_str());
    let alone = start == 0
        || !matches!(
            sentence[start - 1].lower.as_str(),
            "and"
                | "or"
                | "nor"
                | "&"
                | ","
                | "both"
                | "if"
                | "the"
                | "by"
                | "of"
                | "for"
                | "with"
                | "from"
                | "to"
                | "in"
                | "on"
                | "at"
        ) && !sentence[start.saturating_sub(6)..start]
            .iter()
            .any(|w| matches!(w.lower.as_str(), "and" | "or" | "&"));
    // People say "he" or "she" of themselves; a company says "its" or "it" ("Comelf said
    // it almost doubled output"), but not an "it" that is no one ("Rifkind said it was
    // for the home secretary", "said it could set a precedent").
    // The verb may follow an auxiliary ("Nike has reported its best quarter").
    // So may "that", before "its" ("Seacom said that its cable was repaired").
    let verb = usize::from(matches!(next(0), Some("has" | "had")));
    let that = usize::from(next(verb + 1) == Some("that"));
    let says_it = matches!(
        next(verb),
        Some("said" | "says" | "announced" | "reported" | "added" | "expects" | "expected")
    ) && (next(verb + that + 1) == Some("its")
        // "said that it withdrew" is as often someone's of the company they speak for.
        || (that == 0 && next(verb + 1) == Some("it")
            && !matches!(
                next(verb + 2),
                Some(
                    "is" | "was"
                        | "'s"
                        | "would"
                        | "could"
                        | "might"
                        | "may"
                        | "will"
                        | "should"
                        | "seemed"
                        | "seems"
                        | "had"
                        | "has"
                )
            )));
    // A relative clause's "which" after "of" is as often the head noun's ("a son of
    // President Suharto, which plans").
    let after_of = sentence[start.saturating_sub(2)..start]
        .iter()
        .any(|w| w.lower == "of");
    // "shares" is as often the verb ("Obama shares his view"), but not before a price's
    // move ("Phytopharm shares jumped"), nor "share" after "each" ("$76 for each Guidant
    // share"); "stock" after one name is not ("stocks" would be).
    let before = start.checked_sub(1).map(|i| sentence[i].lower.as_str());
    next(0) == Some("stock")
        || (matches!(next(0), Some("shares" | "share")) && price_move(next(1)))
        || (next(0) == Some("share") && matches!(before, Some("each" | "per" | "every")))
        || says_it
        || acts_on_its_own(sentence, start, end)
        || (next(0) == Some(",") && next(1) == Some("based"))
        || (next(0) == Some(",") && next(1) == Some("which") && relative_verb(next(2)) && !after_of)
        || (matches!(next(0), Some("are" | "were")) && alone)
}

/// Whether the name at `start..end` opens its clause as the subject of a verb in the past
/// or present whose object is its own ("Vodafone had pinned its hopes on 3G", "Nike
/// raised its forecast", "BT has drafted in its"): people do things to their own, not
/// to its.
fn acts_on_its_own(sentence: &[Word], start: usize, end: usize) -> bool {
    let next = |k: usize| sentence.get(end + k).map(|w| w.lower.as_str());
    let opens_clause = start == 0
        || matches!(
            sentence[start - 1].lower.as_str(),
            "," | "and" | "but" | "while" | "as" | "when" | "after" | "because" | ";"
        );
    let auxiliary = usize::from(matches!(next(0), Some("has" | "had" | "have" | "also")));
    let verb = next(auxiliary);
    let verb_like = verb.is_some_and(|v| {
        v.len() > 3
            && v.chars().all(|c| c.is_ascii_lowercase())
            && (v.ends_with("ed") || v.ends_with('s'))
    });
    let particle = usize::from(matches!(
        next(auxiliary + 1),
        Some("in" | "up" | "out" | "down" | "off" | "back" | "on")
    ));
    opens_clause && verb_like && next(auxiliary + 1 + particle) == Some("its")
}

/// Whether the name at `start..end` is the subject of "is" or "was" and a noun phrase
/// headed by one of [`ORGANIZATION_NOUNS`] ("Verizon is by far the bigger company",
/// "Xstrata was the first miner ..." is not: "miner" names people too). The noun ends
/// its phrase ("a company director" is a person).
fn called_a_company(sentence: &[Word], end: usize) -> bool {
    if sentence
        .get(end)
        .is_none_or(|w| !matches!(w.lower.as_str(), "is" | "was"))
    {
        return false;
    }
    let phrase = &sentence[end + 1..];
    // Only adverbs before the article: "was sold to a shell company" is no company.
    let Some(article) = phrase
        .iter()
        .take(3)
        .position(|w| matches!(w.lower.as_str(), "a" | "an" | "the"))
    else {
        return false;
    };
    if !phrase[..article].iter().all(|w| {
        matches!(
            w.lower.as_str(),
            "by" | "far" | "now" | "still" | "also" | "already" | "not" | "easily"
        )
    }) {
        return false;
    }
    let rest = &phrase[article + 1..];
    rest.iter().take(4).enumerate().any(|(k, noun)| {
        ORGANIZATION_NOUNS.contains(&noun.lower.as_str())
            && noun.form.starts_with(|c: char| c.is_lowercase())
            && rest[..k].iter().all(|w| {
                w.form.starts_with(char::is_lowercase) && !matches!(w.lower.as_str(), "of" | "'s")
            })
            && rest.get(k + 1).is_none_or(|w| {
                !w.form.starts_with(char::is_alphanumeric)
                    || PHRASE_FOLLOWERS.contains(&w.lower.as_str())
            })
    })
}

/// Whether the name at `start..end` is an item of a list whose other items are
/// organizations, two or more, and none a person ("firms, including DaimlerChrysler,
/// Siemens and Volkswagen"; "shares of Lehman Brothers, Merrill Lynch and AIG"): a
/// list's items are of one kind. A name of one word, or of two that do not open with an
/// initial ("G Dempsey" in a team sheet that lists clubs) and own nothing after them
/// ("Fromental Halevy's La Juive" among other operas); three words are as often a
/// person's full name ("Edgar Allan Poe" among radio programmes) as a company's.
fn in_list_of_organizations(
    sentence: &[Word],
    found: &[(usize, usize, &str)],
    start: usize,
    end: usize,
) -> bool {
    let two_words_of_a_company = || {
        end - start == 2
            && sentence[start].form.trim_end_matches('.').chars().count() > 1
            && !sentence.get(end).is_some_and(|w| marks_owner(&w.form))
    };
    (end - start == 1 || two_words_of_a_company())
        && listed_with_organizations(sentence, found, start)
}

/// Whether the name that starts at `start` is an item of a list whose other items are
/// organizations, two or more, and none a person; `found` are the sentence's names.
fn listed_with_organizations(
    sentence: &[Word],
    found: &[(usize, usize, &str)],
    start: usize,
) -> bool {
    let joined =
        |a: &(usize, usize, &str), b: &(usize, usize, &str)| joined_in_list(sentence, a, b);
    let Some(at) = found.iter().position(|f| f.0 == start) else {
        return false;
    };
    let mut first = at;
    while first > 0 && joined(&found[first - 1], &found[first]) {
        first -= 1;
    }
    let mut last = at;
    while last + 1 < found.len() && joined(&found[last], &found[last + 1]) {
        last += 1;
    }
    let others = || (first..=last).filter(|&k| k != at).map(|k| found[k].2);
    others().filter(|&kind| kind == "ORG").count() >= 2 && others().all(|kind| kind != "PER")
}

/// Whether the name at `start..end` is what a stake or shares are held in ("a 1% stake
/// in Deutsche Boerse", "shares in Vodafone", "shares of Apple"), what a unit belongs to
/// ("the US unit of Germany's DaimlerChrysler"), or a company an apposition calls the
/// parent of another ("DaimlerChrysler, parent company of Mercedes Benz,").
fn owned_or_owning(sentence: &[Word], start: usize, end: usize) -> bool {
    let mut at = start;
    // A possessive place before the name: "of Germany's DaimlerChrysler".
    if let [.., place, s] = &sentence[..at]
        && matches!(s.form.as_str(), "'s" | "’s")
        && place.form.starts_with(char::is_uppercase)
    {
        at -= 2;
    }
    // Not a stake in what the name owns: "a stake in Rotor's future".
    let owns = sentence
        .get(end)
        .is_some_and(|w| matches!(w.form.as_str(), "'s" | "’s"));
    let held = !owns
        && matches!(&sentence[..at], [.., noun, prep]
        if (matches!(noun.lower.as_str(), "stake" | "stakes" | "holding") && prep.lower == "in")
            || (matches!(noun.lower.as_str(), "shares" | "stock")
                && matches!(prep.lower.as_str(), "in" | "of"))
            || (matches!(
                noun.lower.as_str(),
                "unit" | "subsidiary" | "division" | "arm" | "affiliate"
            ) && prep.lower == "of"));
    let parent = sentence.get(end).is_some_and(|w| w.form == ",") && {
        let phrase = &sentence[end + 1..];
        phrase.iter().take(4).enumerate().any(|(k, noun)| {
            ORGANIZATION_NOUNS.contains(&noun.lower.as_str())
                && phrase.get(k + 1).is_some_and(|w| w.lower == "of")
                // No verb before it: ", took a group of journalists" is no apposition.
                && phrase[..k].iter().all(|w| {
                    matches!(
                        w.lower.as_str(),
                        "a" | "an" | "the" | "its" | "parent" | "holding" | "sister" | "former"
                    )
                })
        })
    };
    held || parent
}

/// Plurals that name organizations only in the plural: an operator or a provider may be
/// a person, so neither is one of [`ORGANIZATION_NOUNS`].
const ORGANIZATIONS_ONLY_PLURAL: [&str; 2] = ["operators", "providers"];

/// Whether a lower-case word is the plural of one of [`ORGANIZATION_NOUNS`] ("firms",
/// "companies", "regulators") or one of [`ORGANIZATIONS_ONLY_PLURAL`]: a noun that
/// introduces examples of organizations ("firms such as Dell and Hewlett-Packard",
/// "carmakers including Saab").
fn names_organizations(lower: &str) -> bool {
    ORGANIZATIONS_ONLY_PLURAL.contains(&lower)
        || ORGANIZATION_NOUNS.iter().any(|noun| {
            lower.strip_suffix('s') == Some(noun)
                || noun
                    .strip_suffix('y')
                    .is_some_and(|stem| lower.strip_suffix("ies") == Some(stem))
        })
}

/// Whether the name at `start` is an example of companies named before it: a plural that
/// [`names_organizations`], then "such as", "including" or "like" (a comma may stand
/// between), then names, commas, "and" and possessives up to the name ("companies such
/// as Germany's TUI and Lufthansa").
fn example_of_companies(sentence: &[Word], start: usize) -> bool {
    let mut i = start;
    while i > 0 {
        let w = &sentence[i - 1];
        let in_list = w.form.starts_with(char::is_uppercase)
            || matches!(w.lower.as_str(), "," | "and" | "'s" | "’s" | "&");
        if !in_list {
            break;
        }
        i -= 1;
    }
    let before = &sentence[..i];
    let introduced = match before {
        [.., noun, comma, such, as_]
            if comma.form == "," && such.lower == "such" && as_.lower == "as" =>
        {
            Some(noun)
        }
        [.., noun, such, as_] if such.lower == "such" && as_.lower == "as" => Some(noun),
        [.., noun, comma, cue]
            if comma.form == "," && matches!(cue.lower.as_str(), "including" | "like") =>
        {
            Some(noun)
        }
        [.., noun, cue] if matches!(cue.lower.as_str(), "including" | "like") => Some(noun),
        // Or the plural right before a list of two or more ("the mobile phone operators
        // Vodafone and T-Mobile"); one name alone may open a clause ("the firms Smith ran").
        [.., noun] if lists_names(&sentence[i..]) => Some(noun),
        _ => None,
    };
    start - i <= 12 && introduced.is_some_and(|noun| names_organizations(&noun.lower))
}

/// Whether `words` open with a list of two names or more: capitalized words, then "and",
/// "&" or a comma, then another capitalized word.
fn lists_names(words: &[Word]) -> bool {
    let capitalized = |w: &Word| w.form.starts_with(char::is_uppercase);
    words.first().is_some_and(capitalized)
        && words
            .windows(2)
            .take_while(|pair| {
                capitalized(&pair[0]) || matches!(pair[0].lower.as_str(), "," | "and" | "&")
            })
            .any(|pair| matches!(pair[0].lower.as_str(), "," | "and") && capitalized(&pair[1]))
}

/// Whether a word says how a share's price moved ("rose", "slumped", "closed").
fn price_move(word: Option<&str>) -> bool {
    matches!(
        word,
        Some(
            "rose"
                | "fell"
                | "jumped"
                | "climbed"
                | "gained"
                | "dropped"
                | "lost"
                | "slipped"
                | "slid"
                | "surged"
                | "soared"
                | "slumped"
                | "tumbled"
                | "plunged"
                | "plummeted"
                | "rallied"
                | "eased"
                | "edged"
                | "closed"
                | "ended"
                | "finished"
        )
    )
}

/// Whether a word opens a relative clause's verb after "which" ("Chrysler, which is
/// owned by"), not a question ("Marianne, which one ...").
fn relative_verb(word: Option<&str>) -> bool {
    matches!(
        word,
        Some(
            "is" | "was"
                | "has"
                | "had"
                | "makes"
                | "made"
                | "owns"
                | "owned"
                | "employs"
                | "operates"
                | "sells"
                | "builds"
                | "produces"
                | "said"
                | "says"
                | "announced"
                | "reported"
                | "posted"
                | "filed"
                | "plans"
        )
    )
}

/// Whether the name at `start..end` follows "said" and ends its clause (", said
/// Angers."): a speaker named as people are after their verb; companies speak before it,
/// and news agencies, which speak after it too, go by acronyms (", said KCNA.").
fn said_by(sentence: &[Word], start: usize, end: usize) -> bool {
    let acronym = sentence[start..end]
        .iter()
        .all(|w| !w.form.chars().any(char::is_lowercase));
    !acronym
        && start > 0
        && matches!(sentence[start - 1].lower.as_str(), "said" | "says")
        && sentence
            .get(end)
            .is_none_or(|w| matches!(w.form.as_str(), "." | "," | ";"))
}

/// Whether the one-word place at `start..end` names a leader by the time in office
/// after it: "the Bush administration", "the Bush presidency", "a Bush-era rule", "Bush
/// 's first term", "Chavez's tenure". A country's presidency is its turn at the head of
/// a union ("the Luxembourg presidency", "the UK's presidency"), and a place has a
/// government, not a term: neither is read here.
fn before_leaders_period(sentence: &[Word], start: usize, end: usize) -> bool {
    if end - start != 1 || names_a_country(&sentence[start]) {
        return false;
    }
    let next = |k: usize| sentence.get(end + k).map(|w| w.lower.as_str());
    let period = |w: Option<&str>| matches!(w, Some("administration" | "presidency" | "era"));
    // "Bush 's", or "Bush ’ s" as some text is tokenized.
    let owner = match (next(0), next(1)) {
        (Some("'s" | "’s"), _) => 1,
        (Some("'" | "’"), Some("s")) => 2,
        _ => 0,
    };
    if owner > 0 {
        let ordinal = usize::from(matches!(
            next(owner),
            Some("first" | "second" | "third" | "last" | "final")
        ));
        return matches!(
            next(owner + ordinal),
            Some("term" | "presidency" | "tenure" | "administration")
        );
    }
    period(next(0)) || (next(0) == Some("-") && next(1) == Some("era"))
}

/// Offices a company, a club or a country gives a person, written between the two names
/// ("Petofi general manager Laszlo Sebesvari", "Ajax coach Louis van Gaal"); not those a
/// person gives ("Yeltsin aide", "Dole adviser").
const OFFICES: [&[&str]; 31] = [
    &["striker"],
    &["midfielder"],
    &["defender"],
    &["goalkeeper"],
    &["keeper"],
    &["winger"],
    &["left-back"],
    &["right-back"],
    &["full-back"],
    &["centre-back"],
    &["fly-half"],
    &["scrum-half"],
    &["physio"],
    &["chairman"],
    &["chairwoman"],
    &["chief", "executive"],
    &["ceo"],
    &["general", "manager"],
    &["managing", "director"],
    &["manager"],
    &["spokesman"],
    &["spokeswoman"],
    &["coach"],
    &["governor"],
    &["president"],
    &["boss"],
    &["founder"],
    &["director"],
    &["chief", "economist"],
    &["economist"],
    &["analyst"],
];

/// Whether a name is a part of a continent or a country named by where it lies ("Central
/// Asia", "Latin America", "West Africa", "East Germany"): a place, whatever else its
/// context suggests. Not a nationality ("Central Asian") or a place that is not a country
/// ("West Ham").
fn names_a_part_of_the_world(name: &[Word]) -> bool {
    let [part, whole] = name else {
        return false;
    };
    let continent = matches!(
        whole.lower.as_str(),
        "africa" | "america" | "americas" | "asia" | "europe" | "oceania" | "antarctica"
    );
    let country =
        whole.lexicon & Lexicon::COUNTRY != 0 && whole.lexicon & Lexicon::PLACE_BEGIN != 0;
    matches!(
        part.lower.as_str(),
        "north"
            | "south"
            | "east"
            | "west"
            | "central"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
            | "latin"
            | "sub-saharan"
    ) && (continent || country)
}

/// Whether a word is a country's name, as the gazetteer knows it: a national side or a
/// government is named by it, and stays a place.
fn names_a_country(word: &Word) -> bool {
    word.lexicon & (Lexicon::COUNTRY | Lexicon::NATION) != 0
}

/// Whether the one-word name at `start..end` is the subject of a plural verb ("Chelsea
/// have yet to confirm", "Leicester are top"), as British news writes of a club or a
/// company: a person named alone takes a singular one. Not in a list ("Smith and Jones
/// are"), after "the" ("the Beckhams are") or a preposition ("a foul on Reyes are
/// [lambasted]"), nor a country ("England are", a national
/// side, stays a place).
fn takes_plural_verb(sentence: &[Word], start: usize, end: usize) -> bool {
    end - start == 1
        && !names_a_country(&sentence[start])
        && sentence
            .get(end)
            .is_some_and(|w| matches!(w.lower.as_str(), "have" | "are" | "were"))
        && !after_preposition(sentence, start)
        && start
            .checked_sub(1)
            .is_none_or(|i| !matches!(sentence[i].lower.as_str(), "and" | "," | "&" | "the" | "or"))
}

/// Whether the one-word name at `start..end` names whom an office of [`OFFICES`] after
/// it serves ("as Chelsea manager", "the Chelsea striker"): a person's name does not
/// stand before an office. Not a country ("Wales coach").
fn before_office(sentence: &[Word], start: usize, end: usize) -> bool {
    end - start == 1
        && !names_a_country(&sentence[start])
        && sentence
            .get(end)
            .is_some_and(|w| OFFICES.iter().any(|o| o.len() == 1 && w.lower == o[0]))
}

/// Whether the name at `start..end` is followed by an office of [`OFFICES`] and a name
/// tagged a person: the one who gives the office is no person.
fn gives_office(sentence: &[Word], labels: &[u8], end: usize) -> bool {
    OFFICES.iter().any(|office| {
        let after = end + office.len();
        sentence.len() > after
            && sentence[end..after]
                .iter()
                .zip(office.iter())
                .all(|(w, o)| w.lower == *o)
            && LABELS[labels[after] as usize] == "B-PER"
    })
}

/// Whether the name ending at `end` owns a person named in full ("GM 's Rick Wagoner",
/// "Chrysler 's Robert Nardelli"): news names people so by their company or team; a
/// person's person is rare.
fn owns_a_named_person(sentence: &[Word], labels: &[u8], end: usize) -> bool {
    sentence
        .get(end)
        .is_some_and(|w| matches!(w.form.as_str(), "'s" | "’s"))
        && labels.get(end + 1).map(|&l| LABELS[l as usize]) == Some("B-PER")
        && labels.get(end + 2).map(|&l| LABELS[l as usize]) == Some("I-PER")
}

/// Words that can follow a noun phrase's last word and start something else.
const PHRASE_FOLLOWERS: [&str; 16] = [
    "for", "in", "on", "at", "to", "and", "as", "of", "with", "from", "after", "before", "since",
    "which", "that", "who",
];

/// What a document's occurrences of a name say of its type.
#[derive(Debug, Clone, Copy, Default)]
struct Votes {
    /// Votes by type (an index as [`type_index`] gives it).
    counts: [usize; 4],
    /// Whether an occurrence settled it an organization ("airline Aer Lingus").
    settled_organization: bool,
    /// Whether one settled it a person ("his wife Ann Lee").
    settled_person: bool,
    /// How many occurrences read as a company's, but for plurals tagged other (peoples).
    company_signs: usize,
}

/// Gives every occurrence of a name the type most of its occurrences have. An occurrence
/// tagged miscellaneous that is the subject of an agent's verb ("Airbus announced") counts
/// three times, for an organization (peoples and parties speak too: "the Chechens said");
/// one right after a company noun ("airline Aer Lingus", "manufacturer, Airbus,") settles
/// it: an organization, however the others were tagged. A name tagged a person whose
/// first word alone the document calls an organization ("Lockheed Martin", "Lockheed")
/// is one too, and so is a name tagged a person that gives an office to another
/// ("Petofi general manager Laszlo Sebesvari"). One right after a kin noun ("his wife Ann
/// Lee", "a girl named Isabel") settles it a person, unless another settles it an
/// organization. Occurrences that read as a company's ("Rotor are", "Jones stock", "X's
/// board", "handset maker Nokia", "Yahoo was the first internet firm") count three times
/// for one, and two of them make it one, however often the tagger read it otherwise (a
/// company named twenty times in a feature); a name said after its verb (", said Angers.")
/// three times for a person; one after "city of", "town of" three times for a place. A
/// one-word name that is the last word of a person's name in the document is that
/// person ("Jordan" after "Neil Jordan"), unless it is where something is ("in Jordan").
///
/// `sports` says whether the document reports sport ([`is_sports_report`]), read once
/// for the document's two passes.
fn harmonize(sentences: &[Vec<Word>], labels: &mut [Vec<u8>], sports: bool) {
    // Per name: its votes (see `Votes`).
    let mut votes: rustc_hash::FxHashMap<String, Votes> = Default::default();
    // Per one-word name tagged a person or other in a sports report: the signs that it
    // names a team.
    let mut team: rustc_hash::FxHashMap<String, u16> = Default::default();
    // Names tagged other said with "the" as a plural in a sports report: no person, no
    // people, no event ("the Gunners", "the Colts").
    let mut plural_others: rustc_hash::FxHashSet<String> = Default::default();
    let mut found = Vec::new();
    for (s, sentence_labels) in labels.iter().enumerate() {
        let names = spans(sentence_labels);
        for &(start, end, kind) in &names {
            let name = sentences[s][start..end]
                .iter()
                .map(|w| w.form.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let k = type_index(entity_type(kind));
            let entry = votes.entry(name.clone()).or_default();
            let sentence = &sentences[s];
            if sports && matches!(kind, "PER" | "MISC" | "ORG") {
                let signs = if end - start == 1 {
                    let signs = team_signs(sentence, start, end);
                    signs
                        & match kind {
                            // A team's staff after an occurrence read as an organization
                            // ("whose Chelsea team") tells of those read as a person.
                            "ORG" => team_sign::STAFF,
                            // A nationality or a league has a side too ("the Welsh
                            // side", "a Premiership side"), which the tagger reads as
                            // other; a plural after "the" is neither ("the Colts
                            // defense").
                            "MISC" if signs & team_sign::THE_PLURAL == 0 => !team_sign::STAFF,
                            _ => !0,
                        }
                } else {
                    0
                };
                let paired = kind == "PER"
                    && end - start == 1
                    && paired_with_organization(sentence, &names, start);
                let listed = matches!(kind, "PER" | "MISC")
                    && end - start == 1
                    && is_listed_team(&sentence[start].form.to_lowercase());
                let signs = signs
                    | if paired { team_sign::PAIRED } else { 0 }
                    | if listed { team_sign::LISTED } else { 0 };
                if signs != 0 {
                    *team.entry(name.clone()).or_default() |= signs;
                }
                if kind == "MISC" && signs & team_sign::THE_PLURAL != 0 {
                    plural_others.insert(name.clone());
                }
                let named = &sentence[start..end];
                if kind == "PER" && named_by_place_and_nickname(named) {
                    let nickname = named[named.len() - 1].form.clone();
                    *team.entry(nickname).or_default() |=
                        team_sign::NICKNAME | team_signs(sentence, end - 1, end);
                }
            }
            // What the text says the name is ("handset maker Nokia", "Yahoo was the
            // first internet firm"), read for whatever the tagger made of it.
            let described_as_company = || {
                after_maker_of_goods(sentence, start, end)
                    || said_to_be_organization(sentence, start, end)
            };
            // Occurrences that read as a company's count three times for one.
            let company = match kind {
                // Not a group of people named by a plural news writes in lower case
                // ("nearly all Republican Senators have already announced").
                "MISC" if !names_people(&sentence[start..end]) => {
                    before_agent_verb(sentence, start, end)
                        || example_of_companies(sentence, start)
                        || after_passive_by(sentence, start, end)
                        || before_company_possession(sentence, end)
                        || before_company_member(sentence, start, end)
                        || described_as_company()
                }
                // Not settled by it: a work is tagged a person too ("Warhol 's Prince
                // Series").
                "PER" => {
                    reads_as_company(sentence, start, end)
                        || before_company_accounts(sentence, end)
                        || called_a_company(sentence, end)
                        || in_list_of_organizations(sentence, &names, start, end)
                        || example_of_companies(sentence, start)
                        || owned_or_owning(sentence, start, end)
                        || after_staff_at(sentence, start, end)
                        || owns_a_named_person(sentence, sentence_labels, end)
                        || takes_plural_verb(sentence, start, end)
                        || before_office(sentence, start, end)
                        || before_staff(sentence, start, end)
                        || described_as_company()
                }
                // A person has shares too ("Murdoch's shares"); a place or a product none.
                "LOC" => {
                    // A name the gazetteer does not know as a place, listed with
                    // companies ("under Air China, China Southern and China Eastern"); a
                    // country is listed with them as an actor ("the UN, NATO and
                    // Britain"). Given as an example of companies, any name but a
                    // country's: a company may share a town's name ("companies such as
                    // Nokia, Intel and Philips").
                    let unknown_place = sentence[start].lexicon & Lexicon::PLACE_BEGIN == 0;
                    before_company_possession(sentence, end)
                        || (unknown_place
                            && (after_not_place_noun(sentence, start, end)
                                || listed_with_organizations(sentence, &names, start)))
                        || (!names_a_country(&sentence[start])
                            && example_of_companies(sentence, start))
                        || moves_as_stock(sentence, start, end)
                        || names_a_newspaper(&sentence[start..end])
                        || after_staff_at(sentence, start, end)
                        || described_as_company()
                        || (sports
                            && (plays_as_team(sentence, sentence_labels, start, end)
                                || team_signs(sentence, start, end) & PLACE_TEAM_SIGNS != 0))
                }
                _ => false,
            };
            if company {
                entry.counts[1] += 3;
                // A people acts and is acted on as a company is ("Latinos voted", "the
                // Saudis said"): a plural the tagger read as other is not counted here.
                if kind != "MISC" || !sentence[end - 1].form.ends_with('s') {
                    entry.company_signs += 1;
                }
            } else if kind != "MISC"
                && (after_work_noun(sentence, start)
                    || (kind != "LOC" && after_a_role_in(sentence, start, end))
                    || a_thing_had(sentence, start, end)
                    || names_a_faith_or_people(&sentence[start..end])
                    || (kind == "PER" && names_party_members(&sentence[start..end]))
                    || names_a_storm(sentence, start, end)
                    || names_an_event(sentence, start, end))
            {
                entry.counts[3] += 3;
            } else if (matches!(kind, "ORG" | "LOC") && said_by(sentence, start, end))
                || (kind == "LOC" && before_leaders_period(sentence, start, end))
            {
                entry.counts[0] += 3;
            } else if kind != "LOC"
                && (after_place_noun(sentence, start)
                    || after_place_adjective(sentence, start)
                    || place_and_region(sentence, &names, start)
                    || before_place_people(sentence, start, end)
                    || located_by_preposition(sentence, start, end)
                    || on_a_route(sentence, start, end)
                    || names_a_part_of_the_world(&sentence[start..end]))
            {
                entry.counts[2] += 3;
            } else {
                entry.counts[k] += 1;
            }
            // A name that ends in a legal form is a company's, whatever the tagger made
            // of it ("Diamant Boart SA" a person, "Heublein Inc" a place).
            let legal_form =
                end - start >= 2 && crate::link::is_legal_form(&sentence[end - 1].form);
            entry.settled_organization |= legal_form
                || after_organization_noun(sentence, start, end)
                || before_organization_apposition(sentence, start, end)
                || (kind == "PER"
                    && gives_office(sentence, sentence_labels, end)
                    && !names_a_country(&sentence[start]));
            entry.settled_person |= after_kin_noun(sentence, start, end)
                || after_honorific(sentence, start)
                || before_age(sentence, start, end);
            found.push((s, start, end, kind, name));
        }
    }
    // A team by its signs: two kinds, one of its staff (see `team_signs`), or a team
    // the sports reports the tagger learned from name.
    let is_team = |name: &str| {
        team.get(name).is_some_and(|signs| {
            signs & (team_sign::STAFF | team_sign::LISTED) != 0
                || (signs & !team_sign::NICKNAME).count_ones() >= 2
        })
    };
    // A team named by its place and a plural that the tagger took for a person, given
    // with "the" too: first names are places as well ("Kim Collins", "Serena Williams").
    let team_by_place = |s: usize, start: usize, end: usize| {
        let named = &sentences[s][start..end];
        let nickname = named[named.len() - 1].form.as_str();
        sports
            && named_by_place_and_nickname(named)
            && is_team(nickname)
            && team[nickname] & team_sign::THE_PLURAL != 0
    };
    // A name tagged a person that ends in a team's name, the team having one of its
    // staff or its side after it, which no person has ("Go Colts" where the document
    // writes "the Colts defense").
    let ends_in_a_team = |s: usize, end: usize| {
        sports
            && team
                .get(sentences[s][end - 1].form.as_str())
                .is_some_and(|signs| signs & team_sign::STAFF != 0)
    };
    // The names a person is called by alone: the last word of a name tagged a person in
    // more than one word, and its inner names ("Lula" in "Luiz Inácio Lula da Silva").
    let mut person_short_names: rustc_hash::FxHashSet<&str> = Default::default();
    for &(s, start, end, kind, ref name) in &found {
        if kind == "PER"
            && end - start >= 2
            && !names_party_members(&sentences[s][start..end])
            && !team_by_place(s, start, end)
            && !ends_in_a_team(s, end)
        {
            let words: Vec<&str> = name.split(' ').collect();
            let inner = (0..words.len()).filter(|&i| crate::link::is_inner_name(&words, i));
            person_short_names.extend(inner.map(|i| words[i]));
            person_short_names.extend(words.last().copied());
        }
    }
    // A company is named again without its legal form ("Chrysler" after "Chrysler LLC",
    // "Goldman Sachs" after "Goldman Sachs & Co.") or by its first word ("Lumen" after
    // "Lumen Semiconductor"), unless that word is a founder's ("Ben & Jerry 's",
    // "Campbell 's Soup") or in a person's name ("Ford" of "Harrison Ford").
    let mut company_stems: rustc_hash::FxHashSet<String> = Default::default();
    let mut company_first_words: rustc_hash::FxHashSet<&str> = Default::default();
    let mut person_words: rustc_hash::FxHashSet<&str> = Default::default();
    let mut team_nicknames: rustc_hash::FxHashSet<&str> = Default::default();
    for (s, start, end, kind, name) in &found {
        if end - start < 2 {
            continue;
        }
        let words: Vec<&str> = name.split(' ').collect();
        if let Some(stem) = crate::link::without_legal_form(&words) {
            company_stems.insert(stem.join(" "));
        }
        // A team named by its place and a plural is named again by the plural ("the
        // Colts" after "Indianapolis Colts").
        if *kind == "ORG" && named_by_place_and_nickname(&sentences[*s][*start..*end]) {
            team_nicknames.insert(words[words.len() - 1]);
        }
        match *kind {
            "ORG" if !matches!(words[1], "&" | "and" | "'s" | "’s") => {
                company_first_words.insert(words[0]);
            }
            "PER" if !team_by_place(*s, *start, *end) && !ends_in_a_team(*s, *end) => {
                person_words.extend(words)
            }
            _ => {}
        }
    }
    // Single-word names said after "the", but a family's ("the Williams sisters", where
    // "Serena Williams", "Serena" being a town too, was tagged an organization): read
    // only in a document that names a team.
    let said_with_the: rustc_hash::FxHashSet<&str> = if team_nicknames.is_empty() {
        Default::default()
    } else {
        found
            .iter()
            .filter(|(s, start, end, _, _)| {
                let sentence = &sentences[*s];
                end - start == 1
                    && *start > 0
                    && sentence[start - 1].lower == "the"
                    && !sentence
                        .get(*end)
                        .is_some_and(|w| FAMILY_NOUNS.contains(&w.lower.as_str()))
            })
            .map(|(_, _, _, _, name)| name.as_str())
            .collect()
    };
    for &(s, start, end, kind, ref name) in &found {
        let Votes {
            settled_organization: settled,
            settled_person: named_as_kin,
            company_signs,
            ..
        } = votes[name];
        // A person is named again by the last word of the name, a company by the first:
        // "Lockheed Martin" is the "Lockheed" the document calls an organization.
        // Not when the last word alone is a person's too ("Serena" a club in a title-case
        // headline, "Williams" a person in the text: "Serena Williams" is hers).
        let first_word_an_organization = || {
            let first = &sentences[s][start].form;
            let last = &sentences[s][end - 1].form;
            end - start >= 2
                && kind == "PER"
                && votes.get(first.as_str()).is_some_and(|v| {
                    v.settled_organization || (v.counts[1] > 0 && v.counts[0] == 0)
                })
                && !votes
                    .get(last.as_str())
                    .is_some_and(|v| !v.settled_organization && v.counts[0] > v.counts[1])
        };
        // A person is named again by the last word of the name (or an inner one): "Jordan"
        // after "Neil Jordan" is the director, not the country, unless it is where
        // something is ("in Jordan").
        let short_name_of_a_person = || {
            end - start == 1
                && kind != "PER"
                && !settled
                && !after_place_preposition(&sentences[s], start)
                && person_short_names.contains(name.as_str())
        };
        // A person named alone by a surname the document gives no one else in full (read
        // as a person more often than as anything else, and followed by "he" or "she"),
        // and a name of given name and that surname read as a company or a place:
        // "Peyton Manning" (a town's name) typed an organization, then "Manning said he".
        // Not with any sign of an organization, a word of organizations' names or a
        // common word.
        let full_name_of_a_person_named_alone = || {
            let named = &sentences[s][start..end];
            let last = named[named.len() - 1].form.as_str();
            // The surname alone: a person in more readings than anything else, and
            // somewhere followed by "he" or "she" (a company says "its", a place or a
            // product "it").
            let named_alone = || {
                votes.get(last).is_some_and(|v| {
                    !v.settled_organization
                        && v.company_signs == 0
                        && (1..4).all(|k| v.counts[k] < v.counts[0])
                }) && found.iter().any(|&(s2, start2, end2, kind2, ref name2)| {
                    kind2 == "PER"
                        && end2 - start2 == 1
                        && name2 == last
                        && person_pronoun_after(&sentences[s2][end2..], sentences.get(s2 + 1))
                })
            };
            // Nor when the first word names a company or a place of its own ("Apple
            // Mac" where the document names Apple).
            let first_names_other = || {
                votes
                    .get(named[0].form.as_str())
                    .is_some_and(|v| v.counts[1] > 0 || v.counts[2] > 0)
            };
            (2..=3).contains(&named.len())
                && matches!(kind, "ORG" | "LOC")
                && !settled
                && company_signs == 0
                && !person_short_names.contains(last)
                && named.iter().all(|w| {
                    capitalized_name_word(w)
                        && w.form.chars().skip(1).any(char::is_lowercase)
                        && w.form
                            .chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                        && w.lexicon & (Lexicon::COUNTRY | Lexicon::TITLE) == 0
                })
                && !named_by_place_and_nickname(named)
                && !first_names_other()
                && named_alone()
        };
        let stem_of_a_company = || kind != "ORG" && company_stems.contains(name.as_str());
        let first_word_of_a_company = || {
            end - start == 1
                && kind == "PER"
                && !named_as_kin
                && company_first_words.contains(name.as_str())
                && !person_words.contains(name.as_str())
        };
        // Only a nickname the document also gives with "the" ("the Colts").
        let nickname_of_a_team = || {
            end - start == 1
                && kind != "ORG"
                && team_nicknames.contains(name.as_str())
                && !person_words.contains(name.as_str())
                && !person_short_names.contains(name.as_str())
                && said_with_the.contains(name.as_str())
        };
        // A one-word name with two kinds of a team's signs in a sports report, or a
        // place and such a team's plural ("Indianapolis Colts").
        let team_by_signs = || {
            matches!(kind, "PER" | "MISC")
                && if end - start == 1 {
                    (is_team(name) || plural_others.contains(name.as_str()))
                        && !person_words.contains(name.as_str())
                        && !person_short_names.contains(name.as_str())
                } else {
                    team_by_place(s, start, end)
                }
        };
        // Two company's signs are outweighed by a person named in full ("Tony Podesta"
        // and "a Podesta employee": the firm bears his name).
        let company_by_signs = company_signs >= 2 && !person_short_names.contains(name.as_str());
        let best = if (settled || company_by_signs) && !named_as_kin
            || team_by_signs()
            || first_word_an_organization()
            || stem_of_a_company()
            || first_word_of_a_company()
            || nickname_of_a_team()
        {
            1
        } else if named_as_kin && !settled
            || short_name_of_a_person()
            || full_name_of_a_person_named_alone()
        {
            0
        } else {
            let Some(best) = plurality(&votes[name].counts) else {
                continue; // no majority: leave each as tagged
            };
            best
        };
        relabel(&mut labels[s][start..end], best);
    }
}

/// Whether a personal pronoun ("he", "her", ...) follows in `rest` (the words of a
/// sentence after a name) or opens `next`, the sentence after it (in its first three
/// words).
fn person_pronoun_after(rest: &[Word], next: Option<&Vec<Word>>) -> bool {
    let personal = |w: &Word| matches!(w.lower.as_str(), "he" | "she" | "his" | "her" | "him");
    rest.iter().any(personal) || next.is_some_and(|n| n.iter().take(3).any(personal))
}

/// The type (an index as [`type_index`] gives it) more than half of a name's votes give it, if one.
fn majority(counts: &[usize; 4]) -> Option<usize> {
    let best = (0..4).fold(0, |b, k| if counts[k] > counts[b] { k } else { b });
    (counts[best] * 2 > counts.iter().sum::<usize>()).then_some(best)
}

/// The type (an index as [`type_index`] gives it) more of a name's votes give it than any other: a
/// name is one thing in a document, and the occurrences left as tagged when no type had
/// half the votes split it into two entities of which one is wrong.
fn plurality(counts: &[usize; 4]) -> Option<usize> {
    let best = (0..4).fold(0, |b, k| if counts[k] > counts[b] { k } else { b });
    (counts[best] > 0 && (0..4).all(|k| k == best || counts[k] < counts[best])).then_some(best)
}

/// Whether the word at `i` continues the name of the word before it (an "I-" label of
/// that word's type), as [`iob_spans`] reads labels.
fn continues_name(labels: &[u8], i: usize) -> bool {
    let (label, before) = (labels[i], i.checked_sub(1).map_or(0, |b| labels[b]));
    label % 2 == 0 && label_type(label).is_some() && label_type(label) == label_type(before)
}

/// The type of a label, as [`type_index`] numbers types (`None` outside a name): "B-" of
/// type k is 1 + 2k, "I-" 2 + 2k.
fn label_type(label: u8) -> Option<usize> {
    (label != 0).then(|| usize::from(label - 1) / 2)
}

/// Labels a name's words as one entity of the type `kind` (an index as [`type_index`] gives it).
fn relabel(words: &mut [u8], kind: usize) {
    let begin = 1 + 2 * kind as u8;
    for (i, label) in words.iter_mut().enumerate() {
        *label = if i == 0 { begin } else { begin + 1 };
    }
}

/// Weekdays: capitalized words that are dates, not names, wherever a name was tagged
/// with them (as months are: `month_number`).
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The longest name, in words, looked for again.
const LONGEST_PROPAGATED: usize = 6;

/// Tags the occurrences the tagger left untagged of a name it tagged elsewhere in the
/// document ("said King" after "Billie Jean King"), with the type most occurrences have;
/// a person's last name counts as a name of its own ("Thatcher" after "Margaret
/// Thatcher"). So too the occurrences it split into names of their own ("Strait" and
/// "Malacca" where the document names "the Strait of Malacca" whole elsewhere). An
/// occurrence must stand alone (no capitalized word right before or after it joins it
/// to a longer name, but a "The" opening the sentence before a group's plural the
/// document calls an organization: "The Colts jumped out", and an honorific: "Mr.
/// Sanders"), and a one-word name that
/// opens a sentence is taken only when the document never writes the word in lower case
/// ("Such", "Given").
fn propagate(sentences: &[Vec<Word>], memory: &DocumentMemory, labels: &mut [Vec<u8>]) {
    use rustc_hash::{FxHashMap, FxHashSet};
    let mut votes: FxHashMap<Vec<&str>, [usize; 4]> = FxHashMap::default();
    for (s, sentence_labels) in labels.iter().enumerate() {
        for (start, end, kind) in spans(sentence_labels) {
            // A sentence's first word is capitalized whatever it is ("Oh", "Such").
            if start == 0 || crate::features::after_quote(&sentences[s], start) {
                continue;
            }
            let words: Vec<&str> = sentences[s][start..end]
                .iter()
                .map(|w| w.form.as_str())
                .collect();
            let k = type_index(entity_type(kind));
            if kind == "PER" && words.len() >= 2 {
                let last = words[words.len() - 1];
                if last.len() >= 2 && last.chars().all(char::is_alphabetic) {
                    votes.entry(vec![last]).or_default()[0] += 1;
                }
            }
            // A team is named again by its nickname: "the Colts" after "Indianapolis
            // Colts", "the Chiefs" after "Kansas City Chiefs" (a place, then a plural).
            if kind == "ORG"
                && named_by_place_and_nickname(&sentences[s][start..end])
                && let Some(&last) = words.last()
            {
                votes.entry(vec![last]).or_default()[1] += 1;
            }
            if words.len() <= LONGEST_PROPAGATED {
                votes.entry(words).or_default()[k] += 1;
            }
        }
    }
    let known: FxHashMap<&[&str], usize> = votes
        .iter()
        .filter(|(words, _)| match words[..] {
            // One word: a name in capitals and small letters, not a date ("May") nor an
            // acronym the tagger left alone on purpose ("ICT", "L2").
            [word] => {
                word.chars().count() >= 3
                    && word.chars().skip(1).any(char::is_lowercase)
                    && !WEEKDAYS.contains(&word)
                    && dateline_core::text::month_number(word).is_none()
            }
            _ => true,
        })
        .filter_map(|(words, counts)| Some((words.as_slice(), majority(counts)?)))
        .collect();
    if known.is_empty() {
        return;
    }
    // Most capitalized words open no known name: one lookup says so.
    let first_words: FxHashSet<&str> = known.keys().map(|w| w[0]).collect();
    let capitalized = |w: &Word| w.form.starts_with(char::is_uppercase);
    for (s, sentence) in sentences.iter().enumerate() {
        if memory.shouting(s) {
            continue;
        }
        let mut i = 0;
        while i < sentence.len() {
            let opens = i == 0 || crate::features::after_quote(sentence, i);
            // "The" opening a sentence joins no name: a group's plural after it is the
            // group ("The Colts jumped out", "The Conservatives would").
            let after_opening_the = i > 0
                && sentence[i - 1].lower == "the"
                && (i == 1 || crate::features::after_quote(sentence, i - 1));
            // An honorific stands outside the name it precedes ("Mr. Sanders").
            let stands_alone_before = opens
                || !capitalized(&sentence[i - 1])
                || after_opening_the
                || after_honorific(sentence, i);
            // A name may start here: the word is free, or starts a name the tagger found.
            if continues_name(&labels[s], i)
                || !capitalized(&sentence[i])
                || !stands_alone_before
                || !first_words.contains(sentence[i].form.as_str())
            {
                i += 1;
                continue;
            }
            let longest = LONGEST_PROPAGATED.min(sentence.len() - i);
            let found = (1..=longest).rev().find_map(|n| {
                let end = i + n;
                let words: Vec<&str> = sentence[i..end].iter().map(|w| w.form.as_str()).collect();
                let kind = *known.get(words.as_slice())?;
                // No name of the tagger's crosses the occurrence's end.
                let ends_clean = end == labels[s].len() || !continues_name(&labels[s], end);
                let free = labels[s][i..end].iter().all(|&l| l == 0)
                    || (ends_clean && spans(&labels[s][i..end]).len() >= 2);
                let stands_alone_after = sentence.get(end).is_none_or(|w| !capitalized(w));
                let trusted = !(opens && n == 1 && memory.seen_lowercase(&sentence[i].lower));
                let group = || {
                    let word = words[0];
                    n == 1
                        && kind == type_index(EntityType::Organization)
                        && word.ends_with('s')
                        && !word.ends_with("ss")
                        && word.chars().all(char::is_alphabetic)
                };
                let placed = !after_opening_the || group();
                (free && stands_alone_after && trusted && placed).then_some((end, kind))
            });
            match found {
                Some((end, kind)) => {
                    relabel(&mut labels[s][i..end], kind);
                    i = end;
                }
                None => i += 1,
            }
        }
    }
}

/// Whether a name is a place the gazetteer knows, whole, then a plural that is no part
/// of a place: a team's name ("Indianapolis Colts", "Kansas City Chiefs"; not "New South
/// Wales", whose last word is the place's, nor "Congress").
fn named_by_place_and_nickname(name: &[Word]) -> bool {
    let [place @ .., nickname] = name else {
        return false;
    };
    let place_flags = Lexicon::PLACE_BEGIN | Lexicon::PLACE_INSIDE | Lexicon::NATION;
    let word = nickname.form.as_str();
    !place.is_empty()
        && place[0].lexicon & Lexicon::PLACE_BEGIN != 0
        && place[1..]
            .iter()
            .all(|w| w.lexicon & Lexicon::PLACE_INSIDE != 0)
        && nickname.lexicon & (place_flags | Lexicon::COUNTRY) == 0
        && word.len() >= 4
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !EVENT_PLURALS.contains(&nickname.lower.as_str())
}

/// Nouns after "the" and a surname that make it a family's ("the Williams sisters").
const FAMILY_NOUNS: [&str; 8] = [
    "family",
    "families",
    "sisters",
    "brothers",
    "twins",
    "household",
    "clan",
    "siblings",
];

/// Plurals that name events ("the Athens Olympics", "the Beijing Games", "the Ashes"),
/// or a country ("the States"), not teams.
const EVENT_PLURALS: [&str; 16] = [
    "states",
    "games",
    "olympics",
    "paralympics",
    "championships",
    "finals",
    "awards",
    "elections",
    "talks",
    "trials",
    "ashes",
    "masters",
    "oscars",
    "grammys",
    "emmys",
    "baftas",
];

/// The index of an entity type in a name's votes and in the labels (person, organization,
/// place, other: the order of [`LABELS`]' types).
fn type_index(kind: EntityType) -> usize {
    match kind {
        EntityType::Person => 0,
        EntityType::Organization => 1,
        EntityType::Place => 2,
        EntityType::Other => 3,
    }
}

/// The entity type a tagger label stands for.
pub fn entity_type(label: &str) -> EntityType {
    match label {
        "PER" => EntityType::Person,
        "ORG" => EntityType::Organization,
        "LOC" => EntityType::Place,
        _ => EntityType::Other,
    }
}

/// Spans (word ranges and types, "PER", "ORG", "LOC", "MISC") of a labelled sentence.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, &'static str)> {
    iob_spans(labels.iter().map(|&l| LABELS[l as usize]))
}

/// Spans (word ranges and types) of IOB2 labels ("B-PER", "I-PER", "O"); an "I-" that
/// continues nothing opens a span of its own.
///
/// ```
/// use dateline_entities::recognize::iob_spans;
/// assert_eq!(iob_spans(["B-PER", "I-PER", "O", "I-LOC"]), [(0, 2, "PER"), (3, 4, "LOC")]);
/// ```
pub fn iob_spans<'a>(labels: impl IntoIterator<Item = &'a str>) -> Vec<(usize, usize, &'a str)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut n = 0;
    for (i, label) in labels.into_iter().enumerate() {
        n = i + 1;
        let (tag, kind) = label.split_once('-').unwrap_or((label, ""));
        let continues = tag == "I" && open.is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((start, k)) = open.take() {
                out.push((start, i, k));
            }
            if tag != "O" {
                open = Some((i, kind));
            }
        }
    }
    if let Some((start, k)) = open {
        out.push((start, n, k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`super::harmonize`] as the recognizer runs it: the sports reading decided from
    /// the sentences.
    fn harmonize(sentences: &[Vec<Word>], labels: &mut [Vec<u8>]) {
        super::harmonize(sentences, labels, is_sports_report(sentences));
    }
    use crate::places::Places;
    use crate::weights::Parts;
    use dateline_mapped::Image;

    /// The index of a label in [`LABELS`].
    fn label(name: &str) -> u8 {
        LABELS.iter().position(|x| *x == name).unwrap() as u8
    }

    /// A sentence of words split at single spaces.
    fn sentence(text: &str) -> Vec<Word> {
        text.split(' ').map(Word::new).collect()
    }

    /// A quotation opens inside a sentence after an odd double mark or a single mark
    /// after punctuation, and not where its speaker's verb follows the word (the mark
    /// closed a quotation the sentence opened inside of).
    #[test]
    fn quotations_open_inside_a_sentence_where_their_marks_say() {
        let openings = |text: &str, inside: bool| {
            let words = sentence(text);
            inner_quotation_openings(&words, inside)
                .map(|i| words[i].form.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            openings("He said : \" Tonight , we win . \" He left .", false),
            ["Tonight"]
        );
        assert_eq!(openings("He said , ' Oh , yes . '", false), ["Oh"]);
        // A quoted word alone is a title; a name before "said" is a speaker.
        assert!(openings("He saw the film \" Crash \" twice .", false).is_empty());
        assert!(openings("He left , ' Sharp said .", false).is_empty());
        // The sentence opened inside a quotation: its first mark closes it.
        assert!(openings("at all , \" Sharp , the mayor , said .", true).is_empty());
        assert_eq!(
            openings("at all , \" Sharp , the mayor , said .", false),
            ["Sharp"]
        );
    }

    /// The names of a sentence tagged at `tagged` (first word, end word, type) after a
    /// sentence pass.
    fn after_pass(
        pass: fn(&[Word], &mut [u8]),
        text: &str,
        tagged: &[(usize, usize, &str)],
    ) -> Vec<(usize, usize, &'static str)> {
        let words = sentence(text);
        let mut labels = labelled(words.len(), tagged);
        pass(&words, &mut labels);
        spans(&labels)
    }

    /// The labels of a sentence of `len` words with the spans given as (first word, end
    /// word, type).
    fn labelled(len: usize, spans: &[(usize, usize, &str)]) -> Vec<u8> {
        let mut labels = vec![0; len];
        for &(start, end, kind) in spans {
            labels[start] = label(&format!("B-{kind}"));
            for l in &mut labels[start + 1..end] {
                *l = label(&format!("I-{kind}"));
            }
        }
        labels
    }

    /// The entities of each text after `harmonize`, each text tagged with one one-word
    /// entity, `begin` (a "B-" label), at word `at`.
    fn harmonized(
        texts: &[&str],
        at: usize,
        begin: &str,
    ) -> Vec<Vec<(usize, usize, &'static str)>> {
        let sentences: Vec<_> = texts.iter().map(|t| sentence(t)).collect();
        let mut labels: Vec<Vec<u8>> = sentences
            .iter()
            .map(|s| {
                (0..s.len())
                    .map(|i| if i == at { label(begin) } else { label("O") })
                    .collect()
            })
            .collect();
        harmonize(&sentences, &mut labels);
        labels.iter().map(|l| spans(l)).collect()
    }

    /// The type `harmonize` gives a one-sentence text's one-word name at word `at`, tagged
    /// `tag` (a "B-" label).
    fn kind_of(text: &str, at: usize, tag: &str) -> &'static str {
        harmonized(&[text], at, tag)[0][0].2
    }

    /// The entities of each text after `harmonize`, tagged with the labels given as
    /// (text, word, label).
    fn harmonized_with(
        texts: &[&str],
        tags: &[(usize, usize, &str)],
    ) -> Vec<Vec<(usize, usize, &'static str)>> {
        let sentences: Vec<_> = texts.iter().map(|t| sentence(t)).collect();
        let mut labels: Vec<Vec<u8>> = sentences.iter().map(|s| vec![0; s.len()]).collect();
        for &(s, at, l) in tags {
            labels[s][at] = label(l);
        }
        harmonize(&sentences, &mut labels);
        labels.iter().map(|l| spans(l)).collect()
    }

    fn gunzip(file: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&std::fs::read(path).unwrap()[..]),
            &mut bytes,
        )
        .unwrap();
        bytes
    }

    /// Each image compiled in is whole (its hash) and is exactly what the build makes of
    /// the committed file: a stale or damaged image would fail here, not in a run.
    #[test]
    fn the_shipped_images_are_whole_and_made_from_the_committed_files() {
        Image::open(MODEL, crate::weights::MAGIC)
            .unwrap()
            .verify()
            .unwrap();
        let parts = Parts::parse(&gunzip("model/ner.bin.gz")).unwrap();
        assert!(
            parts.to_image() == MODEL,
            "model/ner.bin.gz: the image differs"
        );
        let places = crate::gazetteer::PLACES;
        Image::open(places, crate::places::MAGIC)
            .unwrap()
            .verify()
            .unwrap();
        let tsv = String::from_utf8(gunzip("data/places.tsv.gz")).unwrap();
        assert!(
            Places::parse(&tsv).to_image() == places,
            "data/places.tsv.gz: the image differs"
        );
    }

    #[test]
    fn the_viewed_model_and_gazetteer_answer_as_the_parsed_ones() {
        let tsv = String::from_utf8(gunzip("data/places.tsv.gz")).unwrap();
        let parsed = Gazetteer::parse(&tsv);
        let viewed = Gazetteer::shipped();
        for name in [
            "Islamabad",
            "New York",
            "ISLAMABAD",
            "Côte d’Ivoire",
            "Nowhere-on-Sea",
        ] {
            assert_eq!(parsed.lookup(name), viewed.lookup(name), "{name}");
        }
        let lahore = viewed.lookup("Lahore");
        assert!(!lahore.is_empty());
        assert_eq!(viewed.place(lahore[0] as usize).country, "PK");
        let from_file = Model::read(include_bytes!("../model/ner.bin.gz")).unwrap();
        let shipped = Recognizer::shipped().unwrap().model();
        assert_eq!(from_file.len(), shipped.len());
        assert_eq!(from_file.about, shipped.about);
    }

    #[test]
    fn a_name_after_a_company_noun_leans_to_an_organization() {
        let sentences = vec![
            sentence("Irish national airline Aer Lingus bought planes ."),
            sentence("Aer Lingus said it was pleased ."),
            sentence("Company founder Ann Lee spoke ."),
            sentence("Ann Lee said so , and Ann Lee left ."),
            sentence("Aer Lingus , Aer Lingus , Aer Lingus and Aer Lingus ."),
            sentence("He stays with his club , Endt said ."),
        ];
        let (o, bp, ip) = (label("O"), label("B-PER"), label("I-PER"));
        let mut labels = vec![
            vec![o, o, o, bp, ip, o, o, o],
            vec![bp, ip, o, o, o, o, o],
            vec![o, o, bp, ip, o, o],
            vec![bp, ip, o, o, o, o, bp, ip, o, o],
            vec![bp, ip, o, bp, ip, o, bp, ip, o, bp, ip, o],
            vec![o, o, o, o, o, o, bp, o, o],
        ];
        harmonize(&sentences, &mut labels);
        // Six tagged persons, one right after "airline": an organization, all.
        assert_eq!(spans(&labels[0]), [(3, 5, "ORG")]);
        assert_eq!(spans(&labels[1]), [(0, 2, "ORG")]);
        assert!(spans(&labels[4]).iter().all(|s| s.2 == "ORG"));
        // After a comma, a name that opens a clause is no apposition of the noun.
        assert_eq!(spans(&labels[5]), [(6, 7, "PER")]);
        // "founder" is no company noun: a person stays one.
        assert_eq!(spans(&labels[2]), [(2, 4, "PER")]);
        // A film studio and a record label are companies.
        let sentences = vec![sentence(
            "Film studio Fox bought it from the label Domino .",
        )];
        let mut labels = vec![vec![o, o, bp, o, o, o, o, o, bp, o]];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(2, 3, "ORG"), (8, 9, "ORG")]);
        // And what the state owns, and what owns a division.
        let sentences = vec![sentence(
            "State-owned Rosneft bought it , and Lumen 's chip division grew .",
        )];
        let mut labels = vec![vec![o, bp, o, o, o, o, bp, o, o, o, o, o]];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(1, 2, "ORG"), (6, 7, "ORG")]);
        // And a band.
        let sentences = vec![sentence("New York band Scissor Sisters won .")];
        let mut labels = vec![vec![o, o, o, bp, ip, o, o]];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(3, 5, "ORG")]);
        // So are a regulator, a watchdog, a charity and a union.
        let sentences = vec![sentence(
            "Telecom regulator Ofcom and the charity Oxfam met the union Unison .",
        )];
        let mut labels = vec![vec![o, o, bp, o, o, o, bp, o, o, o, bp, o]];
        harmonize(&sentences, &mut labels);
        assert_eq!(
            spans(&labels[0]),
            [(2, 3, "ORG"), (6, 7, "ORG"), (10, 11, "ORG")]
        );
    }

    #[test]
    fn a_part_of_a_continent_named_by_where_it_lies_is_a_place() {
        let tagged = |text: &str, kind: &str| {
            let b = format!("B-{kind}");
            let i = format!("I-{kind}");
            let found = harmonized_with(&[text], &[(0, 3, b.as_str()), (0, 4, i.as_str())]);
            found[0][0].2
        };
        assert_eq!(tagged("Cases rose in Central Asia .", "ORG"), "LOC");
        assert_eq!(
            tagged("He is chief Latin America economist .", "PER"),
            "LOC"
        );
        // A nationality, or a place that is no continent or country, is left as tagged.
        assert_eq!(
            tagged("Cases rose in Central Asian states .", "MISC"),
            "MISC"
        );
        assert_eq!(tagged("A goal for West Ham .", "ORG"), "ORG");
    }

    #[test]
    fn the_ends_of_a_way_are_places() {
        let kinds = |text: &str, first: &str, second: &str| {
            let (b1, b2) = (format!("B-{first}"), format!("B-{second}"));
            let words: Vec<&str> = text.split(' ').collect();
            let at = |w: &str| words.iter().position(|x| *x == w).unwrap();
            let found = harmonized_with(
                &[text],
                &[
                    (0, at("Aberdeen"), b1.as_str()),
                    (0, at("Kirkwall"), b2.as_str()),
                ],
            );
            found[0].iter().map(|f| f.2).collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(
                "The service between Aberdeen and Kirkwall resumed .",
                "ORG",
                "PER"
            ),
            ["LOC", "LOC"]
        );
        assert_eq!(
            kinds(
                "Flights from Aberdeen to Kirkwall were cancelled .",
                "ORG",
                "PER"
            ),
            ["LOC", "LOC"]
        );
        // A match or a deal between two names is no way.
        assert_eq!(
            kinds(
                "The match between Aberdeen and Kirkwall ended 2-1 .",
                "ORG",
                "ORG"
            ),
            ["ORG", "ORG"]
        );
    }

    /// What one has a role in is a work, but not its director.
    #[test]
    fn a_work_one_has_a_role_in() {
        assert_eq!(
            kind_of("She won for her role in Closer .", 6, "B-PER"),
            "MISC"
        );
        assert_eq!(
            kind_of("He starred in Closer last year .", 3, "B-ORG"),
            "MISC"
        );
        assert_eq!(
            kind_of("His role in Nichols ' Closer won .", 3, "B-PER"),
            "PER"
        );
    }

    /// A maker of goods is a company; a maker of films is a person.
    #[test]
    fn a_maker_of_goods_is_a_company() {
        assert_eq!(
            kind_of("Research by handset maker Nokia shows this .", 4, "B-LOC"),
            "ORG"
        );
        assert_eq!(
            kind_of("The plane maker , Airbus , said .", 4, "B-PER"),
            "ORG"
        );
        assert_eq!(kind_of("The film maker Theo spoke .", 3, "B-PER"), "PER");
        assert_eq!(kind_of("Cheap maker Smith spoke .", 2, "B-PER"), "PER");
    }

    /// A name said to be a company is one; the noun must head the predicate.
    #[test]
    fn a_name_said_to_be_a_company() {
        assert_eq!(
            kind_of(
                "Yahoo was the first internet firm to offer it .",
                0,
                "B-PER"
            ),
            "ORG"
        );
        assert_eq!(
            kind_of("As a telecoms company , BT is moving on .", 5, "B-PER"),
            "ORG"
        );
        assert_eq!(kind_of("Smith was a bank manager .", 0, "B-PER"), "PER");
        assert_eq!(kind_of("Smith was the team captain .", 0, "B-PER"), "PER");
    }

    /// The types `harmonize` gives the occurrences of `name` in `texts`, each of them
    /// tagged `label` (a one-word name), and `also` tagged as given.
    fn kinds_of(
        texts: &[&str],
        name: &str,
        label: &'static str,
        also: &[(usize, usize, &'static str)],
    ) -> Vec<&'static str> {
        let mut tags = also.to_vec();
        for (s, text) in texts.iter().enumerate() {
            if let Some(at) = text.split(' ').position(|w| w == name)
                && !also.iter().any(|&(t, _, _)| t == s)
            {
                tags.push((s, at, label));
            }
        }
        harmonized_with(texts, &tags)
            .into_iter()
            .flatten()
            .map(|(_, _, kind)| kind)
            .collect()
    }

    /// Occurrences of a name the tagger read as a person and that say nothing of it:
    /// more than two occurrences with a company's signs outweigh by their votes alone.
    const PLAIN: [&str; 7] = [
        "Yahoo grew .",
        "Yahoo lost .",
        "Yahoo won .",
        "Yahoo hired .",
        "Yahoo sold .",
        "Yahoo left .",
        "Yahoo spoke .",
    ];

    /// Two occurrences with a company's signs make a name a company however often the
    /// tagger read it as a person; one does not.
    #[test]
    fn two_signs_of_a_company_outweigh_the_taggers_reading() {
        let signs = [
            "Yahoo was the first internet firm to offer it .",
            "Research by software maker Yahoo shows this .",
        ];
        let both: Vec<&str> = PLAIN.iter().chain(&signs).copied().collect();
        let kinds = kinds_of(&both, "Yahoo", "B-PER", &[]);
        assert!(kinds.iter().all(|&k| k == "ORG"), "{kinds:?}");
        let one: Vec<&str> = PLAIN.iter().chain(&signs[..1]).copied().collect();
        let kinds = kinds_of(&one, "Yahoo", "B-PER", &[]);
        assert!(kinds.iter().all(|&k| k == "PER"), "{kinds:?}");
    }

    /// Two company's signs do not outweigh a person the document names in full, nor
    /// count where the tagger read a plural as other (a people acts as a company does).
    #[test]
    fn two_signs_of_a_company_leave_a_person_and_a_people() {
        let mut texts = vec![
            "Tony Yahoo spoke .",
            "Yahoo was the first internet firm to offer it .",
            "Research by software maker Yahoo shows this .",
        ];
        texts.extend(PLAIN);
        let full_name = [(0, 0, "B-PER"), (0, 1, "I-PER")];
        let kinds = kinds_of(&texts, "Yahoo", "B-PER", &full_name);
        assert!(kinds.iter().all(|&k| k == "PER"), "{kinds:?}");

        let people = [
            "Latinos announced it .",
            "Latinos said so .",
            "Latinos rose .",
            "Latinos fell .",
            "Latinos won .",
            "Latinos lost .",
            "Latinos grew .",
            "Latinos met .",
            "Latinos left .",
        ];
        let kinds = kinds_of(&people, "Latinos", "B-MISC", &[]);
        assert!(kinds.iter().all(|&k| k == "MISC"), "{kinds:?}");

        // A name in the singular read as other is counted: a product's maker, a company.
        let company = people.map(|t| t.replace("Latinos", "Vivendi"));
        let company: Vec<&str> = company.iter().map(String::as_str).collect();
        let kinds = kinds_of(&company, "Vivendi", "B-MISC", &[]);
        assert!(kinds.iter().all(|&k| k == "ORG"), "{kinds:?}");
    }

    /// A faith or a people named by its adjective is other, whatever the tagger read.
    #[test]
    fn a_faith_is_other() {
        assert_eq!(
            kind_of("Swansea 's Muslim community met .", 2, "B-LOC"),
            "MISC"
        );
        assert_eq!(kind_of("Hindus and others prayed .", 0, "B-ORG"), "MISC");
        assert_eq!(kind_of("Christian spoke first .", 0, "B-PER"), "PER");
    }

    /// A name one has, after "a" or "an" and heading its phrase, is a thing.
    #[test]
    fn a_name_had_is_a_thing() {
        assert_eq!(kind_of("It won him an Oscar in 1973 .", 4, "B-PER"), "MISC");
        assert_eq!(
            kind_of("She was nominated for a Grammy .", 5, "B-LOC"),
            "MISC"
        );
        // Not a name that qualifies the noun after it, nor an initial.
        assert_eq!(
            kind_of("He was taken to a London hospital .", 5, "B-LOC"),
            "LOC"
        );
        assert_eq!(
            kind_of("The side : A Craig , S Lamont .", 4, "B-PER"),
            "PER"
        );
    }

    #[test]
    fn a_name_that_owns_a_named_person_leans_to_an_organization() {
        let tags = [
            (0, 0, "B-PER"),
            (0, 2, "B-PER"),
            (0, 3, "I-PER"),
            (1, 1, "B-PER"),
        ];
        let found = harmonized_with(&["Rotor 's Ann Lee quit .", "Then Rotor left ."], &tags);
        assert_eq!(found[0], [(0, 1, "ORG"), (2, 4, "PER")]);
        assert_eq!(found[1], [(1, 2, "ORG")]);
        // A vote, not a verdict: a name the document calls a person often stays one.
        let found = harmonized_with(
            &[
                "Rotor 's Ann Lee quit .",
                "Then Rotor left .",
                "So Rotor won .",
                "Now Rotor won .",
            ],
            &[tags.as_slice(), &[(2, 1, "B-PER"), (3, 1, "B-PER")]].concat(),
        );
        assert_eq!(found[1], [(1, 2, "PER")]);
    }

    #[test]
    fn a_name_with_a_share_price_accounts_or_analysts_is_a_company() {
        // Each document: a name the tagger called a person twice, then one reading that
        // only a company gives; three votes outweigh the two.
        let company = |third: &str, at: usize| {
            let found = harmonized_with(
                &["Then Rotor left .", "So Rotor won .", third],
                &[(0, 1, "B-PER"), (1, 1, "B-PER"), (2, at, "B-PER")],
            );
            found[0][0].2
        };
        assert_eq!(company("Rotor shares jumped 10 % .", 0), "ORG");
        assert_eq!(company("It paid $ 76 for each Rotor share .", 6), "ORG");
        assert_eq!(company("Rotor 's second-quarter revenues rose .", 0), "ORG");
        assert_eq!(company("Rotor has reported its best quarter .", 0), "ORG");
        assert_eq!(company("said Ann Lee , an analyst at Rotor .", 7), "ORG");
        assert_eq!(company("said Ann Lee , an analyst with Rotor .", 7), "ORG");
        assert_eq!(company("The property website Rotor said so .", 3), "ORG");
        assert_eq!(company("Rotor is by far the bigger company .", 0), "ORG");
        assert_eq!(company("Rotor 's shares fell 2 % .", 0), "ORG");
        assert_eq!(company("Rotor 's chairman resigned .", 0), "ORG");
        assert_eq!(company("It holds a 1 % stake in Rotor .", 7), "ORG");
        assert_eq!(
            company("Vega , the US unit of Germany 's Rotor , grew .", 8),
            "ORG"
        );
        assert_eq!(
            company("Rotor , parent company of Vega , said so .", 0),
            "ORG"
        );
        assert_eq!(company("Rotor , a friend of Vega , said so .", 0), "PER");
        assert_eq!(company("Rotor , took a group of us there .", 0), "PER");
        assert_eq!(company("It has a stake in Rotor 's future .", 5), "PER");
        assert_eq!(company("Shares in Rotor fell .", 2), "ORG");
        assert_eq!(company("Traders sold shares of Rotor .", 4), "ORG");
        let found = harmonized_with(
            &["Rotor governor Ann Lee spoke .", "So Rotor won ."],
            &[
                (0, 0, "B-PER"),
                (0, 2, "B-PER"),
                (0, 3, "I-PER"),
                (1, 1, "B-PER"),
            ],
        );
        assert_eq!(found[1], [(1, 2, "ORG")]);
        assert_eq!(company("Firms such as Dell and Rotor grew .", 5), "ORG");
        assert_eq!(
            company("Carmakers , including Rotor , cut jobs .", 3),
            "ORG"
        );
        assert_eq!(company("Players such as Rotor grew .", 3), "PER");
        assert_eq!(company("Rotor was sold to a shell company .", 0), "PER");
        assert_eq!(company("Rotor is a company director .", 0), "PER");
        // A person shares a view, and has shares and earnings of her own; the analyst
        // works at the company the name owns.
        assert_eq!(company("Rotor shares his view .", 0), "PER");
        assert_eq!(company("It is Rotor 's", 2), "PER");
        assert_eq!(company("Rotor 's shares were sold .", 0), "PER");
        assert_eq!(company("Rotor 's annual earnings rose .", 0), "PER");
        assert_eq!(
            company("said Ann Lee , an analyst at Rotor 's bank .", 7),
            "PER"
        );
    }

    #[test]
    fn a_miscellaneous_name_that_acts_as_a_company_is_one() {
        let voted =
            |texts: &[&str], tags: &[(usize, usize, &str)]| harmonized_with(texts, tags)[0][0].2;
        let tags = [(0, 0, "B-MISC"), (1, 1, "B-MISC"), (2, 0, "B-MISC")];
        let texts = |third: &'static str| ["Rotor jets .", "Two Rotor jets .", third];
        assert_eq!(
            voted(&texts("Rotor has also recently signed deals ."), &tags),
            "ORG"
        );
        assert_eq!(
            voted(&texts("Rotor this week announced it ."), &tags),
            "ORG"
        );
        assert_eq!(voted(&texts("Rotor has signed deals ."), &tags), "ORG");
        assert_eq!(voted(&texts("Rotor jets have landed ."), &tags), "MISC");
        // A group of people acts too.
        let tags = [
            (0, 0, "B-MISC"),
            (0, 1, "I-MISC"),
            (1, 1, "B-MISC"),
            (1, 2, "I-MISC"),
            (2, 0, "B-MISC"),
            (2, 1, "I-MISC"),
        ];
        let texts = [
            "Republican Senators met .",
            "The Republican Senators left .",
            "Republican Senators have already announced it .",
        ];
        assert_eq!(voted(&texts, &tags), "MISC");
    }

    #[test]
    fn a_name_tagged_a_place_that_no_place_is_called_is_a_company() {
        let voted = |third: &str, at: usize, known: bool| {
            let mut sentences: Vec<Vec<Word>> = ["Then Rotor rose .", "So Rotor won .", third]
                .iter()
                .map(|t| sentence(t))
                .collect();
            if known {
                for s in &mut sentences {
                    for w in s.iter_mut().filter(|w| w.form == "Rotor") {
                        w.lexicon |= Lexicon::PLACE_BEGIN;
                    }
                }
            }
            let mut labels: Vec<Vec<u8>> = sentences.iter().map(|s| vec![0; s.len()]).collect();
            for (s, at) in [(0, 1), (1, 1), (2, at)] {
                labels[s][at] = label("B-LOC");
            }
            harmonize(&sentences, &mut labels);
            spans(&labels[0])[0].2
        };
        assert_eq!(
            voted("It bought plants from rival Rotor .", 5, false),
            "ORG"
        );
        assert_eq!(voted("Danish brewer Rotor grew .", 2, false), "ORG");
        assert_eq!(
            voted("Files from Rotor , Vega 's rival then .", 2, false),
            "ORG"
        );
        assert_eq!(
            voted("Files from Rotor , Vega 's capital .", 2, false),
            "LOC"
        );
        // A country the gazetteer knows may be a rival.
        assert_eq!(voted("It will emulate rival Rotor .", 4, true), "LOC");
    }

    #[test]
    fn a_name_in_a_list_of_organizations_is_one() {
        let tags = [
            (0, 1, "B-PER"),
            (1, 1, "B-PER"),
            (2, 1, "B-PER"),
            (2, 3, "B-ORG"),
            (2, 5, "B-ORG"),
        ];
        let texts = [
            "Then Rotor left .",
            "So Rotor won .",
            "Then Rotor , Siemens and Volkswagen cut jobs .",
        ];
        assert_eq!(harmonized_with(&texts, &tags)[0], [(1, 2, "ORG")]);
        // Not where a person is listed with them.
        let tags = [tags.as_slice(), &[(2, 5, "B-PER")]].concat();
        assert_eq!(harmonized_with(&texts, &tags)[0], [(1, 2, "PER")]);

        // A name of two words too, but not one that opens with an initial or owns what
        // follows it: (text, the organizations listed, the name tagged a person, whether
        // it becomes an organization).
        type Case<'a> = (&'a str, &'a [(usize, usize)], (usize, usize), bool);
        let cases: [Case; 4] = [
            (
                "Shares of Lehman Brothers , Merrill Lynch and AIG fell .",
                &[(2, 4), (8, 9)],
                (5, 7),
                true,
            ),
            (
                "Shares of Lehman Brothers , M. Lynch and AIG fell .",
                &[(2, 4), (8, 9)],
                (5, 7),
                false,
            ),
            (
                "Shares of Lehman Brothers , M Lynch and AIG fell .",
                &[(2, 4), (8, 9)],
                (5, 7),
                false,
            ),
            (
                "Then Tosca , Carmen and Fromental Halevy 's La Juive .",
                &[(1, 2), (3, 4)],
                (5, 7),
                false,
            ),
        ];
        for (text, organizations, person, organization) in cases {
            let sentence = sentence(text);
            let tagged: Vec<(usize, usize, &str)> = organizations
                .iter()
                .map(|&(start, end)| (start, end, "ORG"))
                .chain([(person.0, person.1, "PER")])
                .collect();
            let mut labels = labelled(sentence.len(), &tagged);
            harmonize(
                std::slice::from_ref(&sentence),
                std::slice::from_mut(&mut labels),
            );
            let kind = if organization { "ORG" } else { "PER" };
            let found = spans(&labels);
            assert!(
                found.contains(&(person.0, person.1, kind)),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn without_a_majority_the_most_votes_decide() {
        // Two person votes, one place, one organization: all become the person.
        let found = harmonized_with(
            &["Rotor left .", "So Rotor won .", "To Rotor .", "By Rotor ."],
            &[
                (0, 0, "B-PER"),
                (1, 1, "B-PER"),
                (2, 1, "B-LOC"),
                (3, 1, "B-ORG"),
            ],
        );
        assert!(found.iter().all(|f| f[0].2 == "PER"), "{found:?}");
        // A tie leaves each as tagged.
        let found = harmonized_with(
            &["Rotor left .", "To Rotor ."],
            &[(0, 0, "B-PER"), (1, 1, "B-LOC")],
        );
        assert_eq!((found[0][0].2, found[1][0].2), ("PER", "LOC"));
    }

    #[test]
    fn a_company_is_named_again_by_its_first_word() {
        let found = harmonized_with(
            &[
                "Lumen Semiconductor will build a plant .",
                "Photo by Lumen .",
                "Ben & Jerry sells ice cream .",
                "Ben said so .",
            ],
            &[
                (0, 0, "B-ORG"),
                (0, 1, "I-ORG"),
                (1, 2, "B-PER"),
                (2, 0, "B-ORG"),
                (2, 1, "I-ORG"),
                (2, 2, "I-ORG"),
                (3, 0, "B-PER"),
            ],
        );
        assert_eq!(found[1], [(2, 3, "ORG")]);
        // A founder's name opening a company's is a person's still.
        assert_eq!(found[3], [(0, 1, "PER")]);
    }

    #[test]
    fn a_company_named_without_its_legal_form_is_the_company() {
        let found = harmonized_with(
            &[
                "Chrysler LLC cut jobs .",
                "Fiat is in talks with Chrysler .",
                "The Islamic Group spoke of an Islamic state .",
            ],
            &[
                (0, 0, "B-ORG"),
                (0, 1, "I-ORG"),
                (1, 0, "B-ORG"),
                (1, 5, "B-PER"),
                (2, 1, "B-ORG"),
                (2, 2, "I-ORG"),
                (2, 6, "B-MISC"),
            ],
        );
        assert_eq!(found[1], [(0, 1, "ORG"), (5, 6, "ORG")]);
        // "Group" is no legal form: "Islamic" stays what it was.
        assert_eq!(found[2], [(1, 3, "ORG"), (6, 7, "MISC")]);
    }

    #[test]
    fn a_name_the_tagger_split_is_the_name_the_document_names_whole() {
        let sentences = vec![
            sentence("Patrols in the Strait of Malacca will grow ."),
            sentence("Ships crossed the Strait of Malacca on Monday ."),
            sentence("The Strait of Malacca Pact , and Strait of Malacca ."),
            sentence("Strait news , from Malacca ."),
        ];
        let (o, bl, il, bo) = (label("O"), label("B-LOC"), label("I-LOC"), label("B-ORG"));
        let mut labels: Vec<Vec<u8>> = sentences.iter().map(|s| vec![o; s.len()]).collect();
        labels[0][3..6].copy_from_slice(&[bl, il, il]);
        // Split in two places.
        labels[1][3] = bl;
        labels[1][5] = bl;
        // Where the split pieces run on into a longer name, and where the second piece
        // is the first word of a name that goes on.
        labels[2][1] = bl;
        labels[2][3..5].copy_from_slice(&[bl, bo]);
        labels[2][7] = bl;
        labels[2][9] = bl;
        labels[3][0] = bl;
        labels[3][4] = bl;
        let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
        propagate(&sentences, &memory, &mut labels);
        assert_eq!(spans(&labels[1]), [(3, 6, "LOC")]);
        // "Malacca Pact" is another name: its first words are left as they were; the
        // occurrence that stands alone is joined.
        assert_eq!(
            spans(&labels[2]),
            [(1, 2, "LOC"), (3, 4, "LOC"), (4, 5, "ORG"), (7, 10, "LOC")]
        );
        // Words of the name that are not the name are not joined.
        assert_eq!(spans(&labels[3]), [(0, 1, "LOC"), (4, 5, "LOC")]);
    }

    #[test]
    fn a_states_abbreviation_after_a_place_is_a_place() {
        let read = |text: &str, tagged: &[(usize, usize, &str)]| {
            after_pass(
                |words, labels| mark_abbreviated_states(words, labels, Gazetteer::shipped()),
                text,
                tagged,
            )
        };
        // Read as a person, and as nothing.
        assert_eq!(
            read(
                "A rally in Phoenix , Ariz. , drew crowds",
                &[(3, 4, "LOC"), (5, 6, "PER")]
            ),
            [(3, 4, "LOC"), (5, 6, "LOC")]
        );
        assert_eq!(
            read("He lives in Tampa , Fla. now", &[(3, 4, "LOC")]),
            [(3, 4, "LOC"), (5, 6, "LOC")]
        );
        // Not after a person, and not a word no state is abbreviated to.
        assert_eq!(
            read("Said Smith , Ariz. and more", &[(1, 2, "PER")]),
            [(1, 2, "PER")]
        );
        assert_eq!(
            read("He lives in Tampa , Inc. now", &[(3, 4, "LOC")]),
            [(3, 4, "LOC")]
        );
    }

    #[test]
    fn a_word_that_opens_a_sentence_and_describes_the_name_after_it_is_no_part_of_it() {
        // Each document: its sentences, the names the tagger read, and the first
        // sentence's names after the pass.
        type Case = (
            &'static [&'static str],
            &'static [&'static [(usize, usize, &'static str)]],
            &'static [(usize, usize, &'static str)],
        );
        let cases: [Case; 6] = [
            // The rest is named alone elsewhere, and takes that type.
            (
                &[
                    "Rapper Eminem has denied it .",
                    "A spokesman for Eminem said so .",
                ],
                &[&[(0, 2, "ORG")], &[(3, 4, "PER")]],
                &[(1, 2, "PER")],
            ),
            // A person named at length elsewhere, and the word before the surname.
            (
                &["Actor Foxx won .", "Jamie Foxx played Ray ."],
                &[&[(0, 2, "PER")], &[(0, 2, "PER"), (3, 4, "PER")]],
                &[(1, 2, "PER")],
            ),
            // A word news writes in lower case may be a given name: "Miles Shipside",
            // later "Mr Shipside", stays whole.
            (
                &[
                    "Miles Shipside said prices rose .",
                    "Mr Shipside added more .",
                ],
                &[&[(0, 2, "PER")], &[(1, 2, "PER")]],
                &[(0, 2, "PER")],
            ),
            // The document capitalizes the word inside a sentence: part of the name.
            (
                &[
                    "Sun Interbrew owns it .",
                    "A stake in Sun Interbrew went to Interbrew .",
                ],
                &[&[(0, 2, "ORG")], &[(3, 5, "ORG"), (7, 8, "ORG")]],
                &[(0, 2, "ORG")],
            ),
            // "The" opens names of its own.
            (
                &["The Netherlands drew .", "Netherlands won ."],
                &[&[(0, 2, "LOC")], &[(0, 1, "LOC")]],
                &[(0, 2, "LOC")],
            ),
            // Nowhere named alone: the name stays as read ("Total Foods").
            (
                &["Total Foods lost .", "Others left Sugar Foods ."],
                &[&[(0, 2, "ORG")], &[(2, 4, "ORG")]],
                &[(0, 2, "ORG")],
            ),
        ];
        for (texts, tagged, expected) in cases {
            let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
            let mut labels: Vec<Vec<u8>> = sentences
                .iter()
                .zip(tagged)
                .map(|(s, t)| labelled(s.len(), t))
                .collect();
            let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
            split_opening_descriptors(&sentences, &memory, &mut labels);
            assert_eq!(spans(&labels[0]), expected, "{texts:?}");
        }
    }

    #[test]
    fn a_name_tagged_once_is_tagged_wherever_it_stands_alone() {
        let sentences = vec![
            sentence("Coach Billie Jean King picked Monica Seles in May ."),
            sentence("\" We will wait , \" said King ."),
            sentence("King Fahd met King , and Seles played ."),
            sentence("Seles won in May ."),
            sentence("Wow , said Wow Ling ."),
            sentence("Wow well ."),
        ];
        let (o, bp, ip, bl) = (label("O"), label("B-PER"), label("I-PER"), label("B-LOC"));
        let mut labels: Vec<Vec<u8>> = sentences.iter().map(|s| vec![o; s.len()]).collect();
        labels[0][1..4].copy_from_slice(&[bp, ip, ip]);
        labels[0][5..7].copy_from_slice(&[bp, ip]);
        // The tagger's slips: a month tagged a person, an interjection opening a sentence
        // tagged a place.
        labels[0][8] = bp;
        labels[5][0] = bl;
        labels[4][3..5].copy_from_slice(&[bp, ip]);
        let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
        propagate(&sentences, &memory, &mut labels);
        // The last names alone, after a verb and in the middle of a sentence.
        assert_eq!(spans(&labels[1]), [(7, 8, "PER")]);
        // Not where a capitalized word joins it to another name; a month stays a date.
        assert_eq!(spans(&labels[2]), [(3, 4, "PER"), (6, 7, "PER")]);
        assert_eq!(spans(&labels[3]), [(0, 1, "PER")]);
        // "Ling" is a last name; "Wow" was tagged alone only where it opens a sentence.
        assert_eq!(spans(&labels[4]), [(3, 5, "PER")]);
    }

    #[test]
    fn a_full_name_read_as_a_company_is_the_person_its_surname_names_alone() {
        let read = |texts: &[&str], tagged: &[&[(usize, usize, &str)]]| {
            let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
            let mut labels: Vec<Vec<u8>> = sentences
                .iter()
                .zip(tagged)
                .map(|(s, t)| labelled(s.len(), t))
                .collect();
            harmonize(&sentences, &mut labels);
            labels.iter().map(|l| spans(l)).collect::<Vec<_>>()
        };
        // Two sentences, the names tagged in each, and the first sentence's name after.
        type Case = ([&'static str; 2], [Spans; 2], (usize, usize, &'static str));
        type Spans = &'static [(usize, usize, &'static str)];
        let cases: [Case; 4] = [
            (
                [
                    "Then Peyton Manning threw for 364 yards .",
                    "Later Manning said he was happy .",
                ],
                [&[(1, 3, "ORG")], &[(1, 2, "PER")]],
                (1, 3, "PER"),
            ),
            // No pronoun for the surname: as tagged.
            (
                [
                    "Then Peyton Manning threw for 364 yards .",
                    "Later Manning said the team was happy .",
                ],
                [&[(1, 3, "ORG")], &[(1, 2, "PER")]],
                (1, 3, "ORG"),
            ),
            // The surname read as a place as often as a person ("the National Mall").
            (
                [
                    "Crowds filled the National Mall today .",
                    "Later Mall said he walked to the Mall .",
                ],
                [&[(3, 5, "LOC")], &[(1, 2, "PER"), (7, 8, "LOC")]],
                (3, 5, "LOC"),
            ),
            // The first word names a company of its own in the document.
            (
                [
                    "Sales of the Apple Mac rose .",
                    "Apple said so , and Mac said he was happy .",
                ],
                [&[(3, 5, "ORG")], &[(0, 1, "ORG"), (5, 6, "PER")]],
                (3, 5, "ORG"),
            ),
        ];
        for (texts, tagged, expected) in cases {
            assert_eq!(read(&texts, &tagged)[0], [expected], "{texts:?}");
        }
    }

    #[test]
    fn a_name_after_an_honorific_is_tagged_where_the_tagger_left_it() {
        let sentences = vec![
            sentence("Then Bernie Sanders spoke ."),
            sentence("She will not call on Mr. Sanders to withdraw ."),
            sentence("Mr Sanders left , and Lord Sanders Wood stayed ."),
        ];
        let (o, bp, ip) = (label("O"), label("B-PER"), label("I-PER"));
        let mut labels: Vec<Vec<u8>> = sentences.iter().map(|s| vec![o; s.len()]).collect();
        labels[0][1..3].copy_from_slice(&[bp, ip]);
        let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
        propagate(&sentences, &memory, &mut labels);
        assert_eq!(spans(&labels[1]), [(6, 7, "PER")]);
        // The honorific stays outside; a capitalized word after the name still joins it
        // to a longer one.
        assert_eq!(spans(&labels[2]), [(1, 2, "PER")]);
    }

    #[test]
    fn a_name_after_an_honorific_is_a_person_and_the_honorific_outside_it() {
        let read = |text: &str, tagged: &[(usize, usize, &str)]| {
            after_pass(people_behind_honorifics, text, tagged)
        };
        for (text, tagged, person) in [
            // Typed a company or a place, or a person with the honorific inside.
            (
                "Mr Molyneux has been behind it",
                (0, 2, "ORG"),
                (1, 2, "PER"),
            ),
            ("said Lord Hutton 's report", (1, 3, "LOC"), (2, 3, "PER")),
            ("Mr . Sanders left", (0, 3, "PER"), (2, 3, "PER")),
            // A title after the honorific stays out too; particles stay in.
            ("Mr Justice Forbes ruled", (0, 3, "ORG"), (2, 3, "PER")),
            ("Lord Irvine of Lairg said", (0, 4, "ORG"), (1, 4, "PER")),
        ] {
            assert_eq!(read(text, &[tagged]), [person], "{text}");
        }
        // Names that are no person's keep their type: a brand after "Dr", a department,
        // a title in title case, an honorific in lower case.
        for (text, tagged) in [
            ("Dr Pepper sales rose", (0, 2, "ORG")),
            ("the Lord Chancellor 's Department said", (1, 5, "ORG")),
            ("Lord Of The Rings won", (0, 4, "MISC")),
            ("a lord Byron said", (1, 3, "ORG")),
        ] {
            assert_eq!(read(text, &[tagged]), [tagged], "{text}");
        }
    }

    #[test]
    fn a_group_after_an_opening_the_is_the_group() {
        let sentences = vec![
            sentence("Luck led the Colts and the Library ."),
            sentence("The Colts jumped out to a lead ."),
            sentence("The Library opens , and The Colts won ."),
        ];
        let (o, bo, bl) = (label("O"), label("B-ORG"), label("B-LOC"));
        let mut labels: Vec<Vec<u8>> = sentences.iter().map(|s| vec![o; s.len()]).collect();
        labels[0][3] = bo;
        labels[0][6] = bl;
        let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
        propagate(&sentences, &memory, &mut labels);
        assert_eq!(spans(&labels[1]), [(1, 2, "ORG")]);
        // Not a thing named with "the" ("The Library"), nor after a "The" inside the
        // sentence, which may open a name ("The Colts" of a title).
        assert_eq!(spans(&labels[2]), []);
    }

    #[test]
    fn a_holiday_alone_is_no_name() {
        let words =
            sentence("Sales since Christmas fell , said Christmas Island 's Easter Smith .");
        let (o, bp, ip, bl, bm) = (
            label("O"),
            label("B-PER"),
            label("I-PER"),
            label("B-LOC"),
            label("B-MISC"),
        );
        let mut labels = vec![o; words.len()];
        labels[2] = bm;
        labels[6] = bl;
        labels[7] = label("I-LOC");
        labels[9..11].copy_from_slice(&[bp, ip]);
        drop_nameless_words(&words, &mut labels, &HashSet::new(), false);
        assert_eq!(spans(&labels), [(6, 8, "LOC"), (9, 11, "PER")]);
        let mut alone = vec![o; 3];
        alone[0] = bp;
        drop_nameless_words(
            &sentence("Easter was late"),
            &mut alone,
            &HashSet::new(),
            false,
        );
        assert_eq!(spans(&alone), []);
    }

    #[test]
    fn a_market_index_is_a_thing_with_its_number() {
        let (org, inside) = (label("B-ORG"), label("I-ORG"));
        let words = sentence(
            "the S&P 500 and the CAC 40 fell , the DAX too ; S&P rated it , Hang Seng fell , Nikkei said",
        );
        let mut labels = vec![0; words.len()];
        labels[1] = org; // S&P (500 left out)
        labels[5] = org; // CAC
        labels[6] = inside; // 40
        labels[10] = org; // DAX
        labels[13] = org; // S&P, the agency
        labels[17] = org; // Hang Seng
        labels[18] = inside;
        labels[21] = org; // Nikkei, the newspaper
        mark_market_indices(&words, &mut labels);
        assert_eq!(
            spans(&labels),
            [
                (1, 3, "MISC"),
                (5, 7, "MISC"),
                (10, 11, "MISC"),
                (13, 14, "ORG"),
                (17, 19, "MISC"),
                (21, 22, "ORG")
            ]
        );
    }

    #[test]
    fn a_name_that_says_what_kind_of_place_it_is_is_a_place() {
        let tag = |text: &str, tags: &[(usize, usize, &str)], surnames: &[&str]| {
            let mut words = sentence(text);
            crate::gazetteer::Gazetteer::shipped().mark(&mut words);
            let mut labels = labelled(words.len(), tags);
            mark_places_by_kind(&words, &mut labels, &surnames.iter().copied().collect());
            spans(&labels)
        };
        // Typed a person, an organization, a thing: each a place.
        assert_eq!(
            tag(
                "Fans left Wembley Stadium for Changi International Airport and the Olympic Stadium",
                &[(2, 4, "PER"), (5, 8, "ORG"), (10, 12, "MISC")],
                &[]
            ),
            [(2, 4, "LOC"), (5, 8, "LOC"), (10, 12, "LOC")]
        );
        // A person named like a structure, a show named like a street, a craft, a word
        // alone, names joined by "and", and an airport the document names in lower case.
        let kept = [
            (0, 2, "PER"),
            (3, 5, "MISC"),
            (6, 9, "MISC"),
            (10, 11, "ORG"),
        ];
        assert_eq!(
            tag(
                "Wayne Bridge watched Coronation Street on the International Space Station at Arena",
                &kept,
                &[]
            ),
            kept
        );
        let joined = [(0, 5, "ORG")];
        assert_eq!(
            tag(
                "Grand Central Station and Union Station closed",
                &joined,
                &[]
            ),
            joined
        );
        let named_alone = [(0, 2, "PER")];
        assert_eq!(
            tag("Picabo Street won , Street said", &named_alone, &["street"]),
            named_alone
        );
        let lower = [(0, 2, "PER")];
        assert_eq!(tag("Heathrow airport closed", &lower, &[]), lower);
        // Places in nature, by their last or first word; not a hospital named after one,
        // nor a book named like one.
        assert_eq!(
            tag(
                "the Rocky Mountains , Mount Kilimanjaro and Lake Victoria",
                &[(1, 3, "ORG"), (4, 6, "PER"), (7, 9, "ORG")],
                &[]
            ),
            [(1, 3, "LOC"), (4, 6, "LOC"), (7, 9, "LOC")]
        );
        assert_eq!(
            tag("troops at Camp Lejeune", &[(2, 4, "PER")], &[]),
            [(2, 4, "LOC")]
        );
        let kept = [(1, 4, "ORG"), (5, 7, "MISC")];
        assert_eq!(
            tag("the Mount Sinai Hospital read Small Island", &kept, &[]),
            kept
        );
    }

    #[test]
    fn a_states_formal_name_is_one_place() {
        let join = |text: &str, given: &[(usize, usize, &str)]| {
            let words = sentence(text);
            let mut labels = labelled(words.len(), given);
            join_state_forms(&words, &mut labels);
            spans(&labels)
        };
        // The form and its place read apart, the adjectives before the form left out.
        assert_eq!(
            join(
                "officials from the People 's Republic of China agreed",
                &[(3, 6, "LOC"), (7, 8, "LOC")]
            ),
            [(3, 8, "LOC")]
        );
        assert_eq!(
            join(
                "troops entered the Democratic Republic of Congo today",
                &[(3, 4, "MISC"), (4, 7, "LOC")]
            ),
            [(3, 7, "LOC")]
        );
        assert_eq!(
            join(
                "the Kingdom of Saudi Arabia signed",
                &[(1, 2, "ORG"), (3, 5, "LOC")]
            ),
            [(1, 5, "LOC")]
        );
        // A day's "'s" is no part of it; a form in lower case is no name.
        assert_eq!(
            join(
                "Saturday 's Republic of Ireland match",
                &[(2, 3, "LOC"), (4, 5, "LOC")]
            ),
            [(2, 5, "LOC")]
        );
        assert_eq!(
            join("the kingdom of Saudi Arabia signed", &[(3, 5, "LOC")]),
            [(3, 5, "LOC")]
        );
        // Something else of a place.
        assert_eq!(
            join("the President of France spoke", &[(3, 4, "LOC")]),
            [(3, 4, "LOC")]
        );
    }

    #[test]
    fn an_airline_named_air_and_a_place_is_an_organization() {
        let mark = |text: &str, given: &[(usize, usize, &str)]| {
            let words = sentence(text);
            let mut labels = labelled(words.len(), given);
            mark_airlines(&words, &mut labels);
            spans(&labels)
        };
        assert_eq!(
            mark(
                "jets for Air China and Air New Zealand",
                &[(3, 4, "LOC"), (6, 8, "LOC")]
            ),
            [(2, 4, "ORG"), (5, 8, "ORG")]
        );
        // Air over a place, and "air" in lower case.
        assert_eq!(
            mark("Air pollution in China rose", &[(3, 4, "LOC")]),
            [(3, 4, "LOC")]
        );
        assert_eq!(
            mark("by air China sent aid", &[(2, 3, "LOC")]),
            [(2, 3, "LOC")]
        );
    }

    #[test]
    fn the_head_before_of_is_part_of_the_name() {
        let take = |text: &str, start: usize, end: usize, kind: &str| {
            let mut words = sentence(text);
            crate::gazetteer::Gazetteer::shipped().mark(&mut words);
            let mut labels = labelled(words.len(), &[(start, end, kind)]);
            take_in_heads_of(&words, &mut labels);
            spans(&labels)
        };
        assert_eq!(
            take("the Church of England said", 3, 4, "LOC"),
            [(1, 4, "ORG")]
        );
        assert_eq!(
            take("campaigners from Friends of the Earth said", 5, 6, "LOC"),
            [(2, 6, "ORG")]
        );
        assert_eq!(
            take("ships in the Gulf of Mexico sank", 5, 6, "LOC"),
            [(3, 6, "LOC")]
        );
        // A title, a plural opening the sentence, a word in lower case.
        assert_eq!(
            take("he met the President of France", 5, 6, "LOC"),
            [(5, 6, "LOC")]
        );
        assert_eq!(
            take("Residents of Tampa fled", 2, 3, "LOC"),
            [(2, 3, "LOC")]
        );
        assert_eq!(
            take("the people of Tampa fled", 3, 4, "LOC"),
            [(3, 4, "LOC")]
        );
    }

    #[test]
    fn names_joined_by_and_are_split_where_either_stands_alone() {
        let split = |texts: &[&str], tags: &[(usize, usize, usize, &str)]| {
            let sentences: Vec<_> = texts.iter().map(|t| sentence(t)).collect();
            let mut labels: Vec<Vec<u8>> = sentences
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let here: Vec<_> = tags
                        .iter()
                        .filter(|t| t.0 == i)
                        .map(|&(_, start, end, kind)| (start, end, kind))
                        .collect();
                    labelled(s.len(), &here)
                })
                .collect();
            split_coordinated_names(&sentences, &mut labels);
            labels.iter().map(|l| spans(l)).collect::<Vec<_>>()
        };
        // Either named alone elsewhere: two names.
        assert_eq!(
            split(
                &["Gazprom and Rosneft agreed", "Gazprom said"],
                &[(0, 0, 3, "ORG"), (1, 0, 1, "ORG")]
            )[0],
            [(0, 1, "ORG"), (2, 3, "ORG")]
        );
        assert_eq!(
            split(
                &["the IMF and World Bank said", "the World Bank lent"],
                &[(0, 1, 5, "ORG"), (1, 1, 3, "ORG")]
            )[0],
            [(1, 2, "ORG"), (3, 5, "ORG")]
        );
        assert_eq!(
            split(&["the CHIPS and Science Act passed"], &[(0, 1, 5, "MISC")])[0],
            [(1, 5, "MISC")]
        );
        // One name with an "and" inside, an office's name, and a name alone nowhere.
        assert_eq!(
            split(
                &["the Securities and Exchange Commission said"],
                &[(0, 1, 5, "ORG")]
            )[0],
            [(1, 5, "ORG")]
        );
        assert_eq!(
            split(
                &["the Department of Trade and Industry said", "Industry fell"],
                &[(0, 1, 6, "ORG"), (1, 0, 1, "ORG")]
            )[0],
            [(1, 6, "ORG")]
        );
        assert_eq!(
            split(&["Marks and Spencer said"], &[(0, 0, 3, "ORG")])[0],
            [(0, 3, "ORG")]
        );
    }

    #[test]
    fn the_plural_of_an_acronym_is_no_name() {
        for word in ["PCs", "MPs", "DVDs", "A380s", "SMSes", "MMORPGs"] {
            assert!(is_plural_acronym(word), "{word}");
        }
        for word in [
            "Ps", "IBMs'", "Sales", "US", "BBC", "UNs0", "Ones", "SMS", "iPods",
        ] {
            assert!(!is_plural_acronym(word), "{word}");
        }
        let words = sentence("MPs told Cofinec GDRs holders");
        let mut labels = vec![label("B-ORG"), 0, label("B-ORG"), label("I-ORG"), 0];
        drop_nameless_words(&words, &mut labels, &HashSet::new(), false);
        assert_eq!(spans(&labels), [(2, 4, "ORG")]);
    }

    #[test]
    fn a_common_noun_before_a_number_is_no_person_but_in_a_sports_report() {
        let words = sentence("invoking Section 39A of the act");
        let mut labels = vec![0, label("B-PER"), 0, 0, 0, 0];
        drop_nameless_words(&words, &mut labels, &HashSet::new(), false);
        assert_eq!(spans(&labels), []);
        let words = sentence("Bowling : Law 2-0-23-0 , McGrath 9-0-44-1");
        let mut labels = vec![0, 0, label("B-PER"), 0, 0, label("B-PER"), 0];
        drop_nameless_words(&words, &mut labels, &HashSet::new(), true);
        assert_eq!(spans(&labels), [(2, 3, "PER"), (5, 6, "PER")]);
    }

    #[test]
    fn a_firm_named_by_its_partners_and_a_legal_form_is_one_organization() {
        let (bp, ip, bo, bl) = (
            label("B-PER"),
            label("I-PER"),
            label("B-ORG"),
            label("B-LOC"),
        );
        let words = sentence("said Jim Creber of Miller , Tabak , Hirsch and Co. on Friday");
        let mut labels = vec![0, bp, ip, 0, bo, 0, bo, 0, bo, 0, bo, 0, 0];
        join_partner_firms(&words, &mut labels);
        assert_eq!(spans(&labels), [(1, 3, "PER"), (4, 11, "ORG")]);
        // A firm in a list of firms is no partner.
        let mut words = sentence("advisers Lazard , Evercore Partners , Moelis & Company");
        words[4].lexicon |= Lexicon::ORG_WORD; // as the gazetteer marks it
        let mut labels = vec![0, bo, 0, bo, label("I-ORG"), 0, bp, 0, bo];
        join_partner_firms(&words, &mut labels);
        assert_eq!(
            spans(&labels),
            [(1, 2, "ORG"), (3, 5, "ORG"), (6, 9, "ORG")]
        );
        // A form after a comma joins a company's name, not a place's.
        let words = sentence("Petroleos de Venezuela , S.A. signed in Adelaide , SA");
        let mut labels = vec![bo, label("I-ORG"), label("I-ORG"), 0, bl, 0, 0, bl, 0, bl];
        join_partner_firms(&words, &mut labels);
        assert_eq!(
            spans(&labels),
            [(0, 5, "ORG"), (7, 8, "LOC"), (9, 10, "LOC")]
        );
    }

    #[test]
    fn a_point_of_the_compass_joins_the_adjective_after_it() {
        let words =
            sentence("his West German counterpart and a West Indian all-rounder in West Ham");
        let (bm, bo) = (label("B-MISC"), label("B-ORG"));
        let mut labels = vec![0, 0, bm, 0, 0, 0, 0, bm, 0, 0, 0, bo];
        join_compass_to_adjective(&words, &mut labels);
        assert_eq!(
            spans(&labels),
            [(1, 3, "MISC"), (6, 8, "MISC"), (11, 12, "ORG")]
        );
    }

    #[test]
    fn a_partys_members_read_as_people_are_other() {
        let found = harmonized_with(
            &[
                "a meeting of Christian Democrat politicians .",
                "said Wilcox , an Orlando Republican .",
            ],
            &[
                (0, 3, "B-PER"),
                (0, 4, "I-PER"),
                (1, 1, "B-PER"),
                (1, 4, "B-PER"),
                (1, 5, "I-PER"),
            ],
        );
        assert_eq!(
            found,
            [vec![(3, 5, "MISC")], vec![(1, 2, "PER"), (4, 6, "MISC")]]
        );
    }

    #[test]
    fn a_company_named_again_without_its_form_is_the_company() {
        let sentences = vec![
            sentence("Cambridge BioScience Corp said it won approval ."),
            sentence("Cambridge BioScience also said it will file ."),
            sentence("Diamant Boart 's unit grew , Ford Motor Co said ."),
            sentence("Ford said so ."),
        ];
        let (bo, io, bl, bp, ip) = (
            label("B-ORG"),
            label("I-ORG"),
            label("B-LOC"),
            label("B-PER"),
            label("I-PER"),
        );
        let mut labels = vec![
            vec![bo, io, io, 0, 0, 0, 0, 0],
            vec![bl, bo, 0, 0, 0, 0, 0, 0],
            vec![bp, ip, 0, 0, 0, 0, bo, io, io, 0, 0],
            vec![bp, 0, 0, 0],
        ];
        join_company_stems(&sentences, &mut labels);
        let found: Vec<_> = labels.iter().map(|l| spans(l)).collect();
        assert_eq!(found[1], [(0, 2, "ORG")]);
        // Only a stem of two words: "Ford" alone is as often a person.
        assert_eq!(found[3], [(0, 1, "PER")]);
    }

    #[test]
    fn a_name_that_ends_in_a_legal_form_is_a_company() {
        let found = harmonized_with(
            &[
                "Diamant Boart SA of Belgium merged .",
                "Heublein Inc sold it .",
            ],
            &[
                (0, 0, "B-PER"),
                (0, 1, "I-PER"),
                (0, 2, "I-PER"),
                (0, 4, "B-LOC"),
                (1, 0, "B-LOC"),
                (1, 1, "I-LOC"),
            ],
        );
        assert_eq!(
            found,
            [vec![(0, 3, "ORG"), (4, 5, "LOC")], vec![(0, 2, "ORG")]]
        );
    }

    #[test]
    fn a_nickname_in_marks_joins_the_name_around_it() {
        let words = sentence("legend Roberto \" Hands of Stone \" Duran climbs");
        let mut labels = vec![
            0,
            label("B-PER"),
            0,
            label("B-ORG"),
            0,
            label("B-ORG"),
            0,
            label("B-LOC"),
            0,
        ];
        join_nicknames(&words, &mut labels);
        assert_eq!(spans(&labels), [(1, 8, "PER")]);
        // Words in marks that are no nickname, or that no name follows, stay apart.
        let words = sentence("Obama \" will win \" Ohio");
        let mut labels = vec![label("B-PER"), 0, 0, 0, 0, label("B-LOC")];
        join_nicknames(&words, &mut labels);
        assert_eq!(spans(&labels), [(0, 1, "PER"), (5, 6, "LOC")]);
        let words = sentence("Obama called it \" Obamacare \" .");
        let mut labels = vec![label("B-PER"), 0, 0, 0, label("B-MISC"), 0, 0];
        join_nicknames(&words, &mut labels);
        assert_eq!(spans(&labels), [(0, 1, "PER"), (4, 5, "MISC")]);
    }

    #[test]
    fn an_acronym_the_document_writes_in_the_plural_is_no_name() {
        let document = [
            sentence("Sales of PCs rose"),
            sentence("A new PC from IBM costs less"),
        ];
        let plural = plural_acronyms(&document);
        assert_eq!(plural, HashSet::from(["PC"]));
        let mut labels = vec![0, 0, label("B-ORG"), 0, label("B-ORG"), 0, 0];
        drop_nameless_words(&document[1], &mut labels, &plural, false);
        assert_eq!(spans(&labels), [(4, 5, "ORG")]);
        // An acronym of a thing goes without a plural beside it; in a longer name it stays.
        let document = [sentence("A DVD from PC World")];
        let mut labels = vec![0, label("B-ORG"), 0, label("B-ORG"), label("I-ORG")];
        drop_nameless_words(
            &document[0],
            &mut labels,
            &plural_acronyms(&document),
            false,
        );
        assert_eq!(spans(&labels), [(3, 5, "ORG")]);
        // The plural of a stem ending in "S" is "SMSes"; a name within a longer one stays.
        let document = [sentence("SMSes and SMS Group")];
        let plural = plural_acronyms(&document);
        let mut labels = vec![0, 0, label("B-ORG"), label("I-ORG")];
        drop_nameless_words(&document[0], &mut labels, &plural, false);
        assert_eq!(spans(&labels), [(2, 4, "ORG")]);
    }

    #[test]
    fn names_listed_right_after_a_plural_of_companies_are_companies() {
        // Tagged a person and a place the gazetteer knows: both are the operators.
        let found = harmonized_with(
            &["The operators Rotor and Nokia cut prices .", "Rotor grew ."],
            &[(0, 2, "B-PER"), (0, 4, "B-LOC"), (1, 0, "B-PER")],
        );
        assert_eq!(found[0], [(2, 3, "ORG"), (4, 5, "ORG")], "{found:?}");
        assert_eq!(found[1], [(0, 1, "ORG")]);
        let found = harmonized_with(
            &["GM 's European units Opel and Saab had trouble ."],
            &[(0, 0, "B-ORG"), (0, 4, "B-ORG"), (0, 6, "B-PER")],
        );
        assert_eq!(found[0], [(0, 1, "ORG"), (4, 5, "ORG"), (6, 7, "ORG")]);
        // One name after the plural may open a clause: "the firms Smith ran".
        let found = harmonized_with(&["The firms Smith ran grew ."], &[(0, 2, "B-PER")]);
        assert_eq!(found[0], [(2, 3, "PER")]);
        // A country is listed with companies as an actor; a town shares a company's name.
        for (lexicon, kind) in [
            (Lexicon::PLACE_BEGIN | Lexicon::COUNTRY, "LOC"),
            (Lexicon::PLACE_BEGIN, "ORG"),
        ] {
            let mut words = sentence("Firms such as Boeing and Espoo lobbied .");
            words[5].lexicon = lexicon;
            let mut labels = vec![vec![0; words.len()]];
            labels[0][3] = label("B-ORG");
            labels[0][5] = label("B-LOC");
            harmonize(&[words], &mut labels);
            assert_eq!(spans(&labels[0]), [(3, 4, "ORG"), (5, 6, kind)]);
        }
    }

    #[test]
    fn a_name_with_a_plural_verb_or_a_stock_is_no_person() {
        let tagged_person_at = |texts: &[&str], at: usize| harmonized(texts, at, "B-PER");
        for team in [
            "So Rotor are well placed .",
            "But Rotor were unable to score .",
            "Yesterday Rotor stock closed down .",
            "Maker Rotor , based in Lyon , grew .",
            "Then Rotor , which is owned by a bank , grew .",
            "Then Rotor , the Swedish brand , may be sold .",
        ] {
            let found = tagged_person_at(&[team, "Then Rotor left .", "Then Rotor won ."], 1);
            assert!(
                found.iter().all(|s| s == &[(1, 2, "ORG")]),
                "{team}: {found:?}"
            );
        }
        // An apposition's head is a common noun, not the last word of a name.
        let found = tagged_person_at(
            &["So Rotor , the Acme company 's Networks Division , spoke ."],
            1,
        );
        assert_eq!(found[0], [(1, 2, "PER")]);
        // One of several, or the object of a preposition, takes the plural of them all.
        for people in ["Lee and Rotor were here .", "Headed by Rotor were two ."] {
            let found = tagged_person_at(&[people], 2);
            assert_eq!(found[0], [(2, 3, "PER")], "{people}");
        }
        // A "which" after "of" may be the head noun's; one that asks is no relative.
        for (person, at) in [
            ("A son of Rotor , which plans more .", 3),
            ("So Rotor , which one ?", 1),
        ] {
            let found = tagged_person_at(&[person], at);
            assert_eq!(found[0], [(at, at + 1, "PER")], "{person}");
        }
    }

    #[test]
    fn a_name_said_after_its_verb_is_a_person_unless_an_acronym() {
        let sentences = vec![
            sentence("\" It works , \" said Angers ."),
            sentence("Angers spoke ."),
            sentence("\" Shells fell , \" said KCNA ."),
        ];
        let (o, bl, bo) = (label("O"), label("B-LOC"), label("B-ORG"));
        let mut labels = vec![
            vec![o, o, o, o, o, o, bl, o],
            vec![bl, o, o],
            vec![o, o, o, o, o, o, bo, o],
        ];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(6, 7, "PER")]);
        assert_eq!(spans(&labels[1]), [(0, 1, "PER")]);
        assert_eq!(spans(&labels[2]), [(6, 7, "ORG")]);
    }

    #[test]
    fn a_name_that_gives_an_office_is_no_person() {
        let sentences = vec![
            sentence("Petofi general manager Ann Lee quit ."),
            sentence("Petofi printed it , and Petofi sold it ."),
            sentence("Yeltsin aide Ann Lee spoke ."),
        ];
        let (o, bp, ip) = (label("O"), label("B-PER"), label("I-PER"));
        let mut labels = vec![
            vec![bp, o, o, bp, ip, o, o],
            vec![bp, o, o, o, o, bp, o, o, o],
            vec![bp, o, bp, ip, o, o],
        ];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(0, 1, "ORG"), (3, 5, "PER")]);
        assert_eq!(spans(&labels[1]), [(0, 1, "ORG"), (5, 6, "ORG")]);
        // An aide is a person's.
        assert_eq!(spans(&labels[2]), [(0, 1, "PER"), (2, 4, "PER")]);
    }

    #[test]
    fn a_name_after_a_kin_noun_is_a_person() {
        let sentences = vec![
            sentence("They mourn their child Gloria ."),
            sentence("Gloria was ill , and Gloria 's skin broke ."),
            sentence("I met a girl named Isabel ."),
            sentence("Isabel and I work ."),
            sentence("Sold to a sister company Zephyrair ."),
            sentence("Zephyrair flies ."),
        ];
        let (o, bo, bl) = (label("O"), label("B-ORG"), label("B-LOC"));
        let mut labels = vec![
            vec![o, o, o, o, bo, o],
            vec![bo, o, o, o, o, bo, o, o, o, o],
            vec![o, o, o, o, o, bl, o],
            vec![bl, o, o, o, o],
            vec![o, o, o, o, o, bo, o],
            vec![bo, o, o],
        ];
        harmonize(&sentences, &mut labels);
        // Tagged an organization three times, named once as a child: a person, all.
        assert_eq!(spans(&labels[0]), [(4, 5, "PER")]);
        assert_eq!(spans(&labels[1]), [(0, 1, "PER"), (5, 6, "PER")]);
        assert_eq!(spans(&labels[2]), [(5, 6, "PER")]);
        assert_eq!(spans(&labels[3]), [(0, 1, "PER")]);
        // The kin noun must stand right before the name: a company stays one.
        assert_eq!(spans(&labels[5]), [(0, 1, "ORG")]);
    }

    #[test]
    fn a_name_after_an_honorific_is_a_person() {
        let sentences = vec![
            sentence("A Nixon aide met Nixon aides ."),
            sentence("He ran President Nixon 's campaign ."),
            sentence("Ms . Atlas said PBS would air it ."),
            sentence("Atlas spoke ."),
            sentence("General Motors cut jobs ."),
        ];
        let (o, bo, bm, bp) = (label("O"), label("B-ORG"), label("B-MISC"), label("B-PER"));
        let mut labels = vec![
            vec![o, bm, o, o, bm, o, o],
            vec![o, o, o, bp, o, o, o],
            vec![o, o, bo, o, bo, o, o, o, o],
            vec![bo, o, o],
            vec![o, bo, o, o, o],
        ];
        harmonize(&sentences, &mut labels);
        // Miscellaneous twice, a person once after "President": a person.
        assert_eq!(spans(&labels[0]), [(1, 2, "PER"), (4, 5, "PER")]);
        assert_eq!(spans(&labels[1]), [(3, 4, "PER")]);
        // "Ms" then its point.
        assert_eq!(spans(&labels[2])[0], (2, 3, "PER"));
        assert_eq!(spans(&labels[3]), [(0, 1, "PER")]);
        // "General" is no honorific: what it opens keeps its type.
        assert_eq!(spans(&labels[4]), [(1, 2, "ORG")]);
    }

    #[test]
    fn a_person_named_again_by_the_first_word_is_a_company() {
        let sentences = vec![
            sentence("Boeing and Lockheed Martin fought , Lockheed won ."),
            sentence("Ann Lee met Lee ."),
        ];
        let (o, bp, ip, bo) = (label("O"), label("B-PER"), label("I-PER"), label("B-ORG"));
        let mut labels = vec![vec![bo, o, bp, ip, o, o, bo, o, o], vec![bp, ip, o, bp, o]];
        harmonize(&sentences, &mut labels);
        assert_eq!(
            spans(&labels[0]),
            [(0, 1, "ORG"), (2, 4, "ORG"), (6, 7, "ORG")]
        );
        // A person named again by the last word stays a person.
        assert_eq!(spans(&labels[1]), [(0, 2, "PER"), (3, 4, "PER")]);
        // So does one whose first word alone was read as an organization, when the
        // last alone is a person's ("Serena" in a title-case headline).
        let sentences = vec![
            sentence("Serena wins"),
            sentence("Serena Williams won , and Williams smiled ."),
        ];
        let mut labels = vec![vec![bo, o], vec![bp, ip, o, o, o, bp, o, o]];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[1]), [(0, 2, "PER"), (5, 6, "PER")]);
        // What only a company has makes a place-tagged name one.
        let sentences = vec![sentence("China Eastern 's board agreed .")];
        let bl = label("B-LOC");
        let mut labels = vec![vec![bl, bl + 1, o, o, o, o]];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(0, 2, "ORG")]);
    }

    #[test]
    fn a_miscellaneous_name_that_acts_leans_to_an_organization() {
        // Each sentence's word at `at` tagged miscellaneous, the rest outside.
        let tagged_at = |texts: &[&str], at: usize| harmonized(texts, at, "B-MISC");
        let tagged = |texts: &[&str]| tagged_at(texts, 0);
        // One occurrence before an agent's verb counts three times: it outvotes two.
        let found = tagged(&[
            "Zephyrair jets are new .",
            "Zephyrair has confirmed the order .",
            "Zephyrair jets are old .",
        ]);
        assert!(found.iter().all(|s| s == &[(0, 1, "ORG")]), "{found:?}");
        // A headline's "offers" after the name that opens it is a verb.
        assert_eq!(tagged(&["Zephyrair offers funding"])[0], [(0, 1, "ORG")]);
        // Inside a sentence it may be a noun: a nationality before one stays.
        assert_eq!(
            tagged_at(&["Yalcin rekindled Turkish hopes ."], 2)[0],
            [(2, 3, "MISC")]
        );
        // So does a name before a verb that is no agent's.
        assert_eq!(tagged(&["Windows crashed again ."])[0], [(0, 1, "MISC")]);
        // The agent of a passive verb acts too; a nationality before a noun does not.
        let found = tagged_at(
            &[
                "Jets were made by Zephyrair , they say .",
                "We saw the new Zephyrair jets .",
                "Staff were paid by Zephyrair for it .",
            ],
            4,
        );
        assert!(found.iter().all(|s| s == &[(4, 5, "ORG")]), "{found:?}");
        assert_eq!(
            tagged_at(&["The city was taken by Iraqi tanks ."], 5)[0],
            [(5, 6, "MISC")]
        );
    }

    #[test]
    fn a_last_name_is_its_person_and_a_named_city_a_place() {
        // A person's last name alone is the person, not a country of that name, except
        // where something is.
        let found = harmonized_with(
            &[
                "director Neil Jordan spoke .",
                "Jordan defends the film .",
                "It was shot in Jordan .",
            ],
            &[
                (0, 1, "B-PER"),
                (0, 2, "I-PER"),
                (1, 0, "B-LOC"),
                (2, 4, "B-LOC"),
            ],
        );
        assert_eq!(found[1], [(0, 1, "PER")], "{found:?}");
        assert_eq!(found[2], [(4, 5, "LOC")], "{found:?}");
        // A city, a town, a province named as one is a place.
        let found = harmonized(&["in the northern city of Groningen ."], 5, "B-ORG");
        assert_eq!(found[0], [(5, 6, "LOC")]);
        // So is one placed by a coast or a bearing.
        let found = harmonized(&["cables cut off the coast of Sicily ."], 6, "B-ORG");
        assert_eq!(found[0], [(6, 7, "LOC")]);
        // A place and its region after "in": both places, whatever the tagger said.
        let mut words = sentence("she was born in Runcorn , Cheshire , in 1950 .");
        crate::gazetteer::Gazetteer::shipped().mark(&mut words);
        let mut labels = vec![labelled(words.len(), &[(4, 5, "ORG"), (6, 7, "PER")])];
        harmonize(&[words], &mut labels);
        assert_eq!(spans(&labels[0]), [(4, 5, "LOC"), (6, 7, "LOC")]);
        // A newspaper named after its city is no place.
        let mut labels = vec![labelled(8, &[(1, 3, "LOC")])];
        harmonize(
            &[sentence("The Hollywood Reporter says Ross will return .")],
            &mut labels,
        );
        assert_eq!(spans(&labels[0]), [(1, 3, "ORG")]);
        // A place before its residents.
        let mut words = sentence("a 38-year-old Troy resident who was fired .");
        crate::gazetteer::Gazetteer::shipped().mark(&mut words);
        let mut labels = vec![labelled(words.len(), &[(2, 3, "PER")])];
        harmonize(&[words], &mut labels);
        assert_eq!(spans(&labels[0]), [(2, 3, "LOC")]);
        // And a place the gazetteer knows after an adjective of where.
        let mut words = sentence("a firm in suburban Detroit said .");
        crate::gazetteer::Gazetteer::shipped().mark(&mut words);
        let mut labels = vec![labelled(words.len(), &[(4, 5, "ORG")])];
        harmonize(&[words], &mut labels);
        assert_eq!(spans(&labels[0]), [(4, 5, "LOC")]);
    }

    #[test]
    fn in_a_sports_report_a_city_that_wins_is_its_team() {
        let report = [
            "St Louis defeated Colorado 4-2 in the ninth inning .",
            "Colorado was held to two runs in Denver .",
        ];
        let (o, bl, il) = (label("O"), label("B-LOC"), label("I-LOC"));
        let labelled = |texts: &[&str]| {
            let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
            let mut labels = vec![
                vec![bl, il, o, bl, o, o, o, o, o, o],
                vec![bl, o, o, o, o, o, o, bl, o],
            ];
            harmonize(&sentences, &mut labels);
            labels
        };
        let labels = labelled(&report);
        // The winner and the beaten, each an organization wherever named; the city
        // where it was played stays a place.
        assert_eq!(spans(&labels[0]), [(0, 2, "ORG"), (3, 4, "ORG")]);
        assert_eq!(spans(&labels[1]), [(0, 1, "ORG"), (7, 8, "LOC")]);
        // The same words outside sport (no score, no sports words) leave places places.
        let labels = labelled(&[
            "St Louis defeated Colorado on water rights in court .",
            "Colorado was held to two plans in Denver .",
        ]);
        assert_eq!(spans(&labels[0]), [(0, 2, "LOC"), (3, 4, "LOC")]);
        assert!(is_score("4-2") && is_score("31-24") && !is_score("1995-96"));
    }

    #[test]
    fn in_a_sports_report_the_side_played_or_lost_to_is_a_team() {
        let (o, bl, il) = (label("O"), label("B-LOC"), label("I-LOC"));
        // Each sentence after a sports opener, its places tagged at `places`.
        let teams = |text: &str, places: &[(usize, usize)]| {
            let opener = "The quarterback scored two touchdowns in the playoff game .";
            let sentences = vec![sentence(opener), sentence(text)];
            let mut tagged = vec![o; sentences[1].len()];
            for &(start, end) in places {
                tagged[start] = bl;
                tagged[start + 1..end].fill(il);
            }
            let mut labels = vec![vec![o; sentences[0].len()], tagged];
            harmonize(&sentences, &mut labels);
            spans(&labels[1])
        };
        assert_eq!(
            teams(
                "He will miss the games against Detroit and Carolina .",
                &[(6, 7), (8, 9)]
            ),
            [(6, 7, "ORG"), (8, 9, "ORG")]
        );
        assert_eq!(
            teams(
                "The semifinal between Evansville and Indiana State is Friday .",
                &[(3, 4), (5, 7)]
            ),
            [(3, 4, "ORG"), (5, 7, "ORG")]
        );
        assert_eq!(
            teams("Wasps lost 12-9 to Bath on Saturday .", &[(4, 5)]),
            [(4, 5, "ORG")]
        );
        assert_eq!(
            teams("New Orleans signed Joique Bell on Wednesday .", &[(0, 2)]),
            [(0, 2, "ORG")]
        );
        assert_eq!(
            teams("Luck led Indianapolis to a 20-13 victory .", &[(2, 3)]),
            [(2, 3, "ORG")]
        );
        // Where a game is played, and a pair not played, stay places.
        assert_eq!(
            teams(
                "They met in Jacksonville and Miami last week .",
                &[(3, 4), (5, 6)]
            ),
            [(3, 4, "LOC"), (5, 6, "LOC")]
        );
    }

    #[test]
    fn a_place_before_a_leaders_time_in_office_is_the_leader() {
        let (o, bl) = (label("O"), label("B-LOC"));
        let read = |texts: &[&str], at: &[usize]| {
            let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
            let mut labels: Vec<Vec<u8>> = sentences
                .iter()
                .zip(at)
                .map(|(words, &i)| {
                    let mut tagged = vec![o; words.len()];
                    tagged[i] = bl;
                    tagged
                })
                .collect();
            harmonize(&sentences, &mut labels);
            labels.iter().map(|l| spans(l)).collect::<Vec<_>>()
        };
        // One reading as the leader's time makes every mention the person.
        let found = read(
            &[
                "Obama overturns Bush rule on species",
                "It was made in the final weeks of the Bush presidency .",
            ],
            &[2, 9],
        );
        assert_eq!(found, [[(2, 3, "PER")], [(9, 10, "PER")]]);
        assert_eq!(
            read(&["policies enacted during Bush ’ s first term ."], &[3]),
            [[(3, 4, "PER")]]
        );
        assert_eq!(
            read(&["an eleventh-hour Bush - era rule"], &[2]),
            [[(2, 3, "PER")]]
        );
        // A place's government is the place's.
        assert_eq!(
            read(&["the Dublin government said on Monday ."], &[1]),
            [[(1, 2, "LOC")]]
        );
        // A country's presidency is its turn at the head of a union.
        let mut words = sentence("the Luxembourg presidency of the EU");
        crate::gazetteer::Gazetteer::shipped().mark(&mut words);
        let mut labels = vec![labelled(words.len(), &[(1, 2, "LOC")])];
        harmonize(&[words], &mut labels);
        assert_eq!(spans(&labels[0]), [(1, 2, "LOC")]);
    }

    #[test]
    fn particles_join_the_parts_of_a_persons_name() {
        let join = |text: &str, tagged: &[(usize, usize, &str)]| {
            after_pass(join_names_over_particles, text, tagged)
        };
        assert_eq!(
            join("manager Erik ten Hag said", &[(1, 2, "PER"), (3, 4, "PER")]),
            [(1, 4, "PER")]
        );
        assert_eq!(
            join(
                "Maria da Silva de Souza spoke",
                &[(0, 1, "PER"), (2, 3, "PER"), (4, 5, "PER")]
            ),
            [(0, 5, "PER")]
        );
        // Other words between two people, or a particle before an organization, join
        // nothing.
        assert_eq!(
            join("Erik and Hag said", &[(0, 1, "PER"), (2, 3, "PER")]),
            [(0, 1, "PER"), (2, 3, "PER")]
        );
        assert_eq!(
            join(
                "Erik de Nederlandsche Bank",
                &[(0, 1, "PER"), (2, 4, "ORG")]
            ),
            [(0, 1, "PER"), (2, 4, "ORG")]
        );
    }

    #[test]
    fn an_abbreviated_position_splits_a_club_from_its_person() {
        let split = |text: &str, tagged: &[(usize, usize, &str)]| {
            after_pass(split_role_abbreviations, text, tagged)
        };
        assert_eq!(
            split("Los Angeles Angels GM Tony Reagins said", &[(0, 6, "ORG")]),
            [(0, 3, "ORG"), (4, 6, "PER")]
        );
        assert_eq!(
            split(
                "Yankees GM Brian Cashman declined",
                &[(0, 2, "ORG"), (2, 4, "PER")]
            ),
            [(0, 1, "ORG"), (2, 4, "PER")]
        );
        // The position opens no name, and one word after it is no person's name.
        assert_eq!(split("GM Korea said", &[(0, 2, "ORG")]), [(0, 2, "ORG")]);
        assert_eq!(
            split("the Opel GM plant", &[(1, 3, "ORG")]),
            [(1, 3, "ORG")]
        );
        // A member of a parliament: after the party, and opening the name as a title.
        assert_eq!(
            split("Labour MP Diane Abbott said", &[(0, 4, "ORG")]),
            [(0, 1, "ORG"), (2, 4, "PER")]
        );
        assert_eq!(
            split("and MP Jess Phillips wrote", &[(1, 4, "ORG")]),
            [(2, 4, "PER")]
        );
        assert_eq!(
            split("the MP Group said", &[(1, 3, "ORG")]),
            [(1, 3, "ORG")]
        );
    }

    #[test]
    fn an_office_ending_in_general_is_no_ones_name() {
        let read = |text: &str, tagged: &[(usize, usize, &str)]| {
            after_pass(drop_offices_read_as_people, text, tagged)
        };
        assert_eq!(
            read(
                "offered the post of Surgeon General by Obama",
                &[(4, 6, "PER"), (7, 8, "PER")]
            ),
            [(7, 8, "PER")]
        );
        // The name before the office stays; so does the office's word alone before it.
        assert_eq!(
            read("to name Dr. Sanjay Gupta Surgeon General", &[(2, 6, "PER")]),
            [(2, 5, "PER")]
        );
        assert_eq!(
            read(
                "Solicitor General Elena Kagan",
                &[(0, 1, "MISC"), (2, 4, "PER")]
            ),
            [(2, 4, "PER")]
        );
        // An organization keeps it, and a person's name may be a title elsewhere.
        assert_eq!(
            read("the Attorney General 's office", &[(1, 3, "ORG")]),
            [(1, 3, "ORG")]
        );
        assert_eq!(read("John Major said", &[(0, 2, "PER")]), [(0, 2, "PER")]);
    }

    #[test]
    fn a_known_place_located_by_in_is_a_place() {
        let read = |text: &str, at: (usize, usize), kind: &str| {
            let mut words = sentence(text);
            crate::gazetteer::Gazetteer::shipped().mark(&mut words);
            let mut labels = vec![labelled(words.len(), &[(at.0, at.1, kind)])];
            harmonize(&[words], &mut labels);
            spans(&labels[0])
        };
        assert_eq!(
            read("a string of robberies in Cannes .", (5, 6), "ORG"),
            [(5, 6, "LOC")]
        );
        assert_eq!(
            read("his cell in Palermo on Tuesday", (3, 4), "ORG"),
            [(3, 4, "LOC")]
        );
        // What one holds in a company, an owner's "'s", a name that goes on past the
        // place, and a name the place only opens are left as tagged.
        assert_eq!(
            read("bought a stake in Leeds last year", (4, 5), "ORG"),
            [(4, 5, "ORG")]
        );
        assert_eq!(
            read("in Northampton 's defeat by Saracens", (1, 2), "ORG"),
            [(1, 2, "ORG")]
        );
        assert_eq!(read("fly in RAF livery", (2, 3), "ORG"), [(2, 3, "ORG")]);
    }

    #[test]
    fn a_body_read_as_a_place_is_an_organization() {
        let read = |text: &str, tagged: &[(usize, usize, &str)]| {
            after_pass(mark_bodies_read_as_places, text, tagged)
        };
        assert_eq!(
            read("lost its case in the High Court today", &[(5, 7, "LOC")]),
            [(5, 7, "ORG")]
        );
        assert_eq!(read("Parliament voted", &[(0, 1, "LOC")]), [(0, 1, "ORG")]);
        // Places named with a body's word, and buildings, stay places.
        assert_eq!(
            read("the Soviet Union fell", &[(1, 3, "LOC")]),
            [(1, 3, "LOC")]
        );
        assert_eq!(
            read(
                "in Moscow 's Central Clinical Hospital",
                &[(1, 2, "LOC"), (3, 6, "LOC")]
            ),
            [(1, 2, "LOC"), (3, 6, "LOC")]
        );
    }

    #[test]
    fn a_law_or_a_treaty_is_a_thing() {
        let read =
            |text: &str, tagged: &[(usize, usize, &str)]| after_pass(mark_laws, text, tagged);
        assert_eq!(
            read("to defend our Constitution .", &[(3, 4, "ORG")]),
            [(3, 4, "MISC")]
        );
        assert_eq!(
            read("under the Freedom of Information Act", &[(2, 6, "ORG")]),
            [(2, 6, "MISC")]
        );
        // A body named after its treaty stays one.
        assert_eq!(
            read(
                "the North Atlantic Treaty Organization said",
                &[(1, 5, "ORG")]
            ),
            [(1, 5, "ORG")]
        );
    }

    #[test]
    fn a_name_before_its_staff_is_an_organization() {
        let found = harmonized(&["Lionsgate officials met Ross on Monday ."], 0, "B-PER");
        assert_eq!(found[0], [(0, 1, "ORG")]);
        // Not a country's officials.
        let found = harmonized(&["French officials met on Monday ."], 0, "B-PER");
        assert_eq!(found[0], [(0, 1, "PER")]);
    }

    #[test]
    fn a_team_with_its_staff_after_it_is_no_persons_name() {
        // "Go Colts" tagged a person kept "Colts" a person's name alone; a side's unit
        // after "the Colts" says it is a team's (an American sports report: the
        // quarterback, the defense, the touchdown, the playoffs).
        let texts = [
            "The Colts defense held in the playoffs .",
            "Their quarterback threw a touchdown in the playoff game .",
            "Fans shouted Go Colts after the game .",
            "Later the Colts won again .",
        ];
        let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
        let mut labels = vec![
            labelled(7, &[(1, 2, "MISC")]),
            labelled(10, &[]),
            labelled(7, &[(2, 4, "PER")]),
            labelled(6, &[(2, 3, "PER")]),
        ];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(1, 2, "ORG")]);
        assert_eq!(spans(&labels[3]), [(2, 3, "ORG")]);
    }

    #[test]
    fn a_part_of_a_sides_pitch_or_club_after_a_name_is_a_teams() {
        // "Boro" (no sports report the tagger learned from labels it) is read a person;
        // its bench, like its staff, says it is a team; a pairing with a team is one
        // kind of sign, and with a second kind ("Boro , which ...") it is a team too.
        let team_at = |text: &str, tagged: &[(usize, usize, &str)], boro: usize| {
            let sentences = vec![sentence(text)];
            let mut labels = vec![labelled(sentences[0].len(), tagged)];
            harmonize(&sentences, &mut labels);
            spans(&labels[0]).contains(&(boro, boro + 1, "ORG"))
        };
        assert!(team_at(
            "The Boro bench watched the match as the striker scored two goals .",
            &[(1, 2, "PER")],
            1
        ));
        assert!(team_at(
            "Arsenal and Boro , which won the league , scored two goals in the match .",
            &[(0, 1, "ORG"), (2, 3, "PER")],
            2
        ));
    }

    #[test]
    fn in_a_sports_report_a_listed_team_read_as_a_person_is_the_team() {
        // The tagger reads "Chelsea" a person; a sports report (a striker, a match, the
        // league, goals) names the club, which sports reports label a team. Where the
        // document names a person Chelsea in full, the name is hers.
        let texts = [
            "Chelsea brought on striker Didier Drogba in the match .",
            "The league leaders scored two goals .",
            "Chelsea celebrated after the game .",
        ];
        let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
        let mut labels = vec![
            labelled(10, &[(0, 1, "PER"), (5, 7, "PER")]),
            labelled(7, &[]),
            labelled(6, &[(0, 1, "PER")]),
        ];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(0, 1, "ORG"), (5, 7, "PER")]);
        assert_eq!(spans(&labels[2]), [(0, 1, "ORG")]);
        let texts = [
            "Chelsea Clinton watched the match as the league leaders scored two goals .",
            "Chelsea celebrated after the game .",
        ];
        let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
        let mut labels = vec![
            labelled(14, &[(0, 2, "PER")]),
            labelled(6, &[(0, 1, "PER")]),
        ];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[1]), [(0, 1, "PER")]);
        // A name no sports report labels a team stays as read.
        assert!(is_listed_team("chelsea") && is_listed_team("aston villa"));
        assert!(!is_listed_team("drogba"));
    }

    #[test]
    fn in_a_sports_report_a_name_with_two_kinds_of_a_teams_signs_is_a_team() {
        let (o, bp, ip) = (label("O"), label("B-PER"), label("I-PER"));
        let tagged = |texts: &[&str]| {
            let sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
            let mut labels: Vec<Vec<u8>> = sentences
                .iter()
                .map(|s| {
                    let mut labels = vec![o; s.len()];
                    for (i, w) in s.iter().enumerate() {
                        if matches!(w.form.as_str(), "Paul" | "Drake" | "Creighton") {
                            let after_first_name = i > 0 && s[i - 1].form == "Paul";
                            labels[i] = if after_first_name { ip } else { bp };
                        }
                    }
                    labels
                })
                .collect();
            harmonize(&sentences, &mut labels);
            labels.iter().map(|l| spans(l)).collect::<Vec<_>>()
        };
        // Beaten, and followed by ", which": a team, every time; the winner shows one
        // kind of sign only.
        let found = tagged(&[
            "Creighton defeated Drake 65-53 in the tournament .",
            "Drake , which had won in the semifinal , fell to 15-17 .",
        ]);
        assert_eq!(
            found,
            [vec![(0, 1, "PER"), (2, 3, "ORG")], vec![(0, 1, "ORG")]]
        );
        // One kind of sign, however often, is a player's too ("Drake beat two defenders").
        let found = tagged(&[
            "Drake beat two defenders to score in the 65th minute of the match .",
            "Drake beat the goalkeeper again for 2-0 .",
        ]);
        assert_eq!(found, [vec![(0, 1, "PER")], vec![(0, 1, "PER")]]);
        // Nor a person the document names in full.
        let found = tagged(&[
            "Paul Drake defeated Creighton 6-4 in the tournament .",
            "Drake , which surprised many , won the semifinal .",
        ]);
        assert_eq!(found[1], [(0, 1, "PER")]);
        // A name tagged other said with "the" as a plural is a team: not a people, nor
        // a plural in a title.
        let plural =
            |text: &str, at: usize| harmonized(&[text, "They won 2-0 this season ."], at, "B-MISC");
        assert_eq!(
            plural("The fans cheered the Gunners all match .", 4)[0],
            [(4, 5, "ORG")]
        );
        assert_eq!(
            plural("The fans cheered the visiting Colts all match .", 5)[0],
            [(5, 6, "ORG")]
        );
        assert_eq!(
            plural("The fans cheered the Americans all match .", 4)[0],
            [(4, 5, "MISC")]
        );
        assert_eq!(
            plural("It was bigger than Lord of the Rings .", 7)[0],
            [(7, 8, "MISC")]
        );
        // A place beaten at home is its team; one that ends a run at home, its ground.
        let found = harmonized(
            &["Ohio beat visiting Evansville 91-73 this season ."],
            3,
            "B-LOC",
        );
        assert_eq!(found[0], [(3, 4, "ORG")]);
        let found = harmonized(
            &["They lost 2-0 at Trafford , which ended the season ."],
            4,
            "B-LOC",
        );
        assert_eq!(found[0], [(4, 5, "LOC")]);
        // A record in brackets and a seeding, written as some text is tokenized.
        let found = tagged(&[
            "top - seeded Creighton ( 25 - 7 ) plays in the semifinal .",
            "Creighton scored first .",
        ]);
        assert_eq!(found[1], [(0, 1, "ORG")]);
        // One of a team's staff after the name is enough: no person has a striker.
        let found = tagged(&[
            "The Drake striker scored twice in the 2-0 win .",
            "Drake began well .",
        ]);
        assert_eq!(found, [vec![(1, 2, "ORG")], vec![(0, 1, "ORG")]]);
        // So is one after an occurrence tagged an organization.
        let found = harmonized_with(
            &[
                "His Drake team scored twice to win 2-0 .",
                "Drake began well .",
            ],
            &[(0, 1, "B-ORG"), (1, 0, "B-PER")],
        );
        assert_eq!(found, [vec![(1, 2, "ORG")], vec![(0, 1, "ORG")]]);
        // A side of a fixture is one sign; fans another (a person has supporters too).
        let found = tagged(&[
            "Creighton v Drake ended 2-1 in the tournament .",
            "Drake fans were angry .",
        ]);
        assert_eq!(found[1], [(0, 1, "ORG")]);
        let found = tagged(&["Drake fans cheered the 2-1 win in the tournament ."]);
        assert_eq!(found[0], [(0, 1, "PER")]);
        // A nationality or a league tagged other has a side too.
        assert_eq!(
            harmonized(&["The Welsh side won 2-0 ."], 1, "B-MISC")[0],
            [(1, 2, "MISC")]
        );
    }

    #[test]
    fn a_place_joins_the_institution_named_right_after_it() {
        let (o, bl, bp, ip) = (label("O"), label("B-LOC"), label("B-PER"), label("I-PER"));
        let mut labels = vec![o, bl, bp, ip, o, o];
        join_place_to_institution(
            &sentence("The California Highway Patrol said ."),
            &mut labels,
        );
        assert_eq!(spans(&labels), [(1, 4, "ORG")]);
        // A place before a title and a name stays a place.
        let mut labels = vec![bl, bp, ip, ip, o];
        join_place_to_institution(&sentence("Texas Governor Rick Perry spoke"), &mut labels);
        assert_eq!(spans(&labels), [(0, 1, "LOC"), (1, 4, "PER")]);
    }

    #[test]
    fn a_ship_is_a_thing() {
        let (o, bo, io) = (label("O"), label("B-ORG"), label("I-ORG"));
        let mut labels = vec![o, bo, io, o, bo, o, o];
        mark_ships(&sentence("The USS Cole and INS agents met ."), &mut labels);
        assert_eq!(spans(&labels), [(1, 3, "MISC"), (4, 5, "ORG")]);
    }

    #[test]
    fn a_name_given_an_age_is_a_person() {
        let sentences = vec![
            sentence("The bodies of Alice McMeekin , 58 , were found ."),
            sentence("McMeekin lived alone ."),
            sentence("It runs Windows 95 , 98 , ME and XP ."),
            sentence("Seeds : Fiji ( 3 ) , Kenya ."),
        ];
        let (o, bo, io, bm, im, bl) = (
            label("O"),
            label("B-ORG"),
            label("I-ORG"),
            label("B-MISC"),
            label("I-MISC"),
            label("B-LOC"),
        );
        let mut labels = vec![
            vec![o, o, o, bo, io, o, o, o, o, o, o],
            vec![bo, o, o, o],
            vec![o, o, bm, im, o, o, o, o, o, o, o],
            vec![o, o, bl, o, o, o, o, bl, o],
        ];
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[0]), [(3, 5, "PER")]);
        // Not a version in a list, nor a seeding in brackets.
        assert_eq!(spans(&labels[2]), [(2, 4, "MISC")]);
        assert_eq!(spans(&labels[3]), [(2, 3, "LOC"), (7, 8, "LOC")]);
    }

    #[test]
    fn a_team_is_named_again_by_its_nickname() {
        let texts = [
            "The Indianapolis Colts beat Kansas City .",
            "Then the Colts led 13 - 3 .",
            "In the end , the Colts held on .",
            "Marion Jones ran , and the Jones family watched .",
        ];
        let (o, bo, io, bp) = (label("O"), label("B-ORG"), label("I-ORG"), label("B-PER"));
        let (bl, il) = (label("B-LOC"), label("I-LOC"));
        let team = vec![o, bo, io, o, bl, il, o];
        let document = |tagged_person: bool| {
            let mut sentences: Vec<Vec<Word>> = texts.iter().map(|t| sentence(t)).collect();
            // As the gazetteer marks them: the places' words, not the nickname's.
            for (s, w) in [(0, 1), (0, 4), (3, 0)] {
                sentences[s][w].lexicon |= Lexicon::PLACE_BEGIN;
            }
            sentences[0][5].lexicon |= Lexicon::PLACE_INSIDE;
            let colts = if tagged_person { bp } else { o };
            let labels = vec![
                team.clone(),
                vec![o; 8],
                vec![o, o, o, o, o, colts, o, o, o],
                vec![bo, io, o, o, o, o, bp, o, o, o],
            ];
            (sentences, labels)
        };
        // Untagged: the team, by the document's memory of its names.
        let (sentences, mut labels) = document(false);
        let memory = DocumentMemory::new(sentences.iter().map(Vec::as_slice));
        propagate(&sentences, &memory, &mut labels);
        assert_eq!(spans(&labels[1]), [(2, 3, "ORG")]);
        assert_eq!(spans(&labels[2]), [(5, 6, "ORG")]);
        // Tagged a person: the team, by the type vote.
        let (sentences, mut labels) = document(true);
        harmonize(&sentences, &mut labels);
        assert_eq!(spans(&labels[2]), [(5, 6, "ORG")]);
        // A surname after "the" is no nickname ("Marion" is a town too).
        assert_eq!(spans(&labels[3])[1], (6, 7, "PER"));
    }

    #[test]
    fn a_title_after_a_work_noun_is_a_work() {
        // "the film Vera Drake" names a film, though the tagger reads a woman's name, and
        // so does every other mention of the title in the document.
        let found = harmonized_with(
            &[
                "the film Vera Drake won .",
                "Vera Drake took three awards .",
            ],
            &[
                (0, 2, "B-PER"),
                (0, 3, "I-PER"),
                (1, 0, "B-PER"),
                (1, 1, "I-PER"),
            ],
        );
        assert_eq!(found, [vec![(2, 4, "MISC")], vec![(0, 2, "MISC")]]);
        // A verb that is also a noun of works does not count: "they play Chelsea".
        let found = harmonized(&["they play Chelsea on Sunday ."], 2, "B-ORG");
        assert_eq!(found[0], [(2, 3, "ORG")]);
    }

    #[test]
    fn a_club_takes_a_plural_verb_and_gives_offices() {
        // "Chelsea have" and "as Chelsea manager": a club, though the tagger reads a
        // woman's name; every mention follows.
        let found = harmonized_with(
            &[
                "Chelsea have yet to confirm the meeting .",
                "his first trophy as Chelsea manager .",
                "Chelsea won again .",
            ],
            &[(0, 0, "B-PER"), (1, 4, "B-PER"), (2, 0, "B-PER")],
        );
        assert_eq!(
            found,
            [
                vec![(0, 1, "ORG")],
                vec![(4, 5, "ORG")],
                vec![(0, 1, "ORG")]
            ]
        );
        // People in a list, or after a preposition, take the list's verb.
        let foul = sentence("a foul on Reyes are also lambasted .");
        assert!(!takes_plural_verb(&foul, 3, 4));
        let pair = sentence("Smith and Jones are here .");
        assert!(!takes_plural_verb(&pair, 2, 3));
    }

    #[test]
    fn a_list_of_people_is_of_people() {
        let tag = |text: &str, tags: &[(usize, &str)]| {
            let sentence = sentence(text);
            let mut labels = vec![0u8; sentence.len()];
            for &(at, l) in tags {
                labels[at] = label(l);
            }
            align_lists(&sentence, &mut labels);
            spans(&labels)
        };
        // "Wood, Loren Roberts, Steve Stricker": Wood is one of them.
        let people = [
            (0, "B-LOC"),
            (2, "B-PER"),
            (3, "I-PER"),
            (5, "B-PER"),
            (6, "I-PER"),
        ];
        assert_eq!(
            tag("Wood , Loren Roberts , Steve Stricker tied", &people)[0],
            (0, 1, "PER")
        );
        // Places with a name or two read as people's stay places.
        let places = [(0, "B-LOC"), (2, "B-PER"), (4, "B-PER"), (6, "B-LOC")];
        let found = tag("Tempe , Chandler , Gilbert and Mesa grew", &places);
        assert_eq!(found[0], (0, 1, "LOC"));
        assert_eq!(found[3], (6, 7, "LOC"));
    }

    #[test]
    fn a_name_whose_staff_or_apposition_is_a_company_is_one() {
        // Three times for one where the name modifies what only a company has: it
        // outvotes two occurrences tagged miscellaneous.
        let found = harmonized_with(
            &[
                "the Zephyrair chief executive spoke .",
                "Zephyrair jets are new .",
                "Zephyrair jets are old .",
            ],
            &[(0, 1, "B-MISC"), (1, 0, "B-MISC"), (2, 0, "B-MISC")],
        );
        assert_eq!(found[0], [(1, 2, "ORG")], "{found:?}");
        assert_eq!(found[1], [(0, 1, "ORG")], "{found:?}");
        // A nationality stays one.
        let mut french = sentence("French workers went on strike .");
        french[0].lexicon |= Lexicon::COUNTRY;
        let mut labels = vec![vec![label("B-MISC"), 0, 0, 0, 0, 0]];
        harmonize(&[french], &mut labels);
        assert_eq!(spans(&labels[0]), [(0, 1, "MISC")]);
        // So does one the gazetteer does not know: it reads as one.
        for text in [
            "Chinese employees stayed home .",
            "Iraqi workers marched .",
            "Dutch staff voted .",
        ] {
            assert_eq!(
                harmonized(&[text], 0, "B-MISC")[0],
                [(0, 1, "MISC")],
                "{text}"
            );
        }
        // One sentence each: (text, the name's word, its tag, the type it ends with).
        let cases = [
            // A company says "it" of itself; an "it" that is no one says nothing.
            ("Comelf said it almost doubled output .", 0, "B-PER", "ORG"),
            ("Rifkind said it was for the minister .", 0, "B-PER", "PER"),
            ("Seacom said that its cable was mended .", 0, "B-PER", "ORG"),
            // "that it" is as often the company the speaker speaks for.
            ("Kim said that it withdrew the drug .", 0, "B-PER", "PER"),
            // A subject that does something to its own is a company.
            ("Comelf had pinned its hopes on 3G .", 0, "B-PER", "ORG"),
            ("Comelf has drafted in its UK chief .", 0, "B-PER", "ORG"),
            ("Rifkind had pinned his hopes on 3G .", 0, "B-PER", "PER"),
            // A share is up or down a price; a place's figures are not.
            ("Magnaco was up 1/8 to 48-1/4 .", 0, "B-LOC", "ORG"),
            (
                "Sales across Magnaco were down 2.3 percent .",
                2,
                "B-LOC",
                "LOC",
            ),
            // A company is a company's parent.
            ("Zephyrair parent Acme won .", 0, "B-MISC", "ORG"),
            // A company's noun right before the name settles it, a comma between or not.
            (
                "Subsea cable operator , Seacom , announced repairs .",
                4,
                "B-PER",
                "ORG",
            ),
            ("The film distributor Toho made it .", 3, "B-PER", "ORG"),
            // A company's noun heading the apposition after the name settles it.
            (
                "Zephyrair , Europe 's biggest aircraft manufacturer , has cut jobs .",
                0,
                "B-PER",
                "ORG",
            ),
        ];
        for (text, at, tag, kind) in cases {
            assert_eq!(
                harmonized(&[text], at, tag)[0],
                [(at, at + 1, kind)],
                "{text}"
            );
        }
        // Not a clause after it, nor a name in a list.
        for text in [
            "Kemp , who will head the team , spoke .",
            "Pol , Kemp , Son 's dictatorial group , broke away .",
        ] {
            let at = if text.starts_with("Pol") { 2 } else { 0 };
            let found = harmonized(&[text], at, "B-PER");
            assert_eq!(found[0], [(at, at + 1, "PER")], "{text}");
        }
    }
}
