// Text from input files made safe to quote in one-line messages.
#ifndef CCSIM_SIM_IO_TEXT_H_
#define CCSIM_SIM_IO_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ccsim::io {

// Longest text quoted in a message before it is shortened.
inline constexpr size_t kMaxQuoted = 40;

// Control characters escaped (\n, \t, \r, \xNN), text over `max_chars`
// shortened with "...".
std::string Escaped(std::string_view text, size_t max_chars);
// Escaped(text, kMaxQuoted): a value quoted in a message.
std::string Printable(std::string_view text);

// Names of call types, groups and the like: letters and digits of any
// script (so that a centre can name its queues 报修 or Störung), '_' and
// '-', in UTF-8. Spaces, punctuation, symbols and emoji of any script are
// not name characters, nor are control characters.
//
// The code point at text[*at], advancing *at past it; -1 (advancing one
// byte) where the bytes are not valid UTF-8.
int32_t NextCodePoint(std::string_view text, size_t* at);
bool IsNameCodePoint(int32_t c);
// Valid UTF-8 throughout (as NextCodePoint reads it).
bool IsUtf8(std::string_view text);
// Non-empty, valid UTF-8, name characters only.
bool IsName(std::string_view text);
// `raw` with every character that is not a name character replaced by '_'.
std::string AsName(std::string_view raw);

}  // namespace ccsim::io

#endif  // CCSIM_SIM_IO_TEXT_H_
