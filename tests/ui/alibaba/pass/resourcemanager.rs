// Resource Management (Resource Directory, resource groups) (RAM code `resourcemanager`): an action of tarn's catalog, checked against its resource types.
// `resourcemanager:MoveResources` applies to every resource.
fn main() {
    let p = tarn::policy! { allow resourcemanager:MoveResources on "*" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["resourcemanager:MoveResources"],"Resource":["*"]}]}"#
    );
}
