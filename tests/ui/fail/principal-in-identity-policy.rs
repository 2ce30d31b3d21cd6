// An identity-based policy is about whoever it is attached to: no Principal.
fn main() {
    let _ = tarn::policy! {
        kind managed;
        allow s3:GetObject on "arn:aws:s3:::bucket/*" to aws "arn:aws:iam::381492316447:root"
    };
}
