#include "sim/run/text_format.h"

#include <algorithm>
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "fmt/format.h"

namespace ccsim::report_internal {

std::string JsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  return fmt::format("{}", v);
}

std::string JsonEstimate(const Estimate& e, bool with_n) {
  if (!with_n) {
    return fmt::format("{{\"mean\": {}, \"ci95\": {}}}", JsonNumber(e.mean),
                       JsonNumber(e.ci95));
  }
  return fmt::format("{{\"mean\": {}, \"ci95\": {}, \"n\": {}}}",
                     JsonNumber(e.mean), JsonNumber(e.ci95), e.n);
}

std::string IsoDate(const Date& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

Date DateOfDay(const Date& start_date, int day) {
  return start_date.plus_days(day - 1);
}

Date DateOfDay(const Scenario& s, int day) {
  return DateOfDay(s.calendar.start_date, day);
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string CsvNumber(double v) {
  if (!std::isfinite(v)) return "";
  return fmt::format("{}", v);
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

MetricUnit UnitOf(Metric metric) {
  switch (metric) {
    case Metric::kOffered:
    case Metric::kAnswered:
    case Metric::kAbandoned:
    case Metric::kCalls:
    case Metric::kBlocked:
    case Metric::kClosed:
    case Metric::kInformed:
    case Metric::kContained:
    case Metric::kIvrAbandoned:
    case Metric::kZeroOut:
    case Metric::kMisrouted:
    case Metric::kTransferred:
    case Metric::kTransferredOut:
    case Metric::kUniqueCallers:
    case Metric::kRedialsBusy:
    case Metric::kRedialsAbandon:
    case Metric::kRedialsIvr:
    case Metric::kReturns:
    case Metric::kGaveUp:
    case Metric::kBreaksPostponed:
    case Metric::kBreaksForced:
    case Metric::kCallbacksOffered:
    case Metric::kCallbacksAccepted:
    case Metric::kCallbacksCompleted:
    case Metric::kCallbacksFailed:
    case Metric::kCallbackDials:
    case Metric::kFollowUpsCreated:
    case Metric::kFollowUpsDone:
    case Metric::kFollowUpsFailed:
    case Metric::kFollowUpsOpen:
    case Metric::kFollowUpDials:
    case Metric::kFollowUpBacklog:
      return MetricUnit::kCount;
    case Metric::kAsa:
    case Metric::kMeanWait:
    case Metric::kAht:
    case Metric::kCallbackDelay:
    case Metric::kWaitP50:
    case Metric::kWaitP80:
    case Metric::kWaitP90:
    case Metric::kWaitP95:
    case Metric::kFollowUpDelay:
      return MetricUnit::kSeconds;
    case Metric::kStaffedHours:
    case Metric::kTalkHours:
    case Metric::kWrapHours:
    case Metric::kBreakHours:
    case Metric::kAuxHours:
    case Metric::kIdleHours:
    case Metric::kAvailableHours:
    case Metric::kOverrunHours:
    case Metric::kCallbackHours:
    case Metric::kFollowUpHours:
      return MetricUnit::kHours;
    case Metric::kCallsPerCaller:
      return MetricUnit::kCallsPerCaller;
    default:
      return MetricUnit::kShare;
  }
}

// Readable number for the table: counts (means over replications) with one
// decimal, seconds, hours and calls per caller with two, rates and shares
// as percentages.
std::string TableValue(Metric metric, double v) {
  if (!std::isfinite(v)) return "-";
  switch (UnitOf(metric)) {
    case MetricUnit::kCount:
      return fmt::format("{:.1f}", v);
    case MetricUnit::kSeconds:
    case MetricUnit::kHours:
    case MetricUnit::kCallsPerCaller:
      return fmt::format("{:.2f}", v);
    case MetricUnit::kShare:
      break;
  }
  return fmt::format("{:.2f}%", 100 * v);
}

std::vector<bool> NotNegligible(std::span<const double> weights) {
  double largest = 0;
  for (double w : weights) {
    if (std::isfinite(w)) largest = std::max(largest, w);
  }
  std::vector<bool> out;
  out.reserve(weights.size());
  for (double w : weights) {
    out.push_back(std::isfinite(w) && w > 0 && w >= kNegligibleShare * largest);
  }
  return out;
}

AnswerRateReference AnswerRateReferenceOf(const Scenario& s) {
  AnswerRateReference r{s.service_level.target, false};
  for (const StaffingGoal& g : s.staffing_goals) {
    if (g.metric == Metric::kAnswerRate && g.op == GoalOp::kAtLeast) {
      r = {g.value, true};
    }
  }
  return r;
}

IntervalChanges CountIntervalChanges(const VariantComparison& vc, Metric m) {
  const int k = static_cast<int>(m);
  std::vector<double> offered;
  for (const IntervalComparison& row : vc.intervals) {
    offered.push_back(
        row.metrics[static_cast<int>(Metric::kOffered)].base.mean);
  }
  const std::vector<bool> counts = NotNegligible(offered);
  IntervalChanges n;
  for (size_t i = 0; i < vc.intervals.size(); ++i) {
    const PairedEstimate& p = vc.intervals[i].metrics[k];
    if (!std::isfinite(p.difference.mean)) continue;
    ++n.defined;
    if (!p.significant) continue;
    const bool rise = p.difference.mean > 0;
    (rise ? n.higher : n.lower) += 1;
    const IntervalComparison*& largest = rise ? n.largest_rise : n.largest_fall;
    if (counts[i] && (largest == nullptr ||
                      std::abs(p.difference.mean) >
                          std::abs(largest->metrics[k].difference.mean))) {
      largest = &vc.intervals[i];
    }
  }
  return n;
}

}  // namespace ccsim::report_internal
