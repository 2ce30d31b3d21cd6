//! A pull reader for JSON that always knows where it is, so that every error carries a line, a column
//! and the JSON pointer of the offending value. It borrows strings without escapes from the input.
//!
//! The reader never recurses on its own: the caller walks the structure it expects, so nesting depth is
//! bounded by the policy grammar, not by the input.

use std::borrow::Cow;

use crate::diagnostic::Code;
use crate::error::{ParseError, ParseErrorKind};

/// One step of the path from the document root to the value being read.
#[derive(Debug, Clone)]
enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

/// The JSON type of the next value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl Kind {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Kind::Object => "an object",
            Kind::Array => "an array",
            Kind::String => "a string",
            Kind::Number => "a number",
            Kind::Bool => "a boolean",
            Kind::Null => "null",
        }
    }
}

/// A scalar value as written.
#[derive(Debug, Clone)]
pub(crate) enum Scalar<'a> {
    Str(Cow<'a, str>),
    /// The number's text, validated against the JSON grammar.
    Num(&'a str),
    Bool(bool),
}

pub(crate) type Result<T> = std::result::Result<T, ParseError>;

pub(crate) struct Reader<'a> {
    src: &'a str,
    pos: usize,
    comments: bool,
    path: Vec<Seg<'a>>,
    /// The code of errors that the element being read gives when nothing more specific applies (a value of
    /// the wrong type in `Effect` is `INVALID_EFFECT`).
    code: Code,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(src: &'a str, comments: bool) -> Self {
        // A byte-order mark carries no data; editors on some systems write one.
        let pos = if src.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        Self { src, pos, comments, path: Vec::with_capacity(8), code: Code::MalformedJson }
    }

    pub(crate) fn src(&self) -> &'a str {
        self.src
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes().get(at).copied()
    }

    /// The JSON pointer of the value being read.
    pub(crate) fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            out.push('/');
            match seg {
                Seg::Key(k) => push_pointer_segment(&mut out, k),
                Seg::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    /// An error at byte `at`, for the value at the current path.
    pub(crate) fn error(
        &self,
        at: usize,
        kind: ParseErrorKind,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ParseError {
        let code = match kind {
            ParseErrorKind::Syntax | ParseErrorKind::Comment => Code::MalformedJson,
            ParseErrorKind::DuplicateKey => Code::DuplicateElement,
            ParseErrorKind::UnknownElement => Code::UnsupportedElement,
            ParseErrorKind::Dialect => Code::UnsupportedInDialect,
            ParseErrorKind::UnknownDialect => Code::UnknownDialect,
            _ => self.code,
        };
        self.error_coded(at, kind, code, message, help)
    }

    /// An error with its own code, whatever the element being read.
    pub(crate) fn error_coded(
        &self,
        at: usize,
        kind: ParseErrorKind,
        code: Code,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ParseError {
        ParseError::new(kind, code, message.into(), help, self.src, at, self.pointer())
    }

    /// Reads an element's value with `code` as the code of its errors (see [`Reader::error`]).
    pub(crate) fn element<T>(&mut self, code: Code, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let outer = std::mem::replace(&mut self.code, code);
        let res = f(self);
        self.code = outer;
        res
    }

    fn syntax(&self, at: usize, message: impl Into<String>) -> ParseError {
        self.error(at, ParseErrorKind::Syntax, message, None)
    }

    /// A syntax error at byte `at`.
    pub(crate) fn syntax_error(&self, at: usize, message: impl Into<String>) -> ParseError {
        self.syntax(at, message)
    }

    /// The byte offset the reader is at (after the value just read).
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    fn found(&self, at: usize) -> String {
        match self.src.get(at..).and_then(|s| s.chars().next()) {
            None => "the end of the input".to_owned(),
            Some(c) if c.is_control() => format!("the control character U+{:04X}", u32::from(c)),
            Some(c) => format!("`{c}`"),
        }
    }

    /// Skips whitespace, and comments when they are allowed.
    #[inline]
    pub(crate) fn ws(&mut self) -> Result<()> {
        match self.byte(self.pos) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'/') => self.skip_ws(),
            _ => Ok(()),
        }
    }

    fn skip_ws(&mut self) -> Result<()> {
        let bytes = self.bytes();
        let mut i = self.pos;
        loop {
            match bytes.get(i) {
                Some(b' ') => {
                    i += 1;
                    // Indentation comes in runs: skip eight spaces at a time.
                    while bytes.get(i..i + 8) == Some(b"        ") {
                        i += 8;
                    }
                }
                Some(b'\t' | b'\n' | b'\r') => i += 1,
                Some(b'/') => {
                    self.pos = i;
                    self.comment()?;
                    i = self.pos;
                }
                _ => {
                    self.pos = i;
                    return Ok(());
                }
            }
        }
    }

    fn comment(&mut self) -> Result<()> {
        let start = self.pos;
        let next = self.byte(start + 1);
        if !matches!(next, Some(b'/' | b'*')) {
            return Err(self.syntax(start, format!("expected a value, found {}", self.found(start))));
        }
        if !self.comments {
            return Err(self.error(
                start,
                ParseErrorKind::Comment,
                "comments are not allowed in a policy document",
                Some(
                    "delete the comment (the cloud rejects it); to read documentation examples that carry \
                     comments, parse with `ParseOptions::new().allow_comments(true)`"
                        .to_owned(),
                ),
            ));
        }
        let rest = self.src.get(start + 2..).unwrap_or_default();
        if next == Some(b'/') {
            self.pos = start + 2 + rest.find('\n').unwrap_or(rest.len());
        } else {
            match rest.find("*/") {
                Some(end) => self.pos = start + 2 + end + 2,
                None => return Err(self.syntax(start, "unterminated `/*` comment")),
            }
        }
        Ok(())
    }

    /// Skips whitespace and returns where the next value starts.
    pub(crate) fn start(&mut self) -> Result<usize> {
        self.ws()?;
        Ok(self.pos)
    }

    /// The type of the next value (after whitespace).
    pub(crate) fn peek(&mut self) -> Result<Kind> {
        self.ws()?;
        match self.byte(self.pos) {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            _ => Err(self.syntax(self.pos, format!("expected a value, found {}", self.found(self.pos)))),
        }
    }

    fn expect_byte(&mut self, b: u8, what: &str) -> Result<()> {
        if self.byte(self.pos) == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(self.pos, format!("expected {what}, found {}", self.found(self.pos))))
        }
    }

    /// Reads a string (after whitespace).
    #[inline]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>> {
        if self.byte(self.pos) != Some(b'"') {
            self.ws()?;
            self.expect_byte(b'"', "a string")?;
        } else {
            self.pos += 1;
        }
        let start = self.pos;
        let bytes = self.bytes();
        let mut i = skip_plain(bytes, start);
        // Fast path: no escapes.
        while let Some(&b) = bytes.get(i) {
            if b == b'"' {
                self.pos = i + 1;
                // `start` follows an ASCII `"` and `i` is at one, both within `src`: char boundaries.
                #[allow(clippy::indexing_slicing)]
                return Ok(Cow::Borrowed(&self.src[start..i]));
            }
            if b == b'\\' || b < 0x20 {
                break;
            }
            i += 1;
        }
        self.string_slow(start, i)
    }

    /// The rest of a string from `i` on: escapes, control characters, or the end of the input.
    #[cold]
    #[inline(never)]
    fn string_slow(&mut self, start: usize, mut i: usize) -> Result<Cow<'a, str>> {
        let bytes = self.bytes();
        match bytes.get(i) {
            None => return Err(self.syntax(start - 1, "unterminated string")),
            Some(&b) if b < 0x20 => return Err(self.control_in_string(i)),
            _ => {}
        }
        let mut out = String::with_capacity(i - start + 16);
        // `start` follows an ASCII `"`, and `i` is at an ASCII byte (`bytes.get(i)` is `Some`): boundaries.
        #[allow(clippy::indexing_slicing)]
        out.push_str(&self.src[start..i]);
        loop {
            // Copy the run up to the next quote, backslash or control character.
            let run = i;
            while let Some(&b) = bytes.get(i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                i += 1;
            }
            // `run` is after an ASCII byte or escape, `i` at an ASCII byte or the end: char boundaries.
            #[allow(clippy::indexing_slicing)]
            out.push_str(&self.src[run..i]);
            match bytes.get(i) {
                None => return Err(self.syntax(start - 1, "unterminated string")),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let esc = bytes.get(i + 1).copied();
                    let simple = match esc {
                        Some(b'"') => Some('"'),
                        Some(b'\\') => Some('\\'),
                        Some(b'/') => Some('/'),
                        Some(b'b') => Some('\u{8}'),
                        Some(b'f') => Some('\u{c}'),
                        Some(b'n') => Some('\n'),
                        Some(b'r') => Some('\r'),
                        Some(b't') => Some('\t'),
                        _ => None,
                    };
                    if let Some(c) = simple {
                        out.push(c);
                        i += 2;
                    } else if esc == Some(b'u') {
                        let (c, len) = self.unicode_escape(i)?;
                        out.push(c);
                        i += len;
                    } else {
                        return Err(self.syntax(
                            i,
                            "invalid escape; JSON has `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` and `\\uXXXX`",
                        ));
                    }
                }
                Some(_) => return Err(self.control_in_string(i)),
            }
        }
    }

    fn control_in_string(&self, at: usize) -> ParseError {
        self.error(
            at,
            ParseErrorKind::Syntax,
            format!("{} inside a string", self.found(at)),
            Some("write control characters as escapes (`\\n`, `\\t`, `\\u0001`)".to_owned()),
        )
    }

    fn hex4(&self, at: usize) -> Result<u32> {
        let digits = self.src.get(at..at + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
            Some(v) => Ok(v),
            None => Err(self.syntax(at, "`\\u` must be followed by four hexadecimal digits")),
        }
    }

    /// Decodes `\uXXXX` (and a following low surrogate) at `at`; returns the character and the length.
    fn unicode_escape(&self, at: usize) -> Result<(char, usize)> {
        let hi = self.hex4(at + 2)?;
        if (0xD800..0xDC00).contains(&hi) {
            let bytes = self.bytes();
            if bytes.get(at + 6) == Some(&b'\\') && bytes.get(at + 7) == Some(&b'u') {
                let lo = self.hex4(at + 8)?;
                if (0xDC00..0xE000).contains(&lo) {
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    if let Some(c) = char::from_u32(c) {
                        return Ok((c, 12));
                    }
                }
            }
            return Err(self.syntax(at, "a high surrogate escape must be followed by a low surrogate escape"));
        }
        match char::from_u32(hi) {
            Some(c) => Ok((c, 6)),
            None => Err(self.syntax(at, "a lone low surrogate escape is not a character")),
        }
    }

    /// Reads a number (after whitespace) and returns its text.
    fn number(&mut self) -> Result<&'a str> {
        let start = self.pos;
        match crate::number::scan(self.bytes(), start, crate::number::LeadingZeros::Refused) {
            Ok(end) => {
                self.pos = end;
                Ok(self.src.get(start..end).unwrap_or_default())
            }
            Err(e) => Err(self.syntax(start, e.message())),
        }
    }

    fn word(&mut self, word: &str) -> Result<()> {
        if self.src.get(self.pos..).is_some_and(|s| s.starts_with(word)) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax(self.pos, format!("expected a value, found {}", self.found(self.pos))))
        }
    }

    /// Reads a string, number or boolean; objects, arrays and `null` are a [`ParseErrorKind::WrongType`]
    /// error that says `expected`.
    pub(crate) fn scalar(&mut self, expected: &str) -> Result<Scalar<'a>> {
        match self.peek()? {
            Kind::String => Ok(Scalar::Str(self.string()?)),
            Kind::Number => Ok(Scalar::Num(self.number()?)),
            Kind::Bool => {
                if self.byte(self.pos) == Some(b't') {
                    self.word("true")?;
                    Ok(Scalar::Bool(true))
                } else {
                    self.word("false")?;
                    Ok(Scalar::Bool(false))
                }
            }
            kind => Err(self.wrong_type(kind, expected)),
        }
    }

    /// A [`ParseErrorKind::WrongType`] error for the value at the current position.
    pub(crate) fn wrong_type(&self, found: Kind, expected: &str) -> ParseError {
        self.error(
            self.pos,
            ParseErrorKind::WrongType,
            format!("expected {expected}, found {}", found.describe()),
            None,
        )
    }

    /// Reads a string; any other type is a [`ParseErrorKind::WrongType`] error that says `expected`.
    pub(crate) fn string_value(&mut self, expected: &str) -> Result<Cow<'a, str>> {
        match self.peek()? {
            Kind::String => self.string(),
            kind => Err(self.wrong_type(kind, expected)),
        }
    }

    /// Reads an object, calling `member` with each key (and the byte offset of the key) while the key is
    /// on the path.
    pub(crate) fn object(
        &mut self,
        mut member: impl FnMut(&mut Self, Cow<'a, str>, usize) -> Result<()>,
    ) -> Result<()> {
        self.ws()?;
        self.expect_byte(b'{', "an object")?;
        self.ws()?;
        if self.byte(self.pos) == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.ws()?;
            let key_at = self.pos;
            if self.byte(self.pos) != Some(b'"') {
                return Err(self
                    .syntax(self.pos, format!("expected a key in quotes, found {}", self.found(self.pos))));
            }
            let key = self.string()?;
            self.ws()?;
            self.expect_byte(b':', "`:` after the key")?;
            self.path.push(Seg::Key(key.clone()));
            let r = member(self, key, key_at);
            self.path.pop();
            r?;
            if self.closed(b'}')? {
                return Ok(());
            }
        }
    }

    /// Reads an array, calling `element` with each index while it is on the path.
    pub(crate) fn array(&mut self, mut element: impl FnMut(&mut Self, usize) -> Result<()>) -> Result<()> {
        self.ws()?;
        self.expect_byte(b'[', "an array")?;
        self.ws()?;
        if self.byte(self.pos) == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            self.path.push(Seg::Index(index));
            let r = element(self, index);
            self.path.pop();
            r?;
            index += 1;
            if self.closed(b']')? {
                return Ok(());
            }
        }
    }

    /// After a member or element: `,` (more follow; `false`) or `close` (done; `true`).
    fn closed(&mut self, close: u8) -> Result<bool> {
        self.ws()?;
        let close_char = char::from(close);
        match self.byte(self.pos) {
            Some(b',') => {
                self.pos += 1;
                self.ws()?;
                if self.byte(self.pos) == Some(close) {
                    return Err(self.syntax(self.pos - 1, format!("trailing comma before `{close_char}`")));
                }
                Ok(false)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self
                .syntax(self.pos, format!("expected `,` or `{close_char}`, found {}", self.found(self.pos)))),
        }
    }

    /// Checks that the next value is an object; a [`ParseErrorKind::WrongType`] error that says `expected`
    /// otherwise.
    pub(crate) fn expect_object(&mut self, expected: &str) -> Result<()> {
        match self.peek()? {
            Kind::Object => Ok(()),
            kind => Err(self.wrong_type(kind, expected)),
        }
    }

    /// Skips any value (depth-limited, so that hostile nesting is an error, not a stack overflow).
    pub(crate) fn skip_value(&mut self, depth: usize) -> Result<()> {
        if depth > 128 {
            return Err(self.syntax(self.pos, "nesting too deep"));
        }
        match self.peek()? {
            Kind::Object => self.object(|r, _, _| r.skip_value(depth + 1)),
            Kind::Array => self.array(|r, _| r.skip_value(depth + 1)),
            _ => self.scalar_or_null().map(|_| ()),
        }
    }

    fn scalar_or_null(&mut self) -> Result<()> {
        if self.peek()? == Kind::Null {
            return self.word("null");
        }
        self.scalar("a value").map(|_| ())
    }

    /// Checks that nothing but whitespace (and allowed comments) follows.
    pub(crate) fn finish(&mut self) -> Result<()> {
        self.ws()?;
        if self.pos < self.src.len() {
            return Err(self
                .syntax(self.pos, format!("unexpected {} after the policy document", self.found(self.pos))));
        }
        Ok(())
    }
}

/// Skips, eight bytes at a time, the bytes of a string that need no attention (anything but `"`, `\\` and
/// control characters); returns the index of the first eight-byte block that may hold one.
#[inline]
fn skip_plain(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let quote = has_zero(x ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(x ^ (ONES * u64::from(b'\\')));
        // A byte below 0x20: subtracting 0x20 borrows into its high bit (bytes >= 0x80 excluded by `!x`).
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        if quote | backslash | control != 0 {
            break;
        }
        i += 8;
    }
    i
}

/// Appends `key` as a JSON pointer segment: `~` as `~0`, `/` as `~1`.
pub(crate) fn push_pointer_segment(out: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}
