// Tair (Redis OSS-compatible) / ApsaraDB for Redis and Memcache (KVStore) (RAM code `kvstore`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `kvstore` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow kvstore:FlushIsntance on "acs:kvstore:cn-hangzhou:123456789012:instance/example-instance" };
}
