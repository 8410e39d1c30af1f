// The contact-centre model: one replication of a scenario.
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
// Callers may keep their place and be called back (virtual hold), and
// calls may create outbound follow-up tasks that agents call later.
//
// CallCenter owns the parts of the model (see context.h for the list and
// docs/design.md for a drawing of the events between them), wires them
// together and dispatches each event to the part that handles its kind. It
// holds no model logic of its own.
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
// of a scenario share draws: each part's header lists the streams it owns.
// When no feature needs per-caller draws, no caller record is kept and the
// model is exactly the foundation model (same draws, same events).
#ifndef CCSIM_SIM_MODEL_CALL_CENTER_H_
#define CCSIM_SIM_MODEL_CALL_CENTER_H_

#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "sim/model/agents.h"
#include "sim/model/arrivals.h"
#include "sim/model/callbacks.h"
#include "sim/model/callers.h"
#include "sim/model/calls.h"
#include "sim/model/collector.h"
#include "sim/model/context.h"
#include "sim/model/entry.h"
#include "sim/model/follow_ups.h"
#include "sim/model/ivr.h"
#include "sim/model/routing.h"
#include "sim/model/tracer.h"

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
  // With `trace`, the replication's call and agent records go to it.
  CallCenter(const Scenario& scenario, uint64_t seed, int replication,
             TraceSink* trace = nullptr);
  CallCenter(const CallCenter&) = delete;
  CallCenter& operator=(const CallCenter&) = delete;

  // Runs one replication to the end of the horizon and then drains the
  // calls still in the system. Call once. With `simulated`, adds
  // kSimulatedPerReplication to it in parts, one as the clock passes each
  // interval boundary (the same events run in the same order).
  void Run(std::atomic<int64_t>* simulated = nullptr);

  // The replication's metrics. REQUIRES: Run() has returned.
  ReplicationResult Result() const;
  Probe probe() const;

  // The engine calls this for each event.
  void Handle(const Event& e);

 private:
  // Declared in construction order: a part may keep references to parts
  // declared after it, but uses them only once Run() starts.
  Context ctx_;
  Collector metrics_;
  CallPool calls_;
  Callers callers_;
  Entry entry_;
  Ivr ivr_;
  Agents agents_;
  Routing routing_;
  Callbacks callbacks_;
  FollowUps follow_ups_;
  Arrivals arrivals_;
  std::optional<Tracer> tracer_;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_CALL_CENTER_H_
