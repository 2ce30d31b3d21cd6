//! `policy!` UI tests: every construct compiles and builds the expected JSON (`ui/pass`), and every check
//! is a compile error with our message at the offending tokens (`ui/fail`, one rule per file, named after
//! the rule). Bless with `TRYBUILD=overwrite cargo test -p tarn-tests --test ui` and read every `.stderr`
//! before committing; the snapshots follow the toolchain's rendering, so bless on the one CI uses.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
    // One pass and one compile-fail case for each Alibaba Cloud service of the catalog beyond the seeds.
    t.pass("ui/alibaba/pass/*.rs");
    t.compile_fail("ui/alibaba/fail/*.rs");
}
