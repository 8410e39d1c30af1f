// Entry: a call attempt's life in the system, from the dial to leaving.
//
// NewAttempt makes the attempt's record, draws its talk time, patience and
// after-call work, counts it (and why the caller is calling again), and
// then either turns it away (outside opening hours: closed; all trunk lines
// in use: blocked) or seizes a line and passes it to the IVR or straight to
// its queue. Leave and Fail end an attempt: the line and the record are
// freed; Fail also lets Callers decide on a redial.
//
// Streams: per call type kHandleTime, kPatience and kWrapUp, used for the
// first calls of regular arrivals; every other attempt draws from its
// caller's generator. The draws are made for every attempt, used or not,
// so that they line up across variants.
//
// Invariants: calls_in_system() counts attempts from the trunk seizure to
// Leave/Fail (a blocked attempt passes through for an instant); it is zero
// when the run has drained. Lines in use never exceed trunk_lines (> 0).
#ifndef CCSIM_SIM_MODEL_ENTRY_H_
#define CCSIM_SIM_MODEL_ENTRY_H_

#include <cstdint>
#include <vector>

#include "ccsim/random.h"
#include "sim/model/calls.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Callers;
class Collector;
class Ivr;
class Routing;

class Entry {
 public:
  Entry(Context& ctx, CallPool& calls, Callers& callers, Collector& metrics,
        Ivr& ivr, Routing& routing);

  // An attempt of a caller of `type` (kNone without caller records) starts
  // now. Durations come from the type's streams (first calls of regular
  // arrivals) or the caller's generator; a finite `talk` (a traced talk
  // time) replaces the handle time drawn.
  void NewAttempt(uint32_t type, uint32_t caller, bool from_type_streams,
                  Time talk = Time::Infinite());

  // The attempt leaves the system: frees its line (unless a callback freed
  // it before) and record.
  void Leave(uint32_t call);
  // The caller accepted a callback and hangs up: its line is free; the
  // attempt stays in the system until the callback ends.
  void ReleaseLine(uint32_t call) {
    (void)call;
    --lines_in_use_;
  }
  // The attempt did not get through (busy, abandoned, hung up in the IVR):
  // the caller may redial; otherwise it gave up. Then it leaves.
  void Fail(uint32_t call, Cause cause);
  // An answered call whose record was released at answer ends its talk.
  void LeaveReleased() {
    --calls_in_system_;
    --lines_in_use_;
  }

  uint32_t calls_in_system() const { return calls_in_system_; }
  uint64_t calls_created() const { return calls_created_; }
  int max_lines_in_use() const { return max_lines_in_use_; }

 private:
  struct TypeStreams {
    Rng handle, patience, wrap;
    bool has_patience = false;
  };

  bool IsOpen(Time t) const;

  Context& ctx_;
  CallPool& calls_;
  Callers& callers_;
  Collector& metrics_;
  Ivr& ivr_;
  Routing& routing_;
  std::vector<TypeStreams> types_;
  uint32_t calls_in_system_ = 0;
  int lines_in_use_ = 0;
  int max_lines_in_use_ = 0;
  uint64_t calls_created_ = 0;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_ENTRY_H_
