//! Seed 002 (Log Service, "authorization rules"): resources form a hierarchy under
//! `acs:log:${region}:${uid}:project/${project}`, and the cursor APIs (`GetCursor`, `GetCursorTime`)
//! need `log:GetCursorOrData`.
//!
//! Line 1: a consumer of logstore `app-log` in project `my-project` (region `cn-hangzhou`, account
//! `1234567890123456`) that pulls data through the consumer group `cg-1`: cursor reads and shard listing
//! on the logstore, the consumer group's own actions on the group, and the two actions that the catalog
//! lists without resource-level permissions (heartbeat, checkpoint update) on `*`.
//! Line 2: an operator who may create resources in the project, with the wildcard `log:Create*`.
//!
//! `cargo run --example log_service` prints one compact JSON policy a line.

use tarn::{Segment, SegmentError};

fn main() -> Result<(), SegmentError> {
    let (region, account) = (Segment::new("cn-hangzhou")?, Segment::new("1234567890123456")?);
    let (project, logstore, group) =
        (Segment::new("my-project")?, Segment::new("app-log")?, Segment::new("cg-1")?);
    let consumer = tarn::policy! {
        allow log:GetCursorOrData, log:ListShards
            on "acs:log:<region>:<account>:project/<project>/logstore/<logstore>";
        allow log:ListConsumerGroup, log:GetConsumerGroupCheckPoint, log:UpdateConsumerGroup
            on "acs:log:<region>:<account>:project/<project>/logstore/<logstore>/consumergroup/<group>";
        allow log:ConsumerGroupHeartBeat, log:ConsumerGroupUpdateCheckPoint on *
    };
    let operator = tarn::policy! {
        allow log:Create* on "acs:log:<region>:<account>:project/<project>/*"
    };
    println!("{}", consumer.to_json());
    println!("{}", operator.to_json());
    Ok(())
}
