// Text from input files made safe to quote in one-line messages.
#ifndef CCSIM_SIM_IO_TEXT_H_
#define CCSIM_SIM_IO_TEXT_H_

#include <cstddef>
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

}  // namespace ccsim::io

#endif  // CCSIM_SIM_IO_TEXT_H_
