//! Offline evaluation: would a request be allowed, and by which statements.
//!
//! The semantics are those of the clouds' documentation, summarized in ARCHITECTURE.md ("Evaluation
//! semantics"): default deny; any matching `Deny` wins; statement order never matters; actions match
//! case-insensitively with `*` and `?`, resources case-sensitively; conditions AND across operators and keys
//! and OR across the values of one key (a negated operator: none may match); a missing key makes a condition
//! false except for negated operators, `…IfExists`, `ForAllValues:` and `Null`.
//!
//! It fails closed: a value that cannot be read for its operator (a context value `abc` for
//! `NumericLessThan`, a policy variable the request does not resolve) never makes a condition true, and the
//! evaluation says so in its [`Evaluation::notes`].
//!
//! ```
//! use tarn_core::eval::{Decision, Request};
//! use tarn_core::Policy;
//!
//! let p = Policy::from_json(r#"{"Version": "1", "Statement": [
//!     {"Effect": "Allow", "Action": "log:Get*", "Resource": "acs:log:*:*:project/app/*"},
//!     {"Effect": "Deny", "Action": "log:DeleteLogStore", "Resource": "*"}]}"#)?;
//! let read = Request::new("log:GetLogStore", "acs:log:cn-hangzhou:123:project/app/logstore/l")?;
//! let e = p.evaluate(&read);
//! assert_eq!(e.decision, Decision::Allow);
//! assert_eq!(e.statements[0].statement, 0);
//! let delete = Request::new("log:DeleteLogStore", "acs:log:cn-hangzhou:123:project/app/logstore/l")?;
//! assert_eq!(p.evaluate(&delete).decision, Decision::ExplicitDeny);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::net::IpAddr;

use tarn_arn::{Arn, ArnError, Pattern, VarResolver};
use tarn_catalog::{glob, glob_literal};

use crate::condition::{BaseOperator, Date, IpNet, SetQualifier};
use crate::model::{Effect, Policy, Principal, PrincipalKind, Statement, Version};
use crate::Condition;

/// The outcome of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// An `Allow` applies (on every side that must allow), and no `Deny` does.
    Allow,
    /// A `Deny` applies.
    ExplicitDeny,
    /// Nothing allows it (the default).
    ImplicitDeny,
}

impl Decision {
    /// `Allow`, `ExplicitDeny` or `ImplicitDeny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::ExplicitDeny => "ExplicitDeny",
            Decision::ImplicitDeny => "ImplicitDeny",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A statement that decided an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decider<'p> {
    /// Where its policy sits in the [`PolicySet`] (0 for [`Policy::evaluate`]).
    pub policy: usize,
    /// Which kind of policy it is in.
    pub role: Role,
    /// Its index in the policy's `Statement`.
    pub statement: usize,
    /// Its `Sid`.
    pub sid: Option<&'p str>,
    /// Its effect.
    pub effect: Effect,
}

/// The answer to a request, with the statements that gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation<'p> {
    /// Allowed or not, and how.
    pub decision: Decision,
    /// For `ExplicitDeny` the denying statements; for `Allow` the allowing ones; for `ImplicitDeny` the
    /// allowing statements that were not enough (one side of a cross-account request), if any.
    pub statements: Vec<Decider<'p>>,
    /// Why a condition could not hold (a value that cannot be read, a variable the request lacks) or why
    /// allows were not enough.
    pub notes: Vec<String>,
}

/// Why a request cannot be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// The action is not `service:name` (or has wildcards: a request names one action).
    Action(String),
    /// The resource is not an ARN (or `*`).
    Resource(ArnError),
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::Action(a) => {
                write!(f, "`{a}` is not an action a request can name; expected `<service>:<Action>` without wildcards")
            }
            RequestError::Resource(e) => write!(f, "the resource is not an ARN: {e}"),
        }
    }
}

impl std::error::Error for RequestError {}

/// A request: one action on one resource, by a principal, with context values.
///
/// Context keys are case-insensitive, as in both clouds; a key given several times is multivalued.
///
/// ```
/// use tarn_core::eval::Request;
/// let r = Request::new("s3:GetObject", "arn:aws:s3:::bucket/key")?
///     .principal("arn:aws:iam::123456789012:user/alice")
///     .context("aws:username", "alice")
///     .context("aws:TagKeys", "team")
///     .context("aws:TagKeys", "env");
/// assert_eq!(r.values("AWS:TAGKEYS").map(<[String]>::len), Some(2));
/// # Ok::<(), tarn_core::eval::RequestError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    action: String,
    service: String,
    resource: String,
    arn: Option<Arn>,
    principal: Option<String>,
    resource_account: Option<String>,
    /// Lowercase key, values in the order given.
    context: Vec<(String, Vec<String>)>,
}

impl Request {
    /// A request for `action` on `resource` (an ARN, or `*` for actions without resource-level permissions).
    pub fn new(action: &str, resource: &str) -> Result<Self, RequestError> {
        let service = match action.split_once(':') {
            Some((s, n)) if !s.is_empty() && !n.is_empty() && !action.contains(['*', '?', ' ']) => s,
            _ => return Err(RequestError::Action(action.to_owned())),
        };
        let arn =
            if resource == "*" { None } else { Some(Arn::parse(resource).map_err(RequestError::Resource)?) };
        Ok(Request {
            action: action.to_owned(),
            service: service.to_ascii_lowercase(),
            resource: resource.to_owned(),
            arn,
            principal: None,
            resource_account: None,
            context: Vec::new(),
        })
    }

    /// Who makes the request: an ARN (`arn:aws:iam::123456789012:user/alice`, `acs:ram::123:role/r`), an
    /// account (`123456789012`, an Alibaba Cloud UID), or a service (`ec2.amazonaws.com`).
    pub fn principal(mut self, principal: &str) -> Self {
        self.principal = Some(principal.to_owned());
        self
    }

    /// The account that owns the resource, when its ARN does not say (S3 and OSS ARNs have no account).
    pub fn resource_account(mut self, account: &str) -> Self {
        self.resource_account = Some(account.to_owned());
        self
    }

    /// Adds a context value; the same key again adds another value (a multivalued key).
    pub fn context(mut self, key: &str, value: impl Into<String>) -> Self {
        let lower = key.to_ascii_lowercase();
        match self.context.iter_mut().find(|(k, _)| *k == lower) {
            Some((_, values)) => values.push(value.into()),
            None => self.context.push((lower, vec![value.into()])),
        }
        self
    }

    /// The action.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// The resource.
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// The values of a context key (case-insensitive).
    pub fn values(&self, key: &str) -> Option<&[String]> {
        self.context.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_slice())
    }

    /// The principal's account: of its ARN, or the principal itself if it is all digits.
    fn principal_account(&self) -> Option<&str> {
        account_of(self.principal.as_deref()?)
    }

    fn owner(&self) -> Option<&str> {
        self.resource_account
            .as_deref()
            .or_else(|| self.arn.as_ref().map(Arn::account).filter(|a| !a.is_empty()))
    }

    /// Whether principal and resource are in different accounts (both known and different).
    fn cross_account(&self) -> bool {
        matches!((self.principal_account(), self.owner()), (Some(p), Some(r)) if p != r)
    }
}

impl VarResolver for Request {
    fn resolve(&self, key: &str) -> Option<&str> {
        self.values(key).and_then(|v| v.first()).map(String::as_str)
    }
}

/// Notes of an evaluation, kept only when an explanation is asked for ([`PolicySet::decide`] keeps none and
/// allocates nothing).
struct Notes {
    keep: bool,
    list: Vec<String>,
}

impl Notes {
    fn add(&mut self, note: impl FnOnce() -> String) {
        if self.keep {
            self.list.push(note());
        }
    }
}

/// What a policy is, in a [`PolicySet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// An identity-based policy of the principal (RAM policy, IAM managed or inline policy).
    Identity,
    /// A resource-based policy of the resource (OSS or S3 bucket policy, KMS key policy, trust policy).
    Resource,
    /// The principal's permissions boundary (IAM).
    Boundary,
    /// A service control policy (IAM) or control policy (RAM) of the principal's account.
    Control,
    /// A session policy passed when the role was assumed.
    Session,
    /// A resource control policy (IAM) of the resource's account: like a service control policy it must
    /// allow, but only for the services that RCPs cover (AWS Organizations, "Resource control policies",
    /// <https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html>); for
    /// other services it plays no part, not even its `Deny` statements.
    ResourceControl,
}

impl Role {
    /// `identity`, `resource`, `boundary`, `control`, `session` or `resource-control`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Identity => "identity",
            Role::Resource => "resource",
            Role::Boundary => "boundary",
            Role::Control => "control",
            Role::Session => "session",
            Role::ResourceControl => "resource-control",
        }
    }
}

/// The policies that decide a request together, each with its role, indexed by action service so that
/// statements that cannot match cost nothing.
///
/// How they combine (both clouds): a `Deny` anywhere wins. Control policies, when there are any, must
/// allow; so must resource control policies, for the services they cover. Then the resource-based policies or the identity side may allow: the identity side allows when
/// an identity-based policy allows and, when there are any, a boundary and a session policy allow too. A
/// cross-account request (principal and resource of different, known accounts) needs both sides.
#[derive(Debug, Clone)]
pub struct PolicySet<'p> {
    policies: Vec<Entry<'p>>,
}

#[derive(Debug, Clone)]
struct Entry<'p> {
    policy: &'p Policy,
    role: Role,
    /// Statements whose actions name a service, by lowercase service, and the others (`*`, `NotAction`).
    by_service: Vec<(String, Vec<usize>)>,
    always: Vec<usize>,
}

impl<'p> PolicySet<'p> {
    /// An empty set.
    pub fn new() -> Self {
        PolicySet { policies: Vec::new() }
    }

    /// Adds a policy in a role.
    pub fn add(mut self, role: Role, policy: &'p Policy) -> Self {
        let mut by_service: Vec<(String, Vec<usize>)> = Vec::new();
        let mut always = Vec::new();
        for (i, s) in policy.statements().iter().enumerate() {
            let list = s.actions();
            let wild_service =
                list.items().iter().any(|a| a.service().is_none_or(|svc| svc.contains(['*', '?'])));
            if list.is_not() || wild_service {
                always.push(i);
                continue;
            }
            for a in list.items().iter() {
                let svc = a.service().unwrap_or_default().to_ascii_lowercase();
                match by_service.iter_mut().find(|(s, _)| *s == svc) {
                    Some((_, v)) => {
                        if v.last() != Some(&i) {
                            v.push(i);
                        }
                    }
                    None => by_service.push((svc, vec![i])),
                }
            }
        }
        self.policies.push(Entry { policy, role, by_service, always });
        self
    }

    /// Evaluates a request: the decision, the statements that gave it, and notes.
    pub fn evaluate(&self, request: &Request) -> Evaluation<'p> {
        self.run(request, true)
    }

    /// The decision alone, without the statements and notes: no allocation.
    pub fn decide(&self, request: &Request) -> Decision {
        self.run(request, false).decision
    }

    fn run(&self, request: &Request, explain: bool) -> Evaluation<'p> {
        let mut notes = Notes { keep: explain, list: Vec::new() };
        let mut denies = Vec::new();
        let mut allows: Vec<Decider<'p>> = Vec::new();
        let mut present = [false; 6];
        let mut allowed = [false; 6];
        let mut denied = false;
        // RCPs are AWS's: a request on an Alibaba Cloud resource is not covered, whatever its service.
        let rcp_covers = tarn_catalog::rcp_covers(&request.service)
            && request.arn.as_ref().is_none_or(|arn| arn.cloud() == tarn_arn::Cloud::Aws);
        for (pi, e) in self.policies.iter().enumerate() {
            if e.role == Role::ResourceControl && !rcp_covers {
                continue;
            }
            let slot = e.role as usize;
            if let Some(p) = present.get_mut(slot) {
                *p = true;
            }
            let candidates = e
                .by_service
                .iter()
                .filter(|(s, _)| *s == request.service)
                .flat_map(|(_, v)| v.iter())
                .chain(e.always.iter());
            for &si in candidates {
                let Some(s) = e.policy.statements().get(si) else { continue };
                if !statement_applies(e.policy, s, e.role, request, &mut notes) {
                    continue;
                }
                let d = Decider { policy: pi, role: e.role, statement: si, sid: s.sid(), effect: s.effect() };
                match s.effect() {
                    Effect::Deny => {
                        denied = true;
                        if explain {
                            denies.push(d);
                        }
                    }
                    Effect::Allow => {
                        if let Some(a) = allowed.get_mut(slot) {
                            *a = true;
                        }
                        if explain {
                            allows.push(d);
                        }
                    }
                }
            }
        }
        if denied {
            return Evaluation { decision: Decision::ExplicitDeny, statements: denies, notes: notes.list };
        }
        let has = |r: Role| present.get(r as usize).copied().unwrap_or(false);
        let ok = |r: Role| allowed.get(r as usize).copied().unwrap_or(false);
        if has(Role::Control) && !ok(Role::Control) {
            notes.add(|| "no control policy (SCP) allows the action".to_owned());
            return Evaluation { decision: Decision::ImplicitDeny, statements: allows, notes: notes.list };
        }
        if has(Role::ResourceControl) && !ok(Role::ResourceControl) {
            notes.add(|| "no resource control policy (RCP) allows the action".to_owned());
            return Evaluation { decision: Decision::ImplicitDeny, statements: allows, notes: notes.list };
        }
        let mut identity = ok(Role::Identity);
        if identity && has(Role::Boundary) && !ok(Role::Boundary) {
            notes.add(|| {
                "an identity-based policy allows it, but the permissions boundary does not".to_owned()
            });
            identity = false;
        }
        if identity && has(Role::Session) && !ok(Role::Session) {
            notes.add(|| "an identity-based policy allows it, but the session policy does not".to_owned());
            identity = false;
        }
        let resource = ok(Role::Resource);
        let decision = if request.cross_account() {
            if identity != resource && (identity || resource) {
                notes.add(|| {
                    format!(
                        "a cross-account request needs an allow on both sides; only the {} side allows it",
                        if identity { "identity" } else { "resource" }
                    )
                });
            }
            identity && resource
        } else {
            identity || resource
        };
        if decision {
            // Only the statements of the sides that count.
            allows.retain(|d| match d.role {
                Role::Resource => resource,
                Role::Identity | Role::Boundary | Role::Session => identity,
                Role::Control | Role::ResourceControl => true,
            });
            Evaluation { decision: Decision::Allow, statements: allows, notes: notes.list }
        } else {
            Evaluation { decision: Decision::ImplicitDeny, statements: allows, notes: notes.list }
        }
    }
}

impl Default for PolicySet<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl Policy {
    /// Evaluates a request against this policy alone: as an identity-based policy, or as a resource-based
    /// one if a statement has a `Principal`.
    pub fn evaluate(&self, request: &Request) -> Evaluation<'_> {
        let role = if self.statements().iter().any(|s| s.principal().is_some()) {
            Role::Resource
        } else {
            Role::Identity
        };
        PolicySet::new().add(role, self).evaluate(request)
    }
}

fn statement_applies(p: &Policy, s: &Statement, role: Role, r: &Request, notes: &mut Notes) -> bool {
    let actions = s.actions();
    let named = actions.items().iter().any(|a| glob(a.as_str(), &r.action, true));
    if named == actions.is_not() {
        return false;
    }
    let variables = p.version() != Some(Version::V2008_10_17) && p.version().is_some();
    // A statement without `Resource` (a trust policy) applies to the resource the policy is attached to.
    if let Some(list) = s.resources() {
        let hit = list.items().iter().any(|pat| resource_matches(pat, r, variables));
        if hit == list.is_not() {
            return false;
        }
    }
    if matches!(role, Role::Resource | Role::ResourceControl) {
        if let Some(pe) = s.principal() {
            if principal_matches(pe.principal(), r) == pe.is_not() {
                return false;
            }
        }
    }
    match s.condition() {
        Some(c) => condition_holds(c, r, variables, notes),
        None => true,
    }
}

fn resource_matches(pat: &Pattern, r: &Request, variables: bool) -> bool {
    if pat.is_any() {
        return true;
    }
    let Some(arn) = &r.arn else {
        // The request is on `*` (an action without resource-level permissions): only `*` matches.
        return false;
    };
    // The text before the pattern's first wildcard or variable must begin the resource, character for
    // character (resources are case-sensitive): most patterns that cannot match stop here.
    let text = pat.as_str();
    let end = text.bytes().position(|b| matches!(b, b'*' | b'?' | b'$')).unwrap_or(text.len());
    if r.resource.as_bytes().get(..end) != text.as_bytes().get(..end) {
        return false;
    }
    if variables {
        return pat.matches_with(arn, r);
    }
    // No policy variables under this version: `${aws:username}` is the text itself.
    let literal: Vec<(String, String)> = pat
        .variables()
        .map(|(k, d)| {
            let text = match d {
                Some(d) => format!("${{{k}, '{d}'}}"),
                None => format!("${{{k}}}"),
            };
            (k.to_owned(), text)
        })
        .collect();
    // Each variable resolves to its own text (tarn-arn resolves through a list of pairs).
    pat.matches_with(arn, &literal)
}

/// The account of a principal: the principal itself if it is all digits (an AWS account, an Alibaba Cloud
/// UID), else the account part of its ARN (`arn:aws:iam::ACCOUNT:…`, `acs:ram::ACCOUNT:…`).
fn account_of(principal: &str) -> Option<&str> {
    if !principal.is_empty() && principal.bytes().all(|b| b.is_ascii_digit()) {
        return Some(principal);
    }
    let account = match principal.split(':').next() {
        Some("arn") => principal.split(':').nth(4),
        Some("acs") => principal.split(':').nth(3),
        _ => None,
    };
    account.filter(|a| !a.is_empty())
}

fn principal_matches(p: &Principal, r: &Request) -> bool {
    let Some(who) = r.principal.as_deref() else {
        // An anonymous request: only "everyone" names it (`"*"`, `{"AWS": "*"}`, `[]` or `["*"]`).
        return match p {
            Principal::Any => true,
            Principal::Uids(u) => u.as_slice().is_empty() || u.as_slice().iter().any(|x| x == "*"),
            Principal::Map(m) => m.iter().any(|(_, values)| values.as_slice().iter().any(|v| v == "*")),
        };
    };
    let account = r.principal_account();
    let one = |v: &str| -> bool {
        if v == "*" || v == who {
            return true;
        }
        // An account (`123456789012`, `arn:aws:iam::123456789012:root`, `acs:ram::123:root`) stands for
        // every principal of the account.
        let is_account = v.bytes().all(|b| b.is_ascii_digit()) || v.ends_with(":root");
        let v_account = if is_account { account_of(v) } else { None };
        matches!((v_account, account), (Some(a), Some(b)) if a == b)
    };
    match p {
        Principal::Any => true,
        Principal::Uids(u) => u.as_slice().is_empty() || u.as_slice().iter().any(|x| one(x)),
        Principal::Map(m) => m.iter().any(|(kind, values)| {
            values.as_slice().iter().any(|v| match kind {
                PrincipalKind::Service => v.eq_ignore_ascii_case(who),
                PrincipalKind::Aws | PrincipalKind::Ram => one(v),
                _ => v == who,
            })
        }),
    }
}

fn condition_holds(c: &Condition, r: &Request, variables: bool, notes: &mut Notes) -> bool {
    c.iter().all(|(op, key, values)| {
        let base = op.base();
        let ctx = r.values(key);
        if base == BaseOperator::Null {
            // `true`: the key must be absent; `false`: present.
            return values.as_slice().iter().any(|v| {
                let v = v.as_str();
                (v.eq_ignore_ascii_case("true") && ctx.is_none())
                    || (v.eq_ignore_ascii_case("false") && ctx.is_some())
            });
        }
        let Some(ctx) = ctx.filter(|v| !v.is_empty()) else {
            return op.if_exists()
                || op.set() == Some(SetQualifier::ForAllValues)
                || (op.set().is_none() && base.is_negated());
        };
        // Whether context value `c` matches one of the values (the positive form of the operator); `None`
        // when none matches and some value could not be read (a variable the request lacks, a context
        // value that is no number, ...).
        let positive = |c: &str, notes: &mut Notes| -> Option<bool> {
            let mut unreadable = false;
            for v in values.as_slice() {
                let result = if variables && v.as_str().contains("${") {
                    // Substituted into a buffer the thread keeps: no allocation once it is large enough.
                    thread_local! {
                        static BUFFER: std::cell::RefCell<(String, Vec<bool>)> =
                            const { std::cell::RefCell::new((String::new(), Vec::new())) };
                    }
                    BUFFER.with(|b| {
                        let mut b = b.borrow_mut();
                        let (text, literal) = &mut *b;
                        match substitute(v.as_str(), r, text, literal) {
                            Some(()) => compare(base, text, literal, c, key, notes),
                            None => {
                                notes.add(|| {
                                    format!(
                                        "`{}` in `{key}` names a variable the request does not have",
                                        v.as_str()
                                    )
                                });
                                None
                            }
                        }
                    })
                } else {
                    compare(base, v.as_str(), &[], c, key, notes)
                };
                match result {
                    Some(true) => return Some(true),
                    Some(false) => {}
                    None => unreadable = true,
                }
            }
            (!unreadable).then_some(false)
        };
        // Whether the operator holds for one context value. A negated operator holds for a value that
        // matches none; one that could not be read never makes it hold (it fails closed).
        let item = |c: &str, notes: &mut Notes| -> Option<bool> {
            match positive(c, notes) {
                Some(hit) => Some(hit != base.is_negated()),
                None => {
                    if base.is_negated() {
                        notes.add(|| {
                            format!(
                                "`{c}` for `{key}` cannot be read for `{op}`: the condition does not hold"
                            )
                        });
                    }
                    None
                }
            }
        };
        match op.set() {
            Some(SetQualifier::ForAnyValue) => ctx.iter().any(|c| item(c, notes) == Some(true)),
            Some(SetQualifier::ForAllValues) => ctx.iter().all(|c| item(c, notes) == Some(true)),
            None if base.is_negated() => ctx.iter().all(|c| item(c, notes) == Some(true)),
            None => ctx.iter().any(|c| item(c, notes) == Some(true)),
        }
    })
}

/// The positive comparison of an operator (its negation is applied by the caller): does context value `c`
/// match policy value `v`? `literal` marks the bytes of `v` that a policy variable or an escape produced
/// (empty: none): in a `…Like` comparison they match only themselves, so a user name `*` is no wildcard.
fn compare(
    base: BaseOperator,
    v: &str,
    literal: &[bool],
    c: &str,
    key: &str,
    notes: &mut Notes,
) -> Option<bool> {
    use BaseOperator as B;
    let unreadable = |notes: &mut Notes, what: &str| {
        notes.add(|| format!("`{c}` for `{key}` is not {what}: `{}` does not hold for it", base.as_str()));
        None
    };
    Some(match base {
        B::StringEquals | B::StringNotEquals => v == c,
        B::StringEqualsIgnoreCase | B::StringNotEqualsIgnoreCase => {
            v.chars().flat_map(char::to_lowercase).eq(c.chars().flat_map(char::to_lowercase))
        }
        B::StringLike | B::StringNotLike => glob_literal(v, literal, c, false),
        B::NumericEquals
        | B::NumericNotEquals
        | B::NumericLessThan
        | B::NumericLessThanEquals
        | B::NumericGreaterThan
        | B::NumericGreaterThanEquals => {
            let (Some(pv), Some(cv)) = (crate::number::parse(v.trim()), crate::number::parse(c.trim()))
            else {
                return unreadable(notes, "a number");
            };
            match base {
                B::NumericLessThan => cv < pv,
                B::NumericLessThanEquals => cv <= pv,
                B::NumericGreaterThan => cv > pv,
                B::NumericGreaterThanEquals => cv >= pv,
                _ => cv == pv,
            }
        }
        B::DateEquals
        | B::DateNotEquals
        | B::DateLessThan
        | B::DateLessThanEquals
        | B::DateGreaterThan
        | B::DateGreaterThanEquals => {
            let (Some(pv), Some(cv)) = (Date::parse(v), Date::parse(c)) else {
                return unreadable(notes, "a date");
            };
            match base {
                B::DateLessThan => cv < pv,
                B::DateLessThanEquals => cv <= pv,
                B::DateGreaterThan => cv > pv,
                B::DateGreaterThanEquals => cv >= pv,
                _ => cv == pv,
            }
        }
        B::Bool => {
            let read = |s: &str| match s.to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            };
            match (read(v), read(c)) {
                (Some(a), Some(b)) => a == b,
                _ => return unreadable(notes, "a boolean"),
            }
        }
        B::BinaryEquals => v == c,
        B::IpAddress | B::NotIpAddress => {
            let (Some(net), Ok(ip)) = (IpNet::parse(v), c.trim().parse::<IpAddr>()) else {
                return unreadable(notes, "an IP address");
            };
            net.contains(ip)
        }
        B::ArnEquals | B::ArnLike | B::ArnNotEquals | B::ArnNotLike => {
            // Each of the six `:`-separated parts on its own; the last takes the rest.
            let cs: Vec<&str> = c.splitn(6, ':').collect();
            if cs.len() != 6 {
                return unreadable(notes, "an ARN");
            }
            let mut ps: Vec<(&str, &[bool])> = Vec::with_capacity(6);
            let mut start = 0;
            for (i, b) in v.bytes().enumerate() {
                if b == b':' && ps.len() < 5 {
                    ps.push((v.get(start..i).unwrap_or_default(), literal.get(start..i).unwrap_or_default()));
                    start = i + 1;
                }
            }
            ps.push((v.get(start..).unwrap_or_default(), literal.get(start..).unwrap_or_default()));
            ps.len() == 6 && ps.iter().zip(&cs).all(|((p, lit), c)| glob_literal(p, lit, c, false))
        }
        B::Null => false,
    })
}

/// A policy value with its variables replaced by the request's values (`${aws:username}`, with a default
/// `${aws:PrincipalTag/team, 'none'}`, escapes `${*}` `${?}` `${$}`), written into `out`; `None` if a
/// variable without a default is missing.
/// `literal` gets one flag per byte of `out`: true for the bytes a variable or an escape produced.
fn substitute(text: &str, r: &Request, out: &mut String, literal: &mut Vec<bool>) -> Option<()> {
    out.clear();
    literal.clear();
    for piece in tarn_arn::variables(text) {
        let (s, lit) = match piece.ok()? {
            tarn_arn::VarPiece::Text(t) => (t, false),
            tarn_arn::VarPiece::Var { key, default } => (r.resolve(key).or(default)?, true),
            tarn_arn::VarPiece::Escape(c) => {
                let mut b = [0u8; 4];
                out.push_str(c.encode_utf8(&mut b));
                literal.resize(out.len(), true);
                continue;
            }
        };
        out.push_str(s);
        literal.resize(out.len(), lit);
    }
    Some(())
}
