// Fuzz target: a call export read and fitted as `ccsim fit --calls` does.
// The input is the calls CSV; from a line "#agents" on, the rest is an
// agent state export (--agents). A fit that succeeds must give a scenario
// that loads with its tables (tools/cmd_fit.cc treats one that does not as
// an internal error), and its HTML report is formatted too. Work per input
// is bounded by the fit's own limits (at most 3650 days, fields of at most
// 1 MiB) and the input's length; nothing is simulated.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ccsim/fit.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"
#include "tests/fuzz/fuzz_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ccsim::fuzz::Check;
  using ccsim::fuzz::WriteFile;
  const std::string& folder = ccsim::fuzz::Folder();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  static constexpr std::string_view kAgents = "#agents\n";
  std::string_view calls = input, agents;
  bool has_agents = false;
  if (input.substr(0, kAgents.size()) == kAgents) {
    calls = {};
    agents = input.substr(kAgents.size());
    has_agents = true;
  } else if (const size_t at = input.find("\n#agents\n");
             at != std::string_view::npos) {
    calls = input.substr(0, at + 1);
    agents = input.substr(at + 1 + kAgents.size());
    has_agents = true;
  }
  ccsim::FitOptions o;
  o.calls_path = folder + "/calls.csv";
  WriteFile(o.calls_path, calls);
  if (has_agents) {
    o.agents_path = folder + "/agents.csv";
    WriteFile(o.agents_path, agents);
  }
  const absl::StatusOr<ccsim::FitResult> r = ccsim::FitCallLog(o);
  if (!r.ok()) return 0;
  (void)ccsim::FormatFitHtml(*r, o);
  WriteFile(folder + "/" + o.table_prefix + "arrivals.csv", r->arrivals_csv);
  WriteFile(folder + "/" + o.table_prefix + "staffing.csv", r->staffing_csv);
  const std::string scenario = folder + "/fitted.yaml";
  WriteFile(scenario, r->yaml);
  const absl::StatusOr<ccsim::Scenario> fitted =
      ccsim::LoadScenarioFile(scenario);
  Check(fitted.ok(), "the fitted scenario does not load");
  return 0;
}
