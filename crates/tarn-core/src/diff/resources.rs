//! Resources in the diff: ARN patterns and the catalog's ARN formats as globs over components, with each
//! cloud's matching rules (see `lang`).
//!
//! A pattern lives in a bucket, its cloud and service (never a wildcard): patterns of different buckets
//! share no ARN. Within a bucket an AWS resource is `partition SEP region:account:resource` (a `*` after the
//! service may run across `:`, as in the evaluator) and an Alibaba Cloud resource is
//! `region SEP account SEP relative-id` (each matched on its own). The lone `*` is [`Sym::All`].

use super::lang::{var_char, Glob, Sym, SEP};
use tarn_arn::{Cloud, Pattern, VarPiece};

/// The cloud and service of a resource.
pub(crate) type Bucket = (Cloud, String);

/// Policy variables met while encoding, numbered: (lowercase key, default).
#[derive(Debug, Default)]
pub(crate) struct Vars {
    pub list: Vec<(String, Option<String>)>,
}

impl Vars {
    fn char_of(&mut self, key: &str, default: Option<&str>) -> Option<char> {
        let k = (key.to_ascii_lowercase(), default.map(str::to_owned));
        let n = match self.list.iter().position(|x| *x == k) {
            Some(n) => n,
            None => {
                self.list.push(k);
                self.list.len() - 1
            }
        };
        var_char(n)
    }
}

/// One segment of a pattern: `*`, `?`, escapes and policy variables (letters of their own, when the
/// policy's version substitutes them; else their text).
fn segment(text: &str, variables: bool, vars: &mut Vars, out: &mut Glob) -> Option<()> {
    for piece in tarn_arn::variables(text) {
        match piece.ok()? {
            // A character of the range that stands for variables would alias one: give up.
            VarPiece::Text(t) if t.chars().any(super::lang::is_var) => return None,
            VarPiece::Text(t) => out.extend(t.chars().map(|c| match c {
                '*' => Sym::Star,
                '?' => Sym::One,
                c => Sym::Lit(c),
            })),
            VarPiece::Escape(c) if super::lang::is_var(c) => return None,
            VarPiece::Escape(c) => out.push(Sym::Lit(c)),
            VarPiece::Var { key, default } => {
                if variables {
                    out.push(Sym::Lit(vars.char_of(key, default)?));
                } else {
                    let t = match default {
                        Some(d) => format!("${{{key}, '{d}'}}"),
                        None => format!("${{{key}}}"),
                    };
                    if t.chars().any(super::lang::is_var) {
                        return None;
                    }
                    out.extend(t.chars().map(Sym::Lit));
                }
            }
        }
    }
    Some(())
}

/// A pattern as a bucket and a glob; `None` for the lone `*` (handled by the caller) or a pattern that
/// cannot be encoded (the caller then cannot decide anything about its statement).
pub(crate) fn pattern(p: &Pattern, variables: bool, vars: &mut Vars) -> Option<(Bucket, Glob)> {
    let cloud = p.cloud()?;
    let service = p.service()?.to_owned();
    let mut g = Glob::new();
    match cloud {
        Cloud::Aws => {
            segment(p.partition().unwrap_or_default(), variables, vars, &mut g)?;
            g.push(Sym::Lit(SEP));
            let rest = format!(
                "{}:{}:{}",
                p.region().unwrap_or_default(),
                p.account().unwrap_or_default(),
                p.resource().unwrap_or_default()
            );
            segment(&rest, variables, vars, &mut g)?;
        }
        Cloud::Alibaba => {
            segment(p.region().unwrap_or_default(), variables, vars, &mut g)?;
            g.push(Sym::Lit(SEP));
            segment(p.account().unwrap_or_default(), variables, vars, &mut g)?;
            g.push(Sym::Lit(SEP));
            segment(p.resource().unwrap_or_default(), variables, vars, &mut g)?;
        }
    }
    Some(((cloud, service), g))
}

/// Splits at `:` outside `${…}`.
fn split_template(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes.get(i - 1) == Some(&b'$') => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 => {
                out.push(text.get(start..i).unwrap_or_default());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text.get(start..).unwrap_or_default());
    out
}

fn template_segment(text: &str, out: &mut Glob) {
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        out.extend(rest.get(..i).unwrap_or_default().chars().map(|c| {
            if c == '*' {
                Sym::Star
            } else {
                Sym::Lit(c)
            }
        }));
        let after = rest.get(i..).unwrap_or_default();
        match after.find('}') {
            Some(j) => {
                // A placeholder: at least one character.
                out.push(Sym::One);
                out.push(Sym::Star);
                rest = after.get(j + 1..).unwrap_or_default();
            }
            None => {
                out.extend(after.chars().map(Sym::Lit));
                rest = "";
            }
        }
    }
    out.extend(rest.chars().map(|c| if c == '*' { Sym::Star } else { Sym::Lit(c) }));
}

/// A catalog ARN format (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) as a bucket and a glob:
/// each placeholder is one or more characters.
pub(crate) fn template(text: &str) -> Option<(Bucket, Glob)> {
    let parts = split_template(text);
    let mut g = Glob::new();
    match parts.as_slice() {
        // A service that is itself a placeholder (`${Vendor}`) is no bucket: the caller falls back to every
        // resource.
        ["arn", _, service, ..] | ["acs", service, ..] if service.contains(['$', '*', '{']) => None,
        ["arn", partition, service, region, account, rest @ ..] if !rest.is_empty() => {
            template_segment(partition, &mut g);
            g.push(Sym::Lit(SEP));
            template_segment(&format!("{region}:{account}:{}", rest.join(":")), &mut g);
            Some(((Cloud::Aws, (*service).to_owned()), g))
        }
        ["acs", service, region, account, rest @ ..] if !rest.is_empty() => {
            template_segment(region, &mut g);
            g.push(Sym::Lit(SEP));
            template_segment(account, &mut g);
            g.push(Sym::Lit(SEP));
            template_segment(&rest.join(":"), &mut g);
            Some(((Cloud::Alibaba, (*service).to_owned()), g))
        }
        _ => None,
    }
}

/// The ARN of a witness string found in `bucket`, with the values its policy variables take.
pub(crate) fn arn_of(bucket: &Bucket, w: &str, vars: &Vars) -> (String, Vec<(String, String)>) {
    let mut context = Vec::new();
    let mut text = String::new();
    for c in w.chars() {
        if super::lang::is_var(c) {
            let n = (c as u32 - 0xF_0000) as usize;
            if let Some((k, _)) = vars.list.get(n) {
                let value = "tarn";
                if !context.iter().any(|(x, _): &(String, String)| x == k) {
                    context.push((k.clone(), value.to_owned()));
                }
                text.push_str(value);
            }
        } else {
            text.push(c);
        }
    }
    let parts: Vec<&str> = text.split(SEP).collect();
    let arn = match (bucket.0, parts.as_slice()) {
        (Cloud::Aws, [partition, rest]) => format!("arn:{partition}:{}:{rest}", bucket.1),
        (Cloud::Alibaba, [region, account, resource]) => {
            format!("acs:{}:{region}:{account}:{resource}", bucket.1)
        }
        _ => text.replace(SEP, ":"),
    };
    (arn, context)
}

/// A fresh bucket for actions outside the catalog: a service no pattern names.
pub(crate) fn fresh_bucket(cloud: Cloud) -> (Bucket, Glob) {
    let g = match cloud {
        Cloud::Aws => vec![
            Sym::Lit('a'),
            Sym::Lit('w'),
            Sym::Lit('s'),
            Sym::Lit(SEP),
            Sym::Lit(':'),
            Sym::Lit(':'),
            Sym::One,
        ],
        Cloud::Alibaba => vec![Sym::Lit(SEP), Sym::Lit(SEP), Sym::One],
    };
    ((cloud, "tarn-diff-example".to_owned()), g)
}

/// The ARNs a request can name in `bucket`: a resource that is not empty and, on AWS, a known partition
/// (the ARN grammar refuses the others, so the evaluator never sees them).
pub(crate) fn valid(bucket: &Bucket) -> super::lang::Group<'static> {
    static GLOBS: std::sync::OnceLock<[Vec<Glob>; 2]> = std::sync::OnceLock::new();
    let [aws, alibaba] = GLOBS.get_or_init(|| {
        let tail = [Sym::Star, Sym::Lit(':'), Sym::Star, Sym::Lit(':'), Sym::One, Sym::Star];
        let aws = tarn_arn::AWS_PARTITIONS
            .iter()
            .map(|p| {
                let mut g: Glob = p.chars().map(Sym::Lit).collect();
                g.push(Sym::Lit(SEP));
                g.extend(tail);
                g
            })
            .collect();
        let alibaba = vec![vec![Sym::Star, Sym::Lit(SEP), Sym::Star, Sym::Lit(SEP), Sym::One, Sym::Star]];
        [aws, alibaba]
    });
    let globs = match bucket.0 {
        Cloud::Aws => aws,
        Cloud::Alibaba => alibaba,
    };
    super::lang::Group { globs: globs.iter().map(Vec::as_slice).collect(), positive: true }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::diff::lang::matches;

    fn encoded(arn: &str) -> String {
        let a = tarn_arn::Arn::parse(arn).unwrap();
        match a.cloud() {
            Cloud::Aws => format!(
                "{}{SEP}{}:{}:{}",
                a.partition().unwrap_or_default(),
                a.region(),
                a.account(),
                a.resource()
            ),
            Cloud::Alibaba => format!("{}{SEP}{}{SEP}{}", a.region(), a.account(), a.resource()),
        }
    }

    #[test]
    fn patterns_match_as_the_evaluator_does() {
        let cases = [
            ("arn:aws:s3:::b/*", "arn:aws:s3:::b/x/y", true),
            ("arn:aws:logs:*:*:log-group:a*", "arn:aws:logs:us-east-1:1:log-group:a:log-stream:s", true),
            ("arn:aws:ec2:us-*:*:instance/*", "arn:aws:ec2:eu-west-1:1:instance/i", false),
            ("acs:oss:*:*:b/*", "acs:oss:cn-hangzhou:1:b/x", true),
            ("acs:log:*:12*:project/p", "acs:log:cn:12:project/p", true),
            ("acs:log:*:1:*", "acs:log:cn:12:project/p", false),
        ];
        for (pattern, arn, expected) in cases {
            let p = Pattern::parse(pattern).unwrap();
            let (bucket, g) = pattern_glob(&p);
            assert_eq!(bucket.1, tarn_arn::Arn::parse(arn).unwrap().service());
            assert_eq!(matches(&g, &encoded(arn)), expected, "{pattern} {arn}");
            assert_eq!(p.matches(&tarn_arn::Arn::parse(arn).unwrap()), expected, "{pattern} {arn}");
        }
    }

    fn pattern_glob(p: &Pattern) -> (Bucket, Glob) {
        pattern(p, true, &mut Vars::default()).unwrap()
    }

    #[test]
    fn catalog_formats_and_witnesses() {
        let (bucket, g) = template("arn:${Partition}:s3:::${BucketName}/${ObjectName}").unwrap();
        assert_eq!(bucket, (Cloud::Aws, "s3".to_owned()));
        assert!(matches(&g, &encoded("arn:aws:s3:::b/k")));
        assert!(!matches(&g, &encoded("arn:aws:s3:::b")));
        assert!(
            template("arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}").is_none()
        );
        let (bucket, g) = template("acs:oss:${RegionId}:${AccountId}:${BucketName}").unwrap();
        assert!(matches(&g, &encoded("acs:oss:cn:1:b")));
        let (arn, ctx) = arn_of(&bucket, &format!("cn{SEP}1{SEP}b/k"), &Vars::default());
        assert_eq!(arn, "acs:oss:cn:1:b/k");
        assert!(ctx.is_empty());
    }
}
