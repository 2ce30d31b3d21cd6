// `/*` opens a block comment in Rust tokens, so `bucket/*` cannot be written bare: quote the ARN,
// `on "acs:oss:*:*:bucket/*"`. The compiler stops at the lexer; this case documents why the quoted form exists.
fn main() {
    let _ = tarn::policy! { allow oss:GetObject on acs:oss:*:*:bucket/* };
}
