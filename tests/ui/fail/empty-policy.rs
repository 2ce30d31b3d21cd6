// A policy has at least one statement.
fn main() {
    let _ = tarn::policy! {};
}
