//! The keyword search: every occurrence of every detector keyword, overlapping and
//! ignoring ASCII case, found with an Aho-Corasick DFA.
//!
//! The DFA's step is a chain of dependent loads (the next state depends on the last),
//! which keeps the CPU waiting: it was a third of a scan's CPU time. So the buffer's two
//! halves are searched in one loop, as two independent chains, through the automaton's
//! low-level state API (`aho_corasick::automaton`, meant for custom searches).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use anyhow::{Context, Result};

/// Finds keywords, overlapping and ignoring ASCII case.
pub struct KeywordSearch {
    dfa: DFA,
    start: StateID,
    /// Length of the longest keyword.
    longest: usize,
}

/// One keyword occurrence: the keyword's index and its span in the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    pub keyword: usize,
    pub start: usize,
    pub end: usize,
}

impl KeywordSearch {
    /// A search for `keywords`; hits name a keyword by its index in this slice.
    pub fn new(keywords: &[String]) -> Result<Self> {
        // A DFA costs ~1.5 MB and ~10 ms to build for the built-in keywords, and
        // searches several times faster than an NFA. Without a prefilter its start
        // state is not special, which the search loop relies on.
        let dfa = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(keywords)
            .context("building the keyword search")?;
        let start = dfa.start_state(Anchored::No).context("starting the keyword search")?;
        let longest = keywords.iter().map(String::len).max().unwrap_or(0);
        Ok(KeywordSearch { dfa, start, longest })
    }

    /// Calls `on_hit` for every keyword occurrence in `buf`, in no particular order.
    pub fn for_each_hit(&self, buf: &[u8], mut on_hit: impl FnMut(Hit)) {
        // The first stream reports the occurrences that end in the first half. The
        // second starts early enough to see whole every occurrence that ends in the
        // second half, and reports only those.
        let half = buf.len() / 2;
        let second_from = half.saturating_sub(self.longest.saturating_sub(1));
        let (first, second) = (&buf[..half], &buf[second_from..]);
        let (mut first_state, mut second_state) = (self.start, self.start);
        for (at, (&a, &b)) in first.iter().zip(second).enumerate() {
            first_state = self.dfa.next_state(Anchored::No, first_state, a);
            second_state = self.dfa.next_state(Anchored::No, second_state, b);
            if self.dfa.is_special(first_state) {
                self.report(first_state, at + 1, &mut on_hit);
            }
            if self.dfa.is_special(second_state) && second_from + at + 1 > half {
                self.report(second_state, second_from + at + 1, &mut on_hit);
            }
        }
        // The second stream is the longer: it finishes alone.
        for (at, &b) in second.iter().enumerate().skip(first.len()) {
            second_state = self.dfa.next_state(Anchored::No, second_state, b);
            if self.dfa.is_special(second_state) && second_from + at + 1 > half {
                self.report(second_state, second_from + at + 1, &mut on_hit);
            }
        }
    }

    /// Reports the keywords a state matches, ending at `end`.
    #[inline(never)]
    fn report(&self, state: StateID, end: usize, on_hit: &mut impl FnMut(Hit)) {
        if !self.dfa.is_match(state) {
            return;
        }
        for index in 0..self.dfa.match_len(state) {
            let keyword = self.dfa.match_pattern(state, index);
            let start = end - self.dfa.pattern_len(keyword);
            on_hit(Hit { keyword: keyword.as_usize(), start, end });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    /// What the automaton's own overlapping search finds, sorted.
    fn reference(keywords: &[String], buf: &[u8]) -> Vec<Hit> {
        let automaton = AhoCorasick::builder().ascii_case_insensitive(true).build(keywords).unwrap();
        let mut hits: Vec<Hit> = automaton
            .find_overlapping_iter(buf)
            .map(|m| Hit { keyword: m.pattern().as_usize(), start: m.start(), end: m.end() })
            .collect();
        hits.sort();
        hits
    }

    fn found(search: &KeywordSearch, buf: &[u8]) -> Vec<Hit> {
        let mut hits = Vec::new();
        search.for_each_hit(buf, |hit| hits.push(hit));
        hits.sort();
        hits
    }

    fn keywords(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn finds_exactly_what_the_automatons_own_search_finds() {
        let words = keywords(&[
            "ghp_",
            "Q~",
            "pat",
            "password",
            "api_key",
            "sk_live_",
            "xoxb-",
            "AKIA",
            "key",
            "storage_account_key",
        ]);
        let search = KeywordSearch::new(&words).unwrap();
        // Pseudo-random texts of keyword pieces, case changes and separators, so that
        // keywords overlap, touch, straddle the middle and the ends, in mixed case.
        let pieces: &[&[u8]] = &[
            b"GHP_",
            b"q~",
            b"Pat",
            b"pass",
            b"word",
            b"API_KEY",
            b"sk_",
            b"live_",
            b"xoxb-",
            b"akia",
            b"k",
            b"ey",
            b"storage_",
            b"account_",
            b" ",
            b"\n",
            b"_",
            b"\xff",
            b"zz",
        ];
        let mut state = 0x2545_f491_u32;
        for len in [0, 1, 2, 3, 4, 5, 7, 10, 19, 20, 21, 40, 200, 2000] {
            for _ in 0..200 {
                let mut text = Vec::new();
                while text.len() < len {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    text.extend_from_slice(pieces[state as usize % pieces.len()]);
                }
                text.truncate(len);
                assert_eq!(
                    found(&search, &text),
                    reference(&words, &text),
                    "text: {:?}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }

    #[test]
    fn an_occurrence_across_the_middle_is_found_once() {
        let words = keywords(&["token"]);
        let search = KeywordSearch::new(&words).unwrap();
        for at in 0..12 {
            let mut text = vec![b'.'; 20];
            text[at..at + 5].copy_from_slice(b"ToKeN");
            assert_eq!(found(&search, &text), vec![Hit { keyword: 0, start: at, end: at + 5 }], "at {at}");
        }
    }

    #[test]
    fn no_keywords_find_nothing() {
        let search = KeywordSearch::new(&[]).unwrap();
        assert!(found(&search, b"token password").is_empty());
    }
}
