// Simple Message Queue (formerly MNS) (RAM code `mns`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `mns` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow mns:SendMsesage on "acs:mns:cn-hangzhou:123456789012:/queues/example-queue/messages" };
}
