// json.hpp: the JSON view of a security descriptor.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "secdesc/json.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

nlohmann::json view(std::string_view sddl, const SddlFormatOptions& options = {}) {
  auto sd = parse_sddl(sddl, SddlParseOptions{options.context});
  EXPECT_TRUE(sd) << sddl;
  return nlohmann::json::parse(to_json(sd ? *sd : SecurityDescriptor{}, options));
}

TEST(Json, OwnerGroupAndControl) {
  auto j = view("O:BAG:SYD:PAI(A;OICI;FA;;;SY)");
  EXPECT_EQ(j["sddl"], "O:BAG:SYD:PAI(A;OICI;FA;;;SY)");
  EXPECT_EQ(j["owner"]["sid"], "S-1-5-32-544");
  EXPECT_EQ(j["owner"]["alias"], "BA");
  EXPECT_EQ(j["owner"]["name"], "BUILTIN\\Administrators");
  EXPECT_EQ(j["group"]["sid"], "S-1-5-18");
  // DACL present + protected + auto-inherited, and self-relative as the bytes would say.
  EXPECT_EQ(j["control"], "0x9404");
  EXPECT_EQ(j["control_flags"], nlohmann::json({"dacl_protected", "dacl_auto_inherited"}));
  const auto& ace = j["dacl"]["aces"][0];
  EXPECT_EQ(j["dacl"]["revision"], 2);
  EXPECT_EQ(ace["type"], "A");
  EXPECT_EQ(ace["flags"], nlohmann::json({"OI", "CI"}));
  EXPECT_EQ(ace["mask"], "0x001f01ff");
  EXPECT_EQ(ace["rights"], "FA");
  EXPECT_EQ(ace["trustee"]["alias"], "SY");
  EXPECT_FALSE(ace.contains("condition"));
}

TEST(Json, NullAndAbsentAcls) {
  auto absent = view("O:SY");
  EXPECT_TRUE(absent["dacl"].is_null());
  EXPECT_TRUE(absent["sacl"].is_null());
  EXPECT_TRUE(absent["group"].is_null());
  EXPECT_EQ(absent["control"], "0x8000");
  auto null_dacl = view("D:NO_ACCESS_CONTROL");
  EXPECT_EQ(null_dacl["dacl"], "null");  // NO_ACCESS_CONTROL, not absent
  EXPECT_EQ(null_dacl["control"], "0x8004");
  auto empty = view("D:");
  EXPECT_EQ(empty["dacl"]["aces"], nlohmann::json::array());
}

TEST(Json, ConditionalAceHasItsCondition) {
  const std::string text = to_json(parse_sddl("D:(XA;;FA;;;WD;(@User.Title == \"PM\"))").value());
  EXPECT_NE(text.find(R"j("condition":"(@USER.Title == \"PM\")")j"), std::string::npos) << text;
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["dacl"]["aces"][0]["type"], "XA");
  EXPECT_EQ(j["dacl"]["aces"][0]["condition"], "(@USER.Title == \"PM\")");
}

TEST(Json, LabelObjectAcesAndResourceAttributes) {
  auto j = view("S:(ML;;NWNR;;;LW)(RA;;;;;WD;(\"Project\",TS,0x0,\"Apollo\"))"
                "D:(OA;;RP;bf967aba-0de6-11d0-a285-00aa003049e2;;AU)");
  EXPECT_EQ(j["mandatory_label"]["level"]["alias"], "LW");
  EXPECT_EQ(j["mandatory_label"]["policy"], "NWNR");
  EXPECT_EQ(j["dacl"]["revision"], 4);
  EXPECT_EQ(j["dacl"]["aces"][0]["object_type"], "bf967aba-0de6-11d0-a285-00aa003049e2");
  EXPECT_FALSE(j["dacl"]["aces"][0].contains("inherited_object_type"));
  const auto& ra = j["sacl"]["aces"][1]["resource_attribute"];
  EXPECT_EQ(ra["name"], "Project");
  EXPECT_EQ(ra["flags"], "0x0");
  EXPECT_NE(ra["sddl"].get<std::string>().find("\"Apollo\""), std::string::npos);
}

TEST(Json, DomainAliasesNeedTheContextAndIndentSpreadsLines) {
  const SidContext domain{parse_domain_sid("S-1-5-21-1-2-3").value()};
  auto j = view("O:DAD:", SddlFormatOptions{domain});
  EXPECT_EQ(j["owner"]["alias"], "DA");
  EXPECT_EQ(j["owner"]["sid"], "S-1-5-21-1-2-3-512");
  const SecurityDescriptor sd = parse_sddl("O:SY").value();
  EXPECT_EQ(to_json(sd).find('\n'), std::string::npos);
  EXPECT_NE(to_json(sd, {}, 2).find("\n  \"control\""), std::string::npos);
}

}  // namespace
}  // namespace secdesc
