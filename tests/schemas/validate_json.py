#!/usr/bin/env python3
"""Validates the tools' JSON outputs against docs/schemas/*.schema.json (JSON Schema 2020-12).

Checks every JSON golden (tests/golden/**/*.json) and a generated sample of outputs: sddl-lint
on the lint goldens, the reference policies and --sddl strings; sddlc convert on descriptors that
use every part of the JSON view (owner, group, control flags, both ACLs, object ACEs, conditions,
resource attributes, labels, null and absent ACLs), one per argument and several through '-';
sddlc compile on every policy in policies/; sddlc check, allowed and denied. It also checks that
a schema rejects what it must (an unknown field, a wrong schema_version), so that a schema that
accepts everything cannot pass.

Needs python3-jsonschema (Debian 12: 4.10, which has Draft202012Validator). Without it the test
is skipped: it prints why and exits 77 (ctest's SKIP_RETURN_CODE).

Usage: validate_json.py --source DIR --sddlc PATH --sddl-lint PATH
"""
import argparse
import glob
import json
import os
import subprocess
import sys

SKIP = 77

try:
    from jsonschema import Draft202012Validator
except ImportError as e:  # jsonschema absent, or too old for draft 2020-12
    print(f"SKIP: python3-jsonschema with Draft202012Validator is not available ({e}); "
          "install it with cmake/install-deps.sh (Debian: python3-jsonschema)")
    sys.exit(SKIP)

# Descriptors that between them produce every field of the descriptor view.
DESCRIPTORS = [
    "O:SYG:SYD:PAI(A;;GA;;;SY)(A;OICI;GRGW;;;BA)S:(ML;;NW;;;LW)",
    "D:NO_ACCESS_CONTROL",
    "O:BA",
    "D:",
    "D:AI(OA;CI;RPWP;bf967aba-0de6-11d0-a285-00aa003049e2;bf967a9c-0de6-11d0-a285-00aa003049e2;AU)",
    "D:(XA;;FR;;;WD;(@User.clearance >= 3))(A;ID;0x1200a9;;;IU)",
    "S:(RA;;;;;WD;(\"Project\",TS,0x0,\"Alpha\",\"Beta\"))(AU;SAFA;GA;;;WD)",
    "O:S-1-5-21-1-2-3-500G:BUD:(D;;WD;;;AN)(A;;0x1f0003;;;S-1-5-32-545)",
    "D:(A;;GA;;;S-1-15-2-1)(A;;GR;;;S-1-15-3-1024-1065365936-1281604716-3511738428-1654721687-432734479-3232135806-4053264122-3456934681)",
    # A process trust label (\KnownDlls's, docs/sddl.md) and a trust-protected access filter.
    "O:BAG:SYD:(A;;CCDCRC;;;WD)S:(TL;;CCDCRC;;;S-1-19-512-8192)(FL;TP;FR;;;WD;(@User.Department == \"Finance\"))",
]
# Descriptors the access check gives no answer for (docs/access-check.md): `sddlc explain`
# exits 2 on them, with no JSON to validate.
NO_ANSWER = {DESCRIPTORS[-1]}


class Checker:
    def __init__(self, source):
        self.failures = 0
        self.checked = 0
        self.validators = {}
        for path in sorted(glob.glob(os.path.join(source, "docs", "schemas", "*.schema.json"))):
            with open(path, encoding="utf-8") as f:
                schema = json.load(f)
            Draft202012Validator.check_schema(schema)  # the schema itself is valid 2020-12
            name = os.path.basename(path)[: -len(".schema.json")]
            self.validators[name] = Draft202012Validator(schema)
        expected = {"sddl-lint", "sddlc-convert", "sddlc-check", "sddlc-compile", "sddlc-diff",
                    "sddlc-explain"}
        if set(self.validators) != expected:
            self.fail("schemas", f"docs/schemas has {sorted(self.validators)}, expected {sorted(expected)}")

    def fail(self, what, why):
        print(f"FAIL {what}\n  {why}")
        self.failures += 1

    def check(self, schema, what, document):
        self.checked += 1
        errors = sorted(self.validators[schema].iter_errors(document), key=lambda e: list(e.path))
        if errors:
            for e in errors[:5]:
                self.fail(what, f"{schema}: at {'/'.join(map(str, e.path)) or '(root)'}: {e.message}")
        else:
            print(f"ok   {what} ({schema})")

    def rejects(self, schema, what, document):
        self.checked += 1
        if self.validators[schema].is_valid(document):
            self.fail(what, f"{schema} accepts a document it must reject")
        else:
            print(f"ok   {what} is rejected ({schema})")


def run(argv, cwd=None, stdin=None, expect=(0,)):
    p = subprocess.run(argv, cwd=cwd, input=stdin, capture_output=True, text=True)
    if p.returncode not in expect:
        raise RuntimeError(f"{' '.join(argv)} exited {p.returncode}: {p.stderr.strip()}")
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--sddlc", required=True)
    ap.add_argument("--sddl-lint", dest="lint", required=True)
    a = ap.parse_args()
    a.sddlc, a.lint = os.path.abspath(a.sddlc), os.path.abspath(a.lint)
    c = Checker(a.source)
    if c.failures:
        return 1

    # The JSON goldens: sddlc explain's in tests/golden/explain, sddl-lint's everywhere else.
    goldens = sorted(glob.glob(os.path.join(a.source, "tests", "golden", "**", "*.json"), recursive=True))
    explain_dir = os.path.join(a.source, "tests", "golden", "explain") + os.sep
    for path in goldens:
        with open(path, encoding="utf-8") as f:
            schema = "sddlc-explain" if path.startswith(explain_dir) else "sddl-lint"
            c.check(schema, os.path.relpath(path, a.source), json.load(f))
    if not goldens:
        c.fail("goldens", "no tests/golden/**/*.json found")

    # sddl-lint: findings of every severity, policies, strings, and no findings at all.
    lint_dir = os.path.join(a.source, "tests", "golden", "lint")
    for fixture in sorted(glob.glob(os.path.join(lint_dir, "*.cpp"))):
        out = run([a.lint, "--no-config", "--format", "json", os.path.basename(fixture)],
                  cwd=lint_dir, expect=(0, 1))
        c.check("sddl-lint", f"sddl-lint {os.path.basename(fixture)}", json.loads(out))
    out = run([a.lint, "--no-config", "--format", "json", os.path.join(a.source, "policies")])
    c.check("sddl-lint", "sddl-lint policies/", json.loads(out))
    args = [a.lint, "--no-config", "--format", "json"]
    for s in DESCRIPTORS + ["D:(A;;GA;;;SY", "D:(a;;GA;;;WD)"]:
        args += ["--sddl", s]
    findings = json.loads(run(args, expect=(0, 1)))
    c.check("sddl-lint", f"sddl-lint --sddl x{len(DESCRIPTORS) + 2}", findings)
    if not findings:
        c.fail("sddl-lint --sddl", "no findings: the sample does not exercise the schema")
    c.check("sddl-lint", "sddl-lint, no findings",
            json.loads(run([a.lint, "--no-config", "--format", "json", "--sddl", "D:(A;;GA;;;SY)"])))

    # sddlc convert: one per argument, and one object per line through standard input.
    for s in DESCRIPTORS:
        c.check("sddlc-convert", f"convert {s}", json.loads(run([a.sddlc, "convert", "--to", "json", s])))
    for path in sorted(glob.glob(os.path.join(a.source, "tests", "golden", "policies", "*.hex"))):
        with open(path, encoding="utf-8") as f:
            hexes = f.read().split()
        for h in hexes:
            c.check("sddlc-convert", f"convert --from hex {os.path.basename(path)}",
                    json.loads(run([a.sddlc, "convert", "--from", "hex", "--to", "json", h])))
    lines = run([a.sddlc, "convert", "--to", "json", "-"], stdin="\n".join(DESCRIPTORS) + "\n")
    lines = lines.splitlines()
    if len(lines) != len(DESCRIPTORS):
        c.fail("convert -", f"{len(lines)} lines for {len(DESCRIPTORS)} inputs")
    for i, line in enumerate(lines):
        c.check("sddlc-convert", f"convert - line {i + 1}", json.loads(line))

    # sddlc compile: every reference policy, one at a time and all together.
    policies = sorted(glob.glob(os.path.join(a.source, "policies", "*.toml")))
    for p in policies:
        c.check("sddlc-compile", f"compile {os.path.basename(p)}",
                json.loads(run([a.sddlc, "compile", "--emit", "json", p])))
    every = json.loads(run([a.sddlc, "compile", "--emit", "json"] + policies))
    c.check("sddlc-compile", f"compile all {len(policies)} policies", every)
    if len(every) != len(policies):
        c.fail("compile all", f"{len(every)} objects for {len(policies)} policies")

    # sddlc check: allowed, denied by the label, and through a policy file.
    for args, status in [
        (["D:(A;;GA;;;WD)", "--object", "section", "--token", "preset=interactive-user",
          "--desired", "read"], 0),
        (["D:(A;;GA;;;WD)S:(ML;;NW;;;ME)", "--object", "section", "--token",
          "preset=low-integrity-user", "--desired", "read,write"], 1),
        ([os.path.join(a.source, "policies", "service-section-lowil-readwrite.toml"), "--token",
          "preset=low-integrity-user", "--desired", "map-write"], 0),
    ]:
        out = run([a.sddlc, "check", "--format", "json"] + args, expect=(status,))
        c.check("sddlc-check", f"check {' '.join(args[:1])} ({'allowed' if status == 0 else 'denied'})",
                json.loads(out))

    # sddlc diff: a widening (exit 1), no change in access (exit 0), two policy files.
    for args, status in [
        (["D:P(A;;GA;;;SY)(A;;GR;;;IU)", "D:P(A;;GA;;;SY)(A;;GRGW;;;IU)", "--object", "named-pipe"], 1),
        (["D:P(A;;GA;;;SY)(A;;GRGW;;;IU)", "D:P(A;;GA;;;SY)(A;;GWGR;;;IU)", "--object", "named-pipe"], 0),
        ([os.path.join(a.source, "policies", "service-section-readonly.toml"),
          os.path.join(a.source, "policies", "service-section-lowil-readwrite.toml")], 1),
    ]:
        out = run([a.sddlc, "diff", "--format", "json"] + args, expect=(status,))
        c.check("sddlc-diff", f"diff ({'changed' if status else 'no change'}) {os.path.basename(args[1])}",
                json.loads(out))

    # sddlc explain: every reference policy, and descriptors with conditions, a deny ACE, an owner,
    # a null DACL and AppContainer capabilities.
    for p in policies:
        c.check("sddlc-explain", f"explain {os.path.basename(p)}",
                json.loads(run([a.sddlc, "explain", "--format", "json", p])))
    explained = []
    for s in DESCRIPTORS:
        if s in NO_ANSWER:
            continue
        doc = json.loads(run([a.sddlc, "explain", "--format", "json", "--object", "file", s]))
        explained.append(doc)
        c.check("sddlc-explain", f"explain {s}", doc)
    if not any("condition_tree" in ace for doc in explained for ace in doc["aces"]):
        c.fail("explain", "no condition_tree: the sample does not exercise the schema")

    # The schemas reject what they must: an unknown field, another schema_version, a bad level.
    sample = json.loads(run([a.sddlc, "convert", "--to", "json", DESCRIPTORS[0]]))
    c.rejects("sddlc-convert", "an unknown field", dict(sample, surprise=1))
    # Any other version than the one written: the next one, and the one before (convert is at 2).
    c.rejects("sddlc-convert", "the next schema_version",
              dict(sample, schema_version=sample["schema_version"] + 1))
    c.rejects("sddlc-convert", "the previous schema_version",
              dict(sample, schema_version=sample["schema_version"] - 1))
    c.rejects("sddlc-convert", "no tool_version", {k: v for k, v in sample.items() if k != "tool_version"})
    tree_sample = json.loads(run([a.sddlc, "convert", "--to", "json", DESCRIPTORS[5]]))
    bad_tree = json.loads(json.dumps(tree_sample))
    bad_tree["dacl"]["aces"][0]["condition_tree"]["operands"][0]["scope"] = "global"
    c.rejects("sddlc-convert", "a condition attribute of scope 'global'", bad_tree)
    c.rejects("sddlc-explain", "the next schema_version",
              dict(explained[0], schema_version=explained[0]["schema_version"] + 1))
    c.rejects("sddlc-explain", "an unknown field", dict(explained[0], surprise=1))
    if findings:
        c.rejects("sddl-lint", "severity 'fatal'", [dict(findings[0], severity="fatal")])
        c.rejects("sddl-lint", "column 0", [dict(findings[0], column=0)])

    print(f"validate_json: {c.checked} documents checked, {c.failures} failure(s)")
    return 1 if c.failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, json.JSONDecodeError) as e:
        print(f"FAIL {e}")
        sys.exit(1)
