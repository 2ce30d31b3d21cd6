//! Terraform plans in JSON (`terraform show -json PLANFILE`, and state from `terraform show -json`): the
//! policies of the managed resources in `resource_changes` (their `after` values; `before` too for
//! [`plan_changes`]), or in `planned_values` / `values` when a document has no `resource_changes`.
//!
//! Policies in a plan are JSON strings; an attribute that `after_unknown` marks is unknown until apply and
//! is not checked. Unknown fields are ignored; no field is required beyond what locates a policy.

use tarn_core::PolicyKind;

use crate::tree::{Node, V};
use crate::types::{properties, TERRAFORM};
use crate::{at_path, found, FoundPolicy};

/// The policies the plan will leave in place (`after`), in the order of the plan.
pub(crate) fn policies(plan: &Node, _src: &str) -> Vec<FoundPolicy> {
    if let Some(changes) = plan.get("resource_changes") {
        return plan_changes_of(changes).into_iter().filter_map(|c| c.after).collect();
    }
    let mut out = Vec::new();
    for root in ["planned_values", "values"] {
        if let Some(module) = plan.get(root).and_then(|v| v.get("root_module")) {
            module_policies(module, &mut out);
            break;
        }
    }
    out
}

/// The resources of a module of `planned_values` and of its child modules (depth-first, without
/// recursion).
fn module_policies(root: &Node, out: &mut Vec<FoundPolicy>) {
    let mut todo = vec![root];
    while let Some(module) = todo.pop() {
        for r in module.get("resources").map(Node::seq).unwrap_or_default() {
            if r.get("mode").and_then(Node::str).is_some_and(|m| m != "managed") {
                continue;
            }
            let Some(ty) = r.get("type").and_then(Node::str) else { continue };
            let Some(props) = properties(TERRAFORM, ty) else { continue };
            let Some(values) = r.get("values") else { continue };
            let address = address(r, ty);
            for prop in props {
                for (name, value) in at_path(values, prop.path) {
                    out.extend(found(&address, ty, name, prop.kind, value));
                }
            }
        }
        let children = module.get("child_modules").map(Node::seq).unwrap_or_default();
        todo.extend(children.iter().rev());
    }
}

/// A resource's address: `address` as the plan gives it, else built from its module, type, name and index.
fn address(r: &Node, ty: &str) -> String {
    if let Some(a) = r.get("address").and_then(Node::str) {
        return a.to_owned();
    }
    let name = r.get("name").and_then(Node::str).unwrap_or("?");
    let mut a = match r.get("module_address").and_then(Node::str) {
        Some(m) => format!("{m}.{ty}.{name}"),
        None => format!("{ty}.{name}"),
    };
    match r.get("index").map(|i| &i.v) {
        Some(V::Num(n)) => a.push_str(&format!("[{n}]")),
        Some(V::Str(k)) => a.push_str(&format!("[\"{k}\"]")),
        _ => {}
    }
    a
}

/// The change of one policy of one resource in a plan: `tarn diff PLAN` compares `before` with `after`.
#[derive(Debug, Clone)]
pub struct PolicyChange {
    /// The resource's address, module path and index included (`module.app.aws_iam_role.this[0]`).
    pub resource: String,
    /// Its type (`aws_iam_role`).
    pub resource_type: String,
    /// The attribute (`assume_role_policy`, `inline_policy[0].policy`).
    pub property: String,
    /// The kind of policy the attribute holds.
    pub kind: PolicyKind,
    /// The plan's actions for the resource: `["create"]`, `["update"]`, `["delete", "create"]`, `["no-op"]`…
    pub actions: Vec<String>,
    /// The policy before the change; `None` for a resource being created (or an attribute that was unset).
    pub before: Option<FoundPolicy>,
    /// The policy after the change; `None` for a resource being deleted, or when unknown until apply.
    pub after: Option<FoundPolicy>,
    /// Whether `after` is unknown until apply (`after_unknown`).
    pub after_unknown: bool,
}

impl PolicyChange {
    /// Whether the policy text differs between `before` and `after` (an unknown `after` counts as a change).
    pub fn changed(&self) -> bool {
        self.after_unknown || self.before.as_ref().map(|p| &p.text) != self.after.as_ref().map(|p| &p.text)
    }
}

/// The policies of every resource in a plan's `resource_changes`, with their `before` and `after` values,
/// in the order of the plan (unchanged ones included: see [`PolicyChange::changed`]).
///
/// ```
/// let plan = r#"{"format_version": "1.2", "resource_changes": [{"address": "aws_iam_policy.p",
///   "mode": "managed", "type": "aws_iam_policy", "name": "p", "change": {"actions": ["create"],
///   "before": null, "after": {"policy": "{\"Version\":\"2012-10-17\",\"Statement\":[]}"},
///   "after_unknown": {}}}]}"#;
/// let changes = tarn_infra::plan_changes(plan).unwrap();
/// assert_eq!(changes[0].resource, "aws_iam_policy.p");
/// assert!(changes[0].before.is_none() && changes[0].after.is_some());
/// ```
pub fn plan_changes(src: &str) -> Result<Vec<PolicyChange>, crate::InputError> {
    let tree = crate::read_tree(src, Some(crate::InputKind::TerraformPlan))?;
    Ok(tree.get("resource_changes").map(plan_changes_of).unwrap_or_default())
}

/// The names of the values at `path` that `after_unknown` marks unknown: the value itself (`true` at the
/// end of the path) or a list item or object above it (`{"inline_policy": [true]}`: the first item, and so
/// its `policy`, is unknown until apply).
fn unknown_at(u: &Node, path: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    // Each prefix of the path: a `true` there makes everything below it unknown (a `true` has no children,
    // so the walk of a longer prefix stops at it).
    for depth in 1..=path.len() {
        let (head, rest) = path.split_at(depth);
        let rest: String =
            rest.iter().map(|s| if *s == "*" { "[*]".to_owned() } else { format!(".{s}") }).collect();
        out.extend(
            at_path(u, head)
                .into_iter()
                .filter(|(_, n)| n.is_true())
                .map(|(name, _)| format!("{name}{rest}")),
        );
    }
    out
}

fn plan_changes_of(changes: &Node) -> Vec<PolicyChange> {
    let mut out = Vec::new();
    for rc in changes.seq() {
        if rc.get("mode").and_then(Node::str).is_some_and(|m| m != "managed") {
            continue;
        }
        let Some(ty) = rc.get("type").and_then(Node::str) else { continue };
        let Some(props) = properties(TERRAFORM, ty) else { continue };
        let Some(change) = rc.get("change") else { continue };
        let resource = address(rc, ty);
        let actions: Vec<String> = change
            .get("actions")
            .map(Node::seq)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::str)
            .map(str::to_owned)
            .collect();
        let before = change.get("before");
        let after = change.get("after");
        let unknown = change.get("after_unknown");
        for prop in props {
            let mut names: Vec<String> = Vec::new();
            let befores: Vec<(String, &Node)> = before.map(|b| at_path(b, prop.path)).unwrap_or_default();
            let afters: Vec<(String, &Node)> = after.map(|a| at_path(a, prop.path)).unwrap_or_default();
            let unknowns: Vec<String> = unknown.map(|u| unknown_at(u, prop.path)).unwrap_or_default();
            // A whole list (`inline_policy`) unknown: every policy in it is.
            let list_unknown = prop.path.len() > 1
                && unknown
                    .and_then(|u| u.get(prop.path.first().copied().unwrap_or_default()))
                    .is_some_and(Node::is_true);
            for (n, _) in befores.iter().chain(&afters) {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
            for n in &unknowns {
                if !names.contains(n) {
                    names.push(n.clone());
                }
            }
            for name in names {
                fn pick<'n>(list: &[(String, &'n Node)], name: &str) -> Option<&'n Node> {
                    list.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
                }
                let after_unknown = list_unknown || unknowns.contains(&name);
                let b = pick(&befores, &name).and_then(|v| found(&resource, ty, name.clone(), prop.kind, v));
                let a = if after_unknown {
                    None
                } else {
                    pick(&afters, &name).and_then(|v| found(&resource, ty, name.clone(), prop.kind, v))
                };
                if b.is_none() && a.is_none() && !after_unknown {
                    continue;
                }
                out.push(PolicyChange {
                    resource: resource.clone(),
                    resource_type: ty.to_owned(),
                    property: name,
                    kind: prop.kind,
                    actions: actions.clone(),
                    before: b,
                    after: a,
                    after_unknown,
                });
            }
        }
    }
    out
}
