#include "ccsim/simulator.h"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <vector>

#include "ccsim/random.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

struct Handled {
  Time time;   // event time
  Time clock;  // sim.now() while handling
  uint64_t seq;
  uint8_t kind;
  uint32_t entity;
  bool operator==(const Handled&) const = default;
};

// Records every event; optionally runs a hook from inside Handle().
struct Recorder {
  Simulator* sim;
  std::vector<Handled> log = {};
  void (*hook)(Recorder&, const Event&) = nullptr;
  void Handle(const Event& e) {
    log.push_back({e.time, sim->now(), e.seq(), e.kind(), e.entity});
    if (hook) hook(*this, e);
  }
};

TEST(SimulatorTest, HandlesInTimeThenSequenceOrderAndClockFollows) {
  Simulator sim;
  Recorder m{&sim};
  Rng rng(2024);
  struct Item {
    Time t;
    uint64_t seq;
  };
  std::vector<Item> scheduled;
  for (uint32_t i = 0; i < 5000; ++i) {
    // 100 distinct times: many ties.
    Time t = Time::Seconds(static_cast<double>(rng.Next() % 100));
    scheduled.push_back({t, sim.Schedule(t, static_cast<uint8_t>(i % 7), i)});
  }
  EXPECT_EQ(sim.pending(), 5000u);
  EXPECT_EQ(sim.Run(m), 5000u);
  ASSERT_EQ(m.log.size(), 5000u);
  std::sort(scheduled.begin(), scheduled.end(),
            [](const Item& a, const Item& b) {
              return std::tie(a.t, a.seq) < std::tie(b.t, b.seq);
            });
  for (size_t i = 0; i < m.log.size(); ++i) {
    ASSERT_EQ(m.log[i].time, scheduled[i].t) << i;
    ASSERT_EQ(m.log[i].seq, scheduled[i].seq) << i;
    ASSERT_EQ(m.log[i].clock, m.log[i].time) << i;
  }
  EXPECT_EQ(sim.now(), scheduled.back().t);
  EXPECT_EQ(sim.pending(), 0u);
}

TEST(SimulatorTest, SameTimeEventsRunInSchedulingOrderIncludingFromHandler) {
  Simulator sim;
  Recorder m{&sim};
  // Entity 0 at t=10 schedules entity 100 at now(); 100 schedules 101 at
  // now(). They must run after entities 1 and 2, already queued for t=10,
  // and before entity 3 at t=11.
  m.hook = [](Recorder& r, const Event& e) {
    if (e.entity == 0) r.sim->ScheduleIn(Time::Zero(), 0, 100);
    if (e.entity == 100) r.sim->Schedule(r.sim->now(), 0, 101);
  };
  const Time t10 = Time::Seconds(10);
  sim.Schedule(Time::Seconds(11), 0, 3);
  sim.Schedule(t10, 0, 0);
  sim.Schedule(t10, 0, 1);
  sim.Schedule(t10, 0, 2);
  sim.Run(m);
  std::vector<uint32_t> order;
  for (const Handled& h : m.log) order.push_back(h.entity);
  EXPECT_EQ(order, (std::vector<uint32_t>{0, 1, 2, 100, 101, 3}));
  EXPECT_EQ(m.log[3].time, t10);
  EXPECT_EQ(m.log[4].time, t10);
}

TEST(SimulatorTest, RunUntilStopsBeforeLaterEventsAndResumes) {
  Simulator sim;
  Recorder m{&sim};
  for (uint32_t i = 1; i <= 5; ++i) sim.Schedule(Time::Seconds(i), 0, i);
  // `until` is inclusive: the event at exactly 3 s runs.
  EXPECT_EQ(sim.Run(m, Time::Seconds(3)), 3u);
  EXPECT_EQ(sim.now(), Time::Seconds(3));
  EXPECT_EQ(sim.pending(), 2u);
  ASSERT_EQ(m.log.size(), 3u);
  EXPECT_EQ(m.log.back().entity, 3u);
  // Nothing due before 3.5 s: nothing runs and the clock stays put.
  EXPECT_EQ(sim.Run(m, Time::Seconds(3.5)), 0u);
  EXPECT_EQ(sim.now(), Time::Seconds(3));
  EXPECT_EQ(sim.pending(), 2u);
  // A second run continues where the first stopped.
  EXPECT_EQ(sim.Run(m), 2u);
  ASSERT_EQ(m.log.size(), 5u);
  EXPECT_EQ(m.log[3].entity, 4u);
  EXPECT_EQ(m.log[4].entity, 5u);
  EXPECT_EQ(sim.now(), Time::Seconds(5));
  EXPECT_EQ(sim.events_handled(), 5u);
}

TEST(SimulatorTest, StopFromHandler) {
  Simulator sim;
  Recorder m{&sim};
  m.hook = [](Recorder& r, const Event& e) {
    if (e.kind() == 9) r.sim->Stop();
  };
  sim.Schedule(Time::Seconds(1), 0, 1);
  sim.Schedule(Time::Seconds(2), 9, 2);  // stops after being handled
  sim.Schedule(Time::Seconds(2), 0, 3);  // same time, but after the stop
  sim.Schedule(Time::Seconds(4), 0, 4);
  EXPECT_EQ(sim.Run(m), 2u);
  EXPECT_EQ(sim.now(), Time::Seconds(2));
  EXPECT_EQ(sim.pending(), 2u);
  // Stop() does not stick: the next Run() carries on.
  EXPECT_EQ(sim.Run(m), 2u);
  ASSERT_EQ(m.log.size(), 4u);
  EXPECT_EQ(m.log[2].entity, 3u);
  EXPECT_EQ(m.log[3].entity, 4u);
}

// A model with one timer per slot, cancelled lazily: the slot keeps the
// sequence number of its live timer (0 = none); an event whose seq() differs
// is stale and ignored.
struct TimerModel {
  static constexpr uint8_t kTimer = 1;
  static constexpr uint8_t kControl = 2;
  Simulator* sim;
  std::vector<uint64_t> armed;  // live timer's seq per slot, 0 if none
  std::vector<Time> deadline;   // when the live timer must fire
  std::vector<std::pair<Time, uint32_t>> fired = {};
  uint64_t stale = 0;
  // Scripted control actions, by control entity index.
  void (*control)(TimerModel&, uint32_t) = nullptr;

  void Arm(uint32_t slot, Time delay) {
    armed[slot] = sim->ScheduleIn(delay, kTimer, slot);
    deadline[slot] = sim->now() + delay;
  }
  void Cancel(uint32_t slot) { armed[slot] = 0; }

  void Handle(const Event& e) {
    if (e.kind() == kControl) {
      control(*this, e.entity);
      return;
    }
    if (e.seq() != armed[e.entity]) {
      ++stale;
      return;
    }
    armed[e.entity] = 0;
    fired.push_back({sim->now(), e.entity});
  }
};

TEST(SimulatorTest, LazyCancelScripted) {
  Simulator sim;
  TimerModel m{&sim, std::vector<uint64_t>(3, 0), std::vector<Time>(3)};
  m.control = [](TimerModel& t, uint32_t step) {
    switch (step) {
      case 0:  // t=0: arm all three
        t.Arm(0, Time::Seconds(10));
        t.Arm(1, Time::Seconds(20));
        t.Arm(2, Time::Seconds(30));
        break;
      case 1:  // t=5: cancel slot 1, re-arm slot 2 earlier (fires at 15)
        t.Cancel(1);
        t.Arm(2, Time::Seconds(10));
        break;
      case 2:  // t=12: reuse slot 1 (fires at 13; its stale timer is at 20)
        t.Arm(1, Time::Seconds(1));
        break;
    }
  };
  sim.Schedule(Time::Seconds(0), TimerModel::kControl, 0);
  sim.Schedule(Time::Seconds(5), TimerModel::kControl, 1);
  sim.Schedule(Time::Seconds(12), TimerModel::kControl, 2);
  EXPECT_EQ(sim.Run(m), 8u);  // 3 controls + 3 live timers + 2 stale
  std::vector<std::pair<Time, uint32_t>> want = {
      {Time::Seconds(10), 0}, {Time::Seconds(13), 1}, {Time::Seconds(15), 2}};
  EXPECT_EQ(m.fired, want);
  EXPECT_EQ(m.stale, 2u);
  EXPECT_EQ(sim.now(), Time::Seconds(30));  // the stale slot-2 timer surfaced
}

TEST(SimulatorTest, LazyCancelRandomised) {
  // Control events each second pick a slot and either (re-)arm or cancel it.
  // Every firing must be the slot's latest arming at its deadline, and
  // exactly the armings never cancelled or superseded must fire.
  constexpr uint32_t kSlots = 50;
  constexpr uint32_t kSteps = 20'000;
  struct State {
    Rng rng{77};
    uint64_t expected_fires = 0;
    bool bad_fire = false;
  };
  static State* st;  // captureless lambda needs static access
  State state;
  st = &state;
  Simulator sim;
  TimerModel m{&sim, std::vector<uint64_t>(kSlots, 0),
               std::vector<Time>(kSlots)};
  m.control = [](TimerModel& t, uint32_t) {
    uint32_t slot = static_cast<uint32_t>(st->rng.Next() % kSlots);
    bool was_armed = t.armed[slot] != 0;
    if (st->rng.Next() % 3 == 0) {
      t.Cancel(slot);
    } else {
      // 0..9 s: delays 0 and exact multiples of 1 s collide with control
      // events and with stale timers of the same slot.
      t.Arm(slot, Time::Seconds(static_cast<double>(st->rng.Next() % 10)));
      ++st->expected_fires;
    }
    if (was_armed) --st->expected_fires;  // superseded or cancelled
  };
  for (uint32_t i = 0; i < kSteps; ++i)
    sim.Schedule(Time::Seconds(i), TimerModel::kControl, i);
  // Check each firing against the slot's deadline as it was when it fired.
  struct Checker {
    TimerModel* m;
    void Handle(const Event& e) {
      if (e.kind() == TimerModel::kTimer && e.seq() == m->armed[e.entity] &&
          m->deadline[e.entity] != e.time)
        st->bad_fire = true;
      m->Handle(e);
    }
  } checker{&m};
  sim.Run(checker);
  EXPECT_FALSE(state.bad_fire);
  EXPECT_EQ(m.fired.size(), state.expected_fires);
  EXPECT_GT(m.stale, 1000u);  // the scenario really exercised cancellation
  for (uint32_t s = 0; s < kSlots; ++s) EXPECT_EQ(m.armed[s], 0u) << s;
}

// Random follow-up events with ties; used for the determinism check.
struct Chain {
  Simulator* sim;
  Rng rng;
  std::vector<Handled> log = {};
  void Handle(const Event& e) {
    log.push_back({e.time, sim->now(), e.seq(), e.kind(), e.entity});
    if (log.size() < 30'000) {
      int n = 1 + static_cast<int>(rng.Next() % 2);  // 1..2 children
      for (int i = 0; i < n; ++i)
        sim->ScheduleIn(Time::Seconds(static_cast<double>(rng.Next() % 4)),
                        static_cast<uint8_t>(rng.Next() & 0xff),
                        static_cast<uint32_t>(rng.Next()));
    }
  }
};

std::vector<Handled> RunChain(uint64_t seed) {
  Simulator sim;
  Chain c{&sim, Rng(seed)};
  for (uint32_t i = 0; i < 10; ++i) sim.Schedule(Time::Zero(), 0, i);
  sim.Run(c, Time::Hours(10));
  return c.log;
}

TEST(SimulatorTest, Deterministic) {
  std::vector<Handled> a = RunChain(5), b = RunChain(5), c = RunChain(6);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);  // the comparison is not vacuous
}

TEST(SimulatorTest, EventsHandledCountsAcrossRunsAndReset) {
  Simulator sim;
  Recorder m{&sim};
  EXPECT_EQ(sim.events_handled(), 0u);
  for (int i = 0; i < 7; ++i) sim.Schedule(Time::Seconds(i), 0, i);
  EXPECT_EQ(sim.Run(m, Time::Seconds(2)), 3u);
  EXPECT_EQ(sim.events_handled(), 3u);
  EXPECT_EQ(sim.Run(m), 4u);
  EXPECT_EQ(sim.events_handled(), 7u);
  EXPECT_EQ(sim.Run(m), 0u);  // empty queue
  EXPECT_EQ(sim.events_handled(), 7u);
  sim.Schedule(Time::Hours(1), 0, 0);
  sim.Reset();
  EXPECT_EQ(sim.events_handled(), 0u);
  EXPECT_EQ(sim.pending(), 0u);
  EXPECT_EQ(sim.now(), Time::Zero());
  // After Reset, sequence numbers start again at 1.
  EXPECT_EQ(sim.Schedule(Time::Seconds(1), 0, 0), 1u);
}

}  // namespace
}  // namespace ccsim
