// IpAddress compares addresses: `/33` is no IPv4 prefix.
fn main() {
    let _ = tarn::policy! {
        allow oss:GetObject on "acs:oss:*:*:bucket/*" when IpAddress(acs:SourceIp, "10.0.0.0/33")
    };
}
