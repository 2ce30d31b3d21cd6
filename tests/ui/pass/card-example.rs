// The card example, verbatim: placeholders bind validated segments in scope. It compiles with the
// RocketMQ prerequisite warning (see fail/rocketmq-prerequisite-is-a-warning.rs), which is allowed here.
#![allow(deprecated)]

fn main() -> Result<(), tarn::SegmentError> {
    let inst = tarn::Segment::new("MQ_INST_1")?;
    let topic = tarn::Segment::new("Topic-test")?;
    let p = tarn::policy! { allow mq:PUB on acs:mq:*:*:<inst>%<topic> };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["mq:PUB"],"Resource":["acs:mq:*:*:MQ_INST_1%Topic-test"]}]}"#
    );
    Ok(())
}
