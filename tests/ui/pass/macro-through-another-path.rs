// The expansion refers to tarn through `$crate`, so it works whatever path names the macro.
use tarn as renamed;

fn main() {
    let p = renamed::policy! { allow log:GetLogStore on "acs:log:*:*:project/p/logstore/l" };
    assert_eq!(p.statements().len(), 1);
}
