#!/usr/bin/env python3
"""Compile-time benchmark of `tarn::policy!` against `serde_json::json!` (issue: the policy! macro).

Generates three crates beside each other under target/compile-bench/ (not workspace members):
  policy/  200 functions, each building a policy with `tarn::policy!`
  json/    the same 200 policies as `serde_json::json!` values of the same JSON
  empty/   200 functions returning a constant (the cost of 200 functions without any macro)
  bindings/ 200 functions, each a `tarn::policy!` with `let` bindings (parsed with syn) bound to a resource
           placeholder and to a condition placeholder
and times, for each, a clean build of the crate alone (its dependencies already built) and an incremental
rebuild after touching its source. Prints a Markdown table for BENCHMARKS.md.

    python3 scripts/compile_bench.py [--runs 3] [--release] [--opt-macros]
"""
import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "compile-bench"
N = 200

# Statements that cover the grammar: actions, wildcards, quoted and bare resources, principals,
# conditions; the i-th function uses variant i % len and a name of its own, so no two are equal.
VARIANTS = [
    ("allow oss:GetObject, oss:ListObjects on \"acs:oss:*:*:bucket-{i}\", \"acs:oss:*:*:bucket-{i}/*\"",
     {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["oss:GetObject", "oss:ListObjects"],
                                     "Resource": ["acs:oss:*:*:bucket-{i}", "acs:oss:*:*:bucket-{i}/*"]}]}),
    ("allow mq:QueryInstanceBaseInfo on acs:mq:*:*:MQ_INST_{i}; allow mq:PUB, mq:SUB on acs:mq:*:*:MQ_INST_{i}%Topic-{i}",
     {"Version": "1", "Statement": [
         {"Effect": "Allow", "Action": ["mq:QueryInstanceBaseInfo"], "Resource": ["acs:mq:*:*:MQ_INST_{i}"]},
         {"Effect": "Allow", "Action": ["mq:PUB", "mq:SUB"], "Resource": ["acs:mq:*:*:MQ_INST_{i}%Topic-{i}"]}]}),
    ("kind bucket; allow s3:GetObject, s3:ListBucket on \"arn:aws:s3:::ops-{i}\", \"arn:aws:s3:::ops-{i}/*\" to aws \"arn:aws:iam::381492316447:root\"",
     {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::381492316447:root"]},
                                              "Action": ["s3:GetObject", "s3:ListBucket"],
                                              "Resource": ["arn:aws:s3:::ops-{i}", "arn:aws:s3:::ops-{i}/*"]}]}),
    ("allow log:GetCursorOrData, log:GetLogStore on \"acs:log:cn-hangzhou:1234567890123456:project/p{i}/logstore/app-log\" when IpAddress(acs:SourceIp, \"10.0.0.0/8\")",
     {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["log:GetCursorOrData", "log:GetLogStore"],
                                     "Resource": ["acs:log:cn-hangzhou:1234567890123456:project/p{i}/logstore/app-log"],
                                     "Condition": {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8"]}}}]}),
]


# `let` bindings and a condition placeholder: the values come from a configuration at run time.
BINDINGS = (
    "let bucket = tarn::Segment::new(format!(\"{}-{i}\", cfg.bucket))?; "
    "let office: tarn::IpNet = cfg.office.parse()?; "
    "allow oss:GetObject, oss:ListObjects on \"acs:oss:*:*:<bucket>\", \"acs:oss:*:*:<bucket>/*\" "
    "when IpAddress(acs:SourceIp, <office>)"
)


def fill(obj, i):
    return json.loads(json.dumps(obj).replace("{i}", str(i)))


OPT_MACROS = False


def write_crate(name, deps, body):
    d = OUT / name
    (d / "src").mkdir(parents=True, exist_ok=True)
    (d / "Cargo.toml").write_text(
        f'[package]\nname = "bench-{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
        f"[dependencies]\n{deps}\n[workspace]\n\n"
        # With --opt-macros, the proc macro and the catalogs it links run optimized (sqlx recommends this
        # for its macros); measured, it does not pay here. The same for all three crates.
        + ("[profile.dev.build-override]\nopt-level = 3\n" if OPT_MACROS else "")
    )
    (d / "src" / "lib.rs").write_text(body)
    return d


def generate():
    tarn = f'tarn = {{ path = "{ROOT / "crates" / "tarn"}" }}\n'
    sj = 'serde_json = "1"\n'
    policy, js, empty = ["#![allow(deprecated, missing_docs)]\n"], ["#![allow(missing_docs)]\n"], ["#![allow(missing_docs)]\n"]
    for i in range(N):
        src, obj = VARIANTS[i % len(VARIANTS)]
        policy.append(f"pub fn p{i}() -> tarn::Policy {{ tarn::policy! {{ {src.replace('{i}', str(i))} }} }}\n")
        js.append(f"pub fn p{i}() -> serde_json::Value {{ serde_json::json!({json.dumps(fill(obj, i))}) }}\n")
        empty.append(f"pub fn p{i}() -> u32 {{ {i} }}\n")
    bindings = ["#![allow(missing_docs)]\npub struct Cfg { pub bucket: String, pub office: String }\n"
                "type R = Result<tarn::Policy, Box<dyn std::error::Error>>;\n"]
    for i in range(N):
        bindings.append(f"pub fn p{i}(cfg: &Cfg) -> R {{ Ok(tarn::policy! {{ {BINDINGS.replace('{i}', str(i))} }}) }}\n")
    # The same code with the bindings written before the macro, as without `let` in `policy!`: the
    # difference from `bindings` is what the `let` items cost (syn parsing them, and the macro's tokens).
    outside = ["#![allow(missing_docs)]\npub struct Cfg { pub bucket: String, pub office: String }\n"
               "type R = Result<tarn::Policy, Box<dyn std::error::Error>>;\n"]
    for i in range(N):
        lets, _, statement = BINDINGS.replace('{i}', str(i)).rpartition("; ")
        outside.append(f"pub fn p{i}(cfg: &Cfg) -> R {{ {lets}; Ok(tarn::policy! {{ {statement} }}) }}\n")
    return {
        "bindings": write_crate("bindings", tarn, "".join(bindings)),
        "lets_outside": write_crate("lets_outside", tarn, "".join(outside)),
        "policy": write_crate("policy", tarn, "".join(policy)),
        "json": write_crate("json", sj + tarn, "".join(js)),
        "empty": write_crate("empty", sj + tarn, "".join(empty)),
    }


def cargo(crate, release, env):
    args = ["cargo", "build", "--quiet", "--manifest-path", str(crate / "Cargo.toml")]
    if release:
        args.append("--release")
    t = time.perf_counter()
    subprocess.run(args, check=True, env=env)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--release", action="store_true")
    ap.add_argument("--opt-macros", action="store_true", help="build proc macros and their dependencies with opt-level 3")
    a = ap.parse_args()
    global OPT_MACROS
    OPT_MACROS = a.opt_macros
    crates = generate()
    env = dict(os.environ, CARGO_TARGET_DIR=str(OUT / "target"))
    for c in crates.values():  # dependencies, once
        cargo(c, a.release, env)
    results = {}
    for name, c in crates.items():
        clean, incr = [], []
        for _ in range(a.runs):
            subprocess.run(["cargo", "clean", "--quiet", "-p", f"bench-{name}", "--manifest-path", str(c / "Cargo.toml")]
                           + (["--release"] if a.release else []), check=True, env=env)
            clean.append(cargo(c, a.release, env))
            (c / "src" / "lib.rs").touch()
            incr.append(cargo(c, a.release, env))
        results[name] = (statistics.median(clean), statistics.median(incr), clean, incr)
    e_clean, e_incr = results["empty"][0], results["empty"][1]
    print(f"| crate ({N} invocations) | clean build (median of {a.runs}) | incremental rebuild | per invocation (over `empty`) |")
    print("|---|---|---|---|")
    for name in ["empty", "json", "policy", "bindings", "lets_outside"]:
        c, i, cs, is_ = results[name]
        per = (c - e_clean) / N * 1000
        runs = ", ".join(f"{x:.2f}" for x in cs)
        print(f"| {name} | {c:.2f} s ({runs}) | {i:.2f} s | {per:.2f} ms |")
    p, j = results["policy"], results["json"]
    print(f"\npolicy! / json!: clean {p[0] / j[0]:.2f}x, incremental {p[1] / j[1]:.2f}x; "
          f"macro work only (over empty): {(p[0] - e_clean) / max(j[0] - e_clean, 1e-9):.2f}x")


if __name__ == "__main__":
    main()
