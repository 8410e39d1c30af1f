// Words for messages about names a user typed: the closest known name and
// text made safe to quote, as the scenario loader uses them.
#ifndef CCSIM_SUGGEST_H_
#define CCSIM_SUGGEST_H_

#include <string>
#include <string_view>
#include <vector>

namespace ccsim {

// " (did you mean 'x'?)" for the name in `options` closest to `got` when it
// is within two edits, else "".
std::string SuggestName(std::string_view got,
                        const std::vector<std::string>& options);

// `text` with control characters escaped and shortened past 40 characters.
std::string QuotableText(std::string_view text);

}  // namespace ccsim

#endif  // CCSIM_SUGGEST_H_
