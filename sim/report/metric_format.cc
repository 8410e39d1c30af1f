// How metrics read in the HTML reports: units, labels and number formats
// (see sim/report/report_parts.h).
#include <cmath>
#include <string>
#include <string_view>

#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "fmt/format.h"
#include "sim/report/report_parts.h"
#include "sim/report/svg.h"
#include "sim/run/text_format.h"

namespace ccsim::html {

using report_internal::MetricUnit;
using report_internal::UnitOf;
using svg::Escape;
using svg::FormatNumber;

bool Finite(double v) { return std::isfinite(v); }

MetricFormat FormatOf(Metric m) {
  switch (UnitOf(m)) {
    case MetricUnit::kShare:
      return {100, 1, "%", " pp", "percentage points", 2};
    case MetricUnit::kSeconds:
      return {1, 1, " s", " s", "seconds", 2};
    case MetricUnit::kHours:
      return {1, 1, " h", " h", "agent hours", 1};
    case MetricUnit::kCallsPerCaller:
      return {1, 2, "", "", "calls per caller", 3};
    case MetricUnit::kCount:
      break;
  }
  switch (m) {
    case Metric::kUniqueCallers:
    case Metric::kGaveUp:
      return {1, 1, "", "", "callers per replication", 1};
    case Metric::kBreaksPostponed:
    case Metric::kBreaksForced:
      return {1, 1, "", "", "breaks per replication", 1};
    default:
      return {1, 1, "", "", "calls per replication", 1};
  }
}

bool IsRate(Metric m) { return UnitOf(m) == MetricUnit::kShare; }

std::string_view MetricLabel(Metric m) {
  switch (m) {
    case Metric::kCalls:
      return "Call attempts";
    case Metric::kOffered:
      return "Offered (reached the queue)";
    case Metric::kAnswered:
      return "Answered";
    case Metric::kAbandoned:
      return "Abandoned in queue";
    case Metric::kAnswerRate:
      return "Answer rate";
    case Metric::kAbandonRate:
      return "Abandon rate";
    case Metric::kServiceLevel:
      return "Service level";
    case Metric::kServiceLevel2:
      return "Second service level";
    case Metric::kWaitP50:
      return "Median wait (answered)";
    case Metric::kWaitP80:
      return "80th percentile wait (answered)";
    case Metric::kWaitP90:
      return "90th percentile wait (answered)";
    case Metric::kWaitP95:
      return "95th percentile wait (answered)";
    case Metric::kAsa:
      return "Average speed of answer";
    case Metric::kMeanWait:
      return "Mean wait (all offered)";
    case Metric::kPWait:
      return "Share of calls that waited";
    case Metric::kAht:
      return "Average handle time";
    case Metric::kOccupancy:
      return "Occupancy";
    case Metric::kUtilisation:
      return "Utilisation (talk + wrap)";
    case Metric::kStaffedHours:
      return "Staffed agent hours";
    case Metric::kBreakShare:
      return "Break and AUX share";
    case Metric::kBlocked:
      return "Blocked (busy signal)";
    case Metric::kRepeatShare:
      return "Repeat calls";
    case Metric::kFcr:
      return "First contact resolution";
    case Metric::kGaveUp:
      return "Callers who gave up";
    case Metric::kCallbacksOffered:
      return "Callbacks offered";
    case Metric::kCallbacksAccepted:
      return "Callbacks accepted";
    case Metric::kCallbacksCompleted:
      return "Callbacks completed";
    case Metric::kCallbacksFailed:
      return "Callbacks failed";
    case Metric::kCallbackDelay:
      return "Callback delay";
    case Metric::kCallbackTimeliness:
      return "Callbacks on time";
    case Metric::kCallbackHours:
      return "Agent hours on callbacks";
    case Metric::kFollowUpsCreated:
      return "Follow-ups created";
    case Metric::kFollowUpsDone:
      return "Follow-ups done";
    case Metric::kFollowUpsFailed:
      return "Follow-ups failed";
    case Metric::kFollowUpsOpen:
      return "Follow-ups open at the end";
    case Metric::kFollowUpDelay:
      return "Follow-up delay";
    case Metric::kFollowUpTimeliness:
      return "Follow-ups on time";
    case Metric::kFollowUpBacklog:
      return "Follow-up backlog at day end";
    case Metric::kFollowUpHours:
      return "Agent hours on follow-ups";
    default:
      return MetricName(m);
  }
}

std::string_view ShortLabel(Metric m) {
  switch (m) {
    case Metric::kOffered:
      return "Offered";
    case Metric::kAsa:
      return "ASA";
    case Metric::kAht:
      return "AHT";
    case Metric::kMeanWait:
      return "Mean wait";
    case Metric::kStaffedHours:
      return "Staffed hours";
    case Metric::kUtilisation:
      return "Utilisation";
    case Metric::kBreakShare:
      return "Break + AUX";
    case Metric::kPWait:
      return "Waited";
    case Metric::kGaveUp:
      return "Gave up";
    case Metric::kAbandoned:
      return "Abandoned";
    case Metric::kBlocked:
      return "Blocked";
    case Metric::kCalls:
      return "Calls";
    default:
      return MetricLabel(m);
  }
}

std::string MetricCell(Metric m) {
  return fmt::format("{} <code>{}</code>", Escape(MetricLabel(m)),
                     MetricName(m));
}

std::string Value(Metric m, double v) {
  const MetricFormat f = FormatOf(m);
  if (!Finite(v)) return "\u2013";
  return FormatNumber(v * f.scale, f.decimals) + std::string(f.suffix);
}

std::string Spread(Metric m, double v, bool sign) {
  const MetricFormat f = FormatOf(m);
  return sign ? svg::SignedNumber(v * f.scale, f.diff_decimals)
              : FormatNumber(v * f.scale, f.diff_decimals);
}

std::string DifferenceText(Metric m, const Estimate& d) {
  return fmt::format("{} \u00b1 {}{}", Spread(m, d.mean, true),
                     Spread(m, d.ci95, false), FormatOf(m).diff_suffix);
}

const Estimate& Get(const MetricEstimates& m, Metric metric) {
  return m[static_cast<int>(metric)];
}

}  // namespace ccsim::html
