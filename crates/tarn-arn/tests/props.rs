//! Property tests: parsing round-trips, matching agrees with a naive reference matcher, and template fit
//! agrees with matching.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::prelude::*;
use tarn_arn::{Arn, Cloud, Pattern, Segment, Template};

/// Naive backtracking glob over characters: exponential in the worst case, obviously correct.
fn naive_glob(p: &[char], t: &[char]) -> bool {
    match p.split_first() {
        None => t.is_empty(),
        Some(('*', rest)) => (0..=t.len()).any(|k| naive_glob(rest, &t[k..])),
        Some(('?', rest)) => !t.is_empty() && naive_glob(rest, &t[1..]),
        Some((c, rest)) => t.first() == Some(c) && naive_glob(rest, &t[1..]),
    }
}

fn glob(p: &str, t: &str) -> bool {
    naive_glob(&p.chars().collect::<Vec<_>>(), &t.chars().collect::<Vec<_>>())
}

/// The reference semantics (ARCHITECTURE.md, "Evaluation semantics", row "Resources"), written directly on
/// segments.
fn reference_match(p: &str, a: &str) -> bool {
    if p == "*" {
        return true;
    }
    let pc: Vec<&str> = p.splitn(6, ':').collect();
    let ac: Vec<&str> = a.splitn(6, ':').collect();
    if pc[0] != ac[0] {
        return false;
    }
    if pc[0] == "acs" {
        let pc: Vec<&str> = p.splitn(5, ':').collect();
        let ac: Vec<&str> = a.splitn(5, ':').collect();
        pc[1] == ac[1] && glob(pc[2], ac[2]) && glob(pc[3], ac[3]) && glob(pc[4], ac[4])
    } else {
        let p_rest = p.splitn(4, ':').nth(3).unwrap();
        let a_rest = a.splitn(4, ':').nth(3).unwrap();
        glob(pc[1], ac[1]) && pc[2] == ac[2] && glob(p_rest, a_rest)
    }
}

fn seg(alphabet: &'static str, min: usize, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = alphabet.chars().collect();
    proptest::collection::vec(proptest::sample::select(chars), min..=max)
        .prop_map(|v| v.into_iter().collect())
}

/// A concrete ARN text over a small alphabet (so that patterns often match).
fn concrete(cloud: Cloud) -> impl Strategy<Value = String> {
    let svc = prop_oneof![Just("mq".to_owned()), Just("s3".to_owned())];
    (svc, seg("ab", 0, 2), seg("ab1", 0, 2), seg("ab/%:", 1, 7)).prop_map(move |(s, r, a, res)| match cloud {
        Cloud::Alibaba => format!("acs:{s}:{r}:{a}:{res}"),
        Cloud::Aws => format!("arn:aws:{s}:{r}:{a}:{res}"),
    })
}

fn pattern(cloud: Cloud) -> impl Strategy<Value = String> {
    let svc = prop_oneof![Just("mq".to_owned()), Just("s3".to_owned())];
    let part = prop_oneof![Just("aws".to_owned()), Just("*".to_owned()), Just("a*".to_owned())];
    (svc, part, seg("ab*?", 0, 3), seg("ab1*?", 0, 3), seg("ab/%:*?", 1, 7)).prop_map(
        move |(s, part, r, a, res)| match cloud {
            Cloud::Alibaba => format!("acs:{s}:{r}:{a}:{res}"),
            Cloud::Aws => format!("arn:{part}:{s}:{r}:{a}:{res}"),
        },
    )
}

fn cloud() -> impl Strategy<Value = Cloud> {
    prop_oneof![Just(Cloud::Alibaba), Just(Cloud::Aws)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn arn_display_parse_is_identity(text in cloud().prop_flat_map(concrete)) {
        let a = Arn::parse(&text).unwrap();
        let shown = a.to_string();
        prop_assert_eq!(&shown, &text);
        prop_assert_eq!(Arn::parse(&shown).unwrap(), a);
    }

    #[test]
    fn pattern_display_parse_is_identity(text in cloud().prop_flat_map(pattern)) {
        let p = Pattern::parse(&text).unwrap();
        let shown = p.to_string();
        prop_assert_eq!(&shown, &text);
        prop_assert_eq!(Pattern::parse(&shown).unwrap(), p);
    }

    #[test]
    fn any_text_that_parses_displays_identically(text in "\\PC{0,40}") {
        if let Ok(a) = Arn::parse(&text) { prop_assert_eq!(a.to_string(), text.clone()); }
        if let Ok(p) = Pattern::parse(&text) { prop_assert_eq!(p.to_string(), text.clone()); }
        if let Ok(t) = Template::parse(&text) { prop_assert_eq!(t.to_string(), text.clone()); }
    }

    #[test]
    fn matching_agrees_with_the_reference(
        (p, a) in cloud().prop_flat_map(|c| (pattern(c), concrete(c)))
    ) {
        let pat = Pattern::parse(&p).unwrap();
        let arn = Arn::parse(&a).unwrap();
        prop_assert_eq!(pat.matches(&arn), reference_match(&p, &a), "{} vs {}", p, a);
    }

    #[test]
    fn fit_against_a_single_arn_agrees_with_matching(
        (p, a) in cloud().prop_flat_map(|c| (pattern(c), concrete(c)))
    ) {
        let pat = Pattern::parse(&p).unwrap();
        let arn = Arn::parse(&a).unwrap();
        // a template without placeholders or wildcards is exactly one ARN
        let single = Template::parse(&a).unwrap();
        prop_assert_eq!(single.fit(&pat).is_some(), pat.matches(&arn), "{} vs {}", p, a);
        prop_assert!(single.fit_arn(&arn).is_some());
    }

    #[test]
    fn a_pattern_fits_a_template_when_an_arn_it_matches_fits(
        (p, a) in cloud().prop_flat_map(|c| (pattern(c), concrete(c)))
    ) {
        // soundness of fit: if the ARN fits and the pattern matches it, the pattern fits
        let pat = Pattern::parse(&p).unwrap();
        let arn = Arn::parse(&a).unwrap();
        let t = match arn.cloud() {
            Cloud::Alibaba => "acs:${S}:${R}:${A}:${X}",
            Cloud::Aws => "arn:${P}:${S}:${R}:${A}:${X}",
        };
        let mut t = Template::parse(t).unwrap();
        if t.fit_arn(&arn).is_some() && pat.matches(&arn) {
            prop_assert!(t.fit(&pat).is_some(), "{} vs {}", p, a);
        }
        t.forbid("X", '/');
        if t.fit_arn(&arn).is_some() && pat.matches(&arn) {
            prop_assert!(t.fit(&pat).is_some(), "{} vs {}", p, a);
        }
    }

    #[test]
    fn rendering_segments_never_widens(value in "\\PC{1,12}", tail in "[a-z]{1,3}") {
        let t = Template::parse("acs:mq:*:*:<inst>%<topic>").unwrap();
        if let Ok(s) = Segment::new(&value) {
            let topic = Segment::new("T").unwrap();
            let p = t.render_pattern(|n| Some(if n == "inst" { &s } else { &topic })).unwrap();
            // apart from the template's own region/account stars, nothing matches but the exact ARN
            let exact = Arn::parse(&format!("acs:mq:r:a:{value}%T")).unwrap();
            let longer = Arn::parse(&format!("acs:mq:r:a:{value}{tail}%T")).unwrap();
            prop_assert!(p.matches(&exact));
            prop_assert!(!p.matches(&longer));
            let want = format!("{value}%T");
            prop_assert_eq!(p.resource(), Some(want.as_str()));
        }
    }
}
