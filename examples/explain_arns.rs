//! Parses and explains ARNs, ARN patterns and ARN templates.
//!
//! ```text
//! cargo run --example explain_arns                          # the ARNs of the seed fixtures, tests/seeds/*.txt
//! cargo run --example explain_arns -- FILE...               # the ARNs found in these files
//! cargo run --example explain_arns -- 'acs:mq:*:*:MQ_1%T'   # these ARNs
//! ```
//!
//! Each distinct ARN is printed once with its kind (ARN, pattern or template), cloud and segments; an
//! invalid one with the error, the column and what would be right. The exit status is 1 if any is invalid.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tarn_arn::{Arn, Pattern, Template};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut inputs: Vec<(String, String)> = Vec::new(); // (origin, text)
    if args.is_empty() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/seeds");
        let dir = dir.canonicalize().unwrap_or(dir);
        let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect(),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", dir.display());
                eprintln!("help: pass files or ARNs as arguments");
                return ExitCode::from(2);
            }
        };
        files.sort();
        for f in files {
            match std::fs::read_to_string(&f) {
                Ok(t) => inputs.push((f.display().to_string(), t)),
                Err(e) => eprintln!("warning: skipping {}: {e}", f.display()),
            }
        }
    } else {
        for a in args {
            if a.starts_with("acs:") || a.starts_with("arn:") || a == "*" {
                inputs.push(("argument".to_owned(), a));
            } else {
                match std::fs::read_to_string(&a) {
                    Ok(t) => inputs.push((a, t)),
                    Err(e) => {
                        eprintln!("error: cannot read `{a}`: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
        }
    }

    let mut seen = BTreeSet::new();
    let mut invalid = 0;
    for (origin, text) in &inputs {
        let found: Vec<&str> = if origin == "argument" {
            vec![text.as_str()]
        } else {
            tarn_arn::scan(text).into_iter().map(|(_, s)| s).collect()
        };
        let fresh: Vec<&str> = found.into_iter().filter(|s| seen.insert(s.to_string())).collect();
        if fresh.is_empty() {
            continue;
        }
        println!("# {origin}");
        for s in fresh {
            if !explain(s) {
                invalid += 1;
            }
        }
        println!();
    }
    println!("{} distinct ARNs, {invalid} invalid", seen.len());
    if invalid > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints one ARN; returns whether it is valid.
fn explain(s: &str) -> bool {
    let templated = s.contains('{') || s.contains('<');
    if templated {
        return match Template::parse(s) {
            Ok(t) => {
                let names: Vec<&str> = t.placeholders().collect();
                println!(
                    "{s}\n    template, {}, service {}, placeholders: {}",
                    t.cloud(),
                    t.service().unwrap_or("(a placeholder)"),
                    names.join(", ")
                );
                true
            }
            Err(e) => report(s, &e),
        };
    }
    match Pattern::parse(s) {
        Ok(p) if p.is_any() => {
            println!("{s}\n    every resource");
            true
        }
        Ok(p) => {
            let kind = if p.has_wildcards() {
                "pattern"
            } else if Arn::parse(s).is_ok() {
                "ARN"
            } else {
                "pattern with policy variables"
            };
            let or_any = |v: Option<&str>| match v {
                Some("") => "(empty)".to_owned(),
                Some("*") => "any".to_owned(),
                Some(v) => format!("`{v}`"),
                None => "-".to_owned(),
            };
            let partition =
                p.partition().map(|x| format!(", partition {}", or_any(Some(x)))).unwrap_or_default();
            println!(
                "{s}\n    {kind}, {}{partition}, service `{}`, region {}, account {}, resource {}",
                p.cloud().map(|c| c.name()).unwrap_or("any cloud"),
                p.service().unwrap_or_default(),
                or_any(p.region()),
                or_any(p.account()),
                or_any(p.resource()),
            );
            true
        }
        Err(e) => report(s, &e),
    }
}

fn report(s: &str, e: &tarn_arn::ArnError) -> bool {
    println!("{s}\n    error: {e}");
    println!("    {s}\n    {}^", " ".repeat(e.column().saturating_sub(1)));
    if let Some(h) = e.help() {
        println!("    help: {h}");
    }
    false
}
