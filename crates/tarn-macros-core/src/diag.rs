//! Compile errors at the user's tokens, and warnings through a deprecated item.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// One diagnostic: a message, optional help, and the first and last span of the tokens it is about.
#[derive(Debug, Clone)]
pub struct Diag {
    /// The first token's span.
    pub start: Span,
    /// The last token's span.
    pub end: Span,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
}

impl Diag {
    /// A diagnostic from `start` to `end`.
    pub fn new(start: Span, end: Span, message: String) -> Self {
        Self { start, end, message, help: None }
    }

    /// Adds help.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds help if there is some.
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// The text a compiler shows.
    pub fn text(&self) -> String {
        match &self.help {
            Some(h) => format!("{}\n\nhelp: {h}", self.message),
            None => self.message.clone(),
        }
    }

    /// `::core::compile_error! { "…" }`, with the path at the first token and the braces at the last, so
    /// that the compiler underlines everything in between (a multi-token span on stable Rust).
    pub fn to_compile_error(&self) -> TokenStream {
        let mut out: Vec<TokenTree> = Vec::new();
        let colon = |spacing| {
            let mut p = Punct::new(':', spacing);
            p.set_span(self.start);
            TokenTree::Punct(p)
        };
        out.push(colon(Spacing::Joint));
        out.push(colon(Spacing::Alone));
        out.push(TokenTree::Ident(Ident::new("core", self.start)));
        out.push(colon(Spacing::Joint));
        out.push(colon(Spacing::Alone));
        out.push(TokenTree::Ident(Ident::new("compile_error", self.start)));
        let mut bang = Punct::new('!', Spacing::Alone);
        bang.set_span(self.start);
        out.push(TokenTree::Punct(bang));
        let mut lit = Literal::string(&self.text());
        lit.set_span(self.end);
        let mut body = Group::new(Delimiter::Brace, TokenStream::from(TokenTree::Literal(lit)));
        body.set_span(self.end);
        out.push(TokenTree::Group(body));
        out.into_iter().collect()
    }

    /// A warning: the use of a deprecated constant at the tokens, whose note is the message. Stable proc
    /// macros cannot emit warnings; a `#[deprecated]` item used at the user's span can.
    pub fn to_warning(&self, name: &str) -> TokenStream {
        let item = Ident::new(name, Span::call_site());
        let used = Ident::new(name, self.start);
        let note = Literal::string(&self.text());
        quote::quote! {
            {
                #[deprecated(note = #note)]
                #[allow(non_upper_case_globals)]
                const #item: () = ();
                #used
            };
        }
    }
}
