#include "sim/model/call_center.h"

#include <cassert>

namespace ccsim::model {

CallCenter::CallCenter(const Scenario& scenario, uint64_t seed, int replication,
                       TraceSink* trace)
    : ctx_(scenario, seed, replication),
      metrics_(ctx_, scenario.call_types.size(), scenario.agent_groups.size()),
      callers_(ctx_, entry_),
      entry_(ctx_, calls_, callers_, metrics_, ivr_, routing_),
      ivr_(ctx_, calls_, callers_, metrics_, entry_, routing_),
      agents_(ctx_, metrics_, entry_, routing_),
      routing_(ctx_, calls_, callers_, metrics_, entry_, agents_, callbacks_,
               follow_ups_),
      callbacks_(ctx_, calls_, callers_, metrics_, entry_, agents_, routing_),
      follow_ups_(ctx_, metrics_, agents_),
      arrivals_(ctx_, callers_, entry_) {
  if (trace != nullptr) {
    // The records need the call until its talk ends.
    tracer_.emplace(ctx_, *trace);
    ctx_.trace = &*tracer_;
    ctx_.release_at_answer = false;
  }
  calls_.Reserve(1024);
  ctx_.sim.Reserve(1024);
}

void CallCenter::Run(std::atomic<int64_t>* simulated) {
  agents_.Start();
  arrivals_.Start();
  follow_ups_.Start();
  ctx_.sim.Schedule(ctx_.end, kEnd, 0);
  if (simulated == nullptr) {
    ctx_.sim.Run(*this);
  } else {
    // An interval at a time: the events and their order are those of one
    // Run, and the share of the horizon done is published between them.
    int64_t published = 0;
    const double per_tick =
        static_cast<double>(kSimulatedPerReplication) / ctx_.end.ticks();
    for (Time until = ctx_.interval; until < ctx_.end; until += ctx_.interval) {
      ctx_.sim.Run(*this, until);
      const auto done = static_cast<int64_t>(per_tick * until.ticks());
      simulated->fetch_add(done - published, std::memory_order_relaxed);
      published = done;
    }
    ctx_.sim.Run(*this);
    simulated->fetch_add(kSimulatedPerReplication - published,
                         std::memory_order_relaxed);
  }
  assert(entry_.calls_in_system() == 0);
}

void CallCenter::Handle(const Event& e) {
  switch (e.kind()) {
    case kArrival:
      arrivals_.OnArrival(e.entity);
      break;
    case kServiceEnd:
      routing_.OnServiceEnd(e.entity);
      break;
    case kAbandon:
      routing_.OnAbandon(e.entity, e.seq());
      break;
    case kStaffing:
      agents_.OnStaffing(e.entity);
      break;
    case kEnd:
      agents_.OnEnd();
      follow_ups_.OnEnd();
      break;
    case kIncidentArrival:
      arrivals_.OnIncidentArrival(e.entity);
      break;
    case kRedial:
      callers_.OnRedial(e.entity);
      break;
    case kIvrStep:
      ivr_.OnStep(e.entity, e.seq());
      break;
    case kOverflow:
      routing_.OnOverflow(e.entity, e.seq());
      break;
    case kWrapEnd:
      agents_.OnWrapEnd(e.entity);
      break;
    case kShiftStart:
      agents_.OnShiftStart(e.entity);
      break;
    case kLogin:
      agents_.OnLogin(e.entity);
      break;
    case kShiftEnd:
      agents_.OnShiftEnd(e.entity);
      break;
    case kBreakDue:
      agents_.OnBreakDue(e.entity, e.seq());
      break;
    case kBreakLatest:
      agents_.OnBreakLatest(e.entity, e.seq());
      break;
    case kBreakEnd:
      agents_.OnBreakEnd(e.entity);
      break;
    case kAuxRequest:
      agents_.OnAuxRequest(e.entity, e.seq());
      break;
    case kStaffingPart:
      agents_.OnStaffingPart(e.entity);
      break;
    case kCallbackDial:
      callbacks_.OnDialEnd(e.entity);
      break;
    case kCallbackRetry:
      callbacks_.OnRetry(e.entity, e.seq());
      break;
    case kFollowUpReady:
      follow_ups_.OnReady(e.entity);
      break;
    case kFollowUpDial:
      follow_ups_.OnDialEnd(e.entity);
      break;
    case kFollowUpTalk:
      follow_ups_.OnTalkEnd(e.entity);
      break;
    case kFollowUpDayEnd:
      follow_ups_.OnDayEnd(e.entity);
      break;
  }
}

ReplicationResult CallCenter::Result() const {
  return metrics_.Result(ctx_.sim.events_handled(), entry_.calls_created());
}

Probe CallCenter::probe() const {
  return Probe{.max_on_capped_break = agents_.max_on_capped_break(),
               .max_lines_in_use = entry_.max_lines_in_use(),
               .repeats_after_horizon = callers_.repeats_after_horizon()};
}

}  // namespace ccsim::model
