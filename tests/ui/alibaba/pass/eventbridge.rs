// EventBridge (RAM code `eventbridge`): an action of tarn's catalog, checked against its resource types.
// `eventbridge:PutEvents` applies to every resource.
fn main() {
    let p = tarn::policy! { allow eventbridge:PutEvents on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["eventbridge:PutEvents"],"Resource":["*"]}]}"#
    );
}
