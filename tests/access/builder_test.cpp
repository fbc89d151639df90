// DescriptorBuilder (builder.hpp): what each call puts in the descriptor, the canonical order of
// build(), and every error build() reports, with its message.
#include <gtest/gtest.h>

#include <string>

#include "secdesc/builder.hpp"
#include "secdesc/conditional.hpp"
#include "secdesc/principal_names.hpp"
#include "secdesc/rights_text.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

// The build() result, which the test needs to have succeeded.
SecurityDescriptor built(const DescriptorBuilder& b) {
  auto sd = b.build();
  EXPECT_TRUE(sd) << sd.error().message;
  return sd ? std::move(*sd) : SecurityDescriptor{};
}

std::string build_error(const DescriptorBuilder& b) {
  auto sd = b.build();
  EXPECT_FALSE(sd) << "built " << to_sddl(*sd);
  return sd ? std::string() : sd.error().message;
}

Claim uint_claim(std::u16string name, std::vector<std::uint64_t> values) {
  Claim c;
  c.name = std::move(name);
  c.type = ClaimType::uint64;
  c.integers = std::move(values);
  return c;
}

TEST(DescriptorBuilder, NothingAddedGivesAnEmptyDaclAndNoFlags) {
  const SecurityDescriptor sd = built(DescriptorBuilder(ObjectType::section));
  EXPECT_EQ(sd.dacl_state(), AclState::present);
  EXPECT_TRUE(sd.dacl()->aces.empty());
  EXPECT_FALSE(sd.owner());
  EXPECT_FALSE(sd.sacl());
  EXPECT_EQ(to_sddl(sd), "D:");
}

TEST(DescriptorBuilder, ProtectAndAutoInheritedSetTheirDaclFlags) {
  EXPECT_EQ(to_sddl(built(DescriptorBuilder(ObjectType::file).protect())), "D:P");
  EXPECT_EQ(to_sddl(built(DescriptorBuilder(ObjectType::file).auto_inherited())), "D:AI");
  EXPECT_EQ(to_sddl(built(DescriptorBuilder(ObjectType::file).protect().auto_inherited())),
            "D:PAI");
  // The last call wins: protect(false) takes the flag back.
  EXPECT_EQ(to_sddl(built(DescriptorBuilder(ObjectType::file).protect().protect(false))), "D:");
}

TEST(DescriptorBuilder, OwnerAndGroup) {
  const SecurityDescriptor sd = built(DescriptorBuilder(ObjectType::file)
                                          .owner(sids::builtin_administrators)
                                          .group(sids::local_system));
  ASSERT_TRUE(sd.owner());
  ASSERT_TRUE(sd.group());
  EXPECT_EQ(*sd.owner(), sids::builtin_administrators);
  EXPECT_EQ(*sd.group(), sids::local_system);
  EXPECT_EQ(to_sddl(sd), "O:BAG:SYD:");
}

TEST(DescriptorBuilder, DeniesComeBeforeAllowsEachInTheOrderAdded) {
  const SecurityDescriptor sd = built(DescriptorBuilder(ObjectType::section)
                                          .allow(sids::interactive, rights::generic_read)
                                          .deny(sids::anonymous, rights::generic_all)
                                          .allow(sids::local_system, rights::generic_all)
                                          .deny(sids::builtin_guests, rights::generic_write));
  const auto& aces = sd.dacl()->aces;
  ASSERT_EQ(aces.size(), 4u);
  EXPECT_EQ(aces[0].type, AceType::access_denied);
  EXPECT_EQ(aces[0].sid, sids::anonymous);
  EXPECT_EQ(aces[0].mask, rights::generic_all);
  EXPECT_EQ(aces[1].type, AceType::access_denied);
  EXPECT_EQ(aces[1].sid, sids::builtin_guests);
  EXPECT_EQ(aces[2].type, AceType::access_allowed);
  EXPECT_EQ(aces[2].sid, sids::interactive);
  EXPECT_EQ(aces[2].mask, rights::generic_read);
  EXPECT_EQ(aces[3].type, AceType::access_allowed);
  EXPECT_EQ(aces[3].sid, sids::local_system);
  EXPECT_EQ(to_sddl(sd), "D:(D;;GA;;;AN)(D;;GW;;;BG)(A;;GR;;;IU)(A;;GA;;;SY)");
}

TEST(DescriptorBuilder, PrincipalsAndRightsInWordsMeanWhatTheirParsersSay) {
  const auto mask = parse_rights("read, write", ObjectType::section);
  ASSERT_TRUE(mask);
  const SecurityDescriptor by_words = built(DescriptorBuilder(ObjectType::section)
                                                .allow("Interactive users", "read, write")
                                                .deny("AN", "read"));
  const SecurityDescriptor by_value =
      built(DescriptorBuilder(ObjectType::section)
                .allow(sids::interactive, *mask)
                .deny(sids::anonymous, *parse_rights("read", ObjectType::section)));
  EXPECT_EQ(by_words, by_value);
  EXPECT_EQ(by_words.dacl()->aces[1].sid, sids::interactive);
  EXPECT_EQ(by_words.dacl()->aces[1].mask, *mask);
}

TEST(DescriptorBuilder, ABadPrincipalOrRightFailsBuildWithItsParsersError) {
  // The builder reads names with the one resolver of principal_names.hpp.
  const auto principal = resolve_principal("Nobody Such");
  ASSERT_FALSE(principal);
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::section).allow("Nobody Such", "read")),
            principal.error().message);
  const auto right = parse_rights("map-read", ObjectType::event);
  ASSERT_FALSE(right);
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::event).deny("IU", "map-read")),
            right.error().message);
  EXPECT_NE(right.error().message.find("unknown right 'map-read' for event"), std::string::npos);
}

TEST(DescriptorBuilder, TheFirstErrorIsTheOneReported) {
  const std::string message = build_error(DescriptorBuilder(ObjectType::event)
                                              .allow("IU", "map-read")
                                              .allow("Nobody Such", "read")
                                              .allow(sids::everyone, rights::generic_read));
  EXPECT_EQ(message, parse_rights("map-read", ObjectType::event).error().message);
}

TEST(DescriptorBuilder, ConditionalEntriesAreCallbackAces) {
  auto condition = parse_conditional_expression("(@User.Title == \"PM\")");
  ASSERT_TRUE(condition) << condition.error().message;
  const SecurityDescriptor sd =
      built(DescriptorBuilder(ObjectType::file)
                .allow_if(sids::interactive, rights::generic_read, *condition)
                .deny_if("BG", "write", "(Member_of {SID(BA)})"));
  const auto& aces = sd.dacl()->aces;
  ASSERT_EQ(aces.size(), 2u);
  // The conditional deny is a deny entry: before every allow.
  EXPECT_EQ(aces[0].type, AceType::access_denied_callback);
  EXPECT_EQ(aces[0].sid, sids::builtin_guests);
  ASSERT_TRUE(aces[0].condition);
  EXPECT_EQ(aces[1].type, AceType::access_allowed_callback);
  ASSERT_TRUE(aces[1].condition);
  EXPECT_EQ(*aces[1].condition, *condition);
  // "write" is GENERIC_WRITE; the SDDL writer spells the attribute prefix @USER.
  EXPECT_EQ(ace_to_sddl(aces[0]), "(XD;;GW;;;BG;(Member_of {SID(BA)}))");
  EXPECT_EQ(ace_to_sddl(aces[1]), "(XA;;GR;;;IU;(@USER.Title == \"PM\"))");
}

TEST(DescriptorBuilder, ABadConditionFailsBuildWithItsParsersError) {
  const auto parsed = parse_conditional_expression("(@User.Title ==)");
  ASSERT_FALSE(parsed);
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::file).allow_if("IU", "read",
                                                                     "(@User.Title ==)")),
            parsed.error().message);
}

TEST(DescriptorBuilder, InheritanceFlagsOnlyOnContainers) {
  const SecurityDescriptor sd = built(DescriptorBuilder(ObjectType::directory)
                                          .allow(sids::everyone, rights::generic_read,
                                                 ace_flags::object_inherit |
                                                     ace_flags::container_inherit));
  EXPECT_EQ(sd.dacl()->aces[0].flags, ace_flags::object_inherit | ace_flags::container_inherit);
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::section)
                            .allow(sids::everyone, rights::generic_read,
                                   ace_flags::object_inherit)),
            "inheritance flags mean nothing on a section: only directories and registry keys "
            "have children that inherit");
  // INHERITED_ACE (0x10) is not an inheritance flag: the system sets it, a caller cannot.
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::directory)
                            .deny(sids::everyone, rights::generic_read, ace_flags::inherited)),
            "ACE flags 0x10 for S-1-1-0: only the inheritance flags OI CI NP IO can be set on a "
            "DACL entry");
}

TEST(DescriptorBuilder, LabelIsTheSaclsMandatoryLabel) {
  const SecurityDescriptor sd =
      built(DescriptorBuilder(ObjectType::section)
                .label(sids::low_integrity,
                       rights::label_no_write_up | rights::label_no_read_up));
  const auto label = sd.mandatory_label();
  ASSERT_TRUE(label);
  EXPECT_EQ(label->level, sids::low_integrity);
  EXPECT_EQ(label->policy, rights::label_no_write_up | rights::label_no_read_up);
  EXPECT_EQ(to_sddl(sd), "D:S:(ML;;NWNR;;;LW)");
  // The default policy is no-write-up.
  EXPECT_EQ(built(DescriptorBuilder(ObjectType::section).label(sids::high_integrity))
                .mandatory_label()
                ->policy,
            rights::label_no_write_up);
}

TEST(DescriptorBuilder, LabelErrors) {
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::section).label(sids::everyone)),
            "'S-1-1-0' is not an integrity level (S-1-16-N)");
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::section).label(sids::low_integrity, 0x8)),
            "label policy 0x8 has bits other than no-write-up, no-read-up and no-execute-up");
}

TEST(DescriptorBuilder, ResourceAttributesAreRaAcesForEveryoneAfterTheLabel) {
  const SecurityDescriptor sd = built(DescriptorBuilder(ObjectType::file)
                                          .label(sids::low_integrity)
                                          .resource_attribute(uint_claim(u"Secrecy", {3}))
                                          .resource_attribute(uint_claim(u"Project", {1, 2})));
  ASSERT_TRUE(sd.sacl());
  const auto& aces = sd.sacl()->aces;
  ASSERT_EQ(aces.size(), 3u);
  EXPECT_EQ(aces[0].type, AceType::system_mandatory_label);
  for (std::size_t i : {1u, 2u}) {
    EXPECT_EQ(aces[i].type, AceType::system_resource_attribute);
    EXPECT_EQ(aces[i].sid, sids::everyone);
    ASSERT_TRUE(aces[i].resource_attribute);
  }
  EXPECT_EQ(*aces[1].resource_attribute, uint_claim(u"Secrecy", {3}));
  EXPECT_EQ(*aces[2].resource_attribute, uint_claim(u"Project", {1, 2}));
}

TEST(DescriptorBuilder, ResourceAttributeErrors) {
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::file)
                            .resource_attribute(uint_claim(u"Secrecy", {}))),
            "resource attribute 'Secrecy' has no value: a condition reading it would be UNKNOWN");
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::file)
                            .resource_attribute(uint_claim(u"Secrecy", {1}))
                            .resource_attribute(uint_claim(u"SECRECY", {2}))),
            "resource attribute 'SECRECY' is given twice (names compare case-insensitively; only "
            "the first would count)");
  // What validate_claim refuses, with its message after the attribute's name.
  const Claim twice = uint_claim(u"Secrecy", {1, 1});
  const auto invalid = validate_claim(twice);
  ASSERT_TRUE(invalid);
  EXPECT_EQ(build_error(DescriptorBuilder(ObjectType::file).resource_attribute(twice)),
            "resource attribute 'Secrecy': " + invalid->message);
}

TEST(DescriptorBuilder, PrincipalsByDerivedName) {
  // The SIDs Windows derives (tests/access/principal_names_test.cpp has their sources).
  auto sd = DescriptorBuilder(ObjectType::event)
                .protect()
                .allow("NT SERVICE\\TrustedInstaller", "all")
                .allow("package:Microsoft.WindowsCalculator_8wekyb3d8bbwe", "read")
                .allow("capability:internetClient", "read")
                .build();
  ASSERT_TRUE(sd) << sd.error().message;
  EXPECT_EQ(to_sddl(*sd),
            "D:P(A;;GA;;;S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)"
            "(A;;GR;;;S-1-15-2-466767348-3739614953-2700836392-1801644223-4227750657-1087833535-"
            "2488631167)(A;;GR;;;S-1-15-3-1)");
  // A misspelt name fails build() with the resolver's suggestion.
  auto bad = DescriptorBuilder(ObjectType::event).allow("NT SERVICES\\AcmeSync", "all").build();
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("did you mean 'NT SERVICE\\AcmeSync'?"), std::string::npos)
      << bad.error().message;
}

TEST(DescriptorBuilder, RemembersItsObjectType) {
  EXPECT_EQ(DescriptorBuilder(ObjectType::key).object_type(), ObjectType::key);
  EXPECT_EQ(DescriptorBuilder(ObjectType::service).object_type(), ObjectType::service);
}

}  // namespace
}  // namespace secdesc
