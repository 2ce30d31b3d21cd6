// Application Load Balancer (ALB) (RAM code `alb`): an action of tarn's catalog, checked against its resource types.
// `alb:GetLoadBalancerAttribute` on a `loadbalancer` ARN.
fn main() {
    let p = tarn::policy! { allow alb:GetLoadBalancerAttribute on "acs:alb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["alb:GetLoadBalancerAttribute"],"Resource":["acs:alb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer"]}]}"#
    );
}
