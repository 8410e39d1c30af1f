// Reading the HTML reports in tests with plain string searches (not
// std::regex: libstdc++'s matcher recurses once per character and the long
// attributes of a report overflow the stack under AddressSanitizer).
#ifndef CCSIM_TESTS_TESTING_HTML_H_
#define CCSIM_TESTS_TESTING_HTML_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ccsim::testing {

// Occurrences of `needle` in `text`, not overlapping.
inline int Count(std::string_view text, std::string_view needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

// The <svg> element with id `id` (from "<svg" to "</svg>"), or "" when
// there is none.
inline std::string SvgById(const std::string& html, std::string_view id) {
  const size_t at = html.find("id=\"" + std::string(id) + "\"");
  if (at == std::string::npos) return "";
  const size_t start = html.rfind("<svg", at);
  const size_t end = html.find("</svg>", at);
  if (start == std::string::npos || end == std::string::npos) return "";
  return html.substr(start, end + 6 - start);
}

// The text from `open` (included) to the first `close` after it (included),
// or "".
inline std::string Between(const std::string& text, std::string_view open,
                           std::string_view close) {
  const size_t start = text.find(open);
  if (start == std::string::npos) return "";
  const size_t end = text.find(close, start + open.size());
  if (end == std::string::npos) return "";
  return text.substr(start, end + close.size() - start);
}

// The values of every `points` attribute in `svg`, in order.
inline std::vector<std::string> Polylines(const std::string& svg) {
  std::vector<std::string> out;
  static constexpr std::string_view kOpen = "<polyline points=\"";
  for (size_t at = svg.find(kOpen); at != std::string::npos;
       at = svg.find(kOpen, at)) {
    const size_t start = at + kOpen.size();
    const size_t end = svg.find('"', start);
    if (end == std::string::npos) break;
    out.push_back(svg.substr(start, end - start));
    at = end + 1;
  }
  return out;
}

inline int PointCount(const std::string& points) {
  return points.empty() ? 0 : Count(points, " ") + 1;
}

}  // namespace ccsim::testing

#endif  // CCSIM_TESTS_TESTING_HTML_H_
