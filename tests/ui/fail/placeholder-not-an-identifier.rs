// A documentation placeholder with spaces cannot bind a variable.
fn main() {
    let _ = tarn::policy! { allow oss:GetObject on "acs:oss:*:*:{Ops Bucket Name}/*" };
}
