//! A JSON writer with two layouts: compact (no whitespace at all) and pretty (two-space indentation, one
//! member or element a line, `": "` after keys), both escaping strings the same way as `serde_json`.

pub(crate) struct Writer {
    out: String,
    pretty: bool,
    /// One entry per open object or array: whether it has members yet.
    stack: Vec<bool>,
    after_key: bool,
}

impl Writer {
    pub(crate) fn new(pretty: bool, capacity: usize) -> Self {
        Self { out: String::with_capacity(capacity), pretty, stack: Vec::with_capacity(8), after_key: false }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.stack.len() {
            self.out.push_str("  ");
        }
    }

    fn element_prefix(&mut self) {
        if let Some(has) = self.stack.last_mut() {
            let comma = *has;
            *has = true;
            if comma {
                self.out.push(',');
            }
            if self.pretty {
                self.newline();
            }
        }
    }

    fn value_prefix(&mut self) {
        if self.after_key {
            self.after_key = false;
        } else {
            self.element_prefix();
        }
    }

    pub(crate) fn begin_object(&mut self) {
        self.value_prefix();
        self.out.push('{');
        self.stack.push(false);
    }

    pub(crate) fn begin_array(&mut self) {
        self.value_prefix();
        self.out.push('[');
        self.stack.push(false);
    }

    fn end(&mut self, close: char) {
        let had = self.stack.pop().unwrap_or(false);
        if self.pretty && had {
            self.newline();
        }
        self.out.push(close);
    }

    pub(crate) fn end_object(&mut self) {
        self.end('}');
    }

    pub(crate) fn end_array(&mut self) {
        self.end(']');
    }

    pub(crate) fn key(&mut self, key: &str) {
        self.element_prefix();
        escape_into(&mut self.out, key);
        self.out.push(':');
        if self.pretty {
            self.out.push(' ');
        }
        self.after_key = true;
    }

    pub(crate) fn string(&mut self, s: &str) {
        self.value_prefix();
        escape_into(&mut self.out, s);
    }

    /// Writes a value's text as it is (a number or a boolean).
    pub(crate) fn raw(&mut self, text: &str) {
        self.value_prefix();
        self.out.push_str(text);
    }
}

/// Appends `s` as a JSON string literal.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // `run` is 0 or follows an ASCII byte, `i` is at one: char boundaries of `s`.
        #[allow(clippy::indexing_slicing)]
        out.push_str(&s[run..i]);
        if esc.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0')));
            out.push(char::from(HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0')));
        } else {
            out.push_str(esc);
        }
        run = i + 1;
    }
    // `run` is 0 or follows an ASCII byte of `s`: a char boundary, at most `s.len()`.
    #[allow(clippy::indexing_slicing)]
    out.push_str(&s[run..]);
    out.push('"');
}
