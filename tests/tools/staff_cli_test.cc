// End-to-end tests of `ccsim staff`.
#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using testing::Contains;
using testing::Outcome;
using testing::ReadFile;
using testing::RunCcsim;
using testing::WriteFile;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "ccsim_staff_cli_" + name;
}

// Erlang A, one day, calls from 09:00 to 13:00.
constexpr const char* kScenario = R"(name: small-day
horizon: 1d
interval: 1h
replications: 6
call_types:
  - name: general
    arrivals: {per_interval: [0, 0, 0, 0, 0, 0, 0, 0, 0, 120, 200, 240, 160, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}
    handle_time: {exponential: {mean: 120s}}
    patience: {exponential: {mean: 180s}}
agents:
  - name: team
    skills: [general]
    staffing: {constant: 3}
)";

std::string WriteScenario() {
  const std::string path = TempPath("day.yaml");
  WriteFile(path, kScenario);
  return path;
}

TEST(StaffCliTest, WritesARunnablePlanVariant) {
  const std::string scenario = WriteScenario();
  const std::string plan = TempPath("plan.yaml");
  const std::string report = TempPath("plan.html");
  std::filesystem::remove(plan);
  std::filesystem::remove(report);
  Outcome o = RunCcsim("staff " + scenario + " -o " + plan + " --report " +
                       report + " --quiet");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "goal: service_level >= 0.8 per interval"))
      << o.out;
  EXPECT_TRUE(Contains(o.out, "every goal met after")) << o.out;
  EXPECT_TRUE(Contains(o.out, "interval  team plan  erlang  today")) << o.out;
  EXPECT_EQ(ReadFile(report).rfind("<!DOCTYPE html>", 0), 0u);
  const std::string yaml = ReadFile(plan);
  EXPECT_TRUE(Contains(yaml, "extends: ccsim_staff_cli_day.yaml")) << yaml;
  EXPECT_TRUE(Contains(yaml, "staffing: [0, 0, 0, 0, 0, 0, 0, 0, 0, ")) << yaml;
  // The plan runs as it is and meets the goal in every busy hour.
  Outcome run =
      RunCcsim("run " + plan + " --format csv --metrics service_level --quiet");
  ASSERT_EQ(run.status, 0) << run.out;
  int checked = 0;
  for (const char* hour : {"09:00", "10:00", "11:00", "12:00"}) {
    const std::string key =
        std::string("interval,,1,") + hour + ",service_level,";
    const size_t at = run.out.find(key);
    ASSERT_NE(at, std::string::npos) << run.out;
    EXPECT_GE(std::stod(run.out.substr(at + key.size())), 0.8) << hour;
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

TEST(StaffCliTest, SamePlanForAnyThreadCount) {
  const std::string scenario = WriteScenario();
  Outcome one = RunCcsim("staff " + scenario + " -t 1 -f json --quiet");
  Outcome two = RunCcsim("staff " + scenario + " -t 2 -f json --quiet");
  ASSERT_EQ(one.status, 0) << one.out;
  EXPECT_EQ(one.out, two.out);
  EXPECT_TRUE(Contains(one.out, "\"all_met\": true")) << one.out;
}

TEST(StaffCliTest, BadGoalsAndOutputsFailBeforeAnySimulation) {
  const std::string scenario = WriteScenario();
  Outcome bad = RunCcsim("staff " + scenario + " --goal 'service_level>=1.2'");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.out,
            "ccsim staff: --goal: goal 'service_level>=1.2': service_level is "
            "a share from 0 to 1, found 1.2\n");
  Outcome folder =
      RunCcsim("staff " + scenario + " -o " + ::testing::TempDir());
  EXPECT_EQ(folder.status, 2) << folder.out;
  Outcome cost = RunCcsim("staff " + scenario + " --cost 1,2");
  EXPECT_EQ(cost.status, 2);
  EXPECT_EQ(cost.out,
            "ccsim staff: --cost: 2 costs given for 1 agent groups\n");
  Outcome missing = RunCcsim("staff");
  EXPECT_EQ(missing.status, 2);
}

}  // namespace
}  // namespace ccsim
