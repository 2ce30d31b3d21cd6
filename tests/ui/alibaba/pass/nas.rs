// File Storage NAS (RAM code `nas`): an action of tarn's catalog, checked against its resource types.
// `nas:DeleteFileSystem` applies to the `filesystem` resource type (`acs:nas:${RegionId}:${AccountId}:filesystem/${FileSystemId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow nas:DeleteFileSystem on "acs:nas:cn-hangzhou:123456789012:filesystem/example-filesystem" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["nas:DeleteFileSystem"],"Resource":["acs:nas:cn-hangzhou:123456789012:filesystem/example-filesystem"]}]}"#
    );
}
