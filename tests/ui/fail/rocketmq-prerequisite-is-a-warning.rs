// Granting on a topic without mq:QueryInstanceBaseInfo on its instance is a warning (a deprecation,
// the one warning a stable proc macro can emit), made an error here with `deny`. Acknowledge it with
// `acknowledge mq:QueryInstanceBaseInfo;` when another policy grants it.
#![deny(deprecated)]

fn main() {
    let inst = tarn::Segment::new("MQ_INST_1").unwrap();
    let topic = tarn::Segment::new("TopicA").unwrap();
    let _ = tarn::policy! { allow mq:PUB on acs:mq:*:*:<inst>%<topic> };
}
