//! A policy written as a template value (a YAML or JSON mapping, with intrinsic functions) into policy JSON
//! for the linter, with the place in the file of every value it writes (by JSON pointer).
//!
//! Values unknown until deployment (`Ref`, `Fn::GetAtt`, the parameters and attributes in `Fn::Sub`, …)
//! become IAM/RAM policy variables, `${Name}`: the linter reads a variable as some text it does not know,
//! which is never `*` and never a finding by itself. The literal parts of a `Fn::Sub` or `Fn::Join` stay
//! and are checked. A `Resource` that is unknown as a whole becomes one ARN per service of the statement's
//! actions with every other part unknown (`arn:${X}:s3:${X}:${X}:${X}`), so that the actions still fit;
//! an unknown action or statement is left out (it can only narrow what the linter sees).

use tarn_core::Cloud;

use crate::tree::{Node, V};

/// The place in the file of each pointer of the written policy.
pub(crate) type PointerMap = Vec<(String, (usize, usize))>;

/// What an intrinsic function gives.
enum Resolved {
    /// Text, with `${Name}` where a part is unknown.
    Text(String),
    /// Unknown as a whole; the name says what it stands for.
    Unknown(String),
}

const FUNCTIONS: &[&str] = &[
    "Ref",
    "Sub",
    "GetAtt",
    "Join",
    "If",
    "Select",
    "Split",
    "FindInMap",
    "ImportValue",
    "Base64",
    "GetAZs",
    "Cidr",
    "Equals",
    "Not",
    "And",
    "Or",
    "Condition",
    "Transform",
    "ToJsonString",
    "Length",
    "Replace",
    "Str",
    "GetJsonValue",
    "Index",
    "Indent",
    "MergeMapToList",
    "SelectMapList",
    "Add",
    "Avg",
    "Max",
    "Min",
    "Calculate",
    "Jq",
    "Base64Encode",
    "Base64Decode",
    "MemberListToMap",
    "ListMerge",
    "GetStackOutput",
    "Contains",
    "Any",
    "EachMemberIn",
    "MatchPattern",
    "Sum",
    "FormatTime",
];

/// The intrinsic function a node is, if it is one: its name (without `Fn::`) and its argument.
fn intrinsic(n: &Node) -> Option<(&str, &Node)> {
    if let Some(tag) = n.tag.as_deref() {
        if FUNCTIONS.contains(&tag) {
            return Some((tag, n));
        }
    }
    if let [(k, arg)] = n.map() {
        if k == "Ref" {
            return Some(("Ref", arg));
        }
        if let Some(f) = k.strip_prefix("Fn::") {
            return Some((f, arg));
        }
    }
    None
}

/// A name safe inside `${…}`.
fn marker(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '_' | '-' | '/') { c } else { '_' })
        .collect();
    if clean.is_empty() {
        "${unknown}".to_owned()
    } else {
        format!("${{{clean}}}")
    }
}

/// The value of an intrinsic function, as far as it is known without deploying.
fn resolve(f: &str, arg: &Node) -> Resolved {
    match f {
        "Ref" => Resolved::Unknown(arg.str().unwrap_or("Ref").to_owned()),
        "GetAtt" => Resolved::Unknown(match &arg.v {
            V::Str(s) => s.clone(),
            V::Seq(parts) => parts.iter().filter_map(Node::str).collect::<Vec<_>>().join("."),
            _ => "GetAtt".to_owned(),
        }),
        "Sub" => {
            let (text, vars) = match &arg.v {
                V::Str(s) => (Some(s.as_str()), None),
                V::Seq(items) => (items.first().and_then(Node::str), items.get(1)),
                _ => (None, None),
            };
            match text {
                Some(t) => Resolved::Text(substitute(t, vars)),
                None => Resolved::Unknown("Sub".to_owned()),
            }
        }
        "Join" => {
            let (Some(sep), Some(list)) = (arg.seq().first().and_then(Node::str), arg.seq().get(1)) else {
                return Resolved::Unknown("Join".to_owned());
            };
            if intrinsic(list).is_some() || !matches!(list.v, V::Seq(_)) {
                return Resolved::Unknown("Join".to_owned());
            }
            let parts: Vec<String> = list.seq().iter().map(text_of).collect();
            Resolved::Text(parts.join(sep))
        }
        other => Resolved::Unknown(other.to_owned()),
    }
}

/// A value as text: a scalar as written, an intrinsic function as far as it is known, else unknown.
fn text_of(n: &Node) -> String {
    if let Some((f, arg)) = intrinsic(n) {
        return match resolve(f, arg) {
            Resolved::Text(t) => t,
            Resolved::Unknown(name) => marker(&name),
        };
    }
    match &n.v {
        V::Str(s) | V::Num(s) => s.clone(),
        V::Bool(b) => b.to_string(),
        _ => marker("unknown"),
    }
}

/// `Fn::Sub`: `${Name}` from `vars` when known, else unknown; `${!Literal}` is the literal `${Literal}`.
fn substitute(text: &str, vars: Option<&Node>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + 2..).unwrap_or_default();
        let Some(end) = after.find('}') else {
            out.push_str(rest.get(start..).unwrap_or_default());
            return out;
        };
        let name = after.get(..end).unwrap_or_default();
        if let Some(literal) = name.strip_prefix('!') {
            out.push_str("${");
            out.push_str(literal);
            out.push('}');
        } else {
            match vars.and_then(|v| v.get(name.trim())) {
                Some(value) => out.push_str(&text_of(value)),
                None => out.push_str(&marker(name.trim())),
            }
        }
        rest = after.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Whether the node is unknown as a whole (so that a policy or statement made of it is left out).
pub(crate) fn unknown_as_a_whole(n: &Node) -> bool {
    intrinsic(n).is_some_and(|(f, arg)| matches!(resolve(f, arg), Resolved::Unknown(_)))
}

/// The text of a policy given as a string (a JSON string inside a template), if it is one once the
/// intrinsic functions are applied: `Fn::Sub` and `Fn::Join` on a JSON text.
pub(crate) fn string_policy(n: &Node) -> Option<String> {
    match intrinsic(n) {
        Some((f, arg)) => match resolve(f, arg) {
            Resolved::Text(t) => Some(t),
            Resolved::Unknown(_) => None,
        },
        None => n.str().map(str::to_owned),
    }
}

/// Writes the policy of a mapping as JSON; the pointers of its values and their places.
pub(crate) fn policy_json(n: &Node, cloud: Cloud) -> (String, PointerMap) {
    let mut r = Render { out: String::new(), map: Vec::new(), cloud };
    let mut ptr = String::new();
    r.value(n, &mut ptr, Ctx::Top);
    (r.out, r.map)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Top,
    Statements,
    Statement,
    Other,
}

struct Render {
    out: String,
    map: PointerMap,
    cloud: Cloud,
}

impl Render {
    fn place(&mut self, ptr: &str, n: &Node) {
        self.map.push((ptr.to_owned(), (n.line, n.col)));
    }

    fn value(&mut self, n: &Node, ptr: &mut String, ctx: Ctx) {
        self.place(ptr, n);
        if let Some((f, arg)) = intrinsic(n) {
            let text = match resolve(f, arg) {
                Resolved::Text(t) => t,
                Resolved::Unknown(name) => marker(&name),
            };
            return write_str(&mut self.out, &text);
        }
        match &n.v {
            V::Null => self.out.push_str("null"),
            V::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            V::Num(s) => self.out.push_str(s),
            V::Str(s) => write_str(&mut self.out, s),
            V::Seq(items) => {
                let inner = if ctx == Ctx::Statements { Ctx::Statement } else { Ctx::Other };
                self.out.push('[');
                let mut i = 0;
                for item in items {
                    if inner == Ctx::Statement && !statement_known(item) {
                        continue;
                    }
                    if i > 0 {
                        self.out.push(',');
                    }
                    let len = ptr.len();
                    ptr.push('/');
                    ptr.push_str(&i.to_string());
                    self.value(item, ptr, inner);
                    ptr.truncate(len);
                    i += 1;
                }
                self.out.push(']');
            }
            V::Map(members) => {
                self.out.push('{');
                let services = if ctx == Ctx::Statement { services(n) } else { Vec::new() };
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    write_str(&mut self.out, k);
                    self.out.push(':');
                    let len = ptr.len();
                    ptr.push('/');
                    push_segment(ptr, k);
                    match (ctx, k.as_str()) {
                        (Ctx::Top, "Statement") => {
                            let c = if matches!(v.v, V::Seq(_)) { Ctx::Statements } else { Ctx::Statement };
                            self.value(v, ptr, c);
                        }
                        (Ctx::Statement, "Resource" | "NotResource") => self.resources(v, ptr, &services),
                        (Ctx::Statement, "Action" | "NotAction") => self.actions(v, ptr),
                        _ => self.value(v, ptr, Ctx::Other),
                    }
                    ptr.truncate(len);
                }
                self.out.push('}');
            }
        }
    }

    /// `Resource`: an item unknown as a whole becomes an unknown ARN of each service of the actions.
    fn resources(&mut self, n: &Node, ptr: &mut String, services: &[String]) {
        let single = !matches!(n.v, V::Seq(_)) || intrinsic(n).is_some();
        let items: Vec<&Node> = if single { vec![n] } else { n.seq().iter().collect() };
        let mut texts: Vec<(String, &Node)> = Vec::new();
        for item in &items {
            match intrinsic(item).map(|(f, arg)| resolve(f, arg)) {
                Some(Resolved::Unknown(name)) => {
                    let m = marker(&name);
                    for s in self.services_or_any(services) {
                        texts.push((self.unknown_arn(&m, s, ""), item));
                    }
                }
                // `!Sub "${Bucket.Arn}/*"`: an unknown ARN, then text.
                Some(Resolved::Text(t)) if t.starts_with("${") => {
                    let end = t.find('}').map_or(t.len(), |e| e + 1);
                    let (m, rest) = t.split_at(end);
                    for s in self.services_or_any(services) {
                        texts.push((self.unknown_arn(m, s, rest), item));
                    }
                }
                Some(Resolved::Text(t)) => texts.push((t, item)),
                None => texts.push((String::new(), item)),
            }
        }
        self.place(ptr, n);
        let one = single && texts.len() == 1;
        if !one {
            self.out.push('[');
        }
        for (i, (text, item)) in texts.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            let len = ptr.len();
            if !one {
                ptr.push('/');
                ptr.push_str(&i.to_string());
            }
            if intrinsic(item).is_some() {
                self.place(ptr, item);
                write_str(&mut self.out, text);
            } else {
                self.value(item, ptr, Ctx::Other);
            }
            ptr.truncate(len);
        }
        if !one {
            self.out.push(']');
        }
    }

    /// The services an unknown resource stands for: those of the statement's actions, or when they name none
    /// (`*`), the cloud's access-management service.
    fn services_or_any<'s>(&self, services: &'s [String]) -> Vec<&'s str> {
        if services.is_empty() {
            vec![if self.cloud == Cloud::Alibaba { "ram" } else { "iam" }]
        } else {
            services.iter().map(String::as_str).collect()
        }
    }

    /// An ARN of service `s` whose every other part is the unknown `m`, followed by `rest`.
    fn unknown_arn(&self, m: &str, s: &str, rest: &str) -> String {
        match self.cloud {
            Cloud::Alibaba => format!("acs:{s}:{m}:{m}:{m}{rest}"),
            _ => format!("arn:{m}:{s}:{m}:{m}:{m}{rest}"),
        }
    }

    /// `Action`: an action with an unknown part is left out.
    fn actions(&mut self, n: &Node, ptr: &mut String) {
        if !matches!(n.v, V::Seq(_)) || intrinsic(n).is_some() {
            return self.value(n, ptr, Ctx::Other);
        }
        self.place(ptr, n);
        self.out.push('[');
        let mut i = 0;
        for item in n.seq() {
            if intrinsic(item).is_some() && text_of(item).contains("${") {
                continue;
            }
            if i > 0 {
                self.out.push(',');
            }
            let len = ptr.len();
            ptr.push('/');
            ptr.push_str(&i.to_string());
            self.value(item, ptr, Ctx::Other);
            ptr.truncate(len);
            i += 1;
        }
        self.out.push(']');
    }
}

/// Whether a statement is known enough to check: not unknown as a whole, and with at least one action
/// (or `NotAction` item) without an unknown part. A statement that is not is left out.
fn statement_known(statement: &Node) -> bool {
    if unknown_as_a_whole(statement) {
        return false;
    }
    // An Effect, Principal or Condition unknown until apply (`!If`, `!Ref`): the statement cannot be read
    // as it will be, and a finding about it would come from the unknown value alone.
    let whole = |key: &str| statement.get(key).is_some_and(|n| intrinsic(n).is_some());
    if ["Effect", "Principal", "NotPrincipal", "Condition"].iter().any(|k| whole(k)) {
        return false;
    }
    if statement.get("Condition").is_some_and(|c| match &c.v {
        V::Map(ops) => ops.iter().any(|(_, keys)| intrinsic(keys).is_some()),
        _ => false,
    }) {
        return false;
    }
    // NotAction grants what it does not list: leaving out an unknown item would widen it.
    if let Some(not) = statement.get("NotAction") {
        if intrinsic(not).is_some() || not.seq().iter().any(|n| intrinsic(n).is_some()) {
            return false;
        }
    }
    let Some(actions) = statement.get("Action").or_else(|| statement.get("NotAction")) else {
        return true;
    };
    let known = |n: &Node| intrinsic(n).is_none() || !text_of(n).contains("${");
    match &actions.v {
        V::Seq(items) if intrinsic(actions).is_none() => items.is_empty() || items.iter().any(known),
        _ => known(actions),
    }
}

/// Whether a policy written as a mapping has statements and none of them is known (see
/// [`statement_known`]): then there is nothing to check.
pub(crate) fn nothing_known(policy: &Node) -> bool {
    match policy.get("Statement") {
        Some(s) if unknown_as_a_whole(s) => true,
        Some(s) => match &s.v {
            V::Seq(items) => !items.is_empty() && !items.iter().any(statement_known),
            _ => !statement_known(s),
        },
        None => false,
    }
}

/// The services of a statement's actions (`s3` of `s3:GetObject`), in order, without wildcards.
fn services(statement: &Node) -> Vec<String> {
    let Some(actions) = statement.get("Action").or_else(|| statement.get("NotAction")) else {
        return Vec::new();
    };
    let items: Vec<String> = match &actions.v {
        V::Seq(items) if intrinsic(actions).is_none() => items.iter().map(text_of).collect(),
        _ => vec![text_of(actions)],
    };
    let mut out: Vec<String> = Vec::new();
    for a in items {
        if let Some((svc, _)) = a.split_once(':') {
            let svc = svc.to_ascii_lowercase();
            if !svc.is_empty() && !svc.contains(['*', '?', '$', '{']) && !out.contains(&svc) {
                out.push(svc);
            }
        }
    }
    out
}

fn push_segment(out: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// A JSON string literal.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}
