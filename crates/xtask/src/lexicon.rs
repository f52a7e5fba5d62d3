//! `cargo xtask lexicon`: builds the word list of the `tone` enricher.
//!
//! Two sources, merged: the general-purpose sentiment lexicon of VADER (Hutto and Gilbert,
//! 2014; MIT licence; its single words only, valences -4..4 as rated by its annotators) and
//! the news words below, which VADER lacks or rates for chat rather than for news ("troops",
//! "earthquake", "plunged", "ceasefire"): written for Dateline, each a valence on the same
//! scale, rated for what the word usually reports in a news story. A news word replaces
//! VADER's rating of the same word.
//!
//! The VADER file is not in the corpus: `--vader` names `vader_lexicon.txt` from the
//! `vaderSentiment` 3.3.2 wheel on PyPI (`pip download --no-deps vaderSentiment==3.3.2`,
//! then unzip `vaderSentiment/vader_lexicon.txt`); its SHA-256 is checked, so the output
//! regenerates byte for byte. `--check` compares instead of writing.

use std::path::Path;

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::paths;

/// SHA-256 of `vaderSentiment/vader_lexicon.txt` in vaderSentiment 3.3.2.
const VADER_SHA256: &str = "1ec9c6e9ee19aade328f8beb393a6afa71a5bb3acf7d3cc22d4ef568df374bf5";

/// News words and their valences (-4 very negative .. 4 very positive).
const NEWS_WORDS: &[(&str, f32)] = &[
    // Death, violence and war.
    ("deaths", -2.9),
    ("dies", -2.6),
    ("dying", -2.6),
    ("fatal", -2.8),
    ("fatalities", -2.9),
    ("casualties", -2.7),
    ("massacre", -3.8),
    ("massacred", -3.8),
    ("slaughter", -3.6),
    ("genocide", -3.9),
    ("wounded", -2.3),
    ("wounding", -2.3),
    ("injuries", -1.9),
    ("injuring", -2.1),
    ("maimed", -3.0),
    ("blast", -2.4),
    ("blasts", -2.4),
    ("explosion", -2.2),
    ("explosions", -2.2),
    ("exploded", -2.2),
    ("shooting", -2.6),
    ("shootings", -2.7),
    ("shot", -1.8),
    ("gunman", -2.5),
    ("gunmen", -2.5),
    ("gunfire", -2.5),
    ("stabbing", -2.8),
    ("stabbed", -2.8),
    ("bombing", -3.0),
    ("bombings", -3.0),
    ("bombed", -2.8),
    ("bomber", -2.9),
    ("bombers", -2.5),
    ("airstrike", -2.5),
    ("airstrikes", -2.5),
    ("shelling", -2.5),
    ("mortar", -1.8),
    ("militants", -1.9),
    ("militant", -1.8),
    ("insurgents", -1.9),
    ("insurgency", -2.0),
    ("hostage", -2.6),
    ("hostages", -2.6),
    ("kidnapped", -2.9),
    ("kidnapping", -2.9),
    ("abducted", -2.8),
    ("executed", -2.7),
    ("invasion", -2.4),
    ("invaded", -2.3),
    ("occupation", -1.2),
    ("clashes", -2.0),
    ("clash", -1.8),
    ("clashed", -1.8),
    ("fighting", -2.0),
    ("warfare", -2.8),
    ("troops", -0.8),
    ("soldiers", -0.6),
    ("siege", -2.2),
    ("raid", -1.6),
    ("raids", -1.6),
    ("torture", -3.6),
    ("tortured", -3.6),
    ("atrocities", -3.7),
    ("extremists", -2.4),
    ("jihadist", -2.3),
    ("jihadists", -2.3),
    ("crackdown", -2.0),
    ("unrest", -1.9),
    ("turmoil", -2.1),
    ("coup", -2.2),
    ("ceasefire", 1.6),
    ("truce", 1.5),
    ("reconciliation", 2.0),
    // Disasters and disease.
    ("earthquake", -2.6),
    ("quake", -2.4),
    ("tsunami", -2.8),
    ("flood", -2.1),
    ("floods", -2.1),
    ("flooding", -2.0),
    ("drought", -2.0),
    ("famine", -3.1),
    ("hurricane", -1.9),
    ("cyclone", -1.9),
    ("tornado", -1.9),
    ("wildfire", -2.1),
    ("wildfires", -2.1),
    ("blaze", -1.7),
    ("fires", -1.4),
    ("burned", -1.6),
    ("landslide", -2.0),
    ("avalanche", -1.8),
    ("storm", -1.2),
    ("storms", -1.2),
    ("crashed", -2.1),
    ("derailed", -1.9),
    ("sank", -1.6),
    ("wreckage", -2.2),
    ("rubble", -1.9),
    ("epidemic", -2.5),
    ("pandemic", -2.5),
    ("outbreak", -2.2),
    ("outbreaks", -2.2),
    ("virus", -1.6),
    ("infection", -1.8),
    ("infections", -1.8),
    ("infected", -1.9),
    ("disease", -2.0),
    ("diseases", -2.0),
    ("flu", -1.4),
    ("malaria", -2.0),
    ("cholera", -2.2),
    ("ebola", -2.6),
    ("hiv", -1.8),
    ("aids", -1.6),
    ("toxic", -2.2),
    ("pollution", -1.9),
    ("contaminated", -2.0),
    ("poisoned", -2.8),
    ("poisoning", -2.6),
    ("refugees", -1.0),
    ("displaced", -1.6),
    ("evacuated", -1.2),
    ("homeless", -1.8),
    ("starvation", -3.1),
    ("starving", -2.9),
    ("hunger", -1.9),
    ("emergency", -1.5),
    ("stranded", -1.7),
    ("missing", -1.2),
    ("devastated", -2.8),
    ("devastating", -2.8),
    ("devastation", -2.9),
    // Crime and justice.
    ("convicted", -2.0),
    ("corruption", -2.6),
    ("corrupt", -2.7),
    ("bribery", -2.5),
    ("bribes", -2.3),
    ("embezzlement", -2.5),
    ("indicted", -2.0),
    ("detained", -1.6),
    ("custody", -1.0),
    ("smuggling", -1.8),
    ("trafficking", -2.3),
    ("looting", -2.2),
    ("vandalism", -1.9),
    ("suspect", -1.2),
    ("suspects", -1.2),
    ("allegations", -1.4),
    ("alleged", -0.9),
    ("accused", -1.6),
    ("acquitted", 1.3),
    ("exonerated", 1.8),
    ("freed", 1.6),
    ("released", 0.6),
    // Economy.
    ("layoffs", -2.0),
    ("redundancies", -1.9),
    ("bankruptcy", -2.5),
    ("insolvency", -2.2),
    ("inflation", -1.2),
    ("slump", -1.9),
    ("slumped", -1.8),
    ("slumps", -1.8),
    ("plunge", -1.9),
    ("plunged", -1.9),
    ("plunges", -1.9),
    ("tumble", -1.7),
    ("tumbled", -1.7),
    ("tumbles", -1.7),
    ("slides", -1.2),
    ("slid", -1.2),
    ("downturn", -1.9),
    ("shortfall", -1.5),
    ("losses", -1.6),
    ("deficits", -1.5),
    ("debts", -1.5),
    ("austerity", -1.4),
    ("jobless", -1.9),
    ("sacked", -2.0),
    ("strike", -1.0),
    ("strikes", -1.1),
    ("walkout", -1.3),
    ("rebound", 1.4),
    ("rebounded", 1.4),
    ("recovery", 1.6),
    ("recovered", 1.5),
    ("recovering", 1.3),
    ("surge", 0.9),
    ("surged", 1.0),
    ("soared", 1.3),
    ("soar", 1.2),
    ("soars", 1.2),
    ("rally", 0.8),
    ("rallied", 1.0),
    ("upturn", 1.5),
    ("expansion", 1.2),
    ("hiring", 1.2),
    ("jobs", 0.4),
    ("investment", 0.8),
    ("investments", 0.8),
    ("prosperity", 2.6),
    // Achievements and good news.
    ("breakthrough", 2.3),
    ("breakthroughs", 2.3),
    ("cure", 2.2),
    ("cured", 2.3),
    ("vaccine", 1.2),
    ("milestone", 1.8),
    ("record", 0.7),
    ("victory", 2.6),
    ("victories", 2.6),
    ("victorious", 2.7),
    ("celebration", 2.5),
    ("celebrations", 2.5),
    ("champion", 2.3),
    ("champions", 2.2),
    ("championship", 1.4),
    ("medal", 1.8),
    ("medals", 1.8),
    ("gold", 1.0),
    ("survivors", 0.5),
    ("survived", 1.2),
    ("reunited", 2.3),
    ("launch", 0.6),
    ("launches", 0.6),
    ("unveils", 0.7),
    ("deal", 0.6),
    ("accord", 1.4),
    ("landmark", 1.3),
    ("historic", 1.2),
    ("donation", 1.8),
    ("donated", 1.8),
    ("volunteers", 1.4),
    ("restored", 1.5),
    ("rebuild", 1.2),
    ("rebuilding", 1.2),
    // Misfortune, seizure and punishment.
    ("seized", -1.8),
    ("slain", -3.2),
    ("sinks", -1.6),
    ("sinking", -1.9),
    ("sunk", -1.8),
    ("calamity", -3.0),
    ("plague", -2.6),
    ("plagued", -2.2),
    ("sanctions", -1.2),
    ("restrictions", -0.9),
    ("infertile", -1.8),
    ("infertility", -1.8),
    ("hijacked", -2.6),
    ("hijack", -2.4),
    ("ambush", -2.6),
    ("ambushed", -2.7),
    ("overdose", -2.6),
    ("shipwreck", -2.6),
    ("bombarded", -2.4),
    ("besieged", -2.2),
    ("captive", -2.0),
    ("captured", -1.3),
    ("deported", -1.6),
    ("deportation", -1.5),
    ("recalled", -0.8),
    ("sued", -1.3),
    ("fined", -1.5),
    ("penalties", -1.6),
    ("evicted", -2.1),
    ("blackout", -1.5),
    ("outage", -1.3),
    ("spill", -1.8),
    ("spilled", -1.7),
    ("breach", -1.6),
    ("cyberattack", -2.3),
    ("ransom", -2.2),
    ("extortion", -2.6),
    ("ousted", -1.5),
    ("impeached", -1.8),
    ("impeachment", -1.5),
    ("probe", -0.7),
    ("sacked", -2.0),
    ("layoff", -2.0),
    ("default", -1.2),
    ("defaults", -1.2),
    // Milestones of a life, luck and generosity.
    ("wedding", 2.0),
    ("marrying", 1.8),
    ("married", 1.2),
    ("marry", 1.5),
    ("jackpot", 2.4),
    ("adoption", 1.3),
    ("adopted", 1.0),
    ("newborn", 1.8),
    ("reunion", 2.1),
    ("tribute", 1.3),
    ("anniversary", 1.4),
    ("birthday", 1.8),
    ("recovers", 1.5),
    ("heals", 1.8),
    ("graduates", 1.2),
    ("scholarship", 1.8),
    ("laureate", 2.0),
    ("saves", 1.6),
    ("lifesaving", 2.2),
    ("donates", 1.8),
    // Words VADER rates for chat that read neutrally in news.
    ("shares", 0.0),
    ("share", 0.0),
    ("party", 0.0),
    ("parties", 0.0),
    ("united", 0.0),
    ("justice", 0.0),
    ("trust", 0.3),
    ("interest", 0.0),
    ("interests", 0.0),
    ("credit", 0.0),
    ("care", 0.3),
    ("please", 0.0),
    ("like", 0.0),
    ("well", 0.0),
    ("yes", 0.0),
    ("no", 0.0),
    ("trump", 0.0),
    ("chancellor", 0.0),
    ("liberal", 0.0),
    ("security", 0.3),
    ("defense", 0.0),
    ("defence", 0.0),
    ("charges", -0.8),
    ("favor", 0.6),
    ("favour", 0.6),
    ("kind", 0.0),
    ("pretty", 0.0),
    ("play", 0.3),
    ("playing", 0.2),
    ("matter", 0.0),
    ("matters", 0.0),
];

/// Builds `plugins/enrich/tone/data/lexicon.tsv` from VADER's list and the news words, or
/// checks that the committed file is exactly what they make.
pub fn run(vader: &Path, check: bool) -> Result<()> {
    let bytes = std::fs::read(vader).with_context(|| format!("reading {}", vader.display()))?;
    let digest = format!("{:x}", Sha256::digest(&bytes));
    if digest != VADER_SHA256 {
        bail!(
            "{} has SHA-256 {digest}, not that of vader_lexicon.txt in vaderSentiment 3.3.2 ({VADER_SHA256})",
            vader.display()
        );
    }
    let text = std::str::from_utf8(&bytes).context("vader_lexicon.txt is not UTF-8")?;
    let mut words: std::collections::BTreeMap<String, f32> = std::collections::BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        let (Some(word), Some(valence)) = (fields.next(), fields.next()) else {
            continue;
        };
        // Single words only: emoticons and symbols are not news text.
        let is_word = word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '\'' || c == '-')
            && word.chars().any(|c| c.is_ascii_lowercase());
        if !is_word {
            continue;
        }
        let valence: f32 = valence
            .parse()
            .with_context(|| format!("valence of {word:?}"))?;
        words.insert(word.to_string(), valence);
    }
    let from_vader = words.len();
    for &(word, valence) in NEWS_WORDS {
        words.insert(word.to_string(), valence);
    }
    let mut out = String::from(
        "# Word valences of the Dateline `tone` enricher, -4..4. Generated by `cargo xtask lexicon`\n\
         # from the VADER sentiment lexicon (C.J. Hutto, MIT licence) and Dateline's news words.\n",
    );
    // A news word rated 0 takes the word out: it is not polar in news.
    for (word, valence) in words.iter().filter(|(_, v)| **v != 0.0) {
        out.push_str(&format!("{word}\t{valence}\n"));
    }
    let path = paths::repo_root().join("plugins/enrich/tone/data/lexicon.tsv");
    if check {
        let committed = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        if committed != out {
            bail!(
                "{} is not what `cargo xtask lexicon` makes: regenerate it",
                path.display()
            );
        }
        println!("{} regenerates byte for byte", path.display());
        return Ok(());
    }
    std::fs::write(&path, &out).with_context(|| format!("writing {}", path.display()))?;
    println!(
        "wrote {} ({} words: {from_vader} from VADER, {} news words)",
        path.display(),
        words.len(),
        NEWS_WORDS.len()
    );
    Ok(())
}
