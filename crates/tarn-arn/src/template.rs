//! ARN templates: the resource formats that catalogs and documentation give.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use crate::error::ArnError;
use crate::fit::{
    intersect, pattern_syms, reachable, sep_bit, zone_fn, Cls, Sym, Zone, COLON, PERCENT, SLASH,
};
use crate::segment::Segment;
use crate::syntax::{layout, tokenize, Mode, PlaceholderStyle, Tok, TokKind};
use crate::{Arn, Cloud, Pattern};

/// An ARN template: an ARN with named placeholders, such as
/// `acs:mq:${RegionId}:${AccountId}:${InstanceId}%${TopicName}` (catalogs), `acs:mq:*:*:{instanceId}%{topic}`
/// (documentation) or `acs:mq:*:*:<inst>%<topic>` (the `policy!` macro). It may also hold wildcards, as
/// documentation forms like `acs:mq:*:*:{instanceId}*` do.
///
/// A placeholder stands for one or more characters. It never holds a `:` in the partition, service, region
/// or account, and never the separator (`:`, `/` or `%`) that follows it in the template; the catalog may
/// forbid more with [`Template::forbid`].
///
/// ```
/// use tarn_arn::{Pattern, Template};
/// let topic = Template::parse("acs:mq:${RegionId}:${AccountId}:${InstanceId}%${TopicName}")?;
/// let fit = topic.fit(&"acs:mq:*:*:MQ_INST_1%TopicA".parse::<Pattern>()?).unwrap();
/// assert_eq!(fit.get("InstanceId"), Some("MQ_INST_1"));
/// assert_eq!(fit.get("TopicName"), Some("TopicA"));
///
/// let bucket = Template::parse("acs:oss:${RegionId}:${AccountId}:${BucketName}")?;
/// let object = Template::parse("acs:oss:${RegionId}:${AccountId}:${BucketName}/${ObjectName}")?;
/// let p: Pattern = "acs:oss:*:*:my-bucket".parse()?;
/// assert!(bucket.fit(&p).is_some());
/// assert!(object.fit(&p).is_none());
/// # Ok::<(), tarn_arn::ArnError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Template {
    text: Box<str>,
    cloud: Cloud,
    toks: Vec<Tok>,
    /// Index of the first token of the resource part.
    resource_tok: usize,
    service: Range<usize>,
    service_is_placeholder: bool,
    placeholders: Vec<Ph>,
    /// The symbols the fit automaton runs on (kept in step with `placeholders`).
    syms: Vec<Sym>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Ph {
    tok: usize,
    name: Range<usize>,
    style: PlaceholderStyle,
    forbid: u8,
}

/// Which part of a pattern each placeholder of a template consumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bindings {
    items: Vec<(String, String)>,
}

impl Bindings {
    /// The text bound to placeholder `name` (pattern text: it may hold `*`), first occurrence.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.items.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// All `(placeholder, bound text)` pairs, in template order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.items.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// An error filling a template's placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// No value was given for a placeholder.
    Missing {
        /// The placeholder.
        name: String,
    },
    /// The value holds a `/` that the placeholder does not allow.
    SlashNotAllowed {
        /// The placeholder.
        name: String,
        /// The value.
        value: String,
    },
    /// The filled-in text is not a valid pattern.
    Invalid(ArnError),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Missing { name } => write!(f, "no value for placeholder `{name}`"),
            RenderError::SlashNotAllowed { name, value } => {
                write!(f, "`{value}` contains `/`, which placeholder `{name}` does not allow")
            }
            RenderError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// A pattern read for fitting against templates (see [`Template::fit_prepared`]).
#[derive(Debug)]
pub struct PreparedPattern<'p> {
    text: &'p str,
    /// The cloud and the pattern's symbols (`None` when they cannot be read); `None` for `*`.
    read: Option<(Cloud, Option<Vec<Sym>>)>,
}

impl<'p> PreparedPattern<'p> {
    /// Reads `pattern` once.
    pub fn new(pattern: &'p Pattern) -> Self {
        let text = pattern.as_str();
        let read = pattern.cloud().map(|cloud| {
            let syms = tokenize(text, Mode::Pattern).ok().and_then(|toks| {
                let l = layout(text, &toks, Mode::Pattern).ok()?;
                let zone = zone_fn(cloud, l.tok_bounds.service.end, l.tok_bounds.resource.start);
                Some(pattern_syms(text, &toks, zone))
            });
            (cloud, syms)
        });
        PreparedPattern { text, read }
    }
}

impl Template {
    /// Parses a template.
    pub fn parse(text: &str) -> Result<Self, ArnError> {
        let toks = tokenize(text, Mode::Template)?;
        let l = layout(text, &toks, Mode::Template)?;
        let resource_tok = l.tok_bounds.resource.start;
        let mut placeholders = Vec::new();
        for (n, t) in toks.iter().enumerate() {
            if let TokKind::Placeholder { name, style } = &t.kind {
                let forbid = if n < resource_tok {
                    COLON | SLASH | PERCENT
                } else {
                    match toks.get(n + 1) {
                        Some(next) if next.kind == TokKind::Colon => COLON,
                        Some(next) if next.kind == TokKind::Text => text
                            .get(next.span.clone())
                            .and_then(|s| s.chars().next())
                            .map(sep_bit)
                            .unwrap_or(0),
                        _ => 0,
                    }
                };
                placeholders.push(Ph { tok: n, name: name.clone(), style: *style, forbid });
            }
        }
        let service_is_placeholder = toks
            .get(l.tok_bounds.service.clone())
            .unwrap_or_default()
            .iter()
            .any(|t| matches!(t.kind, TokKind::Placeholder { .. }));
        let mut t = Self {
            text: text.into(),
            cloud: l.cloud,
            toks,
            resource_tok,
            service_is_placeholder,
            service: l.service,
            placeholders,
            syms: Vec::new(),
        };
        t.syms = t.compute_syms();
        Ok(t)
    }

    /// The cloud, from the prefix.
    pub fn cloud(&self) -> Cloud {
        self.cloud
    }

    /// The service, unless it is a placeholder.
    pub fn service(&self) -> Option<&str> {
        if self.service_is_placeholder {
            return None;
        }
        self.text.get(self.service.clone())
    }

    /// The template text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Placeholder names in order of appearance (a name used twice appears twice).
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.placeholders.iter().map(|p| self.text.get(p.name.clone()).unwrap_or_default())
    }

    /// How the placeholders are written, if they all are written alike.
    pub fn placeholder_style(&self) -> Option<PlaceholderStyle> {
        let first = self.placeholders.first()?.style;
        self.placeholders.iter().all(|p| p.style == first).then_some(first)
    }

    /// Whether placeholder `name` may hold the separator `sep` (`:`, `/` or `%`); `None` if there is no such
    /// placeholder. Characters other than the three separators are always allowed.
    pub fn allows(&self, name: &str, sep: char) -> Option<bool> {
        self.placeholders
            .iter()
            .find(|p| self.text.get(p.name.clone()) == Some(name))
            .map(|p| p.forbid & sep_bit(sep) == 0)
    }

    /// Forbids the separator `sep` (`:`, `/` or `%`) in every placeholder called `name`. Returns whether such a
    /// placeholder exists. Catalogs use this when two templates of a service differ only in what follows a
    /// placeholder (an OSS bucket name never holds the `/` that begins an object name).
    pub fn forbid(&mut self, name: &str, sep: char) -> bool {
        let bit = sep_bit(sep);
        let mut any = false;
        for p in &mut self.placeholders {
            if self.text.get(p.name.clone()) == Some(name) {
                p.forbid |= bit;
                any = true;
            }
        }
        if any {
            self.syms = self.compute_syms();
        }
        any
    }

    fn template_syms(&self) -> &[Sym] {
        &self.syms
    }

    fn compute_syms(&self) -> Vec<Sym> {
        let mut out = Vec::new();
        for (n, t) in self.toks.iter().enumerate() {
            // Template wildcards in the partition, region or account never cross `:`.
            let header = n < self.resource_tok;
            let any = if header { Cls::Not(COLON) } else { Cls::Any };
            let plain = |cls, many| Sym { cls, many, src: t.span.clone(), owner: None };
            match &t.kind {
                TokKind::Text | TokKind::Colon | TokKind::Var { .. } => {
                    for c in self.text.get(t.span.clone()).unwrap_or_default().chars() {
                        out.push(plain(Cls::Ch(c), false));
                    }
                }
                TokKind::Escape(c) => out.push(plain(Cls::Ch(*c), false)),
                TokKind::Quest => out.push(plain(any, false)),
                TokKind::Star => out.push(plain(any, true)),
                TokKind::Placeholder { .. } => {
                    let k = self.placeholders.iter().position(|p| p.tok == n);
                    let mask = k.and_then(|k| self.placeholders.get(k)).map(|p| p.forbid).unwrap_or(0);
                    for many in [false, true] {
                        out.push(Sym { cls: Cls::Not(mask), many, src: t.span.clone(), owner: k });
                    }
                }
            }
        }
        out
    }

    fn bindings(&self, values: Vec<String>) -> Bindings {
        Bindings { items: self.placeholders().map(str::to_owned).zip(values).collect() }
    }

    /// Whether some ARN that `pattern` matches fits this template; if so, what each placeholder binds (as
    /// pattern text, e.g. `*` for a wildcard region). A policy variable in the pattern counts as `*`: some
    /// request may resolve it to any value.
    pub fn fit(&self, pattern: &Pattern) -> Option<Bindings> {
        self.fit_prepared(&PreparedPattern::new(pattern))
    }

    /// Whether `prepared` fits this template, without what the placeholders bind (cheaper than
    /// [`Template::fit_prepared`]).
    pub fn fits_prepared(&self, prepared: &PreparedPattern<'_>) -> bool {
        let Some((cloud, syms)) = &prepared.read else {
            return true;
        };
        *cloud == self.cloud && syms.as_ref().is_some_and(|syms| reachable(syms, self.template_syms()))
    }

    /// [`Template::fit`] for a pattern read once with [`PreparedPattern::new`], to fit it against many templates.
    pub fn fit_prepared(&self, prepared: &PreparedPattern<'_>) -> Option<Bindings> {
        let Some((cloud, syms)) = &prepared.read else {
            return Some(self.bindings(vec!["*".to_owned(); self.placeholders.len()]));
        };
        if *cloud != self.cloud {
            return None;
        }
        let syms = syms.as_ref()?;
        let values = intersect(prepared.text, syms, self.template_syms(), self.placeholders.len())?;
        Some(self.bindings(values))
    }

    /// Whether `arn` fits this template; if so, what each placeholder binds.
    pub fn fit_arn(&self, arn: &Arn) -> Option<Bindings> {
        if arn.cloud() != self.cloud {
            return None;
        }
        let text = arn.as_str();
        let toks = tokenize(text, Mode::Arn).ok()?;
        let p = pattern_syms(text, &toks, |_| Zone::Body);
        let values = intersect(text, &p, self.template_syms(), self.placeholders.len())?;
        Some(self.bindings(values))
    }

    /// Fills the placeholders with validated segments and returns the text. `value(name)` gives the segment
    /// for a placeholder. Anything that is not a placeholder (wildcards included) is copied as written.
    pub fn render<'a>(
        &self,
        mut value: impl FnMut(&str) -> Option<&'a Segment>,
    ) -> Result<String, RenderError> {
        let mut out = String::with_capacity(self.text.len());
        let mut next_ph = self.placeholders.iter().peekable();
        for (n, t) in self.toks.iter().enumerate() {
            match next_ph.peek() {
                Some(ph) if ph.tok == n => {
                    let name = self.text.get(ph.name.clone()).unwrap_or_default();
                    let seg = value(name).ok_or_else(|| RenderError::Missing { name: name.to_owned() })?;
                    if ph.forbid & SLASH != 0 && seg.as_str().contains('/') {
                        return Err(RenderError::SlashNotAllowed {
                            name: name.to_owned(),
                            value: seg.as_str().to_owned(),
                        });
                    }
                    out.push_str(seg.as_str());
                    next_ph.next();
                }
                _ => out.push_str(self.text.get(t.span.clone()).unwrap_or_default()),
            }
        }
        Ok(out)
    }

    /// [`Template::render`], parsed as a pattern.
    pub fn render_pattern<'a>(
        &self,
        value: impl FnMut(&str) -> Option<&'a Segment>,
    ) -> Result<Pattern, RenderError> {
        let text = self.render(value)?;
        Pattern::parse(&text).map_err(RenderError::Invalid)
    }
}

/// Refines the trailing placeholders of a service's templates against each other: when template B continues
/// where template A's last placeholder stands with a placeholder and a separator (`${BucketName}` versus
/// `${BucketName}/${ObjectName}`, `${InstanceId}` versus `${InstanceId}%${TopicName}`), A's placeholder
/// cannot hold that separator, or A would swallow B's resources. Placeholders are compared by position, not
/// by name, and a placeholder and a `*` count as alike (`acs:mq:*:*:${InstanceId}` is refined against
/// `acs:mq:${RegionId}:${AccountId}:${InstanceId}%${TopicName}`).
///
/// ```
/// use tarn_arn::{refine_siblings, Pattern, Template};
/// let mut ts = vec![
///     Template::parse("acs:oss:${RegionId}:${AccountId}:${BucketName}")?,
///     Template::parse("acs:oss:${RegionId}:${AccountId}:${BucketName}/${ObjectName}")?,
/// ];
/// let objects: Pattern = "acs:oss:*:*:bucket/*".parse()?;
/// assert!(ts[0].fit(&objects).is_some()); // a bucket name could hold `/`...
/// refine_siblings(&mut ts);
/// assert!(ts[0].fit(&objects).is_none()); // ...not once the object format is known
/// # Ok::<(), tarn_arn::ArnError>(())
/// ```
pub fn refine_siblings(templates: &mut [Template]) {
    // Each template as a list of shapes: a placeholder and a `*` are the same shape (both stand for "some
    // value" in a documented form), everything else is its text.
    let shapes: Vec<Vec<Option<&str>>> = templates
        .iter()
        .map(|t| {
            t.toks
                .iter()
                .map(|k| match k.kind {
                    TokKind::Placeholder { .. } | TokKind::Star => None,
                    _ => Some(t.text.get(k.span.clone()).unwrap_or_default()),
                })
                .collect()
        })
        .collect();
    let mut forbids: Vec<(usize, String, char)> = Vec::new();
    for (ai, a) in templates.iter().enumerate() {
        let Some(last) = a.toks.last() else {
            continue;
        };
        let TokKind::Placeholder { name, .. } = &last.kind else {
            continue;
        };
        let name = a.text.get(name.clone()).unwrap_or_default();
        let Some(a_shape) = shapes.get(ai) else {
            continue;
        };
        let n = a.toks.len() - 1;
        for (bi, b) in templates.iter().enumerate() {
            let Some(b_shape) = shapes.get(bi) else {
                continue;
            };
            if b_shape.get(..n) != a_shape.get(..n) {
                continue;
            }
            if !matches!(b.toks.get(n).map(|t| &t.kind), Some(TokKind::Placeholder { .. })) {
                continue;
            }
            let sep = match b.toks.get(n + 1) {
                Some(t) if t.kind == TokKind::Colon => Some(':'),
                Some(t) if t.kind == TokKind::Text => {
                    b.text.get(t.span.clone()).and_then(|s| s.chars().next()).filter(|c| sep_bit(*c) != 0)
                }
                _ => None,
            };
            if let Some(c) = sep {
                forbids.push((ai, name.to_owned(), c));
            }
        }
    }
    for (ai, name, c) in forbids {
        if let Some(t) = templates.get_mut(ai) {
            t.forbid(&name, c);
        }
    }
}

impl FromStr for Template {
    type Err = ArnError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Template({:?})", &*self.text)
    }
}

impl AsRef<str> for Template {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

#[cfg(feature = "serde")]
crate::serde_str::impl_serde_via_str!(Template, "an ARN template string");
