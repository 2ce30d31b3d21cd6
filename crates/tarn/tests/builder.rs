//! The run-time builder: typed actions, typed ARNs and validated segments, checked against the catalogs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use tarn::typed::{alibaba, aws};
use tarn::{
    Arn, Dialect, Pattern, Policy, PolicyKind, Principal, PrincipalKind, Segment, StatementBuilder, Template,
};

fn messages(r: Result<Policy, tarn::BuildError>) -> Vec<String> {
    r.unwrap_err().issues().iter().map(|i| i.message.clone()).collect()
}

#[test]
fn the_seed_s3_bucket_policy_built_in_code() {
    let bucket = Segment::new("automq-ops").unwrap();
    let object = Template::parse("arn:aws:s3:::${Bucket}/*").unwrap();
    let objects = object.render(|_| Some(&bucket)).unwrap();
    let p = Policy::builder(Dialect::Iam)
        .statement(
            StatementBuilder::allow()
                .principal(Principal::Map(vec![(
                    PrincipalKind::Aws,
                    vec!["arn:aws:iam::381492316447:root".to_owned()].into(),
                )]))
                .actions([
                    aws::s3::Action::GetObject,
                    aws::s3::Action::ListBucket,
                    aws::s3::Action::PutObject,
                ])
                .resource(Arn::parse("arn:aws:s3:::automq-ops").unwrap())
                .resource(objects),
        )
        .build()
        .unwrap();
    assert_eq!(
        p.to_json(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::381492316447:root"]},"Action":["s3:GetObject","s3:ListBucket","s3:PutObject"],"Resource":["arn:aws:s3:::automq-ops","arn:aws:s3:::automq-ops/*"]}]}"#
    );
    assert!(p.check_kind(PolicyKind::Bucket).is_ok());
    assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn every_resource_must_fit_an_action_and_every_action_a_resource() {
    // s3:GetObject applies to objects only.
    let m = messages(
        Policy::builder(Dialect::Iam)
            .statement(
                StatementBuilder::allow().action(aws::s3::Action::GetObject).resource("arn:aws:s3:::bucket"),
            )
            .build(),
    );
    assert_eq!(
        m,
        [
            "`arn:aws:s3:::bucket` is of resource type `bucket`, which none of the statement's actions applies to",
            "`s3:GetObject` applies to none of the resources",
        ]
    );
    // An action without resource-level permissions needs `*`.
    let r = Policy::builder(Dialect::Iam)
        .statement(
            StatementBuilder::allow()
                .action(aws::sts::Action::GetCallerIdentity)
                .resource("arn:aws:s3:::bucket"),
        )
        .build();
    let err = r.unwrap_err();
    assert!(
        err.issues()
            .iter()
            .any(|i| i.help.as_deref() == Some("it applies to `*` (no resource-level permissions)")),
        "{err}"
    );
    assert!(Policy::builder(Dialect::Iam)
        .statement(
            StatementBuilder::allow().action(aws::sts::Action::GetCallerIdentity).resource(Pattern::any())
        )
        .build()
        .is_ok());
    // A resource of a service none of the actions belongs to.
    let m = messages(
        Policy::builder(Dialect::Ram)
            .statement(
                StatementBuilder::allow().action(alibaba::mq::Action::PUB).resource("acs:oss:*:*:bucket/*"),
            )
            .build(),
    );
    assert_eq!(m[0], "`acs:oss:*:*:bucket/*` is of resource type `object`, which none of the statement's actions applies to");
}

#[test]
fn an_action_fits_the_formats_of_its_own_service_even_of_another_services_arns() {
    // sts:AssumeRole's resource type is an IAM role.
    assert!(Policy::builder(Dialect::Iam)
        .statement(
            StatementBuilder::allow()
                .action(aws::sts::Action::AssumeRole)
                .resource("arn:aws:iam::123456789012:role/deploy")
        )
        .build()
        .is_ok());
    let m = messages(
        Policy::builder(Dialect::Iam)
            .statement(
                StatementBuilder::allow()
                    .action(aws::sts::Action::AssumeRole)
                    .resource("arn:aws:iam::123456789012:user/alice"),
            )
            .build(),
    );
    assert_eq!(m[1], "`sts:AssumeRole` applies to none of the resources");
}

#[test]
fn names_are_checked_against_the_catalog() {
    let m = messages(
        Policy::builder(Dialect::Ram)
            .statement(StatementBuilder::allow().action_named("log:GetLogStor").resource("*"))
            .build(),
    );
    // Log Service's catalog is incomplete: not in it is not wrong, and the builder says so with the way past.
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with("`log:GetLogStor` is not in tarn's catalog of `log`, which is incomplete"),
        "{m:?}"
    );
    let e = Policy::builder(Dialect::Ram)
        .statement(StatementBuilder::allow().action_named("log:GetLogStor").resource("*"))
        .build()
        .unwrap_err();
    let help = e.issues()[0].help.as_deref().unwrap_or_default();
    assert_eq!(
        help,
        "did you mean `log:GetLogStore`?; if the name is right, add it with `.action_unchecked(\"log:GetLogStor\")`"
    );
    let m = messages(
        Policy::builder(Dialect::Ram)
            .statement(StatementBuilder::allow().action_named("mq:OnsTopicCreate").resource("*"))
            .build(),
    );
    assert_eq!(
        m,
        ["`mq:OnsTopicCreate` is not in tarn's catalog of `mq`, which is incomplete (`tarn catalog --cloud alibaba mq` says what it lacks)"]
    );
    let m = messages(
        Policy::builder(Dialect::Iam)
            .statement(StatementBuilder::allow().action_named("s3:GetObjekt").resource("*"))
            .build(),
    );
    assert_eq!(m, ["unknown action `s3:GetObjekt`"]);
    // The way past: a name the catalog does not know, its syntax checked, no fit against its resources.
    let p = Policy::builder(Dialect::Ram)
        .statement(
            StatementBuilder::allow()
                .action_unchecked("elasticsearch:DescribeInstance")
                .action_named("oss:GetObject")
                .resource_unchecked("acs:elasticsearch:*:*:instances/es-cn-1")
                .resource("acs:oss:*:*:b/*"),
        )
        .build()
        .unwrap();
    assert_eq!(p.statements()[0].actions().items()[0].as_str(), "elasticsearch:DescribeInstance");
    let m = messages(
        Policy::builder(Dialect::Iam)
            .statement(StatementBuilder::allow().action_unchecked("s3*:Get*").resource("*"))
            .build(),
    );
    assert_eq!(m, ["wildcard in the service prefix of `s3*:Get*`"]);
    let p = Policy::builder(Dialect::Ram)
        .statement(
            StatementBuilder::allow().action_named("log:Get*").resource("acs:log:*:*:project/p/logstore/l"),
        )
        .build()
        .unwrap();
    assert_eq!(p.statements()[0].actions().items()[0].as_str(), "log:Get*");
}

#[test]
fn nothing_of_the_other_cloud() {
    let m = messages(
        Policy::builder(Dialect::Iam)
            .statement(StatementBuilder::allow().action(alibaba::sts::Action::AssumeRole).resource("*"))
            .build(),
    );
    assert_eq!(m, ["`sts:AssumeRole` is an action of Alibaba Cloud, not of IAM"]);
    let m = messages(
        Policy::builder(Dialect::Ram)
            .statement(
                StatementBuilder::allow()
                    .action(alibaba::oss::Action::GetObject)
                    .resource("arn:aws:s3:::b/*"),
            )
            .build(),
    );
    assert_eq!(m, ["`arn:aws:s3:::b/*` is an AWS ARN, but this is a RAM policy"]);
    let m = messages(
        Policy::builder(Dialect::Ram)
            .statement(
                StatementBuilder::allow()
                    .sid("x")
                    .action(alibaba::oss::Action::GetObject)
                    .resource("*")
                    .condition("StringEqualsIfExists", "aws:SourceVpc", ["vpc-1"]),
            )
            .build(),
    );
    assert_eq!(
        m,
        [
            "RAM policies have no `Sid` element",
            "`StringEqualsIfExists`: RAM has no `IfExists` operators",
            "the condition key `aws:SourceVpc` belongs to the other cloud; this is a RAM policy",
        ]
    );
}

#[test]
fn conditions_are_typed_by_their_operator() {
    let p = Policy::builder(Dialect::Ram)
        .statement(
            StatementBuilder::allow()
                .action(alibaba::oss::Action::GetObject)
                .resource("acs:oss:*:*:bucket/*")
                .condition("IpAddress", "acs:SourceIp", ["10.0.0.0/8"])
                .condition("IpAddress", "acs:SourceIp", ["192.168.0.0/16"])
                .condition("Bool", "acs:SecureTransport", ["true"]),
        )
        .build()
        .unwrap();
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject"],"Resource":["acs:oss:*:*:bucket/*"],"Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","192.168.0.0/16"]},"Bool":{"acs:SecureTransport":["true"]}}}]}"#
    );
    let m = messages(
        Policy::builder(Dialect::Ram)
            .statement(
                StatementBuilder::allow()
                    .action(alibaba::oss::Action::GetObject)
                    .resource("*")
                    .condition("IpAddress", "acs:SourceIp", ["10.0.0.0/99"])
                    .condition("StringEqual", "acs:SourceVpc", ["v"]),
            )
            .build(),
    );
    assert_eq!(
        m,
        [
            "`10.0.0.0/99` is not an IP address or CIDR block like `203.0.113.0/24` or `2001:db8::/32` (`IpAddress` on `acs:SourceIp`)",
            "unknown condition operator `StringEqual`; did you mean `StringEquals`?",
        ]
    );
}

#[test]
fn a_placeholder_value_can_never_widen_the_grant() {
    // The value is a validated segment: `*`, `%`, `:` and the like are refused before they reach a policy.
    for bad in ["*", "a*", "inst%topic", "a:b", "${aws:username}", "a b", ""] {
        assert!(Segment::new(bad).is_err(), "{bad:?}");
    }
    // Text resources are parsed strictly (no spaces, unlike documents read from JSON).
    let m = messages(
        Policy::builder(Dialect::Ram)
            .statement(
                StatementBuilder::allow()
                    .action(alibaba::mq::Action::PUB)
                    .resource("acs:mq:*:*:MQ_INST_1%Topic test"),
            )
            .build(),
    );
    assert_eq!(m, ["`acs:mq:*:*:MQ_INST_1%Topic test`: `Topic test` contains a space at column 27"]);
}

#[test]
fn empty_and_conflicting_statements_are_errors() {
    assert_eq!(messages(Policy::builder(Dialect::Ram).build()), ["the policy has no statements"]);
    let m = messages(Policy::builder(Dialect::Ram).statement(StatementBuilder::deny().resource("*")).build());
    assert_eq!(m, ["the statement has no actions"]);
    let m = messages(
        Policy::builder(Dialect::Iam)
            .statement(
                StatementBuilder::deny().action_named("s3:*").not_action_named("s3:GetObject").resource("*"),
            )
            .build(),
    );
    assert_eq!(m, ["a statement has `Action` or `NotAction`, not both"]);
    let p = Policy::builder(Dialect::Iam)
        .statement(StatementBuilder::deny().not_action_named("iam:*").not_resource("arn:aws:s3:::b"))
        .build()
        .unwrap();
    assert!(p.statements()[0].actions().is_not() && p.statements()[0].resources().unwrap().is_not());
}
