//! The linter: every check of `policy!`, and more, on policy documents that already exist as JSON.
//!
//! ```
//! use tarn_core::lint::{lint, LintOptions, Severity};
//! let doc = r#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "oss:GetObject",
//!               "Resource": "acs:oss:*:*:bucket"}]}"#;
//! let findings = lint(doc, &LintOptions::default());
//! assert_eq!(findings[0].code, "RESOURCE_MISMATCH");
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!((findings[0].pointer.as_str(), findings[0].line, findings[0].column), ("/Statement/0/Action", 1, 62));
//! ```

use std::collections::HashSet;
use std::fmt;

use tarn_arn::{Cloud, Pattern};
use tarn_catalog as catalog;

use crate::condition::{BaseOperator, SetQualifier, ValueType};
use crate::error::{Lines, ParseError, ParseErrorKind};
use crate::fit::{check_fit, FitProblem};
use crate::kind::PolicyKind;
use crate::memo::Memo;
use crate::model::{Dialect, Effect, Policy, Principal, PrincipalKind};
use crate::parse::ParseOptions;

/// How serious a finding is (the taxonomy of IAM Access Analyzer and the RAM console checker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational: a cleaner way to write the same.
    Suggestion,
    /// Probably not what was meant.
    Warning,
    /// Grants more than is safe.
    SecurityWarning,
    /// The cloud rejects the policy, or it cannot work as written.
    Error,
}

impl Severity {
    /// `ERROR`, `SECURITY_WARNING`, `WARNING` or `SUGGESTION`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::SecurityWarning => "SECURITY_WARNING",
            Severity::Warning => "WARNING",
            Severity::Suggestion => "SUGGESTION",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding code: its name, severity and what it means (for `--explain`, SARIF rules and documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The stable name (`UNKNOWN_ACTION`).
    pub name: &'static str,
    /// The severity of every finding with this code.
    pub severity: Severity,
    /// What the finding means, in one sentence.
    pub summary: &'static str,
}

macro_rules! codes {
    ($($name:ident: $sev:ident, $summary:literal;)*) => {
        /// Every code the linter reports.
        pub const CODES: &[Code] = &[$(Code { name: stringify!($name), severity: Severity::$sev, summary: $summary },)*];
    };
}

codes! {
    MALFORMED_JSON: Error, "The document is not JSON (or has comments without --lenient).";
    INVALID_VERSION: Error, "`Version` is missing where the dialect needs it, or not a version of the dialect.";
    INVALID_EFFECT: Error, "A statement's `Effect` is missing or not `Allow` or `Deny`.";
    MISSING_STATEMENT: Error, "The policy has no `Statement`.";
    MISSING_ACTION: Error, "A statement has neither `Action` nor `NotAction`.";
    MISSING_RESOURCE: Error, "A statement of a policy kind that needs `Resource` has none.";
    MISSING_PRINCIPAL: Error, "A statement of a resource-based policy has no `Principal`.";
    UNSUPPORTED_ELEMENT: Error, "An element that policies (or this kind of policy) do not have.";
    DUPLICATE_ELEMENT: Error, "The same element twice in one object; a JSON reader keeps only one.";
    UNKNOWN_DIALECT: Error, "Nothing says whether the policy is RAM or IAM (use --dialect).";
    UNSUPPORTED_IN_DIALECT: Error, "Something of the other cloud's dialect (an operator, key, ARN or element).";
    INVALID_ACTION: Error, "An action that is not `service:name`.";
    UNKNOWN_SERVICE: Error, "An action of a service the cloud does not have.";
    UNKNOWN_ACTION: Error, "An action the service does not have.";
    WILDCARD_MATCHES_NOTHING: Error, "An action wildcard that matches no action.";
    INVALID_ARN: Error, "A resource that is not an ARN or `*`.";
    RESOURCE_MISMATCH: Error, "An action that applies to none of the statement's resources.";
    UNKNOWN_CONDITION_OPERATOR: Error, "A condition operator the dialect does not have.";
    UNKNOWN_CONDITION_KEY: Error, "A condition key no service of the cloud has.";
    CONDITION_TYPE_MISMATCH: Error, "A condition value that its operator cannot compare (a date that is no date).";
    POLICY_TOO_LARGE: Error, "The policy is over the size limit of its kind.";
    DUPLICATE_SID: Error, "Two statements with the same `Sid`.";
    ALLOW_WITH_NOT_ACTION: SecurityWarning, "`Allow` with `NotAction` grants every other action, including future ones.";
    ALLOW_WITH_NOT_RESOURCE: SecurityWarning, "`Allow` with `NotResource` grants every other resource.";
    PASS_ROLE_WITH_STAR_IN_RESOURCE: SecurityWarning, "`iam:PassRole` on `*`: any role can be handed to any service.";
    PUBLIC_PRINCIPAL: SecurityWarning, "`Allow` to everyone (`*`, or `[]` in an OSS bucket policy) without a condition.";
    MISSING_PREREQUISITE: Warning, "A grant that needs another grant the policy lacks (RocketMQ `mq:QueryInstanceBaseInfo`).";
    DEPRECATED_ALIAS: Warning, "An old name of an action.";
    REDUNDANT_ACTION: Warning, "An action that another entry of the same list already covers.";
    FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY: Warning, "`ForAllValues:` on a single-valued key, which holds when the key is missing.";
    MISSING_VERSION: Warning, "An IAM policy without `Version`, where policy variables are plain text.";
    RESOURCE_LEVEL_UNSUPPORTED: Warning, "An action without resource-level permissions granted on specific resources only.";
    MISMATCHED_KEY_TYPE: Warning, "A condition operator of another type than its key (`StringEquals` on a `Bool` key).";
    PLACEHOLDER_IN_RESOURCE: Warning, "A placeholder copied from documentation (`{Bucket}`, `<instanceId>`) in a resource.";
    RCP_SERVICE_NOT_COVERED: Warning, "An action in a resource control policy of a service that RCPs do not cover: the statement does nothing for it.";
    DUPLICATE_CONDITION_KEY: Warning, "An operator or key written twice in one `Condition`; readers disagree on what that means.";
    EMPTY_ARRAY: Suggestion, "An empty list, which matches nothing.";
}

/// The code named `name`.
pub fn code(name: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.name == name)
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// A stable name (`UNKNOWN_ACTION`).
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
    /// JSON pointer of the value it is about.
    pub pointer: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// What to lint for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// Where the policy is used; without it, a policy with a `Principal` is taken for a resource-based
    /// policy and one without for an identity-based policy.
    pub kind: Option<PolicyKind>,
    /// The dialect, instead of detecting it.
    pub dialect: Option<Dialect>,
    /// Allow `//` and `/* */` comments.
    pub lenient: bool,
}

/// Lints a policy document; findings in document order, most severe first where they share a place.
pub fn lint(src: &str, opts: &LintOptions) -> Vec<Finding> {
    let mut parse = ParseOptions::new().allow_comments(opts.lenient);
    if let Some(d) = opts.dialect {
        parse = parse.dialect(d);
    }
    let policy = match Policy::from_json_with(src, &parse) {
        Ok(p) => p,
        Err(e) => return vec![from_parse_error(&e)],
    };
    let mut l = Linter { src, comments: opts.lenient, out: Vec::new() };
    l.policy(&policy, opts.kind);
    l.finish();
    l.out.sort_by_key(|f| (f.line, f.column, std::cmp::Reverse(f.severity)));
    l.out
}

/// A problem found by one of the checks that `policy!` and the linter share, before it has a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The finding's code (`UNKNOWN_ACTION`).
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
}

impl Check {
    fn new(code: &'static str, message: String, help: Option<String>) -> Self {
        Check { code, severity: severity_of(code), message, help }
    }
}

/// The severity of a code of [`CODES`] (a code missing there is taken for an error).
fn severity_of(code: &str) -> Severity {
    self::code(code).map_or(Severity::Error, |c| c.severity)
}

/// Looks an action (or action wildcard) up in the catalog: the actions it names, and a problem if there is
/// one. An old name (`DEPRECATED_ALIAS`, a warning) comes with the action it stands for; an unknown
/// service or action, or a wildcard that matches nothing, with no actions and help that names the closest
/// service, the actions an OpenAPI operation of that name needs, or the closest actions.
///
/// ```
/// use tarn_arn::Cloud;
/// let (found, problem) = tarn_core::lint::check_action(Cloud::Alibaba, "mq:OnsTopicCreate");
/// let problem = problem.unwrap();
/// assert!(found.is_empty());
/// assert_eq!(problem.code, "UNKNOWN_ACTION");
/// assert_eq!(problem.help.as_deref(), Some("the API `OnsTopicCreate` needs `mq:CreateTopic`"));
/// ```
pub fn check_action(cloud: Cloud, action: &str) -> (Vec<&'static catalog::Action>, Option<Check>) {
    if action == "*" {
        return (Vec::new(), None);
    }
    // The help for a name the catalog lacks costs a search over many names: remembered.
    type Answer = (Vec<&'static catalog::Action>, Option<Check>);
    static ALIBABA: Memo<Answer> = Memo::new(4096);
    static AWS: Memo<Answer> = Memo::new(4096);
    let memo = match cloud {
        Cloud::Alibaba => &ALIBABA,
        Cloud::Aws => &AWS,
    };
    if let Some(known) = memo.recall(action) {
        return known;
    }
    let e = match catalog::expand(cloud, action) {
        Ok(found) => return (found, None),
        Err(e) => e,
    };
    let answer = explain_lookup(cloud, action, e);
    memo.remember(action, answer.clone());
    answer
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
) -> (Vec<&'static catalog::Action>, Option<Check>) {
    let (prefix, name) = action.split_once(':').unwrap_or((action, ""));
    let svc = catalog::service(cloud, prefix);
    if let Some(target) = svc.and_then(|svc| svc.alias(name)) {
        let check = Check::new(
            "DEPRECATED_ALIAS",
            format!("`{action}` is an old name of `{}`", target.full_name()),
            Some(format!("write `{}`", target.full_name())),
        );
        return (vec![target], Some(check));
    }
    let check = match e {
        catalog::LookupError::UnknownService { in_other_cloud, .. } => {
            let help = if in_other_cloud {
                Some(format!(
                    "`{prefix}` is a service of {}; a policy is for one cloud",
                    cloud.other().title()
                ))
            } else {
                closest_prefix(cloud, prefix).map(|p| format!("did you mean `{p}:{name}`?"))
            };
            Check::new("UNKNOWN_SERVICE", format!("unknown service `{prefix}` in {}", cloud.title()), help)
        }
        catalog::LookupError::UnknownAction { api_actions, suggestions, .. } => {
            let quoted = |v: &[String]| v.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>();
            let help = if !api_actions.is_empty() {
                let list: Vec<String> = api_actions.iter().map(|a| a.to_string()).collect();
                Some(format!("the API `{name}` needs {}", quoted(&list).join(" and ")))
            } else if !suggestions.is_empty() {
                Some(format!("did you mean {}?", quoted(&suggestions).join(" or ")))
            } else {
                svc.map(|s| {
                    format!(
                        "`{prefix}` has {} actions; `tarn catalog {prefix}` lists them",
                        s.actions().len()
                    )
                })
            };
            Check::new("UNKNOWN_ACTION", format!("unknown action `{action}`"), help)
        }
        catalog::LookupError::WildcardMatchesNothing { .. } => Check::new(
            "WILDCARD_MATCHES_NOTHING",
            format!("`{action}` matches no action of `{prefix}`"),
            Some(format!("`tarn catalog {prefix}` lists the actions")),
        ),
        // `Malformed`, and whatever the catalog adds later.
        _ => Check::new(
            "INVALID_ACTION",
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
/// assert!(tarn_core::lint::check_condition_key(Cloud::Aws, "aws:PrincipalTag/team", &[]).is_none());
/// let problem = tarn_core::lint::check_condition_key(Cloud::Aws, "aws:SourceIpp", &[]).unwrap();
/// assert_eq!(problem.help.as_deref(), Some("did you mean `aws:SourceIp`?"));
/// ```
pub fn check_condition_key(cloud: Cloud, key: &str, services: &[&str]) -> Option<Check> {
    if catalog::find_key(cloud, key).is_some() {
        return None;
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
    Some(Check::new("UNKNOWN_CONDITION_KEY", format!("unknown condition key `{key}`"), help))
}

/// The finding for a document that does not read as a policy: the parse error with its code.
impl From<&ParseError> for Finding {
    fn from(e: &ParseError) -> Finding {
        from_parse_error(e)
    }
}

fn from_parse_error(e: &ParseError) -> Finding {
    let p = e.pointer();
    let last = p.rsplit('/').next().unwrap_or_default();
    let depth = p.split('/').count().saturating_sub(1);
    let in_condition = p.split('/').nth(3) == Some("Condition");
    let code = match e.kind() {
        ParseErrorKind::Syntax | ParseErrorKind::Comment => "MALFORMED_JSON",
        ParseErrorKind::DuplicateKey => "DUPLICATE_ELEMENT",
        ParseErrorKind::UnknownElement => "UNSUPPORTED_ELEMENT",
        ParseErrorKind::Dialect => "UNSUPPORTED_IN_DIALECT",
        ParseErrorKind::UnknownDialect => "UNKNOWN_DIALECT",
        ParseErrorKind::MissingElement if e.message().contains("`Action`") => "MISSING_ACTION",
        ParseErrorKind::MissingElement if e.message().contains("`Effect`") => "INVALID_EFFECT",
        ParseErrorKind::MissingElement if e.message().contains("`Version`") => "INVALID_VERSION",
        ParseErrorKind::MissingElement => "MISSING_STATEMENT",
        _ if p == "/Version" => "INVALID_VERSION",
        _ if last == "Effect" => "INVALID_EFFECT",
        _ if in_condition && depth == 4 => "UNKNOWN_CONDITION_OPERATOR",
        _ if in_condition && depth == 5 && e.message() == "empty condition key" => "UNKNOWN_CONDITION_KEY",
        _ if in_condition => "CONDITION_TYPE_MISMATCH",
        _ if p.contains("/Resource") || p.contains("/NotResource") => "INVALID_ARN",
        _ if p.contains("/Action") || p.contains("/NotAction") => "INVALID_ACTION",
        _ => "MALFORMED_JSON",
    };
    Finding {
        code,
        severity: severity_of(code),
        message: e.message().to_owned(),
        help: e.help().map(str::to_owned),
        pointer: p.to_owned(),
        line: e.line(),
        column: e.column(),
    }
}

struct Linter<'a> {
    src: &'a str,
    comments: bool,
    out: Vec<Finding>,
}

impl Linter<'_> {
    /// The line and column of every finding, from one pass over the document.
    fn finish(&mut self) {
        let pointers: Vec<&str> = self.out.iter().map(|f| f.pointer.as_str()).collect();
        let offsets = crate::json::locate_all(self.src, self.comments, &pointers);
        let lines = Lines::new(self.src);
        for (f, offset) in self.out.iter_mut().zip(offsets) {
            (f.line, f.column) = lines.line_col(offset.unwrap_or(0));
        }
    }

    fn push(&mut self, code: &'static str, pointer: String, message: String, help: Option<String>) {
        // The place is filled in for all findings at once, in `finish`.
        let (line, column) = (0, 0);
        let severity = severity_of(code);
        self.out.push(Finding { code, severity, message, help, pointer, line, column });
    }

    fn policy(&mut self, p: &Policy, kind: Option<PolicyKind>) {
        let cloud = p.cloud();
        let explicit_kind = kind.is_some();
        let kind = kind.unwrap_or(if p.statements.iter().any(|s| s.principal.is_some()) {
            PolicyKind::Resource
        } else {
            PolicyKind::Managed
        });
        if p.dialect == Dialect::Iam && p.version.is_none() {
            self.push("MISSING_VERSION", String::new(),
                "the policy has no `Version`".to_owned(),
                Some("without `\"Version\": \"2012-10-17\"`, IAM reads policy variables such as `${aws:username}` as plain text".to_owned()),
            );
        }
        let mut sids: Vec<(&str, usize)> = Vec::new();
        for (i, s) in p.statements.iter().enumerate() {
            if let Some(sid) = s.sid() {
                if let Some((_, first)) = sids.iter().find(|(x, _)| *x == sid) {
                    self.push(
                        "DUPLICATE_SID",
                        format!("{}/Sid", p.statement_pointer(i)),
                        format!("statement {i} has the Sid `{sid}` of statement {first}"),
                        Some("Sids are unique within a policy".to_owned()),
                    );
                } else {
                    sids.push((sid, i));
                }
            }
            self.statement(cloud, p, i, kind);
        }
        if let Err(errors) = p.check_kind(kind) {
            for e in errors {
                let code = if e.message.contains("needs a `Resource`") {
                    "MISSING_RESOURCE"
                } else if e.message.contains("needs a `Principal`") {
                    "MISSING_PRINCIPAL"
                } else {
                    "UNSUPPORTED_ELEMENT"
                };
                self.push(code, e.pointer, e.message, Some(e.help));
            }
        }
        // Limits differ by where a policy is used (AWS's own managed policies may be larger than customer
        // ones): checked only for a kind the caller names.
        if let Err(e) = p.check_limits(if explicit_kind { kind } else { PolicyKind::Resource }) {
            self.push(
                "POLICY_TOO_LARGE",
                String::new(),
                e.to_string(),
                Some("split the policy, or use wildcards for families of actions".to_owned()),
            );
        }
        self.prerequisites(cloud, p);
        if self.src.contains("Condition") {
            self.repeated_condition_keys();
        }
    }

    /// Actions of services that resource control policies do not cover: "RCPs apply only to" the services
    /// that AWS lists
    /// (<https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html>), so such
    /// an entry restricts nothing. An unknown service is reported as such, not here.
    fn rcp_services(
        &mut self,
        base: &str,
        actions_key: &str,
        items: &crate::model::List<crate::model::Action>,
    ) {
        for (j, a) in items.iter().enumerate() {
            let Some(svc) = a.service() else { continue };
            if svc.contains(['*', '?'])
                || catalog::service(Cloud::Aws, svc).is_none()
                || catalog::rcp_covers(svc)
            {
                continue;
            }
            let at = if items.is_single() {
                format!("{base}/{actions_key}")
            } else {
                format!("{base}/{actions_key}/{j}")
            };
            self.push(
                "RCP_SERVICE_NOT_COVERED",
                at,
                format!("resource control policies do not cover `{svc}`: `{}` restricts nothing here", a.as_str()),
                Some(format!(
                    "RCPs apply to the resources of {} services only; restrict `{svc}` with a service control policy or its resource-based policies",
                    catalog::aws_rcp_services().len()
                )),
            );
        }
    }

    /// An operator twice in one `Condition`, or a key twice under one operator.
    fn repeated_condition_keys(&mut self) {
        for (pointer, key, operator) in crate::json::repeated_condition_keys(self.src, self.comments) {
            let (message, help) = if operator {
                (
                    format!("`{key}` appears twice in this `Condition`"),
                    "merge them into one `{…}`: tarn reads them as one operator (a key under both takes the values of both as alternatives), but many JSON readers keep only the last",
                )
            } else {
                (
                    format!("`{key}` appears twice under one operator"),
                    "list the values in one array: tarn takes the values of both as alternatives, but many JSON readers keep only the last",
                )
            };
            self.push("DUPLICATE_CONDITION_KEY", pointer, message, Some(help.to_owned()));
        }
    }

    fn statement(&mut self, cloud: Cloud, p: &Policy, i: usize, kind: PolicyKind) {
        let Some(s) = p.statements.get(i) else {
            return;
        };
        let base = p.statement_pointer(i);
        let actions_key = if s.actions.is_not() { "NotAction" } else { "Action" };
        // What a statement grants: an RCP's `Allow` (`RCPFullAWSAccess`) grants nothing, it lets the other
        // policies decide.
        let allow = s.effect == Effect::Allow && kind != PolicyKind::ResourceControl;
        if allow && s.actions.is_not() {
            self.push("ALLOW_WITH_NOT_ACTION", format!("{base}/NotAction"),
                "`Allow` with `NotAction` grants every action but the listed ones, including actions added to the cloud later".to_owned(),
                Some("list the actions to allow in `Action` instead".to_owned()));
        }
        if let Some(r) = &s.resources {
            if allow && r.is_not() {
                self.push("ALLOW_WITH_NOT_RESOURCE", format!("{base}/NotResource"),
                    "`Allow` with `NotResource` grants every resource but the listed ones, including resources created later".to_owned(),
                    Some("list the resources to allow in `Resource` instead".to_owned()));
            }
        }
        // Actions against the catalog.
        let items = s.actions.items();
        if items.is_empty() {
            self.push(
                "EMPTY_ARRAY",
                format!("{base}/{actions_key}"),
                format!("`{actions_key}` is empty"),
                Some("an empty list matches nothing; remove the statement or list the actions".to_owned()),
            );
        }
        let mut sets: Vec<Vec<&'static catalog::Action>> = Vec::new();
        let mut known = true;
        for (j, a) in items.iter().enumerate() {
            let (found, problem) = check_action(cloud, a.as_str());
            if let Some(c) = problem {
                known &= c.severity != Severity::Error;
                let at = if items.is_single() {
                    format!("{base}/{actions_key}")
                } else {
                    format!("{base}/{actions_key}/{j}")
                };
                self.push(c.code, at, c.message, c.help);
            }
            sets.push(found);
        }
        if kind == PolicyKind::ResourceControl && cloud == Cloud::Aws {
            self.rcp_services(&base, actions_key, items);
        }
        // Redundant actions: one that another entry already covers: a wildcard, or the same action earlier
        // (of two wildcards that cover each other, the later one is reported).
        let wildcards: Vec<(usize, &str)> = items
            .iter()
            .enumerate()
            .filter(|(_, b)| b.has_wildcards())
            .map(|(k, b)| (k, b.as_str()))
            .collect();
        let mut seen: HashSet<String, std::hash::BuildHasherDefault<catalog::Fnv>> =
            HashSet::with_capacity_and_hasher(items.len(), Default::default());
        for (j, a) in items.iter().enumerate() {
            let repeated = !seen.insert(a.as_str().to_ascii_lowercase());
            let covered = repeated
                || wildcards.iter().any(|&(k, b)| {
                    k != j && covers(b, a.as_str()) && !(a.has_wildcards() && covers(a.as_str(), b) && k > j)
                });
            if covered {
                let at = if items.is_single() {
                    format!("{base}/{actions_key}")
                } else {
                    format!("{base}/{actions_key}/{j}")
                };
                self.push(
                    "REDUNDANT_ACTION",
                    at,
                    format!("`{a}` is already covered by another entry of `{actions_key}`"),
                    Some("remove it".to_owned()),
                );
            }
        }
        // Resources.
        if let Some(r) = &s.resources {
            let key = if r.is_not() { "NotResource" } else { "Resource" };
            if r.items().is_empty() {
                self.push(
                    "EMPTY_ARRAY",
                    format!("{base}/{key}"),
                    format!("`{key}` is empty"),
                    Some("an empty list matches nothing".to_owned()),
                );
            }
            for (j, pat) in r.items().iter().enumerate() {
                let text = pat.to_string();
                if let Some(ph) = doc_placeholder(&text) {
                    let at = if r.items().is_single() {
                        format!("{base}/{key}")
                    } else {
                        format!("{base}/{key}/{j}")
                    };
                    self.push(
                        "PLACEHOLDER_IN_RESOURCE",
                        at,
                        format!("`{ph}` in `{text}` looks like a placeholder copied from documentation"),
                        Some("replace it with the resource's name, or with `*` for any".to_owned()),
                    );
                }
            }
            let pass_role = items.iter().any(|a| covers(a.as_str(), "iam:PassRole"));
            if allow
                && !s.actions.is_not()
                && !r.is_not()
                && pass_role
                && r.items().iter().any(Pattern::is_any)
            {
                self.push(
                    "PASS_ROLE_WITH_STAR_IN_RESOURCE",
                    format!("{base}/Resource"),
                    "`iam:PassRole` on `*` lets the principal hand any role to any service".to_owned(),
                    Some(
                        "name the roles that may be passed: `arn:aws:iam::123456789012:role/app-*`"
                            .to_owned(),
                    ),
                );
            }
            if known && !s.actions.is_not() && !r.is_not() && !r.items().is_empty() {
                let refs: Vec<&[&'static catalog::Action]> = sets.iter().map(Vec::as_slice).collect();
                // A documentation placeholder stands for some name: fitted as one (it is reported above).
                let fitted: Vec<Pattern> = r.items().iter().map(without_placeholders).collect();
                for problem in check_fit(&refs, &fitted) {
                    if let FitProblem::UnusedAction { action, .. } = &problem {
                        let (message, help) =
                            problem.describe(|k| items.get(k).map_or("", |a| a.as_str()), &fitted);
                        let at = if items.is_single() {
                            format!("{base}/Action")
                        } else {
                            format!("{base}/Action/{action}")
                        };
                        // Actions without resource-level permissions are authorized against `*`: a narrower
                        // resource makes the grant do nothing, which is worth a warning, not an error.
                        let untyped = sets.get(*action).is_some_and(|set| {
                            set.iter()
                                .all(|a| a.resource_types().iter().all(|rt| rt.resource_type().is_empty()))
                        });
                        if untyped {
                            self.push("RESOURCE_LEVEL_UNSUPPORTED", at,
                                format!("`{}` has no resource-level permissions, so this statement's resources never match it", items.get(*action).map_or("", |a| a.as_str())),
                                Some("grant it on `\"*\"` in a statement of its own".to_owned()));
                        } else {
                            self.push("RESOURCE_MISMATCH", at, message, help);
                        }
                    }
                }
            }
        }
        // Principal.
        if let Some(pe) = &s.principal {
            let key = if pe.is_not() { "NotPrincipal" } else { "Principal" };
            let public = match pe.principal() {
                Principal::Any => true,
                Principal::Uids(u) => u.is_empty() || u.iter().any(|x| x == "*"),
                Principal::Map(m) => {
                    m.iter().any(|(k, v)| *k == PrincipalKind::Aws && v.iter().any(|x| x == "*"))
                }
            };
            if allow && !pe.is_not() && public && s.condition.as_ref().is_none_or(|c| c.is_empty()) {
                self.push("PUBLIC_PRINCIPAL", format!("{base}/{key}"),
                    "the statement allows everyone, with no condition to narrow it".to_owned(),
                    Some("name the principals, or add a condition such as `aws:SourceVpce`, `acs:SourceVpc` or `aws:PrincipalOrgID`".to_owned()));
            }
        }
        // Conditions.
        let prefixes: Vec<&str> =
            items.iter().filter_map(|a| a.as_str().split_once(':').map(|(p, _)| p)).collect();
        if let Some(c) = &s.condition {
            for (op, key, values) in c.iter() {
                let at = format!("{base}/Condition/{}/{}", op, crate::json::escape_pointer(key));
                if values.is_empty() {
                    self.push("EMPTY_ARRAY", at.clone(), format!("`{key}` has no values"), None);
                }
                if let Some(c) = check_condition_key(cloud, key, &prefixes) {
                    self.push(c.code, at, c.message, c.help);
                    continue;
                }
                let Some(k) = catalog::find_key(cloud, key) else { continue };
                if op.set() == Some(SetQualifier::ForAllValues)
                    && !k.ty().starts_with("ArrayOf")
                    && !k.name().contains("TagKeys")
                {
                    self.push("FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY", at.clone(),
                        format!("`ForAllValues:` on `{key}`, a single-valued key ({})", k.ty()),
                        Some("`ForAllValues` is true when the key is missing; use the operator without the qualifier".to_owned()));
                }
                if let Some(expected) = mismatched_key_type(op.base(), k.ty()) {
                    self.push(
                        "MISMATCHED_KEY_TYPE",
                        at,
                        format!(
                            "`{op}` compares {}, but `{key}` is of type {}",
                            op.base().value_type().plural(),
                            k.ty()
                        ),
                        Some(format!("use {expected}")),
                    );
                }
            }
        }
    }

    /// The catalog's prerequisites (the RocketMQ `mq:QueryInstanceBaseInfo` rule), through
    /// [`missing_prerequisites`] as `policy!` checks them.
    fn prerequisites(&mut self, cloud: Cloud, p: &Policy) {
        // The statements that grant: `Allow`, without `NotAction` or `NotResource`.
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
        for m in missing_prerequisites(cloud, &grants, |_| false) {
            let Some((i, r)) = granting.get(m.grant) else { continue };
            let Some(pat) = r.items().as_slice().get(m.resource) else { continue };
            let at = if r.items().is_single() {
                format!("{}/Resource", p.statement_pointer(*i))
            } else {
                format!("{}/Resource/{}", p.statement_pointer(*i), m.resource)
            };
            let pre = m.prerequisite;
            self.push(
                "MISSING_PREREQUISITE",
                at,
                format!(
                    "`{pat}` needs `{}` granted on the {} as well, and this policy does not grant it",
                    pre.action(),
                    pre.resource_type()
                ),
                Some(format!(
                    "add a statement that allows `{}` on the {}",
                    pre.action(),
                    pre.resource_type()
                )),
            );
        }
    }
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

/// A documentation placeholder (`{Bucket Name}`, `<instanceId>`) in a resource; `${…}` is a policy
/// variable, not a placeholder.
fn doc_placeholder(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let close = match b {
            b'{' if i == 0 || bytes.get(i - 1) != Some(&b'$') => b'}',
            b'<' => b'>',
            _ => continue,
        };
        if let Some(len) = bytes.get(i + 1..).and_then(|rest| rest.iter().position(|&c| c == close)) {
            return text.get(i..=i + 1 + len);
        }
    }
    None
}

/// The pattern with each documentation placeholder replaced by a plain name (`x`), for fitting.
fn without_placeholders(p: &Pattern) -> Pattern {
    let mut text = p.to_string();
    let mut changed = false;
    while let Some(ph) = doc_placeholder(&text) {
        text = text.replacen(ph, "x", 1);
        changed = true;
    }
    if changed {
        if let Ok(q) = Pattern::parse_in_document(&text) {
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
fn mismatched_key_type(op: BaseOperator, key_type: &str) -> Option<&'static str> {
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
