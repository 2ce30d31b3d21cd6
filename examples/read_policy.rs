//! Reads policy documents (JSON files, or the JSON policies of the seed documents in tests/seeds), reports the first
//! mistake of each with its line, column, JSON pointer and a caret under it, and prints the rest in
//! canonical form with the policy kinds it is fit for.
//!
//! ```sh
//! cargo run --example read_policy                         # the policies in tests/seeds/*.txt
//! cargo run --example read_policy -- policy.json ...      # your files
//! cargo run --example read_policy -- --strict policy.json # comments are errors (the default allows them)
//! ```
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use tarn::{ParseError, ParseOptions, Policy, PolicyKind};

fn main() {
    let mut strict = false;
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--strict" {
            strict = true;
        } else {
            files.push(arg.into());
        }
    }
    let options = ParseOptions::new().allow_comments(!strict);
    let mut inputs: Vec<(String, String)> = Vec::new();
    if files.is_empty() {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/seeds");
        let seeds = seeds.canonicalize().unwrap_or(seeds);
        let mut names: Vec<PathBuf> = match std::fs::read_dir(&seeds) {
            Ok(dir) => dir
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect(),
            Err(e) => {
                eprintln!("cannot read {}: {e} (name files)", seeds.display());
                std::process::exit(2);
            }
        };
        names.sort();
        for path in names {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for excerpt in tarn::policies_in_text(&text) {
                inputs.push((format!("{}, line {}", path.display(), excerpt.line), excerpt.text));
            }
        }
    } else {
        for path in files {
            match std::fs::read_to_string(&path) {
                Ok(text) => inputs.push((path.display().to_string(), text)),
                Err(e) => {
                    eprintln!("cannot read {}: {e}", path.display());
                    std::process::exit(2);
                }
            }
        }
    }
    let mut failed = false;
    for (name, text) in &inputs {
        println!("== {name}");
        match Policy::from_json_with(text, &options) {
            Ok(policy) => {
                let kinds: Vec<&str> = PolicyKind::ALL
                    .iter()
                    .filter(|k| policy.check_kind(**k).is_ok() && policy.check_limits(**k).is_ok())
                    .map(|k| k.describe())
                    .collect();
                println!("{} policy, fit for: {}", policy.dialect(), kinds.join(", "));
                println!("{}", policy.to_json_pretty());
            }
            Err(e) => {
                failed = true;
                report(text, &e);
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}

fn report(text: &str, e: &ParseError) {
    println!("error: {e}");
    if let Some(line) = text.lines().nth(e.line() - 1) {
        println!("    {line}");
        println!("    {}^", " ".repeat(e.column().saturating_sub(1)));
    }
    if let Some(help) = e.help() {
        println!("help: {help}");
    }
}
