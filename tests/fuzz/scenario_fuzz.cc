// Fuzz target: a scenario file, loaded as `ccsim run` and `validate` load
// it (with `extends:` resolved). The input is written as input.yaml in a
// folder that also holds base.yaml and multi.yaml (which it may extend, as
// may they be named by a chain through input.yaml itself) and the dated
// tables and trace they name. Besides memory errors and undefined
// behaviour, it checks what scenario_document.h promises: the document
// reads to the same scenario as LoadScenarioFile, and its merged YAML
// (ToYaml) loads to that scenario again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ccsim/scenario.h"
#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "tests/fuzz/fuzz_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ccsim::fuzz::Check;
  const std::string& folder = ccsim::fuzz::Folder();
  const std::string path = folder + "/input.yaml";
  ccsim::fuzz::WriteFile(
      path, std::string_view(reinterpret_cast<const char*>(data), size));

  const absl::StatusOr<ccsim::Scenario> loaded = ccsim::LoadScenarioFile(path);
  if (loaded.ok()) {
    (void)ccsim::ScenarioWarnings(*loaded);
    (void)ccsim::EstimatedResultBytes(*loaded);
  }
  const absl::StatusOr<ccsim::ScenarioDocument> doc =
      ccsim::ScenarioDocument::Load(path);
  if (!doc.ok()) {
    Check(!loaded.ok(), "LoadScenarioFile reads what Load refuses");
    return 0;
  }
  const absl::StatusOr<ccsim::Scenario> read = doc->ToScenario();
  Check(read.ok() == loaded.ok(),
        "ToScenario and LoadScenarioFile disagree on success");
  if (!read.ok()) return 0;
  Check(*read == *loaded, "ToScenario and LoadScenarioFile differ");
  // The merged tree, read as a file beside the input, loads to the same
  // scenario (but for the file it came from).
  absl::StatusOr<ccsim::Scenario> again =
      ccsim::ParseScenario(doc->ToYaml(), folder + "/resolved.yaml");
  Check(again.ok(), "the merged YAML (ToYaml) of a good scenario fails");
  again->source = read->source;
  Check(*again == *read, "the merged YAML (ToYaml) reads differently");
  return 0;
}
