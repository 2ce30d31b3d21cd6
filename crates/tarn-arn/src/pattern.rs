//! ARN patterns as they appear in policies.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::error::ArnError;
use crate::glob::{Glob, NoVars, Var, VarResolver};
use crate::syntax::{layout_with, tokenize_with, Layout, Mode, Tok, TokKind};
use crate::{Arn, Cloud};

/// An ARN pattern, as written in a policy's `Resource` or `NotResource`: the lone `*`, or an ARN whose
/// segments (all but the service) may hold `*` (any run of characters, possibly empty) and `?` (exactly one
/// character), and IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, escapes
/// `${*}`, `${?}`, `${$}`).
///
/// Matching is case-sensitive. For AWS, wildcards work inside each segment and a `*` after the service may
/// run across `:`; for Alibaba Cloud, region, account and relative id are matched each on its own.
/// Matching takes time linear in the ARN, whatever the number of stars.
///
/// ```
/// use tarn_arn::{Arn, Pattern};
/// let p: Pattern = "acs:mq:*:*:MQ_INST_1*".parse()?;
/// assert!(p.matches(&"acs:mq:cn-hangzhou:123:MQ_INST_1%Topic-test".parse::<Arn>()?));
/// assert!(!p.matches(&"acs:mq:cn-hangzhou:123:MQ_INST_2".parse::<Arn>()?));
///
/// let home: Pattern = "arn:aws:s3:::home/${aws:username}/*".parse()?;
/// let vars = [("aws:username", "alice")];
/// assert!(home.matches_with(&"arn:aws:s3:::home/alice/notes.txt".parse::<Arn>()?, &vars));
/// assert!(!home.matches_with(&"arn:aws:s3:::home/bob/notes.txt".parse::<Arn>()?, &vars));
/// # Ok::<(), tarn_arn::ArnError>(())
/// ```
#[derive(Clone)]
pub struct Pattern {
    text: Box<str>,
    inner: Option<Box<Inner>>,
}

// The text determines everything else.
impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Pattern {}

impl std::hash::Hash for Pattern {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

#[derive(Clone)]
struct Inner {
    cloud: Cloud,
    partition: Range<usize>,
    service: Range<usize>,
    region: Range<usize>,
    account: Range<usize>,
    resource: Range<usize>,
    wildcards: bool,
    in_document: bool,
    vars: Vec<Var>,
    /// Built on first use: reading a policy document must not pay for matchers nobody runs.
    m: OnceLock<Matcher>,
}

#[derive(Clone)]
enum Matcher {
    Aws { partition: Glob, rest: Glob },
    Alibaba { region: Glob, account: Glob, resource: Glob },
    Nothing,
}

/// Builds the matcher of a pattern; `vars` receives its policy variables in order.
fn build_matcher(text: &str, toks: &[Tok], l: &Layout, vars: &mut Vec<Var>) -> Matcher {
    let b = &l.tok_bounds;
    let slice = |r: &Range<usize>| toks.get(r.clone()).unwrap_or_default();
    match l.cloud {
        Cloud::Aws => {
            let partition = Glob::build(text, slice(&b.partition), vars);
            let rest_toks = toks.get(b.region.start..).unwrap_or_default();
            let rest = Glob::build(text, rest_toks, vars);
            Matcher::Aws { partition, rest }
        }
        Cloud::Alibaba => Matcher::Alibaba {
            region: Glob::build(text, slice(&b.region), vars),
            account: Glob::build(text, slice(&b.account), vars),
            resource: Glob::build(text, slice(&b.resource), vars),
        },
    }
}

/// The policy variables of a token list, in order (as [`build_matcher`] numbers them).
fn collect_vars(text: &str, toks: &[Tok]) -> Vec<Var> {
    toks.iter()
        .filter_map(|t| match &t.kind {
            TokKind::Var { key, default } => Some(Var {
                key: text.get(key.clone()).unwrap_or_default().into(),
                default: default.as_ref().map(|d| text.get(d.clone()).unwrap_or_default().into()),
            }),
            _ => None,
        })
        .collect()
}

impl Pattern {
    /// Parses a pattern.
    pub fn parse(text: &str) -> Result<Self, ArnError> {
        Self::parse_with(text, false)
    }

    /// Parses a resource as a policy document may hold it: like [`Pattern::parse`], but a space is
    /// allowed inside the resource part, since object keys and other names may contain one
    /// (`arn:aws:s3:::bucket/My Documents/*`), and the resource part may be empty (the AWS managed policy
    /// `AmazonDevOpsGuruOrganizationsAccess` has `arn:aws:organizations::*:`; it matches nothing). Other
    /// whitespace and control characters are still errors, and so is a space in any other segment.
    ///
    /// ```
    /// use tarn_arn::Pattern;
    /// assert!(Pattern::parse("arn:aws:s3:::b/My Documents/*").is_err());
    /// assert!(Pattern::parse_in_document("arn:aws:s3:::b/My Documents/*").is_ok());
    /// assert!(Pattern::parse_in_document("arn:aws:s3 :::b").is_err());
    /// ```
    pub fn parse_in_document(text: &str) -> Result<Self, ArnError> {
        Self::parse_with(text, true)
    }

    fn parse_with(text: &str, in_document: bool) -> Result<Self, ArnError> {
        if text == "*" {
            return Ok(Self { text: text.into(), inner: None });
        }
        let toks = tokenize_with(text, Mode::Pattern, in_document)?;
        let l: Layout = layout_with(text, &toks, Mode::Pattern, in_document)?;
        let vars = collect_vars(text, &toks);
        let wildcards = toks.iter().any(|t| matches!(t.kind, TokKind::Star | TokKind::Quest));
        Ok(Self {
            text: text.into(),
            inner: Some(Box::new(Inner {
                cloud: l.cloud,
                partition: l.partition.unwrap_or(0..0),
                service: l.service,
                region: l.region,
                account: l.account,
                resource: l.resource,
                wildcards,
                in_document,
                vars,
                m: OnceLock::new(),
            })),
        })
    }

    /// A pattern that matches no resource, whatever `text` says; it displays as `text`. For fail-closed
    /// fallbacks: where a grant cannot be built as intended, it must grant nothing rather than more.
    ///
    /// ```
    /// let p = tarn_arn::Pattern::nothing("acs:mq:*:*:*");
    /// assert!(!p.matches(&"acs:mq:cn-hangzhou:1:MQ_INST_1".parse().unwrap()));
    /// assert_eq!(p.as_str(), "acs:mq:*:*:*");
    /// ```
    pub fn nothing(text: &str) -> Self {
        Self {
            text: text.into(),
            inner: Some(Box::new(Inner {
                cloud: if text.starts_with("arn:") { Cloud::Aws } else { Cloud::Alibaba },
                partition: 0..0,
                service: 0..0,
                region: 0..0,
                account: 0..0,
                resource: 0..0,
                wildcards: false,
                in_document: true,
                vars: Vec::new(),
                m: OnceLock::from(Matcher::Nothing),
            })),
        }
    }

    /// The pattern `*`, matching every resource.
    pub fn any() -> Self {
        Self { text: "*".into(), inner: None }
    }

    /// Whether this is the lone `*`.
    pub fn is_any(&self) -> bool {
        self.inner.is_none()
    }

    fn part(&self, f: impl Fn(&Inner) -> &Range<usize>) -> Option<&str> {
        self.inner.as_ref().and_then(|i| self.text.get(f(i).clone()))
    }

    /// The cloud, or `None` for the lone `*`.
    pub fn cloud(&self) -> Option<Cloud> {
        self.inner.as_ref().map(|i| i.cloud)
    }

    /// The AWS partition segment as written.
    pub fn partition(&self) -> Option<&str> {
        if self.cloud() != Some(Cloud::Aws) {
            return None;
        }
        self.part(|i| &i.partition)
    }

    /// The service segment (never a wildcard).
    pub fn service(&self) -> Option<&str> {
        self.part(|i| &i.service)
    }

    /// The region segment as written.
    pub fn region(&self) -> Option<&str> {
        self.part(|i| &i.region)
    }

    /// The account segment as written.
    pub fn account(&self) -> Option<&str> {
        self.part(|i| &i.account)
    }

    /// The relative id (Alibaba Cloud) or resource (AWS) as written.
    pub fn resource(&self) -> Option<&str> {
        self.part(|i| &i.resource)
    }

    /// Whether the pattern holds `*` or `?` (the lone `*` included).
    pub fn has_wildcards(&self) -> bool {
        self.inner.as_ref().is_none_or(|i| i.wildcards)
    }

    /// The policy variables, in order, as `(key, default)`.
    pub fn variables(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.inner.iter().flat_map(|i| i.vars.iter()).map(|v| (&*v.key, v.default.as_deref()))
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether `arn` matches; policy variables take their defaults, and a variable without a default matches
    /// nothing.
    pub fn matches(&self, arn: &Arn) -> bool {
        self.matches_with(arn, &NoVars)
    }

    /// Whether `arn` matches, resolving policy variables with `vars`. A variable that `vars` does not know
    /// takes its default; without a default the pattern matches nothing (it fails closed).
    pub fn matches_with<R: VarResolver + ?Sized>(&self, arn: &Arn, vars: &R) -> bool {
        let Some(i) = &self.inner else {
            return true;
        };
        if i.cloud != arn.cloud() || self.text.get(i.service.clone()) != Some(arn.service()) {
            return false;
        }
        match self.matcher(i) {
            Matcher::Aws { partition, rest } => {
                partition.matches(arn.partition().unwrap_or_default(), &i.vars, vars)
                    && rest.matches(arn.after_service(), &i.vars, vars)
            }
            Matcher::Alibaba { region, account, resource } => {
                region.matches(arn.region(), &i.vars, vars)
                    && account.matches(arn.account(), &i.vars, vars)
                    && resource.matches(arn.resource(), &i.vars, vars)
            }
            Matcher::Nothing => false,
        }
    }
}

impl Pattern {
    fn matcher<'i>(&self, i: &'i Inner) -> &'i Matcher {
        i.m.get_or_init(|| {
            // The text parsed when the pattern was made, so it parses again the same way.
            let toks = tokenize_with(&self.text, Mode::Pattern, i.in_document).unwrap_or_default();
            let mut vars = Vec::new();
            match layout_with(&self.text, &toks, Mode::Pattern, i.in_document) {
                Ok(l) => build_matcher(&self.text, &toks, &l, &mut vars),
                // Unreachable for a parsed pattern; a matcher that matches nothing fails closed.
                Err(_) => Matcher::Nothing,
            }
        })
    }
}

impl FromStr for Pattern {
    type Err = ArnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pattern({:?})", &*self.text)
    }
}

impl AsRef<str> for Pattern {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

#[cfg(feature = "serde")]
crate::serde_str::impl_serde_via_str!(Pattern, "an ARN pattern string");
