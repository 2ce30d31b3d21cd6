// Application Load Balancer (ALB) (RAM code `alb`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `alb` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow alb:GetLoadBalanecrAttribute on "acs:alb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer" };
}
