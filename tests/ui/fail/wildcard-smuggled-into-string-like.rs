// A `StringLike` value from run time could carry `*` and match every team: a `&str` or a `String` is a
// compile error, a `tarn::Literal` refuses `*` and `?`, and a `tarn::Glob` says on purpose that wildcards
// are wanted.
fn main() {
    let team = String::from("*");
    let _ = tarn::policy! {
        allow s3:GetObject on "arn:aws:s3:::reports/*" when StringLike(aws:PrincipalTag/team, <team>)
    };
}
