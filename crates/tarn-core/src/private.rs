//! What `policy!` expands to. Not a public API: the macro checks everything at compile time, and these
//! functions only assemble the model from pieces that are already known to be valid.

use tarn_arn::{Pattern, Segment};

pub use crate::error::closest;

use crate::condition::{Condition, ConditionValue, JsonType, Operator, ValueType};
use crate::model::{
    Action, Dialect, Effect, ElementList, List, Policy, Principal, PrincipalElement, PrincipalKind,
    Statement, Version,
};

/// A value bound to a `<placeholder>` of `policy!`: a validated segment, so that it can never widen a
/// grant.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a validated segment; `policy!` placeholders take `tarn::Segment` values",
    label = "bind a `tarn::Segment` here",
    note = "validate the value first: `let name = tarn::Segment::new(name)?;` (it refuses `*`, `?`, `:`, `%`, `/`, `${{`, whitespace and control characters; `tarn::Segment::path` allows `/`)"
)]
pub trait BindSegment {
    /// The segment.
    fn segment(&self) -> &Segment;
}

impl BindSegment for Segment {
    fn segment(&self) -> &Segment {
        self
    }
}

impl<T: BindSegment + ?Sized> BindSegment for &T {
    fn segment(&self) -> &Segment {
        (**self).segment()
    }
}

/// The segment bound to a placeholder.
pub fn bind<T: BindSegment + ?Sized>(value: &T) -> &Segment {
    value.segment()
}

/// A policy from its statements.
pub fn policy(dialect: Dialect, statements: Vec<Statement>) -> Policy {
    Policy {
        dialect,
        version: Some(dialect.default_version()),
        id: None,
        statements,
        single_statement: false,
    }
}

/// The expression `policy!` leaves behind after a compile error (never run: the build has failed).
pub fn after_error() -> Policy {
    policy(Dialect::Ram, Vec::new())
}

/// A statement.
pub fn statement(
    effect: Effect,
    sid: Option<&str>,
    not_action: bool,
    actions: &[&str],
    resources: Option<(bool, Vec<Pattern>)>,
    principal: Option<PrincipalElement>,
    condition: Option<Condition>,
) -> Statement {
    let actions = List::new(actions.iter().map(|a| Action::trusted(a)).collect());
    let resources =
        resources.map(
            |(not, r)| {
                if not {
                    ElementList::all_but(List::new(r))
                } else {
                    ElementList::only(List::new(r))
                }
            },
        );
    Statement {
        sid: sid.map(str::to_owned),
        effect,
        principal,
        actions: if not_action { ElementList::all_but(actions) } else { ElementList::only(actions) },
        resources,
        condition,
    }
}

/// A resource without placeholders (checked at compile time).
pub fn resource(effect: Effect, text: &str) -> Pattern {
    Pattern::parse_in_document(text).unwrap_or_else(|_| fail_closed(effect, text))
}

/// A resource with placeholders: `pieces` around the bound `segments` (one piece more than segments).
pub fn render(effect: Effect, pieces: &[&'static str], segments: &[&Segment]) -> Pattern {
    let mut text = String::with_capacity(pieces.iter().map(|p| p.len()).sum::<usize>() + 16 * segments.len());
    for (i, piece) in pieces.iter().enumerate() {
        text.push_str(piece);
        if let Some(seg) = segments.get(i) {
            text.push_str(seg.as_str());
        }
    }
    resource(effect, &text)
}

/// Unreachable for checked input (segments cannot break an ARN that parsed with placeholders): an `Allow`
/// grants nothing, a `Deny` denies everything, so a surprise can only narrow what the policy allows.
fn fail_closed(effect: Effect, text: &str) -> Pattern {
    match effect {
        Effect::Allow => Pattern::nothing(text),
        Effect::Deny => Pattern::any(),
    }
}

/// A principal map entry's values.
pub fn values(values: &[&'static str]) -> List<String> {
    List::new(values.iter().map(|v| (*v).to_owned()).collect())
}

/// `Principal` (or `NotPrincipal`).
pub fn principal(not: bool, p: Principal) -> PrincipalElement {
    if not {
        PrincipalElement::all_but(p)
    } else {
        PrincipalElement::only(p)
    }
}

/// A principal map.
pub fn principal_map(entries: Vec<(PrincipalKind, List<String>)>) -> Principal {
    Principal::Map(entries)
}

/// One condition key under an operator: `(operator, key, values)`, each value `(text, JSON type)`.
pub type ConditionEntry<'a> = (Operator, &'static str, &'a [(&'static str, JsonType)]);

/// A condition from its entries, checked at compile time against their operators.
pub fn condition(entries: Vec<ConditionEntry<'_>>) -> Condition {
    let mut c = Condition::new();
    for (op, key, values) in entries {
        let ty: ValueType = op.base().value_type();
        let list = values
            .iter()
            .map(|(text, json)| {
                ConditionValue::parse(ty, text, *json)
                    .unwrap_or_else(|_| ConditionValue::unknown(text, *json))
            })
            .collect();
        c.add(op, key, List::new(list));
    }
    c
}

/// A statement as `policy!` writes it: constant data, but for the segments bound to placeholders.
pub struct S<'a> {
    /// `allow` (or `deny`).
    pub allow: bool,
    /// The Sid.
    pub sid: Option<&'static str>,
    /// `NotAction`.
    pub not_action: bool,
    /// The actions.
    pub actions: &'static [&'static str],
    /// `(NotResource, resources)`.
    pub resources: Option<(bool, &'a [R<'a>])>,
    /// `(NotPrincipal, principal)`.
    pub principal: Option<(bool, P)>,
    /// The condition entries.
    pub conditions: &'static [C],
}

/// A resource of [`S`].
pub enum R<'a> {
    /// Without placeholders.
    Static(&'static str),
    /// Pieces around the bound segments.
    Rendered(&'static [&'static str], &'a [&'a Segment]),
}

/// A principal of [`S`].
pub enum P {
    /// `"*"`.
    Any,
    /// The OSS bucket-policy UID list.
    Uids(&'static [&'static str]),
    /// A principal map.
    Map(&'static [(PrincipalKind, &'static [&'static str])]),
}

/// A condition entry of [`S`].
pub struct C {
    /// The operator.
    pub op: Operator,
    /// The key.
    pub key: &'static str,
    /// The values with their JSON types.
    pub values: &'static [(&'static str, JsonType)],
}

/// Sets the version and the ID.
pub fn set_header(policy: &mut Policy, version: Version, id: Option<&str>) {
    policy.version = Some(version);
    policy.id = id.map(str::to_owned);
}

/// The policy `policy!` describes.
pub fn build(dialect: Dialect, version: Version, id: Option<&'static str>, statements: &[S<'_>]) -> Policy {
    let statements = statements
        .iter()
        .map(|s| {
            let effect = if s.allow { Effect::Allow } else { Effect::Deny };
            let resources = s.resources.map(|(not, rs)| {
                let list = rs
                    .iter()
                    .map(|r| match r {
                        R::Static(t) => resource(effect, t),
                        R::Rendered(pieces, segments) => render(effect, pieces, segments),
                    })
                    .collect();
                (not, list)
            });
            let principal = s.principal.as_ref().map(|(not, p)| {
                let p = match p {
                    P::Any => Principal::Any,
                    P::Uids(u) => Principal::Uids(values(u)),
                    P::Map(m) => Principal::Map(m.iter().map(|(k, v)| (*k, values(v))).collect()),
                };
                principal(*not, p)
            });
            let condition = (!s.conditions.is_empty())
                .then(|| condition(s.conditions.iter().map(|c| (c.op, c.key, c.values)).collect()));
            statement(effect, s.sid, s.not_action, s.actions, resources, principal, condition)
        })
        .collect();
    let mut p = policy(dialect, statements);
    set_header(&mut p, version, id);
    p
}
