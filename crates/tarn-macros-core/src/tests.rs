//! Unit tests on token streams: what the checker reports, and where.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proc_macro2::TokenStream;

use crate::check;

fn errors(src: &str) -> Vec<String> {
    let tokens: TokenStream = src.parse().unwrap();
    let (_, diags, _) = check(tokens);
    diags.iter().map(|d| d.message.clone()).collect()
}

fn warnings(src: &str) -> Vec<String> {
    let tokens: TokenStream = src.parse().unwrap();
    let (checked, diags, warnings) = check(tokens);
    assert!(diags.is_empty(), "{:?}", diags.iter().map(|d| &d.message).collect::<Vec<_>>());
    assert!(checked.is_some());
    warnings.iter().map(|(_, d)| d.message.clone()).collect()
}

#[test]
fn the_card_example_passes_with_the_rocketmq_warning() {
    let w = warnings("allow mq:PUB on acs:mq:*:*:<inst>%<topic>");
    assert_eq!(w, ["`acs:mq:*:*:<inst>%<topic>` needs `mq:QueryInstanceBaseInfo` granted on the instance as well, and this policy does not grant it"]);
    assert!(warnings(
        "allow mq:QueryInstanceBaseInfo on acs:mq:*:*:<inst>; allow mq:PUB on acs:mq:*:*:<inst>%<topic>"
    )
    .is_empty());
    assert!(warnings("acknowledge mq:QueryInstanceBaseInfo; allow mq:PUB on acs:mq:*:*:<inst>%<topic>")
        .is_empty());
}

#[test]
fn whitespace_inside_a_bare_arn_is_an_error() {
    assert_eq!(
        errors("allow mq:PUB on acs:mq:*:*:Topic - test"),
        ["whitespace inside the ARN `acs:mq:*:*:Topic - test`"]
    );
    assert_eq!(errors("allow log: GetLogStore on *"), ["whitespace inside the action `log: GetLogStore`"]);
}

fn errors_with_help(src: &str) -> Vec<(String, Option<String>)> {
    let tokens: TokenStream = src.parse().unwrap();
    let (_, diags, _) = check(tokens);
    diags.iter().map(|d| (d.message.clone(), d.help.clone())).collect()
}

#[test]
fn unknown_actions_and_api_names() {
    let one = |m: &str, h: &str| vec![(m.to_owned(), Some(h.to_owned()))];
    // Log Service's catalog is incomplete: the name may be right, and `unchecked` says so.
    let e = errors_with_help("allow log:GetLogStor on *");
    assert_eq!(e.len(), 1);
    assert!(
        e[0].0.starts_with("`log:GetLogStor` is not in tarn's catalog of `log`, which is incomplete"),
        "{e:?}"
    );
    assert_eq!(
        e[0].1.as_deref(),
        Some("did you mean `log:GetLogStore`?; if the name is right, write `unchecked log:GetLogStor`")
    );
    assert_eq!(
        errors_with_help("allow mq:OnsTopicCreate on *"),
        one(
            "`mq:OnsTopicCreate` is not in tarn's catalog of `mq`, which is incomplete (`tarn catalog --cloud alibaba mq` says what it lacks)",
            "the API `OnsTopicCreate` needs `mq:CreateTopic`; if the name is right, write `unchecked mq:OnsTopicCreate`"
        )
    );
    assert_eq!(
        errors_with_help("cloud alibaba; allow loog:GetLogStore on *"),
        one(
            "tarn has no catalog of `loog` in Alibaba Cloud: `loog:GetLogStore` is not checked",
            "did you mean `log:GetLogStore`?; if the name is right, write `unchecked loog:GetLogStore`"
        )
    );
    // A complete catalog: the name is wrong.
    assert_eq!(
        errors_with_help(r#"allow s3:GetObjekt on "arn:aws:s3:::b/*""#),
        one(
            "unknown action `s3:GetObjekt`",
            "did you mean `s3:GetObject` or `s3:PutObject`?; tarn's catalog of `s3` is complete; if the name is right, write `unchecked s3:GetObjekt`"
        )
    );
}

#[test]
fn unchecked_names_pass_the_catalog_not_the_grammar() {
    let ok = |src: &str| {
        let tokens: TokenStream = src.parse().unwrap();
        let (checked, diags, warnings) = check(tokens);
        (checked.is_some(), diags.iter().map(|d| d.message.clone()).collect::<Vec<_>>(), warnings.len())
    };
    assert_eq!(
        ok(
            r#"allow unchecked elasticsearch:DescribeInstance on unchecked "acs:elasticsearch:*:*:instances/es-cn-1""#
        ),
        (true, vec![], 0)
    );
    // Unchecked actions take no part in the fit: a known action's resources are still checked.
    assert_eq!(
        ok(
            r#"allow unchecked elasticsearch:DescribeInstance, oss:GetObject on unchecked "acs:elasticsearch:*:*:instances/es-cn-1", "acs:oss:*:*:b/*""#
        ),
        (true, vec![], 0)
    );
    // The grammar is not waived.
    let (_, e, _) = ok(r#"allow unchecked elasticsearch:Describe Instance on *"#);
    assert!(!e.is_empty());
    assert_eq!(
        ok(r#"allow unchecked s3*:Get* on "arn:aws:s3:::b/*""#).1,
        ["wildcard in the service prefix of `s3*:Get*`"]
    );
    // `unchecked` on a known name is a warning: remove it.
    let w = warnings(r#"allow unchecked oss:GetObject on unchecked "acs:oss:*:*:b/*""#);
    assert_eq!(
        w,
        [
            "`unchecked` on `oss:GetObject`, which tarn's catalog knows",
            "`unchecked` on `acs:oss:*:*:b/*`, which tarn's catalog knows"
        ]
    );
    // A service called `unchecked` is still an action.
    let (_, e, _) = ok("cloud alibaba; allow unchecked:Foo on *");
    assert_eq!(e.len(), 1);
    assert!(e[0].contains("`unchecked`"), "{e:?}");
}

#[test]
fn an_old_action_name_is_a_warning_and_still_checked() {
    let w = warnings("allow mq:OnsInstanceBaseInfo on acs:mq:*:*:<inst>");
    assert_eq!(w, ["`mq:OnsInstanceBaseInfo` is an old name of `mq:QueryInstanceBaseInfo`"]);
    // Checked as the action it stands for: an instance action does not apply to a topic.
    let e = errors("allow mq:OnsInstanceBaseInfo on acs:mq:*:*:<inst>%<topic>");
    assert_eq!(
        e.last().map(String::as_str),
        Some("`mq:OnsInstanceBaseInfo` applies to none of the resources")
    );
}

#[test]
fn resources_must_fit_their_actions() {
    assert_eq!(
        errors(r#"allow oss:GetObject on "acs:oss:*:*:bucket""#),
        [
            "`acs:oss:*:*:bucket` is of resource type `bucket`, which none of the statement's actions applies to",
            "`oss:GetObject` applies to none of the resources"
        ]
    );
    assert!(errors(
        r#"allow oss:GetObject, oss:ListObjects on "acs:oss:*:*:bucket", "acs:oss:*:*:bucket/*""#
    )
    .is_empty());
    assert_eq!(
        errors(r#"allow mq:PUB on "acs:oss:*:*:bucket/*""#),
        ["`acs:oss:*:*:bucket/*` is a resource of `oss`, but the statement's actions are of `mq`"]
    );
}

#[test]
fn an_action_may_apply_to_another_services_resources() {
    assert!(errors(r#"allow sts:AssumeRole on "arn:aws:iam::123456789012:role/deploy""#).is_empty());
    assert_eq!(
        errors(r#"allow sts:AssumeRole on "arn:aws:s3:::bucket""#),
        ["`arn:aws:s3:::bucket` is a resource of `s3`, but the statement's actions are of `sts`"]
    );
}

#[test]
fn condition_keys_with_names_of_their_own_are_found_through_their_patterns() {
    assert!(errors(
        // `kms` is a service of both clouds, and `*` fits both: the cloud is named.
        r#"cloud aws; allow kms:Decrypt on * when StringEquals(kms:EncryptionContext:aws:s3:arn, "arn:aws:s3:::b")"#
    )
    .is_empty());
    assert!(errors(
        r#"allow s3:GetObject on "arn:aws:s3:::b/*" when StringEquals(aws:PrincipalTag/team, "ops")"#
    )
    .is_empty());
}

#[test]
fn the_cloud_is_told_never_guessed() {
    assert_eq!(
        errors("allow sts:AssumeRole on *"),
        ["cannot tell whether this policy is for Alibaba Cloud or for AWS"]
    );
    assert!(errors("cloud aws; allow sts:AssumeRole on *").is_empty());
    assert_eq!(
        errors(r#"allow oss:GetObject on "acs:oss:*:*:b/*"; allow s3:GetObject on "arn:aws:s3:::b/*""#),
        ["`arn:aws:s3:::b/*` is an AWS ARN, but `acs:oss:*:*:b/*` makes this an Alibaba Cloud policy"]
    );
}

#[test]
fn conditions_are_checked() {
    assert!(errors(r#"allow oss:GetObject on "acs:oss:*:*:b/*" when IpAddress(acs:SourceIp, "10.0.0.0/8")"#)
        .is_empty());
    assert_eq!(
        errors(r#"allow oss:GetObject on "acs:oss:*:*:b/*" when StringEqualsIfExists(acs:SourceVpc, "v")"#),
        ["`StringEqualsIfExists`: RAM has no `IfExists` operators"]
    );
    // RAM's global keys are known in part: a warning with the closest key, not an error.
    assert_eq!(
        warnings(r#"allow oss:GetObject on "acs:oss:*:*:b/*" when IpAddress(acs:SourceIpp, "10.0.0.0/8")"#),
        ["condition key `acs:SourceIpp` is not in the global keys tarn knows, which are not all of them; it is not checked"]
    );
    assert_eq!(
        errors(r#"allow s3:GetObject on "arn:aws:s3:::b/*" when IpAddress(aws:SourceIpp, "10.0.0.0/8")"#),
        ["unknown condition key `aws:SourceIpp`"]
    );
    assert_eq!(
        errors(r#"allow oss:GetObject on "acs:oss:*:*:b/*" when IpAddress(acs:SourceIp, "10.0.0.0/33")"#),
        ["`10.0.0.0/33` is not an IP address or CIDR block like `203.0.113.0/24` or `2001:db8::/32` (`IpAddress` compares IP addresses)"]
    );
}

mod never_panics {
    use proptest::prelude::*;

    /// Fragments of the grammar and of its mistakes, glued in any order.
    fn fragment() -> impl Strategy<Value = &'static str> {
        proptest::sample::select(vec![
            "allow",
            "deny",
            "not",
            "on",
            "to",
            "when",
            "and",
            "sid",
            "cloud",
            "kind",
            "acknowledge",
            "version",
            "id",
            "alibaba",
            "aws",
            "bucket",
            "trust",
            "session",
            "mq:PUB",
            "mq:*",
            "log:Create*",
            "s3:GetObject",
            "oss:GetObject",
            "*",
            ",",
            ";",
            ":",
            "%",
            "/",
            "-",
            "<inst>",
            "<",
            ">",
            "{x}",
            "acs:mq:*:*:",
            "MQ_INST_1",
            "arn:aws:s3:::b",
            "\"acs:oss:*:*:b/*\"",
            "\"arn:aws:s3:::b/*\"",
            "\"\"",
            "\"1\"",
            "uid",
            "ram",
            "service",
            "\"x\"",
            "IpAddress(acs:SourceIp, \"10.0.0.0/8\")",
            "StringEquals(",
            ")",
            "(",
            "1",
            "-1",
            "true",
            "Bool(aws:SecureTransport, true)",
            "ForAnyValue:StringLike(aws:TagKeys, \"a*\")",
            "'c'",
            "1.5e3",
            "b\"x\"",
            "r#\"raw\"#",
            "{",
            "}",
            "[",
            "]",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

        #[test]
        fn expansion_never_panics(parts in prop::collection::vec((fragment(), any::<bool>()), 0..24)) {
            let mut src = String::new();
            for (p, space) in parts {
                src.push_str(p);
                if space {
                    src.push(' ');
                }
            }
            // Only balanced inputs are token streams; the compiler rejects the rest before the macro runs.
            if let Ok(tokens) = src.parse::<proc_macro2::TokenStream>() {
                let _ = crate::check(tokens.clone());
                let _ = crate::expand(tokens);
            }
        }
    }
}

/// The expansion as text, for a policy that checks.
fn expansion(src: &str) -> String {
    let tokens: TokenStream = format!("(::tarn) {src}").parse().unwrap();
    let out = crate::expand(tokens).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    out
}

#[test]
fn let_bindings_are_evaluated_in_order_before_the_policy() {
    let out = expansion(
        "let bucket = tarn::Segment::new(&cfg.bucket)?; let team: tarn::Literal = cfg.team.parse()?;
         allow s3:GetObject on \"arn:aws:s3:::<bucket>/*\" when StringEquals(aws:PrincipalTag/team, <team>)",
    );
    let first = out.find("let bucket = tarn :: Segment :: new (& cfg . bucket) ?;").expect(&out);
    let second = out.find("let team : tarn :: Literal = cfg . team . parse () ?;").expect(&out);
    let build = out.find(":: __private :: build").expect(&out);
    assert!(first < second && second < build, "{out}");
}

#[test]
fn a_malformed_let_is_reported_at_the_binding() {
    assert_eq!(
        errors("let = 1; allow s3:GetObject on *"),
        ["expected a name to bind, e.g. `let bucket = tarn::Segment::new(&cfg.bucket)?;`, found `=`"]
    );
    assert_eq!(errors("let mut b = 1; allow s3:GetObject on *").len(), 1);
    assert_eq!(errors("let b 1; cloud aws; allow s3:GetObject on *"), ["in `let b`: expected `=`"]);
    assert_eq!(
        errors("let b = ; cloud aws; allow s3:GetObject on *"),
        ["in `let b`: expected an expression after `=`"]
    );
    assert_eq!(
        errors("let b = f() allow s3:GetObject on *"),
        ["in `let b`: expected `;` after the expression"]
    );
    // Semicolons inside braces belong to the expression.
    assert!(errors("let b = { let x = 1; x }; cloud aws; allow s3:GetObject on *").is_empty());
}

#[test]
fn each_operator_takes_its_own_placeholder_type() {
    let binder = |cond: &str| {
        let out = expansion(&format!("allow s3:GetObject on \"arn:aws:s3:::b/*\" when {cond}"));
        let at = out.find("(& v)").expect(&out);
        let start = out.get(..at).unwrap().rfind(":: ").unwrap();
        out.get(start + 3..at).unwrap().trim().to_owned()
    };
    assert_eq!(binder("StringEquals(aws:PrincipalTag/team, <v>)"), "string");
    assert_eq!(binder("StringNotEqualsIgnoreCase(aws:PrincipalTag/team, <v>)"), "string");
    assert_eq!(binder("StringLike(aws:PrincipalTag/team, <v>)"), "like");
    assert_eq!(binder("ForAnyValue:StringNotLikeIfExists(aws:TagKeys, <v>)"), "like");
    assert_eq!(binder("NotIpAddress(aws:SourceIp, <v>)"), "ip");
    assert_eq!(binder("DateGreaterThan(aws:CurrentTime, <v>)"), "date");
    assert_eq!(binder("NumericLessThan(aws:MultiFactorAuthAge, <v>)"), "number");
    assert_eq!(binder("Bool(aws:SecureTransport, <v>)"), "boolean");
    assert_eq!(binder("Null(aws:TokenIssueTime, <v>)"), "boolean");
}

#[test]
fn conditions_stay_constant_data_unless_a_value_is_bound() {
    let fixed = expansion("allow s3:GetObject on \"arn:aws:s3:::b/*\" when Bool(aws:SecureTransport, true)");
    assert!(fixed.contains("conditions : const {"), "{fixed}");
    let bound = expansion("allow s3:GetObject on \"arn:aws:s3:::b/*\" when Bool(aws:SecureTransport, <v>)");
    assert!(!bound.contains("const {"), "{bound}");
}

#[test]
fn condition_placeholders_that_cannot_be_checked_are_errors() {
    assert_eq!(
        errors("allow sns:Publish on \"arn:aws:sns:*:*:alerts\" when ArnLike(aws:SourceArn, <src>)"),
        ["`ArnLike` takes no placeholders"]
    );
    assert_eq!(
        errors(
            "allow s3:GetObject on \"arn:aws:s3:::b/*\" when StringEquals(aws:PrincipalTag/team, \"{team}\")"
        ),
        ["`{team}` in quotes is text, not a placeholder"]
    );
    // Text that merely contains angle brackets is a value like any other.
    assert!(errors(
        "allow s3:GetObject on \"arn:aws:s3:::b/*\" when StringEquals(aws:PrincipalTag/team, \"a<b>\")"
    )
    .is_empty());
    // A negative placeholder is no value.
    assert_eq!(
        errors(
            "allow s3:GetObject on \"arn:aws:s3:::b/*\" when NumericLessThan(aws:MultiFactorAuthAge, -<v>)"
        ),
        ["expected a value: a string, a number, `true`, `false` or a `<placeholder>`, found `<`"]
    );
}

#[test]
fn a_mismatch_only_older_documentation_shows_is_a_warning() {
    // ecs:DeleteDisk's resource types come from the 2018-2021 documentation sources only: a warning.
    let w = warnings(r#"allow ecs:DeleteDisk on "acs:ecs:*:*:instance/i-001""#);
    assert_eq!(
        w,
        [
            "`acs:ecs:*:*:instance/i-001` is of resource type `instance`, which none of the statement's actions applies to",
            "`ecs:DeleteDisk` applies to none of the resources"
        ]
    );
    assert!(warnings(r#"allow ecs:DeleteDisk on "acs:ecs:*:*:disk/d-001""#).is_empty());
    // A current page states ecs:DeleteImage's: an error.
    assert_eq!(
        errors(r#"allow ecs:DeleteImage on "acs:ecs:*:*:disk/d-001""#),
        [
            "`acs:ecs:*:*:disk/d-001` is of resource type `disk`, which none of the statement's actions applies to",
            "`ecs:DeleteImage` applies to none of the resources"
        ]
    );
    // An action inferred from the operation list takes no part: no claim either way.
    let inferred = tarn_catalog::service(tarn_arn::Cloud::Alibaba, "ecs")
        .and_then(|s| s.actions().iter().find(|a| !a.verified()))
        .map(|a| a.full_name())
        .unwrap();
    assert!(warnings(&format!(r#"allow {inferred} on "acs:ecs:*:*:disk/d-001""#)).is_empty());
}
