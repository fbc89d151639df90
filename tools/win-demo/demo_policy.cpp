// Anchors the generated demo_policy.hpp (secdesc_add_policies) in a target, and checks at compile
// time what the demo relies on.
#include "demo_policy.hpp"

namespace policy = secdesc_demo::service_section_lowil_readwrite;
static_assert(policy::descriptor[0] == 1, "a self-relative descriptor starts with revision 1");
static_assert(policy::object_name.starts_with(L"Global\\"), "the demo policy names its section");
