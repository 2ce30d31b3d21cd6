// Tair (Redis OSS-compatible) / ApsaraDB for Redis and Memcache (KVStore) (RAM code `kvstore`): an action of tarn's catalog, checked against its resource types.
// `kvstore:FlushInstance` applies to the `instance` resource type (`acs:kvstore:${RegionId}:${AccountId}:instance/${InstanceId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow kvstore:FlushInstance on "acs:kvstore:cn-hangzhou:123456789012:instance/example-instance" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["kvstore:FlushInstance"],"Resource":["acs:kvstore:cn-hangzhou:123456789012:instance/example-instance"]}]}"#
    );
}
