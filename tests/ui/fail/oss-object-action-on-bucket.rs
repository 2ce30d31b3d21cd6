// oss:GetObject applies to objects, not to the bucket ARN.
fn main() {
    let _ = tarn::policy! { allow oss:GetObject on "acs:oss:*:*:bucket" };
}
