//! Every resource string in the seed documents parses and displays identically. The strings are those of the
//! seed fixtures in `tests/seeds/` at the repository root (see its README for where they come from).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::PathBuf;

use tarn_arn::{Arn, Pattern, Template};

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/seeds")
}

fn seed_texts() -> Vec<(String, String)> {
    let dir = seeds_dir();
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the seed fixtures in {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert_eq!(out.len(), 4, "expected the fixtures of the four seed documents in {}", dir.display());
    out
}

fn is_template(s: &str) -> bool {
    s.contains('{') || s.contains('<')
}

#[test]
fn every_seed_resource_parses_and_displays_identically() {
    let mut per_seed = Vec::new();
    for (name, text) in seed_texts() {
        let found = tarn_arn::scan(&text);
        for (_, s) in &found {
            if is_template(s) {
                let t = Template::parse(s).unwrap_or_else(|e| panic!("{name}: template `{s}`: {e}"));
                assert_eq!(t.to_string(), *s);
                assert!(t.placeholders().count() > 0, "{s}");
            } else {
                let p = Pattern::parse(s).unwrap_or_else(|e| panic!("{name}: pattern `{s}`: {e}"));
                assert_eq!(p.to_string(), *s);
                if !p.has_wildcards() {
                    assert_eq!(Arn::parse(s).unwrap().to_string(), *s);
                }
            }
        }
        per_seed.push((name, found.len()));
    }
    // The scanner finds on each fixture what it found on its seed document (tests/seeds/README.md); the
    // counts catch a scanner that silently finds less.
    let counts: Vec<usize> = per_seed.iter().map(|(_, n)| *n).collect();
    assert_eq!(counts, [3, 4, 20, 85], "{per_seed:?}");
}

#[test]
fn the_seed_resources_we_rely_on_are_found() {
    let all: Vec<String> = seed_texts()
        .iter()
        .flat_map(|(_, t)| tarn_arn::scan(t).into_iter().map(|(_, s)| s.to_owned()).collect::<Vec<_>>())
        .collect();
    for want in [
        "arn:aws:iam::381492316447:root",
        "arn:aws:s3:::{Ops Bucket Name}",
        "arn:aws:s3:::{Ops Bucket Name}/*",
        "acs:mq:*:1234567890123456:TopicA",
        "acs:mq:*:*:TopicA",
        "acs:log:${regionName}:${uid}:project/${projectName}/logstore/${logstoreName}/consumergroup/${consumerGroupName}",
        "acs:log:*:${uid}:*",
        "acs:mq:*:*:{instanceId}%{groupId}",
        "acs:mq:*:*:MQ_INST_138015630679****_BcZwWZ9k%GID_test",
        "acs:mq:*:*:{instanceId}*",
        "acs:<service-name>:<region>:<account-id>:<resource-relative-id>",
    ] {
        assert!(all.iter().any(|s| s == want), "`{want}` not found among {} resources", all.len());
    }
}
