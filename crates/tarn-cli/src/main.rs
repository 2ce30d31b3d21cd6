//! `tarn`: lint cloud access policies (Alibaba Cloud RAM and AWS IAM) offline, print them canonically, and
//! browse the catalogs of actions, resource types and condition keys.
//!
//! ```text
//! tarn check [--kind K] [--dialect ram|iam] [--input policy|plan|cloudformation|ros] [--format text|json|sarif]
//!            [--fail-on LEVEL] [--lenient] FILE|DIR|GLOB...
//! tarn fmt [--pretty] [--lenient] [--dialect ram|iam] FILE
//! tarn catalog [--cloud aws|alibaba] [SERVICE] [--api NAME] [--format text|json]
//! tarn eval POLICY... --action A --resource R [--principal P] [--context KEY=VALUE]...
//!           [--boundary FILE] [--scp FILE] [--rcp FILE] [--session FILE] [--format text|json]
//! tarn diff OLD NEW [--format text|json] [--kind KIND] [--dialect ram|iam] [--lenient]
//! ```
//!
//! Exit status: 0 when nothing is at or above `--fail-on`, 1 when something is (or a document cannot be read
//! as a policy by `fmt`, or `catalog` finds nothing, or `eval` denies, or
//! `diff` finds that NEW allows something OLD does not), 2 on a usage or I/O error.

mod catalog;
mod check;
mod diff;
mod eval;
mod input;

use std::io::Write;
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgMatches, Command};

/// Exit status: nothing at or above `--fail-on`.
const OK: u8 = 0;
/// Exit status: findings at or above `--fail-on`, a document that is no policy, nothing found.
const FINDINGS: u8 = 1;
/// Exit status: a usage or I/O error.
const USAGE: u8 = 2;

fn command() -> Command {
    let dialect = Arg::new("dialect")
        .long("dialect")
        .value_name("DIALECT")
        .value_parser(["ram", "iam"])
        .help("Read the documents as RAM (Alibaba Cloud) or IAM (AWS) instead of detecting the dialect");
    let lenient = Arg::new("lenient")
        .long("lenient")
        .action(ArgAction::SetTrue)
        .help("Allow // and /* */ comments (as in documentation)");
    let check = Command::new("check")
        .about("Lint policy documents: every check of the policy! macro, offline")
        .arg(
            Arg::new("kind")
                .long("kind")
                .value_name("KIND")
                .value_parser(check::KINDS.iter().map(|(name, _)| *name).collect::<Vec<_>>())
                .help("Where the policies are used (default: resource-based if a statement has a Principal, else identity-based)"),
        )
        .arg(dialect.clone())
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["text", "json", "sarif"])
                .default_value("text")
                .help("text for people, json (one array of findings) for scripts, sarif (2.1.0) for code-scanning UIs"),
        )
        .arg(
            Arg::new("fail-on")
                .long("fail-on")
                .value_name("LEVEL")
                .value_parser(["error", "security-warning", "warning", "suggestion"])
                .default_value("error")
                .help("Exit with 1 when a finding is at or above this severity"),
        )
        .arg(lenient.clone())
        .arg(
            Arg::new("input")
                .long("input")
                .value_name("INPUT")
                .value_parser(["policy", "plan", "cloudformation", "ros"])
                .help("What the files are, instead of detecting it from their content: a policy, a Terraform plan in JSON, a CloudFormation or a ROS template"),
        )
        .arg(
            Arg::new("files")
                .value_name("FILE")
                .required(true)
                .num_args(1..)
                .help("Policy documents (JSON), CloudFormation or ROS templates (JSON, YAML), Terraform plans (terraform show -json), directories (walked as ripgrep does) or globs; - reads standard input"),
        );
    let fmt = Command::new("fmt")
        .about("Print a policy document as canonical JSON (comments dropped with --lenient)")
        .arg(Arg::new("pretty").long("pretty").action(ArgAction::SetTrue).help("Indent by two spaces"))
        .arg(lenient.clone())
        .arg(dialect.clone())
        .arg(
            Arg::new("file")
                .value_name("FILE")
                .required(true)
                .help("A policy document; - reads standard input"),
        );
    let catalog = Command::new("catalog")
        .about("The catalogs: services, a service's actions, resource types and condition keys, or an API's actions")
        .arg(
            Arg::new("cloud")
                .long("cloud")
                .value_name("CLOUD")
                .value_parser(["aws", "alibaba"])
                .help("Only this cloud's services"),
        )
        .arg(Arg::new("service").value_name("SERVICE").help("A service prefix: s3, mq, log, ..."))
        .arg(
            Arg::new("api")
                .long("api")
                .value_name("NAME")
                .help("The actions that an OpenAPI operation (OnsTopicCreate) needs"),
        )
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["text", "json"])
                .default_value("text"),
        );
    let eval =
        Command::new("eval")
            .about("Would a request be allowed by these policies, and by which statements (offline)")
            .arg(Arg::new("policies").value_name("POLICY").num_args(1..).required(true).help(
                "Policies: with a Principal, resource-based (a bucket policy); without, identity-based",
            ))
            .arg(
                Arg::new("action")
                    .long("action")
                    .value_name("ACTION")
                    .required(true)
                    .help("The action: s3:GetObject"),
            )
            .arg(
                Arg::new("resource")
                    .long("resource")
                    .value_name("ARN")
                    .required(true)
                    .help("The resource's ARN (or * for actions without resource-level permissions)"),
            )
            .arg(
                Arg::new("principal")
                    .long("principal")
                    .value_name("P")
                    .help("Who asks: an ARN, an account or a service"),
            )
            .arg(
                Arg::new("resource-account")
                    .long("resource-account")
                    .value_name("ACCOUNT")
                    .help("The resource's account, when its ARN has none (S3, OSS)"),
            )
            .arg(
                Arg::new("context")
                    .long("context")
                    .value_name("KEY=VALUE")
                    .action(ArgAction::Append)
                    .help("A context value; repeat the key for a multivalued key"),
            )
            .arg(
                Arg::new("boundary")
                    .long("boundary")
                    .value_name("FILE")
                    .action(ArgAction::Append)
                    .help("A permissions boundary"),
            )
            .arg(
                Arg::new("scp")
                    .long("scp")
                    .value_name("FILE")
                    .action(ArgAction::Append)
                    .help("A service control policy (RAM: control policy)"),
            )
            .arg(
                Arg::new("rcp")
                    .long("rcp")
                    .value_name("FILE")
                    .action(ArgAction::Append)
                    .help("A resource control policy (IAM) of the resource's account"),
            )
            .arg(
                Arg::new("session")
                    .long("session")
                    .value_name("FILE")
                    .action(ArgAction::Append)
                    .help("A session policy"),
            )
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_name("FORMAT")
                    .value_parser(["text", "json"])
                    .default_value("text"),
            )
            .arg(lenient.clone())
            .arg(dialect.clone());
    let diff = Command::new("diff")
        .about("What NEW allows that OLD does not, and the reverse, with an example request for each (exit 1 when NEW allows more)")
        .arg(Arg::new("old").value_name("OLD").required(true).help("The policy before the change; - reads standard input"))
        .arg(Arg::new("new").value_name("NEW").help("The policy after the change; - reads standard input. Without NEW, OLD is a Terraform plan in JSON (`terraform show -json PLANFILE`): each policy that the plan changes is compared, before with after"))
        .arg(
            Arg::new("format")
                .long("format")
                .value_name("FORMAT")
                .value_parser(["text", "json"])
                .default_value("text")
                .help("text for a review, json for scripts"),
        )
        .arg(
            Arg::new("kind")
                .long("kind")
                .value_name("KIND")
                .value_parser(check::KINDS.iter().map(|(name, _)| *name).collect::<Vec<_>>())
                .help("Where the policies are used: resource, bucket and trust compare principals; the others are identity-based (default: resource-based if a statement has a Principal)"),
        )
        .arg(lenient)
        .arg(dialect);
    Command::new("tarn")
        .version(env!("CARGO_PKG_VERSION"))
        .about("Cloud access policies (Alibaba Cloud RAM, AWS IAM), checked offline")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(check)
        .subcommand(fmt)
        .subcommand(catalog)
        .subcommand(eval)
        .subcommand(diff)
}

fn main() -> ExitCode {
    let matches = command().get_matches();
    let mut out = std::io::stdout().lock();
    let code = match matches.subcommand() {
        Some(("check", m)) => check::run(m, &mut out),
        Some(("fmt", m)) => fmt(m, &mut out),
        Some(("catalog", m)) => catalog::run(m, &mut out),
        Some(("eval", m)) => eval::run(m, &mut out),
        Some(("diff", m)) => diff::run(m, &mut out),
        _ => Err(Failure::Usage("a subcommand is required: check, fmt, catalog, eval or diff".to_owned())),
    };
    let code = code.unwrap_or_else(|f| {
        if !matches!(f, Failure::Closed) {
            eprintln!("tarn: {}", f.message());
        }
        f.code()
    });
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("tarn: cannot write the output: {e}");
            ExitCode::from(USAGE)
        }
        _ => ExitCode::from(code),
    }
}

/// Why a command stops early.
enum Failure {
    /// A usage or I/O error (exit 2).
    Usage(String),
    /// Nothing to print, or a document that is not a policy (exit 1).
    NotFound(String),
    /// The reader of the output went away (`tarn catalog | head`): stop quietly.
    Closed,
}

impl Failure {
    fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::NotFound(m) => m,
            Failure::Closed => "",
        }
    }

    fn code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Closed => USAGE,
            Failure::NotFound(_) => FINDINGS,
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure::Closed;
        }
        Failure::Usage(format!("cannot write the output: {e}"))
    }
}

/// `tarn fmt`.
fn fmt(m: &ArgMatches, out: &mut dyn Write) -> Result<u8, Failure> {
    let file = m.get_one::<String>("file").map_or("-", String::as_str);
    let src = input::read(file)?;
    let opts = input::parse_options(m);
    match tarn_core::Policy::from_json_with(&src, &opts) {
        Ok(p) => {
            let text = if m.get_flag("pretty") { p.to_json_pretty() } else { p.to_json() };
            writeln!(out, "{text}")?;
            Ok(OK)
        }
        Err(e) => {
            // Said the way `tarn check` says it, on standard error.
            let finding = tarn_core::lint::Finding::from(&e);
            check::text_finding(&mut std::io::stderr().lock(), input::display_name(file), &src, &finding)?;
            Ok(FINDINGS)
        }
    }
}
