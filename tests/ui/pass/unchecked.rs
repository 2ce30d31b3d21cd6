// `unchecked` before an action or a resource: a name tarn's catalog does not know, written on purpose. The
// syntax is still checked, and placeholders still bind validated segments.
fn main() -> Result<(), tarn::SegmentError> {
    let id = tarn::Segment::new("es-cn-001")?;
    let p = tarn::policy! { allow unchecked elasticsearch:DescribeInstance, unchecked elasticsearch:ListInstance on unchecked "acs:elasticsearch:*:*:instances/<id>" };
    assert_eq!(
        p.to_json(),
        r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["elasticsearch:DescribeInstance","elasticsearch:ListInstance"],"Resource":["acs:elasticsearch:*:*:instances/es-cn-001"]}]}"#
    );
    // RAM's wildcard service prefixes, as Alibaba's system policies write them.
    let p = tarn::policy! { cloud alibaba; allow *:Describe*, *:List* on * };
    assert!(p.to_json().contains(r#""Action":["*:Describe*","*:List*"]"#));
    Ok(())
}
