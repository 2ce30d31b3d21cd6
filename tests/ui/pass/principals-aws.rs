// AWS principals: accounts and roles (`aws`), services, `*`, and NotPrincipal; in a bucket policy.
fn main() {
    let p = tarn::policy! {
        kind bucket;
        allow s3:GetObject, s3:ListBucket on "arn:aws:s3:::ops", "arn:aws:s3:::ops/*"
            to aws "arn:aws:iam::381492316447:root", service "cloudtrail.amazonaws.com";
        deny s3:DeleteObject on "arn:aws:s3:::ops/*" to not aws "arn:aws:iam::381492316447:role/admin";
        allow s3:GetObject on "arn:aws:s3:::ops/public/*" to *
    };
    assert_eq!(
        p.to_json(),
        concat!(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::381492316447:root"],"#,
            r#""Service":["cloudtrail.amazonaws.com"]},"Action":["s3:GetObject","s3:ListBucket"],"#,
            r#""Resource":["arn:aws:s3:::ops","arn:aws:s3:::ops/*"]},{"Effect":"Deny","NotPrincipal":{"AWS":"#,
            r#"["arn:aws:iam::381492316447:role/admin"]},"Action":["s3:DeleteObject"],"Resource":["arn:aws:s3:::ops/*"]},"#,
            r#"{"Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::ops/public/*"]}]}"#
        )
    );
}
