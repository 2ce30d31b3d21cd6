//! Errors of reading a policy document.

use std::fmt;

use crate::diagnostic::Code;

/// What kind of mistake a [`ParseError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The text is not JSON (a missing comma, an unterminated string, trailing text, ...).
    Syntax,
    /// A `//` or `/* */` comment, which JSON does not allow (see [`ParseOptions::allow_comments`]).
    ///
    /// [`ParseOptions::allow_comments`]: crate::ParseOptions::allow_comments
    Comment,
    /// The same element twice in one object (`"Effect"` twice in a statement).
    DuplicateKey,
    /// An element that policies do not have (`"Efect"`).
    UnknownElement,
    /// A required element is missing (a statement without `Effect`).
    MissingElement,
    /// A value of the wrong JSON type (a number where a string belongs).
    WrongType,
    /// A value of the right type that is not valid (`"Effect": "allow"`, a malformed ARN, a date that is no
    /// date).
    InvalidValue,
    /// Something the policy's dialect does not have (`IfExists` in RAM, an `acs:` ARN in IAM), or evidence
    /// of both dialects in one document.
    Dialect,
    /// Nothing in the document says whether it is RAM or IAM (see [`Policy::from_json_as`]).
    ///
    /// [`Policy::from_json_as`]: crate::Policy::from_json_as
    UnknownDialect,
}

/// Why a policy document could not be read, and where: line, column and JSON pointer of the offending
/// value.
///
/// ```
/// let err = tarn_core::Policy::from_json(r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"mq:PUB","Resource":"*"}]}"#)
///     .unwrap_err();
/// assert_eq!(err.pointer(), "/Statement/0/Effect");
/// assert_eq!(err.to_string(), "`Effect` is `Allow` or `Deny`, found `allow` at /Statement/0/Effect (line 1, column 39)");
/// assert_eq!(err.help(), Some("write `Allow` (the value is case-sensitive)"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    // Boxed: the reader returns `Result<_, ParseError>` from every step, and a small error keeps those
    // results small.
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ParseErrorKind,
    code: Code,
    message: String,
    help: Option<String>,
    offset: usize,
    line: usize,
    column: usize,
    pointer: String,
}

impl ParseError {
    pub(crate) fn new(
        kind: ParseErrorKind,
        code: Code,
        message: String,
        help: Option<String>,
        src: &str,
        offset: usize,
        pointer: String,
    ) -> Self {
        let offset = offset.min(src.len());
        let (line, column) = line_col(src, offset);
        Self { inner: Box::new(Inner { kind, code, message, help, offset, line, column, pointer }) }
    }

    /// What kind of mistake this is.
    pub fn kind(&self) -> ParseErrorKind {
        self.inner.kind
    }

    /// The linter's code for it, given where the reader raised it (`INVALID_EFFECT` for a bad `Effect`).
    ///
    /// ```
    /// use tarn_core::{lint::Code, Policy};
    /// let e = Policy::from_json(r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"mq:PUB","Resource":"*"}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(e.code(), Code::InvalidEffect);
    /// ```
    pub fn code(&self) -> Code {
        self.inner.code
    }

    /// The message without the location.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// What would be right, when there is more to say than the message.
    pub fn help(&self) -> Option<&str> {
        self.inner.help.as_deref()
    }

    /// The 1-based line of the offending text.
    pub fn line(&self) -> usize {
        self.inner.line
    }

    /// The 1-based column (in characters) of the offending text.
    pub fn column(&self) -> usize {
        self.inner.column
    }

    /// The byte offset of the offending text.
    pub fn offset(&self) -> usize {
        self.inner.offset
    }

    /// The JSON pointer (RFC 6901) of the offending value, `""` for the document itself.
    pub fn pointer(&self) -> &str {
        &self.inner.pointer
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = &self.inner;
        f.write_str(&e.message)?;
        if !e.pointer.is_empty() {
            write!(f, " at {}", e.pointer)?;
        }
        write!(f, " (line {}, column {})", e.line, e.column)
    }
}

impl std::error::Error for ParseError {}

/// Line starts of a text, for the line and column of many offsets (and back), as the reader and the
/// front ends that place findings in other files count them.
#[derive(Debug)]
pub struct Lines<'s> {
    src: &'s str,
    starts: Vec<usize>,
}

impl<'s> Lines<'s> {
    /// The line starts of `src`.
    pub fn new(src: &'s str) -> Self {
        let starts = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Lines { src, starts }
    }

    /// The 1-based line and column (in characters) of byte `offset`, as [`line_col`] gives them.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.src.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self.src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, column)
    }

    /// The byte offset of a 1-based line and column (in characters); the end of the line if it is shorter,
    /// the end of the text past its last line.
    ///
    /// ```
    /// let lines = tarn_core::Lines::new("ab\ncd");
    /// assert_eq!(lines.line_col(4), (2, 2));
    /// assert_eq!(lines.offset(2, 2), 4);
    /// ```
    pub fn offset(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else { return self.src.len() };
        let end = self.starts.get(line).copied().unwrap_or(self.src.len());
        let text = self.src.get(start..end).unwrap_or_default();
        start + text.char_indices().nth(col.saturating_sub(1)).map_or(text.len(), |(i, _)| i)
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `src`.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = src.get(..offset.min(src.len())).unwrap_or(src);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

pub(crate) use tarn_catalog::closest;
