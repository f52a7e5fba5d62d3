//! `cargo xtask bench limits`: hostile and huge inputs through the release binary, each in
//! its own process, with its outcome, wall time and peak memory. Every one must end as
//! records or dead letters with memory bounded by the sources' limits, never as a crash.
//!
//! The inputs are generated here (in a temporary directory), not stored:
//! - a 2 GB text file (past `max_input_bytes`: one dead letter);
//! - a WARC of 100,000 small response records (gzip member per record);
//! - a JSONL file whose one line is 100 MB (past `max_line_bytes`);
//! - an HTML page nested 100,000 elements deep (flattened, with a warning);
//! - gzip bombs: 4 GB of text, HTML and JSONL in 4 MB files.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

/// One input: what it is, the source that reads it, its file name, how to make it, and
/// the records and dead letters it must end as.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    fn(&Path) -> Result<()>,
    (usize, usize),
);

/// The most memory any case may take: the sources read at most 64 MB at a time, and the
/// largest case peaked at 225 MB.
const PEAK_MB_ALLOWED: f64 = 320.0;

pub fn run() -> Result<()> {
    let binary = crate::bench::build_release()?;
    let scratch = tempfile::tempdir()?;
    let dir = scratch.path();
    println!(
        "{:<44} {:>9} {:>8} {:>6} {:>9}",
        "input", "written", "dead", "wall s", "peak MB"
    );

    let cases: [Case; 7] = [
        (
            "2 GB text file",
            "text",
            "big.txt",
            |p| {
                repeat_into(
                    p,
                    b"Lorem ipsum dolor sit amet, consectetur.\n",
                    2 << 30,
                    false,
                )
            },
            (0, 1),
        ),
        (
            "WARC of 100,000 records",
            "warc",
            "many.warc.gz",
            many_records,
            (100_000, 0),
        ),
        (
            "JSONL line of 100 MB",
            "jsonl",
            "long.jsonl",
            |p| {
                let mut file = std::fs::File::create(p)?;
                file.write_all(b"{\"text\": \"")?;
                file.write_all(&vec![b'a'; 100 << 20])?;
                file.write_all(b"\"}\n{\"title\": \"After\", \"text\": \"The next line.\"}\n")?;
                Ok(())
            },
            (1, 1),
        ),
        (
            "HTML nested 100,000 deep",
            "html",
            "deep.html",
            |p| {
                let n = 100_000;
                let page = format!(
                    "<html><head><title>Deep</title></head><body>{}<p>Words.</p>{}</body></html>",
                    "<div>".repeat(n),
                    "</div>".repeat(n)
                );
                Ok(std::fs::write(p, page)?)
            },
            (1, 0),
        ),
        (
            "gzip bomb: 4 GB of text",
            "text",
            "bomb.txt.gz",
            |p| repeat_into(p, b"word ", 4 << 30, true),
            (0, 1),
        ),
        (
            "gzip bomb: 4 GB of HTML",
            "html",
            "bomb.html.gz",
            |p| repeat_into(p, b"<p>aaaa</p>", 4 << 30, true),
            (0, 1),
        ),
        (
            "gzip bomb: a 4 GB JSONL line",
            "jsonl",
            "bomb.jsonl.gz",
            |p| repeat_into(p, b"aaaaaaaa", 4 << 30, true),
            (0, 2),
        ),
    ];
    let mut failures = Vec::new();
    for (label, source, name, make, (want_written, want_dead)) in cases {
        let case_dir = dir.join(name.replace('.', "-"));
        std::fs::create_dir_all(&case_dir)?;
        make(&case_dir.join(name)).with_context(|| format!("making {label}"))?;
        std::fs::write(
            case_dir.join("pipeline.toml"),
            format!(
                "[run]\ndead_letter = \"dead.jsonl\"\n[[source]]\nuse = \"{source}\"\n\
                 paths = [\"{name}\"]\n[[sink]]\nuse = \"jsonl\"\npath = \"records.jsonl\"\n"
            ),
        )?;
        let started = Instant::now();
        let child = Command::new(&binary)
            .args(["run", "pipeline.toml", "-q"])
            .current_dir(&case_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let crate::bench::Usage {
            code,
            peak_rss_mb: peak_mb,
            ..
        } = crate::bench::wait_with_usage(child.id() as libc::pid_t)?;
        let wall = started.elapsed().as_secs_f64();
        if code != 0 && code != 3 {
            bail!("{label}: dateline exited with {code}: it must end as records or dead letters");
        }
        let lines = |file: &str| {
            std::fs::read_to_string(case_dir.join(file)).map_or(0, |t| t.lines().count())
        };
        let (written, dead) = (lines("records.jsonl"), lines("dead.jsonl"));
        println!("{label:<44} {written:>9} {dead:>8} {wall:>6.1} {peak_mb:>9.0}");
        if (written, dead) != (want_written, want_dead) {
            failures.push(format!(
                "{label}: {written} written and {dead} dead letters, expected {want_written} and {want_dead}"
            ));
        }
        if peak_mb > PEAK_MB_ALLOWED {
            failures.push(format!(
                "{label}: peak memory {peak_mb:.0} MB, more than {PEAK_MB_ALLOWED:.0} MB"
            ));
        }
        std::fs::remove_dir_all(&case_dir)?;
    }
    if !failures.is_empty() {
        bail!("limits not kept:\n  {}", failures.join("\n  "));
    }
    println!("limits: every case ended as expected within {PEAK_MB_ALLOWED:.0} MB");
    Ok(())
}

/// Writes `unit` over and over until `total` bytes, gzip-compressed when `gzip`.
fn repeat_into(path: &Path, unit: &[u8], total: u64, gzip: bool) -> Result<()> {
    let block: Vec<u8> = unit.iter().copied().cycle().take(1 << 20).collect();
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut out: Box<dyn Write> = if gzip {
        Box::new(GzEncoder::new(file, Compression::best()))
    } else {
        Box::new(file)
    };
    out.write_all(b"Headline\n\n")?;
    for _ in 0..total / block.len() as u64 {
        out.write_all(&block)?;
    }
    out.flush()?;
    Ok(())
}

/// A WARC of 100,000 response records, one gzip member each.
fn many_records(path: &Path) -> Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for i in 0..100_000 {
        let body = format!(
            "<html><head><title>Page {i}</title></head><body><article><p>Paragraph of page \
             {i}, long enough to be read as the text of an article by the extractor.</p>\
             </article></body></html>"
        );
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/{i}\r\n\
             WARC-Date: 2025-01-20T08:00:00Z\r\nWARC-Record-ID: <urn:uuid:{i}>\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let mut member = GzEncoder::new(Vec::new(), Compression::fast());
        member.write_all(record.as_bytes())?;
        out.write_all(&member.finish()?)?;
    }
    out.flush()?;
    Ok(())
}
