// ApsaraMQ for Kafka (RAM code `alikafka`): an action of tarn's catalog, checked against its resource types.
// `alikafka:ListTopic` applies to every resource.
fn main() {
    let p = tarn::policy! { allow alikafka:ListTopic on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["alikafka:ListTopic"],"Resource":["*"]}]}"#
    );
}
