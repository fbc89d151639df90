#include "secdesc/error.hpp"

namespace secdesc {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::syntax: return "syntax";
    case ErrorCode::unknown_alias: return "unknown-alias";
    case ErrorCode::domain_required: return "domain-required";
    case ErrorCode::invalid_sid: return "invalid-sid";
    case ErrorCode::unsupported: return "unsupported";
    case ErrorCode::limit_exceeded: return "limit-exceeded";
    case ErrorCode::malformed_binary: return "malformed-binary";
    case ErrorCode::invalid_argument: return "invalid-argument";
  }
  return "unknown";
}

}  // namespace secdesc
