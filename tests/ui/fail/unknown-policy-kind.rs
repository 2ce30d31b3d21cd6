// The kinds are managed, inline_user, inline_role, inline_group, bucket, resource, trust, session, control.
fn main() {
    let _ = tarn::policy! { kind identity; allow mq:PUB on acs:mq:*:*:MQ_INST_1%TopicA };
}
