#include "sim/model/callers.h"

#include <cmath>

#include "sim/model/entry.h"

namespace ccsim::model {

uint32_t Callers::New(uint32_t type, uint64_t seed) {
  uint32_t id;
  if (free_ != kNone) {
    id = free_;
    free_ = callers_[id].next_free;
  } else {
    callers_.push_back(Caller{.rng = Rng(0),
                              .type = 0,
                              .attempts = 0,
                              .cause = kFirst,
                              .next_free = kNone});
    id = static_cast<uint32_t>(callers_.size() - 1);
  }
  Caller& c = callers_[id];
  c.rng = Rng(seed);
  c.type = type;
  c.attempts = 0;
  c.cause = kFirst;
  return id;
}

void Callers::Free(uint32_t caller) {
  if (caller == kNone) return;
  callers_[caller].next_free = free_;
  free_ = caller;
}

bool Callers::AfterFailure(uint32_t id, uint32_t type, Cause cause) {
  Caller& caller = callers_[id];
  const RedialSpec& r = ctx_.s.call_types[type].redial;
  double p = cause == kAfterBusy      ? r.after_busy
             : cause == kAfterAbandon ? r.after_abandon
                                      : r.after_ivr;
  if (r.max_attempts > 0 &&
      caller.attempts >= static_cast<uint32_t>(r.max_attempts)) {
    p = 0;
  }
  bool redial = false;
  if (p > 0) {
    p *= std::pow(r.decay, static_cast<double>(caller.attempts) - 1);
    redial = caller.rng.Uniform01() < p;
  }
  if (redial) {
    const Time at = ctx_.now() + Draw(*r.delay, caller.rng);
    if (at < ctx_.end) {
      caller.cause = cause;
      ++caller.attempts;
      ctx_.sim.Schedule(at, kRedial, id);
    } else {
      ++repeats_after_horizon_;
      Free(id);
    }
  } else {
    Free(id);
  }
  return redial;
}

void Callers::ScheduleReturn(uint32_t id, const Distribution& delay) {
  Caller& caller = callers_[id];
  const Time at = ctx_.now() + Draw(delay, caller.rng);
  if (at < ctx_.end) {
    caller.cause = kReturn;
    caller.attempts = 0;
    ctx_.sim.Schedule(at, kRedial, id);
  } else {
    ++repeats_after_horizon_;
    Free(id);
  }
}

void Callers::OnRedial(uint32_t caller) {
  entry_.NewAttempt(callers_[caller].type, caller,
                    /*from_type_streams=*/false);
}

}  // namespace ccsim::model
