// Sweep files: points, values, defaults, fingerprints and errors.
#include <atomic>
#include <string>

#include "ccsim/sweep.h"
#include "gtest/gtest.h"
#include "tests/sweep/sweep_testing.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::ScratchDir;
using ::ccsim::testing::SmallScenario;
using ::ccsim::testing::WriteFile;

absl::StatusOr<Sweep> LoadIn(const ScratchDir& dir, const std::string& sweep,
                             const std::string& base = SmallScenario()) {
  return testing::LoadSweepIn(dir, sweep, base);
}

// The error message of loading `sweep`, which must fail.
std::string ErrorIn(const ScratchDir& dir, const std::string& sweep,
                    const std::string& base = SmallScenario()) {
  absl::StatusOr<Sweep> s = LoadIn(dir, sweep, base);
  if (s.ok()) return "(loaded fine)";
  return std::string(s.status().message());
}

TEST(SweepFile, GridVariesTheFirstParameterSlowest) {
  ScratchDir dir;
  absl::StatusOr<Sweep> s = LoadIn(dir,
                                   "scenario: base.yaml\n"
                                   "parameters:\n"
                                   "  - key: agents[0].staffing.constant\n"
                                   "    name: agents\n"
                                   "    values: [4, 5]\n"
                                   "  - key: call_types[0].patience\n"
                                   "    name: patience\n"
                                   "    values:\n"
                                   "      - {exponential: {mean: 100s}}\n"
                                   "      - {exponential: {mean: 200s}}\n"
                                   "      - {exponential: {mean: 300s}}\n");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->combine(), SweepCombine::kGrid);
  ASSERT_EQ(s->num_points(), 6);
  EXPECT_EQ(s->ValueIndices(0), (std::vector<int>{0, 0}));
  EXPECT_EQ(s->ValueIndices(1), (std::vector<int>{0, 1}));
  EXPECT_EQ(s->ValueIndices(2), (std::vector<int>{0, 2}));
  EXPECT_EQ(s->ValueIndices(3), (std::vector<int>{1, 0}));
  EXPECT_EQ(s->ValueIndices(5), (std::vector<int>{1, 2}));
  EXPECT_EQ(s->DescribePoint(4),
            "agents=5, patience={exponential: {mean: 200s}}");
  // The point's scenario has both values.
  absl::StatusOr<Scenario> p = s->PointScenario(4);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->agent_groups[0].staffing[0], 5);
  EXPECT_DOUBLE_EQ(p->call_types[0].patience->Mean(), 200.0);
  // Values keep their types for the database.
  const SweepParameter& agents = s->parameters()[0];
  EXPECT_EQ(agents.keys,
            std::vector<std::string>{"agents[0].staffing.constant"});
  EXPECT_EQ(agents.values[1].kind, SweepValue::Kind::kInteger);
  EXPECT_EQ(agents.values[1].integer, 5);
  EXPECT_EQ(s->parameters()[1].values[0].kind, SweepValue::Kind::kText);
}

TEST(SweepFile, ZipPairsTheValuesInOrder) {
  ScratchDir dir;
  absl::StatusOr<Sweep> s = LoadIn(dir,
                                   "scenario: base.yaml\n"
                                   "combine: zip\n"
                                   "parameters:\n"
                                   "  - key: agents[0].staffing.constant\n"
                                   "    values: [4, 5, 6]\n"
                                   "  - key: horizon\n"
                                   "    values: [1d, 2d, 3d]\n");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->num_points(), 3);
  EXPECT_EQ(s->ValueIndices(2), (std::vector<int>{2, 2}));
  absl::StatusOr<Scenario> p = s->PointScenario(1);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->agent_groups[0].staffing[0], 5);
  EXPECT_EQ(p->horizon, Time::Days(2));

  const std::string e = ErrorIn(dir,
                                "scenario: base.yaml\n"
                                "combine: zip\n"
                                "parameters:\n"
                                "  - key: agents[0].staffing.constant\n"
                                "    values: [4, 5, 6]\n"
                                "  - key: horizon\n"
                                "    values: [1d, 2d]\n");
  EXPECT_TRUE(Contains(e, dir / "sweep.yaml:6:10: parameters[1]")) << e;
  EXPECT_TRUE(Contains(e, "same number of values")) << e;
}

TEST(SweepFile, RangesGiveExactDecimals) {
  ScratchDir dir;
  absl::StatusOr<Sweep> s =
      LoadIn(dir,
             "scenario: base.yaml\n"
             "parameters:\n"
             "  - key: service_level.target\n"  // optional, not in the base
             "    range: {from: 0.1, to: 0.3, step: 0.05}\n"
             "  - key: agents[0].staffing.constant\n"
             "    range: {from: 4, to: 10, step: 4}\n"  // 10 is not reached
             "  - key: call_types[0].handle_time.exponential.mean\n"
             "    range: {from: 2.5m, to: 3m, step: 0.5m}\n");
  ASSERT_TRUE(s.ok()) << s.status();
  const std::vector<SweepValue>& target = s->parameters()[0].values;
  ASSERT_EQ(target.size(), 5u);
  // Each value is the double nearest the decimal, as if written out by
  // hand (summing 0.05 in binary would drift: 0.1 + 4 * 0.05 != 0.3).
  const double expected[] = {0.1, 0.15, 0.2, 0.25, 0.3};
  const char* texts[] = {"0.1", "0.15", "0.2", "0.25", "0.3"};
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(target[i].kind, SweepValue::Kind::kReal);
    EXPECT_EQ(target[i].real, expected[i]) << i;
    EXPECT_EQ(target[i].text, texts[i]);
  }
  const std::vector<SweepValue>& agents = s->parameters()[1].values;
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(agents[0].integer, 4);
  EXPECT_EQ(agents[1].integer, 8);
  const std::vector<SweepValue>& aht = s->parameters()[2].values;
  ASSERT_EQ(aht.size(), 2u);
  EXPECT_EQ(aht[0].text, "2.5m");
  EXPECT_EQ(aht[1].text, "3m");
  EXPECT_EQ(aht[0].kind, SweepValue::Kind::kText);
  EXPECT_EQ(s->num_points(), 5 * 2 * 2);
  absl::StatusOr<Scenario> p = s->PointScenario(0);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_DOUBLE_EQ(p->call_types[0].handle_time.Mean(), 150.0);
  EXPECT_DOUBLE_EQ(p->service_level.target, 0.1);
}

TEST(SweepFile, DefaultsComeFromTheBaseScenario) {
  ScratchDir dir;
  absl::StatusOr<Sweep> s = LoadIn(dir,
                                   "scenario: base.yaml\n"
                                   "parameters:\n"
                                   "  - key: agents[0].staffing.constant\n"
                                   "    values: [4]\n");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->replications(), 3);  // SmallScenario's
  EXPECT_EQ(s->seed(), 5u);
  EXPECT_EQ(s->metrics(), AllMetrics());
  SweepScopes totals;
  totals.set(static_cast<int>(SweepScope::kTotal));
  EXPECT_EQ(s->scopes(), totals);
  EXPECT_EQ(s->scenario_name(), "small");

  s = LoadIn(dir,
             "scenario: base.yaml\n"
             "replications: 7\n"
             "seed: 18446744073709551615\n"
             "metrics: [service_level, asa_s]\n"
             "scopes: [total, interval, call_flow]\n"
             "parameters:\n"
             "  - key: agents[0].staffing.constant\n"
             "    values: [4]\n");
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->replications(), 7);
  EXPECT_EQ(s->seed(), 18446744073709551615u);
  EXPECT_EQ(s->metrics().count(), 2u);
  EXPECT_TRUE(s->metrics().test(static_cast<int>(Metric::kAsa)));
  EXPECT_TRUE(s->scopes().test(static_cast<int>(SweepScope::kInterval)));
  EXPECT_TRUE(s->scopes().test(static_cast<int>(SweepScope::kCallFlow)));
  EXPECT_FALSE(s->scopes().test(static_cast<int>(SweepScope::kCallType)));
}

TEST(SweepFile, SetChangesEveryPointAndKeysMayBeOptional) {
  ScratchDir dir;
  // wrap_up is not in the base scenario, but call types may have it.
  absl::StatusOr<Sweep> s =
      LoadIn(dir,
             "scenario: base.yaml\n"
             "set:\n"
             "  horizon: 2d\n"
             "  call_types[0].wrap_up: {exponential: {mean: 30s}}\n"
             "parameters:\n"
             "  - key: agents[0].staffing.constant\n"
             "    values: [4, 6]\n");
  ASSERT_TRUE(s.ok()) << s.status();
  for (int64_t point = 0; point < 2; ++point) {
    absl::StatusOr<Scenario> p = s->PointScenario(point);
    ASSERT_TRUE(p.ok()) << p.status();
    EXPECT_EQ(p->horizon, Time::Days(2));
    ASSERT_TRUE(p->call_types[0].wrap_up.has_value());
    EXPECT_DOUBLE_EQ(p->call_types[0].wrap_up->Mean(), 30.0);
  }
}

TEST(SweepFile, OneValueAtSeveralKeyPaths) {
  ScratchDir dir;
  const std::string base = SmallScenario() +
                           "  - name: spare\n"
                           "    skills: [general]\n"
                           "    staffing: {constant: 1}\n";
  absl::StatusOr<Sweep> s = LoadIn(dir,
                                   "scenario: base.yaml\n"
                                   "parameters:\n"
                                   "  - name: both\n"
                                   "    key:\n"
                                   "      - agents[0].staffing.constant\n"
                                   "      - agents[1].staffing.constant\n"
                                   "    values: [2, 3]\n",
                                   base);
  ASSERT_TRUE(s.ok()) << s.status();
  absl::StatusOr<Scenario> p = s->PointScenario(1);
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->agent_groups[0].staffing[0], 3);
  EXPECT_EQ(p->agent_groups[1].staffing[0], 3);

  const std::string e = ErrorIn(dir,
                                "scenario: base.yaml\n"
                                "parameters:\n"
                                "  - key:\n"
                                "      - agents[0].staffing.constant\n"
                                "      - agents[1].staffing.constant\n"
                                "    values: [2, 3]\n",
                                base);
  EXPECT_TRUE(Contains(e, "needs a 'name:'")) << e;
}

TEST(SweepFile, FingerprintFollowsContentNotLayout) {
  ScratchDir dir;
  const std::string sweep =
      "scenario: base.yaml\n"
      "parameters:\n"
      "  - key: agents[0].staffing.constant\n"
      "    values: [4, 5]\n";
  absl::StatusOr<Sweep> a = LoadIn(dir, sweep);
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->fingerprint().size(), 16u);
  // Comments and layout do not matter, in the sweep file or the base.
  absl::StatusOr<Sweep> b = LoadIn(
      dir,
      "# a comment\nscenario: base.yaml\n\nparameters:\n"
      "  - {key: 'agents[0].staffing.constant', values: [4,   5]}  # same\n",
      "# the base, commented\n" + SmallScenario());
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(a->fingerprint(), b->fingerprint());
  EXPECT_EQ(a->definition(), b->definition());
  // Anything that changes results changes it.
  const std::string changed[] = {
      sweep + "seed: 9\n",
      sweep + "replications: 2\n",
      sweep + "metrics: [offered]\n",
      sweep + "scopes: [call_type]\n",
      "scenario: base.yaml\nparameters:\n"
      "  - key: agents[0].staffing.constant\n    values: [4, 6]\n",
  };
  for (const std::string& text : changed) {
    absl::StatusOr<Sweep> c = LoadIn(dir, text);
    ASSERT_TRUE(c.ok()) << c.status();
    EXPECT_NE(c->fingerprint(), a->fingerprint()) << text;
  }
  absl::StatusOr<Sweep> d = LoadIn(dir, sweep, SmallScenario(5));
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_NE(d->fingerprint(), a->fingerprint());
}

TEST(SweepFileError, UnknownKeyPathPointsAtTheSweepFile) {
  ScratchDir dir;
  const std::string e = ErrorIn(dir,
                                "scenario: base.yaml\n"
                                "parameters:\n"
                                "  - key: agents[0].stafing.constant\n"
                                "    values: [4, 5]\n");
  EXPECT_TRUE(Contains(e, dir / "sweep.yaml:3:10: parameters[0].key: key path "
                                "'agents[0].stafing.constant' is not in the "
                                "base scenario"))
      << e;
  EXPECT_TRUE(Contains(e, "did you mean 'staffing'")) << e;

  // An index past the end of a list.
  const std::string e2 = ErrorIn(dir,
                                 "scenario: base.yaml\n"
                                 "parameters:\n"
                                 "  - key: agents[3].staffing.constant\n"
                                 "    values: [4, 5]\n");
  EXPECT_TRUE(Contains(e2, dir / "sweep.yaml:3:10: parameters[0].key")) << e2;

  // Under set: as well.
  const std::string e3 = ErrorIn(dir,
                                 "scenario: base.yaml\n"
                                 "set:\n"
                                 "  horizn: 2d\n"
                                 "parameters:\n"
                                 "  - key: agents[0].staffing.constant\n"
                                 "    values: [4, 5]\n");
  EXPECT_TRUE(Contains(e3, dir / "sweep.yaml:3:3: set.horizn")) << e3;
  EXPECT_TRUE(Contains(e3, "did you mean 'horizon'")) << e3;
}

// An optional key the base scenario lacks, whose first value is wrong: the
// key is fine and the message is about the value, where it is written.
TEST(SweepFileError, ABadValueOfAnOptionalKeyIsNotABadKey) {
  ScratchDir dir;
  std::string e = ErrorIn(dir,
                          "scenario: base.yaml\n"
                          "parameters:\n"
                          "  - key: trunk_lines\n"
                          "    values: [0, 20]\n");
  EXPECT_EQ(e, dir /
                   "sweep.yaml:4:14: trunk_lines: expected a whole number "
                   "of at least 1, got 0 (in sweep point 0: trunk_lines=0)");
  e = ErrorIn(dir,
              "scenario: base.yaml\n"
              "parameters:\n"
              "  - key: calendar\n"
              "    values: [{start_dat: 2026-02-03}]\n");
  EXPECT_TRUE(Contains(e, dir / "sweep.yaml:4:15: calendar.start_dat: "
                                "unknown key 'start_dat'"))
      << e;
  // A misspelt key is still the key's fault.
  e = ErrorIn(dir,
              "scenario: base.yaml\n"
              "parameters:\n"
              "  - key: trunk_line\n"
              "    values: [20]\n");
  EXPECT_TRUE(
      Contains(e, dir / "sweep.yaml:3:10: parameters[0].key: key "
                        "path 'trunk_line' is not in the base scenario"))
      << e;
}

TEST(SweepFileError, ValueOfTheWrongTypePointsAtTheValue) {
  ScratchDir dir;
  const std::string e = ErrorIn(dir,
                                "scenario: base.yaml\n"
                                "parameters:\n"
                                "  - key: agents[0].staffing.constant\n"
                                "    values: [4, many]\n");
  // 'many' is at line 4, column 17 of the sweep file.
  EXPECT_TRUE(Contains(e, dir / "sweep.yaml:4:17: agents[0].staffing.constant"))
      << e;
  EXPECT_TRUE(Contains(e, "many")) << e;
  EXPECT_TRUE(Contains(e, "sweep point 1: agents[0].staffing.constant=many"))
      << e;

  // A value generated by a range points at the range.
  const std::string e2 =
      ErrorIn(dir,
              "scenario: base.yaml\n"
              "parameters:\n"
              "  - key: agents[0].staffing.constant\n"
              "    range: {from: 2.5, to: 3.5, step: 0.5}\n");
  EXPECT_TRUE(Contains(e2, dir / "sweep.yaml:4:12: agents[0].staffing")) << e2;

  // A duration where a number belongs.
  const std::string e3 =
      ErrorIn(dir,
              "scenario: base.yaml\n"
              "parameters:\n"
              "  - key: call_types[0].arrivals.per_interval\n"
              "    values:\n"
              "      - 80\n"
              "      - 90s\n");
  EXPECT_TRUE(
      Contains(e3, dir / "sweep.yaml:6:9: call_types[0].arrivals.per_interval"))
      << e3;
}

TEST(SweepFileError, EmptyOrBadRanges) {
  ScratchDir dir;
  auto with_range = [&](const std::string& range) {
    return ErrorIn(dir,
                   "scenario: base.yaml\n"
                   "parameters:\n"
                   "  - key: service_level.target\n"
                   "    range: " +
                       range + "\n");
  };
  std::string e = with_range("{from: 0.5, to: 0.4, step: 0.1}");
  EXPECT_TRUE(Contains(e, dir / "sweep.yaml:4:12: parameters[0].range: empty "
                                "range"))
      << e;
  e = with_range("{from: 0.1, to: 0.4, step: 0}");
  EXPECT_TRUE(Contains(e,
                       "sweep.yaml:4:39: parameters[0].range.step: the "
                       "step must be greater than 0"))
      << e;
  e = with_range("{from: 1m, to: 90s, step: 10s}");
  EXPECT_TRUE(Contains(e,
                       "parameters[0].range.to: 'to' has the unit 's', but "
                       "'from' has the unit 'm'; a range uses one unit "
                       "throughout"))
      << e;
  e = with_range("{from: 0, to: 1, step: 0.0000000001}");
  EXPECT_TRUE(Contains(e,
                       "sweep.yaml:4:35: parameters[0].range.step: expected "
                       "at most 9 decimal places, got 10"))
      << e;
  e = with_range("{from: 0.1, to: 0.4}");
  EXPECT_TRUE(Contains(e, "missing required key 'step'")) << e;
  e = with_range("{from: 1e-3, to: 0.4, step: 0.1}");
  EXPECT_TRUE(Contains(e,
                       "parameters[0].range.from: expected a plain "
                       "decimal"))
      << e;
  e = with_range("{from: 0, to: 1, step: 0.000001}");
  EXPECT_TRUE(Contains(e, "values; at most")) << e;
}

TEST(SweepFile, ManyPointsBuildCorrectlyWithProgress) {
  ScratchDir dir;
  // 40 x 3 points, beyond the trees' periodic rebuild (every 32 points),
  // with a map value (taken from the sweep file's tree) and scalars (made
  // anew each time).
  absl::StatusOr<Sweep> s = LoadIn(dir,
                                   "scenario: base.yaml\n"
                                   "parameters:\n"
                                   "  - key: agents[0].staffing.constant\n"
                                   "    range: {from: 1, to: 40, step: 1}\n"
                                   "  - key: call_types[0].patience\n"
                                   "    values:\n"
                                   "      - {exponential: {mean: 100s}}\n"
                                   "      - {exponential: {mean: 200s}}\n"
                                   "      - {exponential: {mean: 300s}}\n");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->num_points(), 120);
  for (int pass = 0; pass < 2; ++pass) {
    for (int64_t point = 0; point < 120; ++point) {
      absl::StatusOr<Scenario> p = s->PointScenario(point);
      ASSERT_TRUE(p.ok()) << p.status();
      EXPECT_EQ(p->agent_groups[0].staffing[0], 1 + point / 3) << point;
      EXPECT_DOUBLE_EQ(p->call_types[0].patience->Mean(),
                       100.0 * (1 + point % 3))
          << point;
    }
  }

  // Checking 8,000 points (each point used to cost more than the last, as
  // yaml-cpp pools the memory of joined trees, and this took minutes; the
  // speed is measured by BM_SweepPointBuild in bench/, not here).
  absl::StatusOr<Sweep> big =
      LoadIn(dir,
             "scenario: base.yaml\n"
             "parameters:\n"
             "  - key: agents[0].staffing.constant\n"
             "    range: {from: 1, to: 8000, step: 1}\n");
  ASSERT_TRUE(big.ok()) << big.status();
  // Checking reports its progress (every 1,024 points, from any thread).
  std::atomic<int64_t> calls{0}, most{0}, total{0};
  absl::StatusOr<Sweep> again = Sweep::Load(
      dir / "sweep.yaml", SweepShard{}, [&](int64_t done, int64_t of) {
        ++calls;
        int64_t seen = most.load();
        while (done > seen && !most.compare_exchange_weak(seen, done)) {
        }
        total = of;
      });
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(calls.load(), 7);
  EXPECT_EQ(most.load(), 7 * 1024);
  EXPECT_EQ(total.load(), 8000);
}

TEST(SweepFileError, BaseScenarioChangedDuringARun) {
  ScratchDir dir;
  // 100 points: the trees are read again from the files after 64.
  absl::StatusOr<Sweep> s =
      LoadIn(dir,
             "scenario: base.yaml\n"
             "parameters:\n"
             "  - key: horizon\n"
             "    range: {from: 1d, to: 100d, step: 1d}\n");
  ASSERT_TRUE(s.ok()) << s.status();
  WriteFile(dir / "base.yaml", SmallScenario(7));
  absl::Status last;
  for (int64_t point = 0; point < 100 && last.ok(); ++point) {
    last = s->PointScenario(point).status();
  }
  EXPECT_EQ(last.code(), absl::StatusCode::kFailedPrecondition) << last;
  EXPECT_TRUE(Contains(std::string(last.message()),
                       "changed while the sweep was running"))
      << last;
}

// Points are checked on every core, in chunks; the error is always that
// of the lowest failing point. Warm-ups must be whole intervals (1h), so
// points 80-119 (warm-up 90m) fail, in chunks of their own.
TEST(SweepFileError, TheLowestFailingPointIsReported) {
  ScratchDir dir;
  for (int run = 0; run < 5; ++run) {
    const std::string e = ErrorIn(dir,
                                  "scenario: base.yaml\n"
                                  "parameters:\n"
                                  "  - key: warmup\n"
                                  "    values: [1h, 2h, 90m]\n"
                                  "  - key: agents[0].staffing.constant\n"
                                  "    range: {from: 1, to: 40, step: 1}\n");
    EXPECT_TRUE(Contains(e,
                         "(in sweep point 80: warmup=90m, "
                         "agents[0].staffing.constant=1)"))
        << e;
  }
}

TEST(SweepFileError, StructureErrors) {
  ScratchDir dir;
  const std::string param =
      "parameters:\n"
      "  - key: agents[0].staffing.constant\n"
      "    values: [4, 5]\n";
  struct Case {
    std::string text;
    std::string expected;
  } cases[] = {
      {"scenario: base.yaml\nparamters: []\n",
       "sweep.yaml:2:1: paramters: unknown key 'paramters'"},
      {"scenario: base.yaml\nparamters: []\n", "did you mean 'parameters'"},
      {"scenario: base.yaml\n", "missing required key 'parameters'"},
      {param, "missing required key 'scenario'"},
      {"scenario: nowhere.yaml\n" + param,
       "sweep.yaml:1:11: scenario: cannot read the base scenario"},
      {"scenario: base.yaml\nparameters: []\n",
       "sweep.yaml:2:13: parameters: expected a non-empty list"},
      {"scenario: base.yaml\nparameters:\n  - key: horizon\n    values: []\n",
       "sweep.yaml:4:13: parameters[0].values: expected a non-empty list"},
      {"scenario: base.yaml\nparameters:\n  - key: horizon\n", "got neither"},
      {"scenario: base.yaml\nparameters:\n  - key: seed\n    values: [1, 2]\n",
       "sweep.yaml:3:10: parameters[0].key: 'seed' cannot be swept"},
      {"scenario: base.yaml\nreplications: 0\n" + param,
       "sweep.yaml:2:15: replications: expected a whole number from 1"},
      {"scenario: base.yaml\nseed: -1\n" + param,
       "sweep.yaml:2:7: seed: expected a whole number"},
      {"scenario: base.yaml\ncombine: cross\n" + param,
       "combine: expected grid or zip, got 'cross'"},
      {"scenario: base.yaml\nmetrics: [service_levle]\n" + param,
       "sweep.yaml:2:11: metrics[0]"},
      {"scenario: base.yaml\nmetrics: [service_levle]\n" + param,
       "service_level"},
      {"scenario: base.yaml\nscopes: [totals]\n" + param,
       "sweep.yaml:2:10: scopes[0]: unknown scope 'totals'; expected one "
       "of: "},
      {"scenario: base.yaml\nscopes: [{a: 1}]\n" + param,
       "sweep.yaml:2:10: scopes[0]: expected a scope name (one of: "},
      {"scenario: base.yaml\n" + param +
           "  - key: agents[0].staffing\n    values: [{constant: 3}]\n",
       "sweep.yaml:5:10: parameters[1].key: 'agents[0].staffing' overlaps "
       "'agents[0].staffing.constant'"},
      // A leading zero would hide that two paths are one.
      {"scenario: base.yaml\n" + param +
           "  - key: agents[00].staffing.constant\n    values: [6, 7]\n",
       "sweep.yaml:5:10: parameters[1].key: key path "
       "'agents[00].staffing.constant': an index has a leading zero"},
      {"scenario: base.yaml\nset:\n  agents[00].staffing.constant: 3\n" + param,
       "an index has a leading zero"},
      {"scenario: base.yaml\nparameters:\n  - key: horizon\n    name: metric\n"
       "    values: [1d]\n",
       "'metric' is a column of the results already"},
      {"scenario: base.yaml\nparameters:\n  - key: horizon\n    name: h\n"
       "    values: [1d]\n  - key: warmup\n    name: h\n    values: [1h]\n",
       "duplicate parameter name 'h'"},
      {"scenario: base.yaml\nparameters:\n  - key: trunk_lines\n"
       "    values: [20, 30, 20.0]\n",
       "sweep.yaml:4:22: parameters[0].values[2]: the value 20.0 is given "
       "twice (also parameters[0].values[0])"},
      // SQLite column names ignore case.
      {"scenario: base.yaml\nparameters:\n  - key: horizon\n    name: h\n"
       "    values: [1d]\n  - key: warmup\n    name: H\n    values: [1h]\n",
       "sweep.yaml:7:11: parameters[1].name: duplicate parameter name 'H' "
       "(also parameters[0], 'h'; column names ignore case)"},
      {"scenario: base.yaml\nparameters:\n  - key: horizon\n    name: Point\n"
       "    values: [1d]\n",
       "'Point' is a column of the results already"},
      {"scenario: base.yaml\nparameters:\n  - key: horizon\n"
       "    name: \"a\\tb\"\n    values: [1d]\n",
       "sweep.yaml:4:11: parameters[0].name: a column name cannot hold control "
       "characters"},
      {"scenario: base.yaml\nscenario: base.yaml\n" + param,
       "sweep.yaml:2:1: scenario: duplicate key 'scenario'"},
      {"scenario: base.yaml\nparameters: [\n", "YAML syntax error"},
  };
  for (const Case& c : cases) {
    const std::string e = ErrorIn(dir, c.text);
    EXPECT_TRUE(Contains(e, c.expected)) << c.text << "\n -> " << e;
  }
}

TEST(SweepFileError, AShardChecksItsPointsAndEveryValue) {
  ScratchDir dir;
  // Only the last point is bad: a 90-minute warm-up is no whole number of
  // 1-hour intervals.
  WriteFile(dir / "base.yaml", SmallScenario());
  WriteFile(dir / "sweep.yaml",
            "scenario: base.yaml\n"
            "parameters:\n"
            "  - key: warmup\n"
            "    values: [1h, 90m]\n"
            "  - key: interval\n"
            "    values: [30m, 1h]\n");
  const std::string path = dir / "sweep.yaml";
  absl::StatusOr<Sweep> all = Sweep::Load(path);
  ASSERT_FALSE(all.ok());
  EXPECT_TRUE(Contains(std::string(all.status().message()),
                       "(in sweep point 3: warmup=90m, interval=1h)"))
      << all.status();
  EXPECT_TRUE(Sweep::Load(path, SweepShard{1, 2}).ok());   // points 0 and 2
  EXPECT_FALSE(Sweep::Load(path, SweepShard{2, 2}).ok());  // 1 and 3

  // A value that is bad by itself fails in every shard, even one without
  // a point that has it (point 1 is in shard 2/2 only).
  WriteFile(dir / "sweep.yaml",
            "scenario: base.yaml\n"
            "parameters:\n"
            "  - key: agents[0].staffing.constant\n"
            "    values: [4, many]\n");
  absl::StatusOr<Sweep> first = Sweep::Load(path, SweepShard{1, 2});
  ASSERT_FALSE(first.ok());
  EXPECT_TRUE(
      Contains(std::string(first.status().message()), dir / "sweep.yaml:4:17:"))
      << first.status();
}

TEST(SweepFileError, ErrorsOfTheBaseScenarioNameIt) {
  ScratchDir dir;
  const std::string e = ErrorIn(dir,
                                "scenario: base.yaml\n"
                                "parameters:\n"
                                "  - key: horizon\n"
                                "    values: [1d]\n",
                                "name: broken\nhorizon: 1d\n");
  EXPECT_TRUE(Contains(e, dir / "base.yaml:")) << e;
}

}  // namespace
}  // namespace ccsim
