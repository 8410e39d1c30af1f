// What every part of the contact-centre model shares: the scenario, the
// simulator and its horizon, the switches that say which features are on,
// the event kinds, and small helpers (intrusive lists, drawn durations).
//
// The model is split into parts, each in a file of its own (see
// docs/design.md for the drawing):
//
//   arrivals.h   regular and incident arrivals (calendar, day factors)
//   entry.h      a call attempt's life in the system: opening hours, trunk
//                lines, the draws of its durations, leaving or failing
//   ivr.h        greeting, announcements, menus, self service
//   routing.h    queues, skills, priorities, overflow, abandonment, talk,
//                misroutes and transfers
//   agents.h     agent groups: staffing levels, shifts, breaks under the
//                cap, AUX, adherence, after-call work, idle lists
//   callers.h    caller records and generators; redials and returns
//   callbacks.h  virtual hold: offers, places kept, dials and retries
//   follow_ups.h outbound follow-up tasks: backlog, blending, dials
//   collector.h  the replication's counters and agent time (metrics)
//   call_center.h  owns the parts and dispatches events to them
//
// A part changes another part's state only through the other's public
// member functions. Invariant: a Context is built once per replication and
// never changes after construction, except the simulator inside it.
#ifndef CCSIM_SIM_MODEL_CONTEXT_H_
#define CCSIM_SIM_MODEL_CONTEXT_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "ccsim/random.h"
#include "ccsim/scenario.h"
#include "ccsim/simulator.h"

namespace ccsim::model {

inline constexpr uint32_t kNone = 0xffffffffu;

class Tracer;

// Event kinds, with the part that handles each and its entity.
enum Kind : uint8_t {
  kArrival = 0,          // Arrivals; entity: call type
  kServiceEnd = 1,       // Routing; entity: agent (end of talk)
  kAbandon = 2,          // Routing; entity: call
  kStaffing = 3,         // Agents; entity: interval index since time 0
  kEnd = 4,              // Agents (close the time accounts); end of horizon
  kIncidentArrival = 5,  // Arrivals; entity: incident
  kRedial = 6,           // Callers; entity: caller
  kIvrStep = 7,          // Ivr; entity: call
  kOverflow = 8,         // Routing; entity: call
  kWrapEnd = 9,          // Agents; entity: agent
  kShiftStart = 10,      // Agents; entity: agent (planned start of a shift)
  kLogin = 11,           // Agents; entity: agent (after a log-in delay)
  kShiftEnd = 12,        // Agents; entity: agent
  kBreakDue = 13,        // Agents; entity: agent
  kBreakLatest = 14,     // Agents; entity: agent
  kBreakEnd = 15,        // Agents; entity: agent (end of a break or AUX)
  kAuxRequest = 16,      // Agents; entity: agent
  kStaffingPart = 17,    // Agents; entity: group (a fractional agent leaves)
  kCallbackDial = 18,    // Callbacks; entity: agent (a dial ends)
  kCallbackRetry = 19,   // Callbacks; entity: call (time to dial again)
  kFollowUpReady = 20,   // FollowUps; entity: task (may be called now)
  kFollowUpDial = 21,    // FollowUps; entity: agent (a dial ends)
  kFollowUpTalk = 22,    // FollowUps; entity: agent (a follow-up talk ends)
  kFollowUpDayEnd = 23,  // FollowUps; entity: day (backlog sample)
};

// Why a caller calls (again).
enum Cause : uint8_t { kFirst, kAfterBusy, kAfterAbandon, kAfterIvr, kReturn };

struct Context {
  // REQUIRES: CheckRunnable(scenario) is OK; the scenario outlives this.
  Context(const Scenario& scenario, uint64_t seed, int replication);

  const Scenario& s;
  Simulator sim;
  const Time interval;
  const Time warmup;
  const Time end;  // of the horizon (warm-up included)
  const int intervals_per_day;
  const int64_t warmup_intervals;
  const int64_t reported_intervals;  // after the warm-up
  const uint64_t seed;
  const uint64_t replication;
  int weekday0 = 0;  // weekday of simulated day 0 (0 = Monday)
  int64_t days = 0;  // simulated days (warm-up included)

  // Feature switches, fixed at construction.
  bool use_callers = false;  // per-caller generators and records
  bool always_open = true;
  bool ivr_enabled = false;
  bool priority_lane = false;  // calls can be re-queued ahead of others
  bool callbacks = false;      // some queue offers callbacks
  bool follow_ups = false;     // some call type creates follow-up tasks
  // No caller records and no re-queueing: a call's record is freed when it
  // is answered, as nothing after the talk needs it.
  bool release_at_answer = false;
  // The call and agent records' tracer; null unless records are wanted.
  // Set by CallCenter before the run (it turns release_at_answer off).
  Tracer* trace = nullptr;

  Time now() const { return sim.now(); }
  // A week past the horizon, callers still waiting are ended (Agents
  // checks at each staffing change and shift start): their queue is not
  // served after the horizon (e.g. a dated table ending with no agent).
  Time drain_limit() const { return end + Time::Days(7); }
  int64_t DayOf(Time t) const { return t / Time::Days(1); }
};

// A drawn duration as Time. Heavy-tailed distributions can draw values far
// beyond any horizon; they are capped at 10^12 s (31,700 years) so that
// event times never overflow.
inline Time SampledDuration(double seconds) {
  constexpr double kMaxSeconds = 1e12;
  return Time::Seconds(seconds < kMaxSeconds ? seconds : kMaxSeconds);
}

inline Time Draw(const Distribution& d, Rng& rng) {
  return SampledDuration(d.Sample(rng));
}

inline Time DrawOr0(const std::optional<Distribution>& d, Rng& rng) {
  return d.has_value() ? Draw(*d, rng) : Time::Zero();
}

// An intrusive doubly linked list through a dense vector of items that
// have `prev` and `next` fields: O(1) push and unlink, no allocation.
struct List {
  uint32_t head = kNone, tail = kNone;
  uint32_t size = 0;

  template <class Item>
  void PushBack(std::vector<Item>& items, uint32_t id) {
    items[id].prev = tail;
    items[id].next = kNone;
    if (tail != kNone) {
      items[tail].next = id;
    } else {
      head = id;
    }
    tail = id;
    ++size;
  }

  template <class Item>
  void Unlink(std::vector<Item>& items, uint32_t id) {
    Item& it = items[id];
    if (it.prev != kNone) {
      items[it.prev].next = it.next;
    } else {
      head = it.next;
    }
    if (it.next != kNone) {
      items[it.next].prev = it.prev;
    } else {
      tail = it.prev;
    }
    it.prev = it.next = kNone;
    --size;
  }
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_CONTEXT_H_
