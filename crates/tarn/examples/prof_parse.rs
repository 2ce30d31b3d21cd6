#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]
use std::collections::BTreeMap;
fn main() {
    let text = std::fs::read_to_string("../shared/data/aws/managed-policies.jsonl").unwrap();
    let docs: Vec<String> = text
        .lines()
        .map(|l| {
            let line: BTreeMap<String, &serde_json::value::RawValue> = serde_json::from_str(l).unwrap();
            line["document"].get().to_owned()
        })
        .collect();
    for _ in 0..std::env::args().nth(1).map_or(20, |a| a.parse().unwrap()) {
        for d in &docs {
            std::hint::black_box(tarn::Policy::from_json(d).unwrap());
        }
    }
}
