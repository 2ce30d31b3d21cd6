// RAM has no NotPrincipal.
fn main() {
    let _ = tarn::policy! { kind bucket; deny oss:GetObject on "acs:oss:*:*:b/*" to not uid "1431115939942888" };
}
