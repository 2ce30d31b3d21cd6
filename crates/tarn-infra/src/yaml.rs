//! YAML into the tree, from saphyr-parser's events: positions from its markers, local tags (`!Sub`) kept,
//! anchors and aliases resolved (with a bound on the size they may expand to), the first document only.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::tree::{Node, V};

/// How deep a document may nest.
const MAX_DEPTH: usize = 128;
/// How many nodes a document may expand to through aliases.
const MAX_NODES: usize = 4_000_000;

/// A YAML document that cannot be read: 1-based line and column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

enum Open {
    Seq(Node, Vec<Node>),
    /// A mapping, its members, and the key waiting for its value.
    Map(Node, Vec<(String, Node)>, Option<String>),
}

/// Reads the first document of `src`; `Ok(None)` for an empty stream.
pub(crate) fn parse(src: &str) -> Result<Option<Node>, YamlError> {
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut stack: Vec<(Open, usize)> = Vec::new();
    let mut nodes = 0usize;
    let at = |span: &Span| (span.start.line(), span.start.col() + 1);
    for event in Parser::new_from_str(src) {
        let (event, span) = event.map_err(|e| YamlError {
            line: e.marker().line(),
            col: e.marker().col() + 1,
            message: e.info().to_owned(),
        })?;
        let (line, col) = at(&span);
        let error = |message: &str| YamlError { line, col, message: message.to_owned() };
        let node = |v: V, tag: Option<String>| Node { v, line, col, tag, raw: None, block: false };
        let is_map = matches!(event, Event::MappingStart(..));
        let done = match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => continue,
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.and_then(|t| local_tag(&t.handle, &t.suffix));
                let v = if style == ScalarStyle::Plain { plain(&text) } else { V::Str(text.into_owned()) };
                let mut n = node(v, tag);
                n.block = style == ScalarStyle::Literal;
                (n, anchor)
            }
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    nodes += size(n);
                    if nodes > MAX_NODES {
                        return Err(error("the aliases expand to too large a document"));
                    }
                    (n.clone(), 0)
                }
                None => return Err(error("an alias to an unknown anchor")),
            },
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error("nesting too deep"));
                }
                let tag = tag.and_then(|t| local_tag(&t.handle, &t.suffix));
                let shell = node(V::Null, tag);
                stack.push((
                    if is_map { Open::Map(shell, Vec::new(), None) } else { Open::Seq(shell, Vec::new()) },
                    anchor,
                ));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some((Open::Seq(mut shell, items), anchor)) => {
                    shell.v = V::Seq(items);
                    (shell, anchor)
                }
                Some((Open::Map(mut shell, members, _), anchor)) => {
                    shell.v = V::Map(members);
                    (shell, anchor)
                }
                None => return Err(error("a collection closed that was never opened")),
            },
        };
        let (n, anchor) = done;
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(error("the document is too large"));
        }
        if anchor != 0 {
            anchors.insert(anchor, n.clone());
        }
        match stack.last_mut() {
            None => return Ok(Some(n)),
            Some((Open::Seq(_, items), _)) => items.push(n),
            Some((Open::Map(_, members, key), _)) => match key.take() {
                Some(k) => members.push((k, n)),
                None => match n.v {
                    V::Str(s) | V::Num(s) => *key = Some(s),
                    V::Bool(b) => *key = Some(b.to_string()),
                    V::Null => *key = Some(String::new()),
                    V::Seq(_) | V::Map(_) => return Err(error("a key that is not a scalar")),
                },
            },
        }
    }
    Ok(None)
}

/// `!Sub` → `Sub`; the `!!` core tags (`!!str`) are not CloudFormation's and are dropped.
fn local_tag(handle: &str, suffix: &str) -> Option<String> {
    (handle == "!").then(|| suffix.to_owned())
}

/// A plain scalar as the YAML core schema types it.
fn plain(text: &str) -> V {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => V::Null,
        "true" | "True" | "TRUE" => V::Bool(true),
        "false" | "False" | "FALSE" => V::Bool(false),
        t if is_number(t) => V::Num(t.to_owned()),
        t => V::Str(t.to_owned()),
    }
}

/// A decimal number that JSON can write as it is.
fn is_number(t: &str) -> bool {
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, rest) = body.split_at(body.find(['.', 'e', 'E']).unwrap_or(body.len()));
    let int_ok =
        !int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()) && (int == "0" || !int.starts_with('0'));
    if !int_ok {
        return false;
    }
    let (frac, exp) = rest.split_at(rest.find(['e', 'E']).unwrap_or(rest.len()));
    let frac_ok = frac.is_empty() || (frac.len() > 1 && frac.bytes().skip(1).all(|b| b.is_ascii_digit()));
    let exp = exp.get(1..).map(|e| e.strip_prefix(['+', '-']).unwrap_or(e));
    let exp_ok = exp.is_none_or(|e| !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()));
    frac_ok && exp_ok
}

fn size(n: &Node) -> usize {
    let mut total = 0;
    let mut todo = vec![n];
    while let Some(n) = todo.pop() {
        total += 1;
        match &n.v {
            V::Seq(items) => todo.extend(items),
            V::Map(members) => todo.extend(members.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    total
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn tags_positions_and_types() {
        let n = parse("A:\n  B: !Sub 'x-${Y}'\n  C: [1, true, 2012-10-17]\n").unwrap().unwrap();
        let b = n.get("A").unwrap().get("B").unwrap();
        assert_eq!((b.line, b.col, b.tag.as_deref(), b.str()), (2, 6, Some("Sub"), Some("x-${Y}")));
        let c = n.get("A").unwrap().get("C").unwrap().seq();
        assert_eq!(c[0].v, V::Num("1".into()));
        assert_eq!(c[1].v, V::Bool(true));
        assert_eq!(c[2].v, V::Str("2012-10-17".into()));
    }

    #[test]
    fn errors_have_a_place() {
        let e = parse("a: [1, 2\nb: c").unwrap_err();
        assert!(e.line >= 1, "{e:?}");
    }
}
