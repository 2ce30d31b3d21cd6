"""`tarn check` against parliament on the AWS managed-policy corpus, one file per policy, same files, same run.

    cargo build --release -p tarn-cli && pip install parliament && python3 scripts/bench_check.py

Writes each document of tests/corpus/aws-managed-policies.jsonl (or of the JSONL file given as the first
argument), its text exactly as published, to a temporary directory, then times
`target/release/tarn check --format json DIR/*.json` and parliament over the same files
(scripts/parliament_corpus.py: one process, every file analysed), and prints the medians and the ratio.
"""
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def documents(path):
    decoder = json.JSONDecoder()
    for line in path.read_text().splitlines():
        name = json.loads(line)["name"]
        # The raw text of "document": decode from its position to keep the bytes as published.
        at = line.index('"document":') + len('"document":')
        while line[at] == " ":
            at += 1
        _, end = decoder.raw_decode(line, at)
        yield name, line[at:end]


def timed(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main():
    corpus = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/corpus/aws-managed-policies.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, doc in documents(corpus):
            f = pathlib.Path(tmp) / f"{name}.json"
            f.write_text(doc)
            files.append(str(f))
        tarn = [str(ROOT / "target/release/tarn"), "check", "--format", "json", *files]
        parliament = [sys.executable, str(ROOT / "scripts/parliament_corpus.py"), tmp]
        t, t_all = timed(tarn, 7)
        p, p_all = timed(parliament, 3)
        print(f"{len(files)} files")
        print(f"tarn check: median {t:.3f} s of {['%.3f' % x for x in t_all]}")
        print(f"parliament: median {p:.3f} s of {['%.3f' % x for x in p_all]}")
        print(f"ratio: tarn is {p / t:.1f}x faster")


if __name__ == "__main__":
    main()
