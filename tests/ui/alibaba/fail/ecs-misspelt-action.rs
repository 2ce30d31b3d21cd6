// Elastic Compute Service (ECS) (RAM code `ecs`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `ecs` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow ecs:DeleteIsntance on "acs:ecs:cn-hangzhou:123456789012:instance/example-instance" };
}
