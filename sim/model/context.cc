#include "sim/model/context.h"

namespace ccsim::model {

namespace {

// Probability of a first-contact resolution below 1 for some type or group.
bool AnyFcrBelowOne(const Scenario& s) {
  for (const CallTypeSpec& t : s.call_types) {
    if (t.fcr < 1) return true;
  }
  for (const AgentGroupSpec& g : s.agent_groups) {
    if (g.fcr.has_value() && *g.fcr < 1) return true;
  }
  return false;
}

}  // namespace

Context::Context(const Scenario& scenario, uint64_t seed_, int replication_)
    : s(scenario),
      interval(scenario.interval),
      warmup(scenario.warmup),
      end(scenario.warmup + scenario.horizon),
      intervals_per_day(scenario.intervals_per_day()),
      warmup_intervals(scenario.warmup_intervals()),
      reported_intervals(scenario.total_intervals() -
                         scenario.warmup_intervals()),
      seed(seed_),
      replication(static_cast<uint64_t>(replication_)) {
  // Which features need per-caller draws.
  use_callers = !s.ivr.nodes.empty() || !s.ivr.announcements.empty() ||
                !s.incidents.empty() || AnyFcrBelowOne(s);
  for (const CallTypeSpec& t : s.call_types) {
    if (t.transfer_share > 0 || t.redial.enabled()) use_callers = true;
  }
  always_open = s.calendar.always_open();
  ivr_enabled = s.ivr.enabled();
  release_at_answer = !use_callers;
  // Calls are passed between agents only after a misroute (the IVR sends
  // callers to other types' queues) or a transfer.
  priority_lane = !s.ivr.nodes.empty();
  for (const CallTypeSpec& t : s.call_types) {
    if (t.transfer_share > 0) priority_lane = true;
  }
  if (priority_lane) release_at_answer = false;
  // A callback's record lives from the request to the end of its talk.
  for (const CallTypeSpec& t : s.call_types) {
    if (t.callback.has_value()) callbacks = true;
  }
  if (callbacks) release_at_answer = false;
  // Follow-up tasks are created at the end of a call's service.
  for (const CallTypeSpec& t : s.call_types) {
    if (t.follow_up.has_value() && t.follow_up->share > 0) follow_ups = true;
  }
  if (follow_ups) release_at_answer = false;

  // The calendar: simulated day d is the date start_date + (d - day of the
  // end of the warm-up).
  const Date day0 = s.calendar.start_date.plus_days(-DayOf(warmup));
  weekday0 = day0.weekday();
  days = DayOf(end - Time::Ticks(1)) + 1;
}

}  // namespace ccsim::model
