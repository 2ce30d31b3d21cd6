//! # tarn-core: the runtime of tarn
//!
//! Use it through the `tarn` crate, which re-exports everything here together with the `policy!` macro
//! (the macro's compile-time checks are built on this crate, which is why it is a crate of its own).
//!
//! One model of a policy document for Alibaba Cloud RAM and AWS IAM ([`Policy`]), read from JSON with
//! errors that point at the offending value ([`Policy::from_json`]), written back compactly and
//! canonically ([`Policy::to_json`]), built in code with the catalog checks that `policy!` makes at
//! compile time ([`Policy::builder`]), and checked against the rules and size limits of where it will be
//! used ([`Policy::check_kind`], [`Policy::check_limits`]).
//!
//! ```
//! use tarn_core::{Dialect, Policy, PolicyKind};
//!
//! let json = r#"{
//!   "Version": "2012-10-17",
//!   "Statement": [{
//!     "Effect": "Allow",
//!     "Principal": {"AWS": "arn:aws:iam::381492316447:root"},
//!     "Action": ["s3:GetObject", "s3:ListBucket"],
//!     "Resource": ["arn:aws:s3:::ops-bucket", "arn:aws:s3:::ops-bucket/*"]
//!   }]
//! }"#;
//! let policy = Policy::from_json(json)?;
//! assert_eq!(policy.dialect(), Dialect::Iam);
//! assert!(policy.check_kind(PolicyKind::Bucket).is_ok());
//! assert!(policy.check_kind(PolicyKind::Managed).is_err()); // identity policies have no Principal
//! assert_eq!(Policy::from_json(&policy.to_json())?, policy);
//! # Ok::<(), tarn_core::ParseError>(())
//! ```

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod builder;
mod condition;
mod diagnostic;
pub mod diff;
mod error;
pub mod eval;
mod excerpt;
pub mod fit;
mod json;
mod kind;
pub mod lint;
mod literal;
mod memo;
mod model;
mod number;
mod parse;
#[doc(hidden)]
pub mod rules;
#[cfg(feature = "serde")]
mod serde_support;

pub use builder::{BuildError, BuildIssue, IntoResource, PolicyBuilder, StatementBuilder};
pub use condition::{
    BaseOperator, Condition, ConditionValue, Date, IpNet, JsonType, KeyValues, Operator, OperatorBlock,
    OperatorError, SetQualifier, Typed, ValueError, ValueType,
};
pub use diff::{diff, diff_with, Diff, DiffOptions, Example, Grant, Verdict};
pub use error::{Lines, ParseError, ParseErrorKind};
pub use excerpt::{policies_in_text, Excerpt};
pub use json::tree::{read_json_tree, JsonNode, JsonValue};
pub use kind::{KindError, Limit, LimitError, PolicyKind, Unit};
pub use literal::{Glob, Literal, LiteralError};
pub use model::{
    Action, ActionError, ActionList, Dialect, Effect, ElementList, List, Policy, Principal, PrincipalElement,
    PrincipalKind, ResourceList, Statement, Version,
};
pub use parse::ParseOptions;
pub use tarn_arn::{Arn, ArnError, Cloud, Pattern, Segment, SegmentError, Template};
pub use tarn_catalog::typed;

impl Policy {
    /// Reads a policy document, detecting the dialect from `Version` and the ARNs (and, without either,
    /// from principal kinds and condition key prefixes). Strict JSON: comments are an error (see
    /// [`Policy::from_json_with`]).
    pub fn from_json(json: &str) -> Result<Policy, ParseError> {
        parse::parse(json, &ParseOptions::new())
    }

    /// Reads a policy document as `dialect`: anything of the other dialect is an error.
    pub fn from_json_as(dialect: Dialect, json: &str) -> Result<Policy, ParseError> {
        parse::parse(json, &ParseOptions::new().dialect(dialect))
    }

    /// Reads a policy document with options (a forced dialect, comments allowed).
    pub fn from_json_with(json: &str, options: &ParseOptions) -> Result<Policy, ParseError> {
        parse::parse(json, options)
    }

    /// The compact canonical JSON: keys in the fixed order `Version`, `Id`, `Statement` and, in a statement,
    /// `Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource`,
    /// `Condition`; no whitespace; statements, values, operators and keys in the author's order; single
    /// values as the author wrote them (policies built in code use arrays). The same policy always gives
    /// the same bytes.
    pub fn to_json(&self) -> String {
        json::write_policy(self, false)
    }

    /// [`Policy::to_json`] indented by two spaces, one element a line.
    pub fn to_json_pretty(&self) -> String {
        json::write_policy(self, true)
    }
}

impl std::str::FromStr for Policy {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        Policy::from_json(s)
    }
}

impl std::fmt::Display for Policy {
    /// The compact JSON; `{:#}` gives the pretty form.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if f.alternate() {
            f.write_str(&self.to_json_pretty())
        } else {
            f.write_str(&self.to_json())
        }
    }
}
