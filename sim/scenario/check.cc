// CheckRunnable: the invariants of a Scenario (see scenario.h) and what the
// simulator needs besides. The loader reads every part strictly; this is
// the check of the whole, and the only check of scenarios built in code.
// The warnings on runnable scenarios are in warnings.cc.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/metrics.h"
#include "ccsim/scenario.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim {

namespace scenario_internal {

std::string ResultSizeRemedy(const Scenario& s, uint64_t bytes) {
  return fmt::format(
      "the per-interval results need about {:.1f} GiB ({} intervals of {} x "
      "({} call type{}, {} agent group{})); a longer interval, a shorter "
      "horizon or fewer call types and groups make them smaller",
      static_cast<double>(bytes) / (uint64_t{1} << 30), s.horizon / s.interval,
      FormatDuration(s.interval), s.call_types.size(),
      s.call_types.size() == 1 ? "" : "s", s.agent_groups.size(),
      s.agent_groups.size() == 1 ? "" : "s");
}

}  // namespace scenario_internal

namespace {

using scenario_internal::ResultSizeRemedy;

// About half a minute of simulation per replication on one core.
constexpr double kMaxCallsPerReplication = 2e8;

absl::Status Invalid(std::string message) {
  return absl::InvalidArgumentError(std::move(message));
}

bool ValidIndex(int i, size_t n) {
  return i >= 0 && static_cast<size_t>(i) < n;
}

bool IsProbability(double p) { return p >= 0 && p <= 1; }

bool ValidDate(const Date& d) {
  if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  if (d.day > kDays[d.month - 1]) return false;
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  return !(d.month == 2 && d.day == 29 && !leap);
}

absl::Status CheckCallType(const Scenario& s, size_t t) {
  const CallTypeSpec& ct = s.call_types[t];
  const size_t n = s.call_types.size();
  if (!IsProbability(ct.fcr) || (ct.fcr < 1 && !ct.return_delay.has_value()))
    return Invalid(fmt::format(
        "call type '{}' needs an fcr in [0, 1], and a return_delay when it "
        "is below 1",
        ct.name));
  if (!IsProbability(ct.transfer_share) ||
      (ct.transfer_share > 0 && (!ValidIndex(ct.transfer_to, n) ||
                                 ct.transfer_to == static_cast<int>(t))))
    return Invalid(fmt::format(
        "call type '{}' needs a transfer share in [0, 1] and, when it is "
        "above 0, a transfer target that is another call type",
        ct.name));
  const RedialSpec& r = ct.redial;
  if (!IsProbability(r.after_busy) || !IsProbability(r.after_abandon) ||
      !IsProbability(r.after_ivr) || !(r.decay > 0 && r.decay <= 1) ||
      r.max_attempts < 0 || (r.enabled() && !r.delay.has_value()))
    return Invalid(fmt::format(
        "call type '{}' needs redial probabilities in [0, 1], a decay in "
        "(0, 1], max_attempts >= 0 and a delay when any probability is above "
        "0",
        ct.name));
  if (ct.callback.has_value()) {
    const CallbackSpec& c = *ct.callback;
    if (!(c.offer_after >= Time::Zero()) || c.offer_until <= c.offer_after ||
        !IsProbability(c.accept) || !IsProbability(c.answer) ||
        !(c.retry_delay > Time::Zero()) || c.max_attempts < 1 ||
        c.max_attempts > kMaxCallbackAttempts || c.live_queue_below < 0 ||
        !(c.window.seconds() >= c.dial_time.Mean()))
      return Invalid(fmt::format(
          "call type '{}' needs a callback with 0 <= offer_after < "
          "offer_until, accept and answer in [0, 1], a retry_delay > 0, "
          "max_attempts from 1 to {}, live_queue_below >= 0 and a window "
          "at least the mean dial_time",
          ct.name, kMaxCallbackAttempts));
  }
  if (!(ct.daily_cv >= 0)) {
    return Invalid(
        fmt::format("call type '{}' needs a daily_cv >= 0", ct.name));
  }
  return absl::OkStatus();
}

absl::Status CheckAgentGroup(const Scenario& s, const AgentGroupSpec& g) {
  const size_t n = s.call_types.size();
  for (int t : g.skills) {
    if (!ValidIndex(t, n))
      return Invalid(
          fmt::format("agent group '{}' has an unknown skill", g.name));
  }
  if (!g.skill_specs.empty()) {
    bool same = g.skill_specs.size() == g.skills.size();
    for (size_t i = 0; same && i < g.skills.size(); ++i) {
      same = g.skill_specs[i].call_type == g.skills[i] &&
             g.skill_specs[i].priority >= 1 &&
             g.skill_specs[i].after >= Time::Zero();
    }
    if (!same)
      return Invalid(fmt::format(
          "agent group '{}' needs skill_specs with the same call types as "
          "skills (in the same order), priorities >= 1 and delays >= 0",
          g.name));
  }
  if (!g.handle_factor.empty() &&
      (g.handle_factor.size() != n ||
       std::any_of(g.handle_factor.begin(), g.handle_factor.end(),
                   [](double f) { return !(f > 0); })))
    return Invalid(fmt::format(
        "agent group '{}' needs one handle time factor > 0 per call type (or "
        "none)",
        g.name));
  if (g.fcr.has_value() && !IsProbability(*g.fcr))
    return Invalid(
        fmt::format("agent group '{}' needs an fcr in [0, 1]", g.name));
  if (g.fcr.has_value() && *g.fcr < 1) {
    for (int t : g.skills) {
      if (!s.call_types[t].return_delay.has_value())
        return Invalid(fmt::format(
            "agent group '{}' has an fcr below 1, so call type '{}' needs a "
            "return_delay",
            g.name, s.call_types[t].name));
    }
  }
  for (const ShiftSpec& sh : g.shifts) {
    bool sane = sh.start >= Time::Zero() && sh.start < Time::Days(1) &&
                sh.length > Time::Zero() && sh.length <= Time::Days(1) &&
                sh.agents >= 0;
    for (size_t b = 0; sane && b < sh.breaks.size(); ++b) {
      const BreakSpec& br = sh.breaks[b];
      sane = br.earliest >= Time::Zero() && br.earliest <= br.latest &&
             br.duration > Time::Zero() &&
             br.latest + br.duration <= sh.length &&
             (b == 0 || sh.breaks[b - 1].earliest <= br.earliest);
    }
    if (!sane)
      return Invalid(fmt::format(
          "agent group '{}' has a shift that does not make sense: it must "
          "start within the day, last more than 0 and at most 24h, and its "
          "breaks (sorted by earliest) must fit in it",
          g.name));
  }
  if ((g.break_cap_share >= 0 &&
       !(g.break_cap_share > 0 && g.break_cap_share <= 1)) ||
      g.break_cap_agents < -1 || g.break_cap_share < -1)
    return Invalid(fmt::format(
        "agent group '{}' needs a break cap of agents >= 0 and a share in "
        "(0, 1], or -1 for none",
        g.name));
  if (!(g.aux_per_hour >= 0) ||
      (g.aux_per_hour > 0 && !g.aux_duration.has_value()))
    return Invalid(fmt::format(
        "agent group '{}' needs an AUX rate >= 0 and an AUX duration when it "
        "is above 0",
        g.name));
  if (g.shifts.empty() &&
      (g.late_login.has_value() || g.early_logout.has_value()))
    return Invalid(fmt::format(
        "agent group '{}' has schedule adherence but no shifts", g.name));
  return absl::OkStatus();
}

absl::Status CheckIvr(const Scenario& s) {
  const IvrSpec& ivr = s.ivr;
  const size_t n = s.call_types.size();
  for (const AnnouncementSpec& a : ivr.announcements) {
    const bool ok =
        !a.call_types.empty() && IsProbability(a.informed) &&
        a.duration >= Time::Zero() &&
        (a.incident == -1 || ValidIndex(a.incident, s.incidents.size())) &&
        std::all_of(a.call_types.begin(), a.call_types.end(),
                    [n](int t) { return ValidIndex(t, n); });
    if (!ok)
      return Invalid(fmt::format(
          "announcement '{}' needs valid call types, an informed share in "
          "[0, 1] and a valid incident (or -1)",
          a.name));
  }
  if (ivr.zero_out_queue != -1 && !ValidIndex(ivr.zero_out_queue, n))
    return Invalid("the IVR zero-out queue is not a call type");
  if (ivr.nodes.empty() ? ivr.root != -1
                        : !ValidIndex(ivr.root, ivr.nodes.size()) ||
                              ivr.nodes[ivr.root].kind != IvrNode::kMenu)
    return Invalid(
        "the IVR root must be the index of a menu node (or -1 "
        "without nodes)");
  const size_t count = ivr.nodes.size();
  auto valid_queue = [n](const IvrTarget& q) {
    return q.kind == IvrTarget::kQueue &&
           (q.index == -1 || ValidIndex(q.index, n));
  };
  for (const IvrNode& node : ivr.nodes) {
    bool ok = true;
    if (node.kind == IvrNode::kSelfService) {
      ok = node.duration.has_value() && IsProbability(node.resolve) &&
           IsProbability(node.to_agent) && valid_queue(node.queue);
    } else {
      ok = !node.options.empty() && IsProbability(node.hang_up) &&
           (node.hang_up_by_interval.empty() ||
            (static_cast<int64_t>(node.hang_up_by_interval.size()) ==
                 s.total_intervals() &&
             std::all_of(node.hang_up_by_interval.begin(),
                         node.hang_up_by_interval.end(),
                         [&](double p) {
                           return IsProbability(p) && p <= node.hang_up;
                         }))) &&
           IsProbability(node.zero_out) && IsProbability(node.misroute) &&
           node.hang_up + node.zero_out <= 1;
      for (const IvrOption& o : node.options) {
        ok = ok && o.weight.size() == n &&
             std::all_of(o.weight.begin(), o.weight.end(),
                         [](double w) { return w >= 0; });
        switch (o.target.kind) {
          case IvrTarget::kMenu:
          case IvrTarget::kSelfService:
            ok = ok && ValidIndex(o.target.index, count) &&
                 ivr.nodes[o.target.index].kind ==
                     (o.target.kind == IvrTarget::kMenu
                          ? IvrNode::kMenu
                          : IvrNode::kSelfService) &&
                 ivr.nodes[o.target.index].depth > node.depth;
            break;
          case IvrTarget::kQueue:
            ok = ok && valid_queue(o.target);
            break;
          case IvrTarget::kTransferOut:
            break;
        }
      }
    }
    if (!ok)
      return Invalid(fmt::format(
          "IVR node '{}' does not make sense: menus need options with one "
          "weight >= 0 per call type and valid targets (deeper nodes or call "
          "types), probabilities in [0, 1] with hang_up + zero_out <= 1; "
          "self-service needs a duration and a valid queue",
          node.name));
  }
  return absl::OkStatus();
}

// Where callers of one type can end up waiting.
struct Reach {
  std::vector<bool> queue;  // queues they can be put in (and abandon from)
  const IvrNode* zero_out = nullptr;  // a menu where they may press 0
  const IvrNode* misroute = nullptr;  // a menu that may misroute them
};

// Walks the IVR tree as a caller of type t can (REQUIRES: CheckIvr OK).
Reach ReachOf(const Scenario& s, int t) {
  const IvrSpec& ivr = s.ivr;
  Reach reach;
  reach.queue.assign(s.call_types.size(), false);
  if (ivr.nodes.empty()) {
    reach.queue[t] = true;
    return reach;
  }
  auto to_queue = [&](const IvrTarget& q) {
    reach.queue[q.index < 0 ? t : q.index] = true;
  };
  std::vector<bool> seen(ivr.nodes.size(), false);
  std::vector<int> stack = {ivr.root};
  while (!stack.empty()) {
    const int at = stack.back();
    stack.pop_back();
    if (seen[at]) continue;
    seen[at] = true;
    const IvrNode& node = ivr.nodes[at];
    if (node.kind == IvrNode::kSelfService) {
      if (node.resolve < 1 && node.to_agent > 0) to_queue(node.queue);
      continue;
    }
    const bool has_choice =
        std::any_of(node.options.begin(), node.options.end(),
                    [t](const IvrOption& o) { return o.weight[t] > 0; });
    // Callers with no option for them press 0.
    if ((!has_choice || node.zero_out > 0) && reach.zero_out == nullptr) {
      reach.zero_out = &node;
    }
    // A misroute replaces a pick by another option, so any may be reached.
    const bool any = has_choice && node.misroute > 0 && node.options.size() > 1;
    if (any && reach.misroute == nullptr) reach.misroute = &node;
    for (const IvrOption& o : node.options) {
      if (!any && !(o.weight[t] > 0)) continue;
      switch (o.target.kind) {
        case IvrTarget::kMenu:
        case IvrTarget::kSelfService:
          stack.push_back(o.target.index);
          break;
        case IvrTarget::kQueue:
          to_queue(o.target);
          break;
        case IvrTarget::kTransferOut:
          break;
      }
    }
  }
  return reach;
}

constexpr const char* kNeverAnswered =
    "can never be answered (no agent group with that skill has agents at any "
    "time of day)";

}  // namespace

absl::Status CheckRunnable(const Scenario& s, int* call_type) {
  if (call_type != nullptr) *call_type = -1;
  if (s.interval <= Time::Zero() || Time::Days(1) % s.interval != Time::Zero())
    return Invalid("interval must divide one day");
  if (s.horizon <= Time::Zero() || s.horizon % s.interval != Time::Zero() ||
      s.warmup % s.interval != Time::Zero())
    return Invalid("horizon and warmup must be whole multiples of interval");
  if (const auto& second = s.service_level.second;
      second.has_value() && (second->threshold <= s.service_level.threshold ||
                             !(second->target > 0 && second->target <= 1)))
    return Invalid(
        "the second service level needs a threshold above the first and a "
        "target in (0, 1]");
  const size_t ipd = static_cast<size_t>(s.intervals_per_day());
  const size_t n = s.call_types.size();
  for (size_t t = 0; t < n; ++t) {
    if (s.call_types[t].rate_per_s.size() != ipd)
      return Invalid(
          fmt::format("call type '{}' needs one arrival rate per interval",
                      s.call_types[t].name));
    const std::vector<double>& dated = s.call_types[t].dated_rate_per_s;
    if (!dated.empty() &&
        (static_cast<int64_t>(dated.size()) != s.total_intervals() ||
         !std::all_of(dated.begin(), dated.end(),
                      [](double r) { return r >= 0 && std::isfinite(r); })))
      return Invalid(fmt::format(
          "call type '{}': a dated forecast needs one rate >= 0 per interval "
          "of the simulated time",
          s.call_types[t].name));
    const CallTypeSpec& ct = s.call_types[t];
    const std::vector<Time>& trace = ct.trace_arrivals;
    if (!std::is_sorted(trace.begin(), trace.end()) ||
        (!trace.empty() && (trace.front() < Time::Zero() ||
                            trace.back() >= s.warmup + s.horizon)) ||
        (!ct.trace_talk.empty() && ct.trace_talk.size() != trace.size()) ||
        std::any_of(ct.trace_talk.begin(), ct.trace_talk.end(),
                    [](Time x) { return x < Time::Zero(); }))
      return Invalid(fmt::format(
          "call type '{}': a trace needs ascending arrival times within the "
          "simulated time and, if any, one talk time >= 0 per arrival",
          ct.name));
    if (absl::Status st = CheckCallType(s, t); !st.ok()) return st;
  }
  if (absl::Status st = scenario_internal::CheckFollowUps(s); !st.ok())
    return st;
  std::vector<bool> answerable(n, false);
  for (const AgentGroupSpec& g : s.agent_groups) {
    if (g.shifts.empty() ? g.staffing.size() != ipd : !g.staffing.empty())
      return Invalid(fmt::format(
          "agent group '{}' needs either one staffing level per interval or "
          "shifts",
          g.name));
    if (!g.staffing_by_interval.empty()) {
      bool ok = g.shifts.empty() &&
                static_cast<int64_t>(g.staffing_by_interval.size()) ==
                    s.total_intervals();
      // `staffing` holds at least the most agents of each time of day.
      for (size_t k = 0; ok && k < g.staffing_by_interval.size(); ++k) {
        const double x = g.staffing_by_interval[k];
        ok = x >= 0 && x <= 1e6 && std::ceil(x) <= g.staffing[k % ipd];
      }
      if (!ok)
        return Invalid(fmt::format(
            "agent group '{}': a dated staffing needs one count from 0 to "
            "1000000 per interval of the simulated time, no shifts, and "
            "staffing at least its rounded-up counts",
            g.name));
    }
    if (absl::Status st = CheckAgentGroup(s, g); !st.ok()) return st;
    const bool staffed =
        std::any_of(g.staffing.begin(), g.staffing.end(),
                    [](int k) { return k > 0; }) ||
        std::any_of(g.shifts.begin(), g.shifts.end(), [](const ShiftSpec& sh) {
          return sh.agents > 0 &&
                 std::any_of(sh.weekdays.begin(), sh.weekdays.end(),
                             [](bool on) { return on; });
        });
    for (int t : g.skills) {
      if (staffed) answerable[t] = true;
    }
  }
  if (!ValidDate(s.calendar.start_date))
    return Invalid("the calendar start date does not exist");
  for (const OpeningHours& h : s.calendar.hours) {
    if (h.open < Time::Zero() || h.open > h.close || h.close > Time::Days(1))
      return Invalid(
          "opening hours need 0 <= open <= close <= 24h (open == close: "
          "closed all day)");
  }
  if (s.trunk_lines < 0) return Invalid("trunk_lines must not be negative");
  const Time end = s.warmup + s.horizon;
  for (const IncidentSpec& i : s.incidents) {
    if (!ValidIndex(i.call_type, n) || i.start < Time::Zero() ||
        i.start >= end || i.duration <= Time::Zero() || !(i.extra_calls >= 0) ||
        i.half_life <= Time::Zero())
      return Invalid(fmt::format(
          "incident '{}' needs a call type, a start within the simulated "
          "time, a duration and half-life > 0 and extra calls >= 0",
          i.name));
  }
  if (absl::Status st = CheckIvr(s); !st.ok()) return st;

  // A typo such as per_hour: 2000000 must not look like a hang.
  double expected_calls = 0;
  for (const CallTypeSpec& t : s.call_types) {
    // The largest day factors bound the volume from above.
    const double peak =
        *std::max_element(t.weekday_factor.begin(), t.weekday_factor.end()) *
        *std::max_element(t.day_of_month_factor.begin(),
                          t.day_of_month_factor.end()) *
        *std::max_element(t.month_factor.begin(), t.month_factor.end());
    for (double r : t.rate_per_s) {
      expected_calls += r * peak * s.interval.seconds();
    }
  }
  expected_calls *= (s.warmup + s.horizon).seconds() / 86400.0;
  for (const IncidentSpec& incident : s.incidents) {
    expected_calls += incident.extra_calls;
  }
  if (const uint64_t bytes = EstimatedResultBytes(s); bytes > kMaxResultBytes) {
    return Invalid(fmt::format("{}; at most {} GiB are allowed",
                               ResultSizeRemedy(s, bytes),
                               kMaxResultBytes >> 30));
  }
  if (expected_calls > kMaxCallsPerReplication) {
    return Invalid(fmt::format(
        "the arrival rates give about {:.3g} calls per replication (warm-up "
        "included); at most {:.0e} are supported",
        expected_calls, kMaxCallsPerReplication));
  }

  // Every queue a caller can reach must be answered at some time, unless
  // the caller gives up (patience). Transferred calls (transfer_to, and the
  // own type's queue for calls answered in another type's queue) never
  // abandon, so those queues must be answered whatever the patience.
  for (size_t t = 0; t < n; ++t) {
    const CallTypeSpec& ct = s.call_types[t];
    const bool has_calls =
        std::any_of(ct.rate_per_s.begin(), ct.rate_per_s.end(),
                    [](double r) { return r > 0; }) ||
        std::any_of(
            s.incidents.begin(), s.incidents.end(), [t](const IncidentSpec& i) {
              return i.call_type == static_cast<int>(t) && i.extra_calls > 0;
            });
    if (!has_calls) continue;
    auto fail = [&](std::string message) {
      if (call_type != nullptr) *call_type = static_cast<int>(t);
      return Invalid(std::move(message));
    };
    Reach reach = ReachOf(s, static_cast<int>(t));
    if (reach.zero_out != nullptr) {
      const std::string why =
          reach.zero_out->zero_out > 0
              ? fmt::format("IVR menu '{}' has zero_out {}",
                            reach.zero_out->name, reach.zero_out->zero_out)
              : fmt::format("IVR menu '{}' has no option for them",
                            reach.zero_out->name);
      if (s.ivr.zero_out_queue < 0)
        return fail(fmt::format(
            "callers of type '{}' can press 0 ({}), but the IVR has no "
            "zero_out_queue",
            ct.name, why));
      if (!s.ivr.misroute_handle_time.has_value())
        return fail(fmt::format(
            "callers of type '{}' can press 0 ({}), but the IVR has no "
            "misroute_handle_time",
            ct.name, why));
      reach.queue[s.ivr.zero_out_queue] = true;
    }
    if (reach.misroute != nullptr && !s.ivr.misroute_handle_time.has_value())
      return fail(fmt::format(
          "callers of type '{}' can be misrouted (IVR menu '{}' has misroute "
          "{}), but the IVR has no misroute_handle_time",
          ct.name, reach.misroute->name, reach.misroute->misroute));
    bool answered = false;  // somewhere
    int elsewhere = -1;     // a queue of another type that answers them
    for (size_t q = 0; q < n; ++q) {
      if (!reach.queue[q]) continue;
      if (!answerable[q] && s.call_types[q].callback.has_value()) {
        return fail(fmt::format(
            "call type '{}' offers callbacks, but its queue {} and a "
            "callback waits for an agent without limit",
            s.call_types[q].name, kNeverAnswered));
      }
      if (answerable[q]) {
        answered = true;
        if (q != t && elsewhere < 0) elsewhere = static_cast<int>(q);
        continue;
      }
      if (ct.patience.has_value()) continue;
      if (q == t) {
        return fail(fmt::format(
            "call type '{}' {} and its callers have no patience limit, so "
            "they would wait forever",
            ct.name, kNeverAnswered));
      }
      return fail(fmt::format(
          "callers of type '{}' can reach the queue of call type '{}' "
          "through the IVR, which {}, and they have no patience limit, so "
          "they would wait forever",
          ct.name, s.call_types[q].name, kNeverAnswered));
    }
    if (elsewhere >= 0 && !answerable[t]) {
      return fail(fmt::format(
          "callers of type '{}' can be answered in the queue of call type "
          "'{}' and are then transferred to the queue of their own type, "
          "which {}; transferred calls never abandon, so they would wait "
          "forever",
          ct.name, s.call_types[elsewhere].name, kNeverAnswered));
    }
    if (answered && ct.transfer_share > 0 && !answerable[ct.transfer_to]) {
      return fail(fmt::format(
          "call type '{}' transfers a share of its answered calls to call "
          "type '{}', which {}; transferred calls never abandon, so they "
          "would wait forever",
          ct.name, s.call_types[ct.transfer_to].name, kNeverAnswered));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckKeptReplications(const Scenario& s, uint64_t copies,
                                   std::string_view why) {
  if (s.interval <= Time::Zero()) return absl::OkStatus();
  const uint64_t intervals =
      static_cast<uint64_t>(std::max<int64_t>(0, s.horizon / s.interval));
  // In floating point: huge counts must not wrap around to small ones.
  const double bytes = static_cast<double>(intervals) *
                       static_cast<double>(1 + s.agent_groups.size()) *
                       kNumMetrics * static_cast<double>(sizeof(double)) *
                       static_cast<double>(copies);
  if (bytes <= static_cast<double>(kMaxResultBytes)) return absl::OkStatus();
  return Invalid(fmt::format(
      "{} keeps {} replications' per-interval values at once ({} intervals "
      "of {}, {} agent group{}): more than {} GiB; fewer replications, a "
      "longer interval or a shorter horizon make them fit",
      why, copies, intervals, FormatDuration(s.interval), s.agent_groups.size(),
      s.agent_groups.size() == 1 ? "" : "s", kMaxResultBytes >> 30));
}

uint64_t EstimatedResultBytes(const Scenario& s) {
  if (s.interval <= Time::Zero()) return 0;
  const uint64_t intervals =
      static_cast<uint64_t>(std::max<int64_t>(0, s.horizon / s.interval));
  const uint64_t types = s.call_types.size();
  const uint64_t groups = s.agent_groups.size();
  // Metric scopes per interval: the total, and each group when several.
  const uint64_t scopes = 1 + (groups > 1 ? groups : 0);
  const uint64_t metrics = static_cast<uint64_t>(kNumMetrics);
  // Counters of one replication (calls by type; agent time by group in
  // nine 8-byte fields), its metric values, and over the replications a
  // running estimate (n, mean, m2) and the final estimate of each metric.
  const uint64_t per_interval =
      types * sizeof(CallCounters) + groups * 9 * 8 +
      scopes * metrics *
          (sizeof(double) + sizeof(RunningEstimate) + sizeof(Estimate));
  return intervals * per_interval;
}

}  // namespace ccsim
