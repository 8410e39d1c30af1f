// Staffing goals: parsing, and judging them on a run (per reported
// interval, per day or over the horizon).
#include <cmath>
#include <string>

#include "absl/strings/numbers.h"
#include "ccsim/staffing.h"
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
  bool known = false;
  std::string names;
  for (Metric m : GoalMetrics()) {
    if (!names.empty()) names += ", ";
    names += MetricName(m);
    if (MetricName(m) == name) {
      goal.metric = m;
      known = true;
    }
  }
  if (!known) {
    return absl::InvalidArgumentError(
        fmt::format("goal '{}': '{}' cannot be a staffing goal; expected one "
                    "of {}",
                    text, name, names));
  }
  if (!absl::SimpleAtod(absl::string_view(value.data(), value.size()),
                        &goal.value) ||
      !std::isfinite(goal.value)) {
    return absl::InvalidArgumentError(
        fmt::format("goal '{}': expected a number after the comparison, "
                    "found '{}'",
                    text, value));
  }
  const bool rate =
      goal.metric != Metric::kAsa && goal.metric != Metric::kMeanWait;
  if (rate && (goal.value < 0 || goal.value > 1)) {
    return absl::InvalidArgumentError(fmt::format(
        "goal '{}': {} is a share from 0 to 1, found {}", text, name, value));
  }
  if (!rate && goal.value < 0) {
    return absl::InvalidArgumentError(fmt::format(
        "goal '{}': {} is in seconds and cannot be negative, found {}", text,
        name, value));
  }
  // Goals that hold with no agents, or that no staffing can reach.
  if ((goal.op == GoalOp::kAtLeast && goal.value <= 0) ||
      (goal.op == GoalOp::kAtMost && rate && goal.value >= 1)) {
    return absl::InvalidArgumentError(fmt::format(
        "goal '{}': always met whatever the staffing; give a target that "
        "asks for something",
        text));
  }
  if (goal.metric == Metric::kOccupancy && goal.op == GoalOp::kAtLeast) {
    return absl::InvalidArgumentError(fmt::format(
        "goal '{}': a floor on occupancy is met by removing agents until "
        "callers wait without end; use occupancy<=VALUE",
        text));
  }
  if (goal.op == GoalOp::kAtLeast &&
      (goal.metric == Metric::kAsa || goal.metric == Metric::kMeanWait ||
       goal.metric == Metric::kAbandonRate || goal.metric == Metric::kPWait)) {
    return absl::InvalidArgumentError(fmt::format(
        "goal '{}': more agents lower {}; use {}<=VALUE", text, name, name));
  }
  if (goal.op == GoalOp::kAtMost &&
      (goal.metric == Metric::kServiceLevel ||
       goal.metric == Metric::kServiceLevelAnswered ||
       goal.metric == Metric::kAnswerRate)) {
    return absl::InvalidArgumentError(fmt::format(
        "goal '{}': more agents raise {}; use {}>=VALUE", text, name, name));
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

std::vector<GoalCheck> JudgeGoals(
    const Scenario& scenario, const std::vector<StaffingGoal>& goals,
    const RunResult& result, const std::vector<ReplicationResult>& replications,
    bool confidence) {
  std::vector<GoalCheck> checks;
  const int ipd = scenario.intervals_per_day();
  for (size_t gi = 0; gi < goals.size(); ++gi) {
    const StaffingGoal& g = goals[gi];
    switch (g.period) {
      case GoalPeriod::kInterval:
        for (size_t i = 0; i < result.intervals.size(); ++i) {
          const Estimate& e =
              result.intervals[i].metrics[static_cast<int>(g.metric)];
          checks.push_back(GoalCheck{.goal = static_cast<int>(gi),
                                     .day = result.intervals[i].day,
                                     .interval = static_cast<int>(i),
                                     .value = e,
                                     .met = Meets(g, e, confidence)});
        }
        break;
      case GoalPeriod::kHorizon: {
        const Estimate& e = result.total[static_cast<int>(g.metric)];
        checks.push_back(GoalCheck{.goal = static_cast<int>(gi),
                                   .day = 0,
                                   .interval = -1,
                                   .value = e,
                                   .met = Meets(g, e, confidence)});
        break;
      }
      case GoalPeriod::kDay: {
        // Days are counted from the end of the warm-up, which may fall
        // within a day: a "day" is ipd consecutive reported intervals.
        const size_t n = result.intervals.size();
        const size_t days = (n + ipd - 1) / ipd;
        for (size_t d = 0; d < days; ++d) {
          std::vector<double> values;
          for (const ReplicationResult& r : replications) {
            Ratio sum;
            for (size_t i = d * ipd; i < std::min(n, (d + 1) * ipd); ++i) {
              const Ratio p = RatioParts(g.metric, r.intervals[i]);
              sum.num += p.num;
              sum.den += p.den;
            }
            values.push_back(sum.den > 0 ? sum.num / sum.den : std::nan(""));
          }
          const Estimate e = Summarize(values);
          checks.push_back(GoalCheck{.goal = static_cast<int>(gi),
                                     .day = static_cast<int>(d + 1),
                                     .interval = -1,
                                     .value = e,
                                     .met = Meets(g, e, confidence)});
        }
        break;
      }
    }
  }
  return checks;
}

}  // namespace ccsim
