// Auto Scaling (RAM code `ess`): an action of tarn's catalog, checked against its resource types.
// `ess:DeleteScalingGroup` applies to the `scalinggroup` resource type (`acs:ess:${RegionId}:${AccountId}:scalinggroup/${ScalingGroupId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow ess:DeleteScalingGroup on "acs:ess:cn-hangzhou:123456789012:scalinggroup/example-scalinggroup" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ess:DeleteScalingGroup"],"Resource":["acs:ess:cn-hangzhou:123456789012:scalinggroup/example-scalinggroup"]}]}"#
    );
}
