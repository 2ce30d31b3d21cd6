//! `cargo xtask gen-actions`: writes crates/tarn-catalog/src/generated/ from data/.
//!
//! Output is deterministic: services sorted by (cloud, prefix), actions by lowercase name (so that lookups
//! can binary-search case-insensitively), everything else by name. Each file starts with an `@generated`
//! preamble naming the command and a hash of all inputs.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::Result;

const ACCESS_LEVELS: &[(&str, &str)] = &[
    ("List", "List"),
    ("Read", "Read"),
    ("Write", "Write"),
    ("Tagging", "Tagging"),
    ("Permissions management", "PermissionsManagement"),
];

struct Input {
    cloud: String,
    path: PathBuf,
    text: String,
}

fn inputs(root: &Path) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for cloud in ["alibaba", "aws"] {
        let dir = root.join("data").join(cloud);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| {
                format!("cannot read {}: {e} (run `cargo xtask import-catalogs` first)", dir.display())
            })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for path in files {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            out.push(Input { cloud: cloud.to_owned(), path, text });
        }
    }
    Ok(out)
}

/// FNV-1a, 64 bits, over every input's name and contents.
fn hash(inputs: &[Input], root: &Path) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for i in inputs {
        let name = i.path.strip_prefix(root).unwrap_or(&i.path).to_string_lossy().replace('\\', "/");
        for b in name.bytes().chain([0]).chain(i.text.bytes()).chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn str_list(v: Option<&Value>) -> String {
    let items: Vec<String> =
        v.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(lit).collect();
    if items.is_empty() {
        // one shared constant instead of a promoted empty slice at every use
        return "E".to_owned();
    }
    format!("&[{}]", items.join(", "))
}

fn obj(v: &Value, key: &str) -> Vec<(String, Value)> {
    v.get(key)
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default()
}

/// The order of every name-keyed table: lowercase name, then exact name. The service tables and the typed
/// enums both use it, so an enum variant's discriminant is its entry's index in the table.
fn sort_case_insensitive(rows: &mut [(String, Value)]) {
    rows.sort_by(|a, b| a.0.to_ascii_lowercase().cmp(&b.0.to_ascii_lowercase()).then(a.0.cmp(&b.0)));
}

fn module_name(cloud: &str, prefix: &str) -> String {
    format!("{cloud}_{}", prefix.replace('-', "_"))
}

fn service_file(preamble: &str, cloud: &str, svc: &Value, path: &Path) -> Result<String> {
    let prefix = svc["prefix"].as_str().ok_or(format!("{}: no prefix", path.display()))?;
    let mut o = String::new();
    o.push_str(preamble);
    o.push_str("use crate::model::*;\n\n");
    let _ = writeln!(o, "pub(crate) static SERVICE: Service = Service {{");
    let _ = writeln!(o, "    cloud: Cloud::{},", if cloud == "aws" { "Aws" } else { "Alibaba" });
    let _ = writeln!(o, "    prefix: {},", lit(prefix));
    let _ = writeln!(o, "    name: {},", lit(svc["name"].as_str().unwrap_or_default()));
    // AWS services come whole from the Service Authorization Reference; an Alibaba Cloud service is complete
    // only when its data says its action list was read from its full RAM authorization table.
    let (complete, missing) = if cloud == "aws" {
        (true, String::new())
    } else {
        let c = svc.get("completeness");
        let complete = c.and_then(|c| c.get("complete")).and_then(Value::as_bool).unwrap_or(false);
        let missing = c.and_then(|c| c.get("missing")).and_then(Value::as_str).map(str::to_owned);
        let missing = missing.unwrap_or_else(|| {
            if complete {
                String::new()
            } else {
                "not yet checked against the service's full RAM authorization table".to_owned()
            }
        });
        // What `cargo xtask infer-alibaba-actions` added: operations whose action is only inferred.
        let ops = c.and_then(|c| c.get("operations"));
        let inferred = ops.and_then(|o| o["inferred"].as_u64()).unwrap_or(0);
        let missing = if inferred > 0 {
            let current = ops.and_then(|o| o["current"].as_u64()).unwrap_or(0);
            format!(
                "{missing}; {inferred} of the service's {current} current OpenAPI operations have an action only \
                 inferred from the operation's name (unverified, resource types unknown)"
            )
        } else {
            missing
        };
        (complete, missing)
    };
    let _ = writeln!(o, "    complete: {complete},");
    let _ = writeln!(o, "    missing: {},", lit(&missing));
    // Actions, by lowercase name.
    let mut actions = obj(svc, "actions");
    sort_case_insensitive(&mut actions);
    o.push_str("    actions: &[\n");
    for (name, a) in &actions {
        let level = a["access_level"].as_str().unwrap_or_default();
        let level = ACCESS_LEVELS
            .iter()
            .find(|(k, _)| *k == level)
            .map(|(_, v)| *v)
            .ok_or(format!("{}: action `{name}` has unknown access level `{level}`", path.display()))?;
        let _ = writeln!(o, "        Action {{");
        let _ = writeln!(o, "            prefix: {},", lit(prefix));
        let _ = writeln!(o, "            name: {},", lit(name));
        let _ = writeln!(o, "            access_level: AccessLevel::{level},");
        o.push_str("            resource_types: &[");
        for rt in a["resource_types"].as_array().into_iter().flatten() {
            let _ = write!(
                o,
                "ActionResource {{ resource_type: {}, required: {}, condition_keys: {}, dependent_actions: {} }}, ",
                lit(rt["name"].as_str().unwrap_or_default()),
                rt["required"].as_bool().unwrap_or(false),
                str_list(rt.get("condition_keys")),
                str_list(rt.get("dependent_actions")),
            );
        }
        o.push_str("],\n");
        let _ = writeln!(o, "            apis: {},", str_list(a.get("apis")));
        let verified = a.get("verified").and_then(Value::as_bool).unwrap_or(cloud == "aws");
        // The rows were read, not inferred (`"inferred": ["resource_types", ...]`), and each type's ARN format
        // is verified too.
        let rows_inferred = a
            .get("inferred")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .any(|f| f.starts_with("resource_types"));
        let types_verified = a["resource_types"].as_array().into_iter().flatten().all(|rt| {
            let name = rt["name"].as_str().unwrap_or_default();
            name.is_empty() || svc["resource_types"][name]["verified"].as_bool().unwrap_or(true)
        });
        let resources_verified = verified && !rows_inferred && types_verified;
        // A source Alibaba publishes today (a help page) or a seed document; the `AlibabaCloudDocs/<product>`
        // repositories are a frozen copy of the documentation sources (2018 to 2021).
        let live = a["sources"].as_array().into_iter().flatten().filter_map(Value::as_str).any(|s| {
            s.starts_with("seed:") || ["alibabacloud.com/", "aliyun.com/"].iter().any(|host| s.contains(host))
        });
        let _ = writeln!(o, "            verified: {verified},");
        let _ = writeln!(o, "            resources_verified: {resources_verified},");
        let _ = writeln!(
            o,
            "            resources_confirmed: {},",
            resources_verified && (cloud == "aws" || live)
        );
        o.push_str("        },\n");
    }
    o.push_str("    ],\n");
    // Resource types, by name.
    o.push_str("    resource_types: &[\n");
    for (name, r) in obj(svc, "resource_types") {
        let _ = writeln!(
            o,
            "        ResourceType {{ name: {}, arn: {}, alternatives: {}, condition_keys: {}, verified: {} }},",
            lit(&name),
            lit(r["arn"].as_str().unwrap_or_default()),
            str_list(r.get("alternatives")),
            str_list(r.get("condition_keys")),
            // The seed services' types carry no flag: they were all read from a primary source.
            r.get("verified").and_then(Value::as_bool).unwrap_or(true),
        );
    }
    o.push_str("    ],\n");
    // Condition keys, by lowercase name.
    let mut keys = obj(svc, "condition_keys");
    sort_case_insensitive(&mut keys);
    o.push_str("    condition_keys: &[\n");
    for (name, key) in keys {
        let (ty, verified) = key_type(&key);
        let _ = writeln!(
            o,
            "        ConditionKey {{ name: {}, ty: {}, verified: {verified} }},",
            lit(&name),
            lit(&ty)
        );
    }
    o.push_str("    ],\n");
    o.push_str("    api_mappings: &[\n");
    for (api, m) in obj(svc, "api_mappings") {
        let _ = writeln!(
            o,
            "        ApiMapping {{ api: {}, actions: {}, verified: {}, disputed: {} }},",
            lit(&api),
            str_list(m.get("actions")),
            m["verified"].as_bool().unwrap_or(false),
            str_list(m.get("disputed")),
        );
    }
    o.push_str("    ],\n");
    o.push_str("    prerequisites: &[\n");
    for r in svc.get("prerequisites").and_then(Value::as_array).into_iter().flatten() {
        let _ = writeln!(
            o,
            "        Prerequisite {{ action: {}, resource_type: {}, applies_to: {}, except_apis: {} }},",
            lit(r["action"].as_str().unwrap_or_default()),
            lit(r["resource_type"].as_str().unwrap_or_default()),
            str_list(r.get("applies_to")),
            str_list(r.get("except_apis")),
        );
    }
    o.push_str("    ],\n");
    o.push_str("    aliases: &[\n");
    for (from, to) in obj(svc, "aliases") {
        let _ = writeln!(o, "        ({}, {}),", lit(&from), lit(to.as_str().unwrap_or_default()));
    }
    o.push_str("    ],\n};\n");
    Ok(o)
}

fn ident(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

fn variant_doc(prefix: &str, name: &str, a: &Value) -> String {
    let mut d =
        format!("`{prefix}:{name}`. Access level: {}.", a["access_level"].as_str().unwrap_or_default());
    let rts: Vec<String> = a["resource_types"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let n = r["name"].as_str().unwrap_or_default();
            let n = if n.is_empty() { "any resource (`*`)".to_owned() } else { n.to_owned() };
            if r["required"].as_bool().unwrap_or(false) {
                format!("{n} (required)")
            } else {
                n
            }
        })
        .collect();
    if !rts.is_empty() {
        let _ = write!(d, " Resource types: {}.", rts.join(", "));
    }
    let apis: Vec<&str> =
        a.get("apis").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if !apis.is_empty() {
        let _ = write!(d, " Authorizes: {}.", apis.join(", "));
    }
    if a.get("verified").and_then(Value::as_bool) == Some(false) {
        d.push_str(" Not verified in a primary source.");
    }
    let inferred: Vec<&str> =
        a.get("inferred").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if !inferred.is_empty() {
        let _ = write!(d, " Inferred, not read: {}.", inferred.join(", ").replace('_', " "));
    }
    d
}

/// The typed enum of one service; variants in table order, so a variant's discriminant is its table index.
fn typed_file(preamble: &str, cloud: &str, svc: &Value) -> String {
    let prefix = svc["prefix"].as_str().unwrap_or_default();
    let name = svc["name"].as_str().unwrap_or_default();
    let module = module_name(cloud, prefix);
    let mut actions = obj(svc, "actions");
    sort_case_insensitive(&mut actions);
    let mut o = String::from(preamble);
    let _ = writeln!(o, "//! Typed actions of `{prefix}` ({name}).\n");
    let _ = writeln!(o, "/// An action of `{prefix}` ({name}).");
    o.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]\n#[allow(non_camel_case_types)]\npub enum Action {\n");
    for (n, a) in &actions {
        let _ = writeln!(o, "    /// {}\n    {},", variant_doc(prefix, n, a), ident(n));
    }
    o.push_str("}\n\nimpl Action {\n    /// Every action, in catalog order.\n    pub const ALL: &'static [Action] = &[\n");
    for (n, _) in &actions {
        let _ = writeln!(o, "        Action::{},", ident(n));
    }
    o.push_str("    ];\n\n");
    let _ = writeln!(
        o,
        "    /// The catalog entry.\n    pub fn entry(self) -> &'static crate::Action {{\n        &crate::generated::{module}::SERVICE.actions[self as usize]\n    }}\n"
    );
    o.push_str("    /// The canonical name, without the service prefix.\n    pub fn name(self) -> &'static str {\n        self.entry().name()\n    }\n}\n\n");
    let _ = writeln!(
        o,
        "impl std::fmt::Display for Action {{\n    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {{\n        write!(f, \"{prefix}:{{}}\", self.name())\n    }}\n}}\n"
    );
    let _ = writeln!(
        o,
        "impl std::str::FromStr for Action {{\n    type Err = crate::LookupError;\n    /// Parses `{prefix}:Name` or `Name`, case-insensitively.\n    fn from_str(s: &str) -> Result<Self, Self::Err> {{\n        crate::typed_index(&crate::generated::{module}::SERVICE, s).map(|i| Self::ALL[i])\n    }}\n}}\n"
    );
    let _ = writeln!(
        o,
        "impl From<Action> for &'static crate::Action {{\n    fn from(a: Action) -> Self {{\n        a.entry()\n    }}\n}}"
    );
    o
}

/// README.md with its Alibaba Cloud coverage table, between markers, written from the catalogs' data so that
/// it never goes stale: per RAM code, the actions, how many a primary source states, the resource types, the
/// condition keys, and whether the action list is complete.
fn with_coverage_table(readme: &Path, inputs: &[Input]) -> Result<String> {
    const BEGIN: &str = "<!-- @generated alibaba-coverage begin (cargo xtask gen-actions) -->\n";
    const END: &str = "<!-- @generated alibaba-coverage end -->\n";
    let text =
        std::fs::read_to_string(readme).map_err(|e| format!("cannot read {}: {e}", readme.display()))?;
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        return Err(format!("{}: alibaba-coverage markers not found", readme.display()));
    };
    let mut table = String::from(
        "| RAM code | product | actions | verified | resource types | condition keys | complete |\n\
         |---|---|--:|--:|--:|--:|---|\n",
    );
    let (mut total, mut total_verified, mut services, mut complete_services) =
        (0usize, 0usize, 0usize, 0usize);
    for i in inputs.iter().filter(|i| i.cloud == "alibaba") {
        if i.path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_')) {
            continue;
        }
        let v: Value = serde_json::from_str(&i.text).map_err(|e| format!("{}: {e}", i.path.display()))?;
        let actions = obj(&v, "actions");
        let verified = actions.iter().filter(|(_, a)| a["verified"].as_bool().unwrap_or(false)).count();
        let complete = v["completeness"]["complete"].as_bool().unwrap_or(false);
        let share = (verified * 100 + actions.len() / 2).checked_div(actions.len()).unwrap_or(0);
        let _ = writeln!(
            table,
            "| `{}` | {} | {} | {verified} ({share}%) | {} | {} | {} |",
            v["prefix"].as_str().unwrap_or_default(),
            v["name"].as_str().unwrap_or_default().replace('|', "/"),
            actions.len(),
            obj(&v, "resource_types").len(),
            obj(&v, "condition_keys").len(),
            if complete { "yes" } else { "no" },
        );
        total += actions.len();
        total_verified += verified;
        services += 1;
        complete_services += usize::from(complete);
    }
    let share = (total_verified * 100 + total / 2).checked_div(total).unwrap_or(0);
    let _ = writeln!(
        table,
        "| **{services} codes** | | **{total}** | **{total_verified} ({share}%)** | | | {complete_services} complete |"
    );
    Ok(format!("{}{BEGIN}{table}{}", &text[..b], &text[e..]))
}

/// A condition key's type and whether a primary source states it: either `"String"` (a seed fact, read from a
/// primary source) or `{"type": "String", "verified": false, "sources": [...]}`.
fn key_type(key: &Value) -> (String, bool) {
    match key {
        Value::String(s) => (s.clone(), true),
        other => (
            other["type"].as_str().unwrap_or_default().to_owned(),
            other["verified"].as_bool().unwrap_or(false),
        ),
    }
}

fn globals_file(preamble: &str, root: &Path) -> Result<String> {
    let read = |p: &str| -> Result<Value> {
        let path = root.join("data").join(p);
        let t = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        serde_json::from_str(&t).map_err(|e| format!("{}: {e}", path.display()))
    };
    let aws = read("aws/_global.json")?;
    let ali = read("alibaba/_global.json")?;
    let rcp = read("aws/_rcp.json")?;
    let mut o = String::from(preamble);
    o.push_str("use crate::model::*;\n\n");
    let emit_keys = |o: &mut String, name: &str, v: &Value| {
        let mut keys = obj(v, "condition_keys");
        keys.sort_by_key(|k| k.0.to_ascii_lowercase());
        let _ = writeln!(o, "pub(crate) static {name}: &[ConditionKey] = &[");
        for (k, t) in keys {
            let (ty, verified) = key_type(&t);
            let _ = writeln!(
                o,
                "    ConditionKey {{ name: {}, ty: {}, verified: {verified} }},",
                lit(&k),
                lit(&ty)
            );
        }
        o.push_str("];\n\n");
    };
    emit_keys(&mut o, "AWS_GLOBAL_KEYS", &aws);
    emit_keys(&mut o, "ALIBABA_GLOBAL_KEYS", &ali);
    let _ =
        writeln!(o, "pub(crate) static ALIBABA_OPERATORS: &[&str] = {};\n", str_list(ali.get("operators")));
    // Sorted, for a binary search.
    let mut rcp_services: Vec<&str> = rcp
        .get("rcp_services")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    rcp_services.sort_unstable();
    let _ = writeln!(
        o,
        "/// The AWS services that resource control policies cover, sorted.\npub(crate) static AWS_RCP_SERVICES: &[&str] = &[{}];\n",
        rcp_services.iter().map(|p| lit(p)).collect::<Vec<_>>().join(", ")
    );
    o.push_str("pub(crate) static ALIBABA_LIMITS: &[(&str, u64)] = &[\n");
    for (k, v) in obj(&ali, "limits") {
        if let Some(n) = v.as_u64() {
            let _ = writeln!(o, "    ({}, {n}),", lit(&k));
        }
    }
    o.push_str("];\n");
    Ok(o)
}

pub(crate) fn run(root: &Path, check: bool) -> Result<()> {
    let inputs = inputs(root)?;
    let h = hash(&inputs, root);
    let preamble = format!(
        "// @generated by `cargo xtask gen-actions` from data/ (inputs fnv1a64:{h:016x}).\n\
         // Do not edit by hand: change data/ or xtask/src/gen.rs and run the command again.\n\n"
    );
    let out_dir = root.join("crates/tarn-catalog/src/generated");
    let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut modules: Vec<(String, String, String)> = Vec::new(); // (cloud, prefix, module)
    for i in &inputs {
        if i.path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('_')) {
            continue;
        }
        let v: Value = serde_json::from_str(&i.text).map_err(|e| format!("{}: {e}", i.path.display()))?;
        let prefix = v["prefix"].as_str().unwrap_or_default().to_owned();
        let m = module_name(&i.cloud, &prefix);
        files.insert(out_dir.join(format!("{m}.rs")), service_file(&preamble, &i.cloud, &v, &i.path)?);
        files.insert(
            out_dir.join("typed").join(&i.cloud).join(format!("{}.rs", ident(&prefix))),
            typed_file(&preamble, &i.cloud, &v),
        );
        modules.push((i.cloud.clone(), prefix, m));
    }
    modules.sort();
    let mut m = preamble.clone();
    m.push_str(
        "#![allow(clippy::all, clippy::indexing_slicing, missing_docs)]\n\nuse crate::model::Service;\n\n",
    );
    m.push_str("pub(crate) mod globals;\n");
    for (_, _, module) in &modules {
        let _ = writeln!(m, "mod {module};");
    }
    m.push_str(
        "\n/// Every service, sorted by (cloud, prefix).\npub(crate) static SERVICES: &[&Service] = &[\n",
    );
    for (_, _, module) in &modules {
        let _ = writeln!(m, "    &{module}::SERVICE,");
    }
    m.push_str("];\n\n");
    m.push_str("/// `(cloud, prefix)` of each entry of `SERVICES`, for a binary search that stays in one small table.\npub(crate) static SERVICE_KEYS: &[(crate::model::Cloud, &str)] = &[\n");
    for (cloud, prefix, _) in &modules {
        let _ = writeln!(
            m,
            "    (crate::model::Cloud::{}, {}),",
            if cloud == "aws" { "Aws" } else { "Alibaba" },
            lit(prefix)
        );
    }
    m.push_str("];\n\n");
    m.push_str("/// Typed action enums, one per service: Alibaba Cloud's behind the `alibaba` feature (on by default),\n/// each AWS service's behind `aws-<prefix>` (all of them: `aws-all`).\npub mod typed {\n");
    for cloud in ["alibaba", "aws"] {
        let _ = writeln!(
            m,
            "    /// Services of {}.\n    pub mod {cloud} {{",
            if cloud == "aws" { "AWS" } else { "Alibaba Cloud" }
        );
        for (c, prefix, _) in &modules {
            if c != cloud {
                continue;
            }
            let feature = if cloud == "aws" { format!("aws-{prefix}") } else { "alibaba".to_owned() };
            let _ =
                writeln!(m, "        #[cfg(feature = \"{feature}\")]\n        pub mod {};", ident(prefix));
        }
        m.push_str("    }\n");
    }
    m.push_str("}\n");
    files.insert(out_dir.join("mod.rs"), m);
    // The feature list of tarn-catalog's manifest, between markers.
    let manifest = root.join("crates/tarn-catalog/Cargo.toml");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("cannot read {}: {e}", manifest.display()))?;
    const BEGIN: &str = "# @generated features begin (cargo xtask gen-actions)\n";
    const END: &str = "# @generated features end\n";
    let (Some(b), Some(e)) = (text.find(BEGIN), text.find(END)) else {
        return Err(format!("{}: feature markers not found", manifest.display()));
    };
    let aws: Vec<&str> = modules.iter().filter(|(c, _, _)| c == "aws").map(|(_, p, _)| p.as_str()).collect();
    let mut feats = String::from("default = [\"alibaba\"]\nalibaba = []\n");
    let all: Vec<String> = aws.iter().map(|p| format!("\"aws-{p}\"")).collect();
    let _ = writeln!(feats, "aws-all = [{}]", all.join(", "));
    for p in &aws {
        let _ = writeln!(feats, "aws-{p} = []");
    }
    let new_manifest = format!("{}{BEGIN}{feats}{}", &text[..b], &text[e..]);
    files.insert(manifest, new_manifest);
    files.insert(out_dir.join("globals.rs"), globals_file(&preamble, root)?);
    let readme = root.join("README.md");
    files.insert(readme.clone(), with_coverage_table(&readme, &inputs)?);

    let mut stale = Vec::new();
    for (path, text) in &files {
        if crate::ensure_file_contents(path, text, check)? {
            stale.push(path.clone());
        }
    }
    // Files that the generator no longer writes.
    let mut existing = Vec::new();
    for dir in [
        out_dir.clone(),
        out_dir.join("aws"),
        out_dir.join("alibaba"),
        out_dir.join("typed/aws"),
        out_dir.join("typed/alibaba"),
    ] {
        if let Ok(rd) = std::fs::read_dir(&dir) {
            existing.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    {
        for p in existing {
            if !files.contains_key(&p) {
                if check {
                    stale.push(p);
                } else {
                    std::fs::remove_file(&p).map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
                }
            }
        }
    }
    if check && !stale.is_empty() {
        let list: Vec<String> = stale.iter().take(10).map(|p| p.display().to_string()).collect();
        return Err(format!(
            "{} generated file(s) are stale, e.g. {}; run `cargo xtask gen-actions`",
            stale.len(),
            list.join(", ")
        ));
    }
    Ok(())
}
