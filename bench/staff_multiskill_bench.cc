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
// The centre is ccsim::MultiSkillCentreScenario() (ccsim/bench.h; built in
// sim/run/bench_scenarios.cc, which `ccsim bench` measures staffed by the
// same Erlang split), generated with a fixed generator so that it is the
// same on every machine; cost 1 per agent hour.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "ccsim/bench.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing.h"

namespace ccsim {
namespace {

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
  const Scenario s = MultiSkillCentreScenario();
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
