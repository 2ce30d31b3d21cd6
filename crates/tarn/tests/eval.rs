//! `tarn::eval`: the documented semantics, case by case, and properties over generated policies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use tarn::eval::{Decision, PolicySet, Request, Role};
use tarn::Policy;

fn iam(statements: &str) -> Policy {
    Policy::from_json(&format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#)).unwrap()
}

fn ram(statements: &str) -> Policy {
    Policy::from_json(&format!(r#"{{"Version": "1", "Statement": [{statements}]}}"#)).unwrap()
}

fn req(action: &str, resource: &str) -> Request {
    Request::new(action, resource).unwrap()
}

fn decide(p: &Policy, r: &Request) -> Decision {
    p.evaluate(r).decision
}

const GET: &str = r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*"}"#;

#[test]
fn explicit_deny_beats_allow_whatever_the_order() {
    let deny = r#"{"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::bucket/secret/*"}"#;
    for p in [iam(&format!("{GET}, {deny}")), iam(&format!("{deny}, {GET}"))] {
        let e = p.evaluate(&req("s3:GetObject", "arn:aws:s3:::bucket/secret/k"));
        assert_eq!(e.decision, Decision::ExplicitDeny);
        assert_eq!(e.statements.len(), 1);
        assert_eq!(e.statements[0].sid, Some("NoSecrets"));
        assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::bucket/public/k")), Decision::Allow);
    }
    // Nothing matching: the default.
    assert_eq!(decide(&iam(GET), &req("s3:PutObject", "arn:aws:s3:::bucket/k")), Decision::ImplicitDeny);
}

#[test]
fn allow_with_not_action_and_not_resource() {
    let p = iam(r#"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#);
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::b/k")), Decision::Allow);
    assert_eq!(
        decide(&p, &req("iam:CreateUser", "arn:aws:iam::123456789012:user/x")),
        Decision::ImplicitDeny
    );
    let p = iam(
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::bucket/secret/*"}"#,
    );
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::bucket/open/k")), Decision::Allow);
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::bucket/secret/k")), Decision::ImplicitDeny);
}

#[test]
fn question_mark_and_case() {
    let p = iam(r#"{"Effect": "Allow", "Action": "S3:getobj?ct", "Resource": "arn:aws:s3:::logs-200?/*"}"#);
    // Actions: case-insensitive, `?` one character.
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::logs-2009/k")), Decision::Allow);
    // Resources: case-sensitive; `?` exactly one character.
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::LOGS-2009/k")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::logs-20010/k")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::logs-200/k")), Decision::ImplicitDeny);
}

#[test]
fn ip_address_with_ipv4_and_ipv6_blocks() {
    let p = iam(r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/*",
             "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}}"#);
    let at = |ip: &str| decide(&p, &req("s3:GetObject", "arn:aws:s3:::bucket/k").context("aws:SourceIp", ip));
    assert_eq!(at("203.0.113.9"), Decision::Allow);
    assert_eq!(at("2001:db8:1::7"), Decision::Allow);
    assert_eq!(at("198.51.100.1"), Decision::ImplicitDeny);
    assert_eq!(at("2001:db9::1"), Decision::ImplicitDeny);
    // Missing key: the condition is false.
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::bucket/k")), Decision::ImplicitDeny);
}

#[test]
fn date_less_than_and_bool() {
    let p = ram(r#"{"Effect": "Allow", "Action": "oss:GetObject", "Resource": "acs:oss:*:*:b/*",
        "Condition": {"DateLessThan": {"acs:CurrentTime": "2026-12-31T00:00:00Z"}, "Bool": {"acs:SecureTransport": "true"}}}"#);
    let r = |time: &str, tls: &str| {
        req("oss:GetObject", "acs:oss:cn-hangzhou:123:b/k")
            .context("acs:CurrentTime", time)
            .context("acs:SecureTransport", tls)
    };
    assert_eq!(decide(&p, &r("2026-11-22T08:00:00Z", "true")), Decision::Allow);
    assert_eq!(decide(&p, &r("2027-01-01T00:00:00Z", "true")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &r("2026-11-22T08:00:00Z", "false")), Decision::ImplicitDeny);
}

#[test]
fn missing_keys_for_negated_operators_and_set_qualifiers() {
    // StringNotEquals on a missing key holds: this Deny applies to requests without the tag.
    let p = iam(&format!(
        r#"{GET}, {{"Effect": "Deny", "Action": "*", "Resource": "*",
             "Condition": {{"StringNotEquals": {{"aws:PrincipalTag/team": "data"}}}}}}"#
    ));
    let r = req("s3:GetObject", "arn:aws:s3:::bucket/k");
    assert_eq!(decide(&p, &r), Decision::ExplicitDeny);
    assert_eq!(decide(&p, &r.clone().context("aws:PrincipalTag/team", "data")), Decision::Allow);
    assert_eq!(decide(&p, &r.clone().context("aws:PrincipalTag/team", "web")), Decision::ExplicitDeny);
    // ForAllValues is true on a missing key (it fails open under Allow); ForAnyValue is false.
    let all = iam(r#"{"Effect": "Allow", "Action": "s3:PutObjectTagging", "Resource": "*",
        "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}}"#);
    let any = iam(r#"{"Effect": "Allow", "Action": "s3:PutObjectTagging", "Resource": "*",
        "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": ["team", "env"]}}}"#);
    let tag = req("s3:PutObjectTagging", "arn:aws:s3:::bucket/k");
    assert_eq!(decide(&all, &tag), Decision::Allow);
    assert_eq!(decide(&any, &tag), Decision::ImplicitDeny);
    let some = tag.clone().context("aws:TagKeys", "team").context("aws:TagKeys", "owner");
    assert_eq!(decide(&all, &some), Decision::ImplicitDeny);
    assert_eq!(decide(&any, &some), Decision::Allow);
    let within = tag.clone().context("aws:TagKeys", "team").context("aws:TagKeys", "env");
    assert_eq!(decide(&all, &within), Decision::Allow);
    // …IfExists: a missing key holds; a present one is compared.
    let ifx = iam(r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"StringEqualsIfExists": {"s3:prefix": "home/"}}}"#);
    let get = req("s3:GetObject", "arn:aws:s3:::bucket/k");
    assert_eq!(decide(&ifx, &get), Decision::Allow);
    assert_eq!(decide(&ifx, &get.clone().context("s3:prefix", "etc/")), Decision::ImplicitDeny);
    // Null: `true` wants the key absent.
    let null = iam(
        r#"{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Null": {"aws:MultiFactorAuthAge": "true"}}}"#,
    );
    assert_eq!(decide(&null, &get), Decision::ExplicitDeny);
    assert_eq!(decide(&null, &get.clone().context("aws:MultiFactorAuthAge", "30")), Decision::ImplicitDeny);
}

#[test]
fn string_like_and_policy_variables() {
    let p = iam(r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket",
        "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*", "public/*"]}}},
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/home/${aws:username}/*"}"#);
    let alice = |r: Request| r.context("aws:username", "alice");
    assert_eq!(
        decide(&p, &alice(req("s3:GetObject", "arn:aws:s3:::bucket/home/alice/a.txt"))),
        Decision::Allow
    );
    assert_eq!(
        decide(&p, &alice(req("s3:GetObject", "arn:aws:s3:::bucket/home/bob/a.txt"))),
        Decision::ImplicitDeny
    );
    // Without the variable's value, the pattern matches nothing (it fails closed).
    assert_eq!(
        decide(&p, &req("s3:GetObject", "arn:aws:s3:::bucket/home/alice/a.txt")),
        Decision::ImplicitDeny
    );
    let list = |prefix: &str| alice(req("s3:ListBucket", "arn:aws:s3:::bucket")).context("s3:prefix", prefix);
    assert_eq!(decide(&p, &list("home/alice/docs")), Decision::Allow);
    assert_eq!(decide(&p, &list("public/x")), Decision::Allow);
    assert_eq!(decide(&p, &list("home/bob/")), Decision::ImplicitDeny);
    // A default, and the legacy version, where `${…}` is plain text.
    let dflt = iam(
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"}"#,
    );
    assert_eq!(decide(&dflt, &req("s3:GetObject", "arn:aws:s3:::bucket/shared/k")), Decision::Allow);
    let legacy = Policy::from_json(
        r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:username}/*"}]}"#,
    )
    .unwrap();
    // (An ARN cannot hold `${`, so under 2008-10-17 that resource matches no request at all.)
    assert_eq!(
        decide(&legacy, &alice(req("s3:GetObject", "arn:aws:s3:::bucket/alice/k"))),
        Decision::ImplicitDeny
    );
}

/// Resources and condition values read policy variables with one grammar: a quoted default may hold `}`.
/// (The evaluator's condition values once stopped at the first `}`, and `${k, 'a}b'}` became `a` plus `b'}`.)
#[test]
fn a_default_with_a_closing_brace_reads_the_same_in_resources_and_conditions() {
    let p = iam(r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket",
            "Condition": {"StringEquals": {"s3:prefix": "${aws:PrincipalTag/team, 'a}b'}"}}},
           {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'a}b'}/*"}"#);
    let list = |prefix: &str| req("s3:ListBucket", "arn:aws:s3:::bucket").context("s3:prefix", prefix);
    assert_eq!(decide(&p, &list("a}b")), Decision::Allow);
    assert_eq!(decide(&p, &list("a")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &list("ab'}")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &req("s3:GetObject", "arn:aws:s3:::bucket/a}b/k")), Decision::Allow);
    // With the tag, the variable's value wins over the default in both places.
    let tagged = |r: Request| r.context("aws:PrincipalTag/team", "red");
    assert_eq!(decide(&p, &tagged(list("red"))), Decision::Allow);
    assert_eq!(decide(&p, &tagged(req("s3:GetObject", "arn:aws:s3:::bucket/red/k"))), Decision::Allow);
    // A malformed variable in a condition value makes the value unknown: nothing matches it.
    let bad = iam(r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket",
            "Condition": {"StringEquals": {"s3:prefix": "${aws:PrincipalTag/team, unquoted}"}}}"#);
    assert_eq!(decide(&bad, &list("unquoted")), Decision::ImplicitDeny);
}

/// What a policy variable or an escape puts into a `…Like` value is literal: a user called `*` is no wildcard,
/// and `${*}` is the character `*`. (Both once widened the grant: the substituted text was globbed.)
#[test]
fn variables_and_escapes_are_literal_in_like_conditions() {
    let p = iam(r#"{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::bucket",
            "Condition": {"StringLike": {"s3:prefix": ["home/${aws:username}/*", "star/${*}/x?"]}}}"#);
    let list = |user: &str, prefix: &str| {
        req("s3:ListBucket", "arn:aws:s3:::bucket").context("aws:username", user).context("s3:prefix", prefix)
    };
    assert_eq!(decide(&p, &list("alice", "home/alice/docs")), Decision::Allow);
    assert_eq!(decide(&p, &list("*", "home/bob/docs")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &list("*", "home/*/docs")), Decision::Allow);
    assert_eq!(decide(&p, &list("a?", "home/ab/docs")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &list("alice", "star/*/xy")), Decision::Allow);
    assert_eq!(decide(&p, &list("alice", "star/anything/xy")), Decision::ImplicitDeny);
    // The same in `ArnLike`, part by part.
    let arn = iam(r#"{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*",
            "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:role/*"}}}"#);
    let who = |account: &str, principal: &str| {
        req("sts:AssumeRole", "arn:aws:iam::111122223333:role/r")
            .context("aws:PrincipalAccount", account)
            .context("aws:PrincipalArn", principal)
    };
    assert_eq!(decide(&arn, &who("111122223333", "arn:aws:iam::111122223333:role/app")), Decision::Allow);
    assert_eq!(decide(&arn, &who("*", "arn:aws:iam::444455556666:role/app")), Decision::ImplicitDeny);
}

/// Request values are read with the policy's number grammar: `NaN`, `inf` or `+5` are no numbers, so a
/// negated numeric operator does not hold for them (it once did for `NaN`, which equals nothing).
#[test]
fn request_numbers_are_read_with_the_json_grammar() {
    let p = iam(r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
            "Condition": {"NumericNotEquals": {"s3:max-keys": "5"}}}"#);
    let with = |v: &str| req("s3:GetObject", "arn:aws:s3:::b/k").context("s3:max-keys", v);
    assert_eq!(decide(&p, &with("6")), Decision::Allow);
    assert_eq!(decide(&p, &with("5")), Decision::ImplicitDeny);
    assert_eq!(decide(&p, &with("005")), Decision::ImplicitDeny);
    for unreadable in ["NaN", "inf", "+6", "6.", "six"] {
        assert_eq!(decide(&p, &with(unreadable)), Decision::ImplicitDeny, "{unreadable}");
    }
}

#[test]
fn mq_namespace_resources() {
    let p = ram(
        r#"{"Effect": "Allow", "Action": ["mq:PUB", "mq:SUB"], "Resource": ["acs:mq:*:*:MQ_INST_1%orders", "acs:mq:*:*:MQ_INST_1%GID_app"]},
                   {"Effect": "Allow", "Action": "mq:QueryInstanceBaseInfo", "Resource": "acs:mq:*:*:MQ_INST_1"}"#,
    );
    let on = |a: &str, r: &str| decide(&p, &req(a, &format!("acs:mq:cn-hangzhou:1234567890123456:{r}")));
    assert_eq!(on("mq:PUB", "MQ_INST_1%orders"), Decision::Allow);
    assert_eq!(on("mq:SUB", "MQ_INST_1%GID_app"), Decision::Allow);
    assert_eq!(on("mq:PUB", "MQ_INST_1%payments"), Decision::ImplicitDeny);
    assert_eq!(on("mq:PUB", "MQ_INST_2%orders"), Decision::ImplicitDeny);
    assert_eq!(on("mq:QueryInstanceBaseInfo", "MQ_INST_1"), Decision::Allow);
    assert_eq!(on("mq:QueryInstanceBaseInfo", "MQ_INST_1%orders"), Decision::ImplicitDeny);
}

#[test]
fn an_oss_bucket_policy_with_a_ram_policy() {
    // The bucket's owner is account 111; the bucket policy lets account 222 read.
    let bucket = ram(
        r#"{"Effect": "Allow", "Principal": ["2222222222222222"], "Action": ["oss:GetObject", "oss:ListObjects"],
        "Resource": ["acs:oss:*:1111111111111111:ops-bucket", "acs:oss:*:1111111111111111:ops-bucket/*"]},
        {"Effect": "Deny", "Principal": ["*"], "Action": "oss:DeleteObject", "Resource": "acs:oss:*:1111111111111111:ops-bucket/*"}"#,
    );
    let user = ram(r#"{"Effect": "Allow", "Action": "oss:*", "Resource": "acs:oss:*:*:ops-bucket/*"}"#);
    let alice = "acs:ram::2222222222222222:user/alice";
    let get = req("oss:GetObject", "acs:oss:cn-hangzhou:1111111111111111:ops-bucket/k").principal(alice);
    // Cross-account: the bucket policy and the user's RAM policy must both allow.
    let both = PolicySet::new().add(Role::Resource, &bucket).add(Role::Identity, &user);
    let e = both.evaluate(&get);
    assert_eq!(e.decision, Decision::Allow);
    assert_eq!(e.statements.len(), 2);
    let only_bucket = PolicySet::new().add(Role::Resource, &bucket);
    let e = only_bucket.evaluate(&get);
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(e.notes.iter().any(|n| n.contains("both sides")), "{:?}", e.notes);
    // A Deny in the bucket policy wins over the RAM policy's allow.
    let delete =
        req("oss:DeleteObject", "acs:oss:cn-hangzhou:1111111111111111:ops-bucket/k").principal(alice);
    assert_eq!(both.evaluate(&delete).decision, Decision::ExplicitDeny);
    // Another account's principal is not named by the bucket policy.
    let mallory = req("oss:GetObject", "acs:oss:cn-hangzhou:1111111111111111:ops-bucket/k")
        .principal("acs:ram::3333333333333333:user/m");
    assert_eq!(only_bucket.evaluate(&mallory).decision, Decision::ImplicitDeny);
    // In the owner's own account, the bucket policy alone is enough.
    let public = ram(
        r#"{"Effect": "Allow", "Principal": [], "Action": "oss:GetObject", "Resource": "acs:oss:*:1111111111111111:ops-bucket/*"}"#,
    );
    let own = req("oss:GetObject", "acs:oss:cn-hangzhou:1111111111111111:ops-bucket/k")
        .principal("acs:ram::1111111111111111:user/bob");
    assert_eq!(public.evaluate(&own).decision, Decision::Allow);
}

#[test]
fn cross_account_iam_control_policies_and_boundaries() {
    let bucket = iam(
        r#"{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::381492316447:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::ops-bucket/*"}"#,
    );
    let identity = iam(r#"{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}"#);
    let r = req("s3:GetObject", "arn:aws:s3:::ops-bucket/k")
        .principal("arn:aws:iam::381492316447:role/automq")
        .resource_account("111122223333");
    assert_eq!(
        PolicySet::new().add(Role::Resource, &bucket).add(Role::Identity, &identity).evaluate(&r).decision,
        Decision::Allow
    );
    assert_eq!(PolicySet::new().add(Role::Identity, &identity).evaluate(&r).decision, Decision::ImplicitDeny);
    // Control policy and boundary: both must allow the identity side.
    let scp = iam(r#"{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}"#);
    let same = req("s3:GetObject", "arn:aws:s3:::ops-bucket/k");
    assert_eq!(
        PolicySet::new().add(Role::Identity, &identity).add(Role::Control, &scp).evaluate(&same).decision,
        Decision::ImplicitDeny
    );
    let boundary = iam(r#"{"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}"#);
    let e = PolicySet::new().add(Role::Identity, &identity).add(Role::Boundary, &boundary).evaluate(&same);
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(e.notes.iter().any(|n| n.contains("boundary")));
}

#[test]
fn values_that_cannot_be_read_never_make_a_condition_true() {
    let p = iam(
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": "10"}}}"#,
    );
    let e = p.evaluate(&req("s3:GetObject", "arn:aws:s3:::b/k").context("s3:max-keys", "ten"));
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(e.notes.iter().any(|n| n.contains("`ten`")), "{:?}", e.notes);
    // Nor does it make a negated one true.
    let neg = iam(
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}"#,
    );
    let e = neg.evaluate(&req("s3:GetObject", "arn:aws:s3:::b/k").context("aws:SourceIp", "not-an-ip"));
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(!e.notes.is_empty());
    // A variable the request lacks never makes a negated operator hold either.
    let var = iam(
        r#"{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:username": "${aws:PrincipalTag/owner}"}}}"#,
    );
    let r = req("s3:GetObject", "arn:aws:s3:::b/k").context("aws:username", "alice");
    let e = var.evaluate(&r);
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(e.notes.iter().any(|n| n.contains("aws:PrincipalTag/owner")), "{:?}", e.notes);
    assert_eq!(decide(&var, &r.clone().context("aws:PrincipalTag/owner", "bob")), Decision::Allow);
    assert_eq!(decide(&var, &r.context("aws:PrincipalTag/owner", "alice")), Decision::ImplicitDeny);
    assert!(Request::new("s3:Get*", "arn:aws:s3:::b/k").is_err());
    assert!(Request::new("s3:GetObject", "not an arn").is_err());
}

#[test]
fn principals_of_resource_policies() {
    let p = iam(
        r#"{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:root"], "Service": "lambda.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "*"}"#,
    );
    let send = |who: &str| {
        p.evaluate(&req("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q").principal(who)).decision
    };
    assert_eq!(send("arn:aws:iam::111122223333:user/alice"), Decision::Allow);
    assert_eq!(send("lambda.amazonaws.com"), Decision::Allow);
    assert_eq!(send("arn:aws:iam::444455556666:user/eve"), Decision::ImplicitDeny);
    assert_eq!(send("ec2.amazonaws.com"), Decision::ImplicitDeny);
    // An anonymous request: only "everyone" names it.
    let anonymous = req("s3:GetObject", "arn:aws:s3:::site/index.html");
    let public = iam(
        r#"{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}"#,
    );
    assert_eq!(public.evaluate(&anonymous).decision, Decision::Allow);
    assert_eq!(
        p.evaluate(&req("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q")).decision,
        Decision::ImplicitDeny
    );
    let not = iam(
        r#"{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}"#,
    );
    let r = |who: &str| req("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q").principal(who);
    assert_eq!(not.evaluate(&r("arn:aws:iam::444455556666:user/eve")).decision, Decision::ExplicitDeny);
    assert_eq!(not.evaluate(&r("arn:aws:iam::111122223333:user/alice")).decision, Decision::ImplicitDeny);
}

// Properties over generated policies: a small vocabulary so that statements often match.

const ACTIONS: &[&str] = &["s3:GetObject", "s3:Get*", "s3:*", "s3:PutObject", "*", "ec2:RunInstances"];
const RESOURCES: &[&str] =
    &["*", "arn:aws:s3:::b/*", "arn:aws:s3:::b/a?", "arn:aws:s3:::c/*", "arn:aws:s3:::b/ab"];
const CONDITIONS: &[&str] = &[
    "",
    r#", "Condition": {"StringEquals": {"aws:username": "alice"}}"#,
    r#", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "data"}}"#,
    r#", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#,
];

fn statement() -> impl Strategy<Value = String> {
    (any::<bool>(), any::<bool>(), 0..ACTIONS.len(), 0..RESOURCES.len(), 0..CONDITIONS.len()).prop_map(
        |(allow, not_action, a, r, c)| {
            format!(
                r#"{{"Effect": "{}", "{}": "{}", "Resource": "{}"{}}}"#,
                if allow { "Allow" } else { "Deny" },
                if not_action { "NotAction" } else { "Action" },
                ACTIONS[a],
                RESOURCES[r],
                CONDITIONS[c]
            )
        },
    )
}

fn request() -> impl Strategy<Value = Request> {
    (0..3usize, prop::sample::select(vec!["b/ab", "b/ax", "c/k", "b/abc"]), any::<bool>(), any::<bool>())
        .prop_map(|(a, key, alice, inside)| {
            let action = ["s3:GetObject", "s3:PutObject", "ec2:RunInstances"][a];
            let mut r = req(action, &format!("arn:aws:s3:::{key}"));
            if alice {
                r = r.context("aws:username", "alice");
            }
            r.context("aws:SourceIp", if inside { "10.1.2.3" } else { "192.0.2.1" })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn adding_a_deny_never_allows_more(stmts in prop::collection::vec(statement(), 0..6), extra in statement(), r in request()) {
        let before = decide(&iam(&stmts.join(", ")), &r);
        let deny = extra.replace("\"Allow\"", "\"Deny\"");
        let mut with = stmts.clone();
        with.push(deny);
        let after = decide(&iam(&with.join(", ")), &r);
        prop_assert!(before == Decision::Allow || after != Decision::Allow, "{before:?} -> {after:?}");
    }

    #[test]
    fn adding_an_allow_never_denies_more(stmts in prop::collection::vec(statement(), 0..6), extra in statement(), r in request()) {
        let before = decide(&iam(&stmts.join(", ")), &r);
        let allow = extra.replace("\"Deny\"", "\"Allow\"");
        let mut with = stmts.clone();
        with.push(allow);
        let after = decide(&iam(&with.join(", ")), &r);
        prop_assert!(before != Decision::Allow || after == Decision::Allow, "{before:?} -> {after:?}");
    }

    #[test]
    fn statement_order_never_matters(stmts in prop::collection::vec(statement(), 1..6), r in request(), rotate in 0..6usize) {
        let before = decide(&iam(&stmts.join(", ")), &r);
        let mut shuffled = stmts.clone();
        let k = rotate % shuffled.len();
        shuffled.rotate_left(k);
        shuffled.reverse();
        prop_assert_eq!(before, decide(&iam(&shuffled.join(", ")), &r));
    }
}

#[test]
fn a_resource_control_policy_must_allow_for_the_services_it_covers_only() {
    let identity =
        iam(r#"{"Effect": "Allow", "Action": ["s3:GetObject", "ec2:StartInstances"], "Resource": "*"}"#);
    // An RCP that allows only S3 reads (as an SCP would be written): it must allow what it covers.
    let rcp = iam(r#"{"Effect": "Allow", "Principal": "*", "Action": "s3:Get*", "Resource": "*"}"#);
    let set = PolicySet::new().add(Role::Identity, &identity).add(Role::ResourceControl, &rcp);
    assert_eq!(set.decide(&req("s3:GetObject", "arn:aws:s3:::bucket/k")), Decision::Allow);
    let put_identity = iam(r#"{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}"#);
    let e = PolicySet::new()
        .add(Role::Identity, &put_identity)
        .add(Role::ResourceControl, &rcp)
        .evaluate(&req("s3:PutObject", "arn:aws:s3:::bucket/k"));
    assert_eq!(e.decision, Decision::ImplicitDeny);
    assert!(e.notes.iter().any(|n| n.contains("resource control policy")), "{:?}", e.notes);
    // EC2 is not covered: the RCP neither needs to allow nor may deny.
    let ec2 = req("ec2:StartInstances", "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc");
    assert_eq!(set.decide(&ec2), Decision::Allow);
    let deny_all = iam(r#"{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*"}"#);
    let denying = PolicySet::new().add(Role::Identity, &identity).add(Role::ResourceControl, &deny_all);
    assert_eq!(denying.decide(&ec2), Decision::Allow);
    assert_eq!(denying.decide(&req("s3:GetObject", "arn:aws:s3:::bucket/k")), Decision::ExplicitDeny);
    // The same document as an SCP restricts EC2 as well.
    let scp = PolicySet::new().add(Role::Identity, &identity).add(Role::Control, &deny_all);
    assert_eq!(scp.decide(&ec2), Decision::ExplicitDeny);
    // Its `Principal` is matched like a resource policy's: a deny for one account spares the others.
    let deny_one = iam(
        r#"{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}, "Action": "s3:*", "Resource": "*"}"#,
    );
    // Alone it allows nothing, so a second RCP, AWS's `RCPFullAWSAccess`, lets the rest through.
    let full = iam(r#"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}"#);
    let set = PolicySet::new().add(Role::Identity, &identity).add(Role::ResourceControl, &deny_one);
    let alice =
        req("s3:GetObject", "arn:aws:s3:::bucket/k").principal("arn:aws:iam::111122223333:user/alice");
    assert_eq!(set.decide(&alice), Decision::ImplicitDeny);
    let set = set.add(Role::ResourceControl, &full);
    let from = |who: &str| req("s3:GetObject", "arn:aws:s3:::bucket/k").principal(who);
    assert_eq!(set.decide(&from("arn:aws:iam::999999999999:user/mallory")), Decision::ExplicitDeny);
    assert_eq!(set.decide(&from("arn:aws:iam::111122223333:user/alice")), Decision::Allow);
}
