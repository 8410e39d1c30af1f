// A user's program against the installed ccsim: loads a bundled scenario,
// runs two replications and prints the answer rate. Built by
// tests/install/run_install_test.cmake with find_package and with
// pkg-config; the scenario's path is argv[1] (or SCENARIOS_DIR's).
#include <cstdio>
#include <string>

#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"

int main(int argc, char** argv) {
#ifdef SCENARIOS_DIR
  std::string path = std::string(SCENARIOS_DIR) + "/erlang-a.yaml";
#else
  std::string path;
#endif
  if (argc > 1) path = argv[1];
  absl::StatusOr<ccsim::Scenario> scenario = ccsim::LoadScenarioFile(path);
  if (!scenario.ok()) {
    std::fprintf(stderr, "%s\n",
                 std::string(scenario.status().message()).c_str());
    return 1;
  }
  ccsim::RunOptions options;
  options.replications = 2;
  options.threads = 1;
  absl::StatusOr<ccsim::RunResult> result =
      ccsim::RunScenario(*scenario, options);
  if (!result.ok()) return 1;
  const ccsim::Estimate& a =
      result->total[static_cast<int>(ccsim::Metric::kAnswerRate)];
  std::printf("ccsim %s: %s answer rate %.4f over %d replications\n",
              CCSIM_VERSION, result->scenario.c_str(), a.mean, a.n);
  return 0;
}
