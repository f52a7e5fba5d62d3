//! WARC framing on archives built here: per-record gzip, whole-file gzip, plain; with
//! corrupt, truncated and malformed records among intact ones.

use std::io::{BufRead, Write};

use dateline_core::{Host, Parse, ParseContext, Parsed, Plugin, PluginError, RawPart};
use dateline_warc::{WarcConfig, WarcParser};

struct NoHost;
impl Host for NoHost {
    fn reference_time(&self) -> Option<&str> {
        None
    }
    fn resolve(&self, path: &str) -> std::path::PathBuf {
        path.into()
    }
    fn stage_output(&self, path: &std::path::Path) -> Result<std::path::PathBuf, PluginError> {
        Ok(path.into())
    }
}

fn record(kind: &str, uri: &str, block: &str) -> Vec<u8> {
    format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-01-20T10:00:00Z\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
    .into_bytes()
}

fn page(title: &str, text: &str) -> String {
    let paragraphs: String = (0..6).map(|i| format!("<p>{text} Paragraph {i} goes on about the matter at some length so that it reads as an article.</p>")).collect();
    let html = format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    );
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    )
}

fn records() -> Vec<Vec<u8>> {
    vec![
        record("warcinfo", "", "format: WARC File Format 1.1\r\n"),
        record(
            "response",
            "https://news.example/a",
            &page("First story", "Alpha."),
        ),
        record(
            "request",
            "https://news.example/a",
            "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        record(
            "response",
            "https://news.example/b",
            &page("Second story", "Beta."),
        ),
        record(
            "response",
            "https://news.example/c.png",
            "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{1}PNG",
        ),
        record(
            "response",
            "https://news.example/d",
            &page("Fourth story", "Delta."),
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Frames and parses an archive: (headlines or skip reasons, errors with offsets).
fn read(archive: Vec<u8>) -> (Vec<String>, Vec<(u64, String)>) {
    let parser = WarcParser::new(WarcConfig::default(), &NoHost).unwrap();
    let input: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(archive));
    let ctx = ParseContext {
        uri: "a.warc.gz",
        reference_time: None,
    };
    let mut seen = Vec::new();
    let mut errors = Vec::new();
    let parts: Vec<Result<RawPart, PluginError>> = parser.split("a.warc.gz", input).collect();
    for part in parts {
        match part.and_then(|p| parser.parse(&p, &ctx)) {
            Ok(Parsed::Document(doc)) => seen.push(doc.headline.unwrap_or_default()),
            Ok(Parsed::Skip(reason)) => seen.push(format!("skip: {reason}")),
            Err(e) => errors.push((e.offset.unwrap_or(u64::MAX), e.message)),
        }
    }
    (seen, errors)
}

const EXPECTED: [&str; 6] = [
    "skip: WARC warcinfo record",
    "First story",
    "skip: WARC request record",
    "Second story",
    "skip: not an HTML response (image/png)",
    "Fourth story",
];

#[test]
fn every_layout_gives_the_same_records() {
    let plain: Vec<u8> = records().concat();
    let per_record: Vec<u8> = records().iter().flat_map(|r| gzip(r)).collect();
    let whole = gzip(&plain);
    for (name, archive) in [
        ("plain", plain),
        ("gzip per record", per_record),
        ("whole-file gzip", whole),
    ] {
        let (seen, errors) = read(archive);
        assert_eq!(seen, EXPECTED, "{name}");
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

#[test]
fn a_corrupt_member_costs_only_its_record_and_is_located() {
    let members: Vec<Vec<u8>> = records().iter().map(|r| gzip(r)).collect();
    let offset_of_second: u64 = members[..3].iter().map(|m| m.len() as u64).sum();
    let mut corrupt = members.clone();
    let middle = corrupt[3].len() / 2;
    for byte in &mut corrupt[3][middle..middle + 12] {
        *byte ^= 0x5a;
    }
    let (seen, errors) = read(corrupt.concat());
    assert_eq!(
        seen,
        [
            "skip: WARC warcinfo record",
            "First story",
            "skip: WARC request record",
            "skip: not an HTML response (image/png)",
            "Fourth story"
        ]
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, offset_of_second, "{errors:?}");

    // A truncated archive: the intact records, then one located error.
    let mut truncated = members.concat();
    let cut = truncated.len() - members[5].len() / 2;
    truncated.truncate(cut);
    let (seen, errors) = read(truncated);
    assert_eq!(seen, EXPECTED[..5]);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].1.contains("corrupt gzip member"), "{errors:?}");
}

#[test]
fn a_malformed_plain_record_is_skipped_and_framing_resumes() {
    let mut bad = records();
    // A Content-Length that is not a number.
    bad[3] = String::from_utf8(bad[3].clone())
        .unwrap()
        .replace("Content-Length: ", "Content-Length: x")
        .into_bytes();
    let (seen, errors) = read(bad.concat());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].1.contains("no valid Content-Length"));
    assert_eq!(
        seen.last().map(String::as_str),
        Some("Fourth story"),
        "{seen:?}"
    );
}
