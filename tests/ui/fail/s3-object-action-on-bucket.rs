// s3:GetObject on arn:aws:s3:::bucket grants nothing: objects are bucket/key.
fn main() {
    let _ = tarn::policy! { allow s3:GetObject on arn:aws:s3:::bucket };
}
