//! `cargo xtask <command>`: project automation.
//!
//! - `cargo xtask import-catalogs [SHARED_DATA_DIR]`: converts the catalog inputs (default `../shared/data`)
//!   into the project's own catalog sources under `data/`.
//! - `cargo xtask gen-actions [--check]`: generates `crates/tarn-catalog/src/generated/` from `data/`;
//!   with `--check`, writes nothing and fails if anything is stale.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod gen;
mod import;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let res = match args.first().map(String::as_str) {
        Some("import-catalogs") => {
            let src = args.get(1).map(PathBuf::from).unwrap_or_else(|| root().join("../shared/data"));
            import::run(&src, &root().join("data"))
        }
        Some("gen-actions") => {
            let check = args.iter().skip(1).any(|a| a == "--check");
            gen::run(&root(), check)
        }
        _ => {
            Err("usage: cargo xtask import-catalogs [SHARED_DATA_DIR] | cargo xtask gen-actions [--check]"
                .into())
        }
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Writes `contents` to `path` unless it already holds exactly that. In check mode writes nothing and
/// returns whether the file is stale.
pub(crate) fn ensure_file_contents(path: &Path, contents: &str, check: bool) -> Result<bool> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(contents) {
        return Ok(false);
    }
    if !check {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("updated {}", path.display());
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    /// `cargo test` fails when the generated catalog is stale.
    #[test]
    fn generated_catalog_is_fresh() {
        if let Err(e) = crate::gen::run(&crate::root(), true) {
            panic!("{e}");
        }
    }
}
