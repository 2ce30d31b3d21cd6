// Alibaba Cloud DNS (RAM code `alidns`): an action of tarn's catalog, checked against its resource types.
// `alidns:AddCustomLine` applies to the `domain` resource type (`acs:alidns::${AccountId}:domain/${DomainId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow alidns:AddCustomLine on "acs:alidns::123456789012:domain/example-domain" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["alidns:AddCustomLine"],"Resource":["acs:alidns::123456789012:domain/example-domain"]}]}"#
    );
}
