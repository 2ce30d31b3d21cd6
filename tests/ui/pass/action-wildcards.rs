// Action wildcards: `log:Create*`, `mq:*`, and `*` (with an explicit cloud when nothing else tells it).
fn main() {
    let p = tarn::policy! { allow log:Create* on "acs:log:*:*:project/my-project/*" };
    assert!(p.to_json().contains(r#""Action":["log:Create*"]"#));
    let p = tarn::policy! { allow mq:* on acs:mq:*:*:MQ_INST_1* };
    assert!(p.to_json().contains(r#""Action":["mq:*"],"Resource":["acs:mq:*:*:MQ_INST_1*"]"#));
    let p = tarn::policy! { cloud alibaba; deny * on * };
    assert_eq!(p.to_json(), r#"{"Version":"1","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"]}]}"#);
}
