// A placeholder takes a validated segment; a plain &str could hold `*` and widen the grant.
fn main() {
    let inst = "MQ_INST_1";
    let topic = tarn::Segment::new("TopicA").unwrap();
    let _ = tarn::policy! {
        allow mq:QueryInstanceBaseInfo on acs:mq:*:*:<inst>;
        allow mq:PUB on acs:mq:*:*:<inst>%<topic>
    };
}
