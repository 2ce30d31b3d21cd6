//! What every check reports: a [`Code`] (with its severity and meaning, in one table), a [`Site`] in the
//! policy model, a message and help. The rules raise [`Diagnostic`]s; each front end only translates the
//! site: the linter into a JSON pointer, line and column, `policy!` into the tokens' span, the builder into
//! statement indexes.

use std::fmt;

use crate::model::{Policy, Statement};

/// How serious a finding is (the taxonomy of IAM Access Analyzer and the RAM console checker).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational: a cleaner way to write the same.
    Suggestion,
    /// Probably not what was meant.
    Warning,
    /// Grants more than is safe.
    SecurityWarning,
    /// The cloud rejects the policy, or it cannot work as written.
    Error,
}

impl Severity {
    /// `ERROR`, `SECURITY_WARNING`, `WARNING` or `SUGGESTION`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::SecurityWarning => "SECURITY_WARNING",
            Severity::Warning => "WARNING",
            Severity::Suggestion => "SUGGESTION",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $sev:ident, $summary:literal;)*) => {
        /// A finding code: its stable name, severity and meaning are given here and nowhere else.
        ///
        /// ```
        /// use tarn_core::lint::{Code, Severity};
        /// assert_eq!(Code::UnknownAction.as_str(), "UNKNOWN_ACTION");
        /// assert_eq!(Code::UnknownAction.severity(), Severity::Error);
        /// assert_eq!("EMPTY_ARRAY".parse::<Code>(), Ok(Code::EmptyArray));
        /// assert!("UNKNOWN_ACTON".parse::<Code>().is_err());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the table (most severe first).
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name (`UNKNOWN_ACTION`), as the command line and SARIF write it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity of every finding with this code.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$sev,)*
                }
            }

            /// What the finding means, in one sentence.
            pub const fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    MalformedJson = "MALFORMED_JSON", Error, "The document is not JSON (or has comments without --lenient).";
    InvalidVersion = "INVALID_VERSION", Error, "`Version` is missing where the dialect needs it, or not a version of the dialect.";
    InvalidEffect = "INVALID_EFFECT", Error, "A statement's `Effect` is missing or not `Allow` or `Deny`.";
    MissingStatement = "MISSING_STATEMENT", Error, "The policy has no `Statement`.";
    MissingAction = "MISSING_ACTION", Error, "A statement has neither `Action` nor `NotAction`.";
    MissingResource = "MISSING_RESOURCE", Error, "A statement of a policy kind that needs `Resource` has none.";
    MissingPrincipal = "MISSING_PRINCIPAL", Error, "A statement of a resource-based policy has no `Principal`.";
    UnsupportedElement = "UNSUPPORTED_ELEMENT", Error, "An element that policies (or this kind of policy) do not have.";
    DuplicateElement = "DUPLICATE_ELEMENT", Error, "The same element twice in one object; a JSON reader keeps only one.";
    UnknownDialect = "UNKNOWN_DIALECT", Error, "Nothing says whether the policy is RAM or IAM (use --dialect).";
    UnsupportedInDialect = "UNSUPPORTED_IN_DIALECT", Error, "Something of the other cloud's dialect (an operator, key, ARN or element).";
    InvalidAction = "INVALID_ACTION", Error, "An action that is not `service:name`.";
    UnknownService = "UNKNOWN_SERVICE", Error, "An action of a service the cloud does not have.";
    UnknownAction = "UNKNOWN_ACTION", Error, "An action the service does not have.";
    WildcardMatchesNothing = "WILDCARD_MATCHES_NOTHING", Error, "An action wildcard that matches no action.";
    InvalidArn = "INVALID_ARN", Error, "A resource that is not an ARN or `*`.";
    ResourceMismatch = "RESOURCE_MISMATCH", Error, "An action that applies to none of the statement's resources.";
    UnknownConditionOperator = "UNKNOWN_CONDITION_OPERATOR", Error, "A condition operator the dialect does not have.";
    UnknownConditionKey = "UNKNOWN_CONDITION_KEY", Error, "A condition key no service of the cloud has.";
    ConditionTypeMismatch = "CONDITION_TYPE_MISMATCH", Error, "A condition value that its operator cannot compare (a date that is no date).";
    PolicyTooLarge = "POLICY_TOO_LARGE", Error, "The policy is over the size limit of its kind.";
    DuplicateSid = "DUPLICATE_SID", Error, "Two statements with the same `Sid`.";
    AllowWithNotAction = "ALLOW_WITH_NOT_ACTION", SecurityWarning, "`Allow` with `NotAction` grants every other action, including future ones.";
    AllowWithNotResource = "ALLOW_WITH_NOT_RESOURCE", SecurityWarning, "`Allow` with `NotResource` grants every other resource.";
    PassRoleWithStarInResource = "PASS_ROLE_WITH_STAR_IN_RESOURCE", SecurityWarning, "`iam:PassRole` on `*`: any role can be handed to any service.";
    PublicPrincipal = "PUBLIC_PRINCIPAL", SecurityWarning, "`Allow` to everyone (`*`, or `[]` in an OSS bucket policy) without a condition.";
    MissingPrerequisite = "MISSING_PREREQUISITE", Warning, "A grant that needs another grant the policy lacks (RocketMQ `mq:QueryInstanceBaseInfo`).";
    DeprecatedAlias = "DEPRECATED_ALIAS", Warning, "An old name of an action.";
    NotInCatalog = "NOT_IN_CATALOG", Warning, "A name tarn's catalog does not list, in a service (or cloud) whose catalog is incomplete: it may be right, and it is not checked.";
    RedundantAction = "REDUNDANT_ACTION", Warning, "An action that another entry of the same list already covers.";
    ForAllValuesWithSingleValuedKey = "FOR_ALL_VALUES_WITH_SINGLE_VALUED_KEY", Warning, "`ForAllValues:` on a single-valued key, which holds when the key is missing.";
    MissingVersion = "MISSING_VERSION", Warning, "An IAM policy without `Version`, where policy variables are plain text.";
    ResourceMismatchUnconfirmed = "RESOURCE_MISMATCH_UNCONFIRMED", Warning, "An action that applies to none of the statement's resources by resource types that only older documentation states (a frozen copy of Alibaba Cloud's documentation sources, 2018 to 2021), not a page Alibaba publishes today.";
    ResourceLevelUnsupported = "RESOURCE_LEVEL_UNSUPPORTED", Warning, "An action without resource-level permissions granted on specific resources only.";
    MismatchedKeyType = "MISMATCHED_KEY_TYPE", Warning, "A condition operator of another type than its key (`StringEquals` on a `Bool` key).";
    PlaceholderInResource = "PLACEHOLDER_IN_RESOURCE", Warning, "A placeholder copied from documentation (`{Bucket}`, `<instanceId>`) in a resource.";
    RcpServiceNotCovered = "RCP_SERVICE_NOT_COVERED", Warning, "An action in a resource control policy of a service that RCPs do not cover: the statement does nothing for it.";
    DuplicateConditionKey = "DUPLICATE_CONDITION_KEY", Warning, "An operator or key written twice in one `Condition`; readers disagree on what that means.";
    EmptyArray = "EMPTY_ARRAY", Suggestion, "An empty list, which matches nothing.";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not a [`Code`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a finding code", self.0)
    }
}

impl std::error::Error for UnknownCode {}

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Code::ALL.iter().copied().find(|c| c.as_str() == s).ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// An element of a statement (or of the policy, for `Version`, `Id` and `Statement`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Element {
    /// `Version`.
    Version,
    /// `Id`.
    Id,
    /// `Statement`.
    Statement,
    /// `Sid`.
    Sid,
    /// `Effect`.
    Effect,
    /// `Principal`.
    Principal,
    /// `NotPrincipal`.
    NotPrincipal,
    /// `Action`.
    Action,
    /// `NotAction`.
    NotAction,
    /// `Resource`.
    Resource,
    /// `NotResource`.
    NotResource,
    /// `Condition`.
    Condition,
}

impl Element {
    /// The element's name in a document.
    pub fn as_str(self) -> &'static str {
        match self {
            Element::Version => "Version",
            Element::Id => "Id",
            Element::Statement => "Statement",
            Element::Sid => "Sid",
            Element::Effect => "Effect",
            Element::Principal => "Principal",
            Element::NotPrincipal => "NotPrincipal",
            Element::Action => "Action",
            Element::NotAction => "NotAction",
            Element::Resource => "Resource",
            Element::NotResource => "NotResource",
            Element::Condition => "Condition",
        }
    }

    /// The action element a statement has: `Action` or `NotAction`.
    pub(crate) fn actions_of(s: &Statement) -> Element {
        if s.actions.is_not() {
            Element::NotAction
        } else {
            Element::Action
        }
    }

    /// The resource element a statement has, if any.
    pub(crate) fn resources_of(s: &Statement) -> Option<Element> {
        s.resources.as_ref().map(|r| if r.is_not() { Element::NotResource } else { Element::Resource })
    }
}

impl fmt::Display for Element {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the policy model a diagnostic is: what front ends translate into a JSON pointer, a span or an
/// index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Site {
    /// The policy as a whole.
    Policy,
    /// A statement as a whole.
    Statement(usize),
    /// An element of the policy (`statement` is `None`) or of a statement.
    Element {
        /// The statement, if the element is one of a statement's.
        statement: Option<usize>,
        /// The element.
        element: Element,
    },
    /// One item of a statement's `Action`, `Resource` or principal list (index in the list's order; a
    /// single value written without brackets is item 0).
    Item {
        /// The statement.
        statement: usize,
        /// The element.
        element: Element,
        /// The index in the list.
        index: usize,
    },
    /// A key under an operator of a statement's `Condition`.
    ConditionKey {
        /// The statement.
        statement: usize,
        /// The operator as written (`ForAllValues:StringLike`).
        operator: String,
        /// The key as written.
        key: String,
    },
}

impl Site {
    /// A statement's element.
    pub fn element(statement: usize, element: Element) -> Site {
        Site::Element { statement: Some(statement), element }
    }

    /// An item of a statement's list element.
    pub fn item(statement: usize, element: Element, index: usize) -> Site {
        Site::Item { statement, element, index }
    }

    /// The statement the site is in, if any.
    pub fn statement(&self) -> Option<usize> {
        match self {
            Site::Policy => None,
            Site::Statement(i) => Some(*i),
            Site::Element { statement, .. } => *statement,
            Site::Item { statement, .. } | Site::ConditionKey { statement, .. } => Some(*statement),
        }
    }

    /// The JSON pointer (RFC 6901) of the site in `policy` as it was read: a lone statement written as an
    /// object is `/Statement`, a list written as a single value has no index.
    pub fn pointer(&self, policy: &Policy) -> String {
        match self {
            Site::Policy => String::new(),
            Site::Statement(i) => policy.statement_pointer(*i),
            Site::Element { statement: None, element } => format!("/{element}"),
            Site::Element { statement: Some(i), element } => {
                format!("{}/{element}", policy.statement_pointer(*i))
            }
            Site::Item { statement, element, index } => {
                let base = format!("{}/{element}", policy.statement_pointer(*statement));
                let single = policy.statements.get(*statement).is_some_and(|s| match element {
                    Element::Action | Element::NotAction => s.actions.items().is_single(),
                    Element::Resource | Element::NotResource => {
                        s.resources.as_ref().is_some_and(|r| r.items().is_single())
                    }
                    _ => false,
                });
                if single {
                    base
                } else {
                    format!("{base}/{index}")
                }
            }
            Site::ConditionKey { statement, operator, key } => format!(
                "{}/Condition/{}/{}",
                policy.statement_pointer(*statement),
                crate::json::escape_pointer(operator),
                crate::json::escape_pointer(key)
            ),
        }
    }
}

/// What a rule found: its code, where, what is wrong and what would be right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The code, which gives the severity.
    pub code: Code,
    /// Where in the policy model.
    pub site: Site,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic.
    pub fn new(code: Code, site: Site, message: impl Into<String>, help: Option<String>) -> Self {
        Diagnostic { code, site, message: message.into(), help }
    }

    /// The severity of its code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The same diagnostic at another site (a rule that checks one value reports at the site it is given).
    pub fn at(mut self, site: Site) -> Self {
        self.site = site;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_from_its_name_and_names_are_unique() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for c in Code::ALL {
            assert_eq!(c.as_str().parse::<Code>(), Ok(*c));
            assert!(c.as_str().bytes().all(|b| b.is_ascii_uppercase() || b == b'_'), "{c}");
            assert!(!c.summary().is_empty());
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
    }
}
