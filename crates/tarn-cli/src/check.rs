//! `tarn check`: the linter over files, in text, JSON or SARIF.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::ArgMatches;
use serde_json::{json, Value};
use tarn_core::lint::{Code, Finding, LintOptions, Severity};
use tarn_core::PolicyKind;
use tarn_infra::{Detected, InputKind, Located};

use crate::{input, Failure, FINDINGS, OK, USAGE};

/// `--kind` names and the kinds they stand for.
pub const KINDS: &[(&str, PolicyKind)] = &[
    ("identity", PolicyKind::Managed),
    ("inline-user", PolicyKind::InlineUser),
    ("inline-role", PolicyKind::InlineRole),
    ("inline-group", PolicyKind::InlineGroup),
    ("resource", PolicyKind::Resource),
    ("bucket", PolicyKind::Bucket),
    ("trust", PolicyKind::Trust),
    ("session", PolicyKind::Session),
    ("scp", PolicyKind::Control),
    ("control", PolicyKind::Control),
    ("rcp", PolicyKind::ResourceControl),
];

/// One file's findings.
struct Report {
    file: String,
    src: String,
    findings: Vec<Located>,
}

/// `tarn check`.
pub fn run(m: &ArgMatches, out: &mut dyn Write) -> Result<u8, Failure> {
    let kind = m.get_one::<String>("kind").and_then(|k| KINDS.iter().find(|(n, _)| n == k)).map(|(_, k)| *k);
    let opts = LintOptions { kind, dialect: input::dialect(m), lenient: m.get_flag("lenient") };
    let input_kind = m.get_one::<String>("input").and_then(|i| InputKind::from_name(i));
    let fail_on = match m.get_one::<String>("fail-on").map(String::as_str) {
        Some("security-warning") => Severity::SecurityWarning,
        Some("warning") => Severity::Warning,
        Some("suggestion") => Severity::Suggestion,
        _ => Severity::Error,
    };
    let args: Vec<&String> = m.get_many::<String>("files").into_iter().flatten().collect();
    let mut unreadable = false;
    let mut files = Vec::new();
    for arg in args {
        match input::expand(arg) {
            Ok(found) => files.extend(found),
            Err(message) => {
                eprintln!("tarn: {message}");
                unreadable = true;
            }
        }
    }
    let mut reports = Vec::new();
    for result in check_all(&files, &opts, input_kind) {
        match result {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => {}
            Err(message) => {
                // The other files are still checked; the exit status says that one could not be.
                eprintln!("tarn: {message}");
                unreadable = true;
            }
        }
    }
    match m.get_one::<String>("format").map(String::as_str) {
        Some("json") => write_json(out, &reports)?,
        Some("sarif") => write_sarif(out, &reports)?,
        _ => write_text(out, &reports)?,
    }
    Ok(if unreadable {
        USAGE
    } else if reports.iter().flat_map(|r| &r.findings).any(|f| f.finding.severity >= fail_on) {
        FINDINGS
    } else {
        OK
    })
}

/// Reads and lints one file: a policy, or every policy of a template or plan. `Ok(None)`: a file found by
/// walking a directory that is none of these, skipped.
fn check_one(
    file: &input::Input,
    opts: &LintOptions,
    kind: Option<InputKind>,
) -> Result<Option<Report>, String> {
    let src = input::read(&file.path).map_err(|e| e.message().to_owned())?;
    let name = input::display_name(&file.path).to_owned();
    let kind = match kind {
        Some(k) => k,
        None => match tarn_infra::detect(&src) {
            Ok(Detected::Input(InputKind::Policy)) if file.walked && !src.contains("\"Statement\"") => {
                return Ok(None)
            }
            Ok(Detected::Input(k)) => k,
            Ok(Detected::Other) if file.walked => return Ok(None),
            // A named file that is nothing else is read as a policy: the linter says what is wrong with it.
            Ok(Detected::Other) => InputKind::Policy,
            Err(e) => {
                return Err(format!(
                    "{name}:{}:{}: cannot read this template or plan: {}",
                    e.line, e.column, e.message
                ))
            }
        },
    };
    match tarn_infra::check(&src, Some(kind), opts) {
        Ok(checked) => Ok(Some(Report { file: name, src, findings: checked.findings })),
        Err(e) => Err(format!(
            "cannot read `{name}` as {}: {}:{}:{}: {}",
            describe(kind),
            name,
            e.line,
            e.column,
            e.message
        )),
    }
}

fn describe(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Policy => "a policy",
        InputKind::TerraformPlan => "a Terraform plan",
        InputKind::CloudFormation => "a CloudFormation template",
        InputKind::Ros => "a ROS template",
    }
}

type Outcome = Result<Option<Report>, String>;

/// Reads and lints every file, on as many threads as there are cores; the results in the files' order.
fn check_all(files: &[input::Input], opts: &LintOptions, kind: Option<InputKind>) -> Vec<Outcome> {
    let one = |file: &input::Input| check_one(file, opts, kind);
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(files.len());
    if workers <= 1 {
        return files.iter().map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<Option<Outcome>> = std::iter::repeat_with(|| None).take(files.len()).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break };
                        mine.push((i, one(f)));
                    }
                    mine
                })
            })
            .collect();
        for h in handles {
            // A worker that panicked leaves its files to be checked again below, in this thread.
            for (i, r) in h.join().unwrap_or_default() {
                if let Some(slot) = done.get_mut(i) {
                    *slot = Some(r);
                }
            }
        }
    });
    done.into_iter().zip(files).map(|(r, f)| r.unwrap_or_else(|| one(f))).collect()
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::SecurityWarning => "security warning",
        Severity::Warning => "warning",
        Severity::Suggestion => "suggestion",
    }
}

fn write_text(out: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    let mut counts = [0usize; 4];
    for r in reports {
        for l in &r.findings {
            let f = &l.finding;
            located_finding(out, &r.file, &r.src, l)?;
            if let Some(c) = counts.get_mut(f.severity as usize) {
                *c += 1;
            }
        }
    }
    let [suggestions, warnings, security, errors] = counts;
    let plural = |n: usize, one: &str| if n == 1 { format!("{n} {one}") } else { format!("{n} {one}s") };
    writeln!(
        out,
        "{} checked: {}, {}, {}, {}",
        plural(reports.len(), "file"),
        plural(errors, "error"),
        plural(security, "security warning"),
        plural(warnings, "warning"),
        plural(suggestions, "suggestion"),
    )
}

/// One finding as a compiler would show it: the source line with the value underlined, and the help.
pub fn text_finding(out: &mut dyn Write, file: &str, src: &str, f: &Finding) -> io::Result<()> {
    located_finding(out, file, src, &Located { resource: None, property: None, finding: f.clone() })
}

/// [`text_finding`], naming the resource and property of a policy found in a template or plan.
fn located_finding(out: &mut dyn Write, file: &str, src: &str, l: &Located) -> io::Result<()> {
    let f = &l.finding;
    writeln!(out, "{}[{}]: {}", level(f.severity), f.code, f.message)?;
    let gutter = f.line.to_string().len();
    let mut at = if f.pointer.is_empty() { String::new() } else { format!(" at {}", f.pointer) };
    if let (Some(r), Some(p)) = (&l.resource, &l.property) {
        at = format!(" in {r} ({p}){at}");
    }
    writeln!(out, "{:gutter$}--> {file}:{}:{}{at}", "", f.line, f.column)?;
    if let Some(line) = src.lines().nth(f.line.saturating_sub(1)) {
        let (shown, caret_at, caret_len) = window(line, f.column.saturating_sub(1));
        writeln!(out, "{:gutter$} |", "")?;
        writeln!(out, "{} | {shown}", f.line)?;
        writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(caret_at), "^".repeat(caret_len))?;
    }
    if let Some(h) = &f.help {
        writeln!(out, "{:gutter$} = help: {h}", "")?;
    }
    writeln!(out)
}

/// The part of a line to show (at most 100 characters around `col`), where the underline starts in it and
/// how long it is: a whole string when the finding is at its opening quote, else one character.
fn window(line: &str, col: usize) -> (String, usize, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let col = col.min(chars.len());
    let mut len = 1;
    if chars.get(col) == Some(&'"') {
        let mut i = col + 1;
        while let Some(&c) = chars.get(i) {
            if c == '\\' {
                i += 2;
                continue;
            }
            if c == '"' {
                len = i - col + 1;
                break;
            }
            i += 1;
        }
    }
    if chars.len() <= WIDTH {
        return (chars.into_iter().collect(), col, len);
    }
    let start = col.saturating_sub(30);
    let end = (start + WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut caret_at = col - start;
    if start > 0 {
        shown.push('…');
        caret_at += 1;
    }
    shown.extend(chars.get(start..end).into_iter().flatten());
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret_at, len.min(end.saturating_sub(col)).max(1))
}

fn write_json(out: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    let all: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            r.findings.iter().map(|l| {
                let f = &l.finding;
                let mut v = json!({
                    "file": r.file,
                    "code": f.code.as_str(),
                    "severity": f.severity.as_str(),
                    "message": f.message,
                    "help": f.help,
                    "pointer": f.pointer,
                    "line": f.line,
                    "column": f.column,
                });
                if let (Some(resource), Some(property), Some(obj)) =
                    (&l.resource, &l.property, v.as_object_mut())
                {
                    obj.insert("resource".to_owned(), json!(resource));
                    obj.insert("property".to_owned(), json!(property));
                }
                v
            })
        })
        .collect();
    serde_json::to_writer(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}

/// SARIF 2.1.0: one run of the tool `tarn`, a rule per code, a result per finding.
fn write_sarif(out: &mut dyn Write, reports: &[Report]) -> io::Result<()> {
    let sarif_level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::SecurityWarning | Severity::Warning => "warning",
        Severity::Suggestion => "note",
    };
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            let properties = if c.severity() == Severity::SecurityWarning {
                // Code-scanning UIs rank security results by this score (7.0: high).
                json!({"severity": c.severity().as_str(), "tags": ["security"], "security-severity": "7.0"})
            } else {
                json!({"severity": c.severity().as_str()})
            };
            json!({
                "id": c.as_str(),
                "shortDescription": {"text": c.summary()},
                "defaultConfiguration": {"level": sarif_level(c.severity())},
                "properties": properties,
            })
        })
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| {
            r.findings.iter().map(|l| {
                let f = &l.finding;
                let mut logical = vec![json!({"fullyQualifiedName": f.pointer, "kind": "element"})];
                if let Some(resource) = &l.resource {
                    logical.insert(0, json!({"name": resource, "fullyQualifiedName": resource, "kind": "resource"}));
                }
                let text = match &f.help {
                    Some(h) => format!("{} (help: {h})", f.message),
                    None => f.message.clone(),
                };
                json!({
                    "ruleId": f.code.as_str(),
                    "ruleIndex": Code::ALL.iter().position(|c| *c == f.code),
                    "level": sarif_level(f.severity),
                    "message": {"text": text},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": {"uri": r.file},
                            "region": {"startLine": f.line, "startColumn": f.column},
                        },
                        "logicalLocations": logical,
                    }],
                    "properties": {"severity": f.severity.as_str(), "pointer": f.pointer, "resource": l.resource},
                })
            })
        })
        .collect();
    let sarif = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "tarn", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "results": results,
        }],
    });
    serde_json::to_writer(&mut *out, &sarif).map_err(io::Error::other)?;
    writeln!(out)
}
