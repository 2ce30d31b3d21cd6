//! The grammar of `policy!`, read from tokens into a small syntax tree with spans.

use proc_macro2::{Delimiter, Ident, Literal, Span, TokenStream, TokenTree};

use crate::diag::Diag;

/// A piece of source: its text and the first and last token's spans.
#[derive(Debug, Clone)]
pub struct Spanned {
    pub text: String,
    pub start: Span,
    pub end: Span,
}

#[derive(Debug, Clone)]
pub struct Resource {
    pub src: Spanned,
    /// `unchecked` written before it: the catalog need not know its format.
    pub unchecked: Option<Spanned>,
    /// Written as a string literal.
    pub quoted: bool,
    /// Placeholders of a bare resource: the identifier tokens (their spans bind the variables).
    pub bare_placeholders: Vec<Ident>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrincipalKw {
    Any,
    Aws,
    Ram,
    Service,
    Federated,
    CanonicalUser,
    Uid,
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub kind: PrincipalKw,
    pub kw: Spanned,
    pub value: Option<Spanned>,
}

#[derive(Debug, Clone)]
pub enum CondValue {
    Str(Spanned),
    Num(Spanned),
    Bool(Spanned),
    /// `<name>`: the variable `name` (its token, whose span binds it), and the source from `<` to `>`.
    Placeholder(Ident, Spanned),
}

impl CondValue {
    pub fn src(&self) -> &Spanned {
        match self {
            CondValue::Str(s) | CondValue::Num(s) | CondValue::Bool(s) | CondValue::Placeholder(_, s) => s,
        }
    }
}

/// `let NAME = EXPR;` or `let NAME: TYPE = EXPR;`: a binding evaluated before the policy is built.
#[derive(Debug, Clone)]
pub struct Let {
    /// Everything after `let` up to the `;`, as written (checked to be `NAME (: TYPE)? = EXPR`).
    pub tokens: TokenStream,
}

#[derive(Debug, Clone)]
pub struct Cond {
    pub op: Spanned,
    pub key: Spanned,
    pub values: Vec<CondValue>,
}

#[derive(Debug, Clone)]
pub struct Statement {
    pub sid: Option<Spanned>,
    pub allow: bool,
    pub effect: Spanned,
    pub not_action: bool,
    pub actions: Vec<Spanned>,
    /// For each action, the `unchecked` written before it, if any.
    pub unchecked_actions: Vec<Option<Spanned>>,
    pub not_resource: bool,
    pub resources: Vec<Resource>,
    pub not_principal: bool,
    pub principals: Vec<Principal>,
    pub principal_kw: Option<Spanned>,
    pub conditions: Vec<Cond>,
}

#[derive(Debug, Clone, Default)]
pub struct Input {
    pub cloud: Option<Spanned>,
    pub version: Option<Spanned>,
    pub id: Option<Spanned>,
    pub kind: Option<Spanned>,
    pub acknowledged: Vec<Spanned>,
    pub lets: Vec<Let>,
    pub statements: Vec<Statement>,
}

struct Cursor {
    toks: Vec<TokenTree>,
    i: usize,
    /// Where the input ends, for errors about what is missing.
    last: Span,
}

const KEYWORDS: &[&str] = &["on", "to", "when", "and"];

/// Whether `b` starts right where `a` ends; `None` when positions are unknown (rust-analyzer reads every
/// position as 1:1, and an unknown is never taken for a gap).
pub fn adjacent(a: Span, b: Span) -> Option<bool> {
    let (end, start) = (a.end(), b.start());
    // Every token is at least one character wide: a token that ends where it starts has no real position.
    if end.line == 0 || start.line == 0 || a.start() == end || b.end() == start {
        return None;
    }
    Some(end == start)
}

fn tok_text(t: &TokenTree) -> String {
    match t {
        TokenTree::Ident(i) => i.to_string(),
        TokenTree::Punct(p) => p.as_char().to_string(),
        TokenTree::Literal(l) => l.to_string(),
        TokenTree::Group(g) => g.to_string(),
    }
}

fn is_ident(t: Option<&TokenTree>, word: &str) -> bool {
    matches!(t, Some(TokenTree::Ident(i)) if *i == word)
}

fn is_punct(t: Option<&TokenTree>, c: char) -> bool {
    matches!(t, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// The value of a string literal token (`"…"` with escapes, or a raw string), or `None`.
pub fn string_value(lit: &Literal) -> Option<String> {
    let s = lit.to_string();
    if let Some(raw) = s.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..raw.len().checked_sub(hashes)?)?;
        return body.strip_prefix('"')?.strip_suffix('"').map(str::to_owned);
    }
    let body = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            '\n' => {
                while chars.clone().next().is_some_and(char::is_whitespace) {
                    chars.next();
                }
            }
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                let rest: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let code = u32::from_str_radix(rest.trim_start_matches('{'), 16).ok()?;
                out.push(char::from_u32(code)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

impl Cursor {
    fn peek(&self) -> Option<&TokenTree> {
        self.toks.get(self.i)
    }

    /// Takes the next token if `f` accepts it; otherwise stays where it is.
    fn take<T>(&mut self, f: impl FnOnce(&TokenTree) -> Option<T>) -> Option<T> {
        let v = self.peek().and_then(f)?;
        self.i += 1;
        Some(v)
    }

    fn next(&mut self) -> Option<TokenTree> {
        let t = self.toks.get(self.i).cloned();
        if t.is_some() {
            self.i += 1;
        }
        t
    }

    fn span_here(&self) -> Span {
        self.peek().map_or(self.last, TokenTree::span)
    }

    fn at_statement_end(&self) -> bool {
        self.peek().is_none() || is_punct(self.peek(), ';')
    }

    fn at_keyword(&self) -> bool {
        KEYWORDS.iter().any(|k| is_ident(self.peek(), k))
    }

    /// Skips to the end of the statement (after an error).
    fn skip_statement(&mut self) {
        while !self.at_statement_end() {
            self.i += 1;
        }
    }

    fn expected(&self, what: &str) -> Diag {
        let (span, found) = match self.peek() {
            Some(t) => (t.span(), format!("`{}`", tok_text(t))),
            None => (self.last, "the end of the policy".to_owned()),
        };
        Diag::new(span, span, format!("expected {what}, found {found}"))
    }

    /// A run of adjacent tokens (no whitespace between them) that stops at `,`, `;`, a gap, or (when
    /// positions are unknown) a keyword.
    fn run(&mut self) -> Option<(Vec<TokenTree>, Option<Span>)> {
        let first = self.peek()?.clone();
        if is_punct(Some(&first), ',') || is_punct(Some(&first), ';') {
            return None;
        }
        let mut toks = vec![first];
        self.i += 1;
        let mut gap = None;
        while let Some(t) = self.peek() {
            if is_punct(Some(t), ',') || is_punct(Some(t), ';') || matches!(t, TokenTree::Group(_)) {
                break;
            }
            let prev = toks.last().map_or(self.last, TokenTree::span);
            match adjacent(prev, t.span()) {
                Some(true) => {}
                Some(false) => {
                    gap = Some(t.span());
                    break;
                }
                None if self.at_keyword() => break,
                None => {}
            }
            toks.push(t.clone());
            self.i += 1;
        }
        Some((toks, gap))
    }
}

fn spanned_of(toks: &[TokenTree]) -> Spanned {
    let text: String = toks.iter().map(tok_text).collect();
    let start = toks.first().map_or_else(Span::call_site, TokenTree::span);
    let end = toks.last().map_or(start, TokenTree::span);
    Spanned { text, start, end }
}

/// A string literal token as [`Spanned`] (its value, unescaped).
fn string_literal(t: &TokenTree) -> Option<Spanned> {
    match t {
        TokenTree::Literal(l) => string_value(l).map(|v| lit_spanned(l, v)),
        _ => None,
    }
}

fn lit_spanned(l: &Literal, text: String) -> Spanned {
    Spanned { text, start: l.span(), end: l.span() }
}

fn ident_spanned(i: &Ident) -> Spanned {
    Spanned { text: i.to_string(), start: i.span(), end: i.span() }
}

/// Reads the whole input; every syntax error found is returned, and reading resumes at the next `;`.
pub fn parse(input: TokenStream, diags: &mut Vec<Diag>) -> Input {
    let toks: Vec<TokenTree> = input.into_iter().collect();
    let last = toks.last().map_or_else(Span::call_site, TokenTree::span);
    let mut c = Cursor { toks, i: 0, last };
    let mut out = Input::default();
    if c.peek().is_none() {
        diags.push(
            Diag::new(Span::call_site(), Span::call_site(), "empty policy".to_owned())
                .help("write at least one statement, e.g. `allow mq:PUB on acs:mq:*:*:<inst>%<topic>`"),
        );
        return out;
    }
    while c.peek().is_some() {
        if is_punct(c.peek(), ';') {
            c.i += 1;
            continue;
        }
        let header = ["cloud", "kind", "acknowledge", "version", "id", "let"]
            .into_iter()
            .find(|w| is_ident(c.peek(), w));
        let result = match header {
            Some(word) => header_item(&mut c, word, &mut out),
            None => statement(&mut c).map(|s| out.statements.push(s)),
        };
        if let Err(d) = result {
            diags.push(d);
            c.skip_statement();
        }
        if !c.at_statement_end() {
            diags.push(c.expected("`;` between statements"));
            c.skip_statement();
        }
    }
    out
}

fn header_item(c: &mut Cursor, word: &str, out: &mut Input) -> Result<(), Diag> {
    c.i += 1; // the header keyword
    match word {
        "let" => {
            let binding = let_binding(c)?;
            out.lets.push(binding);
            Ok(())
        }
        "cloud" | "kind" => {
            let Some(value) = c.take(|t| match t {
                TokenTree::Ident(i) => Some(i.clone()),
                _ => None,
            }) else {
                let what =
                    if word == "cloud" { "`alibaba` or `aws`" } else { "a policy kind such as `bucket`" };
                return Err(c.expected(what));
            };
            let s = ident_spanned(&value);
            if word == "cloud" {
                out.cloud = Some(s);
            } else {
                out.kind = Some(s);
            }
            Ok(())
        }
        "version" | "id" => match c.take(string_literal) {
            Some(s) => {
                if word == "version" {
                    out.version = Some(s);
                } else {
                    out.id = Some(s);
                }
                Ok(())
            }
            None => Err(c.expected(if word == "version" {
                "a version string such as `\"2008-10-17\"`"
            } else {
                "the policy ID as a string"
            })),
        },
        _ => {
            let action = action(c)?;
            out.acknowledged.push(action);
            Ok(())
        }
    }
}

/// `let NAME = EXPR` or `let NAME: TYPE = EXPR` (after `let`), up to the `;` that ends it. The type and the
/// expression are parsed with syn, so that a mistake in them, or a missing `;`, is reported here rather
/// than as a confusing error of the expansion.
fn let_binding(c: &mut Cursor) -> Result<Let, Diag> {
    let Some(name) = c.take(|t| match t {
        TokenTree::Ident(i) if *i != "mut" => Some(i.clone()),
        _ => None,
    }) else {
        return Err(c.expected("a name to bind, e.g. `let bucket = tarn::Segment::new(&cfg.bucket)?;`"));
    };
    let from = c.i;
    while !c.at_statement_end() {
        c.i += 1;
    }
    let toks = c.toks.get(from..c.i).unwrap_or_default();
    let rest: TokenStream = toks.iter().cloned().collect();
    let last = toks.last().map_or(name.span(), TokenTree::span);
    let parsed = syn::parse::Parser::parse2(
        |input: syn::parse::ParseStream<'_>| {
            if input.peek(syn::Token![:]) {
                input.parse::<syn::Token![:]>()?;
                input.parse::<syn::Type>()?;
            }
            input.parse::<syn::Token![=]>()?;
            if input.is_empty() {
                return Err(input.error("expected an expression after `=`"));
            }
            input.parse::<syn::Expr>()?;
            if !input.is_empty() {
                return Err(input.error("expected `;` after the expression"));
            }
            Ok(())
        },
        rest.clone(),
    );
    if let Err(e) = parsed {
        let message = e.to_string();
        // syn places errors at the end of the input at the call site: point at the binding's last token.
        let (span, message) = match message.strip_prefix("unexpected end of input, ") {
            Some(rest) => (last, rest.to_owned()),
            None if message.contains("end of input") => (last, message),
            None => (e.span(), message),
        };
        return Err(Diag::new(span, span, format!("in `let {name}`: {message}")).help(
            "a binding is `let NAME = EXPR;` or `let NAME: TYPE = EXPR;`, one Rust expression and a `;` before \
             the next item",
        ));
    }
    let mut expr = TokenStream::from(TokenTree::Ident(name.clone()));
    expr.extend(rest);
    Ok(Let { tokens: expr })
}

fn statement(c: &mut Cursor) -> Result<Statement, Diag> {
    let mut sid = None;
    if is_ident(c.peek(), "sid") {
        c.i += 1;
        match c.take(string_literal) {
            Some(v) => sid = Some(v),
            None => return Err(c.expected("the Sid as a string, e.g. `sid \"ReadOnly\"`")),
        }
    }
    let allow = match c.peek() {
        Some(TokenTree::Ident(i)) if *i == "allow" => true,
        Some(TokenTree::Ident(i)) if *i == "deny" => false,
        _ => return Err(c.expected("`allow` or `deny`")),
    };
    let effect = match c.next() {
        Some(TokenTree::Ident(i)) => ident_spanned(&i),
        _ => return Err(c.expected("`allow` or `deny`")),
    };
    let not_action = eat(c, "not");
    let mut unchecked_actions = vec![unchecked(c)];
    let mut actions = vec![action(c)?];
    while is_punct(c.peek(), ',') {
        c.i += 1;
        unchecked_actions.push(unchecked(c));
        actions.push(action(c)?);
    }
    let mut s = Statement {
        sid,
        allow,
        effect,
        not_action,
        actions,
        unchecked_actions,
        not_resource: false,
        resources: Vec::new(),
        not_principal: false,
        principals: Vec::new(),
        principal_kw: None,
        conditions: Vec::new(),
    };
    if eat(c, "on") {
        s.not_resource = eat(c, "not");
        let u = unchecked(c);
        s.resources.push(Resource { unchecked: u, ..resource(c)? });
        while is_punct(c.peek(), ',') {
            c.i += 1;
            let u = unchecked(c);
            s.resources.push(Resource { unchecked: u, ..resource(c)? });
        }
    }
    if is_ident(c.peek(), "to") {
        let kw = c.peek().cloned();
        c.i += 1;
        if let Some(TokenTree::Ident(i)) = kw {
            s.principal_kw = Some(ident_spanned(&i));
        }
        s.not_principal = eat(c, "not");
        s.principals.push(principal(c)?);
        while is_punct(c.peek(), ',') {
            c.i += 1;
            s.principals.push(principal(c)?);
        }
    }
    if eat(c, "when") {
        s.conditions.push(condition(c)?);
        while eat(c, "and") {
            s.conditions.push(condition(c)?);
        }
    }
    if !c.at_statement_end() {
        return Err(c.expected(if s.conditions.is_empty() {
            "`on`, `to`, `when`, `,` or `;`"
        } else {
            "`and` or `;`"
        }));
    }
    Ok(s)
}

/// `unchecked` before an action or a resource (not the service `unchecked` of `unchecked:Name`).
fn unchecked(c: &mut Cursor) -> Option<Spanned> {
    let Some(TokenTree::Ident(i)) = c.peek().cloned() else {
        return None;
    };
    if i != "unchecked" || is_punct(c.toks.get(c.i + 1), ':') {
        return None;
    }
    c.i += 1;
    Some(ident_spanned(&i))
}

fn eat(c: &mut Cursor, word: &str) -> bool {
    if is_ident(c.peek(), word) {
        c.i += 1;
        true
    } else {
        false
    }
}

/// `*`, or `service:Name` with `*` and `?` in the name (`log:Create*`, `mq:*`).
fn action(c: &mut Cursor) -> Result<Spanned, Diag> {
    if let Some(TokenTree::Literal(l)) = c.peek().cloned() {
        if let Some(v) = string_value(&l) {
            c.i += 1;
            return Ok(lit_spanned(&l, v));
        }
    }
    let start = c.i;
    let Some((toks, gap)) = c.run() else {
        return Err(c.expected("an action such as `oss:GetObject`"));
    };
    let s = spanned_of(&toks);
    if let Some(gap) = gap {
        // `log: GetLogStore`, `s3:Get *`: a gap inside the action.
        let dangling = toks.last().is_some_and(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ':'))
            || c.toks.get(c.i).is_some_and(
                |t| matches!(t, TokenTree::Punct(p) if p.as_char() == '*' || p.as_char() == '?'),
            );
        if dangling {
            let end = gap;
            return Err(Diag::new(
                s.start,
                end,
                format!("whitespace inside the action `{}`", text_until_terminator(c, start)),
            )
            .help("write an action without spaces: `service:Name`"));
        }
    }
    Ok(s)
}

/// The source text from token `from` to the next `,`, `;` or keyword, with the gaps shown as spaces.
fn text_until_terminator(c: &mut Cursor, from: usize) -> String {
    let mut out = String::new();
    let mut prev: Option<Span> = None;
    let mut i = from;
    while let Some(t) = c.toks.get(i) {
        if is_punct(Some(t), ',') || is_punct(Some(t), ';') || KEYWORDS.iter().any(|k| is_ident(Some(t), k)) {
            break;
        }
        if let Some(p) = prev {
            if adjacent(p, t.span()) == Some(false) {
                out.push(' ');
            }
        }
        out.push_str(&tok_text(t));
        prev = Some(t.span());
        i += 1;
    }
    c.i = i;
    out
}

fn resource(c: &mut Cursor) -> Result<Resource, Diag> {
    if let Some(TokenTree::Literal(l)) = c.peek().cloned() {
        c.i += 1;
        return match string_value(&l) {
            Some(v) => Ok(Resource {
                src: lit_spanned(&l, v),
                unchecked: None,
                quoted: true,
                bare_placeholders: Vec::new(),
            }),
            None => Err(Diag::new(l.span(), l.span(), "expected an ARN as a string".to_owned())),
        };
    }
    let start = c.i;
    let Some((toks, gap)) = c.run() else {
        return Err(c.expected("a resource: an ARN, a quoted ARN, or `*`"));
    };
    let src = spanned_of(&toks);
    if gap.is_some() && !c.at_statement_end() && !c.at_keyword() && !is_punct(c.peek(), ',') {
        let end = c.span_here();
        let text = text_until_terminator(c, start);
        let end = c.toks.get(c.i.saturating_sub(1)).map_or(end, TokenTree::span);
        return Err(Diag::new(src.start, end, format!("whitespace inside the ARN `{text}`")).help(
            "ARNs never contain whitespace: write the name without spaces (`Topic-test`), or quote the ARN",
        ));
    }
    let mut bare_placeholders = Vec::new();
    for w in toks.windows(3) {
        if let [TokenTree::Punct(a), TokenTree::Ident(name), TokenTree::Punct(b)] = w {
            if a.as_char() == '<' && b.as_char() == '>' {
                bare_placeholders.push(name.clone());
            }
        }
    }
    if toks.iter().any(|t| matches!(t, TokenTree::Literal(l) if string_value(l).is_some())) {
        return Err(Diag::new(src.start, src.end, "a string inside a bare ARN".to_owned())
            .help("quote the whole ARN: `on \"acs:oss:*:*:bucket/*\"`"));
    }
    Ok(Resource { src, unchecked: None, quoted: false, bare_placeholders })
}

fn principal(c: &mut Cursor) -> Result<Principal, Diag> {
    if is_punct(c.peek(), '*') {
        let Some(t) = c.next() else {
            return Err(c.expected("a principal"));
        };
        let kw = Spanned { text: "*".to_owned(), start: t.span(), end: t.span() };
        return Ok(Principal { kind: PrincipalKw::Any, kw, value: None });
    }
    let kind = match c.peek() {
        Some(TokenTree::Ident(i)) => match i.to_string().as_str() {
            "aws" => PrincipalKw::Aws,
            "ram" => PrincipalKw::Ram,
            "service" => PrincipalKw::Service,
            "federated" => PrincipalKw::Federated,
            "canonical_user" => PrincipalKw::CanonicalUser,
            "uid" => PrincipalKw::Uid,
            _ => {
                return Err(c.expected(
                    "a principal: `*`, `aws \"…\"`, `ram \"…\"`, `service \"…\"`, `federated \"…\"`, `canonical_user \"…\"` or `uid \"…\"`",
                ))
            }
        },
        _ => return Err(c.expected("a principal")),
    };
    let kw = match c.next() {
        Some(TokenTree::Ident(i)) => ident_spanned(&i),
        _ => return Err(c.expected("a principal")),
    };
    match c.take(string_literal) {
        Some(v) => Ok(Principal { kind, kw, value: Some(v) }),
        None => Err(c.expected(&format!("the principal as a string after `{}`", kw.text))),
    }
}

/// `<name>` as a condition value: three tokens, `<`, an identifier and `>`.
fn condition_placeholder(c: &mut Cursor) -> Option<CondValue> {
    let (Some(TokenTree::Punct(open)), Some(TokenTree::Ident(name)), Some(TokenTree::Punct(close))) =
        (c.toks.get(c.i), c.toks.get(c.i + 1), c.toks.get(c.i + 2))
    else {
        return None;
    };
    if open.as_char() != '<' || close.as_char() != '>' {
        return None;
    }
    let src = Spanned { text: format!("<{name}>"), start: open.span(), end: close.span() };
    let value = CondValue::Placeholder(name.clone(), src);
    c.i += 3;
    Some(value)
}

/// Whether a quoted condition value is exactly `<name>` or `{name}`, which is almost certainly a
/// placeholder written in quotes by mistake.
fn quoted_placeholder(v: &str) -> bool {
    let inner = v.strip_prefix('<').and_then(|r| r.strip_suffix('>'));
    let inner = inner.or_else(|| v.strip_prefix('{').and_then(|r| r.strip_suffix('}')));
    inner.is_some_and(|n| {
        let mut chars = n.chars();
        chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
            && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
    })
}

/// `Operator(key, value, ...)`, the operator possibly qualified (`ForAnyValue:StringLike(...)`).
fn condition(c: &mut Cursor) -> Result<Cond, Diag> {
    let mut op_toks = Vec::new();
    while let Some(t) = c.peek() {
        match t {
            TokenTree::Ident(_) => op_toks.push(t.clone()),
            TokenTree::Punct(p) if p.as_char() == ':' => op_toks.push(t.clone()),
            _ => break,
        }
        c.i += 1;
    }
    if op_toks.is_empty() {
        return Err(c.expected("a condition such as `IpAddress(acs:SourceIp, \"10.0.0.0/8\")`"));
    }
    let op = spanned_of(&op_toks);
    let Some(TokenTree::Group(g)) = c.peek().cloned() else {
        return Err(c.expected(&format!("`(key, value, ...)` after `{}`", op.text)));
    };
    if g.delimiter() != Delimiter::Parenthesis {
        return Err(c.expected(&format!("`(key, value, ...)` after `{}`", op.text)));
    }
    c.i += 1;
    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
    let mut ic = Cursor { toks: inner, i: 0, last: g.span_close() };
    let key = match ic.peek().cloned() {
        Some(TokenTree::Literal(l)) => {
            ic.i += 1;
            match string_value(&l) {
                Some(v) => lit_spanned(&l, v),
                None => return Err(Diag::new(l.span(), l.span(), "expected a condition key".to_owned())),
            }
        }
        _ => match ic.run() {
            Some((toks, _)) => spanned_of(&toks),
            None => return Err(ic.expected("a condition key such as `acs:SourceIp`")),
        },
    };
    let mut values = Vec::new();
    while is_punct(ic.peek(), ',') {
        ic.i += 1;
        if ic.peek().is_none() {
            break;
        }
        let neg = is_punct(ic.peek(), '-');
        if neg {
            ic.i += 1;
        }
        let before = ic.i;
        if !neg {
            if let Some(p) = condition_placeholder(&mut ic) {
                values.push(p);
                continue;
            }
        }
        match ic.next() {
            Some(TokenTree::Literal(l)) => match string_value(&l) {
                Some(v) if !neg && quoted_placeholder(&v) => {
                    let name = v.get(1..v.len().saturating_sub(1)).unwrap_or_default();
                    return Err(Diag::new(
                        l.span(),
                        l.span(),
                        format!("`{v}` in quotes is text, not a placeholder"),
                    )
                    .help(format!("write `<{name}>` without quotes to bind the variable `{name}`")));
                }
                Some(v) if !neg => values.push(CondValue::Str(lit_spanned(&l, v))),
                _ => {
                    let text = format!("{}{}", if neg { "-" } else { "" }, l);
                    values.push(CondValue::Num(lit_spanned(&l, text)));
                }
            },
            Some(TokenTree::Ident(i)) if i == "true" || i == "false" => {
                values.push(CondValue::Bool(ident_spanned(&i)));
            }
            _ => {
                ic.i = before;
                return Err(ic.expected("a value: a string, a number, `true`, `false` or a `<placeholder>`"));
            }
        }
    }
    if ic.peek().is_some() {
        return Err(ic.expected("`,` and a value, or `)`"));
    }
    if values.is_empty() {
        return Err(Diag::new(
            op.start,
            g.span_close(),
            format!("`{}` on `{}` has no values", op.text, key.text),
        )
        .help("give one or more values after the key: `IpAddress(acs:SourceIp, \"10.0.0.0/8\")`"));
    }
    Ok(Cond { op, key, values })
}
