// Expenses and Costs / Billing (BSS, console-compatible permission points) (RAM code `bss`): a misspelt action is a compile error with "did you mean". tarn's catalog of
// `bss` is incomplete, so the help also says how to write a name it does not know.
fn main() {
    let _ = tarn::policy! { allow bss:DescribeOdrerList on "*" };
}
