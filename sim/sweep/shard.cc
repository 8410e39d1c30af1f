// Shards: which points a machine runs.
#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "ccsim/sweep.h"
#include "fmt/format.h"

namespace ccsim {

namespace {

// Upper bound on N: far more shards than any cluster job array.
constexpr int kMaxShards = 1'000'000;

std::optional<int64_t> WholeNumber(std::string_view s) {
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

int64_t SweepShard::PointsOf(int64_t num_points) const {
  // Points index - 1, index - 1 + count, ... below num_points.
  if (num_points < index) return 0;
  return (num_points - index) / count + 1;
}

absl::StatusOr<SweepShard> ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  const std::optional<int64_t> k = slash == std::string_view::npos
                                       ? std::nullopt
                                       : WholeNumber(text.substr(0, slash));
  const std::optional<int64_t> n = slash == std::string_view::npos
                                       ? std::nullopt
                                       : WholeNumber(text.substr(slash + 1));
  if (!k || !n || *n < 1 || *n > kMaxShards || *k < 1 || *k > *n) {
    return absl::InvalidArgumentError(fmt::format(
        "bad shard '{}': expected K/N with 1 <= K <= N (e.g. 2/8: the "
        "second of 8 slices)",
        text));
  }
  return SweepShard{static_cast<int>(*k), static_cast<int>(*n)};
}

absl::StatusOr<std::optional<SweepShard>> ShardFromSlurm(
    const std::function<const char*(const char*)>& getenv) {
  const char* id = getenv("SLURM_ARRAY_TASK_ID");
  const char* count = getenv("SLURM_ARRAY_TASK_COUNT");
  if (id == nullptr && count == nullptr) return std::nullopt;
  const char* min = getenv("SLURM_ARRAY_TASK_MIN");
  const char* max = getenv("SLURM_ARRAY_TASK_MAX");
  const char* step = getenv("SLURM_ARRAY_TASK_STEP");
  const std::optional<int64_t> n =
      count != nullptr ? WholeNumber(count) : std::nullopt;
  auto bad = [&](std::string_view why) {
    std::string vars;
    for (const auto& [name, value] :
         {std::pair<const char*, const char*>{"ID", id},
          {"COUNT", count},
          {"MIN", min},
          {"MAX", max},
          {"STEP", step}}) {
      if (value != nullptr) {
        vars += fmt::format("{}SLURM_ARRAY_TASK_{}={}", vars.empty() ? "" : " ",
                            name, value);
      }
    }
    const int64_t shards = std::max<int64_t>(n.value_or(1), 1);
    return absl::InvalidArgumentError(fmt::format(
        "{}: {}; run the array as --array=0-{} (or 1-{}), or give --shard K/N",
        vars, why, shards - 1, shards));
  };
  if (id == nullptr || count == nullptr) {
    return bad(
        "a job array task needs both SLURM_ARRAY_TASK_ID and "
        "SLURM_ARRAY_TASK_COUNT to know its shard");
  }
  const std::optional<int64_t> i = WholeNumber(id);
  const std::optional<int64_t> lo = min != nullptr ? WholeNumber(min) : 0;
  if (!i || !n || !lo) return bad("expected whole numbers");
  if (*n < 1 || *n > kMaxShards) return bad("the count is out of range");
  constexpr std::string_view kNotConsecutive =
      "the array's IDs are not COUNT consecutive numbers from MIN (an "
      "array with a step or gaps cannot be mapped to shards)";
  if (step != nullptr && WholeNumber(step) != 1) return bad(kNotConsecutive);
  if (max != nullptr) {
    const std::optional<int64_t> hi = WholeNumber(max);
    if (!hi) return bad("expected whole numbers");
    if (*hi - *lo + 1 != *n) return bad(kNotConsecutive);
  }
  const int64_t k = *i - *lo;
  if (k < 0 || k >= *n) return bad(kNotConsecutive);
  return SweepShard{static_cast<int>(k + 1), static_cast<int>(*n)};
}

}  // namespace ccsim
