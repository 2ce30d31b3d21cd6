//! The generated catalogs against their sources (the repository's `data/`), the seed fixtures and the AWS
//! managed-policy corpus (`tests/seeds/` and `tests/corpus/` at the repository root).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;
use tarn_arn::{Pattern, Template};
use tarn_catalog::{action, api_actions, expand, service, services, Cloud};

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The catalog sources of one cloud in `data/` (the generator's input), by service prefix; `_global.json` is
/// not a service.
fn sources(cloud: &str) -> BTreeMap<String, Value> {
    let dir = root().join("data").join(cloud);
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = e.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        if path.extension().is_some_and(|x| x == "json") && !name.starts_with('_') {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(v["prefix"].as_str(), Some(name.as_str()), "{}", path.display());
            out.insert(name, v);
        }
    }
    out
}

#[test]
fn counts_equal_the_source_data() {
    for (cloud, dir) in [(Cloud::Aws, "aws"), (Cloud::Alibaba, "alibaba")] {
        let src: BTreeMap<String, (usize, usize)> = sources(dir)
            .into_iter()
            .map(|(k, v)| {
                let counts =
                    (v["actions"].as_object().unwrap().len(), v["resource_types"].as_object().unwrap().len());
                (k, counts)
            })
            .collect();
        let ours: BTreeMap<String, (usize, usize)> = services()
            .iter()
            .filter(|s| s.cloud() == cloud)
            .map(|s| (s.prefix().to_owned(), (s.actions().len(), s.resource_types().len())))
            .collect();
        assert_eq!(ours, src, "{cloud:?}");
    }
    // The floor of iam-data 0.21.202609261 (456 services, 22,091 actions): a refresh may add, and a
    // catalog that lost most of a service's actions shows here.
    let aws = services().iter().filter(|s| s.cloud() == Cloud::Aws);
    assert!(aws.clone().count() >= 456, "{}", aws.clone().count());
    assert!(aws.clone().map(|s| s.actions().len()).sum::<usize>() >= 22_000);
    // the action required from another RAM code
    assert!(action(Cloud::Alibaba, "ons:OpenOnsService").is_ok());
}

#[test]
fn every_arn_format_parses_as_a_template() {
    let mut n = 0;
    for s in services() {
        for rt in s.resource_types() {
            for f in std::iter::once(rt.arn()).chain(rt.alternatives().iter().copied()) {
                let t =
                    Template::parse(f).unwrap_or_else(|e| panic!("{}:{} `{f}`: {e}", s.prefix(), rt.name()));
                assert_eq!(t.cloud(), s.cloud(), "{f}");
                n += 1;
            }
        }
    }
    assert!(n > 2_167, "{n}");
}

#[test]
fn same_prefix_in_both_clouds_is_two_services() {
    for p in ["ram", "sts", "mq"] {
        let a = service(Cloud::Alibaba, p).unwrap();
        let b = service(Cloud::Aws, p).unwrap();
        assert!(!std::ptr::eq(a, b));
        assert_ne!(a.name(), b.name());
    }
    assert!(action(Cloud::Alibaba, "sts:AssumeRole").is_ok());
    assert!(action(Cloud::Aws, "sts:AssumeRole").is_ok());
    assert!(action(Cloud::Aws, "mq:PUB").is_err());
}

#[test]
fn lookup_is_case_insensitive_and_suggests() {
    assert_eq!(action(Cloud::Aws, "S3:getobject").unwrap().full_name(), "s3:GetObject");
    assert_eq!(action(Cloud::Alibaba, "log:getcursorordata").unwrap().full_name(), "log:GetCursorOrData");
    let e = action(Cloud::Aws, "s3:GetObjekt").unwrap_err();
    assert!(e.to_string().starts_with("unknown action `s3:GetObjekt`; did you mean `s3:GetObject`"), "{e}");
    // the seed 000 table's typo
    let e = action(Cloud::Aws, "s3:ListBucketMultipartUpload").unwrap_err();
    assert!(e.to_string().contains("`s3:ListBucketMultipartUploads`"), "{e}");
    assert!(action(Cloud::Aws, "s3:ListBucketMultipartUploads").is_ok());
    let e = action(Cloud::Alibaba, "nosuch:Thing").unwrap_err();
    assert_eq!(e.to_string(), "unknown service `nosuch` in Alibaba Cloud");
    let e = action(Cloud::Alibaba, "s3:GetObject").unwrap_err();
    assert_eq!(e.to_string(), "unknown service `s3` in Alibaba Cloud; `s3` is a service of AWS");
    let e = action(Cloud::Aws, "s3GetObject").unwrap_err();
    assert_eq!(e.to_string(), "`s3GetObject` is not an action; expected `<service>:<action>`");
    // an alias
    let mq = service(Cloud::Alibaba, "mq").unwrap();
    assert_eq!(mq.alias("OnsInstanceBaseInfo").unwrap().full_name(), "mq:QueryInstanceBaseInfo");
}

#[test]
fn wildcards_expand() {
    let names = |v: Vec<&tarn_catalog::Action>| v.iter().map(|a| a.full_name()).collect::<BTreeSet<_>>();
    let creates = names(expand(Cloud::Alibaba, "log:Create*").unwrap());
    assert!(creates.len() > 10 && creates.iter().all(|n| n.starts_with("log:Create")), "{creates:?}");
    let mq_all = names(expand(Cloud::Alibaba, "mq:*").unwrap());
    assert_eq!(mq_all.len(), service(Cloud::Alibaba, "mq").unwrap().actions().len());
    assert!(mq_all.contains("mq:PUB") && mq_all.contains("mq:SUB"));
    let acl = names(expand(Cloud::Aws, "s3:Get*Acl").unwrap());
    assert!(
        acl.contains("s3:GetObjectAcl") && acl.contains("s3:GetBucketAcl") && !acl.contains("s3:GetObject"),
        "{acl:?}"
    );
    let one = names(expand(Cloud::Aws, "s3:GetObject?cl").unwrap());
    assert_eq!(one, BTreeSet::from(["s3:GetObjectAcl".to_owned()]));
    // no S3 action ends in `Object` plus one character
    assert!(expand(Cloud::Aws, "s3:*Object?").is_err());
    let desc = expand(Cloud::Aws, "ec2:describe*").unwrap();
    assert!(desc.len() > 100);
    assert!(expand(Cloud::Aws, "s3:Nothing*").unwrap_err().to_string().contains("matches no action"));
    assert_eq!(
        expand(Cloud::Alibaba, "*").unwrap().len(),
        services().iter().filter(|s| s.cloud() == Cloud::Alibaba).map(|s| s.actions().len()).sum::<usize>()
    );
}

/// Seed 003's table "Permissions that are required to call API operations", transcribed from the seed.
const SEED_003_APIS: &[(&str, &[&str])] = &[
    ("OnsRegionList", &[]),
    ("OpenOnsService", &["ons:OpenOnsService"]),
    ("OnsInstanceCreate", &["mq:CreateInstance"]),
    ("OnsInstanceBaseInfo", &["mq:QueryInstanceBaseInfo"]),
    ("OnsInstanceDelete", &["mq:DeleteInstance"]),
    ("OnsInstanceUpdate", &["mq:UpdateInstance"]),
    ("OnsInstanceInServiceList", &["mq:QueryInstanceBaseInfo"]),
    ("OnsTopicCreate", &["mq:CreateTopic"]),
    ("OnsTopicDelete", &["mq:DeleteTopic"]),
    ("OnsTopicStatus", &["mq:QueryTopicStatus"]),
    ("OnsTopicSubDetail", &["mq:QueryTopicSubDetail"]),
    ("OnsTopicList", &["mq:ListTopic"]),
    ("OnsGroupCreate", &["mq:CreateGroup"]),
    ("OnsGroupDelete", &["mq:DeleteGroup"]),
    ("OnsGroupSubDetail", &["mq:QueryGroupSubDetail"]),
    ("OnsGroupConsumerUpdate", &["mq:UpdateGroupConsumer"]),
    ("OnsGroupList", &["mq:QueryInstanceBaseInfo"]),
    ("TagResources", &["mq:TagResources"]),
    ("ListTagResources", &["mq:ListTagResources"]),
    ("UntagResources", &["mq:UntagResources"]),
    ("OnsConsumerAccumulate", &["mq:QueryConsumerAccumulate"]),
    ("OnsConsumerStatus", &["mq:QueryConsumerStatus"]),
    ("OnsConsumerGetConnection", &["mq:QueryConsumerConnection"]),
    ("OnsConsumerResetOffset", &["mq:ResetConsumerOffset"]),
    ("OnsConsumerTimeSpan", &["mq:QueryConsumerTimeSpan"]),
    ("OnsMessagePush", &["mq:SUB"]),
    ("OnsMessageTrace", &["mq:QueryMessageTrace"]),
    ("OnsMessageGetByMsgId", &["mq:QueryMessage"]),
    ("OnsMessageGetByKey", &["mq:QueryMessage"]),
    ("OnsMessagePageQueryByTopic", &["mq:QueryMessage"]),
    ("OnsTrendTopicInputTps", &["mq:QueryTrendTopicInputTps"]),
    ("OnsTrendGroupOutputTps", &["mq:QueryTrendGroupOutputTps"]),
    ("OnsTraceGetResult", &["mq:QueryInstanceBaseInfo"]),
    ("OnsTraceQueryByMsgId", &["mq:QueryTrace"]),
    ("OnsTraceQueryByMsgKey", &["mq:QueryTrace"]),
    ("OnsDLQMessageGetById", &["mq:QueryDLQMessage"]),
    ("OnsDLQMessagePageQueryByGroupId", &["mq:QueryDLQMessage"]),
    ("OnsDLQMessageResendById", &["mq:ResendDLQMessage"]),
];

#[test]
fn every_api_row_of_seed_003_maps_as_the_seed_says() {
    let mq = service(Cloud::Alibaba, "mq").unwrap();
    for (api, want) in SEED_003_APIS {
        let m = mq.api(api).unwrap_or_else(|| panic!("no mapping for `{api}`"));
        assert_eq!(m.actions(), *want, "{api}");
        for a in *want {
            assert!(action(Cloud::Alibaba, a).is_ok(), "{api} maps to unknown action {a}");
        }
    }
    // the other source's answer is kept, marked as disputed
    assert_eq!(mq.api("OnsGroupList").unwrap().disputed(), ["mq:ListGroup"]);
    // Log Service: two APIs share one action (seed 002)
    for api in ["GetCursor", "GetCursorTime"] {
        assert_eq!(api_actions(Cloud::Alibaba, api).unwrap().actions(), ["log:GetCursorOrData"], "{api}");
    }
    // the error for an API name used as an action names the action
    let e = action(Cloud::Alibaba, "mq:OnsTopicCreate").unwrap_err();
    assert!(e.to_string().ends_with("the API `OnsTopicCreate` needs `mq:CreateTopic`"), "{e}");
    // the prerequisite rule
    let p = &mq.prerequisites()[0];
    assert_eq!((p.action(), p.resource_type()), ("mq:QueryInstanceBaseInfo", "instance"));
    assert!(p.applies_to().contains(&"topic") && p.applies_to().contains(&"group"));
}

#[test]
fn every_resource_example_in_the_seeds_fits_a_resource_type() {
    let dir = root().join("tests/seeds");
    let mut checked = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (_, s) in tarn_arn::scan(&text) {
            // Placeholders are formats, not examples; `arn:aws:iam::…:root` is a principal, not a resource.
            if s.contains(['{', '<']) || s.ends_with(":root") {
                continue;
            }
            let p = Pattern::parse(s).unwrap();
            let svc = service(p.cloud().unwrap(), p.service().unwrap())
                .unwrap_or_else(|| panic!("no service for {s}"));
            assert!(!svc.fits(&p).is_empty(), "`{s}` fits no resource type of {}", svc.prefix());
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
}

#[test]
fn fits_tell_resource_types_apart() {
    let oss = service(Cloud::Alibaba, "oss").unwrap();
    let types = |s: &'static tarn_catalog::Service, p: &str| {
        s.fits(&p.parse().unwrap()).iter().map(|f| f.resource_type.name()).collect::<BTreeSet<_>>()
    };
    assert!(types(oss, "acs:oss:*:*:bucket").contains("bucket"));
    assert!(!types(oss, "acs:oss:*:*:bucket").contains("object"));
    assert!(types(oss, "acs:oss:*:*:bucket/*").contains("object"));
    assert!(!types(oss, "acs:oss:*:*:bucket/*").contains("bucket"));
    let s3 = service(Cloud::Aws, "s3").unwrap();
    assert!(!types(s3, "arn:aws:s3:::bucket").contains("object"));
    assert!(!types(s3, "arn:aws:s3:::bucket/*").contains("bucket"));
    let log = service(Cloud::Alibaba, "log").unwrap();
    let t = types(log, "acs:log:cn-hangzhou:1234567890123456:project/my-project");
    assert_eq!(t, BTreeSet::from(["project"]));
    let get = action(Cloud::Alibaba, "log:GetCursorOrData").unwrap();
    assert!(!t.iter().any(|rt| get.applies_to(rt)));
    let mq = service(Cloud::Alibaba, "mq").unwrap();
    let t = types(mq, "acs:mq:*:*:MQ_INST_1*");
    assert!(t.contains("instance") && t.contains("topic") && t.contains("group"), "{t:?}");
    let t = types(mq, "acs:mq:*:*:MQ_INST_1%TopicA");
    // (`mqtt_account` is `acs:mq:${RegionId}:${AccountId}:*` in the data: it fits every MQ resource)
    assert!(t.contains("topic") && t.contains("group") && !t.contains("instance"), "{t:?}");
}

#[test]
fn condition_keys_for_an_action() {
    let a = action(Cloud::Aws, "s3:ListBucket").unwrap();
    let keys: Vec<&str> = a.condition_keys().iter().map(|k| k.name()).collect();
    assert!(keys.contains(&"s3:prefix"), "{keys:?}");
    assert!(keys.contains(&"aws:SourceIp"), "{keys:?}");
    let a = action(Cloud::Alibaba, "log:GetCursorOrData").unwrap();
    let keys: Vec<(&str, &str)> = a.condition_keys().iter().map(|k| (k.name(), k.ty())).collect();
    assert!(
        keys.contains(&("log:TLSVersion", "String")) || keys.iter().any(|k| k.0 == "log:TLSVersion"),
        "{keys:?}"
    );
    assert!(keys.iter().any(|k| k.0 == "acs:SourceIp"), "{keys:?}");
}

/// Documents whose recorded `effective_actions` is itself stale: AWSCodePipelineFullAccess grants
/// `codepipeline:*`, yet its list lacks five codepipeline actions (ListRuleExecutions, ListRuleTypes,
/// OverrideStageCondition, RollbackStage, ListDeployActionExecutionTargets) that the corpus's catalog lists in
/// other documents' expansions.
const STALE_EFFECTIVE_ACTIONS: &[&str] = &["AWSCodePipelineFullAccess"];

/// Expanding the Allow statements of every AWS managed policy agrees with the corpus's `effective_actions`,
/// except for actions that exist in only one of the two catalogs (the corpus's catalog is newer).
#[test]
fn managed_policy_expansion_agrees_with_effective_actions() {
    let path = root().join("tests/corpus/aws-managed-policies.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let ours_all: BTreeSet<String> = services()
        .iter()
        .filter(|s| s.cloud() == Cloud::Aws)
        .flat_map(|s| s.actions().iter().map(|a| a.full_name().to_ascii_lowercase()))
        .collect();
    let mut docs = 0;
    let mut statements = 0;
    let mut theirs_union: BTreeSet<String> = BTreeSet::new();
    let mut only_theirs: BTreeSet<String> = BTreeSet::new();
    let mut only_ours: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut bad = Vec::new();
    let mut unknown_to_both: BTreeSet<String> = BTreeSet::new();
    let mut unknown_but_listed: Vec<String> = Vec::new();
    for line in text.lines() {
        let d: Value = serde_json::from_str(line).unwrap();
        docs += 1;
        let name = d["name"].as_str().unwrap().to_owned();
        let theirs: BTreeSet<String> = d["effective_actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_ascii_lowercase())
            .collect();
        theirs_union.extend(theirs.iter().cloned());
        let sts = match &d["document"]["Statement"] {
            Value::Array(a) => a.clone(),
            o => vec![o.clone()],
        };
        let mut ours: BTreeSet<String> = BTreeSet::new();
        for s in &sts {
            statements += 1;
            if s["Effect"] != "Allow" {
                continue;
            }
            let acts = match &s["Action"] {
                Value::String(a) => vec![a.clone()],
                Value::Array(v) => v.iter().map(|a| a.as_str().unwrap().to_owned()).collect(),
                _ => continue,
            };
            for a in acts {
                match expand(Cloud::Aws, &a) {
                    Ok(v) => ours.extend(v.iter().map(|x| x.full_name().to_ascii_lowercase())),
                    Err(e) => {
                        // An action that our (older) catalog does not know: the newer one must list it.
                        // An action neither catalog knows (a retired service such as `deepracer`) is the linter's
                        // business, not an expansion disagreement; the corpus must not know it either.
                        if theirs.contains(&a.to_ascii_lowercase()) {
                            unknown_but_listed.push(format!("{name}: {a}: {e}"));
                        } else {
                            unknown_to_both.insert(a.to_ascii_lowercase());
                        }
                    }
                }
            }
        }
        for a in theirs.difference(&ours) {
            if ours_all.contains(a) {
                bad.push(format!("{name}: corpus has {a}, our expansion does not"));
            } else {
                only_theirs.insert(a.clone());
            }
        }
        for a in ours.difference(&theirs) {
            only_ours.entry(name.clone()).or_default().insert(a.clone());
        }
    }
    // What we add that the corpus lacks must be actions its newer catalog no longer lists.
    for (doc, acts) in &only_ours {
        for a in acts {
            if theirs_union.contains(a) && !STALE_EFFECTIVE_ACTIONS.contains(&doc.as_str()) {
                bad.push(format!("{doc}: our expansion has {a}, which the corpus's catalog lists"));
            }
        }
    }
    assert_eq!(docs, 1_641);
    assert_eq!(statements, 9_027);
    eprintln!(
        "managed policies: {docs} documents, {statements} statements; {} actions only in the newer catalog; {} documents expand to {} actions the newer catalog no longer lists",
        only_theirs.len(),
        only_ours.len(),
        only_ours.values().map(BTreeSet::len).sum::<usize>()
    );
    eprintln!("{} action names in documents that neither catalog lists", unknown_to_both.len());
    // an action the newer catalog lists and ours does not is only newer if ours lacks it entirely
    for u in &unknown_but_listed {
        let a = u.split(": ").nth(1).unwrap_or_default().to_ascii_lowercase();
        if ours_all.contains(&a) {
            bad.push(u.clone());
        }
    }
    assert!(
        bad.is_empty(),
        "{} disagreements, e.g.:\n{}",
        bad.len(),
        bad.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn typed_enums_agree_with_the_tables() {
    use tarn_catalog::typed::alibaba::mq;
    assert_eq!(mq::Action::PUB.to_string(), "mq:PUB");
    assert_eq!("mq:pub".parse::<mq::Action>().unwrap(), mq::Action::PUB);
    assert_eq!("CreateTopic".parse::<mq::Action>().unwrap(), mq::Action::CreateTopic);
    assert_eq!(mq::Action::CreateTopic.entry().apis(), ["OnsTopicCreate"]);
    let e = "mq:OnsTopicCreate".parse::<mq::Action>().unwrap_err();
    assert!(e.to_string().ends_with("needs `mq:CreateTopic`"), "{e}");
    assert!("log:GetCursorOrData".parse::<mq::Action>().is_err());
    let svc = service(Cloud::Alibaba, "mq").unwrap();
    assert_eq!(mq::Action::ALL.len(), svc.actions().len());
    for (v, a) in mq::Action::ALL.iter().zip(svc.actions()) {
        assert!(std::ptr::eq(v.entry(), a));
        assert_eq!(v.to_string().parse::<mq::Action>().unwrap(), *v);
    }
    use tarn_catalog::typed::alibaba::log;
    assert_eq!(log::Action::GetCursorOrData.entry().access_level(), tarn_catalog::AccessLevel::Read);
}

#[test]
fn bounded_distance_agrees_with_the_full_one() {
    // Every pair of a few hundred real action names, at every bound up to 6: the bounded distance is the
    // full one when that is within the bound, and nothing otherwise.
    let names: Vec<&str> = tarn_catalog::services()
        .iter()
        .filter(|s| s.prefix() == "s3" || s.prefix() == "mq")
        .flat_map(|s| s.actions().iter().map(|a| a.name()))
        .take(300)
        .collect();
    assert!(names.len() > 100);
    for a in &names {
        for b in names.iter().step_by(7) {
            let full = tarn_catalog::distance(a, b);
            for limit in 0..=6 {
                let bounded = tarn_catalog::distance_within(a, b, limit);
                assert_eq!(bounded, (full <= limit).then_some(full), "{a} {b} {limit}");
            }
        }
    }
    // Longer than the stack rows.
    let long_a = "x".repeat(150) + "GetObject";
    let long_b = "x".repeat(150) + "GetObjcet";
    assert_eq!(tarn_catalog::distance(&long_a, &long_b), 2);
    assert_eq!(tarn_catalog::distance_within(&long_a, &long_b, 1), None);
    assert_eq!(tarn_catalog::distance("", "abc"), 3);
    assert_eq!(tarn_catalog::distance_within("", "abc", 2), None);
}
