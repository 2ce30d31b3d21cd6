//! Runnable examples of tarn; see the `examples/` directory.
