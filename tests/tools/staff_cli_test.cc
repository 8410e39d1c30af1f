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

TEST(StaffCliTest, ADatedPlanIsAVariantAndAStaffingTable) {
  // Two days from Monday 2026-03-02; Tuesday has twice the calls.
  std::string text = kScenario;
  text.replace(text.find("horizon: 1d"), 11,
               "horizon: 2d\ncalendar: {start_date: 2026-03-02}");
  const std::string arrivals = "handle_time:";
  text.insert(text.find(arrivals), "weekday: {tuesday: 2}\n    ");
  text.replace(text.find("    weekday"), 4, "      ");
  text.replace(text.find("arrivals: {per_interval: "), 25,
               "arrivals:\n      per_interval: ");
  text.replace(text.find("0]}"), 3, "0]");
  const std::string scenario = TempPath("two-days.yaml");
  WriteFile(scenario, text);
  const std::string plan = TempPath("dated-plan.yaml");
  const std::string table = TempPath("dated-plan-staffing.csv");
  std::filesystem::remove(plan);
  std::filesystem::remove(table);
  Outcome o =
      RunCcsim("staff " + scenario + " --dated -o " + plan + " -f csv --quiet");
  ASSERT_EQ(o.status, 0) << o.out << text;
  EXPECT_TRUE(Contains(o.out, "team,2026-03-03 11:00,")) << o.out;
  EXPECT_TRUE(Contains(ReadFile(plan),
                       "staffing: {table: ccsim_staff_cli_dated-plan-"
                       "staffing.csv}"))
      << ReadFile(plan);
  const std::string csv = ReadFile(table);
  EXPECT_EQ(csv.rfind("date,time,group,agents\n2026-03-02,00:00,team,0\n", 0),
            0u)
      << csv;
  // Tuesday's busiest hour needs more agents than Monday's.
  auto agents_at = [&](const std::string& date) {
    const std::string key = date + ",11:00,team,";
    const size_t at = csv.find(key);
    EXPECT_NE(at, std::string::npos) << key;
    return at == std::string::npos ? -1
                                   : std::stoi(csv.substr(at + key.size()));
  };
  EXPECT_GT(agents_at("2026-03-03"), agents_at("2026-03-02"));
  Outcome run =
      RunCcsim("run " + plan + " --format csv --metrics service_level --quiet");
  ASSERT_EQ(run.status, 0) << run.out;
  // Standard output cannot hold the table beside the plan.
  Outcome dash = RunCcsim("staff " + scenario + " --dated -o - --quiet");
  EXPECT_EQ(dash.status, 2);
  EXPECT_TRUE(Contains(dash.out, "-o needs a file name")) << dash.out;
}

}  // namespace
}  // namespace ccsim
