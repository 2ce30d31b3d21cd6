// A `let` binding is type-checked where it is used: a `Date…` placeholder takes a `tarn::Date`, not the
// text of one.
fn main() {
    let _ = tarn::policy! {
        let until = String::from("2030-01-01");
        allow oss:GetObject on "acs:oss:*:*:bucket/*" when DateLessThan(acs:CurrentTime, <until>)
    };
}
