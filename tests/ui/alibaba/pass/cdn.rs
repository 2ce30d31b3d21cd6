// CDN (RAM code `cdn`): an action of tarn's catalog, checked against its resource types.
// `cdn:RefreshObjectCaches` applies to the `domain` resource type (`acs:cdn:*:${AccountId}:domain/${DomainName}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow cdn:RefreshObjectCaches on "acs:cdn:*:123456789012:domain/example-domain" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["cdn:RefreshObjectCaches"],"Resource":["acs:cdn:*:123456789012:domain/example-domain"]}]}"#
    );
}
