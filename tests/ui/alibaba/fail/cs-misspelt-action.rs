// Container Service for Kubernetes (ACK) (RAM code `cs`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `cs` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow cs:DeleteCulster on "acs:cs:cn-hangzhou:123456789012:cluster/example-cluster" };
}
