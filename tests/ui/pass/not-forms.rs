// `not` before the actions gives NotAction; after `on`, NotResource.
fn main() {
    let p = tarn::policy! { deny not iam:*, sts:* on not "arn:aws:s3:::audit/*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":["iam:*","sts:*"],"NotResource":["arn:aws:s3:::audit/*"]}]}"#
    );
}
