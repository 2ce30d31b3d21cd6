// A condition key that neither AWS's global keys nor the service has (AWS's catalog is complete: an error).
// RAM's global keys are known in part: an unknown `acs:` key is a warning, `tarn_not_in_catalog`.
fn main() {
    let _ = tarn::policy! {
        allow s3:GetObject on "arn:aws:s3:::bucket/*" when IpAddress(aws:SourceIpp, "10.0.0.0/8")
    };
}
