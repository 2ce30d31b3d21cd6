//! Reads the 1,641 AWS managed policies (the repository's `tests/corpus/aws-managed-policies.jsonl`) N times, with tarn or (`--serde-value`) with `serde_json::Value`:
//! a fixed workload for instruction counts, which unlike timings do not depend on what else the machine
//! is doing.
//!
//! ```sh
//! cargo build --release -p tarn --example parse_corpus
//! valgrind --tool=callgrind target/release/examples/parse_corpus 1
//! valgrind --tool=callgrind target/release/examples/parse_corpus 1 --serde-value
//! valgrind --tool=callgrind target/release/examples/parse_corpus 0     # loading alone
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::value::RawValue;

fn main() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/aws-managed-policies.jsonl");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let docs: Vec<String> = text
        .lines()
        .map(|l| {
            let line: BTreeMap<String, &RawValue> = serde_json::from_str(l).unwrap();
            line["document"].get().to_owned()
        })
        .collect();
    let mut args = std::env::args().skip(1);
    let times: usize = args.next().map_or(1, |a| a.parse().expect("a number of passes"));
    let value = args.next().as_deref() == Some("--serde-value");
    for _ in 0..times {
        for d in &docs {
            if value {
                std::hint::black_box(serde_json::from_str::<serde_json::Value>(d).unwrap());
            } else {
                std::hint::black_box(tarn::Policy::from_json(d).unwrap());
            }
        }
    }
}
