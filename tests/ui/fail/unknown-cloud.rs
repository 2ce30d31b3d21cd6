// The cloud marker takes `alibaba` or `aws`.
fn main() {
    let _ = tarn::policy! { cloud azure; allow sts:AssumeRole on * };
}
