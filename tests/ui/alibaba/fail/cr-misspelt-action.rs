// Container Registry (RAM code `cr`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `cr` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow cr:ListRepsoitory on "acs:cr:cn-hangzhou:123456789012:repository/example-instance/example-namespace/example-repository" };
}
