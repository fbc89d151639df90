// libFuzzer target: the self-relative decoder. Invariants: what decodes re-encodes to bytes that
// decode to the same descriptor (unless an ACL is over the limit), and its SDDL re-parses to it;
// whatever decodes, its SDDL text and JSON view are valid UTF-8 and the JSON parses (binary
// strings are UTF-16, which may hold unpaired surrogates: output_invariants.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "output_invariants.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/json.hpp"
#include "secdesc/text_output.hpp"
#include "secdesc/sddl.hpp"

namespace {
// The emitter writes an ACL's ACEs but SDDL has no field for the ACL revision: compare with the
// revision the parser would choose.
secdesc::SecurityDescriptor normalized(secdesc::SecurityDescriptor sd) {
  if (sd.dacl()) {
    auto a = *sd.dacl();
    a.revision = secdesc::Acl::required_revision(a.aces);
    sd.set_dacl(a);
  }
  if (sd.sacl()) {
    auto a = *sd.sacl();
    a.revision = secdesc::Acl::required_revision(a.aces);
    sd.set_sacl(a);
  }
  // Control bits SDDL cannot express (defaulted, trusted, RM valid...) and ACL flags of absent
  // ACLs are dropped by the round trip through text.
  std::uint16_t keep = 0;
  if (sd.dacl_state() != secdesc::AclState::absent)
    keep |= secdesc::control::dacl_protected | secdesc::control::dacl_auto_inherit_req |
            secdesc::control::dacl_auto_inherited;
  if (sd.sacl_state() != secdesc::AclState::absent)
    keep |= secdesc::control::sacl_protected | secdesc::control::sacl_auto_inherit_req |
            secdesc::control::sacl_auto_inherited;
  sd.set_control_flags(sd.control() & keep);
  return sd;
}
// A binary SID may have no sub-authorities (RtlValidSid allows 0..15), but its string form
// (S-1-5) is rejected by ConvertStringSidToSid and by secdesc alike: such descriptors cannot
// make the text round trip, on Windows either.
// Likewise the binary form can put any ACE type in either ACL (an audit ACE in a DACL), which
// the SDDL parser, like Windows', refuses to read back; and an object ACE with neither GUID reads
// back as the plain type (OA -> A), as on Windows.
bool has_no_text_form(const secdesc::SecurityDescriptor& sd) {
  auto bare = [](const secdesc::Sid& s) { return s.sub_authority_count() == 0; };
  if ((sd.owner() && bare(*sd.owner())) || (sd.group() && bare(*sd.group()))) return true;
  for (auto kind : {secdesc::AclKind::dacl, secdesc::AclKind::sacl}) {
    const auto& acl = kind == secdesc::AclKind::dacl ? sd.dacl() : sd.sacl();
    if (!acl) continue;
    for (const auto& ace : acl->aces) {
      if (bare(ace.sid) || secdesc::find_ace_type(ace.type)->acl != kind) return true;
      if (ace.is_object() && !ace.object_type && !ace.inherited_object_type) return true;
      // Application data that is not a conditional expression, a callback ACE without one, and
      // conditions or claims in forms SDDL cannot write (ConditionalExpression::has_sddl_form).
      if (!ace.application_data.empty() || (ace.is_callback() && !ace.condition)) return true;
      if (ace.condition && !ace.condition->has_sddl_form()) return true;
      if (ace.resource_attribute && !ace.resource_attribute->has_sddl_form()) return true;
      if (ace.type == secdesc::AceType::system_resource_attribute && !ace.resource_attribute)
        return true;
    }
  }
  return false;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = std::as_bytes(std::span(data, size));
  auto sd = secdesc::decode_self_relative(bytes);
  if (!sd) {
    if (sd.error().offset != secdesc::Error::no_offset && sd.error().offset > size) std::abort();
    return 0;
  }
  // The output rule (docs/sddl.md): a descriptor whose UTF-16 strings hold an unpaired surrogate
  // is refused by find_unwritable_text, which every writer asks first; any other is written.
  if (!secdesc::find_unwritable_text(*sd, secdesc::TextOutput::sddl))
    secdesc_fuzz::require_text(secdesc::to_sddl(*sd));
  if (!secdesc::find_unwritable_text(*sd, secdesc::TextOutput::json))
    secdesc_fuzz::require_json(secdesc::to_json(*sd));
  auto encoded = secdesc::encode_self_relative(*sd);
  if (!encoded) {
    if (encoded.error().code != secdesc::ErrorCode::limit_exceeded) std::abort();
    return 0;
  }
  auto again = secdesc::decode_self_relative(*encoded);
  if (!again || !(*again == *sd)) std::abort();
  if (has_no_text_form(*sd)) return 0;
  auto reparsed = secdesc::parse_sddl(secdesc::to_sddl(*sd));
  if (!reparsed || !(*reparsed == normalized(*sd))) std::abort();
  return 0;
}
