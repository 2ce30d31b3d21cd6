// One policy, two clouds.
fn main() {
    let _ = tarn::policy! {
        allow oss:GetObject on "acs:oss:*:*:bucket/*";
        allow s3:GetObject on "arn:aws:s3:::bucket/*"
    };
}
