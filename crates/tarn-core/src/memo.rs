//! Memos of pure lookups by name, shared by the threads of the process (a linter sees the same unknown
//! names and the same resources document after document, on every core), emptied when they reach their
//! bound.

use std::sync::{Mutex, MutexGuard, PoisonError};

use tarn_catalog::FnvMap;

/// A memo: values by name, at most `bound` of them.
pub(crate) struct Memo<V> {
    map: Mutex<Option<FnvMap<Box<str>, V>>>,
    bound: usize,
}

impl<V: Clone> Memo<V> {
    /// An empty memo that holds up to `bound` values.
    pub(crate) const fn new(bound: usize) -> Self {
        Memo { map: Mutex::new(None), bound }
    }

    fn lock(&self) -> MutexGuard<'_, Option<FnvMap<Box<str>, V>>> {
        // A panic elsewhere leaves the map as it was: still a valid memo.
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value remembered for `key`, if any.
    pub(crate) fn recall(&self, key: &str) -> Option<V> {
        self.lock().as_ref().and_then(|m| m.get(key).cloned())
    }

    /// Remembers `value` for `key`; a memo at its bound is emptied first.
    pub(crate) fn remember(&self, key: &str, value: V) {
        let mut guard = self.lock();
        let map = guard.get_or_insert_with(FnvMap::default);
        if map.len() >= self.bound {
            map.clear();
        }
        map.insert(Box::from(key), value);
    }
}
