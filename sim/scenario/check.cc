#include <algorithm>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/scenario.h"
#include "fmt/format.h"

namespace ccsim {

namespace {
// About half a minute of simulation per replication on one core.
constexpr double kMaxCallsPerReplication = 2e8;
}  // namespace

absl::Status CheckRunnable(const Scenario& s, int* call_type) {
  if (call_type != nullptr) *call_type = -1;
  if (s.interval <= Time::Zero() || Time::Days(1) % s.interval != Time::Zero())
    return absl::InvalidArgumentError("interval must divide one day");
  if (s.horizon <= Time::Zero() || s.horizon % s.interval != Time::Zero() ||
      s.warmup % s.interval != Time::Zero())
    return absl::InvalidArgumentError(
        "horizon and warmup must be whole multiples of interval");
  const size_t ipd = static_cast<size_t>(s.intervals_per_day());
  for (const CallTypeSpec& t : s.call_types) {
    if (t.rate_per_s.size() != ipd)
      return absl::InvalidArgumentError(fmt::format(
          "call type '{}' needs one arrival rate per interval", t.name));
  }
  std::vector<bool> answerable(s.call_types.size(), false);
  for (const AgentGroupSpec& g : s.agent_groups) {
    if (g.shifts.empty() ? g.staffing.size() != ipd : !g.staffing.empty())
      return absl::InvalidArgumentError(fmt::format(
          "agent group '{}' needs either one staffing level per interval or "
          "shifts",
          g.name));
    const bool staffed =
        std::any_of(g.staffing.begin(), g.staffing.end(),
                    [](int n) { return n > 0; }) ||
        std::any_of(g.shifts.begin(), g.shifts.end(), [](const ShiftSpec& sh) {
          return sh.agents > 0 &&
                 std::any_of(sh.weekdays.begin(), sh.weekdays.end(),
                             [](bool on) { return on; });
        });
    for (int t : g.skills) {
      if (t < 0 || static_cast<size_t>(t) >= s.call_types.size())
        return absl::InvalidArgumentError(
            fmt::format("agent group '{}' has an unknown skill", g.name));
      if (staffed) answerable[t] = true;
    }
  }
  // A typo such as per_hour: 2000000 must not look like a hang.
  double expected_calls = 0;
  for (const CallTypeSpec& t : s.call_types) {
    // The largest day factors bound the volume from above.
    const double peak =
        *std::max_element(t.weekday_factor.begin(), t.weekday_factor.end()) *
        *std::max_element(t.day_of_month_factor.begin(),
                          t.day_of_month_factor.end()) *
        *std::max_element(t.month_factor.begin(), t.month_factor.end());
    for (double r : t.rate_per_s) {
      expected_calls += r * peak * s.interval.seconds();
    }
  }
  expected_calls *= (s.warmup + s.horizon).seconds() / 86400.0;
  for (const IncidentSpec& incident : s.incidents) {
    expected_calls += incident.extra_calls;
  }
  if (expected_calls > kMaxCallsPerReplication) {
    return absl::InvalidArgumentError(fmt::format(
        "the arrival rates give about {:.3g} calls per replication (warm-up "
        "included); at most {:.0e} are supported",
        expected_calls, kMaxCallsPerReplication));
  }
  for (size_t t = 0; t < s.call_types.size(); ++t) {
    const CallTypeSpec& ct = s.call_types[t];
    const bool has_calls =
        std::any_of(ct.rate_per_s.begin(), ct.rate_per_s.end(),
                    [](double r) { return r > 0; }) ||
        std::any_of(s.incidents.begin(), s.incidents.end(),
                    [t](const IncidentSpec& i) {
                      return i.call_type == static_cast<int>(t) &&
                             i.extra_calls > 0;
                    });
    if (has_calls && !answerable[t] && !ct.patience.has_value()) {
      if (call_type != nullptr) *call_type = static_cast<int>(t);
      return absl::InvalidArgumentError(fmt::format(
          "call type '{}' can never be answered (no agent group with that "
          "skill has agents at any time of day) and its callers have no "
          "patience limit, so they would wait forever",
          ct.name));
    }
  }
  return absl::OkStatus();
}

}  // namespace ccsim
