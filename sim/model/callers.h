// Callers: who is behind a call attempt, when the model needs to know.
//
// Each caller has a generator of its own, seeded when it first calls; every
// later decision about that caller (IVR choices, transfers, resolution,
// redials and their delays, durations of repeat calls) is drawn from it,
// so the n-th caller of a type makes the same choices in every variant of a
// scenario, whatever happens to other callers. When no feature needs
// per-caller draws (Context::use_callers is off) no caller record exists.
//
// This part decides repeat calls: a redial after a busy signal, an
// abandonment or an IVR hang-up (with decay and a cap on attempts), and the
// return of an unresolved issue after an answered call. It handles kRedial
// events by handing the caller back to Entry.
//
// Invariants: a record is live from New until Free; a caller with a pending
// kRedial event is live and its `cause` says why it will call.
#ifndef CCSIM_SIM_MODEL_CALLERS_H_
#define CCSIM_SIM_MODEL_CALLERS_H_

#include <cstdint>
#include <vector>

#include "ccsim/random.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Entry;

class Callers {
 public:
  Callers(Context& ctx, Entry& entry) : ctx_(ctx), entry_(entry) {}

  uint32_t New(uint32_t type, uint64_t seed);
  void Free(uint32_t caller);  // no-op for kNone

  Rng& rng(uint32_t caller) { return callers_[caller].rng; }
  uint32_t type(uint32_t caller) const { return callers_[caller].type; }
  Cause cause(uint32_t caller) const { return callers_[caller].cause; }
  uint32_t attempts(uint32_t caller) const { return callers_[caller].attempts; }
  // Counts the attempt now starting into the caller's episode.
  void NoteAttempt(uint32_t caller) {
    uint32_t& n = callers_[caller].attempts;
    if (n < 1) n = 1;
  }

  // The caller's attempt of this type failed for `cause`: draws whether
  // (and when) the caller redials, and schedules it, or frees the record.
  // Returns whether a redial was drawn (even one after the horizon).
  bool AfterFailure(uint32_t caller, uint32_t type, Cause cause);
  // The caller's issue was not resolved: schedules the return call, or
  // frees the record when it would come after the horizon.
  void ScheduleReturn(uint32_t caller, const Distribution& delay);

  void OnRedial(uint32_t caller);

  // Repeat calls that would have arrived after the horizon (not simulated).
  int64_t repeats_after_horizon() const { return repeats_after_horizon_; }

 private:
  struct Caller {
    Rng rng;
    uint32_t type;
    uint32_t attempts;  // calls in the current episode
    Cause cause;        // of the pending repeat call
    uint32_t next_free;
  };

  Context& ctx_;
  Entry& entry_;
  std::vector<Caller> callers_;
  uint32_t free_ = kNone;
  int64_t repeats_after_horizon_ = 0;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_CALLERS_H_
