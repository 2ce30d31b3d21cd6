//! Any JSON document as a tree that remembers where each value is, read by the same [`Reader`] as policies
//! (same grammar, same errors with line, column and pointer). For front ends that find policies inside
//! larger documents (Terraform plans, CloudFormation templates in JSON): they need the byte span of every
//! value, and of string literals in particular, to place findings in the file.

use std::ops::Range;

use super::read::{Kind, Reader, Scalar};
use crate::error::ParseError;

/// How deep a tree may nest; deeper input is an error, not a stack overflow.
const MAX_DEPTH: usize = 128;

/// A JSON value and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonNode {
    /// The value.
    pub value: JsonValue,
    /// The byte range of the value's text in the source (a string's quotes included).
    pub span: Range<usize>,
}

/// A JSON value; objects keep their members in order, duplicates included.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<JsonNode>),
    /// An object.
    Object(Vec<(String, JsonNode)>),
}

impl JsonNode {
    /// The member `key` of an object (the first, if repeated).
    pub fn get(&self, key: &str) -> Option<&JsonNode> {
        match &self.value {
            JsonValue::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Reads a whole JSON document (no comments) into a tree.
///
/// ```
/// let tree = tarn_core::read_json_tree(r#"{"a": ["x\n"]}"#).unwrap();
/// let a = tree.get("a").unwrap();
/// assert_eq!(a.span, 6..13);
/// ```
pub fn read_json_tree(src: &str) -> Result<JsonNode, ParseError> {
    let mut r = Reader::new(src, false);
    let node = node(&mut r, 0)?;
    r.finish()?;
    Ok(node)
}

fn node(r: &mut Reader<'_>, depth: usize) -> Result<JsonNode, ParseError> {
    let start = r.start()?;
    if depth > MAX_DEPTH {
        return Err(r.syntax_error(start, "nesting too deep"));
    }
    let value = match r.peek()? {
        Kind::Object => {
            let mut members = Vec::new();
            r.object(|r, key, _| {
                members.push((key.into_owned(), node(r, depth + 1)?));
                Ok(())
            })?;
            JsonValue::Object(members)
        }
        Kind::Array => {
            let mut items = Vec::new();
            r.array(|r, _| {
                items.push(node(r, depth + 1)?);
                Ok(())
            })?;
            JsonValue::Array(items)
        }
        Kind::Null => {
            r.skip_value(0)?;
            JsonValue::Null
        }
        _ => match r.scalar("a value")? {
            Scalar::Str(s) => JsonValue::String(s.into_owned()),
            Scalar::Num(n) => JsonValue::Number(n.to_owned()),
            Scalar::Bool(b) => JsonValue::Bool(b),
        },
    };
    Ok(JsonNode { value, span: start..r.position() })
}
