//! What `policy!` expands to. Not a public API: the macro checks everything at compile time, and these
//! functions only assemble the model from pieces that are already known to be valid.

use tarn_arn::{Pattern, Segment};

use crate::condition::{Condition, ConditionValue, Date, IpNet, JsonType, Operator, Typed, ValueType};
use crate::literal::{Glob, Literal};
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

/// A value bound to a `<placeholder>` of a string condition (`StringEquals`, `StringNotEqualsIgnoreCase`,
/// ...): a validated string that matches only itself.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a validated condition string; this placeholder takes a `tarn::Literal`",
    label = "bind a `tarn::Literal` (or a `tarn::Segment`) here",
    note = "validate the value first: `let team = tarn::Literal::new(team)?;` (it refuses `*`, `?`, `${{`, control characters and the empty string)"
)]
pub trait BindString {
    /// The condition value.
    fn value(&self) -> ConditionValue;
}

/// A value bound to a `<placeholder>` of a `StringLike` or `StringNotLike` condition: a string that
/// matches only itself, or a [`Glob`], the explicit opt-in to `*` and `?`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a validated condition string; a `…Like` placeholder takes a `tarn::Literal`, or a `tarn::Glob` to allow `*` and `?` on purpose",
    label = "bind a `tarn::Literal` (or a `tarn::Glob`) here",
    note = "validate the value first: `let team = tarn::Literal::new(team)?;` refuses `*` and `?`, which would be wildcards here; `tarn::Glob::new(pattern)?` allows them"
)]
pub trait BindLike {
    /// The condition value.
    fn value(&self) -> ConditionValue;
}

/// A value bound to a `<placeholder>` of an `IpAddress` or `NotIpAddress` condition.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an IP network; `IpAddress` and `NotIpAddress` placeholders take a `tarn::IpNet`",
    label = "bind a `tarn::IpNet` (or a `std::net::IpAddr`) here",
    note = "parse the value first: `let office: tarn::IpNet = office.parse()?;` (`203.0.113.0/24`, `2001:db8::/32` or one address)"
)]
pub trait BindIp {
    /// The condition value.
    fn value(&self) -> ConditionValue;
}

/// A value bound to a `<placeholder>` of a `Date…` condition.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a date; `Date…` placeholders take a `tarn::Date`",
    label = "bind a `tarn::Date` here",
    note = "parse the value first: `let until: tarn::Date = until.parse()?;` (`2026-11-22`, `2026-11-22T08:00:00Z` or seconds since 1970), or `tarn::Date::from_epoch_millis(ms)`"
)]
pub trait BindDate {
    /// The condition value.
    fn value(&self) -> ConditionValue;
}

/// A value bound to a `<placeholder>` of a `Numeric…` condition.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number; `Numeric…` placeholders take an integer",
    label = "bind an integer (`u32`, `i64`, `usize`, ...) here",
    note = "parse the value first: `let max_age: u32 = max_age.parse()?;`"
)]
pub trait BindNumber {
    /// The condition value.
    fn value(&self) -> ConditionValue;
}

/// A value bound to a `<placeholder>` of a `Bool` or `Null` condition.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `bool`; `Bool` and `Null` placeholders take a `bool`",
    label = "bind a `bool` here"
)]
pub trait BindBool {
    /// The condition value.
    fn value(&self) -> ConditionValue;
}

impl<T: BindString + ?Sized> BindString for &T {
    fn value(&self) -> ConditionValue {
        (**self).value()
    }
}

impl<T: BindLike + ?Sized> BindLike for &T {
    fn value(&self) -> ConditionValue {
        (**self).value()
    }
}

impl<T: BindIp + ?Sized> BindIp for &T {
    fn value(&self) -> ConditionValue {
        (**self).value()
    }
}

impl<T: BindDate + ?Sized> BindDate for &T {
    fn value(&self) -> ConditionValue {
        (**self).value()
    }
}

impl<T: BindNumber + ?Sized> BindNumber for &T {
    fn value(&self) -> ConditionValue {
        (**self).value()
    }
}

impl<T: BindBool + ?Sized> BindBool for &T {
    fn value(&self) -> ConditionValue {
        (**self).value()
    }
}

impl BindString for Literal {
    fn value(&self) -> ConditionValue {
        ConditionValue::string(self.as_str())
    }
}

impl BindString for Segment {
    fn value(&self) -> ConditionValue {
        ConditionValue::string(self.as_str())
    }
}

impl BindLike for Literal {
    fn value(&self) -> ConditionValue {
        ConditionValue::string(self.as_str())
    }
}

impl BindLike for Segment {
    fn value(&self) -> ConditionValue {
        ConditionValue::string(self.as_str())
    }
}

impl BindLike for Glob {
    fn value(&self) -> ConditionValue {
        ConditionValue::string(self.as_str())
    }
}

impl BindIp for IpNet {
    fn value(&self) -> ConditionValue {
        ConditionValue::typed_value(self.to_string(), JsonType::String, Typed::Ip(*self))
    }
}

impl BindIp for std::net::IpAddr {
    fn value(&self) -> ConditionValue {
        IpNet::from(*self).value()
    }
}

impl BindIp for std::net::Ipv4Addr {
    fn value(&self) -> ConditionValue {
        IpNet::from(std::net::IpAddr::V4(*self)).value()
    }
}

impl BindIp for std::net::Ipv6Addr {
    fn value(&self) -> ConditionValue {
        IpNet::from(std::net::IpAddr::V6(*self)).value()
    }
}

impl BindDate for Date {
    fn value(&self) -> ConditionValue {
        let text = self.to_string();
        // Outside the years 0 to 9999 with a fraction of a second, the text is no date a cloud reads: the
        // value is unknown and never makes the condition hold.
        let typed = if Date::parse(&text) == Some(*self) { Typed::Date(*self) } else { Typed::Variable };
        ConditionValue::typed_value(text, JsonType::String, typed)
    }
}

macro_rules! bind_integers {
    ($($t:ty),*) => {$(
        impl BindNumber for $t {
            fn value(&self) -> ConditionValue {
                #[allow(clippy::cast_precision_loss, clippy::cast_lossless, reason = "as the evaluator reads any number")]
                let typed = Typed::Number(*self as f64);
                ConditionValue::typed_value(self.to_string(), JsonType::Number, typed)
            }
        }
    )*};
}

bind_integers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl BindBool for bool {
    fn value(&self) -> ConditionValue {
        let text = if *self { "true" } else { "false" };
        ConditionValue::typed_value(text.to_owned(), JsonType::Bool, Typed::Bool(*self))
    }
}

/// The value of a placeholder in a string condition.
pub fn string<T: BindString + ?Sized>(value: &T) -> V {
    V::Bound(value.value())
}

/// The value of a placeholder in a `…Like` condition.
pub fn like<T: BindLike + ?Sized>(value: &T) -> V {
    V::Bound(value.value())
}

/// The value of a placeholder in an IP condition.
pub fn ip<T: BindIp + ?Sized>(value: &T) -> V {
    V::Bound(value.value())
}

/// The value of a placeholder in a date condition.
pub fn date<T: BindDate + ?Sized>(value: &T) -> V {
    V::Bound(value.value())
}

/// The value of a placeholder in a numeric condition.
pub fn number<T: BindNumber + ?Sized>(value: &T) -> V {
    V::Bound(value.value())
}

/// The value of a placeholder in a `Bool` or `Null` condition.
pub fn boolean<T: BindBool + ?Sized>(value: &T) -> V {
    V::Bound(value.value())
}

/// A condition value of [`C`]: written in the policy, or bound to a placeholder.
pub enum V {
    /// Text and JSON type, checked at compile time against the operator.
    Static(&'static str, JsonType),
    /// A value bound at run time, of the type the operator takes.
    Bound(ConditionValue),
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

/// One condition key under an operator: `(operator, key, values)`.
pub type ConditionEntry<'a> = (Operator, &'static str, &'a [V]);

/// A condition from its entries, checked at compile time against their operators.
pub fn condition(entries: Vec<ConditionEntry<'_>>) -> Condition {
    let mut c = Condition::new();
    for (op, key, values) in entries {
        let ty: ValueType = op.base().value_type();
        let list = values
            .iter()
            .map(|v| match v {
                V::Static(text, json) => ConditionValue::parse(ty, text, *json)
                    .unwrap_or_else(|_| ConditionValue::unknown(text, *json)),
                V::Bound(value) => value.clone(),
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
    pub conditions: &'a [C<'a>],
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
pub struct C<'a> {
    /// The operator.
    pub op: Operator,
    /// The key.
    pub key: &'static str,
    /// The values.
    pub values: &'a [V],
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
