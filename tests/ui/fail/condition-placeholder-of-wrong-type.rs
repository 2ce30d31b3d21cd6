// A condition placeholder takes the type its operator compares: `IpAddress` takes a `tarn::IpNet`, and a
// string from configuration must be parsed first.
fn main() {
    let office = "10.0.0.0/8";
    let _ = tarn::policy! {
        allow oss:GetObject on "acs:oss:*:*:bucket/*" when IpAddress(acs:SourceIp, <office>)
    };
}
