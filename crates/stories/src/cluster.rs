//! Story clustering: blocking, then average linkage twice, first over the whole corpus
//! (what the story is about), then inside each of those groups with the weights learned
//! there (who, where and when), so that two earthquakes in the same week come apart.
//!
//! Average linkage over cosine similarities is computed exactly from cluster centroids:
//! the mean similarity of the members of `A` and `B` is `ΣA · ΣB / (|A| |B|)` when each
//! member's vector is unit length. Blocking therefore only decides which clusters are
//! compared, never what a comparison gives, and a large story is not penalized for
//! the pairs blocking left out.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::background::Background;
use crate::signature::{Signature, TermKind};

/// The clustering's parameters. The defaults are tuned on ECB+ topics 1-35
/// (`cargo xtask eval stories`).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Mean cosine above which two groups are about the same thing (corpus weights).
    pub topic_threshold: f32,
    /// Mean cosine above which two articles of one topic tell the same story (the
    /// topic's own weights, names and dates boosted).
    pub story_threshold: f32,
    /// Weight of a name against a word, inside a topic.
    pub name_weight: f32,
    /// Weight of a stated year or month against a word, inside a topic.
    pub date_weight: f32,
    /// Weight of an event type against a word.
    pub event_weight: f32,
    /// Articles whose own dates are this many days apart or fewer are not kept apart by time;
    /// beyond it the similarity decays (by e for every further window).
    pub window_days: u32,
    /// Estimated shingle resemblance from which two articles are copies of one text (and one
    /// story, whatever their other terms say).
    pub duplicate_resemblance: f32,
    /// How many of its strongest terms file a record into blocking buckets.
    pub block_keys: usize,
    /// How many neighbours on each side, in a bucket sorted by date, a record is compared to.
    pub block_reach: usize,
    /// How many of its most similar candidates a record keeps as graph neighbours.
    pub neighbours: usize,
    /// Topics up to this size are split comparing every pair of their articles; larger ones
    /// compare the pairs blocking found.
    pub exhaustive_topic: usize,
    /// Terms a cluster centroid keeps (the strongest).
    pub centroid_terms: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            topic_threshold: 0.10,
            story_threshold: 0.07,
            name_weight: 2.0,
            date_weight: 2.0,
            event_weight: 0.5,
            window_days: 7,
            duplicate_resemblance: 0.6,
            block_keys: 6,
            block_reach: 12,
            neighbours: 24,
            exhaustive_topic: 400,
            centroid_terms: 256,
        }
    }
}

/// What clustering found, with the counts that say what it cost.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Clustering {
    /// The story of each record, numbered from 0 in the order of each story's first record.
    pub labels: Vec<u32>,
    /// How many stories.
    pub stories: usize,
    /// How many topics the first level found.
    pub topics: usize,
    /// Pairs of records compared while blocking.
    pub compared: u64,
    /// Edges of the neighbour graph.
    pub edges: usize,
    /// Records joined as copies of another.
    pub duplicates: usize,
    /// Records in the largest topic.
    pub largest_topic: usize,
    /// Time spent building the neighbour graph, finding topics and splitting them.
    pub time: [Duration; 3],
}

/// Clusters records into stories; the result depends only on the signatures and their
/// order, not on the number of threads.
pub fn cluster(signatures: &[Signature], settings: &Settings) -> Clustering {
    let n = signatures.len();
    if n == 0 {
        return Clustering::default();
    }
    let days: Vec<Option<i32>> = signatures.iter().map(|s| s.day).collect();
    let everyone: Vec<u32> = (0..n as u32).collect();
    let corpus_weights = Weights {
        name: 1.0,
        date: 1.0,
        event: settings.event_weight,
    };
    // Over the corpus, word weights take in how rare a word is in news at large, which a
    // run of a dozen articles cannot tell; inside a topic, the topic's own counts decide.
    let vectors = Vectors::new(
        signatures,
        &everyone,
        corpus_weights,
        Some(Background::shipped()),
    );

    let started = Instant::now();
    let (edges, compared) = neighbour_graph(&vectors, &days, settings);
    let graph_time = started.elapsed();
    let copies = copies(signatures, settings);
    let duplicates = copies
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c as usize != i)
        .count();

    let topic_of = agglomerate(
        &vectors,
        &days,
        &copies,
        &edges,
        settings.topic_threshold,
        settings,
    );
    let topics_time = started.elapsed() - graph_time;
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut topic_index = FxHashMap::default();
    for (record, &topic) in topic_of.iter().enumerate() {
        let slot = *topic_index.entry(topic).or_insert_with(|| {
            members.push(Vec::new());
            members.len() - 1
        });
        members[slot].push(record as u32);
    }
    let mut edges_of: Vec<Vec<(u32, u32)>> = vec![Vec::new(); members.len()];
    for &(a, b) in &edges {
        let (ta, tb) = (
            topic_index[&topic_of[a as usize]],
            topic_index[&topic_of[b as usize]],
        );
        if ta == tb {
            edges_of[ta].push((a, b));
        }
    }
    let story_weights = Weights {
        name: settings.name_weight,
        date: settings.date_weight,
        event: settings.event_weight,
    };
    // Inside each topic: weights from the topic's own documents, so the words every article
    // of the topic shares weigh nothing and who, where and when decide.
    let split: Vec<Vec<u32>> = members
        .par_iter()
        .zip(edges_of.par_iter())
        .map(|(members, topic_edges)| {
            if members.len() < 3 {
                return vec![0; members.len()];
            }
            let local = Vectors::new(signatures, members, story_weights, None);
            let position: FxHashMap<u32, u32> = members
                .iter()
                .enumerate()
                .map(|(i, &r)| (r, i as u32))
                .collect();
            let local_edges: Vec<(u32, u32)> = if members.len() <= settings.exhaustive_topic {
                let m = members.len() as u32;
                (0..m)
                    .flat_map(|a| (a + 1..m).map(move |b| (a, b)))
                    .collect()
            } else {
                topic_edges
                    .iter()
                    .map(|(a, b)| (position[a], position[b]))
                    .collect()
            };
            let local_days: Vec<Option<i32>> = members.iter().map(|&r| days[r as usize]).collect();
            let local_copies: Vec<u32> = members
                .iter()
                .map(|&r| {
                    position
                        .get(&copies[r as usize])
                        .copied()
                        .unwrap_or(position[&r])
                })
                .collect();
            agglomerate(
                &local,
                &local_days,
                &local_copies,
                &local_edges,
                settings.story_threshold,
                settings,
            )
        })
        .collect();

    let stories_time = started.elapsed() - graph_time - topics_time;
    // Number stories in the order of their first record.
    let mut labels = vec![u32::MAX; n];
    let mut story_of: FxHashMap<(usize, u32), u32> = FxHashMap::default();
    let mut position_in_topic = vec![0u32; members.len()];
    for record in 0..n {
        let topic = topic_index[&topic_of[record]];
        let within = split[topic][position_in_topic[topic] as usize];
        position_in_topic[topic] += 1;
        let next = story_of.len() as u32;
        labels[record] = *story_of.entry((topic, within)).or_insert(next);
    }
    Clustering {
        stories: story_of.len(),
        topics: members.len(),
        labels,
        compared,
        edges: edges.len(),
        duplicates,
        largest_topic: members.iter().map(Vec::len).max().unwrap_or(0),
        time: [graph_time, topics_time, stories_time],
    }
}

#[derive(Debug, Clone, Copy)]
struct Weights {
    name: f32,
    date: f32,
    event: f32,
}

impl Weights {
    fn of(&self, term: u32) -> f32 {
        match TermKind::of(term) {
            TermKind::Word => 1.0,
            TermKind::Name => self.name,
            TermKind::Date => self.date,
            TermKind::Event => self.event,
        }
    }
}

/// Unit-length TF-IDF vectors of a set of records, flat: terms are dense ids sorted in
/// each record, IDF is taken over the set itself.
struct Vectors {
    offsets: Vec<u32>,
    terms: Vec<u32>,
    weights: Vec<f32>,
    /// How many distinct term ids there are.
    vocabulary: usize,
}

impl Vectors {
    /// Vectors of `records`, with IDF over them alone or, for words, over them and the
    /// `background` articles.
    fn new(
        signatures: &[Signature],
        records: &[u32],
        weights: Weights,
        background: Option<&Background>,
    ) -> Vectors {
        let mut frequency: FxHashMap<u32, u32> = FxHashMap::default();
        for &r in records {
            for &term in signatures[r as usize].terms.iter() {
                *frequency.entry(term).or_insert(0) += 1;
            }
        }
        // Dense ids in hash order: the same for any thread count or insertion order.
        let mut vocabulary: Vec<(u32, u32)> = frequency.into_iter().collect();
        vocabulary.sort_unstable();
        let n = records.len() as f32;
        let mut offsets = Vec::with_capacity(records.len() + 1);
        let mut terms = Vec::new();
        let mut values = Vec::new();
        offsets.push(0);
        for &r in records {
            let signature = &signatures[r as usize];
            let start = terms.len();
            let mut unshared = 0.0f32;
            for (&term, &count) in signature.terms.iter().zip(signature.counts.iter()) {
                let id = vocabulary
                    .binary_search_by_key(&term, |&(t, _)| t)
                    .expect("every term was counted");
                let documents = vocabulary[id].1;
                let idf = match background {
                    Some(background) if TermKind::of(term) == TermKind::Word => {
                        let (articles, with) = background.documents(term);
                        ((n + articles as f32) / (documents + with) as f32).ln()
                    }
                    _ => (n / documents as f32).ln(),
                };
                let weight = (1.0 + (count as f32).ln()) * idf * weights.of(term);
                // A term of one record links nothing, so it is not kept; with reference
                // counts to weigh it, it still counts in the record's length (what a record
                // shares with no other makes it less like any other). A term of every record
                // separates nothing.
                if documents < 2 {
                    if background.is_some() && TermKind::of(term) == TermKind::Word {
                        unshared += weight * weight;
                    }
                    continue;
                }
                if documents as f32 >= n {
                    continue;
                }
                terms.push(id as u32);
                values.push(weight);
            }
            let norm = (values[start..].iter().map(|w| w * w).sum::<f32>() + unshared).sqrt();
            if norm > 0.0 {
                values[start..].iter_mut().for_each(|w| *w /= norm);
            }
            offsets.push(terms.len() as u32);
        }
        Vectors {
            offsets,
            terms,
            weights: values,
            vocabulary: vocabulary.len(),
        }
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn get(&self, i: usize) -> (&[u32], &[f32]) {
        let range = self.offsets[i] as usize..self.offsets[i + 1] as usize;
        (&self.terms[range.clone()], &self.weights[range])
    }
}

/// One sparse vector spread out over the whole vocabulary, to be dotted with many others at
/// one memory read per term of theirs (a merge of two sorted lists branches on every term).
///
/// A bit per term says which are loaded: the bits stay in cache where a large vocabulary's
/// weights would not, and most terms of the other vector are not loaded.
struct Scatter {
    dense: Vec<f32>,
    bits: Vec<u64>,
    loaded: Vec<u32>,
}

impl Scatter {
    fn new(vocabulary: usize) -> Scatter {
        Scatter {
            dense: vec![0.0; vocabulary],
            bits: vec![0; vocabulary.div_ceil(64)],
            loaded: Vec::new(),
        }
    }

    fn load(&mut self, terms: &[u32], weights: &[f32]) {
        for &t in &self.loaded {
            self.bits[t as usize / 64] = 0;
        }
        for (&t, &w) in terms.iter().zip(weights) {
            self.dense[t as usize] = w;
            self.bits[t as usize / 64] |= 1 << (t % 64);
        }
        self.loaded.clear();
        self.loaded.extend_from_slice(terms);
    }

    /// The dot product with the loaded vector, summed in the order of `terms`.
    fn dot(&self, terms: &[u32], weights: &[f32]) -> f32 {
        let mut sum = 0.0;
        for (&t, &w) in terms.iter().zip(weights) {
            if self.bits[t as usize / 64] & (1 << (t % 64)) != 0 {
                sum += self.dense[t as usize] * w;
            }
        }
        sum
    }
}

/// How much the time between two groups lowers their similarity: nothing within the
/// window, then a decay by e for every further window.
fn time_factor(a: Option<(i32, i32)>, b: Option<(i32, i32)>, window: u32) -> f32 {
    let (Some((a0, a1)), Some((b0, b1))) = (a, b) else {
        return 1.0;
    };
    let gap = (b0 - a1).max(a0 - b1).max(0) as f32;
    let window = window.max(1) as f32;
    if gap <= window {
        1.0
    } else {
        (-(gap - window) / window).exp()
    }
}

/// The neighbour graph: each record is filed under its strongest terms, each bucket sorted
/// by date, and compared with the records near it there; it keeps its most similar
/// candidates. Returns the edges (each once, `a < b`, sorted) and the comparisons made.
fn neighbour_graph(
    vectors: &Vectors,
    days: &[Option<i32>],
    settings: &Settings,
) -> (Vec<(u32, u32)>, u64) {
    let n = vectors.len();
    let keys = settings.block_keys;
    // (term, day, record, which key of the record)
    let mut postings: Vec<(u32, i32, u32, u8)> = Vec::with_capacity(n * keys);
    for (record, day) in days.iter().enumerate() {
        let (terms, weights) = vectors.get(record);
        let mut strongest: Vec<usize> = (0..terms.len()).collect();
        strongest.sort_by(|&x, &y| weights[y].total_cmp(&weights[x]).then(x.cmp(&y)));
        for (k, &t) in strongest.iter().take(keys).enumerate() {
            let day = day.unwrap_or(i32::MAX);
            postings.push((terms[t], day, record as u32, k as u8));
        }
    }
    postings.par_sort_unstable();
    let mut slot = vec![u32::MAX; n * keys];
    let mut bucket_start = vec![0u32; postings.len()];
    let mut start = 0;
    for (p, posting) in postings.iter().enumerate() {
        if postings[start].0 != posting.0 {
            start = p;
        }
        bucket_start[p] = start as u32;
        slot[posting.2 as usize * keys + posting.3 as usize] = p as u32;
    }
    let bucket_end = {
        let mut end = vec![postings.len() as u32; postings.len()];
        for p in (0..postings.len().saturating_sub(1)).rev() {
            end[p] = if postings[p + 1].0 == postings[p].0 {
                end[p + 1]
            } else {
                p as u32 + 1
            };
        }
        end
    };
    let reach = settings.block_reach;
    let per_record: Vec<(Vec<u32>, u64)> = (0..n)
        .into_par_iter()
        .map_init(
            || Scatter::new(vectors.vocabulary),
            |scatter, record| {
                let mut candidates: Vec<u32> = Vec::new();
                for k in 0..keys {
                    let p = slot[record * keys + k];
                    if p == u32::MAX {
                        continue;
                    }
                    let p = p as usize;
                    let lo = (p.saturating_sub(reach)).max(bucket_start[p] as usize);
                    let hi = (p + reach + 1).min(bucket_end[p] as usize);
                    candidates.extend(
                        postings[lo..hi]
                            .iter()
                            .map(|posting| posting.2)
                            .filter(|&other| other as usize != record),
                    );
                }
                candidates.sort_unstable();
                candidates.dedup();
                let compared = candidates.len() as u64;
                let (terms, weights) = vectors.get(record);
                scatter.load(terms, weights);
                let mut scored: Vec<(f32, u32)> = candidates
                    .into_iter()
                    .map(|other| {
                        let (terms, weights) = vectors.get(other as usize);
                        (scatter.dot(terms, weights), other)
                    })
                    .filter(|&(similarity, _)| similarity > 0.0)
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                scored.truncate(settings.neighbours);
                (
                    scored.into_iter().map(|(_, other)| other).collect(),
                    compared,
                )
            },
        )
        .collect();
    let compared = per_record.iter().map(|(_, c)| c).sum();
    let mut edges: Vec<(u32, u32)> = per_record
        .into_iter()
        .enumerate()
        .flat_map(|(record, (neighbours, _))| {
            let record = record as u32;
            neighbours
                .into_iter()
                .map(move |other| (record.min(other), record.max(other)))
        })
        .collect();
    edges.par_sort_unstable();
    edges.dedup();
    (edges, compared)
}

/// Copies: records whose texts resemble each other's above the threshold, found through
/// MinHash bands. Returns, for each record, the first record of its group of copies.
fn copies(signatures: &[Signature], settings: &Settings) -> Vec<u32> {
    const BANDS: usize = 4;
    const ROWS: usize = crate::signature::MINHASH / BANDS;
    let n = signatures.len();
    let mut banded: Vec<(u64, u32)> = Vec::with_capacity(n * BANDS);
    for (record, signature) in signatures.iter().enumerate() {
        if signature.minhash[0] == u32::MAX {
            continue;
        }
        for band in 0..BANDS {
            let rows = &signature.minhash[band * ROWS..(band + 1) * ROWS];
            let key = rows.iter().fold(band as u64, |h, &v| {
                h.wrapping_mul(0x100_0000_01b3) ^ v as u64
            });
            banded.push((key, record as u32));
        }
    }
    banded.par_sort_unstable();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    for bucket in banded.chunk_by(|a, b| a.0 == b.0) {
        // A bucket shared by very many records is boilerplate, not a copy.
        if bucket.len() > 64 {
            continue;
        }
        for (i, &(_, a)) in bucket.iter().enumerate() {
            for &(_, b) in &bucket[i + 1..] {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                if ra != rb
                    && signatures[a as usize].resemblance(&signatures[b as usize])
                        >= settings.duplicate_resemblance
                {
                    // The earlier record stays the root.
                    parent[ra.max(rb) as usize] = ra.min(rb);
                }
            }
        }
    }
    (0..n as u32).map(|x| find(&mut parent, x)).collect()
}

/// A candidate merge in the heap: best linkage first, ties by the lower ids.
#[derive(Debug, PartialEq)]
struct Candidate {
    linkage: f32,
    a: u32,
    b: u32,
    versions: (u32, u32),
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.linkage
            .total_cmp(&other.linkage)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A cluster during agglomeration.
#[derive(Debug, Clone, Default)]
struct Group {
    /// Sum of the members' unit vectors; empty for a group of one record, whose vector is
    /// read where it already is (see [`Group::vector`]).
    centroid: Sparse,
    size: u32,
    days: Option<(i32, i32)>,
    neighbours: Vec<u32>,
    version: u32,
    alive: bool,
}

impl Group {
    /// The centroid of group `id`.
    fn vector<'a>(&'a self, id: usize, vectors: &'a Vectors) -> (&'a [u32], &'a [f32]) {
        if self.size == 1 {
            vectors.get(id)
        } else {
            (&self.centroid.terms, &self.centroid.weights)
        }
    }
}

/// Average-linkage agglomeration over the given candidate pairs, starting from the groups of
/// copies (`start[i]` is the first record of `i`'s group). Returns each record's group,
/// named by one of its records.
fn agglomerate(
    vectors: &Vectors,
    days: &[Option<i32>],
    start: &[u32],
    edges: &[(u32, u32)],
    threshold: f32,
    settings: &Settings,
) -> Vec<u32> {
    let n = vectors.len();
    let mut parent: Vec<u32> = start.to_vec();
    let mut groups: Vec<Group> = vec![Group::default(); n];
    for record in 0..n {
        let group = &mut groups[parent[record] as usize];
        group.size += 1;
        group.alive = true;
        group.days = span(group.days, days[record].map(|d| (d, d)));
    }
    for record in 0..n {
        let group = &mut groups[parent[record] as usize];
        if group.size > 1 {
            // A group of copies: its centroid is a sum of its own.
            let (terms, weights) = vectors.get(record);
            group.centroid = group.centroid.add(terms, weights, settings.centroid_terms);
        }
    }
    for &(a, b) in edges {
        let (ga, gb) = (parent[a as usize], parent[b as usize]);
        if ga != gb {
            groups[ga as usize].neighbours.push(gb);
            groups[gb as usize].neighbours.push(ga);
        }
    }
    for group in &mut groups {
        group.neighbours.sort_unstable();
        group.neighbours.dedup();
    }
    // The linkage of the group loaded into `scatter` with another.
    let linkage = |scatter: &Scatter, x: &Group, y: &Group, y_id: usize| -> f32 {
        let (terms, weights) = y.vector(y_id, vectors);
        scatter.dot(terms, weights) / (x.size as f32 * y.size as f32)
            * time_factor(x.days, y.days, settings.window_days)
    };
    let mut scatter = Scatter::new(vectors.vocabulary);
    // One entry per group: its best neighbour when it was last looked at. Average linkage
    // is reducible (a merged group is never closer to a third than the nearer of its two
    // parts was), so a stale entry overstates and is looked at again before it could be
    // passed over; the heap stays as small as the number of groups.
    let mut heap = BinaryHeap::new();
    for a in 0..n {
        if groups[a].alive
            && let Some(best) = best_neighbour(
                a,
                &mut groups,
                &mut parent,
                &mut scatter,
                vectors,
                &linkage,
                threshold,
            )
        {
            heap.push(best);
        }
    }
    while let Some(candidate) = heap.pop() {
        let (a, b) = (candidate.a as usize, candidate.b as usize);
        if !groups[a].alive {
            continue;
        }
        if !groups[b].alive || (groups[a].version, groups[b].version) != candidate.versions {
            if let Some(best) = best_neighbour(
                a,
                &mut groups,
                &mut parent,
                &mut scatter,
                vectors,
                &linkage,
                threshold,
            ) {
                heap.push(best);
            }
            continue;
        }
        // b joins a.
        let gone = std::mem::take(&mut groups[b]);
        parent[b] = a as u32;
        let keep = &mut groups[a];
        let merged = {
            let (terms, weights) = gone.vector(b, vectors);
            let (mine, my_weights) = keep.vector(a, vectors);
            Sparse::from(mine, my_weights).add(terms, weights, settings.centroid_terms)
        };
        keep.centroid = merged;
        keep.size += gone.size;
        keep.days = span(keep.days, gone.days);
        keep.version += 1;
        keep.neighbours.extend_from_slice(&gone.neighbours);
        if let Some(best) = best_neighbour(
            a,
            &mut groups,
            &mut parent,
            &mut scatter,
            vectors,
            &linkage,
            threshold,
        ) {
            heap.push(best);
        }
    }
    (0..n as u32).map(|x| find(&mut parent, x)).collect()
}

/// The neighbour of group `a` it is most similar to, above `threshold`, as a heap entry.
/// Refreshes `a`'s neighbour list on the way: ids of merged groups resolve to their group
/// through `parent` (other groups' lists are never rewritten), and neighbours below half the
/// threshold are let go, since a merge averages linkages and rarely brings one back.
fn best_neighbour(
    a: usize,
    groups: &mut [Group],
    parent: &mut [u32],
    scatter: &mut Scatter,
    vectors: &Vectors,
    linkage: &impl Fn(&Scatter, &Group, &Group, usize) -> f32,
    threshold: f32,
) -> Option<Candidate> {
    let mut neighbours = std::mem::take(&mut groups[a].neighbours);
    for c in &mut neighbours {
        *c = find(parent, *c);
    }
    neighbours.retain(|&c| c as usize != a);
    neighbours.sort_unstable();
    neighbours.dedup();
    let (terms, weights) = groups[a].vector(a, vectors);
    scatter.load(terms, weights);
    let mut best: Option<(f32, u32)> = None;
    neighbours.retain(|&c| {
        let value = linkage(scatter, &groups[a], &groups[c as usize], c as usize);
        if value > threshold && best.is_none_or(|(v, b)| value > v || (value == v && c < b)) {
            best = Some((value, c));
        }
        value >= threshold * 0.5
    });
    groups[a].neighbours = neighbours;
    best.map(|(value, b)| Candidate {
        linkage: value,
        a: a as u32,
        b,
        versions: (groups[a].version, groups[b as usize].version),
    })
}

/// The root of `x` in a union-find forest, halving the path on the way.
fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        parent[x as usize] = parent[parent[x as usize] as usize];
        x = parent[x as usize];
    }
    x
}

fn span(a: Option<(i32, i32)>, b: Option<(i32, i32)>) -> Option<(i32, i32)> {
    match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => Some((a0.min(b0), a1.max(b1))),
        (x, None) | (None, x) => x,
    }
}

/// A sparse vector: weights of terms, sorted by term.
#[derive(Debug, Clone, Default, PartialEq)]
struct Sparse {
    terms: Vec<u32>,
    weights: Vec<f32>,
}

impl Sparse {
    fn from(terms: &[u32], weights: &[f32]) -> Sparse {
        Sparse {
            terms: terms.to_vec(),
            weights: weights.to_vec(),
        }
    }

    /// The sum with another vector, cut to its `limit` strongest terms.
    fn add(&self, terms: &[u32], weights: &[f32], limit: usize) -> Sparse {
        let a = self;
        let b = Sparse::from(terms, weights);
        let capacity = a.terms.len() + b.terms.len();
        let mut sum = Sparse {
            terms: Vec::with_capacity(capacity),
            weights: Vec::with_capacity(capacity),
        };
        let (mut i, mut j) = (0, 0);
        while i < a.terms.len() || j < b.terms.len() {
            let (term, weight) =
                if j == b.terms.len() || (i < a.terms.len() && a.terms[i] < b.terms[j]) {
                    i += 1;
                    (a.terms[i - 1], a.weights[i - 1])
                } else if i == a.terms.len() || b.terms[j] < a.terms[i] {
                    j += 1;
                    (b.terms[j - 1], b.weights[j - 1])
                } else {
                    i += 1;
                    j += 1;
                    (a.terms[i - 1], a.weights[i - 1] + b.weights[j - 1])
                };
            sum.terms.push(term);
            sum.weights.push(weight);
        }
        if sum.terms.len() > limit {
            sum = sum.strongest(limit);
        }
        sum
    }

    /// The `limit` strongest terms.
    fn strongest(&self, limit: usize) -> Sparse {
        let mut order: Vec<usize> = (0..self.terms.len()).collect();
        order.sort_by(|&x, &y| {
            self.weights[y]
                .total_cmp(&self.weights[x])
                .then(self.terms[x].cmp(&self.terms[y]))
        });
        order.truncate(limit);
        order.sort_unstable_by_key(|&i| self.terms[i]);
        Sparse {
            terms: order.iter().map(|&i| self.terms[i]).collect(),
            weights: order.iter().map(|&i| self.weights[i]).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_factor_spares_the_window_and_decays_after_it() {
        assert_eq!(time_factor(Some((0, 3)), Some((9, 9)), 7), 1.0);
        assert!((time_factor(Some((0, 0)), Some((14, 20)), 7) - (-1.0f32).exp()).abs() < 1e-6);
        assert_eq!(time_factor(None, Some((100, 100)), 7), 1.0);
    }

    #[test]
    fn sparse_sums_merge_terms_and_keep_the_strongest() {
        let a = Sparse {
            terms: vec![1, 3],
            weights: vec![0.5, 0.1],
        };
        let b = Sparse {
            terms: vec![1, 2],
            weights: vec![0.25, 0.9],
        };
        let sum = a.add(&b.terms, &b.weights, 2);
        assert_eq!(sum.terms, [1, 2]);
        assert_eq!(sum.weights, [0.75, 0.9]);
    }
}
