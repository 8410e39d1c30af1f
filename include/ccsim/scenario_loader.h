// Loading scenario files.
//
//   absl::StatusOr<ccsim::Scenario> s =
//       ccsim::LoadScenarioFile("scenarios/erlang-a.yaml");
//   if (!s.ok()) { std::cerr << s.status().message() << "\n"; return 1; }
//
// Errors are absl::InvalidArgumentError (bad content) or NotFoundError (no
// such file) whose message reads
//   FILE:LINE:COLUMN: KEY.PATH: what was expected[, got ...]
// for example
//   scenarios/a.yaml:7:5: call_types[0].handle_time.exponential.mean:
//   expected a duration with a unit (ms, s, m, h, d), e.g. 20s, 5m, 1.5h,
//   2d; got '180'
// Unknown keys, wrong types, missing required keys, negative or non-finite
// numbers, probabilities outside [0, 1], unknown skills and per-interval
// lists of the wrong length are all errors. Nothing is silently defaulted
// except the optional keys documented in docs/scenario-format.md.
#ifndef CCSIM_SCENARIO_LOADER_H_
#define CCSIM_SCENARIO_LOADER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ccsim/scenario.h"

namespace ccsim {

// Parses YAML text; `filename` is used in messages only.
absl::StatusOr<Scenario> ParseScenario(std::string_view yaml_text,
                                       std::string_view filename);

// Reads and parses a file.
absl::StatusOr<Scenario> LoadScenarioFile(const std::string& path);

}  // namespace ccsim

#endif  // CCSIM_SCENARIO_LOADER_H_
