//! Serde for [`Policy`] (feature `serde`): the same document as [`Policy::to_json`] and
//! [`Policy::from_json`], in any self-describing format.
//!
//! **Serializing** walks the model in the canonical writer's order (`Version`, `Id`, `Statement`; in a
//! statement `Sid`, `Effect`, `Principal`, ..., `Condition`), single values as the author wrote them, and
//! condition values as strings, booleans or numbers: `serde_json::to_value(&policy)` is the value of
//! `policy.to_json()`, and TOML or YAML get maps and sequences, not a JSON string.
//!
//! **Deserializing** captures the input as a small value tree (maps keep their order and their duplicate
//! keys, which the format hands over), writes it as JSON text, and reads that with [`Policy::from_json`]:
//! so a policy inside a configuration file is accepted and rejected by exactly the rules of
//! `from_json`, and an error is `from_json`'s message and JSON pointer, through `serde::de::Error::custom`.
//! The trade-offs: `from_json`'s line and column would point into the re-encoded text, so they are left
//! out (the format adds its own position where it has one); a number comes through the format's number
//! type (`1.50` reads as `1.5`, the same value); and the format must be self-describing
//! (`deserialize_any`), which JSON, TOML and YAML are.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::condition::{Condition, ConditionValue, JsonType};
use crate::json::write::Writer;
use crate::model::{ElementList, List, Policy, Principal, Statement};

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let len = 1 + usize::from(self.version.is_some()) + usize::from(self.id.is_some());
        let mut m = s.serialize_map(Some(len))?;
        if let Some(v) = self.version {
            m.serialize_entry("Version", v.as_str())?;
        }
        if let Some(id) = &self.id {
            m.serialize_entry("Id", id)?;
        }
        match (self.single_statement, self.statements.as_slice()) {
            (true, [only]) => m.serialize_entry("Statement", &StatementSer(only))?,
            (_, all) => m.serialize_entry("Statement", &Many(all, StatementSer))?,
        }
        m.end()
    }
}

/// A slice as a sequence, each item through a wrapper.
struct Many<'a, T, W>(&'a [T], fn(&'a T) -> W);

impl<'a, T, W: Serialize> Serialize for Many<'a, T, W> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&(self.1)(item))?;
        }
        seq.end()
    }
}

/// A [`List`]: its one value when the author wrote a single value, else a sequence.
struct OneOrMany<'a, T, W>(&'a List<T>, fn(&'a T) -> W);

impl<'a, T, W: Serialize> Serialize for OneOrMany<'a, T, W> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self.0.is_single(), self.0.as_slice()) {
            (true, [only]) => (self.1)(only).serialize(s),
            (_, all) => Many(all, self.1).serialize(s),
        }
    }
}

struct StatementSer<'a>(&'a Statement);

impl Serialize for StatementSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let st = self.0;
        let len = 2
            + usize::from(st.sid.is_some())
            + usize::from(st.principal.is_some())
            + usize::from(st.resources.is_some())
            + usize::from(st.condition.is_some());
        let mut m = s.serialize_map(Some(len))?;
        if let Some(sid) = &st.sid {
            m.serialize_entry("Sid", sid)?;
        }
        m.serialize_entry("Effect", st.effect.as_str())?;
        if let Some(p) = &st.principal {
            let key = if p.is_not() { "NotPrincipal" } else { "Principal" };
            m.serialize_entry(key, &PrincipalSer(p.principal()))?;
        }
        element(&mut m, "Action", "NotAction", &st.actions, |a| a.as_str())?;
        if let Some(r) = &st.resources {
            element(&mut m, "Resource", "NotResource", r, |p| p.as_str())?;
        }
        if let Some(c) = &st.condition {
            m.serialize_entry("Condition", &ConditionSer(c))?;
        }
        m.end()
    }
}

fn element<'a, M: SerializeMap, T>(
    m: &mut M,
    key: &str,
    not_key: &str,
    e: &'a ElementList<T>,
    text: fn(&'a T) -> &'a str,
) -> Result<(), M::Error> {
    m.serialize_entry(if e.is_not() { not_key } else { key }, &OneOrMany(e.items(), text))
}

struct PrincipalSer<'a>(&'a Principal);

impl Serialize for PrincipalSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Principal::Any => s.serialize_str("*"),
            Principal::Uids(uids) => OneOrMany(uids, String::as_str).serialize(s),
            Principal::Map(entries) => {
                let mut m = s.serialize_map(Some(entries.len()))?;
                for (kind, values) in entries {
                    m.serialize_entry(kind.as_str(), &OneOrMany(values, String::as_str))?;
                }
                m.end()
            }
        }
    }
}

struct ConditionSer<'a>(&'a Condition);

impl Serialize for ConditionSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.blocks().len()))?;
        for block in self.0.blocks() {
            m.serialize_entry(&block.operator().to_string(), &Keys(block.keys()))?;
        }
        m.end()
    }
}

struct Keys<'a>(&'a [crate::condition::KeyValues]);

impl Serialize for Keys<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for kv in self.0 {
            m.serialize_entry(kv.key(), &OneOrMany(kv.values(), ValueSer))?;
        }
        m.end()
    }
}

struct ValueSer<'a>(&'a ConditionValue);

impl Serialize for ValueSer<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.0.as_str();
        match self.0.json_type() {
            JsonType::String => s.serialize_str(text),
            JsonType::Bool => s.serialize_bool(text == "true"),
            // The number as serde_json reads the same text: an integer when it is one, else a float.
            JsonType::Number => {
                let integer = !text.contains(['.', 'e', 'E']);
                if let (true, Ok(u)) = (integer, text.parse::<u64>()) {
                    s.serialize_u64(u)
                } else if let (true, Ok(i)) = (integer, text.parse::<i64>()) {
                    s.serialize_i64(i)
                } else {
                    match text.parse::<f64>() {
                        Ok(f) if f.is_finite() => s.serialize_f64(f),
                        _ => Err(serde::ser::Error::custom(format_args!("`{text}` is not a finite number"))),
                    }
                }
            }
        }
    }
}

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = ValueSeed { depth: 0 }.deserialize(d)?;
        let mut w = Writer::new(false, 1024);
        write_value(&mut w, &value);
        Policy::from_json(&w.finish()).map_err(|e| {
            let mut message = e.message().to_owned();
            if !e.pointer().is_empty() {
                message.push_str(" at ");
                message.push_str(e.pointer());
            }
            if let Some(help) = e.help() {
                message.push_str("; ");
                message.push_str(help);
            }
            de::Error::custom(message)
        })
    }
}

/// What a format hands over, before it is read as a policy: maps keep their order and duplicate keys.
enum Value {
    Null,
    Bool(bool),
    /// A number's JSON text.
    Number(String),
    String(String),
    Seq(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// The nesting limit, as for the JSON reader: hostile nesting is an error, not a stack overflow.
const MAX_DEPTH: usize = 128;

struct ValueSeed {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.depth > MAX_DEPTH {
            return Err(de::Error::custom(format_args!("a policy nested deeper than {MAX_DEPTH} levels")));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a policy document")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        if !v.is_finite() {
            return Err(E::custom(format_args!("`{v}` is not a number a policy can hold")));
        }
        // `Display` never uses an exponent and always gives a valid JSON number for a finite float.
        Ok(Value::Number(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(v) = seq.next_element_seed(ValueSeed { depth: self.depth + 1 })? {
            items.push(v);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
        while let Some(key) = map.next_key::<Key>()? {
            let value = map.next_value_seed(ValueSeed { depth: self.depth + 1 })?;
            entries.push((key.0, value));
        }
        Ok(Value::Map(entries))
    }
}

/// A map key: policies have string keys only.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key (a policy's element, operator or condition key)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
                Ok(Key(v))
            }
        }
        d.deserialize_str(V)
    }
}

/// Writes a captured value as compact JSON (depth bounded by [`MAX_DEPTH`] when it was captured).
fn write_value(w: &mut Writer, v: &Value) {
    match v {
        Value::Null => w.raw("null"),
        Value::Bool(b) => w.raw(if *b { "true" } else { "false" }),
        Value::Number(n) => w.raw(n),
        Value::String(s) => w.string(s),
        Value::Seq(items) => {
            w.begin_array();
            for i in items {
                write_value(w, i);
            }
            w.end_array();
        }
        Value::Map(entries) => {
            w.begin_object();
            for (k, v) in entries {
                w.key(k);
                write_value(w, v);
            }
            w.end_object();
        }
    }
}
