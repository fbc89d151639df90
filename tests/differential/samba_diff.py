#!/usr/bin/env python3
"""Differential test of secdesc's SDDL parser against Samba's (an independent implementation).

Every generated case (sddl_gen.py) goes through
  secdesc:  sddlc convert --domain-sid D --to json -      (one line per case)
  Samba:    security.descriptor.from_sddl(case, D) and ndr_pack
and the two are compared: accepted or rejected, and for cases both accept the descriptor itself.
Samba's bytes are decoded by secdesc (sddlc convert --from hex --to json), so both sides are
compared as secdesc's canonical SDDL plus the 16-bit control word. What only differs in the
encoding is normalised and counted, not reported: Samba writes ACL revision 4 for every ACL,
Windows (and secdesc) write 2 unless the ACL holds an object ACE (windows_sddl_accepted.tsv,
Wine: "D:(A;;GA;;;WD)" has AclRevision 2; windows_sddl_binary.tsv), and Samba lays the parts out
owner, group, SACL, DACL where Windows writes SACL, DACL, owner, group.

Every disagreement must fall in a known class (KNOWN_CLASSES below) or the script exits 1:
  * a REWRITE class explains a case secdesc accepts when rewriting the class's feature in a way
    that keeps Windows' meaning (sddl_rewrite.py) makes Samba produce secdesc's descriptor, and
    secdesc reads the rewritten string the same way (so the rewrite is checked both ways);
  * a REJECT class explains a case secdesc rejects and Samba accepts when secdesc's error message
    names the class's feature.
Each class says who is right and why (the vector file and row, or the document).

Usage: samba_diff.py --sddlc PATH [--cases N] [--seed S] [--examples K] [--show CLASS]
       samba_diff.py --sddlc PATH --self-test   (one example per class; a planted disagreement)
Exit status: 0 every disagreement explained, 1 some unexplained, 2 setup error.
"""
from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import os
import re
import sys
import time

sys.dont_write_bytecode = True  # run from the source tree: leave no __pycache__ there
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sddl_gen  # noqa: E402
import sddl_rewrite as rw  # noqa: E402


# --- the table of known disagreement classes ------------------------------------------------

SECDESC = "secdesc (Windows)"
UNKNOWN = "unknown: no Windows vector"


@dataclasses.dataclass
class RewriteClass:
    """secdesc accepts; Samba rejects or reads something else. Predicate: the rewrite applies,
    and after it Samba and secdesc agree (see module docstring)."""
    name: str
    rewrite: str  # a key of Differ.fns: the sddl_rewrite.Rewriter method that does it
    right: str
    evidence: str
    expected: str = ""  # how secdesc's output is adjusted when the rewrite drops something
    # When Samba still rejects after every rewrite, the class explains the case if the
    # rewritten text matches this pattern (for what no rewrite can express to Samba 4.17).
    still_rejected_if: str = ""


@dataclasses.dataclass
class RejectClass:
    """secdesc rejects; Samba accepts. Predicate: secdesc's error message matches `error`, and
    the case text contains `text` (a regex) when given."""
    name: str
    error: str
    right: str
    evidence: str
    text: str = ""  # a regex the case text must also contain (re.search), when given


V = "../shared/vectors/"
KNOWN_CLASSES: list[RewriteClass | RejectClass] = [
    # ---- Windows leniencies Samba 4.17 does not have (secdesc accepts, Samba rejects/misreads)
    RewriteClass(
        "samba-rejects-windows-whitespace", "whitespace", SECDESC,
        V + "windows_sddl_roundtrip.tsv WINDOWS-OBSERVED rows 'D: (A;;GA;;;LG)', "
        "'D:(A;;GA;;; WD)', 'D:(A;;GA;; ;S-1-3-4)', '  O:AA G:WD ', 'O:S- 1- 2-3', "
        "'D:P(A;;GA;;;LG) (A;;GX;;;AA)' (windows_is_less_fussy.txt); windows_sddl_accepted.tsv "
        "Wine rows ' D:(D;;GA;;;WD)', 'D:(D;; GA;;;WD)'; roundtrip 'D:AI(A;CI;RP LCLO  RC;;;AU)' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST)). Samba 4.17 rejects most of these and reads "
        "'; GA' and 'GA GR' as fewer rights."),
    RewriteClass(
        "white-space-where-no-vector-shows-windows", "whitespace_unevidenced",
        "secdesc probably: Windows skips spaces before every section, flag and ACE (rows above), "
        "but these two places are not in a vector",
        "no row for a space between two ACL flags ('D:P AI') or at the very end of the string "
        "after an ACE ('D:(A;;GA;;;WD) '); secdesc's parser skips spaces at both, as at the "
        "evidenced places."),
    RewriteClass(
        "samba-rejects-lower-case", "upper_case", SECDESC,
        V + "windows_sddl_roundtrip.tsv WINDOWS-OBSERVED rows 'D:(a;;GA;;;LG)', "
        "'D:(A;;ga;;;LG)', 'D:(A;;GA;;;lg)'; windows_sid_strings.tsv Wine rows 'wD' and "
        "'s-1-12-1'. Samba 4.17 rejects lower-case rights/aliases and reads lower-case ACE flags "
        "as none (lower-case flags themselves are not in a Windows vector; secdesc treats them "
        "like the other tokens)."),
    RewriteClass(
        "samba-misreads-decimal-octal-0X-rights", "number_forms", SECDESC,
        V + "windows_sddl_accepted.tsv Wine rows 'D:(A;;1;;;WD)' (mask 0x1), "
        "'D:(A;;020000000000;;;WD)' (0x80000000), 'D:(A;;0X40000000;;;WD)' (0x40000000); "
        "windows_sddl_roundtrip.tsv 'D:(A;;16;;;LG)' -> RP. Samba 4.17 reads all of them as 0."),
    RewriteClass(
        "samba-misreads-negative-rights", "negative_rights", SECDESC,
        V + "windows_sddl_roundtrip.tsv WINDOWS-OBSERVED rows 'D:(A;;-99;;;LG)' -> 0xffffff9d, "
        "'D:(A;;-0xffffff55;;;LG)', 'D:(A;;-9876543210;;;LG)' -> CC (windows_is_weird.txt)."),
    RewriteClass(
        "samba-misreads-overflowing-rights", "overflowing_rights", SECDESC,
        V + "windows_sddl_roundtrip.tsv WINDOWS-OBSERVED rows 'D:(A;;0x123456789;;;LG)' and "
        "'D:(A;;100000000000000000000000;;;LG)' -> 0xffffffff (windows_is_weird.txt). Samba 4.17 "
        "truncates to the low 32 bits or reads 0."),
    RewriteClass(
        "numbers-combined-in-one-rights-field", "mixed_rights",
        "Windows accepts; the value is not in a vector (secdesc ORs the parts, also two numbers "
        "separated by a space)",
        V + "windows_sddl_accepted.tsv Wine rows 'S:(AU;;GR0xFFFFFFFF;;;WD)', "
        "'S:(AU;;0xFFFFFFFFGR;;;WD)', 'S:(AU;;0xFFFFFGR;;;WD)' (accepted; mask not asserted). "
        "Samba 4.17 keeps only what precedes the first change between number and letters."),
    RewriteClass(
        "samba-FA-is-0x1ff", "rights_fa", SECDESC,
        V + "windows_sddl_binary.tsv WIN-BYTES rows with FA, e.g. 'D:(A;;DC;;;CO)(A;;FA;;;WD)' "
        "(mask bytes ff011f00 = 0x1f01ff). Samba 4.17 maps FA to 0x1ff."),
    RewriteClass(
        "samba-keeps-object-ace-without-guids", "object_ace_plain", SECDESC,
        "MS Learn 'ACE Strings': an OA ACE with neither object_guid nor inherit_object_guid is "
        "converted to an A ACE; " + V + "windows_sddl_binary.tsv: none of the 11,483 object ACEs "
        "in Windows' bytes has ObjectFlags 0. Samba 4.17 keeps the object type."),
    RewriteClass(
        "samba-lacks-registry-rights-KA-KR-KW-KX", "rights_registry", SECDESC,
        V + "windows_sddl_accepted.tsv Wine row 'D:(A;;KAKRKWKX;;;WD)'; windows_sddl_binary.tsv "
        "registry-object-rights.json rows, e.g. 'D:(A;;CCLCRPRC;;;WD)(A;;KA;;;BA)' "
        "(KA = 0xf003f)."),
    RewriteClass(
        "label-rights-NW-NR-NX-outside-label-aces", "rights_label",
        "unknown: no Windows vector (secdesc accepts them in any ACE, as the rights field is "
        "read the same way for every ACE type)",
        "MS Learn 'ACE strings' lists NW/NR/NX as 'mandatory label rights'; Samba 4.17 does not "
        "know them."),
    RewriteClass(
        "samba-misreads-hex-sid-parts", "sid_hex", SECDESC,
        V + "windows_sddl_roundtrip.tsv WINDOWS-OBSERVED rows 'D:(A;;CC;;;S-0x1-0-0-579)' -> "
        "S-1-0-0-1401, 'D:(A;;GA;;;S-1-3-0x100000000-3-4)'; SAMBA-ASSERTED(WINDOWS-RUN-LIST) "
        "rows 'S-1-0x20-3-4' -> S-1-32-3-4, 'S-1-5-21-0x1-0x2-0x3-513'; windows_sid_strings.tsv "
        "Wine row 'S-0x1-0XC-0x1a' -> S-1-12-26. Samba 4.17 reads a hex part as 0 or rejects."),
    RewriteClass(
        "sid-authority-with-leading-zeros", "sid_authority_zeros",
        "unknown: no Windows vector (secdesc reads decimal, as for sub-authorities, where "
        "Samba 4.17 agrees; Samba reads the authority as octal)",
        "no row has a decimal SID part with a leading zero."),
    RewriteClass(
        "samba-rejects-sub-authority-overflow", "sid_saturate", SECDESC,
        V + "windows_sddl_roundtrip.tsv WINDOWS-OBSERVED rows 'D:(A;;GA;;;S-1-3-4294967296-3-4)' "
        "-> S-1-3-4294967295-3-4 and 'S-1-5-21-0x1313131313131-513' (windows_is_weird.txt)."),
    RewriteClass(
        "samba-lacks-sid-aliases", "sid_aliases",
        "secdesc (alias list); the SIDs come from secdesc's table and are not cross-checked here",
        "MS Learn 'SID strings' / sddl.h (shared/notes/windows-object-facts.md section 7): "
        "HO, SH, CU are newer aliases Samba 4.17 does not have."),
    RewriteClass(
        "samba-lacks-ace-flag-TP", "tp_as_sa",
        "secdesc (TRUST_PROTECTED_FILTER_ACE_FLAG 0x40, SDDL 'TP', the bit SA names)",
        "MS Learn 'ACE strings' (TP = SDDL_TRUST_PROTECTED_FILTER, TRUST_PROTECTED_FILTER_ACE_FLAG); "
        "ntifs.h: TRUST_PROTECTED_FILTER_ACE_FLAG and SUCCESSFUL_ACCESS_ACE_FLAG are both 0x40 "
        "(docs/sddl.md). No Windows vector uses it."),
    RewriteClass(
        "samba-lacks-ace-flag-CR", "drop_flags",
        "secdesc (CRITICAL_ACE_FLAG 0x20, SDDL 'CR')",
        "shared/notes/windows-object-facts.md (ACE flags table: CR = CRITICAL_ACE_FLAG 0x20, "
        "MS Learn 'ACE strings' and the SDK). No Windows vector uses it.",
        expected="flags"),
    RewriteClass(
        "samba-lacks-mandatory-label", "drop_label_aces", SECDESC,
        V + "windows_sddl_accepted.tsv Wine row 'D:P(A;;GRGW;;;BA)...S:(ML;;NWNR;;;S-1-16-12288)'. "
        "Samba 4.17 has no ML ACE type.",
        expected="labels"),
    RewriteClass(
        "samba-lacks-null-acl", "drop_null_acl", SECDESC,
        V + "windows_sd_to_string.tsv Wine row: a NULL DACL is written 'D:NO_ACCESS_CONTROL' "
        "(Vista+); MS Learn 'Security Descriptor String Format' lists NO_ACCESS_CONTROL as an ACL "
        "flag. Samba 4.17 rejects it.",
        expected="null"),
    RewriteClass(
        "samba-rejects-acl-flags-before-next-section", "flagged_empty_acl_last", SECDESC,
        V + "windows_sddl_roundtrip.tsv SAMBA-ASSERTED(WINDOWS-RUN-LIST) rows 'D:PS:' (canonical) "
        "and 'S:D:P' -> 'D:PS:' (the output is also a Windows-emitted key in "
        "windows_sddl_binary.tsv). Samba 4.17 rejects ACL flags followed directly by a section "
        "tag; the rewrite moves such a section to the end (section order does not matter); with "
        "two such sections, the pattern alone explains the case.",
        still_rejected_if=r"[DS]:(?:P|AI|AR|NO_ACCESS_CONTROL)+[OGDS]:"),
    # ---- Samba 4.17 accepts what secdesc rejects
    RejectClass(
        "samba-accepts-space-after-ace-type", r"unexpected space after the ACE type", SECDESC,
        V + "windows_sddl_invalid.tsv WINE-TEST(RUNS-ON-WINDOWS) row 'D:(D ;;GA;;;WD)' "
        "(ERROR_INVALID_ACL / RPC_S_INVALID_STRING_UUID)."),
    RejectClass(
        "samba-accepts-space-after-rights", r"unexpected space after the rights", SECDESC,
        V + "windows_sddl_invalid.tsv WINE-TEST(RUNS-ON-WINDOWS) row 'D:(D;;GA ;;;WD)' "
        "(ERROR_INVALID_ACL); SAMBA-ASSERTED(WINDOWS-RUN-LIST) rows 'D:(A;;GA ;;;LG)', "
        "'D:(A;;123456789 ;;;LG)'."),
    RejectClass(
        "samba-accepts-space-after-numeric-sid", r"unexpected ' ' in SID", SECDESC,
        V + "windows_sddl_invalid.tsv row 'D:(A;;GA;;;S-1-3-4 )' (SAMBA-ASSERTED(WINDOWS-RUN-LIST): "
        "Samba's later list of strings Windows rejects; Samba 4.17 itself accepts it)."),
    RejectClass(
        "space-after-ace-flags", r"unknown ACE flag ' '", UNKNOWN + " (secdesc rejects, the "
        "safe reading; Windows rejects a space after the type and after the rights)",
        "no row; analogous rows: windows_sddl_invalid.tsv 'D:(D ;;GA;;;WD)', 'D:(D;;GA ;;;WD)'."),
    RejectClass(
        "samba-accepts-audit-ace-in-dacl", r"is not allowed in a DACL", SECDESC,
        V + "windows_sddl_invalid.tsv WINDOWS-OBSERVED row "
        "'D:(A;;RP;;;WD)(AU;SA;CR;;;BA)(AU;SA;CR;;;DU)' (windows_is_fussy.txt)."),
    RejectClass(
        "samba-accepts-allow-ace-in-sacl", r"is not allowed in a SACL",
        "secdesc by analogy (Windows rejects the mirror case, an audit ACE in a DACL)",
        "no row for A/D in a SACL; " + V + "windows_sddl_invalid.tsv WINDOWS-OBSERVED row "
        "(windows_is_fussy.txt) for the mirror case."),
    RejectClass(
        "guid-in-non-object-ace", r"takes no GUIDs", UNKNOWN + " (Samba 4.17 drops the GUID "
        "silently; secdesc rejects rather than lose it)",
        "no row; MS Learn 'ACE strings': the GUID fields belong to object ACEs."),
    RejectClass(
        "samba-accepts-sid-revision-not-1", r"SID revision must be 1",
        "secdesc (MS-DTYP 2.4.2: Revision MUST be 0x01); Windows' reading is not in a vector",
        "MS-DTYP 2.4.2 SID; " + V + "windows_sddl_invalid.tsv rows 'O:S-0', 'O:S-10' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST), incomplete SIDs)."),
    RejectClass(
        "samba-accepts-sid-without-sub-authority", r"needs at least one sub-authority", SECDESC,
        V + "windows_sid_strings.tsv WINE-TEST row 'S-1-5' (ConvertStringSidToSid fails, "
        "ERROR_INVALID_SID)."),
    RejectClass(
        "samba-misreads-authority-over-48-bits", r"does not fit in 48 bits", SECDESC,
        V + "windows_sddl_invalid.tsv row 'D:(A;;GA;;;S-1-0x1313131313131-513)' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST)); MS-DTYP 2.4.1 (IdentifierAuthority is 6 bytes)."),
    RejectClass(
        "samba-ignores-junk-in-rights", r"unknown access right|expected a number after the sign",
        SECDESC,
        V + "windows_sddl_invalid.tsv WINE-TEST(RUNS-ON-WINDOWS) row 'D:(A;;ROB;;;WD)' "
        "(ERROR_INVALID_ACL); SAMBA-ASSERTED(WINDOWS-RUN-LIST) 'S:(AU;SA;CROOO;;;WD)...'. "
        "Samba 4.17 keeps the rights before the junk."),
    RejectClass(
        "samba-ignores-junk-in-ace-flags", r"unknown ACE flag '(?! ')",
        "secdesc probably (no Windows row for a bad ACE flag)",
        "no row; Samba's own later parser rejects unknown flags (its should_fail list has none)."),
    RejectClass(
        "samba-ignores-junk-after-sid",
        r"unexpected '[^ ]' in SID|unexpected .* after the SID alias|unknown SID '[A-Za-z]{2}[^']+'",
        SECDESC,
        V + "windows_sddl_invalid.tsv WINE-TEST(RUNS-ON-WINDOWS) row 'D:(D;;GA;;;WDANDSUCH)' "
        "(ERROR_INVALID_ACL); windows_sid_strings.tsv Wine row 'WDandmorecharacters' fails. Samba "
        "4.17 keeps the numeric SID up to the junk."),
    RejectClass(
        "samba-ignores-extra-ace-fields", r"too many fields in ACE", SECDESC,
        V + "windows_sddl_invalid.tsv rows 'D:(A;;GA;;;LG;)', 'D:(A;;GA;;;LG;;)' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST))."),
    RejectClass(
        "samba-accepts-paren-inside-ace", r"unexpected '\(' inside an ACE", SECDESC,
        V + "windows_sddl_invalid.tsv rows 'D:((A;;GA;;;LG))', "
        "'D:(D:()D:())D:(A;;0x75bcd15;;;LG))' (SAMBA-ASSERTED(WINDOWS-RUN-LIST)). Samba 4.17 "
        "stops reading the rights at the '('."),
    RejectClass(
        "samba-accepts-malformed-numeric-sid",
        r"expected the SID [a-z-]+ \(a number\) here|expected '-' and the SID authority", SECDESC,
        V + "windows_sddl_invalid.tsv rows 'O:S-1-', 'O:S-0x1-', 'O:S-1' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST)). Samba 4.17 reads a prefix of the SID, or a part it "
        "cannot read as 0."),
    RejectClass(
        "samba-accepts-guid-in-braces", r"invalid (?:inherited )?object type GUID '\{", SECDESC,
        V + "windows_sddl_invalid.tsv row 'D:(A;;GA;;{f30e3bbf-9ff0-11d1-b603-0000f80367c1};WD)' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST))."),
    RejectClass(
        "samba-accepts-unknown-section-letter",
        r"expected a section 'O:', 'G:', 'D:' or 'S:'|found '.:|unknown SID '.'", SECDESC,
        V + "windows_sddl_invalid.tsv WINE-TEST(RUNS-ON-WINDOWS) row 'ERROR:(D;;GA;;;WD)' "
        "(ERROR_INVALID_PARAMETER); rows 'Z:(A;;GA;;;SY)', 'Q:(A;;GA;;;RU)' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST)). Samba 4.17 skips a section with an unknown letter "
        "('Q:', ' :', '::'); secdesc reports it where it is, or, after an owner or group, as "
        "the one-letter SID before it ('G:PU::' -> 'P', Windows' rule for where O:/G: end).",
        text=r"[^OGDS]:"),
    RejectClass(
        "samba-reads-callback-ace-without-condition", r"needs a 7th field after the SID",
        "secdesc: a callback ACE (XA, XD, XU, ZA) or an RA ACE written without its condition or "
        "attribute field is incomplete; Samba 4.17 reads an ACE type it does not know, such as "
        "'xD', as A",
        "MS Learn 'ACE strings' and [MS-DTYP] 2.5.1 (XA, XD, XU, ZA take a conditional "
        "expression, RA a resource attribute, as the seventh field); docs/conditional-aces.md."),
    RejectClass(
        "samba-accepts-lower-case-section-letter", r"section letter '[ogds]' must be upper case",
        "secdesc probably: Samba's own list of strings Windows rejects, not a proven Windows "
        "result (the README says so)",
        V + "windows_sddl_invalid.tsv row 'd:(A;;GA;;;LG)' (SAMBA-ASSERTED(WINDOWS-RUN-LIST)). "
        "Samba 4.17 skips a lower-case section as it skips 'Q:'."),
    RejectClass(
        "samba-accepts-sid-over-15-sub-authorities", r"at most 15 sub-authorities",
        "secdesc (MS-DTYP); no Windows row",
        "MS-DTYP 2.4.2 (SubAuthorityCount at most 15). Samba 4.17 rejects 16 decimal parts too; "
        "it accepts only when it stops reading at a hex part it cannot read (so it never sees "
        "the 16th)."),
    RejectClass(
        "samba-reads-ace-type-prefix", r"unknown ACE type", SECDESC,
        V + "windows_sddl_invalid.tsv row 'D:(Antlers;;GA;;;SY)' "
        "(SAMBA-ASSERTED(WINDOWS-RUN-LIST)). Samba 4.17 reads 'AA', 'DA', 'AD'... as A or D."),
]


# --- running both implementations -----------------------------------------------------------

@dataclasses.dataclass
class Outcome:
    ok: bool
    sddl: str = ""
    control: int = 0
    revisions: tuple = ()
    error: str = ""
    offset: int = -1

    def same(self, other: "Outcome") -> bool:
        return self.ok and other.ok and self.sddl == other.sddl and self.control == other.control


def outcome_from_sddlc(line: str) -> Outcome:
    if line.startswith("error: "):
        m = re.match(r"error: (\d+): (.*)", line)
        if m:
            return Outcome(False, error=m.group(2), offset=int(m.group(1)))
        return Outcome(False, error=line[7:])
    j = json.loads(line)
    revs = tuple(j[k].get("revision") if isinstance(j[k], dict) else j[k] for k in ("dacl", "sacl"))
    return Outcome(True, j["sddl"], int(j["control"], 16), revs)


class Samba:
    def __init__(self):
        self.security, self.ndr_pack = sddl_gen.samba_module()
        self.domain = self.security.dom_sid(sddl_gen.DOMAIN_SID)

    def hex(self, text: str) -> str | None:
        try:
            sd = self.security.descriptor.from_sddl(text, self.domain)
            return self.ndr_pack(sd).hex()
        except Exception:  # Samba reports every bad string as an exception
            return None


class Differ:
    def __init__(self, sddlc: str, vocab: sddl_gen.Vocabulary):
        self.sddlc = sddlc
        self.vocab = vocab
        self.samba = Samba()
        ours_only_aliases = vocab.ours_only["aliases"]
        alias_sids = {}
        if ours_only_aliases:
            lines = sddl_gen.run_sddlc(sddlc, [f"O:{a}" for a in ours_only_aliases], "--to", "json")
            alias_sids = {a: json.loads(l)["owner"]["sid"] for a, l in zip(ours_only_aliases, lines)}
        samba_rights = set(vocab.rights) - set(vocab.ours_only["rights"])
        samba_flags = set(vocab.flags) - set(vocab.ours_only["flags"])
        self.samba_flags = samba_flags
        self.rewriter = rw.Rewriter(vocab.rights_masks, samba_rights, samba_flags,
                                    set(vocab.aliases) - set(ours_only_aliases), alias_sids)
        registry = {t for t in vocab.ours_only["rights"] if t.startswith("K")}
        label_rights = {t for t in vocab.ours_only["rights"] if t.startswith("N")}
        fa = {t for t in ("FA",) if t in vocab.rights_masks}
        self.fns = {
            "whitespace": self.rewriter.whitespace,
            "whitespace_unevidenced": self.rewriter.whitespace_unevidenced,
            "upper_case": self.rewriter.upper_case,
            "number_forms": self.rewriter.number_forms,
            "negative_rights": self.rewriter.negative_rights,
            "overflowing_rights": self.rewriter.overflowing_rights,
            "mixed_rights": self.rewriter.mixed_rights,
            "rights_fa": self.rewriter.rights_tokens_samba_lacks(fa),
            "rights_registry": self.rewriter.rights_tokens_samba_lacks(registry),
            "rights_label": self.rewriter.rights_tokens_samba_lacks(label_rights),
            "sid_hex": self.rewriter.sid_hex,
            "sid_saturate": self.rewriter.sid_saturate,
            "sid_authority_zeros": self.rewriter.sid_authority_zeros,
            "sid_aliases": self.rewriter.aliases_samba_lacks,
            "tp_as_sa": self.rewriter.tp_as_sa,
            "drop_flags": self.rewriter.drop_flags_samba_lacks,
            "drop_label_aces": self.rewriter.drop_label_aces,
            "object_ace_plain": self.rewriter.object_ace_without_guids,
            "drop_null_acl": self.rewriter.drop_null_acl,
            "flagged_empty_acl_last": self.rewriter.flagged_empty_acl_last,
        }
        self.rewrite_classes = [c for c in KNOWN_CLASSES if isinstance(c, RewriteClass)]
        self.reject_classes = [c for c in KNOWN_CLASSES if isinstance(c, RejectClass)]

    def ours(self, texts: list[str]) -> list[Outcome]:
        return [outcome_from_sddlc(l) for l in sddl_gen.run_sddlc(self.sddlc, texts, "--to", "json")]

    def theirs(self, texts: list[str]) -> list[Outcome]:
        """Samba's result for each text, decoded by secdesc. A failed decode is an Outcome with
        ok=False and error 'secdesc cannot decode Samba's bytes: ...'."""
        hexes = [self.samba.hex(t) for t in texts]
        todo = [h for h in hexes if h is not None]
        decoded = iter(sddl_gen.run_sddlc(self.sddlc, todo, "--from", "hex", "--to", "json")) if todo else iter(())
        out = []
        for h in hexes:
            if h is None:
                out.append(Outcome(False, error="samba rejects"))
                continue
            o = outcome_from_sddlc(next(decoded))
            if not o.ok:
                o = Outcome(False, error=f"secdesc cannot decode Samba's bytes: {o.error}",
                            sddl="DECODE-FAILED:" + h)
            out.append(o)
        return out

    def adjust(self, sddl: str, classes: list[RewriteClass]) -> str:
        for c in classes:
            if c.expected == "flags":
                sddl = rw.expected_without_flags(sddl, self.samba_flags)
            elif c.expected == "labels":
                sddl = rw.expected_without_label_aces(sddl)
            elif c.expected == "null":
                sddl = rw.expected_without_null_acl(sddl)
        return sddl

    def apply(self, text: str, classes: list[RewriteClass]) -> str:
        pieces = rw.split(text)
        for c in classes:
            self.fns[c.rewrite](pieces)
        return rw.join(pieces)

    def applicable(self, text: str) -> list[RewriteClass]:
        """The classes whose rewrite changes the text, applied in table order (a later rewrite
        may only apply after an earlier one: "0x100000000" is a sub-authority overflow once
        the hex rewrite has made it decimal)."""
        out = []
        pieces = rw.split(text)
        for c in self.rewrite_classes:
            if self.fns[c.rewrite](pieces):
                out.append(c)
        return out

    def reject_class(self, text: str, ours: Outcome) -> RejectClass | None:
        # A code only Samba knows is not junk: leave it unexplained, so that it gets a class.
        quoted = re.search(r"'([A-Za-z]{2})'", ours.error)
        if quoted and any(quoted.group(1).upper() in codes
                          for codes in self.vocab.samba_only.values()):
            return None
        for c in self.reject_classes:
            if re.search(c.error, ours.error) and (not c.text or re.search(c.text, text)):
                return c
        return None


# --- the run -------------------------------------------------------------------------------

@dataclasses.dataclass
class Disagreement:
    case: sddl_gen.Case
    ours: Outcome
    theirs: Outcome
    classes: list[str] = dataclasses.field(default_factory=list)
    why: str = ""  # for unexplained ones


def describe(o: Outcome) -> str:
    if o.ok:
        return f"{o.sddl} (control 0x{o.control:04x})"
    return f"rejected: {o.error}" + (f" at {o.offset}" if o.offset >= 0 else "")


@dataclasses.dataclass
class Comparison:
    cases: list[sddl_gen.Case]
    both_accept: int = 0
    both_reject: int = 0
    revision_normalised: int = 0
    disagreements: list[Disagreement] = dataclasses.field(default_factory=list)

    @property
    def unexplained(self) -> list[Disagreement]:
        return [d for d in self.disagreements if not d.classes]


def compare(differ: Differ, cases: list[sddl_gen.Case],
            ours: list[Outcome] | None = None) -> Comparison:
    """Runs both sides over the cases and classifies every disagreement. `ours` replaces
    secdesc's results (the self-test uses it to plant a disagreement no class explains)."""
    texts = [c.text for c in cases]
    ours = ours if ours is not None else differ.ours(texts)
    theirs = differ.theirs(texts)
    result = Comparison(cases)
    for case, o, t in zip(cases, ours, theirs):
        if o.ok and t.ok and o.same(t):
            result.both_accept += 1
            if o.revisions != t.revisions:
                result.revision_normalised += 1
        elif not o.ok and not t.ok and not t.sddl.startswith("DECODE-FAILED"):
            result.both_reject += 1
        else:
            result.disagreements.append(Disagreement(case, o, t))

    # secdesc rejects, Samba accepts: a REJECT class by the error message.
    # secdesc accepts: REWRITE classes, checked by re-running both sides on rewritten text.
    pending: list[tuple[Disagreement, list[RewriteClass]]] = []
    for d in result.disagreements:
        if d.theirs.sddl.startswith("DECODE-FAILED") and d.ours.ok:
            d.why = d.theirs.error
        elif not d.ours.ok:
            c = differ.reject_class(d.case.text, d.ours)
            if c:
                d.classes = [c.name]
            else:
                d.why = "secdesc rejects, Samba accepts; no class matches secdesc's error"
        else:
            cands = differ.applicable(d.case.text)
            if cands:
                pending.append((d, cands))
            else:
                d.why = "no known class's rewrite applies"

    # Batch the re-runs: the rewrite with all applicable classes, and each one left out.
    jobs: list[tuple[int, int, str]] = []  # (pending index, left-out class index or -1, text)
    for k, (d, cands) in enumerate(pending):
        jobs.append((k, -1, differ.apply(d.case.text, cands)))
        if len(cands) > 1:
            for j in range(len(cands)):
                jobs.append((k, j, differ.apply(d.case.text, cands[:j] + cands[j + 1:])))
    job_texts = [j[2] for j in jobs]
    theirs_re = differ.theirs(job_texts) if jobs else []
    all_idx = [n for n, j in enumerate(jobs) if j[1] == -1]
    ours_re = dict(zip(all_idx, differ.ours([job_texts[n] for n in all_idx]))) if all_idx else {}
    by_case: dict[int, dict[int, int]] = collections.defaultdict(dict)
    for n, (k, j, _) in enumerate(jobs):
        by_case[k][j] = n
    for k, (d, cands) in enumerate(pending):
        n_all = by_case[k][-1]
        expected = differ.adjust(d.ours.sddl, cands)
        want = Outcome(True, expected, d.ours.control)
        if not ours_re[n_all].same(want):
            d.why = (f"secdesc reads the rewritten text differently: {jobs[n_all][2]!r} -> "
                     f"{describe(ours_re[n_all])}")
            continue
        if not theirs_re[n_all].ok and theirs_re[n_all].error == "samba rejects":
            fallback = [c for c in cands if c.still_rejected_if and
                        re.search(c.still_rejected_if, jobs[n_all][2])]
            if fallback:
                d.classes = [c.name for c in fallback]
                continue
        if not theirs_re[n_all].same(want):
            d.why = (f"Samba still differs after rewriting ({', '.join(c.name for c in cands)}): "
                     f"{jobs[n_all][2]!r} -> {describe(theirs_re[n_all])}")
            continue
        needed = []
        for j, c in enumerate(cands):
            if len(cands) == 1:
                needed = [c]
                break
            rest = cands[:j] + cands[j + 1:]
            want_rest = Outcome(True, differ.adjust(d.ours.sddl, rest), d.ours.control)
            if not theirs_re[by_case[k][j]].same(want_rest):
                needed.append(c)
        d.classes = [c.name for c in (needed or cands)]
    return result


def print_disagreement(d: Disagreement) -> None:
    print(f"    [{d.case.kind}{' ' + d.case.feature if d.case.feature else ''}] {d.case.text!r}")
    print(f"      secdesc: {describe(d.ours)}")
    print(f"      Samba:   {describe(d.theirs)}")
    if d.why:
        print(f"      why:     {d.why}")


def report(args, vocab: sddl_gen.Vocabulary, r: Comparison, started: float) -> int:
    unexplained = r.unexplained
    per_class = collections.Counter(name for d in r.disagreements for name in d.classes)
    alone = collections.Counter(d.classes[0] for d in r.disagreements if len(d.classes) == 1)
    multi = sum(1 for d in r.disagreements if len(d.classes) > 1)
    kinds = collections.Counter(c.kind for c in r.cases)
    print(f"differential.samba: {len(r.cases)} cases, seed {args.seed} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(f"  agreements: {r.both_accept + r.both_reject} (both accept, same descriptor: "
          f"{r.both_accept}; both reject: {r.both_reject})")
    print(f"  normalised, not counted as disagreements: ACL revision (Samba 4, secdesc 2 "
          f"without object ACEs) in {r.revision_normalised} agreeing cases; Samba's part order")
    print(f"  disagreements: {len(r.disagreements)} ({len(r.disagreements) - len(unexplained)} "
          f"in known classes, {multi} of them needing more than one class; "
          f"{len(unexplained)} unexplained)")
    width = max(len(c.name) for c in KNOWN_CLASSES)
    print(f"    {'class':<{width}} {'cases':>7} {'alone':>7}   who is right")
    for c in KNOWN_CLASSES:
        print(f"    {c.name:<{width}} {per_class[c.name]:>7} {alone[c.name]:>7}   {c.right}")
    if unexplained:
        print(f"  UNEXPLAINED: {len(unexplained)}; examples:")
        for d in unexplained[:args.examples]:
            print_disagreement(d)
    if args.show:
        print(f"  examples of {args.show}:")
        for d in [d for d in r.disagreements if args.show in d.classes][:args.examples]:
            print_disagreement(d)
    for kind in ("ours_only", "samba_only"):
        gaps = {k: v for k, v in getattr(vocab, kind).items() if v}
        if gaps:
            who = "secdesc" if kind == "ours_only" else "Samba"
            print(f"  vocabulary only {who} knows: " +
                  "; ".join(f"{k} {' '.join(v)}" for k, v in gaps.items()))
    print(f"  run time {time.monotonic() - started:.1f} s")
    return 1 if unexplained else 0


# One example per class, most of them rows of the evidence, checked by --self-test: each must
# be a disagreement that lands in (at least) its class, so every predicate and rewrite is
# exercised; the table must name every class.
CLASS_EXAMPLES = [
    ("D: (A;;GA;;;LG)", "samba-rejects-windows-whitespace"),
    ("D:P(A;;GA;;;WD) ", "white-space-where-no-vector-shows-windows"),
    ("D:(A;;ga;;;LG)", "samba-rejects-lower-case"),
    ("D:(A;;16;;;LG)", "samba-misreads-decimal-octal-0X-rights"),
    ("D:(A;;-99;;;LG)", "samba-misreads-negative-rights"),
    ("D:(A;;0x123456789;;;LG)", "samba-misreads-overflowing-rights"),
    ("S:(AU;;0xFFFFFGR;;;WD)", "numbers-combined-in-one-rights-field"),
    ("D:(A;;DC;;;CO)(A;;FA;;;WD)", "samba-FA-is-0x1ff"),
    ("D:(OA;;CR;;;WD)", "samba-keeps-object-ace-without-guids"),
    ("D:(A;;KAKRKWKX;;;WD)", "samba-lacks-registry-rights-KA-KR-KW-KX"),
    ("D:(A;;NW;;;WD)", "label-rights-NW-NR-NX-outside-label-aces"),
    ("D:(A;;CC;;;S-0x1-0-0-579)", "samba-misreads-hex-sid-parts"),
    ("D:(A;;GA;;;S-1-010-1)", "sid-authority-with-leading-zeros"),
    ("D:(A;;GA;;;S-1-3-4294967296-3-4)", "samba-rejects-sub-authority-overflow"),
    ("O:SH", "samba-lacks-sid-aliases"),
    ("D:(A;CR;GA;;;WD)", "samba-lacks-ace-flag-CR"),
    ("S:(AU;TP;GA;;;WD)", "samba-lacks-ace-flag-TP"),
    ("D:P(A;;GRGW;;;BA)S:(ML;;NWNR;;;S-1-16-12288)", "samba-lacks-mandatory-label"),
    ("D:NO_ACCESS_CONTROL", "samba-lacks-null-acl"),
    ("D:PS:", "samba-rejects-acl-flags-before-next-section"),
    ("D:(D ;;GA;;;WD)", "samba-accepts-space-after-ace-type"),
    ("D:(D;;GA ;;;WD)", "samba-accepts-space-after-rights"),
    ("D:(A;;GA;;;S-1-3-4 )", "samba-accepts-space-after-numeric-sid"),
    ("D:(A;OI ;GA;;;WD)", "space-after-ace-flags"),
    ("D:(A;;RP;;;WD)(AU;SA;CR;;;BA)(AU;SA;CR;;;DU)", "samba-accepts-audit-ace-in-dacl"),
    ("S:(A;;GA;;;WD)", "samba-accepts-allow-ace-in-sacl"),
    ("D:(A;;GA;bf967aba-0de6-11d0-a285-00aa003049e2;;WD)", "guid-in-non-object-ace"),
    ("D:(A;;GA;;;S-2-5-1)", "samba-accepts-sid-revision-not-1"),
    ("D:(A;;GA;;;S-1-5)", "samba-accepts-sid-without-sub-authority"),
    ("D:(A;;GA;;;S-1-0x1000000000000-1)", "samba-misreads-authority-over-48-bits"),
    ("D:(A;;GAq;;;WD)", "samba-ignores-junk-in-rights"),
    ("D:(A;OIq;GA;;;WD)", "samba-ignores-junk-in-ace-flags"),
    ("D:(A;;GA;;;S-1-5-21-24x)", "samba-ignores-junk-after-sid"),
    ("D:(A;;GA;;;LG;)", "samba-ignores-extra-ace-fields"),
    ("D:(A;;0x1(0;;;WD)", "samba-accepts-paren-inside-ace"),
    ("D:(A;;GA;;;S-1-5-0x1-G6)", "samba-accepts-malformed-numeric-sid"),
    ("D:(OA;;GA;{bf967aba-0de6-11d0-a285-00aa003049e2};;WD)", "samba-accepts-guid-in-braces"),
    ("D:A:", "samba-accepts-unknown-section-letter"),
    ("D:(xD;;GA;;;WD)", "samba-reads-callback-ace-without-condition"),
    ("d:", "samba-accepts-lower-case-section-letter"),
    ("D:(A;;GA;;;S-1-5-0x1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16)",
     "samba-accepts-sid-over-15-sub-authorities"),
    ("D:(AA;;GA;;;WD)", "samba-reads-ace-type-prefix"),
]


def self_test(differ: Differ) -> int:
    """Each class's example lands in its class; a planted disagreement is unexplained."""
    failures = 0
    names = {c.name for c in KNOWN_CLASSES}
    listed = {name for _, name in CLASS_EXAMPLES}
    for name in sorted(names - listed):
        print(f"FAIL class {name} has no example in CLASS_EXAMPLES")
        failures += 1
    cases = [sddl_gen.Case(text, "example", name) for text, name in CLASS_EXAMPLES]
    result = compare(differ, cases)
    found = {d.case.text: d for d in result.disagreements}
    for text, name in CLASS_EXAMPLES:
        d = found.get(text)
        if d is None:
            print(f"FAIL {name}: {text!r} is not a disagreement")
            failures += 1
        elif name not in d.classes:
            print(f"FAIL {name}: {text!r} classified as {d.classes or 'unexplained'}")
            print_disagreement(d)
            failures += 1
        else:
            print(f"ok   {name}: {text!r}")
    # A planted disagreement: secdesc "reads" GA as GR. No class may explain it.
    planted = [sddl_gen.Case("D:(A;;GA;;;WD)", "planted"),
               sddl_gen.Case("D:(A;;ga;;;WD)", "planted")]
    fake = [Outcome(True, "D:(A;;GR;;;WD)", 0x8004), Outcome(True, "D:(A;;GR;;;WD)", 0x8004)]
    result = compare(differ, planted, ours=fake)
    if len(result.unexplained) != 2:
        print(f"FAIL planted disagreements: {len(result.unexplained)} of 2 unexplained")
        for d in result.disagreements:
            print_disagreement(d)
        failures += 1
    else:
        print("ok   planted disagreements are unexplained")
    print(f"self-test: {len(CLASS_EXAMPLES) + 1 - failures} passed, {failures} failed")
    return 1 if failures else 0


def run(args) -> int:
    started = time.monotonic()
    try:
        vocab = sddl_gen.discover_vocabulary(args.sddlc)
        differ = Differ(args.sddlc, vocab)
    except ImportError as e:
        print(f"samba_diff: Samba's Python binding is not importable ({e}); install python3-samba",
              file=sys.stderr)
        return 2
    except (OSError, RuntimeError) as e:
        print(f"samba_diff: {e}", file=sys.stderr)
        return 2
    if args.self_test:
        return self_test(differ)
    cases = sddl_gen.generate(args.seed, args.cases, vocab)
    return report(args, vocab, compare(differ, cases), started)


def main() -> int:
    ap = argparse.ArgumentParser(description="Differential test of secdesc's SDDL parser "
                                 "against Samba's (python3-samba).")
    ap.add_argument("--sddlc", required=True, help="path to the sddlc tool")
    ap.add_argument("--cases", type=int, default=3000, help="number of generated cases (3000)")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (1)")
    ap.add_argument("--examples", type=int, default=10, help="examples to print per list (10)")
    ap.add_argument("--show", metavar="CLASS", help="also print examples of this class")
    ap.add_argument("--self-test", action="store_true",
                    help="check the class table instead: one example per class, and a planted "
                    "disagreement that no class may explain")
    return run(ap.parse_args())


if __name__ == "__main__":
    sys.exit(main())
