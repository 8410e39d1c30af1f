// Hostile input to the scenario reader: each test is named after a case
// that used to hang, exhaust memory or print unreadable messages.
#include <filesystem>
#include <string>

#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"
#include "sim/scenario/yaml_value.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using testing::Outcome;
using testing::RunCcsim;
using testing::WriteFile;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "ccsim_hostile_" + name;
}

TEST(HostileInputTest, ValidateDevZeroIsRefusedAtOnce) {
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    Outcome o = RunCcsim(std::string("validate ") + device);
    EXPECT_EQ(o.status, 1) << device;
    EXPECT_EQ(o.out, std::string(device) +
                         ": cannot read file: not a regular file (a device "
                         "or socket)\n");
  }
}

TEST(HostileInputTest, ExtendsDevZeroIsRefusedAtOnce) {
  const std::string path = TempPath("extends_zero.yaml");
  WriteFile(path, "extends: /dev/zero\n");
  Outcome o = RunCcsim("validate " + path);
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, path +
                       ":1:10: extends: cannot read the base scenario: "
                       "/dev/zero: cannot read file: not a regular file (a "
                       "device or socket)\n");
}

TEST(HostileInputTest, AFileOverTheSizeLimitIsRefusedWithoutReadingItAll) {
  const std::string path = TempPath("huge.yaml");
  {
    std::string chunk(1 << 20, '#');
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    for (int i = 0; i < 65; ++i) std::fwrite(chunk.data(), 1, chunk.size(), f);
    std::fclose(f);
  }
  absl::StatusOr<std::string> text = scenario_internal::ReadText(path);
  std::filesystem::remove(path);
  EXPECT_EQ(text.status().message(),
            path +
                ": cannot read file: larger than 64 MiB, the most a "
                "scenario or sweep file may be");
}

TEST(HostileInputTest, AScenarioFromAPipeIsStillRead) {
  Outcome o = testing::RunShell(std::string("cat '") + CCSIM_SOURCE_DIR +
                                "/scenarios/erlang-a.yaml' | '" + CCSIM_BINARY +
                                "' validate /dev/stdin 2>&1");
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(o.out, "ok\n");
}

// A 20,000-character skill name that matches no call type of 20,000
// characters: "did you mean" used to fill a 20,000 x 20,000 matrix (1.6 GB).
TEST(HostileInputTest, DidYouMeanOnHugeNamesIsCheapAndShortened) {
  const std::string a(20000, 'a');
  const std::string b = std::string(19999, 'a') + "b";
  const std::string path = TempPath("long_names.yaml");
  WriteFile(path, "name: long\nhorizon: 1d\ncall_types:\n  - name: " + a +
                      "\n    arrivals: {per_interval: 10}\n"
                      "    handle_time: {exponential: {mean: 180s}}\n"
                      "agents:\n  - name: team\n    skills: [" +
                      b + "]\n    staffing: {constant: 3}\n");
  Outcome o = RunCcsim("validate " + path);
  EXPECT_EQ(o.status, 1);
  const std::string shown = std::string(40, 'a') + "...";
  EXPECT_EQ(o.out, path + ":9:14: agents[0].skills[0]: unknown call type '" +
                       shown + "'; expected one of: " + shown + "\n");
}

TEST(HostileInputTest, EditDistanceKeepsItsValues) {
  using scenario_internal::EditDistance;
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("patiense", "patience"), 1);
  EXPECT_EQ(EditDistance("ab", "ba"), 1);  // a swap of neighbours
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("skils", "skills"), 1);
  EXPECT_EQ(EditDistance("ca", "abc"), 3);  // OSA, not Damerau: 3, not 2
}

// The docs allow 16 levels of extends: a chain of exactly 16 `extends:`
// files loads, 17 are refused.
TEST(HostileInputTest, AChainOfSixteenExtendsLoadsAndSeventeenDoNot) {
  const std::string dir = ::testing::TempDir() + "ccsim_extends_chain/";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(
      std::string(CCSIM_SOURCE_DIR) + "/scenarios/erlang-a.yaml",
      dir + "base.yaml", std::filesystem::copy_options::overwrite_existing);
  // f0 extends f1 ... f15 extends base: 16 files with extends.
  for (int i = 0; i < 16; ++i) {
    WriteFile(dir + "f" + std::to_string(i) + ".yaml",
              i == 15 ? "extends: base.yaml\n"
                      : "extends: f" + std::to_string(i + 1) + ".yaml\n");
  }
  WriteFile(dir + "g.yaml", "extends: f0.yaml\n");
  Outcome sixteen = RunCcsim("validate " + dir + "f0.yaml");
  EXPECT_EQ(sixteen.status, 0) << sixteen.out;
  Outcome seventeen = RunCcsim("validate " + dir + "g.yaml");
  EXPECT_EQ(seventeen.status, 1);
  EXPECT_EQ(seventeen.out,
            dir +
                "f15.yaml:1:10: extends: more than 16 files extend one "
                "another\n");
}

TEST(HostileInputTest, CommandLineNumbersAreCheckedAsInAFile) {
  Outcome seed = RunCcsim("run scenarios/erlang-a.yaml --seed -1");
  EXPECT_EQ(seed.status, 2);
  EXPECT_EQ(seed.out,
            "ccsim run: --seed: expected a whole number that is not "
            "negative, got -1\n");
  Outcome big = RunCcsim(
      "compare scenarios/erlang-a.yaml "
      "scenarios/erlang-a.yaml --seed 18446744073709551616");
  EXPECT_EQ(big.status, 2);
  EXPECT_EQ(big.out,
            "ccsim compare: --seed: expected a whole number of at most "
            "18446744073709551615, got 18446744073709551616\n");
  Outcome reps =
      RunCcsim("run scenarios/erlang-a.yaml --replications 2000000000");
  EXPECT_EQ(reps.status, 2);
  EXPECT_EQ(reps.out,
            "ccsim run: --replications: expected a whole number of at most "
            "100000, got 2000000000\n");
  Outcome few = RunCcsim("staff scenarios/erlang-a.yaml --replications 1");
  EXPECT_EQ(few.status, 2);
  EXPECT_EQ(few.out,
            "ccsim staff: --replications: expected a whole number of at "
            "least 2, got 1\n");
}

TEST(HostileInputTest, AFullStandardOutputIsAFailure) {
  for (const char* args :
       {"validate --resolved scenarios/erlang-a.yaml",
        "erlang --calls 100 --interval 30m --aht 180s --agents 14", "--help",
        "run scenarios/erlang-a.yaml -r 2 -q"}) {
    // Standard error to the test, standard output to the full device.
    Outcome o = RunCcsim(args, "2>&1 >/dev/full");
    EXPECT_EQ(o.status, 1) << args;
    EXPECT_NE(o.out.find("standard output"), std::string::npos) << o.out;
  }
}

// The README promises that on any error nothing is written: a report next
// to an output that cannot be written used to be left behind.
TEST(HostileInputTest, RunWithAReportAndAFullOutputWritesNeither) {
  const std::string report = TempPath("full_output_report.html");
  std::filesystem::remove(report);
  Outcome o = RunCcsim("run scenarios/erlang-a.yaml -r 2 -q --report " +
                       report + " --output /dev/full");
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out,
            "ccsim run: /dev/full: cannot write: No space left on device\n");
  EXPECT_FALSE(std::filesystem::exists(report));
  // No temporary file is left beside it either.
  for (const auto& e :
       std::filesystem::directory_iterator(::testing::TempDir())) {
    EXPECT_EQ(e.path().string().find(report + ".tmp"), std::string::npos);
  }
}

TEST(HostileInputTest, AnOutputWrittenOverKeepsItsPermissions) {
  const std::string out = TempPath("mode.json");
  WriteFile(out, "old");
  std::filesystem::permissions(out, std::filesystem::perms(0640));
  Outcome o = RunCcsim("run scenarios/erlang-a.yaml -r 2 -q -f json -o " + out);
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(std::filesystem::status(out).permissions(),
            std::filesystem::perms(0640));
  EXPECT_NE(testing::ReadFile(out), "old");
}

// --agents 2000000000 used to compute for 20 s; --calls 1e308 printed a
// load of 309 digits.
TEST(HostileInputTest, ErlangRefusesAbsurdSizesAtOnce) {
  Outcome agents = RunCcsim(
      "erlang --calls 100 --interval 30m --aht 180s --agents 2000000000");
  EXPECT_EQ(agents.status, 2);
  EXPECT_EQ(agents.out,
            "ccsim erlang: --agents must be at most 100000, not 2000000000\n");
  Outcome calls =
      RunCcsim("erlang --calls 1e308 --interval 30m --aht 180s --agents 14");
  EXPECT_EQ(calls.status, 2);
  EXPECT_EQ(calls.out,
            "ccsim erlang: an offered load of 1e+307 erlangs (--calls x "
            "--aht / --interval) is more than ccsim erlang computes; at most "
            "100000\n");
}

// Nesting deeper than yaml-cpp allows used to read "YAML syntax error: bad
// file"; control bytes in a key were copied raw into the message.
TEST(HostileInputTest, DeepNestingAndBinaryKeysAreSaidInWords) {
  const std::string deep = TempPath("deep.yaml");
  WriteFile(deep, "name: x\nhorizon: " + std::string(5000, '[') +
                      std::string(5000, ']') + "\n");
  Outcome o = RunCcsim("validate " + deep);
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.out, deep +
                       ":2:10010: YAML syntax error: lists or maps nested "
                       "deeper than the reader allows (2000 levels)\n");
  const std::string garbage = TempPath("garbage.yaml");
  WriteFile(garbage, "name: x\n\x01\x02: 3\n");
  Outcome g = RunCcsim("validate " + garbage);
  EXPECT_EQ(g.status, 1);
  EXPECT_EQ(g.out.rfind(garbage + ":2:1: \\x01\\x02: unknown key "
                                  "'\\x01\\x02'; expected one of: name,",
                        0),
            0u)
      << g.out;
  for (char c : g.out) {
    EXPECT_TRUE(c == '\n' || static_cast<unsigned char>(c) >= 0x20) << g.out;
  }
}

// A scenario name in Latin-1 (or any bytes that are not UTF-8) used to load,
// and `validate --resolved` then wrote U+FFFD in its place: the YAML it
// printed named another scenario (found by tests/fuzz/scenario_fuzz.cc).
TEST(HostileInputTest, ANameThatIsNotUtf8IsRefused) {
  const std::string rest =
      "\nhorizon: 1d\ncall_types:\n"
      "  - {name: a, arrivals: {per_interval: 10}, handle_time: "
      "{exponential: {mean: 180s}}}\n"
      "agents:\n  - {name: team, skills: [a], staffing: {constant: 3}}\n";
  absl::StatusOr<Scenario> latin1 =
      ParseScenario("name: Caf\xe9 hotline" + rest, "latin1.yaml");
  ASSERT_FALSE(latin1.ok());
  EXPECT_EQ(std::string(latin1.status().message()),
            "latin1.yaml:1:7: name: expected text in UTF-8, got 'Caf\xe9 "
            "hotline'");
  absl::StatusOr<Scenario> utf8 =
      ParseScenario("name: St\xc3\xb6rung hotline, 2026" + rest, "utf8.yaml");
  ASSERT_TRUE(utf8.ok()) << utf8.status();
  EXPECT_EQ(utf8->name, "St\xc3\xb6rung hotline, 2026");
}

// Many call types and groups over years of short intervals: the size of
// the per-interval results is estimated at load, refused past 16 GiB and
// warned about past 2 GiB (a run of the 40-type case below measured
// 1.0 GB on one thread, where the estimate says 1.2).
std::string ManyTypes(int types, int groups, const std::string& interval) {
  std::string s = "name: big-results\nhorizon: 1041d\ninterval: " + interval +
                  "\ncall_types:\n";
  for (int i = 0; i < types; ++i) {
    s += "  - {name: t" + std::to_string(i) +
         ", arrivals: {per_day: 1}, handle_time: {exponential: {mean: 60s}}, "
         "patience: {exponential: {mean: 60s}}}\n";
  }
  s += "agents:\n";
  for (int g = 0; g < groups; ++g) {
    s += "  - {name: g" + std::to_string(g) + ", skills: [t" +
         std::to_string(g % types) + "], staffing: {constant: 1}}\n";
  }
  return s;
}

// The estimate (EstimatedResultBytes) per interval: types x 632 bytes of
// counters (376 of sums and a 256-byte wait histogram) + groups x 72 bytes
// of agent time + scopes (the total, and each group when several) x 66
// metrics x 56 bytes. 100 types and 100 groups: (63,200 + 7,200 + 101 x
// 3,696) x 99,936 = 41.3 GiB; 90 types and one group: (56,880 + 72 +
// 3,696) x 99,936 = 5.6 GiB; 25 types: 1.8 GiB, below the warning.
TEST(HostileInputTest, PerIntervalResultSizeIsCappedAtLoad) {
  absl::StatusOr<Scenario> huge =
      ParseScenario(ManyTypes(100, 100, "15m"), "huge.yaml");
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(std::string(huge.status().message())
                .find("huge.yaml:2:10: horizon: the per-interval results need "
                      "about 41.3 GiB (99936 intervals of 15m x (100 call "
                      "types, 100 agent groups)); a longer interval"),
            std::string::npos)
      << huge.status();
  EXPECT_NE(std::string(huge.status().message()).find("at most 16 GiB"),
            std::string::npos);
  absl::StatusOr<Scenario> big =
      ParseScenario(ManyTypes(90, 1, "15m"), "big.yaml");
  ASSERT_TRUE(big.ok()) << big.status();
  const std::vector<std::string> warnings = ScenarioWarnings(*big);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("the per-interval results need about 5.6 GiB "
                             "(99936 intervals of 15m x "
                             "(90 call types, 1 agent group))"),
            std::string::npos)
      << warnings[0];
  absl::StatusOr<Scenario> fine =
      ParseScenario(ManyTypes(25, 1, "15m"), "fine.yaml");
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(ScenarioWarnings(*fine).empty());
  EXPECT_GT(EstimatedResultBytes(*fine), uint64_t{1} << 30);
}

// Merging a variant over its base is linear in the files' sizes: 20,000
// small maps merge (minutes before, when every merged level copied the
// base document's yaml-cpp memory), and a chain of anchors that doubles the
// entries at every link is refused once a million entries are reached,
// with the file, line and column.
TEST(HostileInputTest, VariantMergingIsLinearAndAliasesAreBounded) {
  const std::string base =
      std::string(CCSIM_SOURCE_DIR) + "/scenarios/erlang-a.yaml";
  std::string many = "extends: " + base + "\ndescription:\n";
  for (int i = 0; i < 20000; ++i) {
    many += "  k" + std::to_string(i) + ": {a: 1, b: 2}\n";
  }
  const std::string many_path = ::testing::TempDir() + "ccsim_many_maps.yaml";
  WriteFile(many_path, many);
  absl::StatusOr<Scenario> merged = LoadScenarioFile(many_path);
  ASSERT_FALSE(merged.ok());
  // Merged all the way: the error is the reader's, about the merged value.
  EXPECT_NE(std::string(merged.status().message())
                .find("description: expected a string, got a map"),
            std::string::npos)
      << merged.status();

  std::string chain =
      "extends: " + base + "\ndescription:\n  a0: &a0 {x: 1, y: 2}\n";
  for (int i = 1; i < 24; ++i) {
    chain += "  a" + std::to_string(i) + ": &a" + std::to_string(i) +
             " {x: *a" + std::to_string(i - 1) + ", y: *a" +
             std::to_string(i - 1) + "}\n";
  }
  const std::string chain_path =
      ::testing::TempDir() + "ccsim_alias_chain.yaml";
  WriteFile(chain_path, chain);
  absl::StatusOr<Scenario> bomb = LoadScenarioFile(chain_path);
  ASSERT_FALSE(bomb.ok());
  EXPECT_NE(std::string(bomb.status().message())
                .find(chain_path + ":4:7: description.a"),
            std::string::npos)
      << bomb.status();
  EXPECT_NE(std::string(bomb.status().message())
                .find("expected at most 1000000 map entries once YAML aliases "
                      "are expanded"),
            std::string::npos)
      << bomb.status();
}

}  // namespace
}  // namespace ccsim
