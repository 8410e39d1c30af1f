// Timestamps of call and agent exports, as milliseconds since 1970-01-01
// in the export's own (local) time; no time zones are applied.
//
// Formats (--time-format):
//   auto      iso for text with '-', epoch for a plain number (default)
//   iso       YYYY-MM-DD HH:MM[:SS[.fff]] ('T' instead of the space and a
//             trailing 'Z' are accepted)
//   dmy, mdy  DD/MM/YYYY HH:MM[:SS[.fff]] and MM/DD/YYYY ... ('.' or '-'
//             instead of '/' too)
//   epoch     seconds since 1970-01-01 (fractions allowed)
//   epoch_ms  milliseconds since 1970-01-01
#ifndef CCSIM_SIM_IO_TIMESTAMP_H_
#define CCSIM_SIM_IO_TIMESTAMP_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"

namespace ccsim::io {

enum class TimeFormat { kAuto, kIso, kDmy, kMdy, kEpoch, kEpochMs };

absl::StatusOr<TimeFormat> ParseTimeFormat(std::string_view name);

// Milliseconds since the epoch, or nullopt when `text` is not a timestamp
// in `format`.
std::optional<int64_t> ParseTimestamp(std::string_view text, TimeFormat format);

inline constexpr int64_t kMsPerDay = 86'400'000;

}  // namespace ccsim::io

#endif  // CCSIM_SIM_IO_TIMESTAMP_H_
