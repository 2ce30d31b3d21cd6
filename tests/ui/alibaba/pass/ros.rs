// Resource Orchestration Service (RAM code `ros`): an action of tarn's catalog, checked against its resource types.
// `ros:DeleteStack` applies to the `stack` resource type (`acs:ros:${RegionId}:${AccountId}:stack/${StackId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow ros:DeleteStack on "acs:ros:cn-hangzhou:123456789012:stack/example-stack" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ros:DeleteStack"],"Resource":["acs:ros:cn-hangzhou:123456789012:stack/example-stack"]}]}"#
    );
}
