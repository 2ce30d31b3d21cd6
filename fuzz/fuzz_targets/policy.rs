//! `Policy::from_json` on arbitrary text, strict and lenient: it never panics, and whatever it accepts
//! writes back (compact and pretty) to JSON that reads back to the same policy, byte-stable.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarn::{ParseOptions, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for options in [ParseOptions::new(), ParseOptions::new().allow_comments(true)] {
        let Ok(p) = Policy::from_json_with(text, &options) else {
            continue;
        };
        let compact = p.to_json();
        let again = Policy::from_json_as(p.dialect(), &compact).expect("own output parses");
        assert_eq!(again, p, "round trip of {compact}");
        assert_eq!(again.to_json(), compact, "stable bytes");
        let pretty = Policy::from_json_as(p.dialect(), &p.to_json_pretty()).expect("own pretty output parses");
        assert_eq!(pretty, p);
        for kind in tarn::PolicyKind::ALL {
            let _ = p.check_kind(*kind);
            let _ = p.check_limits(*kind);
        }
    }
});
