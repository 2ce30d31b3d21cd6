//! `tarn::diff` on two fuzzed policies: it never panics, a policy is equivalent to itself, and every
//! example it prints is allowed by the side that gains it and not by the other (the evaluator agrees).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarn::eval::Decision;
use tarn::{diff, ParseOptions, Policy, Verdict};

fuzz_target!(|data: &[u8]| {
    // Small inputs only: a policy's wildcards expand over the whole catalog, which is slow to fuzz.
    if data.len() > 4096 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The two policies are separated by the first NUL character.
    let Some((a, b)) = text.split_once('\0') else { return };
    let options = ParseOptions::new().allow_comments(true);
    let (Ok(old), Ok(new)) = (Policy::from_json_with(a, &options), Policy::from_json_with(b, &options)) else {
        return;
    };
    let d = diff(&old, &new);
    for (list, gain, lose) in [(&d.added, &new, &old), (&d.removed, &old, &new)] {
        for g in list {
            match &g.example {
                Some(e) => {
                    let r = e.request().expect("an example is a request");
                    assert_eq!(gain.evaluate(&r).decision, Decision::Allow, "{e:?}");
                    assert_ne!(lose.evaluate(&r).decision, Decision::Allow, "{e:?}");
                }
                None => assert!(g.undecided.is_some(), "an entry without an example says why"),
            }
        }
    }
    let _ = d.to_json();
    assert_eq!(diff(&old, &old).verdict, Verdict::Equivalent, "{a}");
});
