//! Lemmas of verbs and nouns: irregular forms from a table, the rest by suffix rules
//! guided by the part-of-speech tag.

/// Irregular verb forms of news English: (form, lemma).
const IRREGULAR: &[(&str, &str)] = &[
    ("met", "meet"),
    ("held", "hold"),
    ("said", "say"),
    ("told", "tell"),
    ("made", "make"),
    ("took", "take"),
    ("taken", "take"),
    ("gave", "give"),
    ("given", "give"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("saw", "see"),
    ("seen", "see"),
    ("left", "leave"),
    ("led", "lead"),
    ("fought", "fight"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("sought", "seek"),
    ("thought", "think"),
    ("caught", "catch"),
    ("taught", "teach"),
    ("won", "win"),
    ("lost", "lose"),
    ("sent", "send"),
    ("spent", "spend"),
    ("built", "build"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("shot", "shoot"),
    ("hit", "hit"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("broke", "break"),
    ("broken", "break"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("wrote", "write"),
    ("written", "write"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("began", "begin"),
    ("begun", "begin"),
    ("ran", "run"),
    ("sold", "sell"),
    ("found", "find"),
    ("got", "get"),
    ("gotten", "get"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("fled", "flee"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("upheld", "uphold"),
    ("withheld", "withhold"),
    ("bore", "bear"),
    ("borne", "bear"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("stood", "stand"),
    ("understood", "understand"),
    ("felt", "feel"),
    ("meant", "mean"),
    ("paid", "pay"),
    ("laid", "lay"),
    ("lay", "lie"),
    ("set", "set"),
    ("put", "put"),
    ("cut", "cut"),
    ("let", "let"),
    ("quit", "quit"),
    ("spread", "spread"),
    ("was", "be"),
    ("were", "be"),
    ("is", "be"),
    ("are", "be"),
    ("am", "be"),
    ("been", "be"),
    ("being", "be"),
    ("'s", "be"),
    ("'re", "be"),
    ("'m", "be"),
    ("has", "have"),
    ("had", "have"),
    ("having", "have"),
    ("'ve", "have"),
    ("did", "do"),
    ("does", "do"),
    ("done", "do"),
    ("ate", "eat"),
    ("eaten", "eat"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("rode", "ride"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("bit", "bite"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("slew", "slay"),
    ("slain", "slay"),
    ("sank", "sink"),
    ("sunk", "sink"),
    ("shook", "shake"),
    ("shaken", "shake"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("heard", "hear"),
    ("held", "hold"),
    ("lent", "lend"),
    ("bent", "bend"),
    ("dealt", "deal"),
    ("fed", "feed"),
    ("bled", "bleed"),
    ("sped", "speed"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("rang", "ring"),
    ("sang", "sing"),
    ("swam", "swim"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("became", "become"),
    ("overcame", "overcome"),
    ("mistook", "mistake"),
    ("mistaken", "mistake"),
    ("oversaw", "oversee"),
    ("overseen", "oversee"),
    ("foresaw", "foresee"),
    ("awoke", "awake"),
    ("dug", "dig"),
    ("hung", "hang"),
    ("stuck", "stick"),
    ("struck", "strike"),
    ("swung", "swing"),
    ("wound", "wind"),
    ("sat", "sit"),
    ("slid", "slide"),
    ("spun", "spin"),
    ("fit", "fit"),
    ("bid", "bid"),
    ("cast", "cast"),
    ("forecast", "forecast"),
    ("broadcast", "broadcast"),
    ("hurt", "hurt"),
    ("shut", "shut"),
    ("split", "split"),
    ("upset", "upset"),
    ("misled", "mislead"),
    ("dove", "dive"),
    ("arose", "arise"),
    ("arisen", "arise"),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The lemma of a verb form given its Penn tag ("VBD", "VBZ", ...).
///
/// ```
/// use dateline_events::lemma::verb;
/// assert_eq!(verb("met", "VBD"), "meet");
/// assert_eq!(verb("accused", "VBD"), "accuse");
/// assert_eq!(verb("attacking", "VBG"), "attack");
/// assert_eq!(verb("stopped", "VBD"), "stop");
/// assert_eq!(verb("agrees", "VBZ"), "agree");
/// assert_eq!(verb("agreed", "VBD"), "agree");
/// ```
pub fn verb(form: &str, tag: &str) -> String {
    let lower = form.to_lowercase();
    if let Some((_, lemma)) = IRREGULAR.iter().find(|(f, _)| *f == lower) {
        return (*lemma).to_string();
    }
    let b = lower.as_bytes();
    let n = b.len();
    match tag {
        "VBZ" if n > 3 => {
            if lower.ends_with("ies") {
                return format!("{}y", &lower[..n - 3]);
            }
            if lower.ends_with("sses")
                || lower.ends_with("shes")
                || lower.ends_with("ches")
                || lower.ends_with("xes")
                || lower.ends_with("zes")
                || lower.ends_with("oes")
            {
                return lower[..n - 2].to_string();
            }
            if lower.ends_with('s') && !lower.ends_with("ss") {
                return lower[..n - 1].to_string();
            }
            lower
        }
        "VBD" | "VBN" if n > 3 && lower.ends_with("ed") => stem(&lower[..n - 2], "ed"),
        "VBG" if n > 4 && lower.ends_with("ing") => stem(&lower[..n - 3], "ing"),
        _ => lower,
    }
}

/// Restores a stem after "-ed" or "-ing" was cut ("stopp" -> "stop", "accus" -> "accuse",
/// "carri" -> "carry").
fn stem(stem: &str, cut: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if cut == "ed" && stem.ends_with('i') && n > 1 {
        return format!("{}y", &stem[..n - 1]);
    }
    // Doubled final consonant: "stopp", "committ" (but not "kill", "press", "add").
    // Bytes are compared, so both must be ASCII letters: the last two bytes of one
    // multi-byte character may be equal too.
    if n >= 3
        && b[n - 1] == b[n - 2]
        && b[n - 1].is_ascii_alphabetic()
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f')
        && b[n - 1] != b'd'
    {
        return stem[..n - 1].to_string();
    }
    // "agreed", "freed": the stem lost one of its two e's.
    if stem.ends_with('e') {
        return if cut == "ed" {
            format!("{stem}e")
        } else {
            stem.to_string()
        };
    }
    // A word may end in a character of several bytes ("kiess\u{ad}l"): the last two
    // bytes are compared, never sliced as text.
    let needs_e = (n >= 2
        && matches!(
            std::str::from_utf8(&b[n - 2..]).unwrap_or(""),
            "us" | "iz"
                | "uc"
                | "at"
                | "ag"
                | "ir"
                | "ur"
                | "iv"
                | "ov"
                | "ut"
                | "ar"
                | "ok"
                | "ng"
                | "rg"
                | "dg"
                | "ys"
                | "ns"
                | "rs"
                | "rc"
                | "nc"
                | "bl"
                | "pl"
                | "tl"
                | "ib"
                | "os"
                | "ud"
                | "id"
                | "am"
                | "ap"
                | "yz"
                | "ic"
                | "ul"
                | "av"
                | "ev"
        ))
        && !matches!(
            stem,
            "visit" | "limit" | "exhibit" | "edit" | "credit" | "audit" | "deposit"
        );
    // Consonant-vowel-consonant words like "vot", "hop", "us" take an e: judged by the
    // pairs above, which cover the common verbs of news.
    if needs_e && !stem.ends_with("ing") && !stem.ends_with("ang") && !stem.ends_with("ong") {
        // "attack" + ed never reaches here (ends "ck"); "warn", "sign" end in n.
        if stem.ends_with("at") && (stem.ends_with("eat") || stem.ends_with("oat")) {
            return stem.to_string();
        }
        if stem.ends_with("ar") && (stem.ends_with("ear") || stem.ends_with("ppear")) {
            return stem.to_string();
        }
        if stem.ends_with("ur") && stem.ends_with("our") {
            return stem.to_string();
        }
        if stem.ends_with("id") && (stem.ends_with("aid") || stem.ends_with("oid")) {
            return stem.to_string();
        }
        return format!("{stem}e");
    }
    stem.to_string()
}

/// The singular of a noun given its tag ("talks" stays as the event noun it is).
pub fn noun(form: &str, tag: &str) -> String {
    let lower = form.to_lowercase();
    if tag == "NNS" && lower.len() > 3 {
        if lower.ends_with("ies") {
            return format!("{}y", &lower[..lower.len() - 3]);
        }
        if lower.ends_with("sses") || lower.ends_with("ches") || lower.ends_with("shes") {
            return lower[..lower.len() - 2].to_string();
        }
        if lower.ends_with('s') && !lower.ends_with("ss") {
            return lower[..lower.len() - 1].to_string();
        }
    }
    lower
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Any word, however its last characters are encoded, lemmatizes without a panic: web
    /// text holds soft hyphens, accents and characters whose last two bytes are equal.
    #[test]
    fn words_ending_in_characters_of_several_bytes_are_lemmatized_whole() {
        let middles = [
            "kiess\u{ad}l",
            "caf\u{e9}",
            "\u{1fff}\u{1fff}",
            "stra\u{df}",
            "x\u{ad}",
            "\u{e9}\u{e9}",
            "a\u{1fff}",
        ];
        let endings = ["", "ed", "ing", "s", "es", "ies", "ed\u{ad}"];
        for middle in middles {
            for ending in endings {
                let word = format!("{middle}{ending}");
                for tag in ["VBD", "VBN", "VBG", "VBZ", "VB", "NNS", "NN"] {
                    let verb = verb(&word, tag);
                    let noun = noun(&word, tag);
                    assert!(!verb.is_empty() && !noun.is_empty(), "{word} {tag}");
                }
            }
        }
        assert_eq!(verb("kiess\u{ad}led", "VBD"), "kiess\u{ad}l");
    }
}
