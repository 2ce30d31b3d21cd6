// Auto Scaling (RAM code `ess`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `ess` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow ess:DeleteScailngGroup on "acs:ess:cn-hangzhou:123456789012:scalinggroup/example-scalinggroup" };
}
