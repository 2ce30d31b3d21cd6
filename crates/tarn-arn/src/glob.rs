//! Linear-time glob matching for ARN patterns.
//!
//! A glob is split at its stars into chunks of atoms (literal text, `?`, policy variables). Without
//! backtracking, each chunk is placed at its leftmost possible position: the chunks have a fixed length once
//! variables are resolved, so the leftmost placement of a chunk also ends earliest and never excludes a match
//! of the chunks after it. The first and last chunks are anchored when the glob does not start or end with
//! `*`. Work is linear in the input for a fixed pattern, whatever the number of stars.

use crate::syntax::{Tok, TokKind};

/// Resolves IAM policy variables (`${aws:username}`) while matching.
///
/// Implemented for maps from key to value and for slices of pairs. Keys are looked up as written in the
/// pattern; a resolver that wants case-insensitive keys (as IAM has) folds them itself.
pub trait VarResolver {
    /// The value of `key`, or `None` when the request has no such key.
    fn resolve(&self, key: &str) -> Option<&str>;
}

/// A resolver that knows no variables: a pattern variable without a default then matches nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoVars;

impl VarResolver for NoVars {
    fn resolve(&self, _key: &str) -> Option<&str> {
        None
    }
}

impl<S: AsRef<str>> VarResolver for [(S, S)] {
    fn resolve(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| k.as_ref() == key).map(|(_, v)| v.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> VarResolver for [(S, S); N] {
    fn resolve(&self, key: &str) -> Option<&str> {
        self.as_slice().resolve(key)
    }
}

impl<S: AsRef<str>> VarResolver for Vec<(S, S)> {
    fn resolve(&self, key: &str) -> Option<&str> {
        self.as_slice().resolve(key)
    }
}

impl<T: VarResolver + ?Sized> VarResolver for &T {
    fn resolve(&self, key: &str) -> Option<&str> {
        (**self).resolve(key)
    }
}

impl<
        S: AsRef<str> + std::hash::Hash + Eq + std::borrow::Borrow<str>,
        V: AsRef<str>,
        H: std::hash::BuildHasher,
    > VarResolver for std::collections::HashMap<S, V, H>
{
    fn resolve(&self, key: &str) -> Option<&str> {
        self.get(key).map(AsRef::as_ref)
    }
}

impl<S: Ord + std::borrow::Borrow<str>, V: AsRef<str>> VarResolver for std::collections::BTreeMap<S, V> {
    fn resolve(&self, key: &str) -> Option<&str> {
        self.get(key).map(AsRef::as_ref)
    }
}

/// A policy variable inside a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Var {
    pub key: Box<str>,
    pub default: Option<Box<str>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Atom {
    Lit(Box<str>),
    One,
    Var(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Chunk {
    atoms: Vec<Atom>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Glob {
    chunks: Vec<Chunk>,
    lead: bool,
    trail: bool,
    star: bool,
}

impl Glob {
    /// Builds a glob from tokens; policy variables are appended to `vars`.
    pub(crate) fn build(text: &str, toks: &[Tok], vars: &mut Vec<Var>) -> Glob {
        let mut g = Glob { chunks: Vec::with_capacity(2), ..Glob::default() };
        let mut cur = Chunk { atoms: Vec::with_capacity(2) };
        // One buffer for every literal; each literal is then allocated once, at its exact size.
        let mut lit = String::with_capacity(toks.iter().map(|t| t.span.len()).sum());
        let flush_lit = |lit: &mut String, cur: &mut Chunk| {
            if !lit.is_empty() {
                cur.atoms.push(Atom::Lit(lit.as_str().into()));
                lit.clear();
            }
        };
        for (n, t) in toks.iter().enumerate() {
            match &t.kind {
                TokKind::Text | TokKind::Colon => lit.push_str(text.get(t.span.clone()).unwrap_or_default()),
                TokKind::Escape(c) => lit.push(*c),
                TokKind::Quest => {
                    flush_lit(&mut lit, &mut cur);
                    cur.atoms.push(Atom::One);
                }
                TokKind::Var { key, default } => {
                    flush_lit(&mut lit, &mut cur);
                    vars.push(Var {
                        key: text.get(key.clone()).unwrap_or_default().into(),
                        default: default.as_ref().map(|d| text.get(d.clone()).unwrap_or_default().into()),
                    });
                    cur.atoms.push(Atom::Var(vars.len() - 1));
                }
                TokKind::Placeholder { .. } => {
                    // Patterns never hold placeholders; keep the text literal if one slips through.
                    lit.push_str(text.get(t.span.clone()).unwrap_or_default());
                }
                TokKind::Star => {
                    flush_lit(&mut lit, &mut cur);
                    g.star = true;
                    if n == 0 {
                        g.lead = true;
                    }
                    if n + 1 == toks.len() {
                        g.trail = true;
                    }
                    if !cur.atoms.is_empty() {
                        g.chunks.push(std::mem::take(&mut cur));
                    }
                }
            }
        }
        flush_lit(&mut lit, &mut cur);
        if !cur.atoms.is_empty() || !g.star {
            g.chunks.push(cur);
        }
        g
    }

    /// Whether `text` matches this glob.
    pub(crate) fn matches<R: VarResolver + ?Sized>(&self, text: &str, vars: &[Var], res: &R) -> bool {
        self.try_match(text, vars, res).is_some()
    }

    fn try_match<R: VarResolver + ?Sized>(&self, text: &str, vars: &[Var], res: &R) -> Option<()> {
        let cx = Cx { text, vars, res };
        if !self.star {
            let end = match self.chunks.first() {
                Some(c) => cx.match_at(c, 0)?,
                None => 0,
            };
            return (end == text.len()).then_some(());
        }
        let mut chunks: &[Chunk] = &self.chunks;
        let mut pos = 0;
        let mut limit = text.len();
        if !self.lead {
            let (first, rest) = chunks.split_first()?;
            pos = cx.match_at(first, 0)?;
            chunks = rest;
        }
        if !self.trail {
            let (last, rest) = chunks.split_last()?;
            let n = cx.chars_of(last)?;
            let start = if n == 0 { text.len() } else { text.char_indices().rev().nth(n - 1)?.0 };
            if start < pos || cx.match_at(last, start)? != text.len() {
                return None;
            }
            limit = start;
            chunks = rest;
        }
        for c in chunks {
            pos = cx.find_leftmost(c, pos, limit)?;
        }
        Some(())
    }
}

struct Cx<'a, R: ?Sized> {
    text: &'a str,
    vars: &'a [Var],
    res: &'a R,
}

impl<'a, R: VarResolver + ?Sized> Cx<'a, R> {
    fn var(&self, i: usize) -> Option<&'a str> {
        let v = self.vars.get(i)?;
        self.res.resolve(&v.key).or(v.default.as_deref())
    }

    /// Matches `c` at byte `start`; returns the end of the match.
    fn match_at(&self, c: &Chunk, start: usize) -> Option<usize> {
        let mut i = start;
        for a in &c.atoms {
            let rest = self.text.get(i..)?;
            match a {
                Atom::Lit(l) => {
                    if !rest.starts_with(&**l) {
                        return None;
                    }
                    i += l.len();
                }
                Atom::One => i += rest.chars().next()?.len_utf8(),
                Atom::Var(v) => {
                    let val = self.var(*v)?;
                    if !rest.starts_with(val) {
                        return None;
                    }
                    i += val.len();
                }
            }
        }
        Some(i)
    }

    /// Length of `c` in characters once its variables are resolved.
    fn chars_of(&self, c: &Chunk) -> Option<usize> {
        let mut n = 0;
        for a in &c.atoms {
            n += match a {
                Atom::Lit(l) => l.chars().count(),
                Atom::One => 1,
                Atom::Var(v) => self.var(*v)?.chars().count(),
            };
        }
        Some(n)
    }

    /// The end of the leftmost match of `c` starting at or after `from` and ending at or before `limit`.
    fn find_leftmost(&self, c: &Chunk, from: usize, limit: usize) -> Option<usize> {
        let mut s = from;
        loop {
            if let Some(Atom::Lit(l)) = c.atoms.first() {
                s += self.text.get(s..limit)?.find(&**l)?;
            }
            if let Some(end) = self.match_at(c, s) {
                // Chunks have a fixed length: a later start cannot end earlier.
                return (end <= limit).then_some(end);
            }
            s += self.text.get(s..limit)?.chars().next()?.len_utf8();
        }
    }
}
