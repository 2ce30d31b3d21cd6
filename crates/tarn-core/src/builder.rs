//! Policies assembled at run time from typed actions, typed ARNs and validated segments, checked against
//! the catalogs the way `policy!` checks them at compile time.

use std::fmt;

use tarn_arn::{Arn, Pattern};
use tarn_catalog as catalog;

use crate::condition::{Condition, ConditionValue, JsonType, Operator};
use crate::diagnostic::{Code, Element, Site};
use crate::model::{
    Action, Dialect, Effect, ElementList, List, Policy, Principal, PrincipalElement, Statement, Version,
};
use crate::rules;

/// Something that names a resource: a [`Pattern`], an [`Arn`], or text (parsed as a pattern when the
/// policy is built; a rendered [`tarn_arn::Template`] is text made of validated segments).
pub trait IntoResource {
    /// The pattern, or why the text is not one.
    fn into_resource(self) -> Result<Pattern, String>;
}

impl IntoResource for Pattern {
    fn into_resource(self) -> Result<Pattern, String> {
        Ok(self)
    }
}

impl IntoResource for &Pattern {
    fn into_resource(self) -> Result<Pattern, String> {
        Ok(self.clone())
    }
}

impl IntoResource for &Arn {
    fn into_resource(self) -> Result<Pattern, String> {
        Pattern::parse(self.as_str()).map_err(|e| e.to_string())
    }
}

impl IntoResource for Arn {
    fn into_resource(self) -> Result<Pattern, String> {
        (&self).into_resource()
    }
}

impl IntoResource for &str {
    fn into_resource(self) -> Result<Pattern, String> {
        Pattern::parse(self).map_err(|e| format!("`{self}`: {e}"))
    }
}

impl IntoResource for String {
    fn into_resource(self) -> Result<Pattern, String> {
        self.as_str().into_resource()
    }
}

impl IntoResource for &String {
    fn into_resource(self) -> Result<Pattern, String> {
        self.as_str().into_resource()
    }
}

/// One problem found while building a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildIssue {
    /// The statement's index.
    pub statement: usize,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
}

impl fmt::Display for BuildIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "statement {}: {}", self.statement, self.message)
    }
}

/// Why a policy could not be built: every problem found, not just the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    issues: Vec<BuildIssue>,
}

impl BuildError {
    /// The problems.
    pub fn issues(&self) -> &[BuildIssue] {
        &self.issues
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{issue}")?;
            if let Some(h) = &issue.help {
                write!(f, " (help: {h})")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

#[derive(Debug, Clone)]
enum PendingAction {
    Catalog(&'static catalog::Action),
    Named(String),
    /// A name the catalog need not know: only its syntax is checked.
    Unchecked(String),
}

/// A statement being built; see [`Policy::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct StatementBuilder {
    effect: Effect,
    sid: Option<String>,
    actions: Vec<(bool, PendingAction)>,
    /// `(not, unchecked, resource)`.
    resources: Vec<(bool, bool, Result<Pattern, String>)>,
    principal: Option<PrincipalElement>,
    conditions: Vec<(String, String, Vec<String>)>,
}

impl StatementBuilder {
    fn new(effect: Effect) -> Self {
        Self {
            effect,
            sid: None,
            actions: Vec::new(),
            resources: Vec::new(),
            principal: None,
            conditions: Vec::new(),
        }
    }

    /// A statement that allows.
    pub fn allow() -> Self {
        Self::new(Effect::Allow)
    }

    /// A statement that denies.
    pub fn deny() -> Self {
        Self::new(Effect::Deny)
    }

    /// The statement ID (IAM only).
    pub fn sid(mut self, sid: impl Into<String>) -> Self {
        self.sid = Some(sid.into());
        self
    }

    /// Adds a catalog action: a typed enum value (`tarn::typed::alibaba::mq::Action::PUB`) or a
    /// `&'static tarn_catalog::Action`.
    pub fn action(mut self, action: impl Into<&'static catalog::Action>) -> Self {
        self.actions.push((false, PendingAction::Catalog(action.into())));
        self
    }

    /// Adds several catalog actions.
    pub fn actions<A: Into<&'static catalog::Action>>(
        mut self,
        actions: impl IntoIterator<Item = A>,
    ) -> Self {
        self.actions.extend(actions.into_iter().map(|a| (false, PendingAction::Catalog(a.into()))));
        self
    }

    /// Adds an action by name, checked against the catalog when the policy is built: `log:GetLogStore`,
    /// a pattern such as `log:Get*`, or `*`.
    pub fn action_named(mut self, name: impl Into<String>) -> Self {
        self.actions.push((false, PendingAction::Named(name.into())));
        self
    }

    /// Adds an action the catalog may not know (a new AWS action, an Alibaba Cloud service tarn has no
    /// catalog of): its syntax is checked, its name is not, and it takes no part in the check that actions
    /// and resources fit. The explicit way past the catalog, as `unchecked` in `policy!`.
    ///
    /// ```
    /// use tarn_core::{Dialect, Policy, StatementBuilder};
    /// let p = Policy::builder(Dialect::Ram)
    ///     .statement(StatementBuilder::allow().action_unchecked("elasticsearch:DescribeInstance").resource_unchecked("acs:elasticsearch:*:*:instances/es-cn-1"))
    ///     .build()?;
    /// assert_eq!(p.statements()[0].actions().items()[0].as_str(), "elasticsearch:DescribeInstance");
    /// assert!(Policy::builder(Dialect::Ram).statement(StatementBuilder::allow().action_unchecked("ecs StartInstance")).build().is_err());
    /// # Ok::<(), tarn_core::BuildError>(())
    /// ```
    pub fn action_unchecked(mut self, name: impl Into<String>) -> Self {
        self.actions.push((false, PendingAction::Unchecked(name.into())));
        self
    }

    /// Adds a `NotAction` entry by name (a statement has `Action` or `NotAction`, not both).
    pub fn not_action_named(mut self, name: impl Into<String>) -> Self {
        self.actions.push((true, PendingAction::Named(name.into())));
        self
    }

    /// Adds a resource.
    pub fn resource(mut self, resource: impl IntoResource) -> Self {
        self.resources.push((false, false, resource.into_resource()));
        self
    }

    /// Adds a resource whose format the catalog may not know: it must be an ARN pattern of the dialect, but
    /// it takes no part in the check that actions and resources fit (see [`StatementBuilder::action_unchecked`]).
    pub fn resource_unchecked(mut self, resource: impl IntoResource) -> Self {
        self.resources.push((false, true, resource.into_resource()));
        self
    }

    /// Adds a `NotResource` entry (a statement has `Resource` or `NotResource`, not both).
    pub fn not_resource(mut self, resource: impl IntoResource) -> Self {
        self.resources.push((true, false, resource.into_resource()));
        self
    }

    /// Sets the `Principal`.
    pub fn principal(mut self, principal: Principal) -> Self {
        self.principal = Some(PrincipalElement::only(principal));
        self
    }

    /// Sets the `NotPrincipal` (IAM only).
    pub fn not_principal(mut self, principal: Principal) -> Self {
        self.principal = Some(PrincipalElement::all_but(principal));
        self
    }

    /// Adds a condition: operator name (`StringEquals`, `IpAddress`, ...), key and values; each value is read
    /// for the operator's type when the policy is built.
    pub fn condition<V: Into<String>>(
        mut self,
        operator: impl Into<String>,
        key: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        self.conditions.push((operator.into(), key.into(), values.into_iter().map(Into::into).collect()));
        self
    }
}

/// A policy being built; see [`Policy::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct PolicyBuilder {
    dialect: Dialect,
    version: Version,
    id: Option<String>,
    statements: Vec<StatementBuilder>,
}

impl Policy {
    /// Starts a policy of `dialect`, built from typed actions, typed ARNs and validated segments, with the
    /// checks that `policy!` makes at compile time: every action exists, every resource fits a resource
    /// type of one of the statement's actions and every action has a resource it applies to, nothing of
    /// the other cloud, conditions that the dialect has. Errors are collected and returned by
    /// [`PolicyBuilder::build`], never panicked.
    ///
    /// ```
    /// use tarn_core::typed::alibaba::mq;
    /// use tarn_core::{Dialect, Policy, StatementBuilder, Segment, Template};
    ///
    /// let topic = Template::parse("acs:mq:*:*:${InstanceId}%${Topic}").unwrap();
    /// let (inst, name) = (Segment::new("MQ_INST_1").unwrap(), Segment::new("orders").unwrap());
    /// let arn = topic.render(|p| match p { "InstanceId" => Some(&inst), _ => Some(&name) }).unwrap();
    ///
    /// let policy = Policy::builder(Dialect::Ram)
    ///     .statement(StatementBuilder::allow().action(mq::Action::QueryInstanceBaseInfo).resource("acs:mq:*:*:MQ_INST_1"))
    ///     .statement(StatementBuilder::allow().actions([mq::Action::PUB, mq::Action::SUB]).resource(arn))
    ///     .build()
    ///     .unwrap();
    /// assert_eq!(policy.to_json(), concat!(
    ///     r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["mq:QueryInstanceBaseInfo"],"#,
    ///     r#""Resource":["acs:mq:*:*:MQ_INST_1"]},{"Effect":"Allow","Action":["mq:PUB","mq:SUB"],"#,
    ///     r#""Resource":["acs:mq:*:*:MQ_INST_1%orders"]}]}"#));
    ///
    /// // mq:QueryInstanceBaseInfo applies to instances, not to topics:
    /// let err = Policy::builder(Dialect::Ram)
    ///     .statement(StatementBuilder::allow().action(mq::Action::QueryInstanceBaseInfo).resource("acs:mq:*:*:MQ_INST_1%orders"))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "statement 0: `acs:mq:*:*:MQ_INST_1%orders` is of resource types `group`, \
    ///     `mqtt_account`, `topic`, which none of the statement's actions applies to\nstatement 0: \
    ///     `mq:QueryInstanceBaseInfo` applies to none of the resources (help: it applies to instance \
    ///     (`acs:mq:${RegionId}:${AccountId}:${InstanceId}`))");
    /// ```
    pub fn builder(dialect: Dialect) -> PolicyBuilder {
        PolicyBuilder { dialect, version: dialect.default_version(), id: None, statements: Vec::new() }
    }
}

impl PolicyBuilder {
    /// Sets the version (IAM: `2012-10-17` by default, or the legacy `2008-10-17`).
    pub fn version(mut self, version: Version) -> Self {
        self.version = version;
        self
    }

    /// Sets the policy ID (IAM only).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Adds a statement.
    pub fn statement(mut self, statement: StatementBuilder) -> Self {
        self.statements.push(statement);
        self
    }

    /// Checks everything and returns the policy, or every problem found.
    pub fn build(self) -> Result<Policy, BuildError> {
        let d = self.dialect;
        let mut issues = Vec::new();
        let mut issue = |statement: usize, message: String, help: Option<String>| {
            issues.push(BuildIssue { statement, message, help });
        };
        if self.version.dialect() != d {
            issue(
                0,
                format!("version `{}` is not a {d} version", self.version),
                Some(format!("use `{}`", d.default_version())),
            );
        }
        if self.id.is_some() && d == Dialect::Ram {
            issue(0, "RAM policies have no `Id`".to_owned(), None);
        }
        if self.statements.is_empty() {
            issue(
                0,
                "the policy has no statements".to_owned(),
                Some("add one with `.statement(...)`".to_owned()),
            );
        }
        let mut statements = Vec::new();
        for (i, sb) in self.statements.into_iter().enumerate() {
            let mut report = |m: String, h: Option<String>| issue(i, m, h);
            if let Some(s) = build_statement(d, sb, &mut report) {
                statements.push(s);
            }
        }
        if !issues.is_empty() {
            return Err(BuildError { issues });
        }
        Ok(Policy {
            dialect: d,
            version: Some(self.version),
            id: self.id,
            statements,
            single_statement: false,
        })
    }
}

/// An action resolved against the catalog: its text and the catalog actions it stands for (empty for
/// `*`, which is every action).
struct Resolved {
    text: String,
    actions: Vec<&'static catalog::Action>,
}

fn resolve(
    d: Dialect,
    a: PendingAction,
    report: &mut impl FnMut(String, Option<String>),
) -> Option<Resolved> {
    let cloud = d.cloud();
    match a {
        PendingAction::Catalog(act) => {
            if act.cloud() != Some(cloud) {
                report(
                    format!("`{}` is an action of {}, not of {d}", act.full_name(), cloud.other().title()),
                    Some(format!("use the `tarn::typed::{}` actions", cloud.name())),
                );
                return None;
            }
            Some(Resolved { text: act.full_name(), actions: vec![act] })
        }
        PendingAction::Named(name) => {
            if let Err(e) = Action::parse(&name) {
                report(e.to_string(), Some(e.help().to_owned()));
                return None;
            }
            if name == "*" {
                return Some(Resolved { text: name, actions: Vec::new() });
            }
            // The catalog rule the linter and `policy!` use; an old name resolves to its action.
            let (actions, problem) = rules::action_in_catalog(cloud, &name, Site::Policy);
            match problem {
                Some(p) if p.code != Code::DeprecatedAlias => {
                    let unchecked =
                        format!("if the name is right, add it with `.action_unchecked(\"{name}\")`");
                    let help = match p.help {
                        Some(h) => format!("{h}; {unchecked}"),
                        None => unchecked,
                    };
                    report(p.message, Some(help));
                    None
                }
                // An expansion that is not all the name covers, or an action whose resource types no current
                // page confirms, takes no part in the fit: the builder refuses only what is certain.
                _ => {
                    let actions = rules::fit_set(cloud, &name, actions);
                    let actions = if rules::fit_confirmed(&actions) { actions } else { Vec::new() };
                    Some(Resolved { text: name, actions })
                }
            }
        }
        PendingAction::Unchecked(name) => {
            if let Err(e) = Action::parse(&name) {
                report(e.to_string(), Some(e.help().to_owned()));
                return None;
            }
            if let Some(p) = rules::service_wildcard_in_dialect(d, &name, Site::Policy) {
                report(p.message, p.help);
                return None;
            }
            // No catalog actions: like `*`, it takes no part in the fit check.
            Some(Resolved { text: name, actions: Vec::new() })
        }
    }
}

fn build_statement(
    d: Dialect,
    sb: StatementBuilder,
    report: &mut impl FnMut(String, Option<String>),
) -> Option<Statement> {
    let cloud = d.cloud();
    let mut ok = true;
    let present = [
        (Element::Sid, sb.sid.is_some()),
        (Element::NotPrincipal, sb.principal.as_ref().is_some_and(|p| p.is_not())),
    ];
    for (element, _) in present.into_iter().filter(|(_, there)| *there) {
        if let Some(diag) = rules::element_in_dialect(d, element, Site::Policy) {
            report(diag.message, diag.help);
            ok = false;
        }
    }
    if let Some(p) = &sb.principal {
        ok &= check_principal(d, p.principal(), report);
    }

    // Actions.
    let not_actions = sb.actions.iter().any(|(n, _)| *n);
    if not_actions && sb.actions.iter().any(|(n, _)| !*n) {
        report("a statement has `Action` or `NotAction`, not both".to_owned(), None);
        ok = false;
    }
    if sb.actions.is_empty() {
        report("the statement has no actions".to_owned(), Some("add one with `.action(...)`".to_owned()));
        ok = false;
    }
    let mut resolved = Vec::new();
    for (_, a) in sb.actions {
        match resolve(d, a, report) {
            Some(r) => resolved.push(r),
            None => ok = false,
        }
    }

    // Resources.
    let not_resources = sb.resources.iter().any(|(n, _, _)| *n);
    if not_resources && sb.resources.iter().any(|(n, _, _)| !*n) {
        report("a statement has `Resource` or `NotResource`, not both".to_owned(), None);
        ok = false;
    }
    let mut patterns = Vec::new();
    // The resources the fit check reads: all but the unchecked ones.
    let mut checked = Vec::new();
    for (_, unchecked, r) in sb.resources {
        if let Ok(p) = &r {
            if !unchecked {
                checked.push(p.clone());
            }
        }
        match r {
            Ok(p) => match p.cloud() {
                Some(c) if c != cloud => {
                    report(
                        format!("`{p}` is an {} ARN, but this is a {d} policy", cloud.other().title()),
                        Some(format!("{d} resources start with `{}:`", cloud.arn_prefix())),
                    );
                    ok = false;
                }
                _ => patterns.push(p),
            },
            Err(e) => {
                report(e, None);
                ok = false;
            }
        }
    }

    if ok && !not_actions && !not_resources && !checked.is_empty() {
        ok &= check_fit(&resolved, &checked, report);
    }

    // Conditions.
    let mut condition = None;
    for (op_name, key, values) in sb.conditions {
        let op = match Operator::parse(&op_name) {
            Ok(op) => op,
            Err(e) => {
                report(e.to_string(), None);
                ok = false;
                continue;
            }
        };
        if let Some(why) = op.unsupported_in(d) {
            report(format!("`{op}`: {why}"), None);
            ok = false;
        }
        if let Some(diag) = rules::condition_key_in_dialect(d, &key, Site::Policy) {
            report(diag.message, diag.help);
            ok = false;
        }
        let mut list = Vec::new();
        for v in &values {
            match ConditionValue::parse(op.base().value_type(), v, JsonType::String) {
                Ok(v) => list.push(v),
                Err(e) => {
                    report(format!("{e} (`{op}` on `{key}`)"), None);
                    ok = false;
                }
            }
        }
        condition.get_or_insert_with(Condition::new).add(op, &key, List::new(list));
    }

    if !ok {
        return None;
    }
    let mut action_list = Vec::new();
    for r in &resolved {
        match Action::parse(&r.text) {
            Ok(a) => action_list.push(a),
            Err(e) => {
                report(e.to_string(), None);
                return None;
            }
        }
    }
    let actions = if not_actions {
        ElementList::all_but(List::new(action_list))
    } else {
        ElementList::only(List::new(action_list))
    };
    let resources = if patterns.is_empty() {
        None
    } else if not_resources {
        Some(ElementList::all_but(List::new(patterns)))
    } else {
        Some(ElementList::only(List::new(patterns)))
    };
    Some(Statement { sid: sb.sid, effect: sb.effect, principal: sb.principal, actions, resources, condition })
}

fn check_principal(d: Dialect, p: &Principal, report: &mut impl FnMut(String, Option<String>)) -> bool {
    match p {
        Principal::Any => true,
        Principal::Uids(_) if d == Dialect::Iam => {
            report(
                "an IAM principal is `\"*\"` or a map".to_owned(),
                Some("use `Principal::Map`".to_owned()),
            );
            false
        }
        Principal::Uids(_) => true,
        Principal::Map(entries) => {
            let mut ok = true;
            for (kind, _) in entries {
                if kind.dialect().is_some_and(|k| k != d) {
                    report(format!("{d} principals have no `{kind}` kind"), None);
                    ok = false;
                }
            }
            ok
        }
    }
}

/// Every resource must fit a resource type of some action of the statement, and every action must apply
/// to some resource; each problem becomes a message.
fn check_fit(
    actions: &[Resolved],
    patterns: &[Pattern],
    report: &mut impl FnMut(String, Option<String>),
) -> bool {
    let sets: Vec<&[&'static catalog::Action]> = actions.iter().map(|r| r.actions.as_slice()).collect();
    let problems = crate::fit::check_fit(&sets, patterns);
    for p in &problems {
        let (message, help) = p.describe(|i| actions.get(i).map_or("", |r| r.text.as_str()), patterns);
        report(message, help);
    }
    problems.is_empty()
}
