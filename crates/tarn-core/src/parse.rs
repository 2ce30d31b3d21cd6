//! JSON in: a policy document of either dialect, read straight into the model in one pass.

use std::borrow::Cow;

use tarn_arn::Pattern;

use crate::condition::{Condition, ConditionValue, JsonType, Operator};
use crate::diagnostic::{Code, Element, Site};
use crate::error::{closest, ParseError, ParseErrorKind};
use crate::json::read::{Kind, Reader, Result, Scalar};
use crate::model::{
    Action, Dialect, Effect, ElementList, List, Policy, Principal, PrincipalElement, PrincipalKind,
    Statement, Version,
};
use crate::rules::{self, Evidence};

/// How to read a policy document.
///
/// ```
/// use tarn_core::{Dialect, ParseOptions, Policy};
/// let doc = r#"{ // from the documentation
///   "Version": "1", "Statement": [{"Effect": "Allow", "Action": "mq:*", "Resource": "*"}]}"#;
/// assert!(Policy::from_json(doc).is_err());
/// let p = Policy::from_json_with(doc, &ParseOptions::new().allow_comments(true)).unwrap();
/// assert_eq!(p.dialect(), Dialect::Ram);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    dialect: Option<Dialect>,
    comments: bool,
}

impl ParseOptions {
    /// Strict JSON, dialect detected from the document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the document as this dialect instead of detecting it.
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = Some(dialect);
        self
    }

    /// Lenient mode: skips `//` and `/* */` comments (documentation examples carry them; the clouds reject
    /// them). Off by default.
    pub fn allow_comments(mut self, allow: bool) -> Self {
        self.comments = allow;
        self
    }
}

/// What settled the dialect, for messages about conflicting evidence.
#[derive(Debug, Clone)]
struct Settled {
    what: String,
    line: usize,
}

struct State {
    dialect: Option<Dialect>,
    /// `None` when the dialect was given by the caller.
    evidence: Option<Settled>,
    /// Rules that hold only in RAM / only in IAM were met before the dialect was known.
    deferred: [bool; 2],
}

fn slot(d: Dialect) -> usize {
    match d {
        Dialect::Ram => 0,
        Dialect::Iam => 1,
    }
}

pub(crate) fn parse(src: &str, opts: &ParseOptions) -> std::result::Result<Policy, ParseError> {
    let mut st = State { dialect: opts.dialect, evidence: None, deferred: [false; 2] };
    let mut r = Reader::new(src, opts.comments);
    let policy = document(&mut r, &mut st)?;
    let other = match policy.dialect {
        Dialect::Ram => Dialect::Iam,
        Dialect::Iam => Dialect::Ram,
    };
    if st.deferred.get(slot(other)).copied().unwrap_or(false) {
        // A rule of the other dialect was met before the document revealed its own: read again, now
        // knowing it, to report the first such rule where it is.
        let mut again = State { dialect: Some(policy.dialect), evidence: st.evidence, deferred: [false; 2] };
        let mut r = Reader::new(src, opts.comments);
        return document(&mut r, &mut again);
    }
    Ok(policy)
}

const TOP_KEYS: &[&str] = &["Version", "Id", "Statement"];
const STATEMENT_KEYS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];

fn unknown_key(r: &Reader<'_>, at: usize, key: &str, known: &[&str], whose: &str) -> ParseError {
    let help = match closest(key, known.iter().copied()) {
        Some(k) => Some(format!("did you mean `{k}`? (element names are case-sensitive)")),
        None => Some(format!(
            "{whose} has {}",
            known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
        )),
    };
    r.error(at, ParseErrorKind::UnknownElement, format!("unknown element `{key}`"), help)
}

/// Marks `key` seen; an error if it was seen before.
#[inline]
fn once(r: &Reader<'_>, seen: &mut u32, known: &[&str], key: &str, at: usize) -> Result<()> {
    let bit = known.iter().position(|k| k.len() == key.len() && *k == key).map_or(0, |i| 1u32 << i);
    if *seen & bit != 0 {
        return Err(r.error(
            at,
            ParseErrorKind::DuplicateKey,
            format!("duplicate `{key}`"),
            Some(
                "an element may appear once in an object; a JSON reader would keep only the last one"
                    .to_owned(),
            ),
        ));
    }
    *seen |= bit;
    Ok(())
}

/// Records evidence of a dialect; an error if the document already showed the other one.
fn see(
    r: &Reader<'_>,
    st: &mut State,
    dialect: Dialect,
    at: usize,
    what: impl FnOnce() -> String,
) -> Result<()> {
    match st.dialect {
        None => {
            let line = r.src().get(..at).map_or(1, |s| s.bytes().filter(|&b| b == b'\n').count() + 1);
            st.dialect = Some(dialect);
            st.evidence = Some(Settled { what: what(), line });
            Ok(())
        }
        Some(d) if d == dialect => Ok(()),
        Some(d) => {
            let reason = match &st.evidence {
                Some(ev) => format!("{} (line {}) makes this a {d} policy", ev.what, ev.line),
                None => format!("the document is read as {d}"),
            };
            Err(r.error(
                at,
                ParseErrorKind::Dialect,
                format!("{} is {dialect}, but {reason}", what()),
                Some("a policy is either RAM (`acs:` ARNs, `\"Version\": \"1\"`) or IAM (`arn:` ARNs, `\"Version\": \"2012-10-17\"`), never both".to_owned()),
            ))
        }
    }
}

/// A rule of one dialect (`only`): an error, `rule`'s diagnostic, if the document is of the other dialect;
/// deferred if that is not known yet (the document is read again once it is, see [`parse`]).
fn dialect_rule(
    r: &Reader<'_>,
    st: &mut State,
    only: Dialect,
    at: usize,
    kind: ParseErrorKind,
    rule: impl FnOnce(Dialect) -> Option<crate::diagnostic::Diagnostic>,
) -> Result<()> {
    let Some(d) = st.dialect else {
        if let Some(flag) = st.deferred.get_mut(slot(only)) {
            *flag = true;
        }
        return Ok(());
    };
    match rule(d) {
        None => Ok(()),
        Some(diag) => Err(r.error(at, kind, diag.message, diag.help)),
    }
}

/// An element that only one dialect has ([`rules::element_in_dialect`]).
fn only_in(r: &Reader<'_>, st: &mut State, element: Element, at: usize) -> Result<()> {
    let Some(only) = rules::dialect_of_element(element) else {
        return Ok(());
    };
    dialect_rule(r, st, only, at, ParseErrorKind::Dialect, |d| {
        rules::element_in_dialect(d, element, Site::Policy)
    })
}

/// A wildcard in an action's service prefix (`*:Describe*`): RAM's, an error in IAM
/// ([`rules::service_wildcard_in_dialect`]).
fn service_wildcard(r: &Reader<'_>, st: &mut State, action: &str, at: usize) -> Result<()> {
    dialect_rule(r, st, Dialect::Ram, at, ParseErrorKind::InvalidValue, |d| {
        rules::service_wildcard_in_dialect(d, action, Site::Policy)
    })
}

fn document(r: &mut Reader<'_>, st: &mut State) -> Result<Policy> {
    let start = r.start()?;
    r.expect_object("a policy document (an object with `Version` and `Statement`)")?;
    let mut version = None;
    let mut id = None;
    let mut statements = None;
    let mut single = false;
    let mut seen = 0u32;
    r.object(|r, key, key_at| {
        once(r, &mut seen, TOP_KEYS, &key, key_at)?;
        match key.as_ref() {
            "Version" => r.element(Code::InvalidVersion, |r| {
                let at = r.start()?;
                let v = r.string_value("a version string: `\"1\"` (RAM) or `\"2012-10-17\"` (IAM)")?;
                let Some(parsed) = Version::parse(&v) else {
                    let help = match st.dialect {
                        Some(Dialect::Ram) => "RAM's only version is `\"1\"`".to_owned(),
                        Some(Dialect::Iam) => {
                            "IAM's versions are `\"2012-10-17\"` and the legacy `\"2008-10-17\"`".to_owned()
                        }
                        None => "write `\"1\"` (RAM) or `\"2012-10-17\"` (IAM)".to_owned(),
                    };
                    return Err(r.error(
                        at,
                        ParseErrorKind::InvalidValue,
                        format!("unknown version `{v}`"),
                        Some(help),
                    ));
                };
                if let Some(d) = rules::dialect_of(Evidence::Version(&v)) {
                    see(r, st, d, at, || format!("`\"Version\": \"{v}\"`"))?;
                }
                version = Some(parsed);
                Ok(())
            })?,
            "Id" => {
                let at = r.start()?;
                only_in(r, st, Element::Id, at)?;
                id = Some(r.string_value("a string")?.into_owned());
            }
            "Statement" => match r.peek()? {
                Kind::Object => {
                    single = true;
                    statements = Some(vec![statement(r, st)?]);
                }
                Kind::Array => {
                    let mut list = Vec::new();
                    r.array(|r, _| {
                        list.push(statement(r, st)?);
                        Ok(())
                    })?;
                    statements = Some(list);
                }
                kind => return Err(r.wrong_type(kind, "a statement object or an array of statements")),
            },
            _ => return Err(unknown_key(r, key_at, &key, TOP_KEYS, "a policy")),
        }
        Ok(())
    })?;
    r.finish()?;
    let Some(statements) = statements else {
        return Err(r.error_coded(
            start,
            ParseErrorKind::MissingElement,
            Code::MissingStatement,
            "the policy has no `Statement`",
            None,
        ));
    };
    let Some(dialect) = st.dialect else {
        return Err(r.error(
            start,
            ParseErrorKind::UnknownDialect,
            "cannot tell whether this is a RAM or an IAM policy: it has no `Version` and no ARN",
            Some(
                "add `\"Version\": \"1\"` (RAM) or `\"Version\": \"2012-10-17\"` (IAM), or read it with \
                 `Policy::from_json_as`"
                    .to_owned(),
            ),
        ));
    };
    if dialect == Dialect::Ram && version.is_none() {
        return Err(r.error_coded(
            start,
            ParseErrorKind::MissingElement,
            Code::InvalidVersion,
            "the policy has no `Version`",
            Some("RAM policies start with `\"Version\": \"1\"`".to_owned()),
        ));
    }
    Ok(Policy { dialect, version, id, statements, single_statement: single })
}

fn statement(r: &mut Reader<'_>, st: &mut State) -> Result<Statement> {
    let start = r.start()?;
    r.expect_object("a statement object")?;
    let mut sid = None;
    let mut effect = None;
    let mut principal: Option<PrincipalElement> = None;
    let mut actions = None;
    let mut resources = None;
    let mut condition = None;
    let mut seen = 0u32;
    r.object(|r, key, key_at| {
        once(r, &mut seen, STATEMENT_KEYS, &key, key_at)?;
        let not = key.starts_with("Not");
        let pair_error = |r: &Reader<'_>, base: &str| {
            r.error(
                key_at,
                ParseErrorKind::InvalidValue,
                format!("a statement has `{base}` or `Not{base}`, not both"),
                Some(format!("`Not{base}` applies to everything except what it lists; keep one of the two")),
            )
        };
        match key.as_ref() {
            "Sid" => {
                only_in(r, st, Element::Sid, key_at)?;
                sid = Some(r.string_value("a string")?.into_owned());
            }
            "Effect" => r.element(Code::InvalidEffect, |r| {
                let at = r.start()?;
                let v = r.string_value("`\"Allow\"` or `\"Deny\"`")?;
                effect = Some(match v.as_ref() {
                    "Allow" => Effect::Allow,
                    "Deny" => Effect::Deny,
                    other => {
                        let help = if other.eq_ignore_ascii_case("allow") {
                            "write `Allow` (the value is case-sensitive)".to_owned()
                        } else if other.eq_ignore_ascii_case("deny") {
                            "write `Deny` (the value is case-sensitive)".to_owned()
                        } else {
                            "a statement either allows or denies".to_owned()
                        };
                        return Err(r.error(
                            at,
                            ParseErrorKind::InvalidValue,
                            format!("`Effect` is `Allow` or `Deny`, found `{other}`"),
                            Some(help),
                        ));
                    }
                });
                Ok(())
            })?,
            "Action" | "NotAction" => r.element(Code::InvalidAction, |r| {
                if actions.is_some() {
                    return Err(pair_error(r, "Action"));
                }
                let list = string_list(r, "an action or an array of actions", |r, s, at| {
                    let a = Action::parse(&s).map_err(|e| {
                        r.error(at, ParseErrorKind::InvalidValue, e.to_string(), Some(e.help().to_owned()))
                    })?;
                    if a.has_service_wildcard() {
                        service_wildcard(r, st, &s, at)?;
                    }
                    Ok(a)
                })?;
                actions = Some(if not { ElementList::all_but(list) } else { ElementList::only(list) });
                Ok(())
            })?,
            "Resource" | "NotResource" => r.element(Code::InvalidArn, |r| {
                if resources.is_some() {
                    return Err(pair_error(r, "Resource"));
                }
                let list = string_list(r, "an ARN or an array of ARNs", |r, s, at| resource(r, st, &s, at))?;
                resources = Some(if not { ElementList::all_but(list) } else { ElementList::only(list) });
                Ok(())
            })?,
            "Principal" | "NotPrincipal" => {
                if principal.is_some() {
                    return Err(pair_error(r, "Principal"));
                }
                if not {
                    only_in(r, st, Element::NotPrincipal, key_at)?;
                }
                let p = principal_value(r, st)?;
                principal = Some(if not { PrincipalElement::all_but(p) } else { PrincipalElement::only(p) });
            }
            "Condition" => {
                condition = Some(r.element(Code::ConditionTypeMismatch, |r| condition_value(r, st))?);
            }
            _ => return Err(unknown_key(r, key_at, &key, STATEMENT_KEYS, "a statement")),
        }
        Ok(())
    })?;
    let Some(effect) = effect else {
        return Err(r.error_coded(
            start,
            ParseErrorKind::MissingElement,
            Code::InvalidEffect,
            "the statement has no `Effect`",
            Some("add `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`".to_owned()),
        ));
    };
    let Some(actions) = actions else {
        return Err(r.error_coded(
            start,
            ParseErrorKind::MissingElement,
            Code::MissingAction,
            "the statement has no `Action` or `NotAction`",
            Some("list the actions it allows or denies, e.g. `\"Action\": [\"oss:GetObject\"]`".to_owned()),
        ));
    };
    Ok(Statement { sid, effect, principal, actions, resources, condition })
}

/// A string, or an array of strings, each read by `item`.
fn string_list<'a, T>(
    r: &mut Reader<'a>,
    expected: &str,
    mut item: impl FnMut(&mut Reader<'a>, Cow<'a, str>, usize) -> Result<T>,
) -> Result<List<T>> {
    match r.peek()? {
        Kind::String => {
            let at = r.start()?;
            let s = r.string()?;
            Ok(List::single(item(r, s, at)?))
        }
        Kind::Array => {
            let mut items = Vec::with_capacity(8);
            r.array(|r, _| {
                let at = r.start()?;
                let s = r.string_value("a string")?;
                items.push(item(r, s, at)?);
                Ok(())
            })?;
            Ok(List::new(items))
        }
        kind => Err(r.wrong_type(kind, expected)),
    }
}

fn resource(r: &Reader<'_>, st: &mut State, s: &str, at: usize) -> Result<Pattern> {
    let p = Pattern::parse_in_document(s).map_err(|e| {
        // Point into the string when it had no escapes (its text is then the source text).
        let exact = r.src().get(at + 1..).is_some_and(|rest| rest.starts_with(s));
        let offset = if exact { at + 1 + e.span().start } else { at };
        r.error(offset, ParseErrorKind::InvalidValue, format!("{} in `{s}`", e.message()), e.help())
    })?;
    if let Some(d) = rules::dialect_of(Evidence::Resource(s)) {
        see(r, st, d, at, || {
            let whose = if d == Dialect::Ram { "an Alibaba Cloud ARN" } else { "an AWS ARN" };
            format!("`{s}` ({whose})")
        })?;
    }
    Ok(p)
}

fn principal_value(r: &mut Reader<'_>, st: &mut State) -> Result<Principal> {
    let at = r.start()?;
    match r.peek()? {
        Kind::String => {
            let s = r.string()?;
            if s == "*" {
                return Ok(Principal::Any);
            }
            // A single account UID of an OSS bucket policy.
            if let Some(d) = rules::dialect_of(Evidence::UidList) {
                see(r, st, d, at, || format!("the principal `{s}` (a bare account UID)"))
                    .map_err(|_| principal_shape_error(r, at))?;
            }
            Ok(Principal::Uids(List::single(s.into_owned())))
        }
        Kind::Array => {
            if let Some(d) = rules::dialect_of(Evidence::UidList) {
                see(r, st, d, at, || "a principal list (an OSS bucket policy)".to_owned())
                    .map_err(|_| principal_shape_error(r, at))?;
            }
            let list = string_list(r, "an array of account UIDs", |_, s, _| Ok(s.into_owned()))?;
            Ok(Principal::Uids(list))
        }
        Kind::Object => {
            let mut entries: Vec<(PrincipalKind, List<String>)> = Vec::new();
            r.object(|r, key, key_at| {
                let Some(kind) = PrincipalKind::parse(&key) else {
                    let known: Vec<&str> = match st.dialect {
                        Some(d) => PrincipalKind::of(d).iter().map(|k| k.as_str()).collect(),
                        None => vec!["AWS", "RAM", "Service", "Federated", "CanonicalUser"],
                    };
                    return Err(unknown_key(r, key_at, &key, &known, "a principal map"));
                };
                if let Some(d) = rules::dialect_of(Evidence::PrincipalKind(kind)) {
                    see(r, st, d, key_at, || format!("the principal kind `{key}`"))?;
                }
                let values = string_list(r, "a principal or an array of principals", |r, s, at| {
                    if kind == PrincipalKind::Service {
                        if let Some(d) = rules::dialect_of(Evidence::ServicePrincipal(&s)) {
                            see(r, st, d, at, || format!("the service principal `{s}`"))?;
                        }
                    }
                    Ok(s.into_owned())
                })?;
                match entries.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, existing)) => values.into_vec().into_iter().for_each(|v| existing.push(v)),
                    None => entries.push((kind, values)),
                }
                Ok(())
            })?;
            Ok(Principal::Map(entries))
        }
        kind => Err(r.wrong_type(kind, "`\"*\"`, a principal map, or (RAM) an array of account UIDs")),
    }
}

fn principal_shape_error(r: &Reader<'_>, at: usize) -> ParseError {
    r.error(
        at,
        ParseErrorKind::Dialect,
        "an IAM principal is `\"*\"` or a map",
        Some("write `{\"AWS\": \"arn:aws:iam::123456789012:root\"}` (or `\"Service\"`, `\"Federated\"`, `\"CanonicalUser\"`)".to_owned()),
    )
}

fn condition_value(r: &mut Reader<'_>, st: &mut State) -> Result<Condition> {
    r.expect_object("an object of condition operators")?;
    let mut cond = Condition::new();
    r.object(|r, op_name, op_at| {
        let op = Operator::parse(&op_name).map_err(|e| {
            let help = e.help().or_else(|| {
                Some("operators are String…, Numeric…, Date…, Bool, IpAddress, NotIpAddress, and in IAM Arn…, BinaryEquals, Null, …IfExists and ForAllValues:/ForAnyValue:".to_owned())
            });
            r.error_coded(op_at, ParseErrorKind::InvalidValue, Code::UnknownConditionOperator, e.headline(), help)
        })?;
        if let Some(why) = op.unsupported_in(Dialect::Ram) {
            match st.dialect {
                Some(Dialect::Ram) => {
                    return Err(r.error(
                        op_at,
                        ParseErrorKind::Dialect,
                        format!("`{op_name}`: {why}"),
                        Some(Operator::RAM_OPERATORS.to_owned()),
                    ))
                }
                Some(Dialect::Iam) => {}
                None => {
                    if let Some(flag) = st.deferred.get_mut(slot(Dialect::Iam)) {
                        *flag = true;
                    }
                }
            }
        }
        let ty = op.base().value_type();
        r.expect_object("an object of condition keys and values")?;
        cond.add_operator(op);
        r.object(|r, key, key_at| {
            condition_key(r, st, &key, key_at)?;
            let one = |r: &mut Reader<'_>| -> Result<ConditionValue> {
                let at = r.start()?;
                let scalar = r.scalar("a string, number or boolean")?;
                let (text, json): (Cow<'_, str>, JsonType) = match scalar {
                    Scalar::Str(s) => (s, JsonType::String),
                    Scalar::Num(n) => (Cow::Borrowed(n), JsonType::Number),
                    Scalar::Bool(b) => (Cow::Borrowed(if b { "true" } else { "false" }), JsonType::Bool),
                };
                ConditionValue::parse(ty, &text, json).map_err(|e| {
                    r.error(at, ParseErrorKind::InvalidValue, format!("{e} (`{op_name}` compares {})", ty.plural()), None)
                })
            };
            let values = if r.peek()? == Kind::Array {
                let mut items = Vec::new();
                r.array(|r, _| {
                    items.push(one(r)?);
                    Ok(())
                })?;
                List::new(items)
            } else {
                List::single(one(r)?)
            };
            cond.add(op, &key, values);
            Ok(())
        })
    })?;
    Ok(cond)
}

fn condition_key(r: &Reader<'_>, st: &mut State, key: &str, at: usize) -> Result<()> {
    if key.is_empty() {
        return Err(r.error_coded(
            at,
            ParseErrorKind::InvalidValue,
            Code::UnknownConditionKey,
            "empty condition key",
            None,
        ));
    }
    match rules::dialect_of(rules::Evidence::ConditionKey(key)) {
        Some(d) => see(r, st, d, at, || format!("the condition key `{key}`")),
        None => Ok(()),
    }
}
