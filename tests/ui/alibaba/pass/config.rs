// Cloud Config (RAM code `config`): an action of tarn's catalog, checked against its resource types.
// `config:ListConfigRules` applies to every resource.
fn main() {
    let p = tarn::policy! { allow config:ListConfigRules on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["config:ListConfigRules"],"Resource":["*"]}]}"#
    );
}
