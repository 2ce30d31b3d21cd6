// A condition key that neither the global keys nor the service has.
fn main() {
    let _ = tarn::policy! {
        allow oss:GetObject on "acs:oss:*:*:bucket/*" when IpAddress(acs:SourceIpp, "10.0.0.0/8")
    };
}
