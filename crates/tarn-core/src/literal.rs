//! Validated strings for condition values bound at run time: [`Literal`] matches only itself under every
//! string operator; [`Glob`] is the explicit opt-in to `*` and `?` in `…Like` conditions.

use std::fmt;

/// A condition string from run time that matches only itself, under every string operator: no `*` or
/// `?` (wildcards of `StringLike`), no `${` (a policy variable, resolved when a request is evaluated), no
/// control characters, not empty.
///
/// `policy!` takes a `Literal` (or a [`Segment`](crate::Segment), which is stricter) in a string
/// condition placeholder, so that configuration can never turn `StringLike(aws:PrincipalTag/team, <team>)`
/// into a wildcard:
///
/// ```
/// use tarn_core::Literal;
/// // In `policy!`: `when StringLike(aws:PrincipalTag/team, <team>)`.
/// let team = Literal::new("payments")?;
/// assert_eq!(team.as_str(), "payments");
///
/// let err = Literal::new("pay*").unwrap_err();
/// assert_eq!(err.to_string(), "`pay*` contains `*` at column 4");
/// assert_eq!(err.help(), "`*` and `?` are wildcards in `…Like` conditions; a `Literal` matches only \
///     itself (bind a `tarn::Glob` to allow wildcards on purpose)");
/// # Ok::<(), tarn_core::LiteralError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Literal(String);

/// A condition string from run time that may carry the wildcards `*` and `?`, for `…Like` operators only:
/// the explicit opt-in to a value that can match more than itself. No `${` (a policy variable), no
/// control characters, not empty.
///
/// ```
/// use tarn_core::Glob;
/// // In `policy!`: `when StringLike(aws:PrincipalTag/team, <prefix>)`; not accepted by `StringEquals`.
/// let prefix = Glob::new("team-*")?;
/// assert_eq!(prefix.as_str(), "team-*");
/// assert!(Glob::new("${aws:username}").is_err());
/// # Ok::<(), tarn_core::LiteralError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Glob(String);

/// Why a string is not a [`Literal`] or a [`Glob`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralError {
    input: String,
    problem: Problem,
    /// 1-based, in characters.
    column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Empty,
    Wildcard(char),
    Variable,
    Control,
}

impl LiteralError {
    /// The string that was refused.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What would be right.
    pub fn help(&self) -> &'static str {
        match self.problem {
            Problem::Empty => {
                "an empty value is usually a missing setting; a condition on it would compare with nothing"
            }
            Problem::Wildcard(_) => {
                "`*` and `?` are wildcards in `…Like` conditions; a `Literal` matches only itself (bind a \
                 `tarn::Glob` to allow wildcards on purpose)"
            }
            Problem::Variable => {
                "`${…}` is a policy variable, replaced when a request is evaluated; a value from run time \
                 must be the text itself"
            }
            Problem::Control => "condition values never contain control characters",
        }
    }
}

impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.problem {
            Problem::Empty => return f.write_str("empty condition value"),
            Problem::Wildcard(c) => format!("`{c}`"),
            Problem::Variable => "a policy variable `${`".to_owned(),
            Problem::Control => "a control character".to_owned(),
        };
        write!(f, "`{}` contains {what} at column {}", self.input.escape_debug(), self.column)
    }
}

impl std::error::Error for LiteralError {}

/// Checks a run-time condition string; `wildcards` allows `*` and `?`.
fn check(input: &str, wildcards: bool) -> Result<(), LiteralError> {
    let fail = |problem, column| Err(LiteralError { input: input.to_owned(), problem, column });
    if input.is_empty() {
        return fail(Problem::Empty, 1);
    }
    let mut prev = None;
    for (column, c) in input.chars().enumerate() {
        let column = column + 1;
        match c {
            '*' | '?' if !wildcards => return fail(Problem::Wildcard(c), column),
            '{' if prev == Some('$') => return fail(Problem::Variable, column - 1),
            c if c.is_control() => return fail(Problem::Control, column),
            _ => {}
        }
        prev = Some(c);
    }
    Ok(())
}

macro_rules! validated_string {
    ($ty:ident, $wildcards:literal) => {
        impl $ty {
            /// Validates `value` (see the type's documentation for what is refused and why).
            pub fn new(value: impl Into<String>) -> Result<Self, LiteralError> {
                let value = value.into();
                check(&value, $wildcards)?;
                Ok(Self(value))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($ty), self.0)
            }
        }

        impl AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $ty {
            type Err = LiteralError;
            fn from_str(s: &str) -> Result<Self, LiteralError> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = LiteralError;
            fn try_from(s: String) -> Result<Self, LiteralError> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = LiteralError;
            fn try_from(s: &str) -> Result<Self, LiteralError> {
                Self::new(s)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                Self::new(s).map_err(|e| serde::de::Error::custom(format_args!("{e}; {}", e.help())))
            }
        }
    };
}

validated_string!(Literal, false);
validated_string!(Glob, true);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn literals_refuse_what_could_match_more_than_themselves() {
        assert_eq!(Literal::new("team a/b:c").unwrap().as_str(), "team a/b:c");
        assert_eq!(Literal::new("").unwrap_err().to_string(), "empty condition value");
        assert_eq!(Literal::new("a?").unwrap_err().to_string(), "`a?` contains `?` at column 2");
        assert_eq!(
            Literal::new("x${aws:username}").unwrap_err().to_string(),
            "`x${aws:username}` contains a policy variable `${` at column 2"
        );
        assert_eq!(
            Literal::new("a\nb").unwrap_err().to_string(),
            "`a\\nb` contains a control character at column 2"
        );
        assert_eq!(Glob::new("team-*?").unwrap().as_str(), "team-*?");
        assert!(Glob::new("${x}").is_err());
        assert!(Glob::new("").is_err());
        // A `$` alone, and `{` alone, are text.
        assert!(Literal::new("$5 {x}").is_ok());
    }
}
