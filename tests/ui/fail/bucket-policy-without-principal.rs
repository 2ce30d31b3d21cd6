// A bucket policy names whom it grants.
fn main() {
    let _ = tarn::policy! { kind bucket; allow oss:GetObject on "acs:oss:*:*:bucket/*" };
}
