//! `tarn diff`: what one policy allows that another does not, with an example request for each change.
//!
//! The access of a policy is the set of requests (action, resource, principal, context) that the policy
//! alone allows under [`crate::eval`]. [`diff`] compares two policies action by action: wildcards expand
//! over the catalog of the policy's cloud, and an action outside the catalog is compared by name. The
//! resources an action ranges over are the ARNs of its resource types in the catalog (their ARN formats,
//! each placeholder one or more characters); an action without resource types, or outside the catalog,
//! ranges over every ARN and the request on `*`.
//!
//! For each action, each `Allow` statement of one side is a cell: resource patterns (minus `NotResource`),
//! principals and condition. A cell is covered by the other side when its resources, less what the other
//! side's statements with a weaker condition and a wider principal allow and less what its own
//! unconditional `Deny` statements take away, are empty; and when every `Deny` of the other side that could
//! take part of it away is matched by a `Deny` of its own. The resource part is exact (a search over the
//! product of the patterns' automata, see `lang`); conditions and principals are compared statement against
//! statement. What is not proved covered gets an example request, built from the cell and checked with the
//! evaluator on both policies: an example is printed only when one policy allows it and the other does not.
//! When no example can be found, the entry says so and why (`undecided`); it is never dropped, so
//! [`Verdict::Equivalent`] and [`Verdict::Narrower`] are proofs.
//!
//! ```
//! use tarn_core::{diff, Policy, Verdict};
//! let old = Policy::from_json(r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
//!     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/2026/*"}]}"#)?;
//! let new = Policy::from_json(r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
//!     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}"#)?;
//! let d = diff(&old, &new);
//! assert_eq!(d.verdict, Verdict::Broader);
//! assert_eq!(d.added[0].action, "s3:GetObject");
//! let example = d.added[0].example.as_ref().unwrap();
//! assert!(example.resource.starts_with("arn:aws:s3:::reports/"));
//! assert!(!example.resource.starts_with("arn:aws:s3:::reports/2026/"));
//! assert!(old.grants_nothing_beyond(&new));
//! assert!(!new.grants_nothing_beyond(&old));
//! # Ok::<(), tarn_core::ParseError>(())
//! ```

mod conditions;
mod lang;
mod principals;
mod report;
mod resources;

use std::collections::HashMap;

use tarn_arn::Cloud;

use self::conditions::Atom;
use self::lang::{Found, Glob, Group, Sym};
use self::principals::Who;
use self::resources::{Bucket, Vars};
use crate::eval::{Decision, PolicySet, Request, Role};
use crate::model::{Dialect, Effect, Policy, Statement, Version};

/// How the new policy's access relates to the old one's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Both allow the same requests (proved).
    Equivalent,
    /// The new policy allows nothing the old one does not, and less (proved).
    Narrower,
    /// The new policy allows more (or may: see [`Grant::undecided`]), and nothing less.
    Broader,
    /// Each allows something the other does not (or may).
    Incomparable,
}

impl Verdict {
    /// `equivalent`, `narrower`, `broader` or `incomparable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Equivalent => "equivalent",
            Verdict::Narrower => "narrower",
            Verdict::Broader => "broader",
            Verdict::Incomparable => "incomparable",
        }
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request that shows a change; the evaluator allows it on one side and not on the other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The action.
    pub action: String,
    /// A concrete ARN (or `*` for actions without resource types).
    pub resource: String,
    /// The principal, when the policies look at it.
    pub principal: Option<String>,
    /// Context values, by key.
    pub context: Vec<(String, Vec<String>)>,
}

impl Example {
    /// The example as a [`Request`].
    pub fn request(&self) -> Result<Request, crate::eval::RequestError> {
        let mut r = Request::new(&self.action, &self.resource)?;
        if let Some(p) = &self.principal {
            r = r.principal(p);
        }
        for (k, vs) in &self.context {
            for v in vs {
                r = r.context(k, v.as_str());
            }
        }
        Ok(r)
    }
}

/// One action that one side allows (at least in part) and the other does not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The concrete action (`s3:GetObject`).
    pub action: String,
    /// What is allowed, as a pattern; `P except Q` when part of `P` is allowed on both sides.
    pub resource: String,
    /// Who may ask, or `None` for everyone (and for identity-based policies).
    pub principal: Option<String>,
    /// The conditions under which it is allowed, or `None`.
    pub conditions: Option<String>,
    /// A request that shows it, checked with the evaluator; `None` when [`Grant::undecided`].
    pub example: Option<Example>,
    /// Why tarn could neither prove the access unchanged nor find an example: possible new (or lost)
    /// access.
    pub undecided: Option<String>,
    /// The statements of the policy that allows it (indices in `Statement`).
    pub allowed_by: Vec<usize>,
    /// The statements of the other policy that deny the example, if it is denied explicitly.
    pub denied_by: Vec<usize>,
}

/// What changed between two policies: see [`diff`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// The summary.
    pub verdict: Verdict,
    /// What the new policy allows and the old one does not, one entry per action.
    pub added: Vec<Grant>,
    /// What the old policy allows and the new one does not, one entry per action.
    pub removed: Vec<Grant>,
    /// The `Sid`s of the old and the new policy's statements, for the text.
    sids: [Vec<Option<String>>; 2],
}

impl Diff {
    /// Whether the new policy allows nothing the old one does not (a proof).
    pub fn is_no_broader(&self) -> bool {
        self.added.is_empty()
    }

    /// The diff as one JSON object: `{"verdict": …, "added": […], "removed": […]}` (the shape of
    /// `tarn diff --format json`).
    pub fn to_json(&self) -> String {
        report::json(self)
    }

    /// The diff as text for a review, naming the two policies `old` and `new`.
    pub fn to_text(&self, old: &str, new: &str) -> String {
        report::text(self, old, new)
    }
}

/// How the two policies are evaluated: as identity-based or resource-based (default: resource-based when a
/// statement has a `Principal`, as [`Policy::evaluate`] does).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// The role of the old policy.
    pub old_role: Option<Role>,
    /// The role of the new policy.
    pub new_role: Option<Role>,
}

/// What `new` allows that `old` does not, and the reverse (see the module documentation).
pub fn diff(old: &Policy, new: &Policy) -> Diff {
    diff_with(old, new, &DiffOptions::default())
}

/// [`diff`] with the roles given.
pub fn diff_with(old: &Policy, new: &Policy, options: &DiffOptions) -> Diff {
    Engine::new(old, new, options).run()
}

impl Policy {
    /// A policy without statements, which allows nothing: what a created resource had before, or a
    /// deleted one has after.
    pub fn empty(dialect: Dialect) -> Policy {
        Policy {
            dialect,
            version: Some(dialect.default_version()),
            id: None,
            statements: Vec::new(),
            single_statement: false,
        }
    }

    /// Whether this policy allows nothing that `other` does not (proved; `false` also when tarn cannot
    /// decide).
    pub fn grants_nothing_beyond(&self, other: &Policy) -> bool {
        diff(other, self).is_no_broader()
    }
}

fn role_of(p: &Policy, given: Option<Role>) -> Role {
    match given {
        Some(Role::Resource) => Role::Resource,
        Some(_) => Role::Identity,
        None if p.statements().iter().any(|s| s.principal().is_some()) => Role::Resource,
        None => Role::Identity,
    }
}

/// A statement as the diff sees it.
struct Cell {
    index: usize,
    allow: bool,
    /// `None`: every resource (no `Resource` element).
    res: Option<Res>,
    who: Who,
    atoms: Vec<Atom>,
    /// Whether the request on `*` is in it.
    star: bool,
    has_vars: bool,
    /// A resource could not be encoded: nothing about this statement is decided.
    lossy: bool,
}

struct Res {
    globs: Vec<(Bucket, Glob)>,
    any: bool,
    not: bool,
    texts: Vec<String>,
}

struct Side<'p> {
    policy: &'p Policy,
    role: Role,
    cells: Vec<Cell>,
    set: PolicySet<'p>,
}

fn cell(i: usize, s: &Statement, role: Role, variables: bool, vars: &mut Vars) -> Cell {
    let mut has_vars = false;
    let mut lossy = false;
    let res = s.resources().map(|list| {
        let mut globs = Vec::new();
        let mut any = false;
        for p in list.items().iter() {
            if p.is_any() {
                any = true;
            } else if let Some(g) = resources::pattern(p, variables, vars) {
                has_vars |= g.1.iter().any(|s| matches!(s, Sym::Lit(c) if lang::is_var(*c)));
                globs.push(g);
            } else {
                lossy = true;
            }
        }
        Res {
            globs,
            any,
            not: list.is_not(),
            texts: list.items().iter().map(|p| p.as_str().to_owned()).collect(),
        }
    });
    let star = res.as_ref().is_none_or(|r| r.any != r.not);
    let who = if role == Role::Resource { Who::of(s.principal()) } else { Who::everyone() };
    Cell {
        index: i,
        allow: s.effect() == Effect::Allow,
        res,
        who,
        atoms: conditions::atoms(s.condition(), variables),
        star,
        has_vars,
        lossy,
    }
}

fn variables_on(p: &Policy) -> bool {
    p.version().is_some() && p.version() != Some(Version::V2008_10_17)
}

impl<'p> Side<'p> {
    fn new(policy: &'p Policy, role: Role, vars: &mut Vars) -> Self {
        let v = variables_on(policy);
        let cells = policy.statements().iter().enumerate().map(|(i, s)| cell(i, s, role, v, vars)).collect();
        Side { policy, role, cells, set: PolicySet::new().add(role, policy) }
    }
}

/// The resources an action ranges over.
#[derive(Clone)]
struct Universe {
    /// The ARN formats of its resource types; `None`: every ARN.
    typed: Option<Vec<(Bucket, Glob)>>,
    /// Whether the request on `*` is one of them.
    star: bool,
}

/// The result of comparing one side's cells with the other's, for one action.
#[derive(Clone)]
enum Outcome {
    Covered,
    Found(Grant),
    Undecided(Grant),
}

/// Names of the actions, with the statements of each side that apply to each.
struct Actions {
    /// A catalog action, or a name outside the catalog as first written.
    names: Vec<(Option<&'static tarn_catalog::Action>, String)>,
    /// Names from `synthetic_from` on stand for the action names outside the catalog that the policies'
    /// wildcards (and `NotAction`) cover: one for each set of statements such a name can fall under.
    synthetic_from: usize,
    /// Why not every such set could be enumerated, if so: possible new access, said as such.
    synthetic_undecided: Option<String>,
    /// Per side, `words` bits a name, one a statement.
    old: Bits,
    new: Bits,
}

#[derive(Default)]
struct Bits {
    table: Vec<u64>,
    words: usize,
}

impl Bits {
    fn row(&self, i: usize) -> &[u64] {
        self.table.get(i * self.words..(i + 1) * self.words).unwrap_or_default()
    }
}

type Fnv = std::hash::BuildHasherDefault<tarn_catalog::Fnv>;

fn applicability(sides: [&Policy; 2], same_roles: bool) -> Actions {
    // Catalog actions by address; the others by lowercase name.
    let mut index: HashMap<usize, usize, Fnv> = HashMap::default();
    let mut others: HashMap<String, usize, Fnv> = HashMap::default();
    let mut names: Vec<(Option<&'static tarn_catalog::Action>, String)> = Vec::new();
    let mut catalog = |names: &mut Vec<(Option<&'static tarn_catalog::Action>, String)>,
                       a: &'static tarn_catalog::Action| {
        *index.entry(std::ptr::from_ref(a) as usize).or_insert_with(|| {
            names.push((Some(a), String::new()));
            names.len() - 1
        })
    };
    // Per side, per statement, the names it names.
    let mut named: Vec<Vec<Vec<usize>>> = Vec::new();
    for p in sides {
        let cloud = p.cloud();
        let mut per = Vec::new();
        for s in p.statements() {
            let mut list = Vec::new();
            for a in s.actions().items().iter() {
                if a.has_wildcards() || a.as_str() == "*" {
                    if let Ok(found) = tarn_catalog::expand(cloud, a.as_str()) {
                        list.extend(found.into_iter().map(|f| catalog(&mut names, f)));
                    }
                } else {
                    match tarn_catalog::action(cloud, a.as_str()) {
                        Ok(f) => list.push(catalog(&mut names, f)),
                        Err(_) => {
                            let i = *others.entry(a.as_str().to_ascii_lowercase()).or_insert_with(|| {
                                names.push((None, a.as_str().to_owned()));
                                names.len() - 1
                            });
                            list.push(i);
                        }
                    }
                }
            }
            if s.actions().is_not() {
                if let Ok(all) = tarn_catalog::expand(cloud, "*") {
                    for f in all {
                        catalog(&mut names, f);
                    }
                }
            }
            per.push(list);
        }
        named.push(per);
    }
    let synthetic_from = names.len();
    let (witnesses, synthetic_undecided) = outside_the_catalog(sides, same_roles);
    for w in witnesses {
        if !others.contains_key(&w) {
            others.insert(w.clone(), names.len());
            names.push((None, w));
        }
    }
    let unknown: Vec<usize> =
        names.iter().enumerate().filter(|(_, (a, _))| a.is_none()).map(|(i, _)| i).collect();
    let mut bits: Vec<Bits> = Vec::new();
    for (side, p) in sides.iter().enumerate() {
        let words = p.statements().len().div_ceil(64).max(1);
        let mut table = vec![0u64; names.len() * words];
        let mut hit = vec![false; names.len()];
        for (si, s) in p.statements().iter().enumerate() {
            hit.iter_mut().for_each(|h| *h = false);
            for &i in named.get(side).and_then(|n| n.get(si)).map_or(&[][..], Vec::as_slice) {
                if let Some(h) = hit.get_mut(i) {
                    *h = true;
                }
            }
            // Names outside the catalog: by the evaluator's glob.
            for &i in &unknown {
                let Some((_, name)) = names.get(i) else { continue };
                if s.actions().items().iter().any(|x| tarn_catalog::glob(x.as_str(), name, true)) {
                    if let Some(h) = hit.get_mut(i) {
                        *h = true;
                    }
                }
            }
            let not = s.actions().is_not();
            for (row, h) in table.chunks_mut(words).zip(&hit) {
                if *h != not {
                    if let Some(w) = row.get_mut(si / 64) {
                        *w |= 1 << (si % 64);
                    }
                }
            }
        }
        bits.push(Bits { table, words });
    }
    let new = bits.pop().unwrap_or_default();
    let old = bits.pop().unwrap_or_default();
    Actions { names, synthetic_from, synthetic_undecided, old, new }
}

/// At most this many sets of statements are enumerated for the names outside the catalog.
const MAX_SIGNATURES: usize = 512;
/// At most this many statements with wildcard actions (or `NotAction`) take part in the enumeration.
const MAX_WILD_STATEMENTS: usize = 24;

/// One action name outside the catalog for each set of statements (of both policies) that such a name can
/// fall under through the statements' wildcards and `NotAction`: the evaluator treats names of one set
/// alike, so comparing one of each makes the comparison of actions exact beyond the catalog. Names are
/// lower case (actions match case-insensitively) and have the form `service:name`. Literal names are
/// compared as they are written; here they are only excluded.
fn outside_the_catalog(sides: [&Policy; 2], same_roles: bool) -> (Vec<String>, Option<String>) {
    use lang::{glob_of, search, Glob, Group, Sym};
    // ASCII case folding, as the evaluator matches action names.
    let lower = |t: &str| glob_of(&t.to_ascii_lowercase());
    // The distinct action matchers of the statements with wildcards or NotAction: their globs (for an
    // `Action` list its wildcards only: a literal there matters for that one name, which is compared as
    // written), whether it is NotAction, and whether an Allow statement has it. Statements with the same
    // matcher fall under the same names, so they are one choice below (a shuffled or slightly changed
    // policy has the other side's matchers).
    let mut wild: Vec<(Vec<Glob>, bool, bool)> = Vec::new();
    let mut literals: Vec<Glob> = Vec::new();
    // Each side's statements with a wildcard matcher, for the shortcut below.
    let mut twins: [Vec<(Vec<Glob>, bool, &Statement)>; 2] = [Vec::new(), Vec::new()];
    for (side, p) in sides.iter().enumerate() {
        for s in p.statements() {
            let items = s.actions().items();
            let not = s.actions().is_not();
            let is_wild_item = |a: &&crate::model::Action| a.has_wildcards() || a.as_str() == "*";
            let mut globs: Vec<Glob> = if not {
                items.iter().map(|a| lower(a.as_str())).collect()
            } else {
                items.iter().filter(is_wild_item).map(|a| lower(a.as_str())).collect()
            };
            literals.extend(items.iter().filter(|a| !is_wild_item(a)).map(|a| lower(a.as_str())));
            if globs.is_empty() && !not {
                continue;
            }
            globs.sort();
            globs.dedup();
            if let Some(t) = twins.get_mut(side) {
                t.push((globs.clone(), not, s));
            }
            let allow = s.effect() == crate::model::Effect::Allow;
            match wild.iter_mut().find(|(g, n, _)| *g == globs && *n == not) {
                Some(w) => w.2 |= allow,
                None => wild.push((globs, not, allow)),
            }
        }
    }
    literals.sort();
    literals.dedup();
    // When every statement with a wildcard matcher has a twin on the other side (the same matcher, effect,
    // resources, principal and condition, both sides read alike), a name outside the catalog falls under
    // statements of the same content on both sides, and the evaluator decides it alike: nothing to compare.
    // A shuffled policy, or one with a literal action added, is such a pair.
    let [a, b] = &twins;
    let twin = |x: &(Vec<Glob>, bool, &Statement), ys: &[(Vec<Glob>, bool, &Statement)]| {
        ys.iter().any(|y| x.0 == y.0 && x.1 == y.1 && same_but_actions(x.2, y.2))
    };
    let [p0, p1] = sides;
    if same_roles
        && variables_on(p0) == variables_on(p1)
        && a.iter().all(|x| twin(x, b))
        && b.iter().all(|x| twin(x, a))
    {
        return (Vec::new(), None);
    }
    if wild.is_empty() {
        return (Vec::new(), None);
    }
    if wild.len() > MAX_WILD_STATEMENTS {
        return (
            Vec::new(),
            Some(format!(
                "{} statements with wildcard actions: the action names outside tarn's catalog that they cover were not compared",
                wild.len()
            )),
        );
    }
    // `service:name`, both parts non-empty.
    let shape: Glob = vec![Sym::One, Sym::Star, Sym::Lit(':'), Sym::One, Sym::Star];
    let mut out = Vec::new();
    let mut undecided = None;
    let mut searches = 0usize;
    // Depth first over the wildcard statements: in (the name falls under it) or out.
    let mut stack: Vec<Vec<bool>> = vec![Vec::new()];
    while let Some(choice) = stack.pop() {
        let mut groups: Vec<Group<'_>> = vec![Group { globs: vec![shape.as_slice()], positive: true }];
        if !literals.is_empty() {
            groups.push(Group { globs: literals.iter().map(Vec::as_slice).collect(), positive: false });
        }
        for ((globs, not, _), inside) in wild.iter().zip(&choice) {
            groups
                .push(Group { globs: globs.iter().map(Vec::as_slice).collect(), positive: *inside != *not });
        }
        searches += 1;
        if searches > MAX_SIGNATURES * 4 || out.len() >= MAX_SIGNATURES {
            undecided = Some(
                "too many combinations of wildcard actions: the action names outside tarn's catalog that they cover were not all compared"
                    .to_owned(),
            );
            break;
        }
        match search(&groups, 4096) {
            lang::Found::Empty => continue,
            lang::Found::TooLarge => {
                undecided = Some(
                    "the action names outside tarn's catalog that the wildcards cover were too many to compare"
                        .to_owned(),
                );
                continue;
            }
            lang::Found::Witness(w) => {
                if choice.len() == wild.len() {
                    // Only a name some Allow statement applies to can be granted or lost.
                    if wild.iter().zip(&choice).any(|((_, _, allow), inside)| *allow && *inside) {
                        out.push(w);
                    }
                    continue;
                }
            }
        }
        for next in [false, true] {
            let mut c = choice.clone();
            c.push(next);
            stack.push(c);
        }
    }
    (out, undecided)
}

fn has(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// Searches made, by the address, length and polarity of each glob of their groups.
type Searches = HashMap<Vec<(usize, usize, bool)>, Found, Fnv>;

struct Engine<'p> {
    old: Side<'p>,
    new: Side<'p>,
    vars: Vars,
    /// Searches already made, by the globs they were made on (every glob lives as long as the engine:
    /// in a cell, in the catalog or in a static), so that actions of one group share them.
    searches: std::cell::RefCell<Searches>,
}

/// States the resource search may explore per question.
const BUDGET: usize = 20_000;

impl<'p> Engine<'p> {
    fn new(old: &'p Policy, new: &'p Policy, options: &DiffOptions) -> Self {
        let mut vars = Vars::default();
        let old = Side::new(old, role_of(old, options.old_role), &mut vars);
        let new = Side::new(new, role_of(new, options.new_role), &mut vars);
        Engine { old, new, vars, searches: std::cell::RefCell::default() }
    }

    fn run(&self) -> Diff {
        let actions = applicability([self.old.policy, self.new.policy], self.old.role == self.new.role);
        let mut groups: HashMap<(&[u64], &[u64]), Vec<usize>, Fnv> = HashMap::default();
        let mut order: Vec<(&[u64], &[u64])> = Vec::new();
        for i in 0..actions.names.len() {
            let (o, n) = (actions.old.row(i), actions.new.row(i));
            if o.iter().all(|w| *w == 0) && n.iter().all(|w| *w == 0) {
                continue;
            }
            let key = (o, n);
            groups
                .entry(key)
                .or_insert_with(|| {
                    order.push(key);
                    Vec::new()
                })
                .push(i);
        }
        let mut added = Vec::new();
        let mut removed = Vec::new();
        let untyped = Universe { typed: None, star: true };
        for key in order {
            let Some(members) = groups.get(&key) else { continue };
            // A name outside the catalog found only to stand for its set of statements: not needed when a
            // written or catalog name has the same set.
            let named = members.iter().any(|&i| i < actions.synthetic_from);
            let members: Vec<usize> =
                members.iter().copied().filter(|&i| !named || i < actions.synthetic_from).collect();
            let members = &members;
            let (obits, nbits) = key;
            for (gain, lose, gb, lb, out) in [
                (&self.new, &self.old, nbits, obits, &mut added),
                (&self.old, &self.new, obits, nbits, &mut removed),
            ] {
                // A proof over every resource holds for each action's own.
                if matches!(self.compare(gain, lose, gb, lb, &untyped, None), Outcome::Covered) {
                    continue;
                }
                let mut cache: HashMap<String, Outcome> = HashMap::new();
                for &i in members {
                    let Some((action, other)) = actions.names.get(i) else { continue };
                    let full;
                    let name = match action {
                        Some(a) => {
                            full = a.full_name();
                            &full
                        }
                        None => other,
                    };
                    let (ukey, universe) = universe_of(*action);
                    let outcome = match cache.get(&ukey) {
                        Some(Outcome::Covered) => Outcome::Covered,
                        Some(Outcome::Found(g)) => match self.reverify(gain, lose, g, name) {
                            Some(g) => Outcome::Found(g),
                            None => self.per_action(gain, lose, gb, lb, &universe, name),
                        },
                        Some(Outcome::Undecided(g)) => {
                            Outcome::Undecided(Grant { action: name.clone(), ..g.clone() })
                        }
                        None => {
                            let o = self.per_action(gain, lose, gb, lb, &universe, name);
                            cache.insert(ukey, o.clone());
                            o
                        }
                    };
                    match outcome {
                        Outcome::Covered => {}
                        Outcome::Found(g) | Outcome::Undecided(g) => out.push(g),
                    }
                }
            }
        }
        if let Some(reason) = &actions.synthetic_undecided {
            // Never silent: what could not be compared may be new access.
            added.push(Grant {
                action: "(actions outside tarn's catalog)".to_owned(),
                resource: "*".to_owned(),
                undecided: Some(reason.clone()),
                ..Grant::blank()
            });
        }
        added.sort_by(|a: &Grant, b: &Grant| a.action.cmp(&b.action));
        removed.sort_by(|a: &Grant, b: &Grant| a.action.cmp(&b.action));
        let verdict = match (added.is_empty(), removed.is_empty()) {
            (true, true) => Verdict::Equivalent,
            (true, false) => Verdict::Narrower,
            (false, true) => Verdict::Broader,
            (false, false) => Verdict::Incomparable,
        };
        let sids = [self.old.policy, self.new.policy]
            .map(|p| p.statements().iter().map(|s| s.sid().map(str::to_owned)).collect());
        Diff { verdict, added, removed, sids }
    }

    /// One action: first among the ARNs of its resource types (the examples people expect), then, when
    /// nothing changed there, among every resource (the request on `*` included), as the evaluator sees it.
    fn per_action(
        &self,
        gain: &Side<'_>,
        lose: &Side<'_>,
        gbits: &[u64],
        lbits: &[u64],
        universe: &Universe,
        action: &str,
    ) -> Outcome {
        let first = self.compare(gain, lose, gbits, lbits, universe, Some(action));
        if matches!(first, Outcome::Found(_)) || universe.typed.is_none() {
            return first;
        }
        let note = |mut g: Grant| {
            g.resource = format!("{} (outside the action's resource types)", g.resource);
            g
        };
        match (
            first,
            self.compare(gain, lose, gbits, lbits, &Universe { typed: None, star: true }, Some(action)),
        ) {
            // Every resource: a proof for the action's own too.
            (_, Outcome::Covered) => Outcome::Covered,
            (Outcome::Covered, Outcome::Found(g)) => Outcome::Found(note(g)),
            (_, Outcome::Found(g)) => Outcome::Found(g),
            (Outcome::Covered, Outcome::Undecided(g)) => Outcome::Undecided(note(g)),
            (first, Outcome::Undecided(_)) => first,
        }
    }

    /// [`lang::search`], remembered.
    fn search(&self, groups: &[Group<'_>]) -> Found {
        let key: Vec<(usize, usize, bool)> = groups
            .iter()
            .flat_map(|g| {
                std::iter::once((0, 0, g.positive))
                    .chain(g.globs.iter().map(|x| (x.as_ptr() as usize, x.len(), g.positive)))
            })
            .collect();
        if let Some(found) = self.searches.borrow().get(&key) {
            return found.clone();
        }
        let found = lang::search(groups, BUDGET);
        self.searches.borrow_mut().insert(key, found.clone());
        found
    }

    /// The same change for another action with the same resource types: its example, checked again.
    fn reverify(&self, gain: &Side<'_>, lose: &Side<'_>, g: &Grant, action: &str) -> Option<Grant> {
        let mut e = g.example.clone()?;
        e.action = action.to_owned();
        let (allowed_by, denied_by) = check(gain, lose, &e)?;
        Some(Grant { action: action.to_owned(), example: Some(e), allowed_by, denied_by, ..g.clone() })
    }

    fn all_buckets(&self) -> Vec<Bucket> {
        let mut out: Vec<Bucket> = Vec::new();
        for c in self.old.cells.iter().chain(&self.new.cells) {
            for (b, _) in c.res.iter().flat_map(|r| &r.globs) {
                if !out.contains(b) {
                    out.push(b.clone());
                }
            }
        }
        for cloud in [self.old.policy.cloud(), self.new.policy.cloud()] {
            let (b, _) = resources::fresh_bucket(cloud);
            if !out.contains(&b) {
                out.push(b);
            }
        }
        out
    }

    /// Is every request that `gain` allows for the action also allowed by `lose`? `action`: `None` to
    /// prove only (no examples).
    fn compare(
        &self,
        gain: &Side<'_>,
        lose: &Side<'_>,
        gbits: &[u64],
        lbits: &[u64],
        universe: &Universe,
        action: Option<&str>,
    ) -> Outcome {
        let g_allow: Vec<&Cell> = gain.cells.iter().filter(|c| c.allow && has(gbits, c.index)).collect();
        let g_deny: Vec<&Cell> = gain.cells.iter().filter(|c| !c.allow && has(gbits, c.index)).collect();
        let l_allow: Vec<&Cell> = lose.cells.iter().filter(|c| c.allow && has(lbits, c.index)).collect();
        let l_deny: Vec<&Cell> = lose.cells.iter().filter(|c| !c.allow && has(lbits, c.index)).collect();
        if g_allow.is_empty() {
            return Outcome::Covered;
        }
        if let Some(c) = g_allow.iter().chain(&g_deny).chain(&l_allow).chain(&l_deny).find(|c| c.lossy) {
            let Some(action) = action else { return Outcome::Undecided(Grant::blank()) };
            let n = g_allow.first().copied().unwrap_or(c);
            return Outcome::Undecided(Grant {
                undecided: Some(format!(
                    "a resource of statement {} cannot be compared (more than 65,533 policy variables, or characters of \
                     the private use range that tarn uses for them)",
                    c.index
                )),
                ..self.describe(gain, n, action, &[])
            });
        }
        // Nothing on the other side: only the examples can tell (an allow may still grant nothing).
        if action.is_none() && l_allow.is_empty() {
            return Outcome::Undecided(Grant::blank());
        }
        let same_roles = (gain.role == Role::Resource) == (lose.role == Role::Resource);
        // The other side's denies that ours match (the same statement, or one that denies more).
        let deny_matched = |d: &Cell| -> bool {
            g_deny.iter().any(|x| {
                (same_roles && same(gain, x, lose, d))
                    || (principals::within(&d.who, &x.who)
                        && conditions::implies(&d.atoms, &x.atoms)
                        && self.res_within(d, x, universe))
            })
        };
        let suspects: Vec<&Cell> = l_deny.iter().copied().filter(|d| !deny_matched(d)).collect();
        let mut undecided: Option<(String, &Cell)> = None;
        for n in &g_allow {
            // The same statement on the other side, and no deny of theirs that we lack.
            if same_roles && suspects.is_empty() && l_allow.iter().any(|o| same(lose, o, gain, n)) {
                continue;
            }
            let covering: Vec<&Cell> = l_allow
                .iter()
                .copied()
                .filter(|o| principals::within(&n.who, &o.who) && conditions::implies(&n.atoms, &o.atoms))
                .collect();
            let strong: Vec<&Cell> = g_deny
                .iter()
                .copied()
                .filter(|d| principals::within(&n.who, &d.who) && conditions::implies(&n.atoms, &d.atoms))
                .collect();
            // Where the resources of `n` are not covered, and where a deny of theirs may bite.
            let mut leaks: Vec<(Option<Bucket>, Option<String>, Option<&Cell>)> = Vec::new();
            // An example from a leak, checked; tried as soon as the leak is found.
            let attempt = |leak: &(Option<Bucket>, Option<String>, Option<&Cell>)| -> Option<Grant> {
                let action = action?;
                let (resource, var_ctx) = match leak {
                    (Some(b), Some(w), _) => resources::arn_of(b, w, &self.vars),
                    (None, _, _) => ("*".to_owned(), Vec::new()),
                    (Some(_), None, _) => return None,
                };
                self.example(gain, lose, n, &l_allow, &g_deny, leak.2, action, &resource, &var_ctx, &covering)
            };
            if universe.star && n.star {
                if !covering.iter().any(|o| o.star) && !strong.iter().any(|d| d.star) {
                    leaks.push((None, None, None));
                }
                for d in &suspects {
                    if d.star && !strong.iter().any(|x| x.star) {
                        leaks.push((None, None, Some(*d)));
                    }
                }
                if action.is_none() && !leaks.is_empty() {
                    return Outcome::Undecided(Grant::blank());
                }
                for leak in &leaks {
                    if let Some(g) = attempt(leak) {
                        return Outcome::Found(g);
                    }
                }
            }
            let buckets = self.buckets_of(n, universe);
            for b in &buckets {
                let mut vars = n.has_vars;
                let mut rest: Vec<Group<'_>> = Vec::new();
                for o in &covering {
                    vars |= o.has_vars;
                    rest.push(out_group(o, b));
                }
                for d in &strong {
                    vars |= d.has_vars;
                    rest.push(out_group(d, b));
                }
                // `n`'s patterns less those a covering allow or a strong deny writes word for word.
                let written = |g: &Glob| {
                    covering.iter().chain(&strong).any(|c| {
                        c.res
                            .as_ref()
                            .is_some_and(|r| !r.not && r.globs.iter().any(|(x, y)| x == b && y == g))
                    })
                };
                let singles: Option<Vec<&Glob>> = match &n.res {
                    Some(r) if !r.not && !r.any => {
                        Some(r.globs.iter().filter(|(x, g)| x == b && !written(g)).map(|(_, g)| g).collect())
                    }
                    _ => None,
                };
                let union = match &singles {
                    Some(list) => {
                        Some(Group { globs: list.iter().map(|g| g.as_slice()).collect(), positive: true })
                    }
                    None => in_group(n, b),
                };
                let with = |part: Option<Group<'_>>, vars: bool| {
                    let mut groups = vec![resources::valid(b)];
                    groups.extend(part);
                    groups.extend(rest.iter().cloned());
                    if let (Some(t), false) = (&universe.typed, vars) {
                        groups.push(typed_group(t, b));
                    }
                    self.search(&groups)
                };
                let before = leaks.len();
                let mut found = with(union, vars);
                if found == Found::TooLarge {
                    // Too large together: one pattern at a time, each first against their patterns one by one.
                    found = Found::Empty;
                    for g in singles.iter().flatten() {
                        let inside_one = covering.iter().chain(&strong).any(|c| {
                            c.res.as_ref().is_some_and(|r| {
                                !r.not
                                    && r.globs.iter().any(|(x, y)| {
                                        x == b
                                            && self.search(&[
                                                Group { globs: vec![g.as_slice()], positive: true },
                                                Group { globs: vec![y.as_slice()], positive: false },
                                            ]) == Found::Empty
                                    })
                            })
                        });
                        if inside_one {
                            continue;
                        }
                        match with(Some(Group { globs: vec![g.as_slice()], positive: true }), vars) {
                            Found::Empty => {}
                            other => {
                                found = other;
                                if matches!(found, Found::Witness(_)) {
                                    break;
                                }
                            }
                        }
                    }
                    if singles.is_none() {
                        found = Found::TooLarge;
                    }
                }
                match found {
                    Found::Empty => {}
                    Found::Witness(w) => leaks.push((Some(b.clone()), Some(w), None)),
                    Found::TooLarge => {
                        undecided.get_or_insert((
                            format!("the resources of statement {} are too complex to compare", n.index),
                            n,
                        ));
                    }
                }
                for d in &suspects {
                    let mut dg = vec![resources::valid(b)];
                    dg.extend(in_group(n, b));
                    dg.extend(in_group(d, b));
                    for x in &strong {
                        dg.push(out_group(x, b));
                    }
                    if let (Some(t), false) = (&universe.typed, vars || d.has_vars) {
                        dg.push(typed_group(t, b));
                    }
                    match self.search(&dg) {
                        Found::Empty => {}
                        Found::Witness(w) => leaks.push((Some(b.clone()), Some(w), Some(*d))),
                        Found::TooLarge => leaks.push((Some(b.clone()), None, Some(*d))),
                    }
                }
                // Proving only: one leak is enough to stop.
                if action.is_none() && (!leaks.is_empty() || undecided.is_some()) {
                    return Outcome::Undecided(Grant::blank());
                }
                for leak in leaks.get(before..).unwrap_or_default() {
                    if let Some(g) = attempt(leak) {
                        return Outcome::Found(g);
                    }
                }
            }
            if leaks.is_empty() {
                continue;
            }
            if action.is_none() {
                return Outcome::Undecided(Grant::blank());
            }
            let reason = match leaks.iter().find_map(|(_, _, d)| *d) {
                Some(d) => format!(
                    "statement {} of the {} policy denies part of it under a condition or for principals that \
                     tarn cannot compare with the other policy's",
                    d.index,
                    if std::ptr::eq(lose, &self.old) { "old" } else { "new" }
                ),
                None => format!(
                    "statement {} may allow requests that the other policy's statements do not (their conditions \
                     or principals are not comparable: a condition on one key against one on another, or \
                     `NotPrincipal`), and no example could be checked",
                    n.index
                ),
            };
            undecided.get_or_insert((reason, n));
        }
        let Some(action) = action else { return Outcome::Covered };
        match undecided {
            Some((reason, n)) => Outcome::Undecided(Grant {
                undecided: Some(reason),
                allowed_by: vec![n.index],
                ..self.describe(gain, n, action, &l_allow)
            }),
            None => Outcome::Covered,
        }
    }

    fn res_within(&self, a: &Cell, b: &Cell, universe: &Universe) -> bool {
        if a.star && !b.star && universe.star {
            return false;
        }
        self.buckets_of(a, universe).iter().all(|bk| {
            let mut groups = Vec::new();
            groups.push(resources::valid(bk));
            groups.extend(in_group(a, bk));
            groups.push(out_group(b, bk));
            self.search(&groups) == Found::Empty
        })
    }

    fn buckets_of(&self, c: &Cell, universe: &Universe) -> Vec<Bucket> {
        let mut out: Vec<Bucket> = match &c.res {
            Some(r) if !r.any && !r.not => {
                let mut v: Vec<Bucket> = Vec::new();
                for (b, _) in &r.globs {
                    if !v.contains(b) {
                        v.push(b.clone());
                    }
                }
                v
            }
            _ => self.all_buckets(),
        };
        if let Some(t) = &universe.typed {
            if !c.has_vars {
                out.retain(|b| t.iter().any(|(x, _)| x == b));
                if c.res.as_ref().is_none_or(|r| r.any || r.not) {
                    for (b, _) in t {
                        if !out.contains(b) {
                            out.push(b.clone());
                        }
                    }
                }
            }
        }
        out
    }

    fn describe(&self, gain: &Side<'_>, n: &Cell, action: &str, others: &[&Cell]) -> Grant {
        let stmt = gain.policy.statements().get(n.index);
        let mut resource = match &n.res {
            None => "*".to_owned(),
            Some(r) if r.not => format!("everything except {}", r.texts.join(", ")),
            Some(r) => r.texts.join(", "),
        };
        let except: Vec<&str> = others
            .iter()
            .filter(|o| o.res.as_ref().is_some_and(|r| !r.not))
            .flat_map(|o| o.res.iter().flat_map(|r| r.texts.iter().map(String::as_str)))
            .filter(|t| n.res.as_ref().is_none_or(|r| !r.texts.iter().any(|x| x == t)))
            .take(5)
            .collect();
        if !except.is_empty() {
            resource = format!("{resource} except {}", except.join(", "));
        }
        Grant {
            action: action.to_owned(),
            resource,
            principal: if gain.role == Role::Resource {
                stmt.and_then(|s| principals::describe(s.principal()))
            } else {
                None
            },
            conditions: conditions::describe(&n.atoms),
            example: None,
            undecided: None,
            allowed_by: vec![n.index],
            denied_by: Vec::new(),
        }
    }

    /// Tries requests built from cell `n` and the resource found until one is allowed by `gain` and not
    /// by `lose`.
    #[allow(clippy::too_many_arguments)]
    fn example(
        &self,
        gain: &Side<'_>,
        lose: &Side<'_>,
        n: &Cell,
        l_allow: &[&Cell],
        g_deny: &[&Cell],
        deny: Option<&Cell>,
        action: &str,
        resource: &str,
        var_ctx: &[(String, String)],
        covering: &[&Cell],
    ) -> Option<Grant> {
        let mut want: Vec<&Atom> = n.atoms.iter().collect();
        if let Some(d) = deny {
            want.extend(d.atoms.iter());
        }
        let avoid: Vec<&Atom> = l_allow
            .iter()
            .flat_map(|c| c.atoms.iter())
            .chain(g_deny.iter().flat_map(|c| c.atoms.iter()))
            .collect();
        // Keys as first written.
        let mut keys: Vec<String> = Vec::new();
        for a in want.iter().chain(avoid.iter()) {
            let k = &a.key;
            if !keys.iter().any(|x| x.eq_ignore_ascii_case(k))
                && !var_ctx.iter().any(|(x, _)| x.eq_ignore_ascii_case(k))
            {
                keys.push(k.clone());
            }
        }
        let per_key: Vec<(String, Vec<Option<Vec<String>>>)> =
            keys.iter().map(|k| (k.clone(), conditions::candidates(k, &want, &avoid))).collect();
        let base: Vec<usize> = vec![0; per_key.len()];
        let mut choices: Vec<Vec<usize>> = vec![base.clone()];
        for (ki, (_, c)) in per_key.iter().enumerate() {
            for alt in 1..c.len().min(6) {
                let mut v = base.clone();
                if let Some(x) = v.get_mut(ki) {
                    *x = alt;
                }
                choices.push(v);
            }
        }
        let account = resource
            .split(':')
            .nth(if resource.starts_with("arn:") { 4 } else { 3 })
            .filter(|a| !a.is_empty() && !a.contains(['*', '?']));
        let aws = resource.starts_with("arn:") || gain.policy.cloud() == Cloud::Aws;
        let principals: Vec<Option<String>> = if gain.role == Role::Resource || lose.role == Role::Resource {
            principals::candidates(&n.who, aws, account)
        } else {
            vec![None]
        };
        for choice in choices.iter().take(24) {
            let mut context: Vec<(String, Vec<String>)> =
                var_ctx.iter().map(|(k, v)| (k.clone(), vec![v.clone()])).collect();
            let mut resolved: Vec<(String, String)> = Vec::new();
            for ((k, c), &pick) in per_key.iter().zip(choice) {
                if let Some(Some(vs)) = c.get(pick) {
                    let vs = vs.iter().map(|v| conditions::resolve_variables(v, &mut resolved)).collect();
                    context.push((k.clone(), vs));
                }
            }
            for (k, v) in resolved {
                if !context.iter().any(|(x, _)| x.eq_ignore_ascii_case(&k)) {
                    context.push((k, vec![v]));
                }
            }
            for p in principals.iter().take(4) {
                let e = Example {
                    action: action.to_owned(),
                    resource: resource.to_owned(),
                    principal: p.clone(),
                    context: context.clone(),
                };
                if let Some((allowed_by, denied_by)) = check(gain, lose, &e) {
                    let others: Vec<&Cell> = covering.to_vec();
                    return Some(Grant {
                        example: Some(e),
                        allowed_by,
                        denied_by,
                        ..self.describe(gain, n, action, &others)
                    });
                }
            }
        }
        None
    }
}

impl Grant {
    fn blank() -> Self {
        Grant {
            action: String::new(),
            resource: String::new(),
            principal: None,
            conditions: None,
            example: None,
            undecided: None,
            allowed_by: Vec::new(),
            denied_by: Vec::new(),
        }
    }
}

/// Whether two statements are the same but for their actions and Sid (and both policies read policy
/// variables alike).
fn same(a_side: &Side<'_>, a: &Cell, b_side: &Side<'_>, b: &Cell) -> bool {
    let (Some(x), Some(y)) =
        (a_side.policy.statements().get(a.index), b_side.policy.statements().get(b.index))
    else {
        return false;
    };
    same_but_actions(x, y) && variables_on(a_side.policy) == variables_on(b_side.policy)
}

/// Whether two statements have the same effect, resources, principal and condition.
fn same_but_actions(x: &Statement, y: &Statement) -> bool {
    x.effect() == y.effect()
        && x.resources() == y.resources()
        && x.principal() == y.principal()
        && x.condition() == y.condition()
}

/// The example checked with the evaluator: allowed by `gain`, not by `lose`; the statements that allow it
/// and those of `lose` that deny it.
fn check(gain: &Side<'_>, lose: &Side<'_>, e: &Example) -> Option<(Vec<usize>, Vec<usize>)> {
    let r = e.request().ok()?;
    let g = gain.set.evaluate(&r);
    if g.decision != Decision::Allow {
        return None;
    }
    let l = lose.set.evaluate(&r);
    if l.decision == Decision::Allow {
        return None;
    }
    let denied = if l.decision == Decision::ExplicitDeny {
        l.statements.iter().map(|d| d.statement).collect()
    } else {
        Vec::new()
    };
    Some((g.statements.iter().map(|d| d.statement).collect(), denied))
}

/// The group "in the resources of `c`", within bucket `b` (`None`: no constraint).
fn in_group<'c>(c: &'c Cell, b: &Bucket) -> Option<Group<'c>> {
    const ALL: &[Sym] = &[Sym::All];
    let r = c.res.as_ref()?;
    let mut globs: Vec<&[Sym]> = r.globs.iter().filter(|(x, _)| x == b).map(|(_, g)| g.as_slice()).collect();
    if r.any {
        globs.push(ALL);
    }
    Some(Group { globs, positive: !r.not })
}

/// The group "not in the resources of `c`", within bucket `b`.
fn out_group<'c>(c: &'c Cell, b: &Bucket) -> Group<'c> {
    match in_group(c, b) {
        Some(g) => Group { globs: g.globs, positive: !g.positive },
        // Every resource: nothing is outside.
        None => Group { globs: Vec::new(), positive: true },
    }
}

/// The group "of the action's resource types", within bucket `b`.
fn typed_group<'u>(t: &'u [(Bucket, Glob)], b: &Bucket) -> Group<'u> {
    Group { globs: t.iter().filter(|(x, _)| x == b).map(|(_, g)| g.as_slice()).collect(), positive: true }
}

/// The resources of an action: its key (for caching) and universe.
fn universe_of(action: Option<&'static tarn_catalog::Action>) -> (String, Universe) {
    let any = (String::new(), Universe { typed: None, star: true });
    let Some(a) = action else { return any };
    let rows = a.resource_types();
    // A row without a name carries the action's condition keys; alone, it means any resource.
    if rows.iter().all(|r| r.resource_type().is_empty()) {
        return any;
    }
    let Some(svc) = a.service() else { return any };
    let mut typed = Vec::new();
    let mut key = svc.prefix().to_owned();
    for r in rows.iter().filter(|r| !r.resource_type().is_empty()) {
        let Some(t) = svc.resource_type(r.resource_type()) else { return any };
        key.push('|');
        key.push_str(r.resource_type());
        for text in std::iter::once(t.arn()).chain(t.alternatives().iter().copied()) {
            match resources::template(text) {
                Some(g) => typed.push(g),
                None => return any,
            }
        }
    }
    // Only to choose nicer examples: an action of many resource types (`ec2:CreateTags` has dozens) would
    // make every search a product with all their formats, so it ranges over every resource at once.
    if typed.len() > 6 {
        return any;
    }
    (key, Universe { typed: Some(typed), star: false })
}
