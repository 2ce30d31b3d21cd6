//! Seed 001 (Message Queue for Apache RocketMQ 4.x, "RAM authorization"): line 1, the seed's custom policy,
//! `mq:PUB` on the topics `TopicA` and `TopicB` of an instance without a namespace; lines 2 and 3, the
//! equivalents of the system policies AliyunMQPubOnlyAccess and AliyunMQSubOnlyAccess, which the seed
//! describes as publish (subscribe) permission on all resources of the account.
//!
//! `cargo run --example mq_custom_policy` prints one compact JSON policy a line.

fn main() {
    let custom = tarn::policy! { allow mq:PUB on acs:mq:*:*:TopicA, acs:mq:*:*:TopicB };
    let pub_only = tarn::policy! { allow mq:PUB on acs:mq:*:*:* };
    let sub_only = tarn::policy! { allow mq:SUB on acs:mq:*:*:* };
    for p in [custom, pub_only, sub_only] {
        println!("{}", p.to_json());
    }
}
