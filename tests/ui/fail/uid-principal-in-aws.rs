// The flat UID list is an OSS bucket-policy form; S3 names principals with `aws "..."`.
fn main() {
    let _ = tarn::policy! { kind bucket; allow s3:GetObject on "arn:aws:s3:::b/*" to uid "381492316447" };
}
