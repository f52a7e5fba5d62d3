//! `cargo xtask gazetteer`: the place gazetteer shipped in the `entities` plugin,
//! generated from the GeoNames extracts in ../shared/corpus/geonames (GeoNames,
//! CC BY 4.0).
//!
//! Kept: every city of 15,000 people or more, every country, US state, nation of the
//! United Kingdom and continent, with the aliases a reader of English news meets (ASCII
//! names in Latin script, and the short forms of country names news writes). GeoNames
//! gives countries, states and nations no coordinates in these extracts; theirs are the
//! population-weighted centre of their cities.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::paths;

/// Short names English news uses for countries, beside GeoNames' own.
const COUNTRY_ALIASES: &[(&str, &[&str])] = &[
    (
        "US",
        &[
            "United States",
            "United States of America",
            "U.S.",
            "US",
            "U.S.A.",
            "USA",
            "America",
        ],
    ),
    ("GB", &["Britain", "Great Britain", "U.K.", "UK"]),
    ("AE", &["UAE", "U.A.E."]),
    ("CD", &["DR Congo", "DRC", "Congo-Kinshasa"]),
    ("CG", &["Congo-Brazzaville"]),
    ("CZ", &["Czech Republic"]),
    ("KR", &["Republic of Korea"]),
    ("KP", &["DPRK"]),
    ("MM", &["Burma"]),
    ("NL", &["Holland"]),
    ("PS", &["Palestine", "Palestinian Territories"]),
    ("TR", &["Turkiye", "Türkiye"]),
    ("CI", &["Ivory Coast"]),
    ("VA", &["Vatican", "Holy See"]),
];

/// More short names English news uses for countries, for linking only: the entity
/// tagger learned its features from the gazetteer without them, so they mark no word
/// for it (the last column of the file) until a tagger retrained with them measures as
/// well. (Marking them without retraining split "Bank of England" in two.)
const LINKING_ALIASES: &[(&str, &[&str])] = &[
    ("NL", &["Netherlands"]),
    ("IE", &["Republic of Ireland"]),
    ("BA", &["Bosnia"]),
    ("MK", &["Macedonia"]),
    ("SZ", &["Swaziland"]),
    ("TL", &["East Timor", "Timor-Leste"]),
    ("CV", &["Cape Verde"]),
    ("RU", &["Russian Federation"]),
];

/// The nations of the United Kingdom, which news names as countries ("England beat
/// Wales"): GeoNames' first-level divisions of GB (admin1 code, name, GeoNames id). Their
/// names are for linking only, as [`LINKING_ALIASES`] are.
const UK_NATIONS: &[(&str, &str, u64)] = &[
    ("ENG", "England", 6269131),
    ("SCT", "Scotland", 2638360),
    ("WLS", "Wales", 2634895),
    ("NIR", "Northern Ireland", 2641364),
];

/// The abbreviations of US states news writes after a city ("Fresno, Calif.", "Manchester,
/// N.H."), the Associated Press's and the older ones still met ("Tex.", "Penn."), by the
/// state's postal code: for linking only, as [`LINKING_ALIASES`] are. The postal codes
/// themselves ("CA", "IN", "OR") are words or other things too often to link, and so is
/// Louisiana's "La.", which a lookup that ignores case reads in "in LA." (Los Angeles).
const US_STATE_ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("AL", &["Ala."]),
    ("AZ", &["Ariz."]),
    ("AR", &["Ark."]),
    ("CA", &["Calif."]),
    ("CO", &["Colo."]),
    ("CT", &["Conn."]),
    ("DC", &["D.C.", "Washington D.C."]),
    ("DE", &["Del."]),
    ("FL", &["Fla."]),
    ("GA", &["Ga."]),
    ("IL", &["Ill."]),
    ("IN", &["Ind."]),
    ("KS", &["Kan.", "Kans."]),
    ("KY", &["Ky."]),
    ("MD", &["Md."]),
    ("MA", &["Mass."]),
    ("MI", &["Mich."]),
    ("MN", &["Minn."]),
    ("MS", &["Miss."]),
    ("MO", &["Mo."]),
    ("MT", &["Mont."]),
    ("NE", &["Neb.", "Nebr."]),
    ("NV", &["Nev."]),
    ("NH", &["N.H."]),
    ("NJ", &["N.J."]),
    ("NM", &["N.M."]),
    ("NY", &["N.Y."]),
    ("NC", &["N.C."]),
    ("ND", &["N.D."]),
    ("OK", &["Okla."]),
    ("OR", &["Ore.", "Oreg."]),
    ("PA", &["Pa.", "Penn."]),
    ("RI", &["R.I."]),
    ("SC", &["S.C."]),
    ("SD", &["S.D."]),
    ("TN", &["Tenn."]),
    ("TX", &["Tex."]),
    ("VT", &["Vt."]),
    ("VA", &["Va."]),
    ("WA", &["Wash."]),
    ("WV", &["W.Va.", "W. Va."]),
    ("WI", &["Wis.", "Wisc."]),
    ("WY", &["Wyo."]),
];

/// The names a table of aliases gives the country of ISO code `iso`.
fn names_of<'a>(
    table: &'a [(&str, &'a [&'a str])],
    iso: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    table
        .iter()
        .filter(move |(code, _)| *code == iso)
        .flat_map(|(_, names)| names.iter().copied())
}

/// A gazetteer line with its last column, the names for linking only, where it has any.
fn with_linking<'a>(mut line: String, linking: impl Iterator<Item = &'a str>) -> String {
    let linking: Vec<&str> = linking.collect();
    if !linking.is_empty() {
        line.push('\t');
        line.push_str(&linking.join("|"));
    }
    line
}

/// An alias an English text could use: plain ASCII and capitalized ("Bombay"; codes
/// such as "LAX" too, which news uses).
fn plain(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && (3..=40).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '-' | '\''))
}

fn number(v: &Value) -> f64 {
    v.as_f64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(0.0)
}

/// Writes plugins/enrich/entities/data/places.tsv.gz from `corpus`/geonames.
pub fn run(corpus: &Path) -> Result<()> {
    let dir = corpus.join("geonames");
    let read = |name: &str| -> Result<Value> {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {} (is ../shared/corpus there?)", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    };
    let cities = read("cities15000.json")?;
    let countries = read("countries.json")?;
    let states = read("us_states.json")?;
    let continents = read("continents.json")?;

    // Population-weighted centres of countries and US states.
    let mut centres: BTreeMap<String, (f64, f64, f64)> = BTreeMap::new();
    let mut lines: Vec<(u64, String)> = Vec::new();
    let cities = cities
        .as_object()
        .context("cities15000.json is an object")?;
    for city in cities.values() {
        let id = city["geonameid"].as_u64().unwrap_or(0);
        let name = city["name"].as_str().unwrap_or_default();
        let cc = city["countrycode"].as_str().unwrap_or_default();
        let (lat, lon) = (number(&city["latitude"]), number(&city["longitude"]));
        let population = city["population"].as_u64().unwrap_or(0);
        let weight = population as f64;
        for key in [
            cc.to_string(),
            format!("{cc}.{}", city["admin1code"].as_str().unwrap_or("")),
        ] {
            let c = centres.entry(key).or_default();
            c.0 += lat * weight;
            c.1 += lon * weight;
            c.2 += weight;
        }
        let aliases: BTreeSet<&str> = city["alternatenames"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|a| *a != name && plain(a))
            .collect();
        lines.push((
            id,
            format!(
                "{id}\tcity\t{name}\t{cc}\t{lat:.5}\t{lon:.5}\t{population}\t{}",
                aliases.into_iter().collect::<Vec<_>>().join("|")
            ),
        ));
    }
    let centre = |key: &str| {
        centres
            .get(key)
            .filter(|c| c.2 > 0.0)
            .map_or((0.0, 0.0), |c| (c.0 / c.2, c.1 / c.2))
    };
    for country in countries
        .as_object()
        .context("countries.json is an object")?
        .values()
    {
        let iso = country["iso"].as_str().unwrap_or_default();
        let id = country["geonameid"].as_u64().unwrap_or(0);
        let name = country["name"].as_str().unwrap_or_default();
        let (lat, lon) = centre(iso);
        let mut aliases: BTreeSet<&str> = names_of(COUNTRY_ALIASES, iso).collect();
        if let Some(iso3) = country["iso3"].as_str() {
            // Three-letter codes that are English words ("CAN", "PER") would mislead.
            if !matches!(
                iso3,
                "CAN"
                    | "PER"
                    | "CHE"
                    | "AUT"
                    | "MAR"
                    | "TON"
                    | "DOM"
                    | "ARE"
                    | "BEN"
                    | "CUB"
                    | "GAB"
                    | "IRL"
                    | "MAC"
                    | "NOR"
                    | "POL"
                    | "SOM"
                    | "TUN"
                    | "MAF"
            ) {
                aliases.insert(iso3);
            }
        }
        aliases.remove(name);
        let population = country["population"].as_u64().unwrap_or(0);
        let line = format!(
            "{id}\tcountry\t{name}\t{iso}\t{lat:.5}\t{lon:.5}\t{population}\t{}",
            aliases.into_iter().collect::<Vec<_>>().join("|")
        );
        lines.push((id, with_linking(line, names_of(LINKING_ALIASES, iso))));
    }
    for state in states
        .as_object()
        .context("us_states.json is an object")?
        .values()
    {
        let code = state["code"].as_str().unwrap_or_default();
        let id = state["geonameid"].as_u64().unwrap_or(0);
        let name = state["name"].as_str().unwrap_or_default();
        let (lat, lon) = centre(&format!("US.{code}"));
        let line = format!("{id}\tregion\t{name}\tUS\t{lat:.5}\t{lon:.5}\t0\t");
        lines.push((
            id,
            with_linking(line, names_of(US_STATE_ABBREVIATIONS, code)),
        ));
    }
    for &(code, name, id) in UK_NATIONS {
        let (lat, lon) = centre(&format!("GB.{code}"));
        lines.push((
            id,
            format!("{id}\tnation\t{name}\tGB\t{lat:.5}\t{lon:.5}\t0\t\t{name}"),
        ));
    }
    for continent in continents
        .as_object()
        .context("continents.json is an object")?
        .values()
    {
        let id = continent["geonameId"].as_u64().unwrap_or(0);
        let name = continent["name"].as_str().unwrap_or_default();
        let (lat, lon) = (number(&continent["lat"]), number(&continent["lng"]));
        let population = continent["population"].as_u64().unwrap_or(0);
        lines.push((
            id,
            format!("{id}\tcontinent\t{name}\t\t{lat:.5}\t{lon:.5}\t{population}\t"),
        ));
    }
    lines.sort();
    let out = paths::repo_root().join("plugins/enrich/entities/data/places.tsv.gz");
    let file =
        std::fs::File::create(&out).with_context(|| format!("creating {}", out.display()))?;
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    writeln!(
        gz,
        "# Places from GeoNames (geonames.org), CC BY 4.0. Generated by `cargo xtask gazetteer`.\n\
         # geonames_id\tkind\tname\tcountry\tlat\tlon\tpopulation\taliases\tlinking (names that mark no word for the tagger)"
    )?;
    for (_, line) in &lines {
        writeln!(gz, "{line}")?;
    }
    gz.finish()?;
    println!(
        "wrote {} places to {} ({} bytes)",
        lines.len(),
        out.display(),
        std::fs::metadata(&out)?.len()
    );
    Ok(())
}
