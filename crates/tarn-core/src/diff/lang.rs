//! Sets of strings written as globs, and the one question the diff asks of them: is there a string in
//! every positive group and in no negative group? Answered exactly, by a search over the product of the
//! globs' automata (depth first, so that a member is found quickly), within a budget of states.
//!
//! A glob is a list of symbols: a literal character, `?` (one character) or `*` (any run). Neither
//! matches the component separator [`SEP`] (so a resource's region, account and id can be matched each on
//! its own, as the evaluator does). A policy variable is a letter of its own ([`var_char`]), which `*` may
//! match (a run of any text) and `?` may not (the value's length is unknown): an inclusion proved with it
//! then holds whatever value the variable takes.
//! [`Sym::All`] (the lone `*` resource) matches everything. Characters that no glob names behave alike,
//! so one fresh character stands for all of them: the search is exact.

use std::collections::HashMap;

/// Separates the components of an encoded resource.
pub(crate) const SEP: char = '\u{0}';
/// The first character used for policy variables (Unicode's supplementary private use area A).
const VAR_BASE: u32 = 0xF_0000;

/// The character that stands for policy variable number `n` of a diff (`None` past the 65,533 characters
/// of the private use area: the caller then gives up on the statement rather than alias two variables).
pub(crate) fn var_char(n: usize) -> Option<char> {
    let n = u32::try_from(n).ok().filter(|n| *n < 0xFFFE)?;
    char::from_u32(VAR_BASE + n)
}

/// Whether `c` stands for a policy variable.
pub(crate) fn is_var(c: char) -> bool {
    (c as u32) >= VAR_BASE
}

/// One symbol of a glob.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Sym {
    /// Exactly this character.
    Lit(char),
    /// One character (not [`SEP`], not a variable).
    One,
    /// Any run of characters (not [`SEP`]).
    Star,
    /// Any run of any characters: the lone `*`.
    All,
}

/// A glob.
pub(crate) type Glob = Vec<Sym>;

/// Reads a glob from text where `*` and `?` are wildcards (a `StringLike` value, an action name).
pub(crate) fn glob_of(text: &str) -> Glob {
    text.chars()
        .map(|c| match c {
            '*' => Sym::Star,
            '?' => Sym::One,
            c => Sym::Lit(c),
        })
        .collect()
}

/// A literal glob.
pub(crate) fn literal(text: &str) -> Glob {
    text.chars().map(Sym::Lit).collect()
}

/// A group of globs: a string is in it when one of the globs matches; a positive group must hold, a
/// negative one must not.
#[derive(Debug, Clone)]
pub(crate) struct Group<'a> {
    pub globs: Vec<&'a [Sym]>,
    pub positive: bool,
}

/// The answer of [`search`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// No string satisfies the groups: a proof.
    Empty,
    /// A string that does.
    Witness(String),
    /// The search ran out of its budget of states.
    TooLarge,
}

fn wild(c: char) -> bool {
    c != SEP && !is_var(c)
}

fn bit(set: &[u64], i: usize) -> bool {
    set.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

fn set_bit(set: &mut [u64], i: usize) {
    if let Some(w) = set.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// Sets position `i` and those reachable from it through stars.
fn reach(g: &[Sym], to: &mut [u64], mut i: usize) {
    loop {
        set_bit(to, i);
        match g.get(i) {
            Some(Sym::Star | Sym::All) => i += 1,
            _ => return,
        }
    }
}

fn step(g: &[Sym], from: &[u64], c: char, to: &mut [u64]) {
    for (wi, &word) in from.iter().enumerate() {
        let mut w = word;
        while w != 0 {
            let i = wi * 64 + w.trailing_zeros() as usize;
            w &= w - 1;
            match g.get(i) {
                Some(Sym::Lit(x)) if *x == c => reach(g, to, i + 1),
                Some(Sym::One) if wild(c) => reach(g, to, i + 1),
                // A star may take a variable's value, whatever it is; `?` may not (the value's length is
                // unknown).
                Some(Sym::Star) if c != SEP => reach(g, to, i),
                Some(Sym::All) => reach(g, to, i),
                _ => {}
            }
        }
    }
}

/// A hasher for states: words mixed a word at a time.
#[derive(Default)]
struct StateHasher(u64);

impl std::hash::Hasher for StateHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            if let Some(dst) = b.get_mut(..chunk.len()) {
                dst.copy_from_slice(chunk);
            }
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
}

/// Whether `text` is in every positive group and in no negative one.
fn satisfies(groups: &[Group<'_>], text: &str) -> bool {
    groups.iter().all(|g| g.globs.iter().any(|glob| matches(glob, text)) == g.positive)
}

/// Whether `g` matches `text`.
pub(crate) fn matches(g: &[Sym], text: &str) -> bool {
    let words = (g.len() + 1).div_ceil(64);
    let mut set = vec![0u64; words];
    reach(g, &mut set, 0);
    for c in text.chars() {
        let mut next = vec![0u64; words];
        step(g, &set, c, &mut next);
        set = next;
    }
    bit(&set, g.len())
}

/// A character that no glob names, for the strings that a wildcard stands for.
fn fresh(groups: &[Group<'_>]) -> char {
    let named = |c: char| groups.iter().flat_map(|g| &g.globs).any(|g| g.contains(&Sym::Lit(c)));
    "xzqkjw0123456789".chars().find(|c| !named(*c)).unwrap_or('\u{E000}')
}

/// One glob of a search: where its positions sit in a state, and its group.
struct Slot<'a> {
    glob: &'a [Sym],
    at: usize,
    len: usize,
    group: usize,
}

/// Is there a string in every positive group and in no negative group? At most `budget` product states
/// are explored.
pub(crate) fn search(groups: &[Group<'_>], budget: usize) -> Found {
    // A positive group without globs holds for nothing.
    if groups.iter().any(|g| g.positive && g.globs.is_empty()) {
        return Found::Empty;
    }
    let mut slots: Vec<Slot<'_>> = Vec::new();
    let mut words = 0;
    for (gi, g) in groups.iter().enumerate() {
        for glob in &g.globs {
            let len = (glob.len() + 1).div_ceil(64);
            slots.push(Slot { glob, at: words, len, group: gi });
            words += len;
        }
    }
    let mut alphabet: Vec<char> = slots
        .iter()
        .flat_map(|s| s.glob.iter())
        .filter_map(|s| match s {
            Sym::Lit(c) => Some(*c),
            _ => None,
        })
        .collect();
    alphabet.sort_unstable();
    alphabet.dedup();
    // The fresh character first: wildcards then read as `x`, not as some separator the patterns name.
    alphabet.insert(0, fresh(groups));
    let accepts = |state: &[u64]| -> bool {
        groups.iter().enumerate().all(|(gi, g)| {
            let any = slots.iter().any(|s| {
                s.group == gi && state.get(s.at..s.at + s.len).is_some_and(|p| bit(p, s.glob.len()))
            });
            any == g.positive
        })
    };
    // A state where some positive group has no live position can never accept.
    let dead = |state: &[u64]| -> bool {
        groups.iter().enumerate().any(|(gi, g)| {
            g.positive
                && slots
                    .iter()
                    .filter(|s| s.group == gi)
                    .all(|s| state.get(s.at..s.at + s.len).is_none_or(|p| p.iter().all(|w| *w == 0)))
        })
    };
    let mut arena: Vec<u64> = vec![0u64; words];
    for s in &slots {
        if let Some(p) = arena.get_mut(s.at..s.at + s.len) {
            reach(s.glob, p, 0);
        }
    }
    let mut seen: HashMap<Vec<u64>, (), std::hash::BuildHasherDefault<StateHasher>> = HashMap::default();
    seen.insert(arena.clone(), ());
    // The parent of each state and the character that led to it.
    let mut parents: Vec<(usize, char)> = vec![(usize::MAX, '\0')];
    let mut next = vec![0u64; words];
    // Depth first, the fresh character first: a member is found without visiting every shorter string
    // (emptiness still visits every reachable state).
    let mut stack = vec![0usize];
    while let Some(id) = stack.pop() {
        let Some(state) = arena.get(id * words..(id + 1) * words) else { break };
        if accepts(state) {
            let mut out = Vec::new();
            let mut cur = id;
            while let Some(&(parent, c)) = parents.get(cur) {
                if parent == usize::MAX {
                    break;
                }
                out.push(c);
                cur = parent;
            }
            out.reverse();
            let mut w: String = out.into_iter().collect();
            // `reports/2026/` reads better as `reports/2026/x`, when that is in the set too.
            if w.ends_with(['/', ':', '-', '.']) {
                let longer = format!("{w}{}", alphabet.first().copied().unwrap_or('x'));
                if satisfies(groups, &longer) {
                    w = longer;
                }
            }
            return Found::Witness(w);
        }
        let state = state.to_vec();
        // Children in the alphabet's order (the fresh character claims the states it shares with others),
        // popped in the same order.
        let first_child = stack.len();
        for &c in &alphabet {
            next.iter_mut().for_each(|w| *w = 0);
            for s in &slots {
                if let (Some(from), Some(to)) =
                    (state.get(s.at..s.at + s.len), next.get_mut(s.at..s.at + s.len))
                {
                    step(s.glob, from, c, to);
                }
            }
            if dead(&next) || seen.contains_key(&next) {
                continue;
            }
            if parents.len() >= budget {
                return Found::TooLarge;
            }
            seen.insert(next.clone(), ());
            arena.extend_from_slice(&next);
            stack.push(parents.len());
            parents.push((id, c));
        }
        if let Some(children) = stack.get_mut(first_child..) {
            children.reverse();
        }
    }
    Found::Empty
}

/// Whether every string of `a` is in one of `bs` (`None`: too large to decide).
pub(crate) fn included(a: &Glob, bs: &[Glob]) -> Option<bool> {
    if bs.iter().any(|b| b == a) {
        return Some(true);
    }
    let groups = [
        Group { globs: vec![a.as_slice()], positive: true },
        Group { globs: bs.iter().map(Vec::as_slice).collect(), positive: false },
    ];
    match search(&groups, 4096) {
        Found::Empty => Some(true),
        Found::Witness(_) => Some(false),
        Found::TooLarge => None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    #[test]
    fn inclusion_of_globs() {
        let g = |s: &str| glob_of(s);
        assert_eq!(included(&g("a*"), &[g("*")]), Some(true));
        assert_eq!(included(&g("*"), &[g("a*")]), Some(false));
        assert_eq!(included(&g("?*"), &[g("*?")]), Some(true));
        assert_eq!(included(&g("ab*"), &[g("a*b*"), g("x")]), Some(true));
        assert_eq!(included(&g("a*"), &[g("ab*"), g("a")]), Some(false));
        assert_eq!(included(&g("a*"), &[g("a?*"), g("a")]), Some(true));
    }

    #[test]
    fn witnesses_satisfy_their_groups() {
        let (all, public, x) = (glob_of("bucket/*"), glob_of("bucket/public/*"), glob_of("bucket/x"));
        let groups = [
            Group { globs: vec![&all], positive: true },
            Group { globs: vec![&public, &x], positive: false },
        ];
        let Found::Witness(w) = search(&groups, 1000) else { panic!("a witness") };
        assert!(matches(&glob_of("bucket/*"), &w));
        assert!(!matches(&glob_of("bucket/public/*"), &w));
        assert!(!matches(&glob_of("bucket/x"), &w));
    }

    #[test]
    fn separators_stop_stars() {
        let mut a = glob_of("*");
        a.push(Sym::Lit(SEP));
        a.extend(glob_of("x"));
        assert!(!matches(&glob_of("*"), "a\u{0}x"));
        assert!(matches(&a, "a\u{0}x"));
        assert!(matches(&[Sym::All], "a\u{0}x"));
    }
}
