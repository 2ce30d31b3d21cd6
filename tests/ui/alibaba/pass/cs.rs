// Container Service for Kubernetes (ACK) (RAM code `cs`): an action of tarn's catalog, checked against its resource types.
// `cs:DeleteCluster` applies to the `cluster` resource type (`acs:cs:${RegionId}:${AccountId}:cluster/${ClusterId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow cs:DeleteCluster on "acs:cs:cn-hangzhou:123456789012:cluster/example-cluster" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["cs:DeleteCluster"],"Resource":["acs:cs:cn-hangzhou:123456789012:cluster/example-cluster"]}]}"#
    );
}
