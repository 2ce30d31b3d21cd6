//! The policy model: one faithful representation of a RAM or IAM policy document.

use std::fmt;
use std::ops::Deref;

use tarn_arn::{Cloud, Pattern};

use crate::condition::Condition;

/// The policy language: Alibaba Cloud RAM or AWS IAM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    /// Alibaba Cloud RAM (`"Version": "1"`, `acs:` ARNs).
    Ram,
    /// AWS IAM (`"Version": "2012-10-17"`, `arn:` ARNs).
    Iam,
}

impl Dialect {
    /// The cloud whose policies this dialect writes.
    pub fn cloud(self) -> Cloud {
        match self {
            Dialect::Ram => Cloud::Alibaba,
            Dialect::Iam => Cloud::Aws,
        }
    }

    /// The dialect of a cloud's policies.
    pub fn of(cloud: Cloud) -> Self {
        match cloud {
            Cloud::Alibaba => Dialect::Ram,
            Cloud::Aws => Dialect::Iam,
        }
    }

    /// `RAM` or `IAM`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Ram => "RAM",
            Dialect::Iam => "IAM",
        }
    }

    /// The version a policy built in code is given: `1` for RAM, `2012-10-17` for IAM.
    pub fn default_version(self) -> Version {
        match self {
            Dialect::Ram => Version::V1,
            Dialect::Iam => Version::V2012_10_17,
        }
    }
}

impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The policy language version (`Version`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Version {
    /// `"1"`, the only RAM version.
    V1,
    /// `"2012-10-17"`, the current IAM version.
    V2012_10_17,
    /// `"2008-10-17"`, the legacy IAM version: policy variables are not substituted.
    V2008_10_17,
}

impl Version {
    /// The version as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V1 => "1",
            Version::V2012_10_17 => "2012-10-17",
            Version::V2008_10_17 => "2008-10-17",
        }
    }

    /// The dialect whose version this is.
    pub fn dialect(self) -> Dialect {
        match self {
            Version::V1 => Dialect::Ram,
            Version::V2012_10_17 | Version::V2008_10_17 => Dialect::Iam,
        }
    }

    /// Parses a version string.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "1" => Some(Version::V1),
            "2012-10-17" => Some(Version::V2012_10_17),
            "2008-10-17" => Some(Version::V2008_10_17),
            _ => None,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a statement allows or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `"Allow"`.
    Allow,
    /// `"Deny"`: wins over any `Allow`.
    Deny,
}

impl Effect {
    /// `Allow` or `Deny`.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A list of values that JSON may write as one value or as an array; it remembers which, so that a
/// document is written back the way its author wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct List<T> {
    items: Vec<T>,
    single: bool,
}

impl<T> List<T> {
    /// A list written as an array.
    pub fn new(items: Vec<T>) -> Self {
        Self { items, single: false }
    }

    /// One value written without brackets (`"Action": "mq:PUB"`).
    pub fn single(item: T) -> Self {
        Self { items: vec![item], single: true }
    }

    /// Whether the list is written without brackets (it was so in the source; it always has one item).
    pub fn is_single(&self) -> bool {
        self.single
    }

    /// The values.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }

    /// Appends a value (a list that grows past one value is written as an array).
    pub fn push(&mut self, item: T) {
        self.items.push(item);
        self.single = false;
    }

    /// The values, by value.
    pub fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<T> Default for List<T> {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

impl<T> Deref for List<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<'l, T> IntoIterator for &'l List<T> {
    type Item = &'l T;
    type IntoIter = std::slice::Iter<'l, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> From<Vec<T>> for List<T> {
    fn from(items: Vec<T>) -> Self {
        Self::new(items)
    }
}

/// An element that may be negated: `Action`/`NotAction`, `Resource`/`NotResource`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ElementList<T> {
    not: bool,
    items: List<T>,
}

impl<T> ElementList<T> {
    /// `Action` or `Resource`: the statement applies to these.
    pub fn only(items: List<T>) -> Self {
        Self { not: false, items }
    }

    /// `NotAction` or `NotResource`: the statement applies to everything but these.
    pub fn all_but(items: List<T>) -> Self {
        Self { not: true, items }
    }

    /// Whether this is `NotAction` / `NotResource`.
    pub fn is_not(&self) -> bool {
        self.not
    }

    /// The values.
    pub fn items(&self) -> &List<T> {
        &self.items
    }
}

/// `Action` or `NotAction`.
pub type ActionList = ElementList<Action>;
/// `Resource` or `NotResource`: ARN patterns (or `*`).
pub type ResourceList = ElementList<Pattern>;

/// An action as written in a policy: `*`, `service:Name`, or a pattern such as `log:Get*`.
///
/// The text is kept as written; comparison of names is the catalog's job (names are case-insensitive). An
/// action may be unknown to tarn's catalogs and still be a valid policy element.
///
/// ```
/// let a = tarn_core::Action::parse("log:Get*").unwrap();
/// assert_eq!((a.service(), a.name()), (Some("log"), "Get*"));
/// assert!(a.has_wildcards());
/// assert_eq!(tarn_core::Action::parse("log: GetLogStore").unwrap_err().to_string(),
///            "`log: GetLogStore` contains a space");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Action {
    text: Box<str>,
}

const SERVICE: u8 = 1;
const NAME: u8 = 2;

/// Which bytes may appear in a service prefix and in an action name.
#[expect(clippy::indexing_slicing, reason = "evaluated at compile time: a bad index fails the build")]
static ACTION_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'-' || c == b'*' || c == b'?' {
            // (A wildcard in the service prefix is RAM's, `*:Describe*`; IAM's rule is the reader's.)
            t[b] = SERVICE | NAME;
        } else if matches!(c, b'_' | b'.') {
            t[b] = NAME;
        }
        b += 1;
    }
    t
};

/// Why an action string is not an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionError {
    input: String,
    message: String,
    help: String,
}

impl ActionError {
    fn new(input: &str, message: String, help: &str) -> Self {
        Self { input: input.to_owned(), message, help: help.to_owned() }
    }

    /// The input.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What would be right.
    pub fn help(&self) -> &str {
        &self.help
    }
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ActionError {}

impl Action {
    /// Parses an action: `*`, or `service:name` where the service is letters, digits and `-`, and the name
    /// is letters, digits, `_`, `-`, `.`; both may hold the wildcards `*` and `?`. A wildcard in the service
    /// prefix (`*:Describe*`, `yundun*:Get*`) is RAM's: [`Action::has_service_wildcard`], and the reader
    /// refuses it in IAM policies.
    pub fn parse(text: &str) -> Result<Self, ActionError> {
        if text == "*" {
            return Ok(Self { text: text.into() });
        }
        // One pass over the bytes for the common case; the slow path below explains a rejection.
        let bytes = text.as_bytes();
        let colon = bytes.iter().position(|&b| b == b':');
        let ok = match colon {
            Some(i) if i > 0 && i + 1 < bytes.len() => {
                // The match guard has `0 < i < bytes.len() - 1`.
                #[allow(clippy::indexing_slicing)]
                let (service, name) = (&bytes[..i], &bytes[i + 1..]);
                service.iter().all(|&b| ACTION_BYTES.get(usize::from(b)).is_some_and(|c| c & SERVICE != 0))
                    && name.iter().all(|&b| ACTION_BYTES.get(usize::from(b)).is_some_and(|c| c & NAME != 0))
            }
            _ => false,
        };
        if ok {
            Ok(Self { text: text.into() })
        } else {
            Err(Self::explain(text))
        }
    }

    /// Why `text` is not an action.
    fn explain(text: &str) -> ActionError {
        const FORM: &str = "an action is `*` or `<service>:<action>`, like `oss:GetObject` or `log:Get*`";
        if text.is_empty() {
            return ActionError::new(text, "empty action".to_owned(), FORM);
        }
        if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
            let what = if c == ' ' { "a space".to_owned() } else { format!("U+{:04X}", u32::from(c)) };
            return ActionError::new(text, format!("`{}` contains {what}", text.escape_debug()), "remove it");
        }
        let Some((service, name)) = text.split_once(':') else {
            return ActionError::new(text, format!("`{text}` has no service prefix"), FORM);
        };
        if service.is_empty() || name.is_empty() {
            return ActionError::new(text, format!("`{text}` is not an action"), FORM);
        }
        if let Some(c) =
            service.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '*' | '?')))
        {
            return ActionError::new(
                text,
                format!("`{c}` in the service prefix of `{text}`"),
                "a service prefix is letters, digits and `-` (and, in RAM, the wildcards `*` and `?`)",
            );
        }
        if let Some(c) =
            name.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '*' | '?')))
        {
            return ActionError::new(
                text,
                format!("`{c}` in the action name of `{text}`"),
                "an action name is letters, digits, `_`, `-` and `.`, with `*` and `?` as wildcards",
            );
        }
        ActionError::new(text, format!("`{text}` is not an action"), FORM)
    }

    /// An action checked elsewhere (by `policy!` at compile time).
    pub(crate) fn trusted(text: &str) -> Self {
        Self { text: text.into() }
    }

    /// `*`: every action.
    pub fn any() -> Self {
        Self { text: "*".into() }
    }

    /// The action as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The service prefix (`log`), or `None` for `*`.
    pub fn service(&self) -> Option<&str> {
        self.text.split_once(':').map(|(s, _)| s)
    }

    /// Whether the service prefix holds a wildcard (`*:Describe*`, `yundun*:Get*`), which only RAM allows.
    pub fn has_service_wildcard(&self) -> bool {
        self.service().is_some_and(|s| s.contains(['*', '?']))
    }

    /// The action name (`GetLogStore`, `Get*`), or `*` for `*`.
    pub fn name(&self) -> &str {
        self.text.split_once(':').map_or(&self.text, |(_, n)| n)
    }

    /// Whether this is `*` or has `*`/`?` in its name.
    pub fn has_wildcards(&self) -> bool {
        self.text.contains(['*', '?'])
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for Action {
    type Err = ActionError;
    fn from_str(s: &str) -> Result<Self, ActionError> {
        Self::parse(s)
    }
}

/// The kind of principal in a principal map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrincipalKind {
    /// IAM `"AWS"`: accounts, users, roles, sessions (`arn:aws:iam::123456789012:root`, `123456789012`).
    Aws,
    /// RAM `"RAM"`: accounts, users, roles (`acs:ram::123456789012:root`).
    Ram,
    /// `"Service"`: a cloud service (`ecs.aliyuncs.com`, `ec2.amazonaws.com`).
    Service,
    /// `"Federated"`: an identity provider.
    Federated,
    /// IAM `"CanonicalUser"`: an S3 canonical user ID.
    CanonicalUser,
}

impl PrincipalKind {
    /// The key as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::Aws => "AWS",
            PrincipalKind::Ram => "RAM",
            PrincipalKind::Service => "Service",
            PrincipalKind::Federated => "Federated",
            PrincipalKind::CanonicalUser => "CanonicalUser",
        }
    }

    /// The kinds a dialect has, in the order the documentation lists them.
    pub fn of(dialect: Dialect) -> &'static [PrincipalKind] {
        match dialect {
            Dialect::Ram => &[PrincipalKind::Ram, PrincipalKind::Service, PrincipalKind::Federated],
            Dialect::Iam => &[
                PrincipalKind::Aws,
                PrincipalKind::Service,
                PrincipalKind::Federated,
                PrincipalKind::CanonicalUser,
            ],
        }
    }

    /// Parses a key; `None` for keys neither dialect has.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Aws, Self::Ram, Self::Service, Self::Federated, Self::CanonicalUser]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    /// The dialect that has this kind, or `None` if both do.
    pub fn dialect(self) -> Option<Dialect> {
        match self {
            PrincipalKind::Aws | PrincipalKind::CanonicalUser => Some(Dialect::Iam),
            PrincipalKind::Ram => Some(Dialect::Ram),
            PrincipalKind::Service | PrincipalKind::Federated => None,
        }
    }
}

impl fmt::Display for PrincipalKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a resource, trust or bucket policy statement is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Principal {
    /// `"*"`: everyone.
    Any,
    /// A map from principal kind to values (`{"AWS": "arn:aws:iam::123456789012:root"}`,
    /// `{"RAM": ["acs:ram::123456789012:root"]}`), in the author's order.
    Map(Vec<(PrincipalKind, List<String>)>),
    /// The flat list of account UIDs of an OSS bucket policy (`["1431115939942888"]`; `[]` is everyone).
    /// RAM only.
    Uids(List<String>),
}

/// `Principal` or `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PrincipalElement {
    not: bool,
    principal: Principal,
}

impl PrincipalElement {
    /// `Principal`.
    pub fn only(principal: Principal) -> Self {
        Self { not: false, principal }
    }

    /// `NotPrincipal` (IAM only).
    pub fn all_but(principal: Principal) -> Self {
        Self { not: true, principal }
    }

    /// Whether this is `NotPrincipal`.
    pub fn is_not(&self) -> bool {
        self.not
    }

    /// The principal.
    pub fn principal(&self) -> &Principal {
        &self.principal
    }
}

/// One statement of a policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub(crate) sid: Option<String>,
    pub(crate) effect: Effect,
    pub(crate) principal: Option<PrincipalElement>,
    pub(crate) actions: ActionList,
    pub(crate) resources: Option<ResourceList>,
    pub(crate) condition: Option<Condition>,
}

impl Statement {
    /// The statement ID (`Sid`, IAM only).
    pub fn sid(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// `Allow` or `Deny`.
    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// `Principal` or `NotPrincipal`, in resource, bucket and trust policies.
    pub fn principal(&self) -> Option<&PrincipalElement> {
        self.principal.as_ref()
    }

    /// `Action` or `NotAction`.
    pub fn actions(&self) -> &ActionList {
        &self.actions
    }

    /// `Resource` or `NotResource`; trust policies have none.
    pub fn resources(&self) -> Option<&ResourceList> {
        self.resources.as_ref()
    }

    /// `Condition`.
    pub fn condition(&self) -> Option<&Condition> {
        self.condition.as_ref()
    }
}

/// A policy document of either dialect.
///
/// Read one with [`Policy::from_json`], build one with [`Policy::builder`], write it with
/// [`Policy::to_json`]:
///
/// ```
/// use tarn_core::{Dialect, Policy};
/// let p = Policy::from_json(r#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "mq:PUB",
///     "Resource": ["acs:mq:*:*:MQ_INST_1%TopicA"]}]}"#).unwrap();
/// assert_eq!(p.dialect(), Dialect::Ram);
/// assert_eq!(p.to_json(),
///     r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":"mq:PUB","Resource":["acs:mq:*:*:MQ_INST_1%TopicA"]}]}"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub(crate) dialect: Dialect,
    pub(crate) version: Option<Version>,
    pub(crate) id: Option<String>,
    pub(crate) statements: Vec<Statement>,
    /// `"Statement": {...}` rather than `[...]` (kept only while there is one statement).
    pub(crate) single_statement: bool,
}

impl Policy {
    /// The JSON pointer of statement `i` as written: `/Statement` for a lone statement written as an object.
    pub(crate) fn statement_pointer(&self, i: usize) -> String {
        if self.single_statement && i == 0 {
            "/Statement".to_owned()
        } else {
            format!("/Statement/{i}")
        }
    }

    /// The dialect.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The cloud (Alibaba Cloud for RAM, AWS for IAM).
    pub fn cloud(&self) -> Cloud {
        self.dialect.cloud()
    }

    /// `Version` as written (IAM allows leaving it out).
    pub fn version(&self) -> Option<Version> {
        self.version
    }

    /// The policy ID (`Id`, IAM only).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The statements, in the author's order.
    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }
}
