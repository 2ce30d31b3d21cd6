// RAM statements have no Sid.
fn main() {
    let _ = tarn::policy! { sid "Publish" allow mq:PUB on acs:mq:*:*:MQ_INST_1%TopicA };
}
