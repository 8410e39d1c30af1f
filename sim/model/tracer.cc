#include "sim/model/tracer.h"

namespace ccsim::model {

namespace {

CallCause CauseOf(Cause c) {
  switch (c) {
    case kFirst:
      return CallCause::kFirst;
    case kAfterBusy:
      return CallCause::kRedialBusy;
    case kAfterAbandon:
      return CallCause::kRedialAbandon;
    case kAfterIvr:
      return CallCause::kRedialIvr;
    case kReturn:
      return CallCause::kReturn;
  }
  return CallCause::kFirst;
}

}  // namespace

void Tracer::Begin(uint32_t call, uint32_t type, uint32_t caller, Cause cause,
                   uint32_t attempt, bool counted) {
  if (call >= records_.size()) {
    records_.resize(call + 1);
    open_.resize(call + 1, 0);
  }
  // Callers are numbered at their first call, counted or not, so that the
  // numbers do not depend on the warm-up's length.
  uint64_t serial;
  if (caller == kNone) {
    serial = ++callers_;
  } else {
    if (caller >= caller_serial_.size()) caller_serial_.resize(caller + 1, 0);
    if (cause == kFirst) caller_serial_[caller] = ++callers_;
    serial = caller_serial_[caller];
  }
  open_[call] = counted ? 1 : 0;
  if (!counted) return;
  CallRecord& r = records_[call];
  r = CallRecord{};
  r.replication = static_cast<int>(ctx_.replication);
  r.caller = serial;
  r.attempt = static_cast<int>(attempt < 1 ? 1 : attempt);
  r.cause = CauseOf(cause);
  r.call_type = static_cast<int>(type);
  r.arrival = ctx_.now();
}

void Tracer::Queued(uint32_t call, uint32_t queue) {
  Open(call, [&](CallRecord& r) {
    if (r.queue >= 0) return;
    r.queue = static_cast<int>(queue);
    r.queued = ctx_.now();
    if (ctx_.ivr_enabled) r.ivr_exit = r.queued;
  });
}

void Tracer::Answered(uint32_t call, uint32_t agent, uint32_t group,
                      uint32_t slot) {
  Open(call, [&](CallRecord& r) {
    if (r.legs++ > 0) return;
    r.answered = ctx_.now();
    r.agent = static_cast<int>(agent);
    r.group = static_cast<int>(group);
    r.agent_slot = static_cast<int>(slot);
  });
}

void Tracer::TalkEnded(uint32_t call, Time wrap) {
  Open(call, [&](CallRecord& r) {
    if (r.legs != 1 || !r.talk_end.is_infinite()) return;
    r.talk_end = ctx_.now();
    r.wrap_end = r.talk_end + wrap;
  });
}

void Tracer::End(uint32_t call, CallOutcome outcome, bool resolved) {
  if (call >= open_.size() || !open_[call]) return;
  open_[call] = 0;
  CallRecord& r = records_[call];
  r.left = ctx_.now();
  r.outcome = outcome;
  r.resolved = resolved;
  sink_.OnCall(r);
}

void Tracer::Agent(Time t, uint32_t agent, uint32_t group, uint32_t slot,
                   AgentLogState state) {
  sink_.OnAgentState(
      AgentStateRecord{.replication = static_cast<int>(ctx_.replication),
                       .time = t,
                       .group = static_cast<int>(group),
                       .agent = static_cast<int>(agent),
                       .slot = static_cast<int>(slot),
                       .state = state});
}

}  // namespace ccsim::model
