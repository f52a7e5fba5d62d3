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
use crate::signature::{MINHASH, Signatures, TermKind, resemblance};

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
    /// The most records one agglomeration over the corpus takes on (see [`cluster()`]'s
    /// first level); a larger connected group is cut at its weakest links.
    pub largest_component: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            topic_threshold: 0.10,
            story_threshold: 0.07,
            name_weight: 1.5,
            date_weight: 1.75,
            event_weight: 0.5,
            window_days: 7,
            duplicate_resemblance: 0.6,
            block_keys: 6,
            block_reach: 12,
            neighbours: 12,
            exhaustive_topic: 150,
            centroid_terms: 256,
            largest_component: 20_000,
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
pub fn cluster(signatures: Signatures, settings: &Settings) -> Clustering {
    let n = signatures.len();
    if n == 0 {
        return Clustering::default();
    }
    let corpus_weights = Weights {
        name: 1.0,
        date: 1.0,
        event: settings.event_weight,
    };
    // Over the corpus, word weights take in how rare a word is in news at large, which a
    // run of a dozen articles cannot tell; inside a topic, the topic's own counts decide.
    let Signatures {
        days,
        offsets,
        terms,
        counts,
        minhash,
    } = signatures;
    let copies = copies(&minhash, settings);
    drop(minhash);
    let vectors = Vectors::new(
        offsets,
        terms,
        counts,
        corpus_weights,
        Background::shipped(),
    );
    let started = Instant::now();
    let (edges, compared) = neighbour_graph(&vectors, &days, settings);
    let graph_time = started.elapsed();
    let duplicates = copies
        .iter()
        .enumerate()
        .filter(|&(i, &c)| c as usize != i)
        .count();

    let edge_count = edges.len();
    let (topic_of, edges) = topics(&vectors, &days, &copies, edges, settings);
    let topics_time = started.elapsed() - graph_time;
    let (members, topic_index) = group_by_label(&topic_of);
    // Topics too large to compare every pair inside use the edges that made them.
    let mut edges_of: Vec<Vec<(u32, u32)>> = vec![Vec::new(); members.len()];
    for &Edge { a, b, .. } in &edges {
        let (ta, tb) = (
            topic_index[&topic_of[a as usize]],
            topic_index[&topic_of[b as usize]],
        );
        if ta == tb && members[ta].len() > settings.exhaustive_topic {
            edges_of[ta].push((a, b));
        }
    }
    drop(edges);
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
        .map_init(
            || Scatter::new(vectors.vocabulary),
            |scatter, (members, topic_edges)| {
                if members.len() < 3 {
                    return vec![0; members.len()];
                }
                let local = vectors.within(members, story_weights);
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
                let local_days: Vec<Option<i32>> =
                    members.iter().map(|&r| days[r as usize]).collect();
                // Copies start the topic level as one group, so they share a topic.
                let local_copies: Vec<u32> = members
                    .iter()
                    .map(|&r| position[&copies[r as usize]])
                    .collect();
                let everyone: Vec<u32> = (0..members.len() as u32).collect();
                agglomerate(
                    &local,
                    &everyone,
                    &local_days,
                    &local_copies,
                    &local_edges,
                    settings.story_threshold,
                    settings,
                    scatter,
                )
            },
        )
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
        edges: edge_count,
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

/// Unit-length TF-IDF vectors of a set of records, flat: terms are dense ids (in the order
/// of their hashes), sorted in each record.
struct Vectors {
    offsets: Vec<u32>,
    terms: Vec<u32>,
    weights: Vec<f32>,
    /// How often each term occurs in its record, parallel to `terms`.
    counts: Vec<u8>,
    /// The hash (with the kind) of each dense id.
    hashes: Vec<u32>,
    /// How many distinct term ids there are.
    vocabulary: usize,
}

impl Vectors {
    /// The vectors of every record, with IDF over them and, for words, over the
    /// `background` articles too. Terms of one record, or of every record, are left out:
    /// they link nothing, or separate nothing. A word of one record still counts in its
    /// record's length: what a record shares with no other makes it less like any other
    /// (weighed by the reference counts, a rare word weighs more than a common one).
    ///
    /// Built in the signatures' own arrays (a term's hash becomes its dense id in place, and
    /// what is left out is squeezed out), so a million records' terms are never held twice.
    fn new(
        mut offsets: Vec<u32>,
        mut terms: Vec<u32>,
        mut counts: Vec<u8>,
        weights: Weights,
        background: &Background,
    ) -> Vectors {
        let records = offsets.len() - 1;
        let mut frequency: FxHashMap<u32, u32> = FxHashMap::default();
        for &term in &terms {
            *frequency.entry(term).or_insert(0) += 1;
        }
        // Dense ids in hash order: the same for any thread count or insertion order.
        let mut vocabulary: Vec<(u32, u32)> = frequency.into_iter().collect();
        vocabulary.sort_unstable();
        let n = records as f32;
        let kept = vocabulary
            .iter()
            .filter(|&&(_, documents)| documents >= 2 && (documents as f32) < n)
            .map(|&(_, documents)| documents as usize)
            .sum();
        let mut values: Vec<f32> = Vec::with_capacity(kept);
        let mut write = 0;
        for record in 0..records {
            let (start, end) = (offsets[record] as usize, offsets[record + 1] as usize);
            offsets[record] = write as u32;
            let first = write;
            let mut unshared = 0.0f32;
            for read in start..end {
                let (term, count) = (terms[read], counts[read]);
                let id = vocabulary
                    .binary_search_by_key(&term, |&(t, _)| t)
                    .expect("every term was counted");
                let documents = vocabulary[id].1;
                let word = TermKind::of(term) == TermKind::Word;
                let idf = if word {
                    let (articles, with) = background.documents(term);
                    ((n + articles as f32) / (documents + with) as f32).ln()
                } else {
                    (n / documents as f32).ln()
                };
                let weight = (1.0 + (count as f32).ln()) * idf * weights.of(term);
                if documents < 2 {
                    if word {
                        unshared += weight * weight;
                    }
                    continue;
                }
                if documents as f32 >= n {
                    continue;
                }
                terms[write] = id as u32;
                counts[write] = count;
                values.push(weight);
                write += 1;
            }
            let shared = &mut values[first..];
            let norm = (shared.iter().map(|w| w * w).sum::<f32>() + unshared).sqrt();
            if norm > 0.0 {
                shared.iter_mut().for_each(|w| *w /= norm);
            }
        }
        offsets[records] = write as u32;
        terms.truncate(write);
        counts.truncate(write);
        Vectors {
            offsets,
            terms,
            weights: values,
            counts,
            hashes: vocabulary.iter().map(|&(hash, _)| hash).collect(),
            vocabulary: vocabulary.len(),
        }
    }

    /// The vectors of some records with IDF over them alone (a topic's own weights), in the
    /// order given; term ids stay those of `self`.
    fn within(&self, records: &[u32], weights: Weights) -> Vectors {
        let mut frequency: FxHashMap<u32, u32> = FxHashMap::default();
        for &r in records {
            for &id in self.get(r as usize).0 {
                *frequency.entry(id).or_insert(0) += 1;
            }
        }
        let n = records.len() as f32;
        let mut vectors = Vectors {
            offsets: Vec::with_capacity(records.len() + 1),
            terms: Vec::new(),
            weights: Vec::new(),
            counts: Vec::new(),
            hashes: Vec::new(),
            vocabulary: self.vocabulary,
        };
        vectors.offsets.push(0);
        for &r in records {
            let start = vectors.terms.len();
            let range = self.offsets[r as usize] as usize..self.offsets[r as usize + 1] as usize;
            for (&id, &count) in self.terms[range.clone()].iter().zip(&self.counts[range]) {
                let documents = frequency[&id];
                if documents < 2 || documents as f32 >= n {
                    continue;
                }
                let idf = (n / documents as f32).ln();
                vectors.terms.push(id);
                vectors
                    .weights
                    .push((1.0 + (count as f32).ln()) * idf * weights.of(self.hashes[id as usize]));
            }
            normalize(&mut vectors.weights[start..]);
            vectors.offsets.push(vectors.terms.len() as u32);
        }
        vectors
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn get(&self, i: usize) -> (&[u32], &[f32]) {
        let range = self.offsets[i] as usize..self.offsets[i + 1] as usize;
        (&self.terms[range.clone()], &self.weights[range])
    }
}

fn normalize(weights: &mut [f32]) {
    let norm = weights.iter().map(|w| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        weights.iter_mut().for_each(|w| *w /= norm);
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

/// An edge of the neighbour graph: two records (`a < b`) and their cosine similarity.
#[derive(Debug, Clone, Copy)]
struct Edge {
    a: u32,
    b: u32,
    similarity: f32,
}

/// The neighbour graph: each record is filed under its strongest terms, each bucket sorted
/// by date, and compared with the records near it there; it keeps its most similar
/// candidates. Returns the edges (each once, `a < b`, sorted) and the comparisons made.
fn neighbour_graph(
    vectors: &Vectors,
    days: &[Option<i32>],
    settings: &Settings,
) -> (Vec<Edge>, u64) {
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
    for (p, posting) in postings.iter().enumerate() {
        slot[posting.2 as usize * keys + posting.3 as usize] = p as u32;
    }
    let reach = settings.block_reach;
    // Records in chunks, each in parallel, its edges appended as it ends: the neighbour
    // lists of a million records never all wait at once.
    let mut edges: Vec<Edge> = Vec::new();
    let mut compared = 0u64;
    for chunk in (0..n).collect::<Vec<_>>().chunks(1 << 16) {
        let found: Vec<(Vec<Edge>, u64)> = chunk
            .par_iter()
            .map_init(
                || Scatter::new(vectors.vocabulary),
                |scatter, &record| {
                    let mut candidates: Vec<u32> = Vec::new();
                    for k in 0..keys {
                        let p = slot[record * keys + k];
                        if p == u32::MAX {
                            continue;
                        }
                        let p = p as usize;
                        // The records within reach on either side that share the term.
                        let term = postings[p].0;
                        let mut lo = p.saturating_sub(reach);
                        while postings[lo].0 != term {
                            lo += 1;
                        }
                        let mut hi = (p + reach + 1).min(postings.len());
                        while postings[hi - 1].0 != term {
                            hi -= 1;
                        }
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
                    let me = record as u32;
                    let edges = scored
                        .into_iter()
                        .map(|(similarity, other)| Edge {
                            a: me.min(other),
                            b: me.max(other),
                            similarity,
                        })
                        .collect();
                    (edges, compared)
                },
            )
            .collect();
        for (found, count) in found {
            edges.extend(found);
            compared += count;
        }
    }
    edges.par_sort_unstable_by_key(|e| (e.a, e.b));
    edges.dedup_by_key(|e| (e.a, e.b));
    (edges, compared)
}

/// Copies: records whose texts resemble each other's above the threshold, found through
/// MinHash bands. Returns, for each record, the first record of its group of copies.
fn copies(minhash: &[[u32; MINHASH]], settings: &Settings) -> Vec<u32> {
    const BANDS: usize = 4;
    const ROWS: usize = MINHASH / BANDS;
    let n = minhash.len();
    let mut banded: Vec<(u64, u32)> = Vec::with_capacity(n * BANDS);
    for (record, hashes) in minhash.iter().enumerate() {
        if hashes[0] == u32::MAX {
            continue;
        }
        for band in 0..BANDS {
            let rows = &hashes[band * ROWS..(band + 1) * ROWS];
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
                    && resemblance(&minhash[a as usize], &minhash[b as usize])
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

/// The first level: average linkage over the corpus, in parallel over the connected
/// components of the graph's edges whose similarity (decayed by time) reaches the
/// threshold. A merge needs some pair of its records that similar, so merges seldom cross
/// components; those that would, through pairs blocking did not compare, are given up.
/// Returns each record's topic, named by one of its records.
fn topics(
    vectors: &Vectors,
    days: &[Option<i32>],
    copies: &[u32],
    mut edges: Vec<Edge>,
    settings: &Settings,
) -> (Vec<u32>, Vec<Edge>) {
    let n = vectors.len();
    let threshold = settings.topic_threshold;
    // In place: a million records' edges are not copied. Similarity becomes its weight here,
    // decayed by the time between the two records.
    edges.retain_mut(|e| {
        let (a, b) = (days[e.a as usize], days[e.b as usize]);
        e.similarity *= time_factor(a.map(|d| (d, d)), b.map(|d| (d, d)), settings.window_days);
        e.similarity >= threshold
    });
    // A component too large to agglomerate in reasonable time (a year of a busy beat,
    // chained through many stories) is cut at its weakest edges, a quarter above the last
    // cut each round, until its parts fit. This gives up merges that would have leaned on
    // those weak edges: in a corpus of a million articles, a few.
    let mut cutoff = vec![threshold; n];
    let roots = loop {
        let mut component: Vec<u32> = copies.to_vec();
        for e in &edges {
            let (ra, rb) = (find(&mut component, e.a), find(&mut component, e.b));
            if ra != rb {
                component[ra.max(rb) as usize] = ra.min(rb);
            }
        }
        let roots: Vec<u32> = (0..n as u32).map(|x| find(&mut component, x)).collect();
        let mut size: FxHashMap<u32, usize> = FxHashMap::default();
        for &root in &roots {
            *size.entry(root).or_insert(0) += 1;
        }
        let oversized = |record: usize| size[&roots[record]] > settings.largest_component;
        if !(0..n).any(oversized) {
            break roots;
        }
        let mut raised = false;
        for (record, cut) in cutoff.iter_mut().enumerate() {
            if oversized(record) && *cut < 1.0 {
                *cut *= 1.25;
                raised = true;
            }
        }
        if !raised {
            break roots;
        }
        edges.retain(|e| e.similarity >= cutoff[e.a as usize]);
    };
    // Records of each component, in record order; components in the order of their roots.
    let (parts, index) = group_by_label(&roots);
    // Edges grouped by component, each group a slice.
    edges.sort_unstable_by_key(|e| (index[&roots[e.a as usize]], e.a, e.b));
    let mut ranges = vec![0..0; parts.len()];
    let mut start = 0;
    for chunk in edges.chunk_by(|x, y| roots[x.a as usize] == roots[y.a as usize]) {
        let part = index[&roots[chunk[0].a as usize]];
        ranges[part] = start..start + chunk.len();
        start += chunk.len();
    }
    let labels: Vec<Vec<u32>> = parts
        .par_iter()
        .zip(ranges.par_iter())
        .map_init(
            || Scatter::new(vectors.vocabulary),
            |scatter, (records, range)| {
                if records.len() == 1 {
                    return vec![records[0]];
                }
                let local: FxHashMap<u32, u32> = records
                    .iter()
                    .enumerate()
                    .map(|(i, &r)| (r, i as u32))
                    .collect();
                let local_edges: Vec<(u32, u32)> = edges[range.clone()]
                    .iter()
                    .map(|e| (local[&e.a], local[&e.b]))
                    .collect();
                let local_days: Vec<Option<i32>> =
                    records.iter().map(|&r| days[r as usize]).collect();
                let local_copies: Vec<u32> = records
                    .iter()
                    .map(|&r| local[&copies[r as usize]])
                    .collect();
                agglomerate(
                    vectors,
                    records,
                    &local_days,
                    &local_copies,
                    &local_edges,
                    threshold,
                    settings,
                    scatter,
                )
                .into_iter()
                .map(|group| records[group as usize])
                .collect()
            },
        )
        .collect();
    let mut topic = vec![0u32; n];
    for (records, labels) in parts.iter().zip(labels) {
        for (&record, label) in records.iter().zip(labels) {
            topic[record as usize] = label;
        }
    }
    (topic, edges)
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

/// Some records of a [`Vectors`], by local id.
struct View<'a> {
    vectors: &'a Vectors,
    records: &'a [u32],
}

impl<'a> View<'a> {
    fn get(&self, local: usize) -> (&'a [u32], &'a [f32]) {
        self.vectors.get(self.records[local] as usize)
    }
}

impl Group {
    /// The centroid of group `id`.
    fn vector<'a>(&'a self, id: usize, view: &View<'a>) -> (&'a [u32], &'a [f32]) {
        if self.size == 1 {
            view.get(id)
        } else {
            (&self.centroid.terms, &self.centroid.weights)
        }
    }
}

/// Average-linkage agglomeration over the given candidate pairs, starting from the groups of
/// copies (`start[i]` is the first record of `i`'s group). Returns each record's group,
/// named by one of its records.
/// Average-linkage agglomeration of `records` (local ids index this list; `days` is
/// indexed by local id too) over the given candidate pairs of local ids, starting from the
/// groups of copies (`start[i]` is the first record of `i`'s group). Returns each record's
/// group, named by one of its records' local ids.
#[allow(clippy::too_many_arguments)]
fn agglomerate(
    vectors: &Vectors,
    records: &[u32],
    days: &[Option<i32>],
    start: &[u32],
    edges: &[(u32, u32)],
    threshold: f32,
    settings: &Settings,
    scatter: &mut Scatter,
) -> Vec<u32> {
    let n = records.len();
    let view = View { vectors, records };
    let vector_of = |local: usize| view.get(local);
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
            let centroid = &group.centroid;
            group.centroid = Sparse::sum(
                (&centroid.terms, &centroid.weights),
                vector_of(record),
                settings.centroid_terms,
            );
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
        let (terms, weights) = y.vector(y_id, &view);
        scatter.dot(terms, weights) / (x.size as f32 * y.size as f32)
            * time_factor(x.days, y.days, settings.window_days)
    };
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
                scatter,
                &view,
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
        let current =
            groups[b].alive && (groups[a].version, groups[b].version) == candidate.versions;
        if current {
            // b joins a.
            let gone = std::mem::take(&mut groups[b]);
            parent[b] = a as u32;
            let keep = &mut groups[a];
            keep.centroid = Sparse::sum(
                keep.vector(a, &view),
                gone.vector(b, &view),
                settings.centroid_terms,
            );
            keep.size += gone.size;
            keep.days = span(keep.days, gone.days);
            keep.version += 1;
            keep.neighbours.extend_from_slice(&gone.neighbours);
        }
        // The grown group, or one whose best neighbour has changed since, looks again.
        if let Some(best) = best_neighbour(
            a,
            &mut groups,
            &mut parent,
            scatter,
            &view,
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
    view: &View<'_>,
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
    let (terms, weights) = groups[a].vector(a, view);
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

/// Records grouped by label, each group in record order and the groups in the order of their
/// first record; and where each label's group is.
fn group_by_label(labels: &[u32]) -> (Vec<Vec<u32>>, FxHashMap<u32, usize>) {
    let mut index: FxHashMap<u32, usize> = FxHashMap::default();
    let mut groups: Vec<Vec<u32>> = Vec::new();
    for (record, &label) in labels.iter().enumerate() {
        let slot = *index.entry(label).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[slot].push(record as u32);
    }
    (groups, index)
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
    /// The sum of two vectors (terms and weights each), cut to its `limit` strongest terms.
    fn sum(a: (&[u32], &[f32]), b: (&[u32], &[f32]), limit: usize) -> Sparse {
        let (a_terms, a_weights) = a;
        let (b_terms, b_weights) = b;
        let capacity = a_terms.len() + b_terms.len();
        let mut sum = Sparse {
            terms: Vec::with_capacity(capacity),
            weights: Vec::with_capacity(capacity),
        };
        let (mut i, mut j) = (0, 0);
        while i < a_terms.len() || j < b_terms.len() {
            let (term, weight) =
                if j == b_terms.len() || (i < a_terms.len() && a_terms[i] < b_terms[j]) {
                    i += 1;
                    (a_terms[i - 1], a_weights[i - 1])
                } else if i == a_terms.len() || b_terms[j] < a_terms[i] {
                    j += 1;
                    (b_terms[j - 1], b_weights[j - 1])
                } else {
                    i += 1;
                    j += 1;
                    (a_terms[i - 1], a_weights[i - 1] + b_weights[j - 1])
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
        let sum = Sparse::sum((&a.terms, &a.weights), (&b.terms, &b.weights), 2);
        assert_eq!(sum.terms, [1, 2]);
        assert_eq!(sum.weights, [0.75, 0.9]);
    }
}
