#include "sim/sweep/sweep_util.h"

#include <cmath>

#include "fmt/format.h"

namespace ccsim::sweep_internal {

std::string Fingerprint(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;  // FNV offset basis
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;  // FNV prime
  }
  return fmt::format("{:016x}", h);
}

std::string NumberText(double v) {
  if (!std::isfinite(v)) return "";
  // fmt's default for a double is the shortest round-trip form.
  return fmt::format("{}", v);
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(s);
  }
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace ccsim::sweep_internal
