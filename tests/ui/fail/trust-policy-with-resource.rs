// A trust policy is about the role itself: it has no Resource.
fn main() {
    let _ = tarn::policy! { kind trust; allow sts:AssumeRole on * to service "ecs.aliyuncs.com" };
}
