//! `PolicySet::decide` allocates nothing per request: a counting global allocator around repeated
//! decisions (after a first one, which builds the ARN matchers each pattern keeps).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use tarn::eval::{Decision, PolicySet, Request, Role};
use tarn::Policy;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn deciding_allocates_nothing() {
    let identity = Policy::from_json(
        r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "arn:aws:s3:::data/*",
             "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]},
                           "StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "Data"},
                           "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}},
            {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
            {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*",
             "Condition": {"Null": {"aws:SourceVpc": "true"}, "StringNotEquals": {"aws:PrincipalTag/team": "${aws:username}"}}},
            {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}"#,
    )
    .unwrap();
    let bucket = Policy::from_json(
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]}"#,
    )
    .unwrap();
    let set = PolicySet::new().add(Role::Identity, &identity).add(Role::Resource, &bucket);
    let base = |action: &str| {
        Request::new(action, "arn:aws:s3:::data/report.csv")
            .unwrap()
            .principal("arn:aws:iam::123456789012:user/alice")
            .context("aws:SourceIp", "203.0.113.7")
            .context("aws:PrincipalTag/team", "data")
            .context("aws:TagKeys", "team")
            .context("aws:username", "alice")
    };
    let cases = [
        (base("s3:GetObject"), Decision::Allow),
        (base("s3:DeleteObject"), Decision::ExplicitDeny),
        (base("s3:PutObject"), Decision::ExplicitDeny),
        (base("s3:PutObject").context("aws:SourceVpc", "vpc-1"), Decision::ImplicitDeny),
        (base("s3:ListBucket").context("aws:SourceIp", "198.51.100.1"), Decision::Allow),
    ];
    for (r, expected) in &cases {
        assert_eq!(set.decide(r), *expected);
    }
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..100 {
        for (r, expected) in &cases {
            assert_eq!(set.decide(r), *expected);
        }
    }
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    assert_eq!(after - before, 0, "decisions allocated {} times", after - before);
    // The counter counts: an explanation of an Allow lists its statements, which allocates.
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let e = set.evaluate(&cases[0].0);
    assert!(ALLOCATIONS.load(Ordering::Relaxed) > before);
    assert_eq!(e.statements.len(), 2);
}
