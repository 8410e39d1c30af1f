// Agents: who is logged in, in which state, and their time.
//
// A group follows either a staffing level per interval of the day (agents
// log in and out at interval boundaries; busy agents finish their work
// before leaving) or shifts: each agent works one shift row on its
// weekdays, logs in late and out early by the group's adherence
// distributions, takes the shift's scheduled breaks within each break's
// window when the group's break cap allows (or when the window closes:
// a forced break), and ad-hoc AUX when the cap allows. After a talk comes
// the call's after-call work (wrap), then the next call.
//
// Handles kStaffing, kEnd (closing the time accounts), kWrapEnd,
// kShiftStart, kLogin, kShiftEnd, kBreakDue, kBreakLatest, kBreakEnd and
// kAuxRequest. Asks Routing for the next call when an agent is free.
// The staffing-level and accounting code is in agents.cc; shifts, breaks
// and AUX in shifts.cc.
//
// Streams: per agent (group name and slot) kAgents, for log-in and log-out
// delays, AUX requests and durations.
//
// Invariants: an idle agent is in its group's idle list, ordered by
// idle_since (oldest first); in_state[] counts the group's agents by state
// and logged_in every state but off; agent time is accounted up to `now`
// before any state of the group changes.
#ifndef CCSIM_SIM_MODEL_AGENTS_H_
#define CCSIM_SIM_MODEL_AGENTS_H_

#include <cstdint>
#include <vector>

#include "ccsim/random.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Collector;
class Entry;
class Routing;

class Agents {
 public:
  Agents(Context& ctx, Collector& metrics, Entry& entry, Routing& routing);

  // Schedules the first staffing change and every agent's first shift.
  void Start();

  size_t size() const { return agents_.size(); }
  uint32_t group_of(uint32_t agent) const { return agents_[agent].group; }
  // The agent's place within its group, from 0.
  uint32_t slot_of(uint32_t agent) const {
    return agent - groups_[agents_[agent].group].first_agent;
  }
  // The agent idle longest in the group, kNone if none is idle.
  uint32_t idle_head(uint32_t group) const { return groups_[group].idle.head; }
  // Agents of the group logged in and not on a break or in AUX.
  int available(uint32_t group) const {
    const Group& g = groups_[group];
    return g.logged_in - g.in_state[static_cast<int>(AgentState::kBreak)] -
           g.in_state[static_cast<int>(AgentState::kAux)];
  }
  // Agents of the group idle now, and whether `agent` is one of them.
  int idle_count(uint32_t group) const {
    return static_cast<int>(groups_[group].idle.size);
  }
  bool is_idle(uint32_t agent) const {
    return agents_[agent].state == AgentState::kIdle;
  }
  // Agent a has been idle longer than agent b.
  bool IdleLonger(uint32_t a, uint32_t b) const {
    return agents_[a].idle_since < agents_[b].idle_since;
  }

  // Routing's calls: the agent answers a call; the talk ends and `wrap` of
  // after-call work follows (none: the agent is free at once).
  void StartTalk(uint32_t agent) { SetState(agent, AgentState::kTalk); }
  void EndTalk(uint32_t agent, Time wrap);

  void OnStaffing(int64_t interval);
  // The part of an interval a fractional agent works is over.
  void OnStaffingPart(uint32_t group);
  void OnEnd();  // end of the horizon: closes the time accounts
  void OnWrapEnd(uint32_t agent) { AgentFree(agent); }
  void OnShiftStart(uint32_t agent);
  void OnLogin(uint32_t agent) { LogIn(agent); }
  void OnShiftEnd(uint32_t agent);
  void OnBreakDue(uint32_t agent, uint64_t seq);
  void OnBreakLatest(uint32_t agent, uint64_t seq);
  void OnBreakEnd(uint32_t agent);
  void OnAuxRequest(uint32_t agent, uint64_t seq);

  // Largest number of agents of each group on a break or AUX at once,
  // counting only breaks taken within the cap (not forced ones).
  const std::vector<int>& max_on_capped_break() const {
    return max_on_capped_break_;
  }

 private:
  enum class AgentState : uint8_t { kOff, kIdle, kTalk, kWrap, kBreak, kAux };
  struct Agent {
    Time idle_since;
    Time shift_start;  // planned start of the current shift (break offsets)
    Time due_at;       // when a pending break or the shift end came due
    uint64_t due_seq = 0, latest_seq = 0, aux_seq = 0;
    uint32_t group;
    uint32_t prev, next;  // idle-list links
    int32_t shift;        // -1: staffing-level group
    uint16_t next_break;  // index of the next scheduled break
    AgentState state;
    bool leaving;        // finish the current work, then log off
    bool break_pending;  // break due, not yet started
    bool break_forced;   // its latest start has passed
    bool break_waiting;  // in the group's break wait list
    bool break_capped;   // the break running was taken within the cap
    bool aux_pending;
  };
  struct Group {
    uint32_t first_agent = 0;  // agents [first_agent, first_agent + slots)
    uint32_t slots = 0;
    int target = 0;         // staffing wanted now (staffing-level groups)
    int logged_in = 0;      // every state but off
    int in_state[6] = {};   // agents by AgentState (kOff unused)
    int capped_breaks = 0;  // breaks and AUX taken within the cap
    int leaving = 0;
    List idle;                  // ordered by idle_since, oldest at head
    std::vector<uint32_t> off;  // agent slots not logged in (a stack)
    std::vector<uint32_t> break_waiters;
    Time accounted_until;  // agent time integrated up to here
    bool shifts = false;
  };

  // The agent has finished its work (talk, wrap, break): log off, break,
  // take a call or wait.
  void AgentFree(uint32_t agent);
  void SetState(uint32_t agent, AgentState state);
  // Reports a state change to the tracer (ctx_.trace is set).
  void Trace(uint32_t agent, AgentState from, AgentState to);
  void SetStaffing(uint32_t group, int target);
  // A dated-staffing group's agents in interval k (since time 0); past the
  // table's end, the last day's value at the same time of day.
  double DatedStaffing(uint32_t group, int64_t k) const;
  void LogIn(uint32_t agent);
  void LogOff(uint32_t agent);
  bool Draining() const;  // past the horizon with nobody left to serve
  // Past the drain limit, ends the callers still waiting (Routing).
  void CheckDrainLimit();
  // Shifts, breaks, AUX (shifts.cc).
  void ScheduleBreak(uint32_t agent);
  void ScheduleAux(uint32_t agent);
  bool BreakAllowed(uint32_t group) const;
  void StartBreak(uint32_t agent, bool aux, Time duration);
  void StartScheduledBreak(uint32_t agent);
  void StartAux(uint32_t agent);
  // Queues the agent for a break the cap does not allow yet.
  void WaitForBreak(uint32_t agent);
  void ServeBreakWaiters(uint32_t group);
  void RemoveBreakWaiter(uint32_t agent);
  // Accounting.
  void AccountAgents(uint32_t group);
  void AddOverrun(uint32_t group, Time lost);

  Context& ctx_;
  Collector& metrics_;
  Entry& entry_;
  Routing& routing_;
  std::vector<Group> groups_;
  std::vector<Agent> agents_;
  std::vector<Rng> agent_rng_;
  bool any_staffing_groups_ = false;
  std::vector<int> max_on_capped_break_;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_AGENTS_H_
