// Tablestore (RAM code `ots`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `ots` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow ots:GetRwo on "acs:ots:cn-hangzhou:123456789012:instance/example-instance/table/example-table" };
}
