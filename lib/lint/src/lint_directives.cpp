// The inline "sddl-lint:" comments: where they may stand and what they say.
#include "lint/internal/directives.hpp"

#include <array>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "core/internal/suggest.hpp"
#include "core/internal/text.hpp"
#include "lint/internal/source_lines.hpp"

namespace secdesc::lint_detail {
namespace {

constexpr std::array<std::string_view, 9> kCommentLeaders{"//", "/*", "#", "--", ";", "<!--",
                                                          "<#", "::", "REM"};
constexpr std::string_view kDirectiveMarker = "sddl-lint:";

}  // namespace

bool is_comment_leader_alone(std::string_view before) noexcept {
  while (!before.empty() && is_blank(before.back())) before.remove_suffix(1);
  while (!before.empty() && is_blank(before.front())) before.remove_prefix(1);
  for (auto leader : kCommentLeaders) {
    if (before.size() != leader.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < leader.size(); ++i)
      same &= detail::ascii_upper(before[i]) == leader[i];
    if (same) return true;
  }
  return false;
}

std::vector<TargetedDirective> find_directives(std::string_view s, const LineIndex& lines,
                                               std::vector<ScanProblem>& problems) {
  std::vector<TargetedDirective> out;
  for (std::size_t pos = s.find(kDirectiveMarker); pos != std::string_view::npos;
       pos = s.find(kDirectiveMarker, pos + 1)) {
    const std::size_t line = lines.line_of(pos);
    const std::size_t a = lines.start(line);
    if (!is_comment_leader_alone(s.substr(a, pos - a))) continue;
    std::size_t e = lines.end(line);
    for (std::string_view close : {"*/", "-->", "#>"}) {
      std::size_t c = s.substr(pos, e - pos).find(close);
      if (c != std::string_view::npos) e = pos + c;
    }
    std::size_t k = pos + kDirectiveMarker.size();
    bool any = false;
    while (k < e) {
      while (k < e && is_blank(s[k])) ++k;
      if (k >= e) break;
      std::size_t t = k;
      while (t < e && !is_blank(s[t])) ++t;
      const std::string_view token = s.substr(k, t - k);
      if (token == "--") break;  // the rest is the reason
      const std::size_t eq = token.find('=');
      // A comment that merely mentions the tool ("// sddl-lint: reviews SDDL") is prose: a
      // directive starts with a directive word or a word=value.
      if (!any && eq == std::string_view::npos && token != "disable" &&
          token != "disable-next-line")
        break;
      const std::string_view name = token.substr(0, eq);
      const std::string_view value = eq == std::string_view::npos ? "" : token.substr(eq + 1);
      LintDirective d;
      d.position = lines.position(k);
      if (name == "disable" || name == "disable-next-line") {
        d.kind = LintDirective::Kind::disable;
        std::size_t from = 0;
        while (from <= value.size() && !value.empty()) {
          std::size_t comma = value.find(',', from);
          std::string_view id = value.substr(from, comma == std::string_view::npos
                                                       ? std::string_view::npos
                                                       : comma - from);
          if (!id.empty()) {
            d.values.emplace_back(id);
            d.value_positions.push_back(lines.position(k + eq + 1 + from));
          }
          if (comma == std::string_view::npos) break;
          from = comma + 1;
        }
        if (eq != std::string_view::npos && d.values.empty())
          problems.push_back({d.position, fmt::format("'{}=' names no rule", name)});
        else
          out.push_back({line + 1, std::move(d)});
      } else if (name == "object" && !value.empty()) {
        d.kind = LintDirective::Kind::object;
        d.values.emplace_back(value);
        out.push_back({line + 1, std::move(d)});
      } else {
        constexpr std::array<std::string_view, 3> kDirectives{"disable", "disable-next-line",
                                                              "object"};
        problems.push_back(
            {d.position,
             fmt::format("unknown sddl-lint directive '{}'{}: expected disable, "
                         "disable=RULE[,RULE...], disable-next-line[=...] or object=TYPE",
                         token, detail::did_you_mean(name, kDirectives))});
      }
      any = true;
      k = t;
    }
    if (!any && k >= e)
      problems.push_back({lines.position(pos), "empty sddl-lint comment: expected disable, "
                                               "disable=RULE[,RULE...], disable-next-line[=...] "
                                               "or object=TYPE"});
  }
  return out;
}

}  // namespace secdesc::lint_detail
