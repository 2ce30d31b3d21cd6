//! The 1,641 AWS managed policies of `tests/corpus/aws-managed-policies.jsonl` and the policies of the seed
//! documents transcribed in `tests/seeds/` (both at the repository root, with READMEs saying where they come
//! from): every one parses, round-trips, and serializes to JSON semantically equal to its input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::value::RawValue;
use serde_json::Value;
use tarn::{Dialect, ParseErrorKind, ParseOptions, Policy};

/// The repository's `tests/` folder.
fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

/// The documents exactly as published (the raw text of each line's `document`).
fn corpus() -> Vec<(String, String)> {
    let p = fixtures().join("corpus/aws-managed-policies.jsonl");
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    text.lines()
        .map(|l| {
            let line: BTreeMap<String, &RawValue> = serde_json::from_str(l).unwrap();
            let name: String = serde_json::from_str(line["name"].get()).unwrap();
            (name, line["document"].get().to_owned())
        })
        .collect()
}

#[test]
fn every_managed_policy_parses_round_trips_and_keeps_its_meaning() {
    let docs = corpus();
    assert_eq!(docs.len(), 1_641);
    let mut failures = Vec::new();
    for (name, doc) in &docs {
        let p = match Policy::from_json(doc) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        assert_eq!(p.dialect(), Dialect::Iam, "{name}");
        let compact = p.to_json();
        let again =
            Policy::from_json(&compact).unwrap_or_else(|e| panic!("{name}: own output does not parse: {e}"));
        assert_eq!(again, p, "{name}: from_json(to_json(p)) != p");
        let input: Value = serde_json::from_str(doc).unwrap();
        let output: Value = serde_json::from_str(&compact).unwrap();
        assert_eq!(output, input, "{name}: to_json changed the meaning");
        let pretty = p.to_json_pretty();
        assert_eq!(serde_json::from_str::<Value>(&pretty).unwrap(), input, "{name}: pretty");
        assert_eq!(Policy::from_json(&pretty).unwrap(), p, "{name}: pretty round trip");
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents failed:\n{}",
        failures.len(),
        docs.len(),
        failures.join("\n")
    );
}

/// JSON policies in the seed documents, with the name of the file they come from.
fn seed_policies() -> Vec<(String, String)> {
    let dir = fixtures().join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        for excerpt in tarn::policies_in_text(&text) {
            out.push((path.file_name().unwrap().to_string_lossy().into_owned(), excerpt.text));
        }
    }
    out
}

#[test]
fn every_seed_policy_parses_with_comments_only_in_lenient_mode() {
    let policies = seed_policies();
    // 000: the S3 bucket policy; 001: the MQ custom policy; 003: three RocketMQ examples with `//` comments.
    let per_file: Vec<&str> = policies.iter().map(|(f, _)| &f[..3]).collect();
    assert_eq!(per_file, ["000", "001", "003", "003", "003"], "{policies:#?}");
    let lenient = ParseOptions::new().allow_comments(true);
    for (file, doc) in &policies {
        let has_comment = doc.contains("//");
        match Policy::from_json(doc) {
            Ok(_) => assert!(!has_comment, "{file}: a comment was accepted in strict mode"),
            Err(e) => {
                assert!(has_comment, "{file}: {e}\n{doc}");
                assert_eq!(e.kind(), ParseErrorKind::Comment, "{file}: {e}");
            }
        }
        let p = Policy::from_json_with(doc, &lenient).unwrap_or_else(|e| panic!("{file}: {e}\n{doc}"));
        let expected = if file.starts_with("000") { Dialect::Iam } else { Dialect::Ram };
        assert_eq!(p.dialect(), expected, "{file}");
        assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p, "{file}");
        assert_eq!(Policy::from_json(&p.to_json_pretty()).unwrap(), p, "{file}");
    }
}
