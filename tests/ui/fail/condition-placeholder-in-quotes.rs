// `"<team>"` in quotes is the text `<team>`; a placeholder is written without quotes.
fn main() {
    let _ = tarn::policy! {
        allow s3:GetObject on "arn:aws:s3:::reports/*" when StringEquals(aws:PrincipalTag/team, "<team>")
    };
}
