//! Do a statement's actions and resources fit each other? The one check behind [`Policy::builder`] and the
//! `policy!` macro.
//!
//! [`Policy::builder`]: crate::Policy::builder

use std::cell::OnceCell;

use tarn_arn::Pattern;
use tarn_catalog as catalog;

use crate::memo::Memo;

/// A problem of fit between a statement's actions and its resources, with the index of the action or
/// resource it is about (for the macro, which reports it at that action's or resource's tokens).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FitProblem {
    /// The resource names a service the catalog does not have.
    UnknownService {
        /// Index of the resource.
        resource: usize,
        /// The service as written.
        service: String,
    },
    /// The resource fits no resource type of its service.
    FitsNoType {
        /// Index of the resource.
        resource: usize,
        /// The service.
        service: &'static str,
        /// The service's resource formats.
        formats: Vec<&'static str>,
    },
    /// The resource fits resource types, but none of the statement's actions applies to them.
    UnusedResource {
        /// Index of the resource.
        resource: usize,
        /// The resource types it fits.
        types: Vec<&'static str>,
    },
    /// The action applies to none of the statement's resources.
    UnusedAction {
        /// Index of the action.
        action: usize,
        /// What it applies to: resource types with their formats, or `*`.
        wanted: Vec<String>,
    },
}

impl FitProblem {
    /// The message and help, given the actions' text by index and the resources.
    pub fn describe<'a>(
        &self,
        action: impl Fn(usize) -> &'a str,
        resources: &[Pattern],
    ) -> (String, Option<String>) {
        let res = |i: usize| resources.get(i).map_or("", Pattern::as_str);
        match self {
            FitProblem::UnknownService { resource, service } => (
                format!(
                    "`{}` names the service `{service}`, which the catalog does not have",
                    res(*resource)
                ),
                Some("check the service segment".to_owned()),
            ),
            FitProblem::FitsNoType { resource, service, formats } => (
                format!("`{}` fits no resource type of `{service}`", res(*resource)),
                Some(format!(
                    "the formats are {}",
                    formats.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                )),
            ),
            FitProblem::UnusedResource { resource, types } => {
                let (noun, list) = match types.as_slice() {
                    [one] => ("type", format!("`{one}`")),
                    many => ("types", many.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ")),
                };
                (
                    format!(
                        "`{}` is of resource {noun} {list}, which none of the statement's actions applies to",
                        res(*resource)
                    ),
                    None,
                )
            }
            FitProblem::UnusedAction { action: a, wanted } => (
                format!("`{}` applies to none of the resources", action(*a)),
                Some(if wanted.is_empty() {
                    "the action has no resource types in the catalog".to_owned()
                } else {
                    format!("it applies to {}", wanted.join(", "))
                }),
            ),
        }
    }
}

/// The resource types that resource `r` fits among those of service `si`, computed once.
fn fitted<'c>(
    cells: &'c [OnceCell<Vec<&'static str>>],
    services: &[&'static catalog::Service],
    resources: &[Pattern],
    si: usize,
    r: usize,
) -> &'c [&'static str] {
    let (Some(cell), Some(svc), Some(p)) =
        (cells.get(si * resources.len() + r), services.get(si), resources.get(r))
    else {
        return &[];
    };
    cell.get_or_init(|| if p.is_any() { Vec::new() } else { types_of(svc, p) })
}

/// The names of the resource types of `svc` that `p` fits, remembered (a linter sees the same resources in
/// statement after statement and document after document).
fn types_of(svc: &'static catalog::Service, p: &Pattern) -> Vec<&'static str> {
    static MEMO: Memo<Vec<&'static str>> = Memo::new(65_536);
    // The service by cloud and prefix (two clouds share prefixes such as `mq`), then the pattern.
    let key = format!("{}:{}\u{0}{}", svc.cloud().name(), svc.prefix(), p.as_str());
    if let Some(known) = MEMO.recall(&key) {
        return known;
    }
    let found: Vec<&'static str> = svc.fitting_types(p).into_iter().map(|t| t.name()).collect();
    MEMO.remember(&key, found.clone());
    found
}

/// Checks a statement: every resource must fit a resource type that one of the actions applies to, and
/// every action must apply to one of the resources ("at least one fits"). `actions` holds, per action as
/// written, the catalog actions it stands for (a wildcard expands to several; an empty set is `*`, every
/// action). A `*` resource serves every action, and the action `*` every resource.
///
/// A resource is fitted against the resource types of each action's own service, whose formats may name
/// another service (`sts:AssumeRole` applies to `arn:aws:iam::…:role/…`).
pub fn check_fit(actions: &[&[&'static catalog::Action]], resources: &[Pattern]) -> Vec<FitProblem> {
    let mut problems = Vec::new();
    let any_action = actions.iter().any(|a| a.is_empty());
    let any_resource = resources.iter().any(Pattern::is_any);
    // The services of the actions, and per service the resource types each resource fits.
    let mut services: Vec<&'static catalog::Service> = Vec::new();
    for a in actions.iter().flat_map(|set| set.iter()) {
        if let Some(svc) = a.service() {
            if !services.iter().any(|s| std::ptr::eq(*s, svc)) {
                services.push(svc);
            }
        }
    }
    // The resource types each resource fits, per service: computed when first needed (most statements
    // are settled by their first fitting pair).
    let cells: Vec<OnceCell<Vec<&'static str>>> =
        (0..services.len() * resources.len()).map(|_| OnceCell::new()).collect();
    let fits = |si: usize, r: usize| fitted(&cells, &services, resources, si, r);
    let applies = |a: &catalog::Action, r: usize| -> bool {
        let Some(svc) = a.service() else {
            return false;
        };
        let Some(si) = services.iter().position(|s| std::ptr::eq(*s, svc)) else {
            return false;
        };
        fits(si, r).iter().any(|t| a.applies_to(t))
    };
    for (i, p) in resources.iter().enumerate() {
        if p.is_any() || any_action || actions.iter().any(|set| set.iter().any(|a| applies(a, i))) {
            continue;
        }
        let (Some(cloud), Some(svc_name)) = (p.cloud(), p.service()) else {
            continue;
        };
        // What the resource is, by its own service (or by the actions' services that know its format).
        let mut types: Vec<&'static str> = (0..services.len()).flat_map(|si| fits(si, i)).copied().collect();
        let own = catalog::service(cloud, svc_name);
        if types.is_empty() {
            if let Some(svc) = own {
                types = svc.fits(p).into_iter().map(|f| f.resource_type.name()).collect();
            }
        }
        types.dedup();
        problems.push(match own {
            None if types.is_empty() => {
                FitProblem::UnknownService { resource: i, service: svc_name.to_owned() }
            }
            Some(svc) if types.is_empty() => FitProblem::FitsNoType {
                resource: i,
                service: svc.prefix(),
                formats: svc.resource_types().iter().map(|rt| rt.arn()).collect(),
            },
            _ => FitProblem::UnusedResource { resource: i, types },
        });
    }
    for (i, set) in actions.iter().enumerate() {
        if set.is_empty() || any_resource || set.iter().any(|a| (0..resources.len()).any(|r| applies(a, r))) {
            continue;
        }
        let wanted: std::collections::BTreeSet<String> = set
            .iter()
            .flat_map(|a| {
                let svc = a.service();
                // A `""` row beside real resource types only lists condition keys (AWS data); alone, it means
                // the action has no resource-level permissions.
                let typed = a.resource_types().iter().any(|rt| !rt.resource_type().is_empty());
                a.resource_types().iter().filter(move |rt| !(typed && rt.resource_type().is_empty())).map(
                    move |rt| match (rt.resource_type(), svc) {
                        ("", _) => "`*` (no resource-level permissions)".to_owned(),
                        (name, Some(s)) => match s.resource_type(name) {
                            Some(t) => format!("{name} (`{}`)", t.arn()),
                            None => name.to_owned(),
                        },
                        (name, None) => name.to_owned(),
                    },
                )
            })
            .collect();
        problems.push(FitProblem::UnusedAction { action: i, wanted: wanted.into_iter().collect() });
    }
    problems
}
