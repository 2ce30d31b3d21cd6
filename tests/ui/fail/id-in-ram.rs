// RAM policies have no Id.
fn main() {
    let _ = tarn::policy! { id "publishers"; allow mq:PUB on acs:mq:*:*:MQ_INST_1%TopicA };
}
