#![allow(missing_docs, clippy::unwrap_used, clippy::indexing_slicing)]
use std::collections::BTreeMap;
fn main() {
    let text = std::fs::read_to_string("../shared/data/aws/managed-policies.jsonl").unwrap();
    let mut counts: BTreeMap<(&str, String), usize> = BTreeMap::new();
    let mut docs_with_error = 0;
    let mut examples: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for l in text.lines() {
        let line: BTreeMap<String, &serde_json::value::RawValue> = serde_json::from_str(l).unwrap();
        let name: String = serde_json::from_str(line["name"].get()).unwrap();
        let doc = line["document"].get();
        let f = tarn::lint::lint(doc, &Default::default());
        if f.iter().any(|x| x.severity == tarn::lint::Severity::Error) {
            docs_with_error += 1;
        }
        for x in f {
            *counts.entry((x.code, x.severity.to_string())).or_default() += 1;
            let e = examples.entry(x.code).or_default();
            if e.len() < 12 {
                let p = tarn::Policy::from_json(doc).unwrap();
                let i: usize = x.pointer.split('/').nth(2).and_then(|v| v.parse().ok()).unwrap_or(0);
                let res = p
                    .statements()
                    .get(i)
                    .and_then(|s| s.resources())
                    .map(|r| r.items().iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" "))
                    .unwrap_or_default();
                e.push(format!("{name}: {} ({}) RES {}", x.message, x.pointer, res));
            }
        }
    }
    println!("docs with ERROR: {docs_with_error}");
    for ((c, s), n) in counts {
        println!("{c} {s} {n}");
    }
    for (c, e) in examples {
        println!("== {c}");
        for x in e {
            println!("  {x}");
        }
    }
}
