// Key Management Service (RAM code `kms`): an action of tarn's catalog, checked against its resource types.
// `kms:Decrypt` applies to the `key` resource type (`acs:kms:${RegionId}:${AccountId}:key/${KeyId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow kms:Decrypt on "acs:kms:cn-hangzhou:123456789012:key/example-key" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["acs:kms:cn-hangzhou:123456789012:key/example-key"]}]}"#
    );
}
