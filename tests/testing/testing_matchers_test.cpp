// secdesc/testing.hpp: the Grants/Denies matchers, used as users will, and their failure output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "reference_policy.hpp"  // sddlc compile --emit cpp, at build time
#include "secdesc/binary.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/testing.hpp"

namespace secdesc {
namespace {

using secdesc::testing::Denies;
using secdesc::testing::Grants;

SecurityDescriptor sddl(std::string_view text) {
  auto sd = parse_sddl(text);
  EXPECT_TRUE(sd) << text;
  return sd ? *sd : SecurityDescriptor{};
}

// The example of docs/access-check.md: the service's section before and after the Low label.
TEST(Matchers, TheSeedQuestion) {
  const auto unlabelled = sddl("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)");
  EXPECT_THAT(unlabelled, Grants(low_integrity_user(), {"read"}).on(ObjectType::section));
  EXPECT_THAT(unlabelled, Denies(low_integrity_user(), {"write"}).on(ObjectType::section));
  EXPECT_THAT(unlabelled, Grants(interactive_user(), {"read", "write"}).on(ObjectType::section));

  const auto labelled = sddl("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)");
  EXPECT_THAT(labelled, Grants(low_integrity_user(), {"read", "write"}).on(ObjectType::section));
  EXPECT_THAT(labelled, Denies(appcontainer_process(), {"read"}).on(ObjectType::section));
}

// A label the access check cannot judge (LU typed for LW) matches neither Grants nor Denies, and
// the failure says why.
TEST(Matchers, ALabelThatIsNotAnIntegrityLevelMatchesNeither) {
  const auto typo = sddl("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LU)");
  EXPECT_THAT(typo, ::testing::Not(Grants(low_integrity_user(), {"write"}).on(ObjectType::section)));
  EXPECT_THAT(typo, ::testing::Not(Denies(low_integrity_user(), {"write"}).on(ObjectType::section)));
  const auto matcher = Denies(low_integrity_user(), {"write"}).on(ObjectType::section);
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(matcher.MatchAndExplain(typo, &listener));
  EXPECT_NE(listener.str().find("no answer: the mandatory label"), std::string::npos)
      << listener.str();
}

// A compiled policy's bytes go to the matchers and the decoder as they are, without glue.
TEST(Matchers, TakeACompiledPolicysDescriptorArray) {
  const auto& bytes = reference::service_section_lowil_readwrite::descriptor;
  EXPECT_THAT(bytes, Grants(low_integrity_user(), {"read", "write"}).on(ObjectType::section));
  EXPECT_THAT(bytes, Denies(appcontainer_process(), {"read"}).on(ObjectType::section));
  const auto decoded = decode_self_relative(bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(to_sddl(*decoded), "D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GWGR;;;IU)S:(ML;;NW;;;LW)");
  // Bytes that are not a descriptor fail the expectation with the decoder's reason.
  const std::vector<std::uint8_t> junk = {1, 0, 4, 0x80};
  const auto matcher = Grants(low_integrity_user(), {"read"}).on(ObjectType::section);
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(matcher.MatchAndExplain(junk, &listener));
  EXPECT_NE(listener.str().find("not a self-relative security descriptor"), std::string::npos)
      << listener.str();
}

TEST(Matchers, RightsAsLettersHexAndOneString) {
  const auto sd = sddl("D:(A;;GR;;;WD)");
  EXPECT_THAT(sd, Grants(interactive_user(), {"GR"}).on(ObjectType::section));
  EXPECT_THAT(sd, Grants(interactive_user(), {"0x20005"}).on(ObjectType::section));
  EXPECT_THAT(sd, Grants(interactive_user(), "query|map-read").on(ObjectType::section));
  EXPECT_THAT(sd, Denies(interactive_user(), "map-read|map-write").on(ObjectType::section));
  EXPECT_THAT(sd, ::testing::Not(Grants(interactive_user(), {"write"}).on(ObjectType::section)));
}

TEST(Matchers, FailureMessageCarriesTheTrace) {
  const auto sd = sddl("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)");
  const ::testing::Matcher<const SecurityDescriptor&> m =
      Grants(low_integrity_user(), {"read", "write"}).on(ObjectType::section);
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(m.MatchAndExplain(sd, &listener));
  const std::string why = listener.str();
  EXPECT_THAT(why, ::testing::HasSubstr("DENIED section"));
  EXPECT_THAT(why, ::testing::HasSubstr("DACL ACE #2 (A;;GWGR;;;IU): grants"));
  EXPECT_THAT(why, ::testing::HasSubstr("0x2 (map-write): removed by mandatory integrity"));
  EXPECT_THAT(why, ::testing::HasSubstr("mandatory label: none in the SACL"));

  const std::string description = ::testing::DescribeMatcher<const SecurityDescriptor&>(m);
  EXPECT_THAT(description, ::testing::HasSubstr("grants read,write on a section"));
  EXPECT_THAT(description, ::testing::HasSubstr("integrity low"));
  const std::string negation = ::testing::DescribeMatcher<const SecurityDescriptor&>(m, true);
  EXPECT_THAT(negation, ::testing::HasSubstr("denies read,write"));
}

TEST(Matchers, ExplainMatchResultGivesTheTraceForPassingMatchesToo) {
  const auto sd = sddl("D:(A;;GA;;;WD)");
  ::testing::StringMatchResultListener listener;
  EXPECT_TRUE(::testing::ExplainMatchResult(
      Denies(low_integrity_user(), {"write"}).on(ObjectType::section), sd, &listener));
  EXPECT_THAT(listener.str(), ::testing::HasSubstr("integrity: removes 0x2 (map-write)"));
}

TEST(Matchers, UnreadableRightsFailWithTheParserMessage) {
  const auto sd = sddl("D:(A;;GA;;;WD)");
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::ExplainMatchResult(
      Grants(interactive_user(), {"red"}).on(ObjectType::section), sd, &listener));
  EXPECT_THAT(listener.str(), ::testing::HasSubstr("did you mean 'read'?"));
  // A wrong right must fail Denies too, not pass it by accident.
  ::testing::StringMatchResultListener again;
  EXPECT_FALSE(::testing::ExplainMatchResult(
      Denies(interactive_user(), {"red"}).on(ObjectType::section), sd, &again));
}

}  // namespace
}  // namespace secdesc

namespace secdesc {
namespace {

// The full test of docs/access-check.md, as written there.
TEST(SharedSection, LowIntegrityClientsMayReadAndWrite) {
  auto sd = parse_sddl("D:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)");
  ASSERT_TRUE(sd) << sd.error().message;
  EXPECT_THAT(*sd, Grants(low_integrity_user(), {"read", "write"}).on(ObjectType::section));
  EXPECT_THAT(*sd, Denies(low_integrity_user(), {"write-dac"}).on(ObjectType::section));
  EXPECT_THAT(*sd, Denies(appcontainer_process(), {"read"}).on(ObjectType::section));
  EXPECT_THAT(*sd, Grants(local_system(), "all").on(ObjectType::section));
}

}  // namespace
}  // namespace secdesc
