//! The quick engines: an automaton searched by the bounded backtracker where the text is
//! short enough for it, else by the Pike VM. What `regex::Regex` builds for long searches
//! (the lazy DFA and its reverse automaton, literal prefilters, the one-pass DFA) is left
//! out; the choice between the two engines is the one `regex::Regex` makes when it has
//! only these two, so each search costs what `regex::Regex` configured so would pay.
//! Built from an automaton rather than a text, so that an automaton rebuilt from the
//! catalog's image serves as one compiled at start.

use regex_automata::nfa::thompson::{NFA, backtrack, pikevm};
use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Input, Match};

/// One thread's scratch space for both engines, each made when first used: the Pike VM's
/// holds a row of capture slots for every state, megabytes for a long pattern that the
/// backtracker serves alone.
#[derive(Default)]
struct Scratch {
    pikevm: Option<pikevm::Cache>,
    backtrack: Option<backtrack::Cache>,
}

impl Scratch {
    fn backtrack(&mut self, engine: &backtrack::BoundedBacktracker) -> &mut backtrack::Cache {
        self.backtrack.get_or_insert_with(|| engine.create_cache())
    }

    fn pikevm(&mut self, engine: &pikevm::PikeVM) -> &mut pikevm::Cache {
        self.pikevm.get_or_insert_with(|| engine.create_cache())
    }
}

type MakeScratch = fn() -> Scratch;

/// The quick engines of one compilation.
pub(crate) struct Quick {
    pikevm: pikevm::PikeVM,
    backtrack: backtrack::BoundedBacktracker,
    scratch: Pool<Scratch, MakeScratch>,
}

impl Quick {
    /// The engines for `nfa`.
    pub(crate) fn new(nfa: NFA) -> Self {
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa.clone())
            .expect("an automaton this crate compiled runs in the Pike VM");
        let backtrack = backtrack::BoundedBacktracker::new_from_nfa(nfa)
            .expect("an automaton this crate compiled runs in the backtracker");
        Self {
            pikevm,
            backtrack,
            scratch: Pool::new(Scratch::default),
        }
    }

    /// Empty captures for this compilation's groups.
    pub(crate) fn create_captures(&self) -> Slots {
        self.pikevm.create_captures()
    }

    /// Whether the backtracker serves `input`: a search that may stop at the first match
    /// of a long text goes to the Pike VM, which stops sooner, and so does a text longer
    /// than the backtracker's memory bound allows.
    fn backtracks(&self, input: &Input<'_>) -> bool {
        !(input.get_earliest() && input.haystack().len() > 128)
            && input.get_span().len() < self.backtrack.max_haystack_len()
    }

    fn search_slots(
        &self,
        scratch: &mut Scratch,
        input: &Input<'_>,
        slots: &mut [Option<NonMaxUsize>],
    ) -> Option<regex_automata::PatternID> {
        if self.backtracks(input) {
            self.backtrack
                .try_search_slots(scratch.backtrack(&self.backtrack), input, slots)
                .expect("the text is within the backtracker's bound")
        } else {
            self.pikevm
                .search_slots(scratch.pikevm(&self.pikevm), input, slots)
        }
    }

    fn captures_with(&self, scratch: &mut Scratch, input: &Input<'_>, caps: &mut Slots) {
        caps.set_pattern(None);
        let pattern = self.search_slots(scratch, input, caps.slots_mut());
        caps.set_pattern(pattern);
    }

    fn find_with(&self, scratch: &mut Scratch, input: &Input<'_>) -> Option<Match> {
        let mut slots = [None, None];
        let pattern = self.search_slots(scratch, input, &mut slots)?;
        let (start, end) = (slots[0]?.get(), slots[1]?.get());
        Some(Match::new(pattern, start..end))
    }

    /// The leftmost match's captures in `text`, into `caps`.
    pub(crate) fn captures(&self, text: &str, caps: &mut Slots) {
        self.captures_with(&mut self.scratch.get(), &Input::new(text), caps);
    }

    /// The leftmost match in `text`.
    pub(crate) fn find(&self, text: &str) -> Option<Match> {
        self.find_with(&mut self.scratch.get(), &Input::new(text))
    }

    /// Whether the pattern matches somewhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let input = Input::new(text).earliest(true);
        let mut scratch = self.scratch.get();
        if self.backtracks(&input) {
            self.backtrack
                .try_is_match(scratch.backtrack(&self.backtrack), input)
                .expect("the text is within the backtracker's bound")
        } else {
            self.pikevm.is_match(scratch.pikevm(&self.pikevm), input)
        }
    }

    /// The captures of every successive non-overlapping match in `text`.
    pub(crate) fn captures_iter<'t>(
        &self,
        text: &'t str,
    ) -> impl Iterator<Item = Slots> + use<'_, 't> {
        let mut matches = self.matches(text);
        std::iter::from_fn(move || matches.next_captures())
    }

    /// Every successive non-overlapping match in `text`.
    pub(crate) fn find_iter<'t>(&self, text: &'t str) -> impl Iterator<Item = Match> + use<'_, 't> {
        let mut matches = self.matches(text);
        std::iter::from_fn(move || matches.next_match())
    }

    fn matches<'t>(&self, text: &'t str) -> Matches<'_, 't> {
        Matches {
            quick: self,
            scratch: self.scratch.get(),
            searcher: Searcher::new(Input::new(text)),
        }
    }
}

/// Successive matches of a [`Quick`] in a text; an empty match is never split from a
/// character, as `regex::Regex`'s iterators keep it.
struct Matches<'q, 't> {
    quick: &'q Quick,
    scratch: PoolGuard<'q, Scratch, MakeScratch>,
    searcher: Searcher<'t>,
}

impl Matches<'_, '_> {
    /// The next match's captures.
    fn next_captures(&mut self) -> Option<Slots> {
        let (quick, scratch) = (self.quick, &mut self.scratch);
        let mut caps = quick.create_captures();
        self.searcher.advance(|input| {
            quick.captures_with(scratch, input, &mut caps);
            Ok(caps.get_match())
        })?;
        Some(caps)
    }

    /// The next match.
    fn next_match(&mut self) -> Option<Match> {
        let (quick, scratch) = (self.quick, &mut self.scratch);
        self.searcher
            .advance(|input| Ok(quick.find_with(scratch, input)))
    }
}
