//! Policy kinds: where a policy is attached decides which `Principal` forms it may have and how long it may
//! be.

use std::fmt;

use crate::diagnostic::{Code, Element, Site};
use crate::model::{Dialect, Policy, Principal};

/// Where a policy is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyKind {
    /// An identity-based policy: a RAM custom policy, an IAM managed policy. No `Principal`.
    Managed,
    /// An IAM inline policy of a user. No `Principal`.
    InlineUser,
    /// An IAM inline policy of a role. No `Principal`.
    InlineRole,
    /// An IAM inline policy of a group. No `Principal`.
    InlineGroup,
    /// A bucket policy (OSS, S3). Every statement names its `Principal`; in RAM it is the flat list of
    /// account UIDs (or `"*"`).
    Bucket,
    /// Another resource-based policy (a KMS key policy, ...). Every statement names its `Principal`.
    Resource,
    /// The trust policy of a role: who may assume it. Every statement names its `Principal`; there is no
    /// `Resource`.
    Trust,
    /// A session policy passed when assuming a role. No `Principal`.
    Session,
    /// A service control policy (IAM) or control policy (RAM). No `Principal`.
    Control,
    /// A resource control policy (IAM only): it restricts what may be done to the resources of an
    /// organization's accounts, of the services that RCPs cover. Every statement denies (`Allow` only in
    /// the form of `RCPFullAWSAccess`), names `"Principal": "*"` and has no `NotPrincipal` or `NotAction`.
    ResourceControl,
}

impl PolicyKind {
    /// Every kind.
    pub const ALL: &'static [PolicyKind] = &[
        PolicyKind::Managed,
        PolicyKind::InlineUser,
        PolicyKind::InlineRole,
        PolicyKind::InlineGroup,
        PolicyKind::Bucket,
        PolicyKind::Resource,
        PolicyKind::Trust,
        PolicyKind::Session,
        PolicyKind::Control,
        PolicyKind::ResourceControl,
    ];

    /// A short name for messages.
    pub fn describe(self) -> &'static str {
        match self {
            PolicyKind::Managed => "an identity-based policy",
            PolicyKind::InlineUser => "an inline user policy",
            PolicyKind::InlineRole => "an inline role policy",
            PolicyKind::InlineGroup => "an inline group policy",
            PolicyKind::Bucket => "a bucket policy",
            PolicyKind::Resource => "a resource-based policy",
            PolicyKind::Trust => "a trust policy",
            PolicyKind::Session => "a session policy",
            PolicyKind::Control => "a control policy",
            PolicyKind::ResourceControl => "a resource control policy",
        }
    }

    fn has_principal(self) -> bool {
        matches!(
            self,
            PolicyKind::Bucket | PolicyKind::Resource | PolicyKind::Trust | PolicyKind::ResourceControl
        )
    }

    /// The size limit of this kind in a dialect, if it has one tarn knows.
    pub fn limit(self, dialect: Dialect) -> Option<Limit> {
        use PolicyKind as K;
        use Unit::{Bytes, Chars, NonWhitespaceChars};
        let l = |name, max, unit| Some(Limit { name, max, unit });
        match (dialect, self) {
            (Dialect::Ram, K::Managed) => l("RAM custom policy", ram_custom_policy_chars(), Chars),
            (Dialect::Ram, K::Session) => l("STS session policy", 2_048, Chars),
            (Dialect::Ram, K::Bucket) => l("OSS bucket policy", 16 * 1024, Bytes),
            (Dialect::Ram, K::Control) => l("control policy", 4_096, Chars),
            (Dialect::Iam, K::Managed) => l("IAM managed policy", 6_144, NonWhitespaceChars),
            (Dialect::Iam, K::InlineUser) => l("inline policies of a user", 2_048, NonWhitespaceChars),
            (Dialect::Iam, K::InlineRole) => l("inline policies of a role", 10_240, NonWhitespaceChars),
            (Dialect::Iam, K::InlineGroup) => l("inline policies of a group", 5_120, NonWhitespaceChars),
            (Dialect::Iam, K::Session) => l("STS session policy", 2_048, Chars),
            (Dialect::Iam, K::Bucket) => l("S3 bucket policy", 20 * 1024, Bytes),
            (Dialect::Iam, K::Control) => l("service control policy", 5_120, Chars),
            // "Maximum size of a policy document ... RCPs: 5,120 characters"
            // (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html).
            (Dialect::Iam, K::ResourceControl) => l("resource control policy", 5_120, Chars),
            _ => None,
        }
    }
}

/// What a statement of an IAM resource control policy may not hold, as (element, message, help), following
/// AWS Organizations, "RCP syntax"
/// (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html>): the
/// elements are `Version`, `Statement`, `Sid`, `Effect`, `Principal`, `Action`, `Resource`, `NotResource`
/// and `Condition`; `Allow` is only supported for `RCPFullAWSAccess` (`Principal`, `Action` and `Resource`
/// all `"*"`, no condition); the `Principal` is `"*"`, narrowed with conditions such as
/// `aws:PrincipalOrgID`. (`NotPrincipal` is refused with the other kinds' principal rules.)
fn resource_control_errors(s: &crate::model::Statement) -> Vec<(Element, &'static str, &'static str)> {
    use crate::model::Effect;
    let mut out = Vec::new();
    if s.actions().is_not() {
        out.push((
            Element::NotAction,
            "a resource control policy has no `NotAction`",
            "list the actions to deny in `Action`, and the exceptions in a condition",
        ));
    }
    if let Some(p) = s.principal() {
        if !p.is_not() && !matches!(p.principal(), Principal::Any) {
            out.push((
                Element::Principal,
                "the `Principal` of a resource control policy is `\"*\"`",
                "write `\"Principal\": \"*\"` and narrow it with a condition, e.g. `StringNotEqualsIfExists` on `aws:PrincipalOrgID`",
            ));
        }
    }
    if s.effect() == Effect::Allow {
        let all = |items: &[tarn_arn::Pattern]| items.len() == 1 && items.iter().all(|p| p.is_any());
        let full_access = !s.actions().is_not()
            && s.actions().items().len() == 1
            && s.actions().items().iter().all(|a| a.as_str() == "*")
            && s.resources().is_some_and(|r| !r.is_not() && all(r.items()))
            && s.principal().is_some_and(|p| !p.is_not() && matches!(p.principal(), Principal::Any))
            && s.condition().is_none();
        if !full_access {
            out.push((
                Element::Effect,
                "a resource control policy denies: `Allow` is only the `RCPFullAWSAccess` form",
                "write `\"Effect\": \"Deny\"`; an RCP grants nothing, it only limits what other policies allow",
            ));
        }
    }
    out
}

/// RAM's custom policy limit from the catalog data (6,144 characters).
fn ram_custom_policy_chars() -> usize {
    tarn_catalog::alibaba_limit("custom_policy_chars").and_then(|v| usize::try_from(v).ok()).unwrap_or(6_144)
}

impl fmt::Display for PolicyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// How a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Characters of the compact JSON form.
    Chars,
    /// Characters of the compact JSON form, whitespace not counted (IAM's rule).
    NonWhitespaceChars,
    /// Bytes (UTF-8) of the compact JSON form.
    Bytes,
}

/// A size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limit {
    /// What is limited.
    pub name: &'static str,
    /// The largest allowed size.
    pub max: usize,
    /// How size is counted.
    pub unit: Unit,
}

impl Limit {
    /// The size of `compact` (a compact JSON document) by this limit's unit.
    pub fn measure(&self, compact: &str) -> usize {
        measure(self.unit, compact)
    }
}

fn measure(unit: Unit, compact: &str) -> usize {
    match unit {
        Unit::Chars => compact.chars().count(),
        Unit::NonWhitespaceChars => compact.chars().filter(|c| !c.is_whitespace()).count(),
        Unit::Bytes => compact.len(),
    }
}

/// A policy that is too long for its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError {
    /// The limit.
    pub limit: Limit,
    /// The policy's size, counted as the limit counts.
    pub len: usize,
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.limit.unit {
            Unit::Chars => "characters",
            Unit::NonWhitespaceChars => "characters (whitespace not counted)",
            Unit::Bytes => "bytes",
        };
        write!(
            f,
            "the policy is {} {unit} long, over the {} limit of {} by {}",
            self.len,
            self.limit.name,
            self.limit.max,
            self.len - self.limit.max
        )
    }
}

impl std::error::Error for LimitError {}

/// A statement element that the policy kind does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindError {
    /// The linter's code for it (`MISSING_RESOURCE`, `MISSING_PRINCIPAL` or `UNSUPPORTED_ELEMENT`).
    pub code: Code,
    /// Where in the policy.
    pub site: Site,
    /// JSON pointer of the element (`/Statement/0/Principal`).
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: String,
}

impl fmt::Display for KindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.message, self.pointer)
    }
}

impl std::error::Error for KindError {}

impl Policy {
    /// The size of the policy as `kind`'s limit counts it (characters of the compact form for RAM,
    /// non-whitespace characters for IAM identity policies, bytes for bucket policies); for a kind without
    /// a known limit, the characters of the compact form.
    pub fn len_for_limit(&self, kind: PolicyKind) -> usize {
        let unit = kind.limit(self.dialect).map_or(Unit::Chars, |l| l.unit);
        measure(unit, &self.to_json())
    }

    /// Checks the size limit of `kind`.
    ///
    /// ```
    /// use tarn_core::{Policy, PolicyKind};
    /// let p = Policy::from_json(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"mq:PUB","Resource":"*"}]}"#).unwrap();
    /// assert_eq!(p.len_for_limit(PolicyKind::Managed), 81);
    /// assert!(p.check_limits(PolicyKind::Session).is_ok());
    /// ```
    pub fn check_limits(&self, kind: PolicyKind) -> Result<(), LimitError> {
        let Some(limit) = kind.limit(self.dialect) else {
            return Ok(());
        };
        let len = limit.measure(&self.to_json());
        if len > limit.max {
            return Err(LimitError { limit, len });
        }
        Ok(())
    }

    /// Checks that every statement has the elements `kind` allows: a `Principal` in bucket, resource and trust
    /// policies and nowhere else, the `Principal` form of the dialect and kind, no `Resource` in trust
    /// policies, `NotPrincipal` only in IAM resource and bucket policies, no inline policies in RAM.
    pub fn check_kind(&self, kind: PolicyKind) -> Result<(), Vec<KindError>> {
        let mut errors = Vec::new();
        let d = self.dialect;
        let mut err = |code: Code, site: Site, message: String, help: &str| {
            let pointer = site.pointer(self);
            errors.push(KindError { code, site, pointer, message, help: help.to_owned() });
        };
        if d == Dialect::Ram
            && matches!(kind, PolicyKind::InlineUser | PolicyKind::InlineRole | PolicyKind::InlineGroup)
        {
            err(
                Code::UnsupportedElement,
                Site::Policy,
                "RAM has no inline policies".to_owned(),
                "attach a custom policy (`PolicyKind::Managed`)",
            );
        }
        if d == Dialect::Ram && kind == PolicyKind::ResourceControl {
            err(
                Code::UnsupportedElement,
                Site::Policy,
                "RAM has no resource control policies".to_owned(),
                "a RAM control policy (`PolicyKind::Control`) restricts the accounts of a resource directory",
            );
        }
        for (i, s) in self.statements.iter().enumerate() {
            let at = |el: Element| Site::element(i, el);
            if kind == PolicyKind::ResourceControl && d == Dialect::Iam {
                for (el, message, help) in resource_control_errors(s) {
                    err(Code::UnsupportedElement, at(el), message.to_owned(), help);
                }
            }
            match (&s.principal, kind.has_principal()) {
                (Some(p), false) => {
                    let el = if p.is_not() { Element::NotPrincipal } else { Element::Principal };
                    err(
                        Code::UnsupportedElement,
                        at(el),
                        format!("{} has no `{el}`", kind.describe()),
                        "the principal is whoever the policy is attached to; remove the element",
                    );
                }
                (None, true) => err(
                    Code::MissingPrincipal,
                    Site::Statement(i),
                    format!("a statement of {} needs a `Principal`", kind.describe()),
                    "name who the statement is about, e.g. `\"Principal\": {\"RAM\": [\"acs:ram::123456789012:root\"]}` or `{\"AWS\": \"arn:aws:iam::123456789012:root\"}`",
                ),
                (Some(p), true) => {
                    let el = if p.is_not() { Element::NotPrincipal } else { Element::Principal };
                    if p.is_not()
                        && (d == Dialect::Ram || matches!(kind, PolicyKind::Trust | PolicyKind::ResourceControl))
                    {
                        err(
                            Code::UnsupportedElement,
                            at(el),
                            format!("{} has no `NotPrincipal`", kind.describe()),
                            "list the principals in `Principal`",
                        );
                    }
                    match (d, kind, p.principal()) {
                        (Dialect::Ram, PolicyKind::Bucket, Principal::Map(_)) => err(
                            Code::UnsupportedElement,
                            at(el),
                            "an OSS bucket policy names principals as a list of account UIDs".to_owned(),
                            "write `\"Principal\": [\"1431115939942888\"]` (or `\"*\"` for everyone)",
                        ),
                        (Dialect::Ram, PolicyKind::Trust | PolicyKind::Resource, Principal::Uids(_)) => err(
                            Code::UnsupportedElement,
                            at(el),
                            format!("{} names principals in a map, not as a list of UIDs", kind.describe()),
                            "write `\"Principal\": {\"RAM\": [\"acs:ram::123456789012:root\"]}` (or `\"Service\"`, `\"Federated\"`)",
                        ),
                        (Dialect::Ram, PolicyKind::Trust, Principal::Any) => err(
                            Code::UnsupportedElement,
                            at(el),
                            "a RAM trust policy names its principals".to_owned(),
                            "write `\"Principal\": {\"RAM\": [\"acs:ram::123456789012:root\"]}` (or `\"Service\"`, `\"Federated\"`)",
                        ),
                        _ => {}
                    }
                }
                (None, false) => {}
            }
            match (&s.resources, kind) {
                (Some(r), PolicyKind::Trust) => {
                    let el = if r.is_not() { Element::NotResource } else { Element::Resource };
                    err(
                        Code::UnsupportedElement,
                        at(el),
                        format!("a trust policy has no `{el}`"),
                        "the resource is the role itself; remove the element",
                    );
                }
                (None, k) if k != PolicyKind::Trust => err(
                    Code::MissingResource,
                    Site::Statement(i),
                    format!("a statement of {} needs a `Resource`", kind.describe()),
                    "add `\"Resource\"` with the ARNs the statement is about (or `\"*\"`)",
                ),
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}
