// Loader tests for the full-model keys: calendar, trunk lines, redials,
// incidents, the IVR, day factors and intraday profiles of arrivals, wrap-up,
// first-contact resolution and transfers of call types, and skills with
// priorities, shifts, breaks, break caps, AUX and adherence of agent groups.
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "ccsim/distribution.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/time.h"
#include "gtest/gtest.h"
#include "tests/testing/scenario_text.h"

namespace ccsim {
namespace {

// The complete example of docs/scenario-format.md (kept identical: see
// DocumentedFullExampleIsThisOne).
constexpr std::string_view kFull = R"(name: full-model-demo
horizon: 28d
warmup: 1d
interval: 1h
replications: 5
seed: 7
calendar:
  start_date: 2026-07-01            # a Wednesday; day 1 is the day the warm-up ends in
  opening_hours:
    default: "08:00-20:00"          # Monday to Friday
    saturday: "09:00-17:00"
    sunday: closed
trunk_lines: 120
redial:                             # defaults for every call type
  after_busy: 0.8
  after_abandon: 0.5
  decay: 0.7
  max_attempts: 5
  delay: {exponential: {mean: 10m}}
call_types:
  - name: general
    arrivals:
      per_day: 4000
      intraday: [0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 10, 9, 8, 8, 9, 9, 8, 7, 6, 5, 0, 0, 0, 0]
      weekday: {monday: 1.2, saturday: 0.6, sunday: 0}
      day_of_month: [{days: 1-3, factor: 1.2}, {days: 28-31, factor: 1.1}]
      month: {july: 1.1, august: 0.9}
      daily_cv: 0.1
    handle_time: {lognormal: {mean: 240s, sd: 150s}}
    patience: {exponential: {mean: 180s}}
    wrap_up: {exponential: {mean: 30s}}
    fcr: 0.85
    return_delay: {lognormal: {mean: 2d, sd: 1d}}
    transfer: {share: 0.05, to: billing}
  - name: billing
    arrivals: {per_hour: 60, weekday: [1, 1, 1, 1, 1.2, 0.5, 0]}
    handle_time: {exponential: {mean: 300s}}
    patience: {weibull: {shape: 0.8, mean: 240s}}
    redial: {after_abandon: 0.3}    # the other keys come from the top level
  - name: outage
    arrivals: {per_day: 0}          # only the incident's calls
    handle_time: {exponential: {mean: 120s}}
    patience: {exponential: {mean: 120s}}
    redial: {after_busy: 0, after_abandon: 0}
incidents:
  - name: storm
    call_type: outage
    day: 3
    at: "10:30"
    duration: 6h
    extra_calls: 3000
    half_life: 1h
ivr:
  greeting: 15s
  zero_out_queue: general
  misroute_handle_time: {exponential: {mean: 60s}}
  hang_up_by_depth: [0.02, 0.04]
  zero_out: 0.05
  announcements:
    - name: outage-notice
      duration: 20s
      call_types: [outage]
      informed: 0.6
      incident: storm
  menu:
    prompt: 20s
    misroute: 0.03
    options:
      - name: billing
        choose: {billing: 0.9, general: 0.1}
        menu:
          prompt: 15s
          options:
            - name: balance
              for: [billing]
              self_service:
                duration: {exponential: {mean: 90s}}
                resolve: 0.4
                to_agent: 0.7
            - name: agent
              for: [billing, general]
              queue: billing
      - name: outage
        for: [outage]
        queue: outage
      - name: other
        for: [general]
        queue: general
agents:
  - name: day-team
    skills: [general, {skill: billing, priority: 2, after: 30s}]
    handle_time_factor: {billing: 1.2}
    shifts:
      - start: "08:00"
        end: "16:30"
        agents: 20
        days: [monday, tuesday, wednesday, thursday, friday, saturday]
        breaks:
          - {earliest: "12:00", latest: "13:30", duration: 30m}
          - {earliest: "10:00", latest: "11:00", duration: 15m}
      - start: "12:00"
        end: "20:00"
        agents: 15
    break_cap: {share: 0.2}
    aux: {per_hour: 0.5, duration: {exponential: {mean: 5m}}}
    adherence: {late_login: {exponential: {mean: 3m}}}
  - name: night
    skills: [general]
    fcr: 0.8
    handle_time_factor: 1.1
    shifts:
      - start: "22:00"
        end: "06:00"                # the next morning
        agents: 3
        breaks: [{earliest: "01:00", latest: "02:00", duration: 20m}]
  - name: billing-team
    skills: [billing, outage]
    staffing: {constant: 6}
    break_cap: {agents: 1}
)";

// A small valid scenario; the line numbers matter for the expected messages.
constexpr std::string_view kSmall =
    "name: test\n"                                    // 1
    "horizon: 1d\n"                                   // 2
    "call_types:\n"                                   // 3
    "  - name: general\n"                             // 4
    "    arrivals: {per_interval: 100}\n"             // 5
    "    handle_time: {exponential: {mean: 180s}}\n"  // 6
    "    patience: {exponential: {mean: 300s}}\n"     // 7
    "  - name: billing\n"                             // 8
    "    arrivals: {per_interval: 10}\n"              // 9
    "    handle_time: {exponential: {mean: 240s}}\n"  // 10
    "agents:\n"                                       // 11
    "  - name: team\n"                                // 12
    "    skills: [general, billing]\n"                // 13
    "    staffing: {constant: 14}\n";                 // 14

// `text` with the first occurrence of `from` replaced by `to`.
std::string Replace(std::string_view text, std::string_view from,
                    std::string_view to) {
  std::string out(text);
  const size_t at = out.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' is not in the text";
  if (at != std::string::npos) out.replace(at, from.size(), to);
  return out;
}

std::string Small(std::string_view from, std::string_view to) {
  return Replace(kSmall, from, to);
}

// kSmall with `text` appended (top-level keys after the agents).
std::string SmallPlus(std::string_view text) {
  return std::string(kSmall) + std::string(text);
}

using testing::ErrorOf;
using testing::ListOf;
using testing::Load;

// ---------------------------------------------------------------------------
// Valid files.

TEST(FullModelLoaderTest, ReadsTheTopLevelKeys) {
  const Scenario s = Load(kFull);
  EXPECT_EQ(s.calendar.start_date, (Date{.year = 2026, .month = 7, .day = 1}));
  EXPECT_EQ(s.calendar.start_date.weekday(), 2);  // Wednesday
  for (int day = 0; day < 5; ++day) {
    EXPECT_EQ(s.calendar.hours[day].open, Time::Hours(8));
    EXPECT_EQ(s.calendar.hours[day].close, Time::Hours(20));
  }
  EXPECT_EQ(s.calendar.hours[5].open, Time::Hours(9));
  EXPECT_EQ(s.calendar.hours[5].close, Time::Hours(17));
  EXPECT_EQ(s.calendar.hours[6].open, Time::Zero());
  EXPECT_EQ(s.calendar.hours[6].close, Time::Zero());
  EXPECT_FALSE(s.calendar.always_open());
  EXPECT_EQ(s.trunk_lines, 120);
}

TEST(FullModelLoaderTest, DefaultsKeepTheFoundationMeaning) {
  const Scenario s = Load(kSmall);
  EXPECT_EQ(s.calendar.start_date, (Date{.year = 2024, .month = 1, .day = 1}));
  EXPECT_TRUE(s.calendar.always_open());
  EXPECT_EQ(s.trunk_lines, 0);
  EXPECT_FALSE(s.ivr.enabled());
  EXPECT_EQ(s.ivr.root, -1);
  EXPECT_EQ(s.ivr.zero_out_queue, -1);
  EXPECT_TRUE(s.incidents.empty());
  const CallTypeSpec& c = s.call_types[0];
  EXPECT_EQ(c.weekday_factor, (std::array<double, 7>{1, 1, 1, 1, 1, 1, 1}));
  EXPECT_EQ(c.daily_cv, 0);
  EXPECT_FALSE(c.wrap_up.has_value());
  EXPECT_EQ(c.fcr, 1);
  EXPECT_EQ(c.transfer_share, 0);
  EXPECT_EQ(c.transfer_to, -1);
  EXPECT_FALSE(c.redial.enabled());
  const AgentGroupSpec& g = s.agent_groups[0];
  EXPECT_EQ(g.skills, (std::vector<int>{0, 1}));
  ASSERT_EQ(g.skill_specs.size(), 2u);
  EXPECT_EQ(g.skill_specs[1].call_type, 1);
  EXPECT_EQ(g.skill_specs[1].priority, 1);
  EXPECT_EQ(g.skill_specs[1].after, Time::Zero());
  EXPECT_TRUE(g.handle_factor.empty());
  EXPECT_FALSE(g.fcr.has_value());
  EXPECT_TRUE(g.shifts.empty());
  EXPECT_FALSE(g.has_break_cap());
  EXPECT_EQ(g.aux_per_hour, 0);
}

TEST(FullModelLoaderTest, SpreadsTheDailyVolumeByIntradayWeights) {
  const Scenario s = Load(kFull);
  const CallTypeSpec& c = s.call_types[0];
  ASSERT_EQ(c.rate_per_s.size(), 24u);
  const double weights[24] = {0, 0, 0, 0, 0, 0, 0, 0, 8, 10, 10, 9,
                              8, 8, 9, 9, 8, 7, 6, 5, 0, 0,  0,  0};  // sum 97
  double per_day = 0;
  for (int i = 0; i < 24; ++i) {
    EXPECT_DOUBLE_EQ(c.rate_per_s[i], 4000.0 * weights[i] / 97 / 3600);
    per_day += c.rate_per_s[i] * 3600;
  }
  EXPECT_NEAR(per_day, 4000, 1e-9);
}

TEST(FullModelLoaderTest, ReadsDayFactors) {
  const Scenario s = Load(kFull);
  const CallTypeSpec& c = s.call_types[0];
  EXPECT_EQ(c.weekday_factor, (std::array<double, 7>{1.2, 1, 1, 1, 1, 0.6, 0}));
  for (int d = 1; d <= 31; ++d) {
    const double want = d <= 3 ? 1.2 : d >= 28 ? 1.1 : 1;
    EXPECT_EQ(c.day_of_month_factor[d - 1], want) << "day " << d;
  }
  EXPECT_EQ(c.month_factor,
            (std::array<double, 12>{1, 1, 1, 1, 1, 1, 1.1, 0.9, 1, 1, 1, 1}));
  EXPECT_DOUBLE_EQ(c.daily_cv, 0.1);
  // Lists: 7 weekdays from Monday, 12 months, 31 days.
  const CallTypeSpec& b = s.call_types[1];
  EXPECT_EQ(b.weekday_factor, (std::array<double, 7>{1, 1, 1, 1, 1.2, 0.5, 0}));
  EXPECT_EQ(b.rate_per_s, std::vector<double>(24, 60.0 / 3600));
  // 12 months and 31 days as lists, and a single day.
  Scenario l =
      Load(Small("{per_interval: 100}",
                 "{per_interval: 100, month: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "
                 "11, 12], day_of_month: " +
                     ListOf(31, "0.5") + "}"));
  EXPECT_EQ(l.call_types[0].month_factor[11], 12);
  EXPECT_EQ(l.call_types[0].day_of_month_factor[30], 0.5);
  l = Load(Small("{per_interval: 100}",
                 "{per_interval: 100, day_of_month: [{days: 15, factor: 2}]}"));
  EXPECT_EQ(l.call_types[0].day_of_month_factor[14], 2);
  EXPECT_EQ(l.call_types[0].day_of_month_factor[15], 1);
}

TEST(FullModelLoaderTest, ReadsCallTypeBehaviour) {
  const Scenario s = Load(kFull);
  const CallTypeSpec& c = s.call_types[0];
  ASSERT_TRUE(c.wrap_up.has_value());
  EXPECT_DOUBLE_EQ(c.wrap_up->Mean(), 30);
  EXPECT_DOUBLE_EQ(c.fcr, 0.85);
  ASSERT_TRUE(c.return_delay.has_value());
  EXPECT_DOUBLE_EQ(c.return_delay->Mean(), 2 * 86400.0);
  EXPECT_DOUBLE_EQ(c.transfer_share, 0.05);
  EXPECT_EQ(c.transfer_to, 1);
  // A zero share leaves no target.
  const Scenario z = Load(Small("    patience: {exponential: {mean: 300s}}\n",
                                "    patience: {exponential: {mean: 300s}}\n"
                                "    transfer: {share: 0, to: billing}\n"));
  EXPECT_EQ(z.call_types[0].transfer_to, -1);
}

TEST(FullModelLoaderTest, MergesRedialKeyByKey) {
  const Scenario s = Load(kFull);
  const RedialSpec& general = s.call_types[0].redial;  // top level only
  EXPECT_DOUBLE_EQ(general.after_busy, 0.8);
  EXPECT_DOUBLE_EQ(general.after_abandon, 0.5);
  EXPECT_DOUBLE_EQ(general.after_ivr, 0);
  EXPECT_DOUBLE_EQ(general.decay, 0.7);
  EXPECT_EQ(general.max_attempts, 5);
  ASSERT_TRUE(general.delay.has_value());
  EXPECT_DOUBLE_EQ(general.delay->Mean(), 600);
  const RedialSpec& billing = s.call_types[1].redial;  // one key overridden
  EXPECT_DOUBLE_EQ(billing.after_busy, 0.8);
  EXPECT_DOUBLE_EQ(billing.after_abandon, 0.3);
  EXPECT_DOUBLE_EQ(billing.decay, 0.7);
  EXPECT_EQ(billing.max_attempts, 5);
  ASSERT_TRUE(billing.delay.has_value());
  const RedialSpec& outage = s.call_types[2].redial;  // switched off
  EXPECT_FALSE(outage.enabled());
  EXPECT_EQ(outage.max_attempts, 5);
  // Without a top-level redial, a call type's own is complete by itself.
  const Scenario own = Load(Small(
      "    patience: {exponential: {mean: 300s}}\n",
      "    patience: {exponential: {mean: 300s}}\n"
      "    redial: {after_ivr: 0.2, delay: {deterministic: {value: 1m}}}\n"));
  EXPECT_DOUBLE_EQ(own.call_types[0].redial.after_ivr, 0.2);
  EXPECT_DOUBLE_EQ(own.call_types[0].redial.decay, 1);
  EXPECT_EQ(own.call_types[0].redial.max_attempts, 0);
  EXPECT_FALSE(own.call_types[1].redial.enabled());
}

TEST(FullModelLoaderTest, PlacesIncidentsFromTheDayTheWarmupEndsIn) {
  const Scenario s = Load(kFull);
  ASSERT_EQ(s.incidents.size(), 1u);
  const IncidentSpec& i = s.incidents[0];
  EXPECT_EQ(i.name, "storm");
  EXPECT_EQ(i.call_type, 2);
  // warmup 1d: day 1 is simulated day 1, so day 3 is simulated day 3.
  EXPECT_EQ(i.start, Time::Days(3) + Time::Hours(10.5));
  EXPECT_EQ(i.duration, Time::Hours(6));
  EXPECT_DOUBLE_EQ(i.extra_calls, 3000);
  EXPECT_EQ(i.half_life, Time::Hours(1));
  // Day 0 is the warm-up day; no half-life means a constant rate.
  const Scenario w =
      Load(Replace(kFull,
                   "    day: 3\n    at: \"10:30\"\n    duration: 6h\n"
                   "    extra_calls: 3000\n    half_life: 1h\n",
                   "    day: 0\n    at: \"00:00:30\"\n    duration: 6h\n"
                   "    extra_calls: 3000\n"));
  EXPECT_EQ(w.incidents[0].start, Time::Seconds(30));
  EXPECT_TRUE(w.incidents[0].half_life.is_infinite());
}

TEST(FullModelLoaderTest, FlattensTheIvrTree) {
  const Scenario s = Load(kFull);
  const IvrSpec& ivr = s.ivr;
  EXPECT_TRUE(ivr.enabled());
  EXPECT_EQ(ivr.greeting, Time::Seconds(15));
  EXPECT_EQ(ivr.zero_out_queue, 0);
  ASSERT_TRUE(ivr.misroute_handle_time.has_value());
  EXPECT_DOUBLE_EQ(ivr.misroute_handle_time->Mean(), 60);
  ASSERT_EQ(ivr.announcements.size(), 1u);
  EXPECT_EQ(ivr.announcements[0].name, "outage-notice");
  EXPECT_EQ(ivr.announcements[0].duration, Time::Seconds(20));
  EXPECT_EQ(ivr.announcements[0].call_types, std::vector<int>{2});
  EXPECT_DOUBLE_EQ(ivr.announcements[0].informed, 0.6);
  EXPECT_EQ(ivr.announcements[0].incident, 0);

  ASSERT_EQ(ivr.nodes.size(), 3u);
  EXPECT_EQ(ivr.root, 0);
  const IvrNode& main = ivr.nodes[0];
  EXPECT_EQ(main.name, "main");
  EXPECT_EQ(main.kind, IvrNode::kMenu);
  EXPECT_EQ(main.depth, 1);
  EXPECT_EQ(main.prompt, Time::Seconds(20));
  EXPECT_DOUBLE_EQ(main.hang_up, 0.02);   // hang_up_by_depth[0]
  EXPECT_DOUBLE_EQ(main.zero_out, 0.05);  // ivr.zero_out
  EXPECT_DOUBLE_EQ(main.misroute, 0.03);  // its own
  ASSERT_EQ(main.options.size(), 3u);
  EXPECT_EQ(main.options[0].name, "billing");
  EXPECT_EQ(main.options[0].target.kind, IvrTarget::kMenu);
  EXPECT_EQ(main.options[0].target.index, 1);
  EXPECT_EQ(main.options[0].weight, (std::vector<double>{0.1, 0.9, 0}));
  EXPECT_EQ(main.options[1].target.kind, IvrTarget::kQueue);
  EXPECT_EQ(main.options[1].target.index, 2);
  EXPECT_EQ(main.options[1].weight, (std::vector<double>{0, 0, 1}));
  EXPECT_EQ(main.options[2].target.index, 0);
  EXPECT_EQ(main.options[2].weight, (std::vector<double>{1, 0, 0}));

  const IvrNode& sub = ivr.nodes[1];
  EXPECT_EQ(sub.name, "main/billing");
  EXPECT_EQ(sub.kind, IvrNode::kMenu);
  EXPECT_EQ(sub.depth, 2);
  EXPECT_DOUBLE_EQ(sub.hang_up, 0.04);  // hang_up_by_depth[1]
  EXPECT_DOUBLE_EQ(sub.misroute, 0);    // ivr.misroute (absent)
  ASSERT_EQ(sub.options.size(), 2u);
  EXPECT_EQ(sub.options[0].target.kind, IvrTarget::kSelfService);
  EXPECT_EQ(sub.options[0].target.index, 2);
  EXPECT_EQ(sub.options[1].target.kind, IvrTarget::kQueue);
  EXPECT_EQ(sub.options[1].target.index, 1);
  EXPECT_EQ(sub.options[1].weight, (std::vector<double>{1, 1, 0}));

  const IvrNode& self = ivr.nodes[2];
  EXPECT_EQ(self.name, "main/billing/balance");
  EXPECT_EQ(self.kind, IvrNode::kSelfService);
  EXPECT_EQ(self.depth, 3);
  ASSERT_TRUE(self.duration.has_value());
  EXPECT_DOUBLE_EQ(self.duration->Mean(), 90);
  EXPECT_DOUBLE_EQ(self.resolve, 0.4);
  EXPECT_DOUBLE_EQ(self.to_agent, 0.7);
  EXPECT_EQ(self.queue.kind, IvrTarget::kQueue);
  EXPECT_EQ(self.queue.index, -1);  // the caller's own type
}

TEST(FullModelLoaderTest, IvrDefaultsByDepthAndTransferOut) {
  // Deeper menus than hang_up_by_depth has entries take its last entry;
  // a menu's own keys override the defaults.
  const Scenario s = Load(SmallPlus(R"(ivr:
  hang_up_by_depth: [0.1, 0.2]
  menu:
    prompt: 5s
    options:
      - name: a
        for: [general]
        menu:
          prompt: 5s
          hang_up: 0.5
          options:
            - name: b
              for: [general]
              menu:
                prompt: 0s
                options: [{name: c, for: [general], queue: general}]
      - name: leave
        choose: {billing: 2}
        transfer_out: true
      - name: nobody
        queue: billing
)"));
  const IvrSpec& ivr = s.ivr;
  ASSERT_EQ(ivr.nodes.size(), 3u);
  EXPECT_EQ(ivr.nodes[0].hang_up, 0.1);
  EXPECT_EQ(ivr.nodes[1].hang_up, 0.5);
  EXPECT_EQ(ivr.nodes[2].name, "main/a/b");
  EXPECT_EQ(ivr.nodes[2].depth, 3);
  EXPECT_EQ(ivr.nodes[2].hang_up, 0.2);
  EXPECT_EQ(ivr.nodes[0].options[1].target.kind, IvrTarget::kTransferOut);
  EXPECT_EQ(ivr.nodes[0].options[1].weight, (std::vector<double>{0, 2}));
  EXPECT_EQ(ivr.nodes[0].options[2].weight, (std::vector<double>{0, 0}));
  EXPECT_EQ(ivr.zero_out_queue, -1);
}

TEST(FullModelLoaderTest, DisabledAnnouncementsAreLeftOut) {
  const Scenario s = Load(SmallPlus(R"(ivr:
  announcements:
    - {name: a, duration: 10s, call_types: [general], informed: 0.1}
    - {name: b, duration: 10s, call_types: [billing], informed: 0.1, enabled: false}
    - {name: c, duration: 5s, call_types: [general, billing], informed: 0, enabled: true}
)"));
  ASSERT_EQ(s.ivr.announcements.size(), 2u);
  EXPECT_EQ(s.ivr.announcements[0].name, "a");
  EXPECT_EQ(s.ivr.announcements[0].incident, -1);
  EXPECT_EQ(s.ivr.announcements[1].name, "c");
  EXPECT_EQ(s.ivr.announcements[1].call_types, (std::vector<int>{0, 1}));
  EXPECT_TRUE(s.ivr.enabled());
  EXPECT_TRUE(s.ivr.nodes.empty());
}

TEST(FullModelLoaderTest, ReadsSkillsAndGroupBehaviour) {
  const Scenario s = Load(kFull);
  const AgentGroupSpec& day = s.agent_groups[0];
  EXPECT_EQ(day.skills, (std::vector<int>{0, 1}));
  ASSERT_EQ(day.skill_specs.size(), 2u);
  EXPECT_EQ(day.skill_specs[0].call_type, 0);
  EXPECT_EQ(day.skill_specs[0].priority, 1);
  EXPECT_EQ(day.skill_specs[0].after, Time::Zero());
  EXPECT_EQ(day.skill_specs[1].call_type, 1);
  EXPECT_EQ(day.skill_specs[1].priority, 2);
  EXPECT_EQ(day.skill_specs[1].after, Time::Seconds(30));
  EXPECT_EQ(day.handle_factor, (std::vector<double>{1, 1.2, 1}));
  EXPECT_FALSE(day.fcr.has_value());
  EXPECT_TRUE(day.staffing.empty());
  EXPECT_EQ(day.break_cap_agents, -1);
  EXPECT_DOUBLE_EQ(day.break_cap_share, 0.2);
  EXPECT_DOUBLE_EQ(day.aux_per_hour, 0.5);
  ASSERT_TRUE(day.aux_duration.has_value());
  EXPECT_DOUBLE_EQ(day.aux_duration->Mean(), 300);
  ASSERT_TRUE(day.late_login.has_value());
  EXPECT_DOUBLE_EQ(day.late_login->Mean(), 180);
  EXPECT_FALSE(day.early_logout.has_value());

  const AgentGroupSpec& night = s.agent_groups[1];
  EXPECT_EQ(night.fcr, 0.8);
  EXPECT_EQ(night.handle_factor, (std::vector<double>{1.1, 1.1, 1.1}));
  const AgentGroupSpec& billing = s.agent_groups[2];
  EXPECT_EQ(billing.staffing, std::vector<int>(24, 6));
  EXPECT_EQ(billing.break_cap_agents, 1);
  EXPECT_EQ(billing.break_cap_share, -1);
}

TEST(FullModelLoaderTest, ReadsShiftsAndBreaks) {
  const Scenario s = Load(kFull);
  const AgentGroupSpec& day = s.agent_groups[0];
  ASSERT_EQ(day.shifts.size(), 2u);
  const ShiftSpec& early = day.shifts[0];
  EXPECT_EQ(early.start, Time::Hours(8));
  EXPECT_EQ(early.length, Time::Hours(8.5));
  EXPECT_EQ(early.agents, 20);
  EXPECT_EQ(early.weekdays,
            (std::array<bool, 7>{true, true, true, true, true, true, false}));
  // Sorted by earliest, as offsets from the shift start.
  ASSERT_EQ(early.breaks.size(), 2u);
  EXPECT_EQ(early.breaks[0].earliest, Time::Hours(2));
  EXPECT_EQ(early.breaks[0].latest, Time::Hours(3));
  EXPECT_EQ(early.breaks[0].duration, Time::Minutes(15));
  EXPECT_EQ(early.breaks[1].earliest, Time::Hours(4));
  EXPECT_EQ(early.breaks[1].latest, Time::Hours(5.5));
  EXPECT_EQ(early.breaks[1].duration, Time::Minutes(30));
  EXPECT_EQ(day.shifts[1].weekdays,
            (std::array<bool, 7>{true, true, true, true, true, true, true}));
  EXPECT_TRUE(day.shifts[1].breaks.empty());

  // Past midnight: 22:00 to 06:00 is 8h; a break at 01:00 is 3h in.
  const ShiftSpec& night = s.agent_groups[1].shifts[0];
  EXPECT_EQ(night.start, Time::Hours(22));
  EXPECT_EQ(night.length, Time::Hours(8));
  ASSERT_EQ(night.breaks.size(), 1u);
  EXPECT_EQ(night.breaks[0].earliest, Time::Hours(3));
  EXPECT_EQ(night.breaks[0].latest, Time::Hours(4));
  EXPECT_EQ(night.breaks[0].duration, Time::Minutes(20));

  // An end of 24:00, and an end equal to the start (a 24-hour shift).
  Scenario t = Load(Small("staffing: {constant: 14}",
                          "shifts: [{start: \"16:00\", end: \"24:00\", "
                          "agents: 2}, {start: \"07:00\", end: \"07:00\", "
                          "agents: 1}]"));
  EXPECT_EQ(t.agent_groups[0].shifts[0].length, Time::Hours(8));
  EXPECT_EQ(t.agent_groups[0].shifts[1].length, Time::Hours(24));
}

TEST(FullModelLoaderTest, DocumentedFullExampleIsThisOne) {
  std::ifstream in(std::string(CCSIM_SOURCE_DIR) + "/docs/scenario-format.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const size_t section = doc.find("## A complete full-model example");
  ASSERT_NE(section, std::string::npos);
  const size_t begin = doc.find("```yaml\n", section);
  ASSERT_NE(begin, std::string::npos);
  const size_t end = doc.find("```\n", begin + 8);
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(doc.substr(begin + 8, end - begin - 8), kFull);
}

// ---------------------------------------------------------------------------
// Errors: one test per class, comparing the exact message.

TEST(FullModelLoaderErrorTest, CalendarDates) {
  EXPECT_EQ(ErrorOf(SmallPlus("calendar: {start_date: 2026-7-1}\n")),
            "test.yaml:15:24: calendar.start_date: expected a date YYYY-MM-DD, "
            "e.g. 2026-07-01, got a string '2026-7-1'");
  EXPECT_EQ(ErrorOf(SmallPlus("calendar: {start_date: 2026-02-29}\n")),
            "test.yaml:15:24: calendar.start_date: expected a date that exists "
            "(YYYY-MM-DD, year from 0001), got 2026-02-29");
  EXPECT_TRUE(
      ParseScenario(SmallPlus("calendar: {start_date: 2028-02-29}\n"), "t")
          .ok());
  EXPECT_EQ(ErrorOf(SmallPlus("calendar: {start: 2026-01-01}\n")),
            "test.yaml:15:12: calendar.start: unknown key 'start'; expected "
            "one of: start_date, opening_hours");
}

TEST(FullModelLoaderErrorTest, OpeningHours) {
  EXPECT_EQ(ErrorOf(SmallPlus(
                "calendar: {opening_hours: {default: \"20:00-08:00\"}}\n")),
            "test.yaml:15:37: calendar.opening_hours.default: expected the "
            "opening time before the closing time (hours past midnight are not "
            "supported: split them over two days), got 20:00-08:00");
  EXPECT_EQ(ErrorOf(SmallPlus(
                "calendar: {opening_hours: {monday: \"8:00-20:00\"}}\n")),
            "test.yaml:15:36: calendar.opening_hours.monday: expected opening "
            "hours \"HH:MM-HH:MM\" (e.g. \"08:00-20:00\") or closed, got a "
            "string '8:00-20:00'");
  EXPECT_EQ(ErrorOf(SmallPlus("calendar: {opening_hours: {mon: closed}}\n")),
            "test.yaml:15:28: calendar.opening_hours.mon: unknown key 'mon'; "
            "expected one of: default, monday, tuesday, wednesday, thursday, "
            "friday, saturday, sunday");
  EXPECT_EQ(ErrorOf(SmallPlus(
                "calendar: {opening_hours: {sunday: \"09:00-24:01\"}}\n")),
            "test.yaml:15:36: calendar.opening_hours.sunday: expected opening "
            "hours \"HH:MM-HH:MM\" (e.g. \"08:00-20:00\") or closed, got a "
            "string '09:00-24:01'");
}

TEST(FullModelLoaderErrorTest, TrunkLines) {
  EXPECT_EQ(ErrorOf(SmallPlus("trunk_lines: 0\n")),
            "test.yaml:15:14: trunk_lines: expected a whole number of at least "
            "1, got 0");
  EXPECT_EQ(ErrorOf(SmallPlus("trunk_lines: 2.5\n")),
            "test.yaml:15:14: trunk_lines: expected a whole number, got 2.5");
}

TEST(FullModelLoaderErrorTest, Redial) {
  EXPECT_EQ(ErrorOf(SmallPlus("redial: {after_busy: 1.5}\n")),
            "test.yaml:15:22: redial.after_busy: expected a probability in [0, "
            "1], got 1.5");
  EXPECT_EQ(
      ErrorOf(SmallPlus("redial: {decay: 0}\n")),
      "test.yaml:15:17: redial.decay: expected a number in (0, 1], got 0");
  EXPECT_EQ(ErrorOf(SmallPlus("redial: {max_attempts: 0}\n")),
            "test.yaml:15:24: redial.max_attempts: expected a whole number of "
            "at least 1, got 0");
  // A delay is required once merged probabilities are above 0: reported at
  // the call type's own redial when it has one, else at the top level.
  EXPECT_EQ(ErrorOf(SmallPlus("redial: {after_abandon: 0.5}\n")),
            "test.yaml:15:9: redial: missing required key 'delay' (the time "
            "before a caller redials; required when after_busy, after_abandon "
            "or after_ivr is greater than 0)");
  EXPECT_EQ(ErrorOf(Small("    arrivals: {per_interval: 10}\n",
                          "    arrivals: {per_interval: 10}\n"
                          "    redial: {after_busy: 0.5}\n")),
            "test.yaml:10:13: call_types[1].redial: missing required key "
            "'delay' (the time before a caller redials; required when "
            "after_busy, after_abandon or after_ivr is greater than 0)");
  EXPECT_EQ(ErrorOf(SmallPlus("redial: {after_abandon: 0.5, delai: 1m}\n")),
            "test.yaml:15:30: redial.delai: unknown key 'delai'; expected one "
            "of: after_busy, after_abandon, after_ivr, decay, max_attempts, "
            "delay (did you mean 'delay'?)");
}

TEST(FullModelLoaderErrorTest, Incidents) {
  const std::string storm =
      "incidents:\n"
      "  - {name: storm, call_type: general, day: 1, at: \"10:00\", "
      "duration: 1h, extra_calls: 100}\n";
  EXPECT_TRUE(ParseScenario(SmallPlus(storm), "t").ok());
  EXPECT_EQ(
      ErrorOf(SmallPlus(Replace(storm, "day: 1", "day: 2"))),
      "test.yaml:16:44: incidents[0].day: expected a day from 1 to 1 (day 1 is "
      "the day the warm-up ends in; earlier days are warm-up days), got 2");
  EXPECT_EQ(
      ErrorOf(SmallPlus(Replace(storm, "day: 1", "day: 0"))),
      "test.yaml:16:44: incidents[0].day: expected a day from 1 to 1 (day 1 is "
      "the day the warm-up ends in; earlier days are warm-up days), got 0");
  EXPECT_EQ(
      ErrorOf(SmallPlus(Replace(storm, "general", "genral"))),
      "test.yaml:16:30: incidents[0].call_type: unknown call type 'genral'; "
      "expected one of: general, billing (did you mean 'general'?)");
  EXPECT_EQ(ErrorOf(SmallPlus(Replace(storm, "duration: 1h", "duration: 0s"))),
            "test.yaml:16:70: incidents[0].duration: expected a duration "
            "greater than 0, got 0s");
  EXPECT_EQ(
      ErrorOf(SmallPlus(Replace(storm, "\"10:00\"", "\"25:00\""))),
      "test.yaml:16:51: incidents[0].at: expected a time of day HH:MM or "
      "HH:MM:SS (00:00 to 23:59:59), e.g. \"08:30\", got a string '25:00'");
  EXPECT_EQ(ErrorOf(SmallPlus(storm + "  - {name: storm, call_type: general, "
                                      "day: 1, at: \"11:00\", duration: 1h, "
                                      "extra_calls: 1}\n")),
            "test.yaml:17:12: incidents[1].name: duplicate incident name "
            "'storm' (already used by incidents[0])");
  EXPECT_EQ(ErrorOf(SmallPlus(Replace(storm, ", extra_calls: 100", ""))),
            "test.yaml:16:5: incidents[0]: missing required key 'extra_calls'");
  // Within a day shorter than 24h (horizon 12h), the time matters too.
  EXPECT_EQ(ErrorOf(Replace(SmallPlus(Replace(storm, "\"10:00\"", "\"13:00\"")),
                            "horizon: 1d", "horizon: 12h")),
            "test.yaml:16:51: incidents[0].at: expected a start before the end "
            "of the simulated time (day 1 12:00), got 13:00");
}

TEST(FullModelLoaderErrorTest, IntradayProfile) {
  EXPECT_EQ(
      ErrorOf(Small("{per_interval: 100}",
                    "{per_interval: 100, intraday: " + ListOf(48, "1") + "}")),
      "test.yaml:5:45: call_types[0].arrivals.intraday: expected intraday only "
      "together with per_day (it spreads the daily volume over the intervals), "
      "got it with per_interval");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_day: 100, intraday: " + ListOf(47, "1") + "}")),
            "test.yaml:5:40: call_types[0].arrivals.intraday: expected 48 "
            "entries (one per 30m interval of the day), got 47");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_day: 100, intraday: " + ListOf(48, "0") + "}")),
            "test.yaml:5:40: call_types[0].arrivals.intraday: expected weights "
            "with a positive sum, got all 0");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{intraday: " + ListOf(48, "1") + "}")),
            "test.yaml:5:15: call_types[0].arrivals: expected exactly one of "
            "the keys per_interval, per_hour, per_day, table, trace; got none "
            "of them");
}

TEST(FullModelLoaderErrorTest, DayFactors) {
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_interval: 100, weekday: {mondy: 2}}")),
            "test.yaml:5:45: call_types[0].arrivals.weekday.mondy: unknown key "
            "'mondy'; expected one of: monday, tuesday, wednesday, thursday, "
            "friday, saturday, sunday (did you mean 'monday'?)");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_interval: 100, weekday: [1, 2]}")),
            "test.yaml:5:44: call_types[0].arrivals.weekday: expected 7 "
            "entries (one per weekday, Monday first), got 2");
  EXPECT_EQ(
      ErrorOf(Small("{per_interval: 100}", "{per_interval: 100, weekday: 2}")),
      "test.yaml:5:44: call_types[0].arrivals.weekday: expected a map of "
      "weekday names to factors such as {saturday: 0.6, sunday: 0.4}, or a "
      "sequence of 7 factors (one per weekday, Monday first), got a number 2");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_interval: 100, month: {july: -1}}")),
            "test.yaml:5:49: call_types[0].arrivals.month.july: expected a "
            "number that is not negative, got -1");
  EXPECT_EQ(ErrorOf(Small(
                "{per_interval: 100}",
                "{per_interval: 100, day_of_month: " + ListOf(30, "1") + "}")),
            "test.yaml:5:49: call_types[0].arrivals.day_of_month: expected 31 "
            "entries (one per day of the month), got 30");
  EXPECT_EQ(
      ErrorOf(Small("{per_interval: 100}",
                    "{per_interval: 100, day_of_month: [{days: 1-10, "
                    "factor: 2}, {days: 10-12, factor: 1}]}")),
      "test.yaml:5:82: call_types[0].arrivals.day_of_month[1].days: day 10 is "
      "already given a factor by call_types[0].arrivals.day_of_month[0].days "
      "(ranges must not overlap)");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_interval: 100, day_of_month: [{days: 20-3, "
                          "factor: 2}]}")),
            "test.yaml:5:57: call_types[0].arrivals.day_of_month[0].days: "
            "expected a range whose first day is not after its last, got 20-3");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_interval: 100, day_of_month: [{days: 32, "
                          "factor: 2}]}")),
            "test.yaml:5:57: call_types[0].arrivals.day_of_month[0].days: "
            "expected a day of the month (1 to 31) or a range of days such as "
            "16-31, got a number 32");
  EXPECT_EQ(ErrorOf(Small("{per_interval: 100}",
                          "{per_interval: 100, daily_cv: 11}")),
            "test.yaml:5:45: call_types[0].arrivals.daily_cv: expected a "
            "number of at most 10, got 11");
}

TEST(FullModelLoaderErrorTest, CallTypeBehaviour) {
  const std::string_view at = "    patience: {exponential: {mean: 300s}}\n";
  auto with = [&](std::string_view extra) {
    return Small(at, std::string(at) + std::string(extra));
  };
  EXPECT_EQ(ErrorOf(with("    fcr: 0.8\n")),
            "test.yaml:4:5: call_types[0]: missing required key 'return_delay' "
            "(the delay before unresolved callers call again; required because "
            "fcr is 0.8)");
  EXPECT_EQ(ErrorOf(with("    fcr: 1.2\n")),
            "test.yaml:8:10: call_types[0].fcr: expected a probability in [0, "
            "1], got 1.2");
  EXPECT_EQ(ErrorOf(with("    transfer: {share: 0.1, to: general}\n")),
            "test.yaml:8:32: call_types[0].transfer.to: expected a call type "
            "other than 'general' itself, got 'general'");
  EXPECT_EQ(
      ErrorOf(with("    transfer: {share: 0.1, to: biling}\n")),
      "test.yaml:8:32: call_types[0].transfer.to: unknown call type 'biling'; "
      "expected one of: general, billing (did you mean 'billing'?)");
  EXPECT_EQ(
      ErrorOf(with("    transfer: {share: 0.1}\n")),
      "test.yaml:8:15: call_types[0].transfer: missing required key 'to'");
  EXPECT_EQ(ErrorOf(with("    wrap_up: 30s\n")),
            "test.yaml:8:14: call_types[0].wrap_up: expected a distribution "
            "map such as {exponential: {mean: 180s}}, got a string '30s'");
}

TEST(FullModelLoaderErrorTest, StaffingOrShifts) {
  EXPECT_EQ(ErrorOf(Small("    staffing: {constant: 14}\n", "")),
            "test.yaml:12:5: agents[0]: expected exactly one of the keys "
            "staffing, shifts; got none of them");
  EXPECT_EQ(ErrorOf(Small("    staffing: {constant: 14}\n",
                          "    staffing: {constant: 14}\n"
                          "    shifts: [{start: \"08:00\", end: \"16:00\", "
                          "agents: 1}]\n")),
            "test.yaml:15:5: agents[0]: expected exactly one of the keys "
            "staffing, shifts; got both 'staffing' and 'shifts'");
}

TEST(FullModelLoaderErrorTest, Shifts) {
  auto shift = [](std::string_view text) {
    return Small("staffing: {constant: 14}",
                 "shifts: [" + std::string(text) + "]");
  };
  EXPECT_EQ(ErrorOf(shift("{start: \"8:00\", end: \"16:00\", agents: 1}")),
            "test.yaml:14:22: agents[0].shifts[0].start: expected a time of "
            "day HH:MM or HH:MM:SS (00:00 to 23:59:59), e.g. \"08:30\", got a "
            "string '8:00'");
  EXPECT_EQ(ErrorOf(shift("{start: \"24:00\", end: \"16:00\", agents: 1}")),
            "test.yaml:14:22: agents[0].shifts[0].start: expected a time of "
            "day HH:MM or HH:MM:SS (00:00 to 23:59:59), e.g. \"08:30\", got a "
            "string '24:00'");
  EXPECT_EQ(ErrorOf(shift("{start: \"08:00\", end: \"16:00\", agents: -1}")),
            "test.yaml:14:53: agents[0].shifts[0].agents: expected a whole "
            "number that is not negative, got -1");
  EXPECT_EQ(ErrorOf(shift("{start: \"08:00\", end: \"16:00\", agents: 1, "
                          "days: [monday, tuesdy]}")),
            "test.yaml:14:71: agents[0].shifts[0].days[1]: unknown weekday "
            "'tuesdy'; expected one of: monday, tuesday, wednesday, thursday, "
            "friday, saturday, sunday (did you mean 'tuesday'?)");
  EXPECT_EQ(ErrorOf(shift("{start: \"08:00\", end: \"16:00\", agents: 1, "
                          "days: [monday, monday]}")),
            "test.yaml:14:71: agents[0].shifts[0].days[1]: duplicate weekday "
            "'monday' (already listed at agents[0].shifts[0].days[0])");
  EXPECT_EQ(ErrorOf(shift("{start: \"08:00\", end: \"16:00\", agents: 1}, "
                          "{start: \"08:00\", agents: 1}")),
            "test.yaml:14:57: agents[0].shifts[1]: missing required key 'end'");
  EXPECT_EQ(ErrorOf(Small("staffing: {constant: 14}", "shifts: []")),
            "test.yaml:14:13: agents[0].shifts: expected a non-empty sequence "
            "of shifts, got an empty sequence");
}

TEST(FullModelLoaderErrorTest, Breaks) {
  auto breaks = [](std::string_view text) {
    return Small("staffing: {constant: 14}",
                 "shifts: [{start: \"22:00\", end: \"06:00\", agents: 1, "
                 "breaks: [" +
                     std::string(text) + "]}]");
  };
  EXPECT_TRUE(ParseScenario(breaks("{earliest: \"05:00\", latest: \"05:30\", "
                                   "duration: 30m}"),
                            "t")
                  .ok());
  EXPECT_EQ(ErrorOf(breaks("{earliest: \"05:00\", latest: \"05:31\", "
                           "duration: 30m}")),
            "test.yaml:14:112: agents[0].shifts[0].breaks[0].duration: "
            "expected the break to end within the shift (22:00 to 06:00), but "
            "a break of 30m taken at latest (05:31) ends at 06:01");
  EXPECT_EQ(ErrorOf(breaks("{earliest: \"02:00\", latest: \"01:00\", "
                           "duration: 10m}")),
            "test.yaml:14:93: agents[0].shifts[0].breaks[0].latest: expected a "
            "time not before earliest (02:00) within the shift (22:00 to "
            "06:00), got 01:00");
  EXPECT_EQ(ErrorOf(breaks("{earliest: \"12:00\", latest: \"13:00\", "
                           "duration: 10m}")),
            "test.yaml:14:76: agents[0].shifts[0].breaks[0].earliest: expected "
            "a time within the shift (22:00 to 06:00), got 12:00");
  EXPECT_EQ(ErrorOf(breaks("{earliest: \"01:00\", latest: \"02:00\", "
                           "duration: 0s}")),
            "test.yaml:14:112: agents[0].shifts[0].breaks[0].duration: "
            "expected a duration greater than 0, got 0s");
  EXPECT_EQ(ErrorOf(breaks("{earliest: \"01:00\", latest: \"02:00\"}")),
            "test.yaml:14:65: agents[0].shifts[0].breaks[0]: missing required "
            "key 'duration'");
}

TEST(FullModelLoaderErrorTest, Skills) {
  EXPECT_EQ(
      ErrorOf(Small("[general, billing]",
                    "[general, {skill: biling, priority: 2}]")),
      "test.yaml:13:31: agents[0].skills[1].skill: unknown call type 'biling'; "
      "expected one of: general, billing (did you mean 'billing'?)");
  EXPECT_EQ(ErrorOf(Small("[general, billing]",
                          "[general, {skill: billing, priority: 0}]")),
            "test.yaml:13:50: agents[0].skills[1].priority: expected a whole "
            "number of at least 1, got 0");
  EXPECT_EQ(ErrorOf(Small("[general, billing]",
                          "[general, {skill: billing, prio: 2}]")),
            "test.yaml:13:40: agents[0].skills[1].prio: unknown key 'prio'; "
            "expected one of: skill, priority, after, head_start");
  EXPECT_EQ(ErrorOf(Small("[general, billing]",
                          "[general, {skill: general, after: 1m}]")),
            "test.yaml:13:31: agents[0].skills[1].skill: duplicate skill "
            "'general' (already listed at agents[0].skills[0])");
  EXPECT_EQ(
      ErrorOf(Small("[general, billing]", "[general, [billing]]")),
      "test.yaml:13:23: agents[0].skills[1]: expected a call type name or a "
      "skill map such as {skill: general, priority: 2}, got a sequence");
  EXPECT_EQ(
      ErrorOf(Small("[general, billing]", "[general, {priority: 2}]")),
      "test.yaml:13:23: agents[0].skills[1]: missing required key 'skill'");
}

TEST(FullModelLoaderErrorTest, GroupBehaviour) {
  const std::string_view at = "    staffing: {constant: 14}\n";
  auto with = [&](std::string_view extra) {
    return Small(at, std::string(at) + std::string(extra));
  };
  EXPECT_EQ(ErrorOf(with("    handle_time_factor: 0\n")),
            "test.yaml:15:25: agents[0].handle_time_factor: expected a number "
            "greater than 0, got 0");
  EXPECT_EQ(
      ErrorOf(with("    handle_time_factor: {genral: 2}\n")),
      "test.yaml:15:26: agents[0].handle_time_factor.genral: unknown key "
      "'genral'; expected one of: general, billing (did you mean 'general'?)");
  EXPECT_EQ(ErrorOf(with("    handle_time_factor: [1, 2]\n")),
            "test.yaml:15:25: agents[0].handle_time_factor: expected a number "
            "greater than 0, or a map of call type names to such numbers, got "
            "a sequence");
  EXPECT_EQ(
      ErrorOf(with("    fcr: 0.9\n")),
      "test.yaml:15:10: agents[0].fcr: expected call type 'general' (a skill "
      "of this group) to have a return_delay, since an fcr below 1 makes "
      "unresolved callers call again; got fcr 0.9 and no return_delay");
  EXPECT_EQ(ErrorOf(with("    break_cap: {}\n")),
            "test.yaml:15:16: agents[0].break_cap: expected at least one of "
            "the keys agents, share; got an empty map");
  EXPECT_EQ(ErrorOf(with("    break_cap: {share: 0}\n")),
            "test.yaml:15:24: agents[0].break_cap.share: expected a number in "
            "(0, 1], got 0");
  EXPECT_EQ(ErrorOf(with("    aux: {per_hour: 1}\n")),
            "test.yaml:15:10: agents[0].aux: missing required key 'duration'");
  EXPECT_EQ(ErrorOf(with("    adherence: {late_login: {exponential: {mean: "
                         "1m}}}\n")),
            "test.yaml:15:16: agents[0].adherence: expected adherence only in "
            "a group with shifts (it delays log-ins after the shift start and "
            "brings log-outs forward), got it in a group with staffing");
}

// An IVR on kSmall: `menu` replaces the menu text.
std::string WithIvr(std::string_view ivr) {
  return SmallPlus("ivr:\n" + std::string(ivr));
}

constexpr std::string_view kMenu =
    "  menu:\n"
    "    prompt: 10s\n"
    "    options:\n"
    "      - {name: general, for: [general], queue: general}\n"
    "      - {name: billing, for: [billing], queue: billing}\n";

TEST(FullModelLoaderErrorTest, IvrRequiredKeys) {
  EXPECT_TRUE(ParseScenario(WithIvr(kMenu), "t").ok());
  EXPECT_EQ(
      ErrorOf(WithIvr(std::string("  zero_out: 0.1\n") + std::string(kMenu))),
      "test.yaml:16:3: ivr: missing required key 'zero_out_queue' (the queue "
      "of callers who press 0; menu 'main' has zero_out 0.1)");
  EXPECT_EQ(ErrorOf(WithIvr(std::string("  zero_out_queue: general\n") +
                            Replace(kMenu, "prompt: 10s\n",
                                    "prompt: 10s\n    zero_out: 0.1\n"))),
            "test.yaml:16:3: ivr: missing required key 'misroute_handle_time' "
            "(the time an agent spends on a call it cannot serve; menu 'main' "
            "has zero_out 0.1)");
  EXPECT_EQ(ErrorOf(WithIvr(Replace(kMenu, "prompt: 10s\n",
                                    "prompt: 10s\n    misroute: 0.1\n"))),
            "test.yaml:16:3: ivr: missing required key 'misroute_handle_time' "
            "(the time an agent spends on a call it cannot serve; menu 'main' "
            "has misroute 0.1)");
  EXPECT_EQ(ErrorOf(WithIvr(Replace(kMenu, "    prompt: 10s\n", ""))),
            "test.yaml:17:5: ivr.menu: missing required key 'prompt'");
  EXPECT_EQ(ErrorOf(WithIvr(Replace(kMenu, "prompt: 10s\n",
                                    "prompt: 10s\n    hang_up: 0.6\n    "
                                    "zero_out: 0.5\n"))),
            "test.yaml:17:5: ivr.menu: expected hang_up + zero_out of at most "
            "1 (they are exclusive outcomes of the menu), got 0.6 + 0.5");
  EXPECT_EQ(ErrorOf(WithIvr("  hang_up_by_depth: [0.1, 2]\n")),
            "test.yaml:16:27: ivr.hang_up_by_depth[1]: expected a probability "
            "in [0, 1], got 2");
}

TEST(FullModelLoaderErrorTest, IvrOptions) {
  auto option = [](std::string_view text) {
    return WithIvr(Replace(
        kMenu, "{name: billing, for: [billing], queue: billing}", text));
  };
  EXPECT_EQ(ErrorOf(option("{name: billing, for: [billing]}")),
            "test.yaml:20:9: ivr.menu.options[1]: expected exactly one of the "
            "keys queue, menu, self_service, transfer_out; got none of them");
  EXPECT_EQ(
      ErrorOf(option("{name: billing, queue: billing, transfer_out: true}")),
      "test.yaml:20:41: ivr.menu.options[1]: expected exactly one of the keys "
      "queue, menu, self_service, transfer_out; got both 'queue' and "
      "'transfer_out'");
  EXPECT_EQ(ErrorOf(option("{name: billing, for: [billing], choose: {billing: "
                           "1}, queue: billing}")),
            "test.yaml:20:41: ivr.menu.options[1]: expected at most one of the "
            "keys choose, for; got both 'for' and 'choose'");
  EXPECT_EQ(
      ErrorOf(option("{name: billing, choose: {biling: 1}, queue: "
                     "billing}")),
      "test.yaml:20:34: ivr.menu.options[1].choose.biling: unknown key "
      "'biling'; expected one of: general, billing (did you mean 'billing'?)");
  EXPECT_EQ(ErrorOf(option("{name: billing, choose: {billing: -1}, queue: "
                           "billing}")),
            "test.yaml:20:43: ivr.menu.options[1].choose.billing: expected a "
            "number that is not negative, got -1");
  EXPECT_EQ(ErrorOf(option("{name: general, for: [billing], queue: billing}")),
            "test.yaml:20:16: ivr.menu.options[1].name: duplicate option name "
            "'general' (already used by ivr.menu.options[0])");
  EXPECT_EQ(ErrorOf(option("{name: billing, for: [billing], transfer_out: "
                           "false}")),
            "test.yaml:20:55: ivr.menu.options[1].transfer_out: expected true "
            "(the option sends the caller out of the centre); leave the key "
            "out otherwise, got false");
  EXPECT_EQ(ErrorOf(option("{name: billing, for: [billing], queue: sales}")),
            "test.yaml:20:48: ivr.menu.options[1].queue: unknown call type "
            "'sales'; expected one of: general, billing");
  EXPECT_EQ(ErrorOf(option("{name: billing, for: [billing], self_service: "
                           "{duration: {exponential: {mean: 1m}}, resolve: "
                           "0.5}}")),
            "test.yaml:20:55: ivr.menu.options[1].self_service: missing "
            "required key 'to_agent'");
  EXPECT_EQ(ErrorOf(option("{name: billing, for: [billing], menu: {prompt: "
                           "1s, options: []}}")),
            "test.yaml:20:69: ivr.menu.options[1].menu.options: expected a "
            "non-empty sequence of options, got an empty sequence");
  EXPECT_EQ(ErrorOf(option("{name: bill ing, for: [billing], queue: billing}")),
            "test.yaml:20:16: ivr.menu.options[1].name: expected a non-empty "
            "name of letters (of any script), digits, '_' and '-', got a "
            "string 'bill ing'");
}

TEST(FullModelLoaderErrorTest, IvrTreeLimits) {
  // 21 nested menus.
  std::string deep = "  menu:\n";
  std::string indent = "    ";
  for (int depth = 1; depth <= 21; ++depth) {
    deep += indent + "prompt: 1s\n";
    deep += indent + "options:\n";
    deep += indent + "  - name: o\n";
    deep += indent + "    for: [general]\n";
    if (depth == 21) {
      deep += indent + "    queue: general\n";
    } else {
      deep += indent + "    menu:\n";
      indent += "      ";
    }
  }
  EXPECT_EQ(
      ErrorOf(WithIvr(deep)),
      "test.yaml:117:125: "
      "ivr.menu.options[0].menu.options[0].menu.options[0].menu.options[0]."
      "menu.options[0].menu.options[0].menu.options[0].menu.options[0].menu."
      "options[0].menu.options[0].menu.options[0].menu.options[0].menu.options["
      "0].menu.options[0].menu.options[0].menu.options[0].menu.options[0].menu."
      "options[0].menu.options[0].menu.options[0].menu: expected IVR menus "
      "nested at most 20 deep, got a menu at depth 21");
  // Aliases that double the tree at each level: 2^15 - 1 menus from a
  // few lines of text are stopped at the node limit.
  std::string menu =
      "&m0 {prompt: 1s, options: [{name: a, for: [general], queue: general}]}";
  for (int level = 1; level <= 14; ++level) {
    const std::string below = std::to_string(level - 1);
    menu = "&m" + std::to_string(level) +
           " {prompt: 1s, options: [{name: a, for: [general], menu: " + menu +
           "}, {name: b, menu: *m" + below + "}]}";
  }
  EXPECT_EQ(ErrorOf(WithIvr("  menu: " + menu + "\n")),
            "test.yaml:16:781: "
            "ivr.menu.options[0].menu.options[1].menu.options[0].menu.options["
            "0].menu.options[1].menu.options[1].menu.options[1].menu.options[0]"
            ".menu.options[0].menu.options[0].menu.options[0].menu.options[1]."
            "menu.options[0].menu: expected at most 10000 IVR nodes (menus and "
            "self-service steps) in all, got more");
}

TEST(FullModelLoaderErrorTest, Announcements) {
  const std::string a =
      "  announcements:\n"
      "    - {name: a, duration: 10s, call_types: [general], informed: 0.5}\n";
  EXPECT_TRUE(ParseScenario(WithIvr(a), "t").ok());
  EXPECT_EQ(ErrorOf(WithIvr(Replace(a, "informed: 0.5",
                                    "informed: 0.5, "
                                    "incident: storm"))),
            "test.yaml:17:80: ivr.announcements[0].incident: unknown incident "
            "'storm'; none are defined");
  EXPECT_EQ(
      ErrorOf(WithIvr(Replace(a, "[general]", "[general, general]"))),
      "test.yaml:17:54: ivr.announcements[0].call_types[1]: duplicate call "
      "type 'general' (already listed at ivr.announcements[0].call_types[0])");
  EXPECT_EQ(ErrorOf(WithIvr(Replace(a, "[general]", "[]"))),
            "test.yaml:17:44: ivr.announcements[0].call_types: expected a "
            "non-empty sequence of call type names, got an empty sequence");
  EXPECT_EQ(ErrorOf(WithIvr(Replace(a, "informed: 0.5",
                                    "informed: 0.5, "
                                    "enabled: yes"))),
            "test.yaml:17:79: ivr.announcements[0].enabled: expected true or "
            "false, got a string 'yes'");
  EXPECT_EQ(ErrorOf(WithIvr(a + "    - {name: a, duration: 10s, call_types: "
                                "[billing], informed: 0}\n")),
            "test.yaml:18:14: ivr.announcements[1].name: duplicate "
            "announcement name 'a' (already used by ivr.announcements[0])");
  EXPECT_EQ(
      ErrorOf(WithIvr(Replace(a, ", informed: 0.5", ""))),
      "test.yaml:17:7: ivr.announcements[0]: missing required key 'informed'");
}

// ---------------------------------------------------------------------------
// Whole-scenario checks (CheckRunnable), placed at the call type at fault.

TEST(FullModelLoaderErrorTest, IvrQueueThatIsNeverAnswered) {
  // billing has no patience; the IVR sends general callers (who have one)
  // and billing callers to an unstaffed queue.
  const std::string yaml = Replace(
      WithIvr(Replace(kMenu, "{name: billing, for: [billing], queue: billing}",
                      "{name: billing, for: [billing], queue: general}")),
      "staffing: {constant: 14}", "staffing: {constant: 0}");
  EXPECT_EQ(
      ErrorOf(yaml),
      "test.yaml:8:11: call_types[1].name: callers of type 'billing' can reach "
      "the queue of call type 'general' through the IVR, which can never be "
      "answered (no agent group with that skill has agents at any time of "
      "day), and they have no patience limit, so they would wait forever");
}

TEST(FullModelLoaderErrorTest, OwnQueueAfterMisrouteIsNeverAnswered) {
  // Only general is staffed; billing callers are routed to the general
  // queue, answered there, and transferred to billing, which nobody staffs.
  const std::string yaml = Replace(
      Replace(WithIvr(std::string("  misroute_handle_time: {exponential: "
                                  "{mean: 1m}}\n") +
                      Replace(kMenu,
                              "{name: billing, for: [billing], queue: billing}",
                              "{name: billing, for: [billing], queue: "
                              "general}")),
              "skills: [general, billing]", "skills: [general]"),
      "    handle_time: {exponential: {mean: 240s}}\n",
      "    handle_time: {exponential: {mean: 240s}}\n"
      "    patience: {exponential: {mean: 1m}}\n");
  EXPECT_EQ(
      ErrorOf(yaml),
      "test.yaml:8:11: call_types[1].name: callers of type 'billing' can be "
      "answered in the queue of call type 'general' and are then transferred "
      "to the queue of their own type, which can never be answered (no agent "
      "group with that skill has agents at any time of day); transferred calls "
      "never abandon, so they would wait forever");
}

TEST(FullModelLoaderErrorTest, TransferTargetIsNeverAnswered) {
  const std::string yaml =
      Replace(Small("    patience: {exponential: {mean: 300s}}\n",
                    "    patience: {exponential: {mean: 300s}}\n"
                    "    transfer: {share: 0.1, to: billing}\n"
                    "  - name: sales\n"
                    "    arrivals: {per_interval: 0}\n"
                    "    handle_time: {exponential: {mean: 240s}}\n"),
              "skills: [general, billing]", "skills: [general, sales]");
  const std::string patient =
      Replace(yaml, "    arrivals: {per_interval: 10}\n",
              "    arrivals: {per_interval: 10}\n    patience: {exponential: "
              "{mean: 1m}}\n");
  EXPECT_EQ(
      ErrorOf(patient),
      "test.yaml:4:11: call_types[0].name: call type 'general' transfers a "
      "share of its answered calls to call type 'billing', which can never be "
      "answered (no agent group with that skill has agents at any time of "
      "day); transferred calls never abandon, so they would wait forever");
}

TEST(FullModelLoaderErrorTest, CallersWithNoOptionPressZero) {
  const std::string yaml = WithIvr(
      "  menu: {prompt: 1s, options: [{name: g, for: [general], "
      "queue: general}]}\n");
  EXPECT_EQ(ErrorOf(yaml),
            "test.yaml:8:11: call_types[1].name: callers of type 'billing' can "
            "press 0 (IVR menu 'main' has no option for them), but the IVR has "
            "no zero_out_queue");
  EXPECT_TRUE(
      ParseScenario(Replace(yaml, "ivr:\n",
                            "ivr:\n  zero_out_queue: general\n  "
                            "misroute_handle_time: {deterministic: {value: "
                            "30s}}\n"),
                    "t")
          .ok());
}

}  // namespace
}  // namespace ccsim
