// Cloud Config (RAM code `config`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `config` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { cloud alibaba; allow config:ListConifgRules on "*" };
}
