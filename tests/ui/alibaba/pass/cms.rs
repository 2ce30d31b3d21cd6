// CloudMonitor (RAM code `cms`): an action of tarn's catalog, checked against its resource types.
// `cms:DescribeMetricList` applies to every resource.
fn main() {
    let p = tarn::policy! { allow cms:DescribeMetricList on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["cms:DescribeMetricList"],"Resource":["*"]}]}"#
    );
}
