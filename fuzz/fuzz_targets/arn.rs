//! Parsers never panic, round-trip what they accept, and matching and fitting agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarn_arn::{Arn, Pattern, Template};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The input is a pattern and an ARN separated by the first newline.
    let (p, a) = text.split_once('\n').unwrap_or((text, text));
    let arn = Arn::parse(a).ok();
    if let Some(arn) = &arn {
        assert_eq!(arn.to_string(), a);
    }
    if let Ok(t) = Template::parse(p) {
        assert_eq!(t.to_string(), p);
        if let Some(arn) = &arn {
            let _ = t.fit_arn(arn);
        }
    }
    let Ok(pat) = Pattern::parse(p) else { return };
    assert_eq!(pat.to_string(), p);
    let _ = tarn_arn::scan(text);
    if let Some(arn) = &arn {
        let m = pat.matches(arn);
        // A single ARN read as a template (when it has no wildcard or placeholder characters) fits the
        // pattern exactly when the pattern matches it.
        if !a.contains(['*', '?', '{', '<', '$']) {
            if let Ok(single) = Template::parse(a) {
                let fits = single.fit(&pat).is_some();
                if pat.variables().next().is_none() {
                    assert_eq!(fits, m, "{p} vs {a}");
                } else {
                    // fit reads a policy variable as `*` (some request may resolve it to anything); matching
                    // without a resolver fails closed: so only "matches implies fits" holds.
                    assert!(!m || fits, "{p} vs {a}");
                }
            }
        }
    }
});
