// Several statements separated by `;`, an optional Sid (IAM), `deny`, and a trailing `;`.
fn main() {
    let p = tarn::policy! {
        sid "ReadObjects" allow s3:GetObject on "arn:aws:s3:::automq-ops-bucket/*";
        deny s3:DeleteBucket on arn:aws:s3:::automq-ops-bucket;
    };
    assert_eq!(
        p.to_json(),
        concat!(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"ReadObjects","Effect":"Allow","Action":["s3:GetObject"],"#,
            r#""Resource":["arn:aws:s3:::automq-ops-bucket/*"]},{"Effect":"Deny","Action":["s3:DeleteBucket"],"#,
            r#""Resource":["arn:aws:s3:::automq-ops-bucket"]}]}"#
        )
    );
}
