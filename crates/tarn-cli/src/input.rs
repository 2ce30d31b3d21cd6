//! Reading documents and the options every command shares.

use std::io::Read;

use clap::ArgMatches;
use tarn_core::{Dialect, ParseOptions};

use crate::Failure;

/// The text of `file` (`-`: standard input); an error names the file.
pub fn read(file: &str) -> Result<String, Failure> {
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().lock().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read(file).and_then(|bytes| {
            text = String::from_utf8(bytes).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not UTF-8 text ({e})"))
            })?;
            Ok(())
        })
    };
    read.map(|()| text).map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}", display_name(file))))
}

/// The name a file is shown by: `<stdin>` for `-`.
pub fn display_name(file: &str) -> &str {
    if file == "-" {
        "<stdin>"
    } else {
        file
    }
}

/// How `--lenient` and `--dialect` ask documents to be read.
pub fn parse_options(m: &ArgMatches) -> ParseOptions {
    let opts = ParseOptions::new().allow_comments(m.get_flag("lenient"));
    match dialect(m) {
        Some(d) => opts.dialect(d),
        None => opts,
    }
}

/// `--dialect`, if given.
pub fn dialect(m: &ArgMatches) -> Option<Dialect> {
    match m.get_one::<String>("dialect").map(String::as_str) {
        Some("ram") => Some(Dialect::Ram),
        Some("iam") => Some(Dialect::Iam),
        _ => None,
    }
}

/// A file to check, and whether it was found by walking a directory or matching a glob (then a file that is
/// no policy, template or plan is skipped quietly) rather than named.
pub struct Input {
    pub path: String,
    pub walked: bool,
}

/// The extensions of the files that a walk looks at.
const WALKED: &[&str] = &["json", "yaml", "yml", "template"];

/// The files an argument stands for: itself, the files under a directory (as ripgrep walks: `.gitignore`
/// and hidden files respected, sorted by name), or the files that match a glob (`infra/**/*.yaml`).
pub fn expand(arg: &str) -> Result<Vec<Input>, String> {
    let path = std::path::Path::new(arg);
    if arg == "-" || !path.is_dir() && (path.exists() || !arg.contains(['*', '?', '[', '{'])) {
        return Ok(vec![Input { path: arg.to_owned(), walked: false }]);
    }
    let (root, glob) = if path.is_dir() {
        (arg.to_owned(), None)
    } else {
        // The part before the first component with a glob character is the folder to walk.
        let first = arg.find(['*', '?', '[', '{']).unwrap_or(arg.len());
        let root = arg
            .get(..first)
            .and_then(|p| p.rfind('/').map(|i| p.get(..i.max(1)).unwrap_or(".")))
            .unwrap_or(".");
        (root.to_owned(), Some(arg.strip_prefix(&format!("{root}/")).unwrap_or(arg).to_owned()))
    };
    let mut walk = ignore::WalkBuilder::new(&root);
    walk.sort_by_file_name(std::cmp::Ord::cmp);
    if let Some(g) = &glob {
        let mut o = ignore::overrides::OverrideBuilder::new(&root);
        o.add(g).map_err(|e| format!("`{arg}` is not a glob tarn understands: {e}"))?;
        walk.overrides(o.build().map_err(|e| format!("`{arg}` is not a glob tarn understands: {e}"))?);
    }
    let mut out = Vec::new();
    for entry in walk.build() {
        let entry = entry.map_err(|e| format!("cannot walk `{arg}`: {e}"))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let p = entry.path();
        let wanted = glob.is_some()
            || p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| WALKED.contains(&e.to_ascii_lowercase().as_str()));
        if wanted {
            out.push(Input { path: p.to_string_lossy().into_owned(), walked: true });
        }
    }
    if out.is_empty() && glob.is_some() {
        return Err(format!("no file matches `{arg}`"));
    }
    Ok(out)
}
