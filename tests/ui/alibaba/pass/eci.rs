// Elastic Container Instance (ECI) (RAM code `eci`): an action of tarn's catalog, checked against its resource types.
// `eci:DeleteContainerGroup` applies to the `containergroup` resource type (`acs:eci:${RegionId}:${AccountId}:containergroup/${ContainerGroupId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow eci:DeleteContainerGroup on "acs:eci:cn-hangzhou:123456789012:containergroup/example-containergroup" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["eci:DeleteContainerGroup"],"Resource":["acs:eci:cn-hangzhou:123456789012:containergroup/example-containergroup"]}]}"#
    );
}
