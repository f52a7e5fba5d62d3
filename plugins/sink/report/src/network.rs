//! The co-mention network, laid out at build time (a deterministic force-directed
//! layout, so the same corpus always draws the same picture).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use dateline_core::EntityType;

use crate::html::{attr, esc};

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 600.0;
const NODES: usize = 40;
const ITERATIONS: usize = 300;

/// The network of people and organizations mentioned in the same articles, as SVG.
pub fn svg(
    pairs: &BTreeMap<(String, String), usize>,
    entities: &BTreeMap<String, (EntityType, usize)>,
    anchor: &dyn Fn(EntityType, &str) -> String,
) -> String {
    // The most connected names, by how many articles they share with others.
    let mut degree: BTreeMap<&str, usize> = BTreeMap::new();
    for ((a, b), weight) in pairs {
        *degree.entry(a).or_default() += weight;
        *degree.entry(b).or_default() += weight;
    }
    let mut names: Vec<&str> = degree.keys().copied().collect();
    names.sort_by(|a, b| degree[b].cmp(&degree[a]).then(a.cmp(b)));
    names.truncate(NODES);
    names.sort();
    if names.is_empty() {
        return "<p>No people or organizations are mentioned together.</p>\n".into();
    }
    let index: BTreeMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<(usize, usize, usize)> = pairs
        .iter()
        .filter_map(|((a, b), w)| Some((*index.get(a.as_str())?, *index.get(b.as_str())?, *w)))
        .collect();
    let positions = layout(names.len(), &edges);

    let mut out = format!(
        "<svg viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"100%\" role=\"img\" aria-label=\"co-mention network\">\n"
    );
    for (a, b, weight) in &edges {
        let ((x1, y1), (x2, y2)) = (positions[*a], positions[*b]);
        let _ = writeln!(
            out,
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"#999\" stroke-width=\"{:.1}\"><title>{}</title></line>",
            (*weight as f64).sqrt(),
            esc(&format!(
                "{} & {}: {weight} article(s)",
                names[*a], names[*b]
            ))
        );
    }
    for (i, name) in names.iter().enumerate() {
        let (kind, articles) = entities
            .get(*name)
            .copied()
            .unwrap_or((EntityType::Other, 1));
        let color = if kind == EntityType::Person {
            "#6b8fd6"
        } else {
            "#e0a04a"
        };
        let (x, y) = positions[i];
        let _ = writeln!(
            out,
            "<a href=\"#{}\"><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" fill=\"{color}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></a>",
            attr(&anchor(kind, name)),
            4.0 + (articles as f64).sqrt() * 2.0,
            x + 8.0,
            y + 4.0,
            esc(name)
        );
    }
    out.push_str("</svg>\n");
    out
}

/// Fruchterman-Reingold from a circle: deterministic for the same graph.
fn layout(count: usize, edges: &[(usize, usize, usize)]) -> Vec<(f64, f64)> {
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let mut pos: Vec<(f64, f64)> = (0..count)
        .map(|i| {
            let angle = i as f64 / count as f64 * std::f64::consts::TAU;
            (
                cx + angle.cos() * WIDTH * 0.35,
                cy + angle.sin() * HEIGHT * 0.35,
            )
        })
        .collect();
    if count < 2 {
        return vec![(cx, cy); count];
    }
    let k = (WIDTH * HEIGHT / count as f64).sqrt() * 0.6;
    let mut temperature = WIDTH / 10.0;
    for _ in 0..ITERATIONS {
        let mut shift = vec![(0.0f64, 0.0f64); count];
        for i in 0..count {
            for j in (i + 1)..count {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let distance = (dx * dx + dy * dy).sqrt().max(0.01);
                let force = k * k / distance;
                let (fx, fy) = (dx / distance * force, dy / distance * force);
                shift[i].0 += fx;
                shift[i].1 += fy;
                shift[j].0 -= fx;
                shift[j].1 -= fy;
            }
        }
        for &(a, b, _) in edges {
            let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
            let distance = (dx * dx + dy * dy).sqrt().max(0.01);
            let force = distance * distance / k;
            let (fx, fy) = (dx / distance * force, dy / distance * force);
            shift[a].0 -= fx;
            shift[a].1 -= fy;
            shift[b].0 += fx;
            shift[b].1 += fy;
        }
        for i in 0..count {
            let (dx, dy) = shift[i];
            let length = (dx * dx + dy * dy).sqrt().max(0.01);
            let step = length.min(temperature);
            pos[i].0 = (pos[i].0 + dx / length * step).clamp(40.0, WIDTH - 140.0);
            pos[i].1 = (pos[i].1 + dy / length * step).clamp(20.0, HEIGHT - 20.0);
        }
        temperature *= 0.98;
    }
    pos
}
