// Conditions: `when Operator(key, value, ...)`, joined with `and`; values are strings, numbers or booleans,
// typed by the operator; IAM operators may carry `IfExists` and `ForAnyValue:`/`ForAllValues:`.
fn main() {
    let ram = tarn::policy! {
        allow oss:GetObject on "acs:oss:*:*:bucket/*"
            when IpAddress(acs:SourceIp, "10.0.0.0/8", "192.168.0.0/16") and Bool(acs:SecureTransport, true)
    };
    assert!(ram.to_json().ends_with(
        r#""Condition":{"IpAddress":{"acs:SourceIp":["10.0.0.0/8","192.168.0.0/16"]},"Bool":{"acs:SecureTransport":[true]}}}]}"#
    ));
    let iam = tarn::policy! {
        deny s3:* on "arn:aws:s3:::ops/*"
            when ForAnyValue:StringLikeIfExists(aws:TagKeys, "secret*")
            and NumericGreaterThan(s3:max-keys, 100)
            and StringEquals(aws:PrincipalTag/team, "ops")
    };
    assert!(iam.to_json().ends_with(
        r#""Condition":{"ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["secret*"]},"NumericGreaterThan":{"s3:max-keys":[100]},"StringEquals":{"aws:PrincipalTag/team":["ops"]}}}]}"#
    ));
}
