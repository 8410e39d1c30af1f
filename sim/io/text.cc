#include "sim/io/text.h"

#include <algorithm>

#include "fmt/format.h"

namespace ccsim::io {

std::string Escaped(std::string_view text, size_t max_chars) {
  std::string out;
  size_t keep = std::min(text.size(), max_chars);
  // Not in the middle of a UTF-8 character.
  while (keep < text.size() && keep > 0 &&
         (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) {
    --keep;
  }
  for (char c : text.substr(0, keep)) {
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

int32_t NextCodePoint(std::string_view text, size_t* at) {
  const auto byte = [&](size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char lead = byte(*at);
  int len = 0;
  int32_t c = 0;
  if (lead < 0x80) {
    ++*at;
    return lead;
  } else if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
    c = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    c = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    c = lead & 0x07;
  } else {
    ++*at;
    return -1;
  }
  if (*at + len > text.size()) {
    ++*at;
    return -1;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char b = byte(*at + k);
    if ((b & 0xC0) != 0x80) {
      ++*at;
      return -1;
    }
    c = (c << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF.
  const int32_t least = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
  if (c < least || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
    ++*at;
    return -1;
  }
  *at += len;
  return c;
}

bool IsNameCodePoint(int32_t c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_' || c == '-';
  }
  struct Range {
    int32_t lo, hi;
  };
  // Not letters or digits: controls, spaces, punctuation, symbols, private
  // use and emoji (a conservative list; letters of every script remain).
  static constexpr Range kNot[] = {
      {0x61C, 0x61C},   {0x115F, 0x1160},   {0x1680, 0x1680},
      {0x180B, 0x180F}, {0x20D0, 0x20FF},   {0x3164, 0x3164},
      {0xFE00, 0xFE0F}, {0xFFA0, 0xFFA0},   {0x80, 0xA9},
      {0xAB, 0xB4},     {0xB6, 0xB9},       {0xBB, 0xBF},
      {0xD7, 0xD7},     {0xF7, 0xF7},       {0x2000, 0x206F},
      {0x20A0, 0x20CF}, {0x2100, 0x214F},   {0x2190, 0x2BFF},
      {0x2E00, 0x2E7F}, {0x3000, 0x3004},   {0x3008, 0x3020},
      {0x3030, 0x303F}, {0xE000, 0xF8FF},   {0xFE10, 0xFE1F},
      {0xFE30, 0xFE6F}, {0xFEFF, 0xFEFF},   {0xFF00, 0xFF0F},
      {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40},   {0xFF5B, 0xFF65},
      {0xFFF0, 0xFFFF}, {0x1F000, 0x1FAFF}, {0xE0000, 0x10FFFF}};
  for (const Range& r : kNot) {
    if (c >= r.lo && c <= r.hi) return false;
  }
  return true;
}

bool IsUtf8(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    if (NextCodePoint(text, &at) < 0) return false;
  }
  return true;
}

bool IsName(std::string_view text) {
  if (text.empty()) return false;
  for (size_t at = 0; at < text.size();) {
    if (!IsNameCodePoint(NextCodePoint(text, &at))) return false;
  }
  return true;
}

std::string AsName(std::string_view raw) {
  std::string out;
  for (size_t at = 0; at < raw.size();) {
    const size_t from = at;
    if (IsNameCodePoint(NextCodePoint(raw, &at))) {
      out.append(raw.substr(from, at - from));
    } else {
      out += '_';
    }
  }
  return out;
}

}  // namespace ccsim::io
