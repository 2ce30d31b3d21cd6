// Key Management Service (RAM code `kms`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `kms` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow kms:Decyrpt on "acs:kms:cn-hangzhou:123456789012:key/example-key" };
}
