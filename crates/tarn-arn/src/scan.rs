//! Finding ARN-like strings in prose and documents.

/// Finds ARN-like strings (`acs:…`, `arn:…`) in free text, such as documentation pages or JSON, and returns
/// each with its byte offset.
///
/// A match starts at `acs:` or `arn:` and runs to whitespace, a quote, a comma, or a closing `)`/`]`;
/// inside a `{…}` or `<…>` placeholder whitespace is allowed (`arn:aws:s3:::{Ops Bucket Name}`). A trailing
/// `.` or `;` is left out, and so is a bare `acs:` or `arn:`. The results are candidates: parse each with [`crate::Arn`],
/// [`crate::Pattern`] or [`crate::Template`].
///
/// ```
/// let text = r#"Resource: "acs:mq:*:*:{instanceId}%{topic}", e.g. acs:mq:*:*:TopicA."#;
/// let found: Vec<&str> = tarn_arn::scan(text).into_iter().map(|(_, s)| s).collect();
/// assert_eq!(found, ["acs:mq:*:*:{instanceId}%{topic}", "acs:mq:*:*:TopicA"]);
/// ```
pub fn scan(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = next_start(text.get(from..).unwrap_or_default()) {
        let start = from + rel;
        let end = run_end(text, start);
        let mut s = text.get(start..end).unwrap_or_default();
        while let Some(t) = s.strip_suffix(['.', ';']) {
            s = t;
        }
        // `acs:` alone, as in prose that explains the prefix, is no candidate.
        if s.len() > 4 {
            out.push((start, s));
        }
        from = end.max(start + 4);
    }
    out
}

fn next_start(s: &str) -> Option<usize> {
    let a = s.find("acs:");
    let b = s.find("arn:");
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn run_end(text: &str, start: usize) -> usize {
    let mut close: Option<char> = None;
    let rest = text.get(start..).unwrap_or_default();
    for (i, c) in rest.char_indices() {
        if let Some(cl) = close {
            if c == cl {
                close = None;
            } else if c == '\n' || c == '"' {
                return start + i;
            }
            continue;
        }
        match c {
            '{' => close = Some('}'),
            '<' => close = Some('>'),
            c if c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ')' | ']' | '`') => return start + i,
            _ => {}
        }
    }
    text.len()
}
