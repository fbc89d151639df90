#!/usr/bin/env python3
"""Parse + encode throughput, secdesc against Samba's Python binding, in one run.

The corpus is the SDDL column of ../shared/vectors/windows_sddl_binary.tsv, DACL-only rows (no
SACL, no conditional or resource-attribute ACEs, no domain-relative aliases), each parsed and
encoded to the self-relative bytes:
  - secdesc: `sddlc convert -` (one process for the whole input, one output line per input line:
    process start, reading, parsing, encoding, hex and writing all count);
  - Samba:   security.descriptor.from_sddl(s, domain) then ndr_pack(sd), in this process.
Both run the corpus CORPUS_REPEAT times and the seed's DACL REPEAT times (Samba 4.17 cannot read
the seed's ML ACE). Last, the library alone: BM_ParseAndEncodeSeedDacl (one-shot calls) and
BM_ParseAndEncodeSeedDaclReusingStorage (one descriptor and one byte vector reused, as `sddlc
convert -` does) of secdesc_bench (Google Benchmark, CPU time per descriptor) against Samba's CPU
time per seed descriptor, measured right after them, ROUNDS times in turn; the ratio reported is the median of the rounds' ratios (a shared
machine's speed drifts, and alternating short rounds puts both sides under the same drift).
Prints descriptors per second and the ratios.
Usage: bench/compare_samba.py BUILD_DIR [--repeat N] [--corpus-repeat K] [--rounds R]
(python3-samba: cmake/install-deps.sh --differential)
"""
import json
import argparse
import os
import statistics
import subprocess
import sys
import time

SEED = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)"
SEED_DACL = "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)"  # Samba 4.17 has no ML ACEs
DOMAIN = "S-1-5-21-2457507606-2709100691-398136650"


def corpus(vectors):
    rows = []
    with open(os.path.join(vectors, "windows_sddl_binary.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            sddl = line.split("\t", 1)[0]
            if not sddl.startswith("D:") or "S:" in sddl or "\\" in sddl:
                continue
            if any(t in sddl for t in ("(X", "(Z", "(RA", ";LA)", ";LG)", ";DU)", ";DA)", ";DG)", ";DC)", ";DD)", ";CA)", ";SA)", ";EA)", ";PA)", ";RS)", ";RO)", ";CN)", ";AP)", ";KA)", ";EK)")):
                continue
            rows.append(sddl)
    return rows


def run_secdesc(sddlc, texts):
    data = ("\n".join(texts) + "\n").encode()
    start = time.perf_counter()
    out = subprocess.run([sddlc, "convert", "--domain-sid", DOMAIN, "-"], input=data,
                         capture_output=True, check=False).stdout.decode().splitlines()
    elapsed = time.perf_counter() - start
    failed = sum(1 for l in out if l.startswith("error:"))
    return elapsed, len(out), failed


def run_samba(texts, clock=time.perf_counter):
    from samba.dcerpc import security
    from samba.ndr import ndr_pack
    domain = security.dom_sid(DOMAIN)
    failed = 0
    start = clock()
    for t in texts:
        try:
            ndr_pack(security.descriptor.from_sddl(t, domain))
        except Exception:
            failed += 1
    return clock() - start, len(texts), failed


LIBRARY_BENCHMARKS = (
    ("BM_ParseAndEncodeSeedDacl", "parse_sddl + encode_self_relative"),
    ("BM_ParseAndEncodeSeedDaclReusingStorage", "parse_sddl_into + encode_self_relative_into"),
)


def run_library(bench):
    """CPU seconds per descriptor and allocations of each LIBRARY_BENCHMARKS row, one run."""
    pattern = "^(" + "|".join(name for name, _ in LIBRARY_BENCHMARKS) + ")$"
    out = subprocess.run([bench, f"--benchmark_filter={pattern}",
                          "--benchmark_format=json", "--benchmark_min_time=0.5"],
                         capture_output=True, check=True, text=True).stdout
    result = {}
    for row in json.loads(out)["benchmarks"]:
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[row["time_unit"]]
        result[row["name"]] = (row["cpu_time"] * scale, row.get("allocs/descriptor"))
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--repeat", type=int, default=100000)
    ap.add_argument("--corpus-repeat", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--vectors", default=os.environ.get("SECDESC_VECTORS", os.path.join(
        os.path.dirname(__file__), "..", "..", "shared", "vectors")))
    a = ap.parse_args()
    sddlc = os.path.join(a.build, "tools", "sddlc")
    rows = corpus(a.vectors)
    for name, texts in ((f"Windows corpus (DACL-only rows) x {a.corpus_repeat}", rows * a.corpus_repeat),
                        (f"seed DACL x {a.repeat}", [SEED_DACL] * a.repeat)):
        ours = run_secdesc(sddlc, texts)
        theirs = run_samba(texts)
        ours_rate = ours[1] / ours[0]
        theirs_rate = theirs[1] / theirs[0]
        print(f"{name}: {len(texts)} descriptors")
        print(f"  secdesc (sddlc convert -, whole process): {ours_rate:12,.0f} /s  ({ours[2]} rejected)")
        print(f"  Samba (from_sddl + ndr_pack):            {theirs_rate:12,.0f} /s  ({theirs[2]} rejected)")
        print(f"  ratio secdesc / Samba: {ours_rate / theirs_rate:.1f}x")
    bench = os.path.join(a.build, "bench", "secdesc_bench")
    if os.path.exists(bench):
        print("seed DACL, the library alone (per descriptor, CPU time):")
        ratios = {name: [] for name, _ in LIBRARY_BENCHMARKS}
        for r in range(a.rounds):
            ours = run_library(bench)
            theirs = run_samba([SEED_DACL] * a.repeat, time.process_time)
            theirs_each = theirs[0] / theirs[1]
            line = f"  round {r + 1}: Samba {theirs_each * 1e9:6,.0f} ns"
            for name, _ in LIBRARY_BENCHMARKS:
                each, allocs = ours[name]
                ratios[name].append(theirs_each / each)
                line += f"; {name}: {each * 1e9:4,.0f} ns ({allocs:.0f} alloc), {ratios[name][-1]:.1f}x"
            print(line)
        for name, what in LIBRARY_BENCHMARKS:
            rs = ratios[name]
            print(f"  {what}: median {statistics.median(rs):.1f}x faster than Samba "
                  f"(rounds from {min(rs):.1f}x to {max(rs):.1f}x)")
    else:
        print(f"({bench} not built: the library-alone comparison is skipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
