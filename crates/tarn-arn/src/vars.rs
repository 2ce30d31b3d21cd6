//! IAM policy variables in any text: the one grammar of `${key}`, `${key, 'default'}` and the escapes
//! `${*}`, `${?}`, `${$}`, shared by ARN patterns and by the evaluator's condition values.

use crate::error::ArnError;
use crate::syntax::{close_dollar, read_dollar, Mode, TokKind};

/// One piece of a text with policy variables (see [`variables`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarPiece<'a> {
    /// Text to keep as it is (its `*` and `?` are wildcards where the value is a pattern).
    Text(&'a str),
    /// An escape, `${*}`, `${?}` or `${$}`: the character itself, never a wildcard.
    Escape(char),
    /// A policy variable: its key and, when written, its default value without the quotes.
    Var {
        /// The key, trimmed (`aws:username`).
        key: &'a str,
        /// The default, without its single quotes; it may contain `}` and `,`.
        default: Option<&'a str>,
    },
}

/// Splits `text` at its policy variables, in order, without allocating. A single-quoted default may contain
/// `}`; an unterminated `${`, an empty key or an unquoted default is an error (the iterator yields it and
/// then stops).
///
/// ```
/// use tarn_arn::{variables, VarPiece};
/// let pieces: Vec<VarPiece> = variables("home/${aws:username, 'a}b'}/${*}").collect::<Result<_, _>>()?;
/// assert_eq!(pieces, [
///     VarPiece::Text("home/"),
///     VarPiece::Var { key: "aws:username", default: Some("a}b") },
///     VarPiece::Text("/"),
///     VarPiece::Escape('*'),
/// ]);
/// assert!(variables("${aws:username").any(|p| p.is_err()));
/// # Ok::<(), tarn_arn::ArnError>(())
/// ```
pub fn variables(text: &str) -> Variables<'_> {
    Variables { text, at: 0, done: false }
}

/// The iterator of [`variables`].
#[derive(Debug, Clone)]
pub struct Variables<'a> {
    text: &'a str,
    at: usize,
    done: bool,
}

impl<'a> Iterator for Variables<'a> {
    type Item = Result<VarPiece<'a>, ArnError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.at >= self.text.len() {
            return None;
        }
        let text = self.text;
        let rest = text.get(self.at..)?;
        match rest.find("${") {
            Some(0) => {}
            Some(n) => {
                let piece = rest.get(..n)?;
                self.at += n;
                return Some(Ok(VarPiece::Text(piece)));
            }
            None => {
                self.at = text.len();
                return Some(Ok(VarPiece::Text(rest)));
            }
        }
        let start = self.at;
        let end = match close_dollar(text, start) {
            Ok(end) => end,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        self.at = end;
        let piece = match read_dollar(text, start..end, start + 2..end - 1, Mode::Pattern) {
            Ok(TokKind::Escape(c)) => VarPiece::Escape(c),
            Ok(TokKind::Var { key, default }) => VarPiece::Var {
                key: text.get(key)?,
                default: match default {
                    Some(d) => Some(text.get(d)?),
                    None => None,
                },
            },
            Ok(_) => VarPiece::Text(text.get(start..end)?),
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        Some(Ok(piece))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pieces(s: &str) -> Result<Vec<VarPiece<'_>>, ArnError> {
        variables(s).collect()
    }

    #[test]
    fn splits_text_variables_and_escapes() {
        assert_eq!(pieces("").unwrap(), []);
        assert_eq!(pieces("plain").unwrap(), [VarPiece::Text("plain")]);
        assert_eq!(
            pieces("${a}${b, 'x,y'}z").unwrap(),
            [
                VarPiece::Var { key: "a", default: None },
                VarPiece::Var { key: "b", default: Some("x,y") },
                VarPiece::Text("z")
            ]
        );
        assert_eq!(pieces("${$}{").unwrap(), [VarPiece::Escape('$'), VarPiece::Text("{")]);
        assert_eq!(pieces("${ aws:userid }").unwrap(), [VarPiece::Var { key: "aws:userid", default: None }]);
    }

    #[test]
    fn a_quoted_default_may_hold_a_closing_brace() {
        assert_eq!(
            pieces("${k, '}'}/x").unwrap(),
            [VarPiece::Var { key: "k", default: Some("}") }, VarPiece::Text("/x")]
        );
    }

    #[test]
    fn malformed_variables_are_errors() {
        for bad in ["${", "a${b", "${}", "${ }", "${k, unquoted}", "${k, 'open}"] {
            assert!(pieces(bad).is_err(), "{bad}");
        }
    }
}
