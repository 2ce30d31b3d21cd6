// An action wildcard that expands to nothing.
fn main() {
    let _ = tarn::policy! { allow log:Frobnicate* on "acs:log:*:*:project/p" };
}
