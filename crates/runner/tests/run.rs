//! The runner with small test plugins: ordering, accounting, failures, configuration errors.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use dateline_core::{
    Document, Enrich, Host, Kind, NoConfig, Parse, ParseContext, Parsed, Parts, Plugin,
    PluginError, PluginInfo, RawPart, Sink, SinkRecord, Source,
};
use dateline_runner::{Override, Registry, Silent, config};

/// One record per line: "ok ..." parses, "fail" is an error, "panic" panics, "skip" is skipped.
struct Lines;

impl Plugin for Lines {
    type Config = NoConfig;
    fn info() -> PluginInfo {
        PluginInfo {
            name: "lines".into(),
            version: "1.0.0".into(),
            kind: Kind::Parse,
            description: "test".into(),
            requires: vec![],
            provides: vec!["headline".into(), "body".into()],
        }
    }
    fn new(_: NoConfig, _: &dyn Host) -> Result<Self, PluginError> {
        Ok(Lines)
    }
}

impl Parse for Lines {
    fn split<'a>(&'a self, _uri: &'a str, input: Box<dyn BufRead + Send + 'a>) -> Parts<'a> {
        let mut offset = 0u64;
        Box::new(input.lines().enumerate().map(move |(i, line)| {
            let line = line?;
            let part = RawPart {
                index: i as u32,
                offset,
                line: Some(i as u64 + 1),
                bytes: line.clone().into_bytes(),
                meta: Default::default(),
            };
            offset += line.len() as u64 + 1;
            Ok(part)
        }))
    }

    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError> {
        let text = std::str::from_utf8(&part.bytes).unwrap();
        match text {
            "fail" => Err(PluginError::new("this line is bad")),
            "panic" => panic!("parser exploded"),
            "skip" => Ok(Parsed::Skip("asked to skip".into())),
            _ => {
                let mut doc = Document::new(Source::new(ctx.uri, part.index, "lines"));
                doc.headline = Some(text.to_string());
                doc.set_body(vec![text.to_string()]);
                Ok(Parsed::Document(Box::new(doc)))
            }
        }
    }
}

/// Fails on bodies containing "enrich-fail", panics on "enrich-panic", else counts words.
struct Picky;

impl Plugin for Picky {
    type Config = NoConfig;
    fn info() -> PluginInfo {
        PluginInfo {
            name: "picky".into(),
            version: "0.1.0".into(),
            kind: Kind::Enrich,
            description: "test".into(),
            requires: vec!["body".into()],
            provides: vec!["extra".into()],
        }
    }
    fn new(_: NoConfig, _: &dyn Host) -> Result<Self, PluginError> {
        Ok(Picky)
    }
}

impl Enrich for Picky {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        if doc.body.contains("enrich-fail") {
            return Err(PluginError::new("picky refuses"));
        }
        if doc.body.contains("enrich-panic") {
            panic!("picky panicked");
        }
        doc.extra
            .insert("picky".into(), doc.body.split_whitespace().count().into());
        Ok(())
    }
}

/// Needs entities, which nothing here provides.
struct NeedsEntities;

impl Plugin for NeedsEntities {
    type Config = NoConfig;
    fn info() -> PluginInfo {
        PluginInfo {
            name: "needs-entities".into(),
            version: "0.1.0".into(),
            kind: Kind::Enrich,
            description: "test".into(),
            requires: vec!["entities".into()],
            provides: vec!["quotes".into()],
        }
    }
    fn new(_: NoConfig, _: &dyn Host) -> Result<Self, PluginError> {
        Ok(NeedsEntities)
    }
}

impl Enrich for NeedsEntities {
    fn enrich(&self, _doc: &mut Document) -> Result<(), PluginError> {
        Ok(())
    }
}

/// Writes headlines, one per line; refuses the headline "sink-fail".
struct Headlines {
    out: std::fs::File,
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct HeadlinesConfig {
    path: String,
}

impl Plugin for Headlines {
    type Config = HeadlinesConfig;
    fn info() -> PluginInfo {
        PluginInfo {
            name: "headlines".into(),
            version: "0.1.0".into(),
            kind: Kind::Sink,
            description: "test".into(),
            requires: vec![],
            provides: vec![],
        }
    }
    fn new(config: HeadlinesConfig, host: &dyn Host) -> Result<Self, PluginError> {
        let staged = host.stage_output(&host.resolve(&config.path))?;
        Ok(Headlines {
            out: std::fs::File::create(staged)?,
        })
    }
}

impl Sink for Headlines {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        use std::io::Write;
        let headline = record.doc().headline.as_deref().unwrap_or("");
        if headline == "sink-fail" {
            return Err(PluginError::new("sink refuses"));
        }
        writeln!(self.out, "{headline}")?;
        Ok(())
    }
    fn finish(&mut self) -> Result<(), PluginError> {
        Ok(())
    }
}

fn registry() -> Registry {
    Registry::new()
        .with(dateline_core::parser::<Lines>())
        .with(dateline_core::enricher::<Picky>())
        .with(dateline_core::enricher::<NeedsEntities>())
        .with(dateline_core::sink::<Headlines>())
}

fn pipeline(dir: &Path, extra_run: &str, enrich: &str) -> PathBuf {
    let path = dir.join("pipeline.toml");
    std::fs::write(
        &path,
        format!(
            "[run]\n{extra_run}\n\n[[source]]\nuse = \"lines\"\npaths = [\"in/*.txt\"]\n\n{enrich}\n[[sink]]\nuse = \"headlines\"\npath = \"out/headlines.txt\"\n"
        ),
    )
    .unwrap();
    path
}

fn read(path: &Path) -> String {
    let mut text = String::new();
    std::fs::File::open(path)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn records_arrive_in_input_order_at_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for file in 0..7 {
        let lines: Vec<String> = (0..300)
            .map(|i| format!("ok file {file} line {i}"))
            .collect();
        std::fs::write(
            dir.path().join(format!("in/{file:02}.txt")),
            lines.join("\n"),
        )
        .unwrap();
    }
    let mut outputs = Vec::new();
    for threads in [1, 2, 8] {
        let path = pipeline(
            dir.path(),
            &format!("threads = {threads}\nbatch_size = 17"),
            "[[enrich]]\nuse = \"picky\"\n",
        );
        let plan = config::load(&path, &[], &registry()).unwrap();
        let summary = dateline_runner::run(&plan, &Silent).unwrap();
        assert_eq!(summary.written, 2100);
        outputs.push(read(&dir.path().join("out/headlines.txt")));
    }
    assert!(outputs[0].starts_with("ok file 0 line 0\nok file 0 line 1\n"));
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn every_failure_is_dead_lettered_and_the_counts_add_up() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(
        dir.path().join("in/a.txt"),
        "ok one\nfail\npanic\nskip\nok enrich-fail\nok enrich-panic\nsink-fail\nok last",
    )
    .unwrap();
    std::fs::write(dir.path().join("in/empty.txt"), "").unwrap();
    let path = pipeline(dir.path(), "", "[[enrich]]\nuse = \"picky\"\n");
    let plan = config::load(&path, &[], &registry()).unwrap();
    let summary = dateline_runner::run(&plan, &Silent).unwrap();

    assert_eq!(summary.read, 9, "8 lines and one empty input");
    assert_eq!(summary.written, 2, "{summary:?}");
    assert_eq!(summary.dead_lettered, 5);
    assert_eq!(summary.skipped, 2);
    // Each skipped input is named under its reason.
    let mut named: Vec<&str> = summary
        .skipped_inputs
        .values()
        .flatten()
        .map(String::as_str)
        .collect();
    named.sort_unstable();
    assert_eq!(
        named,
        ["in/a.txt", "in/empty.txt"],
        "{:?}",
        summary.skipped_inputs
    );
    assert_eq!(
        summary.skipped_inputs["empty input (no article found)"],
        ["in/empty.txt"]
    );
    assert_eq!(
        read(&dir.path().join("out/headlines.txt")),
        "ok one\nok last\n"
    );

    let letters: Vec<serde_json::Value> = read(&dir.path().join("out/dead-letter.jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let brief: Vec<(String, String, u64)> = letters
        .iter()
        .map(|l| {
            (
                l["stage"].as_str().unwrap().to_string(),
                l["plugin"].as_str().unwrap().to_string(),
                l["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        brief,
        vec![
            ("parse".into(), "lines@1.0.0".into(), 2),
            ("parse".into(), "lines@1.0.0".into(), 3),
            ("enrich".into(), "picky@0.1.0".into(), 5),
            ("enrich".into(), "picky@0.1.0".into(), 6),
            ("sink".into(), "headlines@0.1.0".into(), 0),
        ]
    );
    assert!(
        letters[1]["message"]
            .as_str()
            .unwrap()
            .contains("panicked: parser exploded")
    );
    assert_eq!(
        letters[2]["text"], "ok enrich-fail",
        "the input travels with the dead letter"
    );
    assert_eq!(letters[0]["input"], "in/a.txt");
}

#[test]
fn abort_stops_and_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/a.txt"), "ok one\nfail\nok two").unwrap();
    let path = pipeline(dir.path(), "on_error = \"abort\"", "");
    let plan = config::load(&path, &[], &registry()).unwrap();
    let error = dateline_runner::run(&plan, &Silent).unwrap_err();
    assert!(error.to_string().contains("this line is bad"), "{error}");
    let out = dir.path().join("out");
    let left: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.flatten().collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing may be left behind: {left:?}");
}

#[test]
fn an_unmet_requirement_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = pipeline(dir.path(), "", "[[enrich]]\nuse = \"needs-entities\"\n");
    let errors = config::load(&path, &[], &registry())
        .err()
        .expect("invalid");
    assert_eq!(errors.0.len(), 1, "{errors}");
    let error = &errors.0[0];
    assert!(error.message.contains("requires `entities`"), "{error}");
    assert!(
        error.location.ends_with("pipeline.toml:9:7"),
        "{}",
        error.location
    );
}

#[test]
fn all_mistakes_are_reported_at_once_with_positions_and_hints() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pipeline.toml");
    std::fs::write(
        &path,
        "[run]\nthreds = 2\n\n[[source]]\nuse = \"line\"\npaths = [\"in/*.txt\"]\n\n[[sink]]\nuse = \"headlines\"\npth = \"out/x\"\n",
    )
    .unwrap();
    let errors = config::load(&path, &[], &registry())
        .err()
        .expect("invalid")
        .0;
    let rendered: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.location, e.message))
        .collect();
    assert_eq!(errors.len(), 3, "{rendered:#?}");
    assert!(
        rendered[0]
            .contains("pipeline.toml:2:1: unknown key `threds` in [run]; did you mean `threads`?"),
        "{}",
        rendered[0]
    );
    assert!(
        rendered[1]
            .contains("pipeline.toml:5:7: no source plugin named `line`; did you mean `lines`?"),
        "{}",
        rendered[1]
    );
    assert!(
        rendered[2].contains("pipeline.toml:10:1: unknown key `pth`"),
        "{}",
        rendered[2]
    );
    assert!(
        rendered[2].contains("did you mean `path`?"),
        "{}",
        rendered[2]
    );
}

#[test]
fn overrides_change_any_key_and_are_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = pipeline(dir.path(), "threads = 1", "");
    let set = |key: &str, value: &str| Override {
        key: key.into(),
        value: value.into(),
    };
    let plan = config::load(
        &path,
        &[set("run.threads", "3"), set("sink.0.path", "elsewhere.txt")],
        &registry(),
    )
    .unwrap();
    assert_eq!(plan.run.threads, 3);
    assert_eq!(plan.sinks[0].config["path"], "elsewhere.txt");

    let errors = config::load(
        &path,
        &[set("sink.4.path", "x"), set("run.threads", "many")],
        &registry(),
    )
    .err()
    .expect("invalid")
    .0;
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].location == "--set sink.4.path" && errors[0].message.contains("out of range")
    );
    assert!(errors[1].location == "--set run.threads");
}
