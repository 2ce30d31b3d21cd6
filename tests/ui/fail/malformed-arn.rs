// An ARN with a segment missing.
fn main() {
    let _ = tarn::policy! { allow oss:GetObject on "acs:oss:*:*" };
}
