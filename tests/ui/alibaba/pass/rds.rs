// ApsaraDB RDS (RAM code `rds`): an action of tarn's catalog, checked against its resource types.
// `rds:AddTagsToResource` applies to the `dbinstance` resource type (`acs:rds:${RegionId}:${AccountId}:dbinstance/${DBInstanceId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow rds:AddTagsToResource on "acs:rds:cn-hangzhou:123456789012:dbinstance/example-dbinstance" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["rds:AddTagsToResource"],"Resource":["acs:rds:cn-hangzhou:123456789012:dbinstance/example-dbinstance"]}]}"#
    );
}
