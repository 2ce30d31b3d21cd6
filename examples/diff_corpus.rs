//! The `tarn diff` benchmark (BENCHMARKS.md): each of the AWS managed policies of
//! `tests/corpus/aws-managed-policies.jsonl` against two mutated copies, in one process:
//!
//! - its statements shuffled: the diff must say `equivalent`;
//! - one action added to its first `Allow` statement with an `Action` list, an action that no statement
//!   names: the diff must report exactly that action as added, and nothing removed.
//!
//! Baseline from the same run: `tarn::lint::lint` (what `tarn check` runs per file) of the same documents,
//! on one thread like the diffs.
//!
//! ```sh
//! cargo run --release -p tarn-examples --example diff_corpus [-- JSONL] [--runs N]
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::time::{Duration, Instant};

use serde_json::Value;
use tarn::lint::{lint, LintOptions};
use tarn::{diff, Policy, Verdict};

/// Actions to add: the first that no statement of the policy names is used.
const CANDIDATES: &[&str] = &[
    "sqs:SendMessage",
    "dynamodb:GetItem",
    "lambda:InvokeFunction",
    "kms:Decrypt",
    "sns:Publish",
    "s3:GetObject",
    "ec2:DescribeInstances",
    "iam:PassRole",
    "glacier:ListVaults",
];

/// A small deterministic generator (no dependency): the same shuffle every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn statements(doc: &mut Value) -> Option<&mut Vec<Value>> {
    let s = doc.get_mut("Statement")?;
    if s.is_object() {
        *s = Value::Array(vec![s.take()]);
    }
    s.as_array_mut()
}

fn shuffled(doc: &Value, rng: &mut Lcg) -> String {
    let mut d = doc.clone();
    if let Some(list) = statements(&mut d) {
        for i in (1..list.len()).rev() {
            let j = rng.next(i + 1);
            list.swap(i, j);
        }
    }
    d.to_string()
}

fn names_any(p: &Policy, action: &str) -> bool {
    p.statements().iter().any(|s| {
        s.actions().is_not() || s.actions().items().iter().any(|a| tarn_catalog_glob(a.as_str(), action))
    })
}

fn tarn_catalog_glob(pattern: &str, text: &str) -> bool {
    // `*` and `?`, ASCII case-insensitive, as the evaluator matches actions.
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(b) => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

fn with_action(doc: &Value, p: &Policy) -> Option<(String, &'static str)> {
    let action = CANDIDATES.iter().copied().find(|a| !names_any(p, a))?;
    let mut d = doc.clone();
    let list = statements(&mut d)?;
    let s = list
        .iter_mut()
        .find(|s| s.get("Effect").and_then(Value::as_str) == Some("Allow") && s.get("Action").is_some())?;
    let a = s.get_mut("Action")?;
    match a {
        Value::String(one) => {
            *a = Value::Array(vec![Value::String(one.clone()), Value::String(action.into())])
        }
        Value::Array(v) => v.push(Value::String(action.into())),
        _ => return None,
    }
    Some((d.to_string(), action))
}

fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .map_or(3, |n| n.parse().unwrap());
    let path = args.iter().find(|a| a.ends_with(".jsonl")).cloned().unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/corpus/aws-managed-policies.jsonl").to_owned()
    });
    let text = std::fs::read_to_string(&path).expect("the corpus");
    let mut rng = Lcg(20);
    let mut docs = Vec::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let name = v["name"].as_str().unwrap_or_default().to_owned();
        let doc = v["document"].clone();
        let src = doc.to_string();
        let Ok(p) = Policy::from_json(&src) else { continue };
        let shuffled = Policy::from_json(&shuffled(&doc, &mut rng)).unwrap();
        let added = with_action(&doc, &p).map(|(t, a)| (Policy::from_json(&t).unwrap(), a));
        docs.push((name, src, p, shuffled, added));
    }
    let pairs: usize = docs.iter().map(|d| 1 + usize::from(d.4.is_some())).sum();
    println!("{} policies, {pairs} pairs ({} with an added action)", docs.len(), pairs - docs.len());
    let mut lint_times = Vec::new();
    let mut diff_times = Vec::new();
    let mut per_pair: Vec<Duration> = Vec::new();
    let (mut shuffled_total, mut added_total) = (Duration::ZERO, Duration::ZERO);
    let mut wrong = 0;
    for run in 0..runs {
        let start = Instant::now();
        let mut findings = 0;
        for (_, src, ..) in &docs {
            findings += lint(src, &LintOptions::default()).len();
        }
        lint_times.push(start.elapsed());
        let start = Instant::now();
        for (name, _, p, shuffled, added) in &docs {
            let t = Instant::now();
            let d = diff(p, shuffled);
            let e = t.elapsed();
            if run == 0 {
                per_pair.push(e);
                shuffled_total += e;
                if d.verdict != Verdict::Equivalent {
                    wrong += 1;
                    eprintln!(
                        "{name}: shuffled: {} ({} added, {} removed)",
                        d.verdict,
                        d.added.len(),
                        d.removed.len()
                    );
                }
            }
            if let Some((q, action)) = added {
                let t = Instant::now();
                let d = diff(p, q);
                let e = t.elapsed();
                if run == 0 {
                    per_pair.push(e);
                    added_total += e;
                    let ok = d.added.len() == 1
                        && d.added[0].action.eq_ignore_ascii_case(action)
                        && d.added[0].example.is_some()
                        && d.removed.is_empty();
                    if !ok {
                        wrong += 1;
                        let got: Vec<&str> = d.added.iter().map(|g| g.action.as_str()).take(5).collect();
                        eprintln!(
                            "{name}: +{action}: {} ({} added: {got:?}, {} removed)",
                            d.verdict,
                            d.added.len(),
                            d.removed.len()
                        );
                    }
                }
            }
        }
        diff_times.push(start.elapsed());
        std::hint::black_box(findings);
    }
    lint_times.sort();
    diff_times.sort();
    per_pair.sort();
    let (l, d) = (lint_times[lint_times.len() / 2], diff_times[diff_times.len() / 2]);
    println!(
        "lint (tarn check's work) of the {} documents: median {:.3} s over {runs} runs",
        docs.len(),
        l.as_secs_f64()
    );
    println!("diff of the {pairs} pairs: median {:.3} s over {runs} runs", d.as_secs_f64());
    println!("ratio diff / lint: {:.2}x", d.as_secs_f64() / l.as_secs_f64());
    println!(
        "per pair (first run): median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&per_pair, 0.5).as_secs_f64() * 1e3,
        percentile(&per_pair, 0.99).as_secs_f64() * 1e3,
        per_pair.last().map_or(0.0, |x| x.as_secs_f64() * 1e3)
    );
    println!(
        "first run: shuffled pairs {:.3} s, added-action pairs {:.3} s",
        shuffled_total.as_secs_f64(),
        added_total.as_secs_f64()
    );
    println!("pairs with a wrong answer: {wrong}");
    // `--neighbours N`: each of the first N policies against the next one, unrelated changes: how long, how
    // many entries, how many undecided (every example is checked by the diff itself).
    if let Some(n) = args.iter().position(|a| a == "--neighbours").and_then(|i| args.get(i + 1)) {
        let n: usize = n.parse().unwrap();
        let (mut entries, mut undecided, mut slowest) = (0, 0, (Duration::ZERO, String::new()));
        let start = Instant::now();
        for w in docs.windows(2).take(n) {
            let t = Instant::now();
            let d = diff(&w[0].2, &w[1].2);
            let e = t.elapsed();
            if e > slowest.0 {
                slowest = (e, format!("{} -> {}", w[0].0, w[1].0));
            }
            entries += d.added.len() + d.removed.len();
            undecided += d.added.iter().chain(&d.removed).filter(|g| g.undecided.is_some()).count();
        }
        println!(
            "{n} neighbour pairs: {:.3} s, {entries} entries, {undecided} undecided; slowest {:.1} ms ({})",
            start.elapsed().as_secs_f64(),
            slowest.0.as_secs_f64() * 1e3,
            slowest.1
        );
    }
    if wrong > 0 {
        std::process::exit(1);
    }
}
