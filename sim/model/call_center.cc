#include "sim/model/call_center.h"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cmath>

namespace ccsim::model {

namespace {

// A drawn duration as Time. Heavy-tailed distributions can draw values far
// beyond any horizon; they are capped at 10^12 s (31,700 years) so that
// event times never overflow.
Time SampledDuration(double seconds) {
  constexpr double kMaxSeconds = 1e12;
  return Time::Seconds(seconds < kMaxSeconds ? seconds : kMaxSeconds);
}

Time Draw(const Distribution& d, Rng& rng) {
  return SampledDuration(d.Sample(rng));
}

Time DrawOr0(const std::optional<Distribution>& d, Rng& rng) {
  return d.has_value() ? Draw(*d, rng) : Time::Zero();
}

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

CallCenter::CallCenter(const Scenario& scenario, uint64_t seed, int replication)
    : s_(scenario),
      interval_(scenario.interval),
      warmup_(scenario.warmup),
      end_(scenario.warmup + scenario.horizon),
      intervals_per_day_(scenario.intervals_per_day()),
      warmup_intervals_(scenario.warmup_intervals()),
      seed_(seed),
      replication_(static_cast<uint64_t>(replication)),
      reported_intervals_(scenario.total_intervals() -
                          scenario.warmup_intervals()) {
  const uint64_t rep = replication_;
  // Which features need per-caller draws.
  use_callers_ = !s_.ivr.nodes.empty() || !s_.ivr.announcements.empty() ||
                 !s_.incidents.empty() || AnyFcrBelowOne(s_);
  for (const CallTypeSpec& t : s_.call_types) {
    if (t.transfer_share > 0 || t.redial.enabled()) use_callers_ = true;
  }
  always_open_ = s_.calendar.always_open();
  ivr_enabled_ = s_.ivr.enabled();
  release_at_answer_ = !use_callers_;
  // Calls are passed between agents only after a misroute (the IVR sends
  // callers to other types' queues) or a transfer.
  priority_lane_ = !s_.ivr.nodes.empty();
  for (const CallTypeSpec& t : s_.call_types) {
    if (t.transfer_share > 0) priority_lane_ = true;
  }
  if (priority_lane_) release_at_answer_ = false;

  // The calendar: simulated day d is the date start_date + (d - day of the
  // end of the warm-up).
  const int64_t warmup_day = DayOf(warmup_);
  const Date day0 = s_.calendar.start_date.plus_days(-warmup_day);
  weekday0_ = day0.weekday();
  const int64_t days = DayOf(end_ - Time::Ticks(1)) + 1;

  types_.reserve(s_.call_types.size());
  for (const CallTypeSpec& t : s_.call_types) {
    const uint64_t key = StableHash(t.name);
    types_.push_back(TypeState{
        .arrivals = Rng::ForStream(seed, rep, Stream::kArrivals, key),
        .handle = Rng::ForStream(seed, rep, Stream::kHandleTime, key),
        .patience = Rng::ForStream(seed, rep, Stream::kPatience, key),
        .wrap = Rng::ForStream(seed, rep, Stream::kWrapUp, key),
        .caller_seeds = Rng::ForStream(seed, rep, Stream::kCallerSeeds, key),
        .day_factor = {},
        .has_patience = t.patience.has_value(),
        .has_arrivals = std::any_of(t.rate_per_s.begin(), t.rate_per_s.end(),
                                    [](double r) { return r > 0; }),
    });
    TypeState& ts = types_.back();
    Rng busyness = Rng::ForStream(seed, rep, Stream::kBusyness, key);
    const Distribution gamma =
        Distribution::Gamma(1.0, t.daily_cv > 0 ? t.daily_cv : 1.0);
    ts.day_factor.resize(days);
    for (int64_t d = 0; d < days; ++d) {
      const Date date = day0.plus_days(d);
      double f = t.weekday_factor[date.weekday()] *
                 t.day_of_month_factor[date.day - 1] *
                 t.month_factor[date.month - 1];
      if (t.daily_cv > 0) f *= gamma.Sample(busyness);
      ts.day_factor[d] = f;
      if (f != 1.0) ts.has_day_factors = true;
    }
  }

  // Queues, one per call type (skill), and the groups that serve them.
  queues_.resize(s_.call_types.size());
  groups_.resize(s_.agent_groups.size());
  uint32_t next_agent = 0;
  for (size_t g = 0; g < groups_.size(); ++g) {
    const AgentGroupSpec& spec = s_.agent_groups[g];
    Group& group = groups_[g];
    group.shifts = !spec.shifts.empty();
    if (!group.shifts) any_staffing_groups_ = true;
    int slots = 0;
    if (group.shifts) {
      for (const ShiftSpec& sh : spec.shifts) slots += sh.agents;
    } else {
      for (int n : spec.staffing) slots = std::max(slots, n);
    }
    group.first_agent = next_agent;
    group.slots = static_cast<uint32_t>(slots);
    next_agent += group.slots;
    group.can_serve.assign(s_.call_types.size(), 0);
    for (size_t i = 0; i < spec.skills.size(); ++i) {
      SkillRef skill{.type = static_cast<uint32_t>(spec.skills[i]),
                     .priority = 1,
                     .after = Time::Zero()};
      if (i < spec.skill_specs.size()) {
        skill.priority = spec.skill_specs[i].priority;
        skill.after = spec.skill_specs[i].after;
      }
      group.skills.push_back(skill);
      group.can_serve[skill.type] = 1;
      Queue& q = queues_[skill.type];
      if (skill.after > Time::Zero()) {
        q.overflow.push_back(
            Overflow{.group = static_cast<uint32_t>(g), .after = skill.after});
      } else {
        q.instant_groups.push_back(static_cast<uint32_t>(g));
      }
    }
    bool factors = false;
    for (double f : spec.handle_factor) factors = factors || f != 1.0;
    if (factors) group.handle_factor = spec.handle_factor;
    // Lowest index logs in first.
    if (!group.shifts) {
      for (uint32_t i = group.slots; i > 0; --i) {
        group.off.push_back(group.first_agent + i - 1);
      }
    }
    group.break_waiters.reserve(group.slots);
  }
  for (Queue& q : queues_) {
    std::stable_sort(
        q.overflow.begin(), q.overflow.end(),
        [](const Overflow& a, const Overflow& b) { return a.after < b.after; });
  }
  agents_.resize(next_agent);
  bool agent_draws = false;
  for (const AgentGroupSpec& spec : s_.agent_groups) {
    agent_draws = agent_draws || spec.aux_per_hour > 0 ||
                  spec.late_login.has_value() || spec.early_logout.has_value();
  }
  if (agent_draws) agent_rng_.reserve(next_agent);
  for (size_t g = 0; g < groups_.size(); ++g) {
    const AgentGroupSpec& spec = s_.agent_groups[g];
    int shift = 0,
        left_in_shift = spec.shifts.empty() ? 0 : spec.shifts[0].agents;
    for (uint32_t i = 0; i < groups_[g].slots; ++i) {
      Agent& a = agents_[groups_[g].first_agent + i];
      a = Agent{};
      a.idle_since = Time::Zero();
      a.group = static_cast<uint32_t>(g);
      a.prev = a.next = a.call = kNone;
      a.shift = -1;
      a.state = AgentState::kOff;
      if (groups_[g].shifts) {
        while (left_in_shift == 0) left_in_shift = spec.shifts[++shift].agents;
        a.shift = shift;
        --left_in_shift;
      }
      if (agent_draws) {
        agent_rng_.push_back(Rng::ForStream(
            seed, rep, Stream::kAgents,
            StableHash(spec.name) ^ (0x9e3779b97f4a7c15ULL * (i + 1))));
      }
    }
  }

  incidents_.reserve(s_.incidents.size());
  for (const IncidentSpec& inc : s_.incidents) {
    const uint64_t key = StableHash(inc.name);
    incidents_.push_back(IncidentState{
        .arrivals = Rng::ForStream(seed, rep, Stream::kIncident, key),
        .caller_seeds =
            Rng::ForStream(seed, rep, Stream::kIncidentCallers, key),
        .mass = 0});
  }
  announced_.resize(s_.ivr.announcements.size());
  for (size_t i = 0; i < s_.ivr.announcements.size(); ++i) {
    announced_[i].assign(s_.call_types.size(), 0);
    for (int t : s_.ivr.announcements[i].call_types) announced_[i][t] = 1;
  }

  counters_.resize(types_.size() * reported_intervals_);
  agent_time_.resize(groups_.size() * reported_intervals_);
  group_calls_.resize(groups_.size());
  probe_.max_on_capped_break.assign(groups_.size(), 0);
  calls_.reserve(1024);
  sim_.Reserve(1024);
}

void CallCenter::Run() {
  // Staffing first, so that agents are in place for calls at time zero.
  if (any_staffing_groups_) sim_.Schedule(Time::Zero(), kStaffing, 0);
  for (uint32_t a = 0; a < agents_.size(); ++a) {
    if (agents_[a].shift < 0) continue;
    const ShiftSpec& sh =
        s_.agent_groups[agents_[a].group].shifts[agents_[a].shift];
    for (int d = 0; d < 7; ++d) {
      if (sh.weekdays[(weekday0_ + d) % 7]) {
        sim_.Schedule(Time::Days(d) + sh.start, kShiftStart, a);
        break;
      }
    }
  }
  for (uint32_t t = 0; t < types_.size(); ++t) {
    ScheduleNextArrival(t, Time::Zero());
  }
  for (uint32_t i = 0; i < incidents_.size(); ++i) ScheduleIncidentArrival(i);
  sim_.Schedule(end_, kEnd, 0);
  sim_.Run(*this);
  assert(calls_in_system_ == 0);
}

void CallCenter::Handle(const Event& e) {
  switch (e.kind()) {
    case kArrival:
      OnArrival(e.entity);
      break;
    case kServiceEnd:
      OnServiceEnd(e.entity);
      break;
    case kAbandon:
      OnAbandon(e.entity, e.seq());
      break;
    case kStaffing:
      OnStaffing(e.entity);
      break;
    case kEnd:
      for (uint32_t g = 0; g < groups_.size(); ++g) AccountAgents(g);
      break;
    case kIncidentArrival:
      OnIncidentArrival(e.entity);
      break;
    case kRedial:
      OnRedial(e.entity);
      break;
    case kIvrStep:
      OnIvrStep(e.entity, e.seq());
      break;
    case kOverflow:
      OnOverflow(e.entity, e.seq());
      break;
    case kWrapEnd:
      OnWrapEnd(e.entity);
      break;
    case kShiftStart:
      OnShiftStart(e.entity);
      break;
    case kLogin:
      LogIn(e.entity);
      break;
    case kShiftEnd:
      OnShiftEnd(e.entity);
      break;
    case kBreakDue:
      OnBreakDue(e.entity, e.seq());
      break;
    case kBreakLatest:
      OnBreakLatest(e.entity, e.seq());
      break;
    case kBreakEnd:
      OnBreakEnd(e.entity);
      break;
    case kAuxRequest:
      OnAuxRequest(e.entity, e.seq());
      break;
  }
}

// ---------------------------------------------------------------------------
// Arrivals

// Non-homogeneous Poisson arrivals by inversion of the integrated rate: a
// unit-rate exponential is spent across the piecewise-constant intervals.
void CallCenter::ScheduleNextArrival(uint32_t type, Time from) {
  TypeState& ts = types_[type];
  if (!ts.has_arrivals) return;
  const std::vector<double>& rate = s_.call_types[type].rate_per_s;
  double need = ts.arrivals.Exponential(1.0);
  Time t = from;
  for (;;) {
    if (t >= end_) return;
    const int64_t k = t / interval_;
    const Time boundary = interval_ * (k + 1);
    double r = rate[k % intervals_per_day_];
    if (ts.has_day_factors) r *= ts.day_factor[k / intervals_per_day_];
    const double available = r * (boundary - t).seconds();
    if (r > 0 && need <= available) {
      t = t + Time::Seconds(need / r);
      break;
    }
    need -= available;
    t = boundary;
  }
  if (t >= end_) return;
  sim_.Schedule(t, kArrival, type);
}

// An incident's calls: a Poisson process whose integrated rate over the
// first s seconds is N s / D (constant) or A (1 - e^{-lambda s}) with
// A = N / (1 - e^{-lambda D}) (exponential decay), inverted exactly.
void CallCenter::ScheduleIncidentArrival(uint32_t incident) {
  const IncidentSpec& spec = s_.incidents[incident];
  IncidentState& st = incidents_[incident];
  const double n = spec.extra_calls;
  const double d = spec.duration.seconds();
  if (n <= 0 || d <= 0) return;
  const double target = st.mass + st.arrivals.Exponential(1.0);
  if (target >= n) return;
  st.mass = target;
  double s;
  if (spec.half_life.is_infinite()) {
    s = target / n * d;
  } else {
    const double lambda = std::log(2.0) / spec.half_life.seconds();
    const double a = n / -std::expm1(-lambda * d);
    s = -std::log1p(-target / a) / lambda;
  }
  const Time t = spec.start + Time::Seconds(std::min(s, d));
  if (t >= end_ || t < sim_.now()) return;
  sim_.Schedule(t, kIncidentArrival, incident);
}

void CallCenter::OnArrival(uint32_t type) {
  ScheduleNextArrival(type, sim_.now());
  const uint32_t caller =
      use_callers_ ? NewCaller(type, types_[type].caller_seeds.Next()) : kNone;
  NewAttempt(type, caller, /*from_type_streams=*/true);
}

void CallCenter::OnIncidentArrival(uint32_t incident) {
  ScheduleIncidentArrival(incident);
  const uint32_t type = static_cast<uint32_t>(s_.incidents[incident].call_type);
  NewAttempt(type, NewCaller(type, incidents_[incident].caller_seeds.Next()),
             /*from_type_streams=*/false);
}

void CallCenter::OnRedial(uint32_t caller) {
  NewAttempt(callers_[caller].type, caller, /*from_type_streams=*/false);
}

bool CallCenter::IsOpen(Time t) const {
  const int64_t day = DayOf(t);
  const OpeningHours& h = s_.calendar.hours[(weekday0_ + day) % 7];
  const Time tod = t - Time::Days(1) * day;
  return tod >= h.open && tod < h.close;
}

void CallCenter::NewAttempt(uint32_t type, uint32_t caller,
                            bool from_type_streams) {
  const Time now = sim_.now();
  TypeState& ts = types_[type];
  const CallTypeSpec& spec = s_.call_types[type];

  const uint32_t id = NewCall();
  Call& c = calls_[id];
  c.arrival = now;
  c.enqueued = now;
  c.type = c.need = c.queue = type;
  c.caller = caller;
  c.abandon_seq = c.timer_seq = 0;
  c.node = -1;
  c.overflow = 0;
  c.stage = IvrStage::kNone;
  c.counted = now >= warmup_;
  if (c.counted) {
    const int64_t bin = now / interval_ - warmup_intervals_;
    assert(bin >= 0 && bin < reported_intervals_);
    c.bin = static_cast<uint32_t>(type * reported_intervals_ + bin);
  }
  c.answered = c.priority = c.transfer_checked = false;
  // Drawn for every caller, so that the draws line up across variants.
  Rng& handle_rng = from_type_streams ? ts.handle : RngOf(c);
  c.handle = Draw(spec.handle_time, handle_rng);
  Rng& patience_rng = from_type_streams ? ts.patience : RngOf(c);
  c.patience =
      ts.has_patience ? Draw(*spec.patience, patience_rng) : Time::Infinite();
  c.wrap = DrawOr0(spec.wrap_up, from_type_streams ? ts.wrap : RngOf(c));
  ++calls_created_;

  CallCounters* cc = Counted(c);
  if (cc != nullptr) {
    ++cc->calls;
    if (caller != kNone && callers_[caller].cause != kFirst) {
      ++cc->repeats;
      switch (callers_[caller].cause) {
        case kAfterBusy:
          ++cc->redials_busy;
          break;
        case kAfterAbandon:
          ++cc->redials_abandon;
          break;
        case kAfterIvr:
          ++cc->redials_ivr;
          break;
        case kReturn:
          ++cc->returns;
          break;
        case kFirst:
          break;
      }
    }
  }
  if (caller != kNone) {
    callers_[caller].attempts =
        std::max<uint32_t>(callers_[caller].attempts, 1);
  }

  if (!always_open_ && !IsOpen(now)) {
    if (cc != nullptr) ++cc->closed;
    if (caller != kNone) FreeCaller(caller);
    FreeCall(id);
    return;
  }
  if (s_.trunk_lines > 0 && lines_in_use_ >= s_.trunk_lines) {
    if (cc != nullptr) ++cc->blocked;
    ++calls_in_system_;  // FailAttempt leaves the system
    ++lines_in_use_;
    FailAttempt(id, kAfterBusy);
    return;
  }
  ++calls_in_system_;
  ++lines_in_use_;
  probe_.max_lines_in_use = std::max(probe_.max_lines_in_use, lines_in_use_);
  if (ivr_enabled_) {
    EnterIvr(id);
  } else {
    EnterQueue(id, type, /*priority=*/false);
  }
}

// ---------------------------------------------------------------------------
// The IVR

void CallCenter::EnterIvr(uint32_t call) {
  ++in_ivr_;
  Call& c = calls_[call];
  c.stage = IvrStage::kGreeting;
  Time length = s_.ivr.greeting;
  const Time now = sim_.now();
  for (const AnnouncementSpec& a : s_.ivr.announcements) {
    if (AnnouncementActive(a, now)) length = length + a.duration;
  }
  if (length > Time::Zero()) {
    c.timer_seq = sim_.ScheduleIn(length, kIvrStep, call);
  } else {
    AfterGreeting(call);
  }
}

bool CallCenter::AnnouncementActive(const AnnouncementSpec& a, Time t) const {
  if (a.incident < 0) return true;
  const IncidentSpec& inc = s_.incidents[a.incident];
  return t >= inc.start && t < inc.start + inc.duration;
}

void CallCenter::ExitIvr(Call& c) {
  if (c.stage == IvrStage::kNone) return;
  c.stage = IvrStage::kNone;
  --in_ivr_;
}

void CallCenter::AfterGreeting(uint32_t call) {
  Call& c = calls_[call];
  for (size_t i = 0; i < s_.ivr.announcements.size(); ++i) {
    const AnnouncementSpec& a = s_.ivr.announcements[i];
    // Only the active announcement for the caller's type draws.
    // Heard if it was playing when the caller came in.
    if (!announced_[i][c.type] || !AnnouncementActive(a, c.arrival)) continue;
    if (RngOf(c).Uniform01() < a.informed) {
      if (Counted(c) != nullptr) ++Counted(c)->informed;
      ExitIvr(c);
      FreeCaller(c.caller);
      LeaveSystem(call);
      return;
    }
  }
  if (s_.ivr.root >= 0) {
    EnterNode(call, s_.ivr.root);
  } else {
    ExitIvr(c);
    EnterQueue(call, c.type, /*priority=*/false);
  }
}

void CallCenter::EnterNode(uint32_t call, int node) {
  Call& c = calls_[call];
  const IvrNode& n = s_.ivr.nodes[node];
  c.node = node;
  Time length;
  if (n.kind == IvrNode::kMenu) {
    c.stage = IvrStage::kMenu;
    length = n.prompt;
  } else {
    c.stage = IvrStage::kSelfService;
    length = DrawOr0(n.duration, RngOf(c));
  }
  if (length > Time::Zero()) {
    c.timer_seq = sim_.ScheduleIn(length, kIvrStep, call);
  } else if (n.kind == IvrNode::kMenu) {
    DecideMenu(call);
  } else {
    DecideSelfService(call);
  }
}

void CallCenter::OnIvrStep(uint32_t call, uint64_t seq) {
  Call& c = calls_[call];
  if (c.timer_seq != seq) return;
  c.timer_seq = 0;
  switch (c.stage) {
    case IvrStage::kGreeting:
      AfterGreeting(call);
      break;
    case IvrStage::kMenu:
      DecideMenu(call);
      break;
    case IvrStage::kSelfService:
      DecideSelfService(call);
      break;
    case IvrStage::kNone:
      break;
  }
}

void CallCenter::DecideMenu(uint32_t call) {
  Call& c = calls_[call];
  const IvrNode& n = s_.ivr.nodes[c.node];
  Rng& rng = RngOf(c);
  // Four draws for every caller at every menu, used or not, so that a
  // caller's later draws do not depend on the probabilities here.
  const double u_hang = rng.Uniform01();
  const double u_zero = rng.Uniform01();
  const double u_pick = rng.Uniform01();
  const double u_miss = rng.Uniform01();
  if (u_hang < n.hang_up) {
    if (Counted(c) != nullptr) ++Counted(c)->ivr_abandoned;
    ExitIvr(c);
    FailAttempt(call, kAfterIvr);
    return;
  }
  double total = 0;
  for (const IvrOption& o : n.options) total += o.weight[c.type];
  // Hang-up, zero-out and a choice are exclusive: given no hang-up, the
  // caller presses 0 with probability zero_out / (1 - hang_up).
  if (u_zero * (1 - n.hang_up) < n.zero_out || total <= 0) {
    if (Counted(c) != nullptr) ++Counted(c)->zero_out;
    ExitIvr(c);
    const int q = s_.ivr.zero_out_queue;
    EnterQueue(call, q >= 0 ? static_cast<uint32_t>(q) : c.type, false);
    return;
  }
  size_t pick = n.options.size() - 1;
  double acc = 0;
  const double x = u_pick * total;
  for (size_t i = 0; i < n.options.size(); ++i) {
    acc += n.options[i].weight[c.type];
    if (x < acc) {
      pick = i;
      break;
    }
  }
  const size_t k = n.options.size();
  if (k > 1 && u_miss < n.misroute) {
    // Another option, uniformly: u_miss / misroute is uniform in [0, 1).
    size_t other = static_cast<size_t>(u_miss / n.misroute * (k - 1));
    if (other >= k - 1) other = k - 2;
    pick = other >= pick ? other + 1 : other;
  }
  FollowTarget(call, n.options[pick].target);
}

void CallCenter::DecideSelfService(uint32_t call) {
  Call& c = calls_[call];
  const IvrNode& n = s_.ivr.nodes[c.node];
  Rng& rng = RngOf(c);
  const double u_resolve = rng.Uniform01();
  const double u_agent = rng.Uniform01();
  if (u_resolve < n.resolve) {
    if (Counted(c) != nullptr) ++Counted(c)->contained;
    ExitIvr(c);
    FreeCaller(c.caller);
    LeaveSystem(call);
  } else if (u_agent < n.to_agent) {
    FollowTarget(call, n.queue);
  } else {
    if (Counted(c) != nullptr) ++Counted(c)->ivr_abandoned;
    ExitIvr(c);
    FailAttempt(call, kAfterIvr);
  }
}

void CallCenter::FollowTarget(uint32_t call, const IvrTarget& target) {
  Call& c = calls_[call];
  switch (target.kind) {
    case IvrTarget::kMenu:
    case IvrTarget::kSelfService:
      EnterNode(call, target.index);
      return;
    case IvrTarget::kQueue:
      ExitIvr(c);
      EnterQueue(
          call,
          target.index >= 0 ? static_cast<uint32_t>(target.index) : c.type,
          /*priority=*/false);
      return;
    case IvrTarget::kTransferOut:
      if (Counted(c) != nullptr) ++Counted(c)->transferred_out;
      ExitIvr(c);
      FreeCaller(c.caller);
      LeaveSystem(call);
      return;
  }
}

// ---------------------------------------------------------------------------
// Queueing and service

uint32_t CallCenter::LongestIdle(const std::vector<uint32_t>& groups) const {
  uint32_t best = kNone;
  for (uint32_t g : groups) {
    const uint32_t a = groups_[g].idle.head;
    if (a != kNone &&
        (best == kNone || agents_[a].idle_since < agents_[best].idle_since)) {
      best = a;
    }
  }
  return best;
}

void CallCenter::EnterQueue(uint32_t call, uint32_t queue, bool priority) {
  Call& c = calls_[call];
  const Time now = sim_.now();
  c.queue = queue;
  c.enqueued = now;
  c.priority = priority;
  c.overflow = 0;
  if (!c.answered && !priority && c.counted) ++CountersFor(c).offered;
  Queue& q = queues_[queue];
  const uint32_t agent = LongestIdle(q.instant_groups);
  if (agent != kNone) {
    StartService(agent, call);
    return;
  }
  PushBack(q.lanes[priority ? 0 : 1], calls_, call);
  ++waiting_;
  // Transferred callers are on hold with an agent's promise: they wait.
  if (!priority && !c.patience.is_infinite()) {
    c.abandon_seq = sim_.Schedule(now + c.patience, kAbandon, call);
  }
  if (!q.overflow.empty()) ScheduleOverflow(call);
}

void CallCenter::ScheduleOverflow(uint32_t call) {
  Call& c = calls_[call];
  const Queue& q = queues_[c.queue];
  if (c.overflow >= q.overflow.size()) return;
  c.timer_seq =
      sim_.Schedule(c.enqueued + q.overflow[c.overflow].after, kOverflow, call);
}

void CallCenter::OnOverflow(uint32_t call, uint64_t seq) {
  Call& c = calls_[call];
  if (c.timer_seq != seq) return;
  c.timer_seq = 0;
  const Queue& q = queues_[c.queue];
  const Time wait = sim_.now() - c.enqueued;
  uint32_t best = kNone;
  size_t i = 0;
  for (; i < q.overflow.size() && q.overflow[i].after <= wait; ++i) {
    const uint32_t a = groups_[q.overflow[i].group].idle.head;
    if (a != kNone &&
        (best == kNone || agents_[a].idle_since < agents_[best].idle_since)) {
      best = a;
    }
  }
  if (best != kNone) {
    Unlink(queues_[c.queue].lanes[c.priority ? 0 : 1], calls_, call);
    --waiting_;
    c.abandon_seq = 0;
    StartService(best, call);
    return;
  }
  c.overflow = static_cast<uint8_t>(std::min<size_t>(i, 255));
  ScheduleOverflow(call);
}

void CallCenter::StartService(uint32_t agent, uint32_t call) {
  Call& c = calls_[call];
  Agent& a = agents_[agent];
  const Group& g = groups_[a.group];
  const bool serves = g.can_serve[c.need] != 0;
  Time talk;
  if (serves) {
    talk = c.handle;
    if (!g.handle_factor.empty() && g.handle_factor[c.need] != 1.0) {
      talk = SampledDuration(c.handle.seconds() * g.handle_factor[c.need]);
    }
  } else {
    talk = DrawOr0(s_.ivr.misroute_handle_time, RngOf(c));
  }
  if (c.counted) {
    CallCounters& cc = CountersFor(c);
    if (!c.answered) {
      const Time wait = sim_.now() - c.enqueued;
      const double w = wait.seconds();
      ++cc.answered;
      if (wait <= s_.service_level.threshold) ++cc.answered_within;
      if (wait > Time::Zero()) ++cc.waited;
      cc.wait_answered_s += w;
      cc.wait_all_s += w;
    }
    cc.handle_s += talk.seconds();
    CallCounters& gc = group_calls_[a.group];
    ++gc.answered;
    gc.handle_s += talk.seconds();
    if (!serves) {
      ++cc.misrouted;
      ++gc.misrouted;
    }
  }
  c.answered = true;
  c.abandon_seq = 0;
  c.timer_seq = 0;
  c.misrouted_leg = !serves;
  SetState(agent, AgentState::kTalk);
  sim_.ScheduleIn(talk, kServiceEnd, agent);
  if (release_at_answer_) {
    // Nothing after the talk depends on the caller: keep the two facts the
    // agent needs and reuse the record at once (fewer live records).
    a.call = kNone;
    a.done_bin = c.counted ? c.bin : kNone;
    a.done_wrap = c.wrap;
    FreeCall(call);
  } else {
    a.call = call;
  }
}

bool CallCenter::TakeNextCall(uint32_t agent) {
  const Group& g = groups_[agents_[agent].group];
  const Time now = sim_.now();
  uint32_t best = kNone;
  int best_priority = 0, best_lane = 0;
  for (const SkillRef& skill : g.skills) {
    const Queue& q = queues_[skill.type];
    // Lane 0 (transferred calls) is empty unless calls can be passed on.
    for (int lane = priority_lane_ ? 0 : 1; lane < 2; ++lane) {
      const uint32_t c = q.lanes[lane].head;
      if (c == kNone) continue;
      if (skill.after > Time::Zero() && now - calls_[c].enqueued < skill.after)
        continue;
      if (best == kNone || skill.priority < best_priority ||
          (skill.priority == best_priority &&
           (lane < best_lane ||
            (lane == best_lane &&
             calls_[c].enqueued < calls_[best].enqueued)))) {
        best = c;
        best_priority = skill.priority;
        best_lane = lane;
      }
    }
  }
  if (best == kNone) return false;
  Call& c = calls_[best];
  Unlink(queues_[c.queue].lanes[best_lane], calls_, best);
  --waiting_;
  c.abandon_seq = 0;  // cancels the abandonment (lazily)
  StartService(agent, best);
  return true;
}

void CallCenter::OnServiceEnd(uint32_t agent) {
  Agent& a = agents_[agent];
  if (a.call == kNone) {
    // Released at answer (see StartService): resolved, no transfer.
    const Time wrap = a.done_wrap;
    if (a.done_bin != kNone) {
      CallCounters& cc = counters_[a.done_bin];
      CallCounters& gc = group_calls_[a.group];
      if (wrap > Time::Zero()) {
        cc.handle_s += wrap.seconds();
        gc.handle_s += wrap.seconds();
      }
      ++cc.served;
      ++cc.resolved;
      ++gc.served;
      ++gc.resolved;
    }
    --calls_in_system_;
    --lines_in_use_;
    if (wrap > Time::Zero()) {
      SetState(agent, AgentState::kWrap);
      sim_.ScheduleIn(wrap, kWrapEnd, agent);
    } else {
      AgentFree(agent);
    }
    return;
  }
  const uint32_t call = a.call;
  a.call = kNone;
  Call& c = calls_[call];
  const uint32_t group = a.group;
  if (c.misrouted_leg) {
    // A misrouted call: passed on to the skill it needs, ahead of new
    // calls; no after-call work.
    if (c.counted) {
      ++CountersFor(c).transferred;
      ++group_calls_[group].transferred;
    }
    EnterQueue(call, c.need, /*priority=*/true);
    AgentFree(agent);
    return;
  }
  const Time wrap = c.wrap;
  if (wrap > Time::Zero() && c.counted) {
    CountersFor(c).handle_s += wrap.seconds();
    group_calls_[group].handle_s += wrap.seconds();
  }
  const CallTypeSpec& spec = s_.call_types[c.type];
  bool transfer = false;
  if (!c.transfer_checked && spec.transfer_share > 0) {
    c.transfer_checked = true;
    transfer = RngOf(c).Uniform01() < spec.transfer_share;
  }
  if (transfer) {
    if (c.counted) {
      ++CountersFor(c).transferred;
      ++group_calls_[group].transferred;
    }
    const CallTypeSpec& to = s_.call_types[spec.transfer_to];
    c.need = static_cast<uint32_t>(spec.transfer_to);
    c.handle = Draw(to.handle_time, RngOf(c));
    c.wrap = DrawOr0(to.wrap_up, RngOf(c));
    EnterQueue(call, c.need, /*priority=*/true);
  } else {
    EndService(call, group);
  }
  if (wrap > Time::Zero()) {
    SetState(agent, AgentState::kWrap);
    sim_.ScheduleIn(wrap, kWrapEnd, agent);
  } else {
    AgentFree(agent);
  }
}

void CallCenter::OnWrapEnd(uint32_t agent) { AgentFree(agent); }

void CallCenter::EndService(uint32_t call, uint32_t group) {
  Call& c = calls_[call];
  const CallTypeSpec& spec = s_.call_types[c.type];
  bool resolved = true;
  if (use_callers_) {
    const AgentGroupSpec& gspec = s_.agent_groups[group];
    const double fcr = gspec.fcr.has_value() ? *gspec.fcr : spec.fcr;
    resolved = fcr >= 1 || RngOf(c).Uniform01() < fcr;
  }
  if (c.counted) {
    CallCounters& cc = CountersFor(c);
    ++cc.served;
    ++group_calls_[group].served;
    if (resolved) {
      ++cc.resolved;
      ++group_calls_[group].resolved;
    }
  }
  if (!resolved) {
    Caller& caller = callers_[c.caller];
    const Time at = sim_.now() + Draw(*spec.return_delay, caller.rng);
    if (at < end_) {
      caller.cause = kReturn;
      caller.attempts = 0;
      sim_.Schedule(at, kRedial, c.caller);
    } else {
      ++probe_.repeats_after_horizon;
      FreeCaller(c.caller);
    }
  } else if (c.caller != kNone) {
    FreeCaller(c.caller);
  }
  LeaveSystem(call);
}

void CallCenter::OnAbandon(uint32_t call, uint64_t seq) {
  Call& c = calls_[call];
  if (c.abandon_seq != seq) return;  // answered before; a stale event
  Unlink(queues_[c.queue].lanes[c.priority ? 0 : 1], calls_, call);
  --waiting_;
  c.abandon_seq = 0;
  c.timer_seq = 0;
  if (c.counted) {
    CallCounters& cc = CountersFor(c);
    const Time wait = sim_.now() - c.enqueued;
    ++cc.abandoned;
    if (wait <= s_.service_level.short_abandon) ++cc.abandoned_short;
    if (wait > Time::Zero()) ++cc.waited;
    cc.wait_all_s += wait.seconds();
  }
  FailAttempt(call, kAfterAbandon);
}

// A caller who did not get through may call again.
void CallCenter::FailAttempt(uint32_t call, Cause cause) {
  Call& c = calls_[call];
  bool redial = false;
  if (c.caller != kNone) {
    Caller& caller = callers_[c.caller];
    const RedialSpec& r = s_.call_types[c.type].redial;
    double p = cause == kAfterBusy      ? r.after_busy
               : cause == kAfterAbandon ? r.after_abandon
                                        : r.after_ivr;
    if (r.max_attempts > 0 &&
        caller.attempts >= static_cast<uint32_t>(r.max_attempts)) {
      p = 0;
    }
    if (p > 0) {
      p *= std::pow(r.decay, static_cast<double>(caller.attempts) - 1);
      redial = caller.rng.Uniform01() < p;
    }
    if (redial) {
      const Time at = sim_.now() + Draw(*r.delay, caller.rng);
      if (at < end_) {
        caller.cause = cause;
        ++caller.attempts;
        sim_.Schedule(at, kRedial, c.caller);
      } else {
        ++probe_.repeats_after_horizon;
        FreeCaller(c.caller);
      }
    } else {
      FreeCaller(c.caller);
    }
  }
  if (!redial && c.counted) ++CountersFor(c).gave_up;
  LeaveSystem(call);
}

void CallCenter::LeaveSystem(uint32_t call) {
  --calls_in_system_;
  --lines_in_use_;
  FreeCall(call);
}

// ---------------------------------------------------------------------------
// Agents

void CallCenter::SetState(uint32_t agent, AgentState state) {
  Agent& a = agents_[agent];
  if (a.state == state) return;
  AccountAgents(a.group);
  Group& g = groups_[a.group];
  if (a.state == AgentState::kIdle) Unlink(g.idle, agents_, agent);
  --g.in_state[static_cast<int>(a.state)];
  ++g.in_state[static_cast<int>(state)];
  if (a.state == AgentState::kOff) ++g.logged_in;
  if (state == AgentState::kOff) --g.logged_in;
  a.state = state;
  if (state == AgentState::kIdle) {
    a.idle_since = sim_.now();
    PushBack(g.idle, agents_, agent);
  }
}

void CallCenter::MakeIdle(uint32_t agent) {
  SetState(agent, AgentState::kIdle);
}

void CallCenter::AgentFree(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.leaving) {
    LogOff(agent);
    return;
  }
  if (a.break_pending) {
    if (a.due_at < sim_.now() && !a.break_waiting) {
      // Minutes of the break plan lost to finishing a call.
      AddOverrun(a.group, sim_.now() - a.due_at);
      a.due_at = sim_.now();
    }
    if (a.break_forced || BreakAllowed(g)) {
      const ShiftSpec& sh = s_.agent_groups[a.group].shifts[a.shift];
      StartBreak(agent, /*aux=*/false, sh.breaks[a.next_break].duration);
      return;
    }
    if (!a.break_waiting) {
      a.break_waiting = true;
      g.break_waiters.push_back(agent);
      if (AgentTicks* bin = AgentBin(a.group, sim_.now())) {
        ++bin->breaks_postponed;
      }
    }
  }
  if (a.aux_pending) {
    a.aux_pending = false;
    if (BreakAllowed(g)) {
      StartBreak(
          agent, /*aux=*/true,
          Draw(*s_.agent_groups[a.group].aux_duration, agent_rng_[agent]));
      return;
    }
  }
  if (TakeNextCall(agent)) return;
  MakeIdle(agent);
}

void CallCenter::LogIn(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.state != AgentState::kOff) {
    // Still finishing the last shift's work: stays on.
    if (a.leaving) {
      a.leaving = false;
      --g.leaving;
    }
  } else {
    a.leaving = false;
    if (!TakeNextCall(agent)) MakeIdle(agent);
  }
  if (a.shift >= 0) {
    const AgentGroupSpec& spec = s_.agent_groups[a.group];
    const ShiftSpec& sh = spec.shifts[a.shift];
    const Time early = spec.early_logout.has_value()
                           ? Draw(*spec.early_logout, agent_rng_[agent])
                           : Time::Zero();
    const Time planned_end = a.shift_start + sh.length - early;
    sim_.Schedule(std::max(sim_.now(), planned_end), kShiftEnd, agent);
    a.next_break = 0;
    a.break_pending = a.break_forced = false;
    ScheduleBreak(agent);
  }
  ScheduleAux(agent);
}

void CallCenter::LogOff(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.leaving) {
    --g.leaving;
    if (sim_.now() > a.due_at) AddOverrun(a.group, sim_.now() - a.due_at);
  }
  a.leaving = false;
  a.aux_seq = a.due_seq = a.latest_seq = 0;
  a.aux_pending = a.break_pending = a.break_forced = false;
  RemoveBreakWaiter(agent);
  SetState(agent, AgentState::kOff);
  if (!g.shifts) g.off.push_back(agent);
}

void CallCenter::OnStaffing(int64_t interval) {
  const int slot = static_cast<int>(interval % intervals_per_day_);
  for (uint32_t g = 0; g < groups_.size(); ++g) {
    if (!groups_[g].shifts) SetStaffing(g, s_.agent_groups[g].staffing[slot]);
  }
  // After the horizon the schedule goes on only while callers are still in
  // the system (waiting, in the IVR, or talking and maybe transferred).
  const Time next = interval_ * (interval + 1);
  if (next <= end_ || calls_in_system_ > 0) {
    sim_.Schedule(next, kStaffing, static_cast<uint32_t>(interval + 1));
  }
}

void CallCenter::SetStaffing(uint32_t group, int target) {
  AccountAgents(group);  // every change below happens at this instant
  Group& g = groups_[group];
  g.target = target;
  int active = g.logged_in - g.leaving;
  const uint32_t begin = g.first_agent, end = g.first_agent + g.slots;
  // More wanted: first keep agents who were about to leave, then log in.
  for (uint32_t a = begin; active < target && g.leaving > 0 && a < end; ++a) {
    if (agents_[a].leaving) {
      agents_[a].leaving = false;
      --g.leaving;
      ++active;
    }
  }
  while (active < target && !g.off.empty()) {
    const uint32_t a = g.off.back();
    g.off.pop_back();
    ++active;
    LogIn(a);
  }
  // Fewer wanted: idle agents leave first (the most recently idle), then
  // busy agents are told to leave after their work.
  while (active > target && g.idle.size > 0) {
    LogOff(g.idle.tail);
    --active;
  }
  for (uint32_t a = begin; active > target && a < end; ++a) {
    Agent& ag = agents_[a];
    if (ag.state != AgentState::kOff && ag.state != AgentState::kIdle &&
        !ag.leaving) {
      ag.leaving = true;
      ag.due_at = sim_.now();
      ++g.leaving;
      --active;
    }
  }
}

bool CallCenter::Draining() const {
  return sim_.now() >= end_ && calls_in_system_ == 0;
}

void CallCenter::OnShiftStart(uint32_t agent) {
  Agent& a = agents_[agent];
  const AgentGroupSpec& spec = s_.agent_groups[a.group];
  const ShiftSpec& sh = spec.shifts[a.shift];
  if (Draining()) return;  // the run is over
  // The next active day's shift.
  const int64_t today = DayOf(sim_.now());
  for (int d = 1; d <= 7; ++d) {
    if (sh.weekdays[(weekday0_ + today + d) % 7]) {
      sim_.Schedule(sim_.now() + Time::Days(d), kShiftStart, agent);
      break;
    }
  }
  a.shift_start = sim_.now();
  const Time late = spec.late_login.has_value()
                        ? Draw(*spec.late_login, agent_rng_[agent])
                        : Time::Zero();
  if (late > Time::Zero()) {
    sim_.ScheduleIn(late, kLogin, agent);
  } else {
    LogIn(agent);
  }
}

void CallCenter::OnShiftEnd(uint32_t agent) {
  Agent& a = agents_[agent];
  if (a.state == AgentState::kOff || a.leaving) return;
  a.due_seq = a.latest_seq = 0;
  a.break_pending = a.break_forced = false;
  RemoveBreakWaiter(agent);
  if (a.state == AgentState::kIdle) {
    LogOff(agent);
    return;
  }
  a.leaving = true;
  a.due_at = sim_.now();
  ++groups_[a.group].leaving;
}

void CallCenter::ScheduleBreak(uint32_t agent) {
  Agent& a = agents_[agent];
  const ShiftSpec& sh = s_.agent_groups[a.group].shifts[a.shift];
  if (a.next_break >= sh.breaks.size()) return;
  const BreakSpec& b = sh.breaks[a.next_break];
  const Time due = std::max(sim_.now(), a.shift_start + b.earliest);
  const Time latest = std::max(due, a.shift_start + b.latest);
  a.due_seq = sim_.Schedule(due, kBreakDue, agent);
  a.latest_seq = sim_.Schedule(latest, kBreakLatest, agent);
}

void CallCenter::OnBreakDue(uint32_t agent, uint64_t seq) {
  Agent& a = agents_[agent];
  if (a.due_seq != seq) return;
  a.due_seq = 0;
  a.break_pending = true;
  a.due_at = sim_.now();
  if (a.state != AgentState::kIdle) return;  // after the current work
  Group& g = groups_[a.group];
  if (BreakAllowed(g)) {
    const ShiftSpec& sh = s_.agent_groups[a.group].shifts[a.shift];
    StartBreak(agent, /*aux=*/false, sh.breaks[a.next_break].duration);
    return;
  }
  a.break_waiting = true;
  g.break_waiters.push_back(agent);
  if (AgentTicks* bin = AgentBin(a.group, sim_.now())) ++bin->breaks_postponed;
}

void CallCenter::OnBreakLatest(uint32_t agent, uint64_t seq) {
  Agent& a = agents_[agent];
  if (a.latest_seq != seq) return;
  a.latest_seq = 0;
  if (!a.break_pending) return;  // taken already
  a.break_forced = true;
  if (AgentTicks* bin = AgentBin(a.group, sim_.now())) ++bin->breaks_forced;
  if (a.state == AgentState::kIdle) {
    const ShiftSpec& sh = s_.agent_groups[a.group].shifts[a.shift];
    StartBreak(agent, /*aux=*/false, sh.breaks[a.next_break].duration);
  }
}

bool CallCenter::BreakAllowed(const Group& g) const {
  const AgentGroupSpec& spec = s_.agent_groups[&g - groups_.data()];
  int cap = INT_MAX;
  if (spec.break_cap_agents >= 0) cap = spec.break_cap_agents;
  if (spec.break_cap_share >= 0) {
    const int by_share = std::max(
        1, static_cast<int>(std::floor(spec.break_cap_share * g.logged_in)));
    cap = std::min(cap, by_share);
  }
  return g.in_state[static_cast<int>(AgentState::kBreak)] +
             g.in_state[static_cast<int>(AgentState::kAux)] <
         cap;
}

void CallCenter::StartBreak(uint32_t agent, bool aux, Time duration) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  RemoveBreakWaiter(agent);
  a.break_capped = !(!aux && a.break_forced);
  if (!aux) {
    a.break_pending = a.break_forced = false;
    a.latest_seq = 0;
    ++a.next_break;
  }
  SetState(agent, aux ? AgentState::kAux : AgentState::kBreak);
  if (a.break_capped) {
    ++g.capped_breaks;
    int& peak = probe_.max_on_capped_break[a.group];
    peak = std::max(peak, g.capped_breaks);
  }
  sim_.ScheduleIn(duration, kBreakEnd, agent);
}

void CallCenter::OnBreakEnd(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.break_capped) --g.capped_breaks;
  a.break_capped = false;
  const bool was_break = a.state == AgentState::kBreak;
  // Back at work (a state change for the time accounts), then next.
  SetState(agent, AgentState::kIdle);
  if (was_break && !a.leaving) ScheduleBreak(agent);
  AgentFree(agent);
  ServeBreakWaiters(a.group);
}

void CallCenter::ServeBreakWaiters(uint32_t group) {
  Group& g = groups_[group];
  for (size_t i = 0; i < g.break_waiters.size() && BreakAllowed(g);) {
    const uint32_t agent = g.break_waiters[i];
    Agent& a = agents_[agent];
    if (a.state == AgentState::kIdle) {
      const ShiftSpec& sh = s_.agent_groups[group].shifts[a.shift];
      StartBreak(agent, /*aux=*/false, sh.breaks[a.next_break].duration);
      // StartBreak removed entry i; the next waiter is now at i.
    } else {
      ++i;
    }
  }
}

void CallCenter::RemoveBreakWaiter(uint32_t agent) {
  Agent& a = agents_[agent];
  if (!a.break_waiting) return;
  a.break_waiting = false;
  std::vector<uint32_t>& w = groups_[a.group].break_waiters;
  w.erase(std::find(w.begin(), w.end(), agent));
}

void CallCenter::ScheduleAux(uint32_t agent) {
  const AgentGroupSpec& spec = s_.agent_groups[agents_[agent].group];
  if (spec.aux_per_hour <= 0) return;
  const Time at = sim_.now() + SampledDuration(agent_rng_[agent].Exponential(
                                   3600.0 / spec.aux_per_hour));
  if (at >= end_) return;
  agents_[agent].aux_seq = sim_.Schedule(at, kAuxRequest, agent);
}

void CallCenter::OnAuxRequest(uint32_t agent, uint64_t seq) {
  Agent& a = agents_[agent];
  if (a.aux_seq != seq) return;
  a.aux_seq = 0;
  ScheduleAux(agent);
  if (a.leaving || a.break_pending) return;
  if (a.state == AgentState::kTalk || a.state == AgentState::kWrap) {
    a.aux_pending = true;
  } else if (a.state == AgentState::kIdle && BreakAllowed(groups_[a.group])) {
    StartBreak(agent, /*aux=*/true,
               Draw(*s_.agent_groups[a.group].aux_duration, agent_rng_[agent]));
  }
}

// ---------------------------------------------------------------------------
// Accounting

void CallCenter::AccountAgents(uint32_t group) {
  Group& g = groups_[group];
  const Time now = sim_.now();
  Time from = std::max(g.accounted_until, warmup_);
  const Time to = std::min(now, end_);
  if (now > g.accounted_until) g.accounted_until = now;
  if (to <= from || g.logged_in == 0) return;
  int64_t k = from / interval_;
  AgentTicks* bins = &agent_time_[group * reported_intervals_];
  while (from < to) {
    const Time boundary = interval_ * (k + 1);
    const Time seg_end = std::min(boundary, to);
    const int64_t dt = (seg_end - from).ticks();
    AgentTicks& at = bins[k - warmup_intervals_];
    at.staffed += g.logged_in * dt;
    at.talk += g.in_state[static_cast<int>(AgentState::kTalk)] * dt;
    at.wrap += g.in_state[static_cast<int>(AgentState::kWrap)] * dt;
    at.on_break += g.in_state[static_cast<int>(AgentState::kBreak)] * dt;
    at.aux += g.in_state[static_cast<int>(AgentState::kAux)] * dt;
    at.idle += static_cast<int64_t>(g.idle.size) * dt;
    from = seg_end;
    ++k;
  }
}

CallCenter::AgentTicks* CallCenter::AgentBin(uint32_t group, Time t) {
  if (t < warmup_ || t >= end_) return nullptr;
  return &agent_time_[group * reported_intervals_ + t / interval_ -
                      warmup_intervals_];
}

void CallCenter::AddOverrun(uint32_t group, Time lost) {
  if (AgentTicks* bin = AgentBin(group, sim_.now())) {
    bin->overrun += lost.ticks();
  }
}

CallCounters& CallCenter::CountersFor(const Call& c) {
  assert(c.counted);
  return counters_[c.bin];
}

uint32_t CallCenter::NewCall() {
  if (free_calls_ != kNone) {
    const uint32_t id = free_calls_;
    free_calls_ = calls_[id].next;
    return id;
  }
  calls_.push_back(Call{});
  return static_cast<uint32_t>(calls_.size() - 1);
}

void CallCenter::FreeCall(uint32_t call) {
  Call& c = calls_[call];
  c.abandon_seq = 0;
  c.timer_seq = 0;
  c.next = free_calls_;
  free_calls_ = call;
}

uint32_t CallCenter::NewCaller(uint32_t type, uint64_t seed) {
  uint32_t id;
  if (free_callers_ != kNone) {
    id = free_callers_;
    free_callers_ = callers_[id].next_free;
  } else {
    callers_.push_back(Caller{.rng = Rng(0),
                              .type = 0,
                              .attempts = 0,
                              .cause = kFirst,
                              .next_free = kNone});
    id = static_cast<uint32_t>(callers_.size() - 1);
  }
  Caller& c = callers_[id];
  c.rng = Rng(seed);
  c.type = type;
  c.attempts = 0;
  c.cause = kFirst;
  return id;
}

void CallCenter::FreeCaller(uint32_t caller) {
  if (caller == kNone) return;
  callers_[caller].next_free = free_callers_;
  free_callers_ = caller;
}

template <class Item>
void CallCenter::PushBack(List& list, std::vector<Item>& items, uint32_t id) {
  items[id].prev = list.tail;
  items[id].next = kNone;
  if (list.tail != kNone) {
    items[list.tail].next = id;
  } else {
    list.head = id;
  }
  list.tail = id;
  ++list.size;
}

template <class Item>
void CallCenter::Unlink(List& list, std::vector<Item>& items, uint32_t id) {
  Item& it = items[id];
  if (it.prev != kNone) {
    items[it.prev].next = it.next;
  } else {
    list.head = it.next;
  }
  if (it.next != kNone) {
    items[it.next].prev = it.prev;
  } else {
    list.tail = it.prev;
  }
  it.prev = it.next = kNone;
  --list.size;
}

ReplicationResult CallCenter::Result() const {
  ReplicationResult r;
  const size_t n_types = types_.size(), n_groups = groups_.size();
  const int64_t R = reported_intervals_;
  CallCounters total_calls;
  AgentTime total_agents;
  std::vector<CallCounters> type_calls(n_types);
  std::vector<AgentTime> group_time(n_groups);
  r.intervals.reserve(R);
  // Per-group interval series only when they differ from the totals'.
  const bool group_series = n_groups > 1;
  if (group_series) r.agent_group_intervals.resize(n_groups * R);
  const CallCounters no_calls;
  for (int64_t i = 0; i < R; ++i) {
    CallCounters calls;
    AgentTime agents;
    for (size_t t = 0; t < n_types; ++t) {
      const CallCounters& c = counters_[t * R + i];
      calls.Add(c);
      type_calls[t].Add(c);
    }
    for (size_t g = 0; g < n_groups; ++g) {
      const AgentTicks& ticks = agent_time_[g * R + i];
      auto secs = [](int64_t t) { return Time::Ticks(t).seconds(); };
      const AgentTime a{.staffed_s = secs(ticks.staffed),
                        .busy_s = secs(ticks.talk + ticks.wrap),
                        .talk_s = secs(ticks.talk),
                        .wrap_s = secs(ticks.wrap),
                        .break_s = secs(ticks.on_break),
                        .aux_s = secs(ticks.aux),
                        .idle_s = secs(ticks.idle),
                        .overrun_s = secs(ticks.overrun),
                        .breaks_postponed = ticks.breaks_postponed,
                        .breaks_forced = ticks.breaks_forced};
      agents.Add(a);
      group_time[g].Add(a);
      if (group_series) {
        r.agent_group_intervals[g * R + i] = ComputeMetrics(no_calls, &a);
      }
    }
    total_calls.Add(calls);
    total_agents.Add(agents);
    r.intervals.push_back(ComputeMetrics(calls, &agents));
  }
  r.total = ComputeMetrics(total_calls, &total_agents);
  for (size_t t = 0; t < n_types; ++t) {
    r.call_types.push_back(ComputeMetrics(type_calls[t], nullptr));
  }
  for (size_t g = 0; g < n_groups; ++g) {
    r.agent_groups.push_back(ComputeMetrics(group_calls_[g], &group_time[g]));
  }
  r.events = sim_.events_handled();
  r.calls = calls_created_;
  return r;
}

}  // namespace ccsim::model
