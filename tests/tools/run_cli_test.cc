// End-to-end tests of `ccsim run`, `ccsim validate` and the top level.
#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

using testing::Contains;
using testing::Outcome;
using testing::ReadFile;
using testing::RunCcsim;
using testing::RunShell;
using testing::WriteFile;

constexpr const char* kDefault = "scenarios/erlang-a.yaml";

// A path of the test's own (named after the test), so that tests run in
// parallel by ctest never write the same file.
std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "ccsim_run_cli_" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
         name;
}

TEST(RunCliTest, VersionAndHelp) {
  Outcome v = RunCcsim("--version");
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out, std::string("ccsim ") + CCSIM_VERSION + "\n");
  Outcome h = RunCcsim("--help");
  EXPECT_EQ(h.status, 0);
  EXPECT_TRUE(Contains(h.out, "run ")) << h.out;
  EXPECT_TRUE(Contains(h.out, "validate ")) << h.out;
  EXPECT_TRUE(Contains(h.out, "erlang ")) << h.out;
  for (const char* cmd : {"run", "validate", "erlang"}) {
    Outcome c = RunCcsim(std::string(cmd) + " --help");
    EXPECT_EQ(c.status, 0) << cmd;
    EXPECT_TRUE(Contains(c.out, std::string("usage: ccsim ") + cmd)) << c.out;
  }
  Outcome bad = RunCcsim("frobnicate");
  EXPECT_EQ(bad.status, 2);
  EXPECT_TRUE(Contains(bad.out, "ccsim: unknown command 'frobnicate'"));
}

TEST(RunCliTest, JsonHasTheContractedShape) {
  Outcome o = RunCcsim(
      std::string("run ") + kDefault + " --replications 2 --format json",
      "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out;
  for (const char* key : {"\"scenario\": ",
                          "\"seed\": 1",
                          "\"replications\": 2",
                          "\"metrics\": {\"offered\": {\"mean\": ",
                          "\"intervals\": [",
                          "{\"day\": 1, \"date\": \"2024-01-01\", "
                          "\"start\": \"00:00\", \"metrics\": {",
                          "\"service_level_target\": 0.8, ",
                          "\"call_types\": {",
                          "\"general\": {\"metrics\": {",
                          "\"agent_groups\": {",
                          "\"answer_rate\"",
                          "\"abandon_rate\"",
                          "\"service_level\"",
                          "\"service_level_answered\"",
                          "\"service_level_excl_short\"",
                          "\"asa_s\"",
                          "\"mean_wait_s\"",
                          "\"p_wait\"",
                          "\"occupancy\"",
                          "\"aht_s\"",
                          "\"ci95\": "}) {
    EXPECT_TRUE(Contains(o.out, key)) << key;
  }
}

TEST(RunCliTest, SameBytesForOneAndTwoThreads) {
  const std::string args = std::string("run ") + kDefault +
                           " --replications 4 --format json --threads ";
  Outcome one = RunCcsim(args + "1", "2>/dev/null");
  Outcome two = RunCcsim(args + "2", "2>/dev/null");
  ASSERT_EQ(one.status, 0);
  ASSERT_EQ(two.status, 0);
  EXPECT_EQ(one.out, two.out);
  Outcome other = RunCcsim(args + "2 --seed 7", "2>/dev/null");
  EXPECT_NE(one.out, other.out);
}

TEST(RunCliTest, OutputFileEqualsStandardOutput) {
  const std::string path = TempPath("out.csv");
  std::filesystem::remove(path);
  const std::string args =
      std::string("run ") + kDefault + " --replications 2 --format csv";
  Outcome to_stdout = RunCcsim(args, "2>/dev/null");
  Outcome to_file = RunCcsim(args + " --output " + path);
  ASSERT_EQ(to_file.status, 0) << to_file.out;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(ReadFile(path), to_stdout.out);
  EXPECT_EQ(
      to_stdout.out.rfind("scope,name,day,start,metric,mean,ci95,n,date\n", 0),
      0u);
  EXPECT_TRUE(Contains(to_stdout.out, "\ntotal,,,,answer_rate,"));
}

TEST(RunCliTest, TableListsEveryMetric) {
  Outcome o = RunCcsim(std::string("run ") + kDefault + " --replications 2",
                       "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out;
  for (const char* m :
       {"offered", "answered", "abandoned", "answer_rate",
        "service_level_excl_short", "asa_s", "occupancy", "±95% CI"}) {
    EXPECT_TRUE(Contains(o.out, m)) << m;
  }
}

TEST(RunCliTest, MetricsSelectsWhatIsReported) {
  Outcome o = RunCcsim(std::string("run ") + kDefault +
                           " --replications 2 --format csv"
                           " --metrics service_level,occupancy",
                       "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out;
  std::istringstream lines(o.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "scope,name,day,start,metric,mean,ci95,n,date");
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    EXPECT_TRUE(Contains(line, ",service_level,") ||
                Contains(line, ",occupancy,"))
        << line;
  }
  EXPECT_GT(rows, 0);
  EXPECT_FALSE(Contains(o.out, "call_flow")) << o.out.substr(0, 500);

  // The call flow comes with `calls`.
  Outcome flow = RunCcsim(std::string("run ") + kDefault +
                              " --replications 2 --format json --metrics calls",
                          "2>/dev/null");
  ASSERT_EQ(flow.status, 0);
  EXPECT_TRUE(Contains(flow.out, "\"metrics\": {\"calls\": {\"mean\": "));
  EXPECT_TRUE(Contains(flow.out, "\n\"call_flow\": {\"per\": 100, "));
  Outcome table = RunCcsim(std::string("run ") + kDefault +
                               " --replications 2 --metrics calls,offered",
                           "2>/dev/null");
  EXPECT_TRUE(Contains(table.out, "call flow (per 100 calls)")) << table.out;
  EXPECT_TRUE(Contains(table.out, "    answered within 20s")) << table.out;
  // A metric that no agent group has: no group headers without rows.
  Outcome rate =
      RunCcsim("run scenarios/water-utility.yaml -r 1 --metrics answer_rate",
               "2>/dev/null");
  ASSERT_EQ(rate.status, 0) << rate.out;
  EXPECT_TRUE(Contains(rate.out, "call type fault\n")) << rate.out;
  EXPECT_FALSE(Contains(rate.out, "agent group")) << rate.out;

  Outcome typo =
      RunCcsim(std::string("run ") + kDefault + " --metrics offered,ocupancy");
  EXPECT_EQ(typo.status, 2);
  EXPECT_TRUE(Contains(typo.out,
                       "ccsim run: --metrics: unknown metric 'ocupancy'; "
                       "expected one of: offered, answered, "))
      << typo.out;
  EXPECT_TRUE(Contains(typo.out, "(did you mean 'occupancy'?)")) << typo.out;
  EXPECT_EQ(RunCcsim(std::string("run ") + kDefault + " --metrics ''").status,
            2);
  EXPECT_TRUE(Contains(RunCcsim("run --help").out, "--metrics"));
}

// --scopes, --per-replication and --legacy-shape.
TEST(RunCliTest, ScopesPerReplicationAndLegacyShape) {
  const std::string run = std::string("run ") + kDefault + " -r 2 -q ";
  Outcome csv =
      RunCcsim(run + "-f csv --scopes total --per-replication", "2>/dev/null");
  ASSERT_EQ(csv.status, 0) << csv.out;
  EXPECT_FALSE(Contains(csv.out, "\ninterval,")) << csv.out.substr(0, 500);
  EXPECT_FALSE(Contains(csv.out, "\ncall_type,"));
  EXPECT_FALSE(Contains(csv.out, "\ncall_flow,"));
  EXPECT_TRUE(Contains(csv.out, "\nreplication,1,,,offered,"));
  EXPECT_TRUE(Contains(csv.out, "\nreplication,2,,,offered,"));
  EXPECT_FALSE(Contains(csv.out, "\nreplication,3,"));
  // Header, the totals and their values in each of the 2 replications.
  const int totals =
      static_cast<int>(std::count(csv.out.begin(), csv.out.end(), '\n')) - 1;
  EXPECT_EQ(totals % 3, 0) << csv.out;

  Outcome json = RunCcsim(run + "-f json --scopes call_type --per-replication",
                          "2>/dev/null");
  ASSERT_EQ(json.status, 0) << json.out;
  EXPECT_FALSE(Contains(json.out, "\"intervals\""));
  EXPECT_TRUE(Contains(json.out, "\n\"call_types\": {\n\"general\": "));
  EXPECT_TRUE(Contains(json.out,
                       "\"per_replication\": [\n{\"replication\": "
                       "1, \"call_types\": {\"general\": {"))
      << json.out.substr(json.out.size() - 300);

  Outcome old = RunCcsim(run + "-f csv --legacy-shape", "2>/dev/null");
  ASSERT_EQ(old.status, 0);
  EXPECT_EQ(old.out.substr(0, old.out.find('\n')),
            "scope,name,day,start,metric,mean,ci95");

  Outcome typo = RunCcsim(run + "--scopes total,intervals");
  EXPECT_EQ(typo.status, 2);
  EXPECT_TRUE(Contains(typo.out,
                       "ccsim run: --scopes: unknown scope 'intervals'; "
                       "expected one of: total, call_flow, interval, "
                       "call_type, agent_group (did you mean 'interval'?)"))
      << typo.out;
  Outcome table = RunCcsim(run + "--per-replication");
  EXPECT_EQ(table.status, 2);
  EXPECT_TRUE(Contains(
      table.out, "ccsim run: --per-replication needs --format json or csv"))
      << table.out;
}

// The output is never written over the input, a link to a file stays a
// link (its file is replaced), and what is not a regular file (a device,
// /dev/stdout) is written to in place, not replaced by a file.
TEST(RunCliTest, OutputNeverReplacesTheInputALinkOrADevice) {
  const std::string dir = TempPath("outputs");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string scenario = dir + "/s.yaml";
  WriteFile(scenario, ReadFile(std::string(CCSIM_SOURCE_DIR) + "/" + kDefault));
  const std::string run = "run " + scenario + " -r 2 -f csv";

  Outcome onto_input = RunCcsim(run + " -o " + scenario);
  EXPECT_EQ(onto_input.status, 2);
  EXPECT_EQ(onto_input.out, "ccsim run: " + scenario +
                                ": cannot write: it "
                                "is the input " +
                                scenario + "; choose another output file\n");
  EXPECT_EQ(ReadFile(scenario),
            ReadFile(std::string(CCSIM_SOURCE_DIR) + "/" + kDefault));
  Outcome report_onto_input = RunCcsim(run + " --report " + scenario);
  EXPECT_EQ(report_onto_input.status, 2) << report_onto_input.out;
  Outcome onto_folder = RunCcsim(run + " -o " + dir);
  EXPECT_EQ(onto_folder.status, 2);
  EXPECT_TRUE(Contains(onto_folder.out, "it is a folder")) << onto_folder.out;

  const std::string expected = RunCcsim(run, "2>/dev/null").out;
  ASSERT_FALSE(expected.empty());
  std::filesystem::create_symlink("results.csv", dir + "/link.csv");
  Outcome via_link = RunCcsim(run + " -o " + dir + "/link.csv");
  ASSERT_EQ(via_link.status, 0) << via_link.out;
  EXPECT_TRUE(std::filesystem::is_symlink(dir + "/link.csv"));
  EXPECT_EQ(ReadFile(dir + "/results.csv"), expected);

  // A named pipe stands for devices (it is safe to test with: a broken
  // version replaces the pipe in the scratch folder, not /dev/null).
  const std::string fifo = dir + "/pipe";
  ASSERT_EQ(RunShell("mkfifo '" + fifo + "'").status, 0);
  Outcome to_pipe = RunShell("timeout 30 cat '" + fifo + "' > '" + dir +
                             "/from-pipe' & '" + CCSIM_BINARY + "' " + run +
                             " -o '" + fifo + "'; s=$?; wait $!; exit $s");
  ASSERT_EQ(to_pipe.status, 0) << to_pipe.out;
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_EQ(ReadFile(dir + "/from-pipe"), expected);
  std::filesystem::remove_all(dir);
}

TEST(RunCliTest, BadScenarioFailsAndWritesNoFile) {
  const std::string scenario = TempPath("bad.yaml");
  WriteFile(scenario, "name: x\nhorizon: 1d\nhorizn: 2d\n");
  const std::string out = TempPath("bad.json");
  std::filesystem::remove(out);
  Outcome o = RunCcsim("run " + scenario + " --format json --output " + out);
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(Contains(o.out, scenario + ":3:1: horizn: unknown key 'horizn'"))
      << o.out;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(RunCliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(RunCcsim("run").status, 2);
  Outcome f = RunCcsim(std::string("run ") + kDefault + " --format xml");
  EXPECT_EQ(f.status, 2);
  EXPECT_TRUE(Contains(
      f.out,
      "ccsim run: unknown format 'xml'; expected one of: table, json, csv"))
      << f.out;
  Outcome r = RunCcsim(std::string("run ") + kDefault + " --replications 0");
  EXPECT_EQ(r.status, 2);
  Outcome u = RunCcsim(std::string("run ") + kDefault + " --frobnicate");
  EXPECT_EQ(u.status, 2);
  EXPECT_TRUE(Contains(u.out, "frobnicate")) << u.out;
}

TEST(RunCliTest, MissingFileIsAClearError) {
  Outcome o = RunCcsim("run no/such/file.yaml");
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(Contains(o.out, "no/such/file.yaml")) << o.out;
}

TEST(RunCliTest, ValidateSaysOkOrTheError) {
  Outcome ok = RunCcsim(std::string("validate ") + kDefault);
  EXPECT_EQ(ok.status, 0);
  EXPECT_EQ(ok.out, "ok\n");
  const std::string scenario = TempPath("invalid.yaml");
  WriteFile(scenario, "name: x\nhorizon: 1d\nhorizn: 2d\n");
  Outcome bad = RunCcsim("validate " + scenario);
  EXPECT_EQ(bad.status, 1);
  EXPECT_TRUE(Contains(bad.out, scenario + ":3:1: horizn: unknown key"))
      << bad.out;
}

// Five call types whose callers come back later than the warm-up ends give
// one warning that names the first three, with every duration in one
// style (days, hours, minutes, seconds: "1d18h", "22h30m", never "1350m").
TEST(RunCliTest, ValidateGroupsRepeatedWarningsInOneDurationStyle) {
  std::string yaml =
      "name: late-returns\nhorizon: 2d\nwarmup: 12h\ninterval: 30m\n"
      "call_types:\n";
  const char* delays[] = {"42h", "1350m", "2d", "90000s", "3d"};
  std::string skills;
  for (int t = 0; t < 5; ++t) {
    yaml += fmt::format(
        "  - name: t{}\n    arrivals: {{per_interval: 2}}\n"
        "    handle_time: {{exponential: {{mean: 180s}}}}\n"
        "    patience: {{exponential: {{mean: 300s}}}}\n    fcr: 0.9\n"
        "    return_delay: {{deterministic: {{value: {}}}}}\n",
        t, delays[t]);
    skills += fmt::format("{}t{}", t == 0 ? "" : ", ", t);
  }
  yaml += "agents:\n  - name: team\n    skills: [" + skills +
          "]\n    staffing: {constant: 3}\n";
  const std::string scenario = TempPath("late-returns.yaml");
  WriteFile(scenario, yaml);
  Outcome o = RunCcsim("validate " + scenario);
  EXPECT_EQ(o.status, 0) << o.out;
  EXPECT_EQ(o.out, "ccsim validate: warning: " + scenario +
                       ": call types 't0' (1d18h), 't1' (22h30m), 't2' "
                       "(2d) and 2 more: the mean return delay is longer "
                       "than the warm-up (12h), so repeat calls are still "
                       "building up when the results start; a warm-up of a "
                       "few times the mean delay removes the bias\nok\n");
}

TEST(RunCliTest, CallAndAgentLogsAreWrittenWhole) {
  const std::string calls = TempPath("calls.csv"), agents = TempPath("ag.csv");
  std::filesystem::remove(calls);
  std::filesystem::remove(agents);
  Outcome o = RunCcsim(std::string("run ") + kDefault +
                       " -r 2 -q -o /dev/null --call-log " + calls +
                       " --agent-log " + agents + " --call-log-replication 2");
  ASSERT_EQ(o.status, 0) << o.out;
  std::istringstream c(ReadFile(calls));
  std::string header, row;
  std::getline(c, header);
  EXPECT_EQ(header,
            "replication,caller,attempt,cause,call_type,arrival,ivr_outcome,"
            "ivr_exit,queue,queued,answered,abandoned,group,agent,talk_end,"
            "wrap_end,legs,left,outcome,resolved");
  int rows = 0;
  while (std::getline(c, row)) {
    ++rows;
    EXPECT_EQ(row.substr(0, 2), "2,") << row;
  }
  EXPECT_GT(rows, 1000);
  std::istringstream a(ReadFile(agents));
  std::getline(a, header);
  EXPECT_EQ(header, "replication,time,group,agent,state");
  std::getline(a, row);
  EXPECT_TRUE(Contains(row, ",team,team/1,login")) << row;
  // No temporary file is left beside them.
  for (const auto& e : std::filesystem::directory_iterator(
           std::filesystem::path(calls).parent_path())) {
    EXPECT_FALSE(Contains(e.path().string(), "calls.csv.tmp")) << e.path();
  }
}

TEST(RunCliTest, LogErrorsWriteNothing) {
  const std::string calls = TempPath("calls2.csv");
  std::filesystem::remove(calls);
  Outcome past =
      RunCcsim(std::string("run ") + kDefault + " -r 2 -q --call-log " + calls +
               " --call-log-replication 3");
  EXPECT_EQ(past.status, 2);
  EXPECT_TRUE(Contains(past.out, "expected a replication from 1 to 2"))
      << past.out;
  Outcome twice = RunCcsim(std::string("run ") + kDefault + " -r 1 -q -o " +
                           calls + " --call-log " + calls);
  EXPECT_EQ(twice.status, 2);
  EXPECT_TRUE(Contains(twice.out, "given for two outputs")) << twice.out;
  Outcome alone = RunCcsim(std::string("run ") + kDefault +
                           " -r 1 -q --call-log-replication 1");
  EXPECT_EQ(alone.status, 2);
  EXPECT_TRUE(Contains(alone.out, "needs --call-log")) << alone.out;
  const std::string bad = TempPath("bad.yaml");
  WriteFile(bad, "name: x\nhorizon: nonsense\n");
  Outcome failed = RunCcsim("run " + bad + " -q --call-log " + calls, "2>&1");
  EXPECT_NE(failed.status, 0);
  EXPECT_FALSE(std::filesystem::exists(calls));
  for (const auto& e : std::filesystem::directory_iterator(
           std::filesystem::path(calls).parent_path())) {
    EXPECT_FALSE(Contains(e.path().string(), "calls2.csv.tmp")) << e.path();
  }
}

TEST(RunCliTest, OutputsIntoAMissingFolderFailBeforeSimulating) {
  for (const char* option : {"-o", "--report", "--call-log"}) {
    Outcome o = RunCcsim(std::string("run scenarios/water-utility.yaml -q ") +
                         option + " /nonexistent-ccsim-folder/out.file");
    EXPECT_EQ(o.status, 2) << option;
    EXPECT_TRUE(Contains(o.out,
                         "/nonexistent-ccsim-folder/out.file: cannot write: "
                         "the folder /nonexistent-ccsim-folder does not exist"))
        << o.out;
  }
}

TEST(RunCliTest, HelpForACommandAndDidYouMean) {
  Outcome h = RunCcsim("help run");
  EXPECT_EQ(h.status, 0);
  EXPECT_TRUE(Contains(h.out, "usage: ccsim run SCENARIO")) << h.out;
  Outcome typo = RunCcsim("staf");
  EXPECT_EQ(typo.status, 2);
  EXPECT_TRUE(Contains(typo.out,
                       "ccsim: unknown command 'staf' (did you mean 'staff'?)"))
      << typo.out;
}

// Every subcommand names the option a mistyped one is closest to (the
// scenario loader's did-you-mean), and exits with 2.
TEST(RunCliTest, UnknownOptionsGetADidYouMean) {
  Outcome run = RunCcsim(std::string("run ") + kDefault + " --replicatons 5");
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out,
            "ccsim run: unknown option '--replicatons' (did you mean "
            "'--replications'?); see 'ccsim run --help'\n");
  for (const char* args :
       {"validate --resolvd x.yaml", "compare a.yaml b.yaml --seeed 3",
        "erlang --agnets 3", "staff x.yaml --schedul", "fit --intervls x.csv",
        "backtest x.yaml --trce", "sweep x.yaml --resme",
        "merge a b --allow-incomplet", "export x.sqlite --wid"}) {
    Outcome o = RunCcsim(args);
    EXPECT_EQ(o.status, 2) << args;
    EXPECT_TRUE(Contains(o.out, "(did you mean '--")) << args << ": " << o.out;
  }
  Outcome far = RunCcsim(std::string("run ") + kDefault + " --frobnicate");
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.out,
            "ccsim run: unknown option '--frobnicate'; see 'ccsim run "
            "--help'\n");
  Outcome command = RunCcsim("rnu");
  EXPECT_EQ(command.status, 2);
  EXPECT_TRUE(Contains(command.out,
                       "ccsim: unknown command 'rnu' (did you mean 'run'?)"))
      << command.out;
}

// `run -` reads the scenario from standard input, as `-o -` writes to
// standard output: the same results as from the file, and errors that name
// "(standard input)" with line and column.
TEST(RunCliTest, DashReadsTheScenarioFromStandardInput) {
  Outcome file =
      RunCcsim(std::string("run ") + kDefault + " -r 2 -f json", "2>/dev/null");
  Outcome piped =
      RunCcsim("run - -r 2 -f json < " + std::string(kDefault), "2>/dev/null");
  ASSERT_EQ(piped.status, 0) << piped.out;
  EXPECT_EQ(piped.out, file.out);
  Outcome bad = RunCcsim(
      "run - < /dev/null; printf 'name: x\\nbogus: 1\\n' "
      "| '" CCSIM_BINARY "' run -");
  EXPECT_TRUE(Contains(bad.out,
                       "(standard input):2:1: bogus: unknown key "
                       "'bogus'"))
      << bad.out;
}

}  // namespace
}  // namespace ccsim
