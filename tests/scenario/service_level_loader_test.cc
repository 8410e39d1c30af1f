// service_level.second: the second service level (e.g. 80/20 beside 90/60),
// read strictly, with exact error messages.
#include <string>
#include <string_view>

#include "ccsim/scenario.h"
#include "ccsim/time.h"
#include "gtest/gtest.h"
#include "tests/testing/scenario_text.h"

namespace ccsim {
namespace {

using testing::ErrorOf;
using testing::Load;

// A valid scenario whose service_level map (line 3) the tests fill in.
std::string WithServiceLevel(std::string_view map) {
  return "name: test\n"
         "horizon: 1d\n"
         "service_level: " +
         std::string(map) +
         "\n"
         "call_types:\n"
         "  - name: general\n"
         "    arrivals: {per_interval: 100}\n"
         "    handle_time: {exponential: {mean: 180s}}\n"
         "agents:\n"
         "  - name: team\n"
         "    skills: [general]\n"
         "    staffing: {constant: 14}\n";
}

TEST(ServiceLevelLoaderTest, ReadsASecondThresholdAndTarget) {
  const Scenario s = Load(WithServiceLevel(
      "{threshold: 20s, target: 0.8, second: {threshold: 60s, target: 0.9}}"));
  ASSERT_TRUE(s.service_level.second.has_value());
  EXPECT_EQ(s.service_level.second->threshold, Time::Seconds(60));
  EXPECT_EQ(s.service_level.second->target, 0.9);
  // The target defaults to 0.8, like the first one's.
  const Scenario d =
      Load(WithServiceLevel("{second: {threshold: 1m}, threshold: 30s}"));
  ASSERT_TRUE(d.service_level.second.has_value());
  EXPECT_EQ(d.service_level.second->threshold, Time::Minutes(1));
  EXPECT_EQ(d.service_level.second->target, 0.8);
  EXPECT_FALSE(Load(WithServiceLevel("{threshold: 20s}"))
                   .service_level.second.has_value());
}

TEST(ServiceLevelLoaderErrorTest, SecondThresholdMustBeAboveTheFirst) {
  EXPECT_EQ(
      ErrorOf(WithServiceLevel("{threshold: 20s, second: {threshold: 20s}}")),
      "test.yaml:3:53: service_level.second.threshold: expected a "
      "second threshold above the first (20s), got 20s");
  // The first threshold is known whatever the order of the keys.
  EXPECT_EQ(
      ErrorOf(WithServiceLevel("{second: {threshold: 30s}, threshold: 45s}")),
      "test.yaml:3:37: service_level.second.threshold: expected a "
      "second threshold above the first (45s), got 30s");
}

TEST(ServiceLevelLoaderErrorTest, NegativeMissingAndUnknown) {
  EXPECT_EQ(ErrorOf(WithServiceLevel("{second: {threshold: -60s}}")),
            "test.yaml:3:37: service_level.second.threshold: expected a "
            "duration that is not negative; got '-60s'");
  EXPECT_EQ(
      ErrorOf(WithServiceLevel("{second: {threshold: 60s, target: 1.5}}")),
      "test.yaml:3:50: service_level.second.target: expected a "
      "probability in (0, 1], got 1.5");
  EXPECT_EQ(ErrorOf(WithServiceLevel("{second: {target: 0.9}}")),
            "test.yaml:3:25: service_level.second: missing required key "
            "'threshold'");
  EXPECT_EQ(
      ErrorOf(WithServiceLevel("{second: {threshold: 60s, treshold: 90s}}")),
      "test.yaml:3:42: service_level.second.treshold: unknown key "
      "'treshold'; expected one of: threshold, target (did you mean "
      "'threshold'?)");
  EXPECT_EQ(ErrorOf(WithServiceLevel("{secnd: {threshold: 60s}}")),
            "test.yaml:3:17: service_level.secnd: unknown key 'secnd'; "
            "expected one of: threshold, short_abandon, target, second (did "
            "you mean 'second'?)");
}

}  // namespace
}  // namespace ccsim
