// CloudMonitor (RAM code `cms`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `cms` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow cms:DescribeMtericList on "*" };
}
