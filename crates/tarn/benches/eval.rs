//! Time per decision of `tarn::eval` against the `iam-rs` crate, same policies and request, same run.
//!
//! Policies of 10, 100 and 1,000 statements: one statement that allows the request (with an `IpAddress`
//! condition), the others unable to match it, either because they are of other services (which tarn's
//! index skips) or because they are `s3:GetObject` on other buckets (which every evaluator must look at).
//!
//! `cargo bench -p tarn --bench eval`
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use tarn::eval::{Decision, PolicySet, Request, Role};
use tarn::Policy;

const OTHER_SERVICES: &[&str] = &[
    "ec2:RunInstances",
    "sqs:SendMessage",
    "dynamodb:GetItem",
    "lambda:InvokeFunction",
    "kms:Decrypt",
    "sns:Publish",
];

fn document(n: usize, same_service: bool) -> String {
    let mut statements = Vec::with_capacity(n);
    for i in 0..n - 1 {
        statements.push(if same_service {
            format!(r#"{{"Sid": "S{i}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-{i}/*"}}"#)
        } else {
            let action = OTHER_SERVICES[i % OTHER_SERVICES.len()];
            format!(r#"{{"Sid": "S{i}", "Effect": "Allow", "Action": "{action}", "Resource": "*"}}"#)
        });
    }
    statements.push(
        r#"{"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::data/*",
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}"#
            .to_owned(),
    );
    format!(r#"{{"Version": "2012-10-17", "Statement": [{}]}}"#, statements.join(", "))
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("decision");
    group.measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500)).sample_size(30);
    for same_service in [false, true] {
        let kind = if same_service { "same-service" } else { "other-services" };
        for n in [10usize, 100, 1000] {
            let json = document(n, same_service);
            // tarn: the set is built once (it indexes statements by service), then each request evaluated.
            let policy = Policy::from_json(&json).unwrap();
            let set = PolicySet::new().add(Role::Identity, &policy);
            let request = Request::new("s3:GetObject", "arn:aws:s3:::data/report.csv")
                .unwrap()
                .principal("arn:aws:iam::123456789012:user/alice")
                .context("aws:SourceIp", "203.0.113.7");
            assert_eq!(set.evaluate(&request).decision, Decision::Allow);
            group.bench_with_input(BenchmarkId::new(format!("tarn/{kind}"), n), &n, |b, _| {
                b.iter(|| black_box(set.evaluate(black_box(&request)).decision))
            });
            // iam-rs: the same document and request.
            let theirs = iam_rs::IAMPolicy::from_json(&json).unwrap();
            let evaluator = iam_rs::PolicyEvaluator::with_policies(vec![theirs]);
            let context = iam_rs::Context::new().with_string("aws:SourceIp", "203.0.113.7");
            let their_request = iam_rs::IAMRequest::new_with_context(
                iam_rs::Principal::Aws(iam_rs::PrincipalId::String(
                    "arn:aws:iam::123456789012:user/alice".to_owned(),
                )),
                "s3:GetObject",
                iam_rs::Arn::parse("arn:aws:s3:::data/report.csv").unwrap(),
                context,
            );
            let decision = evaluator.evaluate(&their_request).unwrap().decision;
            assert_eq!(decision, iam_rs::Decision::Allow, "iam-rs must agree on the request it is timed on");
            group.bench_with_input(BenchmarkId::new(format!("iam-rs/{kind}"), n), &n, |b, _| {
                b.iter(|| black_box(evaluator.evaluate(black_box(&their_request)).unwrap().decision))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
