// Callbacks (virtual hold): "keep your place, we will call you back".
//
// A caller about to wait in a queue that offers callbacks
// (CallTypeSpec::callback of the queue's call type) is offered one when its
// predicted wait is longer than `offer_after`. The prediction is the mean
// wait of a caller who finds `ahead` callers (live and on callback) before
// it and `servers` agents serving the queue, all busy, in a first come,
// first served queue with exponential handle times:
//   (ahead + 1) * mean handle time / servers
// (mean handle time = the type's mean talk plus mean after-call work;
// infinite with no agent). It reacts at once to a surge, where a predictor
// from the last caller's wait lags behind it; it ignores abandonment ahead
// and agents shared with other queues, so it errs long when many abandon.
//
// A caller who accepts hangs up (Entry::ReleaseLine) and keeps a place:
// its record waits here, in a list per queue in the order of the places.
// Routing gives a free agent the oldest place of a queue as it would a live
// caller who had waited since then (at its turn), or, with
// live_queue_below N, only while fewer than N live callers wait in that
// queue. The agent dials (busy for dial_time); the customer answers with
// probability `answer`, and then Routing connects the call (talk and
// after-call work as usual). Not answered: the agent is free again, and
// `retry_delay` later the callback takes a new place at the back of the
// list, up to max_attempts dials; then it has failed.
//
// Handles kCallbackDial (entity: agent) and kCallbackRetry (entity: call).
// Streams: per queue kCallback (one acceptance draw for every caller who
// reaches the offer, offered or not, so that designs with different
// thresholds share each caller's draw) and kCallbackDial (dial times and
// answers), so that a scenario with callbacks shares every other draw with
// one without, and with accept 0 gives the same results.
//
// Invariants: a call on callback (Call::callback > 0) holds no trunk line
// and never abandons; it is in exactly one of: a place list, an agent's
// dial, a retry wait, or talking (then Routing owns it).
#ifndef CCSIM_SIM_MODEL_CALLBACKS_H_
#define CCSIM_SIM_MODEL_CALLBACKS_H_

#include <cstdint>
#include <vector>

#include "ccsim/random.h"
#include "sim/model/calls.h"
#include "sim/model/context.h"

namespace ccsim::model {

class Agents;
class Callers;
class Collector;
class Entry;
class Routing;

class Callbacks {
 public:
  Callbacks(Context& ctx, CallPool& calls, Callers& callers, Collector& metrics,
            Entry& entry, Agents& agents, Routing& routing);

  // Whether callers joining `queue` are offered callbacks.
  bool offers(uint32_t queue) const {
    return !queues_.empty() && queues_[queue].spec != nullptr;
  }
  // The caller of `call` is about to wait in `queue` behind `ahead` others
  // with `servers` agents available to it. Offers a callback if the
  // predicted wait is long enough; true if the caller accepted (its record
  // now waits here). REQUIRES: offers(queue).
  bool Offer(uint32_t call, uint32_t queue, uint32_t ahead, int servers);
  // Places held in `queue`.
  uint32_t waiting(uint32_t queue) const {
    return queues_.empty() ? 0 : queues_[queue].places.size;
  }
  // The oldest place of `queue` that an agent may take while `live`
  // callers wait there; kNone if none.
  uint32_t Head(uint32_t queue, uint32_t live) const;
  // `agent` takes the place of `call` and dials.
  void Dial(uint32_t agent, uint32_t call);

  // Past the drain limit: every place fails, and so does every callback
  // whose retry comes later.
  void FailWaiting();

  void OnDialEnd(uint32_t agent);
  void OnRetry(uint32_t call, uint64_t seq);

 private:
  struct Queue {
    const CallbackSpec* spec = nullptr;
    List places;               // ordered by Call::enqueued, oldest first
    double mean_handle_s = 0;  // talk + after-call work
    Rng rng{0};                // acceptances
    Rng dial_rng{0};           // dial times and answers
  };

  // The callback has failed: counted, and the attempt leaves.
  void Fail(uint32_t call);

  Context& ctx_;
  CallPool& calls_;
  Callers& callers_;
  Collector& metrics_;
  Entry& entry_;
  Agents& agents_;
  Routing& routing_;
  std::vector<Queue> queues_;       // by call type; empty: no callbacks
  std::vector<uint32_t> dialling_;  // by agent: the call it dials, or kNone
  bool expired_ = false;            // past the drain limit
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_CALLBACKS_H_
