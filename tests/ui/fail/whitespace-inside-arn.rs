// `Topic - test` is three tokens with spaces between them: not the name `Topic-test`.
fn main() {
    let _ = tarn::policy! { allow mq:PUB on acs:mq:*:*:MQ_INST_1%Topic - test };
}
