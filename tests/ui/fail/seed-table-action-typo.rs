// Seed 000's table lists `s3:ListBucketMultipartUpload`; its JSON has the real action,
// `s3:ListBucketMultipartUploads`.
fn main() {
    let _ = tarn::policy! { allow s3:ListBucketMultipartUpload on "arn:aws:s3:::automq-ops-bucket" };
}
