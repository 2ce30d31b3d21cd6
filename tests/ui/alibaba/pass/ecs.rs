// Elastic Compute Service (ECS) (RAM code `ecs`): an action of tarn's catalog, checked against its resource types.
// `ecs:DeleteInstance` applies to the `instance` resource type (`acs:ecs:${RegionId}:${AccountId}:instance/${InstanceId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow ecs:DeleteInstance on "acs:ecs:cn-hangzhou:123456789012:instance/example-instance" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DeleteInstance"],"Resource":["acs:ecs:cn-hangzhou:123456789012:instance/example-instance"]}]}"#
    );
}
