// ApsaraMQ for Kafka (RAM code `alikafka`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `alikafka` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow alikafka:ListTpoic on "*" };
}
