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
