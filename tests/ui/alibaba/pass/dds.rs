// ApsaraDB for MongoDB (RAM code `dds`): an action of tarn's catalog, checked against its resource types.
// `dds:DeleteDBInstance` applies to the `dbinstance` resource type (`acs:dds:${RegionId}:${AccountId}:dbinstance/${DBInstanceId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow dds:DeleteDBInstance on "acs:dds:cn-hangzhou:123456789012:dbinstance/example-dbinstance" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["dds:DeleteDBInstance"],"Resource":["acs:dds:cn-hangzhou:123456789012:dbinstance/example-dbinstance"]}]}"#
    );
}
