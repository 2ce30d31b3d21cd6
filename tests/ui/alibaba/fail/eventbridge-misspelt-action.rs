// EventBridge (RAM code `eventbridge`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `eventbridge` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow eventbridge:PutEevnts on "*" };
}
