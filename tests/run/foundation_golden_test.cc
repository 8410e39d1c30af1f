// With every feature of the full model off, results equal the foundation
// model's byte for byte. The golden files in tests/data/foundation/ were
// written by the foundation release (see the README there); scenarios that
// use only what it knew, reported with only its 14 metrics and without
// the analyst additions (--legacy-shape), must give the same JSON and CSV.
#include <algorithm>
#include <string>
#include <tuple>

#include "ccsim/metrics.h"
#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using testing::Outcome;
using testing::ReadFile;
using testing::RunCcsim;

// "offered,answered,...,staffed_hours".
std::string FoundationMetricList() {
  std::string list;
  for (int i = 0; i < kNumFoundationMetrics; ++i) {
    if (i > 0) list += ",";
    list += kMetricNames[i];
  }
  return list;
}

// Where two texts first differ, with the line around it, instead of two
// long documents.
std::string FirstDifference(const std::string& want, const std::string& got) {
  const size_t at = static_cast<size_t>(
      std::mismatch(want.begin(), want.end(), got.begin(), got.end()).first -
      want.begin());
  auto line_of = [at](const std::string& text) {
    if (at > text.size()) return std::string();
    const size_t begin = text.rfind('\n', at == 0 ? 0 : at - 1);
    const size_t from = begin == std::string::npos ? 0 : begin + 1;
    return text.substr(from,
                       std::min<size_t>(text.find('\n', at), at + 300) - from);
  };
  return "first difference at byte " + std::to_string(at) + " of " +
         std::to_string(want.size()) + " (got " + std::to_string(got.size()) +
         ")\n  golden: " + line_of(want) + "\n  now:    " + line_of(got);
}

class FoundationGoldenTest
    : public ::testing::TestWithParam<std::tuple<const char*, const char*>> {};

TEST_P(FoundationGoldenTest, SameBytesAsTheFoundationRelease) {
  const auto [name, format] = GetParam();
  const std::string base = std::string("tests/data/foundation/") + name;
  const std::string golden =
      ReadFile(std::string(CCSIM_SOURCE_DIR) + "/" + base + "." + format);
  ASSERT_FALSE(golden.empty()) << base << "." << format << " is missing";
  // Two threads: the results do not depend on it.
  Outcome o =
      RunCcsim("run " + base + ".yaml --threads 2 --format " + format +
                   " --metrics " + FoundationMetricList() + " --legacy-shape",
               "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out.substr(0, 2000);
  EXPECT_TRUE(o.out == golden) << FirstDifference(golden, o.out);
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, FoundationGoldenTest,
    ::testing::Combine(::testing::Values("erlang-a", "multiskill", "warmup"),
                       ::testing::Values("json", "csv")),
    [](const auto& info) {
      std::string name =
          std::string(std::get<0>(info.param)) + "_" + std::get<1>(info.param);
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

}  // namespace
}  // namespace ccsim
