#include "ccsim/scenario_loader.h"

#include "absl/status/status.h"

namespace ccsim {

absl::StatusOr<Scenario> ParseScenario(std::string_view, std::string_view) {
  return absl::UnimplementedError("scenario loading is not built yet");
}

absl::StatusOr<Scenario> LoadScenarioFile(const std::string&) {
  return absl::UnimplementedError("scenario loading is not built yet");
}

}  // namespace ccsim
