// Alibaba Cloud principals: the RAM/Service/Federated map of trust policies, and the flat UID list of OSS
// bucket policies.
fn main() {
    let trust = tarn::policy! {
        kind trust;
        allow sts:AssumeRole to ram "acs:ram::1234567890123456:root", service "ecs.aliyuncs.com"
    };
    assert_eq!(
        trust.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Principal":{"RAM":["acs:ram::1234567890123456:root"],"Service":["ecs.aliyuncs.com"]},"Action":["sts:AssumeRole"]}]}"#
    );
    let bucket = tarn::policy! {
        kind bucket;
        allow oss:GetObject on "acs:oss:*:*:automq-ops-bucket/*" to uid "1431115939942888"
    };
    assert_eq!(
        bucket.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Principal":["1431115939942888"],"Action":["oss:GetObject"],"Resource":["acs:oss:*:*:automq-ops-bucket/*"]}]}"#
    );
}
