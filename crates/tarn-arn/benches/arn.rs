//! Parse and match throughput of tarn-arn, with `str::split(':')` over the same inputs as the baseline.
//!
//! `cargo bench -p tarn-arn --bench arn`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tarn_arn::{Arn, Pattern};

/// Representative resources of both clouds (seed documents, AWS managed policies).
const ARNS: &[&str] = &[
    "acs:mq:*:*:MQ_INST_1380156306793859_BcZwWZ9k%Topic-test",
    "acs:mq:*:*:MQ_INST_1380156306793859_BcZwWZ9k%GID_test",
    "acs:mq:*:1234567890123456:TopicA",
    "acs:log:cn-hangzhou:1234567890123456:project/my-project/logstore/app-log/consumergroup/cg-1",
    "acs:log:cn-hangzhou:1234567890123456:project/my-project",
    "acs:oss:*:1431115939942888:automq-ops-bucket/metrics/2026/11/22/part-0001.json",
    "acs:ram::1234567890123456:role/automq-ops",
    "arn:aws:s3:::automq-ops-bucket/logs/2026/11/22/part-0001.gz",
    "arn:aws:iam::381492316447:root",
    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-function:log-stream:2026/11/22",
    "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/ByCustomer",
    "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
];

/// (pattern, ARN) pairs, matching and not.
const PAIRS: &[(&str, &str)] = &[
    (
        "acs:mq:*:*:MQ_INST_1380156306793859_BcZwWZ9k*",
        "acs:mq:*:*:MQ_INST_1380156306793859_BcZwWZ9k%Topic-test",
    ),
    ("acs:mq:*:*:TopicA", "acs:mq:*:1234567890123456:TopicA"),
    (
        "acs:log:*:*:project/my-project/logstore/*",
        "acs:log:cn-hangzhou:1234567890123456:project/my-project/logstore/app-log/consumergroup/cg-1",
    ),
    ("acs:log:*:*:project/other/*", "acs:log:cn-hangzhou:1234567890123456:project/my-project"),
    (
        "acs:oss:*:*:automq-ops-bucket/*",
        "acs:oss:*:1431115939942888:automq-ops-bucket/metrics/2026/11/22/part-0001.json",
    ),
    ("arn:aws:s3:::automq-ops-bucket/*", "arn:aws:s3:::automq-ops-bucket/logs/2026/11/22/part-0001.gz"),
    (
        "arn:aws:logs:*:*:log-group:/aws/lambda/*",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-function:log-stream:2026/11/22",
    ),
    (
        "arn:aws:dynamodb:*:*:table/Orders",
        "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/index/ByCustomer",
    ),
    (
        "arn:aws:kms:*:123456789012:key/*",
        "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ),
    ("arn:aws:iam::*:ro?t", "arn:aws:iam::381492316447:root"),
];

fn parse(c: &mut Criterion) {
    let bytes: usize = ARNS.iter().map(|s| s.len()).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("baseline str::split(':')", |b| {
        b.iter(|| {
            for s in ARNS {
                black_box(black_box(s).split(':').count());
            }
        })
    });
    g.bench_function("Arn::parse", |b| {
        b.iter(|| {
            for s in ARNS {
                black_box(Arn::parse(black_box(s)).unwrap());
            }
        })
    });
    g.bench_function("Pattern::parse", |b| {
        b.iter(|| {
            for s in ARNS {
                black_box(Pattern::parse(black_box(s)).unwrap());
            }
        })
    });
    g.finish();
}

fn matching(c: &mut Criterion) {
    let compiled: Vec<(Pattern, Arn)> =
        PAIRS.iter().map(|(p, a)| (Pattern::parse(p).unwrap(), Arn::parse(a).unwrap())).collect();
    let bytes: usize = PAIRS.iter().map(|(_, a)| a.len()).sum();
    let mut g = c.benchmark_group("match");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("baseline str::split(':') segment compare", |b| {
        b.iter(|| {
            for (p, a) in PAIRS {
                black_box(black_box(p).split(':').eq(black_box(a).split(':')));
            }
        })
    });
    g.bench_function("Pattern::matches", |b| {
        b.iter(|| {
            for (p, a) in &compiled {
                black_box(black_box(p).matches(black_box(a)));
            }
        })
    });
    g.finish();
}

/// `*a*a…*a*b*` (30 stars) against `aaa…a` of growing size: every `a` chunk can be placed in many ways
/// and the `b` is never found, the worst case for a backtracking matcher (about n^29 steps). Here the
/// chunks are placed once each and the search for `b` scans the input once: time per byte stays flat.
fn linear(c: &mut Criterion) {
    let mut pat = String::from("arn:aws:s3:::");
    for _ in 0..28 {
        pat.push_str("*a");
    }
    pat.push_str("*b*");
    assert_eq!(pat.matches('*').count(), 30);
    let p = Pattern::parse(&pat).unwrap();
    let mut g = c.benchmark_group("30-star pattern");
    for size in [1_000usize, 10_000, 100_000] {
        let arn_text = format!("arn:aws:s3:::{}", "a".repeat(size));
        let arn = Arn::parse(&arn_text).unwrap();
        assert!(!p.matches(&arn));
        g.throughput(Throughput::Bytes(arn_text.len() as u64));
        g.bench_with_input(BenchmarkId::new("baseline str::split(':')", size), &arn_text, |b, t| {
            b.iter(|| black_box(black_box(t).split(':').count()))
        });
        g.bench_with_input(BenchmarkId::new("Pattern::matches", size), &arn, |b, a| {
            b.iter(|| black_box(p.matches(black_box(a))))
        });
    }
    g.finish();
}

criterion_group!(benches, parse, matching, linear);
criterion_main!(benches);
