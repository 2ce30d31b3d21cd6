//! Do a statement's actions and resources fit each other? The one check behind [`Policy::builder`] and the
//! `policy!` macro.
//!
//! [`Policy::builder`]: crate::Policy::builder

use tarn_arn::Pattern;
use tarn_catalog as catalog;

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

/// Checks a statement: every resource must fit a resource type that one of the actions applies to, and
/// every action must apply to one of the resources ("at least one fits"). `actions` holds, per action as
/// written, the catalog actions it stands for (a wildcard expands to several; an empty set is `*`, every
/// action). A `*` resource serves every action, and the action `*` every resource.
pub fn check_fit(actions: &[&[&'static catalog::Action]], resources: &[Pattern]) -> Vec<FitProblem> {
    let mut problems = Vec::new();
    let any_action = actions.iter().any(|a| a.is_empty());
    let any_resource = resources.iter().any(Pattern::is_any);
    // The (service, resource type) pairs each resource fits.
    let fits: Vec<Vec<(&'static str, &'static str)>> = resources
        .iter()
        .map(|p| {
            let (Some(cloud), Some(svc)) = (p.cloud(), p.service()) else {
                return Vec::new();
            };
            match catalog::service(cloud, svc) {
                Some(s) => s.fits(p).into_iter().map(|f| (s.prefix(), f.resource_type.name())).collect(),
                None => Vec::new(),
            }
        })
        .collect();
    let applies = |a: &catalog::Action, fit: &[(&str, &str)]| {
        fit.iter().any(|(svc, rt)| a.prefix().eq_ignore_ascii_case(svc) && a.applies_to(rt))
    };
    for (i, (p, fit)) in resources.iter().zip(&fits).enumerate() {
        if p.is_any() || any_action || actions.iter().any(|set| set.iter().any(|a| applies(a, fit))) {
            continue;
        }
        let (Some(cloud), Some(svc_name)) = (p.cloud(), p.service()) else {
            continue;
        };
        problems.push(match catalog::service(cloud, svc_name) {
            None => FitProblem::UnknownService { resource: i, service: svc_name.to_owned() },
            Some(svc) if fit.is_empty() => FitProblem::FitsNoType {
                resource: i,
                service: svc.prefix(),
                formats: svc.resource_types().iter().map(|rt| rt.arn()).collect(),
            },
            Some(_) => {
                FitProblem::UnusedResource { resource: i, types: fit.iter().map(|(_, rt)| *rt).collect() }
            }
        });
    }
    for (i, set) in actions.iter().enumerate() {
        if set.is_empty() || any_resource || set.iter().any(|a| fits.iter().any(|fit| applies(a, fit))) {
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
