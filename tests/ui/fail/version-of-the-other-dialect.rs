// RAM's only version is "1".
fn main() {
    let _ = tarn::policy! { version "2012-10-17"; allow mq:PUB on acs:mq:*:*:MQ_INST_1%TopicA };
}
