//! JSON reading and writing, without a JSON library: the reader tracks positions and paths for errors,
//! the writer has a fixed canonical layout.

pub(crate) mod read;
pub(crate) mod write;

use crate::condition::{Condition, JsonType};
use crate::model::{ElementList, List, Policy, Principal, Statement};
use write::Writer;

/// The byte offset of the value at JSON pointer `pointer` in `src` (a document that reads as a policy), or
/// `None` if there is no such value.
pub(crate) fn locate(src: &str, comments: bool, pointer: &str) -> Option<usize> {
    let segments: Vec<String> =
        pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~")).collect();
    let mut r = read::Reader::new(src, comments);
    let mut found = None;
    descend(&mut r, &segments, &mut found).ok()?;
    found
}

fn descend(r: &mut read::Reader<'_>, path: &[String], found: &mut Option<usize>) -> read::Result<()> {
    let at = r.start()?;
    let Some((first, rest)) = path.split_first() else {
        *found = Some(at);
        return r.skip_value(0);
    };
    match r.peek()? {
        read::Kind::Object => r.object(|r, key, _| {
            if found.is_none() && key == first.as_str() {
                descend(r, rest, found)
            } else {
                r.skip_value(0)
            }
        }),
        read::Kind::Array => {
            let index: Option<usize> = first.parse().ok();
            r.array(|r, i| {
                if found.is_none() && Some(i) == index {
                    descend(r, rest, found)
                } else {
                    r.skip_value(0)
                }
            })
        }
        _ => r.skip_value(0),
    }
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
