// End-to-end tests of `ccsim fit` and `ccsim backtest`: logs from `ccsim
// run`, an export with its own column names read through --map, and bad
// data that must give a clear message or a counted exclusion, never a
// silently wrong fit or a half-written output.
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
using testing::WriteFile;

std::string Dir() { return ::testing::TempDir() + "ccsim_fit_cli_"; }

// Logs of replication 1 of the bundled Erlang-A scenario, made once.
const std::string& Logs() {
  static const std::string prefix = [] {
    const std::string p = Dir() + "erlang";
    RunCcsim("run scenarios/erlang-a.yaml -r 1 -q -o /dev/null --call-log " +
             p + "_calls.csv --agent-log " + p + "_agents.csv");
    return p;
  }();
  return prefix;
}

TEST(FitCliTest, FitRunAndBacktestFromRunLogs) {
  const std::string out = Dir() + "fitted.yaml";
  Outcome fit =
      RunCcsim("fit --calls " + Logs() + "_calls.csv --agents " + Logs() +
               "_agents.csv -o " + out + " --report " + Dir() + "fit.html");
  ASSERT_EQ(fit.status, 0) << fit.out;
  EXPECT_TRUE(Contains(fit.out, "handle time  exponential (mean 1")) << fit.out;
  EXPECT_TRUE(Contains(fit.out, "patience     ")) << fit.out;
  EXPECT_TRUE(std::filesystem::exists(Dir() + "fitted.arrivals.csv"));
  EXPECT_TRUE(std::filesystem::exists(Dir() + "fitted.staffing.csv"));
  // The report shows each fit against the data.
  const std::string report = ReadFile(Dir() + "fit.html");
  EXPECT_TRUE(Contains(report, "data (Kaplan-Meier)")) << report.substr(0, 300);
  EXPECT_TRUE(Contains(report, "exponential (chosen)"));
  EXPECT_TRUE(Contains(report, "<svg"));
  Outcome run = RunCcsim("run " + out + " -r 2 -q -m offered");
  EXPECT_EQ(run.status, 0) << run.out;
  Outcome bt = RunCcsim(
      "backtest " + out + " --calls " + Logs() + "_calls.csv --agents " +
      Logs() + "_agents.csv -r 10 -f json --report " + Dir() + "bt.html");
  ASSERT_EQ(bt.status, 0) << bt.out;
  EXPECT_TRUE(Contains(bt.out, "\"service_level\": {\"observed\": "))
      << bt.out.substr(0, 400);
  const std::string html = ReadFile(Dir() + "bt.html");
  EXPECT_TRUE(Contains(html, "<svg")) << html.substr(0, 200);
  EXPECT_TRUE(Contains(html, "95% prediction band"));
}

// The same export with a vendor's column names and timestamps in epoch
// seconds, read through --map and --time-format, gives the same fit.
TEST(FitCliTest, MappedColumnsGiveTheSameFit) {
  std::istringstream in(ReadFile(Logs() + "_calls.csv"));
  std::string line;
  std::getline(in, line);
  std::string renamed =
      "Rep,ANI,Try,Why,Skill,Start,IvrOut,IvrEnd,Q,Enq,Ans,Aband,Team,"
      "Agent ID,TalkEnd,WrapEnd,Legs,Left,Result,Resolved\n";
  while (std::getline(in, line)) renamed += line + "\n";
  WriteFile(Dir() + "vendor.csv", renamed);
  const std::string maps =
      " --map Start=arrival --map Skill=call_type --map ANI=caller"
      " --map Enq=queued --map Ans=answered --map Aband=abandoned"
      " --map Team=group --map 'Agent ID=agent' --map TalkEnd=talk_end"
      " --map WrapEnd=wrap_end --map Legs=legs --map Left=left"
      " --map Result=outcome";
  Outcome a = RunCcsim("fit -q --calls " + Logs() + "_calls.csv -o " + Dir() +
                       "plain.yaml");
  Outcome b = RunCcsim("fit -q --calls " + Dir() + "vendor.csv -o " + Dir() +
                       "mapped.yaml" + maps);
  ASSERT_EQ(a.status, 0) << a.out;
  ASSERT_EQ(b.status, 0) << b.out;
  auto body = [](std::string text) {
    // Past the comment lines naming the input, and the name line; the
    // tables are named after the output.
    text = text.substr(text.find("\nhorizon:"));
    for (size_t at; (at = text.find("_mapped.")) != std::string::npos;) {
      text.replace(at, 8, "_plain.");
    }
    return text;
  };
  EXPECT_EQ(body(ReadFile(Dir() + "plain.yaml")),
            body(ReadFile(Dir() + "mapped.yaml")));
  EXPECT_EQ(ReadFile(Dir() + "plain.arrivals.csv"),
            ReadFile(Dir() + "mapped.arrivals.csv"));
}

// Abandonment given only by the outcome and the time the caller left.
TEST(FitCliTest, AbandonsFromOutcomeAndLeft) {
  std::string text = "arrival,answered,talk_end,left,outcome,group,agent\n";
  for (int i = 0; i < 40; ++i) {
    const int m = 8 * 60 + i;
    const std::string at =
        fmt::format("2026-03-02 {:02}:{:02}:00", m / 60, m % 60);
    if (i % 2 == 0) {
      text +=
          fmt::format("{},{}.500,{}.900,,served,g,a\n", at.substr(0, 17) + "10",
                      at.substr(0, 17) + "10", at.substr(0, 17) + "59");
    } else {
      text += fmt::format("{},,,{},abandoned,,\n", at,
                          at.substr(0, 17) + std::to_string(10 + i));
    }
  }
  WriteFile(Dir() + "left.csv", text);
  Outcome o =
      RunCcsim("fit --calls " + Dir() + "left.csv -o " + Dir() + "left.yaml");
  ASSERT_EQ(o.status, 0) << o.out;
  EXPECT_TRUE(Contains(o.out, "from 40 waits, 50% censored")) << o.out;
}

TEST(FitCliTest, TimestampFormats) {
  WriteFile(
      Dir() + "dmy.csv",
      "arrival,answered,talk_end,group,agent\n"
      "02/03/2026 08:00:00,02/03/2026 08:00:10,02/03/2026 08:03:10,g,a\n"
      "02/03/2026 08:01:00,02/03/2026 08:01:05,02/03/2026 08:02:05,g,b\n"
      "02/03/2026 08:02:00,02/03/2026 08:02:00,02/03/2026 08:04:00,g,a\n");
  Outcome bad =
      RunCcsim("fit --calls " + Dir() + "dmy.csv -o " + Dir() + "dmy.yaml");
  EXPECT_EQ(bad.status, 1);
  EXPECT_TRUE(Contains(bad.out,
                       "dmy.csv: row 2, column 1 (arrival): "
                       "expected a timestamp"))
      << bad.out;
  Outcome good = RunCcsim("fit --calls " + Dir() + "dmy.csv -o " + Dir() +
                          "dmy.yaml --time-format dmy");
  EXPECT_EQ(good.status, 0) << good.out;
  EXPECT_TRUE(Contains(ReadFile(Dir() + "dmy.yaml"), "start_date: 2026-03-02"));
}

TEST(FitCliTest, BadDataIsAClearErrorOrACountedExclusion) {
  const std::string header =
      "arrival,queued,answered,abandoned,talk_end,group,agent\n";
  const std::string good =
      "2026-03-02 08:00:00,2026-03-02 08:00:00,2026-03-02 08:00:10,,"
      "2026-03-02 08:03:00,g,a\n"
      "2026-03-02 08:05:00,2026-03-02 08:05:00,2026-03-02 08:05:30,,"
      "2026-03-02 08:09:00,g,a\n"
      "2026-03-02 08:06:00,2026-03-02 08:06:00,,2026-03-02 08:07:00,,,\n";
  struct Case {
    std::string name, text, expect;
    int status;
  };
  const std::vector<Case> cases = {
      {"empty", "", "row 1: expected a header row", 1},
      {"nocol", "start,answered\n2026-03-02 08:00:00,\n",
       "row 1: expected a column 'arrival'", 1},
      {"badtime", header + good + "yesterday,,,,,,\n",
       "row 5, column 1 (arrival): expected a timestamp", 1},
      {"answered_early",
       header + good +
           "2026-03-02 09:00:00,2026-03-02 09:00:00,2026-03-02 08:59:00,,"
           "2026-03-02 09:03:00,g,a\n",
       "left out: 1 rows: answered before it was queued (first at row 5)", 0},
      {"negative_talk",
       header + good +
           "2026-03-02 09:00:00,2026-03-02 09:00:00,2026-03-02 09:00:10,,"
           "2026-03-02 08:00:00,g,a\n",
       "left out: 1 rows: talk ends before the answer (first at row 5)", 0},
      {"outcome",
       "arrival,outcome,group,agent\n2026-03-02 08:00:00,maybe,g,a\n",
       "row 2, column 2 (outcome): expected an outcome", 1},
      {"nothing_usable",
       header + "2026-03-02 09:00:00,2026-03-02 08:00:00,,,,,\n",
       "no usable call rows (1 rows read; left out: queued before it arrived)",
       1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string in = Dir() + c.name + ".csv";
    const std::string out = Dir() + c.name + "_fit.yaml";
    std::filesystem::remove(out);
    WriteFile(in, c.text);
    Outcome o = RunCcsim("fit --calls " + in + " -o " + out);
    EXPECT_EQ(o.status, c.status) << o.out;
    EXPECT_TRUE(Contains(o.out, c.expect)) << o.out;
    EXPECT_EQ(std::filesystem::exists(out), c.status == 0);
  }
  // Agent logs must run forward in time for each agent.
  WriteFile(Dir() + "calls_ok.csv", header + good);
  WriteFile(Dir() + "agents_back.csv",
            "time,group,agent,state\n2026-03-02 08:00:00,g,a,login\n"
            "2026-03-02 09:00:00,g,a,talk\n2026-03-02 08:30:00,g,a,idle\n");
  Outcome back = RunCcsim("fit --calls " + Dir() + "calls_ok.csv --agents " +
                          Dir() + "agents_back.csv -o " + Dir() + "back.yaml");
  EXPECT_EQ(back.status, 1);
  EXPECT_TRUE(Contains(back.out,
                       "agents_back.csv: row 4, column 1 (time): "
                       "times go backwards for agent 'a'"))
      << back.out;
  // Usage errors.
  Outcome no_out = RunCcsim("fit --calls " + Dir() + "calls_ok.csv");
  EXPECT_EQ(no_out.status, 2);
  EXPECT_TRUE(Contains(no_out.out, "missing -o FITTED.yaml")) << no_out.out;
  Outcome bad_map = RunCcsim("fit --calls " + Dir() + "calls_ok.csv -o " +
                             Dir() + "m.yaml --map arrival=when");
  EXPECT_EQ(bad_map.status, 1);
  EXPECT_TRUE(Contains(bad_map.out, "unknown field 'when'")) << bad_map.out;
  Outcome same = RunCcsim("fit --calls " + Dir() + "calls_ok.csv -o " + Dir() +
                          "calls_ok.csv");
  EXPECT_EQ(same.status, 2) << same.out;
}

}  // namespace
}  // namespace ccsim
