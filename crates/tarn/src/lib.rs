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
/// Every mistake below is a compile error at the offending tokens, with help; all errors of one
/// invocation are reported together. The expansion builds the [`Policy`] directly: no JSON parsing and no
/// catalog lookup at run time.
///
/// # Grammar
///
/// Braces (or parentheses) delimit the body: Rust macros cannot use `<…>` as delimiters.
///
/// ```text
/// policy    := header* statement (";" statement)* ";"?
/// header    := "let" NAME (":" TYPE)? "=" EXPR ";"        a binding: any Rust expression, evaluated once,
///                                                         in order, before the policy is built (`?` works)
///            | "cloud" ("alibaba" | "aws") ";"           the cloud, when nothing else tells it
///            | "kind" KIND ";"                            managed | inline_user | inline_role | inline_group
///                                                         | bucket | resource | trust | session | control
///            | "acknowledge" ACTION ";"                   a prerequisite granted by another policy
///            | "version" STRING ";"                       "1" (RAM), "2012-10-17" (IAM, default), "2008-10-17"
///            | "id" STRING ";"                            the policy ID (IAM)
/// statement := ("sid" STRING)? ("allow" | "deny") "not"? ACTION ("," ACTION)*
///              ("on" "not"? RESOURCE ("," RESOURCE)*)?
///              ("to" "not"? PRINCIPAL ("," PRINCIPAL)*)?
///              ("when" CONDITION ("and" CONDITION)*)?
/// ACTION    := "*" | service:Name, with `*` and `?` in the name (log:Create*, mq:*)
/// RESOURCE  := "*" | an ARN as bare tokens | an ARN as a string literal ("acs:oss:*:*:bucket/*")
/// PRINCIPAL := "*" | aws STRING | service STRING | federated STRING | canonical_user STRING
///            | ram STRING | uid STRING                   (uid: the OSS bucket-policy list of account UIDs)
/// CONDITION := OPERATOR "(" KEY "," VALUE ("," VALUE)* ")"
///              OPERATOR: StringEquals, IpAddress, ForAnyValue:StringLikeIfExists, ...;
///              VALUE: a string, a number, `true` or `false`, read for the operator's type,
///                     or "<" NAME ">", a placeholder of the type the operator takes (below)
/// ```
///
/// **Placeholders.** `<name>` in a bare ARN, and `<name>` or `{name}` in a quoted one, take the value of
/// the variable `name` in scope, which must be a validated [`Segment`]: a `*`, `?`, `:`, `%`, `${`, a
/// space or a control character can never reach the policy (a `/` only through [`Segment::path`]).
/// Binding a `&str` is a compile error that says how to validate it.
///
/// **Bindings.** `let NAME = EXPR;` (or `let NAME: TYPE = EXPR;`) at the top of the body binds any Rust
/// expression, a struct field or a function call, to a name that placeholders can use. The bindings are
/// evaluated once each, in the order written, before the policy is built, inside the calling function:
/// `?` returns the caller's error.
///
/// **Condition placeholders.** `<name>` as a condition value takes the variable `name`, whose type the
/// compiler checks against the operator, so that a value from configuration can never widen a condition:
///
/// | operators | the value's type |
/// |---|---|
/// | `StringEquals`, `StringNotEquals`, `…IgnoreCase` | [`Literal`] (no `*`, `?`, `${`, control characters, not empty) or [`Segment`] |
/// | `StringLike`, `StringNotLike` | the same, or a [`Glob`]: the explicit opt-in to `*` and `?` |
/// | `IpAddress`, `NotIpAddress` | [`IpNet`], `std::net::IpAddr`, `Ipv4Addr`, `Ipv6Addr` |
/// | `Date…` | [`Date`] |
/// | `Numeric…` | an integer (`u8` … `u64`, `i8` … `i64`, `usize`, `isize`) |
/// | `Bool`, `Null` | `bool` |
///
/// Any other type is a compile error at the placeholder that names the expected type. `Arn…` and
/// `BinaryEquals` take no placeholders (no ARN type refuses the wildcards that `Arn…` operators read).
///
/// **Bare or quoted.** An ARN may be written as bare tokens when it lexes as Rust tokens, and always as a
/// string literal. `bucket/*` cannot be bare, because `/*` opens a comment. Bare tokens must touch: `Topic -
/// test` is an error (whitespace inside an ARN), not the name `Topic-test`.
///
/// # One example per construct
///
/// One statement, a placeholder bound to a validated segment (the RocketMQ prerequisite is granted too,
/// see below):
/// ```
/// let (inst, topic) = (tarn::Segment::new("MQ_INST_1")?, tarn::Segment::new("orders")?);
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
///
/// `deny`, a Sid (IAM only), and quoted ARNs:
/// ```
/// let p = tarn::policy! { sid "NoDeletes" deny s3:DeleteObject on "arn:aws:s3:::ops/*" };
/// assert_eq!(p.to_json(), r#"{"Version":"2012-10-17","Statement":[{"Sid":"NoDeletes","Effect":"Deny","Action":["s3:DeleteObject"],"Resource":["arn:aws:s3:::ops/*"]}]}"#);
/// ```
///
/// Action wildcards and `not` (NotAction, NotResource):
/// ```
/// let p = tarn::policy! { allow log:Create* on "acs:log:*:*:project/my-project/*" };
/// assert!(p.to_json().contains(r#""Action":["log:Create*"]"#));
/// let p = tarn::policy! { deny not iam:*, sts:* on not "arn:aws:s3:::audit/*" };
/// assert!(p.to_json().contains(r#""NotAction":["iam:*","sts:*"],"NotResource":["arn:aws:s3:::audit/*"]"#));
/// ```
///
/// The cloud, when resources cannot tell it (`sts`, `ram`, `mq` exist in both clouds; a policy on `*`
/// alone):
/// ```
/// let p = tarn::policy! { cloud aws; allow sts:AssumeRole on * };
/// assert_eq!(p.dialect(), tarn::Dialect::Iam);
/// ```
///
/// The version and the ID (IAM):
/// ```
/// let p = tarn::policy! { version "2008-10-17"; id "read-ops"; allow s3:GetObject on "arn:aws:s3:::ops/*" };
/// assert!(p.to_json().starts_with(r#"{"Version":"2008-10-17","Id":"read-ops","Statement""#));
/// ```
///
/// Principals, with the policy kind checked (an OSS bucket policy names account UIDs; an S3 bucket policy
/// names AWS principals; a trust policy has no resource):
/// ```
/// let oss = tarn::policy! { kind bucket; allow oss:GetObject on "acs:oss:*:*:ops/*" to uid "1431115939942888" };
/// assert!(oss.to_json().contains(r#""Principal":["1431115939942888"]"#));
/// let s3 = tarn::policy! { kind bucket; allow s3:GetObject on "arn:aws:s3:::ops/*" to aws "arn:aws:iam::381492316447:root" };
/// assert!(s3.to_json().contains(r#""Principal":{"AWS":["arn:aws:iam::381492316447:root"]}"#));
/// let trust = tarn::policy! { kind trust; allow sts:AssumeRole to service "ecs.aliyuncs.com" };
/// assert!(trust.to_json().contains(r#""Principal":{"Service":["ecs.aliyuncs.com"]}"#));
/// ```
///
/// Conditions, typed by their operator:
/// ```
/// let p = tarn::policy! {
///     allow oss:GetObject on "acs:oss:*:*:ops/*"
///         when IpAddress(acs:SourceIp, "10.0.0.0/8") and Bool(acs:SecureTransport, true)
/// };
/// assert!(p.to_json().ends_with(r#""Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8"]},"Bool":{"acs:SecureTransport":[true]}}}]}"#));
/// ```
///
/// `let` bindings: any expression, evaluated once and in order, with `?` for the caller's error:
/// ```
/// struct Config { bucket: String }
/// fn policy(cfg: &Config) -> Result<tarn::Policy, tarn::SegmentError> {
///     Ok(tarn::policy! {
///         let bucket = tarn::Segment::new(&cfg.bucket)?;
///         allow s3:GetObject on "arn:aws:s3:::<bucket>/*"
///     })
/// }
/// let p = policy(&Config { bucket: "ops".into() })?;
/// assert!(p.to_json().contains(r#""Resource":["arn:aws:s3:::ops/*"]"#));
/// assert!(policy(&Config { bucket: "ops*".into() }).is_err()); // never a wildcard from configuration
/// # Ok::<(), tarn::SegmentError>(())
/// ```
///
/// Condition placeholders, each of the type its operator takes:
/// ```
/// let team = tarn::Literal::new("payments")?;              // StringEquals, StringLike: no `*` or `?`
/// let office: tarn::IpNet = "203.0.113.0/24".parse()?;    // IpAddress
/// let max_age: u32 = 3600;                                // Numeric…
/// let p = tarn::policy! {
///     let until: tarn::Date = "2030-01-01".parse()?;      // Date…
///     allow s3:GetObject on "arn:aws:s3:::reports/*"
///         when StringLike(aws:PrincipalTag/team, <team>) and IpAddress(aws:SourceIp, <office>)
///         and DateLessThan(aws:CurrentTime, <until>) and NumericLessThan(aws:MultiFactorAuthAge, <max_age>)
/// };
/// assert!(p.to_json().ends_with(concat!(
///     r#""Condition":{"StringLike":{"aws:PrincipalTag/team":["payments"]},"IpAddress":{"aws:SourceIp":["203.0.113.0/24"]},"#,
///     r#""DateLessThan":{"aws:CurrentTime":["2030-01-01T00:00:00Z"]},"NumericLessThan":{"aws:MultiFactorAuthAge":[3600]}}}]}"#)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A `&str` or a `String` in a condition placeholder does not compile (it could carry `*`):
/// ```compile_fail
/// let team = String::from("*");
/// let p = tarn::policy! {
///     allow s3:GetObject on "arn:aws:s3:::reports/*" when StringLike(aws:PrincipalTag/team, <team>)
/// };
/// ```
///
/// # The RocketMQ prerequisite: a warning
///
/// RocketMQ 4.x checks `mq:QueryInstanceBaseInfo` on the instance before any topic or group permission. A
/// policy that grants on `…:<inst>%<topic>` without it compiles with a warning (a use of a deprecated
/// constant: stable proc macros cannot emit warnings any other way). When another policy grants it, say so
/// and the warning goes away:
/// ```
/// # #![deny(deprecated)]
/// let (inst, topic) = (tarn::Segment::new("MQ_INST_1")?, tarn::Segment::new("orders")?);
/// let p = tarn::policy! { acknowledge mq:QueryInstanceBaseInfo; allow mq:PUB on acs:mq:*:*:<inst>%<topic> };
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
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
