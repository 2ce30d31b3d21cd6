//! Placeholders in resources: the one grammar of `{name}` and `<name>` (documentation's and `policy!`'s
//! forms), shared by [`Template`](crate::Template), the linter's "placeholder copied from documentation" rule
//! and `policy!`. `${…}` is a policy variable in a resource, not a placeholder, and stays text.

use std::ops::Range;

use crate::syntax::{close_dollar, close_placeholder};
use crate::PlaceholderStyle;

/// One piece of a resource (see [`placeholders`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceholderPiece<'a> {
    /// Text, policy variables included.
    Text(&'a str),
    /// A placeholder.
    Placeholder {
        /// The name between the brackets, as written (it may hold spaces: `{Bucket Name}`).
        name: &'a str,
        /// `{name}` or `<name>`.
        style: PlaceholderStyle,
        /// The byte range of the whole placeholder, brackets included.
        span: Range<usize>,
    },
}

/// Splits a resource at its `{name}` and `<name>` placeholders, in order. A bracket without its closing
/// one (before any other opener) and `{}` are text; `${…}` is a policy variable and text too.
///
/// ```
/// use tarn_arn::{placeholders, PlaceholderPiece, PlaceholderStyle};
/// let pieces: Vec<_> = placeholders("acs:mq:*:*:<inst>%{topic}/${aws:username}").collect();
/// assert_eq!(pieces[0], PlaceholderPiece::Text("acs:mq:*:*:"));
/// assert!(matches!(pieces[1], PlaceholderPiece::Placeholder { name: "inst", style: PlaceholderStyle::Angle, .. }));
/// assert_eq!(pieces[2], PlaceholderPiece::Text("%"));
/// assert!(matches!(pieces[3], PlaceholderPiece::Placeholder { name: "topic", style: PlaceholderStyle::Brace, .. }));
/// assert_eq!(pieces[4], PlaceholderPiece::Text("/${aws:username}"));
/// ```
pub fn placeholders(text: &str) -> Placeholders<'_> {
    Placeholders { text, at: 0 }
}

/// The iterator of [`placeholders`].
#[derive(Debug, Clone)]
pub struct Placeholders<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Placeholders<'a> {
    type Item = PlaceholderPiece<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        let start = self.at;
        if start >= text.len() {
            return None;
        }
        let bytes = text.as_bytes();
        let mut i = start;
        while i < bytes.len() {
            match bytes.get(i) {
                Some(b'$') if bytes.get(i + 1) == Some(&b'{') => {
                    // A policy variable: skipped whole (an unterminated one is text to the end).
                    i = close_dollar(text, i).unwrap_or(text.len());
                }
                Some(b'{' | b'<') => match close_placeholder(text, i) {
                    Ok(end) if end > i + 1 => {
                        if i > start {
                            self.at = i;
                            return Some(PlaceholderPiece::Text(text.get(start..i)?));
                        }
                        self.at = end + 1;
                        let style = if bytes.get(i) == Some(&b'{') {
                            PlaceholderStyle::Brace
                        } else {
                            PlaceholderStyle::Angle
                        };
                        return Some(PlaceholderPiece::Placeholder {
                            name: text.get(i + 1..end)?,
                            style,
                            span: i..end + 1,
                        });
                    }
                    _ => i += 1,
                },
                _ => i += 1,
            }
        }
        self.at = text.len();
        Some(PlaceholderPiece::Text(text.get(start..)?))
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<&str> {
        placeholders(s)
            .filter_map(|p| match p {
                PlaceholderPiece::Placeholder { name, .. } => Some(name),
                PlaceholderPiece::Text(_) => None,
            })
            .collect()
    }

    #[test]
    fn finds_both_styles_and_leaves_policy_variables_alone() {
        assert_eq!(names("arn:aws:s3:::{Ops Bucket Name}/*"), ["Ops Bucket Name"]);
        assert_eq!(names("acs:mq:*:*:<inst>%<topic>"), ["inst", "topic"]);
        assert_eq!(names("arn:aws:s3:::home/${aws:username}/*"), Vec::<&str>::new());
        assert_eq!(names("arn:aws:s3:::b/${aws:username, '{x}'}/{y}"), ["y"]);
    }

    #[test]
    fn unclosed_or_empty_brackets_are_text() {
        assert_eq!(names("a{b<c>"), ["c"]);
        assert_eq!(names("a{}b<>"), Vec::<&str>::new());
        assert_eq!(names("a{b"), Vec::<&str>::new());
        let all: String = placeholders("a{}b<c")
            .map(|p| match p {
                PlaceholderPiece::Text(t) => t.to_owned(),
                PlaceholderPiece::Placeholder { .. } => "#".to_owned(),
            })
            .collect();
        assert_eq!(all, "a{}b<c");
    }

    #[test]
    fn pieces_cover_the_text_exactly() {
        for s in ["x<a>y{b}z", "<a><b>", "{Bucket Name}", "", "${a}{b}"] {
            let mut out = String::new();
            for p in placeholders(s) {
                match p {
                    PlaceholderPiece::Text(t) => out.push_str(t),
                    PlaceholderPiece::Placeholder { span, .. } => out.push_str(&s[span]),
                }
            }
            assert_eq!(out, s);
        }
    }
}
