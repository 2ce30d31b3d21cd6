// A `let` binding is one Rust expression ended by `;`: a missing `;` is reported at the binding, not as an
// error of the expansion.
fn main() {
    let _ = tarn::policy! {
        let bucket = tarn::Segment::new("ops").unwrap()
        allow s3:GetObject on "arn:aws:s3:::<bucket>/*"
    };
}
