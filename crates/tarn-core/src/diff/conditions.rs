//! Conditions in the diff: when does one statement's condition imply another's, and which context values
//! make a condition hold (or fail) for an example.
//!
//! An implication is proved key by key: every comparison of the weaker condition must follow from one
//! comparison of the stronger on the same key. One comparison follows from another when both read the key
//! the same way (the same set qualifier and a missing key that is no weaker) and their value sets are
//! included: globs for the string and `Like` operators (an `Equals` value is a glob without wildcards),
//! intervals for numbers and dates, CIDR blocks for IP addresses, globs part by part for ARNs, the values
//! themselves for booleans and binary values. A negated operator reverses the inclusion. How a condition on
//! one key relates to a condition on another is not decided: such pairs never imply each other.

use std::net::IpAddr;

use super::lang::{glob_of, included, literal, Glob};
use crate::condition::{BaseOperator, Condition, Date, IpNet, Operator, SetQualifier, Typed, ValueType};

/// One comparison: an operator on a key with its values.
#[derive(Debug, Clone)]
pub(crate) struct Atom {
    pub op: Operator,
    /// The key as written.
    pub key: String,
    pub values: Vec<(String, Typed)>,
}

/// A character that no policy text has (Unicode's last private use character): in a policy that does not
/// read policy variables (no `Version`, or 2008-10-17), a `${` of a condition value is plain text, and it
/// is written `\u{F8FF}{` so that it never compares equal to the same text read as a variable on the other
/// side.
const LITERAL_DOLLAR: char = '\u{F8FF}';

/// The comparisons of a condition, in order; `variables`: whether the policy reads policy variables.
pub(crate) fn atoms(c: Option<&Condition>, variables: bool) -> Vec<Atom> {
    let text = |v: &str| {
        if variables {
            v.to_owned()
        } else {
            v.replace("${", &format!("{LITERAL_DOLLAR}{{"))
        }
    };
    c.map(|c| {
        c.iter()
            .map(|(op, key, values)| Atom {
                op,
                key: key.to_owned(),
                values: values.as_slice().iter().map(|v| (text(v.as_str()), v.typed())).collect(),
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Whether the comparison holds when the request lacks the key.
fn holds_missing(op: Operator) -> bool {
    op.if_exists()
        || op.set() == Some(SetQualifier::ForAllValues)
        || (op.set().is_none() && op.base().is_negated())
}

/// Whether every context that satisfies `strong` satisfies `weak` (`false`: not proved).
pub(crate) fn implies(strong: &[Atom], weak: &[Atom]) -> bool {
    weak.iter().all(|w| strong.iter().any(|s| atom_implies(s, w)))
}

fn same_values(a: &Atom, b: &Atom) -> bool {
    a.values.len() == b.values.len()
        && a.values.iter().all(|(x, _)| b.values.iter().any(|(y, _)| x == y))
        && b.values.iter().all(|(y, _)| a.values.iter().any(|(x, _)| x == y))
}

fn atom_implies(s: &Atom, w: &Atom) -> bool {
    if !s.key.eq_ignore_ascii_case(&w.key) {
        return false;
    }
    if s.op == w.op && same_values(s, w) {
        return true;
    }
    let (sb, wb) = (s.op.base(), w.op.base());
    if sb == BaseOperator::Null || wb == BaseOperator::Null {
        return false;
    }
    if holds_missing(s.op) && !holds_missing(w.op) {
        return false;
    }
    if s.op.set() != w.op.set() || sb.is_negated() != wb.is_negated() {
        return false;
    }
    // Negated operators: the strong one must exclude at least what the weak one excludes.
    let (small, large) = if sb.is_negated() { (w, s) } else { (s, w) };
    subset(small, large)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Str,
    Fold,
    Number,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
}

fn family(b: BaseOperator) -> Family {
    use BaseOperator as B;
    match b {
        B::StringEqualsIgnoreCase | B::StringNotEqualsIgnoreCase => Family::Fold,
        B::BinaryEquals => Family::Binary,
        _ => match b.value_type() {
            ValueType::String => Family::Str,
            ValueType::Number => Family::Number,
            ValueType::Date => Family::Date,
            ValueType::Bool => Family::Bool,
            ValueType::Binary => Family::Binary,
            ValueType::Ip => Family::Ip,
            ValueType::Arn => Family::Arn,
        },
    }
}

fn is_like(b: BaseOperator) -> bool {
    matches!(
        b,
        BaseOperator::StringLike
            | BaseOperator::StringNotLike
            | BaseOperator::ArnLike
            | BaseOperator::ArnNotLike
            | BaseOperator::ArnEquals
            | BaseOperator::ArnNotEquals
    )
}

/// An interval of numbers: (low, low included, high, high included).
type Interval = (f64, bool, f64, bool);

fn interval(b: BaseOperator, v: f64) -> Interval {
    use BaseOperator as B;
    match b {
        B::NumericLessThan | B::DateLessThan => (f64::NEG_INFINITY, false, v, false),
        B::NumericLessThanEquals | B::DateLessThanEquals => (f64::NEG_INFINITY, false, v, true),
        B::NumericGreaterThan | B::DateGreaterThan => (v, false, f64::INFINITY, false),
        B::NumericGreaterThanEquals | B::DateGreaterThanEquals => (v, true, f64::INFINITY, false),
        _ => (v, true, v, true),
    }
}

fn inside(a: Interval, b: Interval) -> bool {
    let low = b.0 < a.0 || (b.0 == a.0 && (b.1 || !a.1));
    let high = a.2 < b.2 || (a.2 == b.2 && (b.3 || !a.3));
    low && high
}

fn number(t: Typed) -> Option<f64> {
    match t {
        Typed::Number(n) => Some(n),
        #[allow(clippy::cast_precision_loss)]
        Typed::Date(d) => Some(d.epoch_millis() as f64),
        _ => None,
    }
}

fn net_inside(a: IpNet, b: IpNet) -> bool {
    b.prefix() <= a.prefix() && b.contains(a.addr()) && a.addr().is_ipv4() == b.addr().is_ipv4()
}

/// The six parts of an ARN condition value; `None` for a value with fewer, which the evaluator matches
/// against no context value.
fn arn_parts(v: &str, like: bool) -> Option<Vec<Glob>> {
    let parts: Vec<&str> = v.splitn(6, ':').collect();
    (parts.len() == 6)
        .then(|| parts.into_iter().map(|p| if like { glob_of(p) } else { literal(p) }).collect())
}

/// Whether the values of `a` match no more context values than those of `b` (positive forms).
fn subset(a: &Atom, b: &Atom) -> bool {
    let (fa, fb) = (family(a.op.base()), family(b.op.base()));
    if fa != fb {
        return false;
    }
    // A value with a policy variable is known only at evaluation: it must be in `b` as written.
    let variable = |t: &(String, Typed)| t.0.contains("${") || matches!(t.1, Typed::Variable);
    let rest: Vec<&(String, Typed)> = a
        .values
        .iter()
        .filter(|v| {
            if variable(v) {
                return false;
            }
            true
        })
        .collect();
    let var_ok = a
        .values
        .iter()
        .filter(|v| variable(v))
        .all(|v| b.values.iter().any(|x| x.0 == v.0) && is_like(a.op.base()) == is_like(b.op.base()));
    if !var_ok {
        return false;
    }
    let bvals: Vec<&(String, Typed)> = b.values.iter().filter(|v| !variable(v)).collect();
    match fa {
        Family::Str => {
            let g = |op: BaseOperator, t: &str| if is_like(op) { glob_of(t) } else { literal(t) };
            let bs: Vec<Glob> = bvals.iter().map(|v| g(b.op.base(), &v.0)).collect();
            rest.iter().all(|v| included(&g(a.op.base(), &v.0), &bs) == Some(true))
        }
        // Folded character by character, as the evaluator compares (`str::to_lowercase` would turn a
        // final `Σ` into `ς`).
        Family::Fold => rest.iter().all(|v| {
            let fold = |t: &str| t.chars().flat_map(char::to_lowercase).collect::<String>();
            let lower = fold(&v.0);
            bvals.iter().any(|x| fold(&x.0) == lower)
        }),
        Family::Bool | Family::Binary => rest.iter().all(|v| {
            bvals.iter().any(|x| if fa == Family::Bool { x.0.eq_ignore_ascii_case(&v.0) } else { x.0 == v.0 })
        }),
        Family::Number | Family::Date => rest.iter().all(|v| {
            let Some(n) = number(v.1) else { return false };
            let ia = interval(a.op.base(), n);
            bvals.iter().any(|x| number(x.1).is_some_and(|m| inside(ia, interval(b.op.base(), m))))
        }),
        Family::Ip => rest.iter().all(|v| {
            let Typed::Ip(na) = v.1 else { return false };
            bvals.iter().any(|x| matches!(x.1, Typed::Ip(nb) if net_inside(na, nb)))
        }),
        Family::Arn => rest.iter().all(|v| {
            // A value that matches nothing is in any set; one of `b` that matches nothing covers nothing.
            let Some(pa) = arn_parts(&v.0, true) else { return true };
            bvals.iter().any(|x| {
                arn_parts(&x.0, true).is_some_and(|pb| {
                    pa.iter().zip(&pb).all(|(p, q)| included(p, std::slice::from_ref(q)) == Some(true))
                })
            })
        }),
    }
}

/// Values that satisfy the positive form of `atom` (for a negated operator: values that satisfy the
/// negation come from [`outside`]).
fn inside_values(atom: &Atom) -> Vec<String> {
    let b = atom.op.base();
    let mut out = Vec::new();
    for (text, typed) in &atom.values {
        match (family(b), typed) {
            (Family::Str | Family::Arn, _) if is_like(b) => {
                out.push(text.replace('*', "").replace('?', "x"));
                out.push(text.replace(['*', '?'], "x"));
            }
            (Family::Number, Typed::Number(n)) => {
                let (lo, li, hi, hin) = interval(b, *n);
                out.push(fmt_num(if li || hin {
                    *n
                } else if lo.is_finite() {
                    lo + 1.0
                } else {
                    hi - 1.0
                }));
                // Just inside a strict bound too, for a comparison with another bound nearby.
                if !li && lo.is_finite() {
                    out.push(fmt_num(lo + 0.5));
                }
                if !hin && hi.is_finite() {
                    out.push(fmt_num(hi - 0.5));
                }
            }
            (Family::Date, Typed::Date(d)) => {
                let m = d.epoch_millis();
                let (lo, li, _, hin) = interval(b, 0.0);
                let pick = if li || hin {
                    m
                } else if lo.is_finite() {
                    m + 86_400_000
                } else {
                    m - 86_400_000
                };
                out.push(Date::from_epoch_millis(pick).to_string());
            }
            (Family::Ip, Typed::Ip(net)) => out.push(net.addr().to_string()),
            _ => out.push(text.clone()),
        }
    }
    out
}

fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        let i = n as i64;
        i.to_string()
    } else {
        n.to_string()
    }
}

/// Values that the positive form of `atom` does not match, as far as a guess goes.
fn outside(atom: &Atom) -> Vec<String> {
    let b = atom.op.base();
    match family(b) {
        Family::Number => atom
            .values
            .iter()
            .filter_map(|(_, t)| number(*t))
            .flat_map(|n| [fmt_num(n + 1.0), fmt_num(n - 1.0)])
            .collect(),
        Family::Date => atom
            .values
            .iter()
            .filter_map(|(_, t)| match t {
                Typed::Date(d) => Some(*d),
                _ => None,
            })
            .flat_map(|d| {
                [d.epoch_millis() + 86_400_000, d.epoch_millis() - 86_400_000]
                    .map(|m| Date::from_epoch_millis(m).to_string())
            })
            .collect(),
        Family::Ip => {
            let v6 = atom.values.iter().any(|(_, t)| matches!(t, Typed::Ip(n) if n.addr().is_ipv6()));
            let candidates: [IpAddr; 3] = [
                IpAddr::from([192, 0, 2, 1]),
                IpAddr::from([198, 51, 100, 1]),
                IpAddr::from([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]),
            ];
            candidates
                .iter()
                .filter(|ip| {
                    (ip.is_ipv6() == v6)
                        && !atom.values.iter().any(|(_, t)| matches!(t, Typed::Ip(n) if n.contains(**ip)))
                })
                .map(ToString::to_string)
                .collect()
        }
        Family::Bool => {
            let t = atom.values.iter().any(|(v, _)| v.eq_ignore_ascii_case("true"));
            vec![if t { "false" } else { "true" }.to_owned()]
        }
        Family::Arn => vec!["arn:aws:iam::111122223333:role/tarn-diff-example".to_owned()],
        _ => vec!["tarn-diff-example".to_owned()],
    }
}

/// Candidate context values for one key, so that `want` all hold (as far as a guess goes) and, when
/// possible, `avoid` does not: `None` in the list is "leave the key out". The first is the best guess.
pub(crate) fn candidates(key: &str, want: &[&Atom], avoid: &[&Atom]) -> Vec<Option<Vec<String>>> {
    let mut out: Vec<Option<Vec<String>>> = Vec::new();
    let on_key = |a: &&&Atom| a.key.eq_ignore_ascii_case(key);
    let want: Vec<&Atom> = want.iter().filter(on_key).copied().collect();
    let avoid: Vec<&Atom> = avoid.iter().filter(on_key).copied().collect();
    let missing_ok = want.iter().all(|a| {
        holds_missing(a.op)
            || (a.op.base() == BaseOperator::Null
                && a.values.iter().any(|(v, _)| v.eq_ignore_ascii_case("true")))
    });
    let mut values: Vec<String> = Vec::new();
    for a in &want {
        if a.op.base() == BaseOperator::Null {
            continue;
        }
        if a.op.base().is_negated() {
            values.extend(outside(a));
        } else {
            values.extend(inside_values(a));
        }
    }
    for a in &avoid {
        if a.op.base() == BaseOperator::Null {
            continue;
        }
        if a.op.base().is_negated() {
            values.extend(inside_values(a));
        } else {
            values.extend(outside(a));
        }
    }
    if want.iter().any(|a| a.op.base() == BaseOperator::Null && a.values.iter().any(|(v, _)| v == "false")) {
        values.push("tarn-diff-example".to_owned());
    }
    if missing_ok {
        out.push(None);
    }
    let mut seen = std::collections::HashSet::new();
    for v in values {
        if seen.insert(v.clone()) {
            out.push(Some(vec![v]));
        }
    }
    if out.is_empty() {
        out.push(None);
    }
    out
}

/// A candidate value with its policy variables replaced by `tarn` (escapes by their character); the
/// variables' keys go to `vars`, so that the example's context resolves them to the same value.
pub(crate) fn resolve_variables(v: &str, vars: &mut Vec<(String, String)>) -> String {
    if !v.contains("${") {
        return v.to_owned();
    }
    let mut out = String::new();
    for piece in tarn_arn::variables(v) {
        match piece {
            Ok(tarn_arn::VarPiece::Text(t)) => out.push_str(t),
            Ok(tarn_arn::VarPiece::Escape(c)) => out.push(c),
            Ok(tarn_arn::VarPiece::Var { key, .. }) => {
                out.push_str("tarn");
                if !vars.iter().any(|(k, _)| k.eq_ignore_ascii_case(key)) {
                    vars.push((key.to_owned(), "tarn".to_owned()));
                }
            }
            Err(_) => return v.to_owned(),
        }
    }
    out
}

/// The condition as one line: `StringEquals aws:SourceVpc: vpc-1, vpc-2; Bool aws:SecureTransport: true`.
pub(crate) fn describe(atoms: &[Atom]) -> Option<String> {
    if atoms.is_empty() {
        return None;
    }
    Some(
        atoms
            .iter()
            .map(|a| {
                let vs: Vec<&str> = a.values.iter().map(|(v, _)| v.as_str()).collect();
                format!("{} {}: {}", a.op, a.key, vs.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; "),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::Policy;

    fn cond(json: &str) -> Vec<Atom> {
        let p = Policy::from_json(&format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{json}}}]}}"#
        ))
        .unwrap();
        atoms(p.statements()[0].condition(), true)
    }

    #[test]
    fn implication_by_family() {
        let cases = [
            (r#"{"StringEquals":{"k":"a"}}"#, r#"{"StringEquals":{"k":["a","b"]}}"#, true),
            (r#"{"StringEquals":{"k":["a","b"]}}"#, r#"{"StringEquals":{"k":"a"}}"#, false),
            (r#"{"StringEquals":{"k":"abc"}}"#, r#"{"StringLike":{"k":"a*"}}"#, true),
            (r#"{"StringLike":{"k":"ab*"}}"#, r#"{"StringLike":{"k":"a*"}}"#, true),
            (r#"{"StringNotEquals":{"k":["a","b"]}}"#, r#"{"StringNotEquals":{"k":"a"}}"#, true),
            (r#"{"StringNotEquals":{"k":"a"}}"#, r#"{"StringNotEquals":{"k":["a","b"]}}"#, false),
            (r#"{"NumericLessThan":{"k":"5"}}"#, r#"{"NumericLessThanEquals":{"k":"5"}}"#, true),
            (r#"{"NumericLessThanEquals":{"k":"5"}}"#, r#"{"NumericLessThan":{"k":"5"}}"#, false),
            (r#"{"DateGreaterThan":{"k":"2026-01-01"}}"#, r#"{"DateGreaterThan":{"k":"2025-01-01"}}"#, true),
            (r#"{"IpAddress":{"k":"10.1.0.0/16"}}"#, r#"{"IpAddress":{"k":"10.0.0.0/8"}}"#, true),
            (r#"{"IpAddress":{"k":"10.0.0.0/8"}}"#, r#"{"IpAddress":{"k":"10.1.0.0/16"}}"#, false),
            (r#"{"NotIpAddress":{"k":"10.0.0.0/8"}}"#, r#"{"NotIpAddress":{"k":"10.1.0.0/16"}}"#, true),
            (r#"{"StringEqualsIfExists":{"k":"a"}}"#, r#"{"StringEquals":{"k":"a"}}"#, false),
            (r#"{"StringEquals":{"k":"a"}}"#, r#"{"StringEqualsIfExists":{"k":"a"}}"#, true),
            (r#"{"ForAllValues:StringEquals":{"k":"a"}}"#, r#"{"StringEquals":{"k":"a"}}"#, false),
            (r#"{"StringEquals":{"k":"a"}}"#, r#"{"StringEquals":{"j":"a"}}"#, false),
            (
                r#"{"ArnLike":{"k":"arn:aws:iam::1:role/a*"}}"#,
                r#"{"ArnLike":{"k":"arn:aws:iam::*:role/*"}}"#,
                true,
            ),
            (r#"{"Bool":{"k":"true"}}"#, r#"{"Bool":{"k":"false"}}"#, false),
        ];
        for (strong, weak, expected) in cases {
            assert_eq!(implies(&cond(strong), &cond(weak)), expected, "{strong} ⇒ {weak}");
        }
    }
}
