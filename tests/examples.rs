//! Every seed example prints, line by line, the policies of `tests/golden/<example>.jsonl` (see its README:
//! JSON equality where a single value equals a one-element array).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The forms the clouds treat alike: a single value of `Action`, `NotAction`, `Resource`, `NotResource`,
/// a principal kind, a UID list or a condition key becomes a one-element array.
fn normalize(v: &mut Value, key: Option<&str>) {
    let listy = matches!(
        key,
        Some(
            "Action"
                | "NotAction"
                | "Resource"
                | "NotResource"
                | "AWS"
                | "Service"
                | "Federated"
                | "CanonicalUser"
                | "RAM"
        )
    );
    match v {
        Value::String(_) if listy => *v = Value::Array(vec![v.take()]),
        Value::Object(map) => {
            let in_condition = key == Some("Condition");
            for (k, child) in map.iter_mut() {
                if in_condition {
                    // operator -> {key: values}
                    if let Value::Object(keys) = child {
                        for values in keys.values_mut() {
                            if !values.is_array() {
                                *values = Value::Array(vec![values.take()]);
                            }
                        }
                    }
                } else {
                    normalize(child, Some(k));
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                normalize(item, None);
            }
        }
        _ => {}
    }
}

fn check(example: &str) {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", example])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{example}: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let golden =
        std::fs::read_to_string(root().join("tests/golden").join(format!("{example}.jsonl"))).unwrap();
    let got: Vec<&str> = stdout.lines().collect();
    let want: Vec<&str> = golden.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        got.len(),
        want.len(),
        "{example}: {} lines printed, {} expected:\n{stdout}",
        got.len(),
        want.len()
    );
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        let mut g: Value =
            serde_json::from_str(g).unwrap_or_else(|e| panic!("{example} line {}: not JSON: {e}", i + 1));
        let mut w: Value = serde_json::from_str(w).unwrap();
        normalize(&mut g, None);
        normalize(&mut w, None);
        assert_eq!(g, w, "{example} line {}", i + 1);
        // Every line is also a policy tarn reads back.
        tarn::Policy::from_json(got[i]).unwrap_or_else(|e| panic!("{example} line {}: {e}", i + 1));
    }
}

#[test]
fn automq_ops_bucket() {
    check("automq_ops_bucket");
}

#[test]
fn mq_custom_policy() {
    check("mq_custom_policy");
}

#[test]
fn log_service() {
    check("log_service");
}

#[test]
fn rocketmq() {
    check("rocketmq");
}

#[test]
fn normalizing_treats_single_values_as_lists_and_nothing_else() {
    let mut a: Value =
        serde_json::from_str(r#"{"Statement":[{"Action":"mq:PUB","Effect":"Allow"}]}"#).unwrap();
    let mut b: Value =
        serde_json::from_str(r#"{"Statement":[{"Action":["mq:PUB"],"Effect":"Allow"}]}"#).unwrap();
    normalize(&mut a, None);
    normalize(&mut b, None);
    assert_eq!(a, b);
    let mut c: Value =
        serde_json::from_str(r#"{"Statement":[{"Action":["mq:SUB"],"Effect":"Allow"}]}"#).unwrap();
    normalize(&mut c, None);
    assert_ne!(a, c);
    let mut d: Value =
        serde_json::from_str(r#"{"Statement":[{"Action":["mq:PUB"],"Effect":["Allow"]}]}"#).unwrap();
    normalize(&mut d, None);
    assert_ne!(a, d, "Effect is not a list");
}
