// Conformance: access_check.tsv (../shared/vectors) against access_check.
//
// Every row runs. The token column is JSON in four shapes (the file's header): Samba's C unit
// tests (claims as SDDL literals), its Python unit tests (claims as Python values), the krb5
// authentication-policy tests (string claims of the armor account) and the krb5 PAC-claims tests
// (claims as the KDC received them). Each is turned into a Token here; where the KDC itself
// refuses the claims (KDC_ERR_GENERIC) the row passes when validate_claim refuses them too.
// Rows with a `condition` column are also checked against evaluate_condition's TRUE, FALSE or
// UNKNOWN. kKnownDifferences names the rows where secdesc's answer is not the vector's, with the
// reason (docs/conformance.md, docs/conditional-aces.md).
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <string_view>

#include "secdesc/access_check.hpp"
#include "secdesc/ace.hpp"
#include "secdesc/condition_eval.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"
#include "vectors.hpp"

namespace secdesc {
namespace {

using nlohmann::json;

struct KnownDifference {
  int line;                      // line in access_check.tsv (checked against `sddl` below)
  std::string_view sddl;         // the row's SDDL column, to catch a renumbered file
  std::string_view access;       // what secdesc answers: ALLOW or DENY
  std::string_view condition;    // and the condition's value, or "" when the row has none
  std::string_view reason;
};

const KnownDifference kKnownDifferences[] = {
    {0, "", "ALLOW", "",
     "a descriptor without a DACL: MS-DTYP 2.5.3.2 (\"No DACL ... any access check will "
     "succeed\") and MS Learn How AccessCheck Works (\"If the object does not have a DACL, the "
     "system grants access\"); the vector's DENY is Samba's own assertion (SAMBA-ASSERTED)"},
    // Samba's unit tests against the Windows KDC rows of the same file.
    {17, "D:(XA;;0x1f;;;AA;(@Device.colour == {\"orange\", \"blue\", \"orange\"}))", "DENY", "",
     "== with a repeated literal: Windows answers FALSE for (@User.x == {\"apple\", \"banana\", "
     "\"apple\"}) against [\"apple\", \"banana\"] (line 171, WINDOWS-KDC-BEHAVIOUR); Samba's ALLOW "
     "is its own assertion"},
    {19, "D:(XA;;0x1f;;;AA;(@Device.colour == {SID(WD), SID(AA), SID(WD)}))", "DENY", "",
     "the same rule as line 17, with SIDs"},
    {32, "D:(XA;;0x1f;;;AA;(@Device.colour Any_of\"blue\"))", "DENY", "",
     "Any_of with one literal on the right: Windows answers UNKNOWN for (@User.x Any_of \"foo\") "
     "against [\"foo\"] (line 190, WINDOWS-KDC-BEHAVIOUR, a Samba knownfail); Samba's ALLOW is its "
     "own assertion"},
    {40, "D:(XA;;0x1f;;;AA;(@Device.colour Not_Any_of \"pink\"))", "DENY", "",
     "the same rule as line 32, for Not_Any_of (line 191 of the file)"},
    // Windows KDC answers that no rule of MS-DTYP explains.
    {243, "O:SYD:(XA;;CR;;;WD;(@User.{a} && !(@User.{b})))", "ALLOW", "TRUE",
     "MS-DTYP 2.4.4.17.7 gives TRUE && !(FALSE) = TRUE; the Windows KDC answered UNKNOWN when a bare "
     "attribute is joined by && or || to !(attribute), yet TRUE for !(a) || a and !(a) || !(a) "
     "(lines 245 and 242); secdesc follows the specification"},
    {244, "O:SYD:(XA;;CR;;;WD;(@User.{a} || !(@User.{a})))", "ALLOW", "TRUE",
     "as line 243: MS-DTYP gives TRUE || FALSE = TRUE, the Windows KDC answered UNKNOWN"},
    // Rows that crashed Windows: the vector holds Samba's outcome.
    {250, "O:SYD:(XA;;CR;;;WD;(@User.{many_claims} Any_of \"99999\"))", "DENY", "UNKNOWN",
     "SAMBA-ASSERTED(CRASHES-WINDOWS): a uint64 claim compared with a string, and Any_of with one "
     "literal, are both UNKNOWN by the Windows rows (lines 193 and 190)"},
    {264, "O:SYD:(XA;;CR;;;WD;(@User.{empty_string}))", "DENY", "FALSE",
     "SAMBA-ASSERTED(CRASHES-WINDOWS): MS-DTYP 2.4.4.17.7 makes a string attribute FALSE when its "
     "length is zero; Samba answers UNKNOWN"},
};

// ---- claims from the JSON shapes ----------------------------------------------------------

std::u16string u16(std::string_view utf8) {
  std::u16string out;
  for (std::size_t i = 0; i < utf8.size();) {
    char32_t c = static_cast<unsigned char>(utf8[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len > 1) c &= (0x7F >> len);
    for (std::size_t k = 1; k < len && i + k < utf8.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    if (c >= 0x10000) {
      c -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (c >> 10));
      out += static_cast<char16_t>(0xDC00 + (c & 0x3FF));
    } else {
      out += static_cast<char16_t>(c);
    }
  }
  return out;
}

// The few Python expressions the Samba krb5 tests use for values and names.
std::optional<json> python_value(const std::string& text) {
  static const std::regex shift(R"(python:(\d+) << (\d+))");
  static const std::regex repeat(R"(python:'(.)' \* (\d+))");
  static const std::regex range(R"(python:list\(range\((\d+), (\d+)\)\))");
  static const std::regex chars(R"(python:''\.join\(map\(chr, range\((\w+), (\w+)\)\)\))");
  std::smatch m;
  if (std::regex_match(text, m, shift))
    return json(std::stoull(m.str(1)) << std::stoull(m.str(2)));
  if (std::regex_match(text, m, repeat)) return json(std::string(std::stoul(m.str(2)), m.str(1)[0]));
  if (std::regex_match(text, m, range)) {
    json list = json::array();
    for (auto v = std::stoull(m.str(1)); v < std::stoull(m.str(2)); ++v) list.push_back(v);
    return list;
  }
  if (std::regex_match(text, m, chars)) {
    std::string out;
    for (auto c = std::stoul(m.str(1), nullptr, 0); c < std::stoul(m.str(2), nullptr, 0); ++c) {
      // UTF-8 of code point c
      if (c < 0x80) out += static_cast<char>(c);
      else if (c < 0x800) { out += static_cast<char>(0xC0 | (c >> 6)); out += static_cast<char>(0x80 | (c & 0x3F)); }
      else if (c < 0x10000) { out += static_cast<char>(0xE0 | (c >> 12)); out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); out += static_cast<char>(0x80 | (c & 0x3F)); }
      else { out += static_cast<char>(0xF0 | (c >> 18)); out += static_cast<char>(0x80 | ((c >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    }
    return json(out);
  }
  return std::nullopt;
}

json resolve_python(const json& v) {
  if (v.is_string() && v.get<std::string>().rfind("python:", 0) == 0) {
    auto r = python_value(v.get<std::string>());
    if (!r) throw std::runtime_error("unhandled python expression: " + v.get<std::string>());
    return *r;
  }
  return v;
}

// A claim from an SDDL literal ("\"blue\"", "{SID(AA), SID(WD)}", "3"): the literal's tokens.
Claim claim_from_sddl_literal(const std::string& name, const std::string& literal) {
  auto e = parse_conditional_expression("(@User.x == " + literal + ")");
  if (!e) throw std::runtime_error("bad claim literal: " + literal);
  const CondToken& t = e->tokens.at(1);
  std::vector<CondToken> items = t.type == CondTokenType::composite ? t.elements
                                                                    : std::vector<CondToken>{t};
  Claim c;
  c.name = u16(name);
  if (!items.empty() && items[0].type == CondTokenType::unicode_string) c.type = ClaimType::string;
  if (!items.empty() && items[0].type == CondTokenType::sid) c.type = ClaimType::sid;
  for (const auto& item : items) {
    if (item.is_integer() && c.type == ClaimType::int64)
      c.integers.push_back(static_cast<std::uint64_t>(item.integer));
    else if (item.type == CondTokenType::unicode_string && c.type == ClaimType::string)
      c.strings.push_back(item.text);
    else if (item.type == CondTokenType::sid && c.type == ClaimType::sid)
      c.sids.push_back(item.sid);
    else
      throw std::runtime_error("mixed claim literal: " + literal);
  }
  return c;
}

// A claim from Python values: str -> string, int -> int64, list -> its elements.
Claim claim_from_python(const std::string& name, const json& value) {
  Claim c;
  c.name = u16(name);
  const json list = value.is_array() ? value : json::array({value});
  c.type = !list.empty() && list[0].is_string() ? ClaimType::string : ClaimType::int64;
  for (const auto& v : list) {
    if (v.is_string()) c.strings.push_back(u16(v.get<std::string>()));
    else c.integers.push_back(static_cast<std::uint64_t>(v.get<std::int64_t>()));
  }
  return c;
}

ClaimType pac_claim_type(const json& type) {
  if (type.is_number()) {
    // 5 and 16 are not PAC claim types (MS-ADTS 2.2.18.2 has 1, 2, 3, 6); the rows that use them
    // carry no values.
    return type.get<int>() == 5 ? ClaimType::sid : ClaimType::octet_string;
  }
  const std::string t = type.get<std::string>();
  if (t == "CLAIM_TYPE_INT64") return ClaimType::int64;
  if (t == "CLAIM_TYPE_UINT64") return ClaimType::uint64;
  if (t == "CLAIM_TYPE_BOOLEAN") return ClaimType::boolean;
  return ClaimType::string;
}

struct RowToken {
  Token token;
  std::optional<std::string> refused;  // why the claims are not acceptable (KDC_ERR_GENERIC)
  std::map<std::string, std::string> names;  // placeholder -> the claim name used in the SDDL
};

RowToken token_from_json(const std::string& kind, const std::string& text) {
  RowToken out;
  Token& token = out.token;
  token.user = sids::null;
  const json j = json::parse(text);
  if (j.contains("user_sids")) {
    bool first = true;
    for (const auto& s : j["user_sids"]) {
      auto sid = parse_sid(s.get<std::string>());
      if (!sid) throw std::runtime_error("bad SID in token: " + s.get<std::string>());
      if (first) token.user = *sid;
      else token.groups.push_back(TokenGroup{*sid, true, false, false});
      first = false;
    }
  }
  if (j.contains("device_sids"))
    for (const auto& s : j["device_sids"]) token.device_groups.push_back(parse_sid(s.get<std::string>()).value());
  if (kind.rfind("krb5", 0) == 0) {
    // The armor account: a domain computer, in Everyone and Authenticated Users.
    token.groups.push_back(TokenGroup{sids::everyone, true, false, false});
    token.groups.push_back(TokenGroup{sids::authenticated_users, true, false, false});
  }
  for (const auto& [key, list] : {std::pair{"user_claims", &token.user_claims},
                                  std::pair{"device_claims", &token.device_claims},
                                  std::pair{"local_claims", &token.local_claims}}) {
    if (!j.contains(key)) continue;
    for (const auto& [name, value] : j[key].items())
      list->push_back(kind == "samba-c-unit" && value.is_string()
                          ? claim_from_sddl_literal(name, value.get<std::string>())
                          : claim_from_python(name, value));
  }
  if (j.contains("note") &&
      j["note"].get<std::string>().find("device_claims[0].flags = "
                                        "CLAIM_SECURITY_ATTRIBUTE_VALUE_CASE_SENSITIVE") !=
          std::string::npos)
    token.device_claims.at(0).flags |= claim_flags::value_case_sensitive;
  // krb5-authn-policy: string claims of the armor account; [] is a claim that is absent.
  if (j.contains("user_claims(AD,string)"))
    for (const auto& [name, values] : j["user_claims(AD,string)"].items()) {
      if (values.empty()) continue;
      std::string id = name.substr(1, name.size() - 2);
      out.names[id] = id;
      token.user_claims.push_back(claim_from_python(id, values));
    }
  // krb5-pac-claims: the KDC keeps claims from the AD and certificate sources (MS-ADTS 2.2.18.1,
  // CLAIMS_SOURCE_TYPE 1 and 2); a later claim of the same name replaces an earlier one (the
  // "here's the actual value!" row).
  std::map<std::string, std::string> id_names;
  if (j.contains("claim_id_map(escaped with samba.sd_utils.escaped_claim_id)"))
    for (const auto& [id, name] : j["claim_id_map(escaped with samba.sd_utils.escaped_claim_id)"].items())
      id_names[id] = resolve_python(name).get<std::string>();
  if (j.contains("pac_client_claims")) {
    for (const auto& source : j["pac_client_claims"]) {
      const json& type = source[0];
      const bool kept = type == "CLAIMS_SOURCE_TYPE_AD" || type == "CLAIMS_SOURCE_TYPE_CERTIFICATE";
      for (const auto& entry : source[1]) {
        const std::string placeholder = entry[0].get<std::string>();
        const std::string id = placeholder.substr(1, placeholder.size() - 2);
        const std::string name = id_names.count(id) ? id_names[id] : id;
        out.names[id] = name;
        if (!kept) continue;
        Claim c;
        c.name = u16(name);
        c.type = pac_claim_type(entry[1]);
        const json values = resolve_python(entry[2]);
        for (const auto& raw : values) {
          const json v = resolve_python(raw);
          if (c.type == ClaimType::string) c.strings.push_back(u16(v.get<std::string>()));
          else c.integers.push_back(v.is_number_unsigned() ? v.get<std::uint64_t>()
                                                           : static_cast<std::uint64_t>(v.get<std::int64_t>()));
        }
        auto same = std::find_if(token.user_claims.begin(), token.user_claims.end(),
                                 [&](const Claim& x) { return x.name == c.name; });
        if (same != token.user_claims.end()) *same = std::move(c);
        else token.user_claims.push_back(std::move(c));
      }
    }
  }
  for (const auto* list : {&token.user_claims, &token.device_claims, &token.local_claims})
    for (const auto& c : *list)
      if (auto e = validate_claim(c); e && !out.refused) out.refused = e->message;
  return out;
}

// The SDDL with the krb5 placeholders ({claim0}, {a}, ...) replaced by the claims' names
// (escaped as Windows writes them), and Samba's f-strings evaluated.
std::string row_sddl(std::string sddl, const RowToken& t) {
  static const std::regex fstring(R"(python:f'(.*)'\))");
  std::smatch m;
  if (std::regex_search(sddl, m, fstring)) {
    std::string body = m.str(1), out;
    static const std::regex part(R"(\{([^{}]*)\})");
    std::sregex_iterator it(body.begin(), body.end(), part), end;
    std::size_t last = 0;
    for (; it != end; ++it) {
      out += body.substr(last, static_cast<std::size_t>(it->position()) - last);
      const std::string expr = it->str(1);
      if (auto v = python_value("python:" + expr))
        out += v->is_string() ? v->get<std::string>() : v->dump();
      else if (std::regex_match(expr, std::regex(R"re("(.)" \* (\d+))re")))
        out += std::string(std::stoul(expr.substr(expr.find('*') + 2)), expr[1]);
      else
        out += "@User.{" + expr + "}";
      last = static_cast<std::size_t>(it->position() + it->length());
    }
    out += body.substr(last);
    sddl.replace(static_cast<std::size_t>(m.position()), static_cast<std::size_t>(m.length()), out + ")");
  }
  static const std::regex placeholder(R"(@User\.\{(\w+)\})");
  std::string result;
  std::sregex_iterator it(sddl.begin(), sddl.end(), placeholder), end;
  std::size_t last = 0;
  for (; it != end; ++it) {
    result += sddl.substr(last, static_cast<std::size_t>(it->position()) - last);
    const std::string id = it->str(1);
    auto found = t.names.find(id);
    Claim named;
    named.name = u16(found != t.names.end() ? found->second : id);
    // Windows' own escaping of the name, through the RA writer ("name" is its first field).
    const std::string quoted = to_sddl(named);
    result += "@User." + quoted.substr(2, quoted.find("\",") - 2);
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  return result + sddl.substr(last);
}

TEST(Conformance, AccessCheck) {
  auto dir = testing::vectors_dir();
  if (!dir) GTEST_SKIP() << testing::missing_vectors_notice();
  auto file = testing::load_vectors(*dir, "access_check.tsv");
  int passed = 0, failed = 0, known = 0, refused = 0, conditions = 0;
  for (const auto& row : file.rows) {
    const std::string& kind = row.at(0);
    const std::string& expected = row.at(4);
    const std::string& condition = row.at(5);
    auto fail = [&](const std::string& what) {
      ++failed;
      ADD_FAILURE() << file.name << ":" << row.line << ": " << what << "\n  sddl: " << row.at(1)
                    << "\n  token: " << row.at(2).substr(0, 300);
    };
    RowToken token = token_from_json(kind, row.at(2));
    if (expected == "KDC_ERR_GENERIC") {
      if (token.refused) {
        ++passed;
        ++refused;
      } else {
        fail("the KDC refuses these claims; validate_claim accepts them");
      }
      continue;
    }
    // Outside the KDC nothing refuses such claims before the check: the evaluator finds them
    // (a claim holding a value twice makes the condition UNKNOWN).
    const std::string sddl = row_sddl(row.at(1), token);
    auto sd = parse_sddl(sddl);
    if (!sd) {
      fail(fmt::format("parse failed at {}: {}", sd.error().offset, sd.error().message));
      continue;
    }
    // DEFAULT_ACCESS rows use SEC_FILE_ALL (0x1ff): file rights.
    const AccessMask desired = static_cast<AccessMask>(std::stoul(row.at(3), nullptr, 16));
    const AccessCheckResult r = access_check(*sd, token.token, desired, ObjectType::file);
    {
      // The trace-free check gives the same answer on every row.
      AccessCheckOptions quiet;
      quiet.trace = false;
      const AccessCheckResult q = access_check(*sd, token.token, desired, ObjectType::file, quiet);
      if (q.allowed != r.allowed || q.granted != r.granted || q.desired != r.desired ||
          !q.trace.empty()) {
        fail(fmt::format("trace-free check differs: allowed {} granted 0x{:x} (traced: {} 0x{:x})",
                         q.allowed, q.granted, r.allowed, r.granted));
        continue;
      }
    }
    const std::string got = r.allowed ? "ALLOW" : "DENY";
    std::string got_condition;
    if (condition == "TRUE" || condition == "FALSE" || condition == "UNKNOWN") {
      const auto& aces = sd->dacl()->aces;
      auto conditional = std::find_if(aces.begin(), aces.end(), [](const Ace& a) { return a.condition.has_value(); });
      if (conditional == aces.end()) {
        fail("no conditional ACE to evaluate");
        continue;
      }
      got_condition = std::string(to_string(
          evaluate_condition(*conditional->condition,
                             make_condition_context(token.token, *sd, conditional->is_deny()))
              .value));
    }
    const KnownDifference* difference = nullptr;
    for (const auto& k : kKnownDifferences)
      if (k.line == static_cast<int>(row.line) || (k.line == 0 && k.sddl == row.at(1)))
        difference = &k;
    if (difference) {
      ++known;
      EXPECT_EQ(difference->sddl, row.at(1)) << "kKnownDifferences names line " << row.line;
      EXPECT_EQ(got, difference->access) << file.name << ":" << row.line << "\n" << r.trace_text();
      EXPECT_EQ(got_condition, difference->condition) << file.name << ":" << row.line;
      if (got != expected || (!got_condition.empty() && got_condition != condition)) {
        ++passed;  // the difference is still there, and named
      } else {
        fail("named in kKnownDifferences, but secdesc now agrees with the vector");
      }
      continue;
    }
    if (!got_condition.empty()) ++conditions;
    if (got != expected || (!got_condition.empty() && got_condition != condition)) {
      fail(fmt::format("want {} {}, got {} {}\n  evaluated: {}\n{}", expected,
                       got_condition.empty() ? "" : condition, got, got_condition, sddl,
                       r.trace_text()));
      continue;
    }
    ++passed;
  }
  std::cout << fmt::format("[conformance] {}: {} passed, {} failed, 0 skipped\n", file.name,
                           passed - known, failed);
  std::cout << fmt::format("[conformance] {}: {} rows also checked TRUE/FALSE/UNKNOWN, {} rows of "
                           "claims the KDC refuses refused by validate_claim, {} known "
                           "difference(s) named with their reason\n",
                           file.name, conditions, refused, known);
  EXPECT_EQ(failed, 0);
  EXPECT_GT(passed, 0);
}

}  // namespace
}  // namespace secdesc
