// The bundled case studies: every scenario loads without warnings, and the
// baselines stay calibrated to the answer rates the operations reports give
// (the water utility's sat near 80%, the power hotline's was 78%), as
// docs/case-studies.md documents.
#include <filesystem>
#include <string>

#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

std::string ScenarioPath(const std::string& name) {
  return std::string(CCSIM_SOURCE_DIR) + "/scenarios/" + name;
}

TEST(CaseStudies, EveryBundledScenarioLoadsWithoutWarnings) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(CCSIM_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().string());
    absl::StatusOr<Scenario> s = LoadScenarioFile(entry.path().string());
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_TRUE(ScenarioWarnings(*s).empty());
    ++count;
  }
  EXPECT_GE(count, 10);  // the case studies, the demo and Erlang A
}

struct Calibration {
  const char* file;
  double low, high;  // the reported answer rate, within 2 points
};

class CalibratedBaseline : public ::testing::TestWithParam<Calibration> {};

TEST_P(CalibratedBaseline, AnswerRateNearTheReportedOne) {
  absl::StatusOr<Scenario> s = LoadScenarioFile(ScenarioPath(GetParam().file));
  ASSERT_TRUE(s.ok()) << s.status();
  absl::StatusOr<RunResult> r = RunScenario(*s, RunOptions());
  ASSERT_TRUE(r.ok());
  const Estimate& answer_rate = r->total[static_cast<int>(Metric::kAnswerRate)];
  EXPECT_GE(answer_rate.mean, GetParam().low);
  EXPECT_LE(answer_rate.mean, GetParam().high);
  EXPECT_LT(answer_rate.ci95, 0.01);
}

INSTANTIATE_TEST_SUITE_P(
    CaseStudies, CalibratedBaseline,
    ::testing::Values(Calibration{"water-utility.yaml", 0.78, 0.82},
                      Calibration{"power-outage.yaml", 0.76, 0.80}),
    [](const ::testing::TestParamInfo<Calibration>& info) {
      std::string name = std::filesystem::path(info.param.file).stem();
      for (char& c : name) {
        if (c == '-') c = '_';
      }
      return name;
    });

}  // namespace
}  // namespace ccsim
