//! Pages laid out as sites were before CSS layouts: the page is a table whose cells hold
//! the navigation, the article and the sidebars. The extraction core looks for the
//! article among blocks; on such a page it reads the table as one block and takes the
//! navigation, the "most read" links and the sidebars with the article (and repeats a
//! row once for each cell it spans). [`modernize`] writes such a page as a later one
//! would be written first: a layout table's rows and cells become `<div>`s, while a table
//! of data keeps its cells. (Paragraphs parted by two `<br>`s, the other habit of such
//! pages, the core reads as paragraphs already; making them `<p>`s was measured and
//! changed which block it chose on a 2010 page, for the worse.)

use dom_query::{Document, NodeRef};

/// A cell holding this much text reads as a page's column, not a table's datum.
const PROSE_CELL_CHARS: usize = 400;

/// Layout tables of real pages number a few dozen and nest a few deep; a page past
/// these bounds (a generated or hostile one) is read as it is, so that the rewrite's
/// cost stays a small multiple of the page's size.
const MAX_TABLES: usize = 300;
const MAX_NESTING: usize = 8;

/// The page written with `<div>`s for its layout tables; `None` when it has none (most
/// pages), so that it is read as it is.
///
/// ```
/// let prose = "The council voted on the plan after a long debate, and the mayor said \
///              the city would begin work on it in the spring. ".repeat(6);
/// let page = format!("<table><tr><td>Home | News</td><td>{prose}</td></tr></table>");
/// let modern = dateline_extract::layout::modernize(&page).unwrap();
/// assert!(!modern.contains("<td"));
/// assert!(dateline_extract::layout::modernize("<p>One.</p>").is_none());
/// ```
pub fn modernize(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    if memchr::memmem::find(bytes, b"<td").is_none()
        && memchr::memmem::find(bytes, b"<TD").is_none()
    {
        return None;
    }
    let doc = Document::from(html);
    let tables = doc.select("table").nodes().to_vec();
    let nesting = |table: &NodeRef| {
        let mut depth = 0;
        let mut at = closest_table(table);
        while let Some(outer) = at {
            depth += 1;
            if depth > MAX_NESTING {
                break;
            }
            at = closest_table(&outer);
        }
        depth
    };
    if tables.len() > MAX_TABLES || tables.iter().any(|t| nesting(t) > MAX_NESTING) {
        return None;
    }
    let mut changed = false;
    for table in &tables {
        if is_layout_table(table) {
            for part in own_parts(table) {
                part.rename("div");
            }
            table.rename("div");
            changed = true;
        }
    }
    changed.then(|| doc.html().to_string())
}

/// The table that holds `node` most closely, if any.
fn closest_table<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut at = node.parent();
    while let Some(parent) = at {
        if parent.has_name("table") {
            return Some(parent);
        }
        at = parent.parent();
    }
    None
}

/// The rows, cells and sections of `table` itself, not of a table nested in it.
fn own_parts<'a>(table: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    table
        .descendants()
        .into_iter()
        .filter(|n| {
            ["tbody", "thead", "tfoot", "tr", "td", "th"]
                .iter()
                .any(|t| n.has_name(t))
                && closest_table(n).is_some_and(|t| t.id == table.id)
        })
        .collect()
}

/// Whether a table lays out a page rather than holds data: it says so (`role=
/// "presentation"`), it nests another table, or one of its cells holds prose (a long
/// text or paragraphs of its own). A table with headings or a caption holds data unless
/// a cell is long prose.
fn is_layout_table(table: &NodeRef) -> bool {
    if table
        .attr("role")
        .is_some_and(|r| r.eq_ignore_ascii_case("presentation"))
    {
        return true;
    }
    let parts = own_parts(table);
    let cells: Vec<&NodeRef> = parts.iter().filter(|n| n.has_name("td")).collect();
    let nests = table
        .descendants()
        .iter()
        .any(|n| n.has_name("table") && n.id != table.id);
    let longest = cells
        .iter()
        .map(|c| c.text().split_whitespace().map(str::len).sum::<usize>())
        .max()
        .unwrap_or(0);
    let data = parts
        .iter()
        .any(|n| n.has_name("th") || n.has_name("thead"))
        || !table.find(&["caption"]).is_empty();
    if data {
        return longest > PROSE_CELL_CHARS * 3;
    }
    let paragraphs = cells.iter().any(|c| {
        c.children()
            .iter()
            .any(|n| ["p", "div", "h1", "h2", "h3"].iter().any(|t| n.has_name(t)))
            || has_break_pair(c)
    });
    nests || longest > PROSE_CELL_CHARS || (paragraphs && longest > PROSE_CELL_CHARS / 4)
}

/// Whether an element holds two `<br>`s in a row anywhere inside it.
fn has_break_pair(node: &NodeRef) -> bool {
    node.find(&["br"])
        .iter()
        .any(|br| break_after(br).is_some())
}

/// The next `<br>` after `br` with only white space between, if any.
fn break_after<'a>(br: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let mut next = br.next_sibling();
    while let Some(node) = next {
        if node.is_element() {
            return node.has_name("br").then_some(node);
        }
        if node.is_text() && node.text().trim().is_empty() {
            next = node.next_sibling();
            continue;
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_table_becomes_divs_and_a_data_table_stays() {
        let prose = "The council voted on the plan after a long debate, and the mayor said \
                     the city would begin work in the spring. "
            .repeat(5);
        let layout = format!(
            "<table><tr><td>Home | News</td><td>{prose}</td></tr></table>\
             <table><tr><th>Team</th><th>Points</th></tr><tr><td>Leeds</td><td>3</td></tr></table>"
        );
        let modern = modernize(&layout).unwrap();
        let doc = Document::from(modern.as_str());
        assert_eq!(doc.select("table").length(), 1, "{modern}");
        assert_eq!(doc.select("th").length(), 2);
        assert_eq!(doc.select("td").length(), 2);
    }

    #[test]
    fn tables_nested_past_the_bound_are_left_alone() {
        let prose = "A long paragraph of prose about the council's plan. ".repeat(10);
        let deep = format!(
            "{}<p>{prose}</p>{}",
            "<table><tr><td>".repeat(MAX_NESTING + 2),
            "</td></tr></table>".repeat(MAX_NESTING + 2)
        );
        assert!(modernize(&deep).is_none());
        let shallow = format!(
            "{}<p>{prose}</p>{}",
            "<table><tr><td>".repeat(2),
            "</td></tr></table>".repeat(2)
        );
        assert!(modernize(&shallow).is_some());
    }

    #[test]
    fn a_page_without_layout_tables_is_left_alone() {
        assert!(modernize("<div><p>One.</p><p>Two.</p></div>").is_none());
        // A short table of data only.
        assert!(modernize("<table><tr><td>1</td><td>2</td></tr></table>").is_none());
    }
}
