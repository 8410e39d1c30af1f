// End-to-end tests of `ccsim bench`: the JSON report's keys and plausible
// values, thread counts as asked, the reference set, and usage errors. No
// test asserts on speed or wall time.
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/command.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {
namespace {

using testing::Contains;
using testing::Outcome;
using testing::RunCcsim;
using testing::WriteFile;

// A small M/M/12+M centre for one day: a replication takes milliseconds.
constexpr char kSmall[] =
    "name: small\n"
    "horizon: 1d\n"
    "interval: 30m\n"
    "call_types:\n"
    "  - name: general\n"
    "    arrivals: {per_interval: 100}\n"
    "    handle_time: {exponential: {mean: 180s}}\n"
    "    patience: {exponential: {mean: 300s}}\n"
    "agents:\n"
    "  - name: team\n"
    "    skills: [general]\n"
    "    staffing: {constant: 12}\n";

std::string SmallScenario() {
  const std::string path = ::testing::TempDir() + "ccsim_bench_cli_small.yaml";
  WriteFile(path, kSmall);
  return path;
}

// Every key of one measurement, with plausible values.
void ExpectPlausibleRun(const YAML::Node& run, int threads) {
  EXPECT_EQ(run["threads"].as<int>(), threads);
  EXPECT_GE(run["replications"].as<int>(), 1);
  const double calls = run["calls"].as<double>();
  EXPECT_GT(calls, 0);
  EXPECT_GE(run["events"].as<double>(), calls);
  EXPECT_GT(run["wall_s"].as<double>(), 0);
  EXPECT_GT(run["calls_per_s"].as<double>(), 0);
  EXPECT_GE(run["events_per_s"].as<double>(), run["calls_per_s"].as<double>());
  EXPECT_GT(run["peak_rss_mb"].as<double>(), 0);
  EXPECT_TRUE(run["speedup"].IsDefined());
}

TEST(BenchCliTest, JsonHasEveryKeyPerScenarioAndThreadCount) {
  const std::string path = SmallScenario();
  Outcome o = RunCcsim("bench " + path + " " + path +
                           " --threads 1,2 --seconds 0.2 --format json",
                       "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out;
  const YAML::Node doc = YAML::Load(o.out);
  EXPECT_EQ(doc["ccsim_version"].as<std::string>(), CCSIM_VERSION);
  EXPECT_TRUE(doc["git_describe"].IsDefined());
  EXPECT_GE(doc["machine"]["hardware_concurrency"].as<int>(), 0);
  EXPECT_TRUE(doc["machine"]["cpu_model"].IsDefined());
  EXPECT_EQ(doc["seconds_per_measurement"].as<double>(), 0.2);
  const std::string source = doc["peak_rss_source"].as<std::string>();
  EXPECT_TRUE(source == "VmHWM" || source == "ru_maxrss") << source;
  const YAML::Node scenarios = doc["scenarios"];
  ASSERT_EQ(scenarios.size(), 2u);
  for (const YAML::Node& s : scenarios) {
    EXPECT_EQ(s["name"].as<std::string>(), path);
    ASSERT_EQ(s["runs"].size(), 2u);
    ExpectPlausibleRun(s["runs"][0], 1);
    ExpectPlausibleRun(s["runs"][1], 2);
    EXPECT_EQ(s["runs"][0]["speedup"].as<double>(), 1);
    EXPECT_GT(s["runs"][1]["speedup"].as<double>(), 0);
    // Two threads run at least one replication each.
    EXPECT_GE(s["runs"][1]["replications"].as<int>(), 2);
  }
}

TEST(BenchCliTest, SpeedupIsNullWithoutOneThread) {
  Outcome o =
      RunCcsim("bench " + SmallScenario() + " -t 2 --seconds 0.1 -f json");
  ASSERT_EQ(o.status, 0) << o.out;
  const YAML::Node run = YAML::Load(o.out)["scenarios"][0]["runs"][0];
  ExpectPlausibleRun(run, 2);
  EXPECT_TRUE(run["speedup"].IsNull());
}

TEST(BenchCliTest, TableIsTheDefault) {
  Outcome o =
      RunCcsim("bench " + SmallScenario() + " --threads 1 --seconds 0.1");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, std::string("ccsim ") + CCSIM_VERSION)) << o.out;
  EXPECT_TRUE(Contains(o.out, "machine: ")) << o.out;
  for (const char* column :
       {"scenario", "threads", "reps", "calls", "events", "wall_s", "calls/s",
        "events/s", "peak_MiB", "speedup"}) {
    EXPECT_TRUE(Contains(o.out, column)) << column << "\n" << o.out;
  }
  EXPECT_TRUE(Contains(o.out, "1.00x")) << o.out;
}

// The built-in set, one short measurement each (the full-model demo runs
// one replication of 35 days).
TEST(BenchCliTest, ReferenceSetWithNoScenario) {
  Outcome o =
      RunCcsim("bench --threads 1 --seconds 0.05 --format json", "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out;
  const YAML::Node scenarios = YAML::Load(o.out)["scenarios"];
  ASSERT_EQ(scenarios.size(), 3u);
  EXPECT_EQ(scenarios[0]["name"].as<std::string>(), "mm100m-load1");
  EXPECT_EQ(scenarios[1]["name"].as<std::string>(), "full-model-demo");
  EXPECT_EQ(scenarios[2]["name"].as<std::string>(), "multiskill-65x89");
  for (const YAML::Node& s : scenarios) ExpectPlausibleRun(s["runs"][0], 1);
}

// Each usage error: exit status 2, the message, nothing on standard output.
TEST(BenchCliTest, UsageErrors) {
  const std::string path = SmallScenario();
  const std::pair<std::string, std::string> cases[] = {
      {"--threads 0",
       "ccsim bench: --threads: expected thread counts from 1 to 1024 "
       "separated by commas, e.g. 1,2,4; got 0"},
      {"--threads a,b",
       "ccsim bench: --threads: expected thread counts from 1 to 1024 "
       "separated by commas, e.g. 1,2,4; got 'a'"},
      {"--threads 1,,2", "got ''"},
      {"--threads 1.5", "got 1.5"},
      {"--seconds -1",
       "ccsim bench: --seconds: expected a number of seconds above 0 and at "
       "most 86400, got -1"},
      {"--seconds 0", "got 0"},
      {"--seconds soon", "ccsim bench: "},
      {"--format csv",
       "ccsim bench: --format must be 'table' or 'json', not 'csv'"},
      {"--format xml", "not 'xml'"},
      {"--frobnicate", "frobnicate"},
  };
  for (const auto& [args, message] : cases) {
    Outcome o = RunCcsim("bench " + path + " " + args);
    EXPECT_EQ(o.status, 2) << args << "\n" << o.out;
    EXPECT_TRUE(Contains(o.out, message)) << args << "\n" << o.out;
    EXPECT_EQ(RunCcsim("bench " + path + " " + args, "2>/dev/null").out, "")
        << args;
  }
}

TEST(BenchCliTest, BadScenarioGivesTheLoadersError) {
  const std::string bad = ::testing::TempDir() + "ccsim_bench_cli_bad.yaml";
  WriteFile(bad, "name: x\nhorizon: 1d\nhorizn: 2d\n");
  // The good scenario before it is not measured: every file is loaded first.
  Outcome o = RunCcsim("bench " + SmallScenario() + " " + bad +
                       " --threads 1 --seconds 0.1");
  EXPECT_EQ(o.status, 1) << o.out;
  EXPECT_TRUE(Contains(o.out, bad + ":3:1: horizn: unknown key 'horizn'"))
      << o.out;
  EXPECT_EQ(RunCcsim("bench " + bad + " --seconds 0.1", "2>/dev/null").out, "");
  Outcome missing = RunCcsim("bench no-such-file.yaml --seconds 0.1");
  EXPECT_EQ(missing.status, 1) << missing.out;
  EXPECT_TRUE(Contains(missing.out, "no-such-file.yaml")) << missing.out;
}

TEST(BenchCliTest, Help) {
  Outcome o = RunCcsim("bench --help");
  EXPECT_EQ(o.status, 0);
  EXPECT_TRUE(Contains(o.out, "usage: ccsim bench [SCENARIO...]")) << o.out;
  Outcome top = RunCcsim("--help");
  EXPECT_TRUE(Contains(top.out, "  bench ")) << top.out;
}

}  // namespace
}  // namespace ccsim
