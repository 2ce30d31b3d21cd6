//! The rules: one function per rule, named after it, each reporting [`Diagnostic`]s at [`Site`]s of the
//! policy model. The reader raises its own errors with their codes ([`ParseError::code`]); everything that
//! reads a policy that parsed goes through here: the linter, `policy!` and the builder translate the sites
//! they get and add nothing of their own.
//!
//! This module is public for tarn's own crates (the macro); it is not part of the API.
//!
//! [`ParseError::code`]: crate::ParseError::code

use std::collections::HashSet;

use tarn_arn::{Cloud, Pattern};
use tarn_catalog as catalog;

use crate::condition::{BaseOperator, Operator, SetQualifier, ValueType};
use crate::diagnostic::{Code, Diagnostic, Element, Site};
use crate::fit::{check_fit, FitProblem};
use crate::kind::PolicyKind;
use crate::memo::Memo;
use crate::model::{Dialect, Effect, Policy, Principal, PrincipalKind, Statement};

/// A diagnostic whose site the caller gives (see [`Diagnostic::at`]).
fn unplaced(code: Code, message: String, help: Option<String>) -> Diagnostic {
    Diagnostic::new(code, Site::Policy, message, help)
}

/// Looks an action (or action wildcard) up in the catalog: the actions it names, and a problem if there is
/// one. An old name (`DEPRECATED_ALIAS`, a warning) comes with the action it stands for; an unknown
/// service or action, or a wildcard that matches nothing, with no actions and help that names the closest
/// service, the actions an OpenAPI operation of that name needs, or the closest actions.
///
/// A name a complete catalog lacks is wrong (`UNKNOWN_ACTION`, an error); one an incomplete catalog lacks may
/// be right (`NOT_IN_CATALOG`, a warning).
///
/// ```
/// use tarn_arn::Cloud;
/// use tarn_core::lint::{Code, Site};
/// use tarn_core::rules::action_in_catalog;
/// let (found, problem) = action_in_catalog(Cloud::Aws, "s3:GetObjekt", Site::Policy);
/// assert!(found.is_empty());
/// assert_eq!(problem.unwrap().code, Code::UnknownAction);
/// let (_, problem) = action_in_catalog(Cloud::Alibaba, "mq:OnsTopicCreate", Site::Policy);
/// let problem = problem.unwrap();
/// assert_eq!(problem.code, Code::NotInCatalog);
/// assert_eq!(problem.help.as_deref(), Some("the API `OnsTopicCreate` needs `mq:CreateTopic`"));
/// ```
pub fn action_in_catalog(
    cloud: Cloud,
    action: &str,
    site: Site,
) -> (Vec<&'static catalog::Action>, Option<Diagnostic>) {
    if action == "*" {
        return (Vec::new(), None);
    }
    if let Some(d) = service_wildcard_in_dialect(Dialect::of(cloud), action, site.clone()) {
        return (Vec::new(), Some(d));
    }
    // The help for a name the catalog lacks costs a search over many names: remembered.
    type Answer = (Vec<&'static catalog::Action>, Option<Diagnostic>);
    static ALIBABA: Memo<Answer> = Memo::new(4096);
    static AWS: Memo<Answer> = Memo::new(4096);
    let memo = match cloud {
        Cloud::Alibaba => &ALIBABA,
        Cloud::Aws => &AWS,
    };
    let placed = |(found, d): Answer| (found, d.map(|d: Diagnostic| d.at(site.clone())));
    if let Some(known) = memo.recall(action) {
        return placed(known);
    }
    let e = match catalog::expand(cloud, action) {
        Ok(found) => return (found, None),
        Err(e) => e,
    };
    let answer = explain_lookup(cloud, action, e);
    memo.remember(action, answer.clone());
    placed(answer)
}

/// The service prefix of `cloud` closest to an unknown one, remembered (the actions of an unknown service
/// come many at a time).
fn closest_prefix(cloud: Cloud, prefix: &str) -> Option<&'static str> {
    static ALIBABA: Memo<Option<&'static str>> = Memo::new(4096);
    static AWS: Memo<Option<&'static str>> = Memo::new(4096);
    let memo = match cloud {
        Cloud::Alibaba => &ALIBABA,
        Cloud::Aws => &AWS,
    };
    if let Some(known) = memo.recall(prefix) {
        return known;
    }
    let prefixes = catalog::services().iter().filter(|s| s.cloud() == cloud).map(|s| s.prefix());
    let found = crate::error::closest(prefix, prefixes);
    memo.remember(prefix, found);
    found
}

/// The problem of an action that `catalog::expand` did not find.
fn explain_lookup(
    cloud: Cloud,
    action: &str,
    e: catalog::LookupError,
) -> (Vec<&'static catalog::Action>, Option<Diagnostic>) {
    let (prefix, name) = action.split_once(':').unwrap_or((action, ""));
    let svc = catalog::service(cloud, prefix);
    if let Some(target) = svc.and_then(|svc| svc.alias(name)) {
        let check = unplaced(
            Code::DeprecatedAlias,
            format!("`{action}` is an old name of `{}`", target.full_name()),
            Some(format!("write `{}`", target.full_name())),
        );
        return (vec![target], Some(check));
    }
    let check = match e {
        // Alibaba Cloud publishes no list of its services: one tarn has no catalog of may well exist.
        // (That AWS has a service of the same prefix says nothing here: `ecs`, `kms` and `vpc` are codes of
        // both clouds, and the policy's dialect is already settled.)
        catalog::LookupError::UnknownService { .. } if !catalog::knows_every_service(cloud) => unplaced(
            Code::NotInCatalog,
            format!("tarn has no catalog of `{prefix}` in {}: `{action}` is not checked", cloud.title()),
            closest_prefix(cloud, prefix).map(|p| format!("did you mean `{p}:{name}`?")),
        ),
        catalog::LookupError::UnknownService { in_other_cloud, .. } => {
            let help = if in_other_cloud {
                Some(format!(
                    "`{prefix}` is a service of {}; a policy is for one cloud",
                    cloud.other().title()
                ))
            } else {
                closest_prefix(cloud, prefix).map(|p| format!("did you mean `{p}:{name}`?"))
            };
            unplaced(Code::UnknownService, format!("unknown service `{prefix}` in {}", cloud.title()), help)
        }
        catalog::LookupError::WildcardMatchesNothing { .. }
            if prefix.contains(['*', '?']) || svc.is_some_and(|s| !s.is_complete()) =>
        {
            let message = match svc {
                Some(s) => format!(
                    "`{action}` matches no action of tarn's catalog of `{prefix}`, which is incomplete (`tarn catalog --cloud {} {prefix}` says what it lacks)",
                    s.cloud().name()
                ),
                None => format!(
                    "`{action}` matches no action of the {} services tarn has catalogs of; it is not checked",
                    cloud.title()
                ),
            };
            unplaced(Code::NotInCatalog, message, None)
        }
        // The help names what the catalog knows of the name: the actions an OpenAPI operation of that name
        // needs, or the closest actions. A service whose catalog is incomplete may have the action: then it
        // is not called wrong (even an operation's name may be one: MQ's older actions were named after its
        // operations, and Alibaba's own policies still grant `mq:OnsInstanceInServiceList`).
        catalog::LookupError::UnknownAction { api_actions, suggestions, .. } => {
            let complete = svc.is_none_or(|s| s.is_complete());
            let quoted = |v: &[String]| v.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>();
            let help = if !api_actions.is_empty() {
                let list: Vec<String> = api_actions.iter().map(|a| a.to_string()).collect();
                Some(format!("the API `{name}` needs {}", quoted(&list).join(" and ")))
            } else if !suggestions.is_empty() {
                Some(format!("did you mean {}?", quoted(&suggestions).join(" or ")))
            } else if complete {
                svc.map(|s| {
                    format!(
                        "`{prefix}` has {} actions; `tarn catalog {prefix}` lists them",
                        s.actions().len()
                    )
                })
            } else {
                None
            };
            if complete {
                unplaced(Code::UnknownAction, format!("unknown action `{action}`"), help)
            } else {
                unplaced(
                    Code::NotInCatalog,
                    format!(
                        "`{action}` is not in tarn's catalog of `{prefix}`, which is incomplete (`tarn catalog --cloud {} {prefix}` says what it lacks)",
                        cloud.name()
                    ),
                    help,
                )
            }
        }
        catalog::LookupError::WildcardMatchesNothing { .. } => unplaced(
            Code::WildcardMatchesNothing,
            format!("`{action}` matches no action of `{prefix}`"),
            Some(format!("`tarn catalog {prefix}` lists the actions")),
        ),
        // `Malformed`, and whatever the catalog adds later.
        _ => unplaced(
            Code::InvalidAction,
            format!("`{action}` is not an action"),
            Some("write `<service>:<action>`".to_owned()),
        ),
    };
    (Vec::new(), Some(check))
}

/// Checks a condition key against the catalog: an error if no service of `cloud` and no global key has it,
/// with the closest key among the global ones and those of `services` (the statement's action prefixes).
///
/// ```
/// use tarn_arn::Cloud;
/// use tarn_core::lint::Site;
/// use tarn_core::rules::condition_key_in_catalog;
/// assert!(condition_key_in_catalog(Cloud::Aws, "aws:PrincipalTag/team", &[], Site::Policy).is_none());
/// let problem = condition_key_in_catalog(Cloud::Aws, "aws:SourceIpp", &[], Site::Policy).unwrap();
/// assert_eq!(problem.help.as_deref(), Some("did you mean `aws:SourceIp`?"));
/// ```
pub fn condition_key_in_catalog(
    cloud: Cloud,
    key: &str,
    services: &[&str],
    site: Site,
) -> Option<Diagnostic> {
    if catalog::find_key(cloud, key).is_some() {
        return None;
    }
    // A known key with white space around it is wrong whatever the catalog's completeness.
    let trimmed = key.trim();
    if trimmed != key && catalog::find_key(cloud, trimmed).is_some() {
        return Some(Diagnostic::new(
            Code::UnknownConditionKey,
            site,
            format!("condition key `{key}` has white space around it"),
            Some(format!("write `{trimmed}`")),
        ));
    }
    let mut candidates: Vec<&'static str> =
        catalog::global_condition_keys(cloud).iter().map(|k| k.name()).collect();
    let own = key.split_once(':').map(|(p, _)| p);
    for svc in services.iter().copied().chain(own) {
        if let Some(service) = catalog::service(cloud, svc) {
            candidates.extend(service.condition_keys().iter().map(|k| k.name()));
        }
    }
    let help = crate::error::closest(key, candidates.iter().copied()).map(|k| format!("did you mean `{k}`?"));
    // AWS's keys come whole from the Service Authorization Reference; Alibaba Cloud's global keys are known
    // only in part, and a service's keys are whole only when its catalog is complete.
    let owner = own.and_then(|p| catalog::service(cloud, p));
    if catalog::knows_every_service(cloud) || owner.is_some_and(|s| s.is_complete()) {
        return Some(Diagnostic::new(
            Code::UnknownConditionKey,
            site,
            format!("unknown condition key `{key}`"),
            help,
        ));
    }
    let whose = match owner {
        Some(s) => format!("tarn's catalog of `{}`, which is incomplete", s.prefix()),
        None if own.is_some_and(|p| p.eq_ignore_ascii_case("acs")) => {
            "the global keys tarn knows, which are not all of them".to_owned()
        }
        None => format!("any catalog of tarn's: it has none of `{}`", own.unwrap_or(key)),
    };
    Some(Diagnostic::new(
        Code::NotInCatalog,
        site,
        format!("condition key `{key}` is not in {whose}; it is not checked"),
        help,
    ))
}

/// The one dialect that has `element`, if only one has it: `Sid`, `Id` and `NotPrincipal` are IAM's.
pub fn dialect_of_element(element: Element) -> Option<Dialect> {
    matches!(element, Element::Sid | Element::Id | Element::NotPrincipal).then_some(Dialect::Iam)
}

/// UNSUPPORTED_IN_DIALECT: an element that `dialect` does not have (RAM has no `Sid`, `Id` or `NotPrincipal`).
///
/// ```
/// use tarn_core::{lint::{Element, Site}, rules::element_in_dialect, Dialect};
/// let d = element_in_dialect(Dialect::Ram, Element::Sid, Site::Policy).unwrap();
/// assert_eq!(d.message, "RAM policies have no `Sid` element");
/// assert!(element_in_dialect(Dialect::Iam, Element::Sid, Site::Policy).is_none());
/// ```
pub fn element_in_dialect(dialect: Dialect, element: Element, site: Site) -> Option<Diagnostic> {
    let only = dialect_of_element(element)?;
    if only == dialect {
        return None;
    }
    let help = match element {
        Element::NotPrincipal => "list the principals in `Principal`".to_owned(),
        _ => format!("remove `{element}`"),
    };
    Some(Diagnostic::new(
        Code::UnsupportedInDialect,
        site,
        format!("{dialect} policies have no `{element}` element"),
        Some(help),
    ))
}

/// INVALID_ACTION: a wildcard in an action's service prefix (`*:Describe*`, `yundun*:Get*`), which RAM allows
/// and IAM does not.
///
/// ```
/// use tarn_core::{lint::Site, rules::service_wildcard_in_dialect, Dialect};
/// assert!(service_wildcard_in_dialect(Dialect::Ram, "*:Describe*", Site::Policy).is_none());
/// assert!(service_wildcard_in_dialect(Dialect::Iam, "*:Describe*", Site::Policy).is_some());
/// ```
pub fn service_wildcard_in_dialect(dialect: Dialect, action: &str, site: Site) -> Option<Diagnostic> {
    let service = action.split_once(':').map(|(s, _)| s)?;
    (dialect == Dialect::Iam && service.contains(['*', '?'])).then(|| {
        Diagnostic::new(
            Code::InvalidAction,
            site,
            format!("wildcard in the service prefix of `{action}`"),
            Some(
                "IAM allows wildcards in the action name only (`s3:Get*`), or `*` for every action"
                    .to_owned(),
            ),
        )
    })
}

/// Something in a policy that may tell its dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence<'a> {
    /// A `Version` value.
    Version(&'a str),
    /// A resource as written (`acs:…` or `arn:…`).
    Resource(&'a str),
    /// A principal kind of a principal map (`RAM`, `AWS`, …).
    PrincipalKind(PrincipalKind),
    /// A `Service` principal (`ecs.aliyuncs.com`, `lambda.amazonaws.com`).
    ServicePrincipal(&'a str),
    /// A principal written as a flat list of account UIDs (an OSS bucket policy).
    UidList,
    /// A condition key (`acs:SourceIp`, `aws:SourceIp`).
    ConditionKey(&'a str),
}

/// The one place that says which dialect a piece of evidence tells, for the reader and `policy!` alike;
/// `None` when it fits both. Nothing else decides the cloud: a policy without evidence is an error, never a
/// guess.
///
/// ```
/// use tarn_core::{rules::{dialect_of, Evidence}, Dialect};
/// assert_eq!(dialect_of(Evidence::Resource("acs:oss:*:*:b")), Some(Dialect::Ram));
/// assert_eq!(dialect_of(Evidence::ServicePrincipal("lambda.amazonaws.com")), Some(Dialect::Iam));
/// assert_eq!(dialect_of(Evidence::ConditionKey("AWS:SourceIp")), Some(Dialect::Iam));
/// assert_eq!(dialect_of(Evidence::Resource("*")), None);
/// ```
pub fn dialect_of(evidence: Evidence<'_>) -> Option<Dialect> {
    match evidence {
        Evidence::Version(v) => crate::model::Version::parse(v).map(|v| v.dialect()),
        Evidence::Resource(r) => match r.get(..4) {
            Some("acs:") => Some(Dialect::Ram),
            Some("arn:") => Some(Dialect::Iam),
            _ => None,
        },
        Evidence::PrincipalKind(k) => k.dialect(),
        Evidence::ServicePrincipal(s) => {
            let s = s.to_ascii_lowercase();
            if s.ends_with(".aliyuncs.com") {
                Some(Dialect::Ram)
            } else if s.ends_with(".amazonaws.com") || s.ends_with(".amazonaws.com.cn") {
                Some(Dialect::Iam)
            } else {
                None
            }
        }
        Evidence::UidList => Some(Dialect::Ram),
        Evidence::ConditionKey(k) => match k.get(..4).map(str::to_ascii_lowercase).as_deref() {
            Some("acs:") => Some(Dialect::Ram),
            Some("aws:") => Some(Dialect::Iam),
            _ => None,
        },
    }
}

/// UNSUPPORTED_IN_DIALECT: a global condition key of the other cloud (`aws:SourceIp` in a RAM policy).
///
/// ```
/// use tarn_core::{lint::Site, rules::condition_key_in_dialect, Dialect};
/// let d = condition_key_in_dialect(Dialect::Ram, "aws:SourceIp", Site::Policy).unwrap();
/// assert_eq!(d.message, "the condition key `aws:SourceIp` belongs to the other cloud; this is a RAM policy");
/// assert!(condition_key_in_dialect(Dialect::Ram, "acs:SourceIp", Site::Policy).is_none());
/// ```
pub fn condition_key_in_dialect(dialect: Dialect, key: &str, site: Site) -> Option<Diagnostic> {
    let of = dialect_of(Evidence::ConditionKey(key))?;
    (of != dialect).then(|| {
        Diagnostic::new(
            Code::UnsupportedInDialect,
            site,
            format!("the condition key `{key}` belongs to the other cloud; this is a {dialect} policy"),
            Some(format!(
                "{dialect}'s global keys start with `{}`",
                match dialect {
                    Dialect::Ram => "acs:",
                    Dialect::Iam => "aws:",
                }
            )),
        )
    })
}

/// The actions a trust policy grants: assuming the role, and what comes with it.
const TRUST_ACTIONS: &[&str] = &[
    "sts:AssumeRole",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:TagSession",
    "sts:SetSourceIdentity",
    "sts:SetContext",
];

/// Whether an action entry grants only what a trust policy grants: one of [`TRUST_ACTIONS`], or a wildcard
/// whose every catalog action is one.
fn trust_action(cloud: Cloud, entry: &str) -> bool {
    if TRUST_ACTIONS.iter().any(|t| t.eq_ignore_ascii_case(entry)) {
        return true;
    }
    entry.contains(['*', '?'])
        && catalog::expand(cloud, entry).is_ok_and(|v| {
            !v.is_empty()
                && v.iter().all(|a| TRUST_ACTIONS.iter().any(|t| t.eq_ignore_ascii_case(&a.full_name())))
        })
}

/// The kind of a policy that the caller does not name, read from the document:
/// - a **trust policy** when every statement names principals, has no `Resource` and grants only
///   `sts:AssumeRole` (or `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity`, `sts:TagSession`,
///   `sts:SetSourceIdentity`, `sts:SetContext`, or a wildcard of nothing else);
/// - an **OSS bucket policy** when a RAM policy names principals as a flat list of UIDs and every resource
///   is OSS's;
/// - a **resource-based policy** when a statement names principals, an **identity-based** one otherwise.
///
/// ```
/// use tarn_core::{rules::infer_kind, Policy, PolicyKind};
/// let trust = Policy::from_json(r#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
///     "Principal": {"Service": ["ecs.aliyuncs.com"]}}]}"#)?;
/// assert_eq!(infer_kind(&trust), PolicyKind::Trust);
/// # Ok::<(), tarn_core::ParseError>(())
/// ```
pub fn infer_kind(p: &Policy) -> PolicyKind {
    let statements = &p.statements;
    if statements.is_empty() || statements.iter().all(|s| s.principal.is_none()) {
        return PolicyKind::Managed;
    }
    let trust = statements.iter().all(|s| {
        s.principal.is_some()
            && s.resources.is_none()
            && !s.actions.is_not()
            && !s.actions.items().is_empty()
            && s.actions.items().iter().all(|a| trust_action(p.cloud(), a.as_str()))
    });
    if trust {
        return PolicyKind::Trust;
    }
    let uids = statements
        .iter()
        .any(|s| s.principal.as_ref().is_some_and(|pe| matches!(pe.principal(), Principal::Uids(_))));
    let oss_only = statements.iter().all(|s| {
        s.resources
            .as_ref()
            .is_some_and(|r| r.items().iter().all(|pat| pat.is_any() || pat.service() == Some("oss")))
    });
    if p.dialect == Dialect::Ram && uids && oss_only {
        return PolicyKind::Bucket;
    }
    PolicyKind::Resource
}

/// MISSING_VERSION: an IAM policy without `Version`, where policy variables are plain text.
pub(crate) fn missing_version(p: &Policy) -> Option<Diagnostic> {
    (p.dialect == Dialect::Iam && p.version.is_none()).then(|| {
        Diagnostic::new(
            Code::MissingVersion,
            Site::Policy,
            "the policy has no `Version`",
            Some("without `\"Version\": \"2012-10-17\"`, IAM reads policy variables such as `${aws:username}` as plain text".to_owned()),
        )
    })
}

/// DUPLICATE_SID: a statement with the `Sid` of an earlier one.
pub(crate) fn duplicate_sid(p: &Policy) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut sids: Vec<(&str, usize)> = Vec::new();
    for (i, s) in p.statements.iter().enumerate() {
        let Some(sid) = s.sid() else { continue };
        if let Some((_, first)) = sids.iter().find(|(x, _)| *x == sid) {
            out.push(Diagnostic::new(
                Code::DuplicateSid,
                Site::element(i, Element::Sid),
                format!("statement {i} has the Sid `{sid}` of statement {first}"),
                Some("Sids are unique within a policy".to_owned()),
            ));
        } else {
            sids.push((sid, i));
        }
    }
    out
}

/// MISSING_RESOURCE, MISSING_PRINCIPAL and UNSUPPORTED_ELEMENT: the elements `kind` allows
/// ([`Policy::check_kind`]). When the kind was inferred ([`infer_kind`]), the help says so.
pub(crate) fn kind_elements(p: &Policy, kind: PolicyKind, inferred: bool) -> Vec<Diagnostic> {
    let Err(errors) = p.check_kind(kind) else {
        return Vec::new();
    };
    errors
        .into_iter()
        .map(|e| {
            let help = if inferred {
                format!("{}; tarn read the document as {} (`--kind` says otherwise)", e.help, kind.describe())
            } else {
                e.help
            };
            Diagnostic::new(e.code, e.site, e.message, Some(help))
        })
        .collect()
}

/// POLICY_TOO_LARGE: over the size limit of `kind` ([`Policy::check_limits`]).
pub(crate) fn policy_too_large(p: &Policy, kind: PolicyKind) -> Option<Diagnostic> {
    p.check_limits(kind).err().map(|e| {
        Diagnostic::new(
            Code::PolicyTooLarge,
            Site::Policy,
            e.to_string(),
            Some("split the policy, or use wildcards for families of actions".to_owned()),
        )
    })
}

/// Whether statement `s` grants, for the rules about what a grant opens up: an RCP's `Allow`
/// (`RCPFullAWSAccess`) grants nothing, it lets the other policies decide.
pub(crate) fn grants(s: &Statement, kind: PolicyKind) -> bool {
    s.effect == Effect::Allow && kind != PolicyKind::ResourceControl
}

/// ALLOW_WITH_NOT_ACTION: `Allow` with `NotAction` grants every other action, including future ones.
pub(crate) fn allow_with_not_action(s: &Statement, i: usize, allow: bool) -> Option<Diagnostic> {
    (allow && s.actions.is_not()).then(|| {
        Diagnostic::new(
            Code::AllowWithNotAction,
            Site::element(i, Element::NotAction),
            "`Allow` with `NotAction` grants every action but the listed ones, including actions added to the cloud later",
            Some("list the actions to allow in `Action` instead".to_owned()),
        )
    })
}

/// ALLOW_WITH_NOT_RESOURCE: `Allow` with `NotResource` grants every other resource.
pub(crate) fn allow_with_not_resource(s: &Statement, i: usize, allow: bool) -> Option<Diagnostic> {
    (allow && s.resources.as_ref().is_some_and(|r| r.is_not())).then(|| {
        Diagnostic::new(
            Code::AllowWithNotResource,
            Site::element(i, Element::NotResource),
            "`Allow` with `NotResource` grants every resource but the listed ones, including resources created later",
            Some("list the resources to allow in `Resource` instead".to_owned()),
        )
    })
}

/// EMPTY_ARRAY: an empty `Action` or `Resource` list, or a condition key without values.
pub(crate) fn empty_array(s: &Statement, i: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let actions = Element::actions_of(s);
    if s.actions.items().is_empty() {
        out.push(Diagnostic::new(
            Code::EmptyArray,
            Site::element(i, actions),
            format!("`{actions}` is empty"),
            Some("an empty list matches nothing; remove the statement or list the actions".to_owned()),
        ));
    }
    if let (Some(r), Some(el)) = (&s.resources, Element::resources_of(s)) {
        if r.items().is_empty() {
            out.push(Diagnostic::new(
                Code::EmptyArray,
                Site::element(i, el),
                format!("`{el}` is empty"),
                Some("an empty list matches nothing".to_owned()),
            ));
        }
    }
    if let Some(c) = &s.condition {
        for (op, key, values) in c.iter() {
            if values.is_empty() {
                out.push(Diagnostic::new(
                    Code::EmptyArray,
                    condition_site(i, op, key),
                    format!("`{key}` has no values"),
                    None,
                ));
            }
        }
    }
    out
}

/// The site of a key under an operator of statement `i`'s `Condition`.
fn condition_site(i: usize, op: Operator, key: &str) -> Site {
    Site::ConditionKey { statement: i, operator: op.to_string(), key: key.to_owned() }
}

/// The catalog actions of each entry of statement `i`'s action list, and the problems of the entries the
/// catalog does not have (through [`action_in_catalog`]); `known` is false when one of them is an error.
pub(crate) struct ActionSets {
    /// The catalog actions of each entry, in order (empty for `*` and for unknown names).
    pub sets: Vec<Vec<&'static catalog::Action>>,
    /// Whether no entry is an error (the fit is checked only then). An entry the catalog does not know, or
    /// whose actions do not take part in the fit ([`fit_set`]), has an empty set.
    pub known: bool,
    /// The problems.
    pub problems: Vec<Diagnostic>,
}

/// Whether the actions the catalog expands `action` to are all it names, so that the fit of actions and
/// resources can be checked on them: not for a wildcard service prefix (it covers only the services tarn
/// has catalogs of), nor for a wildcard in a service whose catalog is incomplete.
///
/// ```
/// use tarn_arn::Cloud;
/// use tarn_core::rules::expansion_is_whole;
/// assert!(expansion_is_whole(Cloud::Aws, "s3:Get*"));
/// assert!(!expansion_is_whole(Cloud::Alibaba, "*:Describe*"));
/// assert!(!expansion_is_whole(Cloud::Alibaba, "log:Get*"));
/// assert!(expansion_is_whole(Cloud::Alibaba, "log:GetLogStore"));
/// ```
pub fn expansion_is_whole(cloud: Cloud, action: &str) -> bool {
    let Some((prefix, name)) = action.split_once(':') else {
        return true;
    };
    if prefix.contains(['*', '?']) {
        return false;
    }
    !name.contains(['*', '?']) || catalog::service(cloud, prefix).is_some_and(|s| s.is_complete())
}

/// The catalog actions of `action` that take part in the fit of actions and resources: all of `found` when
/// the expansion is whole ([`expansion_is_whole`]) and a primary source states the resource types of each
/// of them ([`catalog::Action::resources_verified`]), else none. An action whose resource types were
/// inferred, not read, cannot make a mismatch an error.
///
/// ```
/// use tarn_arn::Cloud;
/// use tarn_core::rules::fit_set;
/// let found = tarn_catalog::expand(Cloud::Aws, "s3:GetObject").unwrap_or_default();
/// assert_eq!(fit_set(Cloud::Aws, "s3:GetObject", found.clone()).len(), 1);
/// assert!(fit_set(Cloud::Aws, "*:GetObject", found).is_empty());
/// ```
pub fn fit_set(
    cloud: Cloud,
    action: &str,
    found: Vec<&'static catalog::Action>,
) -> Vec<&'static catalog::Action> {
    if expansion_is_whole(cloud, action) && found.iter().all(|a| a.resources_verified()) {
        found
    } else {
        Vec::new()
    }
}

/// Whether a primary source that the cloud publishes today states the resource types of every action of
/// `set` ([`catalog::Action::resources_confirmed`]): a mismatch of actions and resources is then an error;
/// otherwise only older documentation shows it, and it is a warning (RESOURCE_MISMATCH_UNCONFIRMED in the
/// linter, a warning in `policy!`; the builder, which has no warnings, leaves such actions out of the fit).
pub fn fit_confirmed(set: &[&'static catalog::Action]) -> bool {
    set.iter().all(|a| a.resources_confirmed())
}

/// The help of a mismatch that only older documentation shows ([`fit_confirmed`] false): the fit's own
/// help, and where the resource types come from.
pub fn unconfirmed_help(help: Option<String>) -> Option<String> {
    let older = "tarn's resource types for these actions come from older documentation (AlibabaCloudDocs, \
                 2018 to 2021) that no current page confirmed";
    Some(help.map_or(older.to_owned(), |h| format!("{h}; {older}")))
}

/// UNKNOWN_SERVICE, UNKNOWN_ACTION, WILDCARD_MATCHES_NOTHING, INVALID_ACTION, NOT_IN_CATALOG and
/// DEPRECATED_ALIAS for each entry of statement `i`'s action list.
pub(crate) fn actions_in_catalog(cloud: Cloud, s: &Statement, i: usize) -> ActionSets {
    let el = Element::actions_of(s);
    let mut out = ActionSets { sets: Vec::new(), known: true, problems: Vec::new() };
    for (j, a) in s.actions.items().iter().enumerate() {
        let (found, problem) = action_in_catalog(cloud, a.as_str(), Site::item(i, el, j));
        if let Some(d) = problem {
            out.known &= d.severity() != crate::diagnostic::Severity::Error;
            out.problems.push(d);
        }
        out.sets.push(fit_set(cloud, a.as_str(), found));
    }
    out
}

/// RCP_SERVICE_NOT_COVERED: in a resource control policy, an action of a service RCPs do not cover; the
/// entry restricts nothing. An unknown service is reported as such, not here.
pub(crate) fn rcp_service_not_covered(s: &Statement, i: usize) -> Vec<Diagnostic> {
    let el = Element::actions_of(s);
    let mut out = Vec::new();
    for (j, a) in s.actions.items().iter().enumerate() {
        let Some(svc) = a.service() else { continue };
        if svc.contains(['*', '?']) || catalog::service(Cloud::Aws, svc).is_none() || catalog::rcp_covers(svc)
        {
            continue;
        }
        out.push(Diagnostic::new(
            Code::RcpServiceNotCovered,
            Site::item(i, el, j),
            format!("resource control policies do not cover `{svc}`: `{}` restricts nothing here", a.as_str()),
            Some(format!(
                "RCPs apply to the resources of {} services only; restrict `{svc}` with a service control policy or its resource-based policies",
                catalog::aws_rcp_services().len()
            )),
        ));
    }
    out
}

/// REDUNDANT_ACTION: an entry that another entry of the same list already covers: a wildcard, or the same
/// action earlier (of two wildcards that cover each other, the later one is reported).
pub(crate) fn redundant_action(s: &Statement, i: usize) -> Vec<Diagnostic> {
    let el = Element::actions_of(s);
    let items = s.actions.items();
    let wildcards: Vec<(usize, &str)> =
        items.iter().enumerate().filter(|(_, b)| b.has_wildcards()).map(|(k, b)| (k, b.as_str())).collect();
    let mut seen: HashSet<String, std::hash::BuildHasherDefault<catalog::Fnv>> =
        HashSet::with_capacity_and_hasher(items.len(), Default::default());
    let mut out = Vec::new();
    for (j, a) in items.iter().enumerate() {
        let repeated = !seen.insert(a.as_str().to_ascii_lowercase());
        let covered = repeated
            || wildcards.iter().any(|&(k, b)| {
                k != j && covers(b, a.as_str()) && !(a.has_wildcards() && covers(a.as_str(), b) && k > j)
            });
        if covered {
            out.push(Diagnostic::new(
                Code::RedundantAction,
                Site::item(i, el, j),
                format!("`{a}` is already covered by another entry of `{el}`"),
                Some("remove it".to_owned()),
            ));
        }
    }
    out
}

/// PLACEHOLDER_IN_RESOURCE: a placeholder copied from documentation (`{Bucket}`, `<instanceId>`).
pub(crate) fn placeholder_in_resource(s: &Statement, i: usize) -> Vec<Diagnostic> {
    let (Some(r), Some(el)) = (&s.resources, Element::resources_of(s)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (j, pat) in r.items().iter().enumerate() {
        let text = pat.to_string();
        if let Some(ph) = doc_placeholder(&text) {
            out.push(Diagnostic::new(
                Code::PlaceholderInResource,
                Site::item(i, el, j),
                format!("`{ph}` in `{text}` looks like a placeholder copied from documentation"),
                Some("replace it with the resource's name, or with `*` for any".to_owned()),
            ));
        }
    }
    out
}

/// PASS_ROLE_WITH_STAR_IN_RESOURCE: `iam:PassRole` allowed on `*`.
pub(crate) fn pass_role_with_star_in_resource(s: &Statement, i: usize, allow: bool) -> Option<Diagnostic> {
    let r = s.resources.as_ref()?;
    let pass_role = s.actions.items().iter().any(|a| covers(a.as_str(), "iam:PassRole"));
    (allow && !s.actions.is_not() && !r.is_not() && pass_role && r.items().iter().any(Pattern::is_any)).then(
        || {
            Diagnostic::new(
                Code::PassRoleWithStarInResource,
                Site::element(i, Element::Resource),
                "`iam:PassRole` on `*` lets the principal hand any role to any service",
                Some("name the roles that may be passed: `arn:aws:iam::123456789012:role/app-*`".to_owned()),
            )
        },
    )
}

/// RESOURCE_MISMATCH (an action that applies to none of the statement's resources) and, for an action
/// without resource-level permissions, RESOURCE_LEVEL_UNSUPPORTED. Checked only when every action is known.
pub(crate) fn resource_mismatch(s: &Statement, i: usize, actions: &ActionSets) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(r) = &s.resources else { return out };
    if !actions.known || s.actions.is_not() || r.is_not() || r.items().is_empty() {
        return out;
    }
    let items = s.actions.items();
    let refs: Vec<&[&'static catalog::Action]> = actions.sets.iter().map(Vec::as_slice).collect();
    // A documentation placeholder stands for some name: fitted as one (PLACEHOLDER_IN_RESOURCE reports it).
    let fitted: Vec<Pattern> = r.items().iter().map(without_placeholders).collect();
    for problem in check_fit(&refs, &fitted) {
        let FitProblem::UnusedAction { action, .. } = &problem else { continue };
        let site = Site::item(i, Element::Action, *action);
        // Actions without resource-level permissions are authorized against `*`: a narrower resource makes
        // the grant do nothing, which is worth a warning, not an error.
        let untyped = actions.sets.get(*action).is_some_and(|set| {
            set.iter().all(|a| a.resource_types().iter().all(|rt| rt.resource_type().is_empty()))
        });
        if untyped {
            out.push(Diagnostic::new(
                Code::ResourceLevelUnsupported,
                site,
                format!(
                    "`{}` has no resource-level permissions, so this statement's resources never match it",
                    items.get(*action).map_or("", |a| a.as_str())
                ),
                Some("grant it on `\"*\"` in a statement of its own".to_owned()),
            ));
        } else if actions.sets.get(*action).is_none_or(|set| fit_confirmed(set)) {
            let (message, help) = problem.describe(|k| items.get(k).map_or("", |a| a.as_str()), &fitted);
            out.push(Diagnostic::new(Code::ResourceMismatch, site, message, help));
        } else {
            let (message, help) = problem.describe(|k| items.get(k).map_or("", |a| a.as_str()), &fitted);
            out.push(Diagnostic::new(
                Code::ResourceMismatchUnconfirmed,
                site,
                message,
                unconfirmed_help(help),
            ));
        }
    }
    out
}

/// PUBLIC_PRINCIPAL: `Allow` to everyone without a condition.
pub(crate) fn public_principal(s: &Statement, i: usize, allow: bool) -> Option<Diagnostic> {
    let pe = s.principal.as_ref()?;
    let public = match pe.principal() {
        Principal::Any => true,
        Principal::Uids(u) => u.is_empty() || u.iter().any(|x| x == "*"),
        Principal::Map(m) => m.iter().any(|(k, v)| *k == PrincipalKind::Aws && v.iter().any(|x| x == "*")),
    };
    (allow && !pe.is_not() && public && s.condition.as_ref().is_none_or(|c| c.is_empty())).then(|| {
        Diagnostic::new(
            Code::PublicPrincipal,
            Site::element(i, Element::Principal),
            "the statement allows everyone, with no condition to narrow it",
            Some("name the principals, or add a condition such as `aws:SourceVpce`, `acs:SourceVpc` or `aws:PrincipalOrgID`".to_owned()),
        )
    })
}

/// UNKNOWN_CONDITION_KEY, FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY and MISMATCHED_KEY_TYPE for the keys of
/// statement `i`'s `Condition`.
pub(crate) fn condition_keys(cloud: Cloud, s: &Statement, i: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(c) = &s.condition else { return out };
    let prefixes: Vec<&str> =
        s.actions.items().iter().filter_map(|a| a.as_str().split_once(':').map(|(p, _)| p)).collect();
    for (op, key, _) in c.iter() {
        let site = condition_site(i, op, key);
        if let Some(d) = condition_key_in_catalog(cloud, key, &prefixes, site.clone()) {
            out.push(d);
            continue;
        }
        let Some(k) = catalog::find_key(cloud, key) else { continue };
        out.extend(for_all_values_with_single_valued_key(op, k, site.clone()));
        out.extend(mismatched_key_type(op, k, site));
    }
    out
}

/// FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY: `ForAllValues:` on a single-valued key holds when the key is
/// missing.
fn for_all_values_with_single_valued_key(
    op: Operator,
    k: &'static catalog::ConditionKey,
    site: Site,
) -> Option<Diagnostic> {
    (op.set() == Some(SetQualifier::ForAllValues)
        && !k.ty().starts_with("ArrayOf")
        && !k.name().contains("TagKeys"))
    .then(|| {
        Diagnostic::new(
            Code::ForAllValuesWithSingleValuedKey,
            site,
            format!("`ForAllValues:` on `{}`, a single-valued key ({})", k.name(), k.ty()),
            Some(
                "`ForAllValues` is true when the key is missing; use the operator without the qualifier"
                    .to_owned(),
            ),
        )
    })
}

/// MISMATCHED_KEY_TYPE: an operator that compares another type than the key's.
fn mismatched_key_type(op: Operator, k: &'static catalog::ConditionKey, site: Site) -> Option<Diagnostic> {
    let expected = operators_for_key_type(op.base(), k.ty())?;
    Some(Diagnostic::new(
        Code::MismatchedKeyType,
        site,
        format!(
            "`{op}` compares {}, but `{}` is of type {}",
            op.base().value_type().plural(),
            k.name(),
            k.ty()
        ),
        Some(format!("use {expected}")),
    ))
}

/// MISSING_PREREQUISITE: the catalog's prerequisites (the RocketMQ `mq:QueryInstanceBaseInfo` rule) on the
/// statements that grant (`Allow`, without `NotAction` or `NotResource`), through [`missing_prerequisites`]
/// as `policy!` checks them.
pub(crate) fn missing_prerequisite(cloud: Cloud, p: &Policy) -> Vec<Diagnostic> {
    let granting: Vec<(usize, &crate::model::ResourceList)> = p
        .statements
        .iter()
        .enumerate()
        .filter(|(_, s)| s.effect == Effect::Allow && !s.actions.is_not())
        .filter_map(|(i, s)| s.resources.as_ref().filter(|r| !r.is_not()).map(|r| (i, r)))
        .collect();
    let grants: Vec<Grant<'_>> = granting
        .iter()
        .filter_map(|(i, r)| {
            let items = p.statements.get(*i)?.actions.items();
            Some(Grant {
                any_action: items.iter().any(|a| a.as_str() == "*"),
                actions: items
                    .iter()
                    .filter_map(|a| catalog::expand(cloud, a.as_str()).ok())
                    .flatten()
                    .collect(),
                resources: r.items().as_slice(),
            })
        })
        .collect();
    let mut out = Vec::new();
    for m in missing_prerequisites(cloud, &grants, |_| false) {
        let Some((i, r)) = granting.get(m.grant) else { continue };
        let Some(pat) = r.items().as_slice().get(m.resource) else { continue };
        let pre = m.prerequisite;
        out.push(Diagnostic::new(
            Code::MissingPrerequisite,
            Site::item(*i, Element::Resource, m.resource),
            format!(
                "`{pat}` needs `{}` granted on the {} as well, and this policy does not grant it",
                pre.action(),
                pre.resource_type()
            ),
            Some(format!("add a statement that allows `{}` on the {}", pre.action(), pre.resource_type())),
        ));
    }
    out
}

/// A statement that allows, as the prerequisite rule sees it (shared by the linter and `policy!`).
#[derive(Debug, Clone)]
pub struct Grant<'a> {
    /// Whether its actions include `*`.
    pub any_action: bool,
    /// The catalog actions it names.
    pub actions: Vec<&'static catalog::Action>,
    /// Its resources.
    pub resources: &'a [Pattern],
}

/// A resource of a grant that needs a prerequisite which no grant gives.
#[derive(Debug, Clone, Copy)]
pub struct MissingPrerequisite {
    /// Index of the grant.
    pub grant: usize,
    /// Index of the resource in the grant.
    pub resource: usize,
    /// The rule.
    pub prerequisite: &'static catalog::Prerequisite,
}

/// The catalog's prerequisite rules (RocketMQ: a grant on a topic or group needs `mq:QueryInstanceBaseInfo`
/// on the instance) against a policy's grants: each resource that needs a prerequisite no grant gives.
/// `acknowledged` tells which prerequisite actions another policy grants.
pub fn missing_prerequisites(
    cloud: Cloud,
    grants: &[Grant<'_>],
    acknowledged: impl Fn(&str) -> bool,
) -> Vec<MissingPrerequisite> {
    let mut out = Vec::new();
    for svc in catalog::services().iter().filter(|s| s.cloud() == cloud) {
        for pre in svc.prerequisites() {
            if acknowledged(pre.action()) {
                continue;
            }
            // The resource types of the service that a pattern of that service fits.
            let types = |pat: &Pattern| -> Vec<&'static str> {
                if pat.is_any() || pat.service() != Some(svc.prefix()) {
                    return Vec::new();
                }
                svc.fits(pat).iter().map(|f| f.resource_type.name()).collect()
            };
            let granted = grants.iter().any(|g| {
                (g.any_action || g.actions.iter().any(|a| a.full_name().eq_ignore_ascii_case(pre.action())))
                    && g.resources.iter().any(|pat| pat.is_any() || types(pat).contains(&pre.resource_type()))
            });
            if granted {
                continue;
            }
            for (gi, g) in grants.iter().enumerate() {
                for (ri, pat) in g.resources.iter().enumerate() {
                    let fits = types(pat);
                    if fits.iter().any(|t| pre.applies_to().contains(t))
                        && !fits.contains(&pre.resource_type())
                    {
                        out.push(MissingPrerequisite { grant: gi, resource: ri, prerequisite: pre });
                    }
                }
            }
        }
    }
    out
}

/// A documentation placeholder (`{Bucket Name}`, `<instanceId>`) in a resource, by tarn-arn's one grammar of
/// placeholders; `${…}` is a policy variable, not a placeholder.
fn doc_placeholder(text: &str) -> Option<&str> {
    tarn_arn::placeholders(text).find_map(|p| match p {
        tarn_arn::PlaceholderPiece::Placeholder { span, .. } => text.get(span),
        tarn_arn::PlaceholderPiece::Text(_) => None,
    })
}

/// The pattern with each documentation placeholder replaced by a plain name (`x`), for fitting.
fn without_placeholders(p: &Pattern) -> Pattern {
    let text = p.to_string();
    let mut changed = false;
    let plain: String = tarn_arn::placeholders(&text)
        .map(|piece| match piece {
            tarn_arn::PlaceholderPiece::Text(t) => t,
            tarn_arn::PlaceholderPiece::Placeholder { .. } => {
                changed = true;
                "x"
            }
        })
        .collect();
    if changed {
        if let Ok(q) = Pattern::parse_in_document(&plain) {
            return q;
        }
    }
    p.clone()
}

/// Whether the action pattern `pattern` covers `action` (case-insensitive, `*` and `?`).
fn covers(pattern: &str, action: &str) -> bool {
    catalog::glob(pattern, action, true)
}

/// For an operator that does not compare values of the key's catalog type, the operators that do.
fn operators_for_key_type(op: BaseOperator, key_type: &str) -> Option<&'static str> {
    let key = key_type.strip_prefix("ArrayOf").unwrap_or(key_type);
    let expected = match key {
        "String" => "a `String…` operator",
        "ARN" => "an `Arn…` or `String…` operator",
        "Numeric" => "a `Numeric…` operator",
        "Date" => "a `Date…` operator",
        "Bool" => "`Bool`",
        "IPAddress" => "`IpAddress` or `NotIpAddress`",
        // A type the catalog does not name: nothing to say.
        _ => return None,
    };
    let fits = op == BaseOperator::Null
        || matches!(
            (op.value_type(), key),
            (ValueType::String, "String" | "ARN")
                | (ValueType::Arn, "ARN" | "String")
                | (ValueType::Number, "Numeric")
                | (ValueType::Date, "Date")
                | (ValueType::Bool, "Bool")
                | (ValueType::Ip, "IPAddress")
        );
    (!fits).then_some(expected)
}
