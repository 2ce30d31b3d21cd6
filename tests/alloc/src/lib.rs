//! Allocation tests of tarn (see `eval_alloc.rs`); no library code.
