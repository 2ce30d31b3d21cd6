// Simple Message Queue (formerly MNS) (RAM code `mns`): an action of tarn's catalog, checked against its resource types.
// `mns:SendMessage` applies to the `message` resource type (`acs:mns:${RegionId}:${AccountId}:/queues/${QueueName}/messages`), which this ARN fits.
fn main() {
    let p = tarn::policy! { allow mns:SendMessage on "acs:mns:cn-hangzhou:123456789012:/queues/example-queue/messages" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["mns:SendMessage"],"Resource":["acs:mns:cn-hangzhou:123456789012:/queues/example-queue/messages"]}]}"#
    );
}
