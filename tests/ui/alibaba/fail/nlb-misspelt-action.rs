// Network Load Balancer (NLB) (RAM code `nlb`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `nlb` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow nlb:DeleteLoadBlaancer on "acs:nlb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer" };
}
