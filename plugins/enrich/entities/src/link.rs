//! From mentions to entities: titles and roles read around people's names, acronyms
//! joined to their long forms, mentions of one person, organization or place grouped,
//! places placed on the map.

use std::collections::{BTreeSet, HashMap};

use dateline_core::EntityType;

use crate::gazetteer::{Gazetteer, Place, PlaceKind, is_title};
use crate::recognize::{is_member, names_a_people};

/// A tagged name in one field of the record (byte offsets into that field's text).
#[derive(Debug, Clone)]
pub struct Found {
    /// Index of the field (into the caller's list of fields).
    pub field: usize,
    /// Start byte.
    pub start: usize,
    /// End byte, exclusive.
    pub end: usize,
    /// Entity type.
    pub kind: EntityType,
    /// The words of the name (titles removed).
    pub words: Vec<String>,
    /// Title or rank written before the name.
    pub title: Option<String>,
    /// Roles from appositives and premodifiers.
    pub roles: Vec<String>,
    /// An acronym defined right after the name ("... (ISPR)").
    pub acronym: Option<String>,
}

/// An entity being built.
#[derive(Debug, Clone)]
pub struct Group {
    /// Entity type: the majority of its mentions', or that of the mention defining its
    /// acronym.
    pub kind: EntityType,
    /// Name: the fullest form.
    pub name: String,
    /// The name's words.
    pub words: Vec<String>,
    /// Other names.
    pub aliases: BTreeSet<String>,
    /// Title.
    pub title: Option<String>,
    /// Roles, in order of appearance.
    pub roles: Vec<String>,
    /// Acronym.
    pub acronym: Option<String>,
    /// Indices of its mentions in the caller's list.
    pub mentions: Vec<usize>,
    votes: HashMap<EntityType, usize>,
    /// The type of the mention that defined the acronym ("the Bank of England (BoE)").
    defined_as: Option<EntityType>,
}

/// Words that can head a role phrase ("army chief", "chief of general staff").
const ROLE_NOUNS: &[&str] = &[
    "chief",
    "minister",
    "president",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "secretary",
    "leader",
    "commander",
    "head",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ambassador",
    "envoy",
    "governor",
    "officer",
    "general",
    "adviser",
    "advisor",
    "analyst",
    "founder",
    "executive",
    "editor",
    "correspondent",
    "lawmaker",
    "senator",
    "member",
    "official",
    "premier",
    "king",
    "queen",
    "prince",
    "mayor",
    "judge",
    "justice",
    "prosecutor",
    "lawyer",
    "attorney",
    "manager",
    "coach",
    "captain",
    "owner",
    "chancellor",
    "deputy",
    "staff",
    "representative",
    "candidate",
    "nominee",
    "economist",
    "professor",
    "researcher",
    "scientist",
    "expert",
    "activist",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "partner",
    "principal",
    "counsel",
    "commissioner",
    "inspector",
    "marshal",
    "admiral",
    "colonel",
    "major",
    "lieutenant",
    "sergeant",
    "player",
    "striker",
    "author",
    "writer",
    "journalist",
    "reporter",
    "host",
    "anchor",
    "co-founder",
    "investor",
    "banker",
    "trader",
    "strategist",
    "diplomat",
    "aide",
    "negotiator",
    "administrator",
    "superintendent",
    "vice-president",
    "rector",
    "dean",
    "bishop",
    "cleric",
    "imam",
    "mufti",
    "speaker",
    "treasurer",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "councilwoman",
    "legislator",
    "sheriff",
    "pastor",
    "priest",
    "rabbi",
    "archbishop",
    "president-elect",
    "vice-chairman",
];

fn is_role_noun(lower: &str) -> bool {
    ROLE_NOUNS.contains(&lower)
}

/// A title read before a person's name ([`read_title`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The title as written ("Deputy Governor of the Central Bank").
    pub text: String,
    /// How many words it took.
    pub words: usize,
    /// The office it names after "of" or "for" ("Central Bank" in "Governor of the
    /// Central Bank", "California" in "Governor of California").
    pub office: Option<Office>,
}

/// Where the office a title names lies among the title's last words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Office {
    /// How many words the office has.
    pub words: usize,
    /// How many title words follow it ("Rep." in "Speaker of the House Rep.").
    pub after: usize,
    /// Whether "the" opens it: such an office is a name of its own ("the Central Bank",
    /// "the House"), which the title holds and does not take from the tagger; without
    /// it, an office is a name only where it is a place ("Mayor of London"), and
    /// otherwise words of the title ("Minister of Works").
    pub after_the: bool,
}

/// Reads a title before a person's name: the capitalized title words and abbreviated
/// ranks that end right where the name begins ("Maj. Gen.", "Defense Minister",
/// "President"), with the office a title names after "of" ("Secretary of State",
/// "Chief of Defense Forces Field Marshal", "Governor of the Central Bank"). `before`
/// holds the words before the name, nearest last.
pub fn read_title(before: &[&str]) -> Option<Title> {
    let (words, office) = title_len(before);
    (words > 0).then(|| Title {
        text: before[before.len() - words..].join(" ").replace(" ,", ","),
        words,
        office,
    })
}

/// How many of the last words of `before` make a title: title words, and before them an
/// office ("Minister of Foreign Affairs", "Minister for Energy", "Minister of State for
/// Security", "Secretary of the Treasury"): one to three capitalized words, "of" or
/// "for" (and "the"), and a title before it. Also where the office lies.
fn title_len(before: &[&str]) -> (usize, Option<Office>) {
    let plain = title_words(before, false);
    let rest = &before[..before.len() - plain];
    let capitalized_word = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
    };
    let office = (1..=3).find_map(|k| {
        let words_ok = rest.len() > k + 1 && rest[rest.len() - k..].iter().all(capitalized_word);
        if !words_ok {
            return None;
        }
        // "of the Central Bank": the article between, when there is a title before it.
        let (joiner, after_the) = match rest[rest.len() - k - 1] {
            "the" if rest.len() > k + 2 => (k + 2, true),
            _ => (k + 1, false),
        };
        let office = Office {
            words: k,
            after: plain,
            after_the,
        };
        matches!(rest[rest.len() - joiner], "of" | "for")
            .then(|| title_len(&rest[..rest.len() - joiner]).0)
            .filter(|&inner| inner > 0)
            .map(|inner| (joiner + inner, Some(office)))
    });
    // "Minister of Finance": the office may be words read as a title ("Finance", as in
    // "Finance Minister"), and is then the title's.
    let office_read_as_title = || {
        (plain > 0 && matches!(rest.last(), Some(&("of" | "for"))))
            .then(|| title_len(&rest[..rest.len() - 1]).0)
            .filter(|&inner| inner > 0)
            .map(|inner| (1 + inner, None))
    };
    let (office_len, office) = office.or_else(office_read_as_title).unwrap_or((0, None));
    (plain + office_len, office)
}

/// How many of the last words of `before` are title words: a capitalized title or rank,
/// and before one, role nouns and the capitalized words that qualify a title ("Defense
/// Minister", "Trade and Industry Secretary"); at most seven.
fn title_words(before: &[&str], mut after_title: bool) -> usize {
    let plain = |word: &str| {
        word.chars().next().is_some_and(char::is_uppercase)
            && !word.ends_with("'s")
            && word.chars().all(char::is_alphabetic)
    };
    let is_qualifier =
        |word: &str| plain(word) && QUALIFIERS.contains(&word.to_lowercase().as_str());
    let mut taken = 0;
    let mut i = before.len();
    while i > 0 && taken < 7 {
        let word = before[i - 1];
        let lower = word.to_lowercase();
        let capitalized = word.chars().next().is_some_and(char::is_uppercase);
        let title_word = is_title_word(&lower) || (after_title && is_role_noun(&lower));
        // "Defense Minister": a capitalized word before a title word is part of it. Not
        // before a member of a parliament, where it names the party ("Labour MP Diane
        // Abbott"), but for "Former".
        let member = i < before.len() && is_member(before[i]);
        let qualifier = after_title && is_qualifier(word) && (!member || lower == "former");
        // "Trade and Industry Secretary", "Culture, Media and Sport Secretary":
        // qualifiers joined. A title set off before an honorific or another title is
        // not joined to it ("the Cabinet Secretary, Lord Armstrong").
        let joins_portfolios = || {
            i >= 2
                && is_qualifier(before[i - 2])
                && is_qualifier(before[i])
                && !is_title_word(&before[i].to_lowercase())
        };
        if matches!(word, "and" | ",") && (1..=5).contains(&taken) && joins_portfolios() {
            taken += 2;
            i -= 2;
            continue;
        }
        if capitalized && (title_word || qualifier) {
            taken += 1;
            i -= 1;
            after_title = true;
        } else {
            break;
        }
    }
    // "Affairs" names a portfolio with the word before it ("External Affairs Minister",
    // "Constitutional Affairs Minister"), or none.
    if taken > 0 && before[before.len() - taken] == "Affairs" {
        match before.len().checked_sub(taken + 1).map(|at| before[at]) {
            Some(word) if plain(word) => taken += 1,
            _ => taken -= 1,
        }
    }
    taken
}

/// A title word, or titles joined by hyphens ("Secretary-General", "Vice-President",
/// "Commander-in-Chief").
pub(crate) fn is_title_word(lower: &str) -> bool {
    is_title(lower)
        || MORE_TITLES.contains(&lower)
        || is_member(lower)
        || (lower.contains('-')
            && lower
                .split('-')
                .filter(|part| !matches!(*part, "in" | "of"))
                .all(is_title))
}

/// Offices and positions read as titles before a name that the tagger's lexicon does not
/// list (it learned its features without them, so they are read here and not marked for
/// it): "Sheriff Chad Chronister", "Councillor Jane Smith".
const MORE_TITLES: &[&str] = &[
    "sheriff",
    "undersheriff",
    "constable",
    "superintendent",
    "trooper",
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "alderman",
    "magistrate",
    "coroner",
    "comptroller",
    "treasurer",
    "whip",
    // A board's or a committee's head, as US news writes it ("Fed Chair Janet Yellen").
    "chair",
    "co-chair",
    "vice-chair",
    // Positions in sport, which news writes before a player's name as it writes an
    // office ("Quarterback Peyton Manning", "Pitcher Mark Teixeira").
    "quarterback",
    "pitcher",
    "catcher",
    "shortstop",
    "linebacker",
    "cornerback",
    "outfielder",
    "infielder",
    "batsman",
    "wicketkeeper",
    "jockey",
    // Abbreviated ("Angels GM Tony Reagins", "Panthers QB Cam Newton", "Apple CFO Luca
    // Maestri").
    "gm",
    "qb",
    "rb",
    "wr",
    "lb",
    "cb",
    "cfo",
    "coo",
    "cto",
];

/// Capitalized words that may open a title ("Defense Minister", "Army Chief").
const QUALIFIERS: &[&str] = &[
    "army",
    "air",
    "naval",
    "navy",
    "defense",
    "defence",
    "foreign",
    "interior",
    "finance",
    "prime",
    "vice",
    "deputy",
    "chief",
    "supreme",
    "federal",
    "state",
    "home",
    "information",
    "health",
    "education",
    "energy",
    "trade",
    "commerce",
    "justice",
    "labor",
    "labour",
    "agriculture",
    "petroleum",
    "planning",
    "economic",
    "executive",
    "operating",
    "general",
    "attorney",
    "secretary",
    "field",
    "lieutenant",
    "major",
    "brigadier",
    "rear",
    "police",
    "senior",
    "former",
    "acting",
    "interim",
    "opposition",
    "provincial",
    "national",
    "security",
    "press",
    "first",
    "grand",
    "crown",
    "high",
    "special",
    "fire",
    "assistant",
    "associate",
    // Parliaments' and governments' offices ("Senate Majority Leader", "House Minority
    // Whip", "Shadow Chancellor", "Interior Cabinet Secretary").
    "majority",
    "minority",
    "shadow",
    "cabinet",
    // Offices named with "General" after them ("Surgeon General", "Solicitor General").
    "surgeon",
    "solicitor",
    "postmaster",
    "paymaster",
    "adjutant",
    "auditor",
    // Portfolios ("External Affairs Minister", "Transport Secretary", "Trade and Industry
    // Secretary").
    "external",
    "affairs",
    "environment",
    "transport",
    "culture",
    "housing",
    "tourism",
    "industry",
    "communications",
    "immigration",
    "veterans",
    "homeland",
    "works",
    "mines",
    "fisheries",
    "employment",
    "sports",
    "sport",
    "media",
    "youth",
    "science",
    "technology",
    "development",
    "international",
    "budget",
];

/// Where a phrase set off after a name ends: at the next comma, colon, bracket,
/// quotation mark, line end or sentence end, but not at the periods of initials ("a
/// spokesman for the U.S. Army", "of the U.N. agency").
fn phrase_end(rest: &str) -> usize {
    let stops = [',', '.', ';', ':', '(', ')', '"', '“', '”', '\n'];
    let mut from = 0;
    while let Some(at) = rest[from..].find(stops).map(|i| from + i) {
        if rest[at..].starts_with('.') && in_initials(&rest[..at], &rest[at + 1..]) {
            from = at + 1;
            continue;
        }
        return at;
    }
    rest.len()
}

/// Whether a period between `before` and `after` is one of initials ("U.S.", "U.N."):
/// one capital letter before it, and another initial right after it or right before
/// that letter. A capital alone before a period ("Group B. He") ends a sentence.
fn in_initials(before: &str, after: &str) -> bool {
    let mut back = before.chars().rev();
    let letter = back.next().is_some_and(|c| c.is_ascii_uppercase());
    let opens = back.next();
    let next = after.chars().next();
    letter
        && (opens == Some('.')
            || (opens.is_none_or(char::is_whitespace)
                && next.is_some_and(|c| c.is_ascii_uppercase())))
}

/// Reads an appositive role after a name: ", chief of general staff of Iranian armed
/// forces," or ", Pakistan's army chief (right)". `after` is the text right after the
/// name. The role must hold a role noun.
pub fn appositive_after(after: &str) -> Option<String> {
    let rest = after.strip_prefix(',')?.trim_start();
    let end = phrase_end(rest);
    let phrase = rest[..end].trim();
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 {
        return None;
    }
    // "who's", "he's": the word before the contraction.
    let first = words[0]
        .split(['\'', '’'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    // A clause, not an apposition.
    if matches!(
        first.as_str(),
        "who"
            | "which"
            | "that"
            | "said"
            | "says"
            | "and"
            | "but"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "on"
            | "in"
            | "at"
            | "with"
            | "for"
            | "as"
            | "while"
            | "when"
            | "where"
            | "after"
            | "before"
            | "adding"
            | "according"
    ) {
        return None;
    }
    let opens = words[0].chars().next().is_some_and(char::is_lowercase)
        || words[0].ends_with("'s")
        || words[0].ends_with("’s");
    if !opens {
        return None;
    }
    let last_role = words
        .iter()
        .rposition(|w| is_role_noun(&w.to_lowercase()))?;
    // A role right before another name is that name's, the next in a list ("Irene
    // Garner, committee member Maxine McClean, ..."); not a name a preposition makes the
    // role's object ("spokesman for trade commissioner Peter Mandelson", "daughter of
    // former Vice President Dick Cheney", "head of the General Services Administration").
    let named_after = &words[last_role + 1..];
    if named_after.len() >= 2
        && named_after
            .iter()
            .all(|w| w.starts_with(char::is_uppercase))
        && !words[..last_role].iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "of" | "for" | "at" | "to" | "with" | "under" | "in" | "on" | "from" | "by"
            )
        })
    {
        return None;
    }
    // The apposition ends where a clause begins, its comma left out ("Howard Archer,
    // economist at Global Insight said the MPC", "a senior KGB officer who became"), or
    // where it says since when or for how long ("manager of Chelsea since June", "vice
    // president under Barack Obama for eight years"), when it holds the role by then.
    if let Some(clause) =
        (1..words.len()).find(|&i| is_clause_word(words[i]) || opens_a_time_adjunct(&words[i..]))
        && words[..clause]
            .iter()
            .any(|w| is_role_noun(&w.to_lowercase()))
    {
        return Some(strip_article(&words[..clause].join(" ")).to_string());
    }
    Some(strip_article(phrase).to_string())
}

/// Whether the words open a phrase of time after a role, which is no part of it: "since
/// June", "until 2009", "during the war", "for eight years", "for more than a decade"
/// ("minister for foreign affairs" keeps its "for").
fn opens_a_time_adjunct(words: &[&str]) -> bool {
    match words[0] {
        "since" | "until" | "till" | "during" => true,
        // "for" and a length of time: quantities, then a unit ("for more than a decade",
        // "for the past two years"); not "attorney for one of four groups".
        "for" => {
            let mut rest = words[1..].iter().map(|w| w.to_ascii_lowercase());
            rest.by_ref()
                .take(5)
                .find(|w| !is_quantity_word(w))
                .is_some_and(|w| {
                    matches!(
                        w.trim_end_matches('s'),
                        "year"
                            | "month"
                            | "decade"
                            | "week"
                            | "day"
                            | "term"
                            | "season"
                            | "century"
                            | "while"
                            | "time"
                    )
                })
        }
        _ => false,
    }
}

/// Whether a lowercase word states how much or which of something: a number ("20",
/// "eight", "dozen"), an article, a quantifier ("more", "than", "nearly", "several"), an
/// ordering ("past", "last").
fn is_quantity_word(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            word,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "fifteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "dozen"
                | "a"
                | "an"
                | "the"
                | "more"
                | "than"
                | "nearly"
                | "almost"
                | "about"
                | "over"
                | "several"
                | "many"
                | "few"
                | "past"
                | "last"
                | "next"
                | "first"
                | "previous"
        )
}

/// Words a verb follows, lower case: a subject pronoun, an auxiliary of the perfect, a
/// modal.
const BEFORE_A_VERB: [&str; 20] = [
    "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "must",
    "does", "did", "he", "she", "they", "we", "i", "it", "you",
];

/// Whether a verb follows `word`, in any case ("It quoted chairman Simon Keswick").
fn before_a_verb(word: &str) -> bool {
    BEFORE_A_VERB.contains(&word.to_ascii_lowercase().as_str())
}

/// Words that open or carry a clause, as written: a subject (capitalized too, opening a
/// sentence), an auxiliary, a modal, a verb of saying, a relative. A role phrase holds
/// none. (A capitalized "May" or "Will" is a name's.)
fn is_clause_word(word: &str) -> bool {
    BEFORE_A_VERB.contains(&word)
        || matches!(
            word,
            "said"
                | "says"
                | "told"
                | "tells"
                | "added"
                | "who"
                | "whom"
                | "which"
                | "whose"
                | "that"
                | "is"
                | "was"
                | "are"
                | "were"
                | "He"
                | "She"
                | "They"
                | "We"
                | "I"
                | "It"
        )
}

/// Reads a lowercase role written right before a name or its title: "Pakistan's army
/// chief Gen. Asim Munir", "military spokesperson Ahmed Sharif". `before` holds the words
/// before, nearest last.
pub fn role_before(before: &[&str]) -> Option<String> {
    let last = before.last()?;
    if !is_role_noun(&last.to_lowercase()) || last.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let plain = |w: &str| w.chars().all(|c| c.is_alphabetic() || c == '-');
    let lower_word = |w: &str| {
        w.chars().next().is_some_and(char::is_lowercase) && plain(w) && !NOT_IN_ROLES.contains(&w)
    };
    // A nationality or a name qualifying the role ("Iranian president"), or owning it.
    let qualifier = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && plain(w)
            && !NOT_IN_ROLES.contains(&w.to_lowercase().as_str())
    };
    let mut taken = 1;
    for word in before.iter().rev().skip(1) {
        // The tokenizer splits "Ministry's" into "Ministry" and "'s": the role takes the
        // possessor's capitalized words with it ("the Interior Ministry's spokesman").
        if is_possessive_mark(word) {
            // The owner's capitalized words, across an "of" or a "for" between them
            // ("the Federal Reserve Bank of New York's president"); six words at most.
            let owner_words = &before[..before.len() - taken - 1];
            let mut owner = 0;
            loop {
                // With the connector before this run when there is one.
                let from = owner + usize::from(owner > 0);
                let run = owner_words[..owner_words.len() - from]
                    .iter()
                    .rev()
                    .take_while(|w| qualifier(w))
                    .count();
                if run == 0 || from + run > 6 {
                    break;
                }
                owner = from + run;
                let left = &owner_words[..owner_words.len() - owner];
                if !matches!(left, [.., w, "of" | "for"] if qualifier(w)) {
                    break;
                }
            }
            if owner > 0 {
                taken += 1 + owner;
            }
            break;
        }
        if (lower_word(word) || qualifier(word)) && !is_clause_word(word) && taken < 4 {
            taken += 1;
        } else {
            // After a subject or an auxiliary the word taken last is the clause's verb
            // ("Keegan has praised striker", "they eye captain"): not the role's.
            if before_a_verb(word) && taken > 1 {
                taken -= 1;
            }
            break;
        }
    }
    let mut role = String::new();
    for word in &before[before.len() - taken..] {
        if !role.is_empty() && !is_possessive_mark(word) {
            role.push(' ');
        }
        role.push_str(word);
    }
    Some(role)
}

/// A possessive the tokenizer split from its word: "'s" or "’s".
fn is_possessive_mark(word: &str) -> bool {
    matches!(word, "'s" | "’s")
}

/// Words that end a role read backwards from a name.
const NOT_IN_ROLES: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "said",
    "says",
    "with",
    "by",
    "of",
    "that",
    "this",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "to",
    "from",
    "in",
    "on",
    "at",
    "for",
    "as",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "told",
    "when",
    "while",
    "after",
    "before",
    "but",
    "met",
    "meets",
    "who",
    "whom",
    "which",
    "where",
    "also",
    "then",
    "than",
    "against",
    "between",
    "under",
    "over",
    "into",
    "about",
    "like",
    "including",
];

fn strip_article(phrase: &str) -> &str {
    for article in ["the ", "a ", "an ", "The ", "A ", "An "] {
        if let Some(rest) = phrase.strip_prefix(article) {
            return rest;
        }
    }
    phrase
}

/// The acronym defined right after an organization's name, "(ISPR)", when its letters
/// are the initials of the name's words, or of its last words after an owner or a place
/// that the acronym leaves out ("US Food and Drug Administration (FDA)", "the Bank of
/// England's Monetary Policy Committee (MPC)"). An acronym written as a word ("North
/// Atlantic Treaty Organisation (Nato)", "World Anti-Doping Agency (Wada)", as some
/// newsrooms write them) must spell the initials in order.
pub fn acronym_after(name_words: &[String], after: &str) -> Option<String> {
    let acronym = parenthesized(after)?;
    // "ISPR", "BoE", "Copom": capital first, mostly capitals or a short word.
    let capitals = acronym.chars().filter(char::is_ascii_uppercase).count();
    let word_cased = capitals == 1 && acronym.len() >= 3;
    if !(2..=10).contains(&acronym.len())
        || !acronym.starts_with(|c: char| c.is_ascii_uppercase())
        || !acronym
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '&')
        || (capitals < 2 && !word_cased)
    {
        return None;
    }
    let spells_whole = is_acronym_of(acronym, name_words)
        || (!word_cased
            && (keeps_initials(acronym, name_words) || reorders_initials(acronym, name_words)));
    // The last words alone: two capitalized words at least, and three letters, so that
    // a short acronym does not find its letters in the end of any long name.
    let capitalized = |w: &String| w.starts_with(|c: char| c.is_uppercase());
    let spells_last_words = acronym.len() >= 3
        && (1..name_words.len()).any(|from| {
            let last = &name_words[from..];
            last.iter().filter(|w| capitalized(w)).count() >= 2 && is_acronym_of(acronym, last)
        });
    (spells_whole || spells_last_words).then(|| acronym.to_string())
}

/// The acronym in capitals right after an organization's name whose letters are not the
/// name's initials: the acronym of the name in its own language, which the text gives in
/// English ("West African Development Bank (BOAD)", "National Statistics Institute
/// (INSEE)", "Greek Athletics Federation (SEGAS)"). Three capitals or more after a name
/// of two capitalized words or more, so that an agency's credit after a one-word name
/// ("Hamas (AFP)") is not read as one.
pub fn foreign_acronym_after(name_words: &[String], after: &str) -> Option<String> {
    let acronym = parenthesized(after)?;
    let capitalized = name_words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    ((3..=6).contains(&acronym.len())
        && acronym.chars().all(|c| c.is_ascii_uppercase())
        && capitalized >= 2)
        .then(|| acronym.to_string())
}

/// The words in the parentheses that open `after` (spaces before them aside).
pub(crate) fn parenthesized(after: &str) -> Option<&str> {
    let rest = after.trim_start().strip_prefix('(')?;
    Some(rest[..rest.find(')')?].trim())
}

/// Whether an acronym in capitals has the initials of the name's capitalized words, each
/// once, in another order: the acronym of the name in its own language, where the words
/// come in another order ("Civil Protection Department (DPC)", Dipartimento della
/// Protezione Civile; "Central Bank of Brazil (BCB)", Banco Central do Brasil).
fn reorders_initials(acronym: &str, words: &[String]) -> bool {
    let mut initials: Vec<u8> = words
        .iter()
        .filter_map(|w| w.bytes().next())
        .filter(u8::is_ascii_uppercase)
        .collect();
    let mut letters: Vec<u8> = acronym.bytes().collect();
    if letters.len() < 3 || !letters.iter().all(u8::is_ascii_uppercase) {
        return false;
    }
    initials.sort_unstable();
    letters.sort_unstable();
    initials == letters
}

/// Whether an acronym in capitals keeps the initials of the name's capitalized words in
/// order among letters of its own, starting with the first: the acronym of a longer or
/// older form of the name ("UNICEF", United Nations Children's Fund, once the United
/// Nations International Children's Emergency Fund).
fn keeps_initials(acronym: &str, words: &[String]) -> bool {
    let initials: Vec<char> = words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    if acronym.len() < 3
        || initials.len() < 2
        || !acronym.chars().all(|c| c.is_ascii_uppercase())
        || !acronym.starts_with(initials[0])
    {
        return false;
    }
    let mut letters = acronym.chars();
    initials.iter().all(|i| letters.any(|l| l == *i))
}

/// Whether `acronym` spells the initials of `words`: every capitalized word or hyphen
/// part contributes its first letter, in order; small words ("of", "and") may or may
/// not. A lower-case letter may also continue the word before it, as acronyms take a
/// word's first two or three letters ("AfDB", African Development Bank; "FinCEN",
/// Financial Crimes Enforcement Network).
pub fn is_acronym_of(acronym: &str, words: &[String]) -> bool {
    let letters: Vec<char> = acronym.chars().filter(char::is_ascii_alphabetic).collect();
    // A possessive is no word of its own ("Harris County Sheriff's Office", HCSO).
    let parts: Vec<Vec<char>> = words
        .iter()
        .filter(|word| !word.starts_with(['\'', '’']))
        .flat_map(|word| word.split('-'))
        .filter(|part| !part.is_empty())
        .map(|part| part.chars().collect())
        .collect();
    /// Whether `letters` spell `parts`, each part used from its first letter or skipped
    /// when small.
    fn matches(letters: &[char], parts: &[Vec<char>]) -> bool {
        let Some(part) = parts.first() else {
            return letters.is_empty();
        };
        let small = part[0].is_lowercase();
        if small && matches(letters, &parts[1..]) {
            return true;
        }
        let Some(&first) = letters.first() else {
            return parts.iter().all(|p| p[0].is_lowercase());
        };
        if !first.eq_ignore_ascii_case(&part[0]) {
            return false;
        }
        // The initial alone, or with the lower-case letters that follow it in the word.
        let mut used = 1;
        loop {
            if matches(&letters[used..], &parts[1..]) {
                return true;
            }
            match (letters.get(used), part.get(used)) {
                (Some(&l), Some(&c)) if l.is_ascii_lowercase() && l == c.to_ascii_lowercase() => {
                    used += 1;
                }
                _ => return false,
            }
        }
    }
    letters.len() >= 2 && matches(&letters, &parts)
}

/// A name as it is written from its words: spaced, but a possessive or a contraction
/// ("'s", "’s", "n't") and closing marks hold on to the word before them ("United
/// Nations Children's Fund", not "Children 's Fund").
pub fn name_of(words: &[String]) -> String {
    let mut name = String::new();
    for (i, w) in words.iter().enumerate() {
        let clings = w.starts_with(['\'', '’'])
            || w.eq_ignore_ascii_case("n't")
            || w.starts_with([')', ',', '.', ']'])
            || name.ends_with(['(', '[']);
        if i > 0 && !clings {
            name.push(' ');
        }
        name.push_str(w);
    }
    name
}

/// Groups mentions into entities, in order of first mention, knowing which names are
/// places (`is_place`): an organization is not named by a place alone ("Japan" is not
/// Japan Airlines, however the tagger typed it).
pub fn group(found: &[Found], is_place: &dyn Fn(&str) -> bool) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (index, mention) in found.iter().enumerate() {
        let target = find_group(&groups, mention, is_place);
        let group = match target {
            Some(g) => &mut groups[g],
            None => {
                groups.push(Group {
                    kind: mention.kind,
                    name: name_of(&mention.words),
                    words: mention.words.clone(),
                    aliases: BTreeSet::new(),
                    title: None,
                    roles: Vec::new(),
                    acronym: None,
                    mentions: Vec::new(),
                    votes: HashMap::new(),
                    defined_as: None,
                });
                groups.last_mut().expect("just pushed")
            }
        };
        let name = name_of(&mention.words);
        // The fullest name wins; shorter ones become aliases.
        // A name in capitals ("ISLAMABAD" in a dateline) gives way to its usual form.
        let shouting = |n: &str| !n.chars().any(char::is_lowercase);
        let better = mention.words.len() > group.words.len()
            || (mention.words.len() == group.words.len()
                && shouting(&group.name)
                && !shouting(&name));
        if better && Some(&name) != group.acronym.as_ref() {
            let old = std::mem::replace(&mut group.name, name.clone());
            group.aliases.insert(old);
            group.words = mention.words.clone();
        } else if name != group.name && Some(&name) != group.acronym.as_ref() {
            group.aliases.insert(name);
        }
        if group.title.is_none() {
            group.title = mention.title.clone();
        }
        for role in &mention.roles {
            if !group.roles.contains(role) {
                group.roles.push(role.clone());
            }
        }
        if group.acronym.is_none()
            && let Some(acronym) = &mention.acronym
        {
            group.aliases.remove(acronym);
            group.acronym = Some(acronym.clone());
            group.defined_as = Some(mention.kind);
        }
        *group.votes.entry(mention.kind).or_default() += 1;
        group.mentions.push(index);
    }
    for group in &mut groups {
        let mut votes: Vec<(EntityType, usize)> =
            group.votes.iter().map(|(k, v)| (*k, *v)).collect();
        votes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        // The name written out says what the acronym is, however the tagger typed the
        // acronym alone ("BoE governor Mervyn King" made it a person twice).
        group.kind = group.defined_as.unwrap_or(votes[0].0);
        let name = group.name.clone();
        group.aliases.remove(&name);
    }
    join_surnames(&mut groups, is_place);
    groups
}

/// Whether two words are one, whatever their case: a headline in capitals names what
/// the body names in lower case ("BIOGEN" and "Biogen Inc").
fn same_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
}

/// Whether two names are the same words, whatever their case.
fn same_words(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_word(a, b))
}

/// Joins the entity a person's surname alone started to the person's full name, in either
/// order: "HELLER" in the headline then "Robert Heller" in the body (each later "Heller"
/// went to the headline's), or "Ted Cruz" then "Cruz's rivals" tagged as an organization
/// (each later "Cruz" went to it by name). Only where one person's name ends with the
/// word; not one typed a place or a miscellaneous name, nor, unless it was read as a
/// person's at least once, one that names a place, a people or opens a company's name.
fn join_surnames(groups: &mut Vec<Group>, is_place: &dyn Fn(&str) -> bool) {
    let mut s = 0;
    while s < groups.len() {
        let single = &groups[s];
        let surname = match single.words.as_slice() {
            [word] if word.starts_with(char::is_uppercase) => word.as_str(),
            _ => {
                s += 1;
                continue;
            }
        };
        let read_as_person = single.kind == EntityType::Person
            || single
                .votes
                .get(&EntityType::Person)
                .is_some_and(|&n| n > 0);
        // The tagger types a surname alone an organization often enough ("Cruz", as in
        // Cruz Azul), and then every later "Cruz" by the first: such a word is taken for
        // the person unless it names a place, a people ("Americans" after "Muslim
        // Americans") or opens a company's name ("Ford" beside "Ford Motor Co").
        let names_a_company = || {
            groups.iter().any(|g| {
                g.kind == EntityType::Organization
                    && g.words.len() > 1
                    && same_word(&g.words[0], surname)
            })
        };
        let organization_read_so = single.kind == EntityType::Organization
            && !names_a_people(&surname.to_lowercase())
            && !is_place(surname)
            && !names_a_company();
        // "QC" after "Philippe Sands QC" is what he is, not his name.
        let abbreviation = surname.chars().count() <= 3 && !surname.chars().any(char::is_lowercase);
        let eligible = (read_as_person || organization_read_so)
            && single.kind != EntityType::Place
            && single.acronym.is_none()
            && single.defined_as.is_none()
            && !abbreviation;
        let mut people = (0..groups.len()).filter(|&p| {
            let g = &groups[p];
            g.kind == EntityType::Person
                && g.words.len() > 1
                && g.words.last().is_some_and(|w| same_word(w, surname))
        });
        let person = people.next().filter(|_| people.next().is_none());
        let Some(p) = person.filter(|_| eligible) else {
            s += 1;
            continue;
        };
        // The entity keeps the place of the earlier of the two and the person's name.
        let (keep, drop) = (s.min(p), s.max(p));
        let dropped = groups.remove(drop);
        let (person, single) = if p == keep {
            (&mut groups[keep], dropped)
        } else {
            let single = std::mem::replace(&mut groups[keep], dropped);
            (&mut groups[keep], single)
        };
        person.aliases.insert(single.name);
        person.aliases.extend(single.aliases);
        let name = person.name.clone();
        person.aliases.remove(&name);
        if person.title.is_none() {
            person.title = single.title;
        }
        for role in single.roles {
            if !person.roles.contains(&role) {
                person.roles.push(role);
            }
        }
        for (kind, n) in single.votes {
            *person.votes.entry(kind).or_default() += n;
        }
        person.mentions.extend(single.mentions);
        person.mentions.sort_unstable();
        // The groups after `drop` moved up one; look again from the earlier of the two.
        s = keep;
    }
}

/// Which existing entity a mention names, if any.
fn find_group(groups: &[Group], mention: &Found, is_place: &dyn Fn(&str) -> bool) -> Option<usize> {
    let name = name_of(&mention.words);
    let key = name.to_lowercase();
    // The same name, an alias or the acronym: the same entity (latest first).
    let same = groups.iter().rposition(|g| {
        compatible(g.kind, mention.kind)
            && (g.name.to_lowercase() == key
                || g.aliases.iter().any(|a| a.to_lowercase() == key)
                || g.acronym.as_deref() == Some(name.as_str()))
    });
    if same.is_some() {
        return same;
    }
    // A long form defining the acronym an entity was named by before it ("WHO warns"
    // in the headline, "the World Health Organization (WHO)" below): whatever the
    // tagger made of the acronym alone, the definition says what it is.
    if let Some(acronym) = &mention.acronym
        && let Some(g) = groups
            .iter()
            .rposition(|g| g.words.len() == 1 && &g.name == acronym && g.acronym.is_none())
    {
        return Some(g);
    }
    // An organization named by the acronym of a long form seen before.
    if mention.words.len() == 1
        && name.chars().all(|c| c.is_ascii_uppercase())
        && name.len() >= 2
        && let Some(g) = groups.iter().rposition(|g| {
            g.kind == EntityType::Organization
                && g.acronym.is_none()
                && is_acronym_of(&name, &g.words)
        })
    {
        return Some(g);
    }
    // An organization by its name without the place that opens it ("Tehreek-e-Insaf"
    // for "Pakistan Tehreek-e-Insaf", "the Post" for "Washington Post").
    let placed = |long: &[String], short: &[String]| {
        long.len() > short.len()
            && long.ends_with(short)
            && short[0].starts_with(char::is_uppercase)
            && is_place(&name_of(&long[..long.len() - short.len()]))
    };
    // So too a name the tagger took for a person, or left untyped, when the text defined
    // the organization with its acronym ("Tehreek-e-Insaf" after "Pakistan
    // Tehreek-e-Insaf (PTI)"): the definition says what it is, when only one such
    // organization fits.
    if matches!(mention.kind, EntityType::Person | EntityType::Other) {
        let mut defined = (0..groups.len()).filter(|&g| {
            groups[g].defined_as == Some(EntityType::Organization)
                && placed(&groups[g].words, &mention.words)
        });
        if let Some(g) = defined.next().filter(|_| defined.next().is_none()) {
            return Some(g);
        }
    }
    // A company by its name without the legal form ("Chrysler" for "Chrysler LLC"), or
    // by the one word it trades under ("Lumen" for "Lumen Semiconductor Inc."), or by its
    // full name after being named so.
    if mention.kind == EntityType::Organization {
        let words = &mention.words[..];
        let stem = without_legal_form(words);
        let trades_as = |long: &[String], short: &[String]| match short {
            [word] => trading_name(long).is_some_and(|t| same_word(t, word)) && !is_place(word),
            _ => false,
        };
        // Whether an organization's name and the mention's are one the longer and one the
        // shorter form of a name, whichever came first.
        let organization = |g: &Group, forms: &dyn Fn(&[String], &[String]) -> bool| {
            g.kind == EntityType::Organization && (forms(&g.words, words) || forms(words, &g.words))
        };
        let company = groups.iter().rposition(|g| {
            // One name or both with a legal form, the same without ("Honda Motor Co" and
            // "Honda Motor Co Ltd").
            let their_stem = without_legal_form(&g.words);
            let legal_form = (their_stem.is_some() || stem.is_some())
                && same_words(their_stem.unwrap_or(&g.words), stem.unwrap_or(words));
            (g.kind == EntityType::Organization && legal_form) || organization(g, &trades_as)
        });
        if company.is_some() {
            return company;
        }
        // The one organization a shorter form fits, if only one does.
        let only = |forms: &dyn Fn(&[String], &[String]) -> bool| {
            let mut fitting = (0..groups.len()).filter(|&g| organization(&groups[g], forms));
            fitting.next().filter(|_| fitting.next().is_none())
        };
        // An organization by the word that heads its name and marks it one ("the Union"
        // of "National Union of Rail Workers", "the Bank" of "Bank of England", "the
        // Commission" of "European Commission"; not "Parliament" of "Act of Parliament"):
        // the word before its first "of", else its last.
        let headed = |long: &[String], short: &[String]| match short {
            [word] if long.len() > 1 => {
                let head = match long.iter().position(|w| w == "of") {
                    Some(of) if of > 0 => of - 1,
                    _ => long.len() - 1,
                };
                &long[head] == word && crate::gazetteer::is_organization_word(&word.to_lowercase())
            }
            _ => false,
        };
        if let Some(g) = only(&placed).or_else(|| only(&headed)) {
            return Some(g);
        }
    }
    if mention.kind != EntityType::Person
        && !(mention.kind == EntityType::Other
            && groups.iter().any(|g| g.kind == EntityType::Person))
    {
        return None;
    }
    let words = &mention.words;
    let person = |g: &Group| g.kind == EntityType::Person;
    // A person by the name with a middle initial or without ("Michael R. Bloomberg" and
    // "Michael Bloomberg"), when only one person's name fits: "George Bush" is neither of
    // "George W. Bush" and "George H.W. Bush" when both are named.
    if mention.kind == EntityType::Person && words.len() >= 2 {
        // One name with initials, the other without ("George H. W. Bush" is not "George
        // W. Bush").
        let plain = without_middle_initials(words);
        let initialled = plain.len() != words.len();
        let mut fitting = (0..groups.len()).filter(|&g| {
            if !person(&groups[g]) || groups[g].words.len() < 2 {
                return false;
            }
            let theirs = without_middle_initials(&groups[g].words);
            (theirs.len() != groups[g].words.len()) != initialled
                && theirs.len() == plain.len()
                && theirs.iter().zip(&plain).all(|(a, b)| same_word(a, b))
        });
        if let Some(g) = fitting.next().filter(|_| fitting.next().is_none()) {
            return Some(g);
        }
    }
    // A person by part of the name: the surname first ("Bagheri", "Asif" for "Khawaja
    // Asif"), then a first name; the latest such person.
    let ends = |g: &Group| {
        g.words.len() > words.len() && same_words(&g.words[g.words.len() - words.len()..], words)
    };
    let starts =
        |g: &Group| g.words.len() > words.len() && same_words(&g.words[..words.len()], words);
    if let Some(g) = groups.iter().rposition(|g| person(g) && ends(g)) {
        return Some(g);
    }
    if let Some(g) = groups.iter().rposition(|g| person(g) && starts(g)) {
        return Some(g);
    }
    // A name a person is known by inside a longer one: "Lula" in "Luiz Inácio Lula da
    // Silva", when only one person's name holds it.
    let inside = |long: &[String], short: &[String]| match short {
        [word] => (0..long.len()).any(|i| is_inner_name(long, i) && same_word(&long[i], word)),
        _ => false,
    };
    let holding: Vec<usize> = (0..groups.len())
        .filter(|&g| person(&groups[g]) && inside(&groups[g].words, words))
        .collect();
    if let [g] = holding[..] {
        return Some(g);
    }
    // A fuller name of a person first named by the surname alone, or by the name they
    // are known by.
    groups.iter().rposition(|g| {
        person(g)
            && mention.kind == EntityType::Person
            && words.len() > g.words.len()
            && (same_words(&words[words.len() - g.words.len()..], &g.words)
                || inside(words, &g.words))
    })
}

/// A person's name without the initials between its first and last words ("Michael R.
/// Bloomberg", "George H. W. Bush", "George H.W. Bush").
fn without_middle_initials(words: &[String]) -> Vec<&str> {
    let initial = |w: &str| {
        let letters = w.chars().filter(|&c| c != '.');
        (1..=2).contains(&letters.clone().count())
            && letters.into_iter().all(|c| c.is_ascii_uppercase())
    };
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i + 1 == words.len() || !initial(w))
        .map(|(_, w)| w.as_str())
        .collect()
}

/// The words of a company's legal form that end its full name, lowercase ("Group" is not
/// one: "Islamic Group" does not make "Islamic" a name).
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "llc",
    "l.l.c.",
    "ag",
    "sa",
    "s.a.",
    "nv",
    "n.v.",
    "gmbh",
    "holdings",
    // Continental and Asian forms: "Fiat Spa", "Philips NV", "Volvo AB", "Nippon Kokan
    // KK", "Williams Cos".
    "spa",
    "s.p.a.",
    "bv",
    "b.v.",
    "ab",
    "oyj",
    "asa",
    "kk",
    "k.k.",
    "cie",
    "cos",
    "pty",
    "bhd",
    "llp",
    "l.p.",
    "ltda",
];

/// Whether `word`, in any case, is a company's legal form ("Inc", "S.A.", "GmbH").
pub(crate) fn is_legal_form(word: &str) -> bool {
    // The legal forms are ASCII: compared without case, and without a lowered copy.
    LEGAL_FORMS.iter().any(|f| word.eq_ignore_ascii_case(f))
}

/// A company's name without the legal form that ends it ("Chrysler" of "Chrysler LLC",
/// "Goldman Sachs" of "Goldman Sachs & Co."), if it ends with one.
///
/// ```
/// use dateline_entities::link::without_legal_form;
///
/// assert_eq!(without_legal_form(&["Chrysler", "LLC"]), Some(&["Chrysler"][..]));
/// assert_eq!(without_legal_form(&["Goldman", "Sachs", "&", "Co."]), Some(&["Goldman", "Sachs"][..]));
/// assert_eq!(without_legal_form(&["Honda", "Motor", "Co", "Ltd"]), Some(&["Honda", "Motor"][..]));
/// assert_eq!(without_legal_form(&["Islamic", "Group"]), None);
/// ```
pub fn without_legal_form<S: AsRef<str>>(words: &[S]) -> Option<&[S]> {
    let legal_form = |word: &S| is_legal_form(word.as_ref());
    let (last, mut stem) = words.split_last()?;
    if stem.is_empty() || !legal_form(last) {
        return None;
    }
    // A second one before it, after a comma or not ("Honda Motor Co Ltd", "Samsung
    // Electronics Co., Ltd.").
    let before_comma = match stem {
        [rest @ .., comma] if comma.as_ref() == "," => rest,
        _ => stem,
    };
    if let [rest @ .., second] = before_comma
        && !rest.is_empty()
        && legal_form(second)
    {
        stem = rest;
    }
    let stem = match stem.split_last() {
        Some((joint, rest)) if !rest.is_empty() && matches!(joint.as_ref(), "&" | "and") => rest,
        _ => stem,
    };
    Some(stem)
}

/// Words that say what a company makes or does, lowercase: a company whose name is one
/// word and these is also named by that word alone.
const TRADE_WORDS: &[&str] = &[
    "aerospace",
    "airlines",
    "airways",
    "automotive",
    "bank",
    "biosciences",
    "brands",
    "capital",
    "chemicals",
    "communications",
    "computer",
    "computers",
    "electronics",
    "energy",
    "entertainment",
    "foods",
    "industries",
    "insurance",
    "laboratories",
    "labs",
    "logistics",
    "media",
    "mining",
    "motor",
    "motors",
    "networks",
    "petroleum",
    "pharmaceuticals",
    "semiconductor",
    "semiconductors",
    "software",
    "steel",
    "systems",
    "technologies",
    "telecom",
    "therapeutics",
];

/// The word a company is named by alone: the first of its name when the rest, without
/// the legal form, only says what it makes or does ("Lumen" of "Lumen Semiconductor
/// Inc.", "Apple" of "Apple Computer", "Toyota" of "Toyota Motor Corp."; none of "Bank of
/// England" or "Islamic Group").
///
/// ```
/// use dateline_entities::link::trading_name;
/// assert_eq!(trading_name(&["Ford", "Motor", "Co."]), Some("Ford"));
/// assert_eq!(trading_name(&["Cisco", "Systems"]), Some("Cisco"));
/// assert_eq!(trading_name(&["Bank", "of", "England"]), None);
/// assert_eq!(trading_name(&["Semiconductor", "Inc."]), None);
/// ```
pub fn trading_name<S: AsRef<str>>(words: &[S]) -> Option<&str> {
    let stem = without_legal_form(words).unwrap_or(words);
    let (first, trade) = stem.split_first()?;
    let first = first.as_ref();
    let is_trade = |w: &S| {
        TRADE_WORDS
            .iter()
            .any(|t| w.as_ref().eq_ignore_ascii_case(t))
    };
    (!trade.is_empty()
        && first.starts_with(char::is_uppercase)
        && first.chars().count() >= 2
        && !is_trade(&stem[0])
        && trade.iter().all(is_trade))
    .then_some(first)
}

/// Whether word `i` of a person's name of three words or more is one the person may be
/// called by alone: an inner word, capitalized, of three letters or more ("Lula" in "Luiz
/// Inácio Lula da Silva"; not "da").
pub fn is_inner_name<S: AsRef<str>>(name: &[S], i: usize) -> bool {
    let word = name[i].as_ref();
    name.len() >= 3
        && (1..name.len() - 1).contains(&i)
        && word.starts_with(char::is_uppercase)
        && word.chars().count() >= 3
}

/// Mentions of one entity may be tagged with different types ("Boeing" as a person and
/// an organization); places and other things stay apart from people.
fn compatible(a: EntityType, b: EntityType) -> bool {
    a == b
        || matches!(
            (a, b),
            (EntityType::Organization, EntityType::Other)
                | (EntityType::Other, EntityType::Organization)
                | (EntityType::Organization, EntityType::Person)
                | (EntityType::Person, EntityType::Organization)
        )
}

/// Picks the GeoNames place a name means: a country, nation, continent or US state over a
/// town of the same name; then a place in a country the article names, unless another is
/// a hundred times as populous; then the most populous. An alias counts only where it
/// means the place as news would write it (see `alias_means`).
///
/// A state's formal name GeoNames lacks is read as its country (see
/// `geocode_state_form`).
pub fn geocode(
    gazetteer: &Gazetteer,
    names: &[&str],
    countries: &BTreeSet<String>,
) -> Option<usize> {
    best_place(gazetteer, names, countries).or_else(|| {
        names
            .iter()
            .find_map(|name| geocode_state_form(gazetteer, name, countries))
    })
}

/// The place the gazetteer's candidates for `names` most likely mean (see [`geocode`]).
fn best_place(
    gazetteer: &Gazetteer,
    names: &[&str],
    countries: &BTreeSet<String>,
) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for name in names {
        for &candidate in gazetteer.lookup(name) {
            let place = gazetteer.place(candidate as usize);
            let primary = folded(place.name) == folded(name);
            if !primary && !alias_means(name, &place) {
                continue;
            }
            let mut score = ((place.population + 1) as f64).log10();
            score += match place.kind {
                PlaceKind::Continent | PlaceKind::Country | PlaceKind::Nation => 10.0,
                // States carry no population here. A city of the same name is the one
                // meant only when it is big ("Washington"), not a town of 50,000 abroad
                // ("Florida" in Cuba, "Montana" in Bulgaria, "Virginia" in South
                // Africa): as a city of about 300,000.
                PlaceKind::Region => 5.5,
                PlaceKind::City => 0.0,
            };
            // A country the article names weighs as a hundredfold population: Perth,
            // Scotland in a story of Scotland, but Sydney, Australia in a story of the
            // US (10,000-fold sent it to a Sidney of 20,000 people).
            if countries.contains(place.country) {
                score += 2.0;
            }
            // The primary name beats an alias of another place.
            if primary {
                score += 1.0;
            }
            if best.is_none_or(|b| score > b.0) {
                best = Some((score, candidate as usize));
            }
        }
    }
    best.map(|b| b.1)
}

/// A state's formal name that GeoNames lacks ("the People's Republic of China", "the
/// Kingdom of Saudi Arabia"): the name with "the" after its "of" put in or left out
/// ("Democratic Republic of Congo" is GeoNames' "... of the Congo", not the Congo
/// Republic), else the country named after "of".
fn geocode_state_form(
    gazetteer: &Gazetteer,
    name: &str,
    countries: &BTreeSet<String>,
) -> Option<usize> {
    let words: Vec<&str> = name.split(' ').collect();
    let of = words.iter().position(|w| *w == "of")?;
    let form = words[..of].last()?.to_lowercase();
    if !crate::recognize::STATE_FORMS.contains(&form.as_str()) {
        return None;
    }
    let (head, place) = (&words[..of], &words[of + 1..]);
    let place = match place {
        ["the", rest @ ..] => rest,
        rest => rest,
    };
    if place.is_empty() {
        return None;
    }
    let other = if words.get(of + 1) == Some(&"the") {
        format!("{} of {}", head.join(" "), place.join(" "))
    } else {
        format!("{} of the {}", head.join(" "), place.join(" "))
    };
    if let Some(found) = best_place(gazetteer, &[&other], countries) {
        return Some(found);
    }
    let country = place.join(" ");
    best_place(gazetteer, &[&country], countries).filter(|&p| {
        matches!(
            gazetteer.place(p).kind,
            PlaceKind::Country | PlaceKind::Nation
        )
    })
}

/// Whether a name that is only an alias of `place` in GeoNames means it as news writes
/// it. GeoNames lists codes ("ACT" of Waco, "KEN" of Kenya), former and foreign names
/// ("Twickenham" of Huntsville, "White House" of Casablanca): taken at their word they
/// put the Patriot Act in Texas. Kept: a name in capitals (a code written as one), the
/// place's own name spelled otherwise ("Frankfurt", "Zurich", "Seville", "Sao Paulo"),
/// and the other names of countries and of cities of a million people ("Bombay",
/// "Burma"; a city's in one word), unless the name is three letters or fewer or words
/// news writes in lower case. A code of three capitals is a city's airport's ("LAX";
/// "GOP" of Gorakhpur, "MSN" of Madison), which news means for the city only when the
/// city is one of millions (as for its other names) or the code spells its initials
/// ("NYC"): else far more often a party, a bank or a channel.
fn alias_means(name: &str, place: &Place<'_>) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    // A code ("U.K.", "NOLA"); words in capitals are a headline's ("WHITE HOUSE"), read
    // as words.
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !name.contains(' ') {
        return place.kind != PlaceKind::City
            || letters.len() != 3
            || place.population >= 1_000_000
            || is_acronym_of(
                name,
                &place.name.split(' ').map(String::from).collect::<Vec<_>>(),
            );
    }
    let (alias, own) = (folded(name), folded(place.name));
    if words_within(&alias, &own) || words_within(&own, &alias) || close_spelling(&alias, &own) {
        return true;
    }
    // An abbreviation of the name: its first letter and others of it in order ("Fla."
    // of Florida, "Ky." of Kentucky).
    if name.ends_with('.') && abbreviates(&alias, &own) {
        return true;
    }
    if letters.len() <= 3 || alias.split(' ').all(crate::truecase::mostly_lowercase) {
        return false;
    }
    // A city's other name in words of their own is a translation ("White House").
    let city_phrase = place.kind == PlaceKind::City && alias.contains(' ');
    place.kind <= PlaceKind::Region || (place.population >= 1_000_000 && !city_phrase)
}

/// Whether `short` (folded) abbreviates `long` (folded): the same first letter, and its
/// other letters found in `long` in order.
fn abbreviates(short: &str, long: &str) -> bool {
    let mut letters = short.chars().filter(|c| c.is_alphabetic());
    let mut rest = long.chars().filter(|c| c.is_alphabetic());
    match (letters.next(), rest.next()) {
        (Some(a), Some(b)) if a == b => letters.all(|c| rest.any(|r| r == c)),
        _ => false,
    }
}

/// A name as compared with another: lowercase, Latin letters without their accents,
/// words split at spaces, hyphens and slashes, "St" and "Mt" written out.
fn folded(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' => 'g',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ł' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ť' | 'ţ' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            '-' | '/' => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if c.is_alphanumeric() || c == ' ' || c == '\'' {
            out.push(c);
        }
    }
    // "St Andrews" is "Saint Andrews", "Mt Cook" "Mount Cook".
    out.split_whitespace()
        .map(|w| match w.trim_end_matches('.') {
            "st" => "saint",
            "ste" => "sainte",
            "mt" => "mount",
            "ft" => "fort",
            _ => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether the words of `part` stand together in `whole` ("frankfurt" in "frankfurt am
/// main", "san sebastian" in "donostia san sebastian").
fn words_within(part: &str, whole: &str) -> bool {
    let (part, whole): (Vec<&str>, Vec<&str>) =
        (part.split(' ').collect(), whole.split(' ').collect());
    !part.is_empty()
        && part.len() <= whole.len()
        && whole.windows(part.len()).any(|w| w == part.as_slice())
}

/// Whether two names are one spelled otherwise: five letters or more, the same first
/// letter, at most two letters changed, added or dropped ("seville" and "sevilla",
/// "hanover" and "hannover"; not "soul" and "seoul").
fn close_spelling(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a.first() != b.first() || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // Edit distance, row by row.
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (previous[j] + usize::from(ca != cb))
                .min(previous[j + 1] + 1)
                .min(row[j] + 1);
        }
        previous = row;
    }
    previous[b.len()] <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abbreviation_keeps_the_first_letter_and_the_order_of_the_others() {
        for (short, long) in [
            ("fla", "florida"),
            ("ky", "kentucky"),
            ("n.h", "new hampshire"),
        ] {
            assert!(abbreviates(short, long), "{short} of {long}");
        }
        for (short, long) in [("la", "alabama"), ("tex", "tennessee"), ("fal", "florida")] {
            assert!(!abbreviates(short, long), "{short} of {long}");
        }
    }
    #[test]
    fn an_alias_means_its_place_only_as_news_would_write_it() {
        let gazetteer = Gazetteer::shipped();
        let place_of = |name: &str| {
            geocode(gazetteer, &[name], &BTreeSet::new()).map(|p| gazetteer.place(p).name)
        };
        // Codes and former or foreign names read as words are no place.
        for word in [
            "Act",
            "MPs",
            "PCs",
            "Ken",
            "Twickenham",
            "White House",
            "WHITE HOUSE",
            "GOP",
            "MSN",
        ] {
            assert_eq!(place_of(word), None, "{word}");
        }
        // A place of that name, not the city it was once another name of (Atlanta).
        assert_eq!(place_of("Whitehall"), Some("Whitehall"));
        // Spelled otherwise, written in capitals, or another name of a country or a city
        // of millions.
        for (alias, place) in [
            ("Frankfurt", "Frankfurt am Main"),
            ("Seville", "Sevilla"),
            ("Zurich", "Zürich"),
            ("Bombay", "Mumbai"),
            ("Burma", "Myanmar"),
            ("Britain", "United Kingdom"),
            ("LAX", "Los Angeles"),
        ] {
            assert_eq!(place_of(alias), Some(place), "{alias}");
        }
        assert!(close_spelling("hanover", "hannover") && !close_spelling("soul", "seoul"));
        let country_of = |name: &str, named: &str| {
            let countries = BTreeSet::from([named.to_string()]);
            geocode(gazetteer, &[name], &countries).map(|p| gazetteer.place(p).country)
        };
        assert_eq!(country_of("Sydney", "US"), Some("AU"));
        assert_eq!(country_of("Perth", "GB"), Some("GB"));
        assert_eq!(country_of("Birmingham", "US"), Some("US"));
        // A state over a town abroad of its name; the capital over the state.
        for state in [
            "Florida", "Montana", "Virginia", "Colorado", "Arizona", "Delaware",
        ] {
            let place = geocode(gazetteer, &[state], &BTreeSet::new()).map(|p| gazetteer.place(p));
            assert!(
                place.is_some_and(|p| p.kind == PlaceKind::Region && p.country == "US"),
                "{state}"
            );
        }
        let washington = geocode(gazetteer, &["Washington"], &BTreeSet::new());
        assert_eq!(
            washington.map(|p| gazetteer.place(p).kind),
            Some(PlaceKind::City)
        );
        assert_eq!(folded("Donostia / San Sebastián"), "donostia san sebastian");
        assert_eq!(folded("St. Étienne"), folded("Saint-Etienne"));
    }

    #[test]
    fn a_states_formal_name_is_its_country() {
        let gazetteer = Gazetteer::shipped();
        let country_of = |name: &str| {
            geocode(gazetteer, &[name], &BTreeSet::new()).map(|p| gazetteer.place(p).country)
        };
        assert_eq!(country_of("People's Republic of China"), Some("CN"));
        assert_eq!(country_of("Kingdom of Saudi Arabia"), Some("SA"));
        // "the" put in: the Democratic Republic, not the Congo Republic.
        assert_eq!(country_of("Democratic Republic of Congo"), Some("CD"));
        assert_eq!(country_of("Republic of Congo"), Some("CG"));
        // Only a country after "of", and only after a state's form.
        assert_eq!(country_of("Republic of Springfield"), None);
        assert_eq!(country_of("Bank of England"), None);
    }

    #[test]
    fn a_name_is_written_as_news_writes_it() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            name_of(&words("United Nations Children 's Fund")),
            "United Nations Children's Fund"
        );
        assert_eq!(name_of(&words("Xi ’s Office")), "Xi’s Office");
        assert_eq!(name_of(&words("Asim Munir")), "Asim Munir");
        assert_eq!(name_of(&[]), "");
    }

    #[test]
    fn an_acronym_may_keep_the_initials_among_letters_of_its_own() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let unicef = words("United Nations Children 's Fund");
        assert_eq!(
            acronym_after(&unicef, " (UNICEF) said").as_deref(),
            Some("UNICEF")
        );
        assert_eq!(
            acronym_after(&words("African National Congress"), " (ANC)").as_deref(),
            Some("ANC")
        );
        // The initials in another order: the name's acronym in its own language.
        assert_eq!(
            acronym_after(&words("Central Bank of Brazil"), " (BCB)").as_deref(),
            Some("BCB")
        );
        assert_eq!(
            acronym_after(&words("Civil Protection Department"), " (DPC)").as_deref(),
            Some("DPC")
        );
        // Other letters, or the same letters a different number of times: not its acronym.
        assert_eq!(acronym_after(&words("National Union"), " (AP)"), None);
        // The initials of the last words, after an owner or a place the acronym leaves
        // out; not of two words alone at the end of a longer name.
        assert_eq!(
            acronym_after(&words("US Food and Drug Administration"), " (FDA)").as_deref(),
            Some("FDA")
        );
        assert_eq!(
            acronym_after(
                &words("Bank of England 's Monetary Policy Committee"),
                " (MPC)"
            )
            .as_deref(),
            Some("MPC")
        );
        assert_eq!(
            acronym_after(&words("Royal Bank of Scotland"), " (BS)"),
            None
        );
        // An acronym written as a word spells the initials in order, or is no acronym.
        assert_eq!(
            acronym_after(&words("North Atlantic Treaty Organisation"), " (Nato)").as_deref(),
            Some("Nato")
        );
        assert_eq!(
            acronym_after(&words("World Anti-Doping Agency"), " (Wada)").as_deref(),
            Some("Wada")
        );
        assert_eq!(
            acronym_after(&words("Scottish Rugby Union"), " (Scotland)"),
            None
        );
        assert_eq!(
            acronym_after(&words("Trade Union Congress"), " (Ctu)"),
            None
        );
        assert_eq!(acronym_after(&words("Congress"), " (CNN)"), None);
        assert_eq!(acronym_after(&words("Civil Protection"), " (PCC)"), None);
        assert_eq!(acronym_after(&words("Bank of Canada"), " (CBC)"), None);
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    /// The title's text and length, as most cases read it.
    fn title_before(before: &[&str]) -> Option<(String, usize)> {
        read_title(before).map(|title| (title.text, title.words))
    }

    /// The words and the title words after them of an office named after "of the".
    fn office_named_in_title(before: &[&str]) -> Option<(usize, usize)> {
        read_title(before)
            .and_then(|title| title.office)
            .filter(|office| office.after_the)
            .map(|office| (office.words, office.after))
    }

    #[test]
    fn titles_and_roles_around_names() {
        assert_eq!(
            title_before(&["on", "Maj.", "Gen."]),
            Some(("Maj. Gen.".into(), 2))
        );
        assert_eq!(
            title_before(&["with", "Pakistan's", "President"]),
            Some(("President".into(), 1))
        );
        assert_eq!(
            title_before(&["Defense", "Minister"]),
            Some(("Defense Minister".into(), 2))
        );
        assert_eq!(
            title_before(&["and", "Army", "Chief"]),
            Some(("Army Chief".into(), 2))
        );
        assert_eq!(title_before(&["met", "the"]), None);
        // Portfolios, joined ones, and "Affairs" with the word that names them.
        assert_eq!(
            title_before(&["and", "Trade", "and", "Industry", "Secretary"]),
            Some(("Trade and Industry Secretary".into(), 4))
        );
        assert_eq!(
            title_before(&["Culture", ",", "Media", "and", "Sport", "Secretary"]),
            Some(("Culture, Media and Sport Secretary".into(), 6))
        );
        assert_eq!(
            title_before(&["met", "External", "Affairs", "Minister"]),
            Some(("External Affairs Minister".into(), 3))
        );
        assert_eq!(
            title_before(&["met", "Affairs", "Minister"]),
            Some(("Minister".into(), 1))
        );
        assert_eq!(
            title_before(&["the", "economy", ",", "Health", "Secretary"]),
            Some(("Health Secretary".into(), 2))
        );
        // A title set off before an honorific is not one with it.
        assert_eq!(
            title_before(&["the", "Cabinet", "Secretary", ",", "Lord"]),
            Some(("Lord".into(), 1))
        );
        assert_eq!(
            title_before(&["Chief", "Justice", "and", "Lord"]),
            Some(("Lord".into(), 1))
        );
        // Before a member of a parliament a capitalized word is the party's.
        assert_eq!(
            title_before(&["said", "Labour", "MP"]),
            Some(("MP".into(), 1))
        );
        assert_eq!(
            title_before(&["said", "Former", "MP"]),
            Some(("Former MP".into(), 2))
        );
        // Offices the tagger's lexicon leaves out are titles here all the same.
        assert_eq!(
            title_before(&["Jefferson", "Parish", "Sheriff"]),
            Some(("Sheriff".into(), 1))
        );
        assert_eq!(
            title_before(&["and", "Fire", "Chief"]),
            Some(("Fire Chief".into(), 2))
        );
        assert_eq!(
            title_before(&["City", "Councilman"]),
            Some(("Councilman".into(), 1))
        );
        assert_eq!(
            title_before(&["Federal", "Reserve", "Chair"]),
            Some(("Chair".into(), 1))
        );
        assert_eq!(
            title_before(&["DNC", "Vice", "Chair"]),
            Some(("Vice Chair".into(), 2))
        );
        assert_eq!(
            title_before(&["said", "Quarterback"]),
            Some(("Quarterback".into(), 1))
        );
        assert_eq!(
            title_before(&["with", "Secretary", "of", "State"]),
            Some(("Secretary of State".into(), 3))
        );
        assert_eq!(
            title_before(&["said", "Deputy", "Minister", "of", "Foreign", "Affairs"]),
            Some(("Deputy Minister of Foreign Affairs".into(), 5))
        );
        assert_eq!(
            title_before(&["Tanzania's", "Minister", "of", "Finance"]),
            Some(("Minister of Finance".into(), 3))
        );
        assert_eq!(
            title_before(&["said", "Minister", "of", "State", "for", "Security"]),
            Some(("Minister of State for Security".into(), 5))
        );
        // An office after "of the" is a name of its own, which the title holds.
        let before = ["and", "Deputy", "Governor", "of", "the", "Central", "Bank"];
        assert_eq!(
            title_before(&before),
            Some(("Deputy Governor of the Central Bank".into(), 6))
        );
        assert_eq!(office_named_in_title(&before), Some((2, 0)));
        let before = ["by", "Speaker", "of", "the", "House", "Rep."];
        assert_eq!(
            title_before(&before),
            Some(("Speaker of the House Rep.".into(), 5))
        );
        assert_eq!(office_named_in_title(&before), Some((1, 1)));
        assert_eq!(office_named_in_title(&["Secretary", "of", "State"]), None);
        // After "of" alone, the office is told apart: only a place in it is a name.
        assert_eq!(
            read_title(&["said", "Governor", "of", "California"]).and_then(|t| t.office),
            Some(Office {
                words: 1,
                after: 0,
                after_the: false
            })
        );
        assert_eq!(
            read_title(&["said", "Minister", "of", "Finance"]).and_then(|t| t.office),
            None,
            "an office read as a title word is the title's"
        );
        assert_eq!(title_before(&["met", "the", "Central", "Bank"]), None);
        assert_eq!(title_before(&["of", "the", "Central", "Bank"]), None);
        assert_eq!(
            title_before(&["Chief", "of", "Defense", "Forces", "Field", "Marshal"]),
            Some(("Chief of Defense Forces Field Marshal".into(), 6))
        );
        // An office needs a title before its "of": a place of origin is none.
        assert_eq!(title_before(&["the", "people", "of", "Kenya"]), None);
        assert_eq!(
            title_before(&["the", "Bank", "of", "England", "Governor"]),
            Some(("Governor".into(), 1))
        );
        assert_eq!(
            appositive_after(", chief of general staff of Iranian armed forces, on Monday"),
            Some("chief of general staff of Iranian armed forces".into())
        );
        // The periods of initials are inside the phrase; a sentence's end closes it.
        assert_eq!(
            appositive_after(", a spokesman for the U.S. Army, said"),
            Some("spokesman for the U.S. Army".into())
        );
        assert_eq!(
            appositive_after(", a spokesman for the army. He said"),
            Some("spokesman for the army".into())
        );
        assert_eq!(
            appositive_after(", a member of Group B. He said"),
            Some("member of Group B".into())
        );
        assert_eq!(
            appositive_after(", Pakistan’s army chief (right), in Rawalpindi"),
            Some("Pakistan’s army chief".into())
        );
        assert_eq!(
            appositive_after(", the Speaker of the House, said"),
            Some("Speaker of the House".into())
        );
        assert_eq!(appositive_after(", who arrived on Sunday"), None);
        assert_eq!(
            appositive_after(", who’s the sister of party chair Ann Lee,"),
            None
        );
        // The next name's role, in a list; not the role's object.
        assert_eq!(
            appositive_after(", committee member Maxine McClean, and"),
            None
        );
        assert_eq!(
            appositive_after(", spokesman for trade commissioner Peter Mandelson, said").as_deref(),
            Some("spokesman for trade commissioner Peter Mandelson")
        );
        assert_eq!(appositive_after(", Iran and China"), None);
        // The closing comma left out, or a relative clause after the role.
        assert_eq!(
            appositive_after(", economist at Global Insight said the rates would rise."),
            Some("economist at Global Insight".into())
        );
        assert_eq!(
            appositive_after(", a senior KGB officer who became an agent, fled"),
            Some("senior KGB officer".into())
        );
        // Since when or for how long is no part of the role; whom it serves is.
        for (after, role) in [
            (
                ", manager of Chelsea since June, said",
                "manager of Chelsea",
            ),
            (
                ", head of Universal Music until last year,",
                "head of Universal Music",
            ),
            (
                ", vice president under Barack Obama for eight years,",
                "vice president under Barack Obama",
            ),
            (", chairman for more than a decade,", "chairman"),
            (
                ", attorney for one of four groups,",
                "attorney for one of four groups",
            ),
            (
                ", minister for foreign affairs,",
                "minister for foreign affairs",
            ),
        ] {
            assert_eq!(appositive_after(after).as_deref(), Some(role), "{after}");
        }
        // A verb after a subject or an auxiliary is no part of the role.
        for before in [
            &["Keegan", "has", "praised", "striker"][..],
            &["they", "eye", "striker"][..],
            &["It", "quoted", "striker"][..],
        ] {
            assert_eq!(
                role_before(before).as_deref(),
                Some("striker"),
                "{before:?}"
            );
        }
        assert_eq!(
            role_before(&["said", "chief", "executive"]).as_deref(),
            Some("chief executive")
        );
        assert_eq!(
            role_before(&["said", "military", "spokesperson"]),
            Some("military spokesperson".into())
        );
        assert_eq!(
            role_before(&["met", "Pakistan", "'s", "army", "chief"]).as_deref(),
            Some("Pakistan's army chief")
        );
        assert_eq!(
            role_before(&["said", "the", "Interior", "Ministry", "’s", "spokesman"]).as_deref(),
            Some("Interior Ministry’s spokesman")
        );
        assert_eq!(
            role_before(&[
                "The",
                "Federal",
                "Reserve",
                "Bank",
                "of",
                "New",
                "York",
                "'s",
                "president"
            ])
            .as_deref(),
            Some("Federal Reserve Bank of New York's president")
        );
        assert_eq!(
            title_before(&["and", "UN", "Secretary-General"]),
            Some(("Secretary-General".into(), 1))
        );
        assert_eq!(
            title_before(&["the", "Commander-in-Chief"]),
            Some(("Commander-in-Chief".into(), 1))
        );
        assert_eq!(title_before(&["a", "Well-Known"]), None);
        // A possessive with no name before it is left out.
        assert_eq!(
            role_before(&["said", "his", "'s", "spokesman"]).as_deref(),
            Some("spokesman")
        );
    }

    #[test]
    fn an_acronym_in_its_own_language_follows_a_name_of_two_words_or_more() {
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let bank = words("West African Development Bank");
        assert_eq!(
            foreign_acronym_after(&bank, " (BOAD) said").as_deref(),
            Some("BOAD")
        );
        // An agency's credit after a one-word name, two letters, a word, a ticker with
        // its exchange: none.
        assert_eq!(foreign_acronym_after(&words("Hamas"), " (AFP)"), None);
        assert_eq!(foreign_acronym_after(&bank, " (AP)"), None);
        assert_eq!(foreign_acronym_after(&bank, " (Abidjan)"), None);
        assert_eq!(foreign_acronym_after(&bank, " (NYSE: BOA)"), None);
        assert_eq!(foreign_acronym_after(&bank, " said"), None);
    }

    #[test]
    fn acronyms_spell_initials() {
        assert!(is_acronym_of(
            "ISPR",
            &words("Inter-Services Public Relations")
        ));
        assert!(is_acronym_of("PID", &words("Press Information Department")));
        assert!(is_acronym_of(
            "HCSO",
            &words("Harris County Sheriff 's Office")
        ));
        assert!(is_acronym_of("PTI", &words("Pakistan Tehreek-e-Insaf")));
        assert!(is_acronym_of(
            "UNHCR",
            &words("United Nations High Commissioner for Refugees")
        ));
        assert!(!is_acronym_of("IMF", &words("World Bank")));
        assert!(is_acronym_of("BoE", &words("Bank of England")));
        assert!(is_acronym_of("AfDB", &words("African Development Bank")));
        assert!(is_acronym_of(
            "FinCEN",
            &words("Financial Crimes Enforcement Network")
        ));
        // A continuation is the word's own next letters, and lower case only.
        assert!(!is_acronym_of("AxDB", &words("African Development Bank")));
        assert!(!is_acronym_of("AFDB", &words("African Development Bank")));
        assert_eq!(
            acronym_after(&words("Inter-Services Public Relations"), " (ISPR), the"),
            Some("ISPR".into())
        );
    }

    fn organization(name: &str) -> Found {
        Found {
            kind: EntityType::Organization,
            ..person(name)
        }
    }

    /// Each entity's name and the mentions grouped into it.
    fn names_and_mentions(groups: &[Group]) -> Vec<(&str, &[usize])> {
        groups
            .iter()
            .map(|g| (g.name.as_str(), g.mentions.as_slice()))
            .collect()
    }

    fn person(words_: &str) -> Found {
        Found {
            field: 0,
            start: 0,
            end: 0,
            kind: EntityType::Person,
            words: words(words_),
            title: None,
            roles: Vec::new(),
            acronym: None,
        }
    }

    #[test]
    fn people_are_grouped_by_surname_first() {
        let found = [
            person("Asif Ali Zardari"),
            person("Khawaja Asif"),
            person("Zardari"),
            person("Asif"),
            person("Imran Khan"),
            person("Khan"),
        ];
        let groups = group(&found, &|_| false);
        let names = names_and_mentions(&groups);
        assert_eq!(
            names,
            [
                ("Asif Ali Zardari", &[0, 2][..]),
                ("Khawaja Asif", &[1, 3][..]),
                ("Imran Khan", &[4, 5][..])
            ]
        );
    }

    #[test]
    fn a_surname_alone_joins_the_one_person_it_ends() {
        let found = [
            // A headline in capitals, then the body.
            person("HELLER"),
            person("Robert Heller"),
            person("Heller"),
            person("Ted Cruz"),
            // Typed an organization by the tagger, and each later mention by name.
            organization("Cruz"),
            person("Cruz"),
            // Two people of one surname: the surname alone before them is neither's.
            organization("PODESTA"),
            person("Tony Podesta"),
            person("John Podesta"),
        ];
        let groups = group(&found, &|_| false);
        let names = names_and_mentions(&groups);
        assert_eq!(
            names,
            [
                ("Robert Heller", &[0, 1, 2][..]),
                ("Ted Cruz", &[3, 4, 5][..]),
                ("PODESTA", &[6][..]),
                ("Tony Podesta", &[7][..]),
                ("John Podesta", &[8][..])
            ]
        );
        assert_eq!(groups[0].kind, EntityType::Person);
        assert!(groups[0].aliases.contains("HELLER"));
    }

    #[test]
    fn a_surname_typed_an_organization_stays_one_beside_its_company_or_a_place() {
        let found = [
            person("Bill Ford"),
            organization("Ford Motor Co"),
            organization("Ford"),
            person("Jesse Jackson"),
            organization("Jackson"),
            person("Muslim Americans"),
            organization("Americans"),
            organization("QC"),
            person("Philippe Sands QC"),
        ];
        let groups = group(&found, &|name| name == "Jackson");
        let names = names_and_mentions(&groups);
        assert_eq!(
            names,
            [
                ("Bill Ford", &[0][..]),
                ("Ford Motor Co", &[1, 2][..]),
                ("Jesse Jackson", &[3][..]),
                ("Jackson", &[4][..]),
                ("Muslim Americans", &[5][..]),
                ("Americans", &[6][..]),
                ("QC", &[7][..]),
                ("Philippe Sands QC", &[8][..])
            ]
        );
    }

    #[test]
    fn a_company_in_a_headline_in_capitals_is_the_one_the_body_names() {
        let found = [organization("BIOGEN"), organization("Biogen Inc")];
        let groups = group(&found, &|_| false);
        assert_eq!(names_and_mentions(&groups), [("Biogen Inc", &[0, 1][..])]);
    }

    #[test]
    fn the_name_that_defines_an_acronym_gives_the_entity_its_type() {
        let defined = Found {
            kind: EntityType::Organization,
            acronym: Some("BoE".into()),
            ..person("Bank of England")
        };
        // The tagger made the acronym alone a person twice ("BoE governor Mervyn King").
        let groups = group(&[defined, person("BoE"), person("BoE")], &|_| false);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].mentions, [0, 1, 2]);
        assert_eq!(groups[0].kind, EntityType::Organization);
    }

    #[test]
    fn a_company_is_grouped_with_and_without_its_legal_form() {
        let found = [
            organization("Lumen Semiconductor"),
            organization("Lumen Semiconductor Inc."),
            organization("Goldman Sachs & Co."),
            organization("Goldman Sachs"),
            organization("Islamic Group"),
            organization("Islamic"),
        ];
        let groups = group(&found, &|_| false);
        let names = names_and_mentions(&groups);
        assert_eq!(
            names,
            [
                ("Lumen Semiconductor Inc.", &[0, 1][..]),
                ("Goldman Sachs & Co.", &[2, 3][..]),
                ("Islamic Group", &[4][..]),
                ("Islamic", &[5][..])
            ]
        );
    }

    #[test]
    fn a_company_is_grouped_with_the_word_it_trades_under() {
        let found = [
            organization("Toyota"),
            organization("Lumen Semiconductor Inc."),
            organization("Toyota Motor Corp."),
            organization("Lumen"),
            organization("Bank of England"),
            organization("Bank"),
            organization("Japan Airlines"),
            organization("Japan"),
        ];
        let groups = group(&found, &|name| name == "Japan");
        let names = names_and_mentions(&groups);
        assert_eq!(
            names,
            [
                ("Toyota Motor Corp.", &[0, 2][..]),
                ("Lumen Semiconductor Inc.", &[1, 3][..]),
                // Not a company's word, but the word that heads its name.
                ("Bank of England", &[4, 5][..]),
                ("Japan Airlines", &[6][..]),
                ("Japan", &[7][..])
            ]
        );
    }

    #[test]
    fn an_organization_is_grouped_with_the_word_that_heads_its_name() {
        let found = [
            organization("National Union of Rail Workers"),
            organization("Union"),
            organization("Act of Parliament"),
            organization("Parliament"),
            organization("Bank of England"),
            organization("Reserve Bank of Australia"),
            // Two banks: the Bank is neither.
            organization("Bank"),
        ];
        let groups = group(&found, &|_| false);
        let names = names_and_mentions(&groups);
        assert_eq!(
            names,
            [
                ("National Union of Rail Workers", &[0, 1][..]),
                ("Act of Parliament", &[2][..]),
                ("Parliament", &[3][..]),
                ("Bank of England", &[4][..]),
                ("Reserve Bank of Australia", &[5][..]),
                ("Bank", &[6][..])
            ]
        );
    }

    #[test]
    fn an_organization_is_grouped_with_its_name_without_the_place_that_opens_it() {
        let places = |name: &str| matches!(name, "Pakistan" | "Kenya" | "Tanzania");
        let found = [
            organization("Tehreek-e-Insaf"),
            organization("Pakistan Tehreek-e-Insaf"),
            organization("Kenya Ports Authority"),
            organization("Tanzania Ports Authority"),
            // Two organizations fit: neither is meant.
            organization("Ports Authority"),
        ];
        let groups = group(&found, &places);
        let names = names_and_mentions(&groups);
        assert_eq!(
            names,
            [
                ("Pakistan Tehreek-e-Insaf", &[0, 1][..]),
                ("Kenya Ports Authority", &[2][..]),
                ("Tanzania Ports Authority", &[3][..]),
                ("Ports Authority", &[4][..])
            ]
        );
    }
}
