"""Runs parliament over every *.json file of a directory in one process, as `tarn check` does, and prints
how many files it analysed, how many it failed on, and how many findings it reported.

parliament's own `--directory` stops at the first document it cannot analyse (an `ArrayOfARN` key type
raises), so the loop catches per file. Used by scripts/bench_check.sh; not part of the build.
"""
import sys
import pathlib

from parliament import analyze_policy_string


def main(directory):
    files = sorted(pathlib.Path(directory).glob("*.json"))
    failed = 0
    findings = 0
    for f in files:
        try:
            policy = analyze_policy_string(f.read_text())
            findings += len(policy.findings)
        except Exception:  # parliament raises on key types it does not know
            failed += 1
    print(f"parliament: {len(files)} files, {failed} failed, {findings} findings")


if __name__ == "__main__":
    main(sys.argv[1])
