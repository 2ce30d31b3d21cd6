// PolarDB (RAM code `polardb`): an action of tarn's catalog, checked against its resource types.
// `polardb:DescribeDBClusterAttribute` applies to the `dbcluster` resource type (`acs:polardb:${RegionId}:${AccountId}:dbcluster/${DBClusterId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow polardb:DescribeDBClusterAttribute on "acs:polardb:cn-hangzhou:123456789012:dbcluster/example-dbcluster" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["polardb:DescribeDBClusterAttribute"],"Resource":["acs:polardb:cn-hangzhou:123456789012:dbcluster/example-dbcluster"]}]}"#
    );
}
