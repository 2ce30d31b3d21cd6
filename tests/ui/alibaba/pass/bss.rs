// Expenses and Costs / Billing (BSS, console-compatible permission points) (RAM code `bss`): an action of tarn's catalog, checked against its resource types.
// `bss:DescribeOrderList` applies to every resource.
fn main() {
    let p = tarn::policy! { allow bss:DescribeOrderList on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["bss:DescribeOrderList"],"Resource":["*"]}]}"#
    );
}
