// Container Registry (RAM code `cr`): an action of tarn's catalog, checked against its resource types.
// `cr:ListRepository` applies to the `repository` resource type (`acs:cr:${RegionId}:${AccountId}:repository/${InstanceId}/${NamespaceName}/${RepositoryName}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow cr:ListRepository on "acs:cr:cn-hangzhou:123456789012:repository/example-instance/example-namespace/example-repository" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["cr:ListRepository"],"Resource":["acs:cr:cn-hangzhou:123456789012:repository/example-instance/example-namespace/example-repository"]}]}"#
    );
}
