#include "sim/model/call_center.h"

#include <algorithm>
#include <cassert>

namespace ccsim::model {

namespace {

// A drawn duration as Time. Heavy-tailed distributions can draw values far
// beyond any horizon; they are capped at 10^12 s (31,700 years) so that
// event times never overflow.
Time SampledDuration(double seconds) {
  constexpr double kMaxSeconds = 1e12;
  return Time::Seconds(seconds < kMaxSeconds ? seconds : kMaxSeconds);
}

}  // namespace

CallCenter::CallCenter(const Scenario& scenario, uint64_t seed, int replication)
    : s_(scenario),
      interval_(scenario.interval),
      warmup_(scenario.warmup),
      end_(scenario.warmup + scenario.horizon),
      intervals_per_day_(scenario.intervals_per_day()),
      warmup_intervals_(scenario.warmup_intervals()),
      reported_intervals_(scenario.total_intervals() -
                          scenario.warmup_intervals()) {
  const uint64_t rep = static_cast<uint64_t>(replication);
  types_.reserve(s_.call_types.size());
  for (const CallTypeSpec& t : s_.call_types) {
    const uint64_t key = StableHash(t.name);
    types_.push_back(TypeState{
        .arrivals = Rng::ForStream(seed, rep, Stream::kArrivals, key),
        .handle = Rng::ForStream(seed, rep, Stream::kHandleTime, key),
        .patience = Rng::ForStream(seed, rep, Stream::kPatience, key),
        .queue = {},
        .groups = {},
        .has_patience = t.patience.has_value(),
        .has_arrivals = std::any_of(t.rate_per_s.begin(), t.rate_per_s.end(),
                                    [](double r) { return r > 0; }),
    });
  }
  groups_.resize(s_.agent_groups.size());
  uint32_t next_agent = 0;
  for (size_t g = 0; g < groups_.size(); ++g) {
    const AgentGroupSpec& spec = s_.agent_groups[g];
    Group& group = groups_[g];
    int most = 0;
    for (int n : spec.staffing) most = std::max(most, n);
    group.first_agent = next_agent;
    group.slots = static_cast<uint32_t>(most);
    next_agent += group.slots;
    for (int t : spec.skills) {
      group.types.push_back(static_cast<uint32_t>(t));
      types_[t].groups.push_back(static_cast<uint32_t>(g));
    }
    // Lowest index logs in first.
    for (uint32_t i = group.slots; i > 0; --i) {
      group.off.push_back(group.first_agent + i - 1);
    }
  }
  agents_.resize(next_agent);
  for (size_t g = 0; g < groups_.size(); ++g) {
    for (uint32_t i = 0; i < groups_[g].slots; ++i) {
      Agent& a = agents_[groups_[g].first_agent + i];
      a = Agent{.idle_since = Time::Zero(),
                .group = static_cast<uint32_t>(g),
                .prev = kNone,
                .next = kNone,
                .state = AgentState::kOff,
                .leaving = false};
    }
  }
  counters_.resize(types_.size() * reported_intervals_);
  agent_time_.resize(groups_.size() * reported_intervals_);
  group_calls_.resize(groups_.size());
  calls_.reserve(1024);
  sim_.Reserve(1024);
}

void CallCenter::Run() {
  // Staffing first, so that agents are in place for calls at time zero.
  sim_.Schedule(Time::Zero(), kStaffing, 0);
  for (uint32_t t = 0; t < types_.size(); ++t) {
    ScheduleNextArrival(t, Time::Zero());
  }
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
  }
}

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
    const double r = rate[k % intervals_per_day_];
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

void CallCenter::OnArrival(uint32_t type) {
  const Time now = sim_.now();
  ScheduleNextArrival(type, now);
  TypeState& ts = types_[type];
  const CallTypeSpec& spec = s_.call_types[type];

  const uint32_t id = NewCall();
  Call& c = calls_[id];
  c.arrival = now;
  c.type = type;
  c.abandon_seq = 0;
  c.counted = now >= warmup_;
  // Both drawn for every caller, so that the draws line up across variants.
  c.handle = SampledDuration(spec.handle_time.Sample(ts.handle));
  const Time patience =
      ts.has_patience ? SampledDuration(spec.patience->Sample(ts.patience))
                      : Time::Infinite();
  ++calls_in_system_;
  ++calls_created_;
  if (c.counted) ++CountersFor(c).offered;

  // The agent idle longest among the groups that take this type.
  uint32_t best = kNone;
  for (uint32_t g : ts.groups) {
    const uint32_t a = groups_[g].idle.head;
    if (a != kNone &&
        (best == kNone || agents_[a].idle_since < agents_[best].idle_since)) {
      best = a;
    }
  }
  if (best != kNone) {
    Group& g = groups_[agents_[best].group];
    AccountAgents(agents_[best].group);
    Unlink(g.idle, agents_, best);
    agents_[best].state = AgentState::kBusy;
    ++g.busy;
    StartService(best, id);
    return;
  }
  PushBack(ts.queue, calls_, id);
  ++waiting_;
  if (!patience.is_infinite()) {
    c.abandon_seq = sim_.Schedule(now + patience, kAbandon, id);
  }
}

void CallCenter::StartService(uint32_t agent, uint32_t call) {
  const Call& c = calls_[call];
  const Time wait = sim_.now() - c.arrival;
  if (c.counted) {
    CallCounters& cc = CountersFor(c);
    const double w = wait.seconds();
    ++cc.answered;
    if (wait <= s_.service_level.threshold) ++cc.answered_within;
    if (wait > Time::Zero()) ++cc.waited;
    cc.wait_answered_s += w;
    cc.wait_all_s += w;
    cc.handle_s += c.handle.seconds();
    CallCounters& gc = group_calls_[agents_[agent].group];
    ++gc.answered;
    gc.handle_s += c.handle.seconds();
  }
  sim_.ScheduleIn(c.handle, kServiceEnd, agent);
  FinishCall(call);
}

bool CallCenter::TakeNextCall(uint32_t agent) {
  Group& g = groups_[agents_[agent].group];
  uint32_t best = kNone;
  uint32_t best_type = 0;
  for (uint32_t t : g.types) {
    const uint32_t c = types_[t].queue.head;
    if (c != kNone &&
        (best == kNone || calls_[c].arrival < calls_[best].arrival)) {
      best = c;
      best_type = t;
    }
  }
  if (best == kNone) return false;
  Unlink(types_[best_type].queue, calls_, best);
  --waiting_;
  calls_[best].abandon_seq = 0;  // cancels the abandonment (lazily)
  StartService(agent, best);
  return true;
}

void CallCenter::OnServiceEnd(uint32_t agent) {
  Agent& a = agents_[agent];
  if (a.leaving) {
    AccountAgents(a.group);
    LogOff(agent);
    return;
  }
  if (TakeNextCall(agent)) return;
  AccountAgents(a.group);
  --groups_[a.group].busy;
  MakeIdle(agent);
}

void CallCenter::OnAbandon(uint32_t call, uint64_t seq) {
  Call& c = calls_[call];
  if (c.abandon_seq != seq) return;  // answered before; a stale event
  TypeState& ts = types_[c.type];
  Unlink(ts.queue, calls_, call);
  --waiting_;
  if (c.counted) {
    CallCounters& cc = CountersFor(c);
    const Time wait = sim_.now() - c.arrival;
    ++cc.abandoned;
    if (wait <= s_.service_level.short_abandon) ++cc.abandoned_short;
    if (wait > Time::Zero()) ++cc.waited;
    cc.wait_all_s += wait.seconds();
  }
  FinishCall(call);
}

void CallCenter::MakeIdle(uint32_t agent) {
  Agent& a = agents_[agent];
  a.state = AgentState::kIdle;
  a.idle_since = sim_.now();
  PushBack(groups_[a.group].idle, agents_, agent);
}

void CallCenter::LogOff(uint32_t agent) {
  Agent& a = agents_[agent];
  Group& g = groups_[a.group];
  if (a.state == AgentState::kBusy) --g.busy;
  if (a.leaving) --g.leaving;
  a.leaving = false;
  a.state = AgentState::kOff;
  --g.logged_in;
  g.off.push_back(agent);
}

void CallCenter::OnStaffing(int64_t interval) {
  const int slot = static_cast<int>(interval % intervals_per_day_);
  for (uint32_t g = 0; g < groups_.size(); ++g) {
    SetStaffing(g, s_.agent_groups[g].staffing[slot]);
  }
  // After the horizon the schedule goes on only while callers still wait.
  const Time next = interval_ * (interval + 1);
  if (next < end_ || waiting_ > 0) {
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
    ++g.logged_in;
    ++active;
    agents_[a].leaving = false;
    if (TakeNextCall(a)) {
      agents_[a].state = AgentState::kBusy;
      ++g.busy;
    } else {
      MakeIdle(a);
    }
  }
  // Fewer wanted: idle agents leave first (the most recently idle), then
  // busy agents are told to leave after their call.
  while (active > target && g.idle.size > 0) {
    const uint32_t a = g.idle.tail;
    Unlink(g.idle, agents_, a);
    LogOff(a);
    --active;
  }
  for (uint32_t a = begin; active > target && a < end; ++a) {
    if (agents_[a].state == AgentState::kBusy && !agents_[a].leaving) {
      agents_[a].leaving = true;
      ++g.leaving;
      --active;
    }
  }
}

void CallCenter::AccountAgents(uint32_t group) {
  Group& g = groups_[group];
  const Time now = sim_.now();
  Time from = std::max(g.accounted_until, warmup_);
  const Time to = std::min(now, end_);
  if (now > g.accounted_until) g.accounted_until = now;
  if (to <= from || (g.logged_in == 0 && g.busy == 0)) return;
  int64_t k = from / interval_;
  AgentTicks* bins = &agent_time_[group * reported_intervals_];
  while (from < to) {
    const Time boundary = interval_ * (k + 1);
    const Time seg_end = std::min(boundary, to);
    const int64_t dt = (seg_end - from).ticks();
    AgentTicks& at = bins[k - warmup_intervals_];
    at.staffed += g.logged_in * dt;
    at.busy += g.busy * dt;
    from = seg_end;
    ++k;
  }
}

CallCounters& CallCenter::CountersFor(const Call& c) {
  const int64_t bin = c.arrival / interval_ - warmup_intervals_;
  assert(bin >= 0 && bin < reported_intervals_);
  return counters_[c.type * reported_intervals_ + bin];
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

void CallCenter::FinishCall(uint32_t call) {
  --calls_in_system_;
  Call& c = calls_[call];
  c.abandon_seq = 0;
  c.next = free_calls_;
  free_calls_ = call;
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
      const AgentTime a{.staffed_s = Time::Ticks(ticks.staffed).seconds(),
                        .busy_s = Time::Ticks(ticks.busy).seconds()};
      agents.Add(a);
      group_time[g].Add(a);
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
