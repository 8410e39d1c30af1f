// Adding agents where a goal fails (see sim/staff/search.h): half the gap
// to Erlang on the load simulated, at least one agent, to the busiest group
// per unit of cost; a slot whose goal stops improving is called
// unreachable.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "ccsim/erlang.h"
#include "sim/staff/search.h"

namespace ccsim::staff {

// Extra agents a slot may receive without its goal values improving before
// the search calls its goal unreachable.
constexpr int kStallLimit = 6;

// The slots to add an agent to: for a per-interval goal, every slot with
// a failing interval; for a failing day or horizon goal, the worst tenth
// of the slots of that period by the goal's metric.
std::vector<int> Search::FailingSlots(const Evaluation& e) const {
  std::vector<bool> fail(nslots_, false);
  for (const GoalCheck& c : e.checks) {
    if (c.met) continue;
    if (c.interval >= 0) {
      if (!Unreachable(c.interval)) fail[SlotOf(c.interval)] = true;
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
      if (Unreachable(static_cast<int64_t>(i))) continue;
      const int slot = SlotOf(static_cast<int64_t>(i));
      by_value.push_back({g.op == GoalOp::kAtLeast ? v.mean : -v.mean, slot});
    }
    std::sort(by_value.begin(), by_value.end());
    const size_t take = std::max<size_t>(1, by_value.size() / 10);
    for (size_t k = 0; k < std::min(take, by_value.size()); ++k) {
      fail[by_value[k].second] = true;
    }
  }
  std::vector<int> out;
  for (int s = 0; s < nslots_; ++s) {
    if (fail[s]) out.push_back(s);
  }
  return out;
}

// The searched group to give one more agent in `slot`: the busiest per
// unit of cost in that slot's intervals (a group without agents there
// counts as fully busy).
int Search::GroupToAdd(const Evaluation& e, int slot) const {
  int best = -1;
  double best_score = -1;
  for (size_t g = 0; g < searched_.size(); ++g) {
    if (!searched_[g] || !eligible_[g][SlotOfDay(slot)]) continue;
    if (plan_[g][slot] >= options_.max_agents) continue;
    double occ = 0;
    bool any = false;
    const auto& series = e.result.agent_group_intervals;
    const size_t n = e.result.intervals.size();
    for (size_t i = 0; i < n; ++i) {
      if (SlotOf(static_cast<int64_t>(i)) != slot) continue;
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
int Search::ObservedNeed(const Evaluation& e, int slot) const {
  const double seconds = work_.interval.seconds();
  int need = 0;
  for (size_t i = 0; i < e.result.intervals.size(); ++i) {
    if (SlotOf(static_cast<int64_t>(i)) != slot) continue;
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
double Search::WorstFailing(const Evaluation& e, int slot) const {
  double worst = std::nan("");
  for (const GoalCheck& c : e.checks) {
    if (c.met || c.interval < 0 || SlotOf(c.interval) != slot) continue;
    const double v = Score(c);
    if (std::isnan(worst) || v < worst) worst = v;
  }
  return worst;
}

absl::Status Search::AddWhereFailing() {
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
}  // namespace ccsim::staff
