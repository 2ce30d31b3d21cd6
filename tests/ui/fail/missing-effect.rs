// A statement starts with `allow` or `deny`.
fn main() {
    let _ = tarn::policy! { permit mq:PUB on acs:mq:*:*:MQ_INST_1%TopicA };
}
