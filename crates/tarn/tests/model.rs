//! Behaviour of the policy model: JSON in (shapes, errors, dialects), JSON out (canonical form), kinds and
//! limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use tarn::{
    BaseOperator, Dialect, Effect, JsonType, ParseErrorKind, ParseOptions, Policy, PolicyKind, Principal,
    PrincipalKind, SetQualifier, Typed, Unit, Version,
};

fn err(json: &str) -> tarn::ParseError {
    Policy::from_json(json).expect_err("expected an error")
}

const RAM_MIN: &str = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"mq:PUB","Resource":"acs:mq:*:*:MQ_INST_1%TopicA"}]}"#;

#[test]
fn minimal_documents_of_both_dialects() {
    let p = Policy::from_json(RAM_MIN).unwrap();
    assert_eq!((p.dialect(), p.version()), (Dialect::Ram, Some(Version::V1)));
    let s = &p.statements()[0];
    assert_eq!(s.effect(), Effect::Allow);
    assert_eq!(s.actions().items()[0].as_str(), "mq:PUB");
    assert!(s.actions().items().is_single());
    assert_eq!(s.resources().unwrap().items()[0].resource(), Some("MQ_INST_1%TopicA"));
    assert_eq!(p.to_json(), RAM_MIN);

    let iam = r#"{"Version":"2012-10-17","Statement":{"Sid":"Read","Effect":"Deny","NotAction":["s3:Get*"],"NotResource":"arn:aws:s3:::b/*"}}"#;
    let p = Policy::from_json(iam).unwrap();
    assert_eq!(p.dialect(), Dialect::Iam);
    assert_eq!(p.statements()[0].sid(), Some("Read"));
    assert!(p.statements()[0].actions().is_not());
    assert!(p.statements()[0].resources().unwrap().is_not());
    // A statement written as an object stays an object; single values stay single.
    assert_eq!(p.to_json(), iam);
}

#[test]
fn output_has_the_canonical_key_order_and_no_whitespace() {
    let messy = r#"
    {
        "Statement": [ {
            "Condition": {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.0.1"]}},
            "Resource": ["acs:log:*:*:project/p/*"],
            "Action": ["log:Get*", "log:List*"],
            "Effect": "Allow"
        } ],
        "Version": "1"
    }"#;
    let p = Policy::from_json(messy).unwrap();
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["log:Get*","log:List*"],"Resource":["acs:log:*:*:project/p/*"],"Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","192.168.0.1"]}}}]}"#
    );
    assert_eq!(
        p.to_json_pretty(),
        r#"{
  "Version": "1",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "log:Get*",
        "log:List*"
      ],
      "Resource": [
        "acs:log:*:*:project/p/*"
      ],
      "Condition": {
        "IpAddress": {
          "acs:SourceIp": [
            "10.0.0.0/8",
            "192.168.0.1"
          ]
        }
      }
    }
  ]
}"#
    );
    assert_eq!(format!("{p}"), p.to_json());
    assert_eq!(format!("{p:#}"), p.to_json_pretty());
    // Stable: the same policy gives the same bytes.
    assert_eq!(Policy::from_json(&p.to_json_pretty()).unwrap().to_json(), p.to_json());
}

#[test]
fn strings_are_unescaped_on_input_and_escaped_canonically_on_output() {
    let p = Policy::from_json(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\u002a","Resource":"arn:aws:s3:::b/caf\u00e9/\"q\"/t\tab/*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"line\nbreak \ud83d\ude00"}}}]}"#,
    );
    // A tab in a resource is whitespace: an error (only spaces are allowed, for object keys).
    assert_eq!(p.unwrap_err().kind(), ParseErrorKind::InvalidValue);
    let p = Policy::from_json(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get\u002a","Resource":"arn:aws:s3:::b/caf\u00e9/\"q\"/*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"line\nbreak \ud83d\ude00"}}}]}"#,
    )
    .unwrap();
    let s = &p.statements()[0];
    assert_eq!(s.actions().items()[0].as_str(), "s3:Get*");
    assert_eq!(s.resources().unwrap().items()[0].as_str(), "arn:aws:s3:::b/café/\"q\"/*");
    let (_, _, values) = s.condition().unwrap().iter().next().unwrap();
    assert_eq!(values[0].as_str(), "line\nbreak 😀");
    assert_eq!(
        p.to_json(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/café/\"q\"/*","Condition":{"StringEquals":{"aws:PrincipalTag/x":"line\nbreak 😀"}}}]}"#
    );
}

#[test]
fn errors_name_line_column_and_pointer() {
    let e = err("{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": [\"mq:PUB\", \"mq SUB\"], \"Resource\": \"*\"}\n  ]\n}");
    assert_eq!(e.pointer(), "/Statement/0/Action/1");
    assert_eq!((e.line(), e.column()), (4, 46));
    assert_eq!(e.to_string(), "`mq SUB` contains a space at /Statement/0/Action/1 (line 4, column 46)");
    assert_eq!(e.help(), Some("remove it"));

    // Syntax errors point at the character.
    let e = err("{\"Version\": \"1\" \"Statement\": []}");
    assert_eq!(e.kind(), ParseErrorKind::Syntax);
    assert_eq!(e.to_string(), "expected `,` or `}`, found `\"` (line 1, column 17)");
    let e = err(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["mq:PUB",],"Resource":"*"}]}"#);
    assert_eq!(e.to_string(), "trailing comma before `]` at /Statement/0/Action (line 1, column 65)");
    assert_eq!(err("").to_string(), "expected a value, found the end of the input (line 1, column 1)");
    assert_eq!(err("{\"Version\": \"1\", \"Statement\": [] } x").kind(), ParseErrorKind::Syntax);

    // Resource errors point into the string.
    let e =
        err(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"mq:PUB","Resource":"acs:mq:*:*"}]}"#);
    assert_eq!(e.pointer(), "/Statement/0/Resource");
    assert!(e.message().starts_with("missing resource segment in `acs:mq:*:*`"), "{e}");

    // Pointer escaping (RFC 6901) of odd keys.
    let e = err(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"mq:PUB","Resource":"*","Condition":{"StringEquals":{"a/b~c":{}}}}]}"#,
    );
    assert_eq!(e.pointer(), "/Statement/0/Condition/StringEquals/a~1b~0c");
    assert_eq!(e.kind(), ParseErrorKind::WrongType);
}

#[test]
fn unknown_duplicate_missing_and_conflicting_elements() {
    let e = err(r#"{"Version":"1","Statment":[]}"#);
    assert_eq!((e.kind(), e.message()), (ParseErrorKind::UnknownElement, "unknown element `Statment`"));
    assert_eq!(e.help(), Some("did you mean `Statement`? (element names are case-sensitive)"));
    let e = err(r#"{"Version":"1","Statement":[{"effect":"Allow","Action":"mq:PUB","Resource":"*"}]}"#);
    assert_eq!(e.help(), Some("did you mean `Effect`? (element names are case-sensitive)"));
    let e = err(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"mq:PUB","Resource":"*"}]}"#,
    );
    assert_eq!((e.kind(), e.message()), (ParseErrorKind::DuplicateKey, "duplicate `Effect`"));
    let e = err(r#"{"Version":"1","Statement":[{"Action":"mq:PUB","Resource":"*"}]}"#);
    assert_eq!((e.kind(), e.message()), (ParseErrorKind::MissingElement, "the statement has no `Effect`"));
    let e = err(r#"{"Version":"1","Statement":[{"Effect":"Allow","Resource":"*"}]}"#);
    assert_eq!(e.message(), "the statement has no `Action` or `NotAction`");
    let e = err(r#"{"Version":"1"}"#);
    assert_eq!(e.message(), "the policy has no `Statement`");
    let e = err(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"mq:PUB","NotAction":"mq:SUB","Resource":"*"}]}"#,
    );
    assert_eq!(e.message(), "a statement has `Action` or `NotAction`, not both");
    let e = err(r#"{"Version":"1","Statement":[{"Effect":"allow","Action":"mq:PUB","Resource":"*"}]}"#);
    assert_eq!(e.help(), Some("write `Allow` (the value is case-sensitive)"));
    let e = err(r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":42,"Resource":"*"}]}"#);
    assert_eq!(
        (e.kind(), e.message()),
        (ParseErrorKind::WrongType, "expected an action or an array of actions, found a number")
    );
    let e = err(r#"{"Version":"2","Statement":[]}"#);
    assert_eq!(e.message(), "unknown version `2`");
}

#[test]
fn the_dialect_comes_from_version_arns_principals_and_keys_never_from_a_guess() {
    // IAM may leave out Version; the ARN tells.
    let p = Policy::from_json(
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    )
    .unwrap();
    assert_eq!((p.dialect(), p.version()), (Dialect::Iam, None));
    assert_eq!(
        p.to_json(),
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#
    );
    // RAM may not.
    let e = err(r#"{"Statement":[{"Effect":"Allow","Action":"mq:PUB","Resource":"acs:mq:*:*:t"}]}"#);
    assert_eq!((e.kind(), e.message()), (ParseErrorKind::MissingElement, "the policy has no `Version`"));
    // Nothing to go by: an error, not a guess.
    let e = err(r#"{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#);
    assert_eq!(e.kind(), ParseErrorKind::UnknownDialect);
    // ... unless the caller says.
    let p = Policy::from_json_as(
        Dialect::Iam,
        r#"{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#,
    )
    .unwrap();
    assert_eq!(p.dialect(), Dialect::Iam);
    // A condition key prefix is evidence too.
    let p = Policy::from_json(r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}}]}"#).unwrap();
    assert_eq!(p.dialect(), Dialect::Iam);

    // So is a service principal's domain, as `policy!` reads it: a trust policy without `Version`.
    let trust = r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    assert_eq!(Policy::from_json(trust).unwrap().dialect(), Dialect::Iam);
    let e = err(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"Service":["ecs.aliyuncs.com","lambda.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#,
    );
    assert_eq!((e.kind(), e.pointer()), (ParseErrorKind::Dialect, "/Statement/0/Principal/Service/1"));
    assert!(e.message().starts_with("the service principal `lambda.amazonaws.com` is IAM"), "{e}");

    // Conflicting evidence names both sides.
    let e = err(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b"}]}"#,
    );
    assert_eq!(e.kind(), ParseErrorKind::Dialect);
    assert_eq!(
        e.message(),
        "`arn:aws:s3:::b` (an AWS ARN) is IAM, but `\"Version\": \"1\"` (line 1) makes this a RAM policy"
    );
    let e = Policy::from_json_as(Dialect::Iam, RAM_MIN).unwrap_err();
    assert_eq!(e.message(), "`\"Version\": \"1\"` is RAM, but the document is read as IAM");
    let e = err(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}]}"#,
    );
    assert_eq!(e.pointer(), "/Statement/0/Condition/StringEquals/aws:SourceVpc");
}

#[test]
fn ram_rejects_what_ram_does_not_have_even_before_the_version_says_ram() {
    // `Sid` comes before anything that tells the dialect: the rule is checked once the document is read.
    let e = err(
        r#"{"Statement":[{"Sid":"x","Effect":"Allow","Action":"mq:PUB","Resource":"acs:mq:*:*:t"}],"Version":"1"}"#,
    );
    assert_eq!((e.kind(), e.message()), (ParseErrorKind::Dialect, "RAM policies have no `Sid` element"));
    assert_eq!(e.pointer(), "/Statement/0/Sid");
    for (op, why) in [
        ("StringEqualsIfExists", "RAM has no `IfExists` operators"),
        ("ForAnyValue:StringEquals", "RAM has no `ForAnyValue:` qualifier"),
        ("ForAllValues:StringLike", "RAM has no `ForAllValues:` qualifier"),
        ("Null", "RAM has no `Null` operator"),
        ("ArnLike", "RAM has no `ArnLike` operator"),
        ("BinaryEquals", "RAM has no `BinaryEquals` operator"),
    ] {
        let value = if op == "Null" {
            "true"
        } else if op == "BinaryEquals" {
            "QmluYXJ5"
        } else {
            "x"
        };
        let doc = format!(
            r#"{{"Statement":[{{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{{"{op}":{{"acs:SourceVpc":"{value}"}}}}}}],"Version":"1"}}"#
        );
        let e = err(&doc);
        assert_eq!(e.message(), format!("`{op}`: {why}"), "{doc}");
        // The same operator is fine in IAM.
        let iam = doc
            .replace("acs:SourceVpc", "aws:SourceVpc")
            .replace(r#""Version":"1""#, r#""Version":"2012-10-17""#);
        Policy::from_json(&iam).unwrap_or_else(|e| panic!("{iam}: {e}"));
    }
    let e = err(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","NotPrincipal":"*","Action":"oss:GetObject","Resource":"*"}]}"#,
    );
    assert_eq!(e.message(), "RAM policies have no `NotPrincipal` element");
    let e = err(r#"{"Version":"1","Id":"x","Statement":[]}"#);
    assert_eq!(e.message(), "RAM policies have no `Id` element");
}

#[test]
fn operators_are_base_times_if_exists_times_set() {
    let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{
        "ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["team*","env"]},
        "NumericLessThanEquals":{"s3:max-keys":"10"},
        "DateGreaterThan":{"aws:CurrentTime":"2026-11-22T08:00:00+08:00"},
        "Bool":{"aws:SecureTransport":true},
        "IpAddress":{"aws:SourceIp":"2001:db8::/32"},
        "Null":{"aws:TokenIssueTime":"false"}}}]}"#;
    let p = Policy::from_json(doc).unwrap();
    let c = p.statements()[0].condition().unwrap();
    let ops: Vec<_> = c.blocks().iter().map(|b| b.operator()).collect();
    assert_eq!(
        (ops[0].base(), ops[0].if_exists(), ops[0].set()),
        (BaseOperator::StringLike, true, Some(SetQualifier::ForAnyValue))
    );
    let typed: Vec<Typed> = c.iter().map(|(_, _, v)| v[0].typed()).collect();
    assert_eq!(typed[1], Typed::Number(10.0));
    assert!(matches!(typed[2], Typed::Date(d) if d.epoch_millis() == 1_795_305_600_000));
    assert_eq!(typed[3], Typed::Bool(true));
    assert!(matches!(typed[4], Typed::Ip(n) if n.prefix() == 32));
    assert_eq!(typed[5], Typed::Bool(false));
    // A JSON boolean stays a boolean, a string stays a string.
    let (_, _, bools) = c.iter().nth(3).unwrap();
    assert_eq!(bools[0].json_type(), JsonType::Bool);
    assert!(p.to_json().contains(r#""Bool":{"aws:SecureTransport":true}"#));
    assert!(p.to_json().contains(r#""Null":{"aws:TokenIssueTime":"false"}"#));

    for (op, value, message) in [
        ("NumericEquals", "\"ten\"", "`ten` is not a number like `10` or `2.5` (`NumericEquals` compares numbers)"),
        ("DateLessThan", "\"2026-02-30\"", "`2026-02-30` is not a date like `2026-11-22`, `2026-11-22T08:00:00Z` or seconds since 1970 (`DateLessThan` compares dates)"),
        ("IpAddress", "\"10.0.0.0/33\"", "`10.0.0.0/33` is not an IP address or CIDR block like `203.0.113.0/24` or `2001:db8::/32` (`IpAddress` compares IP addresses)"),
        ("Bool", "\"yes\"", "`yes` is not `true` or `false` (`Bool` compares booleans)"),
    ] {
        let doc = format!(r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{{"{op}":{{"k":[{value}]}}}}}}]}}"#);
        let e = err(&doc);
        assert_eq!(e.message(), message);
        assert_eq!(e.pointer(), format!("/Statement/0/Condition/{op}/k/0"));
    }
    // An unknown operator is an error, never a condition that holds.
    let e = err(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEqual":{"aws:username":"x"}}}]}"#,
    );
    assert_eq!(e.message(), "unknown condition operator `StringEqual`");
    assert_eq!(e.help(), Some("write `StringEquals`"));
    let e = err(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEqualsForAnyValue":{"aws:TagKeys":"x"}}}]}"#,
    );
    assert_eq!(e.help(), Some("write `ForAnyValue:StringEquals`"));
    let e = err(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NullIfExists":{"aws:TagKeys":"true"}}}]}"#,
    );
    assert!(e.message().contains("has no `IfExists` form"), "{e}");
    // Policy variables are kept for evaluation, whatever the operator.
    let p = Policy::from_json(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"${aws:PrincipalTag/limit}"}}}]}"#).unwrap();
    assert_eq!(p.statements()[0].condition().unwrap().iter().next().unwrap().2[0].typed(), Typed::Variable);
}

#[test]
fn repeated_operators_and_keys_are_merged_not_dropped() {
    let p = Policy::from_json(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{
        "StringEquals":{"acs:SourceVpc":"vpc-a","acs:SourceVpc":["vpc-b"]},
        "IpAddress":{"acs:SourceIp":"10.0.0.0/8"},
        "StringEquals":{"oss:Prefix":"logs/"}}}]}"#,
    )
    .unwrap();
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"oss:GetObject","Resource":"*","Condition":{"StringEquals":{"acs:SourceVpc":["vpc-a","vpc-b"],"oss:Prefix":"logs/"},"IpAddress":{"acs:SourceIp":"10.0.0.0/8"}}}]}"#
    );
    assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn principals_of_both_clouds() {
    let bucket = r#"{"Version":"1","Statement":[{"Effect":"Allow","Principal":["1431115939942888"],"Action":["oss:GetObject"],"Resource":["acs:oss:*:*:ops-bucket/*"]}]}"#;
    let p = Policy::from_json(bucket).unwrap();
    assert_eq!(
        p.statements()[0].principal().unwrap().principal(),
        &Principal::Uids(vec!["1431115939942888".to_owned()].into())
    );
    assert!(p.check_kind(PolicyKind::Bucket).is_ok());
    let errors = p.check_kind(PolicyKind::Trust).unwrap_err();
    assert_eq!(errors[0].message, "a trust policy names principals in a map, not as a list of UIDs");
    assert_eq!(errors[1].message, "a trust policy has no `Resource`");
    let errors = p.check_kind(PolicyKind::Managed).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        "an identity-based policy has no `Principal` at /Statement/0/Principal"
    );

    let trust = r#"{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":["acs:ram::123456789012:root"],"Service":"ecs.aliyuncs.com"},"Action":"sts:AssumeRole"}]}"#;
    let p = Policy::from_json(trust).unwrap();
    let Principal::Map(m) = p.statements()[0].principal().unwrap().principal() else { panic!() };
    assert_eq!(m.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [PrincipalKind::Ram, PrincipalKind::Service]);
    assert!(p.check_kind(PolicyKind::Trust).is_ok());
    assert_eq!(p.to_json(), trust);

    // IAM has no flat UID list; the principal map is checked by kind.
    let e = err(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":["123456789012"],"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    assert_eq!(e.message(), "an IAM principal is `\"*\"` or a map");
    let e = err(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"RAM":"x"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    assert_eq!(e.kind(), ParseErrorKind::Dialect);
    let e = err(
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Aws":"x"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    assert_eq!(e.help(), Some("did you mean `AWS`? (element names are case-sensitive)"));
    let p = Policy::from_json(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::1:root"],"AWS":"arn:aws:iam::2:root"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}"#).unwrap();
    assert!(p.check_kind(PolicyKind::Bucket).is_ok());
    assert_eq!(
        p.check_kind(PolicyKind::Trust).unwrap_err()[0].message,
        "a trust policy has no `NotPrincipal`"
    );
    assert!(p.to_json().contains(r#""NotPrincipal":{"AWS":["arn:aws:iam::1:root","arn:aws:iam::2:root"]}"#));
}

#[test]
fn comments_only_in_lenient_mode() {
    let doc = "{ /* block */ \"Version\": \"1\", // line\n \"Statement\": [] }";
    let e = err(doc);
    assert_eq!(e.kind(), ParseErrorKind::Comment);
    assert_eq!((e.line(), e.column()), (1, 3));
    assert!(e.help().unwrap().contains("allow_comments"));
    let p = Policy::from_json_with(doc, &ParseOptions::new().allow_comments(true)).unwrap();
    assert!(p.statements().is_empty());
    let e =
        Policy::from_json_with("{ /* never closed", &ParseOptions::new().allow_comments(true)).unwrap_err();
    assert_eq!(e.message(), "unterminated `/*` comment");
    // Slashes inside strings are not comments.
    let p = Policy::from_json(
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"log:GetLogStore","Resource":"acs:log:*:*:project/p//*"}]}"#,
    );
    assert!(p.is_ok());
}

#[test]
fn hostile_input_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(err(&deep).kind(), ParseErrorKind::WrongType);
    let deep_statement = format!(r#"{{"Version":"1","Statement":{}"#, "[".repeat(100_000));
    assert!(Policy::from_json(&deep_statement).is_err());
    let deep_value = format!(
        r#"{{"Version":"1","Statement":[{{"Effect":"Allow","Action":"oss:*","Resource":"*","Condition":{{"StringEquals":{{"k":{}}}}}}}]}}"#,
        "[".repeat(100_000)
    );
    assert_eq!(err(&deep_value).kind(), ParseErrorKind::WrongType);
    for bad in [
        "\"\\ud800\"",
        "{\"a\\u12\": 1}",
        "{\"Version\": \"1\u{1}\"}",
        "{\"Version\": 1e}",
        "\u{feff}{}",
        "{",
    ] {
        assert!(Policy::from_json(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn limits_count_the_way_each_cloud_counts() {
    let mut doc = String::from(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["#);
    for i in 0..300 {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!(r#""s3:GetObject{i:03}""#));
    }
    doc.push_str(r#"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a b c"}}}]}"#);
    let p = Policy::from_json(&doc).unwrap();
    let compact = p.to_json();
    let chars = compact.chars().count();
    assert_eq!(p.len_for_limit(PolicyKind::Session), chars);
    // IAM identity policies do not count whitespace (the two spaces in `a b c`).
    assert_eq!(p.len_for_limit(PolicyKind::Managed), chars - 2);
    let e = p.check_limits(PolicyKind::InlineUser).unwrap_err();
    assert_eq!((e.limit.max, e.limit.unit), (2_048, Unit::NonWhitespaceChars));
    assert_eq!(e.len, chars - 2);
    assert!(e.to_string().starts_with(&format!("the policy is {} characters (whitespace not counted) long, over the inline policies of a user limit of 2048", chars - 2)));
    assert!(p.check_limits(PolicyKind::Managed).is_ok());
    assert!(p.check_limits(PolicyKind::Resource).is_ok(), "no known limit");

    // RAM counts every character of the compact form; the limit comes from the catalog data.
    let ram = Policy::from_json(RAM_MIN).unwrap();
    assert_eq!(ram.len_for_limit(PolicyKind::Managed), RAM_MIN.chars().count());
    assert_eq!(PolicyKind::Managed.limit(Dialect::Ram).unwrap().max, 6_144);
    assert_eq!(PolicyKind::Session.limit(Dialect::Ram).unwrap().max, 2_048);
    assert_eq!(PolicyKind::Control.limit(Dialect::Ram).unwrap().max, 4_096);
    assert_eq!(PolicyKind::Bucket.limit(Dialect::Ram).unwrap().unit, Unit::Bytes);
    assert_eq!(PolicyKind::InlineRole.limit(Dialect::Iam).unwrap().max, 10_240);
    assert_eq!(PolicyKind::InlineGroup.limit(Dialect::Iam).unwrap().max, 5_120);
    assert!(PolicyKind::InlineRole.limit(Dialect::Ram).is_none());
    assert_eq!(ram.check_kind(PolicyKind::InlineUser).unwrap_err()[0].message, "RAM has no inline policies");
}

#[test]
fn ram_operators_match_the_catalog_data() {
    let mut ram: Vec<&str> = BaseOperator::ALL.iter().filter(|b| b.in_ram()).map(|b| b.as_str()).collect();
    let mut data: Vec<&str> = tarn_catalog::alibaba_operators().to_vec();
    ram.sort_unstable();
    data.sort_unstable();
    assert_eq!(ram, data);
}

#[test]
fn resource_control_policies_deny_for_everyone_with_conditions() {
    let iam = |statements: &str| {
        Policy::from_json(&format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#)).unwrap()
    };
    let org_only = iam(
        r#"{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorg1"}}}"#,
    );
    assert!(org_only.check_kind(PolicyKind::ResourceControl).is_ok());
    // RCPFullAWSAccess is the one allowed `Allow`.
    let full = iam(r#"{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}"#);
    assert!(full.check_kind(PolicyKind::ResourceControl).is_ok());
    let messages = |p: &Policy| -> Vec<(String, String)> {
        p.check_kind(PolicyKind::ResourceControl)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.pointer, e.message))
            .collect()
    };
    let allow = iam(r#"{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}"#);
    assert_eq!(messages(&allow)[0].0, "/Statement/0/Effect");
    let named =
        iam(r#"{"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}"#);
    assert_eq!(messages(&named)[0].0, "/Statement/0/Principal");
    let not_principal = iam(
        r#"{"Effect": "Deny", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "*"}"#,
    );
    assert_eq!(messages(&not_principal)[0].0, "/Statement/0/NotPrincipal");
    let not_action =
        iam(r#"{"Effect": "Deny", "Principal": "*", "NotAction": "s3:GetObject", "Resource": "*"}"#);
    assert_eq!(messages(&not_action)[0].0, "/Statement/0/NotAction");
    let without_principal = iam(r#"{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}"#);
    assert!(messages(&without_principal)[0].1.contains("needs a `Principal`"));
    // 5,120 characters, like a service control policy; RAM has none.
    assert_eq!(PolicyKind::ResourceControl.limit(Dialect::Iam).unwrap().max, 5_120);
    assert!(PolicyKind::ResourceControl.limit(Dialect::Ram).is_none());
    let ram = Policy::from_json(
        r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":"oss:*","Resource":"*"}]}"#,
    )
    .unwrap();
    assert_eq!(
        ram.check_kind(PolicyKind::ResourceControl).unwrap_err()[0].message,
        "RAM has no resource control policies"
    );
}

#[test]
fn a_wildcard_service_prefix_is_rams_whatever_comes_first() {
    let ram =
        r#"{"Statement": [{"Effect": "Allow", "Action": "*:Describe*", "Resource": "*"}], "Version": "1"}"#;
    assert_eq!(Policy::from_json(ram).unwrap().dialect(), Dialect::Ram);
    for iam in [
        r#"{"Statement": [{"Effect": "Allow", "Action": "*:Describe*", "Resource": "*"}], "Version": "2012-10-17"}"#,
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*:Describe*", "Resource": "*"}]}"#,
    ] {
        let e = Policy::from_json(iam).unwrap_err();
        assert_eq!(e.message(), "wildcard in the service prefix of `*:Describe*`", "{iam}");
        assert_eq!(e.pointer(), "/Statement/0/Action");
        assert_eq!(e.code(), tarn::lint::Code::InvalidAction);
    }
}
