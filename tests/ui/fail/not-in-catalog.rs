// An action of a service tarn has no catalog of: an error in `policy!` (with `unchecked` as the way past),
// not a claim that the name is wrong.
fn main() {
    let _ = tarn::policy! { allow elasticsearch:DescribeInstance on "acs:elasticsearch:*:*:instances/es-cn-001" };
}
