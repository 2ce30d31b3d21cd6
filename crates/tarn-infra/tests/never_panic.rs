//! The readers never panic: arbitrary text, and the fixtures cut and spliced at arbitrary places, go through
//! detection, checking and `plan_changes` without a panic.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use tarn_core::lint::LintOptions;
use tarn_infra::{check, detect, plan_changes, InputKind};

fn fixtures() -> Vec<String> {
    ["plan.json", "template.yaml", "template.json", "ros.yaml"]
        .iter()
        .map(|n| {
            std::fs::read_to_string(format!("{}/tests/fixtures/{n}", env!("CARGO_MANIFEST_DIR"))).unwrap()
        })
        .collect()
}

fn all(src: &str) {
    let _ = detect(src);
    let _ = check(src, None, &LintOptions::default());
    for (_, kind) in InputKind::NAMES {
        let _ = check(src, Some(*kind), &LintOptions::default());
    }
    let _ = plan_changes(src);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text(src in "\\PC{0,200}") {
        all(&src);
    }

    #[test]
    fn yaml_like_text(src in "([A-Za-z:!{}\\[\\]'\"&*|>#\\-\\$ ]{0,12}\n){0,12}") {
        all(&src);
    }

    #[test]
    fn spliced_fixtures(which in 0usize..4, cut in any::<prop::sample::Index>(), len in 0usize..40, insert in "[\\\\\"{}\\[\\]:,!$ \nA-Za-z0-9]{0,8}") {
        let f = &fixtures()[which];
        let mut at = cut.index(f.len());
        while !f.is_char_boundary(at) { at -= 1; }
        let mut end = (at + len).min(f.len());
        while !f.is_char_boundary(end) { end -= 1; }
        let src = format!("{}{}{}", &f[..at], insert, &f[end.max(at)..]);
        all(&src);
    }
}
