// `Arn…` operators treat `*` and `?` as wildcards and no ARN type refuses them: their values are written
// in the policy.
fn main() {
    let source = tarn::Segment::new("x").unwrap();
    let _ = tarn::policy! {
        allow sns:Publish on "arn:aws:sns:*:*:alerts" when ArnLike(aws:SourceArn, <source>)
    };
}
