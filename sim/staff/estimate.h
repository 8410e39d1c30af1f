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

// The Erlang C (some type without patience) or Erlang A estimate for each
// searched group and interval of the day, for the service-level `target`;
// each call type's load (at its peak day factor) is split evenly among the
// searched groups that serve it at once and may be given agents then
// (eligible[group][interval]).
std::vector<std::vector<int>> ErlangEstimate(
    const Scenario& s, const std::vector<bool>& searched,
    const std::vector<std::vector<bool>>& eligible, double target);

// Agents of a group on shift at the middle of each interval of the day, on
// the weekday with the most (breaks not subtracted).
std::vector<int> ShiftCoverage(const Scenario& s, const AgentGroupSpec& g);

// Whether some shift row of the group, at one of the start offsets
// (minutes), is on shift in the middle of interval `slot` on some weekday.
bool ShiftsCanCover(const Scenario& s, const AgentGroupSpec& g, int slot,
                    const std::vector<int>& offsets_min);

}  // namespace ccsim

#endif  // CCSIM_SIM_STAFF_ESTIMATE_H_
