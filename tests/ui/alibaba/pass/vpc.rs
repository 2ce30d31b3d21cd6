// Virtual Private Cloud (VPC), incl. EIP, NAT Gateway, VPN Gateway (RAM code `vpc`): an action of tarn's catalog, checked against its resource types.
// `vpc:DescribeVSwitchAttributes` applies to the `vswitch` resource type (`acs:vpc:${RegionId}:${AccountId}:vswitch/${VSwitchId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow vpc:DescribeVSwitchAttributes on "acs:vpc:cn-hangzhou:123456789012:vswitch/example-vswitch" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["vpc:DescribeVSwitchAttributes"],"Resource":["acs:vpc:cn-hangzhou:123456789012:vswitch/example-vswitch"]}]}"#
    );
}
