#!/usr/bin/env python3
"""Random VALID and NEAR-VALID SDDL strings for differential testing (fixed seed).

The generator builds a descriptor (owner, group, DACL with A/D/OA/OD ACEs, sometimes a SACL with
AU/OU ACEs) and renders it in one of four ways:

  plain       no leniency: upper case, 0x numbers, decimal SIDs, no spaces (rights tokens and
              ACE flags in any order, which Windows also accepts)
  lenient     forms Windows accepts (docs/sddl.md): spaces where Windows skips them, lower case,
              rights as octal/decimal/negative/overflowing numbers, FA/K* aliases, SID parts in
              hex, large authorities, 15 sub-authorities, repeated ACL flags, any section order
  near-valid  one feature Windows rejects, or that no Windows vector covers: a space where
              Windows does not skip one, a TAB, lower-case section letters, an audit ACE in a
              DACL, a GUID in a non-object ACE, 0 or 16 sub-authorities, a 49-bit authority...
  mutated     a plain or lenient string with one character deleted, duplicated or replaced,
              or truncated

The vocabulary (two-letter SID aliases, rights tokens and ACE flags) is not typed in here: it is
discovered by asking both implementations which two-letter codes they accept (see
discover_vocabulary), so a code only one of them knows is generated too. The ACE types are the
ones the differential test is about: A, D, OA, OD in a DACL and AU, OU (rarely ML) in a SACL.

Standard library only, plus Samba's Python binding for the vocabulary discovery.
Usage: sddl_gen.py --sddlc PATH [--cases N] [--seed S] [--kinds]   (one string per line)
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import string
import subprocess
import sys

# The Windows machine that produced shared/vectors/windows_sddl_binary.tsv used this domain SID
# (shared/vectors/README.md); with it, domain-relative aliases (DU, LA, ...) resolve the same way.
DOMAIN_SID = "S-1-5-21-2457507606-2709100691-398136650"

DACL_TYPES = ("A", "D", "OA", "OD")
SACL_TYPES = ("AU", "OU")
OBJECT_TYPES = ("OA", "OD", "OU")
DACL_FLAGS_HINT = ("SA", "FA")  # audit flags: kept for SACL ACEs mostly


@dataclasses.dataclass
class Vocabulary:
    """Two-letter codes accepted by at least one implementation, and who accepts them."""
    aliases: list[str]
    rights: list[str]
    flags: list[str]
    ours_only: dict[str, list[str]]
    samba_only: dict[str, list[str]]
    rights_masks: dict[str, int]  # secdesc's value of each rights token it knows


def run_sddlc(sddlc: str, lines: list[str], *args: str) -> list[str]:
    """Runs `sddlc convert ARGS -` over lines; returns one output line per input line."""
    for line in lines:
        if "\n" in line or "\r" in line:
            raise ValueError(f"input line holds a line break: {line!r}")
    cmd = [sddlc, "convert", "--domain-sid", DOMAIN_SID, *args, "-"]
    proc = subprocess.run(cmd, input="".join(l + "\n" for l in lines), capture_output=True,
                          text=True, encoding="utf-8", errors="surrogateescape")
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()}")
    out = proc.stdout.split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(lines):
        raise RuntimeError(f"sddlc wrote {len(out)} lines for {len(lines)} inputs")
    return out


def samba_module():
    """Returns (security, ndr_pack) from Samba's Python binding, or raises ImportError."""
    from samba.dcerpc import security  # noqa: PLC0415 (optional dependency)
    from samba.ndr import ndr_pack  # noqa: PLC0415
    return security, ndr_pack


def discover_vocabulary(sddlc: str) -> Vocabulary:
    security, _ = samba_module()
    domain = security.dom_sid(DOMAIN_SID)

    def samba_accepts(text: str) -> bool:
        try:
            security.descriptor.from_sddl(text, domain)
            return True
        except Exception:  # Samba raises TypeError/ValueError for any bad string
            return False

    codes = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]
    probes = {
        "aliases": "O:{}",
        "rights": "D:(A;;{};;;WD)",
        "flags": "D:(A;{};;;;WD)",
    }
    found: dict[str, tuple[set[str], set[str]]] = {}
    for kind, template in probes.items():
        lines = [template.format(c) for c in codes]
        ours = run_sddlc(sddlc, lines, "--to", "json")
        ours_set = {c for c, o in zip(codes, ours) if not o.startswith("error")}
        samba_set = {c for c, line in zip(codes, lines) if samba_accepts(line)}
        found[kind] = (ours_set, samba_set)
    masks: dict[str, int] = {}
    rights_ours = sorted(found["rights"][0])
    for token, line in zip(rights_ours, run_sddlc(sddlc, [f"D:(A;;{t};;;WD)" for t in rights_ours],
                                                 "--to", "json")):
        masks[token] = int(json.loads(line)["dacl"]["aces"][0]["mask"], 16)
    return Vocabulary(
        aliases=sorted(found["aliases"][0] | found["aliases"][1]),
        rights=sorted(found["rights"][0] | found["rights"][1]),
        flags=sorted(found["flags"][0] | found["flags"][1]),
        ours_only={k: sorted(o - s) for k, (o, s) in found.items()},
        samba_only={k: sorted(s - o) for k, (o, s) in found.items()},
        rights_masks=masks,
    )


@dataclasses.dataclass
class Case:
    text: str
    kind: str  # plain, lenient, near-valid, mutated
    feature: str = ""  # for near-valid and mutated: what was injected


# --- the descriptor model -------------------------------------------------------------------

@dataclasses.dataclass
class SidModel:
    alias: str | None = None
    authority: int = 0
    subs: list[int] = dataclasses.field(default_factory=list)
    revision: int = 1


@dataclasses.dataclass
class AceModel:
    type: str
    flags: list[str]
    rights: list[str] | None  # tokens, or None when `number` is used
    number: int | None
    object_guid: str | None
    inherited_guid: str | None
    sid: SidModel


@dataclasses.dataclass
class AclModel:
    flags: list[str]
    aces: list[AceModel]
    null: bool = False


@dataclasses.dataclass
class SdModel:
    owner: SidModel | None
    group: SidModel | None
    dacl: AclModel | None
    sacl: AclModel | None


class Generator:
    def __init__(self, seed: int, vocab: Vocabulary):
        self.rng = random.Random(seed)
        self.vocab = vocab
        # Codes both implementations know are the common case; a code only one of them knows
        # is picked now and then, so each such gap shows up without drowning the rest.
        self.aliases = self.split(vocab.aliases, "aliases")
        self.rights = self.split(vocab.rights, "rights")
        self.flags = self.split(vocab.flags, "flags")

    def split(self, codes: list[str], kind: str) -> tuple[list[str], list[str]]:
        only = set(self.vocab.ours_only[kind]) | set(self.vocab.samba_only[kind])
        return [c for c in codes if c not in only], [c for c in codes if c in only]

    def pick(self, pool: tuple[list[str], list[str]], k: int = 1, avoid: tuple[str, ...] = ()) -> list[str]:
        common, rare = ([c for c in p if c not in avoid] for p in pool)
        out: list[str] = []
        for _ in range(k):
            src = rare if rare and self.rng.random() < 0.04 else common
            choice = self.rng.choice(src)
            if choice not in out:
                out.append(choice)
        return out

    # -- model --
    def guid(self) -> str:
        r = self.rng
        return "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}".format(
            r.getrandbits(32), r.getrandbits(16), r.getrandbits(16), r.getrandbits(16),
            r.getrandbits(48))

    def sid(self) -> SidModel:
        r = self.rng
        roll = r.random()
        if roll < 0.55:
            return SidModel(alias=self.pick(self.aliases)[0])
        if roll < 0.70:  # a domain account: S-1-5-21-<domain>-<rid>; 512..520 map to aliases
            dom = [int(p) for p in DOMAIN_SID.split("-")[3:]]
            rid = r.choice([500, 501, 512, 513, 514, 515, 516, 517, 518, 519, 520, 553, 1000 + r.randrange(5000)])
            return SidModel(authority=5, subs=dom + [rid])
        if roll < 0.85:  # small authorities, well-known shapes
            auth = r.choice([0, 1, 2, 3, 5, 5, 5, 15, 16, 18])
            n = r.choice([1, 1, 2, 2, 3, 5])
            return SidModel(authority=auth, subs=[r.choice([0, 1, 32, 544, 545, 4096, 8192, r.getrandbits(32)]) for _ in range(n)])
        auth = r.choice([r.getrandbits(32), r.getrandbits(48), (1 << 48) - 1, 1 << 32, r.randrange(1000)])
        n = r.choice([1, 4, 8, 14, 15, 15])
        return SidModel(authority=auth, subs=[r.getrandbits(r.choice([8, 16, 32])) for _ in range(n)])

    def ace(self, in_sacl: bool) -> AceModel:
        r = self.rng
        if in_sacl:
            ace_type = "ML" if r.random() < 0.05 else r.choice(SACL_TYPES)
        else:
            ace_type = r.choice(DACL_TYPES)
        flags = self.pick(self.flags, r.choice([0, 0, 1, 1, 2, 3]),
                          avoid=() if in_sacl else DACL_FLAGS_HINT)
        if in_sacl and ace_type != "ML" and not ({"SA", "FA"} & set(flags)) and r.random() < 0.8:
            flags.append(r.choice(["SA", "FA"]))
        rights: list[str] | None = None
        number: int | None = None
        if ace_type == "ML":
            rights = r.sample(["NW", "NR", "NX"], r.choice([1, 1, 2]))
        elif r.random() < 0.65:
            rights = self.pick(self.rights, r.choice([0, 1, 1, 2, 3, 5]))
        else:
            number = r.choice([0, 1, 0x1f, 0x1ff, 0x120089, 0x1f01ff, 0x10000000, 0xe0000000,
                               r.getrandbits(32), r.getrandbits(20)])
        og = ig = None
        if ace_type in OBJECT_TYPES:
            shape = r.random()
            if shape < 0.45:
                og = self.guid()
            elif shape < 0.65:
                ig = self.guid()
            elif shape < 0.9:
                og, ig = self.guid(), self.guid()
        sid = SidModel(alias=r.choice(["LW", "ME", "HI", "SI"])) if ace_type == "ML" else self.sid()
        return AceModel(ace_type, flags, rights, number, og, ig, sid)

    def acl(self, in_sacl: bool) -> AclModel:
        r = self.rng
        flags = [r.choice(["P", "AI", "AR"]) for _ in range(r.choice([0, 0, 0, 1, 1, 2, 3]))]
        if r.random() < 0.03:
            return AclModel(flags, [], null=True)
        n = r.choice([0, 1, 1, 2, 2, 3, 4, 6])
        return AclModel(flags, [self.ace(in_sacl) for _ in range(n)])

    def descriptor(self) -> SdModel:
        r = self.rng
        sacl = self.acl(True) if r.random() < 0.2 else None
        dacl = self.acl(False) if (r.random() < 0.9 or sacl is None) else None
        return SdModel(
            owner=self.sid() if r.random() < 0.4 else None,
            group=self.sid() if r.random() < 0.3 else None,
            dacl=dacl,
            sacl=sacl,
        )

    # -- rendering --
    def case(self) -> Case:
        r = self.rng
        model = self.descriptor()
        roll = r.random()
        if roll < 0.25:
            return Case(Renderer(self, lenient=False).sd(model), "plain")
        if roll < 0.60:
            return Case(Renderer(self, lenient=True).sd(model), "lenient")
        if roll < 0.80:
            feature = r.choice(NEAR_VALID_FEATURES)
            lenient = r.random() < 0.4
            for _ in range(8):  # until the model has a place for the feature
                renderer = Renderer(self, lenient, inject=feature)
                text = renderer.sd(model)
                if renderer.injected:
                    return Case(text, "near-valid", feature)
                model = self.descriptor()
            return Case(text, "lenient" if lenient else "plain")
        base = Renderer(self, lenient=r.random() < 0.5).sd(model)
        mutated, how = self.mutate(base)
        return Case(mutated, "mutated", how)

    def mutate(self, text: str) -> tuple[str, str]:
        r = self.rng
        if not text:
            return "D:", "empty base"
        pos = r.randrange(len(text))
        how = r.choice(["delete", "duplicate", "replace", "truncate"])
        if how == "delete":
            return text[:pos] + text[pos + 1:], how
        if how == "duplicate":
            return text[:pos + 1] + text[pos:], how
        if how == "replace":
            return text[:pos] + r.choice("();:-0123456789ABCDEFGOSPxaiuw ") + text[pos + 1:], how
        return text[:pos], how


LENIENCY_FAMILIES = ("space", "case", "number", "sid-form", "acl-flags", "order")

NEAR_VALID_FEATURES = (
    "space-after-type", "space-after-flags", "space-after-rights", "space-after-numeric-sid",
    "space-around-guid", "space-inside-token", "tab", "lower-section-letter", "lower-acl-flag",
    "space-in-section-tag", "audit-ace-in-dacl", "allow-ace-in-sacl", "guid-in-plain-ace",
    "sid-no-sub-authority", "sid-16-sub-authorities", "sid-authority-49-bits", "sid-revision-2",
    "unknown-alias", "null-acl-with-aces", "duplicate-section", "empty-sid", "extra-field",
    "missing-field", "trailing-space", "trailing-junk", "number-then-letters", "bare-0x",
    "guid-braces", "upper-0x-mixed-case", "sub-authority-overflow",
)


class Renderer:
    """Writes an SdModel as SDDL, plain or with Windows' leniencies, plus one injection."""

    def __init__(self, gen: Generator, lenient: bool, inject: str | None = None):
        self.gen = gen
        self.rng = gen.rng
        self.lenient = lenient
        self.inject = inject
        self.injected = False
        # A lenient string uses one to three families of Windows leniencies, so that a case
        # that one implementation rejects usually has one reason.
        k = self.rng.choice([1, 1, 1, 2, 2, 3])
        self.families = set(self.rng.sample(LENIENCY_FAMILIES, k)) if lenient else set()

    def chance(self, p: float, family: str) -> bool:
        return family in self.families and self.rng.random() < p

    def want(self, feature: str, p: float = 0.5) -> bool:
        """True (once) when `feature` is the injection and the dice say here."""
        if self.inject == feature and not self.injected and self.rng.random() < p:
            self.injected = True
            return True
        return False

    def sp(self, p: float = 0.15) -> str:
        return " " * self.rng.choice([1, 1, 2]) if self.chance(2 * p, "space") else ""

    def case_of(self, token: str, p: float = 0.2) -> str:
        if self.chance(2 * p, "case"):
            return "".join(c.lower() if self.rng.random() < 0.7 else c for c in token)
        return token

    def sd(self, m: SdModel) -> str:
        r = self.rng
        parts: list[tuple[str, str]] = []
        if m.owner is not None:
            parts.append(("O", self.sid_text(m.owner, owner_or_group=True)))
        if m.group is not None:
            parts.append(("G", self.sid_text(m.group, owner_or_group=True)))
        if m.dacl is not None:
            parts.append(("D", self.acl_text(m.dacl, in_sacl=False)))
        if m.sacl is not None:
            parts.append(("S", self.acl_text(m.sacl, in_sacl=True)))
        if self.chance(0.5, "order"):
            r.shuffle(parts)
        if parts and self.want("duplicate-section", 1.0):
            parts.append(r.choice(parts))
        out = ""
        for tag, body in parts:
            letter = tag
            if self.want("lower-section-letter", 0.7):
                letter = tag.lower()
            colon = " :" if self.want("space-in-section-tag", 0.7) else ":"
            out += self.sp(0.15) + letter + colon + body
        if self.want("trailing-space", 1.0):
            out += " "
        if self.want("trailing-junk", 1.0):
            out += r.choice(["x", ")", "(", ";", "D", "0", "S:X"])
        return out

    def acl_text(self, acl: AclModel, in_sacl: bool) -> str:
        out = ""
        for f in acl.flags:
            if self.want("lower-acl-flag", 0.7):
                f = f.lower()
            out += self.sp(0.2) + f
            if self.chance(0.5, "acl-flags"):
                out += f  # a repeated flag
        aces = list(acl.aces)
        if acl.null:
            out += self.sp(0.2) + "NO_ACCESS_CONTROL"
            if self.want("null-acl-with-aces", 1.0):
                aces = [self.gen.ace(in_sacl)]
            else:
                aces = []
        for ace in aces:
            out += self.sp(0.15) + self.ace_text(ace, in_sacl)
        return out

    def ace_text(self, a: AceModel, in_sacl: bool) -> str:
        r = self.rng
        ace_type = a.type
        if not in_sacl and self.want("audit-ace-in-dacl", 0.5):
            ace_type = r.choice(["AU", "OU"])
        if in_sacl and self.want("allow-ace-in-sacl", 0.7):
            ace_type = r.choice(["A", "D"])
        fields: list[str] = []
        t = self.case_of(ace_type, 0.15)
        if self.want("space-after-type", 0.5):
            t += " "
        fields.append(self.sp(0.1) + t)
        flags = "".join(self.case_of(f, 0.1) for f in a.flags)
        if flags and self.want("space-after-flags", 0.5):
            flags += " "
        fields.append(self.sp(0.1) + flags)
        fields.append(self.sp(0.1) + self.rights_text(a))
        og, ig = a.object_guid, a.inherited_guid
        if a.type not in OBJECT_TYPES and self.want("guid-in-plain-ace", 0.6):
            og = self.gen.guid()
        fields.append(self.guid_text(og))
        fields.append(self.guid_text(ig))
        fields.append(self.sp(0.1) + self.sid_text(a.sid, owner_or_group=False))
        if self.want("extra-field", 0.3):
            fields.append(r.choice(["", "WD", "x"]))
        if self.want("missing-field", 0.3):
            del fields[r.randrange(1, len(fields))]
        body = ";".join(fields)
        if self.want("tab", 0.3):
            pos = r.randrange(len(body) + 1)
            body = body[:pos] + "\t" + body[pos:]
        return "(" + body + ")"

    def guid_text(self, guid: str | None) -> str:
        if guid is None:
            return " " if self.chance(0.1, "space") else ""
        g = guid.upper() if self.chance(0.5, "case") else guid
        if self.want("space-around-guid", 0.6):
            return self.rng.choice([" " + g, g + " "])
        if self.want("guid-braces", 0.6):
            return "{" + g + "}"
        return g

    def rights_text(self, a: AceModel) -> str:
        r = self.rng
        if a.rights is not None:
            tokens = list(a.rights)
            if self.want("number-then-letters", 0.5):
                return format(r.getrandbits(16), "#x") + "".join(tokens or ["GR"])
            out = ""
            for i, tok in enumerate(tokens):
                if i and self.chance(0.3, "space"):
                    out += " " * r.choice([1, 2])
                out += self.case_of(tok, 0.15)
                if self.want("space-inside-token", 0.3):
                    out = out[:-1] + " " + out[-1]
            if out and self.want("space-after-rights", 0.6):
                out += " "
            return out
        n = a.number if a.number is not None else 0
        if self.want("bare-0x", 0.6):
            return r.choice(["0x", "-", "0x-1", "0xg"])
        if self.want("upper-0x-mixed-case", 0.6):
            return "0X" + format(n, "X")
        text = format(n, "#x")
        if "number" in self.families:
            form = r.choice(["hex", "HEX", "octal", "decimal", "negative", "overflow", "padded"])
            if form == "HEX":
                text = "0X" + format(n, "X")
            elif form == "octal":
                text = "0" + format(n, "o") if n else "0"
            elif form == "decimal":
                text = str(n)
            elif form == "negative":
                text = r.choice(["-" + str(r.choice([1, 2, 99, n or 1, 9876543210])),
                                 "-" + format(r.choice([1, 0xff, 0xffffff55]), "#x")])
            elif form == "overflow":
                text = r.choice([str((1 << 32) + n), format((1 << 33) | n, "#x"),
                                 "1" + "0" * r.choice([10, 20, 24])])
            elif form == "padded":
                text = "0x" + format(n, "012x")
        if self.want("space-after-rights", 0.6):
            text += " "
        return text

    def sid_text(self, s: SidModel, owner_or_group: bool) -> str:
        r = self.rng
        if self.want("unknown-alias", 0.3):
            return r.choice(["XX", "WDX", "Q1", "W", "ZZ"])
        if self.want("empty-sid", 0.3):
            return ""
        if s.alias is not None:
            text = self.case_of(s.alias, 0.2)
            if self.want("space-inside-token", 0.3):
                text = text[0] + " " + text[1:]
            return text + self.sp(0.15)
        auth, subs, rev = s.authority, list(s.subs), 1
        if self.want("sid-no-sub-authority", 0.5):
            subs = []
        if self.want("sid-16-sub-authorities", 0.5):
            subs = (subs * 16)[:16] if subs else [1] * 16
        if self.want("sid-authority-49-bits", 0.5):
            auth = (1 << 48) + r.getrandbits(16)
        if self.want("sid-revision-2", 0.5):
            rev = r.choice([0, 2, 3])
        if subs and self.want("sub-authority-overflow", 0.5):
            subs[r.randrange(len(subs))] = (1 << 32) + r.getrandbits(20)
        hex_all = self.chance(0.1, "sid-form")
        parts = ["0x1" if hex_all else str(rev)]
        auth_form = "hex" if hex_all or self.chance(0.3, "sid-form") else "dec"
        parts.append(self.num(auth, auth_form, hex_all))
        if not hex_all and auth_form == "dec" and self.chance(0.03, "sid-form"):
            parts[-1] = "0" + parts[-1]
        for sub in subs:
            if hex_all:
                parts.append(self.num(sub, "bare-hex", True))
            elif self.chance(0.25, "sid-form"):
                parts.append(self.num(sub, "hex", False))
            elif self.chance(0.05, "sid-form"):
                parts.append(str((1 << 32) + sub))  # saturates to 4294967295
            elif self.chance(0.03, "sid-form"):
                parts.append("0" + str(sub))  # a leading zero: still decimal
            else:
                parts.append(str(sub))
        text = self.case_of("S", 0.1)
        for p in parts:
            text += "-" + self.sp(0.1) + p
        if self.want("space-after-numeric-sid", 0.7):
            text += " "
        return text

    def num(self, value: int, form: str, hex_all: bool) -> str:
        if form == "dec":
            return str(value)
        if form == "bare-hex":  # after S-0x1- every part is hex, with or without 0x
            return format(value, "x") if self.rng.random() < 0.5 else format(value, "#x")
        return self.rng.choice(["0x", "0X"]) + format(value, self.rng.choice(["x", "X"]))


def generate(seed: int, count: int, vocab: Vocabulary) -> list[Case]:
    gen = Generator(seed, vocab)
    return [gen.case() for _ in range(count)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sddlc", required=True, help="path to sddlc (for the vocabulary)")
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", action="store_true", help="prefix each line with its kind")
    args = ap.parse_args()
    vocab = discover_vocabulary(args.sddlc)
    for case in generate(args.seed, args.cases, vocab):
        print(f"{case.kind}\t{case.feature}\t{case.text}" if args.kinds else case.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
