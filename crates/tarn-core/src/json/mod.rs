//! JSON reading and writing, without a JSON library: the reader tracks positions and paths for errors,
//! the writer has a fixed canonical layout.

pub(crate) mod read;
pub(crate) mod tree;
pub(crate) mod write;

use crate::condition::{Condition, JsonType};
use crate::model::{ElementList, List, Policy, Principal, Statement};
use write::Writer;

/// The byte offset of the value at each JSON pointer in `src` (a document that reads as a policy), `None`
/// for a pointer with no value; one pass over the document, whatever the number of pointers.
pub(crate) fn locate_all(src: &str, comments: bool, pointers: &[&str]) -> Vec<Option<usize>> {
    let paths: Vec<Vec<String>> = pointers
        .iter()
        .map(|p| p.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect())
        .collect();
    let mut found = vec![None; pointers.len()];
    let mut r = read::Reader::new(src, comments);
    let all: Vec<usize> = (0..paths.len()).collect();
    // An error leaves the pointers not yet reached without a place.
    let _ = descend(&mut r, &paths, 0, &all, &mut found);
    found
}

/// Reads the value at depth `depth`, on the path of the pointers `wanted`: records those that end here,
/// and goes into the children that the others name.
fn descend(
    r: &mut read::Reader<'_>,
    paths: &[Vec<String>],
    depth: usize,
    wanted: &[usize],
    found: &mut [Option<usize>],
) -> read::Result<()> {
    let at = r.start()?;
    let mut deeper: Vec<usize> = Vec::new();
    for &w in wanted {
        match paths.get(w).map(|p| p.len() > depth) {
            Some(true) => deeper.push(w),
            Some(false) => {
                if let Some(slot) = found.get_mut(w) {
                    *slot = Some(at);
                }
            }
            None => {}
        }
    }
    let next = |key: &str| -> Vec<usize> {
        deeper
            .iter()
            .copied()
            .filter(|&w| paths.get(w).and_then(|p| p.get(depth)).is_some_and(|s| s == key))
            .collect()
    };
    if deeper.is_empty() {
        return r.skip_value(0);
    }
    match r.peek()? {
        read::Kind::Object => r.object(|r, key, _| {
            let these = next(&key);
            if these.is_empty() {
                r.skip_value(0)
            } else {
                descend(r, paths, depth + 1, &these, found)
            }
        }),
        read::Kind::Array => r.array(|r, i| {
            let these = next(&i.to_string());
            if these.is_empty() {
                r.skip_value(0)
            } else {
                descend(r, paths, depth + 1, &these, found)
            }
        }),
        _ => r.skip_value(0),
    }
}

/// The keys that appear twice in one object of the `Condition` of some statement: the pointer of the second
/// one, the key, and whether it is an operator. (Elsewhere a repeated key is an error of the reader.) Only
/// `Statement` and the
/// statements' `Condition` are read; the rest is skipped.
pub(crate) fn repeated_condition_keys(src: &str, comments: bool) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut r = read::Reader::new(src, comments);
    let _ = r.object(|r, key, _| {
        if key != "Statement" {
            return r.skip_value(0);
        }
        match r.peek()? {
            read::Kind::Array => {
                r.array(|r, i| statement_conditions(r, &format!("/Statement/{i}"), &mut out))
            }
            _ => statement_conditions(r, "/Statement", &mut out),
        }
    });
    out
}

fn statement_conditions(
    r: &mut read::Reader<'_>,
    at: &str,
    out: &mut Vec<(String, String, bool)>,
) -> read::Result<()> {
    if r.peek()? != read::Kind::Object {
        return r.skip_value(0);
    }
    r.object(|r, key, _| {
        if key != "Condition" || r.peek()? != read::Kind::Object {
            return r.skip_value(0);
        }
        let condition = format!("{at}/Condition");
        let mut operators: Vec<String> = Vec::new();
        r.object(|r, op, _| {
            let here = format!("{condition}/{}", escape_pointer(&op));
            if operators.iter().any(|o| *o == op) {
                out.push((here.clone(), op.to_string(), true));
            } else {
                operators.push(op.to_string());
            }
            if r.peek()? != read::Kind::Object {
                return r.skip_value(0);
            }
            let mut keys: Vec<String> = Vec::new();
            r.object(|r, k, _| {
                if keys.iter().any(|x| *x == k) {
                    out.push((format!("{here}/{}", escape_pointer(&k)), k.to_string(), false));
                } else {
                    keys.push(k.to_string());
                }
                r.skip_value(0)
            })
        })
    })
}

/// A key as a JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub(crate) fn escape_pointer(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    read::push_pointer_segment(&mut out, key);
    out
}

pub(crate) fn write_policy(p: &Policy, pretty: bool) -> String {
    let mut w = Writer::new(pretty, 256 * (p.statements.len() + 1));
    w.begin_object();
    if let Some(v) = p.version {
        w.key("Version");
        w.string(v.as_str());
    }
    if let Some(id) = &p.id {
        w.key("Id");
        w.string(id);
    }
    w.key("Statement");
    match (p.single_statement, p.statements.as_slice()) {
        (true, [only]) => statement(&mut w, only),
        (_, all) => {
            w.begin_array();
            for s in all {
                statement(&mut w, s);
            }
            w.end_array();
        }
    }
    w.end_object();
    w.finish()
}

fn statement(w: &mut Writer, s: &Statement) {
    w.begin_object();
    if let Some(sid) = &s.sid {
        w.key("Sid");
        w.string(sid);
    }
    w.key("Effect");
    w.string(s.effect.as_str());
    if let Some(p) = &s.principal {
        w.key(if p.is_not() { "NotPrincipal" } else { "Principal" });
        principal(w, p.principal());
    }
    element(w, "Action", "NotAction", &s.actions, |a| a.as_str());
    if let Some(r) = &s.resources {
        element(w, "Resource", "NotResource", r, |p| p.as_str());
    }
    if let Some(c) = &s.condition {
        w.key("Condition");
        condition(w, c);
    }
    w.end_object();
}

fn element<T>(w: &mut Writer, key: &str, not_key: &str, e: &ElementList<T>, text: impl Fn(&T) -> &str) {
    w.key(if e.is_not() { not_key } else { key });
    list(w, e.items(), |w, v| w.string(text(v)));
}

fn list<T>(w: &mut Writer, l: &List<T>, mut item: impl FnMut(&mut Writer, &T)) {
    match (l.is_single(), l.as_slice()) {
        (true, [only]) => item(w, only),
        (_, all) => {
            w.begin_array();
            for v in all {
                item(w, v);
            }
            w.end_array();
        }
    }
}

fn principal(w: &mut Writer, p: &Principal) {
    match p {
        Principal::Any => w.string("*"),
        Principal::Uids(uids) => list(w, uids, |w, s| w.string(s)),
        Principal::Map(entries) => {
            w.begin_object();
            for (kind, values) in entries {
                w.key(kind.as_str());
                list(w, values, |w, s| w.string(s));
            }
            w.end_object();
        }
    }
}

fn condition(w: &mut Writer, c: &Condition) {
    w.begin_object();
    for block in c.blocks() {
        w.key(&block.operator().to_string());
        w.begin_object();
        for kv in block.keys() {
            w.key(kv.key());
            list(w, kv.values(), |w, v| match v.json_type() {
                JsonType::String => w.string(v.as_str()),
                JsonType::Number | JsonType::Bool => w.raw(v.as_str()),
            });
        }
        w.end_object();
    }
    w.end_object();
}
