// Server Load Balancer / Classic Load Balancer (CLB) (RAM code `slb`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `slb` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow slb:DeleteLoadBlaancer on "acs:slb:cn-hangzhou:123456789012:loadbalancer/example-loadbalancer" };
}
