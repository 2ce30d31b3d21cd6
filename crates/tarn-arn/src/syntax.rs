//! Tokenizer and segment layout shared by [`crate::Arn`], [`crate::Pattern`] and [`crate::Template`].

use std::ops::Range;

use crate::error::{describe_whitespace, word_around, ArnError, ArnErrorKind, Part};
use crate::Cloud;

/// How special characters are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Everything is literal; `${` is an error.
    Arn,
    /// `*`, `?` are wildcards, `${...}` is a policy variable or escape.
    Pattern,
    /// `*`, `?` are wildcards, `${Name}`, `{Name}`, `<name>` are placeholders.
    Template,
}

/// How a template placeholder was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceholderStyle {
    /// `${Name}`, the catalogs' form.
    Dollar,
    /// `{name}`, the documentation's form.
    Brace,
    /// `<name>`, the `policy!` macro's form.
    Angle,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TokKind {
    /// A run of literal characters without `:`.
    Text,
    Colon,
    Star,
    Quest,
    /// A policy variable: key and optional default (byte ranges into the input, default without quotes).
    Var {
        key: Range<usize>,
        default: Option<Range<usize>>,
    },
    /// `${*}`, `${?}`, `${$}`: a literal character.
    Escape(char),
    /// A template placeholder.
    Placeholder {
        name: Range<usize>,
        style: PlaceholderStyle,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Tok {
    pub kind: TokKind,
    pub span: Range<usize>,
}

/// Where the segments of an ARN-like text are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    pub cloud: Cloud,
    pub partition: Option<Range<usize>>,
    pub service: Range<usize>,
    pub region: Range<usize>,
    pub account: Range<usize>,
    pub resource: Range<usize>,
    /// Index into the token list of the first token of each part: partition (AWS), service, region,
    /// account, resource; and one past the end.
    pub tok_bounds: TokBounds,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct TokBounds {
    pub partition: Range<usize>,
    pub service: Range<usize>,
    pub region: Range<usize>,
    pub account: Range<usize>,
    pub resource: Range<usize>,
}

fn err(kind: ArnErrorKind, text: &str, span: Range<usize>) -> ArnError {
    ArnError::new(kind, text, span)
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str, mode: Mode) -> Result<Vec<Tok>, ArnError> {
    tokenize_with(text, mode, false)
}

/// Splits `text` into tokens; with `space_in_resource`, a space (U+0020) inside the resource part is text.
pub(crate) fn tokenize_with(text: &str, mode: Mode, space_in_resource: bool) -> Result<Vec<Tok>, ArnError> {
    if let Some(toks) = tokenize_plain(text, mode) {
        return Ok(toks);
    }
    tokenize_general(text, mode, space_in_resource)
}

/// The common case in one pass over the bytes: printable ASCII without `$`, `{`, `<` and spaces, where
/// tokens are text runs, `:`, and (outside [`Mode::Arn`]) `*` and `?`. `None` sends anything else to
/// [`tokenize_general`], which gives the same tokens for these inputs (a unit test compares the two).
fn tokenize_plain(text: &str, mode: Mode) -> Option<Vec<Tok>> {
    let mut toks: Vec<Tok> = Vec::with_capacity(12);
    let mut start = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let kind = match b {
            b':' => TokKind::Colon,
            b'*' if mode != Mode::Arn => TokKind::Star,
            b'?' if mode != Mode::Arn => TokKind::Quest,
            b'$' | b'{' | b'<' => return None,
            0x21..=0x7e => continue,
            _ => return None,
        };
        if start < i {
            toks.push(Tok { kind: TokKind::Text, span: start..i });
        }
        toks.push(Tok { kind, span: i..i + 1 });
        start = i + 1;
    }
    if start < text.len() {
        toks.push(Tok { kind: TokKind::Text, span: start..text.len() });
    }
    Some(toks)
}

fn tokenize_general(text: &str, mode: Mode, space_in_resource: bool) -> Result<Vec<Tok>, ArnError> {
    let resource_colons = if text.starts_with("acs:") { 4 } else { 5 };
    let mut colons = 0;
    let mut toks: Vec<Tok> = Vec::with_capacity(16);
    let mut text_start: Option<usize> = None;
    let mut it = text.char_indices().peekable();
    let flush = |toks: &mut Vec<Tok>, start: &mut Option<usize>, end: usize| {
        if let Some(s) = start.take() {
            toks.push(Tok { kind: TokKind::Text, span: s..end });
        }
    };
    while let Some((i, c)) = it.next() {
        if c == ' ' && space_in_resource && colons >= resource_colons {
            text_start.get_or_insert(i);
            continue;
        }
        if c.is_whitespace() {
            return Err(err(
                ArnErrorKind::Whitespace { word: word_around(text, i), what: describe_whitespace(c) },
                text,
                i..i + c.len_utf8(),
            ));
        }
        if c.is_control() {
            return Err(err(
                ArnErrorKind::ControlChar { word: word_around(text, i), ch: c },
                text,
                i..i + c.len_utf8(),
            ));
        }
        let special = match c {
            ':' => Some(TokKind::Colon),
            '*' if mode != Mode::Arn => Some(TokKind::Star),
            '?' if mode != Mode::Arn => Some(TokKind::Quest),
            _ => None,
        };
        if let Some(kind) = special {
            if kind == TokKind::Colon {
                colons += 1;
            }
            flush(&mut toks, &mut text_start, i);
            toks.push(Tok { kind, span: i..i + 1 });
            continue;
        }
        if c == '$' && matches!(it.peek(), Some((_, '{'))) {
            flush(&mut toks, &mut text_start, i);
            it.next();
            let end = close_dollar(text, i)?;
            // consume up to and including the closing brace
            while let Some(&(j, _)) = it.peek() {
                if j >= end {
                    break;
                }
                it.next();
            }
            let span = i..end;
            let body = (i + 2)..(end - 1);
            if mode == Mode::Arn {
                return Err(err(
                    ArnErrorKind::VariableInArn {
                        variable: text.get(span.clone()).unwrap_or_default().to_owned(),
                    },
                    text,
                    span,
                ));
            }
            toks.push(Tok { kind: read_dollar(text, span.clone(), body, mode)?, span });
            continue;
        }
        if mode == Mode::Template && (c == '{' || c == '<') {
            flush(&mut toks, &mut text_start, i);
            let close = if c == '{' { '}' } else { '>' };
            let end = match close_placeholder(text, i) {
                Ok(end) => end,
                Err(stop) => {
                    return Err(err(ArnErrorKind::UnterminatedPlaceholder { close }, text, i..stop));
                }
            };
            if end == i + 1 {
                return Err(err(ArnErrorKind::EmptyVariable, text, i..end + 1));
            }
            while let Some(&(j, _)) = it.peek() {
                if j > end {
                    break;
                }
                it.next();
            }
            toks.push(Tok {
                kind: TokKind::Placeholder {
                    name: i + 1..end,
                    style: if c == '{' { PlaceholderStyle::Brace } else { PlaceholderStyle::Angle },
                },
                span: i..end + 1,
            });
            continue;
        }
        if text_start.is_none() {
            text_start = Some(i);
        }
    }
    flush(&mut toks, &mut text_start, text.len());
    Ok(toks)
}

/// The one rule for where a `{name}` or `<name>` placeholder ends: given its opening `{` or `<` at byte `open`,
/// the byte offset of the closing `}` or `>`, which must come before any other opener; otherwise the offset
/// where the search stopped (the other opener, or the end of the text).
pub(crate) fn close_placeholder(text: &str, open: usize) -> Result<usize, usize> {
    let close = match text.as_bytes().get(open) {
        Some(b'{') => '}',
        Some(b'<') => '>',
        _ => return Err(open),
    };
    let rest = text.get(open + 1..).unwrap_or_default();
    let Some(rel) = rest.find([close, '{', '<']) else {
        return Err(text.len());
    };
    if rest.get(rel..).is_some_and(|r| r.starts_with(close)) {
        Ok(open + 1 + rel)
    } else {
        Err(open + 1 + rel)
    }
}

/// Given `${` at byte `start`, returns the byte offset just past the closing `}`.
/// A single-quoted default value may contain `}`.
pub(crate) fn close_dollar(text: &str, start: usize) -> Result<usize, ArnError> {
    let mut in_quote = false;
    for (j, c) in text.get(start + 2..).unwrap_or_default().char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            '}' if !in_quote => return Ok(start + 2 + j + 1),
            _ => {}
        }
    }
    Err(err(ArnErrorKind::UnterminatedVariable, text, start..text.len()))
}

pub(crate) fn read_dollar(
    text: &str,
    span: Range<usize>,
    body: Range<usize>,
    mode: Mode,
) -> Result<TokKind, ArnError> {
    let b = text.get(body.clone()).unwrap_or_default();
    match b {
        "*" => return Ok(TokKind::Escape('*')),
        "?" => return Ok(TokKind::Escape('?')),
        "$" => return Ok(TokKind::Escape('$')),
        _ => {}
    }
    let variable = || text.get(span.clone()).unwrap_or_default().to_owned();
    let (key_part, default) = match b.find(',') {
        Some(comma) => (body.start..body.start + comma, Some(body.start + comma + 1..body.end)),
        None => (body.clone(), None),
    };
    let key = trim_range(text, key_part);
    if key.is_empty() {
        return Err(err(ArnErrorKind::EmptyVariable, text, span));
    }
    let default = match default {
        None => None,
        Some(d) => {
            let d = trim_range(text, d);
            let s = text.get(d.clone()).unwrap_or_default();
            if s.len() >= 2 && s.starts_with('\'') && s.ends_with('\'') {
                Some(d.start + 1..d.end - 1)
            } else {
                return Err(err(ArnErrorKind::BadVariableDefault { variable: variable() }, text, span));
            }
        }
    };
    if mode == Mode::Template {
        if default.is_some() {
            return Err(err(ArnErrorKind::BadVariableDefault { variable: variable() }, text, span));
        }
        return Ok(TokKind::Placeholder { name: key, style: PlaceholderStyle::Dollar });
    }
    Ok(TokKind::Var { key, default })
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or_default();
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// Splits tokens into the segments of an ARN and checks the prefix, partition and service.
pub(crate) fn layout(text: &str, toks: &[Tok], mode: Mode) -> Result<Layout, ArnError> {
    layout_with(text, toks, mode, false)
}

/// [`layout`], optionally accepting an empty resource part (published policies contain such ARNs).
pub(crate) fn layout_with(
    text: &str,
    toks: &[Tok],
    mode: Mode,
    empty_resource: bool,
) -> Result<Layout, ArnError> {
    if text.is_empty() {
        return Err(err(ArnErrorKind::Empty, text, 0..0));
    }
    // Token indices of the first colons (no ARN layout needs more than five); no allocation.
    let mut colon_buf = [0usize; 6];
    let mut n_colons = 0;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokKind::Colon {
            if let Some(slot) = colon_buf.get_mut(n_colons) {
                *slot = i;
                n_colons += 1;
            } else {
                break;
            }
        }
    }
    let colons = colon_buf.get(..n_colons).unwrap_or_default();
    let first_colon_byte =
        colons.first().and_then(|&i| toks.get(i)).map(|t| t.span.start).unwrap_or(text.len());
    let prefix = text.get(..first_colon_byte).unwrap_or_default();
    let cloud = match prefix {
        "acs" => Cloud::Alibaba,
        "arn" => Cloud::Aws,
        _ => {
            let found: String = prefix.chars().take(16).collect();
            return Err(err(
                ArnErrorKind::ExpectedPrefix { found },
                text,
                0..first_colon_byte.min(text.len()),
            ));
        }
    };
    let parts: &[Part] = match cloud {
        Cloud::Alibaba => &[Part::Service, Part::Region, Part::Account, Part::Resource],
        Cloud::Aws => &[Part::Partition, Part::Service, Part::Region, Part::Account, Part::Resource],
    };
    // Byte and token ranges of each part.
    let mut byte_ranges: [Range<usize>; 5] = Default::default();
    let mut tok_ranges: [Range<usize>; 5] = Default::default();
    for (n, part) in parts.iter().enumerate() {
        let Some(&ci) = colons.get(n) else {
            return Err(err(ArnErrorKind::MissingSegment { part: *part }, text, text.len()..text.len()));
        };
        let start_byte = toks.get(ci).map(|t| t.span.end).unwrap_or(text.len());
        let is_last = n + 1 == parts.len();
        let (end_tok, end_byte) = if is_last {
            (toks.len(), text.len())
        } else {
            match colons.get(n + 1) {
                Some(&next) => (next, toks.get(next).map(|t| t.span.start).unwrap_or(text.len())),
                None => (toks.len(), text.len()),
            }
        };
        if let (Some(b), Some(t)) = (byte_ranges.get_mut(n), tok_ranges.get_mut(n)) {
            *b = start_byte..end_byte;
            *t = ci + 1..end_tok;
        }
    }
    let get = |i: usize| byte_ranges.get(i).cloned().unwrap_or_default();
    let getk = |i: usize| tok_ranges.get(i).cloned().unwrap_or_default();
    let off = usize::from(cloud == Cloud::Aws);
    let l = Layout {
        cloud,
        partition: (cloud == Cloud::Aws).then(|| get(0)),
        service: get(off),
        region: get(off + 1),
        account: get(off + 2),
        resource: get(off + 3),
        tok_bounds: TokBounds {
            partition: if cloud == Cloud::Aws { getk(0) } else { 0..0 },
            service: getk(off),
            region: getk(off + 1),
            account: getk(off + 2),
            resource: getk(off + 3),
        },
    };

    // Partition.
    if let Some(p) = &l.partition {
        if p.is_empty() {
            return Err(err(ArnErrorKind::EmptySegment { part: Part::Partition }, text, p.clone()));
        }
        let ptoks = toks.get(l.tok_bounds.partition.clone()).unwrap_or_default();
        let literal = ptoks.iter().all(|t| t.kind == TokKind::Text);
        let ptext = text.get(p.clone()).unwrap_or_default();
        if literal && !crate::AWS_PARTITIONS.contains(&ptext) {
            return Err(err(ArnErrorKind::UnknownPartition { found: ptext.to_owned() }, text, p.clone()));
        }
    }
    // Service.
    let svc = text.get(l.service.clone()).unwrap_or_default();
    if l.service.is_empty() {
        return Err(err(ArnErrorKind::EmptySegment { part: Part::Service }, text, l.service.clone()));
    }
    let stoks = toks.get(l.tok_bounds.service.clone()).unwrap_or_default();
    let placeholder_service = mode == Mode::Template
        && stoks.len() == 1
        && stoks.iter().all(|t| matches!(t.kind, TokKind::Placeholder { .. }));
    if !placeholder_service {
        if stoks.iter().any(|t| t.kind != TokKind::Text) {
            return Err(err(
                ArnErrorKind::WildcardInService { service: svc.to_owned() },
                text,
                l.service.clone(),
            ));
        }
        if let Some((i, ch)) =
            svc.char_indices().find(|(_, c)| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            let at = l.service.start + i;
            return Err(err(
                ArnErrorKind::InvalidServiceChar { ch, service: svc.to_owned() },
                text,
                at..at + ch.len_utf8(),
            ));
        }
    }
    // Resource.
    if l.resource.is_empty() && !empty_resource {
        return Err(err(ArnErrorKind::EmptySegment { part: Part::Resource }, text, l.resource.clone()));
    }
    Ok(l)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn plain_tokenizer_agrees_with_the_general_one() {
        let alphabet: Vec<char> = ":*?/%-_.aZ09$".chars().collect();
        // Every string of up to 5 characters over a small alphabet, in every mode.
        let mut inputs = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for s in &frontier {
                for c in &alphabet {
                    next.push(format!("{s}{c}"));
                }
            }
            inputs.extend(next.iter().cloned());
            frontier = next;
        }
        for text in &inputs {
            for mode in [Mode::Arn, Mode::Pattern, Mode::Template] {
                if let Some(fast) = tokenize_plain(text, mode) {
                    let general = tokenize_general(text, mode, false).unwrap();
                    assert_eq!(fast, general, "{text:?} {mode:?}");
                }
            }
        }
        assert!(inputs.len() > 300_000);
    }
}
