// A Log Service resource that fits none of its formats: the help lists them.
fn main() {
    let _ = tarn::policy! { allow log:GetLogStore on "acs:log:*:*:stores/app-log" };
}
