#include <string>
#include <string_view>

#include "ccsim/distribution.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/time.h"
#include "gtest/gtest.h"
#include "tests/testing/scenario_text.h"

namespace ccsim {
namespace {

// A small valid scenario; the line numbers matter for the expected messages.
constexpr std::string_view kBase =
    "name: test\n"                                    // 1
    "horizon: 1d\n"                                   // 2
    "call_types:\n"                                   // 3
    "  - name: general\n"                             // 4
    "    arrivals: {per_interval: 100}\n"             // 5
    "    handle_time: {exponential: {mean: 180s}}\n"  // 6
    "    patience: {exponential: {mean: 300s}}\n"     // 7
    "agents:\n"                                       // 8
    "  - name: team\n"                                // 9
    "    skills: [general]\n"                         // 10
    "    staffing: {constant: 14}\n";                 // 11

// kBase with the first occurrence of `from` replaced by `to`.
std::string Base(std::string_view from, std::string_view to) {
  std::string text(kBase);
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' is not in kBase";
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

using testing::ErrorOf;
using testing::ListOf;
using testing::Load;

// ---------------------------------------------------------------------------
// Valid files.

TEST(ScenarioLoaderTest, LoadsTheDocumentedExample) {
  const Scenario s = Load(R"(name: erlang-a-demo
horizon: 30d          # simulated length of one replication, after warm-up
warmup: 1d
interval: 30m         # reporting and staffing interval
replications: 10
seed: 1
service_level: {threshold: 20s, short_abandon: 5s}
call_types:
  - name: general
    arrivals: {per_interval: 100}           # or a list, one count per interval of the day; or per_hour
    handle_time: {exponential: {mean: 180s}}
    patience: {exponential: {mean: 300s}}   # omit for infinite patience
agents:
  - name: team
    skills: [general]
    staffing: {constant: 14}                # or a list, one count per interval of the day
)");
  EXPECT_EQ(s.name, "erlang-a-demo");
  EXPECT_EQ(s.source, "test.yaml");
  EXPECT_EQ(s.horizon, Time::Days(30));
  EXPECT_EQ(s.warmup, Time::Days(1));
  EXPECT_EQ(s.interval, Time::Minutes(30));
  EXPECT_EQ(s.intervals_per_day(), 48);
  EXPECT_EQ(s.replications, 10);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.service_level.threshold, Time::Seconds(20));
  EXPECT_EQ(s.service_level.short_abandon, Time::Seconds(5));
  EXPECT_DOUBLE_EQ(s.service_level.target, 0.8);

  ASSERT_EQ(s.call_types.size(), 1u);
  const CallTypeSpec& c = s.call_types[0];
  EXPECT_EQ(c.name, "general");
  ASSERT_EQ(c.rate_per_s.size(), 48u);
  for (double r : c.rate_per_s) EXPECT_DOUBLE_EQ(r, 100.0 / 1800.0);
  EXPECT_EQ(c.handle_time.kind(), Distribution::Kind::kExponential);
  EXPECT_DOUBLE_EQ(c.handle_time.Mean(), 180.0);
  ASSERT_TRUE(c.patience.has_value());
  EXPECT_EQ(c.patience->kind(), Distribution::Kind::kExponential);
  EXPECT_DOUBLE_EQ(c.patience->Mean(), 300.0);

  ASSERT_EQ(s.agent_groups.size(), 1u);
  const AgentGroupSpec& g = s.agent_groups[0];
  EXPECT_EQ(g.name, "team");
  EXPECT_EQ(g.skills, std::vector<int>{0});
  EXPECT_EQ(g.staffing, std::vector<int>(48, 14));
}

TEST(ScenarioLoaderTest, LoadsTheBundledScenario) {
  const std::string path =
      std::string(CCSIM_SOURCE_DIR) + "/scenarios/erlang-a.yaml";
  absl::StatusOr<Scenario> s = LoadScenarioFile(path);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->source, path);
  EXPECT_EQ(s->horizon, Time::Days(30));
  EXPECT_EQ(s->warmup, Time::Days(1));
  EXPECT_EQ(s->interval, Time::Minutes(30));
  EXPECT_EQ(s->replications, 10);
  EXPECT_EQ(s->seed, 1u);
  ASSERT_EQ(s->call_types.size(), 1u);
  EXPECT_EQ(s->call_types[0].rate_per_s,
            std::vector<double>(48, 100.0 / 1800.0));
  EXPECT_DOUBLE_EQ(s->call_types[0].handle_time.Mean(), 180.0);
  ASSERT_TRUE(s->call_types[0].patience.has_value());
  EXPECT_DOUBLE_EQ(s->call_types[0].patience->Mean(), 300.0);
  ASSERT_EQ(s->agent_groups.size(), 1u);
  EXPECT_EQ(s->agent_groups[0].staffing, std::vector<int>(48, 14));
}

TEST(ScenarioLoaderTest, AppliesDefaults) {
  const Scenario s =
      Load(Base("    patience: {exponential: {mean: 300s}}\n", ""));
  EXPECT_EQ(s.warmup, Time::Zero());
  EXPECT_EQ(s.interval, Time::Minutes(30));
  EXPECT_EQ(s.replications, 10);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.service_level.threshold, Time::Seconds(20));
  EXPECT_EQ(s.service_level.short_abandon, Time::Seconds(5));
  EXPECT_DOUBLE_EQ(s.service_level.target, 0.8);
  ASSERT_EQ(s.call_types.size(), 1u);
  EXPECT_FALSE(s.call_types[0].patience.has_value());  // waits forever
}

TEST(ScenarioLoaderTest, ReadsEveryTopLevelKey) {
  const Scenario s = Load(Base("horizon: 1d\n", R"(description: |
  Free text,
  over two lines.
horizon: 7d
warmup: 2h
interval: 15m
replications: 3
seed: 18446744073709551615
service_level: {threshold: 30s, short_abandon: 2s, target: 0.9}
)"));
  EXPECT_EQ(s.horizon, Time::Days(7));
  EXPECT_EQ(s.warmup, Time::Hours(2));
  EXPECT_EQ(s.interval, Time::Minutes(15));
  EXPECT_EQ(s.intervals_per_day(), 96);
  EXPECT_EQ(s.replications, 3);
  EXPECT_EQ(s.seed, 18446744073709551615u);
  EXPECT_EQ(s.service_level.threshold, Time::Seconds(30));
  EXPECT_EQ(s.service_level.short_abandon, Time::Seconds(2));
  EXPECT_DOUBLE_EQ(s.service_level.target, 0.9);
  // Per-interval vectors follow the interval.
  EXPECT_EQ(s.call_types[0].rate_per_s, std::vector<double>(96, 100.0 / 900.0));
  EXPECT_EQ(s.agent_groups[0].staffing, std::vector<int>(96, 14));
}

TEST(ScenarioLoaderTest, ConvertsPerHourAndPerDay) {
  Scenario s = Load(Base("{per_interval: 100}", "{per_hour: 200}"));
  EXPECT_EQ(s.call_types[0].rate_per_s, std::vector<double>(48, 200.0 / 3600));
  s = Load(Base("{per_interval: 100}", "{per_day: 4800}"));
  EXPECT_EQ(s.call_types[0].rate_per_s,
            std::vector<double>(48, 4800.0 / 86400));
  s = Load(Base("{per_interval: 100}", "{per_interval: 0}"));
  EXPECT_EQ(s.call_types[0].rate_per_s, std::vector<double>(48, 0.0));
}

TEST(ScenarioLoaderTest, ReadsPerIntervalLists) {
  // Hourly intervals: 24 entries; the i-th is i calls (or i agents).
  std::string counts = "[";
  for (int i = 0; i < 24; ++i) counts += (i ? ", " : "") + std::to_string(i);
  counts += "]";
  std::string yaml = Base("horizon: 1d\n", "horizon: 1d\ninterval: 1h\n");
  yaml.replace(yaml.find("{per_interval: 100}"), 19,
               "{per_interval: " + counts + "}");
  yaml.replace(yaml.find("{constant: 14}"), 14, counts);
  Scenario s = Load(yaml);
  ASSERT_EQ(s.call_types[0].rate_per_s.size(), 24u);
  ASSERT_EQ(s.agent_groups[0].staffing.size(), 24u);
  for (int i = 0; i < 24; ++i) {
    EXPECT_DOUBLE_EQ(s.call_types[0].rate_per_s[i], i / 3600.0);
    EXPECT_EQ(s.agent_groups[0].staffing[i], i);
  }

  // per_hour lists give an hourly rate for each (here 30-minute) interval.
  s = Load(
      Base("{per_interval: 100}", "{per_hour: " + ListOf(48, "360") + "}"));
  EXPECT_EQ(s.call_types[0].rate_per_s, std::vector<double>(48, 0.1));

  // Block style works as well as flow style.
  std::string block = "\n";
  for (int i = 0; i < 48; ++i) block += "      - 7\n";
  s = Load(Base(" {constant: 14}\n", block));
  EXPECT_EQ(s.agent_groups[0].staffing, std::vector<int>(48, 7));
}

TEST(ScenarioLoaderTest, ReadsSeveralCallTypesAndGroups) {
  const Scenario s = Load(R"(name: two
horizon: 1d
call_types:
  - name: sales
    arrivals: {per_interval: 10}
    handle_time: {deterministic: {value: 1m}}
  - name: service-2
    arrivals: {per_interval: 20}
    handle_time: {deterministic: {value: 2m}}
agents:
  - name: generalists
    skills: [service-2, sales]
    staffing: {constant: 3}
  - name: sales_only
    skills: [sales]
    staffing: {constant: 1}
)");
  ASSERT_EQ(s.call_types.size(), 2u);
  EXPECT_EQ(s.call_types[1].name, "service-2");
  ASSERT_EQ(s.agent_groups.size(), 2u);
  EXPECT_EQ(s.agent_groups[0].skills, (std::vector<int>{1, 0}));
  EXPECT_EQ(s.agent_groups[1].skills, std::vector<int>{0});
  EXPECT_EQ(s.agent_groups[1].staffing, std::vector<int>(48, 1));
}

TEST(ScenarioLoaderTest, ReadsEveryDistributionKind) {
  struct Case {
    const char* yaml;
    Distribution::Kind kind;
    double mean;
  };
  const Case cases[] = {
      {"{exponential: {mean: 3m}}", Distribution::Kind::kExponential, 180},
      {"{deterministic: {value: 90s}}", Distribution::Kind::kDeterministic, 90},
      {"{uniform: {min: 1m, max: 3m}}", Distribution::Kind::kUniform, 120},
      {"{lognormal: {mean: 180s, sd: 60s}}", Distribution::Kind::kLognormal,
       180},
      {"{gamma: {mean: 180s, sd: 60s}}", Distribution::Kind::kGamma, 180},
      {"{weibull: {shape: 1.5, mean: 180s}}", Distribution::Kind::kWeibull,
       180},
      {"{erlang: {k: 3, mean: 180s}}", Distribution::Kind::kErlang, 180},
      {"{empirical: {values: [60s, 300s]}}", Distribution::Kind::kEmpirical,
       180},
      {"{empirical: {values: [60s, 300s], weights: [3, 1]}}",
       Distribution::Kind::kEmpirical, 120},
      {"{histogram: {edges: [0s, 60s, 300s], weights: [1, 0]}}",
       Distribution::Kind::kHistogram, 30},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.yaml);
    const Scenario s = Load(Base("{exponential: {mean: 180s}}", c.yaml));
    if (s.call_types.empty()) continue;
    EXPECT_EQ(s.call_types[0].handle_time.kind(), c.kind);
    EXPECT_NEAR(s.call_types[0].handle_time.Mean(), c.mean, 1e-9);
  }
}

TEST(ScenarioLoaderTest, AcceptsWholeNumbersWrittenAsDecimals) {
  const Scenario s = Load(Base("{constant: 14}", "{constant: 14.0}"));
  EXPECT_EQ(s.agent_groups[0].staffing, std::vector<int>(48, 14));
}

// ---------------------------------------------------------------------------
// Errors: one test per class, comparing the exact message.

TEST(ScenarioLoaderErrorTest, UnknownKeySuggestsTheClosestKey) {
  EXPECT_EQ(
      ErrorOf(Base("    patience:", "    patiense:")),
      "test.yaml:7:5: call_types[0].patiense: unknown key 'patiense'; expected "
      "one of: name, arrivals, handle_time, patience, wrap_up, fcr, "
      "return_delay, transfer, redial, callback, follow_up (did you mean "
      "'patience'?)");
}

TEST(ScenarioLoaderErrorTest, UnknownKeyWithoutCloseMatch) {
  EXPECT_EQ(
      ErrorOf(Base("horizon: 1d\n", "horizon: 1d\ncolour: red\n")),
      "test.yaml:3:1: colour: unknown key 'colour'; expected one of: name, "
      "description, horizon, warmup, interval, replications, seed, "
      "service_level, call_types, agents, calendar, trunk_lines, redial, "
      "incidents, ivr, staffing_goal");
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", "{constant: 14, extra: 1}")),
            "test.yaml:11:30: agents[0].staffing.extra: unknown key 'extra'; "
            "expected one of: constant, table");
}

TEST(ScenarioLoaderErrorTest, UnknownDistributionKind) {
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{exponentail: {mean: 180s}}")),
            "test.yaml:6:19: call_types[0].handle_time.exponentail: unknown "
            "key 'exponentail'; expected one of: exponential, deterministic, "
            "uniform, lognormal, gamma, weibull, erlang, empirical, histogram "
            "(did you mean 'exponential'?)");
  EXPECT_EQ(ErrorOf(Base("{mean: 180s}}", "{mean: 180s, sd: 1s}}")),
            "test.yaml:6:45: call_types[0].handle_time.exponential.sd: unknown "
            "key 'sd'; expected one of: mean");
}

TEST(ScenarioLoaderErrorTest, DuplicateKey) {
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nhorizon: 2d\n")),
            "test.yaml:3:1: horizon: duplicate key 'horizon' (first given at "
            "line 2)");
}

TEST(ScenarioLoaderErrorTest, WrongType) {
  EXPECT_EQ(
      ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nservice_level: fast\n")),
      "test.yaml:3:16: service_level: expected a map, got a string 'fast'");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n",
                         "horizon: 1d\nservice_level: {target: [1]}\n")),
            "test.yaml:3:25: service_level.target: expected a number, got a "
            "sequence");
  EXPECT_EQ(ErrorOf("name: a\nhorizon: 1d\ncall_types: general\n"
                    "agents: []\n"),
            "test.yaml:3:13: call_types: expected a sequence of call types, "
            "got a string 'general'");
  EXPECT_EQ(ErrorOf("name: a\nhorizon: 1d\ncall_types:\n  - general\n"
                    "agents: []\n"),
            "test.yaml:4:5: call_types[0]: expected a call type map (name, "
            "arrivals, handle_time, patience), got a string 'general'");
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "100")),
            "test.yaml:5:15: call_types[0].arrivals: expected an arrivals map "
            "such as {per_interval: 100}, got a number 100");
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "{per_interval: {n: 1}}")),
            "test.yaml:5:30: call_types[0].arrivals.per_interval: expected a "
            "number or a sequence of 48 numbers (one per 30m interval of the "
            "day), got a map");
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", "14")),
            "test.yaml:11:15: agents[0].staffing: expected {constant: N} or a "
            "sequence of 48 whole numbers (one per 30m interval of the day), "
            "got a number 14");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}", "180s")),
            "test.yaml:6:18: call_types[0].handle_time: expected a "
            "distribution map such as {exponential: {mean: 180s}}, got a "
            "string '180s'");
  EXPECT_EQ(ErrorOf(Base("{mean: 180s}", "180s")),
            "test.yaml:6:32: call_types[0].handle_time.exponential: expected "
            "a map of exponential parameters such as {mean: 180s}, got a "
            "string '180s'");
  EXPECT_EQ(ErrorOf("just text\n"),
            "test.yaml:1:1: expected a map of scenario keys (name, horizon, "
            "call_types, agents, ...), got a string 'just text'");
}

TEST(ScenarioLoaderErrorTest, QuotedNumberIsAString) {
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", "{constant: \"14\"}")),
            "test.yaml:11:26: agents[0].staffing.constant: expected a whole "
            "number, got a string '14'");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nreplications: true\n")),
            "test.yaml:3:15: replications: expected a whole number, got a "
            "boolean true");
}

TEST(ScenarioLoaderErrorTest, EmptyValue) {
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon:\n")),
            "test.yaml:2:1: horizon: expected a duration with a unit (ms, s, "
            "m, h, d), e.g. 20s, 5m, 1.5h, 2d; got an empty value");
  EXPECT_EQ(ErrorOf(Base("  - name: team\n", "  - name:\n")),
            "test.yaml:9:5: agents[0].name: expected a non-empty name of "
            "letters (of any script), digits, '_' and '-', got an empty value");
}

TEST(ScenarioLoaderErrorTest, MissingRequiredKey) {
  EXPECT_EQ(ErrorOf(Base("    handle_time: {exponential: {mean: 180s}}\n", "")),
            "test.yaml:4:5: call_types[0]: missing required key 'handle_time'");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "")),
            "test.yaml:1:1: missing required key 'horizon'");
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", "{}")),
            "test.yaml:11:15: agents[0].staffing: expected exactly one of the "
            "keys constant, table; got an empty map");
  EXPECT_EQ(ErrorOf(Base("{mean: 180s}}", "{}}")),
            "test.yaml:6:32: call_types[0].handle_time.exponential: missing "
            "required key 'mean'");
}

TEST(ScenarioLoaderErrorTest, ExactlyOneOfSeveralKeys) {
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "{}")),
            "test.yaml:5:15: call_types[0].arrivals: expected exactly one of "
            "the keys per_interval, per_hour, per_day, table, trace; got an "
            "empty map");
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}",
                         "{per_interval: 100, per_hour: 200}")),
            "test.yaml:5:35: call_types[0].arrivals: expected exactly one of "
            "the keys per_interval, per_hour, per_day, table, trace; got both "
            "'per_interval' and 'per_hour'");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{exponential: {mean: 180s}, "
                         "deterministic: {value: 1s}}")),
            "test.yaml:6:46: call_types[0].handle_time: expected exactly one "
            "of the keys exponential, deterministic, uniform, lognormal, "
            "gamma, weibull, erlang, empirical, histogram; got both "
            "'exponential' and 'deterministic'");
}

TEST(ScenarioLoaderErrorTest, NegativeNumber) {
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "{per_interval: -5}")),
            "test.yaml:5:30: call_types[0].arrivals.per_interval: expected a "
            "number that is not negative, got -5");
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", "{constant: -2}")),
            "test.yaml:11:26: agents[0].staffing.constant: expected a whole "
            "number that is not negative, got -2");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nseed: -1\n")),
            "test.yaml:3:7: seed: expected a whole number that is not "
            "negative, got -1");
  EXPECT_EQ(ErrorOf(Base("{mean: 180s}", "{mean: -3s}")),
            "test.yaml:6:39: call_types[0].handle_time.exponential.mean: "
            "expected a duration that is not negative; got '-3s'");
}

TEST(ScenarioLoaderErrorTest, NonFiniteNumber) {
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "{per_hour: .inf}")),
            "test.yaml:5:26: call_types[0].arrivals.per_hour: expected a "
            "finite number, got .inf");
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "{per_day: .nan}")),
            "test.yaml:5:25: call_types[0].arrivals.per_day: expected a "
            "finite number, got .nan");
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "{per_day: 1e999}")),
            "test.yaml:5:25: call_types[0].arrivals.per_day: expected a "
            "finite number, got 1e999");
}

TEST(ScenarioLoaderErrorTest, ProbabilityOutOfRange) {
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n",
                         "horizon: 1d\nservice_level: {target: 1.5}\n")),
            "test.yaml:3:25: service_level.target: expected a probability in "
            "(0, 1], got 1.5");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n",
                         "horizon: 1d\nservice_level: {target: 0}\n")),
            "test.yaml:3:25: service_level.target: expected a probability in "
            "(0, 1], got 0");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n",
                         "horizon: 1d\nservice_level: {target: -0.1}\n")),
            "test.yaml:3:25: service_level.target: expected a probability in "
            "(0, 1], got -0.1");
}

TEST(ScenarioLoaderErrorTest, NotAWholeNumber) {
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", "{constant: 14.5}")),
            "test.yaml:11:26: agents[0].staffing.constant: expected a whole "
            "number, got 14.5");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nreplications: 2.5\n")),
            "test.yaml:3:15: replications: expected a whole number, got 2.5");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{erlang: {k: 1.5, mean: 180s}}")),
            "test.yaml:6:31: call_types[0].handle_time.erlang.k: expected a "
            "whole number, got 1.5");
}

TEST(ScenarioLoaderErrorTest, WholeNumberOutOfRange) {
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nreplications: 0\n")),
            "test.yaml:3:15: replications: expected a whole number of at "
            "least 1, got 0");
  EXPECT_EQ(
      ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nreplications: 100001\n")),
      "test.yaml:3:15: replications: expected a whole number of at most "
      "100000, got 100001");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n",
                         "horizon: 1d\nseed: 18446744073709551616\n")),
            "test.yaml:3:7: seed: expected a whole number of at most "
            "18446744073709551615, got 18446744073709551616");
}

TEST(ScenarioLoaderErrorTest, DurationWithoutUnit) {
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 86400\n")),
            "test.yaml:2:10: horizon: expected a duration with a unit (ms, s, "
            "m, h, d), e.g. 20s, 5m, 1.5h, 2d; got '86400'");
  EXPECT_EQ(ErrorOf(Base("{mean: 180s}", "{mean: 180}")),
            "test.yaml:6:39: call_types[0].handle_time.exponential.mean: "
            "expected a duration with a unit (ms, s, m, h, d), e.g. 20s, 5m, "
            "1.5h, 2d; got '180'");
}

TEST(ScenarioLoaderErrorTest, TimingConstraints) {
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 0s\n")),
            "test.yaml:2:10: horizon: expected a duration greater than 0, got "
            "0s");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\ninterval: 7m\n")),
            "test.yaml:3:11: interval: expected an interval that divides 24h "
            "exactly (e.g. 15m, 30m, 1h), got 7m");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\ninterval: 0s\n")),
            "test.yaml:3:11: interval: expected a duration greater than 0, "
            "got 0s");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\ninterval: 2d\n")),
            "test.yaml:3:11: interval: expected an interval that divides 24h "
            "exactly (e.g. 15m, 30m, 1h), got 2d");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\ninterval: 500ms\n")),
            "test.yaml:3:11: interval: expected an interval of at least 1s, "
            "got 500ms");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nwarmup: 45m\n")),
            "test.yaml:3:9: warmup: expected a whole multiple of the interval "
            "(30m), got 45m");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 25.25h\n")),
            "test.yaml:2:10: horizon: expected a whole multiple of the "
            "interval (30m), got 25.25h");
  // 2084d of 30m intervals = 100,032 intervals, over the 100,000 limit.
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: 2083d\nwarmup: 1d\n")),
            "test.yaml:2:10: horizon: expected warmup + horizon to span at "
            "most 100000 intervals, got 100032 intervals of 30m; use a longer "
            "interval or a shorter horizon");
  EXPECT_TRUE(
      ParseScenario(Base("horizon: 1d\n", "horizon: 2082d\nwarmup: 1d\n"),
                    "test.yaml")
          .ok());
}

TEST(ScenarioLoaderErrorTest, InvalidDistributionParameters) {
  EXPECT_EQ(ErrorOf(Base("{mean: 180s}", "{mean: 0s}")),
            "test.yaml:6:32: call_types[0].handle_time.exponential: mean must "
            "be a positive duration");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{uniform: {min: 3m, max: 1m}}")),
            "test.yaml:6:28: call_types[0].handle_time.uniform: expected 0 <= "
            "min <= max");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 300s}}",
                         "{gamma: {mean: 300s, sd: 0s}}")),
            "test.yaml:7:23: call_types[0].patience.gamma: sd must be a "
            "positive duration");
  EXPECT_EQ(
      ErrorOf(Base("{exponential: {mean: 180s}}",
                   "{histogram: {edges: [0s, 2m, 1m], weights: [1, 1]}}")),
      "test.yaml:6:30: call_types[0].handle_time.histogram: edges must "
      "be ascending");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{empirical: {values: [1m], weights: [0]}}")),
            "test.yaml:6:30: call_types[0].handle_time.empirical: weights must "
            "have a positive sum");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{weibull: {shape: 0, mean: 180s}}")),
            "test.yaml:6:36: call_types[0].handle_time.weibull.shape: expected "
            "a number greater than 0, got 0");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{erlang: {k: 0, mean: 180s}}")),
            "test.yaml:6:31: call_types[0].handle_time.erlang.k: expected a "
            "whole number of at least 1, got 0");
}

TEST(ScenarioLoaderErrorTest, DistributionTablesOfTheWrongLength) {
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{empirical: {values: [1m, 2m], weights: [1]}}")),
            "test.yaml:6:58: call_types[0].handle_time.empirical.weights: "
            "expected 2 entries (one per value), got 1");
  EXPECT_EQ(
      ErrorOf(Base("{exponential: {mean: 180s}}", "{empirical: {values: []}}")),
      "test.yaml:6:39: call_types[0].handle_time.empirical.values: "
      "expected a non-empty sequence of durations, got an empty "
      "sequence");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{histogram: {edges: [0s, 1m], weights: [1, 2]}}")),
            "test.yaml:6:57: call_types[0].handle_time.histogram.weights: "
            "expected 1 entries (one per bin between consecutive edges), got "
            "2");
  EXPECT_EQ(ErrorOf(Base("{exponential: {mean: 180s}}",
                         "{histogram: {edges: [1m], weights: []}}")),
            "test.yaml:6:38: call_types[0].handle_time.histogram.edges: "
            "expected at least 2 entries (the edges of at least one bin), got "
            "1");
}

TEST(ScenarioLoaderErrorTest, UnknownSkill) {
  EXPECT_EQ(ErrorOf(Base("[general]", "[general, genral]")),
            "test.yaml:10:23: agents[0].skills[1]: unknown call type 'genral'; "
            "expected one of: general (did you mean 'general'?)");
  EXPECT_EQ(ErrorOf(Base("[general]", "[billing]")),
            "test.yaml:10:14: agents[0].skills[0]: unknown call type "
            "'billing'; expected one of: general");
  EXPECT_EQ(ErrorOf(Base("[general]", "[general, general]")),
            "test.yaml:10:23: agents[0].skills[1]: duplicate skill 'general' "
            "(already listed at agents[0].skills[0])");
  EXPECT_EQ(ErrorOf(Base("[general]", "[]")),
            "test.yaml:10:13: agents[0].skills: expected a non-empty sequence "
            "of call type names, got an empty sequence");
}

TEST(ScenarioLoaderErrorTest, PerIntervalListOfTheWrongLength) {
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", ListOf(47, "14"))),
            "test.yaml:11:15: agents[0].staffing: expected 48 entries (one per "
            "30m interval of the day), got 47");
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}",
                         "{per_interval: " + ListOf(49, "1") + "}")),
            "test.yaml:5:30: call_types[0].arrivals.per_interval: expected 48 "
            "entries (one per 30m interval of the day), got 49");
  // The entries themselves are checked too, with their index in the path.
  std::string staffing = ListOf(48, "1");
  staffing.replace(staffing.find("1, 1]"), 5, "1, x]");
  EXPECT_EQ(ErrorOf(Base("{constant: 14}", staffing)),
            "test.yaml:11:157: agents[0].staffing[47]: expected a whole "
            "number, got a string 'x'");
}

TEST(ScenarioLoaderErrorTest, DuplicateNames) {
  EXPECT_EQ(ErrorOf(std::string(kBase) + "  - name: team\n"
                                         "    skills: [general]\n"
                                         "    staffing: {constant: 1}\n"),
            "test.yaml:12:11: agents[1].name: duplicate agent group name "
            "'team' (already used by agents[0])");
  EXPECT_EQ(ErrorOf(Base("agents:\n",
                         "  - name: general\n"
                         "    arrivals: {per_day: 1}\n"
                         "    handle_time: {deterministic: {value: 1s}}\n"
                         "agents:\n")),
            "test.yaml:8:11: call_types[1].name: duplicate call type name "
            "'general' (already used by call_types[0])");
}

TEST(ScenarioLoaderErrorTest, BadNames) {
  EXPECT_EQ(
      ErrorOf(Base("- name: general", "- name: gen eral")),
      "test.yaml:4:11: call_types[0].name: expected a non-empty name of "
      "letters (of any script), digits, '_' and '-', got a string 'gen eral'");
  EXPECT_EQ(ErrorOf(Base("name: test\n", "name: ''\n")),
            "test.yaml:1:7: name: expected a non-empty name, got an empty "
            "string");
}

TEST(ScenarioLoaderErrorTest, YamlSyntaxError) {
  EXPECT_EQ(ErrorOf(Base("[general]", "[general")),
            "test.yaml:11:13: YAML syntax error: end of sequence flow not "
            "found");
  EXPECT_EQ(ErrorOf("name: a\n  horizon: 1d\n"),
            "test.yaml:2:10: YAML syntax error: illegal map value");
}

// yaml-cpp 0.7's LoadAll loops for ever, allocating, on a ',' that starts a
// document; the loader reports it instead.
TEST(ScenarioLoaderErrorTest, StrayCommaIsASyntaxErrorNotAHang) {
  EXPECT_EQ(ErrorOf(",\n"), "test.yaml:1:1: YAML syntax error: unexpected ','");
  EXPECT_EQ(ErrorOf(",a: 1\n"),
            "test.yaml:1:1: YAML syntax error: unexpected ','");
  EXPECT_EQ(ErrorOf(std::string(kBase) + "---\n,\n"),
            "test.yaml:13:1: YAML syntax error: unexpected ','");
}

TEST(ScenarioLoaderErrorTest, MoreThanOneDocument) {
  EXPECT_EQ(ErrorOf(std::string(kBase) + "---\nname: other\n"),
            "test.yaml:13:1: expected a single YAML document, got 2 "
            "(separated by '---')");
}

TEST(ScenarioLoaderErrorTest, EmptyFile) {
  const std::string message =
      "test.yaml:1:1: the file is empty; expected a scenario map with at "
      "least name, horizon, call_types and agents";
  EXPECT_EQ(ErrorOf(""), message);
  EXPECT_EQ(ErrorOf("# only a comment\n\n"), message);
  EXPECT_EQ(ErrorOf("---\n"), message);
}

TEST(ScenarioLoaderErrorTest, UnreadableFile) {
  absl::StatusOr<Scenario> s = LoadScenarioFile("/nonexistent/scenario.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(),
            "/nonexistent/scenario.yaml: cannot read file: No such file or "
            "directory");

  s = LoadScenarioFile(CCSIM_SOURCE_DIR);  // a directory
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(), std::string(CCSIM_SOURCE_DIR) +
                                      ": cannot read file: Is a directory");
}

TEST(ScenarioLoaderErrorTest, MessagesAreOneLine) {
  // Scalar text quoted in a message has its line breaks escaped.
  EXPECT_EQ(
      ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nservice_level: \"a\\nb\"\n")),
      "test.yaml:3:16: service_level: expected a map, got a string "
      "'a\\nb'");
  EXPECT_EQ(ErrorOf(Base("horizon: 1d\n", "horizon: |\n  1d\n  2d\n")),
            "test.yaml:2:10: horizon: expected a duration with a unit (ms, s, "
            "m, h, d), e.g. 20s, 5m, 1.5h, 2d; got '1d\\n2d\\n'");
}

}  // namespace
}  // namespace ccsim

namespace ccsim {
namespace {

TEST(ScenarioLoaderErrorTest, CallersWhoWouldWaitForever) {
  const std::string no_patience =
      Base("    patience: {exponential: {mean: 300s}}\n", "");
  std::string unstaffed = no_patience;
  unstaffed.replace(unstaffed.find("{constant: 14}"), 14, "{constant: 0}");
  EXPECT_EQ(ErrorOf(unstaffed),
            "test.yaml:4:11: call_types[0].name: call type 'general' can "
            "never be answered (no agent group with that skill has agents at "
            "any time of day) and its callers have no patience limit, so "
            "they would wait forever");
  // With patience they abandon instead: a legitimate scenario.
  EXPECT_TRUE(
      ParseScenario(Base("{constant: 14}", "{constant: 0}"), "test.yaml").ok());
}

TEST(ScenarioLoaderErrorTest, AbsurdVolume) {
  EXPECT_EQ(ErrorOf(Base("{per_interval: 100}", "{per_hour: 1e7}")),
            "test.yaml:2:10: horizon: the arrival rates give about 2.4e+08 "
            "calls per replication (warm-up included); at most 2e+08 are "
            "supported");
}

TEST(ScenarioLoaderTest, StaffingGoalsAndCosts) {
  const Scenario one = testing::Load(
      Base("horizon: 1d\n",
           "horizon: 1d\nstaffing_goal: {metric: asa_s, at_most: 30}\n"));
  ASSERT_EQ(one.staffing_goals.size(), 1u);
  EXPECT_EQ(one.staffing_goals[0].metric, Metric::kAsa);
  EXPECT_EQ(one.staffing_goals[0].op, GoalOp::kAtMost);
  EXPECT_EQ(one.staffing_goals[0].value, 30);
  EXPECT_EQ(one.staffing_goals[0].period, GoalPeriod::kInterval);
  const Scenario two = testing::Load(
      Base("horizon: 1d\n",
           "horizon: 1d\nstaffing_goal:\n"
           "  - {metric: service_level, at_least: 0.9, per: day}\n"
           "  - {metric: abandon_rate, at_most: 0.05, per: horizon}\n"));
  ASSERT_EQ(two.staffing_goals.size(), 2u);
  EXPECT_EQ(two.staffing_goals[0].period, GoalPeriod::kDay);
  EXPECT_EQ(two.staffing_goals[1].metric, Metric::kAbandonRate);
  EXPECT_EQ(two.staffing_goals[1].period, GoalPeriod::kHorizon);
  EXPECT_TRUE(testing::Load(kBase).staffing_goals.empty());
  const Scenario cost = testing::Load(
      Base("    staffing: {constant: 14}\n",
           "    staffing: {constant: 14}\n    cost_per_hour: 32.5\n"));
  EXPECT_EQ(cost.agent_groups[0].cost_per_hour, 32.5);
  EXPECT_EQ(testing::Load(kBase).agent_groups[0].cost_per_hour, 1);
}

TEST(ScenarioLoaderErrorTest, BadStaffingGoals) {
  auto with = [](std::string_view goal) {
    return ErrorOf(Base("horizon: 1d\n", "horizon: 1d\nstaffing_goal: " +
                                             std::string(goal) + "\n"));
  };
  EXPECT_EQ(with("{metric: service_level, at_least: 1.2}"),
            "test.yaml:3:50: staffing_goal.at_least: service_level is a "
            "share from 0 to 1, found 1.2");
  EXPECT_EQ(with("{metric: aht_s, at_most: 100}"),
            "test.yaml:3:25: staffing_goal.metric: 'aht_s' cannot be a "
            "staffing goal; expected one of service_level, "
            "service_level_answered, answer_rate, abandon_rate, asa_s, "
            "mean_wait_s, p_wait, occupancy");
  EXPECT_EQ(with("{metric: asa_s, at_least: 20}"),
            "test.yaml:3:42: staffing_goal.at_least: more agents lower asa_s; "
            "use asa_s<=VALUE");
  EXPECT_EQ(with("{metric: asa_s, at_most: 20, per: week}"),
            "test.yaml:3:50: staffing_goal.per: expected interval, day or "
            "horizon, got a string 'week'");
  EXPECT_EQ(with("{metric: asa_s}"),
            "test.yaml:3:16: staffing_goal: expected exactly one of the keys "
            "at_least, at_most; got none of them");
  EXPECT_EQ(ErrorOf(Base("    staffing: {constant: 14}\n",
                         "    staffing: {constant: 14}\n"
                         "    cost_per_hour: 0\n")),
            "test.yaml:12:20: agents[0].cost_per_hour: expected a number "
            "greater than 0, got 0");
}

}  // namespace
}  // namespace ccsim
