//! The linter: every check of `policy!`, and more, on policy documents that already exist as JSON.
//!
//! ```
//! use tarn_core::lint::{lint, LintOptions, Severity};
//! let doc = r#"{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "oss:GetObject",
//!               "Resource": "acs:oss:*:*:bucket"}]}"#;
//! let findings = lint(doc, &LintOptions::default());
//! assert_eq!(findings[0].code, "RESOURCE_MISMATCH");
//! assert_eq!(findings[0].severity, Severity::Error);
//! assert_eq!((findings[0].pointer.as_str(), findings[0].line, findings[0].column), ("/Statement/0/Action", 1, 62));
//! ```

use crate::error::{Lines, ParseError};
use crate::kind::PolicyKind;
use crate::model::{Dialect, Policy};
use crate::parse::ParseOptions;
use crate::rules;

pub use crate::diagnostic::{Code, Diagnostic, Element, Severity, Site, UnknownCode};

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What kind of finding (`Code::UnknownAction`, written `UNKNOWN_ACTION`).
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
    /// JSON pointer of the value it is about.
    pub pointer: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// What to lint for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LintOptions {
    /// Where the policy is used; without it, a policy with a `Principal` is taken for a resource-based
    /// policy and one without for an identity-based policy.
    pub kind: Option<PolicyKind>,
    /// The dialect, instead of detecting it.
    pub dialect: Option<Dialect>,
    /// Allow `//` and `/* */` comments.
    pub lenient: bool,
}

/// Lints a policy document; findings in document order, most severe first where they share a place.
pub fn lint(src: &str, opts: &LintOptions) -> Vec<Finding> {
    let mut parse = ParseOptions::new().allow_comments(opts.lenient);
    if let Some(d) = opts.dialect {
        parse = parse.dialect(d);
    }
    let policy = match Policy::from_json_with(src, &parse) {
        Ok(p) => p,
        Err(e) => return vec![from_parse_error(&e)],
    };
    let mut l = Linter { src, comments: opts.lenient, policy: &policy, out: Vec::new() };
    l.policy(opts.kind);
    l.finish();
    l.out.sort_by_key(|f| (f.line, f.column, std::cmp::Reverse(f.severity)));
    l.out
}

/// The finding for a document that does not read as a policy: the parse error with its code.
impl From<&ParseError> for Finding {
    fn from(e: &ParseError) -> Finding {
        from_parse_error(e)
    }
}

fn from_parse_error(e: &ParseError) -> Finding {
    Finding {
        code: e.code(),
        severity: e.code().severity(),
        message: e.message().to_owned(),
        help: e.help().map(str::to_owned),
        pointer: e.pointer().to_owned(),
        line: e.line(),
        column: e.column(),
    }
}

/// The linter: runs the rules on a policy that parsed and places what they report in the document.
struct Linter<'a> {
    src: &'a str,
    comments: bool,
    policy: &'a Policy,
    out: Vec<Finding>,
}

impl Linter<'_> {
    /// The line and column of every finding, from one pass over the document.
    fn finish(&mut self) {
        let pointers: Vec<&str> = self.out.iter().map(|f| f.pointer.as_str()).collect();
        let offsets = crate::json::locate_all(self.src, self.comments, &pointers);
        let lines = Lines::new(self.src);
        for (f, offset) in self.out.iter_mut().zip(offsets) {
            (f.line, f.column) = lines.line_col(offset.unwrap_or(0));
        }
    }

    /// A finding at a JSON pointer; its line and column are filled in for all findings at once, in `finish`.
    fn push(&mut self, code: Code, pointer: String, message: String, help: Option<String>) {
        let severity = code.severity();
        self.out.push(Finding { code, severity, message, help, pointer, line: 0, column: 0 });
    }

    /// A rule's diagnostic, its site translated into a JSON pointer.
    fn report(&mut self, d: Diagnostic) {
        let pointer = d.site.pointer(self.policy);
        self.push(d.code, pointer, d.message, d.help);
    }

    fn report_all(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.report(d);
        }
    }

    fn policy(&mut self, kind: Option<PolicyKind>) {
        let p = self.policy;
        let cloud = p.cloud();
        let explicit_kind = kind.is_some();
        let kind = kind.unwrap_or_else(|| rules::infer_kind(p));
        self.report_all(rules::missing_version(p));
        self.report_all(rules::duplicate_sid(p));
        for (i, s) in p.statements.iter().enumerate() {
            let allow = rules::grants(s, kind);
            self.report_all(rules::allow_with_not_action(s, i, allow));
            self.report_all(rules::allow_with_not_resource(s, i, allow));
            self.report_all(rules::empty_array(s, i));
            let actions = rules::actions_in_catalog(cloud, s, i);
            self.report_all(actions.problems.iter().cloned());
            if kind == PolicyKind::ResourceControl && cloud == tarn_arn::Cloud::Aws {
                self.report_all(rules::rcp_service_not_covered(s, i));
            }
            self.report_all(rules::redundant_action(s, i));
            self.report_all(rules::placeholder_in_resource(s, i));
            self.report_all(rules::pass_role_with_star_in_resource(s, i, allow));
            self.report_all(rules::resource_mismatch(s, i, &actions));
            self.report_all(rules::public_principal(s, i, allow));
            self.report_all(rules::condition_keys(cloud, s, i));
        }
        self.report_all(rules::kind_elements(p, kind, !explicit_kind));
        // Limits differ by where a policy is used (AWS's own managed policies may be larger than customer
        // ones): checked only for a kind the caller names.
        self.report_all(rules::policy_too_large(p, if explicit_kind { kind } else { PolicyKind::Resource }));
        self.report_all(rules::missing_prerequisite(cloud, p));
        if self.src.contains("Condition") {
            self.repeated_condition_keys();
        }
    }

    /// DUPLICATE_CONDITION_KEY: an operator twice in one `Condition`, or a key twice under one operator. The
    /// model merges them, so this rule reads the document's text.
    fn repeated_condition_keys(&mut self) {
        for (pointer, key, operator) in crate::json::repeated_condition_keys(self.src, self.comments) {
            let (message, help) = if operator {
                (
                    format!("`{key}` appears twice in this `Condition`"),
                    "merge them into one `{…}`: tarn reads them as one operator (a key under both takes the values of both as alternatives), but many JSON readers keep only the last",
                )
            } else {
                (
                    format!("`{key}` appears twice under one operator"),
                    "list the values in one array: tarn takes the values of both as alternatives, but many JSON readers keep only the last",
                )
            };
            self.push(Code::DuplicateConditionKey, pointer, message, Some(help.to_owned()));
        }
    }
}
