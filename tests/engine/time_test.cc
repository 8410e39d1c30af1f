#include "ccsim/time.h"

#include "gtest/gtest.h"

namespace ccsim {
namespace {

TEST(TimeTest, NamedFactoriesAgree) {
  EXPECT_EQ(Time::Minutes(1), Time::Seconds(60));
  EXPECT_EQ(Time::Hours(1), Time::Minutes(60));
  EXPECT_EQ(Time::Days(1), Time::Hours(24));
  EXPECT_EQ(Time::Seconds(1).ticks(), 1'000'000);
  EXPECT_DOUBLE_EQ(Time::Minutes(1.5).seconds(), 90.0);
}

TEST(TimeTest, FloorDivisionAndModulo) {
  EXPECT_EQ(Time::Hours(25) / Time::Days(1), 1);
  EXPECT_EQ(Time::Hours(25) % Time::Days(1), Time::Hours(1));
  EXPECT_EQ(Time::Hours(-1) / Time::Days(1), -1);
  EXPECT_EQ(Time::Hours(-1) % Time::Days(1), Time::Hours(23));
}

TEST(TimeTest, ParsesDurationsWithUnits) {
  EXPECT_EQ(*ParseDuration("20s"), Time::Seconds(20));
  EXPECT_EQ(*ParseDuration("5m"), Time::Minutes(5));
  EXPECT_EQ(*ParseDuration("1.5h"), Time::Minutes(90));
  EXPECT_EQ(*ParseDuration("2d"), Time::Hours(48));
  EXPECT_EQ(*ParseDuration("250ms"), Time::Micros(250'000));
  EXPECT_EQ(*ParseDuration("0s"), Time::Zero());
}

TEST(TimeTest, RejectsMalformedDurations) {
  for (const char* bad : {"", "20", "s", "20x", "1.5.2h", "abc", "-5s", "infs",
                          "nans", "1e400s", "20 s"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseDuration("20").status().message(),
            "expected a duration with a unit (ms, s, m, h, d), e.g. 20s, 5m, "
            "1.5h, 2d; got '20'");
  EXPECT_EQ(ParseDuration("-5s").status().message(),
            "expected a duration that is not negative; got '-5s'");
}

// What FormatDuration writes, ParseDuration reads back.
TEST(TimeTest, ParsesDurationsInParts) {
  EXPECT_EQ(*ParseDuration("1d18h"), Time::Hours(42));
  EXPECT_EQ(*ParseDuration("22h30m"), Time::Minutes(1350));
  EXPECT_EQ(*ParseDuration("1m30.5s"), Time::Seconds(90.5));
  EXPECT_EQ(*ParseDuration("1min30s"), Time::Seconds(90));
  EXPECT_EQ(*ParseDuration("1e3s"), Time::Seconds(1000));
  for (Time t : {Time::Hours(42), Time::Minutes(1350), Time::Seconds(90.5),
                 Time::Days(3) + Time::Seconds(1)}) {
    EXPECT_EQ(*ParseDuration(FormatDuration(t)), t) << FormatDuration(t);
  }
  EXPECT_EQ(ParseDuration("30m1h").status().message(),
            "expected the parts of a duration from the largest unit down, "
            "e.g. 1d18h or 22h30m; got '30m1h'");
  for (const char* bad : {"1h-30m", "1h30", "1h 30m", "h30m", "1h30x"}) {
    EXPECT_FALSE(ParseDuration(bad).ok()) << bad;
  }
}

TEST(TimeTest, FormatsDurationsAndClocks) {
  EXPECT_EQ(FormatDuration(Time::Minutes(30)), "30m");
  EXPECT_EQ(FormatDuration(Time::Days(2)), "2d");
  EXPECT_EQ(FormatDuration(Time::Seconds(90)), "1m30s");
  EXPECT_EQ(FormatDuration(Time::Seconds(1.5)), "1.5s");
  // One style for every duration: parts from days down, zero parts left out
  // (never "1350m" beside "42h").
  EXPECT_EQ(FormatDuration(Time::Hours(42)), "1d18h");
  EXPECT_EQ(FormatDuration(Time::Minutes(1350)), "22h30m");
  EXPECT_EQ(FormatDuration(Time::Days(1) + Time::Seconds(1.25)), "1d1.25s");
  EXPECT_EQ(FormatClock(Time::Hours(9) + Time::Minutes(30)), "09:30");
  EXPECT_EQ(FormatClock(Time::Days(3) + Time::Minutes(5)), "00:05");
}

}  // namespace
}  // namespace ccsim
