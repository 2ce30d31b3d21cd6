// ApsaraDB for MongoDB (RAM code `dds`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `dds` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow dds:DeleteDBIsntance on "acs:dds:cn-hangzhou:123456789012:dbinstance/example-dbinstance" };
}
