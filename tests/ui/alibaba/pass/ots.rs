// Tablestore (RAM code `ots`): an action of tarn's catalog, checked against its resource types.
// `ots:GetRow` applies to the `table` resource type (`acs:ots:${RegionId}:${AccountId}:instance/${InstanceName}/table/${TableName}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow ots:GetRow on "acs:ots:cn-hangzhou:123456789012:instance/example-instance/table/example-table" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ots:GetRow"],"Resource":["acs:ots:cn-hangzhou:123456789012:instance/example-instance/table/example-table"]}]}"#
    );
}
