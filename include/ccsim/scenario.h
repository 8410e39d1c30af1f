// The scenario: everything one simulation study is made of, in memory.
//
// A `Scenario` is what a scenario file (YAML, see docs/scenario-format.md)
// becomes after it has been parsed and checked. Every field below documents
// its meaning and default. Load one with ccsim::LoadScenarioFile() from
// "ccsim/scenario_loader.h", or build one in code (tests do).
//
// Invariants after a successful load (REQUIRES for the simulator):
//   * interval > 0 divides one day; warmup and horizon are whole multiples
//     of interval; horizon > 0.
//   * every per-interval list has intervals_per_day() entries.
//   * every skill index is a valid index into call_types.
#ifndef CCSIM_SCENARIO_H_
#define CCSIM_SCENARIO_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/distribution.h"
#include "ccsim/staffing_goal.h"
#include "ccsim/time.h"

namespace ccsim {

struct ServiceLevelSpec {
  // A call answered after waiting at most this long counts as answered
  // within the service level. Default 20 s (the common 80/20 target).
  Time threshold = Time::Seconds(20);
  // Abandonments after waiting at most this long are "short" (likely
  // misdials) and are left out of service_level_excl_short. Default 5 s.
  Time short_abandon = Time::Seconds(5);
  // The service-level target (share of calls within the threshold), used by
  // reports and staffing searches. Default 0.8.
  double target = 0.8;
  // An optional second service level reported beside the first (e.g. 80/20
  // and 90/60): its threshold is above `threshold`, its target in (0, 1].
  struct Second {
    Time threshold;
    double target = 0.8;
    friend bool operator==(const Second&, const Second&) = default;
  };
  std::optional<Second> second;
  friend bool operator==(const ServiceLevelSpec&,
                         const ServiceLevelSpec&) = default;
};

// A civil date (proleptic Gregorian calendar).
struct Date {
  int year = 2024;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  // 0 = Monday ... 6 = Sunday.
  int weekday() const;
  // The date `days` later (or earlier when negative).
  Date plus_days(int64_t days) const;
  // Days since 1970-01-01 (negative before), and back.
  int64_t days_since_epoch() const;
  static Date FromDaysSinceEpoch(int64_t days);
  friend bool operator==(const Date&, const Date&) = default;
};

// Opening hours of one weekday: calls arriving at a time of day in
// [open, close) are let in; others hear the closed message (`closed`).
// open == close means closed all day. Default: open all day.
struct OpeningHours {
  Time open = Time::Zero();
  Time close = Time::Days(1);
  friend bool operator==(const OpeningHours&, const OpeningHours&) = default;
};

struct CalendarSpec {
  // The date of day 1: the day in which the warm-up ends (simulated time
  // warmup lies in it). Earlier simulated days are the days before it.
  // Default 2024-01-01, a Monday.
  Date start_date;
  // Indexed by weekday, 0 = Monday.
  std::array<OpeningHours, 7> hours;

  bool always_open() const;
  friend bool operator==(const CalendarSpec&, const CalendarSpec&) = default;
};

// Redials of callers who did not get through: after a busy signal, an
// abandonment in queue, or a hang-up in the IVR (including a self-service
// caller who hangs up), the caller calls again with probability
// p(cause) * decay^(attempt - 1), where attempt counts this caller's calls
// so far in the episode (1 after the first call), at most max_attempts
// calls in all (0: no limit), after a delay drawn from `delay`.
struct RedialSpec {
  double after_busy = 0;
  double after_abandon = 0;
  double after_ivr = 0;
  double decay = 1;
  int max_attempts = 0;
  std::optional<Distribution> delay;  // required when any p > 0

  bool enabled() const {
    return after_busy > 0 || after_abandon > 0 || after_ivr > 0;
  }
  friend bool operator==(const RedialSpec&, const RedialSpec&) = default;
};

// Virtual hold: a caller about to wait in this call type's queue for longer
// than `offer_after` (by the predicted wait, docs/scenario-format.md) is
// offered a callback and accepts with probability `accept`; it then hangs
// up (its trunk line is freed) and keeps a place in the queue. When that
// place is taken by an agent (at its turn, or, with live_queue_below > 0,
// only while fewer live callers wait), the agent dials for `dial_time`; the
// customer answers with probability `answer`, else the agent tries again
// `retry_delay` later, up to `max_attempts` dials in all. A connected
// callback is talked and wrapped up as a call. `window` is the promised
// time from the request to the connection (callback_timeliness). No
// callback is offered when the predicted wait is longer than `offer_until`
// (the promise could not be kept; the loader's default is the window).
inline constexpr int kMaxCallbackAttempts = 100;
struct CallbackSpec {
  Time offer_after = Time::Zero();
  Time offer_until = Time::Hours(1);
  double accept = 1;
  Distribution dial_time = Distribution::Deterministic(20);
  double answer = 1;
  Time retry_delay = Time::Minutes(10);
  int max_attempts = 3;  // 1 to kMaxCallbackAttempts
  Time window = Time::Hours(1);
  int live_queue_below = 0;  // 0: at its turn
  friend bool operator==(const CallbackSpec&, const CallbackSpec&) = default;
};

// Outbound follow-up calls (a "return visit" call after a repair or a
// complaint). A share of this type's calls whose service ends as `of` says
// creates a task: ready `delay` after the call's talk ends and due within
// `window` of it. Tasks wait in an outbound backlog that carries over
// across days; agents of groups whose `outbound` lists this type call them
// (earliest due first): dial_time, then the customer is reached with
// probability `reach` (talk_time and wrap_up follow), or the task is tried
// again retry_delay later, up to max_attempts dials; then it has failed.
inline constexpr int kMaxFollowUpAttempts = 100;
struct FollowUpSpec {
  enum class Of : uint8_t { kAnswered, kResolved, kUnresolved };
  double share = 0;
  Of of = Of::kAnswered;
  Time delay = Time::Zero();
  Time window = Time::Hours(24);  // > delay + the mean dial_time
  Distribution dial_time = Distribution::Deterministic(20);
  double reach = 1;
  Distribution talk_time;
  std::optional<Distribution> wrap_up;
  Time retry_delay = Time::Hours(1);
  int max_attempts = 3;  // 1 to kMaxFollowUpAttempts
  friend bool operator==(const FollowUpSpec&, const FollowUpSpec&) = default;
};

// A group's outbound work: the call types whose follow-up tasks it calls.
// A group with skills calls them only when no inbound caller it serves at
// once waits (it blends), and only while at least `keep_idle` of its other
// agents stay idle for inbound callers; a group with no skills is dedicated
// to them.
struct OutboundSpec {
  std::vector<int> follow_ups;  // indices into Scenario::call_types
  int keep_idle = 0;
  friend bool operator==(const OutboundSpec&, const OutboundSpec&) = default;
};

struct CallTypeSpec {
  std::string name;
  // Poisson arrival rate in calls per second for each interval of the day
  // (intervals_per_day() entries; piecewise constant), before the day
  // factors below. The rate on a given date is
  //   rate_per_s[interval] * weekday_factor[weekday] *
  //   day_of_month_factor[day - 1] * month_factor[month - 1] * busyness
  // where busyness is 1, or with daily_cv > 0 a gamma draw with mean 1 and
  // coefficient of variation daily_cv, one per call type and day.
  std::vector<double> rate_per_s;
  // A dated forecast (`arrivals: {table: ...}`): the rate of each interval
  // of simulated time (Scenario::total_intervals() entries), replacing
  // rate_per_s and the three calendar factors, which are then 1 (busyness
  // still applies); rate_per_s holds its mean day, for estimates. Empty:
  // rate_per_s repeats every day.
  std::vector<double> dated_rate_per_s;
  // A trace (`arrivals: {trace: ...}`): the first calls arrive exactly at
  // these simulated times (ascending), instead of by a Poisson process;
  // rate_per_s then holds their mean day, for estimates. trace_talk, when
  // not empty, has each traced call's talk time (Time::Infinite(): drawn
  // from handle_time as usual).
  std::vector<Time> trace_arrivals;
  std::vector<Time> trace_talk;
  std::array<double, 7> weekday_factor = {1, 1, 1, 1, 1, 1, 1};
  std::array<double, 31> day_of_month_factor = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                                                1, 1, 1, 1, 1, 1, 1, 1, 1};
  std::array<double, 12> month_factor = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  double daily_cv = 0;
  // Talk time of an answered call, seconds.
  Distribution handle_time;
  // Time a caller is willing to wait in queue, seconds; nullopt: forever.
  std::optional<Distribution> patience;
  // After-call work of the agent after each answered call of this type;
  // nullopt: none. The agent is busy but the caller has left.
  std::optional<Distribution> wrap_up;
  // Probability that an answered call resolves the caller's issue (first
  // contact resolution). Unresolved callers call again, with the same type,
  // after a delay drawn from return_delay (required when fcr < 1).
  double fcr = 1;
  std::optional<Distribution> return_delay;
  // Share of answered calls that need a second agent with skill
  // transfer_to (a call type index) after the first: the call is re-queued
  // there ahead of new calls and talks again for a time drawn from that
  // type's handle_time. transfer_to is -1 when transfer_share is 0.
  double transfer_share = 0;
  int transfer_to = -1;
  RedialSpec redial;
  // Callbacks offered to callers who join this type's queue; nullopt: none.
  std::optional<CallbackSpec> callback;
  // Outbound follow-up tasks created by this type's calls; nullopt: none.
  std::optional<FollowUpSpec> follow_up;
  friend bool operator==(const CallTypeSpec&, const CallTypeSpec&) = default;
};

// A skill of an agent group: a call type it answers, its priority (1 is the
// highest; a free agent takes a waiting call of its best priority first,
// the longest-waiting among equals, counting a head start) and an
// overflow delay (the group takes such calls only once they have waited at
// least this long).
struct SkillSpec {
  int call_type = 0;
  int priority = 1;
  Time after = Time::Zero();
  // Among calls of equal priority, a call of this skill counts as having
  // waited this much longer: it is taken before a call of another skill
  // unless that one has waited more than head_start longer.
  Time head_start = Time::Zero();
  friend bool operator==(const SkillSpec&, const SkillSpec&) = default;
};

// A scheduled break within a shift. Times are offsets from the shift start:
// the agent asks for the break at `earliest`; if the group's break cap is
// reached it waits (working) until a place frees, and at `latest` takes the
// break regardless (a forced break). A busy agent finishes the call first.
struct BreakSpec {
  Time earliest;
  Time latest;
  Time duration;
  friend bool operator==(const BreakSpec&, const BreakSpec&) = default;
};

// A shift: agents log in every active weekday at time of day `start` and
// log out `length` later (a shift may run past midnight).
struct ShiftSpec {
  Time start;
  Time length;
  int agents = 0;
  std::array<bool, 7> weekdays = {true, true, true, true, true, true, true};
  std::vector<BreakSpec> breaks;  // sorted by earliest
  friend bool operator==(const ShiftSpec&, const ShiftSpec&) = default;
};

struct AgentGroupSpec {
  std::string name;
  // Indices into Scenario::call_types of the types this group can answer;
  // skill_specs has the same entries with priority and overflow delay.
  std::vector<int> skills;
  std::vector<SkillSpec> skill_specs;
  // Multiplies the handle time of each call type (call_types.size()
  // entries, or empty for 1): a slower group has factors above 1.
  std::vector<double> handle_factor;
  // First-contact resolution of this group's calls, overriding the call
  // type's when set.
  std::optional<double> fcr;
  // Either a staffing level per interval of the day (intervals_per_day()
  // entries; when the number drops, busy agents finish their call first),
  // or shifts (then staffing is empty).
  std::vector<int> staffing;
  std::vector<ShiftSpec> shifts;
  // Dated staffing (`staffing: {table: ...}`): the agents of each interval
  // of simulated time (Scenario::total_intervals() entries), possibly
  // fractional: x agents are floor(x) for the whole interval and one more
  // for its first frac(x). It replaces `staffing`, which then holds the
  // most agents of each interval of the day (rounded up). Empty: `staffing`
  // repeats every day.
  std::vector<double> staffing_by_interval;
  // Break cap: at most this many agents of the group on a break or AUX at
  // once (-1: no limit), or at most this share of the logged-in agents
  // (rounded down, at least 1; -1: no limit). Both may be set.
  int break_cap_agents = -1;
  double break_cap_share = -1;
  // Ad-hoc AUX: each logged-in agent asks for one at Poisson times with
  // this rate per agent-hour; taken when the agent is free and the cap
  // allows, otherwise skipped. Duration drawn from aux_duration.
  double aux_per_hour = 0;
  std::optional<Distribution> aux_duration;
  // Schedule adherence (shifts only): delay of each log-in after the shift
  // start, and how much earlier than the shift end the agent logs out.
  std::optional<Distribution> late_login;
  std::optional<Distribution> early_logout;

  // Cost of one agent hour (wages, or any unit), for staffing searches.
  // Default 1: plans then minimise agent hours.
  double cost_per_hour = 1;

  // Follow-up tasks this group calls; nullopt: inbound only. With
  // outbound, `skills` may be empty (a dedicated outbound group).
  std::optional<OutboundSpec> outbound;

  bool has_break_cap() const {
    return break_cap_agents >= 0 || break_cap_share >= 0;
  }
  friend bool operator==(const AgentGroupSpec&,
                         const AgentGroupSpec&) = default;
};

// An incident (an outage, a storm): `extra_calls` expected extra calls of
// one type, arriving as a Poisson process from `start` (simulated time since
// time 0) for `duration`, with a rate that decays exponentially with the
// given half-life (Time::Infinite(): a constant rate).
struct IncidentSpec {
  std::string name;
  int call_type = 0;
  Time start;
  Time duration;
  double extra_calls = 0;
  Time half_life = Time::Infinite();
  friend bool operator==(const IncidentSpec&, const IncidentSpec&) = default;
};

// A message played after the greeting while it is active (always, or
// while incident `incident` lasts). Every caller hears it (it lengthens the
// greeting by `duration`); a caller of one of `call_types` then hangs up
// satisfied with probability `informed` (counted as informed).
struct AnnouncementSpec {
  std::string name;
  Time duration = Time::Zero();
  std::vector<int> call_types;
  double informed = 0;
  int incident = -1;  // index into Scenario::incidents, or -1: always
  friend bool operator==(const AnnouncementSpec&,
                         const AnnouncementSpec&) = default;
};

// Where an IVR option leads.
struct IvrTarget {
  enum Kind : uint8_t { kMenu, kSelfService, kQueue, kTransferOut };
  Kind kind = kQueue;
  // kMenu / kSelfService: index into IvrSpec::nodes; kQueue: call type
  // index of the queue (skill); kQueue with -1: the caller's own type.
  int index = -1;
  friend bool operator==(const IvrTarget&, const IvrTarget&) = default;
};

struct IvrOption {
  std::string name;
  IvrTarget target;
  // Choice weight per call type (call_types.size() entries): a caller of
  // type t picks the option with probability weight[t] / sum of weights.
  std::vector<double> weight;
  friend bool operator==(const IvrOption&, const IvrOption&) = default;
};

struct IvrNode {
  enum Kind : uint8_t { kMenu, kSelfService };
  std::string name;  // path, e.g. "main/billing"
  Kind kind = kMenu;
  int depth = 1;  // the top menu is depth 1
  // Menu: the prompt plays, then the caller hangs up (hang_up), or presses
  // 0 (zero_out: goes to IvrSpec::zero_out_queue), or picks an option by
  // call type; with probability misroute the pick is replaced by another
  // option drawn uniformly. A caller whose type has zero weight on every
  // option presses 0.
  Time prompt = Time::Zero();
  double hang_up = 0;
  // A hang-up share that varies: one per interval of simulated time
  // (Scenario::total_intervals() entries), replacing hang_up, which then
  // holds the largest of them. Empty: hang_up always.
  std::vector<double> hang_up_by_interval;
  double zero_out = 0;
  double misroute = 0;
  std::vector<IvrOption> options;
  // Self service: lasts `duration`; resolves the issue with probability
  // resolve (counted as contained), else the caller asks for an agent with
  // probability to_agent (going to `queue`) or hangs up.
  std::optional<Distribution> duration;
  double resolve = 0;
  double to_agent = 0;
  IvrTarget queue;  // kQueue
  friend bool operator==(const IvrNode&, const IvrNode&) = default;
};

struct IvrSpec {
  Time greeting = Time::Zero();
  std::vector<AnnouncementSpec> announcements;
  // The menu tree; nodes[root] is the top menu. Empty: after the greeting
  // every caller goes to the queue of its own type.
  std::vector<IvrNode> nodes;
  int root = -1;
  // The general queue of callers who press 0 (a call type index), -1 when
  // no node has a zero-out probability.
  int zero_out_queue = -1;
  // Time an agent spends on a call of a type it cannot serve (a misrouted
  // or zeroed-out call) before transferring it to the right queue.
  std::optional<Distribution> misroute_handle_time;

  bool enabled() const {
    return greeting > Time::Zero() || !announcements.empty() || !nodes.empty();
  }
  friend bool operator==(const IvrSpec&, const IvrSpec&) = default;
};

// The most replications a scenario (or a command line) may ask for.
inline constexpr int kMaxReplications = 100'000;

struct Scenario {
  std::string name;
  // The file the scenario came from ("" when built in code).
  std::string source;
  // Simulated length of one replication after the warm-up.
  Time horizon = Time::Days(1);
  // Simulated time discarded at the start of each replication, so that
  // results do not depend on the empty start. Default 0.
  Time warmup = Time::Zero();
  // Length of the reporting and staffing interval. Default 30 minutes.
  Time interval = Time::Minutes(30);
  // Independent replications. Default 10.
  int replications = 10;
  // Seed of all random streams. Default 1.
  uint64_t seed = 1;
  ServiceLevelSpec service_level;
  std::vector<CallTypeSpec> call_types;
  std::vector<AgentGroupSpec> agent_groups;
  CalendarSpec calendar;
  // Trunk lines: at most this many callers in the system (IVR, queue or
  // talking) at once; a caller who finds all busy hears a busy signal
  // (blocked). 0: unlimited.
  int trunk_lines = 0;
  IvrSpec ivr;
  std::vector<IncidentSpec> incidents;
  // What `ccsim staff` must achieve (all must hold); empty: service_level
  // at least service_level.target in every interval.
  std::vector<StaffingGoal> staffing_goals;

  int intervals_per_day() const {
    return static_cast<int>(Time::Days(1) / interval);
  }
  // Intervals from time 0 to the end of the horizon (warm-up included).
  int64_t total_intervals() const { return (warmup + horizon) / interval; }
  int64_t warmup_intervals() const { return warmup / interval; }
  friend bool operator==(const Scenario&, const Scenario&) = default;
};

// Checks the invariants above and what the simulator needs besides: no
// caller would wait forever (every call type with calls can be answered by a
// group that has agents at some time of day, or its callers have a
// patience), and the volume is not absurd (at most 2e8 expected calls per
// replication). LoadScenarioFile() applies it; scenarios built in code
// should. When `call_type` is not null it receives the index of the call
// type at fault, or -1 when the problem is not one call type's.
absl::Status CheckRunnable(const Scenario& scenario, int* call_type = nullptr);

// Advice on a runnable scenario whose results may mislead, one sentence
// each: e.g. repeat calls (returns of unresolved issues, redials) whose
// mean delay is longer than the warm-up are still building up when the
// results start, so early days show too few of them.
std::vector<std::string> ScenarioWarnings(const Scenario& scenario);

// The memory a run of the scenario needs for its per-interval results on
// one thread, in bytes: each reported interval holds counters per call
// type, agent time per group, and metrics with their running estimates for
// the interval and each group (each further thread adds a replication's
// counters and metrics). CheckRunnable refuses a scenario above
// kMaxResultBytes and ScenarioWarnings warns above kWarnResultBytes, with
// the figure and the remedy.
uint64_t EstimatedResultBytes(const Scenario& scenario);
inline constexpr uint64_t kMaxResultBytes = uint64_t{16} << 30;
inline constexpr uint64_t kWarnResultBytes = uint64_t{2} << 30;

// Commands that pair or judge replications (compare, staff, backtest) keep
// `copies` replications' per-interval values at once (each reported
// interval's metrics, and each group's); OK, or an error with the figure
// and the remedy when that passes kMaxResultBytes.
absl::Status CheckKeptReplications(const Scenario& scenario, uint64_t copies,
                                   std::string_view why);

}  // namespace ccsim

#endif  // CCSIM_SCENARIO_H_
