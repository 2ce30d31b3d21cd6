//! `cargo xtask infer-alibaba-actions --openapi-meta DIR [--commit SHA]`: completes the Alibaba Cloud catalogs
//! in `data/alibaba/` with the OpenAPI operations that no action read from the documentation covers.
//!
//! Alibaba Cloud publishes the list of every product's OpenAPI operations as data (the repository
//! `aliyun/aliyun-openapi-meta`, `metadatas/<product>/<Operation>.json`), but no machine-readable list of RAM
//! actions. Most services name each action after the operation it authorizes (`ecs:DeleteInstance` for
//! `DeleteInstance`). For a service whose catalog shows that convention (at least nine in ten of its
//! verified actions authorize exactly the operation of their name), each current operation with no action
//! gets one named after it, marked as the inference it is: `verified: false`, `inferred: ["name",
//! "access_level", "resource_types"]`, no resource types (unknown: such an action takes no part in the fit
//! of actions and resources), the access level guessed from the operation's verb, and the operation's
//! metadata file as its source. Actions read from the documentation are never changed; inferred ones whose
//! operation is gone are removed, so that running the command again on a newer copy refreshes them.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::Result;

/// RAM code → the OpenAPI products whose operations it authorizes, and the RAM codes some of those
/// operations belong to instead. Codes whose actions are not named after their operations (`cr`, `bss`,
/// `alikafka`, the seed services) are not listed; the convention check below guards the others.
/// - ECS's API still carries network operations (`AllocateEipAddress`) whose action is `vpc:`;
/// - Resource Management's API has the policy, role and service-linked-role operations of RAM, whose actions
///   are `ram:` (its older RAM authorization page, doc-detail/159974, and Alibaba's service-linked-role
///   policies).
///
/// An operation that is an action or an operation of one of those codes' catalogs is not inferred.
const PRODUCTS: &[(&str, &[&str], &[&str])] = &[
    ("actiontrail", &["actiontrail"], &[]),
    ("alb", &["alb"], &[]),
    ("alidns", &["alidns"], &[]),
    ("cdn", &["cdn"], &[]),
    ("cms", &["cms"], &[]),
    ("config", &["config"], &[]),
    ("cs", &["cs"], &[]),
    ("dds", &["dds"], &[]),
    ("eci", &["eci"], &[]),
    ("ecs", &["ecs"], &["vpc"]),
    ("ess", &["ess"], &[]),
    ("eventbridge", &["eventbridge"], &[]),
    ("fc", &["fc"], &[]),
    ("kms", &["kms"], &[]),
    ("kvstore", &["r-kvstore"], &[]),
    ("nas", &["nas"], &[]),
    ("nlb", &["nlb"], &[]),
    ("polardb", &["polardb"], &[]),
    ("rds", &["rds"], &[]),
    ("resourcemanager", &["resourcemanager", "resourcedirectorymaster"], &["ram"]),
    ("ros", &["ros"], &[]),
    ("slb", &["slb"], &[]),
    ("vpc", &["vpc"], &[]),
];

/// The share of verified actions that must authorize exactly the operation of their name.
const CONVENTION: f64 = 0.9;

pub(crate) fn run(meta: &Path, commit: &str, data: &Path) -> Result<()> {
    if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("--commit `{commit}`: a 40-digit commit hash of the metadata repository"));
    }
    for (code, products, others) in PRODUCTS {
        let path = data.join("alibaba").join(format!("{code}.json"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{code}: no catalog at {}, skipped", path.display());
            continue;
        };
        let mut svc: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut ops: Vec<(String, &str)> = Vec::new();
        for product in *products {
            for op in operations(meta, product)? {
                ops.push((op, product));
            }
        }
        ops.sort();
        ops.dedup_by(|a, b| a.0 == b.0);
        let elsewhere = documented_in(data, others)?;
        ops.retain(|(op, _)| !elsewhere.contains(op));
        let report = infer(&mut svc, code, &ops, commit)?;
        eprintln!("{code}: {report}");
        let mut out = serde_json::to_string_pretty(&svc).map_err(|e| e.to_string())?;
        out.push('\n');
        crate::ensure_file_contents(&path, &out, false)?;
    }
    Ok(())
}

/// The actions (names and operations) the catalogs of `codes` have read from the documentation.
fn documented_in(data: &Path, codes: &[&str]) -> Result<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for code in codes {
        let path = data.join("alibaba").join(format!("{code}.json"));
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        for (name, a) in v["actions"].as_object().into_iter().flatten() {
            if is_inferred_name(a) {
                continue;
            }
            out.insert(name.clone());
            out.extend(
                a["apis"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned),
            );
        }
    }
    Ok(out)
}

/// The current (not deprecated) operations of one product.
fn operations(meta: &Path, product: &str) -> Result<BTreeSet<String>> {
    let dir = meta.join("metadatas").join(product);
    let rd = std::fs::read_dir(&dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut out = BTreeSet::new();
    for entry in rd.flatten() {
        let p = entry.path();
        let Some(name) =
            p.file_stem().and_then(|s| s.to_str()).filter(|_| p.extension().is_some_and(|x| x == "json"))
        else {
            continue;
        };
        // The localized copy says whether the operation is deprecated; the metadata file may not.
        let deprecated = ["metadatas", "en-US"].iter().any(|d| {
            std::fs::read_to_string(meta.join(d).join(product).join(format!("{name}.json")))
                .ok()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                .is_some_and(|v| v["deprecated"].as_bool() == Some(true))
        });
        if !deprecated {
            out.insert(name.to_owned());
        }
    }
    Ok(out)
}

fn is_inferred_name(a: &Value) -> bool {
    a["inferred"].as_array().is_some_and(|l| l.iter().any(|f| f == "name"))
}

/// The access level an operation's verb suggests.
fn level(op: &str) -> &'static str {
    let starts = |ps: &[&str]| ps.iter().any(|p| op.starts_with(p));
    if op == "ListTagResources" || op.starts_with("List") {
        "List"
    } else if starts(&["TagResource", "UntagResource", "Tag", "Untag"]) && !op.starts_with("Tags") {
        "Tagging"
    } else if starts(&["Describe", "Get", "Query", "Check", "Preview", "Search", "Inquire", "Find", "Verify"])
    {
        "Read"
    } else {
        "Write"
    }
}

fn infer(svc: &mut Value, code: &str, ops: &[(String, &str)], commit: &str) -> Result<String> {
    let (added, verified, named, share) = infer_actions(svc, code, ops, commit)?;
    finish(svc, code, commit, ops.len(), &added, (verified, named, share))
}

fn infer_actions(
    svc: &mut Value,
    code: &str,
    ops: &[(String, &str)],
    commit: &str,
) -> Result<(Vec<String>, usize, usize, f64)> {
    let Some(actions) = svc.get_mut("actions").and_then(Value::as_object_mut) else {
        return Err(format!("{code}: no actions"));
    };
    // Drop earlier inferences: they are made again from this copy.
    actions.retain(|_, a| !is_inferred_name(a));
    let verified = actions.values().filter(|a| a["verified"] == true).count();
    let named = actions
        .iter()
        .filter(|(n, a)| {
            a["verified"] == true && a["apis"].as_array().is_some_and(|l| l.len() == 1 && l[0] == **n)
        })
        .count();
    #[allow(clippy::cast_precision_loss)]
    let share = if verified == 0 { 0.0 } else { named as f64 / verified as f64 };
    let covered: BTreeSet<String> = actions
        .iter()
        .flat_map(|(n, a)| {
            let apis = a["apis"].as_array().cloned().unwrap_or_default();
            std::iter::once(n.clone()).chain(apis.into_iter().filter_map(|v| v.as_str().map(str::to_owned)))
        })
        .collect();
    let mut added = Vec::new();
    if verified >= 5 && share >= CONVENTION {
        for (op, product) in ops {
            if covered.contains(op) {
                continue;
            }
            let source = format!(
                "https://github.com/aliyun/aliyun-openapi-meta/blob/{commit}/metadatas/{product}/{op}.json"
            );
            actions.insert(
                op.clone(),
                json!({
                    "access_level": level(op),
                    "apis": [op],
                    "resource_types": [],
                    "verified": false,
                    "inferred": ["name", "access_level", "resource_types"],
                    "sources": [source],
                }),
            );
            added.push(op.clone());
        }
    }
    Ok((added, verified, named, share))
}

/// The reverse map and the completeness record of the inferred actions, and a one-line report.
fn finish(
    svc: &mut Value,
    code: &str,
    commit: &str,
    total: usize,
    added: &[String],
    (verified, named, share): (usize, usize, f64),
) -> Result<String> {
    let mappings = svc
        .as_object_mut()
        .ok_or(format!("{code}: not an object"))?
        .entry("api_mappings")
        .or_insert_with(|| Value::Object(Map::new()));
    let Some(mappings) = mappings.as_object_mut() else {
        return Err(format!("{code}: api_mappings is not an object"));
    };
    mappings.retain(|_, m| m["inferred"] != true);
    for op in added {
        mappings.insert(
            op.clone(),
            json!({"actions": [format!("{code}:{op}")], "verified": false, "inferred": true}),
        );
    }
    let inferred = added.len();
    let completeness = svc
        .as_object_mut()
        .ok_or(format!("{code}: not an object"))?
        .entry("completeness")
        .or_insert_with(|| json!({"complete": false}));
    if let Some(c) = completeness.as_object_mut() {
        c.insert(
            "operations".to_owned(),
            json!({
                "source": format!("https://github.com/aliyun/aliyun-openapi-meta/tree/{commit}"),
                "current": total,
                "inferred": inferred,
            }),
        );
    }
    Ok(if verified < 5 || share < CONVENTION {
        format!(
            "not inferred: {named} of {verified} verified actions authorize the operation of their name (needs {CONVENTION})"
        )
    } else {
        format!("{inferred} of {total} current operations inferred ({named} of {verified} verified actions named after their operation)")
    })
}
