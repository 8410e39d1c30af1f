// Loading scenario text in tests: the scenario, or the error message.
#ifndef CCSIM_TESTS_TESTING_SCENARIO_TEXT_H_
#define CCSIM_TESTS_TESTING_SCENARIO_TEXT_H_

#include <string>
#include <string_view>
#include <utility>

#include "absl/status/statusor.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"

namespace ccsim::testing {

// The error message of loading `yaml`, which must fail with
// InvalidArgument.
inline std::string ErrorOf(std::string_view yaml) {
  absl::StatusOr<Scenario> s = ParseScenario(yaml, "test.yaml");
  if (s.ok()) return "(loaded fine)";
  EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument)
      << s.status();
  return std::string(s.status().message());
}

inline Scenario Load(std::string_view yaml) {
  absl::StatusOr<Scenario> s = ParseScenario(yaml, "test.yaml");
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : Scenario();
}

// "[v, v, ..., v]" with n entries.
inline std::string ListOf(int n, std::string_view v) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += ", ";
    out += v;
  }
  return out + "]";
}

}  // namespace ccsim::testing

#endif  // CCSIM_TESTS_TESTING_SCENARIO_TEXT_H_
