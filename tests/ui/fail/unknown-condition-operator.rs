// An unknown operator is an error, never a condition that holds.
fn main() {
    let _ = tarn::policy! {
        allow oss:GetObject on "acs:oss:*:*:bucket/*" when StringEqual(acs:SourceVpc, "vpc-1")
    };
}
