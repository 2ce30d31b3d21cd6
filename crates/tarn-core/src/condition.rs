//! Conditions: operators (a base operator × `IfExists` × a set qualifier), keys and typed values.

use std::fmt;
use std::net::IpAddr;

use crate::error::closest;
use crate::model::{Dialect, List};

/// What a condition operator compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    /// Strings (`String…`).
    String,
    /// Numbers (`Numeric…`).
    Number,
    /// Dates: ISO 8601 or seconds since the epoch (`Date…`).
    Date,
    /// `true` or `false` (`Bool`, `Null`).
    Bool,
    /// Base64 (`BinaryEquals`).
    Binary,
    /// IPv4/IPv6 addresses and CIDR blocks (`IpAddress`, `NotIpAddress`).
    Ip,
    /// ARNs (`Arn…`).
    Arn,
}

impl ValueType {
    /// What the operator compares, in the plural: `numbers`, `IP addresses`.
    pub fn plural(self) -> &'static str {
        match self {
            ValueType::String => "strings",
            ValueType::Number => "numbers",
            ValueType::Date => "dates",
            ValueType::Bool => "booleans",
            ValueType::Binary => "base64 values",
            ValueType::Ip => "IP addresses",
            ValueType::Arn => "ARNs",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            ValueType::String => "a string",
            ValueType::Number => "a number like `10` or `2.5`",
            ValueType::Date => "a date like `2026-11-22`, `2026-11-22T08:00:00Z` or seconds since 1970",
            ValueType::Bool => "`true` or `false`",
            ValueType::Binary => "base64 text",
            ValueType::Ip => "an IP address or CIDR block like `203.0.113.0/24` or `2001:db8::/32`",
            ValueType::Arn => "an ARN",
        }
    }
}

macro_rules! base_operators {
    ($($(#[$doc:meta])* $name:ident: $ty:ident, ram = $ram:literal, negated = $neg:literal;)*) => {
        /// A condition operator without `IfExists` and set qualifier.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum BaseOperator {
            $($(#[$doc])* $name,)*
        }

        impl BaseOperator {
            /// Every base operator.
            pub const ALL: &'static [BaseOperator] = &[$(BaseOperator::$name,)*];

            /// The name as written in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $(BaseOperator::$name => stringify!($name),)* }
            }

            /// What the operator compares.
            pub fn value_type(self) -> ValueType {
                match self { $(BaseOperator::$name => ValueType::$ty,)* }
            }

            /// Whether RAM has this operator (IAM has all of them).
            pub fn in_ram(self) -> bool {
                match self { $(BaseOperator::$name => $ram,)* }
            }

            /// Whether the operator is negated: it holds when no value matches, and when the key is missing.
            pub fn is_negated(self) -> bool {
                match self { $(BaseOperator::$name => $neg,)* }
            }

            /// Parses a name (exact case).
            pub fn parse(s: &str) -> Option<Self> {
                match s { $(stringify!($name) => Some(BaseOperator::$name),)* _ => None }
            }
        }
    };
}

base_operators! {
    /// Exact string match.
    StringEquals: String, ram = true, negated = false;
    /// Negated exact string match.
    StringNotEquals: String, ram = true, negated = true;
    /// Exact match, ignoring case.
    StringEqualsIgnoreCase: String, ram = true, negated = false;
    /// Negated match, ignoring case.
    StringNotEqualsIgnoreCase: String, ram = true, negated = true;
    /// Match with `*` and `?`.
    StringLike: String, ram = true, negated = false;
    /// Negated match with `*` and `?`.
    StringNotLike: String, ram = true, negated = true;
    /// `=`.
    NumericEquals: Number, ram = true, negated = false;
    /// `≠`.
    NumericNotEquals: Number, ram = true, negated = true;
    /// `<`.
    NumericLessThan: Number, ram = true, negated = false;
    /// `≤`.
    NumericLessThanEquals: Number, ram = true, negated = false;
    /// `>`.
    NumericGreaterThan: Number, ram = true, negated = false;
    /// `≥`.
    NumericGreaterThanEquals: Number, ram = true, negated = false;
    /// Same instant.
    DateEquals: Date, ram = true, negated = false;
    /// Another instant.
    DateNotEquals: Date, ram = true, negated = true;
    /// Before.
    DateLessThan: Date, ram = true, negated = false;
    /// At or before.
    DateLessThanEquals: Date, ram = true, negated = false;
    /// After.
    DateGreaterThan: Date, ram = true, negated = false;
    /// At or after.
    DateGreaterThanEquals: Date, ram = true, negated = false;
    /// Boolean match.
    Bool: Bool, ram = true, negated = false;
    /// Byte-for-byte match of base64 values (IAM).
    BinaryEquals: Binary, ram = false, negated = false;
    /// In one of the CIDR blocks.
    IpAddress: Ip, ram = true, negated = false;
    /// In none of the CIDR blocks.
    NotIpAddress: Ip, ram = true, negated = true;
    /// Exact ARN match (IAM).
    ArnEquals: Arn, ram = false, negated = false;
    /// ARN match with `*` and `?` (IAM).
    ArnLike: Arn, ram = false, negated = false;
    /// Negated exact ARN match (IAM).
    ArnNotEquals: Arn, ram = false, negated = true;
    /// Negated ARN match with `*` and `?` (IAM).
    ArnNotLike: Arn, ram = false, negated = true;
    /// Whether the key is absent (`true`) or present (`false`) (IAM).
    Null: Bool, ram = false, negated = false;
}

impl fmt::Display for BaseOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a multivalued key is compared (IAM): `ForAllValues:` or `ForAnyValue:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SetQualifier {
    /// Every value of the key must match; true when the key is missing or empty.
    ForAllValues,
    /// At least one value of the key must match; false when the key is missing or empty.
    ForAnyValue,
}

impl SetQualifier {
    /// The prefix as written, without the `:`.
    pub fn as_str(self) -> &'static str {
        match self {
            SetQualifier::ForAllValues => "ForAllValues",
            SetQualifier::ForAnyValue => "ForAnyValue",
        }
    }
}

/// A condition operator: a base operator, optionally with the `IfExists` suffix and a set qualifier.
///
/// ```
/// use tarn_core::{BaseOperator, Operator, SetQualifier};
/// let op: Operator = "ForAnyValue:StringLikeIfExists".parse().unwrap();
/// assert_eq!((op.base(), op.if_exists(), op.set()), (BaseOperator::StringLike, true, Some(SetQualifier::ForAnyValue)));
/// assert_eq!(op.to_string(), "ForAnyValue:StringLikeIfExists");
/// assert_eq!("StringEqual".parse::<Operator>().unwrap_err().to_string(),
///            "unknown condition operator `StringEqual`; did you mean `StringEquals`?");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operator {
    base: BaseOperator,
    if_exists: bool,
    set: Option<SetQualifier>,
}

/// Why a string is not a condition operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorError {
    input: String,
    suggestion: Option<String>,
    reason: Option<&'static str>,
}

impl OperatorError {
    /// The closest valid operator, if one is close.
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
    }

    /// Whether the name is no operator at all (rather than an operator combination that does not exist).
    pub fn is_unknown(&self) -> bool {
        self.reason.is_none()
    }

    /// The message without the suggestion (which [`OperatorError::help`] gives).
    pub fn headline(&self) -> String {
        match self.reason {
            None => format!("unknown condition operator `{}`", self.input),
            Some(_) => self.to_string(),
        }
    }

    /// `write `…``, when there is a suggestion.
    pub fn help(&self) -> Option<String> {
        self.suggestion.as_ref().map(|s| format!("write `{s}`"))
    }
}

impl fmt::Display for OperatorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(reason) = self.reason {
            return write!(f, "`{}` is not a condition operator: {reason}", self.input);
        }
        write!(f, "unknown condition operator `{}`", self.input)?;
        if let Some(s) = &self.suggestion {
            write!(f, "; did you mean `{s}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for OperatorError {}

impl Operator {
    /// A plain operator.
    pub const fn new(base: BaseOperator) -> Self {
        Self { base, if_exists: false, set: None }
    }

    /// The same operator with `IfExists`.
    pub const fn if_exists_variant(self) -> Self {
        Self { if_exists: true, ..self }
    }

    /// The same operator with a set qualifier.
    pub const fn with_set(self, set: SetQualifier) -> Self {
        Self { set: Some(set), ..self }
    }

    /// The base operator.
    pub fn base(self) -> BaseOperator {
        self.base
    }

    /// Whether the operator ends in `IfExists`: it holds when the key is missing.
    pub fn if_exists(self) -> bool {
        self.if_exists
    }

    /// The set qualifier.
    pub fn set(self) -> Option<SetQualifier> {
        self.set
    }

    /// The help for an operator RAM lacks.
    pub const RAM_OPERATORS: &'static str =
        "RAM's operators are String…, Numeric…, Date…, Bool, IpAddress and NotIpAddress";

    /// Why the dialect does not have this operator, if it does not.
    pub fn unsupported_in(self, dialect: Dialect) -> Option<String> {
        if dialect == Dialect::Iam {
            return None;
        }
        if let Some(set) = self.set {
            return Some(format!("RAM has no `{}:` qualifier", set.as_str()));
        }
        if self.if_exists {
            return Some("RAM has no `IfExists` operators".to_owned());
        }
        if !self.base.in_ram() {
            return Some(format!("RAM has no `{}` operator", self.base.as_str()));
        }
        None
    }

    /// Parses an operator name (exact case, as the clouds require).
    pub fn parse(input: &str) -> Result<Self, OperatorError> {
        let (set, rest) = if let Some(r) = input.strip_prefix("ForAllValues:") {
            (Some(SetQualifier::ForAllValues), r)
        } else if let Some(r) = input.strip_prefix("ForAnyValue:") {
            (Some(SetQualifier::ForAnyValue), r)
        } else {
            (None, input)
        };
        let (if_exists, base_name) = match rest.strip_suffix("IfExists") {
            Some(b) if BaseOperator::parse(b).is_some() => (true, b),
            _ => (false, rest),
        };
        match BaseOperator::parse(base_name) {
            Some(BaseOperator::Null) if if_exists => Err(OperatorError {
                input: input.to_owned(),
                suggestion: Some("Null".to_owned()),
                reason: Some("`Null` already tests whether the key exists, so it has no `IfExists` form"),
            }),
            Some(base) => Ok(Self { base, if_exists, set }),
            None => {
                let prefix = set.map(|s| format!("{}:", s.as_str())).unwrap_or_default();
                let suffix = if if_exists { "IfExists" } else { "" };
                let suggestion = closest(base_name, BaseOperator::ALL.iter().map(|b| b.as_str()))
                    .map(|b| format!("{prefix}{b}{suffix}"))
                    .or_else(|| Self::misplaced(input));
                Err(OperatorError { input: input.to_owned(), suggestion, reason: None })
            }
        }
    }

    /// `StringEqualsForAnyValue` and similar: a qualifier written in the wrong place.
    fn misplaced(input: &str) -> Option<String> {
        for set in [SetQualifier::ForAllValues, SetQualifier::ForAnyValue] {
            let name = set.as_str();
            let stripped = input.replace(&format!("{name}:"), "").replace(name, "");
            if stripped != input {
                if let Ok(op) = Self::parse(stripped.trim_matches(':')) {
                    return Some(op.with_set(set).to_string());
                }
            }
        }
        None
    }
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(set) = self.set {
            write!(f, "{}:", set.as_str())?;
        }
        f.write_str(self.base.as_str())?;
        if self.if_exists {
            f.write_str("IfExists")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Operator {
    type Err = OperatorError;
    fn from_str(s: &str) -> Result<Self, OperatorError> {
        Self::parse(s)
    }
}

/// The JSON type a condition value was written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonType {
    /// `"…"`.
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
}

/// A condition value read for its operator's type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Typed {
    /// A string or ARN (use [`ConditionValue::as_str`]).
    String,
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// An instant.
    Date(Date),
    /// An address or CIDR block.
    Ip(IpNet),
    /// A value with a policy variable (`${aws:…}`), known only when a request is evaluated.
    Variable,
}

/// One value of a condition key, as written and as its operator reads it.
///
/// ```
/// use tarn_core::{ConditionValue, JsonType, Typed, ValueType};
/// let v = ConditionValue::parse(ValueType::Ip, "203.0.113.0/24", JsonType::String).unwrap();
/// assert!(matches!(v.typed(), Typed::Ip(net) if net.contains("203.0.113.7".parse().unwrap())));
/// let err = ConditionValue::parse(ValueType::Date, "yesterday", JsonType::String).unwrap_err();
/// assert_eq!(err.to_string(), "`yesterday` is not a date like `2026-11-22`, `2026-11-22T08:00:00Z` or seconds since 1970");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionValue {
    text: String,
    json: JsonType,
    typed: Typed,
}

/// Why a condition value does not fit its operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    text: String,
    expected: ValueType,
}

impl ValueError {
    /// What the operator expects.
    pub fn expected(&self) -> ValueType {
        self.expected
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not {}", self.text, self.expected.describe())
    }
}

impl std::error::Error for ValueError {}

impl ConditionValue {
    /// Reads `text` (written as `json`) for an operator that compares `ty`.
    pub fn parse(ty: ValueType, text: &str, json: JsonType) -> Result<Self, ValueError> {
        let err = || ValueError { text: text.to_owned(), expected: ty };
        // What is written unquoted must be valid JSON of that type.
        match json {
            JsonType::Number if !crate::number::is_json(text) => {
                return Err(ValueError { text: text.to_owned(), expected: ValueType::Number })
            }
            JsonType::Bool if text != "true" && text != "false" => {
                return Err(ValueError { text: text.to_owned(), expected: ValueType::Bool })
            }
            _ => {}
        }
        let variable = text.contains("${");
        let typed = match ty {
            ValueType::String | ValueType::Arn => Typed::String,
            _ if variable => Typed::Variable,
            ValueType::Number => Typed::Number(crate::number::parse(text).ok_or_else(err)?),
            ValueType::Date => Typed::Date(Date::parse(text).ok_or_else(err)?),
            ValueType::Bool => match text.to_ascii_lowercase().as_str() {
                "true" => Typed::Bool(true),
                "false" => Typed::Bool(false),
                _ => return Err(err()),
            },
            ValueType::Binary => {
                let ok = !text.is_empty()
                    && text
                        .trim_end_matches('=')
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/');
                if !ok {
                    return Err(err());
                }
                Typed::String
            }
            ValueType::Ip => Typed::Ip(IpNet::parse(text).ok_or_else(err)?),
        };
        Ok(Self { text: text.to_owned(), json, typed })
    }

    /// A value whose type could not be read (unreachable for values `policy!` checked): kept as text and
    /// marked [`Typed::Variable`], which evaluation treats as unknown, never as a match.
    pub(crate) fn unknown(text: &str, json: JsonType) -> Self {
        Self { text: text.to_owned(), json, typed: Typed::Variable }
    }

    /// A value already read for its type (a value bound to a `policy!` placeholder).
    pub(crate) fn typed_value(text: String, json: JsonType, typed: Typed) -> Self {
        Self { text, json, typed }
    }

    /// A string value.
    pub fn string(text: impl Into<String>) -> Self {
        Self { text: text.into(), json: JsonType::String, typed: Typed::String }
    }

    /// The value's text (without quotes).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The JSON type it was written as.
    pub fn json_type(&self) -> JsonType {
        self.json
    }

    /// The value as its operator reads it.
    pub fn typed(&self) -> Typed {
        self.typed
    }
}

/// An instant, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    millis: i64,
}

impl Date {
    /// Milliseconds since the epoch.
    pub fn epoch_millis(self) -> i64 {
        self.millis
    }

    /// From milliseconds since the epoch.
    pub fn from_epoch_millis(millis: i64) -> Self {
        Self { millis }
    }

    /// Parses the forms the clouds accept: seconds since the epoch (`1732262400`), a date
    /// (`2026-11-22`, midnight UTC) or a date and time with an optional fraction and zone
    /// (`2026-11-22T08:00:00Z`, `2026-11-22T08:00+08:00`; no zone means UTC).
    pub fn parse(s: &str) -> Option<Self> {
        if !s.is_empty() && s.strip_prefix('-').unwrap_or(s).bytes().all(|b| b.is_ascii_digit()) {
            return s.parse::<i64>().ok()?.checked_mul(1000).map(|millis| Self { millis });
        }
        let b = s.as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let part = s.get(from..from + len)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let year = num(0, 4)?;
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let (month, day) = (num(5, 2)?, num(8, 2)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        let mut millis = days_from_civil(year, month, day).checked_mul(86_400_000)?;
        let mut i = 10;
        if matches!(b.get(i), Some(b'T' | b't')) {
            let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
            if b.get(i + 3) != Some(&b':') || h > 23 || m > 59 {
                return None;
            }
            millis += (h * 3600 + m * 60) * 1000;
            i += 6;
            if b.get(i) == Some(&b':') {
                let sec = num(i + 1, 2)?;
                if sec > 59 {
                    return None;
                }
                millis += sec * 1000;
                i += 3;
                if b.get(i) == Some(&b'.') {
                    let start = i + 1;
                    let mut end = start;
                    while b.get(end).is_some_and(u8::is_ascii_digit) {
                        end += 1;
                    }
                    if end == start {
                        return None;
                    }
                    let frac: String = s.get(start..end)?.chars().chain("000".chars()).take(3).collect();
                    millis += frac.parse::<i64>().ok()?;
                    i = end;
                }
            }
            match b.get(i) {
                None => {}
                Some(b'Z' | b'z') => i += 1,
                Some(&sign @ (b'+' | b'-')) => {
                    let oh = num(i + 1, 2)?;
                    let (om, len) =
                        if b.get(i + 3) == Some(&b':') { (num(i + 4, 2)?, 6) } else { (num(i + 3, 2)?, 5) };
                    if oh > 23 || om > 59 {
                        return None;
                    }
                    let offset = (oh * 3600 + om * 60) * 1000;
                    millis = if sign == b'+' { millis - offset } else { millis + offset };
                    i += len;
                }
                Some(_) => return None,
            }
        }
        (i == b.len()).then_some(Self { millis })
    }
}

/// ISO 8601 in UTC, with milliseconds only when there are any: `2026-11-22T08:00:00Z`,
/// `2026-11-22T08:00:00.250Z`; what [`Date::parse`] reads back as the same instant. An instant outside the
/// years 0 to 9999 is written as seconds since the epoch (with a fraction, which no cloud reads, when it
/// has one: such a condition value is unknown and never holds).
///
/// ```
/// use tarn_core::Date;
/// let d: Date = "2026-11-22T08:00:00+08:00".parse()?;
/// assert_eq!(d.to_string(), "2026-11-22T00:00:00Z");
/// assert_eq!(Date::from_epoch_millis(1_500).to_string(), "1970-01-01T00:00:01.500Z");
/// assert_eq!("next week".parse::<Date>().unwrap_err().to_string(),
///            "`next week` is not a date like `2026-11-22`, `2026-11-22T08:00:00Z` or seconds since 1970");
/// # Ok::<(), tarn_core::ValueError>(())
/// ```
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (days, ms) = (self.millis.div_euclid(86_400_000), self.millis.rem_euclid(86_400_000));
        let (y, m, d) = civil_from_days(days);
        if !(0..=9999).contains(&y) {
            let (secs, frac) = (self.millis.div_euclid(1000), self.millis.rem_euclid(1000));
            return if frac == 0 { write!(f, "{secs}") } else { write!(f, "{secs}.{frac:03}") };
        }
        let (h, min, s, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
        write!(f, "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}")?;
        if frac != 0 {
            write!(f, ".{frac:03}")?;
        }
        f.write_str("Z")
    }
}

impl std::str::FromStr for Date {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        Date::parse(s).ok_or_else(|| ValueError { text: s.to_owned(), expected: ValueType::Date })
    }
}

/// The proleptic Gregorian date of a day since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An IPv4 or IPv6 network: an address and a prefix length (a bare address is a /32 or /128).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// A network from an address and a prefix length; `None` when the prefix is longer than the address
    /// (32 bits for IPv4, 128 for IPv6).
    pub fn new(addr: IpAddr, prefix: u8) -> Option<Self> {
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Self { addr, prefix })
    }

    /// Parses `203.0.113.0/24`, `2001:db8::/32` or a bare address.
    pub fn parse(s: &str) -> Option<Self> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                (a, Some(p.parse::<u8>().ok()?))
            }
            Some(_) => return None,
            None => (s, None),
        };
        let addr: IpAddr = addr.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Self { addr, prefix })
    }

    /// The address as written.
    pub fn addr(self) -> IpAddr {
        self.addr
    }

    /// The prefix length.
    pub fn prefix(self) -> u8 {
        self.prefix
    }

    /// Whether `ip` is in the network (an IPv4 address is never in an IPv6 network, nor the reverse).
    pub fn contains(self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// A single address: a /32 (IPv4) or /128 (IPv6) network.
impl From<IpAddr> for IpNet {
    fn from(addr: IpAddr) -> Self {
        Self { addr, prefix: if addr.is_ipv4() { 32 } else { 128 } }
    }
}

/// `203.0.113.0/24`; a single address without its prefix (`192.0.2.1`, `2001:db8::1`).
///
/// ```
/// use tarn_core::IpNet;
/// let office: IpNet = "203.0.113.0/24".parse()?;
/// assert_eq!(office.to_string(), "203.0.113.0/24");
/// assert_eq!("2001:db8::1/128".parse::<IpNet>()?.to_string(), "2001:db8::1");
/// assert!("10.0.0.0/33".parse::<IpNet>().is_err());
/// # Ok::<(), tarn_core::ValueError>(())
/// ```
impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let max = if self.addr.is_ipv4() { 32 } else { 128 };
        if self.prefix == max {
            write!(f, "{}", self.addr)
        } else {
            write!(f, "{}/{}", self.addr, self.prefix)
        }
    }
}

impl std::str::FromStr for IpNet {
    type Err = ValueError;
    fn from_str(s: &str) -> Result<Self, ValueError> {
        IpNet::parse(s).ok_or_else(|| ValueError { text: s.to_owned(), expected: ValueType::Ip })
    }
}

/// The values of one key under one operator.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValues {
    key: String,
    values: List<ConditionValue>,
}

impl KeyValues {
    /// The condition key as written (`acs:SourceIp`, `aws:PrincipalTag/team`).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The values: one must match (for negated operators, none may).
    pub fn values(&self) -> &List<ConditionValue> {
        &self.values
    }
}

/// The keys under one operator.
#[derive(Debug, Clone, PartialEq)]
pub struct OperatorBlock {
    operator: Operator,
    keys: Vec<KeyValues>,
}

impl OperatorBlock {
    /// The operator.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The keys and their values, in the author's order; all must hold.
    pub fn keys(&self) -> &[KeyValues] {
        &self.keys
    }
}

/// A statement's `Condition`: operators in the author's order; all must hold.
///
/// The same operator or key written twice is merged, values appended, so that nothing is lost (a JSON
/// reader that keeps the last duplicate would silently drop the first).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Condition {
    blocks: Vec<OperatorBlock>,
}

impl Condition {
    /// An empty condition.
    pub fn new() -> Self {
        Self::default()
    }

    /// The operator blocks.
    pub fn blocks(&self) -> &[OperatorBlock] {
        &self.blocks
    }

    /// Whether there are no operators.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Every (operator, key, values) triple.
    pub fn iter(&self) -> impl Iterator<Item = (Operator, &str, &List<ConditionValue>)> + '_ {
        self.blocks.iter().flat_map(|b| b.keys.iter().map(move |k| (b.operator, k.key.as_str(), &k.values)))
    }

    /// Adds an operator block with no keys (if the operator is not there yet).
    pub(crate) fn add_operator(&mut self, operator: Operator) -> usize {
        match self.blocks.iter().position(|b| b.operator == operator) {
            Some(i) => i,
            None => {
                self.blocks.push(OperatorBlock { operator, keys: Vec::new() });
                self.blocks.len() - 1
            }
        }
    }

    /// Adds values for a key under an operator, merging with what is there when the same operator and the
    /// same key (exactly as written) are there already. Keys that differ only in case stay apart: two keys
    /// under one operator must both hold, and merging their values would widen the condition.
    pub fn add(&mut self, operator: Operator, key: &str, values: List<ConditionValue>) {
        let i = self.add_operator(operator);
        if let Some(block) = self.blocks.get_mut(i) {
            match block.keys.iter_mut().find(|k| k.key == key) {
                Some(existing) => {
                    for v in values.into_vec() {
                        existing.values.push(v);
                    }
                }
                None => block.keys.push(KeyValues { key: key.to_owned(), values }),
            }
        }
    }
}
