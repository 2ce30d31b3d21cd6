// An action wildcard is an error only when none of its actions applies to any of the resources:
// every oss:PutBucket* action applies to buckets, none to objects.
fn main() {
    let _ = tarn::policy! { allow oss:PutBucket* on "acs:oss:*:*:bucket/logs/app.log" };
}
