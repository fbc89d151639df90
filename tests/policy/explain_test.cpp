// explain.hpp: ACEs and the label in words, the effective-access matrix, conditions in words and
// the JSON condition tree.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "secdesc/access_check.hpp"
#include "secdesc/explain.hpp"
#include "secdesc/json.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/token.hpp"

namespace secdesc {
namespace {

SecurityDescriptor sddl(std::string_view text) {
  auto sd = parse_sddl(text);
  EXPECT_TRUE(sd.ok()) << text;
  return sd ? *sd : SecurityDescriptor{};
}

DescriptorExplanation explain(std::string_view text, ObjectType type) {
  auto x = explain_descriptor(sddl(text), type);
  EXPECT_TRUE(x.ok()) << (x ? "" : x.error().message);
  return x ? *x : DescriptorExplanation{};
}

std::size_t column(const DescriptorExplanation& x, std::string_view word) {
  for (std::size_t i = 0; i < x.columns.size(); ++i)
    if (x.columns[i].word == word) return i;
  ADD_FAILURE() << "no column " << word;
  return 0;
}

const MatrixRow& row(const DescriptorExplanation& x, std::string_view name) {
  for (const MatrixRow& r : x.rows)
    if (r.name == name) return r;
  ADD_FAILURE() << "no row " << name;
  static const MatrixRow none;
  return none;
}

const MatrixCell& cell(const DescriptorExplanation& x, std::string_view caller,
                       std::string_view right) {
  static const MatrixCell none;
  const MatrixRow& r = row(x, caller);
  const std::size_t c = column(x, right);
  return c < r.cells.size() ? r.cells[c] : none;
}

constexpr std::string_view kLabelled =
    "O:SYD:P(A;;GA;;;SY)(A;;GR;;;IU)(D;;GW;;;AN)(A;OICI;GRGW;;;BU)S:(ML;;NWNR;;;ME)";

TEST(Explain, AcesInWords) {
  const DescriptorExplanation x = explain(kLabelled, ObjectType::section);
  ASSERT_EQ(x.aces.size(), 5u);
  const AceExplanation& iu = x.aces[1];
  EXPECT_EQ(iu.kind, "allow");
  EXPECT_EQ(iu.who.text, "IU");
  EXPECT_EQ(iu.mask, rights::generic_read);
  // GR mapped with the section's GENERIC_MAPPING, named with its words.
  EXPECT_EQ(iu.mapped, map_generic(rights::generic_read,
                                   object_type_info(ObjectType::section).mapping));
  EXPECT_NE(iu.rights.find("map-read"), std::string::npos) << iu.rights;
  EXPECT_NE(iu.summary.find("allows IU"), std::string::npos) << iu.summary;
  EXPECT_EQ(x.aces[2].kind, "deny");
  EXPECT_NE(x.aces[2].summary.find("denies AN"), std::string::npos) << x.aces[2].summary;
  // OI|CI on a section: no children, and the words say so.
  const std::vector<std::string>& inh = x.aces[3].inheritance;
  EXPECT_TRUE(std::any_of(inh.begin(), inh.end(), [](const std::string& s) {
    return s.find("not a container") != std::string::npos;
  }));
  EXPECT_EQ(x.aces[4].acl, AclKind::sacl);
  EXPECT_EQ(x.aces[4].kind, "label");
  ASSERT_TRUE(x.owner.has_value());
  EXPECT_EQ(x.owner->text, "SY");
  EXPECT_FALSE(x.group.has_value());
  ASSERT_EQ(x.control_words.size(), 1u);
  EXPECT_NE(x.control_words[0].find("protected"), std::string::npos);
}

TEST(Explain, LabelWords) {
  const DescriptorExplanation x = explain(kLabelled, ObjectType::section);
  EXPECT_TRUE(x.label.present);
  EXPECT_EQ(x.label.level, sids::medium_integrity);
  EXPECT_EQ(x.label.policy_letters, "NWNR");
  EXPECT_EQ(x.label.policy_words.size(), 2u);
  ASSERT_TRUE(x.label.sacl_index.has_value());
  EXPECT_EQ(*x.label.sacl_index, 0u);
  // The access check's own line for a caller just below Medium.
  EXPECT_TRUE(std::any_of(x.label.check_lines.begin(), x.label.check_lines.end(),
                          [](const std::string& s) {
                            return s.find("at most") != std::string::npos;
                          }))
      << ::testing::PrintToString(x.label.check_lines);

  const DescriptorExplanation unlabelled = explain("D:(A;;GA;;;WD)", ObjectType::file);
  EXPECT_FALSE(unlabelled.label.present);
  EXPECT_EQ(unlabelled.label.level, sids::medium_integrity);
  EXPECT_EQ(unlabelled.label.policy, object_type_info(ObjectType::file).default_label_policy);
  EXPECT_NE(unlabelled.label.meaning.find("unlabelled"), std::string::npos);
}

TEST(Explain, MatrixColumnsAreTheTypesRights) {
  const std::vector<MatrixColumn> cols = matrix_columns(ObjectType::section);
  std::vector<std::string> words;
  for (const MatrixColumn& c : cols) words.push_back(c.word);
  for (const NamedRight& r : object_type_info(ObjectType::section).specific_rights)
    EXPECT_NE(std::find(words.begin(), words.end(), r.word), words.end()) << r.word;
  EXPECT_NE(std::find(words.begin(), words.end(), "write-dac"), words.end());
  // A section has no SYNCHRONIZE (object_type.cpp's table); an event has.
  EXPECT_EQ(std::find(words.begin(), words.end(), "synchronize"), words.end());
  const std::vector<MatrixColumn> event = matrix_columns(ObjectType::event);
  EXPECT_TRUE(std::any_of(event.begin(), event.end(),
                          [](const MatrixColumn& c) { return c.word == "synchronize"; }));
  EXPECT_TRUE(std::none_of(cols.begin(), cols.end(), [](const MatrixColumn& c) {
    return c.mask == rights::access_system_security || c.mask == rights::maximum_allowed;
  }));
}

TEST(Explain, MatrixCellsAndReasons) {
  const DescriptorExplanation x = explain(kLabelled, ObjectType::section);
  const MatrixCell& read = cell(x, "interactive-user", "map-read");
  EXPECT_TRUE(read.granted);
  EXPECT_EQ(read.reason, CellReason::ace);
  ASSERT_TRUE(read.ace_index.has_value());
  EXPECT_EQ(*read.ace_index, 1u);
  EXPECT_EQ(read.short_reason(), "ACE #1");
  // BU grants write to interactive users at Medium; Low is cut by the label.
  EXPECT_TRUE(cell(x, "interactive-user", "map-write").granted);
  const MatrixCell& low = cell(x, "low-integrity-user", "map-write");
  EXPECT_FALSE(low.granted);
  EXPECT_EQ(low.reason, CellReason::integrity);
  EXPECT_EQ(low.short_reason(), "label");
  EXPECT_FALSE(low.trace.empty());
  // NR: low callers lose read as well.
  EXPECT_EQ(cell(x, "low-integrity-user", "map-read").reason, CellReason::integrity);
  // The owner SY: its implied write-dac comes before the DACL (MS-DTYP 2.5.3.2), so ownership
  // decides, not the GA ACE; write-owner is not implied and the GA ACE grants it.
  EXPECT_EQ(cell(x, "local-system", "write-dac").reason, CellReason::owner);
  EXPECT_EQ(cell(x, "local-system", "write-owner").reason, CellReason::ace);
  // Anonymous: the deny ACE (AN has no Everyone, Untrusted integrity is below the label too:
  // the label is the first cause the check gives).
  EXPECT_FALSE(cell(x, "anonymous", "map-write").granted);
  // A SID row: BU alone at Medium.
  EXPECT_TRUE(cell(x, "SID BU", "map-write").granted);
  EXPECT_FALSE(cell(x, "a caller holding none of these SIDs", "map-read").granted);
  EXPECT_EQ(cell(x, "a caller holding none of these SIDs", "map-read").reason,
            CellReason::no_ace);

  const DescriptorExplanation deny = explain("D:(D;;GW;;;IU)(A;;GA;;;IU)", ObjectType::section);
  const MatrixCell& d = cell(deny, "interactive-user", "map-write");
  EXPECT_FALSE(d.granted);
  EXPECT_EQ(d.reason, CellReason::deny_ace);
  ASSERT_TRUE(d.ace_index.has_value());
  EXPECT_EQ(*d.ace_index, 0u);

  const DescriptorExplanation owner = explain("O:IUD:", ObjectType::section);
  EXPECT_EQ(cell(owner, "interactive-user", "read-control").reason, CellReason::owner);
  EXPECT_FALSE(cell(owner, "interactive-user", "map-read").granted);

  const DescriptorExplanation open = explain("D:NO_ACCESS_CONTROL", ObjectType::section);
  EXPECT_EQ(cell(open, "interactive-user", "map-write").reason, CellReason::null_dacl);
}

TEST(Explain, AppContainerAndRestrictedRows) {
  const DescriptorExplanation x = explain("D:(A;;GA;;;IU)(A;;GR;;;S-1-15-3-1)", ObjectType::section);
  const MatrixCell& none = cell(x, "appcontainer (no capability)", "map-read");
  EXPECT_FALSE(none.granted);
  EXPECT_EQ(none.reason, CellReason::appcontainer);
  EXPECT_TRUE(cell(x, "appcontainer + capability internetClient", "map-read").granted);
  EXPECT_FALSE(cell(x, "appcontainer + capability internetClient", "map-write").granted);
  const MatrixCell& sandbox = cell(x, "restricted-sandbox", "map-read");
  EXPECT_FALSE(sandbox.granted);
  // The sandbox is Low: the unlabelled section's default NW does not block read; the
  // restricting SIDs do.
  EXPECT_EQ(sandbox.reason, CellReason::restricted);
}

// Every cell is what access_check says for the row's token and that right: the matrix is the
// access check, and the row's token SPEC reads back to the very token.
TEST(Explain, CellsEqualTheAccessCheckAndSpecsReadBack) {
  for (std::string_view text : {kLabelled, std::string_view("D:(A;;GA;;;IU)(A;;GR;;;S-1-15-3-1)"),
                                std::string_view("D:P(A;;GA;;;SY)(XA;;GW;;;IU;(Member_of {SID(LU)}))")}) {
    const SecurityDescriptor sd = sddl(text);
    const DescriptorExplanation x = explain(text, ObjectType::section);
    ASSERT_FALSE(x.rows.empty());
    for (const MatrixRow& r : x.rows) {
      auto token = parse_token_spec(r.token_spec);
      ASSERT_TRUE(token.ok()) << r.token_spec << ": " << token.error().message;
      ASSERT_EQ(r.cells.size(), x.columns.size());
      for (std::size_t c = 0; c < x.columns.size(); ++c) {
        const AccessCheckResult check =
            access_check(sd, *token, x.columns[c].mask, ObjectType::section, {{}, false});
        EXPECT_EQ(r.cells[c].granted, check.allowed)
            << text << " " << r.name << " " << x.columns[c].word;
      }
    }
  }
}

TEST(Explain, ConditionInWords) {
  auto e = parse_conditional_expression("(Member_of {SID(LU)} || @Device.Compliance == \"Compliant\")");
  ASSERT_TRUE(e.ok());
  const std::string words = condition_in_words(*e);
  EXPECT_NE(words.find("the caller is a member of LU"), std::string::npos) << words;
  EXPECT_NE(words.find(" or "), std::string::npos) << words;
  EXPECT_NE(words.find("the device claim Compliance equals \"Compliant\""), std::string::npos)
      << words;

  auto f = parse_conditional_expression("(!(@User.clearance >= 3) && Member_of_any {SID(BA), SID(BU)})");
  ASSERT_TRUE(f.ok());
  const std::string more = condition_in_words(*f);
  EXPECT_NE(more.find("not (the user claim clearance is at least 3)"), std::string::npos) << more;
  EXPECT_NE(more.find("at least one of {"), std::string::npos) << more;

  const DescriptorExplanation x =
      explain("D:(XA;;GW;;;IU;(@User.x == 1))(XD;;GW;;;IU;(@User.y == 1))", ObjectType::section);
  ASSERT_EQ(x.aces.size(), 2u);
  EXPECT_NE(x.aces[0].condition_words.find("only when its condition is TRUE"), std::string::npos);
  EXPECT_NE(x.aces[1].condition_words.find("TRUE or UNKNOWN"), std::string::npos);
  EXPECT_NE(x.aces[0].summary.find("when the user claim x equals 1"), std::string::npos)
      << x.aces[0].summary;
}

TEST(Explain, ConditionTreeJson) {
  auto e = parse_conditional_expression(
      "(Member_of {SID(LU)} || (@Device.Compliance == \"Compliant\" && !(@Resource.r < -2)))");
  ASSERT_TRUE(e.ok());
  const nlohmann::json tree = nlohmann::json::parse(condition_tree_json(*e));
  EXPECT_EQ(tree["node"], "operator");
  EXPECT_EQ(tree["kind"], "logical");
  EXPECT_EQ(tree["operator"], "||");
  ASSERT_EQ(tree["operands"].size(), 2u);
  const nlohmann::json& member = tree["operands"][0];
  EXPECT_EQ(member["kind"], "unary");
  EXPECT_EQ(member["operator"], "Member_of");
  EXPECT_EQ(member["operands"][0]["type"], "composite");
  EXPECT_EQ(member["operands"][0]["elements"][0]["type"], "sid");
  EXPECT_EQ(member["operands"][0]["elements"][0]["value"], "S-1-5-32-559");
  EXPECT_EQ(member["operands"][0]["elements"][0]["alias"], "LU");
  const nlohmann::json& both = tree["operands"][1];
  EXPECT_EQ(both["operator"], "&&");
  const nlohmann::json& eq = both["operands"][0];
  EXPECT_EQ(eq["kind"], "relational");
  EXPECT_EQ(eq["operands"][0]["node"], "attribute");
  EXPECT_EQ(eq["operands"][0]["scope"], "device");
  EXPECT_EQ(eq["operands"][0]["name"], "Compliance");
  EXPECT_EQ(eq["operands"][1]["type"], "string");
  EXPECT_EQ(eq["operands"][1]["value"], "Compliant");
  const nlohmann::json& no = both["operands"][1];
  EXPECT_EQ(no["kind"], "not");
  EXPECT_EQ(no["operands"][0]["operands"][0]["scope"], "resource");
  EXPECT_EQ(no["operands"][0]["operands"][1]["type"], "int64");
  EXPECT_EQ(no["operands"][0]["operands"][1]["value"], -2);

  // The descriptor view carries the tree beside the text.
  const nlohmann::json view = nlohmann::json::parse(
      to_json(sddl("D:(XA;;FR;;;WD;(@User.clearance >= 3))(A;;FA;;;SY)")));
  const nlohmann::json& ace = view["dacl"]["aces"][0];
  EXPECT_EQ(ace["condition"], "(@USER.clearance >= 3)");
  EXPECT_EQ(ace["condition_tree"]["operands"][0]["scope"], "user");
  EXPECT_FALSE(view["dacl"]["aces"][1].contains("condition_tree"));
}

TEST(Explain, RefusalIsAnError) {
  // A label whose SID is not an integrity level: the access check gives no answer.
  auto x = explain_descriptor(sddl("D:(A;;GA;;;WD)S:(ML;;NW;;;LU)"), ObjectType::section);
  EXPECT_FALSE(x.ok());
}

}  // namespace
}  // namespace secdesc
