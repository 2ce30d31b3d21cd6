//! The resource types whose policies tarn-infra finds: for each, the properties that hold a policy and the
//! kind of policy each is. README.md ("Policies where they live") shows this table to users.

use tarn_core::{Cloud, PolicyKind};

/// One property that holds a policy: its path from the resource's attributes or `Properties` (`*` for
/// each item of a list), and its kind.
pub(crate) struct Property {
    pub path: &'static [&'static str],
    pub kind: PolicyKind,
}

const fn p(path: &'static [&'static str], kind: PolicyKind) -> Property {
    Property { path, kind }
}

use PolicyKind::{Bucket, InlineGroup, InlineRole, InlineUser, Managed, Resource, Trust};

/// Terraform resource types (AWS and Alibaba Cloud providers) and their policy attributes.
pub(crate) const TERRAFORM: &[(&str, &[Property])] = &[
    ("aws_iam_policy", &[p(&["policy"], Managed)]),
    ("aws_iam_role_policy", &[p(&["policy"], InlineRole)]),
    ("aws_iam_user_policy", &[p(&["policy"], InlineUser)]),
    ("aws_iam_group_policy", &[p(&["policy"], InlineGroup)]),
    ("aws_iam_role", &[p(&["assume_role_policy"], Trust), p(&["inline_policy", "*", "policy"], InlineRole)]),
    ("aws_s3_bucket_policy", &[p(&["policy"], Bucket)]),
    ("aws_s3_bucket", &[p(&["policy"], Bucket)]),
    ("aws_sqs_queue_policy", &[p(&["policy"], Resource)]),
    ("aws_sqs_queue", &[p(&["policy"], Resource)]),
    ("aws_sns_topic_policy", &[p(&["policy"], Resource)]),
    ("aws_sns_topic", &[p(&["policy"], Resource)]),
    ("aws_kms_key", &[p(&["policy"], Resource)]),
    ("alicloud_ram_policy", &[p(&["policy_document"], Managed), p(&["document"], Managed)]),
    ("alicloud_ram_role", &[p(&["assume_role_policy_document"], Trust), p(&["document"], Trust)]),
    ("alicloud_oss_bucket_policy", &[p(&["policy"], Bucket)]),
];

/// CloudFormation and ROS resource types and their policy properties (under `Properties`).
pub(crate) const TEMPLATE: &[(&str, &[Property])] = &[
    ("AWS::IAM::Policy", &[p(&["PolicyDocument"], InlineRole)]),
    ("AWS::IAM::ManagedPolicy", &[p(&["PolicyDocument"], Managed)]),
    ("AWS::IAM::RolePolicy", &[p(&["PolicyDocument"], InlineRole)]),
    ("AWS::IAM::UserPolicy", &[p(&["PolicyDocument"], InlineUser)]),
    ("AWS::IAM::GroupPolicy", &[p(&["PolicyDocument"], InlineGroup)]),
    (
        "AWS::IAM::Role",
        &[p(&["AssumeRolePolicyDocument"], Trust), p(&["Policies", "*", "PolicyDocument"], InlineRole)],
    ),
    ("AWS::IAM::User", &[p(&["Policies", "*", "PolicyDocument"], InlineUser)]),
    ("AWS::IAM::Group", &[p(&["Policies", "*", "PolicyDocument"], InlineGroup)]),
    ("AWS::S3::BucketPolicy", &[p(&["PolicyDocument"], Bucket)]),
    ("AWS::SQS::QueuePolicy", &[p(&["PolicyDocument"], Resource)]),
    ("AWS::SNS::TopicPolicy", &[p(&["PolicyDocument"], Resource)]),
    ("AWS::KMS::Key", &[p(&["KeyPolicy"], Resource)]),
    (
        "ALIYUN::RAM::ManagedPolicy",
        &[p(&["PolicyDocument"], Managed), p(&["PolicyDocumentUnchecked"], Managed)],
    ),
    (
        "ALIYUN::RAM::Role",
        &[p(&["AssumeRolePolicyDocument"], Trust), p(&["Policies", "*", "PolicyDocument"], Managed)],
    ),
    ("ALIYUN::RAM::User", &[p(&["Policies", "*", "PolicyDocument"], Managed)]),
    ("ALIYUN::RAM::Group", &[p(&["Policies", "*", "PolicyDocument"], Managed)]),
    ("ALIYUN::OSS::Bucket", &[p(&["Policy"], Bucket)]),
];

/// The properties of a resource type, if tarn knows it.
pub(crate) fn properties(table: &'static [(&str, &[Property])], ty: &str) -> Option<&'static [Property]> {
    table.iter().find(|(t, _)| *t == ty).map(|(_, props)| *props)
}

/// The cloud of a resource type, by its provider prefix.
pub(crate) fn cloud_of(ty: &str) -> Cloud {
    if ty.starts_with("alicloud_") || ty.starts_with("ALIYUN::") {
        Cloud::Alibaba
    } else {
        Cloud::Aws
    }
}

/// The resource types and properties, for documentation and `--help`: `(type, property path, kind)`.
pub fn covered() -> impl Iterator<Item = (&'static str, String, PolicyKind)> {
    TERRAFORM.iter().chain(TEMPLATE).flat_map(|(ty, props)| {
        props.iter().map(move |p| (*ty, p.path.join(".").replace(".*.", "[*]."), p.kind))
    })
}
