// Agents on shifts: shift starts and ends with late log-in and early
// log-out, scheduled breaks under the group's break cap, and ad-hoc AUX.
// The rest of the Agents part is in agents.cc.
//
// A break comes due at its earliest start; an agent at work takes it when
// free, if the cap allows, or waits in the group's break wait list; at its
// latest start it is forced (taken when the agent is next free, whatever
// the cap). Time between a break or shift end coming due and the agent
// being free is overrun.
#include <algorithm>
#include <climits>
#include <cmath>

#include "sim/model/agents.h"
#include "sim/model/collector.h"

namespace ccsim::model {

void Agents::OnShiftStart(uint32_t agent) {
  Agent& a = agents_[agent];
  const AgentGroupSpec& spec = ctx_.s.agent_groups[a.group];
  const ShiftSpec& sh = spec.shifts[a.shift];
  CheckDrainLimit();
  if (Draining()) return;  // the run is over
  // The next active day's shift.
  const Time now = ctx_.now();
  const int64_t today = ctx_.DayOf(now);
  for (int d = 1; d <= 7; ++d) {
    if (sh.weekdays[(ctx_.weekday0 + today + d) % 7]) {
      ctx_.sim.Schedule(now + Time::Days(d), kShiftStart, agent);
      break;
    }
  }
  a.shift_start = now;
  const Time late = spec.late_login.has_value()
                        ? Draw(*spec.late_login, agent_rng_[agent])
                        : Time::Zero();
  if (late > Time::Zero()) {
    ctx_.sim.ScheduleIn(late, kLogin, agent);
  } else {
    LogIn(agent);
  }
}

void Agents::OnShiftEnd(uint32_t agent) {
  Agent& a = agents_[agent];
  if (a.state == AgentState::kOff || a.leaving) return;
  a.due_seq = a.latest_seq = 0;
  a.break_pending = a.break_forced = false;
  RemoveBreakWaiter(agent);
  if (a.state == AgentState::kIdle) {
    LogOff(agent);
    return;
  }
  a.leaving = true;
  a.due_at = ctx_.now();
  ++groups_[a.group].leaving;
}

void Agents::ScheduleBreak(uint32_t agent) {
  Agent& a = agents_[agent];
  const ShiftSpec& sh = ctx_.s.agent_groups[a.group].shifts[a.shift];
  if (a.next_break >= sh.breaks.size()) return;
  const BreakSpec& b = sh.breaks[a.next_break];
  const Time due = std::max(ctx_.now(), a.shift_start + b.earliest);
  const Time latest = std::max(due, a.shift_start + b.latest);
  a.due_seq = ctx_.sim.Schedule(due, kBreakDue, agent);
  a.latest_seq = ctx_.sim.Schedule(latest, kBreakLatest, agent);
}

void Agents::OnBreakDue(uint32_t agent, uint64_t seq) {
  Agent& a = agents_[agent];
  if (a.due_seq != seq) return;
  a.due_seq = 0;
  a.break_pending = true;
  a.due_at = ctx_.now();
  if (a.state != AgentState::kIdle) return;  // after the current work
  if (BreakAllowed(a.group)) {
    StartScheduledBreak(agent);
    return;
  }
  WaitForBreak(agent);
}

void Agents::WaitForBreak(uint32_t agent) {
  Agent& a = agents_[agent];
  a.break_waiting = true;
  groups_[a.group].break_waiters.push_back(agent);
  if (AgentTicks* bin = metrics_.AgentBin(a.group, ctx_.now())) {
    ++bin->breaks_postponed;
  }
}

void Agents::OnBreakLatest(uint32_t agent, uint64_t seq) {
  Agent& a = agents_[agent];
  if (a.latest_seq != seq) return;
  a.latest_seq = 0;
  if (!a.break_pending) return;  // taken already
  a.break_forced = true;
  if (AgentTicks* bin = metrics_.AgentBin(a.group, ctx_.now())) {
    ++bin->breaks_forced;
  }
  if (a.state == AgentState::kIdle) StartScheduledBreak(agent);
}

bool Agents::BreakAllowed(uint32_t group) const {
  const Group& g = groups_[group];
  const AgentGroupSpec& spec = ctx_.s.agent_groups[group];
  int cap = INT_MAX;
  if (spec.break_cap_agents >= 0) cap = spec.break_cap_agents;
  if (spec.break_cap_share >= 0) {
    const int by_share = std::max(
        1, static_cast<int>(std::floor(spec.break_cap_share * g.logged_in)));
    cap = std::min(cap, by_share);
  }
  return g.in_state[static_cast<int>(AgentState::kBreak)] +
             g.in_state[static_cast<int>(AgentState::kAux)] <
         cap;
}

void Agents::StartScheduledBreak(uint32_t agent) {
  const Agent& a = agents_[agent];
  const ShiftSpec& sh = ctx_.s.agent_groups[a.group].shifts[a.shift];
  StartBreak(agent, /*aux=*/false, sh.breaks[a.next_break].duration);
}

void Agents::StartAux(uint32_t agent) {
  StartBreak(agent, /*aux=*/true,
             Draw(*ctx_.s.agent_groups[agents_[agent].group].aux_duration,
                  agent_rng_[agent]));
}

void Agents::StartBreak(uint32_t agent, bool aux, Time duration) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  RemoveBreakWaiter(agent);
  a.break_capped = !(!aux && a.break_forced);
  if (!aux) {
    a.break_pending = a.break_forced = false;
    a.latest_seq = 0;
    ++a.next_break;
  }
  SetState(agent, aux ? AgentState::kAux : AgentState::kBreak);
  if (a.break_capped) {
    ++g.capped_breaks;
    int& peak = max_on_capped_break_[a.group];
    peak = std::max(peak, g.capped_breaks);
  }
  ctx_.sim.ScheduleIn(duration, kBreakEnd, agent);
}

void Agents::OnBreakEnd(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.break_capped) --g.capped_breaks;
  a.break_capped = false;
  const bool was_break = a.state == AgentState::kBreak;
  // Back at work (a state change for the time accounts), then next.
  SetState(agent, AgentState::kIdle);
  if (was_break && !a.leaving) ScheduleBreak(agent);
  AgentFree(agent);
  ServeBreakWaiters(a.group);
}

void Agents::ServeBreakWaiters(uint32_t group) {
  Group& g = groups_[group];
  for (size_t i = 0; i < g.break_waiters.size() && BreakAllowed(group);) {
    const uint32_t agent = g.break_waiters[i];
    if (agents_[agent].state == AgentState::kIdle) {
      StartScheduledBreak(agent);
      // StartBreak removed entry i; the next waiter is now at i.
    } else {
      ++i;
    }
  }
}

void Agents::RemoveBreakWaiter(uint32_t agent) {
  Agent& a = agents_[agent];
  if (!a.break_waiting) return;
  a.break_waiting = false;
  std::vector<uint32_t>& w = groups_[a.group].break_waiters;
  w.erase(std::find(w.begin(), w.end(), agent));
}

void Agents::ScheduleAux(uint32_t agent) {
  const AgentGroupSpec& spec = ctx_.s.agent_groups[agents_[agent].group];
  if (spec.aux_per_hour <= 0) return;
  const Time at = ctx_.now() + SampledDuration(agent_rng_[agent].Exponential(
                                   3600.0 / spec.aux_per_hour));
  if (at >= ctx_.end) return;
  agents_[agent].aux_seq = ctx_.sim.Schedule(at, kAuxRequest, agent);
}

void Agents::OnAuxRequest(uint32_t agent, uint64_t seq) {
  Agent& a = agents_[agent];
  if (a.aux_seq != seq) return;
  a.aux_seq = 0;
  ScheduleAux(agent);
  if (a.leaving || a.break_pending) return;
  if (a.state == AgentState::kTalk || a.state == AgentState::kWrap) {
    a.aux_pending = true;
  } else if (a.state == AgentState::kIdle && BreakAllowed(a.group)) {
    StartAux(agent);
  }
}

}  // namespace ccsim::model
