// `version` (IAM's legacy 2008-10-17, or the default) and `id` (IAM) headers.
fn main() {
    let p = tarn::policy! {
        version "2008-10-17";
        id "ops-bucket-read";
        allow s3:GetObject on "arn:aws:s3:::ops/*"
    };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"2008-10-17","Id":"ops-bucket-read","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::ops/*"]}]}"#
    );
}
