// `unchecked` before an action or a resource: a name tarn's catalog does not know, written on purpose. The
// syntax is still checked, and placeholders still bind validated segments.
fn main() -> Result<(), tarn::SegmentError> {
    let id = tarn::Segment::new("i-001")?;
    let p = tarn::policy! { allow unchecked ecs:StartInstance, unchecked ecs:StopInstance on unchecked "acs:ecs:*:*:instance/<id>" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:StartInstance","ecs:StopInstance"],"Resource":["acs:ecs:*:*:instance/i-001"]}]}"#
    );
    // RAM's wildcard service prefixes, as Alibaba's system policies write them.
    let p = tarn::policy! { cloud alibaba; allow *:Describe*, *:List* on * };
    assert!(p.to_json().contains(r#""Action":["*:Describe*","*:List*"]"#));
    Ok(())
}
