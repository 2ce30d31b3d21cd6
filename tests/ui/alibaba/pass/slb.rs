// Server Load Balancer / Classic Load Balancer (CLB) (RAM code `slb`): an action of tarn's catalog, checked against its resource types.
// `slb:DeleteLoadBalancer` applies to the `loadbalancer` resource type (`acs:slb:${RegionId}:${AccountId}:loadbalancer/${LoadBalancerId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow slb:DeleteLoadBalancer on "acs:slb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["slb:DeleteLoadBalancer"],"Resource":["acs:slb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer"]}]}"#
    );
}
