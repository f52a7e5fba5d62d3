//! The PLOVER event types of predicates, written from the PLOVER manual's category
//! definitions and its CAMEO-to-PLOVER table: for each category, the verbs and event
//! nouns that news uses to report it.

/// Verbs by PLOVER category (lemmas; a particle or the preposition of the first oblique
/// after a space: "call for", "fire at"; light verbs with event nouns, "held talks", are
/// read from the noun).
const VERBS: &[(&str, &[&str])] = &[
    (
        "agree",
        &[
            "agree",
            "sign",
            "ratify",
            "accept",
            "settle",
            "reconcile",
            "pledge",
            "promise",
            "commit",
            "consent",
            "approve",
            "endorse",
            "conclude",
            "finalize",
            "broker",
        ],
    ),
    (
        "consult",
        &[
            "meet",
            "visit",
            "host",
            "discuss",
            "talk",
            "negotiate",
            "consult",
            "confer",
            "receive",
            "mediate",
            "phone",
            "telephone",
            "call on",
            "speak with",
            "travel",
            "tour",
            "brief",
            "sit down",
            "convene",
            "summon",
        ],
    ),
    (
        "support",
        &[
            "praise",
            "welcome",
            "support",
            "back",
            "defend",
            "commend",
            "thank",
            "congratulate",
            "hail",
            "applaud",
            "laud",
            "endorse",
            "recognize",
            "champion",
            "vouch",
            "salute",
            "reaffirm",
        ],
    ),
    (
        "concede",
        &[
            "concede",
            "release",
            "ease",
            "lift",
            "yield",
            "surrender",
            "compromise",
            "apologize",
            "pardon",
            "free",
            "relent",
            "relax",
            "loosen",
            "drop",
            "waive",
            "admit",
        ],
    ),
    (
        "cooperate",
        &[
            "cooperate",
            "collaborate",
            "partner",
            "ally",
            "coordinate",
            "share",
            "extradite",
            "team",
            "join",
            "unite",
            "integrate",
            "exchange",
            "normalize",
        ],
    ),
    (
        "aid",
        &[
            "aid",
            "help",
            "assist",
            "donate",
            "provide",
            "supply",
            "fund",
            "finance",
            "grant",
            "rescue",
            "shelter",
            "feed",
            "deliver",
            "lend",
            "contribute",
            "sponsor",
            "train",
        ],
    ),
    (
        "retreat",
        &[
            "withdraw",
            "retreat",
            "pull out",
            "pull back",
            "evacuate",
            "demobilize",
            "disarm",
            "disband",
            "abandon",
            "vacate",
            "leave",
        ],
    ),
    (
        "request",
        &[
            "urge", "ask", "request", "call for", "demand", "appeal", "seek", "press", "plead",
            "invite", "petition", "lobby", "implore", "beg", "require", "insist",
        ],
    ),
    (
        "accuse",
        &[
            "accuse",
            "blame",
            "criticize",
            "criticise",
            "condemn",
            "denounce",
            "charge",
            "allege",
            "investigate",
            "probe",
            "sue",
            "disapprove",
            "slam",
            "rebuke",
            "deplore",
            "censure",
            "fault",
            "lambaste",
            "decry",
            "indict",
            "question",
            "complain",
            "object",
            "castigate",
            "chastise",
            "scold",
            "berate",
            "reproach",
            "impeach",
        ],
    ),
    (
        "reject",
        &[
            "reject",
            "refuse",
            "deny",
            "decline",
            "oppose",
            "veto",
            "dismiss",
            "resist",
            "defy",
            "rebuff",
            "repudiate",
            "renounce",
            "spurn",
            "snub",
            "disregard",
            "ignore",
            "dispute",
        ],
    ),
    (
        "threaten",
        &["threaten", "warn", "menace", "intimidate", "vow", "caution"],
    ),
    (
        "protest",
        &[
            "protest",
            "demonstrate",
            "rally",
            "march",
            "picket",
            "riot",
            "boycott",
            "strike",
        ],
    ),
    (
        "sanction",
        &[
            "sanction",
            "embargo",
            "expel",
            "ban",
            "suspend",
            "sever",
            "blacklist",
            "penalize",
            "fine",
            "recall",
            "cut off",
            "break off",
            "freeze",
            "restrict",
            "bar",
            "exclude",
            "downgrade",
            "halt",
        ],
    ),
    (
        "mobilize",
        &[
            "mobilize",
            "mobilise",
            "deploy",
            "station",
            "amass",
            "reinforce",
            "patrol",
            "alert",
            "muster",
            "dispatch",
            "position",
        ],
    ),
    (
        "coerce",
        &[
            "arrest",
            "detain",
            "seize",
            "impose",
            "raid",
            "jail",
            "imprison",
            "deport",
            "confiscate",
            "kidnap",
            "abduct",
            "censor",
            "crack down",
            "sentence",
            "convict",
            "prosecute",
            "torture",
            "expropriate",
            "nationalize",
            "block",
            "blockade",
            "evict",
            "apprehend",
            "capture",
            "round up",
            "execute",
            "hang",
        ],
    ),
    (
        "assault",
        &[
            "attack",
            "kill",
            "bomb",
            "shell",
            "shoot",
            "assault",
            "fight",
            "clash",
            "invade",
            "ambush",
            "assassinate",
            "wound",
            "injure",
            "massacre",
            "murder",
            "behead",
            "stab",
            "fire on",
            "fire at",
            "destroy",
            "storm",
            "strike",
            "hit",
            "beat",
            "target",
            "slay",
            "bombard",
            "torch",
            "burn",
            "loot",
            "rape",
            "maim",
            "gun down",
            "blow up",
            "shoot down",
        ],
    ),
];

/// Event nouns by PLOVER category.
const NOUNS: &[(&str, &[&str])] = &[
    (
        "agree",
        &[
            "agreement",
            "deal",
            "accord",
            "treaty",
            "ceasefire",
            "truce",
            "pact",
            "settlement",
            "memorandum",
        ],
    ),
    (
        "consult",
        &[
            "talk",
            "meeting",
            "visit",
            "summit",
            "negotiation",
            "consultation",
            "conference",
            "discussion",
            "dialogue",
            "call",
            "trip",
            "tour",
        ],
    ),
    ("support", &["support", "praise", "endorsement", "backing"]),
    ("concede", &["concession", "release", "pardon", "amnesty"]),
    (
        "cooperate",
        &[
            "cooperation",
            "collaboration",
            "partnership",
            "alliance",
            "exercise",
        ],
    ),
    (
        "aid",
        &[
            "aid",
            "assistance",
            "help",
            "donation",
            "relief",
            "loan",
            "grant",
            "rescue",
        ],
    ),
    (
        "retreat",
        &["withdrawal", "retreat", "evacuation", "pullout"],
    ),
    (
        "request",
        &[
            "request",
            "appeal",
            "demand",
            "plea",
            "invitation",
            "petition",
        ],
    ),
    (
        "accuse",
        &[
            "accusation",
            "allegation",
            "criticism",
            "condemnation",
            "charge",
            "investigation",
            "probe",
            "inquiry",
            "lawsuit",
            "complaint",
            "blame",
        ],
    ),
    (
        "reject",
        &["rejection", "refusal", "denial", "veto", "opposition"],
    ),
    ("threaten", &["threat", "warning", "ultimatum"]),
    (
        "protest",
        &[
            "protest",
            "demonstration",
            "rally",
            "march",
            "strike",
            "boycott",
            "riot",
            "sit-in",
        ],
    ),
    (
        "sanction",
        &[
            "sanction",
            "embargo",
            "ban",
            "expulsion",
            "suspension",
            "boycott",
        ],
    ),
    (
        "mobilize",
        &[
            "deployment",
            "mobilization",
            "buildup",
            "build-up",
            "patrol",
        ],
    ),
    (
        "coerce",
        &[
            "arrest",
            "detention",
            "crackdown",
            "raid",
            "seizure",
            "deportation",
            "curfew",
            "sentence",
            "kidnapping",
            "abduction",
            "blockade",
            "execution",
        ],
    ),
    (
        "assault",
        &[
            "attack",
            "strike",
            "airstrike",
            "bombing",
            "shelling",
            "shooting",
            "clash",
            "fighting",
            "invasion",
            "ambush",
            "assassination",
            "massacre",
            "killing",
            "murder",
            "offensive",
            "assault",
            "war",
            "battle",
            "raid",
            "explosion",
            "blast",
            "incursion",
            "onslaught",
            "hostilities",
        ],
    ),
];

/// Verbs that lend their subject to an event noun as its object ("held talks", "launched
/// an attack"): the noun is the event, the verb only carries it.
pub const LIGHT_VERBS: &[&str] = &[
    "hold", "have", "conduct", "launch", "carry", "make", "stage", "begin", "resume", "start",
    "continue", "mount", "open", "give", "issue", "sign", "reach", "strike", "lodge", "file",
    "announce", "organize", "organise", "host", "pay", "impose", "lead", "join", "take",
];

/// Verbs of saying: an event in their complement is someone's report.
pub const SPEECH: &[&str] = &[
    "say",
    "tell",
    "claim",
    "report",
    "allege",
    "state",
    "add",
    "announce",
    "insist",
    "assert",
    "confirm",
    "declare",
    "explain",
    "note",
    "write",
    "tweet",
    "argue",
    "maintain",
    "suggest",
    "believe",
    "think",
    "accuse",
    "quote",
    "testify",
    "warn",
    "reveal",
    "acknowledge",
];

/// Verbs whose complement is planned ("plans to visit", "is expected to sign").
pub const PLANNING: &[&str] = &[
    "plan", "intend", "expect", "schedule", "set", "prepare", "aim", "want", "seek", "propose",
    "consider", "hope", "decide", "agree", "promise", "pledge", "vow", "threaten", "go", "due",
];

fn find(table: &[(&'static str, &[&str])], key: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(_, words)| words.contains(&key))
        .map(|(kind, _)| *kind)
}

/// The PLOVER type of a verb lemma, with its particle when it has one ("call" + "for").
///
/// ```
/// use dateline_events::lexicon::verb_type;
/// assert_eq!(verb_type("meet", None), Some("consult"));
/// assert_eq!(verb_type("call", Some("for")), Some("request"));
/// assert_eq!(verb_type("warn", None), Some("threaten"));
/// assert_eq!(verb_type("walk", None), None);
/// ```
pub fn verb_type(lemma: &str, particle: Option<&str>) -> Option<&'static str> {
    if let Some(p) = particle
        && let Some(kind) = find(VERBS, &format!("{lemma} {p}"))
    {
        return Some(kind);
    }
    find(VERBS, lemma).or_else(|| {
        // The lemmatizer's guess about a silent e may be off: try the other spelling.
        let other = lemma
            .strip_suffix('e')
            .map(str::to_string)
            .unwrap_or_else(|| format!("{lemma}e"));
        find(VERBS, &other)
    })
}

/// The PLOVER type of an event noun (singular, lowercase), if it is one.
///
/// ```
/// use dateline_events::lexicon::noun_type;
/// assert_eq!(noun_type("talk"), Some("consult"));
/// assert_eq!(noun_type("airstrike"), Some("assault"));
/// assert_eq!(noun_type("table"), None);
/// ```
pub fn noun_type(lemma: &str) -> Option<&'static str> {
    find(NOUNS, lemma)
}
