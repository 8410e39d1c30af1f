// The shift cover integer program (CBC) on problems whose optimum is known
// by hand.
#include "sim/staff/cover.h"

#include "gtest/gtest.h"

namespace ccsim::staff {
namespace {

// Three intervals needing 2, 3 and 2 agents; a long shift covers all three
// (cost 3), two short ones cover the first two or the last two (cost 2
// each). With a long, an early and a late shift: a+b >= 2, a+b+c >= 3,
// a+c >= 2. Adding the first and third constraints to the second, any cover
// costs 3a + 2b + 2c = (2a + b + c) + (a + b + c) >= 4 + 3 = 7, even
// fractionally, and (1, 1, 1) costs 7: the optimum and the LP bound are 7,
// reached only there (2 long + 1 short, or 2 + 2 short, cost 8).
CoverProblem ThreeIntervals() {
  CoverProblem p;
  p.cost = {3, 2, 2};
  p.upper = {-1, -1, -1};
  p.demand = {2, 3, 2};
  p.entries = {{0, 0, 1}, {1, 0, 1}, {2, 0, 1},  // long
               {0, 1, 1}, {1, 1, 1},             // early short
               {1, 2, 1}, {2, 2, 1}};            // late short
  p.mip_gap = 0;
  return p;
}

TEST(CoverTest, FindsTheCheapestCover) {
  absl::StatusOr<CoverSolution> s = SolveCover(ThreeIntervals());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_DOUBLE_EQ(s->cost, 7);
  EXPECT_EQ(s->x, (std::vector<int>{1, 1, 1}));
  EXPECT_TRUE(s->optimal);
  EXPECT_EQ(s->gap, 0);
  EXPECT_NEAR(s->lp_bound, 7, 1e-9);
}

TEST(CoverTest, FractionalAvailabilityAndUpperBounds) {
  // One interval needing 3 agents: a shift with a break in it gives half an
  // agent (cost 1), one without gives a whole (cost 3, at most 2 of them).
  CoverProblem p;
  p.cost = {1, 3};
  p.upper = {-1, 2};
  p.demand = {3};
  p.entries = {{0, 0, 0.5}, {0, 1, 1.0}};
  p.mip_gap = 0;
  absl::StatusOr<CoverSolution> s = SolveCover(p);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->x[0], 6);
  EXPECT_EQ(s->x[1], 0);
  EXPECT_DOUBLE_EQ(s->cost, 6);
  p.cost = {2, 3};  // now the whole agents are cheaper per unit
  s = SolveCover(p);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->x[1], 2);
  EXPECT_EQ(s->x[0], 2);
  EXPECT_DOUBLE_EQ(s->cost, 10);
}

TEST(CoverTest, AnUncoveredIntervalIsNotFound) {
  CoverProblem p = ThreeIntervals();
  p.demand.push_back(1);  // a fourth interval no shift covers
  absl::StatusOr<CoverSolution> s = SolveCover(p);
  EXPECT_EQ(s.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(), "row 3 is not covered");
}

}  // namespace
}  // namespace ccsim::staff
