//! `tarn eval`: would this request be allowed, and by which statements.

use std::io::Write;

use clap::ArgMatches;
use serde_json::json;
use tarn_core::eval::{Decision, PolicySet, Request, Role};
use tarn_core::lint::Finding;
use tarn_core::Policy;

use crate::{check, input, Failure, FINDINGS, OK};

/// `tarn eval`.
pub fn run(m: &ArgMatches, out: &mut dyn Write) -> Result<u8, Failure> {
    let opts = input::parse_options(m);
    // Every policy file with its role: the positional ones by their content, the others by their flag.
    let mut files: Vec<(String, Option<Role>)> =
        m.get_many::<String>("policies").into_iter().flatten().map(|f| (f.clone(), None)).collect();
    for (flag, role) in [
        ("boundary", Role::Boundary),
        ("scp", Role::Control),
        ("rcp", Role::ResourceControl),
        ("session", Role::Session),
    ] {
        files.extend(m.get_many::<String>(flag).into_iter().flatten().map(|f| (f.clone(), Some(role))));
    }
    let mut policies: Vec<(String, Policy, Role)> = Vec::new();
    for (file, role) in files {
        let src = input::read(&file)?;
        let policy = match Policy::from_json_with(&src, &opts) {
            Ok(p) => p,
            Err(e) => {
                check::text_finding(
                    &mut std::io::stderr().lock(),
                    input::display_name(&file),
                    &src,
                    &Finding::from(&e),
                )?;
                return Err(Failure::Usage(format!("`{}` is not a policy", input::display_name(&file))));
            }
        };
        let role = role.unwrap_or(if policy.statements().iter().any(|s| s.principal().is_some()) {
            Role::Resource
        } else {
            Role::Identity
        });
        policies.push((input::display_name(&file).to_owned(), policy, role));
    }
    let action = m.get_one::<String>("action").map_or("", String::as_str);
    let resource = m.get_one::<String>("resource").map_or("", String::as_str);
    let mut request = Request::new(action, resource).map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(p) = m.get_one::<String>("principal") {
        request = request.principal(p);
    }
    if let Some(a) = m.get_one::<String>("resource-account") {
        request = request.resource_account(a);
    }
    for kv in m.get_many::<String>("context").into_iter().flatten() {
        let Some((k, v)) = kv.split_once('=') else {
            return Err(Failure::Usage(format!(
                "`--context {kv}`: expected KEY=VALUE, such as aws:SourceIp=203.0.113.7"
            )));
        };
        request = request.context(k.trim(), v);
    }
    let mut set = PolicySet::new();
    for (_, p, role) in &policies {
        set = set.add(*role, p);
    }
    let e = set.evaluate(&request);
    let file_of = |i: usize| policies.get(i).map_or("", |(f, _, _)| f.as_str());
    if m.get_one::<String>("format").is_some_and(|f| f == "json") {
        let statements: Vec<_> = e
            .statements
            .iter()
            .map(|d| {
                json!({"file": file_of(d.policy), "index": d.statement, "sid": d.sid, "effect": d.effect.as_str(), "role": d.role.as_str()})
            })
            .collect();
        writeln!(
            out,
            "{}",
            json!({"decision": e.decision.as_str(), "statements": statements, "notes": e.notes})
        )?;
    } else {
        writeln!(out, "{}: {} on {}", e.decision, request.action(), request.resource())?;
        for d in &e.statements {
            let sid = d.sid.map(|s| format!(" (Sid `{s}`)")).unwrap_or_default();
            writeln!(
                out,
                "  {} by statement {}{sid} of {} ({} policy)",
                d.effect.as_str(),
                d.statement,
                file_of(d.policy),
                d.role.as_str()
            )?;
        }
        for n in &e.notes {
            writeln!(out, "  note: {n}")?;
        }
        if e.decision == Decision::ImplicitDeny && e.statements.is_empty() && e.notes.is_empty() {
            writeln!(out, "  no statement allows it")?;
        }
    }
    Ok(if e.decision == Decision::Allow { OK } else { FINDINGS })
}
