//! ARNs for Alibaba Cloud RAM and AWS IAM: one grammar shared by tarn's `policy!` macro, runtime, linter and
//! evaluator.
//!
//! - [`Arn`]: a concrete ARN (`acs:log:cn-hangzhou:123:project/p`, `arn:aws:s3:::bucket`), the resource
//!   of a request.
//! - [`Pattern`]: an ARN as written in a policy, with `*`, `?` and IAM policy variables, and
//!   [`Pattern::matches`] with the clouds' semantics, in time linear in the ARN.
//! - [`Template`]: a resource format from a catalog or documentation (`acs:mq:${RegionId}:${AccountId}:${InstanceId}%${TopicName}`),
//!   and [`Template::fit`]: does some ARN that a pattern matches fit the format, and what does each
//!   placeholder bind?
//! - [`Segment`]: a validated value to fill a placeholder with at run time, which can never widen a grant.
//!
//! Every parser reports what is wrong, at which column, and what would be right:
//!
//! ```
//! let err = tarn_arn::Arn::parse("acs::*:*:TopicA").unwrap_err();
//! assert_eq!(err.to_string(), "empty service segment at column 5");
//! let err = tarn_arn::Pattern::parse("acs:mq:*:*:MQ_INST_1%Topic test").unwrap_err();
//! assert_eq!(err.to_string(), "`Topic test` contains a space at column 27");
//! ```
//!
//! With the `serde` feature, all four types serialize as strings.

mod arn;
mod error;
mod fit;
mod glob;
mod pattern;
mod placeholders;
mod scan;
mod segment;
#[cfg(feature = "serde")]
mod serde_str;
mod syntax;
mod template;
mod vars;

pub use arn::Arn;
pub use error::{ArnError, ArnErrorKind, Part};
pub use glob::{NoVars, VarResolver};
pub use pattern::Pattern;
pub use placeholders::{placeholders, PlaceholderPiece, Placeholders};
pub use scan::scan;
pub use segment::{Segment, SegmentError, SegmentErrorKind};
pub use syntax::PlaceholderStyle;
pub use template::{refine_siblings, Bindings, PreparedPattern, RenderError, Template};
pub use vars::{variables, VarPiece, Variables};

/// The cloud an ARN belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cloud {
    /// Alibaba Cloud: ARNs start with `acs:`.
    Alibaba,
    /// AWS: ARNs start with `arn:`.
    Aws,
}

impl Cloud {
    /// The ARN prefix: `acs` or `arn`.
    pub fn arn_prefix(self) -> &'static str {
        match self {
            Cloud::Alibaba => "acs",
            Cloud::Aws => "arn",
        }
    }

    /// The cloud's name in prose: `Alibaba Cloud` or `AWS`.
    pub fn title(self) -> &'static str {
        match self {
            Cloud::Alibaba => "Alibaba Cloud",
            Cloud::Aws => "AWS",
        }
    }

    /// The other cloud.
    pub fn other(self) -> Cloud {
        match self {
            Cloud::Alibaba => Cloud::Aws,
            Cloud::Aws => Cloud::Alibaba,
        }
    }

    /// The cloud's name, as used in messages and on the command line: `alibaba` or `aws`.
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Alibaba => "alibaba",
            Cloud::Aws => "aws",
        }
    }
}

impl std::fmt::Display for Cloud {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The AWS partitions an ARN may name.
pub const AWS_PARTITIONS: &[&str] =
    &["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];
