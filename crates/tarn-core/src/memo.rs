//! Per-thread memos of pure lookups by name (a linter sees the same unknown names document after
//! document), emptied when they reach their bound.

use std::cell::RefCell;
use std::thread::LocalKey;

use tarn_catalog::FnvMap;

/// A memo: values by name.
pub(crate) type Memo<V> = RefCell<FnvMap<Box<str>, V>>;

/// The value remembered for `key`, if any.
pub(crate) fn recall<V: Clone>(memo: &'static LocalKey<Memo<V>>, key: &str) -> Option<V> {
    memo.with(|m| m.borrow().get(key).cloned())
}

/// Remembers `value` for `key`; a memo that holds `bound` values is emptied first.
pub(crate) fn remember<V>(memo: &'static LocalKey<Memo<V>>, bound: usize, key: &str, value: V) {
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= bound {
            m.clear();
        }
        m.insert(Box::from(key), value);
    });
}
