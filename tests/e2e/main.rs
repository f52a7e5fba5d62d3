//! End-to-end tests of the `dateline` binary: the default pipeline, the seed, ugly
//! inputs, configuration errors, determinism. Every record written is validated
//! against the published JSON Schema.

mod events;
mod faults;
mod ordering;
mod plugins;
mod regression;
mod scale_out;
mod support;
mod tone;

use support::*;

/// The samples through every enricher in this process: each pattern they meet is rebuilt
/// from the catalog's image (a pattern the catalog misses would be compiled at every
/// start: run `cargo xtask patterns`).
#[test]
fn the_samples_compile_no_pattern_from_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let articles = repo_root().join("examples/articles/*.txt");
    let text = format!(
        "[run]\nreference_time = \"2025-01-21T12:00:00Z\"\n\n\
         [[source]]\nuse = \"text\"\npaths = [{articles:?}]\n\n\
         [[enrich]]\nuse = \"entities\"\n\n[[enrich]]\nuse = \"times\"\n\n\
         [[enrich]]\nuse = \"quotes\"\n\n[[enrich]]\nuse = \"events\"\n\n\
         [[sink]]\nuse = \"jsonl\"\npath = \"out.jsonl\"\n"
    );
    let registry = dateline_cli::builtin_registry();
    let plan =
        dateline_runner::config::parse_plan(&dir.path().join("p.toml"), &text, &[], &registry)
            .unwrap_or_else(|e| panic!("{e}"));
    dateline_runner::run(&plan, &dateline_runner::Silent).expect("the run completes");
    let builds = dateline_patterns::builds();
    assert!(builds.from_image >= 20, "{builds:?}");
    assert_eq!(builds.from_text, 0, "{builds:?}");
}

#[test]
fn the_default_pipeline_runs_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let result = run_samples(dir.path(), &[]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let records = read_records(&dir.path().join("articles.jsonl"));
    assert!(
        records.len() >= 12,
        "at least 12 sample articles, got {}",
        records.len()
    );
    for record in &records {
        assert!(record["headline"].is_string(), "{}", record["id"]);
        assert!(
            record["body"].as_str().unwrap().len() > 200,
            "{}",
            record["id"]
        );
        assert_offsets_slice_the_body(record);
    }
    assert!(
        result.stderr.contains("(all accounted for)"),
        "{}",
        result.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("dead-letter.jsonl")).unwrap(),
        "",
        "no dead letters"
    );
    for output in [
        "articles.sqlite",
        "csv/articles.csv",
        "csv/entities.csv",
        "report.html",
    ] {
        assert!(dir.path().join(output).exists(), "{output} is written");
    }
}

#[test]
fn the_seed_gives_two_clean_records() {
    let Some(records) = seed_records(&[]) else {
        return;
    };
    assert_eq!(records.len(), 2);

    let first = &records[0];
    assert_eq!(
        first["headline"],
        "Iran’s top general meets Pakistani leaders, discusses security and border management"
    );
    assert_eq!(first["summary"].as_array().unwrap().len(), 2);
    assert_eq!(first["dateline"]["place"], "ISLAMABAD");
    assert_eq!(first["updated"], "2025-01-20");
    assert_eq!(first["published"], "2025-01-20");
    let caption = first["caption"][0].as_str().unwrap();
    assert!(caption.starts_with("Maj. Gen. Mohammad Bagheri") && caption.ends_with("(ISPR)"));
    let body = first["body"].as_str().unwrap();
    assert!(body.starts_with("ISLAMABAD: Maj. Gen. Mohammad Bagheri"));
    assert!(
        !body.contains("(ISPR)\n") && !body.contains("in Rawalpindi on January 20, 2025. (ISPR)")
    );

    let second = &records[1];
    assert_eq!(
        second["headline"],
        "Pakistan military says ex-PM Khan’s narrative has become ‘threat to national security’"
    );
    assert_eq!(second["summary"].as_array().unwrap().len(), 2);
    assert_eq!(second["dateline"]["place"], "ISLAMABAD");
    assert_eq!(
        second["updated"], "2025-01-21T11:59:53Z",
        "7 sec before the reference time"
    );
    for record in &records {
        let body = record["body"].as_str().unwrap();
        for furniture in ["Short Url", "\nFollow", "Updated ", "  •"] {
            assert!(
                !body.contains(furniture),
                "{furniture:?} left in {}",
                record["id"]
            );
        }
        assert_eq!(
            body.matches(record["headline"].as_str().unwrap()).count(),
            0,
            "headline once"
        );
        assert_offsets_slice_the_body(record);
    }
}

#[test]
fn an_unresolvable_relative_stamp_warns_instead_of_guessing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(
        dir.path().join("in/a.txt"),
        "A headline long enough to count\n\nShort Url\nUpdated 7 sec ago\nFollow\n\nA headline long enough to count\n\nBody text of the story.\n",
    )
    .unwrap();
    let pipeline = write_pipeline(dir.path(), "in/*.txt", "");
    let text = std::fs::read_to_string(&pipeline)
        .unwrap()
        .replace("reference_time", "# reference_time");
    std::fs::write(&pipeline, text).unwrap();
    let result = dateline(dir.path(), &["run", "pipeline.toml"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    assert!(records[0].get("updated").is_none());
    let warning = records[0]["warnings"][0]["message"].as_str().unwrap();
    assert!(
        warning.contains("\"7 sec ago\" left unresolved"),
        "{warning}"
    );
}

#[test]
fn ugly_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("a-good.txt"),
        "Good headline\n\nA paragraph of text.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("b-empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("c-binary.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    )
    .unwrap();
    std::fs::write(
        inputs.join("d-latin1.txt"),
        b"Prices in \xA3\n\nIt cost \xA3500 and \x93more\x94.\n",
    )
    .unwrap();
    let one_line = "word ".repeat(10 << 20);
    std::fs::write(inputs.join("e-one-line.txt"), one_line).unwrap();
    std::os::unix::fs::symlink(
        inputs.join("vanished-target.txt"),
        inputs.join("f-vanished.txt"),
    )
    .unwrap();
    std::fs::write(
        inputs.join("g-controls.txt"),
        "Bell\x07 headline\n\nText\x1b[31m here.\n",
    )
    .unwrap();
    let gz = std::fs::File::create(inputs.join("h-packed.txt.gz")).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(gz, flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, b"Packed headline\n\nPacked body.\n").unwrap();
    encoder.finish().unwrap();

    let pipeline = write_pipeline(dir.path(), "in/*", "");
    let result = dateline(dir.path(), &["run", pipeline.to_str().unwrap()]);
    assert_eq!(
        result.code, 3,
        "dead letters give exit code 3\n{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains("written 4  dead-lettered 3  skipped 1  = read 8  (all accounted for)"),
        "{}",
        result.stderr
    );
    assert!(
        result
            .stderr
            .contains("skipped 1: empty input (no article found): in/b-empty.txt"),
        "the empty input is named: {}",
        result.stderr
    );

    let records = read_records(&dir.path().join("out/articles.jsonl"));
    let headlines: Vec<&str> = records
        .iter()
        .map(|r| r["headline"].as_str().unwrap())
        .collect();
    assert_eq!(
        headlines,
        [
            "Good headline",
            "Prices in £",
            "Bell headline",
            "Packed headline"
        ]
    );
    let latin1 = &records[1];
    assert_eq!(latin1["body"], "It cost £500 and “more”.");
    assert!(
        latin1["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Windows-1252")
    );

    let letters: Vec<serde_json::Value> =
        std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl"))
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    assert_eq!(letters.len(), 3);
    assert_eq!(letters[0]["input"], "in/c-binary.txt");
    assert!(
        letters[0]["message"]
            .as_str()
            .unwrap()
            .contains("binary data")
    );
    assert_eq!(letters[0]["plugin"], "text@0.1.0");
    assert_eq!(letters[1]["input"], "in/e-one-line.txt");
    assert_eq!(letters[1]["line"], 1);
    assert!(
        letters[1]["message"]
            .as_str()
            .unwrap()
            .contains("max_line_bytes")
    );
    assert_eq!(letters[2]["input"], "in/f-vanished.txt");
    assert_eq!(letters[2]["stage"], "read");
    assert!(
        result.stderr.contains("in/e-one-line.txt"),
        "the long line is named on stderr: {}",
        result.stderr
    );
}

#[test]
fn the_same_pipeline_writes_identical_bytes_at_any_thread_count() {
    let mut outputs = Vec::new();
    for threads in ["1", "2", "8"] {
        let dir = tempfile::tempdir().unwrap();
        let result = run_samples(
            dir.path(),
            &["--threads", threads, "--set", "run.batch_size=3"],
        );
        assert_eq!(result.code, 0, "{}", result.stderr);
        let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
        outputs.push((
            read("articles.jsonl"),
            read("report.html"),
            read("csv/articles.csv"),
            dateline_sqlite::canonical_dump(&dir.path().join("articles.sqlite")).unwrap(),
            read("stories.jsonl"),
        ));
    }
    assert!(!outputs[0].0.is_empty());
    assert!(outputs[0] == outputs[1] && outputs[1] == outputs[2]);
}

#[test]
fn check_reports_three_mistakes_with_locations() {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = dir.path().join("broken.toml");
    std::fs::write(
        &pipeline,
        "[run]\nthreads = \"four\"\n\n[[source]]\nuse = \"txt\"\npaths = [\"*.txt\"]\n\n[[sink]]\nuse = \"jsonl\"\npaht = \"out.jsonl\"\n",
    )
    .unwrap();
    let result = dateline(dir.path(), &["check", "broken.toml"]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    let errors: Vec<&str> = result
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 3, "{}", result.stderr);
    assert!(
        errors[0].starts_with("error: broken.toml:2:11: `threads` must be a whole number"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with(
            "error: broken.toml:5:7: no source plugin named `txt`; did you mean `text`?"
        ),
        "{}",
        errors[1]
    );
    assert!(errors[2].starts_with("error: broken.toml:10:1: unknown key `paht` for sink plugin `jsonl`; did you mean `path`?"), "{}", errors[2]);
    assert!(result.stderr.contains("3 errors in the pipeline"));
    assert!(
        result.stderr.contains("10 | paht = \"out.jsonl\""),
        "a snippet of the line: {}",
        result.stderr
    );
}

#[test]
fn check_accepts_the_default_pipeline_and_plugins_lists_the_builtins() {
    let result = dateline(&repo_root(), &["check"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(result.stdout.contains("pipeline.toml: ok"));

    let result = dateline(&repo_root(), &["plugins", "--json"]);
    assert_eq!(result.code, 0);
    let plugins: Vec<serde_json::Value> = result
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let text = plugins
        .iter()
        .find(|p| p["name"] == "text" && p["kind"] == "parse")
        .unwrap();
    assert_eq!(text["origin"], "built-in");
    assert!(
        text["provides"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "headline")
    );
    assert!(
        plugins
            .iter()
            .any(|p| p["name"] == "jsonl" && p["kind"] == "sink")
    );
}

#[test]
fn a_failed_run_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), "Headline here\n\nBody.\n").unwrap();
    std::fs::write(dir.path().join("in/b.txt"), b"\x00\x01binary").unwrap();
    let pipeline = write_pipeline(dir.path(), "in/*.txt", "");
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/articles.jsonl"), "previous\n").unwrap();
    let result = dateline(
        dir.path(),
        &[
            "run",
            pipeline.to_str().unwrap(),
            "--set",
            "run.on_error=\"abort\"",
        ],
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("aborted on the first failure"),
        "{}",
        result.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out/articles.jsonl")).unwrap(),
        "previous\n"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["articles.jsonl"], "no temporary files left");
}

#[test]
fn metrics_file_accounts_for_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let metrics = dir.path().join("m/metrics.json");
    let result = run_samples(
        dir.path(),
        &["--quiet", "--metrics", metrics.to_str().unwrap()],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert_eq!(result.stderr, "", "--quiet prints nothing on success");
    let metrics: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(metrics).unwrap()).unwrap();
    assert_eq!(metrics["balanced"], true);
    assert_eq!(metrics["stages"][0]["plugin"], "text@0.1.0");
    assert!(metrics["read"].as_u64().unwrap() >= 12);
}

#[test]
fn the_published_schema_is_the_generated_one() {
    let published = std::fs::read_to_string(repo_root().join("schema/record.schema.json")).unwrap();
    let generated = serde_json::to_string_pretty(&dateline_core::json_schema()).unwrap() + "\n";
    assert!(
        published == generated,
        "schema/record.schema.json is stale: run `cargo xtask schema`"
    );
}

fn assert_offsets_slice_the_body(record: &serde_json::Value) {
    let body: Vec<char> = record["body"].as_str().unwrap().chars().collect();
    let paragraphs = record["paragraphs"].as_array().unwrap();
    for (i, range) in paragraphs.iter().enumerate() {
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        assert!(
            start < end && end <= body.len(),
            "{}: paragraph {i}",
            record["id"]
        );
        let text: String = body[start..end].iter().collect();
        assert_eq!(
            text.trim(),
            text,
            "{}: paragraph {i} is trimmed",
            record["id"]
        );
        assert!(
            !text.contains("\n\n"),
            "{}: paragraph {i} is one paragraph",
            record["id"]
        );
    }
}

#[test]
fn a_jsonl_dump_is_read_through_a_field_map_and_a_bad_line_is_located() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(
        dir.path().join("in/dump.jsonl"),
        "{\"headline\":\"First\",\"content\":\"One paragraph.\\n\\nAnother.\",\"published\":\"2025-01-20\"}\n\
         {\"headline\":\"Broken\",\"content\":\"no closing brace\"\n\
         {\"headline\":\"Third\",\"content\":\"Text.\",\"by\":[\"Ann Lee\"]}\n",
    )
    .unwrap();
    let pipeline = dir.path().join("pipeline.toml");
    std::fs::write(
        &pipeline,
        "[[source]]\nuse = \"jsonl\"\npaths = [\"in/*.jsonl\"]\nfields = { title = \"headline\", text = \"content\", date = \"published\", authors = \"by\" }\n\n[[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n",
    )
    .unwrap();
    let result = dateline(dir.path(), &["run", "pipeline.toml"]);
    assert_eq!(result.code, 3, "{}", result.stderr);
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["body"], "One paragraph.\n\nAnother.");
    assert_eq!(records[0]["published"], "2025-01-20");
    assert_eq!(records[1]["authors"][0], "Ann Lee");
    assert_eq!(
        records[1]["id"], "in/dump.jsonl#2",
        "ids follow the line's position"
    );
    let letters = std::fs::read_to_string(dir.path().join("out/dead-letter.jsonl")).unwrap();
    let letter: serde_json::Value = serde_json::from_str(letters.lines().next().unwrap()).unwrap();
    assert_eq!(letter["line"], 2);
    assert!(
        letter["message"].as_str().unwrap().starts_with("not JSON"),
        "{letter}"
    );
}

#[test]
fn a_saved_page_with_a_lying_charset_comes_out_readable() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let paragraphs: String = (0..5)
        .map(|i| format!("<p>Le café du port a rouvert ses portes lundi, paragraphe {i}, après des travaux qui ont duré près de deux ans selon la mairie.</p>"))
        .collect();
    let page = format!(
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">\
         <title>Réouverture du café du port</title>\
         <meta property=\"og:title\" content=\"Réouverture du café du port\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Réouverture du café du port\",\"datePublished\":\"2025-01-20\",\"author\":{{\"@type\":\"Person\",\"name\":\"Claire Martin\"}}}}</script>\
         </head><body><nav><a href=\"/\">Accueil</a> <a href=\"/sport\">Sport</a></nav>\
         <article><h1>Réouverture du café du port</h1>{paragraphs}</article>\
         <footer>© Journal du port — tous droits réservés</footer></body></html>"
    );
    std::fs::write(dir.path().join("in/page.html"), page.as_bytes()).unwrap();
    std::fs::write(
        dir.path().join("pipeline.toml"),
        "[[source]]\nuse = \"html\"\npaths = [\"in/*.html\"]\n[[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n",
    )
    .unwrap();
    let result = dateline(dir.path(), &["run", "pipeline.toml"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    let record = &records[0];
    assert_eq!(record["headline"], "Réouverture du café du port");
    let body = record["body"].as_str().unwrap();
    assert!(body.contains("Le café du port a rouvert"), "{body}");
    assert!(
        !body.contains("Ã©") && !body.contains("Accueil") && !body.contains("tous droits"),
        "{body}"
    );
    assert_eq!(record["published"], "2025-01-20");
    assert_eq!(record["authors"][0], "Claire Martin");
    assert!(
        record["warnings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("declares windows-1252 but its bytes are UTF-8")
    );
}

#[test]
fn the_seed_time_expressions_are_resolved_against_the_article() {
    let Some(records) = seed_records(&["times"]) else {
        return;
    };
    let times: Vec<(String, String)> = records[0]["times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for (text, value) in [
        ("Monday", "2025-01-20"),
        ("January last year", "2024-01"),
        ("Sunday night", "2025-01-19TNI"),
        ("two-day", "P2D"),
        ("April 2024", "2024-04"),
        ("Nov.", "2024-11"),
    ] {
        assert!(
            times.contains(&(text.to_string(), value.to_string())),
            "{text} = {value} in {times:?}"
        );
    }
    let body: Vec<char> = records[0]["body"].as_str().unwrap().chars().collect();
    for time in records[0]["times"].as_array().unwrap() {
        let (start, end) = (
            time["start"].as_u64().unwrap() as usize,
            time["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            body[start..end].iter().collect::<String>(),
            time["text"].as_str().unwrap()
        );
    }
}

/// The entities of a record by name: (type, title, roles, acronym, mention texts).
fn entity<'a>(record: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    record["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("no entity {name} in {:#}", record["entities"]))
}

fn mention_texts(entity: &serde_json::Value) -> Vec<&str> {
    entity["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect()
}

#[test]
fn the_seed_people_organizations_and_places_are_entities() {
    let Some(records) = seed_records(&["entities"]) else {
        return;
    };
    let record = &records[0];

    let bagheri = entity(record, "Mohammad Bagheri");
    assert_eq!(bagheri["type"], "person");
    assert_eq!(bagheri["title"], "Maj. Gen.");
    assert_eq!(
        bagheri["roles"][0],
        "chief of general staff of Iranian armed forces"
    );
    let texts = mention_texts(bagheri);
    assert!(
        texts.iter().filter(|t| **t == "Bagheri").count() >= 2,
        "{texts:?}"
    );

    let ispr = entity(record, "Inter-Services Public Relations");
    assert_eq!(ispr["type"], "organization");
    assert_eq!(ispr["acronym"], "ISPR");
    let pid = entity(record, "Press Information Department");
    assert_eq!(pid["acronym"], "PID");
    assert!(
        mention_texts(pid).contains(&"PID"),
        "\"the PID said\" names it"
    );

    // Two people named Asif stay two; "Defense Minister Asif" is Khawaja Asif.
    let zardari = entity(record, "Asif Ali Zardari");
    let khawaja = entity(record, "Khawaja Asif");
    assert!(mention_texts(zardari).contains(&"Zardari"));
    assert!(mention_texts(khawaja).contains(&"Asif"));
    assert_eq!(khawaja["title"], "Defense Minister");

    let rawalpindi = entity(record, "Rawalpindi");
    assert_eq!(rawalpindi["type"], "place");
    assert_eq!(rawalpindi["geo"]["geonames_id"], 1166993);
    assert_eq!(rawalpindi["geo"]["country"], "PK");
    let islamabad = entity(record, "Islamabad");
    assert_eq!(record["dateline"]["entity"], islamabad["id"]);

    // Every mention slices its field to its text.
    for record in &records {
        for entity in record["entities"].as_array().unwrap() {
            for m in entity["mentions"].as_array().unwrap() {
                let field = match m["field"].as_str() {
                    None => record["body"].as_str().unwrap().to_string(),
                    Some("headline") => record["headline"].as_str().unwrap().to_string(),
                    Some(f) => {
                        let (name, n) = f.split_once('.').unwrap();
                        record[name][n.parse::<usize>().unwrap()]
                            .as_str()
                            .unwrap()
                            .to_string()
                    }
                };
                let chars: Vec<char> = field.chars().collect();
                let (s, e) = (
                    m["start"].as_u64().unwrap() as usize,
                    m["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    chars[s..e].iter().collect::<String>(),
                    m["text"].as_str().unwrap()
                );
            }
        }
    }
}

#[test]
fn sample_articles_get_titles_roles_acronyms_and_places() {
    let dir = tempfile::tempdir().unwrap();
    let articles = repo_root().join("examples/articles/01-port-expansion-web-copy.txt");
    let pipeline = write_pipeline(
        dir.path(),
        &articles.display().to_string(),
        "[[enrich]]\nuse = \"entities\"\n",
    );
    let result = dateline(dir.path(), &["run", pipeline.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    let record = &records[0];
    let kpa = entity(record, "Kenya Ports Authority");
    assert_eq!(kpa["acronym"], "KPA");
    let wanjiru = entity(record, "Grace Wanjiru");
    assert_eq!(wanjiru["type"], "person");
    assert!(mention_texts(wanjiru).contains(&"Wanjiru"));
    let otieno = entity(record, "Peter Otieno");
    assert_eq!(
        otieno["roles"][0],
        "chairman of the Lake Basin Transporters Association"
    );
    let kisumu = entity(record, "Kisumu");
    assert_eq!(kisumu["geo"]["country"], "KE");
    assert_eq!(record["dateline"]["entity"], kisumu["id"]);
}

#[test]
fn the_seed_quotations_have_their_speakers() {
    let Some(records) = seed_records(&["entities", "quotes"]) else {
        return;
    };
    let speaker_of = |record: &serde_json::Value, opening: &str| -> (String, String) {
        let quote = record["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["text"].as_str().unwrap().starts_with(opening))
            .unwrap_or_else(|| panic!("no quotation opening {opening:?}"));
        let id = quote["speaker"].as_str().unwrap_or_default();
        let name = record["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .map_or(String::new(), |e| e["name"].as_str().unwrap().to_string());
        (
            quote["speaker_text"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            name,
        )
    };
    // "the PID said" names the Press Information Department.
    assert_eq!(
        speaker_of(&records[0], "Both sides showed satisfaction"),
        ("the PID".into(), "Press Information Department".into())
    );
    assert_eq!(
        speaker_of(&records[0], "During the meeting").1,
        "Inter-Services Public Relations"
    );
    // "he warned" is the military spokesperson, not Imran Khan named in between.
    assert_eq!(
        speaker_of(&records[1], "If someone for the sake"),
        ("he".into(), "Ahmed Sharif Chaudhry".into())
    );
    // A paragraph of quotation with no cue belongs to the running speaker.
    let running = records[1]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["cue"].is_null() && q["kind"] == "direct" && !q["speaker"].is_null());
    assert!(running.is_some(), "{:#}", records[1]["quotes"]);
    // The headline's quotation, in single marks inside reported speech.
    let headline = records[1]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["field"] == "headline")
        .unwrap_or_else(|| panic!("{:#}", records[1]["quotes"]));
    assert_eq!(headline["speaker_text"], "Pakistan military");
    assert_eq!(headline["kind"], "mixed");
    // Offsets slice the quotation's field (the body unless it names another).
    for q in records[1]["quotes"].as_array().unwrap() {
        let field = match q["field"].as_str() {
            None => records[1]["body"].as_str(),
            Some("headline") => records[1]["headline"].as_str(),
            Some(other) => {
                let n: usize = other.strip_prefix("summary.").unwrap().parse().unwrap();
                records[1]["summary"][n].as_str()
            }
        };
        let chars: Vec<char> = field.unwrap().chars().collect();
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            q["text"].as_str().unwrap()
        );
    }
}

#[test]
fn quotes_require_entities_before_them() {
    let dir = tempfile::tempdir().unwrap();
    let pipeline = write_pipeline(dir.path(), "in/*.txt", "[[enrich]]\nuse = \"quotes\"\n");
    let result = dateline(dir.path(), &["check", pipeline.to_str().unwrap()]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(result.stderr.contains("entities"), "{}", result.stderr);
}

#[test]
fn the_old_spelling_of_a_source_still_runs_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), "Headline\n\nA body of text.\n").unwrap();
    let pipeline = dir.path().join("pipeline.toml");
    std::fs::write(
        &pipeline,
        "[[source]]\nparse = \"text\"\npaths = [\"in/*.txt\"]\n[[sink]]\nuse = \"jsonl\"\npath = \"out/a.jsonl\"\n",
    )
    .unwrap();
    let result = dateline(dir.path(), &["run", pipeline.to_str().unwrap()]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    assert!(
        result
            .stderr
            .contains("pipeline.toml:2:1: `parse = ...` is the old spelling: write `use = ...`"),
        "{}",
        result.stderr
    );
    assert_eq!(read_records(&dir.path().join("out/a.jsonl")).len(), 1);

    // Both spellings at once is a mistake.
    std::fs::write(
        &pipeline,
        "[[source]]\nuse = \"text\"\nparse = \"text\"\npaths = [\"in/*.txt\"]\n[[sink]]\nuse = \"jsonl\"\npath = \"out/a.jsonl\"\n",
    )
    .unwrap();
    let result = dateline(dir.path(), &["check", pipeline.to_str().unwrap()]);
    assert_eq!(result.code, 2, "{}", result.stderr);
    assert!(
        result.stderr.contains("has both `use` and `parse`"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_page_nested_100000_deep_costs_a_warning_not_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let n = 100_000;
    let deep = format!(
        "<html><head><title>Deep page</title></head><body>{}<p>Words at the bottom.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    std::fs::write(inputs.join("a-deep.html"), deep).unwrap();
    std::fs::write(
        inputs.join("b-plain.html"),
        "<html><head><title>Plain page</title></head><body><article><p>An ordinary \
         paragraph of an ordinary page, long enough to be read as its article.</p>\
         </article></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pipeline.toml"),
        "[[source]]\nuse = \"html\"\npaths = [\"in/*.html\"]\n\
         [[sink]]\nuse = \"jsonl\"\npath = \"out/articles.jsonl\"\n",
    )
    .unwrap();
    let run = dateline(dir.path(), &["run", "pipeline.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records = read_records(&dir.path().join("out/articles.jsonl"));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["headline"], "Deep page");
    assert!(
        records[0]["body"]
            .to_string()
            .contains("Words at the bottom.")
    );
    let warning = records[0]["warnings"][0]["message"].as_str().unwrap();
    assert!(
        warning.contains("100002 deep; the tags past 512"),
        "{warning}"
    );
    assert_eq!(records[1]["headline"], "Plain page");
}
