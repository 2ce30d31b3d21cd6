//! Errors of ARN, pattern and template parsing.

use std::fmt;
use std::ops::Range;

/// Which part of an ARN an error refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// `acs` or `arn`.
    Prefix,
    /// The AWS partition (`aws`, `aws-cn`, ...).
    Partition,
    /// The service (RAM code or AWS service prefix).
    Service,
    /// The region.
    Region,
    /// The account.
    Account,
    /// The relative id (Alibaba Cloud) or resource (AWS).
    Resource,
}

impl Part {
    /// The name used in messages (`service segment`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Part::Prefix => "prefix",
            Part::Partition => "partition",
            Part::Service => "service",
            Part::Region => "region",
            Part::Account => "account",
            Part::Resource => "resource",
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What went wrong while parsing an ARN, a pattern or a template.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArnErrorKind {
    /// The input is empty.
    Empty,
    /// The input does not start with `acs:` or `arn:`.
    ExpectedPrefix {
        /// What stands where the prefix should be.
        found: String,
    },
    /// The input ends before all segments were seen.
    MissingSegment {
        /// The first segment that is missing.
        part: Part,
    },
    /// A segment that must not be empty is empty.
    EmptySegment {
        /// The empty segment.
        part: Part,
    },
    /// The service segment holds a character a service name cannot have.
    InvalidServiceChar {
        /// The character.
        ch: char,
        /// The whole service segment.
        service: String,
    },
    /// The service segment holds a wildcard or a variable.
    WildcardInService {
        /// The whole service segment.
        service: String,
    },
    /// The AWS partition is not one that exists.
    UnknownPartition {
        /// The partition as written.
        found: String,
    },
    /// A whitespace character inside the ARN.
    Whitespace {
        /// The word (text between `:`, `/` and `%`) that holds it.
        word: String,
        /// `a space`, `a tab`, ...
        what: &'static str,
    },
    /// A control character inside the ARN.
    ControlChar {
        /// The word that holds it.
        word: String,
        /// The character.
        ch: char,
    },
    /// `${` without its `}`.
    UnterminatedVariable,
    /// `{`, `<` placeholder without its closing bracket.
    UnterminatedPlaceholder {
        /// The closing bracket that was expected.
        close: char,
    },
    /// `${}` or `{}`.
    EmptyVariable,
    /// A policy variable whose default value is not a single-quoted string.
    BadVariableDefault {
        /// The variable as written.
        variable: String,
    },
    /// A policy variable inside an ARN that must be concrete.
    VariableInArn {
        /// The variable as written.
        variable: String,
    },
}

/// An error parsing an ARN, an ARN pattern or an ARN template.
///
/// The message says what is wrong and where (1-based column, counted in characters); [`ArnError::help`]
/// says what would be right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnError {
    kind: ArnErrorKind,
    input: Box<str>,
    span: Range<usize>,
}

impl ArnError {
    pub(crate) fn new(kind: ArnErrorKind, input: &str, span: Range<usize>) -> Self {
        Self { kind, input: input.into(), span }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ArnErrorKind {
        &self.kind
    }

    /// The text that was parsed.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// The byte range of [`ArnError::input`] the error is about (may be empty at the end of input).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The 1-based column, in characters, where the error starts.
    pub fn column(&self) -> usize {
        column_of(&self.input, self.span.start)
    }

    /// Longer advice on what would be right, if there is any.
    pub fn help(&self) -> Option<String> {
        Some(match &self.kind {
            ArnErrorKind::Empty | ArnErrorKind::MissingSegment { .. } => {
                "an Alibaba Cloud ARN is `acs:<service>:<region>:<account>:<resource>`, an AWS ARN \
                 `arn:<partition>:<service>:<region>:<account>:<resource>`"
                    .to_owned()
            }
            ArnErrorKind::ExpectedPrefix { found } => {
                if found.eq_ignore_ascii_case("acs") || found.eq_ignore_ascii_case("arn") {
                    format!("write `{}` in lowercase", found.to_ascii_lowercase())
                } else {
                    "an Alibaba Cloud ARN starts with `acs:`, an AWS ARN with `arn:`".to_owned()
                }
            }
            ArnErrorKind::EmptySegment { part: Part::Service } => {
                "name the service, e.g. `acs:oss:...` or `arn:aws:s3:...`".to_owned()
            }
            ArnErrorKind::EmptySegment { part: Part::Partition } => {
                format!("the partition is one of {}", backticked(crate::AWS_PARTITIONS))
            }
            ArnErrorKind::EmptySegment { .. } => "use `*` to stand for any value of this segment".to_owned(),
            ArnErrorKind::InvalidServiceChar { .. } => {
                "service names are lowercase ASCII letters, digits and `-`".to_owned()
            }
            ArnErrorKind::WildcardInService { .. } => {
                "the service segment cannot hold wildcards or variables: name the service in full".to_owned()
            }
            ArnErrorKind::UnknownPartition { .. } => {
                format!("the partition is one of {}", backticked(crate::AWS_PARTITIONS))
            }
            ArnErrorKind::Whitespace { .. } | ArnErrorKind::ControlChar { .. } => {
                "ARNs never contain whitespace or control characters; remove it (a name like \
                 `Topic - test` is written `Topic-test`)"
                    .to_owned()
            }
            ArnErrorKind::UnterminatedVariable => {
                "a policy variable is written `${aws:username}`; to write a literal `$`, use `${$}`"
                    .to_owned()
            }
            ArnErrorKind::UnterminatedPlaceholder { close } => {
                format!("close the placeholder with `{close}`")
            }
            ArnErrorKind::EmptyVariable => "name the variable, e.g. `${aws:username}`".to_owned(),
            ArnErrorKind::BadVariableDefault { .. } => {
                "a default value is a single-quoted string: `${aws:PrincipalTag/team, 'none'}`".to_owned()
            }
            ArnErrorKind::VariableInArn { .. } => {
                "a concrete ARN has no variables: substitute the value, or parse the text as a pattern"
                    .to_owned()
            }
        })
    }
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at column {}", Message(&self.kind), self.column())
    }
}

impl ArnError {
    /// The message without the column (for callers that report the location their own way).
    pub fn message(&self) -> String {
        Message(&self.kind).to_string()
    }
}

struct Message<'a>(&'a ArnErrorKind);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ArnErrorKind::Empty => f.write_str("empty ARN")?,
            ArnErrorKind::ExpectedPrefix { found } if found.is_empty() => {
                f.write_str("expected `acs` or `arn`")?
            }
            ArnErrorKind::ExpectedPrefix { found } => write!(f, "expected `acs` or `arn`, found `{found}`")?,
            ArnErrorKind::MissingSegment { part } => write!(f, "missing {part} segment")?,
            ArnErrorKind::EmptySegment { part } => write!(f, "empty {part} segment")?,
            ArnErrorKind::InvalidServiceChar { ch, service } => {
                write!(f, "invalid character `{}` in service `{service}`", ch.escape_debug())?
            }
            ArnErrorKind::WildcardInService { service } => {
                write!(f, "wildcard or variable in service segment `{service}`")?
            }
            ArnErrorKind::UnknownPartition { found } => write!(f, "unknown partition `{found}`")?,
            ArnErrorKind::Whitespace { word, what } => write!(f, "`{word}` contains {what}")?,
            ArnErrorKind::ControlChar { word, ch } => write!(
                f,
                "`{}` contains the control character U+{:04X}",
                word.escape_debug(),
                u32::from(*ch)
            )?,
            ArnErrorKind::UnterminatedVariable => {
                f.write_str("unterminated policy variable, expected `}`")?
            }
            ArnErrorKind::UnterminatedPlaceholder { close } => {
                write!(f, "unterminated placeholder, expected `{close}`")?
            }
            ArnErrorKind::EmptyVariable => f.write_str("empty variable name")?,
            ArnErrorKind::BadVariableDefault { variable } => {
                write!(f, "malformed default value in policy variable `{variable}`")?
            }
            ArnErrorKind::VariableInArn { variable } => {
                write!(f, "policy variable `{variable}` in a concrete ARN")?
            }
        }
        Ok(())
    }
}

impl std::error::Error for ArnError {}

/// 1-based column, in characters, of byte offset `at` in `text`.
pub(crate) fn column_of(text: &str, at: usize) -> usize {
    text.char_indices().take_while(|(i, _)| *i < at).count() + 1
}

pub(crate) fn backticked(items: &[&str]) -> String {
    items.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
}

/// Describes a whitespace character for messages.
pub(crate) fn describe_whitespace(ch: char) -> &'static str {
    match ch {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' | '\r' => "a line break",
        '\u{a0}' => "a no-break space",
        _ => "a whitespace character",
    }
}

/// The word around byte offset `at`: the run of text between the nearest `:`, `/` or `%` on either side.
pub(crate) fn word_around(text: &str, at: usize) -> String {
    let is_sep = |c: char| matches!(c, ':' | '/' | '%');
    let start = text.get(..at).and_then(|s| s.rfind(is_sep).map(|i| i + 1)).unwrap_or(0);
    let end = text.get(at..).and_then(|s| s.find(is_sep).map(|i| i + at)).unwrap_or(text.len());
    text.get(start..end).unwrap_or(text).to_owned()
}
