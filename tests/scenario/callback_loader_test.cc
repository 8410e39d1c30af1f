// A call type's `callback` map: what it reads, and its errors (file, line,
// column, key path, what was expected).
#include <string>
#include <string_view>

#include "ccsim/scenario.h"
#include "gtest/gtest.h"
#include "tests/testing/scenario_text.h"

namespace ccsim {
namespace {

using testing::ErrorOf;
using testing::Load;

// Line 7 is the callback; its value starts at column 15.
std::string WithCallback(std::string_view callback,
                         std::string_view more_types = "") {
  return std::string(
             "name: test\n"                                    // 1
             "horizon: 1d\n"                                   // 2
             "call_types:\n"                                   // 3
             "  - name: general\n"                             // 4
             "    arrivals: {per_interval: 100}\n"             // 5
             "    handle_time: {exponential: {mean: 180s}}\n"  // 6
             "    callback: ") +
         std::string(callback) + "\n" + std::string(more_types) +
         "agents:\n"
         "  - name: team\n"
         "    skills: [general]\n"
         "    staffing: {constant: 14}\n";
}

TEST(CallbackLoaderTest, ReadsEveryKey) {
  const Scenario s = Load(WithCallback(
      "{offer_after: 2m, accept: 0.6, dial_time: {deterministic: {value: "
      "25s}}, answer: 0.85, retry_delay: 15m, max_attempts: 4, window: 30m, "
      "when: {live_queue_below: 3}, offer_until: 20m}"));
  ASSERT_TRUE(s.call_types[0].callback.has_value());
  const CallbackSpec& c = *s.call_types[0].callback;
  EXPECT_EQ(c.offer_after, Time::Minutes(2));
  EXPECT_EQ(c.accept, 0.6);
  EXPECT_EQ(c.dial_time, Distribution::Deterministic(25));
  EXPECT_EQ(c.answer, 0.85);
  EXPECT_EQ(c.retry_delay, Time::Minutes(15));
  EXPECT_EQ(c.max_attempts, 4);
  EXPECT_EQ(c.window, Time::Minutes(30));
  EXPECT_EQ(c.offer_until, Time::Minutes(20));
  EXPECT_EQ(c.live_queue_below, 3);
}

TEST(CallbackLoaderTest, Defaults) {
  const Scenario s = Load(WithCallback("{offer_after: 0s, when: at_turn}"));
  ASSERT_TRUE(s.call_types[0].callback.has_value());
  const CallbackSpec& c = *s.call_types[0].callback;
  EXPECT_EQ(c.offer_after, Time::Zero());
  EXPECT_EQ(c.accept, 1);
  EXPECT_EQ(c.dial_time, Distribution::Deterministic(20));
  EXPECT_EQ(c.answer, 1);
  EXPECT_EQ(c.retry_delay, Time::Minutes(10));
  EXPECT_EQ(c.max_attempts, 3);
  EXPECT_EQ(c.window, Time::Hours(1));
  EXPECT_EQ(c.offer_until, Time::Hours(1));  // the window
  EXPECT_EQ(Load(WithCallback("{offer_after: 0s, window: 2h}"))
                .call_types[0]
                .callback->offer_until,
            Time::Hours(2));
  EXPECT_EQ(c.live_queue_below, 0);
  EXPECT_FALSE(Load(WithCallback("{offer_after: 1m}")) ==
               Load(WithCallback("{offer_after: 2m}")));
}

TEST(CallbackLoaderTest, Errors) {
  EXPECT_EQ(ErrorOf(WithCallback("5")),
            "test.yaml:7:15: call_types[0].callback: expected a callback map "
            "such as {offer_after: 2m, accept: 0.6, answer: 0.85}, got a "
            "number 5");
  EXPECT_EQ(ErrorOf(WithCallback("{accept: 0.5}")),
            "test.yaml:7:15: call_types[0].callback: missing required key "
            "'offer_after'");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: -1m}")),
            "test.yaml:7:29: call_types[0].callback.offer_after: expected a "
            "duration that is not negative; got '-1m'");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, offer_until: 1m}")),
            "test.yaml:7:46: call_types[0].callback.offer_until: expected "
            "offer_until (1m) longer than offer_after (2m): no callback "
            "would ever be offered");
  // The default offer_until is the window (1h).
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2h}")),
            "test.yaml:7:29: call_types[0].callback.offer_after: expected "
            "offer_until (1h, the window by default) longer than offer_after "
            "(2h): no callback would ever be offered");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, accept: 1.5}")),
            "test.yaml:7:41: call_types[0].callback.accept: expected a "
            "probability in [0, 1], got 1.5");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, answer: -0.1}")),
            "test.yaml:7:41: call_types[0].callback.answer: expected a "
            "probability in [0, 1], got -0.1");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, window: 10s, dial_time: "
                                 "{deterministic: {value: 30s}}}")),
            "test.yaml:7:41: call_types[0].callback.window: expected a window "
            "(the promised time to connect, 10s) at least as long as the mean "
            "dialling time (30s): no callback could connect within it");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, max_attempts: 0}")),
            "test.yaml:7:47: call_types[0].callback.max_attempts: expected a "
            "whole number of at least 1, got 0");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, acept: 0.5}")),
            "test.yaml:7:33: call_types[0].callback.acept: unknown key "
            "'acept'; expected one of: offer_after, offer_until, accept, "
            "dial_time, "
            "answer, retry_delay, max_attempts, window, when (did you mean "
            "'accept'?)");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, when: soon}")),
            "test.yaml:7:39: call_types[0].callback.when: expected 'at_turn' "
            "or {live_queue_below: N} (N >= 1), got a string 'soon'");
  EXPECT_EQ(ErrorOf(WithCallback("{offer_after: 2m, when: {live_queue_below: "
                                 "0}}")),
            "test.yaml:7:58: call_types[0].callback.when.live_queue_below: "
            "expected a whole number of at least 1, got 0");
}

// A queue no agent answers: its callbacks would wait forever.
TEST(CallbackLoaderTest, ACallbackQueueNobodyAnswersIsRefused) {
  const std::string yaml =
      WithCallback("{offer_after: 1m}",
                   "  - name: billing\n"
                   "    arrivals: {per_interval: 10}\n"
                   "    handle_time: {exponential: {mean: 240s}}\n"
                   "    patience: {exponential: {mean: 120s}}\n"
                   "    callback: {offer_after: 1m}\n");
  const std::string error = ErrorOf(yaml);
  EXPECT_NE(error.find("call type 'billing' offers callbacks, but its queue "
                       "can never be answered"),
            std::string::npos)
      << error;
  EXPECT_EQ(error.rfind("test.yaml:8:", 0), 0u) << error;
}

}  // namespace
}  // namespace ccsim
