//! `tarn diff`: what the new policy allows that the old one does not, and the reverse.

use std::io::Write;

use clap::ArgMatches;
use tarn_core::eval::Role;
use tarn_core::lint::Finding;
use tarn_core::{DiffOptions, Policy, PolicyKind};

use crate::{check, input, Failure, FINDINGS, OK};

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
    let new_file = m.get_one::<String>("new").map_or("-", String::as_str);
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
