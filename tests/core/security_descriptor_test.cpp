// security_descriptor.hpp: ACL states, control flags and the mandatory label.
#include <gtest/gtest.h>

#include "secdesc/security_descriptor.hpp"

namespace secdesc {
namespace {

TEST(SecurityDescriptor, StartsEmpty) {
  SecurityDescriptor sd;
  EXPECT_FALSE(sd.owner());
  EXPECT_FALSE(sd.group());
  EXPECT_EQ(sd.dacl_state(), AclState::absent);
  EXPECT_EQ(sd.sacl_state(), AclState::absent);
  EXPECT_EQ(sd.control(), 0);
  EXPECT_FALSE(sd.mandatory_label());
}

TEST(SecurityDescriptor, AclStatesAndThePresentBits) {
  SecurityDescriptor sd;
  sd.set_dacl(Acl::with_aces({make_allow(sids::everyone, 1)}));
  EXPECT_EQ(sd.dacl_state(), AclState::present);
  ASSERT_TRUE(sd.dacl());
  EXPECT_EQ(sd.dacl()->aces.size(), 1u);
  EXPECT_EQ(sd.control(), control::dacl_present);
  sd.set_null_dacl();
  EXPECT_EQ(sd.dacl_state(), AclState::null);
  EXPECT_FALSE(sd.dacl());
  EXPECT_EQ(sd.control(), control::dacl_present);  // a null DACL is present
  sd.remove_dacl();
  EXPECT_EQ(sd.dacl_state(), AclState::absent);
  EXPECT_EQ(sd.control(), 0);

  sd.set_null_sacl();
  EXPECT_EQ(sd.control(), control::sacl_present);
  sd.set_sacl(Acl{});
  EXPECT_EQ(sd.sacl_state(), AclState::present);
  sd.remove_sacl();
  EXPECT_EQ(sd.sacl_state(), AclState::absent);
}

TEST(SecurityDescriptor, TakeLeavesTheAclAbsent) {
  SecurityDescriptor sd;
  sd.set_sacl(Acl::with_aces({make_mandatory_label(sids::low_integrity, 1)}));
  auto taken = sd.take_sacl();
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->aces.size(), 1u);
  EXPECT_EQ(sd.sacl_state(), AclState::absent);
  EXPECT_FALSE(sd.take_dacl());
}

TEST(SecurityDescriptor, DerivedControlBitsCannotBeSet) {
  SecurityDescriptor sd;
  sd.set_control_flags(control::dacl_protected | control::dacl_present | control::self_relative);
  EXPECT_EQ(sd.control(), control::dacl_protected);
  EXPECT_TRUE(sd.dacl_protected());
  sd.add_control_flags(control::sacl_auto_inherited | control::sacl_present);
  EXPECT_EQ(sd.control(), control::dacl_protected | control::sacl_auto_inherited);
  sd.set_control_flags(0);
  EXPECT_FALSE(sd.dacl_protected());
}

TEST(SecurityDescriptor, MandatoryLabelReplacesTheOldOneAndComesFirst) {
  SecurityDescriptor sd;
  Ace audit = make_allow(sids::everyone, 1);
  audit.type = AceType::system_audit;
  sd.set_sacl(Acl::with_aces({audit, make_mandatory_label(sids::high_integrity, 1)}));
  sd.set_mandatory_label(MandatoryLabel{sids::low_integrity, rights::label_no_write_up |
                                                                 rights::label_no_read_up,
                                        ace_flags::object_inherit});
  auto label = sd.mandatory_label();
  ASSERT_TRUE(label);
  EXPECT_EQ(label->level, sids::low_integrity);
  EXPECT_EQ(label->policy, rights::label_no_write_up | rights::label_no_read_up);
  EXPECT_EQ(label->ace_flags, ace_flags::object_inherit);
  ASSERT_EQ(sd.sacl()->aces.size(), 2u);  // the high label is gone, the audit ACE kept
  EXPECT_EQ(sd.sacl()->aces[0].type, AceType::system_mandatory_label);
  EXPECT_EQ(sd.sacl()->aces[1].type, AceType::system_audit);
}

TEST(SecurityDescriptor, Equality) {
  SecurityDescriptor a, b;
  a.set_owner(sids::local_system);
  EXPECT_NE(a, b);
  b.set_owner(sids::local_system);
  EXPECT_EQ(a, b);
  a.set_null_dacl();
  b.set_dacl(Acl{});  // an empty DACL is not a null one
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace secdesc
