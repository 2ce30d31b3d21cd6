// Alibaba Cloud DNS (RAM code `alidns`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `alidns` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow alidns:AddCusotmLine on "acs:alidns::123456789012:domain/example-domain" };
}
