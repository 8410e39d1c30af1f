// A call type's `follow_up` map and an agent group's `outbound` map: what
// they read, and their errors (file, line, column, key path, what was
// expected).
#include <string>
#include <string_view>

#include "ccsim/scenario.h"
#include "gtest/gtest.h"
#include "tests/testing/scenario_text.h"

namespace ccsim {
namespace {

using testing::ErrorOf;
using testing::Load;

// Line 7 is the follow-up map (its value from column 16); line 11 the
// first group's outbound map (from column 15); a second group from line 12.
std::string WithFollowUp(std::string_view follow_up,
                         std::string_view outbound = "{follow_ups: [fault]}",
                         std::string_view skills = "[fault]") {
  return std::string(
             "name: test\n"                                    // 1
             "horizon: 1d\n"                                   // 2
             "call_types:\n"                                   // 3
             "  - name: fault\n"                               // 4
             "    arrivals: {per_interval: 100}\n"             // 5
             "    handle_time: {exponential: {mean: 180s}}\n"  // 6
             "    follow_up: ") +
         std::string(follow_up) +
         "\n"
         "agents:\n"         // 8
         "  - name: team\n"  // 9
         "    skills: " +
         std::string(skills) +
         "\n"  // 10
         "    outbound: " +
         std::string(outbound) +
         "\n"
         "    staffing: {constant: 14}\n"  // 12
         "  - name: inbound\n"             // 13
         "    skills: [fault]\n"
         "    staffing: {constant: 4}\n";
}

TEST(FollowUpLoaderTest, ReadsEveryKey) {
  const Scenario s = Load(WithFollowUp(
      "{share: 0.3, of: unresolved, delay: 2h, window: 24h, dial_time: "
      "{deterministic: {value: 25s}}, reach: 0.7, talk_time: {exponential: "
      "{mean: 3m}}, wrap_up: {deterministic: {value: 30s}}, retry_delay: 2h, "
      "max_attempts: 4}",
      "{follow_ups: [fault], keep_idle: 2}"));
  ASSERT_TRUE(s.call_types[0].follow_up.has_value());
  const FollowUpSpec& f = *s.call_types[0].follow_up;
  EXPECT_EQ(f.share, 0.3);
  EXPECT_EQ(f.of, FollowUpSpec::Of::kUnresolved);
  EXPECT_EQ(f.delay, Time::Hours(2));
  EXPECT_EQ(f.window, Time::Hours(24));
  EXPECT_EQ(f.dial_time, Distribution::Deterministic(25));
  EXPECT_EQ(f.reach, 0.7);
  EXPECT_EQ(f.talk_time, Distribution::Exponential(180));
  EXPECT_EQ(f.wrap_up, Distribution::Deterministic(30));
  EXPECT_EQ(f.retry_delay, Time::Hours(2));
  EXPECT_EQ(f.max_attempts, 4);
  ASSERT_TRUE(s.agent_groups[0].outbound.has_value());
  EXPECT_EQ(s.agent_groups[0].outbound->follow_ups, std::vector<int>{0});
  EXPECT_EQ(s.agent_groups[0].outbound->keep_idle, 2);
  EXPECT_FALSE(s.agent_groups[1].outbound.has_value());
}

TEST(FollowUpLoaderTest, DefaultsAndADedicatedGroup) {
  const Scenario s =
      Load(WithFollowUp("{share: 0.5, talk_time: {exponential: {mean: 2m}}}",
                        "{follow_ups: [fault]}", "[]"));
  const FollowUpSpec& f = *s.call_types[0].follow_up;
  EXPECT_EQ(f.of, FollowUpSpec::Of::kAnswered);
  EXPECT_EQ(f.delay, Time::Zero());
  EXPECT_EQ(f.window, Time::Hours(24));
  EXPECT_EQ(f.dial_time, Distribution::Deterministic(20));
  EXPECT_EQ(f.reach, 1);
  EXPECT_FALSE(f.wrap_up.has_value());
  EXPECT_EQ(f.retry_delay, Time::Hours(1));
  EXPECT_EQ(f.max_attempts, 3);
  EXPECT_TRUE(s.agent_groups[0].skills.empty());
  EXPECT_EQ(s.agent_groups[0].outbound->keep_idle, 0);
}

TEST(FollowUpLoaderTest, Errors) {
  constexpr char kTalk[] = "talk_time: {exponential: {mean: 2m}}";
  const auto f = [&](std::string_view more) {
    return "{" + std::string(more) + ", " + kTalk + "}";
  };
  EXPECT_EQ(ErrorOf(WithFollowUp("{share: 1.5, talk_time: {exponential: "
                                 "{mean: 2m}}}")),
            "test.yaml:7:24: call_types[0].follow_up.share: expected a "
            "probability in [0, 1], got 1.5");
  EXPECT_NE(ErrorOf(WithFollowUp(f("share: 0.3, reach: -0.1")))
                .find("call_types[0].follow_up.reach: expected a probability"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithFollowUp(f("share: 0.3, delay: -1h")))
                .find("call_types[0].follow_up.delay: expected a duration "
                      "that is not negative"),
            std::string::npos);
  // A window no longer than the delay plus the mean dial.
  EXPECT_NE(ErrorOf(WithFollowUp(f("share: 0.3, delay: 2h, window: 2h")))
                .find("call_types[0].follow_up.window: expected a window (the "
                      "time from the call's end by which the follow-up is "
                      "due, 2h) longer than the delay plus the mean dialling "
                      "time ("),
            std::string::npos)
      << ErrorOf(WithFollowUp(f("share: 0.3, delay: 2h, window: 2h")));
  EXPECT_NE(ErrorOf(WithFollowUp(f("share: 0.3, delay: 25h")))
                .find("call_types[0].follow_up.delay: expected a window"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithFollowUp("{share: 0.3}"))
                .find("call_types[0].follow_up: missing required key "
                      "'talk_time'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithFollowUp(f("share: 0.3, of: everyone")))
                .find("call_types[0].follow_up.of: expected answered, "
                      "resolved or unresolved"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithFollowUp(f("share: 0.3, windw: 2h")))
                .find("did you mean 'window'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithFollowUp(f("share: 0.3, max_attempts: 0")))
                .find("call_types[0].follow_up.max_attempts"),
            std::string::npos);
}

TEST(FollowUpLoaderTest, TasksNoGroupCallsAreRefused) {
  const std::string yaml =
      "name: test\n"
      "horizon: 1d\n"
      "call_types:\n"
      "  - name: fault\n"
      "    arrivals: {per_interval: 100}\n"
      "    handle_time: {exponential: {mean: 180s}}\n"
      "    follow_up: {share: 0.3, talk_time: {exponential: {mean: 2m}}}\n"
      "agents:\n"
      "  - name: team\n"
      "    skills: [fault]\n"
      "    staffing: {constant: 14}\n";
  EXPECT_EQ(ErrorOf(yaml),
            "test.yaml:7:16: call_types[0].follow_up: call type 'fault' "
            "creates follow-up tasks (share 0.3), but no agent group calls "
            "them: list it in an agent group's outbound follow_ups");
  // Share 0 creates none: nothing to call.
  std::string none = yaml;
  none.replace(none.find("share: 0.3"), 10, "share: 0");
  EXPECT_FALSE(Load(none).call_types.empty());
}

TEST(FollowUpLoaderTest, OutboundErrors) {
  const std::string talk = "{share: 0.3, talk_time: {exponential: {mean: 2m}}}";
  EXPECT_EQ(ErrorOf(WithFollowUp(talk, "{follow_ups: [faults]}")),
            "test.yaml:11:29: agents[0].outbound.follow_ups[0]: unknown call "
            "type 'faults'; expected one of: fault (did you mean 'fault'?)");
  EXPECT_NE(ErrorOf(WithFollowUp(talk, "{keep_idle: 2}"))
                .find("agents[0].outbound: missing required key 'follow_ups'"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithFollowUp(talk, "{follow_ups: [fault], keep_idle: -1}"))
                .find("agents[0].outbound.keep_idle"),
            std::string::npos);
  EXPECT_NE(ErrorOf(WithFollowUp(talk, "[fault]"))
                .find("agents[0].outbound: expected an outbound map such as "
                      "{follow_ups: [fault], keep_idle: 2}"),
            std::string::npos);
  // No skills and no outbound: a group with nothing to do.
  const std::string no_skills =
      "name: test\n"
      "horizon: 1d\n"
      "call_types:\n"
      "  - name: fault\n"
      "    arrivals: {per_interval: 100}\n"
      "    handle_time: {exponential: {mean: 180s}}\n"
      "agents:\n"
      "  - name: team\n"
      "    skills: []\n"
      "    staffing: {constant: 14}\n";
  EXPECT_NE(ErrorOf(no_skills).find("agents[0].skills"), std::string::npos)
      << ErrorOf(no_skills);
}

TEST(FollowUpLoaderTest, AnOutboundTypeNeedsAFollowUp) {
  const std::string yaml =
      "name: test\n"
      "horizon: 1d\n"
      "call_types:\n"
      "  - name: fault\n"
      "    arrivals: {per_interval: 100}\n"
      "    handle_time: {exponential: {mean: 180s}}\n"
      "agents:\n"
      "  - name: team\n"
      "    skills: [fault]\n"
      "    outbound: {follow_ups: [fault]}\n"
      "    staffing: {constant: 14}\n";
  EXPECT_EQ(ErrorOf(yaml),
            "test.yaml:10:29: agents[0].outbound.follow_ups[0]: expected a "
            "call type with a follow_up map (its calls create the tasks this "
            "group calls), got 'fault', which has none");
}

}  // namespace
}  // namespace ccsim
