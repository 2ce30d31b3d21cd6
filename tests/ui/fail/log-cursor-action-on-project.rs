// log:GetCursorOrData reads a logstore, not a project.
fn main() {
    let _ = tarn::policy! { allow log:GetCursorOrData on "acs:log:*:*:project/my-project" };
}
