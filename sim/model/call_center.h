// The contact-centre model: callers of several types arrive (Poisson, rate
// piecewise constant over the intervals of the day), queue first come first
// served for agent groups with skills and a staffing level per interval,
// and abandon when their patience runs out.
//
// Entities live in dense vectors indexed by 32-bit ids; queues and idle
// lists are intrusive doubly linked lists through those vectors, so every
// operation is O(1) and nothing is allocated per event once the vectors
// have grown to the run's peak.
//
// Random streams (see ccsim/random.h), keyed by the call type's name so that
// variants of a scenario share draws: kArrivals (inter-arrival times),
// kHandleTime and kPatience. Each caller's handle time and patience are drawn
// when the caller arrives, so the n-th caller of a type has the same needs
// in every scenario run with the same seed, whatever the staffing.
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

class CallCenter {
 public:
  // REQUIRES: CheckRunnable(scenario) is OK. The scenario must outlive this.
  CallCenter(const Scenario& scenario, uint64_t seed, int replication);

  // Runs one replication to the end of the horizon and then drains the
  // calls still in the system. Call once.
  void Run();

  // The replication's metrics. REQUIRES: Run() has returned.
  ReplicationResult Result() const;

  // The engine calls this for each event.
  void Handle(const Event& e);

 private:
  enum Kind : uint8_t {
    kArrival = 0,     // entity: call type
    kServiceEnd = 1,  // entity: agent
    kAbandon = 2,     // entity: call
    kStaffing = 3,    // entity: interval index since time 0
    kEnd = 4,         // end of the horizon
  };
  static constexpr uint32_t kNone = 0xffffffffu;

  struct Call {
    Time arrival;
    Time handle;           // drawn at arrival
    uint64_t abandon_seq;  // live abandonment event, 0 when none
    uint32_t type;
    uint32_t prev, next;  // queue links (or free-list link in next)
    bool counted;         // arrived after the warm-up
  };

  enum class AgentState : uint8_t { kOff, kIdle, kBusy };
  struct Agent {
    Time idle_since;
    uint32_t group;
    uint32_t prev, next;  // idle-list links
    AgentState state;
    bool leaving;  // finish the current call, then log off
  };

  struct List {
    uint32_t head = kNone, tail = kNone;
    uint32_t size = 0;
  };

  struct Group {
    uint32_t first_agent = 0;  // agents [first_agent, first_agent + slots)
    uint32_t slots = 0;
    int target = 0;     // staffing wanted now
    int logged_in = 0;  // idle + busy (busy includes leaving)
    int busy = 0;
    int leaving = 0;
    List idle;                    // ordered by idle_since, oldest at head
    std::vector<uint32_t> off;    // agent slots not logged in (a stack)
    std::vector<uint32_t> types;  // call types this group answers
    Time accounted_until;         // agent time integrated up to here
  };

  struct TypeState {
    Rng arrivals, handle, patience;
    List queue;
    std::vector<uint32_t> groups;  // groups that answer this type
    bool has_patience = false;
    bool has_arrivals = false;  // some interval of the day has a rate > 0
  };

  // Arrivals.
  void ScheduleNextArrival(uint32_t type, Time from);
  void OnArrival(uint32_t type);
  // Queueing and service.
  void StartService(uint32_t agent, uint32_t call);
  void OnServiceEnd(uint32_t agent);
  void OnAbandon(uint32_t call, uint64_t seq);
  // Gives a free agent the oldest waiting call it can take; false if none.
  bool TakeNextCall(uint32_t agent);
  void MakeIdle(uint32_t agent);
  // Staffing.
  void OnStaffing(int64_t interval);
  void SetStaffing(uint32_t group, int target);
  void LogOff(uint32_t agent);
  // Accounting.
  void AccountAgents(uint32_t group);
  CallCounters& CountersFor(const Call& c);
  void FinishCall(uint32_t call);

  uint32_t NewCall();
  void FreeCall(uint32_t call);
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

  std::vector<TypeState> types_;
  std::vector<Group> groups_;
  std::vector<Agent> agents_;
  std::vector<Call> calls_;
  uint32_t free_calls_ = kNone;
  uint32_t calls_in_system_ = 0;  // waiting or being answered
  uint32_t waiting_ = 0;          // in a queue
  uint64_t calls_created_ = 0;

  // Counters by [type * reported_intervals + interval].
  std::vector<CallCounters> counters_;
  // Agent time by [group * reported_intervals + interval], in agent-ticks:
  // integer sums are exact, so components add up to the staffed time to
  // the tick. (At most 10^6 agents x 1 day of ticks fits in 63 bits.)
  struct AgentTicks {
    int64_t staffed = 0;
    int64_t busy = 0;
  };
  std::vector<AgentTicks> agent_time_;
  // Calls answered by each group (answered and handle time only).
  std::vector<CallCounters> group_calls_;
  int64_t reported_intervals_;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_CALL_CENTER_H_
