//! The diff as JSON (`tarn diff --format json`, [`Diff::to_json`]) and as text for a review.

use std::fmt::Write as _;

use super::{Diff, Example, Grant};
use crate::json::write::escape_into;

fn opt(out: &mut String, v: Option<&str>) {
    match v {
        Some(s) => escape_into(out, s),
        None => out.push_str("null"),
    }
}

fn example(out: &mut String, e: &Example) {
    out.push_str("{\"action\":");
    escape_into(out, &e.action);
    out.push_str(",\"resource\":");
    escape_into(out, &e.resource);
    if let Some(p) = &e.principal {
        out.push_str(",\"principal\":");
        escape_into(out, p);
    }
    out.push_str(",\"context\":{");
    for (i, (k, vs)) in e.context.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        escape_into(out, k);
        out.push_str(":[");
        for (j, v) in vs.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            escape_into(out, v);
        }
        out.push(']');
    }
    out.push_str("}}");
}

fn indices(out: &mut String, v: &[usize]) {
    out.push('[');
    for (i, x) in v.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{x}");
    }
    out.push(']');
}

fn grant(out: &mut String, g: &Grant) {
    out.push_str("{\"action\":");
    escape_into(out, &g.action);
    out.push_str(",\"resource\":");
    escape_into(out, &g.resource);
    out.push_str(",\"principal\":");
    opt(out, g.principal.as_deref());
    out.push_str(",\"conditions\":");
    opt(out, g.conditions.as_deref());
    out.push_str(",\"example\":");
    match &g.example {
        Some(e) => example(out, e),
        None => out.push_str("null"),
    }
    if let Some(u) = &g.undecided {
        out.push_str(",\"undecided\":");
        escape_into(out, u);
    }
    out.push_str(",\"allowed_by\":");
    indices(out, &g.allowed_by);
    out.push_str(",\"denied_by\":");
    indices(out, &g.denied_by);
    out.push('}');
}

/// `{"verdict": …, "added": […], "removed": […]}`.
pub(crate) fn json(d: &Diff) -> String {
    let mut out = String::with_capacity(64 + 256 * (d.added.len() + d.removed.len()));
    out.push_str("{\"verdict\":");
    escape_into(&mut out, d.verdict.as_str());
    for (name, list) in [("added", &d.added), ("removed", &d.removed)] {
        let _ = write!(out, ",\"{name}\":[");
        for (i, g) in list.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            grant(&mut out, g);
        }
        out.push(']');
    }
    out.push('}');
    out
}

fn shell(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,+".contains(&b)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn statements(v: &[usize], sids: &[Option<String>]) -> String {
    let list: Vec<String> = v
        .iter()
        .map(|i| match sids.get(*i).and_then(Option::as_deref) {
            Some(sid) => format!("{i} (Sid `{sid}`)"),
            None => i.to_string(),
        })
        .collect();
    format!("{} {}", if v.len() == 1 { "statement" } else { "statements" }, list.join(", "))
}

/// Text for a review: each added (`+`) or removed (`-`) grant, its example as a `tarn eval` command, and
/// the statements responsible in each policy.
pub(crate) fn text(d: &Diff, old: &str, new: &str) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "{old} -> {new}: {} ({} added, {} removed)", d.verdict, d.added.len(), d.removed.len());
    let [old_sids, new_sids] = &d.sids;
    for (sign, list, (gain, lose), (gs, ls)) in [
        ("+", &d.added, (new, old), (new_sids, old_sids)),
        ("-", &d.removed, (old, new), (old_sids, new_sids)),
    ] {
        for g in list {
            let _ = writeln!(out);
            let _ = writeln!(out, "{sign} {} on {}", g.action, g.resource);
            if let Some(p) = &g.principal {
                let _ = writeln!(out, "    principal: {p}");
            }
            if let Some(c) = &g.conditions {
                let _ = writeln!(out, "    when: {c}");
            }
            match (&g.example, &g.undecided) {
                (Some(e), _) => {
                    let mut cmd = format!(
                        "tarn eval {} --action {} --resource {}",
                        shell(gain),
                        shell(&e.action),
                        shell(&e.resource)
                    );
                    if let Some(p) = &e.principal {
                        let _ = write!(cmd, " --principal {}", shell(p));
                    }
                    for (k, vs) in &e.context {
                        for v in vs {
                            let _ = write!(cmd, " --context {}", shell(&format!("{k}={v}")));
                        }
                    }
                    let _ = writeln!(out, "    example: {cmd}");
                    let _ = writeln!(out, "    {gain}: allowed by {}", statements(&g.allowed_by, gs));
                    if g.denied_by.is_empty() {
                        let _ = writeln!(out, "    {lose}: no statement allows it");
                    } else {
                        let _ = writeln!(out, "    {lose}: denied by {}", statements(&g.denied_by, ls));
                    }
                }
                (None, Some(reason)) => {
                    let _ = writeln!(out, "    undecided: {reason}");
                    let _ = writeln!(out, "    {gain}: {}", statements(&g.allowed_by, gs));
                }
                (None, None) => {}
            }
        }
    }
    out
}
