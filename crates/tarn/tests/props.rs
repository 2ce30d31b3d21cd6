//! Property tests: arbitrary policy documents of both dialects, written in arbitrary shapes (single values
//! or arrays, statement object or array, any key order, any whitespace, strings needing escapes), parse,
//! round-trip through `to_json` and `to_json_pretty`, and keep their meaning.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::Value;
use tarn::{Dialect, ParseOptions, Policy};

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// One value or an array of them, as JSON text.
fn one_or_many(items: &[String], single: bool) -> String {
    if single && items.len() == 1 {
        items[0].clone()
    } else {
        format!("[{}]", items.join(","))
    }
}

fn object(mut members: Vec<(String, String)>, order: &[usize], sep: &str) -> String {
    // A permutation of the members' order: `order` holds arbitrary numbers; sort by them.
    let mut keyed: Vec<(usize, (String, String))> =
        members.drain(..).enumerate().map(|(i, m)| (order.get(i).copied().unwrap_or(i), m)).collect();
    keyed.sort_by_key(|(k, _)| *k);
    let body: Vec<String> = keyed.into_iter().map(|(_, (k, v))| format!("{}:{sep}{v}", q(&k))).collect();
    format!("{{{sep}{}{sep}}}", body.join(&format!(",{sep}")))
}

fn action() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("*".to_owned()),
        9 => ("[a-z][a-z0-9-]{0,5}", "[A-Za-z0-9_.*?-]{1,10}").prop_map(|(s, n)| format!("{s}:{n}")),
    ]
}

/// Resource text: everything a resource part may hold in a document, including spaces, quotes, backslashes
/// and non-ASCII; no other whitespace and no control characters.
fn resource_part() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9/%*?_.:\"\\\\é😀 -]{0,12}".prop_filter("no `${`", |s| !s.contains("${"))
}

fn resource(d: Dialect) -> impl Strategy<Value = String> {
    let arn = (
        "[a-z][a-z0-9-]{0,5}",
        "[a-z0-9*?-]{0,6}",
        "[0-9*]{0,6}",
        resource_part(),
        prop_oneof![Just("aws"), Just("aws-cn"), Just("*")],
    )
        .prop_map(move |(svc, region, account, res, partition)| match d {
            Dialect::Ram => format!("acs:{svc}:{region}:{account}:{res}"),
            Dialect::Iam => format!("arn:{partition}:{svc}:{region}:{account}:{res}"),
        });
    prop_oneof![1 => Just("*".to_owned()), 6 => arn]
}

fn principal(d: Dialect) -> impl Strategy<Value = String> {
    let kinds: &'static [&'static str] = match d {
        Dialect::Ram => &["RAM", "Service", "Federated"],
        Dialect::Iam => &["AWS", "Service", "Federated", "CanonicalUser"],
    };
    let map = (
        proptest::sample::subsequence(kinds, 1..=kinds.len()),
        prop::collection::vec(("[a-z0-9:/*.-]{1,20}", any::<bool>()), 4),
    )
        .prop_map(|(ks, vals)| {
            let members: Vec<String> = ks
                .iter()
                .zip(vals)
                .map(|(k, (v, single))| format!("{}:{}", q(k), one_or_many(&[q(&v)], single)))
                .collect();
            format!("{{{}}}", members.join(","))
        });
    let uids = prop::collection::vec("[0-9]{16}", 0..3)
        .prop_map(|v| format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(",")));
    match d {
        Dialect::Ram => prop_oneof![Just(q("*")), map, uids].boxed(),
        Dialect::Iam => prop_oneof![Just(q("*")), map].boxed(),
    }
}

/// Operators with a value generator for their type.
fn condition(d: Dialect) -> impl Strategy<Value = String> {
    let ops: Vec<&'static str> = match d {
        Dialect::Ram => vec![
            "StringEquals",
            "StringNotLike",
            "NumericLessThan",
            "DateGreaterThan",
            "Bool",
            "IpAddress",
            "NotIpAddress",
        ],
        Dialect::Iam => vec![
            "StringEquals",
            "ForAnyValue:StringLike",
            "StringNotEqualsIfExists",
            "NumericLessThan",
            "DateGreaterThan",
            "Bool",
            "IpAddress",
            "ArnLike",
            "Null",
            "BinaryEquals",
            "ForAllValues:StringEqualsIgnoreCase",
        ],
    };
    let prefix = match d {
        Dialect::Ram => "acs",
        Dialect::Iam => "aws",
    };
    let block = (
        proptest::sample::select(ops),
        prop::collection::btree_set("[A-Za-z]{1,6}(/[a-z]{1,3})?", 1..3),
        any::<bool>(),
        prop::collection::vec(value_seed(), 1..4),
    )
        .prop_map(move |(op, keys, single, seeds)| {
            let members: Vec<String> = keys
                .iter()
                .map(|k| {
                    let vals: Vec<String> = seeds.iter().map(|s| value_for(op, s)).collect();
                    format!("{}:{}", q(&format!("{prefix}:{k}")), one_or_many(&vals, single))
                })
                .collect();
            (op, format!("{{{}}}", members.join(",")))
        });
    prop::collection::vec(block, 1..4).prop_map(|blocks| {
        // One block per operator (a JSON object with a repeated key would mean something else to serde_json).
        let mut seen = BTreeMap::new();
        for (op, body) in blocks {
            seen.entry(op).or_insert(body);
        }
        format!(
            "{{{}}}",
            seen.iter().map(|(op, body)| format!("{}:{body}", q(op))).collect::<Vec<_>>().join(",")
        )
    })
}

/// Raw material for a condition value: an arbitrary string, a number, a flag.
fn value_seed() -> impl Strategy<Value = (String, u32, bool)> {
    (any::<String>().prop_filter("no `${`", |s| !s.contains("${")), any::<u32>(), any::<bool>())
}

fn value_for(op: &str, (text, n, flag): &(String, u32, bool)) -> String {
    let base = op
        .trim_start_matches("ForAnyValue:")
        .trim_start_matches("ForAllValues:")
        .trim_end_matches("IfExists");
    match base {
        "NumericLessThan" if *flag => n.to_string(),
        "NumericLessThan" => q(&format!("{}.{}", n / 100, n % 100)),
        "DateGreaterThan" if *flag => q(&(n / 2).to_string()),
        "DateGreaterThan" => q(&format!(
            "20{:02}-{:02}-{:02}T{:02}:{:02}:00Z",
            n % 100,
            n % 12 + 1,
            n % 28 + 1,
            n % 24,
            n % 60
        )),
        "Bool" | "Null" if *flag => (n % 2 == 0).to_string(),
        "Bool" | "Null" => q(if n % 2 == 0 { "true" } else { "false" }),
        "IpAddress" | "NotIpAddress" => q(&format!("10.{}.{}.0/{}", n % 256, (n / 256) % 256, n % 33)),
        "BinaryEquals" => q("QmluYXJ5"),
        _ => q(text),
    }
}

fn statement(d: Dialect) -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(action(), 1..4),
        (any::<bool>(), any::<bool>()),
        prop::option::of((prop::collection::vec(resource(d), 1..3), any::<bool>(), any::<bool>())),
        prop::option::of((principal(d), any::<bool>())),
        prop::option::of(condition(d)),
        prop::option::of("[A-Za-z0-9]{0,8}"),
        prop::collection::vec(any::<usize>(), 8),
        prop_oneof![Just(""), Just(" "), Just("\n  ")],
    )
        .prop_map(
            move |(
                allow,
                actions,
                (a_single, not_action),
                resources,
                principal,
                condition,
                sid,
                order,
                sep,
            )| {
                let mut m = vec![("Effect".to_owned(), q(if allow { "Allow" } else { "Deny" }))];
                let actions: Vec<String> = actions.iter().map(|a| q(a)).collect();
                m.push((
                    if not_action { "NotAction" } else { "Action" }.to_owned(),
                    one_or_many(&actions, a_single),
                ));
                if let Some((rs, single, not)) = resources {
                    let rs: Vec<String> = rs.iter().map(|r| q(r)).collect();
                    m.push((
                        if not { "NotResource" } else { "Resource" }.to_owned(),
                        one_or_many(&rs, single),
                    ));
                }
                if let Some((p, not)) = principal {
                    let key = if not && d == Dialect::Iam { "NotPrincipal" } else { "Principal" };
                    m.push((key.to_owned(), p));
                }
                if let Some(c) = condition {
                    m.push(("Condition".to_owned(), c));
                }
                if let (Some(sid), Dialect::Iam) = (sid, d) {
                    m.push(("Sid".to_owned(), q(&sid)));
                }
                object(m, &order, sep)
            },
        )
}

fn document() -> impl Strategy<Value = (Dialect, String)> {
    prop_oneof![Just(Dialect::Ram), Just(Dialect::Iam)].prop_flat_map(|d| {
        (
            prop::collection::vec(statement(d), 1..4),
            any::<bool>(),
            prop_oneof![Just("2012-10-17"), Just("2008-10-17")],
            prop::option::of("[a-z0-9-]{1,8}"),
            prop::collection::vec(any::<usize>(), 3),
        )
            .prop_map(move |(statements, single, iam_version, id, order)| {
                let st = if single && statements.len() == 1 {
                    statements[0].clone()
                } else {
                    format!("[{}]", statements.join(","))
                };
                let mut m = vec![("Statement".to_owned(), st)];
                match d {
                    Dialect::Ram => m.push(("Version".to_owned(), q("1"))),
                    Dialect::Iam => {
                        m.push(("Version".to_owned(), q(iam_version)));
                        if let Some(id) = id {
                            m.push(("Id".to_owned(), q(&id)));
                        }
                    }
                }
                (d, object(m, &order, " "))
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_documents_round_trip_and_keep_their_meaning((dialect, doc) in document()) {
        let p = Policy::from_json(&doc).unwrap_or_else(|e| panic!("{e}\n{doc}"));
        prop_assert_eq!(p.dialect(), dialect);
        let compact = p.to_json();
        let again = Policy::from_json(&compact).unwrap_or_else(|e| panic!("{e}\n{compact}"));
        prop_assert_eq!(&again, &p);
        prop_assert_eq!(again.to_json(), compact.clone());
        prop_assert_eq!(Policy::from_json(&p.to_json_pretty()).unwrap(), p.clone());
        let input: Value = serde_json::from_str(&doc).unwrap();
        let output: Value = serde_json::from_str(&compact).unwrap();
        prop_assert_eq!(output, input);
        // Forcing the right dialect changes nothing.
        prop_assert_eq!(Policy::from_json_with(&doc, &ParseOptions::new().dialect(dialect)).unwrap(), p);
    }

    #[test]
    fn forcing_the_other_dialect_is_an_error_when_the_document_shows_its_own((dialect, doc) in document()) {
        let other = if dialect == Dialect::Ram { Dialect::Iam } else { Dialect::Ram };
        let e = Policy::from_json_as(other, &doc).unwrap_err();
        prop_assert_eq!(e.kind(), tarn::ParseErrorKind::Dialect);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = Policy::from_json(&text);
        let _ = Policy::from_json_with(&text, &ParseOptions::new().allow_comments(true));
    }
}
