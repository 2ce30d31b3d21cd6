// CDN (RAM code `cdn`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `cdn` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow cdn:RefreshObejctCaches on "acs:cdn:*:123456789012:domain/example-domain" };
}
