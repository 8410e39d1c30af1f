// Shards: which points a machine runs.
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

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
  if (id == nullptr || count == nullptr) return std::nullopt;
  const char* min = getenv("SLURM_ARRAY_TASK_MIN");
  const std::optional<int64_t> i = WholeNumber(id);
  const std::optional<int64_t> n = WholeNumber(count);
  const std::optional<int64_t> lo = min != nullptr ? WholeNumber(min) : 0;
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(fmt::format(
        "SLURM_ARRAY_TASK_ID={} SLURM_ARRAY_TASK_COUNT={}{}: {}; run the "
        "array as --array=0-{} (or 1-{}), or give --shard K/N",
        id, count,
        min != nullptr ? fmt::format(" SLURM_ARRAY_TASK_MIN={}", min) : "", why,
        n.value_or(1) - 1, n.value_or(1)));
  };
  if (!i || !n || !lo) return bad("expected whole numbers");
  if (*n < 1 || *n > kMaxShards) return bad("the count is out of range");
  const int64_t k = *i - *lo;
  if (k < 0 || k >= *n) {
    return bad(
        "the task is not one of COUNT consecutive IDs from MIN (an "
        "array with a step or gaps cannot be mapped to shards)");
  }
  return SweepShard{static_cast<int>(k + 1), static_cast<int>(*n)};
}

}  // namespace ccsim
