// The simulation engine: a clock, a future-event list and a run loop.
//
// A `Simulator` knows nothing of contact centres. A model schedules events
// (time, kind, entity index) and handles them in a `Handle(const Event&)`
// member; the engine calls it for each event in (time, sequence) order. The
// model is a template parameter, so dispatch is a direct call and a switch
// on the kind: no virtual call, no std::function, no allocation per event.
//
//   struct Model {
//     ccsim::Simulator* sim;
//     void Handle(const ccsim::Event& e) { ... sim->ScheduleIn(...); }
//   };
//   ccsim::Simulator sim;
//   Model m{&sim};
//   sim.Schedule(ccsim::Time::Zero(), kStart, 0);
//   sim.Run(m, ccsim::Time::Days(1));
//
// Simulators are independent objects: many can run side by side in threads.
// A single simulator is not thread-safe.
#ifndef CCSIM_SIMULATOR_H_
#define CCSIM_SIMULATOR_H_

#include <cassert>
#include <cstdint>

#include "ccsim/event_queue.h"
#include "ccsim/time.h"

namespace ccsim {

class Simulator {
 public:
  Time now() const { return now_; }

  // Schedules an event at `at`. REQUIRES: at >= now(). Returns the event's
  // sequence number, which the owner keeps to recognise (or cancel) it.
  uint64_t Schedule(Time at, uint8_t kind, uint32_t entity) {
    assert(at >= now_);
    return queue_.Push(at, kind, entity);
  }
  uint64_t ScheduleIn(Time delay, uint8_t kind, uint32_t entity) {
    return Schedule(now_ + delay, kind, entity);
  }

  // Processes events in order until none is left, the next one is later
  // than `until`, or Stop() is called. The clock ends at the last event run.
  // Returns the number of events handled.
  template <class Model>
  uint64_t Run(Model& model, Time until = Time::Infinite()) {
    stopped_ = false;
    uint64_t handled = 0;
    while (!stopped_ && !queue_.empty() && queue_.Top().time <= until) {
      const Event e = queue_.Pop();
      assert(e.time >= now_ && "time must never go backwards");
      now_ = e.time;
      model.Handle(e);
      ++handled;
    }
    events_ += handled;
    return handled;
  }

  void Stop() { stopped_ = true; }

  // Resets the clock to zero and drops all pending events.
  void Reset() {
    queue_.Clear();
    now_ = Time::Zero();
    events_ = 0;
  }

  void Reserve(size_t pending) { queue_.Reserve(pending); }
  size_t pending() const { return queue_.size(); }
  uint64_t events_handled() const { return events_; }

 private:
  EventQueue queue_;
  Time now_;
  uint64_t events_ = 0;
  bool stopped_ = false;
};

}  // namespace ccsim

#endif  // CCSIM_SIMULATOR_H_
