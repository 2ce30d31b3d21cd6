// sts:AssumeRole on `*` exists in both clouds: say which one.
fn main() {
    let _ = tarn::policy! { allow sts:AssumeRole on * };
}
