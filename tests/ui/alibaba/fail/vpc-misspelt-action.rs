// Virtual Private Cloud (VPC), incl. EIP, NAT Gateway, VPN Gateway (RAM code `vpc`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `vpc` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow vpc:DescribeVSwicthAttributes on "acs:vpc:cn-hangzhou:123456789012:vswitch/example-vswitch" };
}
