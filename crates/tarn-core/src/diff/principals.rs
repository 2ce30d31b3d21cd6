//! Principals in the diff: which requesters a statement names, as the evaluator matches them.
//!
//! `"*"`, `{"AWS": "*"}`, `{"RAM": "*"}` and the OSS list `[]` or `["*"]` are everyone, anonymous
//! requests included. An account (`123456789012`, an Alibaba Cloud UID, or a root ARN
//! `arn:aws:iam::123456789012:root`) stands for every principal of that account. A service compares
//! case-insensitively, the other kinds exactly. A statement of a policy evaluated as identity-based names
//! everyone: the evaluator does not look at its principal.

use crate::model::{Principal, PrincipalElement, PrincipalKind};

/// Who a statement applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Who {
    /// These principals.
    Only(Names),
    /// Everyone but these (`NotPrincipal`).
    AllBut(Names),
}

/// A set of principals named in a policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Names {
    pub everyone: bool,
    /// Anonymous requests (only "everyone" forms name them).
    pub anonymous: bool,
    /// `AWS`, `RAM` and OSS UID values.
    pub accounts: Vec<String>,
    /// `Service` values, lowercase.
    pub services: Vec<String>,
    /// Other kinds: the value must be the requester exactly.
    pub exact: Vec<String>,
}

impl Who {
    /// Everyone.
    pub fn everyone() -> Self {
        Who::Only(Names { everyone: true, anonymous: true, ..Names::default() })
    }

    /// From a statement's `Principal`/`NotPrincipal` (`None`: everyone).
    pub fn of(p: Option<&PrincipalElement>) -> Self {
        let Some(p) = p else { return Who::everyone() };
        let names = names(p.principal());
        if p.is_not() {
            Who::AllBut(names)
        } else {
            Who::Only(names)
        }
    }
}

fn names(p: &Principal) -> Names {
    let mut n = Names::default();
    match p {
        Principal::Any => {
            n.everyone = true;
            n.anonymous = true;
        }
        Principal::Uids(u) => {
            if u.as_slice().is_empty() || u.as_slice().iter().any(|x| x == "*") {
                n.everyone = true;
                n.anonymous = true;
            }
            n.accounts.extend(u.as_slice().iter().cloned());
        }
        Principal::Map(m) => {
            for (kind, values) in m {
                for v in values.as_slice() {
                    if v == "*" {
                        n.anonymous = true;
                    }
                    match kind {
                        PrincipalKind::Aws | PrincipalKind::Ram => {
                            if v == "*" {
                                n.everyone = true;
                            }
                            n.accounts.push(v.clone());
                        }
                        PrincipalKind::Service => n.services.push(v.to_ascii_lowercase()),
                        _ => n.exact.push(v.clone()),
                    }
                }
            }
        }
    }
    n
}

/// The account of a principal value, as the evaluator reads it.
pub(crate) fn account_of(v: &str) -> Option<&str> {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        return Some(v);
    }
    let account = match v.split(':').next() {
        Some("arn") => v.split(':').nth(4),
        Some("acs") => v.split(':').nth(3),
        _ => None,
    };
    account.filter(|a| !a.is_empty())
}

/// Whether a value stands for a whole account.
fn is_account(v: &str) -> bool {
    v.bytes().all(|b| b.is_ascii_digit()) || v.ends_with(":root")
}

/// Whether every requester that `a` names is named by `b`.
fn names_within(a: &Names, b: &Names) -> bool {
    if b.everyone {
        return true;
    }
    if a.everyone || (a.anonymous && !b.anonymous) {
        return false;
    }
    let account_ok = a.accounts.iter().all(|v| {
        b.accounts.iter().any(|w| w == v)
            || b.accounts
                .iter()
                .any(|w| is_account(w) && account_of(w).is_some() && account_of(w) == account_of(v))
    });
    account_ok
        && a.services.iter().all(|s| b.services.contains(s))
        && a.exact.iter().all(|x| b.exact.contains(x))
}

/// Whether every requester that `a` applies to, `b` applies to (`false`: not proved).
pub(crate) fn within(a: &Who, b: &Who) -> bool {
    match (a, b) {
        (_, Who::Only(nb)) if nb.everyone => true,
        (Who::Only(na), Who::Only(nb)) => names_within(na, nb),
        // Everyone but X is within everyone but Y when Y is within X.
        (Who::AllBut(xa), Who::AllBut(xb)) => names_within(xb, xa),
        _ => false,
    }
}

/// Requesters to try in an example: the names themselves (an account's root ARN for an account), or a
/// made-up one; `None` is an anonymous request (or, for identity-based policies, no principal at all).
pub(crate) fn candidates(who: &Who, aws: bool, account: Option<&str>) -> Vec<Option<String>> {
    let made_up = |acct: Option<&str>| {
        if aws {
            format!("arn:aws:iam::{}:user/tarn-diff-example", acct.unwrap_or("111122223333"))
        } else {
            format!("acs:ram::{}:user/tarn-diff-example", acct.unwrap_or("1111222233334444"))
        }
    };
    let mut out = Vec::new();
    match who {
        Who::Only(n) if n.everyone => {
            out.push(None);
            out.push(Some(made_up(account)));
        }
        Who::Only(n) => {
            out.extend(n.accounts.iter().filter(|v| *v != "*").map(|v| Some(v.clone())));
            out.extend(n.services.iter().map(|v| Some(v.clone())));
            out.extend(n.exact.iter().map(|v| Some(v.clone())));
            if n.anonymous {
                out.push(None);
            }
        }
        Who::AllBut(_) => {
            out.push(Some(made_up(account)));
            out.push(Some(made_up(None)));
            out.push(None);
        }
    }
    out
}

/// The principal as one line, or `None` for everyone.
pub(crate) fn describe(p: Option<&PrincipalElement>) -> Option<String> {
    let p = p?;
    let text = match p.principal() {
        Principal::Any => return if p.is_not() { Some("nobody".to_owned()) } else { None },
        Principal::Uids(u) => u.as_slice().join(", "),
        Principal::Map(m) => {
            m.iter().map(|(k, v)| format!("{k}: {}", v.as_slice().join(", "))).collect::<Vec<_>>().join("; ")
        }
    };
    Some(if p.is_not() { format!("everyone except {text}") } else { text })
}
