//! Serde for `Policy` (feature `serde`, on by default): serializing gives the value of `to_json`,
//! deserializing accepts and rejects what `from_json` does, inside the user's own structs, with serde_json
//! and with TOML.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use tarn::{Policy, Segment};

/// A user's configuration with policies in it.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Config {
    name: String,
    bucket: Segment,
    policy: Policy,
    extra: Vec<Policy>,
}

fn sample() -> Config {
    let bucket = Segment::new("ops-bucket").unwrap();
    let policy = tarn::policy! {
        kind bucket;
        allow oss:GetObject, oss:ListObjects
            on "acs:oss:*:*:<bucket>", "acs:oss:*:*:<bucket>/*"
            to uid "1431115939942888"
            when Bool(acs:SecureTransport, true) and IpAddress(acs:SourceIp, "10.0.0.0/8", "192.168.0.1")
    };
    let extra = vec![
        Policy::from_json(
            r#"{"Version":"2012-10-17","Id":"x","Statement":{"Sid":"A","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},
            "NotAction":"s3:*","NotResource":["arn:aws:s3:::audit/*"],
            "Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":[3600, -1, 2.5]},"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":"team-*"},
            "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"Null":{"aws:TokenIssueTime":"true"}}}}"#,
        )
        .unwrap(),
        tarn::policy! { allow mq:QueryInstanceBaseInfo on acs:mq:*:*:MQ_INST_1 },
    ];
    Config { name: "ops".to_owned(), bucket, policy, extra }
}

#[test]
fn serializing_gives_the_value_of_to_json() {
    let c = sample();
    for p in std::iter::once(&c.policy).chain(&c.extra) {
        let via_serde = serde_json::to_value(p).unwrap();
        let via_text: Value = serde_json::from_str(&p.to_json()).unwrap();
        assert_eq!(via_serde, via_text, "{}", p.to_json());
    }
    // The same bytes, too, where the author wrote numbers as serde_json writes them (`1e3` becomes `1000.0`).
    assert_eq!(serde_json::to_string(&c.policy).unwrap(), c.policy.to_json());
}

#[test]
fn numbers_come_back_as_the_same_value() {
    // The model keeps a number's text; serde passes numbers through the format's number types, so `1e3`
    // comes back as `1000` (the same value, as a number) and `2.50` as `2.5`.
    let p = Policy::from_json(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*","Condition":{"NumericLessThan":{"acs:MFAPresent":[1e3,2.50,-7]}}}]}"#,
    );
    let p = p.unwrap();
    let back: Policy = serde_json::from_value(serde_json::to_value(&p).unwrap()).unwrap();
    assert!(back.to_json().ends_with(r#"[1000,2.5,-7]}}}]}"#), "{}", back.to_json());
    let toml_back: Vec<Policy> = toml::from_str::<BTreeMap<String, Vec<Policy>>>(
        &toml::to_string(&BTreeMap::from([("p", vec![p])])).unwrap(),
    )
    .unwrap()
    .remove("p")
    .unwrap();
    assert_eq!(toml_back[0], back);
}

#[test]
fn a_users_struct_round_trips_through_serde_json() {
    let c = sample();
    let text = serde_json::to_string_pretty(&c).unwrap();
    let back: Config = serde_json::from_str(&text).unwrap();
    assert_eq!(back, c);
    for (a, b) in back.extra.iter().zip(&c.extra) {
        assert_eq!(a.to_json(), b.to_json());
    }
}

#[test]
fn a_users_struct_round_trips_through_toml() {
    let c = sample();
    let text = toml::to_string(&c).unwrap();
    // A TOML document of tables and arrays, not a JSON string in a TOML value.
    assert!(text.contains("[policy]") || text.contains("policy = {"), "{text}");
    assert!(!text.contains("{\\\""), "{text}");
    let back: Config = toml::from_str(&text).unwrap();
    assert_eq!(back, c);
    for (a, b) in
        std::iter::once(&back.policy).chain(&back.extra).zip(std::iter::once(&c.policy).chain(&c.extra))
    {
        assert_eq!(a.to_json(), b.to_json());
    }
}

#[test]
fn a_policy_written_by_hand_in_toml() {
    let text = r#"
name = "ops"
bucket = "ops-bucket"
extra = []

[policy]
Version = "1"

[[policy.Statement]]
Effect = "Allow"
Action = ["oss:GetObject"]
Resource = "acs:oss:*:*:ops-bucket/*"
Condition = { IpAddress = { "acs:SourceIp" = "10.0.0.0/8" } }
"#;
    let c: Config = toml::from_str(text).unwrap();
    assert_eq!(
        c.policy.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],"Resource":"acs:oss:*:*:ops-bucket/*","Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#
    );
    // The same mistake as in JSON, reported with from_json's message and pointer.
    let bad = text.replace("acs:oss:*:*:ops-bucket/*", "acs::*:*:ops-bucket/*");
    let err = toml::from_str::<Config>(&bad).unwrap_err().to_string();
    assert!(
        err.contains("empty service segment in `acs::*:*:ops-bucket/*` at /Statement/0/Resource"),
        "{err}"
    );
    assert!(err.contains("name the service, e.g. `acs:oss:...`"), "{err}");
}

#[test]
fn deserializing_reports_from_json_errors_by_name() {
    let doc = r#"{"name":"x","bucket":"b","extra":[],"policy":{"Version": "1", "Statement": [{"Effect": "Allow",
        "Action": ["mq:PUB"], "Resource": ["acs::*:*:MQ_INST_1%TopicA"]}]}}"#;
    let err = serde_json::from_str::<Config>(doc).unwrap_err().to_string();
    assert!(
        err.starts_with("empty service segment in `acs::*:*:MQ_INST_1%TopicA` at /Statement/0/Resource/0; name the service"),
        "{err}"
    );
    // serde_json adds where in the user's document.
    assert!(err.contains("line 2"), "{err}");
}

/// Every document is accepted or rejected by serde exactly as by `from_json`, with the same message.
fn agrees_with_from_json(doc: &str) {
    let direct = Policy::from_json(doc);
    let via_serde = serde_json::from_str::<Policy>(doc);
    match (&direct, &via_serde) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{doc}"),
        (Err(a), Err(b)) => {
            let b = b.to_string();
            assert!(b.starts_with(a.message()), "{doc}\nfrom_json: {a}\nserde: {b}");
            if !a.pointer().is_empty() {
                assert!(b.contains(&format!(" at {}", a.pointer())), "{doc}\nfrom_json: {a}\nserde: {b}");
            }
        }
        _ => panic!("{doc}\nfrom_json: {direct:?}\nserde: {via_serde:?}"),
    }
}

#[test]
fn accepts_and_rejects_what_from_json_does() {
    for doc in [
        // Accepted: single values, one statement as an object, repeated operators and keys (merged).
        r#"{"Version":"1","Statement":{"Effect":"Allow","Action":"mq:PUB","Resource":"*"}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"},"StringEquals":{"aws:PrincipalTag/team":"b"}}}]}"#,
        // Rejected: a duplicate element, an unknown element, a lowercase effect, a wrong type, the other
        // dialect, no dialect at all, a value that does not fit its operator, null.
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"mq:PUB","Resource":"*"}]}"#,
        r#"{"Version":"1","Statement":[{"Efect":"Allow","Action":"mq:PUB","Resource":"*"}]}"#,
        r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"mq:PUB","Resource":"*"}]}"#,
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":1,"Resource":"*"}]}"#,
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"mq:PUB","Resource":"*","Sid":"x"}]}"#,
        r#"{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#,
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*",
            "Condition":{"IpAddress":{"acs:SourceIp":"10.0.0.0/33"}}}]}"#,
        r#"{"Version":null,"Statement":[]}"#,
        r#"[1, 2]"#,
        r#""{\"Version\":\"1\"}""#,
    ] {
        agrees_with_from_json(doc);
    }
}

#[test]
fn every_managed_policy_serializes_and_deserializes_like_the_json_functions() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/aws-managed-policies.jsonl");
    let text = std::fs::read_to_string(&p).unwrap();
    let mut n = 0;
    for line in text.lines() {
        let line: BTreeMap<String, &RawValue> = serde_json::from_str(line).unwrap();
        let doc = line["document"].get();
        let policy = Policy::from_json(doc).unwrap();
        let via_text: Value = serde_json::from_str(&policy.to_json()).unwrap();
        assert_eq!(serde_json::to_value(&policy).unwrap(), via_text);
        assert_eq!(serde_json::from_str::<Policy>(doc).unwrap(), policy);
        n += 1;
    }
    assert_eq!(n, 1_641);
}

#[test]
fn hostile_nesting_is_an_error() {
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let doc = format!(r#"{{"Version":"1","Statement":{deep}}}"#);
    agrees_with_from_json(&doc);
    // Deeper than serde_json's own limit: its error, not a stack overflow.
    let deeper = format!(r#"{{"Version":"1","Statement":{}{}}}"#, "[".repeat(5000), "]".repeat(5000));
    assert!(serde_json::from_str::<Policy>(&deeper).is_err());
}
