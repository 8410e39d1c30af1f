#include "ccsim/event_queue.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace ccsim {
namespace {

// What a test pushed, remembered for comparison with what comes out.
struct Pushed {
  Time time;
  uint64_t order;  // push order, 0-based
  uint8_t kind;
  uint32_t entity;
};

TEST(EventQueueTest, RandomPushesPopInTimeThenPushOrder) {
  constexpr int kN = 100'000;
  std::mt19937_64 gen(12345);
  // Only 1000 distinct times for 100k events: ~100 events share each time,
  // so tie-breaking by push order is exercised heavily.
  std::uniform_int_distribution<int64_t> time_dist(0, 999);
  std::uniform_int_distribution<int> kind_dist(0, 255);

  EventQueue q;
  std::vector<Pushed> ref;
  ref.reserve(kN);
  for (int i = 0; i < kN; ++i) {
    Time t = Time::Seconds(static_cast<double>(time_dist(gen)));
    uint8_t kind = static_cast<uint8_t>(kind_dist(gen));
    uint32_t entity = static_cast<uint32_t>(gen());
    uint64_t seq = q.Push(t, kind, entity);
    ASSERT_EQ(seq, static_cast<uint64_t>(i) + 1);
    ref.push_back({t, static_cast<uint64_t>(i), kind, entity});
  }
  ASSERT_EQ(q.size(), static_cast<size_t>(kN));

  // Reference order: stable sort by time keeps push order among equal times.
  std::stable_sort(
      ref.begin(), ref.end(),
      [](const Pushed& a, const Pushed& b) { return a.time < b.time; });

  for (int i = 0; i < kN; ++i) {
    ASSERT_FALSE(q.empty());
    const Event e = q.Pop();
    ASSERT_EQ(e.time, ref[i].time) << "at pop " << i;
    ASSERT_EQ(e.seq(), ref[i].order + 1) << "at pop " << i;
    ASSERT_EQ(e.kind(), ref[i].kind) << "at pop " << i;
    ASSERT_EQ(e.entity, ref[i].entity) << "at pop " << i;
  }
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
}

TEST(EventQueueTest, TiesPopInPushOrder) {
  EventQueue q;
  const Time t = Time::Minutes(5);
  // Kinds deliberately descending: the kind must never decide the order.
  for (uint32_t i = 0; i < 50; ++i) q.Push(t, static_cast<uint8_t>(200 - i), i);
  for (uint32_t i = 0; i < 50; ++i) {
    Event e = q.Pop();
    EXPECT_EQ(e.entity, i);
    EXPECT_EQ(e.seq(), i + 1u);
  }
}

TEST(EventQueueTest, SequenceNumbersStartAtOneAndIncrease) {
  EventQueue q;
  EXPECT_EQ(q.pushed(), 0u);
  EXPECT_EQ(q.Push(Time::Seconds(10), 0, 0), 1u);
  EXPECT_EQ(q.Push(Time::Seconds(5), 0, 0), 2u);
  q.Pop();  // popping never rewinds the counter
  EXPECT_EQ(q.Push(Time::Seconds(1), 0, 0), 3u);
  EXPECT_EQ(q.pushed(), 3u);
  EXPECT_EQ(q.size(), 2u);
}

TEST(EventQueueTest, NoEventLostOrDuplicated) {
  constexpr int kN = 20'000;
  std::mt19937_64 gen(7);
  std::uniform_int_distribution<int64_t> time_dist(0, 50);
  std::uniform_int_distribution<uint32_t> entity_dist(0, 300);  // repeats
  EventQueue q;
  std::vector<uint32_t> in, out;
  for (int i = 0; i < kN; ++i) {
    uint32_t ent = entity_dist(gen);
    in.push_back(ent);
    q.Push(Time::Micros(time_dist(gen)), 1, ent);
  }
  while (!q.empty()) out.push_back(q.Pop().entity);
  ASSERT_EQ(out.size(), in.size());
  std::sort(in.begin(), in.end());
  std::sort(out.begin(), out.end());
  EXPECT_EQ(in, out);  // equal multisets
}

TEST(EventQueueTest, HoldModelStaysOrdered) {
  // Classic "hold" benchmark pattern: pop the minimum, push it back later by
  // a random increment. Each pop must not be earlier than the previous one,
  // and equal times must come out in increasing sequence.
  constexpr int kPending = 1000;
  constexpr int kOps = 200'000;
  std::mt19937_64 gen(99);
  std::uniform_int_distribution<int64_t> inc(0, 20);  // 0 makes ties
  EventQueue q;
  for (uint32_t i = 0; i < kPending; ++i) q.Push(Time::Micros(inc(gen)), 0, i);
  Event prev = q.Pop();
  q.Push(prev.time + Time::Micros(inc(gen)), 0, prev.entity);
  for (int op = 0; op < kOps; ++op) {
    Event e = q.Pop();
    ASSERT_GE(e.time, prev.time) << "op " << op;
    if (e.time == prev.time) {
      ASSERT_GT(e.seq(), prev.seq()) << "op " << op;
    }
    q.Push(e.time + Time::Micros(inc(gen)), 0, e.entity);
    prev = e;
  }
  EXPECT_EQ(q.size(), static_cast<size_t>(kPending));
  EXPECT_EQ(q.pushed(), static_cast<uint64_t>(kPending + kOps + 1));
}

TEST(EventQueueTest, KindAndEntityRoundTrip) {
  EventQueue q;
  const uint32_t big = 0xffffffffu;
  q.Push(Time::Seconds(3), 255, big);
  q.Push(Time::Seconds(1), 0, 0);
  q.Push(Time::Seconds(2), 0x80, 123456789u);
  EXPECT_EQ(q.Top().entity, 0u);
  Event a = q.Pop(), b = q.Pop(), c = q.Pop();
  EXPECT_EQ(a.kind(), 0);
  EXPECT_EQ(a.entity, 0u);
  EXPECT_EQ(a.seq(), 2u);
  EXPECT_EQ(b.kind(), 0x80);
  EXPECT_EQ(b.entity, 123456789u);
  EXPECT_EQ(b.seq(), 3u);
  EXPECT_EQ(c.kind(), 255);  // all kind bits set must not leak into seq
  EXPECT_EQ(c.entity, big);
  EXPECT_EQ(c.seq(), 1u);
  EXPECT_EQ(c.time, Time::Seconds(3));
}

TEST(EventQueueTest, ClearResets) {
  EventQueue q;
  for (int i = 0; i < 10; ++i) q.Push(Time::Seconds(i), 1, i);
  q.Clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(q.pushed(), 0u);
  EXPECT_EQ(q.Push(Time::Seconds(100), 2, 42), 1u);
  EXPECT_EQ(q.Push(Time::Seconds(50), 3, 43), 2u);
  Event e = q.Pop();
  EXPECT_EQ(e.entity, 43u);
  EXPECT_EQ(e.time, Time::Seconds(50));
  EXPECT_EQ(q.Pop().entity, 42u);
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace ccsim
