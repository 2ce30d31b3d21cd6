//! Parse and serialize the whole managed-policy corpus (1,641 documents), against `serde_json::Value`
//! parsing and serializing the same bytes in the same run.
//!
//! `cargo bench -p tarn --bench policy` (reads the repository's `tests/corpus/aws-managed-policies.jsonl`).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::value::RawValue;
use serde_json::Value;
use tarn::Policy;

fn corpus() -> Vec<String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/aws-managed-policies.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| {
            let line: BTreeMap<String, &RawValue> = serde_json::from_str(l).unwrap();
            line["document"].get().to_owned()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();
    let policies: Vec<Policy> = docs.iter().map(|d| Policy::from_json(d).unwrap()).collect();
    let values: Vec<Value> = docs.iter().map(|d| serde_json::from_str(d).unwrap()).collect();

    let mut g = c.benchmark_group("corpus_parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("tarn::Policy::from_json", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(Policy::from_json(black_box(d)).unwrap());
            }
        })
    });
    g.bench_function("serde_json::Value (baseline)", |b| {
        b.iter(|| {
            for d in &docs {
                black_box(serde_json::from_str::<Value>(black_box(d)).unwrap());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("corpus_serialize");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("tarn::Policy::to_json", |b| {
        b.iter(|| {
            for p in &policies {
                black_box(black_box(p).to_json());
            }
        })
    });
    g.bench_function("serde_json::to_string(&Value) (baseline)", |b| {
        b.iter(|| {
            for v in &values {
                black_box(serde_json::to_string(black_box(v)).unwrap());
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
