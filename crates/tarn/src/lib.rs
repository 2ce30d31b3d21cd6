//! # tarn: cloud access policies as checked Rust values
//!
//! One model of a policy document for Alibaba Cloud RAM and AWS IAM ([`Policy`]), read from JSON with
//! errors that point at the offending value ([`Policy::from_json`]), written back compactly and
//! canonically ([`Policy::to_json`]), built in code with the catalog checks ([`Policy::builder`]), and
//! checked against the rules and size limits of where it will be used ([`Policy::check_kind`],
//! [`Policy::check_limits`]).
//!
//! ```
//! use tarn::{Dialect, Policy, PolicyKind};
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
//! # Ok::<(), tarn::ParseError>(())
//! ```

pub use tarn_core::*;

#[doc(hidden)]
pub use tarn_macros::policy as __policy;

/// A policy checked by the compiler against the catalogs; an expression of type [`Policy`].
///
/// ```
/// use tarn::Segment;
/// let (inst, topic) = (Segment::new("MQ_INST_1")?, Segment::new("orders")?);
/// let p = tarn::policy! {
///     allow mq:QueryInstanceBaseInfo on acs:mq:*:*:<inst>;
///     allow mq:PUB, mq:SUB on acs:mq:*:*:<inst>%<topic>
/// };
/// assert_eq!(p.to_json(), concat!(
///     r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["mq:QueryInstanceBaseInfo"],"#,
///     r#""Resource":["acs:mq:*:*:MQ_INST_1"]},{"Effect":"Allow","Action":["mq:PUB","mq:SUB"],"#,
///     r#""Resource":["acs:mq:*:*:MQ_INST_1%orders"]}]}"#));
/// # Ok::<(), tarn::SegmentError>(())
/// ```
#[macro_export]
macro_rules! policy {
    ($($body:tt)*) => {
        $crate::__policy! { ($crate) $($body)* }
    };
}

/// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
