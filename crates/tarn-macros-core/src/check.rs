//! The checks of `policy!`: the grammar's input against the rules of tarn-core (the same rules the linter
//! runs) and the catalogs, each problem placed at the tokens it is about; and the checked policy to expand.

use proc_macro2::{Ident, Span, TokenStream};
use tarn_arn::{Cloud, Pattern, Template};
use tarn_catalog as catalog;
use tarn_core::fit::{check_fit, FitProblem};
use tarn_core::lint::{Code, Element, Site};
use tarn_core::rules::{dialect_of, Evidence};
use tarn_core::{ConditionValue, Dialect, JsonType, Operator, PolicyKind, ValueType};

use crate::diag::Diag;
use crate::parse::{self, CondValue, Input, PrincipalKw, Resource, Spanned, Statement};

/// Checks a policy body and returns what to generate, the errors and the warnings (for tests and tools),
/// each warning with the name of the deprecated item that carries it.
pub fn check(body: TokenStream) -> (Option<Checked>, Vec<Diag>, Vec<(&'static str, Diag)>) {
    let mut diags = Vec::new();
    let input = parse::parse(body, &mut diags);
    let mut warnings = Vec::new();
    let checked = Checker { diags: &mut diags, warnings: &mut warnings }.run(&input);
    (checked, diags, warnings)
}

/// A checked policy, ready to generate.
#[derive(Debug)]
pub struct Checked {
    /// `let` bindings, in order: everything between `let` and `;`.
    pub(crate) lets: Vec<TokenStream>,
    pub(crate) dialect: Dialect,
    pub(crate) version: tarn_core::Version,
    pub(crate) id: Option<String>,
    pub(crate) statements: Vec<CStatement>,
}

#[derive(Debug)]
pub(crate) struct CStatement {
    pub(crate) allow: bool,
    pub(crate) sid: Option<String>,
    pub(crate) not_action: bool,
    pub(crate) actions: Vec<String>,
    pub(crate) not_resource: bool,
    pub(crate) resources: Vec<CResource>,
    pub(crate) principal: Option<(bool, CPrincipal)>,
    pub(crate) conditions: Vec<CCondition>,
}

/// A condition key under an operator, with its values.
pub(crate) type CCondition = (Operator, String, Vec<CValue>);

/// A condition value: written in the policy, or a placeholder bound at run time.
#[derive(Debug)]
pub(crate) enum CValue {
    /// Text and JSON type, checked against the operator.
    Static(String, JsonType),
    /// `<name>`: the variable, and the `__private` function whose trait bound checks its type against the
    /// operator (`string`, `like`, `ip`, `date`, `number`, `boolean`).
    Bound(Ident, &'static str),
}

#[derive(Debug)]
pub(crate) enum CResource {
    Static(String),
    /// `pieces` around the placeholders bound to `binds` (one piece more than binds).
    Rendered {
        pieces: Vec<String>,
        binds: Vec<Ident>,
    },
}

#[derive(Debug)]
pub(crate) enum CPrincipal {
    Any,
    Uids(Vec<String>),
    Map(Vec<(tarn_core::PrincipalKind, Vec<String>)>),
}

/// Per action as written, the catalog actions it stands for (empty: `*`).
type ActionSets = Vec<Vec<&'static catalog::Action>>;

/// A statement as the prerequisite rule sees it: whether it grants (an `Allow` without `Not…`), its
/// action sets, and its resources' patterns with their indices.
type Grant = (bool, ActionSets, Vec<(Pattern, usize)>);

struct Checker<'d> {
    diags: &'d mut Vec<Diag>,
    warnings: &'d mut Vec<(&'static str, Diag)>,
}

fn err(s: &Spanned, message: String) -> Diag {
    Diag::new(s.start, s.end, message)
}

/// A resource after reading: its pattern with `*` for each placeholder (for fit), and the pieces.
struct ReadResource {
    pattern: Pattern,
    generated: CResource,
}

impl Checker<'_> {
    fn run(&mut self, input: &Input) -> Option<Checked> {
        let cloud = self.cloud(input)?;
        let dialect = Dialect::of(cloud);
        let kind = input.kind.as_ref().and_then(|k| self.kind(k));
        let mut statements = Vec::new();
        // Per statement: the catalog actions of each action, and the patterns of the resources.
        let mut grants: Vec<Grant> = Vec::new();
        for s in &input.statements {
            let (cs, sets, patterns) = self.statement(cloud, s);
            grants.push((s.allow && !s.not_action && !s.not_resource, sets, patterns));
            statements.push(cs);
        }
        for a in &input.acknowledged {
            if catalog::expand(cloud, &a.text).is_err() {
                self.diags.push(err(a, format!("unknown action `{}` to acknowledge", a.text)));
            }
        }
        let mut version = dialect.default_version();
        if let Some(v) = &input.version {
            match tarn_core::Version::parse(&v.text) {
                Some(parsed) if parsed.dialect() == dialect => version = parsed,
                _ => {
                    let help = match dialect {
                        Dialect::Ram => "RAM's only version is `\"1\"`, the default",
                        Dialect::Iam => "IAM's versions are `\"2012-10-17\"`, the default, and the legacy `\"2008-10-17\"`",
                    };
                    self.diags.push(err(v, format!("`{}` is not a {dialect} version", v.text)).help(help));
                }
            }
        }
        if let Some(id) = &input.id {
            if let Some(d) = tarn_core::rules::element_in_dialect(dialect, Element::Id, Site::Policy) {
                self.diags.push(err(id, d.message).help("remove `id \"…\";`"));
            }
        }
        if !self.diags.is_empty() {
            return None;
        }
        let lets = input.lets.iter().map(|l| l.tokens.clone()).collect();
        let checked =
            Checked { lets, dialect, version, id: input.id.as_ref().map(|i| i.text.clone()), statements };
        if let Some((kind, span)) = kind {
            self.kind_rules(input, &checked, kind, span);
        }
        self.prerequisites(cloud, input, &grants);
        Some(checked)
    }

    /// The cloud: stated, or told by the resources, principals or action names; never guessed.
    fn cloud(&mut self, input: &Input) -> Option<Cloud> {
        let mut found: Option<(Cloud, String)> = None;
        if let Some(c) = &input.cloud {
            match c.text.as_str() {
                "alibaba" => found = Some((Cloud::Alibaba, "`cloud alibaba`".to_owned())),
                "aws" => found = Some((Cloud::Aws, "`cloud aws`".to_owned())),
                other => {
                    self.diags.push(
                        err(c, format!("unknown cloud `{other}`"))
                            .help("write `cloud alibaba;` or `cloud aws;`"),
                    );
                    return None;
                }
            }
        }
        let mut conflict = false;
        for s in &input.statements {
            for r in &s.resources {
                let Some(c) = dialect_of(Evidence::Resource(&r.src.text)).map(Dialect::cloud) else {
                    continue;
                };
                match &found {
                    None => found = Some((c, format!("`{}`", r.src.text))),
                    Some((f, why)) if *f != c => {
                        conflict = true;
                        self.diags.push(
                            err(&r.src, format!("`{}` is an {} ARN, but {why} makes this an {} policy", r.src.text, c.title(), f.title()))
                                .help("a policy is for one cloud: `acs:` ARNs for Alibaba Cloud, `arn:` ARNs for AWS"),
                        );
                    }
                    Some(_) => {}
                }
            }
            for p in &s.principals {
                let value = p.value.as_ref().map(|v| v.text.as_str()).unwrap_or_default();
                let evidence = match p.kind {
                    PrincipalKw::Ram => Evidence::PrincipalKind(tarn_core::PrincipalKind::Ram),
                    PrincipalKw::Aws => Evidence::PrincipalKind(tarn_core::PrincipalKind::Aws),
                    PrincipalKw::CanonicalUser => {
                        Evidence::PrincipalKind(tarn_core::PrincipalKind::CanonicalUser)
                    }
                    PrincipalKw::Uid => Evidence::UidList,
                    PrincipalKw::Service => Evidence::ServicePrincipal(value),
                    PrincipalKw::Any | PrincipalKw::Federated => continue,
                };
                let Some(c) = dialect_of(evidence).map(Dialect::cloud) else {
                    continue;
                };
                match &found {
                    None => found = Some((c, format!("the principal `{}`", p.kw.text))),
                    Some((f, why)) if *f != c => {
                        conflict = true;
                        self.diags.push(err(
                            &p.kw,
                            format!(
                                "`{}` principals are {}'s, but {why} makes this an {} policy",
                                p.kw.text,
                                c.title(),
                                f.title()
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        if conflict {
            return None;
        }
        if found.is_none() {
            // Global condition keys (`acs:SourceIp`, `aws:SourceIp`), as the reader reads them; a key of the
            // other cloud than the rest says is reported by the condition rules.
            let keys = input.statements.iter().flat_map(|s| &s.conditions).map(|c| &c.key);
            found = keys
                .filter_map(|k| {
                    dialect_of(Evidence::ConditionKey(&k.text)).map(|d| (d.cloud(), format!("`{}`", k.text)))
                })
                .next();
        }
        if found.is_none() {
            // Action names, when their service exists in one cloud only.
            for a in input.statements.iter().flat_map(|s| &s.actions) {
                let knows = |cloud: Cloud| {
                    let Some((prefix, name)) = a.text.split_once(':') else {
                        return false;
                    };
                    catalog::service(cloud, prefix).is_some_and(|svc| {
                        catalog::expand(cloud, &a.text).is_ok_and(|v| !v.is_empty())
                            || svc.api(name).is_some()
                    })
                };
                let prefix = a.text.split_once(':').map_or("", |(p, _)| p);
                let (svc_ali, svc_aws) = (
                    catalog::service(Cloud::Alibaba, prefix).is_some(),
                    catalog::service(Cloud::Aws, prefix).is_some(),
                );
                let (ali, aws) = if svc_ali != svc_aws {
                    (svc_ali, svc_aws)
                } else {
                    (knows(Cloud::Alibaba), knows(Cloud::Aws))
                };
                if ali != aws {
                    found = Some((if ali { Cloud::Alibaba } else { Cloud::Aws }, String::new()));
                    break;
                }
            }
        }
        match found {
            Some((c, _)) => Some(c),
            // Statements that did not parse may be what would have told; their errors are enough.
            None if !self.diags.is_empty() => None,
            None => {
                let at = input.statements.first().map_or_else(
                    || Diag::new(Span::call_site(), Span::call_site(), String::new()),
                    |s| {
                        Diag::new(
                            s.effect.start,
                            s.actions.last().map_or(s.effect.end, |a| a.end),
                            String::new(),
                        )
                    },
                );
                self.diags.push(Diag {
                    message: "cannot tell whether this policy is for Alibaba Cloud or for AWS".to_owned(),
                    help: Some(
                        "its resources and actions exist in both clouds (or it is on `*` alone); start it with \
                         `cloud alibaba;` or `cloud aws;`"
                            .to_owned(),
                    ),
                    ..at
                });
                None
            }
        }
    }

    fn kind(&mut self, k: &Spanned) -> Option<(PolicyKind, Span)> {
        let kind = match k.text.as_str() {
            "managed" => PolicyKind::Managed,
            "inline_user" => PolicyKind::InlineUser,
            "inline_role" => PolicyKind::InlineRole,
            "inline_group" => PolicyKind::InlineGroup,
            "bucket" => PolicyKind::Bucket,
            "resource" => PolicyKind::Resource,
            "trust" => PolicyKind::Trust,
            "session" => PolicyKind::Session,
            "control" => PolicyKind::Control,
            "resource_control" => PolicyKind::ResourceControl,
            other => {
                self.diags.push(err(k, format!("unknown policy kind `{other}`")).help(
                    "the kinds are `managed`, `inline_user`, `inline_role`, `inline_group`, `bucket`, `resource`, `trust`, `session`, `control` and `resource_control`",
                ));
                return None;
            }
        };
        Some((kind, k.start))
    }

    fn statement(&mut self, cloud: Cloud, s: &Statement) -> (CStatement, ActionSets, Vec<(Pattern, usize)>) {
        let dialect = Dialect::of(cloud);
        if let Some(sid) = &s.sid {
            if let Some(d) = tarn_core::rules::element_in_dialect(dialect, Element::Sid, Site::Policy) {
                self.diags.push(err(sid, d.message).help("remove `sid \"…\"`"));
            }
        }
        // Actions.
        let mut sets = Vec::new();
        for (k, a) in s.actions.iter().enumerate() {
            let unchecked = s.unchecked_actions.get(k).cloned().flatten();
            if let Err(e) = tarn_core::Action::parse(&a.text) {
                self.diags.push(err(a, e.to_string()).help(e.help()));
                sets.push(Vec::new());
                continue;
            }
            if a.text == "*" {
                if let Some(u) = &unchecked {
                    self.unneeded_unchecked(u, "`*`");
                }
                sets.push(Vec::new());
                continue;
            }
            // The rule reports at a site of the model; the tokens of the action are that site here.
            let (found, problem) = tarn_core::rules::action_in_catalog(cloud, &a.text, Site::Policy);
            // The catalog knows the name (an old one stands for its action); only a whole expansion takes part
            // in the fit.
            let known = problem.as_ref().is_none_or(|c| c.code == Code::DeprecatedAlias);
            let whole = tarn_core::rules::expansion_is_whole(cloud, &a.text);
            match (problem, &unchecked) {
                (None, None) => {}
                (Some(c), None) if known => {
                    self.warnings.push(("tarn_deprecated_alias", err(a, c.message).help_opt(c.help)));
                }
                (Some(c), None) => {
                    let help = unknown_name_help(cloud, &a.text, c.help, c.code);
                    self.diags.push(err(a, c.message).help_opt(help));
                }
                // `unchecked` waives the catalog, not the grammar of the dialect.
                (Some(c), Some(_)) if c.code == Code::InvalidAction => {
                    self.diags.push(err(a, c.message).help_opt(c.help));
                }
                // A name the catalog does not know, written on purpose: no catalog actions, no fit. A known one
                // needs no `unchecked`, unless its expansion is not whole.
                (_, Some(u)) => {
                    if known && whole {
                        self.unneeded_unchecked(u, &format!("`{}`", a.text));
                    }
                }
            }
            sets.push(if known { tarn_core::rules::fit_set(cloud, &a.text, found) } else { Vec::new() });
        }
        // Resources.
        let mut resources = Vec::new();
        let mut patterns = Vec::new();
        for (i, r) in s.resources.iter().enumerate() {
            if let Some(read) = self.resource(cloud, r) {
                patterns.push((read.pattern, i));
                resources.push(read.generated);
            }
        }
        // Fit: at least one resource for each action and one action for each resource.
        let fit_errors_before = self.diags.len();
        // (Unchecked actions and wildcard service prefixes name no one service to compare with.)
        let action_services: Vec<&str> = s
            .actions
            .iter()
            .zip(&s.unchecked_actions)
            .filter(|(a, u)| a.text != "*" && u.is_none())
            .filter_map(|(a, _)| a.text.split_once(':').map(|(p, _)| p))
            .filter(|p| !p.contains(['*', '?']))
            .collect();
        // The services whose ARNs the actions' resource types name (`sts:AssumeRole` names `iam` roles).
        let mut arn_services: Vec<&str> = action_services.clone();
        for a in sets.iter().flatten() {
            let Some(svc) = a.service() else { continue };
            for rt in a.resource_types() {
                if let Some(t) = svc.resource_type(rt.resource_type()) {
                    if let Some(arn_svc) = t.arn().split(':').nth(2) {
                        arn_services.push(arn_svc);
                    }
                }
            }
        }
        let mut fitting: Vec<(Pattern, usize)> = Vec::new();
        for (p, i) in &patterns {
            let svc = p.service().unwrap_or_default();
            // `unchecked`: the catalog need not know the format; a format it knows makes the word needless.
            if let Some(u) = s.resources.get(*i).and_then(|r| r.unchecked.as_ref()) {
                let known = catalog::service(cloud, svc).is_some_and(|sv| !sv.fits(p).is_empty());
                if known || p.is_any() {
                    self.unneeded_unchecked(u, &format!("`{p}`"));
                }
                continue;
            }
            if !s.not_action
                && !s.not_resource
                && !p.is_any()
                && !action_services.is_empty()
                && !arn_services.iter().any(|a| a.eq_ignore_ascii_case(svc))
            {
                if let Some(r) = s.resources.get(*i) {
                    let list: Vec<String> = dedup(action_services.iter().map(|a| format!("`{a}`")));
                    self.diags.push(
                        err(&r.src, format!("`{}` is a resource of `{svc}`, but the statement's actions are of {}", r.src.text, list.join(" and ")))
                            .help("an action applies to resources of its own service; put this resource in a statement of its own"),
                    );
                }
                continue;
            }
            fitting.push((p.clone(), *i));
        }
        if !s.not_action && !s.not_resource && !fitting.is_empty() && self.diags.len() == fit_errors_before {
            let only: Vec<Pattern> = fitting.iter().map(|(p, _)| p.clone()).collect();
            let set_refs: Vec<&[&'static catalog::Action]> = sets.iter().map(Vec::as_slice).collect();
            // A mismatch that only older documentation shows is a warning, not an error.
            let confirmed = set_refs.iter().all(|set| tarn_core::rules::fit_confirmed(set));
            for problem in check_fit(&set_refs, &only) {
                let (message, help) =
                    problem.describe(|i| s.actions.get(i).map_or("", |a| a.text.as_str()), &only);
                let at = match &problem {
                    FitProblem::UnusedAction { action, .. } => s.actions.get(*action).cloned(),
                    FitProblem::UnknownService { resource, .. }
                    | FitProblem::FitsNoType { resource, .. }
                    | FitProblem::UnusedResource { resource, .. } => {
                        fitting.get(*resource).and_then(|(_, i)| s.resources.get(*i)).map(|r| r.src.clone())
                    }
                    _ => None,
                };
                let at = at.unwrap_or_else(|| s.effect.clone());
                let mut d = err(&at, message);
                if confirmed {
                    d.help = help;
                    self.diags.push(d);
                } else {
                    d.help = tarn_core::rules::unconfirmed_help(help);
                    self.warnings.push(("tarn_unconfirmed_resource_types", d));
                }
            }
        }
        // Principals.
        let principal = self.principals(dialect, s);
        // Conditions.
        let mut conditions = Vec::new();
        for c in &s.conditions {
            if let Some(cond) = self.condition(cloud, s, c) {
                conditions.push(cond);
            }
        }
        let cs = CStatement {
            allow: s.allow,
            sid: s.sid.as_ref().map(|x| x.text.clone()),
            not_action: s.not_action,
            actions: s.actions.iter().map(|a| a.text.clone()).collect(),
            not_resource: s.not_resource,
            resources,
            principal,
            conditions,
        };
        (cs, sets, patterns)
    }

    /// A warning for `unchecked` on what the catalog knows.
    fn unneeded_unchecked(&mut self, at: &Spanned, what: &str) {
        self.warnings.push((
            "tarn_unneeded_unchecked",
            err(at, format!("`unchecked` on {what}, which tarn's catalog knows"))
                .help("remove `unchecked`: the name is checked"),
        ));
    }

    fn resource(&mut self, cloud: Cloud, r: &Resource) -> Option<ReadResource> {
        let text = &r.src.text;
        if text == "*" {
            return Some(ReadResource {
                pattern: Pattern::any(),
                generated: CResource::Static(text.clone()),
            });
        }
        let (pieces, names) = split_placeholders(text);
        if !names.is_empty() {
            if let Err(e) = Template::parse(text) {
                self.diags.push(
                    err(&r.src, format!("{} in `{text}`", e.message())).help(e.help().unwrap_or_default()),
                );
                return None;
            }
        }
        let star = pieces.join("*");
        let pattern = match Pattern::parse(&star) {
            Ok(p) => p,
            Err(e) => {
                let mut d = err(&r.src, format!("{} in `{text}`", e.message()));
                d.help = e.help();
                if text.contains("/*") && !r.quoted {
                    d.help = Some(
                        "`/*` starts a comment in Rust tokens: quote the ARN, `on \"acs:oss:*:*:bucket/*\"`"
                            .to_owned(),
                    );
                }
                self.diags.push(d);
                return None;
            }
        };
        if pattern.cloud() != Some(cloud) && !pattern.is_any() {
            // Reported by `cloud()` when the policy tells its cloud otherwise.
            return None;
        }
        let mut binds = Vec::new();
        for (n, name) in names.iter().enumerate() {
            if !is_rust_ident(name) {
                self.diags.push(
                    err(&r.src, format!("the placeholder `{name}` cannot bind a variable"))
                        .help("name placeholders like Rust variables in scope: `<bucket>`, `{instance_id}`"),
                );
                return None;
            }
            let ident = if r.quoted {
                Ident::new(name, r.src.start)
            } else {
                r.bare_placeholders.get(n).cloned().unwrap_or_else(|| Ident::new(name, r.src.start))
            };
            binds.push(ident);
        }
        let generated = if names.is_empty() {
            CResource::Static(text.clone())
        } else {
            CResource::Rendered { pieces, binds }
        };
        Some(ReadResource { pattern, generated })
    }

    fn principals(&mut self, dialect: Dialect, s: &Statement) -> Option<(bool, CPrincipal)> {
        if s.principals.is_empty() {
            return None;
        }
        if let (true, Some(kw)) = (s.not_principal, &s.principal_kw) {
            if let Some(d) =
                tarn_core::rules::element_in_dialect(dialect, Element::NotPrincipal, Site::Policy)
            {
                self.diags.push(
                    err(kw, d.message)
                        .help("write `to …`: RAM statements name the principals they are about"),
                );
            }
        }
        if s.principals.iter().any(|p| p.kind == PrincipalKw::Any) {
            if s.principals.len() > 1 {
                if let Some(p) = s.principals.first() {
                    self.diags.push(err(&p.kw, "`*` is every principal; list no others with it".to_owned()));
                }
            }
            return Some((s.not_principal, CPrincipal::Any));
        }
        let uids: Vec<String> = s
            .principals
            .iter()
            .filter(|p| p.kind == PrincipalKw::Uid)
            .filter_map(|p| p.value.as_ref().map(|v| v.text.clone()))
            .collect();
        if !uids.is_empty() {
            if let Some(p) = s.principals.iter().find(|p| p.kind != PrincipalKw::Uid) {
                self.diags.push(
                    err(&p.kw, "an OSS bucket policy lists account UIDs only".to_owned())
                        .help("use `uid \"…\"` for every principal, or no `uid` at all"),
                );
            }
            return Some((s.not_principal, CPrincipal::Uids(uids)));
        }
        let mut map: Vec<(tarn_core::PrincipalKind, Vec<String>)> = Vec::new();
        for p in &s.principals {
            let kind = match p.kind {
                PrincipalKw::Aws => tarn_core::PrincipalKind::Aws,
                PrincipalKw::Ram => tarn_core::PrincipalKind::Ram,
                PrincipalKw::Service => tarn_core::PrincipalKind::Service,
                PrincipalKw::Federated => tarn_core::PrincipalKind::Federated,
                PrincipalKw::CanonicalUser => tarn_core::PrincipalKind::CanonicalUser,
                PrincipalKw::Any | PrincipalKw::Uid => continue,
            };
            let value = p.value.as_ref().map(|v| v.text.clone()).unwrap_or_default();
            match map.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, values)) => values.push(value),
                None => map.push((kind, vec![value])),
            }
        }
        Some((s.not_principal, CPrincipal::Map(map)))
    }

    fn condition(&mut self, cloud: Cloud, s: &Statement, c: &parse::Cond) -> Option<CCondition> {
        let dialect = Dialect::of(cloud);
        let op = match Operator::parse(&c.op.text) {
            Ok(op) => op,
            Err(e) => {
                let mut d = err(&c.op, e.headline());
                d.help = e.help();
                self.diags.push(d);
                return None;
            }
        };
        if let Some(why) = op.unsupported_in(dialect) {
            self.diags.push(err(&c.op, format!("`{}`: {why}", c.op.text)).help(Operator::RAM_OPERATORS));
        }
        let key = &c.key.text;
        if let Some(d) = tarn_core::rules::condition_key_in_dialect(dialect, key, Site::Policy) {
            let mut e = err(&c.key, d.message);
            e.help = d.help;
            self.diags.push(e);
        } else {
            let services: Vec<&str> =
                s.actions.iter().filter_map(|a| a.text.split_once(':').map(|(p, _)| p)).collect();
            if let Some(problem) =
                tarn_core::rules::condition_key_in_catalog(cloud, key, &services, Site::Policy)
            {
                let d = err(&c.key, problem.message).help_opt(problem.help);
                if problem.code == Code::NotInCatalog {
                    // A key of a catalog tarn knows in part: said, not refused.
                    self.warnings.push(("tarn_not_in_catalog", d));
                } else {
                    self.diags.push(d);
                }
            }
        }
        let ty: ValueType = op.base().value_type();
        let mut values = Vec::new();
        for v in &c.values {
            let json = match v {
                CondValue::Str(_) => JsonType::String,
                CondValue::Num(_) => JsonType::Number,
                CondValue::Bool(_) => JsonType::Bool,
                CondValue::Placeholder(name, src) => {
                    match placeholder_binder(op) {
                        Ok(binder) => values.push(CValue::Bound(name.clone(), binder)),
                        Err(help) => self
                            .diags
                            .push(err(src, format!("`{}` takes no placeholders", c.op.text)).help(help)),
                    }
                    continue;
                }
            };
            let src = v.src();
            match ConditionValue::parse(ty, &src.text, json) {
                Ok(_) => values.push(CValue::Static(src.text.clone(), json)),
                Err(e) => {
                    self.diags.push(err(src, format!("{e} (`{}` compares {})", c.op.text, ty.plural())))
                }
            }
        }
        Some((op, key.clone(), values))
    }

    /// The rules of the declared kind, on the policy as far as it is known at compile time (placeholders
    /// count as one character).
    fn kind_rules(&mut self, input: &Input, checked: &Checked, kind: PolicyKind, kind_span: Span) {
        let policy = static_policy(checked);
        if let Err(errors) = policy.check_kind(kind) {
            for e in errors {
                // The site in the model, translated into the statement's tokens.
                let stmt = e.site.statement().and_then(|i| input.statements.get(i));
                let element = match &e.site {
                    Site::Element { element, .. } | Site::Item { element, .. } => Some(*element),
                    _ => None,
                };
                let at = match (stmt, element) {
                    (Some(s), Some(Element::Principal | Element::NotPrincipal)) => {
                        s.principal_kw.clone().map(|kw| Spanned {
                            end: s.principals.last().and_then(|p| p.value.as_ref()).map_or(kw.end, |v| v.end),
                            ..kw
                        })
                    }
                    (Some(s), Some(Element::Resource | Element::NotResource)) => {
                        s.resources.first().map(|r| Spanned {
                            end: s.resources.last().map_or(r.src.end, |l| l.src.end),
                            ..r.src.clone()
                        })
                    }
                    (Some(s), _) => Some(s.effect.clone()),
                    (None, _) => None,
                };
                let at = at.unwrap_or(Spanned { text: String::new(), start: kind_span, end: kind_span });
                // The model's help speaks JSON; say it in the macro's words.
                let help = match (element, e.code) {
                    (Some(Element::Principal | Element::NotPrincipal), _) => "remove the `to …` clause: the principal is whoever the policy is attached to".to_owned(),
                    (Some(Element::Resource | Element::NotResource), _) => "remove the `on …` clause".to_owned(),
                    (_, Code::MissingPrincipal) => {
                        "name the principals with `to`: `to uid \"…\"` (OSS bucket policy), `to aws \"…\"`, `to ram \"…\"`, `to service \"…\"`".to_owned()
                    }
                    (_, Code::MissingResource) => "name the resources with `on …`".to_owned(),
                    _ => e.help,
                };
                self.diags.push(err(&at, e.message).help(help));
            }
        }
        if let Err(e) = policy.check_limits(kind) {
            self.diags.push(Diag::new(
                kind_span,
                kind_span,
                format!("{e}, before its placeholders are filled in"),
            ));
        }
    }

    /// The RocketMQ rule (and any prerequisite the catalog states): a grant on a topic or group needs a
    /// grant of the prerequisite action on the instance. A warning, not an error; the rule itself is the
    /// linter's ([`tarn_core::rules::missing_prerequisites`]).
    fn prerequisites(&mut self, cloud: Cloud, input: &Input, grants: &[Grant]) {
        // The statements that grant, with their action sets, patterns, and each pattern's resource index.
        let granting: Vec<(&Statement, &ActionSets, Vec<Pattern>, Vec<usize>)> = grants
            .iter()
            .zip(&input.statements)
            .filter(|((allow, _, _), _)| *allow)
            .map(|((_, sets, patterns), s)| {
                let (pats, indices) = patterns.iter().cloned().unzip();
                (s, sets, pats, indices)
            })
            .collect();
        let shared: Vec<tarn_core::rules::Grant<'_>> = granting
            .iter()
            .map(|(_, sets, patterns, _)| tarn_core::rules::Grant {
                any_action: sets.iter().any(Vec::is_empty),
                actions: sets.iter().flatten().copied().collect(),
                resources: patterns,
            })
            .collect();
        let acknowledged =
            |action: &str| input.acknowledged.iter().any(|a| a.text.eq_ignore_ascii_case(action));
        for m in tarn_core::rules::missing_prerequisites(cloud, &shared, acknowledged) {
            let Some((s, _, _, indices)) = granting.get(m.grant) else { continue };
            let Some(r) = indices.get(m.resource).and_then(|i| s.resources.get(*i)) else { continue };
            let pre = m.prerequisite;
            self.warnings.push((
                "tarn_mq_instance_prerequisite",
                err(
                    &r.src,
                    format!(
                        "`{}` needs `{}` granted on the {} as well, and this policy does not grant it",
                        r.src.text,
                        pre.action(),
                        pre.resource_type()
                    ),
                )
                .help(format!(
                    "add `allow {} on` the {}, or, if another policy grants it, start this one with `acknowledge {};`",
                    pre.action(),
                    pre.resource_type(),
                    pre.action()
                )),
            ));
        }
    }
}

/// The `__private` function that takes a placeholder's value for `op`: its trait bound is the compile-time
/// type check (a validated string, one without wildcards for `…Like`, an IP network, a date, a number, a
/// bool). `Err` with help for operators whose values cannot come from run time.
fn placeholder_binder(op: Operator) -> Result<&'static str, &'static str> {
    use tarn_core::BaseOperator as B;
    match op.base().value_type() {
        ValueType::String if matches!(op.base(), B::StringLike | B::StringNotLike) => Ok("like"),
        ValueType::String => Ok("string"),
        ValueType::Number => Ok("number"),
        ValueType::Date => Ok("date"),
        ValueType::Bool => Ok("boolean"),
        ValueType::Ip => Ok("ip"),
        ValueType::Arn => {
            Err("`Arn…` operators treat `*` and `?` as wildcards, and no ARN type refuses them: \
             write the ARN in the policy, or use a resource placeholder (`on \"arn:…:<name>\"`)")
        }
        ValueType::Binary => Err("write the base64 value in the policy"),
    }
}

/// The help for an action the catalog does not know: the rule's own (did you mean, the API's actions),
/// whether tarn's catalog of that service is complete, and the `unchecked` form.
fn unknown_name_help(cloud: Cloud, action: &str, rule_help: Option<String>, code: Code) -> Option<String> {
    if code == Code::InvalidAction {
        return rule_help;
    }
    let prefix = action.split_once(':').map_or(action, |(p, _)| p);
    let completeness = match catalog::service(cloud, prefix) {
        Some(s) if s.is_complete() => format!("tarn's catalog of `{prefix}` is complete"),
        Some(_) => format!("tarn's catalog of `{prefix}` is incomplete"),
        None if prefix.contains(['*', '?']) => "it matches no service tarn has a catalog of".to_owned(),
        None => format!("tarn has no catalog of `{prefix}` in {}", cloud.title()),
    };
    let mut parts: Vec<String> = rule_help.into_iter().collect();
    // (A NOT_IN_CATALOG message already says how much tarn knows.)
    if code != Code::NotInCatalog {
        parts.push(completeness);
    }
    parts.push(format!("if the name is right, write `unchecked {action}`"));
    Some(parts.join("; "))
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for i in items {
        if !v.contains(&i) {
            v.push(i);
        }
    }
    v
}

fn is_rust_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// Splits a resource at its placeholders (`<name>`, `{name}`; `${…}` is an IAM policy variable and stays),
/// by tarn-arn's one grammar of placeholders: the text pieces around them, and their names.
fn split_placeholders(text: &str) -> (Vec<String>, Vec<String>) {
    let mut pieces = vec![String::new()];
    let mut names = Vec::new();
    for piece in tarn_arn::placeholders(text) {
        match piece {
            tarn_arn::PlaceholderPiece::Text(t) => {
                if let Some(last) = pieces.last_mut() {
                    last.push_str(t);
                }
            }
            tarn_arn::PlaceholderPiece::Placeholder { name, .. } => {
                names.push(name.to_owned());
                pieces.push(String::new());
            }
        }
    }
    (pieces, names)
}

/// The policy as known at compile time: placeholders filled with `x`.
fn static_policy(c: &Checked) -> tarn_core::Policy {
    use tarn_core::__private as p;
    let statements = c
        .statements
        .iter()
        .map(|s| {
            let effect = if s.allow { tarn_core::Effect::Allow } else { tarn_core::Effect::Deny };
            let resources: Vec<Pattern> = s
                .resources
                .iter()
                .map(|r| match r {
                    CResource::Static(t) => p::resource(effect, t),
                    CResource::Rendered { pieces, .. } => p::resource(effect, &pieces.join("x")),
                })
                .collect();
            let actions: Vec<&str> = s.actions.iter().map(String::as_str).collect();
            let principal = s.principal.as_ref().map(|(not, pr)| {
                p::principal(
                    *not,
                    match pr {
                        CPrincipal::Any => tarn_core::Principal::Any,
                        CPrincipal::Uids(u) => tarn_core::Principal::Uids(u.clone().into()),
                        CPrincipal::Map(m) => {
                            p::principal_map(m.iter().map(|(k, v)| (*k, v.clone().into())).collect())
                        }
                    },
                )
            });
            p::statement(
                effect,
                s.sid.as_deref(),
                s.not_action,
                &actions,
                (!s.resources.is_empty()).then_some((s.not_resource, resources)),
                principal,
                None,
            )
        })
        .collect();
    let mut policy = p::policy(c.dialect, statements);
    p::set_header(&mut policy, c.version, c.id.as_deref());
    policy
}
