//! Validated values for template placeholders.

use std::fmt;
use std::str::FromStr;

use crate::error::describe_whitespace;

/// A value that a program binds into an ARN template at run time (a topic name, a bucket name, a user id).
///
/// Construction rejects everything that could change the ARN's structure or widen a grant: `*` and `?`
/// (wildcards), `:` (segment separator), `%` (MQ namespace separator), `${` (policy variable), whitespace,
/// control characters and the empty string. `/` is rejected by [`Segment::new`] and accepted by
/// [`Segment::path`], for placeholders that hold paths (object names, role paths); a template still refuses
/// a path where its placeholder does not allow `/`.
///
/// ```
/// use tarn_arn::Segment;
/// assert!(Segment::new("Topic-test").is_ok());
/// assert_eq!(Segment::new("Topic test").unwrap_err().to_string(), "`Topic test` contains a space");
/// assert!(Segment::new("*").is_err());
/// assert!(Segment::new("logs/2026").is_err());
/// assert!(Segment::path("logs/2026").is_ok());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Segment {
    value: Box<str>,
}

/// Why a value is not a valid [`Segment`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SegmentErrorKind {
    /// The value is empty.
    Empty,
    /// `*` or `?`.
    Wildcard(char),
    /// `:`, `%`, or `/` where no path is allowed.
    Separator(char),
    /// `${`.
    Variable,
    /// A whitespace character, described (`a space`).
    Whitespace(&'static str),
    /// A control character.
    Control(char),
}

/// An invalid segment value, with what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentError {
    value: String,
    kind: SegmentErrorKind,
}

impl SegmentError {
    /// What is wrong.
    pub fn kind(&self) -> &SegmentErrorKind {
        &self.kind
    }

    /// The rejected value.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// What would be right.
    pub fn help(&self) -> &'static str {
        match self.kind {
            SegmentErrorKind::Empty => "a placeholder stands for at least one character",
            SegmentErrorKind::Wildcard(_) => {
                "a bound value is taken literally and may not widen the grant; write wildcards in the policy \
                 itself, where they can be reviewed"
            }
            SegmentErrorKind::Separator('/') => {
                "use `Segment::path` for a value that may hold `/`, such as an object name"
            }
            SegmentErrorKind::Separator(_) | SegmentErrorKind::Variable => {
                "bind each part of the ARN to its own placeholder"
            }
            SegmentErrorKind::Whitespace(_) | SegmentErrorKind::Control(_) => {
                "resource names never contain whitespace or control characters"
            }
        }
    }
}

impl fmt::Display for SegmentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value.escape_debug();
        match &self.kind {
            SegmentErrorKind::Empty => write!(f, "empty segment"),
            SegmentErrorKind::Wildcard(c) => {
                write!(f, "`{v}` contains `{c}`, which would act as a wildcard")
            }
            SegmentErrorKind::Separator(':') => write!(f, "`{v}` contains `:`, which separates ARN segments"),
            SegmentErrorKind::Separator('%') => {
                write!(f, "`{v}` contains `%`, which separates an instance from its topic or group")
            }
            SegmentErrorKind::Separator(c) => write!(f, "`{v}` contains `{c}`, which separates path parts"),
            SegmentErrorKind::Variable => write!(f, "`{v}` contains `${{`, which starts a policy variable"),
            SegmentErrorKind::Whitespace(what) => write!(f, "`{v}` contains {what}"),
            SegmentErrorKind::Control(c) => {
                write!(f, "`{v}` contains the control character U+{:04X}", u32::from(*c))
            }
        }
    }
}

impl std::error::Error for SegmentError {}

impl Segment {
    /// A segment that holds no `/`.
    pub fn new(value: impl AsRef<str>) -> Result<Self, SegmentError> {
        Self::check(value.as_ref(), false)
    }

    /// A segment that may hold `/` (an object name, a path).
    pub fn path(value: impl AsRef<str>) -> Result<Self, SegmentError> {
        Self::check(value.as_ref(), true)
    }

    fn check(value: &str, path: bool) -> Result<Self, SegmentError> {
        let fail = |kind| Err(SegmentError { value: value.to_owned(), kind });
        if value.is_empty() {
            return fail(SegmentErrorKind::Empty);
        }
        if value.contains("${") {
            return fail(SegmentErrorKind::Variable);
        }
        for c in value.chars() {
            let kind = match c {
                '*' | '?' => SegmentErrorKind::Wildcard(c),
                ':' | '%' => SegmentErrorKind::Separator(c),
                '/' if !path => SegmentErrorKind::Separator(c),
                c if c.is_whitespace() => SegmentErrorKind::Whitespace(describe_whitespace(c)),
                c if c.is_control() => SegmentErrorKind::Control(c),
                _ => continue,
            };
            return fail(kind);
        }
        Ok(Self { value: value.into() })
    }

    /// The value.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether the value holds a `/` (only possible through [`Segment::path`]).
    pub fn contains_slash(&self) -> bool {
        self.value.contains('/')
    }
}

impl FromStr for Segment {
    type Err = SegmentError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<&str> for Segment {
    type Error = SegmentError;
    fn try_from(s: &str) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl TryFrom<String> for Segment {
    type Error = SegmentError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::new(s)
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl fmt::Debug for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Segment({:?})", &*self.value)
    }
}

impl AsRef<str> for Segment {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

#[cfg(feature = "serde")]
crate::serde_str::impl_serde_via_str!(Segment, "a segment string");
