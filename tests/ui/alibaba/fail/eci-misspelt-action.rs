// Elastic Container Instance (ECI) (RAM code `eci`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `eci` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow eci:DeleteContianerGroup on "acs:eci:cn-hangzhou:123456789012:containergroup/example-containergroup" };
}
