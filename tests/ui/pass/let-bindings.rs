// `let NAME = EXPR;` in the header: any expression, evaluated once and in order before the policy is built,
// in the caller's function (so `?` works), and bound like a variable in scope.
struct Config {
    bucket: String,
    prefix: String,
}

fn build(cfg: &Config, calls: &std::cell::Cell<u32>) -> Result<tarn::Policy, tarn::SegmentError> {
    let p = tarn::policy! {
        let bucket = { calls.set(calls.get() + 1); tarn::Segment::new(&cfg.bucket)? };
        let prefix = tarn::Segment::new(format!("{}-logs", cfg.prefix))?;
        allow s3:GetObject on "arn:aws:s3:::<bucket>/<prefix>/*", "arn:aws:s3:::<bucket>/shared/*"
    };
    Ok(p)
}

fn main() {
    let calls = std::cell::Cell::new(0);
    let cfg = Config { bucket: "ops".to_owned(), prefix: "app".to_owned() };
    let p = build(&cfg, &calls).unwrap();
    assert_eq!(calls.get(), 1, "each binding is evaluated once");
    assert_eq!(
        p.to_json(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::ops/app-logs/*","arn:aws:s3:::ops/shared/*"]}]}"#
    );
    // `?` returns the caller's error: nothing from configuration reaches the policy unvalidated.
    let bad = Config { bucket: "ops*".to_owned(), prefix: "app".to_owned() };
    assert_eq!(build(&bad, &calls).unwrap_err().to_string(), "`ops*` contains `*`, which would act as a wildcard");
}
