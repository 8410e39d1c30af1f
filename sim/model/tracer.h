// Tracer: the call and agent records of a replication (ccsim/call_log.h),
// assembled from what the other parts report and handed to a TraceSink.
//
// Off unless RunReplication is given a sink: then Context::trace points
// here and every part reports through it (one pointer test per report
// when off). It keeps a record per live call id, filled in as the call
// moves on and sent when the attempt leaves; calls that arrived before the
// warm-up ended are not recorded.
//
// Invariants: a call's record is open from Begin to End; callers are
// numbered in order of their first calls; agent states are sent from the
// end of the warm-up on, after a snapshot of the agents logged in then.
#ifndef CCSIM_SIM_MODEL_TRACER_H_
#define CCSIM_SIM_MODEL_TRACER_H_

#include <cstdint>
#include <vector>

#include "ccsim/call_log.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Tracer {
 public:
  Tracer(const Context& ctx, TraceSink& sink) : ctx_(ctx), sink_(sink) {}

  // A new attempt of `caller` (kNone without caller records), its
  // `attempt`-th call of the episode.
  void Begin(uint32_t call, uint32_t type, uint32_t caller, Cause cause,
             uint32_t attempt, bool counted);
  // Entry into a queue (only the first is recorded; with an IVR, it is
  // also the exit from the IVR).
  void Queued(uint32_t call, uint32_t queue);
  // An agent answers (each leg; the first is recorded).
  void Answered(uint32_t call, uint32_t agent, uint32_t group, uint32_t slot);
  // The first agent's talk ends, with `wrap` of after-call work to follow.
  void TalkEnded(uint32_t call, Time wrap);
  void Abandoned(uint32_t call) {
    Open(call, [&](CallRecord& r) { r.abandoned = ctx_.now(); });
  }
  // The attempt leaves the system now: the record is sent.
  void End(uint32_t call, CallOutcome outcome, bool resolved = false);

  // Agent states: whether the snapshot at the end of the warm-up is due
  // (the agent part then sends one Agent() per logged-in agent with the
  // time of the warm-up's end), and a change.
  bool SnapshotDue() const {
    return !snapshot_done_ && ctx_.now() >= ctx_.warmup;
  }
  void SnapshotDone() { snapshot_done_ = true; }
  void Agent(Time t, uint32_t agent, uint32_t group, uint32_t slot,
             AgentLogState state);

 private:
  template <class F>
  void Open(uint32_t call, F&& f) {
    if (call < open_.size() && open_[call]) f(records_[call]);
  }

  const Context& ctx_;
  TraceSink& sink_;
  std::vector<CallRecord> records_;      // by call id
  std::vector<uint8_t> open_;            // by call id
  std::vector<uint64_t> caller_serial_;  // by caller record
  uint64_t callers_ = 0;
  bool snapshot_done_ = false;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_TRACER_H_
