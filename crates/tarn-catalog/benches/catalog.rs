//! Catalog lookups against a `HashSet<String>` baseline over the same names.
//!
//! `cargo bench -p tarn-catalog --bench catalog`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tarn_arn::Pattern;
use tarn_catalog::{action, expand, service, services, Cloud};

const LOOKUPS: &[&str] = &[
    "s3:GetObject",
    "ec2:DescribeInstances",
    "iam:PassRole",
    "kms:Decrypt",
    "logs:PutLogEvents",
    "dynamodb:Query",
    "sts:AssumeRole",
    "lambda:InvokeFunction",
];

fn bench(c: &mut Criterion) {
    let set: HashSet<String> = services()
        .iter()
        .filter(|s| s.cloud() == Cloud::Aws)
        .flat_map(|s| s.actions().iter().map(|a| a.full_name()))
        .collect();
    // Every AWS action once: no two services share a full name.
    let total: usize = services().iter().filter(|s| s.cloud() == Cloud::Aws).map(|s| s.actions().len()).sum();
    assert_eq!(set.len(), total);
    let mut g = c.benchmark_group("action lookup (8 names)");
    g.bench_function("baseline HashSet<String>::contains (exact case)", |b| {
        b.iter(|| {
            for n in LOOKUPS {
                black_box(set.contains(*black_box(n)));
            }
        })
    });
    g.bench_function("tarn_catalog::action (case-insensitive)", |b| {
        b.iter(|| {
            for n in LOOKUPS {
                black_box(action(Cloud::Aws, black_box(n)).unwrap());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("expand ec2:Describe*");
    g.bench_function("baseline HashSet<String> scan with starts_with", |b| {
        b.iter(|| black_box(set.iter().filter(|n| n.starts_with(black_box("ec2:Describe"))).count()))
    });
    g.bench_function("tarn_catalog::expand", |b| {
        b.iter(|| black_box(expand(Cloud::Aws, black_box("ec2:Describe*")).unwrap().len()))
    });
    g.finish();

    let s3 = service(Cloud::Aws, "s3").unwrap();
    let arns: HashSet<String> = ["arn:aws:s3:::automq-ops-bucket/*".to_owned()].into();
    let p: Pattern = "arn:aws:s3:::automq-ops-bucket/*".parse().unwrap();
    let _ = s3.fits(&p); // parse the templates once, outside the measurement
    let mut g = c.benchmark_group("resource-type fit (s3, bucket/*)");
    g.bench_function("baseline HashSet<String>::contains", |b| {
        b.iter(|| black_box(arns.contains(black_box("arn:aws:s3:::automq-ops-bucket/*"))))
    });
    g.bench_function("Service::fits over all s3 resource types", |b| {
        b.iter(|| black_box(s3.fits(black_box(&p)).len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
