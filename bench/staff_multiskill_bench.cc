// ccsim staff on a large multi-skill centre, the size of a published
// research case: 65 call types and 89 agent groups, one day (no warm-up,
// 30-minute intervals), 4 replications per evaluation, 2 threads, the
// default goal (service_level >= 0.8 in every interval). One search per
// iteration; reports the wall time, the simulations run and the calls
// simulated, whether every goal is met, and the plan's agent hours per day
// against those of the search's starting point, the per-group Erlang split
// (each call type's load split evenly among the groups that serve it, each
// group staffed by Erlang A for 80/20 on its share in each interval:
// GroupPlan::erlang). The split is also simulated (after the timed search,
// with the same seed and replications) and judged on the same goal, to
// count the intervals where it fails.
//
// The centre is generated in code with a fixed generator (splitmix64, seed
// kCentreSeed), so it is the same on every machine:
//  * call type t: exponential handle time with a mean uniform in 180-600 s,
//    exponential patience of mean 300 s, Poisson arrivals only while the
//    centre is open (08:00-20:00, every day) with a daily hump: per
//    interval, 0.25 + 0.75 exp(-((h - c)/2.5)^2 / 2) at hour h, its peak c
//    uniform in 10:00-15:00, times a volume weight uniform in 0.25-2;
//    the rates are scaled so that the busiest interval offers kPeakErlangs
//    erlangs in all;
//  * group g: skills g mod 65 and (g + 32) mod 65 (so every call type is
//    served by at least two groups) and, with probability 1/2, a third
//    drawn uniformly among the others; every skill at once (priority 1,
//    no overflow delay), the same handle times in every group, cost 1 per
//    agent hour.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing.h"

namespace ccsim {
namespace {

constexpr int kCallTypes = 65;
constexpr int kGroups = 89;
constexpr double kPeakErlangs = 380;
constexpr uint64_t kCentreSeed = 2026;
constexpr int kOpenHour = 8, kCloseHour = 20;

// splitmix64: a fixed generator, so that the centre never changes.
class FixedGenerator {
 public:
  explicit FixedGenerator(uint64_t seed) : x_(seed) {}
  // Uniform in [0, 1).
  double Uniform() {
    uint64_t z = (x_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1.0p-53;
  }
  // Uniform in 0..n-1.
  int Below(int n) { return static_cast<int>(Uniform() * n); }

 private:
  uint64_t x_;
};

Scenario MultiSkillCentre() {
  Scenario s;
  s.name = "bench-multiskill-65x89";
  s.horizon = Time::Days(1);
  s.warmup = Time::Zero();
  s.interval = Time::Minutes(30);
  s.replications = 4;
  s.seed = 1;
  for (OpeningHours& h : s.calendar.hours) {
    h.open = Time::Hours(kOpenHour);
    h.close = Time::Hours(kCloseHour);
  }
  const int ipd = s.intervals_per_day();
  const double interval_h = s.interval.seconds() / 3600.0;
  FixedGenerator rng(kCentreSeed);
  // Offered load (erlangs) per call type and interval, before scaling.
  std::vector<std::vector<double>> load(kCallTypes,
                                        std::vector<double>(ipd, 0.0));
  for (int t = 0; t < kCallTypes; ++t) {
    CallTypeSpec type;
    type.name = "type" + std::to_string(t + 1);
    type.handle_time = Distribution::Exponential(180 + 420 * rng.Uniform());
    type.patience = Distribution::Exponential(300);
    const double weight = 0.25 + 1.75 * rng.Uniform();
    const double peak_hour = 10 + 5 * rng.Uniform();
    for (int i = 0; i < ipd; ++i) {
      const double h = (i + 0.5) * interval_h;
      if (h < kOpenHour || h >= kCloseHour) continue;
      const double z = (h - peak_hour) / 2.5;
      load[t][i] = weight * (0.25 + 0.75 * std::exp(-0.5 * z * z));
    }
    s.call_types.push_back(type);
  }
  double peak = 0;
  for (int i = 0; i < ipd; ++i) {
    double total = 0;
    for (int t = 0; t < kCallTypes; ++t) total += load[t][i];
    peak = std::max(peak, total);
  }
  for (int t = 0; t < kCallTypes; ++t) {
    CallTypeSpec& type = s.call_types[t];
    const double aht = type.handle_time.Mean();
    type.rate_per_s.resize(ipd);
    for (int i = 0; i < ipd; ++i) {
      type.rate_per_s[i] = load[t][i] * kPeakErlangs / peak / aht;
    }
  }
  for (int g = 0; g < kGroups; ++g) {
    AgentGroupSpec group;
    group.name = "group" + std::to_string(g + 1);
    group.skills = {g % kCallTypes, (g + 32) % kCallTypes};
    if (rng.Uniform() < 0.5) {
      int third = rng.Below(kCallTypes - 2);
      // The third-th type that is not already a skill.
      for (int skill : {std::min(group.skills[0], group.skills[1]),
                        std::max(group.skills[0], group.skills[1])}) {
        if (third >= skill) ++third;
      }
      group.skills.push_back(third);
    }
    for (int t : group.skills) {
      group.skill_specs.push_back(SkillSpec{.call_type = t, .priority = 1});
    }
    group.staffing.assign(ipd, 0);
    s.agent_groups.push_back(group);
  }
  return s;
}

// Offered load (erlangs) of the scenario's busiest interval.
double PeakOfferedErlangs(const Scenario& s) {
  double peak = 0;
  for (int i = 0; i < s.intervals_per_day(); ++i) {
    double total = 0;
    for (const CallTypeSpec& t : s.call_types) {
      total += t.rate_per_s[i] * t.handle_time.Mean();
    }
    peak = std::max(peak, total);
  }
  return peak;
}

// Agent hours per day and the most agents in any interval, over all groups.
struct StaffingTotals {
  double agent_hours = 0;
  int peak_agents = 0;
};
StaffingTotals Totals(const Scenario& s,
                      const std::vector<std::vector<int>>& staffing) {
  StaffingTotals out;
  const double hours = s.interval.seconds() / 3600.0;
  for (int i = 0; i < s.intervals_per_day(); ++i) {
    int agents = 0;
    for (const std::vector<int>& g : staffing) agents += g[i];
    out.agent_hours += agents * hours;
    out.peak_agents = std::max(out.peak_agents, agents);
  }
  return out;
}

// Intervals whose goal fails.
int FailingIntervals(const std::vector<GoalCheck>& checks) {
  int n = 0;
  for (const GoalCheck& c : checks) n += c.interval >= 0 && !c.met;
  return n;
}

// The goal is judged on all calls of an interval together: a call type may
// stay below the target over the day. The lowest service level of a call
// type over the day, and the call types below `target`.
struct TypeServiceLevels {
  double worst = 1;
  int below = 0;
};
TypeServiceLevels ByType(const RunResult& r, double target) {
  TypeServiceLevels out;
  for (const NamedEstimates& t : r.call_types) {
    const double sl = t.metrics[static_cast<int>(Metric::kServiceLevel)].mean;
    if (std::isnan(sl)) continue;
    out.worst = std::min(out.worst, sl);
    out.below += sl < target;
  }
  return out;
}

void BM_StaffMultiSkillDay(benchmark::State& state) {
  const Scenario s = MultiSkillCentre();
  if (absl::Status st = CheckRunnable(s); !st.ok()) {
    state.SkipWithError(std::string(st.message()).c_str());
    return;
  }
  StaffingOptions options;
  options.threads = 2;
  // The removal pass tries each interval and group with agents (24 open
  // intervals x 89 groups) at least once: the search takes about 3,900
  // simulations, near the default limit of 5,000.
  options.max_evaluations = 50000;
  std::optional<StaffingPlan> plan;
  for (auto _ : state) {
    absl::StatusOr<StaffingPlan> p = FindStaffing(s, options);
    if (!p.ok()) {
      state.SkipWithError(std::string(p.status().message()).c_str());
      return;
    }
    plan = *std::move(p);
    benchmark::DoNotOptimize(plan);
  }
  // Not timed: the Erlang split simulated with the same seed and
  // replications (the search's first evaluation) and judged.
  Scenario split = s;
  std::vector<std::vector<int>> plan_staffing, split_staffing;
  for (size_t g = 0; g < s.agent_groups.size(); ++g) {
    plan_staffing.push_back(plan->groups[g].agents);
    split_staffing.push_back(plan->groups[g].erlang);
    split.agent_groups[g].staffing = plan->groups[g].erlang;
  }
  RunOptions run;
  run.threads = 2;
  std::vector<ReplicationResult> reps;
  run.replications_out = &reps;
  absl::StatusOr<RunResult> r = RunScenario(split, run);
  if (!r.ok()) {
    state.SkipWithError(std::string(r.status().message()).c_str());
    return;
  }
  const std::vector<GoalCheck> split_checks =
      JudgeGoals(split, plan->goals, *r, reps, /*confidence=*/false);
  const StaffingTotals found = Totals(s, plan_staffing);
  const StaffingTotals erlang = Totals(s, split_staffing);
  const int sl = static_cast<int>(Metric::kServiceLevel);
  state.counters["simulations"] = plan->evaluations;
  // Calls of one evaluation times the evaluations run.
  state.counters["simulated_calls"] =
      static_cast<double>(plan->result.calls) * plan->evaluations;
  state.counters["all_met"] = plan->all_met ? 1 : 0;
  state.counters["peak_erlangs"] = PeakOfferedErlangs(s);
  state.counters["agent_hours_plan"] = plan->cost;
  state.counters["agent_hours_erlang_split"] = erlang.agent_hours;
  state.counters["peak_agents_plan"] = found.peak_agents;
  state.counters["peak_agents_erlang_split"] = erlang.peak_agents;
  state.counters["intervals_failing_plan"] = FailingIntervals(plan->checks);
  state.counters["intervals_failing_erlang_split"] =
      FailingIntervals(split_checks);
  state.counters["sl_day_plan"] = plan->result.total[sl].mean;
  state.counters["sl_day_erlang_split"] = r->total[sl].mean;
  const TypeServiceLevels plan_types =
      ByType(plan->result, s.service_level.target);
  const TypeServiceLevels split_types = ByType(*r, s.service_level.target);
  state.counters["worst_type_sl_plan"] = plan_types.worst;
  state.counters["worst_type_sl_erlang_split"] = split_types.worst;
  state.counters["types_below_target_plan"] = plan_types.below;
  state.counters["types_below_target_erlang_split"] = split_types.below;
}
BENCHMARK(BM_StaffMultiSkillDay)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace ccsim
