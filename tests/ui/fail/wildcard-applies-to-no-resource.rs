// An action wildcard is an error only when none of its actions applies to any of the resources:
// every s3:PutBucket* action applies to buckets, none to objects. (In a service whose catalog is incomplete,
// as all of Alibaba Cloud's are, the expansion is not all the wildcard covers, and the fit is not checked.)
fn main() {
    let _ = tarn::policy! { allow s3:PutBucket* on "arn:aws:s3:::bucket/logs/app.log" };
}
