// Exports whose fit used to give a scenario that does not load (`ccsim
// fit` then fails with "internal error"), each found by
// tests/fuzz/fit_calls_fuzz.cc: placeholder times (an end written as a
// far-off date) and nearly equal times.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "ccsim/fit.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "sim/fit/estimators.h"

namespace ccsim {
namespace {

void Write(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  ASSERT_EQ(std::fclose(f), 0);
}

// Fits `calls` (written as NAME_calls.csv in the test folder).
absl::StatusOr<FitResult> Fit(const std::string& name,
                              const std::string& calls) {
  FitOptions o;
  o.calls_path = ::testing::TempDir() + name + "_calls.csv";
  o.table_prefix = name + ".";
  Write(o.calls_path, calls);
  return FitCallLog(o);
}

// The text of the fuzzer's corpus file tests/fuzz/corpus/fit_calls/NAME
// (empty when it cannot be read).
std::string CorpusFile(const std::string& name) {
  std::ifstream in(std::string(CCSIM_SOURCE_DIR) +
                   "/tests/fuzz/corpus/fit_calls/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Writes the fitted scenario NAME.yaml with its tables and loads it.
absl::StatusOr<Scenario> LoadFitted(const std::string& name,
                                    const FitResult& r) {
  const std::string dir = ::testing::TempDir();
  Write(dir + name + ".arrivals.csv", r.arrivals_csv);
  Write(dir + name + ".staffing.csv", r.staffing_csv);
  Write(dir + name + ".yaml", r.yaml);
  return LoadScenarioFile(dir + name + ".yaml");
}

// An IVR exit 59 days after the arrival (an export without a `left`
// column): its IVR time used to enter the fit, whose lognormal then had a
// standard deviation of 1.3e13 s, over the 1e12 s a duration may be.
TEST(FittedScenarioLoads, AnIvrTimeOverADayIsLeftOut) {
  std::string calls =
      "arrival,ivr_exit,queued,answered,talk_end,group,agent,outcome\n";
  for (int i = 0; i < 30; ++i) {
    const std::string at = fmt::format("2026-03-02 09:{:02}", i);
    calls += fmt::format("{}:00,{}:{:02},{}:{:02},{}:50,{}:59,g,a{},served\n",
                         at, at, 20 + i, at, 20 + i, at, at, i % 3);
  }
  calls +=
      "2026-01-03 09:40:00,2026-03-02 09:40:30,2026-03-02 09:40:30,"
      "2026-03-02 09:40:50,2026-03-02 09:40:59,g,a1,served\n";
  absl::StatusOr<FitResult> r = Fit("ccsim_fit_placeholder", calls);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->rows, 31);
  EXPECT_EQ(r->used, 30);
  ASSERT_EQ(r->excluded.size(), 1u);
  EXPECT_EQ(r->excluded[0], (std::pair<std::string, int64_t>{
                                "a time in the IVR longer than a day", 1}));
  ASSERT_EQ(r->call_types.size(), 1u);
  EXPECT_LT(r->call_types[0].ivr_time.mean_observed, 60);

  absl::StatusOr<Scenario> fitted = LoadFitted("ccsim_fit_placeholder", *r);
  EXPECT_TRUE(fitted.ok()) << fitted.status();
}

// Two equal times: the lognormal has the most likelihood, with an sd of a
// millionth of the mean (4.4e-8 s for 0.044 s), which a scenario reads as
// 0 s ("sd must be a positive duration"). A family whose parameters a
// scenario cannot hold is not chosen.
TEST(FittedScenarioLoads, NearlyEqualTimesGetAFamilyAScenarioHolds) {
  const fit::DistributionFit f =
      fit::FitDuration({{0.044, true}, {0.044, true}});
  ASSERT_GE(f.chosen, 0);
  EXPECT_NE(f.candidates[static_cast<size_t>(f.chosen)].family, "lognormal");
  const std::string yaml =
      "name: x\nhorizon: 1d\ncall_types:\n"
      "  - {name: a, arrivals: {per_interval: 1}, handle_time: " +
      f.distribution.ToYaml() +
      "}\nagents:\n  - {name: g, skills: [a], staffing: {constant: 1}}\n";
  absl::StatusOr<Scenario> s = ParseScenario(yaml, "equal.yaml");
  EXPECT_TRUE(s.ok()) << s.status() << "\n" << yaml;
}

// A call type none of whose calls reached a queue (an after-hours line
// whose calls were all closed): no group answers it and no patience can be
// fitted, which a scenario refuses ("can never be answered"). Its callers
// get a patience of 0 s and a note says so.
TEST(FittedScenarioLoads, ATypeThatNeverReachedAQueueLoads) {
  std::string calls =
      "arrival,call_type,queued,answered,talk_end,group,agent,outcome\n";
  for (int i = 0; i < 30; ++i) {
    const std::string at = fmt::format("2026-03-02 09:{:02}", i);
    calls += fmt::format("{}:00,billing,{}:10,{}:40,{}:59,g,a{},served\n", at,
                         at, at, at, i % 3);
  }
  for (int i = 0; i < 5; ++i) {
    calls +=
        fmt::format("2026-03-02 09:{:02}:30,after_hours,,,,,,closed\n", 10 + i);
  }
  absl::StatusOr<FitResult> r = Fit("ccsim_fit_never_queued", calls);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->used, 35);
  EXPECT_NE(r->yaml.find("patience: {deterministic: {value: 0s}}"),
            std::string::npos)
      << r->yaml;
  bool noted = false;
  for (const std::string& n : r->notes) {
    noted |= n.rfind("after_hours: no call reached a queue", 0) == 0;
  }
  EXPECT_TRUE(noted);
  absl::StatusOr<Scenario> fitted = LoadFitted("ccsim_fit_never_queued", *r);
  EXPECT_TRUE(fitted.ok()) << fitted.status() << "\n" << r->yaml;
}

// The fuzzer's reproducer (tests/fuzz/corpus/fit_calls/): a type answered
// only by a group whose agent column is unreadable, so the group is fitted
// with no agents at any time, and with too few abandons for a patience.
// The scenario used to be refused ("can never be answered"); its callers
// now get a patience of 0 s and a note naming the unstaffed groups.
TEST(FittedScenarioLoads, ATypeWhoseGroupsAreNeverStaffedLoads) {
  const std::string text =
      CorpusFile("fit_calls-answering-group-never-staffed.csv");
  ASSERT_FALSE(text.empty());
  absl::StatusOr<FitResult> r = Fit("ccsim_fit_never_staffed", text);
  ASSERT_TRUE(r.ok()) << r.status();
  for (const FittedGroup& g : r->groups) EXPECT_EQ(g.mean_agents, 0) << g.name;
  bool noted = false;
  for (const std::string& n : r->notes) {
    noted |=
        n.find("are fitted with no agents at any time") != std::string::npos;
  }
  EXPECT_TRUE(noted);
  absl::StatusOr<Scenario> fitted = LoadFitted("ccsim_fit_never_staffed", *r);
  EXPECT_TRUE(fitted.ok()) << fitted.status() << "\n" << r->yaml;
}

// Callers of a type whose own queue nobody answers, served in one leg in
// another type's queue (here 'sault', answered by 'back' in the queue of
// 'fault'), would be passed on to their own queue in the model and wait
// forever: the group that served them gets their skill.
TEST(FittedScenarioLoads, ATypeServedOnlyInAnotherQueueGivesItsSkill) {
  const std::string text =
      CorpusFile("fit_calls-transferred-to-an-unanswerable-own-queue.csv");
  ASSERT_FALSE(text.empty());
  absl::StatusOr<FitResult> r = Fit("ccsim_fit_served_elsewhere", text);
  ASSERT_TRUE(r.ok()) << r.status();
  std::map<std::string, std::vector<std::string>> skills;
  for (const FittedGroup& g : r->groups) skills[g.name] = g.skills;
  EXPECT_EQ(skills["back"], (std::vector<std::string>{"fault", "sault"}));
  EXPECT_EQ(skills["front"], (std::vector<std::string>{"billing"}));
  int noted = 0;
  for (const std::string& n : r->notes) {
    noted += n.find(
                 "sault: no staffed group answers its own queue, but "
                 "group back served 1 of its callers") != std::string::npos;
  }
  EXPECT_EQ(noted, 1);
  absl::StatusOr<Scenario> fitted =
      LoadFitted("ccsim_fit_served_elsewhere", *r);
  ASSERT_TRUE(fitted.ok()) << fitted.status() << "\n" << r->yaml;
  // Served where they were answered: a group with the skill, no patience
  // of 0 s forced on the type.
  const CallTypeSpec& sault = fitted->call_types[2];
  EXPECT_EQ(sault.name, "sault");
  EXPECT_FALSE(sault.patience.has_value());
}

// The fuzzer's reproducer: callers of 'fault' reach another queue (named
// by a garbled queue field) that no group answers, and too few of them
// abandoned for a fitted patience. Their patience is exponential with the
// censored maximum-likelihood mean: the waits of all who queued over the
// abandons, here (119.958 s + 10.927 s) / 1 from the export's times.
TEST(FittedScenarioLoads, AnUnansweredQueueReachedGetsAPatience) {
  const std::string text =
      CorpusFile("fit_calls-reaches-an-unanswered-queue-with-one-abandon.csv");
  ASSERT_FALSE(text.empty());
  absl::StatusOr<FitResult> r = Fit("ccsim_fit_unanswered_queue", text);
  ASSERT_TRUE(r.ok()) << r.status();
  absl::StatusOr<Scenario> fitted =
      LoadFitted("ccsim_fit_unanswered_queue", *r);
  ASSERT_TRUE(fitted.ok()) << fitted.status() << "\n" << r->yaml;
  const CallTypeSpec& fault = fitted->call_types[0];
  ASSERT_EQ(fault.name, "fault");
  ASSERT_TRUE(fault.patience.has_value());
  EXPECT_NEAR(fault.patience->Mean(), 119.958 + 10.927, 0.01);
}

// The fuzzer's reproducer: a type ('billi.g', a garbled 'billing') whose
// one caller reached the queue of 'billing' and abandoned; nobody answers
// its own queue and nobody ever served it. Answered in the queue of
// 'billing' in the model, its callers would be passed on to their own
// queue and wait forever: 'front', which answers that queue, gets the skill.
TEST(FittedScenarioLoads, ATypeReachingAnotherQueueGetsItsGroupsSkill) {
  const std::string text =
      CorpusFile("fit_calls-reaches-another-queue-never-answered-itself.csv");
  ASSERT_FALSE(text.empty());
  absl::StatusOr<FitResult> r = Fit("ccsim_fit_reaches_another", text);
  ASSERT_TRUE(r.ok()) << r.status();
  bool front = false;
  for (const FittedGroup& g : r->groups) {
    if (g.name != "front") continue;
    front = true;
    EXPECT_NE(std::find(g.skills.begin(), g.skills.end(), "billi_g"),
              g.skills.end());
  }
  EXPECT_TRUE(front);
  absl::StatusOr<Scenario> fitted = LoadFitted("ccsim_fit_reaches_another", *r);
  EXPECT_TRUE(fitted.ok()) << fitted.status() << "\n" << r->yaml;
}

}  // namespace
}  // namespace ccsim
