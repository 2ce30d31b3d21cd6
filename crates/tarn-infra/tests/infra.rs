//! Finding and checking the policies of Terraform plans, CloudFormation and ROS templates: what is found,
//! with which kind, where findings point in the file, and that values unknown until deployment never make
//! a finding on their own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use tarn_core::lint::LintOptions;
use tarn_core::PolicyKind;
use tarn_infra::{check, detect, plan_changes, policies, Detected, InputKind, Located};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn findings(src: &str) -> Vec<Located> {
    check(src, None, &LintOptions::default()).unwrap().findings
}

/// `(resource, code, line, column)` of each finding.
fn summary(src: &str) -> Vec<(String, String, usize, usize)> {
    findings(src)
        .into_iter()
        .map(|l| {
            (
                l.resource.unwrap_or_default(),
                l.finding.code.as_str().to_owned(),
                l.finding.line,
                l.finding.column,
            )
        })
        .collect()
}

fn s(r: &str, c: &str, line: usize, col: usize) -> (String, String, usize, usize) {
    (r.to_owned(), c.to_owned(), line, col)
}

#[test]
fn detects_each_input_from_its_content() {
    let kind = |name: &str| detect(&fixture(name)).unwrap();
    assert_eq!(kind("plan.json"), Detected::Input(InputKind::TerraformPlan));
    assert_eq!(kind("template.yaml"), Detected::Input(InputKind::CloudFormation));
    assert_eq!(kind("template.json"), Detected::Input(InputKind::CloudFormation));
    assert_eq!(kind("ros.yaml"), Detected::Input(InputKind::Ros));
    assert_eq!(detect(r#"{"Version": "1", "Statement": []}"#).unwrap(), Detected::Input(InputKind::Policy));
    assert_eq!(detect("name: ci\non: push\n").unwrap(), Detected::Other);
    // A template without AWSTemplateFormatVersion is known by its resource types.
    assert_eq!(
        detect("Resources:\n  R:\n    Type: AWS::SQS::Queue\n").unwrap(),
        Detected::Input(InputKind::CloudFormation)
    );
}

#[test]
fn plan_findings_point_into_the_json_strings_of_the_file() {
    assert_eq!(
        summary(&fixture("plan.json")),
        vec![
            s("aws_iam_policy.reader", "UNKNOWN_ACTION", 55, 98),
            s("module.app.aws_iam_role.this[0]", "PUBLIC_PRINCIPAL", 79, 147),
            s("alicloud_ram_policy.ops", "RESOURCE_MISMATCH", 141, 128),
        ]
    );
    let plan = fixture("plan.json");
    let line = plan.lines().nth(54).unwrap();
    let at: String = line.chars().skip(97).take(16).collect();
    assert_eq!(at, "\\\"s3:GetObjekt\\\"");
}

#[test]
fn plan_policies_have_their_kind_module_path_and_index() {
    let found = policies(&fixture("plan.json"), InputKind::TerraformPlan).unwrap();
    let got: Vec<(&str, &str, PolicyKind)> =
        found.iter().map(|p| (p.resource.as_str(), p.property.as_str(), p.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("aws_iam_policy.reader", "policy", PolicyKind::Managed),
            ("module.app.aws_iam_role.this[0]", "assume_role_policy", PolicyKind::Trust),
            ("module.app.aws_iam_role.this[0]", "inline_policy[0].policy", PolicyKind::InlineRole),
            // Sensitive values are in the plan and checked.
            ("aws_iam_role_policy.jobs[\"nightly\"]", "policy", PolicyKind::InlineRole),
            ("alicloud_ram_policy.ops", "policy_document", PolicyKind::Managed),
        ]
    );
}

#[test]
fn plan_changes_carry_before_and_after() {
    let changes = plan_changes(&fixture("plan.json")).unwrap();
    let get = |r: &str, p: &str| changes.iter().find(|c| c.resource == r && c.property == p).unwrap();
    let created = get("aws_iam_policy.reader", "policy");
    assert!(created.before.is_none() && created.after.is_some() && created.changed());
    assert_eq!(created.actions, ["create"]);
    let unknown = get("module.buckets[\"logs\"].aws_s3_bucket_policy.this", "policy");
    assert!(unknown.after_unknown && unknown.after.is_none() && unknown.kind == PolicyKind::Bucket);
    let deleted = get("aws_sqs_queue_policy.old", "policy");
    assert!(deleted.before.is_some() && deleted.after.is_none());
    let updated = get("aws_iam_role_policy.jobs[\"nightly\"]", "policy");
    assert!(updated.changed());
    assert!(updated.after.as_ref().unwrap().text.contains("sqs:DeleteQueue"));
    assert!(!updated.before.as_ref().unwrap().text.contains("sqs:DeleteQueue"));
    let trust = get("module.app.aws_iam_role.this[0]", "assume_role_policy");
    assert!(trust.before.as_ref().unwrap().text.contains("ec2.amazonaws.com"));
    // Unknown resource types and data sources are skipped.
    assert!(changes.iter().all(|c| c.resource_type != "aws_instance" && !c.resource.starts_with("data.")));
}

#[test]
fn escapes_before_a_finding_keep_its_column() {
    // `\u00e9` is one character in the policy and six in the file; `\n` two.
    let policy = r#"{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Sid\":\"caf\u00e9 \ud83d\ude00\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObjekt\",\"Resource\":\"*\"}]}"#;
    let plan = format!(
        r#"{{"format_version":"1.2","resource_changes":[{{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","change":{{"actions":["create"],"before":null,"after":{{"policy":"{policy}"}},"after_unknown":{{}}}}}}]}}"#
    );
    let f = &findings(&plan)[0];
    assert_eq!(f.finding.code.as_str(), "UNKNOWN_ACTION");
    let at: String = plan.chars().skip(f.finding.column - 1).take(16).collect();
    assert_eq!(at, "\\\"s3:GetObjekt\\\"");
}

#[test]
fn cloudformation_findings_point_at_the_template_values() {
    assert_eq!(
        summary(&fixture("template.yaml")),
        vec![
            s("ReaderPolicy", "UNKNOWN_ACTION", 19, 17),
            s("AppRole", "PUBLIC_PRINCIPAL", 32, 15),
            s("BucketPolicy", "PUBLIC_PRINCIPAL", 91, 24),
        ]
    );
    assert_eq!(
        summary(&fixture("template.json")),
        vec![
            s("WriterPolicy", "PASS_ROLE_WITH_STAR_IN_RESOURCE", 20, 27),
            s("AppRole", "UNKNOWN_ACTION", 29, 167)
        ]
    );
    assert_eq!(summary(&fixture("ros.yaml")), vec![s("Bucket", "PUBLIC_PRINCIPAL", 52, 24)]);
}

#[test]
fn template_policies_have_their_kind() {
    let found = policies(&fixture("template.yaml"), InputKind::CloudFormation).unwrap();
    let got: Vec<(&str, &str, PolicyKind)> =
        found.iter().map(|p| (p.resource.as_str(), p.property.as_str(), p.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("ReaderPolicy", "PolicyDocument", PolicyKind::Managed),
            ("AppRole", "AssumeRolePolicyDocument", PolicyKind::Trust),
            ("AppRole", "Policies[0].PolicyDocument", PolicyKind::InlineRole),
            ("QueuePolicy", "PolicyDocument", PolicyKind::Resource),
            ("TopicPolicy", "PolicyDocument", PolicyKind::Resource),
            ("Key", "KeyPolicy", PolicyKind::Resource),
            ("BucketPolicy", "PolicyDocument", PolicyKind::Bucket),
        ]
    );
    let ros = policies(&fixture("ros.yaml"), InputKind::Ros).unwrap();
    let got: Vec<(&str, &str, PolicyKind)> =
        ros.iter().map(|p| (p.resource.as_str(), p.property.as_str(), p.kind)).collect();
    assert_eq!(
        got,
        vec![
            ("OpsPolicy", "PolicyDocument", PolicyKind::Managed),
            ("OpsRole", "AssumeRolePolicyDocument", PolicyKind::Trust),
            ("OpsRole", "Policies[0].PolicyDocument", PolicyKind::Managed),
            ("Bucket", "Policy", PolicyKind::Bucket),
        ]
    );
}

fn template(statement: &str) -> String {
    format!(
        "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - {statement}\n"
    )
}

#[test]
fn unknown_values_never_make_a_finding_and_never_count_as_star() {
    for statement in [
        "{Effect: Allow, Action: iam:PassRole, Resource: !Ref RoleArn}",
        "{Effect: Allow, Action: iam:PassRole, Resource: !GetAtt Role.Arn}",
        "{Effect: Allow, Action: iam:PassRole, Resource: {'Fn::GetAtt': [Role, Arn]}}",
        "{Effect: Allow, Action: 's3:GetObject', Resource: !Sub '${Bucket.Arn}/*'}",
        "{Effect: Allow, Action: ['s3:GetObject', 'sqs:SendMessage'], Resource: [!Ref A, !GetAtt B.Arn]}",
        "{Effect: Allow, Action: 's3:GetObject', Resource: !Join ['', [!GetAtt B.Arn, '/*']]}",
        "{Effect: Allow, Action: 's3:GetObject', Resource: '*', Condition: {StringEquals: {'aws:SourceAccount': !Ref AWS::AccountId}}}",
        "!If [IsProd, {Effect: Allow, Action: '*', Resource: '*'}, !Ref AWS::NoValue]",
        "{Effect: Allow, Action: [!Ref SomeAction, s3:GetObject], Resource: 'arn:aws:s3:::b/*'}",
        "{Effect: Allow, Action: !Ref SomeAction, Resource: '*'}",
        "{Effect: Allow, Action: [!Ref SomeAction], Resource: 'arn:aws:s3:::b'}",
        "{Effect: Allow, Action: '*', Resource: !Ref Anything}",
        "{Effect: Allow, Action: 's3:*', Resource: [!Ref X]}",
    ] {
        let src = template(statement);
        let got = findings(&src);
        assert!(got.is_empty(), "{statement}: {got:#?}");
    }
    // In a bucket policy, a principal from a parameter is not everyone.
    let src = "Resources:\n  P:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - {Effect: Allow, Principal: {AWS: !Ref Reader}, Action: s3:GetObject, Resource: !Sub 'arn:aws:s3:::${B}/*'}\n";
    assert!(findings(src).is_empty(), "{:#?}", findings(src));
}

#[test]
fn the_literal_parts_of_sub_and_join_are_checked() {
    let src = template("{Effect: Allow, Action: s3:GetObject, Resource: !Sub 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs'}");
    let got = summary(&src);
    assert_eq!(got, vec![s("P", "RESOURCE_MISMATCH", 8, 37)]);
    let src = template("{Effect: Allow, Action: s3:GetObject, Resource: {'Fn::Join': ['', ['arn:aws:sqs:eu-west-1:123456789012:', !Ref Q]]}}");
    assert_eq!(summary(&src), vec![s("P", "RESOURCE_MISMATCH", 8, 37)]);
    // The same with the literal parts right: nothing.
    let src = template("{Effect: Allow, Action: s3:GetObject, Resource: {'Fn::Join': ['', ['arn:aws:s3:::', !Ref B, '/*']]}}");
    assert_eq!(summary(&src), vec![]);
}

#[test]
fn malformed_inputs_are_errors_with_a_place() {
    let e = check("{\"format_version\": \"1.2\", \"resource_changes\": [", None, &LintOptions::default())
        .unwrap_err();
    assert_eq!(e.line, 1);
    let e = check("Resources:\n  A: [\n", None, &LintOptions::default()).unwrap_err();
    assert!(e.message.contains("YAML"), "{e}");
    let e = check("Resources: 3\nAWSTemplateFormatVersion: x\n", None, &LintOptions::default()).unwrap_err();
    assert!(e.message.contains("Resources"), "{e}");
    // Forced to a plan, a policy is not one.
    let e =
        check(r#"{"Statement": []}"#, Some(InputKind::TerraformPlan), &LintOptions::default()).unwrap_err();
    assert!(e.message.contains("format_version"), "{e}");
    // A plan with unknown fields only, and no resources: nothing to check, no error.
    let c = check(r#"{"format_version": "9.0", "new": {"x": 1}}"#, None, &LintOptions::default()).unwrap();
    assert_eq!((c.input, c.policies), (InputKind::TerraformPlan, 0));
}

#[test]
fn the_covered_table_lists_every_type() {
    let all: Vec<_> = tarn_infra::covered().collect();
    assert!(all.iter().any(|(t, p, k)| *t == "aws_iam_role"
        && p == "inline_policy[*].policy"
        && *k == PolicyKind::InlineRole));
    assert!(all.iter().any(|(t, p, _)| *t == "ALIYUN::OSS::Bucket" && p == "Policy"));
}

#[test]
fn the_readme_lists_every_covered_type_and_property() {
    let readme = std::fs::read_to_string(format!("{}/../../README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let start = readme.find("Covered resource types and properties").unwrap();
    let table = &readme[start..];
    for (ty, property, _) in tarn_infra::covered() {
        let row = table.lines().find(|l| l.starts_with('|') && l.contains(&format!("`{ty}`")));
        let row = row.unwrap_or_else(|| panic!("README has no row for {ty}"));
        assert!(row.contains(&format!("`{property}`")), "README's row for {ty} lacks {property}");
    }
}

#[test]
fn a_policy_written_as_a_yaml_literal_block_is_placed_line_by_line() {
    let src = "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: |\n        {\"Version\": \"2012-10-17\",\n         \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObjekt\", \"Resource\": \"*\"}]}\n";
    let got = summary(src);
    assert_eq!(got, vec![s("P", "UNKNOWN_ACTION", 7, 54)]);
    let line = src.lines().nth(6).unwrap();
    assert_eq!(line.chars().skip(53).take(14).collect::<String>(), "\"s3:GetObjekt\"");
}

/// An Effect, Principal or Condition unknown until deployment (`!If`, `!Ref`), or an unknown item of a
/// `NotAction` (leaving it out would widen the statement): the statement is left out, so no finding comes
/// from the unknown value alone.
#[test]
fn statements_with_an_unknown_effect_condition_or_not_action_are_left_out() {
    assert_eq!(summary(&fixture("unknown-statements.yaml")), []);
}

/// `after_unknown` marks a list item as a whole (`{"inline_policy": [true]}`): its policy is unknown until
/// apply, for an update and for a create.
#[test]
fn a_list_item_unknown_as_a_whole_makes_its_policy_unknown() {
    let changes = plan_changes(&fixture("plan-unknown-items.json")).unwrap();
    let inline: Vec<_> = changes.iter().filter(|c| c.property == "inline_policy[0].policy").collect();
    assert_eq!(inline.len(), 2, "{changes:?}");
    assert!(inline.iter().all(|c| c.after_unknown && c.after.is_none() && c.changed()));
    assert!(inline.iter().any(|c| c.before.is_some()));
}
