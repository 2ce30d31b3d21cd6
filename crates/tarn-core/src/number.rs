//! The one number grammar: JSON's, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. The JSON reader,
//! condition values and the evaluator's request values all read numbers with it.

/// What is wrong with a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// No digits before the fraction or exponent, or (in JSON) a leading zero.
    Integer,
    /// A `.` without digits after it.
    Fraction,
    /// An `e` without digits after it.
    Exponent,
}

impl NumberError {
    /// What the reader says about it.
    pub(crate) fn message(self) -> &'static str {
        match self {
            NumberError::Integer => "invalid number",
            NumberError::Fraction => "invalid number: expected digits after `.`",
            NumberError::Exponent => "invalid number: expected digits in the exponent",
        }
    }
}

/// Whether a leading zero may be followed by more digits (`007`): not in JSON, but a number written inside
/// a string (`"NumericEquals": {"k": "007"}`) is read as the decimal it spells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LeadingZeros {
    Refused,
    Allowed,
}

/// The end of the number that starts at `start` in `bytes` (the longest prefix the grammar accepts).
pub(crate) fn scan(bytes: &[u8], start: usize, zeros: LeadingZeros) -> Result<usize, NumberError> {
    let mut i = start;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let s = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - s
    };
    let int_start = i;
    let n = digits(&mut i);
    if n == 0 || (zeros == LeadingZeros::Refused && n > 1 && bytes.get(int_start) == Some(&b'0')) {
        return Err(NumberError::Integer);
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return Err(NumberError::Fraction);
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return Err(NumberError::Exponent);
        }
    }
    Ok(i)
}

/// Whether the whole of `text` is a JSON number.
pub(crate) fn is_json(text: &str) -> bool {
    scan(text.as_bytes(), 0, LeadingZeros::Refused) == Ok(text.len())
}

/// The value of `text` if the whole of it is a number by the grammar (leading zeros allowed) and finite.
/// `NaN`, `inf`, `+1`, `.5` and `1.` are not numbers.
pub(crate) fn parse(text: &str) -> Option<f64> {
    if scan(text.as_bytes(), 0, LeadingZeros::Allowed) != Ok(text.len()) {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_numbers() {
        for ok in ["0", "-0", "12", "-1.5", "1e5", "1E+5", "2.5e-3", "0.0"] {
            assert!(is_json(ok), "{ok}");
        }
        for bad in ["", "-", "01", "+1", ".5", "1.", "1e", "1e+", "NaN", "inf", " 1", "1 ", "0x1"] {
            assert!(!is_json(bad), "{bad}");
        }
    }

    #[test]
    fn numbers_in_strings_may_have_leading_zeros_but_must_be_finite() {
        assert_eq!(parse("007"), Some(7.0));
        assert_eq!(parse("-1.5e1"), Some(-15.0));
        for bad in ["", "NaN", "inf", "infinity", "+5", "1e999", "1_000", "5 "] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn scan_stops_at_the_end_of_the_number_and_says_what_is_missing() {
        assert_eq!(scan(b"12,", 0, LeadingZeros::Refused), Ok(2));
        assert_eq!(scan(b"[-3]", 1, LeadingZeros::Refused), Ok(3));
        assert_eq!(scan(b"01", 0, LeadingZeros::Refused), Err(NumberError::Integer));
        assert_eq!(scan(b"1.x", 0, LeadingZeros::Refused), Err(NumberError::Fraction));
        assert_eq!(scan(b"1e}", 0, LeadingZeros::Refused), Err(NumberError::Exponent));
    }
}
