//! tarn-infra's readers on arbitrary text: detection, checking as every kind of input, and `plan_changes`
//! never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tarn::lint::LintOptions;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = tarn_infra::detect(text);
    let _ = tarn_infra::check(text, None, &LintOptions::default());
    for (_, kind) in tarn_infra::InputKind::NAMES {
        let _ = tarn_infra::check(text, Some(*kind), &LintOptions::default());
    }
    let _ = tarn_infra::plan_changes(text);
});
