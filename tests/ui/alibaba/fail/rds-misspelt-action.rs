// ApsaraDB RDS (RAM code `rds`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `rds` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow rds:AddTagsToRseource on "acs:rds:cn-hangzhou:123456789012:dbinstance/example-dbinstance" };
}
