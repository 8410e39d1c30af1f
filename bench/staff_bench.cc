// ccsim staff on the water utility: the staffing requirement of its three
// groups for one week (days 1-7 of scenarios/water-utility.yaml, 4
// replications per evaluation, 2 threads), and the same with the shift
// schedule. One search per iteration; reports the wall time, the
// simulations run and the calls simulated.
#include "benchmark/benchmark.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/staffing.h"

namespace ccsim {
namespace {

void StaffWaterUtilityWeek(benchmark::State& state, bool schedule) {
  absl::StatusOr<Scenario> s = LoadScenarioFile(
      std::string(CCSIM_SOURCE_DIR) + "/scenarios/water-utility.yaml");
  if (!s.ok()) {
    state.SkipWithError(std::string(s.status().message()).c_str());
    return;
  }
  s->horizon = Time::Days(7);
  s->replications = 4;
  StaffingOptions options;
  options.threads = 2;
  options.schedule = schedule;
  int evaluations = 0;
  double calls = 0;
  for (auto _ : state) {
    absl::StatusOr<StaffingPlan> plan = FindStaffing(*s, options);
    if (!plan.ok()) {
      state.SkipWithError(std::string(plan.status().message()).c_str());
      return;
    }
    evaluations = plan->evaluations;
    // Calls of one evaluation times the evaluations run.
    calls = static_cast<double>(plan->result.calls) * evaluations;
    benchmark::DoNotOptimize(plan);
  }
  state.counters["simulations"] = evaluations;
  state.counters["simulated_calls"] = calls;
}

void BM_StaffWaterUtilityWeek(benchmark::State& state) {
  StaffWaterUtilityWeek(state, /*schedule=*/false);
}
BENCHMARK(BM_StaffWaterUtilityWeek)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

void BM_StaffWaterUtilityWeekSchedule(benchmark::State& state) {
  StaffWaterUtilityWeek(state, /*schedule=*/true);
}
BENCHMARK(BM_StaffWaterUtilityWeekSchedule)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace ccsim
