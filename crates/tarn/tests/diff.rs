//! `tarn::diff`: semantic cases across the operator families, both clouds, `Deny` and the `Not…` forms, and
//! properties over generated policies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use tarn::eval::{Decision, Request};
use tarn::{diff, Dialect, Diff, Policy, Verdict};

fn iam(statements: &str) -> Policy {
    Policy::from_json(&format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#)).unwrap()
}

fn ram(statements: &str) -> Policy {
    Policy::from_json(&format!(r#"{{"Version": "1", "Statement": [{statements}]}}"#)).unwrap()
}

/// Every example of the diff is allowed by the side that gains it and not by the other.
fn examples_verify(old: &Policy, new: &Policy, d: &Diff) {
    for (list, gain, lose) in [(&d.added, new, old), (&d.removed, old, new)] {
        for g in list {
            match &g.example {
                Some(e) => {
                    let r = e.request().unwrap();
                    assert_eq!(gain.evaluate(&r).decision, Decision::Allow, "{e:?}");
                    assert_ne!(lose.evaluate(&r).decision, Decision::Allow, "{e:?}");
                    assert_eq!(e.action, g.action);
                }
                None => assert!(g.undecided.is_some(), "an entry without example says why: {g:?}"),
            }
        }
    }
}

fn check(old: &Policy, new: &Policy) -> Diff {
    let d = diff(old, new);
    examples_verify(old, new, &d);
    d
}

fn verdict(old: &Policy, new: &Policy) -> Verdict {
    check(old, new).verdict
}

fn stmt(effect: &str, action: &str, resource: &str, condition: Option<&str>) -> String {
    let c = condition.map(|c| format!(r#", "Condition": {c}"#)).unwrap_or_default();
    format!(r#"{{"Effect": "{effect}", "Action": "{action}", "Resource": "{resource}"{c}}}"#)
}

#[test]
fn the_same_policy_is_equivalent() {
    let p = iam(&stmt(
        "Allow",
        "s3:Get*",
        "arn:aws:s3:::b/*",
        Some(r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#),
    ));
    assert_eq!(verdict(&p, &p), Verdict::Equivalent);
    let e = Policy::empty(Dialect::Iam);
    assert_eq!(verdict(&e, &e), Verdict::Equivalent);
    assert_eq!(verdict(&e, &p), Verdict::Broader);
    assert_eq!(verdict(&p, &e), Verdict::Narrower);
}

#[test]
fn statement_order_and_splitting_do_not_matter() {
    let a = iam(&format!(
        "{}, {}",
        stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/*", None),
        stmt("Deny", "s3:GetObject", "arn:aws:s3:::b/secret/*", None)
    ));
    let b = iam(&format!(
        "{}, {}, {}",
        stmt("Deny", "s3:GetObject", "arn:aws:s3:::b/secret/*", None),
        stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/a*", None),
        stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/*", None)
    ));
    assert_eq!(verdict(&a, &b), Verdict::Equivalent);
}

#[test]
fn one_added_action_is_reported_alone() {
    let old = iam(r#"{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}"#);
    let new = iam(
        r#"{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"}"#,
    );
    let d = check(&old, &new);
    assert_eq!(d.verdict, Verdict::Broader);
    assert_eq!(d.added.len(), 1);
    assert_eq!(d.added[0].action, "s3:PutObject");
    assert!(d.added[0].example.is_some());
    assert!(d.removed.is_empty());
}

#[test]
fn wildcards_expand_over_the_catalog() {
    let old = iam(&stmt("Allow", "s3:GetObject", "*", None));
    let new = iam(&stmt("Allow", "s3:Get*", "*", None));
    let d = check(&old, &new);
    assert!(d.added.len() > 10);
    assert!(d.added.iter().all(|g| g.action.starts_with("s3:Get") && g.action != "s3:GetObject"));
    // An action outside the catalog is compared by name.
    let old = iam(&stmt("Allow", "s3:GetFutureThing", "*", None));
    let new = iam(&stmt("Allow", "s3:Get*", "*", None));
    let d = check(&old, &new);
    assert!(d.removed.is_empty(), "{d:?}");
    let d = check(&new, &old);
    assert!(d.added.is_empty() && !d.removed.is_empty());
}

#[test]
fn resources_on_aws_cross_colons_after_the_service() {
    // `app*` runs across the `:` of `log-group:app:log-stream:…`.
    let old = iam(&stmt("Allow", "logs:PutLogEvents", "arn:aws:logs:us-east-1:*:log-group:app*", None));
    let new =
        iam(&stmt("Allow", "logs:PutLogEvents", "arn:aws:logs:us-east-1:*:log-group:app:log-stream:*", None));
    assert_eq!(verdict(&old, &new), Verdict::Narrower);
    assert_eq!(verdict(&new, &old), Verdict::Broader);
    let old = iam(&stmt("Allow", "ec2:TerminateInstances", "arn:aws:ec2:*:*:instance/*", None));
    let narrower = iam(&stmt("Allow", "ec2:TerminateInstances", "arn:aws:ec2:us-east-1:*:instance/*", None));
    let d = check(&old, &narrower);
    assert_eq!(d.verdict, Verdict::Narrower);
    let e = d.removed[0].example.as_ref().unwrap();
    assert!(e.resource.starts_with("arn:aws:ec2:") && !e.resource.starts_with("arn:aws:ec2:us-east-1:"));
}

#[test]
fn resources_on_alibaba_cloud_match_segment_by_segment() {
    let old = ram(&stmt("Allow", "oss:GetObject", "acs:oss:*:*:bucket/*", None));
    let new = ram(&stmt("Allow", "oss:GetObject", "acs:oss:*:*:bucket/logs/*", None));
    assert_eq!(verdict(&old, &new), Verdict::Narrower);
    assert_eq!(verdict(&new, &old), Verdict::Broader);
    // A star in the region does not run into the account.
    let a = ram(&stmt("Allow", "oss:GetObject", "acs:oss:*:123:bucket/*", None));
    let b = ram(&stmt("Allow", "oss:GetObject", "acs:oss:*:*:bucket/*", None));
    assert_eq!(verdict(&a, &b), Verdict::Broader);
}

#[test]
fn deny_statements_take_access_away() {
    let allow = stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/*", None);
    let deny = stmt("Deny", "s3:*", "arn:aws:s3:::b/secret/*", None);
    let old = iam(&format!("{allow}, {deny}"));
    let new = iam(&allow);
    let d = check(&old, &new);
    assert_eq!(d.verdict, Verdict::Broader);
    assert!(d.added[0].example.as_ref().unwrap().resource.starts_with("arn:aws:s3:::b/secret/"));
    let d = check(&new, &old);
    assert_eq!(d.verdict, Verdict::Narrower);
    assert_eq!(d.removed[0].denied_by, vec![1]);
}

#[test]
fn conditional_deny_is_reported_or_proved() {
    let allow = stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/*", None);
    let tls = stmt("Deny", "s3:*", "*", Some(r#"{"Bool": {"aws:SecureTransport": "false"}}"#));
    let old = iam(&format!("{allow}, {tls}"));
    let new = iam(&allow);
    let d = check(&old, &new);
    assert_eq!(d.verdict, Verdict::Broader);
    assert_eq!(
        d.added[0].example.as_ref().unwrap().context,
        vec![("aws:SecureTransport".to_owned(), vec!["false".to_owned()])]
    );
    assert_eq!(verdict(&new, &old), Verdict::Narrower);
    assert_eq!(verdict(&old, &old), Verdict::Equivalent);
}

#[test]
fn not_action_and_not_resource() {
    let old = iam(r#"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#);
    let new = iam(r#"{"Effect": "Allow", "NotAction": ["iam:*", "s3:*"], "Resource": "*"}"#);
    let d = check(&old, &new);
    assert_eq!(d.verdict, Verdict::Narrower);
    assert!(d.removed.iter().all(|g| g.action.starts_with("s3:")));
    let old =
        iam(r#"{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/private/*"}"#);
    let new = iam(r#"{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::b/*"}"#);
    let d = check(&old, &new);
    assert_eq!(d.verdict, Verdict::Narrower);
    assert!(d.removed[0].example.as_ref().unwrap().resource.starts_with("arn:aws:s3:::b/"));
    assert_eq!(verdict(&new, &old), Verdict::Broader);
}

fn cond_verdict(old: &str, new: &str) -> Verdict {
    let o = iam(&stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/*", Some(old)));
    let n = iam(&stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/*", Some(new)));
    verdict(&o, &n)
}

#[test]
fn conditions_of_every_family() {
    let cases = [
        (
            r#"{"StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}}"#,
            r#"{"StringEquals": {"aws:PrincipalTag/team": "a"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"StringLike": {"s3:prefix": "home/*"}}"#,
            r#"{"StringLike": {"s3:prefix": "home/alice/*"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"StringEqualsIgnoreCase": {"aws:username": "Alice"}}"#,
            r#"{"StringEqualsIgnoreCase": {"aws:username": "alice"}}"#,
            Verdict::Equivalent,
        ),
        (
            r#"{"StringNotEquals": {"aws:username": "bob"}}"#,
            r#"{"StringNotEquals": {"aws:username": ["bob", "eve"]}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"NumericLessThan": {"s3:max-keys": "10"}}"#,
            r#"{"NumericLessThan": {"s3:max-keys": "100"}}"#,
            Verdict::Broader,
        ),
        (
            r#"{"DateLessThan": {"aws:CurrentTime": "2027-01-01T00:00:00Z"}}"#,
            r#"{"DateLessThan": {"aws:CurrentTime": "2026-06-01T00:00:00Z"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            r#"{"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}"#,
            r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            Verdict::Broader,
        ),
        (
            r#"{"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
            r#"{"NotIpAddress": {"aws:SourceIp": "10.1.0.0/16"}}"#,
            Verdict::Broader,
        ),
        (
            r#"{"Bool": {"aws:SecureTransport": "true"}}"#,
            r#"{"Bool": {"aws:SecureTransport": "false"}}"#,
            Verdict::Incomparable,
        ),
        (
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:topic"}}"#,
            r#"{"ArnLike": {"aws:SourceArn": "arn:aws:sns:us-east-1:*:topic"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"StringEquals": {"aws:username": "a"}}"#,
            r#"{"StringEqualsIfExists": {"aws:username": "a"}}"#,
            Verdict::Broader,
        ),
        (
            r#"{"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#,
            r#"{"ForAllValues:StringEquals": {"aws:TagKeys": "a"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": "a"}}"#,
            r#"{"ForAnyValue:StringEquals": {"aws:TagKeys": ["a", "b"]}}"#,
            Verdict::Broader,
        ),
        (
            r#"{"Null": {"aws:TokenIssueTime": "false"}}"#,
            r#"{"Null": {"aws:TokenIssueTime": "false"}}"#,
            Verdict::Equivalent,
        ),
    ];
    for (old, new, expected) in cases {
        assert_eq!(cond_verdict(old, new), expected, "{old} -> {new}");
    }
    let negated = [
        (
            r#"{"StringNotLike": {"aws:username": "admin*"}}"#,
            r#"{"StringNotLike": {"aws:username": "a*"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"NumericNotEquals": {"s3:max-keys": ["1", "2"]}}"#,
            r#"{"NumericNotEquals": {"s3:max-keys": "1"}}"#,
            Verdict::Broader,
        ),
        (
            r#"{"DateNotEquals": {"aws:CurrentTime": "2026-01-01"}}"#,
            r#"{"DateNotEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}}"#,
            Verdict::Equivalent,
        ),
        (
            r#"{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:*"}}"#,
            r#"{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}"#,
            Verdict::Broader,
        ),
        (
            r#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": "a"}}"#,
            r#"{"ForAllValues:StringNotEquals": {"aws:TagKeys": ["a", "b"]}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"BinaryEquals": {"k": ["QUJD", "REVG"]}}"#,
            r#"{"BinaryEquals": {"k": "QUJD"}}"#,
            Verdict::Narrower,
        ),
        (
            r#"{"NumericGreaterThanEqualsIfExists": {"s3:max-keys": "5"}}"#,
            r#"{"NumericGreaterThanIfExists": {"s3:max-keys": "4"}}"#,
            Verdict::Broader,
        ),
    ];
    for (old, new, expected) in negated {
        assert_eq!(cond_verdict(old, new), expected, "{old} -> {new}");
    }
    // Between two bounds: an example just inside the new one.
    let gt = |op: &str, v: &str| {
        iam(&stmt(
            "Allow",
            "s3:ListBucket",
            "arn:aws:s3:::b",
            Some(&format!(r#"{{"{op}": {{"s3:max-keys": "{v}"}}}}"#)),
        ))
    };
    let d = check(&gt("NumericGreaterThanEquals", "5"), &gt("NumericGreaterThan", "4"));
    assert_eq!(
        d.added[0].example.as_ref().unwrap().context,
        vec![("s3:max-keys".to_owned(), vec!["4.5".to_owned()])]
    );
    // RAM: acs: keys, the same families.
    let oss = |c: &str| ram(&stmt("Allow", "oss:GetObject", "acs:oss:*:*:b/*", Some(c)));
    let office = oss(r#"{"IpAddress": {"acs:SourceIp": "203.0.113.0/24"}}"#);
    let host = oss(r#"{"IpAddress": {"acs:SourceIp": "203.0.113.7"}}"#);
    assert_eq!(verdict(&office, &host), Verdict::Narrower);
    let d = check(&host, &office);
    assert_eq!(d.verdict, Verdict::Broader);
    assert_eq!(d.added[0].example.as_ref().unwrap().context[0].0, "acs:SourceIp");
    // A superset of conditions is narrower.
    let one = r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#;
    let two = r#"{"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}, "Bool": {"aws:SecureTransport": "true"}}"#;
    assert_eq!(cond_verdict(one, two), Verdict::Narrower);
    assert_eq!(cond_verdict(two, one), Verdict::Broader);
}

#[test]
fn conditions_on_other_keys_are_never_called_equivalent() {
    let d = {
        let o = iam(&stmt(
            "Allow",
            "s3:GetObject",
            "arn:aws:s3:::b/*",
            Some(r#"{"StringEquals": {"aws:SourceVpc": "vpc-1"}}"#),
        ));
        let n = iam(&stmt(
            "Allow",
            "s3:GetObject",
            "arn:aws:s3:::b/*",
            Some(r#"{"StringEquals": {"aws:SourceVpce": "vpce-1"}}"#),
        ));
        check(&o, &n)
    };
    assert_eq!(d.verdict, Verdict::Incomparable);
    assert!(!d.added.is_empty());
}

#[test]
fn principals_accounts_and_not_principal() {
    let bucket = |principal: &str| {
        Policy::from_json(&format!(
            r#"{{"Version": "2012-10-17", "Statement": [{{"Effect": "Allow", "Principal": {principal},
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}]}}"#
        ))
        .unwrap()
    };
    let root = bucket(r#"{"AWS": "arn:aws:iam::111122223333:root"}"#);
    let account = bucket(r#"{"AWS": "111122223333"}"#);
    let alice = bucket(r#"{"AWS": "arn:aws:iam::111122223333:user/alice"}"#);
    let everyone = bucket(r#""*""#);
    assert_eq!(verdict(&root, &account), Verdict::Equivalent);
    assert_eq!(verdict(&root, &alice), Verdict::Narrower);
    assert_eq!(verdict(&alice, &root), Verdict::Broader);
    let d = check(&root, &everyone);
    assert_eq!(d.verdict, Verdict::Broader);
    let not_bob = bucket(r#"{"AWS": "*"}"#);
    assert_eq!(verdict(&everyone, &not_bob), Verdict::Equivalent);
    let np = Policy::from_json(
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/bob"},
        "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    )
    .unwrap();
    assert_eq!(verdict(&everyone, &np), Verdict::Narrower);
    // OSS bucket policies: the flat UID list.
    let oss = |uids: &str| {
        Policy::from_json(&format!(
            r#"{{"Version": "1", "Statement": [{{"Effect": "Allow", "Principal": {uids},
            "Action": "oss:GetObject", "Resource": "acs:oss:*:*:b/*"}}]}}"#
        ))
        .unwrap()
    };
    assert_eq!(verdict(&oss(r#"["1234567890"]"#), &oss(r#"["1234567890", "2345678901"]"#)), Verdict::Broader);
    assert_eq!(verdict(&oss(r#"["1234567890"]"#), &oss("[]")), Verdict::Broader);
}

#[test]
fn library_answers_in_one_call_and_writes_json() {
    let old = iam(&stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/*", None));
    let new = iam(&stmt("Allow", "s3:GetObject", "arn:aws:s3:::b/public/*", None));
    assert!(new.grants_nothing_beyond(&old));
    assert!(!old.grants_nothing_beyond(&new));
    let json: serde_json::Value = serde_json::from_str(&diff(&old, &new).to_json()).unwrap();
    assert_eq!(json["verdict"], "narrower");
    assert_eq!(json["removed"][0]["action"], "s3:GetObject");
    assert_eq!(json["removed"][0]["principal"], serde_json::Value::Null);
    assert!(json["removed"][0]["example"]["resource"].as_str().unwrap().starts_with("arn:aws:s3:::b/"));
    assert!(json["removed"][0]["example"].get("principal").is_none());
    assert_eq!(json["added"], serde_json::json!([]));
}

#[test]
fn policy_variables_compare_by_name() {
    let home = |v: &str| iam(&stmt("Allow", "s3:GetObject", &format!("arn:aws:s3:::home/{v}/*"), None));
    assert_eq!(verdict(&home("${aws:username}"), &home("${aws:username}")), Verdict::Equivalent);
    let d = check(&home("${aws:username}"), &home("*"));
    assert_eq!(d.verdict, Verdict::Broader);
    assert_eq!(verdict(&home("*"), &home("${aws:username}")), Verdict::Narrower);
}

// Generated policies: a few actions, resources, conditions and effects, so that statements overlap.

fn arb_statement() -> impl Strategy<Value = String> {
    let effect = prop_oneof![3 => Just("Allow"), 1 => Just("Deny")];
    let action =
        prop::sample::select(vec!["s3:GetObject", "s3:PutObject", "s3:Get*", "s3:*Object", "s3:ListBucket"]);
    let resource = prop::sample::select(vec![
        "*",
        "arn:aws:s3:::b/*",
        "arn:aws:s3:::b/a*",
        "arn:aws:s3:::b/a/?",
        "arn:aws:s3:::b",
        "arn:aws:s3:::*",
        "arn:aws:s3:::c/*",
    ]);
    let not_resource = any::<bool>();
    let condition = prop::sample::select(vec![
        "",
        r#", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
        r#", "Condition": {"IpAddress": {"aws:SourceIp": "10.1.0.0/16"}}"#,
        r#", "Condition": {"StringEquals": {"aws:username": ["a", "b"]}}"#,
        r#", "Condition": {"StringLike": {"aws:username": "a*"}}"#,
        r#", "Condition": {"Bool": {"aws:SecureTransport": "false"}}"#,
        r#", "Condition": {"NumericLessThan": {"s3:max-keys": "10"}}"#,
    ]);
    (effect, action, resource, not_resource, condition).prop_map(|(e, a, r, not, c)| {
        let rk = if not && r != "*" { "NotResource" } else { "Resource" };
        format!(r#"{{"Effect": "{e}", "Action": "{a}", "{rk}": "{r}"{c}}}"#)
    })
}

fn arb_policy() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(arb_statement(), 0..4)
}

fn policy_of(statements: &[String]) -> Policy {
    if statements.is_empty() {
        return Policy::empty(Dialect::Iam);
    }
    iam(&statements.join(", "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_policy_is_equivalent_to_itself(p in arb_policy()) {
        let p = policy_of(&p);
        prop_assert_eq!(check(&p, &p).verdict, Verdict::Equivalent);
    }

    #[test]
    fn an_added_allow_never_narrows_and_an_added_deny_never_broadens(p in arb_policy(), s in arb_statement()) {
        let old = policy_of(&p);
        let mut more = p.clone();
        more.push(s.clone());
        let new = policy_of(&more);
        let d = check(&old, &new);
        if s.contains("\"Allow\"") {
            prop_assert!(d.removed.is_empty(), "an added Allow removed access: {:?}", d.removed);
            prop_assert_ne!(d.verdict, Verdict::Narrower);
        } else {
            prop_assert!(d.added.is_empty(), "an added Deny added access: {:?}", d.added);
            prop_assert_ne!(d.verdict, Verdict::Broader);
        }
    }

    #[test]
    fn examples_verify_and_no_new_access_means_none_found(old in arb_policy(), new in arb_policy()) {
        let (old, new) = (policy_of(&old), policy_of(&new));
        let d = check(&old, &new);
        if d.added.is_empty() {
            // Sample requests from NEW's grants: OLD allows every one that NEW allows.
            // NEW's own resource patterns, instantiated, and a few others.
            let mut resources: Vec<String> = ["arn:aws:s3:::b/x", "arn:aws:s3:::b/a/1", "arn:aws:s3:::b/ab", "arn:aws:s3:::b", "arn:aws:s3:::c/k", "arn:aws:s3:::d", "*"]
                .iter()
                .map(|r| (*r).to_owned())
                .collect();
            for st in new.statements() {
                for p in st.resources().map(|l| l.items().as_slice()).unwrap_or_default() {
                    if !p.is_any() {
                        resources.push(p.as_str().replace('*', "").replace('?', "1"));
                        resources.push(p.as_str().replace('*', "x/y").replace('?', "z"));
                    }
                }
            }
            let contexts: [&[(&str, &str)]; 4] = [&[], &[("aws:SourceIp", "10.1.2.3")], &[("aws:username", "a"), ("aws:SecureTransport", "false")], &[("s3:max-keys", "5"), ("aws:username", "ab")]];
            for action in ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetBucketAcl"] {
                for resource in &resources {
                    for ctx in contexts {
                        let Ok(mut r) = Request::new(action, resource) else { continue };
                        for (k, v) in ctx {
                            r = r.context(k, *v);
                        }
                        if new.evaluate(&r).decision == Decision::Allow {
                            prop_assert_eq!(old.evaluate(&r).decision, Decision::Allow, "{:?} {} {:?}", action, resource, ctx);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn what_tarn_cannot_decide_is_reported_with_its_reason() {
    // OLD covers every number with two statements together; tarn compares statement against statement, finds
    // no example, and says so instead of calling the change equivalent.
    let old = iam(&format!(
        "{}, {}",
        stmt(
            "Allow",
            "s3:GetObject",
            "arn:aws:s3:::b/*",
            Some(r#"{"NumericLessThan": {"s3:max-keys": "10"}}"#)
        ),
        stmt(
            "Allow",
            "s3:GetObject",
            "arn:aws:s3:::b/*",
            Some(r#"{"NumericGreaterThanEquals": {"s3:max-keys": "10"}}"#)
        )
    ));
    let new = iam(&stmt(
        "Allow",
        "s3:GetObject",
        "arn:aws:s3:::b/*",
        Some(r#"{"NumericLessThan": {"s3:max-keys": "100"}}"#),
    ));
    let d = check(&old, &new);
    // OLD's numbers from 100 up are removed (with an example); whether any is added is undecided.
    assert_eq!(d.verdict, Verdict::Incomparable);
    assert!(d.removed[0].example.is_some());
    assert_eq!(d.added.len(), 1);
    assert!(d.added[0].example.is_none());
    assert!(d.added[0].undecided.as_deref().unwrap().contains("statement 0"), "{:?}", d.added[0]);
    assert!(d.to_json().contains(r#""example":null,"undecided":"#));
    assert!(!new.grants_nothing_beyond(&old));
}

#[test]
fn ram_denies_with_not_resource_and_ram_principals() {
    let allow = r#"{"Effect": "Allow", "Action": "log:*", "Resource": "acs:log:*:*:project/*"}"#;
    let deny =
        r#"{"Effect": "Deny", "Action": "log:Delete*", "NotResource": "acs:log:*:*:project/scratch/*"}"#;
    let old = ram(allow);
    let new = ram(&format!("{allow}, {deny}"));
    let d = check(&old, &new);
    assert_eq!(d.verdict, Verdict::Narrower);
    assert!(d.removed.iter().all(|g| g.action.starts_with("log:Delete")), "{:?}", d.removed);
    for g in &d.removed {
        let e = g.example.as_ref().unwrap();
        assert!(!e.resource.contains(":project/scratch/"), "{e:?}");
        assert_eq!(g.denied_by, vec![1]);
    }
    let trust = |who: &str| {
        Policy::from_json(&format!(
            r#"{{"Version": "1", "Statement": [{{"Effect": "Allow", "Action": "sts:AssumeRole",
            "Principal": {{"RAM": ["{who}"]}}}}]}}"#
        ))
        .unwrap()
    };
    assert_eq!(
        verdict(&trust("acs:ram::1234567890:root"), &trust("acs:ram::1234567890:role/ops")),
        Verdict::Narrower
    );
    assert_eq!(verdict(&trust("acs:ram::1234567890:root"), &trust("1234567890")), Verdict::Equivalent);
}

/// Wildcards (and the removal of a Deny) cover action names outside the catalog too: the diff finds one for
/// each set of statements such a name can fall under, and checks it with the evaluator.
#[test]
fn action_names_outside_the_catalog_that_wildcards_cover_are_compared() {
    let p = |s: &str| Policy::from_json(s).unwrap();
    let one =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    let new_service = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","newsvc:*"],"Resource":"*"}]}"#;
    let d = diff(&p(one), &p(new_service));
    assert_eq!(d.verdict, Verdict::Broader);
    assert!(d.added.iter().any(|g| g.action.starts_with("newsvc:") && g.example.is_some()), "{d:?}");
    let denied = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","Action":"s3:Zz*","Resource":"*"}]}"#;
    let undenied =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    assert_eq!(diff(&p(denied), &p(undenied)).verdict, Verdict::Broader);
    let get =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}"#;
    let g = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:G*","Resource":"*"}]}"#;
    assert_eq!(diff(&p(get), &p(g)).verdict, Verdict::Broader);
    assert_eq!(diff(&p(g), &p(get)).verdict, Verdict::Narrower);
    // The same wildcards on both sides, a literal added: nothing outside the catalog to report.
    let more = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:G*","s3:PutObject"],"Resource":"*"}]}"#;
    let d = diff(&p(g), &p(more));
    assert_eq!(d.added.iter().map(|g| g.action.as_str()).collect::<Vec<_>>(), ["s3:PutObject"]);
}

/// Found by review: three ways two conditions compared equal where the evaluator tells them apart.
#[test]
fn conditions_compare_as_the_evaluator_reads_them() {
    let p = |s: &str| Policy::from_json(s).unwrap();
    // `${aws:username}` is a variable with Version 2012-10-17 and plain text without a Version.
    let deny = |version: &str| {
        format!(
            r#"{{{version}"Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}},
            {{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*",
              "Condition":{{"StringNotEquals":{{"s3:ExistingObjectTag/owner":"${{aws:username}}"}}}}}}]}}"#
        )
    };
    let d = diff(&p(&deny("")), &p(&deny(r#""Version":"2012-10-17","#)));
    assert_ne!(d.verdict, Verdict::Equivalent, "{d:?}");
    // An ARN value of fewer than six parts matches nothing.
    let arn = |v: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{{"ArnLike":{{"aws:SourceArn":"{v}"}}}}}}]}}"#
        )
    };
    assert_eq!(diff(&p(&arn("arn:aws:s3")), &p(&arn("arn:aws:s3:::"))).verdict, Verdict::Broader);
    // Case is folded character by character: a final `Σ` folds to `σ`, not `ς`.
    let fold = |v: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
            "Condition":{{"StringEqualsIgnoreCase":{{"aws:PrincipalTag/team":"{v}"}}}}}}]}}"#
        )
    };
    assert_ne!(diff(&p(&fold("ας")), &p(&fold("ΑΣ"))).verdict, Verdict::Equivalent);
    assert_eq!(diff(&p(&fold("ασ")), &p(&fold("ΑΣ"))).verdict, Verdict::Equivalent);
}
