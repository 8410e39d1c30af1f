// Starting points and shapes for the staffing requirement search (private
// to sim/staff): the Erlang estimate per group and interval of the day, and
// where a group that works shifts can be given agents.
#ifndef CCSIM_SIM_STAFF_ESTIMATE_H_
#define CCSIM_SIM_STAFF_ESTIMATE_H_

#include <vector>

#include "ccsim/scenario.h"

namespace ccsim {

// The largest calendar factor of a call type over the horizon's days (the
// busiest day decides a per-interval requirement).
double PeakDayFactor(const Scenario& s, const CallTypeSpec& t);

// The arrival rate (calls per second) of a call type in interval
// `interval` of simulated time: its dated forecast, or its rate for that
// time of day times the date's calendar factors (busyness and incidents
// left out).
double RateAt(const Scenario& s, const CallTypeSpec& t, int64_t interval);

// The Erlang C (some type without patience) or Erlang A estimate for each
// searched group, for the service-level `target`: without `intervals`, one
// per interval of the day, at each call type's peak day factor; with them,
// one per listed interval of simulated time, at its own rate (RateAt).
// Each call type's load is split evenly among the searched groups that
// serve it at once and may be given agents then (eligible[group][interval
// of the day]).
std::vector<std::vector<int>> ErlangEstimate(
    const Scenario& s, const std::vector<bool>& searched,
    const std::vector<std::vector<bool>>& eligible, double target,
    const std::vector<int64_t>* intervals = nullptr);

// Agents of a group on shift at the middle of each interval of the day, on
// the weekday with the most (breaks not subtracted).
std::vector<int> ShiftCoverage(const Scenario& s, const AgentGroupSpec& g);

// Whether some shift row of the group, at one of the start offsets
// (minutes), is on shift in the middle of interval `slot` on some weekday.
bool ShiftsCanCover(const Scenario& s, const AgentGroupSpec& g, int slot,
                    const std::vector<int>& offsets_min);

}  // namespace ccsim

#endif  // CCSIM_SIM_STAFF_ESTIMATE_H_
