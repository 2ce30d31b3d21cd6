//! The expansion of a checked `policy!`: one call with the statements as constant data.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use tarn_core::Dialect;

use crate::check::{CPrincipal, CResource, CValue, Checked};

/// The expansion: one call with the statements as constant data; only the segments bound to placeholders
/// are run-time values.
pub(crate) fn generate(krate: &TokenStream, c: &Checked) -> TokenStream {
    let dialect = match c.dialect {
        Dialect::Ram => quote!(#krate::Dialect::Ram),
        Dialect::Iam => quote!(#krate::Dialect::Iam),
    };
    let p = quote!(#krate::__private);
    let statements = c.statements.iter().map(|s| {
        let allow = s.allow;
        let sid = match &s.sid {
            Some(sid) => quote!(::core::option::Option::Some(#sid)),
            None => quote!(::core::option::Option::None),
        };
        let not_action = s.not_action;
        let actions = &s.actions;
        let resources = if s.resources.is_empty() {
            quote!(::core::option::Option::None)
        } else {
            let items = s.resources.iter().map(|r| match r {
                CResource::Static(t) => quote!(#p::R::Static(#t)),
                CResource::Rendered { pieces, binds } => {
                    let binds = binds.iter().map(|b| quote::quote_spanned!(b.span()=> #p::bind(&#b)));
                    quote!(#p::R::Rendered(&[#(#pieces),*], &[#(#binds),*]))
                }
            });
            let not = s.not_resource;
            quote!(::core::option::Option::Some((#not, &[#(#items),*])))
        };
        let principal = match &s.principal {
            None => quote!(::core::option::Option::None),
            Some((not, pr)) => {
                let pr = match pr {
                    CPrincipal::Any => quote!(#p::P::Any),
                    CPrincipal::Uids(u) => quote!(#p::P::Uids(&[#(#u),*])),
                    CPrincipal::Map(m) => {
                        let entries = m.iter().map(|(k, v)| {
                            let kind = Ident::new(&format!("{k:?}"), Span::call_site());
                            quote!((#krate::PrincipalKind::#kind, &[#(#v),*]))
                        });
                        quote!(#p::P::Map(&[#(#entries),*]))
                    }
                };
                quote!(::core::option::Option::Some((#not, #pr)))
            }
        };
        let bound = s.conditions.iter().flat_map(|(_, _, v)| v).any(|v| matches!(v, CValue::Bound(..)));
        let conditions = s.conditions.iter().map(|(op, key, values)| {
            let base = Ident::new(op.base().as_str(), Span::call_site());
            let mut op_tokens = quote!(#krate::Operator::new(#krate::BaseOperator::#base));
            if op.if_exists() {
                op_tokens = quote!(#op_tokens.if_exists_variant());
            }
            if let Some(set) = op.set() {
                let set = Ident::new(set.as_str(), Span::call_site());
                op_tokens = quote!(#op_tokens.with_set(#krate::SetQualifier::#set));
            }
            let vals = values.iter().map(|v| match v {
                CValue::Static(text, json) => {
                    let json = Ident::new(&format!("{json:?}"), Span::call_site());
                    quote!(#p::V::Static(#text, #krate::JsonType::#json))
                }
                CValue::Bound(name, binder) => {
                    let binder = Ident::new(binder, name.span());
                    quote::quote_spanned!(name.span()=> #p::#binder(&#name))
                }
            });
            quote!(#p::C { op: #op_tokens, key: #key, values: &[#(#vals),*] })
        });
        // Constant data unless a value is bound at run time.
        let conditions =
            if bound { quote!(&[#(#conditions),*]) } else { quote!(const { &[#(#conditions),*] }) };
        quote!(#p::S {
            allow: #allow,
            sid: #sid,
            not_action: #not_action,
            actions: &[#(#actions),*],
            resources: #resources,
            principal: #principal,
            conditions: #conditions,
        })
    });
    let version = Ident::new(&format!("{:?}", c.version), Span::call_site());
    let id = match &c.id {
        Some(id) => quote!(::core::option::Option::Some(#id)),
        None => quote!(::core::option::Option::None),
    };
    let lets = c.lets.iter().map(|binding| quote!(let #binding;));
    quote!(#(#lets)* #p::build(#dialect, #krate::Version::#version, #id, &[#(#statements),*]))
}
