//! The logic of `tarn::policy!`: read the grammar ([`parse`](crate::parse)), check it against the rules and
//! catalogs ([`check()`]), expand to direct construction of `tarn::Policy` (`expand`). An ordinary library,
//! so that it can be tested on token streams; the proc-macro crate `tarn-macros` only calls [`expand()`].

mod check;
mod diag;
mod expand;
mod parse;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

pub use check::{check, Checked};
pub use diag::Diag;

/// Expands `policy!`. The input starts with the path of the `tarn` crate in parentheses (the
/// `macro_rules!` wrapper passes `$crate`), then the policy.
pub fn expand(input: TokenStream) -> TokenStream {
    let mut it = input.into_iter().peekable();
    let krate = match it.peek() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
            let k = g.stream();
            it.next();
            k
        }
        _ => quote!(::tarn),
    };
    let body: TokenStream = it.collect();
    let (checked, diags, warnings) = check(body);
    match checked {
        Some(policy) if diags.is_empty() => {
            let warn: TokenStream = warnings.iter().map(|(name, w)| w.to_warning(name)).collect();
            let code = expand::generate(&krate, &policy);
            quote!({ #warn #code })
        }
        _ => {
            let errors: TokenStream = diags.iter().map(Diag::to_compile_error).collect();
            quote!({ #errors; #krate::__private::after_error() })
        }
    }
}

#[cfg(test)]
mod tests;
