// Resource Orchestration Service (RAM code `ros`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `ros` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow ros:DeleteSatck on "acs:ros:cn-hangzhou:123456789012:stack/example-stack" };
}
