//! The report, opened in a real headless Chromium: highlights and entity pages in the
//! DOM, a screenshot, and a hostile article proven inert (no script runs, no request).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use dateline_core::{Document, EntityTone, EntityType, Plugin, Sink, SinkRecord, Tone, Topic};
use dateline_report::{ReportConfig, ReportSink};
use dateline_testkit::{Builder, enriched_records};

fn write_report(dir: &Path, docs: &[Document], max_articles: usize) -> PathBuf {
    let config = ReportConfig {
        path: "report.html".into(),
        max_articles,
        max_entities: 2000,
        title: "Test report".into(),
        stories: true,
    };
    let mut sink =
        ReportSink::new(config, &dateline_testkit::DirectHost(dir.to_path_buf())).unwrap();
    for doc in docs {
        let json = serde_json::to_string(doc).unwrap();
        let cell = OnceLock::from(doc.clone());
        sink.write(&SinkRecord::new(&json, &cell)).unwrap();
    }
    sink.finish().unwrap();
    dir.join("report.html")
}

/// Debian's Chromium, or None with a loud message (required when CI is set).
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|name| Path::new("/usr/bin").join(name))
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is required in CI: .ci/run installs Debian's chromium package"
        );
        eprintln!(
            "SKIPPED: no Chromium in /usr/bin; install Debian's `chromium` to run the browser tests"
        );
    }
    found
}

fn headless(browser: &Path, profile: &Path) -> Command {
    let mut command = Command::new(browser);
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--virtual-time-budget=3000",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The DOM after the page's scripts ran.
fn dump_dom(browser: &Path, page: &Path, profile: &Path) -> String {
    let output = headless(browser, profile)
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_report_renders_with_highlights_and_entity_pages_and_hostile_text_is_inert() {
    let dir = tempfile::tempdir().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();

    let mut docs = enriched_records();
    let leak = format!(
        "Beacons: <img src=\"http://127.0.0.1:{port}/leak\"> <link rel=stylesheet href=\"http://127.0.0.1:{port}/css\">"
    );
    docs.push(
        Builder::new(
            "fixtures/beacon.txt",
            &format!("<iframe src=\"http://127.0.0.1:{port}/frame\"></iframe>"),
            &[&leak],
        )
        .entity(
            EntityType::Organization,
            &format!("<img src=http://127.0.0.1:{port}/entity>"),
            &["Beacons"],
        )
        .build(),
    );
    // Tone and topics as the enrichers give them: the report shows them, colours entity
    // pages by tone and filters by both.
    let topic = |code: &str, label: &str, score: f64| Topic {
        code: code.into(),
        label: label.into(),
        score,
    };
    docs[0].tone = Some(Tone {
        score: 0.42,
        positive: 0.05,
        negative: 0.01,
        polarity: 0.06,
        words: 80,
    });
    docs[0].topics = vec![topic("medtop:11000000", "politics", 0.9)];
    docs[0].entities[0].tone = Some(EntityTone { score: -0.5 });
    docs[1].tone = Some(Tone {
        score: -0.3,
        positive: 0.0,
        negative: 0.04,
        polarity: 0.04,
        words: 70,
    });
    docs[1].topics = vec![
        topic("medtop:16000000", "conflict, war and peace", 0.6),
        topic("medtop:11000000", "politics", 0.3),
    ];
    let page = write_report(dir.path(), &docs, 1000);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("class=\"ent person\""));
    assert!(
        html.contains(
            "<section class=\"entity person tone-negative\" id=\"e-person-prabowo-subianto-"
        ),
        "an entity page is coloured by the tone toward it"
    );
    assert!(html.contains("tone <span class=\"tone-positive\">+0.42 (positive)</span>"));
    assert!(html.contains("topics: politics 0.90"));
    assert!(
        !html.contains("<script>document"),
        "article text is escaped"
    );
    assert!(html.contains("&lt;script&gt;document.body.setAttribute"));

    let Some(browser) = chromium() else { return };
    let dom = dump_dom(&browser, &page, &dir.path().join("profile"));
    let body_tag = dom[dom.find("<body").expect("a body")..]
        .split('>')
        .next()
        .unwrap();
    assert!(
        body_tag.contains("data-ready=\"1\""),
        "the report's own script ran under its CSP: {body_tag}"
    );
    assert!(
        !body_tag.contains("data-pwned"),
        "no hostile script or handler ran: {body_tag}"
    );
    assert!(
        dom.contains("&lt;script&gt;document.body.setAttribute"),
        "hostile markup shows as text"
    );
    assert!(
        !dom.contains("<a href=\"javascript:"),
        "no javascript: link (text only)"
    );

    // Highlights, linked to entity pages that exist.
    let marks = dom.matches("class=\"ent person\"").count();
    assert!(marks >= 6, "person mentions are highlighted ({marks})");
    assert!(dom.contains("class=\"ent organization\"") && dom.contains("class=\"ent place\""));
    assert!(dom.contains("class=\"quote\"") && dom.contains("class=\"time\""));
    for name in [
        "prabowo-subianto",
        "anwar-ibrahim",
        "inter-services-public-relations",
        "islamabad",
    ] {
        assert!(
            dom.contains(&format!("-{name}-")),
            "an entity page for {name}"
        );
    }
    let anchor = dom
        .split("href=\"#e-person-prabowo-subianto-")
        .nth(1)
        .expect("a link to Prabowo's page");
    let id = anchor.split('"').next().unwrap();
    assert!(
        dom.contains(&format!("id=\"e-person-prabowo-subianto-{id}\"")),
        "the link's target exists"
    );
    assert!(dom.contains("<ol class=\"timeline\">") && dom.contains("<time>2025-01-20</time>"));
    // Events: the trigger highlighted in the text, the frame listed with its actors linked
    // to their pages, and the dated event on the timeline.
    assert!(
        dom.contains("class=\"trigger\" title=\"event v1: consult\""),
        "the trigger is highlighted"
    );
    assert!(
        dom.contains(
            "<ul class=\"events\"><li><b>consult</b> (met): <a href=\"#e-person-prabowo-subianto-"
        ),
        "the event lists its source, linked"
    );
    assert!(
        dom.contains("consult (met): Prabowo Subianto \u{2192} Anwar Ibrahim"),
        "the timeline lists who met whom"
    );
    assert!(
        dom.contains("<svg") && dom.contains("Prabowo Subianto</text>"),
        "the network is drawn"
    );
    assert!(
        dom.contains("4 of 4 articles"),
        "the filters counted the index"
    );
    // Filtered by topic and by tone from a link, in the browser.
    let filtered = |hash: &str| {
        let output = headless(&browser, &dir.path().join("profile"))
            .arg("--dump-dom")
            .arg(format!("file://{}#filter?{hash}", page.display()))
            .output()
            .expect("chromium runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    assert!(filtered("topics=politics").contains("2 of 4 articles"));
    assert!(filtered("topics=conflict%2C%20war%20and%20peace").contains("1 of 4 articles"));
    assert!(filtered("topics=politics&tone=negative").contains("1 of 4 articles"));
    // Stories: an index of them, each linked from its heading row in the article list, and
    // every article row under the heading of its story.
    let stories = dom.matches("<section class=\"story\" id=\"story-s").count();
    let heads = dom
        .matches("<tr class=\"story-head\" data-story=\"s")
        .count();
    assert!(
        stories >= 1 && stories == heads,
        "{stories} stories, {heads} heading rows"
    );
    assert_eq!(
        dom.matches(" data-story=\"s").count(),
        heads + 4,
        "each article has its story"
    );
    assert!(
        dom.contains("4 articles tell"),
        "the stories index counts them"
    );
    let order: Vec<&str> = dom
        .split("<tr ")
        .skip(1)
        .filter_map(|row| row.split("data-story=\"").nth(1))
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    let mut seen: Vec<&str> = order.clone();
    seen.dedup();
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        seen.len(),
        unique.len(),
        "articles are grouped by story: {order:?}"
    );

    // A screenshot, to look at.
    let shot = dir.path().join("report.png");
    let status = headless(&browser, &dir.path().join("profile"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,2400")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(status.status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "a real screenshot ({} bytes)",
        png.len()
    );
    if let Ok(keep) = std::env::var("DATELINE_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }

    // Nothing reached out: not the page, not any hostile beacon.
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        Ok((_, from)) => panic!("the report made a request (from {from})"),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn ten_thousand_articles_stay_under_twenty_megabytes_and_say_what_was_capped() {
    let dir = tempfile::tempdir().unwrap();
    let template = enriched_records().remove(0);
    let docs: Vec<Document> = (0..10_000)
        .map(|i| {
            let mut doc = template.clone();
            doc.id = format!("bulk/{i:05}.txt#0");
            doc.source.uri = format!("bulk/{i:05}.txt");
            doc.headline = Some(format!("Bulk article {i}"));
            doc
        })
        .collect();
    let page = write_report(dir.path(), &docs, 1000);
    let size = std::fs::metadata(&page).unwrap().len();
    assert!(size < 20_000_000, "{size} bytes");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(
        "The first 1000 articles are shown in full; the other 9000 are listed in the index only"
    ));
    assert_eq!(
        html.matches("<tr data-people=").count(),
        10_000,
        "every article is in the index"
    );

    let Some(browser) = chromium() else { return };
    let dom = dump_dom(&browser, &page, &dir.path().join("profile"));
    assert!(
        dom.contains("data-ready=\"1\""),
        "it opens and its script runs"
    );
}
