// RAM has no IfExists operators.
fn main() {
    let _ = tarn::policy! {
        allow oss:GetObject on "acs:oss:*:*:bucket/*" when StringEqualsIfExists(acs:SourceVpc, "vpc-1")
    };
}
