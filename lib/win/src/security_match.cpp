#include "secdesc/win/security_match.hpp"

#include <fmt/format.h>

#include "secdesc/sddl.hpp"

namespace secdesc::win {
namespace {

std::string_view state_name(AclState state) {
  switch (state) {
    case AclState::absent: return "no DACL";
    case AclState::null: return "a NULL DACL (everyone has every right)";
    case AclState::present: return "a DACL";
  }
  return "?";
}

Ace mapped(Ace ace, const GenericMapping& mapping) {
  ace.mask = map_generic(ace.mask, mapping);
  return ace;
}

std::string label_text(const std::optional<MandatoryLabel>& label) {
  if (!label) return "no mandatory label";
  Ace ace = make_mandatory_label(label->level, label->policy);
  ace.flags = label->ace_flags;
  return ace_to_sddl(ace);
}

}  // namespace

std::optional<std::string> dacl_or_label_difference(const SecurityDescriptor& expected,
                                                    const SecurityDescriptor& actual,
                                                    ObjectType type) {
  if (expected.dacl_state() != actual.dacl_state())
    return fmt::format("expected {}, found {}", state_name(expected.dacl_state()),
                       state_name(actual.dacl_state()));
  if (expected.dacl() && actual.dacl()) {
    const GenericMapping& mapping = object_type_info(type).mapping;
    const auto& want = expected.dacl()->aces;
    const auto& have = actual.dacl()->aces;
    for (std::size_t i = 0; i < want.size() || i < have.size(); ++i) {
      if (i >= have.size())
        return fmt::format("DACL ACE {} {} is missing", i, ace_to_sddl(want[i]));
      if (i >= want.size())
        return fmt::format("DACL has an extra ACE {} {}", i, ace_to_sddl(have[i]));
      if (mapped(want[i], mapping) != mapped(have[i], mapping))
        return fmt::format("DACL ACE {}: expected {}, found {}", i, ace_to_sddl(want[i]),
                           ace_to_sddl(have[i]));
    }
  }
  const auto want_label = expected.mandatory_label();
  const auto have_label = actual.mandatory_label();
  if (want_label != have_label)
    return fmt::format("expected {}, found {}", label_text(want_label), label_text(have_label));
  return std::nullopt;
}

}  // namespace secdesc::win
