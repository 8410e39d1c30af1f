// Fuzz target: a sweep file, read and checked as `ccsim sweep` does before
// it runs anything. Its folder holds base.yaml and multi.yaml (with their
// tables) for `scenario:` to name. For a sweep that loads, the first and
// last points are built both ways (typed and through YAML), which must
// agree, as sweep.h promises; nothing is simulated.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ccsim/scenario.h"
#include "ccsim/sweep.h"
#include "tests/fuzz/fuzz_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using ccsim::fuzz::Check;
  const std::string path = ccsim::fuzz::Folder() + "/sweep.yaml";
  const absl::StatusOr<ccsim::Sweep> sweep = ccsim::Sweep::Parse(
      std::string_view(reinterpret_cast<const char*>(data), size), path);
  if (!sweep.ok()) return 0;
  const int64_t points = sweep->num_points();
  Check(points >= 1, "a sweep without points loads");
  (void)sweep->fingerprint();
  ccsim::Sweep::PointBuilder builder(*sweep);
  for (const int64_t point : {int64_t{0}, points - 1}) {
    (void)sweep->ValueIndices(point);
    (void)sweep->DescribePoint(point);
    const absl::StatusOr<ccsim::Scenario> built = builder.Build(point);
    const absl::StatusOr<ccsim::Scenario> yaml = builder.BuildFromYaml(point);
    Check(built.ok() == yaml.ok(),
          "a point builds typed but not through YAML, or the other way");
    if (built.ok()) {
      Check(*built == *yaml, "a point's typed and YAML scenarios differ");
    }
    if (point == 0)
      Check(built.ok(), "the first point of a loaded sweep fails");
  }
  return 0;
}
