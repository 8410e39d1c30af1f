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
#include "sim/staff/estimate.h"
#include "sim/staff/schedule.h"

namespace ccsim {

namespace {

// Returns the status of `expr` when it is an error.
#define CCSIM_STAFF_TRY(expr)               \
  if (absl::Status st = (expr); !st.ok()) { \
    return st;                              \
  }

// Extra agents a slot may receive without its goal values improving before
// the search calls its goal unreachable.
constexpr int kStallLimit = 6;

using staff::Evaluation;

class Search {
 public:
  Search(const Scenario& scenario, const StaffingOptions& options,
         std::vector<StaffingGoal> goals)
      : original_(scenario),
        work_(scenario),
        options_(options),
        goals_(std::move(goals)) {
    ipd_ = scenario.intervals_per_day();
    first_ = scenario.warmup_intervals();
    for (AgentGroupSpec& g : work_.agent_groups) {
      // A dated staffing is searched as one staffing per interval of the
      // day (the plan repeats every day).
      g.staffing_by_interval.clear();
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
      g.shifts.clear();
      g.late_login.reset();
      g.early_logout.reset();
      g.aux_per_hour = 0;
      g.aux_duration.reset();
      g.break_cap_agents = -1;
      g.break_cap_share = -1;
    }
    for (size_t g = 0; g < scenario.agent_groups.size(); ++g) {
      cost_.push_back(g < options.cost_per_hour.size()
                          ? options.cost_per_hour[g]
                          : scenario.agent_groups[g].cost_per_hour);
    }
    run_.threads = options.threads;
    run_.replications = options.replications;
    run_.seed = options.seed;
  }

  absl::StatusOr<StaffingPlan> Find() {
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
        ErlangEstimate(work_, searched_, eligible_, sl_target_);
    for (size_t g = 0; g < searched_.size(); ++g) {
      if (!searched_[g]) continue;
      for (int slot = 0; slot < ipd_; ++slot) {
        Staffing(g)[slot] = std::min(erlang[g][slot], options_.max_agents);
      }
    }
    CCSIM_STAFF_TRY(Evaluate("estimate", &best_));
    stalled_.assign(ipd_, 0);
    best_value_.assign(ipd_, std::nan(""));
    unreachable_.assign(ipd_, false);
    no_group_.assign(ipd_, false);
    CCSIM_STAFF_TRY(AddWhereFailing());
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
  absl::StatusOr<ShiftSchedule> Schedule(const StaffingPlan& plan) {
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
        in.requirement[g] = plan.groups[g].agents;
      } else if (searched_[g]) {
        scenario.agent_groups[g].staffing = plan.groups[g].agents;
      }
    }
    in.scenario = &scenario;
    in.evaluate = [this](const Scenario& s, std::string_view phase,
                         Evaluation* out) {
      return EvaluateScenario(s, phase, out);
    };
    return staff::ScheduleShifts(in);
  }

 private:
  std::vector<int>& Staffing(size_t g) {
    return work_.agent_groups[g].staffing;
  }
  int SlotOf(int reported) const {
    return static_cast<int>((first_ + reported) % ipd_);
  }

  absl::Status Evaluate(std::string_view phase, Evaluation* out) {
    return EvaluateScenario(work_, phase, out);
  }

  absl::Status EvaluateScenario(const Scenario& scenario,
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
  bool AllMet(const Evaluation& e) const {
    for (const GoalCheck& c : e.checks) {
      if (c.met) continue;
      if (c.interval >= 0 && unreachable_[SlotOf(c.interval)]) continue;
      return false;
    }
    return true;
  }

  // How far a failing check is from its goal, larger = better.
  double Score(const GoalCheck& c) const {
    const StaffingGoal& g = goals_[c.goal];
    return g.op == GoalOp::kAtLeast ? c.value.mean : -c.value.mean;
  }

  // The slots to add an agent to: for a per-interval goal, every slot with
  // a failing interval; for a failing day or horizon goal, the worst tenth
  // of the slots of that period by the goal's metric.
  std::vector<int> FailingSlots(const Evaluation& e) const {
    std::vector<bool> fail(ipd_, false);
    for (const GoalCheck& c : e.checks) {
      if (c.met) continue;
      if (c.interval >= 0) {
        if (!unreachable_[SlotOf(c.interval)]) fail[SlotOf(c.interval)] = true;
        continue;
      }
      const StaffingGoal& g = goals_[c.goal];
      std::vector<std::pair<double, int>> by_value;
      const size_t n = e.result.intervals.size();
      for (size_t i = 0; i < n; ++i) {
        if (c.day > 0 && e.result.intervals[i].day != c.day) continue;
        const Estimate& v =
            e.result.intervals[i].metrics[static_cast<int>(g.metric)];
        if (v.n == 0 || std::isnan(v.mean)) continue;
        const int slot = SlotOf(static_cast<int>(i));
        if (unreachable_[slot]) continue;
        by_value.push_back({g.op == GoalOp::kAtLeast ? v.mean : -v.mean, slot});
      }
      std::sort(by_value.begin(), by_value.end());
      const size_t take = std::max<size_t>(1, by_value.size() / 10);
      for (size_t k = 0; k < std::min(take, by_value.size()); ++k) {
        fail[by_value[k].second] = true;
      }
    }
    std::vector<int> out;
    for (int s = 0; s < ipd_; ++s) {
      if (fail[s]) out.push_back(s);
    }
    return out;
  }

  // The searched group to give one more agent in `slot`: the busiest per
  // unit of cost in that slot's intervals (a group without agents there
  // counts as fully busy).
  int GroupToAdd(const Evaluation& e, int slot) const {
    int best = -1;
    double best_score = -1;
    for (size_t g = 0; g < searched_.size(); ++g) {
      if (!searched_[g] || !eligible_[g][slot]) continue;
      if (work_.agent_groups[g].staffing[slot] >= options_.max_agents) {
        continue;
      }
      double occ = 0;
      bool any = false;
      const auto& series = e.result.agent_group_intervals;
      const size_t n = e.result.intervals.size();
      for (size_t i = 0; i < n; ++i) {
        if (SlotOf(static_cast<int>(i)) != slot) continue;
        const Estimate& v =
            series.empty()
                ? e.result.intervals[i]
                      .metrics[static_cast<int>(Metric::kOccupancy)]
                : series[g][i].metrics[static_cast<int>(Metric::kOccupancy)];
        // No agents there: nothing says the group is busy.
        const double x = v.n == 0 || std::isnan(v.mean) ? 0.0 : v.mean;
        occ = any ? std::max(occ, x) : x;
        any = true;
      }
      const double score = occ / cost_[g];
      // Ties (e.g. no agents anywhere yet) go to the cheaper group.
      if (score > best_score ||
          (score == best_score && best >= 0 && cost_[g] < cost_[best])) {
        best_score = score;
        best = static_cast<int>(g);
      }
    }
    return best;
  }

  // Erlang C (A when every call type has a patience) for the service-level
  // target on the load offered to agents in the slot's intervals, as
  // simulated: the most agents any day asks for.
  int ObservedNeed(const Evaluation& e, int slot) const {
    const double seconds = work_.interval.seconds();
    int need = 0;
    for (size_t i = 0; i < e.result.intervals.size(); ++i) {
      if (SlotOf(static_cast<int>(i)) != slot) continue;
      const MetricEstimates& m = e.result.intervals[i].metrics;
      const double offered = m[static_cast<int>(Metric::kOffered)].mean;
      const double aht = m[static_cast<int>(Metric::kAht)].mean;
      if (!(offered > 0) || !(aht > 0)) continue;
      ErlangInput in;
      in.arrival_rate_per_s = offered / seconds;
      in.mean_handle_s = aht;
      in.threshold_s = work_.service_level.threshold.seconds();
      in.mean_patience_s = mean_patience_;
      absl::StatusOr<int> n = AgentsForServiceLevel(in, sl_target_);
      need = std::max(need, n.ok() ? *n : 0);
    }
    return need;
  }

  // The worst value of the slot's failing per-interval checks (NaN when
  // none fails).
  double WorstFailing(const Evaluation& e, int slot) const {
    double worst = std::nan("");
    for (const GoalCheck& c : e.checks) {
      if (c.met || c.interval < 0 || SlotOf(c.interval) != slot) continue;
      const double v = Score(c);
      if (std::isnan(worst) || v < worst) worst = v;
    }
    return worst;
  }

  absl::Status AddWhereFailing() {
    while (!AllMet(best_)) {
      const std::vector<int> slots = FailingSlots(best_);
      bool added = false;
      for (int slot : slots) {
        const double worst = WorstFailing(best_, slot);
        if (!std::isnan(worst)) {
          if (!std::isnan(best_value_[slot]) &&
              worst <= best_value_[slot] + 1e-9) {
            if (++stalled_[slot] >= kStallLimit) {
              unreachable_[slot] = true;
              continue;
            }
          } else {
            stalled_[slot] = 0;
            best_value_[slot] = worst;
          }
        }
        const int g = GroupToAdd(best_, slot);
        if (g < 0) {
          unreachable_[slot] = true;
          no_group_[slot] = true;
          continue;
        }
        // Half the gap to what Erlang asks for the load the simulation
        // offered to agents there (the IVR, redials and incidents
        // included), at least one agent: far from the goal the search
        // takes long strides, near it single steps.
        int total = 0;
        for (size_t h = 0; h < searched_.size(); ++h) {
          if (searched_[h]) total += Staffing(h)[slot];
        }
        const int step = std::max(1, (ObservedNeed(best_, slot) - total) / 2);
        int& n = Staffing(g)[slot];
        n = std::min(options_.max_agents, n + step);
        added = true;
      }
      if (!added) {
        if (AllMet(best_)) break;
        // Only period goals fail and no slot can take another agent.
        break;
      }
      CCSIM_STAFF_TRY(Evaluate("add", &best_));
    }
    return absl::OkStatus();
  }

  // The intervals of the day in the order agents are taken away: with
  // per-interval goals, in time order; with a period goal, the intervals
  // with the most room above (or below) its target first, where an agent
  // less costs the period least.
  std::vector<int> RemovalOrder(bool period_goals) const {
    std::vector<int> order(ipd_);
    for (int slot = 0; slot < ipd_; ++slot) order[slot] = slot;
    if (!period_goals) return order;
    const StaffingGoal* goal = nullptr;
    for (const StaffingGoal& g : goals_) {
      if (g.period != GoalPeriod::kInterval) {
        goal = &g;
        break;
      }
    }
    std::vector<double> room(ipd_, 0.0);
    std::vector<int> seen(ipd_, 0);
    const int metric = static_cast<int>(goal->metric);
    for (size_t i = 0; i < best_.result.intervals.size(); ++i) {
      const Estimate& v = best_.result.intervals[i].metrics[metric];
      if (v.n == 0 || std::isnan(v.mean)) continue;
      const int slot = SlotOf(static_cast<int>(i));
      room[slot] += goal->op == GoalOp::kAtLeast ? v.mean - goal->value
                                                 : goal->value - v.mean;
      ++seen[slot];
    }
    for (int slot = 0; slot < ipd_; ++slot) {
      // No calls there: agents are idle, the first to go.
      room[slot] = seen[slot] > 0 ? room[slot] / seen[slot] : 1e9;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return room[a] > room[b]; });
    return order;
  }

  absl::Status RemoveUnneeded() {
    if (!AllMet(best_)) return absl::OkStatus();
    bool period_goals = false;
    for (const StaffingGoal& g : goals_) {
      period_goals = period_goals || g.period != GoalPeriod::kInterval;
    }
    // Groups in order of falling cost: the dearest agent goes first.
    std::vector<size_t> order;
    for (size_t g = 0; g < searched_.size(); ++g) {
      if (searched_[g]) order.push_back(g);
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return cost_[a] > cost_[b]; });
    Evaluation trial;
    for (bool changed = true; changed;) {
      changed = false;
      for (int slot : RemovalOrder(period_goals)) {
        for (size_t g : order) {
          // Galloping: after a removal that keeps every goal, try twice as
          // many; after one that breaks a goal, go back to single agents.
          // The last try always takes away a single agent and fails, so
          // the plan ends minimal in this slot and group.
          int& n = Staffing(g)[slot];
          for (int step = 1; n > 0;) {
            step = std::min(step, n);
            n -= step;
            CCSIM_STAFF_TRY(Evaluate("remove", &trial));
            if (AllMet(trial)) {
              std::swap(best_, trial);
              changed = true;
              step *= 2;
              continue;
            }
            n += step;
            if (step == 1) break;
            step = 1;
          }
        }
      }
      // With per-interval goals alone one pass suffices: taking agents
      // away never helps another interval. A period goal may let a later
      // removal free room for an earlier one.
      if (!period_goals) break;
    }
    return absl::OkStatus();
  }

  StaffingPlan MakePlan(const std::vector<std::vector<int>>& erlang) {
    StaffingPlan plan;
    plan.goals = goals_;
    const double hours = work_.interval.seconds() / 3600.0;
    for (size_t g = 0; g < searched_.size(); ++g) {
      const AgentGroupSpec& spec = work_.agent_groups[g];
      GroupPlan gp;
      gp.name = spec.name;
      gp.searched = searched_[g];
      gp.from_shifts = from_shifts_[g];
      gp.cost_per_hour = cost_[g];
      if (gp.searched) {
        gp.agents = spec.staffing;
        gp.erlang = erlang[g];
        gp.current = original_staffing_[g];
        for (int n : gp.agents) gp.agent_hours += n * hours;
        for (int n : gp.current) gp.current_hours += n * hours;
        plan.cost += gp.agent_hours * gp.cost_per_hour;
      }
      plan.groups.push_back(std::move(gp));
    }
    plan.checks = best_.checks;
    for (int slot = 0; slot < ipd_; ++slot) {
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

 public:
  // Call before Find().
  void KeepOriginal() {
    for (const AgentGroupSpec& g : work_.agent_groups) {
      original_staffing_.push_back(g.staffing);
    }
  }

 private:
  const Scenario& original_;
  Scenario work_;
  const StaffingOptions& options_;
  const std::vector<StaffingGoal> goals_;
  std::vector<bool> searched_;
  std::vector<bool> from_shifts_;
  // eligible_[g][slot]: the group may be given agents in that interval of
  // the day (a group on shifts only where a shift row, moved by a start
  // offset, can work).
  std::vector<std::vector<bool>> eligible_;
  std::vector<double> cost_;
  std::vector<std::vector<int>> original_staffing_;
  RunOptions run_;
  double sl_target_ = 0.8;
  std::optional<double> mean_patience_;  // of all calls; none: Erlang C
  int ipd_ = 0;
  int64_t first_ = 0;
  int evaluations_ = 0;
  Evaluation best_;
  std::vector<int> stalled_;
  std::vector<double> best_value_;
  std::vector<bool> unreachable_;
  std::vector<bool> no_group_;  // unreachable: no group may get agents
};

}  // namespace

absl::StatusOr<StaffingPlan> FindStaffing(const Scenario& scenario,
                                          const StaffingOptions& options) {
  if (absl::Status st = CheckRunnable(scenario); !st.ok()) return st;
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
  Search search(scenario, options, std::move(goals));
  search.KeepOriginal();
  return search.Find();
}

#undef CCSIM_STAFF_TRY

}  // namespace ccsim
