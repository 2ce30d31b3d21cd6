//! `tarn diff`: what the new policy allows that the old one does not, and the reverse.

use std::io::Write;

use clap::ArgMatches;
use tarn_core::eval::Role;
use tarn_core::lint::Finding;
use tarn_core::{DiffOptions, Policy, PolicyKind};

use crate::{check, input, Failure, FINDINGS, OK, USAGE};

fn read(file: &str, m: &ArgMatches) -> Result<Policy, Failure> {
    let src = input::read(file)?;
    Policy::from_json_with(&src, &input::parse_options(m)).map_err(|e| {
        let _ = check::text_finding(
            &mut std::io::stderr().lock(),
            input::display_name(file),
            &src,
            &Finding::from(&e),
        );
        Failure::Usage(format!("`{}` is not a policy: {e}", input::display_name(file)))
    })
}

/// The role `--kind` asks for: resource-based kinds look at principals.
fn role(kind: Option<PolicyKind>) -> Option<Role> {
    kind.map(|k| match k {
        PolicyKind::Resource | PolicyKind::Bucket | PolicyKind::Trust => Role::Resource,
        _ => Role::Identity,
    })
}

/// `tarn diff`.
pub fn run(m: &ArgMatches, out: &mut dyn Write) -> Result<u8, Failure> {
    let old_file = m.get_one::<String>("old").map_or("-", String::as_str);
    let Some(new_file) = m.get_one::<String>("new").map(String::as_str) else {
        return plan(old_file, m, out);
    };
    if old_file == "-" && new_file == "-" {
        return Err(Failure::Usage("only one of OLD and NEW can be standard input (-)".to_owned()));
    }
    let old = read(old_file, m)?;
    let new = read(new_file, m)?;
    let kind =
        m.get_one::<String>("kind").and_then(|k| check::KINDS.iter().find(|(n, _)| n == k)).map(|(_, k)| *k);
    let r = role(kind);
    let d = tarn_core::diff_with(&old, &new, &DiffOptions { old_role: r, new_role: r });
    if m.get_one::<String>("format").is_some_and(|f| f == "json") {
        writeln!(out, "{}", d.to_json())?;
    } else {
        write!(out, "{}", d.to_text(input::display_name(old_file), input::display_name(new_file)))?;
    }
    Ok(if d.added.is_empty() { OK } else { FINDINGS })
}

/// `tarn diff PLAN`: for each policy of a Terraform plan whose value changes between `before` and `after`,
/// what the change grants and takes away. A created resource is compared with the empty policy, a deleted one
/// reports only removals, and a policy unknown until apply may grant anything: it counts as new access.
fn plan(file: &str, m: &ArgMatches, out: &mut dyn Write) -> Result<u8, Failure> {
    let src = input::read(file)?;
    let name = input::display_name(file);
    match tarn_infra::detect(&src) {
        Ok(tarn_infra::Detected::Input(tarn_infra::InputKind::TerraformPlan)) => {}
        Ok(_) => {
            return Err(Failure::Usage(format!(
                "`{name}` is not a Terraform plan: `tarn diff` compares OLD with NEW, or the policies of one plan \
                 (`terraform show -json PLANFILE`)"
            )))
        }
        Err(e) => return Err(Failure::Usage(format!("{name}:{}:{}: {}", e.line, e.column, e.message))),
    }
    let changes = tarn_infra::plan_changes(&src)
        .map_err(|e| Failure::Usage(format!("{name}:{}:{}: {}", e.line, e.column, e.message)))?;
    let lenient = m.get_flag("lenient");
    let as_json = m.get_one::<String>("format").is_some_and(|f| f == "json");
    let (mut entries, mut text) = (Vec::new(), String::new());
    let (mut broader, mut failed) = (false, false);
    for c in changes.iter().filter(|c| c.changed()) {
        let where_ = format!("{} ({})", c.resource, c.property);
        let mut entry = serde_json::Map::new();
        entry.insert("resource".to_owned(), c.resource.clone().into());
        entry.insert("property".to_owned(), c.property.clone().into());
        entry.insert("actions".to_owned(), c.actions.clone().into());
        if c.after_unknown {
            broader = true;
            entry.insert("verdict".to_owned(), "unknown".into());
            let reason = "the policy after the change is unknown until apply: it may grant anything";
            entry.insert("reason".to_owned(), reason.into());
            text.push_str(&format!("== {where_}: unknown until apply; it may grant anything\n\n"));
            entries.push(entry);
            continue;
        }
        let parse = |p: &tarn_infra::FoundPolicy, side: &str| {
            let opts = tarn_core::ParseOptions::new().dialect(p.dialect).allow_comments(lenient);
            Policy::from_json_with(&p.text, &opts)
                .map_err(|e| format!("{name}:{}:{}: {where_}, {side}: {e}", p.line, p.column))
        };
        let dialect = c.after.as_ref().or(c.before.as_ref()).map(|p| p.dialect);
        let old = c.before.as_ref().map(|p| parse(p, "before")).transpose();
        let new = c.after.as_ref().map(|p| parse(p, "after")).transpose();
        let (Some(dialect), Ok(old), Ok(new)) = (dialect, &old, &new) else {
            // Say what is wrong with either side, and go on with the other resources.
            for e in [old.err(), new.err()].into_iter().flatten() {
                eprintln!("tarn: {e}");
            }
            failed = true;
            continue;
        };
        let empty = Policy::empty(dialect);
        let (old, new) = (old.as_ref().unwrap_or(&empty), new.as_ref().unwrap_or(&empty));
        let r = role(Some(c.kind));
        let d = tarn_core::diff_with(old, new, &DiffOptions { old_role: r, new_role: r });
        broader |= !d.added.is_empty();
        if as_json {
            let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap_or_default();
            for key in ["verdict", "added", "removed"] {
                entry.insert(key.to_owned(), v.get(key).cloned().unwrap_or_default());
            }
            entries.push(entry);
        } else {
            text.push_str(&format!("== {where_}: {}\n", c.actions.join(" and ")));
            text.push_str(&d.to_text("before", "after"));
            text.push('\n');
        }
    }
    if as_json {
        writeln!(out, "{}", serde_json::json!({ "resources": entries }))?;
    } else if text.is_empty() && !failed {
        writeln!(out, "{name}: no policy of the plan changes")?;
    } else {
        write!(out, "{text}")?;
    }
    Ok(if failed {
        USAGE
    } else if broader {
        FINDINGS
    } else {
        OK
    })
}
