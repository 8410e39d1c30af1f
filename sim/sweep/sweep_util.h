// Small helpers shared by the sweep's parts (private to sim/sweep).
#ifndef CCSIM_SIM_SWEEP_SWEEP_UTIL_H_
#define CCSIM_SIM_SWEEP_SWEEP_UTIL_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace ccsim::sweep_internal {

// 64-bit FNV-1a of `text` as 16 hex digits: a stable fingerprint (the same
// on every machine and in every process, unlike absl::Hash), used to tell
// whether two databases belong to the same sweep. Not a defence against
// deliberate collisions, which nothing here needs.
std::string Fingerprint(std::string_view text);

// A number as the shortest text that reads back exactly; "" when NaN or
// infinite (undefined in the results).
std::string NumberText(double v);

// A CSV field, quoted when it holds a comma, a quote or a line break.
std::string CsvField(std::string_view s);

}  // namespace ccsim::sweep_internal

#endif  // CCSIM_SIM_SWEEP_SWEEP_UTIL_H_
