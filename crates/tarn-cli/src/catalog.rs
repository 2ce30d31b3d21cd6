//! `tarn catalog`: the services, one service's actions, resource types and condition keys, or the actions
//! an API operation needs.

use std::io::Write;

use clap::ArgMatches;
use serde_json::{json, Value};
use tarn_arn::Cloud;
use tarn_catalog::{self as catalog, Service};

use crate::{Failure, OK};

/// `tarn catalog`.
pub fn run(m: &ArgMatches, out: &mut dyn Write) -> Result<u8, Failure> {
    let cloud = match m.get_one::<String>("cloud").map(String::as_str) {
        Some("aws") => Some(Cloud::Aws),
        Some("alibaba") => Some(Cloud::Alibaba),
        _ => None,
    };
    let as_json = m.get_one::<String>("format").is_some_and(|f| f == "json");
    let service = match m.get_one::<String>("service") {
        Some(prefix) => Some(find_service(cloud, prefix)?),
        None => None,
    };
    let text = if let Some(api) = m.get_one::<String>("api") {
        api_actions(cloud, service, api, as_json)?
    } else if let Some(svc) = service {
        describe(svc, as_json)
    } else {
        list(cloud, as_json)
    };
    writeln!(out, "{}", text.trim_end())?;
    Ok(OK)
}

fn in_cloud(cloud: Option<Cloud>) -> impl Fn(&&&'static Service) -> bool {
    move |s| cloud.is_none_or(|c| s.cloud() == c)
}

fn find_service(cloud: Option<Cloud>, prefix: &str) -> Result<&'static Service, Failure> {
    let found: Vec<&'static Service> = catalog::services()
        .iter()
        .filter(in_cloud(cloud))
        .filter(|s| s.prefix().eq_ignore_ascii_case(prefix))
        .copied()
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => {
            let hint = catalog::suggest_service(cloud, prefix)
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_else(|| "; `tarn catalog` lists the services".to_owned());
            let scope = cloud.map_or(String::new(), |c| format!(" in {}", c.title()));
            Err(Failure::NotFound(format!("no service `{prefix}`{scope}{hint}")))
        }
        _ => Err(Failure::Usage(format!(
            "`{prefix}` is a service of both Alibaba Cloud and AWS; add `--cloud alibaba` or `--cloud aws`"
        ))),
    }
}

/// The services with their action counts.
fn list(cloud: Option<Cloud>, as_json: bool) -> String {
    let mut services: Vec<&'static Service> =
        catalog::services().iter().filter(in_cloud(cloud)).copied().collect();
    services.sort_by_key(|s| (s.cloud().name(), s.prefix()));
    if as_json {
        let list: Vec<Value> = services
            .iter()
            .map(|s| {
                json!({
                    "cloud": s.cloud().name(),
                    "prefix": s.prefix(),
                    "name": s.name(),
                    "actions": s.actions().len(),
                    "verified_actions": s.actions().iter().filter(|a| a.verified()).count(),
                    "resource_types": s.resource_types().len(),
                    "complete": s.is_complete(),
                })
            })
            .collect();
        return json!({ "services": list }).to_string();
    }
    let width = services.iter().map(|s| s.prefix().len()).max().unwrap_or(0);
    let mut text = String::new();
    for s in &services {
        // An incomplete catalog says so: its unknown names are warnings, not errors.
        let incomplete = if s.is_complete() { "" } else { "  (incomplete)" };
        text.push_str(&format!(
            "{:<7} {:<width$}  {:>4} {}  {}{incomplete}\n",
            s.cloud().name(),
            s.prefix(),
            s.actions().len(),
            if s.actions().len() == 1 { "action " } else { "actions" },
            s.name()
        ));
    }
    text.push_str(&format!("{} services\n", services.len()));
    text
}

/// One service: actions (access level, resource types, condition keys), resource types, condition keys.
fn describe(svc: &'static Service, as_json: bool) -> String {
    let action_types = |a: &catalog::Action| -> Vec<(&'static str, bool)> {
        a.resource_types()
            .iter()
            .filter(|r| !r.resource_type().is_empty())
            .map(|r| (r.resource_type(), r.required()))
            .collect()
    };
    let action_keys = |a: &catalog::Action| -> Vec<&'static str> {
        let mut keys: Vec<&'static str> =
            a.resource_types().iter().flat_map(|r| r.condition_keys().iter().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    if as_json {
        let actions: Vec<Value> = svc
            .actions()
            .iter()
            .map(|a| {
                json!({
                    "name": a.name(),
                    "access_level": a.access_level().to_string(),
                    "resource_types": action_types(a).iter().map(|(n, _)| *n).collect::<Vec<_>>(),
                    "required_resource_types": action_types(a).iter().filter(|(_, r)| *r).map(|(n, _)| *n).collect::<Vec<_>>(),
                    "condition_keys": action_keys(a),
                    "apis": a.apis(),
                    "verified": a.verified(),
                })
            })
            .collect();
        let types: Vec<Value> = svc
            .resource_types()
            .iter()
            .map(|t| {
                json!({
                    "name": t.name(),
                    "arn": t.arn(),
                    "alternatives": t.alternatives(),
                    "condition_keys": t.condition_keys(),
                    "verified": t.verified(),
                })
            })
            .collect();
        let keys: Vec<Value> = svc
            .condition_keys()
            .iter()
            .map(|k| json!({"name": k.name(), "type": k.ty(), "verified": k.verified()}))
            .collect();
        return json!({
            "cloud": svc.cloud().name(),
            "prefix": svc.prefix(),
            "name": svc.name(),
            "complete": svc.is_complete(),
            "missing": (!svc.is_complete()).then(|| svc.missing()),
            "actions": actions,
            "resource_types": types,
            "condition_keys": keys,
        })
        .to_string();
    }
    let count = svc.actions().len();
    let mut text = format!(
        "{}: {} ({}), {count} action{}\n",
        svc.prefix(),
        svc.name(),
        svc.cloud().title(),
        if count == 1 { "" } else { "s" }
    );
    if !svc.is_complete() {
        text.push_str(&format!("Incomplete: {}\n", svc.missing()));
    }
    text.push_str("\nActions (* marks a required resource type; ? a fact not seen in a primary source):\n");
    let width = svc.actions().iter().map(|a| a.name().len()).max().unwrap_or(0);
    for a in svc.actions() {
        let types: Vec<String> = action_types(a)
            .iter()
            .map(|(n, req)| if *req { format!("{n}*") } else { (*n).to_owned() })
            .collect();
        let types = match (types.is_empty(), a.resource_types().is_empty()) {
            (false, _) => types.join(", "),
            (true, false) => "(no resource types: `*`)".to_owned(),
            (true, true) => "(resource types not known)".to_owned(),
        };
        let keys = action_keys(a);
        let keys = if keys.is_empty() { String::new() } else { format!("  [{}]", keys.join(", ")) };
        let unverified = if a.verified() { "" } else { " ?" };
        text.push_str(&format!(
            "  {:<width$}  {:<22}  {types}{keys}{unverified}\n",
            a.name(),
            a.access_level().to_string()
        ));
    }
    if !svc.resource_types().is_empty() {
        text.push_str("\nResource types:\n");
        let width = svc.resource_types().iter().map(|t| t.name().len()).max().unwrap_or(0);
        for t in svc.resource_types() {
            let unverified = if t.verified() { "" } else { " ?" };
            text.push_str(&format!("  {:<width$}  {}{unverified}\n", t.name(), t.arn()));
            for alt in t.alternatives() {
                text.push_str(&format!("  {:<width$}  {alt}\n", ""));
            }
        }
    }
    if !svc.condition_keys().is_empty() {
        text.push_str("\nCondition keys:\n");
        let width = svc.condition_keys().iter().map(|k| k.name().len()).max().unwrap_or(0);
        for k in svc.condition_keys() {
            let unverified = if k.verified() { "" } else { " ?" };
            text.push_str(&format!("  {:<width$}  {}{unverified}\n", k.name(), k.ty()));
        }
    }
    text
}

/// The actions an API operation needs.
fn api_actions(
    cloud: Option<Cloud>,
    service: Option<&'static Service>,
    api: &str,
    as_json: bool,
) -> Result<String, Failure> {
    let scope: Vec<&'static Service> = match service {
        Some(s) => vec![s],
        None => catalog::services().iter().filter(in_cloud(cloud)).copied().collect(),
    };
    let Some(mapping) = scope.iter().find_map(|s| s.api(api)) else {
        let hint = catalog::suggest_api(scope.iter().copied(), api)
            .map(|n| format!("; did you mean `{n}`?"))
            .unwrap_or_default();
        return Err(Failure::NotFound(format!("no API operation `{api}` in the catalogs{hint}")));
    };
    if as_json {
        return Ok(
            json!({"api": mapping.api(), "actions": mapping.actions(), "verified": mapping.verified()})
                .to_string(),
        );
    }
    let needs = if mapping.actions().is_empty() {
        "no permission".to_owned()
    } else {
        mapping.actions().join(" and ")
    };
    let unverified = if mapping.verified() { "" } else { " (not seen in a primary source)" };
    Ok(format!("{} needs {needs}{unverified}", mapping.api()))
}
