//! Workspace-level tests; see `ui.rs`.
