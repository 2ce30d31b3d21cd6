//! "Is there an ARN that both sides match?": the product of two glob-like automata.
//!
//! Each side is a sequence of symbols: one character of a class, or any number of characters of a class.
//! A template placeholder is one character of its class followed by any number of them. A breadth-first
//! search over pairs of positions decides whether the two languages intersect; the path found tells which
//! part of the pattern each placeholder consumed.

use std::collections::VecDeque;
use std::ops::Range;

use crate::syntax::{Tok, TokKind};
use crate::Cloud;

pub(crate) const COLON: u8 = 1;
pub(crate) const SLASH: u8 = 2;
pub(crate) const PERCENT: u8 = 4;

pub(crate) fn sep_bit(c: char) -> u8 {
    match c {
        ':' => COLON,
        '/' => SLASH,
        '%' => PERCENT,
        _ => 0,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cls {
    Ch(char),
    Any,
    /// Any character but the separators in the mask.
    Not(u8),
}

fn meet(a: Cls, b: Cls) -> bool {
    match (a, b) {
        (Cls::Ch(x), Cls::Ch(y)) => x == y,
        (Cls::Ch(x), Cls::Not(m)) | (Cls::Not(m), Cls::Ch(x)) => sep_bit(x) & m == 0,
        _ => true,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Sym {
    pub cls: Cls,
    pub many: bool,
    /// Pattern side: the source span. Template side: the placeholder index, if any.
    pub src: Range<usize>,
    pub owner: Option<usize>,
}

/// Which segment a token is in, for the header rule (wildcards in header segments never cross `:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    Header,
    Body,
}

/// Pattern-side symbols from tokens. `zone(i)` tells which zone token `i` is in.
pub(crate) fn pattern_syms(text: &str, toks: &[Tok], zone: impl Fn(usize) -> Zone) -> Vec<Sym> {
    let mut out = Vec::new();
    for (n, t) in toks.iter().enumerate() {
        let header = zone(n) == Zone::Header;
        let any = if header { Cls::Not(COLON) } else { Cls::Any };
        let sym = |cls, many, src: Range<usize>| Sym { cls, many, src, owner: None };
        match &t.kind {
            TokKind::Text | TokKind::Colon | TokKind::Placeholder { .. } => {
                for (i, c) in text.get(t.span.clone()).unwrap_or_default().char_indices() {
                    let at = t.span.start + i;
                    out.push(sym(Cls::Ch(c), false, at..at + c.len_utf8()));
                }
            }
            TokKind::Escape(c) => out.push(sym(Cls::Ch(*c), false, t.span.clone())),
            TokKind::Quest => out.push(sym(any, false, t.span.clone())),
            TokKind::Star | TokKind::Var { .. } => out.push(sym(any, true, t.span.clone())),
        }
    }
    out
}

/// Runs the product search. Returns, for each template placeholder index, the pattern text it consumed
/// (`None` when the two do not intersect).
pub(crate) fn intersect(ptext: &str, p: &[Sym], t: &[Sym], placeholders: usize) -> Option<Vec<String>> {
    let np = p.len() + 1;
    let nt = t.len() + 1;
    let states = np.checked_mul(nt)?;
    // Guard against pathological sizes (policies are at most tens of KB; templates a few hundred bytes).
    if states > 64 * 1024 * 1024 {
        return None;
    }
    // Most pairs do not intersect, and most of those fail within a few steps: a search over a bitset
    // answers that without the parent table the bindings need.
    if !reachable(p, t) {
        return None;
    }
    const UNSEEN: u32 = u32::MAX;
    // parent[state] = previous state, with the high bit set when the step consumed a character.
    let mut parent: Vec<u32> = vec![UNSEEN; states];
    let idx = |i: usize, j: usize| i * nt + j;
    let start = idx(0, 0);
    let goal = idx(p.len(), t.len());
    let root = u32::try_from(start).ok()?;
    *parent.get_mut(start)? = root;
    let mut queue = VecDeque::from([(0usize, 0usize)]);
    let mut found = false;
    while let Some((i, j)) = queue.pop_front() {
        if idx(i, j) == goal {
            found = true;
            break;
        }
        let from = u32::try_from(idx(i, j)).ok()?;
        let mut push = |ni: usize, nj: usize, consumed: bool, parent: &mut Vec<u32>| {
            let s = idx(ni, nj);
            if let Some(slot) = parent.get_mut(s) {
                if *slot == UNSEEN {
                    *slot = from | if consumed { 1 << 31 } else { 0 };
                    queue.push_back((ni, nj));
                }
            }
        };
        let ps = p.get(i);
        let ts = t.get(j);
        if let (Some(a), Some(b)) = (ps, ts) {
            if meet(a.cls, b.cls) {
                let ni = if a.many { i } else { i + 1 };
                let nj = if b.many { j } else { j + 1 };
                if (ni, nj) != (i, j) {
                    push(ni, nj, true, &mut parent);
                }
            }
        }
        if ps.is_some_and(|a| a.many) {
            push(i + 1, j, false, &mut parent);
        }
        if ts.is_some_and(|b| b.many) {
            push(i, j + 1, false, &mut parent);
        }
    }
    if !found {
        return None;
    }
    // Walk back from the goal: every state on the path, and whether a character was consumed from it.
    let mut path: Vec<(usize, usize, bool)> = Vec::new();
    let mut s = goal;
    while s != start {
        let raw = *parent.get(s)?;
        let prev = (raw & !(1 << 31)) as usize;
        path.push((prev / nt, prev % nt, raw & (1 << 31) != 0));
        s = prev;
    }
    path.reverse();
    // A placeholder binds the pattern symbols that consumed its characters, and also a star that stood
    // beside it without consuming (the star could have fed it: `MQ_INST_1*` binds `MQ_INST_1*`, not
    // `MQ_INST_1`).
    let mut out: Vec<String> = vec![String::new(); placeholders];
    let mut last: Vec<Option<usize>> = vec![None; placeholders];
    for (i, j, consumed) in path {
        let (Some(ps), Some(ts)) = (p.get(i), t.get(j)) else {
            continue;
        };
        let Some(v) = ts.owner else {
            continue;
        };
        if !(consumed || (ps.many && meet(ps.cls, ts.cls))) {
            continue;
        }
        if last.get(v).copied().flatten() != Some(i) {
            if let Some(o) = out.get_mut(v) {
                o.push_str(ptext.get(ps.src.clone()).unwrap_or_default());
            }
            if let Some(l) = last.get_mut(v) {
                *l = Some(i);
            }
        }
    }
    Some(out)
}

/// Whether the product of `p` and `t` reaches its goal: the same moves as [`intersect`], depth first, with
/// a bit per state.
pub(crate) fn reachable(p: &[Sym], t: &[Sym]) -> bool {
    let nt = t.len() + 1;
    let states = (p.len() + 1) * nt;
    let mut seen = vec![0u64; states.div_ceil(64)];
    let mut stack = Vec::with_capacity(64);
    stack.push((0usize, 0usize));
    let visit = |i: usize, j: usize, seen: &mut Vec<u64>, stack: &mut Vec<(usize, usize)>| {
        let s = i * nt + j;
        if let Some(word) = seen.get_mut(s / 64) {
            let bit = 1u64 << (s % 64);
            if *word & bit == 0 {
                *word |= bit;
                stack.push((i, j));
            }
        }
    };
    if let Some(word) = seen.first_mut() {
        *word |= 1;
    }
    while let Some((i, j)) = stack.pop() {
        if i == p.len() && j == t.len() {
            return true;
        }
        let ps = p.get(i);
        let ts = t.get(j);
        if let (Some(a), Some(b)) = (ps, ts) {
            if meet(a.cls, b.cls) {
                let ni = if a.many { i } else { i + 1 };
                let nj = if b.many { j } else { j + 1 };
                if (ni, nj) != (i, j) {
                    visit(ni, nj, &mut seen, &mut stack);
                }
            }
        }
        if ps.is_some_and(|a| a.many) {
            visit(i + 1, j, &mut seen, &mut stack);
        }
        if ts.is_some_and(|b| b.many) {
            visit(i, j + 1, &mut seen, &mut stack);
        }
    }
    false
}

/// Zones of a tokenized text: tokens before the service segment's end are header, except that for AWS the
/// region and account belong to the body (a `*` there may run across `:`).
pub(crate) fn zone_fn(cloud: Cloud, service_end_tok: usize, body_start_tok: usize) -> impl Fn(usize) -> Zone {
    move |n| {
        let body_from = match cloud {
            Cloud::Aws => service_end_tok,
            Cloud::Alibaba => body_start_tok,
        };
        if n < body_from {
            Zone::Header
        } else {
            Zone::Body
        }
    }
}
