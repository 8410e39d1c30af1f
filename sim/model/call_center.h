// The contact-centre model.
//
// A caller's path: arrival (regular Poisson arrivals shaped by the
// calendar, or an incident's extra calls, or a repeat call) -> opening hours
// (closed) -> trunk lines (blocked) -> IVR: greeting and announcements
// (informed), a menu tree (hang-up, zero-out, misroute, transfer out), self
// service (contained) -> a queue (skill) with patience (abandoned) -> one or
// more agent legs (a misrouted call is passed on to the right skill; a share
// of calls is transferred to a second skill) -> after-call work -> resolved,
// or a return call days later. Callers who fail to get through redial.
//
// Agents either follow a staffing level per interval, or work shifts with
// scheduled breaks under a break cap, ad-hoc AUX and schedule adherence.
//
// Entities live in dense vectors indexed by 32-bit ids; queues and idle
// lists are intrusive doubly linked lists through those vectors, so every
// operation is O(1) (the break wait list is a short vector per group) and
// nothing is allocated per event once the vectors have grown to the run's
// peak. Events carry (kind, entity id); an owner that may cancel an event
// keeps its sequence number and ignores the event when it no longer
// matches.
//
// Random streams (see ccsim/random.h) are keyed by names, so that variants
// of a scenario share draws:
//   * per call type: kArrivals, kHandleTime, kPatience, kWrapUp (first calls
//     of regular arrivals), kBusyness (daily factors), kCallerSeeds;
//   * per incident: kIncident (arrival times), kIncidentCallers;
//   * per agent (group name and slot): kAgents.
// Each caller gets its own generator, seeded from kCallerSeeds when it first
// calls; every later decision about that caller (IVR choices, transfers,
// resolution, redials and their delays, durations of repeat calls) is drawn
// from it, so the n-th caller of a type makes the same choices in every
// variant, whatever happens to other callers. When no feature needs
// per-caller draws, no caller record is kept and the model is exactly the
// foundation model (same draws, same events).
#ifndef CCSIM_SIM_MODEL_CALL_CENTER_H_
#define CCSIM_SIM_MODEL_CALL_CENTER_H_

#include <cstdint>
#include <vector>

#include "ccsim/metrics.h"
#include "ccsim/random.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/simulator.h"

namespace ccsim::model {

// Observations of one replication that tests check against invariants.
struct Probe {
  // Largest number of agents of each group on a break or AUX at once,
  // counting only breaks taken within the cap (not forced ones).
  std::vector<int> max_on_capped_break;
  // Largest number of trunk lines in use at once.
  int max_lines_in_use = 0;
  // Repeat calls that would have arrived after the horizon (not simulated).
  int64_t repeats_after_horizon = 0;
};

class CallCenter {
 public:
  // REQUIRES: CheckRunnable(scenario) is OK. The scenario must outlive this.
  CallCenter(const Scenario& scenario, uint64_t seed, int replication);

  // Runs one replication to the end of the horizon and then drains the
  // calls still in the system. Call once.
  void Run();

  // The replication's metrics. REQUIRES: Run() has returned.
  ReplicationResult Result() const;
  const Probe& probe() const { return probe_; }

  // The engine calls this for each event.
  void Handle(const Event& e);

 private:
  enum Kind : uint8_t {
    kArrival = 0,          // entity: call type
    kServiceEnd = 1,       // entity: agent (end of talk)
    kAbandon = 2,          // entity: call
    kStaffing = 3,         // entity: interval index since time 0
    kEnd = 4,              // end of the horizon
    kIncidentArrival = 5,  // entity: incident
    kRedial = 6,           // entity: caller
    kIvrStep = 7,          // entity: call
    kOverflow = 8,         // entity: call
    kWrapEnd = 9,          // entity: agent
    kShiftStart = 10,      // entity: agent (planned start of a shift)
    kLogin = 11,           // entity: agent (after a log-in delay)
    kShiftEnd = 12,        // entity: agent
    kBreakDue = 13,        // entity: agent
    kBreakLatest = 14,     // entity: agent
    kBreakEnd = 15,        // entity: agent (end of a break or AUX)
    kAuxRequest = 16,      // entity: agent
  };
  static constexpr uint32_t kNone = 0xffffffffu;

  // Why a caller calls again.
  enum Cause : uint8_t {
    kFirst,
    kAfterBusy,
    kAfterAbandon,
    kAfterIvr,
    kReturn
  };
  enum class IvrStage : uint8_t { kNone, kGreeting, kMenu, kSelfService };

  struct Call {
    Time arrival;   // this attempt's arrival
    Time enqueued;  // entry into the current queue lane
    Time handle;    // talk time of the next leg (before the group factor)
    Time patience;  // from the first queue entry; Infinite: none
    Time wrap;      // after-call work of the next leg
    uint64_t abandon_seq;  // live abandonment event, 0 when none
    uint64_t timer_seq;    // live IVR step or overflow check, 0 when none
    uint32_t type;         // the caller's call type (metrics are by it)
    uint32_t need;         // the skill the caller needs now
    uint32_t queue;        // the queue it waits in
    uint32_t caller;       // kNone without caller records
    uint32_t bin;          // index into counters_ when counted
    uint32_t prev, next;   // queue links (or free-list link in next)
    int32_t node;          // IVR node
    uint8_t overflow;      // index of the next overflow delay
    IvrStage stage;
    bool counted;           // arrived after the warm-up (and before the end)
    bool answered;          // an agent has answered
    bool priority;          // waits in the transfer lane
    bool transfer_checked;  // the transfer draw has been made
    bool misrouted_leg;     // the agent talking cannot serve `need`
  };

  struct Caller {
    Rng rng;
    uint32_t type;
    uint32_t attempts;  // calls in the current episode
    Cause cause;        // of the pending repeat call
    uint32_t next_free;
  };

  enum class AgentState : uint8_t { kOff, kIdle, kTalk, kWrap, kBreak, kAux };
  struct Agent {
    Time idle_since;
    Time shift_start;  // planned start of the current shift (break offsets)
    Time due_at;       // when a pending break or the shift end came due
    Time done_wrap;    // after-call work of a call released at answer
    uint32_t done_bin = 0;  // its counters index, kNone when not counted
    uint64_t due_seq = 0, latest_seq = 0, aux_seq = 0;
    uint32_t group;
    uint32_t prev, next;  // idle-list links
    uint32_t call;        // call in talk, kNone otherwise
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

  struct List {
    uint32_t head = kNone, tail = kNone;
    uint32_t size = 0;
  };

  struct SkillRef {
    uint32_t type;
    int priority;
    Time after;
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
    std::vector<SkillRef> skills;
    std::vector<uint8_t> can_serve;     // by call type
    std::vector<double> handle_factor;  // by call type, empty: all 1
    std::vector<uint32_t> break_waiters;
    Time accounted_until;  // agent time integrated up to here
    bool shifts = false;
  };

  struct Overflow {
    uint32_t group;
    Time after;
  };

  struct Queue {
    List lanes[2];  // [0] transferred calls (first), [1] new calls
    std::vector<uint32_t> instant_groups;  // take calls at once
    std::vector<Overflow> overflow;        // sorted by `after`
  };

  struct TypeState {
    Rng arrivals, handle, patience, wrap, caller_seeds;
    std::vector<double> day_factor;  // by simulated day
    bool has_patience = false;
    bool has_arrivals = false;     // some interval of the day has a rate > 0
    bool has_day_factors = false;  // some day_factor differs from 1
  };

  struct IncidentState {
    Rng arrivals, caller_seeds;
    double mass = 0;  // integrated rate so far, in expected calls
  };

  // Arrivals.
  void ScheduleNextArrival(uint32_t type, Time from);
  void ScheduleIncidentArrival(uint32_t incident);
  void OnArrival(uint32_t type);
  void OnIncidentArrival(uint32_t incident);
  void OnRedial(uint32_t caller);
  // A call attempt enters; `caller` is kNone without caller records.
  // Draws are from the type streams (first calls of regular arrivals) or the
  // caller's generator.
  void NewAttempt(uint32_t type, uint32_t caller, bool from_type_streams);
  bool IsOpen(Time t) const;
  // IVR.
  void EnterIvr(uint32_t call);
  bool AnnouncementActive(const AnnouncementSpec& a, Time t) const;
  void ExitIvr(Call& c);
  void AfterGreeting(uint32_t call);
  void EnterNode(uint32_t call, int node);
  void OnIvrStep(uint32_t call, uint64_t seq);
  void DecideMenu(uint32_t call);
  void DecideSelfService(uint32_t call);
  void FollowTarget(uint32_t call, const IvrTarget& target);
  // Queueing and service.
  void EnterQueue(uint32_t call, uint32_t queue, bool priority);
  uint32_t LongestIdle(const std::vector<uint32_t>& groups) const;
  void StartService(uint32_t agent, uint32_t call);
  void OnServiceEnd(uint32_t agent);
  void OnWrapEnd(uint32_t agent);
  void OnAbandon(uint32_t call, uint64_t seq);
  void OnOverflow(uint32_t call, uint64_t seq);
  void ScheduleOverflow(uint32_t call);
  // Gives a free agent the best waiting call it can take; false if none.
  bool TakeNextCall(uint32_t agent);
  // The agent has finished its work (talk, wrap, break): log off, break,
  // take a call or wait.
  void AgentFree(uint32_t agent);
  void MakeIdle(uint32_t agent);
  void SetState(uint32_t agent, AgentState state);
  // Outcomes.
  void LeaveSystem(uint32_t call);  // frees the line and the record
  void FailAttempt(uint32_t call, Cause cause);
  void EndService(uint32_t call, uint32_t group);
  // Staffing.
  void OnStaffing(int64_t interval);
  void SetStaffing(uint32_t group, int target);
  void LogIn(uint32_t agent);
  void LogOff(uint32_t agent);
  // Shifts, breaks, AUX.
  void OnShiftStart(uint32_t agent);
  void OnShiftEnd(uint32_t agent);
  void ScheduleBreak(uint32_t agent);
  void OnBreakDue(uint32_t agent, uint64_t seq);
  void OnBreakLatest(uint32_t agent, uint64_t seq);
  void OnBreakEnd(uint32_t agent);
  void OnAuxRequest(uint32_t agent, uint64_t seq);
  void ScheduleAux(uint32_t agent);
  bool BreakAllowed(const Group& g) const;
  void StartBreak(uint32_t agent, bool aux, Time duration);
  void ServeBreakWaiters(uint32_t group);
  void RemoveBreakWaiter(uint32_t agent);
  bool Draining() const;  // past the horizon with nobody left to serve
  // Accounting.
  void AccountAgents(uint32_t group);
  void AddOverrun(uint32_t group, Time lost);
  CallCounters& CountersFor(const Call& c);
  CallCounters* Counted(const Call& c) {
    return c.counted ? &CountersFor(c) : nullptr;
  }
  int64_t DayOf(Time t) const { return t / Time::Days(1); }

  uint32_t NewCall();
  void FreeCall(uint32_t call);
  uint32_t NewCaller(uint32_t type, uint64_t seed);
  void FreeCaller(uint32_t caller);
  Rng& RngOf(const Call& c) { return callers_[c.caller].rng; }
  template <class Item>
  static void PushBack(List& list, std::vector<Item>& items, uint32_t id);
  template <class Item>
  static void Unlink(List& list, std::vector<Item>& items, uint32_t id);

  const Scenario& s_;
  Simulator sim_;
  const Time interval_;
  const Time warmup_;
  const Time end_;
  const int intervals_per_day_;
  const int64_t warmup_intervals_;
  const uint64_t seed_;
  const uint64_t replication_;
  // Feature switches, fixed at construction.
  bool use_callers_ = false;  // per-caller generators and records
  bool always_open_ = true;
  bool ivr_enabled_ = false;
  bool priority_lane_ = false;  // calls can be re-queued ahead of others
  // No caller records and no re-queueing: a call's record is freed when it
  // is answered, as nothing after the talk needs it.
  bool release_at_answer_ = false;
  bool any_staffing_groups_ = false;

  std::vector<TypeState> types_;
  std::vector<Queue> queues_;  // by call type (skill)
  std::vector<IncidentState> incidents_;
  std::vector<Group> groups_;
  std::vector<Agent> agents_;
  std::vector<Rng> agent_rng_;
  std::vector<Call> calls_;
  std::vector<Caller> callers_;
  int weekday0_ = 0;  // weekday of simulated day 0 (0 = Monday)
  // announced_[i][type]: announcement i speaks to callers of that type.
  std::vector<std::vector<uint8_t>> announced_;
  uint32_t free_calls_ = kNone;
  uint32_t free_callers_ = kNone;
  uint32_t calls_in_system_ = 0;  // from trunk seizure to the end of talk
  uint32_t waiting_ = 0;          // in a queue
  uint32_t in_ivr_ = 0;           // in the IVR
  int lines_in_use_ = 0;
  uint64_t calls_created_ = 0;
  Probe probe_;

  // Counters by [type * reported_intervals + interval].
  std::vector<CallCounters> counters_;
  // Agent time by [group * reported_intervals + interval], in agent-ticks:
  // integer sums are exact, so components add up to the staffed time to
  // the tick. (At most 10^6 agents x 1 day of ticks fits in 63 bits.)
  struct AgentTicks {
    int64_t staffed = 0;
    int64_t talk = 0;
    int64_t wrap = 0;
    int64_t on_break = 0;
    int64_t aux = 0;
    int64_t idle = 0;  // measured from the idle lists, not as a remainder
    int64_t overrun = 0;
    int64_t breaks_postponed = 0;
    int64_t breaks_forced = 0;
  };
  std::vector<AgentTicks> agent_time_;
  AgentTicks* AgentBin(uint32_t group, Time t);
  // Calls answered by each group (every leg it took).
  std::vector<CallCounters> group_calls_;
  int64_t reported_intervals_;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_CALL_CENTER_H_
