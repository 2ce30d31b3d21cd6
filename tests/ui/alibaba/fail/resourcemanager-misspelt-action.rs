// Resource Management (Resource Directory, resource groups) (RAM code `resourcemanager`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `resourcemanager` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow resourcemanager:MoveReosurces on "*" };
}
