//! Behaviour of tarn-arn's parsers, matchers and fits, case by case.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use tarn_arn::{Arn, ArnErrorKind, Cloud, Part, Pattern, RenderError, Segment, Template};

fn arn(s: &str) -> Arn {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}
fn pat(s: &str) -> Pattern {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}
fn tpl(s: &str) -> Template {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn arn_accessors_both_clouds() {
    let a = arn("acs:ram::123:role/x");
    assert_eq!(a.cloud(), Cloud::Alibaba);
    assert_eq!(
        (a.partition(), a.service(), a.region(), a.account(), a.resource()),
        (None, "ram", "", "123", "role/x")
    );
    let a = arn("arn:aws:s3:::bucket/key:with:colons");
    assert_eq!(a.cloud(), Cloud::Aws);
    assert_eq!(a.partition(), Some("aws"));
    assert_eq!(
        (a.service(), a.region(), a.account(), a.resource()),
        ("s3", "", "", "bucket/key:with:colons")
    );
    let a = arn("arn:aws-cn:iam::123456789012:role/path/to/r");
    assert_eq!(a.partition(), Some("aws-cn"));
    assert_eq!(a.resource(), "role/path/to/r");
}

#[test]
fn display_round_trips_byte_for_byte() {
    for s in [
        "acs:mq:*:*:MQ_INST_1%TopicA",
        "acs:log:cn-hangzhou:1234567890123456:project/p/logstore/l",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/f:*",
        "arn:aws:s3:::bucket",
        "acs:ram::123:role/x",
    ] {
        assert_eq!(arn(s).to_string(), s);
        assert_eq!(pat(s).to_string(), s);
    }
}

fn err(s: &str) -> (String, usize, ArnErrorKind) {
    let e = Arn::parse(s).unwrap_err();
    (e.to_string(), e.column(), e.kind().clone())
}

#[test]
fn errors_say_what_where_and_what_would_be_right() {
    let (m, c, _) = err("xyz:mq:*:*:t");
    assert_eq!(m, "expected `acs` or `arn`, found `xyz` at column 1");
    assert_eq!(c, 1);
    let e = Arn::parse("ACS:mq:*:*:t").unwrap_err();
    assert_eq!(e.help().unwrap(), "write `acs` in lowercase");
    let (m, c, k) = err("acs::*:*:TopicA");
    assert_eq!(m, "empty service segment at column 5");
    assert_eq!((c, k), (5, ArnErrorKind::EmptySegment { part: Part::Service }));
    let (m, _, _) = err("acs:mq:*:*:MQ_INST_1%Topic test");
    assert_eq!(m, "`Topic test` contains a space at column 27");
    let (m, _, _) = err("acs:mq:*:*:Topic\t-test");
    assert!(m.contains("a tab"), "{m}");
    let (m, _, _) = err("acs:mq:*:*:Topic\u{7}");
    assert!(m.contains("control character U+0007"), "{m}");
    let (m, c, _) = err("acs:mq:*:*");
    assert_eq!((m.as_str(), c), ("missing resource segment at column 11", 11));
    let (m, _, _) = err("arn:aws:s3");
    assert_eq!(m, "missing region segment at column 11");
    let (m, _, _) = err("arn::s3:::b");
    assert_eq!(m, "empty partition segment at column 5");
    let (m, _, _) = err("arn:awz:s3:::b");
    assert_eq!(m, "unknown partition `awz` at column 5");
    let (m, _, _) = err("arn:aws:S3:::b");
    assert_eq!(m, "invalid character `S` in service `S3` at column 9");
    let (m, _, _) = err("arn:aws:s3:::");
    assert_eq!(m, "empty resource segment at column 14");
    let (m, _, _) = err("");
    assert_eq!(m, "empty ARN at column 1");
    let (m, _, _) = err("arn:aws:iam::${aws:PrincipalAccount}:role/x");
    assert_eq!(m, "policy variable `${aws:PrincipalAccount}` in a concrete ARN at column 14");
    // Patterns: no wildcard in the service.
    let e = Pattern::parse("acs:m*:*:*:t").unwrap_err();
    assert_eq!(e.to_string(), "wildcard or variable in service segment `m*` at column 5");
    let e = Pattern::parse("arn:aws:s3:::b/${aws:username").unwrap_err();
    assert_eq!(e.to_string(), "unterminated policy variable, expected `}` at column 16");
    let e = Pattern::parse("arn:aws:s3:::b/${}").unwrap_err();
    assert_eq!(e.to_string(), "empty variable name at column 16");
    let e = Pattern::parse("arn:aws:s3:::b/${aws:username, dflt}").unwrap_err();
    assert!(e.to_string().starts_with("malformed default value"), "{e}");
    // Every error has help.
    for s in ["", "x:y", "acs::a:b:c", "arn:aws:s3", "acs:mq:*:*:a b"] {
        assert!(Arn::parse(s).unwrap_err().help().is_some(), "{s}");
    }
}

#[test]
fn concrete_arns_treat_wildcards_as_characters() {
    let a = arn("arn:aws:s3:::bucket/odd*key?");
    assert_eq!(a.resource(), "bucket/odd*key?");
}

#[test]
fn lone_star_matches_everything() {
    let p = pat("*");
    assert!(p.is_any() && p.cloud().is_none() && p.has_wildcards());
    assert!(p.matches(&arn("acs:mq:*:*:x")));
    assert!(p.matches(&arn("arn:aws:s3:::b")));
}

#[test]
fn matching_semantics() {
    let cases: &[(&str, &str, bool)] = &[
        // exact, case-sensitive
        ("acs:mq:*:*:TopicA", "acs:mq:*:*:TopicA", true),
        ("acs:mq:*:*:TopicA", "acs:mq:*:*:topica", false),
        ("acs:mq:*:*:TopicA", "acs:mq:cn-hangzhou:123:TopicA", true),
        // the service is compared literally, and clouds never mix
        ("acs:mq:*:*:*", "acs:ons:*:*:x", false),
        ("acs:mq:*:*:*", "arn:aws:mq:us-east-1:1:broker:x", false),
        // MQ namespace instance
        ("acs:mq:*:*:MQ_INST_1*", "acs:mq:*:*:MQ_INST_1%Topic-test", true),
        ("acs:mq:*:*:MQ_INST_1*", "acs:mq:*:*:MQ_INST_1", true),
        ("acs:mq:*:*:MQ_INST_1%*", "acs:mq:*:*:MQ_INST_1", false),
        // `?` is one character
        ("acs:mq:*:*:Topic?", "acs:mq:*:*:TopicA", true),
        ("acs:mq:*:*:Topic?", "acs:mq:*:*:Topic", false),
        ("acs:mq:*:*:Topic?", "acs:mq:*:*:TopicAB", false),
        ("acs:mq:*:*:T?pic", "acs:mq:*:*:Tópic", true),
        // Alibaba: a region star does not run into the account
        ("acs:log:*:123:project/p", "acs:log:cn:123:project/p", true),
        ("acs:log:cn*:123:project/p", "acs:log:cn-hangzhou:123:project/p", true),
        ("acs:log:*:*:project/p/*", "acs:log:cn:1:project/p/logstore/l", true),
        ("acs:log:*:*:project/p", "acs:log:cn:1:project/p/logstore/l", false),
        // empty region must be matched by an empty or star region
        ("acs:ram::123:role/x", "acs:ram::123:role/x", true),
        ("acs:ram:*:123:role/x", "acs:ram::123:role/x", true),
        ("acs:ram:cn:123:role/x", "acs:ram::123:role/x", false),
        // AWS: a star after the service may run across `:`
        ("arn:aws:s3:::*", "arn:aws:s3:::b/k", true),
        ("arn:aws:logs:*:*:*", "arn:aws:logs:us-east-1:1:log-group:g:log-stream:s", true),
        ("arn:aws:logs:us-*:*:*", "arn:aws:logs:us-east-1:1:log-group:g", true),
        ("arn:aws:logs:eu-*:*:*", "arn:aws:logs:us-east-1:1:log-group:g", false),
        ("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/a/b", true),
        ("arn:aws:lambda:*:*:function:f*", "arn:aws:lambda:us-east-1:1:function:fn:1", true),
        ("arn:*:s3:::b", "arn:aws-cn:s3:::b", true),
        ("arn:aws:s3:::b", "arn:aws-cn:s3:::b", false),
        // multiple stars
        ("arn:aws:s3:::a*b*c", "arn:aws:s3:::abc", true),
        ("arn:aws:s3:::a*b*c", "arn:aws:s3:::aXbYbZc", true),
        ("arn:aws:s3:::a*b*c", "arn:aws:s3:::aXbYc1", false),
        ("arn:aws:s3:::*a*a*a*a*", "arn:aws:s3:::aaa", false),
        ("arn:aws:s3:::*a*a*a*", "arn:aws:s3:::xaxaxax", true),
        // escapes
        ("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/*", true),
        ("arn:aws:s3:::b/${*}", "arn:aws:s3:::b/x", false),
        ("arn:aws:s3:::b/${?}${$}", "arn:aws:s3:::b/?$", true),
    ];
    for (p, a, want) in cases {
        assert_eq!(pat(p).matches(&arn(a)), *want, "{p} vs {a}");
    }
}

#[test]
fn policy_variables_resolve_or_fail_closed() {
    let p = pat("arn:aws:s3:::home/${aws:username}/*");
    assert_eq!(p.variables().collect::<Vec<_>>(), vec![("aws:username", None)]);
    let a = arn("arn:aws:s3:::home/alice/x");
    assert!(p.matches_with(&a, &[("aws:username", "alice")]));
    assert!(!p.matches_with(&a, &[("aws:username", "bob")]));
    // unresolved and no default: no match, never a wildcard
    assert!(!p.matches(&a));
    // a resolved value is literal, even if it holds a star
    assert!(!p.matches_with(&a, &[("aws:username", "*")]));
    let d = pat("arn:aws:s3:::team/${aws:PrincipalTag/team, 'none'}/*");
    assert_eq!(d.variables().collect::<Vec<_>>(), vec![("aws:PrincipalTag/team", Some("none"))]);
    assert!(d.matches(&arn("arn:aws:s3:::team/none/x")));
    assert!(d.matches_with(&arn("arn:aws:s3:::team/red/x"), &[("aws:PrincipalTag/team", "red")]));
    // variables in the account segment (their colon is not a separator)
    let acct = pat("arn:aws:iam::${aws:PrincipalAccount}:role/x");
    assert_eq!(acct.account(), Some("${aws:PrincipalAccount}"));
    assert!(acct
        .matches_with(&arn("arn:aws:iam::123456789012:role/x"), &[("aws:PrincipalAccount", "123456789012")]));
    let mut map = std::collections::HashMap::new();
    map.insert("aws:username".to_owned(), "alice".to_owned());
    assert!(p.matches_with(&a, &map));
}

#[test]
fn issue_fits() {
    let bucket = tpl("acs:oss:${RegionId}:${AccountId}:${BucketName}");
    let object = tpl("acs:oss:${RegionId}:${AccountId}:${BucketName}/${ObjectName}");
    assert!(bucket.fit(&pat("acs:oss:*:*:bucket")).is_some());
    assert!(object.fit(&pat("acs:oss:*:*:bucket")).is_none());
    let f = object.fit(&pat("acs:oss:*:*:bucket/*")).unwrap();
    assert_eq!(f.get("BucketName"), Some("bucket"));
    assert_eq!(f.get("ObjectName"), Some("*"));
    assert_eq!(f.get("RegionId"), Some("*"));

    let inst = tpl("acs:mq:${RegionId}:${AccountId}:${InstanceId}");
    let topic_ns = tpl("acs:mq:${RegionId}:${AccountId}:${InstanceId}%${TopicName}");
    let group_ns = tpl("acs:mq:${RegionId}:${AccountId}:${InstanceId}%${GroupId}");
    let f = topic_ns.fit(&pat("acs:mq:*:*:MQ_INST_1%TopicA")).unwrap();
    assert_eq!(
        f.iter().collect::<Vec<_>>(),
        vec![("RegionId", "*"), ("AccountId", "*"), ("InstanceId", "MQ_INST_1"), ("TopicName", "TopicA")]
    );
    let trailing = pat("acs:mq:*:*:MQ_INST_1*");
    assert!(inst.fit(&trailing).is_some());
    let f = topic_ns.fit(&trailing).unwrap();
    assert_eq!(f.get("InstanceId"), Some("MQ_INST_1*"), "{f:?}");
    assert_eq!(f.get("TopicName"), Some("*"));
    assert!(group_ns.fit(&trailing).is_some());
    // an instance id never holds the `%` that follows it in the topic template
    assert!(inst.allows("InstanceId", '%').unwrap());
    assert!(!topic_ns.allows("InstanceId", '%').unwrap());

    let project = tpl("acs:log:${RegionId}:${AccountId}:project/${ProjectName}");
    let logstore = tpl("acs:log:${RegionId}:${AccountId}:project/${ProjectName}/logstore/${LogstoreName}");
    let p = pat("acs:log:cn-hangzhou:1234567890123456:project/my-project");
    assert!(project.fit(&p).is_some());
    assert!(logstore.fit(&p).is_none());
    assert!(logstore.fit(&pat("acs:log:*:*:project/my-project/logstore/*")).is_some());
    assert!(logstore.fit(&pat("acs:log:*:*:*")).is_some());

    let s3_bucket = tpl("arn:${Partition}:s3:::${BucketName}");
    let s3_object = tpl("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
    assert!(s3_object.fit(&pat("arn:aws:s3:::bucket")).is_none());
    assert!(s3_bucket.fit(&pat("arn:aws:s3:::bucket")).is_some());
    assert!(s3_object.fit(&pat("arn:aws:s3:::bucket/*")).is_some());
    assert!(s3_object.fit(&pat("arn:aws:s3:::*")).is_some());
    // clouds never fit each other
    assert!(s3_bucket.fit(&pat("acs:oss:*:*:bucket")).is_none());
    // the lone star fits everything
    assert_eq!(s3_object.fit(&pat("*")).unwrap().get("ObjectName"), Some("*"));
}

#[test]
fn forbid_refines_trailing_placeholders() {
    let mut bucket = tpl("acs:oss:${RegionId}:${AccountId}:${BucketName}");
    assert!(bucket.fit(&pat("acs:oss:*:*:bucket/*")).is_some());
    assert!(bucket.forbid("BucketName", '/'));
    assert!(bucket.fit(&pat("acs:oss:*:*:bucket/*")).is_none());
    assert!(bucket.fit(&pat("acs:oss:*:*:bucket*")).is_some());
    assert!(!bucket.forbid("Nope", '/'));
}

#[test]
fn header_placeholders_never_hold_colons() {
    let t = tpl("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}");
    let f = t.fit_arn(&arn("arn:aws:iam::123456789012:role/a/b")).unwrap();
    assert_eq!(f.get("Account"), Some("123456789012"));
    assert_eq!(f.get("RoleNameWithPath"), Some("a/b"));
    // an AWS star in the region may run across `:` at match time, and the fit agrees
    let logs = tpl("arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}");
    assert!(Pattern::parse("arn:aws:logs:*").is_err());
    assert!(logs.fit(&pat("arn:aws:logs:*:*:*")).is_some());
    assert!(logs.fit(&pat("arn:aws:logs:*:*:log-group:*")).is_some());
    // A star after the service may run across `:`, so a trailing name that may hold `:` fits a lot...
    assert!(logs.fit(&pat("arn:aws:logs:*:*:log-stream:*")).is_some());
    // ...until the catalog says the name never holds the `:` that a log stream ARN puts after it.
    let mut logs = logs;
    assert!(logs.forbid("LogGroupName", ':'));
    assert!(logs.fit(&pat("arn:aws:logs:*:*:log-stream:*")).is_none());
    assert!(logs.fit(&pat("arn:aws:logs:*:*:log-group:*")).is_some());
    assert!(logs.fit(&pat("arn:aws:logs:us-east-1:1:log-group:/aws/lambda/*")).is_some());
}

#[test]
fn templates_accept_three_placeholder_styles() {
    for (s, names) in [
        ("acs:mq:*:*:{instanceId}%{topic}", vec!["instanceId", "topic"]),
        ("acs:log:${regionName}:${uid}:project/${projectName}", vec!["regionName", "uid", "projectName"]),
        ("acs:mq:*:*:<inst>%<topic>", vec!["inst", "topic"]),
        ("arn:aws:s3:::{Ops Bucket Name}/*", vec!["Ops Bucket Name"]),
        (
            "acs:<service-name>:<region>:<account-id>:<resource-relative-id>",
            vec!["service-name", "region", "account-id", "resource-relative-id"],
        ),
        (
            "arn:${Partition}:${Vendor}:${Region}:*:product/${ProductId}",
            vec!["Partition", "Vendor", "Region", "ProductId"],
        ),
    ] {
        let t = tpl(s);
        assert_eq!(t.placeholders().collect::<Vec<_>>(), names, "{s}");
        assert_eq!(t.to_string(), s);
    }
    assert_eq!(tpl("acs:<service-name>:<r>:<a>:<x>").service(), None);
    assert_eq!(tpl("acs:mq:*:*:<x>").service(), Some("mq"));
    let e = Template::parse("acs:mq:*:*:{instanceId").unwrap_err();
    assert_eq!(e.to_string(), "unterminated placeholder, expected `}` at column 12");
    let e = Template::parse("acs:mq:*:*:<>").unwrap_err();
    assert_eq!(e.to_string(), "empty variable name at column 12");
}

#[test]
fn render_fills_placeholders_with_segments_only() {
    let t = tpl("acs:mq:*:*:<inst>%<topic>");
    let inst = Segment::new("MQ_INST_1").unwrap();
    let topic = Segment::new("Topic-test").unwrap();
    let p = t
        .render_pattern(|n| match n {
            "inst" => Some(&inst),
            "topic" => Some(&topic),
            _ => None,
        })
        .unwrap();
    assert_eq!(p.to_string(), "acs:mq:*:*:MQ_INST_1%Topic-test");
    assert_eq!(
        t.render(|n| (n == "inst").then_some(&inst)).unwrap_err(),
        RenderError::Missing { name: "topic".into() }
    );
    let obj = tpl("acs:oss:*:*:<bucket>/<key>");
    let path = Segment::path("logs/2026/11").unwrap();
    let b = Segment::new("b").unwrap();
    let s = obj.render(|n| Some(if n == "bucket" { &b } else { &path })).unwrap();
    assert_eq!(s, "acs:oss:*:*:b/logs/2026/11");
    let e = obj.render(|_| Some(&path)).unwrap_err();
    assert_eq!(e.to_string(), "`logs/2026/11` contains `/`, which placeholder `bucket` does not allow");
    // wildcards written in the template itself are kept
    let all = tpl("acs:mq:*:*:{instanceId}*");
    assert_eq!(all.render(|_| Some(&inst)).unwrap(), "acs:mq:*:*:MQ_INST_1*");
}

#[test]
fn segments_reject_anything_that_widens_or_restructures() {
    for (v, msg) in [
        ("", "empty segment"),
        ("*", "`*` contains `*`, which would act as a wildcard"),
        ("Topic?", "`Topic?` contains `?`, which would act as a wildcard"),
        ("a:b", "`a:b` contains `:`, which separates ARN segments"),
        ("i%t", "`i%t` contains `%`, which separates an instance from its topic or group"),
        ("a/b", "`a/b` contains `/`, which separates path parts"),
        ("${aws:username}", "`${aws:username}` contains `${`, which starts a policy variable"),
        ("Topic test", "`Topic test` contains a space"),
        ("Topic\ttest", "`Topic\\ttest` contains a tab"),
        ("x\u{0}", "`x\\0` contains the control character U+0000"),
    ] {
        let e = Segment::new(v).unwrap_err();
        assert_eq!(e.to_string(), msg, "{v:?}");
        assert!(!e.help().is_empty());
    }
    assert!(Segment::path("a/b").is_ok());
    assert!(Segment::path("a/*").is_err());
    assert!(Segment::new("MQ_INST_1380156306793859_BcZwWZ9k").is_ok());
    assert!(Segment::try_from("ok").is_ok());
}

#[test]
fn serde_uses_the_text_and_validates_on_the_way_in() {
    let a = arn("acs:mq:*:*:MQ_INST_1%TopicA");
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(json, "\"acs:mq:*:*:MQ_INST_1%TopicA\"");
    assert_eq!(serde_json::from_str::<Arn>(&json).unwrap(), a);
    let p: Pattern = serde_json::from_str("\"arn:aws:s3:::b/*\"").unwrap();
    assert!(p.has_wildcards());
    let t: Template = serde_json::from_str("\"acs:mq:*:*:<i>\"").unwrap();
    assert_eq!(serde_json::to_string(&t).unwrap(), "\"acs:mq:*:*:<i>\"");
    let e = serde_json::from_str::<Arn>("\"acs::*:*:t\"").unwrap_err();
    assert!(e.to_string().contains("empty service segment at column 5"), "{e}");
    let e = serde_json::from_str::<Segment>("\"a b\"").unwrap_err();
    assert!(e.to_string().contains("`a b` contains a space"), "{e}");
}
