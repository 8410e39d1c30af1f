// Agents: set-up, states, staffing levels and time accounts. Shifts, breaks
// and AUX are in shifts.cc.
#include "sim/model/agents.h"

#include <algorithm>
#include <cmath>

#include "sim/model/collector.h"
#include "sim/model/entry.h"
#include "sim/model/routing.h"
#include "sim/model/tracer.h"

namespace ccsim::model {

Agents::Agents(Context& ctx, Collector& metrics, Entry& entry, Routing& routing)
    : ctx_(ctx), metrics_(metrics), entry_(entry), routing_(routing) {
  const Scenario& s = ctx.s;
  groups_.resize(s.agent_groups.size());
  uint32_t next_agent = 0;
  for (size_t g = 0; g < groups_.size(); ++g) {
    const AgentGroupSpec& spec = s.agent_groups[g];
    Group& group = groups_[g];
    group.shifts = !spec.shifts.empty();
    if (!group.shifts) any_staffing_groups_ = true;
    int slots = 0;
    if (group.shifts) {
      for (const ShiftSpec& sh : spec.shifts) slots += sh.agents;
    } else {
      for (int n : spec.staffing) slots = std::max(slots, n);
    }
    group.first_agent = next_agent;
    group.slots = static_cast<uint32_t>(slots);
    next_agent += group.slots;
    // Lowest index logs in first.
    if (!group.shifts) {
      for (uint32_t i = group.slots; i > 0; --i) {
        group.off.push_back(group.first_agent + i - 1);
      }
    }
    group.break_waiters.reserve(group.slots);
  }
  agents_.resize(next_agent);
  bool agent_draws = false;
  for (const AgentGroupSpec& spec : s.agent_groups) {
    agent_draws = agent_draws || spec.aux_per_hour > 0 ||
                  spec.late_login.has_value() || spec.early_logout.has_value();
  }
  if (agent_draws) agent_rng_.reserve(next_agent);
  for (size_t g = 0; g < groups_.size(); ++g) {
    const AgentGroupSpec& spec = s.agent_groups[g];
    int shift = 0,
        left_in_shift = spec.shifts.empty() ? 0 : spec.shifts[0].agents;
    for (uint32_t i = 0; i < groups_[g].slots; ++i) {
      Agent& a = agents_[groups_[g].first_agent + i];
      a = Agent{};
      a.idle_since = Time::Zero();
      a.group = static_cast<uint32_t>(g);
      a.prev = a.next = kNone;
      a.shift = -1;
      a.state = AgentState::kOff;
      if (groups_[g].shifts) {
        while (left_in_shift == 0) left_in_shift = spec.shifts[++shift].agents;
        a.shift = shift;
        --left_in_shift;
      }
      if (agent_draws) {
        agent_rng_.push_back(Rng::ForStream(
            ctx.seed, ctx.replication, Stream::kAgents,
            StableHash(spec.name) ^ (0x9e3779b97f4a7c15ULL * (i + 1))));
      }
    }
  }
  max_on_capped_break_.assign(groups_.size(), 0);
}

void Agents::Start() {
  // Staffing first, so that agents are in place for calls at time zero.
  if (any_staffing_groups_) ctx_.sim.Schedule(Time::Zero(), kStaffing, 0);
  for (uint32_t a = 0; a < agents_.size(); ++a) {
    if (agents_[a].shift < 0) continue;
    const ShiftSpec& sh =
        ctx_.s.agent_groups[agents_[a].group].shifts[agents_[a].shift];
    for (int d = 0; d < 7; ++d) {
      if (sh.weekdays[(ctx_.weekday0 + d) % 7]) {
        ctx_.sim.Schedule(Time::Days(d) + sh.start, kShiftStart, a);
        break;
      }
    }
  }
}

void Agents::Trace(uint32_t agent, AgentState from, AgentState to) {
  Tracer& trace = *ctx_.trace;
  const Time now = ctx_.now();
  auto log_state = [](AgentState s) {
    switch (s) {
      case AgentState::kOff:
        return AgentLogState::kLogout;
      case AgentState::kIdle:
        return AgentLogState::kIdle;
      case AgentState::kTalk:
        return AgentLogState::kTalk;
      case AgentState::kWrap:
        return AgentLogState::kWrap;
      case AgentState::kBreak:
        return AgentLogState::kBreak;
      case AgentState::kAux:
        return AgentLogState::kAux;
    }
    return AgentLogState::kIdle;
  };
  auto send = [&](Time t, uint32_t id, AgentLogState s) {
    const Agent& x = agents_[id];
    trace.Agent(t, id, x.group, id - groups_[x.group].first_agent, s);
  };
  if (now < ctx_.warmup) return;
  if (trace.SnapshotDue()) {
    // Who is logged in, and doing what, as the reported time begins.
    trace.SnapshotDone();
    for (uint32_t id = 0; id < agents_.size(); ++id) {
      const AgentState s = id == agent ? from : agents_[id].state;
      if (s == AgentState::kOff) continue;
      send(ctx_.warmup, id, AgentLogState::kLogin);
      send(ctx_.warmup, id, log_state(s));
    }
  }
  if (from == AgentState::kOff) send(now, agent, AgentLogState::kLogin);
  send(now, agent, log_state(to));
}

void Agents::SetState(uint32_t agent, AgentState state) {
  Agent& a = agents_[agent];
  if (a.state == state) return;
  if (ctx_.trace != nullptr) Trace(agent, a.state, state);
  AccountAgents(a.group);
  Group& g = groups_[a.group];
  if (a.state == AgentState::kIdle) g.idle.Unlink(agents_, agent);
  --g.in_state[static_cast<int>(a.state)];
  ++g.in_state[static_cast<int>(state)];
  if (a.state == AgentState::kOff) ++g.logged_in;
  if (state == AgentState::kOff) --g.logged_in;
  a.state = state;
  if (state == AgentState::kIdle) {
    a.idle_since = ctx_.now();
    g.idle.PushBack(agents_, agent);
  }
}

void Agents::EndTalk(uint32_t agent, Time wrap) {
  if (wrap > Time::Zero()) {
    SetState(agent, AgentState::kWrap);
    ctx_.sim.ScheduleIn(wrap, kWrapEnd, agent);
  } else {
    AgentFree(agent);
  }
}

void Agents::AgentFree(uint32_t agent) {
  Agent& a = agents_[agent];
  if (a.leaving) {
    LogOff(agent);
    return;
  }
  if (a.break_pending) {
    const Time now = ctx_.now();
    if (a.due_at < now && !a.break_waiting) {
      // Minutes of the break plan lost to finishing a call.
      AddOverrun(a.group, now - a.due_at);
      a.due_at = now;
    }
    if (a.break_forced || BreakAllowed(a.group)) {
      StartScheduledBreak(agent);
      return;
    }
    if (!a.break_waiting) WaitForBreak(agent);
  }
  if (a.aux_pending) {
    a.aux_pending = false;
    if (BreakAllowed(a.group)) {
      StartAux(agent);
      return;
    }
  }
  if (routing_.TakeNextCall(agent)) return;
  SetState(agent, AgentState::kIdle);
}

void Agents::LogIn(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.state != AgentState::kOff) {
    // Still finishing the last shift's work: stays on.
    if (a.leaving) {
      a.leaving = false;
      --g.leaving;
    }
  } else {
    a.leaving = false;
    if (!routing_.TakeNextCall(agent)) SetState(agent, AgentState::kIdle);
  }
  if (a.shift >= 0) {
    const AgentGroupSpec& spec = ctx_.s.agent_groups[a.group];
    const ShiftSpec& sh = spec.shifts[a.shift];
    const Time early = spec.early_logout.has_value()
                           ? Draw(*spec.early_logout, agent_rng_[agent])
                           : Time::Zero();
    const Time planned_end = a.shift_start + sh.length - early;
    ctx_.sim.Schedule(std::max(ctx_.now(), planned_end), kShiftEnd, agent);
    a.next_break = 0;
    a.break_pending = a.break_forced = false;
    ScheduleBreak(agent);
  }
  ScheduleAux(agent);
}

void Agents::LogOff(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.leaving) {
    --g.leaving;
    if (ctx_.now() > a.due_at) AddOverrun(a.group, ctx_.now() - a.due_at);
  }
  a.leaving = false;
  a.aux_seq = a.due_seq = a.latest_seq = 0;
  a.aux_pending = a.break_pending = a.break_forced = false;
  RemoveBreakWaiter(agent);
  SetState(agent, AgentState::kOff);
  if (!g.shifts) g.off.push_back(agent);
}

void Agents::CheckDrainLimit() {
  if (ctx_.now() >= ctx_.drain_limit() && entry_.calls_in_system() > 0) {
    routing_.EndWaiting();
  }
}

void Agents::OnStaffing(int64_t interval) {
  CheckDrainLimit();
  const int slot = static_cast<int>(interval % ctx_.intervals_per_day);
  for (uint32_t g = 0; g < groups_.size(); ++g) {
    if (groups_[g].shifts) continue;
    const AgentGroupSpec& spec = ctx_.s.agent_groups[g];
    if (spec.staffing_by_interval.empty()) {
      SetStaffing(g, spec.staffing[slot]);
      continue;
    }
    // x agents: floor(x) all interval, one more for its first frac(x).
    const double x = DatedStaffing(g, interval);
    const double whole = std::floor(x);
    const double part = x - whole;
    if (part > 1e-9) {
      SetStaffing(g, static_cast<int>(whole) + 1);
      ctx_.sim.Schedule(ctx_.interval * interval +
                            Time::Seconds(part * ctx_.interval.seconds()),
                        kStaffingPart, g);
    } else {
      SetStaffing(g, static_cast<int>(whole));
    }
  }
  // After the horizon the schedule goes on only while callers are still in
  // the system (waiting, in the IVR, or talking and maybe transferred).
  const Time next = ctx_.interval * (interval + 1);
  if (next <= ctx_.end || entry_.calls_in_system() > 0) {
    ctx_.sim.Schedule(next, kStaffing, static_cast<uint32_t>(interval + 1));
  }
}

double Agents::DatedStaffing(uint32_t group, int64_t k) const {
  const std::vector<double>& dated =
      ctx_.s.agent_groups[group].staffing_by_interval;
  const int64_t n = static_cast<int64_t>(dated.size());
  const int64_t ipd = ctx_.intervals_per_day;
  if (k >= n) {
    // The same time of day on the table's last day (or its last value).
    const int64_t same = (n - 1) / ipd * ipd + k % ipd;
    k = same < n ? same : same - ipd >= 0 ? same - ipd : n - 1;
  }
  return dated[static_cast<size_t>(k)];
}

void Agents::OnStaffingPart(uint32_t group) {
  const int64_t k = ctx_.now() / ctx_.interval;
  SetStaffing(group, static_cast<int>(std::floor(DatedStaffing(group, k))));
}

void Agents::SetStaffing(uint32_t group, int target) {
  AccountAgents(group);  // every change below happens at this instant
  Group& g = groups_[group];
  g.target = target;
  int active = g.logged_in - g.leaving;
  const uint32_t begin = g.first_agent, end = g.first_agent + g.slots;
  // More wanted: first keep agents who were about to leave, then log in.
  for (uint32_t a = begin; active < target && g.leaving > 0 && a < end; ++a) {
    if (agents_[a].leaving) {
      agents_[a].leaving = false;
      --g.leaving;
      ++active;
    }
  }
  while (active < target && !g.off.empty()) {
    const uint32_t a = g.off.back();
    g.off.pop_back();
    ++active;
    LogIn(a);
  }
  // Fewer wanted: idle agents leave first (the most recently idle), then
  // busy agents are told to leave after their work.
  while (active > target && g.idle.size > 0) {
    LogOff(g.idle.tail);
    --active;
  }
  for (uint32_t a = begin; active > target && a < end; ++a) {
    Agent& ag = agents_[a];
    if (ag.state != AgentState::kOff && ag.state != AgentState::kIdle &&
        !ag.leaving) {
      ag.leaving = true;
      ag.due_at = ctx_.now();
      ++g.leaving;
      --active;
    }
  }
}

bool Agents::Draining() const {
  return ctx_.now() >= ctx_.end && entry_.calls_in_system() == 0;
}

void Agents::OnEnd() {
  for (uint32_t g = 0; g < groups_.size(); ++g) AccountAgents(g);
}

void Agents::AccountAgents(uint32_t group) {
  Group& g = groups_[group];
  const Time now = ctx_.now();
  Time from = std::max(g.accounted_until, ctx_.warmup);
  const Time to = std::min(now, ctx_.end);
  if (now > g.accounted_until) g.accounted_until = now;
  if (to <= from || g.logged_in == 0) return;
  int64_t k = from / ctx_.interval;
  AgentTicks* bins = metrics_.AgentBins(group);
  while (from < to) {
    const Time boundary = ctx_.interval * (k + 1);
    const Time seg_end = std::min(boundary, to);
    const int64_t dt = (seg_end - from).ticks();
    AgentTicks& at = bins[k - ctx_.warmup_intervals];
    at.staffed += g.logged_in * dt;
    at.talk += g.in_state[static_cast<int>(AgentState::kTalk)] * dt;
    at.wrap += g.in_state[static_cast<int>(AgentState::kWrap)] * dt;
    at.on_break += g.in_state[static_cast<int>(AgentState::kBreak)] * dt;
    at.aux += g.in_state[static_cast<int>(AgentState::kAux)] * dt;
    at.idle += static_cast<int64_t>(g.idle.size) * dt;
    from = seg_end;
    ++k;
  }
}

void Agents::AddOverrun(uint32_t group, Time lost) {
  if (AgentTicks* bin = metrics_.AgentBin(group, ctx_.now())) {
    bin->overrun += lost.ticks();
  }
}

}  // namespace ccsim::model
