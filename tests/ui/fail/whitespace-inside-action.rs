// `log: GetLogStore` has a space after the colon.
fn main() {
    let _ = tarn::policy! { allow log: GetLogStore on "acs:log:*:*:project/p/logstore/l" };
}
