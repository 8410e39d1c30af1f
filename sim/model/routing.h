// Routing: queues, skills, priorities, overflow, abandonment and the talk.
//
// There is one queue per call type (skill), with two lanes: calls passed on
// by an agent (misrouted or transferred) wait in lane 0, ahead of new calls
// in lane 1; both are first come, first served. A group serves a skill at
// once, or only after a call has waited `after` (overflow). A free agent
// takes the call of its best-priority skill that waits longest; a new call
// goes to the agent idle longest among the groups that serve it at once.
// A call leaves its queue when answered or when its patience runs out
// (transferred callers wait without limit). A caller about to wait in a
// queue that offers callbacks may take one instead (callbacks.h): its place
// then competes with the live callers' for free agents, as if it were one
// of the new calls. At the end of a talk a
// misrouted call is passed on to the skill it needs, a share of calls is
// transferred to a second skill, and the rest end their service (resolved,
// or the caller returns later; either may create a follow-up task).
//
// Handles kAbandon and kOverflow (entity: call) and kServiceEnd (entity:
// agent). Tells Agents when an agent starts and ends a talk.
//
// Invariants: waiting() is the number of calls in the lanes; a waiting call
// has a live abandonment event iff it has finite patience and is not in the
// transfer lane; an agent in talk has a talk record here, unless it is
// dialling a callback (Callbacks owns that).
#ifndef CCSIM_SIM_MODEL_ROUTING_H_
#define CCSIM_SIM_MODEL_ROUTING_H_

#include <cstdint>
#include <vector>

#include "sim/model/calls.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Agents;
class Callbacks;
class Callers;
class Collector;
class Entry;
class FollowUps;

class Routing {
 public:
  Routing(Context& ctx, CallPool& calls, Callers& callers, Collector& metrics,
          Entry& entry, Agents& agents, Callbacks& callbacks,
          FollowUps& follow_ups);

  // The call joins `queue` (in the transfer lane if `priority`), or goes to
  // an idle agent at once.
  void EnterQueue(uint32_t call, uint32_t queue, bool priority);
  // Gives a free agent the best waiting call it can take, or else a
  // follow-up task its group calls (follow_ups.h); false if none.
  bool TakeNextCall(uint32_t agent);
  // A callback's customer answered `agent`'s dial: the talk starts.
  void Connect(uint32_t agent, uint32_t call) { StartService(agent, call); }
  // A place was added to `queue`: an idle agent that serves it at once
  // takes the best call it can.
  void OfferToIdleAgent(uint32_t queue);

  // Past the drain limit (Context::drain_limit): every caller still
  // waiting abandons, and every callback place fails.
  void EndWaiting();

  void OnServiceEnd(uint32_t agent);
  void OnAbandon(uint32_t call, uint64_t seq);
  void OnOverflow(uint32_t call, uint64_t seq);

  uint32_t waiting() const { return waiting_; }

 private:
  struct SkillRef {
    uint32_t type;
    int priority;
    Time after;
    Time head_start;
  };
  struct GroupSkills {
    std::vector<SkillRef> skills;
    std::vector<uint8_t> can_serve;     // by call type
    std::vector<double> handle_factor;  // by call type, empty: all 1
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
  // What an agent is talking about. With release_at_answer the call's
  // record is gone: the two facts the end of the talk needs are kept.
  struct Talk {
    uint32_t call = kNone;  // kNone: released at answer
    uint32_t done_bin = 0;  // its counters bin, kNone when not counted
    Time done_wrap;         // its after-call work
  };

  uint32_t LongestIdle(const std::vector<uint32_t>& groups) const;
  // Offers the caller of `call`, about to wait in `queue`, a callback;
  // true if it took one.
  bool OfferCallback(uint32_t call, uint32_t queue);
  void StartService(uint32_t agent, uint32_t call);
  void ScheduleOverflow(uint32_t call);
  void EndService(uint32_t call, uint32_t group);
  // The waiting call hangs up now.
  void Abandon(uint32_t call);
  // Takes the call out of its lane (answered or abandoned).
  void Dequeue(uint32_t call);

  Context& ctx_;
  CallPool& calls_;
  Callers& callers_;
  Collector& metrics_;
  Entry& entry_;
  Agents& agents_;
  Callbacks& callbacks_;
  FollowUps& follow_ups_;
  std::vector<Queue> queues_;  // by call type (skill)
  std::vector<GroupSkills> groups_;
  std::vector<Talk> talk_;  // by agent
  uint32_t waiting_ = 0;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_ROUTING_H_
