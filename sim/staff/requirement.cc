// The staffing requirement search (see include/ccsim/staffing.h): an
// Erlang estimate, then simulation with common random numbers, adding
// agents where a goal fails and taking away those that are not needed.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "ccsim/erlang.h"
#include "ccsim/staffing.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"
#include "sim/staff/estimate.h"
#include "sim/staff/schedule.h"
#include "sim/staff/search.h"

namespace ccsim::staff {

Search::Search(const Scenario& scenario, const StaffingOptions& options,
               std::vector<StaffingGoal> goals)
    : original_(scenario),
      work_(scenario),
      options_(options),
      goals_(std::move(goals)) {
  ipd_ = scenario.intervals_per_day();
  first_ = scenario.warmup_intervals();
  dated_ = options.dated;
  nslots_ = ipd_;
  if (dated_) {
    // One slot per reported interval of the judged days.
    const int64_t total = scenario.total_intervals();
    const int64_t warmup_day = scenario.warmup / Time::Days(1);
    auto day_of = [&](int64_t k) { return k / ipd_ - warmup_day + 1; };
    int64_t k = first_;
    while (k < total && day_of(k) < options.days.first) ++k;
    first_slot_ = k - first_;
    while (k < total && day_of(k) <= options.days.last) {
      slot_interval_.push_back(k);
      ++k;
    }
    nslots_ = static_cast<int>(slot_interval_.size());
  }
  for (AgentGroupSpec& g : work_.agent_groups) {
    from_shifts_.push_back(!g.shifts.empty() && !options.keep_shift_groups);
    searched_.push_back(g.shifts.empty() || from_shifts_.back());
    eligible_.emplace_back(ipd_, true);
    if (!from_shifts_.back()) continue;
    for (int slot = 0; slot < ipd_; ++slot) {
      eligible_.back()[slot] =
          ShiftsCanCover(scenario, g, slot, options.start_offsets_min);
    }
    // Searched as a staffing level: agents available for calls.
    g.staffing = ShiftCoverage(scenario, g);
    g.staffing_by_interval.clear();
    scenario_internal::AsAvailableAgents(g);
  }
  for (size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    cost_.push_back(g < options.cost_per_hour.size()
                        ? options.cost_per_hour[g]
                        : scenario.agent_groups[g].cost_per_hour);
  }
  run_.threads = options.threads;
  run_.replications = options.replications;
  run_.seed = options.seed;
  // The plan's slots start at the scenario's staffing (what a dated plan
  // keeps outside them); the search starts them at the Erlang estimate.
  const int64_t total = scenario.total_intervals();
  for (size_t g = 0; g < work_.agent_groups.size(); ++g) {
    AgentGroupSpec& spec = work_.agent_groups[g];
    std::vector<int> current(static_cast<size_t>(nslots_), 0);
    if (dated_ && searched_[g]) {
      if (spec.staffing_by_interval.empty()) {
        spec.staffing_by_interval.resize(static_cast<size_t>(total));
        for (int64_t k = 0; k < total; ++k) {
          spec.staffing_by_interval[k] = spec.staffing[k % ipd_];
        }
      }
      for (int slot = 0; slot < nslots_; ++slot) {
        current[slot] = static_cast<int>(
            std::ceil(spec.staffing_by_interval[slot_interval_[slot]]));
      }
    } else if (searched_[g]) {
      // A dated staffing is searched as one staffing per interval of the
      // day (the plan repeats every day).
      spec.staffing_by_interval.clear();
      current = spec.staffing;
    }
    original_staffing_.push_back(current);
    plan_.push_back(current);
  }
}

absl::StatusOr<StaffingPlan> Search::Find() {
  sl_target_ = work_.service_level.target;
  for (const StaffingGoal& g : goals_) {
    if (g.metric == Metric::kServiceLevel && g.op == GoalOp::kAtLeast) {
      sl_target_ = g.value;
      break;
    }
  }
  sl_target_ = std::min(sl_target_, 0.999);
  double rate = 0, patience = 0;
  for (const CallTypeSpec& t : work_.call_types) {
    double r = 0;
    for (double x : t.rate_per_s) r += x;
    if (!t.patience.has_value()) {
      patience = -1;
      break;
    }
    rate += r;
    patience += r * t.patience->Mean();
  }
  if (patience > 0 && rate > 0) mean_patience_ = patience / rate;
  const std::vector<std::vector<int>> erlang =
      ErlangEstimate(work_, searched_, eligible_, sl_target_,
                     dated_ ? &slot_interval_ : nullptr);
  for (size_t g = 0; g < searched_.size(); ++g) {
    if (!searched_[g]) continue;
    for (int slot = 0; slot < nslots_; ++slot) {
      Staffing(g)[slot] = std::min(erlang[g][slot], options_.max_agents);
    }
  }
  CCSIM_STAFF_TRY(Evaluate("estimate", &best_));
  stalled_.assign(nslots_, 0);
  best_value_.assign(nslots_, std::nan(""));
  unreachable_.assign(nslots_, false);
  no_group_.assign(nslots_, false);
  CCSIM_STAFF_TRY(AddWhereFailing());
  if (dated_) CCSIM_STAFF_TRY(RemoveInRounds());
  CCSIM_STAFF_TRY(RemoveUnneeded());
  StaffingPlan plan = MakePlan(erlang);
  if (options_.schedule) {
    absl::StatusOr<ShiftSchedule> schedule = Schedule(plan);
    if (!schedule.ok()) return schedule.status();
    plan.schedule = *std::move(schedule);
    plan.evaluations = evaluations_;
  }
  return plan;
}

// The shift step: the original scenario, its staffing-level groups at
// their plan, and its shift groups' rows chosen to cover theirs.
absl::StatusOr<ShiftSchedule> Search::Schedule(const StaffingPlan& plan) {
  Scenario scenario = original_;
  staff::ScheduleInput in;
  in.goals = &goals_;
  in.cost_per_hour = cost_;
  in.max_iterations = options_.schedule_iterations;
  in.start_offsets_min = options_.start_offsets_min;
  in.sl_target = sl_target_;
  in.mean_patience_s = mean_patience_;
  in.requirement_run = &plan.result;
  in.solver_seconds = options_.solver_seconds;
  in.mip_gap = options_.mip_gap;
  in.requirement.resize(scenario.agent_groups.size());
  for (size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    if (from_shifts_[g]) {
      in.groups.push_back(static_cast<int>(g));
      // A dated requirement: the most any date asks for at that time of
      // day.
      in.requirement[g].assign(ipd_, 0);
      for (int slot = 0; slot < nslots_; ++slot) {
        int& r = in.requirement[g][SlotOfDay(slot)];
        r = std::max(r, plan.groups[g].agents[slot]);
      }
    } else if (searched_[g]) {
      AgentGroupSpec& spec = scenario.agent_groups[g];
      spec.staffing = work_.agent_groups[g].staffing;
      spec.staffing_by_interval = work_.agent_groups[g].staffing_by_interval;
    }
  }
  in.scenario = &scenario;
  in.evaluate = [this](const Scenario& s, std::string_view phase,
                       Evaluation* out) {
    return EvaluateScenario(s, phase, out);
  };
  return staff::ScheduleShifts(in);
}

// Writes the plan into the working scenario.
void Search::Apply() {
  for (size_t g = 0; g < searched_.size(); ++g) {
    if (!searched_[g]) continue;
    AgentGroupSpec& spec = work_.agent_groups[g];
    if (!dated_) {
      spec.staffing = plan_[g];
      continue;
    }
    for (int slot = 0; slot < nslots_; ++slot) {
      spec.staffing_by_interval[slot_interval_[slot]] = plan_[g][slot];
    }
    spec.staffing =
        scenario_internal::StaffingProfile(spec.staffing_by_interval, ipd_);
  }
}

absl::Status Search::Evaluate(std::string_view phase, Evaluation* out) {
  Apply();
  return EvaluateScenario(work_, phase, out);
}

absl::Status Search::EvaluateScenario(const Scenario& scenario,
                                      std::string_view phase, Evaluation* out) {
  if (evaluations_ >= options_.max_evaluations) {
    return absl::ResourceExhaustedError(
        fmt::format("the search needed more than {} simulations; raise "
                    "max_evaluations or simplify the goals",
                    options_.max_evaluations));
  }
  RunOptions run = run_;
  run.replications_out = &out->reps;
  absl::StatusOr<RunResult> r = RunScenario(scenario, run);
  if (!r.ok()) return r.status();
  out->result = *std::move(r);
  out->checks = JudgeGoals(scenario, goals_, out->result, out->reps,
                           options_.confidence, options_.days);
  ++evaluations_;
  if (options_.on_progress) options_.on_progress(evaluations_, phase);
  return absl::OkStatus();
}

// Every goal is met, leaving aside intervals whose goal is unreachable.
bool Search::AllMet(const Evaluation& e) const {
  for (const GoalCheck& c : e.checks) {
    if (c.met) continue;
    if (c.interval >= 0 && Unreachable(c.interval)) continue;
    return false;
  }
  return true;
}

// How far a failing check is from its goal, larger = better.
double Search::Score(const GoalCheck& c) const {
  const StaffingGoal& g = goals_[c.goal];
  return g.op == GoalOp::kAtLeast ? c.value.mean : -c.value.mean;
}

StaffingPlan Search::MakePlan(const std::vector<std::vector<int>>& erlang) {
  Apply();  // the plan, not the last trial
  StaffingPlan plan;
  plan.goals = goals_;
  plan.dated = dated_;
  plan.first_reported = first_slot_;
  for (int slot = 0; slot < nslots_; ++slot) {
    plan.slot_labels.push_back(SlotLabel(slot));
  }
  // Agent hours per day: a dated plan's slots span several days.
  const double days =
      dated_ ? std::max(1.0, static_cast<double>(nslots_) / ipd_) : 1.0;
  const double hours = work_.interval.seconds() / 3600.0 / days;
  for (size_t g = 0; g < searched_.size(); ++g) {
    const AgentGroupSpec& spec = work_.agent_groups[g];
    GroupPlan gp;
    gp.name = spec.name;
    gp.searched = searched_[g];
    gp.from_shifts = from_shifts_[g];
    gp.cost_per_hour = cost_[g];
    if (gp.searched) {
      gp.agents = plan_[g];
      if (dated_) gp.by_interval = spec.staffing_by_interval;
      gp.erlang = erlang[g];
      gp.current = original_staffing_[g];
      for (int n : gp.agents) gp.agent_hours += n * hours;
      for (int n : gp.current) gp.current_hours += n * hours;
      plan.cost += gp.agent_hours * gp.cost_per_hour;
    }
    plan.groups.push_back(std::move(gp));
  }
  plan.checks = best_.checks;
  for (int slot = 0; slot < nslots_; ++slot) {
    if (!unreachable_[slot]) continue;
    for (const GoalCheck& c : best_.checks) {
      if (c.met || c.interval < 0 || SlotOf(c.interval) != slot) continue;
      const StaffingGoal& g = goals_[c.goal];
      plan.unmet.push_back(fmt::format(
          "day {} {}: {} is {:.4g}, the goal {} cannot be met: {}", c.day,
          best_.result.intervals[c.interval].start, MetricName(g.metric),
          c.value.mean, DescribeGoal(g),
          no_group_[slot]
              ? "no group can be given agents then (a group on shifts "
                "only where a shift row, moved by the start offsets, "
                "works; every other group is at max_agents)"
              : "more agents no longer improve it (trunk lines, the IVR, "
                "patience or transfers limit it) or max_agents was "
                "reached"));
    }
  }
  for (const GoalCheck& c : best_.checks) {
    if (!c.met && c.interval < 0) {
      plan.unmet.push_back(
          fmt::format("{}{}: {} is {:.4g}, short of the goal {}",
                      c.day > 0 ? "day " : "the horizon",
                      c.day > 0 ? std::to_string(c.day) : "",
                      MetricName(goals_[c.goal].metric), c.value.mean,
                      DescribeGoal(goals_[c.goal])));
    }
  }
  plan.all_met = plan.unmet.empty();
  plan.evaluations = evaluations_;
  plan.result = std::move(best_.result);
  return plan;
}

// "HH:MM", or "YYYY-MM-DD HH:MM" for a dated plan's slot.
std::string Search::SlotLabel(int slot) const {
  const Time clock = work_.interval * SlotOfDay(slot);
  if (!dated_) return TableClock(work_, clock);
  const int64_t day =
      slot_interval_[slot] / ipd_ - work_.warmup / Time::Days(1);
  const Date d = work_.calendar.start_date.plus_days(day);
  return fmt::format("{:04}-{:02}-{:02} {}", d.year, d.month, d.day,
                     TableClock(work_, clock));
}
}  // namespace ccsim::staff

namespace ccsim {

absl::StatusOr<StaffingPlan> FindStaffing(const Scenario& scenario,
                                          const StaffingOptions& options) {
  if (absl::Status st = CheckRunnable(scenario); !st.ok()) return st;
  // The best plan's replications and a trial's are kept to judge goals.
  if (absl::Status st = CheckKeptReplications(
          scenario,
          2 * static_cast<uint64_t>(std::max(
                  options.replications.value_or(scenario.replications), 0)),
          "the staffing search");
      !st.ok()) {
    return st;
  }
  std::vector<StaffingGoal> goals =
      options.goals.empty() ? scenario.staffing_goals : options.goals;
  if (goals.empty()) {
    goals.push_back(StaffingGoal{.metric = Metric::kServiceLevel,
                                 .op = GoalOp::kAtLeast,
                                 .value = scenario.service_level.target,
                                 .period = GoalPeriod::kInterval});
  }
  for (const StaffingGoal& g : goals) {
    // The same checks as the command line's, for goals built in code.
    if (absl::Status st = CheckStaffingGoal(g); !st.ok()) {
      return absl::InvalidArgumentError(
          fmt::format("goal '{}': {}", DescribeGoal(g), MessageOf(st)));
    }
  }
  bool any = false;
  for (const AgentGroupSpec& g : scenario.agent_groups) {
    any = any || g.shifts.empty() || !options.keep_shift_groups;
  }
  if (!any) {
    return absl::InvalidArgumentError(
        "no agent group follows a staffing level (every group works "
        "shifts, and they are kept): the staffing requirement is found for "
        "groups with 'staffing:'");
  }
  for (size_t g = 0; g < options.cost_per_hour.size(); ++g) {
    if (!(options.cost_per_hour[g] > 0) ||
        !std::isfinite(options.cost_per_hour[g])) {
      return absl::InvalidArgumentError(fmt::format(
          "cost_per_hour of group {} must be a positive number", g));
    }
  }
  if (options.schedule && options.keep_shift_groups) {
    return absl::InvalidArgumentError(
        "a shift schedule covers the requirement of the groups on shifts: it "
        "cannot be made when they are kept as they are");
  }
  if (options.days.first < 1 || options.days.last < options.days.first) {
    return absl::InvalidArgumentError(
        "the days to judge goals on must run from day 1 or later, the first "
        "not after the last");
  }
  const int reported_days = static_cast<int>(
      (scenario.total_intervals() - scenario.warmup_intervals() +
       scenario.intervals_per_day() - 1) /
      scenario.intervals_per_day());
  if (options.days.first > reported_days) {
    return absl::InvalidArgumentError(fmt::format(
        "the days to judge goals on start at day {}, after the horizon's "
        "last day ({})",
        options.days.first, reported_days));
  }
  if (options.max_agents < 1) {
    return absl::InvalidArgumentError("max_agents must be at least 1");
  }
  staff::Search search(scenario, options, std::move(goals));
  return search.Find();
}

}  // namespace ccsim
