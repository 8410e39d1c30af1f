#include "sim/staff/estimate.h"

#include <algorithm>
#include <cmath>

#include "ccsim/erlang.h"

namespace ccsim {

// The largest calendar factor of a call type over the horizon's days (the
// busiest day decides a per-interval requirement).
double PeakDayFactor(const Scenario& s, const CallTypeSpec& t) {
  const int64_t days =
      (s.horizon + Time::Days(1) - Time::Ticks(1)) / Time::Days(1);
  double peak = 0;
  for (int64_t d = 0; d < std::max<int64_t>(days, 1); ++d) {
    const Date date = s.calendar.start_date.plus_days(d);
    peak = std::max(peak, t.weekday_factor[date.weekday()] *
                              t.day_of_month_factor[date.day - 1] *
                              t.month_factor[date.month - 1]);
  }
  return peak;
}

double RateAt(const Scenario& s, const CallTypeSpec& t, int64_t interval) {
  if (!t.dated_rate_per_s.empty()) {
    return t.dated_rate_per_s[static_cast<size_t>(interval)];
  }
  const int ipd = s.intervals_per_day();
  const int64_t day = interval / ipd - s.warmup / Time::Days(1);
  const Date date = s.calendar.start_date.plus_days(day);
  return t.rate_per_s[static_cast<size_t>(interval % ipd)] *
         t.weekday_factor[date.weekday()] *
         t.day_of_month_factor[date.day - 1] * t.month_factor[date.month - 1];
}

// The Erlang C (some type without patience) or Erlang A estimate for each
// searched group, per interval of the day (at each type's peak day factor)
// or per listed interval of simulated time; each call type's load is split
// evenly among the searched groups that serve it at once.
std::vector<std::vector<int>> ErlangEstimate(
    const Scenario& s, const std::vector<bool>& searched,
    const std::vector<std::vector<bool>>& eligible, double target,
    const std::vector<int64_t>* intervals) {
  const int ipd = s.intervals_per_day();
  const size_t n_groups = s.agent_groups.size();
  const size_t columns =
      intervals != nullptr ? intervals->size() : static_cast<size_t>(ipd);
  std::vector<std::vector<int>> out(n_groups, std::vector<int>(columns, 0));
  std::vector<std::vector<int>> servers(s.call_types.size());
  for (size_t g = 0; g < n_groups; ++g) {
    if (!searched[g]) continue;
    const AgentGroupSpec& spec = s.agent_groups[g];
    for (size_t i = 0; i < spec.skills.size(); ++i) {
      const bool at_once = i >= spec.skill_specs.size() ||
                           spec.skill_specs[i].after <= Time::Zero();
      if (at_once) servers[spec.skills[i]].push_back(static_cast<int>(g));
    }
  }
  std::vector<double> peak(s.call_types.size());
  for (size_t t = 0; t < s.call_types.size(); ++t) {
    peak[t] = PeakDayFactor(s, s.call_types[t]);
  }
  const double p = std::min(target, 0.999);
  for (size_t column = 0; column < columns; ++column) {
    const int slot = intervals != nullptr
                         ? static_cast<int>((*intervals)[column] % ipd)
                         : static_cast<int>(column);
    for (size_t g = 0; g < n_groups; ++g) {
      if (!searched[g] || !eligible[g][slot]) continue;
      double rate = 0, work = 0, patience_rate = 0;
      bool all_patient = true;
      for (size_t t = 0; t < s.call_types.size(); ++t) {
        const auto& who = servers[t];
        if (std::find(who.begin(), who.end(), static_cast<int>(g)) ==
            who.end()) {
          continue;
        }
        const auto sharing = std::count_if(
            who.begin(), who.end(), [&](int h) { return eligible[h][slot]; });
        const CallTypeSpec& type = s.call_types[t];
        const double type_rate = intervals != nullptr
                                     ? RateAt(s, type, (*intervals)[column])
                                     : type.rate_per_s[slot] * peak[t];
        const double lambda = type_rate / static_cast<double>(sharing);
        if (lambda <= 0) continue;
        double handle = type.handle_time.Mean();
        const auto& f = s.agent_groups[g].handle_factor;
        if (!f.empty()) handle *= f[t];
        rate += lambda;
        work += lambda * handle;
        if (type.patience.has_value()) {
          patience_rate += lambda * type.patience->Mean();
        } else {
          all_patient = false;
        }
      }
      if (rate <= 0 || work <= 0) continue;
      ErlangInput in;
      in.arrival_rate_per_s = rate;
      in.mean_handle_s = work / rate;
      in.threshold_s = s.service_level.threshold.seconds();
      if (all_patient && patience_rate > 0) {
        in.mean_patience_s = patience_rate / rate;
      }
      absl::StatusOr<int> n = AgentsForServiceLevel(in, p);
      out[g][column] = n.ok() ? *n : static_cast<int>(std::ceil(work)) + 1;
    }
  }
  return out;
}

// Agents of a group on shift at the middle of each interval of the day, on
// the weekday with the most (breaks not subtracted).
std::vector<int> ShiftCoverage(const Scenario& s, const AgentGroupSpec& g) {
  const int ipd = s.intervals_per_day();
  std::vector<int> out(ipd, 0);
  for (int slot = 0; slot < ipd; ++slot) {
    const Time mid = s.interval * slot + Time::Ticks(s.interval.ticks() / 2);
    int best = 0;
    for (int day = 0; day < 7; ++day) {
      int n = 0;
      for (const ShiftSpec& sh : g.shifts) {
        // A shift that started today, or yesterday and runs past midnight.
        for (int back = 0; back < 2; ++back) {
          const int start_day = (day - back + 7) % 7;
          if (!sh.weekdays[start_day]) continue;
          const Time at = mid + Time::Days(back);
          if (at >= sh.start && at < sh.start + sh.length) n += sh.agents;
        }
      }
      best = std::max(best, n);
    }
    out[slot] = best;
  }
  return out;
}

// Whether some shift row of the group, at one of the start offsets, is on
// shift in the middle of interval `slot` on some weekday: a group that
// works shifts can only be given agents there.
bool ShiftsCanCover(const Scenario& s, const AgentGroupSpec& g, int slot,
                    const std::vector<int>& offsets_min) {
  const Time mid = s.interval * slot + Time::Ticks(s.interval.ticks() / 2);
  for (const ShiftSpec& sh : g.shifts) {
    bool any_day = false;
    for (bool on : sh.weekdays) any_day = any_day || on;
    if (!any_day) continue;
    for (int offset : offsets_min) {
      const Time start = sh.start + Time::Minutes(offset);
      if (start < Time::Zero() || start >= Time::Days(1)) continue;
      for (int back = 0; back < 2; ++back) {
        const Time at = mid + Time::Days(back);
        if (at >= start && at < start + sh.length) return true;
      }
    }
  }
  return false;
}

}  // namespace ccsim
