//! Policies where they live: finds the access policies inside Terraform plans (`terraform show -json`),
//! CloudFormation templates and Alibaba Cloud ROS templates (JSON or YAML), and lints each with tarn's one
//! linter ([`tarn_core::lint::lint`]) for the kind of policy its property holds. Findings carry the resource
//! (`module.app.aws_iam_role.this[0]`, `ReaderPolicy`) and the line and column in the input file.
//!
//! ```
//! use tarn_infra::{check, InputKind};
//! let template = "Resources:\n  Reader:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObjekt\n            Resource: !Sub 'arn:aws:s3:::${Bucket}/*'\n";
//! let checked = check(template, None, &Default::default()).unwrap();
//! assert_eq!(checked.input, InputKind::CloudFormation);
//! let f = &checked.findings[0];
//! assert_eq!((f.resource.as_deref(), f.finding.code.as_str(), f.finding.line), (Some("Reader"), "UNKNOWN_ACTION", 9));
//! ```

mod render;
mod template;
mod terraform;
mod tree;
mod types;
mod yaml;

use std::ops::Range;

use tarn_core::lint::{self, Finding, LintOptions};
use tarn_core::{Cloud, Dialect, PolicyKind};

pub use terraform::{plan_changes, PolicyChange};
pub use types::covered;

use tarn_core::Lines;
use tree::Node;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// A policy document (JSON).
    Policy,
    /// A Terraform plan or state in JSON (`terraform show -json`).
    TerraformPlan,
    /// A CloudFormation template (or CDK output), JSON or YAML.
    CloudFormation,
    /// An Alibaba Cloud ROS template, JSON or YAML.
    Ros,
}

impl InputKind {
    /// The names of `--input`: `policy`, `plan`, `cloudformation`, `ros`.
    pub const NAMES: &'static [(&'static str, InputKind)] = &[
        ("policy", InputKind::Policy),
        ("plan", InputKind::TerraformPlan),
        ("cloudformation", InputKind::CloudFormation),
        ("ros", InputKind::Ros),
    ];

    /// The kind named `name` (see [`InputKind::NAMES`]).
    pub fn from_name(name: &str) -> Option<InputKind> {
        Self::NAMES.iter().find(|(n, _)| *n == name).map(|(_, k)| *k)
    }

    /// Its name.
    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, k)| *k == self).map_or("policy", |(n, _)| n)
    }
}

/// A template or plan that cannot be read: where and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// What the document was taken for.
    pub input: Option<InputKind>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for InputError {}

/// What [`detect`] makes of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// One of the inputs tarn reads.
    Input(InputKind),
    /// Nothing tarn reads: valid YAML or JSON that is neither a policy, a template nor a plan.
    Other,
}

/// Where a policy's text came from, to place findings in the file.
#[derive(Debug, Clone)]
enum Origin {
    /// The text of the JSON string literal at this byte range of the file (quotes included).
    JsonString(Range<usize>),
    /// A string whose escapes are not JSON's (YAML): every finding at its start.
    At(usize, usize),
    /// A YAML literal block (`|`) starting at this line and column: its lines are the file's.
    Block(usize, usize),
    /// Written from a mapping: the place of each pointer.
    Pointers(render::PointerMap),
}

/// A policy found in a document.
#[derive(Debug, Clone)]
pub struct FoundPolicy {
    /// The resource: a Terraform address with module path and index, or a template's logical ID.
    pub resource: String,
    /// Its type: `aws_iam_role`, `AWS::IAM::Role`.
    pub resource_type: String,
    /// The property that holds the policy: `assume_role_policy`, `Policies[0].PolicyDocument`.
    pub property: String,
    /// The kind of policy this property holds.
    pub kind: PolicyKind,
    /// The dialect of the resource's cloud.
    pub dialect: Dialect,
    /// The policy as JSON; values unknown until deployment are `${Name}` variables.
    pub text: String,
    /// 1-based line and column of the value in the file.
    pub line: usize,
    /// See `line`.
    pub column: usize,
    origin: Origin,
}

/// A finding in a document, with the resource it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The resource (`None` in a plain policy document).
    pub resource: Option<String>,
    /// The property that holds the policy.
    pub property: Option<String>,
    /// The finding; its line and column are in the input file, its pointer in the policy.
    pub finding: Finding,
}

/// A checked document.
#[derive(Debug, Clone)]
pub struct Checked {
    /// What the document was.
    pub input: InputKind,
    /// How many policies it holds.
    pub policies: usize,
    /// The findings, in file order.
    pub findings: Vec<Located>,
}

/// Markers of a plan or template in a JSON text: only a text that holds one is read as a tree.
const MARKERS: &[&str] = &[
    "\"format_version\"",
    "\"resource_changes\"",
    "\"planned_values\"",
    "\"Resources\"",
    "\"ROSTemplateFormatVersion\"",
    "\"AWSTemplateFormatVersion\"",
];

fn looks_like_json(src: &str) -> bool {
    src.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '['])
}

/// What a text is, from its content: a policy, a Terraform plan, a CloudFormation or a ROS template.
///
/// JSON without the markers of a plan or template is a policy (the linter says if it is not a good one);
/// YAML is a template when it has `ROSTemplateFormatVersion`, `AWSTemplateFormatVersion` or `Resources` with
/// typed resources. Text that cannot be read is an error only when it looks like a template or plan.
pub fn detect(src: &str) -> Result<Detected, InputError> {
    if looks_like_json(src) {
        if !MARKERS.iter().any(|m| src.contains(m)) {
            return Ok(Detected::Input(InputKind::Policy));
        }
        let tree = read_tree(src, None)?;
        return Ok(match classify(&tree) {
            Some(kind) => Detected::Input(kind),
            None if tree.get("Statement").is_some() => Detected::Input(InputKind::Policy),
            None => Detected::Other,
        });
    }
    match yaml::parse(src) {
        Ok(Some(tree)) => Ok(classify(&tree).map_or(Detected::Other, Detected::Input)),
        Ok(None) => Ok(Detected::Other),
        Err(e) => {
            let template = ["ROSTemplateFormatVersion", "AWSTemplateFormatVersion", "Resources:"]
                .iter()
                .any(|m| src.contains(m));
            if template {
                Err(InputError {
                    input: None,
                    line: e.line,
                    column: e.col,
                    message: format!("not valid YAML: {}", e.message),
                })
            } else {
                Ok(Detected::Other)
            }
        }
    }
}

fn classify(tree: &Node) -> Option<InputKind> {
    if tree.get("ROSTemplateFormatVersion").is_some() {
        return Some(InputKind::Ros);
    }
    if tree.get("AWSTemplateFormatVersion").is_some() {
        return Some(InputKind::CloudFormation);
    }
    if ["format_version", "planned_values", "resource_changes"].iter().any(|k| tree.get(k).is_some()) {
        return Some(InputKind::TerraformPlan);
    }
    let types: Vec<&str> =
        tree.get("Resources")?.map().iter().filter_map(|(_, r)| r.get("Type").and_then(Node::str)).collect();
    if types.iter().any(|t| t.starts_with("ALIYUN::")) {
        Some(InputKind::Ros)
    } else if types.iter().any(|t| t.starts_with("AWS::") || t.starts_with("Custom::")) {
        Some(InputKind::CloudFormation)
    } else {
        None
    }
}

/// The tree of a JSON or YAML document.
fn read_tree(src: &str, input: Option<InputKind>) -> Result<Node, InputError> {
    if looks_like_json(src) {
        let lines = Lines::new(src);
        return match tarn_core::read_json_tree(src) {
            Ok(n) => Ok(tree::from_json(n, &lines)),
            Err(e) => Err(InputError {
                input,
                line: e.line(),
                column: e.column(),
                message: format!("not valid JSON: {}", e.message()),
            }),
        };
    }
    match yaml::parse(src) {
        Ok(Some(n)) => Ok(n),
        Ok(None) => {
            Err(InputError { input, line: 1, column: 1, message: "the document is empty".to_owned() })
        }
        Err(e) => Err(InputError {
            input,
            line: e.line,
            column: e.col,
            message: format!("not valid YAML: {}", e.message),
        }),
    }
}

/// The policies of a plan or template (`input`: what it is; none for a policy document).
pub fn policies(src: &str, input: InputKind) -> Result<Vec<FoundPolicy>, InputError> {
    let tree = read_tree(src, Some(input))?;
    let structure = |message: &str| InputError {
        input: Some(input),
        line: tree.line,
        column: tree.col,
        message: message.to_owned(),
    };
    match input {
        InputKind::Policy => Ok(Vec::new()),
        InputKind::TerraformPlan => {
            let plan = ["format_version", "resource_changes", "planned_values", "values"]
                .iter()
                .any(|k| tree.get(k).is_some());
            if !plan {
                return Err(structure(
                    "not a Terraform plan: it has no `format_version`, `resource_changes` or `planned_values` (`terraform show -json PLANFILE` writes them)",
                ));
            }
            Ok(terraform::policies(&tree, src))
        }
        InputKind::CloudFormation | InputKind::Ros => {
            if tree.get("Resources").is_none_or(|r| !matches!(r.v, tree::V::Map(_))) {
                return Err(structure("a template has a `Resources` mapping"));
            }
            Ok(template::policies(&tree))
        }
    }
}

/// Reads a document (a policy, plan or template; `input` overrides detection) and lints every policy in it.
/// Text that is none of them is an error.
pub fn check(src: &str, input: Option<InputKind>, opts: &LintOptions) -> Result<Checked, InputError> {
    let input = match input {
        Some(k) => k,
        None => match detect(src)? {
            Detected::Input(k) => k,
            Detected::Other => {
                return Err(InputError {
                    input: None,
                    line: 1,
                    column: 1,
                    message:
                        "neither a policy, a CloudFormation or ROS template, nor a Terraform plan in JSON"
                            .to_owned(),
                })
            }
        },
    };
    if input == InputKind::Policy {
        let findings = lint::lint(src, opts)
            .into_iter()
            .map(|finding| Located { resource: None, property: None, finding })
            .collect();
        return Ok(Checked { input, policies: 1, findings });
    }
    let found = policies(src, input)?;
    let lines = Lines::new(src);
    let mut findings = lint_all(&found, src, &lines, opts);
    findings.sort_by_key(|l| (l.finding.line, l.finding.column, std::cmp::Reverse(l.finding.severity)));
    Ok(Checked { input, policies: found.len(), findings })
}

/// Lints the found policies, on every core when there are many (a plan of a thousand policies is one file,
/// where a thousand policy files would be spread over the cores).
fn lint_all(found: &[FoundPolicy], src: &str, lines: &Lines<'_>, opts: &LintOptions) -> Vec<Located> {
    const PER_THREAD: usize = 64;
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = cores.min(found.len() / PER_THREAD);
    if threads <= 1 {
        return found.iter().flat_map(|p| lint_found(p, src, lines, opts)).collect();
    }
    let chunk = found.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = found
            .chunks(chunk)
            .map(|part| {
                let run =
                    move || part.iter().flat_map(|p| lint_found(p, src, lines, opts)).collect::<Vec<_>>();
                (part, s.spawn(run))
            })
            .collect();
        let mut out = Vec::new();
        for (part, h) in handles {
            // A thread that panicked leaves its policies to this one.
            match h.join() {
                Ok(v) => out.extend(v),
                Err(_) => out.extend(part.iter().flat_map(|p| lint_found(p, src, lines, opts))),
            }
        }
        out
    })
}

/// Lints one found policy with the kind of its property (the dialect of its cloud unless `opts` names one)
/// and places the findings in the file.
fn lint_found(p: &FoundPolicy, src: &str, lines: &Lines<'_>, opts: &LintOptions) -> Vec<Located> {
    let o = LintOptions { kind: Some(p.kind), dialect: opts.dialect.or(Some(p.dialect)), lenient: false };
    let found = lint::lint(&p.text, &o);
    let inner = Lines::new(&p.text);
    let offsets = match &p.origin {
        Origin::JsonString(span) => {
            src.get(span.start + 1..span.end.saturating_sub(1)).map(tree::decoded_offsets).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    found
        .into_iter()
        .map(|mut f| {
            (f.line, f.column) = match &p.origin {
                Origin::JsonString(span) => {
                    let d = inner.offset(f.line, f.column);
                    let raw = offsets.get(d).copied().unwrap_or(0);
                    lines.line_col(span.start + 1 + raw)
                }
                Origin::At(line, col) => (*line, *col),
                Origin::Block(line, col) => (line + f.line - 1, col + f.column - 1),
                Origin::Pointers(map) => place(map, &f.pointer).unwrap_or((p.line, p.column)),
            };
            Located { resource: Some(p.resource.clone()), property: Some(p.property.clone()), finding: f }
        })
        .collect()
}

/// The place of `pointer`, or of the nearest value that holds it.
fn place(map: &render::PointerMap, pointer: &str) -> Option<(usize, usize)> {
    let mut ptr = pointer;
    loop {
        if let Some((_, at)) = map.iter().find(|(p, _)| p == ptr) {
            return Some(*at);
        }
        ptr = ptr.get(..ptr.rfind('/')?)?;
    }
}

/// A policy value of a resource (a JSON string, or a template mapping) as a [`FoundPolicy`]; `None` when it is
/// unknown as a whole or absent.
fn found(
    resource: &str,
    resource_type: &str,
    property: String,
    kind: PolicyKind,
    value: &Node,
) -> Option<FoundPolicy> {
    let cloud = types::cloud_of(resource_type);
    let dialect = if cloud == Cloud::Alibaba { Dialect::Ram } else { Dialect::Iam };
    let (text, origin) = match &value.v {
        tree::V::Null => return None,
        tree::V::Map(_) if render::nothing_known(value) => return None,
        tree::V::Map(_) if !render::unknown_as_a_whole(value) => {
            let (text, map) = render::policy_json(value, cloud);
            (text, Origin::Pointers(map))
        }
        _ => {
            let text = render::string_policy(value)?;
            let plain = value.tag.is_none() && value.str().is_some();
            match &value.raw {
                Some(span) if plain => (text, Origin::JsonString(span.clone())),
                None if plain && value.block => (text, Origin::Block(value.line, value.col)),
                _ => (text, Origin::At(value.line, value.col)),
            }
        }
    };
    Some(FoundPolicy {
        resource: resource.to_owned(),
        resource_type: resource_type.to_owned(),
        property,
        kind,
        dialect,
        text,
        line: value.line,
        column: value.col,
        origin,
    })
}

/// The values at a property path (`*`: each item of a list), with the property's name as written
/// (`Policies[0].PolicyDocument`).
fn at_path<'n>(node: &'n Node, path: &[&str]) -> Vec<(String, &'n Node)> {
    let mut out = vec![(String::new(), node)];
    for seg in path {
        let mut next = Vec::new();
        for (name, n) in out {
            if *seg == "*" {
                for (i, item) in n.seq().iter().enumerate() {
                    next.push((format!("{name}[{i}]"), item));
                }
            } else if let Some(v) = n.get(seg) {
                let name = if name.is_empty() { (*seg).to_owned() } else { format!("{name}.{seg}") };
                next.push((name, v));
            }
        }
        out = next;
    }
    out
}
