//! Seed 003 (ApsaraMQ for RocketMQ, "RAM policies"), with instance `MQ_INST_1380156306793859_BcZwWZ9k`,
//! topic `Topic-test` and group `GID_test`:
//! line 1, Example 1 for an instance with a namespace; line 2, Example 1 for an instance without one;
//! line 3, Example 2, `mq:*` on everything in the instance (the trailing `*`). Each grants
//! `mq:QueryInstanceBaseInfo` on the instance first, as the seed requires; line 3's `*` covers it.
//!
//! `cargo run --example rocketmq` prints one compact JSON policy a line.

use tarn::{Segment, SegmentError};

fn main() -> Result<(), SegmentError> {
    let instance = Segment::new("MQ_INST_1380156306793859_BcZwWZ9k")?;
    let topic = Segment::new("Topic-test")?;
    let group = Segment::new("GID_test")?;
    let with_namespace = tarn::policy! {
        allow mq:QueryInstanceBaseInfo on "acs:mq:*:*:{instance}";
        allow mq:PUB, mq:SUB on "acs:mq:*:*:{instance}%{topic}";
        allow mq:SUB on "acs:mq:*:*:{instance}%{group}"
    };
    let without_namespace = tarn::policy! {
        allow mq:QueryInstanceBaseInfo on "acs:mq:*:*:{instance}";
        allow mq:PUB, mq:SUB on "acs:mq:*:*:{topic}";
        allow mq:SUB on "acs:mq:*:*:{group}"
    };
    let whole_instance = tarn::policy! { allow mq:* on "acs:mq:*:*:{instance}*" };
    for p in [with_namespace, without_namespace, whole_instance] {
        println!("{}", p.to_json());
    }
    Ok(())
}
