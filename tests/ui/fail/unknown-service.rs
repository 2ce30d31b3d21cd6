// A service prefix that neither cloud has.
fn main() {
    let _ = tarn::policy! { allow frob:GetThing on "acs:frob:*:*:thing" };
}
