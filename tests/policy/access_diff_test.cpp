// access_diff.hpp: who gains and who loses which rights between two descriptors, by access check.
#include <algorithm>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "secdesc/access_check.hpp"
#include "secdesc/access_diff.hpp"
#include "secdesc/sddl.hpp"

namespace secdesc {
namespace {

SecurityDescriptor sddl(std::string_view text) {
  auto sd = parse_sddl(text);
  EXPECT_TRUE(sd.ok()) << text;
  return sd ? *sd : SecurityDescriptor{};
}

AccessDiff diff(std::string_view old_text, std::string_view new_text, ObjectType type) {
  auto d = diff_access(sddl(old_text), sddl(new_text), type);
  EXPECT_TRUE(d.ok()) << (d ? "" : d.error().message);
  return d ? *d : AccessDiff{};
}

const PrincipalChange* find_change(const AccessDiff& d, std::string_view principal) {
  auto it = std::find_if(d.changes.begin(), d.changes.end(),
                         [&](const PrincipalChange& c) { return c.principal == principal; });
  return it == d.changes.end() ? nullptr : &*it;
}

// The example: interactive users gain write on a pipe.
TEST(AccessDiff, InteractiveUsersGainPipeWrite) {
  const AccessDiff d = diff("D:P(A;;GA;;;SY)(A;;GR;;;IU)", "D:P(A;;GA;;;SY)(A;;GRGW;;;IU)",
                            ObjectType::named_pipe);
  ASSERT_FALSE(d.empty());
  const GenericMapping& m = object_type_info(ObjectType::named_pipe).mapping;
  const AccessMask expected_gain = m.write & ~m.read;
  for (std::string_view who : {"interactive-user", "SID IU"}) {
    const PrincipalChange* c = find_change(d, who);
    ASSERT_NE(c, nullptr) << who;
    EXPECT_EQ(c->gained, expected_gain) << who;
    EXPECT_EQ(c->lost, 0u) << who;
    EXPECT_NE(c->gained_rights.find("write-data"), std::string::npos) << c->gained_rights;
    // The reason names the ACE of the new descriptor that grants the write.
    const bool names_ace = std::any_of(c->reason.begin(), c->reason.end(), [](const auto& l) {
      return l.find(";IU)") != std::string::npos;
    });
    EXPECT_TRUE(names_ace) << who;
  }
  EXPECT_EQ(find_change(d, "local-system"), nullptr);  // GA before and after
  // A Low-integrity caller is held back by the default label (no-write-up at Medium).
  EXPECT_EQ(find_change(d, "low-integrity-user"), nullptr);
  EXPECT_EQ(d.all_lost(), 0u);
  EXPECT_NE(d.all_gained() & write_rights(ObjectType::named_pipe), 0u);
}

// The second example: AppContainers gain map-write on a section labelled Low.
TEST(AccessDiff, AppContainersGainMapWrite) {
  const AccessDiff d = diff("D:(A;;GA;;;SY)(A;;GRGW;;;IU)(A;;GR;;;AC)S:(ML;;NW;;;LW)",
                            "D:(A;;GA;;;SY)(A;;GRGW;;;IU)(A;;GRGW;;;AC)S:(ML;;NW;;;LW)",
                            ObjectType::section);
  for (std::string_view who : {"appcontainer-process", "appcontainer (no capability)"}) {
    const PrincipalChange* c = find_change(d, who);
    ASSERT_NE(c, nullptr) << who;
    EXPECT_EQ(c->gained & 0x2u, 0x2u) << who;  // SECTION_MAP_WRITE
    EXPECT_NE(c->gained_rights.find("map-write"), std::string::npos) << c->gained_rights;
  }
  EXPECT_EQ(find_change(d, "interactive-user"), nullptr);  // GRGW before and after
}

TEST(AccessDiff, CapabilityClassesWithAndWithout) {
  const AccessDiff d = diff("D:(A;;GA;;;SY)(A;;GR;;;IU)",
                            "D:(A;;GA;;;SY)(A;;GR;;;IU)(A;;GR;;;S-1-15-3-1)", ObjectType::section);
  const PrincipalChange* with = find_change(d, "appcontainer + capability S-1-15-3-1 (internetClient)");
  ASSERT_NE(with, nullptr);
  EXPECT_NE(with->gained & 0x4u, 0u);  // SECTION_MAP_READ
  EXPECT_EQ(find_change(d, "appcontainer (no capability)"), nullptr);
  EXPECT_NE(find_change(d, "appcontainer-process"), nullptr);  // the preset holds internetClient
}

// Adding S:(ML;;NW;;;LW) lowers the label from the default Medium: Low callers may now write.
TEST(AccessDiff, LabelLoweredWidensLowIntegrityWrite) {
  const AccessDiff d = diff("D:(A;;GA;;;SY)(A;;GRGW;;;IU)",
                            "D:(A;;GA;;;SY)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)", ObjectType::file);
  const PrincipalChange* c = find_change(d, "low-integrity-user");
  ASSERT_NE(c, nullptr);
  EXPECT_NE(c->gained & 0x2u, 0u);  // FILE_WRITE_DATA
  EXPECT_EQ(c->lost, 0u);
  EXPECT_NE(d.all_gained() & write_rights(ObjectType::file), 0u);
  EXPECT_EQ(find_change(d, "interactive-user"), nullptr);
  // The reverse change narrows: Low callers lose write, nobody gains.
  const AccessDiff back = diff("D:(A;;GA;;;SY)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)",
                               "D:(A;;GA;;;SY)(A;;GRGW;;;IU)", ObjectType::file);
  EXPECT_FALSE(back.empty());
  EXPECT_EQ(back.all_gained(), 0u);
  EXPECT_NE(back.all_lost() & 0x2u, 0u);
}

TEST(AccessDiff, SpellingAndOrderAreNoChange) {
  EXPECT_TRUE(diff("D:(A;;GRGW;;;IU)", "D:(A;;GWGR;;;IU)", ObjectType::file).empty());
  EXPECT_TRUE(diff("D:(A;;GA;;;SY)(A;;GR;;;IU)(A;;GA;;;BA)",
                   "D:(A;;GA;;;BA)(A;;GR;;;IU)(A;;GA;;;SY)", ObjectType::file)
                  .empty());
  // Generic read of a file is FILE_GENERIC_READ (FR, 0x120089).
  EXPECT_TRUE(diff("D:(A;;GR;;;IU)", "D:(A;;FR;;;IU)", ObjectType::file).empty());
  EXPECT_TRUE(diff("D:(A;;GR;;;IU)", "D:(A;;0x120089;;;IU)", ObjectType::file).empty());
  // Owner and group written differently, DACL equal in effect.
  EXPECT_TRUE(diff("D:(A;;GA;;;SY)(A;;GRGX;;;BU)", "D:(A;;GXGR;;;BU)(A;;GA;;;SY)",
                   ObjectType::section)
                  .empty());
}

// A deny that mattered only to callers holding two SIDs: no single-SID token shows it.
TEST(AccessDiff, DenyRemovedForCallersHoldingTwoSids) {
  const AccessDiff d = diff("D:(D;;GR;;;BG)(A;;GR;;;IU)", "D:(A;;GR;;;IU)", ObjectType::file);
  ASSERT_FALSE(d.empty());
  const PrincipalChange* pair = find_change(d, "SIDs BG + IU");
  ASSERT_NE(pair, nullptr);
  EXPECT_NE(pair->gained & 0x1u, 0u);  // FILE_READ_DATA
  EXPECT_EQ(find_change(d, "SID BG"), nullptr);
}

TEST(AccessDiff, NullDaclAgainstEmptyDacl) {
  const AccessDiff d = diff("D:", "D:NO_ACCESS_CONTROL", ObjectType::event);
  ASSERT_FALSE(d.empty());
  EXPECT_NE(find_change(d, "a caller holding none of these SIDs"), nullptr);
}

// gained_by: what in NEW accounts for a gain, for annotations on the policy entry that widens.
TEST(AccessDiffGainCause, ChangedAceNotTheUnchangedOnes) {
  const AccessDiff d = diff("D:(A;;GA;;;SY)(A;;GRGW;;;IU)(A;;GR;;;AC)S:(ML;;NW;;;LW)",
                            "D:(A;;GA;;;SY)(A;;GRGW;;;IU)(A;;GRGW;;;AC)S:(ML;;NW;;;LW)",
                            ObjectType::section);
  const PrincipalChange* c = find_change(d, "appcontainer (no capability)");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->gained_by.size(), 1u);
  EXPECT_EQ(c->gained_by[0].where, GainCause::Where::dacl_ace);
  EXPECT_EQ(c->gained_by[0].index, std::optional<std::size_t>{2});  // the AC entry, not IU's
  EXPECT_EQ(c->gained_by[0].bits, c->gained);
}

TEST(AccessDiffGainCause, LabelLowered) {
  const AccessDiff d = diff("D:(A;;GA;;;SY)(A;;GRGW;;;IU)S:(ML;;NW;;;ME)",
                            "D:(A;;GA;;;SY)(A;;GRGW;;;IU)S:(ML;;NW;;;LW)", ObjectType::file);
  const PrincipalChange* c = find_change(d, "low-integrity-user");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->gained_by.size(), 1u);
  EXPECT_EQ(c->gained_by[0].where, GainCause::Where::label);
  EXPECT_EQ(c->gained_by[0].index, std::optional<std::size_t>{0});  // SACL ACE #0
  EXPECT_EQ(c->gained_by[0].bits, c->gained);
}

// A deny removed in front of an unchanged allow: the allow that now grants is what to look at.
TEST(AccessDiffGainCause, DenyRemovedPointsAtTheAllow) {
  const AccessDiff d = diff("D:(D;;GW;;;IU)(A;;GA;;;SY)(A;;GRGW;;;IU)",
                            "D:(A;;GA;;;SY)(A;;GRGW;;;IU)", ObjectType::file);
  const PrincipalChange* c = find_change(d, "SID IU");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->gained_by.size(), 1u);
  EXPECT_EQ(c->gained_by[0].where, GainCause::Where::dacl_ace);
  EXPECT_EQ(c->gained_by[0].index, std::optional<std::size_t>{1});
}

// A policy added (no OLD): everything it grants is gained; deleted (no NEW): everything lost.
TEST(AccessDiff, AddedAndDeletedObjects) {
  const SecurityDescriptor sd = sddl("D:(A;;GA;;;SY)(A;;GR;;;IU)");
  auto added = diff_access(nullptr, &sd, ObjectType::file);
  ASSERT_TRUE(added.ok());
  const PrincipalChange* iu = find_change(*added, "SID IU");
  ASSERT_NE(iu, nullptr);
  EXPECT_EQ(iu->old_granted, 0u);
  EXPECT_EQ(iu->gained, iu->new_granted);
  EXPECT_EQ(iu->gained, 0x120089u);  // FILE_GENERIC_READ
  ASSERT_EQ(iu->gained_by.size(), 1u);
  EXPECT_EQ(iu->gained_by[0].index, std::optional<std::size_t>{1});
  EXPECT_EQ(added->all_lost(), 0u);

  auto deleted = diff_access(&sd, nullptr, ObjectType::file);
  ASSERT_TRUE(deleted.ok());
  EXPECT_EQ(deleted->all_gained(), 0u);
  const PrincipalChange* gone = find_change(*deleted, "SID IU");
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->lost, 0x120089u);
  EXPECT_TRUE(gone->gained_by.empty());

  auto neither = diff_access(nullptr, nullptr, ObjectType::file);
  ASSERT_TRUE(neither.ok());
  EXPECT_TRUE(neither->empty());
}

TEST(AccessDiff, LabelThatIsNotAnIntegrityLevelIsAnInputError) {
  auto d = diff_access(sddl("D:(A;;GA;;;WD)"), sddl("D:(A;;GA;;;WD)S:(ML;;NW;;;BA)"),
                       ObjectType::file);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(d.error().message.rfind("new descriptor: ", 0), 0u) << d.error().message;
  auto o = diff_access(sddl("D:(A;;GA;;;WD)S:(ML;;NW;;;BA)"), sddl("D:(A;;GA;;;WD)"),
                       ObjectType::file);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.error().message.rfind("old descriptor: ", 0), 0u) << o.error().message;
}

TEST(AccessDiff, WriteRightsAreTheWritePart) {
  const AccessMask w = write_rights(ObjectType::file);
  EXPECT_NE(w & 0x2u, 0u);                   // FILE_WRITE_DATA
  EXPECT_EQ(w & 0x1u, 0u);                   // FILE_READ_DATA
  EXPECT_NE(w & rights::write_dac, 0u);
  EXPECT_EQ(w & rights::read_control, 0u);   // in FILE_GENERIC_WRITE, but read
  EXPECT_EQ(w & rights::synchronize, 0u);    // in FILE_GENERIC_WRITE, but execute
  EXPECT_NE(write_rights(ObjectType::section) & 0x2u, 0u);  // SECTION_MAP_WRITE
}

// ---- The property: diff(A, B) is empty exactly when the access check gives every token of a
// generated set the same answer for A and for B. The token set is the diff's own callers
// (diff_principals) plus random tokens holding any 0-3 of the descriptors' SIDs (not only the
// one or two SIDs the diff's callers hold) at a random integrity level from Untrusted to System,
// without privileges, restrictions or AppContainer identity. "Same answer" is the granted mask
// for MAXIMUM_ALLOWED and the verdict for each right of the type and each generic right.
class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  std::uint32_t pick(std::uint32_t n) {
    return std::uniform_int_distribution<std::uint32_t>(0, n - 1)(rng_);
  }

  Sid sid() {
    static const Sid pool[] = {sids::everyone,        sids::authenticated_users,
                               sids::interactive,     sids::builtin_users,
                               sids::builtin_administrators, sids::local_system,
                               sids::builtin_guests,  presets::example_user};
    return pool[pick(static_cast<std::uint32_t>(std::size(pool)))];
  }

  AccessMask mask() {
    static const AccessMask masks[] = {rights::generic_read, rights::generic_write,
                                       rights::generic_execute, rights::generic_all,
                                       0x1, 0x2, 0x4, 0x8, rights::read_control,
                                       rights::write_dac, rights::delete_, 0x3};
    return masks[pick(static_cast<std::uint32_t>(std::size(masks)))];
  }

  Ace ace() {
    Ace a;
    a.type = pick(3) == 0 ? AceType::access_denied : AceType::access_allowed;
    a.mask = mask();
    a.sid = sid();
    return a;
  }

  SecurityDescriptor descriptor() {
    SecurityDescriptor sd;
    if (pick(5) == 0) sd.set_owner(sid());
    const std::uint32_t shape = pick(20);
    if (shape == 0) {
      sd.set_null_dacl();
    } else if (shape != 1) {  // shape 1: no DACL at all
      std::vector<Ace> aces;
      for (std::uint32_t i = 0, n = pick(5); i < n; ++i) aces.push_back(ace());
      sd.set_dacl(Acl::with_aces(std::move(aces)));
    }
    if (pick(4) == 0) sd.set_mandatory_label(label());
    return sd;
  }

  MandatoryLabel label() {
    static const Sid levels[] = {sids::low_integrity, sids::medium_integrity,
                                 sids::high_integrity};
    return MandatoryLabel{levels[pick(3)], 1 + pick(7), 0};
  }

  // B from A: the same access written differently, a small edit, or a fresh descriptor.
  SecurityDescriptor variant(const SecurityDescriptor& a) {
    SecurityDescriptor b = a;
    const std::uint32_t how = pick(4);
    if (how == 3) return descriptor();
    if (!b.dacl() || b.dacl()->aces.empty()) return b;
    std::vector<Ace> aces = b.dacl()->aces;
    const std::size_t i = pick(static_cast<std::uint32_t>(aces.size()));
    if (how == 0) {
      // Swap two neighbours (equal access when both are allow or both deny, else maybe not).
      if (i + 1 < aces.size()) std::swap(aces[i], aces[i + 1]);
    } else if (how == 1) {
      aces[i].mask = mask();
    } else {
      aces[i].sid = sid();
    }
    b.set_dacl(Acl::with_aces(std::move(aces)));
    return b;
  }

  Token token(const std::vector<Sid>& known) {
    static const Sid levels[] = {sids::untrusted_integrity, sids::low_integrity,
                                 sids::medium_integrity, sids::high_integrity,
                                 sids::system_integrity};
    Token t;
    const auto any_known = [&] { return known[pick(static_cast<std::uint32_t>(known.size()))]; };
    t.user = known.empty() || pick(4) == 0 ? presets::example_user : any_known();
    for (std::uint32_t i = 0, n = pick(4); i < n && !known.empty(); ++i)
      t.groups.push_back(TokenGroup{any_known()});
    t.integrity_level = levels[pick(5)];
    return t;
  }

 private:
  std::mt19937 rng_;
};

std::vector<Sid> descriptor_sids(const SecurityDescriptor& a, const SecurityDescriptor& b) {
  std::vector<Sid> out;
  for (const SecurityDescriptor* sd : {&a, &b}) {
    if (sd->owner()) out.push_back(*sd->owner());
    if (sd->dacl())
      for (const Ace& ace : sd->dacl()->aces) out.push_back(ace.sid);
  }
  return out;
}

std::string fmt_token(const Token& t) { return describe_token(t); }

bool same_answer(const SecurityDescriptor& a, const SecurityDescriptor& b, const Token& t,
                 ObjectType type, std::string& why) {
  const AccessCheckOptions fast{{}, false};
  const AccessMask ga = access_check(a, t, rights::maximum_allowed, type, fast).granted;
  const AccessMask gb = access_check(b, t, rights::maximum_allowed, type, fast).granted;
  if (ga != gb) {
    why = fmt_token(t) + ": MAXIMUM_ALLOWED " + std::to_string(ga) + " vs " + std::to_string(gb);
    return false;
  }
  std::vector<AccessMask> desired{rights::generic_read, rights::generic_write,
                                  rights::generic_execute, rights::generic_all};
  for (const NamedRight& r : object_type_info(type).specific_rights) desired.push_back(r.mask);
  for (const AccessMask d : desired) {
    if (access_check(a, t, d, type, fast).allowed != access_check(b, t, d, type, fast).allowed) {
      why = fmt_token(t) + ": desired " + std::to_string(d);
      return false;
    }
  }
  return true;
}


TEST(AccessDiffProperty, EmptyExactlyWhenEveryTokenGetsTheSameAnswer) {
  Generator g(20261204);
  constexpr ObjectType kTypes[] = {ObjectType::file, ObjectType::section, ObjectType::event};
  int empty = 0, nonempty = 0;
  for (int round = 0; round < 400; ++round) {
    const SecurityDescriptor a = g.descriptor();
    const SecurityDescriptor b = g.variant(a);
    const ObjectType type = kTypes[g.pick(3)];
    auto d = diff_access(a, b, type);
    ASSERT_TRUE(d.ok()) << d.error().message;

    std::vector<Token> tokens;
    for (const DiffPrincipal& p : diff_principals(a, b)) tokens.push_back(p.token);
    const std::vector<Sid> known = descriptor_sids(a, b);
    for (int i = 0; i < 40; ++i) tokens.push_back(g.token(known));

    std::string why;
    bool all_same = true;
    for (const Token& t : tokens) {
      if (!same_answer(a, b, t, type, why)) {
        all_same = false;
        break;
      }
    }
    EXPECT_EQ(d->empty(), all_same)
        << "A " << to_sddl(a) << "\nB " << to_sddl(b) << "\ntype " << to_string(type) << "\n"
        << why;
    (d->empty() ? empty : nonempty)++;
  }
  std::printf("property: %d empty, %d non-empty diffs\n", empty, nonempty);
  // The generator must produce both outcomes often, or the property says little.
  EXPECT_GT(empty, 60);
  EXPECT_GT(nonempty, 60);
}

}  // namespace
}  // namespace secdesc
