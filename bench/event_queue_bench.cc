// The classic hold model on the future-event list: keep n events pending;
// each step pops the earliest and pushes one at now + Exp(1). Reports events
// (one pop plus one push) per second for n = 10^2 .. 10^6.
#include <functional>
#include <queue>
#include <vector>

#include "benchmark/benchmark.h"
#include "ccsim/event_queue.h"
#include "ccsim/random.h"

namespace ccsim {
namespace {

void BM_EventQueueHold(benchmark::State& state) {
  const int64_t n = state.range(0);
  EventQueue q;
  q.Reserve(static_cast<size_t>(n) + 1);
  Rng rng(42);
  for (int64_t i = 0; i < n; ++i) {
    q.Push(Time::Seconds(rng.Exponential(1.0)), 0, static_cast<uint32_t>(i));
  }
  for (auto _ : state) {
    Event e = q.Pop();
    q.Push(e.time + Time::Seconds(rng.Exponential(1.0)), e.kind(), e.entity);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel("events/s = items/s");
}
BENCHMARK(BM_EventQueueHold)->RangeMultiplier(10)->Range(100, 1000000);

// Baseline: the same hold model on std::priority_queue (a binary heap) of
// the same records, ordered by (time, sequence).
void BM_StdPriorityQueueHold(benchmark::State& state) {
  const int64_t n = state.range(0);
  struct Later {
    bool operator()(const Event& a, const Event& b) const {
      if (a.time != b.time) return a.time > b.time;
      return a.seq_kind > b.seq_kind;
    }
  };
  std::vector<Event> storage;
  storage.reserve(static_cast<size_t>(n) + 1);
  std::priority_queue<Event, std::vector<Event>, Later> q(Later{},
                                                          std::move(storage));
  Rng rng(42);
  uint64_t seq = 1;
  for (int64_t i = 0; i < n; ++i) {
    q.push(Event{Time::Seconds(rng.Exponential(1.0)), (seq++) << 8,
                 static_cast<uint32_t>(i)});
  }
  for (auto _ : state) {
    Event e = q.top();
    q.pop();
    q.push(Event{e.time + Time::Seconds(rng.Exponential(1.0)),
                 ((seq++) << 8) | e.kind(), e.entity});
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdPriorityQueueHold)->RangeMultiplier(10)->Range(100, 1000000);

}  // namespace
}  // namespace ccsim
