// The HTML report of ccsim staff: its parts are there, and it is one
// self-contained page.
#include <string>

#include "ccsim/scenario_loader.h"
#include "ccsim/staffing.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

constexpr const char* kScenario = R"(name: report-day
horizon: 1d
interval: 1h
replications: 4
call_types:
  - name: general
    arrivals: {per_interval: [0, 0, 0, 0, 0, 0, 0, 0, 0, 120, 200, 240, 160, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}
    handle_time: {exponential: {mean: 120s}}
    patience: {exponential: {mean: 180s}}
agents:
  - name: team
    skills: [general]
    staffing: {constant: 3}
staffing_goal:
  - {metric: service_level, at_least: 0.8}
  - {metric: abandon_rate, at_most: 0.05, per: day}
)";

TEST(StaffReportTest, ShowsRequirementGoalsAndTable) {
  absl::StatusOr<Scenario> s = ParseScenario(kScenario, "report.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  absl::StatusOr<StaffingPlan> plan = FindStaffing(*s, StaffingOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  const std::string html = FormatStaffingReport(*plan, *s);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* part :
       {"<h1>Staffing plan: report-day</h1>", "id=\"chart-agents-0\"",
        "Agents needed: team", "id=\"chart-goal-0\"",
        "Goal: service_level &gt;= 0.8 per interval",
        "abandon_rate &lt;= 0.05 per day: day 1:",
        "<summary>Per interval of the day</summary>", "<td>09:00</td>",
        "every goal met after"}) {
    EXPECT_NE(html.find(part), std::string::npos) << part;
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // Nothing fetched: the SVG namespace name is the only URL.
  std::string rest = html;
  const std::string xmlns = "http://www.w3.org/2000/svg";
  for (size_t at; (at = rest.find(xmlns)) != std::string::npos;) {
    rest.erase(at, xmlns.size());
  }
  EXPECT_EQ(rest.find("http"), std::string::npos);
  EXPECT_EQ(html.find("id=\"schedule\""), std::string::npos);
}

}  // namespace
}  // namespace ccsim
