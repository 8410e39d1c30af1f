// Round trip: simulate known scenarios with call and agent logs, fit the
// logs, and recover the parameters the simulation used.
#include <cmath>
#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "ccsim/backtest.h"
#include "ccsim/call_log.h"
#include "ccsim/fit.h"
#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

std::string Temp(const std::string& name) {
  return ::testing::TempDir() + "ccsim_fit_rt_" + name;
}

// Writes the fitted scenario and its tables into the temporary folder and
// back-tests it against the logs it came from.
BacktestResult BacktestFitted(const FitResult& r, const std::string& tag) {
  const std::string dir = ::testing::TempDir();
  const std::string prefix = "ccsim_fit_rt_" + tag + "_fitted";
  for (const auto& [name, text] :
       {std::pair{prefix + ".yaml", r.yaml},
        std::pair{prefix + ".arrivals.csv", r.arrivals_csv},
        std::pair{prefix + ".staffing.csv", r.staffing_csv}}) {
    std::FILE* f = std::fopen((dir + name).c_str(), "wb");
    EXPECT_NE(f, nullptr);
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  absl::StatusOr<Scenario> fitted = LoadScenarioFile(dir + prefix + ".yaml");
  EXPECT_TRUE(fitted.ok()) << fitted.status();
  if (!fitted.ok()) return BacktestResult{};
  BacktestOptions o;
  o.calls_path = Temp(tag + "_calls.csv");
  o.agents_path = Temp(tag + "_agents.csv");
  o.replications = 20;
  o.threads = 2;
  absl::StatusOr<BacktestResult> b = Backtest(*fitted, o);
  EXPECT_TRUE(b.ok()) << b.status();
  return b.ok() ? *b : BacktestResult{};
}

// Writes replication 0's logs of `s` and fits them.
FitResult SimulateAndFit(const Scenario& s, const std::string& tag) {
  const std::string calls = Temp(tag + "_calls.csv");
  const std::string agents = Temp(tag + "_agents.csv");
  std::FILE* c = std::fopen(calls.c_str(), "wb");
  std::FILE* a = std::fopen(agents.c_str(), "wb");
  {
    CsvTraceWriter writer(s, c, a);
    RunReplication(s, 11, 0, &writer);
    EXPECT_TRUE(writer.Flush());
  }
  std::fclose(c);
  std::fclose(a);
  FitOptions o;
  o.calls_path = calls;
  o.agents_path = agents;
  o.interval = s.interval;
  o.table_prefix = "ccsim_fit_rt_" + tag + "_fitted.";
  absl::StatusOr<FitResult> r = FitCallLog(o);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : FitResult{};
}

double Param(const FittedDuration& d, const std::string& family,
             const std::string& name) {
  for (const FittedDuration::Candidate& c : d.candidates) {
    if (c.family != family) continue;
    for (const auto& [k, v] : c.params) {
      if (k == name) return v;
    }
  }
  return -1;
}

const FittedDuration::Candidate* Chosen(const FittedDuration& d) {
  for (const FittedDuration::Candidate& c : d.candidates) {
    if (c.chosen) return &c;
  }
  return nullptr;
}

// One queue, understaffed so that many callers abandon: 7 agents for 10
// erlangs, patience exponential with mean 60 s.
TEST(FitRoundTripTest, SingleQueueWithHeavyAbandonment) {
  absl::StatusOr<Scenario> s = ParseScenario(
      "name: rt1\n"
      "horizon: 10d\n"
      "warmup: 1d\n"
      "calendar: {start_date: 2026-03-02}\n"
      "call_types:\n"
      "  - name: general\n"
      "    arrivals: {per_interval: 100}\n"
      "    handle_time: {exponential: {mean: 180s}}\n"
      "    patience: {exponential: {mean: 60s}}\n"
      "agents:\n"
      "  - name: team\n"
      "    skills: [general]\n"
      "    staffing: {constant: 7}\n",
      "rt1.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  const FitResult r = SimulateAndFit(*s, "one");
  ASSERT_EQ(r.call_types.size(), 1u);
  const FittedCallType& t = r.call_types[0];
  EXPECT_EQ(r.days, 10);
  EXPECT_EQ(r.first_date, "2026-03-02");
  // 100 calls per half hour for 10 days: 48000, sd 219.
  EXPECT_NEAR(t.fresh, 48000, 3 * 219);
  // Handle time: exponential 180 s (sd of the mean of ~28000 talks: 1.1 s).
  const FittedDuration::Candidate* talk = Chosen(t.talk);
  ASSERT_NE(talk, nullptr) << t.talk.summary;
  EXPECT_NEAR(Param(t.talk, "exponential", "mean"), 180, 4);
  EXPECT_LT(t.talk.candidates[0].aic, talk->aic + 4) << t.talk.summary;
  // Patience: with ~40% abandoning, 60% of the waits are censored.
  const double censored =
      1.0 - static_cast<double>(t.patience.events) / t.patience.n;
  EXPECT_GT(censored, 0.45);
  EXPECT_LT(censored, 0.75);
  EXPECT_NEAR(Param(t.patience, "exponential", "mean"), 60, 0.05 * 60)
      << t.patience.summary;
  ASSERT_NE(Chosen(t.patience), nullptr);
  EXPECT_NEAR(t.patience.distribution.Mean(), 60, 0.05 * 60)
      << t.patience.summary;
  // The abandoners' own waits say much less.
  EXPECT_LT(t.patience.mean_observed, 0.7 * 60);
  // Staffing from the agent log: 7 agents throughout.
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_TRUE(r.groups[0].from_agent_log);
  EXPECT_NEAR(r.groups[0].mean_agents, 7, 0.01);
  // Back-tested against the logs it came from (which also loads the
  // fitted scenario as written, with its tables beside it).
  const BacktestResult b = BacktestFitted(r, "one");
  absl::StatusOr<Scenario> fitted =
      LoadScenarioFile(::testing::TempDir() + "ccsim_fit_rt_one_fitted.yaml");
  ASSERT_TRUE(fitted.ok()) << fitted.status();
  EXPECT_EQ(fitted->horizon, Time::Days(10));
  // The fitted arrival rate of each interval is the day's calls spread by
  // the profile of its class of day: Monday to Friday here has 8 days, so
  // an interval's share rests on about 800 calls (sd 100 / sqrt 8 = 3.5).
  double sum = 0;
  for (size_t k = 0; k < 48; ++k) {
    const double per_interval = fitted->call_types[0].rate_per_s[k] * 1800;
    EXPECT_NEAR(per_interval, 100, 3 * 3.6) << k;
    sum += per_interval;
  }
  EXPECT_NEAR(sum / 48, 100, 3 * 100 / std::sqrt(48000.0) * 1.1);

  // Trace-driven, the export's own arrivals are replayed: every
  // replication offers exactly the calls the export has (no IVR, no
  // repeats here), interval by interval.
  {
    absl::StatusOr<Scenario> fitted_again =
        LoadScenarioFile(::testing::TempDir() + "ccsim_fit_rt_one_fitted.yaml");
    ASSERT_TRUE(fitted_again.ok());
    BacktestOptions o;
    o.calls_path = Temp("one_calls.csv");
    o.agents_path = Temp("one_agents.csv");
    o.replications = 3;
    o.trace = true;
    absl::StatusOr<BacktestResult> traced = Backtest(*fitted_again, o);
    ASSERT_TRUE(traced.ok()) << traced.status();
    const BacktestMetric& offered = traced->metrics[0];
    ASSERT_EQ(offered.name, "offered");
    EXPECT_EQ(offered.sim_total, offered.observed_total);
    EXPECT_EQ(offered.mae, 0);
    EXPECT_EQ(offered.coverage, 1);
  }

  // Every observed total lies within the fitted scenario's prediction
  // band, and most intervals do.
  ASSERT_EQ(b.metrics.size(), 7u);
  for (const BacktestMetric& m : b.metrics) {
    EXPECT_GE(m.observed_total, m.band_total_lo) << m.name;
    EXPECT_LE(m.observed_total, m.band_total_hi) << m.name;
    EXPECT_GT(m.coverage, 0.85) << m.name;
    EXPECT_EQ(m.intervals, 480) << m.name;
  }
}

// Two call types, lognormal and gamma handle times, wrap-up, redials after
// abandoning, returns of unresolved issues, and a group on shifts.
TEST(FitRoundTripTest, SeveralTypesWithRepeatsAndShifts) {
  absl::StatusOr<Scenario> s = ParseScenario(
      "name: rt2\n"
      "horizon: 21d\n"
      "warmup: 2d\n"
      "calendar: {start_date: 2026-03-02}\n"
      "call_types:\n"
      "  - name: billing\n"
      "    arrivals: {per_day: 1500, intraday: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
      "0,4,6,8,8,8,7,6,6,6,7,7,8,8,7,6,5,4,3,2,2,0,0,0,0,0,0,0,0,0,0,0,0]}\n"
      "    handle_time: {lognormal: {mean: 240s, sd: 150s}}\n"
      "    wrap_up: {exponential: {mean: 30s}}\n"
      "    patience: {weibull: {shape: 0.8, mean: 120s}}\n"
      "    fcr: 0.8\n"
      "    return_delay: {exponential: {mean: 1d}}\n"
      "    redial: {after_abandon: 0.5, delay: {exponential: {mean: 10m}}}\n"
      "  - name: outage\n"
      "    arrivals: {per_day: 600, intraday: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
      "0,4,6,8,8,8,7,6,6,6,7,7,8,8,7,6,5,4,3,2,2,0,0,0,0,0,0,0,0,0,0,0,0]}\n"
      "    handle_time: {gamma: {mean: 120s, sd: 60s}}\n"
      "    patience: {exponential: {mean: 180s}}\n"
      "agents:\n"
      "  - name: front\n"
      "    skills: [billing, outage]\n"
      "    shifts:\n"
      "      - {start: \"08:00\", end: \"13:00\", agents: 7}\n"
      "      - {start: \"12:00\", end: \"18:00\", agents: 6}\n"
      "  - name: billing-desk\n"
      "    skills: [billing]\n"
      "    staffing: {constant: 2}\n"
      "    handle_time_factor: {billing: 1.3}\n",
      "rt2.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  const FitResult r = SimulateAndFit(*s, "two");
  ASSERT_EQ(r.call_types.size(), 2u);
  const FittedCallType* billing = &r.call_types[0];
  const FittedCallType* outage = &r.call_types[1];
  if (billing->name != "billing") std::swap(billing, outage);
  ASSERT_EQ(billing->name, "billing");
  // Fresh calls: 21 days x 1500 (sd 177); repeats are told apart.
  EXPECT_NEAR(billing->fresh, 21 * 1500, 3 * 177);
  EXPECT_GT(billing->calls, billing->fresh + 1000);
  EXPECT_NEAR(outage->fresh, 21 * 600, 3 * 110);
  // Handle times: family and mean. Billing's is a mixture of the front
  // team's 240 s and the billing desk's 1.3 x 240 s (the desk's factor is
  // found below).
  ASSERT_NE(Chosen(billing->talk), nullptr);
  EXPECT_GT(billing->talk.distribution.Mean(), 245);
  EXPECT_LT(billing->talk.distribution.Mean(), 1.3 * 240);
  ASSERT_NE(Chosen(outage->talk), nullptr);
  EXPECT_EQ(Chosen(outage->talk)->family, "gamma") << outage->talk.summary;
  EXPECT_NEAR(outage->talk.distribution.Mean(), 120, 0.03 * 120);
  EXPECT_NEAR(billing->wrap.distribution.Mean(), 30, 0.05 * 30);
  // Patience: Weibull 0.8 with mean 120 s.
  EXPECT_NEAR(Param(billing->patience, "weibull", "shape"), 0.8, 0.08)
      << billing->patience.summary;
  EXPECT_NEAR(billing->patience.distribution.Mean(), 120, 0.1 * 120)
      << billing->patience.summary;
  // Redials after abandoning: 50%, delay 10 minutes; returns: fcr 0.8
  // after a day.
  EXPECT_NEAR(billing->redial_after_abandon, 0.5, 0.04);
  EXPECT_NEAR(billing->redial_delay.distribution.Mean(), 600, 0.1 * 600)
      << billing->redial_delay.summary;
  EXPECT_NEAR(billing->fcr, 0.8, 0.03);
  EXPECT_NEAR(billing->return_delay.distribution.Mean(), 86400, 0.1 * 86400)
      << billing->return_delay.summary;
  EXPECT_NEAR(outage->fcr, 1.0, 0.01);
  EXPECT_NEAR(outage->redial_after_abandon, 0.0, 0.01);
  // Skills of each group.
  ASSERT_EQ(r.groups.size(), 2u);
  for (const FittedGroup& g : r.groups) {
    if (g.name == "front") {
      EXPECT_EQ(g.skills, (std::vector<std::string>{"billing", "outage"}));
    } else {
      EXPECT_EQ(g.name, "billing-desk");
      EXPECT_EQ(g.skills, (std::vector<std::string>{"billing"}));
      EXPECT_NEAR(g.mean_agents, 2, 0.01);
      // It talks 1.3 times as long as the front team, so above the mean of
      // both.
      ASSERT_EQ(g.handle_factors.size(), 1u);
      EXPECT_EQ(g.handle_factors[0].first, "billing");
      EXPECT_GT(g.handle_factors[0].second, 1.1);
      EXPECT_LT(g.handle_factors[0].second, 1.3);
    }
  }
  const BacktestResult b = BacktestFitted(r, "two");
  for (const BacktestMetric& m : b.metrics) {
    EXPECT_GE(m.observed_total, m.band_total_lo) << m.name;
    EXPECT_LE(m.observed_total, m.band_total_hi) << m.name;
    EXPECT_GT(m.coverage, 0.85) << m.name;
  }
}

// The bundled water utility: five call types through an IVR menu tree
// (zero-outs, misroutes, self service, hang-ups), redials and returns,
// three groups on shifts with breaks, AUX and overflow skills.
TEST(FitRoundTripTest, WaterUtilityWithIvrAndShifts) {
  absl::StatusOr<Scenario> s = LoadScenarioFile(
      std::string(CCSIM_SOURCE_DIR) + "/scenarios/water-utility.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  const FitResult r = SimulateAndFit(*s, "water");
  ASSERT_EQ(r.call_types.size(), 5u);
  for (const FittedCallType& t : r.call_types) {
    SCOPED_TRACE(t.name);
    const CallTypeSpec* truth = nullptr;
    for (const CallTypeSpec& c : s->call_types) {
      if (c.name == t.name) truth = &c;
    }
    ASSERT_NE(truth, nullptr);
    ASSERT_NE(Chosen(t.talk), nullptr) << t.talk.summary;
    EXPECT_EQ(Chosen(t.talk)->family, "lognormal") << t.talk.summary;
    EXPECT_NEAR(t.talk.distribution.Mean(), truth->handle_time.Mean(),
                0.03 * truth->handle_time.Mean());
    EXPECT_NEAR(t.wrap.distribution.Mean(), truth->wrap_up->Mean(),
                0.05 * truth->wrap_up->Mean());
    // Exponential patience, 78-84% of the waits censored.
    EXPECT_NEAR(t.patience.distribution.Mean(), truth->patience->Mean(),
                0.05 * truth->patience->Mean())
        << t.patience.summary;
    EXPECT_NEAR(t.fcr, truth->fcr, 0.03);
    // Redials after abandoning: 0.5, less 30% for each further attempt.
    EXPECT_GT(t.redial_after_abandon, 0.4);
    EXPECT_LT(t.redial_after_abandon, 0.5);
    EXPECT_GT(t.ivr_to_queue, 0.6);
    EXPECT_GT(t.ivr_hang_up, 0.05);
  }
  // The overflow skills of the fault desk and the business team.
  int overflow_notes = 0;
  for (const std::string& n : r.notes) {
    overflow_notes +=
        n.find("answers enquiry only after 45 s") != std::string::npos;
  }
  EXPECT_EQ(overflow_notes, 2);
  // Back-tested against its own logs: most intervals inside the band.
  const BacktestResult b = BacktestFitted(r, "water");
  ASSERT_EQ(b.metrics.size(), 7u);
  for (const BacktestMetric& m : b.metrics) {
    EXPECT_GT(m.coverage, 0.85) << m.name;
    const double width = m.band_total_hi - m.band_total_lo;
    EXPECT_GT(m.observed_total, m.band_total_lo - width) << m.name;
    EXPECT_LT(m.observed_total, m.band_total_hi + width) << m.name;
  }
}

// Agents in AUX that the agent log shows as idle: the fit finds them idle
// while callers waited and takes the same share out of the staffing.
TEST(FitRoundTripTest, UnlabelledUnavailableTime) {
  absl::StatusOr<Scenario> s = ParseScenario(
      "name: rt-aux\nhorizon: 5d\nwarmup: 1d\n"
      "calendar: {start_date: 2026-03-02}\n"
      "call_types:\n  - name: general\n    arrivals: {per_interval: 100}\n"
      "    handle_time: {exponential: {mean: 150s}}\n"
      "    patience: {exponential: {mean: 120s}}\n"
      "agents:\n  - name: team\n    skills: [general]\n"
      "    staffing: {constant: 10}\n"
      "    aux: {per_hour: 1, duration: {exponential: {mean: 5m}}}\n",
      "rt-aux.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  const FitResult labelled = SimulateAndFit(*s, "aux");
  const ReplicationResult truth = RunReplication(*s, 11, 0);
  const double aux_share =
      truth.total[Metric::kAuxHours] / truth.total[Metric::kStaffedHours];
  ASSERT_GT(aux_share, 0.04);
  // The same logs with every AUX state written as idle.
  std::FILE* in = std::fopen(Temp("aux_agents.csv").c_str(), "rb");
  ASSERT_NE(in, nullptr);
  std::string text;
  char buf[1 << 16];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;)
    text.append(buf, n);
  std::fclose(in);
  for (size_t at; (at = text.find(",aux\n")) != std::string::npos;) {
    text.replace(at, 5, ",idle\n");
  }
  std::FILE* out = std::fopen(Temp("aux_agents_idle.csv").c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), out);
  std::fclose(out);
  FitOptions o;
  o.calls_path = Temp("aux_calls.csv");
  o.agents_path = Temp("aux_agents_idle.csv");
  absl::StatusOr<FitResult> hidden = FitCallLog(o);
  ASSERT_TRUE(hidden.ok()) << hidden.status();
  ASSERT_EQ(hidden->groups.size(), 1u);
  EXPECT_EQ(labelled.groups[0].unlabelled_share, 0);
  // The estimate assumes unavailability does not depend on whether callers
  // wait; in the model an AUX asked for during a call starts at its end,
  // often while callers wait, so the share comes out high (by about a
  // quarter here).
  EXPECT_NEAR(hidden->groups[0].unlabelled_share, aux_share, 0.3 * aux_share);
  EXPECT_NEAR(hidden->groups[0].mean_agents, labelled.groups[0].mean_agents,
              0.02 * labelled.groups[0].mean_agents);
}

}  // namespace
}  // namespace ccsim
