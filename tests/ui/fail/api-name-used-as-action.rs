// An OpenAPI operation name is not an action: the help names the action it needs.
fn main() {
    let _ = tarn::policy! { allow mq:OnsTopicCreate on acs:mq:*:*:MQ_INST_1 };
}
