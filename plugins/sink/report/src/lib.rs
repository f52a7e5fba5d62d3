//! # dateline-report
//!
//! The `report` sink: one self-contained HTML file to read a corpus in a browser. An
//! index of articles with filters (person, organization, place, topic, tone, date, source); each
//! article with its entities, times and quotes highlighted and linked; a page per entity
//! with its mentions across the corpus; a timeline; a co-mention network of people and
//! organizations drawn as SVG at build time.
//!
//! Safety: every piece of article text is HTML-escaped, links are made only for
//! `http(s)` URLs, and a Content-Security-Policy allows no network access and no script
//! but the report's own (pinned by its hash), so even text that slipped through could
//! not run or fetch anything. Size: the first `max_articles` articles are shown in full,
//! the rest in the index only, with a note saying so.

#![warn(missing_docs)]

mod html;
mod network;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use dateline_core::{
    Document, EntityType, Host, Kind, Plugin, PluginError, PluginInfo, Sink, SinkRecord,
};
use dateline_stories::{Stories, Storybook};
use serde::Deserialize;

use crate::html::{attr, esc};

/// The plugin's name in pipelines.
pub const NAME: &str = "report";

/// One article's HTML as the report shows it: what Dateline's fuzzing checks stays inert
/// whatever the article holds.
pub fn article_html(doc: &Document) -> String {
    html::article(doc, 0, &entity_anchor)
}

/// Configuration of the `report` sink.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The HTML file, relative to the pipeline's directory.
    pub path: String,
    /// Articles shown in full (default 1000); the rest are listed in the index only.
    #[serde(default = "default_max_articles")]
    pub max_articles: usize,
    /// Entity pages (default 2000, the most mentioned first).
    #[serde(default = "default_max_entities")]
    pub max_entities: usize,
    /// Title of the report.
    #[serde(default = "default_title")]
    pub title: String,
    /// Group the articles into stories: a stories index, and the article list by story
    /// (default true).
    #[serde(default = "default_stories")]
    pub stories: bool,
}

fn default_stories() -> bool {
    true
}

fn default_max_articles() -> usize {
    1000
}
fn default_max_entities() -> usize {
    2000
}
fn default_title() -> String {
    "Dateline report".into()
}

/// Mentions of one entity kept for its page.
const MENTIONS_PER_ENTITY: usize = 50;
/// Entries kept for the timeline.
const TIMELINE_ENTRIES: usize = 5000;

/// An entity across the corpus, keyed by type and name.
#[derive(Default)]
struct CorpusEntity {
    articles: BTreeSet<usize>,
    /// Sum and count of its tone over the articles that give one.
    tone: (f64, usize),
    mentions: usize,
    titles: BTreeSet<String>,
    roles: BTreeSet<String>,
    acronym: Option<String>,
    contexts: Vec<(usize, String)>,
}

/// One row of the index.
struct IndexRow {
    headline: String,
    date: String,
    place: String,
    source: String,
    people: Vec<String>,
    organizations: Vec<String>,
    places: Vec<String>,
    /// The article's tone score, when it has one.
    tone: Option<f64>,
    /// Its topics' labels.
    topics: Vec<String>,
}

/// The `report` sink.
pub struct ReportSink {
    config: ReportConfig,
    out: Option<BufWriter<File>>,
    path: PathBuf,
    index: Vec<IndexRow>,
    articles: String,
    entities: BTreeMap<(EntityType, String), CorpusEntity>,
    timeline: Vec<(String, String, usize)>,
    pairs: BTreeMap<(String, String), usize>,
    stories: Option<Stories>,
}

impl Plugin for ReportSink {
    type Config = ReportConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: NAME.into(),
            version: env!("CARGO_PKG_VERSION").into(),
            kind: Kind::Sink,
            description: "one self-contained HTML file to browse the corpus".into(),
            requires: vec![],
            provides: vec![],
        }
    }

    fn new(config: ReportConfig, host: &dyn Host) -> Result<Self, PluginError> {
        let path = host.resolve(&config.path);
        let file = host.create_output(&path)?;
        Ok(ReportSink {
            out: Some(BufWriter::new(file)),
            path,
            index: Vec::new(),
            articles: String::new(),
            entities: BTreeMap::new(),
            timeline: Vec::new(),
            pairs: BTreeMap::new(),
            stories: config.stories.then(Stories::default),
            config,
        })
    }
}

/// The anchor of a story's entry in the stories index.
fn story_anchor(story: &str) -> String {
    format!("story-{story}")
}

fn type_name(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Place => "place",
        EntityType::Other => "other",
    }
}

/// An article's row in the index: headline, date, place, source and the entities to filter
/// by.
fn index_row(doc: &Document) -> IndexRow {
    let names = |kind: EntityType| -> Vec<String> {
        let mut names: Vec<String> = doc
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.name.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    };
    IndexRow {
        headline: doc.headline.clone().unwrap_or_else(|| doc.id.clone()),
        date: doc
            .published
            .as_deref()
            .or(doc.updated.as_deref())
            .map(|d| d.chars().take(10).collect())
            .unwrap_or_default(),
        place: doc
            .dateline
            .as_ref()
            .map(|d| d.place.clone())
            .unwrap_or_default(),
        source: doc.source.uri.clone(),
        people: names(EntityType::Person),
        organizations: names(EntityType::Organization),
        places: names(EntityType::Place),
        tone: doc.tone.as_ref().map(|t| t.score),
        topics: doc.topics.iter().map(|t| t.label.clone()).collect(),
    }
}

/// An event as a line of the timeline: "kind (trigger): source → target [mode]".
fn event_line(doc: &Document, event: &dateline_core::Event) -> String {
    let name = |a: &Option<dateline_core::Argument>| {
        a.as_ref().map(|a| {
            a.entity
                .as_deref()
                .and_then(|id| doc.entity(id))
                .map_or(a.text.clone(), |e| e.name.clone())
        })
    };
    let parties: Vec<String> = [name(&event.source), name(&event.target)]
        .into_iter()
        .flatten()
        .collect();
    let mut line = format!(
        "{} ({}): {}",
        event.kind,
        event.trigger.text,
        parties.join(" \u{2192} ")
    );
    if event.mode != dateline_core::EventMode::Asserted {
        line.push_str(&format!(" [{}]", event.mode.as_str()));
    }
    line
}

/// The anchor of an entity page.
fn entity_anchor(kind: EntityType, name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // The hash keeps anchors unique when two names slug alike.
    let hash = name
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    format!(
        "e-{}-{}-{hash:08x}",
        type_name(kind),
        slug.trim_matches('-')
    )
}

impl ReportSink {
    fn add(&mut self, doc: &Document) {
        let number = self.index.len();
        self.add_entities(doc, number);
        self.add_pairs(doc);
        self.add_to_timeline(doc, number);
        if number < self.config.max_articles {
            self.articles
                .push_str(&html::article(doc, number, &entity_anchor));
        }
        self.index.push(index_row(doc));
    }

    /// Each entity's corpus page: articles, mention count, titles, roles, acronym, and a few
    /// mentions in their context.
    fn add_entities(&mut self, doc: &Document, number: usize) {
        let body: Vec<char> = doc.body.chars().collect();
        for entity in &doc.entities {
            let corpus = self
                .entities
                .entry((entity.kind, entity.name.clone()))
                .or_default();
            corpus.articles.insert(number);
            if let Some(tone) = &entity.tone {
                corpus.tone.0 += tone.score;
                corpus.tone.1 += 1;
            }
            corpus.mentions += entity.mentions.len();
            corpus.titles.extend(entity.title.clone());
            corpus.roles.extend(entity.roles.iter().cloned());
            if corpus.acronym.is_none() {
                corpus.acronym = entity.acronym.clone();
            }
            for mention in entity.mentions.iter().filter(|m| m.field.is_none()) {
                if corpus.contexts.len() >= MENTIONS_PER_ENTITY || mention.end > body.len() {
                    continue;
                }
                let before: String = body[mention.start.saturating_sub(70)..mention.start]
                    .iter()
                    .collect();
                let span: String = body[mention.start..mention.end].iter().collect();
                let after: String = body[mention.end..(mention.end + 70).min(body.len())]
                    .iter()
                    .collect();
                let context = format!(
                    "…{}<mark>{}</mark>{}…",
                    esc(&before.replace('\n', " ")),
                    esc(&span),
                    esc(&after.replace('\n', " "))
                );
                corpus.contexts.push((number, context));
            }
        }
    }

    /// The co-mention network: each pair of people and organizations named together.
    fn add_pairs(&mut self, doc: &Document) {
        let mut linked: Vec<&String> = doc
            .entities
            .iter()
            .filter(|e| matches!(e.kind, EntityType::Person | EntityType::Organization))
            .map(|e| &e.name)
            .collect();
        linked.sort();
        linked.dedup();
        for (i, a) in linked.iter().enumerate() {
            for b in &linked[i + 1..] {
                *self.pairs.entry(((*a).clone(), (*b).clone())).or_default() += 1;
            }
        }
    }

    /// Dated time expressions, then dated events (who did what to whom), up to the
    /// timeline's size.
    fn add_to_timeline(&mut self, doc: &Document, number: usize) {
        for time in doc
            .times
            .iter()
            .filter(|t| t.value.starts_with(|c: char| c.is_ascii_digit()))
        {
            if self.timeline.len() < TIMELINE_ENTRIES {
                self.timeline
                    .push((time.value.clone(), time.text.clone(), number));
            }
        }
        for event in doc.events.iter().filter(|e| !e.negated) {
            let Some(value) = event.time.as_ref().and_then(|t| t.value.as_ref()) else {
                continue;
            };
            if !value.starts_with(|c: char| c.is_ascii_digit())
                || self.timeline.len() >= TIMELINE_ENTRIES
            {
                continue;
            }
            self.timeline
                .push((value.clone(), event_line(doc, event), number));
        }
    }

    fn render(&mut self) -> String {
        let book = self.stories.take().map(Stories::finish);
        let mut page = String::with_capacity(self.articles.len() + (1 << 20));
        let shown = self.index.len().min(self.config.max_articles);
        let _ = writeln!(
            page,
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{}'; img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>",
            html::script_hash(),
            esc(&self.config.title),
            html::STYLE
        );
        let people = self
            .entities
            .keys()
            .filter(|(k, _)| *k == EntityType::Person)
            .count();
        let organizations = self
            .entities
            .keys()
            .filter(|(k, _)| *k == EntityType::Organization)
            .count();
        let places = self
            .entities
            .keys()
            .filter(|(k, _)| *k == EntityType::Place)
            .count();
        let _ = writeln!(
            page,
            "<header><h1>{}</h1><p>{} articles · {people} people · {organizations} organizations · {places} places</p>\
             <nav><a href=\"#articles\">Articles</a> <a href=\"#stories\">Stories</a> <a href=\"#entities\">Entities</a> <a href=\"#timeline\">Timeline</a> <a href=\"#network\">Network</a></nav></header>",
            esc(&self.config.title),
            self.index.len()
        );
        if shown < self.index.len() {
            let _ = writeln!(
                page,
                "<p class=\"note\" id=\"capped\">The first {shown} articles are shown in full; the other {} are listed in the index only (raise <code>max_articles</code>, or query the SQLite output, to see them).</p>",
                self.index.len() - shown
            );
        }
        self.render_index(&mut page, shown, book.as_ref());
        if let Some(book) = &book {
            self.render_stories(&mut page, shown, book);
        }
        page.push_str("<section id=\"full\"><h2>Articles in full</h2>\n");
        page.push_str(&self.articles);
        page.push_str("</section>\n");
        self.render_entities(&mut page);
        self.render_timeline(&mut page, shown);
        page.push_str("<section id=\"network\"><h2>Who is mentioned with whom</h2>\n");
        page.push_str(&network::svg(
            &self.pairs,
            &self.entities_of_kinds(),
            &entity_anchor,
        ));
        page.push_str("</section>\n");
        let _ = writeln!(page, "<script>{}</script>\n</body>\n</html>", html::SCRIPT);
        page
    }

    fn entities_of_kinds(&self) -> BTreeMap<String, (EntityType, usize)> {
        self.entities
            .iter()
            .filter(|((k, _), _)| matches!(k, EntityType::Person | EntityType::Organization))
            .map(|((k, name), e)| (name.clone(), (*k, e.articles.len())))
            .collect()
    }

    /// The stories, largest first, each with its dates, people, places, event types and
    /// articles.
    fn render_stories(&self, page: &mut String, shown: usize, book: &Storybook) {
        let mut order: Vec<usize> = (0..book.stories.len()).collect();
        order.sort_by_key(|&k| (std::cmp::Reverse(book.stories[k].records.len()), k));
        let listed = order.len().min(self.config.max_articles.max(1));
        let _ = writeln!(
            page,
            "<section id=\"stories\"><h2>Stories</h2><p>{} articles tell {} stories.</p>",
            self.index.len(),
            book.stories.len()
        );
        if listed < order.len() {
            let _ = writeln!(
                page,
                "<p class=\"note\">The {listed} largest stories are listed; the article index groups every article by its story.</p>"
            );
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); book.stories.len()];
        for (number, &story) in book.story_of.iter().enumerate() {
            members[story as usize].push(number);
        }
        for &k in &order[..listed] {
            let story = &book.stories[k];
            let dates = match (&story.first_seen, &story.last_seen) {
                (Some(first), Some(last)) if first != last => format!(" · {first} – {last}"),
                (Some(first), _) => format!(" · {first}"),
                _ => String::new(),
            };
            let _ = write!(
                page,
                "<section class=\"story\" id=\"{}\"><h3>{} <small>{} · {} article(s){dates}</small></h3>",
                story_anchor(&story.story),
                esc(story.headline.as_deref().unwrap_or(&story.records[0])),
                esc(&story.story),
                story.records.len()
            );
            let mut facts = Vec::new();
            for (label, list) in [
                ("People and organizations", &story.entities),
                ("Places", &story.places),
                ("Events", &story.events),
            ] {
                if !list.is_empty() {
                    facts.push(format!("{label}: {}", esc(&list.join(", "))));
                }
            }
            if !facts.is_empty() {
                let _ = write!(page, "<p>{}</p>", facts.join(" · "));
            }
            page.push_str("<ol>");
            for &number in &members[k] {
                let row = &self.index[number];
                let headline = if number < shown {
                    format!("<a href=\"#a-{number}\">{}</a>", esc(&row.headline))
                } else {
                    esc(&row.headline)
                };
                let _ = write!(
                    page,
                    "<li>{headline} <small>{} {}</small></li>",
                    esc(&row.date),
                    esc(&row.source)
                );
            }
            page.push_str("</ol></section>\n");
        }
        page.push_str("</section>\n");
    }

    fn render_index(&self, page: &mut String, shown: usize, book: Option<&Storybook>) {
        let options = |kind: EntityType| -> String {
            self.entities
                .keys()
                .filter(|(k, _)| *k == kind)
                .map(|(_, name)| format!("<option value=\"{}\">{}</option>", attr(name), esc(name)))
                .collect()
        };
        let sources: BTreeSet<&str> = self.index.iter().map(|r| r.source.as_str()).collect();
        let topics: BTreeSet<&str> = self
            .index
            .iter()
            .flat_map(|r| r.topics.iter().map(String::as_str))
            .collect();
        let topic_options: String = topics
            .iter()
            .map(|t| format!("<option value=\"{}\">{}</option>", attr(t), esc(t)))
            .collect();
        let source_options: String = sources
            .iter()
            .map(|s| format!("<option value=\"{}\">{}</option>", attr(s), esc(s)))
            .collect();
        let _ = writeln!(
            page,
            "<section id=\"articles\"><h2>Articles</h2>\n<form class=\"filters\" id=\"filters\">\
             <label>Person <select data-filter=\"people\"><option value=\"\">any</option>{}</select></label> \
             <label>Organization <select data-filter=\"organizations\"><option value=\"\">any</option>{}</select></label> \
             <label>Place <select data-filter=\"places\"><option value=\"\">any</option>{}</select></label> \
             <label>Source <select data-filter=\"source\"><option value=\"\">any</option>{source_options}</select></label> \
             <label>Topic <select data-filter=\"topics\"><option value=\"\">any</option>{topic_options}</select></label> \
             <label>Tone <select data-filter=\"tone\"><option value=\"\">any</option><option value=\"negative\">negative</option><option value=\"neutral\">neutral</option><option value=\"positive\">positive</option></select></label> \
             <label>From <input type=\"date\" data-filter=\"from\"></label> <label>To <input type=\"date\" data-filter=\"to\"></label> \
             <span id=\"count\"></span></form>\n<table id=\"index\"><thead><tr><th>Date</th><th>Headline</th><th>Dateline</th><th>Source</th><th>Tone</th><th>Topic</th></tr></thead><tbody>",
            options(EntityType::Person),
            options(EntityType::Organization),
            options(EntityType::Place)
        );
        let join = |names: &[String]| {
            let mut joined = String::from("|");
            for name in names {
                joined.push_str(name);
                joined.push('|');
            }
            joined
        };
        // By story (in the order of each story's first article), else in input order.
        let mut order: Vec<usize> = (0..self.index.len()).collect();
        if let Some(book) = book {
            order.sort_by_key(|&number| (book.story_of[number], number));
        }
        let mut current = None;
        for number in order {
            let row = &self.index[number];
            let story = book.map(|b| &b.stories[b.story_of[number] as usize]);
            if let Some(story) = story
                && current != Some(&story.story)
            {
                current = Some(&story.story);
                let _ = writeln!(
                    page,
                    "<tr class=\"story-head\" data-story=\"{}\"><th colspan=\"6\"><a href=\"#{}\">{}</a> · {} article(s)</th></tr>",
                    attr(&story.story),
                    story_anchor(&story.story),
                    esc(story.headline.as_deref().unwrap_or(&story.story)),
                    story.records.len()
                );
            }
            let headline = if number < shown {
                format!("<a href=\"#a-{number}\">{}</a>", esc(&row.headline))
            } else {
                esc(&row.headline)
            };
            let _ = writeln!(
                page,
                "<tr data-people=\"{}\" data-organizations=\"{}\" data-places=\"{}\" data-topics=\"{}\" data-source=\"{}\" data-tone=\"{}\" data-date=\"{}\" data-story=\"{}\"><td>{}</td><td>{headline}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                attr(&join(&row.people)),
                attr(&join(&row.organizations)),
                attr(&join(&row.places)),
                attr(&join(&row.topics)),
                attr(&row.source),
                row.tone.map_or("", html::tone_class),
                attr(&row.date),
                attr(story.map_or("", |s| s.story.as_str())),
                esc(&row.date),
                esc(&row.place),
                esc(&row.source),
                row.tone.map_or(String::new(), |t| format!(
                    "<span class=\"tone-{}\">{t:+.2}</span>",
                    html::tone_class(t)
                )),
                row.topics.first().map_or(String::new(), |t| esc(t))
            );
        }
        page.push_str("</tbody></table></section>\n");
    }

    fn render_entities(&self, page: &mut String) {
        let mut ranked: Vec<(&(EntityType, String), &CorpusEntity)> =
            self.entities.iter().collect();
        ranked.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then_with(|| a.0.cmp(b.0)));
        ranked.truncate(self.config.max_entities);
        ranked.sort_by(|a, b| a.0.cmp(b.0));
        let _ = writeln!(page, "<section id=\"entities\"><h2>Entities</h2>");
        if self.entities.len() > ranked.len() {
            let _ = writeln!(
                page,
                "<p class=\"note\">The {} most mentioned of {} entities have a page.</p>",
                ranked.len(),
                self.entities.len()
            );
        }
        for ((kind, name), entity) in ranked {
            let mut facts = Vec::new();
            if !entity.titles.is_empty() {
                facts.push(format!(
                    "title: {}",
                    esc(&entity.titles.iter().cloned().collect::<Vec<_>>().join(", "))
                ));
            }
            if let Some(acronym) = &entity.acronym {
                facts.push(format!("acronym: {}", esc(acronym)));
            }
            let tone = (entity.tone.1 > 0).then(|| entity.tone.0 / entity.tone.1 as f64);
            if let Some(tone) = tone {
                facts.push(format!(
                    "tone toward it {tone:+.2} ({}), over {} article(s)",
                    html::tone_class(tone),
                    entity.tone.1
                ));
            }
            if !entity.roles.is_empty() {
                facts.push(format!(
                    "roles: {}",
                    esc(&entity.roles.iter().cloned().collect::<Vec<_>>().join("; "))
                ));
            }
            let _ = write!(
                page,
                "<section class=\"entity {0}{6}\" id=\"{1}\"><h3>{2} <small>{0}</small></h3><p>{3} mention(s) in {4} article(s){5}</p><ul>",
                type_name(*kind),
                entity_anchor(*kind, name),
                esc(name),
                entity.mentions,
                entity.articles.len(),
                if facts.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", facts.join(" · "))
                },
                tone.map_or(String::new(), |t| format!(" tone-{}", html::tone_class(t)))
            );
            for (number, context) in &entity.contexts {
                let link = if *number < self.config.max_articles {
                    format!(" <a href=\"#a-{number}\">article {}</a>", number + 1)
                } else {
                    String::new()
                };
                let _ = write!(page, "<li>{context}{link}</li>");
            }
            page.push_str("</ul></section>\n");
        }
        page.push_str("</section>\n");
    }

    fn render_timeline(&mut self, page: &mut String, shown: usize) {
        self.timeline.sort();
        let _ = writeln!(
            page,
            "<section id=\"timeline\"><h2>Timeline</h2><ol class=\"timeline\">"
        );
        for (value, text, number) in &self.timeline {
            let headline = esc(&self.index[*number].headline);
            let article = if *number < shown {
                format!("<a href=\"#a-{number}\">{headline}</a>")
            } else {
                headline
            };
            let _ = writeln!(
                page,
                "<li><time>{}</time> {} — {article}</li>",
                esc(value),
                esc(text)
            );
        }
        page.push_str("</ol></section>\n");
    }
}

impl Sink for ReportSink {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        if let Some(stories) = &mut self.stories {
            stories.add(record.doc());
        }
        self.add(record.doc());
        Ok(())
    }

    fn finish(&mut self) -> Result<(), PluginError> {
        let page = self.render();
        let mut out = self
            .out
            .take()
            .ok_or_else(|| PluginError::new("finished twice"))?;
        out.write_all(page.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| PluginError::new(format!("cannot write {}: {e}", self.path.display())))
    }
}
