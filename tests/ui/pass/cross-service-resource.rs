// An action may apply to another service's resources: sts:AssumeRole applies to IAM roles.
fn main() {
    let p = tarn::policy! { allow sts:AssumeRole on "arn:aws:iam::123456789012:role/deploy" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole"],"Resource":["arn:aws:iam::123456789012:role/deploy"]}]}"#
    );
}
