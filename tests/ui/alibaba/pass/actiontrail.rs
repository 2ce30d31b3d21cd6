// ActionTrail (RAM code `actiontrail`): an action of tarn's catalog, checked against its resource types.
// `actiontrail:DescribeTrails` applies to every resource.
fn main() {
    let p = tarn::policy! { allow actiontrail:DescribeTrails on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["actiontrail:DescribeTrails"],"Resource":["*"]}]}"#
    );
}
