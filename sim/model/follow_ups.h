// Outbound follow-up calls: tasks created after calls, an outbound backlog
// that carries over across days, and the agents who call them.
//
// When a call's service ends (Routing::EndService), a share of the calls of
// a type with a `follow_up` (those answered, or only the resolved or the
// unresolved ones) creates a task: ready `delay` later and due `window`
// after the call's end. Ready tasks wait in a backlog per call type,
// earliest due first. A free agent whose group lists the type in its
// `outbound` takes the earliest-due ready task of its types, but only when
// Routing found no inbound caller for it and at least `keep_idle` other
// agents of its group stay idle (a group without skills is dedicated). The
// agent dials (busy for dial_time); the customer is reached with
// probability `reach`: then talk and after-call work follow and the task is
// done. Not reached: the agent is free again, and retry_delay later the
// task is ready again, up to max_attempts dials; then it has failed.
//
// Tasks are created, dialled and counted only before the end of the
// horizon; tasks still open then are counted open (and overdue when past
// due); a dial or talk in progress runs out uncounted.
//
// Handles kFollowUpReady (entity: task), kFollowUpDial and kFollowUpTalk
// (entity: agent) and kFollowUpDayEnd (entity: day; the backlog sample).
// Stream: per call type kFollowUp (creation, dials, reach, talk, wrap), so
// a scenario with follow-ups shares every other draw with one without.
//
// Counting: a task counts in the counters of the call that created it
// (its type and arrival interval); uncounted (warm-up) calls make uncounted
// tasks. Every counted task ends in exactly one of done, failed, open.
//
// Invariants: a live task is in exactly one of: a ready backlog, waiting
// for its ready event, parked (its next ready time is past the horizon),
// or an agent's dial or talk; an agent with doing_[agent] != kNone is in
// talk (dialling or talking) for that task.
#ifndef CCSIM_SIM_MODEL_FOLLOW_UPS_H_
#define CCSIM_SIM_MODEL_FOLLOW_UPS_H_

#include <cstdint>
#include <vector>

#include "ccsim/random.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Agents;
class Collector;

class FollowUps {
 public:
  FollowUps(Context& ctx, Collector& metrics, Agents& agents);

  // Schedules the first backlog sample (the end of day 0).
  void Start();
  // A call of `type` ended its service (resolved or not); `bin` is its
  // counters bin, kNone when it is not counted. May create a task.
  void AfterService(uint32_t type, bool resolved, uint32_t bin);
  // `agent` is free and Routing has no inbound caller for it: starts the
  // earliest-due ready follow-up its group calls, if its keep_idle allows.
  // True if it did.
  bool Take(uint32_t agent);

  void OnReady(uint32_t task);
  void OnDialEnd(uint32_t agent);
  void OnTalkEnd(uint32_t agent);
  void OnDayEnd(uint32_t day);
  // End of the horizon: counts the open tasks; nothing is counted after.
  void OnEnd();

 private:
  struct Task {
    Time created;  // the end of the call's talk
    Time due;
    uint32_t bin;   // counters bin, kNone when not counted
    uint32_t type;  // call type
    uint32_t next;  // free-list link
    uint8_t dials;
    bool live;
  };
  struct Type {
    const FollowUpSpec* spec = nullptr;
    std::vector<uint32_t> ready;   // a min-heap by (due, id)
    std::vector<uint32_t> groups;  // that call this type's tasks
    uint32_t open = 0;             // live tasks (counted or not)
    Rng rng{0};
  };
  struct Group {
    std::vector<uint32_t> types;  // whose follow-ups it calls
    int keep_idle = 0;
  };

  uint32_t NewTask();
  void FreeTask(uint32_t task);
  // The task may be called from now: into its type's backlog, and to an
  // idle agent that may take it.
  void MakeReady(uint32_t task);
  void Dial(uint32_t agent, uint32_t task);
  // Task a is due after task b (ties: the higher id); the backlog order.
  bool Later(uint32_t a, uint32_t b) const;
  // Whether a free agent of group `g` may start a follow-up now.
  bool MayTake(uint32_t agent, uint32_t g) const;
  bool counting() const { return !closed_; }

  Context& ctx_;
  Collector& metrics_;
  Agents& agents_;
  std::vector<Type> types_;    // by call type; empty: no follow-ups
  std::vector<Group> groups_;  // by agent group
  std::vector<Task> tasks_;
  uint32_t free_ = kNone;
  std::vector<uint32_t> doing_;  // by agent: its task, or kNone
  std::vector<Time> wrap_;       // by agent: after-call work of its talk
  bool closed_ = false;          // past the end of the horizon
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_FOLLOW_UPS_H_
