// Function Compute (RAM code `fc`): an action of tarn's catalog, checked against its resource types.
// `fc:InvokeFunction` applies to every resource.
fn main() {
    let p = tarn::policy! { allow fc:InvokeFunction on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["fc:InvokeFunction"],"Resource":["*"]}]}"#
    );
}
