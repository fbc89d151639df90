#!/usr/bin/env python3
"""Parse + encode throughput, secdesc against Samba's Python binding, in one run.

The corpus is the SDDL column of ../shared/vectors/windows_sddl_binary.tsv, DACL-only rows (no
SACL, no conditional or resource-attribute ACEs, no domain-relative aliases), each parsed and
encoded to the self-relative bytes:
  - secdesc: `sddlc convert -` (one process for the whole corpus, one output line per input);
  - Samba:   security.descriptor.from_sddl(s, domain) then ndr_pack(sd), in this process.
Both also run the seed descriptor REPEAT times. Prints descriptors per second and the ratio.
Usage: bench/compare_samba.py BUILD_DIR [--repeat N]   (python3-samba: install-deps.sh --differential)
"""
import argparse
import os
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


def run_samba(texts):
    from samba.dcerpc import security
    from samba.ndr import ndr_pack
    domain = security.dom_sid(DOMAIN)
    failed = 0
    start = time.perf_counter()
    for t in texts:
        try:
            ndr_pack(security.descriptor.from_sddl(t, domain))
        except Exception:
            failed += 1
    return time.perf_counter() - start, len(texts), failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--repeat", type=int, default=100000)
    ap.add_argument("--vectors", default=os.environ.get("SECDESC_VECTORS", os.path.join(
        os.path.dirname(__file__), "..", "..", "shared", "vectors")))
    a = ap.parse_args()
    sddlc = os.path.join(a.build, "tools", "sddlc")
    rows = corpus(a.vectors)
    for name, texts in (("Windows corpus (DACL-only rows)", rows),
                        (f"seed DACL x {a.repeat}", [SEED_DACL] * a.repeat)):
        ours = run_secdesc(sddlc, texts)
        theirs = run_samba(texts)
        ours_rate = ours[1] / ours[0]
        theirs_rate = theirs[1] / theirs[0]
        print(f"{name}: {len(texts)} descriptors")
        print(f"  secdesc (sddlc convert -, whole process): {ours_rate:12,.0f} /s  ({ours[2]} rejected)")
        print(f"  Samba (from_sddl + ndr_pack):            {theirs_rate:12,.0f} /s  ({theirs[2]} rejected)")
        print(f"  ratio secdesc / Samba: {ours_rate / theirs_rate:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
