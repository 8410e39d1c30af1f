// Sweep points edited from typed scenarios: equal to the points read
// through YAML at every point, and read through YAML where editing does
// not apply.
#include "sim/sweep/typed_points.h"

#include <string>

#include "ccsim/scenario.h"
#include "ccsim/sweep.h"
#include "gtest/gtest.h"
#include "tests/sweep/sweep_testing.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::ScratchDir;
using ::ccsim::testing::SmallScenario;
using ::ccsim::testing::WriteFile;
using sweep_internal::PartOfKey;
using sweep_internal::ScenarioPart;

absl::StatusOr<Sweep> LoadIn(const ScratchDir& dir, const std::string& sweep,
                             const std::string& base = SmallScenario()) {
  return testing::LoadSweepIn(dir, sweep, base);
}

// Every point built both ways is the same scenario, field by field.
void ExpectTypedEqualsYaml(const Sweep& sweep) {
  Sweep::PointBuilder typed(sweep), yaml(sweep);
  for (int64_t point = 0; point < sweep.num_points(); ++point) {
    absl::StatusOr<Scenario> a = typed.Build(point);
    absl::StatusOr<Scenario> b = yaml.BuildFromYaml(point);
    ASSERT_TRUE(a.ok() && b.ok()) << point;
    EXPECT_TRUE(*a == *b) << "point " << point << ": "
                          << sweep.DescribePoint(point);
  }
}

TEST(TypedSweepPoints, EqualTheYamlPointsEverywhere) {
  ScratchDir dir;
  absl::StatusOr<Sweep> s =
      LoadIn(dir,
             "scenario: base.yaml\n"
             "parameters:\n"
             "  - key: agents[0].staffing.constant\n"
             "    range: {from: 2, to: 11, step: 1}\n"
             "  - key: call_types[0].patience\n"
             "    values:\n"
             "      - {exponential: {mean: 100s}}\n"
             "      - {exponential: {mean: 200s}}\n"
             "      - {weibull: {shape: 0.8, mean: 90s}}\n"
             "  - key: trunk_lines\n"
             "    values: [5, 12]\n"
             "  - key: service_level.threshold\n"
             "    values: [20s, 30s]\n");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->num_points(), 120);
  EXPECT_TRUE(s->builds_typed());
  ExpectTypedEqualsYaml(*s);
  // And the values are where they should be.
  absl::StatusOr<Scenario> p = s->PointScenario(119);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->agent_groups[0].staffing[5], 11);
  EXPECT_EQ(p->trunk_lines, 12);
  EXPECT_EQ(p->service_level.threshold, Time::Seconds(30));
  EXPECT_EQ(p->call_types[0].patience->kind(), Distribution::Kind::kWeibull);
}

TEST(TypedSweepPoints, TheBundledSweepIsEditedTyped) {
  absl::StatusOr<Sweep> s =
      Sweep::Load(std::string(CCSIM_SOURCE_DIR) +
                  "/scenarios/sweeps/water-utility-agents.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->builds_typed());
  ExpectTypedEqualsYaml(*s);
}

TEST(TypedSweepPoints, ReadThroughYamlWhereEditingDoesNotApply) {
  ScratchDir dir;
  // The interval changes every per-interval list: not one part.
  absl::StatusOr<Sweep> interval =
      LoadIn(dir,
             "scenario: base.yaml\n"
             "parameters:\n"
             "  - key: interval\n"
             "    values: [30m, 1h]\n"
             "  - key: agents[0].staffing.constant\n"
             "    range: {from: 2, to: 9, step: 1}\n");
  ASSERT_TRUE(interval.ok()) << interval.status();
  EXPECT_FALSE(interval->builds_typed());
  // Two parameters in one agent group.
  absl::StatusOr<Sweep> shared = LoadIn(dir,
                                        "scenario: base.yaml\n"
                                        "parameters:\n"
                                        "  - key: agents[0].staffing.constant\n"
                                        "    range: {from: 2, to: 9, step: 1}\n"
                                        "  - key: agents[0].break_cap.agents\n"
                                        "    values: [1, 2, 3]\n");
  ASSERT_TRUE(shared.ok()) << shared.status();
  EXPECT_FALSE(shared->builds_typed());
  // One parameter: every point is a value of its own, read anyway.
  absl::StatusOr<Sweep> single =
      LoadIn(dir,
             "scenario: base.yaml\n"
             "parameters:\n"
             "  - key: agents[0].staffing.constant\n"
             "    range: {from: 2, to: 9, step: 1}\n");
  ASSERT_TRUE(single.ok()) << single.status();
  EXPECT_FALSE(single->builds_typed());
}

// Two groups serve the one call type, whose callers never hang up. Each
// value is fine by itself, but with no agent in either group callers would
// wait forever: the typed point is not runnable, and the error is the YAML
// one, with its place and point.
TEST(TypedSweepPoints, ACombinationThatCannotRunIsReportedAsBefore) {
  ScratchDir dir;
  const std::string base =
      "name: two-groups\n"
      "horizon: 1d\n"
      "interval: 1h\n"
      "replications: 2\n"
      "call_types:\n"
      "  - name: general\n"
      "    arrivals: {per_interval: 20}\n"
      "    handle_time: {exponential: {mean: 120s}}\n"
      "agents:\n"
      "  - name: a\n"
      "    skills: [general]\n"
      "    staffing: {constant: 2}\n"
      "  - name: b\n"
      "    skills: [general]\n"
      "    staffing: {constant: 2}\n";
  absl::StatusOr<Sweep> s = LoadIn(dir,
                                   "scenario: base.yaml\n"
                                   "parameters:\n"
                                   "  - key: agents[0].staffing.constant\n"
                                   "    values: [2, 3, 0]\n"
                                   "  - key: agents[1].staffing.constant\n"
                                   "    values: [2, 0]\n",
                                   base);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(Contains(std::string(s.status().message()),
                       "(in sweep point 5: agents[0].staffing.constant=0, "
                       "agents[1].staffing.constant=0)"))
      << s.status();
}

TEST(TypedSweepPoints, KeyPathsNameTheirParts) {
  EXPECT_EQ(PartOfKey("agents[3].staffing.constant"),
            (ScenarioPart{.kind = ScenarioPart::kAgentGroup, .index = 3}));
  EXPECT_EQ(PartOfKey("agents[0].shifts[1].agents"),
            (ScenarioPart{.kind = ScenarioPart::kAgentGroup, .index = 0}));
  EXPECT_EQ(PartOfKey("call_types[12].patience"),
            (ScenarioPart{.kind = ScenarioPart::kCallType, .index = 12}));
  EXPECT_EQ(PartOfKey("ivr.menus[1].zero_out"),
            (ScenarioPart{.kind = ScenarioPart::kIvr}));
  EXPECT_EQ(PartOfKey("incidents[0].extra_calls"),
            (ScenarioPart{.kind = ScenarioPart::kIvr}));
  EXPECT_EQ(PartOfKey("trunk_lines"),
            (ScenarioPart{.kind = ScenarioPart::kTrunkLines}));
  EXPECT_EQ(PartOfKey("staffing_goal.value"),
            (ScenarioPart{.kind = ScenarioPart::kGoals}));
  for (const char* whole :
       {"agents[0].name", "agents[0]", "agents", "call_types[x].patience",
        "agents[1]x", "interval", "horizon", "redial.after_abandon",
        "calendar.start_date", "trunk_linesx", "ivrx"}) {
    EXPECT_FALSE(PartOfKey(whole).has_value()) << whole;
  }
}

}  // namespace
}  // namespace ccsim
