//! JSON policies quoted in prose: documentation pages, tickets, the seed documents.

/// A JSON policy found in a text, as [`policies_in_text`] returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The 1-based line of the text where the policy starts (a [`ParseError`]'s line counts from here).
    ///
    /// [`ParseError`]: crate::ParseError
    pub line: usize,
    /// The policy's text, listing numbers removed.
    pub text: String,
}

/// Finds the JSON policies in a text: blocks that start with a line whose first character is `{` (after
/// an optional listing number such as `  1. `, as documentation pages render code) and end where the
/// braces balance (braces in strings and `//` comments do not count); only blocks that mention
/// `"Statement"` are kept. The blocks are returned as written, comments included: read them with
/// [`ParseOptions::allow_comments`](crate::ParseOptions::allow_comments).
///
/// ```
/// let page = "Grant this:\n\n  1. {\n  2. \"Version\": \"1\",\n  3. \"Statement\": []\n  4. }\n\nDone.";
/// let found = tarn_core::policies_in_text(page);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].line, 3);
/// assert!(tarn_core::Policy::from_json(&found[0].text).is_ok());
/// ```
pub fn policies_in_text(text: &str) -> Vec<Excerpt> {
    let mut out = Vec::new();
    let mut block: Option<(usize, String, i64)> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = strip_listing_number(raw);
        if block.is_none() && line.trim_start().starts_with('{') {
            block = Some((n + 1, String::new(), 0));
        }
        let Some((_, buf, depth)) = &mut block else {
            continue;
        };
        buf.push_str(line);
        buf.push('\n');
        let (mut in_str, mut escaped, mut prev) = (false, false, ' ');
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' if in_str => escaped = true,
                '"' => in_str = !in_str,
                '{' if !in_str => *depth += 1,
                '}' if !in_str => *depth -= 1,
                '/' if !in_str && prev == '/' => break,
                _ => {}
            }
            prev = c;
        }
        if *depth <= 0 {
            if let Some((start, buf, _)) = block.take() {
                if buf.contains("\"Statement\"") {
                    out.push(Excerpt { line: start, text: buf });
                }
            }
        }
    }
    out
}

/// `  12. text` → `text`; any other line as it is.
fn strip_listing_number(line: &str) -> &str {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    match trimmed.get(digits..) {
        Some(rest) if digits > 0 && rest.starts_with(". ") => rest.get(2..).unwrap_or_default(),
        _ => line,
    }
}
