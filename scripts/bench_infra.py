"""`tarn check` on a Terraform plan with N policy resources against the same N policies as separate files.

    cargo build --release -p tarn-cli && python3 scripts/bench_infra.py [N]   # N = 1000 by default

Takes the first N documents of tests/corpus/aws-managed-policies.jsonl, writes each to a file of its own, and
writes one plan (`terraform show -json` format 1.2) in which each is the `policy` of an `aws_iam_policy`
resource, in both `planned_values` and `resource_changes` as Terraform writes them (the plan is
pretty-printed, as `jq .` would). Times `target/release/tarn check --format json` on the files and on the plan,
7 runs each, alternating, and prints the medians and the ratio plan / files. The files are checked with
`--kind identity`, the kind tarn gives an `aws_iam_policy`, so that both produce the same findings (checked:
the same codes, in the same numbers).
"""
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench_check import documents  # noqa: E402


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    docs = list(documents(ROOT / "tests/corpus/aws-managed-policies.jsonl"))[:n]
    tarn = str(ROOT / "target/release/tarn")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        files = tmp / "files"
        files.mkdir()
        paths = []
        resources, changes = [], []
        for i, (name, text) in enumerate(docs):
            p = files / f"{i:04}.json"
            p.write_text(text)
            paths.append(str(p))
            address = f"module.iam.aws_iam_policy.managed[{i}]"
            values = {"name": name, "path": "/", "policy": text, "tags": None}
            resources.append({"address": address, "mode": "managed", "type": "aws_iam_policy", "name": "managed",
                              "index": i, "provider_name": "registry.terraform.io/hashicorp/aws",
                              "schema_version": 0, "values": values, "sensitive_values": {}})
            changes.append({"address": address, "module_address": "module.iam", "mode": "managed",
                            "type": "aws_iam_policy", "name": "managed", "index": i,
                            "provider_name": "registry.terraform.io/hashicorp/aws",
                            "change": {"actions": ["create"], "before": None, "after": values,
                                       "after_unknown": {"arn": True, "id": True, "policy_id": True},
                                       "before_sensitive": False, "after_sensitive": {"tags": {}}}})
        plan = {"format_version": "1.2", "terraform_version": "1.9.5",
                "planned_values": {"root_module": {"child_modules": [{"address": "module.iam", "resources": resources}]}},
                "resource_changes": changes, "configuration": {"root_module": {}}}
        plan_path = tmp / "plan.json"
        plan_path.write_text(json.dumps(plan, indent=2))
        # `--kind identity`: what an aws_iam_policy's `policy` is, so that both runs do the same checks
        # (size limits included: 44 of AWS's own managed policies exceed a customer policy's 6,144).
        on_files = [tarn, "check", "--format", "json", "--kind", "identity", *paths]
        on_plan = [tarn, "check", "--format", "json", str(plan_path)]

        def codes(cmd):
            out = subprocess.run(cmd, capture_output=True, check=False).stdout
            return sorted(f["code"] for f in json.loads(out))

        same = codes(on_files) == codes(on_plan)
        t_files, t_plan = [], []
        for _ in range(7):
            for cmd, times in ((on_files, t_files), (on_plan, t_plan)):
                start = time.perf_counter()
                subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                times.append(time.perf_counter() - start)
        mf, mp = statistics.median(t_files), statistics.median(t_plan)
        print(f"{len(docs)} policies; plan {plan_path.stat().st_size / 1e6:.1f} MB; same findings: {same}")
        print(f"files: median {mf:.3f} s ({min(t_files):.3f}-{max(t_files):.3f})")
        print(f"plan:  median {mp:.3f} s ({min(t_plan):.3f}-{max(t_plan):.3f})")
        print(f"ratio plan / files: {mp / mf:.2f}x")


if __name__ == "__main__":
    main()
