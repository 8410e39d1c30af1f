#include "sim/io/text.h"

#include <algorithm>

#include "fmt/format.h"

namespace ccsim::io {

std::string Escaped(std::string_view text, size_t max_chars) {
  std::string out;
  for (char c : text.substr(0, std::min(text.size(), max_chars))) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
    } else {
      out += c;
    }
  }
  if (text.size() > max_chars) out += "...";
  return out;
}

std::string Printable(std::string_view text) {
  return Escaped(text, kMaxQuoted);
}

}  // namespace ccsim::io
