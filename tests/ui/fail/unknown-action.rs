// An action the catalog does not have, with "did you mean".
fn main() {
    let _ = tarn::policy! { allow log:GetLogStor on "acs:log:*:*:project/p/logstore/l" };
}
