// Network Load Balancer (NLB) (RAM code `nlb`): an action of tarn's catalog, checked against its resource types.
// `nlb:DeleteLoadBalancer` applies to the `loadbalancer` resource type (`acs:nlb:${RegionId}:${AccountId}:loadbalancer/${LoadBalancerId}`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow nlb:DeleteLoadBalancer on "acs:nlb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["nlb:DeleteLoadBalancer"],"Resource":["acs:nlb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer"]}]}"#
    );
}
