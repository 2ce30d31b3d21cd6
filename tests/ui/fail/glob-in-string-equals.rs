// A `tarn::Glob` is for `…Like` operators only: under `StringEquals` its `*` would be compared as text.
fn main() -> Result<(), tarn::LiteralError> {
    let team = tarn::Glob::new("team-*")?;
    let _ = tarn::policy! {
        allow s3:GetObject on "arn:aws:s3:::reports/*" when StringEquals(aws:PrincipalTag/team, <team>)
    };
    Ok(())
}
