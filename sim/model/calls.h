// Call attempts: the record every part reads and writes while a call is in
// the system, and the pool that recycles the records.
//
// A record is live from the trunk seizure (Entry::NewAttempt) until the call
// leaves (Entry::Leave or Entry::Fail), or, with release_at_answer, until it
// is answered. Freed records are reused first, so the vector only grows to
// the run's peak of calls in the system. Ids are stable while live.
#ifndef CCSIM_SIM_MODEL_CALLS_H_
#define CCSIM_SIM_MODEL_CALLS_H_

#include <cstdint>
#include <vector>

#include "ccsim/time.h"
#include "sim/model/context.h"

namespace ccsim::model {

enum class IvrStage : uint8_t { kNone, kGreeting, kMenu, kSelfService };

struct Call {
  Time arrival;          // this attempt's arrival
  Time enqueued;         // entry into the current queue lane
  Time handle;           // talk time of the next leg (before the group factor)
  Time patience;         // from the first queue entry; Infinite: none
  Time wrap;             // after-call work of the next leg
  Time requested;        // when it accepted a callback (callback > 0)
  uint64_t abandon_seq;  // live abandonment event, 0 when none
  uint64_t timer_seq;    // live IVR step or overflow check, 0 when none
  uint32_t type;         // the caller's call type (metrics are by it)
  uint32_t need;         // the skill the caller needs now
  uint32_t queue;        // the queue it waits in
  uint32_t caller;       // kNone without caller records
  uint32_t bin;          // index into the collector's counters when counted
  uint32_t prev, next;   // queue links (or free-list link in next)
  int32_t node;          // IVR node
  uint8_t overflow;      // index of the next overflow delay
  uint8_t callback;      // 0: no callback; else 1 + the dials made for it
  IvrStage stage;
  bool counted;           // arrived after the warm-up (and before the end)
  bool answered;          // an agent has answered
  bool priority;          // waits in the transfer lane
  bool transfer_checked;  // the transfer draw has been made
  bool misrouted_leg;     // the agent talking cannot serve `need`
};

class CallPool {
 public:
  void Reserve(size_t n) { calls_.reserve(n); }

  // A record to fill in; its fields hold whatever its last use left.
  uint32_t New() {
    if (free_ != kNone) {
      const uint32_t id = free_;
      free_ = calls_[id].next;
      return id;
    }
    calls_.push_back(Call{});
    return static_cast<uint32_t>(calls_.size() - 1);
  }

  void Free(uint32_t id) {
    Call& c = calls_[id];
    c.abandon_seq = 0;
    c.timer_seq = 0;
    c.next = free_;
    free_ = id;
  }

  Call& operator[](uint32_t id) { return calls_[id]; }
  const Call& operator[](uint32_t id) const { return calls_[id]; }
  // The records themselves, for intrusive lists through them.
  std::vector<Call>& records() { return calls_; }

 private:
  std::vector<Call> calls_;
  uint32_t free_ = kNone;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_CALLS_H_
