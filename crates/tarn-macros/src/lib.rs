//! The `policy!` proc macro. Use it as `tarn::policy!`, which passes the path of the `tarn` crate along so
//! that expansions work however the dependency is named; the logic lives in `tarn-macros-core`.

/// See `tarn::policy!`.
#[proc_macro]
pub fn policy(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    tarn_macros_core::expand(input.into()).into()
}
