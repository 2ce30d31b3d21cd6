// Resources as string literals, which always work (`bucket/*` cannot be written as bare tokens: `/*` opens
// a comment), with placeholders in both forms, `<name>` and `{name}`.
fn main() -> Result<(), tarn::SegmentError> {
    let bucket = tarn::Segment::new("automq-ops-bucket")?;
    let project = tarn::Segment::new("my-project")?;
    let p = tarn::policy! {
        allow oss:GetObject, oss:ListObjects on "acs:oss:*:*:<bucket>", "acs:oss:*:*:{bucket}/*";
        allow log:GetLogStore on acs:log:cn-hangzhou:1234567890123456:project/<project>/logstore/app-log
    };
    assert_eq!(
        p.to_json(),
        concat!(
            r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["oss:GetObject","oss:ListObjects"],"#,
            r#""Resource":["acs:oss:*:*:automq-ops-bucket","acs:oss:*:*:automq-ops-bucket/*"]},"#,
            r#"{"Effect":"Allow","Action":["log:GetLogStore"],"#,
            r#""Resource":["acs:log:cn-hangzhou:1234567890123456:project/my-project/logstore/app-log"]}]}"#
        )
    );
    Ok(())
}
