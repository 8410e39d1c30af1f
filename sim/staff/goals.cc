// Staffing goals: parsing, and judging them on a run (per reported
// interval, per day or over the horizon).
#include <algorithm>
#include <cmath>
#include <string>

#include "absl/strings/numbers.h"
#include "ccsim/staffing.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"

namespace ccsim {

namespace {

// A goal metric over several intervals is a ratio of sums; each interval's
// value gives its numerator and denominator.
struct Ratio {
  double num = 0, den = 0;
};

Ratio RatioParts(Metric m, const MetricValues& v) {
  auto weighted = [&](Metric by) {
    const double w = v[by];
    if (!(w > 0) || std::isnan(v[m])) return Ratio{0, 0};
    return Ratio{v[m] * w, w};
  };
  switch (m) {
    case Metric::kAnswerRate:
      return v[Metric::kOffered] > 0
                 ? Ratio{v[Metric::kAnswered], v[Metric::kOffered]}
                 : Ratio{};
    case Metric::kAbandonRate:
      return v[Metric::kOffered] > 0
                 ? Ratio{v[Metric::kAbandoned], v[Metric::kOffered]}
                 : Ratio{};
    case Metric::kServiceLevel:
    case Metric::kMeanWait:
    case Metric::kPWait:
      return weighted(Metric::kOffered);
    case Metric::kServiceLevelAnswered:
    case Metric::kAsa:
      return weighted(Metric::kAnswered);
    case Metric::kOccupancy:
      return weighted(Metric::kStaffedHours);
    default:
      return Ratio{};
  }
}

bool Meets(const StaffingGoal& g, const Estimate& e, bool confidence) {
  if (e.n == 0 || std::isnan(e.mean)) return true;  // nothing to judge
  double v = e.mean;
  if (confidence && !std::isnan(e.ci95)) {
    v += g.op == GoalOp::kAtLeast ? -e.ci95 : e.ci95;
  }
  return g.op == GoalOp::kAtLeast ? v >= g.value : v <= g.value;
}

}  // namespace

const std::vector<Metric>& GoalMetrics() {
  static const std::vector<Metric> metrics = {
      Metric::kServiceLevel, Metric::kServiceLevelAnswered,
      Metric::kAnswerRate,   Metric::kAbandonRate,
      Metric::kAsa,          Metric::kMeanWait,
      Metric::kPWait,        Metric::kOccupancy};
  return metrics;
}

absl::StatusOr<Metric> GoalMetricByName(std::string_view name) {
  std::string names;
  for (Metric m : GoalMetrics()) {
    if (MetricName(m) == name) return m;
    if (!names.empty()) names += ", ";
    names += MetricName(m);
  }
  return absl::InvalidArgumentError(fmt::format(
      "'{}' cannot be a staffing goal; expected one of {}", name, names));
}

absl::Status CheckStaffingGoal(const StaffingGoal& goal) {
  if (absl::StatusOr<Metric> m = GoalMetricByName(MetricName(goal.metric));
      !m.ok()) {
    return m.status();
  }
  const std::string_view name = MetricName(goal.metric);
  const bool rate =
      goal.metric != Metric::kAsa && goal.metric != Metric::kMeanWait;
  if (!std::isfinite(goal.value)) {
    return absl::InvalidArgumentError(
        fmt::format("{} needs a finite target, got {}", name, goal.value));
  }
  if (rate && (goal.value < 0 || goal.value > 1)) {
    return absl::InvalidArgumentError(
        fmt::format("{} is a share from 0 to 1, found {}", name, goal.value));
  }
  if (!rate && goal.value < 0) {
    return absl::InvalidArgumentError(fmt::format(
        "{} is in seconds and cannot be negative, found {}", name, goal.value));
  }
  if (goal.metric == Metric::kOccupancy && goal.op == GoalOp::kAtLeast) {
    return absl::InvalidArgumentError(
        "a floor on occupancy is met by removing agents until callers wait "
        "without end; use occupancy<=VALUE");
  }
  const bool lower_is_better =
      goal.metric == Metric::kAsa || goal.metric == Metric::kMeanWait ||
      goal.metric == Metric::kAbandonRate || goal.metric == Metric::kPWait ||
      goal.metric == Metric::kOccupancy;
  if (goal.op == GoalOp::kAtLeast && lower_is_better) {
    return absl::InvalidArgumentError(
        fmt::format("more agents lower {}; use {}<=VALUE", name, name));
  }
  if (goal.op == GoalOp::kAtMost && !lower_is_better) {
    return absl::InvalidArgumentError(
        fmt::format("more agents raise {}; use {}>=VALUE", name, name));
  }
  // Goals that hold with no agents.
  if ((goal.op == GoalOp::kAtLeast && goal.value <= 0) ||
      (goal.op == GoalOp::kAtMost && rate && goal.value >= 1)) {
    return absl::InvalidArgumentError(
        "always met whatever the staffing; give a target that asks for "
        "something");
  }
  return absl::OkStatus();
}

absl::StatusOr<StaffingGoal> ParseStaffingGoal(std::string_view text) {
  StaffingGoal goal;
  std::string_view rest = text;
  if (size_t at = rest.find('@'); at != std::string_view::npos) {
    const std::string_view period = rest.substr(at + 1);
    if (period == "interval") {
      goal.period = GoalPeriod::kInterval;
    } else if (period == "day") {
      goal.period = GoalPeriod::kDay;
    } else if (period == "horizon") {
      goal.period = GoalPeriod::kHorizon;
    } else {
      return absl::InvalidArgumentError(fmt::format(
          "goal '{}': expected @interval, @day or @horizon after the value, "
          "found '@{}'",
          text, period));
    }
    rest = rest.substr(0, at);
  }
  size_t op_at = rest.find(">=");
  goal.op = GoalOp::kAtLeast;
  if (op_at == std::string_view::npos) {
    op_at = rest.find("<=");
    goal.op = GoalOp::kAtMost;
  }
  if (op_at == std::string_view::npos) {
    return absl::InvalidArgumentError(
        fmt::format("goal '{}': expected METRIC>=VALUE or METRIC<=VALUE, e.g. "
                    "service_level>=0.8",
                    text));
  }
  const std::string_view name = rest.substr(0, op_at);
  const std::string_view value = rest.substr(op_at + 2);
  absl::StatusOr<Metric> metric = GoalMetricByName(name);
  if (!metric.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("goal '{}': {}", text, MessageOf(metric.status())));
  }
  goal.metric = *metric;
  if (!absl::SimpleAtod(absl::string_view(value.data(), value.size()),
                        &goal.value)) {
    return absl::InvalidArgumentError(
        fmt::format("goal '{}': expected a number after the comparison, "
                    "found '{}'",
                    text, value));
  }
  if (absl::Status st = CheckStaffingGoal(goal); !st.ok()) {
    return absl::InvalidArgumentError(
        fmt::format("goal '{}': {}", text, MessageOf(st)));
  }
  return goal;
}

std::string DescribeGoal(const StaffingGoal& goal) {
  const char* period = goal.period == GoalPeriod::kInterval ? "per interval"
                       : goal.period == GoalPeriod::kDay    ? "per day"
                                                         : "over the horizon";
  return fmt::format("{} {} {} {}", MetricName(goal.metric),
                     goal.op == GoalOp::kAtLeast ? ">=" : "<=", goal.value,
                     period);
}

namespace {

// A goal metric over the reported intervals `in` of each replication, as a
// ratio of sums, summarised over replications.
template <class In>
Estimate Pooled(Metric m, const std::vector<ReplicationResult>& reps,
                size_t intervals, In in) {
  std::vector<double> values;
  for (const ReplicationResult& r : reps) {
    Ratio sum;
    for (size_t i = 0; i < intervals; ++i) {
      if (!in(i)) continue;
      const Ratio p = RatioParts(m, r.intervals[i]);
      sum.num += p.num;
      sum.den += p.den;
    }
    values.push_back(sum.den > 0 ? sum.num / sum.den : std::nan(""));
  }
  return Summarize(values);
}

}  // namespace

std::vector<GoalCheck> JudgeGoals(
    const Scenario& scenario, const std::vector<StaffingGoal>& goals,
    const RunResult& result, const std::vector<ReplicationResult>& replications,
    bool confidence, DayRange days) {
  (void)scenario;
  std::vector<GoalCheck> checks;
  const size_t n = result.intervals.size();
  auto in_range = [&](size_t i) {
    const int d = result.intervals[i].day;
    return d >= days.first && d <= days.last;
  };
  const bool all_days = n == 0 || (in_range(0) && in_range(n - 1));
  for (size_t gi = 0; gi < goals.size(); ++gi) {
    const StaffingGoal& g = goals[gi];
    const int metric = static_cast<int>(g.metric);
    auto check = [&](int day, int interval, const Estimate& e) {
      checks.push_back(GoalCheck{.goal = static_cast<int>(gi),
                                 .day = day,
                                 .interval = interval,
                                 .value = e,
                                 .met = Meets(g, e, confidence)});
    };
    switch (g.period) {
      case GoalPeriod::kInterval:
        for (size_t i = 0; i < n; ++i) {
          if (!in_range(i)) continue;
          check(result.intervals[i].day, static_cast<int>(i),
                result.intervals[i].metrics[metric]);
        }
        break;
      case GoalPeriod::kHorizon:
        check(0, -1,
              all_days ? result.total[metric]
                       : Pooled(g.metric, replications, n, in_range));
        break;
      case GoalPeriod::kDay: {
        // The reported days, in order (day 1 = the day the warm-up ends).
        int last = 0;
        for (size_t i = 0; i < n; ++i) {
          const int d = result.intervals[i].day;
          if (d == last || !in_range(i)) continue;
          last = d;
          check(d, -1, Pooled(g.metric, replications, n, [&](size_t j) {
                  return result.intervals[j].day == d;
                }));
        }
        break;
      }
    }
  }
  return checks;
}

}  // namespace ccsim
