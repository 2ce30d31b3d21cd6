// All errors of one invocation are reported, not just the first.
fn main() {
    let _ = tarn::policy! {
        allow log:GetLogStor on "acs:log:*:*:project/p/logstore/l";
        allow log:GetLogStore on "acs:log:*:*:stores/app-log";
        allow log:GetLogStore on "acs:log:*:*:project/p/logstore/l" when StringEqual(acs:SourceVpc, "v")
    };
}
