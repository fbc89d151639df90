// secdesc/testing.hpp: GoogleMock matchers over access_check, header-only. Include it from test
// code that links GoogleMock (it is not part of secdesc.hpp):
//
//   using namespace secdesc;
//   using secdesc::testing::Grants;
//   using secdesc::testing::Denies;
//   EXPECT_THAT(sd, Grants(low_integrity_user(), {"read", "write"}).on(ObjectType::section));
//   EXPECT_THAT(sd, Denies(low_integrity_user(), {"write"}).on(ObjectType::section));
//   // a compiled policy's bytes as they are (sddlc compile --emit cpp, secdesc_add_policies):
//   EXPECT_THAT(svc_acl::shared_section::descriptor, Grants(interactive_user(), "read").on(...));
//
// Rights are words of the object type given to .on() ("map-read", "read", "write-dac"), SDDL
// letters ("GRGW") or hex ("0x20006"), as parse_rights reads them. Grants passes when every right
// is granted; Denies passes when at least one is not (Windows would refuse the request). A failing
// expectation prints the verdict and the whole trace of the check.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gmock/gmock.h>

#include "secdesc/access_check.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/rights_text.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/token.hpp"

namespace secdesc {

// GoogleTest prints descriptors and tokens with these (found by argument-dependent lookup).
inline void PrintTo(const SecurityDescriptor& sd, std::ostream* os) {
  *os << '"' << to_sddl(sd) << '"';
}
inline void PrintTo(const Token& token, std::ostream* os) { *os << describe_token(token); }

namespace testing {

// The matcher: a token, rights, an object type and the expected verdict.
class AccessMatcher {
 public:
  using is_gtest_matcher = void;

  AccessMatcher(Token token, std::string rights, ObjectType type, bool expect_granted,
                AccessCheckOptions options)
      : token_(std::move(token)),
        rights_(std::move(rights)),
        type_(type),
        expect_granted_(expect_granted),
        options_(std::move(options)) {}

  bool MatchAndExplain(const SecurityDescriptor& sd,
                       ::testing::MatchResultListener* listener) const {
    auto desired = parse_rights(rights_, type_);
    if (!desired) {
      *listener << "the rights \"" << rights_ << "\" cannot be read for a "
                << to_string(type_) << " (at " << desired.error().offset
                << "): " << desired.error().message;
      return false;
    }
    // gtest first asks without listening (Matches) and listens only to explain a failure, so
    // the trace is only built when someone will read it.
    AccessCheckOptions options = options_;
    options.trace = listener->IsInterested();
    const AccessCheckResult r = access_check(sd, token_, *desired, type_, options);
    // No answer (AccessCheckResult::refusal) matches neither Grants nor Denies.
    if (r.refusal) {
      *listener << "no answer: " << r.refusal->message;
      return false;
    }
    if (!listener->IsInterested()) return r.allowed == expect_granted_;
    *listener << "\n" << (r.allowed ? "ALLOWED" : "DENIED") << " " << to_string(type_)
              << ": desired " << mask(r.desired) << ", granted " << mask(r.granted) << "\n";
    for (const auto& entry : r.trace) *listener << "  " << entry.text << "\n";
    return r.allowed == expect_granted_;
  }

  // Self-relative bytes, as a compiled policy's `descriptor` array holds them: decoded first;
  // bytes that do not decode fail the expectation with the decoder's error.
  bool MatchAndExplain(std::span<const std::uint8_t> bytes,
                       ::testing::MatchResultListener* listener) const {
    auto sd = decode_self_relative(bytes);
    if (!sd) {
      *listener << "the bytes are not a self-relative security descriptor (at byte "
                << sd.error().offset << "): " << sd.error().message;
      return false;
    }
    return MatchAndExplain(*sd, listener);
  }
  template <std::size_t N>
  bool MatchAndExplain(const std::array<std::uint8_t, N>& bytes,
                       ::testing::MatchResultListener* listener) const {
    return MatchAndExplain(std::span<const std::uint8_t>(bytes), listener);
  }
  bool MatchAndExplain(const std::vector<std::uint8_t>& bytes,
                       ::testing::MatchResultListener* listener) const {
    return MatchAndExplain(std::span<const std::uint8_t>(bytes), listener);
  }

  void DescribeTo(std::ostream* os) const { describe(os, expect_granted_); }
  void DescribeNegationTo(std::ostream* os) const { describe(os, !expect_granted_); }

 private:
  std::string mask(AccessMask m) const {
    std::ostringstream out;
    out << "0x" << std::hex << m << std::dec << " (" << describe_rights(m, type_) << ")";
    return out.str();
  }
  void describe(std::ostream* os, bool granted) const {
    *os << (granted ? "grants " : "denies ") << rights_ << " on a " << to_string(type_)
        << " to the token [" << describe_token(token_, options_.context) << "]";
  }

  Token token_;
  std::string rights_;
  ObjectType type_;
  bool expect_granted_;
  AccessCheckOptions options_;
};

// Grants(...) / Denies(...) before the object type is known; .on(type) makes the matcher (the
// rights words mean something only for a type).
class AccessExpectation {
 public:
  AccessExpectation(Token token, std::string rights, bool expect_granted)
      : token_(std::move(token)), rights_(std::move(rights)), expect_granted_(expect_granted) {}

  AccessMatcher on(ObjectType type, AccessCheckOptions options = {}) const {
    return AccessMatcher(token_, rights_, type, expect_granted_, std::move(options));
  }

 private:
  Token token_;
  std::string rights_;
  bool expect_granted_;
};

namespace detail {
inline std::string join_rights(std::initializer_list<std::string_view> rights) {
  std::string out;
  for (std::string_view r : rights) {
    if (!out.empty()) out += ',';
    out += r;
  }
  return out;
}
}  // namespace detail

// Every right is granted.
inline AccessExpectation Grants(Token token, std::initializer_list<std::string_view> rights) {
  return AccessExpectation(std::move(token), detail::join_rights(rights), true);
}
inline AccessExpectation Grants(Token token, std::string_view rights) {
  return AccessExpectation(std::move(token), std::string(rights), true);
}
// At least one right is not granted: Windows would refuse the request.
inline AccessExpectation Denies(Token token, std::initializer_list<std::string_view> rights) {
  return AccessExpectation(std::move(token), detail::join_rights(rights), false);
}
inline AccessExpectation Denies(Token token, std::string_view rights) {
  return AccessExpectation(std::move(token), std::string(rights), false);
}

}  // namespace testing
}  // namespace secdesc
