// A resource of another service than the statement's actions.
fn main() {
    let _ = tarn::policy! { allow mq:PUB on "acs:oss:*:*:bucket/*" };
}
