// PolarDB (RAM code `polardb`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `polardb` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow polardb:DescribeDBClutserAttribute on "acs:polardb:cn-hangzhou:123456789012:dbcluster/example-dbcluster" };
}
