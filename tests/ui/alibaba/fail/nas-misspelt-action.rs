// File Storage NAS (RAM code `nas`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `nas` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow nas:DeleteFielSystem on "acs:nas:cn-hangzhou:123456789012:filesystem/example-filesystem" };
}
