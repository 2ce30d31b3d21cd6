//! One tree for the documents tarn-infra reads, JSON or YAML: values with their place in the file, YAML
//! tags (`!Sub`), and for JSON strings the span of the literal (to place findings inside a policy that is a
//! JSON string).

use std::ops::Range;

use tarn_core::{JsonNode, JsonValue, Lines};

/// A value of a template or plan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub v: V,
    /// 1-based line and column (characters) where the value starts.
    pub line: usize,
    pub col: usize,
    /// A YAML local tag without its `!` (`Sub`, `GetAtt`), if any.
    pub tag: Option<String>,
    /// For a string read from JSON: the byte range of its literal, quotes included.
    pub raw: Option<Range<usize>>,
    /// A YAML literal block scalar (`|`): its lines are the file's lines, from `line` on, indented to `col`.
    pub block: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum V {
    Null,
    Bool(bool),
    /// A number, as written.
    Num(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match &self.v {
            V::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn str(&self) -> Option<&str> {
        match &self.v {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn seq(&self) -> &[Node] {
        match &self.v {
            V::Seq(s) => s,
            _ => &[],
        }
    }

    pub(crate) fn map(&self) -> &[(String, Node)] {
        match &self.v {
            V::Map(m) => m,
            _ => &[],
        }
    }

    pub(crate) fn is_true(&self) -> bool {
        matches!(self.v, V::Bool(true))
    }
}

/// The tree of a JSON document read by tarn-core's reader.
pub(crate) fn from_json(n: JsonNode, lines: &Lines<'_>) -> Node {
    // Iterative on purpose only in spirit: the reader already bounds the depth (128).
    let (line, col) = lines.line_col(n.span.start);
    let (v, raw) = match n.value {
        JsonValue::Null => (V::Null, None),
        JsonValue::Bool(b) => (V::Bool(b), None),
        JsonValue::Number(s) => (V::Num(s), None),
        JsonValue::String(s) => (V::Str(s), Some(n.span.clone())),
        JsonValue::Array(items) => (V::Seq(items.into_iter().map(|i| from_json(i, lines)).collect()), None),
        JsonValue::Object(members) => {
            (V::Map(members.into_iter().map(|(k, m)| (k, from_json(m, lines))).collect()), None)
        }
    };
    Node { v, line, col, tag: None, raw, block: false }
}

/// For the text between the quotes of a JSON string literal (`raw`, escapes and all): the byte offset in
/// `raw` of each byte of the decoded string, plus one entry for its end.
pub(crate) fn decoded_offsets(raw: &str) -> Vec<usize> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(raw.len() + 1);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'\\' {
            let len = match bytes.get(i + 1) {
                Some(b'u') => {
                    let hi = raw.get(i + 2..i + 6).and_then(|h| u32::from_str_radix(h, 16).ok()).unwrap_or(0);
                    if (0xD800..0xDC00).contains(&hi) && bytes.get(i + 6) == Some(&b'\\') {
                        // A surrogate pair: one character of four bytes.
                        let c = 4;
                        out.extend(std::iter::repeat_n(i, c));
                        i += 12;
                        continue;
                    }
                    let utf8 = char::from_u32(hi).map_or(3, char::len_utf8);
                    out.extend(std::iter::repeat_n(i, utf8));
                    i += 6;
                    continue;
                }
                _ => 2,
            };
            out.push(i);
            i += len;
        } else {
            out.push(i);
            i += 1;
        }
    }
    out.push(bytes.len());
    out
}
